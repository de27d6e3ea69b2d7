//! The ledger: all customers, invoices, credit notes, payments and diary entries, plus the
//! user's own company details. Every change goes through a method that checks the invariants,
//! so a `Ledger` value is always consistent:
//!
//! - customer numbers and invoice numbers are unique;
//! - every invoice, payment and diary entry belongs to an existing customer;
//! - a credit note refers to an invoice (not a credit note) of the same customer and currency,
//!   and credits together never exceed that invoice;
//! - a payment's allocations are positive, never exceed the payment, go to invoices of the same
//!   customer and currency, and never take an invoice below zero open.
//!
//! A method that fails leaves the ledger unchanged.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::customer::{Address, Customer};
use super::error::DomainError;
use super::event::{Event, EventKind};
use super::ids::{CustomerId, EventId, InvoiceId, PaymentId};
use super::invoice::{Invoice, InvoiceBalance};
use super::law::LawSettings;
use super::market::MarketData;
use super::risk::RiskSettings;
use super::dunning::DunningSettings;
use super::money::{round_cents, Currency};
use super::payment::{allocate_oldest_first, Allocation, Payment};

/// The user's own company: shown in letters and on the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    pub name: String,
    pub address: Address,
    pub iban: String,
    pub kvk_number: String,
    pub vat_number: String,
    pub email: String,
    pub phone: String,
}

/// Ledger-wide defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerSettings {
    /// Payment term for new customers, in days.
    pub default_term_days: u16,
    /// Currency of new invoices.
    pub currency: Currency,
    /// Rate tables and cost rules of the interest and collection-cost calculations.
    pub law: LawSettings,
    /// Thresholds of grades and warning signals, the risk table, the credit-check rules.
    pub risk: RiskSettings,
    /// Dunning policies, profiles and their assignment rules, channel and level thresholds.
    pub dunning: DunningSettings,
    /// The user's market data (companies per segment, prospects) for the market analysis;
    /// empty by default.
    pub market: MarketData,
}

impl Default for LedgerSettings {
    fn default() -> Self {
        LedgerSettings {
            default_term_days: 30,
            currency: Currency::EUR,
            law: LawSettings::default(),
            risk: RiskSettings::default(),
            dunning: DunningSettings::default(),
            market: MarketData::default(),
        }
    }
}

/// See the module documentation for the invariants.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub company: Company,
    pub settings: LedgerSettings,
    customers: BTreeMap<CustomerId, Customer>,
    invoices: BTreeMap<InvoiceId, Invoice>,
    payments: BTreeMap<PaymentId, Payment>,
    events: BTreeMap<EventId, Event>,
    // Indexes derived from the records above, kept up to date by every method, so that the checks
    // of one change cost O(1) instead of a pass over the ledger.
    invoice_numbers: HashMap<String, InvoiceId>,
    customer_numbers: HashMap<String, CustomerId>,
    settled: HashMap<InvoiceId, Settled>,
}

/// What has been paid and credited on one invoice (a derived index).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Settled {
    paid: Decimal,
    credited: Decimal,
}

/// Two ledgers are equal when their records are; the indexes follow from those.
impl PartialEq for Ledger {
    fn eq(&self, other: &Self) -> bool {
        self.company == other.company
            && self.settings == other.settings
            && self.customers == other.customers
            && self.invoices == other.invoices
            && self.payments == other.payments
            && self.events == other.events
    }
}

/// Everything a ledger holds, as plain collections: what storage and backups read and write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerParts {
    pub company: Company,
    pub settings: LedgerSettings,
    pub customers: Vec<Customer>,
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    pub events: Vec<Event>,
}

/// A rule broken by data read from storage or a backup, with the record it was found in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{record}: {error}")]
pub struct PartsError {
    pub record: String,
    pub error: DomainError,
}

fn next_key<K: Copy + Ord, V>(map: &BTreeMap<K, V>, wrap: impl Fn(u32) -> K, unwrap: impl Fn(K) -> u32) -> K {
    wrap(map.keys().next_back().map_or(1, |k| unwrap(*k) + 1))
}

