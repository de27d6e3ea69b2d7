//! The stored snapshot: exact round trips, incremental writes, quota, corrupt and newer data,
//! interrupted saves, two tabs, and the version-1 fixture that must keep loading.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::str::FromStr;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::*;
use stipt::storage::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(n)
}

/// A ledger with `customers` customers and `invoices` invoices, some paid, credited, disputed.
fn ledger(customers: u32, invoices: u32) -> Ledger {
    let mut l = Ledger::new();
    l.company.name = "Studio Test".into();
    for c in 0..customers {
        let mut cust = Customer::new(format!("D{c:04}"), format!("Klant {c}"));
        if c % 3 == 0 {
            cust.kind = CustomerKind::Consumer;
            cust.country = Country::Be;
        }
        cust.credit_limit = (c % 4 == 0).then(|| d("5000"));
        cust.terms = match c % 5 {
            1 => ContractTerms { interest: Some(ContractInterest { rate: d("1"), per_month: true, compound: false }), costs: None },
            2 => ContractTerms {
                interest: Some(ContractInterest { rate: d("8.50"), per_month: false, compound: true }),
                costs: Some(ContractCosts::Percent(d("15"))),
            },
            3 => ContractTerms { interest: None, costs: Some(ContractCosts::Fixed(d("40.00"))) },
            _ => ContractTerms::default(),
        };
        l.add_customer(cust).unwrap();
    }
    let cust_ids: Vec<CustomerId> = l.customers().map(|c| c.id).collect();
    for i in 0..invoices {
        let cid = cust_ids[(i as usize) % cust_ids.len()];
        let amount = Decimal::new(10_000 + i64::from(i) * 137 % 90_000, 2);
        let inv = Invoice::new(format!("2025-{i:05}"), cid, day(i64::from(i % 300)), 30, Money::eur(amount));
        let id = l.add_invoice(inv).unwrap();
        match i % 7 {
            0 => {
                let p = Payment::new(cid, day(i64::from(i % 300) + 20), Money::eur(amount), vec![Allocation { invoice: id, amount }]).unwrap();
                l.add_payment(p).unwrap();
            }
            1 => {
                let half = amount / d("2");
                let p = Payment::new(cid, day(i64::from(i % 300) + 40), Money::eur(half + d("5")), vec![Allocation { invoice: id, amount: half }]).unwrap();
                l.add_payment(p).unwrap();
            }
            2 => {
                let cn = Invoice::credit_note(format!("C-{i:05}"), l.invoice(id).unwrap(), day(i64::from(i % 300) + 3), Money::eur(d("10")));
                l.add_invoice(cn).unwrap();
            }
            3 => {
                let mut e = Event::new(cid, Some(id), day(i64::from(i % 300) + 35), EventKind::DisputeOpened { reason: "Levering onvolledig".into() });
                e.note = "Klant belde \"boos\" — 'levering' niet compleet".into();
                l.add_event(e).unwrap();
            }
            4 => {
                l.add_event(Event::new(cid, None, day(i64::from(i % 300) + 40), EventKind::Promise { amount: d("100.5"), date: day(i64::from(i % 300) + 50) })).unwrap();
                l.add_event(Event::new(cid, Some(id), day(i64::from(i % 300) + 41), EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::NoAnswer })).unwrap();
            }
            5 => {
                let limit = (i % 2 == 0).then(|| d("7500.50"));
                let mut e = Event::new(cid, None, day(i64::from(i % 300) + 2), EventKind::LimitSet { limit, by: "J. de Vries, \"directie\"".into() });
                e.note = "Jaarcijfers goed; limiet omhoog".into();
                l.set_limit(e).unwrap();
                l.add_event(Event::new(cid, Some(id), day(i64::from(i % 300) + 90), EventKind::HandOver { agency: "Incasso Noord B.V.".into(), amount: d("1834.562") })).unwrap();
            }
            6 => {
                let step = if i % 2 == 0 { "first-dunning" } else { "Herinnering \"per post\"" };
                let mut e = Event::new(cid, Some(id), day(i64::from(i % 300) + 45), EventKind::DunningSkipped { step: step.into() });
                e.note = "Klant belde zelf; 'afspraak' gemaakt".into();
                l.add_event(e).unwrap();
                let invoice = (i % 2 == 0).then_some(id);
                let mut e = Event::new(cid, invoice, day(i64::from(i % 300) + 46), EventKind::Paused { until: day(i64::from(i % 300) + 76) });
                e.note = if i % 2 == 0 { "Verbouwing".into() } else { String::new() };
                l.add_event(e).unwrap();
            }
            _ => {}
        }
    }
    l
}

/// Law settings that use every field.
fn law() -> LawSettings {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    LawSettings {
        rates: vec![
            RateRow { table: RateTableKind::NlCommercial, from: date(2026, 7, 1), to: date(2026, 12, 31), rate: d("10.15"), source: "Staatscourant".into() },
            RateRow { table: RateTableKind::NlConsumer, from: date(2026, 1, 1), to: date(2026, 12, 31), rate: d("4"), source: String::new() },
            RateRow { table: RateTableKind::BeCommercial, from: date(2026, 1, 1), to: date(2026, 6, 30), rate: d("10.5"), source: "FOD Financiën — \"12%\"".into() },
        ],
        costs_vat: Some(d("21")),
        order: PaymentOrder::PrincipalInterestCosts,
        nl_business_costs: NlBusinessCosts::None,
        be_postage: d("1.50"),
    }
}

/// Risk settings that differ from the defaults in every field.
fn risk() -> RiskSettings {
    RiskSettings {
        grade_a_max: 5,
        grade_b_max: 20,
        grade_c_max: 45,
        silent_attempts: 4,
        excuse_repeats: 3,
        excuse_window_days: 60,
        buying_less_percent: 50,
        broken_promises: 2,
        dispute_days: 45,
        extension_requests: 3,
        extension_window_days: 365,
        pattern_change_days: 7,
        score_drop: 10,
        score_floor: 30,
        round_payments: 3,
        warn_first_invoice_unpaid: false,
        limit_revenue_share: d("12.5"),
        insured_share: d("85"),
        table: vec![
            RiskRow { sector: "bouw".into(), country: "BE".into(), level: RiskLevel::Medium },
            RiskRow { sector: "Transport \"& logistiek\"".into(), country: String::new(), level: RiskLevel::High },
            RiskRow { sector: String::new(), country: "DE".into(), level: RiskLevel::Low },
        ],
    }
}

