//! Payment matching: which customer and invoices a bank transaction pays, with the evidence.
//!
//! [`propose`] never changes the ledger; [`book`] books only what the user confirmed.
//!
//! Rules:
//!
//! - Every credit (amount > 0, not a reversal or return) becomes a [`Proposal`]. Debits, zero
//!   amounts and reversals/returns are listed apart ([`MatchReport::debits`], `zero`, `returns`).
//! - Invoice numbers and payment references are looked up in the remittance text and the
//!   end-to-end id as whole tokens: `2021-7` does not match inside `2021-71` or `X2021-7`, case
//!   is ignored. Payment references of 8 or more letters and digits are compared without
//!   spaces, dots, slashes and plus signs, so `RF18 5390 0754 7034`, `+++090/9337/55493+++` and
//!   `1234.5678.9012.3456` are found however they are written. Credit notes are not matched.
//! - The customer is the one whose invoices are named; otherwise the one whose IBAN is the
//!   payer's (compared without spaces, upper case); otherwise, when exactly one open invoice in
//!   the whole ledger has the amount, that invoice's customer.
//! - `Certain` needs both: named open invoices of one customer, and an amount equal to the cent
//!   to what is open on them together (after credit notes and earlier payments), with no
//!   contrary evidence (the IBAN of another customer, a named invoice that is already paid).
//! - `Unsure` is everything with a customer but less evidence: a partial payment or an
//!   overpayment of named invoices, only the IBAN (with or without an amount that equals one of
//!   the customer's open invoices), or only an amount that equals one open invoice ledger-wide.
//!   `Unmatched` has no customer.
//! - Allocation: the named invoices first, oldest due date first; an overpayment's rest goes to
//!   the customer's other open invoices, oldest first; what is left stays unallocated. A
//!   payment that names only invoices that are already paid is not allocated (a double payment
//!   to refund). Proposals of one report never allocate more than is open: each takes what the
//!   ones before it left.
//! - `AlreadyBooked`: a payment in the ledger with the same date (booking or value date),
//!   amount and currency, and the same reference or payer IBAN. Each booked payment accounts for
//!   one transaction, so importing a statement again books nothing twice. The same transaction
//!   in two statements of one import is `DuplicateInImport`.
//! - A reversal or return of money received proposes to remove the booked payment it undoes
//!   (same amount and payer IBAN or reference, on or before the return), for the user to
//!   confirm.
//! - [`book`] books the confirmed items all or nothing, through the ledger's own checks.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{round_cents, Allocation, Currency, CustomerId, DomainError, InvoiceId, Ledger, Money, Payment, PaymentId};
use crate::io::bank::{check_balances, compact_iban, BalanceMismatch, Statement, Transaction};

/// Where a transaction is: index of the statement and of the transaction in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TxRef {
    pub statement: usize,
    pub transaction: usize,
}

/// How sure the proposal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Certain,
    Unsure,
    Unmatched,
    /// Booked before: nothing to do.
    AlreadyBooked { payment: PaymentId },
    /// The same transaction appeared in an earlier statement of this import.
    DuplicateInImport { of: TxRef },
}

/// One piece of evidence (or doubt) behind a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The invoice number is in the text.
    InvoiceNamed { invoice: InvoiceId, number: String },
    /// The invoice's payment reference is in the text.
    ReferenceNamed { invoice: InvoiceId, number: String, reference: String },
    /// The amount is what is open on the named invoices together.
    AmountEqualsNamed { open: Decimal },
    /// Less than what is open on the named invoices.
    PartialPayment { open: Decimal, paid: Decimal },
    /// More than what is open on the named invoices.
    Overpayment { open: Decimal, paid: Decimal },
    /// A named invoice has nothing open (paid or credited).
    NamedNotOpen { invoice: InvoiceId, number: String },
    /// The named invoices belong to several customers.
    NamedSeveralCustomers { count: usize },
    /// The payer's IBAN is this customer's.
    IbanMatches { customer: CustomerId },
    /// The payer's IBAN belongs to another customer than the named invoices.
    IbanOtherCustomer { customer: CustomerId },
    /// Several customers have the payer's IBAN.
    IbanSeveralCustomers { count: usize },
    /// The amount equals this one open invoice of the customer.
    AmountMatchesInvoice { invoice: InvoiceId, number: String },
    /// The amount is everything the customer has open, on this many invoices.
    AmountMatchesCustomerTotal { invoices: usize },
    /// The amount equals this many open invoices: which one is a guess.
    AmountMatchesSeveral { count: usize },
    /// No evidence but the amount: it equals exactly one open invoice in the whole ledger.
    AmountMatchesOnlyInvoice { invoice: InvoiceId, number: String },
    /// The customer is known but no open invoice has this amount.
    NoAmountMatch,
    /// Nothing points to a customer.
    NothingFound,
    /// This payment in the ledger is this transaction.
    AlreadyBooked { payment: PaymentId },
    /// The same transaction as an earlier one of this import.
    DuplicateInImport { of: TxRef },
}

