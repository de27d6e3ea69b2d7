//! Customer segments (DOMAIN.md section 9): customers grouped on the dimensions the user picks,
//! with revenue, margin, payment grade, score and a Pareto (ABC) class per segment.
//!
//! # Per customer, for a period and one currency
//!
//! - **Active customers**: customers with at least one invoice or credit note in the currency
//!   dated in the period. Only they are segmented.
//! - **Revenue**: invoices dated in the period minus credit notes dated in the period.
//! - **Margin** of an invoice: [`Margin::Amount`] as given, [`Margin::Percent`] as that percent
//!   of the invoice amount. A credit note subtracts its own margin if it has one, otherwise the
//!   same share of its invoice's margin as it credits of the invoice's amount. The margin percent
//!   of a customer or segment is margin / the revenue of the documents whose margin is known
//!   × 100; documents without a margin are left out of both, and with none at all the margin is
//!   unknown.
//! - **Morality**: the payment grade of [`crate::engine::risk::behaviour`] as of the period's
//!   end (with the ledger's risk settings); no grade when nothing counts yet.
//! - **Creditworthiness**: the latest external score dated on or before the period's end.
//!
//! # Dimensions and classes
//!
//! - **Revenue class**: the customers' own Pareto: sorted by revenue (highest first), a customer
//!   is A while the revenue of the customers before it is less than 80% of the total, B while it
//!   is less than 95%, C after that; a customer without positive revenue has no class.
//! - **Margin class**: low below [`SegmentOptions::margin_low_below`] percent (10), high from
//!   [`SegmentOptions::margin_high_from`] (25), middle in between; unknown without a margin.
//! - **Morality**: the grade letter, or none.
//! - **Creditworthiness**: weak below [`SegmentOptions::score_weak_below`] (40), good from
//!   [`SegmentOptions::score_good_from`] (70), medium in between; none without a score.
//! - **Sector**: compared trimmed and case-insensitively, shown as the first customer (by id)
//!   wrote it; an empty sector is a segment of its own.
//! - **Size class**, unknown included.
//! - **Region**: [`Region::of`] the customer's country and postcode (see `domain::market`).
//!
//! A [`SegmentKey`] is any combination of these, kept in the order of [`Dimension::ALL`].
//!
//! # Per segment
//!
//! Customers, revenue, margin (amount and percent), average revenue per customer (revenue /
//! customers), average grade (A = 1, B = 2, C = 3, D = 4, the plain mean over the customers that
//! have a grade, to two decimals; its letter is the mean rounded half away from zero), average
//! score (over the customers with one), share of the total revenue in percent, and the ABC
//! class: rows sorted by revenue (highest first, then by segment), a segment is A while the
//! revenue of the segments before it is less than 80% of the total (so the segment that crosses
//! 80% is still A), B while it is less than 95%, C for the rest and for every segment without
//! positive revenue. With no positive total revenue there are no shares and every segment is C.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::kpi::{kpis_by, KpiOptions, KpiSet, Period};
use crate::domain::{sector_key, Currency, Customer, CustomerId, Invoice, Ledger, Margin, Region, SizeClass};
use crate::engine::risk::behaviour::all_behaviour;
use crate::engine::risk::Grade;

/// What customers can be segmented on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Revenue,
    Margin,
    Morality,
    Creditworthiness,
    Sector,
    SizeClass,
    Region,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Revenue,
        Dimension::Margin,
        Dimension::Morality,
        Dimension::Creditworthiness,
        Dimension::Sector,
        Dimension::SizeClass,
        Dimension::Region,
    ];

    /// Sector, size class and region: the dimensions the market counts are given in.
    pub fn is_market(self) -> bool {
        matches!(self, Dimension::Sector | Dimension::SizeClass | Dimension::Region)
    }
}

/// The dimensions the user segments on, without duplicates, in [`Dimension::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SegmentKey(Vec<Dimension>);

impl SegmentKey {
    pub fn new(dimensions: impl IntoIterator<Item = Dimension>) -> SegmentKey {
        let set: BTreeSet<Dimension> = dimensions.into_iter().collect();
        SegmentKey(set.into_iter().collect())
    }

    pub fn dimensions(&self) -> &[Dimension] {
        &self.0
    }

    pub fn contains(&self, d: Dimension) -> bool {
        self.0.contains(&d)
    }

    /// Made of sector, size class and region only (and at least one of them): the keys the
    /// market counts can be compared with.
    pub fn is_market_only(&self) -> bool {
        !self.0.is_empty() && self.0.iter().all(|d| d.is_market())
    }
}

/// Pareto class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Abc {
    A,
    B,
    C,
}

/// Margin class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarginClass {
    High,
    Middle,
    Low,
}

/// Creditworthiness class of the external score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScoreBand {
    Good,
    Medium,
    Weak,
}

