//! `localStorage` through gloo-storage: the browser side of [`KeyValue`].

use gloo_storage::{LocalStorage, Storage};

use super::kv::{KeyValue, KvError};
use super::prefs::{Prefs, PREFS_KEY};

/// The origin's `localStorage`.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalKv;

fn is_quota(err: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    err.dyn_ref::<web_sys::DomException>().is_some_and(|e| {
        e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22
    })
}

impl KeyValue for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        LocalStorage::raw().get_item(key).map_err(|e| KvError::Unavailable(format!("{e:?}")))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        LocalStorage::raw().set_item(key, value).map_err(|e| {
            if is_quota(&e) {
                KvError::QuotaExceeded
            } else {
                KvError::Unavailable(format!("{e:?}"))
            }
        })
    }

    fn remove(&mut self, key: &str) {
        let _ = LocalStorage::raw().remove_item(key);
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        let raw = LocalStorage::raw();
        let n = raw.length().unwrap_or(0);
        (0..n).filter_map(|i| raw.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
    }
}

/// Reads the preferences (defaults when absent or unreadable).
pub fn load_prefs() -> Prefs {
    Prefs::from_json(LocalStorage::raw().get_item(PREFS_KEY).ok().flatten().as_deref())
}

/// Saves the preferences.
///
/// # Errors
/// When storage refuses the write.
pub fn save_prefs(prefs: &Prefs) -> Result<(), KvError> {
    LocalStorage::set(PREFS_KEY, prefs).map_err(|e| KvError::Unavailable(e.to_string()))
}

/// The stored training session (`training::session::SESSION_KEY`, outside the snapshot's
/// prefix), if any.
pub fn load_training() -> Option<String> {
    LocalStorage::raw().get_item(crate::training::session::SESSION_KEY).ok().flatten()
}

/// Saves the training session's text.
///
/// # Errors
/// When storage refuses the write (full, or not available).
pub fn save_training(text: &str) -> Result<(), KvError> {
    LocalKv.set(crate::training::session::SESSION_KEY, text)
}

/// Removes the training session.
pub fn clear_training() {
    LocalKv.remove(crate::training::session::SESSION_KEY);
}
