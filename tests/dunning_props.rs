//! Property tests of the dunning planner, each named after what it checks.
//!
//! Ledgers are built, as in `domain_props.rs` and `risk_props.rs`, by random sequences of
//! operations through the public API (some of which fail and change nothing): customers that are
//! businesses or consumers, Dutch or Belgian, on hold or handed over, with a profile or not;
//! invoices in EUR and USD; payments; credit notes; and every diary entry the planner reads —
//! steps done and skipped (by key, by an older name, with and without invoice), pauses, promises,
//! disputes, write-offs, hand-overs, phone calls. Case counts stay modest so the suite is quick.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{
    Allocation, Channel, ContactOutcome, Country, Currency, Customer, CustomerId, CustomerKind, Event, EventKind,
    Invoice, InvoiceId, Ledger, Money, Payment, StepKind,
};
mod common;
use common::{apply, base, cents, date, Op};

use stipt::engine::dunning::{evaluate, plan, upcoming, ActionKind, Plan, PROMISE_BROKEN_KEY, PROOF_OF_PAYMENT_KEY};

const CASES: u32 = 64;
const CUSTOMERS: u8 = 4;

#[derive(Clone, Debug)]
struct CustomerSpec {
    consumer: bool,
    belgian: bool,
    on_hold: bool,
    handed_over: bool,
    profile: u8,
}

fn amount() -> impl Strategy<Value = u32> {
    prop_oneof![6 => 100u32..3_000_000, 2 => prop::sample::select(vec![250_000u32, 1_000_000, 2_500_000, 500_000])]
}

fn customer_spec() -> impl Strategy<Value = CustomerSpec> {
    (any::<bool>(), any::<bool>(), prop::bool::weighted(0.2), prop::bool::weighted(0.15), 0u8..4).prop_map(
        |(consumer, belgian, on_hold, handed_over, profile)| CustomerSpec { consumer, belgian, on_hold, handed_over, profile },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..CUSTOMERS, 0u16..500, 0u8..61, amount(), prop::bool::weighted(0.15))
            .prop_map(|(customer, date, term, cents, usd)| Op::Invoice { customer, date, term, cents, usd }),
        3 => (0..CUSTOMERS, 0u16..560, amount(), any::<bool>(), any::<u8>(), prop::sample::select(vec![30u8, 50, 100, 100]))
            .prop_map(|(customer, date, cents, oldest_first, target, percent)| Op::Pay {
                customer, date, cents, oldest_first, target, percent
            }),
        1 => (any::<u8>(), 0u16..560, prop::sample::select(vec![20u8, 100]))
            .prop_map(|(target, date, percent)| Op::Credit { target, date, percent }),
        6 => (0..CUSTOMERS, prop::option::weighted(0.7, any::<u8>()), 0u16..560, 0u8..14, amount(), any::<u8>())
            .prop_map(|(customer, invoice, date, kind, cents, sub)| Op::Event { customer, invoice, date, kind, cents, sub }),
    ]
}

const STEP_NAMES: [&str; 6] = ["Herinnering", "Eerste aanmaning", "Ingebrekestelling", "Veertiendagenbrief", "Bellen", "Kerstkaart"];

fn event_kind(kind: u8, cents: u32, sub: u8, on: NaiveDate) -> EventKind {
    let step = || {
        if sub.is_multiple_of(4) {
            STEP_NAMES[usize::from(sub / 4) % STEP_NAMES.len()].to_string()
        } else {
            StepKind::ALL[usize::from(sub) % StepKind::ALL.len()].key().to_string()
        }
    };
    match kind {
        0..=2 => EventKind::DunningDone { step: step(), channel: Channel::ALL[usize::from(sub) % 5] },
        3 => EventKind::DunningSkipped { step: step() },
        4 => EventKind::Paused { until: on + Duration::days(i64::from(sub % 40)) },
        5 => EventKind::Promise { amount: self::cents(cents), date: on + Duration::days(i64::from(sub % 30)) },
        6 => EventKind::DisputeOpened { reason: "klacht".into() },
        7 => EventKind::DisputeResolved,
        8 if sub.is_multiple_of(5) => EventKind::WrittenOff,
        9 if sub.is_multiple_of(7) => EventKind::HandOver { agency: "Incasso Noord".into(), amount: self::cents(cents) },
        10 => EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::ALL[usize::from(sub) % 3] },
        11 => {
            let key = if sub.is_multiple_of(2) { PROMISE_BROKEN_KEY } else { PROOF_OF_PAYMENT_KEY };
            EventKind::DunningDone { step: key.into(), channel: Channel::Phone }
        }
        _ => EventKind::Note,
    }
}

