//! Property tests of payment behaviour and warning signals, each named after what it checks.
//!
//! Ledgers are built, as in `domain_props.rs`, by random sequences of operations through the
//! public API (some of which fail and change nothing): invoices in EUR and USD, payments
//! allocated to one invoice or oldest first, in round and odd amounts, credit notes, every diary
//! entry the signals read, and external scores. Case counts stay modest so the suite is quick.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{
    Allocation, Channel, ContactOutcome, Customer, CustomerId, Event, EventKind, ExcuseCategory, Invoice, Ledger,
    Money, Payment, RiskSettings,
};
mod common;
use common::{apply, base, cents, date, Op};

use stipt::engine::risk::behaviour::{all_behaviour, behaviour, grade_for, grade_history, score_for, weighted_delay};
use stipt::engine::risk::signals::{all_signals, signals, Signal};

const CASES: u32 = 64;

fn amount() -> impl Strategy<Value = u32> {
    prop_oneof![6 => 100u32..500_000, 2 => prop::sample::select(vec![5_000u32, 10_000, 50_000, 100_000, 25_000])]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..3, 0u16..700, 0u8..61, amount(), prop::bool::weighted(0.15))
            .prop_map(|(customer, date, term, cents, usd)| Op::Invoice { customer, date, term, cents, usd }),
        4 => (0u8..3, 0u16..760, amount(), any::<bool>(), any::<u8>(), prop::sample::select(vec![30u8, 50, 100, 100]))
            .prop_map(|(customer, date, cents, oldest_first, target, percent)| Op::Pay {
                customer, date, cents, oldest_first, target, percent
            }),
        1 => (any::<u8>(), 0u16..760, prop::sample::select(vec![20u8, 100]))
            .prop_map(|(target, date, percent)| Op::Credit { target, date, percent }),
        5 => (0u8..3, prop::option::weighted(0.5, any::<u8>()), 0u16..760, 0u8..10, amount(), any::<u8>())
            .prop_map(|(customer, invoice, date, kind, cents, sub)| Op::Event { customer, invoice, date, kind, cents, sub }),
        1 => (0u8..3, 0u16..760, 0u8..=100).prop_map(|(customer, date, score)| Op::Score { customer, date, score }),
    ]
}

fn event_kind(kind: u8, cents: u32, sub: u8, on: NaiveDate) -> EventKind {
    let outcome = ContactOutcome::ALL[usize::from(sub) % 3];
    match kind {
        0 | 1 => EventKind::Contact { channel: Channel::ALL[usize::from(sub) % 6], outcome },
        2 => EventKind::Promise { amount: self::cents(cents), date: on + Duration::days(i64::from(sub % 30)) },
        3 => EventKind::Excuse { category: ExcuseCategory::ALL[usize::from(sub) % 3] },
        4 => EventKind::DisputeOpened { reason: "klacht".into() },
        5 => EventKind::DisputeResolved,
        6 => EventKind::ExtensionRequest { days: u16::from(sub % 60) },
        7 => EventKind::Order { amount: self::cents(cents) },
        8 if sub.is_multiple_of(4) => EventKind::WrittenOff,
        _ => EventKind::Note,
    }
}

fn build(ops: &[Op]) -> Ledger {
    let mut l = Ledger::new();
    let customers: Vec<CustomerId> =
        (1..=3).map(|n| l.add_customer(Customer::new(format!("D{n}"), "Klant")).unwrap()).collect();
    apply(&mut l, &customers, ops, event_kind, "");
    l
}

fn ledgers() -> impl Strategy<Value = (Ledger, NaiveDate)> {
    (prop::collection::vec(op(), 0..150), 200u16..800).prop_map(|(ops, today)| (build(&ops), date(today)))
}

/// Settings with thresholds in order, some at their smallest.
fn settings() -> impl Strategy<Value = RiskSettings> {
    (-10i32..10, 0i32..20, 0i32..40, 0u32..5, 0u32..4, 0u32..100, 0u32..3, 0u32..60, 0u32..15, 0u32..40).prop_map(
        |(a, b, c, silent, repeats, percent, promises, dispute, pattern, drop)| RiskSettings {
            grade_a_max: a,
            grade_b_max: a + b,
            grade_c_max: a + b + c,
            silent_attempts: silent,
            excuse_repeats: repeats,
            buying_less_percent: percent,
            broken_promises: promises,
            dispute_days: dispute,
            pattern_change_days: pattern,
            score_drop: drop,
            round_payments: repeats,
            extension_requests: repeats,
            ..RiskSettings::default()
        },
    )
}

/// A delay in days with one decimal.
fn delay() -> impl Strategy<Value = Decimal> {
    (-2_000i64..10_000).prop_map(|tenths| Decimal::new(tenths, 1))
}

