//! The page state and its reducer: pure, so it is unit-tested natively.

use crate::share::{self, Shared};
use crate::templates::{self, default_template};
use std::rc::Rc;
use yew::Reducible;

/// What the user is working on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Event text.
    pub event: Rc<str>,
    /// Pattern text.
    pub pattern: Rc<str>,
    /// Id of the template last loaded ("" for none).
    pub template: String,
    /// A message for the user (a bad share link, a failed format…).
    pub notice: Option<String>,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The event editor changed.
    EditEvent(String),
    /// The pattern editor changed.
    EditPattern(String),
    /// A template was picked.
    LoadTemplate(String),
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

impl State {
    /// A template's state.
    pub fn from_template(t: &templates::Template) -> State {
        State {
            event: t.event.into(),
            pattern: t.pattern.into(),
            template: t.id.to_string(),
            notice: None,
        }
    }

    /// The state on load: a share link wins, then the autosaved state, then
    /// the first template. A bad link gives the default state and a notice.
    pub fn initial(fragment: Option<&str>, saved: Option<&str>) -> State {
        let fragment = fragment
            .map(|f| f.trim_start_matches('#'))
            .filter(|f| !f.is_empty());
        if let Some(f) = fragment {
            return match share::decode(f) {
                Ok(s) => State::from_shared(s),
                Err(reason) => State {
                    notice: Some(format!("This share link could not be opened: {reason}. Showing the default example instead.")),
                    ..State::from_template(default_template())
                },
            };
        }
        if let Some(Ok(s)) = saved.map(share::decode) {
            return State::from_shared(s);
        }
        State::from_template(default_template())
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
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditEvent(text) => next.event = text.into(),
            Action::EditPattern(text) => next.pattern = text.into(),
            Action::LoadTemplate(id) => match templates::find(&id) {
                Some(t) => next = State::from_template(t),
                None => next.notice = Some(format!("There is no template `{id}`.")),
            },
            Action::FormatEvent => match eventpattern::json::format(&next.event) {
                Ok(text) => next.event = text.into(),
                Err(e) => {
                    next.notice = Some(format!("The event cannot be formatted: {}", e.message))
                }
            },
            Action::FormatPattern => match eventpattern::json::format(&next.pattern) {
                Ok(text) => next.pattern = text.into(),
                Err(e) => {
                    next.notice = Some(format!("The pattern cannot be formatted: {}", e.message))
                }
            },
            Action::WrapCloudTrail => match wrap_cloudtrail(&next.event) {
                Ok(text) => next.event = text.into(),
                Err(m) => next.notice = Some(m),
            },
            Action::Notify(m) => next.notice = Some(m),
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
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

    #[test]
    fn loads_templates_and_edits() {
        let s = State::initial(None, None);
        assert_eq!(s.template, "ec2-state-change");
        let s = apply(s, Action::LoadTemplate("lambda-esm".into()));
        assert!(s.pattern.contains("UpdateEventSourceMapping"));
        let s = apply(s, Action::EditPattern("{}".into()));
        assert_eq!(&*s.pattern, "{}");
        assert_eq!(s.template, "lambda-esm");
        let s = apply(s, Action::LoadTemplate("nope".into()));
        assert!(s.notice.unwrap().contains("nope"));
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
    fn link_beats_storage_and_bad_link_gives_default() {
        let mut custom = State::initial(None, None);
        custom.pattern = "{\"x\": [1]}".into();
        let saved = share::encode(&custom.shared());
        let mut linked = custom.clone();
        linked.pattern = "{\"y\": [2]}".into();
        let link = share::encode(&linked.shared());
        assert_eq!(
            State::initial(Some(&format!("#{link}")), Some(&saved)).pattern,
            linked.pattern
        );
        assert_eq!(State::initial(None, Some(&saved)).pattern, custom.pattern);
        let bad = State::initial(Some("#v1.garbage!"), Some(&saved));
        assert_eq!(bad.template, "ec2-state-change");
        assert!(bad.notice.is_some());
    }
}
