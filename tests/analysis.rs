//! Segmentation, market penetration and look-alikes on a small ledger whose figures are worked
//! out by hand in the comments.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{
    Address, Allocation, Country, Customer, CustomerId, Invoice, Ledger, Margin, MarketCount, MarketData, Money,
    Payment, Prospect, Region, ScoreEntry, SizeClass,
};
use stipt::engine::analysis::kpi::{KpiOptions, Period};
use stipt::engine::analysis::market::{
    analyse_market, companies_for, look_alikes, prospect_to_customer, FitReason, MarketGap, MarketOptions,
};
use stipt::engine::analysis::segments::{
    segment, segment_kpis, Abc, Dimension, SegmentKey, SegmentOptions, SegmentPart, SegmentValue,
};
use stipt::engine::risk::Grade;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn r1(x: Decimal) -> Decimal {
    x.round_dp(1)
}

struct Shop {
    l: Ledger,
    ids: Vec<CustomerId>,
}

fn customer(
    l: &mut Ledger,
    n: &str,
    sector: &str,
    size: SizeClass,
    country: Country,
    postcode: &str,
    score: Option<u8>,
) -> CustomerId {
    let mut c = Customer::new(n, format!("Klant {n}"));
    c.sector = sector.into();
    c.size_class = Some(size);
    c.country = country;
    c.address = Address { street: String::new(), postcode: postcode.into(), city: String::new() };
    let id = l.add_customer(c).unwrap();
    if let Some(s) = score {
        l.add_score(id, ScoreEntry::new(d(1, 1), s, "test").unwrap()).unwrap();
    }
    id
}

fn invoice(
    l: &mut Ledger,
    c: CustomerId,
    n: &str,
    date: NaiveDate,
    amount: &str,
    margin: Option<Margin>,
) -> stipt::domain::InvoiceId {
    let mut inv = Invoice::new(n, c, date, 30, Money::eur(dec(amount)));
    inv.margin = margin;
    l.add_invoice(inv).unwrap()
}

fn pay(l: &mut Ledger, c: CustomerId, on: NaiveDate, inv: stipt::domain::InvoiceId, amount: &str) {
    let p =
        Payment::new(c, on, Money::eur(dec(amount)), vec![Allocation { invoice: inv, amount: dec(amount) }]).unwrap();
    l.add_payment(p).unwrap();
}

/// Period: first half of 2026, as of 30 June.
///
/// | customer | sector, size, region | revenue | margin | grade (as of 30 June) | score |
/// | A | Bouw, small, NL-10 | 6000 | 25% = 1500 | A (paid on the due date) | 80 |
/// | B | bouw, small, NL-10 | 2000 | 200 | C (20 days late) | 60 |
/// | C | Zorg, medium, BE-VAN | 1500 | — | D (open, 60 days late) | 30 |
/// | D | Zorg, medium, BE-VAN | 500 − 100 credited = 400 | 10% = 50 − 10 = 40 | C (open, 30 days) | — |
/// | E | Bouw, small, NL-10 | only in 2025: not active | | | |
fn shop() -> Shop {
    let mut l = Ledger::new();
    let a = customer(&mut l, "D0001", "Bouw", SizeClass::Small, Country::Nl, "1012 AB", Some(80));
    let b = customer(&mut l, "D0002", "bouw ", SizeClass::Small, Country::Nl, "1099XX", Some(60));
    let c = customer(&mut l, "D0003", "Zorg", SizeClass::Medium, Country::Be, "2000", Some(30));
    let dd = customer(&mut l, "D0004", "Zorg", SizeClass::Medium, Country::Be, "2018", None);
    let e = customer(&mut l, "D0005", "Bouw", SizeClass::Small, Country::Nl, "1011", None);
    let ia = invoice(&mut l, a, "1", d(2, 1), "6000", Some(Margin::Percent(dec("25"))));
    pay(&mut l, a, d(3, 3), ia, "6000");
    let ib = invoice(&mut l, b, "2", d(3, 1), "2000", Some(Margin::Amount(dec("200"))));
    pay(&mut l, b, d(4, 20), ib, "2000");
    invoice(&mut l, c, "3", d(4, 1), "1500", None);
    let id = invoice(&mut l, dd, "4", d(5, 1), "500", Some(Margin::Percent(dec("10"))));
    let target = l.invoice(id).unwrap().clone();
    l.add_invoice(Invoice::credit_note("4C", &target, d(5, 10), Money::eur(dec("100")))).unwrap();
    let mut old = Invoice::new("0", e, NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), 30, Money::eur(dec("999")));
    old.margin = None;
    l.add_invoice(old).unwrap();
    Shop { l, ids: vec![a, b, c, dd, e] }
}

