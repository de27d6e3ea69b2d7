//! From rows to records: the preview of what an import creates and changes, every problem with
//! its line and column, and the all-or-nothing apply. The rules are in the module documentation
//! of [`crate::io::csv_import`].

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::mapping::{Mapping, RecordKind, Target};
use super::read::{ParsedFile, Row};
use super::values::{
    amount_text, decide_order, decide_sep, float_ids, parse_date, read_with, DateFault, DateOrder, DecimalSep,
    OrderDecision, SepDecision,
};
use crate::domain::{
    default_due, normalize_iban, Allocation, Country, Currency, Customer, CustomerKind, DomainError, Invoice,
    InvoiceId, Ledger, Money, Payment,
};

/// The reference of the payment that books what an imported invoice had already been paid
/// (total minus open amount, the paid amount, or the whole invoice when it is marked paid).
pub const ALREADY_PAID_REFERENCE: &str = "import: already paid";

/// The user's answers to the preview's [`Question`]s, and how to treat rows with errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// How to read numeric dates where both day-month and month-day fit every value.
    pub date_order: Option<DateOrder>,
    /// How to read amounts where both separators fit every value (`1.234`).
    pub decimal_sep: Option<DecimalSep>,
    /// Leave out the rows with errors and import the rest. Off by default: then one error
    /// blocks the whole import.
    pub skip_error_rows: bool,
}

/// Something the user must decide before the file can be read; the answer goes into
/// [`Choices`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Question {
    /// Every date of the column fits both `dd/mm` and `mm/dd`.
    DateOrder { column: usize, header: String, example: String, as_day_month: NaiveDate, as_month_day: NaiveDate },
    /// Every amount of the column fits both separators (`1.234`).
    DecimalSep { column: usize, header: String, example: String, as_dot: Decimal, as_comma: Decimal },
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The row (or, on the header line, the file) cannot be imported.
    Error,
    /// Imported, but not exactly as written; the text says what was done.
    Warning,
    /// Something the user should know about how the file was read.
    Note,
}

/// One problem: where (1-based line of the source file; column = field index + 1 with its
/// header), how bad, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: Option<usize>,
    pub header: String,
    pub severity: Severity,
    pub kind: ProblemKind,
}

/// What the problem is, with what was found. Texts: [`crate::i18n::Lang::import_problem`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// No column is mapped to a field this kind of file needs.
    MissingColumn { target: Target },
    /// Neither a customer number nor a customer name column (nor, for payments, an invoice).
    MissingCustomerColumn,
    /// A header but no data rows.
    NoRows,
    /// Amounts carry a currency symbol; read as this currency.
    CurrencyFromSymbol { currency: Currency },
    /// Numbers written as `1200401780.0` were read as `1200401780`.
    FloatIds,
    /// There is no due date for this many invoices: invoice date plus the payment term.
    DueDatesDerived { count: usize },
    /// A value this row needs is empty.
    Empty { target: Target },
    NotAnAmount { value: String },
    NotADate { value: String },
    NoSuchDate { value: String },
    BadCurrency { value: String },
    BadTerm { value: String },
    BadKind { value: String },
    BadIban { value: String },
    BadFlag { value: String },
    /// A negative payment (a refund or reversal) is not a payment received.
    NegativePayment { value: String },
    /// A negative invoice amount without the invoice it credits.
    CreditNoteNeedsInvoice { value: String },
    /// The amount is zero: nothing to import.
    ZeroAmount,
    /// The due date is before the invoice date; the invoice date is used.
    DueBeforeDate { date: NaiveDate, due: NaiveDate },
    /// The open amount is more than the invoice total, or negative.
    OpenOutOfRange { open: Decimal, total: Decimal },
    /// A cleared negative item (a settled credit or payment) is left out.
    ClearedSkipped { value: String },
    /// Several lines of one invoice: `summed` when their amounts were added up, otherwise the
    /// repeated total was taken once.
    LinesCollapsed { number: String, lines: usize, summed: bool },
    /// Lines of one invoice disagree; the first line's value is kept.
    Conflicting { number: String, target: Target, kept: String, found: String },
    /// An exact copy of an earlier row: left out.
    DuplicateRow { first_line: usize },
    /// A customer appears twice in a customer file: the first row is used.
    DuplicateCustomer { key: String, first_line: usize },
    /// The same customer number with another name; the first name is kept.
    CustomerNameDiffers { number: String, kept: String, found: String },
    /// A new customer without a name: the number is used as the name.
    NameFromNumber { number: String },
    /// A payment names an invoice that is neither in the ledger nor in the file; it is booked
    /// on the customer without allocation.
    UnknownInvoice { number: String },
    /// A payment's customer is not in the ledger (payments never create customers).
    UnknownCustomer { value: String },
    /// The invoice belongs to another customer than the row names.
    OtherCustomer { number: String, customer: String },
    /// The payment is more than is open on its invoice; the rest stays unallocated.
    MoreThanOpen { number: String, amount: Decimal, open: Decimal },
    /// The ledger shows less open on this invoice than the file; the ledger is kept.
    LedgerOpenLower { number: String, file_open: Decimal, ledger_open: Decimal },
    /// The ledger refused the record.
    Domain { error: DomainError },
}

/// A customer the import creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCustomer {
    pub line: usize,
    pub customer: Customer,
}

/// An existing customer the import changes: the new version and the fields that change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerUpdate {
    pub line: usize,
    pub customer: Customer,
    pub fields: Vec<Target>,
}

/// An invoice or credit note the import creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedInvoice {
    /// The first line of the invoice in the file.
    pub line: usize,
    /// How many lines of the file it was made of.
    pub lines: usize,
    pub number: String,
    /// The customer's number (existing, from the file, or generated).
    pub customer: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    /// The total; for a credit note the credited amount (positive).
    pub amount: Money,
    pub description: String,
    pub reference: String,
    /// For a credit note: the number of the invoice it credits.
    pub credits: Option<String>,
}

/// An existing invoice the import changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceUpdate {
    pub line: usize,
    pub invoice: Invoice,
    pub fields: Vec<Target>,
}

/// A payment the import creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedPayment {
    pub line: usize,
    pub customer: String,
    pub date: NaiveDate,
    pub amount: Money,
    /// The invoice it is allocated to (as far as it is open); without one, it is allocated to
    /// the customer's open invoices oldest first.
    pub invoice: Option<String>,
    pub reference: String,
    pub payer_name: String,
    pub payer_iban: String,
    /// Made from an invoice's open or paid amount ([`ALREADY_PAID_REFERENCE`]).
    pub already_paid: bool,
}

