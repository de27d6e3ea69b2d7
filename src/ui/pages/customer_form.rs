//! Adding and editing a customer: every field of the ledger's customer, with the external
//! score history and the contract terms (contractual interest and collection costs).

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    merge3, normalize_iban, parse_amount, Address, CollectorLevel, ContractCosts, ContractInterest, ContractTerms,
    Country, Customer, CustomerFlags, CustomerId, CustomerKind, DomainError, ScoreEntry, SizeClass,
};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, Check, Field, PageHeader, Select, TextArea};
use crate::ui::route::Route;
use crate::ui::state::{use_state, CommitError};

/// The form's fields as the user typed them.
#[derive(Clone, Copy)]
struct Form {
    number: RwSignal<String>,
    name: RwSignal<String>,
    kind: RwSignal<String>,
    country: RwSignal<String>,
    sector: RwSignal<String>,
    size: RwSignal<String>,
    contact: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    street: RwSignal<String>,
    postcode: RwSignal<String>,
    city: RwSignal<String>,
    iban: RwSignal<String>,
    vat: RwSignal<String>,
    term: RwSignal<String>,
    limit: RwSignal<String>,
    profile: RwSignal<String>,
    collector: RwSignal<String>,
    on_hold: RwSignal<bool>,
    prepay: RwSignal<bool>,
    handed_over: RwSignal<bool>,
    insured: RwSignal<String>,
    notes: RwSignal<String>,
    terms: TermsForm,
    score: RwSignal<String>,
    score_date: RwSignal<String>,
    score_source: RwSignal<String>,
}

fn dec_text(d: Option<Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// The contract terms as the form shows them: the interest rate ("" = none), "year" or
/// "month", compound, the costs kind ("", "fixed" or "percent") and its value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TermsInput {
    rate: String,
    period: String,
    compound: bool,
    costs: String,
    value: String,
}

impl TermsInput {
    fn new(t: &ContractTerms) -> TermsInput {
        let per_month = t.interest.is_some_and(|i| i.per_month);
        TermsInput {
            rate: dec_text(t.interest.map(|i| i.rate)),
            period: if per_month { "month" } else { "year" }.into(),
            compound: t.interest.is_some_and(|i| i.compound),
            costs: match t.costs {
                None => "",
                Some(ContractCosts::Fixed(_)) => "fixed",
                Some(ContractCosts::Percent(_)) => "percent",
            }
            .into(),
            value: dec_text(t.costs.map(|c| match c {
                ContractCosts::Fixed(d) | ContractCosts::Percent(d) => d,
            })),
        }
    }

    /// The terms typed, on top of `base` (the terms when the form opened): a value that is
    /// numerically unchanged keeps its stored form, so the merge does not see it as changed.
    /// The rules (0-100%, no negative amount) are checked with the customer.
    fn read(&self, base: &ContractTerms, lang: Lang) -> Result<ContractTerms, String> {
        let number = |s: &str| parse_amount(s.trim().trim_end_matches('%')).map_err(|e| lang.domain_error(&e));
        let interest = if self.rate.trim().is_empty() {
            None
        } else {
            Some(ContractInterest { rate: number(&self.rate)?, per_month: self.period == "month", compound: self.compound })
        };
        let costs = match self.costs.as_str() {
            "fixed" | "percent" if self.value.trim().is_empty() => {
                return Err(lang
                    .tr(
                        "Vul het bedrag of percentage van de contractuele incassokosten in.",
                        "Enter the amount or percentage of the contractual collection costs.",
                    )
                    .into())
            }
            "fixed" => Some(ContractCosts::Fixed(number(&self.value)?)),
            "percent" => Some(ContractCosts::Percent(number(&self.value)?)),
            _ => None,
        };
        Ok(ContractTerms {
            interest: if interest == base.interest { base.interest } else { interest },
            costs: if costs == base.costs { base.costs } else { costs },
        })
    }
}

