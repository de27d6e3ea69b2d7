//! Tables out: any table as CSV or as an Excel workbook (.xlsx), and the ledger's customers,
//! invoices and payments as tables.
//!
//! Rules:
//! - **CSV** ([`to_csv`]) follows RFC 4180: a field is quoted when it holds the delimiter, a
//!   quote, CR or LF, or starts or ends with a space; quotes are doubled; records end in CRLF. The
//!   text starts with a UTF-8 byte-order mark: without it Excel on Windows reads the file as
//!   Windows-1252 and `€`, `ë`, `ß` come out garbled, and every other reader (including
//!   [`crate::io::csv_import`]) skips it. Dates are `yyyy-mm-dd` (no day/month doubt), numbers
//!   have no thousands separator and a dot or (for Dutch Excel, with `;` as delimiter) a comma as
//!   decimal separator.
//! - **Formula injection** (OWASP "CSV injection"): a text cell that starts with `=`, `+`, `-`,
//!   `@`, a tab or a CR gets a leading apostrophe, so a spreadsheet shows it as text instead of
//!   running it; numbers and dates are written as values, never as text, so they need none. The
//!   import removes that apostrophe again. The .xlsx export writes text as inline strings, which
//!   a spreadsheet never evaluates, and neutralises the same way so both exports show the same.
//! - **.xlsx** ([`to_xlsx`]): a minimal Office Open XML workbook written by hand (see [`xlsx`]):
//!   numbers as numbers with a two-decimal format, dates as Excel serial numbers with a date
//!   format, a bold and frozen header row.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Ledger, Payment};
use crate::i18n::Lang;
use crate::io::csv_import::Target;

pub mod xlsx;

