//! Invoices and credit notes. A credit note is a document of its own that refers to the
//! invoice it corrects; its amount is positive and reduces what is open on that invoice.

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::{CustomerId, InvoiceId};
use super::money::Money;

/// Margin on an invoice, for the market analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Margin {
    Amount(#[serde(with = "rust_decimal::serde::str")] Decimal),
    Percent(#[serde(with = "rust_decimal::serde::str")] Decimal),
}

/// An invoice, or a credit note when `credits` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: InvoiceId,
    /// Unique in the ledger (invoices and credit notes share one number space).
    pub number: String,
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// For an invoice what is owed; for a credit note what is credited (positive).
    pub amount: Money,
    pub description: String,
    pub margin: Option<Margin>,
    /// The invoice this credit note corrects.
    pub credits: Option<InvoiceId>,
    /// The customer's payment reference (structured or free).
    pub reference: String,
}

impl Invoice {
    /// An invoice due `term_days` after its date.
    pub fn new(
        number: impl Into<String>,
        customer: CustomerId,
        date: NaiveDate,
        term_days: u16,
        amount: Money,
    ) -> Invoice {
        Invoice {
            id: InvoiceId(0),
            number: number.into(),
            customer,
            date,
            due: default_due(date, term_days),
            amount,
            description: String::new(),
            margin: None,
            credits: None,
            reference: String::new(),
        }
    }

    /// A credit note for (part of) `invoice`.
    pub fn credit_note(number: impl Into<String>, invoice: &Invoice, date: NaiveDate, amount: Money) -> Invoice {
        Invoice {
            id: InvoiceId(0),
            number: number.into(),
            customer: invoice.customer,
            date,
            due: date.max(invoice.date),
            amount,
            description: String::new(),
            margin: None,
            credits: Some(invoice.id),
            reference: String::new(),
        }
    }

    pub fn is_credit_note(&self) -> bool {
        self.credits.is_some()
    }

    /// Rules that do not depend on the rest of the ledger.
    ///
    /// # Errors
    /// The first rule broken: number required, due date not before the invoice date, amount > 0.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.number.trim().is_empty() {
            return Err(DomainError::NumberRequired);
        }
        if self.due < self.date {
            return Err(DomainError::DueBeforeDate {
                date: self.date.to_string(),
                due: self.due.to_string(),
            });
        }
        if self.amount.amount <= Decimal::ZERO {
            return Err(DomainError::AmountNotPositive);
        }
        Ok(())
    }
}

/// The default due date: the invoice date plus the payment term.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
/// assert_eq!(stipt::domain::default_due(d, 30), NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
/// ```
pub fn default_due(date: NaiveDate, term_days: u16) -> NaiveDate {
    date.checked_add_signed(Duration::days(i64::from(term_days))).unwrap_or(date)
}

/// Status of an invoice, derived from payments, credit notes and diary entries; never typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum InvoiceStatus {
    Open,
    PartlyPaid,
    Paid,
    Credited,
    Disputed,
    WrittenOff,
}

impl InvoiceStatus {
    /// Still counts as a receivable to collect.
    pub fn is_open(self) -> bool {
        matches!(self, InvoiceStatus::Open | InvoiceStatus::PartlyPaid | InvoiceStatus::Disputed)
    }
}

/// What has happened to one invoice: all amounts in the invoice's currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceBalance {
    pub amount: Decimal,
    pub paid: Decimal,
    pub credited: Decimal,
    pub disputed: bool,
    pub written_off: bool,
    /// The date of the last payment allocation, if any.
    pub last_payment: Option<NaiveDate>,
}

impl InvoiceBalance {
    pub fn open(&self) -> Decimal {
        if self.written_off {
            Decimal::ZERO
        } else {
            (self.amount - self.paid - self.credited).max(Decimal::ZERO)
        }
    }

    /// The derived status.
    pub fn status(&self) -> InvoiceStatus {
        let open = (self.amount - self.paid - self.credited).max(Decimal::ZERO);
        if self.written_off && !open.is_zero() {
            InvoiceStatus::WrittenOff
        } else if open.is_zero() {
            if self.paid.is_zero() && !self.credited.is_zero() {
                InvoiceStatus::Credited
            } else {
                InvoiceStatus::Paid
            }
        } else if self.disputed {
            InvoiceStatus::Disputed
        } else if open < self.amount {
            InvoiceStatus::PartlyPaid
        } else {
            InvoiceStatus::Open
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn bal(amount: &str, paid: &str, credited: &str, disputed: bool, written_off: bool) -> InvoiceBalance {
        InvoiceBalance {
            amount: Decimal::from_str(amount).unwrap(),
            paid: Decimal::from_str(paid).unwrap(),
            credited: Decimal::from_str(credited).unwrap(),
            disputed,
            written_off,
            last_payment: None,
        }
    }

    #[test]
    fn status_table() {
        use InvoiceStatus::*;
        let rows = [
            ("untouched", bal("100", "0", "0", false, false), Open, "100"),
            ("part paid", bal("100", "40", "0", false, false), PartlyPaid, "60"),
            ("part credited", bal("100", "0", "30", false, false), PartlyPaid, "70"),
            ("paid", bal("100", "100", "0", false, false), Paid, "0"),
            ("paid after credit", bal("100", "70", "30", false, false), Paid, "0"),
            ("fully credited", bal("100", "0", "100", false, false), Credited, "0"),
            ("disputed", bal("100", "20", "0", true, false), Disputed, "80"),
            ("dispute on paid invoice", bal("100", "100", "0", true, false), Paid, "0"),
            ("written off", bal("100", "20", "0", false, true), WrittenOff, "0"),
            ("written off but paid", bal("100", "100", "0", false, true), Paid, "0"),
        ];
        for (name, b, status, open) in rows {
            assert_eq!(b.status(), status, "row {name}");
            assert_eq!(b.open(), Decimal::from_str(open).unwrap(), "row {name}");
        }
    }

    #[test]
    fn due_before_date_is_rejected() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let mut inv = Invoice::new("F1", CustomerId(1), d, 30, Money::eur(Decimal::ONE));
        assert_eq!(inv.validate(), Ok(()));
        inv.due = d.pred_opt().unwrap();
        assert!(matches!(inv.validate(), Err(DomainError::DueBeforeDate { .. })));
        inv.due = d;
        inv.amount = Money::eur(Decimal::ZERO);
        assert_eq!(inv.validate(), Err(DomainError::AmountNotPositive));
    }
}
