//! Training mode's pages: "Training" (`#/training`), the seven scenarios with their briefing, a
//! seed and a start date, and "Samenvatting" (`#/training/summary`), what the trainee collected and
//! did next to the textbook run. The banner and the tour are in `training_shell.rs`; where the
//! session is kept, and why the user's own ledger is never written, in `training::session`.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::training_shell::{ask_leave, TourButton};
use crate::domain::Ledger;
use crate::engine::dunning::ActionKind;
use crate::i18n::Lang;
use crate::training::session::{Move, Session, DEFAULT_SEED};
use crate::training::texts::{briefing, title};
use crate::training::{build, summary, ActionRecord, Outcome, Scenario, Summary};
use crate::ui::components::{tx, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::{navigate, use_state, AppState};

/// A seed as typed: digits only, else the default.
fn parse_seed(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(DEFAULT_SEED);
    }
    t.parse().ok()
}

/// Starts `scenario` (after a question when the trainee's actions in the current one would be
/// lost), then goes to `then` if given.
pub(super) fn start(state: AppState, scenario: Scenario, seed: u64, day0: NaiveDate, then: Option<Route>) {
    let go = move || {
        state.start_training(Session::new(scenario, seed, day0));
        if let Some(r) = then {
            navigate(&r.href());
        }
    };
    let busy = state.training.with_untracked(|t| t.as_ref().is_some_and(|t| !t.session.events.is_empty()));
    if busy {
        let lang = state.lang_untracked();
        state.ask(
            lang.tr("Nieuw scenario beginnen?", "Start a new scenario?").into(),
            lang.tr(
                "Je acties in het huidige scenario worden gewist. Je eigen grootboek blijft zoals het is.",
                "Your actions in the current scenario are cleared. Your own ledger stays as it is.",
            )
            .into(),
            lang.tr("Beginnen", "Start").into(),
            false,
            go,
        );
    } else {
        go();
    }
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let state = use_state();
    let seed = RwSignal::new(DEFAULT_SEED.to_string());
    let default_start = state.prefs.with_untracked(|p| p.today).unwrap_or_else(|| state.real_today());
    let start_date = RwSignal::new(default_start.format("%Y-%m-%d").to_string());
    let choice = move || {
        let lang = state.lang_untracked();
        let Some(seed) = parse_seed(&seed.get_untracked()) else {
            state.error(lang.tr("Het startgetal is een geheel getal (bijvoorbeeld 2026).", "The seed is a whole number (for example 2026).").into());
            return None;
        };
        let Ok(day0) = NaiveDate::parse_from_str(start_date.get_untracked().trim(), "%Y-%m-%d") else {
            state.error(lang.tr("Kies een startdatum.", "Choose a start date.").into());
            return None;
        };
        Some((seed, day0))
    };
    // Only the numbers the cards show; the scenario is built again when it starts.
    let facts: Vec<(Scenario, i64, usize)> = Scenario::ALL
        .into_iter()
        .map(|s| {
            let sl = build(s, DEFAULT_SEED, default_start);
            (s, sl.length_days, sl.milestones.len())
        })
        .collect();
    let cards = move || {
        let lang = state.lang();
        let playing = state.training.with(|t| t.as_ref().map(|t| t.session.scenario));
        facts
            .iter()
            .map(|&(s, length, milestones)| {
                let meta = match lang {
                    Lang::Nl => format!("{length} dagen · {milestones} mijlpalen"),
                    Lang::En => format!("{length} days · {milestones} milestones"),
                };
                let on = move |_| {
                    if let Some((seed, day0)) = choice() {
                        start(state, s, seed, day0, Some(Route::Today));
                    }
                };
                view! {
                    <article class="card tr-scenario" class:playing=playing == Some(s) data-testid="training-scenario" data-key=s.key()>
                        <h2>{title(lang, s)}</h2>
                        <p class="tr-meta">{meta}</p>
                        <p class="tr-briefing">{briefing(lang, s)}</p>
                        <div class="tr-start">
                            {(playing == Some(s)).then(|| view! { <span class="badge training">{lang.tr("Speelt nu", "Playing")}</span> })}
                            <button type="button" class="btn primary" data-testid="training-start" on:click=on>
                                {if playing == Some(s) { lang.tr("Opnieuw starten", "Start again") } else { lang.tr("Start", "Start") }}
                            </button>
                        </div>
                    </article>
                }
            })
            .collect_view()
    };
    view! {
        <div class="training-page" data-testid="training-page">
            <PageHeader
                title=move || state.lang().tr("Training", "Training").to_string()
                sub=move || {
                    state
                        .lang()
                        .tr(
                            "Zeven korte verhalen over één klant, met een klok die je zelf verzet. Zie de fasen, signalen en vorderingen veranderen en vergelijk je aanpak met het boekje.",
                            "Seven short stories about one customer, with a clock you move yourself. Watch phases, signals and claims change, and compare your approach with the textbook.",
                        )
                        .to_string()
                }
            >
                <TourButton/>
            </PageHeader>
            {move || {
                state.training.with(|t| t.as_ref().map(|t| (t.session.scenario, t.session.day, t.sl.length_days))).map(|(s, day, length)| {
                    let lang = state.lang();
                    let text = match lang {
                        Lang::Nl => format!("Je speelt {} — dag {day} van {length}.", title(lang, s)),
                        Lang::En => format!("You are playing {} — day {day} of {length}.", title(lang, s)),
                    };
                    view! {
                        <section class="card tr-current" data-testid="training-current">
                            <p><strong>{text}</strong></p>
                            <div class="actions">
                                <a class="btn primary" href=Route::Today.href()>{lang.tr("Verder naar de werklijst", "Continue on the worklist")}</a>
                                <a class="btn" href=Route::TrainingSummary.href()>{lang.tr("Samenvatting", "Summary")}</a>
                                <button type="button" class="btn" data-testid="training-current-leave" on:click=move |_| ask_leave(state)>
                                    {lang.tr("Training verlaten", "Leave training")}
                                </button>
                            </div>
                        </section>
                    }
                })
            }}
            <section class="card tr-how">
                <div class="tr-how-text">
                    <h2>{tx("Zo werkt het", "How it works")}</h2>
                    <ul>
                        <li>{tx("De training draait in een aparte werkruimte. Je eigen grootboek wordt niet gewijzigd en komt terug zodra je de training verlaat.", "Training runs in a separate workspace. Your own ledger is not changed and comes back as soon as you leave training.")}</li>
                        <li>{tx("Verzet de klok met de knoppen in de oranje balk: een dag, een week of een maand verder, terug, of naar een datum. De werklijst, fasen, signalen en vorderingen volgen.", "Move the clock with the buttons in the orange bar: a day, a week or a month forward, back, or to a date. The worklist, phases, signals and claims follow.")}</li>
                        <li>{tx("Werk zoals altijd: op de werklijst (gedaan, overslaan, belofte, geschil) en in het dossier. De klant reageert op wat je doet. De samenvatting zet je resultaat naast dat van het boekje.", "Work as usual: on the worklist (done, skip, promise, dispute) and in the diary. The customer responds to what you do. The summary puts your result next to the textbook's.")}</li>
                    </ul>
                </div>
                <div class="tr-how-fields">
                    <div class="field">
                        <label for="f-training-seed">{tx("Startgetal", "Seed")}</label>
                        <input id="f-training-seed" type="text" inputmode="numeric" data-testid="training-seed" prop:value=move || seed.get() on:input=move |ev| seed.set(event_target_value(&ev))/>
                        <p class="hint">{tx("Zelfde getal, zelfde namen en bedragen: handig als een groep tegelijk oefent.", "Same number, same names and amounts: handy when a group practises together.")}</p>
                    </div>
                    <div class="field">
                        <label for="f-training-start">{tx("Dag 0 van het verhaal", "Day 0 of the story")}</label>
                        <input id="f-training-start" type="date" data-testid="training-start-date" prop:value=move || start_date.get() on:input=move |ev| start_date.set(event_target_value(&ev))/>
                    </div>
                </div>
            </section>
            <div class="tr-scenarios">{cards}</div>
        </div>
    }
}

