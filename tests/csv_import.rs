//! The CSV import on the project's own fixtures (tests/fixtures/csv, shaped like real exports),
//! rule tables, all-or-nothing apply, and a fuzz test that nothing panics.

use std::str::FromStr;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{Currency, Customer, CustomerKind, Country, Invoice, Ledger, Money};
use stipt::i18n::Lang;
use stipt::io::csv_import::{
    apply, parse, preview, suggest, suggest_mapping, ApplyError, Choices, DateOrder, DecimalSep, Encoding, ParsedFile,
    Preview, ProblemKind, Question, RecordKind, Severity, Target, ALREADY_PAID_REFERENCE,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}
fn fixture(name: &str) -> ParsedFile {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    parse(&std::fs::read(path).unwrap()).unwrap()
}
fn texts(p: &Preview, lang: Lang, severity: Severity) -> Vec<String> {
    p.problems.iter().filter(|x| x.severity == severity).map(|x| lang.import_problem(x)).collect()
}

#[test]
fn dutch_open_items() {
    let file = fixture("openitems_nl.csv");
    assert_eq!((file.encoding, file.delimiter, file.header_line), (Encoding::Utf8Bom, b';', 1));
    let m = suggest(&file);
    assert_eq!(m.kind, RecordKind::Invoices);
    use Target::*;
    assert_eq!(m.columns, [Some(InvoiceNumber), Some(CustomerNumber), Some(CustomerName), Some(InvoiceDate), Some(DueDate), Some(Amount), Some(OpenAmount)]);
    let empty = Ledger::new();
    let p = preview(&empty, &file, &m, &Choices::default());
    assert_eq!(
        texts(&p, Lang::Nl, Severity::Error),
        [
            "Regel 4, kolom 4 (Factuurdatum): '31-02-2026' is geen bestaande datum.",
            "Regel 5, kolom 7 (Saldo): openstaand 20,00 past niet bij het factuurbedrag 12,50.",
        ]
    );
    assert_eq!(texts(&p, Lang::En, Severity::Error)[0], "Line 4, column 4 (Factuurdatum): '31-02-2026' is not an existing date.");
    // All or nothing: two errors, nothing applied.
    assert_eq!(apply(&empty, &p), Err(ApplyError::HasErrors(2)));
    assert_eq!(
        Lang::Nl.import_apply_error(&ApplyError::HasErrors(2)),
        "Er zijn 2 fouten; er is niets ingelezen. Verbeter het bestand of kies ervoor de regels met fouten over te slaan."
    );
    // Leaving out the rows with errors: two invoices, the customer of the others only.
    let skip = Choices { skip_error_rows: true, ..Choices::default() };
    let p = preview(&empty, &file, &m, &skip);
    let numbers: Vec<(&str, Decimal)> = p.new_invoices.iter().map(|i| (i.number.as_str(), i.amount.amount)).collect();
    assert_eq!(numbers, [("2026001", d("1210.00")), ("2026002", d("605.00"))]);
    assert_eq!(p.new_customers.len(), 1);
    assert_eq!(p.new_payments.len(), 1);
    let paid = &p.new_payments[0];
    assert_eq!((paid.amount.amount, paid.date, paid.reference.as_str()), (d("500.00"), day(2026, 1, 20), ALREADY_PAID_REFERENCE));
    let l = apply(&empty, &p).unwrap();
    let open: Decimal = l.balances().values().map(|b| b.open()).sum();
    assert_eq!(open, d("1315.00"));
    assert!(empty.is_empty(), "the ledger passed in is never changed");
    // Twice: nothing new.
    let again = preview(&l, &file, &m, &skip);
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(again.unchanged, 2);
    // A newer list where more is paid adds only the difference.
    let newer = parse("Factuurnr.;Deb.nr.;Factuurdatum;Vervalt;Factuur;Saldo\n2026002;1001;20-01-2026;03-02-2026;605,00;5,00\n".as_bytes()).unwrap();
    let p = preview(&l, &newer, &suggest(&newer), &Choices::default());
    assert_eq!(p.new_payments.iter().map(|x| x.amount.amount).collect::<Vec<_>>(), [d("100.00")]);
    assert_eq!(p.unchanged, 0);
}

