//! The string operators that need more than a comparison: wildcard, the
//! case-insensitive family, and IP addresses / CIDR ranges.

pub mod ignore_case;
pub mod ip;
pub mod wildcard;
