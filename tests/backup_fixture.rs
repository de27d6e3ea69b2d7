//! A backup written by hand in format version 1. It must keep loading, with the same meaning,
//! for as long as Stipt reads backups: if this test breaks, the format broke.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{
    AssignRule, Channel, CollectorLevel, ContactOutcome, ContractCosts, ContractInterest, Country, Currency,
    CustomerId, CustomerKind, DomainError, DunningSettings, EventId, EventKind, InvoiceId, InvoiceStatus, LawSettings,
    Margin, Money, NlBusinessCosts, PartsError, PaymentOrder, RateRow, RateTableKind, RiskLevel, RiskRow,
    RiskSettings, SizeClass, StepBase, StepKind, TemplateText,
};
use stipt::i18n::Lang;
use stipt::io::backup::{self, BackupError};

const FIXTURE: &str = include_str!("fixtures/backup_v1.json");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn fixture_v1_loads_with_its_contents() {
    let read = backup::read(FIXTURE).expect("the v1 fixture must always load");
    assert_eq!(read.version, 1);
    assert_eq!(read.exported_at, "2025-10-01T08:15:00+02:00");
    let l = read.ledger;

    assert_eq!(l.company.name, "Studio Noorderlicht");
    assert_eq!(l.company.address.city, "Groningen");
    assert_eq!(l.company.kvk_number, "71234567");
    assert_eq!(l.settings.default_term_days, 30);
    assert_eq!(l.settings.currency, Currency::EUR);
    // Written before law settings and contract terms existed: the defaults.
    assert_eq!(l.settings.law, LawSettings::default());
    assert!(l.customers().all(|c| c.terms.is_empty()));
    // And before the risk and dunning settings.
    assert_eq!(l.settings.risk, RiskSettings::default());
    assert_eq!(l.settings.dunning, DunningSettings::default());

    // Customers
    assert_eq!(l.customers().len(), 2);
    let bakery = l.customer_by_number("D0001").unwrap();
    assert_eq!(bakery.id, CustomerId(1));
    assert_eq!(bakery.name, "Bakkerij De Korenschoof B.V.");
    assert_eq!(bakery.kind, CustomerKind::Business);
    assert_eq!(bakery.country, Country::Nl);
    assert_eq!(bakery.size_class, Some(SizeClass::Small));
    assert_eq!(bakery.payment_term_days, 14);
    assert_eq!(bakery.credit_limit, Some(dec("5000.00")));
    assert_eq!(bakery.scores.len(), 2);
    assert_eq!(bakery.latest_score().map(|s| (s.date, s.score)), Some((day(2025, 7, 1), 74)));
    assert_eq!(bakery.address.postcode, "9711 JV");
    let pieter = l.customer_by_number("D0002").unwrap();
    assert_eq!(pieter.kind, CustomerKind::Consumer);
    assert_eq!(pieter.country, Country::Be);
    assert_eq!(pieter.size_class, None);
    assert_eq!(pieter.collector, CollectorLevel::Senior);
    assert!(pieter.flags.on_hold && pieter.flags.prepayment_required && !pieter.flags.handed_over);

    // Invoices and the credit note
    assert_eq!(l.invoices().len(), 3);
    let photo = l.invoice_by_number("2025-0041").unwrap();
    assert_eq!(photo.id, InvoiceId(1));
    assert_eq!(photo.amount, Money::eur(dec("1028.50")));
    assert_eq!((photo.date, photo.due), (day(2025, 9, 1), day(2025, 9, 15)));
    assert_eq!(photo.margin, Some(Margin::Percent(dec("40"))));
    let credit = l.invoice_by_number("C2025-003").unwrap();
    assert_eq!(credit.credits, Some(InvoiceId(1)));
    assert_eq!(credit.amount.amount, dec("102.85"));

    // Payment with an allocation and an unallocated rest
    let p = l.payments().next().unwrap();
    assert_eq!(p.amount, Money::eur(dec("950.00")));
    assert_eq!(p.allocations().len(), 1);
    assert_eq!(p.allocations()[0].invoice, InvoiceId(1));
    assert_eq!(p.unallocated(), dec("24.35"));
    assert_eq!(p.reference, "Factuur 2025-0041");

    let balances = l.balances();
    let b1 = balances[&InvoiceId(1)];
    assert_eq!((b1.paid, b1.credited, b1.open()), (dec("925.65"), dec("102.85"), dec("0")));
    assert_eq!(b1.status(), InvoiceStatus::Paid);
    assert_eq!(balances[&InvoiceId(2)].status(), InvoiceStatus::Open);
    assert_eq!(balances[&InvoiceId(2)].open(), dec("332.75"));

    // Diary
    let events: Vec<_> = l.events().collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].kind, EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::NoAnswer });
    assert_eq!(events[0].invoice, Some(InvoiceId(2)));
    assert_eq!(events[1].kind, EventKind::Promise { amount: dec("332.75"), date: day(2025, 10, 3) });
    assert_eq!(events[1].note, "Betaalt na ontvangst van zijn loon.");

    let summary = backup::preview(&l);
    assert_eq!(
        (summary.customers, summary.invoices, summary.credit_notes, summary.payments, summary.events),
        (2, 2, 1, 1, 2)
    );
    assert_eq!(summary.open, vec![Money::eur(dec("332.75"))]);
}

