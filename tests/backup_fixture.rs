//! A backup written by hand in format version 1. It must keep loading, with the same meaning,
//! for as long as Stipt reads backups: if this test breaks, the format broke.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{
    Channel, CollectorLevel, ContactOutcome, Country, Currency, CustomerId, CustomerKind, EventKind, InvoiceId,
    InvoiceStatus, Margin, Money, SizeClass,
};
use stipt::io::backup;

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