fn sorted(mut v: Vec<Signal>) -> Vec<String> {
    let mut out: Vec<String> = v.drain(..).map(|s| format!("{s:?}")).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn grade_is_monotone_in_the_weighted_delay(a in delay(), b in delay(), s in settings()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(grade_for(lo, &s) <= grade_for(hi, &s), "{lo} {hi}");
    }

    #[test]
    fn score_is_within_0_and_100_and_never_rises_with_the_delay(a in delay(), b in delay()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(score_for(lo) <= 100 && score_for(hi) <= 100);
        prop_assert!(score_for(lo) >= score_for(hi), "{lo}: {} {hi}: {}", score_for(lo), score_for(hi));
    }

    #[test]
    fn all_behaviour_equals_behaviour_per_customer((l, today) in ledgers(), s in settings()) {
        let all = all_behaviour(&l, today, &s);
        prop_assert_eq!(all.len(), l.customers().len());
        for c in l.customers() {
            let one = behaviour(&l, c.id, today, &s);
            prop_assert_eq!(&all[&c.id], &one);
            // The weighted delay lies between the smallest and the largest days late.
            if let Some(d) = one.delay {
                let min = one.items.iter().map(|i| i.days_late).min().unwrap();
                let max = one.items.iter().map(|i| i.days_late).max().unwrap();
                prop_assert!(d >= Decimal::from(min) && d <= Decimal::from(max), "{} not in {}..{}", d, min, max);
                prop_assert_eq!(one.grade, Some(grade_for(d, &s)));
                prop_assert_eq!(one.score, Some(score_for(d)));
            } else {
                prop_assert!(one.items.is_empty());
            }
            prop_assert_eq!(weighted_delay(&one.items), one.delay);
            prop_assert_eq!(one.paid + one.written_off + one.overdue, one.items.len());
        }
    }

    #[test]
    fn history_points_equal_the_behaviour_at_each_month_end((l, today) in ledgers()) {
        let s = RiskSettings::default();
        for c in l.customers() {
            let h = grade_history(&l, c.id, today, &s, 6);
            prop_assert_eq!(h.len(), 6);
            prop_assert!(h.windows(2).all(|w| w[0].month_end < w[1].month_end));
            prop_assert!(h.last().is_some_and(|p| p.month_end <= today));
            for p in h {
                let b = behaviour(&l, c.id, p.month_end, &s);
                prop_assert_eq!((p.delay, p.grade, p.items), (b.delay, b.grade, b.items.len()));
            }
        }
    }

    #[test]
    fn all_signals_equals_the_union_of_signals_per_customer((l, today) in ledgers(), s in settings()) {
        let all = all_signals(&l, today, &s);
        let mut union = Vec::new();
        for c in l.customers() {
            let one = signals(&l, c.id, today, &s);
            // Each customer's list is sorted the same way: most severe first, then amount.
            prop_assert!(one.windows(2).all(|w| w[0].severity >= w[1].severity));
            prop_assert!(one.iter().all(|x| x.customer == c.id && x.evidence.kind() == x.kind && x.first_seen <= today));
            union.extend(one);
        }
        prop_assert!(all.windows(2).all(|w| w[0].severity > w[1].severity
            || (w[0].severity == w[1].severity && w[0].at_risk >= w[1].at_risk)));
        prop_assert_eq!(sorted(all), sorted(union));
    }

    #[test]
    fn signals_name_only_records_of_their_customer((l, today) in ledgers()) {
        use stipt::engine::risk::signals::Record;
        for sig in all_signals(&l, today, &RiskSettings::default()) {
            for r in sig.evidence.records() {
                let owner = match r {
                    Record::Invoice(i) => l.invoice(i).map(|x| x.customer),
                    Record::Payment(p) => l.payment(p).map(|x| x.customer),
                    Record::Event(e) => l.event(e).map(|x| x.customer),
                };
                prop_assert_eq!(owner, Some(sig.customer), "{:?} in {:?}", r, sig.kind);
            }
        }
    }
}

/// A large ledger (10,000 invoices of 20 customers, 500 each) with payments, credit notes and a
/// busy diary goes through the one-pass computations whole. Their speed is a matter for the
/// benchmarks, not for a timed test.
#[test]
fn a_large_ledger_in_one_pass() {
    let mut l = Ledger::new();
    let customers: Vec<CustomerId> =
        (0..20).map(|n| l.add_customer(Customer::new(format!("D{n}"), "Klant")).unwrap()).collect();
    for i in 0..10_000u32 {
        let c = customers[(i % 20) as usize];
        let on = i64::from(i / 40);
        let amount = Decimal::new(10_000 + i64::from(i) * 137 % 90_000, 2);
        let inv = Invoice::new(format!("F{i:05}"), c, base() + Duration::days(on), 30, Money::eur(amount));
        let id = l.add_invoice(inv).unwrap();
        let at = |d: i64| base() + Duration::days(on + d);
        match i % 6 {
            0 | 1 => {
                let p = Payment::new(c, at(25 + i64::from(i % 30)), Money::eur(amount), vec![Allocation { invoice: id, amount }]);
                l.add_payment(p.unwrap()).unwrap();
            }
            2 => {
                let p = Payment::new(c, at(40), Money::eur(Decimal::from(50)), vec![Allocation { invoice: id, amount: Decimal::from(50) }]);
                l.add_payment(p.unwrap()).unwrap();
                let promise = EventKind::Promise { amount: Decimal::from(200), date: at(50) };
                l.add_event(Event::new(c, Some(id), at(41), promise)).unwrap();
            }
            3 => {
                l.add_event(Event::new(c, Some(id), at(35), EventKind::DisputeOpened { reason: "x".into() })).unwrap();
                let outcome = EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::NoAnswer };
                l.add_event(Event::new(c, Some(id), at(36), outcome)).unwrap();
            }
            4 => {
                let cn = Invoice::credit_note(format!("C{i:05}"), &l.invoice(id).unwrap().clone(), at(3), Money::eur(Decimal::TEN));
                l.add_invoice(cn).unwrap();
                l.add_event(Event::new(c, None, at(1), EventKind::Order { amount })).unwrap();
            }
            _ => {}
        }
    }
    let today = base() + Duration::days(1300);
    let s = RiskSettings::default();
    let behaviour = all_behaviour(&l, today, &s);
    let found = all_signals(&l, today, &s);
    assert_eq!(behaviour.len(), 20);
    assert!(behaviour.values().all(|b| b.items.len() > 400));
    assert!(!found.is_empty());
}
