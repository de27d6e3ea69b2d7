//! The ten warning signals of DOMAIN.md section 6 (seeds 001 and 003): signs that a customer
//! will have trouble paying. Each [`Signal`] carries its severity, the date its condition first
//! became true, the amount at risk, and the [`Evidence`]: the records it rests on (invoices,
//! payments, diary entries) and the figures, as typed values. The sentences are in
//! `i18n::risk`.
//!
//! Every threshold comes from [`RiskSettings`]; a count threshold of 0 counts as 1. Only records
//! dated on or before `today` are used. "Within N days" means on or after `today − N days`.
//! Signals that count events without a window of their own in the settings (broken promises,
//! skipped payments, round amounts) look back [`LOOKBACK_MONTHS`] months, so that what happened
//! long ago stops warning.
//!
//! What each signal checks, and its severity. Signals closest to not paying at all (silence,
//! broken promises, a falling score, skipping invoices) start at Medium, the others at Low; each
//! is raised one level when its measure is twice the threshold (or as said):
//!
//! | # | kind | condition | severity |
//! | - | --- | --- | --- |
//! | 1 | [`SignalKind::NoCommunication`] | the last `silent_attempts` contact attempts in a row had outcome no answer / no response | Medium; High at twice as many |
//! | 2 | [`SignalKind::RecurringExcuses`] | the same excuse category at least `excuse_repeats` times within `excuse_window_days` (the category with the most) | Low; Medium at twice as many |
//! | 3 | [`SignalKind::BuyingLess`] | orders of the last 3 months below `buying_less_percent`% of the same 3 months a year before, or of the 3 months before | Low; Medium below half that share |
//! | 4 | [`SignalKind::BrokenPromises`] | at least `broken_promises` promises whose date has passed without payments of at least the promised amount from the promise up to and including the promised date | Medium; High at twice as many |
//! | 5 | [`SignalKind::LingeringDispute`] | a dispute on an invoice with something still open, open more than `dispute_days` days | Low; Medium over twice as long |
//! | 6 | [`SignalKind::LongerTerms`] | at least `extension_requests` requests for longer terms within `extension_window_days` | Low; Medium at twice as many |
//! | 7 | [`SignalKind::PatternChange`] | the average days late of the last 3 paid invoices exceeds the median of the ones before (at least 3) by more than `pattern_change_days` | Low; Medium beyond twice that |
//! | 8 | [`SignalKind::ScoreChange`] | the latest external score is at least `score_drop` points below the one before, or below `score_floor` | Medium; High when both, or a drop of twice `score_drop` |
//! | 9 | [`SignalKind::SkippedPayments`] | a payment settled an invoice while an invoice with an earlier due date was still open and overdue | Medium; High when two or more payments did so |
//! | 10 | [`SignalKind::RoundAmounts`] | at least `round_payments` payments in multiples of 50 that leave an invoice they pay still open | Low; Medium at twice as many |
//!
//! Notes: a customer with no order entries at all is measured by invoice amounts (signal 3);
//! promises count every payment of the customer in the promise's currency, whatever invoice it
//! went to (4); an older invoice counts as skipped even when it is disputed: the dispute has its
//! own signal (9); a payment "partly pays" when an invoice it is allocated to is still open right
//! after it, and a payment without allocations pays nothing (10).
//!
//! First seen: (1) the date of the attempt that completed the run; (2), (6), (10) the date of the
//! entry or payment that made the count reach the threshold; (3) the first day of the unbroken
//! run of days on which the condition held, up to a year back; (4) the day after the promised
//! date of the promise that made the count reach the threshold; (5) the day the oldest lingering
//! dispute passed the limit; (7) the payment date after which the condition has held ever since;
//! (8) the date of the latest score; (9) the date of the first skipping payment.
//!
//! Details per signal are on the [`Evidence`] variants. `all_signals` gathers the ledger per
//! customer in one pass.

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use chrono::{Duration, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::behaviour::{gather, on_day, Facts, ItemState, OnDay};
use crate::engine::Pass;
use crate::domain::{
    Channel, ContactOutcome, Currency, Customer, CustomerId, EventId, EventKind, ExcuseCategory, InvoiceId, Ledger,
    Money, PaymentId, RiskSettings,
};

/// How far back signals 4, 9 and 10 look.
pub const LOOKBACK_MONTHS: u32 = 12;

/// The ten warning signals, in the order of DOMAIN.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignalKind {
    NoCommunication,
    RecurringExcuses,
    BuyingLess,
    BrokenPromises,
    LingeringDispute,
    LongerTerms,
    PatternChange,
    ScoreChange,
    SkippedPayments,
    RoundAmounts,
}

impl SignalKind {
    pub const ALL: [SignalKind; 10] = [
        SignalKind::NoCommunication,
        SignalKind::RecurringExcuses,
        SignalKind::BuyingLess,
        SignalKind::BrokenPromises,
        SignalKind::LingeringDispute,
        SignalKind::LongerTerms,
        SignalKind::PatternChange,
        SignalKind::ScoreChange,
        SignalKind::SkippedPayments,
        SignalKind::RoundAmounts,
    ];
}

/// How serious a signal is (see the module documentation for each kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

    /// One level up (High stays High).
    fn raised(self) -> Severity {
        match self {
            Severity::Low => Severity::Medium,
            _ => Severity::High,
        }
    }

    fn raised_if(self, strong: bool) -> Severity {
        if strong {
            self.raised()
        } else {
            self
        }
    }
}

/// A warning signal on one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signal {
    pub customer: CustomerId,
    pub kind: SignalKind,
    pub severity: Severity,
    /// The date on which the condition first became true (for example the date of the excuse
    /// that made the count reach the threshold).
    pub first_seen: NaiveDate,
    pub evidence: Evidence,
    /// What the customer has overdue on `today`, in the ledger's main currency
    /// (`ledger.settings.currency`): the open amount of invoices in that currency due before
    /// `today`. Invoices in other currencies are not converted and not included.
    pub at_risk: Decimal,
}

/// A record a signal rests on, for links in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Record {
    Invoice(InvoiceId),
    Payment(PaymentId),
    Event(EventId),
}

/// A contact attempt in the diary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub event: EventId,
    pub date: NaiveDate,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    pub invoice: Option<InvoiceId>,
}

/// A diary entry (an excuse, a request for longer terms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub event: EventId,
    pub date: NaiveDate,
    pub invoice: Option<InvoiceId>,
    /// Days of extra time asked for (requests for longer terms; 0 for other entries).
    pub days: u16,
}

/// What "buying" is measured by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Order entries in the diary (amounts in the ledger's main currency).
    Orders,
    /// The customer has no order entries: invoice amounts in the main currency, by invoice date
    /// (credit notes not deducted).
    Invoices,
}

/// An order entry or an invoice counted in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolumeRecord {
    Order(EventId),
    Invoice(InvoiceId),
}

/// What was bought in a period (`from` and `to` inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub total: Money,
    pub records: Vec<VolumeRecord>,
}

/// What the last three months are compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Against {
    /// The same three months a year earlier.
    YearBefore,
    /// The three months before the last three.
    PreviousMonths,
}

/// A comparison that fell below the threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub against: Against,
    pub period: Period,
    /// The last three months as a whole percentage of this period.
    pub share: Decimal,
}

/// A promise to pay that was not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenPromise {
    pub event: EventId,
    /// When the promise was made.
    pub made: NaiveDate,
    /// The date promised.
    pub date: NaiveDate,
    /// In the currency of the promise's invoice, or the main currency.
    pub amount: Money,
    /// Paid in that currency from `made` up to and including `date`.
    pub paid: Money,
    pub payments: Vec<PaymentId>,
    pub invoice: Option<InvoiceId>,
}

/// A dispute still open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenDispute {
    pub invoice: InvoiceId,
    /// The entry that opened it.
    pub event: EventId,
    pub opened: NaiveDate,
    pub days_open: i64,
    /// What is still open on the invoice.
    pub open: Money,
}

