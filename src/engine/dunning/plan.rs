//! The planner: what the rules need is gathered per customer once ([`Cust::build`]), then
//! evaluated on a day ([`Cust::on`]) — today for [`plan`], and day after day for [`upcoming`].

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use chrono::{Duration, Months, NaiveDate};
use rust_decimal::Decimal;

use super::{
    Action, ActionItem, ActionKind, ActionReason, Held, HeldReason, Plan, PolicyChoice, PROMISE_BROKEN_KEY,
    PROOF_OF_PAYMENT_KEY,
};
use crate::domain::{
    Channel, CollectorLevel, Currency, Customer, CustomerId, DunningSettings, EventId, EventKind, Invoice, InvoiceId,
    Ledger, Money, Policy, Step, StepBase, StepKind,
};
use crate::engine::law::ledger::is_fourteen_day_step;
use crate::engine::law::{add_working_days, Regime};
use crate::engine::pass::Day;
use crate::engine::risk::behaviour::{
    behaviour_of, gather, grade_for, items_of, weighted_delay, Facts, Gathered, InvoiceFacts, OnDay,
};
use crate::engine::Pass;
use crate::engine::risk::Grade;

/// The policy used when the settings have none at all.
static BUILT_IN: LazyLock<Policy> = LazyLock::new(Policy::standard);

/// A Dutch 14-day letter is received the second day after sending; the 14 days run from the day
/// after: the last day to pay is 16 days after sending.
pub(crate) const FOURTEEN_DAY_DEADLINE: i64 = 16;
/// Belgian consumers: the next step comes 14 days after the first reminder's wait start.
const BE_WAIT_DAYS: i64 = 14;

// ----- step names -----

/// The step a diary entry's step name stands for: a [`StepKind::key`], or a name typed by hand or
/// written by an older version, in Dutch or English (case and punctuation do not matter):
///
/// | names containing | step |
/// | --- | --- |
/// | a 14-day letter (`is_fourteen_day_step`), "ingebrekestelling", "laatste aanmaning", "sommatie", "final notice", "formal notice" | final notice |
/// | "overdracht", "incasso", "hand over", "collection agency" | hand-over |
/// | "aanmaning", "dunning" | first dunning |
/// | "herinnering", "reminder" | reminder |
/// | "proactie", "proactive" | proactive check |
/// | "opvolg", "follow up" | invoice follow-up |
/// | "vervaldag", "due date" | due-date call |
/// | "bezoek", "visit" | visit |
/// | "bellen", "belpoging", "telefo", "call" | call |
///
/// ```
/// use stipt::domain::StepKind;
/// use stipt::engine::dunning::step_kind_of;
/// assert_eq!(step_kind_of("first-dunning"), Some(StepKind::FirstDunning));
/// assert_eq!(step_kind_of("Eerste aanmaning"), Some(StepKind::FirstDunning));
/// assert_eq!(step_kind_of("Laatste aanmaning"), Some(StepKind::FinalNotice));
/// assert_eq!(step_kind_of("Veertiendagenbrief"), Some(StepKind::FinalNotice));
/// assert_eq!(step_kind_of("Overdracht incasso"), Some(StepKind::HandOver));
/// assert_eq!(step_kind_of("Kerstkaart"), None);
/// ```
pub fn step_kind_of(name: &str) -> Option<StepKind> {
    if let Some(k) = StepKind::from_key(name.trim()) {
        return Some(k);
    }
    let s: String = name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    let any = |words: &[&str]| words.iter().any(|w| s.contains(w));
    if is_fourteen_day_step(name)
        || any(&["ingebrekestelling", "laatsteaanmaning", "sommatie", "finalnotice", "formalnotice", "lastnotice"])
    {
        Some(StepKind::FinalNotice)
    } else if any(&["overdracht", "incasso", "handover", "handedover", "collectionagency"]) {
        Some(StepKind::HandOver)
    } else if any(&["aanmaning", "dunning"]) {
        Some(StepKind::FirstDunning)
    } else if any(&["herinnering", "reminder"]) {
        Some(StepKind::Reminder)
    } else if any(&["proactie", "proactive"]) {
        Some(StepKind::ProactiveCheck)
    } else if any(&["opvolg", "followup"]) {
        Some(StepKind::InvoiceFollowUp)
    } else if any(&["vervaldag", "vervaldatum", "duedate"]) {
        Some(StepKind::DueDateCall)
    } else if any(&["bezoek", "visit"]) {
        Some(StepKind::Visit)
    } else if any(&["bellen", "belpoging", "telefo", "call"]) {
        Some(StepKind::Call)
    } else {
        None
    }
}

/// Steps sent after the due date: an entry without invoice counts for them only for invoices
/// already past due.
pub(super) fn after_due(kind: StepKind) -> bool {
    matches!(
        kind,
        StepKind::Reminder
            | StepKind::FirstDunning
            | StepKind::Call
            | StepKind::Visit
            | StepKind::FinalNotice
            | StepKind::HandOver
    )
}

