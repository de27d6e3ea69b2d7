//! The Leptos app: the shell (navigation, language switch, demo-clock badge), the pages, and
//! the glue to the browser (hash routes, storage events from other tabs).

pub mod components;
pub mod export;
pub mod pages;
pub mod route;
pub mod state;

use leptos::prelude::*;

use components::{tx, ConfirmDialog, ToastView};
use route::Route;
use state::{unreadable_detail, unreadable_message, use_state, AppState};

use crate::i18n::Lang;
use crate::storage::{PREFS_KEY, META_KEY};

/// Mounts the app on the page body.
pub fn mount() {
    register_service_worker();
    leptos::mount::mount_to_body(App);
}

/// Registers `sw.js` (src/web/sw.js, copied next to index.html), which keeps the app's files so
/// that it opens with no network after the first visit. Only where the browser allows service
/// workers (http on localhost, https); failing to register changes nothing else.
fn register_service_worker() {
    let Some(w) = web_sys::window() else { return };
    if !w.is_secure_context() {
        return;
    }
    let promise = w.navigator().service_worker().register("./sw.js");
    // Awaited so that a refusal (e.g. a private window) is handled here, not reported as an
    // unhandled rejection.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    state.route.set(Route::parse(&current_hash()));

    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::parse(&current_hash()));
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
    // Another tab saved: show its ledger (this tab's forms keep what the user typed).
    let on_storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        match ev.key().as_deref() {
            // While training, the own ledger is not shown: it is loaded when training ends.
            Some(META_KEY) if state.training.with_untracked(Option::is_some) => {}
            // Storage cleared by another tab: training ends there too.
            Some(crate::training::session::SESSION_KEY) => state.training_from_storage(),
            None if state.training.with_untracked(Option::is_some) => state.training_from_storage(),
            Some(META_KEY) | None if state.reload_from_storage() => {
                state.info(
                    state
                        .lang_untracked()
                        .tr("Bijgewerkt met wijzigingen uit een ander tabblad.", "Updated with changes from another tab.")
                        .into(),
                );
            }
            Some(PREFS_KEY) => state.prefs.set(crate::storage::load_prefs()),
            _ => {}
        }
    });
    on_cleanup(move || {
        on_hash.remove();
        on_storage.remove();
    });

    Effect::new(move |_| {
        let lang = state.lang();
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.set_attribute("lang", lang.code());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(lang.tr("Stipt — debiteurenbeheer", "Stipt — credit management"));
        }
    });
    // Large-font mode (presenting): the root font size, which every rem follows.
    Effect::new(move |_| {
        let large = state.prefs.with(|p| p.large_font);
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = el.class_list().toggle_with_force("large-font", large);
        }
    });

    view! {
        <div class="app" data-testid="app" data-lang=move || state.lang().code()>
            <Sidebar/>
            <div class="main-col">
                <TopBar/>
                <pages::training_shell::TrainingBanner/>
                <RecoveryBanner/>
                <main class="content" data-testid="content">
                    {move || pages::render(state.route.get())}
                </main>
            </div>
            <pages::training_shell::TourPanel/>
            <ConfirmDialog/>
            <ToastView/>
        </div>
    }
}