/// What to do with one incoming payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub tx: TxRef,
    pub date: NaiveDate,
    pub amount: Money,
    pub payer_name: String,
    pub payer_iban: String,
    /// The remittance text (or the end-to-end id when there is none): the payment's reference.
    pub reference: String,
    pub verdict: Verdict,
    pub customer: Option<CustomerId>,
    pub reasons: Vec<Reason>,
    pub allocations: Vec<Allocation>,
}

impl Proposal {
    /// What would stay unallocated on the payment.
    pub fn unallocated(&self) -> Decimal {
        self.amount.amount - self.allocations.iter().map(|a| a.amount).sum::<Decimal>()
    }

    /// The booking this proposal would make, for a proposal with a customer that is not booked yet.
    pub fn accept(&self) -> Option<AcceptedMatch> {
        match self.verdict {
            Verdict::Certain | Verdict::Unsure => Some(AcceptedMatch::Book {
                customer: self.customer?,
                date: self.date,
                amount: self.amount,
                payer_name: self.payer_name.clone(),
                payer_iban: self.payer_iban.clone(),
                reference: self.reference.clone(),
                allocations: self.allocations.clone(),
            }),
            _ => None,
        }
    }
}

/// A reversal or returned payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnItem {
    pub tx: TxRef,
    pub date: NaiveDate,
    /// Signed as on the statement (negative: money went back).
    pub amount: Money,
    pub reason_code: Option<String>,
    /// The booked payment this return undoes, when one fits.
    pub original: Option<PaymentId>,
}

impl ReturnItem {
    /// Removing the original payment, when there is one.
    pub fn accept(&self) -> Option<AcceptedMatch> {
        self.original.map(|payment| AcceptedMatch::RemovePayment { payment })
    }
}

/// Everything [`propose`] found in the statements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchReport {
    /// One per incoming payment, in statement order.
    pub proposals: Vec<Proposal>,
    /// Money paid out: listed, nothing to match.
    pub debits: Vec<TxRef>,
    /// Entries of zero.
    pub zero: Vec<TxRef>,
    pub returns: Vec<ReturnItem>,
    /// Statements whose balances do not add up (index, finding).
    pub balance_findings: Vec<(usize, BalanceMismatch)>,
}

impl MatchReport {
    /// The bookings of every `Certain` proposal (what the UI ticks by default).
    pub fn certain(&self) -> Vec<AcceptedMatch> {
        self.proposals.iter().filter(|p| p.verdict == Verdict::Certain).filter_map(Proposal::accept).collect()
    }
}

/// What the user confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AcceptedMatch {
    Book {
        customer: CustomerId,
        date: NaiveDate,
        amount: Money,
        payer_name: String,
        payer_iban: String,
        reference: String,
        allocations: Vec<Allocation>,
    },
    /// A returned payment: remove the payment it undoes.
    RemovePayment { payment: PaymentId },
}

fn cents(d: Decimal) -> Decimal {
    round_cents(d).normalize()
}

