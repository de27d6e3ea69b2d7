//! The five phases of a customer (DOMAIN.md section 3, seed 000): Prospect, Acceptance,
//! Monitoring, Management, Collection. Every customer is in exactly one phase, derived from the
//! ledger, the customer's flags and `today`; the reason says why, with the numbers.
//!
//! The rules, first match wins:
//!
//! 1. **Collection** — the customer is marked handed over (`flags.handed_over`), or the diary has
//!    a hand-over (an `EventKind::HandOver`, or a dunning action sent through
//!    `Channel::HandOver`) and the invoices of that claim (those dated on or before the latest
//!    hand-over) are not all paid since: something is still open, or one was written off on or
//!    after the hand-over (a loss is not a payment).
//! 2. **Management** — an invoice is overdue: something open (not written off; disputed invoices
//!    count) and its due date before `today` (the due date itself is the last day to pay).
//! 3. **Acceptance, back after collection** — the claim handed over was paid in full in the end
//!    and no new credit decision (an `EventKind::LimitSet` after that payment) was made yet.
//!    Seed 000: "go back to phase 1 or 2; certainly do not continue on the same footing". Once a
//!    new decision is recorded, the customer's history starts again on its date: only invoices
//!    from then on count for rules 4 and 5.
//! 4. **Monitoring, first invoice unpaid** — the first invoice (by date; fully credited invoices
//!    were never owed and do not count) is still open, and not yet due (else rule 2).
//! 5. **Monitoring, steady** — the first invoice is paid and nothing is overdue. Seed 000 names
//!    only four working phases before collection, and the management phase is explicitly "the
//!    invoice is overdue"; a customer who pays on time is followed, payment by payment, as in the
//!    monitoring phase ("follow the (first) payment"). So they stay in Monitoring, with the reason
//!    `AllPaid` (nothing open) or `OpenNotDue` (invoices open, none due yet).
//! 6. **Acceptance** — no invoices yet, but an order in the diary, a credit decision
//!    (`EventKind::LimitSet`), a credit limit on the customer or "prepayment only".
//! 7. **Prospect** — no invoices and nothing of the above.
//!
//! Records dated after `today` are not filtered out: the ledger is taken as it is, `today` only
//! decides what is overdue.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::behaviour::{self, SettledBy};
use crate::domain::{Channel, Currency, Customer, CustomerId, EventKind, InvoiceBalance, InvoiceId, Ledger, Money};
use crate::engine::Pass;

/// The five phases, in the order a customer goes through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    Prospect,
    Acceptance,
    Monitoring,
    Management,
    Collection,
}

impl Phase {
    /// All phases, in order.
    pub const ALL: [Phase; 5] = [Phase::Prospect, Phase::Acceptance, Phase::Monitoring, Phase::Management, Phase::Collection];
}

/// Why a customer is in their phase, with the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhaseReason {
    /// Prospect: no invoices, no orders, no credit decision.
    NoInvoices,
    /// Acceptance: an order was recorded (the first one), nothing invoiced yet.
    Ordered { date: NaiveDate, amount: Decimal },
    /// Acceptance: a credit decision was made (the latest `LimitSet`, or a limit or "prepayment
    /// only" on the customer when `date` is `None`), nothing invoiced yet. `limit: None` = no
    /// limit was set.
    CreditDecided { date: Option<NaiveDate>, limit: Option<Decimal> },
    /// Acceptance: the claim handed over on `handed_over` was paid in full on `paid_on`; a new
    /// credit check is needed before the customer is treated as before.
    BackAfterCollection { handed_over: NaiveDate, paid_on: NaiveDate },
    /// Monitoring: the first invoice is not yet paid (and not yet due).
    FirstInvoiceUnpaid { invoice: InvoiceId, due: NaiveDate, open: Money },
    /// Monitoring: the first invoice is paid; `invoices` are open, none overdue, the next due on
    /// `next_due`. Amounts per currency.
    OpenNotDue { invoices: usize, amounts: Vec<Money>, next_due: NaiveDate },
    /// Monitoring: everything invoiced is paid (or credited); the last payment, if any.
    AllPaid { last_paid: Option<NaiveDate> },
    /// Management: these invoices are overdue (oldest first), amounts per currency, the oldest
    /// `oldest_days` days past its due date.
    Overdue { invoices: Vec<InvoiceId>, amounts: Vec<Money>, oldest_days: i64 },
    /// Collection: handed over (on `date` when the diary says so); what is open now, per currency.
    HandedOver { date: Option<NaiveDate>, open: Vec<Money> },
    /// Collection: still marked as handed over, but the claim handed over on `date` was paid in
    /// full on `paid_on`. Clearing the mark takes the customer back to Acceptance.
    PaidAfterHandOver { date: NaiveDate, paid_on: NaiveDate },
}