/// A paid invoice and how late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaidLate {
    pub invoice: InvoiceId,
    pub due: NaiveDate,
    pub paid_on: NaiveDate,
    pub days_late: i64,
}

/// An external credit score.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScorePoint {
    pub date: NaiveDate,
    pub score: u8,
    pub source: String,
}

/// A payment that settled a later invoice while an older one stayed open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skip {
    pub payment: PaymentId,
    pub date: NaiveDate,
    /// The invoice the payment settled.
    pub paid: InvoiceId,
    pub paid_due: NaiveDate,
    /// The older invoice left open (the one that stayed open longest when there are several).
    pub skipped: InvoiceId,
    pub skipped_due: NaiveDate,
    /// What was open on it on the payment's date.
    pub skipped_open: Money,
}

/// A round partial payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundPayment {
    pub payment: PaymentId,
    pub date: NaiveDate,
    pub amount: Money,
    /// The invoices it was allocated to.
    pub invoices: Vec<InvoiceId>,
    /// Those still open right after it.
    pub left_open: Vec<InvoiceId>,
}

/// The records and figures a signal rests on, one variant per [`SignalKind`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The trailing run of unanswered contact attempts (all of it, oldest first).
    NoCommunication { attempts: Vec<Attempt>, threshold: u32 },
    /// The excuses of `category` within the window, oldest first.
    RecurringExcuses { category: ExcuseCategory, excuses: Vec<Entry>, window_days: u32 },
    /// The last three months and the comparisons that fell below `threshold_percent`.
    BuyingLess { basis: Basis, recent: Period, comparisons: Vec<Comparison>, threshold_percent: u32 },
    /// The broken promises within the look-back, by promised date.
    BrokenPromises { promises: Vec<BrokenPromise>, threshold: u32 },
    /// The lingering disputes, oldest first.
    LingeringDispute { disputes: Vec<OpenDispute>, threshold_days: u32 },
    /// The requests within the window, oldest first.
    LongerTerms { requests: Vec<Entry>, window_days: u32 },
    /// The last three paid invoices, their average days late (one decimal) and the median of the
    /// invoices paid before them.
    PatternChange {
        recent: Vec<PaidLate>,
        recent_average: Decimal,
        earlier_median: Decimal,
        earlier_count: usize,
        threshold_days: u32,
    },
    /// The latest score and the one before it.
    ScoreChange {
        latest: ScorePoint,
        previous: Option<ScorePoint>,
        /// Points lost since the previous score, when it fell.
        drop: Option<u8>,
        /// Whether the drop reached `score_drop`.
        dropped: bool,
        below_floor: bool,
        score_drop: u32,
        floor: u32,
    },
    /// Each skip within the look-back, by date.
    SkippedPayments { skips: Vec<Skip> },
    /// The round partial payments within the look-back, by date.
    RoundAmounts { payments: Vec<RoundPayment>, threshold: u32 },
}

impl Evidence {
    pub fn kind(&self) -> SignalKind {
        match self {
            Evidence::NoCommunication { .. } => SignalKind::NoCommunication,
            Evidence::RecurringExcuses { .. } => SignalKind::RecurringExcuses,
            Evidence::BuyingLess { .. } => SignalKind::BuyingLess,
            Evidence::BrokenPromises { .. } => SignalKind::BrokenPromises,
            Evidence::LingeringDispute { .. } => SignalKind::LingeringDispute,
            Evidence::LongerTerms { .. } => SignalKind::LongerTerms,
            Evidence::PatternChange { .. } => SignalKind::PatternChange,
            Evidence::ScoreChange { .. } => SignalKind::ScoreChange,
            Evidence::SkippedPayments { .. } => SignalKind::SkippedPayments,
            Evidence::RoundAmounts { .. } => SignalKind::RoundAmounts,
        }
    }

