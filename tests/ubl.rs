//! UBL import: reading Peppol BIS 3 / NLCIUS invoices and credit notes (own fixtures), errors with
//! line and column, preview (customers by VAT then name, duplicates skipped, credit notes), apply
//! all or nothing, and a fuzz-style property.

use std::str::FromStr;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use stipt::domain::{Country, Customer, DomainError, Invoice, Ledger, Money};
use stipt::i18n::Lang;
use stipt::io::ubl::{
    apply_ubl, parse_ubl, preview_ubl, CreditTarget, CustomerMatch, CustomerRef, SkipReason, UblApplyError,
    UblDocument, UblError, UblErrorKind, UblKind, UblProblem,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, m, dd).unwrap()
}

const FILES: [&str; 4] = ["peppol_invoice.xml", "nlcius_prepaid_crlf.xml", "creditnote.xml", "invoice_terms_only.xml"];

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/ubl/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn doc(name: &str) -> UblDocument {
    parse_ubl(&bytes(name)).unwrap_or_else(|e| panic!("{name}: {}", Lang::En.ubl_error(&e)))
}

fn ledger() -> Ledger {
    let mut l = Ledger::new();
    let mut bakker = Customer::new("D0001", "Bakkerij De Korenschoof");
    bakker.vat_number = "NL001234567B01".into();
    l.add_customer(bakker).unwrap();
    let mut garage = Customer::new("D0002", "Garage Hoek");
    garage.payment_term_days = 14;
    l.add_customer(garage).unwrap();
    l
}

#[test]
fn reads_the_fixtures() {
    let p = doc("peppol_invoice.xml");
    assert_eq!((p.kind, p.number.as_str(), p.issue_date, p.due_date), (UblKind::Invoice, "2021-101", day(3, 1), Some(day(3, 31))));
    assert_eq!((p.payable, p.currency.code(), p.payment_reference.as_str()), (d("1210.00"), "EUR", "RF18 5390 0754 7034"));
    let b = &p.buyer;
    assert_eq!((b.name.as_str(), b.registration_name.as_str()), ("Bakkerij De Korenschoof", "Bakkerij De Korenschoof B.V."));
    assert_eq!((b.vat_number.as_str(), b.endpoint_id.as_str(), b.company_id.as_str()), ("NL001234567B01", "12345678", "12345678"));
    assert_eq!((b.country.as_str(), b.email.as_str(), b.phone.as_str(), b.contact_name.as_str()), ("NL", "jan@example.nl", "030-1234567", "Jan Jansen"));
    assert_eq!((b.address.street.as_str(), b.address.postcode.as_str(), b.address.city.as_str()), ("Dorpsstraat 1", "3511 AA", "Utrecht"));

    let n = doc("nlcius_prepaid_crlf.xml");
    assert_eq!(n.number, "2021-102", "a prefixed root without XML declaration, CRLF");
    assert_eq!(n.due_date, Some(day(4, 15)), "PaymentMeans/PaymentDueDate");
    assert_eq!((n.payable, n.prepaid), (d("500.00"), Some(d("105.00"))), "PayableAmount, not TaxInclusiveAmount");
    assert!(n.buyer.vat_number.is_empty());

    let c = doc("creditnote.xml");
    assert_eq!((c.kind, c.credits.as_deref(), c.payable, c.due_date), (UblKind::CreditNote, Some("2021-101"), d("121.00"), None));

    let t = doc("invoice_terms_only.xml");
    assert_eq!((t.due_date, t.payable), (None, d("99.95")), "only a payment terms note; TaxInclusiveAmount without PayableAmount");
}