#[test]
fn fixture_v1_survives_a_new_export() {
    let l = backup::parse(FIXTURE).unwrap();
    let again = backup::parse(&backup::export(&l, "2026-01-01T00:00:00Z")).unwrap();
    assert_eq!(again, l);
}

/// The fixture with law settings and contract terms added the way a later export writes them.
fn fixture_with(law: &str, terms: &str) -> String {
    let text = FIXTURE.replacen("\"currency\": \"EUR\"\n  },", &format!("\"currency\": \"EUR\",\n    \"law\": {law}\n  }},"), 1);
    assert_ne!(text, FIXTURE, "the settings of the fixture moved");
    let text = text.replacen("\"payment_term_days\": 14,", &format!("\"payment_term_days\": 14,\n      \"terms\": {terms},"), 1);
    assert!(text.contains("\"terms\""), "the first customer of the fixture moved");
    text
}

const LAW: &str = r#"{
      "rates": [
        { "table": "nl_commercial", "from": "2026-07-01", "to": "2026-12-31", "rate": "10.15", "source": "Staatscourant" },
        { "table": "nl_consumer", "from": "2026-01-01", "to": "2026-12-31", "rate": "4" }
      ],
      "costs_vat": "21",
      "order": "principal_interest_costs",
      "nl_business_costs": "staffel",
      "be_postage": "1.50"
    }"#;
const TERMS: &str = r#"{ "interest": { "rate": "1", "per_month": true, "compound": false }, "costs": { "percent": "15" } }"#;

#[test]
fn fixture_with_law_settings_and_terms_loads_and_survives_a_new_export() {
    let l = backup::parse(&fixture_with(LAW, TERMS)).unwrap();
    let law = &l.settings.law;
    assert_eq!(
        law.rates[0],
        RateRow {
            table: RateTableKind::NlCommercial,
            from: day(2026, 7, 1),
            to: day(2026, 12, 31),
            rate: dec("10.15"),
            source: "Staatscourant".into()
        }
    );
    assert_eq!((law.rates[1].table, law.rates[1].rate, law.rates[1].source.as_str()), (RateTableKind::NlConsumer, dec("4"), ""));
    assert_eq!(law.costs_vat, Some(dec("21")));
    assert_eq!(law.order, PaymentOrder::PrincipalInterestCosts);
    assert_eq!(law.nl_business_costs, NlBusinessCosts::Staffel);
    assert_eq!(law.be_postage, dec("1.50"));
    let bakery = l.customer_by_number("D0001").unwrap();
    assert_eq!(bakery.terms.interest, Some(ContractInterest { rate: dec("1"), per_month: true, compound: false }));
    assert_eq!(bakery.terms.costs, Some(ContractCosts::Percent(dec("15"))));
    assert!(l.customer_by_number("D0002").unwrap().terms.is_empty());
    let again = backup::parse(&backup::export(&l, "2026-01-01T00:00:00Z")).unwrap();
    assert_eq!(again, l);
}

