//! The customer phases (seed 000) and the credit check: phase transitions, the decision table and
//! its boundaries, the limit formula, the order check, the insurer's payout, the texts, and what
//! the demo ledger shows.

use std::str::FromStr;

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

use stipt::domain::{
    Allocation, Channel, Customer, CustomerId, Event, EventKind, Invoice, InvoiceId, Ledger, Money, Payment, RiskLevel,
    RiskSettings,
};
use stipt::engine::law::{compute, ledger::customer_case};
use stipt::engine::risk::credit::{
    credit_check, expected_yearly_revenue, hand_over_summary, insurer_claim, limit_advice, order_check, CreditInput,
    Decision, LimitStep, OrderWarning, Reason, StepKind,
};
use stipt::engine::risk::phase::{checklist, phase, phases, ChecklistItem, Phase, PhaseReason};
use stipt::engine::risk::Grade;
use stipt::i18n::Lang;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn eur(s: &str) -> Money {
    Money::eur(dec(s))
}

const TODAY: (i32, u32, u32) = (2026, 11, 23);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn ago(days: i64) -> NaiveDate {
    today() - Duration::days(days)
}

/// A ledger with one customer, and helpers to add to it.
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

    /// An invoice dated `days` ago with a 30-day term.
    fn invoice(&mut self, days: i64, amount: &str) -> InvoiceId {
        let n = self.l.invoices().len() + 1;
        self.l.add_invoice(Invoice::new(format!("F{n}"), self.c, ago(days), 30, eur(amount))).unwrap()
    }

    fn pay(&mut self, days: i64, inv: InvoiceId, amount: &str) {
        let a = Allocation { invoice: inv, amount: dec(amount) };
        self.l.add_payment(Payment::new(self.c, ago(days), eur(amount), vec![a]).unwrap()).unwrap();
    }

    fn event(&mut self, days: i64, invoice: Option<InvoiceId>, kind: EventKind) {
        self.l.add_event(Event::new(self.c, invoice, ago(days), kind)).unwrap();
    }

    fn limit(&mut self, days: i64, limit: Option<&str>) {
        let mut e = Event::new(self.c, None, ago(days), EventKind::LimitSet { limit: limit.map(dec), by: "Anna".into() });
        e.note = "kredietcheck".into();
        self.l.set_limit(e).unwrap();
    }

    fn hand_over(&mut self, days: i64) {
        self.event(days, None, EventKind::HandOver { agency: "Incassobureau Noord".into(), amount: dec("1000") });
    }

    fn customer(&mut self, f: impl FnOnce(&mut Customer)) {
        let mut c = self.l.customer(self.c).unwrap().clone();
        f(&mut c);
        self.l.update_customer(c).unwrap();
    }

    fn phase(&self) -> (Phase, PhaseReason) {
        let p = phase(&self.l, self.c, today()).unwrap();
        (p.phase, p.reason)
    }
}

// ----- phases -----

