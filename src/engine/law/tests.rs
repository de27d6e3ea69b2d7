//! Table-driven cases of the law computations. Expected figures were worked out by hand (see the
//! comment on each row) and checked against DOMAIN.md section 7.

use super::*;
use crate::domain::{round_cents, RateRow};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn claim(principal: &str, due: NaiveDate, payments: &[(NaiveDate, &str)]) -> Claim {
    Claim {
        label: "F1".into(),
        principal: dec(principal),
        invoice_date: due - Duration::days(30),
        due: Some(due),
        payments: payments.iter().map(|&(date, a)| ClaimPayment { date, amount: dec(a) }).collect(),
    }
}

fn case(regime: Regime, claims: Vec<Claim>, as_of: NaiveDate) -> Case {
    Case { regime, terms: ContractTerms::default(), claims, reminders: Vec::new(), as_of }
}

fn run(c: &Case) -> Statement {
    compute(c, &LawSettings::default()).unwrap()
}

fn interest(s: &Statement) -> Decimal {
    round_cents(s.interest_open())
}

#[test]
fn statutory_interest_table() {
    // (name, regime, principal, due, as of, expected interest)
    let rows = [
        // 30 days in an interest year holding 29 Feb 2024 (366 days) at 12.5%: 1000 × .125 × 30/366.
        ("nl b2b one period", Regime::NlBusiness, "1000", d(2024, 1, 31), d(2024, 3, 1), "10.25"),
        // Across the 1 July 2024 change: 30 days at 12.5% (102.74) + 31 days at 12.25% (104.04).
        ("rate change", Regime::NlBusiness, "10000", d(2024, 5, 31), d(2024, 7, 31), "206.78"),
        // 2023: 181 days at 10.5% + 184 at 12% = 112.56, added to the principal on 1 Jan 2024;
        // then 31 days at 12.5% on 1112.56 over 366 = 11.78.
        ("nl compounds on the anniversary", Regime::NlBusiness, "1000", d(2022, 12, 31), d(2024, 1, 31), "124.34"),
        // Belgium: the same rates, simple: 112.56 + 1000 × .125 × 31/366.
        ("be simple", Regime::BeBusiness, "1000", d(2022, 12, 31), d(2024, 1, 31), "123.15"),
        // A whole leap year at 8%: exactly 8%.
        ("leap year", Regime::NlBusiness, "1000", d(2019, 12, 31), d(2020, 12, 31), "80"),
        ("common year", Regime::NlBusiness, "1000", d(2018, 12, 31), d(2019, 12, 31), "80"),
        // Consumer table, 2024: 7%, 10 days over 365 (2024-06-01 .. 2025-05-31 has no 29 Feb).
        ("nl consumer", Regime::NlConsumer, "1000", d(2024, 5, 31), d(2024, 6, 10), "1.92"),
        // Not yet due, and due today: no interest.
        ("not due", Regime::NlBusiness, "1000", d(2024, 5, 31), d(2024, 5, 20), "0"),
        ("due today", Regime::NlBusiness, "1000", d(2024, 5, 31), d(2024, 5, 31), "0"),
        ("one day late", Regime::NlBusiness, "3660", d(2024, 1, 31), d(2024, 2, 1), "1.25"),
    ];
    for (name, regime, principal, due, as_of, expected) in rows {
        let s = run(&case(regime, vec![claim(principal, due, &[])], as_of));
        assert_eq!(interest(&s), dec(expected), "{name}");
    }
}

