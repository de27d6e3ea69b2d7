//! The real files of other tools in `../shared/data` (bank statements and UBL invoices; never
//! copied into this repository). When the folder is absent the tests say so and pass: the
//! product's own tests use the fixtures in `tests/fixtures/`.
//!
//! The counts, totals and balance findings below were checked by reading the files by hand:
//!
//! - camt053_nl_abnamro_oca.xml: one statement, 4 transactions (a debit of 754.25, a reversed
//!   batch of 664.05 split into 564.05 and 100.00 with return reason AC06, a credit of 1405.31);
//!   opening 15568.27 + (-12.99) = 15555.28, but the closing balance is 15121.12: flagged.
//! - camt054_nl_oca.xml: one notification, one credit of 5.00 with a QRR reference, no balances.
//! - mt940_rabobank_nl_oca.swi: 4 statements (two empty), +400.00 and -34.61, balances add up.
//! - mt940_sns_nl_oca.940: 3 statements of 4, 2 and 2 entries (one of 0,00); the last has no
//!   closing balance; the others add up (2264.52 and 2253.57).
//! - mt940_abnamro_legacy_jejik.sta: 2 statements of 8 and 2 debits (321.44 and 24.49); both
//!   closing balances disagree with opening + entries (876.84 vs 2914.84, 1849.75 vs 2852.35).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{Customer, Invoice, Ledger, Money};
use stipt::engine::matching::{propose, Reason, Verdict};
use stipt::i18n::Lang;
use stipt::io::bank::{check_balances, parse_statement, Format, Mt940Bank, Statement};
use stipt::io::ubl::{apply_ubl, parse_ubl, preview_ubl, SkipReason, UblKind};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.exists() {
        Some(dir)
    } else {
        println!("skipped: ../shared/data not present");
        None
    }
}

fn read(dir: &Path, name: &str) -> Vec<Statement> {
    let bytes = std::fs::read(dir.join("bank").join(name)).unwrap();
    parse_statement(&bytes).unwrap_or_else(|e| panic!("{name}: {}", Lang::En.bank_error(&e)))
}

/// (transactions per statement, sum per statement, (expected closing, closing) of a mismatch).
type Expect = (Vec<usize>, Vec<&'static str>, Vec<Option<(&'static str, &'static str)>>);

#[test]
fn every_bank_file_parses_with_the_counts_totals_and_findings_checked_by_hand() {
    let Some(dir) = data() else { return };
    let rows: Vec<(&str, Format, Expect)> = vec![
        (
            "camt053_nl_abnamro_oca.xml",
            Format::Camt053,
            (vec![4], vec!["-12.99"], vec![Some(("15555.28", "15121.12"))]),
        ),
        ("camt054_nl_oca.xml", Format::Camt054, (vec![1], vec!["5.00"], vec![None])),
        (
            "mt940_rabobank_nl_oca.swi",
            Format::Mt940(Mt940Bank::Rabobank),
            (vec![1, 0, 1, 0], vec!["400.00", "0", "-34.61", "0"], vec![None, None, None, None]),
        ),
        (
            "mt940_sns_nl_oca.940",
            Format::Mt940(Mt940Bank::Sns),
            (vec![4, 2, 2], vec!["-762.44", "-10.95", "-942.29"], vec![None, None, None]),
        ),
        (
            "mt940_abnamro_legacy_jejik.sta",
            Format::Mt940(Mt940Bank::AbnAmroLegacy),
            (vec![8, 2], vec!["-321.44", "-24.49"], vec![Some(("2914.84", "876.84")), Some(("2852.35", "1849.75"))]),
        ),
    ];
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.join("bank")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(rows.iter().any(|r| r.0 == name), "a new file {name}: check it by hand and add a row");
    }
    for (name, format, (counts, sums, findings)) in rows {
        let st = read(&dir, name);
        seen += 1;
        assert!(st.iter().all(|s| s.format == format), "{name}");
        assert_eq!(st.iter().map(|s| s.transactions.len()).collect::<Vec<_>>(), counts, "{name}");
        let got: Vec<Decimal> = st.iter().map(|s| s.transactions.iter().map(|t| t.amount).sum()).collect();
        assert_eq!(got, sums.iter().map(|s| d(s)).collect::<Vec<_>>(), "{name}");
        let got: Vec<Option<(Decimal, Decimal)>> =
            st.iter().map(|s| check_balances(s).map(|m| (m.expected_closing, m.closing))).collect();
        let want: Vec<Option<(Decimal, Decimal)>> = findings.iter().map(|f| f.map(|(a, b)| (d(a), d(b)))).collect();
        assert_eq!(got, want, "{name}");
    }
    assert_eq!(seen, 5);
}

