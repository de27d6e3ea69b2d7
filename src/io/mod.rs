//! Files in and out: the JSON backup. Pure Rust; errors carry line and column.

pub mod backup;