/// What an import will do. Built by [`preview`]; [`apply`] carries it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub kind: RecordKind,
    pub new_customers: Vec<NewCustomer>,
    pub updated_customers: Vec<CustomerUpdate>,
    pub new_invoices: Vec<PlannedInvoice>,
    pub updated_invoices: Vec<InvoiceUpdate>,
    pub new_payments: Vec<PlannedPayment>,
    /// Records of the file that are already in the ledger as they are.
    pub unchanged: usize,
    pub problems: Vec<Problem>,
    /// Unanswered questions: until they are answered nothing is read.
    pub questions: Vec<Question>,
    pub skip_error_rows: bool,
}

impl Preview {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Warning).count()
    }
    /// Whether [`apply`] will go ahead: no questions open, and no errors (or the user chose to
    /// leave out the rows with errors and no error is about the whole file).
    pub fn can_apply(&self) -> bool {
        let file_level = self.problems.iter().any(|p| {
            p.severity == Severity::Error
                && matches!(p.kind, ProblemKind::MissingColumn { .. } | ProblemKind::MissingCustomerColumn)
        });
        self.questions.is_empty() && !file_level && (self.errors() == 0 || self.skip_error_rows)
    }
    /// Whether anything would change.
    pub fn is_empty(&self) -> bool {
        self.new_customers.is_empty()
            && self.updated_customers.is_empty()
            && self.new_invoices.is_empty()
            && self.updated_invoices.is_empty()
            && self.new_payments.is_empty()
    }
}

/// Why [`apply`] changed nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("{0} question(s) about the file are not answered")]
    Unanswered(usize),
    #[error("{0} error(s) remain")]
    HasErrors(usize),
    /// The ledger refused a record (it changed since the preview).
    #[error("line {line}: {error}")]
    Domain { line: usize, error: DomainError },
}

// ----- reading cells -----

/// How each mapped column is read: its date order and decimal separator, and whether it holds
/// `.0` identifiers.
struct Columns<'a> {
    file: &'a ParsedFile,
    /// `file.columns()`, counted once (it is a pass over the rows, and `col` runs per cell).
    width: usize,
    mapping: &'a Mapping,
    orders: HashMap<usize, DateOrder>,
    seps: HashMap<usize, DecimalSep>,
    float_ids: HashSet<usize>,
}

impl Columns<'_> {
    fn col(&self, t: Target) -> Option<usize> {
        self.mapping.column_of(t).filter(|c| *c < self.width)
    }

    fn problem(&self, line: usize, column: Option<usize>, severity: Severity, kind: ProblemKind) -> Problem {
        Problem {
            line,
            column: column.map(|c| c + 1),
            header: column.map(|c| self.file.header(c).to_string()).unwrap_or_default(),
            severity,
            kind,
        }
    }
}

/// The cells of one row, read through the column rules; problems are collected, and any error
/// marks the row as not importable.
struct Cells<'a, 'b> {
    cols: &'b Columns<'a>,
    row: &'b Row,
    problems: Vec<Problem>,
    failed: bool,
}

impl Cells<'_, '_> {
    fn error(&mut self, t: Option<Target>, kind: ProblemKind) {
        let c = t.and_then(|t| self.cols.col(t));
        self.problems.push(self.cols.problem(self.row.line, c, Severity::Error, kind));
        self.failed = true;
    }

    fn warn(&mut self, t: Option<Target>, kind: ProblemKind) {
        let c = t.and_then(|t| self.cols.col(t));
        self.problems.push(self.cols.problem(self.row.line, c, Severity::Warning, kind));
    }

    fn text(&self, t: Target) -> String {
        let Some(c) = self.cols.col(t) else { return String::new() };
        let v = self.row.get(c);
        if self.cols.float_ids.contains(&c) {
            if let Some((i, _)) = v.split_once('.') {
                return i.to_string();
            }
        }
        v.to_string()
    }

    fn required_text(&mut self, t: Target) -> Option<String> {
        let v = self.text(t);
        if v.is_empty() {
            self.error(Some(t), ProblemKind::Empty { target: t });
            return None;
        }
        Some(v)
    }

    fn date(&mut self, t: Target) -> Option<NaiveDate> {
        let c = self.cols.col(t)?;
        let v = self.row.get(c);
        if v.is_empty() {
            return None;
        }
        let order = self.cols.orders.get(&c).copied().unwrap_or(DateOrder::DayMonth);
        match parse_date(v, order) {
            Ok(d) => Some(d),
            Err(DateFault::NotADate) => {
                self.error(Some(t), ProblemKind::NotADate { value: v.to_string() });
                None
            }
            Err(DateFault::NoSuchDate) => {
                self.error(Some(t), ProblemKind::NoSuchDate { value: v.to_string() });
                None
            }
        }
    }

    fn required_date(&mut self, t: Target) -> Option<NaiveDate> {
        let d = self.date(t);
        if d.is_none() && self.text(t).is_empty() {
            self.error(Some(t), ProblemKind::Empty { target: t });
        }
        d
    }

    /// An amount with the currency its symbol names.
    fn amount(&mut self, t: Target) -> Option<(Decimal, Option<Currency>)> {
        let c = self.cols.col(t)?;
        let v = self.row.get(c);
        if v.is_empty() {
            return None;
        }
        let sep = self.cols.seps.get(&c).copied().unwrap_or(DecimalSep::Dot);
        match amount_text(v).and_then(|a| read_with(&a, sep).map(|d| (d, a.currency))) {
            Some(x) => Some(x),
            None => {
                self.error(Some(t), ProblemKind::NotAnAmount { value: v.to_string() });
                None
            }
        }
    }

    /// The row's currency: the currency column, else the symbol of the amount, else `default`.
    fn currency(&mut self, symbol: Option<Currency>, default: Currency) -> Currency {
        let v = self.text(Target::Currency);
        if v.is_empty() {
            return symbol.unwrap_or(default);
        }
        match Currency::parse(&v) {
            Ok(c) => c,
            Err(_) => {
                self.error(Some(Target::Currency), ProblemKind::BadCurrency { value: v });
                default
            }
        }
    }
}

// ----- customers -----

/// Customer fields of a row, as far as the file has them.
#[derive(Clone, Debug, Default)]
struct CustomerFields {
    number: String,
    name: String,
    values: Vec<(Target, String)>,
    kind: Option<CustomerKind>,
    country: Option<Country>,
    term: Option<u16>,
    iban: Option<String>,
}

fn parse_kind(v: &str) -> Option<CustomerKind> {
    match super::values::fold(v).trim() {
        "zakelijk" | "bedrijf" | "business" | "company" | "b2b" | "b" | "z" | "gewerblich" | "firma" | "geschaftskunde"
        | "unternehmen" => Some(CustomerKind::Business),
        "particulier" | "consument" | "consumer" | "private" | "privat" | "privatkunde" | "b2c" | "p" | "c"
        | "individual" | "person" => Some(CustomerKind::Consumer),
        _ => None,
    }
}