/// The signals of the contract-terms fields.
#[derive(Clone, Copy)]
struct TermsForm {
    rate: RwSignal<String>,
    period: RwSignal<String>,
    compound: RwSignal<bool>,
    costs: RwSignal<String>,
    value: RwSignal<String>,
}

impl TermsForm {
    fn new(t: &ContractTerms) -> TermsForm {
        let i = TermsInput::new(t);
        TermsForm {
            rate: RwSignal::new(i.rate),
            period: RwSignal::new(i.period),
            compound: RwSignal::new(i.compound),
            costs: RwSignal::new(i.costs),
            value: RwSignal::new(i.value),
        }
    }

    fn input(&self) -> TermsInput {
        TermsInput {
            rate: self.rate.get_untracked(),
            period: self.period.get_untracked(),
            compound: self.compound.get_untracked(),
            costs: self.costs.get_untracked(),
            value: self.value.get_untracked(),
        }
    }
}

impl Form {
    fn new(c: &Customer, today: NaiveDate) -> Form {
        Form {
            number: RwSignal::new(c.number.clone()),
            name: RwSignal::new(c.name.clone()),
            kind: RwSignal::new(if c.kind == CustomerKind::Consumer { "consumer" } else { "business" }.into()),
            country: RwSignal::new(c.country.code().to_string()),
            sector: RwSignal::new(c.sector.clone()),
            size: RwSignal::new(
                match c.size_class {
                    None => "",
                    Some(SizeClass::Small) => "small",
                    Some(SizeClass::Medium) => "medium",
                    Some(SizeClass::Large) => "large",
                }
                .into(),
            ),
            contact: RwSignal::new(c.contact_person.clone()),
            email: RwSignal::new(c.email.clone()),
            phone: RwSignal::new(c.phone.clone()),
            street: RwSignal::new(c.address.street.clone()),
            postcode: RwSignal::new(c.address.postcode.clone()),
            city: RwSignal::new(c.address.city.clone()),
            iban: RwSignal::new(c.iban.clone()),
            vat: RwSignal::new(c.vat_number.clone()),
            term: RwSignal::new(c.payment_term_days.to_string()),
            limit: RwSignal::new(dec_text(c.credit_limit)),
            profile: RwSignal::new(c.profile.clone()),
            collector: RwSignal::new(
                match c.collector {
                    CollectorLevel::Junior => "junior",
                    CollectorLevel::Senior => "senior",
                    CollectorLevel::Owner => "owner",
                }
                .into(),
            ),
            on_hold: RwSignal::new(c.flags.on_hold),
            prepay: RwSignal::new(c.flags.prepayment_required),
            handed_over: RwSignal::new(c.flags.handed_over),
            insured: RwSignal::new(dec_text(c.flags.insured_limit)),
            notes: RwSignal::new(c.notes.clone()),
            terms: TermsForm::new(&c.terms),
            score: RwSignal::new(String::new()),
            score_date: RwSignal::new(today.to_string()),
            score_source: RwSignal::new(String::new()),
        }
    }

    /// After another tab changed the customer: fields the user has not touched take the new
    /// values; what the user typed stays.
    fn rebase(&self, old: &Customer, new: &Customer, today: NaiveDate) {
        let (a, b) = (Form::new(old, today), Form::new(new, today));
        let text = [
            (self.number, a.number, b.number), (self.name, a.name, b.name), (self.kind, a.kind, b.kind),
            (self.country, a.country, b.country), (self.sector, a.sector, b.sector), (self.size, a.size, b.size),
            (self.contact, a.contact, b.contact), (self.email, a.email, b.email), (self.phone, a.phone, b.phone),
            (self.street, a.street, b.street), (self.postcode, a.postcode, b.postcode), (self.city, a.city, b.city),
            (self.iban, a.iban, b.iban), (self.vat, a.vat, b.vat), (self.term, a.term, b.term),
            (self.limit, a.limit, b.limit), (self.profile, a.profile, b.profile),
            (self.collector, a.collector, b.collector), (self.insured, a.insured, b.insured),
            (self.notes, a.notes, b.notes),
            (self.terms.rate, a.terms.rate, b.terms.rate), (self.terms.period, a.terms.period, b.terms.period),
            (self.terms.costs, a.terms.costs, b.terms.costs), (self.terms.value, a.terms.value, b.terms.value),
        ];
        for (mine, old, new) in text {
            if mine.get_untracked() == old.get_untracked() {
                mine.set(new.get_untracked());
            }
        }
        for (mine, old, new) in [
            (self.on_hold, a.on_hold, b.on_hold), (self.prepay, a.prepay, b.prepay), (self.handed_over, a.handed_over, b.handed_over),
            (self.terms.compound, a.terms.compound, b.terms.compound),
        ] {
            if mine.get_untracked() == old.get_untracked() {
                mine.set(new.get_untracked());
            }
        }
    }

