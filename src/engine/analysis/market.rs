//! Market penetration (DOMAIN.md section 9, seed 000's prospect phase): how much of each segment
//! of the market the user already serves, which segments are the best, and which prospects look
//! like the customers of those segments.
//!
//! # Companies per segment
//!
//! Only a key made of sector, size class and region ([`SegmentKey::is_market_only`]) can be
//! compared with the market counts. The companies of a segment are the sum of the count rows
//! that have the segment's value on every dimension of the key (a row's "all" does not match a
//! specific value), taken from the coarsest level that has such rows: rows that leave every
//! other dimension open ("all") first; otherwise the rows that specify the fewest other
//! dimensions (ties: the first such set of dimensions in the order sector, size class, region).
//! So rows for "construction, small" and "construction, medium" add up for a segment
//! "construction", but a row "construction, all sizes" wins over them. A segment whose size
//! class is unknown matches no row.
//!
//! # Penetration
//!
//! - **Penetration** = customers / companies × 100.
//! - **Revenue penetration** = revenue / (companies × the average revenue per active customer
//!   over all segments) × 100: the share of the segment's revenue potential at the value of a
//!   typical customer. (With the segment's own average it would equal the penetration.)
//! - **Remaining potential** = (companies − customers) × the segment's average revenue per
//!   customer, 0 when there are as many customers as companies or more (the counts are then
//!   flagged as too low).
//!
//! # Ranking ("best segments")
//!
//! Each segment gets five parts, each a value from 0 to 100:
//! - revenue: the segment's revenue / the highest segment revenue × 100 (0 when not positive);
//! - margin: the margin percent / the highest segment margin percent × 100 (0 when unknown or
//!   not positive);
//! - grade: (4 − average grade) / 3 × 100, so A = 100, B ≈ 66.7, C ≈ 33.3, D = 0 (0 when no grade);
//! - score: the average external score (0 when none);
//! - potential: the remaining potential / the highest potential × 100 (0 without market data).
//!
//! The score is Σ weight × value / Σ weights ([`Weights`], default revenue 30, margin 25, grade
//! 20, score 15, potential 10), rounded to one decimal; every part is returned with its value,
//! weight and points so the UI can show why. A missing figure counts 0 ("unknown is not good")
//! and is marked as missing. Ranked by score, then revenue, then segment; rank 1 is the best.
//!
//! # Look-alikes
//!
//! The best segments are the first [`MarketOptions::best_segments`] of the ranking with a
//! positive score and at least one of sector, size class and region in the key. A prospect's fit
//! with one of them: 80 points × the weights of the dimensions it shares with the segment
//! (sector 2, size class 1, region 1) / the weights of those dimensions in the key; plus 20 points
//! when its score is at least [`MarketOptions::score_threshold`]. Each prospect is matched with
//! the segment that gives the most points (ties: the better ranked segment) and the reasons are
//! listed; prospects are sorted by fit, then that segment's rank, then name.

use rust_decimal::{Decimal, RoundingStrategy};

use super::kpi::Period;
use super::segments::{
    segment, Dimension, SegmentKey, SegmentOptions, SegmentPart, SegmentReport, SegmentRow, SegmentValue,
};
use crate::domain::{sector_key, Address, Country, Customer, Ledger, MarketCount, MarketData, Prospect, ScoreEntry};

/// Weights of the ranking parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weights {
    pub revenue: u32,
    pub margin: u32,
    pub grade: u32,
    pub score: u32,
    pub potential: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { revenue: 30, margin: 25, grade: 20, score: 15, potential: 10 }
    }
}

/// Settings of the market analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketOptions {
    pub weights: Weights,
    /// How many of the top segments the look-alikes are matched with.
    pub best_segments: usize,
    /// A prospect's score counts from this value.
    pub score_threshold: u8,
}

impl Default for MarketOptions {
    fn default() -> Self {
        MarketOptions { weights: Weights::default(), best_segments: 3, score_threshold: 60 }
    }
}

/// Why a market figure is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarketGap {
    /// The key has a dimension other than sector, size class and region.
    KeyNotMarketOnly,
    /// No count row fits the segment.
    NoCount,
    /// No average revenue per customer to value the market with.
    NoRevenue,
}

