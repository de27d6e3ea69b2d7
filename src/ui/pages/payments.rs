//! Payments: the list of all payments received and the payment form, which allocates a payment
//! to the customer's open invoices either oldest-first or by hand, with a live preview.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{
    allocate_oldest_first, merge3, normalize_iban, parse_amount, Allocation, Currency, CustomerId, DomainError,
    InvoiceId, InvoiceStatus, Ledger, Money, Payment, PaymentId,
};
use crate::ui::components::{tx, txs, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::use_state;

use super::invoices::{
    amount_input, changed_fields, form_error, go_back, is_conflict, missing, natural_cmp, no_customers, parse_customer,
    parse_date, rebase_fields, reword_on_lang_change, run_op, delete_undoable, save_error, select, sort_th, CustomerSelect, Labels,
    Opened, Opt, input,
};
use super::list::{empty_card, table_window, paged_rows, search_box, sorted_indices, table_card, total_label, totals};

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PaySort {
    Date,
    Customer,
    Amount,
    Unallocated,
}

#[derive(Clone, Debug, PartialEq)]
struct PayRow {
    id: PaymentId,
    date: NaiveDate,
    customer: CustomerId,
    customer_name: String,
    currency: Currency,
    amount: Decimal,
    /// (invoice, number, amount) per allocation.
    allocated: Vec<(InvoiceId, String, Decimal)>,
    unallocated: Decimal,
    payer: String,
    reference: String,
    haystack: String,
}

fn payment_rows(l: &Ledger) -> Vec<PayRow> {
    let names: HashMap<CustomerId, &str> = l.customers().map(|c| (c.id, c.name.as_str())).collect();
    l.payments()
        .map(|p| {
            let customer_name = names.get(&p.customer).copied().unwrap_or_default().to_string();
            let allocated: Vec<(InvoiceId, String, Decimal)> = p
                .allocations()
                .iter()
                .map(|a| (a.invoice, l.invoice(a.invoice).map(|i| i.number.clone()).unwrap_or_default(), a.amount))
                .collect();
            let numbers: Vec<&str> = allocated.iter().map(|a| a.1.as_str()).collect();
            let haystack = format!(
                "{}\n{}\n{}\n{}\n{}",
                customer_name,
                p.payer_name,
                p.payer_iban.replace(' ', ""),
                p.reference,
                numbers.join("\n")
            )
            .to_lowercase();
            PayRow {
                id: p.id,
                date: p.date,
                customer: p.customer,
                customer_name,
                currency: p.amount.currency,
                amount: p.amount.amount,
                allocated,
                unallocated: p.unallocated(),
                payer: p.payer_name.clone(),
                reference: p.reference.clone(),
                haystack,
            }
        })
        .collect()
}

fn compare_payments(a: &PayRow, b: &PayRow, key: PaySort) -> Ordering {
    let o = match key {
        PaySort::Date => a.date.cmp(&b.date),
        PaySort::Customer => a.customer_name.to_lowercase().cmp(&b.customer_name.to_lowercase()),
        PaySort::Amount => a.amount.cmp(&b.amount),
        PaySort::Unallocated => a.unallocated.cmp(&b.unallocated),
    };
    o.then_with(|| a.id.cmp(&b.id))
}

/// All payments, with search, sorting, an "unallocated only" filter and totals.
#[component]
pub fn PaymentList() -> impl IntoView {
    let state = use_state();
    let search = RwSignal::new(String::new());
    let only_unallocated = RwSignal::new(false);
    let sort = RwSignal::new((PaySort::Date, false));

    let rows = Memo::new(move |_| state.ledger.with(payment_rows));
    let visible = Memo::new(move |_| {
        let q = search.with(|s| s.trim().to_lowercase());
        let q_digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        let only = only_unallocated.get();
        let (key, asc) = sort.get();
        rows.with(|rows| {
            sorted_indices(
                rows,
                &|r| {
                    (!only || r.unallocated > Decimal::ZERO)
                        && (q.is_empty() || r.haystack.contains(&q) || r.haystack.contains(&q_digits))
                },
                &|a, b| compare_payments(a, b, key),
                asc,
            )
        })
    });
    // (count, amount, unallocated) per currency of the filtered rows.
    let totals =
        Memo::new(move |_| visible.with(|idx| rows.with(|rows| totals(rows, idx, &|r| (r.currency, r.amount, r.unallocated)))));
    let window = table_window(move || {
        search.track();
        only_unallocated.track();
    });
    let has_any = move || state.ledger.with(|l| l.payments().len() > 0);

    let table = move || {
        if !has_any() {
            return empty_card(
                (
                    "Nog geen betalingen geboekt. Boek een ontvangen betaling en verdeel die over de openstaande facturen.",
                    "No payments recorded yet. Record a payment received and allocate it to the open invoices.",
                ),
                Route::PaymentNew(None).href(),
                "payment-empty-new",
                ("Betaling boeken", "Record payment"),
            );
        }
        let head = |k: PaySort, label: (&'static str, &'static str), class: &'static str, id: &str| {
            sort_th(state, sort, k, label, class, format!("payment-sort-{id}"))
        };
        let head = view! {
            {head(PaySort::Date, ("Datum", "Date"), "", "date")}
            {head(PaySort::Customer, ("Klant", "Customer"), "hide-sm", "customer")}
            {head(PaySort::Amount, ("Bedrag", "Amount"), "num", "amount")}
            <th class="hide-sm">{tx("Toegewezen aan", "Allocated to")}</th>
            {head(PaySort::Unallocated, ("Niet toegewezen", "Unallocated"), "num hide-sm", "unallocated")}
            <th class="hide-sm">{tx("Betaler / omschrijving", "Payer / reference")}</th>
        };
        let foot = move || {
            let lang = state.lang();
            totals
                .get()
                .into_iter()
                .map(|(cur, (count, amount, rest))| {
                    view! {
                        <tr data-testid="payment-total" data-currency=cur.code().to_string()>
                            <td>{total_label(lang, cur, count)}</td>
                            <td class="hide-sm"></td>
                            <td class="num" data-testid="payment-total-amount">
                                {lang.amount(amount, cur)}
                                {(rest > Decimal::ZERO).then(|| view! {
                                    <div class="cell-sub only-sm">{lang.tr("niet toegewezen", "unallocated")}" "{lang.amount(rest, cur)}</div>
                                })}
                            </td>
                            <td class="hide-sm"></td>
                            <td class="num hide-sm" data-testid="payment-total-unallocated">{lang.amount(rest, cur)}</td>
                            <td class="hide-sm"></td>
                        </tr>
                    }
                })
                .collect_view()
        };
        table_card(
            state,
            "payment",
            head.into_any(),
            paged_rows(state, rows, visible, window, payment_row),
            foot.into_any(),
            visible,
            window,
            ("Geen betalingen gevonden met deze zoekopdracht of dit filter.", "No payments match this search or filter."),
        )
    };

    view! {
        <PageHeader title=txs("Betalingen", "Payments")>
            <crate::ui::export::ExportButtons what=crate::ui::export::Export::Payments/>
            <a class="btn primary" href=Route::PaymentNew(None).href() data-testid="payment-new">
                {tx("Betaling boeken", "Record payment")}
            </a>
        </PageHeader>
        <div class="toolbar">
            {search_box(
                state,
                "payment-search",
                ("Klant, betaler, IBAN, omschrijving of factuurnummer", "Customer, payer, IBAN, reference or invoice number"),
                search,
            )}
            <label class="check toolbar-check">
                <input
                    type="checkbox"
                    data-testid="payment-filter-unallocated"
                    prop:checked=move || only_unallocated.get()
                    on:change=move |ev| only_unallocated.set(event_target_checked(&ev))
                />
                <span>{tx("Alleen met niet-toegewezen rest", "Only with an unallocated rest")}</span>
            </label>
        </div>
        {table}
    }
}