#[test]
fn lines_explain_every_period() {
    let s = run(&case(Regime::NlBusiness, vec![claim("1000", d(2022, 12, 31), &[])], d(2024, 1, 31)));
    let lines = &s.claims[0].lines;
    let kinds: Vec<&LineKind> = lines.iter().map(|l| &l.kind).collect();
    assert_eq!(kinds.len(), 4, "{lines:#?}");
    assert!(matches!(kinds[2], LineKind::Capitalised));
    assert_eq!((lines[0].from, lines[0].to, lines[0].days, lines[0].rate), (Some(d(2023, 1, 1)), Some(d(2023, 6, 30)), Some(181), Some(dec("10.5"))));
    assert_eq!((lines[1].from, lines[1].to, lines[1].days), (Some(d(2023, 7, 1)), Some(d(2023, 12, 31)), Some(184)));
    assert_eq!(lines[3].base.map(round_cents), Some(dec("1112.56")));
    assert_eq!(lines[3].year_days, Some(366));
    assert!(lines[0].source.contains("6:119a"));
    // The interest lines add up to the interest.
    let sum: Decimal = lines.iter().filter(|l| matches!(l.kind, LineKind::Interest(_))).map(|l| l.amount).sum();
    assert_eq!(sum, s.claims[0].interest_accrued);
    assert_eq!(s.claims[0].interest_accrued, s.interest_open());
}

#[test]
fn partial_payment_in_the_middle_of_a_period() {
    // €1,000 due 31 Jan 2019 at 8%; €500 paid on 2 March (30 days over 365: 6.58 interest);
    // to 1 April. (The interest year 1 Feb 2019 - 31 Jan 2020 has no 29 February.)
    let c = case(Regime::NlBusiness, vec![claim("1000", d(2019, 1, 31), &[(d(2019, 3, 2), "500")])], d(2019, 4, 1));
    // Art. 6:44: interest first, then principal: 506.58 left, 30 more days on it = 3.33.
    let s = run(&c);
    assert_eq!(round_cents(s.principal_open()), dec("506.58"));
    assert_eq!(interest(&s), dec("3.33"));
    let pay = s.claims[0].lines.iter().find(|l| matches!(l.kind, LineKind::Payment { .. })).unwrap();
    match &pay.kind {
        LineKind::Payment { to_costs, to_interest, to_principal, unapplied } => {
            assert_eq!(*to_costs, Decimal::ZERO);
            assert_eq!(round_cents(*to_interest), dec("6.58"));
            assert_eq!(round_cents(*to_principal), dec("493.42"));
            assert_eq!(*unapplied, Decimal::ZERO);
        }
        _ => unreachable!(),
    }
    // Costs on the remaining principal: 15% of 506.58; total to the cent.
    assert_eq!(round_cents(s.costs), dec("75.99"));
    assert_eq!(round_cents(s.total()), dec("585.89"));
    // Principal first: 500 left; interest 6.58 + 500 × .08 × 30/365 = 9.86.
    let law = LawSettings { order: PaymentOrder::PrincipalInterestCosts, ..LawSettings::default() };
    let s = compute(&c, &law).unwrap();
    assert_eq!(round_cents(s.principal_open()), dec("500"));
    assert_eq!(interest(&s), dec("9.86"));
}

#[test]
fn paid_on_time_means_no_interest() {
    let c = case(Regime::NlBusiness, vec![claim("1000", d(2024, 5, 31), &[(d(2024, 5, 31), "1000")])], d(2024, 12, 31));
    let s = run(&c);
    assert_eq!(s.interest_open(), Decimal::ZERO);
    assert_eq!(s.principal_open(), Decimal::ZERO);
    assert_eq!(s.costs, Decimal::ZERO);
}

#[test]
fn a_gap_in_the_table_is_an_error() {
    let c = case(Regime::NlBusiness, vec![claim("1000", d(2026, 5, 31), &[])], d(2026, 11, 23));
    assert_eq!(
        compute(&c, &LawSettings::default()),
        Err(LawError::NoRate { table: RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 11, 23) })
    );
    // With the half year added in Settings it computes.
    let law = LawSettings {
        rates: vec![RateRow { table: RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 12, 31), rate: dec("10"), source: "me".into() }],
        ..LawSettings::default()
    };
    let s = compute(&c, &law).unwrap();
    assert!(s.interest_open() > Decimal::ZERO);
    assert!(s.claims[0].lines.iter().any(|l| l.source == "me"));
}