/// The value of a customer on one dimension.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SegmentPart {
    /// The customer's revenue class; `None`: no positive revenue.
    Revenue(Option<Abc>),
    /// `None`: no margin known.
    Margin(Option<MarginClass>),
    /// `None`: no payment grade yet.
    Morality(Option<Grade>),
    /// `None`: no score.
    Creditworthiness(Option<ScoreBand>),
    /// The sector as first written (compared case-insensitively).
    Sector(String),
    /// `None`: size class unknown.
    Size(Option<SizeClass>),
    Region(Region),
}

impl SegmentPart {
    pub fn dimension(&self) -> Dimension {
        match self {
            SegmentPart::Revenue(_) => Dimension::Revenue,
            SegmentPart::Margin(_) => Dimension::Margin,
            SegmentPart::Morality(_) => Dimension::Morality,
            SegmentPart::Creditworthiness(_) => Dimension::Creditworthiness,
            SegmentPart::Sector(_) => Dimension::Sector,
            SegmentPart::Size(_) => Dimension::SizeClass,
            SegmentPart::Region(_) => Dimension::Region,
        }
    }

    /// Order within a dimension: best or smallest first, unknown last.
    fn rank(&self) -> u8 {
        fn opt<T>(v: &Option<T>, f: impl Fn(&T) -> u8) -> u8 {
            v.as_ref().map_or(u8::MAX, f)
        }
        match self {
            SegmentPart::Revenue(v) => opt(v, |a| *a as u8),
            SegmentPart::Margin(v) => opt(v, |m| *m as u8),
            SegmentPart::Morality(v) => opt(v, |g| *g as u8),
            SegmentPart::Creditworthiness(v) => opt(v, |s| *s as u8),
            SegmentPart::Size(v) => opt(v, |s| *s as u8),
            SegmentPart::Sector(_) | SegmentPart::Region(_) => 0,
        }
    }
}

impl Ord for SegmentPart {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.dimension(), self.rank()).cmp(&(other.dimension(), other.rank())).then_with(|| match (self, other) {
            (SegmentPart::Sector(a), SegmentPart::Sector(b)) => a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)),
            (SegmentPart::Region(a), SegmentPart::Region(b)) => a.cmp(b),
            _ => Ordering::Equal,
        })
    }
}

impl PartialOrd for SegmentPart {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A segment: one part per dimension of the key, in the key's order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentValue(pub Vec<SegmentPart>);

impl SegmentValue {
    pub fn part(&self, d: Dimension) -> Option<&SegmentPart> {
        self.0.iter().find(|p| p.dimension() == d)
    }
}

/// Settings of the segmentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SegmentOptions {
    /// The currency of the revenue and margin figures (other currencies are not in the report).
    pub currency: Currency,
    pub margin_low_below: Decimal,
    pub margin_high_from: Decimal,
    pub score_weak_below: u8,
    pub score_good_from: u8,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions {
            currency: Currency::EUR,
            margin_low_below: Decimal::from(10),
            margin_high_from: Decimal::from(25),
            score_weak_below: 40,
            score_good_from: 70,
        }
    }
}

/// What a customer brings into the segmentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerProfile {
    pub customer: CustomerId,
    pub revenue: Decimal,
    /// The margin of the documents whose margin is known, and their revenue.
    pub margin: Option<Decimal>,
    pub margin_base: Decimal,
    pub grade: Option<Grade>,
    pub score: Option<u8>,
    pub revenue_class: Option<Abc>,
    pub sector: String,
    pub size_class: Option<SizeClass>,
    pub region: Region,
}

impl CustomerProfile {
    pub fn margin_percent(&self) -> Option<Decimal> {
        percent_of(self.margin?, self.margin_base)
    }
}

fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (whole > Decimal::ZERO).then(|| part / whole * Decimal::ONE_HUNDRED)
}

fn margin_of(inv: &Invoice) -> Option<Decimal> {
    inv.margin.map(|m| match m {
        Margin::Amount(a) => a,
        Margin::Percent(p) => inv.amount.amount * p / Decimal::ONE_HUNDRED,
    })
}

/// The Pareto class of each value, by the rule of the module: sorted highest first, A while
/// what comes before is less than 80% of the total, B while less than 95%, C after; `None` for
/// a value that is not positive. Returns the classes in the order of `values`.
pub fn pareto(values: &[Decimal]) -> Vec<Option<Abc>> {
    let total: Decimal = values.iter().filter(|v| **v > Decimal::ZERO).copied().sum();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*b].cmp(&values[*a]).then(a.cmp(b)));
    let mut out = vec![None; values.len()];
    let mut before = Decimal::ZERO;
    for i in order {
        if values[i] <= Decimal::ZERO || total <= Decimal::ZERO {
            continue;
        }
        let share = before / total * Decimal::ONE_HUNDRED;
        out[i] = Some(if share < Decimal::from(80) {
            Abc::A
        } else if share < Decimal::from(95) {
            Abc::B
        } else {
            Abc::C
        });
        before += values[i];
    }
    out
}

