//! Unit tests of what the public API does not show: the ids scripted invoices get.

use super::*;

#[test]
fn scripted_invoices_get_the_ids_the_triggers_expect() {
    let start = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
    for scenario in Scenario::ALL {
        for seed in [1, 2, 3] {
            let sl = build(scenario, seed, start);
            let end = sl.ledger_on(sl.length_days);
            for s in &sl.script {
                if let ScriptedEvent::Invoice { number, .. } = &s.what {
                    assert_eq!(sl.script_invoice_id(number), end.invoice_by_number(number).map(|i| i.id), "{} {number}", scenario.key());
                }
            }
            assert_eq!(sl.script_invoice_id("no such number"), None);
        }
    }
}

#[test]
fn a_payment_never_takes_more_than_is_open() {
    let sl = build(Scenario::Excuses, 1, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
    let mut l = sl.ledger_on(0);
    let open = open_of(&l, sl.customer);
    let day = sl.date(1);
    sl.apply(&mut l, day, &ScriptedEvent::Pay { target: PayTarget::AllOpen, amount: Some(open * Decimal::TWO), reference: "{inv}".into() });
    assert!(open_of(&l, sl.customer).is_zero());
    assert_eq!(l.payments().filter(|p| p.date == day).map(|p| p.amount.amount).sum::<Decimal>(), open);
    // Nothing open: no payment, no promise.
    let before = l.to_parts();
    sl.apply(&mut l, day, &ScriptedEvent::Pay { target: PayTarget::Overdue, amount: None, reference: String::new() });
    sl.apply(&mut l, day, &ScriptedEvent::Promise { invoice: None, amount: None, in_days: 7, note: String::new() });
    assert_eq!(l.to_parts(), before);
}
