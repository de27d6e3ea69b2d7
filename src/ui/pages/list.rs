//! The machinery the long document lists (invoices, payments) share: filtering and sorting
//! row indices, per-currency totals of the filtered rows, the search box, the "nothing yet"
//! card and the table card with its "none found" line, drawing only the rows in view (virtual
//! scrolling).
//!
//! The view helpers take data and return `AnyView`, so that each is compiled once however many
//! lists use it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::Currency;
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, Empty};
use crate::ui::state::AppState;

/// Rows drawn above and below the visible part of a long table, so that fast scrolling does not
/// show blank space before the next frame.
const OVERSCAN: usize = 12;
/// The assumed height of a row until rows have been measured, in CSS pixels.
const ROW_HEIGHT: f64 = 44.0;

/// Per currency: (count, first sum, second sum) of some rows.
pub(super) type Totals = BTreeMap<Currency, (usize, Decimal, Decimal)>;

/// The indices of the rows that `keep` accepts, sorted by `cmp` (reversed when not `asc`).
pub(super) fn sorted_indices<R>(
    rows: &[R],
    keep: &dyn Fn(&R) -> bool,
    cmp: &dyn Fn(&R, &R) -> Ordering,
    asc: bool,
) -> Vec<usize> {
    let mut idx: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| keep(r)).map(|(i, _)| i).collect();
    crate::sort::by(&mut idx, |&a, &b| {
        let o = cmp(&rows[a], &rows[b]);
        if asc {
            o
        } else {
            o.reverse()
        }
    });
    idx
}

/// Count and the two sums that `of` gives, per currency, of the rows at `idx`.
pub(super) fn totals<R>(rows: &[R], idx: &[usize], of: &dyn Fn(&R) -> (Currency, Decimal, Decimal)) -> Totals {
    let mut t = Totals::new();
    for &i in idx {
        let (cur, a, b) = of(&rows[i]);
        let e = t.entry(cur).or_default();
        e.0 += 1;
        e.1 += a;
        e.2 += b;
    }
    t
}

/// The first cell's text of a totals row: "Total EUR (3)".
pub(super) fn total_label(lang: Lang, cur: Currency, count: usize) -> String {
    format!("{} {} ({count})", lang.tr("Totaal", "Total"), cur.code())
}

/// Which rows of a long table are drawn: only those in and near the browser window (virtual
/// scrolling), so a table of 50,000 invoices costs what one screenful costs. The rows above and
/// below are stand-in space of their estimated height (the average of the rows drawn so far),
/// which keeps the scroll bar and the page length right.
#[derive(Clone, Copy)]
pub(super) struct Window {
    /// Index (among the visible rows) of the first row drawn.
    pub first: RwSignal<usize>,
    /// How many rows are drawn.
    pub count: RwSignal<usize>,
    /// The average height of a drawn row, in CSS pixels.
    pub row_height: RwSignal<f64>,
}

/// The window of a list: back to the top whenever what `track` reads (the search and filters)
/// changes.
pub(super) fn table_window(track: impl Fn() + 'static) -> Window {
    let w = Window { first: RwSignal::new(0), count: RwSignal::new(60), row_height: RwSignal::new(ROW_HEIGHT) };
    Effect::new(move |_| {
        track();
        w.first.set(0);
    });
    w
}

/// The range of rows to draw for a table body whose top is `top` pixels below the top of the
/// browser window (negative: scrolled past), in a window `height` pixels high, with rows of
/// `row_height` pixels: (first, count), with [`OVERSCAN`] rows on either side.
pub(super) fn window_range(top: f64, height: f64, row_height: f64, total: usize) -> (usize, usize) {
    let h = if row_height.is_finite() && row_height > 1.0 { row_height } else { ROW_HEIGHT };
    let above = (-top / h).floor().max(0.0) as usize;
    let first = above.saturating_sub(OVERSCAN).min(total);
    let count = ((height.max(0.0) / h).ceil() as usize + 2 * OVERSCAN).min(total - first);
    (first, count)
}

/// The search field of a list's toolbar; `id` is both the element id and its test id.
pub(super) fn search_box(
    state: AppState,
    id: &'static str,
    placeholder: (&'static str, &'static str),
    search: RwSignal<String>,
) -> AnyView {
    view! {
        <div class="field search">
            <label for=id>{tx("Zoeken", "Search")}</label>
            <input
                id=id
                type="search"
                data-testid=id
                placeholder=move || state.lang().tr(placeholder.0, placeholder.1)
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
            />
        </div>
    }
    .into_any()
}

/// The card shown instead of the table while there is nothing at all yet, with a button to
/// add the first one.
pub(super) fn empty_card(
    text: (&'static str, &'static str),
    href: String,
    testid: &'static str,
    label: (&'static str, &'static str),
) -> AnyView {
    view! {
        <div class="card">
            <Empty text=txs(text.0, text.1)>
                <a class="btn primary" href=href data-testid=testid>
                    {tx(label.0, label.1)}
                </a>
            </Empty>
        </div>
    }
    .into_any()
}

/// The rows of the window, each drawn by `row`, between two stand-ins for the rows not drawn.
pub(super) fn paged_rows<R: Send + Sync + 'static>(
    state: AppState,
    rows: Memo<Vec<R>>,
    visible: Memo<Vec<usize>>,
    w: Window,
    row: fn(Lang, &R) -> AnyView,
) -> AnyView {
    let spacer = move |px: f64| {
        view! { <tr class="row-spacer" aria-hidden="true"><td colspan="12" style:height=format!("{px:.0}px")></td></tr> }
    };
    (move || {
        let lang = state.lang();
        let (first, count, h) = (w.first.get(), w.count.get(), w.row_height.get());
        visible.with(|idx| {
            let first = first.min(idx.len());
            let end = (first + count).min(idx.len());
            let drawn = rows.with(|rows| idx[first..end].iter().map(|&i| row(lang, &rows[i])).collect::<Vec<_>>());
            view! {
                {(first > 0).then(|| spacer(first as f64 * h))}
                {drawn}
                {(end < idx.len()).then(|| spacer((idx.len() - end) as f64 * h))}
            }
        })
    })
    .into_any()
}

