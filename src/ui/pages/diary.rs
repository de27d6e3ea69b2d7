//! The collection diary ("dossier"): the form for one entry on a customer, optionally about one
//! of their invoices. Each kind of entry has its own fields; a note can go with every kind.
//!
//! A new "credit limit set" entry also sets the customer's credit limit, in the same save
//! ([`crate::domain::Ledger::set_limit`]); its note is the required reason. Editing or deleting
//! such an entry later does not change the limit back (the form says so).
//!
//! A skipped dunning step names the step (one of `StepKind::ALL`, kept as its key) and requires
//! the reason in the note; a pause has the date it lasts until (inclusive) and pauses the
//! customer, or only the chosen invoice.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::engine::risk::credit::order_check;
use crate::domain::{
    merge3, parse_amount, Channel, ContactOutcome, CustomerId, DomainError, Event, EventId, EventKind, EventType,
    ExcuseCategory, InvoiceId, StepKind,
};
use crate::i18n::Lang;
use crate::ui::components::{tx, PageHeader};
use crate::ui::route::Route;
use crate::ui::state::use_state;

use super::invoices::{
    amount_input, changed_fields, form_error, go_back, is_conflict, missing, natural_cmp, parse_customer, parse_date,
    rebase_fields, reword_on_lang_change, run_op, delete_undoable, save_error, select, textarea, CustomerSelect, Labels, Opened, Opt,
    input,
};

/// Stable values for the select options (also what end-to-end tests select).
fn type_key(t: EventType) -> &'static str {
    match t {
        EventType::Contact => "contact",
        EventType::Note => "note",
        EventType::Promise => "promise",
        EventType::Excuse => "excuse",
        EventType::DisputeOpened => "dispute-opened",
        EventType::DisputeResolved => "dispute-resolved",
        EventType::ExtensionRequest => "extension-request",
        EventType::Order => "order",
        EventType::DunningDone => "dunning-done",
        EventType::WrittenOff => "written-off",
        EventType::LimitSet => "limit-set",
        EventType::HandOver => "hand-over",
        EventType::DunningSkipped => "dunning-skipped",
        EventType::Paused => "paused",
    }
}

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Email => "email",
        Channel::Phone => "phone",
        Channel::Letter => "letter",
        Channel::RegisteredLetter => "registered-letter",
        Channel::Visit => "visit",
        Channel::HandOver => "hand-over",
    }
}

fn outcome_key(o: ContactOutcome) -> &'static str {
    match o {
        ContactOutcome::Reached => "reached",
        ContactOutcome::NoAnswer => "no-answer",
        ContactOutcome::NoResponse => "no-response",
    }
}

fn excuse_key(e: ExcuseCategory) -> &'static str {
    match e {
        ExcuseCategory::InvoiceNotReceived => "invoice-not-received",
        ExcuseCategory::CashFlow => "cash-flow",
        ExcuseCategory::WaitingForOwnCustomer => "waiting-for-own-customer",
        ExcuseCategory::ApprovalPending => "approval-pending",
        ExcuseCategory::WrongDetails => "wrong-details",
        ExcuseCategory::QualityComplaint => "quality-complaint",
        ExcuseCategory::Other => "other",
    }
}

fn find<T: Copy>(all: &[T], key: fn(T) -> &'static str, s: &str) -> Option<T> {
    all.iter().copied().find(|x| key(*x) == s)
}

const EVENT_LABELS: Labels = &[
    ("customer", ("Klant", "Customer")),
    ("invoice", ("Factuur", "Invoice")),
    ("date", ("Datum", "Date")),
    ("kind", ("Soort en gegevens", "Kind and details")),
    ("note", ("Notitie", "Note")),
];

