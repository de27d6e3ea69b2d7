//! The exports read back: .xlsx through calamine (as a spreadsheet program reads it), CSV through
//! the import; and a ledger exported to CSV and imported into an empty ledger comes back the same.

use std::io::Cursor;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{Allocation, Country, Currency, Customer, CustomerKind, Invoice, Ledger, Money, Payment};
use stipt::i18n::Lang;
use stipt::io::csv_import::{
    amount_text, apply, parse, parse_date, preview, read_with, suggest, Choices, DateOrder, DecimalSep, RecordKind, Target,
};
use stipt::io::export::{customers_table, invoices_table, neutralise, payments_table, to_csv, to_xlsx, Cell, Table};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn read_xlsx(bytes: Vec<u8>, sheet: &str) -> calamine::Range<Data> {
    let mut wb = Xlsx::new(Cursor::new(bytes)).expect("a valid workbook");
    assert_eq!(wb.sheet_names(), [sheet.to_string()]);
    wb.worksheet_range(sheet).expect("the sheet")
}

fn serial(d: NaiveDate) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let s = stipt::io::export::xlsx::excel_serial(d) as f64;
    s
}

/// What calamine should give for a cell of ours.
fn same(cell: &Cell, got: Option<&Data>) -> bool {
    match (cell, got) {
        (Cell::Empty, None | Some(Data::Empty)) => true,
        (Cell::Text(s), Some(Data::String(g))) => *g == neutralise(s),
        (Cell::Number(n), Some(Data::Float(f))) => Decimal::from_str(&f.to_string()).ok() == Some(n.normalize()),
        (Cell::Int(i), Some(Data::Float(f))) => f.to_string() == i.to_string(),
        (Cell::Int(i), Some(Data::Int(g))) => i == g,
        (Cell::Date(dt), Some(Data::DateTime(g))) => (g.as_f64() - serial(*dt)).abs() < 1e-9,
        _ => false,
    }
}

#[test]
fn xlsx_values_dates_and_escaping() {
    let t = Table {
        headers: vec!["Factuur".into(), "Datum".into(), "Bedrag".into(), "Dagen".into(), "Omschrijving".into()],
        rows: vec![
            vec![Cell::text("2026-0001"), Cell::Date(day(2026, 3, 1)), Cell::Number(d("1234.56")), Cell::Int(30), Cell::text("Koffie & thee <los>")],
            vec![Cell::text("=SUM(A1:A9)"), Cell::Date(day(1999, 12, 31)), Cell::Number(d("-0.01")), Cell::Int(-2), Cell::text("Müller ß € 日本 \"quoted\" 'x'")],
            vec![Cell::text("-5"), Cell::Empty, Cell::Number(d("1000000")), Cell::Empty, Cell::text(" spaces kept \n second line\r")],
        ],
    };
    let range = read_xlsx(to_xlsx(&t, "Facturen"), "Facturen");
    assert_eq!(range.get_size(), (4, 5));
    for (c, h) in t.headers.iter().enumerate() {
        assert_eq!(range.get_value((0, c as u32)), Some(&Data::String(h.clone())), "header {c}");
    }
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let got = range.get_value((r as u32 + 1, c as u32));
            assert!(same(cell, got), "row {r} column {c}: {cell:?} read back as {got:?}");
        }
    }
    // The exact values, not only "the same as": a date is its serial number, text is neutralised.
    assert!(matches!(range.get_value((1, 1)), Some(Data::DateTime(x)) if x.as_f64() == 46082.0));
    assert_eq!(range.get_value((2, 0)), Some(&Data::String("'=SUM(A1:A9)".into())));
    assert_eq!(range.get_value((3, 0)), Some(&Data::String("'-5".into())));
    assert_eq!(range.get_value((2, 4)), Some(&Data::String("Müller ß € 日本 \"quoted\" 'x'".into())));
    assert_eq!(range.get_value((3, 4)), Some(&Data::String(" spaces kept \n second line\r".into())));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(1234.56)));
}

