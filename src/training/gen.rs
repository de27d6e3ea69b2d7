//! The seeded generator of the scenario ledgers: names, numbers and amounts come from the seed,
//! the story (which day what happens) from the scenario. Every record goes through the `Ledger`
//! API, so every invariant holds; history is dated before `start`, the script from day 1 on.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use super::{
    Expectation, Milestone, PayTarget, Reaction, Scenario, ScenarioLedger, Scripted, ScriptedEvent, Trigger,
};
use crate::domain::{
    round_cents, Address, Allocation, Channel, Country, Customer, CustomerId, CustomerKind, Event, EventKind,
    ExcuseCategory, Invoice, InvoiceId, Ledger, Margin, Money, Payment, RateRow, RateTableKind, ScoreEntry, SizeClass,
    StepKind,
};
use crate::engine::law;
use crate::seeded::{be_iban, be_vat, nl_iban, nl_vat, Rng};
use crate::engine::risk::phase::Phase;
use crate::engine::risk::signals::SignalKind;

// ----- randomness and identifiers with real check digits -----

/// The random stream of a scenario: each draws from its own, so adding a draw to one story
/// leaves the names of the others as they were.
pub(super) fn stream(seed: u64, scenario: Scenario) -> Rng {
    let salt = scenario.key().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    Rng(seed ^ salt)
}

// ----- names -----

const FIRST_NL: [&str; 16] = [
    "Anouk", "Sanne", "Lotte", "Femke", "Iris", "Eva", "Marloes", "Inge", "Joris", "Daan", "Bram", "Thijs", "Ruben",
    "Koen", "Maarten", "Wouter",
];
const SURNAME_NL: [&str; 20] = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
];
const FIRST_BE: [&str; 10] = ["Lien", "Jens", "Wout", "Elke", "Pieter-Jan", "Hanne", "Arne", "Griet", "Stijn", "Sofie"];
const SURNAME_BE: [&str; 12] = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Vermeersch", "Van Damme",
];
const STREETS: [&str; 12] = [
    "Stationsstraat", "Kerkstraat", "Dorpsstraat", "Molenweg", "Industrieweg", "Havenkade", "Marktstraat",
    "Nieuwstraat", "Schoolstraat", "Julianalaan", "Beatrixstraat", "Kanaalweg",
];
/// Customers' towns: (town, area code, first two postcode digits). None is a company town below,
/// so no customer is "nearby" and the visit step never applies.
const NL_TOWNS: [(&str, &str, &str); 10] = [
    ("Tilburg", "013", "50"),
    ("Breda", "076", "48"),
    ("Apeldoorn", "055", "73"),
    ("Arnhem", "026", "68"),
    ("Nijmegen", "024", "65"),
    ("Enschede", "053", "75"),
    ("Alkmaar", "072", "18"),
    ("Gouda", "0182", "28"),
    ("Delft", "015", "26"),
    ("Hengelo", "074", "75"),
];
const BE_TOWNS: [(&str, &str, &str); 6] = [
    ("Gent", "09", "9000"),
    ("Brugge", "050", "8000"),
    ("Leuven", "016", "3000"),
    ("Mechelen", "015", "2800"),
    ("Hasselt", "011", "3500"),
    ("Kortrijk", "056", "8500"),
];
/// The trainee's own company: (name, e-mail domain, town, area code, postcode digits).
const COMPANIES: [(&str, &str, &str, &str, &str); 6] = [
    ("Studio Zuiderlicht", "studiozuiderlicht.nl", "Utrecht", "030", "35"),
    ("Ontwerpbureau Molenwiek", "molenwiek.nl", "Amersfoort", "033", "38"),
    ("Fotostudio De Kade", "fotostudiodekade.nl", "Zwolle", "038", "80"),
    ("Webbureau Vlieland & Co", "webbureauvlieland.nl", "Haarlem", "023", "20"),
    ("Tekstbureau Taalbrug", "taalbrug.nl", "Leiden", "071", "23"),
    ("Drukwerkstudio Van Leeuwen", "drukwerkstudio.nl", "Deventer", "0570", "74"),
];
const NL_BANKS: [&str; 6] = ["RABO", "INGB", "ABNA", "TRIO", "KNAB", "SNSB"];
const BE_BANKS: [&str; 5] = ["001", "063", "068", "363", "735"];

/// Lower-case letters and digits only, for e-mail addresses.
fn slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ë' => 'e',
            'ï' => 'i',
            'ö' => 'o',
            c => c,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Whole euros with cents (`1000.00`).
fn dec(units: i64) -> Decimal {
    Decimal::new(units * 100, 2)
}

/// Dutch VAT (21%) on top of a price, rounded to cents.
fn with_vat(base: Decimal) -> Decimal {
    round_cents(base * Decimal::new(121, 2))
}

