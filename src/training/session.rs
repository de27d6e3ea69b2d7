//! A training session: which scenario is played with which seed and start date, where the clock
//! stands, and the diary entries the trainee made. Pure: the browser side (`ui::state`) keeps one
//! session and stores it through `storage::local`.
//!
//! # A separate workspace
//!
//! The session is all that is kept: the ledger shown is rebuilt from it
//! ([`Session::shown`]: `ScenarioLedger::ledger_on_with(day, trainee entries)`), because a
//! scenario ledger is a pure function of scenario, seed, start date and the trainee's entries.
//! Storing the rebuilt ledger would only duplicate that (and could disagree with it after an
//! update of the scenarios); the session is a few kilobytes. It is written as JSON under its own
//! `localStorage` key, [`SESSION_KEY`], which does not start with the snapshot's `stipt.` prefix:
//! the snapshot store never reads, writes, dumps or discards it, and training never calls the
//! store. The user's own ledger is therefore untouched by anything done in training, and leaving
//! training simply loads it again.
//!
//! # The clock
//!
//! The day runs from 0 (the start) to the scenario's last day ([`Session::moved`]). The ledger
//! shown on a day holds the trainee's entries dated up to and including that day, so an action
//! taken on the worklist leaves it at once, and the customer's same-day answers show. Moving the
//! clock back drops nothing: entries dated after the new day are kept, not shown
//! ([`Session::later`]), and come back when the clock passes their date again.
//!
//! # What the trainee does
//!
//! The trainee works in the ordinary pages; every change goes through [`Session::record`], which
//! compares the ledger before and after the change. New diary entries are the trainee's; a
//! changed or removed entry is allowed only when it is one of the trainee's own. What the story
//! did (the customer's entries, invoices, payments) and the ledger's settings cannot be changed in
//! training ([`Refusal`]): they are the scenario.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{build, Scenario, ScenarioLedger};
use crate::domain::{Event, EventId, EventKind, Ledger, LedgerParts};
use crate::storage::records::{day_number, from_day_number, EventRec};

/// The `localStorage` key of the session (outside the snapshot's `stipt.` prefix).
pub const SESSION_KEY: &str = "stipt-training.session";
const FORMAT: &str = "stipt-training";
const VERSION: u32 = 1;
/// The seed the training page proposes: every trainer sees the same names and amounts.
pub const DEFAULT_SEED: u64 = 2026;

/// One training session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub scenario: Scenario,
    pub seed: u64,
    /// Day 0.
    pub start: NaiveDate,
    /// The day the clock shows.
    pub day: i64,
    /// The trainee's diary entries (ids are given when the ledger is built).
    pub events: Vec<Event>,
}

/// Why a change is not taken in training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A diary entry of the story (the customer's or the history's) was changed or removed.
    StoryEntry,
    /// Customers, invoices, payments, the company or the settings were changed.
    NotDiary,
}

/// How the clock moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Forward (positive) or back (negative) this many days.
    By(i64),
    /// To this day.
    To(i64),
}

#[derive(Serialize, Deserialize)]
struct SessionRec {
    format: String,
    version: u32,
    scenario: String,
    seed: u64,
    start: i32,
    day: i64,
    events: Vec<EventRec>,
}

impl Session {
    /// A new session on day 0 with no entries.
    pub fn new(scenario: Scenario, seed: u64, start: NaiveDate) -> Session {
        Session { scenario, seed, start, day: 0, events: Vec::new() }
    }

    /// The scenario ledger of this session.
    pub fn build(&self) -> ScenarioLedger {
        build(self.scenario, self.seed, self.start)
    }

    /// The ledger shown: see the module documentation.
    pub fn shown(&self, sl: &ScenarioLedger) -> Ledger {
        sl.ledger_on_with(self.day, &self.events)
    }

    /// The day `m` leads to, from 0 to the scenario's last day.
    pub fn moved(day: i64, length_days: i64, m: Move) -> i64 {
        let to = match m {
            Move::By(n) => day.saturating_add(n),
            Move::To(d) => d,
        };
        to.clamp(0, length_days.max(0))
    }

