//! Settings: the user's own company (for letters), ledger defaults, language and the demo date,
//! the demo ledger, backup and restore, and clearing everything.
//!
//! Whatever replaces the whole ledger (demo, restore, clear) goes through
//! `state.commit_undoable`, so it can be undone from the toast. While the stored data cannot be
//! read (`state.recovery`), nothing here overwrites it without an explicit "discard" first.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::{normalize_iban, Address, Company, Currency, Ledger, LedgerSettings};
use crate::i18n::Lang;
use crate::io::backup::{self, BackupError, BackupSummary};
use crate::storage::PREFIX;
use crate::ui::components::{download, error_list, tx, Field, PageHeader, Select};
use crate::ui::state::{use_state, AppState};

/// About what a browser lets one site keep in `localStorage`, in UTF-16 characters.
const STORAGE_QUOTA_CHARS: usize = 5_000_000;

#[component]
pub fn Settings() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="settings-page" data-testid="settings-page">
            <PageHeader
                title=move || state.lang().tr("Instellingen", "Settings").to_string()
                sub=move || {
                    state
                        .lang()
                        .tr(
                            "Je bedrijf, standaarden, taal, demo en back-ups. Alles blijft in deze browser.",
                            "Your company, defaults, language, demo and backups. Everything stays in this browser.",
                        )
                        .to_string()
                }
            />
            <RecoveryNotice/>
            <CompanyCard/>
            <div class="grid-2">
                <DefaultsCard/>
                <LanguageDateCard/>
            </div>
            <super::law_settings::LawSettingsCard/>
            <super::risk_settings::RiskSettingsCard/>
            <super::dunning_settings::DunningSettingsCard/>
            <DemoCard/>
            <BackupCard/>
            <DangerCard/>
        </div>
    }
}

/// While the stored ledger cannot be read, says what still works on this page.
#[component]
fn RecoveryNotice() -> impl IntoView {
    let state = use_state();
    move || {
        state.recovery.with(Option::is_some).then(|| {
            let lang = state.lang();
            view! {
                <div class="notice warn" role="note" data-testid="settings-recovery">
                    {lang.tr(
                        "Je opgeslagen gegevens zijn niet geladen (zie de melding bovenaan). Taal en demodatum kun je gewoon wijzigen. Bedrijfsgegevens en standaarden kun je pas weer opslaan nadat je een back-up hebt teruggezet, het demogrootboek hebt geladen of de onleesbare gegevens hebt weggegooid — elk van die drie vraagt eerst uitdrukkelijk om toestemming.",
                        "Your stored data was not loaded (see the message at the top). You can still change the language and the demo date. Company details and defaults can be saved again once you restore a backup, load the demo ledger or discard the unreadable data — each of those asks for your explicit consent first.",
                    )}
                </div>
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The user's own company
// ---------------------------------------------------------------------------------------------

/// What the user typed in the company form.
#[derive(Clone, Debug, Default, PartialEq)]
struct CompanyInput {
    name: String,
    street: String,
    postcode: String,
    city: String,
    iban: String,
    kvk: String,
    vat: String,
    email: String,
    phone: String,
}

/// Checks and normalizes the company form; every problem found, in the user's language.
fn company_from_input(lang: Lang, i: &CompanyInput) -> Result<Company, Vec<String>> {
    let mut errors = Vec::new();
    let iban = match i.iban.trim() {
        "" => String::new(),
        text => normalize_iban(text).unwrap_or_else(|e| {
            errors.push(lang.domain_error(&e));
            String::new()
        }),
    };
    let kvk = normalize_registration(&i.kvk).unwrap_or_else(|e| {
        errors.push(e.message(lang));
        String::new()
    });
    let vat = normalize_vat(&i.vat).unwrap_or_else(|bad| {
        errors.push(match lang {
            Lang::Nl => format!(
                "'{bad}' is geen btw-nummer. Een Nederlands btw-id ziet eruit als NL123456789B01, een Belgisch als BE0123456789."
            ),
            Lang::En => format!(
                "'{bad}' is not a VAT number. A Dutch VAT ID looks like NL123456789B01, a Belgian one like BE0123456789."
            ),
        });
        String::new()
    });
    let email = i.email.trim().to_string();
    if !email.is_empty() && !looks_like_email(&email) {
        errors.push(match lang {
            Lang::Nl => format!("'{email}' is geen e-mailadres (zoals naam@bedrijf.nl)."),
            Lang::En => format!("'{email}' is not an e-mail address (like name@company.com)."),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Company {
        name: i.name.trim().to_string(),
        address: Address {
            street: i.street.trim().to_string(),
            postcode: normalize_postcode(&i.postcode),
            city: i.city.trim().to_string(),
        },
        iban,
        kvk_number: kvk,
        vat_number: vat,
        email,
        phone: i.phone.trim().to_string(),
    })
}

/// Why a registration number was refused.
#[derive(Debug, PartialEq)]
enum RegistrationError {
    /// Not 8 digits (KvK) nor 10 (Belgian enterprise number).
    Length { input: String, digits: usize },
    /// Letters or other characters where digits belong.
    NotDigits(String),
    /// 10 digits whose mod-97 check does not hold.
    BelgianCheck(String),
}

impl RegistrationError {
    fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Nl, Self::Length { input, digits }) => format!(
                "Een KvK-nummer heeft 8 cijfers; '{input}' heeft er {digits}. (Een Belgisch ondernemingsnummer heeft er 10.)"
            ),
            (Lang::En, Self::Length { input, digits }) => format!(
                "A KvK number has 8 digits; '{input}' has {digits}. (A Belgian enterprise number has 10.)"
            ),
            (Lang::Nl, Self::NotDigits(input)) => {
                format!("Een KvK-nummer bestaat alleen uit cijfers (8 stuks); '{input}' bevat ook andere tekens.")
            }
            (Lang::En, Self::NotDigits(input)) => {
                format!("A KvK number consists of digits only (8 of them); '{input}' contains other characters.")
            }
            (Lang::Nl, Self::BelgianCheck(input)) => {
                format!("'{input}' is geen geldig Belgisch ondernemingsnummer: het controlegetal klopt niet.")
            }
            (Lang::En, Self::BelgianCheck(input)) => {
                format!("'{input}' is not a valid Belgian enterprise number: the check digits do not match.")
            }
        }
    }
}

/// A Dutch KvK number (8 digits, kept as digits) or a Belgian enterprise number (10 digits with
/// a mod-97 check, kept as `0123.456.789`). Spaces, dots and dashes are ignored; empty is fine.
fn normalize_registration(input: &str) -> Result<String, RegistrationError> {
    let trimmed = input.trim();
    let compact: String = trimmed.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect();
    let compact = compact.strip_prefix("BE").or_else(|| compact.strip_prefix("be")).unwrap_or(&compact);
    if compact.is_empty() {
        return Ok(String::new());
    }
    if !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(RegistrationError::NotDigits(trimmed.to_string()));
    }
    match compact.len() {
        8 => Ok(compact.to_string()),
        10 if belgian_check(compact) => {
            Ok(format!("{}.{}.{}", &compact[..4], &compact[4..7], &compact[7..]))
        }
        10 => Err(RegistrationError::BelgianCheck(trimmed.to_string())),
        n => Err(RegistrationError::Length { input: trimmed.to_string(), digits: n }),
    }
}

/// The Belgian enterprise-number check: 97 − (first 8 digits mod 97) = the last 2 digits.
fn belgian_check(ten_digits: &str) -> bool {
    let (Ok(base), Ok(check)) = (ten_digits[..8].parse::<u64>(), ten_digits[8..].parse::<u64>()) else {
        return false;
    };
    ten_digits.starts_with(['0', '1']) && 97 - base % 97 == check
}

/// A VAT number in upper case without spaces or dots; empty is fine. Dutch (NL + 9 digits + B +
/// 2 digits) and Belgian (BE + 10 digits with the mod-97 check) numbers are checked exactly,
/// other countries loosely (2 letters and 2 to 13 letters or digits). Err gives the input back.
fn normalize_vat(input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let bad = || trimmed.to_string();
    if !trimmed.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-')) {
        return Err(bad());
    }
    let v: String = trimmed.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    if v.len() < 4 || !v[..2].chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(bad());
    }
    let rest = &v[2..];
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let ok = match &v[..2] {
        "NL" => rest.len() == 12 && digits(&rest[..9]) && &rest[9..10] == "B" && digits(&rest[10..]),
        "BE" => rest.len() == 10 && digits(rest) && belgian_check(rest),
        _ => (2..=13).contains(&rest.len()),
    };
    if ok {
        Ok(v)
    } else {
        Err(bad())
    }
}

/// One `@`, something before it, a domain with a dot after it, no spaces.
fn looks_like_email(s: &str) -> bool {
    let mut parts = s.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && !s.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        _ => false,
    }
}

