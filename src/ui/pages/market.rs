//! "Markt": the customers segmented on the dimensions the user picks (sortable table), a bubble
//! chart of the segments (revenue × margin, colour = average grade, size = customers), the
//! market penetration and remaining potential from the user's market counts, the ranked best
//! segments with the parts of their score, and the prospects that look like them — each turned
//! into a customer in the acceptance phase with one click.
//!
//! The market data (companies per segment, prospects) is entered here in editable tables or read
//! from a CSV file per list; every problem is shown with its row and column and nothing is
//! applied unless all of it is right (with undo).

use std::cmp::Ordering;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::domain::{
    parse_size_class, CustomerId, Event, EventKind, Ledger, MarketData, MarketField, MarketListKind, MarketProblem,
    Region,
};
use crate::engine::analysis::market::{
    look_alikes, prospect_score, prospect_to_customer, LookAlike, MarketAnalysis, MarketOptions, MarketRow,
};
use crate::engine::analysis::segments::Dimension;
use crate::engine::risk::Grade;
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, PageHeader};
use crate::ui::export::{market_analysis, size_code_text, Dims, Export, ExportButtons};
use crate::ui::route::Route;
use crate::ui::state::use_state;

use super::figures::{draw, nice_max, period_text, scale, AnalysisTabs, PeriodChoice, PeriodPicker};

// ----- sorting -----

/// What the segment table can be sorted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarketSort {
    Rank,
    Segment,
    Customers,
    Revenue,
    Margin,
    Penetration,
    Potential,
}