#[test]
fn phase_transitions() {
    // Prospect: nothing at all.
    let b = Book::new();
    assert_eq!(b.phase(), (Phase::Prospect, PhaseReason::NoInvoices));

    // Acceptance: an order, not yet invoiced.
    let mut b = Book::new();
    b.event(10, None, EventKind::Order { amount: dec("2500") });
    b.event(5, None, EventKind::Order { amount: dec("800") });
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::Ordered { date: ago(10), amount: dec("2500") }));
    assert_eq!(phase(&b.l, b.c, today()).unwrap().since, Some(ago(10)));

    // Acceptance: a credit decision in the diary (the latest counts).
    b.limit(4, Some("1000"));
    b.limit(3, Some("5000"));
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::CreditDecided { date: Some(ago(3)), limit: Some(dec("5000")) }));

    // Acceptance: a limit on the customer record only, or "prepayment only".
    let mut b = Book::new();
    b.customer(|c| c.credit_limit = Some(dec("3000")));
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::CreditDecided { date: None, limit: Some(dec("3000")) }));
    let mut b = Book::new();
    b.customer(|c| c.flags.prepayment_required = true);
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::CreditDecided { date: None, limit: None }));

    // Monitoring: the first invoice, not yet paid and not yet due.
    let mut b = Book::new();
    let f1 = b.invoice(10, "1000");
    assert_eq!(
        b.phase(),
        (Phase::Monitoring, PhaseReason::FirstInvoiceUnpaid { invoice: f1, due: ago(10) + Duration::days(30), open: eur("1000") })
    );

    // Management: the first invoice is overdue.
    let mut b = Book::new();
    let f1 = b.invoice(40, "1000");
    assert_eq!(
        b.phase(),
        (Phase::Management, PhaseReason::Overdue { invoices: vec![f1], amounts: vec![eur("1000")], oldest_days: 10 })
    );
    assert_eq!(phase(&b.l, b.c, today()).unwrap().since, Some(ago(9)));

    // Paid: Monitoring, steady. Then a second invoice, open and not due.
    b.pay(5, f1, "1000");
    assert_eq!(b.phase(), (Phase::Monitoring, PhaseReason::AllPaid { last_paid: Some(ago(5)) }));
    // Since the late payment ended the management phase.
    assert_eq!(phase(&b.l, b.c, today()).unwrap().since, Some(ago(5)));
    b.invoice(2, "300");
    assert_eq!(
        b.phase(),
        (Phase::Monitoring, PhaseReason::OpenNotDue { invoices: 1, amounts: vec![eur("300")], next_due: ago(2) + Duration::days(30) })
    );

    // Collection: handed over in the diary, something still open.
    let mut b = Book::new();
    let f1 = b.invoice(100, "1000");
    b.pay(60, f1, "200");
    b.hand_over(20);
    assert_eq!(b.phase(), (Phase::Collection, PhaseReason::HandedOver { date: Some(ago(20)), open: vec![eur("800")] }));
    // ... paid in full in the end: back to Acceptance, not on the same footing (seed 000).
    b.pay(3, f1, "800");
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::BackAfterCollection { handed_over: ago(20), paid_on: ago(3) }));
    assert_eq!(order_check(&b.l, b.c, dec("100"), today(), &RiskSettings::default()), vec![OrderWarning::AfterCollection {
        paid_on: ago(3)
    }]);
    // ... a new credit decision: Acceptance with that decision, and the next first invoice is
    // followed again.
    b.limit(2, Some("500"));
    assert_eq!(b.phase(), (Phase::Acceptance, PhaseReason::CreditDecided { date: Some(ago(2)), limit: Some(dec("500")) }));
    let f2 = b.invoice(1, "400");
    assert!(matches!(b.phase(), (Phase::Monitoring, PhaseReason::FirstInvoiceUnpaid { invoice, .. }) if invoice == f2));

    // Marked handed over: Collection, even with nothing open (written off).
    let mut b = Book::new();
    let f1 = b.invoice(200, "500");
    b.event(150, None, EventKind::DunningDone { step: "Overdracht incasso".into(), channel: Channel::HandOver });
    b.event(100, Some(f1), EventKind::WrittenOff);
    b.customer(|c| c.flags.handed_over = true);
    assert_eq!(b.phase(), (Phase::Collection, PhaseReason::HandedOver { date: Some(ago(150)), open: vec![] }));
    // Not marked, but written off after the hand-over: a loss is not a payment.
    b.customer(|c| c.flags.handed_over = false);
    assert_eq!(b.phase().0, Phase::Collection);

    // Marked handed over but paid in full: still Collection, and the reason says to clear the mark.
    let mut b = Book::new();
    let f1 = b.invoice(100, "500");
    b.hand_over(30);
    b.pay(10, f1, "500");
    b.customer(|c| c.flags.handed_over = true);
    assert_eq!(b.phase(), (Phase::Collection, PhaseReason::PaidAfterHandOver { date: ago(30), paid_on: ago(10) }));

    // Marked handed over without any diary entry.
    let mut b = Book::new();
    b.customer(|c| c.flags.handed_over = true);
    assert_eq!(b.phase(), (Phase::Collection, PhaseReason::HandedOver { date: None, open: vec![] }));
}

