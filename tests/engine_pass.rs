//! The shared `engine::Pass` gives exactly what the functions give on their own: on generated
//! ledgers (several seeds, days at the end of the ledger and before it, so that later records
//! exist), one pass used for every part in turn, and for a second day, equals each public
//! function without a pass, and the per-customer functions, which gather one customer through
//! their own paths (the phase still through the ledger's balances).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use stipt::domain::Ledger;
use stipt::engine::aging::{age, age_with, by_customer, by_customer_with};
use stipt::engine::analysis::kpi::{kpi_report, kpi_report_with, kpis, kpis_with, KpiOptions, Period, Scope};
use stipt::engine::dunning::{plan, plan_with};
use stipt::engine::risk::behaviour::{all_behaviour, all_behaviour_with, behaviour};
use stipt::engine::risk::phase::{phase, phases, phases_with};
use stipt::engine::risk::signals::{all_signals, all_signals_with, signals};
use stipt::engine::Pass;

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
}

/// Every part from `pass` on `today` equals the part computed alone.
fn check_day(l: &Ledger, pass: &Pass<'_>, today: NaiveDate, tag: &str) {
    let rs = &l.settings.risk;
    assert_eq!(plan_with(pass, today), plan(l, today), "{tag}: plan");
    let found = all_signals_with(pass, today, rs);
    assert_eq!(found, all_signals(l, today, rs), "{tag}: signals");
    let beh = all_behaviour_with(pass, today, rs);
    assert_eq!(beh, all_behaviour(l, today, rs), "{tag}: behaviour");
    let ph = phases_with(pass, today);
    assert_eq!(ph, phases(l, today), "{tag}: phases");
    assert_eq!(age_with(pass, None, today), age(l, None, today), "{tag}: aging");
    let per = by_customer_with(pass, today);
    assert_eq!(per, by_customer(l, today), "{tag}: aging per customer");
    for months in [1, 3, 12] {
        let period = Period::months_ending(today, months);
        let options = KpiOptions::default();
        assert_eq!(kpi_report_with(pass, period, &options), kpi_report(l, period, &options), "{tag}: KPI report");
        assert_eq!(kpis_with(pass, period, &options, &Scope::All), kpis(l, period, &options, &Scope::All), "{tag}: KPIs");
    }

    // The per-customer functions, which do not go through a pass.
    let mut per_customer: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for s in &found {
        per_customer.entry(s.customer).or_default().push(s.clone());
    }
    for c in l.customers() {
        assert_eq!(beh[&c.id], behaviour(l, c.id, today, rs), "{tag}: behaviour of {:?}", c.id);
        assert_eq!(per_customer.remove(&c.id).unwrap_or_default(), signals(l, c.id, today, rs), "{tag}: signals of {:?}", c.id);
        assert_eq!(Some(&ph[&c.id]), phase(l, c.id, today).as_ref(), "{tag}: phase of {:?}", c.id);
        let own = age(l, Some(c.id), today);
        assert_eq!(own.open_count(), per.get(&c.id).map_or(0, |a| a.open_count), "{tag}: aging of {:?}", c.id);
    }
}

#[test]
fn a_shared_pass_gives_what_each_function_gives_alone() {
    for seed in [3u64, 11, 2026] {
        let l = stipt::scale::generate(seed, 120, 2_500, end());
        for back in [0i64, 30, 200] {
            let today = end() - Duration::days(back);
            let pass = Pass::new(&l);
            check_day(&l, &pass, today, &format!("seed {seed}, {today}"));
            // The same pass on another day: what it keeps for the first day is not used.
            let other = today - Duration::days(45);
            check_day(&l, &pass, other, &format!("seed {seed}, {today} then {other}"));
        }
    }
}

#[test]
fn a_prepared_pass_gives_the_same() {
    let l = stipt::scale::generate(5, 80, 1_500, end());
    let pass = Pass::new(&l);
    pass.prepare(end());
    check_day(&l, &pass, end(), "prepared");
}