/// The form's fields as text, in the order of `EventForm`'s `fields`: kind, date, invoice,
/// channel, outcome, amount, promised date, excuse, reason, days, step, limit, by, agency,
/// skipped step, paused until, note. Fields another kind does not use get their defaults.
fn event_texts(e: &Event, lang: Lang) -> Vec<String> {
    let (mut lim, mut by_, mut ag) = (String::new(), String::new(), String::new());
    let (mut sk, mut un) = (StepKind::Reminder.key().to_string(), String::new());
    let (mut ch, mut oc, mut am, mut pd, mut ex, mut rs, mut dy, mut st) = (
        Channel::Phone,
        ContactOutcome::Reached,
        String::new(),
        String::new(),
        ExcuseCategory::CashFlow,
        String::new(),
        String::new(),
        String::new(),
    );
    match &e.kind {
        EventKind::Contact { channel, outcome } => (ch, oc) = (*channel, *outcome),
        EventKind::Promise { amount, date } => (am, pd) = (amount_input(lang, *amount), date.to_string()),
        EventKind::Excuse { category } => ex = *category,
        EventKind::DisputeOpened { reason } => rs = reason.clone(),
        EventKind::ExtensionRequest { days } => dy = days.to_string(),
        EventKind::Order { amount } => am = amount_input(lang, *amount),
        EventKind::DunningDone { step, channel } => (st, ch) = (step.clone(), *channel),
        EventKind::LimitSet { limit, by } => {
            (lim, by_) = (limit.map(|l| amount_input(lang, l)).unwrap_or_default(), by.clone());
        }
        EventKind::HandOver { agency, amount } => (ag, am) = (agency.clone(), amount_input(lang, *amount)),
        EventKind::DunningSkipped { step } => sk = step.clone(),
        EventKind::Paused { until } => un = until.to_string(),
        EventKind::Note | EventKind::DisputeResolved | EventKind::WrittenOff => {}
    }
    vec![
        type_key(e.kind.event_type()).to_string(),
        e.date.to_string(),
        e.invoice.map(|i| i.0.to_string()).unwrap_or_default(),
        channel_key(ch).to_string(),
        outcome_key(oc).to_string(),
        am,
        pd,
        excuse_key(ex).to_string(),
        rs,
        dy,
        st,
        lim,
        by_,
        ag,
        sk,
        un,
        e.note.clone(),
    ]
}

/// Shown with a new credit-limit entry.
const LIMIT_REASON: (&str, &str) = (
    "Bij opslaan wordt dit de kredietlimiet van de klant. Vul in de notitie de reden in: die is verplicht.",
    "When saved, this becomes the customer's credit limit. Enter the reason in the note: it is required.",
);

/// Shown when editing or deleting a credit-limit entry.
const LIMIT_STAYS: (&str, &str) = (
    "Wijzigen of verwijderen van deze regel verandert de kredietlimiet van de klant niet: leg een nieuwe regel vast of pas de klant aan.",
    "Changing or deleting this entry does not change the customer's credit limit: record a new entry or edit the customer.",
);

/// The new limit as typed: empty = no limit, otherwise an amount of zero or more.
fn parse_limit(s: &str) -> Result<Option<Decimal>, DomainError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let d = parse_amount(s)?;
    if d < Decimal::ZERO {
        return Err(DomainError::AmountNotPositive);
    }
    Ok(Some(d))
}

/// Entries that must be about one invoice.
fn needs_invoice(t: EventType) -> bool {
    matches!(t, EventType::DisputeOpened | EventType::DisputeResolved | EventType::WrittenOff)
}

fn channel_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Channel::ALL.iter().map(|c| (channel_key(*c), lang.channel(*c))).collect()
}

fn outcome_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ContactOutcome::ALL.iter().map(|o| (outcome_key(*o), lang.outcome(*o))).collect()
}

fn excuse_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ExcuseCategory::ALL.iter().map(|e| (excuse_key(*e), lang.excuse(*e))).collect()
}

/// The kinds of dunning step, by key.
fn step_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    StepKind::ALL.iter().map(|k| (k.key(), lang.step_kind(*k))).collect()
}

/// The note is the reason, and required.
fn reason_required(t: EventType) -> bool {
    matches!(t, EventType::LimitSet | EventType::DunningSkipped)
}

fn type_options(lang: Lang) -> Vec<(&'static str, &'static str)> {
    EventType::ALL.iter().map(|t| (type_key(*t), lang.event_type(*t))).collect()
}

