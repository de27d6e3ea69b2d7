//! Settings: the thresholds of the payment grades and the warning signals, the rules of the
//! credit check and the risk table by sector and country (`ledger.settings.risk`).
//!
//! One form, one save: the input is checked here (every problem named with its field) and by
//! `RiskSettings::validate`, then only `settings.risk` is replaced on the ledger as it is at that
//! moment, so a change another tab made to other settings is kept. The form is rebuilt from the
//! stored settings after a save, an undo or another tab's change; after a refused save it keeps
//! what the user typed.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{parse_amount, RiskLevel, RiskRow, RiskSettings};
use crate::i18n::Lang;
use crate::ui::components::{error_list, field_error, tx};
use crate::ui::state::use_state;

// ---------------------------------------------------------------------------------------------
// Pure helpers (tested natively below)
// ---------------------------------------------------------------------------------------------

/// A text pair: (Dutch, English).
type Text = (&'static str, &'static str);

/// A grade threshold: a whole number of days late (may be negative: paid early).
struct GradeField {
    key: &'static str,
    label: Text,
    get: fn(&RiskSettings) -> i32,
    set: fn(&mut RiskSettings, i32),
}

const GRADES: [GradeField; 3] = [
    GradeField {
        key: "risk-grade-a",
        label: ("Klasse A tot en met (dagen te laat)", "Grade A up to (days late)"),
        get: |r| r.grade_a_max,
        set: |r, v| r.grade_a_max = v,
    },
    GradeField {
        key: "risk-grade-b",
        label: ("Klasse B tot en met (dagen te laat)", "Grade B up to (days late)"),
        get: |r| r.grade_b_max,
        set: |r, v| r.grade_b_max = v,
    },
    GradeField {
        key: "risk-grade-c",
        label: ("Klasse C tot en met (dagen te laat); daarboven D", "Grade C up to (days late); D above"),
        get: |r| r.grade_c_max,
        set: |r, v| r.grade_c_max = v,
    },
];

/// A signal threshold: a whole number from 0 to `max`.
struct CountField {
    key: &'static str,
    label: Text,
    max: u32,
    get: fn(&RiskSettings) -> u32,
    set: fn(&mut RiskSettings, u32),
}

const COUNTS: [CountField; 12] = [
    CountField {
        key: "risk-silent-attempts",
        label: ("Contactpogingen op rij zonder reactie", "Contact attempts in a row without a response"),
        max: u32::MAX,
        get: |r| r.silent_attempts,
        set: |r, v| r.silent_attempts = v,
    },
    CountField {
        key: "risk-broken-promises",
        label: ("Gebroken betaalbeloftes", "Broken promises to pay"),
        max: u32::MAX,
        get: |r| r.broken_promises,
        set: |r, v| r.broken_promises = v,
    },
    CountField {
        key: "risk-excuse-repeats",
        label: ("Zelfde soort excuus, aantal keer", "Same kind of excuse, number of times"),
        max: u32::MAX,
        get: |r| r.excuse_repeats,
        set: |r, v| r.excuse_repeats = v,
    },
    CountField {
        key: "risk-excuse-window",
        label: ("… binnen (dagen)", "… within (days)"),
        max: u32::MAX,
        get: |r| r.excuse_window_days,
        set: |r, v| r.excuse_window_days = v,
    },
    CountField {
        key: "risk-extension-requests",
        label: ("Verzoeken om een langere betaaltermijn", "Requests for longer payment terms"),
        max: u32::MAX,
        get: |r| r.extension_requests,
        set: |r, v| r.extension_requests = v,
    },
    CountField {
        key: "risk-extension-window",
        label: ("… binnen (dagen)", "… within (days)"),
        max: u32::MAX,
        get: |r| r.extension_window_days,
        set: |r, v| r.extension_window_days = v,
    },
    CountField {
        key: "risk-score-drop",
        label: ("Externe score gedaald met (punten)", "External score dropped by (points)"),
        max: u32::MAX,
        get: |r| r.score_drop,
        set: |r, v| r.score_drop = v,
    },
    CountField {
        key: "risk-score-floor",
        label: ("… of externe score lager dan", "… or external score below"),
        max: u32::MAX,
        get: |r| r.score_floor,
        set: |r, v| r.score_floor = v,
    },
    CountField {
        key: "risk-buying-less",
        label: (
            "Koopt minder: orders van de laatste 3 maanden onder (% van de periode ervoor)",
            "Buying less: orders of the last 3 months below (% of the period before)",
        ),
        max: 100,
        get: |r| r.buying_less_percent,
        set: |r, v| r.buying_less_percent = v,
    },
    CountField {
        key: "risk-dispute-days",
        label: ("Geschil langer open dan (dagen)", "Dispute open longer than (days)"),
        max: u32::MAX,
        get: |r| r.dispute_days,
        set: |r, v| r.dispute_days = v,
    },
    CountField {
        key: "risk-pattern-days",
        label: (
            "Betaalt later dan gewoonlijk: laatste 3 betalingen gemiddeld meer dan (dagen) later",
            "Paying later than usual: last 3 payments on average more than (days) later",
        ),
        max: u32::MAX,
        get: |r| r.pattern_change_days,
        set: |r, v| r.pattern_change_days = v,
    },
    CountField {
        key: "risk-round-payments",
        label: ("Deelbetalingen in ronde bedragen (veelvouden van 50)", "Partial payments in round amounts (multiples of 50)"),
        max: u32::MAX,
        get: |r| r.round_payments,
        set: |r, v| r.round_payments = v,
    },
];

