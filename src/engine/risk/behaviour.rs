//! How a customer pays (DOMAIN.md section 6): the days late of each invoice, the amount-weighted
//! delay, a grade A-D and a 0-100 score, the trend over the last 3, 6 and 12 months, and a
//! monthly history for a small chart.
//!
//! The rules, applied "as of" a date (today, or a month end for the history). Records dated after
//! that date do not exist yet: this is the ledger as it was then.
//!
//! - **Owed**: the invoice amount less its credit notes dated on or before the as-of date. Credit
//!   notes correct the invoice, so a fully credited invoice is not "paid late": it was never owed
//!   and does not count at all. A partly credited invoice counts with what was left to pay.
//! - **Paid**: an invoice is settled on the date its payments (allocations, in date order) first
//!   cover what is owed. Days late = that date − the due date (negative = early).
//! - **Written off** without being paid: days late up to the write-off date (not less than 0).
//! - **Still open and overdue** (due before the as-of date): days late up to the as-of date.
//! - Not yet due and not paid: does not count yet.
//! - **Weighted delay** = Σ(owed × days late) / Σ owed, rounded to one decimal (half away from
//!   zero). The grade and the score are taken from this rounded figure, so what is shown and
//!   what is graded agree.
//! - **Currencies**: delays are days; amounts only weigh them. Owed amounts in different
//!   currencies are used as weights as they are (100 USD weighs like 100 EUR); no money total
//!   across currencies is computed or shown. Each [`DelayItem`] keeps its own currency.
//! - Unallocated payments say nothing about which invoice was paid and are not used.
//!
//! [`all_behaviour`] gathers the ledger per customer in one pass over the invoices, payments and
//! diary, so it stays fast on a ledger of 50,000 invoices.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::Grade;
use crate::engine::Pass;
use crate::domain::{CustomerId, Event, EventKind, Invoice, InvoiceId, Ledger, Money, Payment, PaymentId, RiskSettings};

/// Score 100 at this many days late or earlier (5 days early).
pub const SCORE_BEST_DAYS: i64 = -5;
/// Score 0 at this many days late or later.
pub const SCORE_ZERO_DAYS: i64 = 60;

/// The trend windows, in months back from the as-of date.
pub const TREND_MONTHS: [u32; 3] = [3, 6, 12];

// ----- what the ledger holds about one customer, gathered once -----

/// What took something off an invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SettledBy {
    CreditNote(InvoiceId),
    Payment(PaymentId),
}

/// A payment allocation or credit note on one invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Settlement {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub by: SettledBy,
}

/// One invoice (not a credit note) with everything that settled it, in date order.
#[derive(Clone, Debug)]
pub(crate) struct InvoiceFacts<'a> {
    pub invoice: &'a Invoice,
    /// Payment allocations and credit notes, ordered by (date, credit notes first, id).
    pub settlements: Vec<Settlement>,
    /// The earliest write-off entry on the invoice.
    pub written_off: Option<NaiveDate>,
}

impl InvoiceFacts<'_> {
    /// What is still open on `t` (0 before the invoice date and after a write-off).
    pub fn open_at(&self, t: NaiveDate) -> Decimal {
        if self.invoice.date > t || self.written_off.is_some_and(|w| w <= t) {
            return Decimal::ZERO;
        }
        let settled: Decimal = self.settlements.iter().take_while(|s| s.date <= t).map(|s| s.amount).sum();
        (self.invoice.amount.amount - settled).max(Decimal::ZERO)
    }

    /// The first date on which nothing was open any more (payments and credit notes together
    /// covering the amount, or a write-off), looking only at records up to `as_of`. `None`
    /// while it is still open on `as_of`. (The computations read it through
    /// [`InvoiceFacts::on`]; this is the definition that one is tested against.)
    #[cfg(test)]
    pub fn closed_on(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        let write_off = self.written_off.filter(|w| *w <= as_of);
        let mut settled = Decimal::ZERO;
        for s in self.settlements.iter().take_while(|s| s.date <= as_of) {
            settled += s.amount;
            if settled >= self.invoice.amount.amount {
                return Some(write_off.map_or(s.date, |w| w.min(s.date)));
            }
        }
        write_off
    }

    /// The invoice's days late as of `as_of` by the rules of the module, or `None` when it does
    /// not count (not yet invoiced, fully credited, or not yet due and not paid).
    pub fn delay_at(&self, as_of: NaiveDate) -> Option<DelayItem> {
        if self.invoice.date > as_of {
            return None;
        }
        let upto = &self.settlements[..self.settlements.partition_point(|s| s.date <= as_of)];
        let credited: Decimal =
            upto.iter().filter(|s| matches!(s.by, SettledBy::CreditNote(_))).map(|s| s.amount).sum();
        self.delay_from(as_of, upto, credited)
    }

    /// [`InvoiceFacts::delay_at`] of an invoice dated on or before `as_of`, given its settlements
    /// up to `as_of` (`upto`) and the credit notes among them (`credited`).
    fn delay_from(&self, as_of: NaiveDate, upto: &[Settlement], credited: Decimal) -> Option<DelayItem> {
        let inv = self.invoice;
        let owed = inv.amount.amount - credited;
        if owed <= Decimal::ZERO {
            return None;
        }
        let item = |days_late: i64, state: ItemState| DelayItem {
            invoice: inv.id,
            due: inv.due,
            owed: Money::new(owed, inv.amount.currency),
            days_late,
            state,
        };
        let mut paid = Decimal::ZERO;
        for s in upto {
            if let SettledBy::Payment(payment) = s.by {
                paid += s.amount;
                if paid >= owed {
                    return Some(item(days(inv.due, s.date), ItemState::Paid { on: s.date, payment }));
                }
            }
        }
        if let Some(w) = self.written_off.filter(|w| *w <= as_of) {
            return Some(item(days(inv.due, w).max(0), ItemState::WrittenOff { on: w }));
        }
        (inv.due < as_of).then(|| item(days(inv.due, as_of), ItemState::Overdue))
    }
}