#[test]
fn preamble_line_items_and_due_dates() {
    let file = fixture("preamble_lineitems_us.csv");
    assert_eq!(file.header_line, 4);
    let m = suggest(&file);
    assert_eq!(m.kind, RecordKind::Invoices);
    let p = preview(&Ledger::new(), &file, &m, &Choices::default());
    assert_eq!(p.errors(), 0, "{:?}", p.problems);
    let usd = Currency::parse("USD").unwrap();
    let inv: Vec<(&str, NaiveDate, NaiveDate, Money)> = p.new_invoices.iter().map(|i| (i.number.as_str(), i.date, i.due, i.amount)).collect();
    assert_eq!(
        inv,
        [
            ("F-1", day(2026, 3, 1), day(2026, 3, 31), Money::new(d("1210.00"), usd)),
            ("F-2", day(2026, 2, 14), day(2026, 2, 14), Money::new(d("99.95"), usd)),
        ]
    );
    assert_eq!(
        texts(&p, Lang::Nl, Severity::Warning),
        ["Regel 7, kolom 6 (Vervaldatum): de vervaldatum 01-02-2026 ligt vóór de factuurdatum 14-02-2026; de factuurdatum wordt de vervaldatum."]
    );
    let notes = texts(&p, Lang::En, Severity::Note);
    assert!(notes.contains(&"Line 5, column 3 (Factuurnummer): invoice F-1 is on 2 lines with the same total; it was taken once.".to_string()), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("read as USD")), "{notes:?}");
    let names: Vec<&str> = p.new_customers.iter().map(|c| c.customer.name.as_str()).collect();
    assert_eq!(names, ["Bakkerij Jansen", "Garage de Vries"]);
    assert_eq!(p.new_customers[0].customer.email, "info@jansen.example");
    assert_eq!(p.new_customers[0].customer.number, "D0001");
    assert_eq!(p.new_customers[1].customer.number, "D0002");
}

#[test]
fn windows_1252_german_sap() {
    let file = fixture("sap_de_cp1252.csv");
    assert_eq!(file.encoding, Encoding::Windows1252);
    assert_eq!(file.headers[3], "Fälligkeit");
    let m = suggest(&file);
    let p = preview(&Ledger::new(), &file, &m, &Choices::default());
    assert_eq!(p.new_invoices.len(), 1);
    let i = &p.new_invoices[0];
    assert_eq!((i.number.as_str(), i.date, i.due, i.amount.amount), ("1200401780", day(2026, 1, 28), day(2026, 2, 27), d("1020.00")));
    assert_eq!(p.new_customers[0].customer.name, "Müller GmbH");
    assert_eq!(
        texts(&p, Lang::Nl, Severity::Error),
        ["Regel 3, kolom 5 (Betrag in Hauswährung): -115.65 is negatief (een creditnota), maar geen kolom noemt de factuur die wordt gecrediteerd."]
    );
}