/// Written reminders: the Belgian "first reminder" is the first of these.
/// Steps done by talking (or checking), which a later step overtakes when they were missed.
fn is_spoken(kind: StepKind) -> bool {
    matches!(kind, StepKind::ProactiveCheck | StepKind::InvoiceFollowUp | StepKind::DueDateCall | StepKind::Call | StepKind::Visit)
}

pub(crate) fn is_written_reminder(kind: StepKind) -> bool {
    matches!(kind, StepKind::Reminder | StepKind::FirstDunning | StepKind::FinalNotice)
}

// ----- policy choice -----

fn rank(level: CollectorLevel) -> u8 {
    match level {
        CollectorLevel::Junior => 0,
        CollectorLevel::Senior => 1,
        CollectorLevel::Owner => 2,
    }
}

fn higher(a: CollectorLevel, b: CollectorLevel) -> CollectorLevel {
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

fn find_policy<'l>(s: &'l DunningSettings, id: &str) -> Option<&'l Policy> {
    let id = id.trim();
    s.policies.iter().find(|p| p.id.trim().eq_ignore_ascii_case(id))
}

/// The policy of `c` by the rules of the module documentation. `open_main` is the customer's
/// open amount in the main currency; the payment grade is asked of `grade` only when a grade
/// rule is tried.
fn choose<'l>(
    ledger: &'l Ledger,
    c: &Customer,
    grade: impl FnOnce() -> Option<Grade>,
    open_main: Decimal,
) -> (&'l Policy, PolicyChoice) {
    let s = &ledger.settings.dunning;
    let profile = c.profile.trim();
    if !profile.is_empty() {
        let named = |p: &&Policy| p.id.trim().eq_ignore_ascii_case(profile) || p.name.trim().eq_ignore_ascii_case(profile);
        if let Some(p) = s.policies.iter().find(named) {
            return (p, PolicyChoice::Profile);
        }
    }
    let mut grade = Some(grade);
    let mut graded: Option<Option<Grade>> = None;
    for (i, rule) in s.rules.iter().enumerate() {
        let Some(policy) = find_policy(s, &rule.policy) else { continue };
        if rule.kind.is_some_and(|k| k != c.kind)
            || rule.score_below.is_some_and(|below| c.latest_score().is_none_or(|x| x.score >= below))
            || rule.open_at_least.is_some_and(|min| open_main < min)
        {
            continue;
        }
        if !rule.risk_levels.is_empty() {
            let level = ledger.settings.risk.level(&c.sector, c.country.code());
            if !rule.risk_levels.contains(&level) {
                continue;
            }
        }
        if !rule.grades.is_empty() {
            let g = *graded.get_or_insert_with(|| grade.take().and_then(|f| f()));
            let letter = g.map_or("", Grade::letter);
            if !rule.grades.iter().any(|x| x.trim().eq_ignore_ascii_case(letter)) {
                continue;
            }
        }
        return (policy, PolicyChoice::Rule(i));
    }
    if let Some(p) = find_policy(s, &s.default_policy) {
        return (p, PolicyChoice::Default);
    }
    (s.policies.first().unwrap_or(&BUILT_IN), PolicyChoice::Fallback)
}

/// The payment grade of `c` on `today` from its facts (as `engine::risk::behaviour`).
fn grade_of(c: &Customer, facts: Option<&Facts<'_>>, today: NaiveDate, ledger: &Ledger) -> Option<Grade> {
    let empty = Facts::default();
    behaviour_of(c.id, facts.unwrap_or(&empty), today, &ledger.settings.risk).grade
}

/// The customer's open amount on `today` in `currency`.
fn open_in(facts: &Facts<'_>, today: NaiveDate, currency: Currency) -> Decimal {
    facts.invoices.iter().filter(|f| f.invoice.amount.currency == currency).map(|f| f.open_at(today)).sum()
}

/// The policy of `customer` on `today`, and why (see the module documentation). An unknown
/// customer gets the default policy.
pub fn policy_choice(ledger: &Ledger, customer: CustomerId, today: NaiveDate) -> (&Policy, PolicyChoice) {
    let facts = gather(ledger, Some(customer));
    let f = facts.get(customer);
    match ledger.customer(customer) {
        Some(c) => {
            let open = f.map_or(Decimal::ZERO, |f| open_in(f, today, ledger.settings.currency));
            choose(ledger, c, || grade_of(c, f, today, ledger), open)
        }
        None => {
            let s = &ledger.settings.dunning;
            match find_policy(s, &s.default_policy) {
                Some(p) => (p, PolicyChoice::Default),
                None => (s.policies.first().unwrap_or(&BUILT_IN), PolicyChoice::Fallback),
            }
        }
    }
}