fn build(specs: &[CustomerSpec], ops: &[Op]) -> Ledger {
    let mut l = Ledger::new();
    l.company.address.city = "Groningen".into();
    let customers: Vec<CustomerId> = specs
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let mut c = Customer::new(format!("D{n}"), "Klant");
            c.kind = if s.consumer { CustomerKind::Consumer } else { CustomerKind::Business };
            c.country = if s.belgian { Country::Be } else { Country::Nl };
            c.flags.on_hold = s.on_hold;
            c.flags.handed_over = s.handed_over;
            c.address.city = if n % 2 == 0 { "Groningen".into() } else { "Assen".into() };
            c.profile = ["", "risicovol", "goede-betalers", "standaard"][usize::from(s.profile)].into();
            l.add_customer(c).unwrap()
        })
        .collect();
    apply(&mut l, &customers, ops, event_kind, "reden");
    l
}

fn ledgers() -> impl Strategy<Value = (Ledger, NaiveDate)> {
    (
        prop::collection::vec(customer_spec(), usize::from(CUSTOMERS)),
        prop::collection::vec(op(), 0..160),
        150u16..600,
    )
        .prop_map(|(specs, ops, today)| (build(&specs, &ops), date(today)))
}

/// What is open on each invoice on `today`, from the records dated on or before it, computed here
/// without the engine.
fn open_on(l: &Ledger, today: NaiveDate) -> HashMap<InvoiceId, Decimal> {
    let mut open: HashMap<InvoiceId, Decimal> =
        l.invoices().filter(|i| !i.is_credit_note() && i.date <= today).map(|i| (i.id, i.amount.amount)).collect();
    for cn in l.invoices().filter(|i| i.date <= today) {
        if let Some(t) = cn.credits {
            if let Some(o) = open.get_mut(&t) {
                *o -= cn.amount.amount;
            }
        }
    }
    for p in l.payments().filter(|p| p.date <= today) {
        for a in p.allocations() {
            if let Some(o) = open.get_mut(&a.invoice) {
                *o -= a.amount;
            }
        }
    }
    for e in l.events().filter(|e| e.date <= today && e.kind == EventKind::WrittenOff) {
        if let Some(i) = e.invoice {
            open.insert(i, Decimal::ZERO);
        }
    }
    open
}

/// The invoices whose latest dispute entry (by date, then id) on or before `today` opened a
/// dispute.
fn disputed_on(l: &Ledger, today: NaiveDate) -> HashSet<InvoiceId> {
    let mut entries: Vec<_> = l
        .events()
        .filter(|e| e.date <= today && matches!(e.kind, EventKind::DisputeOpened { .. } | EventKind::DisputeResolved))
        .collect();
    entries.sort_by_key(|e| (e.date, e.id));
    let mut last: HashMap<InvoiceId, bool> = HashMap::new();
    for e in entries {
        if let Some(i) = e.invoice {
            last.insert(i, matches!(e.kind, EventKind::DisputeOpened { .. }));
        }
    }
    last.into_iter().filter(|(_, open)| *open).map(|(i, _)| i).collect()
}