/// A backup with one bad rate row is refused whole, with the row named in the user's language:
/// a restore then replaces nothing.
#[test]
fn fixture_with_an_invalid_rate_row_is_refused() {
    let bad_row = LAW.replace(r#""from": "2026-01-01", "to": "2026-12-31", "rate": "4""#, r#""from": "2026-01-01", "to": "2025-12-31", "rate": "4""#);
    assert_ne!(bad_row, LAW);
    let err = backup::read(&fixture_with(&bad_row, TERMS)).unwrap_err();
    assert_eq!(
        err,
        BackupError::Invalid(PartsError { record: "settings, rate row 2".into(), error: DomainError::RatePeriodReversed })
    );
    assert_eq!(
        Lang::Nl.backup_error(&err),
        "De back-up breekt een regel van het grootboek (standaarden, renteregel 2): De einddatum van een periode ligt vóór de begindatum"
    );
    assert_eq!(
        Lang::En.backup_error(&err),
        "The backup breaks a rule of the ledger (settings, rate row 2): a period cannot end before it starts"
    );
    // A rate over 100% and an impossible date: refused too, the latter with its place in the file.
    let err = backup::parse(&fixture_with(&LAW.replace("\"10.15\"", "\"1015\""), TERMS)).unwrap_err();
    assert!(matches!(err, BackupError::Invalid(PartsError { error: DomainError::RateOutOfRange, .. })), "{err:?}");
    match backup::parse(&fixture_with(&LAW.replace("2026-12-31", "2026-12-32"), TERMS)) {
        Err(BackupError::Malformed { line, column, .. }) => assert_eq!((line, column > 0), (23, true)),
        other => panic!("expected Malformed, got {other:?}"),
    }
    // Contract terms out of range name the customer.
    let err = backup::parse(&fixture_with(LAW, r#"{ "interest": { "rate": "120" } }"#)).unwrap_err();
    assert_eq!(
        err,
        BackupError::Invalid(PartsError {
            record: "customer 1 (D0001)".into(),
            error: DomainError::RateOutOfRange
        })
    );
}

/// The fixture with risk settings and two diary entries of the later kinds, added the way a
/// later export writes them.
fn fixture_with_risk(risk: &str, limit_note: &str) -> String {
    let text = FIXTURE.replacen("\"currency\": \"EUR\"\n  },", &format!("\"currency\": \"EUR\",\n    \"risk\": {risk}\n  }},"), 1);
    assert_ne!(text, FIXTURE, "the settings of the fixture moved");
    let events = format!(
        r#"    {{
      "id": 3,
      "customer": 1,
      "date": "2025-09-25",
      "kind": {{ "type": "limit_set", "limit": "5000.00", "by": "J. de Vries" }},
      "note": "{limit_note}"
    }},
    {{
      "id": 4,
      "customer": 2,
      "invoice": 2,
      "date": "2025-09-30",
      "kind": {{ "type": "hand_over", "agency": "Incasso Noord", "amount": "381.10" }},
      "note": ""
    }}
  ]
}}"#
    );
    let end = text.rfind("    }\n  ]\n}").expect("the events of the fixture moved");
    format!("{}    }},\n{events}", &text[..end])
}

const RISK: &str = r#"{
      "grade_a_max": 5, "grade_b_max": 20, "grade_c_max": 45,
      "silent_attempts": 4, "dispute_days": 45,
      "warn_first_invoice_unpaid": false, "limit_revenue_share": "12.5", "insured_share": "85",
      "table": [
        { "sector": "bouw", "country": "BE", "level": "medium" },
        { "sector": "", "country": "DE", "level": "low" },
        { "sector": "horeca", "level": "high" }
      ]
    }"#;

#[test]
fn fixture_with_risk_settings_and_new_diary_kinds_loads_and_survives_a_new_export() {
    let l = backup::parse(&fixture_with_risk(RISK, "Jaarcijfers 2024 goed")).unwrap();
    let risk = &l.settings.risk;
    let default = RiskSettings::default();
    assert_eq!((risk.grade_a_max, risk.grade_b_max, risk.grade_c_max), (5, 20, 45));
    assert_eq!((risk.silent_attempts, risk.dispute_days, risk.warn_first_invoice_unpaid), (4, 45, false));
    assert_eq!((risk.limit_revenue_share, risk.insured_share), (dec("12.5"), dec("85")));
    // What the file leaves out keeps its default.
    assert_eq!((risk.excuse_repeats, risk.score_floor), (default.excuse_repeats, default.score_floor));
    assert_eq!(
        risk.table,
        vec![
            RiskRow { sector: "bouw".into(), country: "BE".into(), level: RiskLevel::Medium },
            RiskRow { sector: String::new(), country: "DE".into(), level: RiskLevel::Low },
            RiskRow { sector: "horeca".into(), country: String::new(), level: RiskLevel::High },
        ]
    );
    let limit = l.event(EventId(3)).unwrap();
    assert_eq!(limit.kind, EventKind::LimitSet { limit: Some(dec("5000.00")), by: "J. de Vries".into() });
    assert_eq!(limit.note, "Jaarcijfers 2024 goed");
    let handover = l.event(EventId(4)).unwrap();
    assert_eq!(handover.kind, EventKind::HandOver { agency: "Incasso Noord".into(), amount: dec("381.10") });
    assert_eq!(handover.invoice, Some(InvoiceId(2)));
    // A restore takes the entries as they are: the limit on the customer is what the file says.
    assert_eq!(l.customer_by_number("D0001").unwrap().credit_limit, backup::parse(FIXTURE).unwrap().customer_by_number("D0001").unwrap().credit_limit);
    let again = backup::parse(&backup::export(&l, "2026-01-01T00:00:00Z")).unwrap();
    assert_eq!(again, l);
}