/// [`policy_choice`] for every customer, in one pass over the ledger (the settings page shows
/// how many customers each policy gets; one `policy_choice` per customer would read the whole
/// ledger once per customer).
pub fn policy_choices(ledger: &Ledger, today: NaiveDate) -> HashMap<CustomerId, (&Policy, PolicyChoice)> {
    let facts = gather(ledger, None);
    ledger
        .customers()
        .map(|c| {
            let f = facts.get(c.id);
            let open = f.map_or(Decimal::ZERO, |f| open_in(f, today, ledger.settings.currency));
            (c.id, choose(ledger, c, || grade_of(c, f, today, ledger), open))
        })
        .collect()
}

/// The policy of `customer` on `today` ([`policy_choice`] says why).
pub fn policy_for(ledger: &Ledger, customer: CustomerId, today: NaiveDate) -> &Policy {
    policy_choice(ledger, customer, today).0
}

// ----- what the planner knows about a customer -----

/// Days out of the run: from `from` up to but not including `to` (`None`: not ended).
#[derive(Clone, Copy, Debug)]
struct Block {
    from: NaiveDate,
    to: Option<NaiveDate>,
}

impl Block {
    fn covers(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d < t)
    }

    /// A pause through `until` inclusive.
    fn through(from: NaiveDate, until: NaiveDate) -> Block {
        Block { from, to: Some(until.succ_opt().unwrap_or(until)) }
    }
}

/// A step done (`channel` given) or skipped on an invoice.
#[derive(Clone, Copy, Debug)]
struct Mark {
    date: NaiveDate,
    kind: StepKind,
    channel: Option<Channel>,
}

/// The order in which an invoice takes the steps of `policy`: by their dates for that invoice
/// (a step based on the previous one counts from that one's date, and never comes before it),
/// ties in the policy's order. Indexes into `policy.steps`.
fn step_order(policy: &Policy, invoice: &Invoice) -> Vec<usize> {
    let mut nominal: Vec<NaiveDate> = Vec::with_capacity(policy.steps.len());
    for (k, s) in policy.steps.iter().enumerate() {
        let previous = k.checked_sub(1).map(|p| nominal[p]);
        let base = match s.base {
            StepBase::InvoiceDate => invoice.date,
            StepBase::DueDate => invoice.due,
            StepBase::PreviousStep => previous.unwrap_or(invoice.due),
        };
        let date = base.checked_add_signed(Duration::days(i64::from(s.offset_days))).unwrap_or(base);
        nominal.push(match (s.base, previous) {
            (StepBase::PreviousStep, Some(p)) => date.max(p),
            _ => date,
        });
    }
    let mut order: Vec<usize> = (0..policy.steps.len()).collect();
    order.sort_by_key(|&k| (nominal[k], k));
    order
}

/// Where an invoice stands in its steps.
#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    /// Position (in the invoice's step order) of the first step not yet passed.
    next: usize,
    /// The date of the entry that last moved the invoice on (the base of `PreviousStep`).
    base: Option<NaiveDate>,
    /// The first final notice done (the Dutch 14-day letter).
    fourteen: Option<NaiveDate>,
    /// The first written reminder done, and how it was sent (the Belgian first reminder).
    first_reminder: Option<(NaiveDate, Channel)>,
}

impl Cursor {
    fn of(policy: &Policy, order: &[usize], marks: &[Mark]) -> Cursor {
        let mut cur = Cursor::default();
        for m in marks {
            cur.mark(policy, order, m.kind, m.date, m.channel);
        }
        cur
    }

    fn mark(&mut self, policy: &Policy, order: &[usize], kind: StepKind, date: NaiveDate, channel: Option<Channel>) {
        if let Some(ch) = channel {
            if kind == StepKind::FinalNotice && self.fourteen.is_none() {
                self.fourteen = Some(date);
            }
            if is_written_reminder(kind) && self.first_reminder.is_none() {
                self.first_reminder = Some((date, ch));
            }
        }
        let rest = order.get(self.next..).unwrap_or(&[]);
        if let Some(pos) = rest.iter().position(|&k| policy.steps[k].kind == kind) {
            self.next += pos + 1;
            self.base = Some(date);
        }
    }
}

struct Inv<'f> {
    f: &'f InvoiceFacts<'f>,
    open: Decimal,
    marks: Vec<Mark>,
    pauses: Vec<Block>,
    disputes: Vec<Block>,
    /// The order of the policy's steps for this invoice ([`step_order`]).
    order: Vec<usize>,
    cur: Cursor,
}

impl Inv<'_> {
    fn id(&self) -> InvoiceId {
        self.f.invoice.id
    }
    fn currency(&self) -> Currency {
        self.f.invoice.amount.currency
    }
}

/// The latest promise to pay.
#[derive(Clone, Debug)]
struct Promise {
    id: EventId,
    made: NaiveDate,
    promised: NaiveDate,
    amount: Money,
    /// `promised + grace`: the day a broken promise is called about.
    check: NaiveDate,
    grace: u16,
    /// Paid from `made` through `check`.
    paid_in_window: Decimal,
    /// The day the payments from `made` reached the amount.
    kept_on: Option<NaiveDate>,
    /// The broken-promise call done or skipped.
    resolved_on: Option<NaiveDate>,
    /// The request for a copy of the transfer done or skipped.
    proof_on: Option<NaiveDate>,
    /// Promises made within 12 months up to this one, this one included.
    count: usize,
}

