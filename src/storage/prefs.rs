//! The user's preferences on this device: language and the demo clock. Kept apart from the
//! ledger snapshot, so that a broken ledger never hides them and a restore never changes them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

pub const PREFS_KEY: &str = "stipt.prefs";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    #[serde(default)]
    pub lang: Lang,
    /// "Today" for demos and training; `None` = the real date.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

impl Prefs {
    /// Reads preferences; anything unreadable gives the defaults (they are not data).
    pub fn from_json(text: Option<&str>) -> Prefs {
        text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
    }
}