#[test]
fn phase_boundaries() {
    // Due today is not overdue; due yesterday is.
    let mut b = Book::new();
    b.invoice(30, "100");
    assert_eq!(b.phase().0, Phase::Monitoring);
    let mut b = Book::new();
    b.invoice(31, "100");
    assert!(matches!(b.phase(), (Phase::Management, PhaseReason::Overdue { oldest_days: 1, .. })));

    // A fully credited first invoice was never owed: the next one is the first.
    let mut b = Book::new();
    let f1 = b.invoice(20, "100");
    let cn = Invoice::credit_note("C1", b.l.invoice(f1).unwrap(), ago(19), eur("100"));
    b.l.add_invoice(cn).unwrap();
    let f2 = b.invoice(10, "250");
    assert!(matches!(b.phase(), (Phase::Monitoring, PhaseReason::FirstInvoiceUnpaid { invoice, .. }) if invoice == f2));

    // A disputed overdue invoice is still Management; a written-off one is not overdue.
    let mut b = Book::new();
    let f1 = b.invoice(60, "100");
    b.event(20, Some(f1), EventKind::DisputeOpened { reason: "kwaliteit".into() });
    assert_eq!(b.phase().0, Phase::Management);
    b.event(10, Some(f1), EventKind::WrittenOff);
    assert_eq!(b.phase(), (Phase::Monitoring, PhaseReason::AllPaid { last_paid: None }));

    // Overdue beats the first invoice being unpaid, and orders do not matter once invoiced.
    let mut b = Book::new();
    b.event(70, None, EventKind::Order { amount: dec("100") });
    b.invoice(45, "100");
    assert_eq!(b.phase().0, Phase::Management);
}

#[test]
fn every_phase_has_a_checklist_from_seed_000() {
    assert_eq!(checklist(Phase::Acceptance)[0], ChecklistItem::CheckCreditworthiness);
    assert!(checklist(Phase::Monitoring).contains(&ChecklistItem::WaitForFirstPayment));
    assert!(checklist(Phase::Collection).contains(&ChecklistItem::BackToAcceptance));
    for p in Phase::ALL {
        for item in checklist(p) {
            assert!(Lang::Nl.checklist_item(*item).ends_with(['.', '?']));
            assert!(Lang::En.checklist_item(*item).ends_with(['.', '?']));
        }
    }
    assert_eq!(
        Lang::Nl.checklist_item(ChecklistItem::BackToAcceptance),
        "Betaalt de klant toch? Terug naar de acceptatiefase: niet op dezelfde voet verder."
    );
}

// ----- the demo -----

#[test]
fn demo_phases_one_pass_equals_one_by_one() {
    let l = stipt::demo::demo_ledger(today());
    let all = phases(&l, today());
    assert_eq!(all.len(), l.customers().len());
    for c in l.customers() {
        assert_eq!(Some(&all[&c.id]), phase(&l, c.id, today()).as_ref(), "{}", c.name);
    }
    let knip = l.customers().find(|c| c.name.contains("Knip")).unwrap();
    assert_eq!(all[&knip.id].phase, Phase::Collection);
    let fiets = l.customers().find(|c| c.name.contains("Fietsfabriek")).unwrap();
    assert_eq!(all[&fiets.id].phase, Phase::Management);
}

/// The demo of 2026-11-23 shows Monitoring, Management and Collection.
#[test]
fn demo_shows_three_phases() {
    let l = stipt::demo::demo_ledger(today());
    let seen: std::collections::BTreeSet<Phase> = phases(&l, today()).values().map(|p| p.phase).collect();
    for p in [Phase::Monitoring, Phase::Management, Phase::Collection] {
        assert!(seen.contains(&p), "{p:?} missing");
    }
}

