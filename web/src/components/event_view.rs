//! The event, rendered: every field the pattern names is marked matched,
//! failed or missing (`data-path`, `data-state`); the envelope and, for
//! CloudTrail events, the record's fields carry a one-line explanation.

use crate::analysis::Analysis;
use crate::components::explanation::{hover, status_badge};
use crate::event_tree::{EventNode, NodeKind};
use eventpattern::FieldStatus;
use yew::prelude::*;

/// One-line explanations of the EventBridge envelope fields.
pub fn envelope_note(key: &str) -> Option<&'static str> {
    Some(match key {
        "version" => "Envelope: the envelope format version, always \"0\".",
        "id" => "Envelope: a unique id EventBridge gives each event.",
        "detail-type" => "Envelope: what happened; with `source` it identifies the kind of event.",
        "source" => "Envelope: the service that sent the event, e.g. aws.ec2.",
        "account" => "Envelope: the 12-digit account id, a string.",
        "time" => "Envelope: when the event happened (ISO 8601, UTC).",
        "region" => "Envelope: the region the event came from.",
        "resources" => "Envelope: ARNs of the resources involved (may be empty).",
        "detail" => {
            "Envelope: the service-specific payload; for CloudTrail events, the CloudTrail record."
        }
        _ => return None,
    })
}

/// One-line explanations of the CloudTrail record fields under `detail`.
pub fn cloudtrail_note(key: &str) -> Option<&'static str> {
    Some(match key {
        "userIdentity" => "CloudTrail: who made the call (type, ARN, account, session).",
        "eventSource" => "CloudTrail: the service endpoint called, e.g. s3.amazonaws.com.",
        "eventName" => "CloudTrail: the API action; some services add a version suffix.",
        "requestParameters" => "CloudTrail: the parameters of the request (may be null).",
        "responseElements" => "CloudTrail: what the call returned (null for many calls).",
        "errorCode" => "CloudTrail: present only when the call failed.",
        "errorMessage" => "CloudTrail: the failure's message, when it failed.",
        "eventType" => "CloudTrail: AwsApiCall, AwsConsoleSignIn, AwsServiceEvent…",
        "readOnly" => "CloudTrail: a boolean, true for read-only calls.",
        "managementEvent" => "CloudTrail: true for management events, false for data events.",
        "awsRegion" => "CloudTrail: the region the call was made in.",
        "sourceIPAddress" => "CloudTrail: the caller's IP address (or a service name).",
        "eventTime" => "CloudTrail: when the call was made.",
        "recipientAccountId" => "CloudTrail: the account that received the call.",
        _ => return None,
    })
}

/// Properties of [`EventView`].
#[derive(Properties, PartialEq)]
pub struct EventViewProps {
    /// What to show.
    pub analysis: crate::analysis::SharedAnalysis,
    /// The path being pointed at.
    pub hovered: Option<String>,
    /// Pointer/focus enters (Some) or leaves (None) a marked field.
    pub on_hover: Callback<Option<String>>,
}

struct Ctx<'a> {
    analysis: &'a Analysis,
    hovered: Option<&'a str>,
    on_hover: &'a Callback<Option<String>>,
}

fn label(key: &str, depth: usize, parent_is_detail: bool, ctx: &Ctx<'_>) -> Html {
    let note = if depth == 1 {
        envelope_note(key).map(|n| ("envelope", n))
    } else if depth == 2 && parent_is_detail && ctx.analysis.via_cloudtrail {
        cloudtrail_note(key).map(|n| ("cloudtrail", n))
    } else {
        None
    };
    match note {
        Some((kind, text)) => html! {
            <span class={classes!("tag", format!("tag-{kind}"))} tabindex="0" title={text} aria-label={text}>
                { if kind == "envelope" { "envelope" } else { "CloudTrail" } }
                <span class="tip" role="tooltip">{ text }</span>
            </span>
        },
        None => html! {},
    }
}

