//! Skipping a value the caller does not need. The fast path checks the
//! grammar without making tokens; on anything malformed it rewinds and reads
//! the value token by token, so the error is exactly the one a full read gives.

use super::reader::{Reader, Token, TokenKind};
use super::JsonError;

impl Reader<'_> {
    /// Skips the rest of the value whose first token was `first`.
    ///
    /// ```
    /// use eventpattern::json::{Reader, TokenKind};
    ///
    /// let mut r = Reader::new(r#"[{"a": [1, 2]}, 3]"#, 10);
    /// r.next_token().unwrap();
    /// let first = r.next_token().unwrap();
    /// r.skip_value(first).unwrap();
    /// assert_eq!(r.next_token().unwrap().kind, TokenKind::Number);
    /// ```
    pub fn skip_value(&mut self, first: Token) -> Result<(), JsonError> {
        if !matches!(first.kind, TokenKind::BeginObject | TokenKind::BeginArray) {
            return Ok(());
        }
        let (pos, depth, expect) = (self.pos, self.stack.len(), self.expect);
        if self.fast_skip() {
            return Ok(());
        }
        // Malformed somewhere inside: read it again token by token for the exact error.
        self.pos = pos;
        self.stack.truncate(depth);
        self.expect = expect;
        self.pending = None;
        let target = depth - 1;
        loop {
            let t = self.next_token()?;
            if matches!(t.kind, TokenKind::EndObject | TokenKind::EndArray)
                && self.stack.len() == target
            {
                return Ok(());
            }
        }
    }

    /// Skips the container just opened, checking the grammar without making
    /// tokens. Returns `false` (position undefined) on anything malformed.
    fn fast_skip(&mut self) -> bool {
        #[derive(Clone, Copy, PartialEq)]
        enum St {
            ValueOrEnd,
            Value,
            KeyOrEnd,
            Key,
            After,
        }
        let Some(&(is_object, _)) = self.stack.last() else {
            return false;
        };
        // Open containers as a bit stack (1 = object); deeper values take the slow path.
        let mut kinds: u128 = u128::from(is_object);
        let mut open = 1u32;
        let mut st = if is_object {
            St::KeyOrEnd
        } else {
            St::ValueOrEnd
        };
        loop {
            self.skip_ws();
            let Some(&b) = self.bytes.get(self.pos) else {
                return false;
            };
            let closes = match st {
                St::ValueOrEnd => b == b']',
                St::KeyOrEnd => b == b'}',
                St::After => b == b']' || b == b'}',
                _ => false,
            };
            if closes {
                let obj = kinds & 1 == 1;
                kinds >>= 1;
                open -= 1;
                if (b == b'}') != obj {
                    return false;
                }
                self.pos += 1;
                if open == 0 {
                    self.stack.pop();
                    self.after_value();
                    return true;
                }
                st = St::After;
                continue;
            }
            match st {
                St::After => {
                    if b != b',' {
                        return false;
                    }
                    self.pos += 1;
                    st = if kinds & 1 == 1 { St::Key } else { St::Value };
                }
                St::Key | St::KeyOrEnd => {
                    if b != b'"' || self.string(true).is_err() {
                        return false;
                    }
                    self.skip_ws();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return false;
                    }
                    self.pos += 1;
                    st = St::Value;
                }
                St::Value | St::ValueOrEnd => {
                    st = St::After;
                    match b {
                        b'{' | b'[' => {
                            if open >= 127 || self.stack.len() + open as usize >= self.max_depth {
                                return false;
                            }
                            kinds = (kinds << 1) | u128::from(b == b'{');
                            open += 1;
                            self.pos += 1;
                            st = if b == b'{' {
                                St::KeyOrEnd
                            } else {
                                St::ValueOrEnd
                            };
                        }
                        b'"' => {
                            if self.string(false).is_err() {
                                return false;
                            }
                        }
                        b'-' | b'0'..=b'9' => {
                            if self.number().is_err() {
                                return false;
                            }
                        }
                        b't' | b'f' | b'n' => {
                            let word = match b {
                                b't' => "true",
                                b'f' => "false",
                                _ => "null",
                            };
                            if self.literal(word).is_err() {
                                return false;
                            }
                        }
                        _ => return false,
                    }
                }
            }
        }
    }
}
