//! The demo ledger with the clock moved day by day over two months, every action of the
//! worklist done on the day it appears (as a user working the list each morning would, while no
//! customer pays): the plan must tell the story of the dunning policy for each customer — no
//! step twice for an invoice, never two steps on one day, a hand-over only after the final
//! notice, nothing for customers held out of the run, and at the end every invoice still open of
//! a customer still in the run has reached the final notice.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use stipt::demo::demo_ledger;
use stipt::domain::{Event, EventKind, InvoiceId, StepKind};
use stipt::engine::dunning::{plan, step_kind_of, ActionKind, PROMISE_BROKEN_KEY, PROOF_OF_PAYMENT_KEY};

#[test]
fn two_months_of_mornings_tell_the_story_of_the_policy() {
    let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut l = demo_ledger(start);
    // What the demo's diary already records (older entries by name, e.g. "Ingebrekestelling").
    let mut done: HashMap<InvoiceId, Vec<StepKind>> = HashMap::new();
    for e in l.events() {
        if let (EventKind::DunningDone { step, .. }, Some(invoice)) = (&e.kind, e.invoice) {
            if let Some(kind) = step_kind_of(step) {
                done.entry(invoice).or_default().push(kind);
            }
        }
    }
    let held: HashSet<_> = l.customers().filter(|c| c.flags.on_hold || c.flags.handed_over).map(|c| c.id).collect();
    let mut days_with_work = 0;
    let mut handed: HashSet<stipt::domain::CustomerId> = HashSet::new();
    let mut last: HashMap<InvoiceId, NaiveDate> = HashMap::new();
    for n in 0..60 {
        let today = start + Duration::days(n);
        let p = plan(&l, today);
        days_with_work += usize::from(!p.actions.is_empty());
        for a in &p.actions {
            assert!(!held.contains(&a.customer) || !matches!(a.kind, ActionKind::Step(_)), "{today}: a held customer got a step");
            let kind = match a.kind {
                ActionKind::Step(kind) => kind,
                // The broken-promise call and the request for proof of payment are done too.
                ActionKind::PromiseBroken { .. } | ActionKind::ProofOfPayment { .. } => {
                    let key = if matches!(a.kind, ActionKind::PromiseBroken { .. }) { PROMISE_BROKEN_KEY } else { PROOF_OF_PAYMENT_KEY };
                    l.add_event(Event::new(a.customer, None, today, EventKind::DunningDone { step: key.into(), channel: a.channel })).unwrap();
                    continue;
                }
            };
            for item in &a.items {
                let steps = done.entry(item.invoice).or_default();
                assert!(!steps.contains(&kind), "{today}: {} got {kind:?} twice ({steps:?})", item.number);
                if kind == StepKind::HandOver {
                    assert!(steps.contains(&StepKind::FinalNotice), "{today}: {} handed over without a final notice ({steps:?})", item.number);
                    handed.insert(a.customer);
                }
                // The deadline of the previous letter has passed.
                if let Some(prev) = last.get(&item.invoice) {
                    assert!(today > *prev, "{today}: {} got two steps on one day", item.number);
                }
                last.insert(item.invoice, today);
                steps.push(kind);
                let mut e = Event::new(a.customer, Some(item.invoice), today, EventKind::DunningDone { step: kind.key().into(), channel: a.channel });
                e.note = "done from the worklist".into();
                l.add_event(e).unwrap();
            }
        }
    }
    assert!(days_with_work >= 20, "work on {days_with_work} of 60 mornings");
    // Every invoice that went through the steps and is still open, of a customer in the run, has
    // had its final notice by the end.
    let end = start + Duration::days(59);
    let balances = l.balances();
    let disputed: HashSet<InvoiceId> = balances.iter().filter(|(_, b)| b.disputed).map(|(id, _)| *id).collect();
    for (invoice, steps) in &done {
        let inv = l.invoice(*invoice).unwrap();
        let open = balances.get(invoice).is_some_and(|b| b.open() > rust_decimal::Decimal::ZERO);
        let in_run = !held.contains(&inv.customer) && !handed.contains(&inv.customer);
        if open && !disputed.contains(invoice) && in_run && inv.due + Duration::days(50) <= end {
            assert!(steps.contains(&StepKind::FinalNotice) || steps.contains(&StepKind::HandOver), "{} ended at {steps:?}", inv.number);
        }
    }
    assert!(done.values().any(|s| s.contains(&StepKind::Reminder)));
    assert!(done.values().any(|s| s.contains(&StepKind::HandOver)));
}
