//! The credit check (DOMAIN.md section 4, seed 000's acceptance phase): a decision with every
//! reason listed, a limit advice whose formula can be read line by line, the check of a new
//! order, and the figures of the collection phase (the claim on the hand-over date and the
//! insurer's payout).
//!
//! Payment behaviour (grade, weighted delay) comes in as input, computed by `behaviour`.
//!
//! # The decision, first match wins — as a salesperson would explain it
//!
//! 1. **Hold** — the customer is on hold, or handed over for collection, or has overdue
//!    invoices while paying at grade D (on average more than a month late). No new deliveries.
//! 2. **Prepayment only** — the customer is marked "prepayment only"; or their external score is
//!    below the floor in Settings; or they pay at grade D; or they are new (no payment history)
//!    in a high-risk sector or country and have no external score or a score below
//!    [`LOW_SCORE`]. Seed 000: "with a negative credit limit you can always fall back on orders
//!    paid in advance".
//! 3. **Accept up to an amount** — what is open plus the order is more than the limit. The limit
//!    is the credit limit set by hand when there is one (it takes precedence over the advice; the
//!    reasons say so), otherwise the advice. The amount is what may still be delivered on
//!    credit: the limit minus what is open. When nothing is left (what is open already reaches
//!    the limit) the decision is "prepayment only".
//! 4. **Accept** — otherwise.
//!
//! The reasons come in that order of weight: what decided first, then the limit, then the facts
//! that went into the advice (grade, score, risk level).
//!
//! # The limit advice
//!
//! ```text
//!   share of the expected yearly revenue   (Settings, 25% by default)
//! × grade factor     A 1.00 · B 0.75 · C 0.50 · D 0 · no history yet 0.60
//! × score factor     external score / 100 · no score 0.60
//! × risk factor      low 1.00 · medium 0.80 · high 0.50
//! → rounded down to whole hundreds
//! → at most the insured limit, when the customer is credit-insured
//! ```
//! What is not known counts for 0.60, for the grade and the score alike. Each step is kept with
//! the running amount ([`LimitAdvice::steps`]) so the formula can be shown line by line.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use super::phase::{phase, first_invoice_open, Phase, PhaseReason};
use super::Grade;
use crate::domain::{Currency, CustomerId, LawSettings, Ledger, Money, RiskLevel, RiskSettings};
use crate::engine::law::ledger::{customer_case, Left};
use crate::engine::law::{compute, LawError, Statement};

/// A new customer in a high-risk sector without payment history needs at least this external
/// score to buy on credit (the middle of the 0-100 scale).
pub const LOW_SCORE: u8 = 50;

/// An external score older than this many days is flagged as old (it still counts).
pub const SCORE_MAX_AGE_DAYS: i64 = 365;

/// Everything the credit check looks at. Amounts are in `currency` (the ledger's currency).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditInput {
    /// Internal payment grade; `None` when the customer has no payment history yet.
    pub grade: Option<Grade>,
    /// Amount-weighted days late behind the grade.
    pub weighted_delay: Option<Decimal>,
    /// The latest external score (0-100) and its date.
    pub external_score: Option<u8>,
    pub score_date: Option<NaiveDate>,
    /// Risk level of the customer's sector and country (the risk table in Settings).
    pub risk_level: RiskLevel,
    /// Open now, and of that overdue.
    pub open_amount: Decimal,
    pub overdue_amount: Decimal,
    /// The order (or credit) asked for now; zero to check the customer as they are.
    pub requested: Decimal,
    /// The base of the limit advice: for a new customer the salesperson's estimate, for an
    /// existing one by default what was invoiced in the last 12 months
    /// ([`expected_yearly_revenue`]).
    pub expected_yearly_revenue: Decimal,
    /// The credit limit set by hand; it takes precedence over the advice.
    pub credit_limit: Option<Decimal>,
    /// The limit of the credit insurer, which caps the advice.
    pub insured_limit: Option<Decimal>,
    pub on_hold: bool,
    pub prepayment_required: bool,
    pub handed_over: bool,
    pub currency: Currency,
}