fn alnum_upper(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

/// How an invoice was named in a text.
#[derive(Clone, Debug)]
enum Named {
    Number,
    Reference(String),
}

struct Index {
    /// Upper-case invoice numbers and short references, matched as whole tokens.
    tokens: HashMap<String, Vec<(InvoiceId, bool)>>,
    /// References of 8+ letters and digits, compared on letters and digits only.
    refs: HashMap<String, Vec<InvoiceId>>,
    by_iban: HashMap<String, Vec<CustomerId>>,
    /// Per customer its invoices, oldest due date first.
    per_customer: HashMap<CustomerId, Vec<InvoiceId>>,
    /// Invoices by (currency, open amount in cents) at the start.
    by_amount: HashMap<(Currency, Decimal), Vec<InvoiceId>>,
    open: HashMap<InvoiceId, Decimal>,
    /// Payments by (date, currency, cents).
    payments: HashMap<(NaiveDate, Currency, Decimal), Vec<PaymentId>>,
}

impl Index {
    fn new(ledger: &Ledger) -> Index {
        let mut tokens: HashMap<String, Vec<(InvoiceId, bool)>> = HashMap::new();
        let mut refs: HashMap<String, Vec<InvoiceId>> = HashMap::new();
        let mut per_customer: HashMap<CustomerId, Vec<InvoiceId>> = HashMap::new();
        let balances = ledger.balances();
        let mut open = HashMap::new();
        let mut by_amount: HashMap<(Currency, Decimal), Vec<InvoiceId>> = HashMap::new();
        let mut invoices: Vec<_> = ledger.invoices().filter(|i| !i.is_credit_note()).collect();
        invoices.sort_by_key(|i| (i.due, i.id));
        for inv in invoices {
            let number = inv.number.trim().to_uppercase();
            if !number.is_empty() {
                tokens.entry(number).or_default().push((inv.id, false));
            }
            let reference = alnum_upper(&inv.reference);
            if reference.len() >= 8 {
                refs.entry(reference).or_default().push(inv.id);
            } else if !inv.reference.trim().is_empty() {
                tokens.entry(inv.reference.trim().to_uppercase()).or_default().push((inv.id, true));
            }
            per_customer.entry(inv.customer).or_default().push(inv.id);
            let o = balances.get(&inv.id).map_or(Decimal::ZERO, |b| b.open());
            if o > Decimal::ZERO {
                by_amount.entry((inv.amount.currency, cents(o))).or_default().push(inv.id);
            }
            open.insert(inv.id, o);
        }
        let mut by_iban: HashMap<String, Vec<CustomerId>> = HashMap::new();
        for c in ledger.customers() {
            if let Some(i) = compact_iban(&c.iban) {
                by_iban.entry(i).or_default().push(c.id);
            }
        }
        let mut payments: HashMap<(NaiveDate, Currency, Decimal), Vec<PaymentId>> = HashMap::new();
        for p in ledger.payments() {
            payments.entry((p.date, p.amount.currency, cents(p.amount.amount))).or_default().push(p.id);
        }
        Index { tokens, refs, by_iban, per_customer, by_amount, open, payments }
    }

    fn open(&self, id: InvoiceId) -> Decimal {
        self.open.get(&id).copied().unwrap_or(Decimal::ZERO)
    }

    /// Invoices named in the text, in the order found, each once.
    fn named(&self, text: &str) -> Vec<(InvoiceId, Named)> {
        let mut out: Vec<(InvoiceId, Named)> = Vec::new();
        let mut push = |id: InvoiceId, how: Named| {
            if !out.iter().any(|(i, _)| *i == id) {
                out.push((id, how));
            }
        };
        let upper = text.to_uppercase();
        // Whole tokens: within a whitespace-separated chunk, any run from the start of a letter/digit
        // run to the end of one.
        for chunk in upper.split(|c: char| c.is_whitespace() || ",;:()[]{}<>\"'#".contains(c)) {
            let runs: Vec<(usize, usize)> = runs_of(chunk);
            for (a, (s, _)) in runs.iter().enumerate().take(16) {
                for (_, e) in runs.iter().skip(a).take(12) {
                    if let Some(hits) = self.tokens.get(&chunk[*s..*e]) {
                        for (id, is_ref) in hits {
                            push(*id, if *is_ref { Named::Reference(chunk[*s..*e].to_string()) } else { Named::Number });
                        }
                    }
                }
            }
        }
        // Structured references: letters and digits of consecutive runs, ignoring separators.
        if !self.refs.is_empty() {
            let runs = runs_of(&upper);
            for a in 0..runs.len() {
                let mut key = String::new();
                for (s, e) in &runs[a..] {
                    key.push_str(&upper[*s..*e]);
                    if key.len() > 40 {
                        break;
                    }
                    if key.len() >= 8 {
                        if let Some(hits) = self.refs.get(&key) {
                            let shown: String = upper[runs[a].0..*e].to_string();
                            for id in hits {
                                push(*id, Named::Reference(shown.clone()));
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// Byte ranges of the runs of ASCII letters and digits (and other alphanumerics) in `s`.
fn runs_of(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            out.push((st, i));
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// What makes two transactions the same: account, date, amount, texts, payer and bank reference.
type DuplicateKey = (String, NaiveDate, Decimal, String, String, String, String);

fn duplicate_key(st: &Statement, t: &Transaction) -> DuplicateKey {
    (
        st.account.clone(),
        t.booking_date,
        t.amount,
        t.remittance.clone(),
        t.end_to_end.clone(),
        t.counterparty_iban.clone(),
        t.bank_reference.clone(),
    )
}

/// Proposes what every transaction of the statements pays. Changes nothing.
pub fn propose(ledger: &Ledger, statements: &[Statement]) -> MatchReport {
    let mut ix = Index::new(ledger);
    let mut report = MatchReport::default();
    let mut used_payments: HashSet<PaymentId> = HashSet::new();
    let mut seen: HashMap<DuplicateKey, TxRef> = HashMap::new();
    for (si, st) in statements.iter().enumerate() {
        if let Some(m) = check_balances(st) {
            report.balance_findings.push((si, m));
        }
        for (ti, t) in st.transactions.iter().enumerate() {
            let tx = TxRef { statement: si, transaction: ti };
            if t.is_return() {
                report.returns.push(return_item(ledger, tx, t));
                continue;
            }
            if t.amount < Decimal::ZERO {
                report.debits.push(tx);
                continue;
            }
            if t.amount.is_zero() {
                report.zero.push(tx);
                continue;
            }
            let key = duplicate_key(st, t);
            let earlier = seen.get(&key).copied().filter(|e| e.statement != si);
            seen.entry(key).or_insert(tx);
            let mut p = proposal(ledger, &ix, tx, t);
            if let Some(of) = earlier {
                p.verdict = Verdict::DuplicateInImport { of };
                p.reasons.push(Reason::DuplicateInImport { of });
                p.allocations.clear();
            } else if let Some(payment) = booked(ledger, &ix, t, &used_payments) {
                used_payments.insert(payment);
                p.verdict = Verdict::AlreadyBooked { payment };
                p.customer = ledger.payment(payment).map(|x| x.customer);
                p.reasons.push(Reason::AlreadyBooked { payment });
                p.allocations.clear();
            }
            for a in &p.allocations {
                if let Some(o) = ix.open.get_mut(&a.invoice) {
                    *o -= a.amount;
                }
            }
            report.proposals.push(p);
        }
    }
    report
}

fn booked(ledger: &Ledger, ix: &Index, t: &Transaction, used: &HashSet<PaymentId>) -> Option<PaymentId> {
    let reference = t.remittance.trim();
    let e2e = t.end_to_end.trim();
    let dates = [t.booking_date, t.value_date];
    dates.iter().find_map(|d| {
        ix.payments.get(&(*d, t.currency, cents(t.amount)))?.iter().copied().find(|id| {
            let Some(p) = ledger.payment(*id) else { return false };
            let same_ref = !p.reference.trim().is_empty() && (p.reference.trim() == reference || p.reference.trim() == e2e);
            let same_iban = !t.counterparty_iban.is_empty() && compact_iban(&p.payer_iban).as_deref() == Some(t.counterparty_iban.as_str());
            !used.contains(id) && (same_ref || same_iban)
        })
    })
}

fn return_item(ledger: &Ledger, tx: TxRef, t: &Transaction) -> ReturnItem {
    let mut original = None;
    if t.amount < Decimal::ZERO {
        let amount = cents(-t.amount);
        original = ledger
            .payments()
            .filter(|p| p.amount.currency == t.currency && cents(p.amount.amount) == amount && p.date <= t.booking_date)
            .filter(|p| {
                let iban = !t.counterparty_iban.is_empty() && compact_iban(&p.payer_iban).as_deref() == Some(t.counterparty_iban.as_str());
                let reference = !p.reference.trim().is_empty()
                    && (p.reference.trim() == t.remittance.trim() || p.reference.trim() == t.end_to_end.trim());
                iban || reference
            })
            .max_by_key(|p| (p.date, p.id))
            .map(|p| p.id);
    }
    ReturnItem {
        tx,
        date: t.booking_date,
        amount: Money::new(t.amount, t.currency),
        reason_code: t.return_reason.clone(),
        original,
    }
}

fn proposal(ledger: &Ledger, ix: &Index, tx: TxRef, t: &Transaction) -> Proposal {
    let text = format!("{} {}", t.remittance, t.end_to_end);
    let reference = if t.remittance.trim().is_empty() { t.end_to_end.trim() } else { t.remittance.trim() };
    let mut p = Proposal {
        tx,
        date: t.booking_date,
        amount: Money::new(t.amount, t.currency),
        payer_name: t.counterparty_name.clone(),
        payer_iban: t.counterparty_iban.clone(),
        reference: reference.to_string(),
        verdict: Verdict::Unmatched,
        customer: None,
        reasons: Vec::new(),
        allocations: Vec::new(),
    };
    let amount = t.amount;
    let number_of = |id: InvoiceId| ledger.invoice(id).map(|i| i.number.clone()).unwrap_or_default();
    let named: Vec<(InvoiceId, Named)> = ix
        .named(&text)
        .into_iter()
        .filter(|(id, _)| ledger.invoice(*id).is_some_and(|i| i.amount.currency == t.currency))
        .collect();
    let iban_customers: Vec<CustomerId> = ix.by_iban.get(&t.counterparty_iban).cloned().unwrap_or_default();
    let named_reason = |id: InvoiceId, how: &Named| match how {
        Named::Number => Reason::InvoiceNamed { invoice: id, number: number_of(id) },
        Named::Reference(r) => Reason::ReferenceNamed { invoice: id, number: number_of(id), reference: r.clone() },
    };
    if !named.is_empty() {
        let mut customers: Vec<CustomerId> = named.iter().filter_map(|(id, _)| ledger.invoice(*id).map(|i| i.customer)).collect();
        customers.sort();
        customers.dedup();
        let customer = if customers.len() == 1 {
            customers[0]
        } else if let Some(c) = iban_customers.iter().find(|c| customers.contains(c)).filter(|_| iban_customers.len() == 1) {
            *c
        } else {
            p.reasons.extend(named.iter().map(|(id, how)| named_reason(*id, how)));
            p.reasons.push(Reason::NamedSeveralCustomers { count: customers.len() });
            return p;
        };
        p.customer = Some(customer);
        let mine: Vec<&(InvoiceId, Named)> =
            named.iter().filter(|(id, _)| ledger.invoice(*id).is_some_and(|i| i.customer == customer)).collect();
        p.reasons.extend(mine.iter().map(|(id, how)| named_reason(*id, how)));
        if customers.len() > 1 {
            p.reasons.push(Reason::NamedSeveralCustomers { count: customers.len() });
        }
        let mut doubt = customers.len() > 1;
        if iban_customers.contains(&customer) {
            p.reasons.push(Reason::IbanMatches { customer });
        } else if let Some(other) = iban_customers.first() {
            p.reasons.push(Reason::IbanOtherCustomer { customer: *other });
            doubt = true;
        }
        let mut open_named: Vec<InvoiceId> = Vec::new();
        for (id, _) in &mine {
            if ix.open(*id) > Decimal::ZERO {
                open_named.push(*id);
            } else {
                p.reasons.push(Reason::NamedNotOpen { invoice: *id, number: number_of(*id) });
                doubt = true;
            }
        }
        let order = ix.per_customer.get(&customer).cloned().unwrap_or_default();
        open_named.sort_by_key(|id| order.iter().position(|x| x == id));
        let sum: Decimal = open_named.iter().map(|id| ix.open(*id)).sum();
        p.verdict = Verdict::Unsure;
        if open_named.is_empty() {
            return p;
        }
        if cents(amount) == cents(sum) {
            p.reasons.push(Reason::AmountEqualsNamed { open: sum });
            if !doubt {
                p.verdict = Verdict::Certain;
            }
            p.allocations = spread(ix, amount, &open_named);
        } else if amount < sum {
            p.reasons.push(Reason::PartialPayment { open: sum, paid: amount });
            p.allocations = spread(ix, amount, &open_named);
        } else {
            p.reasons.push(Reason::Overpayment { open: sum, paid: amount });
            let rest: Vec<InvoiceId> = order
                .iter()
                .copied()
                .filter(|id| !open_named.contains(id) && same_currency(ledger, *id, t.currency))
                .collect();
            let all: Vec<InvoiceId> = open_named.iter().copied().chain(rest).collect();
            p.allocations = spread(ix, amount, &all);
        }
        return p;
    }
    if iban_customers.len() == 1 {
        let customer = iban_customers[0];
        p.customer = Some(customer);
        p.verdict = Verdict::Unsure;
        p.reasons.push(Reason::IbanMatches { customer });
        let open: Vec<InvoiceId> = ix
            .per_customer
            .get(&customer)
            .map(|v| v.iter().copied().filter(|id| ix.open(*id) > Decimal::ZERO && same_currency(ledger, *id, t.currency)).collect())
            .unwrap_or_default();
        let exact: Vec<InvoiceId> = open.iter().copied().filter(|id| cents(ix.open(*id)) == cents(amount)).collect();
        let total: Decimal = open.iter().map(|id| ix.open(*id)).sum();
        if exact.len() == 1 {
            p.reasons.push(Reason::AmountMatchesInvoice { invoice: exact[0], number: number_of(exact[0]) });
            p.allocations = spread(ix, amount, &exact);
        } else if exact.len() > 1 {
            p.reasons.push(Reason::AmountMatchesSeveral { count: exact.len() });
            p.allocations = spread(ix, amount, &exact[..1]);
        } else if open.len() > 1 && cents(total) == cents(amount) {
            p.reasons.push(Reason::AmountMatchesCustomerTotal { invoices: open.len() });
            p.allocations = spread(ix, amount, &open);
        } else {
            p.reasons.push(Reason::NoAmountMatch);
            p.allocations = spread(ix, amount, &open);
        }
        return p;
    }
    if iban_customers.len() > 1 {
        p.reasons.push(Reason::IbanSeveralCustomers { count: iban_customers.len() });
    }
    // Only the amount: exactly one open invoice in the ledger (among the IBAN's customers, if any).
    let candidates: Vec<InvoiceId> = ix
        .by_amount
        .get(&(t.currency, cents(amount)))
        .map(|v| {
            v.iter()
                .copied()
                .filter(|id| cents(ix.open(*id)) == cents(amount))
                .filter(|id| {
                    iban_customers.is_empty() || ledger.invoice(*id).is_some_and(|i| iban_customers.contains(&i.customer))
                })
                .collect()
        })
        .unwrap_or_default();
    match candidates.len() {
        0 => p.reasons.push(Reason::NothingFound),
        1 => {
            let id = candidates[0];
            p.customer = ledger.invoice(id).map(|i| i.customer);
            p.verdict = Verdict::Unsure;
            p.reasons.push(Reason::AmountMatchesOnlyInvoice { invoice: id, number: number_of(id) });
            p.allocations = spread(ix, amount, &[id]);
        }
        n => p.reasons.push(Reason::AmountMatchesSeveral { count: n }),
    }
    p
}

fn same_currency(ledger: &Ledger, id: InvoiceId, c: Currency) -> bool {
    ledger.invoice(id).is_some_and(|i| i.amount.currency == c)
}

/// Allocates `amount` over `invoices` in the given order, each up to what is open.
fn spread(ix: &Index, amount: Decimal, invoices: &[InvoiceId]) -> Vec<Allocation> {
    let mut left = amount;
    let mut out = Vec::new();
    for id in invoices {
        if left <= Decimal::ZERO {
            break;
        }
        let take = left.min(ix.open(*id));
        if take > Decimal::ZERO {
            out.push(Allocation { invoice: *id, amount: take });
            left -= take;
        }
    }
    out
}

/// Books what the user confirmed, all or nothing: payments with their allocations (payer name,
/// IBAN and reference from the statement) and removals of returned payments.
///
/// # Errors
/// The first rule of the ledger a booking breaks; the ledger passed in is not changed.
pub fn book(ledger: &Ledger, accepted: &[AcceptedMatch]) -> Result<Ledger, DomainError> {
    let mut out = ledger.clone();
    for a in accepted {
        match a {
            AcceptedMatch::Book { customer, date, amount, payer_name, payer_iban, reference, allocations } => {
                let mut p = Payment::new(*customer, *date, *amount, allocations.clone())?;
                p.payer_name = payer_name.clone();
                p.payer_iban = payer_iban.clone();
                p.reference = reference.clone();
                out.add_payment(p)?;
            }
            AcceptedMatch::RemovePayment { payment } => out.remove_payment(*payment)?,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_table() {
        assert_eq!(runs_of("2021-71"), vec![(0, 4), (5, 7)]);
        assert_eq!(runs_of("+++123/4567/89012+++"), vec![(3, 6), (7, 11), (12, 17)]);
        assert_eq!(runs_of(""), vec![]);
    }
}
