//! The page state and its reducer: pure, so it is unit-tested natively.

use crate::analysis::Side;
use crate::share::Shared;
use crate::templates::{self, default_template};
use crate::text::Text;
use eventpattern::compose::{add_condition, start_from_event, Edit, Placement};
use std::rc::Rc;
use yew::Reducible;

/// What the user is working on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Event text.
    pub event: Text,
    /// Pattern text.
    pub pattern: Text,
    /// Id of the template last loaded ("" for none).
    pub template: String,
    /// A message for the user (a bad share link, a failed format…).
    pub notice: Option<String>,
    /// Counts changes to the pattern that did not come from typing in its
    /// editor (templates, fixes, format…): only these are written into the
    /// editor, so the textarea is never rewritten under the user's fingers.
    pub pattern_rev: u32,
    /// The same for the event.
    pub event_rev: u32,
    /// Whether the last outside change should take the focus and select what
    /// changed (a fix applied, a condition added from the event view).
    pub focus_change: Option<Side>,
    /// What to select after that change (bytes of the new text); the whole
    /// changed part when `None`.
    pub select: Option<(usize, usize)>,
    /// The last outside change was a Format of this editor: written in
    /// through the editing command (so Ctrl+Z undoes it), the caret kept.
    pub formatted: Option<Side>,
    /// The work a template (or an opened link) replaced, until the user edits again.
    pub undo: Option<Box<Shared>>,
    /// That work was replaced by the share link the page opened.
    pub undo_from_link: bool,
    /// Whether the user changed anything since the page loaded.
    pub edited: bool,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The user typed in the event editor.
    EditEvent(String),
    /// The user typed in the pattern editor.
    EditPattern(String),
    /// A new pattern from outside the editor (a fix, a condition added from
    /// the event): written into the editor, which selects the change.
    ApplyPattern(String),
    /// A condition chosen on an event value (the value's keys, the
    /// condition's JSON, where it goes): the engine edits the pattern, which
    /// the editor writes in with the condition selected.
    Compose(Vec<String>, String, Placement),
    /// Replace the pattern with one keyed on the event's identity fields.
    StartFromEvent,
    /// A template was picked and its texts are here.
    LoadTemplate(Shared),
    /// Put back the work the last template replaced.
    Undo,
    /// Another tab saved this state; take it.
    Restore(Shared),
    /// Pretty-print the event.
    FormatEvent,
    /// Pretty-print the pattern.
    FormatPattern,
    /// Replace a pasted CloudTrail record (or log file) with the EventBridge event carrying it.
    WrapCloudTrail,
    /// Show a message.
    Notify(String),
    /// Hide the message.
    DismissNotice,
}

/// Formatting may grow a text (indentation); past this many bytes, and more
/// than this factor of the original, it is refused rather than freezing the page.
const FORMAT_GROWTH_LIMIT: usize = 8;
const FORMAT_FLOOR_BYTES: usize = 1 << 20;

impl State {
    /// A template's state.
    /// (Used for the first template, whose texts are always embedded.)
    pub fn from_template(t: &templates::Template) -> State {
        let (event, pattern) = t.texts.unwrap_or_default();
        State::from_shared(Shared {
            event: event.into(),
            pattern: pattern.into(),
            template: t.id.to_string(),
        })
    }

    /// The state on load: a share link wins, then the saved work, then the
    /// first template. A bad link gives the saved work (or the default) and a notice.
    pub fn initial(link: Option<Result<Shared, String>>, saved: Option<Shared>) -> State {
        let fallback = || {
            saved.clone().map_or_else(
                || State::from_template(default_template()),
                State::from_shared,
            )
        };
        match link {
            // The link wins, and the saved work it replaced stays one Undo away.
            Some(Ok(s)) => {
                let mine = saved.filter(|w| *w != s).map(Box::new);
                State {
                    undo_from_link: mine.is_some(),
                    undo: mine,
                    ..State::from_shared(s)
                }
            }
            Some(Err(reason)) => State {
                notice: Some(format!(
                    "This share link could not be opened: {reason}. Showing {} instead.",
                    if saved.is_some() {
                        "your saved work"
                    } else {
                        "the default example"
                    }
                )),
                ..fallback()
            },
            None => fallback(),
        }
    }