impl InvoiceFacts<'_> {
    /// The invoice on `t`: [`InvoiceFacts::open_at`], [`InvoiceFacts::delay_at`] and
    /// [`InvoiceFacts::closed_on`], from one walk through its settlements.
    pub fn on(&self, t: NaiveDate) -> OnDay {
        let inv = self.invoice;
        let amount = inv.amount.amount;
        let write_off = self.written_off.filter(|w| *w <= t);
        let (mut settled, mut credited, mut closed, mut n) = (Decimal::ZERO, Decimal::ZERO, None, 0);
        for s in &self.settlements {
            if s.date > t {
                break;
            }
            n += 1;
            settled += s.amount;
            if let SettledBy::CreditNote(_) = s.by {
                credited += s.amount;
            }
            if closed.is_none() && settled >= amount {
                closed = Some(write_off.map_or(s.date, |w| w.min(s.date)));
            }
        }
        let before = inv.date > t;
        OnDay {
            open: if before || write_off.is_some() { Decimal::ZERO } else { (amount - settled).max(Decimal::ZERO) },
            delay: if before { None } else { self.delay_from(t, &self.settlements[..n], credited) },
            closed_on: closed.or(write_off),
        }
    }
}

/// Everything about one customer: invoices by (due date, id), payments and diary entries by
/// (date, id).
#[derive(Clone, Debug, Default)]
pub(crate) struct Facts<'a> {
    pub invoices: Vec<InvoiceFacts<'a>>,
    pub payments: Vec<&'a Payment>,
    pub events: Vec<&'a Event>,
    /// Position of each invoice in `invoices`, by invoice id (sorted).
    index: Vec<(InvoiceId, usize)>,
}

impl<'a> Facts<'a> {
    /// The customer's invoices with their delays as of `as_of`, by due date.
    pub fn delays(&self, as_of: NaiveDate) -> Vec<DelayItem> {
        self.invoices.iter().filter_map(|f| f.delay_at(as_of)).collect()
    }

    pub fn invoice(&self, id: InvoiceId) -> Option<&InvoiceFacts<'a>> {
        let k = self.index.binary_search_by_key(&id, |(i, _)| *i).ok()?;
        self.invoices.get(self.index[k].1)
    }
}

/// The facts of every customer gathered by [`gather`], found by customer id through a vector
/// (ids are small, dense numbers).
#[derive(Debug, Default)]
pub(crate) struct Gathered<'a> {
    /// The position in `customers` of each customer's facts, by customer id (`u32::MAX`: none).
    slot_of: Vec<u32>,
    customers: Vec<(CustomerId, Facts<'a>)>,
}

impl<'a> Gathered<'a> {
    /// The position of `c`'s facts in [`Gathered::slots`], when the ledger holds anything of it.
    pub fn slot(&self, c: CustomerId) -> Option<usize> {
        let s = *self.slot_of.get(c.0 as usize)?;
        (s != u32::MAX).then_some(s as usize)
    }

    pub fn get(&self, c: CustomerId) -> Option<&Facts<'a>> {
        self.slot(c).map(|s| &self.customers[s].1)
    }

    /// Every customer with facts, with its facts.
    pub fn slots(&self) -> &[(CustomerId, Facts<'a>)] {
        &self.customers
    }

    /// The facts of `c` (empty when there are none), taking them out.
    pub fn take(mut self, c: CustomerId) -> Facts<'a> {
        match self.slot(c) {
            Some(s) => std::mem::take(&mut self.customers[s].1),
            None => Facts::default(),
        }
    }
}