/// Dutch postcodes as `1234 AB`; anything else (Belgian `1000`, foreign) trimmed as typed.
fn normalize_postcode(input: &str) -> String {
    let t = input.trim();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let b = compact.as_bytes();
    if b.len() == 6 && b[..4].iter().all(u8::is_ascii_digit) && b[4..].iter().all(u8::is_ascii_alphabetic) {
        format!("{} {}", &compact[..4], compact[4..].to_ascii_uppercase())
    } else {
        t.to_string()
    }
}

#[component]
fn CompanyCard() -> impl IntoView {
    let state = use_state();
    // The form is rebuilt from the stored company whenever that changes (a save, a restore, an
    // undo), so it always starts from what is really stored.
    let company = Memo::new(move |_| state.ledger.with(|l| l.company.clone()));
    view! {
        <section class="card" data-testid="settings-company">
            <div class="card-head">
                <h2>{tx("Je bedrijf", "Your company")}</h2>
                <span class="hint">{tx("Komt in je brieven en e-mails", "Used in your letters and e-mails")}</span>
            </div>
            {move || {
                let c = company.get();
                view! { <CompanyForm company=c/> }
            }}
        </section>
    }
}

#[component]
fn CompanyForm(company: Company) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let name = RwSignal::new(company.name);
    let street = RwSignal::new(company.address.street);
    let postcode = RwSignal::new(company.address.postcode);
    let city = RwSignal::new(company.address.city);
    let iban = RwSignal::new(company.iban);
    let kvk = RwSignal::new(company.kvk_number);
    let vat = RwSignal::new(company.vat_number);
    let email = RwSignal::new(company.email);
    let phone = RwSignal::new(company.phone);
    let errors = RwSignal::new(Vec::<String>::new());

    let save = move || {
        let lang = state.lang_untracked();
        let input = CompanyInput {
            name: name.get_untracked(),
            street: street.get_untracked(),
            postcode: postcode.get_untracked(),
            city: city.get_untracked(),
            iban: iban.get_untracked(),
            kvk: kvk.get_untracked(),
            vat: vat.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
        };
        match company_from_input(lang, &input) {
            Err(list) => errors.set(list),
            Ok(c) => match state.commit(move |l| {
                l.company = c.clone();
                Ok(())
            }) {
                Ok(()) => {
                    errors.set(Vec::new());
                    state.success(lang.tr("Bedrijfsgegevens opgeslagen.", "Company details saved.").into());
                }
                Err(e) => errors.set(vec![e.message(lang)]),
            },
        }
    };
    let t = move |nl: &'static str, en: &'static str| move || lang().tr(nl, en).to_string();

    view! {
        <form
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            {error_list(errors, "form-error")}
            <div class="form-grid">
                <Field
                    label=t("Bedrijfsnaam", "Company name")
                    value=name
                    testid="company-name"
                    class="wide"
                    placeholder="Jansen Advies"
                />
                <Field label=t("Straat en huisnummer", "Street and number") value=street testid="company-street" class="wide"/>
                <Field label=t("Postcode", "Postcode") value=postcode testid="company-postcode" placeholder="1234 AB"/>
                <Field label=t("Plaats", "City") value=city testid="company-city"/>
                <Field
                    label=t("IBAN", "IBAN")
                    value=iban
                    testid="company-iban"
                    placeholder="NL91 ABNA 0417 1643 00"
                    hint=t("Hierop vraag je klanten te betalen.", "The account you ask customers to pay into.")
                />
                <Field
                    label=t("KvK-nummer", "KvK (Chamber of Commerce) number")
                    value=kvk
                    testid="company-kvk"
                    placeholder="12345678"
                    hint=t(
                        "8 cijfers. In België: je ondernemingsnummer (10 cijfers).",
                        "8 digits. In Belgium: your enterprise number (10 digits).",
                    )
                />
                <Field
                    label=t("Btw-nummer", "VAT number")
                    value=vat
                    testid="company-vat"
                    placeholder="NL123456789B01"
                />
                <Field label=t("E-mail", "E-mail") value=email testid="company-email" input_type="email" placeholder="naam@bedrijf.nl"/>
                <Field label=t("Telefoon", "Phone") value=phone testid="company-phone" input_type="tel"/>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="company-save">
                    {tx("Bedrijfsgegevens opslaan", "Save company details")}
                </button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Defaults
// ---------------------------------------------------------------------------------------------

/// Currencies offered in the select (any stored code is added when it is not among them).
const CURRENCIES: [(&str, &str, &str); 9] = [
    ("EUR", "euro", "euro"),
    ("USD", "Amerikaanse dollar", "US dollar"),
    ("GBP", "Brits pond", "British pound"),
    ("CHF", "Zwitserse frank", "Swiss franc"),
    ("DKK", "Deense kroon", "Danish krone"),
    ("SEK", "Zweedse kroon", "Swedish krona"),
    ("NOK", "Noorse kroon", "Norwegian krone"),
    ("PLN", "Poolse zloty", "Polish złoty"),
    ("CZK", "Tsjechische kroon", "Czech koruna"),
];

/// Checks the defaults form.
fn settings_from_input(lang: Lang, term: &str, currency: &str) -> Result<LedgerSettings, String> {
    let term = term.trim();
    let days = term.parse::<u16>().ok().filter(|d| *d <= 365).ok_or_else(|| match lang {
        Lang::Nl => format!("'{term}' is geen geldige betaaltermijn: vul een heel aantal dagen in, van 0 tot en met 365."),
        Lang::En => format!("'{term}' is not a valid payment term: enter a whole number of days, from 0 to 365."),
    })?;
    let currency = Currency::parse(currency).map_err(|e| lang.domain_error(&e))?;
    Ok(LedgerSettings { default_term_days: days, currency, ..LedgerSettings::default() })
}

#[component]
fn DefaultsCard() -> impl IntoView {
    let state = use_state();
    let settings = Memo::new(move |_| state.ledger.with(|l| l.settings.clone()));
    view! {
        <section class="card" data-testid="settings-defaults">
            <h2>{tx("Standaarden", "Defaults")}</h2>
            {move || {
                let s = settings.get();
                view! { <DefaultsForm settings=s/> }
            }}
        </section>
    }
}

#[component]
fn DefaultsForm(settings: LedgerSettings) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let stored_code = settings.currency.code().to_string();
    let term = RwSignal::new(settings.default_term_days.to_string());
    let currency = RwSignal::new(stored_code.clone());
    let error = RwSignal::new(None::<String>);
    let options = move || {
        let lang = state.lang();
        let mut list: Vec<(String, String)> =
            CURRENCIES.iter().map(|(code, nl, en)| (code.to_string(), format!("{code} — {}", lang.tr(nl, en)))).collect();
        if !CURRENCIES.iter().any(|(code, _, _)| *code == stored_code) {
            list.push((stored_code.clone(), stored_code.clone()));
        }
        list
    };
    let save = move || {
        let lang = state.lang_untracked();
        match settings_from_input(lang, &term.get_untracked(), &currency.get_untracked()) {
            Err(e) => error.set(Some(e)),
            Ok(s) => match state.commit(move |l| {
                // This form sets only the term and currency: the law, risk and dunning settings
                // and the market data stay as they are.
                l.settings = LedgerSettings {
                    law: l.settings.law.clone(),
                    risk: l.settings.risk.clone(),
                    dunning: l.settings.dunning.clone(),
                    market: l.settings.market.clone(),
                    ..s.clone()
                };
                Ok(())
            }) {
                Ok(()) => {
                    error.set(None);
                    state.success(lang.tr("Standaarden opgeslagen.", "Defaults saved.").into());
                }
                Err(e) => error.set(Some(e.message(lang))),
            },
        }
    };
    view! {
        <form
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            {move || error.get().map(|e| view! { <div class="form-error" role="alert" data-testid="form-error">{e}</div> })}
            <div class="field">
                <label for="f-settings-term">{tx("Betaaltermijn voor nieuwe klanten", "Payment term for new customers")}</label>
                <div class="input-suffix">
                    <input
                        id="f-settings-term"
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max="365"
                        step="1"
                        data-testid="settings-term"
                        prop:value=move || term.get()
                        on:input=move |ev| term.set(event_target_value(&ev))
                    />
                    <span>{tx("dagen", "days")}</span>
                </div>
                <p class="hint">
                    {tx("Bestaande klanten houden hun eigen termijn. Gebruikelijk is 14 of 30 dagen.", "Existing customers keep their own term. 14 or 30 days is usual.")}
                </p>
            </div>
            <Select
                label=move || lang().tr("Valuta van nieuwe facturen", "Currency of new invoices").to_string()
                value=currency
                options=options
                testid="settings-currency"
            />
            <p class="hint">
                {tx("Bedragen in een andere valuta worden nooit stilzwijgend omgerekend.", "Amounts in another currency are never converted silently.")}
            </p>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="settings-save">
                    {tx("Standaarden opslaan", "Save defaults")}
                </button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Language and date
// ---------------------------------------------------------------------------------------------

#[component]
fn LanguageDateCard() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let demo_date = move || state.prefs.with(|p| p.today);
    let set_today = move |text: String| {
        let text = text.trim().to_string();
        if text.is_empty() {
            state.set_prefs(|p| p.today = None);
        } else if let Ok(d) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            state.set_prefs(|p| p.today = Some(d));
        } else {
            let lang = state.lang_untracked();
            state.error(format!("'{text}' {}", lang.tr("is geen datum.", "is not a date.")));
        }
    };
    view! {
        <section class="card" data-testid="settings-language">
            <h2>{tx("Taal en datum", "Language and date")}</h2>
            <div class="field">
                <label for="f-settings-lang">{tx("Taal", "Language")}</label>
                <select
                    id="f-settings-lang"
                    data-testid="settings-lang"
                    prop:value=move || lang().code()
                    on:change=move |ev| {
                        let chosen = if event_target_value(&ev) == "en" { Lang::En } else { Lang::Nl };
                        state.set_prefs(|p| p.lang = chosen);
                    }
                >
                    <option value="nl" selected=move || lang() == Lang::Nl>"Nederlands"</option>
                    <option value="en" selected=move || lang() == Lang::En>"English"</option>
                </select>
                <p class="hint">
                    {tx("Wordt op dit apparaat onthouden. Klantbrieven kies je per klant.", "Remembered on this device. Letters to customers are chosen per customer.")}
                </p>
            </div>
            <div class="field">
                <label for="f-settings-today">{tx("Demodatum (\"vandaag\")", "Demo date (\"today\")")}</label>
                <div class="date-row">
                    <input
                        id="f-settings-today"
                        type="date"
                        data-testid="settings-today"
                        prop:value=move || demo_date().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                        on:change=move |ev| set_today(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="btn"
                        data-testid="settings-today-clear"
                        disabled=move || demo_date().is_none()
                        on:click=move |_| state.set_prefs(|p| p.today = None)
                    >
                        {tx("Gebruik de echte datum", "Use the real date")}
                    </button>
                </div>
                <p class="hint">
                    {tx("Voor demonstraties en trainingen: het overzicht, de vervallen facturen en het aantal dagen achterstand worden berekend alsof het vandaag deze datum is. Je gegevens veranderen er niet door. Leeg laten = de echte datum.", "For demonstrations and training: the overview, overdue invoices and days overdue are computed as if today were this date. Your data does not change. Leave empty for the real date.")}
                </p>
            </div>
            <label class="check large-font-toggle">
                <input
                    type="checkbox"
                    data-testid="settings-large-font"
                    prop:checked=move || state.prefs.with(|p| p.large_font)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.set_prefs(|p| p.large_font = on);
                    }
                />
                " "
                {tx("Groot lettertype (presenteren op een beamer)", "Large font (presenting on a projector)")}
            </label>
            <p class="today-status" data-testid="settings-today-status">
                {move || {
                    let lang = lang();
                    let real = state.real_today();
                    match demo_date() {
                        Some(d) => view! {
                            <span class="badge demo">{lang.tr("Demodatum actief", "Demo date active")}</span>
                            " "
                            {format!(
                                "{} {}. {} {}.",
                                lang.tr("Stipt rekent met", "Stipt computes as of"),
                                lang.long_date(d),
                                lang.tr("De echte datum is", "The real date is"),
                                lang.long_date(real),
                            )}
                        }
                        .into_any(),
                        None => view! {
                            {format!("{} {}.", lang.tr("Stipt rekent met de echte datum:", "Stipt uses the real date:"), lang.long_date(real))}
                        }
                        .into_any(),
                    }
                }}
            </p>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by demo, restore and clear
// ---------------------------------------------------------------------------------------------

/// True when replacing the ledger would lose nothing the user entered.
fn is_blank(l: &Ledger) -> bool {
    l.is_empty() && l.company == Company::default() && l.settings == LedgerSettings::default()
}

/// "12 klanten, 40 facturen, …" as bullet lines, for the confirmation dialogs.
fn what_is_in(lang: Lang, s: &BackupSummary) -> String {
    let mut lines = vec![
        format!("• {} {}", s.customers, lang.tr("klanten", "customers")),
        format!("• {} {}", s.invoices, lang.tr("facturen", "invoices")),
        format!("• {} {}", s.credit_notes, lang.tr("creditnota's", "credit notes")),
        format!("• {} {}", s.payments, lang.tr("betalingen", "payments")),
        format!("• {} {}", s.events, lang.tr("dossierregels", "diary entries")),
    ];
    if !s.company_name.is_empty() {
        lines.push(format!("• {} ({})", lang.tr("je bedrijfsgegevens", "your company details"), s.company_name));
    }
    lines.join("\n")
}

/// The open total as text: one amount per currency, or zero.
fn open_text(lang: Lang, s: &BackupSummary) -> String {
    if s.open.is_empty() {
        lang.money(crate::domain::Money::eur(rust_decimal::Decimal::ZERO))
    } else {
        s.open.iter().map(|m| lang.money(*m)).collect::<Vec<_>>().join(" + ")
    }
}

/// Replaces the whole ledger (undoable). In recovery mode the unreadable stored data is thrown
/// away first: callers only get here after the user agreed to exactly that.
fn replace_ledger(state: AppState, next: Ledger, message: String) -> bool {
    if state.recovery.with_untracked(Option::is_some) {
        state.discard_stored();
    }
    match state.commit_undoable(message, move |l| {
        *l = next.clone();
        Ok(())
    }) {
        Ok(()) => true,
        Err(e) => {
            state.error(e.message(state.lang_untracked()));
            false
        }
    }
}

/// The text every "this replaces your ledger" dialog ends with.
fn recovery_warning(lang: Lang) -> &'static str {
    lang.tr(
        "Je opgeslagen gegevens zijn onleesbaar. Als je doorgaat, worden ze definitief weggegooid. Wil je ze bewaren of laten herstellen, annuleer dan en download ze eerst via de rode melding bovenaan.",
        "Your stored data cannot be read. If you continue, it is thrown away for good. To keep it or have it repaired, cancel and download it first from the red message at the top.",
    )
}

// ---------------------------------------------------------------------------------------------
// 4. Demo ledger
// ---------------------------------------------------------------------------------------------

#[component]
fn DemoCard() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let today = move || state.prefs.with_untracked(|p| p.today).unwrap_or_else(|| state.real_today());
    let load = move |_| {
        let lang = state.lang_untracked();
        let today = today();
        let demo = crate::demo::demo_ledger(today);
        let message = match lang {
            Lang::Nl => format!("Demogrootboek geladen ({} klanten, afgestemd op {}).", demo.customers().len(), lang.date(today)),
            Lang::En => format!("Demo ledger loaded ({} customers, set up around {}).", demo.customers().len(), lang.date(today)),
        };
        offer_demo(state, demo, message);
    };
    // A generated ledger of the chosen size: to see Stipt (and measure it) at the size of a
    // business with thousands of customers.
    let size = RwSignal::new("10000".to_string());
    let load_large = move |_| {
        let lang = state.lang_untracked();
        let invoices: usize = size.get_untracked().parse().unwrap_or(10_000);
        let customers = (invoices / 20).clamp(50, 5000);
        let ledger = crate::scale::generate(2026, customers, invoices, today());
        let n = lang.count(ledger.invoices().filter(|i| !i.is_credit_note()).count());
        let c = lang.count(ledger.customers().len());
        let message = match lang {
            Lang::Nl => format!("Proefgrootboek geladen: {c} klanten, {n} facturen (en creditnota's)."),
            Lang::En => format!("Test ledger loaded: {c} customers, {n} invoices (and credit notes)."),
        };
        offer_demo(state, ledger, message);
    };
    view! {
        <section class="card" data-testid="settings-demo">
            <h2>{tx("Demo", "Demo")}</h2>
            <p>
                {tx("Een fictief bedrijf met klanten in alle fasen: stipte betalers, late betalers, beloftes, geschillen en een incassodossier. Handig om Stipt te leren kennen of om een training te geven. De datums worden afgestemd op \"vandaag\" (de demodatum als die is ingesteld).", "A fictitious company with customers in every phase: prompt payers, late payers, promises, disputes and a collection case. Useful to get to know Stipt or to give a training. Dates are set up around \"today\" (the demo date when one is set).")}
            </p>
            <div class="actions">
                <button type="button" class="btn" data-testid="demo-load" on:click=load>
                    {tx("Demogrootboek laden", "Load the demo ledger")}
                </button>
                <span class="hint">
                    {move || {
                        let blank = state.ledger.with(is_blank) && state.recovery.with(Option::is_none);
                        if blank {
                            lang().tr("Je grootboek is leeg; de demo wordt meteen geladen.", "Your ledger is empty; the demo loads straight away.")
                        } else {
                            lang().tr("Vervangt je huidige grootboek (je krijgt eerst een vraag).", "Replaces your current ledger (you are asked first).")
                        }
                    }}
                </span>
            </div>
            <div class="actions demo-large">
                <select data-testid="demo-large-size" aria-label=tx("Aantal facturen", "Number of invoices") prop:value=move || size.get() on:change=move |ev| size.set(event_target_value(&ev))>
                    <option value="1000">{tx("1.000 facturen", "1,000 invoices")}</option>
                    <option value="10000">{tx("10.000 facturen", "10,000 invoices")}</option>
                    <option value="50000">{tx("50.000 facturen", "50,000 invoices")}</option>
                </select>
                <button type="button" class="btn" data-testid="demo-large-load" on:click=load_large>
                    {tx("Groot proefgrootboek laden", "Load a large test ledger")}
                </button>
                <span class="hint">{tx("Gegenereerd: honderden tot duizenden klanten, om Stipt op schaal te zien.", "Generated: hundreds to thousands of customers, to see Stipt at scale.")}</span>
            </div>
            <div class="actions demo-training">
                <a class="btn" href="#/training" data-testid="demo-training">{tx("Training: zeven scenario's", "Training: seven scenarios")}</a>
                <span class="hint">{tx("In een aparte werkruimte: je eigen grootboek blijft ongewijzigd.", "In a separate workspace: your own ledger stays unchanged.")}</span>
            </div>
        </section>
    }
}

