//! `{"numeric": [...]}`: operators, bounds and AWS's reasons for each misuse.

use super::{Parser, Res};
use crate::json::{Token, TokenKind};
use crate::number::comparable;
use crate::pattern::ast::{Bound, Range};
use crate::pattern::error::ErrorKind;

impl Parser<'_> {
    /// Checks that `v`, the term after `op`, is a number; whether it is
    /// comparable is checked later, by [`Parser::bound`], once the whole list
    /// has been read.
    fn number_token(&self, op: &str, v: Token) -> Res<Token> {
        let shown = if op == "=" { "equals" } else { op };
        if v.kind != TokenKind::Number {
            return self.fail(
                ErrorKind::NumericRange,
                format!("Value of {shown} must be numeric"),
                v.span,
            );
        }
        Ok(v)
    }

    fn bound(&self, v: Token, inclusive: bool) -> Res<Bound> {
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

    /// Reads the `]` that must end the list; anything else fails with `reason`.
    fn end_of_list(&mut self, reason: &str) -> Res<()> {
        let end = self.next()?;
        if end.kind != TokenKind::EndArray {
            return self.fail(ErrorKind::NumericRange, reason, end.span);
        }
        Ok(())
    }

    /// The list of `{"numeric": [...]}`. Like AWS's compiler, it reads the
    /// whole list before judging its numbers, so a syntax error or a misplaced
    /// term inside the list is reported before "Cannot compare number" or
    /// "Bottom must be less than top".
    pub(super) fn numeric(&mut self) -> Res<Range> {
        const TOO_MANY: &str = "Too many elements in numeric expression";
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
        let op = self.string(t)?;
        // AWS reads the term after the operator before judging the operator.
        let v = self.next()?;
        let mut range = Range {
            lower: None,
            upper: None,
        };
        match op.as_str() {
            "=" => {
                let v = self.number_token("=", v)?;
                self.end_of_list(TOO_MANY)?;
                let b = self.bound(v, true)?;
                range.lower = Some(b.clone());
                range.upper = Some(b);
            }
            "<" | "<=" => {
                let v = self.number_token(&op, v)?;
                self.end_of_list(TOO_MANY)?;
                range.upper = Some(self.bound(v, op == "<=")?);
            }
            ">" | ">=" => {
                let low = self.number_token(&op, v)?;
                let t2 = self.next()?;
                match t2.kind {
                    TokenKind::EndArray => {
                        range.lower = Some(self.bound(low, op == ">=")?);
                    }
                    TokenKind::String => {
                        let op2 = self.string(t2)?;
                        if op2 != "<" && op2 != "<=" {
                            return self.fail(
                                ErrorKind::NumericRange,
                                format!("Bad numeric range operator: {op2}"),
                                t2.span,
                            );
                        }
                        let term = self.next()?;
                        let high = self.number_token(&op2, term)?;
                        self.end_of_list("Too many terms in numeric range expression")?;
                        let bottom = self.bound(low, op == ">=")?;
                        let top = self.bound(high, op2 == "<=")?;
                        if bottom.value >= top.value {
                            return self.fail(
                                ErrorKind::NumericRange,
                                "Bottom must be less than top",
                                open.span.cover(t2.span),
                            );
                        }
                        range.lower = Some(bottom);
                        range.upper = Some(top);
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
        Ok(range)
    }
}