/// Gathers the ledger per customer (or for `only` one customer) in one pass over the invoices,
/// one over the payments and one over the diary. Customers and invoices are found through
/// vectors indexed by their ids (small, dense numbers) rather than hash maps: on 100,000 invoices
/// the hashing was most of the cost.
pub(crate) fn gather(ledger: &Ledger, only: Option<CustomerId>) -> Gathered<'_> {
    let wanted = |c: CustomerId| only.is_none_or(|o| o == c);
    let (max_customer, max_invoice, _, _) = ledger.max_ids();
    // The position in `all` of each customer's facts, by customer id.
    let mut slot_of: Vec<u32> = vec![u32::MAX; max_customer as usize + 1];
    let mut all: Vec<(CustomerId, Facts<'_>)> = Vec::new();
    let mut slot = |all: &mut Vec<(CustomerId, Facts<'_>)>, c: CustomerId| -> Option<usize> {
        let s = slot_of.get_mut(c.0 as usize)?;
        if *s == u32::MAX {
            *s = all.len() as u32;
            all.push((c, Facts::default()));
        }
        Some(*s as usize)
    };
    // (slot, position in its invoices) of each invoice, by invoice id.
    let mut at: Vec<Option<(usize, usize)>> = vec![None; max_invoice as usize + 1];
    // The credit notes, kept from the one walk through the invoices for after it (their invoice
    // may come later in it).
    let mut credit_notes: Vec<&Invoice> = Vec::new();
    for inv in ledger.invoices().filter(|i| wanted(i.customer)) {
        if inv.is_credit_note() {
            credit_notes.push(inv);
            continue;
        }
        let Some(k) = slot(&mut all, inv.customer) else { continue };
        let facts = &mut all[k].1;
        if let Some(a) = at.get_mut(inv.id.0 as usize) {
            *a = Some((k, facts.invoices.len()));
        }
        facts.invoices.push(InvoiceFacts { invoice: inv, settlements: Vec::new(), written_off: None });
    }
    let find = |at: &[Option<(usize, usize)>], target: InvoiceId| at.get(target.0 as usize).copied().flatten();
    for cn in credit_notes {
        if let Some((k, i)) = cn.credits.and_then(|t| find(&at, t)) {
            let s = Settlement { date: cn.date, amount: cn.amount.amount, by: SettledBy::CreditNote(cn.id) };
            all[k].1.invoices[i].settlements.push(s);
        }
    }
    for p in ledger.payments().filter(|p| wanted(p.customer)) {
        if let Some(k) = slot(&mut all, p.customer) {
            all[k].1.payments.push(p);
        }
        for a in p.allocations() {
            if let Some((k, i)) = find(&at, a.invoice) {
                let s = Settlement { date: p.date, amount: a.amount, by: SettledBy::Payment(p.id) };
                all[k].1.invoices[i].settlements.push(s);
            }
        }
    }
    for e in ledger.events().filter(|e| wanted(e.customer)) {
        let Some(k) = slot(&mut all, e.customer) else { continue };
        all[k].1.events.push(e);
        if let (EventKind::WrittenOff, Some((k, i))) = (&e.kind, e.invoice.and_then(|t| find(&at, t))) {
            let f = &mut all[k].1.invoices[i];
            f.written_off = Some(f.written_off.map_or(e.date, |w| w.min(e.date)));
        }
    }
    for (_, facts) in &mut all {
        for f in &mut facts.invoices {
            if f.settlements.len() > 1 {
                f.settlements.sort_by_key(|s| (s.date, s.by));
            }
        }
        facts.invoices.sort_by_key(|f| (f.invoice.due, f.invoice.id));
        facts.index = facts.invoices.iter().enumerate().map(|(i, f)| (f.invoice.id, i)).collect();
        facts.index.sort_unstable();
        facts.payments.sort_by_key(|p| (p.date, p.id));
        facts.events.sort_by_key(|e| (e.date, e.id));
    }
    Gathered { slot_of, customers: all }
}

/// What one invoice is on one day: what is open and how it counts in the behaviour.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OnDay {
    /// [`InvoiceFacts::open_at`].
    pub open: Decimal,
    /// [`InvoiceFacts::delay_at`].
    pub delay: Option<DelayItem>,
    /// [`InvoiceFacts::closed_on`].
    pub closed_on: Option<NaiveDate>,
}

/// Each invoice of `facts` (in its order) on `day`.
pub(crate) fn on_day(facts: &Facts<'_>, day: NaiveDate) -> Vec<OnDay> {
    facts.invoices.iter().map(|f| f.on(day)).collect()
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

// ----- results -----

/// How an invoice counts in the behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemState {
    /// Payments covered what was owed on `on`, the last of them being `payment`.
    Paid { on: NaiveDate, payment: PaymentId },
    /// Written off on `on` without being paid.
    WrittenOff { on: NaiveDate },
    /// Still open and past its due date on the as-of date.
    Overdue,
}