fn parse_country(v: &str) -> Option<Country> {
    let f = super::values::fold(v);
    let code = match f.trim() {
        "nederland" | "netherlands" | "the netherlands" | "niederlande" | "holland" => "NL",
        "belgie" | "belgium" | "belgien" | "belgique" => "BE",
        "duitsland" | "germany" | "deutschland" => "DE",
        "frankrijk" | "france" | "frankreich" => "FR",
        "luxemburg" | "luxembourg" => "LU",
        "verenigd koninkrijk" | "united kingdom" | "uk" => "GB",
        s if s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()) => return Some(Country::from_code(s)),
        _ => return None,
    };
    Some(Country::from_code(code))
}

/// `30`, `30 dagen`, `Netto 30 Tage`: the one number in the text, at most 365.
fn parse_term(v: &str) -> Option<u16> {
    let numbers: Vec<&str> = v.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    match numbers.as_slice() {
        [n] => n.parse::<u16>().ok().filter(|d| *d <= 365),
        _ => None,
    }
}

fn customer_fields(cells: &mut Cells<'_, '_>) -> CustomerFields {
    let mut f = CustomerFields { number: cells.text(Target::CustomerNumber), name: cells.text(Target::CustomerName), ..Default::default() };
    for t in [Target::ContactPerson, Target::Email, Target::Phone, Target::VatNumber, Target::Sector, Target::Street, Target::Postcode, Target::City]
    {
        let v = cells.text(t);
        if !v.is_empty() {
            f.values.push((t, v));
        }
    }
    let v = cells.text(Target::CustomerKind);
    if !v.is_empty() {
        f.kind = parse_kind(&v);
        if f.kind.is_none() {
            cells.error(Some(Target::CustomerKind), ProblemKind::BadKind { value: v });
        }
    }
    let v = cells.text(Target::Country);
    if !v.is_empty() {
        f.country = parse_country(&v);
        if f.country.is_none() {
            cells.error(Some(Target::Country), ProblemKind::BadKind { value: v });
        }
    }
    let v = cells.text(Target::PaymentTerm);
    if !v.is_empty() {
        f.term = parse_term(&v);
        if f.term.is_none() {
            cells.error(Some(Target::PaymentTerm), ProblemKind::BadTerm { value: v });
        }
    }
    let v = cells.text(Target::Iban);
    if !v.is_empty() {
        // Checked, and kept as written.
        match normalize_iban(&v) {
            Ok(_) => f.iban = Some(v),
            Err(_) => cells.error(Some(Target::Iban), ProblemKind::BadIban { value: v }),
        }
    }
    f
}

/// Writes the file's fields into a customer; returns the fields that changed.
fn fill_customer(c: &mut Customer, f: &CustomerFields) -> Vec<Target> {
    let mut changed = Vec::new();
    let mut set = |slot: &mut String, v: &str, t: Target| {
        if !v.is_empty() && slot.as_str() != v {
            *slot = v.to_string();
            changed.push(t);
        }
    };
    set(&mut c.name, &f.name, Target::CustomerName);
    for (t, v) in &f.values {
        let slot = match t {
            Target::ContactPerson => &mut c.contact_person,
            Target::Email => &mut c.email,
            Target::Phone => &mut c.phone,
            Target::VatNumber => &mut c.vat_number,
            Target::Sector => &mut c.sector,
            Target::Street => &mut c.address.street,
            Target::Postcode => &mut c.address.postcode,
            Target::City => &mut c.address.city,
            _ => continue,
        };
        set(slot, v, *t);
    }
    if let Some(i) = &f.iban {
        set(&mut c.iban, i, Target::Iban);
    }
    if let Some(k) = f.kind.filter(|k| *k != c.kind) {
        c.kind = k;
        changed.push(Target::CustomerKind);
    }
    if let Some(k) = f.country.clone().filter(|k| *k != c.country) {
        c.country = k;
        changed.push(Target::Country);
    }
    if let Some(t) = f.term.filter(|t| *t != c.payment_term_days) {
        c.payment_term_days = t;
        changed.push(Target::PaymentTerm);
    }
    changed
}

/// Hands out `D0001`-style numbers after the ledger's highest, skipping numbers in use.
struct NumberGen {
    next: u64,
    taken: HashSet<String>,
}

impl NumberGen {
    fn new(ledger: &Ledger, taken: HashSet<String>) -> NumberGen {
        let first = ledger.suggest_customer_number();
        let next = first.trim_start_matches('D').parse().unwrap_or(1);
        NumberGen { next, taken }
    }
    fn take(&mut self) -> String {
        loop {
            let n = format!("D{:04}", self.next);
            self.next += 1;
            if self.taken.insert(n.clone()) {
                return n;
            }
        }
    }
}

/// Finds or plans the customer of invoice and payment rows: by number, else by name (case
/// and surrounding spaces ignored), in the ledger first, then among the customers the file
/// creates.
struct CustomerBook<'a> {
    ledger: &'a Ledger,
    by_name: HashMap<String, String>,
    new: Vec<NewCustomer>,
    new_index: HashMap<String, usize>,
    gen: NumberGen,
}

impl<'a> CustomerBook<'a> {
    fn new(ledger: &'a Ledger, file_numbers: HashSet<String>) -> Self {
        let mut by_name = HashMap::new();
        for c in ledger.customers() {
            by_name.entry(c.name.trim().to_lowercase()).or_insert_with(|| c.number.clone());
        }
        let mut taken: HashSet<String> = ledger.customers().map(|c| c.number.clone()).collect();
        taken.extend(file_numbers);
        CustomerBook { ledger, by_name, new: Vec::new(), new_index: HashMap::new(), gen: NumberGen::new(ledger, taken) }
    }

    fn term_of(&self, number: &str, default: u16) -> u16 {
        if let Some(c) = self.ledger.customer_by_number(number) {
            return c.payment_term_days;
        }
        self.new_index.get(number).map_or(default, |i| self.new[*i].customer.payment_term_days)
    }

