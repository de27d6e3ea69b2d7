//! The statutory rate tables: shipped as data, extended and corrected by the user.
//!
//! A table is a list of periods (first day, last day, percent per year, source). The figures
//! shipped here come from DOMAIN.md section 7, which marks them "verify": they carry that in
//! their source, and a user row overrides the shipped rows for its own period. A
//! date no row covers is an error ([`LawError::NoRate`]), never a rate of zero: a new half year
//! is added in Settings, not by a new release.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::LawError;
use crate::domain::{DomainError, RateRow, RateTableKind};

/// Where a row of the effective table comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Shipped with the app.
    Shipped,
    /// Added by the user.
    User,
    /// Added by the user over (part of) a shipped period.
    UserReplacesShipped,
}

const NL_COMMERCIAL_SOURCE: &str = "art. 6:119a BW: ECB-herfinancieringsrente + 8 procentpunten (controleer: rijksoverheid.nl)";
const NL_CONSUMER_SOURCE: &str = "art. 6:119 BW: wettelijke rente bij AMvB (controleer: rijksoverheid.nl)";
const BE_COMMERCIAL_SOURCE: &str = "Wet 2 augustus 2002: ECB-rente + 8 punten, afgerond (controleer: FOD Financiën, Belgisch Staatsblad)";

type Ymd = (i32, u32, u32);

/// (table, first day, last day, rate) of the shipped rows.
const SHIPPED: &[(RateTableKind, Ymd, Ymd, &str)] = &[
    (RateTableKind::NlCommercial, (2016, 1, 1), (2016, 6, 30), "8.05"),
    (RateTableKind::NlCommercial, (2016, 7, 1), (2022, 12, 31), "8"),
    (RateTableKind::NlCommercial, (2023, 1, 1), (2023, 6, 30), "10.5"),
    (RateTableKind::NlCommercial, (2023, 7, 1), (2023, 12, 31), "12"),
    (RateTableKind::NlCommercial, (2024, 1, 1), (2024, 6, 30), "12.5"),
    (RateTableKind::NlCommercial, (2024, 7, 1), (2024, 12, 31), "12.25"),
    (RateTableKind::NlCommercial, (2025, 1, 1), (2025, 6, 30), "11.15"),
    (RateTableKind::NlCommercial, (2025, 7, 1), (2025, 12, 31), "10.15"),
    (RateTableKind::NlCommercial, (2026, 1, 1), (2026, 6, 30), "10.15"),
    (RateTableKind::NlConsumer, (2020, 1, 1), (2022, 12, 31), "2"),
    (RateTableKind::NlConsumer, (2023, 1, 1), (2023, 6, 30), "4"),
    (RateTableKind::NlConsumer, (2023, 7, 1), (2023, 12, 31), "6"),
    (RateTableKind::NlConsumer, (2024, 1, 1), (2024, 12, 31), "7"),
    (RateTableKind::NlConsumer, (2025, 1, 1), (2025, 6, 30), "6"),
    (RateTableKind::BeCommercial, (2016, 1, 1), (2022, 12, 31), "8"),
    (RateTableKind::BeCommercial, (2023, 1, 1), (2023, 6, 30), "10.5"),
    (RateTableKind::BeCommercial, (2023, 7, 1), (2023, 12, 31), "12"),
    (RateTableKind::BeCommercial, (2024, 1, 1), (2024, 12, 31), "12.5"),
    (RateTableKind::BeCommercial, (2025, 1, 1), (2025, 6, 30), "11.5"),
    (RateTableKind::BeCommercial, (2025, 7, 1), (2025, 12, 31), "10.5"),
    (RateTableKind::BeCommercial, (2026, 1, 1), (2026, 6, 30), "10.5"),
];

fn ymd((y, m, d): Ymd) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The shipped rows of every table, oldest first.
pub fn shipped() -> Vec<RateRow> {
    SHIPPED
        .iter()
        .map(|&(table, from, to, rate)| RateRow {
            table,
            from: ymd(from),
            to: ymd(to),
            rate: rate.parse().unwrap_or_default(),
            source: match table {
                RateTableKind::NlCommercial => NL_COMMERCIAL_SOURCE,
                RateTableKind::NlConsumer => NL_CONSUMER_SOURCE,
                RateTableKind::BeCommercial => BE_COMMERCIAL_SOURCE,
            }
            .to_string(),
        })
        .collect()
}

