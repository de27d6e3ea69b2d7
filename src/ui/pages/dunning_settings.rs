//! Settings: the dunning policy (`ledger.settings.dunning`) — the steps of each policy and which
//! customers get it, the amount thresholds, and the user's own message texts.
//!
//! Each part has its own save: the input is checked here (every problem named with its field, in
//! the user's language) and by `DunningSettings::validate`, then only that part (one policy's
//! steps, the thresholds, or one template) is replaced on the ledger as it is at that moment, so
//! a change another tab made to other settings is kept. After a refused save the form keeps what
//! the user typed. The assignment rules and the default policy are edited together, with one save.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    parse_amount, AssignRule, Channel, CollectorLevel, Company, CustomerId, CustomerKind, DunningSettings, Ledger, Policy,
    RiskLevel, Step, StepBase, StepKind, TemplateText,
};
use crate::engine::dunning::policy_choices;
use crate::engine::letter;
use crate::i18n::dunning::{self as texts, Values};
use crate::i18n::Lang;
use crate::ui::components::{error_list, field_error, tx};
use crate::ui::state::use_state;

// ---------------------------------------------------------------------------------------------
// Pure helpers (tested natively below)
// ---------------------------------------------------------------------------------------------

/// "1 dag" / "3 dagen".
fn days(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::Nl, 1) => "1 dag".into(),
        (Lang::Nl, n) => format!("{n} dagen"),
        (Lang::En, 1) => "1 day".into(),
        (Lang::En, n) => format!("{n} days"),
    }
}

/// When a step falls, in words: "vervaldatum + 14 dagen", "3 dagen na factuurdatum",
/// "8 dagen na de vorige stap", "5 dagen voor de vervaldatum".
fn when_text(lang: Lang, base: StepBase, offset: i32) -> String {
    let n = i64::from(offset).abs();
    let d = days(lang, n);
    match (base, offset.signum(), lang) {
        (StepBase::DueDate, 0, _) => lang.tr("op de vervaldatum", "on the due date").into(),
        (StepBase::DueDate, 1, Lang::Nl) => format!("vervaldatum + {d}"),
        (StepBase::DueDate, 1, Lang::En) => format!("due date + {d}"),
        (StepBase::DueDate, _, Lang::Nl) => format!("{d} voor de vervaldatum"),
        (StepBase::DueDate, _, Lang::En) => format!("{d} before the due date"),
        (StepBase::InvoiceDate, 0, _) => lang.tr("op de factuurdatum", "on the invoice date").into(),
        (StepBase::InvoiceDate, 1, Lang::Nl) => format!("{d} na factuurdatum"),
        (StepBase::InvoiceDate, 1, Lang::En) => format!("{d} after the invoice date"),
        (StepBase::InvoiceDate, _, Lang::Nl) => format!("{d} voor factuurdatum"),
        (StepBase::InvoiceDate, _, Lang::En) => format!("{d} before the invoice date"),
        (StepBase::PreviousStep, 0, _) => lang.tr("dezelfde dag als de vorige stap", "the same day as the previous step").into(),
        (StepBase::PreviousStep, 1, Lang::Nl) => format!("{d} na de vorige stap"),
        (StepBase::PreviousStep, 1, Lang::En) => format!("{d} after the previous step"),
        (StepBase::PreviousStep, _, Lang::Nl) => format!("{d} voor de vorige stap"),
        (StepBase::PreviousStep, _, Lang::En) => format!("{d} before the previous step"),
    }
}

const BASES: [StepBase; 3] = [StepBase::DueDate, StepBase::InvoiceDate, StepBase::PreviousStep];

fn base_key(b: StepBase) -> &'static str {
    match b {
        StepBase::InvoiceDate => "invoice",
        StepBase::DueDate => "due",
        StepBase::PreviousStep => "previous",
    }
}

fn base_from_key(key: &str) -> Option<StepBase> {
    BASES.into_iter().find(|b| base_key(*b) == key)
}

fn base_name(lang: Lang, b: StepBase) -> &'static str {
    match b {
        StepBase::InvoiceDate => lang.tr("factuurdatum", "invoice date"),
        StepBase::DueDate => lang.tr("vervaldatum", "due date"),
        StepBase::PreviousStep => lang.tr("vorige stap", "previous step"),
    }
}

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Phone => "phone",
        Channel::Letter => "letter",
        Channel::RegisteredLetter => "registered",
        Channel::Visit => "visit",
        Channel::HandOver => "hand-over",
    }
}

fn channel_from_key(key: &str) -> Option<Channel> {
    Channel::ALL.into_iter().find(|c| channel_key(*c) == key)
}

/// A decimal as typed in the user's language: "2500", "12,5" (nl), "12.5" (en).
fn decimal_text(lang: Lang, d: Decimal) -> String {
    let s = d.normalize().to_string();
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A step's editable fields, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct StepInput {
    offset: String,
    channel: String,
    min_amount: String,
    deadline: String,
    interest: bool,
    costs: bool,
    fee: String,
    level: String,
    nearby: bool,
}

const LEVELS: [CollectorLevel; 3] = [CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner];

fn level_key(l: CollectorLevel) -> &'static str {
    match l {
        CollectorLevel::Junior => "junior",
        CollectorLevel::Senior => "senior",
        CollectorLevel::Owner => "owner",
    }
}

fn level_from_key(key: &str) -> Option<CollectorLevel> {
    LEVELS.into_iter().find(|l| level_key(*l) == key)
}

fn step_input(lang: Lang, s: &Step) -> StepInput {
    StepInput {
        offset: s.offset_days.to_string(),
        channel: channel_key(s.channel).into(),
        min_amount: decimal_text(lang, s.min_amount),
        deadline: s.deadline_days.to_string(),
        interest: s.announce_interest,
        costs: s.announce_costs,
        fee: decimal_text(lang, s.fee),
        level: level_key(s.level).into(),
        nearby: s.nearby_only,
    }
}

/// Moves the item at `i` one place up (`up`) or down; nothing when it is already at that end.
fn move_item<T>(v: &mut [T], i: usize, up: bool) {
    if up && i > 0 && i < v.len() {
        v.swap(i - 1, i);
    } else if !up && i + 1 < v.len() {
        v.swap(i, i + 1);
    }
}

/// The step `stored` with the typed fields applied (its kind and base kept), or every problem,
/// each prefixed with `what` (e.g. "Stap 4 (Herinnering)").
fn step_from_input(lang: Lang, what: &str, stored: &Step, i: &StepInput) -> Result<Step, Vec<String>> {
    let mut s = stored.clone();
    let mut errors = Vec::new();
    type Text = (&'static str, &'static str);
    let problem = |field: Text, text: &str, why: Text| {
        format!("{what}, {}: '{}' {}.", lang.tr(field.0, field.1), text.trim(), lang.tr(why.0, why.1))
    };
    match i.offset.trim().trim_start_matches('+').parse::<i32>() {
        Ok(v) if v.abs() <= 3650 => s.offset_days = v,
        _ => errors.push(problem(
            ("dagen", "days"),
            &i.offset,
            ("is geen geheel aantal dagen (tussen -3650 en 3650)", "is not a whole number of days (from -3650 to 3650)"),
        )),
    }
    match channel_from_key(&i.channel) {
        Some(c) => s.channel = c,
        None => errors.push(problem(("kanaal", "channel"), &i.channel, ("is geen kanaal", "is not a channel"))),
    }
    match parse_amount(&i.min_amount) {
        Ok(v) if v >= Decimal::ZERO => s.min_amount = v,
        _ => errors.push(problem(
            ("minimumbedrag", "minimum amount"),
            &i.min_amount,
            ("is geen bedrag van 0 of meer", "is not an amount of 0 or more"),
        )),
    }
    match i.deadline.trim().parse::<u16>() {
        Ok(v) if v <= 365 => s.deadline_days = v,
        _ => errors.push(problem(
            ("betaaltermijn", "payment deadline"),
            &i.deadline,
            ("is geen geheel aantal dagen van 0 tot en met 365", "is not a whole number of days from 0 to 365"),
        )),
    }
    match parse_amount(&i.fee) {
        Ok(v) if v >= Decimal::ZERO => s.fee = v,
        _ => errors.push(problem(("vergoeding", "fee"), &i.fee, ("is geen bedrag van 0 of meer", "is not an amount of 0 or more"))),
    }
    match level_from_key(&i.level) {
        Some(l) => s.level = l,
        None => errors.push(problem(("medewerker", "collector"), &i.level, ("is geen medewerker", "is not a collector level"))),
    }
    s.announce_interest = i.interest;
    s.announce_costs = i.costs;
    s.nearby_only = i.nearby;
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(errors)
    }
}

/// A new step as the add form makes it: no minimum, no deadline, nothing announced, a junior
/// (a hand-over goes to the owner); a visit only for customers nearby.
fn new_step(kind: StepKind, base: StepBase, offset: i32, channel: Channel) -> Step {
    Step {
        kind,
        base,
        offset_days: offset,
        channel,
        min_amount: Decimal::ZERO,
        fee: Decimal::ZERO,
        announce_interest: false,
        announce_costs: false,
        level: if kind == StepKind::HandOver { CollectorLevel::Owner } else { CollectorLevel::Junior },
        deadline_days: 0,
        nearby_only: kind == StepKind::Visit,
    }
}

/// "Stap 4 (Herinnering)".
fn step_label(lang: Lang, n: usize, kind: StepKind) -> String {
    format!("{} {n} ({})", lang.tr("Stap", "Step"), lang.step_kind(kind))
}

/// The thresholds, in the order of the form.
struct Threshold {
    key: &'static str,
    label: (&'static str, &'static str),
    get: fn(&DunningSettings) -> Decimal,
    set: fn(&mut DunningSettings, Decimal),
}

const THRESHOLDS: [Threshold; 5] = [
    Threshold {
        key: "dunning-email-below",
        label: ("E-mail bij een openstaand bedrag onder", "E-mail when the open amount is below"),
        get: |s| s.email_below,
        set: |s, v| s.email_below = v,
    },
    Threshold {
        key: "dunning-letter-up-to",
        label: ("Brief tot en met; daarboven bellen", "Letter up to; above that a call"),
        get: |s| s.letter_up_to,
        set: |s, v| s.letter_up_to = v,
    },
    Threshold {
        key: "dunning-senior-from",
        label: ("Senior medewerker vanaf", "Senior collector from"),
        get: |s| s.senior_from,
        set: |s, v| s.senior_from = v,
    },
    Threshold {
        key: "dunning-owner-from",
        label: ("Eigenaar vanaf", "Owner from"),
        get: |s| s.owner_from,
        set: |s, v| s.owner_from = v,
    },
    Threshold {
        key: "dunning-proactive-from",
        label: ("Voorafcontrole voor facturen vanaf", "Proactive check for invoices from"),
        get: |s| s.proactive_from,
        set: |s, v| s.proactive_from = v,
    },
];