/// One invoice in the behaviour: its weight and days late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DelayItem {
    pub invoice: InvoiceId,
    pub due: NaiveDate,
    /// What was owed (amount less credit notes), in the invoice's currency: the weight.
    pub owed: Money,
    /// Days after the due date it was paid (negative: early), or is overdue.
    pub days_late: i64,
    pub state: ItemState,
}

/// The weighted delay over the invoices due in the last 3, 6 and 12 months (`None`: no
/// invoice due in that window).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Trend {
    pub months3: Option<Decimal>,
    pub months6: Option<Decimal>,
    pub months12: Option<Decimal>,
}

/// How a customer pays, as of a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behaviour {
    pub customer: CustomerId,
    pub as_of: NaiveDate,
    /// Amount-weighted days late over all counted invoices, one decimal; `None` when no invoice
    /// counts yet (nothing paid and nothing overdue).
    pub delay: Option<Decimal>,
    pub grade: Option<Grade>,
    /// 0-100, see [`score_for`].
    pub score: Option<u8>,
    /// Invoices counted as paid, written off, and still overdue.
    pub paid: usize,
    pub written_off: usize,
    pub overdue: usize,
    pub trend: Trend,
    /// The counted invoices, by due date: the evidence of the figures above.
    pub items: Vec<DelayItem>,
}

/// One month of the history: the behaviour as it stood at the end of that month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryPoint {
    pub month_end: NaiveDate,
    pub delay: Option<Decimal>,
    pub grade: Option<Grade>,
    /// Number of invoices counted at that date.
    pub items: usize,
}

// ----- the formulas -----

/// Σ(owed × days late) / Σ owed, rounded to one decimal; `None` for no items.
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use stipt::domain::{InvoiceId, Money};
/// use stipt::engine::risk::behaviour::{weighted_delay, DelayItem, ItemState};
/// let due = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
/// let item = |amount: i64, days_late| DelayItem {
///     invoice: InvoiceId(1), due, owed: Money::eur(Decimal::from(amount)), days_late, state: ItemState::Overdue,
/// };
/// // (1000 × 10 + 3000 × 30) / 4000 = 25
/// assert_eq!(weighted_delay(&[item(1000, 10), item(3000, 30)]), Some(Decimal::from(25)));
/// ```
pub fn weighted_delay(items: &[DelayItem]) -> Option<Decimal> {
    let weight: Decimal = items.iter().map(|i| i.owed.amount).sum();
    if weight <= Decimal::ZERO {
        return None;
    }
    let total: Decimal = items.iter().map(|i| i.owed.amount * Decimal::from(i.days_late)).sum();
    Some((total / weight).round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize())
}

/// The grade of a weighted delay: A up to `grade_a_max` days (inclusive), B up to `grade_b_max`,
/// C up to `grade_c_max`, D above.
pub fn grade_for(delay: Decimal, settings: &RiskSettings) -> Grade {
    if delay <= Decimal::from(settings.grade_a_max) {
        Grade::A
    } else if delay <= Decimal::from(settings.grade_b_max) {
        Grade::B
    } else if delay <= Decimal::from(settings.grade_c_max) {
        Grade::C
    } else {
        Grade::D
    }
}

/// The 0-100 score of a weighted delay: 100 at [`SCORE_BEST_DAYS`] (5 days early) or earlier,
/// falling in a straight line to 0 at [`SCORE_ZERO_DAYS`] (60 days late) or later, rounded to a
/// whole number (half away from zero): `100 × (60 − delay) / 65`, clamped to 0-100. On time (0
/// days) scores 92, 15 days late 69, 30 days late 46.
pub fn score_for(delay: Decimal) -> u8 {
    let best = Decimal::from(SCORE_BEST_DAYS);
    let zero = Decimal::from(SCORE_ZERO_DAYS);
    if delay <= best {
        return 100;
    }
    if delay >= zero {
        return 0;
    }
    let s = (Decimal::ONE_HUNDRED * (zero - delay) / (zero - best))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    s.to_u8().unwrap_or(0).min(100)
}

/// The behaviour computed from one customer's facts.
pub(crate) fn behaviour_of(customer: CustomerId, facts: &Facts<'_>, as_of: NaiveDate, settings: &RiskSettings) -> Behaviour {
    behaviour_from(customer, facts.delays(as_of), as_of, settings)
}

/// The items of `day` ([`on_day`] of one customer) that count, in order.
pub(crate) fn items_of(day: &[OnDay]) -> Vec<DelayItem> {
    day.iter().filter_map(|d| d.delay).collect()
}