/// Invalid risk settings, or a credit-limit entry without a reason, refuse the whole backup with
/// the place named in the user's language: a restore then replaces nothing.
#[test]
fn fixture_with_invalid_risk_settings_or_a_limit_without_reason_is_refused() {
    let out_of_order = RISK.replace("\"grade_b_max\": 20", "\"grade_b_max\": 50");
    assert_ne!(out_of_order, RISK);
    let err = backup::read(&fixture_with_risk(&out_of_order, "x")).unwrap_err();
    assert_eq!(err, BackupError::Invalid(PartsError { record: "settings".into(), error: DomainError::ThresholdsOutOfOrder }));
    assert_eq!(
        Lang::Nl.backup_error(&err),
        "De back-up breekt een regel van het grootboek (standaarden): De grenzen van de betaalklassen moeten oplopen van A naar C"
    );
    assert_eq!(
        Lang::En.backup_error(&err),
        "The backup breaks a rule of the ledger (settings): the grade thresholds must go up from A to C"
    );
    let err = backup::parse(&fixture_with_risk(&RISK.replace("\"85\"", "\"185\""), "x")).unwrap_err();
    assert_eq!(err, BackupError::Invalid(PartsError { record: "settings".into(), error: DomainError::RateOutOfRange }));
    match backup::parse(&fixture_with_risk(&RISK.replace("\"low\"", "\"laag\""), "x")) {
        Err(BackupError::Malformed { line, column, .. }) => assert_eq!((line, column > 0), (27, true)),
        other => panic!("expected Malformed, got {other:?}"),
    }
    let err = backup::parse(&fixture_with_risk(RISK, "")).unwrap_err();
    assert_eq!(err, BackupError::Invalid(PartsError { record: "diary entry 3".into(), error: DomainError::ReasonRequired }));
    assert_eq!(Lang::Nl.backup_error(&err), "De back-up breekt een regel van het grootboek (dossierregel 3): Een reden is verplicht");
}

/// The fixture with dunning settings, a skipped step and a pause, added the way a later export
/// writes them.
fn fixture_with_dunning(dunning: &str, skip_note: &str) -> String {
    let text =
        FIXTURE.replacen("\"currency\": \"EUR\"\n  },", &format!("\"currency\": \"EUR\",\n    \"dunning\": {dunning}\n  }},"), 1);
    assert_ne!(text, FIXTURE, "the settings of the fixture moved");
    let events = format!(
        r#"    {{
      "id": 3,
      "customer": 2,
      "invoice": 2,
      "date": "2025-09-26",
      "kind": {{ "type": "dunning_skipped", "step": "reminder" }},
      "note": "{skip_note}"
    }},
    {{
      "id": 4,
      "customer": 1,
      "date": "2025-09-27",
      "kind": {{ "type": "paused", "until": "2025-10-31" }},
      "note": "Verbouwing; na de heropening"
    }},
    {{
      "id": 5,
      "customer": 2,
      "invoice": 2,
      "date": "2025-09-28",
      "kind": {{ "type": "paused", "until": "2025-10-03" }},
      "note": ""
    }}
  ]
}}"#
    );
    let end = text.rfind("    }\n  ]\n}").expect("the events of the fixture moved");
    format!("{}    }},\n{events}", &text[..end])
}