#[test]
fn errors_table() {
    let rows: Vec<(&str, &str, usize, usize, UblErrorKind)> = vec![
        ("empty", " \n", 1, 1, UblErrorKind::Empty),
        ("not xml", "<Invoice><ID>1</Invoice>", 1, 15, UblErrorKind::NotXml { detail: String::new() }),
        ("truncated", "<Invoice>\n<cbc:ID>1</cbc:ID>", 2, 19, UblErrorKind::Truncated { open: "Invoice".into() }),
        ("bank statement", "<Document><BkToCstmrStmt/></Document>", 1, 1, UblErrorKind::NotUbl { root: "Document".into() }),
        ("no issue date", "<Invoice>\n  <ID>F1</ID>\n</Invoice>", 1, 1, UblErrorKind::Missing { element: "IssueDate" }),
        ("empty number", "<Invoice>\n  <ID> </ID>\n</Invoice>", 2, 3, UblErrorKind::Missing { element: "ID" }),
        ("bad date", "<Invoice><ID>F1</ID>\n<IssueDate>01-03-2021</IssueDate></Invoice>", 2, 1,
            UblErrorKind::BadDate { element: "IssueDate", found: "01-03-2021".into() }),
        ("bad currency", "<Invoice><ID>F1</ID><IssueDate>2021-03-01</IssueDate>\n<DocumentCurrencyCode>EURO</DocumentCurrencyCode></Invoice>", 2, 1,
            UblErrorKind::BadCurrency { found: "EURO".into() }),
        ("no total", "<Invoice><ID>F1</ID><IssueDate>2021-03-01</IssueDate></Invoice>", 1, 1, UblErrorKind::Missing { element: "LegalMonetaryTotal" }),
        ("bad amount", "<Invoice><ID>F1</ID><IssueDate>2021-03-01</IssueDate><LegalMonetaryTotal>\n  <PayableAmount>1.210,00</PayableAmount></LegalMonetaryTotal></Invoice>", 2, 3,
            UblErrorKind::BadAmount { element: "PayableAmount", found: "1.210,00".into() }),
        ("credit note without invoice", "<CreditNote><ID>C1</ID><IssueDate>2021-03-01</IssueDate><LegalMonetaryTotal><PayableAmount>1</PayableAmount></LegalMonetaryTotal></CreditNote>", 1, 1,
            UblErrorKind::NoInvoiceReference),
        ("no buyer", "<Invoice><ID>F1</ID><IssueDate>2021-03-01</IssueDate><LegalMonetaryTotal><PayableAmount>1</PayableAmount></LegalMonetaryTotal></Invoice>", 1, 1,
            UblErrorKind::Missing { element: "AccountingCustomerParty" }),
    ];
    for (name, text, line, column, kind) in rows {
        let err = parse_ubl(text.as_bytes()).expect_err(name);
        let shown = Lang::Nl.ubl_error(&err);
        assert!(shown.starts_with(&format!("Regel {line}, kolom {column}: ")), "{name}: {shown}");
        match (&err.kind, &kind) {
            (UblErrorKind::NotXml { .. }, UblErrorKind::NotXml { .. }) => {}
            _ => assert_eq!(err, UblError { line, column, kind }, "{name}"),
        }
        assert_eq!((err.line, err.column), (line, column), "{name}");
    }
}

#[test]
fn preview_and_apply() {
    let l = ledger();
    let docs: Vec<UblDocument> = FILES.iter().map(|f| doc(f)).collect();
    let pv = preview_ubl(&l, &docs);
    assert!(pv.problems.is_empty(), "{:?}", pv.problems);
    assert!(pv.skipped.is_empty());
    // Bakkerij by VAT, Garage Hoek by name ("GARAGE  hoek"), Brasserie Zuid is new.
    assert_eq!(pv.new_customers.len(), 1);
    let new = &pv.new_customers[0];
    assert_eq!((new.name.as_str(), new.number.as_str(), new.country.clone()), ("Brasserie Zuid", "D0003", Country::Be));
    assert_eq!((new.vat_number.as_str(), new.email.as_str()), ("BE0123456749", "zuid@example.be"));
    let by_file = |f: usize| pv.documents.iter().find(|p| p.file == f).unwrap();
    assert_eq!(by_file(0).matched_by, CustomerMatch::Vat);
    assert_eq!(by_file(1).matched_by, CustomerMatch::Name);
    assert_eq!(by_file(2).matched_by, CustomerMatch::Vat, "VAT compared on letters and digits");
    assert_eq!((by_file(3).matched_by, by_file(3).customer), (CustomerMatch::New, CustomerRef::New(0)));
    assert_eq!(by_file(2).credits, Some(CreditTarget::New(0)), "the credit note corrects an invoice of this import");
    assert_eq!(by_file(1).invoice.reference, "1234 5678 9012 3456");
    assert_eq!(by_file(3).invoice.due, day(4, 2), "no due date: the new customer's 30 days");
    assert!(by_file(3).due_from_term);

    let applied = apply_ubl(&l, &pv).unwrap();
    assert_eq!(applied.customers().count(), 3);
    assert_eq!(applied.invoices().count(), 4);
    let inv = applied.invoice_by_number("2021-101").unwrap();
    assert_eq!(applied.balance(inv.id).unwrap().open(), d("1089.00"), "the credit note reduces the open amount");
    assert_eq!(applied.invoice_by_number("2021-102").unwrap().amount, Money::eur(d("500.00")));
    assert_eq!(l.invoices().count(), 0, "the ledger passed in is untouched");

    // A second import adds nothing.
    let again = preview_ubl(&applied, &docs);
    assert!(again.documents.is_empty() && again.new_customers.is_empty() && again.problems.is_empty());
    assert_eq!(again.skipped.len(), 4);
    assert!(again.skipped.iter().all(|s| s.reason == SkipReason::AlreadyPresent));
    assert_eq!(apply_ubl(&applied, &again).unwrap(), applied);
}