    /// The number of the row's customer, creating it when `create`; `None` (with the problem
    /// pushed) when it cannot be found.
    fn resolve(&mut self, cells: &mut Cells<'_, '_>, f: &CustomerFields, create: bool, default_term: u16) -> Option<String> {
        let line = cells.row.line;
        if !f.number.is_empty() {
            if let Some(c) = self.ledger.customer_by_number(&f.number) {
                return Some(c.number.clone());
            }
            if let Some(i) = self.new_index.get(&f.number) {
                let kept = &self.new[*i].customer.name;
                if !f.name.is_empty() && kept.trim().to_lowercase() != f.name.trim().to_lowercase() {
                    let kind = ProblemKind::CustomerNameDiffers { number: f.number.clone(), kept: kept.clone(), found: f.name.clone() };
                    cells.warn(Some(Target::CustomerName), kind);
                }
                return Some(f.number.clone());
            }
            if !create {
                cells.error(Some(Target::CustomerNumber), ProblemKind::UnknownCustomer { value: f.number.clone() });
                return None;
            }
            let name = if f.name.is_empty() {
                cells.warn(Some(Target::CustomerNumber), ProblemKind::NameFromNumber { number: f.number.clone() });
                f.number.clone()
            } else {
                f.name.clone()
            };
            return Some(self.create(line, f.number.clone(), name, f, default_term));
        }
        let key = f.name.trim().to_lowercase();
        if key.is_empty() {
            cells.error(Some(Target::CustomerName), ProblemKind::Empty { target: Target::CustomerName });
            return None;
        }
        if let Some(n) = self.by_name.get(&key) {
            return Some(n.clone());
        }
        if !create {
            cells.error(Some(Target::CustomerName), ProblemKind::UnknownCustomer { value: f.name.clone() });
            return None;
        }
        let number = self.gen.take();
        Some(self.create(line, number, f.name.clone(), f, default_term))
    }

    fn create(&mut self, line: usize, number: String, name: String, f: &CustomerFields, default_term: u16) -> String {
        let mut c = Customer::new(number.clone(), name.clone());
        c.payment_term_days = default_term;
        let mut f = f.clone();
        f.name = name;
        fill_customer(&mut c, &f);
        self.by_name.entry(c.name.trim().to_lowercase()).or_insert_with(|| number.clone());
        self.new_index.insert(number.clone(), self.new.len());
        self.new.push(NewCustomer { line, customer: c });
        number
    }
}

// ----- the preview -----

/// Builds the preview of importing `file` read with `mapping` into `ledger`.
pub fn preview(ledger: &Ledger, file: &ParsedFile, mapping: &Mapping, choices: &Choices) -> Preview {
    let mut out = Preview {
        kind: mapping.kind,
        new_customers: Vec::new(),
        updated_customers: Vec::new(),
        new_invoices: Vec::new(),
        updated_invoices: Vec::new(),
        new_payments: Vec::new(),
        unchanged: 0,
        problems: Vec::new(),
        questions: Vec::new(),
        skip_error_rows: choices.skip_error_rows,
    };
    let mut cols = Columns { file, width: file.columns(), mapping, orders: HashMap::new(), seps: HashMap::new(), float_ids: HashSet::new() };
    let header_problem = |column: Option<usize>, severity, kind| Problem {
        line: file.header_line,
        column: column.map(|c| c + 1),
        header: column.map(|c| file.header(c).to_string()).unwrap_or_default(),
        severity,
        kind,
    };
    // Required columns.
    let columns = file.columns();
    let has = |t: Target| mapping.column_of(t).is_some_and(|c| c < columns);
    let required: &[Target] = match mapping.kind {
        RecordKind::Customers => &[],
        RecordKind::Invoices => &[Target::InvoiceNumber, Target::InvoiceDate],
        RecordKind::Payments => &[Target::PaymentDate, Target::Amount],
    };
    for t in required {
        if !has(*t) {
            out.problems.push(header_problem(None, Severity::Error, ProblemKind::MissingColumn { target: *t }));
        }
    }
    if mapping.kind == RecordKind::Invoices && !has(Target::Amount) && !has(Target::LineAmount) {
        out.problems.push(header_problem(None, Severity::Error, ProblemKind::MissingColumn { target: Target::Amount }));
    }
    let customer_column = has(Target::CustomerNumber)
        || has(Target::CustomerName)
        || (mapping.kind == RecordKind::Payments && has(Target::InvoiceNumber));
    if !customer_column {
        out.problems.push(header_problem(None, Severity::Error, ProblemKind::MissingCustomerColumn));
    }
    if file.rows.is_empty() {
        out.problems.push(header_problem(None, Severity::Warning, ProblemKind::NoRows));
    }
    if out.errors() > 0 {
        return out;
    }
    // Column conventions: decided by the column's values, else by another column of the same
    // kind in the file, else by the user's answer; otherwise a question.
    let values = |c: usize| file.rows.iter().map(move |r| r.get(c));
    let mapped: Vec<(usize, Target)> =
        mapping.columns.iter().enumerate().filter_map(|(c, t)| t.map(|t| (c, t))).filter(|(c, _)| *c < file.columns()).collect();
    let date_cols: Vec<usize> = mapped
        .iter()
        .filter(|(_, t)| matches!(t, Target::InvoiceDate | Target::DueDate | Target::PaidDate | Target::PaymentDate))
        .map(|(c, _)| *c)
        .collect();
    let amount_cols: Vec<usize> = mapped
        .iter()
        .filter(|(_, t)| matches!(t, Target::Amount | Target::LineAmount | Target::OpenAmount | Target::PaidAmount))
        .map(|(c, _)| *c)
        .collect();
    let orders: Vec<(usize, OrderDecision)> = date_cols.iter().map(|c| (*c, decide_order(values(*c)))).collect();
    let known_order = orders.iter().find_map(|(_, d)| match d {
        OrderDecision::Known(o) => Some(*o),
        _ => None,
    });
    for (c, d) in orders {
        let o = match d {
            OrderDecision::Known(o) => o,
            OrderDecision::Irrelevant => DateOrder::DayMonth,
            OrderDecision::Ambiguous { example, as_day_month, as_month_day } => {
                match known_order.or(choices.date_order) {
                    Some(o) => o,
                    None => {
                        let header = file.header(c).to_string();
                        out.questions.push(Question::DateOrder { column: c + 1, header, example, as_day_month, as_month_day });
                        DateOrder::DayMonth
                    }
                }
            }
        };
        cols.orders.insert(c, o);
    }
    let seps: Vec<(usize, SepDecision)> = amount_cols.iter().map(|c| (*c, decide_sep(values(*c)))).collect();
    let known_sep = seps.iter().find_map(|(_, d)| match d {
        SepDecision::Known(s) => Some(*s),
        _ => None,
    });
    for (c, d) in seps {
        let s = match d {
            SepDecision::Known(s) => s,
            SepDecision::Indifferent => DecimalSep::Dot,
            SepDecision::Ambiguous { example, as_dot, as_comma } => match known_sep.or(choices.decimal_sep) {
                Some(s) => s,
                None => {
                    let header = file.header(c).to_string();
                    out.questions.push(Question::DecimalSep { column: c + 1, header, example, as_dot, as_comma });
                    DecimalSep::Dot
                }
            },
        };
        cols.seps.insert(c, s);
        let symbol = values(c).find_map(|v| amount_text(v).and_then(|a| a.currency));
        if let (Some(currency), false) = (symbol, has(Target::Currency)) {
            out.problems.push(header_problem(Some(c), Severity::Note, ProblemKind::CurrencyFromSymbol { currency }));
        }
    }
    if !out.questions.is_empty() {
        return out;
    }
    for (c, t) in &mapped {
        if matches!(t, Target::InvoiceNumber | Target::CustomerNumber | Target::CreditedInvoice) && float_ids(values(*c)) {
            cols.float_ids.insert(*c);
            out.problems.push(header_problem(Some(*c), Severity::Note, ProblemKind::FloatIds));
        }
    }
    match mapping.kind {
        RecordKind::Customers => customers(ledger, &cols, &mut out),
        RecordKind::Invoices => invoices(ledger, &cols, &mut out),
        RecordKind::Payments => payments(ledger, &cols, &mut out),
    }
    dry_run(ledger, &mut out);
    crate::sort::by_key(&mut out.problems, |p| (p.line, p.column, p.severity));
    out
}

