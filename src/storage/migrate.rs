//! Upgrades of older snapshot versions to the current one.
//!
//! Version 1 is the first and current format. When version 2 comes, its migration takes the
//! version-1 chunks here and returns version-2 chunks; the fixture test
//! `tests/storage_snapshot.rs::v1_fixture_loads` keeps proving that a version-1 snapshot written
//! by the first release still loads.

use std::collections::BTreeMap;

use super::store::{Unreadable, VERSION};

/// Turns chunks of snapshot `version` into chunks of the current version.
///
/// # Errors
/// `Unreadable::Malformed` for a version this build does not know (0).
pub fn to_current(version: u32, chunks: BTreeMap<String, String>) -> Result<BTreeMap<String, String>, Unreadable> {
    match version {
        VERSION => Ok(chunks),
        v if v > VERSION => Err(Unreadable::TooNew(v)),
        v => Err(Unreadable::Malformed(format!("unknown snapshot version {v}"))),
    }
}