/// A percentage from 0 to 100.
struct PercentField {
    key: &'static str,
    label: Text,
    get: fn(&RiskSettings) -> Decimal,
    set: fn(&mut RiskSettings, Decimal),
}

const PERCENTS: [PercentField; 2] = [
    PercentField {
        key: "risk-limit-share",
        label: (
            "Limietadvies: deel van de verwachte jaaromzet dat een klant open mag hebben",
            "Limit advice: share of the expected yearly revenue a customer may owe",
        ),
        get: |r| r.limit_revenue_share,
        set: |r, v| r.limit_revenue_share = v,
    },
    PercentField {
        key: "risk-insured-share",
        label: ("Kredietverzekeraar vergoedt (deel van het verlies)", "Credit insurer pays (share of the loss)"),
        get: |r| r.insured_share,
        set: |r, v| r.insured_share = v,
    },
];

const LEVELS: [(RiskLevel, &str); 3] = [(RiskLevel::Low, "low"), (RiskLevel::Medium, "medium"), (RiskLevel::High, "high")];

fn level_key(level: RiskLevel) -> &'static str {
    LEVELS.iter().find(|(l, _)| *l == level).map_or("medium", |(_, k)| k)
}

fn level_from_key(key: &str) -> Option<RiskLevel> {
    LEVELS.iter().find(|(_, k)| *k == key).map(|(l, _)| *l)
}

/// One row of the risk table as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct RowInput {
    sector: String,
    country: String,
    level: String,
}

/// The whole form as typed, in the order of `GRADES`, `COUNTS` and `PERCENTS`.
#[derive(Clone, Debug, Default, PartialEq)]
struct RiskInput {
    grades: Vec<String>,
    counts: Vec<String>,
    warn_first_unpaid: bool,
    percents: Vec<String>,
    table: Vec<RowInput>,
}

