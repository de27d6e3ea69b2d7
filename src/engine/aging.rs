//! Aging of receivables: what is open, what is overdue, and by how many days.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId, Ledger};

/// The aging buckets: not yet due, then days past due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    NotDue,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [Bucket::NotDue, Bucket::Days1To30, Bucket::Days31To60, Bucket::Days61To90, Bucket::Over90];

    /// The bucket for an item `days_past_due` days after its due date (0 or less: not due).
    pub fn for_days(days_past_due: i64) -> Bucket {
        match days_past_due {
            i64::MIN..=0 => Bucket::NotDue,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Over90,
        }
    }
}

/// Open amounts per bucket, per currency (amounts in different currencies are never added).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aging {
    pub as_of: Option<NaiveDate>,
    /// Per currency, the open amount per bucket (in `Bucket::ALL` order).
    pub per_currency: BTreeMap<Currency, [Decimal; 5]>,
    /// Number of open invoices per bucket, all currencies.
    pub counts: [usize; 5],
}

impl Aging {
    pub fn total(&self, currency: Currency) -> Decimal {
        self.per_currency.get(&currency).map_or(Decimal::ZERO, |b| b.iter().copied().sum())
    }

    pub fn overdue(&self, currency: Currency) -> Decimal {
        self.per_currency.get(&currency).map_or(Decimal::ZERO, |b| b[1..].iter().copied().sum())
    }

    pub fn bucket(&self, currency: Currency, bucket: Bucket) -> Decimal {
        self.per_currency.get(&currency).map_or(Decimal::ZERO, |b| b[bucket as usize])
    }

    pub fn overdue_count(&self) -> usize {
        self.counts[1..].iter().sum()
    }

    pub fn open_count(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Ages all open invoices of the ledger (optionally of one customer) as of `today`.
/// Credit notes reduce their invoice; written-off invoices are not receivables.
pub fn age(ledger: &Ledger, customer: Option<CustomerId>, today: NaiveDate) -> Aging {
    let balances = ledger.balances();
    let mut out = Aging { as_of: Some(today), ..Aging::default() };
    for inv in ledger.invoices().filter(|i| !i.is_credit_note()) {
        if customer.is_some_and(|c| c != inv.customer) {
            continue;
        }
        let Some(b) = balances.get(&inv.id) else { continue };
        let open = b.open();
        if open <= Decimal::ZERO {
            continue;
        }
        let bucket = Bucket::for_days((today - inv.due).num_days());
        out.per_currency.entry(inv.amount.currency).or_insert([Decimal::ZERO; 5])[bucket as usize] += open;
        out.counts[bucket as usize] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_boundaries() {
        let rows = [
            (-10, Bucket::NotDue),
            (0, Bucket::NotDue),
            (1, Bucket::Days1To30),
            (30, Bucket::Days1To30),
            (31, Bucket::Days31To60),
            (60, Bucket::Days31To60),
            (61, Bucket::Days61To90),
            (90, Bucket::Days61To90),
            (91, Bucket::Over90),
            (5000, Bucket::Over90),
        ];
        for (days, bucket) in rows {
            assert_eq!(Bucket::for_days(days), bucket, "row {days}");
        }
    }
}
