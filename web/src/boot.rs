//! What the page starts from: the share link in the address, if any, and the
//! saved work. Links are inflated by the browser (asynchronously), so the app
//! is mounted only once both are read, and never shows a state it then replaces.

use crate::share::{self, Shared};
use crate::{compress, dom};

/// The state sources found on load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Boot {
    /// The share link's state, or why it could not be opened.
    pub link: Option<Result<Shared, String>>,
    /// The saved work.
    pub saved: Option<Shared>,
}

impl Boot {
    /// Reads saved work that needs no inflating (what the app can do without waiting).
    pub fn immediate() -> Boot {
        Boot {
            link: None,
            saved: dom::load_saved().and_then(|t| share::from_saved(&t)),
        }
    }

    /// Reads the link and the saved work (older saves are in the link format).
    pub async fn load() -> Boot {
        let link = match dom::fragment() {
            Some(f) => Some(decode_link(&f).await),
            None => None,
        };
        let saved = match dom::load_saved() {
            Some(t) => match share::from_saved(&t) {
                Some(s) => Some(s),
                None => decode_link(&t).await.ok(),
            },
            None => None,
        };
        Boot { link, saved }
    }
}

/// Opens a share link (fragment with or without `#`).
pub async fn decode_link(fragment: &str) -> Result<Shared, String> {
    let compressed = share::compressed_from_link(fragment)?;
    let payload = compress::inflate(&compressed).await?;
    share::from_payload(&payload)
}

/// Makes the fragment (without `#`) of a share link.
pub async fn encode_link(s: &Shared) -> Result<String, String> {
    let compressed = compress::deflate(&share::to_payload(s)).await?;
    Ok(share::link_from_compressed(&compressed))
}