/// Dunning settings that differ from the defaults in every field: every step kind, base,
/// channel and level, every flag, every rule condition, templates in both languages.
fn dunning() -> DunningSettings {
    let step = |kind, base, offset_days, channel, level| Step {
        kind,
        base,
        offset_days,
        channel,
        min_amount: Decimal::ZERO,
        fee: Decimal::ZERO,
        announce_interest: false,
        announce_costs: false,
        level,
        deadline_days: 0,
        nearby_only: false,
    };
    use CollectorLevel::{Junior, Owner, Senior};
    use StepBase::{DueDate, InvoiceDate, PreviousStep};
    DunningSettings {
        policies: vec![
            Policy {
                id: "zacht".into(),
                name: "Zacht \"vriendelijk\"".into(),
                steps: vec![
                    Step { min_amount: d("2500.50"), ..step(StepKind::ProactiveCheck, DueDate, -5, Channel::Phone, Junior) },
                    step(StepKind::InvoiceFollowUp, InvoiceDate, 3, Channel::Email, Junior),
                    step(StepKind::DueDateCall, DueDate, 0, Channel::Phone, Junior),
                    Step { deadline_days: 7, fee: d("7.50"), ..step(StepKind::Reminder, DueDate, 10, Channel::Letter, Junior) },
                ],
            },
            Policy {
                id: "streng".into(),
                name: "Streng".into(),
                steps: vec![
                    Step { announce_interest: true, ..step(StepKind::FirstDunning, DueDate, 7, Channel::Email, Senior) },
                    step(StepKind::Call, PreviousStep, 3, Channel::Phone, Senior),
                    Step { nearby_only: true, ..step(StepKind::Visit, PreviousStep, 5, Channel::Visit, Senior) },
                    Step {
                        announce_interest: true,
                        announce_costs: true,
                        deadline_days: 14,
                        ..step(StepKind::FinalNotice, DueDate, 28, Channel::RegisteredLetter, Owner)
                    },
                    step(StepKind::HandOver, PreviousStep, 15, Channel::HandOver, Owner),
                ],
            },
        ],
        rules: vec![
            AssignRule {
                policy: "streng".into(),
                grades: vec!["C".into(), "D".into()],
                score_below: Some(35),
                risk_levels: vec![RiskLevel::High, RiskLevel::Medium],
                kind: Some(CustomerKind::Consumer),
                open_at_least: Some(d("1000.00")),
            },
            AssignRule {
                policy: "zacht".into(),
                grades: vec![String::new()],
                score_below: None,
                risk_levels: vec![RiskLevel::Low],
                kind: Some(CustomerKind::Business),
                open_at_least: None,
            },
        ],
        default_policy: "zacht".into(),
        email_below: d("1000"),
        letter_up_to: d("5000.00"),
        senior_from: d("2500"),
        owner_from: d("2500"),
        proactive_from: d("0"),
        promise_grace_days: 5,
        templates: vec![
            TemplateText {
                kind: StepKind::Reminder,
                lang: "nl".into(),
                subject: "Herinnering factuur {invoice}".into(),
                body: "Beste {name},\n\nWij missen nog \"€ {amount}\".".into(),
            },
            TemplateText { kind: StepKind::FinalNotice, lang: "en".into(), subject: "Final notice".into(), body: String::new() },
        ],
        agency: Agency {
            name: "Incassobureau Noord".into(),
            contact: String::new(),
            address: Address { street: "Postbus 12".into(), postcode: "9700 AA".into(), city: "Groningen".into() },
            email: "dossiers@noord.example".into(),
        },
    }
}

fn fresh() -> Store<MemoryKv> {
    let mut s = Store::new(MemoryKv::new());
    assert!(matches!(s.load(), Loaded::Empty));
    s
}

fn load_ledger<K: KeyValue>(s: &mut Store<K>) -> Ledger {
    match s.load() {
        Loaded::Ledger { ledger, .. } => ledger,
        other => panic!("expected a ledger, got {other:?}"),
    }
}

#[test]
fn round_trip_is_exact() {
    let l = ledger(12, 300);
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    let mut again = Store::new(s.kv().clone());
    assert_eq!(load_ledger(&mut again), l);
    assert_eq!(again.revision(), Some(1));
}

#[test]
fn a_change_rewrites_only_its_chunk() {
    let big = ledger(300, 5000);
    let mut s = fresh();
    let first = s.save(&Ledger::new(), &big).unwrap();
    assert!(first.chunks_written >= 6, "the first save writes every chunk: {first:?}");
    let mut next = big.clone();
    let cid = next.customers().next().unwrap().id;
    next.add_event(Event::new(cid, None, day(1), EventKind::Note)).unwrap();
    let report = s.save(&big, &next).unwrap();
    assert_eq!(report.chunks_written, 1, "only the diary chunk: {report:?}");
    assert!(report.chars_written < first.chars_written / 10, "{report:?} vs {first:?}");
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
    // Superseded chunks are removed: one key per live chunk plus meta.
    let meta: Meta = serde_json::from_str(&s.kv().get(META_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(s.kv().keys("stipt.chunk.").len(), meta.chunks.len());
}

#[test]
fn removing_everything_of_a_chunk_drops_it() {
    let l = ledger(3, 3);
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    let mut empty = l.clone();
    for id in l.customers().map(|c| c.id).collect::<Vec<_>>() {
        empty.remove_customer(id).unwrap();
    }
    s.save(&l, &empty).unwrap();
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), empty);
    assert_eq!(s.kv().keys("stipt.chunk.").len(), 1, "only base remains");
}

#[test]
fn storage_full_changes_nothing() {
    let small = ledger(2, 5);
    let mut s = Store::new(MemoryKv::with_quota(20_000));
    assert!(matches!(s.load(), Loaded::Empty));
    s.save(&Ledger::new(), &small).unwrap();
    let before = s.kv().map.clone();
    let big = ledger(50, 2000);
    assert_eq!(s.save(&small, &big), Err(SaveError::QuotaExceeded));
    assert_eq!(s.kv().map, before, "no key was added, changed or removed");
    assert_eq!(s.revision(), Some(1));
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), small);
    // The next small change still saves.
    let mut next = small.clone();
    next.company.name = "Nieuwe naam".into();
    s.save(&small, &next).unwrap();
}

#[test]
fn storage_full_at_the_meta_write_also_rolls_back() {
    let small = ledger(2, 10);
    let mut s = fresh();
    s.save(&Ledger::new(), &small).unwrap();
    let before = s.kv().map.clone();
    let mut next = small.clone();
    next.company.name = "Nieuwe naam".into();
    let cid = next.customers().next().unwrap().id;
    next.add_event(Event::new(cid, None, day(2), EventKind::Note)).unwrap();
    s.kv_mut().full_at_key = Some(META_KEY.to_string());
    assert_eq!(s.save(&small, &next), Err(SaveError::QuotaExceeded));
    assert_eq!(s.kv().map, before, "the chunks written before the failure are removed again");
    assert_eq!(s.revision(), Some(1));
    s.kv_mut().full_at_key = None;
    s.save(&small, &next).unwrap();
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
}