/// "Herinnering", "Belofte niet nagekomen: bellen", …
fn action_label(lang: Lang, k: ActionKind) -> &'static str {
    match k {
        ActionKind::Step(s) => lang.step_kind(s),
        ActionKind::PromiseBroken { .. } => lang.tr("Belofte niet nagekomen: bellen", "Promise broken: call"),
        ActionKind::ProofOfPayment { .. } => lang.tr("Kopie van de betaalopdracht vragen", "Ask for a copy of the transfer order"),
    }
}

fn day_text(lang: Lang, day: i64) -> String {
    format!("{} {day}", lang.tr("dag", "day"))
}

fn collect_text(lang: Lang, days: Option<i64>) -> String {
    match days {
        Some(d) => day_text(lang, d),
        None => lang.tr("nog niet alles binnen", "not all in yet").into(),
    }
}

fn invoice_number(l: &Ledger, r: &ActionRecord) -> String {
    r.invoice.and_then(|i| l.invoice(i)).map(|i| i.number.clone()).unwrap_or_else(|| "—".into())
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let state = use_state();
    // Computed when the session changes (a replay of every morning, twice).
    let data = Memo::new(move |_| {
        state.training.with(|t| {
            t.as_ref().map(|t| {
                let s: Summary = summary(&t.sl, &t.session.events, t.session.day);
                (t.session.scenario, t.session.day, t.sl.length_days, s)
            })
        })
    });
    move || {
        let lang = state.lang();
        let Some((scenario, day, length, s)) = data.get() else {
            return view! {
                <div class="empty" data-testid="training-summary-none">
                    <h1 data-testid="page-title">{lang.tr("Samenvatting van de training", "Training summary")}</h1>
                    <p>{lang.tr("Er loopt geen training. Kies een scenario om te beginnen.", "No training is running. Choose a scenario to start.")}</p>
                    <a class="btn primary" href=Route::Training.href()>{lang.tr("Naar de scenario's", "To the scenarios")}</a>
                </div>
            }
            .into_any();
        };
        let ledger = state.ledger.get();
        let sub = match lang {
            Lang::Nl => format!("{} · tot en met dag {day} van {length}", title(lang, scenario)),
            Lang::En => format!("{} · up to day {day} of {length}", title(lang, scenario)),
        };
        let tb: Outcome = s.textbook.clone();
        let row = |label: &'static str, mine: String, book: String, testid: &'static str| {
            view! {
                <tr data-testid=testid>
                    <th scope="row">{label}</th>
                    <td class="num" data-testid="mine">{mine}</td>
                    <td class="num" data-testid="textbook">{book}</td>
                </tr>
            }
        };
        let rows = view! {
            {row(lang.tr("Geïnd", "Collected"), lang.money(s.collected), lang.money(tb.collected), "summary-collected")}
            {row(lang.tr("Nog open", "Still open"), lang.money(s.open_left), lang.money(tb.open_left), "summary-open")}
            {row(lang.tr("Alles binnen op", "All in on"), collect_text(lang, s.days_to_collect), collect_text(lang, tb.days_to_collect), "summary-days")}
            {row(lang.tr("Acties gedaan", "Actions done"), s.actions_done.len().to_string(), tb.actions_done.to_string(), "summary-done-count")}
            {row(lang.tr("Acties gemist", "Actions missed"), s.actions_missed.len().to_string(), tb.actions_missed.to_string(), "summary-missed-count")}
        };
        let done_rows = s
            .actions_done
            .iter()
            .map(|r| {
                let when = match (r.done_on, r.skipped) {
                    (Some(d), true) => format!("{} ({})", day_text(lang, d), lang.tr("overgeslagen", "skipped")),
                    (Some(d), false) => day_text(lang, d),
                    (None, _) => "—".into(),
                };
                let late = r.done_on.is_some_and(|d| d > r.day);
                view! {
                    <tr data-testid="summary-done-row">
                        <td class="nowrap">{day_text(lang, r.day)}</td>
                        <td>{action_label(lang, r.kind)}</td>
                        <td class="nowrap">{invoice_number(&ledger, r)}</td>
                        <td class="nowrap" class:late=late>{when}</td>
                    </tr>
                }
            })
            .collect_view();
        let missed_rows = s
            .actions_missed
            .iter()
            .map(|r| {
                view! {
                    <tr data-testid="summary-missed-row">
                        <td class="nowrap">{day_text(lang, r.day)}</td>
                        <td>{action_label(lang, r.kind)}</td>
                        <td class="nowrap">{invoice_number(&ledger, r)}</td>
                    </tr>
                }
            })
            .collect_view();
        let head = |third: &'static str| {
            view! {
                <thead>
                    <tr>
                        <th>{lang.tr("Op de werklijst", "On the worklist")}</th>
                        <th>{lang.tr("Actie", "Action")}</th>
                        <th>{lang.tr("Factuur", "Invoice")}</th>
                        {(!third.is_empty()).then(|| view! { <th>{third}</th> })}
                    </tr>
                </thead>
            }
        };
        view! {
            <div class="training-summary" data-testid="training-summary">
                <PageHeader title=lang.tr("Samenvatting van de training", "Training summary").to_string() sub=sub>
                    <a class="btn" href=Route::Today.href()>{lang.tr("Naar de werklijst", "To the worklist")}</a>
                </PageHeader>
                {(day < length).then(|| view! {
                    <p class="notice tr-not-ended" data-testid="summary-not-ended">
                        {match lang {
                            Lang::Nl => format!("Het verhaal loopt tot dag {length}; dit is de stand op dag {day}. "),
                            Lang::En => format!("The story runs to day {length}; this is where it stands on day {day}. "),
                        }}
                        <button type="button" class="btn small" data-testid="summary-to-end" on:click=move |_| state.move_clock(Move::To(length))>
                            {lang.tr("Klok naar het einde", "Clock to the end")}
                        </button>
                    </p>
                })}
                <div class="tr-summary-grid">
                    <section class="card">
                        <h2>{lang.tr("Jij en het boekje", "You and the textbook")}</h2>
                        <div class="table-wrap">
                        <table class="data tr-compare" data-testid="summary-compare">
                            <thead>
                                <tr>
                                    <th></th>
                                    <th class="num">{lang.tr("Jij", "You")}</th>
                                    <th class="num">{lang.tr("Volgens het boekje", "Textbook")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                        </div>
                        <p class="hint">
                            {lang.tr(
                                "Het boekje opent elke ochtend de werklijst en doet elke actie op de dag dat hij verschijnt. De klant reageert op dezelfde manier op jou als op het boekje.",
                                "The textbook opens the worklist every morning and does every action on the day it appears. The customer responds to you the same way as to the textbook.",
                            )}
                        </p>
                    </section>
                    <section class="card" data-testid="summary-done">
                        <h2>{format!("{} ({})", lang.tr("Gedaan", "Done"), s.actions_done.len())}</h2>
                        {if s.actions_done.is_empty() {
                            view! { <p class="muted">{lang.tr("Nog geen acties van de werklijst vastgelegd.", "No worklist actions recorded yet.")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap">
                                    <table class="data">
                                        {head(lang.tr("Gedaan op", "Done on"))}
                                        <tbody>{done_rows}</tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }}
                    </section>
                </div>
                <section class="card" data-testid="summary-missed">
                    <h2>{format!("{} ({})", lang.tr("Gemist", "Missed"), s.actions_missed.len())}</h2>
                    {if s.actions_missed.is_empty() {
                        view! { <p class="muted">{lang.tr("Niets gemist: elke actie die aan de beurt was, is gedaan.", "Nothing missed: every action that was due has been done.")}</p> }.into_any()
                    } else {
                        view! {
                            <p class="hint">
                                {lang.tr(
                                    "Acties die op de werklijst stonden en niet gedaan zijn: nog open, of ingehaald door de volgende stap terwijl de factuur openstond.",
                                    "Actions that were on the worklist and not done: still open, or overtaken by the next step while the invoice was open.",
                                )}
                            </p>
                            <div class="table-wrap">
                                <table class="data">
                                    {head("")}
                                    <tbody>{missed_rows}</tbody>
                                </table>
                            </div>
                        }
                        .into_any()
                    }}
                </section>
            </div>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds() {
        let rows = [("", Some(DEFAULT_SEED)), (" 42 ", Some(42)), ("18446744073709551615", Some(u64::MAX)), ("-1", None), ("x", None), ("1.5", None)];
        for (text, want) in rows {
            assert_eq!(parse_seed(text), want, "{text:?}");
        }
    }
}
