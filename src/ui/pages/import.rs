//! "Importeren": one page for every file another tool gives. The kind of file is recognised from
//! its content (not its name): a CSV export of customers, invoices or payments; UBL / Peppol
//! invoices and credit notes; a camt.053/054 or MT940 bank statement.
//!
//! Nothing is written until the user confirms what the preview shows: a CSV import is applied
//! all-or-nothing with its column mapping, answers and problems in view; UBL documents likewise;
//! of a bank statement only the matches the user ticks are booked (the certain ones are ticked
//! for them, the unsure ones are not). Every import can be undone from the toast.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::{DomainError, Ledger};
use crate::engine::matching::{book, propose, AcceptedMatch, MatchReport, Verdict};
use crate::i18n::Lang;
use crate::io::bank::{parse_statement, Statement};
use crate::io::csv_import::{self as csvi, Choices, DateOrder, DecimalSep, ParsedFile, Question, RecordKind, Severity, Target};
use crate::io::ubl::{apply_ubl, parse_ubl, preview_ubl, UblDocument};
use crate::ui::components::{error_list, tx, PageHeader};
use crate::ui::state::{use_state, AppState};

/// What kind of file it is, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Csv,
    Ubl,
    Bank,
}

/// Recognises a file by its content: XML with a bank-to-customer root is a camt statement, other
/// XML an UBL document; SWIFT tags `:20:` and `:61:` (or `:60F:`) an MT940 statement; anything
/// else is read as CSV.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let start = head.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        if head.contains("BkToCstmr") {
            Sniffed::Bank
        } else {
            Sniffed::Ubl
        }
    } else if head.contains(":20:") && (head.contains(":61:") || head.contains(":60F:") || head.contains(":25:")) {
        Sniffed::Bank
    } else {
        Sniffed::Csv
    }
}

/// A file as read, shared by the parts of the page (signals need `Send + Sync`).
#[derive(Clone)]
enum Loaded {
    Csv { name: String, file: Arc<ParsedFile> },
    Ubl { names: Vec<String>, docs: Arc<Vec<UblDocument>> },
    Bank { name: String, statements: Arc<Vec<Statement>> },
}

