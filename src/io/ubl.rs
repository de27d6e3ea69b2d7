//! UBL 2.1 invoices and credit notes (Peppol BIS Billing 3, NLCIUS, plain UBL): read one XML
//! document per file, preview what it adds to the ledger, apply all or nothing.
//!
//! Rules:
//!
//! - The root is `Invoice` or `CreditNote`, with any namespace prefix; elements are matched on
//!   their local names. One document per file; errors name line and column.
//! - Read: `ID`, `IssueDate`, the due date (`DueDate`, else `PaymentMeans/PaymentDueDate`, else
//!   `PaymentTerms/PaymentDueDate`; none: the customer's payment term), `DocumentCurrencyCode`,
//!   `LegalMonetaryTotal/PayableAmount` (what is still to be paid, so after a
//!   `PrepaidAmount`; `TaxInclusiveAmount` only when there is no `PayableAmount`), the first
//!   `PaymentMeans/PaymentID` (the payment reference) and, for a credit note,
//!   `BillingReference/InvoiceDocumentReference/ID`. The buyer is `AccountingCustomerParty/Party`:
//!   name (`PartyName/Name`, else `PartyLegalEntity/RegistrationName`), `EndpointID`,
//!   `PartyLegalEntity/CompanyID`, VAT (`PartyTaxScheme/CompanyID`), address, country,
//!   `Contact` name, e-mail and phone.
//! - Preview: the buyer is an existing customer with the same VAT number (letters and digits,
//!   upper case), else with the same name (case and spacing ignored), else a customer to create
//!   (also found by later documents of the same import). A document whose number is already in
//!   the ledger is skipped, so a second import adds nothing; the same number twice in one import
//!   keeps the first. A credit note whose number is taken by an invoice gets the suffix `-CN`.
//!   A credit note must name an invoice that is in the ledger or in the import: otherwise it is
//!   a problem naming both numbers. A payable amount of zero is skipped (nothing to collect).
//!   Every document is tried against the ledger's own rules in the preview, so apply fails
//!   only if the ledger changed in between.
//! - Apply: everything in the preview or nothing; refused while the preview has problems.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{
    Address, Country, Currency, Customer, CustomerId, DomainError, Invoice, InvoiceId, Ledger, Money,
};
use crate::io::bank::xml::{self, Node, XmlErrorKind};

/// Invoice or credit note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UblKind {
    Invoice,
    CreditNote,
}

/// The buyer as the document gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UblParty {
    pub name: String,
    pub registration_name: String,
    pub endpoint_id: String,
    pub company_id: String,
    pub vat_number: String,
    pub address: Address,
    /// ISO country code, upper case.
    pub country: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
}

impl UblParty {
    /// The name to use: the trading name, else the registered name.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.registration_name
        } else {
            &self.name
        }
    }
}

/// What one UBL file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UblDocument {
    pub kind: UblKind,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: Option<NaiveDate>,
    pub currency: Currency,
    /// What is to be paid (for a credit note: what is credited), positive.
    pub payable: Decimal,
    /// `PrepaidAmount`, when given.
    pub prepaid: Option<Decimal>,
    pub payment_reference: String,
    /// For a credit note: the number of the invoice it corrects.
    pub credits: Option<String>,
    pub buyer: UblParty,
}

