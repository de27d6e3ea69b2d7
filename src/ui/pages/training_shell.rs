//! The parts of training mode that live in the shell, on every page: the banner (which scenario,
//! the clock, what shows today, summary, tour, large font, reset, leave) and the guided tour's
//! panel. The training page and the summary are in `training.rs`; the session itself in
//! `training::session` (pure) and `ui::state` (stored, shown).

use leptos::prelude::*;

use crate::domain::CustomerId;
use crate::i18n::Lang;
use crate::training::session::{Move, DEFAULT_SEED};
use crate::training::texts::{milestone_text, title, tour, TourStep};
use crate::training::{Expectation, Milestone};
use crate::ui::components::tx;
use crate::ui::route::Route;
use crate::ui::state::{navigate, use_state, AppState};

/// The screen where a milestone shows, and the words of the link to it.
pub(super) fn milestone_link(lang: Lang, e: &Expectation, customer: CustomerId) -> (Route, &'static str) {
    match e {
        Expectation::Signal(_) => (Route::Risk, lang.tr("Bekijk op het risico-overzicht", "See it on the risk overview")),
        Expectation::Action(_) | Expectation::BrokenPromiseCall | Expectation::ProofOfPayment => {
            (Route::Today, lang.tr("Bekijk op de werklijst", "See it on the worklist"))
        }
        Expectation::Claim { .. } => (Route::Customer(customer), lang.tr("Bekijk de vordering bij de klant", "See the claim on the customer's page")),
        Expectation::Phase(_) | Expectation::Paid => (Route::Customer(customer), lang.tr("Bekijk bij de klant", "See it on the customer's page")),
    }
}

/// Everything the banner shows, read once per change of the session.
#[derive(Clone)]
struct BannerData {
    scenario: crate::training::Scenario,
    day: i64,
    length: i64,
    date: chrono::NaiveDate,
    start: chrono::NaiveDate,
    customer: CustomerId,
    milestones: Vec<Milestone>,
    later: usize,
}

fn banner_data(state: AppState) -> Option<BannerData> {
    state.training.with_untracked(|t| {
        t.as_ref().map(|t| BannerData {
            scenario: t.session.scenario,
            day: t.session.day,
            length: t.sl.length_days,
            date: t.date(),
            start: t.sl.start,
            customer: t.sl.customer,
            milestones: t.sl.milestones.clone(),
            later: t.session.later(&t.sl),
        })
    })
}

/// Asks, then leaves training: the user's own ledger shows again, as it was stored.
pub(super) fn ask_leave(state: AppState) {
    let lang = state.lang_untracked();
    state.ask(
        lang.tr("Training verlaten?", "Leave training?").into(),
        lang.tr(
            "Je acties in dit scenario worden gewist. Je eigen grootboek komt terug, precies zoals het was: de training heeft er niets aan veranderd.",
            "Your actions in this scenario are cleared. Your own ledger comes back exactly as it was: training changed nothing in it.",
        )
        .into(),
        lang.tr("Training verlaten", "Leave training").into(),
        false,
        move || {
            state.tour.set(None);
            state.leave_training();
            navigate("#/");
            state.success(state.lang_untracked().tr("Terug in je eigen grootboek.", "Back in your own ledger.").into());
        },
    );
}

/// Asks, then starts the scenario again on day 0 without the trainee's entries.
fn ask_reset(state: AppState) {
    let lang = state.lang_untracked();
    state.ask(
        lang.tr("Scenario opnieuw beginnen?", "Start the scenario again?").into(),
        lang.tr(
            "De klok gaat terug naar dag 0 en je acties in dit scenario worden gewist.",
            "The clock goes back to day 0 and your actions in this scenario are cleared.",
        )
        .into(),
        lang.tr("Opnieuw beginnen", "Start again").into(),
        true,
        move || state.reset_training(),
    );
}

/// The training banner: shown while training, on every page.
#[component]
pub fn TrainingBanner() -> impl IntoView {
    let state = use_state();
    // Drawn again when what it shows changes, not at every diary entry.
    let key = Memo::new(move |_| {
        let t = state.training.with(|t| t.as_ref().map(|t| (t.session.scenario, t.session.day, t.session.later(&t.sl), t.date())));
        (t, state.lang(), state.prefs.with(|p| p.large_font), state.tour.with(Option::is_some))
    });
    move || {
        key.get().0?;
        let d = banner_data(state)?;
        Some(banner_view(state, d))
    }
}