/// A customer's phase, why, and since when (when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseInfo {
    pub phase: Phase,
    pub reason: PhaseReason,
    /// The day the customer entered this phase, as far as the ledger tells: Acceptance the first
    /// order or decision (or the payment after collection); Monitoring the first invoice, or the
    /// day the last late invoice was settled; Management the day the oldest overdue invoice fell
    /// due; Collection the hand-over.
    pub since: Option<NaiveDate>,
}

/// What to do in a phase (seed 000's checklist). The texts are in `i18n::credit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChecklistItem {
    // Prospect
    MarketAnalysis,
    LookAlikes,
    CreditworthyProspectsOnly,
    // Acceptance
    CheckCreditworthiness,
    MentionInsurer,
    PrepaymentWhenNegative,
    ClearQuote,
    // Monitoring
    InvoiceFastAndRight,
    SalesFollowsPayment,
    WaitForFirstPayment,
    // Management
    ActAtOnce,
    CallOrMail,
    CheckDispute,
    ConsiderHold,
    AgreeWhoAndWhat,
    // Collection
    HandOverClaim,
    ClaimInsurer,
    FileInOrder,
    BackToAcceptance,
    LearnFromIt,
}

/// What to do in `phase`, in the order seed 000 gives it.
pub fn checklist(phase: Phase) -> &'static [ChecklistItem] {
    use ChecklistItem::*;
    match phase {
        Phase::Prospect => &[MarketAnalysis, LookAlikes, CreditworthyProspectsOnly],
        Phase::Acceptance => &[CheckCreditworthiness, MentionInsurer, PrepaymentWhenNegative, ClearQuote],
        Phase::Monitoring => &[InvoiceFastAndRight, SalesFollowsPayment, WaitForFirstPayment],
        Phase::Management => &[ActAtOnce, CallOrMail, CheckDispute, ConsiderHold, AgreeWhoAndWhat],
        Phase::Collection => &[HandOverClaim, ClaimInsurer, FileInOrder, BackToAcceptance, LearnFromIt],
    }
}

/// The phase of one customer on `today` (one pass over the ledger). `None` when the customer
/// does not exist.
pub fn phase(ledger: &Ledger, customer: CustomerId, today: NaiveDate) -> Option<PhaseInfo> {
    let c = ledger.customer(customer)?;
    let facts = Facts::collect(ledger, &ledger.customer_balances(customer), |id| id == customer);
    Some(decide(c, facts.get(&customer), today))
}

/// The phase of every customer on `today`, in one pass over the ledger's invoices, payments
/// (through `Ledger::balances`) and diary.
pub fn phases(ledger: &Ledger, today: NaiveDate) -> HashMap<CustomerId, PhaseInfo> {
    phases_with(&Pass::new(ledger), today)
}

/// [`phases`] from a [`Pass`] over the ledger that other computations share: the facts of each
/// customer are read from the pass's invoices with their settlements and diary, which hold the
/// same as the balances ([`Facts::of_customer`]).
pub fn phases_with(pass: &Pass<'_>, today: NaiveDate) -> HashMap<CustomerId, PhaseInfo> {
    let gathered = pass.facts();
    pass.ledger()
        .customers()
        .map(|c| {
            let facts = gathered.get(c.id).map(Facts::of_customer);
            (c.id, decide(c, facts.as_ref(), today))
        })
        .collect()
}

/// The first invoice of a customer (in the sense of the phase rules) when it is still open,
/// whatever the phase: the order check warns about it (seed 000, monitoring phase).
pub(crate) fn first_invoice_open(ledger: &Ledger, customer: CustomerId) -> Option<(InvoiceId, NaiveDate, Money)> {
    let facts = Facts::collect(ledger, &ledger.customer_balances(customer), |id| id == customer);
    let f = facts.get(&customer)?;
    let restart = f.restart();
    f.first_invoice(restart).filter(|i| i.open > Decimal::ZERO).map(|i| (i.id, i.due, Money::new(i.open, i.currency)))
}

// ----- the facts of one customer, gathered in one pass -----

/// One invoice, as far as the phase rules need it.
#[derive(Clone, Copy, Debug)]
struct Inv {
    id: InvoiceId,
    date: NaiveDate,
    due: NaiveDate,
    currency: Currency,
    amount: Decimal,
    credited: Decimal,
    open: Decimal,
    written_off: Option<NaiveDate>,
    /// The day it was settled in full (last payment or credit note), when nothing is open and it
    /// was not written off.
    settled_on: Option<NaiveDate>,
}

