//! Exports of the tables the user sees — customers, invoices, payments, the worklist, the
//! signals, the aging, the receivables figures (total, per customer, per segment, per month),
//! the market segments, the prospects and the market counts — to CSV and to Excel (.xlsx),
//! through `io::export`. The builders of the
//! computed tables are here (they take `today` and produce plain `Table`s); the buttons download
//! the file in the browser.

use chrono::NaiveDate;
use leptos::prelude::*;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::domain::{round_cents, Ledger, Region, SizeClass};
use crate::engine::aging::Bucket;
use crate::engine::analysis::kpi::{kpi_report, kpi_series, Figure, Kpi, KpiOptions, KpiSet, Period, Scope};
use crate::engine::analysis::market::{analyse_market, look_alikes, Factor, MarketAnalysis, MarketGap, MarketOptions};
use crate::engine::analysis::segments::{segment, segment_kpis, Dimension, SegmentKey, SegmentOptions};
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
    /// The receivables figures of a period, in total and per customer.
    Kpis(Period),
    /// The monthly trend of the figures.
    Trend,
    /// The figures per segment.
    SegmentKpis(Period, Dims),
    /// The segments with market penetration and ranking.
    Market(Period, Dims),
    /// The look-alike prospects.
    Prospects(Period, Dims),
    /// The market counts as entered.
    MarketCounts,
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
            Export::Kpis(_) => lang.tr("kengetallen", "figures"),
            Export::Trend => lang.tr("kengetallen-per-maand", "figures-per-month"),
            Export::SegmentKpis(..) => lang.tr("kengetallen-per-segment", "figures-per-segment"),
            Export::Market(..) => lang.tr("marktsegmenten", "market-segments"),
            Export::Prospects(..) => lang.tr("prospects", "prospects"),
            Export::MarketCounts => lang.tr("marktaantallen", "market-counts"),
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
            Export::Kpis(period) => kpis_table(l, lang, period),
            Export::Trend => trend_table(l, lang, today),
            Export::SegmentKpis(period, dims) => segment_kpis_table(l, lang, period, dims),
            Export::Market(period, dims) => market_table(l, lang, period, dims),
            Export::Prospects(period, dims) => prospects_table(l, lang, period, dims),
            Export::MarketCounts => market_counts_table(l, lang),
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

// ----- the analysis (figures and market pages) -----

/// A set of segment dimensions as bits in [`Dimension::ALL`] order: a `Copy` value for
/// [`Export`] and the pages' signals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dims(pub u8);

impl Dims {
    pub fn of(dimensions: &[Dimension]) -> Dims {
        Dims(dimensions.iter().fold(0, |bits, d| bits | Dims::bit(*d)))
    }

    fn bit(d: Dimension) -> u8 {
        let i = Dimension::ALL.iter().position(|x| *x == d).unwrap_or(0);
        1 << i
    }

    pub fn has(self, d: Dimension) -> bool {
        self.0 & Dims::bit(d) != 0
    }

    pub fn toggle(self, d: Dimension) -> Dims {
        Dims(self.0 ^ Dims::bit(d))
    }

    pub fn key(self) -> SegmentKey {
        SegmentKey::new(Dimension::ALL.into_iter().filter(|d| self.has(*d)))
    }
}

/// The settings of the figures: the defaults of the engine (30-day months, 12 months of
/// count-back, a 3-month period per point of the trend).
pub fn kpi_options() -> KpiOptions {
    KpiOptions::default()
}

/// How many months the trend charts show.
pub const TREND_MONTHS: u32 = 12;

/// A figure rounded to one decimal, or the reason it is missing (in the sheet's language).
fn figure_cell(lang: Lang, f: Figure) -> Cell {
    match f {
        Ok(v) => Cell::Number(v.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)),
        Err(n) => Cell::text(lang.not_enough_data(n)),
    }
}

fn kpi_headers(lang: Lang) -> Vec<String> {
    Kpi::ALL.iter().map(|k| lang.kpi_name(*k).to_string()).collect()
}