/// Puts `demo` in place of the ledger: at once when the ledger is empty, otherwise after a
/// confirmation that says what goes away (undoable right after).
fn offer_demo(state: AppState, demo: Ledger, message: String) {
    let lang = state.lang_untracked();
    let recovering = state.recovery.with_untracked(Option::is_some);
    let (blank, current) = state.ledger.with_untracked(|l| (is_blank(l), backup::preview(l)));
    if blank && !recovering {
        replace_ledger(state, demo, message);
        return;
    }
    let body = if recovering {
        recovery_warning(lang).to_string()
    } else {
        format!(
            "{}\n{}\n\n{}",
            lang.tr(
                "Het demogrootboek VERVANGT je huidige grootboek. Dit verdwijnt:",
                "The demo ledger REPLACES your current ledger. This goes away:",
            ),
            what_is_in(lang, &current),
            lang.tr(
                "Maak eerst een back-up (hieronder, bij Back-up) als je dit wilt bewaren: zonder back-up ben je deze gegevens kwijt. Vlak na het laden kun je het nog ongedaan maken via de melding onderin.",
                "Make a backup first (below, under Backup) if you want to keep it: without a backup this data is lost. Right after loading you can still undo it from the message at the bottom.",
            ),
        )
    };
    state.ask(
        lang.tr("Huidig grootboek vervangen door de demo?", "Replace your current ledger with the demo?").into(),
        body,
        lang.tr("Vervangen door de demo", "Replace with the demo").into(),
        true,
        move || {
            replace_ledger(state, demo.clone(), message.clone());
        },
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Backup and restore
// ---------------------------------------------------------------------------------------------

// One value at a time, in a signal: the size difference does not matter.
#[allow(clippy::large_enum_variant)]
/// What the chosen backup file turned out to be.
#[derive(Clone)]
enum Restore {
    Reading { file: String },
    Failed { file: String, error: BackupError },
    /// The browser could not read the file at all.
    Unreadable { file: String, detail: String },
    Ready { file: String, exported_at: String, ledger: Ledger, incoming: BackupSummary },
}

/// Today's date on this computer, for the file name (not the demo date).
fn local_date_now() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// `2026-03-10T08:30:00.000Z` → the date in the user's format, or the text as written.
fn exported_at_text(lang: Lang, at: &str) -> String {
    at.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(|| at.to_string(), |d| lang.date(d))
}

#[component]
fn BackupCard() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let restore = RwSignal::new(None::<Restore>);
    let recovering = move || state.recovery.with(Option::is_some);

    let export = move |_| {
        let lang = state.lang_untracked();
        let stamp = String::from(js_sys::Date::new_0().to_iso_string());
        let text = state.ledger.with_untracked(|l| backup::export(l, &stamp));
        let name = format!("stipt-backup-{}.json", local_date_now().format("%Y-%m-%d"));
        match download(&name, "application/json", &text) {
            Ok(()) => state.success(match lang {
                Lang::Nl => format!("Back-up gedownload als {name}. Bewaar hem op een veilige plek, niet alleen op deze computer."),
                Lang::En => format!("Backup downloaded as {name}. Keep it somewhere safe, not only on this computer."),
            }),
            Err(e) => state.error(format!("{} ({e})", lang.tr("Downloaden is mislukt", "The download failed"))),
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|list| list.get(0)) else { return };
        // Cleared straight away, so choosing the same file again fires `change` again.
        input.set_value("");
        let name = file.name();
        restore.set(Some(Restore::Reading { file: name.clone() }));
        spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let next = match read {
                Ok(value) => {
                    let text = value.as_string().unwrap_or_default();
                    match backup::read(&text) {
                        Ok(b) => {
                            let incoming = backup::preview(&b.ledger);
                            Restore::Ready { file: name, exported_at: b.exported_at, ledger: b.ledger, incoming }
                        }
                        Err(error) => Restore::Failed { file: name, error },
                    }
                }
                Err(e) => Restore::Unreadable { file: name, detail: format!("{e:?}") },
            };
            restore.set(Some(next));
        });
    };

    let apply = move || {
        let Some(Restore::Ready { ledger, incoming, .. }) = restore.get_untracked() else { return };
        let lang = state.lang_untracked();
        let message = match lang {
            Lang::Nl => format!(
                "Back-up teruggezet: {} klanten, {} facturen, {} betalingen.",
                incoming.customers, incoming.invoices, incoming.payments
            ),
            Lang::En => format!(
                "Backup restored: {} customers, {} invoices, {} payments.",
                incoming.customers, incoming.invoices, incoming.payments
            ),
        };
        if replace_ledger(state, ledger, message) {
            restore.set(None);
        }
    };
    let confirm = move |_| {
        if state.recovery.with_untracked(Option::is_some) {
            let lang = state.lang_untracked();
            state.ask(
                lang.tr("Onleesbare gegevens weggooien en back-up terugzetten?", "Discard the unreadable data and restore the backup?")
                    .into(),
                recovery_warning(lang).into(),
                lang.tr("Weggooien en terugzetten", "Discard and restore").into(),
                true,
                apply,
            );
        } else {
            apply();
        }
    };

    view! {
        <section class="card" data-testid="settings-backup">
            <h2>{tx("Back-up", "Backup")}</h2>
            <div class="grid-2 backup-grid">
                <div>
                    <h3>{tx("Back-up maken", "Make a backup")}</h3>
                    <p>
                        {tx("Eén JSON-bestand met alles uit je grootboek: bedrijfsgegevens, standaarden, klanten, facturen en creditnota's, betalingen en het dossier. Taal en demodatum horen bij dit apparaat en zitten er niet in.", "One JSON file with everything in your ledger: company details, defaults, customers, invoices and credit notes, payments and the diary. Language and demo date belong to this device and are not included.")}
                    </p>
                    <p class="hint">
                        {tx("Je gegevens staan alleen in deze browser. Maak regelmatig een back-up en bewaar die zorgvuldig: het bestand is niet versleuteld en bevat gegevens van je klanten.", "Your data lives only in this browser. Make a backup regularly and keep it carefully: the file is not encrypted and contains your customers' details.")}
                    </p>
                    <div class="actions">
                        <button type="button" class="btn primary" data-testid="backup-export" disabled=recovering on:click=export>
                            {tx("Back-up downloaden", "Download backup")}
                        </button>
                    </div>
                    {move || recovering().then(|| view! {
                        <p class="hint">
                            {lang().tr(
                                "Niet beschikbaar zolang je gegevens niet geladen zijn; download de opgeslagen gegevens via de melding bovenaan.",
                                "Not available while your data is not loaded; download the stored data from the message at the top.",
                            )}
                        </p>
                    })}
                </div>
                <div>
                    <h3>{tx("Back-up terugzetten", "Restore a backup")}</h3>
                    <p>
                        {tx("Kies een back-upbestand van Stipt. Je ziet eerst wat erin staat; er verandert pas iets als je bevestigt.", "Choose a Stipt backup file. You first see what is in it; nothing changes until you confirm.")}
                    </p>
                    <label class="file-pick">
                        <span class="btn">{tx("Bestand kiezen…", "Choose file…")}</span>
                        <input
                            type="file"
                            accept=".json,application/json"
                            data-testid="backup-file"
                            aria-label=tx("Back-upbestand kiezen", "Choose backup file")
                            on:change=on_file
                        />
                    </label>
                </div>
            </div>
            {move || {
                let lang = lang();
                match restore.get() {
                    None => ().into_any(),
                    Some(Restore::Reading { file }) => view! {
                        <p class="notice" data-testid="backup-reading">{format!("{} {file}…", lang.tr("Bezig met lezen van", "Reading"))}</p>
                    }
                    .into_any(),
                    Some(Restore::Failed { file, error }) => view! {
                        <div class="form-error restore-result" role="alert" data-testid="backup-error">
                            <strong>{format!("{} {file}", lang.tr("Kan niet terugzetten:", "Cannot restore:"))}</strong>
                            <p>{lang.backup_error(&error)}</p>
                            <p class="muted-small">{lang.tr("Er is niets gewijzigd.", "Nothing was changed.")}</p>
                        </div>
                    }
                    .into_any(),
                    Some(Restore::Unreadable { file, detail }) => view! {
                        <div class="form-error restore-result" role="alert" data-testid="backup-error">
                            <strong>{format!("{} {file}", lang.tr("Kan niet terugzetten:", "Cannot restore:"))}</strong>
                            <p>{format!("{} ({detail})", lang.tr("De browser kon het bestand niet lezen", "The browser could not read the file"))}</p>
                            <p class="muted-small">{lang.tr("Er is niets gewijzigd.", "Nothing was changed.")}</p>
                        </div>
                    }
                    .into_any(),
                    Some(Restore::Ready { file, exported_at, incoming, .. }) => view! {
                        <RestorePreview file exported_at incoming on_confirm=Callback::new(confirm) on_cancel=Callback::new(move |()| restore.set(None))/>
                    }
                    .into_any(),
                }
            }}
        </section>
    }
}