    /// Every record named, without duplicates, in order.
    pub fn records(&self) -> Vec<Record> {
        let mut out = Vec::new();
        let opt = |i: Option<InvoiceId>| i.map(Record::Invoice);
        match self {
            Evidence::NoCommunication { attempts, .. } => {
                for a in attempts {
                    out.push(Record::Event(a.event));
                    out.extend(opt(a.invoice));
                }
            }
            Evidence::RecurringExcuses { excuses: entries, .. } | Evidence::LongerTerms { requests: entries, .. } => {
                for e in entries {
                    out.push(Record::Event(e.event));
                    out.extend(opt(e.invoice));
                }
            }
            Evidence::BuyingLess { recent, comparisons, .. } => {
                for r in recent.records.iter().chain(comparisons.iter().flat_map(|c| &c.period.records)) {
                    out.push(match r {
                        VolumeRecord::Order(e) => Record::Event(*e),
                        VolumeRecord::Invoice(i) => Record::Invoice(*i),
                    });
                }
            }
            Evidence::BrokenPromises { promises, .. } => {
                for p in promises {
                    out.push(Record::Event(p.event));
                    out.extend(opt(p.invoice));
                    out.extend(p.payments.iter().map(|id| Record::Payment(*id)));
                }
            }
            Evidence::LingeringDispute { disputes, .. } => {
                for d in disputes {
                    out.extend([Record::Invoice(d.invoice), Record::Event(d.event)]);
                }
            }
            Evidence::PatternChange { recent, .. } => out.extend(recent.iter().map(|p| Record::Invoice(p.invoice))),
            Evidence::ScoreChange { .. } => {}
            Evidence::SkippedPayments { skips } => {
                for s in skips {
                    out.extend([Record::Payment(s.payment), Record::Invoice(s.paid), Record::Invoice(s.skipped)]);
                }
            }
            Evidence::RoundAmounts { payments, .. } => {
                for p in payments {
                    out.push(Record::Payment(p.payment));
                    out.extend(p.invoices.iter().map(|i| Record::Invoice(*i)));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| seen.insert(*r));
        out
    }
}

// ----- the computation -----

/// What every check needs.
struct Ctx<'f, 'a> {
    facts: &'f Facts<'a>,
    /// Each invoice of `facts` on `today`.
    day: &'f [OnDay],
    /// The periods signal 3 compares, by days back from `today` (computed once for all customers).
    spans: &'f OnceCell<Vec<Spans>>,
    customer: Option<&'a Customer>,
    today: NaiveDate,
    s: &'f RiskSettings,
    main: Currency,
}

/// The periods of signal 3 on one day: the last three months, the same months a year before and
/// the three months before, each as (the day before it starts, its last day).
type Spans = [(NaiveDate, NaiveDate); 3];

/// How many days back signal 3 looks for the start of its run.
const BUYING_LESS_DAYS_BACK: i64 = 366;

/// The periods of signal 3 on `today` and each of the days before it that its run may reach.
fn buying_less_spans(today: NaiveDate) -> Vec<Spans> {
    (0..=BUYING_LESS_DAYS_BACK)
        .map(|back| {
            let d = today - Duration::days(back);
            [(months_back(d, 3), d), (months_back(d, 15), months_back(d, 12)), (months_back(d, 6), months_back(d, 3))]
        })
        .collect()
}

/// One finding: severity, first seen, evidence.
type Found = Option<(Severity, NaiveDate, Evidence)>;

/// A count threshold: at least 1.
fn at_least(n: u32) -> usize {
    usize::try_from(n.max(1)).unwrap_or(usize::MAX)
}

fn within(date: NaiveDate, today: NaiveDate, window_days: u32) -> bool {
    date <= today && (today - date).num_days() <= i64::from(window_days)
}

fn months_back(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

impl Ctx<'_, '_> {
    fn lookback_start(&self) -> NaiveDate {
        months_back(self.today, LOOKBACK_MONTHS)
    }

    fn events(&self) -> impl Iterator<Item = &crate::domain::Event> + '_ {
        self.facts.events.iter().copied().take_while(|e| e.date <= self.today)
    }

    /// Signal 1.
    fn no_communication(&self) -> Found {
        let attempts: Vec<Attempt> = self
            .events()
            .filter_map(|e| match e.kind {
                EventKind::Contact { channel, outcome } => {
                    Some(Attempt { event: e.id, date: e.date, channel, outcome, invoice: e.invoice })
                }
                _ => None,
            })
            .collect();
        let run = attempts.iter().rev().take_while(|a| a.outcome != ContactOutcome::Reached).count();
        let n = at_least(self.s.silent_attempts);
        if run < n {
            return None;
        }
        let attempts = attempts[attempts.len() - run..].to_vec();
        let first_seen = attempts[n - 1].date;
        let severity = Severity::Medium.raised_if(run >= 2 * n);
        Some((severity, first_seen, Evidence::NoCommunication { attempts, threshold: self.s.silent_attempts }))
    }

    /// Signal 2.
    fn recurring_excuses(&self) -> Found {
        let n = at_least(self.s.excuse_repeats);
        let window = self.s.excuse_window_days;
        let mut best: Option<(ExcuseCategory, Vec<Entry>)> = None;
        for category in ExcuseCategory::ALL {
            let excuses: Vec<Entry> = self
                .events()
                .filter(|e| e.kind == EventKind::Excuse { category } && within(e.date, self.today, window))
                .map(|e| Entry { event: e.id, date: e.date, invoice: e.invoice, days: 0 })
                .collect();
            if excuses.len() < n {
                continue;
            }
            // The most repeated category; on a tie the one that reached the threshold first.
            let better = best.as_ref().is_none_or(|(_, b)| {
                (excuses.len(), Reverse(excuses[n - 1].date)) > (b.len(), Reverse(b[n - 1].date))
            });
            if better {
                best = Some((category, excuses));
            }
        }
        let (category, excuses) = best?;
        let severity = Severity::Low.raised_if(excuses.len() >= 2 * n);
        Some((severity, excuses[n - 1].date, Evidence::RecurringExcuses { category, excuses, window_days: window }))
    }

    /// Signal 3.
    fn buying_less(&self) -> Found {
        let orders: Vec<(NaiveDate, Decimal, VolumeRecord)> = self
            .events()
            .filter_map(|e| match e.kind {
                EventKind::Order { amount } => Some((e.date, amount, VolumeRecord::Order(e.id))),
                _ => None,
            })
            .collect();
        let (basis, mut volume) = if orders.is_empty() {
            let invoices = self
                .facts
                .invoices
                .iter()
                .map(|f| f.invoice)
                .filter(|i| i.date <= self.today && i.amount.currency == self.main)
                .map(|i| (i.date, i.amount.amount, VolumeRecord::Invoice(i.id)))
                .collect();
            (Basis::Invoices, invoices)
        } else {
            (Basis::Orders, orders)
        };
        volume.sort_by_key(|v| v.0);
        let mut prefix = Vec::with_capacity(volume.len() + 1);
        prefix.push(Decimal::ZERO);
        for v in &volume {
            let last = prefix.last().copied().unwrap_or_default();
            prefix.push(last + v.1);
        }
        let upto = |d: NaiveDate| volume.partition_point(|v| v.0 <= d);
        // Total of the period after `from` up to and including `to`.
        let sum = |from: NaiveDate, to: NaiveDate| prefix[upto(to)] - prefix[upto(from).min(upto(to))];
        let pct = Decimal::from(self.s.buying_less_percent);
        let hundred = Decimal::ONE_HUNDRED;
        // Whether the recent total is below the threshold share of the total of `p`.
        let falls_below = |recent: Decimal, p: (NaiveDate, NaiveDate)| -> Option<Decimal> {
            let total = sum(p.0, p.1);
            (total > Decimal::ZERO && recent * hundred < pct * total).then_some(total)
        };
        let spans = self.spans.get_or_init(|| buying_less_spans(self.today));
        let [recent_span, year_before, previous] = spans[0];
        let r = sum(recent_span.0, recent_span.1);
        let now: Vec<(Against, (NaiveDate, NaiveDate), Decimal)> =
            [(Against::YearBefore, year_before), (Against::PreviousMonths, previous)]
                .into_iter()
                .filter_map(|(against, p)| falls_below(r, p).map(|total| (against, p, total)))
                .collect();
        if now.is_empty() {
            return None;
        }
        // The first day of the run of days, up to a year back, on which it held. The period
        // bounds move back about a day at a time, so the number of records up to each bound is
        // found by moving on from where it was the day before, not by searching.
        let mut first_seen = self.today;
        let mut pos = [volume.len(); 5];
        let seek = |p: &mut usize, d: NaiveDate| -> usize {
            while *p > 0 && volume[*p - 1].0 > d {
                *p -= 1;
            }
            while *p < volume.len() && volume[*p].0 <= d {
                *p += 1;
            }
            *p
        };
        for (back, &[(m3, d), (m15, m12), (m6, _)]) in spans.iter().enumerate().skip(1) {
            let [p_d, p_3, p_6, p_12, p_15] = &mut pos;
            let (u_d, u_3, u_6, u_12, u_15) = (seek(p_d, d), seek(p_3, m3), seek(p_6, m6), seek(p_12, m12), seek(p_15, m15));
            let between = |from: usize, to: usize| prefix[to] - prefix[from.min(to)];
            let r = between(u_3, u_d) * hundred;
            let below = |total: Decimal| total > Decimal::ZERO && r < pct * total;
            if !below(between(u_15, u_12)) && !below(between(u_6, u_3)) {
                break;
            }
            first_seen = self.today - Duration::days(back as i64);
        }
        let period = |(from, to): (NaiveDate, NaiveDate)| Period {
            from: from + Duration::days(1),
            to,
            total: Money::new(sum(from, to), self.main),
            records: volume[upto(from)..upto(to).max(upto(from))].iter().map(|v| v.2).collect(),
        };
        let recent = period(recent_span);
        let comparisons: Vec<Comparison> = now
            .into_iter()
            .map(|(against, span, total)| Comparison {
                against,
                period: period(span),
                share: (recent.total.amount * hundred / total).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero),
            })
            .collect();
        let strong = comparisons.iter().any(|c| c.share * Decimal::TWO < pct);
        Some((
            Severity::Low.raised_if(strong),
            first_seen,
            Evidence::BuyingLess { basis, recent, comparisons, threshold_percent: self.s.buying_less_percent },
        ))
    }

    /// Signal 4.
    fn broken_promises(&self) -> Found {
        let start = self.lookback_start();
        let mut broken: Vec<BrokenPromise> = Vec::new();
        for e in self.events() {
            let EventKind::Promise { amount, date } = e.kind else { continue };
            if date >= self.today || date <= start {
                continue;
            }
            let currency =
                e.invoice.and_then(|i| self.facts.invoice(i)).map_or(self.main, |f| f.invoice.amount.currency);
            // Payments are in date order: the ones from the promise up to the promised date.
            let all = &self.facts.payments;
            let (from, to) = (all.partition_point(|p| p.date < e.date), all.partition_point(|p| p.date <= date));
            let payments: Vec<_> =
                all[from..to.max(from)].iter().filter(|p| p.amount.currency == currency).collect();
            let paid: Decimal = payments.iter().map(|p| p.amount.amount).sum();
            if paid < amount {
                broken.push(BrokenPromise {
                    event: e.id,
                    made: e.date,
                    date,
                    amount: Money::new(amount, currency),
                    paid: Money::new(paid, currency),
                    payments: payments.iter().map(|p| p.id).collect(),
                    invoice: e.invoice,
                });
            }
        }
        let n = at_least(self.s.broken_promises);
        if broken.len() < n {
            return None;
        }
        broken.sort_by_key(|b| (b.date, b.event));
        // Broken the day after the promised date.
        let first_seen = broken[n - 1].date + Duration::days(1);
        let severity = Severity::Medium.raised_if(broken.len() >= 2 * n);
        Some((severity, first_seen, Evidence::BrokenPromises { promises: broken, threshold: self.s.broken_promises }))
    }

    /// Signal 5.
    fn lingering_disputes(&self) -> Found {
        // Per invoice: the first opening since the last resolution.
        let mut open: HashMap<InvoiceId, (NaiveDate, EventId)> = HashMap::new();
        for e in self.events() {
            let Some(i) = e.invoice else { continue };
            match e.kind {
                EventKind::DisputeOpened { .. } => {
                    open.entry(i).or_insert((e.date, e.id));
                }
                EventKind::DisputeResolved => {
                    open.remove(&i);
                }
                _ => {}
            }
        }
        let limit = i64::from(self.s.dispute_days);
        let mut disputes: Vec<OpenDispute> = open
            .into_iter()
            .filter_map(|(invoice, (opened, event))| {
                let f = self.facts.invoice(invoice)?;
                let left = f.open_at(self.today);
                let days_open = (self.today - opened).num_days();
                (left > Decimal::ZERO && days_open > limit).then(|| OpenDispute {
                    invoice,
                    event,
                    opened,
                    days_open,
                    open: Money::new(left, f.invoice.amount.currency),
                })
            })
            .collect();
        if disputes.is_empty() {
            return None;
        }
        disputes.sort_by_key(|d| (d.opened, d.invoice));
        let first_seen = disputes[0].opened + Duration::days(limit + 1);
        let severity = Severity::Low.raised_if(disputes.iter().any(|d| d.days_open > 2 * limit));
        Some((severity, first_seen, Evidence::LingeringDispute { disputes, threshold_days: self.s.dispute_days }))
    }

    /// Signal 6.
    fn longer_terms(&self) -> Found {
        let window = self.s.extension_window_days;
        let requests: Vec<Entry> = self
            .events()
            .filter(|e| within(e.date, self.today, window))
            .filter_map(|e| match e.kind {
                EventKind::ExtensionRequest { days } => Some(Entry { event: e.id, date: e.date, invoice: e.invoice, days }),
                _ => None,
            })
            .collect();
        let n = at_least(self.s.extension_requests);
        if requests.len() < n {
            return None;
        }
        let severity = Severity::Low.raised_if(requests.len() >= 2 * n);
        Some((severity, requests[n - 1].date, Evidence::LongerTerms { requests, window_days: window }))
    }

    /// Signal 7.
    fn pattern_change(&self) -> Found {
        let mut paid: Vec<PaidLate> = self
            .day
            .iter()
            .filter_map(|d| d.delay)
            .filter_map(|i| match i.state {
                ItemState::Paid { on, .. } => {
                    Some(PaidLate { invoice: i.invoice, due: i.due, paid_on: on, days_late: i.days_late })
                }
                _ => None,
            })
            .collect();
        if paid.len() < 6 {
            return None;
        }
        paid.sort_by_key(|p| (p.paid_on, p.due, p.invoice));
        let k = Decimal::from(self.s.pattern_change_days);
        let three = Decimal::from(3);
        // Walk forward: after each paid invoice (from the sixth), is the average of the last
        // three more than `k` days above the median of all before them? A running median keeps
        // this O(n log n).
        let mut median = RunningMedian::default();
        for p in &paid[..2] {
            median.push(p.days_late);
        }
        let mut run_start: Option<usize> = None;
        let mut last = (Decimal::ZERO, Decimal::ZERO);
        for end in 6..=paid.len() {
            median.push(paid[end - 4].days_late);
            let recent_sum: i64 = paid[end - 3..end].iter().map(|p| p.days_late).sum();
            let m = median.get();
            let holds = Decimal::from(recent_sum) - three * m > three * k;
            if holds {
                run_start.get_or_insert(end);
            } else {
                run_start = None;
            }
            last = (Decimal::from(recent_sum) / three, m);
        }
        let start = run_start?;
        let (average, earlier_median) = last;
        let excess = average - earlier_median;
        let severity = Severity::Low.raised_if(excess > Decimal::TWO * k);
        let n = paid.len();
        Some((
            severity,
            paid[start - 1].paid_on,
            Evidence::PatternChange {
                recent: paid[n - 3..].to_vec(),
                recent_average: average.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero).normalize(),
                earlier_median: earlier_median.normalize(),
                earlier_count: n - 3,
                threshold_days: self.s.pattern_change_days,
            },
        ))
    }