/// Replaces the ledger by `next` made from the ledger as stored now, with undo.
fn commit_import(state: AppState, message: String, next: impl Fn(&Ledger) -> Result<Ledger, DomainError>) -> Result<(), String> {
    let lang = state.lang_untracked();
    state
        .commit_undoable(message, move |l| {
            *l = next(l)?;
            Ok(())
        })
        .map_err(|e| e.message(lang))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_state();
    let loaded = RwSignal::new(None::<Loaded>);
    let errors = RwSignal::new(Vec::<String>::new());
    // The stage of a running import (1 reading, 2 recognising, 3 preview), shown as a progress
    // bar; between stages the browser gets a turn to draw it.
    let busy = RwSignal::new(None::<u8>);

    let on_files = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        busy.set(Some(1));
        spawn_local(async move {
            let lang = state.lang_untracked();
            let mut read: Vec<(String, Vec<u8>)> = Vec::new();
            let mut problems = Vec::new();
            for f in files {
                match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(buf) => read.push((f.name(), js_sys::Uint8Array::new(&buf).to_vec())),
                    Err(e) => problems.push(format!("{}: {} ({e:?})", f.name(), lang.tr("kan niet gelezen worden", "cannot be read"))),
                }
            }
            busy.set(Some(2));
            next_frame().await;
            let (next, more) = load(lang, read);
            problems.extend(more);
            errors.set(problems);
            busy.set(Some(3));
            next_frame().await;
            loaded.set(next);
            busy.set(None);
        });
    };

    view! {
        <div class="import-page">
            <PageHeader
                title=Signal::derive(move || state.lang().tr("Importeren", "Import").to_string())
                sub=Signal::derive(move || {
                    state
                        .lang()
                        .tr(
                            "CSV-exports van klanten, facturen en betalingen; UBL/Peppol-facturen; bankafschriften (camt.053, MT940). Eerst een voorbeeld, dan pas toepassen.",
                            "CSV exports of customers, invoices and payments; UBL/Peppol invoices; bank statements (camt.053, MT940). A preview first, then you apply.",
                        )
                        .to_string()
                })
            />
            <section class="card">
                <label class="file-drop" data-testid="import-pick">
                    <input
                        type="file"
                        multiple
                        data-testid="import-file"
                        accept=".csv,.txt,.tsv,.xml,.sta,.940,.swi,.mt940"
                        on:change=on_files
                    />
                    <span class="btn primary">{tx("Bestand kiezen…", "Choose a file…")}</span>
                    <span class="hint">
                        {tx(
                            "Het bestand blijft op deze computer: het wordt hier in de browser gelezen.",
                            "The file stays on this computer: it is read here in the browser.",
                        )}
                    </span>
                </label>
                {move || busy.get().map(|stage| {
                    let lang = state.lang();
                    let what = match stage {
                        1 => lang.tr("Bestand lezen…", "Reading the file…"),
                        2 => lang.tr("Opbouw en kolommen herkennen…", "Recognising the layout and columns…"),
                        _ => lang.tr("Voorbeeld opbouwen…", "Building the preview…"),
                    };
                    view! {
                        <div class="import-progress" data-testid="import-busy" role="status">
                            <progress max="3" value=stage.to_string()></progress>
                            <span class="hint">{format!("{} {stage}/3", what)}</span>
                        </div>
                    }
                })}
                {error_list(errors, "import-error")}
            </section>
            {move || match loaded.get() {
                None => ().into_any(),
                Some(Loaded::Csv { name, file }) => view! { <CsvImport name=name file=file done=loaded/> }.into_any(),
                Some(Loaded::Ubl { names, docs }) => view! { <UblImport names=names docs=docs done=loaded/> }.into_any(),
                Some(Loaded::Bank { name, statements }) => view! { <BankImport name=name statements=statements done=loaded/> }.into_any(),
            }}
        </div>
    }
}

/// Gives the browser a turn (to draw the progress) before the next stage of the import.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Reads the chosen files: one CSV or one bank statement, or any number of UBL documents.
fn load(lang: Lang, files: Vec<(String, Vec<u8>)>) -> (Option<Loaded>, Vec<String>) {
    let mut problems = Vec::new();
    let kinds: Vec<Sniffed> = files.iter().map(|(_, b)| sniff(b)).collect();
    if kinds.iter().all(|k| *k == Sniffed::Ubl) {
        let mut names = Vec::new();
        let mut docs = Vec::new();
        for (name, bytes) in &files {
            match parse_ubl(bytes) {
                Ok(d) => {
                    names.push(name.clone());
                    docs.push(d);
                }
                Err(e) => problems.push(format!("{name}: {}", lang.ubl_error(&e))),
            }
        }
        if !problems.is_empty() {
            return (None, problems);
        }
        return (Some(Loaded::Ubl { names, docs: Arc::new(docs) }), problems);
    }
    if files.len() > 1 {
        let msg = lang.tr(
            "Kies één CSV-bestand of één bankafschrift tegelijk (UBL-facturen mogen samen).",
            "Choose one CSV file or one bank statement at a time (UBL invoices may go together).",
        );
        return (None, vec![msg.to_string()]);
    }
    let (name, bytes) = files.into_iter().next().expect("one file");
    match kinds[0] {
        Sniffed::Bank => match parse_statement(&bytes) {
            Ok(s) => (Some(Loaded::Bank { name, statements: Arc::new(s) }), problems),
            Err(e) => (None, vec![format!("{name}: {}", lang.bank_error(&e))]),
        },
        Sniffed::Csv => match csvi::parse(&bytes) {
            Ok(f) => (Some(Loaded::Csv { name, file: Arc::new(f) }), problems),
            Err(e) => (None, vec![format!("{name}: {}", lang.import_parse_error(&e))]),
        },
        Sniffed::Ubl => unreachable!("handled above"),
    }
}