impl CreditInput {
    /// The input for an existing customer from the ledger on `today`: score, risk level (the
    /// risk table of the ledger's settings), open and overdue amounts and the revenue of the last
    /// 12 months (in the ledger's currency), the limits and the flags. The payment behaviour
    /// (`grade`, `weighted_delay`) comes from `behaviour`. `None` when the customer does not exist.
    pub fn from_ledger(
        ledger: &Ledger,
        customer: CustomerId,
        today: NaiveDate,
        grade: Option<Grade>,
        weighted_delay: Option<Decimal>,
        requested: Decimal,
    ) -> Option<CreditInput> {
        let c = ledger.customer(customer)?;
        let (open_amount, overdue_amount) = open_and_overdue(ledger, customer, today);
        let score = c.latest_score();
        Some(CreditInput {
            grade,
            weighted_delay,
            external_score: score.map(|s| s.score),
            score_date: score.map(|s| s.date),
            risk_level: ledger.settings.risk.level(&c.sector, c.country.code()),
            open_amount,
            overdue_amount,
            requested,
            expected_yearly_revenue: expected_yearly_revenue(ledger, customer, today),
            credit_limit: c.credit_limit,
            insured_limit: c.flags.insured_limit,
            on_hold: c.flags.on_hold,
            prepayment_required: c.flags.prepayment_required,
            handed_over: c.flags.handed_over,
            currency: ledger.settings.currency,
        })
    }
}

/// The outcome of the credit check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Deliver on credit.
    Accept,
    /// Deliver on credit up to this amount now (the limit minus what is open); the rest against
    /// prepayment or after payments come in.
    AcceptUpTo(Decimal),
    /// Deliver only against prepayment.
    PrepaymentOnly,
    /// Do not deliver.
    Hold,
}

/// One step of the limit formula, with the amount after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitStep {
    pub kind: StepKind,
    pub amount: Decimal,
}

/// What a step of the limit formula does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// `share` percent of the expected yearly `revenue`.
    Base { revenue: Decimal, share: Decimal },
    /// × the factor of the payment grade (`None`: no history yet).
    Grade { grade: Option<Grade>, factor: Decimal },
    /// × the factor of the external score (`None`: no score).
    Score { score: Option<u8>, factor: Decimal },
    /// × the factor of the risk level.
    Risk { level: RiskLevel, factor: Decimal },
    /// Rounded down to whole hundreds.
    RoundDown,
    /// Capped at the insured limit; `applied` when it lowered the amount.
    InsuredCap { limit: Decimal, applied: bool },
}

/// The advised limit and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitAdvice {
    pub amount: Decimal,
    pub steps: Vec<LimitStep>,
}

/// Why the decision is what it is, with the numbers. Listed in order of weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The customer is handed over for collection.
    HandedOver,
    /// The customer is on hold.
    OnHold,
    /// Invoices are overdue and the customer pays at grade D.
    OverdueGradeD { overdue: Decimal, weighted_delay: Option<Decimal> },
    /// The customer is marked "prepayment only".
    PrepaymentRequired,
    /// The customer pays at grade D (no overdue invoices now).
    GradeD { weighted_delay: Option<Decimal> },
    /// The external score is below the floor of Settings.
    ScoreBelowFloor { score: u8, floor: u32 },
    /// New customer, high-risk sector or country, no score or a low one.
    HighRiskNoHistory { score: Option<u8> },
    /// What is open plus the order exceeds the limit; `room` may still go on credit (0 or more).
    OverLimit { open: Decimal, requested: Decimal, limit: Decimal, room: Decimal },
    /// What is open plus the order stays within the limit.
    WithinLimit { open: Decimal, requested: Decimal, limit: Decimal },
    /// The limit set by hand is used instead of the advice.
    ManualLimit { limit: Decimal, advised: Decimal },
    /// No expected yearly revenue: the advice is zero until one is entered.
    NoRevenueEstimate,
    /// Overdue now (not decisive by itself; the dunning plan runs).
    Overdue { amount: Decimal },
    /// The payment grade and the weighted delay behind it.
    Grade { grade: Grade, weighted_delay: Option<Decimal> },
    /// No payment history yet.
    NoHistory,
    /// The external score used.
    Score { score: u8, date: Option<NaiveDate> },
    /// The external score is old: ask for a new one.
    ScoreOld { date: NaiveDate, days: i64 },
    /// No external score.
    NoScore,
    /// The risk level of the sector and country.
    Risk { level: RiskLevel },
}