fn kpi_cells(lang: Lang, set: &KpiSet) -> Vec<Cell> {
    let mut out = vec![
        Cell::text(set.currency.code()),
        Cell::Number(set.base.closing_total()),
        Cell::Number(set.base.closing_overdue()),
        Cell::Number(set.base.sales),
    ];
    out.extend(Kpi::ALL.iter().map(|k| figure_cell(lang, set.value(*k))));
    out
}

fn kpi_base_headers(lang: Lang) -> Vec<String> {
    let mut h = headers(&match lang {
        Lang::Nl => ["Munt", "Openstaand eind", "Vervallen eind", "Omzet op rekening"],
        Lang::En => ["Currency", "Receivables at end", "Overdue at end", "Credit sales"],
    });
    h.extend(kpi_headers(lang));
    h
}

/// The receivables figures of `period`: the total first (per currency), then every customer.
pub fn kpis_table(l: &Ledger, lang: Lang, period: Period) -> Table {
    let report = kpi_report(l, period, &kpi_options());
    let mut h = headers(&match lang {
        Lang::Nl => ["Klantnummer", "Klant"],
        Lang::En => ["Customer number", "Customer"],
    });
    h.extend(kpi_base_headers(lang));
    let mut rows = Vec::new();
    for set in report.total.values() {
        let mut row = vec![Cell::Empty, Cell::text(lang.tr("Totaal", "Total"))];
        row.extend(kpi_cells(lang, set));
        rows.push(row);
    }
    for (id, sets) in &report.customers {
        for set in sets.values() {
            let mut row = customer_cells(l, *id).to_vec();
            row.extend(kpi_cells(lang, set));
            rows.push(row);
        }
    }
    Table { headers: h, rows }
}

/// The monthly trend of the figures: one row per month end and currency.
pub fn trend_table(l: &Ledger, lang: Lang, today: NaiveDate) -> Table {
    let series = kpi_series(l, today, TREND_MONTHS, &kpi_options(), &Scope::All);
    let mut h = headers(&match lang {
        Lang::Nl => ["Van", "Tot en met"],
        Lang::En => ["From", "To"],
    });
    h.extend(kpi_base_headers(lang));
    let mut rows = Vec::new();
    for point in &series {
        for set in point.kpis.values() {
            let mut row = vec![Cell::Date(point.period.start), Cell::Date(point.period.end)];
            row.extend(kpi_cells(lang, set));
            rows.push(row);
        }
    }
    Table { headers: h, rows }
}

/// The figures per segment of the customers active in `period`.
pub fn segment_kpis_table(l: &Ledger, lang: Lang, period: Period, dims: Dims) -> Table {
    let report = segment(l, period, &dims.key(), &SegmentOptions::default());
    let figures = segment_kpis(l, &report, period, &kpi_options());
    let mut h = vec![lang.tr("Segment", "Segment").to_string(), lang.tr("Klanten", "Customers").to_string()];
    h.extend(kpi_base_headers(lang));
    let mut rows = Vec::new();
    for row in &report.rows {
        for set in figures.get(&row.value).into_iter().flat_map(|m| m.values()) {
            let mut cells = vec![Cell::text(lang.segment_value(&row.value)), Cell::Int(row.customers.len() as i64)];
            cells.extend(kpi_cells(lang, set));
            rows.push(cells);
        }
    }
    Table { headers: h, rows }
}

/// The market analysis of `period`.
pub fn market_analysis(l: &Ledger, period: Period, dims: Dims) -> MarketAnalysis {
    analyse_market(l, period, &dims.key(), &l.settings.market, &SegmentOptions::default(), &MarketOptions::default())
}

fn opt_number(d: Option<Decimal>, dp: u32) -> Cell {
    d.map_or(Cell::Empty, |d| Cell::Number(d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)))
}

fn gap_number(d: &Result<Decimal, MarketGap>, dp: u32, lang: Lang) -> Cell {
    match d {
        Ok(d) => opt_number(Some(*d), dp),
        Err(g) => Cell::text(lang.market_gap(*g)),
    }
}