    fn from_shared(s: Shared) -> State {
        let template = if templates::find(&s.template).is_some() {
            s.template
        } else {
            String::new()
        };
        State {
            event: s.event.into(),
            pattern: s.pattern.into(),
            template,
            notice: None,
            pattern_rev: 0,
            event_rev: 0,
            focus_change: None,
            formatted: None,
            select: None,
            undo: None,
            undo_from_link: false,
            edited: false,
        }
    }

    /// The state as share-link / storage data.
    pub fn shared(&self) -> Shared {
        Shared {
            event: self.event.to_string(),
            pattern: self.pattern.to_string(),
            template: self.template.clone(),
        }
    }

    /// Replaces the texts from outside the editors (both revisions move on).
    /// Takes a pattern edited by the engine: the editor writes it in and
    /// selects the change.
    fn apply_edit(&mut self, edit: Edit) {
        self.pattern = edit.text.into();
        self.pattern_rev += 1;
        self.focus_change = Some(Side::Pattern);
        self.select = Some((edit.selection.start as usize, edit.selection.end as usize));
        self.undo = None;
        if edit.note.is_some() {
            self.notice = edit.note;
        }
    }

    fn replace_all(&mut self, s: Shared) {
        let fresh = State::from_shared(s);
        self.event = fresh.event;
        self.pattern = fresh.pattern;
        self.template = fresh.template;
        self.pattern_rev += 1;
        self.event_rev += 1;
        self.focus_change = None;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let edits = !matches!(action, Action::Notify(_) | Action::DismissNotice);
        if edits {
            next.edited = true;
            next.focus_change = None;
            next.select = None;
            next.formatted = None;
        }
        match action {
            Action::EditEvent(text) => {
                next.event = text.into();
                next.undo = None;
            }
            Action::EditPattern(text) => {
                next.pattern = text.into();
                next.undo = None;
            }
            Action::ApplyPattern(text) => {
                next.pattern = text.into();
                next.pattern_rev += 1;
                next.focus_change = Some(Side::Pattern);
                next.undo = None;
            }
            Action::Compose(keys, condition, placement) => {
                let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                match add_condition(&next.pattern, &keys, &condition, placement) {
                    Ok(edit) => next.apply_edit(edit),
                    Err(e) => next.notice = Some(format!("The condition was not added: {e}.")),
                }
            }
            Action::StartFromEvent => match start_from_event(&next.event) {
                Ok(Some(edit)) => next.apply_edit(edit),
                Ok(None) => {
                    next.notice = Some(
                        "The event has no `source` or `detail-type` to start a pattern from."
                            .into(),
                    )
                }
                Err(e) => next.notice = Some(format!("The event cannot be read: {}.", e.message)),
            },
            Action::LoadTemplate(t) => {
                if next.shared() != t {
                    let before = next.shared();
                    next.replace_all(t);
                    next.undo = Some(Box::new(before));
                    next.undo_from_link = false;
                    next.notice = None;
                }
            }
            Action::Undo => {
                if let Some(before) = next.undo.take() {
                    next.replace_all(*before);
                }
            }
            Action::Restore(s) => {
                next.replace_all(s);
                next.undo = None;
                next.notice = None;
            }
            Action::FormatEvent => match format_text(&next.event, None) {
                Ok(text) => {
                    if *text != *next.event {
                        next.event = text.into();
                        next.event_rev += 1;
                        next.formatted = Some(Side::Event);
                    }
                }
                Err(m) => next.notice = Some(format!("The event was not formatted: {m}")),
            },
            Action::FormatPattern => {
                match format_text(
                    &next.pattern,
                    Some(eventpattern::pattern::MAX_PATTERN_LENGTH),
                ) {
                    Ok(text) => {
                        if *text != *next.pattern {
                            next.pattern = text.into();
                            next.pattern_rev += 1;
                            next.formatted = Some(Side::Pattern);
                        }
                    }
                    Err(m) => next.notice = Some(format!("The pattern was not formatted: {m}")),
                }
            }
            Action::WrapCloudTrail => match wrap_cloudtrail(&next.event) {
                Ok(text) => {
                    next.event = text.into();
                    next.event_rev += 1;
                    next.undo = None;
                }
                Err(m) => next.notice = Some(m),
            },
            Action::Notify(m) => next.notice = Some(m),
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
}

/// Pretty-prints `text` with the engine's formatter (linear, deep nesting
/// kept inline), refusing (with the reason) rather than producing a text that
/// would swamp the editor or, for a pattern, pass AWS's length limit (counted
/// in UTF-16 units, as AWS counts characters).
fn format_text(text: &str, utf16_limit: Option<usize>) -> Result<String, String> {
    use eventpattern::json::{format_within, FormatError};
    use eventpattern::Encoding;
    let bound = (text.len() * FORMAT_GROWTH_LIMIT).max(FORMAT_FLOOR_BYTES);
    let before = utf16_limit.map(|_| text.encode_utf16().count());
    let (limit, unit) = match (utf16_limit, before) {
        (Some(limit), Some(before)) if before <= limit => (limit, Encoding::Utf16),
        _ => (bound, Encoding::Utf8),
    };
    format_within(text, limit, unit).map_err(|e| match (e, before) {
        (FormatError::TooLong { limit }, Some(before)) if unit == Encoding::Utf16 => format!(
            "formatted, it would have more than {limit} characters, over AWS's limit for a pattern (it has {before} now)."
        ),
        (FormatError::TooLong { .. }, _) => "the formatted text would be too large to edit.".into(),
        (FormatError::Syntax(e), _) => e.message,
    })
}

/// The EventBridge event for a CloudTrail record or the first record of a log, formatted.
fn wrap_cloudtrail(text: &str) -> Result<String, String> {
    use eventpattern::cloudtrail::{first_record, shape, wrap, Shape};
    let record = match shape(text) {
        Shape::Record => text,
        Shape::Log => first_record(text).ok_or("The CloudTrail log has no records.")?,
        Shape::Other => return Err("The event is not a CloudTrail record.".into()),
    };
    let event = wrap(record).map_err(|e| format!("The record cannot be wrapped: {}", e.message))?;
    eventpattern::json::format(&event).map_err(|e| e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(s: State, a: Action) -> State {
        (*Rc::new(s).reduce(a)).clone()
    }

    /// A template picked, with its (embedded, in tests) texts.
    fn pick(id: &str) -> Action {
        let t = templates::find(id).unwrap();
        let (event, pattern) = t.texts.unwrap();
        Action::LoadTemplate(Shared {
            event: event.into(),
            pattern: pattern.into(),
            template: id.into(),
        })
    }

    #[test]
    fn loads_templates_and_edits() {
        let s = State::initial(None, None);
        assert_eq!(s.template, "ec2-state-change");
        let s = apply(s, pick("lambda-esm"));
        assert!(s.pattern.contains("UpdateEventSourceMapping"));
        let s = apply(s, Action::EditPattern("{}".into()));
        assert_eq!(&*s.pattern, "{}");
        assert_eq!(s.template, "lambda-esm");
    }

    #[test]
    fn wraps_cloudtrail_records_and_logs() {
        let record = r#"{"eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "awsRegion": "eu-west-1", "eventType": "AwsApiCall"}"#;
        let s = apply(State::initial(None, None), Action::EditEvent(record.into()));
        let s = apply(s, Action::WrapCloudTrail);
        assert!(s
            .event
            .contains("\"detail-type\": \"AWS API Call via CloudTrail\""));
        assert!(s.event.contains("\"source\": \"aws.s3\""));
        let log = format!("{{\"Records\": [{record}]}}");
        let s = apply(s, Action::EditEvent(log));
        let s = apply(s, Action::WrapCloudTrail);
        assert!(s.event.contains("\"region\": \"eu-west-1\""));
        let s = apply(s, Action::WrapCloudTrail);
        assert!(s.notice.is_some());
    }

    #[test]
    fn format_keeps_text_on_error() {
        let s = apply(
            State::initial(None, None),
            Action::EditPattern("{\"a\":[1]}".into()),
        );
        let s = apply(s, Action::FormatPattern);
        assert_eq!(&*s.pattern, "{\n  \"a\": [\n    1\n  ]\n}\n");
        let s = apply(s, Action::EditPattern("{\"a\":".into()));
        let s = apply(s, Action::FormatPattern);
        assert_eq!(&*s.pattern, "{\"a\":");
        assert!(s.notice.is_some());
    }

    #[test]
    fn an_opened_link_keeps_the_saved_work_one_undo_away() {
        let mine = Shared {
            event: "{}".into(),
            pattern: "{\"mine\": [1]}".into(),
            template: String::new(),
        };
        let theirs = Shared {
            pattern: "{\"theirs\": [1]}".into(),
            ..mine.clone()
        };
        let s = State::initial(Some(Ok(theirs.clone())), Some(mine.clone()));
        assert_eq!(&*s.pattern, "{\"theirs\": [1]}");
        assert!(s.undo_from_link);
        let undone = apply(s, Action::Undo);
        assert_eq!(&*undone.pattern, "{\"mine\": [1]}");
        let same = State::initial(Some(Ok(mine.clone())), Some(mine));
        assert!(same.undo.is_none());
    }

    #[test]
    fn templates_are_undoable_until_the_next_edit() {
        let s = apply(
            State::initial(None, None),
            Action::EditPattern("{\"mine\": [1]}".into()),
        );
        let s = apply(s, pick("lambda-esm"));
        assert_eq!(s.template, "lambda-esm");
        assert!(s.undo.is_some());
        let undone = apply(s.clone(), Action::Undo);
        assert_eq!(&*undone.pattern, "{\"mine\": [1]}");
        assert_eq!(undone.template, "ec2-state-change");
        assert!(undone.undo.is_none());
        assert!(undone.pattern_rev > s.pattern_rev && undone.event_rev > s.event_rev);
        let typed = apply(s, Action::EditPattern("{}".into()));
        assert!(typed.undo.is_none());
    }

    #[test]
    fn only_outside_changes_move_the_revisions() {
        let s = State::initial(None, None);
        let typed = apply(s.clone(), Action::EditPattern("{\"a\": [1]}".into()));
        assert_eq!(
            (typed.pattern_rev, typed.focus_change),
            (s.pattern_rev, None)
        );
        let fixed = apply(typed, Action::ApplyPattern("{\"a\": [2]}".into()));
        assert_eq!(fixed.pattern_rev, s.pattern_rev + 1);
        assert_eq!(fixed.focus_change, Some(Side::Pattern));
        let formatted = apply(fixed, Action::FormatPattern);
        assert_eq!(formatted.pattern_rev, s.pattern_rev + 2);
        assert_eq!(formatted.focus_change, None);
    }

    #[test]
    fn format_refuses_what_would_break_the_pattern_or_the_editor() {
        // 1,800 characters on one line; indented, 6,300: past 4,096.
        let items: Vec<String> = (0..900).map(|i| format!("{}", i % 10)).collect();
        let long = format!("{{\"k\":[{}]}}", items.join(","));
        let s = apply(
            State::initial(None, None),
            Action::EditPattern(long.clone()),
        );
        let s = apply(s, Action::FormatPattern);
        assert_eq!(&*s.pattern, long);
        assert!(s.notice.unwrap().contains("4096"));
        // Nested 20,000 deep: formatted (deep levels stay inline), never emptied.
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(20_000), "]".repeat(20_000));
        let s = apply(State::initial(None, None), Action::EditEvent(deep.clone()));
        let s = apply(s, Action::FormatEvent);
        assert!(s.notice.is_none());
        let squeezed: String = s.event.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(squeezed, deep);
        assert!(s.event.len() < 4 * deep.len());
    }

    #[test]
    fn link_beats_storage_and_bad_link_keeps_saved_work() {
        let mut custom = State::initial(None, None);
        custom.pattern = "{\"x\": [1]}".into();
        let saved = custom.shared();
        let mut linked = custom.clone();
        linked.pattern = "{\"y\": [2]}".into();
        let link = linked.shared();
        assert_eq!(
            State::initial(Some(Ok(link)), Some(saved.clone())).pattern,
            linked.pattern
        );
        assert_eq!(
            State::initial(None, Some(saved.clone())).pattern,
            custom.pattern
        );
        let bad = State::initial(Some(Err("corrupt".into())), Some(saved));
        assert_eq!(bad.pattern, custom.pattern);
        assert!(bad.notice.unwrap().contains("your saved work"));
        let bad = State::initial(Some(Err("corrupt".into())), None);
        assert_eq!(bad.template, "ec2-state-change");
    }
}