/// Sorts the rows; rank and segment ascending by default, the numbers highest first; a missing
/// number last in either direction; ties by rank.
pub fn sort_rows(rows: &mut [MarketRow], by: MarketSort, descending: bool, lang: Lang) {
    fn opt(a: Option<Decimal>, b: Option<Decimal>, desc: bool) -> Ordering {
        match (a, b) {
            (Some(x), Some(y)) => {
                if desc {
                    y.cmp(&x)
                } else {
                    x.cmp(&y)
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    crate::sort::by(rows, |a, b| {
        let primary = match by {
            MarketSort::Rank => {
                let o = a.rank.cmp(&b.rank);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
            MarketSort::Segment => {
                let o = lang
                    .segment_value(&a.segment.value)
                    .to_lowercase()
                    .cmp(&lang.segment_value(&b.segment.value).to_lowercase());
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
            MarketSort::Customers => opt(
                Some(Decimal::from(a.segment.customers.len() as u64)),
                Some(Decimal::from(b.segment.customers.len() as u64)),
                descending,
            ),
            MarketSort::Revenue => opt(Some(a.segment.revenue), Some(b.segment.revenue), descending),
            MarketSort::Margin => opt(a.segment.margin_percent, b.segment.margin_percent, descending),
            MarketSort::Penetration => opt(a.penetration.ok(), b.penetration.ok(), descending),
            MarketSort::Potential => opt(a.potential.ok(), b.potential.ok(), descending),
        };
        primary.then(a.rank.cmp(&b.rank))
    });
}

// ----- the market lists as editable rows -----

/// The columns of a list in the editor (and the CSV import), in order.
pub fn columns(kind: MarketListKind) -> &'static [MarketField] {
    match kind {
        MarketListKind::Counts => {
            &[MarketField::Sector, MarketField::SizeClass, MarketField::Region, MarketField::Companies, MarketField::Source]
        }
        MarketListKind::Prospects => &[
            MarketField::Name,
            MarketField::Sector,
            MarketField::SizeClass,
            MarketField::Region,
            MarketField::Score,
            MarketField::City,
            MarketField::Note,
        ],
    }
}

fn region_text(r: Option<&Region>) -> String {
    r.map(Region::code).unwrap_or_default()
}

/// The stored list as rows of texts, in [`columns`] order: what the editor starts from, and
/// what [`MarketData::from_rows`] reads back into the same list.
pub fn rows_of(kind: MarketListKind, m: &MarketData) -> Vec<Vec<String>> {
    match kind {
        MarketListKind::Counts => m
            .counts
            .iter()
            .map(|c| {
                vec![
                    c.sector.clone(),
                    size_code_text(c.size_class).into(),
                    region_text(c.region.as_ref()),
                    c.companies.to_string(),
                    c.source.clone(),
                ]
            })
            .collect(),
        MarketListKind::Prospects => m
            .prospects
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.sector.clone(),
                    size_code_text(p.size_class).into(),
                    region_text(p.region.as_ref()),
                    p.score.map(|s| s.to_string()).unwrap_or_default(),
                    p.city.clone(),
                    p.note.clone(),
                ]
            })
            .collect(),
    }
}

/// Reads edited rows back (headers in `lang`), with the problems numbered as the editor shows
/// the rows (the first row is row 1).
pub fn read_edited(kind: MarketListKind, rows: Vec<Vec<String>>, lang: Lang) -> (MarketData, Vec<MarketProblem>) {
    let header: Vec<String> = columns(kind).iter().map(|f| lang.market_field(*f).to_string()).collect();
    let read = MarketData::from_rows(kind, rows, &header);
    let problems = read
        .problems
        .into_iter()
        .map(|mut p| {
            p.row = p.row.saturating_sub(1).max(1);
            if let crate::domain::MarketProblemKind::DuplicateSegment { first_row: Some(r) } = &mut p.kind {
                *r = r.saturating_sub(1).max(1);
            }
            p
        })
        .collect();
    (read.data, problems)
}

/// Reads a CSV file into one list, with the problems numbered by the file's own lines.
///
/// # Errors
/// The file cannot be read as CSV (in the user's language).
pub fn read_file(kind: MarketListKind, bytes: &[u8], lang: Lang) -> Result<(MarketData, Vec<MarketProblem>), String> {
    let parsed = crate::io::csv_import::parse(bytes).map_err(|e| lang.import_parse_error(&e))?;
    let rows: Vec<Vec<String>> = parsed.rows.iter().map(|r| r.fields.clone()).collect();
    let lines: Vec<usize> = parsed.rows.iter().map(|r| r.line).collect();
    let line_of = |row: usize| if row <= 1 { parsed.header_line } else { lines.get(row - 2).copied().unwrap_or(row) };
    let read = MarketData::from_rows(kind, rows, &parsed.headers);
    let problems = read
        .problems
        .into_iter()
        .map(|mut p| {
            p.row = line_of(p.row);
            if let crate::domain::MarketProblemKind::DuplicateSegment { first_row: Some(r) } = &mut p.kind {
                *r = line_of(*r);
            }
            p
        })
        .collect();
    Ok((read.data, problems))
}

fn replace_list(l: &mut Ledger, kind: MarketListKind, data: &MarketData) {
    match kind {
        MarketListKind::Counts => l.settings.market.counts = data.counts.clone(),
        MarketListKind::Prospects => l.settings.market.prospects = data.prospects.clone(),
    }
}

fn list_len(kind: MarketListKind, m: &MarketData) -> usize {
    match kind {
        MarketListKind::Counts => m.counts.len(),
        MarketListKind::Prospects => m.prospects.len(),
    }
}

// ----- formatting -----

fn percent1(lang: Lang, d: Option<Decimal>) -> String {
    d.map_or_else(|| "—".into(), |d| format!("{}%", lang.one_decimal(d)))
}

fn grade_class(g: Option<Grade>) -> &'static str {
    match g {
        Some(Grade::A) => "g-a",
        Some(Grade::B) => "g-b",
        Some(Grade::C) => "g-c",
        Some(Grade::D) => "g-d",
        None => "g-none",
    }
}

/// Revenue on an axis: "€ 0", "€ 25k", "€ 1,5 mln".
fn axis_amount(lang: Lang, v: f64) -> String {
    if v >= 1_000_000.0 {
        let s = format!("{:.1}", v / 1_000_000.0);
        format!("€ {} {}", if lang == Lang::Nl { s.replace('.', ",") } else { s }, lang.tr("mln", "m"))
    } else if v >= 1000.0 {
        format!("€ {:.0}k", v / 1000.0)
    } else {
        format!("€ {v:.0}")
    }
}

// ----- the page -----

#[derive(Clone, Debug, PartialEq)]
struct MarketView {
    analysis: MarketAnalysis,
    alike: Vec<LookAlike>,
    has_counts: bool,
    prospects: usize,
}

#[component]
pub fn MarketPage() -> impl IntoView {
    let state = use_state();
    let choice = RwSignal::new(PeriodChoice::Months(12));
    let dims = RwSignal::new(Dims::of(&[Dimension::Sector, Dimension::SizeClass]));
    let data = Memo::new(move |_| {
        let period = choice.get().period(state.today());
        let d = dims.get();
        state.ledger.with(|l| {
            let analysis = market_analysis(l, period, d);
            let alike = look_alikes(&analysis, &l.settings.market.prospects, &MarketOptions::default());
            MarketView {
                analysis,
                alike,
                has_counts: !l.settings.market.counts.is_empty(),
                prospects: l.settings.market.prospects.len(),
            }
        })
    });
    let period = Signal::derive(move || choice.get().period(state.today()));

    view! {
        <div class="analysis-page" data-testid="market-page">
            <PageHeader
                title=txs("Markt", "Market")
                sub=txs(
                    "Welke klantgroepen het meest opleveren, hoeveel van de markt je al bedient, en welke prospects op je beste klanten lijken.",
                    "Which groups of customers bring the most, how much of the market you already serve, and which prospects look like your best customers.",
                )
            >
                {move || view! { <ExportButtons what=Export::Market(period.get(), dims.get())/> }}
            </PageHeader>
            <AnalysisTabs current=Route::Market/>
            <section class="card period-card">
                <PeriodPicker choice=choice/>
                <DimensionChoice dims=dims/>
            </section>
            <SegmentTable data=data period=period dims=dims/>
            <div class="market-grid">
                <section class="card" data-testid="market-bubbles">
                    <h2>{tx("Segmenten in beeld", "Segments at a glance")}</h2>
                    {move || data.with(|d| bubble_chart(state.lang(), &d.analysis))}
                </section>
                <section class="card" data-testid="best-segments">
                    <h2>{tx("Beste segmenten, en waarom", "Best segments, and why")}</h2>
                    {move || data.with(|d| best_segments(state.lang(), &d.analysis))}
                </section>
            </div>
            <section class="card" data-testid="prospects">
                <div class="card-head">
                    <h2>{tx("Prospects die lijken op je beste klanten", "Prospects that look like your best customers")}</h2>
                    {move || view! { <ExportButtons what=Export::Prospects(period.get(), dims.get())/> }}
                </div>
                <ProspectList data=data/>
            </section>
            <section class="card" data-testid="market-data">
                <h2>{tx("Marktgegevens", "Market data")}</h2>
                <p class="hint">
                    {tx(
                        "Het aantal bedrijven per branche, grootteklasse en regio (bijvoorbeeld uit KvK, Graydon of Statbel) en je lijst met prospects. Bewerk de tabellen hier of lees een CSV-bestand in; een leeg vak bij branche, grootteklasse of regio betekent 'alle'. Regio's: NL-97 (postcodegebied), NL, BE-VAN (provincie), BE, DE.",
                        "The number of companies per sector, size class and region (for example from the Chamber of Commerce, Graydon or Statbel) and your list of prospects. Edit the tables here or read a CSV file; an empty sector, size class or region means 'all'. Regions: NL-97 (postcode area), NL, BE-VAN (province), BE, DE.",
                    )}
                </p>
                <MarketEditor kind=MarketListKind::Counts/>
                <MarketEditor kind=MarketListKind::Prospects/>
            </section>
        </div>
    }
}

#[component]
fn DimensionChoice(dims: RwSignal<Dims>) -> impl IntoView {
    let state = use_state();
    view! {
        <fieldset class="dims" data-testid="dimensions">
            <legend>{tx("Indelen op", "Segment on")}</legend>
            <div class="chips">
                {move || {
                    let lang = state.lang();
                    Dimension::ALL
                        .iter()
                        .map(|d| {
                            let d = *d;
                            let on = dims.get().has(d);
                            view! {
                                <label class="chip" class:on=on title=lang.dimension_rule(d)>
                                    <input
                                        type="checkbox"
                                        data-testid=format!("dim-{d:?}").to_lowercase()
                                        prop:checked=on
                                        on:change=move |_| dims.update(|x| *x = x.toggle(d))
                                    />
                                    {lang.dimension(d)}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <p class="hint">
                {move || {
                    let lang = state.lang();
                    if dims.get().key().is_market_only() {
                        lang.tr(
                            "Met alleen branche, grootteklasse en/of regio wordt elk segment vergeleken met het aantal bedrijven in de markt.",
                            "With only sector, size class and/or region, each segment is compared with the number of companies in the market.",
                        )
                    } else {
                        lang.market_gap(crate::engine::analysis::market::MarketGap::KeyNotMarketOnly)
                    }
                }}
            </p>
        </fieldset>
    }
}

fn sort_head(label: &'static str, by: MarketSort, sort: RwSignal<(MarketSort, bool)>, num: bool) -> impl IntoView {
    let (current, desc) = sort.get();
    let active = current == by;
    let arrow = if !active { "" } else if desc { " ▼" } else { " ▲" };
    let aria = if !active { "none" } else if desc { "descending" } else { "ascending" };
    view! {
        <th class:num=num aria-sort=aria>
            <button
                class="sort"
                data-testid=format!("sort-{by:?}").to_lowercase()
                on:click=move |_| {
                    sort.update(|(b, d)| {
                        if *b == by {
                            *d = !*d;
                        } else {
                            *b = by;
                            *d = !matches!(by, MarketSort::Rank | MarketSort::Segment);
                        }
                    })
                }
            >
                {label}{arrow}
            </button>
        </th>
    }
}

#[component]
fn SegmentTable(data: Memo<MarketView>, period: Signal<crate::engine::analysis::kpi::Period>, dims: RwSignal<Dims>) -> impl IntoView {
    let state = use_state();
    let sort = RwSignal::new((MarketSort::Rank, false));
    view! {
        <section class="card" data-testid="segments">
            <div class="card-head">
                <h2>{tx("Segmenten", "Segments")}</h2>
                {move || view! { <ExportButtons what=Export::Market(period.get(), dims.get())/> }}
            </div>
            {move || {
                let lang = state.lang();
                let c = state.ledger.with(|l| l.settings.currency);
                data.with(|d| {
                    let a = &d.analysis;
                    if a.rows.is_empty() {
                        return view! {
                            <p class="empty-note" data-testid="segments-empty">
                                {lang.tr("Te weinig gegevens: geen klanten met omzet in de periode.", "Not enough data: no customers with revenue in the period.")}
                            </p>
                        }
                        .into_any();
                    }
                    let (by, desc) = sort.get();
                    let mut rows = a.rows.clone();
                    sort_rows(&mut rows, by, desc, lang);
                    let body = rows
                        .iter()
                        .map(|r| {
                            let s = &r.segment;
                            let companies = match r.companies {
                                Ok(n) => view! { <span>{n.to_string()}</span> }.into_any(),
                                Err(g) => view! { <span class="muted" title=lang.market_gap(g)>"—"</span> }.into_any(),
                            };
                            let pen = match r.penetration {
                                Ok(p) => view! { <span>{format!("{}%", lang.one_decimal(p))}</span> }.into_any(),
                                Err(g) => view! { <span class="muted" title=lang.market_gap(g)>"—"</span> }.into_any(),
                            };
                            let pot = match r.potential {
                                Ok(p) => view! { <span>{lang.amount(p, c)}</span> }.into_any(),
                                Err(g) => view! { <span class="muted" title=lang.market_gap(g)>"—"</span> }.into_any(),
                            };
                            let grade = s.average_grade.map_or_else(
                                || "—".to_string(),
                                |g| format!("{} ({})", g.letter.letter(), lang.one_decimal(g.value)),
                            );
                            view! {
                                <tr data-testid="segment-row" class:too-low=r.counts_too_low>
                                    <td class="num">{r.rank.to_string()}</td>
                                    <td>
                                        {lang.segment_value(&s.value)}
                                        {r.counts_too_low.then(|| view! {
                                            <span class="badge warn" title=lang.tr("Meer klanten dan bedrijven volgens de marktaantallen: die lijken te laag.", "More customers than companies according to the market counts: those look too low.")>
                                                {lang.tr("aantal te laag?", "count too low?")}
                                            </span>
                                        })}
                                    </td>
                                    <td class="num">{s.customers.len().to_string()}</td>
                                    <td class="num">{lang.amount(s.revenue, c)}</td>
                                    <td class="num">{percent1(lang, s.margin_percent)}</td>
                                    <td class="num">{grade}</td>
                                    <td class="num">{s.average_score.map_or_else(|| "—".into(), |v| lang.one_decimal(v))}</td>
                                    <td class="num">{lang.abc(s.abc)}</td>
                                    <td class="num">{companies}</td>
                                    <td class="num">{pen}</td>
                                    <td class="num">{pot}</td>
                                    <td class="num"><strong>{lang.one_decimal(r.score)}</strong></td>
                                </tr>
                            }
                        })
                        .collect_view();
                    let t = |nl: &'static str, en: &'static str| lang.tr(nl, en);
                    view! {
                        <div class="table-wrap">
                            <table class="data sortable segment-table" data-testid="segment-table">
                                <thead>
                                    <tr>
                                        {sort_head(t("Rang", "Rank"), MarketSort::Rank, sort, true)}
                                        {sort_head(t("Segment", "Segment"), MarketSort::Segment, sort, false)}
                                        {sort_head(t("Klanten", "Customers"), MarketSort::Customers, sort, true)}
                                        {sort_head(t("Omzet", "Revenue"), MarketSort::Revenue, sort, true)}
                                        {sort_head(t("Marge", "Margin"), MarketSort::Margin, sort, true)}
                                        <th class="num">{t("Betaalcijfer", "Grade")}</th>
                                        <th class="num">{t("Score", "Score")}</th>
                                        <th class="num" title=t("Pareto-klasse naar omzet", "Pareto class by revenue")>"ABC"</th>
                                        <th class="num">{t("Bedrijven", "Companies")}</th>
                                        {sort_head(t("Penetratie", "Penetration"), MarketSort::Penetration, sort, true)}
                                        {sort_head(t("Potentieel", "Potential"), MarketSort::Potential, sort, true)}
                                        <th class="num">{t("Rangscore", "Rank score")}</th>
                                    </tr>
                                </thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                        <p class="hint">
                            {format!(
                                "{} {}. {}",
                                lang.tr("Klanten met omzet in", "Customers with revenue in"),
                                period_text(lang, a.period),
                                lang.tr(
                                    "Penetratie = klanten / bedrijven in de markt. Potentieel = bedrijven die nog geen klant zijn × de omzet per klant van het segment. Betaalcijfer: A = 1 … D = 4, het gemiddelde van de klanten. — = onbekend; wijs het streepje aan voor de reden.",
                                    "Penetration = customers / companies in the market. Potential = companies not yet customers × the segment's revenue per customer. Grade: A = 1 … D = 4, the customers' mean. — = unknown; point at the dash for the reason.",
                                ),
                            )}
                        </p>
                        {(!d.has_counts).then(|| view! {
                            <p class="notice">
                                {lang.tr(
                                    "Nog geen marktaantallen: vul ze hieronder in bij Marktgegevens om penetratie en potentieel te zien.",
                                    "No market counts yet: enter them below under Market data to see penetration and potential.",
                                )}
                            </p>
                        })}
                    }
                    .into_any()
                })
            }}
        </section>
    }
}

/// The segments as bubbles: x revenue, y margin percent, colour the average grade, area the
/// number of customers; dashed lines at the mean revenue and mean margin make the quadrants.
fn bubble_chart(lang: Lang, a: &MarketAnalysis) -> impl IntoView {
    let plotted: Vec<&MarketRow> = a.rows.iter().filter(|r| r.segment.margin_percent.is_some()).collect();
    if plotted.is_empty() {
        return view! {
            <p class="empty-note">{lang.tr("Te weinig gegevens: geen segmenten met omzet en marge.", "Not enough data: no segments with revenue and margin.")}</p>
        }
        .into_any();
    }
    let (w, h) = (520.0_f64, 300.0_f64);
    let (left, right, top, bottom) = (48.0, 20.0, 16.0, 34.0);
    let revenue = |r: &MarketRow| draw(r.segment.revenue).max(0.0);
    let margin = |r: &MarketRow| r.segment.margin_percent.map(draw).unwrap_or(0.0);
    let x_hi = nice_max(plotted.iter().map(|r| revenue(r)).fold(0.0, f64::max) * 1.08, 100.0);
    let y_max = plotted.iter().map(|r| margin(r)).fold(0.0, f64::max);
    let y_min = plotted.iter().map(|r| margin(r)).fold(0.0, f64::min);
    let y_hi = nice_max(y_max * 1.1, 10.0);
    let y_lo = if y_min < 0.0 { -nice_max(-y_min * 1.1, 5.0) } else { 0.0 };
    let x = |v: f64| scale(v, 0.0, x_hi, left, w - right);
    let y = |v: f64| scale(v, y_lo, y_hi, h - bottom, top);
    let most = plotted.iter().map(|r| r.segment.customers.len()).max().unwrap_or(1).max(1) as f64;
    let mean_x = plotted.iter().map(|r| revenue(r)).sum::<f64>() / plotted.len() as f64;
    let mean_y = plotted.iter().map(|r| margin(r)).sum::<f64>() / plotted.len() as f64;
    let grid = (0..=4)
        .map(|t| {
            let vx = x_hi * f64::from(t) / 4.0;
            let vy = y_lo + (y_hi - y_lo) * f64::from(t) / 4.0;
            view! {
                <g class="tick">
                    <line x1=format!("{left:.1}") x2=format!("{:.1}", w - right) y1=format!("{:.1}", y(vy)) y2=format!("{:.1}", y(vy))></line>
                    <text x=format!("{:.1}", left - 6.0) y=format!("{:.1}", y(vy) + 4.0) text-anchor="end">{format!("{vy:.0}%")}</text>
                    <text x=format!("{:.1}", x(vx)) y=format!("{:.1}", h - bottom + 16.0) text-anchor="middle">{axis_amount(lang, vx)}</text>
                </g>
            }
        })
        .collect_view();
    // Largest first, so small bubbles stay on top.
    let mut order = plotted.clone();
    crate::sort::by(&mut order, |p, q| q.segment.customers.len().cmp(&p.segment.customers.len()).then(q.rank.cmp(&p.rank)));
    let bubbles = order
        .iter()
        .map(|r| {
            let radius = 7.0 + 17.0 * (r.segment.customers.len() as f64 / most).sqrt();
            let (cx, cy) = (x(revenue(r)), y(margin(r)));
            let grade = r.segment.average_grade.map(|g| g.letter);
            let title = format!(
                "{} {} — {} — {}: {}, {}: {}, {}: {}",
                lang.tr("Rang", "Rank"),
                r.rank,
                lang.segment_value(&r.segment.value),
                lang.tr("omzet", "revenue"),
                lang.eur(r.segment.revenue),
                lang.tr("marge", "margin"),
                percent1(lang, r.segment.margin_percent),
                lang.tr("klanten", "customers"),
                r.segment.customers.len()
            );
            view! {
                <g class=format!("bubble {}", grade_class(grade)) data-testid="bubble">
                    <title>{title}</title>
                    <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r=format!("{radius:.1}")></circle>
                    <text x=format!("{cx:.1}") y=format!("{:.1}", cy + 4.0) text-anchor="middle">{r.rank.to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let rows = plotted
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.rank.to_string()}</td>
                    <td>{lang.segment_value(&r.segment.value)}</td>
                    <td>{lang.eur(r.segment.revenue)}</td>
                    <td>{percent1(lang, r.segment.margin_percent)}</td>
                    <td>{r.segment.average_grade.map_or("—", |g| g.letter.letter())}</td>
                    <td>{r.segment.customers.len().to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let left_out = a.rows.len() - plotted.len();
    view! {
        <figure class="bubble-figure">
            <svg
                class="bubble-chart"
                viewBox=format!("0 0 {w} {h}")
                role="img"
                aria-label=lang.tr("Segmenten naar omzet en marge", "Segments by revenue and margin")
                data-testid="bubble-chart"
            >
                {grid}
                <line class="quadrant" x1=format!("{:.1}", x(mean_x)) x2=format!("{:.1}", x(mean_x)) y1=format!("{top:.1}") y2=format!("{:.1}", h - bottom)></line>
                <line class="quadrant" x1=format!("{left:.1}") x2=format!("{:.1}", w - right) y1=format!("{:.1}", y(mean_y)) y2=format!("{:.1}", y(mean_y))></line>
                <text class="quadrant-label" x=format!("{:.1}", w - right - 4.0) y=format!("{:.1}", top + 12.0) text-anchor="end">
                    {lang.tr("veel omzet, hoge marge", "high revenue, high margin")}
                </text>
                {bubbles}
                <text class="axis-title" x=format!("{:.1}", w - right) y=format!("{:.1}", h - 2.0) text-anchor="end">{lang.tr("Omzet →", "Revenue →")}</text>
                <text class="axis-title" x="4" y=format!("{:.1}", top - 4.0)>{lang.tr("↑ Marge", "↑ Margin")}</text>
            </svg>
            <figcaption class="legend bubble-legend">
                <span><span class="key g-a"></span>"A"</span>
                <span><span class="key g-b"></span>"B"</span>
                <span><span class="key g-c"></span>"C"</span>
                <span><span class="key g-d"></span>"D"</span>
                <span><span class="key g-none"></span>{lang.tr("geen cijfer", "no grade")}</span>
                <span class="hint">
                    {lang.tr(
                        "Kleur = gemiddeld betaalcijfer, grootte = aantal klanten, getal = rang. Stippellijnen: gemiddelde omzet en marge.",
                        "Colour = average grade, size = number of customers, number = rank. Dashed lines: mean revenue and margin.",
                    )}
                </span>
            </figcaption>
            {(left_out > 0).then(|| view! {
                <p class="hint">{format!("{left_out} {}", lang.tr("segment(en) zonder bekende marge staan niet in de grafiek.", "segment(s) without a known margin are not in the chart."))}</p>
            })}
            <div class="sr-only"><table>
                <caption>{lang.tr("Segmenten naar omzet en marge", "Segments by revenue and margin")}</caption>
                <thead>
                    <tr>
                        <th>{lang.tr("Rang", "Rank")}</th>
                        <th>{lang.tr("Segment", "Segment")}</th>
                        <th>{lang.tr("Omzet", "Revenue")}</th>
                        <th>{lang.tr("Marge", "Margin")}</th>
                        <th>{lang.tr("Betaalcijfer", "Grade")}</th>
                        <th>{lang.tr("Klanten", "Customers")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></div>
        </figure>
    }
    .into_any()
}

/// The best segments, each with its score as a stacked bar of its parts and the parts in words.
fn best_segments(lang: Lang, a: &MarketAnalysis) -> impl IntoView {
    let best: Vec<&MarketRow> = a.best(MarketOptions::default().best_segments).collect();
    if best.is_empty() {
        return view! {
            <p class="empty-note">
                {lang.tr(
                    "Te weinig gegevens: deel in op branche, grootteklasse of regio, met klanten met omzet in de periode.",
                    "Not enough data: segment on sector, size class or region, with customers with revenue in the period.",
                )}
            </p>
        }
        .into_any();
    }
    let items = best
        .iter()
        .map(|r| {
            let segs = r
                .parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let w = p.points.max(Decimal::ZERO);
                    view! {
                        <span class=format!("part p{i}") style:width=format!("{}%", draw(w).clamp(0.0, 100.0)) title=format!("{}: {}", lang.factor(p.factor), lang.one_decimal(p.points))></span>
                    }
                })
                .collect_view();
            let parts = r
                .parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let value = p.value.map_or_else(|| lang.tr("onbekend (telt als 0)", "unknown (counts as 0)").to_string(), |v| lang.one_decimal(v));
                    view! {
                        <tr>
                            <td><span class=format!("key p{i}")></span>{lang.factor(p.factor)}</td>
                            <td class="num">{value}</td>
                            <td class="num">{p.weight.to_string()}</td>
                            <td class="num">{lang.one_decimal(p.points)}</td>
                            <td class="rule">{lang.factor_rule(p.factor)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <li class="best" data-testid="best-segment">
                    <div class="best-head">
                        <span class="rank">{lang.ordinal(r.rank)}</span>
                        <strong>{lang.segment_value(&r.segment.value)}</strong>
                        <span class="score" data-testid="best-score">{lang.one_decimal(r.score)}<small>" / 100"</small></span>
                    </div>
                    <div class="score-bar" aria-hidden="true">{segs}</div>
                    <details>
                        <summary>{lang.tr("Waarom deze score", "Why this score")}</summary>
                        <div class="table-wrap">
                            <table class="data compact parts">
                                <thead>
                                    <tr>
                                        <th>{lang.tr("Onderdeel", "Part")}</th>
                                        <th class="num">{lang.tr("Waarde (0–100)", "Value (0–100)")}</th>
                                        <th class="num">{lang.tr("Gewicht", "Weight")}</th>
                                        <th class="num">{lang.tr("Punten", "Points")}</th>
                                        <th>{lang.tr("Zo gewaardeerd", "How it is valued")}</th>
                                    </tr>
                                </thead>
                                <tbody>{parts}</tbody>
                            </table>
                        </div>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="best-list plain-list">{items}</ol>
        <p class="hint">
            {lang.tr(
                "Score = de onderdelen gewogen opgeteld (punten = waarde × gewicht / 100). Onbekend telt als 0: onbekend is niet goed.",
                "Score = the parts added by weight (points = value × weight / 100). Unknown counts as 0: unknown is not good.",
            )}
        </p>
    }
    .into_any()
}

#[component]
fn ProspectList(data: Memo<MarketView>) -> impl IntoView {
    let state = use_state();
    let make_customer = move |index: usize| {
        let lang = state.lang_untracked();
        let today = state.today_untracked();
        let Some((prospect, why)) = state.ledger.with_untracked(|l| {
            let p = l.settings.market.prospects.get(index)?.clone();
            let why = data.with_untracked(|d| {
                d.alike.iter().find(|a| a.index == index).map(|a| {
                    let reasons: Vec<String> = a.reasons.iter().map(|r| lang.fit_reason(r)).collect();
                    format!("{} {}: {}", lang.tr("gelijkenis", "fit"), lang.one_decimal(a.fit), reasons.join("; "))
                })
            });
            Some((p, why.unwrap_or_default()))
        }) else {
            return;
        };
        let note = format!(
            "{} ({why}). {}",
            lang.tr("Klant gemaakt uit de prospectlijst", "Customer made from the prospect list"),
            lang.tr(
                "Vooruitbetaling tot de kredietcheck is gedaan.",
                "Prepayment until the credit check is done.",
            )
        );
        let source = lang.tr("prospectlijst", "prospect list");
        let created = Arc::new(Mutex::new(CustomerId(0)));
        let slot = created.clone();
        let message = format!(
            "{} {}",
            prospect.name.trim(),
            lang.tr(
                "is nu klant in de acceptatiefase (vooruitbetaling tot de kredietcheck is gedaan).",
                "is now a customer in the acceptance phase (prepayment until the credit check is done).",
            )
        );
        let outcome = state.commit_undoable(message, move |l| {
            // The prospect as the list holds it now (another tab may have changed the list).
            let pos = l
                .settings
                .market
                .prospects
                .iter()
                .position(|p| *p == prospect)
                .ok_or(crate::domain::DomainError::UnknownCustomer)?;
            let mut c = prospect_to_customer(&prospect, l);
            c.payment_term_days = l.settings.default_term_days;
            c.flags.prepayment_required = true;
            let id = l.add_customer(c)?;
            if let Some(s) = prospect_score(&prospect, today, source) {
                l.add_score(id, s)?;
            }
            let mut e = Event::new(id, None, today, EventKind::Note);
            e.note = note.clone();
            l.add_event(e)?;
            l.settings.market.prospects.remove(pos);
            if let Ok(mut s) = slot.lock() {
                *s = id;
            }
            Ok(())
        });
        match outcome {
            Ok(()) => {
                let id = created.lock().map(|g| *g).unwrap_or(CustomerId(0));
                state.go(Route::Customer(id));
            }
            Err(e) => state.error(e.message(lang)),
        }
    };
    move || {
        let lang = state.lang();
        data.with(|d| {
            if d.prospects == 0 {
                return view! {
                    <p class="empty-note">{lang.tr("Nog geen prospects: voeg ze hieronder toe bij Marktgegevens of lees een lijst in.", "No prospects yet: add them below under Market data or read a list.")}</p>
                }
                .into_any();
            }
            let prospects = state.ledger.with(|l| l.settings.market.prospects.clone());
            let items = d
                .alike
                .iter()
                .filter_map(|a| {
                    let p = prospects.get(a.index)?.clone();
                    let index = a.index;
                    let facts: Vec<String> = [
                        p.sector.trim().to_string(),
                        p.size_class.map(|s| lang.size_class(Some(s)).to_string()).unwrap_or_default(),
                        p.region.as_ref().map(|r| lang.region(r)).unwrap_or_default(),
                        p.city.trim().to_string(),
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                    let reasons = a.reasons.iter().map(|r| view! { <li>{lang.fit_reason(r)}</li> }).collect_view();
                    let fit = draw(a.fit).clamp(0.0, 100.0);
                    Some(view! {
                        <li class="prospect" data-testid="prospect">
                            <div class="prospect-main">
                                <div class="prospect-name">
                                    <strong data-testid="prospect-name">{p.name.clone()}</strong>
                                    <span class="muted">{facts.join(" · ")}</span>
                                    {(!p.note.trim().is_empty()).then(|| view! { <span class="note">{p.note.clone()}</span> })}
                                </div>
                                <div class="fit" title=lang.tr("Gelijkenis met de beste segmenten (0–100)", "Fit with the best segments (0–100)")>
                                    <span class="fit-value" data-testid="prospect-fit">{lang.one_decimal(a.fit)}</span>
                                    <span class="fit-bar"><span style:width=format!("{fit:.0}%")></span></span>
                                </div>
                                <button class="btn primary small" data-testid="prospect-make-customer" on:click=move |_| make_customer(index)>
                                    {lang.tr("Klant maken (acceptatie)", "Make customer (acceptance)")}
                                </button>
                            </div>
                            <ul class="reasons">{reasons}</ul>
                        </li>
                    }
                    .into_any())
                })
                .collect::<Vec<AnyView>>();
            view! {
                <p class="hint">
                    {lang.tr(
                        "Gelijkenis: 80 punten naar wat een prospect deelt met een van de drie beste segmenten (branche telt dubbel), plus 20 bij een kredietscore van 60 of meer.",
                        "Fit: 80 points by what a prospect shares with one of the three best segments (sector counts double), plus 20 for a credit score of 60 or more.",
                    )}
                </p>
                <ol class="prospects plain-list">{items}</ol>
            }
            .into_any()
        })
    }
}

// ----- the editors of the market lists -----

/// One row of an editor: a key for the list and a signal per cell (so typing re-renders only
/// that input).
#[derive(Clone)]
struct DraftRow {
    key: u64,
    cells: Vec<RwSignal<String>>,
}

fn draft_row(key: u64, values: Vec<String>) -> DraftRow {
    DraftRow { key, cells: values.into_iter().map(RwSignal::new).collect() }
}

fn field_label(lang: Lang, f: MarketField) -> &'static str {
    lang.market_field(f)
}

#[component]
fn MarketEditor(kind: MarketListKind) -> impl IntoView {
    let state = use_state();
    let stored = Memo::new(move |_| state.ledger.with(|l| rows_of(kind, &l.settings.market)));
    let problems = RwSignal::new(Vec::<MarketProblem>::new());
    let file_error = RwSignal::new(None::<String>);
    let testid = match kind {
        MarketListKind::Counts => "counts",
        MarketListKind::Prospects => "prospect-list",
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            let lang = state.lang_untracked();
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                Err(e) => {
                    file_error.set(Some(format!("{}: {} ({e:?})", file.name(), lang.tr("kan niet gelezen worden", "cannot be read"))));
                    return;
                }
            };
            match read_file(kind, &bytes, lang) {
                Err(e) => {
                    problems.set(Vec::new());
                    file_error.set(Some(format!("{}: {e}", file.name())));
                }
                Ok((_, found)) if !found.is_empty() => {
                    file_error.set(Some(format!(
                        "{}: {}",
                        file.name(),
                        lang.tr("niets ingelezen; verbeter het bestand en probeer opnieuw.", "nothing was read; correct the file and try again.")
                    )));
                    problems.set(found);
                }
                Ok((data, _)) if list_len(kind, &data) == 0 => {
                    problems.set(Vec::new());
                    file_error.set(Some(format!("{}: {}", file.name(), lang.tr("het bestand bevat geen rijen.", "the file has no rows."))));
                }
                Ok((data, _)) => {
                    problems.set(Vec::new());
                    file_error.set(None);
                    let n = list_len(kind, &data);
                    let message = format!(
                        "{n} {} {} {}; {}",
                        lang.tr("rijen", "rows"),
                        lang.tr("ingelezen uit", "read from"),
                        file.name(),
                        lang.tr("de vorige lijst is vervangen.", "the previous list was replaced.")
                    );
                    if let Err(e) = state.commit_undoable(message, move |l| {
                        replace_list(l, kind, &data);
                        Ok(())
                    }) {
                        file_error.set(Some(e.message(lang)));
                    }
                }
            }
        });
    };
    view! {
        <div class="market-editor" data-testid=testid>
            <div class="card-head">
                <h3>{move || state.lang().market_list(kind)}</h3>
                <div class="editor-actions">
                    {(kind == MarketListKind::Counts).then(|| view! { <ExportButtons what=Export::MarketCounts/> })}
                    <label class="btn file-btn">
                        <input type="file" accept=".csv,.txt,.tsv" data-testid=format!("{testid}-file") on:change=on_file/>
                        {tx("CSV inlezen…", "Read CSV…")}
                    </label>
                </div>
            </div>
            <p class="hint">
                {move || {
                    let lang = state.lang();
                    let names: Vec<&str> = columns(kind).iter().map(|f| lang.market_field(*f)).collect();
                    format!(
                        "{} {}. {}",
                        lang.tr("Kolommen in het bestand:", "Columns in the file:"),
                        names.join(", "),
                        lang.tr("Een ingelezen bestand vervangt de lijst (ongedaan te maken).", "A file read replaces the list (can be undone)."),
                    )
                }}
            </p>
            {move || file_error.get().map(|e| view! { <p class="form-error" role="alert" data-testid=format!("{testid}-error")>{e}</p> })}
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| {
                    let lang = state.lang();
                    view! {
                        <ul class="problems" role="alert" data-testid=format!("{testid}-problems")>
                            {list.iter().map(|p| view! { <li>{lang.market_problem(p)}</li> }).collect_view()}
                        </ul>
                    }
                })
            }}
            {move || view! { <ListTable kind=kind initial=stored.get() problems=problems file_error=file_error/> }}
        </div>
    }
}

#[component]
fn ListTable(
    kind: MarketListKind,
    initial: Vec<Vec<String>>,
    problems: RwSignal<Vec<MarketProblem>>,
    file_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_state();
    let cols = columns(kind);
    let next_key = StoredValue::new(initial.len() as u64);
    let start = initial.clone();
    let rows = RwSignal::new(initial.into_iter().enumerate().map(|(i, v)| draft_row(i as u64, v)).collect::<Vec<_>>());
    let dirty = RwSignal::new(false);
    let testid = match kind {
        MarketListKind::Counts => "counts",
        MarketListKind::Prospects => "prospect-list",
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| r.push(draft_row(key, vec![String::new(); cols.len()])));
        dirty.set(true);
    };
    let save = move |_| {
        let lang = state.lang_untracked();
        let values: Vec<Vec<String>> =
            rows.with_untracked(|r| r.iter().map(|row| row.cells.iter().map(|c| c.get_untracked()).collect()).collect());
        let (data, found) = read_edited(kind, values, lang);
        file_error.set(None);
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        let message = format!("{} {}", lang.market_list(kind), lang.tr("opgeslagen.", "saved."));
        if let Err(e) = state.commit_undoable(message, move |l| {
            replace_list(l, kind, &data);
            Ok(())
        }) {
            file_error.set(Some(e.message(lang)));
        }
    };
    let cancel = {
        let start = start.clone();
        move |_| {
            rows.set(start.iter().cloned().enumerate().map(|(i, v)| draft_row(i as u64, v)).collect());
            next_key.set_value(start.len() as u64);
            problems.set(Vec::new());
            dirty.set(false);
        }
    };
    let size_options = move |lang: Lang| {
        [
            ("", lang.tr("Alle / onbekend", "All / unknown")),
            ("<20", lang.tr("Klein (< 20)", "Small (< 20)")),
            ("20-200", lang.tr("Middel (20–200)", "Medium (20–200)")),
            (">200", lang.tr("Groot (> 200)", "Large (> 200)")),
        ]
    };
    view! {
        <div class="table-wrap">
            <table class="data edit-table" data-testid=format!("{testid}-table")>
                <thead>
                    <tr>
                        <th class="num">"#"</th>
                        {move || {
                            let lang = state.lang();
                            cols.iter().map(|f| view! { <th class=format!("col-{f:?}").to_lowercase()>{field_label(lang, *f)}</th> }).collect_view()
                        }}
                        <th><span class="sr-only">{tx("Verwijderen", "Remove")}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = state.lang();
                        rows.get()
                            .into_iter()
                            .enumerate()
                            .map(|(n, row)| {
                                let key = row.key;
                                let cells = cols
                                    .iter()
                                    .zip(row.cells.iter().copied())
                                    .map(|(f, cell)| {
                                        let label = format!("{} {}", field_label(lang, *f), n + 1);
                                        let input = match f {
                                            MarketField::SizeClass => {
                                                let current = cell.get_untracked();
                                                let known = parse_size_class(&current).ok().flatten();
                                                let value = if current.is_empty() { String::new() } else { size_code_text(known).to_string() };
                                                view! {
                                                    <select aria-label=label data-testid=format!("cell-{f:?}").to_lowercase()
                                                        on:change=move |ev| { cell.set(event_target_value(&ev)); dirty.set(true); }>
                                                        {size_options(lang).into_iter().map(|(v, l)| view! { <option value=v selected=v == value>{l}</option> }).collect_view()}
                                                    </select>
                                                }
                                                .into_any()
                                            }
                                            _ => {
                                                let numeric = matches!(f, MarketField::Companies | MarketField::Score);
                                                let placeholder = match f {
                                                    MarketField::Region => "NL-97",
                                                    MarketField::Sector => lang.tr("alle", "all"),
                                                    _ => "",
                                                };
                                                view! {
                                                    <input
                                                        type="text"
                                                        inputmode=numeric.then_some("numeric")
                                                        class:num=numeric
                                                        aria-label=label
                                                        placeholder=placeholder
                                                        data-testid=format!("cell-{f:?}").to_lowercase()
                                                        prop:value=move || cell.get()
                                                        on:input=move |ev| { cell.set(event_target_value(&ev)); dirty.set(true); }
                                                    />
                                                }
                                                .into_any()
                                            }
                                        };
                                        view! { <td class=format!("col-{f:?}").to_lowercase()>{input}</td> }
                                    })
                                    .collect_view();
                                view! {
                                    <tr data-testid=format!("{testid}-row")>
                                        <td class="num muted">{(n + 1).to_string()}</td>
                                        {cells}
                                        <td>
                                            <button
                                                class="icon remove"
                                                title=lang.tr("Rij verwijderen", "Remove row")
                                                aria-label=format!("{} {}", lang.tr("Rij verwijderen", "Remove row"), n + 1)
                                                data-testid="row-remove"
                                                on:click=move |_| { rows.update(|r| r.retain(|x| x.key != key)); dirty.set(true); }
                                            >
                                                "×"
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <div class="actions editor-buttons">
            <button class="btn" data-testid=format!("{testid}-add") on:click=add>{tx("Rij toevoegen", "Add row")}</button>
            <button class="btn" disabled=move || !dirty.get() data-testid=format!("{testid}-cancel") on:click=cancel>{tx("Wijzigingen wissen", "Discard changes")}</button>
            <button class="btn primary" disabled=move || !dirty.get() data-testid=format!("{testid}-save") on:click=save>{tx("Opslaan", "Save")}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ledger;
    use crate::domain::MarketProblemKind;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_editor_rows_read_back_into_the_same_lists() {
        let l = demo_ledger(today());
        for kind in [MarketListKind::Counts, MarketListKind::Prospects] {
            for lang in [Lang::Nl, Lang::En] {
                let (data, problems) = read_edited(kind, rows_of(kind, &l.settings.market), lang);
                assert!(problems.is_empty(), "{kind:?} {lang:?}: {problems:?}");
                match kind {
                    MarketListKind::Counts => assert_eq!(data.counts, l.settings.market.counts),
                    MarketListKind::Prospects => assert_eq!(data.prospects, l.settings.market.prospects),
                }
            }
        }
    }

    #[test]
    fn editor_problems_are_numbered_as_shown() {
        let row = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let rows = vec![row(&["Bouw", "<20", "NL-10", "12", ""]), row(&["bouw", "klein", "NL-10", "x", ""]), row(&["bouw", "<20", "nl-10", "5", ""])];
        let (data, problems) = read_edited(MarketListKind::Counts, rows, Lang::Nl);
        assert_eq!(data.counts.len(), 1);
        let got: Vec<(usize, MarketProblemKind)> = problems.iter().map(|p| (p.row, p.kind.clone())).collect();
        assert_eq!(
            got,
            vec![(2, MarketProblemKind::BadCompanies("x".into())), (3, MarketProblemKind::DuplicateSegment { first_row: Some(1) })]
        );
        assert_eq!(
            Lang::Nl.market_problem(&problems[0]),
            "Marktaantallen — Rij 2, kolom 4 (Aantal bedrijven): 'x' is geen aantal bedrijven (een heel getal boven 0)"
        );
    }

    #[test]
    fn a_file_numbers_problems_by_its_own_lines() {
        let csv = "Marktaantallen KvK\n\nBranche;Grootteklasse;Regio;Aantal bedrijven;Bron\nBouw;<20;NL-10;1.250;KvK\n\nZorg;huge;NL-10;5;KvK\n";
        let (data, problems) = read_file(MarketListKind::Counts, csv.as_bytes(), Lang::En).unwrap();
        assert_eq!(data.counts.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].row, 6, "the line in the file");
        assert!(Lang::En.market_problem(&problems[0]).starts_with("Market counts — Row 6, column 2 (Grootteklasse)"));
        assert!(read_file(MarketListKind::Counts, b"", Lang::Nl).is_err());
    }

    #[test]
    fn segment_sort_keeps_unknowns_last() {
        let l = demo_ledger(today());
        let period = crate::engine::analysis::kpi::Period::months_ending(today(), 12);
        let a = market_analysis(&l, period, Dims::of(&[Dimension::Sector, Dimension::SizeClass]));
        let mut rows = a.rows.clone();
        assert!(rows.iter().any(|r| r.penetration.is_err()), "the consumers' segment has no count");
        for desc in [true, false] {
            sort_rows(&mut rows, MarketSort::Penetration, desc, Lang::Nl);
            let known: Vec<bool> = rows.iter().map(|r| r.penetration.is_ok()).collect();
            assert!(known.windows(2).all(|w| w[0] || !w[1]), "unknown last ({desc})");
        }
        sort_rows(&mut rows, MarketSort::Rank, false, Lang::Nl);
        assert!(rows.windows(2).all(|w| w[0].rank < w[1].rank));
        sort_rows(&mut rows, MarketSort::Revenue, true, Lang::Nl);
        assert!(rows.windows(2).all(|w| w[0].segment.revenue >= w[1].segment.revenue));
        assert_eq!(axis_amount(Lang::Nl, 1_500_000.0), "€ 1,5 mln");
        assert_eq!(axis_amount(Lang::En, 25_000.0), "€ 25k");
    }

    #[test]
    fn a_prospect_becomes_a_customer_in_acceptance() {
        use crate::engine::risk::phase::{phase, Phase};
        let mut l = demo_ledger(today());
        let p = l.settings.market.prospects[0].clone();
        let mut c = prospect_to_customer(&p, &l);
        c.flags.prepayment_required = true;
        let id = l.add_customer(c).unwrap();
        l.add_score(id, prospect_score(&p, today(), "prospectlijst").unwrap()).unwrap();
        assert_eq!(phase(&l, id, today()).map(|i| i.phase), Some(Phase::Acceptance));
    }
}