/// The profiles of the active customers of `period` (see the module documentation).
pub fn profiles(ledger: &Ledger, period: Period, options: &SegmentOptions) -> Vec<CustomerProfile> {
    let in_period = |d: NaiveDate| d >= period.start && d <= period.end;
    let mut sums: BTreeMap<CustomerId, (Decimal, Option<Decimal>, Decimal)> = BTreeMap::new();
    for doc in ledger.invoices().filter(|i| i.amount.currency == options.currency && in_period(i.date)) {
        let (revenue, margin, base) = sums.entry(doc.customer).or_insert((Decimal::ZERO, None, Decimal::ZERO));
        let amount = doc.amount.amount;
        let doc_margin = match doc.credits {
            None => margin_of(doc),
            Some(target) => margin_of(doc).map(|m| -m).or_else(|| {
                let t = ledger.invoice(target)?;
                let m = margin_of(t)?;
                (t.amount.amount > Decimal::ZERO).then(|| -(m * amount / t.amount.amount))
            }),
        };
        let signed = if doc.is_credit_note() { -amount } else { amount };
        *revenue += signed;
        if let Some(m) = doc_margin {
            *margin = Some(margin.unwrap_or_default() + m);
            *base += signed;
        }
    }
    let behaviour = all_behaviour(ledger, period.end, &ledger.settings.risk);
    let revenues: Vec<Decimal> = sums.values().map(|s| s.0).collect();
    let classes = pareto(&revenues);
    let mut first_spelling: HashMap<String, String> = HashMap::new();
    for c in ledger.customers() {
        first_spelling.entry(sector_key(&c.sector)).or_insert_with(|| c.sector.trim().to_string());
    }
    sums.into_iter()
        .zip(classes)
        .filter_map(|((id, (revenue, margin, margin_base)), revenue_class)| {
            let c: &Customer = ledger.customer(id)?;
            let score = c.scores.iter().filter(|s| s.date <= period.end).max_by_key(|s| s.date).map(|s| s.score);
            Some(CustomerProfile {
                customer: id,
                revenue,
                margin,
                margin_base,
                grade: behaviour.get(&id).and_then(|b| b.grade),
                score,
                revenue_class,
                sector: first_spelling.get(&sector_key(&c.sector)).cloned().unwrap_or_default(),
                size_class: c.size_class,
                region: Region::of(&c.country, &c.address.postcode),
            })
        })
        .collect()
}

impl SegmentOptions {
    pub fn margin_class(&self, percent: Option<Decimal>) -> Option<MarginClass> {
        let p = percent?;
        Some(if p < self.margin_low_below {
            MarginClass::Low
        } else if p >= self.margin_high_from {
            MarginClass::High
        } else {
            MarginClass::Middle
        })
    }

    pub fn score_band(&self, score: Option<u8>) -> Option<ScoreBand> {
        let s = score?;
        Some(if s < self.score_weak_below {
            ScoreBand::Weak
        } else if s >= self.score_good_from {
            ScoreBand::Good
        } else {
            ScoreBand::Medium
        })
    }

    /// The segment of a customer on `key`.
    pub fn value_of(&self, p: &CustomerProfile, key: &SegmentKey) -> SegmentValue {
        SegmentValue(
            key.dimensions()
                .iter()
                .map(|d| match d {
                    Dimension::Revenue => SegmentPart::Revenue(p.revenue_class),
                    Dimension::Margin => SegmentPart::Margin(self.margin_class(p.margin_percent())),
                    Dimension::Morality => SegmentPart::Morality(p.grade),
                    Dimension::Creditworthiness => SegmentPart::Creditworthiness(self.score_band(p.score)),
                    Dimension::Sector => SegmentPart::Sector(p.sector.clone()),
                    Dimension::SizeClass => SegmentPart::Size(p.size_class),
                    Dimension::Region => SegmentPart::Region(p.region.clone()),
                })
                .collect(),
        )
    }
}

/// The mean payment grade of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AverageGrade {
    /// A = 1 … D = 4, two decimals.
    pub value: Decimal,
    pub letter: Grade,
    /// Customers with a grade.
    pub graded: usize,
}

/// The mean of grades (A = 1 … D = 4); `None` for none.
pub fn average_grade(grades: impl IntoIterator<Item = Grade>) -> Option<AverageGrade> {
    let (sum, n) = grades.into_iter().fold((0u32, 0usize), |(s, n), g| (s + g as u32 + 1, n + 1));
    if n == 0 {
        return None;
    }
    let mean = Decimal::from(sum) / Decimal::from(n);
    let rounded = mean.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let letter = match rounded.to_string().as_str() {
        "1" => Grade::A,
        "2" => Grade::B,
        "3" => Grade::C,
        _ => Grade::D,
    };
    Some(AverageGrade {
        value: mean.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        letter,
        graded: n,
    })
}

