//! Property tests of the law computations: the invariants that hold for any claim.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use stipt::domain::{ContractInterest, ContractTerms, LawSettings, PaymentOrder};
use stipt::engine::law::{self, costs, Case, Claim, ClaimPayment, LineKind, Regime};

fn cents() -> impl Strategy<Value = Decimal> {
    (1i64..200_000_000).prop_map(|c| Decimal::new(c, 2))
}

/// A day inside the shipped tables (2016-2026 H1 for NL commercial and BE).
fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..3_600).prop_map(|n| NaiveDate::from_ymd_opt(2016, 1, 1).unwrap() + Duration::days(n))
}

fn claim(principal: Decimal, due: NaiveDate, payments: Vec<ClaimPayment>) -> Claim {
    Claim { label: "F".into(), principal, invoice_date: due - Duration::days(14), due: Some(due), payments }
}

proptest! {
    #[test]
    fn staffel_within_minimum_and_maximum(p in cents()) {
        let (amount, _) = costs::bik(p);
        prop_assert!(amount >= costs::bik_min() && amount <= costs::bik_max(), "{p} -> {amount}");
    }

    #[test]
    fn staffel_monotone(a in cents(), b in cents()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(costs::bik(lo).0 <= costs::bik(hi).0);
        prop_assert!(costs::be_consumer_damages_cap(lo).0 <= costs::be_consumer_damages_cap(hi).0);
        prop_assert!(costs::be_consumer_damages_cap(hi).0 <= Decimal::from(2000));
    }

    #[test]
    fn paid_on_time_no_interest(p in cents(), due in day(), early in 0i64..30, later in 1i64..600, regime in 0usize..3) {
        let regime = [Regime::NlBusiness, Regime::BeBusiness, Regime::NlConsumer][regime];
        let as_of = (due + Duration::days(later)).min(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
        prop_assume!(as_of > due);
        let c = Case {
            regime,
            terms: ContractTerms::default(),
            claims: vec![claim(p, due, vec![ClaimPayment { date: due - Duration::days(early), amount: p }])],
            reminders: vec![],
            as_of,
        };
        let s = law::compute(&c, &LawSettings::default());
        // Outside the consumer table's range the answer is an explicit error, never zero.
        if let Ok(s) = s {
            prop_assert_eq!(s.interest_open(), Decimal::ZERO);
            prop_assert_eq!(s.principal_open(), Decimal::ZERO);
            prop_assert_eq!(s.costs, Decimal::ZERO);
        }
    }

    #[test]
    fn compound_at_least_simple(p in cents(), due in day(), days in 1i64..3_000, rate in 1i64..3_000) {
        let as_of = due + Duration::days(days);
        let mut c = Case { regime: Regime::NlBusiness, terms: ContractTerms::default(), claims: vec![claim(p, due, vec![])], reminders: vec![], as_of };
        let ci = ContractInterest { rate: Decimal::new(rate, 2), per_month: false, compound: false };
        c.terms.interest = Some(ci);
        let simple = law::compute(&c, &LawSettings::default()).unwrap().interest_open();
        c.terms.interest = Some(ContractInterest { compound: true, ..ci });
        let compound = law::compute(&c, &LawSettings::default()).unwrap().interest_open();
        prop_assert!(compound >= simple, "{compound} < {simple}");
        if days <= 365 {
            prop_assert_eq!(compound, simple);
        }
    }

    #[test]
    fn payments_are_conserved(
        p in cents(),
        due in day(),
        pays in proptest::collection::vec((1i64..400, 1i64..10_000_000), 0..5),
        principal_first in any::<bool>(),
    ) {
        let payments: Vec<ClaimPayment> =
            pays.iter().map(|&(off, c)| ClaimPayment { date: due + Duration::days(off), amount: Decimal::new(c, 2) }).collect();
        let as_of = due + Duration::days(400);
        let c = Case {
            regime: Regime::BeBusiness,
            terms: ContractTerms { interest: Some(ContractInterest { rate: Decimal::from(8), per_month: false, compound: false }), costs: None },
            claims: vec![claim(p, due, payments)],
            reminders: vec![],
            as_of,
        };
        let order = if principal_first { PaymentOrder::PrincipalInterestCosts } else { PaymentOrder::CostsInterestPrincipal };
        let s = law::compute(&c, &LawSettings { order, ..LawSettings::default() }).unwrap();
        let mut paid_principal = Decimal::ZERO;
        for line in &s.claims[0].lines {
            if let LineKind::Payment { to_costs, to_interest, to_principal, unapplied } = line.kind {
                prop_assert_eq!(to_costs + to_interest + to_principal + unapplied, line.amount);
                prop_assert!(to_costs >= Decimal::ZERO && to_interest >= Decimal::ZERO && to_principal >= Decimal::ZERO && unapplied >= Decimal::ZERO);
                paid_principal += to_principal;
            }
        }
        prop_assert_eq!(s.claims[0].principal_open + paid_principal, p);
        prop_assert!(s.claims[0].interest_open >= Decimal::ZERO);
    }
}