/// The decision, the limit advice, the limit used and every reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditResult {
    pub decision: Decision,
    pub limit: LimitAdvice,
    /// The limit the decision used: the one set by hand, or else the advice.
    pub limit_used: Decimal,
    pub reasons: Vec<Reason>,
    pub currency: Currency,
}

fn pct(n: i64) -> Decimal {
    Decimal::new(n, 2)
}

/// The factor of a payment grade (`None`: no history yet).
pub fn grade_factor(grade: Option<Grade>) -> Decimal {
    match grade {
        Some(Grade::A) => Decimal::ONE,
        Some(Grade::B) => pct(75),
        Some(Grade::C) => pct(50),
        Some(Grade::D) => Decimal::ZERO,
        None => pct(60),
    }
}

/// The factor of an external score: score / 100 (`None`: no score, 0.60).
pub fn score_factor(score: Option<u8>) -> Decimal {
    score.map_or(pct(60), |s| pct(i64::from(s.min(100))))
}

/// The factor of a risk level.
pub fn risk_factor(level: RiskLevel) -> Decimal {
    match level {
        RiskLevel::Low => Decimal::ONE,
        RiskLevel::Medium => pct(80),
        RiskLevel::High => pct(50),
    }
}

/// The limit advice (see the module documentation for the formula).
pub fn limit_advice(input: &CreditInput, settings: &RiskSettings) -> LimitAdvice {
    let mut steps = Vec::new();
    let revenue = input.expected_yearly_revenue.max(Decimal::ZERO);
    let mut amount = revenue * settings.limit_revenue_share / Decimal::ONE_HUNDRED;
    steps.push(LimitStep { kind: StepKind::Base { revenue, share: settings.limit_revenue_share }, amount });
    let mut times = |kind: StepKind, factor: Decimal, steps: &mut Vec<LimitStep>| {
        amount *= factor;
        steps.push(LimitStep { kind, amount });
    };
    let f = grade_factor(input.grade);
    times(StepKind::Grade { grade: input.grade, factor: f }, f, &mut steps);
    let f = score_factor(input.external_score);
    times(StepKind::Score { score: input.external_score, factor: f }, f, &mut steps);
    let f = risk_factor(input.risk_level);
    times(StepKind::Risk { level: input.risk_level, factor: f }, f, &mut steps);
    let mut amount = (amount / Decimal::ONE_HUNDRED).floor() * Decimal::ONE_HUNDRED;
    steps.push(LimitStep { kind: StepKind::RoundDown, amount });
    if let Some(limit) = input.insured_limit {
        let applied = limit < amount;
        amount = amount.min(limit.max(Decimal::ZERO));
        steps.push(LimitStep { kind: StepKind::InsuredCap { limit, applied }, amount });
    }
    LimitAdvice { amount, steps }
}

