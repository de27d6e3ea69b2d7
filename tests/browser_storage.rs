//! The snapshot store against the browser's real `localStorage` (gloo-storage): round trip,
//! storage full, unreadable data, preferences. Run by `.ci/test` in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::str::FromStr;

use chrono::NaiveDate;
use gloo_storage::{LocalStorage, Storage};
use rust_decimal::Decimal;
use stipt::domain::*;
use stipt::i18n::Lang;
use stipt::storage::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn ledger(invoices: u32, note: &str) -> Ledger {
    let mut l = Ledger::new();
    l.company.name = "Studio Browser".into();
    let c = l.add_customer(Customer::new("D0001", "Bakkerij De Korenschoof")).unwrap();
    for i in 0..invoices {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i64::from(i % 200));
        let mut inv = Invoice::new(format!("2026-{i:05}"), c, date, 30, Money::eur(d("121.00")));
        inv.description = note.to_string();
        let id = l.add_invoice(inv).unwrap();
        if i % 2 == 0 {
            let p = Payment::new(c, date, Money::eur(d("121")), vec![Allocation { invoice: id, amount: d("121") }]).unwrap();
            l.add_payment(p).unwrap();
        }
    }
    l
}

fn load(store: &mut Store<LocalKv>) -> Ledger {
    match store.load() {
        Loaded::Ledger { ledger, .. } => ledger,
        other => panic!("expected a ledger, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn round_trip_through_local_storage() {
    LocalStorage::clear();
    let mut store = Store::new(LocalKv);
    assert!(matches!(store.load(), Loaded::Empty));
    let l = ledger(1500, "Fotografie – “winkel” & café");
    store.save(&Ledger::new(), &l).unwrap();
    assert!(LocalStorage::raw().get_item(META_KEY).unwrap().is_some());
    // A new store (as after a reload) reads exactly the same ledger.
    assert_eq!(load(&mut Store::new(LocalKv)), l);
    // A second save writes only what changed.
    let mut next = l.clone();
    next.company.name = "Nieuwe naam".into();
    let report = store.save(&l, &next).unwrap();
    assert_eq!(report.chunks_written, 1);
    assert_eq!(load(&mut Store::new(LocalKv)), next);
    LocalStorage::clear();
}

/// Fills `localStorage` until the browser refuses, returning the filler keys.
fn fill_storage() -> Vec<String> {
    let raw = LocalStorage::raw();
    let mut keys = Vec::new();
    let mut size = 1 << 20;
    while size >= 256 {
        let key = format!("filler.{}", keys.len());
        if raw.set_item(&key, &"x".repeat(size)).is_ok() {
            keys.push(key);
        } else {
            size /= 2;
        }
    }
    keys
}

#[wasm_bindgen_test]
fn storage_full_keeps_the_stored_ledger() {
    LocalStorage::clear();
    let mut store = Store::new(LocalKv);
    store.load();
    let small = ledger(3, "");
    store.save(&Ledger::new(), &small).unwrap();
    let meta_before = LocalStorage::raw().get_item(META_KEY).unwrap();
    let fillers = fill_storage();
    assert!(!fillers.is_empty(), "the browser has a quota");

    let big = ledger(800, &"lange omschrijving ".repeat(20));
    assert_eq!(store.save(&small, &big), Err(SaveError::QuotaExceeded));
    assert_eq!(LocalStorage::raw().get_item(META_KEY).unwrap(), meta_before, "meta unchanged");
    assert_eq!(store.revision(), Some(1));
    for k in &fillers {
        LocalStorage::delete(k);
    }
    assert_eq!(load(&mut Store::new(LocalKv)), small, "the old ledger is still there");
    assert!(
        LocalKv.keys("stipt.chunk.").iter().all(|k| k.ends_with(".1")),
        "no chunk of the failed save is left behind"
    );
    // With room again the same save succeeds.
    store.save(&small, &big).unwrap();
    assert_eq!(load(&mut Store::new(LocalKv)), big);
    LocalStorage::clear();
}

#[wasm_bindgen_test]
fn unreadable_data_is_reported_and_kept() {
    LocalStorage::clear();
    let raw = LocalStorage::raw();
    raw.set_item(META_KEY, "{\"format\":\"stipt-snapshot\",\"version\":1,\"revision\":2,\"chunks\":{\"i0\":2}}").unwrap();
    raw.set_item(&chunk_key("i0", 2), "[[1,\"2026-1\",1,20000,30,\"12.5\"").unwrap();
    let mut store = Store::new(LocalKv);
    match store.load() {
        Loaded::Unreadable(Unreadable::BadChunk { chunk, .. }) => assert_eq!(chunk, "i0"),
        other => panic!("expected a bad chunk, got {other:?}"),
    }
    assert_eq!(store.save(&Ledger::new(), &ledger(1, "")), Err(SaveError::Blocked));
    assert_eq!(raw.get_item(&chunk_key("i0", 2)).unwrap().as_deref(), Some("[[1,\"2026-1\",1,20000,30,\"12.5\""));
    assert!(store.raw_dump().contains("2026-1"), "the raw text can be downloaded");

    raw.set_item(META_KEY, "{\"format\":\"stipt-snapshot\",\"version\":7,\"revision\":1,\"chunks\":{}}").unwrap();
    assert!(matches!(Store::new(LocalKv).load(), Loaded::Unreadable(Unreadable::TooNew(7))));

    store.discard();
    assert!(raw.get_item(META_KEY).unwrap().is_none());
    store.save(&Ledger::new(), &ledger(1, "")).unwrap();
    LocalStorage::clear();
}

#[wasm_bindgen_test]
fn preferences_survive_and_are_not_part_of_the_ledger() {
    LocalStorage::clear();
    assert_eq!(load_prefs(), Prefs::default());
    let prefs = Prefs { lang: Lang::En, today: NaiveDate::from_ymd_opt(2026, 3, 1), large_font: true };
    save_prefs(&prefs).unwrap();
    assert_eq!(load_prefs(), prefs);
    let mut store = Store::new(LocalKv);
    store.load();
    store.save(&Ledger::new(), &ledger(1, "")).unwrap();
    store.discard();
    assert_eq!(load_prefs(), prefs, "discarding the ledger keeps the preferences");
    LocalStorage::raw().set_item(PREFS_KEY, "not json").unwrap();
    assert_eq!(load_prefs(), Prefs::default(), "unreadable preferences fall back to defaults");
    LocalStorage::clear();
}
