//! The dunning policy model (DOMAIN.md section 5): a policy is an ordered list of steps; profiles
//! each have a policy; rules assign a profile to a customer. The planner is `engine::dunning`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::customer::{Address, CollectorLevel, CustomerKind};
use super::error::DomainError;
use super::event::Channel;
use super::risk::RiskLevel;

/// What a step is for: it chooses the template and the step's special rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StepKind {
    /// Before the due date, for large invoices: is everything in order for payment? (004 #5)
    ProactiveCheck,
    /// A few days after sending: did the invoice arrive, is it approved? (001 #4)
    InvoiceFollowUp,
    /// On the due date: a friendly call, interest announced. (001 #5)
    DueDateCall,
    /// Herinnering (002).
    Reminder,
    /// Eerste aanmaning: stricter tone (002).
    FirstDunning,
    /// A phone call after the first dunning letter (002).
    Call,
    /// A visit, for customers nearby (001 #9).
    Visit,
    /// Laatste aanmaning / ingebrekestelling with a deadline; for Dutch consumers the 14-day
    /// letter (001 #10).
    FinalNotice,
    /// Hand over to a collection agency once the final deadline has passed (000).
    HandOver,
}

impl StepKind {
    pub const ALL: [StepKind; 9] = [
        StepKind::ProactiveCheck,
        StepKind::InvoiceFollowUp,
        StepKind::DueDateCall,
        StepKind::Reminder,
        StepKind::FirstDunning,
        StepKind::Call,
        StepKind::Visit,
        StepKind::FinalNotice,
        StepKind::HandOver,
    ];

    /// The identifier written in the diary (`EventKind::DunningDone { step }`): stable, not
    /// translated.
    pub fn key(self) -> &'static str {
        match self {
            StepKind::ProactiveCheck => "proactive-check",
            StepKind::InvoiceFollowUp => "invoice-follow-up",
            StepKind::DueDateCall => "due-date-call",
            StepKind::Reminder => "reminder",
            StepKind::FirstDunning => "first-dunning",
            StepKind::Call => "call",
            StepKind::Visit => "visit",
            StepKind::FinalNotice => "final-notice",
            StepKind::HandOver => "hand-over",
        }
    }

    pub fn from_key(key: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What a step's offset counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepBase {
    InvoiceDate,
    DueDate,
    /// The day the previous step of the policy was done (or skipped) for that invoice.
    PreviousStep,
}

/// One step of a policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub base: StepBase,
    /// Days after the base (negative: before).
    pub offset_days: i32,
    /// The channel when the amount rules do not choose another (see `DunningSettings`).
    pub channel: Channel,
    /// Only for invoices (or customers, for the grouped message) with at least this open.
    #[serde(with = "rust_decimal::serde::str")]
    pub min_amount: Decimal,
    /// A fee announced in the message (0 = none).
    #[serde(with = "rust_decimal::serde::str")]
    pub fee: Decimal,
    pub announce_interest: bool,
    pub announce_costs: bool,
    /// Who does it at the least (the amount may raise it).
    pub level: CollectorLevel,
    /// The payment deadline the message gives, in days (0 = none).
    pub deadline_days: u16,
    /// Only for customers with a visiting address nearby (a visit); `false` for other steps.
    pub nearby_only: bool,
}

/// A policy: its name and ordered steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Stable identifier, also the profile name a customer can carry.
    pub id: String,
    pub name: String,
    pub steps: Vec<Step>,
}

/// A rule that assigns a policy to customers. Every condition that is set must hold; the first
/// matching rule wins; no match gives the default policy. A customer whose `profile` names a
/// policy id gets that policy regardless of the rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignRule {
    pub policy: String,
    /// Payment grades ("A".."D", "" = no grade yet) that match; empty = any.
    pub grades: Vec<String>,
    /// The latest external score is below this.
    pub score_below: Option<u8>,
    /// Risk levels that match; empty = any.
    pub risk_levels: Vec<RiskLevel>,
    pub kind: Option<CustomerKind>,
    /// The open amount is at least this.
    #[serde(with = "super::customer::opt_decimal")]
    pub open_at_least: Option<Decimal>,
}