#[test]
fn due_date_missing_means_thirty_days() {
    let mut cl = claim("1000", d(2024, 3, 31), &[]);
    cl.due = None;
    cl.invoice_date = d(2024, 3, 1);
    assert_eq!(cl.due_date(), d(2024, 3, 31));
    assert_eq!(cl.start(), d(2024, 4, 1));
}

#[test]
fn nl_business_costs_follow_settings_and_terms() {
    let base = case(Regime::NlBusiness, vec![claim("1000", d(2024, 1, 31), &[]), claim("9000", d(2024, 2, 29), &[])], d(2024, 3, 10));
    // The staffel on the total (10,000 -> 875), not per invoice (150 + 825).
    let rows: [(NlBusinessCosts, Option<ContractCosts>, Option<&str>, &str); 6] = [
        (NlBusinessCosts::Staffel, None, None, "875"),
        (NlBusinessCosts::Staffel, None, Some("21"), "1058.75"),
        (NlBusinessCosts::Fixed40, None, None, "40"),
        (NlBusinessCosts::None, None, None, "0"),
        (NlBusinessCosts::Staffel, Some(ContractCosts::Percent(dec("10"))), None, "1000"),
        (NlBusinessCosts::Staffel, Some(ContractCosts::Fixed(dec("25"))), None, "40"),
    ];
    for (setting, terms, vat, expected) in rows {
        let mut c = base.clone();
        c.terms.costs = terms;
        let law = LawSettings { nl_business_costs: setting, costs_vat: vat.map(dec), ..LawSettings::default() };
        let s = compute(&c, &law).unwrap();
        assert_eq!(round_cents(s.costs), dec(expected), "{setting:?} {terms:?} {vat:?}");
        assert_eq!(s.condition, None);
        assert_eq!(s.costs_date, Some(d(2024, 3, 10)));
    }
}

#[test]
fn nl_consumer_costs_need_a_fourteen_day_letter() {
    let claims = vec![claim("1000", d(2024, 1, 31), &[])];
    let letter = |sent| Reminder { sent, channel: Channel::Letter, fourteen_day: true };
    let reminder = |sent| Reminder { sent, channel: Channel::Email, fourteen_day: false };
    // (name, reminders, as of, state, costs now, prospective)
    let rows = [
        ("no letter", vec![], d(2024, 3, 1), NoticeState::NotSent { earliest: d(2024, 3, 18) }, "0", "150"),
        ("ordinary reminder only", vec![reminder(d(2024, 2, 5))], d(2024, 3, 1), NoticeState::NotSent { earliest: d(2024, 3, 18) }, "0", "150"),
        ("letter before the due date", vec![letter(d(2024, 1, 20))], d(2024, 3, 1), NoticeState::NotSent { earliest: d(2024, 3, 18) }, "0", "150"),
        // Sent 1 March, received 3 March, 14 days from 4 to 17 March.
        ("last day of the 14", vec![letter(d(2024, 3, 1))], d(2024, 3, 17), NoticeState::Running { sent: d(2024, 3, 1), last_day: d(2024, 3, 17) }, "0", "150"),
        ("the day after", vec![letter(d(2024, 3, 1))], d(2024, 3, 18), NoticeState::Met { sent: d(2024, 3, 1), from: d(2024, 3, 18) }, "150", "0"),
    ];
    for (name, reminders, as_of, state, now, prospective) in rows {
        let c = Case { reminders, ..case(Regime::NlConsumer, claims.clone(), as_of) };
        let s = run(&c);
        assert_eq!(s.condition, Some(CostsCondition { notice: Notice::FourteenDayLetter, state }), "{name}");
        assert_eq!(round_cents(s.costs), dec(now), "{name}");
        assert_eq!(round_cents(s.costs_prospective), dec(prospective), "{name}");
    }
    // Paid within the 14 days (principal and the interest so far): no costs.
    let paid = vec![claim("1000", d(2024, 1, 31), &[(d(2024, 3, 15), "1010")])];
    let c = Case { reminders: vec![letter(d(2024, 3, 1))], ..case(Regime::NlConsumer, paid, d(2024, 4, 1)) };
    assert_eq!(run(&c).costs, Decimal::ZERO);
    // Contractual costs do not apply to consumers: the staffel is mandatory.
    let mut c = Case { reminders: vec![letter(d(2024, 3, 1))], ..case(Regime::NlConsumer, claims, d(2024, 4, 1)) };
    c.terms.costs = Some(ContractCosts::Percent(dec("25")));
    let s = run(&c);
    assert_eq!(round_cents(s.costs), dec("150"));
    assert!(s.costs_lines.iter().any(|l| l.kind == LineKind::CostsContractIgnored));
}

