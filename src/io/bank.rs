//! Bank statements: ISO 20022 camt.053 / camt.054 (XML) and SWIFT MT940 (text), read into one
//! model for payment matching ([`crate::engine::matching`]).
//!
//! Rules:
//!
//! - [`parse_statement`] looks at the bytes, not the file name: XML (after an optional BOM and
//!   whitespace) is camt, text with SWIFT tags (`:20:`, `:61:`, `{1:`) is MT940.
//! - camt: any version and namespace, with or without XML declaration, any prefix (elements are
//!   matched on their local names). `BkToCstmrStmt/Stmt`, `BkToCstmrDbtCdtNtfctn/Ntfctn` and
//!   `BkToCstmrAcctRpt/Rpt` are statements. Balances `OPBD` (or `PRCD`) open, `CLBD` closes.
//!   Entries with status `PDNG` or `INFO` are not booked and are left out. A batch entry with
//!   several `TxDtls` whose amounts add up to the entry gives one transaction per `TxDtls`;
//!   otherwise the entry is one transaction. For a credit the counterparty is the debtor
//!   (`Dbtr`, `DbtrAcct`), for a debit the creditor. `RvslInd` true marks a reversal; `RtrInf`
//!   gives the return reason. The remittance is `Ustrd` and the `Strd` creditor references;
//!   when both are absent, the bank's `AddtlTxInf` / `AddtlNtryInf`.
//! - MT940: CRLF, LF or CR; SWIFT block wrappers (`{1:…}{4:` … `-}`) and header lines before the
//!   first `:20:` are skipped; a field runs until the next tag, continuation lines are joined
//!   (a full 65-character line continues without a space, padding is dropped). `:60F:`/`:60M:`
//!   open, `:62F:`/`:62M:` close (a statement may end without one), `:61:` is an entry (value
//!   date, optional entry date, `C`/`D`/`RC`/`RD`, amount with decimal comma, type, references,
//!   supplementary details on the next line) and `:86:` describes the entry before it. The
//!   `:86:` is read per bank: slash codes (`/EREF/ /REMI/ /NAME/ /IBAN/ /CNTP/ /TRTP/ /ORDP/`) of
//!   Rabobank, ING, ABN AMRO, Knab and others; ABN AMRO's legacy free text (`GIRO 1234567 NAME`,
//!   `BEA`, `52.89.39.882 NAME`); SNS/ASN/RegioBank (`IBAN name` on the first line, then text).
//! - Amounts are `Decimal`, signed: a credit (money in) is positive. A reversal keeps the sign
//!   of its booking (`RD` takes money out).
//! - Every error names the line and column and what was expected there ([`BankError`]).
//! - [`check_balances`] reports a statement whose opening balance plus its entries is not its
//!   closing balance; it never refuses the file.

mod camt;
mod mt940;
pub(crate) mod xml;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Currency;

/// Which file format, and for MT940 which bank's dialect, a statement was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Camt053,
    Camt054,
    Camt052,
    Mt940(Mt940Bank),
}

/// The MT940 dialect, detected from the account, the SWIFT header or the `:86:` shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mt940Bank {
    Rabobank,
    Ing,
    AbnAmro,
    /// ABN AMRO's layout before SEPA: `:25:` an account number, `:86:` fixed-width free text.
    AbnAmroLegacy,
    Sns,
    Knab,
    Other,
}

/// A balance of the account: positive is credit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balance {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    /// Line in the file where the balance is given.
    pub line: usize,
}

/// One booking on the statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    /// Line in the file where the entry starts (`:61:` or `<Ntry>` / `<TxDtls>`).
    pub line: usize,
    pub booking_date: NaiveDate,
    pub value_date: NaiveDate,
    /// Signed: positive is money received.
    pub amount: Decimal,
    pub currency: Currency,
    /// A reversal (camt `RvslInd`, MT940 `RC`/`RD`).
    pub reversal: bool,
    /// The return reason code (camt `RtrInf/Rsn`, e.g. `AC06`), for a returned payment.
    pub return_reason: Option<String>,
    pub counterparty_name: String,
    /// The counterparty's IBAN, compact and upper case, only when it is a valid IBAN.
    pub counterparty_iban: String,
    /// The counterparty's account as the bank gave it (also non-IBAN account numbers).
    pub counterparty_account: String,
    /// What the payer wrote: unstructured text and structured references.
    pub remittance: String,
    /// The end-to-end id (empty for `NOTPROVIDED`).
    pub end_to_end: String,
    /// The bank's own reference of the entry.
    pub bank_reference: String,
    /// The bank transaction code (camt `PMNT/RCDT/ESCT` or proprietary; MT940 type like `N541`).
    pub bank_code: String,
}

impl Transaction {
    /// Money received that is not a reversal or return: a candidate payment of a customer.
    pub fn is_incoming_payment(&self) -> bool {
        self.amount > Decimal::ZERO && !self.is_return()
    }

    /// A reversal or a returned payment.
    pub fn is_return(&self) -> bool {
        self.reversal || self.return_reason.is_some()
    }
}

/// One statement (or camt.054 notification) of one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub format: Format,
    /// The statement's id (`:20:` / `Stmt/Id`).
    pub id: String,
    /// The account: a compact IBAN, or the account number as given.
    pub account: String,
    pub currency: Currency,
    pub opening: Option<Balance>,
    pub closing: Option<Balance>,
    pub transactions: Vec<Transaction>,
    /// Line where the statement starts.
    pub line: usize,
}

