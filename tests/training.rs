//! Training mode: the scenario ledgers, the clock, the textbook run and the summary, checked
//! against the engine. Every milestone of every scenario must show on its day with the textbook
//! trainee, and not yet on its `absent_on` day, for several seeds and start dates (month ends and
//! a leap day included: "buying less" is measured in calendar months).

use std::collections::HashSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stipt::domain::{normalize_iban, Country, CustomerKind, Event, EventKind, StepKind};
use stipt::engine::dunning::ActionKind;
use stipt::engine::risk::phase::Phase;
use stipt::i18n::Lang;
use stipt::training::texts::{briefing, milestone_text, title, tour};
use stipt::training::{build, shows, summary, textbook_run, Expectation, Scenario, ScriptedEvent};
use stipt::ui::route::Route;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const SEEDS: [u64; 4] = [1, 2, 42, 0x5eed_cafe_f00d];

fn starts() -> [NaiveDate; 4] {
    [day(2026, 3, 10), day(2025, 12, 30), day(2028, 2, 27), day(2026, 7, 31)]
}

#[test]
fn every_milestone_shows_on_its_day_and_not_before() {
    for scenario in Scenario::ALL {
        for seed in SEEDS {
            for start in starts() {
                let sl = build(scenario, seed, start);
                let run = textbook_run(&sl);
                let at = format!("{} seed {seed} start {start}", scenario.key());
                assert!(sl.milestones.len() >= 4, "{at}: {} milestones", sl.milestones.len());
                for m in &sl.milestones {
                    assert!(
                        sl.shows_on(m.day, &run.events, &m.expect),
                        "{at}: {:?} does not show on day {}",
                        m.expect,
                        m.day
                    );
                    if let Some(before) = m.absent_on {
                        assert!(before < m.day, "{at}: absent_on after the day");
                        assert!(
                            !sl.shows_on(before, &run.events, &m.expect),
                            "{at}: {:?} shows already on day {before} (milestone day {})",
                            m.expect,
                            m.day
                        );
                    }
                }
                assert_eq!(run.outcome.actions_missed, 0, "{at}: the textbook misses nothing");
                assert!(run.outcome.actions_done >= 1, "{at}");
            }
        }
    }
}

#[test]
fn each_scenario_shows_what_it_is_about() {
    use stipt::engine::risk::signals::SignalKind as S;
    let rows: [(Scenario, &[Expectation]); 7] = [
        (
            Scenario::NewCustomerNeverPays,
            &[
                Expectation::Phase(Phase::Acceptance),
                Expectation::Phase(Phase::Monitoring),
                Expectation::Signal(S::NoCommunication),
                Expectation::Phase(Phase::Collection),
            ],
        ),
        (Scenario::GoodCustomerBuysLess, &[Expectation::Signal(S::BuyingLess), Expectation::Signal(S::LongerTerms)]),
        (Scenario::Excuses, &[Expectation::Signal(S::RecurringExcuses), Expectation::Paid]),
        (
            Scenario::BrokenPromises,
            &[
                Expectation::Signal(S::BrokenPromises),
                Expectation::BrokenPromiseCall,
                Expectation::ProofOfPayment,
                Expectation::Signal(S::RoundAmounts),
            ],
        ),
        (Scenario::LingeringDispute, &[Expectation::Signal(S::LingeringDispute), Expectation::Paid]),
        (
            Scenario::ConsumerFourteenDayLetter,
            &[
                Expectation::Claim { costs_allowed: false },
                Expectation::Claim { costs_allowed: true },
                Expectation::Action(StepKind::FinalNotice),
                Expectation::Phase(Phase::Acceptance),
            ],
        ),
        (
            Scenario::BelgianCustomer,
            &[Expectation::Claim { costs_allowed: true }, Expectation::Signal(S::PatternChange), Expectation::Signal(S::SkippedPayments)],
        ),
    ];
    for (scenario, wanted) in rows {
        let sl = build(scenario, 7, day(2026, 3, 10));
        for w in wanted {
            assert!(sl.milestones.iter().any(|m| m.expect == *w), "{}: no milestone {w:?}", scenario.key());
        }
    }
}

