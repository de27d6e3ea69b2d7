//! Payments received and how they are allocated to invoices.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::{CustomerId, InvoiceId, PaymentId};
use super::money::{round_cents, Money};

/// A part of a payment applied to one invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub invoice: InvoiceId,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

/// A payment from a customer. Invariant (checked by [`Payment::new`] and by the ledger):
/// every allocation is positive and together they never exceed the payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: PaymentId,
    pub customer: CustomerId,
    pub date: NaiveDate,
    pub amount: Money,
    pub payer_name: String,
    pub payer_iban: String,
    pub reference: String,
    allocations: Vec<Allocation>,
}

impl Payment {
    /// # Errors
    /// `AmountNotPositive` for a zero or negative payment or allocation,
    /// `AllocationsExceedPayment` when the allocations add up to more than the payment.
    pub fn new(
        customer: CustomerId,
        date: NaiveDate,
        amount: Money,
        allocations: Vec<Allocation>,
    ) -> Result<Payment, DomainError> {
        let mut p = Payment {
            id: PaymentId(0),
            customer,
            date,
            amount,
            payer_name: String::new(),
            payer_iban: String::new(),
            reference: String::new(),
            allocations: Vec::new(),
        };
        p.set_allocations(allocations)?;
        if amount.amount <= Decimal::ZERO {
            return Err(DomainError::AmountNotPositive);
        }
        Ok(p)
    }

    pub fn allocations(&self) -> &[Allocation] {
        &self.allocations
    }

    /// Replaces the allocations; allocations to the same invoice are merged.
    ///
    /// # Errors
    /// As [`Payment::new`]; on error the payment is unchanged.
    pub fn set_allocations(&mut self, allocations: Vec<Allocation>) -> Result<(), DomainError> {
        let mut merged: Vec<Allocation> = Vec::with_capacity(allocations.len());
        for a in allocations {
            if a.amount <= Decimal::ZERO {
                return Err(DomainError::AmountNotPositive);
            }
            match merged.iter_mut().find(|m| m.invoice == a.invoice) {
                Some(m) => m.amount += a.amount,
                None => merged.push(a),
            }
        }
        let total: Decimal = merged.iter().map(|a| a.amount).sum();
        if total > self.amount.amount {
            return Err(DomainError::AllocationsExceedPayment {
                allocated: round_cents(total).to_string(),
                payment: round_cents(self.amount.amount).to_string(),
            });
        }
        self.allocations = merged;
        Ok(())
    }

    pub fn allocated(&self) -> Decimal {
        self.allocations.iter().map(|a| a.amount).sum()
    }

    /// What is not yet applied to any invoice.
    pub fn unallocated(&self) -> Decimal {
        self.amount.amount - self.allocated()
    }

    pub(crate) fn remove_allocations_to(&mut self, invoice: InvoiceId) {
        self.allocations.retain(|a| a.invoice != invoice);
    }
}

/// Spreads `amount` over `open` items oldest first: returns the allocations, never more than
/// each item's open amount nor more than `amount` in total.
pub fn allocate_oldest_first(amount: Decimal, open: &[(InvoiceId, NaiveDate, Decimal)]) -> Vec<Allocation> {
    let mut items: Vec<&(InvoiceId, NaiveDate, Decimal)> = open.iter().filter(|i| i.2 > Decimal::ZERO).collect();
    crate::sort::by_key(&mut items, |(id, due, _)| (*due, *id));
    let mut left = amount.max(Decimal::ZERO);
    let mut out = Vec::new();
    for (id, _, open) in items {
        if left.is_zero() {
            break;
        }
        let take = left.min(*open);
        out.push(Allocation { invoice: *id, amount: take });
        left -= take;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, n).unwrap()
    }

    #[test]
    fn allocations_cannot_exceed_payment() {
        let too_much = vec![
            Allocation { invoice: InvoiceId(1), amount: d("60") },
            Allocation { invoice: InvoiceId(2), amount: d("50") },
        ];
        let err = Payment::new(CustomerId(1), day(1), Money::eur(d("100")), too_much).unwrap_err();
        assert!(matches!(err, DomainError::AllocationsExceedPayment { .. }));
        let ok = vec![
            Allocation { invoice: InvoiceId(1), amount: d("60") },
            Allocation { invoice: InvoiceId(1), amount: d("10") },
        ];
        let p = Payment::new(CustomerId(1), day(1), Money::eur(d("100")), ok).unwrap();
        assert_eq!(p.allocations().len(), 1, "allocations to one invoice are merged");
        assert_eq!(p.unallocated(), d("30"));
    }

    #[test]
    fn oldest_first_table() {
        let open = [
            (InvoiceId(3), day(20), d("50")),
            (InvoiceId(1), day(5), d("100")),
            (InvoiceId(2), day(10), d("0")),
            (InvoiceId(4), day(5), d("25")),
        ];
        let rows: [(&str, Vec<(u32, &str)>); 4] = [
            ("0", vec![]),
            ("30", vec![(1, "30")]),
            ("120", vec![(1, "100"), (4, "20")]),
            ("500", vec![(1, "100"), (4, "25"), (3, "50")]),
        ];
        for (amount, expected) in rows {
            let got: Vec<(u32, Decimal)> =
                allocate_oldest_first(d(amount), &open).iter().map(|a| (a.invoice.0, a.amount)).collect();
            let want: Vec<(u32, Decimal)> = expected.iter().map(|(i, a)| (*i, d(a))).collect();
            assert_eq!(got, want, "row {amount}");
        }
    }
}
