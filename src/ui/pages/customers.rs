//! The customer list (search, filter, sort) and the customer page: documents, payments and the
//! collection diary in time order.

use std::collections::BTreeMap;

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    Country, Currency, Customer, CustomerId, CustomerKind, EventKind, InvoiceStatus, Ledger, Money, StepKind,
    TimelineItem,
};
use crate::engine::aging::{by_customer, CustomerAging};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, Empty, PageHeader, StatusBadge};
use crate::ui::route::Route;
use crate::ui::state::use_state;

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Number,
    Name,
    Open,
    Overdue,
    Oldest,
}

#[derive(Clone, PartialEq)]
struct Row {
    id: CustomerId,
    number: String,
    name: String,
    kind: CustomerKind,
    country: Country,
    city: String,
    on_hold: bool,
    handed_over: bool,
    search: String,
    aging: CustomerAging,
}

const PAGE: usize = 200;

fn rows(l: &Ledger, today: chrono::NaiveDate) -> Vec<Row> {
    let per = by_customer(l, today);
    l.customers()
        .map(|c| Row {
            id: c.id,
            number: c.number.clone(),
            name: c.name.clone(),
            kind: c.kind,
            country: c.country.clone(),
            city: c.address.city.clone(),
            on_hold: c.flags.on_hold,
            handed_over: c.flags.handed_over,
            search: format!("{} {} {} {} {} {}", c.number, c.name, c.address.city, c.email, c.sector, c.contact_person)
                .to_lowercase(),
            aging: per.get(&c.id).cloned().unwrap_or_default(),
        })
        .collect()
}