#[test]
fn payments_with_an_ambiguous_date_column() {
    let file = fixture("payments_ambiguous.csv");
    let m = suggest_mapping(&file, RecordKind::Payments);
    use Target::*;
    assert_eq!(m.columns, [Some(CustomerName), Some(InvoiceNumber), Some(Amount), Some(PaymentDate)]);
    let mut l = Ledger::new();
    let c = l.add_customer(Customer::new("D0001", "Bakkerij Jansen")).unwrap();
    let usd = stipt::domain::Currency::parse("USD").unwrap();
    l.add_invoice(Invoice::new("F-1", c, day(2026, 3, 1), 30, Money::new(d("1210.00"), usd))).unwrap();
    // 04/05/2026 and 04/06/2026 fit both orders: a question, nothing read, nothing applied.
    let p = preview(&l, &file, &m, &Choices::default());
    assert!(p.is_empty());
    assert_eq!(
        p.questions,
        [Question::DateOrder { column: 4, header: "Date".into(), example: "04/05/2026".into(), as_day_month: day(2026, 5, 4), as_month_day: day(2026, 4, 5) }]
    );
    assert_eq!(
        Lang::Nl.import_question(&p.questions[0]),
        "Kolom 4 (Date): alle datums passen als dag-maand en als maand-dag. Is '04/05/2026' maandag 4 mei 2026 of zondag 5 april 2026?"
    );
    assert_eq!(apply(&l, &p), Err(ApplyError::Unanswered(1)));
    let answered = Choices { date_order: Some(DateOrder::MonthDay), skip_error_rows: true, ..Choices::default() };
    let p = preview(&l, &file, &m, &answered);
    assert!(p.questions.is_empty());
    assert_eq!(p.new_payments.len(), 1);
    assert_eq!(p.new_payments[0].date, day(2026, 4, 5));
    let kinds: Vec<&ProblemKind> = p.problems.iter().map(|x| &x.kind).collect();
    assert!(kinds.contains(&&ProblemKind::DuplicateRow { first_line: 2 }), "{kinds:?}");
    assert_eq!(texts(&p, Lang::En, Severity::Error), ["Line 4, column 3 (Amount): '($10.00)' is negative: a refund or reversal is not a payment received and is not imported."]);
    let l2 = apply(&l, &p).unwrap();
    assert!(l2.balances().values().all(|b| b.open().is_zero()));
    assert!(preview(&l2, &file, &m, &answered).new_payments.is_empty(), "a second import adds nothing");
}

#[test]
fn ambiguous_amounts_are_asked() {
    let file = parse(b"Factuurnr,Klant,Bedrag,Datum\n1,A,1.234,2026-01-01\n2,A,2.500,2026-01-02\n").unwrap();
    let m = suggest(&file);
    let p = preview(&Ledger::new(), &file, &m, &Choices::default());
    assert!(matches!(&p.questions[..], [Question::DecimalSep { column: 3, .. }]), "{:?}", p.questions);
    assert!(Lang::En.import_question(&p.questions[0]).contains("is '1.234' 1.234 (dot as decimal point) or 1234 (comma as decimal point)?"));
    for (sep, first) in [(DecimalSep::Comma, d("1234")), (DecimalSep::Dot, d("1.234"))] {
        let p = preview(&Ledger::new(), &file, &m, &Choices { decimal_sep: Some(sep), ..Choices::default() });
        assert_eq!(p.new_invoices[0].amount.amount, first);
    }
    // Another amount column of the file decides.
    let file = parse(b"Factuurnr,Klant,Bedrag,Saldo,Datum\n1,A,1.234,\"1.000,50\",2026-01-01\n").unwrap();
    let p = preview(&Ledger::new(), &file, &suggest(&file), &Choices::default());
    assert!(p.questions.is_empty());
    assert_eq!(p.new_invoices[0].amount.amount, d("1234"));
}

#[test]
fn month_names_and_details_column() {
    let file = fixture("monthnames.csv");
    let m = suggest(&file);
    let p = preview(&Ledger::new(), &file, &m, &Choices::default());
    let inv: Vec<(&str, NaiveDate, NaiveDate, Decimal)> = p.new_invoices.iter().map(|i| (i.number.as_str(), i.date, i.due, i.amount.amount)).collect();
    assert_eq!(inv, [("INV-7", day(2026, 1, 28), day(2026, 2, 27), d("1020.00")), ("INV-8", day(2026, 1, 28), day(2026, 2, 28), d("15.00"))]);
    assert_eq!(p.new_customers.len(), 1, "one customer by name");
}

