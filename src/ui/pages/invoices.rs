//! Invoices and credit notes: the list of all documents, the invoice form (new and edit) and
//! the credit-note form. Status is always derived from the ledger (`Ledger::balances`), never
//! typed. Also holds small helpers that the payment and diary pages share.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    default_due, merge3, parse_amount, round_cents, Currency, CustomerId, DomainError, Invoice, InvoiceId,
    InvoiceStatus, Ledger, Margin, Money,
};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, PageHeader, StatusBadge};
use crate::ui::route::Route;
use crate::ui::state::{use_state, AppState, CommitError};

use super::list::{empty_card, table_window, paged_rows, search_box, sorted_indices, table_card, total_label, totals};

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by payments.rs and diary.rs)
// ---------------------------------------------------------------------------------------------

/// A date from an `<input type="date">` (`YYYY-MM-DD`).
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// An amount as the user would type it: `1.234,56` (nl) or `1,234.56` (en); more than two
/// decimals are kept so that editing never rounds silently.
pub(super) fn amount_input(lang: Lang, d: Decimal) -> String {
    if round_cents(d) == d {
        lang.number(d)
    } else {
        d.normalize().to_string()
    }
}

/// Customers as select options (id, "name (number)"), sorted by name.
pub(super) fn customer_options(l: &Ledger) -> Vec<(String, String)> {
    let mut v: Vec<(String, String, String)> = l
        .customers()
        .map(|c| (c.name.to_lowercase(), c.id.0.to_string(), format!("{} ({})", c.name, c.number)))
        .collect();
    crate::sort::ascending(&mut v);
    v.into_iter().map(|(_, id, label)| (id, label)).collect()
}

/// The customer id in a select value.
pub(super) fn parse_customer(s: &str) -> Option<CustomerId> {
    s.trim().parse::<u32>().ok().map(CustomerId)
}

/// Goes back in the browser history, or to `fallback` when this page was opened directly.
pub(super) fn go_back(state: AppState, fallback: Route) {
    use wasm_bindgen::JsCast;
    let went = web_sys::window().and_then(|w| {
        let history = js_sys::Reflect::get(&w, &"history".into()).ok()?;
        let len = js_sys::Reflect::get(&history, &"length".into()).ok()?.as_f64()?;
        if len <= 1.0 {
            return None;
        }
        let back: js_sys::Function = js_sys::Reflect::get(&history, &"back".into()).ok()?.dyn_into().ok()?;
        back.call0(&history).ok()
    });
    if went.is_none() {
        state.go(fallback);
    }
}

/// Compares document numbers the way people read them: `F-9` before `F-10`.
pub(super) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut ai = a.chars().peekable();
    let mut bi = b.chars().peekable();
    loop {
        match (ai.peek().copied(), bi.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let mut da = String::new();
                while let Some(c) = ai.peek().copied().filter(char::is_ascii_digit) {
                    da.push(c);
                    ai.next();
                }
                let mut db = String::new();
                while let Some(c) = bi.peek().copied().filter(char::is_ascii_digit) {
                    db.push(c);
                    bi.next();
                }
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let o = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(x), Some(y)) => {
                let o = x.to_lowercase().cmp(y.to_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                ai.next();
                bi.next();
            }
        }
    }
}

/// A sortable column header: clicking sorts by `key`, clicking again reverses.
pub(super) fn sort_th<K>(
    state: AppState,
    sort: RwSignal<(K, bool)>,
    key: K,
    label: (&'static str, &'static str),
    class: &'static str,
    testid: String,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let aria = move || match sort.get() {
        (k, true) if k == key => "ascending",
        (k, false) if k == key => "descending",
        _ => "none",
    };
    let arrow = move || match sort.get() {
        (k, true) if k == key => " ▲",
        (k, false) if k == key => " ▼",
        _ => "",
    };
    view! {
        <th class=class aria-sort=aria>
            <button
                type="button"
                class="sort"
                data-testid=testid
                on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })
            >
                {move || state.lang().tr(label.0, label.1)}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// A customer picker bound to a string signal holding the customer id; `on_change` runs after
/// the user picks another customer.
#[component]
pub(super) fn CustomerSelect(
    value: RwSignal<String>,
    #[prop(into)] testid: String,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(optional)] on_change: Option<Callback<()>>,
    #[prop(into, optional)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let state = use_state();
    let id = format!("f-{testid}");
    view! {
        <div class="field">
            <label for=id.clone()>{tx("Klant", "Customer")}<span class="req">" *"</span></label>
            <select
                id=id
                data-testid=testid
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(cb) = on_change {
                        cb.run(());
                    }
                }
            >
                <option value="" selected=move || value.with(String::is_empty)>
                    {tx("— Kies een klant —", "— Choose a customer —")}
                </option>
                {move || {
                    let current = value.get();
                    state
                        .ledger
                        .with(customer_options)
                        .into_iter()
                        .map(|(v, label)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {hint.map(|h| view! { <p class="hint">{move || h.get()}</p> })}
        </div>
    }
}

/// Options of [`input`]; all optional.
#[derive(Clone, Copy, Default)]
pub(super) struct Opt {
    /// The input's `type`; text when empty.
    pub kind: &'static str,
    /// The input's `inputmode`, e.g. "decimal".
    pub mode: &'static str,
    pub required: bool,
    /// Spans both columns of a `.form-grid`.
    pub wide: bool,
    /// Class of the input itself.
    pub class: &'static str,
    pub maxlength: &'static str,
    pub hint: Option<(&'static str, &'static str)>,
    pub placeholder: Option<(&'static str, &'static str)>,
    pub disabled: Option<Signal<bool>>,
    /// Runs after the typed value is stored.
    pub on_input: Option<Callback<()>>,
}

/// A labelled input bound to a string signal, `id` and `data-testid` from `testid`. One function
/// for every field keeps the wasm small: the view is compiled once, not once per field.
pub(super) fn input(
    state: AppState,
    label: (&'static str, &'static str),
    value: RwSignal<String>,
    testid: &'static str,
    o: Opt,
) -> AnyView {
    let id = format!("f-{testid}");
    let kind = if o.kind.is_empty() { "text" } else { o.kind };
    view! {
        <div class="field" class:wide=o.wide>
            <label for=id.clone()>
                {tx(label.0, label.1)}
                {o.required.then(|| view! { <span class="req">" *"</span> })}
            </label>
            <input
                id=id
                type=kind
                class=o.class
                inputmode=(!o.mode.is_empty()).then_some(o.mode)
                maxlength=(!o.maxlength.is_empty()).then_some(o.maxlength)
                autocomplete="off"
                data-testid=testid
                placeholder=move || o.placeholder.map(|(nl, en)| state.lang().tr(nl, en))
                disabled=move || o.disabled.is_some_and(|d| d.get())
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(cb) = o.on_input {
                        cb.run(());
                    }
                }
            />
            {o.hint.map(|(nl, en)| view! { <p class="hint">{tx(nl, en)}</p> })}
        </div>
    }
    .into_any()
}

/// A labelled multi-line input, spanning both columns.
pub(super) fn textarea(
    state: AppState,
    label: (&'static str, &'static str),
    value: RwSignal<String>,
    testid: &'static str,
    placeholder: Option<(&'static str, &'static str)>,
) -> AnyView {
    let id = format!("f-{testid}");
    view! {
        <div class="field wide">
            <label for=id.clone()>{tx(label.0, label.1)}</label>
            <textarea
                id=id
                rows="3"
                data-testid=testid
                placeholder=move || placeholder.map(|(nl, en)| state.lang().tr(nl, en))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
    .into_any()
}

/// A labelled select over fixed options: `options` gives (value, label) in a language.
pub(super) fn select(
    state: AppState,
    label: (&'static str, &'static str),
    value: RwSignal<String>,
    testid: &'static str,
    options: fn(Lang) -> Vec<(&'static str, &'static str)>,
    on_change: Option<Callback<()>>,
) -> AnyView {
    let id = format!("f-{testid}");
    view! {
        <div class="field">
            <label for=id.clone()>{tx(label.0, label.1)}</label>
            <select
                id=id
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(cb) = on_change {
                        cb.run(());
                    }
                }
            >
                {move || {
                    let current = value.get();
                    options(state.lang())
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v selected=v == current>{l}</option> })
                        .collect_view()
                }}
            </select>
        </div>
    }
    .into_any()
}