fn kind_key(k: RecordKind) -> &'static str {
    match k {
        RecordKind::Customers => "customers",
        RecordKind::Invoices => "invoices",
        RecordKind::Payments => "payments",
    }
}

const KINDS: [RecordKind; 3] = [RecordKind::Customers, RecordKind::Invoices, RecordKind::Payments];

/// The CSV import: what was read, the mapping, the questions, the preview and its problems.
#[component]
fn CsvImport(name: String, file: Arc<ParsedFile>, done: RwSignal<Option<Loaded>>) -> impl IntoView {
    let state = use_state();
    let mapping = RwSignal::new(csvi::suggest(&file));
    let choices = RwSignal::new(Choices::default());
    let file2 = file.clone();
    let preview = Memo::new(move |_| {
        let m = mapping.get();
        let c = choices.get();
        state.ledger.with(|l| Arc::new(csvi::preview(l, &file2, &m, &c)))
    });
    let apply = move |_| {
        let lang = state.lang_untracked();
        let p = preview.get_untracked();
        let message = match lang {
            Lang::Nl => format!(
                "Geïmporteerd: {} nieuwe klanten, {} facturen, {} betalingen; {} klanten en {} facturen bijgewerkt.",
                p.new_customers.len(),
                p.new_invoices.len(),
                p.new_payments.len(),
                p.updated_customers.len(),
                p.updated_invoices.len()
            ),
            Lang::En => format!(
                "Imported: {} new customers, {} invoices, {} payments; {} customers and {} invoices updated.",
                p.new_customers.len(),
                p.new_invoices.len(),
                p.new_payments.len(),
                p.updated_customers.len(),
                p.updated_invoices.len()
            ),
        };
        // Applied to the ledger as stored now; if it changed so that a record no longer fits,
        // nothing is applied.
        let result = commit_import(state, message, move |l| {
            csvi::apply(l, &p).map_err(|e| match e {
                csvi::ApplyError::Domain { error, .. } => error,
                _ => DomainError::EditConflict { fields: Vec::new() },
            })
        });
        match result {
            Ok(()) => done.set(None),
            Err(e) => state.error(e),
        }
    };

    let headers = file.headers.clone();
    let samples: Vec<String> = (0..file.columns())
        .map(|c| file.rows.iter().map(|r| r.get(c)).filter(|v| !v.is_empty()).take(2).collect::<Vec<_>>().join(" · "))
        .collect();
    let info = {
        let f = file.clone();
        move || {
            let lang = state.lang();
            match lang {
                Lang::Nl => format!(
                    "{name}: {} rijen; {}, scheidingsteken {}; kopregel op regel {}{}.",
                    f.rows.len(),
                    lang.import_encoding(f.encoding),
                    lang.import_delimiter(f.delimiter),
                    f.header_line,
                    if f.preamble.is_empty() { String::new() } else { format!(" ({} regels ervoor overgeslagen)", f.preamble.len()) }
                ),
                Lang::En => format!(
                    "{name}: {} rows; {}, delimiter {}; header on line {}{}.",
                    f.rows.len(),
                    lang.import_encoding(f.encoding),
                    lang.import_delimiter(f.delimiter),
                    f.header_line,
                    if f.preamble.is_empty() { String::new() } else { format!(" ({} lines before it skipped)", f.preamble.len()) }
                ),
            }
        }
    };

    view! {
        <section class="card import-csv" data-testid="import-csv">
            <div class="card-head">
                <h2>{tx("CSV-bestand", "CSV file")}</h2>
                <span class="hint" data-testid="import-info">{info}</span>
            </div>
            <div class="form-grid">
                <div class="field">
                    <label for="f-import-kind">{tx("Het bestand bevat", "The file holds")}</label>
                    <select
                        id="f-import-kind"
                        data-testid="import-kind"
                        prop:value=move || kind_key(mapping.with(|m| m.kind))
                        on:change={
                            let file = file.clone();
                            move |ev| {
                                let key = event_target_value(&ev);
                                if let Some(k) = KINDS.into_iter().find(|k| kind_key(*k) == key) {
                                    mapping.set(csvi::suggest_mapping(&file, k));
                                }
                            }
                        }
                    >
                        {move || {
                            let lang = state.lang();
                            KINDS.map(|k| view! { <option value=kind_key(k)>{lang.record_kind(k)}</option> }).collect_view()
                        }}
                    </select>
                </div>
            </div>
            <h3>{tx("Kolommen", "Columns")}</h3>
            <div class="table-wrap">
                <table class="data import-mapping" data-testid="import-mapping">
                    <thead>
                        <tr>
                            <th>{tx("Kolom", "Column")}</th>
                            <th>{tx("Voorbeeld", "Example")}</th>
                            <th>{tx("Wordt", "Becomes")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {headers
                            .into_iter()
                            .zip(samples)
                            .enumerate()
                            .map(|(col, (header, sample))| view! {
                                <tr data-testid="mapping-row">
                                    <td>{if header.is_empty() { format!("({})", col + 1) } else { header.clone() }}</td>
                                    <td class="muted cell-clip">{sample}</td>
                                    <td>
                                        <select
                                            data-testid="mapping-target"
                                            aria-label=header.clone()
                                            prop:value=move || mapping.with(|m| target_key(m.columns.get(col).copied().flatten()))
                                            on:change=move |ev| {
                                                let key = event_target_value(&ev);
                                                mapping.update(|m| m.set(col, target_from_key(m.kind, &key)));
                                            }
                                        >
                                            {move || {
                                                let lang = state.lang();
                                                let kind = mapping.with(|m| m.kind);
                                                std::iter::once(view! { <option value="">{lang.tr("(niet gebruiken)", "(do not use)")}</option> }.into_any())
                                                    .chain(Target::for_kind(kind).iter().map(|t| {
                                                        view! { <option value=target_key(Some(*t))>{lang.target_label(*t)}</option> }.into_any()
                                                    }))
                                                    .collect_view()
                                            }}
                                        </select>
                                    </td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {move || {
                let p = preview.get();
                let lang = state.lang();
                let questions = p.questions.clone();
                view! {
                    {(!questions.is_empty()).then(|| view! {
                        <div class="import-questions" data-testid="import-questions">
                            <h3>{lang.tr("Even kiezen", "Please choose")}</h3>
                            {questions.into_iter().map(|q| question_view(lang, q, choices)).collect_view()}
                        </div>
                    })}
                    {summary(lang, &p)}
                    {problems_view(lang, &p)}
                    <div class="form-actions">
                        {(p.errors() > 0).then(|| view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    data-testid="import-skip-errors"
                                    prop:checked=move || choices.with(|c| c.skip_error_rows)
                                    on:change=move |ev| choices.update(|c| c.skip_error_rows = event_target_checked(&ev))
                                />
                                {lang.tr(" Rijen met fouten overslaan en de rest importeren", " Leave out the rows with errors and import the rest")}
                            </label>
                        })}
                        <button
                            class="btn primary"
                            data-testid="import-apply"
                            disabled=!p.can_apply() || p.is_empty()
                            on:click=apply
                        >
                            {lang.tr("Importeren", "Import")}
                        </button>
                        <button class="btn" on:click=move |_| done.set(None)>{lang.tr("Annuleren", "Cancel")}</button>
                    </div>
                }
            }}
        </section>
    }
}

fn target_key(t: Option<Target>) -> String {
    t.map(|t| format!("{t:?}")).unwrap_or_default()
}

fn target_from_key(kind: RecordKind, key: &str) -> Option<Target> {
    Target::for_kind(kind).iter().copied().find(|t| format!("{t:?}") == key)
}

/// A question about the file, with its two readings as the choices.
fn question_view(lang: Lang, q: Question, choices: RwSignal<Choices>) -> impl IntoView {
    let text = lang.import_question(&q);
    let (a, b, pick_a, pick_b): (String, String, Choices, Choices) = match &q {
        Question::DateOrder { as_day_month, as_month_day, .. } => (
            format!("{} ({})", lang.tr("dag-maand", "day-month"), lang.date(*as_day_month)),
            format!("{} ({})", lang.tr("maand-dag", "month-day"), lang.date(*as_month_day)),
            Choices { date_order: Some(DateOrder::DayMonth), ..choices.get_untracked() },
            Choices { date_order: Some(DateOrder::MonthDay), ..choices.get_untracked() },
        ),
        Question::DecimalSep { as_dot, as_comma, .. } => (
            format!("{} ({as_dot})", lang.tr("punt is de komma", "dot is the decimal point")),
            format!("{} ({as_comma})", lang.tr("punt scheidt duizendtallen", "dot separates thousands")),
            Choices { decimal_sep: Some(DecimalSep::Dot), ..choices.get_untracked() },
            Choices { decimal_sep: Some(DecimalSep::Comma), ..choices.get_untracked() },
        ),
    };
    view! {
        <div class="import-question" data-testid="import-question">
            <p>{text}</p>
            <button class="btn small" data-testid="question-a" on:click=move |_| choices.set(pick_a.clone())>{a}</button>
            " "
            <button class="btn small" data-testid="question-b" on:click=move |_| choices.set(pick_b.clone())>{b}</button>
        </div>
    }
}

/// What the import will do, in counts.
fn summary(lang: Lang, p: &csvi::Preview) -> impl IntoView {
    let rows = [
        (lang.tr("Nieuwe klanten", "New customers"), p.new_customers.len(), "sum-new-customers"),
        (lang.tr("Klanten bijgewerkt", "Customers updated"), p.updated_customers.len(), "sum-updated-customers"),
        (lang.tr("Nieuwe facturen", "New invoices"), p.new_invoices.len(), "sum-new-invoices"),
        (lang.tr("Facturen bijgewerkt", "Invoices updated"), p.updated_invoices.len(), "sum-updated-invoices"),
        (lang.tr("Nieuwe betalingen", "New payments"), p.new_payments.len(), "sum-new-payments"),
        (lang.tr("Al aanwezig, ongewijzigd", "Already there, unchanged"), p.unchanged, "sum-unchanged"),
        (lang.tr("Fouten", "Errors"), p.errors(), "sum-errors"),
        (lang.tr("Waarschuwingen", "Warnings"), p.warnings(), "sum-warnings"),
    ];
    view! {
        <h3>{lang.tr("Voorbeeld", "Preview")}</h3>
        <dl class="import-summary" data-testid="import-summary">
            {rows.into_iter().map(|(label, n, id)| view! { <div><dt>{label}</dt><dd data-testid=id>{n}</dd></div> }).collect_view()}
        </dl>
    }
}

/// Every problem with its line and column, errors first.
fn problems_view(lang: Lang, p: &csvi::Preview) -> impl IntoView {
    let mut list: Vec<&csvi::Problem> = p.problems.iter().collect();
    crate::sort::by_key(&mut list, |x| (x.severity, x.line));
    let shown = list.len().min(500);
    (!list.is_empty()).then(|| view! {
        <div class="table-wrap">
            <table class="data import-problems" data-testid="import-problems">
                <thead>
                    <tr>
                        <th>{lang.tr("Soort", "Kind")}</th>
                        <th>{lang.tr("Melding", "Message")}</th>
                    </tr>
                </thead>
                <tbody>
                    {list[..shown]
                        .iter()
                        .map(|x| {
                            let class = match x.severity {
                                Severity::Error => "badge danger",
                                Severity::Warning => "badge warn",
                                Severity::Note => "badge info",
                            };
                            view! {
                                <tr data-testid="import-problem">
                                    <td><span class=class>{lang.import_severity(x.severity)}</span></td>
                                    <td>{lang.import_problem(x)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(list.len() > shown).then(|| view! { <p class="hint">{format!("… {} {}", list.len() - shown, lang.tr("meer", "more"))}</p> })}
    })
}

/// UBL documents: the customers and documents to add, what is skipped and why.
#[component]
fn UblImport(names: Vec<String>, docs: Arc<Vec<UblDocument>>, done: RwSignal<Option<Loaded>>) -> impl IntoView {
    let state = use_state();
    let docs2 = docs.clone();
    let preview = Memo::new(move |_| state.ledger.with(|l| Arc::new(preview_ubl(l, &docs2))));
    let apply = move |_| {
        let lang = state.lang_untracked();
        let p = preview.get_untracked();
        let message = match lang {
            Lang::Nl => format!("Geïmporteerd: {} documenten, {} nieuwe klanten.", p.documents.len(), p.new_customers.len()),
            Lang::En => format!("Imported: {} documents, {} new customers.", p.documents.len(), p.new_customers.len()),
        };
        let result = commit_import(state, message, move |l| {
            apply_ubl(l, &p).map_err(|_| DomainError::EditConflict { fields: Vec::new() })
        });
        match result {
            Ok(()) => done.set(None),
            Err(e) => state.error(e),
        }
    };
    view! {
        <section class="card" data-testid="import-ubl">
            <div class="card-head">
                <h2>{tx("UBL-facturen", "UBL invoices")}</h2>
                <span class="hint">{names.join(", ")}</span>
            </div>
            {move || {
                let p = preview.get();
                let lang = state.lang();
                let name_of = |id: crate::domain::CustomerId| state.ledger.with_untracked(|l| l.customer(id).map(|c| c.name.clone()).unwrap_or_default());
                view! {
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th>{lang.tr("Nummer", "Number")}</th>
                                    <th>{lang.tr("Klant", "Customer")}</th>
                                    <th>{lang.tr("Datum", "Date")}</th>
                                    <th>{lang.tr("Vervalt", "Due")}</th>
                                    <th class="num">{lang.tr("Te betalen", "Payable")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.documents
                                    .iter()
                                    .map(|d| {
                                        let customer = match &d.customer {
                                            crate::io::ubl::CustomerRef::Existing(id) => name_of(*id),
                                            crate::io::ubl::CustomerRef::New(i) => p.new_customers.get(*i).map(|c| format!("{} ({})", c.name, lang.tr("nieuw", "new"))).unwrap_or_default(),
                                        };
                                        view! {
                                            <tr data-testid="ubl-doc">
                                                <td>{d.invoice.number.clone()}{d.credits.is_some().then(|| format!(" ({})", lang.tr("creditnota", "credit note")))}</td>
                                                <td>{customer}</td>
                                                <td>{lang.date(d.invoice.date)}</td>
                                                <td>{lang.date(d.invoice.due)}</td>
                                                <td class="num">{lang.money(d.invoice.amount)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <ul class="plain import-notes">
                        {p.skipped.iter().map(|s| view! { <li data-testid="ubl-skipped">{lang.ubl_skipped(s)}</li> }).collect_view()}
                        {p.problems.iter().map(|x| view! { <li class="form-error" data-testid="ubl-problem">{lang.ubl_problem(x)}</li> }).collect_view()}
                    </ul>
                    <div class="form-actions">
                        <button class="btn primary" data-testid="import-apply" disabled=!p.problems.is_empty() || p.documents.is_empty() on:click=apply>
                            {lang.tr("Importeren", "Import")}
                        </button>
                        <button class="btn" on:click=move |_| done.set(None)>{lang.tr("Annuleren", "Cancel")}</button>
                    </div>
                }
            }}
        </section>
    }
}

/// A bank statement: every incoming payment with its proposed match; the certain ones ticked.
#[component]
fn BankImport(name: String, statements: Arc<Vec<Statement>>, done: RwSignal<Option<Loaded>>) -> impl IntoView {
    let state = use_state();
    let st = statements.clone();
    let report = Memo::new(move |_| state.ledger.with(|l| Arc::new(propose(l, &st))));
    // Ticked proposals, by index in the report; the certain ones to begin with.
    let ticked = RwSignal::new(report.with_untracked(|r| {
        r.proposals.iter().enumerate().filter(|(_, p)| p.verdict == Verdict::Certain).map(|(i, _)| i).collect::<Vec<_>>()
    }));
    let ticked_returns = RwSignal::new(Vec::<usize>::new());
    let confirm = move |_| {
        let lang = state.lang_untracked();
        let r: Arc<MatchReport> = report.get_untracked();
        let picks = ticked.get_untracked();
        let mut accepted: Vec<AcceptedMatch> = r.proposals.iter().enumerate().filter(|(i, _)| picks.contains(i)).filter_map(|(_, p)| p.accept()).collect();
        let returns = ticked_returns.get_untracked();
        accepted.extend(r.returns.iter().enumerate().filter(|(i, _)| returns.contains(i)).filter_map(|(_, x)| x.accept()));
        if accepted.is_empty() {
            return;
        }
        let message = match lang {
            Lang::Nl => format!("{} bankregels verwerkt.", accepted.len()),
            Lang::En => format!("{} bank entries processed.", accepted.len()),
        };
        match commit_import(state, message, move |l| book(l, &accepted)) {
            Ok(()) => done.set(None),
            Err(e) => state.error(e),
        }
    };
    let n_tx: usize = statements.iter().map(|s| s.transactions.len()).sum();
    view! {
        <section class="card" data-testid="import-bank">
            <div class="card-head">
                <h2>{tx("Bankafschrift", "Bank statement")}</h2>
                <span class="hint">{move || match state.lang() {
                    Lang::Nl => format!("{name}: {} afschrift(en), {n_tx} regels", statements.len()),
                    Lang::En => format!("{name}: {} statement(s), {n_tx} entries", statements.len()),
                }}</span>
            </div>
            {move || {
                let r = report.get();
                let lang = state.lang();
                let name_of = |id: Option<crate::domain::CustomerId>| {
                    id.and_then(|id| state.ledger.with_untracked(|l| l.customer(id).map(|c| c.name.clone()))).unwrap_or_else(|| "—".into())
                };
                let number_of = |id: crate::domain::InvoiceId| state.ledger.with_untracked(|l| l.invoice(id).map(|i| i.number.clone()).unwrap_or_default());
                view! {
                    {r.balance_findings.iter().map(|(_, m)| view! { <p class="notice warn" data-testid="bank-balance">{lang.balance_mismatch(m)}</p> }).collect_view()}
                    <div class="table-wrap">
                        <table class="data bank-matches" data-testid="bank-matches">
                            <thead>
                                <tr>
                                    <th>{lang.tr("Boeken", "Book")}</th>
                                    <th>{lang.tr("Datum", "Date")}</th>
                                    <th class="num">{lang.tr("Bedrag", "Amount")}</th>
                                    <th>{lang.tr("Betaler en omschrijving", "Payer and description")}</th>
                                    <th>{lang.tr("Voorstel", "Proposal")}</th>
                                    <th>{lang.tr("Waarom", "Why")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {r.proposals
                                    .iter()
                                    .enumerate()
                                    .map(|(i, p)| {
                                        let can = p.accept().is_some();
                                        let verdict_class = match p.verdict {
                                            Verdict::Certain => "badge ok",
                                            Verdict::Unsure => "badge warn",
                                            Verdict::Unmatched => "badge danger",
                                            _ => "badge",
                                        };
                                        let alloc = p
                                            .allocations
                                            .iter()
                                            .map(|a| format!("{} {}", number_of(a.invoice), lang.amount(a.amount, p.amount.currency)))
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! {
                                            <tr data-testid="bank-proposal" data-verdict=format!("{:?}", p.verdict).split(' ').next().unwrap_or("").to_string()>
                                                <td>
                                                    <input
                                                        type="checkbox"
                                                        data-testid="bank-tick"
                                                        disabled=!can
                                                        prop:checked=move || ticked.with(|t| t.contains(&i))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            ticked.update(|t| {
                                                                t.retain(|x| *x != i);
                                                                if on {
                                                                    t.push(i);
                                                                }
                                                            });
                                                        }
                                                    />
                                                </td>
                                                <td>{lang.date(p.date)}</td>
                                                <td class="num">{lang.money(p.amount)}</td>
                                                <td>
                                                    <div>{p.payer_name.clone()}</div>
                                                    <div class="muted small">{p.reference.clone()}</div>
                                                </td>
                                                <td>
                                                    <span class=verdict_class>{lang.verdict(&p.verdict)}</span>
                                                    <div>{name_of(p.customer)}</div>
                                                    <div class="muted small">{alloc}</div>
                                                </td>
                                                <td class="small">
                                                    <ul class="plain">{p.reasons.iter().map(|x| view! { <li>{lang.match_reason(x)}</li> }).collect_view()}</ul>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(!r.returns.is_empty()).then(|| view! {
                        <h3>{lang.tr("Terugboekingen", "Returns and reversals")}</h3>
                        <ul class="plain">
                            {r.returns.iter().enumerate().map(|(i, x)| {
                                let can = x.accept().is_some();
                                view! {
                                    <li data-testid="bank-return">
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                disabled=!can
                                                prop:checked=move || ticked_returns.with(|t| t.contains(&i))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    ticked_returns.update(|t| {
                                                        t.retain(|v| *v != i);
                                                        if on {
                                                            t.push(i);
                                                        }
                                                    });
                                                }
                                            />
                                            {format!(
                                                " {} {} {}{}",
                                                lang.date(x.date),
                                                lang.money(x.amount),
                                                x.reason_code.as_deref().map(|c| lang.return_reason(c)).unwrap_or_default(),
                                                if can { lang.tr(" — de oorspronkelijke betaling verwijderen", " — remove the original payment") } else { "" }
                                            )}
                                        </label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                    <p class="hint">
                        {match lang {
                            Lang::Nl => format!("{} afschrijvingen en {} nulbedragen horen niet bij klanten en worden niet geboekt.", r.debits.len(), r.zero.len()),
                            Lang::En => format!("{} debits and {} zero entries are not customer payments and are not booked.", r.debits.len(), r.zero.len()),
                        }}
                    </p>
                }
            }}
            <div class="form-actions">
                <button class="btn primary" data-testid="bank-book" on:click=confirm>
                    {move || match state.lang() {
                        Lang::Nl => format!("{} aangevinkte boeken", ticked.with(Vec::len) + ticked_returns.with(Vec::len)),
                        Lang::En => format!("Book {} ticked", ticked.with(Vec::len) + ticked_returns.with(Vec::len)),
                    }}
                </button>
                <button class="btn" on:click=move |_| done.set(None)>{tx("Annuleren", "Cancel")}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_their_content() {
        let rows: [(&[u8], Sniffed); 7] = [
            (b"Factuurnr;Klant;Bedrag\n1;A;2\n", Sniffed::Csv),
            (b"\xef\xbb\xbf<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis\">", Sniffed::Ubl),
            (b"<ubl:CreditNote xmlns:ubl=\"x\">", Sniffed::Ubl),
            (b"<Document><BkToCstmrStmt>", Sniffed::Bank),
            (b"  <?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\"><BkToCstmrDbtCdtNtfctn>", Sniffed::Bank),
            (b":20:940S130403\r\n:25:NL34RABO0142623393\r\n:28C:0\r\n:60F:C130402EUR000000001147,95\r\n", Sniffed::Bank),
            (b"ABNANL2A\n940\nABNANL2A\n:20:ABN AMRO BANK NV\n:25:517852257\n", Sniffed::Bank),
        ];
        for (bytes, expected) in rows {
            assert_eq!(sniff(bytes), expected, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
