//! The verdict: a word, a symbol and a summary, readable without colour.

use crate::analysis::Verdict;
use eventpattern::FieldStatus;
use yew::prelude::*;

/// Properties of [`VerdictBanner`].
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// What to show.
    pub analysis: crate::analysis::SharedAnalysis,
}

/// See the module documentation.
#[function_component]
pub fn VerdictBanner(props: &VerdictProps) -> Html {
    let a = &props.analysis;
    let (class, symbol) = match a.verdict {
        Verdict::Match => ("verdict verdict-match", "✓"),
        Verdict::NoMatch => ("verdict verdict-nomatch", "✗"),
        Verdict::Invalid => ("verdict verdict-invalid", "!"),
    };
    let matched = a
        .fields
        .iter()
        .filter(|f| f.status == FieldStatus::Matched)
        .count();
    let summary = match (a.verdict, &a.problem) {
        (Verdict::Invalid, Some(p)) => match p.side {
            crate::analysis::Side::Pattern => {
                "The pattern is not valid; AWS would refuse it.".to_string()
            }
            crate::analysis::Side::Event => "The event is not a valid JSON object.".to_string(),
        },
        (Verdict::Match, _) if !a.delivery.is_empty() => format!(
            "{} matched; whether AWS delivers this event depends on the rule and the trail (see Why).",
            all_fields(a.fields.len())
        ),
        (Verdict::Match, _) => format!(
            "{} matched: AWS would deliver this event to the rule's targets.",
            all_fields(a.fields.len())
        ),
        _ if a.cloudtrail_shape != eventpattern::cloudtrail::Shape::Other => format!(
            "{matched} of {} matched: this is a raw CloudTrail record, not the event EventBridge delivers — wrap it with the button above the event editor.",
            fields(a.fields.len())
        ),
        _ => format!(
            "{matched} of {} matched: AWS would not deliver this event.",
            fields(a.fields.len())
        ),
    };
    html! {
        <div class={class} role="status" aria-live="polite">
            <span class="verdict-symbol" aria-hidden="true">{ symbol }</span>
            <strong class="verdict-word" data-testid="verdict">{ a.verdict.text() }</strong>
            <span class="verdict-summary">{ summary }</span>
        </div>
    }
}

/// "1 pattern field", "3 pattern fields".
fn fields(n: usize) -> String {
    if n == 1 {
        "1 pattern field".into()
    } else {
        format!("{n} pattern fields")
    }
}

/// "The pattern field", "All 3 pattern fields".
fn all_fields(n: usize) -> String {
    if n == 1 {
        "The pattern's one field".into()
    } else {
        format!("All {}", fields(n))
    }
}