#[test]
fn details_of_the_real_files() {
    let Some(dir) = data() else { return };
    let camt = read(&dir, "camt053_nl_abnamro_oca.xml");
    let t = &camt[0].transactions;
    assert_eq!(camt[0].account, "NL77ABNA0574908765");
    assert!(t[1].reversal && t[2].reversal);
    assert_eq!((t[1].return_reason.as_deref(), t[2].amount), (Some("AC06"), d("-100.00")));
    assert_eq!((t[3].counterparty_name.as_str(), t[3].counterparty_iban.as_str()), ("3rd party Media", "NL69ABNA0522123643"));
    assert_eq!(t[3].end_to_end, "115");
    assert_eq!(t[3].remittance, "#RD PARTY MEDIA CUSNO 90782 4210773", "no RmtInf: the bank's AddtlTxInf");
    // NL46ABNA0499998748 in these files has wrong check digits: kept as the account, not as an IBAN.
    assert_eq!((t[1].counterparty_iban.as_str(), t[1].counterparty_account.as_str()), ("", "NL46ABNA0499998748"));

    let rabo = read(&dir, "mt940_rabobank_nl_oca.swi");
    let r = &rabo[0].transactions[0];
    assert_eq!((r.counterparty_name.as_str(), r.counterparty_iban.as_str()), ("R. SMITH", "NL66RABO0160878799"));
    assert_eq!(r.remittance, "Test money paid by other partner:");

    let sns = read(&dir, "mt940_sns_nl_oca.940");
    assert_eq!(sns[0].transactions[0].counterparty_iban, "NL49RABO0166416932");
    assert_eq!(sns[0].transactions[0].remittance, "Factuur 17227/248/20");
    assert!(sns[2].closing.is_none());
    assert_eq!(sns[1].transactions[1].amount, Decimal::ZERO);

    let legacy = read(&dir, "mt940_abnamro_legacy_jejik.sta");
    let l = &legacy[0].transactions;
    assert_eq!((l[0].counterparty_account.as_str(), l[0].counterparty_name.as_str()), ("428428", "KPN - DIGITENNE"));
    assert_eq!(l[1].counterparty_name, "DIRCKIII FIL2500 KATWIJK");
    assert_eq!(l[1].booking_date, NaiveDate::from_ymd_opt(2011, 5, 23).unwrap());
    assert_eq!(l[1].value_date, NaiveDate::from_ymd_opt(2011, 5, 21).unwrap());
    let last = &legacy[1].transactions[1];
    assert_eq!((last.counterparty_account.as_str(), last.counterparty_name.as_str()), ("528939882", "MYCOM DEN HAAG"));
}