impl Promise {
    /// The promise's pause of the ordinary steps, when it has ended.
    fn block(&self) -> Block {
        let resolved = self.resolved_on.map(|r| r.max(self.check));
        let to = match (self.kept_on, resolved) {
            (Some(k), Some(r)) => Some(k.min(r)),
            (k, r) => k.or(r),
        };
        Block { from: self.made, to }
    }
}

/// What is ledger-wide.
struct Env<'l> {
    ledger: &'l Ledger,
    s: &'l DunningSettings,
    main: Currency,
    city: String,
}

impl<'l> Env<'l> {
    fn new(ledger: &'l Ledger) -> Env<'l> {
        Env {
            ledger,
            s: &ledger.settings.dunning,
            main: ledger.settings.currency,
            city: ledger.company.address.city.trim().to_lowercase(),
        }
    }
}

/// An action with the (invoice, position in its step order) pairs it moves on when done.
struct Planned {
    action: Action,
    steps: Vec<(usize, usize)>,
}

/// One customer, ready to be evaluated on any day from `today` on.
struct Cust<'f> {
    c: &'f Customer,
    regime: Regime,
    policy: &'f Policy,
    /// Open on `today`, by (due date, id).
    invs: Vec<Inv<'f>>,
    /// Open total per currency.
    totals: Vec<(Currency, Decimal)>,
    pauses: Vec<Block>,
    handed_over: bool,
    nearby: bool,
    promise: Option<Promise>,
}

impl<'f> Cust<'f> {
    /// `None` when nothing is open.
    /// `day`: each invoice of `facts` on `today`.
    fn build(env: &Env<'f>, c: &'f Customer, facts: &'f Facts<'f>, day: &[OnDay], today: NaiveDate) -> Option<Cust<'f>> {
        let mut invs: Vec<Inv<'f>> = facts
            .invoices
            .iter()
            .zip(day)
            .filter_map(|(f, d)| {
                let open = d.open;
                (open > Decimal::ZERO).then(|| Inv {
                    f,
                    open,
                    marks: Vec::new(),
                    pauses: Vec::new(),
                    disputes: Vec::new(),
                    order: Vec::new(),
                    cur: Cursor::default(),
                })
            })
            .collect();
        if invs.is_empty() {
            return None;
        }
        invs.sort_by_key(|i| (i.f.invoice.due, i.f.invoice.id));
        let index: HashMap<InvoiceId, usize> = invs.iter().enumerate().map(|(k, i)| (i.id(), k)).collect();

        let mut pauses = Vec::new();
        let mut hand_over: Option<NaiveDate> = None;
        let mut promises = Vec::new();
        let mut broken_marks = Vec::new();
        let mut proof_marks = Vec::new();
        let mut calls = Vec::new();
        let mut dispute_open: HashMap<usize, NaiveDate> = HashMap::new();
        // The diary is in (date, id) order.
        for e in facts.events.iter().filter(|e| e.date <= today) {
            let at = e.invoice.and_then(|i| index.get(&i).copied());
            match &e.kind {
                EventKind::DunningDone { step, .. } | EventKind::DunningSkipped { step } => {
                    let channel = match &e.kind {
                        EventKind::DunningDone { channel, .. } => Some(*channel),
                        _ => None,
                    };
                    let key = step.trim();
                    if key.eq_ignore_ascii_case(PROMISE_BROKEN_KEY) {
                        broken_marks.push((e.date, e.id));
                        continue;
                    }
                    if key.eq_ignore_ascii_case(PROOF_OF_PAYMENT_KEY) {
                        proof_marks.push((e.date, e.id));
                        continue;
                    }
                    let kind = step_kind_of(key).or((channel == Some(Channel::HandOver)).then_some(StepKind::HandOver));
                    // As in `engine::risk::phase`: sent through the hand-over channel, or the hand-over
                    // step done.
                    if channel == Some(Channel::HandOver) || (channel.is_some() && kind == Some(StepKind::HandOver)) {
                        hand_over = Some(e.date);
                    }
                    let Some(kind) = kind else { continue };
                    let mark = Mark { date: e.date, kind, channel };
                    match (e.invoice, at) {
                        (Some(_), Some(k)) => invs[k].marks.push(mark),
                        (Some(_), None) => {}
                        (None, _) => {
                            for inv in &mut invs {
                                let overdue = inv.f.invoice.due < e.date;
                                if inv.f.open_at(e.date) > Decimal::ZERO && (overdue || !after_due(kind)) {
                                    inv.marks.push(mark);
                                }
                            }
                        }
                    }
                }
                EventKind::HandOver { .. } => hand_over = Some(e.date),
                EventKind::Paused { until } => match (e.invoice, at) {
                    (None, _) => pauses.push(Block::through(e.date, *until)),
                    (Some(_), Some(k)) => invs[k].pauses.push(Block::through(e.date, *until)),
                    (Some(_), None) => {}
                },
                EventKind::DisputeOpened { .. } => {
                    if let Some(k) = at {
                        dispute_open.entry(k).or_insert(e.date);
                    }
                }
                EventKind::DisputeResolved => {
                    if let Some(from) = at.and_then(|k| dispute_open.remove(&k)) {
                        if let Some(k) = at {
                            invs[k].disputes.push(Block { from, to: Some(e.date) });
                        }
                    }
                }
                EventKind::Promise { amount, date } => promises.push((e.id, e.date, *date, *amount, e.invoice)),
                EventKind::Contact { channel: Channel::Phone, .. } => calls.push(e.date),
                _ => {}
            }
        }
        for (k, from) in dispute_open {
            invs[k].disputes.push(Block { from, to: None });
        }