/// The demo shows all five phases: a prospect (Lelieveld), a customer in acceptance with an
/// order and a credit decision (Van Dam), and the rest.
#[test]
fn demo_shows_all_five_phases() {
    let l = stipt::demo::demo_ledger(today());
    let all = phases(&l, today());
    let seen: std::collections::BTreeSet<Phase> = all.values().map(|p| p.phase).collect();
    assert_eq!(seen.len(), 5, "{seen:?}");
    let van_dam = l.customers().find(|c| c.name.starts_with("Drukkerij Van Dam")).unwrap();
    assert!(matches!(all[&van_dam.id].reason, PhaseReason::Ordered { .. } | PhaseReason::CreditDecided { .. }));
}

#[test]
fn phases_of_a_large_ledger_agree_with_one_by_one() {
    // The one-pass computation against the per-customer one on a ledger of some size (speed is
    // measured by benchmarks, not asserted here).
    let mut l = Ledger::new();
    let customers: Vec<CustomerId> =
        (0..50).map(|k| l.add_customer(Customer::new(format!("D{k}"), format!("Klant {k}"))).unwrap()).collect();
    for n in 0..2_000u32 {
        let c = customers[n as usize % customers.len()];
        let date = ago(i64::from(n % 400));
        let id = l.add_invoice(Invoice::new(format!("F{n}"), c, date, 30, eur("100"))).unwrap();
        if n % 3 != 0 {
            let a = Allocation { invoice: id, amount: dec("100") };
            l.add_payment(Payment::new(c, date + Duration::days(20), eur("100"), vec![a]).unwrap()).unwrap();
        }
    }
    let all = phases(&l, today());
    assert_eq!(all.len(), 50);
    for c in &customers {
        assert_eq!(all.get(c), phase(&l, *c, today()).as_ref(), "customer {c:?}");
    }
}

// ----- the credit check -----

fn input() -> CreditInput {
    CreditInput {
        grade: Some(Grade::B),
        weighted_delay: Some(dec("8.4")),
        external_score: Some(74),
        score_date: Some(ago(30)),
        risk_level: RiskLevel::Medium,
        expected_yearly_revenue: dec("40000"),
        ..CreditInput::default()
    }
}

#[test]
fn limit_formula_worked_example() {
    let s = RiskSettings::default();
    let a = limit_advice(&input(), &s);
    let amounts: Vec<Decimal> = a.steps.iter().map(|st| st.amount).collect();
    // 25% of 40,000 = 10,000; × 0.75 (B) = 7,500; × 0.74 (score 74) = 5,550; × 0.80 (medium)
    // = 4,440; rounded down to hundreds = 4,400.
    assert_eq!(amounts, ["10000", "7500", "5550", "4440", "4400"].map(dec));
    assert_eq!(a.amount, dec("4400"));
    assert_eq!(a.steps[1].kind, StepKind::Grade { grade: Some(Grade::B), factor: dec("0.75") });

    // Capped by the insured limit when that is lower, and it says so.
    let capped = limit_advice(&CreditInput { insured_limit: Some(dec("3000")), ..input() }, &s);
    assert_eq!(capped.amount, dec("3000"));
    assert_eq!(capped.steps.last().unwrap(), &LimitStep { kind: StepKind::InsuredCap { limit: dec("3000"), applied: true }, amount: dec("3000") });
    let within = limit_advice(&CreditInput { insured_limit: Some(dec("15000")), ..input() }, &s);
    assert_eq!(within.amount, dec("4400"));

    // A new customer without a score: what is not known counts for 0.60 each; high risk 0.50.
    let new = CreditInput { grade: None, external_score: None, risk_level: RiskLevel::High, ..input() };
    // 10,000 × 0.6 × 0.6 × 0.5 = 1,800.
    assert_eq!(limit_advice(&new, &s).amount, dec("1800"));
    // Grade D advises nothing.
    assert_eq!(limit_advice(&CreditInput { grade: Some(Grade::D), ..input() }, &s).amount, Decimal::ZERO);

    let lines: Vec<String> = a.steps.iter().map(|st| Lang::Nl.limit_step(st, Default::default())).collect();
    assert_eq!(
        lines,
        [
            "25% van de verwachte jaaromzet € 40.000,00 = € 10.000,00",
            "× 0,75 voor betaalklasse B = € 7.500,00",
            "× 0,74 voor externe score 74 = € 5.550,00",
            "× 0,80 voor gemiddeld risico = € 4.440,00",
            "Naar beneden afgerond op hele honderden = € 4.400,00",
        ]
    );
    assert_eq!(Lang::En.limit_step(&capped.steps[5], Default::default()), "Capped at the insured limit of €3,000.00 = €3,000.00");
}

