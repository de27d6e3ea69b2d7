//! The user's preferences on this device: language, the demo clock and large-font mode. Kept apart from the
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
    /// Large-font mode (presenting on a projector): the root font size at 125%.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_font: bool,
}

impl Prefs {
    /// Reads preferences; anything unreadable gives the defaults (they are not data).
    pub fn from_json(text: Option<&str>) -> Prefs {
        // Field by field: one unreadable value does not take the others with it.
        let Some(serde_json::Value::Object(map)) = text.and_then(|t| serde_json::from_str(t).ok()) else {
            return Prefs::default();
        };
        fn field<T: serde::de::DeserializeOwned>(map: &serde_json::Map<String, serde_json::Value>, k: &str) -> Option<T> {
            map.get(k).cloned().and_then(|v| serde_json::from_value(v).ok())
        }
        Prefs {
            lang: field(&map, "lang").unwrap_or_default(),
            today: field::<Option<NaiveDate>>(&map, "today").flatten(),
            large_font: field(&map, "large_font").unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_table() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23);
        let rows = [
            (r#"{"lang":"nl","today":"2026-11-23"}"#, Prefs { lang: Lang::Nl, today: d, large_font: false }),
            (r#"{"lang":"En"}"#, Prefs { lang: Lang::En, today: None, large_font: false }),
            (r#"{"lang":"en","today":null}"#, Prefs { lang: Lang::En, today: None, large_font: false }),
            (r#"{}"#, Prefs::default()),
            ("not json", Prefs::default()),
            (r#"{"lang":"fr","today":"2026-11-23"}"#, Prefs { lang: Lang::Nl, today: d, large_font: false }),
            (r#"{"lang":"en","today":"gisteren"}"#, Prefs { lang: Lang::En, today: None, large_font: false }),
            (r#"{"lang":"en","large_font":true}"#, Prefs { lang: Lang::En, today: None, large_font: true }),
            (r#"{"lang":"en","large_font":"ja"}"#, Prefs { lang: Lang::En, today: None, large_font: false }),
        ];
        for (text, expected) in rows {
            assert_eq!(Prefs::from_json(Some(text)), expected, "row {text}");
        }
        let written = serde_json::to_string(&Prefs { lang: Lang::En, today: d, large_font: false }).unwrap();
        assert_eq!(written, r#"{"lang":"en","today":"2026-11-23"}"#);
        let written = serde_json::to_string(&Prefs { lang: Lang::Nl, today: None, large_font: true }).unwrap();
        assert_eq!(written, r#"{"lang":"nl","today":null,"large_font":true}"#);
    }
}
