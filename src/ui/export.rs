//! Exports of the tables the user sees — customers, invoices, payments, the worklist, the
//! signals, the aging — to CSV and to Excel (.xlsx), through `io::export`. The builders of the
//! computed tables are here (they take `today` and produce plain `Table`s); the buttons download
//! the file in the browser.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::Ledger;
use crate::engine::aging::Bucket;
use crate::engine::dunning::plan;
use crate::engine::risk::signals::all_signals;
use crate::i18n::Lang;
use crate::io::export::{to_csv, to_xlsx, Cell, Table};
use crate::ui::components::tx;
use crate::ui::state::use_state;

/// Triggers a download of `bytes` as a file.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Which table a button exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    Customers,
    Invoices,
    Payments,
    Worklist,
    Signals,
    Aging,
}

impl Export {
    fn file_stem(self, lang: Lang) -> &'static str {
        match self {
            Export::Customers => lang.tr("klanten", "customers"),
            Export::Invoices => lang.tr("facturen", "invoices"),
            Export::Payments => lang.tr("betalingen", "payments"),
            Export::Worklist => lang.tr("werklijst", "worklist"),
            Export::Signals => lang.tr("signalen", "signals"),
            Export::Aging => lang.tr("ouderdom", "aging"),
        }
    }

    /// The table as of `today`.
    pub fn table(self, l: &Ledger, lang: Lang, today: NaiveDate) -> Table {
        match self {
            Export::Customers => crate::io::export::customers_table(l, lang),
            Export::Invoices => crate::io::export::invoices_table(l, lang),
            Export::Payments => crate::io::export::payments_table(l, lang),
            Export::Worklist => worklist_table(l, lang, today),
            Export::Signals => signals_table(l, lang, today),
            Export::Aging => aging_table(l, lang, today),
        }
    }
}

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

fn customer_cells(l: &Ledger, id: crate::domain::CustomerId) -> [Cell; 2] {
    let c = l.customer(id);
    [Cell::text(c.map(|c| c.number.clone()).unwrap_or_default()), Cell::text(c.map(|c| c.name.clone()).unwrap_or_default())]
}

/// Today's actions: one row per invoice of each action.
pub fn worklist_table(l: &Ledger, lang: Lang, today: NaiveDate) -> Table {
    let p = plan(l, today);
    let h = match lang {
        Lang::Nl => ["Klantnummer", "Klant", "Actie", "Kanaal", "Medewerker", "Factuur", "Vervaldatum", "Dagen over", "Open", "Munt"],
        Lang::En => ["Customer number", "Customer", "Action", "Channel", "Collector", "Invoice", "Due date", "Days overdue", "Open", "Currency"],
    };
    let mut rows = Vec::new();
    for a in &p.actions {
        let what = match a.kind {
            crate::engine::dunning::ActionKind::Step(k) => lang.step_kind(k).to_string(),
            crate::engine::dunning::ActionKind::PromiseBroken { .. } => lang.tr("Belofte niet nagekomen", "Promise broken").to_string(),
            crate::engine::dunning::ActionKind::ProofOfPayment { .. } => lang.tr("Kopie betaalopdracht vragen", "Ask for the transfer order").to_string(),
        };
        for i in &a.items {
            let [number, name] = customer_cells(l, a.customer);
            rows.push(vec![
                number,
                name,
                Cell::text(what.clone()),
                Cell::text(lang.channel(a.channel)),
                Cell::text(lang.collector(a.level)),
                Cell::text(i.number.clone()),
                Cell::Date(i.due),
                Cell::Int(i.days_overdue),
                Cell::Number(i.open.amount),
                Cell::text(i.open.currency.code()),
            ]);
        }
    }
    Table { headers: headers(&h), rows }
}

/// Every open warning signal.
pub fn signals_table(l: &Ledger, lang: Lang, today: NaiveDate) -> Table {
    let h = match lang {
        Lang::Nl => ["Klantnummer", "Klant", "Signaal", "Ernst", "Sinds", "Achterstand", "Bewijs"],
        Lang::En => ["Customer number", "Customer", "Signal", "Severity", "Since", "Overdue", "Evidence"],
    };
    let rows = all_signals(l, today, &l.settings.risk)
        .into_iter()
        .map(|s| {
            let [number, name] = customer_cells(l, s.customer);
            vec![
                number,
                name,
                Cell::text(lang.signal_kind(s.kind)),
                Cell::text(lang.severity(s.severity)),
                Cell::Date(s.first_seen),
                Cell::Number(s.at_risk),
                Cell::text(lang.signal_evidence(&s, l).join(" ")),
            ]
        })
        .collect();
    Table { headers: headers(&h), rows }
}

