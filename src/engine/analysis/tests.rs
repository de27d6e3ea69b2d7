//! Tests of the receivables figures, mostly as tables whose failure message names the row.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::kpi::*;
use crate::domain::{
    Allocation, Currency, Customer, CustomerId, Event, EventKind, Invoice, InvoiceId, Ledger, Money, Payment,
};
use crate::engine::aging::Bucket;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn one(f: Figure) -> Result<Decimal, NotEnoughData> {
    f.map(|v| v.round_dp(1))
}

struct Book {
    l: Ledger,
    c: CustomerId,
}

impl Book {
    fn new() -> Book {
        let mut l = Ledger::new();
        let c = l.add_customer(Customer::new("D1", "Klant")).unwrap();
        Book { l, c }
    }
    fn customer(&mut self, number: &str) -> CustomerId {
        self.l.add_customer(Customer::new(number, number)).unwrap()
    }
    fn invoice_for(
        &mut self,
        c: CustomerId,
        number: &str,
        date: NaiveDate,
        term: u16,
        amount: &str,
        currency: &str,
    ) -> InvoiceId {
        let money = Money::new(dec(amount), Currency::parse(currency).unwrap());
        self.l.add_invoice(Invoice::new(number, c, date, term, money)).unwrap()
    }
    fn invoice(&mut self, number: &str, date: NaiveDate, amount: &str) -> InvoiceId {
        self.invoice_for(self.c, number, date, 30, amount, "EUR")
    }
    fn pay(&mut self, on: NaiveDate, invoice: InvoiceId, amount: &str) {
        let inv = self.l.invoice(invoice).unwrap().clone();
        let p = Payment::new(
            inv.customer,
            on,
            Money::new(dec(amount), inv.amount.currency),
            vec![Allocation { invoice, amount: dec(amount) }],
        )
        .unwrap();
        self.l.add_payment(p).unwrap();
    }
    fn credit(&mut self, number: &str, target: InvoiceId, on: NaiveDate, amount: &str) {
        let t = self.l.invoice(target).unwrap().clone();
        self.l.add_invoice(Invoice::credit_note(number, &t, on, Money::new(dec(amount), t.amount.currency))).unwrap();
    }
}

/// The worked example: 212,000 open on 30 June against sales of 100,000 (June), 80,000 (May)
/// and 70,000 (April); March's 50,000 was open at the end of March and paid on 10 April.
fn worked_example() -> Book {
    let mut b = Book::new();
    let march = b.invoice("M", d(2026, 3, 15), "50000");
    let april = b.invoice("A", d(2026, 4, 15), "70000");
    b.invoice("MY", d(2026, 5, 15), "80000");
    b.invoice("J", d(2026, 6, 15), "100000");
    b.pay(d(2026, 4, 10), march, "50000");
    b.pay(d(2026, 6, 20), april, "38000");
    b
}

fn q2() -> Period {
    Period::new(d(2026, 4, 1), d(2026, 6, 30)).unwrap()
}

#[test]
fn count_back_reproduces_the_worked_example() {
    let b = worked_example();
    let rows = [
        ("30-day months", MonthDays::Thirty, "73.7", vec!["30", "30", "13.7"]),
        ("calendar months", MonthDays::Calendar, "74.7", vec!["30", "31", "13.7"]),
    ];
    for (name, month_days, expected, steps) in rows {
        let options = KpiOptions { month_days, ..KpiOptions::default() };
        let set = &kpis(&b.l, q2(), &options, &Scope::All)[&Currency::EUR];
        assert_eq!(set.base.closing_total(), dec("212000"), "row {name}");
        assert_eq!(one(set.dso_count_back), Ok(dec(expected)), "row {name}");
        let got: Vec<Decimal> = set.count_back.iter().map(|s| s.days.round_dp(1)).collect();
        let want: Vec<Decimal> = steps.iter().map(|s| dec(s)).collect();
        assert_eq!(got, want, "row {name}");
        assert_eq!(set.count_back[0].from, d(2026, 6, 1), "row {name}");
        assert_eq!(set.count_back[2].to, d(2026, 4, 30), "row {name}");
    }
}

