//! `{"anything-but": ...}` in its five forms, with AWS's reasons (some of
//! them surprising, e.g. "Too many elements in numeric expression" for an
//! extra key).

use super::{Parser, Res};
use crate::json::{Token, TokenKind};
use crate::number::comparable;
use crate::operators::ignore_case::Folded;
use crate::operators::wildcard::Wildcard;
use crate::pattern::ast::AnythingBut;
use crate::pattern::error::{ErrorKind, PathSegment};
use crate::span::Span;

impl Parser<'_> {
    pub(super) fn anything_but(&mut self) -> Res<AnythingBut> {
        let v = self.next()?;
        match v.kind {
            TokenKind::String => Ok(AnythingBut::Strings(vec![self.string(v)?])),
            // A single number that cannot be compared throws past AWS's
            // parser: its message has no location.
            TokenKind::Number => match self.excluded_number(v) {
                Some(n) => Ok(AnythingBut::Numbers(vec![n])),
                None => self.fail_unlocated(
                    ErrorKind::NumberNotComparable,
                    format!("Cannot compare number : {}", self.text(v)),
                    v.span,
                ),
            },
            TokenKind::BeginArray => self.anything_but_list(v.span),
            TokenKind::BeginObject => self.anything_but_object(v.span),
            _ => self.fail(
                ErrorKind::OperandInvalid,
                "Value of anything-but must be an array or single string/number value.",
                v.span,
            ),
        }
    }

    /// The number's text and value, if it can be compared.
    fn excluded_number(&self, v: Token) -> Option<(String, f64)> {
        let text = self.text(v).to_string();
        comparable(&text).map(|x| (text, x))
    }

    fn anything_but_list(&mut self, open: Span) -> Res<AnythingBut> {
        let mut strings = Vec::new();
        let mut numbers = Vec::new();
        const MIXED: &str =
            "Inside anything but list, either all values are number or string, mixed type is not supported";
        // AWS's compiler catches what goes wrong while reading the items and
        // raises it again, location and all (so the location shows twice).
        self.rewrap = true;
        loop {
            let t = self.next()?;
            match t.kind {
                TokenKind::EndArray => {
                    self.rewrap = false;
                    return match (strings.is_empty(), numbers.is_empty()) {
                        (false, true) => Ok(AnythingBut::Strings(strings)),
                        (true, false) => Ok(AnythingBut::Numbers(numbers)),
                        _ => self.fail(ErrorKind::OperandInvalid, MIXED, open.cover(t.span)),
                    };
                }
                // Like AWS, every item is checked first; mixed types only at the end.
                TokenKind::String => strings.push(self.string(t)?),
                TokenKind::Number => match self.excluded_number(t) {
                    Some(n) => numbers.push(n),
                    // Raised without a location, so it gains only one.
                    None => {
                        return self.fail_once(
                            ErrorKind::NumberNotComparable,
                            format!("Cannot compare number : {}", self.text(t)),
                            t.span,
                        )
                    }
                },
                _ => {
                    return self.fail(
                        ErrorKind::OperandInvalid,
                        "Inside anything but list, start|null|boolean is not supported.",
                        t.span,
                    )
                }
            }
        }
    }

    fn anything_but_object(&mut self, open: Span) -> Res<AnythingBut> {
        let k = self.next()?;
        if k.kind == TokenKind::EndObject {
            return self.fail(
                ErrorKind::OperandInvalid,
                "Anything-But expression name not found",
                open.cover(k.span),
            );
        }
        let key = self.string(k)?;
        self.path.push(PathSegment::Key(key.clone()));
        let result = match key.as_str() {
            "prefix" | "suffix" => {
                let items = self.string_items(Excluded::PrefixSuffix)?;
                let texts = items.into_iter().map(|(s, _)| s).collect();
                if key == "prefix" {
                    AnythingBut::Prefixes(texts)
                } else {
                    AnythingBut::Suffixes(texts)
                }
            }
            "equals-ignore-case" => {
                let items = self.string_items(Excluded::IgnoreCase)?;
                AnythingBut::IgnoreCase(
                    items
                        .into_iter()
                        .map(|(s, _)| {
                            let f = Folded::new(&s);
                            (s, f)
                        })
                        .collect(),
                )
            }
            "wildcard" => {
                let mut ws = Vec::new();
                for (s, span) in self.string_items(Excluded::Wildcard)? {
                    match Wildcard::parse(&s) {
                        Ok(w) => ws.push((s, w)),
                        Err(e) => return self.fail(ErrorKind::WildcardSyntax, e.reason, span),
                    }
                }
                AnythingBut::Wildcards(ws)
            }
            _ => {
                return self.fail(
                    ErrorKind::OperandInvalid,
                    format!("Unsupported anything-but pattern: {key}"),
                    k.span,
                )
            }
        };
        self.path.pop();
        let end = self.next()?;
        if end.kind != TokenKind::EndObject {
            return self.fail(
                ErrorKind::OperatorExtraKey,
                "Too many elements in numeric expression",
                end.span,
            );
        }
        Ok(result)
    }

    /// A string or a list of strings for one of anything-but's sub-operators,
    /// each item checked as it is read (AWS reports the first bad item before
    /// any later syntax error). The list may be empty: AWS accepts that, and
    /// the condition then accepts no value (docs/SEMANTICS.md, "anything-but").
    fn string_items(&mut self, kind: Excluded) -> Res<Vec<(String, Span)>> {
        let v = self.next()?;
        match v.kind {
            TokenKind::String => {
                let s = self.string(v)?;
                self.check_item(kind, &s, v.span)?;
                Ok(vec![(s, v.span)])
            }
            TokenKind::BeginArray => {
                let mut items: Vec<(String, Span)> = Vec::new();
                // As in `anything_but_list`, errors here show their location twice.
                self.rewrap = true;
                loop {
                    let t = self.next()?;
                    match t.kind {
                        TokenKind::EndArray => {
                            self.rewrap = false;
                            // AWS checks wildcards once the list is read.
                            if kind == Excluded::Wildcard {
                                for (s, span) in &items {
                                    self.check_item(kind, s, *span)?;
                                }
                            }
                            return Ok(items);
                        }
                        TokenKind::String => {
                            let s = self.string(t)?;
                            if kind != Excluded::Wildcard {
                                self.check_item(kind, &s, t.span)?;
                            }
                            items.push((s, t.span));
                        }
                        _ => {
                            return self.fail(
                                ErrorKind::OperandInvalid,
                                kind.not_a_string(),
                                t.span,
                            )
                        }
                    }
                }
            }
            TokenKind::BeginObject if kind == Excluded::PrefixSuffix => self.fail(
                ErrorKind::OperandInvalid,
                "Value of anything-but must be an array or single string/number value.",
                v.span,
            ),
            _ => self.fail(ErrorKind::OperandInvalid, kind.not_a_string(), v.span),
        }
    }

    fn check_item(&self, kind: Excluded, s: &str, span: Span) -> Res<()> {
        match kind {
            Excluded::PrefixSuffix if s.is_empty() => self.fail(
                ErrorKind::OperandInvalid,
                "Null prefix/suffix not allowed",
                span,
            ),
            Excluded::Wildcard => match Wildcard::parse(s) {
                Ok(_) => Ok(()),
                Err(e) => self.fail(ErrorKind::WildcardSyntax, e.reason, span),
            },
            _ => Ok(()),
        }
    }
}

/// The sub-operators of `anything-but` that take strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Excluded {
    PrefixSuffix,
    IgnoreCase,
    Wildcard,
}

impl Excluded {
    /// AWS's reason when an item is not a string.
    fn not_a_string(self) -> &'static str {
        match self {
            Excluded::PrefixSuffix => "prefix/suffix match pattern must be a string",
            Excluded::IgnoreCase => {
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            }
            Excluded::Wildcard => "wildcard match pattern must be a string",
        }
    }
}