/// The effective rows of one table, oldest first: the user's rows, and the shipped rows clipped
/// around them. A user row overrides exactly its own period, so a correction never needs the
/// shipped boundaries, and a later release's shipped rows never clash with the user's.
pub fn table(kind: RateTableKind, user: &[RateRow]) -> Vec<(RateRow, Origin)> {
    let mine: Vec<&RateRow> = user.iter().filter(|r| r.table == kind).collect();
    let mut rows: Vec<(RateRow, Origin)> = Vec::new();
    for shipped in shipped().into_iter().filter(|r| r.table == kind) {
        // The parts of the shipped period no user row covers.
        let mut parts = vec![(shipped.from, shipped.to)];
        for u in &mine {
            parts = parts
                .into_iter()
                .flat_map(|(from, to)| {
                    if u.to < from || u.from > to {
                        return vec![(from, to)];
                    }
                    let mut left = Vec::new();
                    if u.from > from {
                        left.push((from, u.from.pred_opt().unwrap_or(u.from)));
                    }
                    if u.to < to {
                        left.push((u.to.succ_opt().unwrap_or(u.to), to));
                    }
                    left
                })
                .collect();
        }
        rows.extend(parts.into_iter().map(|(from, to)| (RateRow { from, to, ..shipped.clone() }, Origin::Shipped)));
    }
    let shipped_rows: Vec<RateRow> = shipped().into_iter().filter(|r| r.table == kind).collect();
    for u in mine {
        let replaces = shipped_rows.iter().any(|s| s.from <= u.to && u.from <= s.to);
        rows.push((u.clone(), if replaces { Origin::UserReplacesShipped } else { Origin::User }));
    }
    rows.sort_by_key(|(r, _)| r.from);
    rows
}

/// Checks the user's rows: each valid, and no two of the same table overlapping (a user row may
/// overlap shipped rows: it overrides them for its period).
///
/// # Errors
/// The first row that breaks a rule; an overlap names both periods.
pub fn check(user: &[RateRow]) -> Result<(), DomainError> {
    for (i, row) in user.iter().enumerate() {
        row.validate()?;
        if let Some(other) = user[..i].iter().find(|o| o.table == row.table && o.from <= row.to && row.from <= o.to) {
            return Err(overlap(row, other));
        }
    }
    Ok(())
}

fn overlap(row: &RateRow, other: &RateRow) -> DomainError {
    DomainError::RateOverlap { from: row.from.to_string(), to: row.to.to_string(), other: format!("{} – {}", other.from, other.to) }
}

/// A table ready for look-ups.
#[derive(Clone, Debug)]
pub struct Table {
    pub kind: RateTableKind,
    rows: Vec<RateRow>,
}

impl Table {
    pub fn new(kind: RateTableKind, user: &[RateRow]) -> Table {
        Table { kind, rows: table(kind, user).into_iter().map(|(r, _)| r).collect() }
    }

    /// The row in force on `day`, and the last day this answer holds for (the row's last day).
    ///
    /// # Errors
    /// `LawError::NoRate` for the gap that `day` falls in, up to `until` at the latest.
    pub fn row_on(&self, day: NaiveDate, until: NaiveDate) -> Result<&RateRow, LawError> {
        // Rows are sorted and do not overlap (checked in Settings); the last one starting on or
        // before `day` is the only candidate.
        let idx = self.rows.partition_point(|r| r.from <= day);
        if idx > 0 && self.rows[idx - 1].to >= day {
            return Ok(&self.rows[idx - 1]);
        }
        let gap_end = self.rows.get(idx).map_or(until, |next| next.from.pred_opt().unwrap_or(next.from).min(until));
        Err(LawError::NoRate { table: self.kind, from: day, to: gap_end.max(day) })
    }

    /// The rate in percent on `day`.
    ///
    /// # Errors
    /// As [`Table::row_on`].
    pub fn rate_on(&self, day: NaiveDate) -> Result<Decimal, LawError> {
        self.row_on(day, day).map(|r| r.rate)
    }

    pub fn rows(&self) -> &[RateRow] {
        &self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn row(table: RateTableKind, from: NaiveDate, to: NaiveDate, rate: &str) -> RateRow {
        RateRow { table, from, to, rate: dec(rate), source: "test".into() }
    }

    #[test]
    fn shipped_tables_are_consistent_and_match_domain_md() {
        assert_eq!(check(&[]), Ok(()));
        let nl = Table::new(RateTableKind::NlCommercial, &[]);
        let cases = [
            (RateTableKind::NlCommercial, d(2016, 3, 1), "8.05"),
            (RateTableKind::NlCommercial, d(2019, 5, 5), "8"),
            (RateTableKind::NlCommercial, d(2022, 12, 31), "8"),
            (RateTableKind::NlCommercial, d(2023, 1, 1), "10.5"),
            (RateTableKind::NlCommercial, d(2023, 7, 1), "12"),
            (RateTableKind::NlCommercial, d(2024, 6, 30), "12.5"),
            (RateTableKind::NlCommercial, d(2024, 7, 1), "12.25"),
            (RateTableKind::NlCommercial, d(2025, 1, 1), "11.15"),
            (RateTableKind::NlCommercial, d(2025, 12, 31), "10.15"),
            (RateTableKind::NlCommercial, d(2026, 6, 30), "10.15"),
            (RateTableKind::NlConsumer, d(2021, 1, 1), "2"),
            (RateTableKind::NlConsumer, d(2023, 2, 1), "4"),
            (RateTableKind::NlConsumer, d(2023, 8, 1), "6"),
            (RateTableKind::NlConsumer, d(2024, 9, 1), "7"),
            (RateTableKind::NlConsumer, d(2025, 6, 30), "6"),
            (RateTableKind::BeCommercial, d(2016, 1, 1), "8"),
            (RateTableKind::BeCommercial, d(2023, 6, 30), "10.5"),
            (RateTableKind::BeCommercial, d(2023, 7, 1), "12"),
            (RateTableKind::BeCommercial, d(2024, 12, 31), "12.5"),
            (RateTableKind::BeCommercial, d(2025, 2, 1), "11.5"),
            (RateTableKind::BeCommercial, d(2025, 9, 1), "10.5"),
            (RateTableKind::BeCommercial, d(2026, 1, 1), "10.5"),
        ];
        for (kind, day, rate) in cases {
            assert_eq!(Table::new(kind, &[]).rate_on(day), Ok(dec(rate)), "{kind:?} {day}");
        }
        // No silent zero outside the tables.
        assert_eq!(
            nl.row_on(d(2026, 7, 1), d(2026, 11, 23)).map(|r| r.rate),
            Err(LawError::NoRate { table: RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 11, 23) })
        );
        assert!(nl.rate_on(d(2015, 12, 31)).is_err());
        assert!(Table::new(RateTableKind::NlConsumer, &[]).rate_on(d(2025, 7, 1)).is_err());
    }

