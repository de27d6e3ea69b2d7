//! Training mode: small scenario ledgers that tell one story each, a clock that moves, and what a
//! trainee did compared with the textbook (DOMAIN.md section 1: "a trainer who demonstrates credit
//! management ... a clock that can be moved forward, and every phase and warning signal visible").
//!
//! # A scenario
//!
//! [`build`] makes a [`ScenarioLedger`] from a [`Scenario`], a seed and a start date: one customer
//! with Dutch or Belgian names and business, valid IBAN and VAT numbers, a history dated before
//! `start` ([`ScenarioLedger::ledger_at_start`]), and a **script** of what the customer will do
//! on which day after `start` (day 0 is `start`): invoices the story sends, orders, payments
//! (in full or in part), promises, excuses, disputes, requests for more time, unanswered contacts.
//! The seed chooses names, numbers and amounts; the scenario fixes the story and its days, so
//! every seed tells the same story and reaches the same [`Milestone`]s.
//!
//! # The clock
//!
//! [`ScenarioLedger::ledger_on`] is the ledger as of day `d`: the history plus every scripted event
//! up to and including day `d`, dated `start + day`. [`ScenarioLedger::ledger_on_with`] adds the
//! trainee's own diary entries (worklist actions done or skipped, notes, contacts) and the
//! customer's **reactions** to them ([`Reaction`]): where the textbook says acting matters, the
//! customer answers an action. A reaction fires once, at the first diary entry of the trainee that
//! matches its [`Trigger`] (a worklist step done — not skipped — or the broken-promise call),
//! `after_days` after that entry's date. Examples: a firm call gets the money three days later; a
//! final notice gets a part payment; a broken-promise call gets a second promise.
//!
//! The ledger of a day is built in date order. Within a day, what the customer did that day
//! (scripted, or a reaction to an earlier day) comes first: the trainee sees it in the morning
//! and acts on it. Then the trainee's entries of that day, then the customer's same-day answers
//! to them (`after_days` 0). The planner reads entries of one day in that order (a request for
//! proof of payment counts only when made after the promise). A scripted event that no longer fits is left out rather
//! than breaking the ledger: a payment when nothing is open (the trainee's earlier call already
//! got the money) pays only what is open, or nothing; a promise for nothing open is not made.
//! The trainee's entries are re-added with new ids; one the ledger refuses (an invoice that does
//! not exist that day) is left out.
//!
//! # Milestones
//!
//! Each scenario lists what the engine must show on which day ([`Expectation`]): a warning signal,
//! a phase, a worklist step, a broken-promise call or a request for proof of payment, a claim with
//! or without collection costs, everything paid. [`ScenarioLedger::morning`] is the ledger a
//! trainee sees when opening day `d`: the trainee's entries of the days before, the customer's
//! events up to and including that day. [`shows`] checks an expectation against it; the tests
//! check every milestone with the textbook trainee, and that it does not show yet on its
//! `absent_on` day (usually the day before).
//!
//! # The textbook and the summary
//!
//! [`textbook_run`] is a trainee who opens the worklist every morning and does every action on the
//! day it appears (one diary entry per invoice, as the worklist does). [`summary`] replays a
//! trainee's entries morning by morning: what was collected and how fast, which worklist actions
//! were done (or skipped with a reason) and which were due but never done, next to the same
//! figures of the textbook run.

mod gen;
pub mod session;
pub mod texts;

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::{
    allocate_oldest_first, Channel, ContactOutcome, Currency, CustomerId, Event, EventKind, ExcuseCategory, Invoice,
    InvoiceId, Ledger, Money, Payment, StepKind,
};
use crate::engine::dunning::{plan, step_kind_of, ActionKind, ActionReason, PROMISE_BROKEN_KEY, PROOF_OF_PAYMENT_KEY};
use crate::engine::law;
use crate::engine::risk::phase::{phase, Phase};
use crate::engine::risk::signals::{signals, SignalKind};