fn norm_number(s: &str) -> String {
    s.trim().to_string()
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    // ----- reading -----

    pub fn customers(&self) -> impl DoubleEndedIterator<Item = &Customer> + ExactSizeIterator {
        self.customers.values()
    }
    pub fn invoices(&self) -> impl DoubleEndedIterator<Item = &Invoice> + ExactSizeIterator {
        self.invoices.values()
    }
    pub fn payments(&self) -> impl DoubleEndedIterator<Item = &Payment> + ExactSizeIterator {
        self.payments.values()
    }
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator {
        self.events.values()
    }
    pub fn customer(&self, id: CustomerId) -> Option<&Customer> {
        self.customers.get(&id)
    }
    pub fn invoice(&self, id: InvoiceId) -> Option<&Invoice> {
        self.invoices.get(&id)
    }
    pub fn payment(&self, id: PaymentId) -> Option<&Payment> {
        self.payments.get(&id)
    }
    pub fn event(&self, id: EventId) -> Option<&Event> {
        self.events.get(&id)
    }
    pub fn invoice_by_number(&self, number: &str) -> Option<&Invoice> {
        self.invoice_numbers.get(number.trim()).and_then(|id| self.invoices.get(id))
    }
    pub fn customer_by_number(&self, number: &str) -> Option<&Customer> {
        self.customer_numbers.get(number.trim()).and_then(|id| self.customers.get(id))
    }
    /// Customers with ids in `lo..hi` (for storage chunks).
    pub fn customers_in(&self, lo: u32, hi: u32) -> impl Iterator<Item = &Customer> {
        self.customers.range(CustomerId(lo)..CustomerId(hi)).map(|(_, v)| v)
    }
    /// Invoices and credit notes with ids in `lo..hi`.
    pub fn invoices_in(&self, lo: u32, hi: u32) -> impl Iterator<Item = &Invoice> {
        self.invoices.range(InvoiceId(lo)..InvoiceId(hi)).map(|(_, v)| v)
    }
    /// Payments with ids in `lo..hi`.
    pub fn payments_in(&self, lo: u32, hi: u32) -> impl Iterator<Item = &Payment> {
        self.payments.range(PaymentId(lo)..PaymentId(hi)).map(|(_, v)| v)
    }
    /// Diary entries with ids in `lo..hi`.
    pub fn events_in(&self, lo: u32, hi: u32) -> impl Iterator<Item = &Event> {
        self.events.range(EventId(lo)..EventId(hi)).map(|(_, v)| v)
    }
    /// The highest ids in use: (customer, invoice, payment, event), 0 when none.
    pub fn max_ids(&self) -> (u32, u32, u32, u32) {
        (
            self.customers.keys().next_back().map_or(0, |k| k.0),
            self.invoices.keys().next_back().map_or(0, |k| k.0),
            self.payments.keys().next_back().map_or(0, |k| k.0),
            self.events.keys().next_back().map_or(0, |k| k.0),
        )
    }
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.invoices.is_empty() && self.payments.is_empty() && self.events.is_empty()
    }

    /// The next free customer number of the form `D0001`, continuing the user's numbering.
    pub fn suggest_customer_number(&self) -> String {
        let max = self
            .customers
            .values()
            .filter_map(|c| c.number.trim_start_matches(|ch: char| !ch.is_ascii_digit()).parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("D{:04}", max + 1)
    }

    /// The next free invoice number: the highest number that ends in digits, plus one, keeping
    /// its prefix and width (`2026-0041` -> `2026-0042`). With yearly numbering the highest of
    /// `year` counts (`2025-0093`, `2026-0015` -> `2026-0016`), and a new year starts again at 1
    /// (`2025-0093` -> `2026-0001`).
    pub fn suggest_invoice_number(&self, year: i32) -> String {
        let year_text = year.to_string();
        let mut best: Option<(String, u64, usize)> = None;
        let mut best_this_year: Option<(String, u64, usize)> = None;
        for inv in self.invoices.values().filter(|i| !i.is_credit_note()) {
            let n = &inv.number;
            let digits = n.chars().rev().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            let (prefix, tail) = n.split_at(n.len() - digits);
            if let Ok(v) = tail.parse::<u64>() {
                if best.as_ref().is_none_or(|b| v > b.1) {
                    best = Some((prefix.to_string(), v, digits));
                }
                if prefix.contains(&year_text) && best_this_year.as_ref().is_none_or(|b| v > b.1) {
                    best_this_year = Some((prefix.to_string(), v, digits));
                }
            }
        }
        let mut candidate = match (best_this_year, best) {
            (Some((prefix, v, width)), _) => format!("{prefix}{:0width$}", v + 1),
            (None, Some((prefix, v, width))) => match earlier_year_in(&prefix, year) {
                Some(old) => format!("{}{:0width$}", prefix.replacen(&old, &year_text, 1), 1),
                None => format!("{prefix}{:0width$}", v + 1),
            },
            (None, None) => format!("{year}-0001"),
        };
        while self.invoice_numbers.contains_key(&candidate) {
            candidate.push('a');
        }
        candidate
    }

    /// Balance of one invoice: paid, credited, disputed, written off.
    pub fn balance(&self, id: InvoiceId) -> Option<InvoiceBalance> {
        let inv = self.invoices.get(&id)?;
        let mut b = empty_balance(inv);
        let s = self.settled(id);
        b.paid = s.paid;
        b.credited = s.credited;
        if !s.paid.is_zero() {
            b.last_payment = self
                .payments
                .values()
                .filter(|p| p.customer == inv.customer && p.allocations().iter().any(|a| a.invoice == id))
                .map(|p| p.date)
                .max();
        }
        apply_events(&mut b, self.events.values().filter(|e| e.invoice == Some(id)));
        Some(b)
    }

    fn settled(&self, id: InvoiceId) -> Settled {
        self.settled.get(&id).copied().unwrap_or_default()
    }

    /// Amount − paid − credited of an invoice (may be negative only in broken data).
    fn unsettled(&self, inv: &Invoice) -> Decimal {
        let s = self.settled(inv.id);
        inv.amount.amount - s.paid - s.credited
    }

    fn index_payment(&mut self, p: &Payment, sign: Decimal) {
        for a in p.allocations() {
            let e = self.settled.entry(a.invoice).or_default();
            e.paid += sign * a.amount;
            if e.paid.is_zero() && e.credited.is_zero() {
                self.settled.remove(&a.invoice);
            }
        }
    }

    fn index_credit(&mut self, cn: &Invoice, sign: Decimal) {
        if let Some(target) = cn.credits {
            let e = self.settled.entry(target).or_default();
            e.credited += sign * cn.amount.amount;
            if e.paid.is_zero() && e.credited.is_zero() {
                self.settled.remove(&target);
            }
        }
    }

    /// Balances of all invoices (not credit notes) in one pass over the ledger.
    pub fn balances(&self) -> HashMap<InvoiceId, InvoiceBalance> {
        self.balances_where(|_| true)
    }

    /// Balances of one customer's invoices, in one pass over the ledger.
    pub fn customer_balances(&self, customer: CustomerId) -> HashMap<InvoiceId, InvoiceBalance> {
        self.balances_where(|c| c == customer)
    }

    fn balances_where(&self, of: impl Fn(CustomerId) -> bool) -> HashMap<InvoiceId, InvoiceBalance> {
        let mut out: HashMap<InvoiceId, InvoiceBalance> = HashMap::with_capacity(self.invoices.len());
        out.extend(self.invoices.values().filter(|i| !i.is_credit_note() && of(i.customer)).map(|i| (i.id, empty_balance(i))));
        for p in self.payments.values().filter(|p| of(p.customer)) {
            for a in p.allocations() {
                if let Some(b) = out.get_mut(&a.invoice) {
                    b.paid += a.amount;
                    b.last_payment = b.last_payment.max(Some(p.date));
                }
            }
        }
        for cn in self.invoices.values().filter(|i| of(i.customer)) {
            if let Some(target) = cn.credits {
                if let Some(b) = out.get_mut(&target) {
                    b.credited += cn.amount.amount;
                }
            }
        }
        // Only disputes and write-offs change a balance (`apply_events`): the rest of the diary
        // (reminders, calls, promises: most of it) is not grouped at all.
        let mut per_invoice: HashMap<InvoiceId, Vec<&Event>> = HashMap::new();
        let changes_balance = |e: &&Event| {
            matches!(e.kind, EventKind::DisputeOpened { .. } | EventKind::DisputeResolved | EventKind::WrittenOff)
        };
        for e in self.events.values().filter(changes_balance).filter(|e| of(e.customer)) {
            if let Some(i) = e.invoice {
                per_invoice.entry(i).or_default().push(e);
            }
        }
        for (id, evs) in per_invoice {
            if let Some(b) = out.get_mut(&id) {
                apply_events(b, evs.into_iter());
            }
        }
        out
    }

    /// Open invoices of a customer as (id, due date, open amount), for allocation.
    pub fn open_items(&self, customer: CustomerId, currency: Currency) -> Vec<(InvoiceId, NaiveDate, Decimal)> {
        self.invoices
            .values()
            .filter(|i| i.customer == customer && !i.is_credit_note() && i.amount.currency == currency)
            .filter(|i| !self.is_written_off(i.id))
            .filter_map(|i| {
                let open = self.unsettled(i);
                (open > Decimal::ZERO).then_some((i.id, i.due, open))
            })
            .collect()
    }

    fn is_written_off(&self, id: InvoiceId) -> bool {
        self.events.values().any(|e| e.invoice == Some(id) && e.kind == EventKind::WrittenOff)
    }

    // ----- customers -----

    /// Adds a customer and returns its new id.
    ///
    /// # Errors
    /// The customer's own rules, or a customer number already in use.
    pub fn add_customer(&mut self, mut customer: Customer) -> Result<CustomerId, DomainError> {
        customer.number = norm_number(&customer.number);
        customer.validate()?;
        if self.customer_by_number(&customer.number).is_some() {
            return Err(DomainError::DuplicateCustomerNumber(customer.number));
        }
        let id = next_key(&self.customers, CustomerId, |k| k.0);
        customer.id = id;
        self.customer_numbers.insert(customer.number.clone(), id);
        self.customers.insert(id, customer);
        Ok(id)
    }

    /// Replaces the customer with the same id.
    ///
    /// # Errors
    /// Unknown id, the customer's own rules, or a number used by another customer.
    pub fn update_customer(&mut self, mut customer: Customer) -> Result<(), DomainError> {
        customer.number = norm_number(&customer.number);
        if !self.customers.contains_key(&customer.id) {
            return Err(DomainError::UnknownCustomer);
        }
        customer.validate()?;
        if self.customer_numbers.get(&customer.number).is_some_and(|id| *id != customer.id) {
            return Err(DomainError::DuplicateCustomerNumber(customer.number));
        }
        if let Some(old) = self.customers.get(&customer.id) {
            self.customer_numbers.remove(&old.number);
        }
        self.customer_numbers.insert(customer.number.clone(), customer.id);
        self.customers.insert(customer.id, customer);
        Ok(())
    }

    /// Removes a customer with all their invoices, payments and diary entries.
    ///
    /// # Errors
    /// `UnknownCustomer`.
    pub fn remove_customer(&mut self, id: CustomerId) -> Result<(), DomainError> {
        let c = self.customers.remove(&id).ok_or(DomainError::UnknownCustomer)?;
        self.customer_numbers.remove(&c.number);
        self.invoices.retain(|_, i| i.customer != id);
        self.invoice_numbers.retain(|_, i| self.invoices.contains_key(i));
        self.payments.retain(|_, p| p.customer != id);
        self.events.retain(|_, e| e.customer != id);
        // Credit notes and allocations never cross customers, so the other entries stay valid.
        self.settled.retain(|i, _| self.invoices.contains_key(i));
        Ok(())
    }

    // ----- invoices and credit notes -----

    /// Adds an invoice or credit note and returns its id.
    ///
    /// # Errors
    /// The invoice's own rules, an unknown customer, a duplicate number, or a credit note that
    /// does not fit the invoice it refers to.
    pub fn add_invoice(&mut self, mut invoice: Invoice) -> Result<InvoiceId, DomainError> {
        invoice.number = norm_number(&invoice.number);
        invoice.id = next_key(&self.invoices, InvoiceId, |k| k.0);
        self.check_invoice(&invoice)?;
        let id = invoice.id;
        self.index_credit(&invoice, Decimal::ONE);
        self.invoice_numbers.insert(invoice.number.clone(), id);
        self.invoices.insert(id, invoice);
        Ok(id)
    }

    /// Replaces the invoice with the same id.
    ///
    /// # Errors
    /// As [`Ledger::add_invoice`], and an amount below what is already paid and credited, or a
    /// change of customer or currency once payments or credit notes refer to it.
    pub fn update_invoice(&mut self, mut invoice: Invoice) -> Result<(), DomainError> {
        invoice.number = norm_number(&invoice.number);
        let old = self.invoices.get(&invoice.id).ok_or(DomainError::UnknownInvoice)?;
        // A document cannot credit itself, and an invoice that payments or credit notes refer
        // to cannot turn into a credit note (check_invoice sees the old version as the target).
        if invoice.credits == Some(invoice.id) {
            return Err(DomainError::CreditNoteOfCreditNote);
        }
        if invoice.is_credit_note() && !old.is_credit_note() {
            if self.invoices.values().any(|c| c.credits == Some(invoice.id)) {
                return Err(DomainError::CreditNoteOfCreditNote);
            }
            if self.payments.values().any(|p| p.allocations().iter().any(|a| a.invoice == invoice.id)) {
                return Err(DomainError::AllocationToCreditNote);
            }
        }
        // Diary entries about it belong to its customer.
        if old.customer != invoice.customer && self.events.values().any(|e| e.invoice == Some(invoice.id)) {
            return Err(DomainError::AllocationOtherCustomer { invoice: invoice.number.clone() });
        }
        self.check_invoice(&invoice)?;
        if !invoice.is_credit_note() {
            let b = self.settled(invoice.id);
            let settled = b.paid + b.credited;
            if (old.customer != invoice.customer || old.amount.currency != invoice.amount.currency)
                && !settled.is_zero()
            {
                return Err(DomainError::AllocationOtherCustomer { invoice: invoice.number.clone() });
            }
            if invoice.amount.amount < settled {
                return Err(DomainError::AmountBelowSettled {
                    amount: round_cents(invoice.amount.amount).to_string(),
                    settled: round_cents(settled).to_string(),
                });
            }
        }
        let old = old.clone();
        self.index_credit(&old, Decimal::NEGATIVE_ONE);
        self.index_credit(&invoice, Decimal::ONE);
        self.invoice_numbers.remove(&old.number);
        self.invoice_numbers.insert(invoice.number.clone(), invoice.id);
        self.invoices.insert(invoice.id, invoice);
        Ok(())
    }

    fn check_invoice(&self, invoice: &Invoice) -> Result<(), DomainError> {
        invoice.validate()?;
        if !self.customers.contains_key(&invoice.customer) {
            return Err(DomainError::UnknownCustomer);
        }
        if let Some(other) = self.invoice_numbers.get(&invoice.number) {
            if *other != invoice.id {
                return Err(DomainError::DuplicateInvoiceNumber(invoice.number.clone()));
            }
        }
        if let Some(target_id) = invoice.credits {
            let target = self.invoices.get(&target_id).ok_or(DomainError::UnknownInvoice)?;
            if target.is_credit_note() {
                return Err(DomainError::CreditNoteOfCreditNote);
            }
            if target.customer != invoice.customer {
                return Err(DomainError::CreditNoteCustomer);
            }
            invoice.amount.checked_sub(target.amount)?;
            let mut open = self.unsettled(target);
            if let Some(existing) = self.invoices.get(&invoice.id) {
                if existing.credits == Some(target_id) {
                    open += existing.amount.amount;
                }
            }
            if invoice.amount.amount > open {
                return Err(DomainError::CreditExceedsOpen {
                    invoice: target.number.clone(),
                    credit: round_cents(invoice.amount.amount).to_string(),
                    open: round_cents(open.max(Decimal::ZERO)).to_string(),
                });
            }
        }
        Ok(())
    }

    /// Removes an invoice, its credit notes, the payment allocations to it (the payments stay,
    /// with that part unallocated) and the diary entries about it and its credit notes.
    ///
    /// # Errors
    /// `UnknownInvoice`.
    pub fn remove_invoice(&mut self, id: InvoiceId) -> Result<(), DomainError> {
        let inv = self.invoices.remove(&id).ok_or(DomainError::UnknownInvoice)?;
        self.invoice_numbers.remove(&inv.number);
        self.index_credit(&inv, Decimal::NEGATIVE_ONE);
        self.settled.remove(&id);
        let credit_notes: Vec<InvoiceId> =
            self.invoices.values().filter(|c| c.credits == Some(id)).map(|c| c.id).collect();
        for cn in &credit_notes {
            if let Some(c) = self.invoices.remove(cn) {
                self.invoice_numbers.remove(&c.number);
            }
        }
        for p in self.payments.values_mut() {
            p.remove_allocations_to(id);
        }
        self.events.retain(|_, e| e.invoice.is_none_or(|i| i != id && !credit_notes.contains(&i)));
        Ok(())
    }

    // ----- payments -----

    /// Adds a payment with the allocations it carries.
    ///
    /// # Errors
    /// An unknown customer, or an allocation that breaks a rule (see module docs).
    pub fn add_payment(&mut self, mut payment: Payment) -> Result<PaymentId, DomainError> {
        payment.id = next_key(&self.payments, PaymentId, |k| k.0);
        self.check_payment(&payment)?;
        let id = payment.id;
        self.index_payment(&payment, Decimal::ONE);
        self.payments.insert(id, payment);
        Ok(id)
    }

    /// Adds a payment and allocates it to the customer's open invoices, oldest due date first.
    /// What is left stays unallocated.
    ///
    /// # Errors
    /// As [`Ledger::add_payment`].
    pub fn add_payment_oldest_first(&mut self, mut payment: Payment) -> Result<PaymentId, DomainError> {
        let open = self.open_items(payment.customer, payment.amount.currency);
        payment.set_allocations(allocate_oldest_first(payment.amount.amount, &open))?;
        self.add_payment(payment)
    }

    /// Replaces the payment with the same id.
    ///
    /// # Errors
    /// As [`Ledger::add_payment`], or `UnknownPayment`.
    pub fn update_payment(&mut self, payment: Payment) -> Result<(), DomainError> {
        let old = self.payments.get(&payment.id).ok_or(DomainError::UnknownPayment)?.clone();
        self.check_payment(&payment)?;
        self.index_payment(&old, Decimal::NEGATIVE_ONE);
        self.index_payment(&payment, Decimal::ONE);
        self.payments.insert(payment.id, payment);
        Ok(())
    }

    fn check_payment(&self, payment: &Payment) -> Result<(), DomainError> {
        if !self.customers.contains_key(&payment.customer) {
            return Err(DomainError::UnknownCustomer);
        }
        if payment.amount.amount <= Decimal::ZERO {
            return Err(DomainError::AmountNotPositive);
        }
        if payment.allocated() > payment.amount.amount {
            return Err(DomainError::AllocationsExceedPayment {
                allocated: round_cents(payment.allocated()).to_string(),
                payment: round_cents(payment.amount.amount).to_string(),
            });
        }
        for a in payment.allocations() {
            let inv = self.invoices.get(&a.invoice).ok_or(DomainError::UnknownInvoice)?;
            if inv.is_credit_note() {
                return Err(DomainError::AllocationToCreditNote);
            }
            if inv.customer != payment.customer {
                return Err(DomainError::AllocationOtherCustomer { invoice: inv.number.clone() });
            }
            payment.amount.checked_sub(inv.amount)?;
            let mut open = self.unsettled(inv);
            if let Some(existing) = self.payments.get(&payment.id) {
                open += existing.allocations().iter().filter(|x| x.invoice == inv.id).map(|x| x.amount).sum::<Decimal>();
            }
            if a.amount > open {
                return Err(DomainError::AllocationExceedsOpen {
                    invoice: inv.number.clone(),
                    amount: round_cents(a.amount).to_string(),
                    open: round_cents(open.max(Decimal::ZERO)).to_string(),
                });
            }
        }
        Ok(())
    }

    /// # Errors
    /// `UnknownPayment`.
    pub fn remove_payment(&mut self, id: PaymentId) -> Result<(), DomainError> {
        let p = self.payments.remove(&id).ok_or(DomainError::UnknownPayment)?;
        self.index_payment(&p, Decimal::NEGATIVE_ONE);
        Ok(())
    }

    // ----- diary -----

    /// # Errors
    /// The entry's own rules, an unknown customer, or an invoice of another customer.
    pub fn add_event(&mut self, mut event: Event) -> Result<EventId, DomainError> {
        event.id = next_key(&self.events, EventId, |k| k.0);
        self.check_event(&event)?;
        let id = event.id;
        self.events.insert(id, event);
        Ok(id)
    }

    /// Sets a customer's credit limit by hand and records it in the diary, in one step: the
    /// entry must be a [`EventKind::LimitSet`] with the reason in its note. The customer's
    /// `credit_limit` becomes the entry's limit (`None` = no limit) and the entry is added; on an
    /// error neither happens.
    ///
    /// The entry is the record of the decision, the limit itself lives on the customer: editing
    /// or removing the entry later ([`Ledger::update_event`], [`Ledger::remove_event`]) does not
    /// change the limit back, and changing the limit in the customer form adds no entry.
    ///
    /// # Errors
    /// `NotALimit` for another kind of entry; the entry's own rules (`ReasonRequired`, a negative
    /// limit); an unknown customer, or an invoice of another customer.
    pub fn set_limit(&mut self, mut event: Event) -> Result<EventId, DomainError> {
        let EventKind::LimitSet { limit, .. } = &event.kind else {
            return Err(DomainError::NotALimit);
        };
        let limit = *limit;
        event.id = next_key(&self.events, EventId, |k| k.0);
        self.check_event(&event)?;
        let mut customer = self.customers.get(&event.customer).ok_or(DomainError::UnknownCustomer)?.clone();
        customer.credit_limit = limit;
        customer.validate()?;
        let id = event.id;
        self.customers.insert(customer.id, customer);
        self.events.insert(id, event);
        Ok(id)
    }

    /// # Errors
    /// As [`Ledger::add_event`], or `UnknownEvent`.
    pub fn update_event(&mut self, event: Event) -> Result<(), DomainError> {
        if !self.events.contains_key(&event.id) {
            return Err(DomainError::UnknownEvent);
        }
        self.check_event(&event)?;
        self.events.insert(event.id, event);
        Ok(())
    }

    fn check_event(&self, event: &Event) -> Result<(), DomainError> {
        event.validate()?;
        if !self.customers.contains_key(&event.customer) {
            return Err(DomainError::UnknownCustomer);
        }
        if let Some(i) = event.invoice {
            let inv = self.invoices.get(&i).ok_or(DomainError::UnknownInvoice)?;
            if inv.customer != event.customer {
                return Err(DomainError::AllocationOtherCustomer { invoice: inv.number.clone() });
            }
        }
        Ok(())
    }

    /// # Errors
    /// `UnknownEvent`.
    pub fn remove_event(&mut self, id: EventId) -> Result<(), DomainError> {
        self.events.remove(&id).map(|_| ()).ok_or(DomainError::UnknownEvent)
    }

    // ----- whole ledger -----

    /// The diary of a customer, payments and documents together, in time order (oldest first).
    pub fn timeline(&self, customer: CustomerId) -> Vec<TimelineItem<'_>> {
        let mut items: Vec<TimelineItem<'_>> = Vec::new();
        items.extend(self.invoices.values().filter(|i| i.customer == customer).map(TimelineItem::Document));
        items.extend(self.payments.values().filter(|p| p.customer == customer).map(TimelineItem::Payment));
        items.extend(self.events.values().filter(|e| e.customer == customer).map(TimelineItem::Event));
        crate::sort::by_key(&mut items, |i| (i.date(), i.order()));
        items
    }

    /// Takes the ledger apart into plain collections (ordered by id).
    pub fn to_parts(&self) -> LedgerParts {
        LedgerParts {
            company: self.company.clone(),
            settings: self.settings.clone(),
            customers: self.customers.values().cloned().collect(),
            invoices: self.invoices.values().cloned().collect(),
            payments: self.payments.values().cloned().collect(),
            events: self.events.values().cloned().collect(),
        }
    }

    /// Builds a ledger from stored parts, checking every invariant: storage and backups go
    /// through here, so a file that breaks a rule is rejected as a whole.
    ///
    /// # Errors
    /// The first broken rule, naming the record.
    pub fn from_parts(parts: LedgerParts) -> Result<Ledger, PartsError> {
        let mut l = Ledger { company: parts.company, settings: parts.settings, ..Ledger::default() };
        let fail = |record: String| move |error: DomainError| PartsError { record, error };
        let duplicate = |record: String, id: u32| PartsError { record, error: DomainError::DuplicateId(id.to_string()) };
        let mut numbers = std::collections::HashSet::new();
        for mut c in parts.customers {
            c.number = norm_number(&c.number);
            let rec = format!("customer {} ({})", c.id, c.number);
            if l.customers.contains_key(&c.id) {
                return Err(duplicate(rec, c.id.0));
            }
            c.validate().map_err(fail(rec.clone()))?;
            if !numbers.insert(c.number.clone()) {
                return Err(PartsError { record: rec, error: DomainError::DuplicateCustomerNumber(c.number) });
            }
            l.customer_numbers.insert(c.number.clone(), c.id);
            l.customers.insert(c.id, c);
        }
        // Invoices before credit notes, so that a credit note always finds its invoice.
        let (credit_notes, invoices): (Vec<Invoice>, Vec<Invoice>) =
            parts.invoices.into_iter().partition(Invoice::is_credit_note);
        for mut inv in invoices.into_iter().chain(credit_notes) {
            inv.number = norm_number(&inv.number);
            let rec = format!("invoice {} ({})", inv.id, inv.number);
            if l.invoices.contains_key(&inv.id) {
                return Err(duplicate(rec, inv.id.0));
            }
            l.check_invoice(&inv).map_err(fail(rec))?;
            l.index_credit(&inv, Decimal::ONE);
            l.invoice_numbers.insert(inv.number.clone(), inv.id);
            l.invoices.insert(inv.id, inv);
        }
        for p in parts.payments {
            let rec = format!("payment {}", p.id);
            if l.payments.contains_key(&p.id) {
                return Err(duplicate(rec, p.id.0));
            }
            l.check_payment(&p).map_err(fail(rec))?;
            l.index_payment(&p, Decimal::ONE);
            l.payments.insert(p.id, p);
        }
        for e in parts.events {
            let rec = format!("diary entry {}", e.id);
            if l.events.contains_key(&e.id) {
                return Err(duplicate(rec, e.id.0));
            }
            l.check_event(&e).map_err(fail(rec))?;
            l.events.insert(e.id, e);
        }
        Ok(l)
    }

    /// Recomputes the derived indexes from the records and compares them with the maintained
    /// ones (for tests: the indexes must always match a fresh count).
    pub fn indexes_are_consistent(&self) -> bool {
        let mut fresh: HashMap<InvoiceId, Settled> = HashMap::new();
        for p in self.payments.values() {
            for a in p.allocations() {
                fresh.entry(a.invoice).or_default().paid += a.amount;
            }
        }
        for cn in self.invoices.values() {
            if let Some(t) = cn.credits {
                fresh.entry(t).or_default().credited += cn.amount.amount;
            }
        }
        fresh.retain(|_, s| !(s.paid.is_zero() && s.credited.is_zero()));
        let numbers_ok = self.invoice_numbers.len() == self.invoices.len()
            && self.invoices.values().all(|i| self.invoice_numbers.get(&i.number) == Some(&i.id));
        let customers_ok = self.customer_numbers.len() == self.customers.len()
            && self.customers.values().all(|c| self.customer_numbers.get(&c.number) == Some(&c.id));
        fresh == self.settled && numbers_ok && customers_ok
    }

    /// Adds a score to a customer's history, keeping it in date order.
    ///
    /// # Errors
    /// `UnknownCustomer`, `ScoreOutOfRange`.
    pub fn add_score(&mut self, customer: CustomerId, entry: super::customer::ScoreEntry) -> Result<(), DomainError> {
        if entry.score > 100 {
            return Err(DomainError::ScoreOutOfRange);
        }
        let c = self.customers.get_mut(&customer).ok_or(DomainError::UnknownCustomer)?;
        c.scores.push(entry);
        crate::sort::by_key(&mut c.scores, |s| s.date);
        Ok(())
    }

    /// Renames the dunning policy `id` (see `DunningSettings::rename_policy`). Customers whose
    /// profile named the policy by its old name are changed to the new name, so they keep it.
    /// Returns how many customers were changed.
    ///
    /// # Errors
    /// As `DunningSettings::rename_policy`; the ledger is unchanged then.
    pub fn rename_policy(&mut self, id: &str, name: &str) -> Result<usize, DomainError> {
        let old = self.settings.dunning.policies.iter().find(|p| p.id == id).map(|p| p.name.trim().to_string());
        self.settings.dunning.rename_policy(id, name)?;
        let (Some(old), new) = (old, name.trim()) else { return Ok(0) };
        let mut changed = 0;
        for c in self.customers.values_mut() {
            if !c.profile.trim().is_empty() && c.profile.trim().eq_ignore_ascii_case(&old) && !old.eq_ignore_ascii_case(id) {
                c.profile = new.to_string();
                changed += 1;
            }
        }
        Ok(changed)
    }

    /// Allocates the unallocated rest of a payment to the customer's open invoices, oldest first.
    ///
    /// # Errors
    /// `UnknownPayment`.
    pub fn allocate_rest_oldest_first(&mut self, id: PaymentId) -> Result<(), DomainError> {
        let p = self.payments.get(&id).ok_or(DomainError::UnknownPayment)?.clone();
        let open = self.open_items(p.customer, p.amount.currency);
        let mut allocations: Vec<Allocation> = p.allocations().to_vec();
        allocations.extend(allocate_oldest_first(p.unallocated(), &open));
        let mut updated = p;
        updated.set_allocations(allocations)?;
        self.update_payment(updated)
    }
}

