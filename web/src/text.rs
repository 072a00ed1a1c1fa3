//! The texts the page passes around (the pattern, the event).

use std::ops::Deref;
use std::rc::Rc;

/// A shared text, compared by pointer first. `Rc<str>`'s own comparison
/// always reads both texts (the pointer shortcut needs a sized type), and
/// the hooks and views compare these texts on every redraw: 1 MB each time
/// on a big event.
#[derive(Clone, Debug, Default, Eq)]
pub struct Text(pub Rc<str>);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(s.into())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(s.into())
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