/// New diary entry for a customer, or edit an existing one.
#[component]
pub fn EventForm(id: Option<EventId>, customer: Option<CustomerId>) -> impl IntoView {
    let state = use_state();
    let existing = id.and_then(|i| state.ledger.with_untracked(|l| l.event(i).cloned()));
    if id.is_some() && existing.is_none() {
        return missing("Deze dossierregel bestaat niet (meer)", "This diary entry does not exist (any more)", Route::Customers);
    }
    let lang0 = state.lang_untracked();
    let today = untrack(|| state.today());
    let fixed_customer = existing
        .as_ref()
        .map(|e| e.customer)
        .or(customer)
        .filter(|c| state.ledger.with_untracked(|l| l.customer(*c).is_some()));
    if customer.is_some() && fixed_customer.is_none() {
        return missing("Deze klant bestaat niet (meer)", "This customer does not exist (any more)", Route::Customers);
    }

    let kind = existing.as_ref().map(|e| e.kind.clone());
    let customer_s = RwSignal::new(fixed_customer.map(|c| c.0.to_string()).unwrap_or_default());
    let init = match &existing {
        Some(e) => event_texts(e, lang0),
        None => event_texts(&Event::new(CustomerId(0), None, today, EventKind::Contact { channel: Channel::Phone, outcome: ContactOutcome::Reached }), lang0),
    };
    let [etype, date, invoice, channel, outcome, amount, promise_date, excuse, reason, days, step, limit, by, agency, skipped, until, note] =
        std::array::from_fn(|i| RwSignal::new(init[i].clone()));
    let error = RwSignal::new(None::<String>);
    let fields = move || {
        [etype, date, invoice, channel, outcome, amount, promise_date, excuse, reason, days, step, limit, by, agency, skipped, until, note]
    };
    // The entry as the form showed it: only what the user changes is merged onto the entry as it
    // is when saving, so another tab's changes to other fields are kept.
    let opened: Opened<Event> = StoredValue::new(existing.clone().map(|e| {
        let texts = event_texts(&e, lang0);
        (e, texts)
    }));

    let current_type = move || find(&EventType::ALL, type_key, &etype.get()).unwrap_or(EventType::Note);

    let build = move || -> Result<Event, String> {
        let lang = state.lang_untracked();
        let cid = parse_customer(&customer_s.get_untracked())
            .ok_or_else(|| lang.tr("Kies een klant.", "Choose a customer.").to_string())?;
        let d = parse_date(&date.get_untracked())
            .ok_or_else(|| lang.tr("Vul een geldige datum in.", "Enter a valid date.").to_string())?;
        let ty = untrack(current_type);
        let inv = invoice.with_untracked(|s| s.trim().parse::<u32>().ok()).map(InvoiceId);
        if needs_invoice(ty) && inv.is_none() {
            return Err(lang
                .tr("Kies de factuur waar dit over gaat: bij '{t}' is dat verplicht.", "Choose the invoice this is about: it is required for '{t}'.")
                .replace("{t}", lang.event_type(ty)));
        }
        let money = |s: String, what_nl: &'static str, what_en: &'static str| -> Result<Decimal, String> {
            if s.trim().is_empty() {
                return Err(lang.tr("Vul {w} in.", "Enter {w}.").replace("{w}", lang.tr(what_nl, what_en)));
            }
            parse_amount(&s).map_err(|e| lang.domain_error(&e))
        };
        let ch = find(&Channel::ALL, channel_key, &channel.get_untracked()).unwrap_or(Channel::Phone);
        let kind = match ty {
            EventType::Contact => EventKind::Contact {
                channel: ch,
                outcome: find(&ContactOutcome::ALL, outcome_key, &outcome.get_untracked()).unwrap_or(ContactOutcome::Reached),
            },
            EventType::Note => EventKind::Note,
            EventType::Promise => {
                let amount = money(amount.get_untracked(), "het beloofde bedrag", "the promised amount")?;
                let date = parse_date(&promise_date.get_untracked()).ok_or_else(|| {
                    lang.tr("Vul de datum in waarop de klant belooft te betalen.", "Enter the date the customer promises to pay.")
                        .to_string()
                })?;
                EventKind::Promise { amount, date }
            }
            EventType::Excuse => EventKind::Excuse {
                category: find(&ExcuseCategory::ALL, excuse_key, &excuse.get_untracked()).unwrap_or(ExcuseCategory::Other),
            },
            EventType::DisputeOpened => EventKind::DisputeOpened { reason: reason.get_untracked().trim().to_string() },
            EventType::DisputeResolved => EventKind::DisputeResolved,
            EventType::ExtensionRequest => {
                let n = days
                    .get_untracked()
                    .trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|n| (1..=365).contains(n))
                    .ok_or_else(|| {
                        lang.tr(
                            "Vul het aantal extra dagen in (1 tot 365).",
                            "Enter the number of extra days (1 to 365).",
                        )
                        .to_string()
                    })?;
                EventKind::ExtensionRequest { days: n }
            }
            EventType::Order => EventKind::Order { amount: money(amount.get_untracked(), "het orderbedrag", "the order amount")? },
            EventType::DunningDone => {
                let s = step.get_untracked().trim().to_string();
                if s.is_empty() {
                    return Err(lang.tr("Vul in welke stap is uitgevoerd, bijv. 'Herinnering'.", "Enter which step was done, e.g. 'Reminder'.").into());
                }
                EventKind::DunningDone { step: s, channel: ch }
            }
            EventType::WrittenOff => EventKind::WrittenOff,
            EventType::LimitSet => EventKind::LimitSet {
                limit: parse_limit(&limit.get_untracked()).map_err(|e| lang.domain_error(&e))?,
                by: by.get_untracked().trim().to_string(),
            },
            EventType::HandOver => {
                let a = agency.get_untracked().trim().to_string();
                if a.is_empty() {
                    return Err(lang
                        .tr("Vul in aan welk incassobureau of welke advocaat de vordering is overgedragen.", "Enter the collection agency or lawyer the claim was handed over to.")
                        .into());
                }
                EventKind::HandOver { agency: a, amount: money(amount.get_untracked(), "het overgedragen bedrag", "the amount handed over")? }
            }
            EventType::DunningSkipped => {
                // A key from the select; an entry read from a backup may carry any text.
                let s = skipped.get_untracked().trim().to_string();
                if s.is_empty() {
                    return Err(lang.tr("Kies welke stap is overgeslagen.", "Choose which step was skipped.").into());
                }
                EventKind::DunningSkipped { step: s }
            }
            EventType::Paused => {
                let u = parse_date(&until.get_untracked()).ok_or_else(|| {
                    lang.tr("Vul in tot en met welke datum het aanmanen is gepauzeerd.", "Enter the date dunning is paused until.")
                        .to_string()
                })?;
                if u < d {
                    return Err(lang
                        .tr("De pauze kan niet eindigen vóór de datum van de regel.", "The pause cannot end before the date of the entry.")
                        .into());
                }
                EventKind::Paused { until: u }
            }
        };
        let note = note.get_untracked().trim().to_string();
        if reason_required(ty) && note.is_empty() {
            return Err(if ty == EventType::LimitSet {
                lang.tr("Vul in de notitie de reden in waarom de limiet is vastgesteld.", "Enter the reason for setting the limit in the note.")
            } else {
                lang.tr("Vul in de notitie de reden in waarom deze stap is overgeslagen.", "Enter the reason for skipping this step in the note.")
            }
            .into());
        }
        if let Some((mut e, texts)) = opened.get_value() {
            let ch = changed_fields(&fields(), &texts);
            // The kind and its own fields change together.
            if ch[0] || ch[3..=15].iter().any(|c| *c) {
                e.kind = kind;
            }
            if ch[1] {
                e.date = d;
            }
            if ch[2] {
                e.invoice = inv;
            }
            if ch[16] {
                e.note = note;
            }
            e.customer = cid;
            return Ok(e);
        }
        let mut e = Event::new(cid, inv, d, kind);
        e.note = note;
        Ok(e)
    };

    let attempt = move |dry: bool| {
        let lang = state.lang_untracked();
        let e = match build() {
            Ok(e) => e,
            Err(m) => {
                error.set(Some(m));
                return;
            }
        };
        let cid = e.customer;
        let what_type = e.kind.event_type();
        let what = lang.event_type(what_type);
        let base = opened.get_value().map(|(b, _)| b);
        let result = run_op(state, dry, &move |l| match &base {
            Some(base) => {
                let current = l.event(base.id).cloned().ok_or(DomainError::UnknownEvent)?;
                l.update_event(merge3(base, &e, &current)?)
            }
            // A new limit entry sets the customer's limit in the same commit.
            None if matches!(e.kind, EventKind::LimitSet { .. }) => l.set_limit(e.clone()).map(|_| ()),
            None => l.add_event(e.clone()).map(|_| ()),
        });
        match result {
            Ok(()) if dry => {}
            Ok(()) => {
                error.set(None);
                let msg = if id.is_none() && what_type == EventType::LimitSet {
                    lang.tr("De kredietlimiet is vastgesteld en vastgelegd in het dossier.", "The credit limit was set and recorded in the diary.")
                } else if id.is_some() {
                    lang.tr("Dossierregel '{t}' is bijgewerkt.", "Diary entry '{t}' was updated.")
                } else {
                    lang.tr("Dossierregel '{t}' is toegevoegd.", "Diary entry '{t}' was added.")
                };
                state.success(msg.replace("{t}", what));
                state.go(Route::Customer(cid));
            }
            Err(e) => {
                if let (true, Some(id)) = (is_conflict(&e), id) {
                    if let (Some((_, old)), Some(current)) =
                        (opened.get_value(), state.ledger.with_untracked(|l| l.event(id).cloned()))
                    {
                        let new = event_texts(&current, lang);
                        rebase_fields(&fields(), &old, &new);
                        opened.set_value(Some((current, new)));
                    }
                }
                error.set(Some(save_error(lang, &e, EVENT_LABELS)));
            }
        }
    };
    let save = move || attempt(false);
    reword_on_lang_change(state, error, Callback::new(move |()| attempt(true)));

    let delete = move |_| {
        let Some(id) = id else { return };
        let lang = state.lang_untracked();
        let Some((cid, what, d)) =
            state.ledger.with_untracked(|l| l.event(id).map(|e| (e.customer, lang.event_type(e.kind.event_type()), e.date)))
        else {
            return;
        };
        let mut body = lang
            .tr("De dossierregel '{t}' van {d} wordt verwijderd.", "The diary entry '{t}' of {d} will be deleted.")
            .replace("{t}", what)
            .replace("{d}", &lang.date(d));
        if matches!(kind, Some(EventKind::DisputeOpened { .. } | EventKind::DisputeResolved | EventKind::WrittenOff)) {
            body.push(' ');
            body.push_str(lang.tr(
                "Daardoor kan de status van de factuur veranderen.",
                "This may change the status of the invoice.",
            ));
        }
        if matches!(kind, Some(EventKind::LimitSet { .. })) {
            body.push(' ');
            body.push_str(lang.tr(LIMIT_STAYS.0, LIMIT_STAYS.1));
        }
        body.push_str(lang.tr(" Je kunt dit direct daarna ongedaan maken.", " You can undo this right afterwards."));
        state.ask(
            lang.tr("Dossierregel verwijderen?", "Delete diary entry?").into(),
            body,
            lang.tr("Verwijderen", "Delete").into(),
            true,
            move || {
                let lang = state.lang_untracked();
                let msg = lang.tr("De dossierregel is verwijderd.", "The diary entry was deleted.").to_string();
                delete_undoable(state, msg, &move |l| l.remove_event(id), Route::Customer(cid));
            },
        );
    };

    let title = move || {
        let lang = state.lang();
        if id.is_some() { lang.tr("Dossierregel bewerken", "Edit diary entry") } else { lang.tr("Nieuwe dossierregel", "New diary entry") }
            .to_string()
    };
    // The customer the entry is about, under the title.
    let sub = move || {
        let c = parse_customer(&customer_s.get());
        state.ledger.with(|l| c.and_then(|c| l.customer(c)).map(|c| format!("{} ({})", c.name, c.number))).unwrap_or_default()
    };

    let invoice_options = move || {
        let lang = state.lang();
        let c = parse_customer(&customer_s.get());
        let current = invoice.get();
        let mut opts: Vec<(String, String, String)> = state.ledger.with(|l| {
            let balances = l.balances();
            l.invoices()
                .filter(|i| Some(i.customer) == c && !i.is_credit_note())
                .map(|i| {
                    let status = balances.get(&i.id).map(|b| (lang.status(b.status()), b.open()));
                    let label = match status {
                        Some((s, open)) => format!(
                            "{} · {} · {} {}",
                            i.number,
                            s,
                            lang.tr("open", "open"),
                            lang.amount(open, i.amount.currency)
                        ),
                        None => i.number.clone(),
                    };
                    (i.number.clone(), i.id.0.to_string(), label)
                })
                .collect()
        });
        crate::sort::by(&mut opts, |a, b| natural_cmp(&b.0, &a.0));
        let none_label = lang.tr("— Geen (de klant in het algemeen) —", "— None (the customer in general) —");
        let none_selected = current.is_empty();
        view! {
            <option value="" selected=none_selected>{none_label}</option>
            {opts
                .into_iter()
                .map(|(_, v, label)| {
                    let selected = v == current;
                    view! { <option value=v selected=selected>{label}</option> }
                })
                .collect_view()}
        }
    };

    let type_fields = move || -> AnyView {
        let channel_select = move || select(state, ("Kanaal", "Channel"), channel, "event-channel", channel_options, None);
        match current_type() {
            EventType::Contact => view! {
                {channel_select()}
                {select(state, ("Resultaat", "Outcome"), outcome, "event-outcome", outcome_options, None)}
            }
            .into_any(),
            EventType::Promise => view! {
                {input(state, ("Beloofd bedrag", "Promised amount"), amount, "event-amount", Opt { mode: "decimal", required: true, ..Opt::default() })}
                {input(
                    state,
                    ("Betaalt uiterlijk op", "Will pay by"),
                    promise_date,
                    "event-promise-date",
                    Opt {
                        kind: "date",
                        required: true,
                        hint: Some(("De datum waarop de klant belooft te betalen.", "The date by which the customer promises to pay.")),
                        ..Opt::default()
                    },
                )}
            }
            .into_any(),
            EventType::Excuse => select(state, ("Soort excuus", "Kind of excuse"), excuse, "event-excuse", excuse_options, None),
            EventType::DisputeOpened => input(
                state,
                ("Reden van het geschil", "Reason for the dispute"),
                reason,
                "event-reason",
                Opt {
                    wide: true,
                    hint: Some((
                        "Tot je een regel 'Geschil opgelost' toevoegt, heeft de factuur de status 'Betwist'.",
                        "Until you add a 'Dispute resolved' entry, the invoice has the status 'Disputed'.",
                    )),
                    ..Opt::default()
                },
            ),
            EventType::ExtensionRequest => input(
                state,
                ("Gevraagde extra dagen", "Extra days asked for"),
                days,
                "event-days",
                Opt { kind: "number", mode: "numeric", required: true, ..Opt::default() },
            ),
            EventType::Order => view! {
                {input(
                    state,
                    ("Orderbedrag", "Order amount"),
                    amount,
                    "event-amount",
                    Opt {
                        mode: "decimal",
                        required: true,
                        hint: Some(("Gebruikt voor het signaal 'koopt minder'.", "Used for the 'buying less' signal.")),
                        ..Opt::default()
                    },
                )}
                // The order check (seed 000): warn before the order is accepted, not after.
                {move || {
                    let lang = state.lang();
                    let customer = customer_s.get().parse::<u32>().ok().map(CustomerId)?;
                    let order = parse_amount(&amount.get()).unwrap_or(Decimal::ZERO);
                    let today = state.today();
                    let warnings: Vec<String> = state.ledger.with(|l| {
                        order_check(l, customer, order, today, &l.settings.risk).iter().map(|w| lang.order_warning(w, l)).collect()
                    });
                    (!warnings.is_empty()).then(|| view! {
                        <div class="notice warn wide" role="note" data-testid="order-warnings">
                            <strong>{lang.tr("Let op bij deze order:", "Mind this order:")}</strong>
                            <ul class="reasons">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        </div>
                    })
                }}
            }
            .into_any(),
            EventType::DunningDone => view! {
                {input(
                    state,
                    ("Stap", "Step"),
                    step,
                    "event-step",
                    Opt {
                        required: true,
                        placeholder: Some(("bijv. Eerste aanmaning", "e.g. First dunning letter")),
                        hint: Some((
                            "Een brief met 'veertiendagenbrief' of '14-dagenbrief' in de naam telt als de brief die incassokosten bij consumenten mogelijk maakt.",
                            "A step named with '14-day letter' (or 'veertiendagenbrief') counts as the letter that allows collection costs for consumers.",
                        )),
                        ..Opt::default()
                    },
                )}
                {channel_select()}
            }
            .into_any(),
            EventType::WrittenOff => view! {
                <p class="notice wide" data-testid="event-writeoff-note">
                    {tx("Wat nog openstaat op de factuur, wordt afgeboekt: de status wordt 'Afgeboekt' en het telt niet meer mee als openstaand.", "What is still open on the invoice is written off: its status becomes 'Written off' and it no longer counts as open.")}
                </p>
            }
            .into_any(),
            EventType::LimitSet => view! {
                {input(
                    state,
                    ("Nieuwe kredietlimiet", "New credit limit"),
                    limit,
                    "event-limit",
                    Opt {
                        mode: "decimal",
                        hint: Some(("Leeg = geen limiet. Wordt bij opslaan de kredietlimiet van de klant.", "Empty = no limit. Becomes the customer's credit limit when saved.")),
                        ..Opt::default()
                    },
                )}
                {input(
                    state,
                    ("Vastgesteld door", "Set by"),
                    by,
                    "event-by",
                    Opt { placeholder: Some(("bijv. J. de Vries, directie", "e.g. J. de Vries, management")), ..Opt::default() },
                )}
                <p class="notice wide" data-testid="event-limit-note">
                    {
                        let (nl, en) = if id.is_some() { LIMIT_STAYS } else { LIMIT_REASON };
                        tx(nl, en)
                    }
                </p>
            }
            .into_any(),
            EventType::HandOver => view! {
                {input(
                    state,
                    ("Incassobureau of advocaat", "Collection agency or lawyer"),
                    agency,
                    "event-agency",
                    Opt { required: true, ..Opt::default() },
                )}
                {input(
                    state,
                    ("Overgedragen bedrag", "Amount handed over"),
                    amount,
                    "event-amount",
                    Opt {
                        mode: "decimal",
                        required: true,
                        hint: Some(("Hoofdsom met rente en kosten op de datum van overdracht.", "Principal with interest and costs on the date of the handover.")),
                        ..Opt::default()
                    },
                )}
            }
            .into_any(),
            EventType::DunningSkipped => view! {
                {select(state, ("Overgeslagen stap", "Skipped step"), skipped, "event-skipped-step", step_options, None)}
                <p class="notice wide" data-testid="event-skip-note">
                    {tx(
                        "De stap telt als gedaan: het aanmaanplan gaat verder met de volgende stap. Vul in de notitie de reden in: die is verplicht.",
                        "The step counts as done: the dunning plan goes on with the next step. Enter the reason in the note: it is required.",
                    )}
                </p>
            }
            .into_any(),
            EventType::Paused => input(
                state,
                ("Gepauzeerd tot en met", "Paused until"),
                until,
                "event-until",
                Opt {
                    kind: "date",
                    required: true,
                    hint: Some((
                        "Tot en met deze datum worden geen aanmaanstappen voorgesteld. Zonder factuur geldt de pauze voor de hele klant.",
                        "Up to and including this date no dunning steps are proposed. Without an invoice the pause applies to the whole customer.",
                    )),
                    ..Opt::default()
                },
            ),
            EventType::Note | EventType::DisputeResolved => ().into_any(),
        }
    };

    let fallback = fixed_customer.map_or(Route::Customers, Route::Customer);
    let invoice_hint = move || {
        let lang = state.lang();
        let ty = current_type();
        if needs_invoice(ty) {
            lang.tr("Verplicht voor '{t}': kies de factuur waar het over gaat.", "Required for '{t}': choose the invoice it is about.")
                .replace("{t}", lang.event_type(ty))
        } else if ty == EventType::Paused {
            lang.tr("Optioneel: kies een factuur om alleen die te pauzeren; leeg pauzeert de hele klant.", "Optional: choose an invoice to pause only that one; empty pauses the whole customer.")
                .to_string()
        } else {
            lang.tr("Optioneel: laat leeg als het over de klant in het algemeen gaat.", "Optional: leave empty when it is about the customer in general.")
                .to_string()
        }
    };

    view! {
        <PageHeader title=title sub=Signal::derive(sub)/>
        <form
            class="card form-narrow"
            data-testid="event-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <div class="form-grid">
                {fixed_customer.is_none().then(|| view! {
                    <CustomerSelect value=customer_s testid="event-customer" on_change=Callback::new(move |()| invoice.set(String::new()))/>
                })}
                {select(state, ("Soort", "Kind"), etype, "event-type", type_options, Some(Callback::new(move |()| error.set(None))))}
                {input(state, ("Datum", "Date"), date, "event-date", Opt { kind: "date", required: true, ..Opt::default() })}
                <div class="field wide">
                    <label for="f-event-invoice">
                        {tx("Factuur", "Invoice")}
                        {move || needs_invoice(current_type()).then(|| view! { <span class="req">" *"</span> })}
                    </label>
                    <select
                        id="f-event-invoice"
                        data-testid="event-invoice"
                        prop:value=move || invoice.get()
                        on:change=move |ev| invoice.set(event_target_value(&ev))
                    >
                        {invoice_options}
                    </select>
                    <p class="hint" data-testid="event-invoice-hint">{invoice_hint}</p>
                </div>
                {type_fields}
                {move || match current_type() {
                    EventType::LimitSet => {
                        textarea(state, ("Reden (verplicht)", "Reason (required)"), note, "event-note", Some(("Waarom deze limiet?", "Why this limit?")))
                    }
                    EventType::DunningSkipped => textarea(
                        state,
                        ("Reden (verplicht)", "Reason (required)"),
                        note,
                        "event-note",
                        Some(("Waarom wordt deze stap overgeslagen?", "Why is this step skipped?")),
                    ),
                    EventType::Paused => {
                        textarea(state, ("Reden", "Reason"), note, "event-note", Some(("Waarom wordt het aanmanen gepauzeerd?", "Why is dunning paused?")))
                    }
                    _ => {
                        textarea(state, ("Notitie", "Note"), note, "event-note", Some(("Wat is er besproken of afgesproken?", "What was discussed or agreed?")))
                    }
                }}
                {form_error(error)}
            </div>
            <div class="form-actions">
                {id.is_some().then(|| view! {
                    <button type="button" class="btn danger push-left" data-testid="event-delete" on:click=delete>
                        {tx("Verwijderen…", "Delete…")}
                    </button>
                })}
                <button type="button" class="btn" data-testid="event-cancel" on:click=move |_| go_back(state, fallback)>
                    {tx("Annuleren", "Cancel")}
                </button>
                <button type="submit" class="btn primary" data-testid="event-save">
                    {tx("Opslaan", "Save")}
                </button>
            </div>
        </form>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_keys_are_unique_and_round_trip() {
        for t in EventType::ALL {
            assert_eq!(find(&EventType::ALL, type_key, type_key(t)), Some(t));
        }
        for c in Channel::ALL {
            assert_eq!(find(&Channel::ALL, channel_key, channel_key(c)), Some(c));
        }
        for o in ContactOutcome::ALL {
            assert_eq!(find(&ContactOutcome::ALL, outcome_key, outcome_key(o)), Some(o));
        }
        for e in ExcuseCategory::ALL {
            assert_eq!(find(&ExcuseCategory::ALL, excuse_key, excuse_key(e)), Some(e));
        }
        assert!(needs_invoice(EventType::WrittenOff) && !needs_invoice(EventType::Promise));
    }

    #[test]
    fn limit_input() {
        let rows = [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("5000", Ok(Some(Decimal::from(5000)))),
            ("7.500,00", Ok(Some(Decimal::from(7500)))),
            ("0", Ok(Some(Decimal::ZERO))),
            ("-1", Err(DomainError::AmountNotPositive)),
            ("veel", Err(DomainError::BadAmount("veel".into()))),
        ];
        for (input, expected) in rows {
            assert_eq!(parse_limit(input), expected, "{input:?}");
        }
    }

    #[test]
    fn texts_of_the_new_kinds() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut e = Event::new(CustomerId(1), None, d, EventKind::LimitSet { limit: Some(Decimal::from(5000)), by: "Jan".into() });
        e.note = "Goede betaler".into();
        let t = event_texts(&e, Lang::Nl);
        assert_eq!(t.len(), 17);
        assert_eq!((t[0].as_str(), t[11].as_str(), t[12].as_str(), t[16].as_str()), ("limit-set", "5.000,00", "Jan", "Goede betaler"));
        let e = Event::new(CustomerId(1), None, d, EventKind::LimitSet { limit: None, by: String::new() });
        assert_eq!(event_texts(&e, Lang::En)[11], "");
        let e = Event::new(CustomerId(1), None, d, EventKind::HandOver { agency: "Incasso Noord".into(), amount: "1834.5".parse().unwrap() });
        let t = event_texts(&e, Lang::En);
        assert_eq!((t[0].as_str(), t[5].as_str(), t[13].as_str()), ("hand-over", "1,834.50", "Incasso Noord"));
    }

    #[test]
    fn texts_of_skipped_steps_and_pauses() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut e = Event::new(CustomerId(1), None, d, EventKind::DunningSkipped { step: "first-dunning".into() });
        e.note = "Klant belde zelf".into();
        let t = event_texts(&e, Lang::Nl);
        assert_eq!((t[0].as_str(), t[14].as_str(), t[15].as_str(), t[16].as_str()), ("dunning-skipped", "first-dunning", "", "Klant belde zelf"));
        let until = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let e = Event::new(CustomerId(1), Some(InvoiceId(4)), d, EventKind::Paused { until });
        let t = event_texts(&e, Lang::En);
        assert_eq!((t[0].as_str(), t[2].as_str(), t[15].as_str()), ("paused", "4", "2026-12-01"));
        // A new entry starts with the reminder chosen and no date.
        let t = event_texts(&Event::new(CustomerId(1), None, d, EventKind::Note), Lang::Nl);
        assert_eq!((t[14].as_str(), t[15].as_str()), ("reminder", ""));
        let keys: Vec<&str> = step_options(Lang::Nl).iter().map(|o| o.0).collect();
        assert_eq!(keys.len(), StepKind::ALL.len());
        assert_eq!(step_options(Lang::Nl)[4], ("first-dunning", "Eerste aanmaning"));
        assert!(reason_required(EventType::DunningSkipped) && reason_required(EventType::LimitSet));
        assert!(!reason_required(EventType::Paused));
    }
}
