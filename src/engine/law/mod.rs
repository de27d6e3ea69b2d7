//! The law: statutory and contractual interest, collection costs and fixed compensation for the
//! Netherlands and Belgium (DOMAIN.md section 7), computed to the cent and explained line by line.
//!
//! Input is a [`Case`]: who the debtor is ([`Regime`]), their contractual terms, the claims
//! (principal, dates, partial payments) and the reminders sent. [`compute`] simulates the claims
//! day by day in segments and returns a [`Statement`]: per claim the interest per period, per
//! payment how it was applied, the costs with their condition, and the totals. Amounts are kept
//! unrounded; only what is shown is rounded to cents (half away from zero).
//!
//! Conventions, chosen and documented because the law leaves them to practice:
//! - Interest runs from the day after the due date (or after invoice date + 30 days when no due
//!   date was agreed) up to and including the calculation date; a payment counts at the end of
//!   its day.
//! - A day's interest is `base × rate / days in the interest year`, the interest year running
//!   from the start date to its anniversary (366 days when it holds 29 February), so a full year
//!   yields exactly the yearly rate.
//! - Dutch statutory interest compounds yearly: on each anniversary of the start the year's
//!   interest is added to the base (art. 6:119 lid 2 BW). Belgian interest is simple.
//!   Contractual interest per month is 12 × the monthly rate per year, compounded only when the
//!   terms say so.
//! - Payments go to costs, then interest, then principal (art. 6:44 BW) unless Settings say
//!   principal first. Costs are fixed on the costs date: the calculation date for business
//!   customers, the day after the 14-day period for consumers; payments before that date go to
//!   interest and principal.
//! - Collection costs are computed once over the principal of all claims together (the staffel
//!   applies to the total claim); the Belgian €40 is per invoice.

pub mod costs;
pub mod ledger;
pub mod rates;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use rust_decimal::Decimal;

use crate::domain::{
    Channel, ContractCosts, ContractInterest, ContractTerms, Country, CustomerKind, LawSettings, NlBusinessCosts,
    PaymentOrder, RateTableKind,
};
use rates::Table;

/// Decimals carried internally: far below a cent, and few enough that sums of amounts up to
/// billions stay exact within `Decimal`'s 28 digits (so payments are conserved to the last digit).
const INTERNAL_DP: u32 = 12;

/// Why a computation could not be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LawError {
    /// No row of `table` covers the days `from` to `to` (inclusive): add the rate in Settings.
    #[error("no rate known in the {table:?} table for {from} to {to}")]
    NoRate { table: RateTableKind, from: NaiveDate, to: NaiveDate },
}

/// Which country's rules apply and whether the debtor is a consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    NlBusiness,
    NlConsumer,
    BeBusiness,
    BeConsumer,
}

impl Regime {
    pub const ALL: [Regime; 4] = [Regime::NlBusiness, Regime::NlConsumer, Regime::BeBusiness, Regime::BeConsumer];

    /// Belgian customers get Belgian rules; everyone else the Dutch rules (the creditor's law,
    /// which a Dutch creditor's terms usually choose).
    pub fn of(kind: CustomerKind, country: &Country) -> Regime {
        match (country, kind) {
            (Country::Be, CustomerKind::Business) => Regime::BeBusiness,
            (Country::Be, CustomerKind::Consumer) => Regime::BeConsumer,
            (_, CustomerKind::Business) => Regime::NlBusiness,
            (_, CustomerKind::Consumer) => Regime::NlConsumer,
        }
    }

    pub fn is_consumer(self) -> bool {
        matches!(self, Regime::NlConsumer | Regime::BeConsumer)
    }
}

/// A payment on one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimPayment {
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// One claim: an invoice, or an amount typed into the calculator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Invoice number or description, shown in the explanation.
    pub label: String,
    /// What was owed (after credit notes).
    pub principal: Decimal,
    pub invoice_date: NaiveDate,
    /// The agreed due date; `None` = invoice date + 30 days.
    pub due: Option<NaiveDate>,
    pub payments: Vec<ClaimPayment>,
}

