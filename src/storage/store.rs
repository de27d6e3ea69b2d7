//! The versioned snapshot of the ledger in a key-value store, written in chunks.
//!
//! Layout (all keys start with `stipt.`):
//! - `stipt.meta`: `{"format":"stipt-snapshot","version":1,"revision":R,"chunks":{name: rev}}`
//! - `stipt.chunk.<name>.<rev>`: one chunk, written at revision `rev`: its JSON, or `z` and the
//!   base64 of the deflated JSON when that is shorter (see [`pack`]).
//!
//! Chunks: `base` (company, settings), `c<k>` customers with ids in `k*256..(k+1)*256`,
//! `i<k>`, `p<k>`, `e<k>` invoices, payments and diary entries with ids in `k*1024..`.
//!
//! Saving writes only the chunks whose records changed, each under a new key, and then the
//! meta record that points to them: until that last write the stored ledger is the old one, so a
//! failure (storage full, tab closed) never leaves a half-written ledger. Superseded chunks are
//! removed afterwards. The revision in the meta record detects a save from another tab.
//!
//! A snapshot that cannot be read is never overwritten: `load` reports it, `save` refuses, and
//! the raw stored text stays available for download until the user discards it explicitly.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::kv::{KeyValue, KvError};
use super::migrate;
use super::records::{BaseRec, CustomerRec, DecodeError, EventRec, InvoiceRec, PaymentRec};
use crate::domain::{Ledger, LedgerParts, PartsError};

pub const PREFIX: &str = "stipt.";
pub const META_KEY: &str = "stipt.meta";
pub const FORMAT: &str = "stipt-snapshot";
/// The snapshot version this build writes.
pub const VERSION: u32 = 1;

const CUSTOMERS_PER_CHUNK: u32 = 256;
const RECORDS_PER_CHUNK: u32 = 1024;

/// The meta record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: String,
    pub version: u32,
    pub revision: u64,
    /// Chunk name -> revision at which it was written.
    pub chunks: BTreeMap<String, u64>,
}

/// Chunks whose JSON is longer than this are stored deflated.
const COMPRESS_FROM: usize = 512;

/// The stored form of a chunk: its JSON, or — when that is long — `z` followed by the base64 of
/// the deflated JSON (JSON never starts with `z`).
pub fn pack(json: &str) -> String {
    use base64::Engine;
    if json.len() < COMPRESS_FROM {
        return json.to_string();
    }
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
    let mut out = String::with_capacity(deflated.len() * 4 / 3 + 4);
    out.push('z');
    base64::engine::general_purpose::STANDARD_NO_PAD.encode_string(&deflated, &mut out);
    if out.len() < json.len() {
        out
    } else {
        json.to_string()
    }
}

/// The JSON of a stored chunk.
///
/// # Errors
/// A description of what is wrong with a packed chunk.
pub fn unpack(stored: &str) -> Result<String, String> {
    use base64::Engine;
    let Some(b64) = stored.strip_prefix('z') else { return Ok(stored.to_string()) };
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(b64.trim()).map_err(|e| format!("base64: {e}"))?;
    // A chunk holds at most a few thousand records: 64 MB is far above any real one.
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, 64 << 20).map_err(|e| format!("deflate: {e}"))?;
    String::from_utf8(json).map_err(|e| format!("utf-8: {e}"))
}

pub fn chunk_key(name: &str, rev: u64) -> String {
    format!("{PREFIX}chunk.{name}.{rev}")
}

/// Why the stored snapshot cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("the stored data is not a Stipt snapshot: {0}")]
    Malformed(String),
    #[error("the stored data was written by a newer version of Stipt (snapshot version {0})")]
    TooNew(u32),
    #[error("part '{0}' of the stored data is missing")]
    MissingChunk(String),
    #[error("part '{chunk}' of the stored data cannot be read: {reason}")]
    BadChunk { chunk: String, reason: String },
    #[error("the stored ledger breaks a rule: {0}")]
    Invalid(String),
    #[error("{0}")]
    Storage(String),
}