fn step_items(p: &Plan) -> Vec<(StepKind, InvoiceId)> {
    p.actions
        .iter()
        .filter_map(|a| match a.kind {
            ActionKind::Step(k) => Some(a.items.iter().map(move |i| (k, i.invoice))),
            _ => None,
        })
        .flatten()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn an_invoice_never_appears_in_two_actions_of_the_same_step((l, today) in ledgers()) {
        let p = plan(&l, today);
        let mut seen = HashSet::new();
        for pair in step_items(&p) {
            prop_assert!(seen.insert(pair), "{:?} twice", pair);
        }
        // Stronger: an invoice is in one action at most, whatever its kind.
        let mut seen = HashSet::new();
        for a in &p.actions {
            for i in &a.items {
                prop_assert!(seen.insert(i.invoice), "{:?} in two actions", i.invoice);
            }
        }
        // And one message per customer and step.
        let mut messages = HashSet::new();
        for a in &p.actions {
            if let ActionKind::Step(k) = a.kind {
                prop_assert!(messages.insert((a.customer, k)), "two {:?} messages to {:?}", k, a.customer);
            }
        }
    }

    #[test]
    fn a_paid_invoice_gets_no_action((l, today) in ledgers()) {
        let open = open_on(&l, today);
        for a in plan(&l, today).actions {
            prop_assert!(!a.items.is_empty());
            for i in &a.items {
                let o = open.get(&i.invoice).copied().unwrap_or_default();
                prop_assert!(o > Decimal::ZERO, "{} has nothing open on {}", i.number, today);
                prop_assert_eq!(i.open.amount, o, "{}", i.number);
                prop_assert_eq!(l.invoice(i.invoice).unwrap().customer, a.customer);
            }
        }
    }

    #[test]
    fn actions_are_sorted_by_amount_at_risk((l, today) in ledgers()) {
        let p = plan(&l, today);
        for w in p.actions.windows(2) {
            prop_assert!(w[0].at_risk >= w[1].at_risk, "{} before {}", w[0].at_risk, w[1].at_risk);
        }
        for a in &p.actions {
            let eur: Decimal = a.items.iter().filter(|i| i.open.currency == Currency::EUR).map(|i| i.open.amount).sum();
            prop_assert_eq!(a.at_risk, eur);
            prop_assert!(a.due_on <= today);
            prop_assert!(a.deadline.is_none_or(|d| d > today));
        }
    }

    #[test]
    fn the_plan_is_deterministic((l, today) in ledgers()) {
        let once = plan(&l, today);
        prop_assert_eq!(&once, &plan(&l, today));
        let rebuilt = Ledger::from_parts(l.to_parts()).unwrap();
        prop_assert_eq!(&once, &plan(&rebuilt, today));
        prop_assert_eq!(upcoming(&l, today, 14), upcoming(&rebuilt, today, 14));
        prop_assert_eq!(evaluate(&l, today), evaluate(&rebuilt, today));
    }

    #[test]
    fn held_customers_and_disputed_invoices_get_no_ordinary_steps((l, today) in ledgers()) {
        let p = plan(&l, today);
        let disputed = disputed_on(&l, today);
        for a in &p.actions {
            let c = l.customer(a.customer).unwrap();
            prop_assert!(!c.flags.handed_over, "handed over {:?} got {:?}", c.number, a.kind);
            if c.flags.on_hold {
                prop_assert!(!matches!(a.kind, ActionKind::Step(_)), "on hold {:?} got {:?}", c.number, a.kind);
            }
            for i in &a.items {
                prop_assert!(!disputed.contains(&i.invoice), "disputed {} in {:?}", i.number, a.kind);
            }
        }
        // A held customer is listed once per reason at most, and only with something open.
        let open = open_on(&l, today);
        let mut listed = HashSet::new();
        for h in &p.held {
            prop_assert!(listed.insert((h.customer, std::mem::discriminant(&h.reason))));
            let has_open = l.invoices().any(|i| i.customer == h.customer && open.get(&i.id).is_some_and(|o| *o > Decimal::ZERO));
            prop_assert!(has_open);
        }
    }

    #[test]
    fn upcoming_actions_lie_ahead_in_order((l, today) in ledgers(), days in 0u32..40) {
        let ahead = upcoming(&l, today, days);
        let last = today + Duration::days(i64::from(days));
        for w in ahead.windows(2) {
            prop_assert!(w[0].due_on <= w[1].due_on);
        }
        let mut seen = HashSet::new();
        for a in &ahead {
            prop_assert!(a.due_on > today && a.due_on <= last, "{} not in {}..={}", a.due_on, today, last);
            if let ActionKind::Step(k) = a.kind {
                for i in &a.items {
                    prop_assert!(seen.insert((k, i.invoice)), "{:?} {:?} twice ahead", k, i.invoice);
                }
            }
        }
    }

    #[test]
    fn evaluation_counts_nest((l, today) in ledgers()) {
        for s in evaluate(&l, today) {
            prop_assert!(s.actions > 0);
            prop_assert!(s.paid_within_7 <= s.paid_within_14 && s.paid_within_14 <= s.invoices, "{:?}", s);
            prop_assert!(s.collected >= Decimal::ZERO);
            prop_assert!(s.avg_days_to_pay.is_none_or(|d| d >= Decimal::ZERO));
        }
    }
}