/// The training ledger's own rate rows: each statutory table continued from its last shipped
/// rate, per half year, through `until`, so that every claim of a scenario can be computed. As in
/// the demo, the source says plainly that these are assumptions.
fn training_rates(until: NaiveDate) -> Vec<RateRow> {
    let mut rows = Vec::new();
    for kind in RateTableKind::ALL {
        let Some((last, _)) = law::rates::table(kind, &[]).into_iter().last() else { continue };
        let mut from = last.to + Duration::days(1);
        while from <= until {
            let (end_month, end_day) = if from.month() <= 6 { (6, 30) } else { (12, 31) };
            let to = NaiveDate::from_ymd_opt(from.year(), end_month, end_day).unwrap_or(from);
            rows.push(RateRow {
                table: kind,
                from,
                to,
                rate: last.rate,
                source: "Training: aangenomen gelijk aan de laatst bekende rente, geen officieel cijfer".into(),
            });
            from = to + Duration::days(1);
        }
    }
    rows
}

// ----- the builder -----

/// Who the scenario's customer is.
struct Who {
    name: String,
    consumer: bool,
    belgian: bool,
    sector: &'static str,
    size: Option<SizeClass>,
    term: u16,
    profile: &'static str,
}

struct B {
    scenario: Scenario,
    seed: u64,
    rng: Rng,
    start: NaiveDate,
    ledger: Ledger,
    customer: CustomerId,
    belgian_business: bool,
    /// Invoice numbers are given in date order: history first, then the script.
    next_number: u32,
    history_events: Vec<Event>,
    script: Vec<Scripted>,
    reactions: Vec<Reaction>,
    milestones: Vec<Milestone>,
}

impl B {
    fn new(scenario: Scenario, seed: u64, start: NaiveDate) -> B {
        let mut rng = stream(seed, scenario);
        let mut ledger = Ledger::new();
        let (name, domain, town, area, pc) = *rng.pick(&COMPANIES);
        ledger.company.name = name.into();
        ledger.company.address = Address {
            street: format!("{} {}", rng.pick(&STREETS), rng.range(1, 140)),
            postcode: format!("{pc}{} {}", rng.digits(2), rng.letters(2)),
            city: town.into(),
        };
        let bank = *rng.pick(&NL_BANKS);
        ledger.company.iban = nl_iban(&mut rng, bank);
        ledger.company.kvk_number = format!("{}{}", rng.range(1, 9), rng.digits(7));
        ledger.company.vat_number = nl_vat(&mut rng);
        ledger.company.email = format!("administratie@{domain}");
        ledger.company.phone = format!("{area} {} {}", rng.digits(3), rng.digits(4));
        B {
            scenario,
            seed,
            next_number: u32::try_from(rng.range(120, 480)).unwrap_or(120),
            rng,
            start,
            ledger,
            customer: CustomerId(0),
            belgian_business: false,
            history_events: Vec::new(),
            script: Vec::new(),
            reactions: Vec::new(),
            milestones: Vec::new(),
        }
    }

    fn day(&self, d: i64) -> NaiveDate {
        self.start + Duration::days(d)
    }

    /// A Dutch or Belgian person's name.
    fn person(&mut self, belgian: bool) -> (String, String) {
        if belgian {
            (self.rng.pick(&FIRST_BE).to_string(), self.rng.pick(&SURNAME_BE).to_string())
        } else {
            (self.rng.pick(&FIRST_NL).to_string(), self.rng.pick(&SURNAME_NL).to_string())
        }
    }

    /// A surname as it starts a business name ("van Dijk" -> "Van Dijk").
    fn capitalised(surname: &str) -> String {
        let mut c = surname.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    }

    /// Adds the scenario's customer with contact data, IBAN and VAT number from the seed.
    fn add_customer(&mut self, who: Who, contact: (String, String)) -> Result<(), crate::domain::DomainError> {
        let mut c = Customer::new(format!("D{}", self.rng.range(1001, 4999)), who.name.clone());
        c.kind = if who.consumer { CustomerKind::Consumer } else { CustomerKind::Business };
        c.country = if who.belgian { Country::Be } else { Country::Nl };
        c.sector = who.sector.into();
        c.size_class = who.size;
        c.payment_term_days = who.term;
        c.profile = who.profile.into();
        let street = format!("{} {}", self.rng.pick(&STREETS), self.rng.range(1, 220));
        if who.belgian {
            let (town, area, pc) = *self.rng.pick(&BE_TOWNS);
            c.address = Address { street, postcode: pc.into(), city: town.into() };
            c.phone = format!("+32 {} {} {} {}", area.trim_start_matches('0'), self.rng.digits(3), self.rng.digits(2), self.rng.digits(2));
            let bank = *self.rng.pick(&BE_BANKS);
            c.iban = be_iban(&mut self.rng, bank);
        } else {
            let (town, area, pc) = *self.rng.pick(&NL_TOWNS);
            c.address = Address { street, postcode: format!("{pc}{} {}", self.rng.digits(2), self.rng.letters(2)), city: town.into() };
            c.phone = if who.consumer {
                format!("06 {} {}", self.rng.digits(4), self.rng.digits(4))
            } else {
                format!("{area} {} {}", self.rng.digits(3), self.rng.digits(4))
            };
            let bank = *self.rng.pick(&NL_BANKS);
            c.iban = nl_iban(&mut self.rng, bank);
        }
        let (first, surname) = contact;
        if who.consumer {
            c.email = format!("{}.{}@{}", slug(&first), slug(&surname), if who.belgian { "telenet.be" } else { "gmail.com" });
        } else {
            c.contact_person = format!("{first} {surname}");
            let core: String = who.name.split_whitespace().filter(|w| !matches!(*w, "B.V." | "BV" | "&" | "Zn." | "bv")).collect::<Vec<_>>().join("");
            c.email = format!("administratie@{}.{}", slug(&core), if who.belgian { "be" } else { "nl" });
            c.vat_number = if who.belgian { be_vat(&mut self.rng) } else { nl_vat(&mut self.rng) };
        }
        self.belgian_business = who.belgian && !who.consumer;
        self.customer = self.ledger.add_customer(c)?;
        Ok(())
    }

