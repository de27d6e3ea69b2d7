//! "Cijfers": the receivables figures of a chosen period (DSO simple and count-back with its
//! steps, best possible DSO, average days delinquent, CEI, overdue share), each with its
//! definition; their monthly trend as SVG charts with a table for screen readers; the aging at
//! the end of the period; the figures per customer (sortable) and per segment. A figure without a
//! basis says why instead of showing a number.
//!
//! The period picker and the chart helpers are shared with the market page.

use std::cmp::Ordering;

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId};
use crate::engine::analysis::kpi::{
    kpi_report, kpi_series, receivables_at, Figure, Kpi, KpiSet, NotEnoughData, Period, Scope, SeriesPoint,
};
use crate::engine::analysis::segments::{segment, segment_kpis, Dimension, SegmentOptions, SegmentValue};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, PageHeader};
use crate::ui::export::{kpi_options, Dims, Export, ExportButtons, TREND_MONTHS};
use crate::ui::route::Route;
use crate::ui::state::use_state;

// ----- the period -----

/// The period the user picked: the last 3, 6 or 12 months up to today, or dates of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodChoice {
    Months(u32),
    Custom(NaiveDate, NaiveDate),
}

impl PeriodChoice {
    pub fn period(self, today: NaiveDate) -> Period {
        match self {
            PeriodChoice::Months(n) => Period::months_ending(today, n),
            PeriodChoice::Custom(a, b) => Period::new(a, b).unwrap_or_else(|| Period::months_ending(today, 12)),
        }
    }
}

/// The period picker: 3, 6, 12 months, or from–to dates (applied once both are valid dates in
/// order).
#[component]
pub fn PeriodPicker(choice: RwSignal<PeriodChoice>) -> impl IntoView {
    let state = use_state();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let apply = move || {
        let (Ok(a), Ok(b)) =
            (NaiveDate::parse_from_str(&from.get_untracked(), "%Y-%m-%d"), NaiveDate::parse_from_str(&to.get_untracked(), "%Y-%m-%d"))
        else {
            return;
        };
        if a <= b {
            choice.set(PeriodChoice::Custom(a, b));
        }
    };
    view! {
        <div class="period-picker" data-testid="period-picker">
            <div class="seg" role="group" aria-label=tx("Periode", "Period")>
                {period_button(choice, 3, tx("3 maanden", "3 months"))}
                {period_button(choice, 6, tx("6 maanden", "6 months"))}
                {period_button(choice, 12, tx("12 maanden", "12 months"))}
            </div>
            <div class="period-dates">
                <label>
                    <span>{tx("Van", "From")}</span>
                    <input type="date" data-testid="period-from" prop:value=move || from.get()
                        on:change=move |ev| { from.set(event_target_value(&ev)); apply(); } />
                </label>
                <label>
                    <span>{tx("t/m", "to")}</span>
                    <input type="date" data-testid="period-to" prop:value=move || to.get()
                        on:change=move |ev| { to.set(event_target_value(&ev)); apply(); } />
                </label>
            </div>
            <p class="hint period-shown" data-testid="period-shown">
                {move || {
                    let lang = state.lang();
                    let p = choice.get().period(state.today());
                    period_text(lang, p)
                }}
            </p>
        </div>
    }
}

fn period_button(
    choice: RwSignal<PeriodChoice>,
    n: u32,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <button
            class="seg-btn"
            class:active=move || choice.get() == PeriodChoice::Months(n)
            aria-pressed=move || (choice.get() == PeriodChoice::Months(n)).to_string()
            data-testid=format!("period-{n}")
            on:click=move |_| choice.set(PeriodChoice::Months(n))
        >
            {label}
        </button>
    }
}

/// "01-06-2026 t/m 23-11-2026 (176 dagen)".
pub fn period_text(lang: Lang, p: Period) -> String {
    format!("{} {} {} ({})", lang.date(p.start), lang.tr("t/m", "to"), lang.date(p.end), lang.days(p.days()))
}

// ----- chart helpers (f64 only for drawing) -----