    /// Signal 8.
    fn score_change(&self) -> Found {
        let mut scores: Vec<&crate::domain::ScoreEntry> =
            self.customer?.scores.iter().filter(|s| s.date <= self.today).collect();
        scores.sort_by_key(|s| s.date);
        let latest = *scores.last()?;
        let previous = scores.len().checked_sub(2).map(|i| scores[i]);
        let drop = previous.and_then(|p| p.score.checked_sub(latest.score)).filter(|d| *d > 0);
        let dropped = drop.is_some_and(|d| u32::from(d) >= self.s.score_drop);
        let below_floor = u32::from(latest.score) < self.s.score_floor;
        if !dropped && !below_floor {
            return None;
        }
        let big_drop = drop.is_some_and(|d| u32::from(d) >= 2 * self.s.score_drop.max(1));
        let severity = Severity::Medium.raised_if((dropped && below_floor) || big_drop);
        let point = |s: &crate::domain::ScoreEntry| ScorePoint { date: s.date, score: s.score, source: s.source.clone() };
        Some((
            severity,
            latest.date,
            Evidence::ScoreChange {
                latest: point(latest),
                previous: previous.map(point),
                drop,
                dropped,
                below_floor,
                score_drop: self.s.score_drop,
                floor: self.s.score_floor,
            },
        ))
    }

    /// Signal 9.
    fn skipped_payments(&self) -> Found {
        let invoices = &self.facts.invoices; // by due date
        // For the invoices with the k smallest due dates: the latest date any of them closed
        // (never: still open) and which one.
        let mut longest: Vec<Option<(NaiveDate, usize)>> = Vec::with_capacity(invoices.len() + 1);
        longest.push(None);
        for (i, d) in self.day.iter().enumerate() {
            let closed = d.closed_on.unwrap_or(NaiveDate::MAX);
            let prev = longest.last().copied().flatten();
            longest.push(match prev {
                Some((d, _)) if d >= closed => prev,
                _ => Some((closed, i)),
            });
        }
        let start = self.lookback_start();
        let mut skips: Vec<Skip> = Vec::new();
        for (f, d) in invoices.iter().zip(self.day) {
            let Some(item) = d.delay else { continue };
            let ItemState::Paid { on, payment } = item.state else { continue };
            if on <= start {
                continue;
            }
            // Older: due before this invoice, and overdue on the payment's date.
            let before = f.invoice.due.min(on);
            let k = invoices.partition_point(|o| o.invoice.due < before);
            if let Some((closed, j)) = longest[k] {
                if closed > on {
                    let o = &invoices[j];
                    skips.push(Skip {
                        payment,
                        date: on,
                        paid: f.invoice.id,
                        paid_due: f.invoice.due,
                        skipped: o.invoice.id,
                        skipped_due: o.invoice.due,
                        skipped_open: Money::new(o.open_at(on), o.invoice.amount.currency),
                    });
                }
            }
        }
        if skips.is_empty() {
            return None;
        }
        skips.sort_by_key(|s| (s.date, s.payment, s.paid));
        let mut payments: Vec<PaymentId> = skips.iter().map(|s| s.payment).collect();
        payments.dedup();
        let severity = Severity::Medium.raised_if(payments.len() >= 2);
        Some((severity, skips[0].date, Evidence::SkippedPayments { skips }))
    }