/// A large ledger (50,000 invoices of 500 customers) with payments, credit notes and a busy
/// diary goes through the planner, the agenda and the evaluation whole. Their speed is a matter
/// for the benchmarks, not for a timed test.
#[test]
fn a_large_ledger_in_one_pass() {
    let mut l = Ledger::new();
    let customers: Vec<CustomerId> = (0..500)
        .map(|n| {
            let mut c = Customer::new(format!("D{n}"), "Klant");
            c.flags.on_hold = n % 50 == 7;
            l.add_customer(c).unwrap()
        })
        .collect();
    for i in 0..50_000u32 {
        let c = customers[(i % 500) as usize];
        let on = i64::from(i / 100);
        let amount = Decimal::new(10_000 + i64::from(i) * 137 % 900_000, 2);
        let inv = Invoice::new(format!("F{i:05}"), c, base() + Duration::days(on), 30, Money::eur(amount));
        let id = l.add_invoice(inv).unwrap();
        let at = |d: i64| base() + Duration::days(on + d);
        let event = |l: &mut Ledger, invoice, d, kind| {
            let mut e = Event::new(c, invoice, at(d), kind);
            e.note = "reden".into();
            l.add_event(e).unwrap();
        };
        match i % 8 {
            0 | 1 => {
                let p = Payment::new(c, at(25 + i64::from(i % 30)), Money::eur(amount), vec![Allocation { invoice: id, amount }]);
                l.add_payment(p.unwrap()).unwrap();
            }
            2 => {
                event(&mut l, Some(id), 37, EventKind::DunningDone { step: "reminder".into(), channel: Channel::Email });
                event(&mut l, Some(id), 44, EventKind::DunningDone { step: "Eerste aanmaning".into(), channel: Channel::Email });
            }
            3 => {
                event(&mut l, Some(id), 41, EventKind::Promise { amount: Decimal::from(200), date: at(50) });
                event(&mut l, None, 60, EventKind::Paused { until: at(70) });
            }
            4 => event(&mut l, Some(id), 35, EventKind::DisputeOpened { reason: "x".into() }),
            5 => {
                let cn = Invoice::credit_note(format!("C{i:05}"), &l.invoice(id).unwrap().clone(), at(3), Money::eur(Decimal::TEN));
                l.add_invoice(cn).unwrap();
                event(&mut l, Some(id), 38, EventKind::DunningSkipped { step: "reminder".into() });
            }
            _ => {}
        }
    }
    let today = base() + Duration::days(520);
    let p = plan(&l, today);
    assert!(p.actions.len() > 500, "{}", p.actions.len());
    assert!(!p.held.is_empty());
    assert!(!upcoming(&l, today, 28).is_empty());
    assert!(!evaluate(&l, today).is_empty());
}
