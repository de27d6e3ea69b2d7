//! The machinery the long document lists (invoices, payments) share: filtering and sorting
//! row indices, per-currency totals of the filtered rows, the search box, the "nothing yet"
//! card and the table card with its "none found" line and 200-row paging ("show more").
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

/// Rows rendered per "show more" step in the long tables.
pub(super) const PAGE: usize = 200;

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
    idx.sort_by(|&a, &b| {
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

/// The paging limit of a list: starts at [`PAGE`] and goes back to it whenever what `track`
/// reads (the search and filters) changes.
pub(super) fn page_limit(track: impl Fn() + 'static) -> RwSignal<usize> {
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        track();
        limit.set(PAGE);
    });
    limit
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

/// The first `limit` of the `visible` rows, each drawn by `row`.
pub(super) fn paged_rows<R: Send + Sync + 'static>(
    state: AppState,
    rows: Memo<Vec<R>>,
    visible: Memo<Vec<usize>>,
    limit: RwSignal<usize>,
    row: fn(Lang, &R) -> AnyView,
) -> AnyView {
    (move || {
        let lang = state.lang();
        let n = limit.get();
        visible.with(|idx| rows.with(|rows| idx.iter().take(n).map(|&i| row(lang, &rows[i])).collect::<Vec<_>>()))
    })
    .into_any()
}

/// The card with a list's table (`{prefix}-table`), the "none found" line
/// (`{prefix}-none-found`) when the search and filters leave nothing, and the "show more"
/// button (`{prefix}-more`) while rows are left out.
#[allow(clippy::too_many_arguments)]
pub(super) fn table_card(
    state: AppState,
    prefix: &'static str,
    head: AnyView,
    body: AnyView,
    foot: AnyView,
    visible: Memo<Vec<usize>>,
    limit: RwSignal<usize>,
    none_found: (&'static str, &'static str),
) -> AnyView {
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
                let total = visible.with(Vec::len);
                let shown = limit.get().min(total);
                (total > shown).then(|| {
                    let lang = state.lang();
                    let text = lang
                        .tr("{shown} van {total} getoond", "Showing {shown} of {total}")
                        .replace("{shown}", &shown.to_string())
                        .replace("{total}", &total.to_string());
                    view! {
                        <div class="more">
                            <span>{text}</span>" "
                            <button class="btn small" data-testid=format!("{prefix}-more") on:click=move |_| limit.update(|n| *n += PAGE)>
                                {lang.tr("Meer tonen", "Show more")}
                            </button>
                        </div>
                    }
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