        let mut totals: Vec<(Currency, Decimal)> = Vec::new();
        for inv in &invs {
            match totals.iter_mut().find(|(c, _)| *c == inv.currency()) {
                Some((_, t)) => *t += inv.open,
                None => totals.push((inv.currency(), inv.open)),
            }
        }
        totals.sort_by_key(|(c, _)| *c);
        let open_main = totals.iter().find(|(c, _)| *c == env.main).map_or(Decimal::ZERO, |(_, t)| *t);
        let grade = || {
            let delay = weighted_delay(&items_of(day));
            delay.map(|d| grade_for(d, &env.ledger.settings.risk))
        };
        let (policy, _) = choose(env.ledger, c, grade, open_main);
        for inv in &mut invs {
            inv.order = step_order(policy, inv.f.invoice);
            inv.cur = Cursor::of(policy, &inv.order, &inv.marks);
        }

        let promise = promises.last().map(|&(id, made, promised, amount, invoice)| {
            let cutoff = made.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
            let count = promises.iter().filter(|p| p.1 > cutoff).count();
            let currency = invoice
                .and_then(|i| env.ledger.invoice(i))
                .map_or(env.main, |i| i.amount.currency);
            let grace = env.s.promise_grace_days;
            let check = promised.checked_add_signed(Duration::days(i64::from(grace))).unwrap_or(promised);
            let mut paid = Decimal::ZERO;
            let mut paid_in_window = Decimal::ZERO;
            let mut kept_on = None;
            for p in facts.payments.iter().filter(|p| p.date >= made && p.date <= today && p.amount.currency == currency) {
                paid += p.amount.amount;
                if p.date <= check {
                    paid_in_window += p.amount.amount;
                }
                if kept_on.is_none() && paid >= amount {
                    kept_on = Some(p.date);
                }
            }
            let after = |marks: &[(NaiveDate, EventId)]| marks.iter().find(|m| **m > (made, id)).map(|m| m.0);
            // A call made (reached or not) on or after the day it was due counts as done.
            let called = calls.iter().find(|c| **c >= check).copied();
            let resolved_on = match (after(&broken_marks), called) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            Promise {
                id,
                made,
                promised,
                amount: Money::new(amount, currency),
                check,
                grace,
                paid_in_window,
                kept_on,
                resolved_on,
                proof_on: after(&proof_marks),
                count,
            }
        });