const DUNNING: &str = r#"{
      "policies": [
        { "id": "zacht", "name": "Zacht", "steps": [
          { "kind": "reminder", "base": "due_date", "offset_days": 10, "channel": "email", "deadline_days": 7 },
          { "kind": "final_notice", "base": "previous_step", "offset_days": 14, "channel": "registered_letter",
            "fee": "15.00", "announce_interest": true, "announce_costs": true, "level": "senior", "deadline_days": 14 }
        ] },
        { "id": "consument", "name": "Consumenten", "steps": [
          { "kind": "first_dunning", "base": "invoice_date", "offset_days": 30, "channel": "letter", "min_amount": "50" }
        ] }
      ],
      "rules": [
        { "policy": "consument", "grades": ["C", "D"], "score_below": 40, "risk_levels": ["high"],
          "kind": "consumer", "open_at_least": "250" }
      ],
      "default_policy": "zacht",
      "email_below": "1000",
      "templates": [ { "kind": "reminder", "lang": "nl", "subject": "Herinnering {invoice}", "body": "Beste {name}," } ]
    }"#;

#[test]
fn fixture_with_dunning_settings_skipped_step_and_pauses_loads_and_survives_a_new_export() {
    let l = backup::parse(&fixture_with_dunning(DUNNING, "Klant belde zelf")).unwrap();
    let dunning = &l.settings.dunning;
    let default = DunningSettings::default();
    assert_eq!(dunning.policies.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.steps.len())).collect::<Vec<_>>(), [
        ("zacht", "Zacht", 2),
        ("consument", "Consumenten", 1)
    ]);
    let reminder = &dunning.policies[0].steps[0];
    assert_eq!((reminder.kind, reminder.base, reminder.offset_days, reminder.channel), (StepKind::Reminder, StepBase::DueDate, 10, Channel::Email));
    // What a step leaves out: no minimum, no fee, nothing announced, a junior, not only nearby.
    assert_eq!((reminder.min_amount, reminder.fee, reminder.announce_interest, reminder.level), (Decimal::ZERO, Decimal::ZERO, false, CollectorLevel::Junior));
    assert_eq!(reminder.deadline_days, 7);
    let last = &dunning.policies[0].steps[1];
    assert_eq!((last.kind, last.base, last.channel, last.level), (StepKind::FinalNotice, StepBase::PreviousStep, Channel::RegisteredLetter, CollectorLevel::Senior));
    assert_eq!((last.fee, last.announce_interest, last.announce_costs, last.nearby_only), (dec("15.00"), true, true, false));
    let first = &dunning.policies[1].steps[0];
    assert_eq!((first.kind, first.base, first.min_amount), (StepKind::FirstDunning, StepBase::InvoiceDate, dec("50")));
    assert_eq!(
        dunning.rules,
        vec![AssignRule {
            policy: "consument".into(),
            grades: vec!["C".into(), "D".into()],
            score_below: Some(40),
            risk_levels: vec![RiskLevel::High],
            kind: Some(CustomerKind::Consumer),
            open_at_least: Some(dec("250")),
        }]
    );
    assert_eq!((dunning.default_policy.as_str(), dunning.email_below), ("zacht", dec("1000")));
    // What the file leaves out keeps its default.
    assert_eq!((dunning.letter_up_to, dunning.senior_from, dunning.owner_from), (default.letter_up_to, default.senior_from, default.owner_from));
    assert_eq!((dunning.proactive_from, dunning.promise_grace_days), (default.proactive_from, default.promise_grace_days));
    assert_eq!(
        dunning.templates,
        vec![TemplateText { kind: StepKind::Reminder, lang: "nl".into(), subject: "Herinnering {invoice}".into(), body: "Beste {name},".into() }]
    );
    let skipped = l.event(EventId(3)).unwrap();
    assert_eq!((&skipped.kind, skipped.invoice, skipped.note.as_str()), (&EventKind::DunningSkipped { step: "reminder".into() }, Some(InvoiceId(2)), "Klant belde zelf"));
    let customer_pause = l.event(EventId(4)).unwrap();
    assert_eq!((&customer_pause.kind, customer_pause.invoice), (&EventKind::Paused { until: day(2025, 10, 31) }, None));
    let invoice_pause = l.event(EventId(5)).unwrap();
    assert_eq!((&invoice_pause.kind, invoice_pause.invoice), (&EventKind::Paused { until: day(2025, 10, 3) }, Some(InvoiceId(2))));
    let text = backup::export(&l, "2026-01-01T00:00:00Z");
    assert!(text.contains("\"type\": \"dunning_skipped\"") && text.contains("\"kind\": \"first_dunning\""));
    let again = backup::parse(&text).unwrap();
    assert_eq!(again, l);
}

