//! Risk: the overview of all customers (phases, grades, open warning signals with their
//! evidence), the risk panel on a customer's page (phase and checklist, grade and its history,
//! signals, credit check and limit advice), and the grade history chart.

use std::collections::HashMap;

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::domain::{CustomerId, Ledger};
use crate::engine::risk::behaviour::{all_behaviour, behaviour, grade_history, Behaviour, HistoryPoint};
use crate::engine::risk::credit::{credit_check, hand_over_summary, insurer_claim, CreditInput, Decision};
use crate::engine::risk::phase::{checklist, phase, phases, Phase, PhaseInfo};
use crate::engine::risk::signals::{all_signals, signals, Severity, Signal};
use crate::engine::risk::Grade;
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::use_state;

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::High => "badge bad",
        Severity::Medium => "badge warn",
        Severity::Low => "badge info",
    }
}

fn grade_class(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::A) => "grade grade-a",
        Some(Grade::B) => "grade grade-b",
        Some(Grade::C) => "grade grade-c",
        Some(Grade::D) => "grade grade-d",
        None => "grade grade-none",
    }
}

/// One signal as a list item: title, customer, dates, and the evidence in sentences.
fn signal_item(lang: Lang, s: &Signal, ledger: &Ledger, with_customer: bool) -> impl IntoView {
    let name = ledger.customer(s.customer).map(|c| c.name.clone()).unwrap_or_default();
    let evidence = lang.signal_evidence(s, ledger);
    let seen = match lang {
        Lang::Nl => format!("gezien sinds {}", lang.date(s.first_seen)),
        Lang::En => format!("seen since {}", lang.date(s.first_seen)),
    };
    view! {
        <li class="signal" data-testid="signal" data-kind=format!("{:?}", s.kind)>
            <details>
                <summary>
                    <span class=severity_class(s.severity)>{lang.severity(s.severity)}</span>
                    " "
                    <strong>{lang.signal_kind(s.kind)}</strong>
                    {with_customer.then(|| view! {
                        " — "
                        <a href=Route::Customer(s.customer).href()>{name}</a>
                    })}
                    <span class="muted">" · "{seen}</span>
                    {(!s.at_risk.is_zero()).then(|| view! {
                        <span class="muted">" · "{lang.eur(s.at_risk)}" "{lang.tr("te laat", "overdue")}</span>
                    })}
                </summary>
                <ul class="evidence" data-testid="signal-evidence">
                    {evidence.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            </details>
        </li>
    }
}

#[component]
pub fn RiskOverview() -> impl IntoView {
    let state = use_state();
    let data = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| {
            let settings = &l.settings.risk;
            let ph: HashMap<CustomerId, PhaseInfo> = phases(l, today);
            let be: HashMap<CustomerId, Behaviour> = all_behaviour(l, today, settings);
            let sig = all_signals(l, today, settings);
            let balances = l.balances();
            let mut open: HashMap<CustomerId, Decimal> = HashMap::new();
            for inv in l.invoices().filter(|i| !i.is_credit_note() && i.amount.currency == l.settings.currency) {
                if let Some(b) = balances.get(&inv.id) {
                    *open.entry(inv.customer).or_default() += b.open();
                }
            }
            let per_phase: Vec<(Phase, usize, Decimal)> = Phase::ALL
                .iter()
                .map(|p| {
                    let ids: Vec<&CustomerId> = ph.iter().filter(|(_, i)| i.phase == *p).map(|(c, _)| c).collect();
                    (*p, ids.len(), ids.iter().map(|c| open.get(c).copied().unwrap_or_default()).sum())
                })
                .collect();
            let mut grades = [0usize; 5];
            for c in l.customers() {
                let g = be.get(&c.id).and_then(|b| b.grade);
                grades[g.map_or(4, |g| g as usize)] += 1;
            }
            (per_phase, grades, sig)
        })
    });
    view! {
        <div data-testid="risk-page">
            <PageHeader
                title=txs("Risico", "Risk")
                sub=txs(
                    "In welke fase elke klant zit, hoe ze betalen, en de signalen dat het misgaat — met het bewijs.",
                    "Which phase each customer is in, how they pay, and the signals that something is going wrong — with the evidence.",
                )
            >
                <crate::ui::export::ExportButtons what=crate::ui::export::Export::Signals/>
                <a class="btn primary" href=Route::CreditCheck.href() data-testid="risk-credit-check">
                    {tx("Kredietcheck nieuwe klant", "Credit check for a new customer")}
                </a>
            </PageHeader>
            {move || {
                let lang = state.lang();
                data.with(|(per_phase, grades, _)| {
                    let phases = per_phase
                        .iter()
                        .map(|(p, n, amount)| {
                            view! {
                                <div class="kpi" data-testid=format!("phase-{p:?}").to_lowercase()>
                                    <div class="label">{lang.phase_name(*p)}</div>
                                    <div class="value">{n.to_string()}</div>
                                    <div class="note">{lang.eur(*amount)}" "{lang.tr("open", "open")}</div>
                                </div>
                            }
                        })
                        .collect_view();
                    let total: usize = grades.iter().sum::<usize>().max(1);
                    let labels = ["A", "B", "C", "D", "–"];
                    let bars = grades
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let g = Grade::ALL.get(i).copied();
                            let pct = n * 100 / total;
                            view! {
                                <div class="grade-bar-row" data-testid="grade-count">
                                    <span class=grade_class(g)>{labels[i]}</span>
                                    <div class="grade-bar"><div class="grade-fill" style:width=format!("{pct}%")></div></div>
                                    <span class="num">{n.to_string()}</span>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="kpis kpis-5">{phases}</div>
                        <section class="card">
                            <h2>{lang.tr("Betaalgedrag", "Payment behaviour")}</h2>
                            <p class="hint">
                                {lang.tr(
                                    "Cijfer naar het gemiddeld aantal dagen te laat, gewogen naar bedrag (grenzen in Instellingen). – = nog geen betaalgegevens.",
                                    "Grade by the average days late, weighted by amount (thresholds in Settings). – = no payment data yet.",
                                )}
                            </p>
                            <div class="grade-bars">{bars}</div>
                        </section>
                    }
                })
            }}
            <section class="card" data-testid="risk-signals">
                <h2>{tx("Signalen", "Signals")}</h2>
                {move || {
                    let lang = state.lang();
                    data.with(|(_, _, sig)| {
                        if sig.is_empty() {
                            return view! { <p class="muted">{lang.tr("Geen open signalen.", "No open signals.")}</p> }.into_any();
                        }
                        state.ledger.with(|l| {
                            view! {
                                <ul class="signals plain">
                                    {sig.iter().map(|s| signal_item(lang, s, l, true)).collect_view()}
                                </ul>
                            }
                            .into_any()
                        })
                    })
                }}
            </section>
        </div>
    }
}