fn customers(ledger: &Ledger, cols: &Columns<'_>, out: &mut Preview) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let file_numbers: HashSet<String> = if cols.col(Target::CustomerNumber).is_some() {
        cols.file.rows.iter().map(|r| r.get(cols.col(Target::CustomerNumber).unwrap_or(0)).to_string()).collect()
    } else {
        HashSet::new()
    };
    let mut book = CustomerBook::new(ledger, file_numbers);
    for row in &cols.file.rows {
        let mut cells = Cells { cols, row, problems: Vec::new(), failed: false };
        let f = customer_fields(&mut cells);
        let key = if f.number.is_empty() { f.name.trim().to_lowercase() } else { f.number.clone() };
        if key.is_empty() {
            cells.error(Some(Target::CustomerName), ProblemKind::Empty { target: Target::CustomerName });
        } else if let Some(first) = seen.get(&key) {
            let t = if f.number.is_empty() { Target::CustomerName } else { Target::CustomerNumber };
            cells.warn(Some(t), ProblemKind::DuplicateCustomer { key: key.clone(), first_line: *first });
            out.problems.append(&mut cells.problems);
            continue;
        }
        seen.insert(key, row.line);
        let existing = if f.number.is_empty() {
            book.by_name.get(&f.name.trim().to_lowercase()).and_then(|n| ledger.customer_by_number(n))
        } else {
            ledger.customer_by_number(&f.number)
        };
        if !cells.failed {
            match existing {
                Some(c) => {
                    let mut updated = c.clone();
                    let fields = fill_customer(&mut updated, &f);
                    if fields.is_empty() {
                        out.unchanged += 1;
                    } else {
                        out.updated_customers.push(CustomerUpdate { line: row.line, customer: updated, fields });
                    }
                }
                None if f.name.is_empty() => {
                    cells.error(Some(Target::CustomerName), ProblemKind::Empty { target: Target::CustomerName });
                }
                None => {
                    let number = if f.number.is_empty() { book.gen.take() } else { f.number.clone() };
                    book.create(row.line, number, f.name.clone(), &f, ledger.settings.default_term_days);
                }
            }
        }
        out.problems.append(&mut cells.problems);
    }
    out.new_customers = book.new;
}

/// One invoice gathered from its lines.
struct Gathered {
    line: usize,
    lines: usize,
    number: String,
    customer: String,
    date: NaiveDate,
    due: Option<NaiveDate>,
    due_line: usize,
    currency: Currency,
    totals: Vec<Decimal>,
    line_amounts: Vec<Decimal>,
    opens: Vec<Decimal>,
    paids: Vec<Decimal>,
    paid_date: Option<NaiveDate>,
    description: String,
    reference: String,
    credit_flag: bool,
    credits: String,
    cleared: String,
}

fn parse_flag(v: &str) -> Option<bool> {
    match super::values::fold(v).trim() {
        "" | "0" | "nee" | "no" | "n" | "false" | "onwaar" | "nein" | "invoice" | "factuur" | "rechnung" => Some(false),
        "1" | "ja" | "yes" | "j" | "y" | "true" | "waar" | "x" | "credit" | "creditnota" | "credit note" | "gutschrift" => {
            Some(true)
        }
        _ => None,
    }
}

/// Takes the amounts of an invoice's lines: one value when every line repeats it (a total),
/// their sum otherwise.
fn collapse(values: &[Decimal]) -> Option<(Decimal, bool)> {
    let first = *values.first()?;
    if values.iter().all(|v| *v == first) {
        Some((first, false))
    } else {
        Some((values.iter().sum(), true))
    }
}

