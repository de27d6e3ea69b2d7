//! Realistic ledgers of any size, for measuring the engine on 10,000 to 100,000 invoices.
//!
//! [`generate`] is deterministic: the same seed, sizes and `today` always give the same ledger
//! (a hand-written splitmix64 generator, no `rand`, no floating point). Every date is an offset
//! from `today`. The ledger is built as plain parts and goes through [`Ledger::from_parts`], which
//! checks every ledger rule, so what the engine is measured on is a ledger the app could hold.
//!
//! What it holds, in proportions a small Dutch or Belgian wholesaler would recognise:
//!
//! - **Customers**: businesses (about 85%, with a sector, a size class, a VAT number, often a credit
//!   limit and an external score or three) and consumers; about 80% Dutch and 20% Belgian; IBANs
//!   with valid check digits; payment terms of 14, 30 or 60 days; a few on hold, credit-insured
//!   or assigned to a named dunning profile. Each customer is one kind of payer: early, on time,
//!   late, very late, or a defaulter.
//! - **Invoices** over the two years before `today`, spread over the customers with a long tail
//!   (a few customers get many invoices, most get some, a few prospects none), amounts skewed
//!   (most under € 2,500, a few up to € 240,000 for large customers), numbered per year.
//! - **Payments** by the customer's kind of payer: most on time, some late, some in two parts,
//!   some never; some customers pay several invoices in one transfer; an occasional overpayment
//!   stays unallocated. Nothing is dated after `today`: what would be paid later is still open.
//! - **Credit notes** (about 2.5% of the invoices, a few for the whole amount), and disputes,
//!   most resolved (half of those with a credit note).
//! - **The diary**: reminders and dunning letters done on late invoices, calls reached or not,
//!   excuses, promises (kept when the payment came by the promised date, broken otherwise),
//!   extension requests, orders, credit limits set, hand-overs and write-offs of defaulters.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::seeded::{be_iban, be_vat, iban, nl_iban, nl_vat, Rng};

use crate::domain::{
    Address, Allocation, Channel, CollectorLevel, ContactOutcome, Country, Customer, CustomerId, CustomerKind, Event,
    EventId, EventKind, ExcuseCategory, Invoice, InvoiceId, Ledger, LedgerParts, Margin, Money, Payment, PaymentId,
    ScoreEntry, SizeClass,
};

/// A ledger with `customers` customers and `invoices` invoices (credit notes come on top), as of
/// `today`. Without customers there are no invoices either.
///
/// # Panics
/// Never in practice: the plan keeps every ledger rule, and the tests check it for many seeds
/// and sizes.
pub fn generate(seed: u64, customers: usize, invoices: usize, today: NaiveDate) -> Ledger {
    Ledger::from_parts(parts(seed, customers, invoices, today)).expect("the generated ledger keeps every ledger rule")
}

/// How many days of history the invoices span.
const HISTORY_DAYS: i64 = 730;

fn nl_iban_any(rng: &mut Rng) -> String {
    let bank = *rng.pick(&["RABO", "INGB", "ABNA", "SNSB", "TRIO", "KNAB", "BUNQ", "ASNB"]);
    nl_iban(rng, bank)
}

fn be_iban_any(rng: &mut Rng) -> String {
    let bank = *rng.pick(&["001", "063", "068", "096", "363", "539", "735", "979"]);
    be_iban(rng, bank)
}

// ----- what customers look like -----