/// The dunning settings of a ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningSettings {
    pub policies: Vec<Policy>,
    pub rules: Vec<AssignRule>,
    /// The policy for customers no rule matches.
    pub default_policy: String,
    /// Channel by amount (seed 004 #2): below `email_below` e-mail, up to `letter_up_to` a
    /// letter, above that a phone call — for reminder and dunning steps whose channel is e-mail
    /// or letter.
    #[serde(with = "rust_decimal::serde::str")]
    pub email_below: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub letter_up_to: Decimal,
    /// Collector level by amount (seed 004 #4): from `senior_from` open a senior, from
    /// `owner_from` the owner.
    #[serde(with = "rust_decimal::serde::str")]
    pub senior_from: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub owner_from: Decimal,
    /// Large invoices get the proactive check before the due date: from this amount.
    #[serde(with = "rust_decimal::serde::str")]
    pub proactive_from: Decimal,
    /// Days after a broken promise before the "promise broken" call (seed 001 #7).
    pub promise_grace_days: u16,
    /// The user's own texts, replacing the built-in template of a step in a language.
    pub templates: Vec<TemplateText>,
    /// The collection agency (or lawyer) claims are handed over to: the hand-over letter is
    /// addressed to it.
    pub agency: Agency,
}

/// A collection agency or lawyer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub name: String,
    /// For the attention of.
    pub contact: String,
    pub address: Address,
    pub email: String,
}

/// A message template: subject and body with `{placeholders}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateText {
    pub kind: StepKind,
    /// "nl" or "en".
    pub lang: String,
    pub subject: String,
    pub body: String,
}

fn step(kind: StepKind, base: StepBase, offset_days: i32, channel: Channel, level: CollectorLevel) -> Step {
    Step {
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
    }
}

impl Policy {
    /// The default policy of DOMAIN.md section 5 (seeds 001, 002, 004).
    pub fn standard() -> Policy {
        use CollectorLevel::{Junior, Senior};
        use StepBase::{DueDate, InvoiceDate};
        let steps = vec![
            Step { min_amount: Decimal::from(2500), ..step(StepKind::ProactiveCheck, DueDate, -5, Channel::Phone, Junior) },
            step(StepKind::InvoiceFollowUp, InvoiceDate, 3, Channel::Email, Junior),
            Step { announce_interest: true, ..step(StepKind::DueDateCall, DueDate, 0, Channel::Phone, Junior) },
            Step { deadline_days: 7, ..step(StepKind::Reminder, DueDate, 7, Channel::Email, Junior) },
            Step { deadline_days: 7, announce_interest: true, ..step(StepKind::FirstDunning, DueDate, 14, Channel::Email, Junior) },
            step(StepKind::Call, DueDate, 21, Channel::Phone, Senior),
            Step { nearby_only: true, ..step(StepKind::Visit, DueDate, 28, Channel::Visit, Senior) },
            Step {
                deadline_days: 7,
                announce_interest: true,
                announce_costs: true,
                ..step(StepKind::FinalNotice, DueDate, 35, Channel::Letter, Senior)
            },
            step(StepKind::HandOver, StepBase::PreviousStep, 8, Channel::HandOver, CollectorLevel::Owner),
        ];
        Policy { id: "standaard".into(), name: "Standaard".into(), steps }
    }

    /// Good payers: fewer, friendlier steps, later.
    pub fn good_payers() -> Policy {
        use CollectorLevel::{Junior, Senior};
        use StepBase::DueDate;
        Policy {
            id: "goede-betalers".into(),
            name: "Goede betalers".into(),
            steps: vec![
                Step { deadline_days: 7, ..step(StepKind::Reminder, DueDate, 10, Channel::Email, Junior) },
                step(StepKind::Call, DueDate, 21, Channel::Phone, Junior),
                Step { deadline_days: 7, announce_interest: true, ..step(StepKind::FirstDunning, DueDate, 28, Channel::Email, Senior) },
                Step {
                    deadline_days: 7,
                    announce_interest: true,
                    announce_costs: true,
                    ..step(StepKind::FinalNotice, DueDate, 42, Channel::Letter, Senior)
                },
                step(StepKind::HandOver, StepBase::PreviousStep, 8, Channel::HandOver, CollectorLevel::Owner),
            ],
        }
    }

    /// Risky customers: a call before the due date, earlier calls and a faster final notice.
    pub fn risky() -> Policy {
        use CollectorLevel::{Junior, Senior};
        use StepBase::{DueDate, InvoiceDate};
        Policy {
            id: "risicovol".into(),
            name: "Risicovol".into(),
            steps: vec![
                step(StepKind::InvoiceFollowUp, InvoiceDate, 2, Channel::Phone, Junior),
                step(StepKind::ProactiveCheck, DueDate, -3, Channel::Phone, Junior),
                Step { announce_interest: true, ..step(StepKind::DueDateCall, DueDate, 0, Channel::Phone, Senior) },
                Step { deadline_days: 5, announce_interest: true, ..step(StepKind::Reminder, DueDate, 3, Channel::Email, Senior) },
                step(StepKind::Call, DueDate, 7, Channel::Phone, Senior),
                Step {
                    deadline_days: 7,
                    announce_interest: true,
                    announce_costs: true,
                    ..step(StepKind::FinalNotice, DueDate, 14, Channel::RegisteredLetter, Senior)
                },
                step(StepKind::HandOver, StepBase::PreviousStep, 8, Channel::HandOver, CollectorLevel::Owner),
            ],
        }
    }
}