fn invoices(ledger: &Ledger, cols: &Columns<'_>, out: &mut Preview) {
    let default_term = ledger.settings.default_term_days;
    let file_numbers: HashSet<String> = cols
        .col(Target::CustomerNumber)
        .map(|c| cols.file.rows.iter().map(|r| r.get(c).to_string()).collect())
        .unwrap_or_default();
    let mut book = CustomerBook::new(ledger, file_numbers);
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Gathered> = HashMap::new();
    for row in &cols.file.rows {
        let mut cells = Cells { cols, row, problems: Vec::new(), failed: false };
        let number = cells.required_text(Target::InvoiceNumber);
        let date = cells.required_date(Target::InvoiceDate);
        let due = cells.date(Target::DueDate);
        let total = cells.amount(Target::Amount);
        let line_amount = cells.amount(Target::LineAmount);
        let open = cells.amount(Target::OpenAmount).map(|a| a.0);
        let paid = cells.amount(Target::PaidAmount).map(|a| a.0);
        let paid_date = cells.date(Target::PaidDate);
        if total.is_none() && line_amount.is_none() && !cells.failed {
            let t = if cells.cols.col(Target::Amount).is_some() { Target::Amount } else { Target::LineAmount };
            cells.error(Some(t), ProblemKind::Empty { target: t });
        }
        let symbol = total.and_then(|t| t.1).or(line_amount.and_then(|t| t.1));
        let currency = cells.currency(symbol, ledger.settings.currency);
        let flag_text = cells.text(Target::CreditNote);
        let credit_flag = match parse_flag(&flag_text) {
            Some(b) => b,
            None => {
                cells.error(Some(Target::CreditNote), ProblemKind::BadFlag { value: flag_text });
                false
            }
        };
        let f = customer_fields(&mut cells);
        let (Some(number), Some(date), false) = (number, date, cells.failed) else {
            out.problems.append(&mut cells.problems);
            continue;
        };
        if let Some(g) = groups.get_mut(&number) {
            g.lines += 1;
            let customer = if f.number.is_empty() { f.name.clone() } else { f.number.clone() };
            let conflict = |t: Target, kept: String, found: String, cells: &mut Cells<'_, '_>| {
                if kept != found {
                    cells.warn(Some(t), ProblemKind::Conflicting { number: number.clone(), target: t, kept, found });
                }
            };
            if date != g.date {
                conflict(Target::InvoiceDate, g.date.to_string(), date.to_string(), &mut cells);
            }
            if let (Some(d), Some(k)) = (due, g.due) {
                if d != k {
                    conflict(Target::DueDate, k.to_string(), d.to_string(), &mut cells);
                }
            }
            let first_customer = book.new_index.get(&g.customer).map(|i| &book.new[*i].customer);
            let kept_customer = ledger.customer_by_number(&g.customer).or(first_customer);
            if let Some(k) = kept_customer {
                if !customer.is_empty() && k.number != customer && k.name.trim().to_lowercase() != customer.trim().to_lowercase() {
                    let t = if f.number.is_empty() { Target::CustomerName } else { Target::CustomerNumber };
                    conflict(t, k.name.clone(), customer, &mut cells);
                }
            }
            if currency != g.currency {
                conflict(Target::Currency, g.currency.to_string(), currency.to_string(), &mut cells);
            }
            g.totals.extend(total.map(|t| t.0));
            g.line_amounts.extend(line_amount.map(|t| t.0));
            g.opens.extend(open);
            g.paids.extend(paid);
            out.problems.append(&mut cells.problems);
            continue;
        }
        let Some(customer) = book.resolve(&mut cells, &f, true, default_term) else {
            out.problems.append(&mut cells.problems);
            continue;
        };
        let g = Gathered {
            line: row.line,
            lines: 1,
            number: number.clone(),
            customer,
            date,
            due,
            due_line: row.line,
            currency,
            totals: total.map(|t| t.0).into_iter().collect(),
            line_amounts: line_amount.map(|t| t.0).into_iter().collect(),
            opens: open.into_iter().collect(),
            paids: paid.into_iter().collect(),
            paid_date,
            description: cells.text(Target::Description),
            reference: cells.text(Target::Reference),
            credit_flag,
            credits: cells.text(Target::CreditedInvoice),
            cleared: cells.text(Target::Cleared),
        };
        out.problems.append(&mut cells.problems);
        order.push(number.clone());
        groups.insert(number, g);
    }
    let mut derived = 0usize;
    let file_invoices: HashSet<&String> = order.iter().collect();
    for number in &order {
        let g = &groups[number];
        let at = |column: Target, severity, kind| cols.problem(g.line, cols.col(column), severity, kind);
        let total = collapse(&g.totals).or_else(|| g.line_amounts.first().map(|_| (g.line_amounts.iter().sum(), true)));
        let Some((total, summed)) = total else { continue };
        if g.lines > 1 {
            let kind = ProblemKind::LinesCollapsed { number: g.number.clone(), lines: g.lines, summed };
            out.problems.push(at(Target::InvoiceNumber, Severity::Note, kind));
        }
        let amount_col = if g.totals.is_empty() { Target::LineAmount } else { Target::Amount };
        let value = round_text(total);
        // Credit notes and negative items.
        let is_credit = total < Decimal::ZERO || g.credit_flag || !g.credits.is_empty();
        if total.is_zero() {
            out.problems.push(at(amount_col, Severity::Warning, ProblemKind::ZeroAmount));
            continue;
        }
        if is_credit && g.credits.is_empty() {
            if !g.cleared.is_empty() {
                out.problems.push(at(amount_col, Severity::Note, ProblemKind::ClearedSkipped { value }));
            } else {
                out.problems.push(at(amount_col, Severity::Error, ProblemKind::CreditNoteNeedsInvoice { value }));
            }
            continue;
        }
        if is_credit {
            if ledger.invoice_by_number(&g.credits).is_none() && !file_invoices.contains(&g.credits) {
                let kind = ProblemKind::UnknownInvoice { number: g.credits.clone() };
                out.problems.push(at(Target::CreditedInvoice, Severity::Error, kind));
                continue;
            }
            if let Some(existing) = ledger.invoice_by_number(&g.number) {
                let same = existing.amount.amount == total.abs() && existing.date == g.date;
                if same {
                    out.unchanged += 1;
                    continue;
                }
            }
            out.new_invoices.push(PlannedInvoice {
                line: g.line,
                lines: g.lines,
                number: g.number.clone(),
                customer: g.customer.clone(),
                date: g.date,
                due: g.due.unwrap_or(g.date).max(g.date),
                amount: Money::new(total.abs(), g.currency),
                description: g.description.clone(),
                reference: g.reference.clone(),
                credits: Some(g.credits.clone()),
            });
            continue;
        }
        // What has been paid already, from the open or paid amount, the clearing or the date paid.
        // A paid amount wins over an open amount: the open amount also drops by credit notes,
        // which are documents of their own.
        let paid = if let Some((paid, _)) = collapse(&g.paids) {
            if paid < Decimal::ZERO || paid > total {
                let kind = ProblemKind::OpenOutOfRange { open: total - paid, total };
                out.problems.push(at(Target::PaidAmount, Severity::Error, kind));
                continue;
            }
            Some(paid)
        } else if let Some((open, _)) = collapse(&g.opens) {
            if open < Decimal::ZERO || open > total {
                let kind = ProblemKind::OpenOutOfRange { open, total };
                out.problems.push(at(Target::OpenAmount, Severity::Error, kind));
                continue;
            }
            Some(total - open)
        } else if !g.cleared.is_empty() || g.paid_date.is_some() {
            Some(total)
        } else {
            None
        };
        let due = match g.due {
            Some(d) if d < g.date => {
                let kind = ProblemKind::DueBeforeDate { date: g.date, due: d };
                out.problems.push(cols.problem(g.due_line, cols.col(Target::DueDate), Severity::Warning, kind));
                g.date
            }
            Some(d) => d,
            None => {
                derived += 1;
                default_due(g.date, book.term_of(&g.customer, default_term))
            }
        };
        let paid_date = g.paid_date.unwrap_or(g.date).max(g.date);
        let payment = |amount: Decimal| PlannedPayment {
            line: g.line,
            customer: g.customer.clone(),
            date: paid_date,
            amount: Money::new(amount, g.currency),
            invoice: Some(g.number.clone()),
            reference: ALREADY_PAID_REFERENCE.to_string(),
            payer_name: String::new(),
            payer_iban: String::new(),
            already_paid: true,
        };
        if let Some(existing) = ledger.invoice_by_number(&g.number) {
            let Some(customer) = ledger.customer(existing.customer) else { continue };
            if customer.number != g.customer {
                let kind = ProblemKind::OtherCustomer { number: g.number.clone(), customer: customer.name.clone() };
                out.problems.push(at(Target::InvoiceNumber, Severity::Error, kind));
                continue;
            }
            let mut inv = existing.clone();
            let mut fields = Vec::new();
            let mut change = |t: Target, same: bool| {
                if !same {
                    fields.push(t);
                }
            };
            change(Target::InvoiceDate, inv.date == g.date);
            change(Target::Amount, inv.amount == Money::new(total, g.currency));
            change(Target::DueDate, inv.due == due || g.due.is_none());
            change(Target::Description, g.description.is_empty() || inv.description == g.description);
            change(Target::Reference, g.reference.is_empty() || inv.reference == g.reference);
            inv.date = g.date;
            inv.amount = Money::new(total, g.currency);
            if g.due.is_some() {
                inv.due = due;
            }
            if !g.description.is_empty() {
                inv.description.clone_from(&g.description);
            }
            if !g.reference.is_empty() {
                inv.reference.clone_from(&g.reference);
            }
            let mut extra = None;
            if let (Some(paid), Some(b)) = (paid, ledger.balance(existing.id)) {
                let ledger_open = total - b.paid - b.credited;
                let file_open = total - paid;
                if ledger_open > file_open {
                    extra = Some(ledger_open - file_open);
                } else if ledger_open < file_open {
                    let kind = ProblemKind::LedgerOpenLower { number: g.number.clone(), file_open, ledger_open };
                    out.problems.push(at(Target::OpenAmount, Severity::Warning, kind));
                }
            }
            if fields.is_empty() && extra.is_none() {
                out.unchanged += 1;
                continue;
            }
            if !fields.is_empty() {
                out.updated_invoices.push(InvoiceUpdate { line: g.line, invoice: inv, fields });
            }
            if let Some(x) = extra {
                out.new_payments.push(payment(x));
            }
            continue;
        }
        out.new_invoices.push(PlannedInvoice {
            line: g.line,
            lines: g.lines,
            number: g.number.clone(),
            customer: g.customer.clone(),
            date: g.date,
            due,
            amount: Money::new(total, g.currency),
            description: g.description.clone(),
            reference: g.reference.clone(),
            credits: None,
        });
        if let Some(p) = paid.filter(|p| *p > Decimal::ZERO) {
            out.new_payments.push(payment(p));
        }
    }
    if derived > 0 {
        let p = Problem {
            line: cols.file.header_line,
            column: None,
            header: String::new(),
            severity: Severity::Note,
            kind: ProblemKind::DueDatesDerived { count: derived },
        };
        out.problems.push(p);
    }
    // Credit notes after the invoices they credit.
    crate::sort::by_key(&mut out.new_invoices, |i| i.credits.is_some());
    // Customers only of rows that were left out are not created.
    let used: HashSet<&String> = out.new_invoices.iter().map(|i| &i.customer).collect();
    out.new_customers = book.new.into_iter().filter(|c| used.contains(&c.customer.number)).collect();
}