const SECTORS: [&str; 16] = [
    "10.71 Brood en vers banket",
    "43.22 Installatie van loodgieterswerk en verwarming",
    "41.20 Algemene burgerlijke en utiliteitsbouw",
    "46.90 Niet-gespecialiseerde groothandel",
    "47.91 Webwinkels",
    "49.41 Goederenvervoer over de weg",
    "55.10 Hotels",
    "56.10 Restaurants",
    "62.01 Ontwikkelen van software",
    "69.20 Accountancy",
    "71.11 Architecten",
    "86.23 Tandartsen",
    "87.10 Verpleeghuizen",
    "96.02 Kappers en schoonheidsverzorging",
    "25.62 Metaalbewerking",
    "01.13 Teelt van groenten",
];
const TRADES: [&str; 16] = [
    "Bakkerij",
    "Installatiebedrijf",
    "Bouwbedrijf",
    "Groothandel",
    "Webwinkel",
    "Transportbedrijf",
    "Hotel",
    "Restaurant",
    "Softwarebureau",
    "Accountantskantoor",
    "Architectenbureau",
    "Tandartspraktijk",
    "Zorggroep",
    "Kapsalon",
    "Metaalbedrijf",
    "Kwekerij",
];
const SURNAMES: [&str; 24] = [
    "De Jong", "Jansen", "De Vries", "Van den Berg", "Van Dijk", "Bakker", "Janssens", "Visser", "Smit", "Meijer",
    "De Boer", "Mulder", "Peeters", "Maes", "Bos", "Vos", "Peters", "Hendriks", "Claes", "Wouters", "Dekker",
    "Van Leeuwen", "Willems", "Brouwer",
];
const FIRST_NAMES: [&str; 16] = [
    "Anouk", "Daan", "Sanne", "Lars", "Emma", "Noah", "Julia", "Sem", "Lotte", "Finn", "Fleur", "Milan", "Elise",
    "Wout", "Marieke", "Pieter",
];
const STREETS: [&str; 12] = [
    "Kerkstraat", "Dorpsstraat", "Stationsweg", "Industrieweg", "Molenstraat", "Schoolstraat", "Nieuwstraat",
    "Marktplein", "Julianastraat", "Beatrixlaan", "Kloosterstraat", "Hoogstraat",
];
const NL_CITIES: [&str; 10] =
    ["Groningen", "Assen", "Zwolle", "Utrecht", "Amsterdam", "Rotterdam", "Eindhoven", "Leeuwarden", "Emmen", "Arnhem"];
const BE_CITIES: [(&str, &str); 6] =
    [("2000", "Antwerpen"), ("9000", "Gent"), ("3500", "Hasselt"), ("8000", "Brugge"), ("3000", "Leuven"), ("1000", "Brussel")];
const SCORE_SOURCES: [&str; 3] = ["Graydon", "Creditsafe", "Dun & Bradstreet"];
const DESCRIPTIONS: [&str; 8] = [
    "Levering volgens order",
    "Onderhoudscontract {maand}",
    "Materialen en arbeid",
    "Advieswerkzaamheden {maand}",
    "Levering en montage",
    "Abonnement {maand}",
    "Reparatie op locatie",
    "Projectfase",
];
const MONTHS: [&str; 12] =
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const DISPUTES: [&str; 5] = [
    "Levering onvolledig",
    "Prijs wijkt af van de offerte",
    "Kwaliteit niet zoals afgesproken",
    "Factuur op verkeerde naam",
    "Aantal uren betwist",
];

/// The kind of payer a customer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Payer {
    Early,
    OnTime,
    Late,
    VeryLate,
    Defaulter,
}

impl Payer {
    /// Days after the due date an invoice is paid (negative: early).
    fn delay(self, rng: &mut Rng) -> i64 {
        match self {
            Payer::Early => rng.range(-10, -1),
            Payer::OnTime => rng.range(-3, 5),
            Payer::Late => rng.range(3, 35),
            Payer::VeryLate => rng.range(20, 90),
            Payer::Defaulter => rng.range(30, 150),
        }
    }

    /// Chance (per mille) that an invoice is never paid.
    fn never(self) -> u64 {
        match self {
            Payer::Early | Payer::OnTime => 3,
            Payer::Late => 25,
            Payer::VeryLate => 100,
            Payer::Defaulter => 400,
        }
    }

    fn slow(self) -> bool {
        matches!(self, Payer::VeryLate | Payer::Defaulter)
    }
}

/// How a customer behaves, beside the customer record itself.
struct Traits {
    payer: Payer,
    /// Relative share of the invoices.
    weight: u64,
    /// Amount multiplier, percent.
    scale: i64,
    /// Invoices paid this many at a time (1: one by one).
    batch: usize,
    /// Orders are recorded in the diary.
    orders: bool,
}