fn node(n: &EventNode, depth: usize, parent_is_detail: bool, ctx: &Ctx<'_>) -> Html {
    let state = ctx
        .analysis
        .states
        .get(&n.path)
        .copied()
        .filter(|_| !matches!(n.kind, NodeKind::More(_)));
    let key_html = match &n.key {
        Some(k) => html! { <><span class="key">{ format!("\"{k}\"") }</span>{ ": " }</> },
        None => html! {},
    };
    let tag = n
        .key
        .as_deref()
        .map(|k| label(k, depth, parent_is_detail, ctx))
        .unwrap_or_default();
    let marked = |content: Html, status: FieldStatus| {
        let h = hover(ctx.on_hover, &n.path);
        let linked = ctx.hovered == Some(n.path.as_str());
        html! {
            <div class={classes!("row", "marked", format!("state-{}", status.name()), linked.then_some("linked"))}
                data-path={n.path.clone()} data-state={status.name()} tabindex="0"
                onmouseenter={h.enter} onfocus={h.focus} onmouseleave={h.leave} onblur={h.blur}>
                { content }
                <span class="row-state">{ status_badge(status) }</span>
            </div>
        }
    };
    match &n.kind {
        NodeKind::Value { text, type_name } => {
            let content = html! { <>{ key_html }<span class={classes!("val", format!("val-{type_name}"))}>{ text }</span>{ tag }</> };
            match state {
                Some(s) => marked(content, s),
                None => html! { <div class="row">{ content }</div> },
            }
        }
        NodeKind::More(n) => {
            html! { <div class="row more">{ format!("… {n} more not shown") }</div> }
        }
        NodeKind::Object(children) | NodeKind::Array(children) => {
            let (open, close) = if matches!(n.kind, NodeKind::Object(_)) {
                ("{", "}")
            } else {
                ("[", "]")
            };
            let is_detail = depth == 1 && n.key.as_deref() == Some("detail");
            let head = html! { <>{ key_html }<span class="punct">{ open }</span>if children.is_empty() { <span class="punct">{ close }</span> }{ tag }</> };
            let head = match state {
                Some(s) => marked(head, s),
                None => html! { <div class="row">{ head }</div> },
            };
            html! {
                <div class="node">
                    { head }
                    if !children.is_empty() {
                        <div class="children">
                            { for children.iter().map(|c| node(c, depth + 1, is_detail, ctx)) }
                        </div>
                        <div class="row"><span class="punct">{ close }</span></div>
                    }
                </div>
            }
        }
    }
}

/// See the module documentation.
#[function_component]
pub fn EventView(props: &EventViewProps) -> Html {
    let a = &props.analysis;
    let ctx = Ctx {
        analysis: a,
        hovered: props.hovered.as_deref(),
        on_hover: &props.on_hover,
    };
    let missing: Vec<&String> = a
        .fields
        .iter()
        .filter(|f| f.status == FieldStatus::Missing)
        .map(|f| &f.path)
        .collect();
    let body = match &a.tree {
        Some(t) => node(t, 0, false, &ctx),
        None => {
            html! { <p class="muted">{ "The event is not valid JSON yet; fix it to see its fields." }</p> }
        }
    };
    let kind = if a.via_cloudtrail {
        html! { <p class="event-kind">{ "A CloudTrail record delivered through EventBridge: the envelope is EventBridge's, everything under " }<code>{ "detail" }</code>{ " is the CloudTrail record." }</p> }
    } else {
        html! {}
    };
    html! {
        <section class="panel event-view" data-testid="event-view" aria-labelledby="event-view-title">
            <h2 id="event-view-title">{ "Event fields" }</h2>
            { kind }
            <div class="tree">{ body }</div>
            if !missing.is_empty() {
                <div class="missing">
                    <h3>{ "Named by the pattern, absent from the event" }</h3>
                    { for missing.iter().map(|p| {
                        let h = hover(&props.on_hover, p);
                        let linked = props.hovered.as_deref() == Some(p.as_str());
                        html! {
                            <div class={classes!("row", "marked", "state-missing", linked.then_some("linked"))} data-path={(*p).clone()} data-state="missing" tabindex="0"
                                onmouseenter={h.enter} onfocus={h.focus} onmouseleave={h.leave} onblur={h.blur}>
                                <code>{ (*p).clone() }</code>
                                <span class="row-state">{ status_badge(FieldStatus::Missing) }</span>
                            </div>
                        }
                    }) }
                </div>
            }
        </section>
    }
}