impl Claim {
    /// The last day the debtor could pay without interest.
    pub fn due_date(&self) -> NaiveDate {
        self.due.unwrap_or(self.invoice_date + Duration::days(30))
    }

    /// The first day of interest.
    pub fn start(&self) -> NaiveDate {
        self.due_date() + Duration::days(1)
    }
}

/// A reminder or letter sent to the debtor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub sent: NaiveDate,
    pub channel: Channel,
    /// A Dutch "veertiendagenbrief": names the costs and gives 14 days.
    pub fourteen_day: bool,
}

/// Everything the computation needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub regime: Regime,
    pub terms: ContractTerms,
    pub claims: Vec<Claim>,
    pub reminders: Vec<Reminder>,
    /// The calculation date (inclusive).
    pub as_of: NaiveDate,
}

/// Which interest applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterestRule {
    /// A statutory table; compounded yearly for the Dutch tables.
    Statutory(RateTableKind),
    /// The customer's terms.
    Contract(ContractInterest),
    /// The customer's terms, never above the Belgian commercial rate (Belgian consumers).
    ContractCapped(ContractInterest),
    /// No interest: a Belgian consumer without agreed interest.
    NoneAgreed,
}

impl InterestRule {
    pub fn for_case(regime: Regime, terms: &ContractTerms) -> InterestRule {
        match (regime, terms.interest) {
            (Regime::BeConsumer, Some(ci)) => InterestRule::ContractCapped(ci),
            (Regime::BeConsumer, None) => InterestRule::NoneAgreed,
            (_, Some(ci)) => InterestRule::Contract(ci),
            (Regime::NlBusiness, None) => InterestRule::Statutory(RateTableKind::NlCommercial),
            (Regime::NlConsumer, None) => InterestRule::Statutory(RateTableKind::NlConsumer),
            (Regime::BeBusiness, None) => InterestRule::Statutory(RateTableKind::BeCommercial),
        }
    }

    pub fn compounds(self) -> bool {
        match self {
            InterestRule::Statutory(kind) => kind != RateTableKind::BeCommercial,
            InterestRule::Contract(ci) | InterestRule::ContractCapped(ci) => ci.compound,
            InterestRule::NoneAgreed => false,
        }
    }
}

/// Percent per year of contractual interest.
pub fn yearly_rate(ci: &ContractInterest) -> Decimal {
    if ci.per_month {
        ci.rate * Decimal::from(12)
    } else {
        ci.rate
    }
}

/// What an explanation line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Interest over a period at one rate.
    Interest(InterestRule),
    /// The year's interest added to the base on the anniversary (`from`).
    Capitalised,
    /// A payment and how it was applied.
    Payment { to_costs: Decimal, to_interest: Decimal, to_principal: Decimal, unapplied: Decimal },
    /// `percent` of the part of the principal between `from` and `upto`.
    CostsBand { percent: Decimal, from: Decimal, upto: Option<Decimal> },
    CostsMinimum,
    CostsMaximum,
    CostsVat { percent: Decimal },
    /// Contractual costs: a fixed amount.
    CostsContractFixed,
    /// Contractual costs: a percentage of the principal.
    CostsContractPercent { percent: Decimal },
    /// Contractual costs below the €40 minimum, raised to it.
    CostsRaisedToMinimum,
    /// Contractual costs do not apply to Dutch consumers: the staffel is mandatory.
    CostsContractIgnored,
    /// Only the fixed €40 (Settings).
    CostsFixed40,
    /// No collection costs (Settings).
    CostsNone,
    /// €40 per late invoice.
    Fixed40PerInvoice { invoices: u32 },
    /// The Belgian consumer damages cap, band 1-4.
    BeDamagesBand { band: u8 },
    /// Contractual damages of a Belgian consumer, within the cap.
    BeDamagesContract,
    /// Later reminders to a Belgian consumer: `count` × (€7.50 + postage when by letter).
    BeReminderFees { count: u32, by_letter: u32 },
}

/// One line of an explanation. Fields that do not apply are `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub days: Option<i64>,
    /// Days in the interest year the days are divided by.
    pub year_days: Option<i64>,
    /// Percent per year.
    pub rate: Option<Decimal>,
    pub base: Option<Decimal>,
    /// Unrounded.
    pub amount: Decimal,
    pub source: String,
}