const GRACE_LABEL: (&str, &str) = ("Dagen na een gebroken belofte tot het belletje", "Days after a broken promise before the call");

/// The thresholds as typed: the five amounts, then the grace days.
fn thresholds_input(lang: Lang, s: &DunningSettings) -> Vec<String> {
    THRESHOLDS
        .iter()
        .map(|t| decimal_text(lang, (t.get)(s)))
        .chain(std::iter::once(s.promise_grace_days.to_string()))
        .collect()
}

/// Applies the typed thresholds to `base` (everything else kept), or every problem.
fn thresholds_from_input(lang: Lang, base: &DunningSettings, typed: &[String]) -> Result<DunningSettings, Vec<String>> {
    let mut s = base.clone();
    let mut errors = Vec::new();
    for (t, text) in THRESHOLDS.iter().zip(typed) {
        match parse_amount(text) {
            Ok(v) if v >= Decimal::ZERO => (t.set)(&mut s, v),
            _ => errors.push(field_error(lang, t.label, text, "geen bedrag van 0 of meer", "not an amount of 0 or more")),
        }
    }
    let grace = typed.get(THRESHOLDS.len()).map_or("", String::as_str);
    match grace.trim().parse::<u16>() {
        Ok(v) if v <= 365 => s.promise_grace_days = v,
        _ => errors.push(field_error(
            lang,
            GRACE_LABEL,
            grace,
            "geen geheel aantal dagen van 0 tot en met 365",
            "not a whole number of days from 0 to 365",
        )),
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    s.validate().map_err(|e| vec![lang.domain_error(&e)])?;
    Ok(s)
}

/// The user's texts with `t` replacing one of the same step and language.
fn with_template(list: &[TemplateText], t: TemplateText) -> Vec<TemplateText> {
    let mut out: Vec<TemplateText> = list.iter().filter(|o| !(o.kind == t.kind && o.lang == t.lang)).cloned().collect();
    out.push(t);
    out
}

/// The user's texts without the one of this step and language.
fn without_template(list: &[TemplateText], kind: StepKind, lang: &str) -> Vec<TemplateText> {
    list.iter().filter(|o| !(o.kind == kind && o.lang == lang)).cloned().collect()
}

/// Every problem of a subject and body, for the editor: "Onderwerp: …", "Tekst: …".
fn template_problems(lang: Lang, subject: &str, body: &str) -> Vec<String> {
    let part = |label: &str, text: &str| {
        texts::check(text).into_iter().map(|e| format!("{label}: {}", lang.template_error(&e))).collect::<Vec<_>>()
    };
    let mut out = part(lang.tr("Onderwerp", "Subject"), subject);
    out.extend(part(lang.tr("Tekst", "Body"), body));
    out
}

/// Values for the preview when the ledger has no customer with overdue invoices.
fn sample_values(lang: Lang, company: &Company, today: NaiveDate) -> Values {
    let own = |s: &str, sample: &str| if s.trim().is_empty() { sample.to_string() } else { s.to_string() };
    let eur = |d: i64| lang.amount(Decimal::new(d, 2), crate::domain::Currency::EUR);
    let due = today - Days::new(20);
    Values {
        customer: lang.tr("Voorbeeld B.V.", "Example Ltd").into(),
        contact: "J. Jansen".into(),
        invoices: match lang {
            Lang::Nl => format!("Factuur 2026-0042 van {}: {}, open {}, {} dagen over de vervaldatum", lang.date(due - Days::new(30)), eur(121_000), eur(121_000), 20),
            Lang::En => format!("Invoice 2026-0042 of {}: {}, open {}, {} days overdue", lang.date(due - Days::new(30)), eur(121_000), eur(121_000), 20),
        },
        open_total: eur(121_000),
        interest: eur(1_458),
        costs: eur(18_150),
        fee: String::new(),
        total_due: eur(140_608),
        deadline: lang.letter_date(today + Days::new(7)),
        reference: "2026-0042".into(),
        today: lang.letter_date(today),
        own_name: own(&company.name, lang.tr("Uw Bedrijf B.V.", "Your Company Ltd")),
        own_iban: own(&company.iban, "NL91 ABNA 0417 1643 00"),
        own_phone: own(&company.phone, "020 123 4567"),
        own_email: own(&company.email, "debiteuren@example.nl"),
    }
}

/// The customer with the largest overdue amount (in the ledger's currency) and those invoices.
fn most_overdue(ledger: &Ledger, today: NaiveDate) -> Option<(CustomerId, Vec<crate::domain::InvoiceId>)> {
    let balances = ledger.balances();
    let mut per: HashMap<CustomerId, (Decimal, Vec<crate::domain::InvoiceId>)> = HashMap::new();
    for inv in ledger.invoices() {
        if inv.credits.is_some() || inv.due >= today || inv.amount.currency != ledger.settings.currency {
            continue;
        }
        let open = balances.get(&inv.id).map_or(Decimal::ZERO, |b| b.open());
        if open > Decimal::ZERO {
            let e = per.entry(inv.customer).or_default();
            e.0 += open;
            e.1.push(inv.id);
        }
    }
    per.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(&a.0))).map(|(c, (_, ids))| (c, ids))
}

/// The preview's values and whose they are: a real customer of the ledger, or sample values.
fn preview_values(ledger: &Ledger, lang: Lang, today: NaiveDate) -> (Values, Option<String>) {
    match most_overdue(ledger, today) {
        Some((customer, invoices)) => {
            let facts = letter::facts(ledger, customer, &invoices, today, Some(today + Days::new(7)), true, true);
            (lang.letter_values(&facts, &ledger.company), Some(facts.customer.clone()))
        }
        None => (sample_values(lang, &ledger.company, today), None),
    }
}

/// Per policy id: how many customers get it and the first five names.
fn policy_users(ledger: &Ledger, today: NaiveDate) -> HashMap<String, (usize, Vec<String>)> {
    let mut out: HashMap<String, (usize, Vec<String>)> = HashMap::new();
    let choices = policy_choices(ledger, today);
    for c in ledger.customers() {
        let Some((policy, _)) = choices.get(&c.id) else { continue };
        let e = out.entry(policy.id.clone()).or_default();
        e.0 += 1;
        if e.1.len() < 5 {
            e.1.push(c.name.clone());
        }
    }
    out
}

/// An assignment rule in words, for the summary above each rule.
fn rule_text(lang: Lang, r: &crate::domain::AssignRule, policies: &[Policy]) -> String {
    let mut conds = Vec::new();
    if !r.grades.is_empty() {
        let g: Vec<String> = r.grades.iter().map(|g| if g.is_empty() { lang.tr("geen", "none").to_string() } else { g.clone() }).collect();
        conds.push(format!("{} {}", lang.tr("betaalklasse", "payment grade"), g.join("/")));
    }
    if let Some(s) = r.score_below {
        conds.push(format!("{} {s}", lang.tr("externe score onder", "external score below")));
    }
    if !r.risk_levels.is_empty() {
        let l: Vec<&str> = r.risk_levels.iter().map(|l| lang.risk_level_name(*l)).collect();
        conds.push(format!("{} {}", lang.tr("risico", "risk"), l.join("/")));
    }
    if let Some(k) = r.kind {
        conds.push(lang.customer_kind(k).to_string());
    }
    if let Some(a) = r.open_at_least {
        conds.push(format!("{} {}", lang.tr("openstaand vanaf", "open from"), decimal_text(lang, a)));
    }
    let name = policies.iter().find(|p| p.id == r.policy).map_or(r.policy.as_str(), |p| p.name.as_str());
    let when = if conds.is_empty() { lang.tr("elke klant", "every customer").to_string() } else { conds.join(", ") };
    format!("{when} → {name}")
}

/// The payment grades a rule can name; "" is "no grade yet".
const GRADES: [&str; 5] = ["A", "B", "C", "D", ""];

fn grade_name(lang: Lang, g: &str) -> String {
    if g.is_empty() {
        lang.tr("nog geen cijfer", "no grade yet").into()
    } else {
        g.into()
    }
}

fn risk_key(l: RiskLevel) -> &'static str {
    match l {
        RiskLevel::Low => "low",
        RiskLevel::Medium => "medium",
        RiskLevel::High => "high",
    }
}

fn kind_key(k: Option<CustomerKind>) -> &'static str {
    match k {
        None => "",
        Some(CustomerKind::Business) => "business",
        Some(CustomerKind::Consumer) => "consumer",
    }
}

fn kind_from_key(key: &str) -> Option<Option<CustomerKind>> {
    [None, Some(CustomerKind::Business), Some(CustomerKind::Consumer)].into_iter().find(|k| kind_key(*k) == key)
}

/// A rule's fields, as typed (checkbox lists in the order of `GRADES` / `RiskLevel::ALL`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RuleInput {
    policy: String,
    grades: Vec<String>,
    score_below: String,
    risk_levels: Vec<RiskLevel>,
    kind: String,
    open_at_least: String,
}

fn rule_input(lang: Lang, r: &AssignRule) -> RuleInput {
    RuleInput {
        policy: r.policy.clone(),
        grades: r.grades.clone(),
        score_below: r.score_below.map(|v| v.to_string()).unwrap_or_default(),
        risk_levels: r.risk_levels.clone(),
        kind: kind_key(r.kind).into(),
        open_at_least: r.open_at_least.map(|v| decimal_text(lang, v)).unwrap_or_default(),
    }
}

/// A new rule as "+ Regel" makes it: every customer, the given policy.
fn new_rule(policy: &str) -> AssignRule {
    AssignRule { policy: policy.into(), grades: Vec::new(), score_below: None, risk_levels: Vec::new(), kind: None, open_at_least: None }
}