        let handed_over =
            c.flags.handed_over || hand_over.is_some_and(|h| invs.iter().any(|i| i.f.invoice.date <= h));
        let city = c.address.city.trim().to_lowercase();
        Some(Cust {
            c,
            regime: Regime::of(c.kind, &c.country),
            policy,
            invs,
            totals,
            pauses,
            handed_over,
            nearby: !env.city.is_empty() && city == env.city,
            promise,
        })
    }

    fn total_in(&self, currency: Currency) -> Decimal {
        self.totals.iter().find(|(c, _)| *c == currency).map_or(Decimal::ZERO, |(_, t)| *t)
    }

    /// Whether `step` applies to invoice `inv` on day `d`.
    fn applies(&self, env: &Env<'_>, step: &Step, inv: &Inv<'_>, d: NaiveDate) -> bool {
        if step.min_amount > Decimal::ZERO && inv.open < step.min_amount && self.total_in(inv.currency()) < step.min_amount {
            return false;
        }
        let before_due = d < inv.f.invoice.due;
        match step.kind {
            StepKind::ProactiveCheck if inv.open < env.s.proactive_from || !before_due => return false,
            StepKind::InvoiceFollowUp if !before_due => return false,
            _ => {}
        }
        !step.nearby_only || self.nearby
    }

    /// The date of `step` for `inv`, with the waits of the law.
    fn step_date(&self, step: &Step, inv: &Inv<'_>) -> NaiveDate {
        let invoice = inv.f.invoice;
        let base = match step.base {
            StepBase::InvoiceDate => invoice.date,
            StepBase::DueDate => invoice.due,
            StepBase::PreviousStep => inv.cur.base.unwrap_or(invoice.due),
        };
        let mut date = base.checked_add_signed(Duration::days(i64::from(step.offset_days))).unwrap_or(base);
        // The deadline the previous message gave is respected: no new step before it has passed
        // (a reminder with 7 days is not followed by a dunning letter the next morning).
        if let (Some(done), Some(&prev)) = (inv.cur.base, inv.cur.next.checked_sub(1).and_then(|i| inv.order.get(i))) {
            let deadline = i64::from(self.policy.steps[prev].deadline_days);
            if deadline > 0 {
                date = date.max(done + Duration::days(deadline + 1));
            }
        }
        match self.regime {
            Regime::NlConsumer if step.kind == StepKind::HandOver => {
                if let Some(sent) = inv.cur.fourteen {
                    date = date.max(sent + Duration::days(FOURTEEN_DAY_DEADLINE + 1));
                }
            }
            Regime::BeConsumer => {
                if let Some((sent, channel)) = inv.cur.first_reminder {
                    let start = if channel == Channel::Email { sent + Duration::days(1) } else { add_working_days(sent, 3) };
                    date = date.max(start + Duration::days(BE_WAIT_DAYS));
                }
            }
            _ => {}
        }
        date
    }

    /// The step of `inv` due on `d` (its position in the invoice's order, and its date), if any:
    /// the first step not passed that applies, when its date has come. A call, visit or check
    /// that was missed is overtaken once the next step's date has come too (a due-date call is
    /// pointless 40 days after the due date); a written step is never overtaken — it stays due
    /// until it is sent or skipped — and neither is a step that counts from the previous one.
    fn next_due(&self, env: &Env<'_>, inv: &Inv<'_>, d: NaiveDate) -> Option<(usize, NaiveDate)> {
        let steps = &self.policy.steps;
        let mut j = (inv.cur.next..inv.order.len()).find(|&j| self.applies(env, &steps[inv.order[j]], inv, d))?;
        let mut date = self.step_date(&steps[inv.order[j]], inv);
        if date > d {
            return None;
        }
        for k in j + 1..inv.order.len() {
            if !is_spoken(steps[inv.order[j]].kind) {
                break;
            }
            let step = &steps[inv.order[k]];
            if step.base == StepBase::PreviousStep {
                break;
            }
            if !self.applies(env, step, inv, d) {
                continue;
            }
            let at = self.step_date(step, inv);
            if at > d {
                break;
            }
            (j, date) = (k, at);
        }
        Some((j, date))
    }

    /// Everything due on day `d`, and the reasons the customer is held.
    fn on(&self, env: &Env<'_>, d: NaiveDate) -> (Vec<Planned>, Vec<HeldReason>) {
        let mut planned = Vec::new();
        let mut held = Vec::new();
        if self.handed_over {
            held.push(HeldReason::HandedOver);
            return (planned, held);
        }
        let mut reason = self.c.flags.on_hold.then_some(HeldReason::OnHold);
        let paused_until =
            self.pauses.iter().filter(|b| b.covers(d)).filter_map(|b| b.to.and_then(|t| t.pred_opt())).max();
        if let Some(until) = paused_until {
            reason.get_or_insert(HeldReason::Paused { until });
        }
        let disputed: Vec<usize> =
            (0..self.invs.len()).filter(|&k| self.invs[k].disputes.iter().any(|b| b.covers(d))).collect();
        let in_run = |k: &usize| !disputed.contains(k);

        let mut promise_blocks = false;
        // A pause by hand pauses the promise's actions too; being on hold does not.
        if let Some(p) = self.promise.as_ref().filter(|_| paused_until.is_none()) {
            let kept = p.kept_on.is_some_and(|k| k <= d);
            if !kept && d < p.check {
                promise_blocks = true;
                reason.get_or_insert(HeldReason::Promise { until: p.promised });
                if p.count >= 2 && p.proof_on.is_none_or(|x| x > d) {
                    let items: Vec<usize> = (0..self.invs.len()).filter(in_run).collect();
                    let reason = ActionReason::SecondPromise {
                        promise: p.id,
                        made: p.made,
                        promised: p.promised,
                        amount: p.amount,
                        promises: p.count,
                    };
                    let kind = ActionKind::ProofOfPayment { promise: p.id };
                    planned.extend(self.promise_action(env, d, kind, Channel::Email, CollectorLevel::Junior, p.made, &items, reason));
                }
            } else if !kept && p.paid_in_window < p.amount.amount && p.resolved_on.is_none_or(|r| r > d) {
                promise_blocks = true;
                let items: Vec<usize> = (0..self.invs.len()).filter(in_run).collect();
                let reason = ActionReason::PromiseBroken {
                    promise: p.id,
                    made: p.made,
                    promised: p.promised,
                    amount: p.amount,
                    paid: Money::new(p.paid_in_window, p.amount.currency),
                    grace_days: p.grace,
                };
                let kind = ActionKind::PromiseBroken { promise: p.id, promised: p.promised, amount: p.amount.amount };
                planned.extend(self.promise_action(env, d, kind, Channel::Phone, CollectorLevel::Senior, p.check, &items, reason));
            }
        }

        if reason.is_none() && !promise_blocks {
            let mut groups: BTreeMap<StepKind, Vec<(usize, usize, NaiveDate)>> = BTreeMap::new();
            let promise_block = self.promise.as_ref().map(Promise::block);
            for (k, inv) in self.invs.iter().enumerate() {
                if !in_run(&k) || inv.pauses.iter().any(|b| b.covers(d)) {
                    continue;
                }
                let Some((at, date)) = self.next_due(env, inv, d) else { continue };
                // The day it became due: after the last pause, dispute or promise that ended since.
                let due_on = self
                    .pauses
                    .iter()
                    .chain(&inv.pauses)
                    .chain(&inv.disputes)
                    .chain(promise_block.iter())
                    .filter_map(|b| b.to)
                    .filter(|t| *t > date && *t <= d)
                    .fold(date, NaiveDate::max);
                groups.entry(self.policy.steps[inv.order[at]].kind).or_default().push((k, at, due_on));
            }
            for (kind, dues) in groups {
                planned.push(self.step_action(env, d, kind, &dues));
            }
        }

        if let Some(r) = reason {
            held.push(r);
        }
        if !disputed.is_empty() {
            held.push(HeldReason::Disputed { invoices: disputed.iter().map(|&k| self.invs[k].id()).collect() });
        }
        (planned, held)
    }

    /// The items of invoices `ks`, their total in the main currency, and the amount the
    /// thresholds use (the largest currency total).
    fn items(&self, env: &Env<'_>, d: NaiveDate, ks: impl Iterator<Item = usize>) -> (Vec<ActionItem>, Decimal, Decimal) {
        let mut items = Vec::new();
        let mut totals: Vec<(Currency, Decimal)> = Vec::new();
        for k in ks {
            let inv = &self.invs[k];
            let invoice = inv.f.invoice;
            match totals.iter_mut().find(|(c, _)| *c == inv.currency()) {
                Some((_, t)) => *t += inv.open,
                None => totals.push((inv.currency(), inv.open)),
            }
            items.push(ActionItem {
                invoice: invoice.id,
                number: invoice.number.clone(),
                due: invoice.due,
                open: Money::new(inv.open, inv.currency()),
                days_overdue: (d - invoice.due).num_days().max(0),
            });
        }
        let at_risk = totals.iter().find(|(c, _)| *c == env.main).map_or(Decimal::ZERO, |(_, t)| *t);
        let amount = totals.iter().map(|(_, t)| *t).max().unwrap_or(Decimal::ZERO);
        (items, at_risk, amount)
    }

    fn level_for(&self, env: &Env<'_>, least: CollectorLevel, amount: Decimal) -> CollectorLevel {
        let by_amount = if amount >= env.s.owner_from {
            CollectorLevel::Owner
        } else if amount >= env.s.senior_from {
            CollectorLevel::Senior
        } else {
            CollectorLevel::Junior
        };
        higher(higher(least, self.c.collector), by_amount)
    }

    fn step_action(&self, env: &Env<'_>, d: NaiveDate, kind: StepKind, dues: &[(usize, usize, NaiveDate)]) -> Planned {
        let step = &self.policy.steps[self.invs[dues[0].0].order[dues[0].1]];
        let (items, at_risk, amount) = self.items(env, d, dues.iter().map(|x| x.0));
        let by_amount = matches!(kind, StepKind::Reminder | StepKind::FirstDunning)
            && matches!(step.channel, Channel::Email | Channel::Letter);
        let channel = if !by_amount {
            step.channel
        } else if amount < env.s.email_below {
            Channel::Email
        } else if amount <= env.s.letter_up_to {
            Channel::Letter
        } else {
            Channel::Phone
        };
        let fourteen_day_letter = self.regime == Regime::NlConsumer && kind == StepKind::FinalNotice;
        let deadline = if fourteen_day_letter {
            Some(d + Duration::days(FOURTEEN_DAY_DEADLINE))
        } else {
            (step.deadline_days > 0).then(|| d + Duration::days(i64::from(step.deadline_days)))
        };
        let first_be_reminder = self.regime == Regime::BeConsumer
            && is_written_reminder(kind)
            && dues.iter().any(|x| self.invs[x.0].cur.first_reminder.is_none());
        let oldest = &self.invs[dues[0].0];
        Planned {
            action: Action {
                customer: self.c.id,
                kind: ActionKind::Step(kind),
                policy: self.policy.id.clone(),
                channel,
                level: self.level_for(env, step.level, amount),
                items,
                due_on: dues.iter().map(|x| x.2).min().unwrap_or(d),
                at_risk,
                deadline,
                // What is handed over is the whole claim: principal, interest and costs.
                announce_interest: step.announce_interest || kind == StepKind::HandOver,
                announce_costs: step.announce_costs || fourteen_day_letter || kind == StepKind::HandOver,
                fee: if first_be_reminder { Decimal::ZERO } else { step.fee },
                fourteen_day_letter,
                reason: ActionReason::StepDue {
                    step: kind,
                    invoice: oldest.id(),
                    days_over: (d - oldest.f.invoice.due).num_days(),
                },
            },
            steps: dues.iter().map(|x| (x.0, x.1)).collect(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn promise_action(
        &self,
        env: &Env<'_>,
        d: NaiveDate,
        kind: ActionKind,
        channel: Channel,
        least: CollectorLevel,
        due_on: NaiveDate,
        ks: &[usize],
        reason: ActionReason,
    ) -> Option<Planned> {
        if ks.is_empty() {
            return None;
        }
        let (items, at_risk, amount) = self.items(env, d, ks.iter().copied());
        Some(Planned {
            action: Action {
                customer: self.c.id,
                kind,
                policy: self.policy.id.clone(),
                channel,
                level: self.level_for(env, least, amount),
                items,
                due_on,
                at_risk,
                deadline: None,
                announce_interest: false,
                announce_costs: false,
                fee: Decimal::ZERO,
                fourteen_day_letter: false,
                reason,
            },
            steps: Vec::new(),
        })
    }

    /// Takes `p` as done on `d` (for [`upcoming`]).
    fn done(&mut self, p: &Planned, d: NaiveDate) {
        match p.action.kind {
            ActionKind::Step(kind) => {
                for &(k, at) in &p.steps {
                    let inv = &mut self.invs[k];
                    inv.cur.mark(self.policy, &inv.order, kind, d, Some(p.action.channel));
                    // `mark` moves past the first step of the kind; the planned one is meant.
                    inv.cur.next = inv.cur.next.max(at + 1);
                }
            }
            ActionKind::PromiseBroken { .. } => {
                if let Some(pr) = &mut self.promise {
                    pr.resolved_on = Some(d);
                }
            }
            ActionKind::ProofOfPayment { .. } => {
                if let Some(pr) = &mut self.promise {
                    pr.proof_on = Some(d);
                }
            }
        }
    }
}

/// Order of kinds among actions of equal amount.
fn kind_rank(kind: &ActionKind) -> usize {
    match kind {
        ActionKind::PromiseBroken { .. } => 0,
        ActionKind::ProofOfPayment { .. } => 1,
        ActionKind::Step(k) => 2 + StepKind::ALL.iter().position(|x| x == k).unwrap_or(0),
    }
}

/// Every customer that has something open, ready to evaluate.
fn customers<'f>(env: &Env<'f>, facts: &'f Gathered<'f>, day: &Day, today: NaiveDate) -> Vec<Cust<'f>> {
    env.ledger
        .customers()
        .filter_map(|c| {
            let slot = facts.slot(c.id)?;
            Cust::build(env, c, &facts.slots()[slot].1, &day.invoices[slot], today)
        })
        .collect()
}

