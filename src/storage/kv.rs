//! The key-value interface the snapshot store writes through, and an in-memory
//! implementation with a quota for native tests.

use std::collections::BTreeMap;

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KvError {
    /// The browser refused the write because the origin's storage is full.
    #[error("storage is full")]
    QuotaExceeded,
    /// Storage is not available (private mode, disabled, ...), with the browser's message.
    #[error("storage is not available: {0}")]
    Unavailable(String),
}

/// A string key-value store such as `localStorage`.
pub trait KeyValue {
    /// # Errors
    /// `Unavailable` when storage cannot be read.
    fn get(&self, key: &str) -> Result<Option<String>, KvError>;
    /// # Errors
    /// `QuotaExceeded` when the value does not fit; the old value is then kept.
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError>;
    fn remove(&mut self, key: &str);
    /// All keys that start with `prefix`.
    fn keys(&self, prefix: &str) -> Vec<String>;
}

/// In-memory store; `quota` counts characters of keys and values like browsers do.
#[derive(Clone, Debug, Default)]
pub struct MemoryKv {
    pub map: BTreeMap<String, String>,
    pub quota: Option<usize>,
    /// Number of successful `set` calls, so tests can check how much was rewritten.
    pub writes: usize,
    /// Characters written by successful `set` calls.
    pub written_chars: usize,
    /// Writes to this key fail as if storage were full (to test a failure at a chosen step).
    pub full_at_key: Option<String>,
}

impl MemoryKv {
    pub fn new() -> MemoryKv {
        MemoryKv::default()
    }

    pub fn with_quota(chars: usize) -> MemoryKv {
        MemoryKv { quota: Some(chars), ..MemoryKv::default() }
    }

    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| k.chars().count() + v.chars().count()).sum()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        Ok(self.map.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        if self.full_at_key.as_deref() == Some(key) {
            return Err(KvError::QuotaExceeded);
        }
        if let Some(quota) = self.quota {
            let old = self.map.get(key).map_or(0, |v| key.chars().count() + v.chars().count());
            let new = key.chars().count() + value.chars().count();
            if self.used() - old + new > quota {
                return Err(KvError::QuotaExceeded);
            }
        }
        self.writes += 1;
        self.written_chars += value.len();
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.map.remove(key);
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        self.map.keys().filter(|k| k.starts_with(prefix)).cloned().collect()
    }
}

/// A store shared by several owners, like one origin's `localStorage` seen by two tabs.
impl<K: KeyValue> KeyValue for std::rc::Rc<std::cell::RefCell<K>> {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.borrow().get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.borrow_mut().remove(key);
    }
    fn keys(&self, prefix: &str) -> Vec<String> {
        self.borrow().keys(prefix)
    }
}
