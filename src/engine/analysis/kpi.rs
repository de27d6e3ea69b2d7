//! Receivables figures (DOMAIN.md section 8): receivables "as of" any date, DSO (simple and
//! count-back), best possible DSO, average days delinquent, the collection effectiveness index
//! and the overdue share — in total, per customer, per group of customers, and as a monthly
//! series.
//!
//! # Definitions
//!
//! - **Receivables as of `t`** (end of that day): for every invoice dated on or before `t`, its
//!   amount less the payment allocations of payments dated on or before `t` and the credit notes
//!   dated on or before `t`, never below zero; an invoice written off on or before `t` counts 0
//!   (as in [`crate::engine::risk::behaviour`]). Records dated after `t` did not exist yet, so a
//!   figure for a past month is what the ledger said at the end of that month. Aged into the
//!   buckets of [`crate::engine::aging`]: an invoice due on `t` itself is *not yet due*
//!   ("current"); one day later it is 1–30 days past due.
//! - **Credit sales** of a period: invoices dated in the period minus credit notes dated in the
//!   period (net), in the invoice currency.
//! - **Period**: from `start` to `end`, both inclusive; its days = `end − start + 1`. Opening
//!   receivables are those as of the day before `start`, closing receivables those as of `end`.
//! - **DSO simple** = closing receivables / credit sales of the period × days of the period.
//! - **DSO count-back**: take the closing receivables and subtract the credit sales of the months
//!   before `end`, latest first (month `j` runs from [`months_back`]`(end, j+1)`, exclusive, to
//!   `months_back(end, j)`, inclusive, so with `end` on a month end they are calendar months). Each
//!   month wholly covered adds its days; the month in which the receivables run out adds
//!   `remaining / that month's sales × its days`. A month with no (or negative net) sales adds
//!   its days and leaves the remainder as it was. Month days follow [`MonthDays`]: by default 30
//!   each — the textbook convention, under which receivables of 212,000 against monthly sales of
//!   100,000, 80,000 and 70,000 (latest first) give 30 + 30 + 32,000/70,000 × 30 = 73.7 days;
//!   with [`MonthDays::Calendar`] each month counts its own days. When the sales of
//!   [`KpiOptions::count_back_months`] months do not cover the receivables, the figure is
//!   [`NotEnoughData::SalesDoNotCoverReceivables`].
//! - **Best possible DSO** = closing *current* (not yet due) receivables / credit sales × days.
//! - **Average days delinquent** = DSO simple − best possible DSO (both on the same basis).
//! - **CEI** = (opening + credit sales − closing total) / (opening + credit sales − closing
//!   current) × 100.
//! - **Overdue share** = closing overdue receivables / closing receivables × 100.
//!
//! No figure ever divides by zero: when the basis is missing the figure is a typed
//! [`NotEnoughData`] reason instead of a number. Figures are unrounded `Decimal`s; the UI rounds
//! where it shows them (one decimal).
//!
//! # Currencies
//!
//! Amounts in different currencies are never added: every figure is computed per currency, and
//! a [`KpiSet`] names its currency.
//!
//! # Cost
//!
//! [`Movements`] is built once per call: the payment allocations and credit notes of every invoice
//! are gathered and sorted per invoice, and the dates asked for are sorted once. Each invoice is
//! then walked once along the dates on which it was open (a pointer moves through its sorted
//! settlements), and each document adds its sales to the one month it falls in (binary search).
//! The cost is O(documents · log dates + settlements + Σ dates each invoice was open), never
//! invoices × months × invoices. Per-customer figures are computed once and added up into any
//! grouping (totals, segments), since receivables and sales are additive.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId, EventKind, InvoiceId, Ledger};
use crate::engine::aging::{Aging, Bucket};
use crate::engine::Pass;

/// Days past due at which each bucket after "not yet due" begins (see [`Bucket::for_days`]).
pub const BUCKET_STARTS: [i64; 4] = [1, 31, 61, 91];

/// A figure, or why there is none.
pub type Figure = Result<Decimal, NotEnoughData>;

/// Why a figure cannot be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotEnoughData {
    /// The net credit sales of the period are zero or negative.
    NoSales,
    /// Nothing is open at the end of the period.
    NoReceivables,
    /// Opening receivables plus sales minus closing current receivables is zero or less: there
    /// was nothing to collect in the period.
    NothingToCollect,
    /// The sales of this many months before the end do not cover the receivables.
    SalesDoNotCoverReceivables { months: u32 },
}