/// Why a file is not a readable UBL document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UblErrorKind {
    Empty,
    NotXml { detail: String },
    Truncated { open: String },
    /// XML with another root (a bank statement, an order…).
    NotUbl { root: String },
    /// A required element is missing (`IssueDate`, `PayableAmount`, …) in the element there.
    Missing { element: &'static str },
    BadDate { element: &'static str, found: String },
    BadAmount { element: &'static str, found: String },
    BadCurrency { found: String },
    /// A credit note without the invoice it corrects.
    NoInvoiceReference,
}

/// An unreadable file, with 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind:?}")]
pub struct UblError {
    pub line: usize,
    pub column: usize,
    pub kind: UblErrorKind,
}

/// Reads one UBL Invoice or CreditNote.
///
/// # Errors
/// The first problem, with line and column.
pub fn parse_ubl(bytes: &[u8]) -> Result<UblDocument, UblError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let at = |pos: usize, kind: UblErrorKind| {
        let (line, column) = xml::line_col(body, pos);
        UblError { line, column, kind }
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(at(0, UblErrorKind::Empty));
    }
    let root = xml::parse(body).map_err(|e| {
        let kind = match e.kind {
            XmlErrorKind::Syntax(detail) => UblErrorKind::NotXml { detail },
            XmlErrorKind::Truncated { open } => UblErrorKind::Truncated { open },
            XmlErrorKind::NoRoot => UblErrorKind::Empty,
            XmlErrorKind::TooDeep => UblErrorKind::NotXml { detail: "nested too deeply".into() },
        };
        at(e.pos, kind)
    })?;
    let kind = match root.name.as_str() {
        "Invoice" => UblKind::Invoice,
        "CreditNote" => UblKind::CreditNote,
        other => return Err(at(root.pos, UblErrorKind::NotUbl { root: other.to_string() })),
    };
    let required = |parent: &Node, element: &'static str| -> Result<String, UblError> {
        match parent.child(element) {
            Some(n) if !n.text.is_empty() => Ok(n.text.clone()),
            Some(n) => Err(at(n.pos, UblErrorKind::Missing { element })),
            None => Err(at(parent.pos, UblErrorKind::Missing { element })),
        }
    };
    let date = |n: &Node, element: &'static str| {
        NaiveDate::parse_from_str(n.text.get(..10).unwrap_or(&n.text), "%Y-%m-%d")
            .map_err(|_| at(n.pos, UblErrorKind::BadDate { element, found: n.text.clone() }))
    };
    let number = required(&root, "ID")?;
    let issue_node = root.child("IssueDate").ok_or_else(|| at(root.pos, UblErrorKind::Missing { element: "IssueDate" }))?;
    let issue_date = date(issue_node, "IssueDate")?;
    let due_node = root
        .child("DueDate")
        .or_else(|| root.all("PaymentMeans").find_map(|m| m.child("PaymentDueDate")))
        .or_else(|| root.all("PaymentTerms").find_map(|m| m.child("PaymentDueDate")));
    let due_date = due_node.map(|n| date(n, "DueDate")).transpose()?;
    let ccy_node = root.child("DocumentCurrencyCode");
    let currency = match ccy_node {
        Some(n) => Currency::parse(&n.text).map_err(|_| at(n.pos, UblErrorKind::BadCurrency { found: n.text.clone() }))?,
        None => Currency::EUR,
    };
    let total = root
        .child("LegalMonetaryTotal")
        .or_else(|| root.child("RequestedMonetaryTotal"))
        .ok_or_else(|| at(root.pos, UblErrorKind::Missing { element: "LegalMonetaryTotal" }))?;
    let amount = |element: &'static str| -> Result<Option<Decimal>, UblError> {
        total
            .child(element)
            .map(|n| {
                Decimal::from_str(&n.text).map_err(|_| at(n.pos, UblErrorKind::BadAmount { element, found: n.text.clone() }))
            })
            .transpose()
    };
    let prepaid = amount("PrepaidAmount")?;
    let payable = match (amount("PayableAmount")?, amount("TaxInclusiveAmount")?) {
        (Some(p), _) => p,
        (None, Some(incl)) => incl - prepaid.unwrap_or(Decimal::ZERO),
        (None, None) => return Err(at(total.pos, UblErrorKind::Missing { element: "PayableAmount" })),
    };
    let payment_reference =
        root.all("PaymentMeans").map(|m| m.text_at(&["PaymentID"])).find(|s| !s.is_empty()).unwrap_or("").to_string();
    let credits = match kind {
        UblKind::Invoice => None,
        UblKind::CreditNote => {
            let r = root
                .all("BillingReference")
                .map(|b| b.text_at(&["InvoiceDocumentReference", "ID"]))
                .find(|s| !s.is_empty())
                .ok_or_else(|| at(root.pos, UblErrorKind::NoInvoiceReference))?;
            Some(r.to_string())
        }
    };
    let buyer = root
        .at(&["AccountingCustomerParty", "Party"])
        .ok_or_else(|| at(root.pos, UblErrorKind::Missing { element: "AccountingCustomerParty" }))?;
    let buyer = party(buyer);
    if buyer.display_name().is_empty() {
        let pos = root.at(&["AccountingCustomerParty", "Party"]).map_or(root.pos, |n| n.pos);
        return Err(at(pos, UblErrorKind::Missing { element: "PartyName" }));
    }
    Ok(UblDocument {
        kind,
        number,
        issue_date,
        due_date,
        currency,
        payable,
        prepaid,
        payment_reference,
        credits,
        buyer,
    })
}