/// A small line chart of the weighted delay per month, with the grade of each month.
fn history_chart(lang: Lang, points: &[HistoryPoint]) -> impl IntoView {
    let w = 280.0_f64;
    let h = 80.0_f64;
    let values: Vec<Option<f64>> =
        points.iter().map(|p| p.delay.and_then(|d| d.to_f64())).collect();
    let max = values.iter().flatten().fold(30.0_f64, |m, v| m.max(*v));
    let min = values.iter().flatten().fold(0.0_f64, |m, v| m.min(*v));
    let n = points.len().max(2) as f64;
    let x = |i: usize| 4.0 + (w - 8.0) * i as f64 / (n - 1.0);
    let y = |v: f64| 6.0 + (h - 16.0) * (1.0 - (v - min) / (max - min).max(1.0));
    let mut path = String::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            path.push_str(&format!("{}{:.1},{:.1} ", if path.is_empty() { "M" } else { "L" }, x(i), y(*v)));
        }
    }
    let zero = y(0.0);
    let dots = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let v = values[i]?;
            let class = format!("dot {}", grade_class(p.grade));
            Some(view! { <circle cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(v)) r="3" class=class></circle> })
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| {
            let d = p.delay.and_then(|d| d.round().to_i64()).map_or_else(|| "–".to_string(), |d| lang.days(d));
            view! {
                <tr>
                    <td>{lang.date(p.month_end)}</td>
                    <td>{p.grade.map_or("–", Grade::letter)}</td>
                    <td class="num">{d}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="history">
            <svg
                viewBox=format!("0 0 {w} {h}")
                class="history-chart"
                role="img"
                aria-label=lang.tr("Dagen te laat per maand", "Days late per month")
                data-testid="grade-history"
            >
                <line x1="0" x2=w.to_string() y1=format!("{zero:.1}") y2=format!("{zero:.1}") class="axis"></line>
                <path d=path class="line"></path>
                {dots}
            </svg>
            <figcaption class="hint">
                {lang.tr("Gewogen dagen te laat aan het eind van elke maand (stip = cijfer).", "Weighted days late at each month end (dot = grade).")}
            </figcaption>
            <table class="sr-only">
                <caption>{lang.tr("Betaalgedrag per maand", "Payment behaviour per month")}</caption>
                <tbody>{rows}</tbody>
            </table>
        </figure>
    }
}