/// A four-digit year before `year` in an invoice number prefix (`2025-` in `2025-0093`).
fn earlier_year_in(prefix: &str, year: i32) -> Option<String> {
    let bytes = prefix.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let run = &prefix[i..i + 4];
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit()) && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        let y: i32 = run.parse().ok().filter(|_| alone && run.bytes().all(|b| b.is_ascii_digit()))?;
        (1900..year).contains(&y).then(|| run.to_string())
    })
}

fn empty_balance(inv: &Invoice) -> InvoiceBalance {
    InvoiceBalance {
        amount: inv.amount.amount,
        paid: Decimal::ZERO,
        credited: Decimal::ZERO,
        disputed: false,
        written_off: false,
        last_payment: None,
    }
}

fn apply_events<'a>(b: &mut InvoiceBalance, events: impl Iterator<Item = &'a Event>) {
    let mut dispute: Option<(NaiveDate, EventId, bool)> = None;
    for e in events {
        match e.kind {
            EventKind::DisputeOpened { .. } | EventKind::DisputeResolved => {
                let open = matches!(e.kind, EventKind::DisputeOpened { .. });
                if dispute.is_none_or(|(d, id, _)| (e.date, e.id) > (d, id)) {
                    dispute = Some((e.date, e.id, open));
                }
            }
            EventKind::WrittenOff => b.written_off = true,
            _ => {}
        }
    }
    b.disputed = dispute.is_some_and(|(_, _, open)| open);
}

