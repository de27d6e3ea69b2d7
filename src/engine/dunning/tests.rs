//! Tests of the planner, rule by rule, mostly as tables whose failure message names the row.

use std::str::FromStr;

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

use super::*;
use crate::domain::{
    Allocation, AssignRule, CollectorLevel, Country, Customer, CustomerKind, Event, EventKind, Invoice, Ledger, Money,
    Payment, Policy, RiskLevel, ScoreEntry, Step, StepBase, StepKind,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
/// Invoice date of the test invoices.
fn jan1() -> NaiveDate {
    d(2026, 1, 1)
}
/// Due date of the test invoices (30 days).
fn due() -> NaiveDate {
    d(2026, 1, 31)
}
fn after_due(days: i64) -> NaiveDate {
    due() + Duration::days(days)
}

fn step(kind: StepKind, base: StepBase, offset_days: i32, channel: Channel) -> Step {
    Step {
        kind,
        base,
        offset_days,
        channel,
        min_amount: Decimal::ZERO,
        fee: Decimal::ZERO,
        announce_interest: false,
        announce_costs: false,
        level: CollectorLevel::Junior,
        deadline_days: 0,
        nearby_only: false,
    }
}

fn policy(steps: Vec<Step>) -> Policy {
    Policy { id: "test".into(), name: "Test".into(), steps }
}

/// Reminder at due + 7, first dunning 7 days after the previous step, a call at due + 21.
fn simple() -> Policy {
    policy(vec![
        step(StepKind::Reminder, StepBase::DueDate, 7, Channel::Email),
        step(StepKind::FirstDunning, StepBase::PreviousStep, 7, Channel::Email),
        step(StepKind::Call, StepBase::DueDate, 21, Channel::Phone),
    ])
}

/// A ledger with one Dutch business customer `c`; the own company is in Groningen.
struct T {
    l: Ledger,
    c: CustomerId,
}

impl T {
    /// The default settings without the assignment rules (every customer gets the standard policy).
    fn new() -> T {
        let mut l = Ledger::new();
        l.company.address.city = "Groningen".into();
        l.settings.dunning.rules.clear();
        let c = l.add_customer(Customer::new("D1", "Klant")).unwrap();
        T { l, c }
    }
    fn with(p: Policy) -> T {
        let mut t = T::new();
        t.l.settings.dunning.default_policy = p.id.clone();
        t.l.settings.dunning.policies = vec![p];
        t
    }
    fn edit(&mut self, f: impl FnOnce(&mut Customer)) {
        let mut c = self.l.customer(self.c).unwrap().clone();
        f(&mut c);
        self.l.update_customer(c).unwrap();
    }
    fn customer(&mut self, number: &str, f: impl FnOnce(&mut Customer)) -> CustomerId {
        let mut c = Customer::new(number, format!("Klant {number}"));
        f(&mut c);
        self.l.add_customer(c).unwrap()
    }
    /// An invoice of customer `c` dated 1 January 2026, due 31 January.
    fn invoice_of(&mut self, c: CustomerId, number: &str, amount: &str) -> InvoiceId {
        self.l.add_invoice(Invoice::new(number, c, jan1(), 30, Money::eur(dec(amount)))).unwrap()
    }
    fn invoice(&mut self, number: &str, amount: &str) -> InvoiceId {
        self.invoice_of(self.c, number, amount)
    }
    fn pay(&mut self, on: NaiveDate, inv: InvoiceId, amount: &str) {
        let c = self.l.invoice(inv).unwrap().customer;
        let p = Payment::new(c, on, Money::eur(dec(amount)), vec![Allocation { invoice: inv, amount: dec(amount) }]);
        self.l.add_payment(p.unwrap()).unwrap();
    }
    fn event(&mut self, inv: Option<InvoiceId>, on: NaiveDate, kind: EventKind) -> EventId {
        let c = inv.map_or(self.c, |i| self.l.invoice(i).unwrap().customer);
        let mut e = Event::new(c, inv, on, kind);
        e.note = "reden".into();
        self.l.add_event(e).unwrap()
    }
    fn done(&mut self, inv: InvoiceId, on: NaiveDate, kind: StepKind, channel: Channel) {
        self.event(Some(inv), on, EventKind::DunningDone { step: kind.key().into(), channel });
    }
    fn skip(&mut self, inv: InvoiceId, on: NaiveDate, kind: StepKind) {
        self.event(Some(inv), on, EventKind::DunningSkipped { step: kind.key().into() });
    }
    fn promise(&mut self, made: NaiveDate, amount: &str, date: NaiveDate) -> EventId {
        self.event(None, made, EventKind::Promise { amount: dec(amount), date })
    }
    fn plan(&self, today: NaiveDate) -> Plan {
        plan(&self.l, today)
    }
    /// The actions on `today` as (kind, invoice numbers).
    fn kinds(&self, today: NaiveDate) -> Vec<(ActionKind, Vec<String>)> {
        self.plan(today).actions.iter().map(|a| (a.kind, a.items.iter().map(|i| i.number.clone()).collect())).collect()
    }
    /// The step kinds due on `today`.
    fn steps(&self, today: NaiveDate) -> Vec<StepKind> {
        self.plan(today)
            .actions
            .iter()
            .filter_map(|a| match a.kind {
                ActionKind::Step(k) => Some(k),
                _ => None,
            })
            .collect()
    }
    fn only(&self, today: NaiveDate) -> Action {
        let p = self.plan(today);
        assert_eq!(p.actions.len(), 1, "one action on {today}: {:?}", p.actions);
        p.actions[0].clone()
    }
    fn held(&self, today: NaiveDate) -> Vec<HeldReason> {
        self.plan(today).held.into_iter().map(|h| h.reason).collect()
    }
}

// ----- steps: offsets, bases, due and done -----

#[test]
fn offsets_and_bases() {
    use StepBase::{DueDate, InvoiceDate, PreviousStep};
    use StepKind::*;
    // (row, steps, done before `today` (kind, day), today, expected step and due_on)
    type Row = (&'static str, Vec<Step>, Vec<(StepKind, NaiveDate)>, NaiveDate, Option<(StepKind, NaiveDate)>);
    let rows: Vec<Row> = vec![
        ("invoice date + 3, the day before", vec![step(InvoiceFollowUp, InvoiceDate, 3, Channel::Email)], vec![], d(2026, 1, 3), None),
        ("invoice date + 3, on the day", vec![step(InvoiceFollowUp, InvoiceDate, 3, Channel::Email)], vec![], d(2026, 1, 4), Some((InvoiceFollowUp, d(2026, 1, 4)))),
        ("invoice date + 3, stays due", vec![step(InvoiceFollowUp, InvoiceDate, 3, Channel::Email)], vec![], d(2026, 1, 30), Some((InvoiceFollowUp, d(2026, 1, 4)))),
        ("follow-up expires on the due date", vec![step(InvoiceFollowUp, InvoiceDate, 3, Channel::Email)], vec![], due(), None),
        ("due date + 7, before", vec![step(Reminder, DueDate, 7, Channel::Email)], vec![], after_due(6), None),
        ("due date + 7, on the day", vec![step(Reminder, DueDate, 7, Channel::Email)], vec![], after_due(7), Some((Reminder, after_due(7)))),
        ("due date + 7, still due later", vec![step(Reminder, DueDate, 7, Channel::Email)], vec![], after_due(30), Some((Reminder, after_due(7)))),
        ("due date - 5 (negative offset)", vec![step(DueDateCall, DueDate, -5, Channel::Phone)], vec![], d(2026, 1, 26), Some((DueDateCall, d(2026, 1, 26)))),
        ("due date - 5, a day early", vec![step(DueDateCall, DueDate, -5, Channel::Phone)], vec![], d(2026, 1, 25), None),
        ("previous step + 7, before", simple().steps, vec![(Reminder, after_due(10))], after_due(16), None),
        ("previous step + 7, from the day it was done", simple().steps, vec![(Reminder, after_due(10))], after_due(17), Some((FirstDunning, after_due(17)))),
        ("previous step without one done: the due date", vec![step(Reminder, PreviousStep, 3, Channel::Email)], vec![], after_due(3), Some((Reminder, after_due(3)))),
        ("done: the next step", simple().steps, vec![(Reminder, after_due(7)), (FirstDunning, after_due(14))], after_due(21), Some((Call, after_due(21)))),
        ("all done: nothing", simple().steps, vec![(Reminder, after_due(7)), (FirstDunning, after_due(14)), (Call, after_due(21))], after_due(60), None),
    ];
    for (name, steps, dones, today, want) in rows {
        let mut t = T::with(policy(steps));
        let i = t.invoice("F1", "100");
        for (kind, on) in dones {
            t.done(i, on, kind, Channel::Email);
        }
        let got = t.plan(today).actions.iter().find_map(|a| match a.kind {
            ActionKind::Step(k) => Some((k, a.due_on)),
            _ => None,
        });
        assert_eq!(got, want, "row {name}");
    }
}

#[test]
fn a_missed_call_is_overtaken_a_missed_letter_is_not() {
    use StepKind::{Call, DueDateCall, Reminder};
    // (name, steps, today, the step due)
    let rows = [
        ("due-date call missed, reminder due: the reminder", vec![step(DueDateCall, StepBase::DueDate, 0, Channel::Phone), step(Reminder, StepBase::DueDate, 7, Channel::Email)], after_due(10), Reminder),
        ("due-date call missed, reminder not yet due: the call", vec![step(DueDateCall, StepBase::DueDate, 0, Channel::Phone), step(Reminder, StepBase::DueDate, 7, Channel::Email)], after_due(5), DueDateCall),
        ("two calls missed, a letter due: the letter", vec![step(DueDateCall, StepBase::DueDate, 0, Channel::Phone), step(Call, StepBase::DueDate, 3, Channel::Phone), step(Reminder, StepBase::DueDate, 7, Channel::Email)], after_due(8), Reminder),
        ("reminder not sent, call due: still the reminder", vec![step(Reminder, StepBase::DueDate, 7, Channel::Email), step(Call, StepBase::DueDate, 21, Channel::Phone)], after_due(30), Reminder),
    ];
    for (name, steps, today, want) in rows {
        let mut t = T::with(policy(steps));
        t.invoice("F1", "100");
        assert_eq!(t.steps(today), vec![want], "row {name}");
    }
}

#[test]
fn skipped_and_overdue_steps_stay_due_one_at_a_time() {
    let mut t = T::with(simple());
    let i = t.invoice("F1", "100");
    // Reminder at due + 7 not done: on due + 30 still the reminder, never the later steps too.
    let a = t.only(after_due(30));
    assert_eq!(a.kind, ActionKind::Step(StepKind::Reminder));
    assert_eq!(a.due_on, after_due(7));
    assert_eq!(a.reason, ActionReason::StepDue { step: StepKind::Reminder, invoice: i, days_over: 30 });
    // Skipped: the first dunning comes 7 days after the skip.
    t.skip(i, after_due(30), StepKind::Reminder);
    assert_eq!(t.steps(after_due(36)), vec![]);
    assert_eq!(t.steps(after_due(37)), vec![StepKind::FirstDunning]);
}

#[test]
fn a_later_step_done_passes_over_the_earlier_ones() {
    let mut t = T::with(simple());
    let i = t.invoice("F1", "100");
    // The first dunning sent by hand before the reminder: the reminder is not due any more.
    t.done(i, after_due(8), StepKind::FirstDunning, Channel::Letter);
    assert_eq!(t.steps(after_due(20)), vec![]);
    assert_eq!(t.steps(after_due(21)), vec![StepKind::Call]);
    // An entry of a step already passed moves nothing.
    t.done(i, after_due(21), StepKind::Reminder, Channel::Email);
    assert_eq!(t.steps(after_due(21)), vec![StepKind::Call]);
}

#[test]
fn older_step_names_in_the_diary_count() {
    let mut t = T::new();
    let i = t.invoice("F1", "100");
    for (name, on) in [("Herinnering", after_due(7)), ("Eerste aanmaning", after_due(14)), ("Ingebrekestelling", after_due(35))] {
        t.event(Some(i), on, EventKind::DunningDone { step: name.into(), channel: Channel::Email });
    }
    // Standard policy: after the final notice, the hand-over 8 days later.
    assert_eq!(t.steps(after_due(42)), vec![]);
    assert_eq!(t.steps(after_due(43)), vec![StepKind::HandOver]);
    // The hand-over states the whole claim, though the step itself announces nothing.
    let a = &t.plan(after_due(43)).actions[0];
    assert!(!Policy::standard().steps.iter().any(|s| s.kind == StepKind::HandOver && (s.announce_interest || s.announce_costs)));
    assert_eq!((a.announce_interest, a.announce_costs), (true, true));
}

#[test]
fn step_names_table() {
    let rows = [
        ("reminder", Some(StepKind::Reminder)),
        ("hand-over", Some(StepKind::HandOver)),
        ("Herinnering", Some(StepKind::Reminder)),
        ("2e herinnering", Some(StepKind::Reminder)),
        ("Eerste aanmaning", Some(StepKind::FirstDunning)),
        ("Laatste aanmaning", Some(StepKind::FinalNotice)),
        ("Ingebrekestelling", Some(StepKind::FinalNotice)),
        ("Veertiendagenbrief", Some(StepKind::FinalNotice)),
        ("14-dagenbrief", Some(StepKind::FinalNotice)),
        ("Overdracht incasso", Some(StepKind::HandOver)),
        ("Bezoek", Some(StepKind::Visit)),
        ("Telefonische herinnering", Some(StepKind::Reminder)),
        ("Bellen", Some(StepKind::Call)),
        ("Vervaldagcall", Some(StepKind::DueDateCall)),
        ("Proactieve check", Some(StepKind::ProactiveCheck)),
        ("Opvolging factuur", Some(StepKind::InvoiceFollowUp)),
        ("promise-broken", None),
        ("Kerstkaart", None),
    ];
    for (name, want) in rows {
        assert_eq!(step_kind_of(name), want, "row {name}");
    }
}

#[test]
fn an_entry_without_invoice_counts_for_the_invoices_open_and_past_due_then() {
    let mut t = T::with(simple());
    let old = t.invoice("F1", "100");
    let paid = t.invoice("F2", "100");
    t.pay(after_due(5), paid, "100");
    let mut late = Invoice::new("F3", t.c, d(2026, 2, 1), 30, Money::eur(dec("100")));
    late.due = d(2026, 3, 3);
    let late = t.l.add_invoice(late).unwrap();
    t.event(None, after_due(7), EventKind::DunningDone { step: "reminder".into(), channel: Channel::Email });
    // F1 had its reminder; F3 was not yet due then and still gets its own.
    assert_eq!(
        t.kinds(after_due(14)),
        vec![(ActionKind::Step(StepKind::FirstDunning), vec!["F1".to_string()])]
    );
    let on = d(2026, 3, 10);
    let p = t.plan(on);
    let find = |k: StepKind| p.actions.iter().find(|a| a.kind == ActionKind::Step(k)).map(|a| a.items[0].invoice);
    assert_eq!(find(StepKind::Reminder), Some(late));
    assert_eq!(find(StepKind::FirstDunning), Some(old));
}

#[test]
fn min_amount_of_a_step() {
    // (row, invoices, today) -> the reminder (min 500) is in the plan?
    let rows: [(&str, &[&str], bool); 4] = [
        ("invoice below, nothing else", &["400"], false),
        ("invoice at the minimum", &["500"], true),
        ("invoice below, customer total above", &["400", "200"], true),
        ("customer total below", &["200", "200"], false),
    ];
    for (name, amounts, want) in rows {
        let mut p = simple();
        p.steps[0].min_amount = dec("500");
        let mut t = T::with(p);
        for (n, a) in amounts.iter().enumerate() {
            t.invoice(&format!("F{n}"), a);
        }
        let has = t.steps(after_due(7)).contains(&StepKind::Reminder);
        assert_eq!(has, want, "row {name}");
    }
    // Passed over, not stuck: below the minimum the next step comes at its own date.
    let mut p = simple();
    p.steps[0].min_amount = dec("500");
    let mut t = T::with(p);
    t.invoice("F1", "100");
    assert_eq!(t.steps(after_due(7)), vec![StepKind::FirstDunning]);
}

#[test]
fn proactive_check_only_for_large_invoices_and_only_before_the_due_date() {
    let standard = Policy::standard();
    // (row, amount, today, expected steps)
    let rows: [(&str, &str, NaiveDate, Vec<StepKind>); 5] = [
        ("large, five days before", "3000", d(2026, 1, 26), vec![StepKind::ProactiveCheck]),
        ("large, six days before", "3000", d(2026, 1, 25), vec![]),
        ("at the threshold", "2500", d(2026, 1, 26), vec![StepKind::ProactiveCheck]),
        ("small", "2499.99", d(2026, 1, 26), vec![]),
        ("large, on the due date: expired", "3000", due(), vec![StepKind::DueDateCall]),
    ];
    for (name, amount, today, want) in rows {
        let mut t = T::with(standard.clone());
        let i = t.invoice("F1", amount);
        t.done(i, d(2026, 1, 4), StepKind::InvoiceFollowUp, Channel::Email);
        assert_eq!(t.steps(today), want, "row {name}");
    }
    // The threshold is the setting, not only the step's minimum.
    let mut t = T::with(standard);
    t.l.settings.dunning.proactive_from = dec("4000");
    let i = t.invoice("F1", "3000");
    t.done(i, d(2026, 1, 4), StepKind::InvoiceFollowUp, Channel::Email);
    assert_eq!(t.steps(d(2026, 1, 26)), vec![]);
}

#[test]
fn steps_run_in_time_order_whatever_order_the_policy_lists_them_in() {
    // The standard policy lists the proactive check (due - 5) before the follow-up (invoice + 3).
    // 30 days: the follow-up first, and the proactive check still comes after it.
    let mut t = T::new();
    let i = t.invoice("F1", "3000");
    assert_eq!(t.steps(d(2026, 1, 4)), vec![StepKind::InvoiceFollowUp]);
    t.done(i, d(2026, 1, 4), StepKind::InvoiceFollowUp, Channel::Email);
    assert_eq!(t.steps(d(2026, 1, 25)), vec![]);
    assert_eq!(t.steps(d(2026, 1, 26)), vec![StepKind::ProactiveCheck]);
    // 7 days: the proactive check (3 January) comes first.
    let mut t = T::new();
    let mut inv = Invoice::new("F1", t.c, jan1(), 7, Money::eur(dec("3000")));
    inv.due = d(2026, 1, 8);
    let i = t.l.add_invoice(inv).unwrap();
    assert_eq!(t.steps(d(2026, 1, 3)), vec![StepKind::ProactiveCheck]);
    t.done(i, d(2026, 1, 3), StepKind::ProactiveCheck, Channel::Phone);
    assert_eq!(t.steps(d(2026, 1, 4)), vec![StepKind::InvoiceFollowUp]);
}

#[test]
fn visit_only_nearby() {
    let visit = || {
        let mut s = step(StepKind::Visit, StepBase::DueDate, 28, Channel::Visit);
        s.nearby_only = true;
        policy(vec![s, step(StepKind::FinalNotice, StepBase::DueDate, 35, Channel::Letter)])
    };
    for (city, want) in [(" groningen ", vec![StepKind::Visit]), ("Assen", vec![]), ("", vec![])] {
        let mut t = T::with(visit());
        t.edit(|c| c.address.city = city.into());
        t.invoice("F1", "100");
        assert_eq!(t.steps(after_due(28)), want, "row {city:?}");
        // Not nearby: passed over, the final notice comes at its date.
        if city != " groningen " {
            assert_eq!(t.steps(after_due(35)), vec![StepKind::FinalNotice], "row {city:?}");
        }
    }
    // Without `nearby_only` the visit is for everyone.
    let mut p = visit();
    p.steps[0].nearby_only = false;
    let mut t = T::with(p);
    t.invoice("F1", "100");
    assert_eq!(t.steps(after_due(28)), vec![StepKind::Visit]);
}

#[test]
fn paid_credited_and_written_off_invoices_get_nothing() {
    let mut t = T::with(simple());
    let paid = t.invoice("F1", "100");
    t.pay(after_due(1), paid, "100");
    let credited = t.invoice("F2", "100");
    let cn = Invoice::credit_note("C1", &t.l.invoice(credited).unwrap().clone(), after_due(1), Money::eur(dec("100")));
    t.l.add_invoice(cn).unwrap();
    let written = t.invoice("F3", "100");
    t.event(Some(written), after_due(2), EventKind::WrittenOff);
    let part = t.invoice("F4", "100");
    t.pay(after_due(1), part, "60");
    let p = t.plan(after_due(7));
    assert_eq!(p.actions.len(), 1);
    assert_eq!(p.actions[0].items.len(), 1);
    assert_eq!(p.actions[0].items[0].invoice, part);
    assert_eq!(p.actions[0].items[0].open, Money::eur(dec("40")));
    assert_eq!(p.actions[0].at_risk, dec("40"));
    // A payment dated after the plan's day does not count yet.
    let later = t.invoice("F5", "100");
    t.pay(after_due(9), later, "100");
    assert_eq!(t.plan(after_due(7)).actions[0].items.len(), 2);
    assert_eq!(t.plan(after_due(9)).actions[0].items.len(), 1);
}

// ----- one message per customer and step -----

#[test]
fn one_message_per_customer_and_step() {
    let mut t = T::with(simple());
    let a = t.invoice("F1", "100");
    t.invoice("F2", "250");
    let other = t.customer("D2", |_| {});
    t.invoice_of(other, "F3", "75");
    let p = t.plan(after_due(7));
    assert_eq!(p.actions.len(), 2, "one per customer");
    let mine = &p.actions[0];
    assert_eq!(mine.customer, t.c);
    assert_eq!(mine.items.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), vec!["F1", "F2"]);
    assert_eq!(mine.at_risk, dec("350"));
    assert_eq!(mine.items[0].days_overdue, 7);
    // At different steps: one message per step.
    t.done(a, after_due(7), StepKind::Reminder, Channel::Email);
    let kinds = t.kinds(after_due(14));
    assert!(kinds.contains(&(ActionKind::Step(StepKind::FirstDunning), vec!["F1".to_string()])), "{kinds:?}");
    assert!(kinds.contains(&(ActionKind::Step(StepKind::Reminder), vec!["F2".to_string()])), "{kinds:?}");
}

#[test]
fn actions_are_sorted_by_amount_at_risk() {
    let mut t = T::with(simple());
    for (n, amount) in ["300", "5000", "40", "900"].iter().enumerate() {
        let c = t.customer(&format!("K{n}"), |_| {});
        t.invoice_of(c, &format!("F{n}"), amount);
    }
    let at_risk: Vec<Decimal> = t.plan(after_due(7)).actions.iter().map(|a| a.at_risk).collect();
    assert_eq!(at_risk, vec![dec("5000"), dec("900"), dec("300"), dec("40")]);
}

#[test]
fn channel_by_amount() {
    // (row, step kind, step channel, amount, expected channel); email below 2,500, letter up to 10,000.
    let rows = [
        ("small reminder", StepKind::Reminder, Channel::Email, "2499.99", Channel::Email),
        ("reminder at 2,500", StepKind::Reminder, Channel::Email, "2500", Channel::Letter),
        ("reminder at 10,000", StepKind::Reminder, Channel::Email, "10000", Channel::Letter),
        ("large reminder", StepKind::Reminder, Channel::Email, "10000.01", Channel::Phone),
        ("small first dunning by letter", StepKind::FirstDunning, Channel::Letter, "100", Channel::Email),
        ("a call stays a call", StepKind::Call, Channel::Phone, "100", Channel::Phone),
        ("final notice keeps its letter", StepKind::FinalNotice, Channel::Letter, "50000", Channel::Letter),
        ("registered letter stays", StepKind::FirstDunning, Channel::RegisteredLetter, "50000", Channel::RegisteredLetter),
    ];
    for (name, kind, channel, amount, want) in rows {
        let mut t = T::with(policy(vec![step(kind, StepBase::DueDate, 7, channel)]));
        t.invoice("F1", amount);
        assert_eq!(t.only(after_due(7)).channel, want, "row {name}");
    }
    // The amount is the message's total.
    let mut t = T::with(simple());
    t.invoice("F1", "2000");
    t.invoice("F2", "1000");
    assert_eq!(t.only(after_due(7)).channel, Channel::Letter);
}

#[test]
fn level_by_step_amount_and_customer() {
    // (row, step level, customer's collector, amount, expected); senior from 5,000, owner from 25,000.
    use CollectorLevel::{Junior, Owner, Senior};
    let rows = [
        ("small, junior", Junior, Junior, "4999.99", Junior),
        ("senior by amount", Junior, Junior, "5000", Senior),
        ("owner by amount", Junior, Junior, "25000", Owner),
        ("senior customer", Junior, Senior, "100", Senior),
        ("owner customer", Junior, Owner, "100", Owner),
        ("senior step", Senior, Junior, "100", Senior),
        ("highest wins", Senior, Junior, "30000", Owner),
    ];
    for (name, step_level, collector, amount, want) in rows {
        let mut s = step(StepKind::Call, StepBase::DueDate, 7, Channel::Phone);
        s.level = step_level;
        let mut t = T::with(policy(vec![s]));
        t.edit(|c| c.collector = collector);
        t.invoice("F1", amount);
        assert_eq!(t.only(after_due(7)).level, want, "row {name}");
    }
}

#[test]
fn deadline_fee_and_announcements_come_from_the_step() {
    let mut t = T::new();
    let i = t.invoice("F1", "100");
    t.done(i, d(2026, 1, 4), StepKind::InvoiceFollowUp, Channel::Email);
    t.done(i, due(), StepKind::DueDateCall, Channel::Phone);
    let a = t.only(after_due(7));
    assert_eq!(a.kind, ActionKind::Step(StepKind::Reminder));
    assert_eq!(a.deadline, Some(after_due(14)));
    assert_eq!(a.policy, "standaard");
    assert!(!a.fourteen_day_letter);
    t.done(i, after_due(7), StepKind::Reminder, Channel::Email);
    t.done(i, after_due(14), StepKind::FirstDunning, Channel::Email);
    t.done(i, after_due(21), StepKind::Call, Channel::Phone);
    let a = t.only(after_due(36));
    assert_eq!(a.kind, ActionKind::Step(StepKind::FinalNotice));
    assert_eq!(a.deadline, Some(after_due(43)), "7 days from the day of the plan");
    assert!(a.announce_interest && a.announce_costs);
    assert_eq!(a.due_on, after_due(35));
    assert_eq!(a.level, CollectorLevel::Senior);
}

// ----- the law -----

#[test]
fn dutch_consumer_final_notice_is_a_fourteen_day_letter() {
    let final_and_hand_over = || {
        let mut f = step(StepKind::FinalNotice, StepBase::DueDate, 35, Channel::Letter);
        f.deadline_days = 7;
        policy(vec![f, step(StepKind::HandOver, StepBase::PreviousStep, 8, Channel::HandOver)])
    };
    // (row, kind, country, 14-day letter, deadline days, hand-over day after the notice)
    let rows = [
        ("Dutch consumer", CustomerKind::Consumer, Country::Nl, true, 16, 17),
        ("Dutch business", CustomerKind::Business, Country::Nl, false, 7, 8),
        ("Belgian business", CustomerKind::Business, Country::Be, false, 7, 8),
    ];
    for (name, kind, country, fourteen, deadline, hand_over) in rows {
        let mut t = T::with(final_and_hand_over());
        t.edit(|c| {
            c.kind = kind;
            c.country = country;
        });
        let i = t.invoice("F1", "100");
        let a = t.only(after_due(36));
        assert_eq!(a.fourteen_day_letter, fourteen, "row {name}");
        assert_eq!(a.deadline, Some(after_due(36 + deadline)), "row {name}");
        assert_eq!(a.announce_costs, fourteen, "row {name}");
        let sent = after_due(36);
        t.done(i, sent, StepKind::FinalNotice, Channel::Letter);
        assert_eq!(t.steps(sent + Duration::days(hand_over - 1)), vec![], "row {name}");
        assert_eq!(t.steps(sent + Duration::days(hand_over)), vec![StepKind::HandOver], "row {name}");
    }
}

#[test]
fn belgian_consumer_first_reminder_is_free_and_the_next_step_waits() {
    let fees = || {
        let mut r = step(StepKind::Reminder, StepBase::DueDate, 7, Channel::Email);
        r.fee = dec("7.50");
        let mut f = step(StepKind::FirstDunning, StepBase::DueDate, 14, Channel::Email);
        f.fee = dec("15");
        policy(vec![r, f])
    };
    // (row, kind, country, reminder fee, sent by, first dunning due after the reminder)
    // The reminder is sent on Saturday 7 February 2026. By e-mail the wait starts the next day,
    // by letter the third working day after (Wednesday 11 February); then 14 days.
    let rows = [
        ("Belgian consumer, e-mail", CustomerKind::Consumer, Country::Be, "0", Channel::Email, d(2026, 2, 22)),
        ("Belgian consumer, letter", CustomerKind::Consumer, Country::Be, "0", Channel::Letter, d(2026, 2, 25)),
        ("Belgian business", CustomerKind::Business, Country::Be, "7.50", Channel::Email, after_due(14)),
        ("Dutch consumer", CustomerKind::Consumer, Country::Nl, "7.50", Channel::Email, after_due(14)),
    ];
    for (name, kind, country, fee, channel, next) in rows {
        let mut t = T::with(fees());
        t.edit(|c| {
            c.kind = kind;
            c.country = country;
        });
        let i = t.invoice("F1", "100");
        let a = t.only(after_due(7));
        assert_eq!(a.fee, dec(fee), "row {name}");
        t.done(i, after_due(7), StepKind::Reminder, channel);
        assert_eq!(t.steps(next - Duration::days(1)), vec![], "row {name}");
        let a = t.only(next);
        assert_eq!(a.kind, ActionKind::Step(StepKind::FirstDunning), "row {name}");
        assert_eq!(a.fee, dec("15"), "row {name}: only the first reminder is free");
    }
}

// ----- held: promise, dispute, on hold, handed over, paused -----

#[test]
fn a_promise_pauses_the_steps_and_a_broken_one_becomes_a_call() {
    let mut t = T::with(simple());
    let i = t.invoice("F1", "600");
    let made = after_due(5);
    let promised = after_due(12);
    let promise = t.promise(made, "600", promised);
    // Paused from the day it was made through the grace days (3) after the promised date.
    for today in [made, after_due(7), promised, after_due(14)] {
        assert_eq!(t.plan(today).actions, vec![], "{today}");
        assert_eq!(t.held(today), vec![HeldReason::Promise { until: promised }], "{today}");
    }
    // Not paid by promised + 3: a call, at least senior; the ordinary steps still wait.
    let a = t.only(after_due(15));
    assert_eq!(a.kind, ActionKind::PromiseBroken { promise, promised, amount: dec("600") });
    assert_eq!((a.channel, a.level, a.due_on), (Channel::Phone, CollectorLevel::Senior, after_due(15)));
    assert_eq!(a.items.len(), 1);
    assert!(matches!(a.reason, ActionReason::PromiseBroken { paid, grace_days: 3, .. } if paid == Money::eur(Decimal::ZERO)));
    assert_eq!(t.only(after_due(20)).kind, a.kind, "stays until done");
    assert_eq!(t.held(after_due(15)), vec![]);
    // A phone call before the day it is due does not count; one on or after it does.
    let call = |outcome| EventKind::Contact { channel: Channel::Phone, outcome };
    let mut called = T::with(simple());
    called.invoice("F1", "600");
    called.promise(made, "600", promised);
    called.event(None, after_due(14), call(crate::domain::ContactOutcome::Reached));
    assert!(matches!(called.only(after_due(16)).kind, ActionKind::PromiseBroken { .. }));
    called.event(None, after_due(16), call(crate::domain::ContactOutcome::NoAnswer));
    assert_eq!(called.only(after_due(16)).kind, ActionKind::Step(StepKind::Reminder));
    // Called: the ordinary steps come back, due from that day.
    t.event(Some(i), after_due(20), EventKind::DunningDone { step: PROMISE_BROKEN_KEY.into(), channel: Channel::Phone });
    let a = t.only(after_due(20));
    assert_eq!(a.kind, ActionKind::Step(StepKind::Reminder));
    assert_eq!(a.due_on, after_due(20));
}

#[test]
fn a_promise_kept_ends_the_pause() {
    // (row, payments (day after due, amount), today, expected kinds)
    type Row = (&'static str, &'static [(i64, &'static str)], i64, Vec<&'static str>);
    let rows: [Row; 4] = [
        ("paid in full before the date", &[(10, "400")], 11, vec!["reminder"]),
        ("paid on promised + 3", &[(15, "400")], 16, vec!["reminder"]),
        ("paid in part", &[(10, "100")], 15, vec!["broken"]),
        ("paid late, after the call was due", &[(17, "400")], 18, vec!["reminder"]),
    ];
    for (name, payments, today, want) in rows {
        let mut t = T::with(simple());
        let i = t.invoice("F1", "1000");
        t.promise(after_due(5), "400", after_due(12));
        for (day, amount) in payments {
            t.pay(after_due(*day), i, amount);
        }
        let got: Vec<&str> = t
            .plan(after_due(today))
            .actions
            .iter()
            .map(|a| match a.kind {
                ActionKind::PromiseBroken { .. } => "broken",
                ActionKind::ProofOfPayment { .. } => "proof",
                ActionKind::Step(k) => k.key(),
            })
            .collect();
        assert_eq!(got, want, "row {name}");
    }
}

#[test]
fn a_second_promise_asks_for_a_copy_of_the_transfer() {
    let mut t = T::with(simple());
    t.invoice("F1", "1000");
    t.promise(after_due(2), "200", after_due(4));
    t.promise(d(2026, 3, 1), "1000", d(2026, 3, 10));
    let second = t.promise(d(2026, 3, 20), "1000", d(2026, 3, 25));
    let a = t.only(d(2026, 3, 21));
    assert_eq!(a.kind, ActionKind::ProofOfPayment { promise: second });
    assert_eq!((a.channel, a.due_on), (Channel::Email, d(2026, 3, 20)));
    assert!(matches!(a.reason, ActionReason::SecondPromise { promises: 3, .. }));
    assert_eq!(t.held(d(2026, 3, 21)), vec![HeldReason::Promise { until: d(2026, 3, 25) }]);
    // Asked: gone; the promise still pauses, and a broken one is still called about.
    t.event(None, d(2026, 3, 21), EventKind::DunningDone { step: PROOF_OF_PAYMENT_KEY.into(), channel: Channel::Email });
    assert_eq!(t.plan(d(2026, 3, 22)).actions, vec![]);
    assert!(matches!(t.only(d(2026, 3, 28)).kind, ActionKind::PromiseBroken { .. }));

    // A first promise, or one more than 12 months after the one before, asks for nothing.
    let mut t = T::with(simple());
    t.invoice("F1", "1000");
    t.promise(d(2025, 3, 1), "100", d(2025, 3, 5));
    t.promise(d(2026, 3, 20), "1000", d(2026, 3, 25));
    assert_eq!(t.plan(d(2026, 3, 21)).actions, vec![]);
}

#[test]
fn a_disputed_invoice_leaves_the_run_and_returns() {
    let mut t = T::with(simple());
    let disputed = t.invoice("F1", "100");
    let other = t.invoice("F2", "100");
    t.event(Some(disputed), after_due(3), EventKind::DisputeOpened { reason: "klacht".into() });
    let p = t.plan(after_due(7));
    assert_eq!(p.actions.len(), 1);
    assert_eq!(p.actions[0].items.iter().map(|i| i.invoice).collect::<Vec<_>>().len(), 1);
    assert_ne!(p.actions[0].items[0].invoice, disputed);
    assert_eq!(p.held, vec![Held { customer: t.c, reason: HeldReason::Disputed { invoices: vec![disputed] } }]);
    // Resolved: back, with the step that fell due meanwhile, due from that day.
    t.done(other, after_due(7), StepKind::Reminder, Channel::Email);
    t.event(Some(disputed), after_due(20), EventKind::DisputeResolved);
    let p = t.plan(after_due(20));
    let back = p.actions.iter().find(|a| a.items.iter().any(|i| i.invoice == disputed)).unwrap();
    assert_eq!(back.kind, ActionKind::Step(StepKind::Reminder));
    assert_eq!(back.due_on, after_due(20));
    assert_eq!(p.held, vec![]);
}

#[test]
fn on_hold_handed_over_and_paused_customers_get_no_ordinary_steps() {
    // (row, set up, today, expected held reasons, actions?)
    type Setup = fn(&mut T);
    let rows: [(&str, Setup, i64, Vec<HeldReason>, bool); 7] = [
        ("on hold", |t| t.edit(|c| c.flags.on_hold = true), 7, vec![HeldReason::OnHold], false),
        ("handed over (flag)", |t| t.edit(|c| c.flags.handed_over = true), 7, vec![HeldReason::HandedOver], false),
        (
            "handed over (diary)",
            |t| {
                t.event(None, after_due(6), EventKind::HandOver { agency: "Incasso Noord".into(), amount: dec("100") });
            },
            7,
            vec![HeldReason::HandedOver],
            false,
        ),
        (
            "hand-over step done",
            |t| {
                t.event(None, after_due(6), EventKind::DunningDone { step: "hand-over".into(), channel: Channel::HandOver });
            },
            7,
            vec![HeldReason::HandedOver],
            false,
        ),
        (
            "paused",
            |t| {
                t.event(None, after_due(1), EventKind::Paused { until: after_due(9) });
            },
            7,
            vec![HeldReason::Paused { until: after_due(9) }],
            false,
        ),
        (
            "pause over",
            |t| {
                t.event(None, after_due(1), EventKind::Paused { until: after_due(9) });
            },
            10,
            vec![],
            true,
        ),
        (
            "pause not started",
            |t| {
                t.event(None, after_due(8), EventKind::Paused { until: after_due(9) });
            },
            7,
            vec![],
            true,
        ),
    ];
    for (name, setup, today, held, acts) in rows {
        let mut t = T::with(simple());
        t.invoice("F1", "100");
        setup(&mut t);
        let p = t.plan(after_due(today));
        assert_eq!(p.held.iter().map(|h| h.reason.clone()).collect::<Vec<_>>(), held, "row {name}");
        assert_eq!(!p.actions.is_empty(), acts, "row {name}");
    }
    // After a pause the step is due from the day after it.
    let mut t = T::with(simple());
    t.invoice("F1", "100");
    t.event(None, after_due(1), EventKind::Paused { until: after_due(9) });
    assert_eq!(t.only(after_due(12)).due_on, after_due(10));
}

#[test]
fn handed_over_customers_get_nothing_at_all_but_a_paid_claim_lets_new_invoices_in() {
    let mut t = T::with(simple());
    t.invoice("F1", "100");
    t.promise(after_due(1), "100", after_due(2));
    t.edit(|c| c.flags.handed_over = true);
    assert_eq!(t.plan(after_due(30)).actions, vec![], "not even the broken promise");
    // A hand-over in the diary whose claim is paid holds nothing back.
    let mut t = T::with(simple());
    let old2 = t.invoice("F1", "100");
    t.event(Some(old2), after_due(1), EventKind::DunningDone { step: "Overdracht incasso".into(), channel: Channel::HandOver });
    t.pay(after_due(3), old2, "100");
    let mut new = Invoice::new("F2", t.c, after_due(4), 14, Money::eur(dec("50")));
    new.due = after_due(18);
    t.l.add_invoice(new).unwrap();
    assert_eq!(t.steps(after_due(25)), vec![StepKind::Reminder]);
}

#[test]
fn a_paused_invoice_is_out_the_others_stay() {
    let mut t = T::with(simple());
    let paused = t.invoice("F1", "100");
    t.invoice("F2", "100");
    t.event(Some(paused), after_due(1), EventKind::Paused { until: after_due(30) });
    let a = t.only(after_due(7));
    assert_eq!(a.items.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), vec!["F2"]);
    assert_eq!(t.held(after_due(7)), vec![]);
}

// ----- policy choice -----

#[test]
fn policy_by_profile_rule_or_default() {
    let rule = |policy: &str| AssignRule {
        policy: policy.into(),
        grades: Vec::new(),
        score_below: None,
        risk_levels: Vec::new(),
        kind: None,
        open_at_least: None,
    };
    type Setup = fn(&mut T);
    // (row, set up, expected policy, expected choice); the default rules: D -> risky, score
    // below 40 -> risky, A and low/medium risk -> good payers.
    let rows: [(&str, Setup, &str, PolicyChoice); 9] = [
        ("no grade, no score: default", |_| {}, "standaard", PolicyChoice::Default),
        ("profile by id", |t| t.edit(|c| c.profile = "risicovol".into()), "risicovol", PolicyChoice::Profile),
        ("profile by name", |t| t.edit(|c| c.profile = " goede betalers ".into()), "goede-betalers", PolicyChoice::Profile),
        ("profile unknown: rules", |t| t.edit(|c| c.profile = "vaste klant".into()), "standaard", PolicyChoice::Default),
        (
            "grade D",
            |t| {
                let i = t.invoice("F1", "100");
                t.pay(after_due(90), i, "100");
            },
            "risicovol",
            PolicyChoice::Rule(0),
        ),
        (
            "low score",
            |t| t.edit(|c| c.scores = vec![ScoreEntry::new(d(2026, 1, 1), 39, "x").unwrap()]),
            "risicovol",
            PolicyChoice::Rule(1),
        ),
        (
            "score at the limit",
            |t| t.edit(|c| c.scores = vec![ScoreEntry::new(d(2026, 1, 1), 40, "x").unwrap()]),
            "standaard",
            PolicyChoice::Default,
        ),
        (
            "grade A, medium risk",
            |t| {
                let i = t.invoice("F1", "100");
                t.pay(due(), i, "100");
            },
            "goede-betalers",
            PolicyChoice::Rule(2),
        ),
        (
            "grade A, high risk",
            |t| {
                t.l.settings.risk.table.push(crate::domain::RiskRow { sector: "".into(), country: "NL".into(), level: RiskLevel::High });
                let i = t.invoice("F1", "100");
                t.pay(due(), i, "100");
            },
            "standaard",
            PolicyChoice::Default,
        ),
    ];
    for (name, setup, want, why) in rows {
        let mut t = T::new();
        t.l.settings.dunning.rules = crate::domain::DunningSettings::default().rules;
        setup(&mut t);
        let today = d(2026, 6, 1);
        let (p, choice) = policy_choice(&t.l, t.c, today);
        assert_eq!((p.id.as_str(), choice), (want, why), "row {name}");
        assert_eq!(policy_for(&t.l, t.c, today).id, want, "row {name}");
    }
    // Kind and open amount; a rule naming no policy is passed over; a missing default falls back.
    let mut t = T::new();
    let consumers = AssignRule { kind: Some(CustomerKind::Consumer), ..rule("risicovol") };
    let large = AssignRule { open_at_least: Some(dec("1000")), ..rule("goede-betalers") };
    t.l.settings.dunning.rules = vec![rule("bestaat-niet"), consumers, large];
    assert_eq!(policy_choice(&t.l, t.c, due()).1, PolicyChoice::Default);
    t.invoice("F1", "1000");
    assert_eq!(policy_choice(&t.l, t.c, due()).1, PolicyChoice::Rule(2));
    t.edit(|c| c.kind = CustomerKind::Consumer);
    assert_eq!(policy_choice(&t.l, t.c, due()).1, PolicyChoice::Rule(1));
    t.l.settings.dunning.rules.clear();
    t.l.settings.dunning.default_policy = "weg".into();
    assert_eq!(policy_choice(&t.l, t.c, due()), (&Policy::standard(), PolicyChoice::Fallback));
    t.l.settings.dunning.policies.clear();
    assert_eq!(policy_choice(&t.l, t.c, due()), (&Policy::standard(), PolicyChoice::Fallback));
    assert!(!plan(&t.l, after_due(7)).actions.is_empty(), "the built-in policy plans");
}

#[test]
fn the_plan_uses_each_customers_policy() {
    let mut t = T::new();
    t.edit(|c| c.profile = "risicovol".into());
    let i = t.invoice("F1", "100");
    t.done(i, d(2026, 1, 3), StepKind::InvoiceFollowUp, Channel::Phone);
    t.done(i, d(2026, 1, 28), StepKind::ProactiveCheck, Channel::Phone);
    t.done(i, due(), StepKind::DueDateCall, Channel::Phone);
    let a = t.only(after_due(3));
    assert_eq!((a.kind, a.policy.as_str()), (ActionKind::Step(StepKind::Reminder), "risicovol"));
    assert_eq!(a.deadline, Some(after_due(8)));
}

// ----- upcoming -----

#[test]
fn upcoming_takes_every_action_as_done_on_its_day() {
    let mut t = T::with(simple());
    t.invoice("F1", "100");
    let today = after_due(7);
    assert_eq!(t.steps(today), vec![StepKind::Reminder]);
    let got: Vec<(StepKind, NaiveDate)> = upcoming(&t.l, today, 28)
        .iter()
        .map(|a| match a.kind {
            ActionKind::Step(k) => (k, a.due_on),
            _ => panic!("only steps"),
        })
        .collect();
    // Reminder today (not listed); first dunning 7 days after it; the call at due + 21.
    assert_eq!(got, vec![(StepKind::FirstDunning, after_due(14)), (StepKind::Call, after_due(21))]);
    assert_eq!(upcoming(&t.l, today, 6), vec![]);
    // A promise broken in the window is there too, and the steps after the call about it.
    let mut t = T::with(simple());
    t.invoice("F1", "100");
    t.promise(after_due(5), "100", after_due(8));
    let got: Vec<(String, NaiveDate)> = upcoming(&t.l, after_due(6), 10)
        .iter()
        .map(|a| (format!("{:?}", a.kind).chars().take(13).collect(), a.due_on))
        .collect();
    assert_eq!(got, vec![("PromiseBroken".into(), after_due(11)), ("Step(Reminder".into(), after_due(12))]);
}

// ----- evaluate -----

#[test]
fn evaluate_worked_example() {
    let mut t = T::with(simple());
    let a = t.invoice("F1", "100");
    let b = t.invoice("F2", "300");
    let c = t.invoice("F3", "50");
    // One reminder message for all three on due + 7 (one entry each).
    for i in [a, b, c] {
        t.done(i, after_due(7), StepKind::Reminder, Channel::Email);
    }
    t.pay(after_due(10), a, "100"); // 3 days after
    t.pay(after_due(17), b, "100"); // part, within 14 days
    t.pay(after_due(30), b, "200"); // in full 23 days after
    // First dunning for F3 without an invoice entry, on due + 14: F3 is the only one open.
    t.event(None, after_due(14), EventKind::DunningDone { step: "Eerste aanmaning".into(), channel: Channel::Letter });
    let stats = evaluate(&t.l, after_due(40));
    assert_eq!(stats.len(), 2);
    let r = &stats[0];
    assert_eq!((r.kind, r.actions, r.invoices, r.paid_within_7, r.paid_within_14), (StepKind::Reminder, 1, 3, 1, 1));
    assert_eq!(r.collected, dec("200"));
    // (3 + 23) / 2
    assert_eq!(r.avg_days_to_pay, Some(dec("13")));
    let f = &stats[1];
    assert_eq!((f.kind, f.actions, f.invoices, f.paid_within_7, f.paid_within_14), (StepKind::FirstDunning, 1, 2, 0, 0));
    // F2 got its 200 on due + 30: 16 days after the first dunning.
    assert_eq!(f.collected, dec("100"));
    assert_eq!(f.avg_days_to_pay, Some(dec("16")));
    // Nothing done yet: nothing to report; skipped steps do not count.
    let mut t = T::with(simple());
    let i = t.invoice("F1", "100");
    t.skip(i, after_due(7), StepKind::Reminder);
    assert_eq!(evaluate(&t.l, after_due(40)), vec![]);
}

// ----- the demo -----

#[test]
fn demo_plan() {
    let today = d(2026, 11, 23);
    let l = crate::demo::demo_ledger(today);
    let p = plan(&l, today);
    let name = |c: CustomerId| l.customer(c).unwrap().name.clone();
    let with_actions: Vec<String> = p.actions.iter().map(|a| name(a.customer)).collect();
    let held: Vec<(String, HeldReason)> = p.held.iter().map(|h| (name(h.customer), h.reason.clone())).collect();
    for a in &p.actions {
        eprintln!(
            "{:<45} {:<40} {:?} {:?} {} items {} at risk {} due {} deadline {:?} fee {} 14d {}",
            name(a.customer),
            format!("{:?}", a.kind),
            a.channel,
            a.level,
            a.policy,
            a.items.iter().map(|i| i.number.as_str()).collect::<Vec<_>>().join(","),
            a.at_risk,
            a.due_on,
            a.deadline,
            a.fee,
            a.fourteen_day_letter
        );
    }
    for h in &held {
        eprintln!("held {h:?}");
    }
    for troubled in ["Installatiebedrijf Hofstede & Zn. B.V.", "Transportbedrijf Van der Wal & Zonen B.V."] {
        assert!(with_actions.iter().any(|n| n == troubled), "{troubled} has actions: {with_actions:?}");
    }
    for quiet in ["Kapsalon Knip & Krul", "Fietsfabriek.nl B.V."] {
        assert!(!with_actions.iter().any(|n| n == quiet), "{quiet} has no actions: {with_actions:?}");
    }
    assert!(held.contains(&("Fietsfabriek.nl B.V.".into(), HeldReason::OnHold)), "{held:?}");
    let sorted = p.actions.windows(2).all(|w| w[0].at_risk >= w[1].at_risk);
    assert!(sorted);
}

#[test]
fn policy_choices_of_all_customers_equal_one_by_one() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let l = crate::demo::demo_ledger(today);
    let all = policy_choices(&l, today);
    assert_eq!(all.len(), l.customers().len());
    for c in l.customers() {
        let (p, why) = policy_choice(&l, c.id, today);
        assert_eq!(all.get(&c.id).map(|(p, w)| (p.id.as_str(), *w)), Some((p.id.as_str(), why)), "{}", c.name);
    }
}