/// What `load` found.
// Returned once per load and moved straight into the app state: boxing the ledger buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// The ledger at this revision; `migrated_from` is set when an older version was upgraded.
    Ledger { ledger: Ledger, revision: u64, migrated_from: Option<u32> },
    /// Something is stored that cannot be used: it is left untouched.
    Unreadable(Unreadable),
}

/// Why a save did not happen. In every case the stored ledger is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    #[error("storage is full")]
    QuotaExceeded,
    #[error("another tab saved revision {stored} of the ledger; this tab has {ours}")]
    Conflict { ours: u64, stored: u64 },
    #[error("the stored data cannot be read, so it is not overwritten")]
    Blocked,
    #[error("storage is not available: {0}")]
    Unavailable(String),
}

impl From<KvError> for SaveError {
    fn from(e: KvError) -> Self {
        match e {
            KvError::QuotaExceeded => SaveError::QuotaExceeded,
            KvError::Unavailable(m) => SaveError::Unavailable(m),
        }
    }
}

/// What a save wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveReport {
    pub revision: u64,
    pub chunks_written: usize,
    pub chars_written: usize,
}

/// The ledger's snapshot in a key-value store.
pub struct Store<K: KeyValue> {
    kv: K,
    /// The revision this tab last loaded or saved; `None` when the stored data is unreadable.
    revision: Option<u64>,
}

fn chunk_ranges(name: char, max_id: u32, per: u32) -> impl Iterator<Item = (String, u32, u32)> {
    (0..=max_id / per).map(move |k| (format!("{name}{k}"), k * per, (k + 1) * per))
}

/// Encodes the chunks of `ledger` whose content differs from `old` (all of them when `old` is
/// `None`). Returns (name, Some(json)) for chunks to write and (name, None) for chunks that
/// became empty.
pub fn changed_chunks(old: Option<&Ledger>, new: &Ledger) -> Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    let enc = |v: &dyn erased::Json| v.to_json().map(|json| pack(&json));
    if old.is_none_or(|o| o.company != new.company || o.settings != new.settings) {
        out.push(("base".to_string(), Some(enc(&BaseRec::from_domain(&new.company, &new.settings))?)));
    }
    let (oc, oi, op, oe) = old.map_or((0, 0, 0, 0), Ledger::max_ids);
    let (nc, ni, np, ne) = new.max_ids();
    macro_rules! diff {
        ($letter:expr, $per:expr, $omax:expr, $nmax:expr, $iter:ident, $rec:ident) => {
            for (name, lo, hi) in chunk_ranges($letter, $omax.max($nmax), $per) {
                let same = old.is_some_and(|o| o.$iter(lo, hi).eq(new.$iter(lo, hi)));
                if same {
                    continue;
                }
                let recs: Vec<$rec> = new.$iter(lo, hi).map($rec::from_domain).collect();
                if recs.is_empty() {
                    out.push((name, None));
                } else {
                    out.push((name, Some(enc(&recs)?)));
                }
            }
        };
    }
    diff!('c', CUSTOMERS_PER_CHUNK, oc, nc, customers_in, CustomerRec);
    diff!('i', RECORDS_PER_CHUNK, oi, ni, invoices_in, InvoiceRec);
    diff!('p', RECORDS_PER_CHUNK, op, np, payments_in, PaymentRec);
    diff!('e', RECORDS_PER_CHUNK, oe, ne, events_in, EventRec);
    Ok(out)
}

mod erased {
    pub trait Json {
        fn to_json(&self) -> Result<String, String>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Result<String, String> {
            serde_json::to_string(self).map_err(|e| e.to_string())
        }
    }
}