/// The seven stories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scenario {
    /// A new customer who never pays the first invoice (seed 000, monitoring).
    NewCustomerNeverPays,
    /// A good customer who starts buying less and asking for longer terms (seed 003).
    GoodCustomerBuysLess,
    /// The same excuse again and again (seed 003, seed 001 #5).
    Excuses,
    /// Promises made and broken (seed 001 #7-8).
    BrokenPromises,
    /// A dispute that drags on (seed 003).
    LingeringDispute,
    /// A Dutch consumer and the 14-day letter (DOMAIN.md section 7).
    ConsumerFourteenDayLetter,
    /// A Belgian business customer (DOMAIN.md section 7, Belgium).
    BelgianCustomer,
}

impl Scenario {
    pub const ALL: [Scenario; 7] = [
        Scenario::NewCustomerNeverPays,
        Scenario::GoodCustomerBuysLess,
        Scenario::Excuses,
        Scenario::BrokenPromises,
        Scenario::LingeringDispute,
        Scenario::ConsumerFourteenDayLetter,
        Scenario::BelgianCustomer,
    ];

    /// Stable identifier (routes, stored preferences); never translated.
    pub fn key(self) -> &'static str {
        match self {
            Scenario::NewCustomerNeverPays => "new-customer",
            Scenario::GoodCustomerBuysLess => "buying-less",
            Scenario::Excuses => "excuses",
            Scenario::BrokenPromises => "broken-promises",
            Scenario::LingeringDispute => "dispute",
            Scenario::ConsumerFourteenDayLetter => "consumer-14-day-letter",
            Scenario::BelgianCustomer => "belgian-customer",
        }
    }

    pub fn from_key(key: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.key() == key.trim())
    }
}

/// Which invoices a scripted payment goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayTarget {
    /// The invoice with this number.
    Invoice(String),
    /// The invoices past their due date on the day of payment, oldest due date first.
    Overdue,
    /// Everything open, oldest due date first.
    AllOpen,
}

/// Something that happens in the story. Invoices are named by number (the script is written
/// before the ledger gives them ids). Notes are the diary's text, in Dutch like the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptedEvent {
    /// The story's own bookkeeping: an invoice is sent, due `term_days` later.
    Invoice { number: String, amount: Decimal, term_days: u16, description: String },
    /// The customer pays `amount` (`None`: everything open on the target), never more than is
    /// open on it; `{inv}` in the reference becomes the numbers paid.
    Pay { target: PayTarget, amount: Option<Decimal>, reference: String },
    /// The customer promises to pay `amount` (`None`: what is open on the invoice, or in total)
    /// `in_days` after the day the promise is made.
    Promise { invoice: Option<String>, amount: Option<Decimal>, in_days: i64, note: String },
    Excuse { invoice: Option<String>, category: ExcuseCategory, note: String },
    /// The customer disputes an invoice.
    Dispute { invoice: String, reason: String },
    /// The dispute is settled, with a credit note of `credit` when given.
    DisputeResolved { invoice: String, credit: Option<Decimal>, note: String },
    /// The customer asks for `days` more time.
    ExtensionRequest { invoice: Option<String>, days: u16, note: String },
    /// A new order (what "buying less" is measured by).
    Order { amount: Decimal, note: String },
    /// A contact attempt the customer leaves unanswered (no answer by phone, no response
    /// otherwise).
    NoResponse { channel: Channel, invoice: Option<String>, note: String },
}

/// A scripted event on a day after `start` (day 0 is `start`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scripted {
    pub day: i64,
    pub what: ScriptedEvent,
}

/// What the trainee does that a [`Reaction`] answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// A worklist step done (`DunningDone` whose step is this kind, by key or name), for this
    /// invoice when given (an entry without invoice counts for every invoice).
    Step { kind: StepKind, invoice: Option<String> },
    /// The call about a broken promise done (`DunningDone` with step [`PROMISE_BROKEN_KEY`]).
    PromiseBrokenCall,
}

