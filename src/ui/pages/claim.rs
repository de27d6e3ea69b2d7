//! The claim: what the law lets the user charge on overdue invoices as of a date — principal,
//! interest per period, costs or compensation, total — with every line explained and the whole
//! as text for a letter. Shown on a customer, on an invoice, and in the standalone calculator.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::{CustomerId, InvoiceId};
use crate::engine::law::{self, ledger::Left, LawError, Line, Statement};
use crate::i18n::Lang;
use crate::ui::components::tx;
use crate::ui::route::Route;
use crate::ui::state::{use_state, AppState};

/// The explanation lines as a table.
fn lines_table(lang: Lang, lines: &[Line], testid: &'static str) -> impl IntoView {
    let rows = lines
        .iter()
        .map(|l| {
            let t = lang.law_line(l);
            view! {
                <tr data-testid="law-line">
                    <td>{t.what}<div class="cell-sub law-source">{t.source}</div></td>
                    <td class="nowrap">{t.period}</td>
                    <td class="num">{t.days}</td>
                    <td class="num">{t.rate}</td>
                    <td class="num">{t.base}</td>
                    <td class="num">{t.amount}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data law-lines" data-testid=testid>
                <thead>
                    <tr>
                        <th>{lang.tr("Wat en grondslag", "What and source")}</th>
                        <th>{lang.tr("Periode", "Period")}</th>
                        <th class="num">{lang.tr("Dagen", "Days")}</th>
                        <th class="num">{lang.tr("Rente", "Rate")}</th>
                        <th class="num">{lang.tr("Over", "Base")}</th>
                        <th class="num">{lang.tr("Bedrag", "Amount")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A computed statement: the totals, the condition on costs, the lines per claim and the costs,
/// and the text for a letter.
pub fn statement_view(lang: Lang, s: &Statement, debtor: &str) -> impl IntoView {
    let kpi = |label: &'static str, amount, testid: &'static str, class: &'static str| {
        view! {
            <div class=format!("kpi {class}")>
                <div class="label">{label}</div>
                <div class="value" data-testid=testid>{lang.eur(amount)}</div>
            </div>
        }
    };
    // With several invoices each is a summary line that opens to its explanation.
    let single = s.claims.len() == 1;
    let claims = s
        .claims
        .iter()
        .map(|c| {
            let head = match lang {
                Lang::Nl => format!(
                    "Factuur {} — hoofdsom {}, vervallen {}, open {}, rente {}",
                    c.label,
                    lang.eur(c.principal),
                    lang.date(c.due),
                    lang.eur(c.principal_open),
                    lang.eur(c.interest_open)
                ),
                Lang::En => format!(
                    "Invoice {} — principal {}, due {}, open {}, interest {}",
                    c.label,
                    lang.eur(c.principal),
                    lang.date(c.due),
                    lang.eur(c.principal_open),
                    lang.eur(c.interest_open)
                ),
            };
            let body = if c.lines.is_empty() {
                view! { <p class="muted">{lang.tr("Geen rente over deze periode.", "No interest over this period.")}</p> }
                    .into_any()
            } else {
                lines_table(lang, &c.lines, "claim-lines").into_any()
            };
            view! {
                <details class="claim-item" open=single data-testid="claim-item">
                    <summary class="claim-head">{head}</summary>
                    {body}
                </details>
            }
        })
        .collect_view();
    let condition = s.condition.map(|c| {
        let met = matches!(c.state, law::NoticeState::Met { .. });
        view! {
            <p class=if met { "notice" } else { "notice warn" } data-testid="claim-condition">{lang.costs_condition(&c)}</p>
        }
    });
    let costs_title = if s.costs_date.is_some() {
        lang.tr("Incassokosten en vergoedingen", "Collection costs and compensation")
    } else {
        lang.tr("Incassokosten zodra de voorwaarde is vervuld", "Collection costs once the condition is met")
    };
    let costs = (!s.costs_lines.is_empty()).then(|| {
        view! {
            <h3 class="claim-head">{costs_title}</h3>
            {lines_table(lang, &s.costs_lines, "claim-costs")}
        }
    });
    let state = use_state();
    let text = lang.statement_text(s, debtor);
    let text_for_copy = text.clone();
    view! {
        <div class="claim" data-testid="claim">
            <p class="muted claim-rules" data-testid="claim-rules">
                {lang.regime(s.regime)}" · "{lang.interest_rule(s.rule)}
            </p>
            <div class="kpis">
                {kpi(lang.tr("Hoofdsom open", "Principal open"), s.principal_open(), "claim-principal", "")}
                {kpi(lang.tr("Rente", "Interest"), s.interest_open(), "claim-interest", "")}
                {kpi(lang.tr("Kosten", "Costs"), s.costs_open, "claim-costs-total", "")}
                {kpi(lang.tr("Totaal verschuldigd", "Total due"), s.total(), "claim-total", "accent")}
            </div>
            {condition}
            {claims}
            {costs}
            <details class="claim-text">
                <summary>{lang.tr("Tekst voor een brief of e-mail", "Text for a letter or e-mail")}</summary>
                <textarea readonly rows="12" data-testid="claim-text">{text}</textarea>
                <div class="actions">
                    <button
                        class="btn small"
                        data-testid="claim-copy"
                        on:click=move |_| copy_text(state, lang, text_for_copy.clone())
                    >
                        {lang.tr("Kopiëren", "Copy")}
                    </button>
                </div>
            </details>
            <p class="hint">
                {lang.tr(
                    "Bedragen afgerond op centen (half van nul af); de berekening zelf rekent onafgerond. Rente per dag = grondslag × rentepercentage ÷ dagen in het rentejaar.",
                    "Amounts rounded to cents (half away from zero); the computation itself is unrounded. Interest per day = base × rate ÷ days in the interest year.",
                )}
            </p>
        </div>
    }
}

/// Puts `text` on the clipboard and says so.
fn copy_text(state: AppState, lang: Lang, text: String) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else { return };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => state.success(lang.tr("Gekopieerd.", "Copied.").to_string()),
            Err(_) => state.error(
                lang.tr(
                    "Kopiëren lukte niet; selecteer de tekst en kopieer met Ctrl+C.",
                    "Could not copy; select the text and press Ctrl+C.",
                )
                .to_string(),
            ),
        }
    });
}