fn party(p: &Node) -> UblParty {
    let vat = p
        .all("PartyTaxScheme")
        .find(|t| {
            let scheme = t.text_at(&["TaxScheme", "ID"]);
            scheme.is_empty() || scheme.eq_ignore_ascii_case("VAT")
        })
        .map(|t| t.text_at(&["CompanyID"]).to_string())
        .unwrap_or_default();
    let addr = p.child("PostalAddress");
    let a = |path: &[&str]| addr.map(|n| n.text_at(path).to_string()).unwrap_or_default();
    let street = [a(&["StreetName"]), a(&["BuildingNumber"]), a(&["AdditionalStreetName"])]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    UblParty {
        name: p.all("PartyName").map(|n| n.text_at(&["Name"])).find(|s| !s.is_empty()).unwrap_or("").to_string(),
        registration_name: p.text_at(&["PartyLegalEntity", "RegistrationName"]).to_string(),
        endpoint_id: p.text_at(&["EndpointID"]).to_string(),
        company_id: p.text_at(&["PartyLegalEntity", "CompanyID"]).to_string(),
        vat_number: vat,
        address: Address { street, postcode: a(&["PostalZone"]), city: a(&["CityName"]) },
        country: a(&["Country", "IdentificationCode"]).to_ascii_uppercase(),
        contact_name: p.text_at(&["Contact", "Name"]).to_string(),
        email: p.text_at(&["Contact", "ElectronicMail"]).to_string(),
        phone: p.text_at(&["Contact", "Telephone"]).to_string(),
    }
}

/// The customer of a planned document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerRef {
    Existing(CustomerId),
    /// Index into [`UblPreview::new_customers`].
    New(usize),
}

/// The invoice a planned credit note corrects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditTarget {
    Existing(InvoiceId),
    /// Index into [`UblPreview::documents`].
    New(usize),
}

/// How the buyer was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomerMatch {
    Vat,
    Name,
    /// Created by this import.
    New,
}

/// A document the import will add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedDocument {
    /// Index of the document in the input.
    pub file: usize,
    pub customer: CustomerRef,
    pub matched_by: CustomerMatch,
    /// The invoice or credit note as it will be added (ids filled in when applied).
    pub invoice: Invoice,
    pub credits: Option<CreditTarget>,
    /// The number in the file, when it was changed (a credit note numbered like an invoice).
    pub renamed_from: Option<String>,
    /// No due date in the file: the customer's payment term was used.
    pub due_from_term: bool,
}

/// Why a document is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// The number is already in the ledger.
    AlreadyPresent,
    /// An earlier document of this import has the same number.
    DuplicateInImport { first: usize },
    /// Nothing to pay.
    NothingPayable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub file: usize,
    pub number: String,
    pub reason: SkipReason,
}

/// What stops the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UblProblem {
    /// The credit note names an invoice that is neither in the ledger nor in the import.
    UnknownInvoice { file: usize, number: String, credits: String },
    /// The credit note names a document of another customer, or a credit note.
    CreditOtherCustomer { file: usize, number: String, credits: String },
    /// An invoice with a negative amount to pay.
    NegativeAmount { file: usize, number: String },
    /// The ledger refuses the customer or document.
    Refused { file: usize, number: String, error: DomainError },
}

/// The preview: what an import would add.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UblPreview {
    pub new_customers: Vec<Customer>,
    pub documents: Vec<PlannedDocument>,
    pub skipped: Vec<Skipped>,
    pub problems: Vec<UblProblem>,
}