/// The receivables figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kpi {
    DsoSimple,
    DsoCountBack,
    BestPossibleDso,
    AverageDaysDelinquent,
    Cei,
    OverdueShare,
}

/// What a figure is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KpiUnit {
    Days,
    Percent,
}

impl Kpi {
    pub const ALL: [Kpi; 6] = [
        Kpi::DsoSimple,
        Kpi::DsoCountBack,
        Kpi::BestPossibleDso,
        Kpi::AverageDaysDelinquent,
        Kpi::Cei,
        Kpi::OverdueShare,
    ];

    pub fn unit(self) -> KpiUnit {
        match self {
            Kpi::Cei | Kpi::OverdueShare => KpiUnit::Percent,
            _ => KpiUnit::Days,
        }
    }

    /// Whether a higher value is better (CEI) or worse (the others).
    pub fn higher_is_better(self) -> bool {
        self == Kpi::Cei
    }
}

/// How many days a month counts in the count-back DSO.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MonthDays {
    /// Every month 30 days (the textbook convention).
    #[default]
    Thirty,
    /// Each month its own number of days.
    Calendar,
}

/// Settings of the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KpiOptions {
    pub month_days: MonthDays,
    /// How many months back the count-back DSO may look.
    pub count_back_months: u32,
    /// The length, in months, of the period of each point of a monthly series: the DSO of a
    /// point divides by the sales of this many months ending on the point.
    pub series_period_months: u32,
}

impl Default for KpiOptions {
    fn default() -> Self {
        KpiOptions { month_days: MonthDays::Thirty, count_back_months: 12, series_period_months: 3 }
    }
}

/// A period, both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// `None` when `start` is after `end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        (start <= end).then_some(Period { start, end })
    }

    /// The `months` months ending on `end`: from the day after `end − months` to `end`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use stipt::engine::analysis::kpi::Period;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// assert_eq!(Period::months_ending(d(3, 31), 3), Period { start: d(1, 1), end: d(3, 31) });
    /// assert_eq!(Period::months_ending(d(3, 15), 1), Period { start: d(2, 16), end: d(3, 15) });
    /// ```
    pub fn months_ending(end: NaiveDate, months: u32) -> Period {
        let before = months_back(end, months);
        Period { start: before.succ_opt().unwrap_or(before).min(end), end }
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The day before the start: the date of the opening receivables.
    pub fn opening_date(&self) -> NaiveDate {
        self.start.pred_opt().unwrap_or(self.start)
    }
}

/// `date` minus `months` months: from a month's last day the last day of that earlier month
/// (30 June − 1 = 31 May), otherwise the same day of the month, clamped to the month's end
/// (15 March − 1 = 15 February, 30 March − 1 = 28 February).
///
/// ```
/// use chrono::NaiveDate;
/// use stipt::engine::analysis::kpi::months_back;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// assert_eq!(months_back(d(6, 30), 1), d(5, 31));
/// assert_eq!(months_back(d(3, 31), 1), d(2, 28));
/// assert_eq!(months_back(d(2, 28), 1), d(1, 31));
/// assert_eq!(months_back(d(3, 30), 1), d(2, 28));
/// assert_eq!(months_back(d(3, 15), 2), d(1, 15));
/// ```
pub fn months_back(date: NaiveDate, months: u32) -> NaiveDate {
    let is_month_end = date.succ_opt().is_none_or(|next| next.month() != date.month());
    if is_month_end {
        let first = date.with_day(1).unwrap_or(date);
        first
            .checked_sub_months(Months::new(months))
            .and_then(|f| f.checked_add_months(Months::new(1)))
            .and_then(|n| n.pred_opt())
            .unwrap_or(NaiveDate::MIN)
    } else {
        date.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
    }
}

// ----- the ledger as movements over time -----

/// The figures of one group in one currency on one date of a [`Movements`] query.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Receivables at the end of the date, per bucket (in [`Bucket::ALL`] order).
    pub open: [Decimal; 5],
    /// Number of open invoices per bucket.
    pub counts: [u32; 5],
    /// Net credit sales after the previous date of the query up to and including this one (for
    /// the first date: everything up to it).
    pub sales: Decimal,
}

