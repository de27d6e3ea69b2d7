//! The standalone calculator: amounts, dates, country, business or consumer and contractual
//! terms in; the same explained breakdown as the claim panel out, computed as the user types.
//! Nothing here touches the ledger (the law settings are read from it).

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;

use crate::domain::{parse_amount, Channel, ContractCosts, ContractInterest, ContractTerms, Country, CustomerKind};
use crate::engine::law::{self, Case, Claim, ClaimPayment, Regime, Reminder};
use crate::i18n::Lang;
use crate::ui::components::{tx, txs, Check, Field, PageHeader, Select};
use crate::ui::pages::claim::{law_error_view, statement_view};
use crate::ui::state::use_state;

/// One claim row as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimText {
    pub label: String,
    pub amount: String,
    pub invoice_date: String,
    pub due: String,
}

/// One payment row as typed; `claim` is the 1-based row number of the claim it pays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PaymentText {
    pub date: String,
    pub amount: String,
    pub claim: String,
}

/// Everything the calculator form holds, as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalcText {
    /// "NL" or "BE".
    pub country: String,
    /// "business" or "consumer".
    pub kind: String,
    pub as_of: String,
    pub claims: Vec<ClaimText>,
    pub payments: Vec<PaymentText>,
    pub interest_rate: String,
    pub per_month: bool,
    pub compound: bool,
    /// "none", "fixed" or "percent".
    pub costs_kind: String,
    pub costs_value: String,
    /// Dutch consumers: the date the 14-day letter was sent.
    pub letter: String,
    /// Belgian consumers: the first reminder's date and whether it was e-mailed.
    pub first_reminder: String,
    pub first_by_email: bool,
    /// Belgian consumers: later reminders by post.
    pub later_reminders: String,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Turns the form into a case, or says every problem with its row.