    #[test]
    fn user_rows_extend_and_replace() {
        let add = row(RateTableKind::NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.15");
        let fix = row(RateTableKind::NlCommercial, d(2016, 1, 1), d(2016, 6, 30), "8.06");
        let user = vec![add.clone(), fix.clone()];
        assert_eq!(check(&user), Ok(()));
        let t = Table::new(RateTableKind::NlCommercial, &user);
        assert_eq!(t.rate_on(d(2026, 9, 1)), Ok(dec("10.15")));
        assert_eq!(t.rate_on(d(2016, 2, 1)), Ok(dec("8.06")));
        let origins: Vec<Origin> = table(RateTableKind::NlCommercial, &user).into_iter().map(|(_, o)| o).collect();
        assert_eq!(origins.first(), Some(&Origin::UserReplacesShipped));
        assert_eq!(origins.last(), Some(&Origin::User));
        assert_eq!(origins.len(), 10);
        // Other tables are untouched.
        assert!(Table::new(RateTableKind::BeCommercial, &user).rate_on(d(2026, 9, 1)).is_err());
    }

    #[test]
    fn gaps_name_the_uncovered_days() {
        let user = vec![row(RateTableKind::NlCommercial, d(2027, 1, 1), d(2027, 6, 30), "9")];
        let t = Table::new(RateTableKind::NlCommercial, &user);
        assert_eq!(
            t.row_on(d(2026, 7, 1), d(2027, 3, 1)).map(|r| r.rate),
            Err(LawError::NoRate { table: RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 12, 31) })
        );
    }

    #[test]
    fn user_rows_override_their_period_only() {
        // A correction with other boundaries than the shipped row: the shipped rate stays
        // around it.
        let user = vec![row(RateTableKind::NlCommercial, d(2016, 3, 1), d(2016, 9, 30), "9")];
        assert_eq!(check(&user), Ok(()));
        let t = Table::new(RateTableKind::NlCommercial, &user);
        let cases = [
            (d(2016, 2, 29), "8.05"),
            (d(2016, 3, 1), "9"),
            (d(2016, 9, 30), "9"),
            (d(2016, 10, 1), "8"),
            (d(2022, 12, 31), "8"),
        ];
        for (day, rate) in cases {
            assert_eq!(t.rate_on(day), Ok(dec(rate)), "{day}");
        }
        let rows = table(RateTableKind::NlCommercial, &user);
        for pair in rows.windows(2) {
            assert!(pair[0].0.to < pair[1].0.from, "{rows:?}");
        }
        assert_eq!(rows.iter().filter(|(_, o)| *o == Origin::UserReplacesShipped).count(), 1);
    }

    #[test]
    fn overlaps_between_own_rows_are_refused() {
        let cases = [
            (vec![row(RateTableKind::NlCommercial, d(2026, 3, 1), d(2026, 9, 30), "9")], true),
            (
                vec![
                    row(RateTableKind::BeCommercial, d(2026, 7, 1), d(2026, 12, 31), "9"),
                    row(RateTableKind::BeCommercial, d(2026, 7, 1), d(2026, 9, 30), "9"),
                ],
                false,
            ),
            (
                vec![
                    row(RateTableKind::NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "9"),
                    row(RateTableKind::NlCommercial, d(2026, 12, 31), d(2027, 6, 30), "9"),
                ],
                false,
            ),
            (
                vec![
                    row(RateTableKind::NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "9"),
                    row(RateTableKind::NlConsumer, d(2026, 7, 1), d(2026, 12, 31), "9"),
                ],
                true,
            ),
            (vec![row(RateTableKind::NlConsumer, d(2025, 7, 1), d(2025, 6, 1), "6")], false),
        ];
        for (user, ok) in cases {
            assert_eq!(check(&user).is_ok(), ok, "{user:?}");
        }
        assert!(matches!(
            check(&[
                row(RateTableKind::NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "9"),
                row(RateTableKind::NlCommercial, d(2026, 9, 1), d(2026, 9, 30), "9"),
            ]),
            Err(DomainError::RateOverlap { .. })
        ));
    }
}