/// The segments with their figures, market penetration and ranking (score and its parts).
pub fn market_table(l: &Ledger, lang: Lang, period: Period, dims: Dims) -> Table {
    let a = market_analysis(l, period, dims);
    let mut h = headers(&match lang {
        Lang::Nl => [
            "Rang", "Segment", "Klanten", "Omzet", "Marge", "Marge %", "Omzet per klant", "Betaalcijfer", "Gem. score",
            "Aandeel omzet %", "ABC", "Bedrijven in de markt", "Penetratie %", "Omzetpenetratie %", "Resterend potentieel",
            "Score",
        ],
        Lang::En => [
            "Rank", "Segment", "Customers", "Revenue", "Margin", "Margin %", "Revenue per customer", "Grade",
            "Avg. score", "Share of revenue %", "ABC", "Companies in the market", "Penetration %",
            "Revenue penetration %", "Remaining potential", "Score",
        ],
    });
    for f in [Factor::Revenue, Factor::Margin, Factor::Grade, Factor::Score, Factor::Potential] {
        h.push(format!("{} ({})", lang.factor(f), lang.tr("punten", "points")));
    }
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let s = &r.segment;
            let mut cells = vec![
                Cell::Int(r.rank as i64),
                Cell::text(lang.segment_value(&s.value)),
                Cell::Int(s.customers.len() as i64),
                Cell::Number(s.revenue),
                s.margin.map_or(Cell::Empty, Cell::Number),
                opt_number(s.margin_percent, 1),
                Cell::Number(round_cents(s.average_revenue)),
                s.average_grade.map_or(Cell::Empty, |g| Cell::text(format!("{} ({})", g.letter.letter(), lang.one_decimal(g.value)))),
                opt_number(s.average_score, 1),
                opt_number(s.share, 1),
                Cell::text(lang.abc(s.abc)),
                match r.companies {
                    Ok(n) => Cell::Int(i64::from(n)),
                    Err(g) => Cell::text(lang.market_gap(g)),
                },
                gap_number(&r.penetration, 1, lang),
                gap_number(&r.revenue_penetration, 1, lang),
                gap_number(&r.potential.map(round_cents), 2, lang),
                Cell::Number(r.score),
            ];
            cells.extend(r.parts.iter().map(|p| Cell::Number(p.points)));
            cells
        })
        .collect();
    Table { headers: h, rows }
}

/// The prospects ranked by how much they look like the best segments, with the reasons.
pub fn prospects_table(l: &Ledger, lang: Lang, period: Period, dims: Dims) -> Table {
    let a = market_analysis(l, period, dims);
    let found = look_alikes(&a, &l.settings.market.prospects, &MarketOptions::default());
    let h = headers(&match lang {
        Lang::Nl => ["Naam", "Branche", "Grootteklasse", "Regio", "Score", "Plaats", "Notitie", "Gelijkenis", "Segment", "Rang segment", "Waarom"],
        Lang::En => ["Name", "Sector", "Size class", "Region", "Score", "City", "Note", "Fit", "Segment", "Segment rank", "Why"],
    });
    let rows = found
        .iter()
        .filter_map(|f| {
            let p = l.settings.market.prospects.get(f.index)?;
            Some(vec![
                Cell::text(p.name.clone()),
                Cell::text(p.sector.clone()),
                Cell::text(size_code_text(p.size_class)),
                Cell::text(p.region.as_ref().map(Region::code).unwrap_or_default()),
                p.score.map_or(Cell::Empty, |s| Cell::Int(i64::from(s))),
                Cell::text(p.city.clone()),
                Cell::text(p.note.clone()),
                Cell::Number(f.fit),
                Cell::text(f.segment.as_ref().map(|(v, _)| lang.segment_value(v)).unwrap_or_default()),
                f.segment.as_ref().map_or(Cell::Empty, |(_, r)| Cell::Int(*r as i64)),
                Cell::text(f.reasons.iter().map(|r| lang.fit_reason(r)).collect::<Vec<_>>().join("; ")),
            ])
        })
        .collect();
    Table { headers: h, rows }
}