/// A part of the ranking score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Factor {
    Revenue,
    Margin,
    Grade,
    Score,
    Potential,
}

/// One part of a segment's score: its value (0–100; `None`: unknown, counted as 0), weight and
/// points (weight × value / Σ weights).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScorePart {
    pub factor: Factor,
    pub value: Option<Decimal>,
    pub weight: u32,
    pub points: Decimal,
}

/// A segment with its market figures and ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketRow {
    pub segment: SegmentRow,
    pub companies: Result<u32, MarketGap>,
    /// Percent.
    pub penetration: Result<Decimal, MarketGap>,
    /// Percent.
    pub revenue_penetration: Result<Decimal, MarketGap>,
    pub potential: Result<Decimal, MarketGap>,
    /// More customers than the counts say there are companies: the counts look too low.
    pub counts_too_low: bool,
    /// 0–100, one decimal.
    pub score: Decimal,
    pub parts: Vec<ScorePart>,
    /// 1 = best.
    pub rank: usize,
}

/// The segments of a period with their market figures, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketAnalysis {
    pub period: Period,
    pub key: SegmentKey,
    pub rows: Vec<MarketRow>,
    /// Average revenue per active customer, over all segments.
    pub average_revenue: Option<Decimal>,
}

impl MarketAnalysis {
    /// The best segments: the first `n` with a positive score whose key has a market dimension.
    pub fn best(&self, n: usize) -> impl Iterator<Item = &MarketRow> {
        let has_market = self.key.dimensions().iter().any(|d| d.is_market());
        self.rows.iter().filter(move |r| has_market && r.score > Decimal::ZERO).take(n)
    }
}