/// A decimal as the user types it: `12,5` (nl), `12.5` (en), without trailing zeros.
fn decimal_text(lang: Lang, d: Decimal) -> String {
    let s = d.normalize().to_string();
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The form's values for stored settings.
fn risk_input(lang: Lang, r: &RiskSettings) -> RiskInput {
    RiskInput {
        grades: GRADES.iter().map(|g| (g.get)(r).to_string()).collect(),
        counts: COUNTS.iter().map(|c| (c.get)(r).to_string()).collect(),
        warn_first_unpaid: r.warn_first_invoice_unpaid,
        percents: PERCENTS.iter().map(|p| decimal_text(lang, (p.get)(r))).collect(),
        table: r
            .table
            .iter()
            .map(|row| RowInput { sector: row.sector.clone(), country: row.country.clone(), level: level_key(row.level).into() })
            .collect(),
    }
}


/// Checks the form: every problem found, each naming its field, in the user's language; then
/// the rules of `RiskSettings::validate` (grades going up). A country is a two-letter code or
/// empty (any country); a sector is the start of a sector name or code, or empty (any sector).
fn risk_from_input(lang: Lang, i: &RiskInput) -> Result<RiskSettings, Vec<String>> {
    let mut r = RiskSettings::default();
    let mut errors = Vec::new();
    for (g, text) in GRADES.iter().zip(&i.grades) {
        match text.trim().parse::<i32>() {
            Ok(v) => (g.set)(&mut r, v),
            Err(_) => errors.push(field_error(lang, g.label, text, "geen geheel aantal dagen", "not a whole number of days")),
        }
    }
    for (c, text) in COUNTS.iter().zip(&i.counts) {
        match text.trim().parse::<u32>() {
            Ok(v) if v <= c.max => (c.set)(&mut r, v),
            _ if c.max == 100 => {
                errors.push(field_error(lang, c.label, text, "geen geheel getal van 0 tot en met 100", "not a whole number from 0 to 100"));
            }
            _ => errors.push(field_error(lang, c.label, text, "geen geheel getal van 0 of meer", "not a whole number of 0 or more")),
        }
    }
    r.warn_first_invoice_unpaid = i.warn_first_unpaid;
    for (p, text) in PERCENTS.iter().zip(&i.percents) {
        match parse_amount(text) {
            Ok(v) if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED => (p.set)(&mut r, v),
            _ => errors.push(field_error(lang, p.label, text, "geen percentage van 0 tot en met 100", "not a percentage from 0 to 100")),
        }
    }
    r.table = Vec::new();
    for (n, row) in i.table.iter().enumerate() {
        let country = row.country.trim().to_uppercase();
        if !(country.is_empty() || (country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()))) {
            errors.push(match lang {
                Lang::Nl => format!("Risicotabel, regel {}: '{}' is geen landcode van twee letters (zoals NL; leeg = elk land).", n + 1, row.country.trim()),
                Lang::En => format!("Risk table, row {}: '{}' is not a two-letter country code (like NL; empty = any country).", n + 1, row.country.trim()),
            });
        }
        let Some(level) = level_from_key(&row.level) else {
            errors.push(match lang {
                Lang::Nl => format!("Risicotabel, regel {}: kies een risico.", n + 1),
                Lang::En => format!("Risk table, row {}: choose a risk.", n + 1),
            });
            continue;
        };
        r.table.push(RiskRow { sector: row.sector.trim().to_string(), country, level });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    r.validate().map_err(|e| vec![lang.domain_error(&e)])?;
    Ok(r)
}

/// The default table as one line: "bouw: hoog · … · NL: gemiddeld".
fn default_table_text(lang: Lang) -> String {
    RiskSettings::default()
        .table
        .iter()
        .map(|row| {
            let what = match (row.sector.trim(), row.country.trim()) {
                (s, "") => s.to_string(),
                ("", c) => c.to_string(),
                (s, c) => format!("{s} ({c})"),
            };
            format!("{what}: {}", lang.risk_level_name(row.level))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

// ---------------------------------------------------------------------------------------------
// The card
// ---------------------------------------------------------------------------------------------

/// The risk settings, in Settings.
#[component]
pub fn RiskSettingsCard() -> impl IntoView {
    let state = use_state();
    // Rebuilt only when the stored settings change (a save, an undo, another tab): after a
    // refused save, what the user typed stays.
    let stored = Memo::new(move |_| state.ledger.with(|l| l.settings.risk.clone()));
    view! {
        <section class="card risk-settings" data-testid="risk-settings">
            <div class="card-head">
                <h2>{tx("Risico en signalen", "Risk and signals")}</h2>
                <span class="hint">
                    {tx(
                        "Gebruikt voor de betaalklassen, de waarschuwingssignalen en de kredietcontrole",
                        "Used for the payment grades, the warning signals and the credit check",
                    )}
                </span>
            </div>
            {move || {
                let r = stored.get();
                view! { <RiskForm stored=r/> }
            }}
        </section>
    }
}

/// One row of the table in the form, with its own signals (`key` keeps the row's inputs when
/// another row is removed).
#[derive(Clone, Copy)]
struct RowSignals {
    key: usize,
    sector: RwSignal<String>,
    country: RwSignal<String>,
    level: RwSignal<String>,
}

/// A labelled text input with its default as a hint.
fn text_field(label: Text, value: RwSignal<String>, testid: &'static str, mode: &'static str, default: String) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class="field">
            <label for=id.clone()>{tx(label.0, label.1)}</label>
            <input
                id=id
                type="text"
                inputmode=(!mode.is_empty()).then_some(mode)
                autocomplete="off"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="hint">{tx("Standaard: ", "Default: ")}{default}</p>
        </div>
    }
}

#[component]
fn RiskForm(stored: RiskSettings) -> impl IntoView {
    let state = use_state();
    let start = risk_input(state.lang_untracked(), &stored);
    let grades: Vec<RwSignal<String>> = start.grades.iter().map(|s| RwSignal::new(s.clone())).collect();
    let counts: Vec<RwSignal<String>> = start.counts.iter().map(|s| RwSignal::new(s.clone())).collect();
    let percents: Vec<RwSignal<String>> = start.percents.iter().map(|s| RwSignal::new(s.clone())).collect();
    let warn = RwSignal::new(start.warn_first_unpaid);
    let next_key = StoredValue::new(0usize);
    let new_row = move |r: RowInput| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        RowSignals { key, sector: RwSignal::new(r.sector), country: RwSignal::new(r.country), level: RwSignal::new(r.level) }
    };
    let rows = RwSignal::new(start.table.into_iter().map(new_row).collect::<Vec<_>>());
    let errors = RwSignal::new(Vec::<String>::new());
    let (g, c, p) = (StoredValue::new(grades.clone()), StoredValue::new(counts.clone()), StoredValue::new(percents.clone()));

    let typed = move || RiskInput {
        grades: g.with_value(|v| v.iter().map(|s| s.get_untracked()).collect()),
        counts: c.with_value(|v| v.iter().map(|s| s.get_untracked()).collect()),
        warn_first_unpaid: warn.get_untracked(),
        percents: p.with_value(|v| v.iter().map(|s| s.get_untracked()).collect()),
        table: rows.with_untracked(|rs| {
            rs.iter()
                .map(|r| RowInput { sector: r.sector.get_untracked(), country: r.country.get_untracked(), level: r.level.get_untracked() })
                .collect()
        }),
    };
    let fill_defaults = move |_| {
        let i = risk_input(state.lang_untracked(), &RiskSettings::default());
        g.with_value(|v| v.iter().zip(&i.grades).for_each(|(s, t)| s.set(t.clone())));
        c.with_value(|v| v.iter().zip(&i.counts).for_each(|(s, t)| s.set(t.clone())));
        p.with_value(|v| v.iter().zip(&i.percents).for_each(|(s, t)| s.set(t.clone())));
        warn.set(i.warn_first_unpaid);
        rows.set(i.table.into_iter().map(new_row).collect());
        errors.set(Vec::new());
    };
    let save = move || {
        let lang = state.lang_untracked();
        match risk_from_input(lang, &typed()) {
            Err(list) => errors.set(list),
            // Only the risk settings change, on the ledger as it is stored now.
            Ok(r) => match state.commit(move |l| {
                l.settings.risk = r.clone();
                l.settings.risk.validate()
            }) {
                Ok(()) => {
                    errors.set(Vec::new());
                    state.success(lang.tr("Risico-instellingen opgeslagen.", "Risk settings saved.").into());
                }
                Err(e) => errors.set(vec![e.message(lang)]),
            },
        }
    };

    let defaults = RiskSettings::default();
    let grade_fields = GRADES
        .iter()
        .zip(&grades)
        .map(|(f, s)| text_field(f.label, *s, f.key, "", (f.get)(&defaults).to_string()))
        .collect_view();
    let count_fields = COUNTS
        .iter()
        .zip(&counts)
        .map(|(f, s)| text_field(f.label, *s, f.key, "numeric", (f.get)(&defaults).to_string()))
        .collect_view();
    let percent_fields = PERCENTS
        .iter()
        .zip(&percents)
        .map(|(f, s)| {
            let id = format!("f-{}", f.key);
            let (value, default) = (*s, (f.get)(&defaults));
            view! {
                <div class="field">
                    <label for=id.clone()>{tx(f.label.0, f.label.1)}</label>
                    <div class="input-suffix">
                        <input
                            id=id
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            data-testid=f.key
                            prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev))
                        />
                        <span>"%"</span>
                    </div>
                    <p class="hint">{tx("Standaard: ", "Default: ")}{move || decimal_text(state.lang(), default)}"%"</p>
                </div>
            }
        })
        .collect_view();
    let default_warn = if defaults.warn_first_invoice_unpaid { ("aan", "on") } else { ("uit", "off") };

    view! {
        <form
            novalidate
            data-testid="risk-form"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <h3>{tx("Betaalklassen", "Payment grades")}</h3>
            <p class="hint risk-intro">
                {tx(
                    "De klasse van een klant volgt uit het gemiddelde aantal dagen dat hij te laat betaalt, gewogen naar bedrag. Elke grens hoort minstens zo hoog te zijn als de vorige.",
                    "A customer's grade follows from the average number of days they pay late, weighted by amount. Each limit must be at least as high as the one before.",
                )}
            </p>
            <div class="form-grid">{grade_fields}</div>
            <h3>{tx("Waarschuwingssignalen", "Warning signals")}</h3>
            <p class="hint risk-intro">
                {tx(
                    "Een signaal gaat af zodra een klant deze grens haalt.",
                    "A signal goes off as soon as a customer reaches this threshold.",
                )}
            </p>
            <div class="form-grid">{count_fields}</div>
            <h3>{tx("Kredietcontrole", "Credit check")}</h3>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="risk-warn-first-unpaid"
                    prop:checked=move || warn.get()
                    on:change=move |ev| warn.set(event_target_checked(&ev))
                />
                <span>
                    {tx(
                        "Waarschuw bij een nieuwe order zolang de eerste factuur van de klant niet betaald is",
                        "Warn on a new order while the customer's first invoice is unpaid",
                    )}
                </span>
            </label>
            <p class="hint risk-intro">{tx("Standaard: ", "Default: ")}{tx(default_warn.0, default_warn.1)}</p>
            <div class="form-grid">{percent_fields}</div>
            <h3>{tx("Risicotabel", "Risk table")}</h3>
            <p class="hint risk-intro">
                {tx(
                    "Het risico per sector en land. Een sector past als de sector van de klant ermee begint (naam of SBI-code, hoofdletters tellen niet); leeg = elke sector of elk land. De meest specifieke regel telt; past er geen, dan is het risico gemiddeld.",
                    "The risk per sector and country. A sector matches when the customer's sector starts with it (name or SBI code, case does not matter); empty = any sector or country. The most specific row counts; when none matches, the risk is medium.",
                )}
            </p>
            <p class="hint risk-intro" data-testid="risk-table-default">
                {tx("Standaard: ", "Default: ")}{move || default_table_text(state.lang())}
            </p>
            <div class="table-wrap">
                <table class="data risk-table" data-testid="risk-table">
                    <thead>
                        <tr>
                            <th>{tx("Sector begint met", "Sector starts with")}</th>
                            <th>{tx("Land", "Country")}</th>
                            <th>{tx("Risico", "Risk")}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.key let:row>
                            <tr data-testid="risk-row">
                                <td>
                                    <input
                                        type="text"
                                        autocomplete="off"
                                        data-testid="risk-row-sector"
                                        aria-label=tx("Sector begint met", "Sector starts with")
                                        placeholder=tx("leeg = elke sector", "empty = any sector")
                                        prop:value=move || row.sector.get()
                                        on:input=move |ev| row.sector.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <input
                                        type="text"
                                        class="country-input"
                                        autocomplete="off"
                                        maxlength="2"
                                        data-testid="risk-row-country"
                                        aria-label=tx("Land (twee letters)", "Country (two letters)")
                                        placeholder=tx("elk land", "any")
                                        prop:value=move || row.country.get()
                                        on:input=move |ev| row.country.set(event_target_value(&ev))
                                    />
                                </td>
                                <td>
                                    <select
                                        data-testid="risk-row-level"
                                        aria-label=tx("Risico", "Risk")
                                        prop:value=move || row.level.get()
                                        on:change=move |ev| row.level.set(event_target_value(&ev))
                                    >
                                        {move || {
                                            let (lang, current) = (state.lang(), row.level.get());
                                            LEVELS
                                                .iter()
                                                .map(|(level, key)| {
                                                    let selected = *key == current;
                                                    view! { <option value=*key selected=selected>{lang.risk_level_name(*level)}</option> }
                                                })
                                                .collect_view()
                                        }}
                                    </select>
                                </td>
                                <td class="num">
                                    <button
                                        type="button"
                                        class="btn small danger"
                                        data-testid="risk-row-remove"
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
            {move || {
                rows.with(Vec::is_empty).then(|| {
                    view! {
                        <p class="hint" data-testid="risk-table-empty">
                            {tx("Geen regels: elke klant heeft gemiddeld risico.", "No rows: every customer has medium risk.")}
                        </p>
                    }
                })
            }}
            // Next to the save button, where the user is looking when a save is refused.
            {error_list(errors, "risk-error")}
            <div class="form-actions">
                <button
                    type="button"
                    class="btn small push-left"
                    data-testid="risk-row-add"
                    on:click=move |_| rows.update(|v| v.push(new_row(RowInput { level: "medium".into(), ..RowInput::default() })))
                >
                    {tx("+ Regel", "+ Row")}
                </button>
                <button type="button" class="btn" data-testid="risk-defaults" on:click=fill_defaults>
                    {tx("Standaardwaarden invullen", "Fill in the defaults")}
                </button>
                <button type="submit" class="btn primary" data-testid="risk-save">
                    {tx("Risico-instellingen opslaan", "Save risk settings")}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn custom() -> RiskSettings {
        RiskSettings {
            grade_a_max: -3,
            grade_b_max: 20,
            grade_c_max: 45,
            silent_attempts: 4,
            excuse_repeats: 3,
            excuse_window_days: 60,
            buying_less_percent: 100,
            broken_promises: 0,
            dispute_days: 45,
            extension_requests: 3,
            extension_window_days: 365,
            pattern_change_days: 7,
            score_drop: 10,
            score_floor: 30,
            round_payments: 3,
            warn_first_invoice_unpaid: false,
            limit_revenue_share: dec("12.5"),
            insured_share: dec("0"),
            table: vec![
                RiskRow { sector: "bouw".into(), country: "BE".into(), level: RiskLevel::Medium },
                RiskRow { sector: "6201".into(), country: String::new(), level: RiskLevel::Low },
            ],
        }
    }

    #[test]
    fn every_setting_has_one_field() {
        // The field tables cover every threshold once: setting each to a distinct value through
        // its field gives settings where every one of them differs from the defaults.
        let mut r = RiskSettings::default();
        for (n, f) in COUNTS.iter().enumerate() {
            (f.set)(&mut r, 1000 + n as u32);
            assert_eq!((f.get)(&r), 1000 + n as u32, "{}", f.key);
        }
        let d = RiskSettings::default();
        let changed = [
            r.silent_attempts != d.silent_attempts,
            r.excuse_repeats != d.excuse_repeats,
            r.excuse_window_days != d.excuse_window_days,
            r.buying_less_percent != d.buying_less_percent,
            r.broken_promises != d.broken_promises,
            r.dispute_days != d.dispute_days,
            r.extension_requests != d.extension_requests,
            r.extension_window_days != d.extension_window_days,
            r.pattern_change_days != d.pattern_change_days,
            r.score_drop != d.score_drop,
            r.score_floor != d.score_floor,
            r.round_payments != d.round_payments,
        ];
        assert!(changed.iter().all(|c| *c), "{changed:?}");
        let keys: std::collections::HashSet<&str> =
            GRADES.iter().map(|f| f.key).chain(COUNTS.iter().map(|f| f.key)).chain(PERCENTS.iter().map(|f| f.key)).collect();
        assert_eq!(keys.len(), GRADES.len() + COUNTS.len() + PERCENTS.len(), "test ids are unique");
    }

    #[test]
    fn stored_settings_round_trip_through_the_form() {
        for lang in [Lang::Nl, Lang::En] {
            for r in [RiskSettings::default(), custom()] {
                assert_eq!(risk_from_input(lang, &risk_input(lang, &r)), Ok(r.clone()), "{lang:?}");
            }
        }
        let shown = risk_input(Lang::Nl, &custom());
        assert_eq!(shown.percents, vec!["12,5".to_string(), "0".to_string()]);
        assert_eq!(shown.grades, vec!["-3".to_string(), "20".to_string(), "45".to_string()]);
        assert_eq!(shown.table[1], RowInput { sector: "6201".into(), country: String::new(), level: "low".into() });
        assert_eq!(risk_input(Lang::En, &custom()).percents[0], "12.5");
    }

    #[test]
    fn typed_values_are_tidied() {
        let mut i = risk_input(Lang::Nl, &RiskSettings::default());
        i.grades = vec![" 0".into(), "10 ".into(), "+20".into()];
        i.percents = vec!["33,3".into(), "90.0".into()];
        i.table = vec![RowInput { sector: "  Transport ".into(), country: " de".into(), level: "high".into() }];
        let r = risk_from_input(Lang::Nl, &i).unwrap();
        assert_eq!((r.grade_a_max, r.grade_b_max, r.grade_c_max), (0, 10, 20));
        assert_eq!((r.limit_revenue_share, r.insured_share), (dec("33.3"), dec("90.0")));
        assert_eq!(r.table, vec![RiskRow { sector: "Transport".into(), country: "DE".into(), level: RiskLevel::High }]);
        // An empty table is allowed: every customer is then medium.
        i.table.clear();
        assert_eq!(risk_from_input(Lang::Nl, &i).unwrap().table, vec![]);
    }

    #[test]
    fn every_problem_is_named_with_its_field() {
        let good = risk_input(Lang::Nl, &RiskSettings::default());
        let with = |f: &dyn Fn(&mut RiskInput)| {
            let mut i = good.clone();
            f(&mut i);
            i
        };
        let rows: Vec<(RiskInput, Lang, Vec<&str>)> = vec![
            (with(&|i| i.grades[1] = "tien".into()), Lang::Nl, vec!["Klasse B tot en met (dagen te laat): 'tien' is geen geheel aantal dagen."]),
            (with(&|i| i.grades[0] = "1.5".into()), Lang::En, vec!["Grade A up to (days late): '1.5' is not a whole number of days."]),
            (with(&|i| i.counts[0] = "-1".into()), Lang::Nl, vec!["Contactpogingen op rij zonder reactie: '-1' is geen geheel getal van 0 of meer."]),
            (with(&|i| i.counts[8] = "101".into()), Lang::En, vec!["Buying less: orders of the last 3 months below (% of the period before): '101' is not a whole number from 0 to 100."]),
            (with(&|i| i.counts[9] = "".into()), Lang::Nl, vec!["Geschil langer open dan (dagen): '' is geen geheel getal van 0 of meer."]),
            (with(&|i| i.percents[1] = "120".into()), Lang::Nl, vec!["Kredietverzekeraar vergoedt (deel van het verlies): '120' is geen percentage van 0 tot en met 100."]),
            (with(&|i| i.percents[0] = "kwart".into()), Lang::En, vec!["Limit advice: share of the expected yearly revenue a customer may owe: 'kwart' is not a percentage from 0 to 100."]),
            (
                with(&|i| i.table[1].country = "Nederland".into()),
                Lang::Nl,
                vec!["Risicotabel, regel 2: 'Nederland' is geen landcode van twee letters (zoals NL; leeg = elk land)."],
            ),
            (with(&|i| i.table[0].level = "".into()), Lang::En, vec!["Risk table, row 1: choose a risk."]),
            // Several at once: all of them, in the order of the form.
            (
                with(&|i| {
                    i.grades[2] = "x".into();
                    i.counts[1] = "y".into();
                    i.table[0].country = "N1".into();
                }),
                Lang::En,
                vec!["Grade C up to", "Broken promises to pay: 'y'", "Risk table, row 1: 'N1'"],
            ),
            // Readable but out of order: the rule of the settings, in the user's language.
            (
                with(&|i| i.grades = vec!["0".into(), "30".into(), "15".into()]),
                Lang::Nl,
                vec!["De grenzen van de betaalklassen moeten oplopen van A naar C"],
            ),
            (with(&|i| i.grades[0] = "16".into()), Lang::En, vec!["the grade thresholds must go up from A to C"]),
        ];
        for (input, lang, expected) in rows {
            let errors = risk_from_input(lang, &input).unwrap_err();
            assert_eq!(errors.len(), expected.len(), "{errors:?}");
            for (e, part) in errors.iter().zip(&expected) {
                assert!(e.starts_with(part), "{e:?} should start with {part:?}");
            }
        }
    }

    #[test]
    fn level_keys_and_the_default_table_as_text() {
        for level in RiskLevel::ALL {
            assert_eq!(level_from_key(level_key(level)), Some(level));
        }
        assert_eq!(level_from_key("very_high"), None);
        assert_eq!(
            default_table_text(Lang::Nl),
            "bouw: hoog · horeca: hoog · zorg: laag · overheid: laag · NL: gemiddeld · BE: gemiddeld"
        );
        assert!(default_table_text(Lang::En).starts_with("bouw: high · horeca: high · zorg: low"));
    }
}
