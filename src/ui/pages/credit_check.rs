//! The credit check for a new prospect (seed 000, acceptance phase): a few facts typed during a
//! sales call give the decision, the advised limit and every reason at once; the prospect can
//! then be saved as a customer in the acceptance phase, with the score and the decision in the
//! diary.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{parse_amount, Country, Customer, CustomerId, CustomerKind, Event, EventKind, ScoreEntry};
use crate::engine::risk::credit::{credit_check, CreditInput, CreditResult, Decision};
use crate::i18n::Lang;
use crate::ui::components::{txs, Field, PageHeader, Select};
use crate::ui::route::Route;
use crate::ui::state::use_state;

/// The prospect form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProspectText {
    pub name: String,
    pub kind: String,
    pub country: String,
    pub sector: String,
    pub score: String,
    pub revenue: String,
    pub requested: String,
    pub insured: String,
}

fn amount(lang: Lang, label: &str, s: &str, errors: &mut Vec<String>) -> Decimal {
    if s.trim().is_empty() {
        return Decimal::ZERO;
    }
    match parse_amount(s) {
        Ok(a) if a >= Decimal::ZERO => a,
        _ => {
            errors.push(match lang {
                Lang::Nl => format!("{label}: '{}' is geen bedrag.", s.trim()),
                Lang::En => format!("{label}: '{}' is not an amount.", s.trim()),
            });
            Decimal::ZERO
        }
    }
}

/// The credit-check input for a prospect, or every problem with the form.
///
/// # Errors
/// One message per bad field, in the user's language.
pub fn prospect_input(lang: Lang, t: &ProspectText, settings: &crate::domain::RiskSettings, currency: crate::domain::Currency) -> Result<CreditInput, Vec<String>> {
    let mut errors = Vec::new();
    let score = if t.score.trim().is_empty() {
        None
    } else {
        match t.score.trim().parse::<u8>() {
            Ok(s) if s <= 100 => Some(s),
            _ => {
                errors.push(lang.tr("Externe score: een getal van 0 tot 100.", "External score: a number from 0 to 100.").to_string());
                None
            }
        }
    };
    let revenue = amount(lang, lang.tr("Verwachte jaaromzet", "Expected yearly revenue"), &t.revenue, &mut errors);
    let requested = amount(lang, lang.tr("Gevraagd krediet / order", "Credit asked / order"), &t.requested, &mut errors);
    let insured = if t.insured.trim().is_empty() {
        None
    } else {
        Some(amount(lang, lang.tr("Verzekerde limiet", "Insured limit"), &t.insured, &mut errors))
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let country = Country::from_code(&t.country);
    Ok(CreditInput {
        external_score: score,
        risk_level: settings.level(&t.sector, country.code()),
        requested,
        expected_yearly_revenue: revenue,
        insured_limit: insured,
        currency,
        ..CreditInput::default()
    })
}

/// The decision as a coloured badge class.
pub fn decision_class(d: &Decision) -> &'static str {
    match d {
        Decision::Accept => "badge ok",
        Decision::AcceptUpTo(_) => "badge info",
        Decision::PrepaymentOnly => "badge warn",
        Decision::Hold => "badge bad",
    }
}

