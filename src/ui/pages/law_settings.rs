//! Settings: the statutory rate tables (shipped rows plus the user's own, which extend or
//! replace them) and the cost rules of the law calculations (`ledger.settings.law`).
//!
//! Both forms save through `state.commit` with an operation that changes only its own fields of
//! the law settings as they are in the ledger at that moment, so a change another tab made to
//! the other fields is kept. The figures themselves are checked by `engine::law::rates::check`
//! (valid periods and rates, no overlaps) before anything is saved.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{parse_amount, DomainError, LawSettings, NlBusinessCosts, PaymentOrder, RateRow, RateTableKind};
use crate::engine::law::rates::{self, Origin};
use crate::i18n::Lang;
use crate::ui::components::{error_list, tx, txs, Field, Select};
use crate::ui::state::{use_state, AppState};

// ---------------------------------------------------------------------------------------------
// Pure helpers (tested natively below)
// ---------------------------------------------------------------------------------------------

/// The key of a table in the form's select and in test ids (`rate-table-nl_commercial`).
fn table_key(kind: RateTableKind) -> &'static str {
    match kind {
        RateTableKind::NlCommercial => "nl_commercial",
        RateTableKind::NlConsumer => "nl_consumer",
        RateTableKind::BeCommercial => "be_commercial",
    }
}

fn table_from_key(key: &str) -> Option<RateTableKind> {
    RateTableKind::ALL.into_iter().find(|k| table_key(*k) == key)
}

/// The last day the table has a rate for (its latest row's last day); `None` when it is empty.
fn runs_until(rows: &[(RateRow, Origin)]) -> Option<NaiveDate> {
    rows.iter().map(|(r, _)| r.to).max()
}

/// The days between rows that no row covers, as (first, last) day, oldest first. Rows are
/// sorted by first day and do not overlap (`rates::check`).
fn gaps(rows: &[(RateRow, Origin)]) -> Vec<(NaiveDate, NaiveDate)> {
    rows.windows(2)
        .filter_map(|pair| {
            let (after, before) = (pair[0].0.to.succ_opt()?, pair[1].0.from.pred_opt()?);
            (after <= before).then_some((after, before))
        })
        .collect()
}

/// The last day of the half year `day` falls in: 30 June or 31 December.
fn half_year_end(day: NaiveDate) -> NaiveDate {
    let (m, d) = if day.month() <= 6 { (6, 30) } else { (12, 31) };
    NaiveDate::from_ymd_opt(day.year(), m, d).unwrap_or(day)
}

/// The period proposed for a new row: from the day after the table runs until, to the end of
/// that half year. A table without rows starts at the half year `today` falls in.
fn next_period(until: Option<NaiveDate>, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = match until.and_then(|u| u.succ_opt()) {
        Some(d) => d,
        None => NaiveDate::from_ymd_opt(today.year(), if today.month() <= 6 { 1 } else { 7 }, 1).unwrap_or(today),
    };
    (from, half_year_end(from))
}

/// What the user typed in the "add a row" form.
#[derive(Clone, Debug, Default, PartialEq)]
struct RateInput {
    table: String,
    from: String,
    to: String,
    rate: String,
    source: String,
}

/// A date as the date field gives it (`2026-07-01`), or as typed in Dutch order (`01-07-2026`).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y")).ok()
}

/// Checks the "add a row" form: every problem found, in the user's language. Overlaps with
/// other rows are checked when saving (`with_row`), against the rows as they are then.
fn row_from_input(lang: Lang, i: &RateInput) -> Result<RateRow, Vec<String>> {
    let mut errors = Vec::new();
    let table = table_from_key(&i.table);
    if table.is_none() {
        errors.push(lang.tr("Kies een tabel.", "Choose a table.").to_string());
    }
    let mut date = |text: &str, nl_missing: &'static str, en_missing: &'static str| {
        if text.trim().is_empty() {
            errors.push(lang.tr(nl_missing, en_missing).to_string());
            return None;
        }
        let d = parse_date(text);
        if d.is_none() {
            errors.push(match lang {
                Lang::Nl => format!("'{}' is geen datum (zoals 01-07-2026).", text.trim()),
                Lang::En => format!("'{}' is not a date (like 2026-07-01).", text.trim()),
            });
        }
        d
    };
    let from = date(&i.from, "Vul de eerste dag van de periode in.", "Enter the first day of the period.");
    let to = date(&i.to, "Vul de laatste dag van de periode in.", "Enter the last day of the period.");
    let rate = match i.rate.trim() {
        "" => {
            errors.push(lang.tr("Vul het percentage in (zoals 10,15).", "Enter the rate (like 10.15).").to_string());
            None
        }
        text => parse_amount(text).ok().or_else(|| {
            errors.push(match lang {
                Lang::Nl => format!("'{text}' is geen percentage (zoals 10,15)."),
                Lang::En => format!("'{text}' is not a percentage (like 10.15)."),
            });
            None
        }),
    };
    let source = i.source.trim().to_string();
    if source.is_empty() {
        errors.push(
            lang.tr(
                "Vul de bron in: waar het percentage gepubliceerd is (zoals rijksoverheid.nl of het Belgisch Staatsblad).",
                "Enter the source: where the rate was published (like rijksoverheid.nl or the Belgian Official Gazette).",
            )
            .to_string(),
        );
    }
    let (Some(table), Some(from), Some(to), Some(rate), true) = (table, from, to, rate, errors.is_empty()) else {
        return Err(errors);
    };
    let row = RateRow { table, from, to, rate, source };
    row.validate().map_err(|e| vec![lang.domain_error(&e)])?;
    Ok(row)
}