impl Line {
    fn costs(kind: LineKind, base: Decimal, amount: Decimal, source: &str) -> Line {
        Line { kind, from: None, to: None, days: None, year_days: None, rate: None, base: Some(base), amount, source: source.into() }
    }
}

/// What the debtor was told, for the conditions on consumer costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Dutch 14-day letter: costs only when unpaid 14 days after the day after receipt
    /// (receipt = the second day after sending).
    FourteenDayLetter,
    /// Belgian first (free) reminder: costs, damages and interest only after 14 calendar days
    /// from the third working day after posting or the day after an e-mail.
    FirstReminder,
}

/// Whether the condition on consumer costs is met on the calculation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeState {
    /// Not sent: sent on the calculation date, costs could be claimed from `earliest`.
    NotSent { earliest: NaiveDate },
    /// Sent; the 14 days end on `last_day`.
    Running { sent: NaiveDate, last_day: NaiveDate },
    /// Sent on `sent`; costs may be claimed from `from`.
    Met { sent: NaiveDate, from: NaiveDate },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostsCondition {
    pub notice: Notice,
    pub state: NoticeState,
}

impl CostsCondition {
    /// The first day costs may be claimed, when the notice has been sent.
    pub fn claimable_from(&self) -> Option<NaiveDate> {
        match self.state {
            NoticeState::NotSent { .. } => None,
            NoticeState::Running { last_day, .. } => Some(last_day + Duration::days(1)),
            NoticeState::Met { from, .. } => Some(from),
        }
    }
}

/// The result for one claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimOutcome {
    pub label: String,
    pub due: NaiveDate,
    pub principal: Decimal,
    pub principal_open: Decimal,
    /// Interest not yet paid (including interest added to the base).
    pub interest_open: Decimal,
    /// All interest accrued up to the calculation date.
    pub interest_accrued: Decimal,
    pub lines: Vec<Line>,
}

/// The full computation for one debtor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub as_of: NaiveDate,
    pub regime: Regime,
    pub rule: InterestRule,
    pub claims: Vec<ClaimOutcome>,
    /// The condition on costs (consumers only).
    pub condition: Option<CostsCondition>,
    /// Costs that may be claimed now (incl. VAT), before payments.
    pub costs: Decimal,
    /// Costs still open after payments.
    pub costs_open: Decimal,
    /// Costs that could be claimed once the condition is met (when it is not yet).
    pub costs_prospective: Decimal,
    /// When costs are fixed (the costs date), if any.
    pub costs_date: Option<NaiveDate>,
    pub costs_lines: Vec<Line>,
}

impl Statement {
    pub fn principal_open(&self) -> Decimal {
        self.claims.iter().map(|c| c.principal_open).sum()
    }
    pub fn interest_open(&self) -> Decimal {
        self.claims.iter().map(|c| c.interest_open).sum()
    }
    /// Everything due on the calculation date, unrounded.
    pub fn total(&self) -> Decimal {
        self.principal_open() + self.interest_open() + self.costs_open
    }
}