#[component]
pub fn CreditCheck() -> impl IntoView {
    let state = use_state();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new("business".to_string());
    let country = RwSignal::new("NL".to_string());
    let sector = RwSignal::new(String::new());
    let score = RwSignal::new(String::new());
    let revenue = RwSignal::new(String::new());
    let requested = RwSignal::new(String::new());
    let insured = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let text = move || ProspectText {
        name: name.get(),
        kind: kind.get(),
        country: country.get(),
        sector: sector.get(),
        score: score.get(),
        revenue: revenue.get(),
        requested: requested.get(),
        insured: insured.get(),
    };
    let result = Memo::new(move |_| {
        let lang = state.lang();
        let today = state.today();
        let t = text();
        // Nothing to decide on yet: no decision rather than a misleading "accept, limit 0".
        if t.revenue.trim().is_empty() && t.requested.trim().is_empty() {
            return Err(Vec::new());
        }
        state.ledger.with(|l| {
            prospect_input(lang, &t, &l.settings.risk, l.settings.currency)
                .map(|input| (credit_check(&input, &l.settings.risk, today), input))
        })
    });

    let save = move |_| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let t = text();
        if t.name.trim().is_empty() {
            error.set(Some(lang.tr("Vul de naam van de prospect in.", "Enter the prospect's name.").into()));
            return;
        }
        let Ok((check, input)) = result.get_untracked() else { return };
        let created = Arc::new(Mutex::new(CustomerId(0)));
        let slot = created.clone();
        let outcome = state.commit(move |l| {
            let mut c = Customer::new(l.suggest_customer_number(), t.name.trim());
            c.kind = if t.kind == "consumer" { CustomerKind::Consumer } else { CustomerKind::Business };
            c.country = Country::from_code(&t.country);
            c.sector = t.sector.trim().to_string();
            c.payment_term_days = l.settings.default_term_days;
            c.flags.insured_limit = input.insured_limit;
            if let Some(s) = input.external_score {
                c.scores.push(ScoreEntry::new(today, s, lang.tr("kredietcheck", "credit check"))?);
            }
            match check.decision {
                Decision::PrepaymentOnly => c.flags.prepayment_required = true,
                Decision::Hold => c.flags.on_hold = true,
                Decision::Accept | Decision::AcceptUpTo(_) => {}
            }
            let id = l.add_customer(c)?;
            // The decision in the diary: who, when, why; it also sets the limit.
            let limit = match check.decision {
                Decision::Accept | Decision::AcceptUpTo(_) => Some(check.limit_used),
                Decision::PrepaymentOnly | Decision::Hold => None,
            };
            let mut e = Event::new(id, None, today, EventKind::LimitSet { limit, by: lang.tr("Kredietcheck", "Credit check").into() });
            e.note = format!("{}: {}", lang.tr("Kredietcheck", "Credit check"), lang.decision(&check.decision, check.currency));
            l.set_limit(e)?;
            if let Ok(mut s) = slot.lock() {
                *s = id;
            }
            Ok(())
        });
        match outcome {
            Ok(()) => {
                let id = created.lock().map(|g| *g).unwrap_or(CustomerId(0));
                state.success(lang.tr("Prospect opgeslagen als klant in de acceptatiefase.", "Prospect saved as a customer in the acceptance phase.").into());
                state.go(Route::Customer(id));
            }
            Err(e) => error.set(Some(e.message(lang))),
        }
    };

    view! {
        <div data-testid="credit-check-page">
            <PageHeader
                title=txs("Kredietcheck voor een nieuwe klant", "Credit check for a new customer")
                sub=txs(
                    "Tijdens het verkoopgesprek: een paar gegevens, en je weet of je op rekening kunt leveren, tot welk bedrag, en waarom.",
                    "During the sales call: a few facts, and you know whether to deliver on credit, up to what amount, and why.",
                )
            />
            <div class="split">
                <section class="card" data-testid="credit-result">
                    {move || {
                        let lang = state.lang();
                        result.with(|r| match r {
                            Err(errors) if errors.is_empty() => view! {
                                <h2>{lang.tr("Uitkomst", "Result")}</h2>
                                <p class="muted" data-testid="credit-waiting">
                                    {lang.tr(
                                        "Vul de verwachte jaaromzet en het gevraagde bedrag in; de uitkomst verschijnt terwijl je typt.",
                                        "Enter the expected yearly revenue and the amount asked; the result appears as you type.",
                                    )}
                                </p>
                            }
                            .into_any(),
                            Err(errors) => view! {
                                <ul class="form-error" data-testid="credit-errors">
                                    {errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                                </ul>
                            }
                            .into_any(),
                            Ok((check, _)) => result_view(lang, check).into_any(),
                        })
                    }}
                    {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="credit-save-error">{e}</p> })}
                    <div class="form-actions">
                        <button class="btn primary" data-testid="credit-save" on:click=save disabled=move || result.with(Result::is_err)>
                            {move || state.lang().tr("Opslaan als klant", "Save as customer")}
                        </button>
                    </div>
                </section>
                <aside>
                    <section class="card">
                        <h2>{move || state.lang().tr("De prospect", "The prospect")}</h2>
                        <Field label=txs("Naam", "Name") value=name testid="cc-name" required=true/>
                        <Select
                            label=txs("Soort", "Kind")
                            value=kind
                            options=Signal::derive(move || {
                                let l = state.lang();
                                vec![("business".into(), l.customer_kind(CustomerKind::Business).into()), ("consumer".into(), l.customer_kind(CustomerKind::Consumer).into())]
                            })
                            testid="cc-kind"
                        />
                        <Field label=txs("Land (NL, BE, …)", "Country (NL, BE, …)") value=country testid="cc-country"/>
                        <Field label=txs("Branche", "Sector") value=sector testid="cc-sector" hint=txs("Bepaalt het risiconiveau (tabel in Instellingen).", "Sets the risk level (table in Settings).")/>
                        <Field label=txs("Externe score (0-100)", "External score (0-100)") value=score testid="cc-score" input_type="number" hint=txs("Van Graydon, Creditsafe of je kredietverzekeraar; leeg = onbekend.", "From Graydon, Creditsafe or your credit insurer; empty = unknown.")/>
                        <Field label=txs("Verwachte jaaromzet", "Expected yearly revenue") value=revenue testid="cc-revenue"/>
                        <Field label=txs("Gevraagd krediet / eerste order", "Credit asked / first order") value=requested testid="cc-requested"/>
                        <Field label=txs("Verzekerde limiet (optioneel)", "Insured limit (optional)") value=insured testid="cc-insured"/>
                    </section>
                </aside>
            </div>
        </div>
    }
}

