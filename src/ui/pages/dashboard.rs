//! The overview: open and overdue totals, the aging split, the customers with the largest
//! arrears and the latest diary entries.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId, EventKind, Ledger};
use crate::engine::aging::{age, by_customer, Aging, Bucket};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::use_state;

pub fn bucket_label(lang: Lang, b: Bucket) -> &'static str {
    match b {
        Bucket::NotDue => lang.tr("Nog niet vervallen", "Not yet due"),
        Bucket::Days1To30 => lang.tr("1–30 dagen", "1–30 days"),
        Bucket::Days31To60 => lang.tr("31–60 dagen", "31–60 days"),
        Bucket::Days61To90 => lang.tr("61–90 dagen", "61–90 days"),
        Bucket::Over90 => lang.tr("Meer dan 90 dagen", "More than 90 days"),
    }
}

#[derive(Clone, PartialEq)]
struct Overview {
    aging: Aging,
    currency: Currency,
    customers_overdue: usize,
    top: Vec<(CustomerId, String, Decimal, i64)>,
    recent: Vec<(CustomerId, String, chrono::NaiveDate, String, crate::domain::EventType, String)>,
    empty: bool,
}

fn overview(l: &Ledger, today: chrono::NaiveDate) -> Overview {
    let currency = l.settings.currency;
    let per = by_customer(l, today);
    let mut top: Vec<(CustomerId, String, Decimal, i64)> = per
        .iter()
        .filter(|(_, a)| a.overdue_count > 0)
        .map(|(id, a)| {
            let name = l.customer(*id).map(|c| c.name.clone()).unwrap_or_default();
            (*id, name, a.overdue_in(currency), a.max_days_overdue)
        })
        .collect();
    let customers_overdue = top.len();
    crate::sort::by(&mut top, |a, b| b.2.cmp(&a.2).then(b.3.cmp(&a.3)));
    top.truncate(8);
    let mut events: Vec<_> = l.events().collect();
    crate::sort::by_key(&mut events, |e| std::cmp::Reverse((e.date, e.id)));
    let recent = events
        .into_iter()
        .take(6)
        .map(|e| {
            let name = l.customer(e.customer).map(|c| c.name.clone()).unwrap_or_default();
            let detail = match &e.kind {
                EventKind::DisputeOpened { reason } => reason.clone(),
                _ => e.note.clone(),
            };
            (e.customer, name, e.date, detail, e.kind.event_type(), String::new())
        })
        .collect();
    Overview { aging: age(l, None, today), currency, customers_overdue, top, recent, empty: l.is_empty() }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let state = use_state();
    let data = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| overview(l, today))
    });
    let lang = move || state.lang();

    view! {
        <PageHeader
            title=txs("Overzicht", "Overview")
            sub=Signal::derive(move || {
                let l = lang();
                format!("{} {}", l.tr("Stand per", "As of"), l.long_date(state.today()))
            })
        >
            <a class="btn" href=Route::InvoiceNew(None).href() data-testid="dash-invoice-new">
                {tx("Nieuwe factuur", "New invoice")}
            </a>
            <a class="btn primary" href=Route::PaymentNew(None).href() data-testid="dash-payment-new">
                {tx("Betaling boeken", "Record payment")}
            </a>
        </PageHeader>
        {move || if data.with(|d| d.empty) { view! { <Welcome/> }.into_any() } else { view! { <Figures data=data/> }.into_any() }}
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let state = use_state();
    let load_demo = move |_| {
        let today = state.today_untracked();
        let lang = state.lang_untracked();
        // The ledger is empty here, so nothing of the user's is replaced.
        match state.commit(move |l| {
            let company = l.company.clone();
            *l = crate::demo::demo_ledger(today);
            if !company.name.is_empty() {
                l.company = company;
            }
            Ok(())
        }) {
            Ok(()) => state.success(lang.tr("Het demogrootboek is geladen.", "The demo ledger is loaded.").into()),
            Err(e) => state.error(e.message(lang)),
        }
    };
    view! {
        <section class="card welcome" data-testid="welcome">
            <h2>{tx("Welkom bij Stipt", "Welcome to Stipt")}</h2>
            <p>
                {tx("Stipt houdt bij wie je wat verschuldigd is en helpt je op tijd je geld te innen. Alles blijft in deze browser: er gaat niets over het internet.", "Stipt keeps track of who owes you what and helps you collect on time. Everything stays in this browser: nothing is sent over the internet.")}
            </p>
            <div class="actions center">
                <a class="btn primary" href=Route::CustomerNew.href() data-testid="welcome-customer">
                    {tx("Eerste klant toevoegen", "Add your first customer")}
                </a>
                <button class="btn" data-testid="welcome-demo" on:click=load_demo>
                    {tx("Demogrootboek bekijken", "Explore the demo ledger")}
                </button>
            </div>
        </section>
    }
}

