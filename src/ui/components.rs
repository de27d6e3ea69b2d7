//! Small building blocks shared by the pages: form fields, badges, amounts, empty states,
//! the confirmation dialog and the toast.

use leptos::prelude::*;

use crate::domain::{InvoiceStatus, Money};
use crate::i18n::Lang;

use super::state::{use_state, ToastKind};

/// Reactive text in the user's language: `{tx("Klanten", "Customers")}`. Every call site shares
/// this one closure type, so the view code for reactive text is compiled once rather than once
/// per text — with hundreds of texts that is a large part of the wasm.
pub fn tx(nl: &'static str, en: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let prefs = use_state().prefs;
    move || prefs.with(|p| p.lang).tr(nl, en)
}

/// Like [`tx`], as a `Signal<String>` for component props.
pub fn txs(nl: &'static str, en: &'static str) -> Signal<String> {
    let t = tx(nl, en);
    Signal::derive(move || t().to_string())
}

/// The error list of a form (`role="alert"`, test id `testid`), while there are errors.
pub fn error_list(errors: RwSignal<Vec<String>>, testid: &'static str) -> impl IntoView {
    move || {
        errors.with(|list| {
            (!list.is_empty()).then(|| {
                let items = list.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view();
                view! {
                    <div class="form-error" role="alert" data-testid=testid>
                        <ul class="error-list">{items}</ul>
                    </div>
                }
            })
        })
    }
}

/// A form field's problem, "Label: 'text' is not …", in the user's language; `label` is the
/// field's (Dutch, English) label, `nl_what`/`en_what` what the text is not.
pub fn field_error(lang: Lang, label: (&str, &str), text: &str, nl_what: &str, en_what: &str) -> String {
    match lang {
        Lang::Nl => format!("{}: '{}' is {nl_what}.", label.0, text.trim()),
        Lang::En => format!("{}: '{}' is {en_what}.", label.1, text.trim()),
    }
}

/// A labelled text input bound to a string signal.
#[component]
pub fn Field(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    #[prop(optional, into)] input_type: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(optional, into)] placeholder: Option<String>,
    #[prop(optional, into)] class: Option<String>,
) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class=format!("field {}", class.unwrap_or_default())>
            <label for=id.clone()>{move || label.get()}{required.then_some(view! { <span class="req">" *"</span> })}</label>
            <input
                id=id
                type=input_type.unwrap_or_else(|| "text".into())
                data-testid=testid
                required=required
                placeholder=placeholder.unwrap_or_default()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="hint">{move || h.get()}</p> })}
        </div>
    }
}

/// A labelled multi-line text input.
#[component]
pub fn TextArea(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    #[prop(optional, into)] class: Option<String>,
) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class=format!("field {}", class.unwrap_or_default())>
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id
                rows="3"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

/// A labelled select; `options` are (value, label) pairs.
#[component]
pub fn Select(
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] testid: String,
    #[prop(optional, into)] class: Option<String>,
) -> impl IntoView {
    let id = format!("f-{testid}");
    view! {
        <div class=format!("field {}", class.unwrap_or_default())>
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A labelled checkbox.
#[component]
pub fn Check(#[prop(into)] label: Signal<String>, value: RwSignal<bool>, #[prop(into)] testid: String) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <span>{move || label.get()}</span>
        </label>
    }
}

/// The status of an invoice as a coloured badge.
#[component]
pub fn StatusBadge(status: InvoiceStatus, #[prop(optional)] overdue: bool) -> impl IntoView {
    let state = use_state();
    let class = match status {
        InvoiceStatus::Paid => "badge ok",
        InvoiceStatus::Credited => "badge muted",
        InvoiceStatus::WrittenOff => "badge muted",
        InvoiceStatus::Disputed => "badge warn",
        InvoiceStatus::Open | InvoiceStatus::PartlyPaid if overdue => "badge bad",
        InvoiceStatus::Open | InvoiceStatus::PartlyPaid => "badge info",
    };
    view! { <span class=class data-status=format!("{status:?}")>{move || state.lang().status(status)}</span> }
}

/// An amount, right-aligned in tables by the `num` class.
pub fn money(lang: Lang, m: Money) -> String {
    lang.money(m)
}

/// A friendly empty state with an optional action.
#[component]
pub fn Empty(#[prop(into)] text: Signal<String>, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <div class="empty">
            <p>{move || text.get()}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// The confirmation dialog, shown while `state.confirm` is set.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let state = use_state();
    move || {
        state.confirm.get().map(|c| {
            let on_confirm = c.on_confirm;
            let class = if c.danger { "btn danger" } else { "btn primary" };
            view! {
                <div class="modal-backdrop" on:click=move |_| state.confirm.set(None)>
                    <div
                        class="modal"
                        role="dialog"
                        aria-modal="true"
                        data-testid="confirm-dialog"
                        on:click=|ev| ev.stop_propagation()
                    >
                        <h2>{c.title.clone()}</h2>
                        <p class="pre">{c.body.clone()}</p>
                        <div class="actions">
                            <button class="btn" data-testid="confirm-cancel" on:click=move |_| state.confirm.set(None)>
                                {tx("Annuleren", "Cancel")}
                            </button>
                            <button
                                class=class
                                data-testid="confirm-ok"
                                on:click=move |_| {
                                    state.confirm.set(None);
                                    on_confirm.run(());
                                }
                            >
                                {c.confirm_label.clone()}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// The toast at the bottom, with an undo button for undoable changes.
#[component]
pub fn ToastView() -> impl IntoView {
    let state = use_state();
    move || {
        state.toast.get().map(|t| {
            let class = match t.kind {
                ToastKind::Info => "toast",
                ToastKind::Success => "toast success",
                ToastKind::Error => "toast error",
            };
            view! {
                <div class=class role="status" aria-live="polite" data-testid="toast">
                    <span>{t.message.clone()}</span>
                    {t.undo.then(|| view! {
                        <button class="btn small" data-testid="toast-undo" on:click=move |_| state.undo()>
                            {tx("Ongedaan maken", "Undo")}
                        </button>
                    })}
                    <button class="icon" aria-label="×" on:click=move |_| state.toast.set(None)>"×"</button>
                </div>
            }
        })
    }
}

/// A page heading with optional actions on the right.
#[component]
pub fn PageHeader(#[prop(into)] title: Signal<String>, #[prop(optional, into)] sub: Option<Signal<String>>, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="page-header">
            <div>
                <h1 data-testid="page-title">{move || title.get()}</h1>
                {sub.map(|s| view! { <p class="sub">{move || s.get()}</p> })}
            </div>
            <div class="page-actions">{children.map(|c| c())}</div>
        </header>
    }
}

/// Triggers a download of `text` as a file (UTF-8).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    crate::ui::export::download_bytes(filename, mime, text.as_bytes())
}