fn payment_row(lang: crate::i18n::Lang, r: &PayRow) -> AnyView {
    let cur = r.currency;
    let allocated = r
        .allocated
        .iter()
        .enumerate()
        .map(|(k, (id, number, amount))| {
            let title = lang.amount(*amount, cur);
            view! {
                {(k > 0).then_some(", ")}
                <a href=Route::InvoiceEdit(*id).href() title=title>{number.clone()}</a>
            }
        })
        .collect_view();
    let has_rest = r.unallocated > Decimal::ZERO;
    let payer = [r.payer.as_str(), r.reference.as_str()].iter().filter(|s| !s.trim().is_empty()).copied().collect::<Vec<_>>();
    view! {
        <tr data-testid="payment-row" data-id=r.id.0.to_string()>
            <td>
                <a class="nowrap" href=Route::PaymentEdit(r.id).href() data-testid="payment-link">{lang.date(r.date)}</a>
                // On phones the customer column is hidden: shown here instead.
                <div class="cell-sub only-sm">{r.customer_name.clone()}</div>
            </td>
            <td class="hide-sm">
                <a href=Route::Customer(r.customer).href()>{r.customer_name.clone()}</a>
            </td>
            <td class="num">
                {lang.amount(r.amount, cur)}
                {has_rest.then(|| view! {
                    <div class="cell-sub only-sm">
                        <span class="badge warn">{lang.amount(r.unallocated, cur)}" "{lang.tr("niet toegewezen", "unallocated")}</span>
                    </div>
                })}
            </td>
            <td class="hide-sm">
                {if r.allocated.is_empty() { view! { <span class="muted">"—"</span> }.into_any() } else { allocated.into_any() }}
            </td>
            <td class="num hide-sm" class:has-rest=has_rest>
                {if has_rest { lang.amount(r.unallocated, cur) } else { "—".to_string() }}
                {has_rest.then(|| view! {
                    <div class="cell-sub">
                        <span class="badge warn" data-testid="payment-unallocated-badge">{lang.tr("niet toegewezen", "unallocated")}</span>
                    </div>
                })}
            </td>
            <td class="hide-sm cell-clip">
                {payer.first().map(|p| p.to_string())}
                {payer.get(1).map(|r| view! { <div class="cell-sub">{r.to_string()}</div> })}
            </td>
        </tr>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

/// An invoice the payment can go to, with what it can still take from this payment.
#[derive(Clone, Debug, PartialEq)]
struct OpenLine {
    id: InvoiceId,
    number: String,
    due: NaiveDate,
    /// Open amount plus what this payment itself already allocated to it.
    open: Decimal,
    status: InvoiceStatus,
}

/// The customer's invoices in `currency` that can take (more of) this payment: open amount plus
/// the payment's own current allocation (when editing), oldest due date first.
fn allocatable(l: &Ledger, customer: CustomerId, currency: Currency, own: Option<PaymentId>) -> Vec<OpenLine> {
    let own_alloc = own_allocations(l, own);
    let balances = l.balances();
    let mut out: Vec<OpenLine> = l
        .invoices()
        .filter(|i| i.customer == customer && !i.is_credit_note() && i.amount.currency == currency)
        .filter_map(|i| {
            let b = balances.get(&i.id)?;
            let own = own_alloc.get(&i.id).copied().unwrap_or_default();
            let open = b.amount - b.paid - b.credited + own;
            // Written-off invoices are left out unless this payment already pays them.
            let include = open > Decimal::ZERO && (!b.written_off || own > Decimal::ZERO);
            include.then(|| OpenLine { id: i.id, number: i.number.clone(), due: i.due, open, status: b.status() })
        })
        .collect();
    crate::sort::by(&mut out, |a, b| a.due.cmp(&b.due).then_with(|| natural_cmp(&a.number, &b.number)));
    out
}

fn own_allocations(l: &Ledger, own: Option<PaymentId>) -> HashMap<InvoiceId, Decimal> {
    own.and_then(|p| l.payment(p))
        .map(|p| p.allocations().iter().map(|a| (a.invoice, a.amount)).collect())
        .unwrap_or_default()
}

/// The open items for oldest-first allocation: `Ledger::open_items`, plus what this payment
/// itself already allocated (so that editing a payment can re-spread its own amount).
fn oldest_items(l: &Ledger, customer: CustomerId, currency: Currency, own: Option<PaymentId>) -> Vec<(InvoiceId, NaiveDate, Decimal)> {
    let mut items = l.open_items(customer, currency);
    for (inv, amount) in own_allocations(l, own) {
        match items.iter_mut().find(|i| i.0 == inv) {
            Some(item) => item.2 += amount,
            None => {
                if let (Some(i), Some(b)) = (l.invoice(inv), l.balance(inv)) {
                    if !b.written_off && i.amount.currency == currency {
                        items.push((inv, i.due, amount));
                    }
                }
            }
        }
    }
    items
}

const PAYMENT_LABELS: Labels = &[
    ("customer", ("Klant", "Customer")),
    ("date", ("Betaaldatum", "Payment date")),
    ("amount.amount", ("Ontvangen bedrag", "Amount received")),
    ("amount.currency", ("Valuta", "Currency")),
    ("amount", ("Ontvangen bedrag", "Amount received")),
    ("payer_name", ("Naam betaler", "Payer name")),
    ("payer_iban", ("IBAN betaler", "Payer IBAN")),
    ("reference", ("Omschrijving / kenmerk", "Description / reference")),
    ("allocations", ("Verdeling", "Allocation")),
];

/// The payment form's fields as text, in the order of `PaymentForm`'s `fields`.
fn payment_texts(p: &Payment, lang: crate::i18n::Lang) -> Vec<String> {
    vec![
        p.customer.0.to_string(),
        p.date.to_string(),
        amount_input(lang, p.amount.amount),
        p.amount.currency.code().to_string(),
        p.payer_name.clone(),
        p.payer_iban.clone(),
        p.reference.clone(),
    ]
}

/// A payment's allocations as the inputs of the explicit mode.
fn alloc_texts(p: &Payment, lang: crate::i18n::Lang) -> HashMap<InvoiceId, String> {
    p.allocations().iter().map(|a| (a.invoice, amount_input(lang, a.amount))).collect()
}

/// Allocations sorted by invoice, zero amounts left out: for comparing.
fn parsed_alloc_list(a: &[Allocation]) -> Vec<(InvoiceId, Decimal)> {
    let mut v: Vec<(InvoiceId, Decimal)> =
        a.iter().filter(|x| !x.amount.is_zero()).map(|x| (x.invoice, x.amount)).collect();
    crate::sort::ascending(&mut v);
    v
}

/// The explicit-mode inputs as allocations (unreadable or empty inputs left out), for comparing.
fn parsed_map(m: &HashMap<InvoiceId, String>) -> Vec<(InvoiceId, Decimal)> {
    let list: Vec<Allocation> = m
        .iter()
        .filter_map(|(k, v)| parse_amount(v).ok().map(|amount| Allocation { invoice: *k, amount }))
        .collect();
    parsed_alloc_list(&list)
}

fn same_allocations(a: &[Allocation], b: &[Allocation]) -> bool {
    parsed_alloc_list(a) == parsed_alloc_list(b)
}

fn mode_options(lang: crate::i18n::Lang) -> Vec<(&'static str, &'static str)> {
    vec![("oldest", lang.tr("Oudste eerst", "Oldest first")), ("explicit", lang.tr("Zelf verdelen", "Allocate myself"))]
}

/// What the form would book: allocated total, rest, and (for oldest-first) the allocations.
#[derive(Clone, Debug, PartialEq)]
struct Preview {
    amount: Option<Decimal>,
    allocated: Decimal,
    lines: Vec<(String, Decimal)>,
}

/// Record a payment or edit one.
#[component]
pub fn PaymentForm(id: Option<PaymentId>, customer: Option<CustomerId>) -> impl IntoView {
    let state = use_state();
    let existing = id.and_then(|i| state.ledger.with_untracked(|l| l.payment(i).cloned()));
    if id.is_some() && existing.is_none() {
        return missing("Deze betaling bestaat niet (meer)", "This payment does not exist (any more)", Route::Payments);
    }
    let lang0 = state.lang_untracked();
    let today = untrack(|| state.today());
    let (default_currency, has_customers) =
        state.ledger.with_untracked(|l| (l.settings.currency, l.customers().len() > 0));
    let init_customer = existing
        .as_ref()
        .map(|p| p.customer)
        .or(customer)
        .filter(|c| state.ledger.with_untracked(|l| l.customer(*c).is_some()));

    let customer_s = RwSignal::new(init_customer.map(|c| c.0.to_string()).unwrap_or_default());
    let date = RwSignal::new(existing.as_ref().map_or(today, |p| p.date).to_string());
    let amount = RwSignal::new(existing.as_ref().map(|p| amount_input(lang0, p.amount.amount)).unwrap_or_default());
    let currency = RwSignal::new(existing.as_ref().map_or(default_currency, |p| p.amount.currency).code().to_string());
    let payer_name = RwSignal::new(existing.as_ref().map(|p| p.payer_name.clone()).unwrap_or_default());
    let payer_iban = RwSignal::new(existing.as_ref().map(|p| p.payer_iban.clone()).unwrap_or_default());
    let reference = RwSignal::new(existing.as_ref().map(|p| p.reference.clone()).unwrap_or_default());
    let mode = RwSignal::new(if existing.is_some() { "explicit" } else { "oldest" }.to_string());
    let allocs: RwSignal<HashMap<InvoiceId, String>> =
        RwSignal::new(existing.as_ref().map(|p| alloc_texts(p, lang0)).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let fields = move || [customer_s, date, amount, currency, payer_name, payer_iban, reference];
    // The payment as the form showed it: only what the user changes is merged onto the payment
    // as it is when saving, so another tab's changes to other fields are kept.
    let opened: Opened<Payment> = StoredValue::new(existing.clone().map(|p| {
        let texts = payment_texts(&p, lang0);
        (p, texts)
    }));

    let cur_of = move || Currency::parse(&currency.get()).unwrap_or(default_currency);
    // The invoices this payment can go to, for the chosen customer and currency.
    let lines = Memo::new(move |_| {
        let cur = cur_of();
        match parse_customer(&customer_s.get()) {
            Some(c) => state.ledger.with(|l| allocatable(l, c, cur, id)),
            None => Vec::new(),
        }
    });
    let parsed_alloc = move |m: &HashMap<InvoiceId, String>, inv: InvoiceId| -> Decimal {
        m.get(&inv).and_then(|s| if s.trim().is_empty() { None } else { parse_amount(s).ok() }).unwrap_or_default()
    };
    let preview = Memo::new(move |_| {
        let a = amount.with(|s| parse_amount(s).ok()).filter(|a| *a > Decimal::ZERO);
        if mode.with(|m| m == "oldest") {
            let cur = cur_of();
            let (allocated, lines) = match (parse_customer(&customer_s.get()), a) {
                (Some(c), Some(a)) => state.ledger.with(|l| {
                    let items = oldest_items(l, c, cur, id);
                    let allocs = allocate_oldest_first(a, &items);
                    let total: Decimal = allocs.iter().map(|x| x.amount).sum();
                    let lines = allocs
                        .iter()
                        .map(|x| (l.invoice(x.invoice).map(|i| i.number.clone()).unwrap_or_default(), x.amount))
                        .collect();
                    (total, lines)
                }),
                _ => (Decimal::ZERO, Vec::new()),
            };
            Preview { amount: a, allocated, lines }
        } else {
            let allocated = lines.with(|ls| allocs.with(|m| ls.iter().map(|x| parsed_alloc(m, x.id)).sum()));
            Preview { amount: a, allocated, lines: Vec::new() }
        }
    });

    let on_customer_change = Callback::new(move |()| allocs.set(HashMap::new()));

    let fill = move |inv: InvoiceId, open: Decimal| {
        let lang = state.lang_untracked();
        let total = amount.with_untracked(|s| parse_amount(s).ok()).unwrap_or_default();
        let others: Decimal = lines.with_untracked(|ls| {
            allocs.with_untracked(|m| ls.iter().filter(|x| x.id != inv).map(|x| parsed_alloc(m, x.id)).sum())
        });
        let take = open.min((total - others).max(Decimal::ZERO));
        allocs.update(|m| {
            m.insert(inv, if take.is_zero() { String::new() } else { amount_input(lang, take) });
        });
    };
    let spread_oldest = move |_| {
        let lang = state.lang_untracked();
        let total = amount.with_untracked(|s| parse_amount(s).ok()).unwrap_or_default();
        let items: Vec<(InvoiceId, NaiveDate, Decimal)> =
            lines.with_untracked(|ls| ls.iter().filter(|x| x.status != InvoiceStatus::WrittenOff).map(|x| (x.id, x.due, x.open)).collect());
        let spread = allocate_oldest_first(total, &items);
        allocs.set(spread.into_iter().map(|a| (a.invoice, amount_input(lang, a.amount))).collect());
    };

    let build = move || -> Result<(Payment, bool), String> {
        let lang = state.lang_untracked();
        let cid = parse_customer(&customer_s.get_untracked())
            .ok_or_else(|| lang.tr("Kies een klant.", "Choose a customer.").to_string())?;
        let d = parse_date(&date.get_untracked())
            .ok_or_else(|| lang.tr("Vul een geldige betaaldatum in.", "Enter a valid payment date.").to_string())?;
        let a = amount.get_untracked();
        if a.trim().is_empty() {
            return Err(lang.tr("Vul het ontvangen bedrag in.", "Enter the amount received.").into());
        }
        let a = parse_amount(&a).map_err(|e| lang.domain_error(&e))?;
        let cur = Currency::parse(&currency.get_untracked()).map_err(|e| lang.domain_error(&e))?;
        let iban = payer_iban.get_untracked();
        let iban = if iban.trim().is_empty() { String::new() } else { normalize_iban(&iban).map_err(|e| lang.domain_error(&e))? };
        let oldest = mode.with_untracked(|m| m == "oldest");
        let mut allocations = Vec::new();
        if !oldest {
            let ls = lines.get_untracked();
            let m = allocs.get_untracked();
            for line in ls {
                let Some(s) = m.get(&line.id).filter(|s| !s.trim().is_empty()) else { continue };
                let v = parse_amount(s).map_err(|_| {
                    lang.tr("Het bedrag bij factuur {n} is geen geldig bedrag.", "The amount for invoice {n} is not a valid amount.")
                        .replace("{n}", &line.number)
                })?;
                if v < Decimal::ZERO {
                    return Err(lang
                        .tr("Het bedrag bij factuur {n} kan niet negatief zijn.", "The amount for invoice {n} cannot be negative.")
                        .replace("{n}", &line.number));
                }
                if v > line.open {
                    return Err(lang
                        .tr(
                            "Je wijst {a} toe aan factuur {n}, maar daarop staat nog maar {o} open.",
                            "You allocate {a} to invoice {n}, but only {o} is open on it.",
                        )
                        .replace("{a}", &lang.amount(v, cur))
                        .replace("{n}", &line.number)
                        .replace("{o}", &lang.amount(line.open, cur)));
                }
                if !v.is_zero() {
                    allocations.push(Allocation { invoice: line.id, amount: v });
                }
            }
        }
        let total: Decimal = allocations.iter().map(|x| x.amount).sum();
        if a > Decimal::ZERO && total > a {
            return Err(lang
                .tr(
                    "Je wijst in totaal {t} toe, maar de betaling is {a}. Verlaag de bedragen of verhoog het ontvangen bedrag.",
                    "You allocate {t} in total, but the payment is {a}. Lower the amounts or raise the amount received.",
                )
                .replace("{t}", &lang.amount(total, cur))
                .replace("{a}", &lang.amount(a, cur)));
        }
        if let Some((mut p, texts)) = opened.get_value() {
            let ch = changed_fields(&fields(), &texts);
            if ch[0] {
                p.customer = cid;
            }
            if ch[1] {
                p.date = d;
            }
            if ch[2] {
                p.amount.amount = a;
            }
            if ch[3] {
                p.amount.currency = cur;
            }
            if ch[4] {
                p.payer_name = payer_name.get_untracked().trim().to_string();
            }
            if ch[5] {
                p.payer_iban = iban;
            }
            if ch[6] {
                p.reference = reference.get_untracked().trim().to_string();
            }
            // Oldest-first is spread after merging, on the ledger as it is then.
            if !oldest && !same_allocations(p.allocations(), &allocations) {
                p.set_allocations(allocations).map_err(|e| lang.domain_error(&e))?;
            }
            return Ok((p, oldest));
        }
        let mut p = Payment::new(cid, d, Money::new(a, cur), allocations).map_err(|e| lang.domain_error(&e))?;
        p.payer_name = payer_name.get_untracked().trim().to_string();
        p.payer_iban = iban;
        p.reference = reference.get_untracked().trim().to_string();
        Ok((p, oldest))
    };

    let attempt = move |dry: bool| {
        let lang = state.lang_untracked();
        let (p, oldest) = match build() {
            Ok(x) => x,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        let cid = p.customer;
        let base = opened.get_value().map(|(b, _)| b);
        let result = run_op(state, dry, &move |l| match (&base, oldest) {
            (None, true) => l.add_payment_oldest_first(p.clone()).map(|_| ()),
            (None, false) => l.add_payment(p.clone()).map(|_| ()),
            (Some(base), _) => {
                let current = l.payment(base.id).cloned().ok_or(DomainError::UnknownPayment)?;
                let mut merged = merge3(base, &p, &current)?;
                if oldest {
                    let items = oldest_items(l, merged.customer, merged.amount.currency, Some(merged.id));
                    merged.set_allocations(allocate_oldest_first(merged.amount.amount, &items))?;
                }
                l.update_payment(merged)
            }
        });
        match result {
            Ok(()) if dry => {}
            Ok(()) => {
                error.set(None);
                state.success(
                    if id.is_some() {
                        lang.tr("De betaling is bijgewerkt.", "The payment was updated.")
                    } else {
                        lang.tr("De betaling is geboekt.", "The payment was recorded.")
                    }
                    .into(),
                );
                state.go(Route::Customer(cid));
            }
            Err(e) => {
                if let (true, Some(id)) = (is_conflict(&e), id) {
                    if let (Some((old_p, old)), Some(current)) =
                        (opened.get_value(), state.ledger.with_untracked(|l| l.payment(id).cloned()))
                    {
                        let new = payment_texts(&current, lang);
                        rebase_fields(&fields(), &old, &new);
                        if allocs.with_untracked(|m| parsed_map(m) == parsed_alloc_list(old_p.allocations())) {
                            allocs.set(alloc_texts(&current, lang));
                        }
                        opened.set_value(Some((current, new)));
                    }
                }
                error.set(Some(save_error(lang, &e, PAYMENT_LABELS)));
            }
        }
    };
    let save = move || attempt(false);
    reword_on_lang_change(state, error, Callback::new(move |()| attempt(true)));

    let delete = move |_| {
        let Some(id) = id else { return };
        let lang = state.lang_untracked();
        let Some((cid, what, numbers)) = state.ledger.with_untracked(|l| {
            l.payment(id).map(|p| {
                let numbers: Vec<String> = p
                    .allocations()
                    .iter()
                    .filter_map(|a| l.invoice(a.invoice).map(|i| i.number.clone()))
                    .collect();
                (p.customer, format!("{} ({})", lang.money(p.amount), lang.date(p.date)), numbers)
            })
        }) else {
            return;
        };
        let mut body = lang
            .tr("De betaling van {p} wordt verwijderd.", "The payment of {p} will be deleted.")
            .replace("{p}", &what);
        if !numbers.is_empty() {
            body.push(' ');
            body.push_str(
                &lang
                    .tr(
                        "Wat ze betaalde op {n}, staat daarna weer open.",
                        "What it paid on {n} becomes open again.",
                    )
                    .replace("{n}", &numbers.join(", ")),
            );
        }
        body.push_str(lang.tr(
            " Je kunt dit direct daarna ongedaan maken.",
            " You can undo this right afterwards.",
        ));
        state.ask(
            lang.tr("Betaling verwijderen?", "Delete payment?").into(),
            body,
            lang.tr("Verwijderen", "Delete").into(),
            true,
            move || {
                let lang = state.lang_untracked();
                let msg = lang.tr("De betaling is verwijderd.", "The payment was deleted.").to_string();
                delete_undoable(state, msg, &move |l| l.remove_payment(id), Route::Customer(cid));
            },
        );
    };

    let fallback = init_customer.map_or(Route::Payments, Route::Customer);
    let title = if id.is_some() { txs("Betaling bewerken", "Edit payment") } else { txs("Betaling boeken", "Record payment") };

    let explicit_rows = move || {
        let lang = state.lang();
        let today = state.today();
        let ls = lines.get();
        if ls.is_empty() {
            let text = if customer_s.with(String::is_empty) {
                lang.tr("Kies eerst een klant.", "Choose a customer first.")
            } else {
                lang.tr("Deze klant heeft geen openstaande facturen in deze valuta.", "This customer has no open invoices in this currency.")
            };
            return view! { <p class="muted" data-testid="alloc-none">{text}</p> }.into_any();
        }
        let cur = cur_of();
        let rows = ls
            .into_iter()
            .map(|line| {
                let inv = line.id;
                let open = line.open;
                let over = move || allocs.with(|m| parsed_alloc(m, inv)) > open;
                let late = if line.status.is_open() && line.due < today { (today - line.due).num_days() } else { 0 };
                let badge = match line.status {
                    InvoiceStatus::Disputed => Some(("badge warn", lang.status(line.status).to_string())),
                    InvoiceStatus::WrittenOff => Some(("badge muted", lang.status(line.status).to_string())),
                    _ if late > 0 => Some((
                        "badge bad",
                        lang.tr("{n} te laat", "{n} overdue").replace("{n}", &lang.days(late)),
                    )),
                    _ => None,
                };
                view! {
                    <tr data-testid="alloc-row" data-number=line.number.clone()>
                        <td>
                            <a href=Route::InvoiceEdit(inv).href()>{line.number.clone()}</a>
                            <div class="cell-sub only-sm">{lang.tr("vervalt", "due")}" "{lang.date(line.due)}</div>
                            {badge.map(|(class, text)| view! { <div class="cell-sub"><span class=class>{text}</span></div> })}
                        </td>
                        <td class="nowrap hide-sm">{lang.date(line.due)}</td>
                        <td class="num">{lang.amount(open, cur)}</td>
                        <td class="num">
                            <div class="alloc-cell">
                                <input
                                    class="alloc-input"
                                    class:invalid=over
                                    inputmode="decimal"
                                    autocomplete="off"
                                    aria-label=format!("{} {}", lang.tr("Bedrag voor factuur", "Amount for invoice"), line.number)
                                    data-testid=format!("alloc-{}", line.number)
                                    prop:value=move || allocs.with(|m| m.get(&inv).cloned().unwrap_or_default())
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        allocs.update(|m| {
                                            m.insert(inv, v);
                                        });
                                    }
                                />
                                <button
                                    type="button"
                                    class="btn small"
                                    data-testid=format!("alloc-fill-{}", line.number)
                                    title=lang.tr("Vul aan met wat nog openstaat, tot het bedrag op is", "Fill with what is open, up to what is left of the payment")
                                    on:click=move |_| fill(inv, open)
                                >
                                    {lang.tr("Vul aan", "Fill")}
                                </button>
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="data alloc-table" data-testid="alloc-table">
                    <thead>
                        <tr>
                            <th>{lang.tr("Factuur", "Invoice")}</th>
                            <th class="hide-sm">{lang.tr("Vervaldatum", "Due date")}</th>
                            <th class="num">{lang.tr("Open", "Open")}</th>
                            <th class="num">{lang.tr("Toewijzen", "Allocate")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions alloc-tools">
                <button type="button" class="btn small" data-testid="alloc-oldest" on:click=spread_oldest>
                    {lang.tr("Verdeel oudste eerst", "Spread oldest first")}
                </button>
                <button type="button" class="btn small" data-testid="alloc-clear" on:click=move |_| allocs.set(HashMap::new())>
                    {lang.tr("Alles leegmaken", "Clear all")}
                </button>
            </div>
        }
        .into_any()
    };

    let oldest_lines = move || {
        let lang = state.lang();
        let cur = cur_of();
        let p = preview.get();
        if customer_s.with(String::is_empty) {
            return view! { <p class="muted">{lang.tr("Kies eerst een klant.", "Choose a customer first.")}</p> }.into_any();
        }
        if p.lines.is_empty() {
            let text = if p.amount.is_none() {
                lang.tr("Vul het bedrag in om de verdeling te zien.", "Enter the amount to see the allocation.")
            } else {
                lang.tr("Er zijn geen openstaande facturen in deze valuta; het hele bedrag blijft niet toegewezen.", "There are no open invoices in this currency; the whole amount stays unallocated.")
            };
            return view! { <p class="muted" data-testid="alloc-none">{text}</p> }.into_any();
        }
        let items = p
            .lines
            .into_iter()
            .map(|(n, a)| view! { <li data-testid="alloc-preview-line"><span>{n}</span><span class="num">{lang.amount(a, cur)}</span></li> })
            .collect_view();
        view! {
            <p class="hint">{lang.tr("De betaling gaat naar de facturen met de oudste vervaldatum eerst:", "The payment goes to the invoices with the oldest due date first:")}</p>
            <ul class="plain alloc-preview">{items}</ul>
        }
        .into_any()
    };

    let summary = move || {
        let lang = state.lang();
        let cur = cur_of();
        let p = preview.get();
        let rest = p.amount.map(|a| a - p.allocated);
        let too_much = rest.is_some_and(|r| r < Decimal::ZERO);
        view! {
            <dl class="facts alloc-summary" data-testid="payment-preview">
                <dt>{lang.tr("Bedrag", "Amount")}</dt>
                <dd class="num">{p.amount.map_or_else(|| "—".to_string(), |a| lang.amount(a, cur))}</dd>
                <dt>{lang.tr("Toegewezen", "Allocated")}</dt>
                <dd class="num" data-testid="payment-allocated">{lang.amount(p.allocated, cur)}</dd>
                <dt><strong>{lang.tr("Niet toegewezen", "Unallocated")}</strong></dt>
                <dd class="num" class:text-bad=too_much data-testid="payment-unallocated">
                    <strong>{rest.map_or_else(|| "—".to_string(), |r| lang.amount(r, cur))}</strong>
                </dd>
            </dl>
            {too_much.then(|| view! {
                <p class="text-bad small-note" data-testid="payment-over">
                    {lang.tr("Je wijst meer toe dan het bedrag van de betaling.", "You are allocating more than the amount of the payment.")}
                </p>
            })}
            {rest.is_some_and(|r| r > Decimal::ZERO).then(|| view! {
                <p class="hint">
                    {lang.tr("De rest blijft als niet-toegewezen tegoed bij de klant staan; je kunt het later verdelen.", "The rest stays with the customer as unallocated credit; you can allocate it later.")}
                </p>
            })}
        }
    };

    view! {
        <PageHeader title=title/>
        {(!has_customers).then(no_customers)}
        <form
            class="payment-form"
            data-testid="payment-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <div class="doc-layout with-aside">
                <div class="card">
                    <div class="form-grid">
                        <CustomerSelect value=customer_s testid="payment-customer" on_change=on_customer_change/>
                        {input(state, ("Betaaldatum", "Payment date"), date, "payment-date", Opt { kind: "date", required: true, ..Opt::default() })}
                        {input(
                            state,
                            ("Ontvangen bedrag", "Amount received"),
                            amount,
                            "payment-amount",
                            Opt { mode: "decimal", required: true, placeholder: Some(("bijv. 1.250,00", "e.g. 1,250.00")), ..Opt::default() },
                        )}
                        {input(
                            state,
                            ("Valuta", "Currency"),
                            currency,
                            "payment-currency",
                            Opt {
                                class: "currency-input",
                                maxlength: "3",
                                hint: Some(("Alleen facturen in deze valuta komen in aanmerking.", "Only invoices in this currency qualify.")),
                                ..Opt::default()
                            },
                        )}
                        {input(state, ("Naam betaler", "Payer name"), payer_name, "payment-payer", Opt::default())}
                        {input(
                            state,
                            ("IBAN betaler", "Payer IBAN"),
                            payer_iban,
                            "payment-iban",
                            Opt { placeholder: Some(("NL91 ABNA 0417 1643 00", "NL91 ABNA 0417 1643 00")), ..Opt::default() },
                        )}
                        {input(state, ("Omschrijving / kenmerk", "Description / reference"), reference, "payment-reference", Opt { wide: true, ..Opt::default() })}
                    </div>
                </div>
                <aside class="card" data-testid="payment-allocation">
                    <h2>{tx("Verdeling", "Allocation")}</h2>
                    {select(state, ("Hoe verdelen?", "How to allocate?"), mode, "payment-mode", mode_options, None)}
                    {summary}
                </aside>
            </div>
            <div class="card">
                <h2>
                    {move || if mode.with(|m| m == "oldest") {
                        state.lang().tr("Voorbeeld: oudste eerst", "Preview: oldest first")
                    } else {
                        state.lang().tr("Openstaande facturen", "Open invoices")
                    }}
                </h2>
                {move || if mode.with(|m| m == "oldest") { oldest_lines().into_any() } else { explicit_rows().into_any() }}
                {form_error(error)}
                <div class="form-actions">
                    {id.is_some().then(|| view! {
                        <button type="button" class="btn danger push-left" data-testid="payment-delete" on:click=delete>
                            {tx("Verwijderen…", "Delete…")}
                        </button>
                    })}
                    <button type="button" class="btn" data-testid="payment-cancel" on:click=move |_| go_back(state, fallback)>
                        {tx("Annuleren", "Cancel")}
                    </button>
                    <button type="submit" class="btn primary" data-testid="payment-save">
                        {tx("Opslaan", "Save")}
                    </button>
                </div>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Customer, Invoice};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, n).unwrap()
    }

    #[test]
    fn editing_adds_back_the_payments_own_allocation() {
        let mut l = Ledger::new();
        let c = l.add_customer(Customer::new("D1", "A")).unwrap();
        let i1 = l.add_invoice(Invoice::new("1", c, day(1), 10, Money::eur(d("100")))).unwrap();
        let i2 = l.add_invoice(Invoice::new("2", c, day(2), 10, Money::eur(d("50")))).unwrap();
        let p = Payment::new(c, day(20), Money::eur(d("120")), vec![]).unwrap();
        let pid = l.add_payment_oldest_first(p).unwrap();
        // i1 fully paid by this payment, i2 20 of 50.
        let new = allocatable(&l, c, Currency::EUR, None);
        assert_eq!(new.iter().map(|x| (x.id, x.open)).collect::<Vec<_>>(), vec![(i2, d("30"))]);
        let edit = allocatable(&l, c, Currency::EUR, Some(pid));
        assert_eq!(edit.iter().map(|x| (x.id, x.open)).collect::<Vec<_>>(), vec![(i1, d("100")), (i2, d("50"))]);
        let mut items = oldest_items(&l, c, Currency::EUR, Some(pid));
        crate::sort::ascending(&mut items);
        assert_eq!(items, vec![(i1, day(11), d("100")), (i2, day(12), d("50"))]);
        assert!(allocatable(&l, c, Currency::parse("USD").unwrap(), Some(pid)).is_empty());
    }
}