impl Default for DunningSettings {
    fn default() -> Self {
        DunningSettings {
            policies: vec![Policy::standard(), Policy::good_payers(), Policy::risky()],
            rules: vec![
                AssignRule {
                    policy: "risicovol".into(),
                    grades: vec!["D".into()],
                    score_below: None,
                    risk_levels: Vec::new(),
                    kind: None,
                    open_at_least: None,
                },
                AssignRule {
                    policy: "risicovol".into(),
                    grades: Vec::new(),
                    score_below: Some(40),
                    risk_levels: Vec::new(),
                    kind: None,
                    open_at_least: None,
                },
                AssignRule {
                    policy: "goede-betalers".into(),
                    grades: vec!["A".into()],
                    score_below: None,
                    risk_levels: vec![RiskLevel::Low, RiskLevel::Medium],
                    kind: None,
                    open_at_least: None,
                },
            ],
            default_policy: "standaard".into(),
            email_below: Decimal::from(2500),
            letter_up_to: Decimal::from(10_000),
            senior_from: Decimal::from(5000),
            owner_from: Decimal::from(25_000),
            proactive_from: Decimal::from(2500),
            promise_grace_days: 3,
            templates: Vec::new(),
            agency: Agency::default(),
        }
    }
}

impl DunningSettings {
    /// # Errors
    /// A policy without an id (`PolicyIdRequired`) or with the id of another (`DuplicatePolicy`);
    /// a rule or the default naming no policy (`UnknownPolicy`); a negative threshold, minimum
    /// amount or fee (`AmountNegative`); `email_below` above `letter_up_to`
    /// (`ChannelThresholdsOutOfOrder`) or `senior_from` above `owner_from`
    /// (`LevelThresholdsOutOfOrder`); a template in a language other than "nl" or "en"; a rule
    /// with a score above 100 (`ScoreOutOfRange`), a negative amount or a grade other than A-D
    /// or "" (`UnknownGrade`).
    pub fn validate(&self) -> Result<(), DomainError> {
        let mut ids: Vec<&str> = Vec::with_capacity(self.policies.len());
        for p in &self.policies {
            if p.id.trim().is_empty() {
                return Err(DomainError::PolicyIdRequired);
            }
            if ids.contains(&p.id.as_str()) {
                return Err(DomainError::DuplicatePolicy(p.id.clone()));
            }
            ids.push(&p.id);
            if p.steps.iter().any(|s| s.min_amount < Decimal::ZERO || s.fee < Decimal::ZERO) {
                return Err(DomainError::AmountNegative);
            }
        }
        let names = self.rules.iter().map(|r| &r.policy).chain(std::iter::once(&self.default_policy));
        if let Some(unknown) = names.into_iter().find(|n| !ids.contains(&n.as_str())) {
            return Err(DomainError::UnknownPolicy(unknown.clone()));
        }
        if [self.email_below, self.letter_up_to, self.senior_from, self.owner_from, self.proactive_from]
            .iter()
            .any(|d| *d < Decimal::ZERO)
        {
            return Err(DomainError::AmountNegative);
        }
        for r in &self.rules {
            if r.score_below.is_some_and(|s| s > 100) {
                return Err(DomainError::ScoreOutOfRange);
            }
            if r.open_at_least.is_some_and(|a| a < Decimal::ZERO) {
                return Err(DomainError::AmountNegative);
            }
            if let Some(g) = r.grades.iter().find(|g| !matches!(g.as_str(), "A" | "B" | "C" | "D" | "")) {
                return Err(DomainError::UnknownGrade(g.clone()));
            }
        }
        if self.email_below > self.letter_up_to {
            return Err(DomainError::ChannelThresholdsOutOfOrder);
        }
        if self.senior_from > self.owner_from {
            return Err(DomainError::LevelThresholdsOutOfOrder);
        }
        if let Some(t) = self.templates.iter().find(|t| t.lang != "nl" && t.lang != "en") {
            return Err(DomainError::BadTemplateLang(t.lang.clone()));
        }
        Ok(())
    }
}