/// Rebuilds a ledger from decoded chunks (current version). Every invariant is checked.
pub fn decode_chunks(chunks: &BTreeMap<String, String>) -> Result<Ledger, Unreadable> {
    let mut parts = LedgerParts::default();
    for (name, stored) in chunks {
        let bad = |reason: String| Unreadable::BadChunk { chunk: name.clone(), reason };
        let text = &unpack(stored).map_err(bad)?;
        let json_err = |e: serde_json::Error| bad(format!("line {}, column {}: {e}", e.line(), e.column()));
        let dec_err = |e: DecodeError| bad(e.to_string());
        match name.chars().next() {
            Some('b') if name == "base" => {
                let rec: BaseRec = serde_json::from_str(text).map_err(json_err)?;
                let (company, settings) = rec.into_domain().map_err(dec_err)?;
                parts.company = company;
                parts.settings = settings;
            }
            Some('c') => {
                let recs: Vec<CustomerRec> = serde_json::from_str(text).map_err(json_err)?;
                for r in recs {
                    parts.customers.push(r.into_domain().map_err(dec_err)?);
                }
            }
            Some('i') => {
                let recs: Vec<InvoiceRec> = serde_json::from_str(text).map_err(json_err)?;
                for r in recs {
                    parts.invoices.push(r.into_domain().map_err(dec_err)?);
                }
            }
            Some('p') => {
                let recs: Vec<PaymentRec> = serde_json::from_str(text).map_err(json_err)?;
                for r in recs {
                    parts.payments.push(r.into_domain().map_err(dec_err)?);
                }
            }
            Some('e') => {
                let recs: Vec<EventRec> = serde_json::from_str(text).map_err(json_err)?;
                for r in recs {
                    parts.events.push(r.into_domain().map_err(dec_err)?);
                }
            }
            _ => return Err(bad("unknown part".into())),
        }
    }
    Ledger::from_parts(parts).map_err(|e: PartsError| Unreadable::Invalid(e.to_string()))
}

impl<K: KeyValue> Store<K> {
    pub fn new(kv: K) -> Store<K> {
        Store { kv, revision: None }
    }

    pub fn kv(&self) -> &K {
        &self.kv
    }

    pub fn kv_mut(&mut self) -> &mut K {
        &mut self.kv
    }