#[test]
fn figures_of_the_worked_example_by_hand() {
    let b = worked_example();
    let set = &kpis(&b.l, q2(), &KpiOptions::default(), &Scope::All)[&Currency::EUR];
    // Opening: March's 50,000 (paid in April). Sales: 250,000 in 91 days. Closing: 212,000, of
    // which June's 100,000 is not yet due (due 15 July).
    assert_eq!(set.base.opening, dec("50000"));
    assert_eq!(set.base.sales, dec("250000"));
    assert_eq!(set.base.closing_current(), dec("100000"));
    let rows: [(Kpi, Figure); 5] = [
        (Kpi::DsoSimple, Ok(dec("77.2"))),             // 212 / 250 × 91 = 77.168
        (Kpi::BestPossibleDso, Ok(dec("36.4"))),       // 100 / 250 × 91
        (Kpi::AverageDaysDelinquent, Ok(dec("40.8"))), // 77.168 − 36.4
        (Kpi::Cei, Ok(dec("44.0"))),                   // (50 + 250 − 212) / (50 + 250 − 100)
        (Kpi::OverdueShare, Ok(dec("52.8"))),          // 112 / 212
    ];
    for (kpi, expected) in rows {
        assert_eq!(one(set.value(kpi)), expected, "row {kpi:?}");
    }
}

#[test]
fn figures_from_bases_table() {
    let period = Period::new(d(2026, 1, 1), d(2026, 1, 30)).unwrap(); // 30 days
    let base = |opening: &str, closing: [&str; 5], sales: &str| KpiBase {
        period,
        opening: dec(opening),
        closing: closing.map(dec),
        sales: dec(sales),
        months: vec![(d(2026, 1, 1), d(2026, 1, 30), dec("30"), dec(sales))],
    };
    type Row = (&'static str, KpiBase, [Figure; 6]);
    let rows: Vec<Row> = vec![
        (
            "all current",
            base("0", ["300", "0", "0", "0", "0"], "600"),
            // CEI (0 + 600 − 300) / (0 + 600 − 300): all that was due was collected.
            [Ok(dec("15")), Ok(dec("15")), Ok(dec("15")), Ok(dec("0")), Ok(dec("100")), Ok(dec("0"))],
        ),
        (
            "half overdue, CEI by hand",
            base("1000", ["200", "100", "50", "25", "25"], "400"),
            // DSO 400/400×30 = 30; count-back 400 ≥ 400: 30; BPDSO 200/400×30 = 15; CEI
            // (1000+400−400)/(1000+400−200) = 1000/1200 = 83.3; overdue 200/400 = 50.
            [Ok(dec("30")), Ok(dec("30")), Ok(dec("15")), Ok(dec("15")), Ok(dec("83.3")), Ok(dec("50"))],
        ),
        (
            "no sales, nothing open",
            base("0", ["0"; 5], "0"),
            [
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NothingToCollect),
                Err(NotEnoughData::NoReceivables),
            ],
        ),
        (
            "no sales, old debt",
            base("500", ["0", "0", "0", "0", "500"], "0"),
            [
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::SalesDoNotCoverReceivables { months: 1 }),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NoSales),
                Ok(dec("0")),
                Ok(dec("100")),
            ],
        ),
        (
            "credit notes exceed invoices",
            base("100", ["100", "0", "0", "0", "0"], "-50"),
            [
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::SalesDoNotCoverReceivables { months: 1 }),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NoSales),
                Err(NotEnoughData::NothingToCollect),
                Ok(dec("0")),
            ],
        ),
        (
            "everything collected",
            base("100", ["0"; 5], "100"),
            [Ok(dec("0")), Ok(dec("0")), Ok(dec("0")), Ok(dec("0")), Ok(dec("100")), Err(NotEnoughData::NoReceivables)],
        ),
    ];
    for (name, b, expected) in rows {
        let set = KpiSet::from_base(Currency::EUR, b);
        let got: Vec<Figure> = Kpi::ALL.iter().map(|k| one(set.value(*k))).collect();
        assert_eq!(got, expected.to_vec(), "row {name}");
    }
}