/// The user's rows with `row` added, when the tables stay consistent.
///
/// # Errors
/// What `rates::check` finds, e.g. an overlap with a shipped or another user row.
fn with_row(user: &[RateRow], row: RateRow) -> Result<Vec<RateRow>, DomainError> {
    let mut next = user.to_vec();
    next.push(row);
    rates::check(&next)?;
    Ok(next)
}

/// The user's rows without the one of `table` starting on `from` (a shipped row it replaced
/// comes back by itself).
fn without_row(user: &[RateRow], table: RateTableKind, from: NaiveDate) -> Vec<RateRow> {
    user.iter().filter(|r| !(r.table == table && r.from == from)).cloned().collect()
}

/// The cost rules of the law settings: everything but the rate rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CostRules {
    costs_vat: Option<Decimal>,
    order: PaymentOrder,
    nl_business_costs: NlBusinessCosts,
    be_postage: Decimal,
}

impl CostRules {
    fn of(law: &LawSettings) -> CostRules {
        CostRules {
            costs_vat: law.costs_vat,
            order: law.order,
            nl_business_costs: law.nl_business_costs,
            be_postage: law.be_postage,
        }
    }

    /// Sets these rules in `law`; its rate rows stay as they are.
    fn apply(self, law: &mut LawSettings) {
        law.costs_vat = self.costs_vat;
        law.order = self.order;
        law.nl_business_costs = self.nl_business_costs;
        law.be_postage = self.be_postage;
    }
}

const ORDERS: [(PaymentOrder, &str); 2] =
    [(PaymentOrder::CostsInterestPrincipal, "costs_first"), (PaymentOrder::PrincipalInterestCosts, "principal_first")];

const NL_COSTS: [(NlBusinessCosts, &str); 3] =
    [(NlBusinessCosts::Staffel, "staffel"), (NlBusinessCosts::Fixed40, "fixed40"), (NlBusinessCosts::None, "none")];

/// The VAT percentage proposed when the user says they cannot deduct VAT.
const DEFAULT_COSTS_VAT: &str = "21";

/// What the user typed in the cost rules form.
#[derive(Clone, Debug, Default, PartialEq)]
struct CostsInput {
    /// "I cannot deduct VAT": VAT is added to collection costs.
    vat_own: bool,
    vat: String,
    order: String,
    nl_costs: String,
    be_postage: String,
}