impl Cell {
    fn add(&mut self, other: &Cell) {
        for i in 0..5 {
            self.open[i] += other.open[i];
            self.counts[i] += other.counts[i];
        }
        self.sales += other.sales;
    }

    pub fn total(&self) -> Decimal {
        self.open.iter().copied().sum()
    }

    pub fn current(&self) -> Decimal {
        self.open[0]
    }

    pub fn overdue(&self) -> Decimal {
        self.open[1..].iter().copied().sum()
    }
}

/// Figures per (group, currency) on each of a sorted list of dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid<G: Ord> {
    /// Ascending, without duplicates.
    pub dates: Vec<NaiveDate>,
    /// One [`Cell`] per date.
    pub cells: BTreeMap<(G, Currency), Vec<Cell>>,
}

impl<G: Ord + Clone> Grid<G> {
    /// Adds the groups up into coarser ones (`None`: left out).
    pub fn regroup<H: Ord + Clone>(&self, to: impl Fn(&G) -> Option<H>) -> Grid<H> {
        let mut cells: BTreeMap<(H, Currency), Vec<Cell>> = BTreeMap::new();
        for ((g, currency), row) in &self.cells {
            let Some(h) = to(g) else { continue };
            let target = cells.entry((h, *currency)).or_insert_with(|| vec![Cell::default(); self.dates.len()]);
            for (t, c) in target.iter_mut().zip(row) {
                t.add(c);
            }
        }
        Grid { dates: self.dates.clone(), cells }
    }
}

/// One invoice and what settled it, sorted by date.
struct Doc {
    customer: CustomerId,
    currency: Currency,
    date: NaiveDate,
    due: NaiveDate,
    amount: Decimal,
    settlements: Vec<(NaiveDate, Decimal)>,
    written_off: Option<NaiveDate>,
}

/// The ledger reduced to what the receivables figures need, gathered once.
pub struct Movements {
    docs: Vec<Doc>,
    /// Every invoice (+) and credit note (−) as a sale: (date, customer, currency, amount).
    sales: Vec<(NaiveDate, CustomerId, Currency, Decimal)>,
}

impl Movements {
    /// Gathers the invoices, payment allocations, credit notes and write-offs in one pass each.
    pub fn new(ledger: &Ledger) -> Movements {
        // The position in `docs` of each invoice, by invoice id: ids are small dense numbers, and
        // a vector costs a fraction of hashing every id.
        let mut at: Vec<Option<usize>> = vec![None; ledger.max_ids().1 as usize + 1];
        let find = |at: &[Option<usize>], id: InvoiceId| at.get(id.0 as usize).copied().flatten();
        let mut docs: Vec<Doc> = Vec::with_capacity(ledger.invoices().len());
        let mut sales = Vec::new();
        for inv in ledger.invoices() {
            let sign = if inv.is_credit_note() { Decimal::NEGATIVE_ONE } else { Decimal::ONE };
            sales.push((inv.date, inv.customer, inv.amount.currency, sign * inv.amount.amount));
            if !inv.is_credit_note() {
                if let Some(a) = at.get_mut(inv.id.0 as usize) {
                    *a = Some(docs.len());
                }
                docs.push(Doc {
                    customer: inv.customer,
                    currency: inv.amount.currency,
                    date: inv.date,
                    due: inv.due,
                    amount: inv.amount.amount,
                    settlements: Vec::new(),
                    written_off: None,
                });
            }
        }
        for cn in ledger.invoices() {
            if let Some(doc) = cn.credits.and_then(|t| find(&at, t)).and_then(|i| docs.get_mut(i)) {
                doc.settlements.push((cn.date, cn.amount.amount));
            }
        }
        for p in ledger.payments() {
            for a in p.allocations() {
                if let Some(doc) = find(&at, a.invoice).and_then(|i| docs.get_mut(i)) {
                    doc.settlements.push((p.date, a.amount));
                }
            }
        }
        for e in ledger.events() {
            if let (EventKind::WrittenOff, Some(doc)) =
                (&e.kind, e.invoice.and_then(|t| find(&at, t)).and_then(|i| docs.get_mut(i)))
            {
                doc.written_off = Some(doc.written_off.map_or(e.date, |w| w.min(e.date)));
            }
        }
        for d in &mut docs {
            d.settlements.sort_by_key(|s| s.0);
        }
        Movements { docs, sales }
    }