#[component]
fn Figures(data: Memo<Overview>) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let kpis = move || {
        let l = lang();
        data.with(|d| {
            let c = d.currency;
            let total = d.aging.total(c);
            let overdue = d.aging.overdue(c);
            let share = if total.is_zero() { Decimal::ZERO } else { (overdue * Decimal::from(100) / total).round() };
            let others: Vec<String> = d
                .aging
                .per_currency
                .keys()
                .filter(|k| **k != c)
                .map(|k| l.amount(d.aging.total(*k), *k))
                .collect();
            view! {
                <div class="kpis">
                    <div class="kpi accent" data-testid="kpi-open">
                        <div class="label">{l.tr("Openstaand", "Outstanding")}</div>
                        <div class="value">{l.amount(total, c)}</div>
                        <div class="note">
                            {if others.is_empty() { format!("{} {}", d.aging.open_count(), l.tr("open facturen", "open invoices")) } else { format!("+ {}", others.join(", ")) }}
                        </div>
                    </div>
                    <div class="kpi bad" data-testid="kpi-overdue">
                        <div class="label">{l.tr("Vervallen", "Overdue")}</div>
                        <div class="value">{l.amount(overdue, c)}</div>
                        <div class="note">{format!("{share}% {}", l.tr("van het openstaande bedrag", "of the outstanding amount"))}</div>
                    </div>
                    <div class="kpi" data-testid="kpi-overdue-count">
                        <div class="label">{l.tr("Vervallen facturen", "Overdue invoices")}</div>
                        <div class="value">{d.aging.overdue_count()}</div>
                        <div class="note">{format!("{} {}", d.aging.open_count(), l.tr("open in totaal", "open in total"))}</div>
                    </div>
                    <div class="kpi" data-testid="kpi-customers-overdue">
                        <div class="label">{l.tr("Klanten met achterstand", "Customers in arrears")}</div>
                        <div class="value">{d.customers_overdue}</div>
                        <div class="note">{l.tr("met minstens één vervallen factuur", "with at least one overdue invoice")}</div>
                    </div>
                </div>
            }
        })
    };
    view! {
        {kpis}
        <div class="grid-2">
            <section class="card" data-testid="aging">
                <div class="card-head">
                    <h2>{tx("Ouderdom van de vorderingen", "Receivables aging")}</h2>
                    <crate::ui::export::ExportButtons what=crate::ui::export::Export::Aging/>
                </div>
                {move || data.with(|d| aging_view(lang(), &d.aging, d.currency))}
            </section>
            <section class="card" data-testid="top-arrears">
                <div class="card-head">
                    <h2>{tx("Grootste achterstanden", "Largest arrears")}</h2>
                    <a href=Route::Customers.href()>{tx("Alle klanten", "All customers")}</a>
                </div>
                {move || {
                    let l = lang();
                    data.with(|d| {
                        if d.top.is_empty() {
                            return view! { <p class="muted">{l.tr("Geen vervallen facturen. Mooi zo!", "No overdue invoices. Well done!")}</p> }.into_any();
                        }
                        let c = d.currency;
                        view! {
                            <div class="table-wrap">
                                <table class="data">
                                    <thead>
                                        <tr>
                                            <th>{l.tr("Klant", "Customer")}</th>
                                            <th class="num">{l.tr("Vervallen", "Overdue")}</th>
                                            <th class="num">{l.tr("Oudste", "Oldest")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d.top.iter().map(|(id, name, amount, days)| view! {
                                            <tr data-testid="arrears-row">
                                                <td><a href=Route::Customer(*id).href()>{name.clone()}</a></td>
                                                <td class="num">{l.amount(*amount, c)}</td>
                                                <td class="num">{l.days(*days)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    })
                }}
            </section>
        </div>
        <section class="card" data-testid="recent-diary">
            <h2>{tx("Laatst in het dossier", "Latest in the collection diary")}</h2>
            {move || {
                let l = lang();
                data.with(|d| {
                    if d.recent.is_empty() {
                        return view! { <p class="muted">{l.tr("Nog geen dossierregels.", "No diary entries yet.")}</p> }.into_any();
                    }
                    view! {
                        <ul class="timeline">
                            {d.recent.iter().map(|(cid, name, date, detail, kind, _)| view! {
                                <li>
                                    <span class="when">{l.date(*date)}</span>
                                    <span class="dot">"•"</span>
                                    <span class="what">
                                        <strong>{l.event_type(*kind)}</strong>
                                        " · "
                                        <a href=Route::Customer(*cid).href()>{name.clone()}</a>
                                        {(!detail.is_empty()).then(|| view! { <div class="note">{detail.clone()}</div> })}
                                    </span>
                                    <span></span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })
            }}
        </section>
    }
}

/// The aging split as an SVG bar chart with the same figures as a table (screen readers, print).
pub fn aging_view(lang: Lang, aging: &Aging, currency: Currency) -> impl IntoView {
    let max = Bucket::ALL.iter().map(|b| aging.bucket(currency, *b)).max().unwrap_or_default();
    let row_h = 34;
    let label_w = 130.0;
    let bar_w = 190.0;
    let height = row_h * 5;
    let bars = Bucket::ALL
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let v = aging.bucket(currency, *b);
            let frac = if max.is_zero() { 0.0 } else { decimal_ratio(v, max) };
            let w = (frac * bar_w).max(if v.is_zero() { 0.0 } else { 2.0 });
            let y = i as i32 * row_h;
            view! {
                <g>
                    <text x="0" y=y + 21>{bucket_label(lang, *b)}</text>
                    <rect class=format!("b{i}") x=label_w y=y + 8 width=format!("{w:.1}") height="18" rx="4"></rect>
                    <text class="val" x=format!("{:.1}", label_w + w + 8.0) y=y + 21>{lang.amount(v, currency)}</text>
                </g>
            }
        })
        .collect_view();
    let rows = Bucket::ALL
        .iter()
        .enumerate()
        .map(|(i, b)| {
            view! {
                <tr data-testid=format!("aging-{i}")>
                    <td><span class=format!("swatch b{i}")></span>{bucket_label(lang, *b)}</td>
                    <td class="num">{aging.counts[i]}</td>
                    <td class="num">{lang.amount(aging.bucket(currency, *b), currency)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <svg class="aging-chart" viewBox=format!("0 0 420 {height}") role="img" aria-label=lang.tr("Ouderdomsverdeling", "Aging split")>
            {bars}
        </svg>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th>{lang.tr("Achterstand", "Past due")}</th>
                        <th class="num">{lang.tr("Facturen", "Invoices")}</th>
                        <th class="num">{lang.tr("Bedrag", "Amount")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <td>{lang.tr("Totaal openstaand", "Total outstanding")}</td>
                        <td class="num">{aging.open_count()}</td>
                        <td class="num" data-testid="aging-total">{lang.amount(aging.total(currency), currency)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// `part / whole` as a fraction for drawing only (never for money).
fn decimal_ratio(part: Decimal, whole: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    (part / whole).to_f64().unwrap_or(0.0).clamp(0.0, 1.0)
}