/// A decimal as the user types it: `0,85` (nl), `0.85` (en), without trailing zeros.
fn decimal_text(lang: Lang, d: Decimal) -> String {
    let s = d.normalize().to_string();
    match lang {
        Lang::Nl => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The form's starting values for the stored rules.
fn costs_input(lang: Lang, rules: &CostRules) -> CostsInput {
    CostsInput {
        vat_own: rules.costs_vat.is_some(),
        vat: rules.costs_vat.map_or_else(|| DEFAULT_COSTS_VAT.to_string(), |v| decimal_text(lang, v)),
        order: ORDERS.iter().find(|(o, _)| *o == rules.order).map_or("costs_first", |(_, k)| k).to_string(),
        nl_costs: NL_COSTS.iter().find(|(c, _)| *c == rules.nl_business_costs).map_or("staffel", |(_, k)| k).to_string(),
        be_postage: decimal_text(lang, rules.be_postage),
    }
}

/// Checks the cost rules form: every problem found, in the user's language. An empty postage
/// field is no postage.
fn costs_from_input(lang: Lang, i: &CostsInput) -> Result<CostRules, Vec<String>> {
    let mut errors = Vec::new();
    let costs_vat = if i.vat_own {
        match parse_amount(&i.vat) {
            Ok(v) if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED => Some(v),
            _ => {
                errors.push(match lang {
                    Lang::Nl => format!("'{}' is geen btw-percentage: vul een getal van 0 tot en met 100 in (meestal 21).", i.vat.trim()),
                    Lang::En => format!("'{}' is not a VAT percentage: enter a number from 0 to 100 (usually 21).", i.vat.trim()),
                });
                None
            }
        }
    } else {
        None
    };
    let order = ORDERS.iter().find(|(_, k)| *k == i.order).map(|(o, _)| *o);
    let nl_business_costs = NL_COSTS.iter().find(|(_, k)| *k == i.nl_costs).map(|(c, _)| *c);
    if order.is_none() || nl_business_costs.is_none() {
        errors.push(lang.tr("Kies een van de mogelijkheden.", "Choose one of the options.").to_string());
    }
    let be_postage = match i.be_postage.trim() {
        "" => Some(Decimal::ZERO),
        text => match parse_amount(text) {
            Ok(a) if a >= Decimal::ZERO => Some(a),
            _ => {
                errors.push(match lang {
                    Lang::Nl => format!("'{text}' is geen bedrag voor portokosten (zoals 0,85; 0 voor geen)."),
                    Lang::En => format!("'{text}' is not an amount of postage (like 0.85; 0 for none)."),
                });
                None
            }
        },
    };
    match (order, nl_business_costs, be_postage) {
        (Some(order), Some(nl_business_costs), Some(be_postage)) if errors.is_empty() => {
            Ok(CostRules { costs_vat, order, nl_business_costs, be_postage })
        }
        _ => Err(errors),
    }
}

// ---------------------------------------------------------------------------------------------
// The card
// ---------------------------------------------------------------------------------------------

/// The statutory rate tables and the cost rules, in Settings.
#[component]
pub fn LawSettingsCard() -> impl IntoView {
    let state = use_state();
    let user_rows = Memo::new(move |_| state.ledger.with(|l| l.settings.law.rates.clone()));
    // Rebuilt only when the stored rules change (a save, an undo, another tab), not when a rate
    // row is added, so what the user is typing there stays.
    let rules = Memo::new(move |_| state.ledger.with(|l| CostRules::of(&l.settings.law)));
    view! {
        <section class="card law-settings" data-testid="law-settings">
            <div class="card-head">
                <h2>{tx("Wettelijke rente en kosten", "Statutory interest and costs")}</h2>
                <span class="hint">{tx("Gebruikt bij het berekenen van rente en incassokosten", "Used when computing interest and collection costs")}</span>
            </div>
            {move || {
                let user = user_rows.get();
                let (lang, today) = (state.lang(), state.today());
                RateTableKind::ALL.into_iter().map(|kind| rate_block(state, lang, today, kind, &user)).collect_view()
            }}
            <p class="notice warn" data-testid="rate-verify">
                {tx(
                    "Controleer de meegeleverde percentages aan de officiële publicatie (rijksoverheid.nl voor Nederland, FOD Financiën voor België) en voeg elk nieuw halfjaar zelf toe. Voor een periode die geen rij dekt, geeft een berekening een foutmelding — nooit stilzwijgend 0%.",
                    "Check the shipped rates against the official publication (rijksoverheid.nl for the Netherlands, FOD Financiën for Belgium) and add each new half year yourself. For a period no row covers, a calculation gives an error — never a silent 0%.",
                )}
            </p>
            <div class="grid-2 law-forms">
                <AddRateForm user_rows=user_rows/>
                {move || {
                    let r = rules.get();
                    view! { <CostsForm rules=r/> }
                }}
            </div>
        </section>
    }
}

/// One table: its name, up to when it runs (with a warning when that is before today), gaps,
/// and its rows with their origin.
fn rate_block(state: AppState, lang: Lang, today: NaiveDate, kind: RateTableKind, user: &[RateRow]) -> impl IntoView {
    let rows = rates::table(kind, user);
    let until = runs_until(&rows);
    let holes = gaps(&rows);
    let key = table_key(kind);
    let body = rows
        .into_iter()
        .map(|(row, origin)| {
            let (label, class, code) = match origin {
                Origin::Shipped => (lang.tr("meegeleverd", "shipped"), "badge", "shipped"),
                Origin::User => (lang.tr("eigen", "yours"), "badge info", "user"),
                Origin::UserReplacesShipped => {
                    (lang.tr("eigen, vervangt meegeleverd", "yours, replaces shipped"), "badge warn", "replaces")
                }
            };
            let remove = (origin != Origin::Shipped).then(|| {
                let row = row.clone();
                view! {
                    <button
                        type="button"
                        class="btn small danger"
                        data-testid="rate-remove"
                        on:click=move |_| ask_remove(state, row.clone(), origin)
                    >
                        {lang.tr("Verwijderen", "Remove")}
                    </button>
                }
            });
            view! {
                <tr data-testid="rate-row" data-from=row.from.to_string() data-origin=code>
                    <td class="nowrap">{lang.date(row.from)}</td>
                    <td class="nowrap">{lang.date(row.to)}</td>
                    <td class="num">{lang.percent(row.rate)}</td>
                    <td class="cell-clip">{row.source}</td>
                    <td><span class=class>{label}</span></td>
                    <td class="num">{remove}</td>
                </tr>
            }
        })
        .collect_view();
    let status = match until {
        Some(u) => match lang {
            Lang::Nl => format!("Loopt tot {}.", lang.date(u)),
            Lang::En => format!("Runs until {}.", lang.date(u)),
        },
        None => lang.tr("Nog geen rijen.", "No rows yet.").to_string(),
    };
    let stale = until.filter(|u| *u < today).map(|u| {
        let text = match lang {
            Lang::Nl => format!(
                "Berekeningen over dagen na {} hebben het percentage van het volgende halfjaar nodig: voeg het hieronder toe.",
                lang.date(u)
            ),
            Lang::En => format!(
                "Calculations over days after {} need the rate of the next half year: add it below.",
                lang.date(u)
            ),
        };
        view! { <p class="notice warn" role="note" data-testid="rate-stale">{text}</p> }
    });
    let holes = (!holes.is_empty()).then(|| {
        let list = holes
            .iter()
            .map(|(a, b)| format!("{} – {}", lang.date(*a), lang.date(*b)))
            .collect::<Vec<_>>()
            .join(", ");
        let text = match lang {
            Lang::Nl => format!("Geen percentage bekend voor {list}: een berekening over die dagen geeft een foutmelding."),
            Lang::En => format!("No rate known for {list}: a calculation over those days gives an error."),
        };
        view! { <p class="notice warn" role="note" data-testid="rate-gap">{text}</p> }
    });
    view! {
        <div class="rate-block" data-testid=format!("rate-block-{key}")>
            <h3>{lang.rate_table(kind)}</h3>
            <p class="hint rate-until" data-testid="rate-until">{status}</p>
            {stale}
            {holes}
            <div class="table-wrap">
                <table class="data rate-table" data-testid=format!("rate-table-{key}")>
                    <thead>
                        <tr>
                            <th>{lang.tr("Van", "From")}</th>
                            <th>{lang.tr("Tot en met", "To")}</th>
                            <th class="num">{lang.tr("Rente per jaar", "Rate per year")}</th>
                            <th>{lang.tr("Bron", "Source")}</th>
                            <th>{lang.tr("Herkomst", "Origin")}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

/// Asks before removing a user row, then removes it with an undo offer.
fn ask_remove(state: AppState, row: RateRow, origin: Origin) {
    let lang = state.lang_untracked();
    let period = format!("{} – {} ({})", lang.date(row.from), lang.date(row.to), lang.percent(row.rate));
    let mut body = match lang {
        Lang::Nl => format!("Je eigen rij {period} wordt uit {} verwijderd.", lang.rate_table(row.table)),
        Lang::En => format!("Your row {period} is removed from {}.", lang.rate_table(row.table)),
    };
    body.push(' ');
    body.push_str(if origin == Origin::UserReplacesShipped {
        lang.tr("Voor die periode gelden dan weer de meegeleverde percentages.", "The shipped rates then apply to that period again.")
    } else {
        lang.tr(
            "Berekeningen over die dagen geven dan een foutmelding tot er weer een percentage voor is.",
            "Calculations over those days then give an error until a rate is added for them again.",
        )
    });
    body.push_str(lang.tr(" Je kunt dit direct daarna ongedaan maken.", " You can undo this right afterwards."));
    state.ask(
        lang.tr("Rij verwijderen?", "Remove row?").into(),
        body,
        lang.tr("Verwijderen", "Remove").into(),
        true,
        move || {
            let lang = state.lang_untracked();
            let message = lang.tr("De rij is verwijderd.", "The row was removed.").to_string();
            let (table, from) = (row.table, row.from);
            if let Err(e) = state.commit_undoable(message, move |l| {
                l.settings.law.rates = without_row(&l.settings.law.rates, table, from);
                Ok(())
            }) {
                state.error(e.message(lang));
            }
        },
    );
}


/// Adds a row to one of the tables.
#[component]
fn AddRateForm(user_rows: Memo<Vec<RateRow>>) -> impl IntoView {
    let state = use_state();
    // The period after the table's last row, as the table is now.
    let proposal = move |kind: RateTableKind| {
        let until = user_rows.with_untracked(|user| runs_until(&rates::table(kind, user)));
        next_period(until, state.today_untracked())
    };
    let first = RateTableKind::NlCommercial;
    let (from0, to0) = proposal(first);
    let table = RwSignal::new(table_key(first).to_string());
    let from = RwSignal::new(from0.to_string());
    let to = RwSignal::new(to0.to_string());
    let rate = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let prefill = move |kind: RateTableKind| {
        let (f, t) = proposal(kind);
        from.set(f.to_string());
        to.set(t.to_string());
    };
    let choose = move |key: String| {
        if let Some(kind) = table_from_key(&key) {
            prefill(kind);
        }
        table.set(key);
    };
    let save = move || {
        let lang = state.lang_untracked();
        let input = RateInput {
            table: table.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            rate: rate.get_untracked(),
            source: source.get_untracked(),
        };
        let row = match row_from_input(lang, &input) {
            Ok(row) => row,
            Err(list) => return errors.set(list),
        };
        let (kind, period) = (row.table, format!("{} – {}", lang.date(row.from), lang.date(row.to)));
        // Checked against the rows as stored at this moment (another tab may have added some).
        match state.commit(move |l| {
            l.settings.law.rates = with_row(&l.settings.law.rates, row.clone())?;
            Ok(())
        }) {
            Ok(()) => {
                errors.set(Vec::new());
                rate.set(String::new());
                source.set(String::new());
                prefill(kind);
                state.success(format!("{} {}: {period}.", lang.tr("Rij toegevoegd aan", "Row added to"), lang.rate_table(kind)));
            }
            Err(e) => errors.set(vec![e.message(lang)]),
        }
    };
    view! {
        <form
            novalidate
            data-testid="rate-add"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <h3>{tx("Rij toevoegen of vervangen", "Add or replace a row")}</h3>
            <p class="hint law-intro">
                {tx(
                    "Een eigen rij geldt voor precies haar periode, ook waar er al een meegeleverd percentage is (zo corrigeer je dat). Je eigen rijen van één tabel mogen elkaar niet overlappen.",
                    "A row of yours applies to exactly its period, also where a shipped rate exists (that is how you correct one). Your own rows of one table may not overlap.",
                )}
            </p>
            {error_list(errors, "rate-error")}
            <div class="field">
                <label for="f-rate-table">{tx("Tabel", "Table")}</label>
                <select
                    id="f-rate-table"
                    data-testid="rate-table"
                    prop:value=move || table.get()
                    on:change=move |ev| choose(event_target_value(&ev))
                >
                    {move || {
                        let (lang, current) = (state.lang(), table.get());
                        RateTableKind::ALL
                            .into_iter()
                            .map(|k| {
                                let key = table_key(k);
                                let selected = key == current;
                                view! { <option value=key selected=selected>{lang.rate_table(k)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="form-grid">
                <Field label=txs("Van", "From") value=from testid="rate-from" input_type="date"/>
                <Field label=txs("Tot en met", "To (inclusive)") value=to testid="rate-to" input_type="date"/>
                <Field
                    label=txs("Rente per jaar (%)", "Rate per year (%)")
                    value=rate
                    testid="rate-value"
                    placeholder="10,15"
                />
                <Field
                    label=txs("Bron", "Source")
                    value=source
                    testid="rate-source"
                    required=true
                    placeholder="rijksoverheid.nl"
                />
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="rate-save">
                    {tx("Rij opslaan", "Save row")}
                </button>
            </div>
        </form>
    }
}

/// VAT on costs, payment order, Dutch business costs and Belgian postage.
#[component]
fn CostsForm(rules: CostRules) -> impl IntoView {
    let state = use_state();
    let start = costs_input(state.lang_untracked(), &rules);
    let vat_own = RwSignal::new(start.vat_own);
    let vat = RwSignal::new(start.vat);
    let order = RwSignal::new(start.order);
    let nl_costs = RwSignal::new(start.nl_costs);
    let be_postage = RwSignal::new(start.be_postage);
    let errors = RwSignal::new(Vec::<String>::new());
    let order_options = move || {
        let lang = state.lang();
        vec![
            ("costs_first".to_string(), lang.tr("Kosten, rente, hoofdsom (art. 6:44 BW)", "Costs, interest, principal (art. 6:44 BW)").to_string()),
            ("principal_first".to_string(), lang.tr("Hoofdsom eerst, dan rente, dan kosten", "Principal first, then interest, then costs").to_string()),
        ]
    };
    let nl_costs_options = move || {
        let lang = state.lang();
        vec![
            ("staffel".to_string(), lang.tr("Staffel van het Besluit BIK (zoals bij consumenten)", "The BIK staffel (as for consumers)").to_string()),
            ("fixed40".to_string(), lang.tr("Alleen € 40 (art. 6:96 lid 4 BW)", "Only €40 (art. 6:96(4) BW)").to_string()),
            ("none".to_string(), lang.tr("Geen incassokosten", "No collection costs").to_string()),
        ]
    };
    let save = move || {
        let lang = state.lang_untracked();
        let input = CostsInput {
            vat_own: vat_own.get_untracked(),
            vat: vat.get_untracked(),
            order: order.get_untracked(),
            nl_costs: nl_costs.get_untracked(),
            be_postage: be_postage.get_untracked(),
        };
        match costs_from_input(lang, &input) {
            Err(list) => errors.set(list),
            // Only these rules change; the rate rows stay as they are stored now.
            Ok(r) => match state.commit(move |l| {
                r.apply(&mut l.settings.law);
                l.settings.law.validate()
            }) {
                Ok(()) => {
                    errors.set(Vec::new());
                    state.success(lang.tr("Kostenregels opgeslagen.", "Cost rules saved.").into());
                }
                Err(e) => errors.set(vec![e.message(lang)]),
            },
        }
    };
    view! {
        <form
            novalidate
            data-testid="law-costs"
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <h3>{tx("Kosten en betalingen", "Costs and payments")}</h3>
            {error_list(errors, "law-costs-error")}
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="law-vat-own"
                    prop:checked=move || vat_own.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        if on && vat.with_untracked(|v| v.trim().is_empty()) {
                            vat.set(DEFAULT_COSTS_VAT.to_string());
                        }
                        vat_own.set(on);
                    }
                />
                <span>{tx("Ik kan de btw niet verrekenen", "I cannot deduct VAT")}</span>
            </label>
            <div class="field">
                <label for="f-law-vat">{tx("Btw over incassokosten", "VAT on collection costs")}</label>
                <div class="input-suffix">
                    <input
                        id="f-law-vat"
                        type="text"
                        inputmode="decimal"
                        data-testid="law-vat"
                        disabled=move || !vat_own.get()
                        prop:value=move || vat.get()
                        on:input=move |ev| vat.set(event_target_value(&ev))
                    />
                    <span>"%"</span>
                </div>
                <p class="hint">
                    {tx(
                        "Alleen als je niet btw-plichtig bent of de btw niet kunt aftrekken: dan mag je de btw over de incassokosten aan de klant doorberekenen.",
                        "Only if you are not registered for VAT or cannot deduct it: then you may charge the VAT on the collection costs to the customer.",
                    )}
                </p>
            </div>
            <Select
                label=txs("Een deelbetaling gaat eerst naar", "A partial payment goes first to")
                value=order
                options=order_options
                testid="law-order"
            />
            <Select
                label=txs("Incassokosten voor Nederlandse zakelijke klanten als hun voorwaarden niets zeggen", "Collection costs for Dutch business customers when their terms say nothing")
                value=nl_costs
                options=nl_costs_options
                testid="law-nl-costs"
            />
            <div class="field">
                <label for="f-law-be-postage">{tx("Portokosten per latere herinnering per brief (Belgische consumenten)", "Postage per later reminder by letter (Belgian consumers)")}</label>
                <div class="input-suffix">
                    <span>"€"</span>
                    <input
                        id="f-law-be-postage"
                        type="text"
                        inputmode="decimal"
                        data-testid="law-be-postage"
                        prop:value=move || be_postage.get()
                        on:input=move |ev| be_postage.set(event_target_value(&ev))
                    />
                </div>
                <p class="hint">{tx("0 = geen portokosten.", "0 = no postage.")}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="law-costs-save">
                    {tx("Kostenregels opslaan", "Save cost rules")}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn row(table: RateTableKind, from: NaiveDate, to: NaiveDate, rate: &str) -> RateRow {
        RateRow { table, from, to, rate: dec(rate), source: "test".into() }
    }

    fn input(table: &str, from: &str, to: &str, rate: &str, source: &str) -> RateInput {
        RateInput { table: table.into(), from: from.into(), to: to.into(), rate: rate.into(), source: source.into() }
    }

    #[test]
    fn table_keys_round_trip() {
        for kind in RateTableKind::ALL {
            assert_eq!(table_from_key(table_key(kind)), Some(kind));
        }
        assert_eq!(table_from_key("nl"), None);
    }

    #[test]
    fn half_years_and_next_period() {
        let rows = [
            // (runs until, today, proposed from, proposed to)
            (Some(d(2026, 6, 30)), d(2026, 11, 23), d(2026, 7, 1), d(2026, 12, 31)),
            (Some(d(2026, 12, 31)), d(2026, 11, 23), d(2027, 1, 1), d(2027, 6, 30)),
            (Some(d(2025, 6, 30)), d(2026, 11, 23), d(2025, 7, 1), d(2025, 12, 31)),
            // A table ending mid-half-year is completed to the end of it.
            (Some(d(2024, 3, 14)), d(2026, 11, 23), d(2024, 3, 15), d(2024, 6, 30)),
            (None, d(2026, 11, 23), d(2026, 7, 1), d(2026, 12, 31)),
            (None, d(2027, 2, 1), d(2027, 1, 1), d(2027, 6, 30)),
        ];
        for (until, today, from, to) in rows {
            assert_eq!(next_period(until, today), (from, to), "{until:?} {today}");
        }
        assert_eq!(half_year_end(d(2026, 6, 30)), d(2026, 6, 30));
        assert_eq!(half_year_end(d(2026, 7, 1)), d(2026, 12, 31));
    }

    #[test]
    fn runs_until_and_gaps_of_the_effective_tables() {
        use RateTableKind::*;
        let extra = row(NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.15");
        let later = row(NlCommercial, d(2027, 7, 1), d(2027, 12, 31), "9");
        // (user rows, table, runs until, gaps)
        type Case = (Vec<RateRow>, RateTableKind, Option<NaiveDate>, Vec<(NaiveDate, NaiveDate)>);
        let rows: [Case; 6] = [
            (vec![], NlCommercial, Some(d(2026, 6, 30)), vec![]),
            // A correction across the shipped boundary: the shipped rows are clipped around it.
            (vec![row(NlCommercial, d(2026, 3, 1), d(2026, 9, 30), "9")], NlCommercial, Some(d(2026, 9, 30)), vec![]),
            (vec![], NlConsumer, Some(d(2025, 6, 30)), vec![]),
            (vec![], BeCommercial, Some(d(2026, 6, 30)), vec![]),
            (vec![extra.clone()], NlCommercial, Some(d(2026, 12, 31)), vec![]),
            (vec![extra, later], NlCommercial, Some(d(2027, 12, 31)), vec![(d(2027, 1, 1), d(2027, 6, 30))]),
        ];
        for (user, kind, until, holes) in rows {
            let t = rates::table(kind, &user);
            assert_eq!(runs_until(&t), until, "{kind:?} {user:?}");
            assert_eq!(gaps(&t), holes, "{kind:?} {user:?}");
        }
        assert_eq!(runs_until(&[]), None);
    }

    #[test]
    fn rate_form_accepts_both_decimal_marks() {
        let expected = row(RateTableKind::NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.15");
        let rows = [
            input("nl_commercial", "2026-07-01", "2026-12-31", "10,15", "test"),
            input("nl_commercial", "2026-07-01", "2026-12-31", "10.15", " test "),
            input("nl_commercial", "01-07-2026", " 31-12-2026", " 10,15 ", "test"),
        ];
        for i in rows {
            assert_eq!(row_from_input(Lang::Nl, &i), Ok(expected.clone()), "{i:?}");
        }
        let be = row_from_input(Lang::En, &input("be_commercial", "2026-07-01", "2026-12-31", "10", "FOD")).unwrap();
        assert_eq!((be.table, be.rate, be.source.as_str()), (RateTableKind::BeCommercial, dec("10"), "FOD"));
    }

    #[test]
    fn rate_form_reports_every_problem() {
        let rows: [(RateInput, Lang, &[&str]); 7] = [
            (input("", "", "", "", ""), Lang::Nl, &["Kies een tabel", "eerste dag", "laatste dag", "percentage", "bron"]),
            (input("nl_consumer", "1 juli", "2026-12-31", "x", "s"), Lang::Nl, &["'1 juli' is geen datum", "'x' is geen percentage"]),
            (input("nl_consumer", "2026-07-01", "2026-13-01", "4", "s"), Lang::En, &["'2026-13-01' is not a date"]),
            (input("nl_consumer", "2026-07-01", "2026-12-31", "4", "  "), Lang::En, &["Enter the source"]),
            (input("nl_consumer", "2026-07-01", "2026-06-30", "4", "s"), Lang::Nl, &["einddatum"]),
            (input("nl_consumer", "2026-07-01", "2026-12-31", "101", "s"), Lang::Nl, &["tussen 0 en 100"]),
            (input("nl_consumer", "2026-07-01", "2026-12-31", "-1", "s"), Lang::Nl, &["tussen 0 en 100"]),
        ];
        for (i, lang, parts) in rows {
            let errors = row_from_input(lang, &i).unwrap_err();
            assert_eq!(errors.len(), parts.len(), "{i:?}: {errors:?}");
            for (e, part) in errors.iter().zip(parts) {
                assert!(e.contains(part), "{e:?} should contain {part:?}");
            }
        }
    }

    #[test]
    fn adding_and_removing_rows() {
        use RateTableKind::*;
        let mine = row(NlCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.15");
        let added = with_row(&[], mine.clone()).unwrap();
        assert_eq!(added, vec![mine.clone()]);
        let rows: [(Vec<RateRow>, RateRow, bool); 5] = [
            // Overlaps the user's own row.
            (added.clone(), row(NlCommercial, d(2026, 10, 1), d(2027, 3, 31), "9"), false),
            // Same first day as the user's own row.
            (added.clone(), row(NlCommercial, d(2026, 7, 1), d(2026, 9, 30), "9"), false),
            // Overrides part of a shipped row and extends the table.
            (vec![], row(NlCommercial, d(2026, 6, 1), d(2026, 12, 31), "9"), true),
            // Replaces a shipped row.
            (vec![], row(NlCommercial, d(2026, 1, 1), d(2026, 6, 30), "10.2"), true),
            // Another table is independent.
            (added.clone(), row(BeCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.5"), true),
        ];
        for (user, new, ok) in rows {
            assert_eq!(with_row(&user, new.clone()).is_ok(), ok, "{new:?}");
        }
        assert!(matches!(
            with_row(&added, row(NlCommercial, d(2026, 10, 1), d(2027, 3, 31), "9")),
            Err(DomainError::RateOverlap { .. })
        ));
        let both = with_row(&added, row(BeCommercial, d(2026, 7, 1), d(2026, 12, 31), "10.5")).unwrap();
        assert_eq!(without_row(&both, NlCommercial, d(2026, 7, 1)).len(), 1);
        assert_eq!(without_row(&both, NlCommercial, d(2026, 7, 2)), both);
        assert_eq!(without_row(&both, NlConsumer, d(2026, 7, 1)), both);
    }

    #[test]
    fn cost_rules_form() {
        let stored = CostRules {
            costs_vat: Some(dec("21")),
            order: PaymentOrder::PrincipalInterestCosts,
            nl_business_costs: NlBusinessCosts::Fixed40,
            be_postage: dec("0.85"),
        };
        for lang in [Lang::Nl, Lang::En] {
            assert_eq!(costs_from_input(lang, &costs_input(lang, &stored)), Ok(stored), "{lang:?}");
            let defaults = CostRules::of(&LawSettings::default());
            assert_eq!(costs_from_input(lang, &costs_input(lang, &defaults)), Ok(defaults), "{lang:?}");
        }
        let shown = costs_input(Lang::Nl, &stored);
        assert_eq!((shown.vat.as_str(), shown.be_postage.as_str()), ("21", "0,85"));
        // Switched off, the percentage field shows the default for when it is switched on.
        assert_eq!(costs_input(Lang::Nl, &CostRules { costs_vat: None, ..stored }).vat, "21");

        let base = CostsInput {
            vat_own: true,
            vat: "9".into(),
            order: "costs_first".into(),
            nl_costs: "none".into(),
            be_postage: "".into(),
        };
        let ok = costs_from_input(Lang::Nl, &base).unwrap();
        assert_eq!(
            ok,
            CostRules {
                costs_vat: Some(dec("9")),
                order: PaymentOrder::CostsInterestPrincipal,
                nl_business_costs: NlBusinessCosts::None,
                be_postage: Decimal::ZERO,
            }
        );
        // Switched off, a bad percentage does not matter.
        assert_eq!(costs_from_input(Lang::Nl, &CostsInput { vat_own: false, vat: "x".into(), ..base.clone() }).unwrap().costs_vat, None);
        let bad: [(CostsInput, usize); 4] = [
            (CostsInput { vat: "".into(), ..base.clone() }, 1),
            (CostsInput { vat: "101".into(), ..base.clone() }, 1),
            (CostsInput { be_postage: "-1".into(), order: "x".into(), ..base.clone() }, 2),
            (CostsInput { vat: "abc".into(), be_postage: "veel".into(), nl_costs: "".into(), ..base.clone() }, 3),
        ];
        for (i, count) in bad {
            assert_eq!(costs_from_input(Lang::En, &i).map_err(|e| e.len()), Err(count), "{i:?}");
        }
    }

    #[test]
    fn cost_rules_keep_the_rate_rows() {
        let mine = row(RateTableKind::NlConsumer, d(2025, 7, 1), d(2025, 12, 31), "6");
        let mut law = LawSettings { rates: vec![mine.clone()], ..LawSettings::default() };
        let rules = CostRules { costs_vat: Some(dec("21")), ..CostRules::of(&law) };
        rules.apply(&mut law);
        assert_eq!(law.rates, vec![mine]);
        assert_eq!(CostRules::of(&law), rules);
    }
}
