//! CSV import of customers, invoices and payments from other tools.
//!
//! The steps, each a plain function the UI calls in turn:
//!
//! 1. [`parse`] bytes into a [`ParsedFile`]:
//!    - **Encoding.** UTF-8 with or without BOM; UTF-16 with a BOM; anything that is not valid
//!      UTF-8 is Windows-1252 (a table for 0x80-0x9F, Latin-1 for the rest). The file says which
//!      ([`Encoding`]).
//!    - **Delimiter.** `,` `;` tab `|`: the one that gives most records the same number of fields
//!      (read with the CSV reader, so quoted delimiters do not count); an Excel `sep=;` line wins.
//!    - **Header.** The first line with at least two filled fields, mostly not numbers or dates,
//!      that the next line fits; the lines above it (titles, export dates) are kept as the
//!      preamble and otherwise skipped.
//!    - **Fields.** RFC 4180 quotes, CRLF, spaces around a field trimmed, Excel's `="0012"` unwrapped,
//!      an export's formula guard `'=` removed. Rows with only empty fields are left out. Every
//!      row keeps the line of the source file it starts on.
//! 2. [`suggest`] the [`RecordKind`] and a [`Mapping`] (column -> [`Target`]) from the header
//!    names in Dutch, English and German, case, accents and punctuation ignored; a precise name
//!    (`Vervaldatum`) beats a generic one (`Datum`); a date or amount field only takes a column
//!    whose values are dates or amounts. A title above the header (`Payments`) decides the kind.
//!    Without a header for it, the first named column of dates is the invoice (or payment) date
//!    and a column of short codes with digits (`INV-1`) the invoice number.
//! 3. [`preview`] with the user's [`Choices`]:
//!    - **Amounts** `1.234,56`, `1,234.56`, `1234.56`, `1234,56`, `$13.50`, `€ 1.020,00`,
//!      `(400.00)` and `400-` negative, `1200401780.0`. The decimal separator is decided per
//!      column from all its values; a column where every value fits both (`1.234`) takes the
//!      decision of another amount column of the file, else the user's answer, else it is a
//!      [`Question`] and nothing is read. A currency symbol sets the currency when there is no
//!      currency column (a note says so).
//!    - **Dates** `dd-mm-yyyy`, `d/m/yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, `m/d/yyyy`, `Jan 28 2021`,
//!      `28 Jan 2021`, `28 januari 2021`; day-month or month-day is decided per column in the
//!      same way (a question when every value fits both and another column does not decide).
//!    - **Identifiers** written as `1200401780.0` in every row of an invoice or customer number
//!      column are read without the `.0` (a note says so).
//!    - **Invoices** with the same number on several lines are one invoice: a total column that
//!      repeats is taken once, line amounts (or a total that differs per line) are added up; the
//!      first line's dates, customer and currency are kept and a differing later one is a warning.
//!      A negative total with the invoice it credits is a credit note; without it, it is an error,
//!      or — when the item is cleared (SAP `Ausgleichsbeleg`) — a settled item left out.
//!    - **Due dates**: missing ones are the invoice date plus the customer's payment term (or the
//!      ledger's `default_term_days`); one before the invoice date is a warning and becomes the
//!      invoice date.
//!    - **Already paid**: with an open-amount column the invoice amount is the total and the
//!      difference is a payment of [`ALREADY_PAID_REFERENCE`] dated the invoice date (or the
//!      date paid when there is one); a paid-amount column gives that payment directly (and wins
//!      over an open amount, which also drops by credit notes); a cleared
//!      item or a date paid means paid in full. For an invoice already in the ledger only what the
//!      file shows paid beyond the ledger is added, so an open-items list imported twice, or a
//!      newer one, never pays twice.
//!    - **Customers** are found by number, else by name (case-insensitive), in the ledger and
//!      among those the file creates; invoice files create missing customers (number from the
//!      file or the next free `D0001`-style number); payment files never do. A customer file
//!      updates existing customers with the non-empty fields that differ.
//!    - **Payments** with an invoice number are booked on that invoice's customer and allocated
//!      to it as far as it is open (the rest stays unallocated, a warning says so); without one
//!      they are allocated oldest first. An exact copy of an earlier row is reported and left
//!      out; a payment already in the ledger (same customer, date, amount and invoice or
//!      reference) is not added again, so importing a file twice adds nothing the second time.
//!      A negative payment (refund, reversal) is an error.
//!    - **Problems** carry the line of the source file, the column (field index + 1) and its
//!      header, and what was found: errors (the row is not imported), warnings and notes.
//!    - The plan is tried on a copy of the ledger: whatever the ledger refuses is an error of its
//!      line.
//! 4. [`apply`]: all or nothing. With any question open or any error left nothing happens —
//!    unless the user chose [`Choices::skip_error_rows`], which imports the rows without
//!    errors. The records go in through the `Ledger`'s own methods on a copy, which is returned.
//!
//! Texts: `crate::i18n::import` (`Lang::import_problem`, `Lang::import_question`, ...).

mod decode;
mod mapping;
mod preview;
mod read;
mod values;

pub use decode::{decode, windows_1252, Encoding};
pub use mapping::{normalize_header, suggest, suggest_kind, suggest_mapping, Mapping, RecordKind, Target};
pub use preview::{
    apply, preview, ApplyError, Choices, CustomerUpdate, InvoiceUpdate, NewCustomer, PlannedInvoice, PlannedPayment,
    Preview, Problem, ProblemKind, Question, Severity, ALREADY_PAID_REFERENCE,
};
pub use read::{clean_field, parse, parse_text, ParseError, ParsedFile, Row};
pub use values::{amount_text, decide_order, decide_sep, parse_date, read_with, DateFault, DateOrder, DecimalSep, OrderDecision, SepDecision};
