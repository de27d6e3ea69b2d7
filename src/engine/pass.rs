//! One pass over the ledger that the whole-ledger computations share.
//!
//! The dunning plan, the warning signals, payment behaviour and grades, the phases, the aging and
//! the receivables figures each need the ledger regrouped: per customer (invoices with what
//! settled them, payments and diary entries in date order), the open amount of every invoice,
//! the settlements over time. Computed alone, each function regroups the ledger itself. A page
//! (or the benchmark) that shows several of them builds one [`Pass`] and hands it to the
//! `…_with` variants: what they share is then computed once.
//!
//! A `Pass` holds no dates of its own: its parts are the ledger as it is, built on first use.
//! [`Pass::day`] keeps what the per-day computations share (what is open on each invoice and how
//! it counts in the payment behaviour) for the first day asked; any other day is computed fresh.
//! The results are exactly those of the functions without `_with`, which build a `Pass` of their
//! own.

use std::borrow::Cow;
use std::cell::OnceCell;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Ledger;
use crate::engine::aging::open_amounts;
use crate::engine::analysis::kpi::Movements;
use crate::engine::risk::behaviour::{gather, on_day, Gathered, OnDay};

/// The ledger regrouped once for several computations (see the module documentation).
pub struct Pass<'a> {
    ledger: &'a Ledger,
    facts: OnceCell<Gathered<'a>>,
    day: OnceCell<Day>,
    open: OnceCell<Vec<Decimal>>,
    movements: OnceCell<Movements>,
}

/// Every customer's invoices on one day, by the customer's slot in [`Gathered`] and the
/// invoice's position in its facts.
#[derive(Clone, Debug)]
pub(crate) struct Day {
    pub date: NaiveDate,
    pub invoices: Vec<Vec<OnDay>>,
}

impl<'a> Pass<'a> {
    /// Nothing is computed yet.
    pub fn new(ledger: &'a Ledger) -> Pass<'a> {
        Pass { ledger, facts: OnceCell::new(), day: OnceCell::new(), open: OnceCell::new(), movements: OnceCell::new() }
    }

    pub fn ledger(&self) -> &'a Ledger {
        self.ledger
    }

    /// Builds every part the computations of `today` use now, instead of on first use (to
    /// measure it on its own).
    pub fn prepare(&self, today: NaiveDate) {
        self.facts();
        self.day(today);
        self.open_amounts();
        self.movements();
    }

    /// The ledger per customer.
    pub(crate) fn facts(&self) -> &Gathered<'a> {
        self.facts.get_or_init(|| gather(self.ledger, None))
    }

    /// Every invoice on `date`: kept for the first date asked, computed fresh for any other.
    pub(crate) fn day(&self, date: NaiveDate) -> Cow<'_, Day> {
        let build = || Day { date, invoices: self.facts().slots().iter().map(|(_, f)| on_day(f, date)).collect() };
        let kept = self.day.get_or_init(build);
        if kept.date == date {
            Cow::Borrowed(kept)
        } else {
            Cow::Owned(build())
        }
    }

    /// What is open on each invoice by invoice id, as the aging reads it.
    pub(crate) fn open_amounts(&self) -> &[Decimal] {
        self.open.get_or_init(|| open_amounts(self.ledger))
    }

    /// The settlements over time, as the receivables figures read them.
    pub(crate) fn movements(&self) -> &Movements {
        self.movements.get_or_init(|| Movements::new(self.ledger))
    }
}