#[test]
fn same_seed_same_ledger_other_seed_other_names_same_story() {
    let start = day(2026, 3, 10);
    for scenario in Scenario::ALL {
        let a = build(scenario, 11, start);
        let b = build(scenario, 11, start);
        assert_eq!(a.ledger_at_start.to_parts(), b.ledger_at_start.to_parts(), "{}", scenario.key());
        assert_eq!((a.script.clone(), a.reactions.clone(), a.milestones.clone()), (b.script.clone(), b.reactions.clone(), b.milestones.clone()));
        assert_eq!(a.ledger_on(a.length_days), b.ledger_on(b.length_days));
        assert_eq!(textbook_run(&a), textbook_run(&b));

        // Other seeds: other names and amounts, the same milestones (days may differ only where
        // the story follows the calendar; here the start is the same).
        let names: HashSet<String> = (0..8u64)
            .map(|seed| {
                let sl = build(scenario, seed, start);
                let c = sl.ledger_at_start.customer(sl.customer).unwrap();
                format!("{} / {}", sl.ledger_at_start.company.name, c.name)
            })
            .collect();
        assert!(names.len() >= 4, "{}: {names:?}", scenario.key());
        let c = build(scenario, 12, start);
        assert_ne!(a.ledger_at_start.to_parts(), c.ledger_at_start.to_parts(), "{}", scenario.key());
        let kinds = |sl: &stipt::training::ScenarioLedger| sl.milestones.iter().map(|m| (m.day, m.expect)).collect::<Vec<_>>();
        assert_eq!(kinds(&a), kinds(&c), "{}: the story does not depend on the seed", scenario.key());
    }
}

#[test]
fn ledgers_are_valid_dutch_and_belgian_and_dated_as_the_story() {
    for scenario in Scenario::ALL {
        for seed in SEEDS {
            let start = day(2026, 3, 10);
            let sl = build(scenario, seed, start);
            let l = &sl.ledger_at_start;
            let at = format!("{} seed {seed}", scenario.key());
            assert!(normalize_iban(&l.company.iban).is_ok(), "{at}");
            assert!(!l.company.name.is_empty() && !l.company.vat_number.is_empty(), "{at}");
            let c = l.customer(sl.customer).unwrap();
            assert_eq!(normalize_iban(&c.iban).as_deref(), Ok(c.iban.as_str()), "{at}");
            assert_ne!(c.address.city, l.company.address.city, "{at}: no visit step");
            match scenario {
                Scenario::BelgianCustomer => assert_eq!((c.country.clone(), c.kind), (Country::Be, CustomerKind::Business)),
                Scenario::ConsumerFourteenDayLetter => assert_eq!((c.country.clone(), c.kind), (Country::Nl, CustomerKind::Consumer)),
                _ => assert_eq!((c.country.clone(), c.kind), (Country::Nl, CustomerKind::Business)),
            }
            if c.kind == CustomerKind::Business {
                assert!(!c.vat_number.is_empty() && !c.contact_person.is_empty(), "{at}");
            }
            // History before the start, the script within the story.
            assert!(l.invoices().all(|i| i.date < start), "{at}");
            assert!(l.payments().all(|p| p.date < start), "{at}");
            assert!(l.events().all(|e| e.date < start), "{at}");
            assert!(sl.script.iter().all(|s| (0..=sl.length_days).contains(&s.day)), "{at}");
            assert!(sl.script.windows(2).all(|w| w[0].day <= w[1].day), "{at}");
            assert!(sl.milestones.iter().all(|m| (0..=sl.length_days).contains(&m.day)), "{at}");
            // Every scripted invoice exists by the end, and nothing is dated after its day.
            let end = sl.ledger_on(sl.length_days);
            for s in &sl.script {
                if let ScriptedEvent::Invoice { number, .. } = &s.what {
                    assert_eq!(end.invoice_by_number(number).map(|i| i.date), Some(sl.date(s.day)), "{at}: {number}");
                }
            }
            for d in [0, 10, 30] {
                let on = sl.ledger_on(d);
                let until = sl.date(d);
                assert!(on.invoices().all(|i| i.date <= until) && on.payments().all(|p| p.date <= until), "{at} day {d}");
                assert!(on.events().all(|e| e.date <= until), "{at} day {d}");
            }
            // The claims can be computed on every day of the story (the rate tables reach).
            let run = textbook_run(&sl);
            let last = sl.ledger_on_with(sl.length_days, &run.events);
            let case = stipt::engine::law::ledger::customer_case(&last, sl.customer, sl.date(sl.length_days + 200), None).unwrap();
            assert!(stipt::engine::law::compute(&case.case, &last.settings.law).is_ok(), "{at}");
        }
    }
}

