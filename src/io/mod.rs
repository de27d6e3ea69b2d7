//! Files in and out: the JSON backup, CSV and UBL imports, bank statements, CSV and .xlsx exports.
//! Pure Rust; errors carry line and column.

pub mod backup;
pub mod bank;
pub mod csv_import;
pub mod export;
pub mod ubl;
