//! What the property tests of the engine share: ledgers built by random sequences of operations
//! through the public API (some of which fail and change nothing). Each test file keeps its own
//! strategies (which operations, how often, which amounts) and its own mapping of the random
//! numbers of a diary entry to an [`EventKind`]; the building itself is here.

#![allow(dead_code)] // Each test file uses its own part of this module.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use stipt::domain::{
    Allocation, Currency, CustomerId, Event, EventKind, Invoice, InvoiceId, Ledger, Money, Payment, ScoreEntry,
};

pub fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

/// The day `offset` days after [`base`].
pub fn date(offset: u16) -> NaiveDate {
    base() + Duration::days(i64::from(offset))
}

pub fn cents(c: u32) -> Decimal {
    Decimal::new(i64::from(c), 2)
}

/// One operation on the ledger; customers and invoices are picked by index among those made so far.
#[derive(Clone, Debug)]
pub enum Op {
    Invoice { customer: u8, date: u16, term: u8, cents: u32, usd: bool },
    /// Pays `percent` of what is open on invoice `target` (of any customer: the payment is that
    /// customer's), or, when `oldest_first`, `cents` oldest first.
    Pay { customer: u8, date: u16, cents: u32, oldest_first: bool, target: u8, percent: u8 },
    Credit { target: u8, date: u16, percent: u8 },
    /// A diary entry, about an invoice of the same customer when `invoice` is given and there is one.
    Event { customer: u8, invoice: Option<u8>, date: u16, kind: u8, cents: u32, sub: u8 },
    Score { customer: u8, date: u16, score: u8 },
}

/// Applies `ops` in order to `l`, whose customers are `customers`. `event_kind(kind, cents, sub,
/// date)` makes the diary entries; each gets `note` as its note.
pub fn apply(
    l: &mut Ledger,
    customers: &[CustomerId],
    ops: &[Op],
    event_kind: impl Fn(u8, u32, u8, NaiveDate) -> EventKind,
    note: &str,
) {
    let mut invoices: Vec<InvoiceId> = Vec::new();
    let usd = Currency::parse("USD").unwrap();
    // `percent` of what is open on the invoice at index `target`, with that invoice.
    let part_of = |l: &Ledger, invoices: &[InvoiceId], target: u8, percent: u8| {
        let id = (!invoices.is_empty()).then(|| invoices[usize::from(target) % invoices.len()])?;
        let inv = l.invoice(id).cloned()?;
        let open = l.balance(inv.id).map(|b| b.open()).unwrap_or_default();
        let part = (open * Decimal::from(percent) / Decimal::ONE_HUNDRED).round_dp(2).min(open);
        (part > Decimal::ZERO).then_some((inv, part))
    };
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::Invoice { customer, date: d, term, cents: c, usd: u } => {
                let money = Money::new(cents(*c), if *u { usd } else { Currency::EUR });
                let inv = Invoice::new(format!("F{n}"), customers[usize::from(*customer)], date(*d), u16::from(*term), money);
                if let Ok(id) = l.add_invoice(inv) {
                    invoices.push(id);
                }
            }
            Op::Pay { customer, date: d, cents: c, oldest_first, target, percent } => {
                if *oldest_first {
                    let c_id = customers[usize::from(*customer)];
                    if let Ok(p) = Payment::new(c_id, date(*d), Money::eur(cents(*c)), Vec::new()) {
                        let _ = l.add_payment_oldest_first(p);
                    }
                } else if let Some((inv, part)) = part_of(l, &invoices, *target, *percent) {
                    let allocation = vec![Allocation { invoice: inv.id, amount: part }];
                    if let Ok(p) = Payment::new(inv.customer, date(*d), Money::new(part, inv.amount.currency), allocation) {
                        let _ = l.add_payment(p);
                    }
                }
            }
            Op::Credit { target, date: d, percent } => {
                if let Some((inv, part)) = part_of(l, &invoices, *target, *percent) {
                    let cn = Invoice::credit_note(format!("C{n}"), &inv, date(*d), Money::new(part, inv.amount.currency));
                    let _ = l.add_invoice(cn);
                }
            }
            Op::Event { customer, invoice, date: d, kind, cents: c, sub } => {
                let c_id = customers[usize::from(*customer)];
                let inv = invoice.and_then(|i| {
                    let own: Vec<InvoiceId> =
                        invoices.iter().copied().filter(|x| l.invoice(*x).is_some_and(|v| v.customer == c_id)).collect();
                    (!own.is_empty()).then(|| own[usize::from(i) % own.len()])
                });
                let mut e = Event::new(c_id, inv, date(*d), event_kind(*kind, *c, *sub, date(*d)));
                e.note = note.into();
                let _ = l.add_event(e);
            }
            Op::Score { customer, date: d, score } => {
                let entry = ScoreEntry { date: date(*d), score: *score, source: "test".into() };
                let _ = l.add_score(customers[usize::from(*customer)], entry);
            }
        }
    }
}