/// The error box of a form.
pub(super) fn form_error(error: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| {
            view! {
                <div class="form-error wide" role="alert" data-testid="form-error">
                    {m}
                </div>
            }
        })
    }
}

/// Shown when a page is opened for a record that does not exist (any more).
pub(super) fn missing(nl: &'static str, en: &'static str, back: Route) -> AnyView {
    view! {
        <div class="empty" data-testid="not-found">
            <h1>{tx(nl, en)}</h1>
            <a class="btn" href=back.href()>{tx("Terug", "Back")}</a>
        </div>
    }
    .into_any()
}

/// Shown on a form that needs a customer when the ledger has none.
pub(super) fn no_customers() -> impl IntoView {
    view! {
        <div class="notice" data-testid="no-customers">
            <p>
                {tx("Je hebt nog geen klanten. Voeg eerst een klant toe.",
                    "You have no customers yet. Add a customer first.",
                )}
            </p>
            <a class="btn primary" href=Route::CustomerNew.href() data-testid="add-customer">
                {tx("Klant toevoegen", "Add customer")}
            </a>
        </div>
    }
}

/// Runs the ledger change of a form: commits it, or with `dry` only checks it on a copy (used
/// to re-word a shown error after a language switch). Errors come back in the user's language.
/// Takes `op` as a trait object so that `AppState::commit` is compiled once for all forms.
pub(super) fn run_op(
    state: AppState,
    dry: bool,
    op: &dyn Fn(&mut Ledger) -> Result<(), DomainError>,
) -> Result<(), CommitError> {
    if dry {
        state
            .ledger
            .with_untracked(|l| {
                let mut copy = l.clone();
                op(&mut copy)
            })
            .map_err(CommitError::Domain)
    } else {
        state.commit(|l| op(l))
    }
}

/// Deletes with an undo offer, then goes to `then`; an error is shown as a toast.
pub(super) fn delete_undoable(
    state: AppState,
    message: String,
    op: &dyn Fn(&mut Ledger) -> Result<(), DomainError>,
    then: Route,
) {
    match state.commit_undoable(message, |l| op(l)) {
        Ok(()) => state.go(then),
        Err(e) => state.error(e.message(state.lang_untracked())),
    }
}

/// True when saving failed because another tab changed the same field of the record.
pub(super) fn is_conflict(e: &CommitError) -> bool {
    matches!(e, CommitError::Domain(DomainError::EditConflict { .. }))
}

/// Field labels of a form by the record's field path (as `merge3` names them), for conflicts.
pub(super) type Labels = &'static [(&'static str, (&'static str, &'static str))];

/// A failed save in the user's language; an edit conflict names the fields as the form does.
pub(super) fn save_error(lang: Lang, e: &CommitError, labels: Labels) -> String {
    match e {
        CommitError::Domain(DomainError::EditConflict { fields }) => {
            let mut names: Vec<&str> = Vec::new();
            for f in fields {
                let name = labels
                    .iter()
                    .find(|(path, _)| f == path || f.starts_with(&format!("{path}.")))
                    .map_or(f.as_str(), |(_, (nl, en))| lang.tr(nl, en));
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            lang.tr(
                "Dit is intussen in een ander tabblad gewijzigd ({f}). Je invoer staat er nog: controleer en sla opnieuw op om jouw waarden te bewaren.",
                "This was changed in another tab meanwhile ({f}). Your input is still here: check it and save again to keep your values.",
            )
            .replace("{f}", &names.join(", "))
        }
        e => e.message(lang),
    }
}

/// What an invoice or credit-note form needs to save its document.
struct DocumentForm<'a> {
    /// The record and its field texts when the form opened (`None` for a new document).
    opened: Opened<Invoice>,
    fields: &'a [RwSignal<String>],
    texts: fn(&Invoice, Lang) -> Vec<String>,
    labels: Labels,
    error: RwSignal<Option<String>>,
    /// Success messages (Dutch, English) with `{n}` for the number.
    updated: (&'static str, &'static str),
    added: (&'static str, &'static str),
}

/// Saves an invoice or credit note from its form: adds it, or merges the user's changes onto the
/// record as it is now (`merge3`) and goes to the customer. On a conflict the fields the user did
/// not touch take the other tab's values; with `dry` it only re-checks (to re-word an error).
fn save_document(state: AppState, dry: bool, doc: Invoice, lang: Lang, form: &DocumentForm<'_>) {
    let cid = doc.customer;
    let num = doc.number.clone();
    let base = form.opened.get_value().map(|(b, _)| b);
    let editing = base.as_ref().map(|b| b.id);
    let result = run_op(state, dry, &move |l| match &base {
        Some(base) => {
            let current = l.invoice(base.id).cloned().ok_or(DomainError::UnknownInvoice)?;
            l.update_invoice(merge3(base, &doc, &current)?)
        }
        None => l.add_invoice(doc.clone()).map(|_| ()),
    });
    match result {
        Ok(()) if dry => {}
        Ok(()) => {
            form.error.set(None);
            let (nl, en) = if editing.is_some() { form.updated } else { form.added };
            state.success(lang.tr(nl, en).replace("{n}", &num));
            state.go(Route::Customer(cid));
        }
        Err(e) => {
            if let (true, Some(id)) = (is_conflict(&e), editing) {
                if let (Some((_, old)), Some(current)) =
                    (form.opened.get_value(), state.ledger.with_untracked(|l| l.invoice(id).cloned()))
                {
                    let new = (form.texts)(&current, lang);
                    rebase_fields(form.fields, &old, &new);
                    form.opened.set_value(Some((current, new)));
                }
            }
            form.error.set(Some(save_error(lang, &e, form.labels)));
        }
    }
}

const INVOICE_LABELS: Labels = &[
    ("customer", ("Klant", "Customer")),
    ("number", ("Factuurnummer", "Invoice number")),
    ("date", ("Factuurdatum", "Invoice date")),
    ("due", ("Vervaldatum", "Due date")),
    ("amount.amount", ("Bedrag", "Amount")),
    ("amount.currency", ("Valuta", "Currency")),
    ("amount", ("Bedrag", "Amount")),
    ("description", ("Omschrijving", "Description")),
    ("reference", ("Betalingskenmerk", "Payment reference")),
    ("margin", ("Marge", "Margin")),
];

const CREDIT_LABELS: Labels = &[
    ("number", ("Nummer creditnota", "Credit note number")),
    ("date", ("Datum", "Date")),
    ("due", ("Datum", "Date")),
    ("amount", ("Bedrag", "Amount")),
    ("description", ("Reden / omschrijving", "Reason / description")),
];

/// An edit form's fields as text, next to the record they were read from.
pub(super) type Opened<T> = StoredValue<Option<(T, Vec<String>)>>;

/// Which fields the user changed since the form showed `texts`.
pub(super) fn changed_fields(fields: &[RwSignal<String>], texts: &[String]) -> Vec<bool> {
    fields.iter().zip(texts).map(|(f, t)| f.with_untracked(|v| v != t)).collect()
}

/// After another tab saved the record: fields the user has not touched take the new values,
/// what the user typed stays.
pub(super) fn rebase_fields(fields: &[RwSignal<String>], old: &[String], new: &[String]) {
    for ((f, o), n) in fields.iter().zip(old).zip(new) {
        if f.with_untracked(|v| v == o) {
            f.set(n.clone());
        }
    }
}