/// Recomputes the window from where the table body is on the screen, and measures the rows
/// drawn. Called on scroll, on resize and after the rows change.
fn update_window(prefix: &str, w: Window, total: usize) {
    let Some(win) = web_sys::window() else { return };
    let Some(body) = win
        .document()
        .and_then(|d| d.query_selector(&format!("[data-testid=\"{prefix}-table\"] tbody")).ok().flatten())
    else {
        return;
    };
    let rect = body.get_bounding_client_rect();
    let height = win.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(800.0);
    // The average height of the drawn rows (the body's height less the stand-ins).
    let rows = body.children();
    let (mut drawn, mut px) = (0usize, 0.0f64);
    for i in 0..rows.length() {
        if let Some(r) = rows.item(i) {
            if !r.class_list().contains("row-spacer") {
                drawn += 1;
                px += r.get_bounding_client_rect().height();
            }
        }
    }
    if drawn > 0 {
        let avg = px / drawn as f64;
        if (avg - w.row_height.get_untracked()).abs() > 0.5 {
            w.row_height.set(avg);
        }
    }
    let (first, count) = window_range(rect.top(), height, w.row_height.get_untracked(), total);
    if first != w.first.get_untracked() {
        w.first.set(first);
    }
    if count != w.count.get_untracked() {
        w.count.set(count);
    }
}

/// The card with a list's table (`{prefix}-table`), drawn through its [`Window`], and the "none
/// found" line (`{prefix}-none-found`) when the search and filters leave nothing.
#[allow(clippy::too_many_arguments)]
pub(super) fn table_card(
    state: AppState,
    prefix: &'static str,
    head: AnyView,
    body: AnyView,
    foot: AnyView,
    visible: Memo<Vec<usize>>,
    w: Window,
    none_found: (&'static str, &'static str),
) -> AnyView {
    let total = move || visible.with_untracked(Vec::len);
    let on_scroll = window_event_listener(leptos::ev::scroll, move |_| update_window(prefix, w, total()));
    let on_resize = window_event_listener(leptos::ev::resize, move |_| update_window(prefix, w, total()));
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    // After the rows change (a search, a filter, an edit), once they are drawn.
    Effect::new(move |_| {
        visible.track();
        w.first.track();
        request_animation_frame(move || update_window(prefix, w, total()));
    });
    view! {
        <div class="card">
            <div class="table-wrap">
                <table class="data doc-table" data-testid=format!("{prefix}-table")>
                    <thead>
                        <tr>{head}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>{foot}</tfoot>
                </table>
            </div>
            {move || {
                visible.with(Vec::is_empty).then(|| view! {
                    <p class="empty" data-testid=format!("{prefix}-none-found")>{tx(none_found.0, none_found.1)}</p>
                })
            }}
            {move || {
                let n = visible.with(Vec::len);
                (n > 0).then(|| {
                    let lang = state.lang();
                    let text = match lang {
                        Lang::Nl => format!("{} {}", lang.count(n), if n == 1 { "rij" } else { "rijen" }),
                        Lang::En => format!("{} {}", lang.count(n), if n == 1 { "row" } else { "rows" }),
                    };
                    view! { <div class="more" data-testid=format!("{prefix}-count")>{text}</div> }
                })
            }}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_screen_with_overscan() {
        // (top of the body, window height, row height, rows) -> (first, count)
        type Case = (f64, f64, f64, usize, (usize, usize));
        let rows: [Case; 7] = [
            (200.0, 800.0, 40.0, 50_000, (0, 20 + 2 * OVERSCAN)),
            (0.0, 800.0, 40.0, 10, (0, 10)),
            (-4000.0, 800.0, 40.0, 50_000, (100 - OVERSCAN, 20 + 2 * OVERSCAN)),
            (-4000.0, 800.0, 40.0, 110, (100 - OVERSCAN, 110 - (100 - OVERSCAN))),
            (-2_000_000.0, 800.0, 40.0, 50_000, (50_000 - OVERSCAN, OVERSCAN)),
            (-400.0, 800.0, 0.0, 1000, (0, 19 + 2 * OVERSCAN)),
            (0.0, 0.0, 40.0, 0, (0, 0)),
        ];
        for (top, height, h, total, expected) in rows {
            assert_eq!(window_range(top, height, h, total), expected, "top {top}, height {height}, row {h}, {total} rows");
        }
    }

    #[test]
    fn indices_are_filtered_and_sorted_both_ways() {
        let rows = [5, 1, 4, 2, 3];
        let keep = |r: &i32| *r != 4;
        let cmp = |a: &i32, b: &i32| a.cmp(b);
        assert_eq!(sorted_indices(&rows, &keep, &cmp, true), vec![1, 3, 4, 0]);
        assert_eq!(sorted_indices(&rows, &keep, &cmp, false), vec![0, 4, 3, 1]);
    }

    #[test]
    fn totals_count_and_sum_per_currency() {
        let rows = [(Currency::EUR, Decimal::from(10), Decimal::ONE), (Currency::EUR, Decimal::from(5), Decimal::ZERO)];
        let t = totals(&rows, &[0, 1], &|r| *r);
        assert_eq!(t.get(&Currency::EUR), Some(&(2, Decimal::from(15), Decimal::ONE)));
        assert_eq!(totals(&rows, &[], &|r| *r).len(), 0);
    }
}
