//! The dunning planner (DOMAIN.md section 5, seeds 001, 002, 004): for a given `today`, what to
//! do for whom, by which channel, at which level — one message per customer and step, sorted by
//! the amount at risk — and who is held out of the run, and why.
//!
//! [`plan`] gives today's worklist, [`upcoming`] the actions of the coming days (for an agenda
//! file), [`policy_for`] / [`policy_choice`] which policy a customer gets and why, and
//! [`evaluate`] how each step has worked so far. Results are typed values with their numbers;
//! the sentences are in `i18n`.
//!
//! # The ledger as of today
//!
//! Only records dated on or before `today` count: diary entries, payments and credit notes dated
//! later do not exist yet, an invoice dated later is not sent yet. "Open" is what is open on
//! `today` by those records (written-off invoices have nothing open).
//!
//! # Which policy
//!
//! A customer whose `profile` equals a policy's id or name (trimmed, case-insensitive) gets that
//! policy. Otherwise the first [`AssignRule`](crate::domain::AssignRule) whose conditions all
//! hold: payment grade (the grade of `engine::risk::behaviour`, the same figures as
//! `all_behaviour`, computed only for customers a grade rule is tried on; `""` matches a customer
//! without a grade yet), latest external score below `score_below` (a customer without a score
//! does not match a rule that sets it), risk level of sector and country
//! (`settings.risk.level`), customer kind, and the open amount (main currency) at least
//! `open_at_least`. A rule naming a policy that does not exist is passed over. No match: the
//! `default_policy`; when that does not exist either, the first policy, and with no policies at
//! all the built-in [`Policy::standard`](crate::domain::Policy::standard). See [`PolicyChoice`].
//!
//! # Steps of an invoice
//!
//! Each open invoice walks through the steps of its customer's policy, in the policy's order.
//!
//! - **Done and skipped.** A step is done for an invoice by a diary entry
//!   `DunningDone { step }` on that invoice, and skipped by `DunningSkipped { step }`; `step` is the
//!   [`StepKind::key`](crate::domain::StepKind::key). Names typed by hand or written by older
//!   versions ("Herinnering", "Eerste aanmaning", "Veertiendagenbrief", "Ingebrekestelling",
//!   "Overdracht incasso", ...) are recognised too: see [`step_kind_of`]. A grouped message is
//!   recorded as one entry per invoice (the worklist does so). An entry without an invoice counts
//!   for every invoice of the customer that was open on its date — for the steps after the due
//!   date (reminder and later) only for the invoices already past their due date then.
//! - **In time order.** An invoice takes the policy's steps in the order of their dates for that
//!   invoice (a step based on the previous step counts from that one's date and never comes
//!   before it), ties in the policy's order. So the standard policy's proactive check (due date
//!   − 5) comes after the invoice follow-up (invoice date + 3) on a 30-day invoice but before it
//!   on a 7-day one, whatever order the policy lists them in.
//! - **The previous deadline is respected.** A step is never due before the deadline the
//!   previous step's message gave (its `deadline_days` after the day it was done) has passed.
//! - **Missed calls are overtaken.** A call, visit or check (proactive check, invoice follow-up,
//!   due-date call, call, visit) that was not done is passed over once the date of the next step
//!   has come too: a due-date call is pointless forty days after the due date. A written step
//!   (reminder, first dunning, final notice) is never overtaken: it stays due until it is sent or
//!   skipped, and no step is overtaken into one that counts from the previous step.
//! - **The first step not done is due, and only that one.** The entries of an invoice are read in
//!   date order; each one moves the invoice past that step (the first step of that kind after
//!   where it stood). So steps are never due twice, never a later step before an earlier one,
//!   and an earlier step that was never done is passed over once a later one has been done or
//!   skipped (a first dunning letter sent by hand makes the reminder superfluous). An entry for
//!   a step the invoice has already passed, or that the policy does not have, moves nothing.
//!   (Kinds are expected to appear once in a policy; when one appears twice, an entry moves past
//!   the next one of that kind.)
//! - **The date of a step** is its base plus `offset_days` (negative: before): the invoice date,
//!   the due date, or the previous step — the date of the entry that last moved the invoice on
//!   (done or skipped); when no step has been done or skipped yet, the due date. The step is due
//!   when that date is on or before `today`, and it **stays due** until it is done or skipped.
//! - **Steps that do not apply** are passed over for that invoice, as if they were not in the
//!   policy: a step with `min_amount` when neither the invoice's open amount nor the customer's
//!   total open (in the invoice's currency) reaches it; the proactive check when the invoice's
//!   open amount is below `settings.proactive_from`; the proactive check and the invoice
//!   follow-up from the due date on — they ask whether payment is on its way, which the due-date
//!   call and the reminders ask from then on, so these two steps expire instead of staying due (an
//!   invoice entered long after it was sent starts at the due-date call, not at "did it
//!   arrive?"); a step with `nearby_only` (the visit)
//!   unless the customer's city equals the own company's city (trimmed, case-insensitive, not
//!   empty). Paid, fully credited and written-off invoices are not open and get nothing.
//!
//! # One message per customer and step
//!
//! All invoices of a customer due at the same step kind on the same day form one [`Action`]
//! (items by due date). Its amount (for the thresholds) is the total open of its items — in the
//! largest currency total when the items are in more than one currency, since amounts in
//! different currencies are never added; [`Action::at_risk`] is the total in the main currency.
//!
//! - **Channel** (seed 004 #2): for reminder and first-dunning steps whose channel is e-mail or
//!   a letter, an amount below `email_below` gets an e-mail, up to and including `letter_up_to` a
//!   letter, above that a phone call. Other steps keep their channel.
//! - **Level** (seed 004 #4): the highest of the step's level, the customer's collector level,
//!   and the level by amount (from `senior_from` a senior, from `owner_from` the owner).
//! - **Deadline**: `today + deadline_days` when the step gives one.
//! - **Fee**, interest and costs announced: the step's.
//! - **The worklist** is sorted by `at_risk`, largest first (then customer, then kind).
//!
//! # Law
//!
//! - **Hand-over**: the message to the agency always states the whole claim, with interest and
//!   costs (as the law engine allows them), whatever the step's own flags say.
//! - **Dutch consumers** ([`Regime::NlConsumer`](crate::engine::law::Regime)): the final notice
//!   is the 14-day letter (`fourteen_day_letter`, costs announced). It is received the second day
//!   after sending and the 14 days run from the day after, so the deadline is `today + 16`.
//!   The hand-over step is not due before the 17th day after the first final notice was done
//!   for that invoice (the day after its 14 days). When the final notice was skipped there is no
//!   letter to wait for: the hand-over comes at its own date (and the law engine will not allow
//!   the costs).
//! - **Belgian consumers**: the first written reminder (a reminder, first dunning or final notice
//!   done for the invoice — calls do not count) is free: an action whose items include an
//!   invoice that has had none yet has fee 0. Every step after it waits until 14 days after its
//!   wait start (the day after an e-mail, the third working day after a letter:
//!   `costs_condition` in `engine::law`), that is, it is due no earlier than wait start + 14.
//!
//! # Held out of the run
//!
//! Listed in [`Plan::held`] only when the customer has something open; a customer can be listed
//! twice: with the first of the customer-wide reasons that applies, and with its disputed
//! invoices.
//!
//! - **Handed over**: `flags.handed_over`, or a hand-over in the diary (an `EventKind::HandOver`,
//!   or a dunning entry through `Channel::HandOver` or of the hand-over step) while an invoice
//!   dated on or before the latest one is still open — the claim is with the agency. No actions
//!   at all, not even for a promise.
//! - **On hold** (`flags.on_hold`): no ordinary steps; the promise actions below still come.
//! - **Paused**: a `Paused { until }` entry without invoice pauses the customer from its date
//!   through `until`, its promise actions included (pauses add up; to end one early, edit or
//!   remove the entry). On an invoice it
//!   pauses that invoice only, which is then simply not in the run (not listed).
//! - **Promise to pay** ([`EventKind::Promise`](crate::domain::EventKind)) — only the latest
//!   promise counts (a new promise replaces the old agreement). From the day it was made the
//!   customer's ordinary steps are paused (listed with `until` = the promised date), and they stay
//!   paused through the `promise_grace_days` after it, so no reminder goes out while the payment
//!   may still be on its way. The promise is kept when the customer's payments (all of them, in
//!   the promise's currency: the invoice's, or the main currency) from the day it was made reach
//!   the promised amount; the pause ends that day. If they do not by the promised date + grace
//!   days, an [`ActionKind::PromiseBroken`] call (at least senior) is due on that day, and the
//!   ordinary steps stay paused until it is done or skipped (a diary entry with step
//!   [`PROMISE_BROKEN_KEY`] after the promise, or any phone contact — reached or not — on or
//!   after the day the call is due), or the payments reach the amount after all.
//! - **Second promise** (seed 001 #8): when the latest promise is the second (or later) one made
//!   within 12 months (counting back from the day it was made), an [`ActionKind::ProofOfPayment`]
//!   e-mail is due on the day it was made, asking for a copy of the transfer order, until it is
//!   done or skipped ([`PROOF_OF_PAYMENT_KEY`]), the promise is kept, or the grace days are over
//!   (then the broken-promise call takes over).
//! - **Disputed** invoices (the latest dispute entry on the invoice is an opened one) leave the run
//!   until the dispute is resolved; steps that fell due meanwhile are due then.
//!
//! [`Action::due_on`] is the day the action became due: the step's date, or, when the invoice
//! was paused, disputed or under a promise since, the day that ended (for a message with several
//! invoices the earliest of them).
//!
//! # Speed
//!
//! The ledger is gathered per customer in one pass over invoices, payments and the diary
//! (`engine::risk::behaviour::gather`); everything after that is per customer.

