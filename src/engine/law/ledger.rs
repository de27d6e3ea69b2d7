//! From the ledger to a [`Case`]: which invoices of a customer form the claim on a date, with
//! their payments, and which letters were sent.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Case, Claim, ClaimPayment, Regime, Reminder};
use crate::domain::{Currency, CustomerId, EventKind, InvoiceId, Ledger};

/// Whether a dunning step's name marks a Dutch 14-day letter ("veertiendagenbrief",
/// "14-dagenbrief", "14-day letter", ...). Step names are typed by the user or written by the
/// dunning policy; both use one of these words.
pub fn is_fourteen_day_step(step: &str) -> bool {
    let s = step.to_lowercase();
    s.contains("veertiendagen") || s.contains("fourteen-day") || s.contains("fourteen day") || {
        let compact: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
        compact.contains("14dag") || compact.contains("14day")
    }
}

/// Why an invoice of the customer is not part of the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// In another currency than EUR: the statutory amounts are in euros.
    Currency,
    /// Disputed: settle the dispute first.
    Disputed,
}

/// A case built from the ledger, with the invoices left out and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerCase {
    pub case: Case,
    pub invoices: Vec<InvoiceId>,
    pub left_out: Vec<(InvoiceId, Left)>,
}

/// The claim on `customer` on `as_of`: every invoice past due on that date with something still
/// open on that date (payments after `as_of` do not count), or just `only` when given.
/// `None` when the customer does not exist.
pub fn customer_case(ledger: &Ledger, customer: CustomerId, as_of: NaiveDate, only: Option<InvoiceId>) -> Option<LedgerCase> {
    let c = ledger.customer(customer)?;
    let regime = Regime::of(c.kind, &c.country);
    let mut claims = Vec::new();
    let mut invoices = Vec::new();
    let mut left_out = Vec::new();
    // One pass over the ledger for the balances and one for the payments, whatever the number
    // of invoices.
    let balances = ledger.customer_balances(customer);
    let mut paid: HashMap<InvoiceId, Vec<ClaimPayment>> = HashMap::new();
    for p in ledger.payments().filter(|p| p.customer == customer) {
        for a in p.allocations() {
            paid.entry(a.invoice).or_default().push(ClaimPayment { date: p.date, amount: a.amount });
        }
    }
    for inv in ledger.invoices().filter(|i| i.customer == customer && !i.is_credit_note()) {
        if only.is_some_and(|o| o != inv.id) {
            continue;
        }
        let Some(balance) = balances.get(&inv.id) else { continue };
        if balance.written_off {
            continue;
        }
        // Credit notes correct the invoice from the start: that part was never owed.
        let principal = inv.amount.amount - balance.credited;
        let payments = paid.remove(&inv.id).unwrap_or_default();
        let paid_by_then: Decimal = payments.iter().filter(|p| p.date <= as_of).map(|p| p.amount).sum();
        let past_due = inv.due < as_of;
        let open_then = principal - paid_by_then;
        if only.is_none() && (!past_due || open_then <= Decimal::ZERO || principal <= Decimal::ZERO) {
            continue;
        }
        if inv.amount.currency != Currency::EUR {
            left_out.push((inv.id, Left::Currency));
            continue;
        }
        if only.is_none() && balance.disputed {
            left_out.push((inv.id, Left::Disputed));
            continue;
        }
        invoices.push(inv.id);
        claims.push(Claim { label: inv.number.clone(), principal, invoice_date: inv.date, due: Some(inv.due), payments });
    }
    let mut reminders: Vec<Reminder> = ledger
        .events()
        .filter(|e| e.customer == customer)
        .filter_map(|e| match &e.kind {
            EventKind::DunningDone { step, channel } => Some(Reminder {
                sent: e.date,
                channel: *channel,
                // For a Dutch consumer the planner's final notice is the 14-day letter.
                fourteen_day: is_fourteen_day_step(step)
                    || (regime == Regime::NlConsumer
                        && crate::engine::dunning::step_kind_of(step) == Some(crate::domain::StepKind::FinalNotice)),
            }),
            _ => None,
        })
        .collect();
    reminders.sort_by_key(|r| r.sent);
    Some(LedgerCase { case: Case { regime, terms: c.terms, claims, reminders, as_of }, invoices, left_out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Allocation, Channel, Country, Customer, CustomerKind, Event, Invoice, Money, Payment};
    use crate::engine::law::{compute, NoticeState};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_claim_of_a_customer() {
        let mut l = Ledger::new();
        let mut c = Customer::new("D1", "Jansen");
        c.kind = CustomerKind::Consumer;
        c.country = Country::Nl;
        let cid = l.add_customer(c).unwrap();
        let eur = |s: &str| Money::eur(s.parse().unwrap());
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, eur("1000"))).unwrap();
        let f2 = l.add_invoice(Invoice::new("F2", cid, d(2024, 2, 1), 14, eur("200"))).unwrap();
        let f3 = l.add_invoice(Invoice::new("F3", cid, d(2024, 3, 20), 30, eur("300"))).unwrap();
        let mut usd = Invoice::new("F4", cid, d(2024, 1, 5), 30, Money::new("50".parse().unwrap(), Currency::parse("USD").unwrap()));
        usd.description = "abroad".into();
        let f4 = l.add_invoice(usd).unwrap();
        let f5 = l.add_invoice(Invoice::new("F5", cid, d(2024, 1, 10), 30, eur("80"))).unwrap();
        l.add_invoice(Invoice::credit_note("C1", l.invoice(f1).unwrap(), d(2024, 1, 15), eur("100"))).unwrap();
        // F2 paid in full on 1 March; F1 partly on 10 March.
        l.add_payment(Payment::new(cid, d(2024, 3, 1), eur("200"), vec![Allocation { invoice: f2, amount: "200".parse().unwrap() }]).unwrap()).unwrap();
        l.add_payment(Payment::new(cid, d(2024, 3, 10), eur("300"), vec![Allocation { invoice: f1, amount: "300".parse().unwrap() }]).unwrap()).unwrap();
        l.add_event(Event::new(cid, Some(f5), d(2024, 2, 20), EventKind::DisputeOpened { reason: "quality".into() })).unwrap();
        l.add_event(Event::new(cid, None, d(2024, 3, 1), EventKind::DunningDone { step: "Veertiendagenbrief".into(), channel: Channel::Letter })).unwrap();

        // On 5 March F2 is paid (1 March), F3 not yet due, F4 in dollars and F5 disputed.
        let lc = customer_case(&l, cid, d(2024, 3, 5), None).unwrap();
        assert_eq!(lc.invoices, vec![f1]);
        assert_eq!(lc.left_out, vec![(f4, Left::Currency), (f5, Left::Disputed)]);
        assert_eq!(lc.case.claims[0].principal, "900".parse::<Decimal>().unwrap());
        assert_eq!(lc.case.regime, Regime::NlConsumer);
        assert!(lc.case.reminders[0].fourteen_day);
        // On 25 February F2 was open and past due.
        let lc = customer_case(&l, cid, d(2024, 2, 25), None).unwrap();
        assert_eq!(lc.invoices, vec![f1, f2]);
        // One invoice on request, even when not due.
        let lc = customer_case(&l, cid, d(2024, 3, 25), Some(f3)).unwrap();
        assert_eq!(lc.invoices, vec![f3]);
        // The letter of 1 March makes the costs claimable from 18 March.
        let s = compute(&customer_case(&l, cid, d(2024, 3, 18), None).unwrap().case, &l.settings.law).unwrap();
        assert_eq!(s.condition.map(|c| c.state), Some(NoticeState::Met { sent: d(2024, 3, 1), from: d(2024, 3, 18) }));
        assert!(s.costs > Decimal::ZERO);
        assert!(customer_case(&l, crate::domain::CustomerId(99), d(2024, 3, 18), None).is_none());
    }

    #[test]
    fn the_planners_final_notice_is_the_fourteen_day_letter_of_a_dutch_consumer() {
        for (kind, want) in [(CustomerKind::Consumer, true), (CustomerKind::Business, false)] {
            let mut l = Ledger::new();
            let mut c = Customer::new("D1", "Jansen");
            c.kind = kind;
            let cid = l.add_customer(c).unwrap();
            let f = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, Money::eur("100".parse().unwrap()))).unwrap();
            let step = crate::domain::StepKind::FinalNotice.key().to_string();
            l.add_event(Event::new(cid, Some(f), d(2024, 3, 1), EventKind::DunningDone { step, channel: Channel::Letter })).unwrap();
            let lc = customer_case(&l, cid, d(2024, 3, 5), None).unwrap();
            assert_eq!(lc.case.reminders[0].fourteen_day, want, "{kind:?}");
        }
    }

    #[test]
    fn fourteen_day_step_names() {
        let rows = [
            ("Veertiendagenbrief", true),
            ("14-dagenbrief", true),
            ("14 dagen brief", true),
            ("14-day letter", true),
            ("Fourteen-day letter", true),
            ("Eerste herinnering", false),
            ("Aanmaning", false),
            ("Reminder 1", false),
        ];
        for (step, expected) in rows {
            assert_eq!(is_fourteen_day_step(step), expected, "{step}");
        }
    }
}