fn nav_items(lang: Lang) -> [(Route, &'static str, &'static str, &'static str); 11] {
    [
        (Route::Dashboard, lang.tr("Overzicht", "Overview"), "nav-dashboard", "M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10"),
        (Route::Today, lang.tr("Vandaag", "Today"), "nav-today", "M4 5h16v16H4zM4 9h16M8 3v4M16 3v4M8 14l2.5 2.5L16 12"),
        (Route::Customers, lang.tr("Klanten", "Customers"), "nav-customers", "M16 11a4 4 0 1 0-8 0M3 21a9 9 0 0 1 18 0M12 7a3 3 0 1 0 0-6"),
        (Route::Invoices, lang.tr("Facturen", "Invoices"), "nav-invoices", "M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8"),
        (Route::Payments, lang.tr("Betalingen", "Payments"), "nav-payments", "M2 6h20v12H2zM2 10h20M6 15h4"),
        (Route::Risk, lang.tr("Risico", "Risk"), "nav-risk", "M12 3l9 16H3zM12 10v4M12 17v.5"),
        (Route::Figures, lang.tr("Cijfers", "Figures"), "nav-figures", "M4 20V11M10 20V5M16 20v-7M21 20H3"),
        (Route::Market, lang.tr("Markt", "Market"), "nav-market", "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM12 12.5v-1"),
        (Route::Calculator, lang.tr("Rekenhulp", "Calculator"), "nav-calculator", "M6 2h12v20H6zM9 5h6v4H9zM9 13h1M14 13h1M9 17h1M14 17h1"),
        (Route::Import, lang.tr("Importeren", "Import"), "nav-import", "M12 3v12M7 10l5 5 5-5M4 17v4h16v-4"),
        (Route::Settings, lang.tr("Instellingen", "Settings"), "nav-settings", "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 9.5 4 9l-1 3 2 1v2l-2 1 1 3 2-.5 1.5 1.5-.5 2 3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z"),
    ]
}

#[component]
fn Sidebar() -> impl IntoView {
    let state = use_state();
    view! {
        <nav class="sidebar" aria-label=tx("Hoofdmenu", "Main menu")>
            <div class="sidebar-inner">
            <a class="brand" href="#/">
                <span class="logo" aria-hidden="true">"S"</span>
                <span class="brand-name">"Stipt"</span>
            </a>
            <ul>
                {move || {
                    let lang = state.lang();
                    let section = state.route.get().section();
                    nav_items(lang)
                        .into_iter()
                        .map(|(route, label, testid, icon)| {
                            let active = route == section;
                            // On a phone the market page is reached through the tab on the
                            // figures page, which stays lit there.
                            let phone_active = route == Route::Figures && section == Route::Market;
                            view! {
                                <li class:nav-wide-only=route == Route::Market>
                                    <a
                                        href=route.href()
                                        data-testid=testid
                                        class:active=active
                                        class:active-phone=phone_active
                                        aria-current=active.then_some("page")
                                    >
                                        <svg viewBox="0 0 24 24" class="nav-icon" aria-hidden="true">
                                            <path d=icon></path>
                                        </svg>
                                        <span>{label}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            </div>
        </nav>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let state = use_state();
    let set_lang = move |lang: Lang| state.set_prefs(|p| p.lang = lang);
    view! {
        <div class="topbar">
            <div class="topbar-left">
                <span class="company" data-testid="topbar-company">
                    {move || state.ledger.with(|l| l.company.name.clone())}
                </span>
                {move || {
                    state.demo_date().map(|d| {
                        let lang = state.lang();
                        // While training the date is the scenario's clock (see the banner).
                        let training = state.in_training();
                        let (href, label) = if training {
                            ("#/training", lang.tr("Trainingsdatum: ", "Training date: "))
                        } else {
                            ("#/settings", lang.tr("Demodatum: ", "Demo date: "))
                        };
                        view! {
                            <a class="badge demo" class:training=training href=href data-testid="demo-date" title=lang.tr("Demodatum actief", "Demo date active")>
                                <span class="hide-sm">{label}</span>
                                {lang.date(d)}
                            </a>
                        }
                    })
                }}
            </div>
            <div class="lang-switch" role="group" aria-label="Taal / Language">
                <button
                    data-testid="lang-nl"
                    class:active=move || state.lang() == Lang::Nl
                    aria-pressed=move || (state.lang() == Lang::Nl).to_string()
                    on:click=move |_| set_lang(Lang::Nl)
                >
                    "NL"
                </button>
                <button
                    data-testid="lang-en"
                    class:active=move || state.lang() == Lang::En
                    aria-pressed=move || (state.lang() == Lang::En).to_string()
                    on:click=move |_| set_lang(Lang::En)
                >
                    "EN"
                </button>
            </div>
        </div>
    }
}

/// Shown when the stored snapshot cannot be read: explains, offers the raw text, and only on an
/// explicit request throws it away.
#[component]
fn RecoveryBanner() -> impl IntoView {
    let state = use_state();
    move || {
        state.recovery.get().map(|u| {
            let lang = state.lang();
            let message = unreadable_message(lang, &u);
            let detail = unreadable_detail(&u);
            let download = move |_| {
                let text = state.raw_dump();
                let name = format!("stipt-opgeslagen-gegevens-{}.json", state.real_today());
                if let Err(e) = components::download(&name, "application/json", &text) {
                    state.error(e);
                }
            };
            let discard = move |_| {
                let lang = state.lang_untracked();
                state.ask(
                    lang.tr("Opgeslagen gegevens weggooien?", "Discard the stored data?").into(),
                    lang.tr(
                        "De onleesbare gegevens worden verwijderd en Stipt begint met een leeg grootboek. Download ze eerst als je ze wilt bewaren.",
                        "The unreadable data is removed and Stipt starts with an empty ledger. Download it first if you want to keep it.",
                    )
                    .into(),
                    lang.tr("Weggooien en leeg beginnen", "Discard and start empty").into(),
                    true,
                    move || state.discard_stored(),
                );
            };
            view! {
                <div class="recovery" role="alert" data-testid="recovery">
                    <h2>{lang.tr("Je gegevens zijn niet geladen", "Your data was not loaded")}</h2>
                    <p>{message}</p>
                    <p>
                        {lang.tr(
                            "Er is niets overschreven: de opgeslagen tekst staat er nog. Zolang deze melding er staat, slaat Stipt niets op. Download de gegevens om ze te bewaren of te laten herstellen, of zet een back-up terug via Instellingen.",
                            "Nothing was overwritten: the stored text is still there. While this message is shown, Stipt saves nothing. Download the data to keep it or have it repaired, or restore a backup in Settings.",
                        )}
                    </p>
                    <details class="tech">
                        <summary>{lang.tr("Technische details", "Technical details")}</summary>
                        <code data-testid="recovery-detail">{detail}</code>
                    </details>
                    <div class="actions">
                        <button class="btn primary" data-testid="recovery-download" on:click=download>
                            {lang.tr("Opgeslagen gegevens downloaden", "Download the stored data")}
                        </button>
                        <button class="btn danger" data-testid="recovery-discard" on:click=discard>
                            {lang.tr("Weggooien en leeg beginnen…", "Discard and start empty…")}
                        </button>
                    </div>
                </div>
            }
        })
    }
}
