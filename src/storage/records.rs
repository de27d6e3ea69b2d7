//! Snapshot format v1: the explicit, compact encoding of ledger records in browser storage.
//!
//! These types are the storage boundary; they change only with a new snapshot version (and a
//! migration in `migrate.rs`). Bulk records (invoices, payments, diary entries) are JSON arrays
//! rather than objects, dates are days since 1970-01-01, a due date is stored as days after the
//! invoice date, and EUR is the empty currency: about half the size of a readable encoding,
//! which matters with ~5 MB of `localStorage` per origin. The store then deflates each long
//! chunk (`store::pack`), which takes a ledger of 50,000 invoices to well under half the quota.
//!
//! Fields added later in version 1 (the law, risk and dunning settings in the base record, a
//! customer's contract terms) are optional and left out while they hold their defaults: older
//! snapshots load with the defaults, and a ledger that does not use them is stored exactly as
//! before. Later diary kinds (`l` limit set, `h` handed over, `s` dunning step skipped, `z`
//! dunning paused) are new kind letters in the same record. The user's market data (counts
//! per segment and prospects) is an optional `market` field of the base record, left out while
//! it is empty.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::domain::{
    Address, Agency, Allocation, Channel, CollectorLevel, Company, ContactOutcome, ContractCosts, ContractInterest,
    ContractTerms, Country, Currency, Customer, CustomerFlags, CustomerId, CustomerKind, DunningSettings, Event,
    EventId, EventKind, ExcuseCategory, Invoice, InvoiceId, LawSettings, LedgerSettings, Margin, Money,
    NlBusinessCosts, Payment, PaymentId, PaymentOrder, AssignRule, Policy, RateRow, RateTableKind, RiskLevel, RiskRow,
    RiskSettings, ScoreEntry, SizeClass, Step, StepBase, StepKind, TemplateText,
};
use crate::domain::{MarketCount, MarketData, Prospect, Region};

/// A record that cannot be turned back into a domain value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what}: '{value}' is not valid")]
pub struct DecodeError {
    pub what: &'static str,
    pub value: String,
}

fn bad(what: &'static str, value: impl ToString) -> DecodeError {
    DecodeError { what, value: value.to_string() }
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

pub fn day_number(d: NaiveDate) -> i32 {
    i32::try_from((d - epoch()).num_days()).unwrap_or(i32::MAX)
}

pub fn from_day_number(n: i32) -> Result<NaiveDate, DecodeError> {
    epoch().checked_add_signed(chrono::Duration::days(i64::from(n))).ok_or_else(|| bad("date", n))
}

fn dec(what: &'static str, s: &str) -> Result<Decimal, DecodeError> {
    Decimal::from_str(s).map_err(|_| bad(what, s))
}

fn cur_code(c: Currency) -> String {
    if c == Currency::EUR {
        String::new()
    } else {
        c.code().to_string()
    }
}

fn cur(s: &str) -> Result<Currency, DecodeError> {
    if s.is_empty() {
        Ok(Currency::EUR)
    } else {
        Currency::parse(s).map_err(|_| bad("currency", s))
    }
}

fn opt_id(id: Option<u32>) -> u32 {
    id.unwrap_or(0)
}

fn id_opt(n: u32) -> Option<u32> {
    (n != 0).then_some(n)
}

// ----- base: company and settings -----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaseRec {
    pub company: CompanyRec,
    pub default_term_days: u16,
    pub currency: String,
    /// The law settings; left out when they are the defaults (and absent in snapshots written
    /// before they existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<LawRec>,
    /// The risk settings; left out when they are the defaults (and absent in snapshots written
    /// before they existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<RiskRec>,
    /// The dunning settings; left out when they are the defaults (and absent in snapshots
    /// written before they existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dunning: Option<DunningRec>,
    /// The market data; left out when empty (and absent in snapshots written before it
    /// existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<MarketRec>,
}

/// `DunningSettings`. A missing field reads as its default (`#[serde(default)]` on the struct);
/// when `policies`, `rules` or `templates` is present it is the whole list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DunningRec {
    pub policies: Vec<PolicyRec>,
    pub rules: Vec<RuleRec>,
    /// The id of the policy for customers no rule matches.
    pub default: String,
    /// Amounts (decimals): e-mail below, letter up to, senior from, owner from, proactive check
    /// from.
    pub email: String,
    pub letter: String,
    pub senior: String,
    pub owner: String,
    pub proactive: String,
    /// Days after a broken promise before the call.
    pub grace: u16,
    pub templates: Vec<TemplateRec>,
    /// The collection agency: `[name, contact, street, postcode, city, e-mail]`; left out when
    /// empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agency: Vec<String>,
}

/// A policy: `{"id", "name", "steps": [StepRec, ...]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyRec {
    pub id: String,
    pub name: String,
    pub steps: Vec<StepRec>,
}

/// `[kind, base, offset days, channel, minimum amount, fee, flags, level, deadline days]`: kind
/// the step key (`StepKind::key`, e.g. "first-dunning"); base "i" invoice date, "d" due date,
/// "p" previous step; channel as in diary entries; flags the letters of what holds, in this
/// order: "i" interest announced, "c" costs announced, "n" nearby only; level "j", "s", "o".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepRec(
    pub String,
    pub String,
    pub i32,
    pub String,
    pub String,
    pub String,
    pub String,
    pub String,
    pub u16,
);