/// The credit check of `input` on `today` (see the module documentation for the rules).
pub fn credit_check(input: &CreditInput, settings: &RiskSettings, today: NaiveDate) -> CreditResult {
    let advice = limit_advice(input, settings);
    let limit = input.credit_limit.unwrap_or(advice.amount);
    let overdue = input.overdue_amount > Decimal::ZERO;
    let grade_d = input.grade == Some(Grade::D);

    let mut hold = Vec::new();
    if input.handed_over {
        hold.push(Reason::HandedOver);
    }
    if input.on_hold {
        hold.push(Reason::OnHold);
    }
    if overdue && grade_d {
        hold.push(Reason::OverdueGradeD { overdue: input.overdue_amount, weighted_delay: input.weighted_delay });
    }

    let mut prepay = Vec::new();
    if input.prepayment_required {
        prepay.push(Reason::PrepaymentRequired);
    }
    if grade_d && !overdue {
        prepay.push(Reason::GradeD { weighted_delay: input.weighted_delay });
    }
    let below_floor = input.external_score.filter(|s| u32::from(*s) < settings.score_floor);
    if let Some(score) = below_floor {
        prepay.push(Reason::ScoreBelowFloor { score, floor: settings.score_floor });
    }
    if input.risk_level == RiskLevel::High
        && input.grade.is_none()
        && below_floor.is_none()
        && input.external_score.is_none_or(|s| s < LOW_SCORE)
    {
        prepay.push(Reason::HighRiskNoHistory { score: input.external_score });
    }

    let open = input.open_amount.max(Decimal::ZERO);
    let requested = input.requested.max(Decimal::ZERO);
    let over = open + requested > limit;
    let room = (limit - open).max(Decimal::ZERO);
    let decision = if !hold.is_empty() {
        Decision::Hold
    } else if !prepay.is_empty() || (over && room.is_zero()) {
        Decision::PrepaymentOnly
    } else if over {
        Decision::AcceptUpTo(room)
    } else {
        Decision::Accept
    };

    let mut reasons = hold;
    reasons.append(&mut prepay);
    reasons.push(if over {
        Reason::OverLimit { open, requested, limit, room }
    } else {
        Reason::WithinLimit { open, requested, limit }
    });
    if let Some(manual) = input.credit_limit {
        reasons.push(Reason::ManualLimit { limit: manual, advised: advice.amount });
    } else if input.expected_yearly_revenue <= Decimal::ZERO {
        reasons.push(Reason::NoRevenueEstimate);
    }
    if overdue && !grade_d {
        reasons.push(Reason::Overdue { amount: input.overdue_amount });
    }
    match input.grade {
        Some(grade) if !grade_d => reasons.push(Reason::Grade { grade, weighted_delay: input.weighted_delay }),
        Some(_) => {}
        None => reasons.push(Reason::NoHistory),
    }
    match input.external_score {
        Some(score) => {
            if below_floor.is_none() {
                reasons.push(Reason::Score { score, date: input.score_date });
            }
            if let Some(date) = input.score_date {
                let days = (today - date).num_days();
                if days > SCORE_MAX_AGE_DAYS {
                    reasons.push(Reason::ScoreOld { date, days });
                }
            }
        }
        None => reasons.push(Reason::NoScore),
    }
    reasons.push(Reason::Risk { level: input.risk_level });

    CreditResult { decision, limit: advice, limit_used: limit, reasons, currency: input.currency }
}

// ----- the order check -----

/// A warning on a new order, with the figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderWarning {
    /// The customer is handed over for collection (marked, or the diary says so).
    HandedOver,
    /// The customer is on hold.
    OnHold,
    /// Deliver only against prepayment.
    PrepaymentRequired,
    /// Open plus the order exceeds the credit limit set by hand (ledger currency).
    OverLimit { open: Decimal, order: Decimal, limit: Decimal },
    /// Invoices are overdue: amounts per currency, the oldest `oldest_days` past due.
    Overdue { amounts: Vec<Money>, oldest_days: i64 },
    /// The first invoice is not paid yet (seed 000: wait for the first payment).
    FirstInvoiceUnpaid { invoice: crate::domain::InvoiceId, due: NaiveDate, open: Money },
    /// The customer paid in the end after collection: do a new credit check first.
    AfterCollection { paid_on: NaiveDate },
}

/// The warnings on a new order of `order_amount` (in the ledger's currency) for `customer` on
/// `today`, most serious first; empty when there is nothing to say (or the customer does not
/// exist). The limit is the one set by hand; without one there is no limit warning (the advice
/// needs the payment grade: use [`credit_check`] for that).
pub fn order_check(
    ledger: &Ledger,
    customer: CustomerId,
    order_amount: Decimal,
    today: NaiveDate,
    settings: &RiskSettings,
) -> Vec<OrderWarning> {
    let mut out = Vec::new();
    let (Some(c), Some(info)) = (ledger.customer(customer), phase(ledger, customer, today)) else { return out };
    if c.flags.handed_over || info.phase == Phase::Collection {
        out.push(OrderWarning::HandedOver);
    }
    if c.flags.on_hold {
        out.push(OrderWarning::OnHold);
    }
    if c.flags.prepayment_required {
        out.push(OrderWarning::PrepaymentRequired);
    }
    if let Some(limit) = c.credit_limit {
        let (open, _) = open_and_overdue(ledger, customer, today);
        if open + order_amount > limit {
            out.push(OrderWarning::OverLimit { open, order: order_amount, limit });
        }
    }
    match info.reason {
        PhaseReason::Overdue { amounts, oldest_days, .. } => out.push(OrderWarning::Overdue { amounts, oldest_days }),
        PhaseReason::BackAfterCollection { paid_on, .. } => out.push(OrderWarning::AfterCollection { paid_on }),
        _ => {}
    }
    if settings.warn_first_invoice_unpaid && info.phase != Phase::Collection {
        if let Some((invoice, due, open)) = first_invoice_open(ledger, customer) {
            out.push(OrderWarning::FirstInvoiceUnpaid { invoice, due, open });
        }
    }
    out
}