    /// Builds the customer from the typed fields on top of `base` (which keeps id and scores).
    fn read(&self, base: &Customer, lang: Lang) -> Result<Customer, String> {
        let opt_amount = |s: &str| -> Result<Option<Decimal>, String> {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                parse_amount(s).map(Some).map_err(|e| lang.domain_error(&e))
            }
        };
        let term: u16 = self.term.get_untracked().trim().parse().map_err(|_| lang.domain_error(&DomainError::TermOutOfRange))?;
        let iban = self.iban.get_untracked();
        let iban = if iban.trim().is_empty() { String::new() } else { normalize_iban(&iban).map_err(|e| lang.domain_error(&e))? };
        let mut c = base.clone();
        c.number = self.number.get_untracked().trim().to_string();
        c.name = self.name.get_untracked().trim().to_string();
        c.kind = if self.kind.get_untracked() == "consumer" { CustomerKind::Consumer } else { CustomerKind::Business };
        c.country = Country::from_code(&self.country.get_untracked());
        c.sector = self.sector.get_untracked().trim().to_string();
        c.size_class = match self.size.get_untracked().as_str() {
            "small" => Some(SizeClass::Small),
            "medium" => Some(SizeClass::Medium),
            "large" => Some(SizeClass::Large),
            _ => None,
        };
        c.contact_person = self.contact.get_untracked().trim().to_string();
        c.email = self.email.get_untracked().trim().to_string();
        c.phone = self.phone.get_untracked().trim().to_string();
        c.address = Address {
            street: self.street.get_untracked().trim().to_string(),
            postcode: self.postcode.get_untracked().trim().to_uppercase(),
            city: self.city.get_untracked().trim().to_string(),
        };
        c.iban = iban;
        c.vat_number = self.vat.get_untracked().trim().to_uppercase();
        c.payment_term_days = term;
        c.credit_limit = opt_amount(&self.limit.get_untracked())?;
        c.profile = self.profile.get_untracked().trim().to_string();
        c.collector = match self.collector.get_untracked().as_str() {
            "senior" => CollectorLevel::Senior,
            "owner" => CollectorLevel::Owner,
            _ => CollectorLevel::Junior,
        };
        c.flags = CustomerFlags {
            on_hold: self.on_hold.get_untracked(),
            prepayment_required: self.prepay.get_untracked(),
            handed_over: self.handed_over.get_untracked(),
            insured_limit: opt_amount(&self.insured.get_untracked())?,
        };
        c.notes = self.notes.get_untracked();
        c.terms = self.terms.input().read(&base.terms, lang)?;
        let score = self.score.get_untracked();
        if !score.trim().is_empty() {
            let value: u8 = score.trim().parse().map_err(|_| lang.domain_error(&DomainError::ScoreOutOfRange))?;
            let date = NaiveDate::parse_from_str(self.score_date.get_untracked().trim(), "%Y-%m-%d")
                .map_err(|_| lang.tr("Vul de datum van de score in.", "Enter the date of the score.").to_string())?;
            let entry = ScoreEntry::new(date, value, self.score_source.get_untracked().trim()).map_err(|e| lang.domain_error(&e))?;
            c.scores.push(entry);
            crate::sort::by_key(&mut c.scores, |s| s.date);
        }
        c.validate().map_err(|e| lang.domain_error(&e))?;
        Ok(c)
    }
}

