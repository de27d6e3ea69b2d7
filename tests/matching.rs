//! Payment matching: one table row per rule, then booking, re-import, reversal and the
//! all-or-nothing guarantee.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{Currency, Customer, CustomerId, DomainError, Invoice, InvoiceId, Ledger, Money, Payment};
use stipt::engine::matching::{book, propose, AcceptedMatch, Reason, Verdict};
use stipt::i18n::Lang;
use stipt::io::bank::{parse_statement, Format, Statement, Transaction};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, m, dd).unwrap()
}

struct Book {
    ledger: Ledger,
    c: Vec<CustomerId>,
}

impl Book {
    fn inv(&self, number: &str) -> InvoiceId {
        self.ledger.invoice_by_number(number).unwrap().id
    }
}

/// Customers and invoices of the table below.
fn ledger() -> Book {
    let mut l = Ledger::new();
    let mut c = Vec::new();
    for (no, name, iban) in [
        ("D1", "Bakkerij De Korenschoof", "NL38 RABO 0300 0000 01"),
        ("D2", "Garage Hoek", "NL36INGB0007654321"),
        ("D3", "Brasserie Zuid", "BE68 5390 0754 7034"),
        ("D4", "Drukkerij Vos", ""),
        ("D5", "Tweeling A", ""),
        ("D6", "Tweeling B", ""),
    ] {
        let mut cu = Customer::new(no, name);
        cu.iban = iban.into();
        c.push(l.add_customer(cu).unwrap());
    }
    let mut add = |no: &str, cust: usize, date: NaiveDate, amount: &str, reference: &str| {
        let mut i = Invoice::new(no, c[cust], date, 30, Money::eur(d(amount)));
        i.reference = reference.into();
        l.add_invoice(i).unwrap()
    };
    add("2020-1", 0, day(1, 1), "100.00", "");
    add("2021-7", 0, day(1, 1), "1210.00", "");
    add("2021-71", 0, day(1, 15), "500.00", "");
    add("2021-70", 0, day(1, 20), "80.00", "");
    add("2021-8", 1, day(2, 1), "250.00", "");
    add("2021-9", 1, day(2, 10), "300.00", "");
    let big = add("2021-10", 1, day(2, 12), "450.00", "");
    add("BE-100", 2, day(2, 1), "99.95", "+++090/9337/55493+++");
    add("2021-20", 3, day(2, 1), "777.77", "RF18 5390 0754 7034");
    add("INV-A7", 3, day(2, 2), "10.00", "");
    add("T-1", 4, day(2, 1), "640.00", "");
    add("T-2", 5, day(2, 1), "640.00", "");
    // A credit note reduces what is open on 2021-10 to 350.00.
    let target = l.invoice(big).unwrap().clone();
    l.add_invoice(Invoice::credit_note("CN-1", &target, day(2, 20), Money::eur(d("100.00")))).unwrap();
    // 2020-1 is paid.
    let inv = l.invoice_by_number("2020-1").unwrap().id;
    let p = Payment::new(c[0], day(1, 20), Money::eur(d("100.00")), vec![stipt::domain::Allocation { invoice: inv, amount: d("100.00") }]).unwrap();
    l.add_payment(p).unwrap();
    Book { ledger: l, c }
}

fn tx(amount: &str, remittance: &str, iban: &str) -> Transaction {
    Transaction {
        line: 1,
        booking_date: day(3, 1),
        value_date: day(3, 1),
        amount: d(amount),
        currency: Currency::EUR,
        reversal: false,
        return_reason: None,
        counterparty_name: "Payer".into(),
        counterparty_iban: iban.into(),
        counterparty_account: iban.into(),
        remittance: remittance.into(),
        end_to_end: String::new(),
        bank_reference: String::new(),
        bank_code: String::new(),
    }
}

fn statement(transactions: Vec<Transaction>) -> Statement {
    Statement {
        format: Format::Camt053,
        id: "S1".into(),
        account: "NL91ABNA0417164300".into(),
        currency: Currency::EUR,
        opening: None,
        closing: None,
        transactions,
        line: 1,
    }
}

const C1: &str = "NL38RABO0300000001";
const C2: &str = "NL36INGB0007654321";

#[derive(Debug, PartialEq)]
enum V {
    Certain,
    Unsure,
    Unmatched,
}