#[test]
fn xlsx_sheet_name_and_empty_table() {
    let t = Table { headers: vec!["A".into(), "B".into()], rows: vec![] };
    let range = read_xlsx(to_xlsx(&t, "Open/te laat"), "Open te laat");
    assert_eq!(range.get_size(), (1, 2));
}

fn ledger() -> Ledger {
    let mut l = Ledger::new();
    let mut a = Customer::new("D0001", "Bakkerij Jansen");
    a.email = "info@jansen.nl".into();
    a.iban = "NL91ABNA0417164300".into();
    a.payment_term_days = 14;
    a.address.city = "Utrecht".into();
    let a = l.add_customer(a).unwrap();
    let mut b = Customer::new("D0002", "=Müller; \"GmbH\"");
    b.kind = CustomerKind::Consumer;
    b.country = Country::Other("DE".into());
    let b = l.add_customer(b).unwrap();
    let i1 = l.add_invoice(Invoice::new("2026-0001", a, day(2026, 1, 5), 14, Money::eur(d("1210.00")))).unwrap();
    let mut i2 = Invoice::new("2026-0002", b, day(2026, 1, 20), 30, Money::eur(d("99.95")));
    i2.description = "Levering, januari".into();
    l.add_invoice(i2).unwrap();
    let inv1 = l.invoice(i1).unwrap().clone();
    l.add_invoice(Invoice::credit_note("2026-0003", &inv1, day(2026, 1, 10), Money::eur(d("10.00")))).unwrap();
    let mut p = Payment::new(a, day(2026, 1, 25), Money::eur(d("500.00")), vec![Allocation { invoice: i1, amount: d("500.00") }]).unwrap();
    p.reference = "2026-0001 deel".into();
    l.add_payment(p).unwrap();
    let mut p = Payment::new(b, day(2026, 2, 1), Money::eur(d("20.00")), vec![]).unwrap();
    p.reference = "vooruit".into();
    l.add_payment(p).unwrap();
    l
}

#[test]
fn ledger_tables_in_xlsx() {
    let l = ledger();
    let t = invoices_table(&l, Lang::Nl);
    let range = read_xlsx(to_xlsx(&t, "Facturen"), "Facturen");
    assert_eq!(range.get_value((0, 0)), Some(&Data::String("Factuurnummer".into())));
    assert_eq!(range.get_value((1, 0)), Some(&Data::String("2026-0001".into())));
    assert_eq!(range.get_value((1, 5)), Some(&Data::Float(1210.0)), "amount");
    assert_eq!(range.get_value((1, 6)), Some(&Data::Float(500.0)), "paid");
    assert_eq!(range.get_value((1, 7)), Some(&Data::Float(700.0)), "open: 1210 - 500 - 10 credited");
    assert_eq!(range.get_value((3, 11)), Some(&Data::String("2026-0001".into())), "the credit note names its invoice");
    for (r, row) in t.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            assert!(same(cell, range.get_value((r as u32 + 1, c as u32))), "row {r} column {c}");
        }
    }
}

/// Imports the three CSV exports of `l` into an empty ledger: customers, invoices (without the
/// paid and open columns: the payments come from their own file), payments.
fn round_trip(l: &Ledger, lang: Lang, delimiter: u8, decimal_comma: bool) -> Ledger {
    let mut target = Ledger::new();
    for (table, kind) in [
        (customers_table(l, lang), RecordKind::Customers),
        (invoices_table(l, lang), RecordKind::Invoices),
        (payments_table(l, lang), RecordKind::Payments),
    ] {
        if table.rows.is_empty() {
            continue;
        }
        let csv = to_csv(&table, delimiter, decimal_comma);
        let file = parse(csv.as_bytes()).unwrap();
        assert_eq!(file.delimiter, delimiter);
        let mut m = suggest(&file);
        assert_eq!(m.kind, kind, "{:?}", file.headers);
        for (c, h) in table.headers.iter().enumerate() {
            assert!(m.columns[c].is_some(), "{h} is recognised");
        }
        if kind == RecordKind::Invoices {
            for t in [Target::PaidAmount, Target::OpenAmount] {
                let c = m.column_of(t).unwrap();
                m.set(c, None);
            }
        }
        let p = preview(&target, &file, &m, &Choices::default());
        assert!(p.questions.is_empty(), "{:?}", p.questions);
        assert_eq!(p.errors(), 0, "{:?}", p.problems);
        target = apply(&target, &p).unwrap();
    }
    target
}