    /// The trainee's entries dated after the day shown (kept for when the clock passes them).
    pub fn later(&self, sl: &ScenarioLedger) -> usize {
        let today = sl.date(self.day);
        self.events.iter().filter(|e| e.date > today).count()
    }

    /// Which entry of `shown` (the ledger of this session's day) is which of the trainee's
    /// entries: id in the ledger -> index in `events`. Entries are matched by content in the
    /// order the ledger adds them; two entries with the same content are interchangeable.
    pub fn trainee_ids(&self, sl: &ScenarioLedger, shown: &Ledger) -> HashMap<EventId, usize> {
        let today = sl.date(self.day);
        let mut order: Vec<usize> = (0..self.events.len()).filter(|&k| self.events[k].date <= today).collect();
        crate::sort::by_key(&mut order, |&k| self.events[k].date);
        let mut taken: HashSet<EventId> = HashSet::new();
        let mut out = HashMap::new();
        for k in order {
            let mine = &self.events[k];
            if let Some(e) = shown.events().find(|e| !taken.contains(&e.id) && same(e, mine)) {
                taken.insert(e.id);
                out.insert(e.id, k);
            }
        }
        out
    }

    /// Takes the trainee's change from `current` (the ledger shown) to `next` into the session:
    /// new entries are added, the trainee's own entries changed or removed.
    ///
    /// # Errors
    /// A change to anything but the trainee's diary (see [`Refusal`]); the session is unchanged.
    pub fn record(&mut self, sl: &ScenarioLedger, current: &Ledger, next: &Ledger) -> Result<(), Refusal> {
        let mine = self.trainee_ids(sl, current);
        let before: BTreeMap<EventId, &Event> = current.events().map(|e| (e.id, e)).collect();
        let after: BTreeMap<EventId, &Event> = next.events().map(|e| (e.id, e)).collect();
        let mut events: Vec<Option<Event>> = self.events.iter().cloned().map(Some).collect();
        let mut added: Vec<Event> = Vec::new();
        let mut limits: HashSet<crate::domain::CustomerId> = HashSet::new();
        for (id, old) in &before {
            match after.get(id) {
                Some(new) if new == old => {}
                changed => {
                    let &k = mine.get(id).ok_or(Refusal::StoryEntry)?;
                    events[k] = changed.map(|e| without_id(e));
                    if let Some(e) = changed.filter(|e| matches!(e.kind, EventKind::LimitSet { .. })) {
                        limits.insert(e.customer);
                    }
                }
            }
        }
        for (id, new) in &after {
            if !before.contains_key(id) {
                if matches!(new.kind, EventKind::LimitSet { .. }) {
                    limits.insert(new.customer);
                }
                added.push(without_id(new));
            }
        }
        if !same_apart_from_diary(current, next, &limits) {
            return Err(Refusal::NotDiary);
        }
        self.events = events.into_iter().flatten().chain(added).collect();
        Ok(())
    }

    /// The session as stored (see [`SESSION_KEY`]).
    pub fn to_json(&self) -> String {
        let rec = SessionRec {
            format: FORMAT.into(),
            version: VERSION,
            scenario: self.scenario.key().into(),
            seed: self.seed,
            start: day_number(self.start),
            day: self.day,
            events: self.events.iter().map(EventRec::from_domain).collect(),
        };
        serde_json::to_string(&rec).unwrap_or_default()
    }

    /// Reads a stored session; `None` when it is not one this version reads (a training session
    /// is practice, not data: an unreadable one is simply not resumed).
    pub fn from_json(text: &str) -> Option<Session> {
        let rec: SessionRec = serde_json::from_str(text).ok()?;
        if rec.format != FORMAT || rec.version != VERSION {
            return None;
        }
        let events: Option<Vec<Event>> = rec.events.into_iter().map(|e| e.into_domain().ok()).collect();
        Some(Session {
            scenario: Scenario::from_key(&rec.scenario)?,
            seed: rec.seed,
            start: from_day_number(rec.start).ok()?,
            day: rec.day.max(0),
            events: events?,
        })
    }
}

