//! From a byte offset in a pattern's text back to a byte offset in the file
//! the pattern was written in.
//!
//! A pattern's text is rarely a slice of its file: a JSON string's escapes
//! are decoded, YAML is turned into JSON. The text is therefore built with a
//! list of segments, each saying where a run of its bytes came from.

/// Where a run of a pattern's bytes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// First byte of the run in the pattern's text.
    at: u32,
    /// The source byte it came from.
    source: u32,
    /// Whether the run is a verbatim copy (each byte has its own source
    /// byte) or was produced by one place (an escape, a YAML scalar's type).
    verbatim: bool,
}

/// Pattern offsets to source offsets, in pattern order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    segments: Vec<Segment>,
}

impl SourceMap {
    /// A text copied verbatim from `source` onwards.
    pub fn verbatim(source: usize) -> Self {
        let mut m = SourceMap::default();
        m.copied(0, source);
        m
    }

    /// Bytes from `at` on are copied from `source` on.
    pub fn copied(&mut self, at: usize, source: usize) {
        self.push(at, source, true);
    }

    /// Bytes from `at` on (until the next segment) all come from `source`.
    pub fn produced(&mut self, at: usize, source: usize) {
        self.push(at, source, false);
    }

    fn push(&mut self, at: usize, source: usize, verbatim: bool) {
        let seg = Segment {
            at: at as u32,
            source: source as u32,
            verbatim,
        };
        match self.segments.last_mut() {
            // A later segment at the same offset replaces an empty one.
            Some(last) if last.at == seg.at => *last = seg,
            _ => self.segments.push(seg),
        }
    }

    /// Appends `other` (the map of a text appended at `at`).
    #[cfg_attr(not(feature = "hcl"), allow(dead_code))]
    pub fn append(&mut self, at: usize, other: &SourceMap) {
        for s in &other.segments {
            self.push(at + s.at as usize, s.source as usize, s.verbatim);
        }
    }

    /// The source offset of the pattern byte at `offset`.
    pub fn locate(&self, offset: usize) -> usize {
        self.origin(offset).0
    }

    /// The source offset of the pattern byte at `offset`, and whether that
    /// byte is a verbatim copy of it.
    pub fn origin(&self, offset: usize) -> (usize, bool) {
        let offset = offset as u32;
        let i = self.segments.partition_point(|s| s.at <= offset);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some(s) if s.verbatim => ((s.source + (offset - s.at)) as usize, true),
            Some(s) => (s.source as usize, false),
            None => (
                self.segments.first().map_or(0, |s| s.source as usize),
                false,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_runs_shift_and_produced_runs_point() {
        let mut m = SourceMap::default();
        m.copied(0, 10);
        m.produced(3, 20);
        m.copied(4, 22);
        assert_eq!(m.locate(0), 10);
        assert_eq!(m.locate(2), 12);
        assert_eq!(m.locate(3), 20);
        assert_eq!(m.locate(4), 22);
        assert_eq!(m.locate(6), 24);
        let mut outer = SourceMap::verbatim(0);
        outer.append(5, &m);
        assert_eq!(outer.locate(4), 4);
        assert_eq!(outer.locate(8), 20);
    }
}
