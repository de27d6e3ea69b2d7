//! Bank statements: camt.053/054 and the MT940 dialects, on the project's own fixtures in the
//! shapes of real bank files (CRLF, no XML declaration, prefixed roots, padded lines), errors with
//! line and column, balances, and a fuzz-style property per parser.

use std::str::FromStr;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::i18n::Lang;
use stipt::io::bank::{
    check_balances, parse_statement, BankError, BankErrorKind, Expected, Format, Mt940Bank, Statement, Transaction,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/bank/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn parse(name: &str) -> Vec<Statement> {
    parse_statement(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {}", Lang::En.bank_error(&e)))
}

fn amounts(s: &Statement) -> Vec<Decimal> {
    s.transactions.iter().map(|t| t.amount).collect()
}

#[test]
fn camt053_prefixed_crlf_batch_and_return() {
    let st = parse("camt053_prefixed_crlf.xml");
    assert_eq!(st.len(), 1);
    let s = &st[0];
    assert_eq!(s.format, Format::Camt053);
    assert_eq!(s.account, "NL91ABNA0417164300");
    assert_eq!(s.opening.as_ref().unwrap().amount, d("1000.00"));
    assert_eq!(s.closing.as_ref().unwrap().amount, d("1474.50"));
    // The batch of 550.00 is split into its two payments; the pending entry is left out.
    assert_eq!(amounts(s), vec![d("1210.00"), d("250.00"), d("300.00"), d("-75.50"), d("-1210.00")]);
    assert_eq!(check_balances(s), None);
    let t = &s.transactions[0];
    assert_eq!(t.counterparty_name, "Bakkerij De Korenschoof");
    assert_eq!(t.counterparty_iban, "NL38RABO0300000001");
    assert_eq!(t.remittance, "Factuur 2021-7");
    assert_eq!(t.end_to_end, "E2E-0001");
    assert_eq!(t.bank_reference, "BANKREF-1");
    assert_eq!(t.bank_code, "PMNT/RCDT/ESCT");
    assert_eq!(t.booking_date, day(2021, 3, 1));
    assert!(t.is_incoming_payment());
    let batch = &s.transactions[1..3];
    assert_eq!(batch[0].end_to_end, "", "NOTPROVIDED is no reference");
    assert_eq!(batch[0].remittance, "2021-8");
    assert_eq!(batch[1].remittance, "nota 2021-9", "a structured creditor reference");
    assert_ne!(batch[0].line, batch[1].line, "each TxDtls has its own line");
    let debit = &s.transactions[3];
    assert_eq!(debit.counterparty_name, "Energie & Water BV", "for a debit the counterparty is the creditor");
    let ret = &s.transactions[4];
    assert!(ret.reversal && ret.is_return() && !ret.is_incoming_payment());
    assert_eq!(ret.return_reason.as_deref(), Some("AC06"));
}

#[test]
fn camt054_notification_with_declaration() {
    let st = parse("camt054_notification.xml");
    assert_eq!(st.len(), 1);
    let s = &st[0];
    assert_eq!(s.format, Format::Camt054);
    assert!(s.opening.is_none() && s.closing.is_none());
    assert_eq!(check_balances(s), None);
    let t = &s.transactions[0];
    assert_eq!(t.amount, d("99.95"));
    assert_eq!(t.booking_date, day(2021, 3, 5), "a DtTm booking date");
    assert_eq!(t.counterparty_iban, "BE68539007547034", "spaces in the IBAN are dropped");
    assert_eq!(t.counterparty_name, "Brasserie Zuid");
    assert_eq!(t.remittance, "+++090/9337/55493+++");
    assert_eq!(t.end_to_end, "BE-100");
}

/// One row per MT940 dialect: statements, transactions per statement, totals, and one
/// transaction's parsed details.
#[test]
fn mt940_dialects_table() {
    struct Row {
        file: &'static str,
        bank: Mt940Bank,
        account: &'static str,
        per_statement: Vec<usize>,
        amounts: Vec<&'static str>,
        closing: Vec<Option<&'static str>>,
        /// (index over all transactions, name, iban, remittance, end-to-end)
        detail: (usize, &'static str, &'static str, &'static str, &'static str),
    }
    let rows = vec![
        Row {
            file: "mt940_rabobank.swi",
            bank: Mt940Bank::Rabobank,
            account: "NL44RABO0123456789",
            per_statement: vec![2, 0],
            amounts: vec!["500.00", "-20.00"],
            closing: vec![Some("1480.00"), Some("1480.00")],
            detail: (0, "Bakkerij De Korenschoof", "NL38RABO0300000001", "Factuur 2021-71 bedankt", "E2E-77"),
        },
        Row {
            file: "mt940_ing.sta",
            bank: Mt940Bank::Ing,
            account: "NL20INGB0001234567",
            per_statement: vec![2],
            amounts: vec!["250.00", "-250.00"],
            closing: vec![Some("100.00")],
            detail: (0, "Garage Hoek", "NL36INGB0007654321", "Factuur 2021-8", "E2E-ING-1"),
        },
        Row {
            file: "mt940_abnamro.sta",
            bank: Mt940Bank::AbnAmro,
            account: "NL91ABNA0417164300",
            per_statement: vec![1],
            amounts: vec!["121"],
            closing: vec![Some("1121.00")],
            detail: (0, "BAKKERIJ DE KORENSCHOOF", "NL38RABO0300000001", "FACTUUR 2021-7 DEELBETALING", ""),
        },
        Row {
            file: "mt940_abnamro_legacy.sta",
            bank: Mt940Bank::AbnAmroLegacy,
            account: "417164300",
            per_statement: vec![3],
            amounts: vec!["250", "-11.5", "-15"],
            closing: vec![Some("723.50")],
            detail: (0, "GARAGE HOEK", "", "BETALINGSKENM. 2021-8 FACTUUR 2021-8 OMSCHRIJVING", ""),
        },
        Row {
            file: "mt940_sns.940",
            bank: Mt940Bank::Sns,
            account: "NL22SNSB0912345678",
            per_statement: vec![2, 1],
            amounts: vec!["300", "-10.18", "-35.00"],
            closing: vec![Some("1289.82"), None],
            detail: (0, "garage hoek", "NL36INGB0007654321", "Factuur 2021-9 en dank", ""),
        },
        Row {
            file: "mt940_knab.txt",
            bank: Mt940Bank::Knab,
            account: "NL60KNAB0255512345",
            per_statement: vec![1],
            amounts: vec!["300.00"],
            closing: vec![Some("300.00")],
            detail: (0, "Garage Hoek", "NL36INGB0007654321", "Betaling nota 2021-9", ""),
        },
    ];
    for r in rows {
        let st = parse(r.file);
        let name = r.file;
        assert_eq!(st.iter().map(|s| s.transactions.len()).collect::<Vec<_>>(), r.per_statement, "{name}");
        assert!(st.iter().all(|s| s.format == Format::Mt940(r.bank)), "{name}: {:?}", st[0].format);
        assert!(st.iter().all(|s| s.account == r.account), "{name}: {}", st[0].account);
        let all: Vec<&Transaction> = st.iter().flat_map(|s| &s.transactions).collect();
        let got: Vec<Decimal> = all.iter().map(|t| t.amount).collect();
        assert_eq!(got, r.amounts.iter().map(|a| d(a)).collect::<Vec<_>>(), "{name}");
        let closing: Vec<Option<Decimal>> = st.iter().map(|s| s.closing.as_ref().map(|b| b.amount)).collect();
        assert_eq!(closing, r.closing.iter().map(|c| c.map(d)).collect::<Vec<_>>(), "{name}");
        assert!(st.iter().all(|s| check_balances(s).is_none()), "{name}: the fixture's balances add up");
        let (i, cp, iban, remittance, e2e) = r.detail;
        let t = all[i];
        assert_eq!(
            (t.counterparty_name.as_str(), t.counterparty_iban.as_str(), t.remittance.as_str(), t.end_to_end.as_str()),
            (cp, iban, remittance, e2e),
            "{name}"
        );
    }
}

#[test]
fn mt940_details_dates_reversals_and_lines() {
    let ing = parse("mt940_ing.sta");
    let rev = &ing[0].transactions[1];
    assert!(rev.reversal, "RD is a reversal");
    assert_eq!(rev.return_reason.as_deref(), Some("MS03"));
    assert_eq!(rev.bank_reference, "2103021234");
    assert_eq!(rev.bank_code, "NRTI");
    assert_eq!(rev.line, 10);
    let rabo = parse("mt940_rabobank.swi");
    assert_eq!(rabo[0].transactions[0].line, 6, "CRLF lines are counted once");
    assert_eq!(rabo[0].transactions[1].remittance, "Periode 01-01-2021 t/m 28-02-2021");
    let sns = parse("mt940_sns.940");
    assert_eq!(sns[0].transactions[1].counterparty_name, "Jumbo Wijchen B.V.", "a card payment's shop");
    assert!(sns[1].closing.is_none(), "the last statement has no closing balance");
    assert_eq!(sns[1].transactions[0].remittance, "Europese incasso door:ENERGIE EN WATER BV NL-Termijn maart 2021- Incassant ID: NL84ZZZ050695810000");
    let legacy = parse("mt940_abnamro_legacy.sta");
    let t = &legacy[0].transactions;
    assert_eq!(t[0].counterparty_account, "7654321");
    assert_eq!(t[1].counterparty_name, "DIRCKIII FIL2500 KATWIJK");
    assert_eq!((t[2].counterparty_account.as_str(), t[2].counterparty_name.as_str()), ("528939882", "MYCOM DEN HAAG"));
    assert_eq!(t[0].booking_date, day(2011, 5, 24));
    // An entry date in January for a value date in December belongs to the next year.
    let text = ":20:X\n:25:NL44RABO0123456789\n:60F:C201231EUR0,00\n:61:2012310104C1,00NTRFNONREF\n:62F:C210104EUR1,00\n";
    let s = parse_statement(text.as_bytes()).unwrap();
    assert_eq!((s[0].transactions[0].value_date, s[0].transactions[0].booking_date), (day(2020, 12, 31), day(2021, 1, 4)));
}

#[test]
fn balances_that_do_not_add_up_are_reported_not_refused() {
    let text = ":20:X\r\n:25:NL44RABO0123456789 EUR\r\n:60F:C210101EUR100,00\r\n:61:210101C10,00N541NONREF\r\n:62F:C210101EUR120,00\r\n";
    let st = parse_statement(text.as_bytes()).unwrap();
    let m = check_balances(&st[0]).expect("a mismatch");
    assert_eq!((m.opening, m.entries, m.expected_closing, m.closing, m.difference()), (d("100"), d("10"), d("110"), d("120"), d("10")));
    let nl = Lang::Nl.balance_mismatch(&m);
    assert!(nl.contains("€ 110,00") && nl.contains("€ 120,00"), "{nl}");
}

#[test]
fn empty_statement_and_missing_closing_balance() {
    let text = ":20:A\n:25:NL44RABO0123456789\n:60F:C210101EUR5,00\n:62F:C210101EUR5,00\n:20:B\n:25:NL44RABO0123456789\n:60F:C210102EUR5,00\n:61:210102C1,00N541NONREF\n";
    let st = parse_statement(text.as_bytes()).unwrap();
    assert_eq!(st.len(), 2);
    assert!(st[0].transactions.is_empty());
    assert!(st[1].closing.is_none());
    assert_eq!(check_balances(&st[1]), None);
}

/// Every error names the line and column and what was expected.
#[test]
fn errors_table() {
    let rows: Vec<(&str, &[u8], usize, usize, BankErrorKind)> = vec![
        ("empty", b"  \n ", 1, 1, BankErrorKind::Empty),
        ("not a statement", b"hello\nworld", 1, 1, BankErrorKind::UnknownFormat),
        (
            "amount after C",
            b":20:X\n:25:NL44RABO0123456789\n:60F:C210101EUR5,00\n:61:210101CXY1,00N541NONREF\n",
            4,
            12,
            BankErrorKind::Expected { what: Expected::Amount, after: Some("C".into()), found: "XY1,00N541NO".into() },
        ),
        (
            "bad mark",
            b":20:X\n:25:NL44RABO0123456789\n:61:210101X1,00N541NONREF\n",
            3,
            11,
            BankErrorKind::Expected { what: Expected::CreditDebit, after: Some("210101".into()), found: "X1,00N541NON".into() },
        ),
        (
            "bad date",
            b":20:X\n:25:NL44RABO0123456789\n:60F:C219901EUR5,00\n",
            3,
            7,
            BankErrorKind::Expected { what: Expected::Date, after: Some("C".into()), found: "219901EUR5,0".into() },
        ),
        (
            "type missing",
            b":20:X\n:61:210101C1,00XYZ\n",
            2,
            16,
            BankErrorKind::Expected { what: Expected::TransactionType, after: Some("1,00".into()), found: "XYZ".into() },
        ),
        (
            "entry before statement",
            b":25:NL44RABO0123456789\n:60F:C210101EUR5,00\n:20:X\n\n\n:86:hello\n:61:210101C1,00N541NONREF\n:20:Y\n",
            0,
            0,
            BankErrorKind::Empty,
        ),
        (
            "camt amount",
            b"<Document><BkToCstmrStmt><Stmt>\n  <Ntry><Amt Ccy=\"EUR\">12,50</Amt></Ntry></Stmt></BkToCstmrStmt></Document>",
            2,
            9,
            BankErrorKind::Expected { what: Expected::Amount, after: Some("Amt".into()), found: "12,50".into() },
        ),
        (
            "camt direction",
            b"<Document><BkToCstmrStmt><Stmt><Ntry>\n<Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>UP</CdtDbtInd></Ntry></Stmt></BkToCstmrStmt></Document>",
            2,
            23,
            BankErrorKind::Expected { what: Expected::CreditDebit, after: Some("CdtDbtInd".into()), found: "UP".into() },
        ),
        (
            "camt truncated",
            b"<Document><BkToCstmrStmt><Stmt>",
            1,
            32,
            BankErrorKind::Truncated { open: "Stmt".into() },
        ),
        (
            "an invoice is no statement",
            b"<?xml version=\"1.0\"?>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"/>",
            2,
            1,
            BankErrorKind::NotAStatement { found: "Invoice".into() },
        ),
    ];
    for (name, bytes, line, column, kind) in rows {
        if name == "entry before statement" {
            // A statement may start implicitly at :25:/:60F:, so this file is fine.
            assert!(parse_statement(bytes).is_ok(), "{name}");
            continue;
        }
        let err = parse_statement(bytes).expect_err(name);
        assert_eq!(err, BankError { line, column, kind }, "{name}: {}", Lang::Nl.bank_error(&err));
    }
    let err = parse_statement(b":20:X\n:86:info\n:61:21").unwrap_err();
    assert_eq!((err.line, err.column), (3, 5), "a :61: with a short date");
    let orphan = parse_statement(b"header\n:61:210101C1,00N541NONREF\n:20:X\n:25:NL44RABO0123456789\n").unwrap_err();
    assert_eq!(orphan.kind, BankErrorKind::Expected { what: Expected::StatementStart, after: None, found: ":61:".into() });
    assert_eq!((orphan.line, orphan.column), (2, 5));
}

#[test]
fn error_text_in_both_languages() {
    let err = parse_statement(b":20:X\n:25:NL44RABO0123456789\n:60F:C210101EUR5,00\n:61:210101CXY1,00N541NONREF\n").unwrap_err();
    assert_eq!(Lang::Nl.bank_error(&err), "Regel 4, kolom 12: verwacht een bedrag na 'C', gevonden 'XY1,00N541NO'");
    assert_eq!(Lang::En.bank_error(&err), "Line 4, column 12: expected an amount after 'C', found 'XY1,00N541NO'");
}

fn all_fixtures() -> Vec<Vec<u8>> {
    [
        "camt053_prefixed_crlf.xml",
        "camt054_notification.xml",
        "mt940_rabobank.swi",
        "mt940_ing.sta",
        "mt940_abnamro.sta",
        "mt940_abnamro_legacy.sta",
        "mt940_sns.940",
        "mt940_knab.txt",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_statement(&bytes);
        let mut tagged = b":20:X\n:61:".to_vec();
        tagged.extend(&bytes);
        let _ = parse_statement(&tagged);
    }

    #[test]
    fn mutated_fixtures_never_panic(which in 0usize..8, cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut bytes = all_fixtures().swap_remove(which);
        for (at, byte, op) in cuts {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.truncate(i),
            }
        }
        if let Err(e) = parse_statement(&bytes) {
            prop_assert!(e.line >= 1 && e.column >= 1, "{:?}", e);
            let _ = Lang::Nl.bank_error(&e);
        }
    }
}