/// The comparison shown before a restore: what there is now, what the backup holds.
#[component]
fn RestorePreview(
    file: String,
    exported_at: String,
    incoming: BackupSummary,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let recovering = move || state.recovery.with(Option::is_some);
    view! {
        <div class="restore-preview" data-testid="backup-preview">
            <h3>{tx("Controleer de back-up", "Check the backup")}</h3>
            <p class="hint">
                {move || format!(
                    "{file} · {} {}",
                    lang().tr("gemaakt op", "made on"),
                    exported_at_text(lang(), &exported_at),
                )}
            </p>
            {move || {
                let lang = lang();
                let now = (!recovering()).then(|| state.ledger.with(backup::preview));
                let cell = |f: &dyn Fn(&BackupSummary) -> String| match &now {
                    Some(s) => f(s),
                    None => "—".to_string(),
                };
                let count = |n: usize| n.to_string();
                let name = |s: &BackupSummary| if s.company_name.is_empty() { "—".to_string() } else { s.company_name.clone() };
                let rows: Vec<(&str, String, String)> = vec![
                    (lang.tr("Bedrijf", "Company"), cell(&name), name(&incoming)),
                    (lang.tr("Klanten", "Customers"), cell(&|s| count(s.customers)), count(incoming.customers)),
                    (lang.tr("Facturen", "Invoices"), cell(&|s| count(s.invoices)), count(incoming.invoices)),
                    (lang.tr("Creditnota's", "Credit notes"), cell(&|s| count(s.credit_notes)), count(incoming.credit_notes)),
                    (lang.tr("Betalingen", "Payments"), cell(&|s| count(s.payments)), count(incoming.payments)),
                    (lang.tr("Dossierregels", "Diary entries"), cell(&|s| count(s.events)), count(incoming.events)),
                    (lang.tr("Openstaand", "Open total"), cell(&|s| open_text(lang, s)), open_text(lang, &incoming)),
                ];
                let body = rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, a, b))| {
                        let changed = a != b;
                        view! {
                            // The company name may wrap; counts and amounts stay on one line.
                            <tr class:changed=changed class:text=i == 0>
                                <th scope="row">{label}</th>
                                <td class="num">{a}</td>
                                <td class="num">{b}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="data compare">
                            <thead>
                                <tr>
                                    <th></th>
                                    <th class="num">
                                        {if now.is_some() { lang.tr("Nu", "Now") } else { lang.tr("Nu (onleesbaar)", "Now (unreadable)") }}
                                    </th>
                                    <th class="num">{lang.tr("In de back-up", "In the backup")}</th>
                                </tr>
                            </thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                }
            }}
            <p class="notice warn">
                {move || if recovering() {
                    recovery_warning(lang())
                } else {
                    lang().tr(
                        "Terugzetten vervangt je hele grootboek door de inhoud van deze back-up. Wat nu in Stipt staat en niet in de back-up, ben je kwijt — maak zo nodig eerst een back-up van je huidige grootboek. Vlak na het terugzetten kun je het nog ongedaan maken.",
                        "Restoring replaces your whole ledger with the contents of this backup. Anything now in Stipt that is not in the backup is lost — make a backup of your current ledger first if needed. Right after restoring you can still undo it.",
                    )
                }}
            </p>
            <div class="form-actions">
                <button type="button" class="btn" data-testid="backup-restore-cancel" on:click=move |_| on_cancel.run(())>
                    {tx("Annuleren", "Cancel")}
                </button>
                <button type="button" class="btn danger" data-testid="backup-restore-confirm" on:click=move |_| on_confirm.run(())>
                    {move || if recovering() {
                        lang().tr("Onleesbare gegevens weggooien en deze back-up terugzetten…", "Discard the unreadable data and restore this backup…")
                    } else {
                        lang().tr("Vervang mijn grootboek door deze back-up", "Replace my ledger with this backup")
                    }}
                </button>
            </div>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Clearing everything
// ---------------------------------------------------------------------------------------------

/// Characters (UTF-16 units, as browsers count them) stored under `stipt.` keys.
fn stored_chars() -> usize {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return 0 };
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .map(|k| {
            let value = storage.get_item(&k).ok().flatten().unwrap_or_default();
            k.encode_utf16().count() + value.encode_utf16().count()
        })
        .sum()
}