#[test]
fn count_back_table() {
    let m = |sales: &str| (d(2026, 1, 1), d(2026, 1, 31), dec("30"), dec(sales));
    let rows: [(&str, &str, Vec<_>, Figure); 6] = [
        ("worked example", "212000", vec![m("100000"), m("80000"), m("70000")], Ok(dec("73.7"))),
        ("inside the first month", "50", vec![m("100"), m("100")], Ok(dec("15"))),
        ("exactly one month", "100", vec![m("100"), m("100")], Ok(dec("30"))),
        ("an empty month counts whole", "150", vec![m("0"), m("100"), m("100")], Ok(dec("75"))),
        ("not covered", "500", vec![m("100"), m("100")], Err(NotEnoughData::SalesDoNotCoverReceivables { months: 2 })),
        ("nothing open", "0", vec![m("100")], Ok(dec("0"))),
    ];
    for (name, receivables, months, expected) in rows {
        assert_eq!(one(count_back(dec(receivables), &months).0), expected, "row {name}");
    }
    assert_eq!(count_back(Decimal::ZERO, &[m("0")]).0, Err(NotEnoughData::NoSales), "no sales at all");
}

#[test]
fn bucket_starts_match_the_aging_buckets() {
    for (i, start) in BUCKET_STARTS.iter().enumerate() {
        assert_eq!(Bucket::for_days(*start) as usize, i + 1, "start {start}");
        assert_eq!(Bucket::for_days(*start - 1) as usize, i, "before {start}");
    }
}

#[test]
fn boundary_dates() {
    let mut b = Book::new();
    // Due 31 January (dated 1 January, 30 days).
    let inv = b.invoice("F1", d(2026, 1, 1), "100");
    b.pay(d(2026, 2, 28), inv, "40"); // a payment on the last day of February
    let rows: [(&str, NaiveDate, [&str; 5]); 6] = [
        ("before the invoice date", d(2025, 12, 31), ["0", "0", "0", "0", "0"]),
        ("on the invoice date", d(2026, 1, 1), ["100", "0", "0", "0", "0"]),
        ("due exactly on the as-of date: not yet due", d(2026, 1, 31), ["100", "0", "0", "0", "0"]),
        ("one day past due", d(2026, 2, 1), ["0", "100", "0", "0", "0"]),
        ("payment on the last day of the month counts that day", d(2026, 2, 28), ["0", "60", "0", "0", "0"]),
        ("31 days past due", d(2026, 3, 3), ["0", "0", "60", "0", "0"]),
    ];
    let dates: Vec<NaiveDate> = rows.iter().map(|r| r.1).collect();
    let agings = receivables_at(&b.l, &dates);
    for ((name, date, expected), aging) in rows.iter().zip(&agings) {
        let want = expected.map(dec);
        let got = Bucket::ALL.map(|k| aging.bucket(Currency::EUR, k));
        assert_eq!(got, want, "row {name}");
        assert_eq!(aging.as_of, Some(*date), "row {name}");
    }
    // A period ending on the day of the payment includes it; the sales of January are in a
    // period that starts on 1 January and not in one that starts on 2 January.
    let feb = kpis(&b.l, Period::new(d(2026, 2, 1), d(2026, 2, 28)).unwrap(), &KpiOptions::default(), &Scope::All);
    assert_eq!(feb[&Currency::EUR].base.closing_total(), dec("60"));
    assert_eq!(feb[&Currency::EUR].base.opening, dec("100"));
    assert_eq!(feb[&Currency::EUR].dso_simple, Err(NotEnoughData::NoSales));
    let jan = |start| kpis(&b.l, Period::new(start, d(2026, 1, 31)).unwrap(), &KpiOptions::default(), &Scope::All);
    assert_eq!(jan(d(2026, 1, 1))[&Currency::EUR].base.sales, dec("100"));
    assert_eq!(jan(d(2026, 1, 2))[&Currency::EUR].base.sales, dec("0"));
}