impl Inv {
    /// Fully credited: never owed.
    fn void(&self) -> bool {
        self.credited >= self.amount
    }
}

#[derive(Debug, Default)]
struct Facts {
    invoices: Vec<Inv>,
    last_hand_over: Option<NaiveDate>,
    first_order: Option<(NaiveDate, Decimal)>,
    /// Credit decisions: (date, limit).
    decisions: Vec<(NaiveDate, Option<Decimal>)>,
}

impl Facts {
    fn collect(
        ledger: &Ledger,
        balances: &HashMap<InvoiceId, InvoiceBalance>,
        of: impl Fn(CustomerId) -> bool,
    ) -> HashMap<CustomerId, Facts> {
        let mut out: HashMap<CustomerId, Facts> = HashMap::new();
        let mut written_off: HashMap<InvoiceId, NaiveDate> = HashMap::new();
        for e in ledger.events().filter(|e| of(e.customer)) {
            let f = out.entry(e.customer).or_default();
            match &e.kind {
                EventKind::HandOver { .. } | EventKind::DunningDone { channel: Channel::HandOver, .. } => {
                    f.last_hand_over = f.last_hand_over.max(Some(e.date));
                }
                EventKind::Order { amount } if f.first_order.is_none_or(|(d, _)| e.date < d) => {
                    f.first_order = Some((e.date, *amount));
                }
                EventKind::LimitSet { limit, .. } => f.decisions.push((e.date, *limit)),
                EventKind::WrittenOff => {
                    if let Some(i) = e.invoice {
                        let d = written_off.entry(i).or_insert(e.date);
                        *d = (*d).min(e.date);
                    }
                }
                _ => {}
            }
        }
        let mut credit_dates: HashMap<InvoiceId, NaiveDate> = HashMap::new();
        for cn in ledger.invoices().filter(|i| of(i.customer)) {
            if let Some(target) = cn.credits {
                let d = credit_dates.entry(target).or_insert(cn.date);
                *d = (*d).max(cn.date);
            }
        }
        for inv in ledger.invoices().filter(|i| !i.is_credit_note() && of(i.customer)) {
            let Some(b) = balances.get(&inv.id) else { continue };
            let open = b.open();
            let settled = open.is_zero() && !b.written_off;
            let settled_on = settled.then(|| {
                b.last_payment.max(credit_dates.get(&inv.id).copied()).unwrap_or(inv.date)
            });
            out.entry(inv.customer).or_default().invoices.push(Inv {
                id: inv.id,
                date: inv.date,
                due: inv.due,
                currency: inv.amount.currency,
                amount: b.amount,
                credited: b.credited,
                open,
                written_off: if b.written_off && !settled { written_off.get(&inv.id).copied() } else { None },
                settled_on,
            });
        }
        out
    }

    /// The facts of one customer from what `gather` holds of it: every record, whatever its date.
    /// Per invoice: paid is the sum of its payment allocations and the last payment their latest
    /// date; credited the sum of its credit notes; written off when the diary has a write-off on
    /// it (the earliest one's date), as `Ledger::balances` and [`Facts::collect`] have them.
    fn of_customer(g: &behaviour::Facts<'_>) -> Facts {
        let mut f = Facts::default();
        for e in &g.events {
            match &e.kind {
                EventKind::HandOver { .. } | EventKind::DunningDone { channel: Channel::HandOver, .. } => {
                    f.last_hand_over = f.last_hand_over.max(Some(e.date));
                }
                EventKind::Order { amount } if f.first_order.is_none_or(|(d, _)| e.date < d) => {
                    f.first_order = Some((e.date, *amount));
                }
                EventKind::LimitSet { limit, .. } => f.decisions.push((e.date, *limit)),
                _ => {}
            }
        }
        f.invoices.reserve(g.invoices.len());
        for i in &g.invoices {
            let inv = i.invoice;
            let (mut paid, mut credited) = (Decimal::ZERO, Decimal::ZERO);
            let (mut last_payment, mut last_credit) = (None, None);
            for s in &i.settlements {
                match s.by {
                    SettledBy::Payment(_) => {
                        paid += s.amount;
                        last_payment = last_payment.max(Some(s.date));
                    }
                    SettledBy::CreditNote(_) => {
                        credited += s.amount;
                        last_credit = last_credit.max(Some(s.date));
                    }
                }
            }
            let b = InvoiceBalance {
                amount: inv.amount.amount,
                paid,
                credited,
                disputed: false,
                written_off: i.written_off.is_some(),
                last_payment,
            };
            let open = b.open();
            let settled = open.is_zero() && !b.written_off;
            f.invoices.push(Inv {
                id: inv.id,
                date: inv.date,
                due: inv.due,
                currency: inv.amount.currency,
                amount: b.amount,
                credited,
                open,
                written_off: if b.written_off && !settled { i.written_off } else { None },
                settled_on: settled.then(|| last_payment.max(last_credit).unwrap_or(inv.date)),
            });
        }
        f
    }