/// An assignment rule; conditions left out do not apply. `risk` holds level letters ("l", "m",
/// "h"), `kind` is "" (any), "b" or "c", `open` a decimal or "" (any).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleRec {
    pub policy: String,
    #[serde(default)]
    pub grades: Vec<String>,
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub risk: Vec<String>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub open: String,
}

/// `[step kind key, language, subject, body]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateRec(pub String, pub String, pub String, pub String);

fn base_code(b: StepBase) -> &'static str {
    match b {
        StepBase::InvoiceDate => "i",
        StepBase::DueDate => "d",
        StepBase::PreviousStep => "p",
    }
}

fn step_kind(s: &str) -> Result<StepKind, DecodeError> {
    StepKind::from_key(s).ok_or_else(|| bad("dunning step kind", s))
}

fn risk_level(s: &str) -> Result<RiskLevel, DecodeError> {
    RiskLevel::ALL.into_iter().find(|l| level_code(*l) == s).ok_or_else(|| bad("risk level", s))
}

fn collector_code(c: CollectorLevel) -> &'static str {
    match c {
        CollectorLevel::Junior => "j",
        CollectorLevel::Senior => "s",
        CollectorLevel::Owner => "o",
    }
}

fn collector(s: &str) -> Result<CollectorLevel, DecodeError> {
    [CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner]
        .into_iter()
        .find(|c| collector_code(*c) == s)
        .ok_or_else(|| bad("collector level", s))
}

fn kind_code(k: CustomerKind) -> &'static str {
    match k {
        CustomerKind::Business => "b",
        CustomerKind::Consumer => "c",
    }
}

fn customer_kind(s: &str) -> Result<CustomerKind, DecodeError> {
    [CustomerKind::Business, CustomerKind::Consumer]
        .into_iter()
        .find(|k| kind_code(*k) == s)
        .ok_or_else(|| bad("customer kind", s))
}

impl StepRec {
    fn encode(s: &Step) -> StepRec {
        let flags: String =
            [(s.announce_interest, 'i'), (s.announce_costs, 'c'), (s.nearby_only, 'n')].iter().filter(|f| f.0).map(|f| f.1).collect();
        StepRec(
            s.kind.key().into(),
            base_code(s.base).into(),
            s.offset_days,
            channel_code(s.channel).into(),
            s.min_amount.to_string(),
            s.fee.to_string(),
            flags,
            collector_code(s.level).into(),
            s.deadline_days,
        )
    }

    fn into_domain(self) -> Result<Step, DecodeError> {
        let StepRec(kind, base, offset_days, ch, min, fee, flags, level, deadline_days) = self;
        if let Some(f) = flags.chars().find(|f| !"icn".contains(*f)) {
            return Err(bad("dunning step flag", f));
        }
        Ok(Step {
            kind: step_kind(&kind)?,
            base: [StepBase::InvoiceDate, StepBase::DueDate, StepBase::PreviousStep]
                .into_iter()
                .find(|b| base_code(*b) == base)
                .ok_or_else(|| bad("dunning step base", &base))?,
            offset_days,
            channel: channel(&ch)?,
            min_amount: dec("dunning step minimum", &min)?,
            fee: dec("dunning step fee", &fee)?,
            announce_interest: flags.contains('i'),
            announce_costs: flags.contains('c'),
            level: collector(&level)?,
            deadline_days,
            nearby_only: flags.contains('n'),
        })
    }
}

impl Default for DunningRec {
    fn default() -> Self {
        DunningRec::encode(&DunningSettings::default())
    }
}

impl DunningRec {
    fn encode(d: &DunningSettings) -> DunningRec {
        DunningRec {
            policies: d
                .policies
                .iter()
                .map(|p| PolicyRec { id: p.id.clone(), name: p.name.clone(), steps: p.steps.iter().map(StepRec::encode).collect() })
                .collect(),
            rules: d
                .rules
                .iter()
                .map(|r| RuleRec {
                    policy: r.policy.clone(),
                    grades: r.grades.clone(),
                    score: r.score_below,
                    risk: r.risk_levels.iter().map(|l| level_code(*l).to_string()).collect(),
                    kind: r.kind.map(kind_code).unwrap_or_default().into(),
                    open: opt_dec_str(r.open_at_least),
                })
                .collect(),
            default: d.default_policy.clone(),
            email: d.email_below.to_string(),
            letter: d.letter_up_to.to_string(),
            senior: d.senior_from.to_string(),
            owner: d.owner_from.to_string(),
            proactive: d.proactive_from.to_string(),
            grace: d.promise_grace_days,
            templates: d
                .templates
                .iter()
                .map(|t| TemplateRec(t.kind.key().into(), t.lang.clone(), t.subject.clone(), t.body.clone()))
                .collect(),
            agency: if d.agency == Agency::default() {
                Vec::new()
            } else {
                let a = &d.agency;
                vec![a.name.clone(), a.contact.clone(), a.address.street.clone(), a.address.postcode.clone(), a.address.city.clone(), a.email.clone()]
            },
        }
    }