fn customer(rng: &mut Rng, index: usize, today: NaiveDate) -> (Customer, Traits) {
    let consumer = rng.per_mille(150);
    let belgian = rng.per_mille(200);
    let surname = *rng.pick(&SURNAMES);
    let sector = rng.range(0, SECTORS.len() as i64 - 1) as usize;
    let name = if consumer {
        format!("{} {}", rng.pick(&FIRST_NAMES), surname)
    } else {
        let legal = if belgian { *rng.pick(&["BV", "NV", "CommV"]) } else { *rng.pick(&["B.V.", "V.O.F.", "& Zn. B.V.", ""]) };
        format!("{} {} {}", TRADES[sector], surname, legal).trim().to_string()
    };
    let mut c = Customer::new(format!("D{:05}", index + 1), name);
    c.kind = if consumer { CustomerKind::Consumer } else { CustomerKind::Business };
    c.country = if belgian { Country::Be } else { Country::Nl };
    let size = if consumer {
        None
    } else {
        Some(match rng.range(0, 99) {
            0..=69 => SizeClass::Small,
            70..=94 => SizeClass::Medium,
            _ => SizeClass::Large,
        })
    };
    c.size_class = size;
    let street = format!("{} {}", rng.pick(&STREETS), rng.range(1, 240));
    c.address = if belgian {
        let (postcode, city) = *rng.pick(&BE_CITIES);
        Address { street, postcode: postcode.into(), city: city.into() }
    } else {
        let letters = rng.letters(2);
        Address { street, postcode: format!("{} {letters}", rng.range(1000, 9999)), city: (*rng.pick(&NL_CITIES)).into() }
    };
    c.iban = if belgian { be_iban_any(rng) } else { nl_iban_any(rng) };
    let slug: String = surname.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
    let domain = if belgian { "be" } else { "nl" };
    c.email = if consumer { format!("{slug}{}@mail.{domain}", rng.range(1, 999)) } else { format!("administratie@{slug}{index}.{domain}") };
    c.phone = if belgian { format!("+32 {} {}", rng.range(2, 9), rng.digits(7)) } else { format!("0{} {}", rng.range(10, 99), rng.digits(7)) };
    let payer = match rng.range(0, 99) {
        0..=19 => Payer::Early,
        20..=59 => Payer::OnTime,
        60..=84 => Payer::Late,
        85..=94 => Payer::VeryLate,
        _ => Payer::Defaulter,
    };
    c.payment_term_days = match rng.range(0, 9) {
        0 | 1 => 14,
        2..=7 => 30,
        _ => 60,
    };
    if consumer {
        c.payment_term_days = 14;
    }
    let scale = match size {
        None => 30,
        Some(SizeClass::Small) => 100,
        Some(SizeClass::Medium) => 250,
        Some(SizeClass::Large) => 600,
    };
    if !consumer {
        c.sector = SECTORS[sector].into();
        c.contact_person = format!("{} {}", rng.pick(&FIRST_NAMES), surname);
        c.vat_number = if belgian { be_vat(rng) } else { nl_vat(rng) };
        if rng.per_mille(550) {
            c.credit_limit = Some(Decimal::from(rng.range(2, 40) * 500 * scale / 100));
        }
        if rng.per_mille(400) {
            let base: i64 = match payer {
                Payer::Early => 85,
                Payer::OnTime => 75,
                Payer::Late => 60,
                Payer::VeryLate => 45,
                Payer::Defaulter => 30,
            };
            let n = rng.range(1, 3);
            let source = *rng.pick(&SCORE_SOURCES);
            c.scores = (0..n)
                .map(|k| ScoreEntry {
                    date: today - Duration::days(HISTORY_DAYS - k * 240 - rng.range(0, 200)),
                    score: u8::try_from((base + rng.range(-12, 12)).clamp(0, 100)).unwrap_or(50),
                    source: source.into(),
                })
                .collect();
        }
        if size == Some(SizeClass::Large) && rng.per_mille(250) {
            c.flags.insured_limit = c.credit_limit;
        }
    }
    if payer == Payer::Defaulter && rng.per_mille(250) {
        c.flags.on_hold = true;
        c.flags.prepayment_required = rng.per_mille(500);
        c.collector = CollectorLevel::Senior;
    } else if rng.per_mille(80) {
        c.collector = CollectorLevel::Senior;
    }
    c.profile = match rng.range(0, 99) {
        0..=3 => "goede-betalers".into(),
        4..=6 => "risicovol".into(),
        _ => String::new(),
    };
    // A long tail: a few customers with many invoices, most with some, a few prospects without.
    let weight = if index > 0 && rng.per_mille(30) { 0 } else { 50 + 2000 / u64::try_from(rng.range(1, 100)).unwrap_or(1) };
    let batch = if !consumer && rng.per_mille(150) { usize::try_from(rng.range(2, 4)).unwrap_or(2) } else { 1 };
    let traits = Traits { payer, weight, scale, batch, orders: !consumer && rng.per_mille(200) };
    (c, traits)
}