/// When the language changes while a form shows an error, checks the form again (`check`, a dry
/// run) so the error is shown in the new language.
pub(super) fn reword_on_lang_change(state: AppState, error: RwSignal<Option<String>>, check: Callback<()>) {
    Effect::new(move |prev: Option<Lang>| {
        let lang = state.lang();
        if prev.is_some_and(|p| p != lang) && error.with_untracked(Option::is_some) {
            check.run(());
        }
        lang
    });
}

/// An invoice number that is not used yet: `base`, else `base-2`, `base-3`, ...
fn unique_number(l: &Ledger, base: &str) -> String {
    if l.invoice_by_number(base).is_none() {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| l.invoice_by_number(c).is_none())
        .unwrap_or_else(|| base.to_string())
}

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum InvSort {
    Number,
    Customer,
    Date,
    Due,
    Amount,
    Open,
    Late,
}

/// One line of the list, derived once per ledger change.
#[derive(Clone, Debug, PartialEq)]
struct InvRow {
    id: InvoiceId,
    number: String,
    customer: CustomerId,
    customer_name: String,
    date: NaiveDate,
    due: NaiveDate,
    currency: Currency,
    /// Negative for a credit note.
    amount: Decimal,
    /// Zero for a credit note.
    open: Decimal,
    /// `None` for a credit note.
    status: Option<InvoiceStatus>,
    /// Days past due while still open, else 0.
    late: i64,
    /// For a credit note: the invoice it corrects.
    credits: Option<(InvoiceId, String)>,
    haystack: String,
}

fn invoice_rows(l: &Ledger, today: NaiveDate) -> Vec<InvRow> {
    let balances = l.balances();
    let names: HashMap<CustomerId, &str> = l.customers().map(|c| (c.id, c.name.as_str())).collect();
    l.invoices()
        .map(|i| {
            let customer_name = names.get(&i.customer).copied().unwrap_or_default().to_string();
            let haystack =
                format!("{}\n{}\n{}\n{}", i.number, customer_name, i.description, i.reference).to_lowercase();
            match i.credits {
                Some(target) => InvRow {
                    id: i.id,
                    number: i.number.clone(),
                    customer: i.customer,
                    customer_name,
                    date: i.date,
                    due: i.due,
                    currency: i.amount.currency,
                    amount: -i.amount.amount,
                    open: Decimal::ZERO,
                    status: None,
                    late: 0,
                    credits: Some((target, l.invoice(target).map(|t| t.number.clone()).unwrap_or_default())),
                    haystack,
                },
                None => {
                    let b = balances.get(&i.id);
                    let status = b.map_or(InvoiceStatus::Open, |b| b.status());
                    let open = b.map_or(i.amount.amount, |b| b.open());
                    let late = if status.is_open() && i.due < today { (today - i.due).num_days() } else { 0 };
                    InvRow {
                        id: i.id,
                        number: i.number.clone(),
                        customer: i.customer,
                        customer_name,
                        date: i.date,
                        due: i.due,
                        currency: i.amount.currency,
                        amount: i.amount.amount,
                        open,
                        status: Some(status),
                        late,
                        credits: None,
                        haystack,
                    }
                }
            }
        })
        .collect()
}

fn filter_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![
        ("all", lang.tr("Alle", "All")),
        ("open", lang.tr("Openstaand (ook deels betaald en betwist)", "Open (incl. partly paid and disputed)")),
        ("overdue", lang.tr("Vervallen", "Overdue")),
        ("paid", lang.status(InvoiceStatus::Paid)),
        ("credited", lang.status(InvoiceStatus::Credited)),
        ("disputed", lang.status(InvoiceStatus::Disputed)),
        ("written-off", lang.status(InvoiceStatus::WrittenOff)),
    ]
}

fn status_matches(filter: &str, r: &InvRow) -> bool {
    match (filter, r.status) {
        ("all", _) | ("", _) => true,
        ("credited", None) => true,
        (_, None) => false,
        ("open", Some(s)) => s.is_open(),
        ("overdue", Some(s)) => s.is_open() && r.late > 0,
        ("paid", Some(s)) => s == InvoiceStatus::Paid,
        ("credited", Some(s)) => s == InvoiceStatus::Credited,
        ("disputed", Some(s)) => s == InvoiceStatus::Disputed,
        ("written-off", Some(s)) => s == InvoiceStatus::WrittenOff,
        _ => true,
    }
}

fn compare_rows(a: &InvRow, b: &InvRow, key: InvSort) -> Ordering {
    let o = match key {
        InvSort::Number => natural_cmp(&a.number, &b.number),
        InvSort::Customer => a.customer_name.to_lowercase().cmp(&b.customer_name.to_lowercase()),
        InvSort::Date => a.date.cmp(&b.date),
        InvSort::Due => a.due.cmp(&b.due),
        InvSort::Amount => a.amount.cmp(&b.amount),
        InvSort::Open => a.open.cmp(&b.open),
        InvSort::Late => a.late.cmp(&b.late),
    };
    o.then_with(|| a.id.cmp(&b.id))
}

/// All invoices and credit notes, with search, status filter, sorting and totals.
#[component]
pub fn InvoiceList() -> impl IntoView {
    let state = use_state();
    let search = RwSignal::new(String::new());
    let filter = RwSignal::new("all".to_string());
    let sort = RwSignal::new((InvSort::Date, false));

    let rows = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| invoice_rows(l, today))
    });
    let visible = Memo::new(move |_| {
        let q = search.with(|s| s.trim().to_lowercase());
        let f = filter.get();
        let (key, asc) = sort.get();
        rows.with(|rows| {
            sorted_indices(
                rows,
                &|r| status_matches(&f, r) && (q.is_empty() || r.haystack.contains(&q)),
                &|a, b| compare_rows(a, b, key),
                asc,
            )
        })
    });
    // Totals of the filtered rows, per currency: (count, amount, open).
    let totals = Memo::new(move |_| visible.with(|idx| rows.with(|rows| totals(rows, idx, &|r| (r.currency, r.amount, r.open)))));
    let window = table_window(move || {
        search.track();
        filter.track();
    });

    let has_any = move || state.ledger.with(|l| l.invoices().len() > 0);

    let table = move || {
        if !has_any() {
            return empty_card(
                (
                    "Nog geen facturen. Voeg je eerste factuur toe om te zien wie je wat verschuldigd is.",
                    "No invoices yet. Add your first invoice to see who owes you what.",
                ),
                Route::InvoiceNew(None).href(),
                "invoice-empty-new",
                ("Factuur toevoegen", "Add invoice"),
            );
        }
        let head = |k: InvSort, label: (&'static str, &'static str), class: &'static str, id: &str| {
            sort_th(state, sort, k, label, class, format!("invoice-sort-{id}"))
        };
        let head = view! {
            {head(InvSort::Number, ("Nummer", "Number"), "", "number")}
            {head(InvSort::Customer, ("Klant", "Customer"), "hide-sm", "customer")}
            {head(InvSort::Date, ("Datum", "Date"), "hide-sm", "date")}
            {head(InvSort::Due, ("Vervaldatum", "Due date"), "hide-sm", "due")}
            {head(InvSort::Amount, ("Bedrag", "Amount"), "num hide-sm", "amount")}
            {head(InvSort::Open, ("Open", "Open"), "num", "open")}
            <th class="hide-sm">{tx("Status", "Status")}</th>
            {head(InvSort::Late, ("Dagen te laat", "Days overdue"), "num hide-sm", "late")}
        };
        let foot = move || {
            let lang = state.lang();
            totals
                .get()
                .into_iter()
                .map(|(cur, (count, amount, open))| {
                    view! {
                        <tr data-testid="invoice-total" data-currency=cur.code().to_string()>
                            <td class="nowrap">{total_label(lang, cur, count)}</td>
                            <td class="hide-sm"></td>
                            <td class="hide-sm"></td>
                            <td class="hide-sm"></td>
                            <td class="num hide-sm" data-testid="invoice-total-amount">{lang.amount(amount, cur)}</td>
                            <td class="num" data-testid="invoice-total-open">{lang.amount(open, cur)}</td>
                            <td class="hide-sm"></td>
                            <td class="hide-sm"></td>
                        </tr>
                    }
                })
                .collect_view()
        };
        table_card(
            state,
            "invoice",
            head.into_any(),
            paged_rows(state, rows, visible, window, invoice_row),
            foot.into_any(),
            visible,
            window,
            ("Geen facturen gevonden met deze zoekopdracht of dit filter.", "No invoices match this search or filter."),
        )
    };

    view! {
        <PageHeader title=txs("Facturen", "Invoices")>
            <crate::ui::export::ExportButtons what=crate::ui::export::Export::Invoices/>
            <a class="btn primary" href=Route::InvoiceNew(None).href() data-testid="invoice-new">
                {tx("Nieuwe factuur", "New invoice")}
            </a>
        </PageHeader>
        <div class="toolbar">
            {search_box(state, "invoice-search", ("Nummer, klant, omschrijving of kenmerk", "Number, customer, description or reference"), search)}
            {select(state, ("Status", "Status"), filter, "invoice-filter-status", filter_options, None)}
        </div>
        {table}
    }
}