#[test]
fn matching_over_the_real_files() {
    let Some(dir) = data() else { return };
    let mut statements = Vec::new();
    for f in ["camt053_nl_abnamro_oca.xml", "camt054_nl_oca.xml", "mt940_rabobank_nl_oca.swi", "mt940_sns_nl_oca.940", "mt940_abnamro_legacy_jejik.sta"] {
        statements.extend(read(&dir, f));
    }
    let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let mut ledger = Ledger::new();
    let mut media = Customer::new("D1", "3rd party Media");
    media.iban = "NL69ABNA0522123643".into();
    let media = ledger.add_customer(media).unwrap();
    let mut smith = Customer::new("D2", "R. Smith");
    smith.iban = "NL66 RABO 0160 8787 99".into();
    let smith = ledger.add_customer(smith).unwrap();
    let test = ledger.add_customer(Customer::new("D3", "Test Customer")).unwrap();
    ledger.add_invoice(Invoice::new("115", media, day(2013, 12, 1), 30, Money::eur(d("1405.31")))).unwrap();
    ledger.add_invoice(Invoice::new("2013-400", smith, day(2013, 12, 1), 30, Money::eur(d("400.00")))).unwrap();
    let mut qrr = Invoice::new("Q-3", test, day(2022, 1, 1), 30, Money::eur(d("5.00")));
    qrr.reference = "000000000000000000000000003".into();
    ledger.add_invoice(qrr).unwrap();

    let r = propose(&ledger, &statements);
    // Credits: 1405.31 (camt.053), 5.00 (camt.054), 400.00 (Rabobank). The SNS 0,00 is no payment.
    assert_eq!(r.proposals.len(), 3);
    assert_eq!(r.proposals[0].verdict, Verdict::Certain, "end-to-end id 115 is the invoice number: {:?}", r.proposals[0].reasons);
    assert_eq!(r.proposals[1].verdict, Verdict::Certain, "the QRR reference: {:?}", r.proposals[1].reasons);
    assert!(r.proposals[1].reasons.iter().any(|x| matches!(x, Reason::ReferenceNamed { .. })));
    assert_eq!(r.proposals[2].verdict, Verdict::Unsure, "IBAN and amount only");
    assert!(r.proposals[2].reasons.iter().any(|x| matches!(x, Reason::AmountMatchesInvoice { .. })));
    assert_eq!(r.returns.len(), 2, "the reversed batch");
    assert_eq!(r.zero.len(), 1);
    // Debits: 1 (camt.053) + 1 (Rabobank) + 7 (SNS) + 10 (ABN AMRO).
    assert_eq!(r.debits.len(), 19);
    assert_eq!(r.balance_findings.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![0, 9, 10]);
    // With an empty ledger nothing is found.
    let empty = propose(&Ledger::new(), &statements);
    assert!(empty.proposals.iter().all(|p| p.verdict == Verdict::Unmatched));
}

#[test]
fn every_ubl_file_parses_and_imports_once() {
    let Some(dir) = data() else { return };
    let names = ["ubl_peppol_allowance_prepaid_example.xml", "ubl_peppol_base_example.xml", "ubl_peppol_creditnote_correction.xml"];
    let docs: Vec<_> = names
        .iter()
        .map(|n| parse_ubl(&std::fs::read(dir.join("ubl").join(n)).unwrap()).unwrap_or_else(|e| panic!("{n}: {}", Lang::En.ubl_error(&e))))
        .collect();
    // Hand-checked: PayableAmount 6125.00 after a PrepaidAmount of 1000 (TaxInclusiveAmount 7125);
    // the base invoice 1656.25 due 2017-12-01; the credit note 1656.25 correcting "Snippet1".
    assert_eq!((docs[0].payable, docs[0].prepaid), (d("6125.00"), Some(d("1000"))));
    assert_eq!((docs[1].payable, docs[1].due_date), (d("1656.25"), NaiveDate::from_ymd_opt(2017, 12, 1)));
    assert_eq!((docs[2].kind, docs[2].credits.as_deref(), docs[2].payable), (UblKind::CreditNote, Some("Snippet1"), d("1656.25")));
    assert!(docs.iter().all(|x| x.buyer.vat_number == "SE4598375937" && x.number == "Snippet1"));
    // All three are numbered "Snippet1": the first invoice counts, the second is a duplicate, the
    // credit note corrects the first and is numbered "Snippet1-CN". One new customer.
    let pv = preview_ubl(&Ledger::new(), &docs);
    assert!(pv.problems.is_empty(), "{:?}", pv.problems);
    assert_eq!(pv.new_customers.len(), 1);
    assert_eq!(pv.skipped.len(), 1);
    assert_eq!(pv.skipped[0].reason, SkipReason::DuplicateInImport { first: 0 });
    assert_eq!(pv.documents.iter().map(|p| p.invoice.number.as_str()).collect::<Vec<_>>(), vec!["Snippet1", "Snippet1-CN"]);
    let applied = apply_ubl(&Ledger::new(), &pv).unwrap();
    let inv = applied.invoice_by_number("Snippet1").unwrap();
    assert_eq!(applied.balance(inv.id).unwrap().open(), d("4468.75"));
    let again = preview_ubl(&applied, &docs);
    assert!(again.documents.is_empty() && again.new_customers.is_empty());
    assert_eq!(again.skipped.len(), 3);
}