/// Adds `n` working days (Monday to Friday; public holidays are not known here).
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// The condition on consumer costs for `regime`, given the reminders and the claims.
pub fn costs_condition(regime: Regime, claims: &[Claim], reminders: &[Reminder], as_of: NaiveDate) -> Option<CostsCondition> {
    // A notice before any claim was due does not count.
    let first_due = claims.iter().map(Claim::due_date).min()?;
    let valid = |r: &&Reminder| r.sent > first_due && r.sent <= as_of;
    match regime {
        Regime::NlConsumer => {
            let letter = reminders.iter().filter(|r| r.fourteen_day).filter(valid).min_by_key(|r| r.sent);
            let state = match letter {
                None => NoticeState::NotSent { earliest: as_of + Duration::days(17) },
                Some(r) => {
                    // Received on the second day after sending; 14 days from the day after.
                    let last_day = r.sent + Duration::days(16);
                    if as_of > last_day {
                        NoticeState::Met { sent: r.sent, from: last_day + Duration::days(1) }
                    } else {
                        NoticeState::Running { sent: r.sent, last_day }
                    }
                }
            };
            Some(CostsCondition { notice: Notice::FourteenDayLetter, state })
        }
        Regime::BeConsumer => {
            let first = reminders.iter().filter(valid).min_by_key(|r| r.sent);
            let wait_start = |r: &Reminder| {
                if r.channel == Channel::Email {
                    r.sent + Duration::days(1)
                } else {
                    add_working_days(r.sent, 3)
                }
            };
            let state = match first {
                None => NoticeState::NotSent {
                    earliest: add_working_days(as_of, 3) + Duration::days(14),
                },
                Some(r) => {
                    let last_day = wait_start(r) + Duration::days(13);
                    if as_of > last_day {
                        NoticeState::Met { sent: r.sent, from: last_day + Duration::days(1) }
                    } else {
                        NoticeState::Running { sent: r.sent, last_day }
                    }
                }
            };
            Some(CostsCondition { notice: Notice::FirstReminder, state })
        }
        Regime::NlBusiness | Regime::BeBusiness => None,
    }
}

/// The running state of one claim.
struct Running<'a> {
    claim: &'a Claim,
    start: NaiveDate,
    /// Interest does not run before this day (Belgian consumers: the end of the wait).
    interest_from: Option<NaiveDate>,
    principal: Decimal,
    capitalised: Decimal,
    accrued: Decimal,
    accrued_total: Decimal,
    /// The last day accrued.
    through: NaiveDate,
    lines: Vec<Line>,
}

impl Running<'_> {
    fn base(&self) -> Decimal {
        self.principal + self.capitalised
    }

    fn anniversary(&self, k: u32) -> NaiveDate {
        self.start.checked_add_months(Months::new(12 * k)).unwrap_or(NaiveDate::MAX)
    }

    /// Accrues interest for every day after `through` up to and including `to`.
    fn advance(&mut self, to: NaiveDate, rule: InterestRule, table: Option<&Table>) -> Result<(), LawError> {
        let Some(first_day) = self.interest_from else {
            self.through = self.through.max(to);
            return Ok(());
        };
        if self.through < first_day - Duration::days(1) {
            self.through = (first_day - Duration::days(1)).min(to.max(self.through));
        }
        while self.through < to {
            let day = self.through + Duration::days(1);
            // The interest year `day` falls in: [anniversary k, anniversary k+1).
            let mut k = u32::try_from((day.year() - self.start.year()).max(0)).unwrap_or(0);
            while k > 0 && self.anniversary(k) > day {
                k -= 1;
            }
            while self.anniversary(k + 1) <= day {
                k += 1;
            }
            let year_start = self.anniversary(k);
            let year_end = self.anniversary(k + 1) - Duration::days(1);
            let year_days = (self.anniversary(k + 1) - year_start).num_days();
            if k > 0 && day == year_start && rule.compounds() && self.accrued > Decimal::ZERO {
                let amount = self.accrued;
                self.capitalised += amount;
                self.accrued = Decimal::ZERO;
                self.lines.push(Line {
                    kind: LineKind::Capitalised,
                    from: Some(day),
                    to: None,
                    days: None,
                    year_days: None,
                    rate: None,
                    base: Some(self.base()),
                    amount,
                    source: "art. 6:119 lid 2 BW".into(),
                });
            }
            let mut end = to.min(year_end);
            let (rate, source) = match rule {
                InterestRule::NoneAgreed => return Ok(()),
                InterestRule::Contract(ci) => (yearly_rate(&ci), String::new()),
                InterestRule::Statutory(_) | InterestRule::ContractCapped(_) => {
                    let Some(table) = table else { return Ok(()) };
                    let row = table.row_on(day, to)?;
                    end = end.min(row.to);
                    match rule {
                        InterestRule::ContractCapped(ci) => (yearly_rate(&ci).min(row.rate), row.source.clone()),
                        _ => (row.rate, row.source.clone()),
                    }
                }
            };
            let days = (end - day).num_days() + 1;
            let base = self.base();
            if base > Decimal::ZERO && rate > Decimal::ZERO {
                let amount = (base * rate * Decimal::from(days) / (Decimal::ONE_HUNDRED * Decimal::from(year_days)))
                    .round_dp(INTERNAL_DP);
                self.accrued += amount;
                self.accrued_total += amount;
                self.lines.push(Line {
                    kind: LineKind::Interest(rule),
                    from: Some(day),
                    to: Some(end),
                    days: Some(days),
                    year_days: Some(year_days),
                    rate: Some(rate),
                    base: Some(base),
                    amount,
                    source,
                });
            }
            self.through = end;
        }
        Ok(())
    }

    /// Applies `amount` to this claim's interest and principal in the given order; returns
    /// (to interest, to principal, rest).
    fn pay(&mut self, amount: Decimal, principal_first: bool) -> (Decimal, Decimal, Decimal) {
        let mut rest = amount;
        let mut to_interest = Decimal::ZERO;
        let mut to_principal = Decimal::ZERO;
        let take = |pot: &mut Decimal, counter: &mut Decimal, rest: &mut Decimal| {
            let x = (*pot).min(*rest).max(Decimal::ZERO);
            *pot -= x;
            *rest -= x;
            *counter += x;
        };
        if principal_first {
            take(&mut self.principal, &mut to_principal, &mut rest);
            take(&mut self.capitalised, &mut to_interest, &mut rest);
            take(&mut self.accrued, &mut to_interest, &mut rest);
        } else {
            take(&mut self.accrued, &mut to_interest, &mut rest);
            take(&mut self.capitalised, &mut to_interest, &mut rest);
            take(&mut self.principal, &mut to_principal, &mut rest);
        }
        (to_interest, to_principal, rest)
    }
}