#[test]
fn unreadable_data_is_never_overwritten() {
    type Case = (&'static str, BTreeMap<String, String>, fn(&Unreadable) -> bool);
    let cases: Vec<Case> = vec![
        ("garbage meta", [(META_KEY.to_string(), "{not json".to_string())].into(), |u| matches!(u, Unreadable::Malformed(_))),
        ("other format", [(META_KEY.to_string(), r#"{"format":"x","version":1}"#.to_string())].into(), |u| matches!(u, Unreadable::Malformed(_))),
        ("newer version", [(META_KEY.to_string(), r#"{"format":"stipt-snapshot","version":9,"revision":3,"chunks":{}}"#.to_string())].into(), |u| matches!(u, Unreadable::TooNew(9))),
        ("missing chunk", [(META_KEY.to_string(), r#"{"format":"stipt-snapshot","version":1,"revision":3,"chunks":{"i0":3}}"#.to_string())].into(), |u| matches!(u, Unreadable::MissingChunk(c) if c == "i0")),
        (
            "broken chunk",
            [
                (META_KEY.to_string(), r#"{"format":"stipt-snapshot","version":1,"revision":3,"chunks":{"i0":3}}"#.to_string()),
                (chunk_key("i0", 3), "[[1,\"F1\",1,20000,30,\"12.5\"".to_string()),
            ]
            .into(),
            |u| matches!(u, Unreadable::BadChunk { chunk, reason } if chunk == "i0" && reason.contains("line 1")),
        ),
        (
            "invoice without customer",
            [
                (META_KEY.to_string(), r#"{"format":"stipt-snapshot","version":1,"revision":3,"chunks":{"i0":3}}"#.to_string()),
                (chunk_key("i0", 3), r#"[[1,"F1",7,20000,30,"12.5","","","",0,""]]"#.to_string()),
            ]
            .into(),
            |u| matches!(u, Unreadable::Invalid(m) if m.contains("F1")),
        ),
    ];
    for (name, stored, expected) in cases {
        let kv = MemoryKv { map: stored.clone(), ..MemoryKv::default() };
        let mut s = Store::new(kv);
        match s.load() {
            Loaded::Unreadable(u) => assert!(expected(&u), "case {name}: {u:?}"),
            other => panic!("case {name}: expected unreadable, got {other:?}"),
        }
        assert_eq!(s.save(&Ledger::new(), &ledger(1, 1)), Err(SaveError::Blocked), "case {name}");
        assert_eq!(s.kv().map, stored, "case {name}: stored data untouched");
        let dump: BTreeMap<String, String> = serde_json::from_str(&s.raw_dump()).unwrap();
        assert_eq!(dump, stored, "case {name}: the raw text can be downloaded");
        s.discard();
        assert!(s.save(&Ledger::new(), &ledger(1, 1)).is_ok(), "case {name}: after discard saving works");
    }
}

#[test]
fn an_interrupted_save_leaves_the_old_ledger_and_is_cleaned_up() {
    let l = ledger(3, 20);
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    // A tab closed after writing a chunk but before the meta record.
    s.kv_mut().set(&chunk_key("i0", 2), "[]").unwrap();
    let mut again = Store::new(s.kv().clone());
    assert_eq!(load_ledger(&mut again), l);
    assert!(again.kv().get(&chunk_key("i0", 2)).unwrap().is_none(), "orphan chunk removed");
}

#[test]
fn a_save_from_another_tab_is_not_overwritten() {
    let shared = Rc::new(RefCell::new(MemoryKv::new()));
    let mut tab_a = Store::new(shared.clone());
    tab_a.load();
    let base = ledger(2, 4);
    tab_a.save(&Ledger::new(), &base).unwrap();
    let mut tab_b = Store::new(shared.clone());
    let b_ledger = load_ledger(&mut tab_b);

    let mut a_next = base.clone();
    a_next.company.name = "Changed in A".into();
    tab_a.save(&base, &a_next).unwrap();

    let mut b_next = b_ledger.clone();
    b_next.company.name = "Changed in B".into();
    assert_eq!(tab_b.save(&b_ledger, &b_next), Err(SaveError::Conflict { ours: 1, stored: 2 }));
    assert_eq!(load_ledger(&mut Store::new(shared.clone())).company.name, "Changed in A");
    // B reloads, applies its change on top, and saves.
    let mut reloaded = load_ledger(&mut tab_b);
    let before = reloaded.clone();
    reloaded.settings.default_term_days = 14;
    tab_b.save(&before, &reloaded).unwrap();
    let stored = load_ledger(&mut Store::new(shared));
    assert_eq!(stored.company.name, "Changed in A");
    assert_eq!(stored.settings.default_term_days, 14);
}

/// The version-1 snapshot as the first release wrote it. It must keep loading in every later
/// version (through the migrations).
#[test]
fn v1_fixture_loads() {
    let text = include_str!("fixtures/snapshot_v1.json");
    let map: BTreeMap<String, String> = serde_json::from_str(text).unwrap();
    let mut s = Store::new(MemoryKv { map, ..MemoryKv::default() });
    let Loaded::Ledger { ledger, revision, .. } = s.load() else { panic!("v1 fixture does not load") };
    assert_eq!(revision, 4);
    assert_eq!(ledger.company.name, "Studio Noorderlicht");
    assert_eq!(ledger.customers().len(), 2);
    let bakker = ledger.customer_by_number("D0001").unwrap();
    assert_eq!(bakker.name, "Bakkerij De Korenschoof");
    assert_eq!(bakker.kind, CustomerKind::Business);
    assert_eq!(bakker.credit_limit, Some(d("2500")));
    assert_eq!(bakker.scores.len(), 1);
    let consumer = ledger.customer_by_number("D0002").unwrap();
    assert_eq!((consumer.kind, consumer.country.clone()), (CustomerKind::Consumer, Country::Be));
    let inv = ledger.invoice_by_number("2026-0001").unwrap();
    assert_eq!(inv.amount, Money::eur(d("1210.00")));
    assert_eq!(inv.due, NaiveDate::from_ymd_opt(2026, 2, 14).unwrap());
    let usd = ledger.invoice_by_number("2026-0002").unwrap();
    assert_eq!(usd.amount.currency.code(), "USD");
    // Written before law settings and contract terms existed: the defaults.
    assert_eq!(ledger.settings.law, LawSettings::default());
    assert!(ledger.customers().all(|c| c.terms.is_empty()));
    // And before the risk and dunning settings.
    assert_eq!(ledger.settings.risk, RiskSettings::default());
    assert_eq!(ledger.settings.dunning, DunningSettings::default());
    let cn = ledger.invoice_by_number("CN-2026-0001").unwrap();
    assert_eq!(cn.credits, Some(inv.id));
    let b = ledger.balance(inv.id).unwrap();
    assert_eq!((b.paid, b.credited, b.open()), (d("500"), d("110"), d("600.00")));
    assert_eq!(b.status(), InvoiceStatus::PartlyPaid);
    let p = ledger.payments().next().unwrap();
    assert_eq!(p.unallocated(), d("100"));
    let kinds: Vec<EventType> = ledger.events().map(|e| e.kind.event_type()).collect();
    assert_eq!(kinds, vec![EventType::Contact, EventType::Promise, EventType::DisputeOpened]);
    assert_eq!(ledger.balance(usd.id).unwrap().status(), InvoiceStatus::Disputed);
}

/// The v1 fixture, loaded and saved again, is written back exactly as it was stored: a ledger
/// that does not use the later optional fields is stored as before they existed.
#[test]
fn v1_fixture_is_written_back_unchanged() {
    let map: BTreeMap<String, String> = serde_json::from_str(include_str!("fixtures/snapshot_v1.json")).unwrap();
    let meta: Meta = serde_json::from_str(&map[META_KEY]).unwrap();
    let Loaded::Ledger { ledger, .. } = Store::new(MemoryKv { map: map.clone(), ..MemoryKv::default() }).load() else {
        panic!("v1 fixture does not load")
    };
    let chunks = changed_chunks(None, &ledger).unwrap();
    assert_eq!(chunks.len(), meta.chunks.len());
    for (name, text) in chunks {
        let stored = &map[&chunk_key(&name, meta.chunks[&name])];
        assert_eq!(unpack(&text.unwrap()).unwrap(), unpack(stored).unwrap(), "chunk {name}");
    }
}

#[test]
fn law_settings_and_contract_terms_round_trip() {
    let mut l = ledger(6, 20);
    l.settings.law = law();
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    let back = load_ledger(&mut Store::new(s.kv().clone()));
    assert_eq!(back, l);
    assert_eq!(back.settings.law, law());
    assert_eq!(back.customer_by_number("D0002").unwrap().terms.costs, Some(ContractCosts::Percent(d("15"))));
    // Changing only the law settings rewrites only the base chunk; back at the defaults, the
    // base chunk holds no law settings at all.
    let mut next = l.clone();
    next.settings.law = LawSettings::default();
    let report = s.save(&l, &next).unwrap();
    assert_eq!(report.chunks_written, 1, "{report:?}");
    let meta: Meta = serde_json::from_str(&s.kv().get(META_KEY).unwrap().unwrap()).unwrap();
    let base = s.kv().get(&chunk_key("base", meta.chunks["base"])).unwrap().unwrap();
    assert!(!base.contains("law"), "{base}");
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
}

/// Stored records with an invalid law setting or contract term are reported as damaged, not
/// loaded with a value that breaks a rule.
#[test]
fn invalid_law_settings_and_terms_are_unreadable() {
    let company = r#""company":{"name":"X","street":"","postcode":"","city":"","iban":"","kvk":"","vat":"","email":"","phone":""},"default_term_days":30,"currency":"""#;
    let customer = |extra: &str| {
        format!(
            r#"[{{"id":1,"number":"D1","name":"K","kind":"b","country":"NL","sector":"","size":"","contact":"","email":"","phone":"","street":"","postcode":"","city":"","iban":"","vat":"","term":30,"limit":"","scores":[],"profile":"","collector":"j","on_hold":false,"prepay":false,"handed_over":false,"insured":"","notes":""{extra}}}]"#
        )
    };
    let meta = |chunk: &str| format!(r#"{{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{{"{chunk}":1}}}}"#);
    let law = |law: &str| format!(r#"{{{company},"law":{law}}}"#);
    let cases: Vec<(&str, &str, String, Option<&str>)> = vec![
        ("good law", "base", law(r#"{"rates":[["nb",20635,20818,"10.15","x"]],"vat":"21","order":"p","nl_costs":"f","postage":"1.5"}"#), None),
        ("empty law", "base", law("{}"), None),
        ("period reversed", "base", law(r#"{"rates":[["nb",20818,20635,"10.15",""]]}"#), Some("rate row")),
        ("rate above 100", "base", law(r#"{"rates":[["bb",20635,20818,"100.01",""]]}"#), Some("rate row")),
        ("unknown table", "base", law(r#"{"rates":[["de",20635,20818,"9",""]]}"#), Some("rate table")),
        ("rate not a number", "base", law(r#"{"rates":[["nc",20635,20818,"vier",""]]}"#), Some("rate: 'vier'")),
        ("VAT above 100", "base", law(r#"{"vat":"121"}"#), Some("law settings")),
        ("unknown order", "base", law(r#"{"order":"x"}"#), Some("payment order")),
        ("rate row not an array", "base", law(r#"{"rates":[{}]}"#), Some("line 1")),
        ("good terms", "c0", customer(r#","interest":"yc8.5","costs":"p15""#), None),
        ("interest above 100", "c0", customer(r#","interest":"m101""#), Some("contract terms")),
        ("interest without period", "c0", customer(r#","interest":"8""#), Some("contractual interest")),
        ("negative fixed costs", "c0", customer(r#","costs":"a-5""#), Some("contract terms")),
        ("unknown costs", "c0", customer(r#","costs":"x5""#), Some("contractual costs")),
    ];
    for (name, chunk, text, error) in cases {
        let stored: BTreeMap<String, String> = [(META_KEY.to_string(), meta(chunk)), (chunk_key(chunk, 1), text)].into();
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        match (s.load(), error) {
            (Loaded::Ledger { .. }, None) => {}
            (Loaded::Unreadable(Unreadable::BadChunk { chunk: c, reason }), Some(e)) => {
                assert_eq!(c, chunk, "case {name}");
                assert!(reason.contains(e), "case {name}: {reason}");
                assert_eq!(s.save(&Ledger::new(), &ledger(1, 1)), Err(SaveError::Blocked), "case {name}");
                assert_eq!(s.kv().map, stored, "case {name}: stored data untouched");
            }
            (other, _) => panic!("case {name}: got {other:?}"),
        }
    }
}

#[test]
fn risk_settings_and_new_diary_kinds_round_trip() {
    let mut l = ledger(6, 20);
    l.settings.risk = risk();
    let kinds: Vec<EventType> = l.events().map(|e| e.kind.event_type()).collect();
    assert!(kinds.contains(&EventType::LimitSet) && kinds.contains(&EventType::HandOver), "{kinds:?}");
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    let back = load_ledger(&mut Store::new(s.kv().clone()));
    assert_eq!(back, l);
    assert_eq!(back.settings.risk, risk());
    // Changing only the risk settings rewrites only the base chunk; back at the defaults, the
    // base chunk holds no risk settings at all.
    let mut next = l.clone();
    next.settings.risk = RiskSettings::default();
    let report = s.save(&l, &next).unwrap();
    assert_eq!(report.chunks_written, 1, "{report:?}");
    let meta: Meta = serde_json::from_str(&s.kv().get(META_KEY).unwrap().unwrap()).unwrap();
    let base = s.kv().get(&chunk_key("base", meta.chunks["base"])).unwrap().unwrap();
    assert!(!base.contains("risk"), "{base}");
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
    // An empty table is kept empty, not read back as the default table.
    let mut empty = next.clone();
    empty.settings.risk.table.clear();
    s.save(&next, &empty).unwrap();
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())).settings.risk.table, vec![]);
}

/// Stored risk settings or diary entries that break a rule are reported as damaged (or as a
/// broken rule), not loaded, and the stored data is never overwritten.
#[test]
fn invalid_risk_settings_and_new_diary_kinds_are_unreadable() {
    let company = r#""company":{"name":"X","street":"","postcode":"","city":"","iban":"","kvk":"","vat":"","email":"","phone":""},"default_term_days":30,"currency":"""#;
    let customer = r#"[{"id":1,"number":"D1","name":"K","kind":"b","country":"NL","sector":"","size":"","contact":"","email":"","phone":"","street":"","postcode":"","city":"","iban":"","vat":"","term":30,"limit":"","scores":[],"profile":"","collector":"j","on_hold":false,"prepay":false,"handed_over":false,"insured":"","notes":""}]"#;
    let risk = |risk: &str| format!(r#"{{{company},"risk":{risk}}}"#);
    let one = |chunk: &str, text: String| -> BTreeMap<String, String> {
        let meta = format!(r#"{{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{{"{chunk}":1}}}}"#);
        [(META_KEY.to_string(), meta), (chunk_key(chunk, 1), text)].into()
    };
    let with_event = |event: &str| -> BTreeMap<String, String> {
        let meta = r#"{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{"c0":1,"e0":1}}"#;
        [(META_KEY.to_string(), meta.to_string()), (chunk_key("c0", 1), customer.to_string()), (chunk_key("e0", 1), format!("[{event}]"))]
            .into()
    };
    type Case = (&'static str, BTreeMap<String, String>, Option<(&'static str, &'static str)>);
    let cases: Vec<Case> = vec![
        ("good risk", one("base", risk(r#"{"grades":[0,10,20],"first_unpaid":false,"table":[["bouw","","h"],["","DE","l"]]}"#)), None),
        ("empty risk", one("base", risk("{}")), None),
        ("grades out of order", one("base", risk(r#"{"grades":[20,10,30]}"#)), Some(("base", "risk settings"))),
        ("share above 100", one("base", risk(r#"{"insured":"100.5"}"#)), Some(("base", "risk settings"))),
        ("share not a number", one("base", risk(r#"{"limit_share":"kwart"}"#)), Some(("base", "limit revenue share"))),
        ("unknown level", one("base", risk(r#"{"table":[["bouw","","x"]]}"#)), Some(("base", "risk level"))),
        ("grades not three numbers", one("base", risk(r#"{"grades":[1,2]}"#)), Some(("base", "line 1"))),
        ("good limit", with_event(r#"[1,1,0,20500,"l","5000","Jan","Goede cijfers"]"#), None),
        ("no limit", with_event(r#"[1,1,0,20500,"l","","","Opgeheven"]"#), None),
        ("good handover", with_event(r#"[1,1,0,20500,"h","1834.50","Incasso Noord",""]"#), None),
        ("limit not a number", with_event(r#"[1,1,0,20500,"l","veel","Jan","x"]"#), Some(("e0", "credit limit"))),
        ("handover amount not a number", with_event(r#"[1,1,0,20500,"h","","Incasso Noord",""]"#), Some(("e0", "handed-over amount"))),
    ];
    for (name, stored, error) in cases {
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        match (s.load(), error) {
            (Loaded::Ledger { .. }, None) => {}
            (Loaded::Unreadable(Unreadable::BadChunk { chunk: c, reason }), Some((chunk, e))) => {
                assert_eq!(c, chunk, "case {name}");
                assert!(reason.contains(e), "case {name}: {reason}");
                assert_eq!(s.save(&Ledger::new(), &ledger(1, 1)), Err(SaveError::Blocked), "case {name}");
                assert_eq!(s.kv().map, stored, "case {name}: stored data untouched");
            }
            (other, _) => panic!("case {name}: got {other:?}"),
        }
    }
    // Records that decode but break a rule of the ledger: a limit without a reason, a negative
    // limit, a handover without an agency or amount.
    for event in [
        r#"[1,1,0,20500,"l","5000","Jan",""]"#,
        r#"[1,1,0,20500,"l","-1","Jan","x"]"#,
        r#"[1,1,0,20500,"h","100","",""]"#,
        r#"[1,1,0,20500,"h","0","Incasso Noord",""]"#,
    ] {
        let stored = with_event(event);
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        assert!(matches!(s.load(), Loaded::Unreadable(Unreadable::Invalid(_))), "{event}");
        assert_eq!(s.kv().map, stored, "{event}: stored data untouched");
    }
}

#[test]
fn dunning_settings_and_skipped_steps_and_pauses_round_trip() {
    let mut l = ledger(6, 20);
    l.settings.dunning = dunning();
    let kinds: Vec<EventType> = l.events().map(|e| e.kind.event_type()).collect();
    assert!(kinds.contains(&EventType::DunningSkipped) && kinds.contains(&EventType::Paused), "{kinds:?}");
    assert!(l.events().any(|e| matches!(e.kind, EventKind::Paused { .. }) && e.invoice.is_none()), "a pause of a whole customer");
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    let back = load_ledger(&mut Store::new(s.kv().clone()));
    assert_eq!(back, l);
    assert_eq!(back.settings.dunning, dunning());
    // Changing only the dunning settings rewrites only the base chunk; back at the defaults, the
    // base chunk holds no dunning settings at all.
    let mut next = l.clone();
    next.settings.dunning = DunningSettings::default();
    let report = s.save(&l, &next).unwrap();
    assert_eq!(report.chunks_written, 1, "{report:?}");
    let meta: Meta = serde_json::from_str(&s.kv().get(META_KEY).unwrap().unwrap()).unwrap();
    let base = s.kv().get(&chunk_key("base", meta.chunks["base"])).unwrap().unwrap();
    assert!(!base.contains("dunning"), "{base}");
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
    // Empty rules and templates are kept empty, not read back as the default lists.
    let mut empty = next.clone();
    empty.settings.dunning.rules.clear();
    empty.settings.dunning.policies.truncate(1);
    s.save(&next, &empty).unwrap();
    let back = load_ledger(&mut Store::new(s.kv().clone())).settings.dunning;
    assert_eq!((back.rules.len(), back.policies.len()), (0, 1));
    assert_eq!(back, empty.settings.dunning);
}

#[test]
fn market_data_round_trips_and_is_left_out_when_empty() {
    let mut l = ledger(3, 5);
    let mut p = Prospect::new("Bouwbedrijf \"De Jong\" & Zn.");
    p.sector = "Bouw".into();
    p.size_class = Some(SizeClass::Medium);
    p.region = Some(Region::BeProvince(BeProvince::Antwerp));
    p.score = Some(0);
    p.city = "Antwerpen".into();
    p.note = "Beurs 2026".into();
    l.settings.market = MarketData {
        counts: vec![
            MarketCount { sector: "Bouw".into(), size_class: Some(SizeClass::Small), region: Some(Region::NlArea(10)), companies: 1250, source: "KvK".into() },
            MarketCount { sector: String::new(), size_class: None, region: Some(Region::Other("NL".into())), companies: 1, source: String::new() },
            MarketCount { sector: "Zorg".into(), size_class: None, region: None, companies: 4_000_000, source: "CBS".into() },
        ],
        prospects: vec![p, Prospect::new("Leeg")],
    };
    let mut s = fresh();
    s.save(&Ledger::new(), &l).unwrap();
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), l);
    // Only the base chunk changes with the market data; empty again, it holds none at all.
    let mut next = l.clone();
    next.settings.market = MarketData::default();
    let report = s.save(&l, &next).unwrap();
    assert_eq!(report.chunks_written, 1, "{report:?}");
    let meta: Meta = serde_json::from_str(&s.kv().get(META_KEY).unwrap().unwrap()).unwrap();
    let base = s.kv().get(&chunk_key("base", meta.chunks["base"])).unwrap().unwrap();
    assert!(!base.contains("market"), "{base}");
    assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), next);
}

/// Stored market data that breaks a rule (no companies, the same segment twice, a score above
/// 100, no name) or does not decode is reported, and the stored data is never overwritten.
#[test]
fn invalid_market_data_is_unreadable() {
    let company = r#""company":{"name":"X","street":"","postcode":"","city":"","iban":"","kvk":"","vat":"","email":"","phone":""},"default_term_days":30,"currency":"""#;
    for market in [
        r#"{"counts":[["Bouw","s","NL-10",0,""]]}"#,
        r#"{"counts":[["Bouw","","",5,""],["bouw ","","",6,""]]}"#,
        r#"{"prospects":[["X","","","",101,"",""]]}"#,
        r#"{"prospects":[[" ","","","",null,"",""]]}"#,
        r#"{"counts":[["Bouw","x","",5,""]]}"#,
        r#"{"counts":[["Bouw","","Atlantis",5,""]]}"#,
        r#"{"counts":[["Bouw","","nl-10",5,""]]}"#,
    ] {
        let base = format!(r#"{{{company},"market":{market}}}"#);
        let meta = r#"{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{"base":1}}"#.to_string();
        let stored: BTreeMap<String, String> = [(META_KEY.to_string(), meta), (chunk_key("base", 1), base)].into_iter().collect();
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        assert!(matches!(s.load(), Loaded::Unreadable(_)), "{market}");
        assert_eq!(s.kv().map, stored, "{market}: stored data untouched");
    }
}

/// Stored dunning settings or skipped-step and pause entries that break a rule are reported as
/// damaged (or as a broken rule), not loaded, and the stored data is never overwritten.
#[test]
fn invalid_dunning_settings_and_skipped_steps_and_pauses_are_unreadable() {
    let company = r#""company":{"name":"X","street":"","postcode":"","city":"","iban":"","kvk":"","vat":"","email":"","phone":""},"default_term_days":30,"currency":"""#;
    let customer = r#"[{"id":1,"number":"D1","name":"K","kind":"b","country":"NL","sector":"","size":"","contact":"","email":"","phone":"","street":"","postcode":"","city":"","iban":"","vat":"","term":30,"limit":"","scores":[],"profile":"","collector":"j","on_hold":false,"prepay":false,"handed_over":false,"insured":"","notes":""}]"#;
    let dunning = |dunning: &str| format!(r#"{{{company},"dunning":{dunning}}}"#);
    // One policy "a" with this step, no rules, "a" the default.
    let with_step = |step: &str| dunning(&format!(r#"{{"policies":[{{"id":"a","name":"A","steps":[{step}]}}],"rules":[],"default":"a"}}"#));
    let one = |chunk: &str, text: String| -> BTreeMap<String, String> {
        let meta = format!(r#"{{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{{"{chunk}":1}}}}"#);
        [(META_KEY.to_string(), meta), (chunk_key(chunk, 1), text)].into()
    };
    let with_event = |event: &str| -> BTreeMap<String, String> {
        let meta = r#"{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{"c0":1,"e0":1}}"#;
        [(META_KEY.to_string(), meta.to_string()), (chunk_key("c0", 1), customer.to_string()), (chunk_key("e0", 1), format!("[{event}]"))]
            .into()
    };
    type Case = (&'static str, BTreeMap<String, String>, Option<(&'static str, &'static str)>);
    let cases: Vec<Case> = vec![
        (
            "good dunning",
            one(
                "base",
                dunning(
                    r#"{"policies":[{"id":"a","name":"A","steps":[["reminder","d",7,"e","0","2.50","icn","s",7]]}],
                        "rules":[{"policy":"a","grades":["D",""],"score":40,"risk":["h","l"],"kind":"c","open":"100"},{"policy":"a"}],
                        "default":"a","email":"0","letter":"0","templates":[["final-notice","en","S","B"]]}"#,
                ),
            ),
            None,
        ),
        ("empty dunning", one("base", dunning("{}")), None),
        ("a step without flags", one("base", with_step(r#"["hand-over","p",8,"h","0","0","","o",0]"#)), None),
        ("default names no policy", one("base", dunning(r#"{"default":"streng"}"#)), Some(("base", "dunning settings"))),
        ("rule names no policy", one("base", dunning(r#"{"rules":[{"policy":"streng"}]}"#)), Some(("base", "dunning settings"))),
        (
            "duplicate policy",
            one("base", dunning(r#"{"policies":[{"id":"a","name":"","steps":[]},{"id":"a","name":"","steps":[]}],"rules":[],"default":"a"}"#)),
            Some(("base", "dunning settings")),
        ),
        ("e-mail above letter", one("base", dunning(r#"{"email":"10000.01"}"#)), Some(("base", "dunning settings"))),
        ("senior above owner", one("base", dunning(r#"{"senior":"30000"}"#)), Some(("base", "dunning settings"))),
        ("negative threshold", one("base", dunning(r#"{"proactive":"-1"}"#)), Some(("base", "dunning settings"))),
        ("template in German", one("base", dunning(r#"{"templates":[["reminder","de","",""]]}"#)), Some(("base", "dunning settings"))),
        ("threshold not a number", one("base", dunning(r#"{"email":"veel"}"#)), Some(("base", "e-mail threshold"))),
        ("unknown step kind", one("base", with_step(r#"["first_dunning","d",7,"e","0","0","","j",0]"#)), Some(("base", "dunning step kind"))),
        ("unknown base", one("base", with_step(r#"["reminder","x",7,"e","0","0","","j",0]"#)), Some(("base", "dunning step base"))),
        ("unknown channel", one("base", with_step(r#"["reminder","d",7,"f","0","0","","j",0]"#)), Some(("base", "channel"))),
        ("unknown flag", one("base", with_step(r#"["reminder","d",7,"e","0","0","iq","j",0]"#)), Some(("base", "dunning step flag"))),
        ("unknown level", one("base", with_step(r#"["reminder","d",7,"e","0","0","","x",0]"#)), Some(("base", "collector level"))),
        ("fee not a number", one("base", with_step(r#"["reminder","d",7,"e","0","","","j",0]"#)), Some(("base", "dunning step fee"))),
        ("negative fee", one("base", with_step(r#"["reminder","d",7,"e","0","-1","","j",0]"#)), Some(("base", "dunning settings"))),
        ("step too short", one("base", with_step(r#"["reminder","d",7,"e"]"#)), Some(("base", "line 1"))),
        ("unknown risk level", one("base", dunning(r#"{"rules":[{"policy":"standaard","risk":["x"]}]}"#)), Some(("base", "risk level"))),
        ("unknown customer kind", one("base", dunning(r#"{"rules":[{"policy":"standaard","kind":"z"}]}"#)), Some(("base", "customer kind"))),
        ("rule amount not a number", one("base", dunning(r#"{"rules":[{"policy":"standaard","open":"veel"}]}"#)), Some(("base", "rule open amount"))),
        ("unknown template kind", one("base", dunning(r#"{"templates":[["herinnering","nl","",""]]}"#)), Some(("base", "dunning step kind"))),
        ("good skipped step", with_event(r#"[1,1,0,20500,"s","reminder","","Klant belde zelf"]"#), None),
        ("skipped step typed by hand", with_event(r#"[1,1,0,20500,"s","Herinnering per post","","x"]"#), None),
        ("good pause", with_event(r#"[1,1,0,20500,"z","20600","",""]"#), None),
        ("pause date not a number", with_event(r#"[1,1,0,20500,"z","morgen","",""]"#), Some(("e0", "paused until"))),
        ("pause date out of range", with_event(r#"[1,1,0,20500,"z","2000000000","",""]"#), Some(("e0", "date"))),
    ];
    for (name, stored, error) in cases {
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        match (s.load(), error) {
            (Loaded::Ledger { .. }, None) => {}
            (Loaded::Unreadable(Unreadable::BadChunk { chunk: c, reason }), Some((chunk, e))) => {
                assert_eq!(c, chunk, "case {name}");
                assert!(reason.contains(e), "case {name}: {reason}");
                assert_eq!(s.save(&Ledger::new(), &ledger(1, 1)), Err(SaveError::Blocked), "case {name}");
                assert_eq!(s.kv().map, stored, "case {name}: stored data untouched");
            }
            (other, _) => panic!("case {name}: got {other:?}"),
        }
    }
    // A skipped step without a reason decodes but breaks a rule of the ledger.
    for event in [r#"[1,1,0,20500,"s","reminder","",""]"#, r#"[1,1,0,20500,"s","reminder",""," "]"#] {
        let stored = with_event(event);
        let mut s = Store::new(MemoryKv { map: stored.clone(), ..MemoryKv::default() });
        assert!(matches!(s.load(), Loaded::Unreadable(Unreadable::Invalid(_))), "{event}");
        assert_eq!(s.kv().map, stored, "{event}: stored data untouched");
    }
}

fn arb_law() -> impl Strategy<Value = LawSettings> {
    let row = (prop::sample::select(RateTableKind::ALL.to_vec()), 0i64..3000, 0i64..400, 0i64..=10_000, "\\PC{0,12}")
        .prop_map(|(table, from, len, rate, source)| RateRow { table, from: day(from), to: day(from + len), rate: Decimal::new(rate, 2), source });
    prop::option::of((
        prop::collection::vec(row, 0..4),
        prop::option::of((0i64..=100).prop_map(Decimal::from)),
        any::<bool>(),
        prop::sample::select(vec![NlBusinessCosts::Staffel, NlBusinessCosts::Fixed40, NlBusinessCosts::None]),
        (0i64..500).prop_map(|c| Decimal::new(c, 2)),
    ))
    .prop_map(|law| {
        law.map(|(rates, costs_vat, principal_first, nl_business_costs, be_postage)| LawSettings {
            rates,
            costs_vat,
            order: if principal_first { PaymentOrder::PrincipalInterestCosts } else { PaymentOrder::CostsInterestPrincipal },
            nl_business_costs,
            be_postage,
        })
        .unwrap_or_default()
    })
}

/// Valid risk settings: the defaults, or grades going up, other thresholds and shares anywhere
/// in range, and a table of any rows (sector and country texts of any characters).
fn arb_risk() -> impl Strategy<Value = RiskSettings> {
    let row = ("\\PC{0,10}", prop::sample::select(vec!["", "NL", "BE", "DE"]), prop::sample::select(RiskLevel::ALL.to_vec()))
        .prop_map(|(sector, country, level)| RiskRow { sector, country: country.into(), level });
    let pct = (0i64..=10_000).prop_map(|n| Decimal::new(n, 2));
    prop::option::of((
        (-30i32..30, 0i32..40, 0i32..60),
        prop::collection::vec(0u32..400, 12),
        (any::<bool>(), 0u32..=100, pct.clone(), pct),
        prop::collection::vec(row, 0..5),
    ))
    .prop_map(|risk| {
        risk.map(|((a, b, c), n, (warn, buying_less, share, insured), table)| RiskSettings {
            grade_a_max: a,
            grade_b_max: a + b,
            grade_c_max: a + b + c,
            silent_attempts: n[0],
            excuse_repeats: n[1],
            excuse_window_days: n[2],
            buying_less_percent: buying_less,
            broken_promises: n[3],
            dispute_days: n[4],
            extension_requests: n[5],
            extension_window_days: n[6],
            pattern_change_days: n[7],
            score_drop: n[8],
            score_floor: n[9],
            round_payments: n[10],
            warn_first_invoice_unpaid: warn,
            limit_revenue_share: share,
            insured_share: insured,
            table,
        })
        .unwrap_or_default()
    })
}

/// Valid dunning settings: the defaults, or policies with numbered (so unique) ids and steps of
/// any kind, base, channel, level and amounts, rules and the default naming one of them,
/// thresholds in order, templates in nl or en; texts of any characters.
fn arb_dunning() -> impl Strategy<Value = DunningSettings> {
    let amount = prop_oneof![Just(Decimal::ZERO), (1i64..10_000_000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s))];
    let step = (
        (prop::sample::select(StepKind::ALL.to_vec()), 0usize..3, -60i32..120, prop::sample::select(Channel::ALL.to_vec())),
        (amount.clone(), amount.clone(), any::<(bool, bool, bool)>(), 0usize..3, any::<u16>()),
    )
        .prop_map(|((kind, base, offset_days, channel), (min_amount, fee, (interest, costs, nearby), level, deadline_days))| Step {
            kind,
            base: [StepBase::InvoiceDate, StepBase::DueDate, StepBase::PreviousStep][base],
            offset_days,
            channel,
            min_amount,
            fee,
            announce_interest: interest,
            announce_costs: costs,
            level: [CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner][level],
            deadline_days,
            nearby_only: nearby,
        });
    let rule = (
        any::<usize>(),
        prop::collection::vec(prop::sample::select(vec!["A", "B", "C", "D", ""]), 0..3),
        prop::option::of(0u8..=100),
        prop::collection::vec(prop::sample::select(RiskLevel::ALL.to_vec()), 0..3),
        prop::option::of(prop::sample::select(vec![CustomerKind::Business, CustomerKind::Consumer])),
        prop::option::of(amount.clone()),
    );
    let template = (prop::sample::select(StepKind::ALL.to_vec()), prop::sample::select(vec!["nl", "en"]), "\\PC{0,12}", "\\PC{0,40}")
        .prop_map(|(kind, lang, subject, body)| TemplateText { kind, lang: lang.into(), subject, body });
    prop::option::of((
        prop::collection::vec(("\\PC{0,8}", "\\PC{0,12}", prop::collection::vec(step, 0..5)), 1..4),
        prop::collection::vec(rule, 0..4),
        any::<usize>(),
        (amount.clone(), amount.clone(), amount.clone(), amount.clone(), amount),
        any::<u16>(),
        prop::collection::vec(template, 0..3),
    ))
    .prop_map(|dunning| {
        dunning
            .map(|(policies, rules, default, (email, letter, senior, owner, proactive), grace, templates)| {
                let policies: Vec<Policy> =
                    policies.into_iter().enumerate().map(|(n, (id, name, steps))| Policy { id: format!("{n}{id}"), name, steps }).collect();
                let id = |i: usize| policies[i % policies.len()].id.clone();
                DunningSettings {
                    rules: rules
                        .into_iter()
                        .map(|(p, grades, score_below, risk_levels, kind, open_at_least)| AssignRule {
                            policy: id(p),
                            grades: grades.into_iter().map(String::from).collect(),
                            score_below,
                            risk_levels,
                            kind,
                            open_at_least,
                        })
                        .collect(),
                    default_policy: id(default),
                    email_below: email,
                    letter_up_to: email + letter,
                    senior_from: senior,
                    owner_from: senior + owner,
                    proactive_from: proactive,
                    promise_grace_days: grace,
                    templates,
                    policies,
                    agency: if grace % 2 == 0 {
                        Agency::default()
                    } else {
                        Agency {
                            name: format!("Incasso \"{grace}\" & Co"),
                            contact: "mr. J. de Wit".into(),
                            address: Address { street: "Straat 1".into(), postcode: "1234 AB".into(), city: "Utrecht".into() },
                            email: "dossiers@incasso.example".into(),
                        }
                    },
                }
            })
            .unwrap_or_default()
    })
}

fn arb_region() -> impl Strategy<Value = Region> {
    prop_oneof![
        (10u8..100).prop_map(Region::NlArea),
        Just(Region::Nl),
        prop::sample::select(BeProvince::ALL.to_vec()).prop_map(Region::BeProvince),
        Just(Region::Be),
        "\\PC{0,4}".prop_map(Region::Other),
    ]
}

/// Valid market data: empty, or count rows each of their own segment (numbered sectors) with
/// companies above zero, and named prospects with scores up to 100; texts of any characters.
fn arb_market() -> impl Strategy<Value = MarketData> {
    let size = prop::option::of(prop::sample::select(vec![SizeClass::Small, SizeClass::Medium, SizeClass::Large]));
    let count = ("\\PC{0,10}", size.clone(), prop::option::of(arb_region()), 1u32..1_000_000, "\\PC{0,10}");
    let prospect = (
        "\\PC{1,12}",
        "\\PC{0,10}",
        size,
        prop::option::of(arb_region()),
        prop::option::of(0u8..=100),
        ("\\PC{0,10}", "\\PC{0,20}"),
    );
    prop::option::weighted(0.7, (prop::collection::vec(count, 0..6), prop::collection::vec(prospect, 0..6))).prop_map(|m| {
        m.map(|(counts, prospects)| MarketData {
            counts: counts
                .into_iter()
                .enumerate()
                .map(|(n, (sector, size_class, region, companies, source))| MarketCount {
                    sector: format!("{n}:{sector}"),
                    size_class,
                    region,
                    companies,
                    source,
                })
                .collect(),
            prospects: prospects
                .into_iter()
                .map(|(name, sector, size_class, region, score, (city, note))| Prospect {
                    name: format!("P{name}"),
                    sector,
                    size_class,
                    region,
                    score,
                    city,
                    note,
                })
                .collect(),
        })
        .unwrap_or_default()
    })
}

fn arb_ledger() -> impl Strategy<Value = Ledger> {
    (1u32..6, 0u32..40, arb_law(), arb_risk(), arb_dunning(), arb_market()).prop_map(|(c, i, law, risk, dunning, market)| {
        let mut l = ledger(c, i);
        l.settings.law = law;
        l.settings.risk = risk;
        l.settings.dunning = dunning;
        l.settings.market = market;
        l
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any sequence of saves leaves storage holding exactly the last ledger.
    #[test]
    fn stored_equals_last_saved(steps in proptest::collection::vec(arb_ledger(), 1..5)) {
        let mut s = fresh();
        let mut current = Ledger::new();
        for next in steps {
            s.save(&current, &next).unwrap();
            current = next;
        }
        let mut again = Store::new(s.kv().clone());
        prop_assert_eq!(load_ledger(&mut again), current);
    }

    /// Names, notes and references with any characters survive storage exactly.
    #[test]
    fn text_round_trips(name in "\\PC{1,40}", note in "\\PC{0,80}") {
        prop_assume!(!name.trim().is_empty());
        let mut l = ledger(1, 1);
        let mut c = l.customers().next().unwrap().clone();
        c.name = name.clone();
        l.update_customer(c.clone()).unwrap();
        let mut e = Event::new(c.id, None, day(3), EventKind::Note);
        e.note = note;
        l.add_event(e).unwrap();
        let mut s = fresh();
        s.save(&Ledger::new(), &l).unwrap();
        prop_assert_eq!(load_ledger(&mut Store::new(s.kv().clone())), l);
    }
}

/// The ledger must fit `localStorage` (about 5 million characters per origin) at 50,000
/// invoices with their payments and diary entries.
#[test]
fn fifty_thousand_invoices_fit_in_local_storage() {
    let big = ledger(2000, 50_000);
    let mut s = fresh();
    s.save(&Ledger::new(), &big).unwrap();
    let used = s.kv().used();
    println!("50,000 invoices, {} payments, {} diary entries: {used} characters", big.payments().len(), big.events().len());
    assert!(used < 2_500_000, "{used} characters: half the quota at most");
    // And a change to one invoice rewrites one chunk, not the ledger.
    let mut next = big.clone();
    let mut inv = next.invoices().nth(25_000).unwrap().clone();
    inv.description = "gewijzigd".into();
    next.update_invoice(inv).unwrap();
    let report = s.save(&big, &next).unwrap();
    assert_eq!(report.chunks_written, 1);
    assert!(report.chars_written < 60_000, "{report:?}");
}

#[test]
fn packed_chunks_round_trip_and_damage_is_reported() {
    let json = serde_json::to_string(&(0..500).map(|i| (i, format!("2026-{i:05}"), "121.00")).collect::<Vec<_>>()).unwrap();
    let packed = pack(&json);
    assert!(packed.starts_with('z') && packed.len() < json.len() / 3, "{} vs {}", packed.len(), json.len());
    assert_eq!(unpack(&packed).unwrap(), json);
    assert_eq!(pack("[1,2]"), "[1,2]", "short chunks stay plain JSON");
    assert_eq!(unpack("[1,2]").unwrap(), "[1,2]");
    let damaged = format!("{}AAAA", &packed[..packed.len() / 2]);
    let stored: BTreeMap<String, String> = [
        (META_KEY.to_string(), r#"{"format":"stipt-snapshot","version":1,"revision":1,"chunks":{"i0":1}}"#.to_string()),
        (chunk_key("i0", 1), damaged),
    ]
    .into();
    let mut s = Store::new(MemoryKv { map: stored, ..MemoryKv::default() });
    assert!(matches!(s.load(), Loaded::Unreadable(Unreadable::BadChunk { chunk, .. }) if chunk == "i0"));
}