#[test]
fn credit_decision_table() {
    let s = RiskSettings::default(); // score floor 40; advice for input() is 4,400
    let rows: Vec<(&str, CreditInput, Decision)> = vec![
        ("clean, within the advice", CreditInput { open_amount: dec("1000"), requested: dec("3400"), ..input() }, Decision::Accept),
        (
            "one euro over the advice",
            CreditInput { open_amount: dec("1000"), requested: dec("3401"), ..input() },
            Decision::AcceptUpTo(dec("3400")),
        ),
        (
            "open already at the advice",
            CreditInput { open_amount: dec("4400"), requested: dec("1"), ..input() },
            Decision::PrepaymentOnly,
        ),
        (
            "manual limit over the advice",
            CreditInput { credit_limit: Some(dec("8000")), open_amount: dec("1000"), requested: dec("7000"), ..input() },
            Decision::Accept,
        ),
        (
            "manual limit under the advice",
            CreditInput { credit_limit: Some(dec("2000")), open_amount: dec("1000"), requested: dec("1500"), ..input() },
            Decision::AcceptUpTo(dec("1000")),
        ),
        ("score at the floor", CreditInput { external_score: Some(40), requested: dec("100"), ..input() }, Decision::Accept),
        ("score below the floor", CreditInput { external_score: Some(39), ..input() }, Decision::PrepaymentOnly),
        ("marked prepayment only", CreditInput { prepayment_required: true, ..input() }, Decision::PrepaymentOnly),
        ("grade D, nothing overdue", CreditInput { grade: Some(Grade::D), ..input() }, Decision::PrepaymentOnly),
        (
            "grade D and overdue",
            CreditInput { grade: Some(Grade::D), overdue_amount: dec("0.01"), open_amount: dec("0.01"), ..input() },
            Decision::Hold,
        ),
        (
            "grade C and overdue",
            CreditInput { grade: Some(Grade::C), overdue_amount: dec("500"), open_amount: dec("500"), ..input() },
            Decision::Accept,
        ),
        ("on hold", CreditInput { on_hold: true, ..input() }, Decision::Hold),
        ("handed over", CreditInput { handed_over: true, ..input() }, Decision::Hold),
        (
            "new, high risk, score 49",
            CreditInput { grade: None, risk_level: RiskLevel::High, external_score: Some(49), ..input() },
            Decision::PrepaymentOnly,
        ),
        (
            "new, high risk, score 50",
            CreditInput { grade: None, risk_level: RiskLevel::High, external_score: Some(50), requested: dec("100"), ..input() },
            Decision::Accept,
        ),
        (
            "new, high risk, no score",
            CreditInput { grade: None, risk_level: RiskLevel::High, external_score: None, ..input() },
            Decision::PrepaymentOnly,
        ),
        (
            "new, medium risk, no score",
            CreditInput { grade: None, external_score: None, requested: dec("100"), ..input() },
            Decision::Accept,
        ),
        (
            "no revenue estimate",
            CreditInput { grade: None, expected_yearly_revenue: Decimal::ZERO, requested: dec("100"), ..input() },
            Decision::PrepaymentOnly,
        ),
    ];
    for (name, input, decision) in rows {
        assert_eq!(credit_check(&input, &s, today()).decision, decision, "{name}");
    }
}