///
/// # Errors
/// One message per problem, in the user's language.
pub fn build_case(lang: Lang, t: &CalcText) -> Result<Case, Vec<String>> {
    let mut errors = Vec::new();
    let kind = if t.kind == "consumer" { CustomerKind::Consumer } else { CustomerKind::Business };
    let regime = Regime::of(kind, &Country::from_code(&t.country));
    let Some(as_of) = date(&t.as_of) else {
        return Err(vec![lang.tr("Kies de datum waarop je rekent.", "Choose the date to compute to.").to_string()]);
    };
    let row = |n: usize| match lang {
        Lang::Nl => format!("Factuur {n}"),
        Lang::En => format!("Invoice {n}"),
    };
    let mut claims = Vec::new();
    for (i, c) in t.claims.iter().enumerate() {
        let n = i + 1;
        if c.amount.trim().is_empty() && c.invoice_date.trim().is_empty() {
            continue;
        }
        let amount = match parse_amount(&c.amount) {
            Ok(a) if a > rust_decimal::Decimal::ZERO => Some(a),
            _ => {
                errors.push(format!("{}: {}", row(n), lang.tr("vul een bedrag groter dan nul in.", "enter an amount above zero.")));
                None
            }
        };
        let invoice_date = date(&c.invoice_date);
        if invoice_date.is_none() {
            errors.push(format!("{}: {}", row(n), lang.tr("vul de factuurdatum in.", "enter the invoice date.")));
        }
        let due = if c.due.trim().is_empty() { None } else { date(&c.due) };
        if let (Some(d), Some(i)) = (due, invoice_date) {
            if d < i {
                errors.push(format!("{}: {}", row(n), lang.tr("de vervaldatum ligt voor de factuurdatum.", "the due date is before the invoice date.")));
            }
        }
        if let (Some(principal), Some(invoice_date)) = (amount, invoice_date) {
            let label = if c.label.trim().is_empty() { n.to_string() } else { c.label.trim().to_string() };
            claims.push((i, Claim { label, principal, invoice_date, due, payments: Vec::new() }));
        }
    }
    if claims.is_empty() && errors.is_empty() {
        errors.push(lang.tr("Vul minstens één factuur in.", "Enter at least one invoice.").to_string());
    }
    for (i, p) in t.payments.iter().enumerate() {
        if p.amount.trim().is_empty() && p.date.trim().is_empty() {
            continue;
        }
        let what = match lang {
            Lang::Nl => format!("Betaling {}", i + 1),
            Lang::En => format!("Payment {}", i + 1),
        };
        let amount = parse_amount(&p.amount).ok().filter(|a| *a > rust_decimal::Decimal::ZERO);
        let day = date(&p.date);
        let target = p.claim.trim().parse::<usize>().ok().and_then(|n| claims.iter_mut().find(|(i, _)| *i + 1 == n));
        match (amount, day, target) {
            (Some(amount), Some(date), Some((_, claim))) => claim.payments.push(ClaimPayment { date, amount }),
            (None, _, _) => errors.push(format!("{what}: {}", lang.tr("vul een bedrag groter dan nul in.", "enter an amount above zero."))),
            (_, None, _) => errors.push(format!("{what}: {}", lang.tr("vul de datum in.", "enter the date."))),
            (_, _, None) => errors.push(format!("{what}: {}", lang.tr("kies de factuur die is betaald.", "choose the invoice it pays."))),
        }
    }
    let mut terms = ContractTerms::default();
    if !t.interest_rate.trim().is_empty() {
        match parse_amount(&t.interest_rate) {
            Ok(rate) if rate >= rust_decimal::Decimal::ZERO && rate <= rust_decimal::Decimal::ONE_HUNDRED => {
                terms.interest = Some(ContractInterest { rate, per_month: t.per_month, compound: t.compound });
            }
            _ => errors.push(lang.tr("Contractuele rente: vul een percentage tussen 0 en 100 in.", "Contractual interest: enter a percentage from 0 to 100.").to_string()),
        }
    }
    if t.costs_kind == "fixed" || t.costs_kind == "percent" {
        match parse_amount(&t.costs_value) {
            Ok(v) if v >= rust_decimal::Decimal::ZERO => {
                terms.costs = Some(if t.costs_kind == "fixed" { ContractCosts::Fixed(v) } else { ContractCosts::Percent(v) });
            }
            _ => errors.push(lang.tr("Contractuele kosten: vul een bedrag of percentage in.", "Contractual costs: enter an amount or percentage.").to_string()),
        }
    }
    let mut reminders = Vec::new();
    match regime {
        Regime::NlConsumer => {
            if let Some(sent) = date(&t.letter) {
                reminders.push(Reminder { sent, channel: Channel::Letter, fourteen_day: true });
            }
        }
        Regime::BeConsumer => {
            if let Some(first) = date(&t.first_reminder) {
                let channel = if t.first_by_email { Channel::Email } else { Channel::Letter };
                reminders.push(Reminder { sent: first, channel, fourteen_day: false });
                let later: u32 = t.later_reminders.trim().parse().unwrap_or(0);
                // Only their number matters (each after the first).
                for k in 1..=later.min(50) {
                    let sent = (first + Duration::days(i64::from(k))).min(as_of);
                    reminders.push(Reminder { sent: sent.max(first + Duration::days(1)), channel: Channel::Letter, fourteen_day: false });
                }
            }
        }
        Regime::NlBusiness | Regime::BeBusiness => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Case { regime, terms, claims: claims.into_iter().map(|(_, c)| c).collect(), reminders, as_of })
}

/// Signals of one claim row.
#[derive(Clone, Copy)]
struct ClaimRow {
    id: u32,
    label: RwSignal<String>,
    amount: RwSignal<String>,
    invoice_date: RwSignal<String>,
    due: RwSignal<String>,
}

/// Signals of one payment row.
#[derive(Clone, Copy)]
struct PaymentRow {
    id: u32,
    date: RwSignal<String>,
    amount: RwSignal<String>,
    claim: RwSignal<String>,
}