/// Every open invoice with its aging bucket as of `today`.
pub fn aging_table(l: &Ledger, lang: Lang, today: NaiveDate) -> Table {
    let h = match lang {
        Lang::Nl => ["Klantnummer", "Klant", "Factuur", "Factuurdatum", "Vervaldatum", "Dagen over", "Categorie", "Open", "Munt"],
        Lang::En => ["Customer number", "Customer", "Invoice", "Invoice date", "Due date", "Days overdue", "Bucket", "Open", "Currency"],
    };
    let balances = l.balances();
    let mut rows = Vec::new();
    for inv in l.invoices().filter(|i| !i.is_credit_note()) {
        let open = balances.get(&inv.id).map(|b| b.open()).unwrap_or_default();
        if open <= rust_decimal::Decimal::ZERO {
            continue;
        }
        let days = (today - inv.due).num_days();
        let [number, name] = customer_cells(l, inv.customer);
        rows.push(vec![
            number,
            name,
            Cell::text(inv.number.clone()),
            Cell::Date(inv.date),
            Cell::Date(inv.due),
            Cell::Int(days.max(0)),
            Cell::text(bucket_name(lang, Bucket::for_days(days))),
            Cell::Number(open),
            Cell::text(inv.amount.currency.code()),
        ]);
    }
    Table { headers: headers(&h), rows }
}

fn bucket_name(lang: Lang, b: Bucket) -> &'static str {
    match b {
        Bucket::NotDue => lang.tr("Niet vervallen", "Not due"),
        Bucket::Days1To30 => lang.tr("1-30 dagen", "1-30 days"),
        Bucket::Days31To60 => lang.tr("31-60 dagen", "31-60 days"),
        Bucket::Days61To90 => lang.tr("61-90 dagen", "61-90 days"),
        Bucket::Over90 => lang.tr("Meer dan 90 dagen", "More than 90 days"),
    }
}

/// "CSV" and "Excel" buttons for a table. CSV uses `;` and a decimal comma in Dutch (as a Dutch
/// spreadsheet program expects), `,` and a decimal point in English.
#[component]
pub fn ExportButtons(what: Export) -> impl IntoView {
    let state = use_state();
    let go = move |xlsx: bool| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let table = state.ledger.with_untracked(|l| what.table(l, lang, today));
        let stem = format!("stipt-{}-{}", what.file_stem(lang), today.format("%Y-%m-%d"));
        let result = if xlsx {
            download_bytes(
                &format!("{stem}.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &to_xlsx(&table, what.file_stem(lang)),
            )
        } else {
            let nl = lang == Lang::Nl;
            download_bytes(&format!("{stem}.csv"), "text/csv;charset=utf-8", to_csv(&table, if nl { b';' } else { b',' }, nl).as_bytes())
        };
        if let Err(e) = result {
            state.error(format!("{} ({e})", lang.tr("Downloaden is mislukt", "The download failed")));
        }
    };
    view! {
        <span class="export-buttons" data-testid="export">
            <button class="btn" data-testid="export-csv" title=tx("Deze tabel als CSV", "This table as CSV") on:click=move |_| go(false)>"CSV"</button>
            <button class="btn" data-testid="export-xlsx" title=tx("Deze tabel als Excel-bestand", "This table as an Excel file") on:click=move |_| go(true)>"Excel"</button>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ledger;

    #[test]
    fn computed_tables_have_a_cell_per_header_and_the_engine_numbers() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let l = demo_ledger(today);
        for what in [Export::Customers, Export::Invoices, Export::Payments, Export::Worklist, Export::Signals, Export::Aging] {
            for lang in [Lang::Nl, Lang::En] {
                let t = what.table(&l, lang, today);
                assert!(!t.rows.is_empty(), "{what:?}");
                assert!(t.rows.iter().all(|r| r.len() == t.headers.len()), "{what:?} {lang:?}");
            }
        }
        // The aging export adds up to the engine's aging.
        let t = aging_table(&l, Lang::Nl, today);
        let sum: rust_decimal::Decimal = t.rows.iter().filter_map(|r| if let Cell::Number(d) = r[7] { Some(d) } else { None }).sum();
        let aging = crate::engine::aging::age(&l, None, today);
        let engine: rust_decimal::Decimal = aging.per_currency.values().flat_map(|b| b.iter()).sum();
        assert_eq!(sum, engine);
        // The worklist export has a row per invoice of every action.
        let items: usize = plan(&l, today).actions.iter().map(|a| a.items.len()).sum();
        assert_eq!(worklist_table(&l, Lang::En, today).rows.len(), items);
    }
}