fn banner_view(state: AppState, d: BannerData) -> impl IntoView {
    let lang = state.lang_untracked();
    let today: Vec<Milestone> = d.milestones.iter().filter(|m| m.day == d.day).copied().collect();
    let next = d.milestones.iter().find(|m| m.day > d.day).copied();
    let heading = match lang {
        Lang::Nl => format!("dag {} van {} · {}", d.day, d.length, lang.long_date(d.date)),
        Lang::En => format!("day {} of {} · {}", d.day, d.length, lang.long_date(d.date)),
    };
    let jump = move |text: String| {
        if let Ok(date) = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            state.move_clock(Move::To((date - d.start).num_days()));
        }
    };
    let clock_button = move |testid: &'static str, label: &'static str, aria: &'static str, m: Move, disabled: bool| {
        view! {
            <button type="button" class="btn small" data-testid=testid aria-label=aria title=aria disabled=disabled on:click=move |_| state.move_clock(m)>
                {label}
            </button>
        }
    };
    let at_start = d.day == 0;
    let at_end = d.day >= d.length;
    let large = state.prefs.with_untracked(|p| p.large_font);
    let touring = state.tour.with_untracked(Option::is_some);
    let markers = d
        .milestones
        .iter()
        .fold(Vec::<(i64, Vec<Milestone>)>::new(), |mut acc, m| {
            match acc.last_mut() {
                Some((day, ms)) if *day == m.day => ms.push(*m),
                _ => acc.push((m.day, vec![*m])),
            }
            acc
        })
        .into_iter()
        .map(|(day, ms)| {
            let left = if d.length > 0 { day as f64 * 100.0 / d.length as f64 } else { 0.0 };
            let label = ms.iter().map(|m| milestone_text(lang, d.scenario, m)).collect::<Vec<_>>().join("\n");
            view! {
                <button
                    type="button"
                    class="tb-marker"
                    class:past=day < d.day
                    class:now=day == d.day
                    style:left=format!("{left:.2}%")
                    title=label.clone()
                    aria-label=label
                    on:click=move |_| state.move_clock(Move::To(day))
                ></button>
            }
        })
        .collect_view();
    let progress = if d.length > 0 { d.day as f64 * 100.0 / d.length as f64 } else { 100.0 };
    view! {
        <section class="training-banner" data-testid="training-banner" aria-label=lang.tr("Trainingsmodus", "Training mode")>
            <div class="tb-head">
                <div class="tb-title">
                    <span class="tb-tag">{lang.tr("Training", "Training")}</span>
                    <p data-testid="training-title">
                        <strong>{format!("{}: {}", lang.tr("Trainingsmodus", "Training mode"), title(lang, d.scenario))}</strong>
                        <span class="tb-when" data-testid="training-day">{format!(" — {heading}")}</span>
                    </p>
                </div>
                <div class="tb-tools">
                    <a class="btn small" href=Route::TrainingSummary.href() data-testid="training-summary-link">{lang.tr("Samenvatting", "Summary")}</a>
                    <button type="button" class="btn small" data-testid="training-tour" aria-pressed=touring.to_string() on:click=move |_| {
                        if state.tour.with_untracked(Option::is_some) {
                            state.tour.set(None);
                        } else {
                            open_tour_step(state, 0);
                        }
                    }>{lang.tr("Rondleiding", "Guided tour")}</button>
                    <button type="button" class="btn small" data-testid="training-large-font" aria-pressed=large.to_string() class:on=large on:click=move |_| {
                        state.set_prefs(|p| p.large_font = !p.large_font);
                    }>
                        <span aria-hidden="true">"A+"</span>
                        <span class="hide-sm">{format!(" {}", lang.tr("Groot lettertype", "Large font"))}</span>
                    </button>
                    <button type="button" class="btn small" data-testid="training-reset" on:click=move |_| ask_reset(state)>{lang.tr("Opnieuw", "Restart")}</button>
                    <button type="button" class="btn small primary" data-testid="training-leave" on:click=move |_| ask_leave(state)>
                        <span class="hide-sm">{lang.tr("Training verlaten", "Leave training")}</span>
                        <span class="tb-short">{lang.tr("Verlaten", "Leave")}</span>
                    </button>
                </div>
            </div>
            <div class="tb-clock" role="group" aria-label=lang.tr("Klok van het scenario", "The scenario's clock")>
                <div class="tb-steps">
                    {clock_button("clock-back-week", "−7", lang.tr("Een week terug", "One week back"), Move::By(-7), at_start)}
                    {clock_button("clock-back-day", "−1", lang.tr("Een dag terug", "One day back"), Move::By(-1), at_start)}
                    {clock_button("clock-day", lang.tr("+1 dag", "+1 day"), lang.tr("Een dag verder", "One day forward"), Move::By(1), at_end)}
                    {clock_button("clock-week", lang.tr("+1 week", "+1 week"), lang.tr("Een week verder", "One week forward"), Move::By(7), at_end)}
                    {clock_button("clock-month", lang.tr("+1 maand", "+1 month"), lang.tr("Een maand (30 dagen) verder", "One month (30 days) forward"), Move::By(30), at_end)}
                </div>
                <div class="tb-track" data-testid="clock-track">
                    <div class="tb-progress" style:width=format!("{progress:.2}%")></div>
                    {markers}
                </div>
                <label class="tb-jump">
                    <span>{lang.tr("Ga naar", "Go to")}</span>
                    <input
                        type="date"
                        data-testid="clock-date"
                        min=d.start.format("%Y-%m-%d").to_string()
                        max=(d.start + chrono::Duration::days(d.length)).format("%Y-%m-%d").to_string()
                        prop:value=d.date.format("%Y-%m-%d").to_string()
                        on:change=move |ev| jump(event_target_value(&ev))
                    />
                </label>
            </div>
            {(!today.is_empty()).then(|| {
                let items = today
                    .iter()
                    .map(|m| {
                        let (route, link) = milestone_link(lang, &m.expect, d.customer);
                        view! {
                            <li data-testid="training-milestone">
                                <span>{milestone_text(lang, d.scenario, m)}</span>
                                " "
                                <a href=route.href() data-testid="training-milestone-link">{format!("{link} →")}</a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="tb-now" data-testid="training-now">
                        <h3>{lang.tr("Wat je nu ziet", "What you see now")}</h3>
                        <ul>{items}</ul>
                    </div>
                }
            })}
            <p class="tb-hint">
                {next.map(|m| {
                    let text = match lang {
                        Lang::Nl => format!("Volgende mijlpaal op dag {} (over {}).", m.day, lang.days(m.day - d.day)),
                        Lang::En => format!("Next milestone on day {} (in {}).", m.day, lang.days(m.day - d.day)),
                    };
                    view! {
                        <span data-testid="training-next">{text}</span>
                        " "
                        <button type="button" class="btn link" data-testid="training-next-go" on:click=move |_| state.move_clock(Move::To(m.day))>
                            {lang.tr("Ga erheen", "Go there")}
                        </button>
                    }
                })}
                {(next.is_none()).then(|| view! {
                    <span>{lang.tr("Dit was de laatste mijlpaal. Bekijk de samenvatting.", "That was the last milestone. Have a look at the summary.")}</span>
                })}
                {(d.later > 0).then(|| {
                    let n = d.later;
                    let text = match (lang, n == 1) {
                        (Lang::Nl, true) => " Eén actie van je is later gedateerd dan vandaag: bewaard, en weer zichtbaar zodra de klok die dag bereikt.".to_string(),
                        (Lang::Nl, false) => format!(" {n} acties van je zijn later gedateerd dan vandaag: bewaard, en weer zichtbaar zodra de klok die dag bereikt."),
                        (Lang::En, true) => " One of your actions is dated after today: kept, and shown again once the clock reaches that day.".to_string(),
                        (Lang::En, false) => format!(" {n} of your actions are dated after today: kept, and shown again once the clock reaches that day."),
                    };
                    view! { <span data-testid="training-later">{text}</span> }
                })}
            </p>
        </section>
    }
}

/// Opens the tour at step `k` and goes to its page.
pub(super) fn open_tour_step(state: AppState, k: usize) {
    let steps = tour();
    let k = k.min(steps.len().saturating_sub(1));
    state.tour.set(Some(k));
    if let Some(step) = steps.get(k) {
        navigate(step.route);
    }
}

/// Where a tour step's rule lives: the route, and the settings card to scroll to.
fn rule_target(step: &TourStep) -> (&'static str, Option<&'static str>) {
    let rule = step.rule(Lang::En);
    if rule.starts_with("Settings → Risk and signals") {
        ("#/settings", Some("risk-settings"))
    } else if rule.starts_with("Settings → Dunning policy") {
        ("#/settings", Some("dunning-settings"))
    } else if rule.starts_with("Settings → Statutory interest") {
        ("#/settings", Some("law-settings"))
    } else if rule.starts_with("Settings") {
        ("#/settings", None)
    } else {
        (step.route, None)
    }
}

/// Scrolls to the settings card of a rule once the settings page has been drawn.
fn scroll_to_card(testid: &'static str) {
    set_timeout(
        move || {
            let el = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!("[data-testid=\"{testid}\"]")).ok().flatten());
            if let Some(el) = el {
                el.scroll_into_view_with_bool(true);
            }
        },
        std::time::Duration::from_millis(120),
    );
}