fn assert_same(a: &Ledger, b: &Ledger) {
    let key = |c: &Customer| {
        (c.number.clone(), c.name.clone(), c.email.clone(), c.iban.clone(), c.kind, c.country.clone(), c.payment_term_days, c.address.clone())
    };
    assert_eq!(a.customers().map(key).collect::<Vec<_>>(), b.customers().map(key).collect::<Vec<_>>());
    let inv = |l: &Ledger, i: &Invoice| {
        let credits = i.credits.and_then(|c| l.invoice(c)).map(|c| c.number.clone());
        let customer = l.customer(i.customer).unwrap().number.clone();
        (i.number.clone(), customer, i.date, i.due, i.amount.amount, i.amount.currency, i.description.clone(), credits)
    };
    let mut x: Vec<_> = a.invoices().map(|i| inv(a, i)).collect();
    let mut y: Vec<_> = b.invoices().map(|i| inv(b, i)).collect();
    x.sort();
    y.sort();
    assert_eq!(x, y);
    let totals = |l: &Ledger| {
        let mut t: Vec<(String, NaiveDate, Decimal)> =
            l.payments().map(|p| (l.customer(p.customer).unwrap().number.clone(), p.date, p.amount.amount)).collect();
        t.sort();
        t
    };
    assert_eq!(totals(a), totals(b));
}

#[test]
fn ledger_round_trip_through_csv() {
    let l = ledger();
    for (lang, delimiter, comma) in [(Lang::Nl, b';', true), (Lang::En, b',', false), (Lang::Nl, b'\t', false)] {
        let back = round_trip(&l, lang, delimiter, comma);
        assert_same(&l, &back);
        // Importing the invoices file again changes nothing.
        let csv = to_csv(&invoices_table(&l, lang), delimiter, comma);
        let file = parse(csv.as_bytes()).unwrap();
        let p = preview(&back, &file, &suggest(&file), &Choices::default());
        assert!(p.new_invoices.is_empty() && p.updated_invoices.is_empty(), "{p:?}");
    }
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        "[a-zA-Z0-9 ,.;\"'=+@€ëß-]{0,12}".prop_map(|s| Cell::text(s.trim_start_matches(['\'', ' ']).trim_end().to_string())),
        (-10_000_000_000i64..10_000_000_000, 0u32..3).prop_map(|(m, s)| Cell::Number(Decimal::new(m, s))),
        (0i64..70_000).prop_map(|n| Cell::Date(day(1950, 1, 1) + chrono::Duration::days(n))),
        any::<i32>().prop_map(|i| Cell::Int(i64::from(i))),
        Just(Cell::Empty),
    ]
}

