//! The real exports of other tools in `../shared/data/csv` (not part of the repository): every
//! file imports, or is refused with the precise reason, and the results are what a bookkeeper
//! counts by hand. Skipped, and says so, when the folder is not there.

use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{Currency, Ledger};
use stipt::i18n::Lang;
use stipt::io::csv_import::{
    apply, parse, preview, suggest, ApplyError, Choices, Mapping, ParsedFile, Preview, ProblemKind, RecordKind,
    Severity, Target,
};

fn dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/csv");
    d.is_dir().then_some(d)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn read(name: &str) -> (ParsedFile, Mapping) {
    let bytes = std::fs::read(dir().unwrap().join(name)).unwrap();
    let file = parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mapping = suggest(&file);
    (file, mapping)
}

fn show(name: &str, p: &Preview) {
    println!("== {name}: {:?}, {} new invoices, {} new payments, {} problems", p.kind, p.new_invoices.len(), p.new_payments.len(), p.problems.len());
    for pr in p.problems.iter().filter(|p| p.severity == Severity::Error).take(5) {
        println!("  {}", Lang::En.import_problem(pr));
    }
}

fn invoiced(p: &Preview) -> Decimal {
    p.new_invoices.iter().filter(|i| i.credits.is_none()).map(|i| i.amount.amount).sum()
}

fn count(p: &Preview, f: impl Fn(&ProblemKind) -> bool) -> usize {
    p.problems.iter().filter(|x| f(&x.kind)).count()
}