/// The opening balance plus the entries is not the closing balance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceMismatch {
    pub opening: Decimal,
    pub entries: Decimal,
    /// Opening plus entries: what the closing balance should be.
    pub expected_closing: Decimal,
    /// What the bank says it is.
    pub closing: Decimal,
    pub currency: Currency,
}

impl BalanceMismatch {
    /// Closing minus expected closing.
    pub fn difference(&self) -> Decimal {
        self.closing - self.expected_closing
    }
}

/// Checks that opening + entries = closing. `None` when they agree or when a balance is missing
/// (nothing to check).
pub fn check_balances(statement: &Statement) -> Option<BalanceMismatch> {
    let opening = statement.opening.as_ref()?;
    let closing = statement.closing.as_ref()?;
    let entries: Decimal = statement.transactions.iter().map(|t| t.amount).sum();
    let expected = opening.amount + entries;
    (expected != closing.amount).then_some(BalanceMismatch {
        opening: opening.amount,
        entries,
        expected_closing: expected,
        closing: closing.amount,
        currency: closing.currency,
    })
}

/// What was expected at the place of an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Amount,
    Date,
    /// `C`, `D`, `RC` or `RD` (MT940) / `CRDT` or `DBIT` (camt).
    CreditDebit,
    Currency,
    /// A transaction type such as `N541` or `NTRF`.
    TransactionType,
    /// A tag or element with this name (`:25:`, `Amt`).
    Field(String),
    /// A statement start (`:20:`) before this field.
    StatementStart,
}

/// Why a file could not be read. Data, not sentences: `i18n` words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankErrorKind {
    /// The file is empty.
    Empty,
    /// Neither XML nor MT940.
    UnknownFormat,
    /// XML that does not parse (quick-xml's description, English).
    NotXml { detail: String },
    /// The XML ends inside an element.
    Truncated { open: String },
    /// XML, but not a bank statement: the root or message found.
    NotAStatement { found: String },
    /// Something else than expected was found; `after` names what came just before.
    Expected { what: Expected, after: Option<String>, found: String },
    /// A required field is missing in the element or field that starts here.
    Missing { what: Expected, within: String },
}

/// An unreadable file, with 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {kind:?}")]
pub struct BankError {
    pub line: usize,
    pub column: usize,
    pub kind: BankErrorKind,
}

/// Reads a statement file (camt.052/053/054 or MT940): all statements it holds.
///
/// # Errors
/// The first problem, with line and column.
pub fn parse_statement(bytes: &[u8]) -> Result<Vec<Statement>, BankError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(BankError { line: 1, column: 1, kind: BankErrorKind::Empty });
    };
    if body[first] == b'<' {
        return camt::parse(body);
    }
    let text = decode_text(body);
    if mt940::looks_like(&text) {
        return mt940::parse(&text);
    }
    let (line, column) = xml::line_col(body, first);
    Err(BankError { line, column, kind: BankErrorKind::UnknownFormat })
}

/// UTF-8 when it is, otherwise ISO 8859-1 (what older MT940 exports are written in).
fn decode_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// A valid IBAN in compact upper case, or `None`.
pub fn compact_iban(input: &str) -> Option<String> {
    let compact: String =
        input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if compact.len() < 15 || compact.len() > 34 {
        return None;
    }
    compact.parse::<iban::Iban>().ok().map(|_| compact)
}

/// Collapses runs of whitespace into one space and trims.
pub(crate) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn compact_iban_table() {
        let rows = [
            ("NL91 ABNA 0417 1643 00", Some("NL91ABNA0417164300")),
            ("nl91abna0417164300", Some("NL91ABNA0417164300")),
            ("NL91ABNA0417164301", None),
            ("517852257", None),
            ("", None),
        ];
        for (input, want) in rows {
            assert_eq!(compact_iban(input).as_deref(), want, "row {input:?}");
        }
    }

    #[test]
    fn balances_are_checked_never_fatal() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let bal = |a: &str| Some(Balance { date: day, amount: d(a), currency: Currency::EUR, line: 1 });
        let tx = |a: &str| Transaction {
            line: 1,
            booking_date: day,
            value_date: day,
            amount: d(a),
            currency: Currency::EUR,
            reversal: false,
            return_reason: None,
            counterparty_name: String::new(),
            counterparty_iban: String::new(),
            counterparty_account: String::new(),
            remittance: String::new(),
            end_to_end: String::new(),
            bank_reference: String::new(),
            bank_code: String::new(),
        };
        let mut s = Statement {
            format: Format::Camt053,
            id: String::new(),
            account: String::new(),
            currency: Currency::EUR,
            opening: bal("100"),
            closing: bal("150.50"),
            transactions: vec![tx("70.50"), tx("-20")],
            line: 1,
        };
        assert_eq!(check_balances(&s), None);
        s.closing = bal("150.49");
        let m = check_balances(&s).unwrap();
        assert_eq!((m.expected_closing, m.closing, m.difference()), (d("150.50"), d("150.49"), d("-0.01")));
        s.closing = None;
        assert_eq!(check_balances(&s), None, "nothing to check without a closing balance");
    }
}