#[test]
fn credit_notes_and_write_offs_as_of() {
    let mut b = Book::new();
    let inv = b.invoice("F1", d(2026, 1, 1), "100");
    b.credit("C1", inv, d(2026, 1, 20), "30");
    let other = b.invoice("F2", d(2026, 1, 5), "50");
    b.l.add_event(Event::new(b.c, Some(other), d(2026, 3, 1), EventKind::WrittenOff)).unwrap();
    let a = receivables_at(&b.l, &[d(2026, 1, 19), d(2026, 1, 20), d(2026, 2, 28), d(2026, 3, 1)]);
    let totals: Vec<Decimal> = a.iter().map(|x| x.total(Currency::EUR)).collect();
    assert_eq!(totals, vec![dec("150"), dec("120"), dec("120"), dec("70")]);
    // Sales of January are net of the credit note.
    let jan = kpis(&b.l, Period::new(d(2026, 1, 1), d(2026, 1, 31)).unwrap(), &KpiOptions::default(), &Scope::All);
    assert_eq!(jan[&Currency::EUR].base.sales, dec("120"));
}

#[test]
fn currencies_are_never_added() {
    let mut b = Book::new();
    b.invoice_for(b.c, "E", d(2026, 1, 10), 30, "100", "EUR");
    b.invoice_for(b.c, "U", d(2026, 1, 10), 30, "300", "USD");
    let jan = kpis(&b.l, Period::new(d(2026, 1, 1), d(2026, 1, 31)).unwrap(), &KpiOptions::default(), &Scope::All);
    assert_eq!(jan.len(), 2);
    assert_eq!(jan[&Currency::EUR].base.closing_total(), dec("100"));
    assert_eq!(jan[&Currency::parse("USD").unwrap()].base.closing_total(), dec("300"));
    assert_eq!(jan[&Currency::EUR].currency, Currency::EUR);
}

#[test]
fn empty_ledger_and_empty_period() {
    let l = Ledger::new();
    assert!(kpis(&l, q2(), &KpiOptions::default(), &Scope::All).is_empty());
    assert!(kpi_series(&l, d(2026, 6, 30), 3, &KpiOptions::default(), &Scope::All).iter().all(|p| p.kpis.is_empty()));
    // Sales long ago, all paid: the period has nothing at all and is left out.
    let mut b = Book::new();
    let inv = b.invoice("F1", d(2020, 1, 1), "100");
    b.pay(d(2020, 2, 1), inv, "100");
    assert!(kpis(&b.l, q2(), &KpiOptions::default(), &Scope::All).is_empty());
}

#[test]
fn per_customer_and_groups_add_up() {
    let mut b = worked_example();
    let other = b.customer("D2");
    b.invoice_for(other, "X1", d(2026, 6, 1), 14, "1000", "EUR");
    let report = kpi_report(&b.l, q2(), &KpiOptions::default());
    let eur = Currency::EUR;
    let sum_closing: Decimal = report.customers.values().map(|m| m[&eur].base.closing_total()).sum();
    let sum_sales: Decimal = report.customers.values().map(|m| m[&eur].base.sales).sum();
    assert_eq!(sum_closing, report.total[&eur].base.closing_total());
    assert_eq!(sum_sales, report.total[&eur].base.sales);
    assert_eq!(report.customers[&other][&eur].base.closing_overdue(), dec("1000"), "due 15 June");
    let one_customer = kpis(&b.l, q2(), &KpiOptions::default(), &Scope::Customer(other));
    assert_eq!(one_customer, report.customers[&other]);
    let by = kpis_by(&b.l, q2(), &KpiOptions::default(), |c| Some(c == other));
    assert_eq!(by[&true], report.customers[&other]);
}

#[test]
fn series_points_equal_their_periods() {
    let b = worked_example();
    let options = KpiOptions::default();
    let series = kpi_series(&b.l, d(2026, 6, 30), 4, &options, &Scope::All);
    let ends: Vec<NaiveDate> = series.iter().map(|p| p.period.end).collect();
    assert_eq!(ends, vec![d(2026, 3, 31), d(2026, 4, 30), d(2026, 5, 31), d(2026, 6, 30)]);
    assert_eq!(series[3].period, q2());
    for point in &series {
        assert_eq!(point.kpis, kpis(&b.l, point.period, &options, &Scope::All), "point {}", point.period.end);
    }
    assert_eq!(one(series[3].kpis[&Currency::EUR].dso_count_back), Ok(dec("73.7")));
}