fn round1(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// The companies of a segment by the rule of the module.
pub fn companies_for(value: &SegmentValue, key: &SegmentKey, counts: &[MarketCount]) -> Result<u32, MarketGap> {
    if !key.is_market_only() {
        return Err(MarketGap::KeyNotMarketOnly);
    }
    let sector = value.part(Dimension::Sector);
    let size = value.part(Dimension::SizeClass);
    let region = value.part(Dimension::Region);
    if matches!(size, Some(SegmentPart::Size(None))) {
        return Err(MarketGap::NoCount);
    }
    let fits = |c: &MarketCount| {
        let sector_ok = match sector {
            Some(SegmentPart::Sector(s)) => !c.sector.trim().is_empty() && sector_key(&c.sector) == sector_key(s),
            _ => true,
        };
        let size_ok = match size {
            Some(SegmentPart::Size(s)) => c.size_class.is_some() && c.size_class == *s,
            _ => true,
        };
        let region_ok = match region {
            Some(SegmentPart::Region(r)) => c.region.as_ref() == Some(r),
            _ => true,
        };
        sector_ok && size_ok && region_ok
    };
    // The other dimensions a row specifies, as a level: (how many, which).
    let level = |c: &MarketCount| {
        let others = [
            sector.is_none() && !c.sector.trim().is_empty(),
            size.is_none() && c.size_class.is_some(),
            region.is_none() && c.region.is_some(),
        ];
        (others.iter().filter(|b| **b).count(), [!others[0], !others[1], !others[2]])
    };
    let matching: Vec<&MarketCount> = counts.iter().filter(|c| fits(c)).collect();
    let coarsest = matching.iter().map(|c| level(c)).min().ok_or(MarketGap::NoCount)?;
    Ok(matching.iter().filter(|c| level(c) == coarsest).map(|c| c.companies).sum())
}

/// Segments the active customers of `period` on `key`, adds the market figures from `market`
/// and ranks the segments (see the module documentation).
pub fn analyse_market(
    ledger: &Ledger,
    period: Period,
    key: &SegmentKey,
    market: &MarketData,
    segment_options: &SegmentOptions,
    options: &MarketOptions,
) -> MarketAnalysis {
    market_of(segment(ledger, period, key, segment_options), &market.counts, options)
}

/// The market figures and ranking of a segment report.
pub fn market_of(report: SegmentReport, counts: &[MarketCount], options: &MarketOptions) -> MarketAnalysis {
    let average_revenue = report.average_revenue().filter(|a| *a > Decimal::ZERO);
    let hundred = Decimal::ONE_HUNDRED;
    let mut rows: Vec<MarketRow> = report
        .rows
        .into_iter()
        .map(|segment| {
            let companies = companies_for(&segment.value, &report.key, counts);
            let customers = Decimal::from(segment.customers.len() as u64);
            let penetration = companies.map(|n| customers / Decimal::from(n) * hundred);
            let revenue_penetration = companies.and_then(|n| {
                let a = average_revenue.ok_or(MarketGap::NoRevenue)?;
                Ok(segment.revenue / (Decimal::from(n) * a) * hundred)
            });
            let potential = companies.map(|n| {
                let missing = Decimal::from(n) - customers;
                if missing <= Decimal::ZERO || segment.average_revenue <= Decimal::ZERO {
                    Decimal::ZERO
                } else {
                    missing * segment.average_revenue
                }
            });
            let counts_too_low = companies.is_ok_and(|n| Decimal::from(n) < customers);
            MarketRow {
                segment,
                companies,
                penetration,
                revenue_penetration,
                potential,
                counts_too_low,
                score: Decimal::ZERO,
                parts: Vec::new(),
                rank: 0,
            }
        })
        .collect();
    let max =
        |f: &dyn Fn(&MarketRow) -> Option<Decimal>| rows.iter().filter_map(f).filter(|v| *v > Decimal::ZERO).max();
    let max_revenue = max(&|r| Some(r.segment.revenue));
    let max_margin = max(&|r| r.segment.margin_percent);
    let max_potential = max(&|r| r.potential.ok());
    let relative = |v: Option<Decimal>, top: Option<Decimal>| -> Option<Decimal> {
        let v = v?;
        Some(match top {
            Some(t) if v > Decimal::ZERO => (v / t * hundred).min(hundred),
            _ => Decimal::ZERO,
        })
    };
    let w = options.weights;
    let weight_sum = Decimal::from(w.revenue + w.margin + w.grade + w.score + w.potential);
    for row in &mut rows {
        let s = &row.segment;
        let values = [
            (Factor::Revenue, w.revenue, relative(Some(s.revenue), max_revenue)),
            (Factor::Margin, w.margin, relative(s.margin_percent, max_margin)),
            (
                Factor::Grade,
                w.grade,
                s.average_grade.map(|g| ((Decimal::from(4) - g.value) / Decimal::from(3) * hundred).max(Decimal::ZERO)),
            ),
            (Factor::Score, w.score, s.average_score),
            (Factor::Potential, w.potential, relative(row.potential.ok(), max_potential)),
        ];
        row.parts = values
            .into_iter()
            .map(|(factor, weight, value)| {
                let value = value.map(round1);
                let points = if weight_sum.is_zero() {
                    Decimal::ZERO
                } else {
                    value.unwrap_or_default() * Decimal::from(weight) / weight_sum
                };
                ScorePart { factor, value, weight, points: round1(points) }
            })
            .collect();
        row.score = round1(row.parts.iter().map(|p| p.points).sum());
    }
    rows.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.segment.revenue.cmp(&a.segment.revenue))
            .then_with(|| a.segment.value.cmp(&b.segment.value))
    });
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
    }
    MarketAnalysis { period: report.period, key: report.key, rows, average_revenue }
}

/// Why a prospect fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FitReason {
    SameSector { segment: SegmentValue, rank: usize },
    SameSize { segment: SegmentValue, rank: usize },
    SameRegion { segment: SegmentValue, rank: usize },
    ScoreAtLeast { score: u8, threshold: u8 },
    ScoreBelow { score: u8, threshold: u8 },
    NoScore,
}

/// A prospect ranked by fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookAlike {
    /// Position in the prospect list.
    pub index: usize,
    pub name: String,
    /// 0–100, one decimal.
    pub fit: Decimal,
    /// The best segment it was matched with, and its rank.
    pub segment: Option<(SegmentValue, usize)>,
    pub reasons: Vec<FitReason>,
}

