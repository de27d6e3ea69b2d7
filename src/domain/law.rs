//! What the user keeps about the law: their own rows in the statutory rate tables, how costs are
//! charged, and the contractual terms agreed with a customer. The computations are in
//! `engine::law`; the tables shipped with the app are in `engine::law::rates`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;

/// The three statutory rate tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RateTableKind {
    /// Dutch commercial statutory interest, art. 6:119a BW (business customers).
    NlCommercial,
    /// Dutch statutory interest, art. 6:119 BW (consumers).
    NlConsumer,
    /// Belgian interest for commercial transactions, law of 2 August 2002.
    BeCommercial,
}

impl RateTableKind {
    pub const ALL: [RateTableKind; 3] = [RateTableKind::NlCommercial, RateTableKind::NlConsumer, RateTableKind::BeCommercial];
}

/// One period of a rate table: `rate` percent per year from `from` to `to`, both inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRow {
    pub table: RateTableKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Percent per year, e.g. 10.15.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    /// Where the figure comes from (publication, decree, website).
    pub source: String,
}

impl RateRow {
    /// # Errors
    /// `RatePeriodReversed` when the period ends before it starts, `RateOutOfRange` outside 0-100%.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.to < self.from {
            return Err(DomainError::RatePeriodReversed);
        }
        if self.rate < Decimal::ZERO || self.rate > Decimal::ONE_HUNDRED {
            return Err(DomainError::RateOutOfRange);
        }
        Ok(())
    }
}

/// How a partial payment is applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentOrder {
    /// First the costs, then the interest, then the principal (art. 6:44 BW; the Dutch default).
    #[default]
    CostsInterestPrincipal,
    /// First the principal, then the interest, then the costs (what a debtor often intends).
    PrincipalInterestCosts,
}

/// Which collection costs are charged to Dutch business customers when their terms say nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NlBusinessCosts {
    /// The staffel of the Besluit BIK, as for consumers (the usual practice).
    #[default]
    Staffel,
    /// Only the fixed €40 of art. 6:96 lid 4 BW (EU Directive 2011/7).
    Fixed40,
    /// No collection costs.
    None,
}

/// Ledger-wide settings of the law calculations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LawSettings {
    /// The user's additions and corrections to the shipped rate tables. A row overrides the
    /// shipped rows of its table for its own period.
    pub rates: Vec<RateRow>,
    /// VAT percentage added to collection costs when the creditor cannot deduct VAT
    /// (not registered for VAT, e.g. exempt); `None` = no VAT on costs.
    #[serde(with = "super::customer::opt_decimal")]
    pub costs_vat: Option<Decimal>,
    pub order: PaymentOrder,
    pub nl_business_costs: NlBusinessCosts,
    /// Postage charged with each later Belgian consumer reminder sent by letter.
    #[serde(with = "rust_decimal::serde::str")]
    pub be_postage: Decimal,
}

impl LawSettings {
    /// # Errors
    /// The first row that breaks a rule, or a VAT percentage outside 0-100.
    pub fn validate(&self) -> Result<(), DomainError> {
        for row in &self.rates {
            row.validate()?;
        }
        if let Some(vat) = self.costs_vat {
            if vat < Decimal::ZERO || vat > Decimal::ONE_HUNDRED {
                return Err(DomainError::RateOutOfRange);
            }
        }
        if self.be_postage < Decimal::ZERO {
            return Err(DomainError::AmountNotPositive);
        }
        Ok(())
    }
}

/// Contractual interest agreed with a customer (in the terms and conditions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractInterest {
    /// Percent per year, or per month when `per_month`.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    pub per_month: bool,
    /// Compounded yearly like the statutory interest (otherwise simple).
    pub compound: bool,
}

/// Contractual collection costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContractCosts {
    /// A fixed amount per claim.
    Fixed(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// A percentage of the principal.
    Percent(#[serde(with = "rust_decimal::serde::str")] Decimal),
}

/// The customer's terms that override the statutory defaults where the law allows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerms {
    pub interest: Option<ContractInterest>,
    pub costs: Option<ContractCosts>,
}

impl ContractTerms {
    pub fn is_empty(&self) -> bool {
        self.interest.is_none() && self.costs.is_none()
    }

    /// # Errors
    /// A negative or absurd rate or amount.
    pub fn validate(&self) -> Result<(), DomainError> {
        if let Some(i) = self.interest {
            if i.rate < Decimal::ZERO || i.rate > Decimal::ONE_HUNDRED {
                return Err(DomainError::RateOutOfRange);
            }
        }
        match self.costs {
            Some(ContractCosts::Fixed(a)) if a < Decimal::ZERO => Err(DomainError::AmountNotPositive),
            Some(ContractCosts::Percent(p)) if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED => {
                Err(DomainError::RateOutOfRange)
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rate_row_rules() {
        let ok = RateRow { table: RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 12, 31), rate: dec("10.15"), source: "x".into() };
        assert_eq!(ok.validate(), Ok(()));
        let rows = [
            (RateRow { to: d(2026, 6, 30), ..ok.clone() }, Err(DomainError::RatePeriodReversed)),
            (RateRow { rate: dec("-1"), ..ok.clone() }, Err(DomainError::RateOutOfRange)),
            (RateRow { rate: dec("100.5"), ..ok.clone() }, Err(DomainError::RateOutOfRange)),
            (RateRow { to: d(2026, 7, 1), ..ok.clone() }, Ok(())),
        ];
        for (row, expected) in rows {
            assert_eq!(row.validate(), expected, "{row:?}");
        }
    }

    #[test]
    fn terms_rules() {
        let i = ContractInterest { rate: dec("1"), per_month: true, compound: false };
        let rows = [
            (ContractTerms::default(), Ok(())),
            (ContractTerms { interest: Some(i), costs: Some(ContractCosts::Percent(dec("15"))) }, Ok(())),
            (ContractTerms { interest: Some(ContractInterest { rate: dec("-2"), ..i }), costs: None }, Err(DomainError::RateOutOfRange)),
            (ContractTerms { interest: None, costs: Some(ContractCosts::Fixed(dec("-5"))) }, Err(DomainError::AmountNotPositive)),
            (ContractTerms { interest: None, costs: Some(ContractCosts::Percent(dec("101"))) }, Err(DomainError::RateOutOfRange)),
        ];
        for (t, expected) in rows {
            assert_eq!(t.validate(), expected, "{t:?}");
        }
    }
}