#[test]
fn reasons_in_order_of_weight() {
    let s = RiskSettings::default();
    let i = CreditInput {
        on_hold: true,
        prepayment_required: true,
        external_score: Some(38),
        score_date: Some(ago(400)),
        credit_limit: Some(dec("2000")),
        open_amount: dec("3000"),
        overdue_amount: dec("2500"),
        grade: Some(Grade::C),
        weighted_delay: Some(dec("27.35")),
        ..input()
    };
    let r = credit_check(&i, &s, today());
    assert_eq!(r.decision, Decision::Hold);
    assert_eq!(r.limit_used, dec("2000"));
    assert_eq!(
        r.reasons,
        vec![
            Reason::OnHold,
            Reason::PrepaymentRequired,
            Reason::ScoreBelowFloor { score: 38, floor: 40 },
            Reason::OverLimit { open: dec("3000"), requested: Decimal::ZERO, limit: dec("2000"), room: Decimal::ZERO },
            Reason::ManualLimit { limit: dec("2000"), advised: r.limit.amount },
            Reason::Overdue { amount: dec("2500") },
            Reason::Grade { grade: Grade::C, weighted_delay: Some(dec("27.35")) },
            Reason::ScoreOld { date: ago(400), days: 400 },
            Reason::Risk { level: RiskLevel::Medium },
        ]
    );
    let nl: Vec<String> = r.reasons.iter().map(|x| Lang::Nl.credit_reason(x, r.currency)).collect();
    assert_eq!(nl[2], "De externe score 38 ligt onder de ondergrens van 40.");
    assert_eq!(
        nl[3],
        "Open € 3.000,00 plus deze order € 0,00 is € 3.000,00: meer dan de limiet van € 2.000,00; er kan niets meer op krediet."
    );
    assert_eq!(nl[4], "De kredietlimiet van € 2.000,00 is met de hand vastgesteld en gaat voor het advies (€ 1.500,00).");
    assert_eq!(nl[6], "Betaalgedrag: klasse C (gemiddeld 27,4 dagen te laat).");
    let en: Vec<String> = r.reasons.iter().map(|x| Lang::En.credit_reason(x, r.currency)).collect();
    assert_eq!(en[4], "The credit limit of €2,000.00 was set by hand and takes precedence over the advice (€1,500.00).");
    assert_eq!(en[6], "Payment behaviour: grade C (on average 27.4 days late).");
    assert_eq!(en[7], format!("The external score is of {}, 400 days old: ask for a new one.", Lang::En.date(ago(400))));
    assert_eq!(Lang::Nl.decision(&r.decision, r.currency), "Niet leveren");
    assert_eq!(Lang::En.decision(&Decision::AcceptUpTo(dec("3400")), r.currency), "Accept up to €3,400.00");
    assert_eq!(
        Lang::En.credit_reason(&Reason::OverLimit { open: dec("1000"), requested: dec("3401"), limit: dec("4400"), room: dec("3400") }, r.currency),
        "Open €1,000.00 plus this order €3,401.00 is €4,401.00: more than the limit of €4,400.00; €3,400.00 can still go on credit."
    );
}

// ----- the order check -----