    fn number(&mut self, date: NaiveDate) -> String {
        let n = self.next_number;
        self.next_number += 1;
        format!("{}-{n:04}", date.year())
    }

    /// The amount invoiced for work worth `base` before VAT: Belgian businesses get the VAT
    /// reverse-charged, everyone else pays 21% Dutch VAT.
    fn gross(&self, base: Decimal) -> Decimal {
        if self.belgian_business {
            base
        } else {
            with_vat(base)
        }
    }

    fn describe(&self, text: &str) -> String {
        if self.belgian_business {
            format!("{text} — btw verlegd")
        } else {
            text.to_string()
        }
    }

    /// An invoice in the history (dated before `start`).
    fn invoice(&mut self, day: i64, base: Decimal, text: &str) -> Result<InvoiceId, crate::domain::DomainError> {
        let date = self.day(day);
        let number = self.number(date);
        let term = self.ledger.customer(self.customer).map_or(30, |c| c.payment_term_days);
        let mut inv = Invoice::new(number, self.customer, date, term, Money::eur(self.gross(base)));
        inv.description = self.describe(text);
        inv.margin = Some(Margin::Percent(Decimal::from(self.rng.range(35, 50))));
        self.ledger.add_invoice(inv)
    }

    /// Pays an invoice of the history in full on `day`.
    fn pay_full(&mut self, id: InvoiceId, day: i64) -> Result<(), crate::domain::DomainError> {
        let open = self.ledger.balance(id).map_or(Decimal::ZERO, |b| b.open());
        let number = self.ledger.invoice(id).map(|i| i.number.clone()).unwrap_or_default();
        let mut p = Payment::new(self.customer, self.day(day), Money::eur(open), vec![Allocation { invoice: id, amount: open }])?;
        let c = self.ledger.customer(self.customer);
        p.payer_name = c.map(|c| c.name.to_uppercase()).unwrap_or_default();
        p.payer_iban = c.map(|c| c.iban.clone()).unwrap_or_default();
        p.reference = format!("Factuur {number}");
        self.ledger.add_payment(p)?;
        Ok(())
    }

    fn history(&mut self, day: i64, invoice: Option<InvoiceId>, kind: EventKind, note: &str) {
        let mut e = Event::new(self.customer, invoice, self.day(day), kind);
        e.note = note.into();
        self.history_events.push(e);
    }

    /// An invoice sent in the script on `day`; returns its number.
    fn script_invoice(&mut self, day: i64, base: Decimal, text: &str) -> String {
        let number = self.number(self.day(day));
        let term = self.ledger.customer(self.customer).map_or(30, |c| c.payment_term_days);
        let what = ScriptedEvent::Invoice { number: number.clone(), amount: self.gross(base), term_days: term, description: self.describe(text) };
        self.at(day, what);
        number
    }

    fn at(&mut self, day: i64, what: ScriptedEvent) {
        self.script.push(Scripted { day, what });
    }

    fn react(&mut self, on: Trigger, after_days: i64, what: ScriptedEvent) {
        self.reactions.push(Reaction { on, after_days, what });
    }

    fn expect(&mut self, day: i64, expect: Expectation, absent_on: Option<i64>) {
        self.milestones.push(Milestone { day, expect, absent_on });
    }

    /// A day of the month no later than the 28th, `back` days or a little more before `start`:
    /// monthly dates counted from it keep their day, so every window of three calendar months
    /// (how signal 3 measures) holds exactly three of them.
    fn anchor(&self, back: i64) -> NaiveDate {
        let mut a = self.day(-back);
        while a.day() > 28 {
            a = a.pred_opt().unwrap_or(a);
        }
        a
    }

    /// The date `months` months after `date` (before when negative).
    fn months(date: NaiveDate, months: i32) -> NaiveDate {
        let m = chrono::Months::new(months.unsigned_abs());
        if months >= 0 { date.checked_add_months(m) } else { date.checked_sub_months(m) }.unwrap_or(date)
    }