mod evaluate;
mod plan;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Channel, CollectorLevel, CustomerId, EventId, InvoiceId, Money, StepKind};

pub use evaluate::{evaluate, StepStats};
pub use plan::{plan, plan_with, policy_choice, policy_choices, policy_for, step_kind_of, upcoming};

/// The diary's step name of an [`ActionKind::PromiseBroken`] call, done or skipped.
pub const PROMISE_BROKEN_KEY: &str = "promise-broken";
/// The diary's step name of an [`ActionKind::ProofOfPayment`] request, done or skipped.
pub const PROOF_OF_PAYMENT_KEY: &str = "proof-of-payment";

/// Today's worklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub today: NaiveDate,
    /// Sorted by `at_risk`, largest first.
    pub actions: Vec<Action>,
    /// Customers with something open that are (partly) out of the ordinary run, by customer.
    pub held: Vec<Held>,
}

/// One thing to do: one message or call to one customer about one or more invoices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub customer: CustomerId,
    pub kind: ActionKind,
    /// The id of the customer's policy.
    pub policy: String,
    pub channel: Channel,
    pub level: CollectorLevel,
    /// The invoices this message is about, by due date.
    pub items: Vec<ActionItem>,
    /// The day the action became due (see the module documentation).
    pub due_on: NaiveDate,
    /// Open amount of the items in the main currency (`ledger.settings.currency`); items in other
    /// currencies are not converted and not added.
    pub at_risk: Decimal,
    /// The payment deadline the message gives: the day of the plan + the step's `deadline_days`
    /// (the Dutch 14-day letter: + 16).
    pub deadline: Option<NaiveDate>,
    pub announce_interest: bool,
    pub announce_costs: bool,
    pub fee: Decimal,
    /// The Dutch consumer's final notice: must be a valid 14-day letter (art. 6:96 lid 6 BW).
    pub fourteen_day_letter: bool,
    pub reason: ActionReason,
}

