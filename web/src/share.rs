//! Share links: the whole state (event, pattern, template) deflated and
//! base64url-encoded into the URL fragment, which browsers never send to a
//! server. Format `v1.<data>`; the version lets later formats coexist. A
//! corrupt or hostile link is refused with a reason, never half-applied.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// Prefix of the current format.
pub const VERSION: &str = "v1";
/// Largest state a link may inflate to (a decompression bomb stops here).
pub const MAX_STATE_BYTES: usize = 16 << 20;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// Event text.
    pub event: String,
    /// Pattern text.
    pub pattern: String,
    /// Template id ("" when edited freely).
    pub template: String,
}

/// Turns the state into a fragment (without `#`), compressed as much as possible.
pub fn encode(s: &Shared) -> String {
    encode_with_level(s, 9)
}

/// [`encode`] at a chosen deflate level (1 is fast, for autosaving big events).
pub fn encode_with_level(s: &Shared, level: u8) -> String {
    let mut payload = Vec::with_capacity(s.event.len() + s.pattern.len() + 32);
    for field in [&s.template, &s.pattern, &s.event] {
        payload.extend_from_slice(&(field.len() as u32).to_le_bytes());
        payload.extend_from_slice(field.as_bytes());
    }
    format!(
        "{VERSION}.{}",
        base64url_encode(&compress_to_vec(&payload, level))
    )
}

/// Reads a fragment (with or without `#`).
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some((version, data)) = fragment.split_once('.') else {
        return Err("the link has no version marker".into());
    };
    if version != VERSION {
        return Err(format!(
            "the link uses format `{}`, which this version does not know",
            short(version)
        ));
    }
    let compressed = base64url_decode(data).ok_or("the link's data is not valid base64url")?;
    let payload = decompress_to_vec_with_limit(&compressed, MAX_STATE_BYTES)
        .map_err(|_| "the link's data is corrupt or too large")?;
    let mut fields = Vec::with_capacity(3);
    let mut rest = &payload[..];
    for _ in 0..3 {
        if rest.len() < 4 {
            return Err("the link's data is truncated".into());
        }
        let len = u32::from_le_bytes(rest[..4].try_into().expect("four bytes")) as usize;
        rest = &rest[4..];
        if len > rest.len() {
            return Err("the link's data is truncated".into());
        }
        let text = std::str::from_utf8(&rest[..len]).map_err(|_| "the link's text is not UTF-8")?;
        fields.push(text.to_string());
        rest = &rest[len..];
    }
    if !rest.is_empty() {
        return Err("the link has trailing data".into());
    }
    let event = fields.pop().unwrap_or_default();
    let pattern = fields.pop().unwrap_or_default();
    let template = fields.pop().unwrap_or_default();
    Ok(Shared {
        event,
        pattern,
        template,
    })
}

fn short(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect()
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Shared {
            event: "{\"a\": \"é😀<img src=x onerror=alert(1)>\"}".into(),
            pattern: "{\"a\": [{\"prefix\": \"é\"}]}".into(),
            template: "ec2-state-change".into(),
        };
        let link = encode(&s);
        assert!(link.starts_with("v1."));
        assert!(link
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_'));
        assert_eq!(decode(&format!("#{link}")).unwrap(), s);
    }

    #[test]
    fn hostile_links_are_refused() {
        assert!(decode("").is_err());
        assert!(decode("#v9.AAAA").unwrap_err().contains("v9"));
        assert!(decode("#v1.%%%").is_err());
        assert!(decode("#v1.AAAA").is_err());
        let bomb = compress_to_vec(&vec![0u8; 64 << 20], 9);
        assert!(decode(&format!("v1.{}", base64url_encode(&bomb))).is_err());
        let mut bad = Vec::new();
        bad.extend_from_slice(&100u32.to_le_bytes());
        assert!(decode(&format!(
            "v1.{}",
            base64url_encode(&compress_to_vec(&bad, 1))
        ))
        .is_err());
    }

    #[test]
    fn base64_lengths() {
        for n in 0..10 {
            let data: Vec<u8> = (0..n).map(|i| (i * 37) as u8).collect();
            assert_eq!(base64url_decode(&base64url_encode(&data)).unwrap(), data);
        }
    }
}