/// The guided tour: the current step, its rule with a link, and the scenario to play there.
#[component]
pub fn TourPanel() -> impl IntoView {
    let state = use_state();
    move || {
        let k = state.tour.get()?;
        let steps = tour();
        let step = *steps.get(k)?;
        let lang = state.lang();
        let n = steps.len();
        let playing = state.training.with(|t| t.as_ref().map(|t| t.session.scenario));
        let (rule_href, card) = rule_target(&step);
        let play = step.scenario.filter(|s| playing != Some(*s)).map(|s| {
            let start = move |_| {
                let day0 = state.prefs.with_untracked(|p| p.today).unwrap_or_else(|| state.real_today());
                super::training::start(state, s, DEFAULT_SEED, day0, None);
            };
            view! {
                <button type="button" class="btn small" data-testid="tour-play" on:click=start>
                    {format!("{}: {}", lang.tr("Speel het scenario", "Play the scenario"), title(lang, s))}
                </button>
            }
        });
        let now_playing = step.scenario.filter(|s| playing == Some(*s)).map(|s| {
            view! { <p class="tp-playing">{format!("{} {}", lang.tr("Je speelt nu:", "Now playing:"), title(lang, s))}</p> }
        });
        Some(view! {
            <aside class="tour-panel" data-testid="tour-panel" aria-label=lang.tr("Rondleiding", "Guided tour")>
                <div class="tp-head">
                    <span class="tp-count" data-testid="tour-count">
                        {format!("{} · {} {} {} {n}", lang.tr("Rondleiding", "Guided tour"), lang.tr("stap", "step"), k + 1, lang.tr("van", "of"))}
                    </span>
                    <button type="button" class="tp-close" data-testid="tour-close" aria-label=lang.tr("Rondleiding sluiten", "Close the tour") on:click=move |_| state.tour.set(None)>"×"</button>
                </div>
                <span class="tp-phase">{lang.phase_name(step.phase)}</span>
                <h3 data-testid="tour-title">{step.title(lang)}</h3>
                <p class="tp-text">{step.text(lang)}</p>
                <p class="tp-rule">
                    <span class="muted">{lang.tr("De regel in Stipt: ", "The rule in Stipt: ")}</span>
                    <a href=rule_href data-testid="tour-rule" on:click=move |_| {
                        if let Some(card) = card {
                            scroll_to_card(card);
                        }
                    }>{step.rule(lang)}</a>
                </p>
                {now_playing}
                {play}
                <div class="tp-nav">
                    <button type="button" class="btn small" data-testid="tour-prev" disabled=k == 0 on:click=move |_| open_tour_step(state, k.saturating_sub(1))>
                        {format!("← {}", lang.tr("Vorige", "Previous"))}
                    </button>
                    {if k + 1 < n {
                        view! {
                            <button type="button" class="btn small primary" data-testid="tour-next" on:click=move |_| open_tour_step(state, k + 1)>
                                {format!("{} →", lang.tr("Volgende", "Next"))}
                            </button>
                        }
                        .into_any()
                    } else {
                        view! {
                            <button type="button" class="btn small primary" data-testid="tour-done" on:click=move |_| state.tour.set(None)>
                                {lang.tr("Klaar", "Done")}
                            </button>
                        }
                        .into_any()
                    }}
                </div>
            </aside>
        })
    }
}

/// The button that opens the tour (training page).
#[component]
pub(super) fn TourButton() -> impl IntoView {
    let state = use_state();
    view! {
        <button type="button" class="btn" data-testid="tour-open" on:click=move |_| open_tour_step(state, 0)>
            {tx("Rondleiding door de vijf fasen", "Guided tour of the five phases")}
        </button>
    }
}
