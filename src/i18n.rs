//! Language: every text the user sees goes through here. Dutch is the default, English the
//! second language. Texts are written as (Dutch, English) pairs at the place they are used via
//! [`Lang::tr`], so a missing translation cannot compile; labels of domain values, error
//! messages and number and date formats live in this module.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::{
    round_cents, Channel, CollectorLevel, ContactOutcome, ContractCosts, ContractInterest, Currency, CustomerKind,
    DomainError, EventType, ExcuseCategory, InvoiceStatus, Money, SizeClass, StepKind,
};

pub mod analysis;
pub mod bank;
pub mod credit;
pub mod dunning;
pub mod import;
pub mod law;
pub mod risk;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "nl", alias = "Nl", alias = "NL")]
    Nl,
    #[serde(rename = "en", alias = "En", alias = "EN")]
    En,
}

impl Lang {
    /// Picks the text of this language.
    pub fn tr(self, nl: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The `lang` attribute of the document.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Formats a decimal with grouping: `1.234,56` (nl) or `1,234.56` (en), rounded to cents.
    pub fn number(self, d: Decimal) -> String {
        let r = round_cents(d);
        let neg = r.is_sign_negative() && !r.is_zero();
        let s = format!("{:.2}", r.abs());
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        let (group, dec) = match self {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        };
        format!("{}{}{dec}{frac}", if neg { "-" } else { "" }, grouped(int, group))
    }

    /// Formats a count with grouping: `51.420` (nl) or `51,420` (en).
    pub fn count(self, n: usize) -> String {
        let group = match self {
            Lang::Nl => '.',
            Lang::En => ',',
        };
        grouped(&n.to_string(), group)
    }

    /// Formats an amount with its currency: `€ 1.234,56` (nl), `€1,234.56` (en).
    pub fn money(self, m: Money) -> String {
        self.amount(m.amount, m.currency)
    }

    pub fn amount(self, d: Decimal, c: Currency) -> String {
        let n = self.number(d.abs());
        let sign = if round_cents(d).is_sign_negative() && !round_cents(d).is_zero() { "-" } else { "" };
        match self {
            Lang::Nl => format!("{sign}{} {n}", c.symbol()),
            Lang::En if c.symbol().chars().count() > 1 => format!("{sign}{} {n}", c.symbol()),
            Lang::En => format!("{sign}{}{n}", c.symbol()),
        }
    }

    /// A date as the user reads it: `23-11-2026` (nl), `23 Nov 2026` (en).
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::Nl => d.format("%d-%m-%Y").to_string(),
            Lang::En => d.format("%-d %b %Y").to_string(),
        }
    }

    /// A long date for headings: `maandag 23 november 2026`.
    pub fn long_date(self, d: NaiveDate) -> String {
        const NL_DAYS: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
        const NL_MONTHS: [&str; 12] = [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ];
        match self {
            Lang::Nl => format!(
                "{} {} {} {}",
                NL_DAYS[d.weekday().num_days_from_monday() as usize],
                d.day(),
                NL_MONTHS[d.month0() as usize],
                d.year()
            ),
            Lang::En => d.format("%A %-d %B %Y").to_string(),
        }
    }

    /// "3 days" / "1 dag".
    pub fn days(self, n: i64) -> String {
        match (self, n.abs() == 1) {
            (Lang::Nl, true) => format!("{n} dag"),
            (Lang::Nl, false) => format!("{n} dagen"),
            (Lang::En, true) => format!("{n} day"),
            (Lang::En, false) => format!("{n} days"),
        }
    }

    pub fn status(self, s: InvoiceStatus) -> &'static str {
        match s {
            InvoiceStatus::Open => self.tr("Open", "Open"),
            InvoiceStatus::PartlyPaid => self.tr("Deels betaald", "Partly paid"),
            InvoiceStatus::Paid => self.tr("Betaald", "Paid"),
            InvoiceStatus::Credited => self.tr("Gecrediteerd", "Credited"),
            InvoiceStatus::Disputed => self.tr("Betwist", "Disputed"),
            InvoiceStatus::WrittenOff => self.tr("Afgeboekt", "Written off"),
        }
    }

    pub fn customer_kind(self, k: CustomerKind) -> &'static str {
        match k {
            CustomerKind::Business => self.tr("Zakelijk", "Business"),
            CustomerKind::Consumer => self.tr("Consument", "Consumer"),
        }
    }

    pub fn size_class(self, s: Option<SizeClass>) -> &'static str {
        match s {
            None => self.tr("Onbekend", "Unknown"),
            Some(SizeClass::Small) => self.tr("Klein (< 20 medewerkers)", "Small (< 20 employees)"),
            Some(SizeClass::Medium) => self.tr("Middel (20–200 medewerkers)", "Medium (20–200 employees)"),
            Some(SizeClass::Large) => self.tr("Groot (> 200 medewerkers)", "Large (> 200 employees)"),
        }
    }

    pub fn collector(self, c: CollectorLevel) -> &'static str {
        match c {
            CollectorLevel::Junior => self.tr("Junior", "Junior"),
            CollectorLevel::Senior => self.tr("Senior", "Senior"),
            CollectorLevel::Owner => self.tr("Eigenaar", "Owner"),
        }
    }

    pub fn channel(self, c: Channel) -> &'static str {
        match c {
            Channel::Email => self.tr("E-mail", "E-mail"),
            Channel::Phone => self.tr("Telefoon", "Phone"),
            Channel::Letter => self.tr("Brief", "Letter"),
            Channel::RegisteredLetter => self.tr("Aangetekende brief", "Registered letter"),
            Channel::Visit => self.tr("Bezoek", "Visit"),
            Channel::HandOver => self.tr("Overdracht incasso", "Hand-over to collection"),
        }
    }

    pub fn outcome(self, o: ContactOutcome) -> &'static str {
        match o {
            ContactOutcome::Reached => self.tr("Bereikt", "Reached"),
            ContactOutcome::NoAnswer => self.tr("Geen gehoor", "No answer"),
            ContactOutcome::NoResponse => self.tr("Geen reactie", "No response"),
        }
    }

    pub fn excuse(self, e: ExcuseCategory) -> &'static str {
        match e {
            ExcuseCategory::InvoiceNotReceived => self.tr("Factuur niet ontvangen", "Invoice not received"),
            ExcuseCategory::CashFlow => self.tr("Liquiditeitsproblemen", "Cash-flow problems"),
            ExcuseCategory::WaitingForOwnCustomer => {
                self.tr("Wacht op betaling eigen klant", "Waiting for own customer to pay")
            }
            ExcuseCategory::ApprovalPending => self.tr("Nog niet geaccordeerd", "Approval pending"),
            ExcuseCategory::WrongDetails => self.tr("Verkeerde gegevens op factuur", "Wrong details on invoice"),
            ExcuseCategory::QualityComplaint => self.tr("Klacht over levering", "Complaint about delivery"),
            ExcuseCategory::Other => self.tr("Anders", "Other"),
        }
    }

    pub fn event_type(self, t: EventType) -> &'static str {
        match t {
            EventType::Contact => self.tr("Contactpoging", "Contact attempt"),
            EventType::Note => self.tr("Notitie", "Note"),
            EventType::Promise => self.tr("Betaalbelofte", "Promise to pay"),
            EventType::Excuse => self.tr("Excuus", "Excuse"),
            EventType::DisputeOpened => self.tr("Geschil geopend", "Dispute opened"),
            EventType::DisputeResolved => self.tr("Geschil opgelost", "Dispute resolved"),
            EventType::ExtensionRequest => self.tr("Verzoek langere betaaltermijn", "Request for longer terms"),
            EventType::Order => self.tr("Order", "Order"),
            EventType::DunningDone => self.tr("Aanmaning verstuurd", "Dunning action done"),
            EventType::WrittenOff => self.tr("Afgeboekt", "Written off"),
            EventType::LimitSet => self.tr("Kredietlimiet vastgesteld", "Credit limit set"),
            EventType::HandOver => self.tr("Uit handen gegeven", "Handed over"),
            EventType::DunningSkipped => self.tr("Aanmaningsstap overgeslagen", "Dunning step skipped"),
            EventType::Paused => self.tr("Aanmanen gepauzeerd", "Dunning paused"),
        }
    }

    /// The name of a kind of dunning step.
    pub fn step_kind(self, k: StepKind) -> &'static str {
        match k {
            StepKind::ProactiveCheck => self.tr("Voorafcontrole", "Proactive check"),
            StepKind::InvoiceFollowUp => self.tr("Factuurcontrole", "Invoice follow-up"),
            StepKind::DueDateCall => self.tr("Vervaldagbelletje", "Due-date call"),
            StepKind::Reminder => self.tr("Herinnering", "Reminder"),
            StepKind::FirstDunning => self.tr("Eerste aanmaning", "First dunning letter"),
            StepKind::Call => self.tr("Telefonische aanmaning", "Dunning call"),
            StepKind::Visit => self.tr("Bezoek", "Visit"),
            StepKind::FinalNotice => self.tr("Laatste aanmaning", "Final notice"),
            StepKind::HandOver => self.tr("Uit handen geven", "Hand over to collection"),
        }
    }

    /// A percentage without trailing zeros: `10,15%` (nl), `10.15%` (en).
    pub fn percent(self, d: Decimal) -> String {
        let s = d.normalize().to_string();
        match self {
            Lang::Nl => format!("{}%", s.replace('.', ",")),
            Lang::En => format!("{s}%"),
        }
    }

    /// Contractual interest as one phrase: "1% per maand, enkelvoudig" / "8% per year, compound".
    pub fn contract_interest(self, i: ContractInterest) -> String {
        let per = if i.per_month { self.tr("per maand", "per month") } else { self.tr("per jaar", "per year") };
        let how = if i.compound { self.tr("samengesteld", "compound") } else { self.tr("enkelvoudig", "simple") };
        format!("{} {per}, {how}", self.percent(i.rate))
    }

    /// Contractual collection costs as one phrase: "15% van de hoofdsom" / "€40.00 per claim".
    pub fn contract_costs(self, c: ContractCosts) -> String {
        match c {
            ContractCosts::Fixed(a) => {
                format!("{} {}", self.amount(a, Currency::EUR), self.tr("per vordering", "per claim"))
            }
            ContractCosts::Percent(p) => {
                format!("{} {}", self.percent(p), self.tr("van de hoofdsom", "of the principal"))
            }
        }
    }

    /// The labels of record fields named by their paths (`address.city` -> "Plaats"), joined.
    pub fn field_labels(self, paths: &[String]) -> String {
        let mut labels: Vec<&str> = paths.iter().map(|p| self.field_label(p)).collect();
        labels.dedup();
        labels.join(", ")
    }

    /// The form label of a record field, by its path in the record.
    pub fn field_label(self, path: &str) -> &'static str {
        let last = path.rsplit('.').next().unwrap_or(path);
        match (path.split('.').next().unwrap_or(""), last) {
            ("terms", "interest" | "rate") => self.tr("Contractuele rente", "Contractual interest"),
            ("terms", "per_month") => self.tr("Rente per", "Interest per"),
            ("terms", "compound") => self.tr("Samengestelde rente", "Compound interest"),
            ("terms", _) => self.tr("Contractuele incassokosten", "Contractual collection costs"),
            ("amount", _) => self.tr("Bedrag", "Amount"),
            ("margin", _) => self.tr("Marge", "Margin"),
            ("kind", _) => self.tr("Soort", "Kind"),
            (_, "number") => self.tr("Nummer", "Number"),
            (_, "name") => self.tr("Naam", "Name"),
            (_, "country") => self.tr("Land", "Country"),
            (_, "sector") => self.tr("Sector", "Sector"),
            (_, "size_class") => self.tr("Omvang", "Size"),
            (_, "contact_person") => self.tr("Contactpersoon", "Contact person"),
            (_, "email") => self.tr("E-mail", "E-mail"),
            (_, "phone") => self.tr("Telefoon", "Phone"),
            (_, "street") => self.tr("Straat en huisnummer", "Street and number"),
            (_, "postcode") => self.tr("Postcode", "Postcode"),
            (_, "city") => self.tr("Plaats", "City"),
            (_, "iban") => self.tr("IBAN", "IBAN"),
            (_, "vat_number") => self.tr("Btw-nummer", "VAT number"),
            (_, "payment_term_days") => self.tr("Betaaltermijn", "Payment term"),
            (_, "credit_limit") => self.tr("Kredietlimiet", "Credit limit"),
            (_, "scores") => self.tr("Externe kredietscore", "External credit score"),
            (_, "profile") => self.tr("Risicoprofiel", "Risk profile"),
            (_, "collector") => self.tr("Behandelaar", "Collector"),
            (_, "on_hold") => self.tr("Geblokkeerd", "On hold"),
            (_, "prepayment_required") => self.tr("Alleen tegen vooruitbetaling", "Prepayment only"),
            (_, "handed_over") => self.tr("Uit handen gegeven", "Handed over"),
            (_, "insured_limit") => self.tr("Kredietverzekerd tot", "Credit-insured up to"),
            (_, "notes" | "note") => self.tr("Notities", "Notes"),
            (_, "customer") => self.tr("Klant", "Customer"),
            (_, "date") => self.tr("Datum", "Date"),
            (_, "due") => self.tr("Vervaldatum", "Due date"),
            (_, "description") => self.tr("Omschrijving", "Description"),
            (_, "reference") => self.tr("Betalingskenmerk", "Payment reference"),
            (_, "credits") => self.tr("Gecrediteerde factuur", "Credited invoice"),
            (_, "payer_name") => self.tr("Naam betaler", "Payer name"),
            (_, "payer_iban") => self.tr("IBAN betaler", "Payer IBAN"),
            (_, "allocations") => self.tr("Toewijzing", "Allocation"),
            (_, "invoice") => self.tr("Factuur", "Invoice"),
            _ => self.tr("een ander veld", "another field"),
        }
    }

    /// A domain error in this language.
    pub fn domain_error(self, e: &DomainError) -> String {
        use DomainError as E;
        match (self, e) {
            (Lang::En, E::EditConflict { fields }) => format!(
                "This was changed in another tab meanwhile ({}). Your input is still here: check it and save again to keep your values.",
                self.field_labels(fields)
            ),
            (Lang::En, e) => e.to_string(),
            (Lang::Nl, E::BadCurrency(c)) => format!("'{c}' is geen valutacode (drie letters, zoals EUR)"),
            (Lang::Nl, E::BadAmount(a)) => format!("'{a}' is geen bedrag"),
            (Lang::Nl, E::CurrencyMismatch { left, right }) => {
                format!("Bedragen in {left} en {right} kunnen niet worden gecombineerd")
            }
            (Lang::Nl, E::NameRequired) => "Een naam is verplicht".into(),
            (Lang::Nl, E::NumberRequired) => "Een nummer is verplicht".into(),
            (Lang::Nl, E::DuplicateCustomerNumber(n)) => format!("Klantnummer {n} is al in gebruik"),
            (Lang::Nl, E::DuplicateInvoiceNumber(n)) => format!("Factuurnummer {n} is al in gebruik"),
            (Lang::Nl, E::UnknownCustomer) => "De klant bestaat niet".into(),
            (Lang::Nl, E::UnknownInvoice) => "De factuur bestaat niet".into(),
            (Lang::Nl, E::UnknownPayment) => "De betaling bestaat niet".into(),
            (Lang::Nl, E::UnknownEvent) => "De dossierregel bestaat niet".into(),
            (Lang::Nl, E::DueBeforeDate { date, due }) => {
                format!("De vervaldatum {due} ligt vóór de factuurdatum {date}")
            }
            (Lang::Nl, E::AmountNotPositive) => "Het bedrag moet groter zijn dan nul".into(),
            (Lang::Nl, E::CreditNoteCustomer) => {
                "Een creditnota moet verwijzen naar een factuur van dezelfde klant".into()
            }
            (Lang::Nl, E::CreditNoteOfCreditNote) => "Een creditnota kan niet naar een creditnota verwijzen".into(),
            (Lang::Nl, E::CreditExceedsOpen { invoice, credit, open }) => {
                format!("De creditnota ({credit}) is meer dan er nog openstaat op factuur {invoice} ({open})")
            }
            (Lang::Nl, E::AllocationsExceedPayment { allocated, payment }) => {
                format!("De toewijzingen ({allocated}) zijn meer dan de betaling ({payment})")
            }
            (Lang::Nl, E::AllocationExceedsOpen { invoice, amount, open }) => {
                format!("{amount} is meer dan er openstaat op factuur {invoice} ({open})")
            }
            (Lang::Nl, E::AllocationOtherCustomer { invoice }) => {
                format!("Factuur {invoice} hoort bij een andere klant")
            }
            (Lang::Nl, E::AllocationToCreditNote) => "Een betaling kan niet op een creditnota worden geboekt".into(),
            (Lang::Nl, E::AmountBelowSettled { amount, settled }) => {
                format!("Het nieuwe bedrag ({amount}) is lager dan wat al betaald en gecrediteerd is ({settled})")
            }
            (Lang::Nl, E::ScoreOutOfRange) => "Een score ligt tussen 0 en 100".into(),
            (Lang::Nl, E::UnknownGrade(g)) => format!("'{g}' is geen betaalklasse (A, B, C, D)"),
            (Lang::Nl, E::InvoiceRequired) => "Kies voor deze dossierregel een factuur".into(),
            (Lang::Nl, E::TermOutOfRange) => "De betaaltermijn ligt tussen 0 en 365 dagen".into(),
            (Lang::Nl, E::BadIban(i)) => format!("'{i}' is geen geldig IBAN"),
            (Lang::Nl, E::DuplicateId(id)) => format!("Twee regels hebben hetzelfde id {id}"),
            (Lang::Nl, E::RatePeriodReversed) => "De einddatum van een periode ligt vóór de begindatum".into(),
            (Lang::Nl, E::RateOutOfRange) => "Een percentage ligt tussen 0 en 100".into(),
            (Lang::Nl, E::RateOverlap { from, to, other }) => {
                format!("De periode {from} tot en met {to} overlapt met een andere regel van dezelfde tabel ({other})")
            }
            (Lang::Nl, E::ThresholdsOutOfOrder) => {
                "De grenzen van de betaalklassen moeten oplopen van A naar C".into()
            }
            (Lang::Nl, E::ReasonRequired) => "Een reden is verplicht".into(),
            (Lang::Nl, E::NotALimit) => "Deze dossierregel stelt geen kredietlimiet vast".into(),
            (Lang::Nl, E::PolicyIdRequired) => "Een aanmaanbeleid heeft een id nodig".into(),
            (Lang::Nl, E::DuplicatePolicy(id)) => format!("Twee aanmaanbeleiden hebben het id '{id}'"),
            (Lang::Nl, E::UnknownPolicy(id)) => format!("Er is geen aanmaanbeleid '{id}'"),
            (Lang::Nl, E::PolicyNameRequired) => "Een aanmaanbeleid heeft een naam nodig".into(),
            (Lang::Nl, E::DuplicatePolicyName(n)) => format!("Er is al een aanmaanbeleid met de naam '{n}'"),
            (Lang::Nl, E::PolicyInUse(n)) => format!(
                "Het aanmaanbeleid '{n}' is het standaardbeleid of wordt door een regel toegekend: pas dat eerst aan"
            ),
            (Lang::Nl, E::AmountNegative) => "Een bedrag kan niet negatief zijn".into(),
            (Lang::Nl, E::ChannelThresholdsOutOfOrder) => {
                "Het bedrag tot waar een brief gaat, kan niet lager zijn dan het bedrag waaronder een e-mail gaat".into()
            }
            (Lang::Nl, E::LevelThresholdsOutOfOrder) => {
                "Het bedrag vanaf waar de eigenaar het overneemt, kan niet lager zijn dan dat van een senior".into()
            }
            (Lang::Nl, E::BadTemplateLang(l)) => format!("'{l}' is geen taal voor een sjabloon (nl of en)"),
            (Lang::Nl, E::EditConflict { fields }) => format!(
                "Dit is intussen in een ander tabblad gewijzigd ({}). Je invoer staat er nog: controleer en sla opnieuw op om jouw waarden te bewaren.",
                self.field_labels(fields)
            ),
        }
    }

    /// Why a backup file cannot be restored, in this language, with the line and column where
    /// the file is broken when that is known.
    pub fn backup_error(self, e: &crate::io::backup::BackupError) -> String {
        use crate::io::backup::BackupError as B;
        let at = |line: usize, column: usize| match self {
            Lang::Nl => format!("regel {line}, kolom {column}"),
            Lang::En => format!("line {line}, column {column}"),
        };
        match e {
            B::NotJson { line, column, truncated: true } => format!(
                "{} ({}). {}",
                self.tr("Het bestand houdt te vroeg op", "The file ends too early"),
                at(*line, *column),
                self.tr(
                    "Misschien is het niet helemaal gedownload of gekopieerd.",
                    "Perhaps it was not completely downloaded or copied."
                )
            ),
            B::NotJson { line, column, truncated: false } => format!(
                "{} ({}). {}",
                self.tr("Dit bestand is geen geldige JSON", "This file is not valid JSON"),
                at(*line, *column),
                self.tr(
                    "Kies een back-up die Stipt heeft gemaakt (stipt-backup-….json).",
                    "Choose a backup made by Stipt (stipt-backup-….json)."
                )
            ),
            B::NotABackup { found } => {
                let base = self.tr("Dit bestand is geen back-up van Stipt.", "This file is not a Stipt backup.");
                match found {
                    Some(f) => format!("{base} ({} '{f}')", self.tr("het zegt dat het dit is:", "it says it is:")),
                    None => base.to_string(),
                }
            }
            B::UnsupportedVersion { found, supported } => {
                let reads = match (self, *supported) {
                    (Lang::Nl, 1) => "alleen versie 1".to_string(),
                    (Lang::Nl, n) => format!("versie 1 tot en met {n}"),
                    (Lang::En, 1) => "only version 1".to_string(),
                    (Lang::En, n) => format!("versions 1 to {n}"),
                };
                match self {
                    Lang::Nl => format!(
                        "Deze back-up heeft formaatversie {found}; deze versie van Stipt leest {reads}. Zet hem terug met een nieuwere versie van Stipt."
                    ),
                    Lang::En => format!(
                        "This backup has format version {found}; this version of Stipt reads {reads}. Restore it with a newer version of Stipt."
                    ),
                }
            }
            B::Malformed { line, column, detail } => {
                let base = self.tr("De back-up is beschadigd", "The backup is damaged");
                let tech = self.tr("Technische details", "Technical details");
                if *line == 0 {
                    format!("{base}. {tech}: {detail}")
                } else {
                    format!("{base} ({}). {tech}: {detail}", at(*line, *column))
                }
            }
            B::Invalid(p) => {
                let record = match self {
                    Lang::En => p.record.clone(),
                    Lang::Nl => {
                        let pairs = [
                            ("customer ", "klant "),
                            ("invoice ", "factuur "),
                            ("payment ", "betaling "),
                            ("diary entry ", "dossierregel "),
                            ("settings, rate row ", "standaarden, renteregel "),
                            ("settings", "standaarden"),
                            ("company", "bedrijf"),
                        ];
                        pairs
                            .iter()
                            .find_map(|(en, nl)| p.record.strip_prefix(en).map(|rest| format!("{nl}{rest}")))
                            .unwrap_or_else(|| p.record.clone())
                    }
                };
                format!(
                    "{} ({record}): {}",
                    self.tr("De back-up breekt een regel van het grootboek", "The backup breaks a rule of the ledger"),
                    self.domain_error(&p.error)
                )
            }
        }
    }
}