#[test]
fn costs_first_then_interest_then_principal() {
    // Consumer: costs fixed on 18 March (150); a payment of 200 on 20 March pays them first.
    let claims = vec![claim("1000", d(2024, 1, 31), &[(d(2024, 3, 20), "200")])];
    let c = Case {
        reminders: vec![Reminder { sent: d(2024, 3, 1), channel: Channel::Letter, fourteen_day: true }],
        ..case(Regime::NlConsumer, claims, d(2024, 3, 20))
    };
    let s = run(&c);
    assert_eq!(round_cents(s.costs), dec("150"));
    assert_eq!(s.costs_open, Decimal::ZERO);
    // 49 days at 7% on 1000 over 366: 9.37 interest, the rest (40.63) to the principal.
    let pay = s.claims[0].lines.iter().find_map(|l| match l.kind {
        LineKind::Payment { to_costs, to_interest, to_principal, .. } => Some((to_costs, to_interest, to_principal)),
        _ => None,
    });
    let (to_costs, to_interest, to_principal) = pay.unwrap();
    assert_eq!(round_cents(to_costs), dec("150"));
    assert_eq!(round_cents(to_interest), dec("9.37"));
    assert_eq!(round_cents(to_principal), dec("40.63"));
    assert_eq!(to_costs + to_interest + to_principal, dec("200"));
}

#[test]
fn belgian_business_fixed_forty_per_invoice() {
    let c = case(
        Regime::BeBusiness,
        vec![claim("1000", d(2024, 1, 31), &[]), claim("50", d(2024, 2, 10), &[]), claim("70", d(2024, 4, 10), &[])],
        d(2024, 3, 1),
    );
    let s = run(&c);
    // Two invoices are late on 1 March; the third is not yet due.
    assert_eq!(s.costs, dec("80"));
    assert!(matches!(s.costs_lines[0].kind, LineKind::Fixed40PerInvoice { invoices: 2 }));
    assert_eq!(s.rule, InterestRule::Statutory(RateTableKind::BeCommercial));
}