/// One segment with its figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentRow {
    pub value: SegmentValue,
    pub customers: Vec<CustomerId>,
    pub revenue: Decimal,
    /// `None` when no document of the segment has a margin.
    pub margin: Option<Decimal>,
    pub margin_percent: Option<Decimal>,
    pub average_revenue: Decimal,
    pub average_grade: Option<AverageGrade>,
    /// Mean of the latest scores, over the customers that have one.
    pub average_score: Option<Decimal>,
    /// Percent of the total revenue; `None` when the total is not positive.
    pub share: Option<Decimal>,
    pub abc: Abc,
}

/// The segments of a period, highest revenue first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentReport {
    pub period: Period,
    pub currency: Currency,
    pub key: SegmentKey,
    pub rows: Vec<SegmentRow>,
    pub total_revenue: Decimal,
    /// All active customers.
    pub customers: usize,
}

impl SegmentReport {
    /// The segment a customer is in.
    pub fn segment_of(&self, customer: CustomerId) -> Option<&SegmentValue> {
        self.rows.iter().find(|r| r.customers.contains(&customer)).map(|r| &r.value)
    }

    /// Average revenue per active customer over all segments; `None` without customers.
    pub fn average_revenue(&self) -> Option<Decimal> {
        (self.customers > 0).then(|| self.total_revenue / Decimal::from(self.customers as u64))
    }
}

/// Segments the active customers of `period` on `key`.
pub fn segment(ledger: &Ledger, period: Period, key: &SegmentKey, options: &SegmentOptions) -> SegmentReport {
    let profiles = profiles(ledger, period, options);
    segment_profiles(&profiles, period, key, options)
}

/// Segments already computed profiles (to try several keys on one set of profiles).
pub fn segment_profiles(
    profiles: &[CustomerProfile],
    period: Period,
    key: &SegmentKey,
    options: &SegmentOptions,
) -> SegmentReport {
    let mut groups: BTreeMap<SegmentValue, Vec<&CustomerProfile>> = BTreeMap::new();
    for p in profiles {
        groups.entry(options.value_of(p, key)).or_default().push(p);
    }
    let total_revenue: Decimal = profiles.iter().map(|p| p.revenue).sum();
    let mut rows: Vec<SegmentRow> = groups
        .into_iter()
        .map(|(value, members)| {
            let revenue: Decimal = members.iter().map(|p| p.revenue).sum();
            let known: Vec<&&CustomerProfile> = members.iter().filter(|p| p.margin.is_some()).collect();
            let margin = (!known.is_empty()).then(|| known.iter().filter_map(|p| p.margin).sum::<Decimal>());
            let margin_base: Decimal = known.iter().map(|p| p.margin_base).sum();
            let scores: Vec<u8> = members.iter().filter_map(|p| p.score).collect();
            SegmentRow {
                value,
                customers: members.iter().map(|p| p.customer).collect(),
                revenue,
                margin,
                margin_percent: margin.and_then(|m| percent_of(m, margin_base)),
                average_revenue: revenue / Decimal::from(members.len() as u64),
                average_grade: average_grade(members.iter().filter_map(|p| p.grade)),
                average_score: (!scores.is_empty()).then(|| {
                    Decimal::from(scores.iter().map(|s| u32::from(*s)).sum::<u32>())
                        / Decimal::from(scores.len() as u64)
                }),
                share: percent_of(revenue, total_revenue),
                abc: Abc::C,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.revenue.cmp(&a.revenue).then_with(|| a.value.cmp(&b.value)));
    let classes = pareto(&rows.iter().map(|r| r.revenue).collect::<Vec<_>>());
    for (row, class) in rows.iter_mut().zip(classes) {
        row.abc = class.unwrap_or(Abc::C);
    }
    SegmentReport {
        period,
        currency: options.currency,
        key: key.clone(),
        rows,
        total_revenue,
        customers: profiles.len(),
    }
}

/// The receivables figures of each segment of a report, for `period` (any period: the segments
/// stay as the report made them).
pub fn segment_kpis(
    ledger: &Ledger,
    report: &SegmentReport,
    period: Period,
    options: &KpiOptions,
) -> BTreeMap<SegmentValue, BTreeMap<Currency, KpiSet>> {
    let of: HashMap<CustomerId, SegmentValue> =
        report.rows.iter().flat_map(|r| r.customers.iter().map(|c| (*c, r.value.clone()))).collect();
    kpis_by(ledger, period, options, |c| of.get(&c).cloned())
}
