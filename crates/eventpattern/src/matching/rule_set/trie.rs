//! A byte trie of index postings keyed by prefixes (or, fed reversed bytes,
//! suffixes): walking an event value down it visits every indexed prefix the
//! value starts with, in time bounded by the value's length, whatever the
//! number of prefixes.

/// One node: its children by next byte (sorted), and the postings whose key ends here.
#[derive(Debug, Clone, Default)]
struct Node {
    children: Vec<(u8, u32)>,
    postings: Vec<u32>,
}

/// Prefixes → rule postings.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    /// `nodes[0]` is the root once anything was inserted.
    nodes: Vec<Node>,
}

impl Trie {
    /// Registers `posting` under the key spelt by `bytes`.
    pub(crate) fn insert(&mut self, bytes: impl Iterator<Item = u8>, posting: u32) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut at = 0usize;
        for b in bytes {
            at = match self.nodes[at].children.binary_search_by_key(&b, |c| c.0) {
                Ok(k) => self.nodes[at].children[k].1 as usize,
                Err(k) => {
                    let new = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    self.nodes[at].children.insert(k, (b, new));
                    new as usize
                }
            };
        }
        let postings = &mut self.nodes[at].postings;
        if !postings.contains(&posting) {
            postings.push(posting);
        }
    }

    /// Unregisters `posting` from the key spelt by `bytes` (nodes stay: a rule
    /// set rebuilds its index when much of it is stale).
    pub(crate) fn remove(&mut self, bytes: impl Iterator<Item = u8>, posting: u32) {
        if let Some(at) = self.find(bytes) {
            self.nodes[at].postings.retain(|&s| s != posting);
        }
    }

    /// How many postings the key spelt by `bytes` holds.
    pub(crate) fn len_at(&self, bytes: impl Iterator<Item = u8>) -> usize {
        self.find(bytes)
            .map_or(0, |at| self.nodes[at].postings.len())
    }

    fn find(&self, bytes: impl Iterator<Item = u8>) -> Option<usize> {
        let mut at = 0usize;
        self.nodes.first()?;
        for b in bytes {
            let children = &self.nodes[at].children;
            let k = children.binary_search_by_key(&b, |c| c.0).ok()?;
            at = children[k].1 as usize;
        }
        Some(at)
    }

    /// Calls `found` with the postings of every key that `bytes` starts with.
    pub(crate) fn visit(&self, bytes: impl Iterator<Item = u8>, mut found: impl FnMut(&[u32])) {
        let Some(root) = self.nodes.first() else {
            return;
        };
        let mut node = root;
        if !node.postings.is_empty() {
            found(&node.postings);
        }
        for b in bytes {
            let Ok(k) = node.children.binary_search_by_key(&b, |c| c.0) else {
                return;
            };
            node = &self.nodes[node.children[k].1 as usize];
            if !node.postings.is_empty() {
                found(&node.postings);
            }
        }
    }

    /// Whether no key holds a posting (nothing to visit).
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.nodes.iter().all(|n| n.postings.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visited(t: &Trie, value: &str) -> Vec<u32> {
        let mut out = Vec::new();
        t.visit(value.bytes(), |s| out.extend_from_slice(s));
        out.sort_unstable();
        out
    }

    #[test]
    fn finds_every_prefix_of_a_value() {
        let mut t = Trie::default();
        t.insert("".bytes(), 0);
        t.insert("ab".bytes(), 1);
        t.insert("abc".bytes(), 2);
        t.insert("b".bytes(), 3);
        assert_eq!(visited(&t, "abcd"), vec![0, 1, 2]);
        assert_eq!(visited(&t, "a"), vec![0]);
        assert_eq!(visited(&t, "bz"), vec![0, 3]);
        t.remove("ab".bytes(), 1);
        t.remove("zz".bytes(), 1);
        assert_eq!(visited(&t, "abcd"), vec![0, 2]);
        assert!(!t.is_empty());
        t.remove("".bytes(), 0);
        t.remove("abc".bytes(), 2);
        t.remove("b".bytes(), 3);
        assert!(t.is_empty());
    }
}