#[test]
fn the_customer_answers_the_trainees_actions() {
    let sl = build(Scenario::Excuses, 3, day(2026, 3, 10));
    // The older of the two open invoices.
    let open = sl.ledger_at_start.open_items(sl.customer, stipt::domain::Currency::EUR);
    let invoice = open.iter().min_by_key(|(_, due, _)| *due).unwrap().0;
    // Without the trainee nobody calls, and the customer never pays.
    assert!(sl.ledger_on(sl.length_days).open_items(sl.customer, stipt::domain::Currency::EUR).iter().any(|x| x.2 > Decimal::ZERO));
    // A call on day 8 (earlier than the textbook): paid three days later.
    let mut call = Event::new(sl.customer, Some(invoice), sl.date(8), EventKind::DunningDone { step: "Bellen".into(), channel: stipt::domain::Channel::Phone });
    call.note = "Zelf gebeld.".into();
    let mine = vec![call.clone()];
    assert!(!shows(&sl.ledger_on_with(10, &mine), sl.customer, sl.date(10), &Expectation::Paid));
    assert!(shows(&sl.ledger_on_with(11, &mine), sl.customer, sl.date(11), &Expectation::Paid));
    // A skipped call is not a call.
    let skipped = vec![Event { kind: EventKind::DunningSkipped { step: StepKind::Call.key().into() }, ..call }];
    assert!(!shows(&sl.ledger_on_with(20, &skipped), sl.customer, sl.date(20), &Expectation::Paid));

    let s = summary(&sl, &mine, sl.length_days);
    assert_eq!(s.days_to_collect, Some(11));
    assert_eq!(s.textbook.days_to_collect, Some(31), "the textbook calls on day 28");
    assert!(s.collected.amount > Decimal::ZERO && s.open_left.amount.is_zero());
    assert_eq!(s.collected, s.textbook.collected);
    // The follow-up and the due-date call were due before the payment and never done.
    let missed: Vec<(i64, ActionKind)> = s.actions_missed.iter().map(|r| (r.day, r.kind)).collect();
    assert!(missed.contains(&(0, ActionKind::Step(StepKind::InvoiceFollowUp))), "{missed:?}");
    assert!(missed.contains(&(5, ActionKind::Step(StepKind::DueDateCall))), "{missed:?}");
    assert!(s.actions_done.is_empty(), "the call was not on the worklist on day 8: {:?}", s.actions_done);
}

#[test]
fn summary_of_the_textbook_and_of_a_trainee_who_does_nothing() {
    for scenario in Scenario::ALL {
        let sl = build(scenario, 5, day(2026, 3, 10));
        let run = textbook_run(&sl);
        let s = summary(&sl, &run.events, sl.length_days);
        let at = scenario.key();
        assert!(s.actions_missed.is_empty(), "{at}: {:?}", s.actions_missed);
        assert_eq!(s.actions_done.len(), run.outcome.actions_done, "{at}");
        assert_eq!((s.collected, s.open_left, s.days_to_collect), (run.outcome.collected, run.outcome.open_left, run.outcome.days_to_collect), "{at}");
        assert_eq!(s.textbook, run.outcome, "{at}");
        assert!(s.actions_done.iter().all(|r| r.done_on == Some(r.day) && !r.skipped), "{at}: the textbook does it the same day");

        let idle = summary(&sl, &[], sl.length_days);
        assert!(idle.actions_done.is_empty(), "{at}");
        assert!(!idle.actions_missed.is_empty(), "{at}: a trainee who does nothing misses the worklist");
        assert!(idle.collected.amount <= s.collected.amount, "{at}: doing nothing never collects more");
        assert!(idle.actions_missed.windows(2).all(|w| w[0].day <= w[1].day), "{at}: by day");
    }
    // Where the customer answers the worklist, doing nothing costs money.
    for scenario in [Scenario::Excuses, Scenario::BrokenPromises, Scenario::LingeringDispute, Scenario::ConsumerFourteenDayLetter] {
        let sl = build(scenario, 5, day(2026, 3, 10));
        let idle = summary(&sl, &[], sl.length_days);
        assert!(idle.open_left.amount > Decimal::ZERO && idle.days_to_collect.is_none(), "{}", scenario.key());
        assert!(idle.textbook.open_left.amount.is_zero(), "{}", scenario.key());
    }
}