fn half() -> Period {
    Period::new(d(1, 1), d(6, 30)).unwrap()
}

fn market_key() -> SegmentKey {
    SegmentKey::new([Dimension::Region, Dimension::Sector, Dimension::SizeClass])
}

fn bouw() -> SegmentValue {
    SegmentValue(vec![
        SegmentPart::Sector("Bouw".into()),
        SegmentPart::Size(Some(SizeClass::Small)),
        SegmentPart::Region(Region::NlArea(10)),
    ])
}

fn zorg() -> SegmentValue {
    SegmentValue(vec![
        SegmentPart::Sector("Zorg".into()),
        SegmentPart::Size(Some(SizeClass::Medium)),
        SegmentPart::Region(Region::BeProvince(stipt::domain::BeProvince::Antwerp)),
    ])
}

#[test]
fn segments_on_sector_size_and_region() {
    let s = shop();
    let report = segment(&s.l, half(), &market_key(), &SegmentOptions::default());
    assert_eq!(report.key.dimensions(), &[Dimension::Sector, Dimension::SizeClass, Dimension::Region]);
    assert_eq!(report.customers, 4, "E has no documents in the period");
    assert_eq!(report.total_revenue, dec("9900"));
    assert_eq!(report.rows.len(), 2);
    let (first, second) = (&report.rows[0], &report.rows[1]);
    assert_eq!(first.value, bouw(), "sector compared case-insensitively, shown as first written");
    assert_eq!(first.customers, vec![s.ids[0], s.ids[1]]);
    assert_eq!(first.revenue, dec("8000"));
    assert_eq!(first.margin, Some(dec("1700")));
    assert_eq!(first.margin_percent, Some(dec("21.25"))); // 1700 / 8000
    assert_eq!(first.average_revenue, dec("4000"));
    let g = first.average_grade.unwrap();
    assert_eq!((g.value, g.letter, g.graded), (dec("2"), Grade::B, 2)); // (A=1 + C=3) / 2
    assert_eq!(first.average_score, Some(dec("70")));
    assert_eq!(first.share.map(r1), Some(dec("80.8")));
    assert_eq!(first.abc, Abc::A);

    assert_eq!(second.value, zorg());
    assert_eq!(second.revenue, dec("1900"));
    assert_eq!(second.margin, Some(dec("40")), "credit note takes its share of the invoice's margin");
    assert_eq!(second.margin_percent, Some(dec("10")), "40 on the 400 with a known margin");
    let g = second.average_grade.unwrap();
    assert_eq!((g.value, g.letter), (dec("3.5"), Grade::D)); // (D=4 + C=3) / 2, rounded up
    assert_eq!(second.average_score, Some(dec("30")));
    assert_eq!(second.abc, Abc::B, "80.8% comes before it");
}

