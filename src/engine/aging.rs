//! Aging of receivables: what is open, what is overdue, and by how many days.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId, EventKind, Ledger};
use crate::engine::Pass;

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

/// What is open on each invoice, indexed by invoice id (as [`crate::domain::InvoiceBalance::open`]):
/// amount less payment allocations and credit notes, 0 once written off; may be negative only
/// in broken data, and is read only where it is positive. One pass each over the invoices,
/// payments and diary into a vector: the aging needs no more of [`Ledger::balances`], whose hash
/// map of full balances and diary grouped per invoice made the aging 4 times slower.
pub(crate) fn open_amounts(ledger: &Ledger) -> Vec<Decimal> {
    let mut open = vec![Decimal::ZERO; ledger.max_ids().1 as usize + 1];
    for inv in ledger.invoices() {
        let (target, amount) = match inv.credits {
            None => (inv.id, inv.amount.amount),
            Some(target) => (target, -inv.amount.amount),
        };
        if let Some(o) = open.get_mut(target.0 as usize) {
            *o += amount;
        }
    }
    for p in ledger.payments() {
        for a in p.allocations() {
            if let Some(o) = open.get_mut(a.invoice.0 as usize) {
                *o -= a.amount;
            }
        }
    }
    for e in ledger.events().filter(|e| e.kind == EventKind::WrittenOff) {
        if let Some(o) = e.invoice.and_then(|i| open.get_mut(i.0 as usize)) {
            *o = Decimal::ZERO;
        }
    }
    open
}

/// Ages all open invoices of the ledger (optionally of one customer) as of `today`.
/// Credit notes reduce their invoice; written-off invoices are not receivables.
pub fn age(ledger: &Ledger, customer: Option<CustomerId>, today: NaiveDate) -> Aging {
    age_with(&Pass::new(ledger), customer, today)
}

/// [`age`] from a [`Pass`] over the ledger that other computations share.
pub fn age_with(pass: &Pass<'_>, customer: Option<CustomerId>, today: NaiveDate) -> Aging {
    let ledger = pass.ledger();
    let open_amounts = pass.open_amounts();
    let mut out = Aging { as_of: Some(today), ..Aging::default() };
    for inv in ledger.invoices().filter(|i| !i.is_credit_note()) {
        if customer.is_some_and(|c| c != inv.customer) {
            continue;
        }
        let open = open_amounts[inv.id.0 as usize];
        if open <= Decimal::ZERO {
            continue;
        }
        let bucket = Bucket::for_days((today - inv.due).num_days());
        out.per_currency.entry(inv.amount.currency).or_insert([Decimal::ZERO; 5])[bucket as usize] += open;
        out.counts[bucket as usize] += 1;
    }
    out
}

/// Open and overdue amounts of one customer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerAging {
    pub open: BTreeMap<Currency, Decimal>,
    pub overdue: BTreeMap<Currency, Decimal>,
    pub open_count: usize,
    pub overdue_count: usize,
    /// Days past due of the oldest overdue invoice (0 when nothing is overdue).
    pub max_days_overdue: i64,
}

impl CustomerAging {
    /// The open amount in `currency` (for sorting; other currencies are shown beside it).
    pub fn open_in(&self, currency: Currency) -> Decimal {
        self.open.get(&currency).copied().unwrap_or_default()
    }
    pub fn overdue_in(&self, currency: Currency) -> Decimal {
        self.overdue.get(&currency).copied().unwrap_or_default()
    }
}

/// Open and overdue per customer as of `today`, in one pass. Customers with nothing open are
/// absent.
pub fn by_customer(ledger: &Ledger, today: NaiveDate) -> BTreeMap<CustomerId, CustomerAging> {
    by_customer_with(&Pass::new(ledger), today)
}

/// [`by_customer`] from a [`Pass`] over the ledger that other computations share.
pub fn by_customer_with(pass: &Pass<'_>, today: NaiveDate) -> BTreeMap<CustomerId, CustomerAging> {
    let ledger = pass.ledger();
    let open_amounts = pass.open_amounts();
    let mut out: BTreeMap<CustomerId, CustomerAging> = BTreeMap::new();
    for inv in ledger.invoices().filter(|i| !i.is_credit_note()) {
        let open = open_amounts[inv.id.0 as usize];
        if open <= Decimal::ZERO {
            continue;
        }
        let a = out.entry(inv.customer).or_default();
        *a.open.entry(inv.amount.currency).or_default() += open;
        a.open_count += 1;
        let days = (today - inv.due).num_days();
        if days > 0 {
            *a.overdue.entry(inv.amount.currency).or_default() += open;
            a.overdue_count += 1;
            a.max_days_overdue = a.max_days_overdue.max(days);
        }
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

    #[test]
    fn per_customer_matches_the_total() {
        use crate::domain::{Customer, Invoice, Money};
        use std::str::FromStr;
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let mut l = Ledger::new();
        let a = l.add_customer(Customer::new("A", "A")).unwrap();
        let b = l.add_customer(Customer::new("B", "B")).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let amt = |s| Money::eur(Decimal::from_str(s).unwrap());
        l.add_invoice(Invoice::new("1", a, day(1, 1), 30, amt("100"))).unwrap(); // 150 days over
        l.add_invoice(Invoice::new("2", a, day(6, 20), 30, amt("50"))).unwrap(); // not due
        l.add_invoice(Invoice::new("3", b, day(5, 1), 30, amt("70"))).unwrap(); // 30 days over
        let per = by_customer(&l, today);
        let total = age(&l, None, today);
        let sum: Decimal = per.values().map(|c| c.open_in(Currency::EUR)).sum();
        assert_eq!(sum, total.total(Currency::EUR));
        assert_eq!(per[&a].overdue_in(Currency::EUR), Decimal::from(100));
        assert_eq!(per[&a].max_days_overdue, 150);
        assert_eq!(per[&b].max_days_overdue, 30);
        assert_eq!(total.bucket(Currency::EUR, Bucket::Over90), Decimal::from(100));
        assert_eq!(total.bucket(Currency::EUR, Bucket::Days1To30), Decimal::from(70));
        assert_eq!(total.bucket(Currency::EUR, Bucket::NotDue), Decimal::from(50));
    }
}