/// 1234567 → `1.234.567` (nl) or `1,234,567` (en).
fn group(lang: Lang, n: usize) -> String {
    let sep = lang.tr(".", ",");
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A share as `2,5%` / `2.5%`, one decimal; a tiny but non-zero share as `< 0,1%`.
fn percent(lang: Lang, part: usize, whole: usize) -> String {
    let tenths = (part as u128 * 1000 + whole as u128 / 2) / whole.max(1) as u128;
    if tenths == 0 && part > 0 {
        return format!("< 0{}1%", lang.tr(",", "."));
    }
    format!("{}{}{}%", tenths / 10, lang.tr(",", "."), tenths % 10)
}

#[component]
fn DangerCard() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let recovering = move || state.recovery.with(Option::is_some);
    let usage = move || {
        // Saving happens before the ledger signal changes, so storage is current here.
        state.ledger.track();
        state.prefs.track();
        state.recovery.track();
        stored_chars()
    };
    let clear = move |_| {
        let lang = state.lang_untracked();
        if state.recovery.with_untracked(Option::is_some) {
            state.ask(
                lang.tr("Onleesbare gegevens weggooien?", "Discard the unreadable data?").into(),
                recovery_warning(lang).into(),
                lang.tr("Weggooien en leeg beginnen", "Discard and start empty").into(),
                true,
                move || {
                    state.discard_stored();
                    state.success(
                        state.lang_untracked().tr("Opgeslagen gegevens weggegooid.", "Stored data discarded.").into(),
                    );
                },
            );
            return;
        }
        let current = state.ledger.with_untracked(backup::preview);
        state.ask(
            lang.tr("Je hele grootboek wissen?", "Delete your whole ledger?").into(),
            format!(
                "{}\n{}\n\n{}",
                lang.tr("Dit wordt uit deze browser verwijderd:", "This is removed from this browser:"),
                what_is_in(lang, &current),
                lang.tr(
                    "Zonder back-up ben je deze gegevens kwijt: maak er eerst een (bij Back-up hierboven). Vlak na het wissen kun je het nog ongedaan maken via de melding onderin.",
                    "Without a backup this data is lost: make one first (under Backup above). Right after deleting you can still undo it from the message at the bottom.",
                ),
            ),
            lang.tr("Alles wissen", "Delete everything").into(),
            true,
            move || {
                replace_ledger(
                    state,
                    Ledger::new(),
                    state.lang_untracked().tr("Grootboek gewist.", "Ledger deleted.").into(),
                );
            },
        );
    };
    view! {
        <section class="card danger-zone" data-testid="settings-danger">
            <h2>{tx("Gegevens wissen", "Delete data")}</h2>
            <p>
                {tx("Verwijdert je hele grootboek uit deze browser: bedrijfsgegevens, standaarden, klanten, facturen, betalingen en het dossier. Taal en demodatum blijven bewaard.", "Removes your whole ledger from this browser: company details, defaults, customers, invoices, payments and the diary. Language and demo date are kept.")}
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="btn danger"
                    data-testid="ledger-clear"
                    disabled=move || !recovering() && state.ledger.with(is_blank)
                    on:click=clear
                >
                    {move || if recovering() {
                        lang().tr("Onleesbare gegevens weggooien…", "Discard the unreadable data…")
                    } else {
                        lang().tr("Hele grootboek wissen…", "Delete the whole ledger…")
                    }}
                </button>
            </div>
            <h3 class="usage-title">{tx("Opslag in deze browser", "Storage in this browser")}</h3>
            {move || {
                let lang = lang();
                let used = usage();
                let level = match used * 100 / STORAGE_QUOTA_CHARS {
                    0..=59 => "",
                    60..=84 => "warn",
                    _ => "bad",
                };
                view! {
                    // A <progress>, not a styled <div>: the Content-Security-Policy forbids inline
                    // styles. A sliver stays visible when almost nothing is used.
                    <progress
                        class=format!("usage-bar {level}")
                        max=STORAGE_QUOTA_CHARS.to_string()
                        value=used.max(STORAGE_QUOTA_CHARS / 200).to_string()
                        aria-label=lang.tr("Gebruikte opslag", "Storage used")
                    ></progress>
                    <p class="hint" data-testid="storage-usage">
                        {match lang {
                            Lang::Nl => format!(
                                "{} tekens gebruikt van ongeveer {} ({}). Browsers geven een website meestal zo'n 5 miljoen tekens; raakt die ruimte op, dan wordt er niets meer opgeslagen.",
                                group(lang, used),
                                group(lang, STORAGE_QUOTA_CHARS),
                                percent(lang, used, STORAGE_QUOTA_CHARS),
                            ),
                            Lang::En => format!(
                                "{} characters used of about {} ({}). Browsers usually give a website about 5 million characters; when that runs out, nothing more can be saved.",
                                group(lang, used),
                                group(lang, STORAGE_QUOTA_CHARS),
                                percent(lang, used, STORAGE_QUOTA_CHARS),
                            ),
                        }}
                    </p>
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_numbers() {
        let rows = [
            ("", ""),
            ("12345678", "12345678"),
            (" 1234 5678 ", "12345678"),
            ("1234.56.78", "12345678"),
            // Belgian enterprise number: 97 - (04031707 mod 97) = 01.
            ("0403.170.701", "0403.170.701"),
            ("BE 0403170701", "0403.170.701"),
        ];
        for (input, expected) in rows {
            assert_eq!(normalize_registration(input).as_deref(), Ok(expected), "row {input:?}");
        }
        assert_eq!(
            normalize_registration("1234567"),
            Err(RegistrationError::Length { input: "1234567".into(), digits: 7 })
        );
        assert_eq!(normalize_registration("1234567A"), Err(RegistrationError::NotDigits("1234567A".into())));
        assert_eq!(normalize_registration("0403170702"), Err(RegistrationError::BelgianCheck("0403170702".into())));
        assert!(RegistrationError::Length { input: "123".into(), digits: 3 }.message(Lang::Nl).contains("8 cijfers"));
    }

    #[test]
    fn vat_numbers() {
        assert_eq!(normalize_vat(""), Ok(String::new()));
        assert_eq!(normalize_vat("nl 1234.56.789.B01"), Ok("NL123456789B01".into()));
        assert_eq!(normalize_vat("BE0403.170.701"), Ok("BE0403170701".into()));
        assert_eq!(normalize_vat("DE123456789"), Ok("DE123456789".into()));
        assert!(normalize_vat("NL123456789").is_err());
        assert!(normalize_vat("BE0403170702").is_err());
        assert!(normalize_vat("123456789").is_err());
        assert!(normalize_vat("NL12345678#B01").is_err());
    }

    #[test]
    fn company_form_reports_every_problem_and_normalizes() {
        let input = CompanyInput {
            name: "  Jansen Advies ".into(),
            postcode: "1234ab".into(),
            iban: "nl91abna0417164300".into(),
            kvk: "12345678".into(),
            email: "info@jansen.nl".into(),
            ..CompanyInput::default()
        };
        let c = company_from_input(Lang::Nl, &input).unwrap();
        assert_eq!(c.name, "Jansen Advies");
        assert_eq!(c.address.postcode, "1234 AB");
        assert_eq!(c.iban, "NL91 ABNA 0417 1643 00");
        let bad = CompanyInput { iban: "NL00".into(), kvk: "123".into(), vat: "x".into(), email: "no-at".into(), ..input };
        let errors = company_from_input(Lang::Nl, &bad).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[1].contains("8 cijfers"));
    }

    #[test]
    fn defaults_form() {
        let s = settings_from_input(Lang::Nl, " 14 ", "usd").unwrap();
        assert_eq!(s.default_term_days, 14);
        assert_eq!(s.currency.code(), "USD");
        assert!(settings_from_input(Lang::Nl, "366", "EUR").unwrap_err().contains("0 tot en met 365"));
        assert!(settings_from_input(Lang::En, "-1", "EUR").is_err());
        assert!(settings_from_input(Lang::En, "30", "EU").is_err());
    }

    #[test]
    fn grouping_and_percent() {
        assert_eq!(group(Lang::Nl, 5_000_000), "5.000.000");
        assert_eq!(group(Lang::En, 1234), "1,234");
        assert_eq!(group(Lang::En, 999), "999");
        assert_eq!(percent(Lang::Nl, 125_000, 5_000_000), "2,5%");
        assert_eq!(percent(Lang::En, 0, 5_000_000), "0.0%");
        assert_eq!(percent(Lang::En, 1, 5_000_000), "< 0.1%");
        assert_eq!(percent(Lang::Nl, 4_999_999, 5_000_000), "100,0%");
    }

    #[test]
    fn postcodes_and_email() {
        assert_eq!(normalize_postcode(" 1234 ab "), "1234 AB");
        assert_eq!(normalize_postcode("1000"), "1000");
        assert!(looks_like_email("a@b.nl"));
        assert!(!looks_like_email("a@b"));
        assert!(!looks_like_email("a b@c.nl"));
        assert!(!looks_like_email("a@@c.nl"));
    }
}