#[test]
fn order_warnings() {
    let s = RiskSettings::default();
    // None: a customer whose first invoice is paid, within the limit.
    let mut b = Book::new();
    b.customer(|c| c.credit_limit = Some(dec("5000")));
    let f1 = b.invoice(40, "1000");
    b.pay(15, f1, "1000");
    b.invoice(5, "1000");
    assert_eq!(order_check(&b.l, b.c, dec("3000"), today(), &s), vec![]);
    // Over the limit by one cent.
    assert_eq!(
        order_check(&b.l, b.c, dec("4000.01"), today(), &s),
        vec![OrderWarning::OverLimit { open: dec("1000"), order: dec("4000.01"), limit: dec("5000") }]
    );
    // No manual limit: no limit warning.
    b.customer(|c| c.credit_limit = None);
    assert_eq!(order_check(&b.l, b.c, dec("1000000"), today(), &s), vec![]);

    // The first invoice unpaid (seed 000), and the setting that turns it off.
    let mut b = Book::new();
    let f1 = b.invoice(5, "600");
    let first = OrderWarning::FirstInvoiceUnpaid { invoice: f1, due: ago(5) + Duration::days(30), open: eur("600") };
    assert_eq!(order_check(&b.l, b.c, dec("100"), today(), &s), vec![first.clone()]);
    let off = RiskSettings { warn_first_invoice_unpaid: false, ..RiskSettings::default() };
    assert_eq!(order_check(&b.l, b.c, dec("100"), today(), &off), vec![]);
    assert_eq!(
        Lang::Nl.order_warning(&first, &b.l),
        format!(
            "De eerste factuur F1 (€ 600,00, vervaldatum {}) is nog niet betaald: wacht die betaling af voordat je nieuwe orders aanneemt.",
            Lang::Nl.date(ago(5) + Duration::days(30))
        )
    );

    // Overdue, on hold, prepayment only, handed over: most serious first.
    let mut b = Book::new();
    let f1 = b.invoice(50, "600");
    b.pay(30, f1, "100");
    b.customer(|c| {
        c.flags.on_hold = true;
        c.flags.prepayment_required = true;
    });
    let overdue = OrderWarning::Overdue { amounts: vec![eur("500")], oldest_days: 20 };
    assert_eq!(
        order_check(&b.l, b.c, dec("100"), today(), &s),
        vec![
            OrderWarning::OnHold,
            OrderWarning::PrepaymentRequired,
            overdue.clone(),
            OrderWarning::FirstInvoiceUnpaid { invoice: f1, due: ago(20), open: eur("500") },
        ]
    );
    assert_eq!(Lang::En.order_warning(&overdue, &b.l), "€500.00 is overdue; the oldest invoice is 20 days past its due date.");
    b.customer(|c| c.flags.handed_over = true);
    assert_eq!(order_check(&b.l, b.c, dec("100"), today(), &s)[0], OrderWarning::HandedOver);
    assert_eq!(
        Lang::Nl.order_warning(&OrderWarning::HandedOver, &b.l),
        "Deze klant is uit handen gegeven: neem geen nieuwe orders aan."
    );
    assert_eq!(order_check(&b.l, CustomerId(99), dec("1"), today(), &s), vec![]);
}

// ----- figures from the ledger -----

#[test]
fn expected_revenue_of_the_last_twelve_months() {
    let mut b = Book::new();
    b.l.add_invoice(Invoice::new("OLD", b.c, d(2025, 11, 23), 30, eur("999"))).unwrap(); // exactly 12 months: out
    let f = b.l.add_invoice(Invoice::new("IN", b.c, d(2025, 11, 24), 30, eur("1000"))).unwrap();
    b.l.add_invoice(Invoice::new("NOW", b.c, today(), 30, eur("500"))).unwrap();
    b.l.add_invoice(Invoice::new("LATER", b.c, today() + Duration::days(1), 30, eur("700"))).unwrap();
    let cn = Invoice::credit_note("C1", b.l.invoice(f).unwrap(), d(2026, 1, 5), eur("200"));
    b.l.add_invoice(cn).unwrap();
    assert_eq!(expected_yearly_revenue(&b.l, b.c, today()), dec("1300"));

    let i = CreditInput::from_ledger(&b.l, b.c, today(), Some(Grade::A), Some(dec("-2")), dec("250")).unwrap();
    assert_eq!(i.expected_yearly_revenue, dec("1300"));
    assert_eq!(i.open_amount, dec("3199") - dec("200")); // everything open (later ones too), the credit note off
    assert_eq!(i.overdue_amount, dec("999") + dec("800"));
    assert_eq!(i.requested, dec("250"));
    assert_eq!(i.risk_level, RiskLevel::Medium);
}