/// A value as an f64 for drawing only.
pub fn draw(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A round upper bound for an axis: the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `v` (at least
/// `floor`).
pub fn nice_max(v: f64, floor: f64) -> f64 {
    let v = v.max(floor);
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|c| *c >= v - 1e-9).unwrap_or(10.0 * mag)
}

/// `v` from `[lo, hi]` onto `[a, b]` (clamped; `a` when the range is empty).
pub fn scale(v: f64, lo: f64, hi: f64, a: f64, b: f64) -> f64 {
    if hi - lo <= f64::EPSILON {
        return a;
    }
    a + (b - a) * ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// An SVG path through the points that have a value; a gap breaks the line.
pub fn line_path(points: &[(f64, Option<f64>)]) -> String {
    let mut out = String::new();
    let mut pen_down = false;
    for (x, y) in points {
        match y {
            Some(y) => {
                out.push_str(&format!("{}{x:.1},{y:.1} ", if pen_down { "L" } else { "M" }));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    out.trim_end().to_string()
}

/// "nov '26".
fn month_label(lang: Lang, d: NaiveDate) -> String {
    const NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    use chrono::Datelike;
    let m = d.month0() as usize;
    format!("{} '{:02}", if lang == Lang::Nl { NL[m] } else { EN[m] }, d.year() % 100)
}

/// A short figure for tables: "73,7" / "44,0%", or "—" (the reason is in the title).
fn short(lang: Lang, k: Kpi, f: Figure) -> String {
    match f {
        Ok(v) => match k.unit() {
            crate::engine::analysis::kpi::KpiUnit::Days => lang.one_decimal(v),
            crate::engine::analysis::kpi::KpiUnit::Percent => format!("{}%", lang.one_decimal(v)),
        },
        Err(_) => "—".into(),
    }
}

fn figure_title(lang: Lang, f: Figure) -> String {
    f.err().map(|n| lang.not_enough_data(n)).unwrap_or_default()
}

/// Orders two figures for a sort: missing figures last whichever the direction.
pub fn cmp_figures(a: Figure, b: Figure, descending: bool) -> Ordering {
    match (a, b) {
        (Ok(x), Ok(y)) => {
            if descending {
                y.cmp(&x)
            } else {
                x.cmp(&y)
            }
        }
        (Ok(_), Err(_)) => Ordering::Less,
        (Err(_), Ok(_)) => Ordering::Greater,
        (Err(_), Err(_)) => Ordering::Equal,
    }
}

// ----- the page -----

/// One customer's row of the per-customer table.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerFigures {
    pub id: CustomerId,
    pub name: String,
    pub set: KpiSet,
}

/// What the per-customer table can be sorted on: the name, the receivables, or a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Open,
    Figure(Kpi),
}

/// Sorts the rows: by name A–Z; by receivables or a figure highest first (`descending`), missing
/// figures last; ties by name.
pub fn sort_customers(rows: &mut [CustomerFigures], by: SortBy, descending: bool) {
    crate::sort::by(rows, |a, b| {
        let primary = match by {
            SortBy::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortBy::Open => {
                let (x, y) = (a.set.base.closing_total(), b.set.base.closing_total());
                if descending {
                    y.cmp(&x)
                } else {
                    x.cmp(&y)
                }
            }
            SortBy::Figure(k) => cmp_figures(a.set.value(k), b.set.value(k), descending),
        };
        let primary = if by == SortBy::Name && descending { primary.reverse() } else { primary };
        primary.then_with(|| a.name.cmp(&b.name))
    });
}

#[derive(Clone, Debug, PartialEq)]
struct FiguresData {
    period: Period,
    currency: Currency,
    total: Option<KpiSet>,
    /// Other currencies with figures (never added to the main one).
    others: Vec<Currency>,
    customers: Vec<CustomerFigures>,
    series: Vec<SeriesPoint>,
    aging: crate::engine::aging::Aging,
}

fn subnav_tab(
    current: Route,
    route: Route,
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    testid: &'static str,
) -> impl IntoView {
    let active = route == current;
    view! {
        <a href=route.href() class="subnav-tab" class:active=active aria-current=active.then_some("page") data-testid=testid>
            {label}
        </a>
    }
}

/// The tab bar of the analysis pages.
#[component]
pub fn AnalysisTabs(current: Route) -> impl IntoView {
    view! {
        <nav class="subnav" aria-label=tx("Analyse", "Analysis")>
            {subnav_tab(current, Route::Figures, tx("Kengetallen", "Figures"), "tab-figures")}
            {subnav_tab(current, Route::Market, tx("Markt en prospects", "Market and prospects"), "tab-market")}
        </nav>
    }
}

#[component]
pub fn FiguresPage() -> impl IntoView {
    let state = use_state();
    let choice = RwSignal::new(PeriodChoice::Months(12));
    let data = Memo::new(move |_| {
        let today = state.today();
        let period = choice.get().period(today);
        state.ledger.with(|l| {
            let currency = l.settings.currency;
            let options = kpi_options();
            let report = kpi_report(l, period, &options);
            let others = report.total.keys().filter(|c| **c != currency).copied().collect();
            let customers = report
                .customers
                .iter()
                .filter_map(|(id, sets)| {
                    let set = sets.get(&currency)?.clone();
                    let name = l.customer(*id).map(|c| c.name.clone()).unwrap_or_default();
                    Some(CustomerFigures { id: *id, name, set })
                })
                .collect();
            FiguresData {
                period,
                currency,
                total: report.total.get(&currency).cloned(),
                others,
                customers,
                series: kpi_series(l, today, TREND_MONTHS, &options, &Scope::All),
                aging: receivables_at(l, &[period.end]).pop().unwrap_or_default(),
            }
        })
    });

    view! {
        <div class="analysis-page" data-testid="figures-page">
            <PageHeader
                title=txs("Cijfers", "Figures")
                sub=txs(
                    "Hoe snel je klanten betalen en hoe goed je int: elk kengetal met wat het betekent en hoe het is berekend.",
                    "How fast your customers pay and how well you collect: every figure with what it means and how it is worked out.",
                )
            >
                {move || view! { <ExportButtons what=Export::Kpis(data.with(|d| d.period))/> }}
            </PageHeader>
            <AnalysisTabs current=Route::Figures/>
            <section class="card period-card">
                <PeriodPicker choice=choice/>
            </section>
            {move || kpi_cards(state.lang(), &data.get())}
            <div class="grid-2">
                <section class="card" data-testid="trend">
                    <div class="card-head">
                        <h2>{tx("Ontwikkeling per maand", "Month by month")}</h2>
                        <ExportButtons what=Export::Trend/>
                    </div>
                    {move || data.with(|d| trend_view(state.lang(), &d.series, d.currency))}
                </section>
                <section class="card" data-testid="figures-aging">
                    <div class="card-head">
                        <h2>{tx("Ouderdom aan het eind van de periode", "Aging at the end of the period")}</h2>
                        {move || (data.with(|d| d.period.end) == state.today()).then(|| view! { <ExportButtons what=Export::Aging/> })}
                    </div>
                    {move || data.with(|d| {
                        let lang = state.lang();
                        view! {
                            <p class="hint">{format!("{} {}", lang.tr("Stand per", "As of"), lang.date(d.period.end))}</p>
                            {super::dashboard::aging_view(lang, &d.aging, d.currency)}
                        }
                    })}
                </section>
            </div>
            <CustomerTable data=data/>
            <SegmentFigures choice=choice/>
        </div>
    }
}

fn kpi_cards(lang: Lang, d: &FiguresData) -> impl IntoView {
    let cards = Kpi::ALL
        .iter()
        .map(|k| {
            let f = d.total.as_ref().map_or(Err(NotEnoughData::NoSales), |s| s.value(*k));
            let missing = f.is_err();
            let steps = (*k == Kpi::DsoCountBack).then(|| count_back_steps(lang, d.total.as_ref(), d.currency));
            view! {
                <article class="kpi figure-card" class:missing=missing data-testid=format!("kpi-{k:?}").to_lowercase()>
                    <div class="label">{lang.kpi_name(*k)}</div>
                    <div class="value" data-testid="kpi-value">{lang.kpi_figure(*k, f)}</div>
                    <p class="definition">{lang.kpi_definition(*k)}</p>
                    {steps}
                </article>
            }
        })
        .collect_view();
    let base = d.total.as_ref().map(|s| {
        let c = d.currency;
        view! {
            <p class="hint figures-base" data-testid="figures-base">
                {format!(
                    "{}: {} · {}: {} · {}: {} · {}: {}",
                    lang.tr("Omzet op rekening in de periode", "Credit sales in the period"),
                    lang.amount(s.base.sales, c),
                    lang.tr("openstaand begin", "receivables at start"),
                    lang.amount(s.base.opening, c),
                    lang.tr("openstaand eind", "at end"),
                    lang.amount(s.base.closing_total(), c),
                    lang.tr("waarvan vervallen", "of which overdue"),
                    lang.amount(s.base.closing_overdue(), c),
                )}
            </p>
        }
    });
    let others = (!d.others.is_empty()).then(|| {
        let codes: Vec<&str> = d.others.iter().map(|c| c.code()).collect();
        view! {
            <p class="hint">
                {format!(
                    "{} {}",
                    lang.tr("Facturen in andere munten tellen apart en staan in de export:", "Invoices in other currencies count apart and are in the export:"),
                    codes.join(", ")
                )}
            </p>
        }
    });
    view! {
        <div class="figure-cards" data-testid="kpi-cards">{cards}</div>
        {base}
        {others}
    }
}

fn count_back_steps(lang: Lang, set: Option<&KpiSet>, c: Currency) -> Option<impl IntoView> {
    let set = set?;
    if set.count_back.is_empty() {
        return None;
    }
    let rows = set
        .count_back
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <td>{format!("{} – {}", lang.date(s.from), lang.date(s.to))}</td>
                    <td class="num">{lang.amount(s.remaining, c)}</td>
                    <td class="num">{lang.amount(s.sales, c)}</td>
                    <td class="num">{lang.one_decimal(s.days)}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <details class="count-back" data-testid="count-back-steps">
            <summary>{lang.tr("Zo is teruggeteld", "How it was counted back")}</summary>
            <p class="hint">{format!("{} {}.", lang.tr("Maanden:", "Months:"), lang.month_days(kpi_options().month_days))}</p>
            <div class="table-wrap">
                <table class="data compact">
                    <thead>
                        <tr>
                            <th>{lang.tr("Maand", "Month")}</th>
                            <th class="num">{lang.tr("Nog te verklaren", "Still to explain")}</th>
                            <th class="num">{lang.tr("Omzet", "Sales")}</th>
                            <th class="num">{lang.tr("Dagen", "Days")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    })
}

/// The lines of the trend charts: (figure, CSS class).
const DAY_LINES: [(Kpi, &str); 3] =
    [(Kpi::DsoSimple, "l1"), (Kpi::BestPossibleDso, "l2"), (Kpi::AverageDaysDelinquent, "l3")];
const PERCENT_LINES: [(Kpi, &str); 2] = [(Kpi::Cei, "l1"), (Kpi::OverdueShare, "l4")];

/// One line chart of some figures over the months, with its legend.
fn line_chart(lang: Lang, series: &[SeriesPoint], currency: Currency, lines: &[(Kpi, &'static str)], percent: bool, testid: &'static str) -> impl IntoView {
    let (w, h) = (560.0_f64, 200.0_f64);
    let (left, right, top, bottom) = (44.0, 12.0, 12.0, 26.0);
    let values: Vec<Vec<Option<f64>>> = lines
        .iter()
        .map(|(k, _)| series.iter().map(|p| p.kpis.get(&currency).and_then(|s| s.value(*k).ok()).map(draw)).collect())
        .collect();
    let max_v = values.iter().flatten().flatten().fold(0.0_f64, |m, v| m.max(*v));
    let min_v = values.iter().flatten().flatten().fold(0.0_f64, |m, v| m.min(*v));
    let hi = if percent { 100.0_f64.max(nice_max(max_v, 10.0)) } else { nice_max(max_v, 10.0) };
    let lo = if min_v < 0.0 { -nice_max(-min_v, 1.0) } else { 0.0 };
    let n = series.len().max(2) as f64;
    let x = |i: usize| left + (w - left - right) * i as f64 / (n - 1.0);
    let y = |v: f64| scale(v, lo, hi, h - bottom, top);
    let ticks = (0..=4)
        .map(|t| {
            let v = lo + (hi - lo) * f64::from(t) / 4.0;
            let yy = y(v);
            let label = if percent { format!("{v:.0}%") } else { format!("{v:.0}") };
            view! {
                <g class="tick">
                    <line x1=format!("{left:.1}") x2=format!("{:.1}", w - right) y1=format!("{yy:.1}") y2=format!("{yy:.1}")></line>
                    <text x=format!("{:.1}", left - 6.0) y=format!("{:.1}", yy + 4.0) text-anchor="end">{label}</text>
                </g>
            }
        })
        .collect_view();
    let months = series
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == (series.len() + 1) % 2)
        .map(|(i, p)| {
            view! { <text class="month" x=format!("{:.1}", x(i)) y=format!("{:.1}", h - 8.0) text-anchor="middle">{month_label(lang, p.period.end)}</text> }
        })
        .collect_view();
    let paths = lines
        .iter()
        .zip(&values)
        .map(|((_, class), vals)| {
            let pts: Vec<(f64, Option<f64>)> = vals.iter().enumerate().map(|(i, v)| (x(i), v.map(y))).collect();
            let dots = pts
                .iter()
                .filter_map(|(px, py)| py.map(|py| view! { <circle cx=format!("{px:.1}") cy=format!("{py:.1}") r="2.6"></circle> }))
                .collect_view();
            view! {
                <g class=format!("series {class}")>
                    <path d=line_path(&pts)></path>
                    {dots}
                </g>
            }
        })
        .collect_view();
    let legend = lines
        .iter()
        .map(|(k, class)| view! { <li><span class=format!("key {class}")></span>{lang.kpi_name(*k)}</li> })
        .collect_view();
    let label = lines.iter().map(|(k, _)| lang.kpi_name(*k)).collect::<Vec<_>>().join(", ");
    view! {
        <figure class="trend-chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=label data-testid=testid preserveAspectRatio="xMidYMid meet">
                {ticks}
                {months}
                {paths}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

fn trend_view(lang: Lang, series: &[SeriesPoint], currency: Currency) -> impl IntoView {
    let any = series.iter().any(|p| p.kpis.contains_key(&currency));
    if !any {
        return view! {
            <p class="empty-note" data-testid="trend-empty">
                {lang.tr("Te weinig gegevens: nog geen facturen in de afgelopen maanden.", "Not enough data: no invoices in the past months yet.")}
            </p>
        }
        .into_any();
    }
    let rows = series
        .iter()
        .map(|p| {
            let set = p.kpis.get(&currency);
            let cells = Kpi::ALL
                .iter()
                .map(|k| {
                    let f = set.map_or(Err(NotEnoughData::NoSales), |s| s.value(*k));
                    view! { <td class="num" title=figure_title(lang, f)>{short(lang, *k, f)}</td> }
                })
                .collect_view();
            view! { <tr><td>{lang.date(p.period.end)}</td>{cells}</tr> }
        })
        .collect_view();
    let heads = Kpi::ALL.iter().map(|k| view! { <th class="num" title=lang.kpi_name(*k)>{lang.kpi_short_name(*k)}</th> }).collect_view();
    view! {
        <p class="hint">
            {lang.tr(
                "Elk punt: de kengetallen over de drie maanden tot en met dat maandeinde, zoals het grootboek er toen bij stond.",
                "Each point: the figures over the three months up to that month end, as the ledger stood then.",
            )}
        </p>
        <h3 class="chart-title">{lang.tr("Dagen", "Days")}</h3>
        {line_chart(lang, series, currency, &DAY_LINES, false, "trend-days")}
        <h3 class="chart-title">{lang.tr("Percentages", "Percentages")}</h3>
        {line_chart(lang, series, currency, &PERCENT_LINES, true, "trend-percent")}
        <details class="table-alt">
            <summary>{lang.tr("Als tabel", "As a table")}</summary>
            <div class="table-wrap">
                <table class="data compact" data-testid="trend-table">
                    <caption class="sr-only">{lang.tr("Kengetallen per maand", "Figures per month")}</caption>
                    <thead><tr><th>{lang.tr("Maandeinde", "Month end")}</th>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
    .into_any()
}

/// A header cell that sorts the table it heads.
fn sort_head(lang: Lang, label: String, title: String, by: SortBy, sort: RwSignal<(SortBy, bool)>, num: bool) -> impl IntoView {
    let (current, desc) = sort.get();
    let active = current == by;
    let arrow = if !active { "" } else if desc { " ▼" } else { " ▲" };
    let aria = if !active { "none" } else if desc { "descending" } else { "ascending" };
    view! {
        <th class:num=num aria-sort=aria title=(!title.is_empty()).then_some(title)>
            <button
                class="sort"
                title=lang.tr("Sorteren", "Sort")
                on:click=move |_| {
                    sort.update(|(b, d)| {
                        if *b == by {
                            *d = !*d;
                        } else {
                            *b = by;
                            *d = by != SortBy::Name;
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
fn CustomerTable(data: Memo<FiguresData>) -> impl IntoView {
    let state = use_state();
    let sort = RwSignal::new((SortBy::Figure(Kpi::DsoSimple), true));
    view! {
        <section class="card" data-testid="figures-customers">
            <div class="card-head">
                <h2>{tx("Per klant", "Per customer")}</h2>
                {move || view! { <ExportButtons what=Export::Kpis(data.with(|d| d.period))/> }}
            </div>
            {move || {
                let lang = state.lang();
                let (by, desc) = sort.get();
                data.with(|d| {
                    if d.customers.is_empty() {
                        return view! {
                            <p class="empty-note">{lang.tr("Te weinig gegevens: geen klanten met omzet of openstaande posten in de periode.", "Not enough data: no customers with sales or open items in the period.")}</p>
                        }
                        .into_any();
                    }
                    let mut rows = d.customers.clone();
                    sort_customers(&mut rows, by, desc);
                    let c = d.currency;
                    let body = rows
                        .iter()
                        .map(|r| {
                            let cells = Kpi::ALL
                                .iter()
                                .map(|k| {
                                    let f = r.set.value(*k);
                                    view! { <td class="num" class:missing=f.is_err() title=figure_title(lang, f)>{short(lang, *k, f)}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr data-testid="figures-customer-row">
                                    <td><a href=Route::Customer(r.id).href()>{r.name.clone()}</a></td>
                                    <td class="num">{lang.amount(r.set.base.closing_total(), c)}</td>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view();
                    let heads = Kpi::ALL
                        .iter()
                        .map(|k| sort_head(lang, lang.kpi_short_name(*k).to_string(), lang.kpi_name(*k).to_string(), SortBy::Figure(*k), sort, true))
                        .collect_view();
                    view! {
                        <div class="table-wrap">
                            <table class="data sortable figures-table" data-testid="figures-customer-table">
                                <thead>
                                    <tr>
                                        {sort_head(lang, lang.tr("Klant", "Customer").into(), String::new(), SortBy::Name, sort, false)}
                                        {sort_head(lang, lang.tr("Open eind", "Open at end").into(), lang.tr("Openstaand aan het eind van de periode", "Receivables at the end of the period").into(), SortBy::Open, sort, true)}
                                        {heads}
                                    </tr>
                                </thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                        <p class="hint">
                            {lang.tr(
                                "— = te weinig gegevens (bijvoorbeeld geen omzet of niets open in de periode); wijs het streepje aan voor de reden. Dagen en percentages met één decimaal.",
                                "— = not enough data (for example no sales or nothing open in the period); point at the dash for the reason. Days and percentages to one decimal.",
                            )}
                        </p>
                    }
                    .into_any()
                })
            }}
        </section>
    }
}

#[component]
fn SegmentFigures(choice: RwSignal<PeriodChoice>) -> impl IntoView {
    let state = use_state();
    let dim = RwSignal::new(Dimension::Sector);
    let rows = Memo::new(move |_| {
        let period = choice.get().period(state.today());
        let d = dim.get();
        state.ledger.with(|l| {
            let report = segment(l, period, &Dims::of(&[d]).key(), &SegmentOptions::default());
            let figures = segment_kpis(l, &report, period, &kpi_options());
            let currency = l.settings.currency;
            report
                .rows
                .iter()
                .map(|r| (r.value.clone(), r.customers.len(), figures.get(&r.value).and_then(|m| m.get(&currency)).cloned()))
                .collect::<Vec<(SegmentValue, usize, Option<KpiSet>)>>()
        })
    });
    view! {
        <section class="card" data-testid="figures-segments">
            <div class="card-head">
                <h2>{tx("Per segment", "Per segment")}</h2>
                {move || view! { <ExportButtons what=Export::SegmentKpis(choice.get().period(state.today()), Dims::of(&[dim.get()]))/> }}
            </div>
            <div class="toolbar">
                <label class="field inline">
                    <span>{tx("Indelen op", "Group by")}</span>
                    <select
                        data-testid="segment-dimension"
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(4);
                            dim.set(Dimension::ALL.get(i).copied().unwrap_or(Dimension::Sector));
                        }
                    >
                        {move || {
                            let lang = state.lang();
                            Dimension::ALL
                                .iter()
                                .enumerate()
                                .map(|(i, d)| view! { <option value=i.to_string() selected=*d == dim.get()>{lang.dimension(*d)}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <p class="hint">{move || state.lang().dimension_rule(dim.get())}</p>
            </div>
            {move || {
                let lang = state.lang();
                rows.with(|rows| {
                    if rows.is_empty() {
                        return view! { <p class="empty-note">{lang.tr("Te weinig gegevens: geen klanten met omzet in de periode.", "Not enough data: no customers with sales in the period.")}</p> }.into_any();
                    }
                    let body = rows
                        .iter()
                        .map(|(v, n, set)| {
                            let cells = Kpi::ALL
                                .iter()
                                .map(|k| {
                                    let f = set.as_ref().map_or(Err(NotEnoughData::NoSales), |s| s.value(*k));
                                    view! { <td class="num" class:missing=f.is_err() title=figure_title(lang, f)>{short(lang, *k, f)}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr data-testid="figures-segment-row">
                                    <td>{lang.segment_value(v)}</td>
                                    <td class="num">{n.to_string()}</td>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view();
                    let heads = Kpi::ALL.iter().map(|k| view! { <th class="num" title=lang.kpi_name(*k)>{lang.kpi_short_name(*k)}</th> }).collect_view();
                    view! {
                        <div class="table-wrap">
                            <table class="data figures-table">
                                <thead><tr><th>{lang.tr("Segment", "Segment")}</th><th class="num">{lang.tr("Klanten", "Customers")}</th>{heads}</tr></thead>
                                <tbody>{body}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                })
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_ledger;

    #[test]
    fn axis_helpers() {
        assert_eq!(nice_max(73.7, 10.0), 100.0);
        assert_eq!(nice_max(42.0, 10.0), 50.0);
        assert_eq!(nice_max(3.0, 10.0), 10.0);
        assert_eq!(nice_max(0.0, 0.0), 1.0);
        assert_eq!(nice_max(f64::NAN, 0.0), 1.0);
        assert_eq!(nice_max(210.0, 10.0), 250.0);
        assert_eq!(scale(50.0, 0.0, 100.0, 200.0, 0.0), 100.0);
        assert_eq!(scale(150.0, 0.0, 100.0, 200.0, 0.0), 0.0, "clamped");
        assert_eq!(scale(5.0, 1.0, 1.0, 7.0, 9.0), 7.0, "an empty range never divides by zero");
        assert_eq!(line_path(&[(0.0, Some(1.0)), (1.0, None), (2.0, Some(3.0)), (3.0, Some(4.0))]), "M0.0,1.0 M2.0,3.0 L3.0,4.0");
        assert_eq!(line_path(&[]), "");
        assert_eq!(month_label(Lang::Nl, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()), "mrt '26");
    }

    #[test]
    fn periods() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let p = PeriodChoice::Months(3).period(today);
        assert_eq!((p.start, p.end), (NaiveDate::from_ymd_opt(2026, 8, 24).unwrap(), today));
        let a = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(PeriodChoice::Custom(a, today).period(today).start, a);
        assert_eq!(PeriodChoice::Custom(today, a).period(today), Period::months_ending(today, 12), "reversed dates fall back");
        assert_eq!(period_text(Lang::Nl, Period { start: a, end: a }), "01-01-2026 t/m 01-01-2026 (1 dag)");
    }

    #[test]
    fn customer_sort_puts_missing_figures_last_both_ways() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let l = demo_ledger(today);
        let report = kpi_report(&l, Period::months_ending(today, 6), &kpi_options());
        let mut rows: Vec<CustomerFigures> = report
            .customers
            .iter()
            .filter_map(|(id, m)| {
                Some(CustomerFigures { id: *id, name: l.customer(*id)?.name.clone(), set: m.get(&Currency::EUR)?.clone() })
            })
            .collect();
        assert!(rows.iter().any(|r| r.set.dso_simple.is_err()), "the demo has a customer without sales in the period");
        for desc in [true, false] {
            sort_customers(&mut rows, SortBy::Figure(Kpi::DsoSimple), desc);
            let firsts: Vec<bool> = rows.iter().map(|r| r.set.dso_simple.is_ok()).collect();
            assert!(firsts.windows(2).all(|w| w[0] || !w[1]), "missing last ({desc})");
            let values: Vec<Decimal> = rows.iter().filter_map(|r| r.set.dso_simple.ok()).collect();
            assert!(values.windows(2).all(|w| if desc { w[0] >= w[1] } else { w[0] <= w[1] }), "{values:?}");
        }
        sort_customers(&mut rows, SortBy::Name, false);
        assert!(rows.windows(2).all(|w| w[0].name.to_lowercase() <= w[1].name.to_lowercase()));
        sort_customers(&mut rows, SortBy::Open, true);
        assert!(rows.windows(2).all(|w| w[0].set.base.closing_total() >= w[1].set.base.closing_total()));
    }
}