#[test]
fn matching_rules_table() {
    let b = ledger();
    type Check = fn(&[Reason]) -> bool;
    /// (rule, amount, remittance, iban, verdict, customer index, allocations (number, amount), reason check)
    type Row = (&'static str, &'static str, &'static str, &'static str, V, Option<usize>, Vec<(&'static str, &'static str)>, Check);
    let rows: Vec<Row> = vec![
        ("number and amount", "1210.00", "Factuur 2021-7", C1, V::Certain, Some(0), vec![("2021-7", "1210.00")],
            |r| r.iter().any(|x| matches!(x, Reason::InvoiceNamed { number, .. } if number == "2021-7"))
                && r.iter().any(|x| matches!(x, Reason::AmountEqualsNamed { .. }))
                && r.iter().any(|x| matches!(x, Reason::IbanMatches { .. }))),
        ("2021-7 is not inside 2021-71", "500.00", "Factuur 2021-71", "", V::Certain, Some(0), vec![("2021-71", "500.00")],
            |r| !r.iter().any(|x| matches!(x, Reason::InvoiceNamed { number, .. } if number == "2021-7"))),
        ("no number inside a longer token", "500.00", "ref X2021-7 2021-712", "", V::Unsure, Some(0), vec![("2021-71", "500.00")],
            |r| r.iter().any(|x| matches!(x, Reason::AmountMatchesOnlyInvoice { number, .. } if number == "2021-71"))),
        ("punctuation around a number", "1210", "fact.nr.:2021-7.", "", V::Certain, Some(0), vec![("2021-7", "1210")], |_| true),
        ("case is ignored", "10.00", "inv-a7", "", V::Certain, Some(3), vec![("INV-A7", "10.00")], |_| true),
        ("one payment for two invoices", "550.00", "2021-8 en 2021-9", C2, V::Certain, Some(1), vec![("2021-8", "250.00"), ("2021-9", "300.00")],
            |r| r.iter().any(|x| *x == Reason::AmountEqualsNamed { open: d("550.00") })),
        ("a credit note reduces the open amount", "350.00", "factuur 2021-10", C2, V::Certain, Some(1), vec![("2021-10", "350.00")], |_| true),
        ("the full amount of a credited invoice is wrong", "450.00", "factuur 2021-10", C2, V::Unsure, Some(1), vec![("2021-10", "350.00"), ("2021-8", "100.00")],
            |r| r.iter().any(|x| matches!(x, Reason::Overpayment { open, paid } if *open == d("350") && *paid == d("450")))),
        ("partial payment", "100.00", "2021-8", C2, V::Unsure, Some(1), vec![("2021-8", "100.00")],
            |r| r.iter().any(|x| *x == Reason::PartialPayment { open: d("250.00"), paid: d("100.00") })),
        ("partial over two named, oldest first", "300.00", "2021-9 2021-8", C2, V::Unsure, Some(1), vec![("2021-8", "250.00"), ("2021-9", "50.00")], |_| true),
        ("overpayment: named first, then oldest", "1300.00", "2021-7", C1, V::Unsure, Some(0), vec![("2021-7", "1210.00"), ("2021-71", "90.00")],
            |r| r.iter().any(|x| *x == Reason::Overpayment { open: d("1210.00"), paid: d("1300.00") })),
        ("one cent short is not certain", "1209.99", "2021-7", C1, V::Unsure, Some(0), vec![("2021-7", "1209.99")], |_| true),
        ("IBAN and the amount of one invoice", "300.00", "betaling", C2, V::Unsure, Some(1), vec![("2021-9", "300.00")],
            |r| r.iter().any(|x| matches!(x, Reason::AmountMatchesInvoice { number, .. } if number == "2021-9"))),
        ("IBAN only, oldest first", "123.00", "", C2, V::Unsure, Some(1), vec![("2021-8", "123.00")],
            |r| r.contains(&Reason::NoAmountMatch)),
        ("IBAN and the customer's whole open total", "1790.00", "", C1, V::Unsure, Some(0), vec![("2021-7", "1210.00"), ("2021-71", "500.00"), ("2021-70", "80.00")],
            |r| r.contains(&Reason::AmountMatchesCustomerTotal { invoices: 3 })),
        ("Belgian structured reference", "99.95", "+++090/9337/55493+++", "", V::Certain, Some(2), vec![("BE-100", "99.95")],
            |r| r.iter().any(|x| matches!(x, Reason::ReferenceNamed { number, .. } if number == "BE-100"))),
        ("Belgian reference without signs", "99.95", "090 9337 55493", "", V::Certain, Some(2), vec![("BE-100", "99.95")], |_| true),
        ("RF reference spaced otherwise", "777.77", "RF185390 07547034", "", V::Certain, Some(3), vec![("2021-20", "777.77")], |_| true),
        ("RF reference inside a longer one", "777.77", "RF18539007547034999", "", V::Unsure, Some(3), vec![("2021-20", "777.77")],
            |r| !r.iter().any(|x| matches!(x, Reason::ReferenceNamed { .. }))),
        ("IBAN of another customer", "1210.00", "2021-7", C2, V::Unsure, Some(0), vec![("2021-7", "1210.00")],
            |r| r.iter().any(|x| matches!(x, Reason::IbanOtherCustomer { .. }))),
        ("named invoice already paid", "100.00", "2020-1", C1, V::Unsure, Some(0), vec![],
            |r| r.iter().any(|x| matches!(x, Reason::NamedNotOpen { number, .. } if number == "2020-1"))),
        ("amount of two invoices of two customers", "640.00", "", "", V::Unmatched, None, vec![],
            |r| r.contains(&Reason::AmountMatchesSeveral { count: 2 })),
        ("nothing at all", "1.23", "gift", "", V::Unmatched, None, vec![], |r| r.contains(&Reason::NothingFound)),
        ("invoices of two customers named", "260.00", "2021-8 INV-A7", "", V::Unmatched, None, vec![],
            |r| r.contains(&Reason::NamedSeveralCustomers { count: 2 })),
        ("two customers named, IBAN decides", "260.00", "2021-8 INV-A7", C2, V::Unsure, Some(1), vec![("2021-8", "250.00"), ("2021-9", "10.00")], |_| true),
    ];
    for (name, amount, remittance, iban, verdict, customer, allocations, check) in rows {
        let report = propose(&b.ledger, &[statement(vec![tx(amount, remittance, iban)])]);
        assert_eq!(report.proposals.len(), 1, "{name}");
        let p = &report.proposals[0];
        let v = match p.verdict {
            Verdict::Certain => V::Certain,
            Verdict::Unsure => V::Unsure,
            Verdict::Unmatched => V::Unmatched,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(v, verdict, "{name}: {:?}", p.reasons);
        assert_eq!(p.customer, customer.map(|i| b.c[i]), "{name}");
        let want: Vec<(InvoiceId, Decimal)> = allocations.iter().map(|(n, a)| (b.inv(n), d(a))).collect();
        let got: Vec<(InvoiceId, Decimal)> = p.allocations.iter().map(|a| (a.invoice, a.amount)).collect();
        assert_eq!(got, want, "{name}");
        assert!(check(&p.reasons), "{name}: {:?}", p.reasons);
        for r in &p.reasons {
            assert!(!Lang::Nl.match_reason(r).is_empty() && !Lang::En.match_reason(r).is_empty());
        }
        // A proposal with a customer books cleanly.
        if let Some(acc) = p.accept() {
            book(&b.ledger, &[acc]).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn debits_zero_and_returns_are_listed_apart() {
    let b = ledger();
    let mut ret = tx("-50.00", "2021-8", C2);
    ret.reversal = true;
    let mut returned = tx("-20.00", "x", C2);
    returned.return_reason = Some("AC04".into());
    let s = statement(vec![tx("-75.50", "energie", ""), tx("0.00", "", ""), ret, returned, tx("250", "2021-8", C2)]);
    let r = propose(&b.ledger, &[s]);
    assert_eq!(r.debits.len(), 1);
    assert_eq!(r.zero.len(), 1);
    assert_eq!(r.returns.len(), 2);
    assert_eq!(r.returns[1].reason_code.as_deref(), Some("AC04"));
    assert_eq!(r.proposals.len(), 1);
    assert_eq!(r.proposals[0].tx.transaction, 4);
}

#[test]
fn proposals_of_one_report_never_allocate_more_than_is_open() {
    let b = ledger();
    let s = statement(vec![tx("250.00", "2021-8", C2), tx("250.00", "2021-8", C2)]);
    let r = propose(&b.ledger, &[s]);
    assert_eq!(r.proposals[0].verdict, Verdict::Certain);
    assert_eq!(r.proposals[1].verdict, Verdict::Unsure, "a second payment of the same invoice is a double payment");
    assert!(r.proposals[1].allocations.is_empty());
    let all: Vec<AcceptedMatch> = r.proposals.iter().filter_map(|p| p.accept()).collect();
    let booked = book(&b.ledger, &all).unwrap();
    assert_eq!(booked.payments().count(), b.ledger.payments().count() + 2);
}

#[test]
fn booking_then_reimporting_books_nothing_twice() {
    let b = ledger();
    let text = std::fs::read(format!("{}/tests/fixtures/bank/camt053_prefixed_crlf.xml", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let statements = parse_statement(&text).unwrap();
    let first = propose(&b.ledger, &statements);
    // 1210 "Factuur 2021-7", 250 "2021-8" and 300 "nota 2021-9" are certain.
    assert_eq!(first.proposals.len(), 3);
    assert!(first.proposals.iter().all(|p| p.verdict == Verdict::Certain), "{:?}", first.proposals);
    assert_eq!(first.debits.len(), 1);
    assert_eq!(first.returns.len(), 1);
    assert_eq!(first.returns[0].original, None, "nothing booked yet to undo");
    let booked = book(&b.ledger, &first.certain()).unwrap();
    let p = booked.payments().find(|p| p.reference == "Factuur 2021-7").unwrap();
    assert_eq!((p.payer_iban.as_str(), p.payer_name.as_str(), p.date), (C1, "Bakkerij De Korenschoof", day(3, 1)));
    assert_eq!(booked.balance(b.inv("2021-7")).unwrap().open(), Decimal::ZERO);
    // The same file again: everything is already booked, nothing is certain to book.
    let second = propose(&booked, &statements);
    assert!(second.proposals.iter().all(|p| matches!(p.verdict, Verdict::AlreadyBooked { .. })), "{:?}", second.proposals);
    assert!(second.certain().is_empty());
    // The return of the 1210.00 now finds the booked payment; removing it opens the invoice again.
    let original = second.returns[0].original.expect("the booked payment");
    assert_eq!(original, p.id);
    let undone = book(&booked, &[second.returns[0].accept().unwrap()]).unwrap();
    assert!(undone.payment(p.id).is_none());
    assert_eq!(undone.balance(b.inv("2021-7")).unwrap().open(), d("1210.00"));
    // The same statement twice in one import: the second copy is a duplicate.
    let twice = propose(&b.ledger, &[statements[0].clone(), statements[0].clone()]);
    assert!(twice.proposals[3..].iter().all(|p| matches!(p.verdict, Verdict::DuplicateInImport { .. })));
}

#[test]
fn already_booked_needs_reference_or_iban_and_counts_each_payment_once() {
    let b = ledger();
    let mut l = b.ledger.clone();
    let mut p = Payment::new(b.c[1], day(3, 1), Money::eur(d("250.00")), vec![]).unwrap();
    p.payer_iban = "NL36 INGB 0007 6543 21".into();
    l.add_payment(p).unwrap();
    let r = propose(&l, &[statement(vec![tx("250.00", "2021-8", C2), tx("250.00", "2021-8", C2)])]);
    assert!(matches!(r.proposals[0].verdict, Verdict::AlreadyBooked { .. }));
    assert!(!matches!(r.proposals[1].verdict, Verdict::AlreadyBooked { .. }), "one payment accounts for one transaction");
    let other_payer = propose(&l, &[statement(vec![tx("250.00", "other", "")])]);
    assert!(!matches!(other_payer.proposals[0].verdict, Verdict::AlreadyBooked { .. }));
}

#[test]
fn book_is_all_or_nothing() {
    let b = ledger();
    let good = AcceptedMatch::Book {
        customer: b.c[1],
        date: day(3, 1),
        amount: Money::eur(d("250.00")),
        payer_name: "Garage Hoek".into(),
        payer_iban: C2.into(),
        reference: "2021-8".into(),
        allocations: vec![stipt::domain::Allocation { invoice: b.inv("2021-8"), amount: d("250.00") }],
    };
    let too_much = AcceptedMatch::Book {
        customer: b.c[1],
        date: day(3, 1),
        amount: Money::eur(d("10.00")),
        payer_name: String::new(),
        payer_iban: String::new(),
        reference: String::new(),
        allocations: vec![stipt::domain::Allocation { invoice: b.inv("2021-8"), amount: d("10.00") }],
    };
    let err = book(&b.ledger, &[good.clone(), too_much]).unwrap_err();
    assert!(matches!(err, DomainError::AllocationExceedsOpen { .. }), "{err:?}");
    assert_eq!(b.ledger.payments().count(), 1, "the ledger passed in is untouched");
    assert_eq!(book(&b.ledger, &[good]).unwrap().payments().count(), 2);
    assert_eq!(book(&b.ledger, &[]).unwrap(), b.ledger, "nothing confirmed, nothing booked");
}

#[test]
fn balance_findings_are_in_the_report() {
    let b = ledger();
    let text = ":20:X\n:25:NL44RABO0123456789 EUR\n:60F:C210101EUR100,00\n:61:210101C10,00N541NONREF\n:62F:C210101EUR120,00\n";
    let st = parse_statement(text.as_bytes()).unwrap();
    let r = propose(&b.ledger, &st);
    assert_eq!(r.balance_findings.len(), 1);
    assert_eq!(r.balance_findings[0].1.difference(), d("10"));
}
