//! `{"numeric": [...]}`: operators, bounds and AWS's reasons for each misuse.

use super::{Parser, Res};
use crate::json::TokenKind;
use crate::number::comparable;
use crate::pattern::ast::{Bound, Range};
use crate::pattern::error::ErrorKind;

impl Parser<'_> {
    fn number_bound(&mut self, op: &str, inclusive: bool) -> Res<Bound> {
        let v = self.next()?;
        let shown = if op == "=" { "equals" } else { op };
        if v.kind != TokenKind::Number {
            return self.fail(
                ErrorKind::NumericRange,
                format!("Value of {shown} must be numeric"),
                v.span,
            );
        }
        let text = self.text(v).to_string();
        match comparable(&text) {
            Some(value) => Ok(Bound {
                value,
                inclusive,
                text,
            }),
            None => self.fail(
                ErrorKind::NumberNotComparable,
                format!("Cannot compare number : {text}"),
                v.span,
            ),
        }
    }

    pub(super) fn numeric(&mut self) -> Res<Range> {
        let open = self.next()?;
        if open.kind != TokenKind::BeginArray {
            return self.fail(
                ErrorKind::NumericRange,
                "Value of numeric must be an array.",
                open.span,
            );
        }
        let t = self.next()?;
        if t.kind != TokenKind::String {
            return self.fail(
                ErrorKind::NumericRange,
                format!("Invalid member in numeric match: {}", self.text(t)),
                t.span,
            );
        }
        let op = self.string(t);
        let mut range = Range {
            lower: None,
            upper: None,
        };
        match op.as_str() {
            "=" => {
                let b = self.number_bound("=", true)?;
                range.lower = Some(b.clone());
                range.upper = Some(b);
            }
            "<" | "<=" => range.upper = Some(self.number_bound(&op, op == "<=")?),
            ">" | ">=" => {
                range.lower = Some(self.number_bound(&op, op == ">=")?);
                let t2 = self.next()?;
                match t2.kind {
                    TokenKind::EndArray => return Ok(range),
                    TokenKind::String => {
                        let op2 = self.string(t2);
                        if op2 != "<" && op2 != "<=" {
                            return self.fail(
                                ErrorKind::NumericRange,
                                format!("Bad numeric range operator: {op2}"),
                                t2.span,
                            );
                        }
                        let top = self.number_bound(&op2, op2 == "<=")?;
                        let bottom = range.lower.as_ref().map(|b| b.value).unwrap_or(f64::MIN);
                        if bottom >= top.value {
                            return self.fail(
                                ErrorKind::NumericRange,
                                "Bottom must be less than top",
                                open.span.cover(t2.span),
                            );
                        }
                        range.upper = Some(top);
                        let end = self.next()?;
                        if end.kind != TokenKind::EndArray {
                            return self.fail(
                                ErrorKind::NumericRange,
                                "Too many terms in numeric range expression",
                                end.span,
                            );
                        }
                        return Ok(range);
                    }
                    _ => {
                        return self.fail(
                            ErrorKind::NumericRange,
                            format!("Bad value in numeric range: {}", self.text(t2)),
                            t2.span,
                        )
                    }
                }
            }
            _ => {
                return self.fail(
                    ErrorKind::NumericRange,
                    format!("Unrecognized numeric range operator: {op}"),
                    t.span,
                )
            }
        }
        let end = self.next()?;
        if end.kind != TokenKind::EndArray {
            return self.fail(
                ErrorKind::NumericRange,
                "Too many elements in numeric expression",
                end.span,
            );
        }
        Ok(range)
    }
}