#[test]
fn a_skipped_step_counts_as_handled_and_a_missed_one_is_listed_with_its_day() {
    let sl = build(Scenario::NewCustomerNeverPays, 9, day(2026, 3, 10));
    let run = textbook_run(&sl);
    // The textbook without the due-date call (day 15), and with the reminder skipped for a reason.
    let mine: Vec<Event> = run
        .events
        .iter()
        .filter(|e| !matches!(&e.kind, EventKind::DunningDone { step, .. } if step == StepKind::DueDateCall.key()))
        .map(|e| match &e.kind {
            EventKind::DunningDone { step, .. } if step == StepKind::Reminder.key() => {
                let mut s = e.clone();
                s.kind = EventKind::DunningSkipped { step: step.clone() };
                s.note = "Klant belt zelf terug.".into();
                s
            }
            _ => e.clone(),
        })
        .collect();
    let s = summary(&sl, &mine, sl.length_days);
    let missed: Vec<(i64, ActionKind)> = s.actions_missed.iter().map(|r| (r.day, r.kind)).collect();
    assert_eq!(missed, vec![(15, ActionKind::Step(StepKind::DueDateCall))]);
    let reminder = s.actions_done.iter().find(|r| r.kind == ActionKind::Step(StepKind::Reminder)).unwrap();
    assert!(reminder.skipped && reminder.done_on == Some(22), "{reminder:?}");
}

#[test]
fn keys_are_stable() {
    let keys: Vec<&str> = Scenario::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys,
        ["new-customer", "buying-less", "excuses", "broken-promises", "dispute", "consumer-14-day-letter", "belgian-customer"]
    );
    for s in Scenario::ALL {
        assert_eq!(Scenario::from_key(s.key()), Some(s));
    }
    assert_eq!(Scenario::from_key("nope"), None);
}

#[test]
fn texts_in_both_languages() {
    for s in Scenario::ALL {
        for lang in [Lang::Nl, Lang::En] {
            assert!(!title(lang, s).is_empty());
            let b = briefing(lang, s);
            let sentences = b.matches(['.', '?']).count();
            assert!((2..=4).contains(&sentences), "{} {lang:?}: {sentences} sentences", s.key());
        }
        assert_ne!(title(Lang::Nl, s), title(Lang::En, s));
        let sl = build(s, 1, day(2026, 3, 10));
        for m in &sl.milestones {
            let nl = milestone_text(Lang::Nl, s, m);
            let en = milestone_text(Lang::En, s, m);
            assert!(nl.starts_with(&format!("Dag {}: ", m.day)), "{nl}");
            assert!(en.starts_with(&format!("Day {}: ", m.day)), "{en}");
            assert_ne!(nl, en);
        }
    }
    let nl = milestone_text(
        Lang::Nl,
        Scenario::BrokenPromises,
        &stipt::training::Milestone { day: 9, expect: Expectation::Signal(stipt::engine::risk::signals::SignalKind::BrokenPromises), absent_on: Some(8) },
    );
    assert_eq!(nl, "Dag 9: het signaal 'Beloftes niet nagekomen' verschijnt: de beloofde datum is voorbij en het bedrag is niet binnen.");
}

#[test]
fn the_tour_walks_the_five_phases_in_order_on_real_routes() {
    let steps = tour();
    let phases: Vec<Phase> = steps.iter().map(|s| s.phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]), "{phases:?}");
    for p in Phase::ALL {
        assert!(phases.contains(&p), "{p:?} missing");
    }
    for s in steps {
        assert_ne!(Route::parse(s.route), Route::NotFound, "{}", s.route);
        assert_eq!(Route::parse(s.route).href(), s.route);
        for lang in [Lang::Nl, Lang::En] {
            assert!(!s.title(lang).is_empty() && !s.text(lang).is_empty() && !s.rule(lang).is_empty());
        }
    }
    // Every scenario is visited.
    let visited: HashSet<Scenario> = steps.iter().filter_map(|s| s.scenario).collect();
    assert_eq!(visited.len(), Scenario::ALL.len());
    // The scenario named at a phase's stop reaches that phase.
    for s in steps {
        if let Some(sc) = s.scenario {
            let sl = build(sc, 1, day(2026, 3, 10));
            let run = textbook_run(&sl);
            let reached = (0..=sl.length_days).any(|d| sl.shows_on(d, &run.events, &Expectation::Phase(s.phase)));
            assert!(reached, "{}: never in {:?}", sc.key(), s.phase);
        }
    }
}
