//! Property tests of the receivables reconstruction, each named after what it checks.
//!
//! Ledgers are built through the public API from random invoices (EUR and USD, three customers),
//! payments allocated to them on later dates, credit notes and write-offs; operations that break
//! a rule fail and change nothing.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{Allocation, Currency, Customer, Event, EventKind, Invoice, Ledger, Money, Payment};
use stipt::engine::aging::{age, Aging, Bucket};
use stipt::engine::analysis::kpi::{kpi_report, receivables_at, receivables_by_customer, KpiOptions, Period};

const CASES: u32 = 128;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}
fn day(offset: u16) -> NaiveDate {
    base() + Duration::days(i64::from(offset))
}

#[derive(Clone, Debug)]
enum Op {
    /// customer, date, term, cents, usd
    Invoice(u8, u16, u8, u32, bool),
    /// invoice index, days after its date, cents
    Pay(u8, u16, u32),
    /// invoice index, days after its date, cents
    Credit(u8, u16, u32),
    /// invoice index, days after its date
    WriteOff(u8, u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..3, 0u16..500, 0u8..61, 1u32..500_000, prop::bool::weighted(0.2)).prop_map(|(c, d, t, a, u)| Op::Invoice(c, d, t, a, u)),
        3 => (any::<u8>(), 0u16..200, 1u32..500_000).prop_map(|(i, d, a)| Op::Pay(i, d, a)),
        1 => (any::<u8>(), 0u16..100, 1u32..200_000).prop_map(|(i, d, a)| Op::Credit(i, d, a)),
        1 => (any::<u8>(), 0u16..300).prop_map(|(i, d)| Op::WriteOff(i, d)),
    ]
}

fn build(ops: &[Op]) -> Ledger {
    let mut l = Ledger::new();
    let customers: Vec<_> =
        (0..3).map(|i| l.add_customer(Customer::new(format!("D{i}"), format!("K{i}"))).unwrap()).collect();
    let mut invoices = Vec::new();
    for (n, op) in ops.iter().enumerate() {
        match op {
            Op::Invoice(c, d, t, cents, usd) => {
                let currency = if *usd { Currency::parse("USD").unwrap() } else { Currency::EUR };
                let inv = Invoice::new(
                    format!("F{n}"),
                    customers[*c as usize],
                    day(*d),
                    u16::from(*t),
                    Money::new(Decimal::new(i64::from(*cents), 2), currency),
                );
                invoices.push(l.add_invoice(inv).unwrap());
            }
            Op::Pay(i, d, cents) if !invoices.is_empty() => {
                let inv = l.invoice(invoices[*i as usize % invoices.len()]).unwrap().clone();
                let amount = Decimal::new(i64::from(*cents), 2);
                let allocation = vec![Allocation { invoice: inv.id, amount }];
                if let Ok(p) = Payment::new(
                    inv.customer,
                    inv.date + Duration::days(i64::from(*d)),
                    Money::new(amount, inv.amount.currency),
                    allocation,
                ) {
                    let _ = l.add_payment(p);
                }
            }
            Op::Credit(i, d, cents) if !invoices.is_empty() => {
                let inv = l.invoice(invoices[*i as usize % invoices.len()]).unwrap().clone();
                let amount = Money::new(Decimal::new(i64::from(*cents), 2), inv.amount.currency);
                let _ = l.add_invoice(Invoice::credit_note(
                    format!("C{n}"),
                    &inv,
                    inv.date + Duration::days(i64::from(*d)),
                    amount,
                ));
            }
            Op::WriteOff(i, d) if !invoices.is_empty() => {
                let inv = l.invoice(invoices[*i as usize % invoices.len()]).unwrap().clone();
                let _ = l.add_event(Event::new(
                    inv.customer,
                    Some(inv.id),
                    inv.date + Duration::days(i64::from(*d)),
                    EventKind::WrittenOff,
                ));
            }
            _ => {}
        }
    }
    l
}