fn vat_key(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase()
}

fn name_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Works out what importing the documents would do. Changes nothing.
pub fn preview_ubl(ledger: &Ledger, docs: &[UblDocument]) -> UblPreview {
    let mut pv = UblPreview::default();
    // Every step is tried on a copy, so the preview shows what the ledger will accept.
    let mut work = ledger.clone();
    let mut new_ids: Vec<CustomerId> = Vec::new();
    let mut planned_ids: Vec<Option<InvoiceId>> = Vec::new();
    let mut numbers_in_import: Vec<(String, UblKind, usize)> = Vec::new();
    // Invoices first, so a credit note finds an invoice later in the list.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    crate::sort::by_key(&mut order, |i| (docs[*i].kind == UblKind::CreditNote, *i));
    for i in order {
        let d = &docs[i];
        let number = d.number.trim().to_string();
        if let Some((_, _, first)) = numbers_in_import.iter().find(|(n, k, _)| *n == number && *k == d.kind) {
            pv.skipped.push(Skipped { file: i, number, reason: SkipReason::DuplicateInImport { first: *first } });
            continue;
        }
        if d.payable.is_zero() {
            pv.skipped.push(Skipped { file: i, number, reason: SkipReason::NothingPayable });
            continue;
        }
        if d.payable < Decimal::ZERO {
            pv.problems.push(UblProblem::NegativeAmount { file: i, number });
            continue;
        }
        // Already imported?
        let existing = ledger.invoice_by_number(&number);
        let target_number = d.credits.as_deref().map(str::trim);
        match d.kind {
            UblKind::Invoice if existing.is_some() => {
                pv.skipped.push(Skipped { file: i, number, reason: SkipReason::AlreadyPresent });
                continue;
            }
            UblKind::CreditNote => {
                let suffixed = format!("{number}-CN");
                let present = [number.as_str(), suffixed.as_str()].iter().any(|n| {
                    ledger.invoice_by_number(n).is_some_and(|x| {
                        x.is_credit_note() && x.credits.and_then(|t| ledger.invoice(t)).map(|t| t.number.as_str()) == target_number
                    })
                });
                if present || existing.is_some_and(Invoice::is_credit_note) {
                    pv.skipped.push(Skipped { file: i, number, reason: SkipReason::AlreadyPresent });
                    continue;
                }
            }
            UblKind::Invoice => {}
        }
        numbers_in_import.push((number.clone(), d.kind, i));
        // The customer.
        let vat = vat_key(&d.buyer.vat_number);
        let name = name_key(d.buyer.display_name());
        let reg = name_key(&d.buyer.registration_name);
        let by_vat = (!vat.is_empty()).then(|| work.customers().find(|c| vat_key(&c.vat_number) == vat)).flatten();
        let by_name = || work.customers().find(|c| name_key(&c.name) == name || (!reg.is_empty() && name_key(&c.name) == reg));
        let (cid, matched_by) = match by_vat.map(|c| (c.id, CustomerMatch::Vat)).or_else(|| by_name().map(|c| (c.id, CustomerMatch::Name))) {
            Some(found) => found,
            None => {
                let c = new_customer(&work, d);
                match work.add_customer(c.clone()) {
                    Ok(id) => {
                        let mut c = c;
                        c.id = CustomerId(0);
                        c.number = work.customer(id).map(|x| x.number.clone()).unwrap_or_default();
                        pv.new_customers.push(c);
                        new_ids.push(id);
                        (id, CustomerMatch::New)
                    }
                    Err(error) => {
                        pv.problems.push(UblProblem::Refused { file: i, number, error });
                        continue;
                    }
                }
            }
        };
        let customer = match new_ids.iter().position(|x| *x == cid) {
            Some(k) => CustomerRef::New(k),
            None => CustomerRef::Existing(cid),
        };
        let term = work.customer(cid).map_or(work.settings.default_term_days, |c| c.payment_term_days);
        let amount = Money::new(d.payable, d.currency);
        let mut invoice = Invoice::new(number.clone(), cid, d.issue_date, term, amount);
        invoice.reference = d.payment_reference.clone();
        let due_from_term = d.due_date.is_none();
        if let Some(due) = d.due_date {
            invoice.due = due;
        }
        let mut credits = None;
        let mut renamed_from = None;
        if d.kind == UblKind::CreditNote {
            let target_no = target_number.unwrap_or("");
            let Some(target) = work.invoice_by_number(target_no).cloned() else {
                pv.problems.push(UblProblem::UnknownInvoice { file: i, number, credits: target_no.to_string() });
                continue;
            };
            if target.customer != cid || target.is_credit_note() {
                pv.problems.push(UblProblem::CreditOtherCustomer { file: i, number, credits: target_no.to_string() });
                continue;
            }
            invoice.credits = Some(target.id);
            invoice.due = d.due_date.unwrap_or(d.issue_date).max(target.date).max(d.issue_date);
            credits = Some(match planned_ids.iter().position(|x| *x == Some(target.id)) {
                Some(k) => CreditTarget::New(k),
                None => CreditTarget::Existing(target.id),
            });
            if work.invoice_by_number(&number).is_some() {
                renamed_from = Some(number.clone());
                invoice.number = format!("{number}-CN");
            }
        }
        match work.add_invoice(invoice.clone()) {
            Ok(id) => {
                planned_ids.push(Some(id));
                pv.documents.push(PlannedDocument { file: i, customer, matched_by, invoice, credits, renamed_from, due_from_term });
            }
            Err(error) => pv.problems.push(UblProblem::Refused { file: i, number, error }),
        }
    }
    pv
}