/// Computes the claim for a case.
///
/// # Errors
/// `LawError::NoRate` when a table has no rate for a day on which interest runs.
pub fn compute(case: &Case, law: &LawSettings) -> Result<Statement, LawError> {
    let rule = InterestRule::for_case(case.regime, &case.terms);
    let table = match rule {
        InterestRule::Statutory(kind) => Some(Table::new(kind, &law.rates)),
        InterestRule::ContractCapped(_) => Some(Table::new(RateTableKind::BeCommercial, &law.rates)),
        _ => None,
    };
    let condition = costs_condition(case.regime, &case.claims, &case.reminders, case.as_of);
    let met_from = condition.and_then(|c| match c.state {
        NoticeState::Met { from, .. } => Some(from),
        _ => None,
    });
    // The costs date: business customers on the calculation date, consumers once the notice
    // period has passed.
    let costs_date = match case.regime {
        Regime::NlBusiness | Regime::BeBusiness => Some(case.as_of),
        Regime::NlConsumer | Regime::BeConsumer => met_from,
    };

    let mut runs: Vec<Running> = case
        .claims
        .iter()
        .map(|c| {
            let start = c.start();
            let interest_from = match case.regime {
                // Belgian consumers: nothing before the wait after the first reminder has passed.
                Regime::BeConsumer => met_from.map(|m| m.max(start)),
                _ => Some(start),
            };
            Running {
                claim: c,
                start,
                interest_from,
                principal: c.principal,
                capitalised: Decimal::ZERO,
                accrued: Decimal::ZERO,
                accrued_total: Decimal::ZERO,
                through: start - Duration::days(1),
                lines: Vec::new(),
            }
        })
        .collect();

    // All payments up to the calculation date, in date order.
    let mut payments: Vec<(NaiveDate, usize, Decimal)> = case
        .claims
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.payments.iter().filter(|p| p.date <= case.as_of).map(move |p| (p.date, i, p.amount)))
        .collect();
    payments.sort_by_key(|&(date, i, _)| (date, i));

    let principal_first = law.order == PaymentOrder::PrincipalInterestCosts;
    let mut costs_fixed = false;
    let mut costs = Decimal::ZERO;
    let mut costs_open = Decimal::ZERO;
    let mut costs_lines = Vec::new();
    let fix_costs = |runs: &mut Vec<Running>, costs: &mut Decimal, costs_open: &mut Decimal, lines: &mut Vec<Line>| {
        let (amount, l) = costs_on(case, law, runs);
        *costs = amount;
        *costs_open = amount;
        *lines = l;
    };

    for (date, i, amount) in payments {
        if let Some(cd) = costs_date {
            if !costs_fixed && date >= cd {
                fix_costs(&mut runs, &mut costs, &mut costs_open, &mut costs_lines);
                costs_fixed = true;
            }
        }
        let run = &mut runs[i];
        run.advance(date, rule, table.as_ref())?;
        let mut rest = amount;
        let mut to_costs = Decimal::ZERO;
        if !principal_first {
            to_costs = costs_open.min(rest);
            costs_open -= to_costs;
            rest -= to_costs;
        }
        let (to_interest, to_principal, mut unapplied) = run.pay(rest, principal_first);
        if principal_first {
            let x = costs_open.min(unapplied);
            costs_open -= x;
            to_costs = x;
            unapplied -= x;
        }
        run.lines.push(Line {
            kind: LineKind::Payment { to_costs, to_interest, to_principal, unapplied },
            from: Some(date),
            to: None,
            days: None,
            year_days: None,
            rate: None,
            base: None,
            amount,
            source: match law.order {
                PaymentOrder::CostsInterestPrincipal => "art. 6:44 BW".into(),
                PaymentOrder::PrincipalInterestCosts => String::new(),
            },
        });
    }
    if let Some(cd) = costs_date {
        if !costs_fixed && cd <= case.as_of {
            fix_costs(&mut runs, &mut costs, &mut costs_open, &mut costs_lines);
        }
    }
    for run in &mut runs {
        run.advance(case.as_of, rule, table.as_ref())?;
    }

    // Costs that are not yet claimable, for the "from that date" line.
    let costs_prospective = if costs_date.is_none() {
        let (amount, lines) = costs_on(case, law, &runs);
        costs_lines = lines;
        amount
    } else {
        Decimal::ZERO
    };

    let claims = runs
        .into_iter()
        .map(|r| ClaimOutcome {
            label: r.claim.label.clone(),
            due: r.claim.due_date(),
            principal: r.claim.principal,
            principal_open: r.principal,
            interest_open: r.accrued + r.capitalised,
            interest_accrued: r.accrued_total,
            lines: r.lines,
        })
        .collect();
    Ok(Statement {
        as_of: case.as_of,
        regime: case.regime,
        rule,
        claims,
        condition,
        costs,
        costs_open,
        costs_prospective,
        costs_date,
        costs_lines,
    })
}