    /// The figures on each of `dates` (sorted and deduplicated here) per group of customers:
    /// `group` maps a customer to its group, `None` leaves it out.
    pub fn grid<G: Ord + Clone>(&self, dates: &[NaiveDate], group: impl Fn(CustomerId) -> Option<G>) -> Grid<G> {
        let mut dates: Vec<NaiveDate> = dates.to_vec();
        dates.sort_unstable();
        dates.dedup();
        let n = dates.len();
        let mut cells: BTreeMap<(G, Currency), Vec<Cell>> = BTreeMap::new();
        // Each customer's group, asked once, by customer id (every document is one look-up).
        let size = self.sales.iter().map(|s| s.1 .0 as usize + 1).max().unwrap_or(0);
        let mut memo: Vec<Option<Option<G>>> = vec![None; size];
        let mut group_of = |c: CustomerId| match memo.get_mut(c.0 as usize) {
            Some(slot) => slot.get_or_insert_with(|| group(c)).clone(),
            None => group(c),
        };
        if n == 0 {
            return Grid { dates, cells };
        }
        for (date, customer, currency, amount) in &self.sales {
            let k = dates.partition_point(|d| d < date);
            if k == n {
                continue;
            }
            let Some(g) = group_of(*customer) else { continue };
            cells.entry((g, *currency)).or_insert_with(|| vec![Cell::default(); n])[k].sales += *amount;
        }
        for doc in &self.docs {
            let first = dates.partition_point(|d| *d < doc.date);
            if first == n {
                continue;
            }
            let Some(g) = group_of(doc.customer) else { continue };
            let row = cells.entry((g, doc.currency)).or_insert_with(|| vec![Cell::default(); n]);
            let mut settled = Decimal::ZERO;
            let mut next = 0;
            for (k, t) in dates.iter().enumerate().skip(first) {
                if doc.written_off.is_some_and(|w| w <= *t) {
                    break;
                }
                while let Some((_, a)) = doc.settlements.get(next).filter(|s| s.0 <= *t) {
                    settled += *a;
                    next += 1;
                }
                let open = doc.amount - settled;
                if open <= Decimal::ZERO {
                    break;
                }
                let bucket = Bucket::for_days((*t - doc.due).num_days()) as usize;
                row[k].open[bucket] += open;
                row[k].counts[bucket] += 1;
            }
        }
        Grid { dates, cells }
    }
}

/// Receivables per currency as of each of `dates` (sorted ascending), reconstructed from the
/// ledger as it was on each date, as [`Aging`]s.
pub fn receivables_at(ledger: &Ledger, dates: &[NaiveDate]) -> Vec<Aging> {
    let grid = Movements::new(ledger).grid(dates, |_| Some(()));
    grid.dates.iter().enumerate().map(|(k, d)| aging_of(&grid, *d, k, |_| true)).collect()
}

/// Receivables per customer as of `date` (customers with nothing open are absent).
pub fn receivables_by_customer(ledger: &Ledger, date: NaiveDate) -> BTreeMap<CustomerId, Aging> {
    let grid = Movements::new(ledger).grid(&[date], Some);
    let customers: BTreeSet<CustomerId> = grid.cells.keys().map(|(c, _)| *c).collect();
    customers
        .into_iter()
        .map(|c| (c, aging_of(&grid, date, 0, |g| *g == c)))
        .filter(|(_, a)| a.open_count() > 0)
        .collect()
}

fn aging_of<G: Ord>(grid: &Grid<G>, date: NaiveDate, k: usize, take: impl Fn(&G) -> bool) -> Aging {
    let mut out = Aging { as_of: Some(date), ..Aging::default() };
    for ((g, currency), row) in &grid.cells {
        if !take(g) {
            continue;
        }
        let c = &row[k];
        if c.counts.iter().all(|n| *n == 0) {
            continue;
        }
        let slot = out.per_currency.entry(*currency).or_insert([Decimal::ZERO; 5]);
        for (i, s) in slot.iter_mut().enumerate() {
            *s += c.open[i];
            out.counts[i] += c.counts[i] as usize;
        }
    }
    out
}

// ----- the figures -----