impl DunningSettings {
    /// Adds a policy called `name` with a copy of the steps of the policy `copy_of` (none when
    /// `None`), and returns its id: the name in lower case with dashes, made unique.
    ///
    /// # Errors
    /// `PolicyNameRequired` for a blank name, `DuplicatePolicyName` when another policy already
    /// has that name (case-insensitive: a customer's profile names a policy that way),
    /// `UnknownPolicy` when `copy_of` names none.
    pub fn add_policy(&mut self, name: &str, copy_of: Option<&str>) -> Result<String, DomainError> {
        let name = self.check_name(None, name)?;
        let steps = match copy_of {
            Some(id) => self.policies.iter().find(|p| p.id == id).ok_or_else(|| DomainError::UnknownPolicy(id.to_string()))?.steps.clone(),
            None => Vec::new(),
        };
        let base: String = name
            .to_lowercase()
            .chars()
            .map(|c| match c {
                'à' | 'á' | 'â' | 'ä' => 'a',
                'è' | 'é' | 'ê' | 'ë' => 'e',
                'ì' | 'í' | 'î' | 'ï' => 'i',
                'ò' | 'ó' | 'ô' | 'ö' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                c if c.is_ascii_alphanumeric() => c,
                _ => '-',
            })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let base = if base.is_empty() { "beleid".to_string() } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while self.policies.iter().any(|p| p.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.policies.push(Policy { id: id.clone(), name, steps });
        Ok(id)
    }

    /// Gives the policy `id` a new name; its id (which rules and the diary use) stays.
    ///
    /// # Errors
    /// `UnknownPolicy`, `PolicyNameRequired`, `DuplicatePolicyName`.
    pub fn rename_policy(&mut self, id: &str, name: &str) -> Result<(), DomainError> {
        let name = self.check_name(Some(id), name)?;
        let p = self.policies.iter_mut().find(|p| p.id == id).ok_or_else(|| DomainError::UnknownPolicy(id.to_string()))?;
        p.name = name;
        Ok(())
    }

    /// Removes the policy `id`. Customers whose profile named it get a policy by the rules again.
    ///
    /// # Errors
    /// `UnknownPolicy`; `PolicyInUse` (with the policy's name) when it is the default policy or
    /// a rule assigns it: change those first, so that no customer is left without a policy.
    pub fn remove_policy(&mut self, id: &str) -> Result<(), DomainError> {
        let p = self.policies.iter().find(|p| p.id == id).ok_or_else(|| DomainError::UnknownPolicy(id.to_string()))?;
        if self.default_policy == id || self.rules.iter().any(|r| r.policy == id) {
            return Err(DomainError::PolicyInUse(p.name.clone()));
        }
        self.policies.retain(|p| p.id != id);
        Ok(())
    }

    /// The trimmed name, if it is not blank and no other policy than `own` has it.
    fn check_name(&self, own: Option<&str>, name: &str) -> Result<String, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::PolicyNameRequired);
        }
        let taken = self.policies.iter().any(|p| Some(p.id.as_str()) != own && (p.name.trim().eq_ignore_ascii_case(name) || p.id.eq_ignore_ascii_case(name)));
        if taken {
            return Err(DomainError::DuplicatePolicyName(name.to_string()));
        }
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_keys_are_unique_and_round_trip() {
        for k in StepKind::ALL {
            assert_eq!(StepKind::from_key(k.key()), Some(k));
        }
        assert_eq!(StepKind::from_key("herinnering"), None);
    }

    #[test]
    fn validate() {
        type Change = fn(&mut DunningSettings);
        let rows: [(&str, Change, Result<(), DomainError>); 20] = [
            ("the defaults", |_| {}, Ok(())),
            ("no policies, no rules", |s| (s.policies, s.rules) = (Vec::new(), Vec::new()), Err(DomainError::UnknownPolicy("standaard".into()))),
            ("empty id", |s| s.policies[1].id = " ".into(), Err(DomainError::PolicyIdRequired)),
            ("duplicate id", |s| s.policies[2].id = "standaard".into(), Err(DomainError::DuplicatePolicy("standaard".into()))),
            ("rule names no policy", |s| s.rules[0].policy = "streng".into(), Err(DomainError::UnknownPolicy("streng".into()))),
            ("default names no policy", |s| s.default_policy = "Standaard".into(), Err(DomainError::UnknownPolicy("Standaard".into()))),
            ("renamed policy and its rules", |s| {
                s.policies[2].id = "streng".into();
                s.rules[0].policy = "streng".into();
                s.rules[1].policy = "streng".into();
            }, Ok(())),
            ("negative e-mail threshold", |s| s.email_below = Decimal::NEGATIVE_ONE, Err(DomainError::AmountNegative)),
            ("negative proactive threshold", |s| s.proactive_from = Decimal::NEGATIVE_ONE, Err(DomainError::AmountNegative)),
            ("negative step fee", |s| s.policies[0].steps[3].fee = Decimal::NEGATIVE_ONE, Err(DomainError::AmountNegative)),
            ("e-mail above letter", |s| s.email_below = Decimal::from(10_001), Err(DomainError::ChannelThresholdsOutOfOrder)),
            ("e-mail equal to letter", |s| s.email_below = s.letter_up_to, Ok(())),
            ("senior above owner", |s| s.senior_from = Decimal::from(25_001), Err(DomainError::LevelThresholdsOutOfOrder)),
            ("all zero", |s| {
                (s.email_below, s.letter_up_to, s.senior_from, s.owner_from, s.proactive_from) = Default::default();
            }, Ok(())),
            ("template in nl and en", |s| {
                for lang in ["nl", "en"] {
                    s.templates.push(TemplateText { kind: StepKind::Reminder, lang: lang.into(), subject: "Herinnering".into(), body: String::new() });
                }
            }, Ok(())),
            ("template in de", |s| {
                s.templates.push(TemplateText { kind: StepKind::Reminder, lang: "de".into(), subject: String::new(), body: String::new() });
            }, Err(DomainError::BadTemplateLang("de".into()))),
            ("rule score 100", |s| s.rules[1].score_below = Some(100), Ok(())),
            ("rule score 101", |s| s.rules[1].score_below = Some(101), Err(DomainError::ScoreOutOfRange)),
            ("rule negative amount", |s| s.rules[0].open_at_least = Some(Decimal::NEGATIVE_ONE), Err(DomainError::AmountNegative)),
            ("rule grade E", |s| s.rules[0].grades = vec!["E".into()], Err(DomainError::UnknownGrade("E".into()))),
        ];
        for (name, change, expected) in rows {
            let mut s = DunningSettings::default();
            change(&mut s);
            assert_eq!(s.validate(), expected, "{name}");
        }
    }

    #[test]
    fn add_rename_and_remove_policies() {
        let mut s = DunningSettings::default();
        assert_eq!(s.add_policy(" Vaste klanten ", Some("goede-betalers")), Ok("vaste-klanten".into()));
        let p = s.policies.last().unwrap();
        assert_eq!((p.name.as_str(), p.steps.len()), ("Vaste klanten", Policy::good_payers().steps.len()));
        assert_eq!(s.add_policy("Vaste   klanten!", None), Ok("vaste-klanten-2".into()), "another name, the same id: numbered");
        assert_eq!(s.policies.last().map(|p| (p.id.as_str(), p.steps.len())), Some(("vaste-klanten-2", 0)));
        assert_eq!(s.add_policy("VASTE KLANTEN", None), Err(DomainError::DuplicatePolicyName("VASTE KLANTEN".into())));
        assert_eq!(s.add_policy("risicovol", None), Err(DomainError::DuplicatePolicyName("risicovol".into())));
        assert_eq!(s.add_policy("  ", None), Err(DomainError::PolicyNameRequired));
        assert_eq!(s.add_policy("Zeer één", Some("streng")), Err(DomainError::UnknownPolicy("streng".into())));
        assert_eq!(s.add_policy("Zeer één", None), Ok("zeer-een".into()));
        assert_eq!(s.add_policy("€€", None), Ok("beleid".into()));
        assert_eq!(s.validate(), Ok(()));

        assert_eq!(s.rename_policy("risicovol", "Streng"), Ok(()));
        assert_eq!(s.policies.iter().find(|p| p.id == "risicovol").map(|p| p.name.as_str()), Some("Streng"));
        assert_eq!(s.rename_policy("risicovol", "streng "), Ok(()), "its own name in other capitals");
        assert_eq!(s.rename_policy("risicovol", "Standaard"), Err(DomainError::DuplicatePolicyName("Standaard".into())));
        assert_eq!(s.rename_policy("weg", "Weg"), Err(DomainError::UnknownPolicy("weg".into())));

        assert_eq!(s.remove_policy("standaard"), Err(DomainError::PolicyInUse("Standaard".into())), "the default");
        assert_eq!(s.remove_policy("risicovol"), Err(DomainError::PolicyInUse("streng".into())), "a rule assigns it");
        assert_eq!(s.remove_policy("vaste-klanten"), Ok(()));
        assert!(s.policies.iter().all(|p| p.id != "vaste-klanten"));
        assert_eq!(s.remove_policy("vaste-klanten"), Err(DomainError::UnknownPolicy("vaste-klanten".into())));
        assert_eq!(s.validate(), Ok(()));
    }
}