/// The behaviour of one customer from its counted invoices (by due date) as of `as_of`.
pub(crate) fn behaviour_from(customer: CustomerId, items: Vec<DelayItem>, as_of: NaiveDate, settings: &RiskSettings) -> Behaviour {
    let delay = weighted_delay(&items);
    let window = |months: u32| {
        let from = as_of.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN);
        let within: Vec<DelayItem> = items.iter().filter(|i| i.due > from && i.due <= as_of).copied().collect();
        weighted_delay(&within)
    };
    let count = |f: fn(&ItemState) -> bool| items.iter().filter(|i| f(&i.state)).count();
    Behaviour {
        customer,
        as_of,
        delay,
        grade: delay.map(|d| grade_for(d, settings)),
        score: delay.map(score_for),
        paid: count(|s| matches!(s, ItemState::Paid { .. })),
        written_off: count(|s| matches!(s, ItemState::WrittenOff { .. })),
        overdue: count(|s| matches!(s, ItemState::Overdue)),
        trend: Trend { months3: window(TREND_MONTHS[0]), months6: window(TREND_MONTHS[1]), months12: window(TREND_MONTHS[2]) },
        items,
    }
}

/// How `customer` pays as of `today` (an unknown customer or one without invoices gets a
/// behaviour without figures).
pub fn behaviour(ledger: &Ledger, customer: CustomerId, today: NaiveDate, settings: &RiskSettings) -> Behaviour {
    let facts = gather(ledger, Some(customer)).take(customer);
    behaviour_of(customer, &facts, today, settings)
}

/// The behaviour of every customer of the ledger, in one pass over the ledger.
pub fn all_behaviour(ledger: &Ledger, today: NaiveDate, settings: &RiskSettings) -> HashMap<CustomerId, Behaviour> {
    all_behaviour_with(&Pass::new(ledger), today, settings)
}

/// [`all_behaviour`] from a [`Pass`] over the ledger that other computations share.
pub fn all_behaviour_with(pass: &Pass<'_>, today: NaiveDate, settings: &RiskSettings) -> HashMap<CustomerId, Behaviour> {
    let facts = pass.facts();
    let day = pass.day(today);
    pass.ledger()
        .customers()
        .map(|c| {
            let items = facts.slot(c.id).map(|s| items_of(&day.invoices[s])).unwrap_or_default();
            (c.id, behaviour_from(c.id, items, today, settings))
        })
        .collect()
}