/// The customer's answer to something the trainee does: `what` happens `after_days` after the
/// first diary entry that matches `on`. Fires at most once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reaction {
    pub on: Trigger,
    pub after_days: i64,
    pub what: ScriptedEvent,
}

/// What the engine must show on a milestone's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// `engine::risk::signals` lists this signal for the customer.
    Signal(SignalKind),
    /// `engine::risk::phase` puts the customer in this phase.
    Phase(Phase),
    /// The worklist (`engine::dunning::plan`) has this step for the customer.
    Action(StepKind),
    /// The worklist has the call about a broken promise (seed 001 #7).
    BrokenPromiseCall,
    /// The worklist asks for a copy of the transfer order after a second promise (seed 001 #8).
    ProofOfPayment,
    /// The law engine computes a claim (something past due and open) with collection costs
    /// (or the Belgian €40) claimable now, or without them.
    Claim { costs_allowed: bool },
    /// Nothing is open for the customer.
    Paid,
}

/// A day of the story and what shows on it; `absent_on` is a day on which it must not show yet
/// (usually the day before; earlier where the engine measures in calendar months).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub day: i64,
    pub expect: Expectation,
    pub absent_on: Option<i64>,
}

/// A scenario, ready to be played: see the module documentation.
#[derive(Clone, Debug)]
pub struct ScenarioLedger {
    pub scenario: Scenario,
    pub seed: u64,
    /// Day 0.
    pub start: NaiveDate,
    /// The customer the story is about.
    pub customer: CustomerId,
    /// The ledger on `start`: history only.
    pub ledger_at_start: Ledger,
    /// What the customer does, by day (sorted).
    pub script: Vec<Scripted>,
    /// How the customer answers the trainee's actions.
    pub reactions: Vec<Reaction>,
    /// The last day of the story.
    pub length_days: i64,
    /// What shows when, sorted by day.
    pub milestones: Vec<Milestone>,
}

/// The scenario's ledger and script from `seed`, with day 0 on `start`.
///
/// # Panics
/// Never in practice: the data is our own and the tests build every scenario for many seeds and
/// start dates.
pub fn build(scenario: Scenario, seed: u64, start: NaiveDate) -> ScenarioLedger {
    gen::build(scenario, seed, start).expect("the training data keeps every ledger rule")
}