    /// Signal 10.
    fn round_amounts(&self) -> Found {
        let start = self.lookback_start();
        let fifty = Decimal::from(50);
        let mut round: Vec<RoundPayment> = Vec::new();
        for p in self.facts.payments.iter().filter(|p| p.date > start && p.date <= self.today) {
            if p.allocations().is_empty() || !(p.amount.amount % fifty).is_zero() {
                continue;
            }
            let left_open: Vec<InvoiceId> = p
                .allocations()
                .iter()
                .filter(|a| {
                    self.facts.invoice(a.invoice).is_some_and(|f| {
                        // Everything settled up to and including this payment.
                        let mut settled = Decimal::ZERO;
                        for s in &f.settlements {
                            settled += s.amount;
                            if s.by == super::behaviour::SettledBy::Payment(p.id) {
                                break;
                            }
                        }
                        settled < f.invoice.amount.amount
                    })
                })
                .map(|a| a.invoice)
                .collect();
            if !left_open.is_empty() {
                round.push(RoundPayment {
                    payment: p.id,
                    date: p.date,
                    amount: p.amount,
                    invoices: p.allocations().iter().map(|a| a.invoice).collect(),
                    left_open,
                });
            }
        }
        let n = at_least(self.s.round_payments);
        if round.len() < n {
            return None;
        }
        let severity = Severity::Low.raised_if(round.len() >= 2 * n);
        Some((severity, round[n - 1].date, Evidence::RoundAmounts { payments: round, threshold: self.s.round_payments }))
    }

    /// Open amount in the main currency of invoices due before today.
    fn overdue(&self) -> Decimal {
        self.facts
            .invoices
            .iter()
            .zip(self.day)
            .filter(|(f, _)| f.invoice.amount.currency == self.main && f.invoice.due < self.today)
            .map(|(_, d)| d.open)
            .sum()
    }

    fn all(&self, customer: CustomerId) -> Vec<Signal> {
        let found = [
            self.no_communication(),
            self.recurring_excuses(),
            self.buying_less(),
            self.broken_promises(),
            self.lingering_disputes(),
            self.longer_terms(),
            self.pattern_change(),
            self.score_change(),
            self.skipped_payments(),
            self.round_amounts(),
        ];
        if found.iter().all(Option::is_none) {
            return Vec::new();
        }
        let at_risk = self.overdue();
        found
            .into_iter()
            .flatten()
            .map(|(severity, first_seen, evidence)| Signal {
                customer,
                kind: evidence.kind(),
                severity,
                first_seen,
                evidence,
                at_risk,
            })
            .collect()
    }
}

/// The median of a growing list of whole numbers (two heaps).
#[derive(Default)]
struct RunningMedian {
    low: BinaryHeap<i64>,
    high: BinaryHeap<Reverse<i64>>,
}

impl RunningMedian {
    fn push(&mut self, x: i64) {
        if self.low.peek().is_none_or(|top| x <= *top) {
            self.low.push(x);
        } else {
            self.high.push(Reverse(x));
        }
        if self.low.len() > self.high.len() + 1 {
            if let Some(v) = self.low.pop() {
                self.high.push(Reverse(v));
            }
        } else if self.high.len() > self.low.len() {
            if let Some(Reverse(v)) = self.high.pop() {
                self.low.push(v);
            }
        }
    }

    fn get(&self) -> Decimal {
        match (self.low.peek(), self.high.peek()) {
            (Some(l), Some(Reverse(h))) if self.low.len() == self.high.len() => Decimal::from(l + h) / Decimal::TWO,
            (Some(l), _) => Decimal::from(*l),
            _ => Decimal::ZERO,
        }
    }
}

/// The order of signal lists: most severe first, then the largest amount at risk, then customer
/// and kind.
fn sort(signals: &mut [Signal]) {
    signals.sort_by(|a, b| {
        (Reverse(a.severity), Reverse(a.at_risk), a.customer, a.kind).cmp(&(
            Reverse(b.severity),
            Reverse(b.at_risk),
            b.customer,
            b.kind,
        ))
    });
}

/// What the signals of one day share between customers.
struct Shared<'l> {
    ledger: &'l Ledger,
    today: NaiveDate,
    s: &'l RiskSettings,
    spans: OnceCell<Vec<Spans>>,
}

impl Shared<'_> {
    fn signals_of(&self, customer: CustomerId, facts: &Facts<'_>, day: &[OnDay]) -> Vec<Signal> {
        let ctx = Ctx {
            facts,
            day,
            spans: &self.spans,
            customer: self.ledger.customer(customer),
            today: self.today,
            s: self.s,
            main: self.ledger.settings.currency,
        };
        ctx.all(customer)
    }
}

/// The warning signals of one customer as of `today`, most severe first.
pub fn signals(ledger: &Ledger, customer: CustomerId, today: NaiveDate, settings: &RiskSettings) -> Vec<Signal> {
    let facts = gather(ledger, Some(customer)).take(customer);
    let shared = Shared { ledger, today, s: settings, spans: OnceCell::new() };
    let mut out = shared.signals_of(customer, &facts, &on_day(&facts, today));
    sort(&mut out);
    out
}

/// The warning signals of every customer as of `today`, in one pass over the ledger: most severe
/// first, then by the amount at risk (largest first).
pub fn all_signals(ledger: &Ledger, today: NaiveDate, settings: &RiskSettings) -> Vec<Signal> {
    all_signals_with(&Pass::new(ledger), today, settings)
}

/// [`all_signals`] from a [`Pass`] over the ledger that other computations share.
pub fn all_signals_with(pass: &Pass<'_>, today: NaiveDate, settings: &RiskSettings) -> Vec<Signal> {
    let ledger = pass.ledger();
    let facts = pass.facts();
    let day = pass.day(today);
    let shared = Shared { ledger, today, s: settings, spans: OnceCell::new() };
    let empty = Facts::default();
    let mut out: Vec<Signal> = ledger
        .customers()
        .flat_map(|c| match facts.slot(c.id) {
            Some(slot) => shared.signals_of(c.id, &facts.slots()[slot].1, &day.invoices[slot]),
            None => shared.signals_of(c.id, &empty, &[]),
        })
        .collect();
    sort(&mut out);
    out
}