/// `total` split over `weights` in proportion, exactly (largest remainders, ties to the first).
fn apportion(total: usize, weights: &[u64]) -> Vec<usize> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let total = total as u128;
    let mut counts: Vec<usize> = Vec::with_capacity(weights.len());
    let mut rests: Vec<(u128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let share = total * u128::from(*w);
        counts.push(usize::try_from(share / sum).unwrap_or(0));
        rests.push((share % sum, i));
    }
    let missing = total as usize - counts.iter().sum::<usize>();
    crate::sort::by(&mut rests, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rests.into_iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

// ----- the plan -----

/// An amount in cents, skewed: most invoices are small, a few are large.
fn amount_cents(rng: &mut Rng, scale: i64) -> i64 {
    let euros = match rng.range(0, 99) {
        0..=49 => rng.range(50, 500),
        50..=79 => rng.range(500, 2500),
        80..=94 => rng.range(2500, 10_000),
        _ => rng.range(10_000, 40_000),
    };
    (euros * 100 + rng.range(0, 99)) * scale / 100
}

struct PlannedInvoice {
    customer: usize,
    date: NaiveDate,
    due: NaiveDate,
    cents: i64,
    description: String,
    margin: i64,
}

struct PlannedCredit {
    target: usize,
    date: NaiveDate,
    cents: i64,
}

struct PlannedPayment {
    customer: usize,
    date: NaiveDate,
    extra: i64,
    allocations: Vec<(usize, i64)>,
}

struct PlannedEvent {
    customer: usize,
    invoice: Option<usize>,
    date: NaiveDate,
    kind: EventKind,
    note: String,
}

struct Plan {
    today: NaiveDate,
    rng: Rng,
    invoices: Vec<PlannedInvoice>,
    credits: Vec<PlannedCredit>,
    payments: Vec<PlannedPayment>,
    events: Vec<PlannedEvent>,
}

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

impl Plan {
    fn event(&mut self, customer: usize, invoice: Option<usize>, date: NaiveDate, kind: EventKind, note: &str) {
        if date <= self.today {
            self.events.push(PlannedEvent { customer, invoice, date, kind, note: note.to_string() });
        }
    }

    /// The story of one invoice: credit notes, disputes, the diary, and the payments (returned as
    /// (date, cents) parts; the caller books them, one by one or in batches).
    fn invoice_story(&mut self, i: usize, payer: Payer) -> Vec<(NaiveDate, i64)> {
        let (customer, date, due, amount) = {
            let inv = &self.invoices[i];
            (inv.customer, inv.date, inv.due, inv.cents)
        };
        let today = self.today;
        let mut owed = amount;
        let mut pay_on = Some(due + Duration::days(payer.delay(&mut self.rng))).map(|d| d.max(date));
        if self.rng.per_mille(payer.never()) {
            pay_on = None;
        }

        // A dispute, mostly resolved (half of those with a credit note), or a plain credit note.
        if self.rng.per_mille(15) {
            let opened = date + Duration::days(self.rng.range(5, 40));
            let reason = (*self.rng.pick(&DISPUTES)).to_string();
            self.event(customer, Some(i), opened, EventKind::DisputeOpened { reason }, "");
            if self.rng.per_mille(750) {
                let resolved = opened + Duration::days(self.rng.range(10, 60));
                if self.rng.per_mille(500) && resolved <= today {
                    let credit = amount * self.rng.range(10, 50) / 100;
                    if credit > 0 {
                        self.credits.push(PlannedCredit { target: i, date: resolved, cents: credit });
                        owed -= credit;
                    }
                }
                self.event(customer, Some(i), resolved, EventKind::DisputeResolved, "Opgelost na overleg.");
                pay_on = pay_on.map(|p| p.max(resolved + Duration::days(self.rng.range(3, 20))));
            } else {
                pay_on = None;
            }
        } else if self.rng.per_mille(25) {
            let on = date + Duration::days(self.rng.range(3, 40));
            if on <= today {
                let credit = if self.rng.per_mille(200) { amount } else { (amount * self.rng.range(10, 60) / 100).max(1) };
                self.credits.push(PlannedCredit { target: i, date: on, cents: credit });
                owed -= credit;
                pay_on = pay_on.map(|p| p.max(on + Duration::days(1)));
            }
        }
        if owed <= 0 {
            return Vec::new();
        }

        // Payments: in two parts now and then; the second part of a slow payer may never come.
        let mut parts: Vec<(NaiveDate, i64)> = Vec::new();
        if let Some(on) = pay_on {
            if self.rng.per_mille(50) && owed >= 200 {
                let first = owed * self.rng.range(20, 70) / 100;
                let early = (on - Duration::days(self.rng.range(7, 30))).max(date);
                parts.push((early, first));
                if !(payer.slow() && self.rng.per_mille(300)) {
                    parts.push((on, owed - first));
                }
            } else {
                parts.push((on, owed));
            }
        }
        parts.retain(|(d, _)| *d <= today);
        let settled = if parts.iter().map(|p| p.1).sum::<i64>() == owed { parts.last().map(|p| p.0) } else { None };

        // The diary while it was late.
        let late_on = |days: i64| {
            let d = due + Duration::days(days);
            (d <= today && settled.is_none_or(|s| s > d)).then_some(d)
        };
        if let Some(d) = late_on(7) {
            self.event(customer, Some(i), d, EventKind::DunningDone { step: "reminder".into(), channel: Channel::Email }, "Herinnering per e-mail verstuurd.");
        }
        if self.rng.per_mille(10) {
            let d = due - Duration::days(self.rng.range(1, 5));
            self.event(customer, Some(i), d, EventKind::ExtensionRequest { days: 14 }, "Vraagt twee weken uitstel.");
        }
        if let Some(d) = late_on(21) {
            let channel = if self.rng.per_mille(500) { Channel::Letter } else { Channel::Email };
            self.event(customer, Some(i), d, EventKind::DunningDone { step: "first-dunning".into(), channel }, "Eerste aanmaning verstuurd.");
        }
        if let Some(d) = late_on(35) {
            let reached = self.rng.per_mille(600);
            let outcome = if reached { ContactOutcome::Reached } else { ContactOutcome::NoAnswer };
            self.event(customer, Some(i), d, EventKind::Contact { channel: Channel::Phone, outcome }, "");
            if reached {
                if self.rng.per_mille(500) {
                    let category = *self.rng.pick(&ExcuseCategory::ALL);
                    self.event(customer, Some(i), d, EventKind::Excuse { category }, "");
                }
                if self.rng.per_mille(450) {
                    let promised = d + Duration::days(self.rng.range(3, 14));
                    let open: i64 = owed - parts.iter().filter(|p| p.0 <= d).map(|p| p.1).sum::<i64>();
                    if open > 0 {
                        // Kept when the payment comes by the promised date, broken otherwise.
                        let note = if settled.is_some_and(|s| s <= promised) { "Betaalt volgende week." } else { "Belooft te betalen." };
                        self.event(customer, Some(i), d, EventKind::Promise { amount: cents(open), date: promised }, note);
                    }
                }
            }
        }
        if let Some(d) = late_on(60) {
            self.event(customer, Some(i), d, EventKind::DunningDone { step: "final-notice".into(), channel: Channel::RegisteredLetter }, "Ingebrekestelling aangetekend verstuurd.");
        }
        if payer == Payer::Defaulter && settled.is_none() {
            if let Some(d) = late_on(110) {
                if self.rng.per_mille(300) {
                    self.event(customer, Some(i), d, EventKind::DunningDone { step: "hand-over".into(), channel: Channel::HandOver }, "Dossier overgedragen aan het incassobureau.");
                    if let Some(w) = late_on(220) {
                        self.event(customer, Some(i), w, EventKind::WrittenOff, "Afgeboekt: niets meer te verwachten.");
                    }
                }
            }
        }
        parts
    }
}

fn describe(template: &str, date: NaiveDate) -> String {
    template.replace("{maand}", &format!("{} {}", MONTHS[date.month0() as usize], date.year()))
}

/// The ledger as plain parts (see [`generate`]).
fn parts(seed: u64, n_customers: usize, n_invoices: usize, today: NaiveDate) -> LedgerParts {
    let mut rng = Rng(seed ^ 0x5374_6970_7453_6361); // "StiptSca"
    let mut customers: Vec<Customer> = Vec::with_capacity(n_customers);
    let mut traits: Vec<Traits> = Vec::with_capacity(n_customers);
    for k in 0..n_customers {
        let (mut c, t) = customer(&mut rng, k, today);
        c.id = CustomerId(u32::try_from(k + 1).unwrap_or(u32::MAX));
        customers.push(c);
        traits.push(t);
    }
    let weights: Vec<u64> = traits.iter().map(|t| t.weight).collect();
    let counts = if n_customers == 0 { Vec::new() } else { apportion(n_invoices, &weights) };

    let mut plan = Plan { today, rng, invoices: Vec::with_capacity(n_invoices), credits: Vec::new(), payments: Vec::new(), events: Vec::new() };
    for (k, count) in counts.iter().enumerate() {
        let mut dates: Vec<NaiveDate> =
            (0..*count).map(|_| today - Duration::days(plan.rng.range(0, HISTORY_DAYS))).collect();
        crate::sort::ascending(&mut dates);
        let term = i64::from(customers[k].payment_term_days);
        for date in dates {
            let template: &str = DESCRIPTIONS[plan.rng.range(0, DESCRIPTIONS.len() as i64 - 1) as usize];
            let description = describe(template, date);
            let cents = amount_cents(&mut plan.rng, traits[k].scale);
            let margin = plan.rng.range(15, 55);
            plan.invoices.push(PlannedInvoice { customer: k, date, due: date + Duration::days(term), cents, description, margin });
        }
    }

    // Per customer, in date order: the story of each invoice, then its payments.
    let mut first = 0;
    for (k, count) in counts.iter().enumerate() {
        let t = &traits[k];
        let mut batch: Vec<(usize, NaiveDate, i64)> = Vec::new();
        for i in first..first + count {
            if t.orders {
                let on = plan.invoices[i].date - Duration::days(plan.rng.range(1, 14));
                let amount = cents(plan.invoices[i].cents);
                plan.event(k, None, on, EventKind::Order { amount }, "Order bevestigd.");
            }
            let parts = plan.invoice_story(i, t.payer);
            for (date, amount) in parts {
                if t.batch > 1 {
                    batch.push((i, date, amount));
                    if batch.len() >= t.batch {
                        let date = batch.iter().map(|b| b.1).max().unwrap_or(date);
                        let allocations = batch.drain(..).map(|(i, _, a)| (i, a)).collect();
                        plan.payments.push(PlannedPayment { customer: k, date, extra: 0, allocations });
                    }
                } else {
                    let extra = if plan.rng.per_mille(10) { plan.rng.range(100, 5000) } else { 0 };
                    plan.payments.push(PlannedPayment { customer: k, date, extra, allocations: vec![(i, amount)] });
                }
            }
        }
        if !batch.is_empty() {
            let date = batch.iter().map(|b| b.1).max().unwrap_or(today);
            let allocations = batch.drain(..).map(|(i, _, a)| (i, a)).collect();
            plan.payments.push(PlannedPayment { customer: k, date, extra: 0, allocations });
        }
        first += count;
        // Credit decisions of customers with a limit.
        if let Some(limit) = customers[k].credit_limit {
            let on = today - Duration::days(plan.rng.range(30, HISTORY_DAYS));
            plan.event(k, None, on, EventKind::LimitSet { limit: Some(limit), by: "Credit control".into() }, "Limiet na kredietcheck.");
        }
    }

    into_parts(plan, customers)
}

fn into_parts(plan: Plan, customers: Vec<Customer>) -> LedgerParts {
    let Plan { invoices, credits, payments, events, .. } = plan;
    let customer_id = |k: usize| CustomerId(u32::try_from(k + 1).unwrap_or(u32::MAX));

    // Invoices numbered per year in date order, ids in that order too; credit notes after them.
    let mut order: Vec<usize> = (0..invoices.len()).collect();
    crate::sort::by_key(&mut order, |&i| (invoices[i].date, i));
    let mut ids = vec![InvoiceId(0); invoices.len()];
    let mut numbers = vec![String::new(); invoices.len()];
    let mut out_invoices: Vec<Invoice> = Vec::with_capacity(invoices.len() + credits.len());
    let mut seq: (i32, u32) = (0, 0);
    for (n, &i) in order.iter().enumerate() {
        let p = &invoices[i];
        if seq.0 != p.date.year() {
            seq = (p.date.year(), 0);
        }
        seq.1 += 1;
        ids[i] = InvoiceId(u32::try_from(n + 1).unwrap_or(u32::MAX));
        numbers[i] = format!("{}-{:06}", seq.0, seq.1);
        out_invoices.push(Invoice {
            id: ids[i],
            number: numbers[i].clone(),
            customer: customer_id(p.customer),
            date: p.date,
            due: p.due,
            amount: Money::eur(cents(p.cents)),
            description: p.description.clone(),
            margin: Some(Margin::Percent(Decimal::from(p.margin))),
            credits: None,
            reference: String::new(),
        });
    }
    let mut credit_order: Vec<usize> = (0..credits.len()).collect();
    crate::sort::by_key(&mut credit_order, |&c| (credits[c].date, c));
    let mut seq: (i32, u32) = (0, 0);
    for c in credit_order {
        let p = &credits[c];
        let target = &invoices[p.target];
        if seq.0 != p.date.year() {
            seq = (p.date.year(), 0);
        }
        seq.1 += 1;
        let id = InvoiceId(u32::try_from(out_invoices.len() + 1).unwrap_or(u32::MAX));
        out_invoices.push(Invoice {
            id,
            number: format!("C{}-{:05}", seq.0, seq.1),
            customer: customer_id(target.customer),
            date: p.date,
            due: p.date,
            amount: Money::eur(cents(p.cents)),
            description: format!("Creditnota op factuur {}", numbers[p.target]),
            margin: None,
            credits: Some(ids[p.target]),
            reference: numbers[p.target].clone(),
        });
    }

    let mut pay_order: Vec<usize> = (0..payments.len()).collect();
    crate::sort::by_key(&mut pay_order, |&p| (payments[p].date, p));
    let out_payments: Vec<Payment> = pay_order
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            let p = &payments[p];
            let allocations: Vec<Allocation> =
                p.allocations.iter().map(|(i, a)| Allocation { invoice: ids[*i], amount: cents(*a) }).collect();
            let total: i64 = p.allocations.iter().map(|a| a.1).sum::<i64>() + p.extra;
            let c = &customers[p.customer];
            let mut payment = Payment::new(customer_id(p.customer), p.date, Money::eur(cents(total)), allocations)
                .expect("positive allocations within the payment");
            payment.id = PaymentId(u32::try_from(n + 1).unwrap_or(u32::MAX));
            let paid: Vec<&str> = p.allocations.iter().map(|(i, _)| numbers[*i].as_str()).collect();
            payment.reference = format!("Factuur {}", paid.join(" "));
            payment.payer_name = c.name.to_uppercase();
            payment.payer_iban.clone_from(&c.iban);
            payment
        })
        .collect();

    let mut event_order: Vec<usize> = (0..events.len()).collect();
    crate::sort::by_key(&mut event_order, |&e| (events[e].date, e));
    let out_events: Vec<Event> = event_order
        .into_iter()
        .enumerate()
        .map(|(n, e)| {
            let e = &events[e];
            Event {
                id: EventId(u32::try_from(n + 1).unwrap_or(u32::MAX)),
                customer: customer_id(e.customer),
                invoice: e.invoice.map(|i| ids[i]),
                date: e.date,
                kind: e.kind.clone(),
                note: e.note.clone(),
            }
        })
        .collect();

    let company = crate::domain::Company {
        name: "Groothandel Noorderzon B.V.".into(),
        address: Address { street: "Industrieweg 12".into(), postcode: "9723 JD".into(), city: "Groningen".into() },
        iban: iban("NL", "RABO0123456789"),
        kvk_number: "12345678".into(),
        vat_number: "NL123456782B01".into(),
        ..crate::domain::Company::default()
    };
    LedgerParts {
        company,
        settings: crate::domain::LedgerSettings::default(),
        customers,
        invoices: out_invoices,
        payments: out_payments,
        events: out_events,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::{normalize_iban, InvoiceStatus};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    #[test]
    fn same_seed_same_ledger() {
        let a = generate(7, 40, 600, today());
        let b = generate(7, 40, 600, today());
        assert_eq!(a.to_parts(), b.to_parts());
        assert_ne!(a.to_parts(), generate(8, 40, 600, today()).to_parts(), "another seed, another ledger");
    }

    #[test]
    fn sizes_are_as_asked_and_rules_hold() {
        for (seed, customers, invoices) in [(1, 1, 1), (2, 3, 0), (3, 5, 200), (4, 60, 1500), (5, 200, 150), (6, 0, 10)] {
            let l = generate(seed, customers, invoices, today());
            assert_eq!(l.customers().len(), customers, "{customers}/{invoices}");
            let expected = if customers == 0 { 0 } else { invoices };
            assert_eq!(l.invoices().filter(|i| !i.is_credit_note()).count(), expected, "{customers}/{invoices}");
            assert!(l.indexes_are_consistent());
            assert!(Ledger::from_parts(l.to_parts()).is_ok());
            assert!(l.invoices().all(|i| i.date <= today()));
            assert!(l.payments().all(|p| p.date <= today()));
            assert!(l.events().all(|e| e.date <= today()));
        }
    }

    #[test]
    fn a_realistic_mix() {
        let l = generate(11, 500, 10_000, today());
        let cs: Vec<&Customer> = l.customers().collect();
        assert!(cs.iter().all(|c| normalize_iban(&c.iban).as_deref() == Ok(c.iban.as_str())), "IBANs are valid");
        assert!(cs.iter().any(|c| c.kind == CustomerKind::Consumer && c.country == Country::Be));
        assert!(cs.iter().any(|c| c.kind == CustomerKind::Business && c.country == Country::Nl));
        let sizes: HashSet<Option<SizeClass>> = cs.iter().map(|c| c.size_class).collect();
        assert_eq!(sizes.len(), 4, "every size class and consumers");
        assert!(cs.iter().filter(|c| !c.scores.is_empty()).count() > 50);
        assert!(cs.iter().filter(|c| c.sector.is_empty()).count() < cs.len() / 4);
        let numbers: HashSet<&str> = cs.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers.len(), cs.len());

        let balances = l.balances();
        let statuses: HashSet<InvoiceStatus> = balances.values().map(|b| b.status()).collect();
        for s in [InvoiceStatus::Open, InvoiceStatus::PartlyPaid, InvoiceStatus::Paid, InvoiceStatus::Credited, InvoiceStatus::Disputed, InvoiceStatus::WrittenOff] {
            assert!(statuses.contains(&s), "no invoice is {s:?}");
        }
        let paid = balances.values().filter(|b| b.status() == InvoiceStatus::Paid).count();
        assert!(paid * 10 >= balances.len() * 7, "most invoices are paid ({paid} of {})", balances.len());
        let credit_notes = l.invoices().filter(|i| i.is_credit_note()).count();
        assert!((100..=600).contains(&credit_notes), "{credit_notes} credit notes");
        assert!(l.payments().any(|p| p.allocations().len() >= 2), "batch payments");
        assert!(l.payments().any(|p| p.unallocated() > Decimal::ZERO), "an unallocated rest");

        // Most paid on time, some late.
        let (mut on_time, mut late) = (0, 0);
        for p in l.payments() {
            for a in p.allocations() {
                let due = l.invoice(a.invoice).unwrap().due;
                if p.date <= due + Duration::days(5) {
                    on_time += 1;
                } else if p.date > due + Duration::days(30) {
                    late += 1;
                }
            }
        }
        assert!(on_time > late * 2 && late > 200, "on time {on_time}, late {late}");

        // Skewed amounts: the median well below the mean.
        let mut amounts: Vec<Decimal> = l.invoices().filter(|i| !i.is_credit_note()).map(|i| i.amount.amount).collect();
        crate::sort::ascending(&mut amounts);
        let mean = amounts.iter().copied().sum::<Decimal>() / Decimal::from(amounts.len());
        assert!(amounts[amounts.len() / 2] * Decimal::TWO < mean);

        let kinds: HashSet<crate::domain::EventType> = l.events().map(|e| e.kind.event_type()).collect();
        use crate::domain::EventType as T;
        for t in [T::DunningDone, T::Contact, T::Excuse, T::Promise, T::DisputeOpened, T::DisputeResolved, T::ExtensionRequest, T::Order, T::WrittenOff, T::LimitSet] {
            assert!(kinds.contains(&t), "no {t:?} in the diary");
        }
        // Promises kept and broken.
        let (mut kept, mut broken) = (0, 0);
        for e in l.events() {
            if let (EventKind::Promise { amount, date }, Some(inv)) = (&e.kind, e.invoice) {
                let paid: Decimal = l
                    .payments()
                    .filter(|p| p.date >= e.date && p.date <= *date)
                    .flat_map(|p| p.allocations().iter().filter(|a| a.invoice == inv).map(|a| a.amount))
                    .sum();
                if paid >= *amount {
                    kept += 1;
                } else if *date < today() {
                    broken += 1;
                }
            }
        }
        assert!(kept >= 5 && broken >= 5, "kept {kept}, broken {broken}");
        // Two years of history.
        let oldest = l.invoices().map(|i| i.date).min().unwrap();
        assert!((today() - oldest).num_days() >= 700);
    }

    #[test]
    fn apportion_is_exact() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[0, 5, 0]), vec![0, 7, 0]);
        assert_eq!(apportion(5, &[0, 0]), vec![0, 0]);
        assert_eq!(apportion(100_000, &[3, 1_000_000, 7]).iter().sum::<usize>(), 100_000);
    }
}