/// Today's worklist: the actions due on `today`, sorted by amount at risk (largest first), and
/// the customers held out of the run. Uses `ledger.settings.dunning` and `.risk`; the rules are
/// in the module documentation.
pub fn plan(ledger: &Ledger, today: NaiveDate) -> Plan {
    plan_with(&Pass::new(ledger), today)
}

/// [`plan`] from a [`Pass`] over the ledger that other computations share.
pub fn plan_with(pass: &Pass<'_>, today: NaiveDate) -> Plan {
    let env = Env::new(pass.ledger());
    let mut actions = Vec::new();
    let mut held = Vec::new();
    for cust in customers(&env, pass.facts(), &pass.day(today), today) {
        let (planned, reasons) = cust.on(&env, today);
        actions.extend(planned.into_iter().map(|p| p.action));
        held.extend(reasons.into_iter().map(|reason| Held { customer: cust.c.id, reason }));
    }
    actions.sort_by(|a, b| {
        (Reverse(a.at_risk), a.customer, kind_rank(&a.kind)).cmp(&(Reverse(b.at_risk), b.customer, kind_rank(&b.kind)))
    });
    Plan { today, actions, held }
}

/// The actions that will fall due in the `days` days after `today` (not today's), for an agenda:
/// assuming every action is done on the day it is due (those due now: today) and nothing else
/// happens — no payments, promises, disputes or pauses. Each is as it would be on the worklist that day
/// (`due_on` is that day, the deadline counts from it). Sorted by day, then as the worklist.
pub fn upcoming(ledger: &Ledger, today: NaiveDate, days: u32) -> Vec<Action> {
    let pass = Pass::new(ledger);
    let env = Env::new(ledger);
    let mut out = Vec::new();
    for mut cust in customers(&env, pass.facts(), &pass.day(today), today) {
        for n in 0..=i64::from(days) {
            let d = today + Duration::days(n);
            let (planned, _) = cust.on(&env, d);
            for p in planned {
                cust.done(&p, d);
                if n > 0 {
                    let mut a = p.action;
                    a.due_on = d;
                    out.push(a);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (a.due_on, Reverse(a.at_risk), a.customer, kind_rank(&a.kind)).cmp(&(
            b.due_on,
            Reverse(b.at_risk),
            b.customer,
            kind_rank(&b.kind),
        ))
    });
    out
}
