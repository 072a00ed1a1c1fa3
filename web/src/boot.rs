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
    /// This tab's own work, held back (not saved) while another tab's save
    /// waited for the user's choice, and the page was reloaded meanwhile.
    pub held: Option<Shared>,
}

impl Boot {
    /// Reads saved work that needs no inflating (what the app can do without waiting).
    pub fn immediate() -> Boot {
        Boot {
            link: None,
            saved: dom::load_saved().and_then(|t| share::from_saved(&t)),
            held: held(),
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
        Boot {
            link,
            saved,
            held: held(),
        }
    }

    /// Where the page starts: held work beats saved work (it is newer, and
    /// this tab's own), a link beats both.
    pub fn resume(self) -> Resume {
        match (self.link, self.held) {
            (None, Some(mine)) => Resume {
                other_tab: self.saved.clone().filter(|s| *s != mine),
                link: None,
                saved: Some(mine),
                held: true,
            },
            (link, _) => Resume {
                link,
                saved: self.saved,
                other_tab: None,
                held: false,
            },
        }
    }
}

/// The sources the page starts from, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// The share link's state, or why it could not be opened.
    pub link: Option<Result<Shared, String>>,
    /// The work to show when there is no link.
    pub saved: Option<Shared>,
    /// Another tab's saved work still waiting for the user's choice.
    pub other_tab: Option<Shared>,
    /// The work shown was held back by this tab (not yet saved).
    pub held: bool,
}

fn held() -> Option<Shared> {
    dom::load_held().and_then(|t| share::from_saved(&t))
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