/// How a size class is written in the market lists, so an exported list reads back in.
pub fn size_code_text(s: Option<SizeClass>) -> &'static str {
    match s {
        None => "",
        Some(SizeClass::Small) => "<20",
        Some(SizeClass::Medium) => "20-200",
        Some(SizeClass::Large) => ">200",
    }
}

/// The market counts as entered, under the headers the market import recognises.
pub fn market_counts_table(l: &Ledger, lang: Lang) -> Table {
    let h = headers(&match lang {
        Lang::Nl => ["Branche", "Grootteklasse", "Regio", "Aantal bedrijven", "Bron"],
        Lang::En => ["Sector", "Size class", "Region", "Companies", "Source"],
    });
    let rows = l
        .settings
        .market
        .counts
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.sector.clone()),
                Cell::text(size_code_text(c.size_class)),
                Cell::text(c.region.as_ref().map(Region::code).unwrap_or_default()),
                Cell::Int(i64::from(c.companies)),
                Cell::text(c.source.clone()),
            ]
        })
        .collect();
    Table { headers: h, rows }
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
        let period = Period::months_ending(today, 12);
        let dims = Dims::of(&[Dimension::Sector, Dimension::SizeClass]);
        for what in [
            Export::Customers,
            Export::Invoices,
            Export::Payments,
            Export::Worklist,
            Export::Signals,
            Export::Aging,
            Export::Kpis(period),
            Export::Trend,
            Export::SegmentKpis(period, dims),
            Export::Market(period, dims),
            Export::Prospects(period, dims),
            Export::MarketCounts,
        ] {
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

    #[test]
    fn analysis_tables_carry_the_engine_figures() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let l = demo_ledger(today);
        let period = Period::months_ending(today, 6);
        // The total row holds the engine's DSO, rounded to one decimal; a customer row each.
        let t = kpis_table(&l, Lang::En, period);
        let report = kpi_report(&l, period, &kpi_options());
        let dso = report.total[&crate::domain::Currency::EUR].dso_simple.unwrap();
        let col = t.headers.iter().position(|h| h == "DSO").unwrap();
        assert_eq!(t.rows[0][col], Cell::Number(dso.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)));
        let customer_rows: usize = report.customers.values().map(|m| m.len()).sum();
        assert_eq!(t.rows.len(), 1 + customer_rows);
        // A figure without a basis is a sentence, never a number.
        let empty = kpis_table(&Ledger::new(), Lang::En, period);
        assert!(empty.rows.is_empty());
        // The trend has a row per month.
        assert_eq!(trend_table(&l, Lang::Nl, today).rows.len(), TREND_MONTHS as usize);
        // Segments and prospects follow the engine's order.
        let dims = Dims::of(&[Dimension::Sector, Dimension::SizeClass]);
        let a = market_analysis(&l, period, dims);
        let m = market_table(&l, Lang::Nl, period, dims);
        assert_eq!(m.rows.len(), a.rows.len());
        assert_eq!(m.rows[0][1], Cell::text(Lang::Nl.segment_value(&a.rows[0].segment.value)));
        let p = prospects_table(&l, Lang::Nl, period, dims);
        assert_eq!(p.rows.len(), l.settings.market.prospects.len());
        // The counts export reads back into the same market counts.
        let c = market_counts_table(&l, Lang::Nl);
        let rows: Vec<Vec<String>> = c
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|cell| match cell {
                        Cell::Text(s) => s.clone(),
                        Cell::Int(n) => n.to_string(),
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect();
        let back = crate::domain::MarketData::from_rows(crate::domain::MarketListKind::Counts, rows, &c.headers);
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.data.counts, l.settings.market.counts);
    }

    #[test]
    fn dims_round_trip_through_keys() {
        let d = Dims::of(&[Dimension::Region, Dimension::Sector]);
        assert!(d.has(Dimension::Sector) && d.has(Dimension::Region) && !d.has(Dimension::Margin));
        assert_eq!(d.key().dimensions(), &[Dimension::Sector, Dimension::Region]);
        assert_eq!(d.toggle(Dimension::Region), Dims::of(&[Dimension::Sector]));
        assert_eq!(Dims::of(d.key().dimensions()), d);
    }
}