#[test]
fn segments_on_revenue_margin_morality_and_score() {
    let s = shop();
    let options = SegmentOptions::default();
    // Customers' own Pareto: A 6000 (0% before) A; B 2000 (60.6%) A; C 1500 (80.8%) B; D 400 (96%) C.
    let by_revenue = segment(&s.l, half(), &SegmentKey::new([Dimension::Revenue]), &options);
    let rows: Vec<(SegmentValue, Decimal)> = by_revenue.rows.iter().map(|r| (r.value.clone(), r.revenue)).collect();
    assert_eq!(
        rows,
        vec![
            (SegmentValue(vec![SegmentPart::Revenue(Some(Abc::A))]), dec("8000")),
            (SegmentValue(vec![SegmentPart::Revenue(Some(Abc::B))]), dec("1500")),
            (SegmentValue(vec![SegmentPart::Revenue(Some(Abc::C))]), dec("400")),
        ]
    );
    // Margin: A 25% high, B 10% middle, C unknown, D 10% middle.
    let by_margin = segment(&s.l, half(), &SegmentKey::new([Dimension::Margin]), &options);
    let counts: Vec<(SegmentValue, usize)> =
        by_margin.rows.iter().map(|r| (r.value.clone(), r.customers.len())).collect();
    use stipt::engine::analysis::segments::MarginClass;
    assert_eq!(
        counts,
        vec![
            (SegmentValue(vec![SegmentPart::Margin(Some(MarginClass::High))]), 1),
            (SegmentValue(vec![SegmentPart::Margin(Some(MarginClass::Middle))]), 2),
            (SegmentValue(vec![SegmentPart::Margin(None)]), 1),
        ]
    );
    // Morality × creditworthiness.
    let key = SegmentKey::new([Dimension::Creditworthiness, Dimension::Morality]);
    let rows = segment(&s.l, half(), &key, &options).rows;
    use stipt::engine::analysis::segments::ScoreBand;
    let values: Vec<SegmentValue> = rows.iter().map(|r| r.value.clone()).collect();
    assert_eq!(
        values,
        vec![
            SegmentValue(vec![
                SegmentPart::Morality(Some(Grade::A)),
                SegmentPart::Creditworthiness(Some(ScoreBand::Good))
            ]),
            SegmentValue(vec![
                SegmentPart::Morality(Some(Grade::C)),
                SegmentPart::Creditworthiness(Some(ScoreBand::Medium))
            ]),
            SegmentValue(vec![
                SegmentPart::Morality(Some(Grade::D)),
                SegmentPart::Creditworthiness(Some(ScoreBand::Weak))
            ]),
            SegmentValue(vec![SegmentPart::Morality(Some(Grade::C)), SegmentPart::Creditworthiness(None)]),
        ]
    );
}

#[test]
fn segment_kpis_add_up_to_the_segments() {
    let s = shop();
    let report = segment(&s.l, half(), &market_key(), &SegmentOptions::default());
    let kpis = segment_kpis(&s.l, &report, half(), &KpiOptions::default());
    let eur = stipt::domain::Currency::EUR;
    // Bouw: everything paid; Zorg: 1500 + 400 open, all overdue on 30 June.
    assert_eq!(kpis[&bouw()][&eur].base.closing_total(), Decimal::ZERO);
    assert_eq!(kpis[&bouw()][&eur].base.sales, dec("8000"));
    assert_eq!(kpis[&zorg()][&eur].base.closing_overdue(), dec("1900"));
    assert_eq!(kpis[&zorg()][&eur].overdue_share, Ok(dec("100")));
}

fn count(sector: &str, size: Option<SizeClass>, region: Option<Region>, companies: u32) -> MarketCount {
    MarketCount { sector: sector.into(), size_class: size, region, companies, source: "KvK".into() }
}

fn market() -> MarketData {
    MarketData {
        counts: vec![
            count("bouw", Some(SizeClass::Small), Some(Region::NlArea(10)), 40),
            count("Zorg", Some(SizeClass::Medium), Some(Region::BeProvince(stipt::domain::BeProvince::Antwerp)), 10),
        ],
        prospects: vec![],
    }
}

#[test]
fn penetration_potential_and_ranking() {
    let s = shop();
    let a =
        analyse_market(&s.l, half(), &market_key(), &market(), &SegmentOptions::default(), &MarketOptions::default());
    assert_eq!(a.average_revenue, Some(dec("2475"))); // 9900 / 4
    let (top, next) = (&a.rows[0], &a.rows[1]);
    assert_eq!((top.segment.value.clone(), top.rank), (bouw(), 1));
    assert_eq!(top.companies, Ok(40));
    assert_eq!(top.penetration, Ok(dec("5"))); // 2 / 40
    assert_eq!(top.revenue_penetration.map(r1), Ok(dec("8.1"))); // 8000 / (40 × 2475)
    assert_eq!(top.potential, Ok(dec("152000"))); // 38 × 4000
                                                  // Parts: revenue 100, margin 100, grade (4 − 2)/3 = 66.7, score 70, potential 100.
    let parts: Vec<(Option<Decimal>, Decimal)> = top.parts.iter().map(|p| (p.value, p.points)).collect();
    assert_eq!(
        parts,
        vec![
            (Some(dec("100")), dec("30")),
            (Some(dec("100")), dec("25")),
            (Some(dec("66.7")), dec("13.3")),
            (Some(dec("70")), dec("10.5")),
            (Some(dec("100")), dec("10")),
        ]
    );
    assert_eq!(top.score, dec("88.8"));
    assert_eq!((next.segment.value.clone(), next.rank), (zorg(), 2));
    assert_eq!(next.penetration, Ok(dec("20")));
    assert_eq!(next.potential, Ok(dec("7600"))); // 8 × 950
                                                 // revenue 23.8 → 7.1; margin 10/21.25 = 47.1 → 11.8; grade 16.7 → 3.3; score 30 → 4.5; potential 5 → 0.5
    assert_eq!(next.score, dec("27.2"));
    assert!(!top.counts_too_low && !next.counts_too_low);
}