/// The digits `int` with `group` between each group of three, from the right.
fn grouped(int: &str, group: char) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn number_and_money_formats() {
        let rows = [
            ("1234.565", "1.234,57", "1,234.57"),
            ("0", "0,00", "0.00"),
            ("-1500", "-1.500,00", "-1,500.00"),
            ("999.999", "1.000,00", "1,000.00"),
            ("1234567.8", "1.234.567,80", "1,234,567.80"),
        ];
        for (input, nl, en) in rows {
            let d = Decimal::from_str(input).unwrap();
            assert_eq!(Lang::Nl.number(d), nl, "row {input}");
            assert_eq!(Lang::En.number(d), en, "row {input}");
        }
        let m = Money::eur(Decimal::from_str("-12.5").unwrap());
        assert_eq!(Lang::Nl.money(m), "-€ 12,50");
        assert_eq!(Lang::En.money(m), "-€12.50");
    }

    #[test]
    fn counts() {
        let rows = [(0, "0", "0"), (999, "999", "999"), (1000, "1.000", "1,000"), (51_420, "51.420", "51,420"), (1_234_567, "1.234.567", "1,234,567")];
        for (n, nl, en) in rows {
            assert_eq!(Lang::Nl.count(n), nl, "row {n}");
            assert_eq!(Lang::En.count(n), en, "row {n}");
        }
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(Lang::Nl.date(d), "23-11-2026");
        assert_eq!(Lang::En.date(d), "23 Nov 2026");
        assert_eq!(Lang::Nl.long_date(d), "maandag 23 november 2026");
        assert_eq!(Lang::En.long_date(d), "Monday 23 November 2026");
    }

    #[test]
    fn every_domain_error_has_dutch_text() {
        let e = DomainError::DuplicateInvoiceNumber("2026-1".into());
        assert_eq!(Lang::Nl.domain_error(&e), "Factuurnummer 2026-1 is al in gebruik");
        assert_eq!(Lang::En.domain_error(&e), "invoice number 2026-1 is already used");
    }

    #[test]
    fn rate_errors_in_both_languages() {
        let rows = [
            (DomainError::RatePeriodReversed, "De einddatum van een periode ligt vóór de begindatum", "a period cannot end before it starts"),
            (DomainError::RateOutOfRange, "Een percentage ligt tussen 0 en 100", "a rate must be between 0 and 100 percent"),
            (
                DomainError::RateOverlap { from: "2026-01-01".into(), to: "2026-06-30".into(), other: "2026-03-01".into() },
                "De periode 2026-01-01 tot en met 2026-06-30 overlapt met een andere regel van dezelfde tabel (2026-03-01)",
                "the period 2026-01-01 to 2026-06-30 overlaps another row of the same table (2026-03-01)",
            ),
        ];
        for (e, nl, en) in rows {
            assert_eq!(Lang::Nl.domain_error(&e), nl);
            assert_eq!(Lang::En.domain_error(&e), en);
        }
    }

    #[test]
    fn risk_and_diary_errors_and_labels_in_both_languages() {
        let rows = [
            (
                DomainError::ThresholdsOutOfOrder,
                "De grenzen van de betaalklassen moeten oplopen van A naar C",
                "the grade thresholds must go up from A to C",
            ),
            (DomainError::ReasonRequired, "Een reden is verplicht", "a reason is required"),
            (
                DomainError::NotALimit,
                "Deze dossierregel stelt geen kredietlimiet vast",
                "this diary entry does not set a credit limit",
            ),
        ];
        for (e, nl, en) in rows {
            assert_eq!(Lang::Nl.domain_error(&e), nl);
            assert_eq!(Lang::En.domain_error(&e), en);
        }
        assert_eq!(Lang::Nl.event_type(EventType::LimitSet), "Kredietlimiet vastgesteld");
        assert_eq!(Lang::En.event_type(EventType::HandOver), "Handed over");
    }

    #[test]
    fn dunning_settings_errors_kinds_and_steps_in_both_languages() {
        let rows = [
            (DomainError::PolicyIdRequired, "Een aanmaanbeleid heeft een id nodig", "a dunning policy needs an id"),
            (
                DomainError::DuplicatePolicy("standaard".into()),
                "Twee aanmaanbeleiden hebben het id 'standaard'",
                "two dunning policies have the id 'standaard'",
            ),
            (DomainError::UnknownPolicy("streng".into()), "Er is geen aanmaanbeleid 'streng'", "there is no dunning policy 'streng'"),
            (DomainError::PolicyNameRequired, "Een aanmaanbeleid heeft een naam nodig", "a dunning policy needs a name"),
            (
                DomainError::DuplicatePolicyName("Streng".into()),
                "Er is al een aanmaanbeleid met de naam 'Streng'",
                "there is already a dunning policy called 'Streng'",
            ),
            (
                DomainError::PolicyInUse("Risicovol".into()),
                "Het aanmaanbeleid 'Risicovol' is het standaardbeleid of wordt door een regel toegekend: pas dat eerst aan",
                "the dunning policy 'Risicovol' is the default policy or a rule assigns it: change that first",
            ),
            (DomainError::AmountNegative, "Een bedrag kan niet negatief zijn", "an amount cannot be negative"),
            (
                DomainError::BadTemplateLang("de".into()),
                "'de' is geen taal voor een sjabloon (nl of en)",
                "'de' is not a template language (nl or en)",
            ),
        ];
        for (e, nl, en) in rows {
            assert_eq!(Lang::Nl.domain_error(&e), nl);
            assert_eq!(Lang::En.domain_error(&e), en);
        }
        for e in [DomainError::ChannelThresholdsOutOfOrder, DomainError::LevelThresholdsOutOfOrder] {
            assert_ne!(Lang::Nl.domain_error(&e), Lang::En.domain_error(&e));
        }
        assert_eq!(Lang::Nl.event_type(EventType::DunningSkipped), "Aanmaningsstap overgeslagen");
        assert_eq!(Lang::En.event_type(EventType::Paused), "Dunning paused");
        let nl: Vec<&str> = StepKind::ALL.iter().map(|k| Lang::Nl.step_kind(*k)).collect();
        assert_eq!(
            nl,
            [
                "Voorafcontrole",
                "Factuurcontrole",
                "Vervaldagbelletje",
                "Herinnering",
                "Eerste aanmaning",
                "Telefonische aanmaning",
                "Bezoek",
                "Laatste aanmaning",
                "Uit handen geven"
            ]
        );
        let mut en: Vec<&str> = StepKind::ALL.iter().map(|k| Lang::En.step_kind(*k)).collect();
        crate::sort::ascending(&mut en);
        en.dedup();
        assert_eq!(en.len(), StepKind::ALL.len(), "English names are distinct");
    }

    #[test]
    fn contract_terms_as_text() {
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        let i = ContractInterest { rate: dec("1.0"), per_month: true, compound: false };
        assert_eq!(Lang::Nl.contract_interest(i), "1% per maand, enkelvoudig");
        assert_eq!(Lang::En.contract_interest(i), "1% per month, simple");
        let i = ContractInterest { rate: dec("10.15"), per_month: false, compound: true };
        assert_eq!(Lang::Nl.contract_interest(i), "10,15% per jaar, samengesteld");
        assert_eq!(Lang::En.contract_interest(i), "10.15% per year, compound");
        assert_eq!(Lang::Nl.contract_costs(ContractCosts::Percent(dec("15"))), "15% van de hoofdsom");
        assert_eq!(Lang::En.contract_costs(ContractCosts::Fixed(dec("40"))), "€40.00 per claim");
        assert_eq!(Lang::Nl.contract_costs(ContractCosts::Fixed(dec("1250"))), "€ 1.250,00 per vordering");
    }

    #[test]
    fn contract_terms_have_field_labels() {
        let paths: Vec<String> =
            ["terms.interest.rate", "terms.interest.compound", "terms.costs.Percent"].map(String::from).to_vec();
        assert_eq!(Lang::Nl.field_labels(&paths), "Contractuele rente, Samengestelde rente, Contractuele incassokosten");
        assert_eq!(Lang::En.field_label("terms.interest.per_month"), "Interest per");
        assert_eq!(Lang::En.field_label("terms.costs"), "Contractual collection costs");
        assert_eq!(Lang::Nl.field_label("terms.interest"), "Contractuele rente");
    }

    #[test]
    fn backup_errors_name_line_and_column_in_both_languages() {
        use crate::io::backup::BackupError as B;
        let e = B::NotJson { line: 3, column: 7, truncated: false };
        assert!(Lang::Nl.backup_error(&e).contains("regel 3, kolom 7"), "{}", Lang::Nl.backup_error(&e));
        assert!(Lang::En.backup_error(&e).contains("line 3, column 7"));
        let e = B::NotJson { line: 10, column: 1, truncated: true };
        assert!(Lang::Nl.backup_error(&e).starts_with("Het bestand houdt te vroeg op (regel 10, kolom 1)"));
        let e = B::Malformed { line: 0, column: 0, detail: "missing field `version`".into() };
        assert!(!Lang::Nl.backup_error(&e).contains("regel 0"));
        let e = B::Invalid(crate::domain::PartsError {
            record: "invoice 1 (2026-0001)".into(),
            error: DomainError::AmountNotPositive,
        });
        assert_eq!(
            Lang::Nl.backup_error(&e),
            "De back-up breekt een regel van het grootboek (factuur 1 (2026-0001)): Het bedrag moet groter zijn dan nul"
        );
        assert!(Lang::En.backup_error(&e).contains("invoice 1 (2026-0001)"));
        let e = B::UnsupportedVersion { found: 9, supported: 1 };
        assert!(Lang::Nl.backup_error(&e).contains("formaatversie 9; deze versie van Stipt leest alleen versie 1"));
        let e = B::Malformed { line: 2, column: 16, detail: "invalid type".into() };
        assert_eq!(Lang::En.backup_error(&e), "The backup is damaged (line 2, column 16). Technical details: invalid type");
    }
}