#[test]
fn belgian_consumer_rules() {
    let claims = vec![claim("1000", d(2025, 2, 28), &[])];
    // First reminder by e-mail on Monday 3 March: wait from the 4th, 14 days to the 17th.
    let email = Reminder { sent: d(2025, 3, 3), channel: Channel::Email, fourteen_day: false };
    // By post on Friday 7 March: third working day is Wednesday 12th; 14 days to the 25th.
    let post = Reminder { sent: d(2025, 3, 7), channel: Channel::Letter, fourteen_day: false };
    let rows = [
        (email, d(2025, 3, 17), NoticeState::Running { sent: d(2025, 3, 3), last_day: d(2025, 3, 17) }),
        (email, d(2025, 3, 18), NoticeState::Met { sent: d(2025, 3, 3), from: d(2025, 3, 18) }),
        (post, d(2025, 3, 25), NoticeState::Running { sent: d(2025, 3, 7), last_day: d(2025, 3, 25) }),
        (post, d(2025, 3, 26), NoticeState::Met { sent: d(2025, 3, 7), from: d(2025, 3, 26) }),
    ];
    for (reminder, as_of, state) in rows {
        let c = Case { reminders: vec![reminder], ..case(Regime::BeConsumer, claims.clone(), as_of) };
        let s = run(&c);
        assert_eq!(s.condition.map(|c| c.state), Some(state), "{reminder:?} {as_of}");
        let met = matches!(state, NoticeState::Met { .. });
        // €1,000 -> €90 damages (DOMAIN.md example), only after the wait.
        assert_eq!(s.costs, if met { dec("90") } else { Decimal::ZERO });
        // No agreed interest: none.
        assert_eq!(s.interest_open(), Decimal::ZERO);
        assert_eq!(s.rule, InterestRule::NoneAgreed);
    }
    // Later reminders: €7.50 each + postage when by letter; interest as agreed, capped at the
    // B2B rate (1% a month = 12% > 11.5% in 2025 H1), from the end of the wait.
    let later = vec![
        email,
        Reminder { sent: d(2025, 3, 20), channel: Channel::Letter, fourteen_day: false },
        Reminder { sent: d(2025, 3, 27), channel: Channel::Email, fourteen_day: false },
    ];
    let mut c = Case { reminders: later, ..case(Regime::BeConsumer, claims, d(2025, 3, 31)) };
    c.terms.interest = Some(ContractInterest { rate: dec("1"), per_month: true, compound: false });
    let law = LawSettings { be_postage: dec("1.50"), ..LawSettings::default() };
    let s = compute(&c, &law).unwrap();
    assert_eq!(s.costs, dec("90") + dec("15") + dec("1.50"));
    let first = s.claims[0].lines.iter().find(|l| matches!(l.kind, LineKind::Interest(_))).unwrap();
    assert_eq!((first.from, first.rate), (Some(d(2025, 3, 18)), Some(dec("11.5"))));
    // 14 days (18-31 March) × 11.5% over 365.
    assert_eq!(interest(&s), round_cents(dec("1000") * dec("0.115") * dec("14") / dec("365")));
}

#[test]
fn contractual_interest() {
    let c0 = case(Regime::NlBusiness, vec![claim("1000", d(2023, 12, 31), &[])], d(2025, 12, 31));
    // (rate, per month, compound, expected over two years from 1 Jan 2024)
    let rows = [
        // 12% a year, simple: 2 × 120.
        ("12", false, false, "240"),
        // 1% a month = 12% a year, compounded: 120 + 12% of 1120.
        ("1", true, true, "254.4"),
        ("0", false, false, "0"),
    ];
    for (rate, per_month, compound, expected) in rows {
        let mut c = c0.clone();
        c.terms.interest = Some(ContractInterest { rate: dec(rate), per_month, compound });
        let s = run(&c);
        assert_eq!(interest(&s), dec(expected), "{rate} {per_month} {compound}");
        assert!(matches!(s.rule, InterestRule::Contract(_)));
    }
}

#[test]
fn working_days() {
    assert_eq!(add_working_days(d(2025, 3, 7), 3), d(2025, 3, 12));
    assert_eq!(add_working_days(d(2025, 3, 3), 3), d(2025, 3, 6));
    assert_eq!(add_working_days(d(2025, 3, 8), 1), d(2025, 3, 10));
}

#[test]
fn regime_by_country_and_kind() {
    use crate::domain::{Country, CustomerKind};
    assert_eq!(Regime::of(CustomerKind::Business, &Country::Be), Regime::BeBusiness);
    assert_eq!(Regime::of(CustomerKind::Consumer, &Country::Be), Regime::BeConsumer);
    assert_eq!(Regime::of(CustomerKind::Consumer, &Country::Nl), Regime::NlConsumer);
    assert_eq!(Regime::of(CustomerKind::Business, &Country::Other("DE".into())), Regime::NlBusiness);
}
