//! Keeping the ledger in the browser: a versioned, chunked snapshot written through the
//! [`KeyValue`] interface. The snapshot logic is plain Rust and tested natively against
//! [`MemoryKv`]; [`LocalKv`] is the `localStorage` adapter (gloo-storage) used in the browser.

mod kv;
mod local;
pub mod migrate;
mod prefs;
pub mod records;
mod store;

pub use kv::{KeyValue, KvError, MemoryKv};
pub use local::{clear_training, load_prefs, load_training, save_prefs, save_training, LocalKv};
pub use prefs::{Prefs, PREFS_KEY};
pub use store::{
    changed_chunks, chunk_key, decode_chunks, pack, unpack, Loaded, Meta, SaveError, SaveReport, Store, Unreadable, FORMAT,
    META_KEY, PREFIX, VERSION,
};