/// The receivables as of `t` computed the slow way, invoice by invoice, from the definition.
fn naive(l: &Ledger, t: NaiveDate) -> BTreeMap<Currency, [Decimal; 5]> {
    let mut out: BTreeMap<Currency, [Decimal; 5]> = BTreeMap::new();
    for inv in l.invoices().filter(|i| !i.is_credit_note() && i.date <= t) {
        let written_off =
            l.events().any(|e| e.invoice == Some(inv.id) && e.kind == EventKind::WrittenOff && e.date <= t);
        if written_off {
            continue;
        }
        let paid: Decimal = l
            .payments()
            .filter(|p| p.date <= t)
            .flat_map(|p| p.allocations().iter().filter(|a| a.invoice == inv.id).map(|a| a.amount))
            .sum();
        let credited: Decimal =
            l.invoices().filter(|c| c.credits == Some(inv.id) && c.date <= t).map(|c| c.amount.amount).sum();
        let open = (inv.amount.amount - paid - credited).max(Decimal::ZERO);
        if open > Decimal::ZERO {
            out.entry(inv.amount.currency).or_insert([Decimal::ZERO; 5])
                [Bucket::for_days((t - inv.due).num_days()) as usize] += open;
        }
    }
    out
}

fn amounts(a: &Aging) -> BTreeMap<Currency, [Decimal; 5]> {
    a.per_currency.clone()
}

fn dates(offsets: &[u16]) -> Vec<NaiveDate> {
    let mut v: Vec<NaiveDate> = offsets.iter().map(|o| day(*o)).collect();
    v.sort();
    v.dedup();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn as_of_reconstruction_equals_naive_recomputation(ops in prop::collection::vec(op(), 0..40), offsets in prop::collection::vec(0u16..800, 1..8)) {
        let l = build(&ops);
        let ds = dates(&offsets);
        let got = receivables_at(&l, &ds);
        prop_assert_eq!(got.len(), ds.len());
        for (a, t) in got.iter().zip(&ds) {
            prop_assert_eq!(a.as_of, Some(*t));
            prop_assert_eq!(amounts(a), naive(&l, *t), "as of {}", t);
        }
    }

    #[test]
    fn per_customer_receivables_add_up_to_the_total(ops in prop::collection::vec(op(), 0..40), offset in 0u16..800) {
        let l = build(&ops);
        let t = day(offset);
        let total = &receivables_at(&l, &[t])[0];
        let mut sum: BTreeMap<Currency, [Decimal; 5]> = BTreeMap::new();
        let mut counts = [0usize; 5];
        for a in receivables_by_customer(&l, t).values() {
            for (c, b) in &a.per_currency {
                let s = sum.entry(*c).or_insert([Decimal::ZERO; 5]);
                for i in 0..5 { s[i] += b[i]; }
            }
            for (n, m) in counts.iter_mut().zip(a.counts) { *n += m; }
        }
        prop_assert_eq!(sum, amounts(total));
        prop_assert_eq!(counts, total.counts);
    }

    #[test]
    fn reconstruction_after_the_last_record_equals_the_aging(ops in prop::collection::vec(op(), 0..40)) {
        let l = build(&ops);
        let t = day(2000);
        let now = age(&l, None, t);
        let got = &receivables_at(&l, &[t])[0];
        prop_assert_eq!(amounts(got), now.per_currency.clone());
        prop_assert_eq!(got.counts, now.counts);
    }

    #[test]
    fn per_customer_figures_add_up_to_the_total(ops in prop::collection::vec(op(), 0..40), start in 0u16..400, len in 0u16..300) {
        let l = build(&ops);
        let period = Period::new(day(start), day(start + len)).unwrap();
        let report = kpi_report(&l, period, &KpiOptions::default());
        for (currency, total) in &report.total {
            let parts: Vec<_> = report.customers.values().filter_map(|m| m.get(currency)).collect();
            prop_assert_eq!(parts.iter().map(|s| s.base.sales).sum::<Decimal>(), total.base.sales);
            prop_assert_eq!(parts.iter().map(|s| s.base.opening).sum::<Decimal>(), total.base.opening);
            prop_assert_eq!(parts.iter().map(|s| s.base.closing_total()).sum::<Decimal>(), total.base.closing_total());
            prop_assert_eq!(parts.iter().map(|s| s.base.closing_current()).sum::<Decimal>(), total.base.closing_current());
        }
    }
}