/// The costs on the current state of the claims (the principal still open, of claims that are
/// past due on the calculation date).
fn costs_on(case: &Case, law: &LawSettings, runs: &[Running]) -> (Decimal, Vec<Line>) {
    // Late: past due on the calculation date and not paid in full by the due date.
    let late: Vec<&Running> = runs
        .iter()
        .filter(|r| {
            let due = r.claim.due_date();
            let paid_in_time: Decimal = r.claim.payments.iter().filter(|p| p.date <= due).map(|p| p.amount).sum();
            r.start <= case.as_of && paid_in_time < r.claim.principal
        })
        .collect();
    let principal: Decimal = late.iter().map(|r| r.principal).sum();
    let mut lines = Vec::new();
    let forty = costs::fixed_40();
    let contract = |lines: &mut Vec<Line>| -> Option<Decimal> {
        match case.terms.costs? {
            ContractCosts::Fixed(a) => {
                lines.push(Line::costs(LineKind::CostsContractFixed, principal, a, ""));
                Some(a)
            }
            ContractCosts::Percent(p) => {
                let a = (principal * p / Decimal::ONE_HUNDRED).round_dp(INTERNAL_DP);
                lines.push(Line::costs(LineKind::CostsContractPercent { percent: p }, principal, a, ""));
                Some(a)
            }
        }
    };
    let with_vat = |amount: Decimal, lines: &mut Vec<Line>| -> Decimal {
        match law.costs_vat {
            Some(vat) if vat > Decimal::ZERO && amount > Decimal::ZERO => {
                let v = (amount * vat / Decimal::ONE_HUNDRED).round_dp(INTERNAL_DP);
                lines.push(Line::costs(LineKind::CostsVat { percent: vat }, amount, v, "Besluit BIK art. 2 lid 3"));
                amount + v
            }
            _ => amount,
        }
    };
    if principal <= Decimal::ZERO && case.regime != Regime::BeBusiness {
        return (Decimal::ZERO, lines);
    }
    match case.regime {
        Regime::NlConsumer => {
            if case.terms.costs.is_some() {
                lines.push(Line::costs(LineKind::CostsContractIgnored, principal, Decimal::ZERO, "art. 6:96 lid 5 BW"));
            }
            let (amount, l) = costs::bik(principal);
            lines.extend(l);
            let total = with_vat(amount, &mut lines);
            (total, lines)
        }
        Regime::NlBusiness => {
            let amount = if let Some(a) = contract(&mut lines) {
                if a < forty {
                    lines.push(Line::costs(LineKind::CostsRaisedToMinimum, principal, forty, costs::FIXED_40_SOURCE));
                    forty
                } else {
                    a
                }
            } else {
                match law.nl_business_costs {
                    NlBusinessCosts::Staffel => {
                        let (amount, l) = costs::bik(principal);
                        lines.extend(l);
                        amount
                    }
                    NlBusinessCosts::Fixed40 => {
                        lines.push(Line::costs(LineKind::CostsFixed40, principal, forty, costs::FIXED_40_SOURCE));
                        forty
                    }
                    NlBusinessCosts::None => {
                        lines.push(Line::costs(LineKind::CostsNone, principal, Decimal::ZERO, ""));
                        Decimal::ZERO
                    }
                }
            };
            let total = with_vat(amount, &mut lines);
            (total, lines)
        }
        Regime::BeBusiness => {
            let invoices = u32::try_from(late.len()).unwrap_or(u32::MAX);
            let fixed = forty * Decimal::from(invoices);
            let mut l = vec![Line::costs(LineKind::Fixed40PerInvoice { invoices }, Decimal::from(invoices), fixed, costs::FIXED_40_SOURCE)];
            let amount = match contract(&mut lines) {
                Some(a) if a > fixed => a,
                Some(_) => {
                    lines.append(&mut l);
                    fixed
                }
                None => {
                    lines.append(&mut l);
                    fixed
                }
            };
            (amount, lines)
        }
        Regime::BeConsumer => {
            let (cap, band) = costs::be_consumer_damages_cap(principal);
            let damages = match case.terms.costs {
                Some(_) => {
                    let a = contract(&mut lines).unwrap_or_default();
                    if a > cap {
                        lines.push(Line::costs(band, principal, cap, costs::BOOK_XIX_SOURCE));
                        cap
                    } else {
                        lines.push(Line::costs(LineKind::BeDamagesContract, principal, a, costs::BOOK_XIX_SOURCE));
                        a
                    }
                }
                None => {
                    lines.push(Line::costs(band, principal, cap, costs::BOOK_XIX_SOURCE));
                    cap
                }
            };
            // Later reminders, after the first free one.
            let first = case.reminders.iter().filter(|r| r.sent <= case.as_of).map(|r| r.sent).min();
            let later: Vec<&Reminder> = case
                .reminders
                .iter()
                .filter(|r| r.sent <= case.as_of && Some(r.sent) != first && first.is_some_and(|f| r.sent > f))
                .collect();
            let count = u32::try_from(later.len()).unwrap_or(u32::MAX);
            let by_letter =
                u32::try_from(later.iter().filter(|r| matches!(r.channel, Channel::Letter | Channel::RegisteredLetter)).count())
                    .unwrap_or(u32::MAX);
            let fees = costs::be_reminder_fee() * Decimal::from(count) + law.be_postage * Decimal::from(by_letter);
            if count > 0 {
                lines.push(Line::costs(LineKind::BeReminderFees { count, by_letter }, Decimal::from(count), fees, costs::BOOK_XIX_SOURCE));
            }
            (damages + fees, lines)
        }
    }
}

#[cfg(test)]
mod tests;