/// Invalid dunning settings, or a skipped step without a reason, refuse the whole backup with the
/// place named in the user's language: a restore then replaces nothing.
#[test]
fn fixture_with_invalid_dunning_settings_or_a_skipped_step_without_reason_is_refused() {
    let settings = |error| BackupError::Invalid(PartsError { record: "settings".into(), error });
    let unknown = DUNNING.replace("\"default_policy\": \"zacht\"", "\"default_policy\": \"streng\"");
    assert_ne!(unknown, DUNNING);
    let err = backup::read(&fixture_with_dunning(&unknown, "x")).unwrap_err();
    assert_eq!(err, settings(DomainError::UnknownPolicy("streng".into())));
    assert_eq!(Lang::Nl.backup_error(&err), "De back-up breekt een regel van het grootboek (standaarden): Er is geen aanmaanbeleid 'streng'");
    assert_eq!(Lang::En.backup_error(&err), "The backup breaks a rule of the ledger (settings): there is no dunning policy 'streng'");
    let rows = [
        ("\"policy\": \"consument\"", "\"policy\": \"Consument\"", DomainError::UnknownPolicy("Consument".into())),
        ("\"id\": \"consument\"", "\"id\": \"zacht\"", DomainError::DuplicatePolicy("zacht".into())),
        ("\"id\": \"zacht\"", "\"id\": \"\"", DomainError::PolicyIdRequired),
        ("\"email_below\": \"1000\"", "\"email_below\": \"10000.01\"", DomainError::ChannelThresholdsOutOfOrder),
        ("\"email_below\": \"1000\"", "\"senior_from\": \"30000\"", DomainError::LevelThresholdsOutOfOrder),
        ("\"fee\": \"15.00\"", "\"fee\": \"-15.00\"", DomainError::AmountNegative),
        ("\"lang\": \"nl\"", "\"lang\": \"NL\"", DomainError::BadTemplateLang("NL".into())),
        ("\"open_at_least\": \"250\"", "\"open_at_least\": \"250 euro\"", DomainError::BadAmount("250 euro".into())),
    ];
    for (from, to, error) in rows {
        let dunning = DUNNING.replacen(from, to, 1);
        assert_ne!(dunning, DUNNING, "{from}");
        assert_eq!(backup::parse(&fixture_with_dunning(&dunning, "x")), Err(settings(error)), "{to}");
    }
    // Unknown names are damage, at their place in the file.
    for (from, to) in [
        ("\"kind\": \"first_dunning\"", "\"kind\": \"first-dunning\""),
        ("\"base\": \"invoice_date\"", "\"base\": \"invoice\""),
        ("\"channel\": \"registered_letter\"", "\"channel\": \"registered-letter\""),
        ("\"level\": \"senior\"", "\"level\": \"manager\""),
        ("\"risk_levels\": [\"high\"]", "\"risk_levels\": [\"hoog\"]"),
        ("\"kind\": \"consumer\"", "\"kind\": \"private\""),
    ] {
        let text = fixture_with_dunning(&DUNNING.replacen(from, to, 1), "x");
        let at = text.find(to).expect("replaced");
        let line = text[..at].lines().count();
        match backup::parse(&text) {
            Err(BackupError::Malformed { line: l, column, .. }) => assert_eq!((l, column > 0), (line, true), "{to}"),
            other => panic!("{to}: expected Malformed, got {other:?}"),
        }
    }
    let err = backup::parse(&fixture_with_dunning(DUNNING, "")).unwrap_err();
    assert_eq!(err, BackupError::Invalid(PartsError { record: "diary entry 3".into(), error: DomainError::ReasonRequired }));
    assert_eq!(Lang::Nl.backup_error(&err), "De back-up breekt een regel van het grootboek (dossierregel 3): Een reden is verplicht");
    let bad_date = fixture_with_dunning(DUNNING, "x").replace("\"until\": \"2025-10-31\"", "\"until\": \"2025-10-32\"");
    assert!(matches!(backup::parse(&bad_date), Err(BackupError::Malformed { .. })));
}