/// The decision, the reasons and the limit formula.
pub fn result_view(lang: Lang, check: &CreditResult) -> impl IntoView {
    view! {
        <h2>{lang.tr("Uitkomst", "Result")}</h2>
        <p class="decision">
            <span class=decision_class(&check.decision) data-testid="credit-decision">{lang.decision(&check.decision, check.currency)}</span>
        </p>
        <p data-testid="credit-limit">
            {lang.tr("Geadviseerde limiet: ", "Advised limit: ")}
            <strong>{lang.amount(check.limit.amount, check.currency)}</strong>
        </p>
        <h3 class="claim-head">{lang.tr("Waarom", "Why")}</h3>
        <ul class="reasons" data-testid="credit-reasons">
            {check.reasons.iter().map(|r| view! { <li>{lang.credit_reason(r, check.currency)}</li> }).collect_view()}
        </ul>
        <h3 class="claim-head">{lang.tr("Zo is de limiet berekend", "How the limit is worked out")}</h3>
        <ol class="steps" data-testid="credit-steps">
            {check.limit.steps.iter().map(|s| view! { <li>{lang.limit_step(s, check.currency)}</li> }).collect_view()}
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Currency, RiskSettings};

    #[test]
    fn the_form_becomes_an_input() {
        let s = RiskSettings::default();
        let t = ProspectText {
            name: "Bouwbedrijf Jansen".into(),
            kind: "business".into(),
            country: "NL".into(),
            sector: "Bouw".into(),
            score: "72".into(),
            revenue: "40000".into(),
            requested: "5000".into(),
            insured: String::new(),
        };
        let i = prospect_input(Lang::Nl, &t, &s, Currency::EUR).unwrap();
        assert_eq!(i.external_score, Some(72));
        assert_eq!(i.risk_level, crate::domain::RiskLevel::High);
        assert_eq!(i.expected_yearly_revenue, Decimal::from(40_000));
        assert_eq!(i.requested, Decimal::from(5000));
        assert_eq!(i.grade, None);
        let bad = ProspectText { score: "120".into(), revenue: "veel".into(), ..t };
        let errors = prospect_input(Lang::Nl, &bad, &s, Currency::EUR).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].contains("'veel' is geen bedrag"));
    }
}