    /// Orders of about `level` euros every month, from `back` months before `start` to the end
    /// of the story: a customer who keeps buying as before (signal 3 stays quiet).
    fn steady_orders(&mut self, level: i64, back: i32) {
        let through = length(self.scenario);
        let anchor = self.anchor(3);
        for k in -back..=4 {
            let date = B::months(anchor, k);
            let day = (date - self.start).num_days();
            if day > through {
                break;
            }
            let amount = dec(level * self.rng.range(98, 102) / 100);
            if day < 0 {
                self.history(day, None, EventKind::Order { amount }, "Opdracht bevestigd.");
            } else {
                self.at(day, ScriptedEvent::Order { amount, note: note("Opdracht bevestigd.") });
            }
        }
    }

    fn number_of(&self, id: InvoiceId) -> String {
        self.ledger.invoice(id).map(|i| i.number.clone()).unwrap_or_default()
    }

    fn finish(mut self) -> Result<ScenarioLedger, crate::domain::DomainError> {
        let length_days = length(self.scenario);
        self.ledger.settings.law.rates = training_rates(self.day(length_days + 366));
        let mut events = std::mem::take(&mut self.history_events);
        crate::sort::by_key(&mut events, |e| e.date);
        for e in events {
            if matches!(e.kind, EventKind::LimitSet { .. }) {
                self.ledger.set_limit(e)?;
            } else {
                self.ledger.add_event(e)?;
            }
        }
        crate::sort::by_key(&mut self.script, |s| s.day);
        crate::sort::by_key(&mut self.milestones, |m| m.day);
        Ok(ScenarioLedger {
            scenario: self.scenario,
            seed: self.seed,
            start: self.start,
            customer: self.customer,
            ledger_at_start: self.ledger,
            script: self.script,
            reactions: self.reactions,
            length_days,
            milestones: self.milestones,
        })
    }
}

fn note(s: &str) -> String {
    s.to_string()
}

fn step(kind: StepKind) -> Trigger {
    Trigger::Step { kind, invoice: None }
}

/// The unanswered contact that follows a step the customer ignores.
fn silence(channel: Channel, text: &str) -> ScriptedEvent {
    ScriptedEvent::NoResponse { channel, invoice: None, note: note(text) }
}

pub(super) fn build(scenario: Scenario, seed: u64, start: NaiveDate) -> Result<ScenarioLedger, crate::domain::DomainError> {
    let mut b = B::new(scenario, seed, start);
    match scenario {
        Scenario::NewCustomerNeverPays => new_customer(&mut b)?,
        Scenario::GoodCustomerBuysLess => buying_less(&mut b)?,
        Scenario::Excuses => excuses(&mut b)?,
        Scenario::BrokenPromises => broken_promises(&mut b)?,
        Scenario::LingeringDispute => dispute(&mut b)?,
        Scenario::ConsumerFourteenDayLetter => consumer(&mut b)?,
        Scenario::BelgianCustomer => belgian(&mut b)?,
    }
    b.finish()
}

/// The last day of each story.
fn length(scenario: Scenario) -> i64 {
    match scenario {
        Scenario::NewCustomerNeverPays => 65,
        Scenario::GoodCustomerBuysLess => 70,
        Scenario::Excuses => 45,
        Scenario::BrokenPromises => 50,
        Scenario::LingeringDispute => 60,
        Scenario::ConsumerFourteenDayLetter => 75,
        Scenario::BelgianCustomer => 75,
    }
}

type R = Result<(), crate::domain::DomainError>;