/// The risk panel on a customer's page.
#[component]
pub fn RiskPanel(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let data = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| {
            let settings = &l.settings.risk;
            let ph = phase(l, id, today)?;
            let be = behaviour(l, id, today, settings);
            let history = grade_history(l, id, today, settings, 12);
            let sig = signals(l, id, today, settings);
            let input = CreditInput::from_ledger(l, id, today, be.grade, be.delay, Decimal::ZERO)?;
            let credit = credit_check(&input, settings, today);
            // In management and collection: what a hand-over would be today, and what the credit
            // insurer would pay on the principal.
            let collection = matches!(ph.phase, Phase::Management | Phase::Collection)
                .then(|| {
                    let summary = hand_over_summary(l, id, today, &l.settings.law)?.ok()?;
                    let insured = l.customer(id)?.flags.insured_limit;
                    let claim = insured.map(|limit| insurer_claim(summary.principal, Some(limit), settings.insured_share));
                    Some((summary.principal, summary.interest, summary.costs, summary.total, claim))
                })
                .flatten();
            Some((ph, be, history, sig, credit, collection))
        })
    });
    move || {
        let lang = state.lang();
        data.with(|d| {
            let Some((ph, be, history, sig, credit, collection)) = d else { return ().into_any() };
            let items = checklist(ph.phase).iter().map(|i| view! { <li>{lang.checklist_item(*i)}</li> }).collect_view();
            let reasons = credit.reasons.iter().map(|r| view! { <li>{lang.credit_reason(r, credit.currency)}</li> }).collect_view();
            let steps = credit.limit.steps.iter().map(|s| view! { <li>{lang.limit_step(s, credit.currency)}</li> }).collect_view();
            let decision_class = match credit.decision {
                Decision::Accept => "badge ok",
                Decision::AcceptUpTo(_) => "badge info",
                Decision::PrepaymentOnly => "badge warn",
                Decision::Hold => "badge bad",
            };
            state.ledger.with(|l| {
                view! {
                    <section class="card risk-panel" data-testid="risk-panel">
                        <h2>{lang.tr("Risico", "Risk")}</h2>
                        <div class="phase-line">
                            <span class="badge phase" data-testid="customer-phase">{lang.phase_name(ph.phase)}</span>
                            <span class="muted">{lang.phase_since(ph.since)}</span>
                        </div>
                        <p data-testid="phase-reason">{lang.phase_reason(&ph.reason, l)}</p>
                        <details>
                            <summary>{lang.tr("Wat te doen in deze fase", "What to do in this phase")}</summary>
                            <ul class="checklist">{items}</ul>
                        </details>
                        <h3 class="claim-head">{lang.tr("Betaalgedrag", "Payment behaviour")}</h3>
                        <div class="grade-line">
                            <span class=grade_class(be.grade) data-testid="customer-grade">{be.grade.map_or("–", Grade::letter)}</span>
                            <span>{lang.behaviour_summary(be)}</span>
                        </div>
                        <p class="muted">{lang.behaviour_trend(&be.trend)}</p>
                        {history_chart(lang, history)}
                        <h3 class="claim-head">{lang.tr("Signalen", "Signals")}</h3>
                        {if sig.is_empty() {
                            view! { <p class="muted">{lang.tr("Geen signalen.", "No signals.")}</p> }.into_any()
                        } else {
                            view! { <ul class="signals plain">{sig.iter().map(|s| signal_item(lang, s, l, false)).collect_view()}</ul> }.into_any()
                        }}
                        <h3 class="claim-head">{lang.tr("Kredietcheck", "Credit check")}</h3>
                        <p>
                            <span class=decision_class data-testid="credit-decision">{lang.decision(&credit.decision, credit.currency)}</span>
                        </p>
                        <ul class="reasons">{reasons}</ul>
                        <details>
                            <summary>{lang.tr("Hoe de limiet is berekend", "How the limit was worked out")}</summary>
                            <ol class="steps">{steps}</ol>
                        </details>
                        {collection.map(|(principal, interest, costs, total, claim)| {
                            let c = l.settings.currency;
                            view! {
                                <h3 class="claim-head">{lang.tr("Bij overdracht aan incasso vandaag", "If handed over for collection today")}</h3>
                                <dl class="facts" data-testid="hand-over">
                                    <dt>{lang.tr("Hoofdsom", "Principal")}</dt><dd class="num">{lang.amount(principal, c)}</dd>
                                    <dt>{lang.tr("Rente", "Interest")}</dt><dd class="num">{lang.amount(interest, c)}</dd>
                                    <dt>{lang.tr("Kosten", "Costs")}</dt><dd class="num">{lang.amount(costs, c)}</dd>
                                    <dt>{lang.tr("Totaal", "Total")}</dt><dd class="num"><strong>{lang.amount(total, c)}</strong></dd>
                                </dl>
                                {claim.map(|cl| view! { <p class="hint" data-testid="insurer-claim">{lang.insurer_claim(&cl, c)}</p> })}
                                <p class="hint">
                                    {lang.tr(
                                        "Leg de overdracht vast als dossierregel 'Uit handen gegeven' met bureau en bedrag.",
                                        "Record the hand-over as a diary entry 'Handed over' with agency and amount.",
                                    )}
                                </p>
                            }
                        })}
                    </section>
                }
                .into_any()
            })
        })
    }
}