fn without_id(e: &Event) -> Event {
    Event { id: EventId(0), ..e.clone() }
}

fn same(a: &Event, b: &Event) -> bool {
    a.customer == b.customer && a.invoice == b.invoice && a.date == b.date && a.kind == b.kind && a.note == b.note
}

/// Whether `a` and `b` differ only in their diary, and in the credit limit of the customers in
/// `limits` (a limit is set with a diary entry).
fn same_apart_from_diary(a: &Ledger, b: &Ledger, limits: &HashSet<crate::domain::CustomerId>) -> bool {
    let strip = |l: &Ledger| {
        let mut p: LedgerParts = l.to_parts();
        p.events.clear();
        for c in &mut p.customers {
            if limits.contains(&c.id) {
                c.credit_limit = None;
            }
        }
        p
    };
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::StepKind;
    use crate::engine::dunning::plan;

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    #[test]
    fn the_clock_stays_within_the_story() {
        let rows = [
            (0, 50, Move::By(1), 1),
            (10, 50, Move::By(7), 17),
            (45, 50, Move::By(30), 50),
            (3, 50, Move::By(-7), 0),
            (20, 50, Move::By(-1), 19),
            (20, 50, Move::To(35), 35),
            (20, 50, Move::To(-4), 0),
            (20, 50, Move::To(99), 50),
            (0, 50, Move::By(i64::MAX), 50),
        ];
        for (day, len, m, want) in rows {
            assert_eq!(Session::moved(day, len, m), want, "{day} {m:?}");
        }
    }

    /// The first worklist action of the morning, done as the worklist records it.
    fn do_first_action(s: &mut Session, sl: &ScenarioLedger) -> Ledger {
        let current = s.shown(sl);
        let today = sl.date(s.day);
        let a = plan(&current, today).actions.into_iter().next().expect("work on the list");
        let mut next = current.clone();
        for i in &a.items {
            let kind = match a.kind {
                crate::engine::dunning::ActionKind::Step(k) => k.key().to_string(),
                _ => "call".into(),
            };
            let e = Event::new(a.customer, Some(i.invoice), today, EventKind::DunningDone { step: kind, channel: a.channel });
            next.add_event(e).unwrap();
        }
        s.record(sl, &current, &next).unwrap();
        next
    }

    #[test]
    fn an_action_is_kept_replayed_and_survives_the_clock_going_back() {
        let mut s = Session::new(Scenario::BrokenPromises, DEFAULT_SEED, start());
        let sl = s.build();
        assert_eq!(s.shown(&sl).events().count(), sl.ledger_on(0).events().count());
        let after = do_first_action(&mut s, &sl);
        assert_eq!(s.events.len(), 1, "the first dunning letter, one invoice");
        // The ledger shown is rebuilt with the entry, and the action has left the worklist.
        let shown = s.shown(&sl);
        assert_eq!(shown.events().count(), after.events().count());
        assert!(plan(&shown, sl.date(0)).actions.iter().all(|a| a.customer != sl.customer || a.kind
            != crate::engine::dunning::ActionKind::Step(StepKind::FirstDunning)));
        assert_eq!(s.trainee_ids(&sl, &shown).len(), 1);

        s.day = Session::moved(s.day, sl.length_days, Move::By(12));
        assert_eq!(s.later(&sl), 0);
        let on_12 = s.shown(&sl);
        assert!(on_12.events().any(|e| e.note == s.events[0].note && e.date == start()));

        // Back to before the entry: kept, not shown; forward again: shown.
        let mut early = s.clone();
        early.events[0].date = sl.date(5);
        early.day = 3;
        assert_eq!(early.later(&sl), 1);
        assert!(early.trainee_ids(&sl, &early.shown(&sl)).is_empty());
        early.day = 6;
        assert_eq!(early.trainee_ids(&sl, &early.shown(&sl)).len(), 1);
    }

    #[test]
    fn the_trainee_edits_and_removes_only_their_own_entries() {
        let mut s = Session::new(Scenario::BrokenPromises, DEFAULT_SEED, start());
        let sl = s.build();
        do_first_action(&mut s, &sl);
        let current = s.shown(&sl);
        let mine = *s.trainee_ids(&sl, &current).keys().next().unwrap();

        // Edit the own entry: the session follows.
        let mut next = current.clone();
        let mut e = next.event(mine).unwrap().clone();
        e.note = "Aangetekend verstuurd".into();
        next.update_event(e).unwrap();
        s.record(&sl, &current, &next).unwrap();
        assert_eq!(s.events.len(), 1);
        assert_eq!(s.events[0].note, "Aangetekend verstuurd");

        // An entry of the story cannot be changed or removed.
        let current = s.shown(&sl);
        let story = current.events().map(|e| e.id).find(|id| !s.trainee_ids(&sl, &current).contains_key(id)).unwrap();
        let mut next = current.clone();
        next.remove_event(story).unwrap();
        let before = s.clone();
        assert_eq!(s.record(&sl, &current, &next), Err(Refusal::StoryEntry));
        assert_eq!(s, before);

        // Nor can a payment, an invoice or the settings.
        let mut next = current.clone();
        next.settings.default_term_days += 1;
        assert_eq!(s.record(&sl, &current, &next), Err(Refusal::NotDiary));
        assert_eq!(s, before);

        // Removing the own entry empties the session again.
        let mine = *s.trainee_ids(&sl, &current).keys().next().unwrap();
        let mut next = current.clone();
        next.remove_event(mine).unwrap();
        s.record(&sl, &current, &next).unwrap();
        assert!(s.events.is_empty());
        assert_eq!(s.shown(&sl).events().count(), sl.ledger_on(0).events().count());
    }

    #[test]
    fn a_limit_set_by_the_trainee_changes_the_customer_too() {
        let mut s = Session::new(Scenario::NewCustomerNeverPays, 7, start());
        let sl = s.build();
        let current = s.shown(&sl);
        let mut next = current.clone();
        let limit = EventKind::LimitSet { limit: Some(rust_decimal::Decimal::from(1234)), by: "Trainer".into() };
        let e = Event::new(sl.customer, None, sl.date(0), limit);
        next.set_limit(Event { note: "Na de kredietcheck".into(), ..e }).unwrap();
        s.record(&sl, &current, &next).unwrap();
        assert_eq!(s.events.len(), 1);
        let shown = s.shown(&sl);
        assert_eq!(shown.customer(sl.customer).unwrap().credit_limit, Some(rust_decimal::Decimal::from(1234)));
        // Another customer's limit without an entry is not the diary.
        let mut next = shown.clone();
        let mut c = next.customer(sl.customer).unwrap().clone();
        c.credit_limit = None;
        next.update_customer(c).unwrap();
        assert_eq!(s.record(&sl, &shown, &next), Err(Refusal::NotDiary));
    }

    #[test]
    fn the_session_round_trips_and_a_foreign_text_is_not_resumed() {
        let mut s = Session::new(Scenario::BelgianCustomer, u64::MAX, start());
        let sl = s.build();
        do_first_action_any(&mut s, &sl);
        s.day = 17;
        let text = s.to_json();
        assert!(text.starts_with(r#"{"format":"stipt-training","version":1,"scenario":"belgian-customer""#), "{text}");
        assert_eq!(Session::from_json(&text), Some(s.clone()));
        for bad in ["", "{}", "null", r#"{"format":"stipt-snapshot","version":1}"#, &text.replace("belgian-customer", "x")] {
            assert_eq!(Session::from_json(bad), None, "{bad}");
        }
        assert!(!SESSION_KEY.starts_with(crate::storage::PREFIX));
    }

    /// Any diary entry on day 0 (the Belgian story may have no work on its first morning).
    fn do_first_action_any(s: &mut Session, sl: &ScenarioLedger) {
        let current = s.shown(sl);
        let mut next = current.clone();
        let e = Event::new(sl.customer, None, sl.date(s.day), EventKind::Note);
        next.add_event(Event { note: "Klant gebeld, vriendelijk gesprek".into(), ..e }).unwrap();
        s.record(sl, &current, &next).unwrap();
        assert_eq!(s.events.len(), 1);
    }
}
