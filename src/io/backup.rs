//! The full-ledger backup: one versioned JSON file that can be restored.
//!
//! The file format is defined by the record types in [`v1`], not by whatever the domain structs
//! derive: renaming a domain field or enum variant must not change (or break) old backups. Amounts
//! are decimal strings (`"1210.00"`), dates `YYYY-MM-DD`, enums `snake_case` strings, ids numbers.
//!
//! ```json
//! { "format": "stipt-backup", "version": 1, "exported_at": "2026-03-10T09:30:00+01:00",
//!   "company": {..}, "settings": {..}, "customers": [..], "invoices": [..], "payments": [..],
//!   "events": [..] }
//! ```
//!
//! Four later additions to version 1 are optional: they are left out while they hold their
//! defaults, so older files read unchanged (with the defaults) and a ledger without them is
//! written exactly as before. `settings.law` holds the user's rows of the statutory rate tables
//! (`nl_commercial`, `nl_consumer`, `be_commercial`; periods inclusive, rate in percent per
//! year) and the cost rules (`costs_vat` null for none; `order` `costs_interest_principal` or
//! `principal_interest_costs`; `nl_business_costs` `staffel`, `fixed40` or `none`); a customer's
//! `terms` hold the contractual interest and collection costs (`{"fixed": "40.00"}` per claim or
//! `{"percent": "15"}` of the principal), each null when not agreed:
//!
//! ```json
//! "settings": { "default_term_days": 30, "currency": "EUR",
//!   "law": { "rates": [ { "table": "nl_commercial", "from": "2026-07-01", "to": "2026-12-31",
//!                         "rate": "10.15", "source": "Staatscourant" } ],
//!            "costs_vat": "21", "order": "costs_interest_principal",
//!            "nl_business_costs": "staffel", "be_postage": "1.50" } }
//! "terms": { "interest": { "rate": "1", "per_month": true, "compound": false },
//!            "costs": { "percent": "15" } }
//! ```
//!
//! `settings.risk` holds the thresholds of the payment grades (highest weighted days late of A,
//! B and C, going up) and of the warning signals, the order check, the share of the yearly
//! revenue a limit may be and the share of a loss the credit insurer pays (percent, decimal
//! strings), and the risk table (rows of a sector prefix and a country, each "" for any, with a
//! level `low`, `medium` or `high`). A field left out reads as its default; when `table` is
//! present it is the whole table. Invalid settings (grades out of order, a share outside 0-100)
//! refuse the whole file:
//!
//! ```json
//! "risk": { "grade_a_max": 0, "grade_b_max": 15, "grade_c_max": 30,
//!           "silent_attempts": 3, "excuse_repeats": 2, "excuse_window_days": 90,
//!           "buying_less_percent": 60, "broken_promises": 1, "dispute_days": 30,
//!           "extension_requests": 2, "extension_window_days": 183, "pattern_change_days": 10,
//!           "score_drop": 15, "score_floor": 40, "round_payments": 2,
//!           "warn_first_invoice_unpaid": true, "limit_revenue_share": "25", "insured_share": "90",
//!           "table": [ { "sector": "bouw", "country": "", "level": "high" },
//!                      { "sector": "", "country": "NL", "level": "medium" } ] }
//! ```
//!
//! `settings.dunning` holds the dunning policies (each an `id`, a `name` and its ordered
//! `steps`), the rules that assign a policy to customers (first match wins; a condition left
//! out or empty applies to all), the `default_policy`, the amounts that choose the channel and
//! the collector level (decimal strings), the days of grace after a broken promise and the
//! user's own message `templates` (language `nl` or `en`) and the collection `agency` the
//! hand-over letter is addressed to (`name`, `contact`, `street`, `postcode`, `city`, `email`;
//! absent when not set). A step's `kind` is one of
//! `proactive_check`, `invoice_follow_up`, `due_date_call`, `reminder`, `first_dunning`, `call`,
//! `visit`, `final_notice`, `hand_over`; its `base` `invoice_date`, `due_date` or
//! `previous_step`; `channel` as in diary entries; `level` `junior`, `senior` or `owner`. A rule
//! matches payment `grades` ("A" to "D"), a `score_below`, `risk_levels` (`low`, `medium`,
//! `high`), a customer `kind` (`business`, `consumer`) and an `open_at_least` amount. A field
//! left out reads as its default; a list that is present is the whole list. Invalid settings (a
//! policy id empty or used twice, a rule or default naming no policy, a negative amount, e-mail
//! above letter or senior above owner, another template language) refuse the whole file:
//!
//! ```json
//! "dunning": { "policies": [ { "id": "standaard", "name": "Standaard", "steps": [
//!                { "kind": "reminder", "base": "due_date", "offset_days": 7, "channel": "email",
//!                  "min_amount": "0", "fee": "0", "announce_interest": false,
//!                  "announce_costs": false, "level": "junior", "deadline_days": 7,
//!                  "nearby_only": false } ] } ],
//!              "rules": [ { "policy": "standaard", "grades": ["D"], "score_below": null,
//!                           "risk_levels": ["high"], "kind": "business", "open_at_least": "1000" } ],
//!              "default_policy": "standaard", "email_below": "2500", "letter_up_to": "10000",
//!              "senior_from": "5000", "owner_from": "25000", "proactive_from": "2500",
//!              "promise_grace_days": 3,
//!              "templates": [ { "kind": "reminder", "lang": "nl", "subject": "..", "body": ".." } ] }
//! ```
//!
//! Diary entries of four later kinds are also part of version 1: a credit limit set by hand
//! (`limit` null for no limit; the reason is the entry's `note`), a claim handed over to a
//! collection agency (the amount handed over, with interest and costs), a dunning step skipped on
//! purpose (`step` the step's key as the diary keeps it, e.g. `reminder` or `first-dunning`; the
//! reason is the `note`) and dunning paused by hand until a date (inclusive; for the customer, or
//! for the entry's `invoice`):
//!
//! ```json
//! "kind": { "type": "limit_set", "limit": "5000.00", "by": "J. de Vries" }
//! "kind": { "type": "hand_over", "agency": "Incasso Noord", "amount": "1834.50" }
//! "kind": { "type": "dunning_skipped", "step": "reminder" }
//! "kind": { "type": "paused", "until": "2026-12-01" }
//! ```
//!
//! `settings.market` holds the user's market data for the market analysis (absent when there is
//! none): `counts`, the number of `companies` (a whole number above 0) per segment of a
//! `sector` ("" for all sectors), a `size_class` (`small`, `medium`, `large`; null for all) and a
//! `region` (`NL-10` a Dutch postcode area, `NL`, `BE-VAN` a Belgian province by its ISO code,
//! `BE`, `DE`; null for all; an odd country code that would not read back as itself is written
//! behind a `*`), with its `source`, no two rows for the same segment; and `prospects`, each with
//! a `name`, `sector`, `size_class`, `region`, credit `score` (0-100 or null), `city` and `note`.
//! Unknown fields are refused; a list left out is empty:
//!
//! ```json
//! "market": { "counts": [ { "sector": "Bouw", "size_class": "small", "region": "NL-10",
//!                           "companies": 1250, "source": "KvK 2025" } ],
//!             "prospects": [ { "name": "Bouwbedrijf Jansen B.V.", "sector": "Bouw",
//!                              "size_class": "small", "region": "NL-10", "score": 72,
//!                              "city": "Amsterdam", "note": "" } ] }
//! ```
//!
//! Reading rebuilds the ledger through [`Ledger::from_parts`], so a file that breaks any rule of
//! the ledger is rejected as a whole: a restore is applied completely or not at all.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::{
    Address, Agency, Allocation, Channel, CollectorLevel, Company, ContactOutcome, ContractCosts, ContractInterest,
    AssignRule, ContractTerms, Country, Currency, Customer, CustomerFlags, CustomerId, CustomerKind, DomainError,
    DunningSettings, Event, EventId, EventKind, ExcuseCategory, Invoice, InvoiceId, LawSettings, Ledger, LedgerParts,
    LedgerSettings, Margin, Money, NlBusinessCosts, PartsError, Payment, PaymentId, PaymentOrder, Policy, RateRow,
    RateTableKind, RiskLevel, RiskRow, RiskSettings, ScoreEntry, SizeClass, Step, StepBase, StepKind, TemplateText,
};
use crate::domain::{MarketCount, MarketData, MarketListKind, MarketProblemKind, Prospect, Region};

/// The value of the `format` field of every backup.
pub const FORMAT: &str = "stipt-backup";
/// The newest format version this build writes and reads.
pub const VERSION: u32 = 1;

/// Why a file could not be restored. Variants carry data, not sentences, so the UI can say it in
/// the user's language; `Display` is English, for logs.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The text is not JSON, or ends too early (`truncated`). Line and column are 1-based and
    /// point to where reading stopped.
    #[error("{} (line {line}, column {column})", not_json_text(*.truncated))]
    NotJson { line: usize, column: usize, truncated: bool },
    /// Valid JSON, but not a Stipt backup: the `format` field is missing or different.
    /// `found` is the `format` value when there was a text one.
    #[error("this file is not a Stipt backup")]
    NotABackup { found: Option<String> },
    /// The backup was written in a format version this build does not read (a newer Stipt, or a
    /// version that never existed).
    #[error("this backup has format version {found}; this version of Stipt reads versions 1 to {supported}")]
    UnsupportedVersion { found: u64, supported: u32 },
    /// A Stipt backup with a missing field or a value of the wrong kind (a date that is not a
    /// date, a text where a number belongs...). `detail` is the parser's English description.
    #[error("the backup is damaged at line {line}, column {column}: {detail}")]
    Malformed { line: usize, column: usize, detail: String },
    /// The records are readable but break a rule of the ledger (an allocation larger than its
    /// payment, a due date before the invoice date, an unknown customer...).
    #[error("the backup breaks a rule: {0}")]
    Invalid(#[from] PartsError),
}

fn not_json_text(truncated: bool) -> &'static str {
    if truncated {
        "the file ends too early"
    } else {
        "the file is not valid JSON"
    }
}

/// A backup as read: the ledger plus what the file says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The format version the file was written in.
    pub version: u32,
    /// When it was exported, as written by the exporting app (an ISO 8601 date-time).
    pub exported_at: String,
    pub ledger: Ledger,
}

/// Writes the whole ledger as a pretty-printed backup (ending in a newline).
/// `exported_at` is the caller's clock reading, an ISO 8601 date-time.
pub fn export(ledger: &Ledger, exported_at: &str) -> String {
    let backup = v1::BackupV1::from_ledger(ledger, exported_at);
    // Plain structs with string keys: serde_json cannot fail on them.
    let mut out = serde_json::to_string_pretty(&backup).expect("backup records always serialize");
    out.push('\n');
    out
}

/// Reads a backup and rebuilds the ledger, checking every rule.
///
/// # Errors
/// See [`BackupError`]; nothing is returned half.
pub fn parse(text: &str) -> Result<Ledger, BackupError> {
    read(text).map(|b| b.ledger)
}

/// As [`parse`], keeping the version and export time from the file.
///
/// # Errors
/// See [`BackupError`].
pub fn read(text: &str) -> Result<Backup, BackupError> {
    // First pass: is it JSON at all, and does it say it is one of ours, in a version we know?
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| BackupError::NotJson {
        line: e.line(),
        column: e.column(),
        truncated: e.is_eof(),
    })?;
    let format = value.get("format");
    if format.and_then(serde_json::Value::as_str) != Some(FORMAT) {
        return Err(BackupError::NotABackup { found: format.and_then(|f| f.as_str()).map(str::to_string) });
    }
    let version = match value.get("version") {
        Some(v) => v.as_u64().ok_or_else(|| BackupError::Malformed {
            line: 0,
            column: 0,
            detail: format!("version must be a whole number, not {v}"),
        })?,
        None => return Err(BackupError::Malformed { line: 0, column: 0, detail: "missing field `version`".into() }),
    };
    match version {
        1 => {
            // Second pass on the text itself, so that errors carry a line and column.
            let backup: v1::BackupV1 = serde_json::from_str(text).map_err(malformed)?;
            let exported_at = backup.exported_at.clone();
            let ledger = Ledger::from_parts(backup.into_parts()?)?;
            Ok(Backup { version: 1, exported_at, ledger })
        }
        found => Err(BackupError::UnsupportedVersion { found, supported: VERSION }),
    }
}

fn malformed(e: serde_json::Error) -> BackupError {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let detail = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    BackupError::Malformed { line, column, detail }
}

/// What a ledger holds, in numbers: shown before a restore, for the current ledger and for the
/// one in the file, so the user sees what will be replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackupSummary {
    pub company_name: String,
    pub customers: usize,
    /// Invoices, not counting credit notes.
    pub invoices: usize,
    pub credit_notes: usize,
    pub payments: usize,
    /// Diary entries.
    pub events: usize,
    /// What is still open, per currency (currency order); currencies with nothing open are left out.
    pub open: Vec<Money>,
}

/// The summary of one ledger.
pub fn preview(ledger: &Ledger) -> BackupSummary {
    let balances = ledger.balances();
    let mut open: BTreeMap<Currency, Decimal> = BTreeMap::new();
    let mut invoices = 0;
    let mut credit_notes = 0;
    for inv in ledger.invoices() {
        if inv.is_credit_note() {
            credit_notes += 1;
            continue;
        }
        invoices += 1;
        let left = balances.get(&inv.id).map_or(Decimal::ZERO, |b| b.open());
        if left > Decimal::ZERO {
            *open.entry(inv.amount.currency).or_default() += left;
        }
    }
    BackupSummary {
        company_name: ledger.company.name.clone(),
        customers: ledger.customers().len(),
        invoices,
        credit_notes,
        payments: ledger.payments().len(),
        events: ledger.events().len(),
        open: open.into_iter().map(|(c, a)| Money::new(a, c)).collect(),
    }
}

/// The current ledger and the one a restore would put in its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestorePreview {
    pub current: BackupSummary,
    pub incoming: BackupSummary,
}

/// Both summaries at once, for the restore confirmation.
pub fn restore_preview(current: &Ledger, incoming: &Ledger) -> RestorePreview {
    RestorePreview { current: preview(current), incoming: preview(incoming) }
}

impl fmt::Display for BackupSummary {
    /// One English line, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} customers, {} invoices, {} credit notes, {} payments, {} diary entries",
            self.company_name, self.customers, self.invoices, self.credit_notes, self.payments, self.events
        )?;
        for m in &self.open {
            write!(f, ", {} {} open", m.currency, m.amount)?;
        }
        Ok(())
    }
}

/// Version 1 of the backup format. Field names and enum spellings here are the file format:
/// change them only together with a new version and a conversion from this one.
pub mod v1 {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    use super::*;