/// What kind of action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    /// A step of the policy.
    Step(StepKind),
    /// The customer did not pay what they promised: call (seed 001 #7).
    PromiseBroken { promise: EventId, promised: NaiveDate, amount: Decimal },
    /// A second promise within a year: ask for a copy of the transfer order (seed 001 #8).
    ProofOfPayment { promise: EventId },
}

/// One invoice in an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    pub invoice: InvoiceId,
    pub number: String,
    pub due: NaiveDate,
    /// Open on the day of the plan, in the invoice's currency.
    pub open: Money,
    /// Days past the due date on the day of the plan (0 when not yet due).
    pub days_overdue: i64,
}

/// Why the action is there, with the numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionReason {
    /// `step` is due for `invoice` (the oldest item), which is `days_over` days past its due date
    /// (negative: before it).
    StepDue { step: StepKind, invoice: InvoiceId, days_over: i64 },
    /// The promise `promise`, made on `made` to pay `amount` by `promised`, was not kept: only
    /// `paid` came in from `made` through `promised + grace_days`.
    PromiseBroken { promise: EventId, made: NaiveDate, promised: NaiveDate, amount: Money, paid: Money, grace_days: u16 },
    /// `promise` is the `promises`-th promise within 12 months (at least the second).
    SecondPromise { promise: EventId, made: NaiveDate, promised: NaiveDate, amount: Money, promises: usize },
}

/// A customer out of (part of) the ordinary run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub customer: CustomerId,
    pub reason: HeldReason,
}

/// Why a customer is held (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeldReason {
    OnHold,
    HandedOver,
    /// Paused by hand through `until` (inclusive).
    Paused { until: NaiveDate },
    /// Under a promise to pay by `until` (the ordinary steps also wait the grace days after it).
    Promise { until: NaiveDate },
    /// These invoices are disputed and out of the run until the dispute is resolved.
    Disputed { invoices: Vec<InvoiceId> },
}

/// Why a customer has their policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyChoice {
    /// The customer's profile names the policy.
    Profile,
    /// The assignment rule at this index (0-based) matched.
    Rule(usize),
    /// No rule matched: the default policy.
    Default,
    /// The default policy does not exist: the first policy, or the built-in standard policy when
    /// there are none.
    Fallback,
}