#[component]
pub fn Calculator() -> impl IntoView {
    let state = use_state();
    let today = state.today_untracked();
    let iso = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let next_id = StoredValue::new(1u32);
    let new_id = move || {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        id
    };
    let country = RwSignal::new("NL".to_string());
    let kind = RwSignal::new("business".to_string());
    let as_of = RwSignal::new(iso(today));
    let claim_row = move |invoice_date: String| ClaimRow {
        id: new_id(),
        label: RwSignal::new(String::new()),
        amount: RwSignal::new(String::new()),
        invoice_date: RwSignal::new(invoice_date),
        due: RwSignal::new(String::new()),
    };
    let claims = RwSignal::new(vec![claim_row(iso(today - Duration::days(90)))]);
    let payments: RwSignal<Vec<PaymentRow>> = RwSignal::new(Vec::new());
    let interest_rate = RwSignal::new(String::new());
    let per_month = RwSignal::new(false);
    let compound = RwSignal::new(false);
    let costs_kind = RwSignal::new("none".to_string());
    let costs_value = RwSignal::new(String::new());
    let letter = RwSignal::new(String::new());
    let first_reminder = RwSignal::new(String::new());
    let first_by_email = RwSignal::new(false);
    let later_reminders = RwSignal::new(String::new());

    let text = move || CalcText {
        country: country.get(),
        kind: kind.get(),
        as_of: as_of.get(),
        claims: claims
            .get()
            .iter()
            .map(|r| ClaimText { label: r.label.get(), amount: r.amount.get(), invoice_date: r.invoice_date.get(), due: r.due.get() })
            .collect(),
        payments: payments.get().iter().map(|p| PaymentText { date: p.date.get(), amount: p.amount.get(), claim: p.claim.get() }).collect(),
        interest_rate: interest_rate.get(),
        per_month: per_month.get(),
        compound: compound.get(),
        costs_kind: costs_kind.get(),
        costs_value: costs_value.get(),
        letter: letter.get(),
        first_reminder: first_reminder.get(),
        first_by_email: first_by_email.get(),
        later_reminders: later_reminders.get(),
    };
    let result = Memo::new(move |_| {
        let lang = state.lang();
        let t = text();
        build_case(lang, &t).map(|case| state.ledger.with(|l| law::compute(&case, &l.settings.law)))
    });
    let regime = move || {
        let k = if kind.get() == "consumer" { CustomerKind::Consumer } else { CustomerKind::Business };
        Regime::of(k, &Country::from_code(&country.get()))
    };
    let claim_options = Signal::derive(move || {
        let lang = state.lang();
        claims
            .get()
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let label = r.label.get();
                let n = (i + 1).to_string();
                let shown = if label.trim().is_empty() { format!("{} {n}", lang.tr("Factuur", "Invoice")) } else { label };
                (n, shown)
            })
            .collect::<Vec<_>>()
    });

    view! {
        <div data-testid="calculator-page">
            <PageHeader
                title=txs("Rekenhulp rente en incassokosten", "Interest and collection costs calculator")
                sub=txs(
                    "Wat mag je rekenen bij te late betaling? Wettelijke of contractuele rente, incassokosten en vergoedingen voor Nederland en België, per regel uitgelegd.",
                    "What may you charge for late payment? Statutory or contractual interest, collection costs and compensation for the Netherlands and Belgium, explained line by line.",
                )
            />
            <div class="split calc-layout">
                <div>
                    <section class="card">
                        <h2>{tx("Facturen", "Invoices")}</h2>
                        <div class="calc-rows" data-testid="calc-claims">
                            <For each=move || claims.get() key=|r| r.id let:row>
                                <div class="calc-row" data-testid="calc-claim">
                                    <Field label=txs("Omschrijving of nummer", "Description or number") value=row.label testid="calc-label"/>
                                    <Field label=txs("Bedrag", "Amount") value=row.amount testid="calc-amount" required=true/>
                                    <Field label=txs("Factuurdatum", "Invoice date") value=row.invoice_date testid="calc-invoice-date" input_type="date"/>
                                    <Field
                                        label=txs("Vervaldatum", "Due date")
                                        value=row.due
                                        testid="calc-due"
                                        input_type="date"
                                        hint=txs("leeg = factuurdatum + 30 dagen", "empty = invoice date + 30 days")
                                    />
                                    <button
                                        class="icon calc-remove"
                                        aria-label=move || state.lang().tr("Regel verwijderen", "Remove row")
                                        on:click=move |_| claims.update(|v| v.retain(|r| r.id != row.id))
                                    >
                                        "×"
                                    </button>
                                </div>
                            </For>
                        </div>
                        <div class="actions">
                            <button class="btn small" data-testid="calc-add-claim" on:click=move |_| claims.update(|v| v.push(claim_row(as_of.get_untracked())))>
                                {tx("+ Factuur", "+ Invoice")}
                            </button>
                            <button
                                class="btn small"
                                data-testid="calc-add-payment"
                                on:click=move |_| {
                                    let row = PaymentRow {
                                        id: new_id(),
                                        date: RwSignal::new(as_of.get_untracked()),
                                        amount: RwSignal::new(String::new()),
                                        claim: RwSignal::new("1".into()),
                                    };
                                    payments.update(|v| v.push(row));
                                }
                            >
                                {tx("+ Deelbetaling", "+ Partial payment")}
                            </button>
                        </div>
                        <Show when=move || payments.with(|p| !p.is_empty())>
                            <h3 class="claim-head">{tx("Deelbetalingen", "Partial payments")}</h3>
                            <For each=move || payments.get() key=|p| p.id let:p>
                                <div class="calc-row" data-testid="calc-payment">
                                    <Field label=txs("Datum", "Date") value=p.date testid="calc-pay-date" input_type="date"/>
                                    <Field label=txs("Bedrag", "Amount") value=p.amount testid="calc-pay-amount"/>
                                    <Select label=txs("Betaalt", "Pays") value=p.claim options=claim_options testid="calc-pay-claim"/>
                                    <button
                                        class="icon calc-remove"
                                        aria-label=move || state.lang().tr("Regel verwijderen", "Remove row")
                                        on:click=move |_| payments.update(|v| v.retain(|r| r.id != p.id))
                                    >
                                        "×"
                                    </button>
                                </div>
                            </For>
                        </Show>
                    </section>
                    <section class="card" data-testid="calc-result">
                        <h2>{tx("Uitkomst", "Result")}</h2>
                        {move || {
                            let lang = state.lang();
                            result.with(|r| match r {
                                Err(errors) => view! {
                                    <ul class="form-error" data-testid="calc-errors">
                                        {errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                                    </ul>
                                }
                                .into_any(),
                                Ok(Err(e)) => law_error_view(lang, e).into_any(),
                                Ok(Ok(s)) => statement_view(lang, s, lang.tr("de debiteur", "the debtor")).into_any(),
                            })
                        }}
                    </section>
                </div>
                <aside>
                    <section class="card">
                        <h2>{tx("Debiteur en datum", "Debtor and date")}</h2>
                        <Select
                            label=txs("Land", "Country")
                            value=country
                            options=Signal::derive(move || {
                                let l = state.lang();
                                vec![("NL".into(), l.tr("Nederland", "Netherlands").into()), ("BE".into(), l.tr("België", "Belgium").into())]
                            })
                            testid="calc-country"
                        />
                        <Select
                            label=txs("Soort klant", "Kind of customer")
                            value=kind
                            options=Signal::derive(move || {
                                let l = state.lang();
                                vec![("business".into(), l.tr("Zakelijk", "Business").into()), ("consumer".into(), l.tr("Consument", "Consumer").into())]
                            })
                            testid="calc-kind"
                        />
                        <Field label=txs("Rekenen tot en met", "Compute up to and including") value=as_of testid="calc-as-of" input_type="date"/>
                        <Show when=move || regime() == Regime::NlConsumer>
                            <Field
                                label=txs("Veertiendagenbrief verstuurd op", "14-day letter sent on")
                                value=letter
                                testid="calc-letter"
                                input_type="date"
                                hint=txs("Zonder deze brief geen incassokosten bij consumenten.", "Without this letter no collection costs for consumers.")
                            />
                        </Show>
                        <Show when=move || regime() == Regime::BeConsumer>
                            <Field label=txs("Eerste (gratis) herinnering op", "First (free) reminder on") value=first_reminder testid="calc-first-reminder" input_type="date"/>
                            <Check label=txs("per e-mail verstuurd", "sent by e-mail") value=first_by_email testid="calc-first-email"/>
                            <Field label=txs("Latere herinneringen per post (aantal)", "Later reminders by post (number)") value=later_reminders testid="calc-later" input_type="number"/>
                        </Show>
                    </section>
                    <section class="card">
                        <h2>{tx("Contractuele voorwaarden", "Contractual terms")}</h2>
                        <p class="hint">{tx("Leeg laten voor de wettelijke regels.", "Leave empty for the statutory rules.")}</p>
                        <Field label=txs("Contractuele rente (%)", "Contractual interest (%)") value=interest_rate testid="calc-interest"/>
                        <Check label=txs("per maand (anders per jaar)", "per month (otherwise per year)") value=per_month testid="calc-per-month"/>
                        <Check label=txs("jaarlijks samengesteld", "compounded yearly") value=compound testid="calc-compound"/>
                        <Select
                            label=txs("Contractuele incassokosten", "Contractual collection costs")
                            value=costs_kind
                            options=Signal::derive(move || {
                                let l = state.lang();
                                vec![
                                    ("none".into(), l.tr("Geen (wettelijk)", "None (statutory)").into()),
                                    ("fixed".into(), l.tr("Vast bedrag", "Fixed amount").into()),
                                    ("percent".into(), l.tr("Percentage van de hoofdsom", "Percentage of the principal").into()),
                                ]
                            })
                            testid="calc-costs-kind"
                        />
                        <Show when=move || costs_kind.get() != "none">
                            <Field label=txs("Bedrag of percentage", "Amount or percentage") value=costs_value testid="calc-costs-value"/>
                        </Show>
                    </section>
                </aside>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> CalcText {
        CalcText {
            country: "NL".into(),
            kind: "business".into(),
            as_of: "2024-03-01".into(),
            claims: vec![ClaimText { label: String::new(), amount: "1.000,00".into(), invoice_date: "2024-01-01".into(), due: "2024-01-31".into() }],
            costs_kind: "none".into(),
            ..CalcText::default()
        }
    }

    #[test]
    fn the_form_becomes_a_case() {
        let case = build_case(Lang::Nl, &base()).unwrap();
        assert_eq!(case.regime, Regime::NlBusiness);
        assert_eq!(case.claims[0].principal, "1000".parse().unwrap());
        assert_eq!(case.claims[0].label, "1");
        let s = law::compute(&case, &crate::domain::LawSettings::default()).unwrap();
        assert_eq!(crate::domain::round_cents(s.total()), "1160.25".parse().unwrap());

        let mut t = base();
        t.country = "BE".into();
        t.kind = "consumer".into();
        t.first_reminder = "2024-02-05".into();
        t.later_reminders = "2".into();
        t.interest_rate = "1".into();
        t.per_month = true;
        t.payments = vec![PaymentText { date: "2024-02-20".into(), amount: "100".into(), claim: "1".into() }];
        let case = build_case(Lang::En, &t).unwrap();
        assert_eq!(case.regime, Regime::BeConsumer);
        assert_eq!(case.reminders.len(), 3);
        assert_eq!(case.claims[0].payments.len(), 1);
        assert!(case.terms.interest.is_some_and(|i| i.per_month));
    }

    #[test]
    fn every_problem_is_named_with_its_row() {
        let mut t = base();
        t.claims.push(ClaimText { amount: "abc".into(), invoice_date: String::new(), ..ClaimText::default() });
        t.claims.push(ClaimText { amount: "10".into(), invoice_date: "2024-02-01".into(), due: "2024-01-01".into(), ..ClaimText::default() });
        t.payments = vec![PaymentText { date: "2024-02-01".into(), amount: "5".into(), claim: "9".into() }];
        t.interest_rate = "lots".into();
        let errors = build_case(Lang::Nl, &t).unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors[0].starts_with("Factuur 2: vul een bedrag"));
        assert!(errors[1].starts_with("Factuur 2: vul de factuurdatum"));
        assert!(errors[2].starts_with("Factuur 3: de vervaldatum"));
        assert!(errors[3].starts_with("Betaling 1: kies de factuur"));
        assert!(errors[4].starts_with("Contractuele rente"));
        let empty = CalcText { claims: vec![], ..base() };
        assert_eq!(build_case(Lang::En, &empty).unwrap_err(), vec!["Enter at least one invoice.".to_string()]);
        let no_date = CalcText { as_of: String::new(), ..base() };
        assert!(build_case(Lang::En, &no_date).is_err());
    }
}
