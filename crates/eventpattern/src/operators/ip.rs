//! IP addresses and CIDR ranges as event-ruler reads them: a text that looks
//! like IPv4 (`d+.d+.d+.d+`) or IPv6 (`[0-9a-fA-F:]*:[0-9a-fA-F:]*`) and parses
//! is an address. Exact string patterns that are addresses match any spelling
//! of the same address (`2001:db8::1` = `2001:0DB8:0:0:0:0:0:1`) — SPEC §5.1, §5.13.

use std::net::Ipv6Addr;

/// An address: the family and its bits (IPv4 in the low 32 bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addr {
    /// `true` for IPv6.
    pub v6: bool,
    /// The address bits.
    pub bits: u128,
}

/// An inclusive address range of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// `true` for IPv6.
    pub v6: bool,
    /// First address.
    pub low: u128,
    /// Last address.
    pub high: u128,
}

fn looks_v4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn looks_v6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

/// Whether the text has the shape of an address (it may still fail to parse).
pub fn looks_like_ip(s: &str) -> bool {
    looks_v4(s) || looks_v6(s)
}

/// Parses an address; `None` if the text is not one.
pub fn parse_addr(s: &str) -> Option<Addr> {
    if looks_v4(s) {
        let mut bits: u128 = 0;
        for part in s.split('.') {
            let digits = part.trim_start_matches('0');
            if digits.len() > 3 {
                return None;
            }
            let n: u128 = if digits.is_empty() {
                0
            } else {
                digits.parse().ok()?
            };
            if n > 255 {
                return None;
            }
            bits = (bits << 8) | n;
        }
        return Some(Addr { v6: false, bits });
    }
    if looks_v6(s) {
        let a: Ipv6Addr = s.parse().ok()?;
        return Some(Addr {
            v6: true,
            bits: u128::from(a),
        });
    }
    None
}

impl Cidr {
    /// Parses `addr/bits` with AWS's reason texts.
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let mut parts = text.split('/');
        let (Some(addr), Some(bits), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err("Malformed CIDR, one '/' required".into());
        };
        if !looks_like_ip(addr) {
            return Err(format!("Nonstandard IP address: {addr}"));
        }
        let Some(base) = parse_addr(addr) else {
            return Err(format!("Invalid IP address: {addr}"));
        };
        let Ok(mask) = bits.parse::<i64>() else {
            return Err("Malformed CIDR, mask bits must be an integer".into());
        };
        if mask < 0 {
            return Err("Malformed CIDR, mask bits must not be negative".into());
        }
        let width: i64 = if base.v6 { 128 } else { 32 };
        if mask >= width {
            return Err(format!(
                "{} mask bits must be < {width}",
                if base.v6 { "IPv6" } else { "IPv4" }
            ));
        }
        let host_bits = (width - mask) as u32;
        let host_mask: u128 = (1u128 << host_bits) - 1;
        Ok(Cidr {
            v6: base.v6,
            low: base.bits & !host_mask,
            high: base.bits | host_mask,
        })
    }

    /// The first address of the range, written the usual way.
    pub fn first_address(&self) -> String {
        if self.v6 {
            std::net::Ipv6Addr::from(self.low).to_string()
        } else {
            std::net::Ipv4Addr::from(self.low as u32).to_string()
        }
    }

    /// Whether `value` is an address of this family inside the range.
    pub fn contains(&self, value: &str) -> bool {
        parse_addr(value)
            .is_some_and(|a| a.v6 == self.v6 && a.bits >= self.low && a.bits <= self.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_errors() {
        assert_eq!(
            Cidr::parse("10.0.0.0/8/8").unwrap_err(),
            "Malformed CIDR, one '/' required"
        );
        assert_eq!(
            Cidr::parse("10.0.0/8").unwrap_err(),
            "Nonstandard IP address: 10.0.0"
        );
        assert_eq!(
            Cidr::parse("10.0.0.256/24").unwrap_err(),
            "Invalid IP address: 10.0.0.256"
        );
        assert_eq!(
            Cidr::parse("10.0.0.1/32").unwrap_err(),
            "IPv4 mask bits must be < 32"
        );
        assert_eq!(
            Cidr::parse("2001:db8::/128").unwrap_err(),
            "IPv6 mask bits must be < 128"
        );
        assert_eq!(
            Cidr::parse("10.0.0.0/x").unwrap_err(),
            "Malformed CIDR, mask bits must be an integer"
        );
    }

    #[test]
    fn containment() {
        let c = Cidr::parse("10.0.0.5/24").unwrap();
        assert!(c.contains("10.0.0.200"));
        assert!(c.contains("010.000.000.001"));
        assert!(!c.contains("10.0.1.1"));
        assert!(!c.contains("::ffff:10.0.0.1"));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("255.1.2.3"));
        assert!(Cidr::parse("2001:db8::/32")
            .unwrap()
            .contains("2001:DB8:0::1"));
    }

    #[test]
    fn address_spellings() {
        assert_eq!(
            parse_addr("2001:db8::1"),
            parse_addr("2001:0db8:0:0:0:0:0:1")
        );
        assert_eq!(parse_addr("10.0.0.1"), parse_addr("010.000.000.001"));
        assert_eq!(parse_addr("a:b"), None);
        assert_eq!(parse_addr("hello"), None);
    }
}