/// One month of the count-back: the sales of the month and the days it adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountBackStep {
    /// First and last day of the month.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sales: Decimal,
    /// Receivables still to explain before this month.
    pub remaining: Decimal,
    /// Days this month counts (30, or its own days).
    pub month_days: Decimal,
    /// Days it adds to the DSO.
    pub days: Decimal,
}

/// What the figures of one group and currency are computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiBase {
    pub period: Period,
    /// Receivables at the end of the day before the period.
    pub opening: Decimal,
    /// Receivables at the end of the period, per bucket ([`Bucket::ALL`] order).
    pub closing: [Decimal; 5],
    /// Net credit sales of the period.
    pub sales: Decimal,
    /// The months before the end, latest first: (first day, last day, month days, sales).
    pub months: Vec<(NaiveDate, NaiveDate, Decimal, Decimal)>,
}

impl KpiBase {
    pub fn closing_total(&self) -> Decimal {
        self.closing.iter().copied().sum()
    }
    pub fn closing_current(&self) -> Decimal {
        self.closing[Bucket::NotDue as usize]
    }
    pub fn closing_overdue(&self) -> Decimal {
        self.closing_total() - self.closing_current()
    }
    fn is_empty(&self) -> bool {
        self.opening.is_zero()
            && self.closing_total().is_zero()
            && self.sales.is_zero()
            && self.months.iter().all(|m| m.3.is_zero())
    }
}

/// Every figure of one group in one currency, with what they are computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiSet {
    pub currency: Currency,
    pub base: KpiBase,
    pub dso_simple: Figure,
    pub dso_count_back: Figure,
    pub best_possible_dso: Figure,
    pub average_days_delinquent: Figure,
    pub cei: Figure,
    pub overdue_share: Figure,
    /// The months the count-back went through, latest first.
    pub count_back: Vec<CountBackStep>,
}

impl KpiSet {
    pub fn value(&self, kpi: Kpi) -> Figure {
        match kpi {
            Kpi::DsoSimple => self.dso_simple,
            Kpi::DsoCountBack => self.dso_count_back,
            Kpi::BestPossibleDso => self.best_possible_dso,
            Kpi::AverageDaysDelinquent => self.average_days_delinquent,
            Kpi::Cei => self.cei,
            Kpi::OverdueShare => self.overdue_share,
        }
    }

    /// Computes every figure from its base, by the definitions of the module.
    pub fn from_base(currency: Currency, base: KpiBase) -> KpiSet {
        let days = Decimal::from(base.period.days());
        let per_sales = |amount: Decimal| -> Figure {
            if base.sales <= Decimal::ZERO {
                Err(NotEnoughData::NoSales)
            } else {
                Ok(amount / base.sales * days)
            }
        };
        let dso_simple = per_sales(base.closing_total());
        let best_possible_dso = per_sales(base.closing_current());
        let average_days_delinquent = match (dso_simple, best_possible_dso) {
            (Ok(a), Ok(b)) => Ok(a - b),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        let collectable = base.opening + base.sales - base.closing_current();
        let cei = if collectable <= Decimal::ZERO {
            Err(NotEnoughData::NothingToCollect)
        } else {
            Ok((base.opening + base.sales - base.closing_total()) / collectable * Decimal::ONE_HUNDRED)
        };
        let total = base.closing_total();
        let overdue_share = if total <= Decimal::ZERO {
            Err(NotEnoughData::NoReceivables)
        } else {
            Ok(base.closing_overdue() / total * Decimal::ONE_HUNDRED)
        };
        let (dso_count_back, count_back) = count_back(total, &base.months);
        KpiSet {
            currency,
            base,
            dso_simple,
            dso_count_back,
            best_possible_dso,
            average_days_delinquent,
            cei,
            overdue_share,
            count_back,
        }
    }
}

/// The count-back DSO of `receivables` against `months` (latest first: first day, last day,
/// month days, sales), with its steps.
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use stipt::engine::analysis::kpi::count_back;
/// let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let m = |sales: i64| (d, d, Decimal::from(30), Decimal::from(sales));
/// let (dso, steps) = count_back(Decimal::from(212_000), &[m(100_000), m(80_000), m(70_000)]);
/// assert_eq!(dso.unwrap().round_dp(1), "73.7".parse().unwrap());
/// assert_eq!(steps.len(), 3);
/// ```
pub fn count_back(
    receivables: Decimal,
    months: &[(NaiveDate, NaiveDate, Decimal, Decimal)],
) -> (Figure, Vec<CountBackStep>) {
    let mut remaining = receivables;
    let mut days = Decimal::ZERO;
    let mut steps = Vec::new();
    if receivables <= Decimal::ZERO {
        let any_sales = months.iter().any(|m| !m.3.is_zero());
        return (if any_sales { Ok(Decimal::ZERO) } else { Err(NotEnoughData::NoSales) }, steps);
    }
    for (from, to, month_days, sales) in months {
        // A month without (positive) sales, or wholly covered, counts whole.
        let add =
            if *sales <= Decimal::ZERO || remaining >= *sales { *month_days } else { remaining / *sales * *month_days };
        steps.push(CountBackStep {
            from: *from,
            to: *to,
            sales: *sales,
            remaining,
            month_days: *month_days,
            days: add,
        });
        days += add;
        if *sales > Decimal::ZERO {
            remaining = (remaining - *sales).max(Decimal::ZERO);
        }
        if remaining.is_zero() {
            return (Ok(days), steps);
        }
    }
    let months = u32::try_from(months.len()).unwrap_or(u32::MAX);
    (Err(NotEnoughData::SalesDoNotCoverReceivables { months }), steps)
}

/// Which customers a figure is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Customer(CustomerId),
    Customers(BTreeSet<CustomerId>),
}

