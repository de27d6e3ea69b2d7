//! What the user sets about risk: the thresholds of the payment grades and the warning signals,
//! the risk level by sector and country, and the rules of the credit check. Stored with the
//! ledger (`LedgerSettings.risk`); the computations are in `engine::risk`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// Risk level of a sector or country.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiskLevel {
    Low,
    #[default]
    Medium,
    High,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];
}

/// One row of the risk table: customers whose sector starts with `sector` (case-insensitive;
/// empty = any sector) in `country` (ISO code; empty = any country) have `level`. The most
/// specific matching row wins (sector and country > sector > country > neither).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskRow {
    pub sector: String,
    pub country: String,
    pub level: RiskLevel,
}

/// Thresholds and rules, each with a default that follows DOMAIN.md sections 4 and 6.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskSettings {
    /// Grade A up to this weighted number of days late (inclusive); B up to `grade_b_max`,
    /// C up to `grade_c_max`, D above.
    pub grade_a_max: i32,
    pub grade_b_max: i32,
    pub grade_c_max: i32,
    /// Signal 1: this many contact attempts in a row without a response.
    pub silent_attempts: u32,
    /// Signal 2: the same excuse category this many times within `excuse_window_days`.
    pub excuse_repeats: u32,
    pub excuse_window_days: u32,
    /// Signal 3: orders of the last 3 months below this percentage of the comparison period.
    pub buying_less_percent: u32,
    /// Signal 4: this many broken promises.
    pub broken_promises: u32,
    /// Signal 5: a dispute open longer than this many days.
    pub dispute_days: u32,
    /// Signal 6: this many requests for longer terms within `extension_window_days`.
    pub extension_requests: u32,
    pub extension_window_days: u32,
    /// Signal 7: the last 3 payments are on average this many days later than the median before.
    pub pattern_change_days: u32,
    /// Signal 8: the external score dropped by this many points, or is below `score_floor`.
    pub score_drop: u32,
    pub score_floor: u32,
    /// Signal 10: this many partial payments in round amounts (multiples of 50).
    pub round_payments: u32,
    /// Order check: warn on new orders while the first invoice is unpaid (seed 000).
    pub warn_first_invoice_unpaid: bool,
    /// Limit advice: the share (percent) of the expected yearly revenue a customer may owe.
    pub limit_revenue_share: Decimal,
    /// Collection: the share (percent) of the loss a credit insurer pays.
    pub insured_share: Decimal,
    /// Risk level by sector and country.
    pub table: Vec<RiskRow>,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            grade_a_max: 0,
            grade_b_max: 15,
            grade_c_max: 30,
            silent_attempts: 3,
            excuse_repeats: 2,
            excuse_window_days: 90,
            buying_less_percent: 60,
            broken_promises: 1,
            dispute_days: 30,
            extension_requests: 2,
            extension_window_days: 183,
            pattern_change_days: 10,
            score_drop: 15,
            score_floor: 40,
            round_payments: 2,
            warn_first_invoice_unpaid: true,
            limit_revenue_share: Decimal::from(25),
            insured_share: Decimal::from(90),
            table: vec![
                RiskRow { sector: "bouw".into(), country: String::new(), level: RiskLevel::High },
                RiskRow { sector: "horeca".into(), country: String::new(), level: RiskLevel::High },
                RiskRow { sector: "zorg".into(), country: String::new(), level: RiskLevel::Low },
                RiskRow { sector: "overheid".into(), country: String::new(), level: RiskLevel::Low },
                RiskRow { sector: String::new(), country: "NL".into(), level: RiskLevel::Medium },
                RiskRow { sector: String::new(), country: "BE".into(), level: RiskLevel::Medium },
            ],
        }
    }
}

impl RiskSettings {
    /// # Errors
    /// Grade thresholds out of order, or a percentage outside 0-100.
    pub fn validate(&self) -> Result<(), DomainError> {
        if !(self.grade_a_max <= self.grade_b_max && self.grade_b_max <= self.grade_c_max) {
            return Err(DomainError::ThresholdsOutOfOrder);
        }
        for p in [self.limit_revenue_share, self.insured_share] {
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                return Err(DomainError::RateOutOfRange);
            }
        }
        if self.buying_less_percent > 100 {
            return Err(DomainError::RateOutOfRange);
        }
        Ok(())
    }

    /// The risk level of a sector in a country by the table (Medium when no row matches).
    pub fn level(&self, sector: &str, country: &str) -> RiskLevel {
        let sector = sector.trim().to_lowercase();
        let country = country.trim().to_uppercase();
        self.table
            .iter()
            .filter(|r| {
                let s = r.sector.trim().to_lowercase();
                let c = r.country.trim().to_uppercase();
                (s.is_empty() || sector.starts_with(&s)) && (c.is_empty() || c == country)
            })
            .max_by_key(|r| (!r.sector.trim().is_empty(), !r.country.trim().is_empty()))
            .map_or(RiskLevel::Medium, |r| r.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_the_most_specific_row() {
        let mut s = RiskSettings::default();
        s.table.push(RiskRow { sector: "bouw".into(), country: "BE".into(), level: RiskLevel::Medium });
        s.table.push(RiskRow { sector: String::new(), country: "DE".into(), level: RiskLevel::Low });
        let rows = [
            ("Bouwbedrijf", "NL", RiskLevel::High),
            ("bouw", "BE", RiskLevel::Medium),
            ("Horeca", "BE", RiskLevel::High),
            ("Zorg", "NL", RiskLevel::Low),
            ("ICT", "NL", RiskLevel::Medium),
            ("ICT", "DE", RiskLevel::Low),
            ("ICT", "FR", RiskLevel::Medium),
            ("", "", RiskLevel::Medium),
        ];
        for (sector, country, level) in rows {
            assert_eq!(s.level(sector, country), level, "{sector} {country}");
        }
    }

    #[test]
    fn validation() {
        assert_eq!(RiskSettings::default().validate(), Ok(()));
        let s = RiskSettings { grade_b_max: -1, ..RiskSettings::default() };
        assert_eq!(s.validate(), Err(DomainError::ThresholdsOutOfOrder));
        let s = RiskSettings { insured_share: Decimal::from(120), ..RiskSettings::default() };
        assert_eq!(s.validate(), Err(DomainError::RateOutOfRange));
    }
}