fn table() -> impl Strategy<Value = Table> {
    (2usize..6).prop_flat_map(|w| {
        let row = ("[a-z]{1,6}", prop::collection::vec(cell(), w - 1))
            .prop_map(|(first, rest)| std::iter::once(Cell::Text(first)).chain(rest).collect::<Vec<_>>());
        (Just(w), prop::collection::vec(row, 0..8))
    })
    .prop_map(|(w, rows)| Table { headers: (0..w).map(|i| format!("Kolom {}x", i + 1)).collect(), rows })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn xlsx_gives_the_same_cells(t in table()) {
        let range = read_xlsx(to_xlsx(&t, "Blad"), "Blad");
        for (r, row) in t.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let got = range.get_value((r as u32 + 1, c as u32));
                prop_assert!(same(cell, got), "row {} column {}: {:?} read back as {:?}", r, c, cell, got);
            }
        }
    }

    #[test]
    fn csv_gives_the_same_values(t in table(), semicolon in any::<bool>()) {
        let (delimiter, comma) = if semicolon { (b';', true) } else { (b',', false) };
        let file = parse(to_csv(&t, delimiter, comma).as_bytes()).unwrap();
        prop_assert_eq!(&file.headers, &t.headers);
        prop_assert_eq!(file.rows.len(), t.rows.len());
        let sep = if comma { DecimalSep::Comma } else { DecimalSep::Dot };
        for (row, got) in t.rows.iter().zip(&file.rows) {
            for (c, cell) in row.iter().enumerate() {
                let v = got.get(c);
                match cell {
                    Cell::Text(s) => prop_assert_eq!(v, s.as_str()),
                    Cell::Number(n) => prop_assert_eq!(amount_text(v).and_then(|a| read_with(&a, sep)), Some(*n)),
                    Cell::Date(dt) => prop_assert_eq!(parse_date(v, DateOrder::DayMonth), Ok(*dt)),
                    Cell::Int(i) => prop_assert_eq!(v, i.to_string()),
                    Cell::Empty => prop_assert_eq!(v, ""),
                }
            }
        }
    }

    #[test]
    fn a_ledger_survives_csv(
        customers in prop::collection::vec(("[A-Z][a-z]{2,8}( [A-Z][a-z]{1,6})?", 0u16..60, any::<bool>()), 1..4),
        invoices in prop::collection::vec((0usize..4, 1i64..1_000_000, 0i64..400, 0u16..60, 0u8..3), 0..8),
        payments in prop::collection::vec((0usize..8, 1i64..500_000, 0i64..400, any::<bool>()), 0..6),
    ) {
        let mut l = Ledger::new();
        let ids: Vec<_> = customers.iter().enumerate().map(|(i, (name, term, consumer))| {
            let mut c = Customer::new(format!("K{:03}", i + 1), name.clone());
            c.payment_term_days = *term;
            if *consumer { c.kind = CustomerKind::Consumer; }
            l.add_customer(c).unwrap()
        }).collect();
        let mut invs = Vec::new();
        for (n, (c, cents, offset, term, credit)) in invoices.iter().enumerate() {
            let cust = ids[c % ids.len()];
            let date = day(2025, 1, 1) + chrono::Duration::days(*offset);
            let id = l.add_invoice(Invoice::new(format!("F{}", n + 1), cust, date, *term, Money::eur(Decimal::new(*cents, 2)))).unwrap();
            if *credit == 0 {
                let inv = l.invoice(id).unwrap().clone();
                let cn = Invoice::credit_note(format!("C{}", n + 1), &inv, date, Money::eur(Decimal::new((cents / 3).max(1), 2)));
                l.add_invoice(cn).unwrap();
            }
            invs.push(id);
        }
        for (n, (i, cents, offset, to_invoice)) in payments.iter().enumerate() {
            let date = day(2025, 2, 1) + chrono::Duration::days(*offset);
            let amount = Money::eur(Decimal::new(*cents, 2));
            let (customer, alloc) = match invs.get(*i) {
                Some(id) if *to_invoice => {
                    let open = l.balance(*id).unwrap().open();
                    let cust = l.invoice(*id).unwrap().customer;
                    let take = open.min(amount.amount);
                    (cust, if take > Decimal::ZERO { vec![Allocation { invoice: *id, amount: take }] } else { vec![] })
                }
                _ => (ids[i % ids.len()], vec![]),
            };
            let mut p = Payment::new(customer, date, amount, alloc).unwrap();
            p.reference = format!("ref {}", n + 1);
            l.add_payment(p).unwrap();
        }
        for (lang, delimiter, comma) in [(Lang::Nl, b';', true), (Lang::En, b',', false)] {
            let back = round_trip(&l, lang, delimiter, comma);
            assert_same(&l, &back);
        }
    }
}

#[test]
fn currencies_survive() {
    let mut l = Ledger::new();
    let c = l.add_customer(Customer::new("1", "A")).unwrap();
    let usd = Currency::parse("USD").unwrap();
    l.add_invoice(Invoice::new("X1", c, day(2026, 1, 1), 30, Money::new(d("12.50"), usd))).unwrap();
    let back = round_trip(&l, Lang::En, b',', false);
    assert_eq!(back.invoice_by_number("X1").unwrap().amount, Money::new(d("12.50"), usd));
}