/// One line of a customer's history.
#[derive(Clone, Copy, Debug)]
pub enum TimelineItem<'a> {
    Document(&'a Invoice),
    Payment(&'a Payment),
    Event(&'a Event),
}

impl TimelineItem<'_> {
    pub fn date(&self) -> NaiveDate {
        match self {
            TimelineItem::Document(i) => i.date,
            TimelineItem::Payment(p) => p.date,
            TimelineItem::Event(e) => e.date,
        }
    }
    fn order(&self) -> (u8, u32) {
        match self {
            TimelineItem::Document(i) => (0, i.id.0),
            TimelineItem::Payment(p) => (1, p.id.0),
            TimelineItem::Event(e) => (2, e.id.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renaming_a_policy_keeps_the_customers_that_name_it() {
        let mut l = Ledger::new();
        let mut named = |number: &str, profile: &str| {
            let mut c = Customer::new(number, format!("Klant {number}"));
            c.profile = profile.into();
            l.add_customer(c).unwrap()
        };
        let by_name = named("1", " goede BETALERS ");
        let by_id = named("2", "goede-betalers");
        let other = named("3", "Risicovol");
        assert_eq!(l.rename_policy("goede-betalers", "Vaste klanten"), Ok(1));
        let profile = |id| l.customer(id).unwrap().profile.clone();
        assert_eq!((profile(by_name), profile(by_id), profile(other)), ("Vaste klanten".into(), "goede-betalers".into(), "Risicovol".into()));

        let before = l.to_parts();
        assert_eq!(l.rename_policy("goede-betalers", "standaard"), Err(DomainError::DuplicatePolicyName("standaard".into())));
        assert_eq!(l.to_parts(), before, "unchanged on error");
    }
}