/// One thing to apply to the ledger of a day.
enum Item<'a> {
    Trainee(&'a Event),
    Story(&'a ScriptedEvent),
}

impl ScenarioLedger {
    /// The date of day `day`.
    pub fn date(&self, day: i64) -> NaiveDate {
        self.start + Duration::days(day)
    }

    /// The day of a date (negative before `start`).
    pub fn day_of(&self, date: NaiveDate) -> i64 {
        (date - self.start).num_days()
    }

    /// The ledger as of day `day`, the customer's script applied, without the trainee.
    pub fn ledger_on(&self, day: i64) -> Ledger {
        self.ledger_on_with(day, &[])
    }

    /// The ledger as of day `day`: the trainee's entries dated up to that day, the script up to
    /// that day, and the reactions they set off (see the module documentation).
    pub fn ledger_on_with(&self, day: i64, trainee_events: &[Event]) -> Ledger {
        let until = self.date(day);
        let mut items: Vec<(NaiveDate, u8, usize, Item<'_>)> = Vec::new();
        let mut mine: Vec<&Event> = trainee_events.iter().filter(|e| e.date <= until).collect();
        crate::sort::by_key(&mut mine, |e| e.date);
        // Within a day: what the customer did (seen in the morning), the trainee's entries,
        // then the customer's same-day answers to them.
        for (k, s) in self.script.iter().enumerate().filter(|(_, s)| s.day <= day) {
            items.push((self.date(s.day), 0, k, Item::Story(&s.what)));
        }
        for (k, e) in mine.iter().enumerate() {
            items.push((e.date, 2, k, Item::Trainee(e)));
        }
        for (k, r) in self.reactions.iter().enumerate() {
            let Some(first) = mine.iter().find(|e| self.triggers(&r.on, e)) else { continue };
            let after = r.after_days.max(0);
            let when = first.date + Duration::days(after);
            if when <= until {
                items.push((when, if after == 0 { 3 } else { 1 }, k, Item::Story(&r.what)));
            }
        }
        crate::sort::by_key(&mut items, |(date, class, k, _)| (*date, *class, *k));
        let mut l = self.ledger_at_start.clone();
        for (date, _, _, item) in items {
            match item {
                Item::Trainee(e) => {
                    let mut e = e.clone();
                    e.id = crate::domain::EventId(0);
                    // A limit set by the trainee changes the customer too; anything the ledger
                    // refuses is left out (see the module documentation).
                    let _ = if matches!(e.kind, EventKind::LimitSet { .. }) { l.set_limit(e) } else { l.add_event(e) };
                }
                Item::Story(what) => self.apply(&mut l, date, what),
            }
        }
        l
    }

    /// The ledger the trainee sees when opening day `day`: their own entries of the days before,
    /// the customer's events (and reactions) up to and including `day`.
    pub fn morning(&self, day: i64, trainee_events: &[Event]) -> Ledger {
        let before = self.date(day);
        let earlier: Vec<Event> = trainee_events.iter().filter(|e| e.date < before).cloned().collect();
        self.ledger_on_with(day, &earlier)
    }

    /// Whether `expect` shows on the morning of `day` for the scenario's customer.
    pub fn shows_on(&self, day: i64, trainee_events: &[Event], expect: &Expectation) -> bool {
        shows(&self.morning(day, trainee_events), self.customer, self.date(day), expect)
    }

    fn triggers(&self, on: &Trigger, e: &Event) -> bool {
        if e.customer != self.customer {
            return false;
        }
        let EventKind::DunningDone { step, .. } = &e.kind else { return false };
        match on {
            Trigger::PromiseBrokenCall => step.trim().eq_ignore_ascii_case(PROMISE_BROKEN_KEY),
            Trigger::Step { kind, invoice } => {
                step_kind_of(step) == Some(*kind)
                    && match (invoice, e.invoice) {
                        (None, _) | (Some(_), None) => true,
                        (Some(number), Some(id)) => {
                            self.script_invoice_id(number).or_else(|| self.ledger_at_start.invoice_by_number(number).map(|i| i.id))
                                == Some(id)
                        }
                    }
            }
        }
    }

    /// The id a scripted invoice gets: invoices are added in script order after the history's,
    /// so the k-th scripted invoice (or credit note) gets the k-th id after the last one.
    fn script_invoice_id(&self, number: &str) -> Option<InvoiceId> {
        let base = self.ledger_at_start.max_ids().1;
        let mut k = 0;
        for s in &self.script {
            match &s.what {
                ScriptedEvent::Invoice { number: n, .. } => {
                    k += 1;
                    if n == number {
                        return Some(InvoiceId(base + k));
                    }
                }
                ScriptedEvent::DisputeResolved { credit: Some(_), .. } => k += 1,
                _ => {}
            }
        }
        None
    }

    fn apply(&self, l: &mut Ledger, date: NaiveDate, what: &ScriptedEvent) {
        let customer = self.customer;
        let id_of = |l: &Ledger, number: &Option<String>| number.as_ref().and_then(|n| l.invoice_by_number(n)).map(|i| i.id);
        let event = |invoice: Option<InvoiceId>, kind: EventKind, note: &str| {
            let mut e = Event::new(customer, invoice, date, kind);
            e.note = note.to_string();
            e
        };
        // Nothing here can break the ledger: a refused record is left out.
        match what {
            ScriptedEvent::Invoice { number, amount, term_days, description } => {
                let mut inv = Invoice::new(number.clone(), customer, date, *term_days, Money::eur(*amount));
                inv.description = description.clone();
                let _ = l.add_invoice(inv);
            }
            ScriptedEvent::Pay { target, amount, reference } => {
                let mut open = l.open_items(customer, Currency::EUR);
                match target {
                    PayTarget::Invoice(n) => {
                        let id = l.invoice_by_number(n).map(|i| i.id);
                        open.retain(|(i, _, _)| Some(*i) == id);
                    }
                    PayTarget::Overdue => open.retain(|(_, due, _)| *due < date),
                    PayTarget::AllOpen => {}
                }
                let total: Decimal = open.iter().map(|(_, _, o)| *o).sum();
                let pay = amount.map_or(total, |a| a.min(total));
                if pay <= Decimal::ZERO {
                    return;
                }
                let allocations = allocate_oldest_first(pay, &open);
                let numbers: Vec<String> =
                    allocations.iter().filter_map(|a| l.invoice(a.invoice).map(|i| i.number.clone())).collect();
                let Ok(mut p) = Payment::new(customer, date, Money::eur(pay), allocations) else { return };
                if let Some(c) = l.customer(customer) {
                    p.payer_name = c.name.to_uppercase();
                    p.payer_iban = c.iban.clone();
                }
                p.reference = reference.replace("{inv}", &numbers.join(", "));
                let _ = l.add_payment(p);
            }
            ScriptedEvent::Promise { invoice, amount, in_days, note } => {
                let id = id_of(l, invoice);
                let open: Decimal = l
                    .open_items(customer, Currency::EUR)
                    .iter()
                    .filter(|(i, _, _)| id.is_none_or(|x| x == *i))
                    .map(|(_, _, o)| *o)
                    .sum();
                let amount = amount.unwrap_or(open).min(open);
                if amount > Decimal::ZERO {
                    let kind = EventKind::Promise { amount, date: date + Duration::days(*in_days) };
                    let _ = l.add_event(event(id, kind, note));
                }
            }
            ScriptedEvent::Excuse { invoice, category, note } => {
                let _ = l.add_event(event(id_of(l, invoice), EventKind::Excuse { category: *category }, note));
            }
            ScriptedEvent::Dispute { invoice, reason } => {
                let id = id_of(l, &Some(invoice.clone()));
                let _ = l.add_event(event(id, EventKind::DisputeOpened { reason: reason.clone() }, ""));
            }
            ScriptedEvent::DisputeResolved { invoice, credit, note } => {
                let Some(inv) = l.invoice_by_number(invoice).cloned() else { return };
                if let Some(c) = credit {
                    let mut cn = Invoice::credit_note(format!("C{}", inv.number), &inv, date, Money::eur(*c));
                    cn.description = note.clone();
                    let _ = l.add_invoice(cn);
                }
                let _ = l.add_event(event(Some(inv.id), EventKind::DisputeResolved, note));
            }
            ScriptedEvent::ExtensionRequest { invoice, days, note } => {
                let _ = l.add_event(event(id_of(l, invoice), EventKind::ExtensionRequest { days: *days }, note));
            }
            ScriptedEvent::Order { amount, note } => {
                let _ = l.add_event(event(None, EventKind::Order { amount: *amount }, note));
            }
            ScriptedEvent::NoResponse { channel, invoice, note } => {
                let outcome = if *channel == Channel::Phone { ContactOutcome::NoAnswer } else { ContactOutcome::NoResponse };
                let _ = l.add_event(event(id_of(l, invoice), EventKind::Contact { channel: *channel, outcome }, note));
            }
        }
    }
}

/// What the customer has open (EUR) on the ledger.
fn open_of(ledger: &Ledger, customer: CustomerId) -> Decimal {
    ledger.open_items(customer, Currency::EUR).iter().map(|(_, _, o)| *o).sum()
}

/// Whether the engine shows `expect` for `customer` on `today`.
pub fn shows(ledger: &Ledger, customer: CustomerId, today: NaiveDate, expect: &Expectation) -> bool {
    let on_list = |f: &dyn Fn(&ActionKind) -> bool| plan(ledger, today).actions.iter().any(|a| a.customer == customer && f(&a.kind));
    match *expect {
        Expectation::Signal(kind) => {
            signals(ledger, customer, today, &ledger.settings.risk).iter().any(|s| s.kind == kind)
        }
        Expectation::Phase(p) => phase(ledger, customer, today).is_some_and(|i| i.phase == p),
        Expectation::Action(step) => on_list(&|k| *k == ActionKind::Step(step)),
        Expectation::BrokenPromiseCall => on_list(&|k| matches!(k, ActionKind::PromiseBroken { .. })),
        Expectation::ProofOfPayment => on_list(&|k| matches!(k, ActionKind::ProofOfPayment { .. })),
        Expectation::Claim { costs_allowed } => {
            let Some(case) = law::ledger::customer_case(ledger, customer, today, None) else { return false };
            if case.case.claims.is_empty() {
                return false;
            }
            law::compute(&case.case, &ledger.settings.law).is_ok_and(|s| (s.costs > Decimal::ZERO) == costs_allowed)
        }
        Expectation::Paid => {
            ledger.invoices().any(|i| i.customer == customer && i.date <= today) && open_of(ledger, customer).is_zero()
        }
    }
}

// ----- the textbook and the summary -----

/// The note of the textbook trainee's entries.
const TEXTBOOK_NOTE: &str = "Volgens het boekje: gedaan op de dag dat het op de werklijst stond.";

/// The diary entries that record `action` as done on `date`: one per invoice for a step, one
/// without invoice for a promise call or request.
fn entries_for(action: &crate::engine::dunning::Action, date: NaiveDate) -> Vec<Event> {
    let entry = |invoice: Option<InvoiceId>, step: &str| {
        let mut e = Event::new(action.customer, invoice, date, EventKind::DunningDone { step: step.into(), channel: action.channel });
        e.note = TEXTBOOK_NOTE.into();
        e
    };
    match action.kind {
        ActionKind::Step(kind) => action.items.iter().map(|i| entry(Some(i.invoice), kind.key())).collect(),
        ActionKind::PromiseBroken { .. } => vec![entry(None, PROMISE_BROKEN_KEY)],
        ActionKind::ProofOfPayment { .. } => vec![entry(None, PROOF_OF_PAYMENT_KEY)],
    }
}

/// How a run of the story ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Paid by the customer after `start` up to the end day.
    pub collected: Money,
    /// Open at the end day.
    pub open_left: Money,
    /// The day of the last payment when nothing is left open; `None` while something is.
    pub days_to_collect: Option<i64>,
    /// Worklist actions done (or skipped with a reason).
    pub actions_done: usize,
    /// Worklist actions that were due and never done.
    pub actions_missed: usize,
}

/// The textbook trainee's run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The diary entries the textbook trainee made (ids are given when applied).
    pub events: Vec<Event>,
    /// The last day played (`length_days`).
    pub end_day: i64,
    pub outcome: Outcome,
}