#[test]
fn companies_from_the_coarsest_matching_rows() {
    let key = SegmentKey::new([Dimension::Sector]);
    let value = SegmentValue(vec![SegmentPart::Sector("Bouw".into())]);
    let small = count("Bouw", Some(SizeClass::Small), None, 30);
    let medium = count("Bouw", Some(SizeClass::Medium), None, 5);
    let all = count("BOUW", None, None, 100);
    let zorg_small = count("Zorg", Some(SizeClass::Small), None, 7);
    let rows = [
        ("finer rows add up", vec![small.clone(), medium.clone(), zorg_small.clone()], Ok(35)),
        ("an 'all' row wins", vec![small.clone(), all.clone(), medium.clone()], Ok(100)),
        ("nothing fits", vec![zorg_small.clone()], Err(MarketGap::NoCount)),
    ];
    for (name, counts, expected) in rows {
        assert_eq!(companies_for(&value, &key, &counts), expected, "row {name}");
    }
    let mixed = SegmentKey::new([Dimension::Sector, Dimension::Morality]);
    assert_eq!(companies_for(&value, &mixed, &[all]), Err(MarketGap::KeyNotMarketOnly));
}

#[test]
fn look_alikes_ranked_with_reasons() {
    let s = shop();
    let options = MarketOptions::default();
    let a = analyse_market(&s.l, half(), &market_key(), &market(), &SegmentOptions::default(), &options);
    let prospect = |name: &str, sector: &str, size, region, score| Prospect {
        name: name.into(),
        sector: sector.into(),
        size_class: size,
        region,
        score,
        city: "Stad".into(),
        note: String::new(),
    };
    let antwerp = Region::BeProvince(stipt::domain::BeProvince::Antwerp);
    let prospects = vec![
        prospect("ICT", "ICT", None, None, Some(90)),
        prospect("Bouw Z", "Bouw", Some(SizeClass::Large), Some(Region::NlArea(20)), Some(50)),
        prospect("Zorg Y", "zorg", Some(SizeClass::Medium), Some(antwerp), None),
        prospect("Bouwbedrijf X", "Bouw", Some(SizeClass::Small), Some(Region::NlArea(10)), Some(72)),
    ];
    let ranked = look_alikes(&a, &prospects, &options);
    let order: Vec<(&str, Decimal)> = ranked.iter().map(|l| (l.name.as_str(), l.fit)).collect();
    assert_eq!(
        order,
        vec![("Bouwbedrijf X", dec("100")), ("Zorg Y", dec("80")), ("Bouw Z", dec("40")), ("ICT", dec("20"))]
    );
    assert_eq!(
        ranked[0].reasons,
        vec![
            FitReason::SameSector { segment: bouw(), rank: 1 },
            FitReason::SameSize { segment: bouw(), rank: 1 },
            FitReason::SameRegion { segment: bouw(), rank: 1 },
            FitReason::ScoreAtLeast { score: 72, threshold: 60 },
        ]
    );
    assert_eq!(ranked[1].segment, Some((zorg(), 2)));
    assert_eq!(ranked[1].reasons.last(), Some(&FitReason::NoScore));
    assert_eq!(
        ranked[2].reasons,
        vec![FitReason::SameSector { segment: bouw(), rank: 1 }, FitReason::ScoreBelow { score: 50, threshold: 60 },]
    );
    assert_eq!(ranked[3].segment, None);
    assert_eq!(ranked[3].index, 0);

    let new = prospect_to_customer(&prospects[2], &s.l);
    assert_eq!(new.number, "D0006");
    assert_eq!((new.name.as_str(), new.sector.as_str(), new.size_class), ("Zorg Y", "zorg", Some(SizeClass::Medium)));
    assert_eq!(new.country, Country::Be);
    assert_eq!(new.address.city, "Stad");
    let mut l = s.l.clone();
    assert!(l.add_customer(new).is_ok(), "the new customer fits the ledger");
}