    /// When the claim handed over was paid in full: the day the last of its invoices was settled.
    /// `None` while something of it is open or was written off after the hand-over.
    fn paid_after(&self, hand_over: NaiveDate) -> Option<NaiveDate> {
        let mut paid_on = None;
        for i in self.invoices.iter().filter(|i| i.date <= hand_over) {
            if i.open > Decimal::ZERO || i.written_off.is_some_and(|w| w >= hand_over) {
                return None;
            }
            paid_on = paid_on.max(i.settled_on);
        }
        Some(paid_on.unwrap_or(hand_over).max(hand_over))
    }

    /// The day the history starts again: the first credit decision after a claim handed over
    /// was paid in full.
    fn restart(&self) -> Option<NaiveDate> {
        let paid_on = self.paid_after(self.last_hand_over?)?;
        self.decisions.iter().map(|(d, _)| *d).filter(|d| *d >= paid_on).min()
    }

    /// The first invoice from `restart` on that was ever owed.
    fn first_invoice(&self, restart: Option<NaiveDate>) -> Option<&Inv> {
        self.invoices
            .iter()
            .filter(|i| !i.void() && restart.is_none_or(|r| i.date >= r))
            .min_by_key(|i| (i.date, i.id))
    }
}

/// Adds `amount` to the entry of `currency`, keeping the list sorted by currency.
fn add_to(amounts: &mut Vec<Money>, amount: Decimal, currency: Currency) {
    match amounts.binary_search_by(|m| m.currency.cmp(&currency)) {
        Ok(k) => amounts[k].amount += amount,
        Err(k) => amounts.insert(k, Money::new(amount, currency)),
    }
}