/// Seed 000, monitoring: a new customer, checked and accepted, whose first invoice is never paid.
/// Every call and letter goes unanswered; the claim ends with the collection agency.
fn new_customer(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let trade = *b.rng.pick(&[
        ("Schildersbedrijf", "43.34 Schilders- en glaszetbedrijven", "Schilderwerk kozijnen en gevel"),
        ("Klussenbedrijf", "43.39 Overige afwerking van gebouwen", "Renovatie badkamer, arbeid en materiaal"),
        ("Hoveniersbedrijf", "81.30 Hoveniers", "Aanleg tuin en bestrating"),
    ]);
    let name = format!("{} {}", trade.0, B::capitalised(&surname));
    let who = Who { name, consumer: false, belgian: false, sector: trade.1, size: Some(SizeClass::Small), term: 14, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let order = dec(b.rng.range(18, 38) * 50);
    let score = u8::try_from(b.rng.range(52, 64)).unwrap_or(58);
    if let Some(mut c) = b.ledger.customer(b.customer).cloned() {
        c.scores = vec![ScoreEntry { date: b.day(-7), score, source: "Graydon".into() }];
        b.ledger.update_customer(c)?;
    }
    let limit = dec(b.rng.range(5, 8) * 500);
    b.history(
        -6,
        None,
        EventKind::LimitSet { limit: Some(limit), by: b.ledger.company.name.clone() },
        &format!("Kredietcheck voor de eerste opdracht: score {score} (Graydon), nieuwe klant; limiet afgesproken."),
    );
    b.history(-5, None, EventKind::Order { amount: order }, "Eerste opdracht bevestigd per e-mail.");
    b.script_invoice(1, order, trade.2);
    let second = dec(b.rng.range(8, 16) * 50);
    b.at(9, ScriptedEvent::Order { amount: second, note: note("Vraagt alvast een tweede klus aan, terwijl de eerste factuur nog openstaat.") });
    b.react(step(StepKind::DueDateCall), 0, silence(Channel::Phone, "Gebeld op de vervaldag: niet opgenomen."));
    b.react(step(StepKind::Reminder), 5, silence(Channel::Email, "Geen reactie op de herinnering."));
    b.react(step(StepKind::FirstDunning), 5, silence(Channel::Email, "Geen reactie op de aanmaning."));
    b.react(step(StepKind::Call), 0, silence(Channel::Phone, "Gebeld: voicemail, niet teruggebeld."));
    b.expect(0, Expectation::Phase(Phase::Acceptance), None);
    b.expect(1, Expectation::Phase(Phase::Monitoring), Some(0));
    b.expect(4, Expectation::Action(StepKind::InvoiceFollowUp), Some(3));
    b.expect(15, Expectation::Action(StepKind::DueDateCall), Some(14));
    b.expect(16, Expectation::Phase(Phase::Management), Some(15));
    b.expect(16, Expectation::Claim { costs_allowed: true }, Some(15));
    b.expect(35, Expectation::Signal(SignalKind::NoCommunication), Some(34));
    b.expect(50, Expectation::Action(StepKind::FinalNotice), Some(49));
    b.expect(58, Expectation::Action(StepKind::HandOver), Some(57));
    b.expect(59, Expectation::Phase(Phase::Collection), Some(58));
    Ok(())
}

/// Seed 003, signals 3 and 6: a customer who paid early for a year orders a tenth of what they
/// used to and asks twice for more time.
fn buying_less(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let trade = *b.rng.pick(&[
        ("Delicatessenzaak", "47.29 Overige winkels in voedings- en genotmiddelen", "Etiketten en schapkaarten"),
        ("Wijnhandel", "47.25 Winkels in dranken", "Ontwerp wijnkaart en mailing"),
        ("Bloemisterij", "47.76 Winkels in bloemen en planten", "Social media en folders"),
    ]);
    let name = format!("{} {}", trade.0, B::capitalised(&surname));
    let who = Who { name, consumer: false, belgian: false, sector: trade.1, size: Some(SizeClass::Small), term: 30, profile: "goede-betalers" };
    b.add_customer(who, (first, surname))?;
    if let Some(mut c) = b.ledger.customer(b.customer).cloned() {
        c.scores = vec![
            ScoreEntry { date: b.day(-300), score: 78, source: "Graydon".into() },
            ScoreEntry { date: b.day(-40), score: u8::try_from(b.rng.range(70, 76)).unwrap_or(72), source: "Graydon".into() },
        ];
        c.credit_limit = Some(dec(5000));
        b.ledger.update_customer(c)?;
    }
    // Monthly orders of about the same size for fifteen months, on the same day of the month,
    // each invoiced and paid a few days early.
    let level = b.rng.range(60, 140) * 10;
    let anchor = b.anchor(27);
    for k in (0..=14).rev() {
        let day = (B::months(anchor, -k) - b.start).num_days();
        let amount = dec(level * b.rng.range(98, 102) / 100);
        b.history(day, None, EventKind::Order { amount }, "Maandopdracht bevestigd.");
        let inv = b.invoice(day, amount, trade.2)?;
        let early = b.rng.range(2, 6);
        b.pay_full(inv, (day + 30 - early).min(-1))?;
    }
    // From now on a tenth of that, still monthly: the second small order is the day the last
    // three months fall below 60% of the three before (and of the same months a year ago).
    let month = |k: i32| (B::months(anchor, k) - b.start).num_days();
    let (x_day, y_day, z_day) = (month(1), month(2), month(3));
    let small = |b: &mut B| dec(level * b.rng.range(8, 11) / 100);
    let a1 = small(b);
    b.at(x_day, ScriptedEvent::Order { amount: a1, note: note("Kleine opdracht: 'het is rustig, we doen even minder'.") });
    let x = b.script_invoice(x_day, a1, trade.2);
    b.at(12, ScriptedEvent::ExtensionRequest { invoice: Some(x.clone()), days: 30, note: note("Vraagt 30 dagen extra: de omzet valt tegen.") });
    let a2 = small(b);
    b.at(y_day, ScriptedEvent::Order { amount: a2, note: note("Weer een kleine opdracht.") });
    let y = b.script_invoice(y_day, a2, trade.2);
    b.at(40, ScriptedEvent::ExtensionRequest { invoice: Some(y), days: 45, note: note("Vraagt opnieuw uitstel, nu 45 dagen.") });
    let a3 = small(b);
    b.at(z_day, ScriptedEvent::Order { amount: a3, note: note("Opnieuw een kleine opdracht.") });
    b.script_invoice(z_day, a3, trade.2);
    b.react(Trigger::Step { kind: StepKind::Reminder, invoice: Some(x.clone()) }, 2, ScriptedEvent::Pay {
        target: PayTarget::Invoice(x),
        amount: None,
        reference: note("Excuus, vergeten: factuur {inv}"),
    });
    b.expect(0, Expectation::Phase(Phase::Monitoring), None);
    b.expect(y_day, Expectation::Signal(SignalKind::BuyingLess), Some(y_day - 1));
    b.expect(x_day + 31, Expectation::Phase(Phase::Management), Some(x_day + 30));
    b.expect(40, Expectation::Signal(SignalKind::LongerTerms), Some(39));
    // Good payers get their reminder ten days after the due date, not seven.
    b.expect(x_day + 40, Expectation::Action(StepKind::Reminder), Some(x_day + 39));
    b.expect(x_day + 42, Expectation::Phase(Phase::Monitoring), Some(x_day + 41));
    Ok(())
}

/// Seed 003 signal 2 and seed 001 #5: the same excuse again and again; a firm, polite call gets
/// the money.
fn excuses(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let trade = *b.rng.pick(&[
        ("Installatiebedrijf", "43.22 Loodgieters en installateurs", "Fotografie projectreportage"),
        ("Transportbedrijf", "49.41 Goederenvervoer over de weg", "Belettering vrachtwagens (ontwerp)"),
        ("Autobedrijf", "45.20 Onderhoud en reparatie van auto's", "Advertentiecampagne occasions"),
    ]);
    let name = format!("{} {} B.V.", trade.0, B::capitalised(&surname));
    let who = Who { name, consumer: false, belgian: false, sector: trade.1, size: Some(SizeClass::Medium), term: 30, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let level = b.rng.range(60, 120) * 10;
    b.steady_orders(level, 8);
    // A year of invoices, paid a little late but paid.
    let mut day = -330;
    while day < -60 {
        let (amount, late) = (dec(b.rng.range(8, 30) * 50), b.rng.range(0, 8));
        let inv = b.invoice(day, amount, trade.2)?;
        b.pay_full(inv, day + 30 + late)?;
        day += b.rng.range(45, 60);
    }
    let (x, y) = (dec(b.rng.range(14, 28) * 50), dec(b.rng.range(6, 16) * 50));
    let a = b.invoice(-25, x, trade.2)?;
    let bb = b.invoice(-5, y, "Website onderhoud")?;
    let (a, bb) = (b.number_of(a), b.number_of(bb));
    b.at(6, ScriptedEvent::Excuse { invoice: Some(a.clone()), category: ExcuseCategory::InvoiceNotReceived, note: note("Zegt de factuur niet te hebben ontvangen; opnieuw gemaild.") });
    b.at(14, ScriptedEvent::Excuse { invoice: Some(a), category: ExcuseCategory::ApprovalPending, note: note("Nu ligt de factuur 'ter goedkeuring bij de directeur'.") });
    b.at(26, ScriptedEvent::Excuse { invoice: Some(bb), category: ExcuseCategory::InvoiceNotReceived, note: note("Ook deze factuur zou nooit zijn aangekomen.") });
    b.react(step(StepKind::Call), 3, ScriptedEvent::Pay { target: PayTarget::AllOpen, amount: None, reference: note("Betaling facturen {inv}") });
    b.expect(5, Expectation::Action(StepKind::DueDateCall), Some(4));
    b.expect(6, Expectation::Phase(Phase::Management), Some(5));
    b.expect(12, Expectation::Action(StepKind::Reminder), Some(11));
    b.expect(26, Expectation::Signal(SignalKind::RecurringExcuses), Some(25));
    b.expect(28, Expectation::Action(StepKind::Call), Some(27));
    b.expect(31, Expectation::Paid, Some(30));
    Ok(())
}

/// Seed 001 #7-8 and seed 003 signal 4: a promise broken, a call after three days, a second
/// promise (ask for a copy of the transfer), round part payments, and the final letter.
fn broken_promises(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let trade = *b.rng.pick(&[
        ("Garagebedrijf", "45.20 Onderhoud en reparatie van auto's", "Nieuwe website en fotografie showroom"),
        ("Restaurant", "56.10 Restaurants", "Ontwerp menukaarten en huisstijl"),
        ("Fietsenwinkel", "47.64 Winkels in sportartikelen", "Productfotografie e-bikes"),
    ]);
    let name = format!("{} {}", trade.0, B::capitalised(&surname));
    let who = Who { name, consumer: false, belgian: false, sector: trade.1, size: Some(SizeClass::Small), term: 30, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let level = b.rng.range(60, 120) * 10;
    b.steady_orders(level, 8);
    let mut day = -300;
    while day < -90 {
        let (amount, late) = (dec(b.rng.range(6, 20) * 50), b.rng.range(-2, 6));
        let inv = b.invoice(day, amount, "Social media beheer")?;
        b.pay_full(inv, day + 30 + late)?;
        day += b.rng.range(50, 70);
    }
    let x = dec(b.rng.range(28, 40) * 50);
    let a = b.invoice(-45, x, trade.2)?;
    b.history(-8, Some(a), EventKind::DunningDone { step: StepKind::Reminder.key().into(), channel: Channel::Email }, "Herinnering per e-mail verstuurd.");
    let a = b.number_of(a);
    b.at(1, ScriptedEvent::Promise { invoice: Some(a.clone()), amount: None, in_days: 7, note: note("Belt zelf na de aanmaning: 'volgende week staat het op je rekening'.") });
    b.react(Trigger::PromiseBrokenCall, 1, ScriptedEvent::Promise {
        invoice: Some(a.clone()),
        amount: None,
        in_days: 6,
        note: note("Na het telefoontje een nieuwe belofte: 'vrijdag, echt'."),
    });
    b.at(18, ScriptedEvent::Pay { target: PayTarget::Invoice(a.clone()), amount: Some(dec(500)), reference: note("Deel {inv}") });
    b.react(step(StepKind::FinalNotice), 3, ScriptedEvent::Pay { target: PayTarget::Invoice(a.clone()), amount: Some(dec(500)), reference: note("Deelbetaling {inv}") });
    b.react(step(StepKind::HandOver), 10, ScriptedEvent::Pay { target: PayTarget::AllOpen, amount: None, reference: note("Restant {inv} via incassobureau") });
    b.expect(0, Expectation::Action(StepKind::FirstDunning), None);
    b.expect(9, Expectation::Signal(SignalKind::BrokenPromises), Some(8));
    b.expect(11, Expectation::BrokenPromiseCall, Some(10));
    b.expect(12, Expectation::ProofOfPayment, Some(11));
    // The second promise is broken too; the steps missed while the promises paused dunning are
    // overtaken by the final notice.
    b.expect(21, Expectation::BrokenPromiseCall, Some(20));
    b.expect(22, Expectation::Action(StepKind::FinalNotice), Some(21));
    b.expect(25, Expectation::Signal(SignalKind::RoundAmounts), Some(24));
    b.expect(30, Expectation::Action(StepKind::HandOver), Some(29));
    b.expect(31, Expectation::Phase(Phase::Collection), Some(30));
    b.expect(40, Expectation::Paid, Some(39));
    b.expect(40, Expectation::Phase(Phase::Acceptance), Some(39));
    Ok(())
}

/// Seed 003 signal 5: a dispute about the hours billed drags on; the disputed invoice is out of
/// the run, the other one is not; once resolved with a credit note, dunning resumes.
fn dispute(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let trade = *b.rng.pick(&[
        ("Architectenbureau", "71.11 Architecten"),
        ("Ingenieursbureau", "71.12 Ingenieurs en technisch ontwerp"),
        ("Adviesbureau", "70.22 Organisatie-adviesbureaus"),
    ]);
    let name = format!("{} {}", trade.0, B::capitalised(&surname));
    let who = Who { name, consumer: false, belgian: false, sector: trade.1, size: Some(SizeClass::Small), term: 30, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let level = b.rng.range(60, 120) * 10;
    b.steady_orders(level, 8);
    let mut day = -320;
    while day < -60 {
        let (amount, late) = (dec(b.rng.range(8, 24) * 50), b.rng.range(-3, 5));
        let inv = b.invoice(day, amount, "3D-visualisaties")?;
        b.pay_full(inv, day + 30 + late)?;
        day += b.rng.range(40, 55);
    }
    let rate = b.rng.range(85, 110);
    let hours = b.rng.range(12, 18);
    // The undisputed invoice is the older one: paying it is not skipping the disputed one.
    let y = dec(b.rng.range(6, 12) * 50);
    let bb = b.invoice(-25, y, "Ontwerp projectbord")?;
    let a = b.invoice(-20, dec(rate * hours), &format!("Architectuurfotografie en nabewerking, {hours} uur à € {rate}"))?;
    let (a, bb) = (b.number_of(a), b.number_of(bb));
    b.at(11, ScriptedEvent::Dispute { invoice: a.clone(), reason: format!("Aantal uren betwist: {} in plaats van {hours}", hours - 2) });
    b.at(50, ScriptedEvent::DisputeResolved { invoice: a.clone(), credit: Some(with_vat(dec(rate * 2))), note: note("Opgelost na overleg: twee uur gecrediteerd.") });
    b.react(Trigger::Step { kind: StepKind::Call, invoice: Some(bb.clone()) }, 3, ScriptedEvent::Pay { target: PayTarget::Invoice(bb), amount: None, reference: note("Factuur {inv}") });
    b.react(Trigger::Step { kind: StepKind::Reminder, invoice: Some(a.clone()) }, 2, ScriptedEvent::Pay { target: PayTarget::Invoice(a), amount: None, reference: note("Factuur {inv} minus creditnota") });
    b.expect(6, Expectation::Phase(Phase::Management), Some(5));
    b.expect(12, Expectation::Action(StepKind::Reminder), Some(11));
    b.expect(42, Expectation::Signal(SignalKind::LingeringDispute), Some(41));
    b.expect(50, Expectation::Action(StepKind::Reminder), Some(49));
    b.expect(52, Expectation::Paid, Some(51));
    Ok(())
}

/// DOMAIN.md section 7: a Dutch consumer; costs only after a valid 14-day letter and its 14 days;
/// the hand-over waits for them; paid in the end, the customer goes back to acceptance (seed 000).
fn consumer(b: &mut B) -> R {
    let (first, surname) = b.person(false);
    let name = format!("{first} {surname}");
    let who = Who { name, consumer: true, belgian: false, sector: "", size: None, term: 14, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let base = dec(b.rng.range(150, 400));
    let what = *b.rng.pick(&["Fotoshoot gezin en fotoboek", "Bruidsreportage, restant", "Portretsessie en afdrukken"]);
    b.invoice(-10, base, what)?;
    b.react(step(StepKind::HandOver), 14, ScriptedEvent::Pay { target: PayTarget::AllOpen, amount: None, reference: note("Via incassobureau: factuur {inv}") });
    b.expect(4, Expectation::Action(StepKind::DueDateCall), Some(3));
    b.expect(5, Expectation::Claim { costs_allowed: false }, Some(4));
    b.expect(39, Expectation::Action(StepKind::FinalNotice), Some(38));
    b.expect(40, Expectation::Claim { costs_allowed: false }, None);
    b.expect(56, Expectation::Claim { costs_allowed: true }, Some(55));
    b.expect(56, Expectation::Action(StepKind::HandOver), Some(55));
    b.expect(57, Expectation::Phase(Phase::Collection), Some(56));
    b.expect(70, Expectation::Paid, Some(69));
    b.expect(70, Expectation::Phase(Phase::Acceptance), Some(69));
    Ok(())
}

/// DOMAIN.md section 7, Belgium: a Belgian business owes interest and €40 per invoice from the day
/// after the due date, without notice. A good payer starts paying three weeks late (signal 7)
/// and then pays a newer invoice before an older one (signal 9, seed 001 #2).
fn belgian(b: &mut B) -> R {
    let (first, surname) = b.person(true);
    let trade = *b.rng.pick(&[
        ("Brouwerij", "11.05 Vervaardiging van bier", "Etiketontwerp seizoensbier"),
        ("Chocolaterie", "10.82 Vervaardiging van cacao en chocolade", "Verpakkingsontwerp pralines"),
        ("Bakkerij", "10.71 Vervaardiging van brood en vers banketbakkerswerk", "Fotografie assortiment"),
    ]);
    let name = format!("{} {} BV", trade.0, surname);
    let who = Who { name, consumer: false, belgian: true, sector: trade.1, size: Some(SizeClass::Medium), term: 30, profile: "standaard" };
    b.add_customer(who, (first, surname))?;
    let level = b.rng.range(60, 120) * 10;
    b.steady_orders(level, 8);
    // Ten invoices over a year, each paid on or just before the due date.
    let mut day = -390;
    for _ in 0..10 {
        let (amount, early) = (dec(b.rng.range(12, 40) * 50), b.rng.range(0, 2));
        let inv = b.invoice(day, amount, trade.2)?;
        b.pay_full(inv, day + 30 - early)?;
        day += 36;
    }
    let (x, y) = (dec(b.rng.range(16, 36) * 50), dec(b.rng.range(8, 20) * 50));
    let a = b.invoice(-20, x, trade.2)?;
    let bb = b.invoice(-5, y, "Ontwerp bierviltjes en tapborden")?;
    let (a, bb) = (b.number_of(a), b.number_of(bb));
    let (x, y) = (dec(b.rng.range(12, 30) * 50), dec(b.rng.range(6, 12) * 50));
    let c = b.script_invoice(10, x, "Productfotografie nieuw assortiment");
    let d = b.script_invoice(25, y, "Flyers proeverij");
    b.at(30, ScriptedEvent::Pay { target: PayTarget::Invoice(a), amount: None, reference: note("Factuur {inv}") });
    b.at(45, ScriptedEvent::Pay { target: PayTarget::Invoice(bb), amount: None, reference: note("Factuur {inv}") });
    b.at(55, ScriptedEvent::Pay { target: PayTarget::Invoice(d), amount: None, reference: note("Factuur {inv}") });
    b.react(Trigger::Step { kind: StepKind::Call, invoice: Some(c) }, 3, ScriptedEvent::Pay { target: PayTarget::AllOpen, amount: None, reference: note("Factuur {inv}, met excuses") });
    b.expect(0, Expectation::Phase(Phase::Monitoring), None);
    b.expect(11, Expectation::Claim { costs_allowed: true }, Some(10));
    b.expect(11, Expectation::Phase(Phase::Management), Some(10));
    b.expect(45, Expectation::Signal(SignalKind::PatternChange), Some(44));
    b.expect(55, Expectation::Signal(SignalKind::SkippedPayments), Some(54));
    b.expect(63, Expectation::Action(StepKind::Call), Some(62));
    b.expect(66, Expectation::Paid, Some(65));
    Ok(())
}