#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::super::behaviour::book::{day, dec, Book};
    use super::*;
    use crate::domain::{Customer, ScoreEntry};

    const TODAY: (i32, u32, u32) = (2026, 11, 23);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }
    fn ago(days: i64) -> NaiveDate {
        today() - Duration::days(days)
    }

    impl Book {
        fn signal(&self, kind: SignalKind) -> Option<Signal> {
            self.signal_with(kind, &RiskSettings::default())
        }
        fn signal_with(&self, kind: SignalKind, s: &RiskSettings) -> Option<Signal> {
            signals(&self.l, self.c, today(), s).into_iter().find(|x| x.kind == kind)
        }
        fn contact(&mut self, on: NaiveDate, outcome: ContactOutcome) -> EventId {
            self.event(None, on, EventKind::Contact { channel: Channel::Phone, outcome })
        }
    }

    /// What a table row expects: none, or (first seen as days ago, severity).
    type Want = Option<(i64, Severity)>;

    /// (first seen, severity) of a signal, for compact table rows.
    fn shape(s: Option<Signal>) -> Option<(NaiveDate, Severity)> {
        s.map(|s| (s.first_seen, s.severity))
    }

    #[test]
    fn no_communication() {
        use ContactOutcome::{NoAnswer as N, NoResponse as R, Reached as Y};
        // (name, outcomes a week apart ending 1 day ago, expected (first seen as days ago, severity))
        let rows: [(&str, &[ContactOutcome], Want); 6] = [
            ("three silent after a reached", &[Y, N, R, N], Some((1, Severity::Medium))),
            ("two silent: one short", &[Y, N, R], None),
            ("reached last", &[N, R, N, Y], None),
            ("reached in between", &[N, R, Y, N, N], None),
            ("no contact at all", &[], None),
            ("six silent", &[N, N, R, N, R, N], Some((22, Severity::High))),
        ];
        for (name, outcomes, want) in rows {
            let mut b = Book::new();
            let n = i64::try_from(outcomes.len()).unwrap();
            for (i, o) in outcomes.iter().enumerate() {
                b.contact(ago(1 + 7 * (n - 1 - i64::try_from(i).unwrap())), *o);
            }
            let got = b.signal(SignalKind::NoCommunication);
            assert_eq!(shape(got.clone()), want.map(|(d, s)| (ago(d), s)), "row {name}");
            if let Some(Evidence::NoCommunication { attempts, .. }) = got.map(|s| s.evidence) {
                assert!(attempts.iter().all(|a| a.outcome != ContactOutcome::Reached), "row {name}");
            }
        }
        // A contact after today does not count.
        let mut b = Book::new();
        for d in [3, 2, 1] {
            b.contact(ago(d), ContactOutcome::NoAnswer);
        }
        assert!(b.signal(SignalKind::NoCommunication).is_some());
        b.contact(today() + Duration::days(1), ContactOutcome::Reached);
        assert!(b.signal(SignalKind::NoCommunication).is_some());
        b.contact(today(), ContactOutcome::Reached);
        assert!(b.signal(SignalKind::NoCommunication).is_none());
    }

    #[test]
    fn recurring_excuses() {
        use ExcuseCategory::{CashFlow, InvoiceNotReceived};
        type Excuses = &'static [(i64, ExcuseCategory)];
        let rows: [(&str, Excuses, Want); 6] = [
            ("twice within 90 days", &[(80, CashFlow), (10, CashFlow)], Some((10, Severity::Low))),
            ("the first exactly 90 days ago", &[(90, CashFlow), (10, CashFlow)], Some((10, Severity::Low))),
            ("the first 91 days ago", &[(91, CashFlow), (10, CashFlow)], None),
            ("two different excuses", &[(20, CashFlow), (10, InvoiceNotReceived)], None),
            ("once", &[(10, CashFlow)], None),
            (
                "four times",
                &[(60, InvoiceNotReceived), (40, InvoiceNotReceived), (30, InvoiceNotReceived), (5, InvoiceNotReceived)],
                Some((40, Severity::Medium)),
            ),
        ];
        for (name, excuses, want) in rows {
            let mut b = Book::new();
            for (d, category) in excuses {
                b.event(None, ago(*d), EventKind::Excuse { category: *category });
            }
            assert_eq!(shape(b.signal(SignalKind::RecurringExcuses)), want.map(|(d, s)| (ago(d), s)), "row {name}");
        }
    }

    #[test]
    fn buying_less_on_orders() {
        // Today 23 Nov 2026: the last three months are 24 Aug - 23 Nov 2026, the same months a
        // year before 24 Aug - 23 Nov 2025, the three months before 24 May - 23 Aug 2026.
        let year_before = day(2025, 9, 1);
        let previous = day(2026, 6, 1);
        let recent = day(2026, 9, 1);
        type Row = (&'static str, Option<&'static str>, Option<&'static str>, &'static str, Option<Severity>, usize);
        let rows: [Row; 6] = [
            ("59% of both", Some("1000"), Some("1000"), "590", Some(Severity::Low), 2),
            ("exactly 60%: not below", Some("1000"), Some("1000"), "600", None, 0),
            ("below the previous months only", None, Some("1000"), "500", Some(Severity::Low), 1),
            ("below the year before only", Some("1000"), Some("400"), "500", Some(Severity::Low), 1),
            ("under half the threshold", Some("1000"), None, "290", Some(Severity::Medium), 1),
            ("nothing to compare with", None, None, "100", None, 0),
        ];
        for (name, yb, prev, now, want, comparisons) in rows {
            let mut b = Book::new();
            for (on, amount) in [(year_before, yb), (previous, prev), (recent, Some(now))] {
                if let Some(a) = amount {
                    b.event(None, on, EventKind::Order { amount: dec(a) });
                }
            }
            let got = b.signal(SignalKind::BuyingLess);
            assert_eq!(got.as_ref().map(|s| s.severity), want, "row {name}");
            if let Some(Signal { evidence: Evidence::BuyingLess { basis, recent, comparisons: c, .. }, first_seen, .. }) = got {
                assert_eq!(basis, Basis::Orders, "row {name}");
                assert_eq!((recent.from, recent.to, recent.total.amount), (day(2026, 8, 24), today(), dec(now)), "row {name}");
                assert_eq!(c.len(), comparisons, "row {name}");
                // It became true when the order of 1 June left the window of the last three months.
                assert_eq!(first_seen, day(2026, 9, 1), "row {name}");
            }
        }
    }

    #[test]
    fn buying_less_on_invoices_without_orders() {
        let mut b = Book::new();
        // Invoices are dated 30 days before their due date.
        b.invoice("A", day(2025, 10, 1) + Duration::days(30), "1000");
        b.invoice("B", day(2026, 10, 1) + Duration::days(30), "590");
        let s = b.signal(SignalKind::BuyingLess).unwrap();
        let Evidence::BuyingLess { basis, comparisons, .. } = &s.evidence else { panic!() };
        assert_eq!(*basis, Basis::Invoices);
        assert_eq!(comparisons[0].against, Against::YearBefore);
        assert_eq!(comparisons[0].share, dec("59"));
        // One order entry anywhere: orders are the measure, and there are none in the last months.
        b.event(None, day(2024, 1, 1), EventKind::Order { amount: dec("10") });
        assert!(b.signal(SignalKind::BuyingLess).is_none());
        // An invoice in another currency is not counted.
        let mut b = Book::new();
        b.invoice("A", day(2025, 10, 31), "1000");
        b.invoice("B", day(2026, 10, 31), "590");
        b.invoice_in("U", day(2026, 10, 31), "5000", "USD");
        assert!(b.signal(SignalKind::BuyingLess).is_some());
    }

    #[test]
    fn broken_promises() {
        // A promise made 20 days ago to pay 500 by 10 days ago, and payments on the given days.
        type Paid = &'static [(i64, &'static str)];
        let rows: [(&str, i64, Paid, Want); 6] = [
            ("paid 499.99", 10, &[(12, "499.99")], Some((9, Severity::Medium))),
            ("paid 500 in two parts", 10, &[(15, "200"), (10, "300")], None),
            ("paid before the promise does not count", 10, &[(21, "500")], Some((9, Severity::Medium))),
            ("paid a day late", 10, &[(9, "500")], Some((9, Severity::Medium))),
            ("date not yet passed", 0, &[], None),
            ("promised yesterday, nothing paid", 1, &[], Some((0, Severity::Medium))),
        ];
        for (name, by, payments, want) in rows {
            let mut b = Book::new();
            let inv = b.invoice("A", ago(60), "1000");
            b.event(Some(inv), ago(20), EventKind::Promise { amount: dec("500"), date: ago(by) });
            for (d, amount) in payments {
                b.pay(ago(*d), &[(inv, amount)]);
            }
            assert_eq!(shape(b.signal(SignalKind::BrokenPromises)), want.map(|(d, s)| (ago(d), s)), "row {name}");
        }
        // Two broken promises: High; with a threshold of 3, none.
        let mut b = Book::new();
        b.event(None, ago(40), EventKind::Promise { amount: dec("100"), date: ago(30) });
        b.event(None, ago(20), EventKind::Promise { amount: dec("100"), date: ago(10) });
        let s = b.signal(SignalKind::BrokenPromises).unwrap();
        assert_eq!((s.first_seen, s.severity), (ago(29), Severity::High));
        let three = RiskSettings { broken_promises: 3, ..RiskSettings::default() };
        assert!(b.signal_with(SignalKind::BrokenPromises, &three).is_none());
        let two = RiskSettings { broken_promises: 2, ..RiskSettings::default() };
        assert_eq!(shape(b.signal_with(SignalKind::BrokenPromises, &two)), Some((ago(9), Severity::Medium)));
    }

    #[test]
    fn lingering_disputes() {
        let rows: [(&str, i64, bool, bool, Want); 6] = [
            ("open 31 days", 31, false, false, Some((0, Severity::Low))),
            ("open 30 days: not longer than 30", 30, false, false, None),
            ("resolved", 50, true, false, None),
            ("invoice paid meanwhile", 50, false, true, None),
            ("open 61 days", 61, false, false, Some((30, Severity::Medium))),
            ("open 60 days", 60, false, false, Some((29, Severity::Low))),
        ];
        for (name, opened, resolved, paid, want) in rows {
            let mut b = Book::new();
            let inv = b.invoice("A", ago(90), "1000");
            b.event(Some(inv), ago(opened), EventKind::DisputeOpened { reason: "klacht".into() });
            if resolved {
                b.event(Some(inv), ago(5), EventKind::DisputeResolved);
            }
            if paid {
                b.pay(ago(2), &[(inv, "1000")]);
            }
            let got = b.signal(SignalKind::LingeringDispute);
            assert_eq!(shape(got.clone()), want.map(|(d, s)| (ago(d), s)), "row {name}");
            if let Some(Evidence::LingeringDispute { disputes, .. }) = got.map(|s| s.evidence) {
                assert_eq!((disputes[0].invoice, disputes[0].days_open), (inv, opened), "row {name}");
            }
        }
        // Reopened after a resolution: counts from the new opening.
        let mut b = Book::new();
        let inv = b.invoice("A", ago(120), "1000");
        b.event(Some(inv), ago(100), EventKind::DisputeOpened { reason: "a".into() });
        b.event(Some(inv), ago(80), EventKind::DisputeResolved);
        b.event(Some(inv), ago(20), EventKind::DisputeOpened { reason: "b".into() });
        assert!(b.signal(SignalKind::LingeringDispute).is_none());
    }

    #[test]
    fn longer_terms() {
        let rows: [(&str, &[i64], Want); 5] = [
            ("two within 183 days", &[183, 1], Some((1, Severity::Low))),
            ("the first 184 days ago", &[184, 1], None),
            ("one", &[3], None),
            ("four", &[100, 50, 20, 3], Some((50, Severity::Medium))),
            ("three", &[100, 50, 20], Some((50, Severity::Low))),
        ];
        for (name, days, want) in rows {
            let mut b = Book::new();
            for d in days {
                b.event(None, ago(*d), EventKind::ExtensionRequest { days: 30 });
            }
            assert_eq!(shape(b.signal(SignalKind::LongerTerms)), want.map(|(d, s)| (ago(d), s)), "row {name}");
        }
    }

    /// A customer whose invoices were paid this many days late, in this order, 20 days apart.
    fn paid_late(late: &[i64]) -> Book {
        let mut b = Book::new();
        let n = i64::try_from(late.len()).unwrap();
        for (i, l) in late.iter().enumerate() {
            let due = ago(100 + 20 * (n - i64::try_from(i).unwrap()));
            let inv = b.invoice(&format!("F{i}"), due, "100");
            b.pay(due + Duration::days(*l), &[(inv, "100")]);
        }
        b
    }

    #[test]
    fn pattern_change() {
        let rows: [(&str, &[i64], Option<Severity>); 6] = [
            ("10.67 days above a median of 0", &[0, 0, 0, 10, 11, 11], Some(Severity::Low)),
            ("exactly 10 days above", &[0, 0, 0, 10, 10, 10], None),
            ("only two earlier", &[0, 0, 30, 30, 30], None),
            ("median of an even count", &[-2, 4, 0, 2, 13, 13, 13], Some(Severity::Low)), // median 1, average 13
            ("more than twice the threshold", &[0, 1, 2, 25, 21, 22], Some(Severity::Medium)),
            ("getting earlier", &[20, 20, 20, 0, 0, 0], None),
        ];
        for (name, late, want) in rows {
            let b = paid_late(late);
            let got = b.signal(SignalKind::PatternChange);
            assert_eq!(got.as_ref().map(|s| s.severity), want, "row {name}");
            if let Some(Evidence::PatternChange { recent, earlier_count, .. }) = got.map(|s| s.evidence) {
                assert_eq!((recent.len(), earlier_count), (3, late.len() - 3), "row {name}");
            }
        }
        // First seen: the payment after which the condition has held ever since.
        let b = paid_late(&[0, 0, 0, 30, 30, 30, 30]);
        let s = b.signal(SignalKind::PatternChange).unwrap();
        let Evidence::PatternChange { recent_average, earlier_median, .. } = &s.evidence else { panic!() };
        assert_eq!((*recent_average, *earlier_median), (dec("30"), dec("0"))); // median of 0,0,0,30
        // It needs three earlier invoices, so it is first checked after the 6th payment
        // ((30 + 30 + 30) / 3 against the median 0 of 0, 0, 0): true, and still true after the 7th.
        let sixth_paid = ago(100 + 20 * (7 - 5)) + Duration::days(30);
        assert_eq!(s.first_seen, sixth_paid);
        // Invoices still open do not count.
        let mut b = paid_late(&[0, 0, 0, 0, 0]);
        b.invoice("OPEN", ago(80), "100");
        assert!(b.signal(SignalKind::PatternChange).is_none());
    }

    #[test]
    fn score_change() {
        let rows: [(&str, &[u8], Option<Severity>); 8] = [
            ("dropped 15", &[70, 55], Some(Severity::Medium)),
            ("dropped 14", &[70, 56], None),
            ("below the floor", &[45, 39], Some(Severity::Medium)),
            ("at the floor", &[45, 40], None),
            ("dropped and below", &[60, 39], Some(Severity::High)),
            ("dropped 30", &[90, 60], Some(Severity::High)),
            ("one score below the floor", &[30], Some(Severity::Medium)),
            ("rose", &[40, 70], None),
        ];
        for (name, scores, want) in rows {
            let mut b = Book::new();
            for (i, s) in scores.iter().enumerate() {
                let on = ago(100 - 30 * i64::try_from(i).unwrap());
                b.l.add_score(b.c, ScoreEntry { date: on, score: *s, source: "Graydon".into() }).unwrap();
            }
            let got = b.signal(SignalKind::ScoreChange);
            assert_eq!(got.as_ref().map(|s| s.severity), want, "row {name}");
            if let Some(s) = got {
                assert_eq!(s.first_seen, ago(100 - 30 * i64::try_from(scores.len() - 1).unwrap()), "row {name}");
            }
        }
        // A score dated after today is not known yet.
        let mut b = Book::new();
        b.l.add_score(b.c, ScoreEntry { date: ago(10), score: 70, source: String::new() }).unwrap();
        b.l.add_score(b.c, ScoreEntry { date: today() + Duration::days(1), score: 10, source: String::new() }).unwrap();
        assert!(b.signal(SignalKind::ScoreChange).is_none());
    }

    #[test]
    fn skipped_payments() {
        // Older invoice O due 40 days ago; later invoice L due 20 days ago.
        type Pay = (i64, &'static str);
        let rows: [(&str, Option<Pay>, Pay, Want); 6] = [
            ("L paid while O overdue and open", None, (10, "100"), Some((10, Severity::Medium))),
            ("O paid first", Some((15, "100")), (10, "100"), None),
            ("O paid the same day", Some((10, "100")), (10, "100"), None),
            ("O partly paid", Some((15, "50")), (10, "100"), Some((10, Severity::Medium))),
            ("L only partly paid", None, (10, "60"), None),
            ("L paid before O was due", None, (45, "100"), None),
        ];
        for (name, o_paid, l_paid, want) in rows {
            let mut b = Book::new();
            let o = b.invoice("O", ago(40), "100");
            let l = b.invoice("L", ago(20), "100");
            if let Some((d, a)) = o_paid {
                b.pay(ago(d), &[(o, a)]);
            }
            b.pay(ago(l_paid.0), &[(l, l_paid.1)]);
            let got = b.signal(SignalKind::SkippedPayments);
            assert_eq!(shape(got.clone()), want.map(|(d, s)| (ago(d), s)), "row {name}");
            if let Some(Evidence::SkippedPayments { skips }) = got.map(|s| s.evidence) {
                assert_eq!((skips[0].paid, skips[0].skipped), (l, o), "row {name}");
            }
        }
        // Two payments that skip: High. Credit notes that settle a later invoice are not payments.
        let mut b = Book::new();
        b.invoice("O", ago(90), "100");
        let l1 = b.invoice("L1", ago(60), "100");
        let l2 = b.invoice("L2", ago(30), "100");
        b.pay(ago(50), &[(l1, "100")]);
        b.credit("C1", l2, ago(20), "100");
        assert_eq!(shape(b.signal(SignalKind::SkippedPayments)), Some((ago(50), Severity::Medium)));
        let l3 = b.invoice("L3", ago(25), "100");
        b.pay(ago(5), &[(l3, "100")]);
        assert_eq!(shape(b.signal(SignalKind::SkippedPayments)), Some((ago(50), Severity::High)));
        // Once O is written off, later payments no longer skip it.
        let mut b = Book::new();
        let o2 = b.invoice("O", ago(90), "100");
        let l = b.invoice("L", ago(60), "100");
        b.write_off(o2, ago(70));
        b.pay(ago(50), &[(l, "100")]);
        assert!(b.signal(SignalKind::SkippedPayments).is_none());
    }

    #[test]
    fn round_amounts() {
        // Payments on an invoice of 2000, 30 and 10 days ago.
        let rows: [(&str, &[&str], Want); 6] = [
            ("two round part payments", &["500", "100"], Some((10, Severity::Low))),
            ("one round, one not", &["500", "99.50"], None),
            ("round but paying the rest", &["1500", "500"], None),
            ("multiples of 50", &["150", "50"], Some((10, Severity::Low))),
            ("not a multiple of 50", &["120", "130"], None),
            ("four: seen at the second", &["100", "100", "100", "100"], Some((33, Severity::Medium))),
        ];
        for (name, amounts, want) in rows {
            let mut b = Book::new();
            let inv = b.invoice("A", ago(60), "2000");
            let n = amounts.len();
            for (i, a) in amounts.iter().enumerate() {
                let d = if i + 1 == n { 10 } else { 30 + i64::try_from(n - i).unwrap() };
                b.pay(ago(d), &[(inv, a)]);
            }
            assert_eq!(shape(b.signal(SignalKind::RoundAmounts)), want.map(|(d, s)| (ago(d), s)), "row {name}");
        }
        // A payment with an unallocated rest or without allocations: only what it pays counts.
        let mut b = Book::new();
        let inv = b.invoice("A", ago(60), "2000");
        b.pay_total(ago(20), "500", &[]);
        b.pay_total(ago(10), "500", &[(inv, "400")]);
        assert!(b.signal(SignalKind::RoundAmounts).is_none());
        b.pay_total(ago(5), "1000", &[(inv, "1000")]);
        assert_eq!(shape(b.signal(SignalKind::RoundAmounts)), Some((ago(5), Severity::Low)));
    }

    #[test]
    fn at_risk_is_the_overdue_amount_in_the_main_currency() {
        let mut b = Book::new();
        let a = b.invoice("A", ago(40), "1000");
        b.invoice("B", ago(10), "250");
        b.invoice("C", today() + Duration::days(5), "999");
        b.invoice_in("U", ago(40), "5000", "USD");
        b.pay(ago(5), &[(a, "300")]);
        for d in [3, 2, 1] {
            b.contact(ago(d), ContactOutcome::NoAnswer);
        }
        let s = b.signal(SignalKind::NoCommunication).unwrap();
        assert_eq!(s.at_risk, dec("950"));
    }

    #[test]
    fn all_signals_sorted_by_severity_then_amount() {
        let mut b = Book::new();
        let first = b.c;
        b.invoice("A", ago(40), "100");
        for d in [3, 2, 1] {
            b.contact(ago(d), ContactOutcome::NoAnswer);
        }
        let second = b.l.add_customer(Customer::new("D2", "Twee")).unwrap();
        b.c = second;
        b.invoice("B", ago(40), "900");
        for d in [3, 2, 1] {
            b.contact(ago(d), ContactOutcome::NoResponse);
        }
        b.event(None, ago(10), EventKind::ExtensionRequest { days: 10 });
        b.event(None, ago(5), EventKind::ExtensionRequest { days: 10 });
        let all = all_signals(&b.l, today(), &RiskSettings::default());
        let got: Vec<(CustomerId, SignalKind)> = all.iter().map(|s| (s.customer, s.kind)).collect();
        assert_eq!(
            got,
            vec![
                (second, SignalKind::NoCommunication),
                (first, SignalKind::NoCommunication),
                (second, SignalKind::LongerTerms),
            ]
        );
        assert!(all[0].at_risk > all[1].at_risk && all[1].at_risk == Decimal::from(100));
    }

    #[test]
    fn evidence_names_its_records() {
        let mut b = Book::new();
        let o = b.invoice("O", ago(40), "100");
        let l = b.invoice("L", ago(20), "100");
        let p = b.pay(ago(10), &[(l, "100")]);
        let s = b.signal(SignalKind::SkippedPayments).unwrap();
        assert_eq!(s.evidence.records(), vec![Record::Payment(p), Record::Invoice(l), Record::Invoice(o)]);
        assert_eq!(s.evidence.kind(), SignalKind::SkippedPayments);
    }

    #[test]
    fn threshold_zero_counts_as_one() {
        let mut b = Book::new();
        b.contact(ago(1), ContactOutcome::NoAnswer);
        let s = RiskSettings { silent_attempts: 0, ..RiskSettings::default() };
        assert!(b.signal_with(SignalKind::NoCommunication, &s).is_some());
        let empty = Book::new();
        assert!(empty.signal_with(SignalKind::NoCommunication, &s).is_none());
    }

    /// The demo ledger was written to show these stories; on 23 November 2026 it shows every
    /// signal (the brewery's last three payments came weeks later than its usual).
    #[test]
    fn the_demo_shows_the_signals() {
        let l = crate::demo::demo_ledger(today());
        let all = all_signals(&l, today(), &l.settings.risk);
        let name = |c: CustomerId| l.customer(c).map(|c| c.name.split_whitespace().next().unwrap_or("").to_string()).unwrap();
        let mut got: Vec<(String, SignalKind, Severity)> = all.iter().map(|s| (name(s.customer), s.kind, s.severity)).collect();
        got.sort();
        use Severity::{High, Low, Medium};
        use SignalKind as K;
        let mut want: Vec<(String, SignalKind, Severity)> = [
            ("Installatiebedrijf", K::NoCommunication, Medium),
            ("Installatiebedrijf", K::BrokenPromises, Medium),
            ("Installatiebedrijf", K::ScoreChange, Medium),
            ("Fietsfabriek.nl", K::ScoreChange, High),
            ("Fietsfabriek.nl", K::BuyingLess, Medium),
            ("Transportbedrijf", K::BuyingLess, Medium),
            ("Transportbedrijf", K::SkippedPayments, Medium),
            ("Transportbedrijf", K::RoundAmounts, Medium),
            ("Transportbedrijf", K::RecurringExcuses, Low),
            ("Tandartspraktijk", K::LingeringDispute, Medium),
            ("Tandartspraktijk", K::BuyingLess, Low),
            ("Architectenbureau", K::LingeringDispute, Low),
            ("Zorggroep", K::LongerTerms, Low),
            ("Kapsalon", K::BuyingLess, Medium),
            ("Hotel", K::BuyingLess, Low),
            ("Brouwerij", K::PatternChange, Low),
        ]
        .into_iter()
        .map(|(n, k, s)| (n.to_string(), k, s))
        .collect();
        want.sort();
        assert_eq!(got, want);
        // Every kind is shown.
        for k in SignalKind::ALL {
            assert!(all.iter().any(|s| s.kind == k), "{k:?}");
        }
        // The order: the one High first, then by amount at risk.
        assert_eq!(all[0].severity, High);
        assert!(all.windows(2).all(|w| w[0].severity > w[1].severity
            || (w[0].severity == w[1].severity && w[0].at_risk >= w[1].at_risk)));
        // Hofstede's silence: five attempts, first seen on the third (26 days ago).
        let silent = all.iter().find(|s| s.kind == K::NoCommunication).unwrap();
        assert_eq!(silent.first_seen, ago(26));
        // Van der Wal skipped 2026-0061 when paying a later invoice 15 days ago.
        let skip = all.iter().find(|s| s.kind == K::SkippedPayments).unwrap();
        assert_eq!(skip.first_seen, ago(15));
    }
}
