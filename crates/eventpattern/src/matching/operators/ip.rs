//! IP addresses and CIDR ranges as event-ruler reads them: a text that looks
//! like IPv4 (`d+.d+.d+.d+`) or IPv6 (`[0-9a-fA-F:]*:[0-9a-fA-F:]*`) and parses
//! is an address. Exact string patterns that are addresses match any spelling
//! of the same address (`2001:db8::1` = `2001:0DB8:0:0:0:0:0:1`) —
//! docs/SEMANTICS.md, "IP addresses and cidr".

use super::java_int::parse_java_int;

/// An address: the family and its bits (IPv4 in the low 32 bits).
///
/// ```
/// use eventpattern::operators::ip::parse_addr;
///
/// let a = parse_addr("10.0.0.1").unwrap();
/// assert_eq!((a.v6, a.bits), (false, 0x0a00_0001));
/// assert_eq!(parse_addr("::ffff:a00:1"), Some(a)); // IPv4-mapped
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addr {
    /// `true` for IPv6.
    pub v6: bool,
    /// The address bits.
    pub bits: u128,
}

/// An inclusive address range of one family.
///
/// ```
/// use eventpattern::operators::ip::Cidr;
///
/// let c = Cidr::parse("10.0.0.0/8").unwrap();
/// assert!(c.contains("10.1.2.3") && !c.contains("11.0.0.1"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// `true` for IPv6.
    pub v6: bool,
    /// First address.
    pub low: u128,
    /// Last address.
    pub high: u128,
}

/// Longest IPv4 text the address parser reads (`255.255.255.255`); longer
/// spellings such as `010.010.0255.192` are not addresses.
const MAX_V4_LEN: usize = 15;