fn new_customer(ledger: &Ledger, d: &UblDocument) -> Customer {
    let b = &d.buyer;
    let mut c = Customer::new(ledger.suggest_customer_number(), b.display_name());
    c.vat_number = b.vat_number.clone();
    c.address = b.address.clone();
    c.country = Country::from_code(&b.country);
    c.email = b.email.clone();
    c.phone = b.phone.clone();
    c.contact_person = b.contact_name.clone();
    c.payment_term_days = ledger.settings.default_term_days;
    let ids: Vec<&str> = [b.endpoint_id.as_str(), b.company_id.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    if !ids.is_empty() {
        c.notes = format!("UBL: {}", ids.join(", "));
    }
    c
}

/// Why [`apply_ubl`] refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UblApplyError {
    /// The preview has problems: solve them first.
    #[error("the import has {0} problem(s)")]
    HasProblems(usize),
    /// The ledger changed since the preview and now refuses this record.
    #[error("{number}: {error}")]
    Refused { number: String, error: DomainError },
}

/// Adds the preview's customers and documents, all or nothing.
///
/// # Errors
/// `HasProblems` while the preview has problems; `Refused` when the ledger refuses a record.
pub fn apply_ubl(ledger: &Ledger, preview: &UblPreview) -> Result<Ledger, UblApplyError> {
    if !preview.problems.is_empty() {
        return Err(UblApplyError::HasProblems(preview.problems.len()));
    }
    let mut out = ledger.clone();
    let mut customers = Vec::new();
    for c in &preview.new_customers {
        let id = out
            .add_customer(c.clone())
            .map_err(|error| UblApplyError::Refused { number: c.number.clone(), error })?;
        customers.push(id);
    }
    let mut ids: Vec<InvoiceId> = Vec::new();
    for p in &preview.documents {
        let mut inv = p.invoice.clone();
        let refused = |error| UblApplyError::Refused { number: p.invoice.number.clone(), error };
        inv.customer = match p.customer {
            CustomerRef::Existing(id) => id,
            CustomerRef::New(k) => *customers.get(k).ok_or_else(|| refused(DomainError::UnknownCustomer))?,
        };
        inv.credits = match p.credits {
            None => None,
            Some(CreditTarget::Existing(id)) => Some(id),
            Some(CreditTarget::New(k)) => Some(*ids.get(k).ok_or_else(|| refused(DomainError::UnknownInvoice))?),
        };
        ids.push(out.add_invoice(inv).map_err(refused)?);
    }
    Ok(out)
}