#[test]
fn credit_note_problems_and_numbering() {
    let l = ledger();
    // A credit note whose invoice is unknown is a precise problem, and nothing is applied.
    let pv = preview_ubl(&l, &[doc("creditnote.xml")]);
    assert_eq!(pv.problems, vec![UblProblem::UnknownInvoice { file: 0, number: "CN-2021-1".into(), credits: "2021-101".into() }]);
    assert_eq!(
        Lang::Nl.ubl_problem(&pv.problems[0]),
        "Creditnota CN-2021-1 corrigeert factuur 2021-101, maar die factuur staat niet in de administratie en niet in deze import"
    );
    assert_eq!(apply_ubl(&l, &pv), Err(UblApplyError::HasProblems(1)));
    // The same file twice in one import: the first counts.
    let inv = doc("peppol_invoice.xml");
    let pv = preview_ubl(&l, &[inv.clone(), inv.clone()]);
    assert_eq!(pv.documents.len(), 1);
    assert_eq!(pv.skipped[0].reason, SkipReason::DuplicateInImport { first: 0 });
    // A credit note numbered like its invoice (as in the Peppol examples) gets "-CN".
    let mut cn = doc("creditnote.xml");
    cn.number = "2021-101".into();
    let pv = preview_ubl(&l, &[inv.clone(), cn.clone()]);
    assert!(pv.problems.is_empty(), "{:?}", pv.problems);
    assert_eq!(pv.documents[1].invoice.number, "2021-101-CN");
    assert_eq!(pv.documents[1].renamed_from.as_deref(), Some("2021-101"));
    let applied = apply_ubl(&l, &pv).unwrap();
    let again = preview_ubl(&applied, &[inv.clone(), cn.clone()]);
    assert_eq!(again.skipped.len(), 2, "{:?}", again);
    // A credit note for more than is open is refused by the ledger's rule, in the preview.
    let mut big = doc("creditnote.xml");
    big.payable = d("5000");
    let pv = preview_ubl(&l, &[inv.clone(), big]);
    assert!(matches!(&pv.problems[..], [UblProblem::Refused { error: DomainError::CreditExceedsOpen { .. }, .. }]), "{:?}", pv.problems);
    // Nothing to pay: skipped. A negative amount: a problem.
    let mut zero = inv.clone();
    zero.payable = Decimal::ZERO;
    let mut negative = inv.clone();
    negative.number = "2021-999".into();
    negative.payable = d("-1");
    let pv = preview_ubl(&l, &[zero, negative]);
    assert_eq!(pv.skipped[0].reason, SkipReason::NothingPayable);
    assert!(matches!(pv.problems[..], [UblProblem::NegativeAmount { .. }]));
}

#[test]
fn apply_refuses_when_the_ledger_changed_and_changes_nothing() {
    let l = ledger();
    let pv = preview_ubl(&l, &[doc("invoice_terms_only.xml"), doc("peppol_invoice.xml")]);
    let mut changed = l.clone();
    let c = changed.customers().next().unwrap().id;
    changed.add_invoice(Invoice::new("2021-101", c, day(1, 1), 30, Money::eur(d("1")))).unwrap();
    let err = apply_ubl(&changed, &pv).unwrap_err();
    assert_eq!(err, UblApplyError::Refused { number: "2021-101".into(), error: DomainError::DuplicateInvoiceNumber("2021-101".into()) });
    assert!(Lang::Nl.ubl_apply_error(&err).contains("2021-101"));
    assert_eq!(changed.customers().count(), 2, "the new customer of the first document is not kept");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_ubl(&bytes);
        let mut wrapped = b"<Invoice>".to_vec();
        wrapped.extend(&bytes);
        let _ = parse_ubl(&wrapped);
    }

    #[test]
    fn mutated_fixtures_never_panic(which in 0usize..4, cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut b = bytes(FILES[which]);
        for (at, byte, op) in cuts {
            if b.is_empty() { break; }
            let i = at.index(b.len());
            match op {
                0 => b[i] = byte,
                1 => { b.remove(i); }
                _ => b.truncate(i),
            }
        }
        match parse_ubl(&b) {
            Ok(doc) => { let _ = preview_ubl(&ledger(), &[doc]); }
            Err(e) => prop_assert!(e.line >= 1 && e.column >= 1, "{:?}", e),
        }
    }
}