/// The textbook policy: every morning from day 0 to the end of the story, every action on the
/// worklist is done that day (see the module documentation).
pub fn textbook_run(sl: &ScenarioLedger) -> Run {
    let events = textbook_events(sl, sl.length_days);
    let replay = replay(sl, &events, sl.length_days);
    Run { end_day: sl.length_days, outcome: replay.outcome(), events }
}

fn textbook_events(sl: &ScenarioLedger, end_day: i64) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for day in 0..=end_day {
        let morning = sl.morning(day, &events);
        let today = sl.date(day);
        for a in plan(&morning, today).actions {
            events.extend(entries_for(&a, today));
        }
    }
    events
}

/// One worklist action for one invoice (or, for a promise call or request, for the customer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRecord {
    /// The first morning it was on the worklist.
    pub day: i64,
    pub customer: CustomerId,
    pub kind: ActionKind,
    pub invoice: Option<InvoiceId>,
    /// The day the trainee recorded it done or skipped.
    pub done_on: Option<i64>,
    /// Recorded as skipped (with a reason) rather than done.
    pub skipped: bool,
}

/// The end-of-scenario summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub end_day: i64,
    pub collected: Money,
    pub open_left: Money,
    /// The day of the last payment when nothing is left open.
    pub days_to_collect: Option<i64>,
    /// Done or skipped, by the day they appeared.
    pub actions_done: Vec<ActionRecord>,
    /// Due and never done: still on the worklist at the end, or passed over (a missed call
    /// overtaken by the next step) while the invoice was still open. Actions that left the
    /// worklist because the invoice was paid count as neither.
    pub actions_missed: Vec<ActionRecord>,
    /// The textbook run up to the same day.
    pub textbook: Outcome,
}