#[test]
fn customers_file() {
    let file = fixture("customers_tab.csv");
    assert_eq!(file.delimiter, b'\t');
    let m = suggest(&file);
    assert_eq!(m.kind, RecordKind::Customers);
    let p = preview(&Ledger::new(), &file, &m, &Choices::default());
    assert_eq!(
        texts(&p, Lang::Nl, Severity::Error),
        [
            "Regel 4, kolom 4 (IBAN): 'NL00INVALID' is geen geldig IBAN.",
            "Regel 4, kolom 6 (Soort klant): 'anders' is hier geen geldige waarde.",
            "Regel 4, kolom 7 (Betaaltermijn): 'morgen' is geen betaaltermijn (een aantal dagen van 0 tot 365).",
        ]
    );
    let p = preview(&Ledger::new(), &file, &m, &Choices { skip_error_rows: true, ..Choices::default() });
    let l = apply(&Ledger::new(), &p).unwrap();
    let k1 = l.customer_by_number("K1").unwrap();
    assert_eq!((k1.iban.as_str(), k1.payment_term_days, k1.kind, k1.address.city.as_str()), ("NL91 ABNA 0417 1643 00", 14, CustomerKind::Business, "Utrecht"), "as written, checked");
    let k2 = l.customer_by_number("K2").unwrap();
    assert_eq!((k2.country.clone(), k2.kind, k2.payment_term_days), (Country::Be, CustomerKind::Consumer, 30));
    assert!(l.customer_by_number("K3").is_none());
    // Again: unchanged; a changed e-mail is an update of that field only.
    let p = preview(&l, &file, &m, &Choices { skip_error_rows: true, ..Choices::default() });
    assert!(p.is_empty());
    assert_eq!(p.unchanged, 2);
    let changed = parse(b"Klantnummer;Naam;E-mail\nK1;;nieuw@jansen.example\n").unwrap();
    let p = preview(&l, &changed, &suggest(&changed), &Choices::default());
    assert_eq!(p.updated_customers.len(), 1);
    assert_eq!(p.updated_customers[0].fields, [Target::Email]);
    let l = apply(&l, &p).unwrap();
    assert_eq!(l.customer_by_number("K1").unwrap().name, "Jansen B.V.", "an empty name does not erase");
}

#[test]
fn required_columns_and_rules_table() {
    // (file, kind, expected error texts in English)
    let rows: [(&str, RecordKind, &[&str]); 7] = [
        ("Klant,Bedrag\nA,1\n", RecordKind::Invoices, &[
            "Line 1: no column is mapped to 'Invoice number'; choose which column holds it.",
            "Line 1: no column is mapped to 'Invoice date'; choose which column holds it.",
        ]),
        ("Factuurnr,Datum,Bedrag\n1,2026-01-01,5\n", RecordKind::Invoices, &["Line 1: no column gives the customer (customer number or name); map a column to one of them."]),
        ("Factuurnr,Klant,Datum,Bedrag\n1,A,2026-01-01,\n", RecordKind::Invoices, &["Line 2, column 4 (Bedrag): Amount is empty; the row is not imported."]),
        ("Factuurnr,Klant,Factuurdatum,Bedrag\n1,A,2026-01-01,5\n2,A,gisteren,5\n", RecordKind::Invoices, &["Line 3, column 3 (Factuurdatum): 'gisteren' is not a date."]),
        ("Factuurnr,Klant,Datum,Bedrag,Valuta\n1,A,2026-01-01,5,EURO\n", RecordKind::Invoices, &["Line 2, column 5 (Valuta): 'EURO' is not a currency code (three letters, like EUR)."]),
        ("Betaaldatum,Bedrag,Klant\n2026-01-01,5,Onbekend\n", RecordKind::Payments, &["Line 2, column 3 (Klant): customer 'Onbekend' is not in the ledger; a payment does not create a customer."]),
        ("Factuurnr,Klant,Datum,Bedrag,Gecrediteerde factuur\nC1,A,2026-01-01,5,X9\n", RecordKind::Invoices, &["Line 2, column 5 (Gecrediteerde factuur): invoice 'X9' is not in the ledger or in this file."]),
    ];
    for (text, kind, expected) in rows {
        let file = parse(text.as_bytes()).unwrap();
        let p = preview(&Ledger::new(), &file, &suggest_mapping(&file, kind), &Choices::default());
        assert_eq!(texts(&p, Lang::En, Severity::Error), expected, "row {text:?}");
        assert!(apply(&Ledger::new(), &p).is_err());
    }
}