    /// The revision this tab holds, if the stored data is usable.
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }

    fn read_meta(&self) -> Result<Option<Meta>, Unreadable> {
        let Some(text) = self.kv.get(META_KEY).map_err(|e| Unreadable::Storage(e.to_string()))? else {
            return Ok(None);
        };
        #[derive(Deserialize)]
        struct Head {
            format: String,
            version: u32,
        }
        let head: Head = serde_json::from_str(&text).map_err(|e| Unreadable::Malformed(e.to_string()))?;
        if head.format != FORMAT {
            return Err(Unreadable::Malformed(format!("format '{}'", head.format)));
        }
        if head.version > VERSION {
            return Err(Unreadable::TooNew(head.version));
        }
        let meta: Meta = serde_json::from_str(&text).map_err(|e| Unreadable::Malformed(e.to_string()))?;
        Ok(Some(meta))
    }

    /// The revision stored now (by any tab), or `None` when nothing usable is stored.
    pub fn stored_revision(&self) -> Option<u64> {
        self.read_meta().ok().flatten().map(|m| m.revision)
    }

    /// Reads the stored ledger. An unreadable snapshot blocks saving until [`Store::discard`].
    pub fn load(&mut self) -> Loaded {
        self.revision = None;
        let meta = match self.read_meta() {
            Ok(Some(m)) => m,
            Ok(None) => {
                self.revision = Some(0);
                return Loaded::Empty;
            }
            Err(u) => return Loaded::Unreadable(u),
        };
        let mut chunks = BTreeMap::new();
        for (name, rev) in &meta.chunks {
            match self.kv.get(&chunk_key(name, *rev)) {
                Ok(Some(text)) => {
                    chunks.insert(name.clone(), text);
                }
                Ok(None) => return Loaded::Unreadable(Unreadable::MissingChunk(name.clone())),
                Err(e) => return Loaded::Unreadable(Unreadable::Storage(e.to_string())),
            }
        }
        let from = meta.version;
        let chunks = match migrate::to_current(from, chunks) {
            Ok(c) => c,
            Err(u) => return Loaded::Unreadable(u),
        };
        match decode_chunks(&chunks) {
            Ok(ledger) => {
                self.revision = Some(meta.revision);
                self.collect_garbage(&meta);
                Loaded::Ledger { ledger, revision: meta.revision, migrated_from: (from < VERSION).then_some(from) }
            }
            Err(u) => Loaded::Unreadable(u),
        }
    }

    /// Removes chunk keys that the meta record does not point to (left by an interrupted save).
    fn collect_garbage(&mut self, meta: &Meta) {
        let live: Vec<String> = meta.chunks.iter().map(|(n, r)| chunk_key(n, *r)).collect();
        for key in self.kv.keys(&format!("{PREFIX}chunk.")) {
            if !live.contains(&key) {
                self.kv.remove(&key);
            }
        }
    }

    /// Saves `new`, writing only what differs from `old` (the ledger this tab loaded or last
    /// saved). On any error nothing stored has changed.
    ///
    /// # Errors
    /// See [`SaveError`].
    pub fn save(&mut self, old: &Ledger, new: &Ledger) -> Result<SaveReport, SaveError> {
        let ours = self.revision.ok_or(SaveError::Blocked)?;
        let meta = match self.read_meta() {
            Ok(m) => m,
            Err(_) => return Err(SaveError::Blocked),
        };
        let stored = meta.as_ref().map_or(0, |m| m.revision);
        if stored != ours {
            return Err(SaveError::Conflict { ours, stored });
        }
        let mut chunks = meta.as_ref().map(|m| m.chunks.clone()).unwrap_or_default();
        let base = if meta.is_none() { None } else { Some(old) };
        let changed = changed_chunks(base, new).map_err(SaveError::Unavailable)?;
        let revision = ours + 1;
        let mut written: Vec<String> = Vec::new();
        let mut superseded: Vec<String> = Vec::new();
        let mut chars = 0;
        for (name, text) in &changed {
            if let Some(old_rev) = chunks.get(name) {
                superseded.push(chunk_key(name, *old_rev));
            }
            match text {
                Some(text) => {
                    let key = chunk_key(name, revision);
                    if let Err(e) = self.kv.set(&key, text) {
                        self.undo(&written);
                        return Err(e.into());
                    }
                    chars += text.len();
                    written.push(key);
                    chunks.insert(name.clone(), revision);
                }
                None => {
                    chunks.remove(name);
                }
            }
        }
        let new_meta = Meta { format: FORMAT.into(), version: VERSION, revision, chunks };
        let meta_text = serde_json::to_string(&new_meta).map_err(|e| SaveError::Unavailable(e.to_string()))?;
        if let Err(e) = self.kv.set(META_KEY, &meta_text) {
            self.undo(&written);
            return Err(e.into());
        }
        for key in superseded {
            self.kv.remove(&key);
        }
        self.revision = Some(revision);
        Ok(SaveReport { revision, chunks_written: written.len(), chars_written: chars })
    }

    fn undo(&mut self, written: &[String]) {
        for key in written {
            self.kv.remove(key);
        }
    }

    /// Every stored `stipt.` key and its raw text, as pretty JSON: what the user downloads when
    /// the snapshot cannot be read.
    pub fn raw_dump(&self) -> String {
        let mut map = BTreeMap::new();
        for key in self.kv.keys(PREFIX) {
            if let Ok(Some(v)) = self.kv.get(&key) {
                map.insert(key, v);
            }
        }
        serde_json::to_string_pretty(&map).unwrap_or_default()
    }

    /// Removes everything stored, after the user chose to start over. Saving works again.
    pub fn discard(&mut self) {
        for key in self.kv.keys(PREFIX) {
            if key != super::prefs::PREFS_KEY {
                self.kv.remove(&key);
            }
        }
        self.revision = Some(0);
    }
}
