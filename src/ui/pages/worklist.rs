//! "Vandaag": the dunning plan for today (or the demo clock's today), grouped by collector level
//! and channel, sorted by amount at risk. Each action opens its prepared text; "done" writes the
//! action and its exact text to the diary, "skip" asks for a reason, and the usual outcomes of a
//! call (promise, dispute, no answer) are one click. Letters print on their own page
//! (`LetterPage`); e-mails open in the mail program; the coming weeks export as an agenda file.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    Channel, CollectorLevel, ContactOutcome, CustomerId, Event, EventKind, Ledger, StepKind,
};
use crate::engine::dunning::{evaluate, plan, upcoming, Action, ActionKind, HeldReason};
use crate::engine::letter;
use crate::i18n::{dunning as texts, Lang};
use crate::ui::components::{download, tx, txs, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::{use_state, AppState};

/// The step whose text an action uses (a broken promise is followed up by a call).
fn text_kind(a: &Action) -> StepKind {
    match a.kind {
        ActionKind::Step(k) => k,
        ActionKind::PromiseBroken { .. } | ActionKind::ProofOfPayment { .. } => StepKind::Call,
    }
}

/// A short stable key of an action (customer and what), for the page's own state.
fn action_key(a: &Action) -> String {
    match a.kind {
        ActionKind::Step(k) => format!("{}-{}", a.customer.0, k.key()),
        ActionKind::PromiseBroken { promise, .. } => format!("{}-broken-{}", a.customer.0, promise.0),
        ActionKind::ProofOfPayment { promise } => format!("{}-proof-{}", a.customer.0, promise.0),
    }
}

/// The diary's step name of an action.
fn step_key(a: &Action) -> String {
    match a.kind {
        ActionKind::Step(k) => k.key().to_string(),
        ActionKind::PromiseBroken { .. } => "promise-broken".into(),
        ActionKind::ProofOfPayment { .. } => "proof-of-payment".into(),
    }
}

/// What the action is called.
fn action_title(lang: Lang, a: &Action) -> String {
    match a.kind {
        ActionKind::Step(k) => lang.step_kind(k).to_string(),
        ActionKind::PromiseBroken { .. } => lang.tr("Belofte niet nagekomen: bellen", "Promise broken: call").into(),
        ActionKind::ProofOfPayment { .. } => {
            lang.tr("Tweede belofte: vraag een kopie van de betaalopdracht", "Second promise: ask for a copy of the transfer").into()
        }
    }
}

/// The prepared message: (to, subject, body). Which text is used is decided by
/// `i18n::dunning::action_template`; a broken promise's script starts with what was promised.
pub fn message(lang: Lang, l: &Ledger, a: &Action, today: NaiveDate) -> (String, String, String) {
    let to = l.customer(a.customer).map(|c| c.email.clone()).unwrap_or_default();
    let invoices: Vec<_> = a.items.iter().map(|i| i.invoice).collect();
    let facts = letter::facts(l, a.customer, &invoices, today, a.deadline, a.announce_interest, a.announce_costs);
    let (subject, body) = texts::action_template(&l.settings.dunning, lang, a, &facts);
    let values = lang.letter_values(&facts, &l.company);
    let render = |t: &str| texts::render(t, &values).unwrap_or_else(|e| format!("{t}\n\n[{e}]"));
    let mut body = render(&body);
    if let crate::engine::dunning::ActionReason::PromiseBroken { made, promised, amount, paid, .. } = &a.reason {
        let promise = match lang {
            Lang::Nl => format!(
                "Belofte van {}: {} betalen uiterlijk {}. Ontvangen: {}.",
                lang.date(*made),
                lang.money(*amount),
                lang.date(*promised),
                lang.money(*paid)
            ),
            Lang::En => format!(
                "Promise of {}: to pay {} by {}. Received: {}.",
                lang.date(*made),
                lang.money(*amount),
                lang.date(*promised),
                lang.money(*paid)
            ),
        };
        body = format!("{promise}\n\n{body}");
    }
    (to, render(&subject), body)
}

/// Writes one diary entry per invoice of the action (or one for the customer).
fn record(state: AppState, a: &Action, kind: impl Fn() -> EventKind, note: String, today: NaiveDate) -> Result<(), String> {
    let lang = state.lang_untracked();
    let customer = a.customer;
    let invoices: Vec<_> = a.items.iter().map(|i| i.invoice).collect();
    state
        .commit(move |l| {
            if invoices.is_empty() {
                let mut e = Event::new(customer, None, today, kind());
                e.note = note.clone();
                l.add_event(e)?;
            }
            for inv in &invoices {
                let mut e = Event::new(customer, Some(*inv), today, kind());
                e.note = note.clone();
                l.add_event(e)?;
            }
            Ok(())
        })
        .map_err(|e| e.message(lang))
}

/// The customer's last diary entries and payments, newest first, as lines.
fn recent_history(lang: Lang, l: &Ledger, customer: CustomerId, today: NaiveDate) -> Vec<String> {
    let mut items: Vec<(NaiveDate, String)> = Vec::new();
    for e in l.events().filter(|e| e.customer == customer && e.date <= today) {
        let what = match &e.kind {
            EventKind::DunningDone { step, .. } => crate::engine::dunning::step_kind_of(step)
                .map_or_else(|| step.clone(), |k| lang.step_kind(k).to_string()),
            EventKind::Promise { amount, date } => format!("{} {} {}", lang.event_type(e.kind.event_type()), lang.eur(*amount), lang.date(*date)),
            EventKind::Contact { outcome, .. } => format!("{}: {}", lang.event_type(e.kind.event_type()), lang.outcome(*outcome)),
            k => lang.event_type(k.event_type()).to_string(),
        };
        let note = e.note.lines().next().unwrap_or("").chars().take(80).collect::<String>();
        items.push((e.date, if note.is_empty() { what } else { format!("{what} — {note}") }));
    }
    for p in l.payments().filter(|p| p.customer == customer && p.date <= today) {
        items.push((p.date, format!("{} {}", lang.tr("Betaling", "Payment"), lang.money(p.amount))));
    }
    crate::sort::by_key(&mut items, |(d, _)| std::cmp::Reverse(*d));
    items.into_iter().take(6).map(|(d, t)| format!("{}: {t}", lang.date(d))).collect()
}

/// One action: what, for whom, which invoices, and the buttons.
#[component]
fn ActionCard(action: Action) -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    let mode = RwSignal::new(None::<&'static str>);
    let reason = RwSignal::new(String::new());
    let promise_date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let a = StoredValue::new(action);
    let key = a.with_value(action_key);
    let done = move |_| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let (note, channel, step) = a.with_value(|a| {
            let text = state.ledger.with_untracked(|l| message(lang, l, a, today));
            (format!("{}\n\n{}", text.1, text.2), a.channel, step_key(a))
        });
        let result = a.with_value(|a| record(state, a, || EventKind::DunningDone { step: step.clone(), channel }, note.clone(), today));
        match result {
            Ok(()) => state.success(lang.tr("Vastgelegd in het dossier.", "Recorded in the diary.").into()),
            Err(e) => error.set(Some(e)),
        }
    };
    let confirm_mode = move |_| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let why = reason.get_untracked();
        let result = match mode.get_untracked() {
            Some("skip") => {
                if why.trim().is_empty() {
                    error.set(Some(lang.tr("Geef een reden op.", "Give a reason.").into()));
                    return;
                }
                let step = a.with_value(step_key);
                a.with_value(|a| record(state, a, || EventKind::DunningSkipped { step: step.clone() }, why.clone(), today))
            }
            Some("promise") => {
                let Ok(date) = NaiveDate::parse_from_str(&promise_date.get_untracked(), "%Y-%m-%d") else {
                    error.set(Some(lang.tr("Kies de beloofde betaaldatum.", "Choose the promised date.").into()));
                    return;
                };
                let amount = a.with_value(|a| a.at_risk);
                let customer = a.with_value(|a| a.customer);
                state
                    .commit(move |l| {
                        let mut e = Event::new(customer, None, today, EventKind::Promise { amount, date });
                        e.note = why.clone();
                        l.add_event(e).map(|_| ())
                    })
                    .map_err(|e| e.message(lang))
            }
            Some("dispute") => {
                if why.trim().is_empty() {
                    error.set(Some(lang.tr("Geef de reden van het geschil op.", "Give the reason of the dispute.").into()));
                    return;
                }
                a.with_value(|a| record(state, a, || EventKind::DisputeOpened { reason: why.clone() }, String::new(), today))
            }
            _ => Ok(()),
        };
        match result {
            Ok(()) => {
                mode.set(None);
                state.success(lang.tr("Vastgelegd in het dossier.", "Recorded in the diary.").into());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let no_answer = move |_| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let customer = a.with_value(|a| a.customer);
        let result = state
            .commit(move |l| {
                l.add_event(Event::new(customer, None, today, EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::NoAnswer }))
                    .map(|_| ())
            })
            .map_err(|e| e.message(lang));
        match result {
            Ok(()) => state.success(lang.tr("'Geen gehoor' vastgelegd.", "'No answer' recorded.").into()),
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <li class="action" data-testid="action" data-key=key>
            {move || {
                let lang = state.lang();
                let today = state.today();
                a.with_value(|a| {
                    let name = state.ledger.with(|l| l.customer(a.customer).map(|c| c.name.clone()).unwrap_or_default());
                    let items = a
                        .items
                        .iter()
                        .map(|i| format!("{} ({}, {})", i.number, lang.money(i.open), lang.days(i.days_overdue)))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let late = (today - a.due_on).num_days();
                    view! {
                        <div class="action-head">
                            <div>
                                <strong data-testid="action-title">{action_title(lang, a)}</strong>
                                " — "
                                <a href=Route::Customer(a.customer).href()>{name}</a>
                                <div class="cell-sub">{items}</div>
                                {(late > 0).then(|| view! {
                                    <div class="cell-sub text-bad">
                                        {match lang {
                                            Lang::Nl => format!("al {} open", lang.days(late)),
                                            Lang::En => format!("due for {}", lang.days(late)),
                                        }}
                                    </div>
                                })}
                            </div>
                            <div class="num action-amount">{lang.eur(a.at_risk)}</div>
                        </div>
                    }
                })
            }}
            <div class="actions">
                <button class="btn small" data-testid="action-open" on:click=move |_| open.update(|o| *o = !*o)>
                    {tx("Tekst", "Text")}
                </button>
                <button class="btn small primary" data-testid="action-done" on:click=done>{tx("Gedaan", "Done")}</button>
                <button class="btn small" data-testid="action-skip" on:click=move |_| mode.set(Some("skip"))>{tx("Overslaan", "Skip")}</button>
                <button class="btn small" data-testid="action-promise" on:click=move |_| {
                    promise_date.set((state.today_untracked() + Duration::days(7)).to_string());
                    mode.set(Some("promise"));
                }>{tx("Belofte", "Promise")}</button>
                <button class="btn small" data-testid="action-dispute" on:click=move |_| mode.set(Some("dispute"))>{tx("Geschil", "Dispute")}</button>
                <button class="btn small" data-testid="action-no-answer" on:click=no_answer>{tx("Geen gehoor", "No answer")}</button>
            </div>
            {move || mode.get().map(|m| {
                let lang = state.lang();
                let label = match m {
                    "skip" => lang.tr("Waarom overslaan?", "Why skip?"),
                    "promise" => lang.tr("Toelichting (optioneel)", "Note (optional)"),
                    _ => lang.tr("Reden van het geschil", "Reason of the dispute"),
                };
                view! {
                    <div class="action-form" data-testid="action-form">
                        {(m == "promise").then(|| view! {
                            <label class="field">
                                <span>{lang.tr("Belooft te betalen op", "Promises to pay on")}</span>
                                <input type="date" data-testid="action-promise-date" prop:value=move || promise_date.get() on:input=move |ev| promise_date.set(event_target_value(&ev))/>
                            </label>
                        })}
                        <label class="field">
                            <span>{label}</span>
                            <input type="text" data-testid="action-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </label>
                        <div class="actions">
                            <button class="btn small primary" data-testid="action-confirm" on:click=confirm_mode>{lang.tr("Vastleggen", "Record")}</button>
                            <button class="btn small" on:click=move |_| mode.set(None)>{lang.tr("Annuleren", "Cancel")}</button>
                        </div>
                    </div>
                }
            })}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="action-error">{e}</p> })}
            {move || open.get().then(|| {
                let lang = state.lang();
                let today = state.today();
                a.with_value(|a| {
                    let (to, subject, body) = state.ledger.with(|l| message(lang, l, a, today));
                    let mailto = (!to.is_empty() && matches!(a.channel, Channel::Email)).then(|| letter::mailto(&to, &subject, &body));
                    let letter_href = format!("#/letter/{}/{}", a.customer.0, text_kind(a).key());
                    // A call: the script and, beside it, what happened lately with this customer.
                    let history = matches!(a.channel, Channel::Phone | Channel::Visit).then(|| {
                        let lines = state.ledger.with(|l| recent_history(lang, l, a.customer, today));
                        let phone = state.ledger.with(|l| l.customer(a.customer).map(|c| c.phone.clone()).unwrap_or_default());
                        view! {
                            <div class="call-history" data-testid="call-history">
                                <p><strong>{lang.tr("Bellen: ", "Call: ")}</strong><a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p>
                                <p class="muted">{lang.tr("Laatste contact en betalingen:", "Latest contact and payments:")}</p>
                                <ul class="plain">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            </div>
                        }
                    });
                    view! {
                        <div class="action-text" data-testid="action-text">
                            {history}
                            <p><strong>{subject}</strong></p>
                            <pre class="letter-body">{body}</pre>
                            <div class="actions">
                                {mailto.map(|m| view! { <a class="btn small" href=m data-testid="action-mailto">{lang.tr("Open in e-mail", "Open in e-mail")}</a> })}
                                <a class="btn small" href=letter_href data-testid="action-letter">{lang.tr("Als brief afdrukken", "Print as a letter")}</a>
                            </div>
                        </div>
                    }
                })
            })}
        </li>
    }
}