#[test]
fn credit_notes_and_line_sums() {
    let text = "Factuurnr;Klant;Datum;Regelbedrag;Gecrediteerde factuur\nF1;A;13-02-2026;100,00;\nF1;A;13-02-2026;21,00;\nC1;A;15-02-2026;-21,00;F1\n";
    let file = parse(text.as_bytes()).unwrap();
    let p = preview(&Ledger::new(), &file, &suggest(&file), &Choices::default());
    assert_eq!(p.errors(), 0, "{:?}", p.problems);
    let inv: Vec<(&str, Decimal, Option<&str>)> = p.new_invoices.iter().map(|i| (i.number.as_str(), i.amount.amount, i.credits.as_deref())).collect();
    assert_eq!(inv, [("F1", d("121.00"), None), ("C1", d("21.00"), Some("F1"))]);
    let l = apply(&Ledger::new(), &p).unwrap();
    let f1 = l.invoice_by_number("F1").unwrap().id;
    assert_eq!(l.balance(f1).unwrap().open(), d("100.00"));
    // A credit note larger than what is open is refused by the ledger, at its line.
    let text = "Factuurnr;Klant;Datum;Bedrag;Gecrediteerde factuur\nF1;A;13-02-2026;10,00;\nC1;A;15-02-2026;-21,00;F1\n";
    let file = parse(text.as_bytes()).unwrap();
    let p = preview(&Ledger::new(), &file, &suggest(&file), &Choices::default());
    let errors = texts(&p, Lang::Nl, Severity::Error);
    assert_eq!(errors, ["Regel 3: De creditnota (21.00) is meer dan er nog openstaat op factuur F1 (10.00)."]);
    assert_eq!(apply(&Ledger::new(), &p), Err(ApplyError::HasErrors(1)));
}

#[test]
fn due_date_from_the_customer_term() {
    let mut l = Ledger::new();
    let mut c = Customer::new("K1", "Jansen");
    c.payment_term_days = 14;
    l.add_customer(c).unwrap();
    l.settings.default_term_days = 45;
    let file = parse(b"Factuurnr,Klantnummer,Klantnaam,Datum,Bedrag\n1,K1,Jansen,2026-01-01,5\n2,K2,Nieuw,2026-01-01,5\n").unwrap();
    let p = preview(&l, &file, &suggest(&file), &Choices::default());
    let due: Vec<NaiveDate> = p.new_invoices.iter().map(|i| i.due).collect();
    assert_eq!(due, [day(2026, 1, 15), day(2026, 2, 15)]);
    assert_eq!(texts(&p, Lang::Nl, Severity::Note), ["Regel 1: 2 facturen hebben geen vervaldatum: factuurdatum plus de betaaltermijn van de klant."]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        exercise(&bytes);
    }

    #[test]
    fn near_csv_never_panics(text in "[a-zA-Z0-9 ,;\t|\"\r\n.€$()/:'=-]{0,300}",
                             header in prop::sample::select(vec![
                                 "Factuurnr,Klant,Datum,Vervaldatum,Bedrag,Saldo\n",
                                 "Date;Amount;Client;Invoice Number\n",
                                 "Klantnummer\tNaam\tIBAN\tBetaaltermijn\n",
                                 "",
                             ])) {
        exercise(format!("{header}{text}").as_bytes());
    }
}

fn exercise(bytes: &[u8]) {
    let Ok(file) = parse(bytes) else { return };
    let mut ledger = Ledger::new();
    let c = ledger.add_customer(Customer::new("1", "A")).unwrap();
    ledger.add_invoice(Invoice::new("1", c, day(2026, 1, 1), 30, Money::eur(d("10")))).unwrap();
    for kind in [RecordKind::Customers, RecordKind::Invoices, RecordKind::Payments] {
        let m = suggest_mapping(&file, kind);
        for choices in [
            Choices::default(),
            Choices { date_order: Some(DateOrder::MonthDay), decimal_sep: Some(DecimalSep::Comma), skip_error_rows: true },
        ] {
            let p = preview(&ledger, &file, &m, &choices);
            for pr in &p.problems {
                let _ = Lang::Nl.import_problem(pr);
            }
            if p.can_apply() {
                apply(&ledger, &p).expect("a preview that can apply applies");
            }
        }
    }
    let _ = suggest(&file);
}