    /// The whole file.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct BackupV1 {
        /// Always `"stipt-backup"`.
        pub format: String,
        /// Always `1`.
        pub version: u32,
        /// ISO 8601 date-time of the export.
        #[serde(default)]
        pub exported_at: String,
        #[serde(default)]
        pub company: CompanyV1,
        #[serde(default)]
        pub settings: SettingsV1,
        #[serde(default)]
        pub customers: Vec<CustomerV1>,
        /// Invoices and credit notes, one number space.
        #[serde(default)]
        pub invoices: Vec<InvoiceV1>,
        #[serde(default)]
        pub payments: Vec<PaymentV1>,
        /// The collection diary.
        #[serde(default)]
        pub events: Vec<EventV1>,
    }

    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct AddressV1 {
        #[serde(default)]
        pub street: String,
        #[serde(default)]
        pub postcode: String,
        #[serde(default)]
        pub city: String,
    }

    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct CompanyV1 {
        #[serde(default)]
        pub name: String,
        #[serde(default)]
        pub address: AddressV1,
        #[serde(default)]
        pub iban: String,
        #[serde(default)]
        pub kvk_number: String,
        #[serde(default)]
        pub vat_number: String,
        #[serde(default)]
        pub email: String,
        #[serde(default)]
        pub phone: String,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct SettingsV1 {
        pub default_term_days: u16,
        /// ISO 4217 code.
        pub currency: String,
        /// The law settings; written only when they differ from the defaults, and read as the
        /// defaults when absent (as in backups made before they existed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub law: Option<LawV1>,
        /// The risk settings; written only when they differ from the defaults, and read as the
        /// defaults when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub risk: Option<RiskV1>,
        /// The dunning settings; written only when they differ from the defaults, and read as
        /// the defaults when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub dunning: Option<DunningV1>,
        /// The market data; written only when there is any, and read as empty when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub market: Option<MarketV1>,
    }

    impl Default for SettingsV1 {
        fn default() -> Self {
            SettingsV1 { default_term_days: 30, currency: "EUR".into(), law: None, risk: None, dunning: None, market: None }
        }
    }

    /// The user's market data: companies per segment and the prospect list. A list left out is
    /// empty.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, default)]
    pub struct MarketV1 {
        pub counts: Vec<MarketCountV1>,
        pub prospects: Vec<ProspectV1>,
    }

    /// The number of companies in one segment; a sector "", a `size_class` or `region` null
    /// means all of that dimension.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct MarketCountV1 {
        #[serde(default)]
        pub sector: String,
        #[serde(default)]
        pub size_class: Option<SizeClassV1>,
        #[serde(default)]
        pub region: Option<RegionV1>,
        pub companies: u32,
        #[serde(default)]
        pub source: String,
    }

    /// A region, written as its code: `NL-10` (a Dutch postcode area), `NL`, `BE-VAN` (a Belgian
    /// province), `BE`, `DE`; a country code that would not read back as itself behind a `*`.
    /// Anything else is refused where it is read, with its line and column.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct RegionV1(pub Region);

    impl Serialize for RegionV1 {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let text = match &self.0 {
                Region::Other(c) if Region::parse(c).as_ref() != Some(&self.0) => format!("*{c}"),
                r => r.code(),
            };
            s.serialize_str(&text)
        }
    }

    impl<'de> Deserialize<'de> for RegionV1 {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let text = String::deserialize(d)?;
            if let Some(raw) = text.strip_prefix('*') {
                return Ok(RegionV1(Region::Other(raw.to_string())));
            }
            Region::parse(&text)
                .filter(|r| r.code() == text)
                .map(RegionV1)
                .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not a region code (NL-10, NL, BE-VAN, BE, DE)")))
        }
    }

    /// A company that is not yet a customer.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ProspectV1 {
        pub name: String,
        #[serde(default)]
        pub sector: String,
        #[serde(default)]
        pub size_class: Option<SizeClassV1>,
        #[serde(default)]
        pub region: Option<RegionV1>,
        /// 0-100, null when unknown.
        #[serde(default)]
        pub score: Option<u8>,
        #[serde(default)]
        pub city: String,
        #[serde(default)]
        pub note: String,
    }

    /// Dunning policies, their assignment, thresholds and templates. Every field left out reads
    /// as its default (`#[serde(default)]` on the struct); a list that is present is the whole
    /// list.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct DunningV1 {
        pub policies: Vec<PolicyV1>,
        /// First match wins.
        pub rules: Vec<RuleV1>,
        /// The id of the policy for customers no rule matches.
        pub default_policy: String,
        /// Decimal strings: e-mail below this open amount, a letter up to `letter_up_to`, a
        /// call above.
        pub email_below: String,
        pub letter_up_to: String,
        /// Decimal strings: a senior from this open amount, the owner from `owner_from`.
        pub senior_from: String,
        pub owner_from: String,
        /// Decimal string: invoices from this amount get the proactive check.
        pub proactive_from: String,
        /// Days after a broken promise before the call.
        pub promise_grace_days: u16,
        /// The user's own texts, replacing a built-in template.
        pub templates: Vec<TemplateV1>,
        /// The collection agency the hand-over letter is addressed to; absent when not set.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub agency: Option<AgencyV1>,
    }

    /// A collection agency or lawyer.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, default)]
    pub struct AgencyV1 {
        pub name: String,
        pub contact: String,
        pub street: String,
        pub postcode: String,
        pub city: String,
        pub email: String,
    }

    impl Default for DunningV1 {
        fn default() -> Self {
            dunning_v1(&DunningSettings::default())
        }
    }

    /// A policy: its stable id (also the profile a customer can carry), name and ordered steps.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PolicyV1 {
        pub id: String,
        #[serde(default)]
        pub name: String,
        #[serde(default)]
        pub steps: Vec<StepV1>,
    }

    fn zero() -> String {
        "0".into()
    }

    /// One step of a policy.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StepV1 {
        pub kind: StepKindV1,
        pub base: StepBaseV1,
        /// Days after the base (negative: before).
        #[serde(default)]
        pub offset_days: i32,
        pub channel: ChannelV1,
        /// Decimal string: only for invoices with at least this open.
        #[serde(default = "zero")]
        pub min_amount: String,
        /// Decimal string: a fee announced in the message.
        #[serde(default = "zero")]
        pub fee: String,
        #[serde(default)]
        pub announce_interest: bool,
        #[serde(default)]
        pub announce_costs: bool,
        #[serde(default)]
        pub level: CollectorV1,
        /// The payment deadline the message gives (0 = none).
        #[serde(default)]
        pub deadline_days: u16,
        #[serde(default)]
        pub nearby_only: bool,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum StepKindV1 {
        ProactiveCheck,
        InvoiceFollowUp,
        DueDateCall,
        Reminder,
        FirstDunning,
        Call,
        Visit,
        FinalNotice,
        HandOver,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum StepBaseV1 {
        InvoiceDate,
        DueDate,
        PreviousStep,
    }

    /// Assigns `policy` to customers meeting every condition that is set.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct RuleV1 {
        pub policy: String,
        /// Payment grades ("A" to "D", "" = no grade yet); empty = any.
        #[serde(default)]
        pub grades: Vec<String>,
        #[serde(default)]
        pub score_below: Option<u8>,
        /// Empty = any.
        #[serde(default)]
        pub risk_levels: Vec<RiskLevelV1>,
        #[serde(default)]
        pub kind: Option<CustomerKindV1>,
        /// Decimal string, or null for any amount.
        #[serde(default)]
        pub open_at_least: Option<String>,
    }

    /// A message template of a step in a language (`nl` or `en`), with `{placeholders}`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct TemplateV1 {
        pub kind: StepKindV1,
        pub lang: String,
        #[serde(default)]
        pub subject: String,
        #[serde(default)]
        pub body: String,
    }

    /// Thresholds of grades and signals, the credit-check rules and the risk table. Every field
    /// left out reads as its default (`#[serde(default)]` on the struct).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct RiskV1 {
        /// Grade A up to this weighted number of days late (inclusive).
        pub grade_a_max: i32,
        pub grade_b_max: i32,
        pub grade_c_max: i32,
        /// Contact attempts in a row without a response.
        pub silent_attempts: u32,
        /// The same excuse this many times within `excuse_window_days`.
        pub excuse_repeats: u32,
        pub excuse_window_days: u32,
        /// Orders of the last 3 months below this percentage of the period before.
        pub buying_less_percent: u32,
        pub broken_promises: u32,
        /// A dispute open longer than this many days.
        pub dispute_days: u32,
        /// Requests for longer terms within `extension_window_days`.
        pub extension_requests: u32,
        pub extension_window_days: u32,
        /// The last payments this many days later than the median before.
        pub pattern_change_days: u32,
        /// An external score drop of this many points, or a score below `score_floor`.
        pub score_drop: u32,
        pub score_floor: u32,
        /// Partial payments in round amounts.
        pub round_payments: u32,
        /// Warn on new orders while the first invoice is unpaid.
        pub warn_first_invoice_unpaid: bool,
        /// Decimal string: percent of the expected yearly revenue a customer may owe.
        pub limit_revenue_share: String,
        /// Decimal string: percent of a loss the credit insurer pays.
        pub insured_share: String,
        /// The whole risk table.
        pub table: Vec<RiskRowV1>,
    }

    impl Default for RiskV1 {
        fn default() -> Self {
            risk_v1(&RiskSettings::default())
        }
    }

    /// Customers whose sector starts with `sector` (case-insensitive) in `country` (ISO code);
    /// either "" for any.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct RiskRowV1 {
        #[serde(default)]
        pub sector: String,
        #[serde(default)]
        pub country: String,
        pub level: RiskLevelV1,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RiskLevelV1 {
        Low,
        Medium,
        High,
    }

    /// The settings of the interest and collection-cost calculations.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct LawV1 {
        /// The user's rows of the statutory rate tables.
        #[serde(default)]
        pub rates: Vec<RateRowV1>,
        /// VAT percentage added to collection costs (decimal string), or null for none.
        #[serde(default)]
        pub costs_vat: Option<String>,
        #[serde(default)]
        pub order: PaymentOrderV1,
        #[serde(default)]
        pub nl_business_costs: NlBusinessCostsV1,
        /// Postage per later Belgian reminder by letter (decimal string); absent = 0.
        #[serde(default)]
        pub be_postage: Option<String>,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RateTableV1 {
        /// Art. 6:119a BW.
        NlCommercial,
        /// Art. 6:119 BW.
        NlConsumer,
        /// Belgian law of 2 August 2002.
        BeCommercial,
    }

    /// `rate` percent per year from `from` to `to`, both inclusive.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct RateRowV1 {
        pub table: RateTableV1,
        pub from: NaiveDate,
        pub to: NaiveDate,
        /// Decimal string, percent per year.
        pub rate: String,
        #[serde(default)]
        pub source: String,
    }

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum PaymentOrderV1 {
        #[default]
        CostsInterestPrincipal,
        PrincipalInterestCosts,
    }

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum NlBusinessCostsV1 {
        #[default]
        Staffel,
        Fixed40,
        None,
    }

    /// Contract terms of a customer: `{"interest": {"rate": "1", "per_month": true, "compound":
    /// false}, "costs": {"percent": "15"}}`; either may be null or absent.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct TermsV1 {
        #[serde(default)]
        pub interest: Option<InterestV1>,
        #[serde(default)]
        pub costs: Option<CostsV1>,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct InterestV1 {
        /// Decimal string: percent per year, or per month when `per_month`.
        pub rate: String,
        #[serde(default)]
        pub per_month: bool,
        /// Compounded yearly; otherwise simple.
        #[serde(default)]
        pub compound: bool,
    }

    /// `{"fixed": "40.00"}` (an amount per claim) or `{"percent": "15"}` (of the principal).
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CostsV1 {
        Fixed(String),
        Percent(String),
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CustomerKindV1 {
        Business,
        Consumer,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SizeClassV1 {
        /// fewer than 20 employees
        Small,
        /// 20 to 200
        Medium,
        /// more than 200
        Large,
    }

    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum CollectorV1 {
        #[default]
        Junior,
        Senior,
        Owner,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ScoreV1 {
        pub date: NaiveDate,
        pub score: u8,
        #[serde(default)]
        pub source: String,
    }

    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct FlagsV1 {
        #[serde(default)]
        pub on_hold: bool,
        #[serde(default)]
        pub prepayment_required: bool,
        #[serde(default)]
        pub handed_over: bool,
        /// Credit-insured up to this amount (decimal string), or null.
        #[serde(default)]
        pub insured_limit: Option<String>,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct CustomerV1 {
        pub id: u32,
        pub number: String,
        pub name: String,
        pub kind: CustomerKindV1,
        /// ISO 3166 code: `NL`, `BE`, or any other.
        pub country: String,
        #[serde(default)]
        pub sector: String,
        #[serde(default)]
        pub size_class: Option<SizeClassV1>,
        #[serde(default)]
        pub contact_person: String,
        #[serde(default)]
        pub email: String,
        #[serde(default)]
        pub phone: String,
        #[serde(default)]
        pub address: AddressV1,
        #[serde(default)]
        pub iban: String,
        #[serde(default)]
        pub vat_number: String,
        pub payment_term_days: u16,
        /// Decimal string, or null for no limit.
        #[serde(default)]
        pub credit_limit: Option<String>,
        /// External credit scores, in the order kept by the ledger (oldest first).
        #[serde(default)]
        pub scores: Vec<ScoreV1>,
        #[serde(default)]
        pub profile: String,
        #[serde(default)]
        pub collector: CollectorV1,
        #[serde(default)]
        pub flags: FlagsV1,
        #[serde(default)]
        pub notes: String,
        /// Contractual interest and costs; written only when the customer has any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub terms: Option<TermsV1>,
    }

    /// Margin for the market analysis: `{"kind": "amount", "value": "120.00"}` or
    /// `{"kind": "percent", "value": "25"}`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(tag = "kind", content = "value", rename_all = "snake_case")]
    pub enum MarginV1 {
        Amount(String),
        Percent(String),
    }

    /// An invoice, or a credit note when `credit_note_for` names the invoice it corrects.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct InvoiceV1 {
        pub id: u32,
        pub number: String,
        pub customer: u32,
        pub date: NaiveDate,
        pub due: NaiveDate,
        /// Decimal string, positive (also for a credit note).
        pub amount: String,
        /// ISO 4217 code.
        pub currency: String,
        #[serde(default)]
        pub description: String,
        #[serde(default)]
        pub margin: Option<MarginV1>,
        /// The id of the invoice this credit note corrects; null for an invoice.
        #[serde(default)]
        pub credit_note_for: Option<u32>,
        /// The customer's payment reference.
        #[serde(default)]
        pub reference: String,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct AllocationV1 {
        pub invoice: u32,
        /// Decimal string.
        pub amount: String,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PaymentV1 {
        pub id: u32,
        pub customer: u32,
        pub date: NaiveDate,
        /// Decimal string.
        pub amount: String,
        pub currency: String,
        #[serde(default)]
        pub payer_name: String,
        #[serde(default)]
        pub payer_iban: String,
        #[serde(default)]
        pub reference: String,
        /// What part goes to which invoice; the rest is unallocated.
        #[serde(default)]
        pub allocations: Vec<AllocationV1>,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ChannelV1 {
        Email,
        Phone,
        Letter,
        RegisteredLetter,
        Visit,
        HandOver,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum OutcomeV1 {
        Reached,
        NoAnswer,
        NoResponse,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ExcuseV1 {
        InvoiceNotReceived,
        CashFlow,
        WaitingForOwnCustomer,
        ApprovalPending,
        WrongDetails,
        QualityComplaint,
        Other,
    }

    /// What happened: `{"type": "promise", "amount": "500.00", "date": "2026-04-01"}`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    pub enum EventKindV1 {
        Contact {
            channel: ChannelV1,
            outcome: OutcomeV1,
        },
        Note,
        /// `date` is the promised payment date.
        Promise {
            amount: String,
            date: NaiveDate,
        },
        Excuse {
            category: ExcuseV1,
        },
        DisputeOpened {
            #[serde(default)]
            reason: String,
        },
        DisputeResolved,
        ExtensionRequest {
            days: u16,
        },
        Order {
            amount: String,
        },
        DunningDone {
            step: String,
            channel: ChannelV1,
        },
        WrittenOff,
        /// The credit limit set by hand: a decimal string, or null for no limit; who set it.
        /// The reason is the entry's `note`.
        LimitSet {
            #[serde(default)]
            limit: Option<String>,
            #[serde(default)]
            by: String,
        },
        /// The claim handed over to a collection agency, with the amount handed over (principal,
        /// interest and costs).
        HandOver {
            agency: String,
            amount: String,
        },
        /// A dunning step not done, on purpose: the step's key. The reason is the entry's `note`.
        DunningSkipped {
            step: String,
        },
        /// Dunning paused by hand until this date (inclusive).
        Paused {
            until: NaiveDate,
        },
    }

    /// An entry in the collection diary.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct EventV1 {
        pub id: u32,
        pub customer: u32,
        /// The invoice it is about, if any.
        #[serde(default)]
        pub invoice: Option<u32>,
        pub date: NaiveDate,
        pub kind: EventKindV1,
        #[serde(default)]
        pub note: String,
    }

    // ----- domain -> records -----

    impl BackupV1 {
        pub fn from_ledger(ledger: &Ledger, exported_at: &str) -> BackupV1 {
            let parts = ledger.to_parts();
            BackupV1 {
                format: FORMAT.to_string(),
                version: 1,
                exported_at: exported_at.to_string(),
                company: company_out(&parts.company),
                settings: SettingsV1 {
                    default_term_days: parts.settings.default_term_days,
                    currency: parts.settings.currency.code().to_string(),
                    law: law_out(&parts.settings.law),
                    risk: (parts.settings.risk != RiskSettings::default()).then(|| risk_v1(&parts.settings.risk)),
                    dunning: (parts.settings.dunning != DunningSettings::default())
                        .then(|| dunning_v1(&parts.settings.dunning)),
                    market: market_out(&parts.settings.market),
                },
                customers: parts.customers.iter().map(customer_out).collect(),
                invoices: parts.invoices.iter().map(invoice_out).collect(),
                payments: parts.payments.iter().map(payment_out).collect(),
                events: parts.events.iter().map(event_out).collect(),
            }
        }
    }

    fn size_out(s: SizeClass) -> SizeClassV1 {
        match s {
            SizeClass::Small => SizeClassV1::Small,
            SizeClass::Medium => SizeClassV1::Medium,
            SizeClass::Large => SizeClassV1::Large,
        }
    }

    fn size_in(s: SizeClassV1) -> SizeClass {
        match s {
            SizeClassV1::Small => SizeClass::Small,
            SizeClassV1::Medium => SizeClass::Medium,
            SizeClassV1::Large => SizeClass::Large,
        }
    }

    /// `None` for empty market data, so such a backup reads exactly as before.
    fn market_out(m: &MarketData) -> Option<MarketV1> {
        (*m != MarketData::default()).then(|| MarketV1 {
            counts: m
                .counts
                .iter()
                .map(|c| MarketCountV1 {
                    sector: c.sector.clone(),
                    size_class: c.size_class.map(size_out),
                    region: c.region.clone().map(RegionV1),
                    companies: c.companies,
                    source: c.source.clone(),
                })
                .collect(),
            prospects: m
                .prospects
                .iter()
                .map(|p| ProspectV1 {
                    name: p.name.clone(),
                    sector: p.sector.clone(),
                    size_class: p.size_class.map(size_out),
                    region: p.region.clone().map(RegionV1),
                    score: p.score,
                    city: p.city.clone(),
                    note: p.note.clone(),
                })
                .collect(),
        })
    }

    /// The market data, checked by its rules (`MarketData::validate`): the record names the
    /// list and row, counting from 1.
    fn market_in(m: MarketV1) -> Result<MarketData, PartsError> {
        let counts = m
            .counts
            .into_iter()
            .map(|c| MarketCount {
                sector: c.sector,
                size_class: c.size_class.map(size_in),
                region: c.region.map(|r| r.0),
                companies: c.companies,
                source: c.source,
            })
            .collect();
        let prospects = m
            .prospects
            .into_iter()
            .map(|p| Prospect {
                name: p.name,
                sector: p.sector,
                size_class: p.size_class.map(size_in),
                region: p.region.map(|r| r.0),
                score: p.score,
                city: p.city,
                note: p.note,
            })
            .collect();
        let market = MarketData { counts, prospects };
        if let Some(p) = market.validate().into_iter().next() {
            let (list, first) = match p.list {
                MarketListKind::Counts => ("market count", market.counts.get(p.row - 1).map(|c| c.segment())),
                MarketListKind::Prospects => ("prospect", None),
            };
            let error = match p.kind {
                MarketProblemKind::BadCompanies(_) => DomainError::AmountNotPositive,
                MarketProblemKind::BadScore(_) => DomainError::ScoreOutOfRange,
                MarketProblemKind::Empty(_) => DomainError::NameRequired,
                _ => DomainError::DuplicateId(
                    first
                        .map(|(s, _, r)| format!("{s} {}", r.map(|r| r.code()).unwrap_or_default()).trim().to_string())
                        .unwrap_or_default(),
                ),
            };
            return Err(PartsError { record: format!("settings, {list} {}", p.row), error });
        }
        Ok(market)
    }

    fn address_out(a: &Address) -> AddressV1 {
        AddressV1 { street: a.street.clone(), postcode: a.postcode.clone(), city: a.city.clone() }
    }

    fn company_out(c: &Company) -> CompanyV1 {
        CompanyV1 {
            name: c.name.clone(),
            address: address_out(&c.address),
            iban: c.iban.clone(),
            kvk_number: c.kvk_number.clone(),
            vat_number: c.vat_number.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
        }
    }

    fn table_out(t: RateTableKind) -> RateTableV1 {
        match t {
            RateTableKind::NlCommercial => RateTableV1::NlCommercial,
            RateTableKind::NlConsumer => RateTableV1::NlConsumer,
            RateTableKind::BeCommercial => RateTableV1::BeCommercial,
        }
    }

    /// `None` for the default settings, so that such a backup reads exactly as before.
    fn law_out(l: &LawSettings) -> Option<LawV1> {
        (*l != LawSettings::default()).then(|| LawV1 {
            rates: l
                .rates
                .iter()
                .map(|r| RateRowV1 {
                    table: table_out(r.table),
                    from: r.from,
                    to: r.to,
                    rate: r.rate.to_string(),
                    source: r.source.clone(),
                })
                .collect(),
            costs_vat: l.costs_vat.map(|d| d.to_string()),
            order: match l.order {
                PaymentOrder::CostsInterestPrincipal => PaymentOrderV1::CostsInterestPrincipal,
                PaymentOrder::PrincipalInterestCosts => PaymentOrderV1::PrincipalInterestCosts,
            },
            nl_business_costs: match l.nl_business_costs {
                NlBusinessCosts::Staffel => NlBusinessCostsV1::Staffel,
                NlBusinessCosts::Fixed40 => NlBusinessCostsV1::Fixed40,
                NlBusinessCosts::None => NlBusinessCostsV1::None,
            },
            be_postage: Some(l.be_postage.to_string()),
        })
    }

    fn risk_v1(r: &RiskSettings) -> RiskV1 {
        RiskV1 {
            grade_a_max: r.grade_a_max,
            grade_b_max: r.grade_b_max,
            grade_c_max: r.grade_c_max,
            silent_attempts: r.silent_attempts,
            excuse_repeats: r.excuse_repeats,
            excuse_window_days: r.excuse_window_days,
            buying_less_percent: r.buying_less_percent,
            broken_promises: r.broken_promises,
            dispute_days: r.dispute_days,
            extension_requests: r.extension_requests,
            extension_window_days: r.extension_window_days,
            pattern_change_days: r.pattern_change_days,
            score_drop: r.score_drop,
            score_floor: r.score_floor,
            round_payments: r.round_payments,
            warn_first_invoice_unpaid: r.warn_first_invoice_unpaid,
            limit_revenue_share: r.limit_revenue_share.to_string(),
            insured_share: r.insured_share.to_string(),
            table: r
                .table
                .iter()
                .map(|row| RiskRowV1 {
                    sector: row.sector.clone(),
                    country: row.country.clone(),
                    level: level_out(row.level),
                })
                .collect(),
        }
    }

    fn level_out(l: RiskLevel) -> RiskLevelV1 {
        match l {
            RiskLevel::Low => RiskLevelV1::Low,
            RiskLevel::Medium => RiskLevelV1::Medium,
            RiskLevel::High => RiskLevelV1::High,
        }
    }

    fn collector_out(c: CollectorLevel) -> CollectorV1 {
        match c {
            CollectorLevel::Junior => CollectorV1::Junior,
            CollectorLevel::Senior => CollectorV1::Senior,
            CollectorLevel::Owner => CollectorV1::Owner,
        }
    }

    fn customer_kind_out(k: CustomerKind) -> CustomerKindV1 {
        match k {
            CustomerKind::Business => CustomerKindV1::Business,
            CustomerKind::Consumer => CustomerKindV1::Consumer,
        }
    }

    fn step_kind_out(k: StepKind) -> StepKindV1 {
        match k {
            StepKind::ProactiveCheck => StepKindV1::ProactiveCheck,
            StepKind::InvoiceFollowUp => StepKindV1::InvoiceFollowUp,
            StepKind::DueDateCall => StepKindV1::DueDateCall,
            StepKind::Reminder => StepKindV1::Reminder,
            StepKind::FirstDunning => StepKindV1::FirstDunning,
            StepKind::Call => StepKindV1::Call,
            StepKind::Visit => StepKindV1::Visit,
            StepKind::FinalNotice => StepKindV1::FinalNotice,
            StepKind::HandOver => StepKindV1::HandOver,
        }
    }

    fn dunning_v1(d: &DunningSettings) -> DunningV1 {
        DunningV1 {
            policies: d
                .policies
                .iter()
                .map(|p| PolicyV1 {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    steps: p
                        .steps
                        .iter()
                        .map(|s| StepV1 {
                            kind: step_kind_out(s.kind),
                            base: match s.base {
                                StepBase::InvoiceDate => StepBaseV1::InvoiceDate,
                                StepBase::DueDate => StepBaseV1::DueDate,
                                StepBase::PreviousStep => StepBaseV1::PreviousStep,
                            },
                            offset_days: s.offset_days,
                            channel: channel_out(s.channel),
                            min_amount: s.min_amount.to_string(),
                            fee: s.fee.to_string(),
                            announce_interest: s.announce_interest,
                            announce_costs: s.announce_costs,
                            level: collector_out(s.level),
                            deadline_days: s.deadline_days,
                            nearby_only: s.nearby_only,
                        })
                        .collect(),
                })
                .collect(),
            rules: d
                .rules
                .iter()
                .map(|r| RuleV1 {
                    policy: r.policy.clone(),
                    grades: r.grades.clone(),
                    score_below: r.score_below,
                    risk_levels: r.risk_levels.iter().map(|l| level_out(*l)).collect(),
                    kind: r.kind.map(customer_kind_out),
                    open_at_least: r.open_at_least.map(|d| d.to_string()),
                })
                .collect(),
            default_policy: d.default_policy.clone(),
            email_below: d.email_below.to_string(),
            letter_up_to: d.letter_up_to.to_string(),
            senior_from: d.senior_from.to_string(),
            owner_from: d.owner_from.to_string(),
            proactive_from: d.proactive_from.to_string(),
            promise_grace_days: d.promise_grace_days,
            templates: d
                .templates
                .iter()
                .map(|t| TemplateV1 {
                    kind: step_kind_out(t.kind),
                    lang: t.lang.clone(),
                    subject: t.subject.clone(),
                    body: t.body.clone(),
                })
                .collect(),
            agency: (d.agency != Agency::default()).then(|| AgencyV1 {
                name: d.agency.name.clone(),
                contact: d.agency.contact.clone(),
                street: d.agency.address.street.clone(),
                postcode: d.agency.address.postcode.clone(),
                city: d.agency.address.city.clone(),
                email: d.agency.email.clone(),
            }),
        }
    }

    /// `None` for a customer without contract terms.
    fn terms_out(t: &ContractTerms) -> Option<TermsV1> {
        (!t.is_empty()).then(|| TermsV1 {
            interest: t.interest.map(|i| InterestV1 {
                rate: i.rate.to_string(),
                per_month: i.per_month,
                compound: i.compound,
            }),
            costs: t.costs.map(|c| match c {
                ContractCosts::Fixed(a) => CostsV1::Fixed(a.to_string()),
                ContractCosts::Percent(p) => CostsV1::Percent(p.to_string()),
            }),
        })
    }

    fn customer_out(c: &Customer) -> CustomerV1 {
        CustomerV1 {
            id: c.id.0,
            number: c.number.clone(),
            name: c.name.clone(),
            kind: customer_kind_out(c.kind),
            country: c.country.code().to_string(),
            sector: c.sector.clone(),
            size_class: c.size_class.map(|s| match s {
                SizeClass::Small => SizeClassV1::Small,
                SizeClass::Medium => SizeClassV1::Medium,
                SizeClass::Large => SizeClassV1::Large,
            }),
            contact_person: c.contact_person.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            address: address_out(&c.address),
            iban: c.iban.clone(),
            vat_number: c.vat_number.clone(),
            payment_term_days: c.payment_term_days,
            credit_limit: c.credit_limit.map(|d| d.to_string()),
            scores: c
                .scores
                .iter()
                .map(|s| ScoreV1 { date: s.date, score: s.score, source: s.source.clone() })
                .collect(),
            profile: c.profile.clone(),
            collector: collector_out(c.collector),
            flags: FlagsV1 {
                on_hold: c.flags.on_hold,
                prepayment_required: c.flags.prepayment_required,
                handed_over: c.flags.handed_over,
                insured_limit: c.flags.insured_limit.map(|d| d.to_string()),
            },
            notes: c.notes.clone(),
            terms: terms_out(&c.terms),
        }
    }

    fn invoice_out(i: &Invoice) -> InvoiceV1 {
        InvoiceV1 {
            id: i.id.0,
            number: i.number.clone(),
            customer: i.customer.0,
            date: i.date,
            due: i.due,
            amount: i.amount.amount.to_string(),
            currency: i.amount.currency.code().to_string(),
            description: i.description.clone(),
            margin: i.margin.map(|m| match m {
                Margin::Amount(d) => MarginV1::Amount(d.to_string()),
                Margin::Percent(d) => MarginV1::Percent(d.to_string()),
            }),
            credit_note_for: i.credits.map(|c| c.0),
            reference: i.reference.clone(),
        }
    }

    fn payment_out(p: &Payment) -> PaymentV1 {
        PaymentV1 {
            id: p.id.0,
            customer: p.customer.0,
            date: p.date,
            amount: p.amount.amount.to_string(),
            currency: p.amount.currency.code().to_string(),
            payer_name: p.payer_name.clone(),
            payer_iban: p.payer_iban.clone(),
            reference: p.reference.clone(),
            allocations: p
                .allocations()
                .iter()
                .map(|a| AllocationV1 { invoice: a.invoice.0, amount: a.amount.to_string() })
                .collect(),
        }
    }

    fn channel_out(c: Channel) -> ChannelV1 {
        match c {
            Channel::Email => ChannelV1::Email,
            Channel::Phone => ChannelV1::Phone,
            Channel::Letter => ChannelV1::Letter,
            Channel::RegisteredLetter => ChannelV1::RegisteredLetter,
            Channel::Visit => ChannelV1::Visit,
            Channel::HandOver => ChannelV1::HandOver,
        }
    }

    fn event_out(e: &Event) -> EventV1 {
        let kind = match &e.kind {
            EventKind::Contact { channel, outcome } => EventKindV1::Contact {
                channel: channel_out(*channel),
                outcome: match outcome {
                    ContactOutcome::Reached => OutcomeV1::Reached,
                    ContactOutcome::NoAnswer => OutcomeV1::NoAnswer,
                    ContactOutcome::NoResponse => OutcomeV1::NoResponse,
                },
            },
            EventKind::Note => EventKindV1::Note,
            EventKind::Promise { amount, date } => EventKindV1::Promise { amount: amount.to_string(), date: *date },
            EventKind::Excuse { category } => EventKindV1::Excuse {
                category: match category {
                    ExcuseCategory::InvoiceNotReceived => ExcuseV1::InvoiceNotReceived,
                    ExcuseCategory::CashFlow => ExcuseV1::CashFlow,
                    ExcuseCategory::WaitingForOwnCustomer => ExcuseV1::WaitingForOwnCustomer,
                    ExcuseCategory::ApprovalPending => ExcuseV1::ApprovalPending,
                    ExcuseCategory::WrongDetails => ExcuseV1::WrongDetails,
                    ExcuseCategory::QualityComplaint => ExcuseV1::QualityComplaint,
                    ExcuseCategory::Other => ExcuseV1::Other,
                },
            },
            EventKind::DisputeOpened { reason } => EventKindV1::DisputeOpened { reason: reason.clone() },
            EventKind::DisputeResolved => EventKindV1::DisputeResolved,
            EventKind::ExtensionRequest { days } => EventKindV1::ExtensionRequest { days: *days },
            EventKind::Order { amount } => EventKindV1::Order { amount: amount.to_string() },
            EventKind::DunningDone { step, channel } => {
                EventKindV1::DunningDone { step: step.clone(), channel: channel_out(*channel) }
            }
            EventKind::WrittenOff => EventKindV1::WrittenOff,
            EventKind::LimitSet { limit, by } => {
                EventKindV1::LimitSet { limit: limit.map(|d| d.to_string()), by: by.clone() }
            }
            EventKind::HandOver { agency, amount } => {
                EventKindV1::HandOver { agency: agency.clone(), amount: amount.to_string() }
            }
            EventKind::DunningSkipped { step } => EventKindV1::DunningSkipped { step: step.clone() },
            EventKind::Paused { until } => EventKindV1::Paused { until: *until },
        };
        EventV1 {
            id: e.id.0,
            customer: e.customer.0,
            invoice: e.invoice.map(|i| i.0),
            date: e.date,
            kind,
            note: e.note.clone(),
        }
    }

    // ----- records -> domain -----

    /// A decimal string, or `BadAmount` naming the record.
    fn decimal(text: &str, record: &dyn Fn() -> String) -> Result<Decimal, PartsError> {
        Decimal::from_str(text.trim())
            .map_err(|_| PartsError { record: record(), error: DomainError::BadAmount(text.to_string()) })
    }

    fn currency(code: &str, record: &dyn Fn() -> String) -> Result<Currency, PartsError> {
        Currency::parse(code).map_err(|error| PartsError { record: record(), error })
    }

    fn address_in(a: AddressV1) -> Address {
        Address { street: a.street, postcode: a.postcode, city: a.city }
    }

    fn channel_in(c: ChannelV1) -> Channel {
        match c {
            ChannelV1::Email => Channel::Email,
            ChannelV1::Phone => Channel::Phone,
            ChannelV1::Letter => Channel::Letter,
            ChannelV1::RegisteredLetter => Channel::RegisteredLetter,
            ChannelV1::Visit => Channel::Visit,
            ChannelV1::HandOver => Channel::HandOver,
        }
    }

    impl BackupV1 {
        /// The records as domain values. Only the conversions are checked here (amounts,
        /// currencies, payments); the ledger's rules are checked by [`Ledger::from_parts`].
        ///
        /// # Errors
        /// The first record whose amount or currency cannot be read.
        pub fn into_parts(self) -> Result<LedgerParts, PartsError> {
            let settings_rec = || "settings".to_string();
            let settings = LedgerSettings {
                default_term_days: self.settings.default_term_days,
                currency: currency(&self.settings.currency, &settings_rec)?,
                law: self.settings.law.map(law_in).transpose()?.unwrap_or_default(),
                risk: self.settings.risk.map(risk_in).transpose()?.unwrap_or_default(),
                dunning: self.settings.dunning.map(dunning_in).transpose()?.unwrap_or_default(),
                market: self.settings.market.map(market_in).transpose()?.unwrap_or_default(),
            };
            let c = self.company;
            let company = Company {
                name: c.name,
                address: address_in(c.address),
                iban: c.iban,
                kvk_number: c.kvk_number,
                vat_number: c.vat_number,
                email: c.email,
                phone: c.phone,
            };
            let customers = self.customers.into_iter().map(customer_in).collect::<Result<Vec<_>, _>>()?;
            let invoices = self.invoices.into_iter().map(invoice_in).collect::<Result<Vec<_>, _>>()?;
            let payments = self.payments.into_iter().map(payment_in).collect::<Result<Vec<_>, _>>()?;
            let events = self.events.into_iter().map(event_in).collect::<Result<Vec<_>, _>>()?;
            Ok(LedgerParts { company, settings, customers, invoices, payments, events })
        }
    }

    /// The law settings, every rate row checked (the record names the row, counting from 1).
    fn law_in(l: LawV1) -> Result<LawSettings, PartsError> {
        let settings_rec = || "settings".to_string();
        let rates = l
            .rates
            .into_iter()
            .enumerate()
            .map(|(n, r)| {
                let rec = || format!("settings, rate row {}", n + 1);
                let row = RateRow {
                    table: match r.table {
                        RateTableV1::NlCommercial => RateTableKind::NlCommercial,
                        RateTableV1::NlConsumer => RateTableKind::NlConsumer,
                        RateTableV1::BeCommercial => RateTableKind::BeCommercial,
                    },
                    from: r.from,
                    to: r.to,
                    rate: decimal(&r.rate, &rec)?,
                    source: r.source,
                };
                row.validate().map_err(|error| PartsError { record: rec(), error })?;
                Ok(row)
            })
            .collect::<Result<Vec<_>, PartsError>>()?;
        let law = LawSettings {
            rates,
            costs_vat: l.costs_vat.as_deref().map(|t| decimal(t, &settings_rec)).transpose()?,
            order: match l.order {
                PaymentOrderV1::CostsInterestPrincipal => PaymentOrder::CostsInterestPrincipal,
                PaymentOrderV1::PrincipalInterestCosts => PaymentOrder::PrincipalInterestCosts,
            },
            nl_business_costs: match l.nl_business_costs {
                NlBusinessCostsV1::Staffel => NlBusinessCosts::Staffel,
                NlBusinessCostsV1::Fixed40 => NlBusinessCosts::Fixed40,
                NlBusinessCostsV1::None => NlBusinessCosts::None,
            },
            be_postage: l.be_postage.as_deref().map(|t| decimal(t, &settings_rec)).transpose()?.unwrap_or_default(),
        };
        law.validate().map_err(|error| PartsError { record: settings_rec(), error })?;
        Ok(law)
    }

    /// The risk settings, checked as a whole (`RiskSettings::validate`).
    fn risk_in(r: RiskV1) -> Result<RiskSettings, PartsError> {
        let settings_rec = || "settings".to_string();
        let risk = RiskSettings {
            grade_a_max: r.grade_a_max,
            grade_b_max: r.grade_b_max,
            grade_c_max: r.grade_c_max,
            silent_attempts: r.silent_attempts,
            excuse_repeats: r.excuse_repeats,
            excuse_window_days: r.excuse_window_days,
            buying_less_percent: r.buying_less_percent,
            broken_promises: r.broken_promises,
            dispute_days: r.dispute_days,
            extension_requests: r.extension_requests,
            extension_window_days: r.extension_window_days,
            pattern_change_days: r.pattern_change_days,
            score_drop: r.score_drop,
            score_floor: r.score_floor,
            round_payments: r.round_payments,
            warn_first_invoice_unpaid: r.warn_first_invoice_unpaid,
            limit_revenue_share: decimal(&r.limit_revenue_share, &settings_rec)?,
            insured_share: decimal(&r.insured_share, &settings_rec)?,
            table: r
                .table
                .into_iter()
                .map(|row| RiskRow {
                    sector: row.sector,
                    country: row.country,
                    level: level_in(row.level),
                })
                .collect(),
        };
        risk.validate().map_err(|error| PartsError { record: settings_rec(), error })?;
        Ok(risk)
    }

    fn level_in(l: RiskLevelV1) -> RiskLevel {
        match l {
            RiskLevelV1::Low => RiskLevel::Low,
            RiskLevelV1::Medium => RiskLevel::Medium,
            RiskLevelV1::High => RiskLevel::High,
        }
    }

    fn collector_in(c: CollectorV1) -> CollectorLevel {
        match c {
            CollectorV1::Junior => CollectorLevel::Junior,
            CollectorV1::Senior => CollectorLevel::Senior,
            CollectorV1::Owner => CollectorLevel::Owner,
        }
    }

    fn customer_kind_in(k: CustomerKindV1) -> CustomerKind {
        match k {
            CustomerKindV1::Business => CustomerKind::Business,
            CustomerKindV1::Consumer => CustomerKind::Consumer,
        }
    }

    fn step_kind_in(k: StepKindV1) -> StepKind {
        match k {
            StepKindV1::ProactiveCheck => StepKind::ProactiveCheck,
            StepKindV1::InvoiceFollowUp => StepKind::InvoiceFollowUp,
            StepKindV1::DueDateCall => StepKind::DueDateCall,
            StepKindV1::Reminder => StepKind::Reminder,
            StepKindV1::FirstDunning => StepKind::FirstDunning,
            StepKindV1::Call => StepKind::Call,
            StepKindV1::Visit => StepKind::Visit,
            StepKindV1::FinalNotice => StepKind::FinalNotice,
            StepKindV1::HandOver => StepKind::HandOver,
        }
    }

    /// The dunning settings, checked as a whole (`DunningSettings::validate`).
    fn dunning_in(d: DunningV1) -> Result<DunningSettings, PartsError> {
        let rec = || "settings".to_string();
        let policies = d
            .policies
            .into_iter()
            .map(|p| {
                let steps = p
                    .steps
                    .into_iter()
                    .map(|s| {
                        Ok(Step {
                            kind: step_kind_in(s.kind),
                            base: match s.base {
                                StepBaseV1::InvoiceDate => StepBase::InvoiceDate,
                                StepBaseV1::DueDate => StepBase::DueDate,
                                StepBaseV1::PreviousStep => StepBase::PreviousStep,
                            },
                            offset_days: s.offset_days,
                            channel: channel_in(s.channel),
                            min_amount: decimal(&s.min_amount, &rec)?,
                            fee: decimal(&s.fee, &rec)?,
                            announce_interest: s.announce_interest,
                            announce_costs: s.announce_costs,
                            level: collector_in(s.level),
                            deadline_days: s.deadline_days,
                            nearby_only: s.nearby_only,
                        })
                    })
                    .collect::<Result<Vec<_>, PartsError>>()?;
                Ok(Policy { id: p.id, name: p.name, steps })
            })
            .collect::<Result<Vec<_>, PartsError>>()?;
        let rules = d
            .rules
            .into_iter()
            .map(|r| {
                Ok(AssignRule {
                    policy: r.policy,
                    grades: r.grades,
                    score_below: r.score_below,
                    risk_levels: r.risk_levels.into_iter().map(level_in).collect(),
                    kind: r.kind.map(customer_kind_in),
                    open_at_least: r.open_at_least.as_deref().map(|t| decimal(t, &rec)).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, PartsError>>()?;
        let dunning = DunningSettings {
            policies,
            rules,
            default_policy: d.default_policy,
            email_below: decimal(&d.email_below, &rec)?,
            letter_up_to: decimal(&d.letter_up_to, &rec)?,
            senior_from: decimal(&d.senior_from, &rec)?,
            owner_from: decimal(&d.owner_from, &rec)?,
            proactive_from: decimal(&d.proactive_from, &rec)?,
            promise_grace_days: d.promise_grace_days,
            templates: d
                .templates
                .into_iter()
                .map(|t| TemplateText { kind: step_kind_in(t.kind), lang: t.lang, subject: t.subject, body: t.body })
                .collect(),
            agency: d
                .agency
                .map(|a| Agency {
                    name: a.name,
                    contact: a.contact,
                    address: Address { street: a.street, postcode: a.postcode, city: a.city },
                    email: a.email,
                })
                .unwrap_or_default(),
        };
        dunning.validate().map_err(|error| PartsError { record: rec(), error })?;
        Ok(dunning)
    }

    /// The contract terms; their rules are checked with the customer by the ledger.
    fn terms_in(t: Option<TermsV1>, rec: &dyn Fn() -> String) -> Result<ContractTerms, PartsError> {
        let Some(t) = t else { return Ok(ContractTerms::default()) };
        Ok(ContractTerms {
            interest: t
                .interest
                .map(|i| {
                    Ok::<_, PartsError>(ContractInterest {
                        rate: decimal(&i.rate, rec)?,
                        per_month: i.per_month,
                        compound: i.compound,
                    })
                })
                .transpose()?,
            costs: t
                .costs
                .map(|c| match c {
                    CostsV1::Fixed(a) => decimal(&a, rec).map(ContractCosts::Fixed),
                    CostsV1::Percent(p) => decimal(&p, rec).map(ContractCosts::Percent),
                })
                .transpose()?,
        })
    }

    fn customer_in(r: CustomerV1) -> Result<Customer, PartsError> {
        let rec = || format!("customer {} ({})", r.id, r.number);
        let credit_limit = r.credit_limit.as_deref().map(|t| decimal(t, &rec)).transpose()?;
        let insured_limit = r.flags.insured_limit.as_deref().map(|t| decimal(t, &rec)).transpose()?;
        let terms = terms_in(r.terms, &rec)?;
        Ok(Customer {
            id: CustomerId(r.id),
            kind: customer_kind_in(r.kind),
            country: country_in(&r.country),
            sector: r.sector,
            size_class: r.size_class.map(|s| match s {
                SizeClassV1::Small => SizeClass::Small,
                SizeClassV1::Medium => SizeClass::Medium,
                SizeClassV1::Large => SizeClass::Large,
            }),
            contact_person: r.contact_person,
            email: r.email,
            phone: r.phone,
            address: address_in(r.address),
            iban: r.iban,
            vat_number: r.vat_number,
            payment_term_days: r.payment_term_days,
            credit_limit,
            scores: r
                .scores
                .into_iter()
                .map(|s| ScoreEntry { date: s.date, score: s.score, source: s.source })
                .collect(),
            profile: r.profile,
            collector: collector_in(r.collector),
            flags: CustomerFlags {
                on_hold: r.flags.on_hold,
                prepayment_required: r.flags.prepayment_required,
                handed_over: r.flags.handed_over,
                insured_limit,
            },
            terms,
            notes: r.notes,
            number: r.number,
            name: r.name,
        })
    }

    /// `Country::from_code` reads an empty code as NL; a backup keeps what it was given.
    fn country_in(code: &str) -> Country {
        if code.trim().is_empty() {
            Country::Other(String::new())
        } else {
            Country::from_code(code)
        }
    }

    fn invoice_in(r: InvoiceV1) -> Result<Invoice, PartsError> {
        let rec = || format!("invoice {} ({})", r.id, r.number);
        let amount = Money::new(decimal(&r.amount, &rec)?, currency(&r.currency, &rec)?);
        let margin = match &r.margin {
            None => None,
            Some(MarginV1::Amount(t)) => Some(Margin::Amount(decimal(t, &rec)?)),
            Some(MarginV1::Percent(t)) => Some(Margin::Percent(decimal(t, &rec)?)),
        };
        Ok(Invoice {
            id: InvoiceId(r.id),
            customer: CustomerId(r.customer),
            date: r.date,
            due: r.due,
            amount,
            description: r.description,
            margin,
            credits: r.credit_note_for.map(InvoiceId),
            reference: r.reference,
            number: r.number,
        })
    }

    fn payment_in(r: PaymentV1) -> Result<Payment, PartsError> {
        let rec = || format!("payment {}", r.id);
        let amount = Money::new(decimal(&r.amount, &rec)?, currency(&r.currency, &rec)?);
        let allocations = r
            .allocations
            .iter()
            .map(|a| Ok(Allocation { invoice: InvoiceId(a.invoice), amount: decimal(&a.amount, &rec)? }))
            .collect::<Result<Vec<_>, PartsError>>()?;
        let mut p = Payment::new(CustomerId(r.customer), r.date, amount, allocations)
            .map_err(|error| PartsError { record: rec(), error })?;
        p.id = PaymentId(r.id);
        p.payer_name = r.payer_name;
        p.payer_iban = r.payer_iban;
        p.reference = r.reference;
        Ok(p)
    }

    fn event_in(r: EventV1) -> Result<Event, PartsError> {
        let rec = || format!("diary entry {}", r.id);
        let kind = match r.kind {
            EventKindV1::Contact { channel, outcome } => EventKind::Contact {
                channel: channel_in(channel),
                outcome: match outcome {
                    OutcomeV1::Reached => ContactOutcome::Reached,
                    OutcomeV1::NoAnswer => ContactOutcome::NoAnswer,
                    OutcomeV1::NoResponse => ContactOutcome::NoResponse,
                },
            },
            EventKindV1::Note => EventKind::Note,
            EventKindV1::Promise { ref amount, date } => EventKind::Promise { amount: decimal(amount, &rec)?, date },
            EventKindV1::Excuse { category } => EventKind::Excuse {
                category: match category {
                    ExcuseV1::InvoiceNotReceived => ExcuseCategory::InvoiceNotReceived,
                    ExcuseV1::CashFlow => ExcuseCategory::CashFlow,
                    ExcuseV1::WaitingForOwnCustomer => ExcuseCategory::WaitingForOwnCustomer,
                    ExcuseV1::ApprovalPending => ExcuseCategory::ApprovalPending,
                    ExcuseV1::WrongDetails => ExcuseCategory::WrongDetails,
                    ExcuseV1::QualityComplaint => ExcuseCategory::QualityComplaint,
                    ExcuseV1::Other => ExcuseCategory::Other,
                },
            },
            EventKindV1::DisputeOpened { reason } => EventKind::DisputeOpened { reason },
            EventKindV1::DisputeResolved => EventKind::DisputeResolved,
            EventKindV1::ExtensionRequest { days } => EventKind::ExtensionRequest { days },
            EventKindV1::Order { ref amount } => EventKind::Order { amount: decimal(amount, &rec)? },
            EventKindV1::DunningDone { step, channel } => EventKind::DunningDone { step, channel: channel_in(channel) },
            EventKindV1::WrittenOff => EventKind::WrittenOff,
            EventKindV1::LimitSet { ref limit, ref by } => EventKind::LimitSet {
                limit: limit.as_deref().map(|t| decimal(t, &rec)).transpose()?,
                by: by.clone(),
            },
            EventKindV1::HandOver { ref agency, ref amount } => {
                EventKind::HandOver { agency: agency.clone(), amount: decimal(amount, &rec)? }
            }
            EventKindV1::DunningSkipped { step } => EventKind::DunningSkipped { step },
            EventKindV1::Paused { until } => EventKind::Paused { until },
        };
        Ok(Event {
            id: EventId(r.id),
            customer: CustomerId(r.customer),
            invoice: r.invoice.map(InvoiceId),
            date: r.date,
            kind,
            note: r.note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Event, EventKind, Invoice, Payment};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// A small ledger that uses every kind of record and most optional fields.
    fn sample() -> Ledger {
        let mut l = Ledger::new();
        l.company.name = "Studio Noorderlicht".into();
        l.company.address =
            Address { street: "Oude Ebbingestraat 41".into(), postcode: "9712 HC".into(), city: "Groningen".into() };
        l.company.kvk_number = "71234567".into();
        let mut c = Customer::new("D0001", "Bakkerij \"De Korenschoof\" B.V.");
        c.sector = "10.71 Brood en banket".into();
        c.size_class = Some(SizeClass::Small);
        c.iban = "NL91 ABNA 0417 1643 00".into();
        c.credit_limit = Some(dec("5000.00"));
        c.flags.insured_limit = Some(dec("2500"));
        c.flags.on_hold = true;
        c.collector = CollectorLevel::Senior;
        c.scores.push(ScoreEntry::new(day(2025, 6, 1), 71, "Graydon").unwrap());
        let c1 = l.add_customer(c).unwrap();
        let mut be = Customer::new("D0002", "Pieter Vermeulen");
        be.kind = CustomerKind::Consumer;
        be.country = Country::Be;
        let c2 = l.add_customer(be).unwrap();
        let mut inv = Invoice::new("2025-0001", c1, day(2025, 3, 1), 30, Money::eur(dec("1210.00")));
        inv.description = "Huisstijl — ontwerp\nen drukproef".into();
        inv.margin = Some(Margin::Percent(dec("35")));
        let i1 = l.add_invoice(inv).unwrap();
        let usd = Currency::parse("USD").unwrap();
        l.add_invoice(Invoice::new("2025-0002", c2, day(2025, 3, 5), 14, Money::new(dec("99.5"), usd))).unwrap();
        let cn = Invoice::credit_note("C2025-001", l.invoice(i1).unwrap(), day(2025, 3, 10), Money::eur(dec("121.00")));
        l.add_invoice(cn).unwrap();
        let mut p = Payment::new(
            c1,
            day(2025, 4, 2),
            Money::eur(dec("1200.00")),
            vec![Allocation { invoice: i1, amount: dec("1089.00") }],
        )
        .unwrap();
        p.payer_name = "BAKKERIJ DE KORENSCHOOF BV".into();
        p.reference = "Factuur 2025-0001".into();
        l.add_payment(p).unwrap();
        let mut e = Event::new(
            c1,
            Some(i1),
            day(2025, 4, 1),
            EventKind::Promise { amount: dec("1089"), date: day(2025, 4, 3) },
        );
        e.note = "Belt terug".into();
        l.add_event(e).unwrap();
        l.add_event(Event::new(c1, Some(i1), day(2025, 3, 20), EventKind::DisputeOpened { reason: "Kleur".into() }))
            .unwrap();
        l.add_event(Event::new(c1, Some(i1), day(2025, 3, 25), EventKind::DisputeResolved)).unwrap();
        l.add_event(Event::new(
            c2,
            None,
            day(2025, 3, 21),
            EventKind::Contact { channel: Channel::RegisteredLetter, outcome: ContactOutcome::NoResponse },
        ))
        .unwrap();
        l.add_event(Event::new(
            c2,
            None,
            day(2025, 3, 22),
            EventKind::DunningDone { step: "Herinnering".into(), channel: Channel::HandOver },
        ))
        .unwrap();
        l.add_event(Event::new(
            c2,
            None,
            day(2025, 3, 23),
            EventKind::Excuse { category: ExcuseCategory::WaitingForOwnCustomer },
        ))
        .unwrap();
        l.add_event(Event::new(c2, None, day(2025, 3, 24), EventKind::ExtensionRequest { days: 14 })).unwrap();
        l.add_event(Event::new(c2, None, day(2025, 3, 24), EventKind::Order { amount: dec("250.00") })).unwrap();
        l.add_event(Event::new(c2, None, day(2025, 3, 24), EventKind::Note)).unwrap();
        l
    }

    #[test]
    fn exact_round_trip() {
        let ledger = sample();
        let text = export(&ledger, "2026-03-10T09:30:00+01:00");
        let back = read(&text).unwrap();
        assert_eq!(back.ledger, ledger);
        assert_eq!(back.exported_at, "2026-03-10T09:30:00+01:00");
        assert_eq!(back.version, 1);
        assert_eq!(export(&back.ledger, "2026-03-10T09:30:00+01:00"), text, "second export is byte-identical");
    }

    #[test]
    fn file_is_readable_json() {
        let text = export(&sample(), "2026-03-10T09:30:00Z");
        assert!(text.starts_with("{\n  \"format\": \"stipt-backup\",\n  \"version\": 1,\n"));
        assert!(text.contains("\"amount\": \"1210.00\""), "amounts are decimal strings");
        assert!(text.contains("\"date\": \"2025-03-01\""), "dates are YYYY-MM-DD");
        assert!(text.contains("\"channel\": \"registered_letter\""), "enums are snake_case");
        assert!(
            text.contains("\"type\": \"waiting_for_own_customer\"")
                || text.contains("\"category\": \"waiting_for_own_customer\"")
        );
        assert!(text.contains("\"credit_note_for\": 1"));
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn demo_ledger_round_trips() {
        let ledger = crate::demo::demo_ledger(day(2026, 3, 10));
        let text = export(&ledger, "2026-03-10T09:30:00Z");
        let back = parse(&text).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(export(&back, "2026-03-10T09:30:00Z"), text);
    }

    /// The rate rows, cost rules and contract terms that the sample ledger does not use.
    fn with_law_and_terms(mut l: Ledger) -> Ledger {
        l.settings.law = LawSettings {
            rates: vec![
                RateRow {
                    table: RateTableKind::NlCommercial,
                    from: day(2026, 7, 1),
                    to: day(2026, 12, 31),
                    rate: dec("10.15"),
                    source: "Staatscourant 2026, 12345".into(),
                },
                RateRow {
                    table: RateTableKind::BeCommercial,
                    from: day(2026, 1, 1),
                    to: day(2026, 6, 30),
                    rate: dec("10.50"),
                    source: String::new(),
                },
            ],
            costs_vat: Some(dec("21")),
            order: PaymentOrder::PrincipalInterestCosts,
            nl_business_costs: NlBusinessCosts::Fixed40,
            be_postage: dec("1.50"),
        };
        let mut c = l.customer_by_number("D0001").unwrap().clone();
        c.terms = ContractTerms {
            interest: Some(ContractInterest { rate: dec("1"), per_month: true, compound: false }),
            costs: Some(ContractCosts::Percent(dec("15"))),
        };
        l.update_customer(c).unwrap();
        let mut c = l.customer_by_number("D0002").unwrap().clone();
        c.terms.costs = Some(ContractCosts::Fixed(dec("40.00")));
        l.update_customer(c).unwrap();
        l
    }

    #[test]
    fn law_settings_and_terms_round_trip_in_readable_form() {
        let ledger = with_law_and_terms(sample());
        let text = export(&ledger, "2026-03-10T09:30:00Z");
        let back = parse(&text).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(export(&back, "2026-03-10T09:30:00Z"), text, "second export is byte-identical");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v["settings"]["law"],
            serde_json::json!({
                "rates": [
                    {"table": "nl_commercial", "from": "2026-07-01", "to": "2026-12-31", "rate": "10.15", "source": "Staatscourant 2026, 12345"},
                    {"table": "be_commercial", "from": "2026-01-01", "to": "2026-06-30", "rate": "10.50", "source": ""}
                ],
                "costs_vat": "21",
                "order": "principal_interest_costs",
                "nl_business_costs": "fixed40",
                "be_postage": "1.50"
            })
        );
        assert_eq!(
            v["customers"][0]["terms"],
            serde_json::json!({"interest": {"rate": "1", "per_month": true, "compound": false}, "costs": {"percent": "15"}})
        );
        assert_eq!(v["customers"][1]["terms"], serde_json::json!({"interest": null, "costs": {"fixed": "40.00"}}));
    }

    #[test]
    fn default_law_settings_and_empty_terms_are_left_out() {
        let text = export(&sample(), "x");
        assert!(!text.contains("\"law\""), "no law settings written");
        assert!(!text.contains("\"terms\""), "no contract terms written");
        // The demo ledger has its own rate rows and one customer with terms: both written.
        let text = export(&crate::demo::demo_ledger(day(2026, 3, 10)), "x");
        assert!(text.contains("\"law\"") && text.contains("\"terms\""));
        // Each part on its own is written; the rest of the settings keep their defaults.
        let mut l = sample();
        l.settings.law.order = PaymentOrder::PrincipalInterestCosts;
        let text = export(&l, "x");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["settings"]["law"]["rates"], serde_json::json!([]));
        assert_eq!(v["settings"]["law"]["costs_vat"], serde_json::Value::Null);
        assert_eq!(parse(&text).unwrap(), l);
    }

    #[test]
    fn law_and_terms_fields_are_optional() {
        let text = minimal(GOOD_INVOICE, "")
            .replace("\"version\": 1,", "\"version\": 1, \"settings\": {\"default_term_days\": 14, \"currency\": \"EUR\", \"law\": {}},")
            .replace("\"payment_term_days\": 30", "\"payment_term_days\": 30, \"terms\": {}");
        let l = parse(&text).unwrap();
        assert_eq!(l.settings.law, LawSettings::default());
        assert_eq!(l.settings.default_term_days, 14);
        assert!(l.customer(CustomerId(1)).unwrap().terms.is_empty());
        let text = minimal(GOOD_INVOICE, "").replace(
            "\"payment_term_days\": 30",
            "\"payment_term_days\": 30, \"terms\": {\"interest\": {\"rate\": \"8\"}}",
        );
        let terms = parse(&text).unwrap().customer(CustomerId(1)).unwrap().terms;
        assert_eq!(terms.interest, Some(ContractInterest { rate: dec("8"), per_month: false, compound: false }));
        assert_eq!(terms.costs, None);
    }

    /// `minimal` with these law settings.
    fn with_law(law: &str) -> String {
        minimal(GOOD_INVOICE, "").replace(
            "\"version\": 1,",
            &format!("\"version\": 1,\n  \"settings\": {{ \"default_term_days\": 30, \"currency\": \"EUR\", \"law\": {law} }},"),
        )
    }

    #[test]
    fn invalid_law_settings_and_terms_are_rejected() {
        let row = |from: &str, to: &str, rate: &str| {
            format!(r#"{{ "table": "nl_commercial", "from": "{from}", "to": "{to}", "rate": "{rate}" }}"#)
        };
        let good = row("2026-01-01", "2026-06-30", "10.15");
        let invalid = |record: &str, error: DomainError| {
            Err(BackupError::Invalid(PartsError { record: record.into(), error }))
        };
        type Case = (&'static str, String, Result<(), BackupError>);
        let cases: Vec<Case> = vec![
            ("good rows", format!(r#"{{ "rates": [{good}, {}] }}"#, row("2026-07-01", "2026-12-31", "10.15")), Ok(())),
            (
                "period reversed",
                format!(r#"{{ "rates": [{good}, {}] }}"#, row("2026-07-01", "2026-06-30", "10.15")),
                invalid("settings, rate row 2", DomainError::RatePeriodReversed),
            ),
            (
                "rate above 100",
                format!(r#"{{ "rates": [{}] }}"#, row("2026-07-01", "2026-12-31", "101")),
                invalid("settings, rate row 1", DomainError::RateOutOfRange),
            ),
            (
                "rate not a number",
                format!(r#"{{ "rates": [{}] }}"#, row("2026-07-01", "2026-12-31", "tien")),
                invalid("settings, rate row 1", DomainError::BadAmount("tien".into())),
            ),
            ("VAT above 100", r#"{ "costs_vat": "121" }"#.into(), invalid("settings", DomainError::RateOutOfRange)),
            ("negative postage", r#"{ "be_postage": "-1" }"#.into(), invalid("settings", DomainError::AmountNotPositive)),
        ];
        for (name, law, expected) in cases {
            assert_eq!(parse(&with_law(&law)).map(drop), expected, "case {name}");
        }
        // Unknown names and impossible dates are damage, with the place in the file.
        for (name, law) in [
            ("unknown table", r#"{ "rates": [{ "table": "de_commercial", "from": "2026-01-01", "to": "2026-06-30", "rate": "9" }] }"#),
            ("impossible date", r#"{ "rates": [{ "table": "nl_consumer", "from": "2026-02-30", "to": "2026-06-30", "rate": "4" }] }"#),
            ("unknown order", r#"{ "order": "interest_first" }"#),
            ("unknown costs rule", r#"{ "nl_business_costs": "fixed_40" }"#),
        ] {
            match parse(&with_law(law)) {
                Err(BackupError::Malformed { line, column, .. }) => {
                    assert_eq!(line, 4, "case {name}");
                    assert!(column > 0, "case {name}");
                }
                other => panic!("case {name}: expected Malformed, got {other:?}"),
            }
        }
        let with_terms = |terms: &str| {
            minimal(GOOD_INVOICE, "").replace("\"payment_term_days\": 30", &format!("\"payment_term_days\": 30, \"terms\": {terms}"))
        };
        let customer = "customer 1 (D0001)";
        assert_eq!(
            parse(&with_terms(r#"{ "interest": { "rate": "-1" } }"#)),
            invalid(customer, DomainError::RateOutOfRange).map(|()| Ledger::new())
        );
        assert_eq!(
            parse(&with_terms(r#"{ "costs": { "percent": "vijftien" } }"#)),
            invalid(customer, DomainError::BadAmount("vijftien".into())).map(|()| Ledger::new())
        );
        assert_eq!(
            parse(&with_terms(r#"{ "costs": { "fixed": "-5" } }"#)),
            invalid(customer, DomainError::AmountNotPositive).map(|()| Ledger::new())
        );
        assert!(matches!(
            parse(&with_terms(r#"{ "costs": { "amount": "5" } }"#)),
            Err(BackupError::Malformed { line: 6, .. })
        ));
    }

    /// Risk settings that differ from the defaults in every field.
    fn risk_settings() -> RiskSettings {
        RiskSettings {
            grade_a_max: 5,
            grade_b_max: 20,
            grade_c_max: 45,
            silent_attempts: 4,
            excuse_repeats: 3,
            excuse_window_days: 60,
            buying_less_percent: 50,
            broken_promises: 2,
            dispute_days: 45,
            extension_requests: 3,
            extension_window_days: 365,
            pattern_change_days: 7,
            score_drop: 10,
            score_floor: 30,
            round_payments: 3,
            warn_first_invoice_unpaid: false,
            limit_revenue_share: dec("12.5"),
            insured_share: dec("85"),
            table: vec![
                RiskRow { sector: "bouw".into(), country: "BE".into(), level: RiskLevel::Medium },
                RiskRow { sector: String::new(), country: "DE".into(), level: RiskLevel::Low },
            ],
        }
    }

    /// The sample with risk settings, a credit limit set in the diary and a handover.
    fn with_risk(mut l: Ledger) -> Ledger {
        l.settings.risk = risk_settings();
        let c = l.customer_by_number("D0001").unwrap().id;
        let mut e = Event::new(c, None, day(2026, 3, 1), EventKind::LimitSet { limit: Some(dec("5000.00")), by: "J. de Vries".into() });
        e.note = "Jaarcijfers 2025 goed".into();
        l.set_limit(e).unwrap();
        let mut e = Event::new(c, None, day(2026, 3, 2), EventKind::LimitSet { limit: None, by: String::new() });
        e.note = "Limiet opgeheven".into();
        l.set_limit(e).unwrap();
        l.add_event(Event::new(c, None, day(2026, 3, 9), EventKind::HandOver { agency: "Incasso Noord".into(), amount: dec("1834.562") }))
            .unwrap();
        l
    }

    #[test]
    fn risk_settings_and_new_diary_kinds_round_trip_in_readable_form() {
        let ledger = with_risk(sample());
        let text = export(&ledger, "2026-03-10T09:30:00Z");
        let back = parse(&text).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(export(&back, "2026-03-10T09:30:00Z"), text, "second export is byte-identical");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v["settings"]["risk"],
            serde_json::json!({
                "grade_a_max": 5, "grade_b_max": 20, "grade_c_max": 45,
                "silent_attempts": 4, "excuse_repeats": 3, "excuse_window_days": 60,
                "buying_less_percent": 50, "broken_promises": 2, "dispute_days": 45,
                "extension_requests": 3, "extension_window_days": 365, "pattern_change_days": 7,
                "score_drop": 10, "score_floor": 30, "round_payments": 3,
                "warn_first_invoice_unpaid": false, "limit_revenue_share": "12.5", "insured_share": "85",
                "table": [
                    {"sector": "bouw", "country": "BE", "level": "medium"},
                    {"sector": "", "country": "DE", "level": "low"}
                ]
            })
        );
        let kinds: Vec<&serde_json::Value> = v["events"].as_array().unwrap().iter().map(|e| &e["kind"]).collect();
        assert!(kinds.contains(&&serde_json::json!({"type": "limit_set", "limit": "5000.00", "by": "J. de Vries"})));
        assert!(kinds.contains(&&serde_json::json!({"type": "limit_set", "limit": null, "by": ""})));
        assert!(kinds.contains(&&serde_json::json!({"type": "hand_over", "agency": "Incasso Noord", "amount": "1834.562"})));
    }

    #[test]
    fn default_risk_settings_are_left_out_and_missing_fields_read_as_defaults() {
        let text = export(&sample(), "x");
        assert!(!text.contains("\"risk\""), "no risk settings written");
        let with_risk = |risk: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"version\": 1,",
                &format!("\"version\": 1, \"settings\": {{\"default_term_days\": 30, \"currency\": \"EUR\", \"risk\": {risk}}},"),
            )
        };
        assert_eq!(parse(&with_risk("{}")).unwrap().settings.risk, RiskSettings::default());
        let risk = parse(&with_risk(r#"{"grade_c_max": 40, "table": []}"#)).unwrap().settings.risk;
        assert_eq!(risk, RiskSettings { grade_c_max: 40, table: Vec::new(), ..RiskSettings::default() });
        // A limit entry without `limit` is "no limit"; without `by`, by nobody in particular.
        let with_event = minimal(GOOD_INVOICE, "").replace(
            "\"payments\": []",
            r#""payments": [], "events": [{"id": 1, "customer": 1, "date": "2026-03-01", "kind": {"type": "limit_set"}, "note": "Opgeheven"}]"#,
        );
        let e = parse(&with_event).unwrap().event(EventId(1)).cloned().unwrap();
        assert_eq!(e.kind, EventKind::LimitSet { limit: None, by: String::new() });
    }

    #[test]
    fn invalid_risk_settings_and_new_diary_kinds_are_rejected() {
        let with_risk = |risk: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"version\": 1,",
                &format!("\"version\": 1,\n  \"settings\": {{ \"default_term_days\": 30, \"currency\": \"EUR\", \"risk\": {risk} }},"),
            )
        };
        let invalid = |record: &str, error: DomainError| Err(BackupError::Invalid(PartsError { record: record.into(), error }));
        let cases: Vec<(&str, &str, Result<(), BackupError>)> = vec![
            ("good", r#"{ "grade_a_max": 0, "grade_b_max": 0, "grade_c_max": 0 }"#, Ok(())),
            ("grades out of order", r#"{ "grade_a_max": 20, "grade_b_max": 10 }"#, invalid("settings", DomainError::ThresholdsOutOfOrder)),
            ("C below B", r#"{ "grade_c_max": 14 }"#, invalid("settings", DomainError::ThresholdsOutOfOrder)),
            ("insured above 100", r#"{ "insured_share": "100.01" }"#, invalid("settings", DomainError::RateOutOfRange)),
            ("negative share", r#"{ "limit_revenue_share": "-1" }"#, invalid("settings", DomainError::RateOutOfRange)),
            ("buying less above 100", r#"{ "buying_less_percent": 101 }"#, invalid("settings", DomainError::RateOutOfRange)),
            ("share not a number", r#"{ "limit_revenue_share": "kwart" }"#, invalid("settings", DomainError::BadAmount("kwart".into()))),
        ];
        for (name, risk, expected) in cases {
            assert_eq!(parse(&with_risk(risk)).map(drop), expected, "case {name}");
        }
        for (name, risk) in [
            ("unknown level", r#"{ "table": [{ "sector": "bouw", "level": "very_high" }] }"#),
            ("row without level", r#"{ "table": [{ "sector": "bouw" }] }"#),
            ("negative count", r#"{ "silent_attempts": -1 }"#),
            ("grade not a number", r#"{ "grade_a_max": "0" }"#),
        ] {
            match parse(&with_risk(risk)) {
                Err(BackupError::Malformed { line, column, .. }) => assert_eq!((line, column > 0), (4, true), "case {name}"),
                other => panic!("case {name}: expected Malformed, got {other:?}"),
            }
        }
        let with_event = |kind: &str, note: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"payments\": []",
                &format!(r#""payments": [], "events": [{{"id": 7, "customer": 1, "date": "2026-03-01", "kind": {kind}, "note": "{note}"}}]"#),
            )
        };
        let entry = "diary entry 7";
        let rows: Vec<(&str, &str, Result<(), BackupError>)> = vec![
            (r#"{"type": "limit_set", "limit": "5000", "by": "Jan"}"#, "Goede cijfers", Ok(())),
            (r#"{"type": "limit_set", "limit": "5000", "by": "Jan"}"#, " ", invalid(entry, DomainError::ReasonRequired)),
            (r#"{"type": "limit_set", "limit": "-5"}"#, "x", invalid(entry, DomainError::AmountNotPositive)),
            (r#"{"type": "limit_set", "limit": "veel"}"#, "x", invalid(entry, DomainError::BadAmount("veel".into()))),
            (r#"{"type": "hand_over", "agency": "Incasso Noord", "amount": "100"}"#, "", Ok(())),
            (r#"{"type": "hand_over", "agency": "", "amount": "100"}"#, "", invalid(entry, DomainError::NameRequired)),
            (r#"{"type": "hand_over", "agency": "Incasso Noord", "amount": "0"}"#, "", invalid(entry, DomainError::AmountNotPositive)),
        ];
        for (kind, note, expected) in rows {
            assert_eq!(parse(&with_event(kind, note)).map(drop), expected, "{kind} {note:?}");
        }
        assert!(matches!(
            parse(&with_event(r#"{"type": "hand_over", "agency": "Incasso Noord"}"#, "")),
            Err(BackupError::Malformed { .. })
        ));
    }

    /// Dunning settings that differ from the defaults in every field: every step kind, base,
    /// channel and level, every rule condition, templates in both languages.
    fn dunning_settings() -> DunningSettings {
        let step = |kind, base, offset_days, channel, level| Step {
            kind,
            base,
            offset_days,
            channel,
            min_amount: Decimal::ZERO,
            fee: Decimal::ZERO,
            announce_interest: false,
            announce_costs: false,
            level,
            deadline_days: 0,
            nearby_only: false,
        };
        use CollectorLevel::{Junior, Owner, Senior};
        use StepBase::{DueDate, InvoiceDate, PreviousStep};
        DunningSettings {
            policies: vec![
                Policy {
                    id: "zacht".into(),
                    name: "Zacht \"vriendelijk\"".into(),
                    steps: vec![
                        Step { min_amount: dec("2500.50"), ..step(StepKind::ProactiveCheck, DueDate, -5, Channel::Phone, Junior) },
                        step(StepKind::InvoiceFollowUp, InvoiceDate, 3, Channel::Email, Junior),
                        step(StepKind::DueDateCall, DueDate, 0, Channel::Phone, Junior),
                        Step { deadline_days: 7, fee: dec("7.50"), ..step(StepKind::Reminder, DueDate, 10, Channel::Letter, Junior) },
                    ],
                },
                Policy {
                    id: "streng".into(),
                    name: "Streng".into(),
                    steps: vec![
                        Step { announce_interest: true, ..step(StepKind::FirstDunning, DueDate, 7, Channel::Email, Senior) },
                        step(StepKind::Call, PreviousStep, 3, Channel::Phone, Senior),
                        Step { nearby_only: true, ..step(StepKind::Visit, PreviousStep, 5, Channel::Visit, Senior) },
                        Step {
                            announce_interest: true,
                            announce_costs: true,
                            deadline_days: 14,
                            ..step(StepKind::FinalNotice, DueDate, 28, Channel::RegisteredLetter, Owner)
                        },
                        step(StepKind::HandOver, PreviousStep, 15, Channel::HandOver, Owner),
                    ],
                },
                Policy { id: "leeg".into(), name: String::new(), steps: Vec::new() },
            ],
            rules: vec![
                AssignRule {
                    policy: "streng".into(),
                    grades: vec!["C".into(), "D".into()],
                    score_below: Some(35),
                    risk_levels: vec![RiskLevel::High, RiskLevel::Medium],
                    kind: Some(CustomerKind::Consumer),
                    open_at_least: Some(dec("1000.00")),
                },
                AssignRule {
                    policy: "zacht".into(),
                    grades: vec![String::new()],
                    score_below: None,
                    risk_levels: vec![RiskLevel::Low],
                    kind: Some(CustomerKind::Business),
                    open_at_least: None,
                },
            ],
            default_policy: "zacht".into(),
            email_below: dec("1000"),
            letter_up_to: dec("5000.00"),
            senior_from: dec("2500"),
            owner_from: dec("2500"),
            proactive_from: dec("0"),
            promise_grace_days: 5,
            templates: vec![
                TemplateText {
                    kind: StepKind::Reminder,
                    lang: "nl".into(),
                    subject: "Herinnering factuur {invoice}".into(),
                    body: "Beste {name},\n\nWij missen nog €\u{a0}{amount}.".into(),
                },
                TemplateText { kind: StepKind::FinalNotice, lang: "en".into(), subject: "Final notice".into(), body: String::new() },
            ],
            agency: Agency {
                name: "Incassobureau Noord".into(),
                contact: String::new(),
                address: Address { street: "Postbus 12".into(), postcode: "9700 AA".into(), city: "Groningen".into() },
                email: "dossiers@noord.example".into(),
            },
        }
    }

    /// The sample with dunning settings, a skipped step and two pauses (customer, invoice).
    fn with_dunning(mut l: Ledger) -> Ledger {
        l.settings.dunning = dunning_settings();
        let c = l.customer_by_number("D0001").unwrap().id;
        let i = l.invoice_by_number("2025-0001").unwrap().id;
        let mut e = Event::new(c, Some(i), day(2026, 3, 1), EventKind::DunningSkipped { step: "reminder".into() });
        e.note = "Klant heeft zelf gebeld".into();
        l.add_event(e).unwrap();
        let mut e = Event::new(c, None, day(2026, 3, 2), EventKind::Paused { until: day(2026, 12, 1) });
        e.note = "Verbouwing; betaalt na de zomer".into();
        l.add_event(e).unwrap();
        l.add_event(Event::new(c, Some(i), day(2026, 3, 3), EventKind::Paused { until: day(2026, 3, 3) })).unwrap();
        l
    }

    #[test]
    fn dunning_settings_and_skip_and_pause_round_trip_in_readable_form() {
        let ledger = with_dunning(sample());
        let text = export(&ledger, "2026-03-10T09:30:00Z");
        let back = parse(&text).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(export(&back, "2026-03-10T09:30:00Z"), text, "second export is byte-identical");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let d = &v["settings"]["dunning"];
        assert_eq!(
            d["policies"][0]["steps"][3],
            serde_json::json!({
                "kind": "reminder", "base": "due_date", "offset_days": 10, "channel": "letter",
                "min_amount": "0", "fee": "7.50", "announce_interest": false, "announce_costs": false,
                "level": "junior", "deadline_days": 7, "nearby_only": false
            })
        );
        let kinds: Vec<&str> = d["policies"].as_array().unwrap().iter()
            .flat_map(|p| p["steps"].as_array().unwrap())
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            ["proactive_check", "invoice_follow_up", "due_date_call", "reminder", "first_dunning", "call", "visit", "final_notice", "hand_over"]
        );
        assert_eq!(d["policies"][1]["steps"][1]["base"], "previous_step");
        assert_eq!(d["policies"][1]["steps"][3]["channel"], "registered_letter");
        assert_eq!(d["policies"][1]["steps"][3]["level"], "owner");
        assert_eq!(d["policies"][2], serde_json::json!({"id": "leeg", "name": "", "steps": []}));
        assert_eq!(
            d["rules"],
            serde_json::json!([
                {"policy": "streng", "grades": ["C", "D"], "score_below": 35, "risk_levels": ["high", "medium"],
                 "kind": "consumer", "open_at_least": "1000.00"},
                {"policy": "zacht", "grades": [""], "score_below": null, "risk_levels": ["low"],
                 "kind": "business", "open_at_least": null}
            ])
        );
        assert_eq!(
            (&d["default_policy"], &d["email_below"], &d["letter_up_to"], &d["senior_from"], &d["owner_from"]),
            (&serde_json::json!("zacht"), &serde_json::json!("1000"), &serde_json::json!("5000.00"), &serde_json::json!("2500"), &serde_json::json!("2500"))
        );
        assert_eq!((&d["proactive_from"], &d["promise_grace_days"]), (&serde_json::json!("0"), &serde_json::json!(5)));
        assert_eq!(
            d["templates"][1],
            serde_json::json!({"kind": "final_notice", "lang": "en", "subject": "Final notice", "body": ""})
        );
        let kinds: Vec<&serde_json::Value> = v["events"].as_array().unwrap().iter().map(|e| &e["kind"]).collect();
        assert!(kinds.contains(&&serde_json::json!({"type": "dunning_skipped", "step": "reminder"})));
        assert!(kinds.contains(&&serde_json::json!({"type": "paused", "until": "2026-12-01"})));
        assert!(kinds.contains(&&serde_json::json!({"type": "paused", "until": "2026-03-03"})));
    }

    #[test]
    fn default_dunning_settings_are_left_out_and_missing_fields_read_as_defaults() {
        let text = export(&sample(), "x");
        assert!(!text.contains("\"dunning\""), "no dunning settings written");
        let with_dunning = |dunning: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"version\": 1,",
                &format!("\"version\": 1, \"settings\": {{\"default_term_days\": 30, \"currency\": \"EUR\", \"dunning\": {dunning}}},"),
            )
        };
        assert_eq!(parse(&with_dunning("{}")).unwrap().settings.dunning, DunningSettings::default());
        let dunning = parse(&with_dunning(r#"{"email_below": "1000", "rules": [], "templates": []}"#)).unwrap().settings.dunning;
        assert_eq!(dunning, DunningSettings { email_below: dec("1000"), rules: Vec::new(), ..DunningSettings::default() });
        // A step gives its kind, base and channel; the rest reads as nothing extra.
        let dunning = parse(&with_dunning(
            r#"{"policies": [{"id": "kort", "steps": [{"kind": "final_notice", "base": "due_date", "channel": "letter"}]}],
                "rules": [{"policy": "kort"}], "default_policy": "kort"}"#,
        ))
        .unwrap()
        .settings
        .dunning;
        let step = Step {
            kind: StepKind::FinalNotice,
            base: StepBase::DueDate,
            offset_days: 0,
            channel: Channel::Letter,
            min_amount: Decimal::ZERO,
            fee: Decimal::ZERO,
            announce_interest: false,
            announce_costs: false,
            level: CollectorLevel::Junior,
            deadline_days: 0,
            nearby_only: false,
        };
        assert_eq!(dunning.policies, vec![Policy { id: "kort".into(), name: String::new(), steps: vec![step] }]);
        let any = AssignRule { policy: "kort".into(), grades: vec![], score_below: None, risk_levels: vec![], kind: None, open_at_least: None };
        assert_eq!(dunning.rules, vec![any]);
        // Changing one threshold writes the whole settings, and they read back.
        let mut l = sample();
        l.settings.dunning.promise_grace_days = 0;
        let text = export(&l, "x");
        assert!(text.contains("\"dunning\""));
        assert_eq!(parse(&text).unwrap(), l);
    }

    #[test]
    fn invalid_dunning_settings_and_skip_and_pause_are_rejected() {
        let with_dunning = |dunning: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"version\": 1,",
                &format!("\"version\": 1,\n  \"settings\": {{ \"default_term_days\": 30, \"currency\": \"EUR\", \"dunning\": {dunning} }},"),
            )
        };
        let invalid = |error: DomainError| Err(BackupError::Invalid(PartsError { record: "settings".into(), error }));
        let one = |id: &str| format!(r#""policies": [{{ "id": "{id}", "steps": [] }}], "rules": [], "default_policy": "{id}""#);
        let cases: Vec<(&str, String, Result<(), BackupError>)> = vec![
            ("one policy", format!("{{ {} }}", one("kort")), Ok(())),
            ("empty id", format!("{{ {} }}", one(" ")), invalid(DomainError::PolicyIdRequired)),
            (
                "duplicate id",
                r#"{ "policies": [{ "id": "a" }, { "id": "a" }], "rules": [], "default_policy": "a" }"#.into(),
                invalid(DomainError::DuplicatePolicy("a".into())),
            ),
            ("no policies", r#"{ "policies": [], "rules": [] }"#.into(), invalid(DomainError::UnknownPolicy("standaard".into()))),
            (
                "rule names no policy",
                r#"{ "rules": [{ "policy": "streng" }] }"#.into(),
                invalid(DomainError::UnknownPolicy("streng".into())),
            ),
            ("default names no policy", r#"{ "default_policy": "" }"#.into(), invalid(DomainError::UnknownPolicy(String::new()))),
            ("negative threshold", r#"{ "proactive_from": "-1" }"#.into(), invalid(DomainError::AmountNegative)),
            (
                "negative fee",
                format!("{{ {} }}", one("kort").replacen("[]", r#"[{ "kind": "reminder", "base": "due_date", "channel": "email", "fee": "-5" }]"#, 1)),
                invalid(DomainError::AmountNegative),
            ),
            ("e-mail above letter", r#"{ "email_below": "10000.01" }"#.into(), invalid(DomainError::ChannelThresholdsOutOfOrder)),
            ("senior above owner", r#"{ "owner_from": "4999" }"#.into(), invalid(DomainError::LevelThresholdsOutOfOrder)),
            (
                "template in German",
                r#"{ "templates": [{ "kind": "reminder", "lang": "de" }] }"#.into(),
                invalid(DomainError::BadTemplateLang("de".into())),
            ),
            ("amount not a number", r#"{ "letter_up_to": "tienduizend" }"#.into(), invalid(DomainError::BadAmount("tienduizend".into()))),
            (
                "rule amount not a number",
                r#"{ "rules": [{ "policy": "standaard", "open_at_least": "veel" }] }"#.into(),
                invalid(DomainError::BadAmount("veel".into())),
            ),
        ];
        for (name, dunning, expected) in cases {
            assert_eq!(parse(&with_dunning(&dunning)).map(drop), expected, "case {name}");
        }
        for (name, dunning) in [
            ("unknown step kind", r#"{ "policies": [{ "id": "a", "steps": [{ "kind": "first-dunning", "base": "due_date", "channel": "email" }] }] }"#),
            ("unknown base", r#"{ "policies": [{ "id": "a", "steps": [{ "kind": "reminder", "base": "today", "channel": "email" }] }] }"#),
            ("unknown channel", r#"{ "policies": [{ "id": "a", "steps": [{ "kind": "reminder", "base": "due_date", "channel": "fax" }] }] }"#),
            ("unknown level", r#"{ "policies": [{ "id": "a", "steps": [{ "kind": "reminder", "base": "due_date", "channel": "email", "level": "boss" }] }] }"#),
            ("step without channel", r#"{ "policies": [{ "id": "a", "steps": [{ "kind": "reminder", "base": "due_date" }] }] }"#),
            ("unknown risk level", r#"{ "rules": [{ "policy": "standaard", "risk_levels": ["laag"] }] }"#),
            ("unknown customer kind", r#"{ "rules": [{ "policy": "standaard", "kind": "company" }] }"#),
            ("score above 255", r#"{ "rules": [{ "policy": "standaard", "score_below": 300 }] }"#),
            ("negative grace", r#"{ "promise_grace_days": -1 }"#),
            ("template without language", r#"{ "templates": [{ "kind": "reminder" }] }"#),
        ] {
            match parse(&with_dunning(dunning)) {
                Err(BackupError::Malformed { line, column, .. }) => assert_eq!((line, column > 0), (4, true), "case {name}"),
                other => panic!("case {name}: expected Malformed, got {other:?}"),
            }
        }
        let with_event = |kind: &str, note: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"payments\": []",
                &format!(r#""payments": [], "events": [{{"id": 7, "customer": 1, "invoice": 1, "date": "2026-03-01", "kind": {kind}, "note": "{note}"}}]"#),
            )
        };
        let entry = |error| Err(BackupError::Invalid(PartsError { record: "diary entry 7".into(), error }));
        let rows: Vec<(&str, &str, Result<(), BackupError>)> = vec![
            (r#"{"type": "dunning_skipped", "step": "reminder"}"#, "Klant belde zelf", Ok(())),
            (r#"{"type": "dunning_skipped", "step": "Herinnering per post"}"#, "Met de hand", Ok(())),
            (r#"{"type": "dunning_skipped", "step": "reminder"}"#, "  ", entry(DomainError::ReasonRequired)),
            (r#"{"type": "paused", "until": "2026-12-01"}"#, "", Ok(())),
            (r#"{"type": "paused", "until": "2026-12-01"}"#, "Verbouwing", Ok(())),
        ];
        for (kind, note, expected) in rows {
            assert_eq!(parse(&with_event(kind, note)).map(drop), expected, "{kind} {note:?}");
        }
        for kind in [
            r#"{"type": "dunning_skipped"}"#,
            r#"{"type": "paused"}"#,
            r#"{"type": "paused", "until": "2026-02-30"}"#,
            r#"{"type": "paused", "until": "1 december"}"#,
        ] {
            assert!(matches!(parse(&with_event(kind, "x")), Err(BackupError::Malformed { .. })), "{kind}");
        }
    }

    #[test]
    fn market_data_round_trips_in_readable_form_and_is_checked() {
        let text = export(&sample(), "x");
        assert!(!text.contains("\"market\""), "no market data written while there is none");
        let mut l = sample();
        let mut p = Prospect::new("Bouwbedrijf Jansen B.V.");
        p.sector = "Bouw".into();
        p.size_class = Some(SizeClass::Small);
        p.region = Some(Region::NlArea(10));
        p.score = Some(72);
        p.city = "Amsterdam".into();
        l.settings.market = MarketData {
            counts: vec![
                MarketCount {
                    sector: "Bouw".into(),
                    size_class: Some(SizeClass::Small),
                    region: Some(Region::NlArea(10)),
                    companies: 1250,
                    source: "KvK 2025".into(),
                },
                MarketCount { sector: String::new(), size_class: None, region: Some(Region::Other("NL".into())), companies: 3, source: String::new() },
            ],
            prospects: vec![p],
        };
        let text = export(&l, "x");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let market = &json["settings"]["market"];
        assert_eq!(
            market["counts"][0],
            serde_json::json!({"sector": "Bouw", "size_class": "small", "region": "NL-10", "companies": 1250, "source": "KvK 2025"})
        );
        assert_eq!(market["counts"][1]["region"], "*NL", "a country code that reads as another region is kept as written");
        assert_eq!(market["prospects"][0]["score"], 72);
        assert_eq!(parse(&text).unwrap(), l);

        let with_market = |market: &str| {
            minimal(GOOD_INVOICE, "").replace(
                "\"version\": 1,",
                &format!("\"version\": 1,\n  \"settings\": {{ \"default_term_days\": 30, \"currency\": \"EUR\", \"market\": {market} }},"),
            )
        };
        assert_eq!(parse(&with_market("{}")).unwrap().settings.market, MarketData::default());
        let read = parse(&with_market(r#"{ "prospects": [{ "name": "Brol NV", "region": "BE-VAN" }] }"#)).unwrap();
        assert_eq!(read.settings.market.prospects[0].region, Some(Region::BeProvince(crate::domain::BeProvince::Antwerp)));
        let invalid = |record: &str, error: DomainError| Err(BackupError::Invalid(PartsError { record: record.into(), error }));
        let count = |sector: &str, companies: u32| format!(r#"{{ "sector": "{sector}", "companies": {companies} }}"#);
        let cases: Vec<(&str, String, Result<(), BackupError>)> = vec![
            ("no companies", format!(r#"{{ "counts": [{}] }}"#, count("Bouw", 0)), invalid("settings, market count 1", DomainError::AmountNotPositive)),
            (
                "same segment twice",
                format!(r#"{{ "counts": [{}, {}] }}"#, count("Bouw", 5), count(" bouw", 7)),
                invalid("settings, market count 2", DomainError::DuplicateId("bouw".into())),
            ),
            ("score above 100", r#"{ "prospects": [{ "name": "X", "score": 101 }] }"#.into(), invalid("settings, prospect 1", DomainError::ScoreOutOfRange)),
            ("no name", r#"{ "prospects": [{ "name": " " }] }"#.into(), invalid("settings, prospect 1", DomainError::NameRequired)),
        ];
        for (name, market, expected) in cases {
            assert_eq!(parse(&with_market(&market)).map(|_| ()), expected, "case {name}");
        }
        for market in [
            r#"{ "counts": [{ "sector": "Bouw", "companies": 5, "region": "Atlantis" }] }"#,
            r#"{ "counts": [{ "sector": "Bouw", "companies": 5, "size_class": "huge" }] }"#,
            r#"{ "prospects": [{ "name": "X", "colour": "red" }] }"#,
            r#"{ "counts": [], "extra": 1 }"#,
        ] {
            assert!(matches!(parse(&with_market(market)), Err(BackupError::Malformed { line: 4, .. })), "{market}: {:?}", parse(&with_market(market)));
        }
    }

    #[test]
    fn empty_ledger_round_trips() {
        let text = export(&Ledger::new(), "x");
        assert_eq!(parse(&text).unwrap(), Ledger::new());
    }

    #[test]
    fn truncated_json_says_where() {
        let text = export(&sample(), "2026-03-10T09:30:00Z");
        // Cut in the middle of line 4 (`  "exported_at": "2026-03-10T09:30:00Z",`).
        let cut: String =
            text.lines().take(3).map(|l| format!("{l}\n")).collect::<String>() + "  \"exported_at\": \"2026";
        assert_eq!(parse(&cut), Err(BackupError::NotJson { line: 4, column: 22, truncated: true }));
        assert_eq!(parse(""), Err(BackupError::NotJson { line: 1, column: 0, truncated: true }));
    }

    #[test]
    fn syntax_error_says_where() {
        let text = "{\n  \"format\": \"stipt-backup\",\n  \"version\": 1,,\n}";
        assert_eq!(parse(text), Err(BackupError::NotJson { line: 3, column: 16, truncated: false }));
        let err = parse(text).unwrap_err();
        assert_eq!(err.to_string(), "the file is not valid JSON (line 3, column 16)");
    }

    #[test]
    fn wrong_format_is_not_a_backup() {
        let rows: [(&str, Option<&str>); 5] = [
            (r#"{"format": "stipt-snapshot", "version": 1}"#, Some("stipt-snapshot")),
            (r#"{"version": 1, "customers": []}"#, None),
            (r#"{"format": 1}"#, None),
            ("[1, 2, 3]", None),
            ("\"stipt-backup\"", None),
        ];
        for (text, found) in rows {
            assert_eq!(parse(text), Err(BackupError::NotABackup { found: found.map(str::to_string) }), "row {text}");
        }
    }

    #[test]
    fn newer_version_is_refused_and_named() {
        let err = parse(r#"{"format": "stipt-backup", "version": 2, "something_new": true}"#).unwrap_err();
        assert_eq!(err, BackupError::UnsupportedVersion { found: 2, supported: 1 });
        assert!(err.to_string().contains("version 2"));
        assert_eq!(
            parse(r#"{"format": "stipt-backup", "version": 0}"#),
            Err(BackupError::UnsupportedVersion { found: 0, supported: 1 })
        );
        assert!(matches!(parse(r#"{"format": "stipt-backup", "version": "1"}"#), Err(BackupError::Malformed { .. })));
    }

    /// A minimal valid v1 file with one customer and one invoice; `patch` edits the text.
    fn minimal(invoice: &str, payments: &str) -> String {
        format!(
            r#"{{
  "format": "stipt-backup",
  "version": 1,
  "exported_at": "2026-03-10T09:30:00Z",
  "customers": [
    {{ "id": 1, "number": "D0001", "name": "Hotel De Wadden", "kind": "business", "country": "NL", "payment_term_days": 30 }}
  ],
  "invoices": [
    {invoice}
  ],
  "payments": [{payments}]
}}"#
        )
    }

    const GOOD_INVOICE: &str = r#"{ "id": 1, "number": "2026-0001", "customer": 1, "date": "2026-01-05", "due": "2026-02-04", "amount": "605.00", "currency": "EUR" }"#;

    #[test]
    fn minimal_file_with_defaults_reads() {
        let l = parse(&minimal(GOOD_INVOICE, "")).unwrap();
        assert_eq!(l.customers().len(), 1);
        let inv = l.invoice_by_number("2026-0001").unwrap();
        assert_eq!(inv.amount, Money::eur(dec("605.00")));
        assert_eq!(l.customer(CustomerId(1)).unwrap().collector, CollectorLevel::Junior);
        assert_eq!(l.settings, LedgerSettings::default());
    }

    #[test]
    fn bad_date_is_malformed_with_position() {
        let text = minimal(&GOOD_INVOICE.replace("2026-02-04", "2026-02-30"), "");
        match parse(&text) {
            Err(BackupError::Malformed { line, column, detail }) => {
                assert_eq!(line, 9);
                assert!(column > 0);
                assert!(detail.contains("input is out of range"), "{detail}");
            }
            other => panic!("expected Malformed, got {other:?}"),
        }
        let text = minimal(GOOD_INVOICE, "").replace("\"business\"", "\"company\"");
        assert!(matches!(parse(&text), Err(BackupError::Malformed { line: 6, .. })));
    }

    #[test]
    fn due_before_date_breaks_a_rule() {
        let text = minimal(&GOOD_INVOICE.replace("2026-02-04", "2026-01-04"), "");
        assert_eq!(
            parse(&text),
            Err(BackupError::Invalid(PartsError {
                record: "invoice 1 (2026-0001)".into(),
                error: DomainError::DueBeforeDate { date: "2026-01-05".into(), due: "2026-01-04".into() },
            }))
        );
    }

    #[test]
    fn allocation_exceeding_payment_breaks_a_rule() {
        let payment = r#"{ "id": 1, "customer": 1, "date": "2026-02-01", "amount": "100.00", "currency": "EUR",
      "allocations": [ { "invoice": 1, "amount": "150.00" } ] }"#;
        assert_eq!(
            parse(&minimal(GOOD_INVOICE, payment)),
            Err(BackupError::Invalid(PartsError {
                record: "payment 1".into(),
                error: DomainError::AllocationsExceedPayment { allocated: "150.00".into(), payment: "100.00".into() },
            }))
        );
        // Within the payment but more than the invoice: caught by the ledger.
        let payment = r#"{ "id": 1, "customer": 1, "date": "2026-02-01", "amount": "1000.00", "currency": "EUR",
      "allocations": [ { "invoice": 1, "amount": "700.00" } ] }"#;
        assert!(matches!(
            parse(&minimal(GOOD_INVOICE, payment)),
            Err(BackupError::Invalid(PartsError { error: DomainError::AllocationExceedsOpen { .. }, .. }))
        ));
    }

    #[test]
    fn unreadable_amount_and_currency_name_the_record() {
        let text = minimal(&GOOD_INVOICE.replace("\"605.00\"", "\"605,00\""), "");
        assert_eq!(
            parse(&text),
            Err(BackupError::Invalid(PartsError {
                record: "invoice 1 (2026-0001)".into(),
                error: DomainError::BadAmount("605,00".into()),
            }))
        );
        let text = minimal(&GOOD_INVOICE.replace("\"EUR\"", "\"EURO\""), "");
        assert!(matches!(
            parse(&text),
            Err(BackupError::Invalid(PartsError { error: DomainError::BadCurrency(_), .. }))
        ));
        let text = minimal(&GOOD_INVOICE.replace("\"customer\": 1", "\"customer\": 7"), "");
        assert!(matches!(
            parse(&text),
            Err(BackupError::Invalid(PartsError { error: DomainError::UnknownCustomer, .. }))
        ));
    }

    #[test]
    fn preview_counts_what_a_restore_replaces() {
        let s = preview(&sample());
        assert_eq!(s.company_name, "Studio Noorderlicht");
        assert_eq!((s.customers, s.invoices, s.credit_notes, s.payments), (2, 2, 1, 1));
        assert_eq!(s.events, 9);
        let usd = Currency::parse("USD").unwrap();
        // 1210 - 121 credited - 1089 paid = 0 open in EUR; 99.5 open in USD.
        assert_eq!(s.open, vec![Money::new(dec("99.5"), usd)]);
        let both = restore_preview(&Ledger::new(), &sample());
        assert_eq!(both.current, BackupSummary::default());
        assert_eq!(both.incoming, s);
    }

    // ----- property: any ledger survives export and parse -----

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 àéëïöüß'\"\\\\/€&<>{}\t\n-]{0,10}"
    }

    fn amount() -> impl Strategy<Value = Decimal> {
        (1i64..50_000_000, 0u32..4).prop_map(|(n, scale)| Decimal::new(n, scale))
    }

    prop_compose! {
        fn customer()(
            number in "[A-Z]{1,2}[0-9]{1,4}",
            name in "[A-Za-z][A-Za-z0-9 '&.-]{0,16}",
            consumer in any::<bool>(),
            country in prop_oneof![Just("NL"), Just("BE"), Just("DE"), Just("FR")],
            texts in (text(), text(), text(), text(), text(), text(), text(), text()),
            address in (text(), text(), text()),
            size in prop::option::of(0u8..3),
            term in 0u16..=365,
            limit in prop::option::of(amount()),
            scores in prop::collection::vec((0i64..2000, 0u8..=100, text()), 0..3),
            collector in 0u8..3,
            flags in (any::<bool>(), any::<bool>(), any::<bool>(), prop::option::of(amount())),
            iban in prop_oneof![Just(""), Just("NL91 ABNA 0417 1643 00"), Just("BE68539007547034")],
            terms in terms(),
        ) -> Customer {
            let mut c = Customer::new(number, name);
            c.kind = if consumer { CustomerKind::Consumer } else { CustomerKind::Business };
            c.country = Country::from_code(country);
            (c.sector, c.contact_person, c.email, c.phone, c.vat_number, c.profile, c.notes, _) = texts.clone();
            c.address = Address { street: address.0, postcode: address.1, city: address.2 };
            c.size_class = size.map(|s| [SizeClass::Small, SizeClass::Medium, SizeClass::Large][usize::from(s)]);
            c.payment_term_days = term;
            c.credit_limit = limit;
            c.scores = scores
                .into_iter()
                .map(|(d, s, src)| ScoreEntry::new(day(2024, 1, 1) + chrono::Duration::days(d), s, src).unwrap())
                .collect();
            c.collector = [CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner][usize::from(collector)];
            c.flags = CustomerFlags { on_hold: flags.0, prepayment_required: flags.1, handed_over: flags.2, insured_limit: flags.3 };
            c.iban = iban.to_string();
            c.terms = terms;
            c
        }
    }

    /// A percentage from 0 to 100 with 0 to 2 decimals.
    fn percent() -> impl Strategy<Value = Decimal> {
        (0u32..3).prop_flat_map(|scale| (0i64..=100 * 10i64.pow(scale)).prop_map(move |n| Decimal::new(n, scale)))
    }

    fn terms() -> impl Strategy<Value = ContractTerms> {
        (
            prop::option::of((percent(), any::<bool>(), any::<bool>())),
            prop::option::of(prop_oneof![amount().prop_map(ContractCosts::Fixed), percent().prop_map(ContractCosts::Percent)]),
        )
            .prop_map(|(interest, costs)| ContractTerms {
                interest: interest.map(|(rate, per_month, compound)| ContractInterest { rate, per_month, compound }),
                costs,
            })
    }

    fn rate_row() -> impl Strategy<Value = RateRow> {
        (prop::sample::select(RateTableKind::ALL.to_vec()), 0i64..4000, 0i64..400, percent(), text()).prop_map(
            |(table, from, days, rate, source)| {
                let from = day(2000, 1, 1) + chrono::Duration::days(from);
                RateRow { table, from, to: from + chrono::Duration::days(days), rate, source }
            },
        )
    }

    /// Law settings, the defaults about half of the time.
    fn law() -> impl Strategy<Value = LawSettings> {
        prop::option::of((
            prop::collection::vec(rate_row(), 0..4),
            prop::option::of(percent()),
            any::<bool>(),
            prop::sample::select(vec![NlBusinessCosts::Staffel, NlBusinessCosts::Fixed40, NlBusinessCosts::None]),
            (0i64..1000, 0u32..3),
        ))
        .prop_map(|law| {
            law.map(|(rates, costs_vat, principal_first, nl_business_costs, (postage, scale))| LawSettings {
                rates,
                costs_vat,
                order: if principal_first {
                    PaymentOrder::PrincipalInterestCosts
                } else {
                    PaymentOrder::CostsInterestPrincipal
                },
                nl_business_costs,
                be_postage: Decimal::new(postage, scale),
            })
            .unwrap_or_default()
        })
    }

    #[derive(Clone, Debug)]
    struct InvoiceSpec {
        customer: usize,
        date: i64,
        term: u16,
        amount: Decimal,
        usd: bool,
        description: String,
        margin: Option<(bool, Decimal)>,
        credits: Option<usize>,
        reference: String,
    }

    fn invoice_spec() -> impl Strategy<Value = InvoiceSpec> {
        (
            any::<usize>(),
            0i64..800,
            0u16..90,
            amount(),
            prop::bool::weighted(0.2),
            text(),
            prop::option::of((any::<bool>(), amount())),
            prop::option::weighted(0.3, any::<usize>()),
            text(),
        )
            .prop_map(|(customer, date, term, amount, usd, description, margin, credits, reference)| {
                InvoiceSpec { customer, date, term, amount, usd, description, margin, credits, reference }
            })
    }

    #[derive(Clone, Debug)]
    struct PaymentSpec {
        customer: usize,
        date: i64,
        amount: Decimal,
        usd: bool,
        allocations: Vec<(usize, Decimal)>,
        oldest_first: bool,
        texts: (String, String),
        iban: bool,
    }

    fn payment_spec() -> impl Strategy<Value = PaymentSpec> {
        (
            any::<usize>(),
            0i64..800,
            amount(),
            prop::bool::weighted(0.2),
            prop::collection::vec((any::<usize>(), amount()), 0..3),
            any::<bool>(),
            (text(), text()),
            any::<bool>(),
        )
            .prop_map(|(customer, date, amount, usd, allocations, oldest_first, texts, iban)| PaymentSpec {
                customer,
                date,
                amount,
                usd,
                allocations,
                oldest_first,
                texts,
                iban,
            })
    }

    fn event_kind() -> impl Strategy<Value = EventKind> {
        let channel = prop::sample::select(Channel::ALL.to_vec());
        prop_oneof![
            (channel.clone(), prop::sample::select(ContactOutcome::ALL.to_vec()))
                .prop_map(|(channel, outcome)| EventKind::Contact { channel, outcome }),
            Just(EventKind::Note),
            (amount(), 0i64..900).prop_map(|(amount, d)| EventKind::Promise {
                amount,
                date: day(2024, 1, 1) + chrono::Duration::days(d)
            }),
            prop::sample::select(ExcuseCategory::ALL.to_vec()).prop_map(|category| EventKind::Excuse { category }),
            text().prop_map(|reason| EventKind::DisputeOpened { reason }),
            Just(EventKind::DisputeResolved),
            any::<u16>().prop_map(|days| EventKind::ExtensionRequest { days }),
            amount().prop_map(|amount| EventKind::Order { amount }),
            (text(), channel).prop_map(|(step, channel)| EventKind::DunningDone { step, channel }),
            Just(EventKind::WrittenOff),
            (prop::option::of(prop_oneof![Just(Decimal::ZERO), amount()]), text())
                .prop_map(|(limit, by)| EventKind::LimitSet { limit, by }),
            (text(), amount()).prop_map(|(agency, amount)| EventKind::HandOver { agency, amount }),
            prop_oneof![prop::sample::select(StepKind::ALL.to_vec()).prop_map(|k| k.key().to_string()), text()]
                .prop_map(|step| EventKind::DunningSkipped { step }),
            (0i64..900).prop_map(|d| EventKind::Paused { until: day(2024, 1, 1) + chrono::Duration::days(d) }),
        ]
    }

    fn step() -> impl Strategy<Value = Step> {
        (
            (prop::sample::select(StepKind::ALL.to_vec()), 0u8..3, -60i32..120, prop::sample::select(Channel::ALL.to_vec())),
            (prop_oneof![Just(Decimal::ZERO), amount()], prop_oneof![Just(Decimal::ZERO), amount()]),
            (any::<bool>(), any::<bool>(), any::<bool>()),
            (0u8..3, any::<u16>()),
        )
            .prop_map(|((kind, base, offset_days, channel), (min_amount, fee), (interest, costs, nearby), (level, deadline_days))| Step {
                kind,
                base: [StepBase::InvoiceDate, StepBase::DueDate, StepBase::PreviousStep][usize::from(base)],
                offset_days,
                channel,
                min_amount,
                fee,
                announce_interest: interest,
                announce_costs: costs,
                level: [CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner][usize::from(level)],
                deadline_days,
                nearby_only: nearby,
            })
    }

    /// Dunning settings, the defaults about half of the time; otherwise valid by construction:
    /// policy ids unique (numbered), rules and the default naming one of them, thresholds in
    /// order, templates in nl or en.
    fn dunning() -> impl Strategy<Value = DunningSettings> {
        let policies = prop::collection::vec((text(), text(), prop::collection::vec(step(), 0..4)), 1..4);
        let rule = (
            any::<usize>(),
            prop::collection::vec(prop::sample::select(vec!["A", "B", "C", "D", ""]), 0..3),
            prop::option::of(0u8..=100),
            prop::collection::vec(prop::sample::select(RiskLevel::ALL.to_vec()), 0..3),
            prop::option::of(any::<bool>()),
            prop::option::of(amount()),
        );
        let template = (prop::sample::select(StepKind::ALL.to_vec()), any::<bool>(), text(), text())
            .prop_map(|(kind, en, subject, body)| TemplateText { kind, lang: if en { "en" } else { "nl" }.into(), subject, body });
        prop::option::of((
            policies,
            prop::collection::vec(rule, 0..4),
            any::<usize>(),
            (amount(), amount(), amount(), amount(), prop_oneof![Just(Decimal::ZERO), amount()]),
            any::<u16>(),
            prop::collection::vec(template, 0..3),
        ))
        .prop_map(|dunning| {
            dunning
                .map(|(policies, rules, default, (email, letter, senior, owner, proactive), grace, templates)| {
                    let policies: Vec<Policy> = policies
                        .into_iter()
                        .enumerate()
                        .map(|(n, (id, name, steps))| Policy { id: format!("{n}{id}"), name, steps })
                        .collect();
                    let id = |i: usize| policies[i % policies.len()].id.clone();
                    DunningSettings {
                        rules: rules
                            .into_iter()
                            .map(|(p, grades, score_below, risk_levels, kind, open_at_least)| AssignRule {
                                policy: id(p),
                                grades: grades.into_iter().map(String::from).collect(),
                                score_below,
                                risk_levels,
                                kind: kind.map(|c| if c { CustomerKind::Consumer } else { CustomerKind::Business }),
                                open_at_least,
                            })
                            .collect(),
                        default_policy: id(default),
                        email_below: email,
                        letter_up_to: email + letter,
                        senior_from: senior,
                        owner_from: senior + owner,
                        proactive_from: proactive,
                        promise_grace_days: grace,
                        templates,
                        policies,
                        agency: if grace % 2 == 0 {
                            Agency::default()
                        } else {
                            Agency {
                                name: format!("Incasso \"{grace}\" & Co"),
                                contact: "mr. J. de Wit".into(),
                                address: Address { street: "Straat 1".into(), postcode: "1234 AB".into(), city: "Utrecht".into() },
                                email: "dossiers@incasso.example".into(),
                            }
                        },
                    }
                })
                .unwrap_or_default()
        })
    }

    /// Risk settings, the defaults about half of the time; otherwise grades going up, any other
    /// thresholds, shares in range and a table of any rows.
    fn risk() -> impl Strategy<Value = RiskSettings> {
        let row = (text(), prop::sample::select(vec!["", "NL", "BE", "DE"]), prop::sample::select(RiskLevel::ALL.to_vec()))
            .prop_map(|(sector, country, level)| RiskRow { sector, country: country.into(), level });
        prop::option::of((
            (-30i32..30, 0i32..40, 0i32..60),
            prop::collection::vec(any::<u32>(), 11),
            (any::<bool>(), 0u32..=100, percent(), percent()),
            prop::collection::vec(row, 0..5),
        ))
        .prop_map(|risk| {
            risk.map(|((a, b, c), n, (warn, buying_less, share, insured), table)| RiskSettings {
                grade_a_max: a,
                grade_b_max: a + b,
                grade_c_max: a + b + c,
                silent_attempts: n[0],
                excuse_repeats: n[1],
                excuse_window_days: n[2],
                buying_less_percent: buying_less,
                broken_promises: n[3],
                dispute_days: n[4],
                extension_requests: n[5],
                extension_window_days: n[6],
                pattern_change_days: n[7],
                score_drop: n[8],
                score_floor: n[9],
                round_payments: n[10],
                warn_first_invoice_unpaid: warn,
                limit_revenue_share: share,
                insured_share: insured,
                table,
            })
            .unwrap_or_default()
        })
    }

    fn region() -> impl Strategy<Value = Region> {
        prop_oneof![
            (10u8..100).prop_map(Region::NlArea),
            Just(Region::Nl),
            prop::sample::select(crate::domain::BeProvince::ALL.to_vec()).prop_map(Region::BeProvince),
            Just(Region::Be),
            prop::sample::select(vec!["DE", "FR", "NL", "be", "", "X-1", "*Z"]).prop_map(|c| Region::Other(c.into())),
        ]
    }

    /// Market data, empty about a third of the time; otherwise valid by construction: counts
    /// above zero, each row its own segment (numbered sectors), prospects named, scores to 100.
    fn market() -> impl Strategy<Value = MarketData> {
        let size = prop::option::of(prop::sample::select(vec![SizeClass::Small, SizeClass::Medium, SizeClass::Large]));
        let count = (text(), size.clone(), prop::option::of(region()), 1u32..100_000, text());
        let prospect = (text(), text(), size, prop::option::of(region()), prop::option::of(0u8..=100), (text(), text()));
        prop::option::weighted(0.7, (prop::collection::vec(count, 0..5), prop::collection::vec(prospect, 0..5))).prop_map(
            |m| {
                m.map(|(counts, prospects)| MarketData {
                    counts: counts
                        .into_iter()
                        .enumerate()
                        .map(|(n, (sector, size_class, region, companies, source))| MarketCount {
                            sector: format!("{n}{sector}"),
                            size_class,
                            region,
                            companies,
                            source,
                        })
                        .collect(),
                    prospects: prospects
                        .into_iter()
                        .map(|(name, sector, size_class, region, score, (city, note))| Prospect {
                            name: format!("P {name}"),
                            sector,
                            size_class,
                            region,
                            score,
                            city,
                            note,
                        })
                        .collect(),
                })
                .unwrap_or_default()
            },
        )
    }

    prop_compose! {
        fn ledger()(
            company in (text(), text(), text(), text()),
            term in 0u16..400,
            usd_default in any::<bool>(),
            law in law(),
            risk in risk(),
            dunning in dunning(),
            market in market(),
            customers in prop::collection::vec(customer(), 0..5),
            invoices in prop::collection::vec(invoice_spec(), 0..14),
            payments in prop::collection::vec(payment_spec(), 0..6),
            events in prop::collection::vec((any::<usize>(), prop::option::of(any::<usize>()), 0i64..800, event_kind(), text()), 0..10),
        ) -> Ledger {
            let currency = if usd_default { Currency::parse("USD").unwrap() } else { Currency::EUR };
            let settings = LedgerSettings { default_term_days: term, currency, law, risk, dunning, market };
            build(company, settings, customers, invoices, payments, events)
        }
    }

    type EventSpec = (usize, Option<usize>, i64, EventKind, String);

    /// Builds a ledger through its API; operations that break a rule are simply skipped.
    fn build(
        company: (String, String, String, String),
        settings: LedgerSettings,
        customers: Vec<Customer>,
        invoices: Vec<InvoiceSpec>,
        payments: Vec<PaymentSpec>,
        events: Vec<EventSpec>,
    ) -> Ledger {
        let usd = Currency::parse("USD").unwrap();
        let base = day(2024, 1, 1);
        let mut l = Ledger::new();
        l.company.name = company.0;
        l.company.address.city = company.1;
        l.company.iban = company.2;
        l.company.email = company.3;
        l.settings = settings;
        for c in customers {
            let _ = l.add_customer(c);
        }
        let cust: Vec<CustomerId> = l.customers().map(|c| c.id).collect();
        if cust.is_empty() {
            return l;
        }
        for (n, s) in invoices.into_iter().enumerate() {
            let date = base + chrono::Duration::days(s.date);
            let money = Money::new(s.amount, if s.usd { usd } else { Currency::EUR });
            let ids: Vec<InvoiceId> = l.invoices().map(|i| i.id).collect();
            let mut inv = match s.credits.filter(|_| !ids.is_empty()) {
                Some(t) => {
                    let target = l.invoice(ids[t % ids.len()]).unwrap().clone();
                    let mut cn = Invoice::credit_note(format!("C{n}"), &target, date, money);
                    cn.amount.currency = target.amount.currency;
                    cn
                }
                None => Invoice::new(format!("F{n}"), cust[s.customer % cust.len()], date, s.term, money),
            };
            inv.description = s.description;
            inv.reference = s.reference;
            inv.margin = s.margin.map(|(pct, d)| if pct { Margin::Percent(d) } else { Margin::Amount(d) });
            let _ = l.add_invoice(inv);
        }
        let ids: Vec<InvoiceId> = l.invoices().map(|i| i.id).collect();
        for s in payments {
            let money = Money::new(s.amount, if s.usd { usd } else { Currency::EUR });
            let allocations = if ids.is_empty() {
                Vec::new()
            } else {
                s.allocations.iter().map(|(i, a)| Allocation { invoice: ids[i % ids.len()], amount: *a }).collect()
            };
            let customer = cust[s.customer % cust.len()];
            let date = base + chrono::Duration::days(s.date);
            let Ok(mut p) = Payment::new(customer, date, money, if s.oldest_first { Vec::new() } else { allocations })
            else {
                continue;
            };
            p.payer_name = s.texts.0;
            p.reference = s.texts.1;
            if s.iban {
                p.payer_iban = "NL91 ABNA 0417 1643 00".into();
            }
            let _ = if s.oldest_first { l.add_payment_oldest_first(p) } else { l.add_payment(p) };
        }
        for (c, i, d, kind, note) in events {
            let customer = cust[c % cust.len()];
            let invoice = i.filter(|_| !ids.is_empty()).map(|i| ids[i % ids.len()]);
            let mut e = Event::new(customer, invoice, base + chrono::Duration::days(d), kind);
            e.note = note;
            let _ = if matches!(e.kind, EventKind::LimitSet { .. }) { l.set_limit(e) } else { l.add_event(e) };
        }
        l
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_ledger_round_trips(ledger in ledger()) {
            let text = export(&ledger, "2026-03-10T09:30:00Z");
            let back = parse(&text);
            prop_assert_eq!(back.as_ref(), Ok(&ledger));
            prop_assert_eq!(export(back.as_ref().unwrap(), "2026-03-10T09:30:00Z"), text);
        }
    }
}