#[component]
pub fn CustomerForm(id: Option<CustomerId>) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let base: Option<Customer> = state.ledger.with_untracked(|l| match id {
        Some(id) => l.customer(id).cloned(),
        None => {
            let mut c = Customer::new(l.suggest_customer_number(), "");
            c.payment_term_days = l.settings.default_term_days;
            Some(c)
        }
    });
    let Some(base) = base else {
        return view! {
            <div class="empty" data-testid="not-found">
                <h1>{tx("Klant niet gevonden", "Customer not found")}</h1>
                <a class="btn" href=Route::Customers.href()>{tx("Naar de klanten", "Go to customers")}</a>
            </div>
        }
        .into_any();
    };
    let form = Form::new(&base, state.today_untracked());
    let error = RwSignal::new(None::<String>);
    let scores = base.scores.clone();
    // The customer as the form showed it: the user's changes are merged onto the customer as it
    // is when saving, so another tab's changes to other fields are kept (see domain::merge3).
    let opened = StoredValue::new(base.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = state.lang_untracked();
        let customer = match form.read(&opened.get_value(), l) {
            Ok(c) => c,
            Err(msg) => {
                error.set(Some(msg));
                return;
            }
        };
        let name = customer.name.clone();
        let new_id = std::sync::Arc::new(std::sync::Mutex::new(customer.id));
        let slot = new_id.clone();
        let base = opened.get_value();
        let result = state.commit(move |led| {
            if let Some(id) = id {
                let current = led.customer(id).cloned().ok_or(DomainError::UnknownCustomer)?;
                led.update_customer(merge3(&base, &customer, &current)?)
            } else {
                let created = led.add_customer(customer.clone())?;
                if let Ok(mut s) = slot.lock() {
                    *s = created;
                }
                Ok(())
            }
        });
        match result {
            Ok(()) => {
                error.set(None);
                let target = new_id.lock().map(|g| *g).unwrap_or(CustomerId(0));
                state.success(format!("{name} {}", l.tr("is opgeslagen.", "was saved.")));
                state.go(Route::Customer(target));
            }
            Err(e) => {
                if let (CommitError::Domain(DomainError::EditConflict { .. }), Some(id)) = (&e, id) {
                    // Saving again keeps the user's values: they have now seen the other change.
                    if let Some(current) = state.ledger.with_untracked(|l| l.customer(id).cloned()) {
                        form.rebase(&opened.get_value(), &current, state.today_untracked());
                        opened.set_value(current);
                    }
                }
                error.set(Some(e.message(l)));
            }
        }
    };
    let t = move |nl: &'static str, en: &'static str| Signal::derive(move || lang().tr(nl, en).to_string());
    let kinds = Signal::derive(move || {
        let l = lang();
        vec![
            ("business".to_string(), l.customer_kind(CustomerKind::Business).to_string()),
            ("consumer".to_string(), l.customer_kind(CustomerKind::Consumer).to_string()),
        ]
    });
    let countries = Signal::derive(move || {
        let l = lang();
        let mut v = vec![
            ("NL".to_string(), l.tr("Nederland", "Netherlands").to_string()),
            ("BE".to_string(), l.tr("België", "Belgium").to_string()),
            ("DE".to_string(), l.tr("Duitsland", "Germany").to_string()),
            ("FR".to_string(), l.tr("Frankrijk", "France").to_string()),
            ("LU".to_string(), "Luxemburg".to_string()),
            ("GB".to_string(), l.tr("Verenigd Koninkrijk", "United Kingdom").to_string()),
        ];
        let current = form.country.get();
        if !v.iter().any(|(c, _)| *c == current) {
            v.push((current.clone(), current));
        }
        v
    });
    let sizes = Signal::derive(move || {
        let l = lang();
        vec![
            (String::new(), l.size_class(None).to_string()),
            ("small".into(), l.size_class(Some(SizeClass::Small)).to_string()),
            ("medium".into(), l.size_class(Some(SizeClass::Medium)).to_string()),
            ("large".into(), l.size_class(Some(SizeClass::Large)).to_string()),
        ]
    });
    let collectors = Signal::derive(move || {
        let l = lang();
        vec![
            ("junior".into(), l.collector(CollectorLevel::Junior).to_string()),
            ("senior".into(), l.collector(CollectorLevel::Senior).to_string()),
            ("owner".into(), l.collector(CollectorLevel::Owner).to_string()),
        ]
    });
    let periods = Signal::derive(move || {
        let l = lang();
        vec![
            ("year".to_string(), l.tr("Jaar", "Year").to_string()),
            ("month".to_string(), l.tr("Maand", "Month").to_string()),
        ]
    });
    let cost_kinds = Signal::derive(move || {
        let l = lang();
        vec![
            (String::new(), l.tr("Geen: de wettelijke incassokosten", "None: the statutory collection costs").to_string()),
            ("fixed".into(), l.tr("Vast bedrag per vordering", "Fixed amount per claim").to_string()),
            ("percent".into(), l.tr("Percentage van de hoofdsom", "Percentage of the principal").to_string()),
        ]
    });
    let costs_value_label = Signal::derive(move || {
        let l = lang();
        match form.terms.costs.get().as_str() {
            "fixed" => l.tr("Bedrag per vordering", "Amount per claim"),
            "percent" => l.tr("Percentage (%)", "Percentage (%)"),
            _ => l.tr("Bedrag of percentage", "Amount or percentage"),
        }
        .to_string()
    });
    let back = match id {
        Some(id) => Route::Customer(id).href(),
        None => Route::Customers.href(),
    };
    let editing = id.is_some();
    view! {
        <PageHeader
            title=Signal::derive(move || if editing { lang().tr("Klant bewerken", "Edit customer").to_string() } else { lang().tr("Nieuwe klant", "New customer").to_string() })
            sub=txs("Velden met * zijn verplicht.", "Fields marked * are required.")
        />
        <form class="card" data-testid="customer-form" on:submit=save novalidate>
            {move || error.get().map(|e| view! { <div class="form-error" role="alert" data-testid="form-error">{e}</div> })}
            <fieldset>
                <legend>{tx("Klant", "Customer")}</legend>
                <div class="form-grid">
                    <Field label=t("Klantnummer", "Customer number") value=form.number testid="cf-number" required=true/>
                    <Field label=t("Naam", "Name") value=form.name testid="cf-name" required=true/>
                    <Select label=t("Soort", "Kind") value=form.kind options=kinds testid="cf-kind"/>
                    <Select label=t("Land", "Country") value=form.country options=countries testid="cf-country"/>
                    <Field label=t("Sector (tekst of SBI-code)", "Sector (text or SBI code)") value=form.sector testid="cf-sector"/>
                    <Select label=t("Omvang", "Size") value=form.size options=sizes testid="cf-size"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx("Contact", "Contact")}</legend>
                <div class="form-grid">
                    <Field label=t("Contactpersoon", "Contact person") value=form.contact testid="cf-contact"/>
                    <Field label=t("E-mail", "E-mail") value=form.email testid="cf-email" input_type="email"/>
                    <Field label=t("Telefoon", "Phone") value=form.phone testid="cf-phone" input_type="tel"/>
                    <Field label=t("Straat en huisnummer", "Street and number") value=form.street testid="cf-street"/>
                    <Field label=t("Postcode", "Postcode") value=form.postcode testid="cf-postcode"/>
                    <Field label=t("Plaats", "City") value=form.city testid="cf-city"/>
                    <Field label=t("IBAN", "IBAN") value=form.iban testid="cf-iban" placeholder="NL00 BANK 0123 4567 89"/>
                    <Field label=t("Btw-nummer", "VAT number") value=form.vat testid="cf-vat"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx("Krediet en incasso", "Credit and collection")}</legend>
                <div class="form-grid">
                    <Field label=t("Betaaltermijn (dagen)", "Payment term (days)") value=form.term testid="cf-term" input_type="number" required=true/>
                    <Field label=t("Kredietlimiet", "Credit limit") value=form.limit testid="cf-limit" placeholder="5.000,00"/>
                    <Field label=t("Risicoprofiel / segment", "Risk profile / segment") value=form.profile testid="cf-profile"/>
                    <Select label=t("Behandelaar", "Collector") value=form.collector options=collectors testid="cf-collector"/>
                    <Field
                        label=t("Kredietverzekerd tot (leeg = niet verzekerd)", "Credit-insured up to (empty = not insured)")
                        value=form.insured
                        testid="cf-insured"
                    />
                    <div class="field">
                        <label>{tx("Status", "Status")}</label>
                        <Check label=t("Geblokkeerd: geen nieuwe leveringen", "On hold: no new deliveries") value=form.on_hold testid="cf-on-hold"/>
                        <Check label=t("Alleen tegen vooruitbetaling", "Prepayment only") value=form.prepay testid="cf-prepay"/>
                        <Check label=t("Uit handen gegeven aan incasso", "Handed over to collection") value=form.handed_over testid="cf-handed-over"/>
                    </div>
                </div>
            </fieldset>
            <fieldset data-testid="cf-terms">
                <legend>{tx("Contractuele voorwaarden", "Contract terms")}</legend>
                <p class="hint">
                    {tx(
                        "Alleen invullen als de overeenkomst of de algemene voorwaarden met deze klant iets anders bepalen dan de wet. Leeg = wettelijke rente en incassokosten.",
                        "Only when the agreement or the terms and conditions with this customer say something other than the law. Empty = statutory interest and collection costs.",
                    )}
                </p>
                <div class="form-grid">
                    <Field
                        label=t("Contractuele rente (%)", "Contractual interest (%)")
                        value=form.terms.rate
                        testid="cf-interest-rate"
                        hint=t("Leeg = de wettelijke rente.", "Empty = the statutory interest.")
                    />
                    <Select label=t("Rente per", "Interest per") value=form.terms.period options=periods testid="cf-interest-period"/>
                    <div class="field">
                        <label>{tx("Samengestelde rente", "Compound interest")}</label>
                        <Check
                            label=t("Rente over rente, jaarlijks bijgeschreven", "Interest on interest, added yearly")
                            value=form.terms.compound
                            testid="cf-interest-compound"
                        />
                    </div>
                    <Select
                        label=t("Contractuele incassokosten", "Contractual collection costs")
                        value=form.terms.costs
                        options=cost_kinds
                        testid="cf-costs-kind"
                    />
                    <Field label=costs_value_label value=form.terms.value testid="cf-costs-value"/>
                </div>
            </fieldset>
            <fieldset>
                <legend>{tx("Externe kredietscore", "External credit score")}</legend>
                {(!scores.is_empty()).then(|| {
                    let scores = scores.clone();
                    view! {
                        <ul class="hint" data-testid="cf-score-history">
                            {move || { let l = lang(); scores.iter().rev().map(|s| view! {
                                <li>{format!("{} — {} {}", l.date(s.date), s.score, if s.source.is_empty() { String::new() } else { format!("({})", s.source) })}</li>
                            }).collect_view() }}
                        </ul>
                    }
                })}
                <div class="form-grid">
                    <Field
                        label=t("Nieuwe score (0–100)", "New score (0–100)")
                        value=form.score
                        testid="cf-score"
                        input_type="number"
                        hint=t("Laat leeg om geen score toe te voegen; eerdere scores blijven bewaard.", "Leave empty to add none; earlier scores are kept.")
                    />
                    <Field label=t("Datum van de score", "Date of the score") value=form.score_date testid="cf-score-date" input_type="date"/>
                    <Field label=t("Bron (bijv. Graydon, Creditsafe)", "Source (e.g. Graydon, Creditsafe)") value=form.score_source testid="cf-score-source"/>
                </div>
            </fieldset>
            <TextArea label=t("Notities", "Notes") value=form.notes testid="cf-notes"/>
            <div class="form-actions">
                <a class="btn" href=back data-testid="cf-cancel">{tx("Annuleren", "Cancel")}</a>
                <button class="btn primary" type="submit" data-testid="cf-save">{tx("Opslaan", "Save")}</button>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn input(rate: &str, period: &str, compound: bool, costs: &str, value: &str) -> TermsInput {
        TermsInput { rate: rate.into(), period: period.into(), compound, costs: costs.into(), value: value.into() }
    }

    #[test]
    fn terms_from_the_form() {
        let none = ContractTerms::default();
        let monthly = ContractInterest { rate: dec("1"), per_month: true, compound: false };
        type Row = (TermsInput, Result<ContractTerms, &'static str>);
        let rows: Vec<Row> = vec![
            (input("", "year", true, "", "15"), Ok(none)),
            (input(" 1 ", "month", false, "", ""), Ok(ContractTerms { interest: Some(monthly), costs: None })),
            (
                input("8,5%", "year", true, "percent", "15 %"),
                Ok(ContractTerms {
                    interest: Some(ContractInterest { rate: dec("8.5"), per_month: false, compound: true }),
                    costs: Some(ContractCosts::Percent(dec("15"))),
                }),
            ),
            (input("", "year", false, "fixed", "€ 1.250,00"), Ok(ContractTerms { interest: None, costs: Some(ContractCosts::Fixed(dec("1250.00"))) })),
            (input("tien", "year", false, "", ""), Err("'tien' is geen bedrag")),
            (input("", "year", false, "percent", " "), Err("Vul het bedrag of percentage van de contractuele incassokosten in.")),
        ];
        for (i, expected) in rows {
            assert_eq!(i.read(&none, Lang::Nl), expected.map_err(str::to_string), "{i:?}");
        }
    }

    #[test]
    fn terms_show_in_the_form_and_read_back_unchanged() {
        let stored = ContractTerms {
            interest: Some(ContractInterest { rate: dec("1.50"), per_month: true, compound: true }),
            costs: Some(ContractCosts::Fixed(dec("40.00"))),
        };
        let shown = TermsInput::new(&stored);
        assert_eq!(shown, input("1.5", "month", true, "fixed", "40"));
        // Read back, the stored values keep their form (1.50, 40.00), so merging sees no change.
        let back = shown.read(&stored, Lang::Nl).unwrap();
        assert_eq!(serde_json::to_value(back).unwrap(), serde_json::to_value(stored).unwrap());
        assert_eq!(TermsInput::new(&ContractTerms::default()), input("", "year", false, "", ""));
    }

    #[test]
    fn a_terms_conflict_names_the_field() {
        let mut base = Customer::new("D1", "Alfa");
        base.terms.interest = Some(ContractInterest { rate: dec("1"), per_month: true, compound: false });
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        mine.terms.interest = Some(ContractInterest { rate: dec("2"), per_month: true, compound: false });
        theirs.terms.interest = Some(ContractInterest { rate: dec("1.5"), per_month: true, compound: false });
        let Err(DomainError::EditConflict { fields }) = merge3(&base, &mine, &theirs) else { panic!("expected a conflict") };
        assert_eq!(Lang::Nl.field_labels(&fields), "Contractuele rente");
        mine.terms.costs = Some(ContractCosts::Percent(dec("15")));
        theirs.terms.costs = Some(ContractCosts::Fixed(dec("40")));
        let Err(DomainError::EditConflict { fields }) = merge3(&base, &mine, &theirs) else { panic!("expected a conflict") };
        assert_eq!(Lang::En.field_labels(&fields), "Contractual collection costs, Contractual interest");
        // Different parts of the terms merge.
        let mut theirs = base.clone();
        theirs.terms.interest = Some(ContractInterest { rate: dec("1"), per_month: true, compound: true });
        let mut mine = base.clone();
        mine.terms.costs = Some(ContractCosts::Percent(dec("15")));
        let merged = merge3(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.terms.interest, theirs.terms.interest);
        assert_eq!(merged.terms.costs, mine.terms.costs);
    }
}
