//! The customer (debtor) and everything the collection rules need to know about them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::CustomerId;
use super::law::ContractTerms;

/// Business or consumer: the law on interest and collection costs differs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CustomerKind {
    #[default]
    Business,
    Consumer,
}

/// Country of the customer. The Netherlands and Belgium have their own rules; any other
/// country is kept by its ISO code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    #[default]
    Nl,
    Be,
    Other(String),
}

impl Country {
    pub fn code(&self) -> &str {
        match self {
            Country::Nl => "NL",
            Country::Be => "BE",
            Country::Other(code) => code,
        }
    }

    pub fn from_code(code: &str) -> Country {
        match code.trim().to_ascii_uppercase().as_str() {
            "NL" | "" => Country::Nl,
            "BE" => Country::Be,
            other => Country::Other(other.to_string()),
        }
    }
}

/// Size class by number of employees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SizeClass {
    /// fewer than 20 employees
    Small,
    /// 20 to 200 employees
    Medium,
    /// more than 200 employees
    Large,
}

/// Who handles this customer's collection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CollectorLevel {
    #[default]
    Junior,
    Senior,
    Owner,
}

/// An external credit score (0-100), entered by hand, with the date it was obtained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    pub date: NaiveDate,
    pub score: u8,
    pub source: String,
}

impl ScoreEntry {
    /// # Errors
    /// `DomainError::ScoreOutOfRange` above 100.
    pub fn new(date: NaiveDate, score: u8, source: impl Into<String>) -> Result<Self, DomainError> {
        if score > 100 {
            return Err(DomainError::ScoreOutOfRange);
        }
        Ok(ScoreEntry { date, score, source: source.into() })
    }
}

/// Postal address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub city: String,
}

impl Address {
    pub fn one_line(&self) -> String {
        [self.street.as_str(), &format!("{} {}", self.postcode, self.city)]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Flags that change how the customer is treated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerFlags {
    /// No new deliveries until the arrears are settled.
    pub on_hold: bool,
    /// Only deliver against prepayment.
    pub prepayment_required: bool,
    /// Handed over to a collection agency or lawyer.
    pub handed_over: bool,
    /// Credit-insured, with the insured limit.
    #[serde(with = "opt_decimal")]
    pub insured_limit: Option<Decimal>,
}

/// A customer (debtor). Fields are public for reading; a `Customer` only enters the ledger
/// through [`crate::domain::Ledger::add_customer`] / `update_customer`, which call
/// [`Customer::validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    /// The user's own customer number (unique in the ledger).
    pub number: String,
    pub name: String,
    pub kind: CustomerKind,
    pub country: Country,
    /// Free text or an SBI code.
    pub sector: String,
    pub size_class: Option<SizeClass>,
    pub contact_person: String,
    pub email: String,
    pub phone: String,
    pub address: Address,
    pub iban: String,
    pub vat_number: String,
    /// Payment term in days; new invoices are due this many days after their date.
    pub payment_term_days: u16,
    #[serde(with = "opt_decimal")]
    pub credit_limit: Option<Decimal>,
    /// External credit scores, oldest first.
    pub scores: Vec<ScoreEntry>,
    /// Risk profile or segment name (used by the dunning profiles).
    pub profile: String,
    pub collector: CollectorLevel,
    pub flags: CustomerFlags,
    /// Contractual interest and costs that override the statutory defaults.
    pub terms: ContractTerms,
    pub notes: String,
}

impl Customer {
    /// A new customer with defaults for everything but number and name.
    pub fn new(number: impl Into<String>, name: impl Into<String>) -> Customer {
        Customer {
            id: CustomerId(0),
            number: number.into(),
            name: name.into(),
            kind: CustomerKind::Business,
            country: Country::Nl,
            sector: String::new(),
            size_class: None,
            contact_person: String::new(),
            email: String::new(),
            phone: String::new(),
            address: Address::default(),
            iban: String::new(),
            vat_number: String::new(),
            payment_term_days: 30,
            credit_limit: None,
            scores: Vec::new(),
            profile: String::new(),
            collector: CollectorLevel::Junior,
            flags: CustomerFlags::default(),
            terms: ContractTerms::default(),
            notes: String::new(),
        }
    }

    /// Checks the invariants that do not depend on the rest of the ledger.
    ///
    /// # Errors
    /// The first rule the customer breaks.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.number.trim().is_empty() {
            return Err(DomainError::NumberRequired);
        }
        if self.name.trim().is_empty() {
            return Err(DomainError::NameRequired);
        }
        if self.payment_term_days > 365 {
            return Err(DomainError::TermOutOfRange);
        }
        if self.scores.iter().any(|s| s.score > 100) {
            return Err(DomainError::ScoreOutOfRange);
        }
        self.terms.validate()?;
        if !self.iban.trim().is_empty() {
            normalize_iban(&self.iban)?;
        }
        if let Some(limit) = self.credit_limit {
            if limit < Decimal::ZERO {
                return Err(DomainError::AmountNotPositive);
            }
        }
        Ok(())
    }

    /// The most recent external score.
    pub fn latest_score(&self) -> Option<&ScoreEntry> {
        self.scores.iter().max_by_key(|s| s.date)
    }
}

/// Validates an IBAN (country format and check digits) and returns it in groups of four.
///
/// # Errors
/// `DomainError::BadIban` with the input.
pub fn normalize_iban(input: &str) -> Result<String, DomainError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let parsed: iban::Iban = compact
        .parse()
        .map_err(|_| DomainError::BadIban(input.trim().to_string()))?;
    Ok(parsed.to_string())
}

/// Serde helper: an optional Decimal as an optional string, exact.
pub(crate) mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let v: Option<String> = Option::deserialize(d)?;
        v.map(|s| Decimal::from_str(&s).map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iban_table() {
        let rows = [
            ("NL91ABNA0417164300", Some("NL91 ABNA 0417 1643 00")),
            ("nl91 abna 0417 1643 00", Some("NL91 ABNA 0417 1643 00")),
            ("BE68539007547034", Some("BE68 5390 0754 7034")),
            ("NL91ABNA0417164301", None),
            ("NL91", None),
            ("hello", None),
        ];
        for (input, expected) in rows {
            assert_eq!(normalize_iban(input).ok().as_deref(), expected, "row {input}");
        }
    }

    #[test]
    fn validate_rules() {
        let ok = Customer::new("D001", "Bakkerij De Korenschoof");
        assert_eq!(ok.validate(), Ok(()));
        let mut c = ok.clone();
        c.name = "  ".into();
        assert_eq!(c.validate(), Err(DomainError::NameRequired));
        let mut c = ok.clone();
        c.number = String::new();
        assert_eq!(c.validate(), Err(DomainError::NumberRequired));
        let mut c = ok.clone();
        c.payment_term_days = 400;
        assert_eq!(c.validate(), Err(DomainError::TermOutOfRange));
        let mut c = ok;
        c.iban = "NL00XXXX".into();
        assert!(matches!(c.validate(), Err(DomainError::BadIban(_))));
    }

    #[test]
    fn country_codes() {
        assert_eq!(Country::from_code("be"), Country::Be);
        assert_eq!(Country::from_code("DE"), Country::Other("DE".into()));
        assert_eq!(Country::from_code("DE").code(), "DE");
    }
}
