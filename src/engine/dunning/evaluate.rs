//! Policy evaluation (seed 004 #1): per step, how many invoices were paid soon after it and how
//! much came in, from the diary and the payments.
//!
//! Definitions, for every step kind with at least one `DunningDone` entry dated on or before
//! `today` (step names as [`step_kind_of`] reads them; a dunning entry through
//! `Channel::HandOver` counts as the hand-over step; skipped steps do not count):
//!
//! - **actions**: the messages: distinct (customer, day) pairs with an entry of the step (a
//!   grouped message is one entry per invoice, on one day).
//! - **invoices**: the invoices the step was about — the entry's invoice, or for an entry without
//!   invoice every invoice of the customer open on that day (past due, for the steps after the
//!   due date) — counted once per step, on the first day the step was done for it, and only
//!   when something was still open on that day.
//! - **paid within 7 / 14**: of those invoices, the ones paid in full on or after that day and
//!   at most 7 / 14 days after it. Paid in full: payments and credit notes together first cover
//!   the amount with a payment (an invoice closed by a credit note or written off is not paid).
//! - **collected**: the payments allocated to those invoices dated from that day through 14
//!   days after it, in the main currency (invoices in other currencies are not added). A payment
//!   counts for every step it followed within 14 days.
//! - **average days to pay**: over the invoices paid in full on or after that day (however long
//!   after), the mean of the days from the step to the payment, one decimal (half away from zero);
//!   `None` when none is paid yet. Invoices still open are not in it.
//!
//! Only records dated on or before `today` count, so a step done less than 14 days ago may still
//! see its invoices paid.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::plan::{after_due, step_kind_of};
use super::{PROMISE_BROKEN_KEY, PROOF_OF_PAYMENT_KEY};
use crate::domain::{Channel, EventKind, InvoiceId, Ledger, StepKind};
use crate::engine::risk::behaviour::{gather, InvoiceFacts, SettledBy};

/// How one step kind has worked (see the module documentation for the definitions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepStats {
    pub kind: StepKind,
    /// Messages sent: distinct (customer, day).
    pub actions: usize,
    /// Invoices the step was about, open on the day it was first done for them.
    pub invoices: usize,
    pub paid_within_7: usize,
    pub paid_within_14: usize,
    /// Payments on those invoices within 14 days after the step, main currency.
    pub collected: Decimal,
    /// Mean days from the step to the payment in full, of the invoices paid since.
    pub avg_days_to_pay: Option<Decimal>,
}

#[derive(Default)]
struct Acc {
    actions: usize,
    invoices: usize,
    paid7: usize,
    paid14: usize,
    collected: Decimal,
    days: i64,
    paid: i64,
}

/// The day payments (with credit notes) first covered the invoice, when a payment did it, looking
/// at records up to `today`.
fn paid_on(f: &InvoiceFacts<'_>, today: NaiveDate) -> Option<NaiveDate> {
    let mut settled = Decimal::ZERO;
    for s in f.settlements.iter().take_while(|s| s.date <= today) {
        settled += s.amount;
        if settled >= f.invoice.amount.amount {
            let written_off_before = f.written_off.is_some_and(|w| w <= s.date);
            return (matches!(s.by, SettledBy::Payment(_)) && !written_off_before).then_some(s.date);
        }
    }
    None
}

/// Per step kind (in the order of [`StepKind::ALL`], only kinds done at least once), how it has
/// worked up to `today`.
pub fn evaluate(ledger: &Ledger, today: NaiveDate) -> Vec<StepStats> {
    let facts = gather(ledger, None);
    let main = ledger.settings.currency;
    let mut acc: BTreeMap<StepKind, Acc> = BTreeMap::new();
    for c in ledger.customers() {
        let Some(f) = facts.get(c.id) else { continue };
        let mut messages: HashSet<(StepKind, NaiveDate)> = HashSet::new();
        let mut first: HashMap<(InvoiceId, StepKind), NaiveDate> = HashMap::new();
        for e in f.events.iter().filter(|e| e.date <= today) {
            let EventKind::DunningDone { step, channel } = &e.kind else { continue };
            let key = step.trim();
            if key.eq_ignore_ascii_case(PROMISE_BROKEN_KEY) || key.eq_ignore_ascii_case(PROOF_OF_PAYMENT_KEY) {
                continue;
            }
            let Some(kind) = step_kind_of(key).or((*channel == Channel::HandOver).then_some(StepKind::HandOver)) else {
                continue;
            };
            messages.insert((kind, e.date));
            match e.invoice {
                Some(i) => {
                    first.entry((i, kind)).or_insert(e.date);
                }
                None => {
                    for inv in &f.invoices {
                        let overdue = inv.invoice.due < e.date;
                        if inv.open_at(e.date) > Decimal::ZERO && (overdue || !after_due(kind)) {
                            first.entry((inv.invoice.id, kind)).or_insert(e.date);
                        }
                    }
                }
            }
        }
        for (kind, _) in messages {
            acc.entry(kind).or_default().actions += 1;
        }
        for ((invoice, kind), date) in first {
            let Some(inv) = f.invoice(invoice) else { continue };
            if inv.open_at(date) <= Decimal::ZERO {
                continue;
            }
            let a = acc.entry(kind).or_default();
            a.invoices += 1;
            if let Some(paid) = paid_on(inv, today).filter(|p| *p >= date) {
                let days = (paid - date).num_days();
                a.paid7 += usize::from(days <= 7);
                a.paid14 += usize::from(days <= 14);
                a.days += days;
                a.paid += 1;
            }
            if inv.invoice.amount.currency == main {
                let until = (date + Duration::days(14)).min(today);
                a.collected += inv
                    .settlements
                    .iter()
                    .filter(|s| matches!(s.by, SettledBy::Payment(_)) && s.date >= date && s.date <= until)
                    .map(|s| s.amount)
                    .sum::<Decimal>();
            }
        }
    }
    acc.into_iter()
        .map(|(kind, a)| StepStats {
            kind,
            actions: a.actions,
            invoices: a.invoices,
            paid_within_7: a.paid7,
            paid_within_14: a.paid14,
            collected: a.collected,
            avg_days_to_pay: (a.paid > 0).then(|| {
                (Decimal::from(a.days) / Decimal::from(a.paid))
                    .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
                    .normalize()
            }),
        })
        .collect()
}