fn round_text(d: Decimal) -> String {
    crate::domain::round_cents(d).to_string()
}

fn payments(ledger: &Ledger, cols: &Columns<'_>, out: &mut Preview) {
    let mut book = CustomerBook::new(ledger, HashSet::new());
    // The ledger's payments by customer and date, so that "already in the ledger" is a look-up
    // and not a pass over every payment for every row.
    let mut booked: HashMap<(crate::domain::CustomerId, NaiveDate), Vec<&Payment>> = HashMap::new();
    for p in ledger.payments() {
        booked.entry((p.customer, p.date)).or_default().push(p);
    }
    let mut seen_rows: HashMap<&[String], usize> = HashMap::new();
    for row in &cols.file.rows {
        let mut cells = Cells { cols, row, problems: Vec::new(), failed: false };
        if let Some(first) = seen_rows.get(row.fields.as_slice()) {
            cells.warn(None, ProblemKind::DuplicateRow { first_line: *first });
            out.problems.append(&mut cells.problems);
            continue;
        }
        seen_rows.insert(&row.fields, row.line);
        let date = cells.required_date(Target::PaymentDate);
        let amount = cells.amount(Target::Amount);
        if amount.is_none() && cells.text(Target::Amount).is_empty() {
            cells.error(Some(Target::Amount), ProblemKind::Empty { target: Target::Amount });
        }
        let currency = cells.currency(amount.and_then(|a| a.1), ledger.settings.currency);
        let invoice = cells.text(Target::InvoiceNumber);
        let f = customer_fields(&mut cells);
        if let Some((a, _)) = amount {
            if a < Decimal::ZERO {
                cells.error(Some(Target::Amount), ProblemKind::NegativePayment { value: cells.text(Target::Amount) });
            } else if a.is_zero() {
                cells.warn(Some(Target::Amount), ProblemKind::ZeroAmount);
            }
        }
        let (Some(date), Some((amount, _)), false) = (date, amount, cells.failed) else {
            out.problems.append(&mut cells.problems);
            continue;
        };
        if amount.is_zero() {
            out.problems.append(&mut cells.problems);
            continue;
        }
        // The customer: the invoice's, else the row's (never created from a payment).
        let inv = (!invoice.is_empty()).then(|| ledger.invoice_by_number(&invoice)).flatten();
        let customer = match inv.and_then(|i| ledger.customer(i.customer)) {
            Some(c) => {
                let named = if f.number.is_empty() { &f.name } else { &f.number };
                if !named.is_empty() && c.number != *named && c.name.trim().to_lowercase() != named.trim().to_lowercase() {
                    let t = if f.number.is_empty() { Target::CustomerName } else { Target::CustomerNumber };
                    let kind = ProblemKind::OtherCustomer { number: invoice.clone(), customer: c.name.clone() };
                    cells.warn(Some(t), kind);
                }
                Some(c.number.clone())
            }
            None if f.number.is_empty() && f.name.is_empty() => {
                let kind = ProblemKind::UnknownInvoice { number: invoice.clone() };
                cells.error(Some(Target::InvoiceNumber), kind);
                None
            }
            None => {
                let c = book.resolve(&mut cells, &f, false, 0);
                if c.is_some() && !invoice.is_empty() {
                    cells.warn(Some(Target::InvoiceNumber), ProblemKind::UnknownInvoice { number: invoice.clone() });
                }
                c
            }
        };
        let Some(customer) = customer else {
            out.problems.append(&mut cells.problems);
            continue;
        };
        let reference = cells.text(Target::Reference);
        let money = Money::new(amount, currency);
        // Already in the ledger: same customer, date and amount, and the same reference or
        // invoice (or neither).
        let cust_id = ledger.customer_by_number(&customer).map(|c| c.id);
        let same_day = cust_id.and_then(|c| booked.get(&(c, date))).map_or(&[][..], Vec::as_slice);
        let known = same_day.iter().any(|p| {
            Some(p.customer) == cust_id
                && p.date == date
                && p.amount == money
                && match (&inv, reference.is_empty()) {
                    (Some(i), _) => p.allocations().iter().any(|a| a.invoice == i.id) || (!reference.is_empty() && p.reference.eq_ignore_ascii_case(&reference)),
                    (None, false) => p.reference.eq_ignore_ascii_case(&reference),
                    (None, true) => p.reference.is_empty() && p.allocations().is_empty(),
                }
        });
        out.problems.append(&mut cells.problems);
        if known {
            out.unchanged += 1;
            continue;
        }
        out.new_payments.push(PlannedPayment {
            line: row.line,
            customer,
            date,
            amount: money,
            invoice: inv.map(|i| i.number.clone()),
            reference,
            payer_name: cells.text(Target::PayerName),
            payer_iban: cells.text(Target::PayerIban),
            already_paid: false,
        });
    }
}