#[test]
fn shared_csv_files() {
    if dir().is_none() {
        println!("skipped: ../shared/data not present");
        return;
    }
    let empty = Ledger::new();
    let usd = Currency::parse("USD").unwrap();

    // Invoicely: one invoice, "Jan 28 2021", "1,020.00", the number in a column called "Details".
    let (file, m) = read("invoicely_export_invoices.csv");
    assert_eq!(m.kind, RecordKind::Invoices);
    assert_eq!(m.column_of(Target::InvoiceNumber), Some(2));
    let p = preview(&empty, &file, &m, &Choices::default());
    show("invoicely", &p);
    assert_eq!(p.errors(), 0);
    assert_eq!(p.new_invoices.len(), 1);
    let inv = &p.new_invoices[0];
    assert_eq!((inv.number.as_str(), inv.date, inv.due, inv.amount.amount), ("INV-1", day(2021, 1, 28), day(2021, 1, 28), d("1020.00")));
    assert_eq!(p.new_customers[0].customer.name, "Bruce Wayne");
    let l = apply(&empty, &p).unwrap();
    assert_eq!(l.invoices().len(), 1);

    // FreshBooks: three line items of one invoice, no due date, USD.
    let (file, m) = read("freshbooks_export_invoices.csv");
    assert_eq!(m.column_of(Target::LineAmount), Some(15), "Line Total");
    let p = preview(&empty, &file, &m, &Choices::default());
    show("freshbooks", &p);
    assert_eq!(p.errors(), 0);
    assert_eq!(p.new_invoices.len(), 1);
    let inv = &p.new_invoices[0];
    assert_eq!(inv.number, "0000001", "leading zeros kept");
    assert_eq!(inv.lines, 3);
    assert_eq!(inv.amount.amount, d("7890.00"), "650 + 490 + 6750");
    assert_eq!(inv.amount.currency, usd);
    assert_eq!(inv.due, day(2021, 2, 27), "invoice date plus the default 30 days");
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::DueDatesDerived { count: 1 })), 1);
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::LinesCollapsed { lines: 3, summed: true, .. })), 1);
    apply(&empty, &p).unwrap();

    // The Dutch open-items list: four invoices of debtor 3332, fully open.
    let (file, m) = read("dutch_ar_openitems_header_bdo.csv");
    assert_eq!(m.columns[0], None, "the unnamed index column");
    assert_eq!(m.column_of(Target::InvoiceNumber), Some(1));
    assert_eq!(m.column_of(Target::CustomerNumber), Some(3));
    assert_eq!(m.column_of(Target::InvoiceDate), Some(5), "'Boekstuk' holds the dates");
    assert_eq!(m.column_of(Target::DueDate), Some(6));
    assert_eq!(m.column_of(Target::Amount), Some(7));
    assert_eq!(m.column_of(Target::OpenAmount), Some(8));
    let p = preview(&empty, &file, &m, &Choices::default());
    show("dutch", &p);
    assert_eq!(p.errors(), 0);
    assert_eq!(p.new_invoices.len(), 4);
    assert_eq!(invoiced(&p), d("103812.21"));
    assert!(p.new_payments.is_empty(), "saldo equals the invoice amount: nothing paid");
    assert_eq!(p.new_customers.len(), 1);
    assert_eq!(p.new_customers[0].customer.number, "3332");
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::CustomerNameDiffers { .. })), 3);
    let l = apply(&empty, &p).unwrap();
    let again = preview(&l, &file, &m, &Choices::default());
    assert!(again.is_empty(), "a second import adds nothing");
    assert_eq!(again.unchanged, 4);

    // SAP line items: no column says whose items they are, so it is refused with that reason.
    let (file, mut m) = read("sap_de_ar_lineitems_bdo.csv");
    assert_eq!(m.column_of(Target::InvoiceNumber), Some(2));
    assert_eq!(m.column_of(Target::Amount), Some(4));
    assert_eq!(m.column_of(Target::Cleared), Some(6));
    let p = preview(&empty, &file, &m, &Choices::default());
    show("sap", &p);
    assert_eq!(p.errors(), 1);
    assert_eq!(p.problems[0].kind, ProblemKind::MissingCustomerColumn);
    assert_eq!(
        Lang::Nl.import_problem(&p.problems[0]),
        "Regel 1: geen kolom geeft de klant (klantnummer of klantnaam); koppel een kolom aan een van beide."
    );
    assert_eq!(apply(&empty, &p), Err(ApplyError::HasErrors(1)));
    // With the account column ("group") mapped by the user: two open invoices, three cleared
    // credit items left out.
    m.set(7, Some(Target::CustomerName));
    let p = preview(&empty, &file, &m, &Choices::default());
    show("sap mapped", &p);
    assert_eq!(p.errors(), 0);
    let numbers: Vec<&str> = p.new_invoices.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1200401780", "1200401781"]);
    assert_eq!(invoiced(&p), d("55590.37"));
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::ClearedSkipped { .. })), 3);
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::FloatIds)), 1);
    assert_eq!(p.new_customers.len(), 1, "both open items are of account 30036349");
    apply(&empty, &p).unwrap();

    // Invoice Ninja invoices: 401 lines, 400 invoices (invoice 2 repeated), 20 clients, USD,
    // the Paid column booked as already paid, 215 due dates before the invoice date.
    let (file, mut m) = read("invoiceninja_v4_export_invoices.csv");
    assert_eq!(file.header_line, 4);
    assert_eq!(m.kind, RecordKind::Invoices);
    assert_eq!(m.column_of(Target::PaidAmount), Some(4));
    let p = preview(&empty, &file, &m, &Choices::default());
    show("invoiceninja invoices", &p);
    assert_eq!(p.errors(), 0);
    assert_eq!(p.new_invoices.len(), 400);
    assert_eq!(p.new_customers.len(), 20);
    assert_eq!(invoiced(&p), d("11860.87"));
    assert!(p.new_invoices.iter().all(|i| i.amount.currency == usd));
    assert_eq!(p.new_payments.iter().map(|x| x.amount.amount).sum::<Decimal>(), d("5686.21"));
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::DueBeforeDate { .. })), 215);
    assert!(p.new_invoices.iter().all(|i| i.due >= i.date));
    let first = Lang::Nl.import_problem(p.problems.iter().find(|x| matches!(x.kind, ProblemKind::DueBeforeDate { .. })).unwrap());
    assert_eq!(first, "Regel 5, kolom 9 (Due Date): de vervaldatum 20-10-2019 ligt vóór de factuurdatum 25-11-2019; de factuurdatum wordt de vervaldatum.");
    let with_paid = apply(&empty, &p).unwrap();
    let open: Decimal = with_paid.balances().values().map(|b| b.open()).sum();
    assert_eq!(open, d("6174.66"), "11860.87 - 5686.21");

    // The payments file pays every invoice in full, so it goes on top of the invoices without
    // their Paid column (the tool's Paid is the sum of these payments).
    m.set(4, None);
    let p = preview(&empty, &file, &m, &Choices::default());
    let invoices_only = apply(&empty, &p).unwrap();
    let (file, m) = read("invoiceninja_v4_export_payments.csv");
    assert_eq!(m.kind, RecordKind::Payments, "the title line says Payments");
    let p = preview(&invoices_only, &file, &m, &Choices::default());
    show("invoiceninja payments", &p);
    assert_eq!(file.rows.len(), 403);
    assert_eq!(count(&p, |k| matches!(k, ProblemKind::DuplicateRow { .. })), 2);
    // The refund "($400.00)" of invoice 801 (which is not in the export) is refused.
    let errors: Vec<String> = p.problems.iter().filter(|x| x.severity == Severity::Error).map(|x| Lang::En.import_problem(x)).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("column 3 (Amount): '($400.00)' is negative"), "{}", errors[0]);
    assert_eq!(apply(&invoices_only, &p), Err(ApplyError::HasErrors(1)));
    assert_eq!(p.new_payments.len(), 400);
    let paid: Decimal = p.new_payments.iter().map(|x| x.amount.amount).sum();
    assert_eq!(paid, d("11860.87"), "every invoice paid once, in full");
    let skip = Choices { skip_error_rows: true, ..Choices::default() };
    let p = preview(&invoices_only, &file, &m, &skip);
    let all_paid = apply(&invoices_only, &p).unwrap();
    assert!(all_paid.balances().values().all(|b| b.open().is_zero()));
    assert!(all_paid.payments().all(|x| x.unallocated().is_zero()));
    let again = preview(&all_paid, &file, &m, &skip);
    assert!(again.new_payments.is_empty(), "a second import adds nothing");
    assert_eq!(again.unchanged, 400);
}