/// The status badge without `data-status`, for the second (phone-only) copy in a row, so that
/// tests and scripts find exactly one status per row.
fn plain_badge(lang: Lang, status: Option<InvoiceStatus>, overdue: bool) -> impl IntoView {
    let (class, text) = match status {
        None => ("badge muted", lang.tr("Creditnota", "Credit note")),
        Some(s @ (InvoiceStatus::Credited | InvoiceStatus::WrittenOff)) => ("badge muted", lang.status(s)),
        Some(s @ InvoiceStatus::Paid) => ("badge ok", lang.status(s)),
        Some(s @ InvoiceStatus::Disputed) => ("badge warn", lang.status(s)),
        Some(s) if overdue => ("badge bad", lang.status(s)),
        Some(s) => ("badge info", lang.status(s)),
    };
    view! { <span class=class>{text}</span> }
}

fn invoice_row(lang: Lang, r: &InvRow) -> AnyView {
    let is_cn = r.credits.is_some();
    let credit_label = r.credits.as_ref().map(|(target, number)| {
        view! {
            <div class="cell-sub">
                {lang.tr("Creditnota bij", "Credit note for")}" "
                <a href=Route::InvoiceEdit(*target).href()>{number.clone()}</a>
            </div>
        }
    });
    let status = move || match r.status {
        Some(s) => {
            let overdue = r.late > 0;
            view! { <StatusBadge status=s overdue=overdue/> }.into_any()
        }
        None => view! { <span class="badge muted">{lang.tr("Creditnota", "Credit note")}</span> }.into_any(),
    };
    view! {
        <tr class:credit=is_cn data-testid="invoice-row" data-id=r.id.0.to_string() data-number=r.number.clone()>
            <td>
                <a class="nowrap" href=Route::InvoiceEdit(r.id).href() data-testid="invoice-link">{r.number.clone()}</a>
                {credit_label}
                // On phones the customer, amount and status columns are hidden: shown here instead.
                <div class="cell-sub only-sm">{r.customer_name.clone()}</div>
                <div class="cell-sub only-sm">
                    {r.status.map(|s| plain_badge(lang, Some(s), r.late > 0))}
                    " "
                    {lang.amount(r.amount, r.currency)}
                </div>
            </td>
            <td class="hide-sm">
                <a href=Route::Customer(r.customer).href()>{r.customer_name.clone()}</a>
            </td>
            <td class="hide-sm nowrap">{lang.date(r.date)}</td>
            <td class="hide-sm nowrap">{lang.date(r.due)}</td>
            <td class="num hide-sm">{lang.amount(r.amount, r.currency)}</td>
            <td class="num">{if is_cn { "—".to_string() } else { lang.amount(r.open, r.currency) }}</td>
            <td class="hide-sm" data-testid="invoice-status">{status()}</td>
            <td class="num hide-sm">{(r.late > 0).then(|| r.late.to_string())}</td>
        </tr>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The invoice form
// ---------------------------------------------------------------------------------------------

/// New invoice, or edit an existing one (a credit note opens the credit-note editor).
#[component]
pub fn InvoiceForm(id: Option<InvoiceId>, customer: Option<CustomerId>) -> impl IntoView {
    let state = use_state();
    let existing = id.and_then(|i| state.ledger.with_untracked(|l| l.invoice(i).cloned()));
    match (id, existing) {
        (Some(_), None) => missing("Deze factuur bestaat niet (meer)", "This invoice does not exist (any more)", Route::Invoices),
        (_, Some(inv)) if inv.is_credit_note() => {
            let target = inv.credits.and_then(|t| state.ledger.with_untracked(|l| l.invoice(t).cloned()));
            match target {
                Some(target) => view! { <CreditNoteEditor target=target existing=Some(inv)/> }.into_any(),
                None => missing("Deze creditnota bestaat niet (meer)", "This credit note does not exist (any more)", Route::Invoices),
            }
        }
        (_, existing) => {
            // An existing invoice shows what may be charged on it.
            let claim = existing.as_ref().map(|i| (i.customer, i.id));
            view! {
                <InvoiceEditor existing=existing customer=customer/>
                {claim.map(|(c, i)| view! { <super::claim::ClaimPanel customer=c invoice=i/> })}
            }
            .into_any()
        }
    }
}

/// The invoice form's fields as text, in the order of `InvoiceEditor`'s `fields`.
fn invoice_texts(i: &Invoice, lang: Lang) -> Vec<String> {
    let (mk, mv) = match i.margin {
        Some(Margin::Amount(d)) => ("amount", amount_input(lang, d)),
        Some(Margin::Percent(d)) => ("percent", amount_input(lang, d)),
        None => ("none", String::new()),
    };
    vec![
        i.customer.0.to_string(),
        i.number.clone(),
        i.date.to_string(),
        i.due.to_string(),
        amount_input(lang, i.amount.amount),
        i.amount.currency.code().to_string(),
        i.description.clone(),
        i.reference.clone(),
        mk.to_string(),
        mv,
    ]
}

#[component]
fn InvoiceEditor(existing: Option<Invoice>, customer: Option<CustomerId>) -> impl IntoView {
    let state = use_state();
    let lang0 = state.lang_untracked();
    let today = untrack(|| state.today());
    let id = existing.as_ref().map(|i| i.id);
    let (default_currency, default_term, suggested, has_customers) = state.ledger.with_untracked(|l| {
        (
            l.settings.currency,
            l.settings.default_term_days,
            l.suggest_invoice_number(today.year()),
            l.customers().len() > 0,
        )
    });
    let term_of = move |c: &str| -> u16 {
        state.ledger.with_untracked(|l| {
            parse_customer(c).and_then(|c| l.customer(c)).map_or(default_term, |c| c.payment_term_days)
        })
    };
    let init_customer = existing
        .as_ref()
        .map(|i| i.customer)
        .or(customer)
        .filter(|c| state.ledger.with_untracked(|l| l.customer(*c).is_some()));

    let customer_s = RwSignal::new(init_customer.map(|c| c.0.to_string()).unwrap_or_default());
    let init_date = existing.as_ref().map_or(today, |i| i.date);
    let init_due = existing
        .as_ref()
        .map_or_else(|| default_due(today, term_of(&customer_s.get_untracked())), |i| i.due);
    let number = RwSignal::new(existing.as_ref().map_or(suggested, |i| i.number.clone()));
    let date = RwSignal::new(init_date.to_string());
    let due = RwSignal::new(init_due.to_string());
    let due_touched = RwSignal::new(
        existing.as_ref().is_some_and(|i| i.due != default_due(i.date, term_of(&i.customer.0.to_string()))),
    );
    let amount = RwSignal::new(existing.as_ref().map(|i| amount_input(lang0, i.amount.amount)).unwrap_or_default());
    let currency = RwSignal::new(existing.as_ref().map_or(default_currency, |i| i.amount.currency).code().to_string());
    let description = RwSignal::new(existing.as_ref().map(|i| i.description.clone()).unwrap_or_default());
    let reference = RwSignal::new(existing.as_ref().map(|i| i.reference.clone()).unwrap_or_default());
    let (mk, mv) = match existing.as_ref().and_then(|i| i.margin) {
        Some(Margin::Amount(d)) => ("amount", amount_input(lang0, d)),
        Some(Margin::Percent(d)) => ("percent", amount_input(lang0, d)),
        None => ("none", String::new()),
    };
    let margin_kind = RwSignal::new(mk.to_string());
    let margin_value = RwSignal::new(mv);
    let error = RwSignal::new(None::<String>);
    let fields =
        move || [customer_s, number, date, due, amount, currency, description, reference, margin_kind, margin_value];
    // The invoice as the form showed it: only the fields the user changes are saved, merged onto
    // the invoice as it is then, so another tab's changes to other fields are kept.
    let opened: Opened<Invoice> = StoredValue::new(existing.clone().map(|i| {
        let texts = invoice_texts(&i, lang0);
        (i, texts)
    }));

    // Customer and currency are fixed once payments or credit notes refer to the invoice.
    let locked = Memo::new(move |_| {
        id.is_some_and(|id| state.ledger.with(|l| l.balance(id).is_some_and(|b| !(b.paid + b.credited).is_zero())))
    });

    let recompute_due = move || {
        if due_touched.get_untracked() {
            return;
        }
        if let Some(d) = parse_date(&date.get_untracked()) {
            due.set(default_due(d, term_of(&customer_s.get_untracked())).to_string());
        }
    };
    let term_hint = move || {
        let lang = state.lang();
        let c = customer_s.get();
        let term = state.ledger.with(|l| parse_customer(&c).and_then(|c| l.customer(c)).map(|c| c.payment_term_days));
        match term {
            Some(n) => format!("{}: {}", lang.tr("Betaaltermijn klant", "Customer's payment term"), lang.days(i64::from(n))),
            None => format!("{}: {}", lang.tr("Standaard betaaltermijn", "Default payment term"), lang.days(i64::from(default_term))),
        }
    };

    let build = move || -> Result<Invoice, String> {
        let lang = state.lang_untracked();
        let cid = parse_customer(&customer_s.get_untracked()).ok_or_else(|| lang.tr("Kies een klant.", "Choose a customer.").to_string())?;
        let d = parse_date(&date.get_untracked())
            .ok_or_else(|| lang.tr("Vul een geldige factuurdatum in.", "Enter a valid invoice date.").to_string())?;
        let du = parse_date(&due.get_untracked())
            .ok_or_else(|| lang.tr("Vul een geldige vervaldatum in.", "Enter a valid due date.").to_string())?;
        if du < d {
            return Err(lang
                .tr(
                    "De vervaldatum ({v}) ligt vóór de factuurdatum ({f}). Kies een vervaldatum op of na de factuurdatum.",
                    "The due date ({v}) is before the invoice date ({f}). Choose a due date on or after the invoice date.",
                )
                .replace("{v}", &lang.date(du))
                .replace("{f}", &lang.date(d)));
        }
        let a = amount.get_untracked();
        if a.trim().is_empty() {
            return Err(lang.tr("Vul het bedrag van de factuur in.", "Enter the amount of the invoice.").into());
        }
        let a = parse_amount(&a).map_err(|e| lang.domain_error(&e))?;
        let cur = Currency::parse(&currency.get_untracked()).map_err(|e| lang.domain_error(&e))?;
        let mv = margin_value.get_untracked();
        let margin = match margin_kind.get_untracked().as_str() {
            _ if mv.trim().is_empty() => None,
            "amount" => Some(Margin::Amount(parse_amount(&mv).map_err(|e| lang.domain_error(&e))?)),
            "percent" => Some(Margin::Percent(
                parse_amount(mv.trim().trim_end_matches('%')).map_err(|e| lang.domain_error(&e))?,
            )),
            _ => None,
        };
        if let Some(id) = id {
            let settled = state.ledger.with_untracked(|l| l.balance(id).map(|b| b.paid + b.credited)).unwrap_or_default();
            if a < settled {
                return Err(lang
                    .tr(
                        "Het bedrag kan niet lager zijn dan wat al betaald en gecrediteerd is ({s}).",
                        "The amount cannot be lower than what has already been paid and credited ({s}).",
                    )
                    .replace("{s}", &lang.amount(settled, cur)));
            }
        }
        let inv = match opened.get_value() {
            Some((base, texts)) => {
                let ch = changed_fields(&fields(), &texts);
                let mut inv = base;
                if ch[0] {
                    inv.customer = cid;
                }
                if ch[1] {
                    inv.number = number.get_untracked().trim().to_string();
                }
                if ch[2] {
                    inv.date = d;
                }
                if ch[3] {
                    inv.due = du;
                }
                if ch[4] {
                    inv.amount.amount = a;
                }
                if ch[5] {
                    inv.amount.currency = cur;
                }
                if ch[6] {
                    inv.description = description.get_untracked().trim().to_string();
                }
                if ch[7] {
                    inv.reference = reference.get_untracked().trim().to_string();
                }
                if ch[8] || ch[9] {
                    inv.margin = margin;
                }
                inv
            }
            None => {
                let mut inv = Invoice::new(number.get_untracked().trim(), cid, d, 0, Money::new(a, cur));
                inv.due = du;
                inv.description = description.get_untracked().trim().to_string();
                inv.reference = reference.get_untracked().trim().to_string();
                inv.margin = margin;
                inv
            }
        };
        Ok(inv)
    };

    let attempt = move |dry: bool| {
        let lang = state.lang_untracked();
        let inv = match build() {
            Ok(inv) => inv,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        let doc = DocumentForm {
            opened,
            fields: &fields(),
            texts: invoice_texts,
            labels: INVOICE_LABELS,
            error,
            updated: ("Factuur {n} is bijgewerkt.", "Invoice {n} was updated."),
            added: ("Factuur {n} is toegevoegd.", "Invoice {n} was added."),
        };
        save_document(state, dry, inv, lang, &doc);
    };
    let save = move || attempt(false);
    reword_on_lang_change(state, error, Callback::new(move |()| attempt(true)));

    let delete = move |_| {
        let Some(id) = id else { return };
        let lang = state.lang_untracked();
        let Some((num, cid, cns, evs, pays)) = state.ledger.with_untracked(|l| {
            l.invoice(id).map(|i| {
                (
                    i.number.clone(),
                    i.customer,
                    l.invoices().filter(|c| c.credits == Some(id)).count(),
                    l.events().filter(|e| e.invoice == Some(id)).count(),
                    l.payments().filter(|p| p.allocations().iter().any(|a| a.invoice == id)).count(),
                )
            })
        }) else {
            return;
        };
        let body = lang
            .tr(
                "Factuur {n} wordt verwijderd. Ook verdwijnen: {c} creditnota('s) bij deze factuur, {e} dossierregel(s) over deze factuur en de toewijzing van {p} betaling(en) aan deze factuur.\n\nDe betalingen zelf blijven staan; het deel dat op deze factuur stond, wordt weer 'niet toegewezen'. Je kunt het verwijderen direct daarna ongedaan maken.",
                "Invoice {n} will be deleted. Also removed: {c} credit note(s) for this invoice, {e} diary entr(y/ies) about it, and the allocation of {p} payment(s) to it.\n\nThe payments themselves stay; the part that was allocated to this invoice becomes 'unallocated' again. You can undo the deletion right afterwards.",
            )
            .replace("{n}", &num)
            .replace("{c}", &cns.to_string())
            .replace("{e}", &evs.to_string())
            .replace("{p}", &pays.to_string());
        state.ask(
            lang.tr("Factuur {n} verwijderen?", "Delete invoice {n}?").replace("{n}", &num),
            body,
            lang.tr("Verwijderen", "Delete").into(),
            true,
            move || {
                let lang = state.lang_untracked();
                let msg = lang.tr("Factuur {n} is verwijderd.", "Invoice {n} was deleted.").replace("{n}", &num);
                delete_undoable(state, msg, &move |l| l.remove_invoice(id), Route::Customer(cid));
            },
        );
    };

    let title = move || {
        let lang = state.lang();
        match &existing_number(state, id) {
            Some(n) => format!("{} {n}", lang.tr("Factuur", "Invoice")),
            None => lang.tr("Nieuwe factuur", "New invoice").to_string(),
        }
    };
    let fallback = init_customer.map_or(Route::Invoices, Route::Customer);

    view! {
        <PageHeader title=title/>
        {(!has_customers).then(no_customers)}
        <div class="doc-layout" class:with-aside=id.is_some()>
            <form
                class="card"
                data-testid="invoice-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                <div class="form-grid">
                    <CustomerSelect
                        value=customer_s
                        testid="invoice-customer"
                        disabled=Signal::derive(move || locked.get())
                        on_change=Callback::new(move |()| recompute_due())
                        hint=Signal::derive(move || {
                            if locked.get() {
                                state.lang().tr(
                                    "Vast: er zijn betalingen of creditnota's aan deze factuur gekoppeld.",
                                    "Fixed: payments or credit notes refer to this invoice.",
                                ).to_string()
                            } else {
                                String::new()
                            }
                        })
                    />
                    {input(
                        state,
                        ("Factuurnummer", "Invoice number"),
                        number,
                        "invoice-number",
                        Opt {
                            required: true,
                            hint: id.is_none().then_some(("Voorstel: het volgende vrije nummer.", "Suggested: the next free number.")),
                            ..Opt::default()
                        },
                    )}
                    {input(
                        state,
                        ("Factuurdatum", "Invoice date"),
                        date,
                        "invoice-date",
                        Opt { kind: "date", required: true, on_input: Some(Callback::new(move |()| recompute_due())), ..Opt::default() },
                    )}
                    <div class="field">
                        <label for="f-invoice-due">{tx("Vervaldatum", "Due date")}<span class="req">" *"</span></label>
                        <input
                            id="f-invoice-due"
                            type="date"
                            data-testid="invoice-due"
                            prop:value=move || due.get()
                            on:input=move |ev| {
                                due_touched.set(true);
                                due.set(event_target_value(&ev));
                            }
                        />
                        <p class="hint" data-testid="invoice-term-hint">
                            {term_hint}
                            {move || due_touched.get().then(|| view! {
                                " · "
                                <button
                                    type="button"
                                    class="btn link small"
                                    data-testid="invoice-due-reset"
                                    on:click=move |_| {
                                        due_touched.set(false);
                                        recompute_due();
                                    }
                                >
                                    {tx("volg de betaaltermijn", "follow the payment term")}
                                </button>
                            })}
                        </p>
                    </div>
                    {input(
                        state,
                        ("Bedrag (incl. btw)", "Amount (incl. VAT)"),
                        amount,
                        "invoice-amount",
                        Opt { mode: "decimal", required: true, placeholder: Some(("bijv. 1.250,00", "e.g. 1,250.00")), ..Opt::default() },
                    )}
                    {input(
                        state,
                        ("Valuta", "Currency"),
                        currency,
                        "invoice-currency",
                        Opt {
                            class: "currency-input",
                            maxlength: "3",
                            disabled: Some(Signal::derive(move || locked.get())),
                            hint: Some(("Drie letters, zoals EUR. Bedragen worden nooit omgerekend.", "Three letters, like EUR. Amounts are never converted.")),
                            ..Opt::default()
                        },
                    )}
                    {input(state, ("Omschrijving", "Description"), description, "invoice-description", Opt { wide: true, ..Opt::default() })}
                    {input(
                        state,
                        ("Betalingskenmerk", "Payment reference"),
                        reference,
                        "invoice-reference",
                        Opt { hint: Some(("Gestructureerd of vrij; helpt bij het koppelen van betalingen.", "Structured or free; helps matching payments.")), ..Opt::default() },
                    )}
                    <div class="field">
                        <label for="f-invoice-margin">{tx("Marge (optioneel)", "Margin (optional)")}</label>
                        <div class="input-pair">
                            <select
                                aria-label=move || state.lang().tr("Soort marge", "Kind of margin")
                                data-testid="invoice-margin-kind"
                                prop:value=move || margin_kind.get()
                                on:change=move |ev| margin_kind.set(event_target_value(&ev))
                            >
                                <option value="none" selected=mk == "none">{tx("Geen", "None")}</option>
                                <option value="amount" selected=mk == "amount">{tx("Bedrag", "Amount")}</option>
                                <option value="percent" selected=mk == "percent">"%"</option>
                            </select>
                            <input
                                id="f-invoice-margin"
                                inputmode="decimal"
                                autocomplete="off"
                                data-testid="invoice-margin"
                                disabled=move || margin_kind.with(|k| k == "none")
                                prop:value=move || margin_value.get()
                                on:input=move |ev| margin_value.set(event_target_value(&ev))
                            />
                        </div>
                        <p class="hint">{tx("Voor de marktanalyse.", "For the market analysis.")}</p>
                    </div>
                    {form_error(error)}
                </div>
                <div class="form-actions">
                    {id.is_some().then(|| view! {
                        <button type="button" class="btn danger push-left" data-testid="invoice-delete" on:click=delete>
                            {tx("Verwijderen…", "Delete…")}
                        </button>
                    })}
                    <button type="button" class="btn" data-testid="invoice-cancel" on:click=move |_| go_back(state, fallback)>
                        {tx("Annuleren", "Cancel")}
                    </button>
                    <button type="submit" class="btn primary" data-testid="invoice-save">
                        {tx("Opslaan", "Save")}
                    </button>
                </div>
            </form>
            {id.map(|id| view! { <InvoiceSummary id=id/> })}
        </div>
    }
    .into_any()
}

fn existing_number(state: AppState, id: Option<InvoiceId>) -> Option<String> {
    id.and_then(|id| state.ledger.with_untracked(|l| l.invoice(id).map(|i| i.number.clone())))
}

/// The derived state of an invoice next to its form: status, paid, credited, open, and what
/// refers to it.
#[component]
fn InvoiceSummary(id: InvoiceId) -> impl IntoView {
    let state = use_state();
    move || {
        let lang = state.lang();
        let today = state.today();
        state.ledger.with(|l| {
            let (Some(inv), Some(b)) = (l.invoice(id), l.balance(id)) else {
                return view! { <div></div> }.into_any();
            };
            let cur = inv.amount.currency;
            let status = b.status();
            let overdue = status.is_open() && inv.due < today;
            let late = if overdue { (today - inv.due).num_days() } else { 0 };
            let credit_notes: Vec<_> = l
                .invoices()
                .filter(|c| c.credits == Some(id))
                .map(|c| {
                    view! {
                        <li>
                            <span>
                                <a href=Route::InvoiceEdit(c.id).href()>{c.number.clone()}</a>
                                " "
                                <span class="muted">{lang.date(c.date)}</span>
                            </span>
                            <span class="num">{lang.amount(-c.amount.amount, cur)}</span>
                        </li>
                    }
                })
                .collect();
            let payments: Vec<_> = l
                .payments()
                .filter_map(|p| {
                    let part: Decimal = p.allocations().iter().filter(|a| a.invoice == id).map(|a| a.amount).sum();
                    (!part.is_zero()).then(|| {
                        view! {
                            <li>
                                <a href=Route::PaymentEdit(p.id).href()>{lang.date(p.date)}</a>
                                <span class="num">{lang.amount(part, cur)}</span>
                            </li>
                        }
                    })
                })
                .collect();
            let can_credit = (b.amount - b.paid - b.credited) > Decimal::ZERO;
            let customer = inv.customer;
            view! {
                <aside class="card" data-testid="invoice-summary">
                    <div class="card-head">
                        <h2>{lang.tr("Stand", "Status")}</h2>
                        <span data-testid="invoice-status"><StatusBadge status=status overdue=overdue/></span>
                    </div>
                    <dl class="facts summary-facts">
                        <dt>{lang.tr("Bedrag", "Amount")}</dt>
                        <dd class="num">{lang.amount(b.amount, cur)}</dd>
                        <dt>{lang.tr("Betaald", "Paid")}</dt>
                        <dd class="num" data-testid="invoice-paid">{lang.amount(b.paid, cur)}</dd>
                        <dt>{lang.tr("Gecrediteerd", "Credited")}</dt>
                        <dd class="num" data-testid="invoice-credited">{lang.amount(b.credited, cur)}</dd>
                        <dt><strong>{lang.tr("Openstaand", "Open")}</strong></dt>
                        <dd class="num" data-testid="invoice-open"><strong>{lang.amount(b.open(), cur)}</strong></dd>
                        {overdue.then(|| view! {
                            <dt>{lang.tr("Te laat", "Overdue")}</dt>
                            <dd class="text-bad">{lang.days(late)}</dd>
                        })}
                        {b.last_payment.map(|d| view! {
                            <dt>{lang.tr("Laatste betaling", "Last payment")}</dt>
                            <dd>{lang.date(d)}</dd>
                        })}
                    </dl>
                    {(!payments.is_empty()).then(|| view! {
                        <h3 class="aside-sub">{lang.tr("Betalingen", "Payments")}</h3>
                        <ul class="plain">{payments}</ul>
                    })}
                    {(!credit_notes.is_empty()).then(|| view! {
                        <h3 class="aside-sub">{lang.tr("Creditnota's", "Credit notes")}</h3>
                        <ul class="plain">{credit_notes}</ul>
                    })}
                    <div class="actions aside-actions">
                        {can_credit.then(|| view! {
                            <a class="btn small" href=Route::CreditNoteNew(id).href() data-testid="invoice-credit">
                                {lang.tr("Creditnota maken", "Create credit note")}
                            </a>
                        })}
                        <a class="btn small" href=Route::PaymentNew(Some(customer)).href() data-testid="invoice-add-payment">
                            {lang.tr("Betaling boeken", "Record payment")}
                        </a>
                        <a class="btn small" href=Route::EventNew(customer).href() data-testid="invoice-add-event">
                            {lang.tr("Dossierregel", "Diary entry")}
                        </a>
                    </div>
                </aside>
            }
            .into_any()
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Credit notes
// ---------------------------------------------------------------------------------------------

/// A new credit note for an invoice.
#[component]
pub fn CreditNoteForm(invoice: InvoiceId) -> impl IntoView {
    let state = use_state();
    match state.ledger.with_untracked(|l| l.invoice(invoice).cloned()) {
        None => missing("Deze factuur bestaat niet (meer)", "This invoice does not exist (any more)", Route::Invoices),
        Some(inv) if inv.is_credit_note() => view! {
            <div class="notice" data-testid="credit-of-credit">
                {tx("Een creditnota kan niet naar een andere creditnota verwijzen. Kies de oorspronkelijke factuur.", "A credit note cannot refer to another credit note. Choose the original invoice.")}
            </div>
        }
        .into_any(),
        Some(target) => view! { <CreditNoteEditor target=target existing=None/> }.into_any(),
    }
}

/// The credit-note form's fields as text, in the order of `CreditNoteEditor`'s `fields`.
fn credit_texts(c: &Invoice, lang: Lang) -> Vec<String> {
    vec![c.number.clone(), c.date.to_string(), amount_input(lang, c.amount.amount), c.description.clone()]
}

/// The form for a new credit note (`existing` = None) or an existing one.
#[component]
fn CreditNoteEditor(target: Invoice, existing: Option<Invoice>) -> impl IntoView {
    let state = use_state();
    let lang0 = state.lang_untracked();
    let today = untrack(|| state.today());
    let id = existing.as_ref().map(|c| c.id);
    let target_id = target.id;
    let cid = target.customer;
    let cur = target.amount.currency;
    let target_date = target.date;
    // What may still be credited: the open amount plus, when editing, this note itself.
    let creditable = move || {
        state.ledger.with(|l| {
            l.balance(target_id).map_or(Decimal::ZERO, |b| {
                let own = id.and_then(|i| l.invoice(i)).map_or(Decimal::ZERO, |c| c.amount.amount);
                (b.amount - b.paid - b.credited + own).max(Decimal::ZERO)
            })
        })
    };
    let init_open = untrack(creditable);
    let number = RwSignal::new(match &existing {
        Some(c) => c.number.clone(),
        None => state.ledger.with_untracked(|l| unique_number(l, &format!("CN-{}", target.number))),
    });
    let date = RwSignal::new(existing.as_ref().map_or(today, |c| c.date).to_string());
    let amount = RwSignal::new(amount_input(lang0, existing.as_ref().map_or(init_open, |c| c.amount.amount)));
    let description = RwSignal::new(existing.as_ref().map(|c| c.description.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let fields = move || [number, date, amount, description];
    // As in the invoice form: only changed fields are merged onto the note as it is when saving.
    let opened: Opened<Invoice> = StoredValue::new(existing.clone().map(|c| {
        let texts = credit_texts(&c, lang0);
        (c, texts)
    }));

    let attempt = move |dry: bool| {
        let lang = state.lang_untracked();
        let built = (|| -> Result<Invoice, String> {
            let d = parse_date(&date.get_untracked())
                .ok_or_else(|| lang.tr("Vul een geldige datum in.", "Enter a valid date.").to_string())?;
            let a = amount.get_untracked();
            if a.trim().is_empty() {
                return Err(lang.tr("Vul het bedrag van de creditnota in.", "Enter the amount of the credit note.").into());
            }
            let a = parse_amount(&a).map_err(|e| lang.domain_error(&e))?;
            let max = untrack(creditable);
            if a > max {
                return Err(lang
                    .tr(
                        "De creditnota ({a}) is meer dan er nog openstaat op de factuur ({o}).",
                        "The credit note ({a}) is more than what is still open on the invoice ({o}).",
                    )
                    .replace("{a}", &lang.amount(a, cur))
                    .replace("{o}", &lang.amount(max, cur)));
            }
            let target = state
                .ledger
                .with_untracked(|l| l.invoice(target_id).cloned())
                .ok_or_else(|| lang.tr("De factuur bestaat niet meer.", "The invoice no longer exists.").to_string())?;
            let cn = match opened.get_value() {
                Some((mut cn, texts)) => {
                    let ch = changed_fields(&fields(), &texts);
                    if ch[0] {
                        cn.number = number.get_untracked().trim().to_string();
                    }
                    if ch[1] {
                        cn.date = d;
                        cn.due = d.max(target_date);
                    }
                    if ch[2] {
                        cn.amount.amount = a;
                    }
                    if ch[3] {
                        cn.description = description.get_untracked().trim().to_string();
                    }
                    cn
                }
                None => {
                    let mut cn = Invoice::credit_note(number.get_untracked().trim(), &target, d, Money::new(a, cur));
                    cn.description = description.get_untracked().trim().to_string();
                    cn
                }
            };
            Ok(cn)
        })();
        let cn = match built {
            Ok(cn) => cn,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        let doc = DocumentForm {
            opened,
            fields: &fields(),
            texts: credit_texts,
            labels: CREDIT_LABELS,
            error,
            updated: ("Creditnota {n} is bijgewerkt.", "Credit note {n} was updated."),
            added: ("Creditnota {n} is toegevoegd.", "Credit note {n} was added."),
        };
        save_document(state, dry, cn, lang, &doc);
    };
    let save = move || attempt(false);
    reword_on_lang_change(state, error, Callback::new(move |()| attempt(true)));

    let delete = move |_| {
        let Some(id) = id else { return };
        let lang = state.lang_untracked();
        let num = state.ledger.with_untracked(|l| l.invoice(id).map(|c| c.number.clone())).unwrap_or_default();
        state.ask(
            lang.tr("Creditnota {n} verwijderen?", "Delete credit note {n}?").replace("{n}", &num),
            lang.tr(
                "Het gecrediteerde bedrag staat daarna weer open op de factuur. Je kunt dit direct daarna ongedaan maken.",
                "The credited amount becomes open again on the invoice. You can undo this right afterwards.",
            )
            .into(),
            lang.tr("Verwijderen", "Delete").into(),
            true,
            move || {
                let lang = state.lang_untracked();
                let msg = lang.tr("Creditnota {n} is verwijderd.", "Credit note {n} was deleted.").replace("{n}", &num);
                delete_undoable(state, msg, &move |l| l.remove_invoice(id), Route::Customer(cid));
            },
        );
    };

    let title = move || {
        let lang = state.lang();
        match id.and_then(|i| state.ledger.with(|l| l.invoice(i).map(|c| c.number.clone()))) {
            Some(n) => format!("{} {n}", lang.tr("Creditnota", "Credit note")),
            None => lang.tr("Nieuwe creditnota", "New credit note").to_string(),
        }
    };
    let sub = move || {
        let lang = state.lang();
        let n = state.ledger.with(|l| l.invoice(target_id).map(|t| t.number.clone())).unwrap_or_default();
        lang.tr("Creditnota bij factuur {n}", "Credit note for invoice {n}").replace("{n}", &n)
    };
    let target_card = move || {
        let lang = state.lang();
        let today = state.today();
        state.ledger.with(|l| {
            let (Some(t), Some(b)) = (l.invoice(target_id), l.balance(target_id)) else {
                return view! { <div></div> }.into_any();
            };
            let cname = l.customer(t.customer).map(|c| c.name.clone()).unwrap_or_default();
            let status = b.status();
            let overdue = status.is_open() && t.due < today;
            view! {
                <aside class="card" data-testid="credit-invoice">
                    <div class="card-head">
                        <h2>{lang.tr("Factuur", "Invoice")}</h2>
                        <StatusBadge status=status overdue=overdue/>
                    </div>
                    <dl class="facts summary-facts">
                        <dt>{lang.tr("Nummer", "Number")}</dt>
                        <dd><a href=Route::InvoiceEdit(t.id).href()>{t.number.clone()}</a></dd>
                        <dt>{lang.tr("Klant", "Customer")}</dt>
                        <dd><a href=Route::Customer(t.customer).href()>{cname}</a></dd>
                        <dt>{lang.tr("Datum", "Date")}</dt>
                        <dd>{lang.date(t.date)}</dd>
                        <dt>{lang.tr("Bedrag", "Amount")}</dt>
                        <dd class="num">{lang.money(t.amount)}</dd>
                        <dt>{lang.tr("Openstaand", "Open")}</dt>
                        <dd class="num" data-testid="credit-invoice-open">{lang.amount(b.open(), cur)}</dd>
                    </dl>
                </aside>
            }
            .into_any()
        })
    };
    let max_hint = move || {
        let lang = state.lang();
        if id.is_some() {
            lang.tr(
                "Maximaal {a}: wat nog openstaat plus het bedrag van deze creditnota.",
                "At most {a}: what is still open plus the amount of this credit note.",
            )
        } else {
            lang.tr("Maximaal {a}: wat nog openstaat.", "At most {a}: what is still open.")
        }
            .replace("{a}", &lang.amount(creditable(), cur))
    };

    view! {
        <PageHeader title=title sub=Signal::derive(sub)/>
        <div class="doc-layout with-aside">
            <form
                class="card"
                data-testid="credit-form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    save();
                }
            >
                {move || {
                    creditable().is_zero().then(|| {
                        view! {
                            <p class="notice" data-testid="credit-nothing-open">
                                {tx("Op deze factuur staat niets meer open: ze is al betaald of gecrediteerd. Een creditnota kan alleen over een bedrag dat nog openstaat.",
                                    "Nothing is open on this invoice any more: it has been paid or credited. A credit note can only cover an amount that is still open.",
                                )}
                            </p>
                        }
                    })
                }}
                <div class="form-grid">
                    {input(state, ("Nummer creditnota", "Credit note number"), number, "credit-number", Opt { required: true, ..Opt::default() })}
                    {input(state, ("Datum", "Date"), date, "credit-date", Opt { kind: "date", required: true, ..Opt::default() })}
                    <div class="field">
                        <label for="f-credit-amount">
                            {tx("Bedrag", "Amount")} " (" {cur.code().to_string()} ")"
                            <span class="req">" *"</span>
                        </label>
                        <input
                            id="f-credit-amount"
                            inputmode="decimal"
                            autocomplete="off"
                            data-testid="credit-amount"
                            prop:value=move || amount.get()
                            on:input=move |ev| amount.set(event_target_value(&ev))
                        />
                        <p class="hint">{max_hint}</p>
                    </div>
                    {textarea(state, ("Reden / omschrijving", "Reason / description"), description, "credit-description", None)}
                    {form_error(error)}
                </div>
                <div class="form-actions">
                    {id.is_some().then(|| view! {
                        <button type="button" class="btn danger push-left" data-testid="credit-delete" on:click=delete>
                            {tx("Verwijderen…", "Delete…")}
                        </button>
                    })}
                    <button type="button" class="btn" data-testid="credit-cancel" on:click=move |_| go_back(state, Route::Customer(cid))>
                        {tx("Annuleren", "Cancel")}
                    </button>
                    <button type="submit" class="btn primary" data-testid="credit-save">
                        {tx("Opslaan", "Save")}
                    </button>
                </div>
            </form>
            {target_card}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_numbers() {
        let mut v = vec!["F-10", "F-9", "f-100", "2026-0002", "2026-0010", "2026-0001a", "CN-F-9"];
        crate::sort::by(&mut v, |a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["2026-0001a", "2026-0002", "2026-0010", "CN-F-9", "F-9", "F-10", "f-100"]);
        assert_eq!(natural_cmp("A007", "A7"), Ordering::Equal);
    }

    #[test]
    fn status_filter_table() {
        let base = InvRow {
            id: InvoiceId(1),
            number: "1".into(),
            customer: CustomerId(1),
            customer_name: String::new(),
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            due: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            currency: Currency::EUR,
            amount: Decimal::ONE,
            open: Decimal::ONE,
            status: Some(InvoiceStatus::Open),
            late: 0,
            credits: None,
            haystack: String::new(),
        };
        let with = |s: Option<InvoiceStatus>, late: i64| InvRow { status: s, late, ..base.clone() };
        use InvoiceStatus::*;
        let rows = [
            ("open", with(Some(PartlyPaid), 0), true),
            ("open", with(Some(Disputed), 3), true),
            ("open", with(Some(Paid), 0), false),
            ("overdue", with(Some(Open), 0), false),
            ("overdue", with(Some(Open), 5), true),
            ("paid", with(Some(Paid), 0), true),
            ("credited", with(None, 0), true),
            ("credited", with(Some(Credited), 0), true),
            ("disputed", with(None, 0), false),
            ("written-off", with(Some(WrittenOff), 0), true),
            ("all", with(None, 0), true),
        ];
        for (f, r, want) in rows {
            assert_eq!(status_matches(f, &r), want, "filter {f} status {:?}", r.status);
        }
    }

    #[test]
    fn amount_input_round_trips() {
        for s in ["1234.5", "0.125", "12", "1000000.01"] {
            let d: Decimal = s.parse().unwrap();
            for lang in [Lang::Nl, Lang::En] {
                assert_eq!(parse_amount(&amount_input(lang, d)).unwrap(), d, "{s} in {lang:?}");
            }
        }
    }
}