/// The summary of a trainee's entries up to `end_day`, compared with the textbook.
pub fn summary(sl: &ScenarioLedger, trainee_events: &[Event], end_day: i64) -> Summary {
    let mine = replay(sl, trainee_events, end_day);
    let textbook = replay(sl, &textbook_events(sl, end_day), end_day).outcome();
    let (done, missed): (Vec<ActionRecord>, Vec<ActionRecord>) = mine
        .records
        .into_iter()
        .filter(|(r, unresolved)| r.done_on.is_some() || *unresolved)
        .map(|(r, _)| r)
        .partition(|r| r.done_on.is_some());
    Summary {
        end_day,
        collected: mine.collected,
        open_left: mine.open_left,
        days_to_collect: mine.days_to_collect,
        actions_done: done,
        actions_missed: missed,
        textbook,
    }
}

/// How an action is told apart from day to day (the ids of promises can change between mornings
/// as entries are added; their dates do not).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Unit {
    Step(CustomerId, StepKind, InvoiceId),
    Broken(CustomerId, NaiveDate),
    Proof(CustomerId, NaiveDate),
}

struct Replay {
    /// Each action, and whether it was unresolved: gone from the worklist while its invoice (or
    /// the customer) still had something open, or still there at the end.
    records: Vec<(ActionRecord, bool)>,
    collected: Money,
    open_left: Money,
    days_to_collect: Option<i64>,
}