pub use xlsx::to_xlsx;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// An amount or other decimal number.
    Number(Decimal),
    Date(NaiveDate),
    Int(i64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

/// A table to export: a header row and rows of cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The text of a text cell as a spreadsheet should get it: with a leading apostrophe when it
/// starts like a formula (`=`, `+`, `-`, `@`, tab, CR).
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn csv_field(out: &mut String, s: &str, delimiter: char) {
    let quote = s.contains([delimiter, '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ');
    if quote {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// The table as CSV text: UTF-8 with BOM, CRLF, RFC 4180 quoting (see the module rules).
pub fn to_csv(table: &Table, delimiter: u8, decimal_comma: bool) -> String {
    let delimiter = char::from(delimiter);
    let mut out = String::from("\u{feff}");
    let line = |cells: &mut dyn Iterator<Item = String>, out: &mut String| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            csv_field(out, &c, delimiter);
        }
        out.push_str("\r\n");
    };
    line(&mut table.headers.iter().map(|h| neutralise(h).into_owned()), &mut out);
    for row in &table.rows {
        let mut cells = row.iter().map(|c| match c {
            Cell::Text(s) => neutralise(s).into_owned(),
            Cell::Number(d) if decimal_comma => d.to_string().replace('.', ","),
            Cell::Number(d) => d.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Empty => String::new(),
        });
        line(&mut cells, &mut out);
    }
    out
}

fn headers(lang: Lang, targets: &[Target]) -> Vec<String> {
    targets.iter().map(|t| lang.target_label(*t).to_string()).collect()
}

/// The customers, one row each, under the field names the import recognises.
pub fn customers_table(ledger: &Ledger, lang: Lang) -> Table {
    use Target::*;
    let cols =
        [CustomerNumber, CustomerName, ContactPerson, Email, Phone, Iban, VatNumber, Country, CustomerKind, Sector, PaymentTerm, Street, Postcode, City];
    let rows = ledger
        .customers()
        .map(|c| {
            vec![
                Cell::text(&c.number),
                Cell::text(&c.name),
                Cell::text(&c.contact_person),
                Cell::text(&c.email),
                Cell::text(&c.phone),
                Cell::text(&c.iban),
                Cell::text(&c.vat_number),
                Cell::text(c.country.code()),
                Cell::text(lang.customer_kind(c.kind)),
                Cell::text(&c.sector),
                Cell::Int(i64::from(c.payment_term_days)),
                Cell::text(&c.address.street),
                Cell::text(&c.address.postcode),
                Cell::text(&c.address.city),
            ]
        })
        .collect();
    Table { headers: headers(lang, &cols), rows }
}

/// Invoices and credit notes with their customer, paid and open amounts. A credit note names
/// the invoice it credits and has no paid or open amount.
pub fn invoices_table(ledger: &Ledger, lang: Lang) -> Table {
    use Target::*;
    let cols = [
        InvoiceNumber, CustomerNumber, CustomerName, InvoiceDate, DueDate, Amount, PaidAmount, OpenAmount, Currency,
        Description, Reference, CreditedInvoice,
    ];
    let balances = ledger.balances();
    let rows = ledger
        .invoices()
        .map(|i| {
            let c = ledger.customer(i.customer);
            let b = balances.get(&i.id);
            let credits = i.credits.and_then(|id| ledger.invoice(id)).map(|x| x.number.clone()).unwrap_or_default();
            vec![
                Cell::text(&i.number),
                Cell::text(c.map(|c| c.number.as_str()).unwrap_or_default()),
                Cell::text(c.map(|c| c.name.as_str()).unwrap_or_default()),
                Cell::Date(i.date),
                Cell::Date(i.due),
                Cell::Number(i.amount.amount),
                b.map_or(Cell::Empty, |b| Cell::Number(b.paid)),
                b.map_or(Cell::Empty, |b| Cell::Number(b.open())),
                Cell::text(i.amount.currency.code()),
                Cell::text(&i.description),
                Cell::text(&i.reference),
                Cell::text(credits),
            ]
        })
        .collect();
    Table { headers: headers(lang, &cols), rows }
}

/// The invoice a payment went to, when it went to exactly one.
fn single_invoice(ledger: &Ledger, p: &Payment) -> String {
    match p.allocations() {
        [a] => ledger.invoice(a.invoice).map(|i| i.number.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// Payments with their customer and, when a payment went to one invoice, that invoice.
pub fn payments_table(ledger: &Ledger, lang: Lang) -> Table {
    use Target::*;
    let cols = [PaymentDate, CustomerNumber, CustomerName, Amount, Currency, InvoiceNumber, Reference, PayerName, PayerIban];
    let rows = ledger
        .payments()
        .map(|p| {
            let c = ledger.customer(p.customer);
            vec![
                Cell::Date(p.date),
                Cell::text(c.map(|c| c.number.as_str()).unwrap_or_default()),
                Cell::text(c.map(|c| c.name.as_str()).unwrap_or_default()),
                Cell::Number(p.amount.amount),
                Cell::text(p.amount.currency.code()),
                Cell::text(single_invoice(ledger, p)),
                Cell::text(&p.reference),
                Cell::text(&p.payer_name),
                Cell::text(&p.payer_iban),
            ]
        })
        .collect();
    Table { headers: headers(lang, &cols), rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn csv_table() {
        let t = Table {
            headers: vec!["Naam".into(), "Bedrag".into(), "Datum".into(), "Aantal".into(), "Leeg".into()],
            rows: vec![
                vec![Cell::text("Jansen; \"de Bakker\""), Cell::Number(Decimal::from_str("1234.50").unwrap()), Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), Cell::Int(-3), Cell::Empty],
                vec![Cell::text("=HYPERLINK(\"x\")"), Cell::Number(Decimal::from_str("-5").unwrap()), Cell::Empty, Cell::Int(0), Cell::text("twee\nregels")],
                vec![Cell::text("-5"), Cell::text("@SUM"), Cell::text("+1"), Cell::text("\tx"), Cell::text(" spatie")],
            ],
        };
        let semi = to_csv(&t, b';', true);
        assert_eq!(
            semi,
            "\u{feff}Naam;Bedrag;Datum;Aantal;Leeg\r\n\"Jansen; \"\"de Bakker\"\"\";1234,50;2026-03-01;-3;\r\n\"'=HYPERLINK(\"\"x\"\")\";-5;;0;\"twee\nregels\"\r\n'-5;'@SUM;'+1;'\tx;\" spatie\"\r\n"
        );
        let comma = to_csv(&t, b',', false);
        assert!(comma.contains("\"Jansen; \"\"de Bakker\"\"\",1234.50,2026-03-01,-3,\r\n"), "{comma}");
    }
}