/// Open and overdue amounts of a customer on `today`, in the ledger's currency.
fn open_and_overdue(ledger: &Ledger, customer: CustomerId, today: NaiveDate) -> (Decimal, Decimal) {
    let balances = ledger.customer_balances(customer);
    let currency = ledger.settings.currency;
    let mut open = Decimal::ZERO;
    let mut overdue = Decimal::ZERO;
    for inv in ledger.invoices().filter(|i| i.customer == customer && i.amount.currency == currency) {
        if let Some(b) = balances.get(&inv.id) {
            open += b.open();
            if inv.due < today {
                overdue += b.open();
            }
        }
    }
    (open, overdue)
}

/// What was invoiced to `customer` in the 12 months up to and including `today` (invoice dates
/// after `today` minus 12 months), minus the credit notes dated in that period, in the ledger's
/// currency; never below zero. The default expected yearly revenue of an existing customer.
pub fn expected_yearly_revenue(ledger: &Ledger, customer: CustomerId, today: NaiveDate) -> Decimal {
    let from = today.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    let currency = ledger.settings.currency;
    ledger
        .invoices()
        .filter(|i| i.customer == customer && i.amount.currency == currency && i.date > from && i.date <= today)
        .map(|i| if i.is_credit_note() { -i.amount.amount } else { i.amount.amount })
        .sum::<Decimal>()
        .max(Decimal::ZERO)
}

// ----- collection -----

/// The claim handed over on `date`: the invoices, what was left out and why, and the figures of
/// the law on that date (unrounded; round where shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandOverSummary {
    pub date: NaiveDate,
    pub invoices: Vec<crate::domain::InvoiceId>,
    pub left_out: Vec<(crate::domain::InvoiceId, Left)>,
    pub principal: Decimal,
    pub interest: Decimal,
    pub costs: Decimal,
    pub total: Decimal,
    /// The full computation, for the explanation lines.
    pub statement: Statement,
}

/// The claim on `customer` to hand over on `date`: every invoice past due and open on that date,
/// with statutory (or contractual) interest and collection costs up to that date. `None` when
/// the customer does not exist.
///
/// # Errors
/// `LawError::NoRate` when a rate table has no rate for a day on which interest runs.
pub fn hand_over_summary(
    ledger: &Ledger,
    customer: CustomerId,
    date: NaiveDate,
    law: &LawSettings,
) -> Option<Result<HandOverSummary, LawError>> {
    let lc = customer_case(ledger, customer, date, None)?;
    Some(compute(&lc.case, law).map(|s| HandOverSummary {
        date,
        invoices: lc.invoices,
        left_out: lc.left_out,
        principal: s.principal_open(),
        interest: s.interest_open(),
        costs: s.costs_open,
        total: s.total(),
        statement: s,
    }))
}

/// What a credit insurer pays on a loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InsurerClaim {
    pub loss: Decimal,
    /// The part of the loss that is insured: the loss, at most the insured limit.
    pub insured_loss: Decimal,
    /// The share (percent) the insurer pays of the insured loss.
    pub share: Decimal,
    /// insured loss × share.
    pub payout: Decimal,
    /// What the business bears itself: loss − payout.
    pub own_risk: Decimal,
}

/// The insurer's payout on `loss`: `share_percent` (90% by default, `RiskSettings::insured_share`)
/// of the loss up to the insured limit (no limit: the whole loss).
pub fn insurer_claim(loss: Decimal, insured_limit: Option<Decimal>, share_percent: Decimal) -> InsurerClaim {
    let loss = loss.max(Decimal::ZERO);
    let insured_loss = insured_limit.map_or(loss, |l| loss.min(l.max(Decimal::ZERO)));
    let payout = insured_loss * share_percent / Decimal::ONE_HUNDRED;
    InsurerClaim { loss, insured_loss, share: share_percent, payout, own_risk: loss - payout }
}