/// An error of the computation, with the way to fix it.
pub fn law_error_view(lang: Lang, e: &LawError) -> impl IntoView {
    view! {
        <div class="form-error" role="alert" data-testid="claim-error">
            <p>{lang.law_error(e)}</p>
            <a href=Route::Settings.href()>{lang.tr("Naar de rentetabellen", "Go to the rate tables")}</a>
        </div>
    }
}

/// The claim panel of a customer (all overdue invoices) or of one invoice.
#[component]
pub fn ClaimPanel(customer: CustomerId, #[prop(optional)] invoice: Option<InvoiceId>) -> impl IntoView {
    let state = use_state();
    let as_of = RwSignal::new(String::new());
    let date = move || as_of.with(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).unwrap_or_else(|| state.today());
    let result = Memo::new(move |_| {
        let on = date();
        state.ledger.with(|l| {
            let lc = law::ledger::customer_case(l, customer, on, invoice)?;
            let name = l.customer(customer).map(|c| c.name.clone()).unwrap_or_default();
            let numbers = |ids: &[(InvoiceId, Left)]| {
                ids.iter()
                    .map(|(id, why)| (l.invoice(*id).map(|i| i.number.clone()).unwrap_or_default(), *why))
                    .collect::<Vec<_>>()
            };
            let left = numbers(&lc.left_out);
            let empty = lc.case.claims.is_empty();
            Some((law::compute(&lc.case, &l.settings.law), name, left, empty))
        })
    });
    view! {
        <section class="card" data-testid="claim-panel">
            <div class="card-head">
                <h2>{tx("Vordering: rente en kosten", "Claim: interest and costs")}</h2>
                <div class="field inline-field">
                    <label for="claim-as-of">{tx("Per datum", "As of")}</label>
                    <input
                        id="claim-as-of"
                        type="date"
                        data-testid="claim-as-of"
                        prop:value=move || date().format("%Y-%m-%d").to_string()
                        on:input=move |ev| as_of.set(event_target_value(&ev))
                    />
                </div>
            </div>
            {move || {
                let lang = state.lang();
                result.with(|r| {
                    let Some((res, name, left, empty)) = r else { return ().into_any() };
                    let left_view = (!left.is_empty()).then(|| {
                        let items = left
                            .iter()
                            .map(|(n, why)| {
                                let reason = match why {
                                    Left::Currency => lang.tr(
                                        "niet in euro: de wettelijke bedragen zijn in euro",
                                        "not in euros: the statutory amounts are in euros",
                                    ),
                                    Left::Disputed => lang.tr(
                                        "betwist: eerst het geschil oplossen",
                                        "disputed: settle the dispute first",
                                    ),
                                };
                                view! { <li>{format!("{n}: {reason}")}</li> }
                            })
                            .collect_view();
                        view! {
                            <div class="notice" data-testid="claim-left-out">
                                {lang.tr("Niet meegerekend:", "Not included:")}
                                <ul class="plain">{items}</ul>
                            </div>
                        }
                    });
                    if *empty {
                        return view! {
                            {left_view}
                            <p class="muted" data-testid="claim-empty">
                                {lang.tr(
                                    "Op deze datum staat er niets te laat open.",
                                    "Nothing is overdue on this date.",
                                )}
                            </p>
                        }
                        .into_any();
                    }
                    match res {
                        Ok(s) => view! { {left_view} {statement_view(lang, s, name)} }.into_any(),
                        Err(e) => view! { {left_view} {law_error_view(lang, e)} }.into_any(),
                    }
                })
            }}
        </section>
    }
}