impl Replay {
    fn outcome(&self) -> Outcome {
        Outcome {
            collected: self.collected,
            open_left: self.open_left,
            days_to_collect: self.days_to_collect,
            actions_done: self.records.iter().filter(|(r, _)| r.done_on.is_some()).count(),
            actions_missed: self.records.iter().filter(|(r, unresolved)| r.done_on.is_none() && *unresolved).count(),
        }
    }
}

fn units_of(a: &crate::engine::dunning::Action) -> Vec<(Unit, Option<InvoiceId>)> {
    match (a.kind, &a.reason) {
        (ActionKind::Step(kind), _) => a.items.iter().map(|i| (Unit::Step(a.customer, kind, i.invoice), Some(i.invoice))).collect(),
        (ActionKind::PromiseBroken { promised, .. }, _) => vec![(Unit::Broken(a.customer, promised), None)],
        (ActionKind::ProofOfPayment { .. }, ActionReason::SecondPromise { made, .. }) => vec![(Unit::Proof(a.customer, *made), None)],
        (ActionKind::ProofOfPayment { .. }, _) => vec![(Unit::Proof(a.customer, a.due_on), None)],
    }
}

/// Whether the trainee's entry `e` records the action `unit` as done or skipped: `Some(skipped)`.
fn answers(unit: &Unit, e: &Event) -> Option<bool> {
    let (step, skipped) = match &e.kind {
        EventKind::DunningDone { step, .. } => (step.as_str(), false),
        EventKind::DunningSkipped { step } => (step.as_str(), true),
        EventKind::Contact { channel: Channel::Phone, .. } if matches!(unit, Unit::Broken(..)) => return Some(false),
        _ => return None,
    };
    let hit = match unit {
        Unit::Step(c, kind, invoice) => {
            e.customer == *c && step_kind_of(step) == Some(*kind) && e.invoice.is_none_or(|i| i == *invoice)
        }
        Unit::Broken(c, _) => e.customer == *c && step.trim().eq_ignore_ascii_case(PROMISE_BROKEN_KEY),
        Unit::Proof(c, _) => e.customer == *c && step.trim().eq_ignore_ascii_case(PROOF_OF_PAYMENT_KEY),
    };
    hit.then_some(skipped)
}