fn looks_v4(s: &str) -> bool {
    let mut parts = 0;
    for p in s.split('.') {
        parts += 1;
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    parts == 4
}

fn looks_v6(s: &str) -> bool {
    s.contains(':') && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

/// Whether the text has the shape of an address (it may still fail to parse).
///
/// ```
/// use eventpattern::operators::ip::looks_like_ip;
///
/// assert!(looks_like_ip("1.2.3.4") && looks_like_ip("::1") && !looks_like_ip("host"));
/// ```
pub fn looks_like_ip(s: &str) -> bool {
    looks_v4(s) || looks_v6(s)
}

/// Parses an address; `None` if the text is not one. An IPv4-mapped IPv6
/// address (`::ffff:a00:1`) is the IPv4 address it maps (docs/SEMANTICS.md, IP addresses).
///
/// ```
/// use eventpattern::operators::ip::parse_addr;
///
/// assert_eq!(parse_addr("0:0:0:0:0:0:0:1"), parse_addr("::1"));
/// assert_eq!(parse_addr("300.1.1.1"), None);
/// ```
pub fn parse_addr(s: &str) -> Option<Addr> {
    if looks_v4(s) {
        return parse_v4(s).map(|bits| Addr {
            v6: false,
            bits: u128::from(bits),
        });
    }
    if looks_v6(s) {
        let bits = parse_v6(s)?;
        if bits >> 32 == 0xffff {
            return Some(Addr {
                v6: false,
                bits: bits & 0xffff_ffff,
            });
        }
        return Some(Addr { v6: true, bits });
    }
    None
}

/// Four decimal parts of any number of digits, each at most 255, in at most
/// [`MAX_V4_LEN`] characters. The caller has checked the shape.
fn parse_v4(s: &str) -> Option<u32> {
    if s.len() > MAX_V4_LEN {
        return None;
    }
    let mut bits = 0u32;
    for part in s.split('.') {
        let n = part.bytes().try_fold(0u32, |n, d| {
            Some(n * 10 + u32::from(d - b'0')).filter(|&n| n <= 255)
        })?;
        bits = (bits << 8) | n;
    }
    Some(bits)
}

/// Colon-separated groups of hex digits, each group any number of digits
/// with a value up to `ffff` (`0ffff` is a group), at most one `::`, eight
/// groups in all. The caller has checked the characters.
fn parse_v6(s: &str) -> Option<u128> {
    let (head, tail) = match s.find("::") {
        Some(i) => (&s[..i], Some(&s[i + 2..])),
        None => (s, None),
    };
    let groups = |part: &str| -> Option<Vec<u16>> {
        if part.is_empty() {
            return Some(Vec::new());
        }
        part.split(':')
            .map(|g| {
                if g.is_empty() {
                    return None;
                }
                g.chars().try_fold(0u32, |v, c| {
                    Some((v << 4) | c.to_digit(16)?).filter(|&v| v <= 0xffff)
                })
            })
            .map(|g| g.map(|v| v as u16))
            .collect()
    };
    let front = groups(head)?;
    let back = match tail {
        Some(t) => groups(t)?,
        None => Vec::new(),
    };
    let n = front.len() + back.len();
    let fits = match tail {
        Some(_) => n < 8,
        None => n == 8,
    };
    if !fits {
        return None;
    }
    let mut all = front;
    all.resize(8 - back.len(), 0);
    all.extend(back);
    Some(all.iter().fold(0u128, |a, &g| (a << 16) | u128::from(g)))
}

impl Cidr {
    /// Parses `addr/bits` with AWS's reason texts, checked in AWS's order:
    /// one `/` (trailing slashes do not count), then the mask as an integer
    /// (Java `int` rules: a sign, any Unicode decimal digits), then the
    /// address, then the mask against the family's width.
    ///
    /// ```
    /// use eventpattern::operators::ip::Cidr;
    ///
    /// assert!(Cidr::parse("2001:db8::/32").is_ok());
    /// assert!(Cidr::parse("10.0.0.0/33").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let mut parts = text.trim_end_matches('/').split('/');
        let (Some(addr), Some(bits), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err("Malformed CIDR, one '/' required".into());
        };
        let Some(mask) = parse_java_int(bits) else {
            return Err("Malformed CIDR, mask bits must be an integer".into());
        };
        if mask < 0 {
            return Err("Malformed CIDR, mask bits must not be negative".into());
        }
        if !looks_like_ip(addr) {
            return Err(format!("Nonstandard IP address: {addr}"));
        }
        let Some(base) = parse_addr(addr) else {
            return Err(format!("Invalid IP address: {addr}"));
        };
        let width: u32 = if base.v6 { 128 } else { 32 };
        let mask = mask as u32;
        if mask >= width {
            return Err(format!(
                "{} mask bits must be < {width}",
                if base.v6 { "IPv6" } else { "IPv4" }
            ));
        }
        // `checked_shl` is `None` for a shift by 128 (`::/0`): every bit is host.
        let host_mask = 1u128.checked_shl(width - mask).map_or(u128::MAX, |b| b - 1);
        Ok(Cidr {
            v6: base.v6,
            low: base.bits & !host_mask,
            high: base.bits | host_mask,
        })
    }

    /// The first address of the range, written the usual way.
    ///
    /// ```
    /// let c = eventpattern::operators::ip::Cidr::parse("10.1.2.3/16").unwrap();
    /// assert_eq!(c.first_address(), "10.1.0.0");
    /// ```
    pub fn first_address(&self) -> String {
        if self.v6 {
            std::net::Ipv6Addr::from(self.low).to_string()
        } else {
            std::net::Ipv4Addr::from(self.low as u32).to_string()
        }
    }

    /// Whether `value` is an address of this family inside the range.
    ///
    /// ```
    /// let c = eventpattern::operators::ip::Cidr::parse("2001:db8::/32").unwrap();
    /// assert!(c.contains("2001:DB8::1") && !c.contains("10.0.0.1"));
    /// ```
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
        // The mask is checked before the address, as a Java int.
        assert_eq!(
            Cidr::parse("bad/x").unwrap_err(),
            "Malformed CIDR, mask bits must be an integer"
        );
        assert_eq!(
            Cidr::parse("10.0.0.0/99999999999").unwrap_err(),
            "Malformed CIDR, mask bits must be an integer"
        );
        assert_eq!(
            Cidr::parse("bad/-1").unwrap_err(),
            "Malformed CIDR, mask bits must not be negative"
        );
        assert_eq!(
            Cidr::parse("10.0.0.0/").unwrap_err(),
            "Malformed CIDR, one '/' required"
        );
        assert!(Cidr::parse("10.0.0.0/8//").is_ok());
        assert!(Cidr::parse("1.1.1.1/\u{661}")
            .unwrap()
            .contains("1.200.0.0"));
        assert_eq!(
            Cidr::parse("1.1.1.1/\u{663}\u{663}").unwrap_err(),
            "IPv4 mask bits must be < 32"
        );
        assert!(Cidr::parse("1.1.1.1/\u{661}\u{666}").is_ok());
        assert_eq!(
            Cidr::parse("::ffff:a00:1/64").unwrap_err(),
            "IPv4 mask bits must be < 32"
        );
    }

    #[test]
    fn whole_space_masks() {
        assert!(Cidr::parse("::/0").unwrap().contains("2001:db8::1"));
        assert!(Cidr::parse("2001:db8::/0").unwrap().contains("::"));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("0.0.0.0"));
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
        // Over fifteen characters an IPv4 spelling is plain text.
        assert_eq!(parse_addr("010.010.0255.192"), None);
        assert_eq!(parse_addr("0000.0.0.1"), parse_addr("0.0.0.1"));
        // Groups may have leading zeros beyond four digits.
        assert_eq!(parse_addr("1:0:0ffff::"), parse_addr("1:0:ffff::"));
        assert_eq!(parse_addr("1:0:10000::"), None);
        // IPv4-mapped addresses are IPv4.
        assert_eq!(parse_addr("::ffff:a00:1"), parse_addr("10.0.0.1"));
        assert!(parse_addr("::a00:1").unwrap().v6);
        for bad in [
            ":1",
            "1:",
            ":::",
            "1::2::3",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
        ] {
            assert_eq!(parse_addr(bad), None, "{bad}");
        }
        assert!(parse_addr("1:2:3:4:5:6:7:8").is_some());
        assert!(parse_addr("1::").is_some());
    }
}