#[component]
pub fn Worklist() -> impl IntoView {
    let state = use_state();
    let level = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let data = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| plan(l, today))
    });
    let export = move |_| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let text = state.ledger.with_untracked(|l| {
            let events: Vec<(NaiveDate, String, String)> = upcoming(l, today, 28)
                .iter()
                .map(|a| {
                    let name = l.customer(a.customer).map(|c| c.name.clone()).unwrap_or_default();
                    (a.due_on, format!("{}: {name}", action_title(lang, a)), format!("{} {}", lang.eur(a.at_risk), lang.channel(a.channel)))
                })
                .collect();
            letter::ics(&events)
        });
        if let Err(e) = download("stipt-agenda.ics", "text/calendar", &text) {
            state.error(e);
        }
    };
    view! {
        <div data-testid="worklist-page">
            <PageHeader
                title=txs("Vandaag", "Today")
                sub=txs(
                    "Wat er vandaag moet gebeuren, voor wie, hoe en met welke tekst — volgens het incassobeleid van elke klant.",
                    "What to do today, for whom, how and with which words — by each customer's dunning policy.",
                )
            >
                <crate::ui::export::ExportButtons what=crate::ui::export::Export::Worklist/>
                <button class="btn" data-testid="worklist-ics" on:click=export>{tx("Agenda (4 weken) .ics", "Agenda (4 weeks) .ics")}</button>
            </PageHeader>
            <div class="toolbar">
                <label class="field">
                    <span>{tx("Behandelaar", "Collector")}</span>
                    <select data-testid="worklist-level" on:change=move |ev| level.set(event_target_value(&ev))>
                        <option value="">{tx("Iedereen", "Everyone")}</option>
                        {[CollectorLevel::Junior, CollectorLevel::Senior, CollectorLevel::Owner]
                            .into_iter()
                            .map(|c| view! { <option value=format!("{c:?}")>{move || state.lang().collector(c)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{tx("Kanaal", "Channel")}</span>
                    <select data-testid="worklist-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                        <option value="">{tx("Alle", "All")}</option>
                        {Channel::ALL
                            .into_iter()
                            .map(|c| view! { <option value=format!("{c:?}")>{move || state.lang().channel(c)}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            {move || {
                let lang = state.lang();
                let lv = level.get();
                let ch = channel.get();
                data.with(|p| {
                    let shown: Vec<&Action> = p
                        .actions
                        .iter()
                        .filter(|a| lv.is_empty() || format!("{:?}", a.level) == lv)
                        .filter(|a| ch.is_empty() || format!("{:?}", a.channel) == ch)
                        .collect();
                    let total: Decimal = shown.iter().map(|a| a.at_risk).sum();
                    let mut groups: Vec<((CollectorLevel, Channel), Vec<Action>)> = Vec::new();
                    for a in shown {
                        let g = (a.level, a.channel);
                        match groups.iter_mut().find(|(k, _)| *k == g) {
                            Some((_, v)) => v.push(a.clone()),
                            None => groups.push((g, vec![a.clone()])),
                        }
                    }
                    crate::sort::by_key(&mut groups, |((level, _), v)| (std::cmp::Reverse(*level as u8), std::cmp::Reverse(v.iter().map(|a| a.at_risk).sum::<Decimal>())));
                    let summary = match lang {
                        Lang::Nl => format!("{} acties, samen {} te innen", groups.iter().map(|g| g.1.len()).sum::<usize>(), lang.eur(total)),
                        Lang::En => format!("{} actions, {} to collect", groups.iter().map(|g| g.1.len()).sum::<usize>(), lang.eur(total)),
                    };
                    let body = if groups.is_empty() {
                        view! { <section class="card"><p class="muted" data-testid="worklist-empty">{lang.tr("Niets te doen vandaag.", "Nothing to do today.")}</p></section> }.into_any()
                    } else {
                        groups
                            .into_iter()
                            .map(|((level, channel), actions)| {
                                view! {
                                    <section class="card" data-testid="action-group">
                                        <h2>{format!("{} · {}", lang.collector(level), lang.channel(channel))}</h2>
                                        <ul class="actions-list plain">
                                            {actions.into_iter().map(|a| view! { <ActionCard action=a/> }).collect_view()}
                                        </ul>
                                    </section>
                                }
                            })
                            .collect_view()
                            .into_any()
                    };
                    let held = (!p.held.is_empty()).then(|| {
                        state.ledger.with(|l| {
                            let rows = p
                                .held
                                .iter()
                                .map(|h| {
                                    let name = l.customer(h.customer).map(|c| c.name.clone()).unwrap_or_default();
                                    let why = match &h.reason {
                                        HeldReason::OnHold => lang.tr("on hold: geen gewone stappen", "on hold: no ordinary steps").to_string(),
                                        HeldReason::HandedOver => lang.tr("uit handen gegeven", "handed over").to_string(),
                                        HeldReason::Paused { until } => format!("{} {}", lang.tr("gepauzeerd tot en met", "paused until"), lang.date(*until)),
                                        HeldReason::Promise { until } => format!("{} {}", lang.tr("belofte tot", "promise until"), lang.date(*until)),
                                        HeldReason::Disputed { invoices } => format!("{} ({})", lang.tr("betwist", "disputed"), invoices.len()),
                                    };
                                    view! { <li><a href=Route::Customer(h.customer).href()>{name}</a><span class="muted">{why}</span></li> }
                                })
                                .collect_view();
                            view! {
                                <section class="card" data-testid="worklist-held">
                                    <h2>{lang.tr("Niet in de gewone run", "Not in the ordinary run")}</h2>
                                    <ul class="plain">{rows}</ul>
                                </section>
                            }
                        })
                    });
                    view! {
                        <p class="muted" data-testid="worklist-summary">{summary}</p>
                        {body}
                        {held}
                    }
                })
            }}
            <PolicyEvaluation/>
        </div>
    }
}

/// "Does our dunning policy still work?" (seed 004 #1): per step, how many invoices were paid
/// within 7 and 14 days after it, what came in, and the days to payment.
#[component]
fn PolicyEvaluation() -> impl IntoView {
    let state = use_state();
    let stats = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| evaluate(l, today))
    });
    view! {
        <section class="card" data-testid="policy-evaluation">
            <details>
                <summary><strong>{tx("Werkt ons beleid nog? Resultaat per stap", "Does our policy still work? Results per step")}</strong></summary>
                {move || {
                    let lang = state.lang();
                    stats.with(|rows| {
                        let rows = rows
                            .iter()
                            .filter(|r| r.actions > 0)
                            .map(|r| {
                                let pct = |n: usize| (n * 100).checked_div(r.invoices).map_or_else(|| "–".to_string(), |p| format!("{p}%"));
                                view! {
                                    <tr data-testid="evaluation-row">
                                        <td>{lang.step_kind(r.kind)}</td>
                                        <td class="num">{r.actions.to_string()}</td>
                                        <td class="num">{r.invoices.to_string()}</td>
                                        <td class="num">{pct(r.paid_within_7)}</td>
                                        <td class="num">{pct(r.paid_within_14)}</td>
                                        <td class="num">{lang.eur(r.collected)}</td>
                                        <td class="num">{r.avg_days_to_pay.map_or_else(|| "–".to_string(), |d| lang.number(d).trim_end_matches(",00").trim_end_matches(".00").to_string())}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class="hint">
                                {lang.tr(
                                    "Uit het dossier en de betalingen: per stap hoeveel facturen binnen 7 en 14 dagen daarna volledig betaald waren, wat er binnen 14 dagen binnenkwam en na hoeveel dagen gemiddeld betaald werd.",
                                    "From the diary and the payments: per step how many invoices were paid in full within 7 and 14 days after it, what came in within 14 days, and the average days to payment.",
                                )}
                            </p>
                            <div class="table-wrap">
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th>{lang.tr("Stap", "Step")}</th>
                                            <th class="num">{lang.tr("Keer", "Times")}</th>
                                            <th class="num">{lang.tr("Facturen", "Invoices")}</th>
                                            <th class="num">{lang.tr("Betaald ≤ 7 d", "Paid ≤ 7 d")}</th>
                                            <th class="num">{lang.tr("Betaald ≤ 14 d", "Paid ≤ 14 d")}</th>
                                            <th class="num">{lang.tr("Binnen 14 d ontvangen", "Received within 14 d")}</th>
                                            <th class="num">{lang.tr("Gem. dagen tot betaling", "Avg. days to payment")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                        }
                    })
                }}
            </details>
        </section>
    }
}

/// A letter on its own page, for printing: letterhead, address, date, subject, text.
#[component]
pub fn LetterPage(customer: CustomerId, step: StepKind) -> impl IntoView {
    let state = use_state();
    move || {
        let lang = state.lang();
        let today = state.today();
        state.ledger.with(|l| {
            let p = plan(l, today);
            let action = p.actions.iter().find(|a| a.customer == customer && text_kind(a) == step).cloned();
            let Some(a) = action else {
                return view! {
                    <div class="empty" data-testid="letter-missing">
                        <h1 data-testid="page-title">{lang.tr("Brief", "Letter")}</h1>
                        <p>{lang.tr("Deze actie staat vandaag niet (meer) op de werklijst.", "This action is not (or no longer) on today's worklist.")}</p>
                        <a class="btn" href="#/today">{lang.tr("Naar Vandaag", "Go to Today")}</a>
                    </div>
                }
                .into_any();
            };
            let (_, subject, body) = message(lang, l, &a, today);
            let company = l.company.clone();
            // A hand-over letter goes to the collection agency, every other letter to the customer.
            let agency = &l.settings.dunning.agency;
            let hand_over = step == StepKind::HandOver;
            let (name, contact, address) = if hand_over {
                (Some(agency.name.clone()).filter(|n| !n.trim().is_empty()), agency.contact.clone(), agency.address.clone())
            } else {
                let c = l.customer(customer);
                (c.map(|c| c.name.clone()), c.map(|c| c.contact_person.clone()).unwrap_or_default(), c.map(|c| c.address.clone()).unwrap_or_default())
            };
            let no_agency = (hand_over && name.is_none()).then(|| view! {
                <p class="notice warn no-print" data-testid="letter-no-agency">
                    {lang.tr(
                        "Er is nog geen incassobureau ingevuld: deze brief heeft geen geadresseerde. Vul het in bij ",
                        "No collection agency has been entered yet: this letter has no addressee. Enter it under ",
                    )}
                    <a href="#/settings">{lang.tr("Instellingen → Incassobeleid", "Settings → Dunning policy")}</a>
                    "."
                </p>
            });
            view! {
                <div class="letter-page" data-testid="letter-page">
                    <div class="letter-actions actions">
                        <h1 data-testid="page-title" class="letter-title">{lang.tr("Brief", "Letter")}</h1>
                        <a class="btn" href="#/today">{lang.tr("Terug", "Back")}</a>
                        <button class="btn primary" data-testid="letter-print" on:click=|_| {
                            if let Some(w) = web_sys::window() {
                                let _ = w.print();
                            }
                        }>{lang.tr("Afdrukken", "Print")}</button>
                    </div>
                    {no_agency}
                    <article class="letter-sheet">
                        <header class="letterhead">
                            <strong>{company.name.clone()}</strong>
                            <div>{company.address.one_line()}</div>
                            <div>{[company.email.clone(), company.phone.clone(), company.iban.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</div>
                        </header>
                        <div class="letter-address" data-testid="letter-address">
                            {name.map(|name| view! {
                                    <div>{name}</div>
                                    {(!contact.is_empty()).then(|| view! { <div>{format!("{} {}", lang.tr("t.a.v.", "attn."), contact)}</div> })}
                                    <div>{address.street.clone()}</div>
                                    <div>{format!("{} {}", address.postcode, address.city)}</div>
                                })}
                        </div>
                        <p class="letter-date">{format!("{}, {}", company.address.city, lang.long_date(today))}</p>
                        <p class="letter-subject"><strong>{subject}</strong></p>
                        <div class="letter-body" data-testid="letter-body">{body}</div>
                    </article>
                </div>
            }
            .into_any()
        })
    }
}