fn amounts(lang: Lang, map: &BTreeMap<Currency, Decimal>, main: Currency) -> String {
    if map.is_empty() {
        return lang.amount(Decimal::ZERO, main);
    }
    map.iter().map(|(c, d)| lang.amount(*d, *c)).collect::<Vec<_>>().join(" + ")
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new("all".to_string());
    let sort = RwSignal::new((SortKey::Name, false));
    let limit = RwSignal::new(PAGE);
    let all = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| rows(l, today))
    });
    let currency = Memo::new(move |_| state.ledger.with(|l| l.settings.currency));
    let shown = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let f = filter.get();
        let (key, desc) = sort.get();
        let cur = currency.get();
        let mut v: Vec<Row> = all.with(|rows| {
            rows.iter()
                .filter(|r| q.is_empty() || q.split_whitespace().all(|w| r.search.contains(w)))
                .filter(|r| match f.as_str() {
                    "overdue" => r.aging.overdue_count > 0,
                    "open" => r.aging.open_count > 0,
                    "consumer" => r.kind == CustomerKind::Consumer,
                    "business" => r.kind == CustomerKind::Business,
                    "hold" => r.on_hold || r.handed_over,
                    _ => true,
                })
                .cloned()
                .collect()
        });
        crate::sort::by(&mut v, |a, b| {
            let o = match key {
                SortKey::Number => a.number.cmp(&b.number),
                SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                SortKey::Open => a.aging.open_in(cur).cmp(&b.aging.open_in(cur)),
                SortKey::Overdue => a.aging.overdue_in(cur).cmp(&b.aging.overdue_in(cur)),
                SortKey::Oldest => a.aging.max_days_overdue.cmp(&b.aging.max_days_overdue),
            };
            if desc { o.reverse() } else { o }
        });
        v
    });
    let header = move |key: SortKey, nl: &'static str, en: &'static str, class: &'static str| {
        let testid = format!("sort-{}", en.to_lowercase().replace(' ', "-"));
        view! {
            <th class=class aria-sort=move || match sort.get() { (k, false) if k == key => "ascending", (k, true) if k == key => "descending", _ => "none" }>
                <button class="sort" data-testid=testid on:click=move |_| sort.update(|s| {
                    if s.0 == key { s.1 = !s.1 } else { *s = (key, matches!(key, SortKey::Open | SortKey::Overdue | SortKey::Oldest)) }
                })>
                    {move || lang().tr(nl, en)}
                    {move || match sort.get() { (k, false) if k == key => " ▲", (k, true) if k == key => " ▼", _ => "" }}
                </button>
            </th>
        }
    };
    let filters = move || {
        let l = lang();
        vec![
            ("all".to_string(), l.tr("Alle klanten", "All customers").to_string()),
            ("open".to_string(), l.tr("Met openstaande facturen", "With open invoices").to_string()),
            ("overdue".to_string(), l.tr("Met achterstand", "In arrears").to_string()),
            ("business".to_string(), l.tr("Zakelijk", "Business").to_string()),
            ("consumer".to_string(), l.tr("Consumenten", "Consumers").to_string()),
            ("hold".to_string(), l.tr("Geblokkeerd of uit handen gegeven", "On hold or handed over").to_string()),
        ]
    };
    view! {
        <PageHeader
            title=txs("Klanten", "Customers")
            sub=Signal::derive(move || {
                let n = all.with(Vec::len);
                format!("{} {}", lang().count(n), lang().tr("klanten", "customers"))
            })
        >
            <crate::ui::export::ExportButtons what=crate::ui::export::Export::Customers/>
            <a class="btn primary" href=Route::CustomerNew.href() data-testid="customer-new">
                {tx("Nieuwe klant", "New customer")}
            </a>
        </PageHeader>
        <section class="card">
            <div class="toolbar">
                <div class="field search">
                    <label for="customer-search">{tx("Zoeken", "Search")}</label>
                    <input
                        id="customer-search"
                        type="search"
                        data-testid="customer-search"
                        placeholder=tx("Naam, nummer, plaats, e-mail…", "Name, number, city, e-mail…")
                        prop:value=move || query.get()
                        on:input=move |ev| { query.set(event_target_value(&ev)); limit.set(PAGE); }
                    />
                </div>
                <div class="field">
                    <label for="customer-filter">{tx("Tonen", "Show")}</label>
                    <select id="customer-filter" data-testid="customer-filter" on:change=move |ev| filter.set(event_target_value(&ev))>
                        {move || {
                            let current = filter.get();
                            filters().into_iter().map(|(v, t)| {
                                let sel = v == current;
                                view! { <option value=v selected=sel>{t}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
            </div>
            {move || {
                let l = lang();
                let cur = currency.get();
                if all.with(Vec::is_empty) {
                    return view! {
                        <Empty text=txs("Nog geen klanten. Voeg je eerste klant toe of laad het demogrootboek via Instellingen.", "No customers yet. Add your first customer or load the demo ledger in Settings.")>
                            <a class="btn primary" href=Route::CustomerNew.href()>{l.tr("Nieuwe klant", "New customer")}</a>
                        </Empty>
                    }.into_any();
                }
                let total = shown.with(Vec::len);
                if total == 0 {
                    return view! { <p class="empty" data-testid="no-results">{l.tr("Geen klanten gevonden.", "No customers found.")}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data" data-testid="customer-table">
                            <thead>
                                <tr>
                                    {header(SortKey::Number, "Nr.", "No.", "hide-sm")}
                                    {header(SortKey::Name, "Naam", "Name", "")}
                                    <th class="hide-sm">{l.tr("Plaats", "City")}</th>
                                    {header(SortKey::Open, "Open", "Open", "num")}
                                    {header(SortKey::Overdue, "Vervallen", "Overdue", "num")}
                                    {header(SortKey::Oldest, "Oudste", "Oldest", "num hide-sm")}
                                </tr>
                            </thead>
                            <tbody>
                                {shown.with(|v| v.iter().take(limit.get()).map(|r| {
                                    let href = Route::Customer(r.id).href();
                                    view! {
                                        <tr data-testid="customer-row" data-id=r.id.0>
                                            <td class="hide-sm nowrap">{r.number.clone()}</td>
                                            <td>
                                                <a href=href>{r.name.clone()}</a>
                                                " "
                                                {(r.kind == CustomerKind::Consumer).then(|| view! { <span class="badge">{l.customer_kind(r.kind)}</span> })}
                                                " "
                                                {(r.country != Country::Nl).then(|| view! { <span class="badge">{r.country.code().to_string()}</span> })}
                                                " "
                                                {r.on_hold.then(|| view! { <span class="badge warn">{l.tr("Geblokkeerd", "On hold")}</span> })}
                                                {r.handed_over.then(|| view! { <span class="badge bad">{l.tr("Incasso", "Collection")}</span> })}
                                            </td>
                                            <td class="hide-sm">{r.city.clone()}</td>
                                            <td class="num">{amounts(l, &r.aging.open, cur)}</td>
                                            <td class="num">
                                                {if r.aging.overdue.is_empty() { "—".to_string() } else { amounts(l, &r.aging.overdue, cur) }}
                                            </td>
                                            <td class="num hide-sm">
                                                {if r.aging.max_days_overdue > 0 { l.days(r.aging.max_days_overdue) } else { "—".into() }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view())}
                            </tbody>
                        </table>
                    </div>
                    {(total > limit.get()).then(|| view! {
                        <div class="more">
                            {format!("{} {} {}", limit.get(), l.tr("van", "of"), total)}
                            " "
                            <button class="btn small" data-testid="show-more" on:click=move |_| limit.update(|n| *n += PAGE)>
                                {l.tr("Meer tonen", "Show more")}
                            </button>
                        </div>
                    })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn CustomerDetail(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let exists = Memo::new(move |_| state.ledger.with(|l| l.customer(id).is_some()));
    move || {
        if exists.get() {
            view! { <CustomerPage id=id/> }.into_any()
        } else {
            view! {
                <div class="empty" data-testid="not-found">
                    <h1>{tx("Klant niet gevonden", "Customer not found")}</h1>
                    <a class="btn" href=Route::Customers.href()>{tx("Naar de klanten", "Go to customers")}</a>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn CustomerPage(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let customer = Memo::new(move |_| state.ledger.with(|l| l.customer(id).cloned()));
    let aging = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| by_customer(l, today).remove(&id).unwrap_or_default())
    });
    let currency = Memo::new(move |_| state.ledger.with(|l| l.settings.currency));

    let delete = move |_| {
        let l = state.lang_untracked();
        let (name, counts) = state.ledger.with_untracked(|led| {
            let name = led.customer(id).map(|c| c.name.clone()).unwrap_or_default();
            let inv = led.invoices().filter(|i| i.customer == id).count();
            let pay = led.payments().filter(|p| p.customer == id).count();
            let ev = led.events().filter(|e| e.customer == id).count();
            (name, (inv, pay, ev))
        });
        let body = match l {
            Lang::Nl => format!(
                "{name} wordt verwijderd, met {} facturen en creditnota's, {} betalingen en {} dossierregels. Je kunt dit direct daarna nog ongedaan maken.",
                counts.0, counts.1, counts.2
            ),
            Lang::En => format!(
                "{name} is deleted, with {} invoices and credit notes, {} payments and {} diary entries. You can undo this right afterwards.",
                counts.0, counts.1, counts.2
            ),
        };
        state.ask(
            l.tr("Klant verwijderen?", "Delete customer?").into(),
            body,
            l.tr("Verwijderen", "Delete").into(),
            true,
            move || {
                let lang = state.lang_untracked();
                let msg = format!("{} {}", name, lang.tr("is verwijderd.", "was deleted."));
                match state.commit_undoable(msg, move |l| l.remove_customer(id)) {
                    Ok(()) => state.go(Route::Customers),
                    Err(e) => state.error(e.message(lang)),
                }
            },
        );
    };

    view! {
        {move || customer.get().map(|c| {
            let l = lang();
            let sub = [
                c.number.clone(),
                l.customer_kind(c.kind).to_string(),
                c.country.code().to_string(),
                c.address.city.clone(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            view! {
                <PageHeader title=Signal::derive({ let n = c.name.clone(); move || n.clone() }) sub=Signal::derive(move || sub.clone())>
                    <a class="btn" href=Route::CustomerEdit(id).href() data-testid="customer-edit">{l.tr("Bewerken", "Edit")}</a>
                    <a class="btn" href=Route::EventNew(id).href() data-testid="event-new">{l.tr("Dossierregel", "Diary entry")}</a>
                    <a class="btn" href=Route::InvoiceNew(Some(id)).href() data-testid="customer-invoice-new">{l.tr("Factuur", "Invoice")}</a>
                    <a class="btn primary" href=Route::PaymentNew(Some(id)).href() data-testid="customer-payment-new">{l.tr("Betaling", "Payment")}</a>
                    <button class="btn danger" data-testid="customer-delete" on:click=delete>{l.tr("Verwijderen", "Delete")}</button>
                </PageHeader>
                <Flags c=c.clone()/>
            }
        })}
        {move || {
            let l = lang();
            let cur = currency.get();
            let c = customer.get()?;
            let a = aging.get();
            let limit = c.credit_limit;
            let open = a.open_in(cur);
            let used = limit.filter(|x| !x.is_zero()).map(|x| (open * Decimal::from(100) / x).round());
            Some(view! {
                <div class="kpis">
                    <div class="kpi accent" data-testid="customer-open">
                        <div class="label">{l.tr("Openstaand", "Outstanding")}</div>
                        <div class="value">{amounts(l, &a.open, cur)}</div>
                        <div class="note">{format!("{} {}", a.open_count, l.tr("open facturen", "open invoices"))}</div>
                    </div>
                    <div class="kpi bad" data-testid="customer-overdue">
                        <div class="label">{l.tr("Vervallen", "Overdue")}</div>
                        <div class="value">{amounts(l, &a.overdue, cur)}</div>
                        <div class="note">{if a.max_days_overdue > 0 { format!("{} {}", l.tr("oudste", "oldest"), l.days(a.max_days_overdue)) } else { l.tr("niets vervallen", "nothing overdue").to_string() }}</div>
                    </div>
                    <div class="kpi" data-testid="customer-limit">
                        <div class="label">{l.tr("Kredietlimiet", "Credit limit")}</div>
                        <div class="value">{limit.map_or("—".to_string(), |x| l.amount(x, cur))}</div>
                        <div class="note">{used.map_or(l.tr("geen limiet ingesteld", "no limit set").to_string(), |u| format!("{u}% {}", l.tr("gebruikt", "used")))}</div>
                    </div>
                    <div class="kpi">
                        <div class="label">{l.tr("Betaaltermijn", "Payment term")}</div>
                        <div class="value">{l.days(i64::from(c.payment_term_days))}</div>
                        <div class="note">{c.latest_score().map_or(l.tr("geen externe score", "no external score").to_string(), |s| format!("{} {} ({})", l.tr("score", "score"), s.score, l.date(s.date)))}</div>
                    </div>
                </div>
            })
        }}
        <div class="split">
            <div>
                <Documents id=id/>
                <super::claim::ClaimPanel customer=id/>
                <Payments id=id/>
                <Diary id=id/>
            </div>
            <aside>
                {move || customer.get().map(|c| view! { <Contact c=c/> })}
                <super::risk::RiskPanel id=id/>
            </aside>
        </div>
    }
}

#[component]
fn Flags(c: Customer) -> impl IntoView {
    let state = use_state();
    let l = state.lang_untracked();
    let mut flags: Vec<(&'static str, String)> = Vec::new();
    if c.flags.on_hold {
        flags.push(("badge warn", l.tr("Geblokkeerd: geen nieuwe leveringen", "On hold: no new deliveries").into()));
    }
    if c.flags.prepayment_required {
        flags.push(("badge warn", l.tr("Alleen tegen vooruitbetaling", "Prepayment only").into()));
    }
    if c.flags.handed_over {
        flags.push(("badge bad", l.tr("Uit handen gegeven aan incasso", "Handed over to collection").into()));
    }
    if let Some(limit) = c.flags.insured_limit {
        flags.push(("badge info", format!("{} {}", l.tr("Kredietverzekerd tot", "Credit-insured up to"), l.amount(limit, Currency::EUR))));
    }
    (!flags.is_empty()).then(|| view! {
        <div class="actions" data-testid="customer-flags">
            {flags.into_iter().map(|(class, text)| view! { <span class=class>{text}</span> }).collect_view()}
        </div>
        <br/>
    })
}

#[component]
fn Contact(c: Customer) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    move || {
        let l = lang();
        let mut facts: Vec<(&'static str, AnyView)> = Vec::new();
        let text = |s: &str| s.to_string().into_any();
        if !c.contact_person.is_empty() {
            facts.push((l.tr("Contactpersoon", "Contact"), text(&c.contact_person)));
        }
        if !c.email.is_empty() {
            let href = format!("mailto:{}", c.email);
            facts.push((l.tr("E-mail", "E-mail"), view! { <a href=href>{c.email.clone()}</a> }.into_any()));
        }
        if !c.phone.is_empty() {
            let href = format!("tel:{}", c.phone.replace(' ', ""));
            facts.push((l.tr("Telefoon", "Phone"), view! { <a href=href>{c.phone.clone()}</a> }.into_any()));
        }
        let addr = c.address.one_line();
        if !addr.is_empty() {
            facts.push((l.tr("Adres", "Address"), text(&addr)));
        }
        if !c.iban.is_empty() {
            facts.push(("IBAN", text(&c.iban)));
        }
        if !c.vat_number.is_empty() {
            facts.push((l.tr("Btw-nummer", "VAT number"), text(&c.vat_number)));
        }
        if !c.sector.is_empty() {
            facts.push((l.tr("Sector", "Sector"), text(&c.sector)));
        }
        if c.size_class.is_some() {
            facts.push((l.tr("Omvang", "Size"), text(l.size_class(c.size_class))));
        }
        if !c.profile.is_empty() {
            facts.push((l.tr("Profiel", "Profile"), text(&c.profile)));
        }
        facts.push((l.tr("Behandelaar", "Collector"), text(l.collector(c.collector))));
        if let Some(i) = c.terms.interest {
            facts.push((l.tr("Contractuele rente", "Contractual interest"), text(&l.contract_interest(i))));
        }
        if let Some(costs) = c.terms.costs {
            facts.push((l.tr("Contractuele incassokosten", "Contractual collection costs"), text(&l.contract_costs(costs))));
        }
        if !c.notes.is_empty() {
            facts.push((l.tr("Notities", "Notes"), view! { <span class="pre">{c.notes.clone()}</span> }.into_any()));
        }
        view! {
            <section class="card" data-testid="customer-contact">
                <h2>{l.tr("Gegevens", "Details")}</h2>
                <dl class="facts">
                    {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
        }
    }
}

/// A document with (status, open, overdue) when it is an invoice, and the number it credits.
type DocRow = (crate::domain::Invoice, Option<(InvoiceStatus, Decimal, bool)>, String);

#[component]
fn Documents(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let docs = Memo::new(move |_| {
        let today = state.today();
        state.ledger.with(|l| {
            let balances = l.balances();
            let mut v: Vec<DocRow> = l
                .invoices()
                .filter(|i| i.customer == id)
                .map(|i| {
                    let b = balances.get(&i.id).map(|b| (b.status(), b.open(), b.status().is_open() && i.due < today));
                    let of = i.credits.and_then(|c| l.invoice(c)).map(|c| c.number.clone()).unwrap_or_default();
                    (i.clone(), b, of)
                })
                .collect();
            crate::sort::by(&mut v, |a, b| b.0.date.cmp(&a.0.date).then(b.0.id.cmp(&a.0.id)));
            v
        })
    });
    view! {
        <section class="card" data-testid="customer-invoices">
            <div class="card-head">
                <h2>{tx("Facturen en creditnota's", "Invoices and credit notes")}</h2>
                <a href=Route::InvoiceNew(Some(id)).href()>{tx("+ Factuur", "+ Invoice")}</a>
            </div>
            {move || {
                let l = lang();
                if docs.with(Vec::is_empty) {
                    return view! { <p class="muted">{l.tr("Nog geen facturen.", "No invoices yet.")}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th>{l.tr("Nummer", "Number")}</th>
                                    <th class="hide-sm">{l.tr("Vervalt", "Due")}</th>
                                    <th class="num hide-sm">{l.tr("Bedrag", "Amount")}</th>
                                    <th class="num">{l.tr("Open", "Open")}</th>
                                    <th>{l.tr("Status", "Status")}</th>
                                    <th class="hide-sm"></th>
                                </tr>
                            </thead>
                            <tbody>
                                {docs.with(|v| v.iter().map(|(inv, bal, of)| {
                                    let credit = inv.is_credit_note();
                                    let amount = if credit { Money::new(-inv.amount.amount, inv.amount.currency) } else { inv.amount };
                                    let inv_id = inv.id;
                                    view! {
                                        <tr class:credit=credit data-testid="customer-invoice-row" data-number=inv.number.clone()>
                                            <td class="nowrap">
                                                <a href=Route::InvoiceEdit(inv.id).href()>{inv.number.clone()}</a>
                                                {credit.then(|| view! { <div class="muted">{format!("{} {}", l.tr("credit op", "credit for"), of)}</div> })}
                                            </td>
                                            <td class="hide-sm nowrap">{l.date(inv.due)}</td>
                                            <td class="num hide-sm">{l.money(amount)}</td>
                                            <td class="num">{bal.map_or(String::new(), |(_, open, _)| l.amount(open, inv.amount.currency))}</td>
                                            <td>{bal.map(|(s, _, overdue)| view! { <StatusBadge status=s overdue=overdue/> })}</td>
                                            <td class="hide-sm"><div class="row-actions">
                                                {bal.filter(|(s, open, _)| s.is_open() && !open.is_zero()).map(|_| view! {
                                                    <a class="btn small link" href=Route::CreditNoteNew(inv_id).href() title=l.tr("Creditnota maken", "Create credit note")>{l.tr("Crediteren", "Credit")}</a>
                                                })}
                                            </div></td>
                                        </tr>
                                    }
                                }).collect_view())}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Payments(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    let payments = Memo::new(move |_| {
        state.ledger.with(|l| {
            let has_open = !l.open_items(id, l.settings.currency).is_empty();
            let mut v: Vec<(crate::domain::Payment, Vec<String>, bool)> = l
                .payments()
                .filter(|p| p.customer == id)
                .map(|p| {
                    let nums = p.allocations().iter().filter_map(|a| l.invoice(a.invoice)).map(|i| i.number.clone()).collect();
                    (p.clone(), nums, has_open)
                })
                .collect();
            crate::sort::by(&mut v, |a, b| b.0.date.cmp(&a.0.date).then(b.0.id.cmp(&a.0.id)));
            v
        })
    });
    let allocate = move |pid| {
        let lang = state.lang_untracked();
        match state.commit(move |l| l.allocate_rest_oldest_first(pid)) {
            Ok(()) => state.success(lang.tr("Het restant is toegewezen aan de oudste open facturen.", "The rest was allocated to the oldest open invoices.").into()),
            Err(e) => state.error(e.message(lang)),
        }
    };
    view! {
        <section class="card" data-testid="customer-payments">
            <div class="card-head">
                <h2>{tx("Betalingen", "Payments")}</h2>
                <a href=Route::PaymentNew(Some(id)).href()>{tx("+ Betaling", "+ Payment")}</a>
            </div>
            {move || {
                let l = lang();
                if payments.with(Vec::is_empty) {
                    return view! { <p class="muted">{l.tr("Nog geen betalingen.", "No payments yet.")}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th>{l.tr("Datum", "Date")}</th>
                                    <th class="num">{l.tr("Bedrag", "Amount")}</th>
                                    <th>{l.tr("Toegewezen aan", "Allocated to")}</th>
                                    <th class="num">{l.tr("Niet toegewezen", "Unallocated")}</th>
                                    <th class="hide-sm">{l.tr("Omschrijving", "Reference")}</th>
                                    <th></th>
                                </tr>
                            </thead>
                            <tbody>
                                {payments.with(|v| v.iter().map(|(p, nums, has_open)| {
                                    let rest = p.unallocated();
                                    let pid = p.id;
                                    view! {
                                        <tr data-testid="customer-payment-row">
                                            <td class="nowrap"><a href=Route::PaymentEdit(p.id).href()>{l.date(p.date)}</a></td>
                                            <td class="num">{l.money(p.amount)}</td>
                                            <td>{if nums.is_empty() { "—".to_string() } else { nums.join(", ") }}</td>
                                            <td class="num" data-testid="payment-rest">
                                                {if rest.is_zero() { "—".to_string() } else { l.amount(rest, p.amount.currency) }}
                                            </td>
                                            <td class="hide-sm">{p.reference.clone()}</td>
                                            <td><div class="row-actions">
                                                {(!rest.is_zero() && *has_open).then(|| view! {
                                                    <button class="btn small" data-testid="allocate-rest" on:click=move |_| allocate(pid)>
                                                        {l.tr("Toewijzen (oudste eerst)", "Allocate (oldest first)")}
                                                    </button>
                                                })}
                                            </div></td>
                                        </tr>
                                    }
                                }).collect_view())}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Everything that happened with this customer, newest first.
#[component]
fn Diary(id: CustomerId) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang();
    view! {
        <section class="card" data-testid="customer-diary">
            <div class="card-head">
                <h2>{tx("Dossier", "Collection diary")}</h2>
                <a class="btn small" href=Route::EventNew(id).href() data-testid="diary-add">{tx("+ Dossierregel", "+ Diary entry")}</a>
            </div>
            {move || {
                let l = lang();
                state.ledger.with(|led| {
                    let items = led.timeline(id);
                    if items.is_empty() {
                        return view! { <p class="muted">{l.tr("Nog niets gebeurd.", "Nothing has happened yet.")}</p> }.into_any();
                    }
                    let lines = items.iter().rev().map(|item| timeline_line(l, led, item)).collect_view();
                    view! { <ul class="timeline" data-testid="timeline">{lines}</ul> }.into_any()
                })
            }}
        </section>
    }
}

/// A dunning step as the diary keeps it (`StepKind::key`): its name in the language, or the text
/// itself for a step typed by hand.
fn step_label(l: Lang, step: &str) -> String {
    StepKind::from_key(step).map_or_else(|| step.to_string(), |k| l.step_kind(k).to_string())
}

fn timeline_line(l: Lang, led: &Ledger, item: &TimelineItem<'_>) -> AnyView {
    let inv_no = |i: Option<crate::domain::InvoiceId>| i.and_then(|i| led.invoice(i)).map(|i| i.number.clone());
    match item {
        TimelineItem::Document(inv) => {
            let (title, dot) = if inv.is_credit_note() {
                (format!("{} {} ({} {})", l.tr("Creditnota", "Credit note"), inv.number, l.tr("op", "for"), inv_no(inv.credits).unwrap_or_default()), "−")
            } else {
                (format!("{} {}", l.tr("Factuur", "Invoice"), inv.number), "F")
            };
            let detail = format!("{} · {} {}", l.money(inv.amount), l.tr("vervalt", "due"), l.date(inv.due));
            view! {
                <li data-testid="timeline-item" data-kind="document">
                    <span class="when">{l.date(inv.date)}</span>
                    <span class="dot doc">{dot}</span>
                    <span class="what"><strong>{title}</strong><div class="note">{detail}</div></span>
                    <span class="row-actions"><a class="btn small link" href=Route::InvoiceEdit(inv.id).href()>{l.tr("Openen", "Open")}</a></span>
                </li>
            }
            .into_any()
        }
        TimelineItem::Payment(p) => {
            let to: Vec<String> = p.allocations().iter().filter_map(|a| inv_no(Some(a.invoice))).collect();
            let detail = if to.is_empty() { l.tr("niet toegewezen", "unallocated").to_string() } else { format!("{} {}", l.tr("voor", "for"), to.join(", ")) };
            view! {
                <li data-testid="timeline-item" data-kind="payment">
                    <span class="when">{l.date(p.date)}</span>
                    <span class="dot pay">"€"</span>
                    <span class="what"><strong>{format!("{} {}", l.tr("Betaling", "Payment"), l.money(p.amount))}</strong><div class="note">{detail}</div></span>
                    <span class="row-actions"><a class="btn small link" href=Route::PaymentEdit(p.id).href()>{l.tr("Openen", "Open")}</a></span>
                </li>
            }
            .into_any()
        }
        TimelineItem::Event(e) => {
            let cur = led.settings.currency;
            let (dot_class, dot) = match &e.kind {
                EventKind::Contact { .. } => ("dot", "☎"),
                EventKind::Promise { .. } => ("dot warn", "P"),
                EventKind::Excuse { .. } => ("dot warn", "!"),
                EventKind::DisputeOpened { .. } | EventKind::WrittenOff => ("dot bad", "!"),
                EventKind::DisputeResolved => ("dot pay", "✓"),
                EventKind::HandOver { .. } => ("dot bad", "→"),
                EventKind::Paused { .. } => ("dot", "⏸"),
                _ => ("dot", "•"),
            };
            let mut parts: Vec<String> = Vec::new();
            match &e.kind {
                EventKind::Contact { channel, outcome } => parts.push(format!("{} · {}", l.channel(*channel), l.outcome(*outcome))),
                EventKind::Promise { amount, date } => parts.push(format!("{} {} {}", l.amount(*amount, cur), l.tr("uiterlijk", "by"), l.date(*date))),
                EventKind::Excuse { category } => parts.push(l.excuse(*category).to_string()),
                EventKind::DisputeOpened { reason } => parts.push(reason.clone()),
                EventKind::ExtensionRequest { days } => parts.push(format!("{} {}", l.tr("vraagt", "asks for"), l.days(i64::from(*days)))),
                EventKind::Order { amount } => parts.push(l.amount(*amount, cur)),
                EventKind::DunningDone { step, channel } => parts.push(format!("{} · {}", step_label(l, step), l.channel(*channel))),
                EventKind::DunningSkipped { step } => parts.push(step_label(l, step)),
                EventKind::Paused { until } => parts.push(format!("{} {}", l.tr("tot en met", "until"), l.date(*until))),
                EventKind::LimitSet { limit, by } => {
                    parts.push(limit.map_or_else(|| l.tr("geen limiet", "no limit").to_string(), |x| l.amount(x, cur)));
                    if !by.trim().is_empty() {
                        parts.push(format!("{} {by}", l.tr("door", "by")));
                    }
                }
                EventKind::HandOver { agency, amount } => parts.push(format!("{} {} {agency}", l.amount(*amount, cur), l.tr("aan", "to"))),
                EventKind::Note | EventKind::DisputeResolved | EventKind::WrittenOff => {}
            }
            if let Some(n) = inv_no(e.invoice) {
                parts.push(format!("{} {n}", l.tr("factuur", "invoice")));
            }
            let detail = parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
            view! {
                <li data-testid="timeline-item" data-kind="event">
                    <span class="when">{l.date(e.date)}</span>
                    <span class=dot_class>{dot}</span>
                    <span class="what">
                        <strong>{l.event_type(e.kind.event_type())}</strong>
                        {(!detail.is_empty()).then(|| view! { " · " {detail} })}
                        {(!e.note.is_empty()).then(|| view! { <div class="note">{e.note.clone()}</div> })}
                    </span>
                    <span class="row-actions"><a class="btn small link" href=Route::EventEdit(e.id).href() data-testid="event-edit">{l.tr("Wijzigen", "Edit")}</a></span>
                </li>
            }
            .into_any()
        }
    }
}