fn replay(sl: &ScenarioLedger, trainee_events: &[Event], end_day: i64) -> Replay {
    let mut records: Vec<ActionRecord> = Vec::new();
    let mut unresolved: Vec<bool> = Vec::new();
    let mut index: HashMap<Unit, usize> = HashMap::new();
    let mut present: Vec<(Unit, Option<InvoiceId>, CustomerId)> = Vec::new();
    for day in 0..=end_day {
        let morning = sl.morning(day, trainee_events);
        let today = sl.date(day);
        let mut now: Vec<(Unit, Option<InvoiceId>, CustomerId)> = Vec::new();
        for a in plan(&morning, today).actions {
            for (unit, invoice) in units_of(&a) {
                if let std::collections::hash_map::Entry::Vacant(slot) = index.entry(unit) {
                    slot.insert(records.len());
                    records.push(ActionRecord { day, customer: a.customer, kind: a.kind, invoice, done_on: None, skipped: false });
                    unresolved.push(false);
                }
                now.push((unit, invoice, a.customer));
            }
        }
        // Gone since yesterday: unresolved when something was still open.
        for (unit, invoice, customer) in &present {
            if now.iter().any(|(u, _, _)| u == unit) {
                continue;
            }
            let still_open = match invoice {
                Some(i) => morning.balance(*i).is_some_and(|b| b.open() > Decimal::ZERO),
                None => open_of(&morning, *customer) > Decimal::ZERO,
            };
            if let Some(&k) = index.get(unit) {
                unresolved[k] = unresolved[k] || still_open;
            }
        }
        present = now;
    }
    for (unit, _, _) in &present {
        if let Some(&k) = index.get(unit) {
            unresolved[k] = true;
        }
    }
    // Done: a matching entry on or after the first day it was due, up to the end.
    let end = sl.date(end_day);
    let mut mine: Vec<&Event> = trainee_events.iter().filter(|e| e.date <= end).collect();
    crate::sort::by_key(&mut mine, |e| e.date);
    for (unit, &k) in &index {
        let from = sl.date(records[k].day);
        if let Some((e, skipped)) = mine.iter().filter(|e| e.date >= from).find_map(|e| answers(unit, e).map(|s| (e, s))) {
            records[k].done_on = Some(sl.day_of(e.date));
            records[k].skipped = skipped;
        }
    }
    let mut order: Vec<usize> = (0..records.len()).collect();
    crate::sort::by_key(&mut order, |&k| (records[k].day, k));
    let records: Vec<(ActionRecord, bool)> = order.iter().map(|&k| (records[k].clone(), unresolved[k])).collect();

    let last = sl.ledger_on_with(end_day, trainee_events);
    let paid: Vec<&Payment> = last
        .payments()
        .filter(|p| p.customer == sl.customer && p.amount.currency == Currency::EUR && p.date > sl.start && p.date <= end)
        .collect();
    let collected: Decimal = paid.iter().map(|p| p.amount.amount).sum();
    let open_left = open_of(&last, sl.customer);
    let days_to_collect =
        if open_left.is_zero() { paid.iter().map(|p| sl.day_of(p.date)).max() } else { None };
    Replay {
        records,
        collected: Money::eur(collected),
        open_left: Money::eur(open_left),
        days_to_collect,
    }
}

#[cfg(test)]
mod tests;
