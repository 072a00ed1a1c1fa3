//! The string operators that need more than a comparison: wildcard, the
//! case-insensitive family, and IP addresses / CIDR ranges (with the Java
//! integer rules AWS reads CIDR masks by).

pub mod ignore_case;
pub mod ip;
mod java_int;

pub use java_int::is_decimal_digit;
pub mod wildcard;