// ----- carrying it out -----

/// Which planned record a step is, to drop it when the dry run refuses it.
#[derive(Clone, Copy)]
enum Step {
    Customer(usize),
    CustomerUpdate(usize),
    Invoice(usize),
    InvoiceUpdate(usize),
    Payment(usize),
}

/// Adds everything the preview plans to `ledger`, in order: customers, customer changes,
/// invoices (credit notes after invoices), invoice changes, payments. Returns the refused
/// steps with their line and error, and warnings found on the way.
fn execute(ledger: &mut Ledger, p: &Preview) -> (Vec<(Step, usize, DomainError)>, Vec<Problem>) {
    let mut refused = Vec::new();
    let mut warnings = Vec::new();
    for (i, c) in p.new_customers.iter().enumerate() {
        if let Err(e) = ledger.add_customer(c.customer.clone()) {
            refused.push((Step::Customer(i), c.line, e));
        }
    }
    for (i, c) in p.updated_customers.iter().enumerate() {
        if let Err(e) = ledger.update_customer(c.customer.clone()) {
            refused.push((Step::CustomerUpdate(i), c.line, e));
        }
    }
    for (i, pi) in p.new_invoices.iter().enumerate() {
        let r = (|| {
            let customer = ledger.customer_by_number(&pi.customer).ok_or(DomainError::UnknownCustomer)?.id;
            let credits = match &pi.credits {
                Some(n) => Some(ledger.invoice_by_number(n).ok_or(DomainError::UnknownInvoice)?.id),
                None => None,
            };
            let mut inv = Invoice::new(pi.number.clone(), customer, pi.date, 0, pi.amount);
            inv.due = pi.due;
            inv.description.clone_from(&pi.description);
            inv.reference.clone_from(&pi.reference);
            inv.credits = credits;
            ledger.add_invoice(inv)
        })();
        if let Err(e) = r {
            refused.push((Step::Invoice(i), pi.line, e));
        }
    }
    for (i, u) in p.updated_invoices.iter().enumerate() {
        if let Err(e) = ledger.update_invoice(u.invoice.clone()) {
            refused.push((Step::InvoiceUpdate(i), u.line, e));
        }
    }
    for (i, pp) in p.new_payments.iter().enumerate() {
        let r = (|| {
            let customer = ledger.customer_by_number(&pp.customer).ok_or(DomainError::UnknownCustomer)?.id;
            let mut pay = Payment::new(customer, pp.date, pp.amount, Vec::new())?;
            pay.reference.clone_from(&pp.reference);
            pay.payer_name.clone_from(&pp.payer_name);
            pay.payer_iban.clone_from(&pp.payer_iban);
            match &pp.invoice {
                Some(n) => {
                    let inv = ledger.invoice_by_number(n).ok_or(DomainError::UnknownInvoice)?;
                    let id: InvoiceId = inv.id;
                    let open = ledger.balance(id).map_or(Decimal::ZERO, |b| b.open());
                    let take = pp.amount.amount.min(open);
                    if pp.amount.amount > open {
                        let kind = ProblemKind::MoreThanOpen { number: n.clone(), amount: pp.amount.amount, open };
                        warnings.push(Problem { line: pp.line, column: None, header: String::new(), severity: Severity::Warning, kind });
                    }
                    if take > Decimal::ZERO {
                        pay.set_allocations(vec![Allocation { invoice: id, amount: take }])?;
                    }
                    ledger.add_payment(pay)
                }
                None => ledger.add_payment_oldest_first(pay),
            }
        })();
        if let Err(e) = r {
            refused.push((Step::Payment(i), pp.line, e));
        }
    }
    (refused, warnings)
}

/// Runs the plan on a copy of the ledger: what the ledger refuses becomes an error of its line
/// and leaves the plan, so that the plan that remains applies cleanly.
fn dry_run(ledger: &Ledger, out: &mut Preview) {
    if out.is_empty() {
        return;
    }
    let mut scratch = ledger.clone();
    let (refused, warnings) = execute(&mut scratch, out);
    out.problems.extend(warnings);
    let mut drop: BTreeMap<u8, Vec<usize>> = BTreeMap::new();
    for (step, line, error) in refused {
        out.problems.push(Problem { line, column: None, header: String::new(), severity: Severity::Error, kind: ProblemKind::Domain { error } });
        let (k, i) = match step {
            Step::Customer(i) => (0, i),
            Step::CustomerUpdate(i) => (1, i),
            Step::Invoice(i) => (2, i),
            Step::InvoiceUpdate(i) => (3, i),
            Step::Payment(i) => (4, i),
        };
        drop.entry(k).or_default().push(i);
    }
    fn remove<T>(v: &mut Vec<T>, idx: Option<&Vec<usize>>) {
        if let Some(idx) = idx {
            let mut i = 0;
            v.retain(|_| {
                let keep = !idx.contains(&i);
                i += 1;
                keep
            });
        }
    }
    remove(&mut out.new_customers, drop.get(&0));
    remove(&mut out.updated_customers, drop.get(&1));
    remove(&mut out.new_invoices, drop.get(&2));
    remove(&mut out.updated_invoices, drop.get(&3));
    remove(&mut out.new_payments, drop.get(&4));
}

/// Carries out a preview, all or nothing: on a copy of `ledger`, which is returned when every
/// record was accepted. Refuses while questions are open or errors remain (unless the user
/// chose to leave out the rows with errors, which the preview has already left out).
///
/// # Errors
/// [`ApplyError`]; `ledger` is never changed.
pub fn apply(ledger: &Ledger, preview: &Preview) -> Result<Ledger, ApplyError> {
    if !preview.questions.is_empty() {
        return Err(ApplyError::Unanswered(preview.questions.len()));
    }
    if !preview.can_apply() {
        return Err(ApplyError::HasErrors(preview.errors()));
    }
    let mut next = ledger.clone();
    let (refused, _) = execute(&mut next, preview);
    if let Some((_, line, error)) = refused.into_iter().next() {
        return Err(ApplyError::Domain { line, error });
    }
    Ok(next)
}