/// The last day of the month of `d`.
fn month_end(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first.checked_add_months(Months::new(1)).and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// The `months` most recent month ends on or before `today`, oldest first.
pub fn month_ends(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let mut end = if month_end(today) == today {
        today
    } else {
        today.with_day(1).and_then(|f| f.pred_opt()).unwrap_or(today)
    };
    let mut out = Vec::with_capacity(months as usize);
    for _ in 0..months {
        out.push(end);
        match end.with_day(1).and_then(|f| f.pred_opt()) {
            Some(prev) => end = prev,
            None => break,
        }
    }
    out.reverse();
    out
}

/// The behaviour of `customer` at the end of each of the last `months` months (the month ends on
/// or before `today`, oldest first), each computed from the ledger as it was on that date: only
/// invoices, payments, credit notes and write-offs dated on or before it.
pub fn grade_history(
    ledger: &Ledger,
    customer: CustomerId,
    today: NaiveDate,
    settings: &RiskSettings,
    months: u32,
) -> Vec<HistoryPoint> {
    let facts = gather(ledger, Some(customer)).take(customer);
    month_ends(today, months)
        .into_iter()
        .map(|month_end| {
            let items = facts.delays(month_end);
            let delay = weighted_delay(&items);
            HistoryPoint { month_end, delay, grade: delay.map(|d| grade_for(d, settings)), items: items.len() }
        })
        .collect()
}

/// A small ledger builder for the tests of this module and of `signals`.
#[cfg(test)]
pub(crate) mod book {
    use std::str::FromStr;

    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use crate::domain::{
        Allocation, Currency, Customer, CustomerId, Event, EventId, EventKind, Invoice, InvoiceId, Ledger, Money,
        Payment, PaymentId,
    };

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    pub fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A ledger with one customer `c`.
    pub struct Book {
        pub l: Ledger,
        pub c: CustomerId,
    }

    impl Book {
        pub fn new() -> Book {
            let mut l = Ledger::new();
            let c = l.add_customer(Customer::new("D1", "Klant")).unwrap();
            Book { l, c }
        }
        /// An invoice dated 30 days before its due date.
        pub fn invoice(&mut self, number: &str, due: NaiveDate, amount: &str) -> InvoiceId {
            self.invoice_in(number, due, amount, "EUR")
        }
        pub fn invoice_in(&mut self, number: &str, due: NaiveDate, amount: &str, currency: &str) -> InvoiceId {
            let money = Money::new(dec(amount), Currency::parse(currency).unwrap());
            let mut inv = Invoice::new(number, self.c, due - chrono::Duration::days(30), 30, money);
            inv.due = due;
            self.l.add_invoice(inv).unwrap()
        }
        /// A payment of exactly the allocated parts.
        pub fn pay(&mut self, on: NaiveDate, parts: &[(InvoiceId, &str)]) -> PaymentId {
            let total: Decimal = parts.iter().map(|(_, a)| dec(a)).sum();
            self.pay_total(on, &total.to_string(), parts)
        }
        /// A payment of `total`, of which `parts` are allocated.
        pub fn pay_total(&mut self, on: NaiveDate, total: &str, parts: &[(InvoiceId, &str)]) -> PaymentId {
            let currency = parts.first().map_or(Currency::EUR, |(i, _)| self.l.invoice(*i).unwrap().amount.currency);
            let allocations = parts.iter().map(|(i, a)| Allocation { invoice: *i, amount: dec(a) }).collect();
            self.l.add_payment(Payment::new(self.c, on, Money::new(dec(total), currency), allocations).unwrap()).unwrap()
        }
        pub fn credit(&mut self, number: &str, target: InvoiceId, on: NaiveDate, amount: &str) -> InvoiceId {
            let t = self.l.invoice(target).unwrap().clone();
            let cn = Invoice::credit_note(number, &t, on, Money::new(dec(amount), t.amount.currency));
            self.l.add_invoice(cn).unwrap()
        }
        pub fn event(&mut self, invoice: Option<InvoiceId>, on: NaiveDate, kind: EventKind) -> EventId {
            self.l.add_event(Event::new(self.c, invoice, on, kind)).unwrap()
        }
        pub fn write_off(&mut self, target: InvoiceId, on: NaiveDate) -> EventId {
            self.event(Some(target), on, EventKind::WrittenOff)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::book::{day, dec, Book};
    use super::*;
    use crate::domain::Customer;

    impl Book {
        fn behaviour(&self, today: NaiveDate) -> Behaviour {
            behaviour(&self.l, self.c, today, &RiskSettings::default())
        }
    }

    #[test]
    fn weighted_delay_worked_example() {
        // Three invoices, as of 1 March 2026:
        //   A € 1.000 due 1 Jan, paid 11 Jan:                10 days late
        //   B € 3.000 due 1 Jan, paid in two parts, the last on 31 Jan: 30 days late
        //   C €   500 due 9 Feb, still open on 1 Mar:        20 days late
        //   D €   800 due 15 Mar, not yet due:               not counted
        // (1000 × 10 + 3000 × 30 + 500 × 20) / 4500 = 110000 / 4500 = 24.44 -> 24.4, grade C.
        let mut b = Book::new();
        let a = b.invoice("A", day(2026, 1, 1), "1000");
        let bb = b.invoice("B", day(2026, 1, 1), "3000");
        b.invoice("C", day(2026, 2, 9), "500");
        b.invoice("D", day(2026, 3, 15), "800");
        b.pay(day(2026, 1, 11), &[(a, "1000"), (bb, "1000")]);
        let last = b.pay(day(2026, 1, 31), &[(bb, "2000")]);
        let beh = b.behaviour(day(2026, 3, 1));
        assert_eq!(beh.delay, Some(dec("24.4")));
        assert_eq!(beh.grade, Some(Grade::C));
        assert_eq!(beh.score, Some(55)); // 100 × (60 − 24.4) / 65 = 54.77
        assert_eq!((beh.paid, beh.overdue, beh.written_off), (2, 1, 0));
        let b_item = beh.items.iter().find(|i| i.invoice == bb).unwrap();
        assert_eq!(b_item.days_late, 30);
        assert_eq!(b_item.state, ItemState::Paid { on: day(2026, 1, 31), payment: last });
    }

    #[test]
    fn no_data_no_figures() {
        let mut b = Book::new();
        let beh = b.behaviour(day(2026, 3, 1));
        assert_eq!((beh.delay, beh.grade, beh.score), (None, None, None));
        // An invoice not yet due does not count either.
        b.invoice("A", day(2026, 4, 1), "100");
        let beh = b.behaviour(day(2026, 3, 1));
        assert_eq!((beh.delay, beh.grade, beh.score), (None, None, None));
        // An unknown customer.
        let beh = behaviour(&b.l, CustomerId(99), day(2026, 3, 1), &RiskSettings::default());
        assert!(beh.delay.is_none() && beh.items.is_empty());
    }

    #[test]
    fn early_payment_counts_negative() {
        let mut b = Book::new();
        let a = b.invoice("A", day(2026, 2, 10), "100");
        b.pay(day(2026, 2, 3), &[(a, "100")]);
        let beh = b.behaviour(day(2026, 2, 5));
        assert_eq!(beh.delay, Some(dec("-7")));
        assert_eq!(beh.grade, Some(Grade::A));
        assert_eq!(beh.score, Some(100));
    }

    #[test]
    fn credit_notes_are_corrections_not_payments() {
        type Ops = &'static [(&'static str, u32, &'static str)];
        let rows: [(&str, Ops, Option<i64>, Option<&str>); 4] = [
            // (name, [(kind, day of March, amount)], days late, weight)
            ("fully credited: not counted", &[("credit", 20, "100")], None, None),
            ("credited after paying the rest on time", &[("pay", 1, "70"), ("credit", 25, "30")], Some(0), Some("70")),
            ("credited, rest paid late", &[("credit", 5, "30"), ("pay", 11, "70")], Some(10), Some("70")),
            ("partly credited, rest open", &[("credit", 5, "30")], Some(30), Some("70")),
        ];
        for (name, ops, late, weight) in rows {
            let mut b = Book::new();
            let a = b.invoice("A", day(2026, 3, 1), "100");
            for (n, (kind, d, amount)) in ops.iter().enumerate() {
                if *kind == "pay" {
                    b.pay(day(2026, 3, *d), &[(a, amount)]);
                } else {
                    b.credit(&format!("C{n}"), a, day(2026, 3, *d), amount);
                }
            }
            let beh = b.behaviour(day(2026, 3, 31));
            assert_eq!(beh.items.first().map(|i| i.days_late), late, "row {name}");
            assert_eq!(beh.items.first().map(|i| i.owed.amount), weight.map(dec), "row {name}");
        }
    }

    #[test]
    fn write_off_freezes_the_delay() {
        let mut b = Book::new();
        let a = b.invoice("A", day(2026, 1, 1), "100");
        b.write_off(a, day(2026, 2, 10));
        let beh = b.behaviour(day(2026, 6, 1));
        assert_eq!(beh.items[0].days_late, 40);
        assert_eq!(beh.items[0].state, ItemState::WrittenOff { on: day(2026, 2, 10) });
        // Before the write-off it was simply overdue.
        let beh = b.behaviour(day(2026, 1, 21));
        assert_eq!((beh.items[0].days_late, beh.items[0].state), (20, ItemState::Overdue));
    }

    #[test]
    fn currencies_weigh_but_are_never_added() {
        let mut b = Book::new();
        let a = b.invoice("A", day(2026, 1, 1), "100");
        let u = b.invoice_in("U", day(2026, 1, 1), "300", "USD");
        b.pay(day(2026, 1, 11), &[(a, "100")]);
        b.pay(day(2026, 1, 21), &[(u, "300")]);
        let beh = b.behaviour(day(2026, 2, 1));
        // (100 × 10 + 300 × 20) / 400 = 17.5
        assert_eq!(beh.delay, Some(dec("17.5")));
        assert_eq!(beh.items.iter().find(|i| i.invoice == u).unwrap().owed.currency.code(), "USD");
    }

    #[test]
    fn grade_boundaries_exactly_at_each_threshold() {
        let s = RiskSettings::default(); // A ≤ 0, B ≤ 15, C ≤ 30
        let rows = [
            ("-10", Grade::A),
            ("0", Grade::A),
            ("0.1", Grade::B),
            ("15", Grade::B),
            ("15.1", Grade::C),
            ("30", Grade::C),
            ("30.1", Grade::D),
            ("400", Grade::D),
        ];
        for (delay, grade) in rows {
            assert_eq!(grade_for(dec(delay), &s), grade, "row {delay}");
        }
        let s = RiskSettings { grade_a_max: 5, grade_b_max: 5, grade_c_max: 10, ..RiskSettings::default() };
        assert_eq!(grade_for(dec("5"), &s), Grade::A);
        assert_eq!(grade_for(dec("5.1"), &s), Grade::C);
    }

    #[test]
    fn score_formula_edges() {
        let rows = [
            ("-100", 100),
            ("-5", 100),
            ("-4.9", 100), // 100 × 64.9 / 65 = 99.85
            ("-4", 98),
            ("0", 92),
            ("15", 69),
            ("27.5", 50),
            ("30", 46),
            ("59", 2),
            ("59.7", 0), // 0.46
            ("60", 0),
            ("365", 0),
        ];
        for (delay, score) in rows {
            assert_eq!(score_for(dec(delay)), score, "row {delay}");
        }
    }

    #[test]
    fn trend_windows() {
        // As of 30 June 2026: invoices due in the last 3, 6 and 12 months paid 30, 10 and 0
        // days late; one older than 12 months paid 50 days late.
        let mut b = Book::new();
        let rows = [("A", day(2026, 5, 15), 30), ("B", day(2026, 2, 15), 10), ("C", day(2025, 9, 15), 0), ("D", day(2025, 3, 1), 50)];
        for (n, due, late) in rows {
            let id = b.invoice(n, due, "100");
            b.pay(due + chrono::Duration::days(late), &[(id, "100")]);
        }
        let beh = b.behaviour(day(2026, 6, 30));
        assert_eq!(beh.trend.months3, Some(dec("30")));
        assert_eq!(beh.trend.months6, Some(dec("20")));
        assert_eq!(beh.trend.months12, Some(dec("13.3")));
        assert_eq!(beh.delay, Some(dec("22.5")));
        // The window starts just after the same day 3 months back: due on 30 March is out.
        let e = b.invoice("E", day(2026, 3, 30), "100");
        b.pay(day(2026, 3, 30), &[(e, "100")]);
        assert_eq!(b.behaviour(day(2026, 6, 30)).trend.months3, Some(dec("30")));
        let f = b.invoice("F", day(2026, 3, 31), "100");
        b.pay(day(2026, 3, 31), &[(f, "100")]);
        assert_eq!(b.behaviour(day(2026, 6, 30)).trend.months3, Some(dec("15")));
        // Nothing due in a window: no figure.
        let empty = Book::new();
        assert_eq!(empty.behaviour(day(2026, 6, 30)).trend, Trend::default());
    }

    #[test]
    fn history_uses_the_ledger_as_it_was() {
        // Due 31 Jan, paid 15 Mar: at the end of February it was 28 days overdue, at the end of
        // March it had been paid 43 days late. A second invoice appears only in March.
        let mut b = Book::new();
        let a = b.invoice("A", day(2026, 1, 31), "100");
        let later = b.invoice("B", day(2026, 3, 20), "100");
        b.pay(day(2026, 3, 15), &[(a, "100")]);
        b.pay(day(2026, 3, 18), &[(later, "100")]);
        let h = grade_history(&b.l, b.c, day(2026, 4, 10), &RiskSettings::default(), 4);
        let ends: Vec<NaiveDate> = h.iter().map(|p| p.month_end).collect();
        assert_eq!(ends, vec![day(2025, 12, 31), day(2026, 1, 31), day(2026, 2, 28), day(2026, 3, 31)]);
        assert_eq!((h[0].delay, h[0].grade, h[0].items), (None, None, 0));
        // On 31 January it is due that very day: not yet overdue.
        assert_eq!((h[1].delay, h[1].items), (None, 0));
        assert_eq!((h[2].delay, h[2].grade, h[2].items), (Some(dec("28")), Some(Grade::C), 1));
        // (43 + -2) / 2 = 20.5
        assert_eq!((h[3].delay, h[3].grade, h[3].items), (Some(dec("20.5")), Some(Grade::C), 2));
    }

    #[test]
    fn month_ends_table() {
        let rows = [
            (day(2026, 3, 31), 2, vec![day(2026, 2, 28), day(2026, 3, 31)]),
            (day(2026, 3, 30), 2, vec![day(2026, 1, 31), day(2026, 2, 28)]),
            (day(2024, 3, 1), 1, vec![day(2024, 2, 29)]),
            (day(2026, 1, 5), 0, vec![]),
        ];
        for (today, n, want) in rows {
            assert_eq!(month_ends(today, n), want, "row {today}");
        }
    }

    #[test]
    fn one_walk_on_a_day_equals_each_definition() {
        // Generated ledgers hold partial payments, credit notes (some for the whole amount),
        // write-offs and records after the day asked; the days run from before the first
        // invoice to after the last record.
        let end = day(2026, 3, 10);
        for seed in [1u64, 4, 9] {
            let l = crate::scale::generate(seed, 40, 800, end);
            let g = gather(&l, None);
            assert!(g.slots().iter().map(|(_, f)| f.invoices.len()).sum::<usize>() >= 800);
            for back in (-20..800).step_by(13) {
                let t = end - chrono::Duration::days(back);
                for (_, facts) in g.slots() {
                    for f in &facts.invoices {
                        let d = f.on(t);
                        assert_eq!(d.open, f.open_at(t), "open of {:?} on {t}", f.invoice.id);
                        assert_eq!(d.delay, f.delay_at(t), "delay of {:?} on {t}", f.invoice.id);
                        assert_eq!(d.closed_on, f.closed_on(t), "closed on of {:?} on {t}", f.invoice.id);
                    }
                }
            }
        }
    }

    #[test]
    fn all_behaviour_covers_every_customer() {
        let mut b = Book::new();
        let other = b.l.add_customer(Customer::new("D2", "Ander")).unwrap();
        let a = b.invoice("A", day(2026, 1, 1), "100");
        b.pay(day(2026, 1, 5), &[(a, "100")]);
        let all = all_behaviour(&b.l, day(2026, 2, 1), &RiskSettings::default());
        assert_eq!(all.len(), 2);
        assert_eq!(all[&b.c], b.behaviour(day(2026, 2, 1)));
        assert_eq!(all[&other].delay, None);
    }
}