    /// `None` for the default settings, so that a ledger that does not change them is stored
    /// exactly as before they existed.
    pub fn from_domain(d: &DunningSettings) -> Option<DunningRec> {
        (*d != DunningSettings::default()).then(|| DunningRec::encode(d))
    }

    /// # Errors
    /// A field that does not decode, or settings that break a rule (`DunningSettings::validate`).
    pub fn into_domain(self) -> Result<DunningSettings, DecodeError> {
        let policies = self
            .policies
            .into_iter()
            .map(|p| {
                Ok(Policy {
                    id: p.id,
                    name: p.name,
                    steps: p.steps.into_iter().map(StepRec::into_domain).collect::<Result<_, DecodeError>>()?,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let rules = self
            .rules
            .into_iter()
            .map(|r| {
                Ok(AssignRule {
                    policy: r.policy,
                    grades: r.grades,
                    score_below: r.score,
                    risk_levels: r.risk.iter().map(|l| risk_level(l)).collect::<Result<_, DecodeError>>()?,
                    kind: if r.kind.is_empty() { None } else { Some(customer_kind(&r.kind)?) },
                    open_at_least: str_opt_dec("rule open amount", &r.open)?,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let templates = self
            .templates
            .into_iter()
            .map(|TemplateRec(kind, lang, subject, body)| Ok(TemplateText { kind: step_kind(&kind)?, lang, subject, body }))
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let dunning = DunningSettings {
            policies,
            rules,
            default_policy: self.default,
            email_below: dec("e-mail threshold", &self.email)?,
            letter_up_to: dec("letter threshold", &self.letter)?,
            senior_from: dec("senior threshold", &self.senior)?,
            owner_from: dec("owner threshold", &self.owner)?,
            proactive_from: dec("proactive check threshold", &self.proactive)?,
            promise_grace_days: self.grace,
            templates,
            agency: {
                let field = |i: usize| self.agency.get(i).cloned().unwrap_or_default();
                Agency {
                    name: field(0),
                    contact: field(1),
                    address: Address { street: field(2), postcode: field(3), city: field(4) },
                    email: field(5),
                }
            },
        };
        dunning.validate().map_err(|e| bad("dunning settings", e))?;
        Ok(dunning)
    }
}

/// `RiskSettings`. A missing field reads as its default (`#[serde(default)]` on the struct), so
/// a setting added later loads from an older record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskRec {
    /// Highest weighted days late of grades A, B and C.
    pub grades: (i32, i32, i32),
    pub silent: u32,
    pub excuses: u32,
    pub excuse_days: u32,
    pub buying_less: u32,
    pub broken: u32,
    pub dispute_days: u32,
    pub extensions: u32,
    pub extension_days: u32,
    pub pattern_days: u32,
    pub score_drop: u32,
    pub score_floor: u32,
    pub round: u32,
    /// Warn on orders while the first invoice is unpaid.
    pub first_unpaid: bool,
    /// Percent of the yearly revenue, decimal.
    pub limit_share: String,
    /// Percent of a loss the insurer pays, decimal.
    pub insured: String,
    /// The whole table (an empty array is an empty table).
    pub table: Vec<RiskRowRec>,
}

/// `[sector prefix, country, level]`: level "l" low, "m" medium, "h" high; "" = any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskRowRec(pub String, pub String, pub String);

fn level_code(l: RiskLevel) -> &'static str {
    match l {
        RiskLevel::Low => "l",
        RiskLevel::Medium => "m",
        RiskLevel::High => "h",
    }
}

impl Default for RiskRec {
    fn default() -> Self {
        RiskRec::encode(&RiskSettings::default())
    }
}

impl RiskRec {
    fn encode(r: &RiskSettings) -> RiskRec {
        RiskRec {
            grades: (r.grade_a_max, r.grade_b_max, r.grade_c_max),
            silent: r.silent_attempts,
            excuses: r.excuse_repeats,
            excuse_days: r.excuse_window_days,
            buying_less: r.buying_less_percent,
            broken: r.broken_promises,
            dispute_days: r.dispute_days,
            extensions: r.extension_requests,
            extension_days: r.extension_window_days,
            pattern_days: r.pattern_change_days,
            score_drop: r.score_drop,
            score_floor: r.score_floor,
            round: r.round_payments,
            first_unpaid: r.warn_first_invoice_unpaid,
            limit_share: r.limit_revenue_share.to_string(),
            insured: r.insured_share.to_string(),
            table: r
                .table
                .iter()
                .map(|row| RiskRowRec(row.sector.clone(), row.country.clone(), level_code(row.level).into()))
                .collect(),
        }
    }

    /// `None` for the default settings, so that a ledger that does not change them is stored
    /// exactly as before they existed.
    pub fn from_domain(r: &RiskSettings) -> Option<RiskRec> {
        (*r != RiskSettings::default()).then(|| RiskRec::encode(r))
    }

    /// # Errors
    /// A field that does not decode, or settings that break a rule (`RiskSettings::validate`).
    pub fn into_domain(self) -> Result<RiskSettings, DecodeError> {
        let table = self
            .table
            .into_iter()
            .map(|RiskRowRec(sector, country, level)| {
                Ok(RiskRow {
                    level: risk_level(&level)?,
                    sector,
                    country,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let (a, b, c) = self.grades;
        let risk = RiskSettings {
            grade_a_max: a,
            grade_b_max: b,
            grade_c_max: c,
            silent_attempts: self.silent,
            excuse_repeats: self.excuses,
            excuse_window_days: self.excuse_days,
            buying_less_percent: self.buying_less,
            broken_promises: self.broken,
            dispute_days: self.dispute_days,
            extension_requests: self.extensions,
            extension_window_days: self.extension_days,
            pattern_change_days: self.pattern_days,
            score_drop: self.score_drop,
            score_floor: self.score_floor,
            round_payments: self.round,
            warn_first_invoice_unpaid: self.first_unpaid,
            limit_revenue_share: dec("limit revenue share", &self.limit_share)?,
            insured_share: dec("insured share", &self.insured)?,
            table,
        };
        risk.validate().map_err(|e| bad("risk settings", e))?;
        Ok(risk)
    }
}

/// `LawSettings`. Every field has a default, so a missing one reads as the default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LawRec {
    #[serde(default)]
    pub rates: Vec<RateRec>,
    /// VAT percent on collection costs, "" = none.
    #[serde(default)]
    pub vat: String,
    /// Payment order: "c" costs-interest-principal, "p" principal-interest-costs.
    #[serde(default)]
    pub order: String,
    /// Costs for Dutch business customers: "s" staffel, "f" fixed 40, "n" none.
    #[serde(default)]
    pub nl_costs: String,
    /// Postage per later Belgian reminder, decimal ("" = 0).
    #[serde(default)]
    pub postage: String,
}

/// `[table, from, to, rate, source]`: table "nb" NL commercial, "nc" NL consumer, "bb" BE
/// commercial; from and to are day numbers (both inclusive); rate is percent per year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateRec(pub String, pub i32, pub i32, pub String, pub String);

fn table_code(t: RateTableKind) -> &'static str {
    match t {
        RateTableKind::NlCommercial => "nb",
        RateTableKind::NlConsumer => "nc",
        RateTableKind::BeCommercial => "bb",
    }
}

fn order_code(o: PaymentOrder) -> &'static str {
    match o {
        PaymentOrder::CostsInterestPrincipal => "c",
        PaymentOrder::PrincipalInterestCosts => "p",
    }
}

fn nl_costs_code(c: NlBusinessCosts) -> &'static str {
    match c {
        NlBusinessCosts::Staffel => "s",
        NlBusinessCosts::Fixed40 => "f",
        NlBusinessCosts::None => "n",
    }
}

impl LawRec {
    /// `None` for the default settings, so that a ledger without law settings is stored exactly
    /// as before they existed.
    pub fn from_domain(l: &LawSettings) -> Option<LawRec> {
        (*l != LawSettings::default()).then(|| LawRec {
            rates: l
                .rates
                .iter()
                .map(|r| {
                    RateRec(table_code(r.table).into(), day_number(r.from), day_number(r.to), r.rate.to_string(), r.source.clone())
                })
                .collect(),
            vat: opt_dec_str(l.costs_vat),
            order: order_code(l.order).into(),
            nl_costs: nl_costs_code(l.nl_business_costs).into(),
            postage: l.be_postage.to_string(),
        })
    }

    /// # Errors
    /// The first field that does not decode, or a rate row (or VAT, postage) that breaks a rule.
    pub fn into_domain(self) -> Result<LawSettings, DecodeError> {
        let rates = self
            .rates
            .into_iter()
            .map(|RateRec(table, from, to, rate, source)| {
                let row = RateRow {
                    table: RateTableKind::ALL
                        .into_iter()
                        .find(|t| table_code(*t) == table)
                        .ok_or_else(|| bad("rate table", &table))?,
                    from: from_day_number(from)?,
                    to: from_day_number(to)?,
                    rate: dec("rate", &rate)?,
                    source,
                };
                row.validate().map_err(|e| bad("rate row", format!("{table} {} {} {rate}: {e}", row.from, row.to)))?;
                Ok(row)
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let law = LawSettings {
            rates,
            costs_vat: str_opt_dec("costs VAT", &self.vat)?,
            order: match self.order.as_str() {
                "" | "c" => PaymentOrder::CostsInterestPrincipal,
                "p" => PaymentOrder::PrincipalInterestCosts,
                other => return Err(bad("payment order", other)),
            },
            nl_business_costs: match self.nl_costs.as_str() {
                "" | "s" => NlBusinessCosts::Staffel,
                "f" => NlBusinessCosts::Fixed40,
                "n" => NlBusinessCosts::None,
                other => return Err(bad("NL business costs", other)),
            },
            be_postage: str_opt_dec("postage", &self.postage)?.unwrap_or_default(),
        };
        law.validate().map_err(|e| bad("law settings", e))?;
        Ok(law)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyRec {
    pub name: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub iban: String,
    pub kvk: String,
    pub vat: String,
    pub email: String,
    pub phone: String,
}

impl BaseRec {
    pub fn from_domain(c: &Company, s: &LedgerSettings) -> BaseRec {
        BaseRec {
            company: CompanyRec {
                name: c.name.clone(),
                street: c.address.street.clone(),
                postcode: c.address.postcode.clone(),
                city: c.address.city.clone(),
                iban: c.iban.clone(),
                kvk: c.kvk_number.clone(),
                vat: c.vat_number.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
            },
            default_term_days: s.default_term_days,
            currency: cur_code(s.currency),
            law: LawRec::from_domain(&s.law),
            risk: RiskRec::from_domain(&s.risk),
            dunning: DunningRec::from_domain(&s.dunning),
            market: MarketRec::from_domain(&s.market),
        }
    }

    /// # Errors
    /// An invalid currency, law, risk or dunning setting, or market data that breaks a rule.
    pub fn into_domain(self) -> Result<(Company, LedgerSettings), DecodeError> {
        let c = self.company;
        Ok((
            Company {
                name: c.name,
                address: Address { street: c.street, postcode: c.postcode, city: c.city },
                iban: c.iban,
                kvk_number: c.kvk,
                vat_number: c.vat,
                email: c.email,
                phone: c.phone,
            },
            LedgerSettings {
                default_term_days: self.default_term_days,
                currency: cur(&self.currency)?,
                law: self.law.map(LawRec::into_domain).transpose()?.unwrap_or_default(),
                risk: self.risk.map(RiskRec::into_domain).transpose()?.unwrap_or_default(),
                dunning: self.dunning.map(DunningRec::into_domain).transpose()?.unwrap_or_default(),
                market: self.market.map(MarketRec::into_domain).transpose()?.unwrap_or_default(),
            },
        ))
    }
}

// ----- market data -----

/// `MarketData`: `counts` rows `[sector, size, region, companies, source]` and `prospects` rows
/// `[name, sector, size, region, score, city, note]`. Size is "", "s", "m", "l" as for
/// customers; region its code (`NL-10`, `BE-VAN`, `DE`; "" = all or unknown; a code that does
/// not read back as itself is kept behind a `*`); score `null` when unknown. A missing list is
/// empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarketRec {
    pub counts: Vec<MarketCountRec>,
    pub prospects: Vec<ProspectRec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketCountRec(pub String, pub String, pub String, pub u32, pub String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProspectRec(
    pub String,
    pub String,
    pub String,
    pub String,
    pub Option<u8>,
    pub String,
    pub String,
);

fn size_code(s: Option<SizeClass>) -> String {
    match s {
        None => "",
        Some(SizeClass::Small) => "s",
        Some(SizeClass::Medium) => "m",
        Some(SizeClass::Large) => "l",
    }
    .into()
}

fn size_of_code(s: &str) -> Result<Option<SizeClass>, DecodeError> {
    match s {
        "" => Ok(None),
        "s" => Ok(Some(SizeClass::Small)),
        "m" => Ok(Some(SizeClass::Medium)),
        "l" => Ok(Some(SizeClass::Large)),
        other => Err(bad("size class", other)),
    }
}

/// A region as its code; one that would not read back as itself (an odd country code) behind a
/// `*`.
pub fn region_code(r: Option<&Region>) -> String {
    match r {
        None => String::new(),
        Some(r) if Region::parse(&r.code()).as_ref() == Some(r) => r.code(),
        Some(Region::Other(c)) => format!("*{c}"),
        Some(r) => r.code(),
    }
}

/// # Errors
/// A text that is no region code.
pub fn region_of_code(s: &str) -> Result<Option<Region>, DecodeError> {
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(raw) = s.strip_prefix('*') {
        return Ok(Some(Region::Other(raw.to_string())));
    }
    Region::parse(s).filter(|r| r.code() == s).map(Some).ok_or_else(|| bad("region", s))
}

impl MarketRec {
    /// `None` for empty market data, so a ledger without it is stored exactly as before.
    pub fn from_domain(m: &MarketData) -> Option<MarketRec> {
        (*m != MarketData::default()).then(|| MarketRec {
            counts: m
                .counts
                .iter()
                .map(|c| {
                    MarketCountRec(
                        c.sector.clone(),
                        size_code(c.size_class),
                        region_code(c.region.as_ref()),
                        c.companies,
                        c.source.clone(),
                    )
                })
                .collect(),
            prospects: m
                .prospects
                .iter()
                .map(|p| {
                    ProspectRec(
                        p.name.clone(),
                        p.sector.clone(),
                        size_code(p.size_class),
                        region_code(p.region.as_ref()),
                        p.score,
                        p.city.clone(),
                        p.note.clone(),
                    )
                })
                .collect(),
        })
    }

    /// # Errors
    /// A field that does not decode, or data that breaks a rule (`MarketData::validate`).
    pub fn into_domain(self) -> Result<MarketData, DecodeError> {
        let counts = self
            .counts
            .into_iter()
            .map(|MarketCountRec(sector, size, region, companies, source)| {
                Ok(MarketCount {
                    sector,
                    size_class: size_of_code(&size)?,
                    region: region_of_code(&region)?,
                    companies,
                    source,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let prospects = self
            .prospects
            .into_iter()
            .map(|ProspectRec(name, sector, size, region, score, city, note)| {
                Ok(Prospect {
                    name,
                    sector,
                    size_class: size_of_code(&size)?,
                    region: region_of_code(&region)?,
                    score,
                    city,
                    note,
                })
            })
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let market = MarketData { counts, prospects };
        if let Some(p) = market.validate().first() {
            return Err(bad("market data", format!("{:?} row {}: {:?}", p.list, p.row, p.kind)));
        }
        Ok(market)
    }
}

// ----- customers (few, so readable objects) -----

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerRec {
    pub id: u32,
    pub number: String,
    pub name: String,
    /// "b" business, "c" consumer
    pub kind: String,
    pub country: String,
    pub sector: String,
    /// "", "s", "m", "l"
    pub size: String,
    pub contact: String,
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    pub iban: String,
    pub vat: String,
    pub term: u16,
    pub limit: String,
    /// (day number, score, source)
    pub scores: Vec<(i32, u8, String)>,
    pub profile: String,
    /// "j", "s", "o"
    pub collector: String,
    pub on_hold: bool,
    pub prepay: bool,
    pub handed_over: bool,
    pub insured: String,
    pub notes: String,
    /// Contractual interest: "" none, else "y" (per year) or "m" (per month), "c" when
    /// compound, and the percentage: "m1" = 1% per month simple, "yc8" = 8% per year compound.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub interest: String,
    /// Contractual collection costs, as a margin: "" none, "a<amount>" fixed, "p<percent>".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub costs: String,
}

fn interest_code(i: Option<ContractInterest>) -> String {
    i.map(|i| format!("{}{}{}", if i.per_month { "m" } else { "y" }, if i.compound { "c" } else { "" }, i.rate))
        .unwrap_or_default()
}

fn interest(s: &str) -> Result<Option<ContractInterest>, DecodeError> {
    if s.is_empty() {
        return Ok(None);
    }
    let (per_month, rest) = if let Some(r) = s.strip_prefix('m') {
        (true, r)
    } else if let Some(r) = s.strip_prefix('y') {
        (false, r)
    } else {
        return Err(bad("contractual interest", s));
    };
    let (compound, rate) = match rest.strip_prefix('c') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Ok(Some(ContractInterest { rate: dec("contractual interest", rate)?, per_month, compound }))
}

fn costs_code(c: Option<ContractCosts>) -> String {
    match c {
        None => String::new(),
        Some(ContractCosts::Fixed(a)) => format!("a{a}"),
        Some(ContractCosts::Percent(p)) => format!("p{p}"),
    }
}

fn costs(s: &str) -> Result<Option<ContractCosts>, DecodeError> {
    if s.is_empty() {
        Ok(None)
    } else if let Some(a) = s.strip_prefix('a') {
        Ok(Some(ContractCosts::Fixed(dec("contractual costs", a)?)))
    } else if let Some(p) = s.strip_prefix('p') {
        Ok(Some(ContractCosts::Percent(dec("contractual costs", p)?)))
    } else {
        Err(bad("contractual costs", s))
    }
}

fn opt_dec_str(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn str_opt_dec(what: &'static str, s: &str) -> Result<Option<Decimal>, DecodeError> {
    if s.is_empty() {
        Ok(None)
    } else {
        dec(what, s).map(Some)
    }
}

impl CustomerRec {
    pub fn from_domain(c: &Customer) -> CustomerRec {
        CustomerRec {
            id: c.id.0,
            number: c.number.clone(),
            name: c.name.clone(),
            kind: kind_code(c.kind).into(),
            country: c.country.code().to_string(),
            sector: c.sector.clone(),
            size: match c.size_class {
                None => "",
                Some(SizeClass::Small) => "s",
                Some(SizeClass::Medium) => "m",
                Some(SizeClass::Large) => "l",
            }
            .into(),
            contact: c.contact_person.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            street: c.address.street.clone(),
            postcode: c.address.postcode.clone(),
            city: c.address.city.clone(),
            iban: c.iban.clone(),
            vat: c.vat_number.clone(),
            term: c.payment_term_days,
            limit: opt_dec_str(c.credit_limit),
            scores: c.scores.iter().map(|s| (day_number(s.date), s.score, s.source.clone())).collect(),
            profile: c.profile.clone(),
            collector: collector_code(c.collector).into(),
            on_hold: c.flags.on_hold,
            prepay: c.flags.prepayment_required,
            handed_over: c.flags.handed_over,
            insured: opt_dec_str(c.flags.insured_limit),
            notes: c.notes.clone(),
            interest: interest_code(c.terms.interest),
            costs: costs_code(c.terms.costs),
        }
    }

    /// # Errors
    /// The first field that does not decode, or contract terms that break a rule.
    pub fn into_domain(self) -> Result<Customer, DecodeError> {
        let terms = ContractTerms { interest: interest(&self.interest)?, costs: costs(&self.costs)? };
        terms.validate().map_err(|e| bad("contract terms", format!("{} {}: {e}", self.interest, self.costs)))?;
        Ok(Customer {
            id: CustomerId(self.id),
            number: self.number,
            name: self.name,
            kind: customer_kind(&self.kind)?,
            country: Country::from_code(&self.country),
            sector: self.sector,
            size_class: match self.size.as_str() {
                "" => None,
                "s" => Some(SizeClass::Small),
                "m" => Some(SizeClass::Medium),
                "l" => Some(SizeClass::Large),
                other => return Err(bad("size class", other)),
            },
            contact_person: self.contact,
            email: self.email,
            phone: self.phone,
            address: Address { street: self.street, postcode: self.postcode, city: self.city },
            iban: self.iban,
            vat_number: self.vat,
            payment_term_days: self.term,
            credit_limit: str_opt_dec("credit limit", &self.limit)?,
            scores: self
                .scores
                .into_iter()
                .map(|(d, score, source)| Ok(ScoreEntry { date: from_day_number(d)?, score, source }))
                .collect::<Result<_, DecodeError>>()?,
            profile: self.profile,
            collector: collector(&self.collector)?,
            flags: CustomerFlags {
                on_hold: self.on_hold,
                prepayment_required: self.prepay,
                handed_over: self.handed_over,
                insured_limit: str_opt_dec("insured limit", &self.insured)?,
            },
            terms,
            notes: self.notes,
        })
    }
}

// ----- invoices: [id, number, customer, date, due-date, amount, currency, description, margin, credits, reference]

/// `[id, number, customer, date, due - date (days), amount, currency ("" = EUR), description,
/// margin ("" | "a<amount>" | "p<percent>"), credited invoice (0 = none), reference]`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRec(
    pub u32,
    pub String,
    pub u32,
    pub i32,
    pub i32,
    pub String,
    pub String,
    pub String,
    pub String,
    pub u32,
    pub String,
);

impl InvoiceRec {
    pub fn from_domain(i: &Invoice) -> InvoiceRec {
        InvoiceRec(
            i.id.0,
            i.number.clone(),
            i.customer.0,
            day_number(i.date),
            day_number(i.due) - day_number(i.date),
            i.amount.amount.to_string(),
            cur_code(i.amount.currency),
            i.description.clone(),
            match i.margin {
                None => String::new(),
                Some(Margin::Amount(a)) => format!("a{a}"),
                Some(Margin::Percent(p)) => format!("p{p}"),
            },
            opt_id(i.credits.map(|c| c.0)),
            i.reference.clone(),
        )
    }

    /// # Errors
    /// The first field that does not decode.
    pub fn into_domain(self) -> Result<Invoice, DecodeError> {
        let date = from_day_number(self.3)?;
        let due = from_day_number(self.3.checked_add(self.4).ok_or_else(|| bad("due date", self.4))?)?;
        let margin = if self.8.is_empty() {
            None
        } else if let Some(a) = self.8.strip_prefix('a') {
            Some(Margin::Amount(dec("margin", a)?))
        } else if let Some(p) = self.8.strip_prefix('p') {
            Some(Margin::Percent(dec("margin", p)?))
        } else {
            return Err(bad("margin", &self.8));
        };
        Ok(Invoice {
            id: InvoiceId(self.0),
            number: self.1,
            customer: CustomerId(self.2),
            date,
            due,
            amount: Money::new(dec("amount", &self.5)?, cur(&self.6)?),
            description: self.7,
            margin,
            credits: id_opt(self.9).map(InvoiceId),
            reference: self.10,
        })
    }
}

/// `[id, customer, date, amount, currency, payer name, payer IBAN, reference, [[invoice, amount], ...]]`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentRec(
    pub u32,
    pub u32,
    pub i32,
    pub String,
    pub String,
    pub String,
    pub String,
    pub String,
    pub Vec<(u32, String)>,
);

impl PaymentRec {
    pub fn from_domain(p: &Payment) -> PaymentRec {
        PaymentRec(
            p.id.0,
            p.customer.0,
            day_number(p.date),
            p.amount.amount.to_string(),
            cur_code(p.amount.currency),
            p.payer_name.clone(),
            p.payer_iban.clone(),
            p.reference.clone(),
            p.allocations().iter().map(|a| (a.invoice.0, a.amount.to_string())).collect(),
        )
    }

    /// # Errors
    /// The first field that does not decode, or allocations that break the payment's rules.
    pub fn into_domain(self) -> Result<Payment, DecodeError> {
        let allocations = self
            .8
            .iter()
            .map(|(i, a)| Ok(Allocation { invoice: InvoiceId(*i), amount: dec("allocation", a)? }))
            .collect::<Result<Vec<_>, DecodeError>>()?;
        let amount = Money::new(dec("amount", &self.3)?, cur(&self.4)?);
        let mut p = Payment::new(CustomerId(self.1), from_day_number(self.2)?, amount, allocations)
            .map_err(|e| bad("payment", e))?;
        p.id = PaymentId(self.0);
        p.payer_name = self.5;
        p.payer_iban = self.6;
        p.reference = self.7;
        Ok(p)
    }
}

/// `[id, customer, invoice (0 = none), date, kind, a, b, note]` where kind and the arguments are:
/// `c` contact (channel, outcome), `n` note, `p` promise (amount, day number), `x` excuse
/// (category), `d` dispute opened (reason), `r` dispute resolved, `t` term extension (days),
/// `o` order (amount), `u` dunning action done (step, channel), `w` written off; added later in
/// version 1: `l` credit limit set (limit, "" = no limit; by whom), `h` handed over (amount,
/// agency), `s` dunning step skipped (step key), `z` dunning paused (day number it is paused
/// until).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRec(pub u32, pub u32, pub u32, pub i32, pub String, pub String, pub String, pub String);

fn channel_code(c: Channel) -> &'static str {
    match c {
        Channel::Email => "e",
        Channel::Phone => "p",
        Channel::Letter => "l",
        Channel::RegisteredLetter => "r",
        Channel::Visit => "v",
        Channel::HandOver => "h",
    }
}

fn channel(s: &str) -> Result<Channel, DecodeError> {
    Channel::ALL.into_iter().find(|c| channel_code(*c) == s).ok_or_else(|| bad("channel", s))
}

fn outcome_code(o: ContactOutcome) -> &'static str {
    match o {
        ContactOutcome::Reached => "r",
        ContactOutcome::NoAnswer => "a",
        ContactOutcome::NoResponse => "n",
    }
}

fn excuse_code(e: ExcuseCategory) -> &'static str {
    match e {
        ExcuseCategory::InvoiceNotReceived => "not_received",
        ExcuseCategory::CashFlow => "cash_flow",
        ExcuseCategory::WaitingForOwnCustomer => "waiting",
        ExcuseCategory::ApprovalPending => "approval",
        ExcuseCategory::WrongDetails => "wrong_details",
        ExcuseCategory::QualityComplaint => "quality",
        ExcuseCategory::Other => "other",
    }
}

impl EventRec {
    pub fn from_domain(e: &Event) -> EventRec {
        let (kind, a, b): (&str, String, String) = match &e.kind {
            EventKind::Contact { channel, outcome } => ("c", channel_code(*channel).into(), outcome_code(*outcome).into()),
            EventKind::Note => ("n", String::new(), String::new()),
            EventKind::Promise { amount, date } => ("p", amount.to_string(), day_number(*date).to_string()),
            EventKind::Excuse { category } => ("x", excuse_code(*category).into(), String::new()),
            EventKind::DisputeOpened { reason } => ("d", reason.clone(), String::new()),
            EventKind::DisputeResolved => ("r", String::new(), String::new()),
            EventKind::ExtensionRequest { days } => ("t", days.to_string(), String::new()),
            EventKind::Order { amount } => ("o", amount.to_string(), String::new()),
            EventKind::DunningDone { step, channel } => ("u", step.clone(), channel_code(*channel).into()),
            EventKind::WrittenOff => ("w", String::new(), String::new()),
            EventKind::LimitSet { limit, by } => ("l", opt_dec_str(*limit), by.clone()),
            EventKind::HandOver { agency, amount } => ("h", amount.to_string(), agency.clone()),
            EventKind::DunningSkipped { step } => ("s", step.clone(), String::new()),
            EventKind::Paused { until } => ("z", day_number(*until).to_string(), String::new()),
        };
        EventRec(
            e.id.0,
            e.customer.0,
            opt_id(e.invoice.map(|i| i.0)),
            day_number(e.date),
            kind.into(),
            a,
            b,
            e.note.clone(),
        )
    }

    /// # Errors
    /// An unknown kind or an argument that does not decode.
    pub fn into_domain(self) -> Result<Event, DecodeError> {
        let EventRec(id, customer, invoice, date, kind, a, b, note) = self;
        let kind = match kind.as_str() {
            "c" => EventKind::Contact {
                channel: channel(&a)?,
                outcome: ContactOutcome::ALL
                    .into_iter()
                    .find(|o| outcome_code(*o) == b)
                    .ok_or_else(|| bad("outcome", &b))?,
            },
            "n" => EventKind::Note,
            "p" => EventKind::Promise {
                amount: dec("promised amount", &a)?,
                date: from_day_number(b.parse().map_err(|_| bad("promised date", &b))?)?,
            },
            "x" => EventKind::Excuse {
                category: ExcuseCategory::ALL
                    .into_iter()
                    .find(|c| excuse_code(*c) == a)
                    .ok_or_else(|| bad("excuse", &a))?,
            },
            "d" => EventKind::DisputeOpened { reason: a },
            "r" => EventKind::DisputeResolved,
            "t" => EventKind::ExtensionRequest { days: a.parse().map_err(|_| bad("extension days", &a))? },
            "o" => EventKind::Order { amount: dec("order amount", &a)? },
            "u" => EventKind::DunningDone { step: a, channel: channel(&b)? },
            "w" => EventKind::WrittenOff,
            "l" => EventKind::LimitSet { limit: str_opt_dec("credit limit", &a)?, by: b },
            "h" => EventKind::HandOver { amount: dec("handed-over amount", &a)?, agency: b },
            "s" => EventKind::DunningSkipped { step: a },
            "z" => EventKind::Paused { until: from_day_number(a.parse().map_err(|_| bad("paused until", &a))?)? },
            other => return Err(bad("diary entry kind", other)),
        };
        Ok(Event {
            id: EventId(id),
            customer: CustomerId(customer),
            invoice: id_opt(invoice).map(InvoiceId),
            date: from_day_number(date)?,
            kind,
            note,
        })
    }
}