#[test]
fn hand_over_summary_adds_up_to_the_law() {
    let l = stipt::demo::demo_ledger(today());
    let fiets = l.customers().find(|c| c.name.contains("Fietsfabriek")).unwrap().id;
    let s = hand_over_summary(&l, fiets, today(), &l.settings.law).unwrap().unwrap();
    let statement = compute(&customer_case(&l, fiets, today(), None).unwrap().case, &l.settings.law).unwrap();
    assert_eq!(s.principal, statement.principal_open());
    assert_eq!(s.total, s.principal + s.interest + s.costs);
    assert_eq!(s.invoices.len(), 3);
    assert!(s.interest > Decimal::ZERO && s.costs > Decimal::ZERO);
    assert!(hand_over_summary(&l, CustomerId(999), today(), &l.settings.law).is_none());
}

#[test]
fn insurer_pays_its_share_of_the_insured_loss() {
    let share = RiskSettings::default().insured_share;
    assert_eq!(share, dec("90"));
    let c = insurer_claim(dec("10000"), None, share);
    assert_eq!((c.insured_loss, c.payout, c.own_risk), (dec("10000"), dec("9000"), dec("1000")));
    let c = insurer_claim(dec("10000"), Some(dec("5000")), share);
    assert_eq!((c.insured_loss, c.payout, c.own_risk), (dec("5000"), dec("4500"), dec("5500")));
    let c = insurer_claim(dec("4000"), Some(dec("5000")), share);
    assert_eq!((c.insured_loss, c.payout, c.own_risk), (dec("4000"), dec("3600"), dec("400")));
    assert_eq!(
        Lang::Nl.insurer_claim(&c, Default::default()),
        "Verlies € 4.000,00, waarvan verzekerd € 4.000,00; de verzekeraar keert 90% daarvan uit: € 3.600,00. Eigen risico € 400,00."
    );
    assert_eq!(
        Lang::En.insurer_claim(&c, Default::default()),
        "Loss €4,000.00, of which insured €4,000.00; the insurer pays 90% of that: €3,600.00. Own risk €400.00."
    );
}

#[test]
fn phase_texts_in_both_languages() {
    let mut b = Book::new();
    let f1 = b.invoice(100, "1000");
    b.pay(60, f1, "200");
    b.hand_over(20);
    let (p, r) = b.phase();
    assert_eq!(Lang::Nl.phase_name(p), "Incasso");
    assert_eq!(Lang::En.phase_name(Phase::Management), "Management");
    assert_eq!(Lang::Nl.phase_reason(&r, &b.l), format!("Op {} uit handen gegeven; nog open: € 800,00.", Lang::Nl.date(ago(20))));
    assert_eq!(Lang::En.phase_reason(&r, &b.l), format!("Handed over on {}; still open: €800.00.", Lang::En.date(ago(20))));
    let overdue = PhaseReason::Overdue { invoices: vec![f1], amounts: vec![eur("800")], oldest_days: 1 };
    assert_eq!(Lang::Nl.phase_reason(&overdue, &b.l), "1 factuur vervallen, samen € 800,00; de oudste 1 dag over de vervaldatum.");
    assert_eq!(Lang::En.phase_reason(&overdue, &b.l), "1 invoice overdue, €800.00 in all; the oldest 1 day past its due date.");
    let back = PhaseReason::BackAfterCollection { handed_over: d(2026, 5, 1), paid_on: d(2026, 6, 2) };
    assert_eq!(
        Lang::Nl.phase_reason(&back, &b.l),
        "Op 01-05-2026 uit handen gegeven en op 02-06-2026 toch volledig betaald: eerst een nieuwe kredietcheck, niet op dezelfde voet verder."
    );
}