/// Ranks `prospects` by their fit with the best segments of `analysis` (see the module
/// documentation).
pub fn look_alikes(analysis: &MarketAnalysis, prospects: &[Prospect], options: &MarketOptions) -> Vec<LookAlike> {
    let best: Vec<&MarketRow> = analysis.best(options.best_segments).collect();
    let key_weight: u32 = analysis
        .key
        .dimensions()
        .iter()
        .map(|d| match d {
            Dimension::Sector => 2,
            Dimension::SizeClass | Dimension::Region => 1,
            _ => 0,
        })
        .sum();
    let mut out: Vec<LookAlike> = prospects
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let mut matched: Option<(u32, &MarketRow, Vec<FitReason>)> = None;
            for row in &best {
                let v = &row.segment.value;
                let (segment, rank) = (v.clone(), row.rank);
                let mut weight = 0;
                let mut reasons = Vec::new();
                if let Some(SegmentPart::Sector(s)) = v.part(Dimension::Sector) {
                    if !p.sector.trim().is_empty() && sector_key(s) == sector_key(&p.sector) {
                        weight += 2;
                        reasons.push(FitReason::SameSector { segment: segment.clone(), rank });
                    }
                }
                if let Some(SegmentPart::Size(Some(s))) = v.part(Dimension::SizeClass) {
                    if p.size_class == Some(*s) {
                        weight += 1;
                        reasons.push(FitReason::SameSize { segment: segment.clone(), rank });
                    }
                }
                if let Some(SegmentPart::Region(r)) = v.part(Dimension::Region) {
                    if p.region.as_ref() == Some(r) {
                        weight += 1;
                        reasons.push(FitReason::SameRegion { segment: segment.clone(), rank });
                    }
                }
                if weight > 0 && matched.as_ref().is_none_or(|(w, _, _)| weight > *w) {
                    matched = Some((weight, row, reasons));
                }
            }
            let mut fit = Decimal::ZERO;
            let mut reasons = Vec::new();
            let mut segment = None;
            if let Some((weight, row, r)) = matched {
                if key_weight > 0 {
                    fit += Decimal::from(80) * Decimal::from(weight) / Decimal::from(key_weight);
                }
                reasons = r;
                segment = Some((row.segment.value.clone(), row.rank));
            }
            let threshold = options.score_threshold;
            match p.score {
                Some(score) if score >= threshold => {
                    fit += Decimal::from(20);
                    reasons.push(FitReason::ScoreAtLeast { score, threshold });
                }
                Some(score) => reasons.push(FitReason::ScoreBelow { score, threshold }),
                None => reasons.push(FitReason::NoScore),
            }
            LookAlike { index, name: p.name.clone(), fit: round1(fit), segment, reasons }
        })
        .collect();
    out.sort_by(|a, b| {
        b.fit
            .cmp(&a.fit)
            .then(a.segment.as_ref().map_or(usize::MAX, |s| s.1).cmp(&b.segment.as_ref().map_or(usize::MAX, |s| s.1)))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// A new customer made from a prospect, for the acceptance phase: the next free customer number,
/// the name, sector, size class, country (of the region; the Netherlands when unknown), city and
/// note. The score is not copied (it needs a date: see [`prospect_score`]).
pub fn prospect_to_customer(prospect: &Prospect, ledger: &Ledger) -> Customer {
    let mut c = Customer::new(ledger.suggest_customer_number(), prospect.name.trim());
    c.sector = prospect.sector.trim().to_string();
    c.size_class = prospect.size_class;
    c.country = prospect.region.as_ref().map_or(Country::Nl, |r| r.country());
    c.address = Address { street: String::new(), postcode: String::new(), city: prospect.city.trim().to_string() };
    c.notes = prospect.note.trim().to_string();
    c
}

/// The prospect's score as a score entry dated `date` with `source`, to add to the new customer
/// (`Ledger::add_score`).
pub fn prospect_score(prospect: &Prospect, date: chrono::NaiveDate, source: &str) -> Option<ScoreEntry> {
    prospect.score.and_then(|s| ScoreEntry::new(date, s, source).ok())
}