impl Scope {
    pub fn contains(&self, c: CustomerId) -> bool {
        match self {
            Scope::All => true,
            Scope::Customer(id) => *id == c,
            Scope::Customers(set) => set.contains(&c),
        }
    }
}

/// The dates a period's figures need: the opening date, the end, and the month boundaries of
/// the count-back.
fn period_dates(period: Period, options: &KpiOptions) -> Vec<NaiveDate> {
    let mut dates = vec![period.opening_date()];
    dates.extend(period_bounds(period, options));
    dates
}

/// The month boundaries of a period's count-back: the end, then the end minus 1, 2, … months.
fn period_bounds(period: Period, options: &KpiOptions) -> Vec<NaiveDate> {
    (0..=options.count_back_months).map(|j| months_back(period.end, j)).collect()
}

/// The figures per currency of the customers in `scope`, for `period`.
pub fn kpis(ledger: &Ledger, period: Period, options: &KpiOptions, scope: &Scope) -> BTreeMap<Currency, KpiSet> {
    kpis_with(&Pass::new(ledger), period, options, scope)
}

/// [`kpis`] from a [`Pass`] over the ledger that other computations share.
pub fn kpis_with(pass: &Pass<'_>, period: Period, options: &KpiOptions, scope: &Scope) -> BTreeMap<Currency, KpiSet> {
    let grid = pass.movements().grid(&period_dates(period, options), |c| scope.contains(c).then_some(()));
    sets_of(&grid, period, options).into_iter().map(|((_, c), s)| (c, s)).collect()
}

/// The figures of every group of a grid for `period` (groups with nothing at all are left out).
pub fn sets_of<G: Ord + Clone>(
    grid: &Grid<G>,
    period: Period,
    options: &KpiOptions,
) -> BTreeMap<(G, Currency), KpiSet> {
    let bounds = period_bounds(period, options);
    grid.cells
        .iter()
        .map(|((g, currency), row)| ((g.clone(), *currency), base_of(&grid.dates, row, period, &bounds, options)))
        .filter(|(_, base)| !base.is_empty())
        .map(|((g, currency), base)| ((g, currency), KpiSet::from_base(currency, base)))
        .collect()
}

/// The figures for one period in total and per customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiReport {
    pub period: Period,
    pub total: BTreeMap<Currency, KpiSet>,
    /// Customers with any receivable or sale in the dates looked at.
    pub customers: BTreeMap<CustomerId, BTreeMap<Currency, KpiSet>>,
}

/// The figures of `period` in total and per customer, from one pass over the ledger.
pub fn kpi_report(ledger: &Ledger, period: Period, options: &KpiOptions) -> KpiReport {
    kpi_report_with(&Pass::new(ledger), period, options)
}