/// The rule as typed, or every problem, each prefixed with `what` ("Regel 2"). Grades and risk
/// levels are kept in their fixed order; an empty score or amount is "not used".
fn rule_from_input(lang: Lang, what: &str, policies: &[Policy], i: &RuleInput) -> Result<AssignRule, Vec<String>> {
    let mut errors = Vec::new();
    type Text = (&'static str, &'static str);
    let problem = |field: Text, text: &str, why: Text| {
        format!("{what}, {}: '{}' {}.", lang.tr(field.0, field.1), text.trim(), lang.tr(why.0, why.1))
    };
    if !policies.iter().any(|p| p.id == i.policy) {
        errors.push(problem(("beleid", "policy"), &i.policy, ("is geen beleid", "is not a policy")));
    }
    let grades: Vec<String> = GRADES.iter().filter(|g| i.grades.iter().any(|t| t == *g)).map(|g| g.to_string()).collect();
    let score_below = match i.score_below.trim() {
        "" => None,
        t => match t.parse::<u8>() {
            Ok(v) if v <= 100 => Some(v),
            _ => {
                errors.push(problem(
                    ("externe score lager dan", "external score below"),
                    t,
                    ("is geen geheel getal van 0 tot en met 100", "is not a whole number from 0 to 100"),
                ));
                None
            }
        },
    };
    let risk_levels: Vec<RiskLevel> = RiskLevel::ALL.into_iter().filter(|l| i.risk_levels.contains(l)).collect();
    let kind = kind_from_key(&i.kind).unwrap_or_else(|| {
        errors.push(problem(("soort klant", "kind of customer"), &i.kind, ("is geen soort klant", "is not a kind of customer")));
        None
    });
    let open_at_least = match i.open_at_least.trim() {
        "" => None,
        t => match parse_amount(t) {
            Ok(v) if v >= Decimal::ZERO => Some(v),
            _ => {
                errors.push(problem(("openstaand minstens", "open at least"), t, ("is geen bedrag van 0 of meer", "is not an amount of 0 or more")));
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(AssignRule { policy: i.policy.clone(), grades, score_below, risk_levels, kind, open_at_least })
    } else {
        Err(errors)
    }
}

/// The typed rules and default policy applied to `base` (everything else kept), or every
/// problem: the rules are numbered "Regel 1", "Regel 2", … in the user's language.
fn rules_from_input(lang: Lang, base: &DunningSettings, typed: &[RuleInput], default_policy: &str) -> Result<DunningSettings, Vec<String>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (n, i) in typed.iter().enumerate() {
        let what = format!("{} {}", lang.tr("Regel", "Rule"), n + 1);
        match rule_from_input(lang, &what, &base.policies, i) {
            Ok(r) => rules.push(r),
            Err(list) => errors.extend(list),
        }
    }
    if !base.policies.iter().any(|p| p.id == default_policy) {
        errors.push(field_error(lang, ("Standaardbeleid", "Default policy"), default_policy, "geen beleid", "not a policy"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let s = DunningSettings { rules, default_policy: default_policy.to_string(), ..base.clone() };
    s.validate().map_err(|e| vec![lang.domain_error(&e)])?;
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// The card
// ---------------------------------------------------------------------------------------------


/// The dunning policy, in Settings.
#[component]
pub fn DunningSettingsCard() -> impl IntoView {
    let state = use_state();
    let stored = Memo::new(move |_| state.ledger.with(|l| l.settings.dunning.clone()));
    let policies = Memo::new(move |_| stored.with(|s| s.policies.clone()));
    let thresholds = Memo::new(move |_| stored.with(|s| thresholds_input(Lang::Nl, s)));
    let rules = Memo::new(move |_| stored.with(|s| (s.rules.clone(), s.default_policy.clone(), s.policies.len())));
    let users = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| policy_users(l, today))
    });
    view! {
        <section class="card dunning-settings" data-testid="dunning-settings">
            <div class="card-head">
                <h2>{tx("Incassobeleid", "Dunning policy")}</h2>
                <span class="hint">
                    {tx(
                        "De stappen van elk beleid, wie welk beleid krijgt, de bedraggrenzen en je eigen teksten",
                        "The steps of each policy, who gets which policy, the amount thresholds and your own texts",
                    )}
                </span>
            </div>
            {move || {
                // Rebuilt after an add, rename, remove or undo.
                let list = policies.get();
                let default_id = stored.with(|s| s.default_policy.clone());
                view! { <ProfilesForm policies=list default_id=default_id users=users/> }
            }}
            {move || {
                let default_id = stored.with(|s| s.default_policy.clone());
                policies
                    .get()
                    .into_iter()
                    .map(|p| {
                        let is_default = p.id == default_id;
                        view! { <PolicyForm stored=p is_default=is_default users=users/> }
                    })
                    .collect_view()
            }}
            {move || {
                // Rebuilt from the stored rules after a save, an undo or another tab.
                let _ = rules.get();
                let s = stored.get_untracked();
                view! { <RulesForm stored=s/> }
            }}
            {move || {
                // Rebuilt from the stored thresholds after a save, an undo or another tab.
                let _ = thresholds.get();
                let s = stored.get_untracked();
                view! { <ThresholdsForm stored=s/> }
            }}
            {move || {
                let agency = stored.with(|s| s.agency.clone());
                view! { <AgencyForm stored=agency/> }
            }}
            <TemplateEditor/>
        </section>
    }
}

/// One step row of a policy form, with its own signals (`key` keeps the row's inputs when
/// another row is removed).
#[derive(Clone, Copy)]
struct StepRow {
    key: usize,
    stored: StoredValue<Step>,
    offset: RwSignal<String>,
    channel: RwSignal<String>,
    min_amount: RwSignal<String>,
    deadline: RwSignal<String>,
    interest: RwSignal<bool>,
    costs: RwSignal<bool>,
    fee: RwSignal<String>,
    level: RwSignal<String>,
    nearby: RwSignal<bool>,
}

/// The collector level options, with `current` selected.
fn level_options(lang: Lang, current: &str) -> impl IntoView {
    LEVELS
        .iter()
        .map(|l| {
            let key = level_key(*l);
            view! { <option value=key selected=key == current>{lang.collector(*l)}</option> }
        })
        .collect_view()
}

/// The channel options, with `current` selected.
fn channel_options(lang: Lang, current: &str) -> impl IntoView {
    Channel::ALL
        .iter()
        .map(|c| {
            let key = channel_key(*c);
            view! { <option value=key selected=key == current>{lang.channel(*c)}</option> }
        })
        .collect_view()
}

#[component]
fn PolicyForm(stored: Policy, is_default: bool, users: Memo<HashMap<String, (usize, Vec<String>)>>) -> impl IntoView {
    let state = use_state();
    let lang0 = state.lang_untracked();
    let next_key = StoredValue::new(0usize);
    let make_row = move |s: Step| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let i = step_input(lang0, &s);
        StepRow {
            key,
            stored: StoredValue::new(s),
            offset: RwSignal::new(i.offset),
            channel: RwSignal::new(i.channel),
            min_amount: RwSignal::new(i.min_amount),
            deadline: RwSignal::new(i.deadline),
            interest: RwSignal::new(i.interest),
            costs: RwSignal::new(i.costs),
            fee: RwSignal::new(i.fee),
            level: RwSignal::new(i.level),
            nearby: RwSignal::new(i.nearby),
        }
    };
    let rows = RwSignal::new(stored.steps.iter().cloned().map(make_row).collect::<Vec<_>>());
    let errors = RwSignal::new(Vec::<String>::new());
    let id = stored.id.clone();
    let name = stored.name.clone();
    let testid = format!("policy-{}", stored.id);

    // The add-a-step form.
    let add_kind = RwSignal::new(StepKind::Reminder.key().to_string());
    let add_base = RwSignal::new(base_key(StepBase::DueDate).to_string());
    let add_offset = RwSignal::new("7".to_string());
    let add_channel = RwSignal::new(channel_key(Channel::Email).to_string());
    let add = move |_| {
        let lang = state.lang_untracked();
        let (Some(kind), Some(base), Some(channel)) =
            (StepKind::from_key(&add_kind.get_untracked()), base_from_key(&add_base.get_untracked()), channel_from_key(&add_channel.get_untracked()))
        else {
            return;
        };
        match add_offset.get_untracked().trim().trim_start_matches('+').parse::<i32>() {
            Ok(offset) if offset.abs() <= 3650 => {
                rows.update(|v| v.push(make_row(new_step(kind, base, offset, channel))));
                errors.set(Vec::new());
            }
            _ => errors.set(vec![format!(
                "{}: '{}' {}",
                lang.tr("Nieuwe stap, dagen", "New step, days"),
                add_offset.get_untracked().trim(),
                lang.tr("is geen geheel aantal dagen (tussen -3650 en 3650).", "is not a whole number of days (from -3650 to 3650).")
            )]),
        }
    };

    let save_id = id.clone();
    let save = move |_| {
        let lang = state.lang_untracked();
        let mut steps = Vec::new();
        let mut problems = Vec::new();
        rows.with_untracked(|rs| {
            for (n, r) in rs.iter().enumerate() {
                let s = r.stored.get_value();
                let input = StepInput {
                    offset: r.offset.get_untracked(),
                    channel: r.channel.get_untracked(),
                    min_amount: r.min_amount.get_untracked(),
                    deadline: r.deadline.get_untracked(),
                    interest: r.interest.get_untracked(),
                    costs: r.costs.get_untracked(),
                    fee: r.fee.get_untracked(),
                    level: r.level.get_untracked(),
                    nearby: r.nearby.get_untracked(),
                };
                match step_from_input(lang, &step_label(lang, n + 1, s.kind), &s, &input) {
                    Ok(step) => steps.push(step),
                    Err(list) => problems.extend(list),
                }
            }
        });
        if !problems.is_empty() {
            return errors.set(problems);
        }
        let id = save_id.clone();
        // Only this policy's steps change, on the ledger as it is stored now.
        match state.commit(move |l| {
            let d = &mut l.settings.dunning;
            match d.policies.iter_mut().find(|p| p.id == id) {
                Some(p) => p.steps = steps.clone(),
                None => return Err(crate::domain::DomainError::UnknownPolicy(id.clone())),
            }
            d.validate()
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                state.success(lang.tr("Beleid opgeslagen.", "Policy saved.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };

    let users_id = id.clone();
    let who = move || {
        let lang = state.lang();
        let (count, names) = users.with(|u| u.get(&users_id).cloned().unwrap_or_default());
        let mut text = match lang {
            Lang::Nl => format!("{count} {}", if count == 1 { "klant" } else { "klanten" }),
            Lang::En => format!("{count} {}", if count == 1 { "customer" } else { "customers" }),
        };
        if !names.is_empty() {
            text.push_str(": ");
            text.push_str(&names.join(", "));
            if count > names.len() {
                text.push_str(", …");
            }
        }
        text
    };

    view! {
        <div class="dunning-policy" data-testid=testid data-policy=id.clone()>
            <h3>
                {name}
                {is_default.then(|| view! { " " <span class="badge info" data-testid="policy-default">{tx("standaardbeleid", "default policy")}</span> })}
            </h3>
            <p class="hint" data-testid="policy-users">
                {is_default.then(|| tx(
                    "Het standaardbeleid: voor elke klant zonder eigen profiel waarop geen regel past. ",
                    "The default policy: for every customer without a profile of its own that no rule matches. ",
                ))}
                {tx("Krijgen dit beleid nu: ", "Get this policy now: ")}
                {who}
            </p>
            <div class="table-wrap">
                <table class="data dunning-steps" data-testid="policy-steps">
                    <thead>
                        <tr>
                            <th>{tx("Stap", "Step")}</th>
                            <th>{tx("Wanneer", "When")}</th>
                            <th>{tx("Dagen", "Days")}</th>
                            <th>{tx("Kanaal", "Channel")}</th>
                            <th>{tx("Wie", "Who")}</th>
                            <th>{tx("Min. bedrag", "Min. amount")}</th>
                            <th>{tx("Termijn (dagen)", "Deadline (days)")}</th>
                            <th>{tx("Rente", "Interest")}</th>
                            <th>{tx("Kosten", "Costs")}</th>
                            <th>{tx("Vergoeding", "Fee")}</th>
                            <th>{tx("Alleen in de buurt", "Nearby only")}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.key let:row>
                            <tr data-testid="step-row" data-kind=row.stored.with_value(|s| s.kind.key())>
                                <td>{move || state.lang().step_kind(row.stored.with_value(|s| s.kind))}</td>
                                <td data-testid="step-when">
                                    {move || {
                                        let lang = state.lang();
                                        let base = row.stored.with_value(|s| s.base);
                                        match row.offset.get().trim().trim_start_matches('+').parse::<i32>() {
                                            Ok(v) => when_text(lang, base, v),
                                            Err(_) => format!("{} …", base_name(lang, base)),
                                        }
                                    }}
                                </td>
                                <td>
                                    <input
                                        type="text"
                                        inputmode="numeric"
                                        size="4"
                                        autocomplete="off"
                                        data-testid="step-offset"
                                        aria-label=tx("Dagen", "Days")
                                        prop:value=move || row.offset.get()
                                        on:input=move |ev| row.offset.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <select
                                        data-testid="step-channel"
                                        aria-label=tx("Kanaal", "Channel")
                                        prop:value=move || row.channel.get()
                                        on:change=move |ev| row.channel.set(event_target_value(&ev))
                                    >
                                        {move || channel_options(state.lang(), &row.channel.get_untracked())}
                                    </select>
                                </td>
                                <td>
                                    <select
                                        data-testid="step-level"
                                        aria-label=tx("Medewerker", "Collector")
                                        prop:value=move || row.level.get()
                                        on:change=move |ev| row.level.set(event_target_value(&ev))
                                    >
                                        {move || level_options(state.lang(), &row.level.get_untracked())}
                                    </select>
                                </td>
                                <td>
                                    <input
                                        type="text"
                                        inputmode="decimal"
                                        size="7"
                                        autocomplete="off"
                                        data-testid="step-min-amount"
                                        aria-label=tx("Minimumbedrag", "Minimum amount")
                                        prop:value=move || row.min_amount.get()
                                        on:input=move |ev| row.min_amount.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="text"
                                        inputmode="numeric"
                                        size="4"
                                        autocomplete="off"
                                        data-testid="step-deadline"
                                        aria-label=tx("Betaaltermijn (dagen)", "Payment deadline (days)")
                                        prop:value=move || row.deadline.get()
                                        on:input=move |ev| row.deadline.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="checkbox"
                                        data-testid="step-interest"
                                        aria-label=tx("Rente aankondigen", "Announce interest")
                                        prop:checked=move || row.interest.get()
                                        on:change=move |ev| row.interest.set(event_target_checked(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="checkbox"
                                        data-testid="step-costs"
                                        aria-label=tx("Kosten aankondigen", "Announce costs")
                                        prop:checked=move || row.costs.get()
                                        on:change=move |ev| row.costs.set(event_target_checked(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="text"
                                        inputmode="decimal"
                                        size="6"
                                        autocomplete="off"
                                        data-testid="step-fee"
                                        aria-label=tx("Vergoeding", "Fee")
                                        prop:value=move || row.fee.get()
                                        on:input=move |ev| row.fee.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="checkbox"
                                        data-testid="step-nearby"
                                        aria-label=tx("Alleen klanten in de buurt", "Only customers nearby")
                                        prop:checked=move || row.nearby.get()
                                        on:change=move |ev| row.nearby.set(event_target_checked(&ev))
                                    />
                                </td>
                                <td class="num">
                                    <button
                                        type="button"
                                        class="btn small"
                                        data-testid="step-up"
                                        aria-label=tx("Stap omhoog", "Step up")
                                        on:click=move |_| rows.update(|v| {
                                            if let Some(i) = v.iter().position(|r| r.key == row.key) {
                                                move_item(v, i, true);
                                            }
                                        })
                                    >
                                        "↑"
                                    </button>
                                    <button
                                        type="button"
                                        class="btn small"
                                        data-testid="step-down"
                                        aria-label=tx("Stap omlaag", "Step down")
                                        on:click=move |_| rows.update(|v| {
                                            if let Some(i) = v.iter().position(|r| r.key == row.key) {
                                                move_item(v, i, false);
                                            }
                                        })
                                    >
                                        "↓"
                                    </button>
                                    <button
                                        type="button"
                                        class="btn small danger"
                                        data-testid="step-remove"
                                        on:click=move |_| rows.update(|v| v.retain(|r| r.key != row.key))
                                    >
                                        {tx("Verwijderen", "Remove")}
                                    </button>
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="form-grid">
                <div class="field">
                    <label>{tx("Nieuwe stap", "New step")}</label>
                    <select
                        data-testid="step-add-kind"
                        aria-label=tx("Soort stap", "Kind of step")
                        prop:value=move || add_kind.get()
                        on:change=move |ev| add_kind.set(event_target_value(&ev))
                    >
                        {move || {
                            let lang = state.lang();
                            let current = add_kind.get_untracked();
                            StepKind::ALL
                                .iter()
                                .map(|k| view! { <option value=k.key() selected=k.key() == current>{lang.step_kind(*k)}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label>{tx("Dagen na (negatief: voor)", "Days after (negative: before)")}</label>
                    <div class="input-pair">
                        <input
                            type="text"
                            inputmode="numeric"
                            autocomplete="off"
                            data-testid="step-add-offset"
                            aria-label=tx("Dagen", "Days")
                            prop:value=move || add_offset.get()
                            on:input=move |ev| add_offset.set(event_target_value(&ev))
                        />
                        <select
                            data-testid="step-add-base"
                            aria-label=tx("Geteld vanaf", "Counted from")
                            prop:value=move || add_base.get()
                            on:change=move |ev| add_base.set(event_target_value(&ev))
                        >
                            {move || {
                                let lang = state.lang();
                                let current = add_base.get_untracked();
                                BASES
                                    .iter()
                                    .map(|b| view! { <option value=base_key(*b) selected=base_key(*b) == current>{base_name(lang, *b)}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label>{tx("Kanaal", "Channel")}</label>
                    <select
                        data-testid="step-add-channel"
                        aria-label=tx("Kanaal", "Channel")
                        prop:value=move || add_channel.get()
                        on:change=move |ev| add_channel.set(event_target_value(&ev))
                    >
                        {move || channel_options(state.lang(), &add_channel.get_untracked())}
                    </select>
                </div>
            </div>
            {error_list(errors, "policy-error")}
            <div class="form-actions">
                <button type="button" class="btn small push-left" data-testid="step-add" on:click=add>
                    {tx("+ Stap", "+ Step")}
                </button>
                <button type="button" class="btn primary" data-testid="policy-save" on:click=save>
                    {tx("Beleid opslaan", "Save policy")}
                </button>
            </div>
        </div>
    }
}

/// One rule row of the rules form, with its own signals (`key` keeps the row's inputs when
/// rows move or are removed).
#[derive(Clone, Copy)]
struct RuleRow {
    key: usize,
    policy: RwSignal<String>,
    grades: RwSignal<Vec<String>>,
    score_below: RwSignal<String>,
    risk_levels: RwSignal<Vec<RiskLevel>>,
    kind: RwSignal<String>,
    open_at_least: RwSignal<String>,
}

impl RuleRow {
    fn input(&self) -> RuleInput {
        RuleInput {
            policy: self.policy.get_untracked(),
            grades: self.grades.get_untracked(),
            score_below: self.score_below.get_untracked(),
            risk_levels: self.risk_levels.get_untracked(),
            kind: self.kind.get_untracked(),
            open_at_least: self.open_at_least.get_untracked(),
        }
    }
}

/// The policy options, with `current` selected.
fn policy_options(policies: &[Policy], current: &str) -> impl IntoView {
    policies
        .iter()
        .map(|p| view! { <option value=p.id.clone() selected=p.id == current>{p.name.clone()}</option> })
        .collect_view()
}

/// The assignment rules and the default policy: one form, one save. Built from the settings as
/// stored (rebuilt by the card after a save, an undo or another tab).
#[component]
fn RulesForm(stored: DunningSettings) -> impl IntoView {
    let state = use_state();
    let lang0 = state.lang_untracked();
    let policies = Memo::new(move |_| state.ledger.with(|l| l.settings.dunning.policies.clone()));
    let next_key = StoredValue::new(0usize);
    let make_row = move |r: &AssignRule| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let i = rule_input(lang0, r);
        RuleRow {
            key,
            policy: RwSignal::new(i.policy),
            grades: RwSignal::new(i.grades),
            score_below: RwSignal::new(i.score_below),
            risk_levels: RwSignal::new(i.risk_levels),
            kind: RwSignal::new(i.kind),
            open_at_least: RwSignal::new(i.open_at_least),
        }
    };
    let rows = RwSignal::new(stored.rules.iter().map(make_row).collect::<Vec<_>>());
    let default_policy = RwSignal::new(stored.default_policy.clone());
    let errors = RwSignal::new(Vec::<String>::new());
    let numbers = Memo::new(move |_| rows.with(|v| v.iter().map(|r| r.key).collect::<Vec<_>>()));
    let number_of = move |key: usize| numbers.with(|v| v.iter().position(|k| *k == key).map_or(0, |i| i + 1));
    let shift = move |key: usize, up: bool| {
        rows.update(|v| {
            if let Some(i) = v.iter().position(|r| r.key == key) {
                move_item(v, i, up);
            }
        });
    };
    let add = move |_| {
        let first = default_policy.get_untracked();
        rows.update(|v| v.push(make_row(&new_rule(&first))));
    };

    let save = move |_| {
        let lang = state.lang_untracked();
        let typed: Vec<RuleInput> = rows.with_untracked(|v| v.iter().map(RuleRow::input).collect());
        // Checked against the settings as stored now; only the rules and the default change.
        let now = state.ledger.with_untracked(|l| l.settings.dunning.clone());
        let next = match rules_from_input(lang, &now, &typed, &default_policy.get_untracked()) {
            Ok(s) => s,
            Err(list) => return errors.set(list),
        };
        match state.commit(move |l| {
            let d = &mut l.settings.dunning;
            d.rules = next.rules.clone();
            d.default_policy = next.default_policy.clone();
            d.validate()
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                state.success(lang.tr("Regels opgeslagen.", "Rules saved.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };

    view! {
        <div class="dunning-rules" data-testid="dunning-rules">
            <h3>{tx("Wie krijgt welk beleid", "Who gets which policy")}</h3>
            <p class="hint">
                {tx(
                    "Een klant met een profiel krijgt het beleid met die naam; anders telt de eerste regel die past (de volgorde telt: zet de strengste regel bovenaan); past er geen, dan het standaardbeleid. Binnen een regel moet alles wat is ingevuld kloppen; niets aangevinkt of leeg betekent: maakt niet uit.",
                    "A customer with a profile gets the policy of that name; otherwise the first matching rule counts (the order matters: put the strictest rule on top); when none matches, the default policy. Within a rule everything filled in must hold; nothing ticked or empty means: any.",
                )}
            </p>
            <For each=move || rows.get() key=|r| r.key let:row>
                <fieldset class="dunning-rule" data-testid="rule-row">
                    <legend>
                        {move || format!("{} {}", state.lang().tr("Regel", "Rule"), number_of(row.key))}
                    </legend>
                    <p class="hint" data-testid="rule-summary">
                        {move || {
                            let lang = state.lang();
                            match rule_from_input(lang, "", &policies.get(), &row.input_tracked()) {
                                Ok(r) => policies.with(|p| rule_text(lang, &r, p)),
                                Err(_) => "…".to_string(),
                            }
                        }}
                    </p>
                    <div class="form-grid">
                        <div class="field">
                            <label>{tx("Beleid", "Policy")}</label>
                            <select
                                data-testid="rule-policy"
                                aria-label=tx("Beleid", "Policy")
                                prop:value=move || row.policy.get()
                                on:change=move |ev| row.policy.set(event_target_value(&ev))
                            >
                                {move || policies.with(|p| policy_options(p, &row.policy.get_untracked()))}
                            </select>
                        </div>
                        <div class="field">
                            <label>{tx("Betaalklasse", "Payment grade")}</label>
                            <div class="check-row">
                                {GRADES
                                    .iter()
                                    .map(|g| {
                                        let g = g.to_string();
                                        let key = if g.is_empty() { "none".to_string() } else { g.clone() };
                                        let (g1, g2) = (g.clone(), g.clone());
                                        view! {
                                            <label class="check">
                                                <input
                                                    type="checkbox"
                                                    data-testid=format!("rule-grade-{key}")
                                                    prop:checked=move || row.grades.with(|v| v.contains(&g1))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        row.grades.update(|v| {
                                                            v.retain(|x| *x != g2);
                                                            if on {
                                                                v.push(g2.clone());
                                                            }
                                                        });
                                                    }
                                                />
                                                {move || grade_name(state.lang(), &g)}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </div>
                        <div class="field">
                            <label>{tx("Externe score lager dan", "External score below")}</label>
                            <input
                                type="text"
                                inputmode="numeric"
                                autocomplete="off"
                                data-testid="rule-score"
                                aria-label=tx("Externe score lager dan", "External score below")
                                prop:value=move || row.score_below.get()
                                on:input=move |ev| row.score_below.set(event_target_value(&ev))
                            />
                            <p class="hint">{tx("Leeg: telt niet mee.", "Empty: not used.")}</p>
                        </div>
                        <div class="field">
                            <label>{tx("Risico", "Risk")}</label>
                            <div class="check-row">
                                {RiskLevel::ALL
                                    .iter()
                                    .map(|l| {
                                        let l = *l;
                                        view! {
                                            <label class="check">
                                                <input
                                                    type="checkbox"
                                                    data-testid=format!("rule-risk-{}", risk_key(l))
                                                    prop:checked=move || row.risk_levels.with(|v| v.contains(&l))
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        row.risk_levels.update(|v| {
                                                            v.retain(|x| *x != l);
                                                            if on {
                                                                v.push(l);
                                                            }
                                                        });
                                                    }
                                                />
                                                {move || state.lang().risk_level_name(l)}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </div>
                        <div class="field">
                            <label>{tx("Soort klant", "Kind of customer")}</label>
                            <select
                                data-testid="rule-kind"
                                aria-label=tx("Soort klant", "Kind of customer")
                                prop:value=move || row.kind.get()
                                on:change=move |ev| row.kind.set(event_target_value(&ev))
                            >
                                {move || {
                                    let lang = state.lang();
                                    let current = row.kind.get_untracked();
                                    [None, Some(CustomerKind::Business), Some(CustomerKind::Consumer)]
                                        .into_iter()
                                        .map(|k| {
                                            let name = match k {
                                                None => lang.tr("Alle klanten", "Any customer"),
                                                Some(k) => lang.customer_kind(k),
                                            };
                                            view! { <option value=kind_key(k) selected=kind_key(k) == current>{name}</option> }
                                        })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                        <div class="field">
                            <label>{tx("Openstaand minstens", "Open at least")}</label>
                            <input
                                type="text"
                                inputmode="decimal"
                                autocomplete="off"
                                data-testid="rule-open"
                                aria-label=tx("Openstaand minstens", "Open at least")
                                prop:value=move || row.open_at_least.get()
                                on:input=move |ev| row.open_at_least.set(event_target_value(&ev))
                            />
                            <p class="hint">{tx("Leeg: telt niet mee.", "Empty: not used.")}</p>
                        </div>
                    </div>
                    <div class="form-actions">
                        <button
                            type="button"
                            class="btn small"
                            data-testid="rule-up"
                            disabled=move || number_of(row.key) <= 1
                            on:click=move |_| shift(row.key, true)
                        >
                            {tx("↑ Omhoog", "↑ Up")}
                        </button>
                        <button
                            type="button"
                            class="btn small"
                            data-testid="rule-down"
                            disabled=move || number_of(row.key) >= numbers.with(Vec::len)
                            on:click=move |_| shift(row.key, false)
                        >
                            {tx("↓ Omlaag", "↓ Down")}
                        </button>
                        <button
                            type="button"
                            class="btn small danger"
                            data-testid="rule-remove"
                            on:click=move |_| rows.update(|v| v.retain(|r| r.key != row.key))
                        >
                            {tx("Verwijderen", "Remove")}
                        </button>
                    </div>
                </fieldset>
            </For>
            <div class="form-grid">
                <div class="field">
                    <label for="f-dunning-default">{tx("Standaardbeleid (past er geen regel)", "Default policy (when no rule matches)")}</label>
                    <select
                        id="f-dunning-default"
                        data-testid="rules-default"
                        prop:value=move || default_policy.get()
                        on:change=move |ev| default_policy.set(event_target_value(&ev))
                    >
                        {move || policies.with(|p| policy_options(p, &default_policy.get_untracked()))}
                    </select>
                </div>
            </div>
            {error_list(errors, "rules-error")}
            <div class="form-actions">
                <button type="button" class="btn small push-left" data-testid="rule-add" on:click=add>
                    {tx("+ Regel", "+ Rule")}
                </button>
                <button type="button" class="btn primary" data-testid="rules-save" on:click=save>
                    {tx("Regels opslaan", "Save rules")}
                </button>
            </div>
        </div>
    }
}

impl RuleRow {
    /// The typed fields, tracked (for the live summary).
    fn input_tracked(&self) -> RuleInput {
        RuleInput {
            policy: self.policy.get(),
            grades: self.grades.get(),
            score_below: self.score_below.get(),
            risk_levels: self.risk_levels.get(),
            kind: self.kind.get(),
            open_at_least: self.open_at_least.get(),
        }
    }
}

#[component]
fn ThresholdsForm(stored: DunningSettings) -> impl IntoView {
    let state = use_state();
    let start = thresholds_input(state.lang_untracked(), &stored);
    let fields: Vec<RwSignal<String>> = start.into_iter().map(RwSignal::new).collect();
    let errors = RwSignal::new(Vec::<String>::new());
    let f = StoredValue::new(fields.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang_untracked();
        let typed: Vec<String> = f.with_value(|v| v.iter().map(|s| s.get_untracked()).collect());
        // Checked against the settings as stored now; only the thresholds are taken over.
        let now = state.ledger.with_untracked(|l| l.settings.dunning.clone());
        let next = match thresholds_from_input(lang, &now, &typed) {
            Ok(s) => s,
            Err(list) => return errors.set(list),
        };
        match state.commit(move |l| {
            let d = &mut l.settings.dunning;
            for t in &THRESHOLDS {
                (t.set)(d, (t.get)(&next));
            }
            d.promise_grace_days = next.promise_grace_days;
            d.validate()
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                state.success(lang.tr("Grenzen opgeslagen.", "Thresholds saved.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };
    let defaults = DunningSettings::default();
    let labels: Vec<(&'static str, (&'static str, &'static str), String)> = THRESHOLDS
        .iter()
        .map(|t| (t.key, t.label, decimal_text(Lang::Nl, (t.get)(&defaults))))
        .chain(std::iter::once(("dunning-grace-days", GRACE_LABEL, defaults.promise_grace_days.to_string())))
        .collect();
    let inputs = labels
        .into_iter()
        .zip(fields)
        .map(|((key, label, default), value)| {
            let id = format!("f-{key}");
            view! {
                <div class="field">
                    <label for=id.clone()>{tx(label.0, label.1)}</label>
                    <input
                        id=id
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        data-testid=key
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                    <p class="hint">{tx("Standaard: ", "Default: ")}{default}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <form novalidate data-testid="dunning-thresholds" on:submit=save>
            <h3>{tx("Kanaal en medewerker naar bedrag", "Channel and collector by amount")}</h3>
            <p class="hint">
                {tx(
                    "Bij herinneringen en aanmaningen per e-mail of brief kiest het openstaande bedrag het kanaal; het bedrag kan ook de medewerker verhogen.",
                    "For reminders and dunning letters by e-mail or letter, the open amount chooses the channel; the amount can also raise the collector.",
                )}
            </p>
            <div class="form-grid">{inputs}</div>
            {error_list(errors, "thresholds-error")}
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="thresholds-save">
                    {tx("Grenzen opslaan", "Save thresholds")}
                </button>
            </div>
        </form>
    }
}

/// The profiles (policies): add one (empty or as a copy), rename, remove. Each row shows how many
/// customers get the policy now, so a profile is never removed unseen.
#[component]
fn ProfilesForm(policies: Vec<Policy>, default_id: String, users: Memo<HashMap<String, (usize, Vec<String>)>>) -> impl IntoView {
    let state = use_state();
    let errors = RwSignal::new(Vec::<String>::new());
    let new_name = RwSignal::new(String::new());
    let copy_of = RwSignal::new(policies.first().map(|p| p.id.clone()).unwrap_or_default());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang_untracked();
        let name = new_name.get_untracked();
        let from = copy_of.get_untracked();
        match state.commit(move |l| {
            let from = (!from.is_empty()).then_some(from.as_str());
            l.settings.dunning.add_policy(&name, from).map(|_| ())
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                new_name.set(String::new());
                state.success(lang.tr("Profiel toegevoegd: stel hieronder de stappen in.", "Profile added: set its steps below.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };
    let options = policies.clone();
    let rows = policies
        .into_iter()
        .map(|p| {
            let name = RwSignal::new(p.name.clone());
            let id = StoredValue::new(p.id.clone());
            let is_default = p.id == default_id;
            let rename = move |_| {
                let lang = state.lang_untracked();
                let typed = name.get_untracked();
                match state.commit(move |l| l.rename_policy(&id.get_value(), &typed).map(|_| ())) {
                    Ok(()) => {
                        errors.set(Vec::new());
                        state.success(lang.tr("Naam opgeslagen.", "Name saved.").into());
                    }
                    Err(e) => errors.set(vec![e.message(lang)]),
                }
            };
            let remove = move |_| {
                let lang = state.lang_untracked();
                let id = id.get_value();
                let count = users.with_untracked(|u| u.get(&id).map_or(0, |u| u.0));
                let title = format!("{} '{}'?", lang.tr("Profiel verwijderen:", "Remove profile:"), name.get_untracked());
                let body = match lang {
                    Lang::Nl => format!("{count} klant(en) krijgen nu dit beleid; zij krijgen daarna een beleid volgens de regels. Je kunt dit ongedaan maken."),
                    Lang::En => format!("{count} customer(s) get this policy now; they will get a policy by the rules instead. You can undo this."),
                };
                state.ask(title, body, lang.tr("Verwijderen", "Remove").into(), true, move || {
                    let lang = state.lang_untracked();
                    let id = id.clone();
                    if let Err(e) = state.commit_undoable(lang.tr("Profiel verwijderd.", "Profile removed.").into(), move |l| {
                        l.settings.dunning.remove_policy(&id)
                    }) {
                        errors.set(vec![e.message(lang)]);
                    }
                });
            };
            let count_id = p.id.clone();
            view! {
                <tr data-testid="profile-row" data-policy=p.id.clone()>
                    <td>
                        <input
                            type="text"
                            autocomplete="off"
                            data-testid="profile-name"
                            aria-label=tx("Naam van het profiel", "Name of the profile")
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                        />
                    </td>
                    <td class="muted">{p.id.clone()}</td>
                    <td class="num" data-testid="profile-count">{move || users.with(|u| u.get(&count_id).map_or(0, |u| u.0))}</td>
                    <td>{is_default.then(|| view! { <span class="badge info">{tx("standaard", "default")}</span> })}</td>
                    <td class="num">
                        <button type="button" class="btn small" data-testid="profile-rename" on:click=rename>{tx("Naam opslaan", "Save name")}</button>
                        <button type="button" class="btn small danger" data-testid="profile-remove" on:click=remove>{tx("Verwijderen", "Remove")}</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="dunning-profiles" data-testid="dunning-profiles">
            <h3>{tx("Profielen", "Profiles")}</h3>
            <p class="hint">
                {tx(
                    "Elk profiel heeft een eigen beleid. Een klant krijgt een profiel via het veld Profiel op de klantkaart of via de regels hieronder. Het id blijft bij een nieuwe naam gelijk.",
                    "Each profile has a policy of its own. A customer gets a profile through the Profile field on the customer card or through the rules below. The id stays the same when the name changes.",
                )}
            </p>
            <div class="table-wrap">
                <table class="data">
                    <thead>
                        <tr>
                            <th>{tx("Naam", "Name")}</th>
                            <th>"Id"</th>
                            <th class="num">{tx("Klanten nu", "Customers now")}</th>
                            <th></th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form novalidate class="form-grid" data-testid="profile-add" on:submit=add>
                <div class="field">
                    <label for="f-profile-new">{tx("Nieuw profiel", "New profile")}</label>
                    <input
                        id="f-profile-new"
                        type="text"
                        autocomplete="off"
                        data-testid="profile-new-name"
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="f-profile-copy">{tx("Stappen overnemen van", "Copy the steps of")}</label>
                    <select
                        id="f-profile-copy"
                        data-testid="profile-copy-of"
                        prop:value=move || copy_of.get()
                        on:change=move |ev| copy_of.set(event_target_value(&ev))
                    >
                        {options
                            .iter()
                            .map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> })
                            .collect_view()}
                        <option value="">{tx("(geen: leeg beleid)", "(none: an empty policy)")}</option>
                    </select>
                </div>
                <div class="field field-button">
                    <button type="submit" class="btn" data-testid="profile-add-button">{tx("Profiel toevoegen", "Add profile")}</button>
                </div>
            </form>
            {error_list(errors, "profiles-error")}
        </div>
    }
}

/// The collection agency the hand-over letter is addressed to.
#[component]
fn AgencyForm(stored: crate::domain::Agency) -> impl IntoView {
    let state = use_state();
    let values = [
        stored.name.clone(),
        stored.contact.clone(),
        stored.address.street.clone(),
        stored.address.postcode.clone(),
        stored.address.city.clone(),
        stored.email.clone(),
    ]
    .map(RwSignal::new);
    let errors = RwSignal::new(Vec::<String>::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = state.lang_untracked();
        let [name, contact, street, postcode, city, email] = values.map(|v| v.get_untracked().trim().to_string());
        let agency = crate::domain::Agency {
            name,
            contact,
            address: crate::domain::Address { street, postcode, city },
            email,
        };
        match state.commit(move |l| {
            l.settings.dunning.agency = agency.clone();
            Ok(())
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                state.success(lang.tr("Incassobureau opgeslagen.", "Collection agency saved.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };
    const LABELS: [(&str, &str, &str); 6] = [
        ("agency-name", "Naam", "Name"),
        ("agency-contact", "T.a.v.", "Attn."),
        ("agency-street", "Adres", "Address"),
        ("agency-postcode", "Postcode", "Postcode"),
        ("agency-city", "Plaats", "City"),
        ("agency-email", "E-mail", "E-mail"),
    ];
    let inputs = LABELS
        .iter()
        .zip(values)
        .map(|((key, nl, en), value)| {
            let id = format!("f-{key}");
            view! {
                <div class="field">
                    <label for=id.clone()>{tx(nl, en)}</label>
                    <input
                        id=id
                        type="text"
                        autocomplete="off"
                        data-testid=*key
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <form novalidate data-testid="dunning-agency" on:submit=save>
            <h3>{tx("Incassobureau", "Collection agency")}</h3>
            <p class="hint">
                {tx(
                    "De overdrachtsbrief is aan dit bureau (of deze advocaat) gericht.",
                    "The hand-over letter is addressed to this agency (or lawyer).",
                )}
            </p>
            <div class="form-grid">{inputs}</div>
            {error_list(errors, "agency-error")}
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="agency-save">{tx("Incassobureau opslaan", "Save collection agency")}</button>
            </div>
        </form>
    }
}

fn lang_from_code(code: &str) -> Lang {
    if code == "en" {
        Lang::En
    } else {
        Lang::Nl
    }
}

#[component]
fn TemplateEditor() -> impl IntoView {
    let state = use_state();
    let kind = RwSignal::new(StepKind::Reminder.key().to_string());
    let text_lang = RwSignal::new(state.lang_untracked().code().to_string());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let own = Memo::new(move |_| {
        let (k, code) = (StepKind::from_key(&kind.get()), text_lang.get());
        state.ledger.with(|l| l.settings.dunning.templates.iter().find(|t| Some(t.kind) == k && t.lang == code).cloned())
    });
    // The text shown: loaded when the step or language changes, or the stored text does (a
    // save, a reset, an undo, another tab).
    Effect::new(move |_| {
        let Some(k) = StepKind::from_key(&kind.get()) else { return };
        let lang = lang_from_code(&text_lang.get());
        let (s, b) = match own.get() {
            Some(t) => (t.subject, t.body),
            None => {
                let (s, b) = texts::builtin(k, lang, false, false);
                (s.to_string(), b.to_string())
            }
        };
        subject.set(s);
        body.set(b);
        errors.set(Vec::new());
    });
    let values = Memo::new(move |_| {
        let lang = lang_from_code(&text_lang.get());
        let today = state.today();
        state.ledger.with(|l| preview_values(l, lang, today))
    });
    let problems = Memo::new(move |_| template_problems(state.lang(), &subject.get(), &body.get()));
    let preview = move |text: String| values.with(|(v, _)| texts::render(&text, v).unwrap_or_default());

    let save = move |_| {
        let lang = state.lang_untracked();
        let Some(k) = StepKind::from_key(&kind.get_untracked()) else { return };
        let list = template_problems(lang, &subject.get_untracked(), &body.get_untracked());
        if !list.is_empty() {
            return errors.set(list);
        }
        if body.get_untracked().trim().is_empty() {
            return errors.set(vec![lang.tr("De tekst is leeg.", "The body is empty.").into()]);
        }
        let t = TemplateText { kind: k, lang: text_lang.get_untracked(), subject: subject.get_untracked(), body: body.get_untracked() };
        match state.commit(move |l| {
            l.settings.dunning.templates = with_template(&l.settings.dunning.templates, t.clone());
            l.settings.dunning.validate()
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                state.success(lang.tr("Tekst opgeslagen.", "Text saved.").into());
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };
    let reset = move |_| {
        let lang = state.lang_untracked();
        let Some(k) = StepKind::from_key(&kind.get_untracked()) else { return };
        let code = text_lang.get_untracked();
        let message = lang.tr("De standaardtekst geldt weer.", "The standard text applies again.").to_string();
        if let Err(e) = state.commit_undoable(message, move |l| {
            l.settings.dunning.templates = without_template(&l.settings.dunning.templates, k, &code);
            Ok(())
        }) {
            errors.set(vec![e.message(lang)]);
        }
    };

    view! {
        <div class="dunning-templates" data-testid="dunning-templates">
            <h3>{tx("Teksten", "Texts")}</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="f-template-step">{tx("Stap", "Step")}</label>
                    <select
                        id="f-template-step"
                        data-testid="template-step"
                        prop:value=move || kind.get()
                        on:change=move |ev| kind.set(event_target_value(&ev))
                    >
                        {move || {
                            let lang = state.lang();
                            let current = kind.get_untracked();
                            StepKind::ALL
                                .iter()
                                .map(|k| view! { <option value=k.key() selected=k.key() == current>{lang.step_kind(*k)}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="f-template-lang">{tx("Taal van de tekst", "Language of the text")}</label>
                    <select
                        id="f-template-lang"
                        data-testid="template-lang"
                        prop:value=move || text_lang.get()
                        on:change=move |ev| text_lang.set(event_target_value(&ev))
                    >
                        <option value="nl" selected=move || text_lang.get() == "nl">{tx("Nederlands", "Dutch")}</option>
                        <option value="en" selected=move || text_lang.get() == "en">{tx("Engels", "English")}</option>
                    </select>
                </div>
            </div>
            <p class="hint" data-testid="template-origin">
                {move || {
                    if own.with(Option::is_some) {
                        tx("Je eigen tekst.", "Your own text.")()
                    } else {
                        tx("De standaardtekst.", "The standard text.")()
                    }
                }}
                " "
                {tx(
                    "Voor Nederlandse consumenten (veertiendagenbrief) en de eerste herinnering aan Belgische consumenten geldt altijd de wettelijke standaardtekst.",
                    "For Dutch consumers (the 14-day letter) and the first reminder to Belgian consumers the statutory standard text always applies.",
                )}
            </p>
            <div class="split">
                <div>
                    <div class="field">
                        <label for="f-template-subject">{tx("Onderwerp", "Subject")}</label>
                        <input
                            id="f-template-subject"
                            type="text"
                            autocomplete="off"
                            data-testid="template-subject"
                            prop:value=move || subject.get()
                            on:input=move |ev| subject.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="f-template-body">{tx("Tekst", "Body")}</label>
                        <textarea
                            id="f-template-body"
                            rows="16"
                            data-testid="template-body"
                            prop:value=move || body.get()
                            on:input=move |ev| body.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    {move || {
                        problems.with(|list| {
                            (!list.is_empty()).then(|| {
                                let items = list.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view();
                                view! {
                                    <div class="notice warn" data-testid="template-problems">
                                        <ul class="error-list">{items}</ul>
                                    </div>
                                }
                            })
                        })
                    }}
                    {error_list(errors, "template-error")}
                    <div class="form-actions">
                        <button
                            type="button"
                            class="btn push-left"
                            data-testid="template-reset"
                            disabled=move || own.with(Option::is_none)
                            on:click=reset
                        >
                            {tx("Terug naar standaardtekst", "Back to the standard text")}
                        </button>
                        <button type="button" class="btn primary" data-testid="template-save" on:click=save>
                            {tx("Opslaan", "Save")}
                        </button>
                    </div>
                    <h4>{tx("Voorbeeld", "Preview")}</h4>
                    <p class="hint" data-testid="template-preview-who">
                        {move || {
                            let lang = state.lang();
                            match values.with(|(_, who)| who.clone()) {
                                Some(name) => format!(
                                    "{} {name}",
                                    lang.tr("Ingevuld voor de klant met het hoogste achterstallige bedrag:", "Filled in for the customer with the largest overdue amount:")
                                ),
                                None => lang.tr("Ingevuld met voorbeeldwaarden.", "Filled in with sample values.").to_string(),
                            }
                        }}
                    </p>
                    <div class="letter-sheet">
                        <p data-testid="template-preview-subject">
                            <strong>{move || preview(subject.get())}</strong>
                        </p>
                        <div class="pre" data-testid="template-preview-body">{move || preview(body.get())}</div>
                    </div>
                </div>
                <aside>
                    <h4>{tx("Invulplekken", "Placeholders")}</h4>
                    <dl data-testid="template-placeholders">
                        {move || {
                            let lang = state.lang();
                            texts::placeholders()
                                .iter()
                                .map(|p| view! {
                                    <dt><code>{format!("{{{p}}}")}</code></dt>
                                    <dd class="hint">{lang.placeholder_help(p)}</dd>
                                })
                                .collect_view()
                        }}
                    </dl>
                    <p class="hint">
                        {tx(
                            "Een regel met een lege invulplek (zoals rente die niet wordt aangekondigd) valt weg. Schrijf {{ en }} voor een accolade.",
                            "A line with an empty placeholder (such as interest that is not announced) is left out. Write {{ and }} for a brace.",
                        )}
                    </p>
                </aside>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn when_in_words() {
        use StepBase::{DueDate, InvoiceDate, PreviousStep};
        let rows = [
            (DueDate, 14, Lang::Nl, "vervaldatum + 14 dagen"),
            (DueDate, 1, Lang::Nl, "vervaldatum + 1 dag"),
            (DueDate, 0, Lang::Nl, "op de vervaldatum"),
            (DueDate, -5, Lang::Nl, "5 dagen voor de vervaldatum"),
            (DueDate, 7, Lang::En, "due date + 7 days"),
            (DueDate, -1, Lang::En, "1 day before the due date"),
            (InvoiceDate, 3, Lang::Nl, "3 dagen na factuurdatum"),
            (InvoiceDate, 0, Lang::En, "on the invoice date"),
            (InvoiceDate, 2, Lang::En, "2 days after the invoice date"),
            (PreviousStep, 8, Lang::Nl, "8 dagen na de vorige stap"),
            (PreviousStep, 8, Lang::En, "8 days after the previous step"),
            (PreviousStep, 0, Lang::Nl, "dezelfde dag als de vorige stap"),
        ];
        for (base, offset, lang, expected) in rows {
            assert_eq!(when_text(lang, base, offset), expected, "{base:?} {offset} {lang:?}");
        }
    }

    #[test]
    fn keys_round_trip() {
        for c in Channel::ALL {
            assert_eq!(channel_from_key(channel_key(c)), Some(c));
        }
        for b in BASES {
            assert_eq!(base_from_key(base_key(b)), Some(b));
        }
        for l in LEVELS {
            assert_eq!(level_from_key(level_key(l)), Some(l));
        }
        for k in [None, Some(CustomerKind::Business), Some(CustomerKind::Consumer)] {
            assert_eq!(kind_from_key(kind_key(k)), Some(k));
        }
        assert_eq!(level_from_key("boss"), None);
        assert_eq!(kind_from_key("person"), None);
        assert_eq!(channel_from_key("fax"), None);
        assert_eq!(base_from_key(""), None);
    }

    #[test]
    fn steps_round_trip_through_the_form() {
        for lang in [Lang::Nl, Lang::En] {
            for p in DunningSettings::default().policies {
                for s in &p.steps {
                    assert_eq!(step_from_input(lang, "x", s, &step_input(lang, s)), Ok(s.clone()));
                }
            }
        }
        let reminder = Policy::standard().steps[3].clone();
        assert_eq!(step_input(Lang::Nl, &Step { min_amount: dec("12.5"), ..reminder.clone() }).min_amount, "12,5");
    }

    #[test]
    fn step_form_edits_and_reports_every_problem() {
        let stored = Step { fee: dec("15"), ..Policy::standard().steps[3].clone() };
        let input = |offset: &str, channel: &str, min: &str, deadline: &str| StepInput {
            offset: offset.into(),
            channel: channel.into(),
            min_amount: min.into(),
            deadline: deadline.into(),
            interest: true,
            costs: true,
            fee: "15".into(),
            level: "senior".into(),
            nearby: false,
        };
        let s = step_from_input(Lang::Nl, "Stap 4 (Herinnering)", &stored, &input(" +10", "letter", "1.000,50", "14")).unwrap();
        assert_eq!((s.offset_days, s.channel, s.min_amount, s.deadline_days), (10, Channel::Letter, dec("1000.50"), 14));
        assert!(s.announce_interest && s.announce_costs);
        assert_eq!((s.fee, s.level, s.kind, s.base), (stored.fee, CollectorLevel::Senior, stored.kind, stored.base), "the rest is kept");
        let s = step_from_input(Lang::Nl, "x", &stored, &StepInput { fee: "12,50".into(), level: "owner".into(), nearby: true, ..input("7", "email", "0", "7") }).unwrap();
        assert_eq!((s.fee, s.level, s.nearby_only), (dec("12.50"), CollectorLevel::Owner, true));
        let errors = step_from_input(Lang::Nl, "Stap 1 (Bezoek)", &stored, &StepInput { fee: "-1".into(), level: "baas".into(), ..input("7", "email", "0", "7") }).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("Stap 1 (Bezoek), vergoeding: '-1' is geen bedrag van 0 of meer"), "{errors:?}");
        assert!(errors[1].starts_with("Stap 1 (Bezoek), medewerker: 'baas' is geen medewerker"), "{errors:?}");
        assert_eq!(step_from_input(Lang::En, "x", &stored, &input("-3", "email", "0", "0")).unwrap().offset_days, -3);

        let rows: [(StepInput, Lang, Vec<&str>); 5] = [
            (input("tien", "email", "0", "7"), Lang::Nl, vec!["Stap 4 (Herinnering), dagen: 'tien' is geen geheel aantal dagen"]),
            (input("1.5", "email", "0", "7"), Lang::En, vec!["Stap 4 (Herinnering), days: '1.5' is not a whole number"]),
            (input("7", "email", "-5", "7"), Lang::Nl, vec!["Stap 4 (Herinnering), minimumbedrag: '-5' is geen bedrag van 0 of meer."]),
            (input("7", "fax", "0", "400"), Lang::En, vec!["Stap 4 (Herinnering), channel: 'fax'", "Stap 4 (Herinnering), payment deadline: '400'"]),
            (input("", "email", "x", "-1"), Lang::Nl, vec!["Stap 4 (Herinnering), dagen: ''", "Stap 4 (Herinnering), minimumbedrag: 'x'", "Stap 4 (Herinnering), betaaltermijn: '-1'"]),
        ];
        for (i, lang, expected) in rows {
            let errors = step_from_input(lang, "Stap 4 (Herinnering)", &stored, &i).unwrap_err();
            assert_eq!(errors.len(), expected.len(), "{errors:?}");
            for (e, part) in errors.iter().zip(&expected) {
                assert!(e.starts_with(part), "{e:?} should start with {part:?}");
            }
        }
    }

    #[test]
    fn new_steps() {
        let s = new_step(StepKind::Visit, StepBase::DueDate, 30, Channel::Visit);
        assert!(s.nearby_only);
        assert_eq!((s.level, s.min_amount, s.deadline_days), (CollectorLevel::Junior, Decimal::ZERO, 0));
        assert_eq!(new_step(StepKind::HandOver, StepBase::PreviousStep, 8, Channel::HandOver).level, CollectorLevel::Owner);
        assert!(!new_step(StepKind::Reminder, StepBase::DueDate, 7, Channel::Email).nearby_only);
        assert_eq!(step_label(Lang::Nl, 4, StepKind::Reminder), "Stap 4 (Herinnering)");
        assert_eq!(step_label(Lang::En, 1, StepKind::FinalNotice), "Step 1 (Final notice)");
    }

    #[test]
    fn thresholds_form() {
        let d = DunningSettings::default();
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(thresholds_from_input(lang, &d, &thresholds_input(lang, &d)), Ok(d.clone()));
        }
        let typed = |v: [&str; 6]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = thresholds_from_input(Lang::Nl, &d, &typed(["1000", "5000", "2500,50", "30000", "0", "5"])).unwrap();
        assert_eq!(
            (s.email_below, s.letter_up_to, s.senior_from, s.owner_from, s.proactive_from, s.promise_grace_days),
            (dec("1000"), dec("5000"), dec("2500.50"), dec("30000"), dec("0"), 5)
        );
        assert_eq!((s.policies, s.rules, s.templates), (d.policies.clone(), d.rules.clone(), d.templates.clone()), "the rest is kept");

        let errors = thresholds_from_input(Lang::Nl, &d, &typed(["-1", "x", "1", "2", "3", "dag"])).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("E-mail bij een openstaand bedrag onder: '-1' is geen bedrag"), "{errors:?}");
        assert!(errors[1].starts_with("Brief tot en met; daarboven bellen: 'x'"), "{errors:?}");
        assert!(errors[2].starts_with("Dagen na een gebroken belofte tot het belletje: 'dag'"), "{errors:?}");
        // Readable but out of order: the rule of the settings, in the user's language.
        let errors = thresholds_from_input(Lang::En, &d, &typed(["20000", "10000", "1", "2", "3", "3"])).unwrap_err();
        assert_eq!(errors, vec![Lang::En.domain_error(&crate::domain::DomainError::ChannelThresholdsOutOfOrder)]);
    }

    #[test]
    fn templates_replace_and_remove() {
        let t = |kind: StepKind, lang: &str, subject: &str| TemplateText { kind, lang: lang.into(), subject: subject.into(), body: "b".into() };
        let list = vec![t(StepKind::Reminder, "nl", "a"), t(StepKind::Reminder, "en", "b"), t(StepKind::Call, "nl", "c")];
        let out = with_template(&list, t(StepKind::Reminder, "nl", "new"));
        assert_eq!(out.len(), 3);
        assert_eq!(out.iter().filter(|o| o.kind == StepKind::Reminder && o.lang == "nl").map(|o| o.subject.as_str()).collect::<Vec<_>>(), ["new"]);
        assert_eq!(with_template(&list, t(StepKind::Visit, "en", "v")).len(), 4);
        let out = without_template(&list, StepKind::Reminder, "en");
        assert_eq!(out, vec![list[0].clone(), list[2].clone()]);
        assert_eq!(without_template(&list, StepKind::Visit, "nl"), list);
    }

    #[test]
    fn template_problems_name_the_part_with_line_and_column() {
        assert!(template_problems(Lang::Nl, "Herinnering {reference}", "Beste {contact},\n{open_total}").is_empty());
        let p = template_problems(Lang::Nl, "Herinnering {ref}", "Beste {contact},\n\nOpen: {bedrag} en {open_total");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].starts_with("Onderwerp: Onbekende invulplek {ref} op regel 1, kolom 13"), "{p:?}");
        assert!(p[1].starts_with("Tekst: Onbekende invulplek {bedrag} op regel 3, kolom 7"), "{p:?}");
        assert!(p[2].starts_with("Tekst: De { op regel 3, kolom 19"), "{p:?}");
        assert!(template_problems(Lang::En, "", "{x}")[0].starts_with("Body: Unknown placeholder {x} on line 1, column 1"));
    }

    #[test]
    fn sample_values_fill_every_builtin_text() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let v = sample_values(lang, &Company::default(), today);
            for p in texts::placeholders() {
                if *p != "fee" {
                    assert!(!v.get(p).unwrap().is_empty(), "{p}");
                }
            }
            for k in StepKind::ALL {
                let (s, b) = texts::builtin(k, lang, false, false);
                assert!(texts::render(s, &v).is_ok() && !texts::render(b, &v).unwrap().is_empty(), "{k:?}");
            }
        }
        let empty = Ledger::default();
        let (v, who) = preview_values(&empty, Lang::Nl, today);
        assert_eq!(who, None);
        assert_eq!(v.customer, "Voorbeeld B.V.");
        assert!(policy_users(&empty, today).is_empty());
    }

    #[test]
    fn rules_in_words() {
        let d = DunningSettings::default();
        let texts: Vec<String> = d.rules.iter().map(|r| rule_text(Lang::Nl, r, &d.policies)).collect();
        assert_eq!(texts[0], "betaalklasse D → Risicovol");
        assert_eq!(texts[1], "externe score onder 40 → Risicovol");
        assert!(texts[2].starts_with("betaalklasse A, risico "), "{texts:?}");
        assert!(texts[2].ends_with("→ Goede betalers"), "{texts:?}");
    }

    #[test]
    fn move_up_and_down() {
        let rows: [(usize, bool, [u8; 3]); 6] = [
            (0, true, [1, 2, 3]),
            (1, true, [2, 1, 3]),
            (2, true, [1, 3, 2]),
            (0, false, [2, 1, 3]),
            (2, false, [1, 2, 3]),
            (7, true, [1, 2, 3]),
        ];
        for (i, up, expected) in rows {
            let mut v = [1u8, 2, 3];
            move_item(&mut v, i, up);
            assert_eq!(v, expected, "{i} {up}");
        }
        let mut empty: [u8; 0] = [];
        move_item(&mut empty, 0, false);
    }

    #[test]
    fn rules_round_trip_through_the_form() {
        let d = DunningSettings::default();
        for lang in [Lang::Nl, Lang::En] {
            let typed: Vec<RuleInput> = d.rules.iter().map(|r| rule_input(lang, r)).collect();
            assert_eq!(rules_from_input(lang, &d, &typed, &d.default_policy), Ok(d.clone()));
        }
        let r = AssignRule { open_at_least: Some(dec("1500.5")), kind: Some(CustomerKind::Consumer), ..new_rule("risicovol") };
        let i = rule_input(Lang::Nl, &r);
        assert_eq!((i.open_at_least.as_str(), i.kind.as_str(), i.score_below.as_str()), ("1500,5", "consumer", ""));
        assert_eq!(rule_from_input(Lang::Nl, "x", &d.policies, &i), Ok(r));
    }

    #[test]
    fn rule_form_edits_and_reports_every_problem() {
        let d = DunningSettings::default();
        let input = |policy: &str, grades: &[&str], score: &str, kind: &str, open: &str| RuleInput {
            policy: policy.into(),
            grades: grades.iter().map(|g| g.to_string()).collect(),
            score_below: score.into(),
            risk_levels: vec![RiskLevel::High, RiskLevel::Low],
            kind: kind.into(),
            open_at_least: open.into(),
        };
        // Grades and levels come out in their fixed order; blanks are "not used".
        let r = rule_from_input(Lang::Nl, "Regel 1", &d.policies, &input("risicovol", &["", "C", "A"], " 55 ", "business", "2500")).unwrap();
        assert_eq!(r.grades, ["A", "C", ""]);
        assert_eq!(r.risk_levels, [RiskLevel::Low, RiskLevel::High]);
        assert_eq!((r.score_below, r.kind, r.open_at_least), (Some(55), Some(CustomerKind::Business), Some(dec("2500"))));
        let r = rule_from_input(Lang::En, "Rule 1", &d.policies, &input("standaard", &[], "", "", " ")).unwrap();
        assert_eq!((r.score_below, r.kind, r.open_at_least), (None, None, None));

        let rows: [(RuleInput, Lang, Vec<&str>); 4] = [
            (input("risicovol", &[], "150", "", ""), Lang::Nl, vec!["Regel 2, externe score lager dan: '150' is geen geheel getal van 0 tot en met 100."]),
            (input("risicovol", &[], "-1", "", "-5"), Lang::En, vec!["Regel 2, external score below: '-1'", "Regel 2, open at least: '-5' is not an amount"]),
            (input("streng", &[], "", "alien", "veel"), Lang::Nl, vec!["Regel 2, beleid: 'streng' is geen beleid", "Regel 2, soort klant: 'alien'", "Regel 2, openstaand minstens: 'veel'"]),
            (input("risicovol", &[], "4,5", "", ""), Lang::Nl, vec!["Regel 2, externe score lager dan: '4,5'"]),
        ];
        for (i, lang, expected) in rows {
            let errors = rule_from_input(lang, "Regel 2", &d.policies, &i).unwrap_err();
            assert_eq!(errors.len(), expected.len(), "{errors:?}");
            for (e, part) in errors.iter().zip(&expected) {
                assert!(e.starts_with(part), "{e:?} should start with {part:?}");
            }
        }
    }

    #[test]
    fn rules_form_numbers_the_rules_and_keeps_the_rest() {
        let d = DunningSettings { email_below: dec("100"), ..DunningSettings::default() };
        let mut typed: Vec<RuleInput> = d.rules.iter().map(|r| rule_input(Lang::Nl, r)).collect();
        typed.swap(0, 2);
        typed.push(rule_input(Lang::Nl, &AssignRule { grades: vec!["C".into()], ..new_rule("risicovol") }));
        let s = rules_from_input(Lang::Nl, &d, &typed, "goede-betalers").unwrap();
        assert_eq!(s.rules.len(), 4);
        assert_eq!((s.rules[0].policy.as_str(), s.rules[3].grades.as_slice()), ("goede-betalers", ["C".to_string()].as_slice()));
        assert_eq!(s.default_policy, "goede-betalers");
        assert_eq!((s.policies, s.templates, s.email_below), (d.policies.clone(), d.templates.clone(), d.email_below), "the rest is kept");
        // No rules at all is fine: everyone gets the default.
        assert_eq!(rules_from_input(Lang::En, &d, &[], "standaard").unwrap().rules, Vec::new());

        typed[1].score_below = "150".into();
        typed[3].open_at_least = "x".into();
        let errors = rules_from_input(Lang::Nl, &d, &typed, "weg").unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("Regel 2, externe score lager dan: '150'"), "{errors:?}");
        assert!(errors[1].starts_with("Regel 4, openstaand minstens: 'x'"), "{errors:?}");
        assert!(errors[2].starts_with("Standaardbeleid: 'weg' is geen beleid"), "{errors:?}");
        assert!(rules_from_input(Lang::En, &d, &typed, "weg").unwrap_err()[0].starts_with("Rule 2, external score below"));
    }

    #[test]
    fn grade_names() {
        assert_eq!(grade_name(Lang::Nl, ""), "nog geen cijfer");
        assert_eq!(grade_name(Lang::En, ""), "no grade yet");
        assert_eq!(grade_name(Lang::Nl, "C"), "C");
        assert_eq!(RiskLevel::ALL.map(risk_key), ["low", "medium", "high"]);
    }
}