fn decide(c: &Customer, facts: Option<&Facts>, today: NaiveDate) -> PhaseInfo {
    let empty = Facts::default();
    let f = facts.unwrap_or(&empty);
    let info = |phase, reason, since| PhaseInfo { phase, reason, since };

    // 1. Collection.
    let paid_after = f.last_hand_over.map(|h| (h, f.paid_after(h)));
    if c.flags.handed_over || matches!(paid_after, Some((_, None))) {
        if let (true, Some((date, Some(paid_on)))) = (c.flags.handed_over, paid_after) {
            return info(Phase::Collection, PhaseReason::PaidAfterHandOver { date, paid_on }, Some(date));
        }
        let mut open = Vec::new();
        for i in f.invoices.iter().filter(|i| i.open > Decimal::ZERO) {
            add_to(&mut open, i.open, i.currency);
        }
        return info(Phase::Collection, PhaseReason::HandedOver { date: f.last_hand_over, open }, f.last_hand_over);
    }

    // 2. Management.
    let mut overdue: Vec<&Inv> = f.invoices.iter().filter(|i| i.open > Decimal::ZERO && i.due < today).collect();
    if !overdue.is_empty() {
        overdue.sort_by_key(|i| (i.due, i.id));
        let mut amounts = Vec::new();
        for i in &overdue {
            add_to(&mut amounts, i.open, i.currency);
        }
        let oldest = overdue[0].due;
        return info(
            Phase::Management,
            PhaseReason::Overdue {
                invoices: overdue.iter().map(|i| i.id).collect(),
                amounts,
                oldest_days: (today - oldest).num_days(),
            },
            oldest.succ_opt(),
        );
    }

    // 3. Back in Acceptance after a claim handed over was paid.
    let restart = f.restart();
    if let (Some((handed_over, Some(paid_on))), None) = (paid_after, restart) {
        return info(Phase::Acceptance, PhaseReason::BackAfterCollection { handed_over, paid_on }, Some(paid_on));
    }

    // 4 and 5. Monitoring.
    if let Some(first) = f.first_invoice(restart) {
        if first.open > Decimal::ZERO {
            let reason =
                PhaseReason::FirstInvoiceUnpaid { invoice: first.id, due: first.due, open: Money::new(first.open, first.currency) };
            return info(Phase::Monitoring, reason, Some(first.date));
        }
        let current = f.invoices.iter().filter(|i| restart.is_none_or(|r| i.date >= r));
        let mut amounts = Vec::new();
        let mut count = 0;
        let mut next_due: Option<NaiveDate> = None;
        let mut last_paid: Option<NaiveDate> = None;
        let mut back_on_track = first.settled_on;
        for i in current {
            if i.open > Decimal::ZERO {
                count += 1;
                add_to(&mut amounts, i.open, i.currency);
                next_due = Some(next_due.map_or(i.due, |d| d.min(i.due)));
            }
            if let Some(s) = i.settled_on {
                last_paid = last_paid.max(Some(s));
                if s > i.due {
                    back_on_track = back_on_track.max(Some(s));
                }
            }
        }
        let reason = match next_due {
            Some(next_due) => PhaseReason::OpenNotDue { invoices: count, amounts, next_due },
            None => PhaseReason::AllPaid { last_paid },
        };
        return info(Phase::Monitoring, reason, back_on_track);
    }

    // 6. Acceptance.
    if let Some(&(date, limit)) = f.decisions.iter().filter(|(d, _)| restart.is_none_or(|r| *d >= r)).max_by_key(|(d, _)| *d) {
        let since = f.first_order.map_or(date, |(o, _)| o.min(date));
        return info(Phase::Acceptance, PhaseReason::CreditDecided { date: Some(date), limit }, Some(since));
    }
    if let Some((date, amount)) = f.first_order {
        return info(Phase::Acceptance, PhaseReason::Ordered { date, amount }, Some(date));
    }
    if c.credit_limit.is_some() || c.flags.prepayment_required {
        return info(Phase::Acceptance, PhaseReason::CreditDecided { date: None, limit: c.credit_limit }, None);
    }

    // 7. Prospect.
    info(Phase::Prospect, PhaseReason::NoInvoices, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Allocation, Customer, Event, Invoice, Payment};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::eur(s.parse().unwrap())
    }

    fn pay(l: &mut Ledger, c: CustomerId, date: NaiveDate, inv: InvoiceId, amount: &str) {
        let a = Allocation { invoice: inv, amount: amount.parse().unwrap() };
        l.add_payment(Payment::new(c, date, eur(amount), vec![a]).unwrap()).unwrap();
    }

    #[test]
    fn restart_needs_a_decision_after_the_payment() {
        let mut l = Ledger::new();
        let c = l.add_customer(Customer::new("D1", "A")).unwrap();
        let i = l.add_invoice(Invoice::new("F1", c, d(2026, 1, 1), 30, eur("100"))).unwrap();
        l.add_event(Event::new(c, None, d(2026, 4, 1), EventKind::HandOver { agency: "X".into(), amount: "120".parse().unwrap() }))
            .unwrap();
        pay(&mut l, c, d(2026, 5, 1), i, "100");
        // A decision before the payment does not count.
        let mut e = Event::new(c, None, d(2026, 4, 15), EventKind::LimitSet { limit: Some(Decimal::from(500)), by: "me".into() });
        e.note = "before".into();
        l.add_event(e).unwrap();
        let p = phase(&l, c, d(2026, 6, 1)).unwrap();
        assert_eq!(p.reason, PhaseReason::BackAfterCollection { handed_over: d(2026, 4, 1), paid_on: d(2026, 5, 1) });
        let mut e = Event::new(c, None, d(2026, 6, 2), EventKind::LimitSet { limit: Some(Decimal::from(500)), by: "me".into() });
        e.note = "new check".into();
        l.add_event(e).unwrap();
        let p = phase(&l, c, d(2026, 6, 3)).unwrap();
        assert_eq!(p.reason, PhaseReason::CreditDecided { date: Some(d(2026, 6, 2)), limit: Some(Decimal::from(500)) });
        // The first invoice after the new decision is followed again.
        let j = l.add_invoice(Invoice::new("F2", c, d(2026, 6, 10), 30, eur("50"))).unwrap();
        let p = phase(&l, c, d(2026, 6, 20)).unwrap();
        assert_eq!(p.phase, Phase::Monitoring);
        assert!(matches!(p.reason, PhaseReason::FirstInvoiceUnpaid { invoice, .. } if invoice == j));
    }

    #[test]
    fn checklists_are_not_empty_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for p in Phase::ALL {
            assert!(!checklist(p).is_empty());
            for item in checklist(p) {
                assert!(seen.insert(*item), "{item:?} twice");
            }
        }
    }
}