/// [`kpi_report`] from a [`Pass`] over the ledger that other computations share.
pub fn kpi_report_with(pass: &Pass<'_>, period: Period, options: &KpiOptions) -> KpiReport {
    let grid = pass.movements().grid(&period_dates(period, options), Some);
    let total = sets_of(&grid.regroup(|_| Some(())), period, options).into_iter().map(|((_, c), s)| (c, s)).collect();
    let mut customers: BTreeMap<CustomerId, BTreeMap<Currency, KpiSet>> = BTreeMap::new();
    for ((c, currency), set) in sets_of(&grid, period, options) {
        customers.entry(c).or_default().insert(currency, set);
    }
    KpiReport { period, total, customers }
}

/// The figures per group of customers (`group` maps a customer to its group, `None` leaves it
/// out), for `period`.
pub fn kpis_by<G: Ord + Clone>(
    ledger: &Ledger,
    period: Period,
    options: &KpiOptions,
    group: impl Fn(CustomerId) -> Option<G>,
) -> BTreeMap<G, BTreeMap<Currency, KpiSet>> {
    let grid = Movements::new(ledger).grid(&period_dates(period, options), group);
    let mut out: BTreeMap<G, BTreeMap<Currency, KpiSet>> = BTreeMap::new();
    for ((g, currency), set) in sets_of(&grid, period, options) {
        out.entry(g).or_default().insert(currency, set);
    }
    out
}

/// One point of a monthly series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesPoint {
    /// The [`KpiOptions::series_period_months`] months ending on the point.
    pub period: Period,
    pub kpis: BTreeMap<Currency, KpiSet>,
}

/// The figures of the customers in `scope` at the end of each of the last `months` months
/// (oldest first): the points end on [`months_back`]`(today, k)` for k = months−1 … 0, so the
/// last point ends on `today` and, with `today` on a month end, the others on month ends. The
/// months of every point are months of the series (`months_back(today, k + j)`), so with `today`
/// on a month end or a day up to the 28th, each point's figures equal those of [`kpis`] for its
/// period. Every point reads
/// the ledger as it was on its end date. One pass over the ledger for the whole series.
pub fn kpi_series(
    ledger: &Ledger,
    today: NaiveDate,
    months: u32,
    options: &KpiOptions,
    scope: &Scope,
) -> Vec<SeriesPoint> {
    let period_months = options.series_period_months.max(1);
    let back = months + period_months.max(options.count_back_months) + 1;
    let boundaries: Vec<NaiveDate> = (0..=back).map(|k| months_back(today, k)).collect();
    let grid = Movements::new(ledger).grid(&boundaries, |c| scope.contains(c).then_some(()));
    (0..months)
        .rev()
        .map(|k| {
            let end = boundaries[k as usize];
            let start_before = boundaries[(k + period_months) as usize];
            let period = Period { start: (start_before + Duration::days(1)).min(end), end };
            let kpis = grid
                .cells
                .iter()
                .map(|((_, currency), row)| {
                    let base = base_of(&grid.dates, row, period, &boundaries[k as usize..], options);
                    (*currency, KpiSet::from_base(*currency, base))
                })
                .filter(|(_, s)| !s.base.is_empty())
                .collect();
            SeriesPoint { period, kpis }
        })
        .collect()
}

/// The base of one row of a grid for `period`, with the count-back months between `bounds`
/// (`bounds[0]` is the end, `bounds[j]` j months earlier). Every date used must be in the grid.
fn base_of(dates: &[NaiveDate], row: &[Cell], period: Period, bounds: &[NaiveDate], options: &KpiOptions) -> KpiBase {
    let idx = |d: NaiveDate| dates.binary_search(&d).unwrap_or(0);
    let sales_between = |a: NaiveDate, b: NaiveDate| -> Decimal {
        let (i, j) = (idx(a), idx(b));
        if j <= i {
            Decimal::ZERO
        } else {
            row[i + 1..=j].iter().map(|c| c.sales).sum()
        }
    };
    let months = bounds
        .windows(2)
        .take(options.count_back_months as usize)
        .map(|w| {
            let (to, before) = (w[0], w[1]);
            let month_days = match options.month_days {
                MonthDays::Thirty => Decimal::from(30),
                MonthDays::Calendar => Decimal::from((to - before).num_days()),
            };
            (before + Duration::days(1), to, month_days, sales_between(before, to))
        })
        .collect();
    KpiBase {
        period,
        opening: row[idx(period.opening_date())].total(),
        closing: row[idx(period.end)].open,
        sales: sales_between(period.opening_date(), period.end),
        months,
    }
}
