//! The demo ledger: a small Dutch design and photography studio with a year and a bit of
//! customers, invoices, payments and collection diary, for trying Stipt out and for training.
//!
//! Deterministic: the same `today` always gives the same ledger (a hand-written splitmix64
//! generator with a constant seed, no `rand`). Every date is an offset from `today`, so the demo
//! always looks current and its aging does not depend on the day it is opened. Everything goes
//! through the `Ledger` API, so every invariant holds.
//!
//! What it shows, on purpose: payers who are early, on time, late and partial; batch payments
//! that cover several invoices and one with an unallocated rest; open items in every aging
//! bucket; disputes (one resolved with a credit note); a fully credited invoice; a write-off
//! after a bankruptcy; a customer who no longer answers; promises kept and broken; recurring
//! excuses; extension requests; a customer who is buying less; dunning steps done; a customer
//! on hold, one credit-insured, consumers and Belgian customers.

use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::{
    round_cents, Address, Allocation, Channel, CollectorLevel, ContactOutcome, ContractCosts, ContractInterest,
    ContractTerms, Country, Customer, CustomerId, CustomerKind, DomainError, Event, EventKind, ExcuseCategory, Invoice,
    InvoiceId, Ledger, Margin, MarketCount, MarketData, Money, Payment, Prospect, RateRow, RateTableKind, Region,
    ScoreEntry, SizeClass,
};
use crate::engine::law;
use crate::seeded::{be_iban, be_vat, nl_iban, nl_vat, Rng};

/// The demo ledger as of `today`.
///
/// # Panics
/// Never in practice: the data is our own and `tests::builds_for_many_days` proves it keeps every
/// ledger rule for years of `today` values, leap days included.
pub fn demo_ledger(today: NaiveDate) -> Ledger {
    build(today).expect("the demo data keeps every ledger rule")
}

const SEED: u64 = 0x5374_6970_7444_656d; // "StiptDem"


// ----- the studio's customers -----

const KORENSCHOOF: usize = 0;
const HOFSTEDE: usize = 1;
const EEMSLAND: usize = 2;
const GULDEN_VAT: usize = 3;
const DE_VRIES: usize = 4;
const VERMEULEN: usize = 5;
const FIETSFABRIEK: usize = 6;
const LINDEBOOM: usize = 7;
const VAN_DER_WAL: usize = 8;
const KNIP_KRUL: usize = 9;
const SMILE: usize = 10;
const WADDEN: usize = 11;
const BAKKER: usize = 12;
const LELIEVELD: usize = 13;
const VAN_DAM: usize = 14;

struct CustomerSpec {
    name: &'static str,
    consumer: bool,
    belgian: bool,
    sector: &'static str,
    size: Option<SizeClass>,
    contact: &'static str,
    email: &'static str,
    phone: &'static str,
    address: (&'static str, &'static str, &'static str),
    bank: &'static str,
    term: u16,
    credit_limit: Option<i64>,
    profile: &'static str,
    /// Margin on our work for this customer, percent (for the market analysis).
    margin: i64,
}

const CUSTOMERS: [CustomerSpec; 15] = [
    CustomerSpec {
        name: "Bakkerij De Korenschoof B.V.",
        consumer: false,
        belgian: false,
        sector: "10.71 Brood en vers banket",
        size: Some(SizeClass::Small),
        contact: "Anouk Hoekstra",
        email: "anouk@korenschoof.nl",
        phone: "050 311 22 44",
        address: ("Folkingestraat 12", "9711 JV", "Groningen"),
        bank: "RABO",
        term: 14,
        credit_limit: Some(3000),
        profile: "vaste klant",
        margin: 45,
    },
    CustomerSpec {
        name: "Installatiebedrijf Hofstede & Zn. B.V.",
        consumer: false,
        belgian: false,
        sector: "43.22 Installatie van loodgieterswerk en verwarming",
        size: Some(SizeClass::Medium),
        contact: "Gerrit Hofstede",
        email: "administratie@hofstede-installatie.nl",
        phone: "0592 34 56 78",
        address: ("Industrieweg 17", "9403 AB", "Assen"),
        bank: "ABNA",
        term: 30,
        credit_limit: Some(7500),
        profile: "bouw en installatie",
        margin: 38,
    },
    CustomerSpec {
        name: "Zorggroep Eemsland",
        consumer: false,
        belgian: false,
        sector: "87.10 Verpleeghuizen",
        size: Some(SizeClass::Large),
        contact: "Crediteurenadministratie",
        email: "facturen@zorggroepeemsland.nl",
        phone: "0596 65 43 21",
        address: ("Wilhelminaweg 4", "9901 CV", "Appingedam"),
        bank: "INGB",
        term: 60,
        credit_limit: Some(25000),
        profile: "zorg en overheid",
        margin: 42,
    },
    CustomerSpec {
        name: "Brouwerij Het Gulden Vat BV",
        consumer: false,
        belgian: true,
        sector: "11.05 Vervaardiging van bier",
        size: Some(SizeClass::Medium),
        contact: "Lotte Claes",
        email: "boekhouding@guldenvat.be",
        phone: "+32 9 223 45 67",
        address: ("Brabantdam 58", "9000", "Gent"),
        bank: "001",
        term: 60,
        credit_limit: Some(15000),
        profile: "export België",
        margin: 50,
    },
    CustomerSpec {
        name: "Marieke de Vries",
        consumer: true,
        belgian: false,
        sector: "",
        size: None,
        contact: "",
        email: "marieke.devries@gmail.com",
        phone: "06 4123 8765",
        address: ("Rijksstraatweg 210", "9752 CG", "Haren"),
        bank: "SNSB",
        term: 14,
        credit_limit: None,
        profile: "particulier",
        margin: 55,
    },
    CustomerSpec {
        name: "Pieter Vermeulen",
        consumer: true,
        belgian: true,
        sector: "",
        size: None,
        contact: "",
        email: "pieter.vermeulen@telenet.be",
        phone: "+32 3 234 56 78",
        address: ("Kloosterstraat 88", "2000", "Antwerpen"),
        bank: "363",
        term: 14,
        credit_limit: None,
        profile: "particulier",
        margin: 55,
    },
    CustomerSpec {
        name: "Fietsfabriek.nl B.V.",
        consumer: false,
        belgian: false,
        sector: "47.91 Webwinkels",
        size: Some(SizeClass::Small),
        contact: "Ruben Mulder",
        email: "ruben@fietsfabriek.nl",
        phone: "038 421 09 87",
        address: ("Zwartewaterallee 3", "8031 DX", "Zwolle"),
        bank: "KNAB",
        term: 14,
        credit_limit: Some(2500),
        profile: "webwinkels",
        margin: 35,
    },
    CustomerSpec {
        name: "Architectenbureau Lindeboom",
        consumer: false,
        belgian: false,
        sector: "71.11 Architecten",
        size: Some(SizeClass::Small),
        contact: "Sietske Lindeboom",
        email: "sietske@lindeboom-architecten.nl",
        phone: "058 213 45 67",
        address: ("Nieuwestad 88", "8911 CS", "Leeuwarden"),
        bank: "TRIO",
        term: 30,
        credit_limit: None,
        profile: "zakelijke dienstverlening",
        margin: 48,
    },
    CustomerSpec {
        name: "Transportbedrijf Van der Wal & Zonen B.V.",
        consumer: false,
        belgian: false,
        sector: "49.41 Goederenvervoer over de weg",
        size: Some(SizeClass::Medium),
        contact: "Henk van der Wal",
        email: "h.vanderwal@vdwaltransport.nl",
        phone: "0591 61 23 45",
        address: ("Phileas Foggstraat 21", "7821 AK", "Emmen"),
        bank: "RABO",
        term: 30,
        credit_limit: Some(10000),
        profile: "transport",
        margin: 36,
    },
    CustomerSpec {
        name: "Kapsalon Knip & Krul",
        consumer: false,
        belgian: false,
        sector: "96.02 Kappers en schoonheidsverzorging",
        size: Some(SizeClass::Small),
        contact: "Yvonne Bos",
        email: "info@knipenkrul.nl",
        phone: "0596 61 77 88",
        address: ("Waterstraat 5", "9934 AV", "Delfzijl"),
        bank: "INGB",
        term: 14,
        credit_limit: None,
        profile: "detailhandel en horeca",
        margin: 40,
    },
    CustomerSpec {
        name: "Tandartspraktijk Smile Hasselt",
        consumer: false,
        belgian: true,
        sector: "86.23 Tandartsen",
        size: Some(SizeClass::Small),
        contact: "dr. Ellen Peeters",
        email: "administratie@smile-hasselt.be",
        phone: "+32 11 22 33 44",
        address: ("Koning Albertstraat 31", "3500", "Hasselt"),
        bank: "735",
        term: 30,
        credit_limit: None,
        profile: "export België",
        margin: 47,
    },
    CustomerSpec {
        name: "Hotel De Wadden",
        consumer: false,
        belgian: false,
        sector: "55.10 Hotels",
        size: Some(SizeClass::Medium),
        contact: "Jelle Zijlstra",
        email: "financien@hoteldewadden.nl",
        phone: "0517 41 22 33",
        address: ("Zuiderhaven 9", "8861 CJ", "Harlingen"),
        bank: "ABNA",
        term: 30,
        credit_limit: Some(10000),
        profile: "detailhandel en horeca",
        margin: 44,
    },
    CustomerSpec {
        name: "Joost Bakker",
        consumer: true,
        belgian: false,
        sector: "",
        size: None,
        contact: "",
        email: "joostbakker84@hotmail.com",
        phone: "06 2987 1234",
        address: ("Vechtstraat 61", "9725 CX", "Groningen"),
        bank: "BUNQ",
        term: 14,
        credit_limit: None,
        profile: "particulier",
        margin: 55,
    },
    // A prospect: met at a fair, nothing ordered yet.
    CustomerSpec {
        name: "Bloemenatelier Het Lelieveld",
        consumer: false,
        belgian: false,
        sector: "47.76 Bloemen en planten",
        size: Some(SizeClass::Small),
        contact: "Sanne Kuipers",
        email: "sanne@lelieveld.nl",
        phone: "050 360 77 10",
        address: ("Zuiderdiep 88", "9711 HN", "Groningen"),
        bank: "INGB",
        term: 30,
        credit_limit: None,
        profile: "detailhandel en horeca",
        margin: 40,
    },
    // In acceptance: a first order and a credit decision, nothing invoiced yet.
    CustomerSpec {
        name: "Drukkerij Van Dam B.V.",
        consumer: false,
        belgian: false,
        sector: "18.12 Drukkerijen",
        size: Some(SizeClass::Medium),
        contact: "Pieter van Dam",
        email: "inkoop@drukkerijvandam.nl",
        phone: "0591 62 41 00",
        address: ("Industrieweg 5", "7812 AB", "Emmen"),
        bank: "RABO",
        term: 30,
        credit_limit: Some(4000),
        profile: "vaste klant",
        margin: 38,
    },
];

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Invoice lines a customer typically gets: description (with `{maand}`, `{jaar}`, `{kwartaal}`
/// filled in from the invoice date) and a price range in whole euros before VAT.
type Items = &'static [(&'static str, i64, i64)];

/// How a customer's older invoices were raised and paid.
struct History {
    customer: usize,
    /// First and last invoice date, days relative to today.
    from: i64,
    to: i64,
    /// Days between invoices.
    every: (i64, i64),
    items: Items,
    /// Days paid after the due date (negative: early).
    delay: (i64, i64),
    /// Invoices paid together in one transfer.
    batch: usize,
    /// Chance (percent) that an invoice was paid in two instalments.
    split: u64,
    /// Whether late payment drew reminders.
    reminders: bool,
}

struct PlannedInvoice {
    customer: usize,
    date: NaiveDate,
    due: NaiveDate,
    amount: Decimal,
    description: String,
    reference: String,
    credits: Option<usize>,
}

struct PlannedPayment {
    customer: usize,
    date: NaiveDate,
    amount: Decimal,
    allocations: Vec<(usize, Decimal)>,
    /// `{inv}` becomes the numbers of the invoices paid.
    reference: String,
}

struct PlannedEvent {
    customer: usize,
    invoice: Option<usize>,
    date: NaiveDate,
    kind: EventKind,
    /// `{inv}` becomes the invoice number.
    note: String,
}

/// The ledger as a plan: invoices are numbered and everything gets its id only at the end, in
/// date order, as if it had been entered day by day.
struct Demo {
    today: NaiveDate,
    rng: Rng,
    invoices: Vec<PlannedInvoice>,
    /// Still to be paid or credited, per planned invoice.
    open: Vec<Decimal>,
    payments: Vec<PlannedPayment>,
    events: Vec<PlannedEvent>,
}

/// Whole euros, written with cents (`1000.00`) as on an invoice.
fn dec(units: i64) -> Decimal {
    Decimal::new(units * 100, 2)
}

impl Demo {
    fn day(&self, offset: i64) -> NaiveDate {
        self.today + Duration::days(offset)
    }

    /// Fills in `{maand}`, `{jaar}`, `{kwartaal}` and `{seizoen}` from a date.
    fn describe(template: &str, date: NaiveDate) -> String {
        let month = MONTHS[date.month0() as usize];
        let season = match date.month() {
            3..=5 => "voorjaar",
            6..=8 => "zomer",
            9..=11 => "najaar",
            _ => "winter",
        };
        template
            .replace("{maand}", month)
            .replace("{jaar}", &date.year().to_string())
            .replace("{kwartaal}", &format!("Q{} {}", date.month0() / 3 + 1, date.year()))
            .replace("{seizoen}", &format!("{season} {}", date.year()))
    }

    /// An invoice for work worth `base` euros before VAT. Belgian businesses are invoiced with
    /// the VAT reverse-charged; everyone else pays 21% Dutch VAT.
    fn invoice(&mut self, customer: usize, offset: i64, base: Decimal, template: &str) -> usize {
        let spec = &CUSTOMERS[customer];
        let date = self.day(offset);
        let reverse_charge = spec.belgian && !spec.consumer;
        let amount = if reverse_charge { base } else { round_cents(base * Decimal::new(121, 2)) };
        let mut description = Self::describe(template, date);
        if reverse_charge {
            description.push_str(" — btw verlegd");
        }
        self.invoices.push(PlannedInvoice {
            customer,
            date,
            due: date + Duration::days(i64::from(spec.term)),
            amount,
            description,
            reference: String::new(),
            credits: None,
        });
        self.open.push(amount);
        self.invoices.len() - 1
    }

    fn credit_note(&mut self, target: usize, offset: i64, amount: Decimal, description: &str) -> usize {
        let date = self.day(offset);
        let customer = self.invoices[target].customer;
        self.open[target] -= amount;
        self.invoices.push(PlannedInvoice {
            customer,
            date,
            due: date,
            amount,
            description: description.to_string(),
            reference: String::new(),
            credits: Some(target),
        });
        self.open.push(Decimal::ZERO);
        self.invoices.len() - 1
    }

    /// A payment of `amount`, of which `allocations` go to invoices; the rest stays unallocated.
    fn pay(
        &mut self,
        customer: usize,
        offset: i64,
        amount: Decimal,
        allocations: &[(usize, Decimal)],
        reference: &str,
    ) {
        for (i, a) in allocations {
            self.open[*i] -= *a;
        }
        self.payments.push(PlannedPayment {
            customer,
            date: self.day(offset),
            amount,
            allocations: allocations.to_vec(),
            reference: reference.to_string(),
        });
    }

    /// Pays what is open on `invoices` in one transfer, plus `extra` unallocated.
    fn pay_all(&mut self, customer: usize, offset: i64, invoices: &[usize], extra: Decimal, reference: &str) {
        let allocations: Vec<(usize, Decimal)> = invoices.iter().map(|i| (*i, self.open[*i])).collect();
        let total = allocations.iter().map(|(_, a)| *a).sum::<Decimal>() + extra;
        self.pay(customer, offset, total, &allocations, reference);
    }

    fn event(&mut self, customer: usize, invoice: Option<usize>, offset: i64, kind: EventKind, note: &str) {
        self.events.push(PlannedEvent { customer, invoice, date: self.day(offset), kind, note: note.to_string() });
    }

    fn contact(
        &mut self,
        customer: usize,
        invoice: Option<usize>,
        offset: i64,
        channel: Channel,
        outcome: ContactOutcome,
        note: &str,
    ) {
        self.event(customer, invoice, offset, EventKind::Contact { channel, outcome }, note);
    }

    fn dunning(&mut self, customer: usize, invoice: usize, offset: i64, step: &str, channel: Channel, note: &str) {
        self.event(customer, Some(invoice), offset, EventKind::DunningDone { step: step.to_string(), channel }, note);
    }

    fn history(&mut self, h: &History) {
        let spec = &CUSTOMERS[h.customer];
        let mut offset = h.from + self.rng.range(0, h.every.1 - h.every.0);
        let mut batch: Vec<(usize, i64)> = Vec::new();
        while offset <= h.to {
            let (template, lo, hi) = *self.rng.pick(h.items);
            let base = dec(self.rng.range(lo / 5, hi / 5) * 5);
            let i = self.invoice(h.customer, offset, base, template);
            let due = offset + i64::from(spec.term);
            let paid = (due + self.rng.range(h.delay.0, h.delay.1)).max(offset + 1);
            if h.reminders && paid > due + 7 {
                self.dunning(
                    h.customer,
                    i,
                    due + 7,
                    "Herinnering",
                    Channel::Email,
                    "Vriendelijke herinnering voor factuur {inv} per e-mail verstuurd.",
                );
                if paid > due + 14 {
                    self.dunning(
                        h.customer,
                        i,
                        due + 14,
                        "Eerste aanmaning",
                        Channel::Email,
                        "Eerste aanmaning voor {inv} verstuurd; wettelijke rente aangekondigd.",
                    );
                }
            }
            if h.batch > 1 {
                batch.push((i, paid));
                if batch.len() == h.batch {
                    self.pay_batch(h.customer, &std::mem::take(&mut batch));
                }
            } else if self.rng.percent(h.split) && paid - 14 > offset {
                let first = (self.open[i] / dec(200)).floor() * dec(100);
                if first > Decimal::ZERO {
                    self.pay(h.customer, paid - 14, first, &[(i, first)], "Deelbetaling factuur {inv}");
                }
                self.pay_all(h.customer, paid, &[i], Decimal::ZERO, "Restant factuur {inv}");
            } else {
                let reference =
                    *self.rng.pick(&["Factuur {inv}", "{inv}", "Fact. {inv}", "Betaling factuur {inv}", "Nota {inv}"]);
                self.pay_all(h.customer, paid, &[i], Decimal::ZERO, reference);
            }
            offset += self.rng.range(h.every.0, h.every.1);
        }
        if !batch.is_empty() {
            self.pay_batch(h.customer, &batch);
        }
    }

    fn pay_batch(&mut self, customer: usize, batch: &[(usize, i64)]) {
        let date = batch.iter().map(|(_, d)| *d).max().unwrap_or(-1);
        let ids: Vec<usize> = batch.iter().map(|(i, _)| *i).collect();
        self.pay_all(customer, date, &ids, Decimal::ZERO, "Betaling facturen {inv}");
    }

    /// Monthly orders (for the "buying less" signal): `amount(offset)` gives the range.
    fn orders(&mut self, customer: usize, from: i64, to: i64, amount: impl Fn(i64) -> (i64, i64), note: &str) {
        let mut offset = from;
        while offset <= to {
            let (lo, hi) = amount(offset);
            let value = dec(self.rng.range(lo / 10, hi / 10) * 10);
            self.event(customer, None, offset, EventKind::Order { amount: value }, note);
            offset += self.rng.range(27, 33);
        }
    }
}

const KORENSCHOOF_ITEMS: Items = &[
    ("Social media beheer {maand} {jaar}", 385, 485),
    ("Social media beheer {maand} {jaar}", 385, 485),
    ("Social media beheer {maand} {jaar}", 385, 485),
    ("Fotografie seizoensassortiment", 650, 950),
];
const HOFSTEDE_ITEMS: Items = &[
    ("Website onderhoud en hosting {kwartaal}", 450, 650),
    ("Fotografie projectreportage", 900, 1800),
    ("Advertentieontwerp vakblad Installatie Totaal", 750, 1200),
    ("Ontwerp en opmaak brochure warmtepompen", 1400, 2800),
];
const EEMSLAND_ITEMS: Items = &[
    ("Fotografie en vormgeving nieuwsbrief {kwartaal}", 2400, 3600),
    ("Ontwerp wervingscampagne zorgmedewerkers", 3800, 6800),
    ("Portretfotografie medewerkers locatie Delfzijl", 2400, 3400),
];
const GULDEN_VAT_ITEMS: Items = &[
    ("Etiketontwerp seizoensbier", 1800, 3900),
    ("Productfotografie assortiment", 1200, 2400),
    ("Ontwerp bierviltjes en tapborden", 1200, 1900),
];
const FIETSFABRIEK_ITEMS: Items = &[
    ("Productfotografie nieuwe modellen", 900, 1600),
    ("Webshop onderhoud {maand} {jaar}", 450, 650),
    ("Banners en social-uitingen {seizoen}", 600, 950),
];
const LINDEBOOM_ITEMS: Items = &[
    ("3D-visualisaties woningbouwproject", 1400, 2600),
    ("Architectuurfotografie opgeleverd project", 900, 1500),
    ("Ontwerp projectbord en bouwhekdoeken", 900, 1300),
];
const VAN_DER_WAL_ITEMS: Items = &[
    ("Website onderhoud {maand} {jaar}", 600, 750),
    ("Belettering vrachtwagens (ontwerp)", 1500, 2900),
    ("Fotografie wagenpark", 1200, 2200),
    ("Vacaturecampagne chauffeurs", 1800, 2600),
];
const KNIP_KRUL_ITEMS: Items = &[("Social media beheer {maand} {jaar}", 195, 245)];
const SMILE_ITEMS: Items =
    &[("Website onderhoud {kwartaal}", 450, 600), ("Praktijkfotografie wachtkamer en behandelkamers", 900, 1400)];
const WADDEN_ITEMS: Items = &[
    ("Fotografie kamers en restaurant", 1200, 2200),
    ("Ontwerp menukaarten {seizoen}", 380, 700),
    ("Social media campagne {seizoen}", 800, 1300),
    ("Drukwerk folders (2.500 st.)", 450, 650),
];

fn build(today: NaiveDate) -> Result<Ledger, DomainError> {
    let mut d = Demo {
        today,
        rng: Rng(SEED),
        invoices: Vec::new(),
        open: Vec::new(),
        payments: Vec::new(),
        events: Vec::new(),
    };

    let histories = [
        History {
            customer: KORENSCHOOF,
            from: -425,
            to: -50,
            every: (28, 33),
            items: KORENSCHOOF_ITEMS,
            delay: (-7, -1),
            batch: 1,
            split: 0,
            reminders: false,
        },
        History {
            customer: HOFSTEDE,
            from: -420,
            to: -200,
            every: (30, 42),
            items: HOFSTEDE_ITEMS,
            delay: (8, 30),
            batch: 1,
            split: 0,
            reminders: true,
        },
        History {
            customer: EEMSLAND,
            from: -415,
            to: -150,
            every: (50, 62),
            items: EEMSLAND_ITEMS,
            delay: (0, 20),
            batch: 2,
            split: 0,
            reminders: false,
        },
        History {
            customer: GULDEN_VAT,
            from: -420,
            to: -160,
            every: (40, 50),
            items: GULDEN_VAT_ITEMS,
            delay: (-3, 10),
            batch: 1,
            split: 0,
            reminders: false,
        },
        History {
            customer: FIETSFABRIEK,
            from: -420,
            to: -250,
            every: (30, 40),
            items: FIETSFABRIEK_ITEMS,
            delay: (10, 40),
            batch: 1,
            split: 0,
            reminders: true,
        },
        History {
            customer: LINDEBOOM,
            from: -410,
            to: -180,
            every: (35, 45),
            items: LINDEBOOM_ITEMS,
            delay: (-3, 12),
            batch: 1,
            split: 0,
            reminders: false,
        },
        History {
            customer: VAN_DER_WAL,
            from: -425,
            to: -150,
            every: (24, 32),
            items: VAN_DER_WAL_ITEMS,
            delay: (5, 25),
            batch: 1,
            split: 35,
            reminders: true,
        },
        History {
            customer: KNIP_KRUL,
            from: -420,
            to: -300,
            every: (28, 32),
            items: KNIP_KRUL_ITEMS,
            delay: (3, 20),
            batch: 1,
            split: 0,
            reminders: false,
        },
        History {
            customer: SMILE,
            from: -400,
            to: -150,
            every: (55, 70),
            items: SMILE_ITEMS,
            delay: (0, 15),
            batch: 1,
            split: 0,
            reminders: false,
        },
        History {
            customer: WADDEN,
            from: -420,
            to: -120,
            every: (30, 40),
            items: WADDEN_ITEMS,
            delay: (-5, 15),
            batch: 3,
            split: 0,
            reminders: false,
        },
    ];
    for h in &histories {
        d.history(h);
    }
    recent(&mut d);
    d.orders(KORENSCHOOF, -420, -10, |_| (380, 520), "Maandelijkse opdracht social media bevestigd.");
    d.orders(
        VAN_DER_WAL,
        -450,
        -5,
        |o| {
            if o < -150 {
                (2800, 3600)
            } else if o < -90 {
                (1800, 2200)
            } else {
                (700, 1000)
            }
        },
        "Opdracht bevestigd per e-mail.",
    );
    into_ledger(d)
}

/// The last months, written out by hand: this is where the collection work is.
#[allow(clippy::too_many_lines)]
#[rustfmt::skip]
fn recent(d: &mut Demo) {
    use Channel::{Email, Letter, Phone, RegisteredLetter, Visit};
    use ContactOutcome::{NoAnswer, NoResponse, Reached};

    // Korenschoof: pays early, one invoice not yet due.
    let a = d.invoice(KORENSCHOOF, -20, dec(425), "Social media beheer {maand} {jaar}");
    d.pay_all(KORENSCHOOF, -9, &[a], Decimal::ZERO, "Factuur {inv}");
    d.invoice(KORENSCHOOF, -4, dec(425), "Social media beheer {maand} {jaar}");

    // Hofstede: stopped paying, a broken promise, and no longer answers.
    let h1 = d.invoice(HOFSTEDE, -175, dec(2450), "Fotografie projectreportage nieuwbouw Kloosterveen");
    let h2 = d.invoice(HOFSTEDE, -140, dec(1180), "Website onderhoud en hosting (jaarcontract)");
    let h3 = d.invoice(HOFSTEDE, -108, dec(865), "Advertentieontwerp vakblad Installatie Totaal");
    d.invoice(HOFSTEDE, -76, dec(1640), "Fotografie projectreportage renovatie Assen-Oost");
    let h5 = d.invoice(HOFSTEDE, -44, dec(720), "Ontwerp nieuwsbrief {kwartaal}");
    d.invoice(HOFSTEDE, -11, dec(540), "Website onderhoud {maand} {jaar}");
    d.dunning(HOFSTEDE, h1, -138, "Herinnering", Email, "Vriendelijke herinnering voor factuur {inv} per e-mail verstuurd.");
    d.dunning(HOFSTEDE, h1, -131, "Eerste aanmaning", Email, "Eerste aanmaning voor {inv}; wettelijke handelsrente aangekondigd.");
    d.contact(HOFSTEDE, Some(h1), -125, Phone, Reached, "Gesproken met Gerrit Hofstede: wacht zelf op betaling van de hoofdaannemer, betaalt een deel.");
    d.event(HOFSTEDE, Some(h1), -125, EventKind::Excuse { category: ExcuseCategory::WaitingForOwnCustomer }, "Hoofdaannemer betaalt niet.");
    d.pay(HOFSTEDE, -120, dec(1000), &[(h1, dec(1000))], "Deelbetaling {inv}");
    d.dunning(HOFSTEDE, h2, -103, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.dunning(HOFSTEDE, h2, -96, "Eerste aanmaning", Letter, "Aanmaning per post voor {inv} en het restant van de oudere factuur.");
    d.contact(HOFSTEDE, Some(h2), -62, Phone, Reached, "Opnieuw gesproken; project loopt nog steeds vertraging op.");
    d.event(HOFSTEDE, Some(h2), -62, EventKind::Excuse { category: ExcuseCategory::WaitingForOwnCustomer }, "Weer: wacht op de hoofdaannemer.");
    let promised = d.open[h1];
    let promise_date = d.day(-50);
    d.event(HOFSTEDE, Some(h1), -62, EventKind::Promise { amount: promised, date: promise_date }, "Belooft het restant van {inv} binnen twaalf dagen over te maken.");
    d.dunning(HOFSTEDE, h1, -45, "Ingebrekestelling", RegisteredLetter, "Laatste aanmaning met een termijn van 7 dagen; incassokosten en rente aangekondigd.");
    d.contact(HOFSTEDE, Some(h1), -40, Phone, NoAnswer, "Belofte niet nagekomen; niet opgenomen.");
    d.contact(HOFSTEDE, Some(h1), -33, Email, NoResponse, "Gevraagd om een kopie van de overboeking; geen reactie.");
    d.contact(HOFSTEDE, Some(h1), -26, Phone, NoAnswer, "Voicemail ingesproken.");
    d.contact(HOFSTEDE, Some(h2), -19, Phone, NoAnswer, "Niet opgenomen, geen terugbelverzoek.");
    d.contact(HOFSTEDE, Some(h3), -12, Email, NoResponse, "Overzicht van alle openstaande posten gemaild; geen reactie.");
    d.dunning(HOFSTEDE, h5, -7, "Herinnering", Email, "Herinnering voor {inv} verstuurd.");
    d.event(HOFSTEDE, None, -5, EventKind::Note, "Bezoek plannen vóór overdracht aan het incassobureau. Geen nieuwe opdrachten aannemen.");

    // Zorggroep Eemsland: slow approval, pays in batches, asks for more time.
    let e1 = d.invoice(EEMSLAND, -122, dec(4850), "Fotografie en vormgeving jaarverslag");
    d.invoices[e1].reference = "PO 4500018842".into();
    let e2 = d.invoice(EEMSLAND, -97, dec(2380), "Ontwerp wervingscampagne zorgmedewerkers");
    d.invoices[e2].reference = "PO 4500019107".into();
    d.event(EEMSLAND, Some(e1), -66, EventKind::ExtensionRequest { days: 30 }, "Vraagt 30 dagen uitstel: overgang naar een nieuw boekhoudsysteem.");
    d.pay_all(EEMSLAND, -33, &[e1, e2], Decimal::ZERO, "Betaalrun crediteuren: {inv}");
    let e3 = d.invoice(EEMSLAND, -72, dec(3120), "Huisstijl-templates voor 14 locaties");
    d.invoices[e3].reference = "PO 4500019388".into();
    d.contact(EEMSLAND, Some(e3), -8, Email, Reached, "Crediteurenadministratie: factuur ligt ter goedkeuring bij de budgethouder.");
    d.event(EEMSLAND, Some(e3), -8, EventKind::Excuse { category: ExcuseCategory::ApprovalPending }, "Budgethouder met vakantie.");
    d.event(EEMSLAND, Some(e3), -8, EventKind::ExtensionRequest { days: 30 }, "Opnieuw verzoek om 30 dagen uitstel.");
    d.dunning(EEMSLAND, e3, -5, "Herinnering", Email, "Herinnering voor {inv} (PO 4500019388) verstuurd.");
    let e4 = d.invoice(EEMSLAND, -28, dec(1960), "Fotografie opening locatie Appingedam");
    d.invoices[e4].reference = "PO 4500019950".into();

    // Brouwerij Het Gulden Vat: Belgian, credit-insured, paid about on time for a year; since the
    // summer every payment comes three to four weeks late (the pattern changes first).
    let g0 = d.invoice(GULDEN_VAT, -150, dec(1260), "Ontwerp zomeraffiches");
    d.pay_all(GULDEN_VAT, -66, &[g0], Decimal::ZERO, "Factuur {inv}");
    let g1 = d.invoice(GULDEN_VAT, -128, dec(3400), "Etiketontwerp seizoensbier Winterhop");
    d.pay_all(GULDEN_VAT, -40, &[g1], Decimal::ZERO, "Factuur {inv}");
    let g1b = d.invoice(GULDEN_VAT, -110, dec(890), "Flyers proeverij");
    d.pay_all(GULDEN_VAT, -29, &[g1b], Decimal::ZERO, "Factuur {inv}");
    let g2 = d.invoice(GULDEN_VAT, -84, dec(2150), "Productfotografie assortiment {jaar}");
    d.dunning(GULDEN_VAT, g2, -17, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.invoice(GULDEN_VAT, -19, dec(1480), "Ontwerp bierviltjes en tapborden");

    // Marieke de Vries: wedding photography, paid in parts; asks for more time.
    let v1 = d.invoice(DE_VRIES, -300, dec(495), "Bruidsfotografie — aanbetaling (30%)");
    d.pay_all(DE_VRIES, -296, &[v1], Decimal::ZERO, "Aanbetaling bruiloft {inv}");
    let v2 = d.invoice(DE_VRIES, -262, dec(1155), "Bruidsfotografie — restant, incl. 350 bewerkte foto's");
    d.pay(DE_VRIES, -245, dec(600), &[(v2, dec(600))], "Factuur {inv} deel 1");
    d.pay_all(DE_VRIES, -214, &[v2], Decimal::ZERO, "Factuur {inv} restant");
    let v3 = d.invoice(DE_VRIES, -33, dec(289), "Fotoalbum 30×30 cm, 40 pagina's");
    d.event(DE_VRIES, Some(v3), -18, EventKind::ExtensionRequest { days: 14 }, "Vraagt twee weken uitstel in verband met een verhuizing.");

    // Pieter Vermeulen: Belgian consumer, pays on time.
    let p1 = d.invoice(VERMEULEN, -205, dec(325), "Portretreportage op locatie");
    d.pay_all(VERMEULEN, -193, &[p1], Decimal::ZERO, "Factuur {inv} Vermeulen");
    d.invoice(VERMEULEN, -7, dec(245), "Familieshoot Stadspark, 25 bewerkte foto's");

    // Fietsfabriek.nl: on hold; one promise kept, then silence.
    let f1 = d.invoice(FIETSFABRIEK, -222, dec(1380), "Productfotografie nieuwe collectie e-bikes");
    let f2 = d.invoice(FIETSFABRIEK, -196, dec(890), "Banners en social-uitingen voorjaarsactie");
    d.dunning(FIETSFABRIEK, f1, -200, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.dunning(FIETSFABRIEK, f1, -193, "Eerste aanmaning", Email, "Eerste aanmaning voor {inv} verstuurd.");
    d.contact(FIETSFABRIEK, Some(f1), -186, Phone, Reached, "Ruben Mulder zegt de factuur niet te hebben ontvangen; opnieuw gemaild.");
    d.event(FIETSFABRIEK, Some(f1), -186, EventKind::Excuse { category: ExcuseCategory::InvoiceNotReceived }, "");
    let promise_date = d.day(-170);
    d.event(FIETSFABRIEK, Some(f1), -176, EventKind::Promise { amount: dec(500), date: promise_date }, "Belooft € 500 vóór vrijdag, de rest volgende maand.");
    d.pay(FIETSFABRIEK, -171, dec(500), &[(f1, dec(500))], "Deelbetaling {inv}");
    let f3 = d.invoice(FIETSFABRIEK, -161, dec(640), "Webshop onderhoud {maand} {jaar}");
    d.event(FIETSFABRIEK, None, -150, EventKind::Note, "Klant on hold gezet: nieuwe opdrachten alleen tegen vooruitbetaling.");
    d.dunning(FIETSFABRIEK, f1, -140, "Ingebrekestelling", RegisteredLetter, "Ingebrekestelling voor {inv} en de twee latere facturen.");
    d.contact(FIETSFABRIEK, Some(f2), -100, Phone, NoAnswer, "");
    d.contact(FIETSFABRIEK, Some(f3), -95, Email, NoResponse, "");
    d.contact(FIETSFABRIEK, Some(f1), -30, Visit, Reached, "Langsgegaan in de winkel; eigenaar stuurt een voorstel voor een betalingsregeling.");

    // Lindeboom: a dispute resolved with a credit note, and one still open.
    let l1 = d.invoice(LINDEBOOM, -150, dec(2400), "3D-visualisaties project Zuiderhaven (6 renders)");
    d.event(LINDEBOOM, Some(l1), -116, EventKind::DisputeOpened { reason: "Twee renders niet conform de offerte (verkeerde gevelsteen)".into() }, "");
    d.event(LINDEBOOM, Some(l1), -116, EventKind::Excuse { category: ExcuseCategory::QualityComplaint }, "");
    d.contact(LINDEBOOM, Some(l1), -104, Phone, Reached, "Afgesproken: twee renders kosteloos aangepast en korting op die renders.");
    let credit = round_cents(dec(600) * Decimal::new(121, 2));
    d.credit_note(l1, -101, credit, "Creditnota: korting op twee renders project Zuiderhaven");
    d.event(LINDEBOOM, Some(l1), -101, EventKind::DisputeResolved, "Opgelost met een creditnota.");
    d.pay_all(LINDEBOOM, -92, &[l1], Decimal::ZERO, "{inv} minus creditnota");
    let l2 = d.invoice(LINDEBOOM, -82, dec(1350), "Architectuurfotografie De Blauwe Stad");
    d.event(LINDEBOOM, Some(l2), -48, EventKind::DisputeOpened { reason: "Aantal gefactureerde uren betwist (9 in plaats van 7)".into() }, "");
    d.contact(LINDEBOOM, Some(l2), -40, Email, Reached, "Urenstaat en planning toegestuurd; wacht op reactie van het bureau.");
    d.invoice(LINDEBOOM, -24, dec(980), "3D-visualisatie interieur Ebbingekwartier");

    // Van der Wal: cash-flow trouble twice, promises kept, buying less, skips an older invoice.
    let w1 = d.invoice(VAN_DER_WAL, -112, dec(2120), "Vacaturecampagne chauffeurs (ontwerp en fotografie)");
    d.dunning(VAN_DER_WAL, w1, -75, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.contact(VAN_DER_WAL, Some(w1), -70, Phone, Reached, "Henk van der Wal: grote klant failliet, liquiditeit krap.");
    d.event(VAN_DER_WAL, Some(w1), -70, EventKind::Excuse { category: ExcuseCategory::CashFlow }, "");
    let on = d.day(-63);
    d.event(VAN_DER_WAL, Some(w1), -70, EventKind::Promise { amount: dec(1000), date: on }, "Betaalt € 1.000 volgende week, de rest binnen een maand.");
    d.pay(VAN_DER_WAL, -63, dec(1000), &[(w1, dec(1000))], "Deelbetaling {inv}");
    let rest = d.open[w1];
    let on = d.day(-40);
    d.event(VAN_DER_WAL, Some(w1), -63, EventKind::Promise { amount: rest, date: on }, "Restant toegezegd.");
    d.pay_all(VAN_DER_WAL, -41, &[w1], Decimal::ZERO, "Restant {inv}");
    let w2 = d.invoice(VAN_DER_WAL, -78, dec(1480), "Belettering nieuwe trailers (ontwerp)");
    let w3 = d.invoice(VAN_DER_WAL, -52, dec(760), "Fotografie wagenpark (aanvulling)");
    d.contact(VAN_DER_WAL, Some(w2), -30, Phone, Reached, "Opnieuw krap bij kas; betaalt in delen.");
    d.event(VAN_DER_WAL, Some(w2), -30, EventKind::Excuse { category: ExcuseCategory::CashFlow }, "");
    d.pay_all(VAN_DER_WAL, -15, &[w3], Decimal::ZERO, "{inv}");
    d.pay(VAN_DER_WAL, -20, dec(500), &[(w2, dec(500))], "Deelbetaling {inv}");
    d.invoice(VAN_DER_WAL, -34, dec(615), "Website onderhoud {maand} {jaar}");

    // Knip & Krul: bankrupt; handed over, then written off. A cancelled workshop fully credited.
    let k1 = d.invoice(KNIP_KRUL, -282, dec(230), "Social media beheer {maand} {jaar}");
    let k2 = d.invoice(KNIP_KRUL, -270, dec(350), "Workshop Instagram voor ondernemers");
    let full = d.open[k2];
    d.credit_note(k2, -262, full, "Creditnota: workshop geannuleerd");
    d.dunning(KNIP_KRUL, k1, -260, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.dunning(KNIP_KRUL, k1, -253, "Eerste aanmaning", Email, "Eerste aanmaning voor {inv} verstuurd.");
    d.contact(KNIP_KRUL, Some(k1), -245, Phone, Reached, "Yvonne Bos: zaak loopt slecht, betaalt wat ze kan.");
    d.pay(KNIP_KRUL, -240, dec(100), &[(k1, dec(100))], "Deel {inv}");
    d.dunning(KNIP_KRUL, k1, -230, "Ingebrekestelling", RegisteredLetter, "Ingebrekestelling met termijn van 7 dagen.");
    d.dunning(KNIP_KRUL, k1, -200, "Overdracht incasso", Channel::HandOver, "Dossier overgedragen aan Incassobureau Noord.");
    d.event(KNIP_KRUL, None, -130, EventKind::Note, "Faillissement uitgesproken door de rechtbank Noord-Nederland; vordering ingediend bij de curator.");
    d.event(KNIP_KRUL, Some(k1), -120, EventKind::WrittenOff, "Afgeboekt: volgens de curator geen uitkering voor concurrente schuldeisers.");

    // Tandartspraktijk Smile: disputes the invoice details, no response since.
    let s1 = d.invoice(SMILE, -104, dec(1450), "Praktijkfotografie en teamportretten");
    d.event(SMILE, Some(s1), -66, EventKind::DisputeOpened { reason: "Factuur op verkeerde naam en zonder btw-nummer van de praktijk".into() }, "");
    d.event(SMILE, Some(s1), -66, EventKind::Excuse { category: ExcuseCategory::WrongDetails }, "");
    d.contact(SMILE, Some(s1), -40, Email, NoResponse, "Juiste factuurgegevens opgevraagd; nog geen antwoord.");
    d.invoice(SMILE, -41, dec(620), "Website onderhoud {kwartaal}");

    // Hotel De Wadden: one transfer for two invoices plus an advance not yet invoiced.
    let h_a = d.invoice(WADDEN, -96, dec(1890), "Fotografie kamers en restaurant (na renovatie)");
    let h_b = d.invoice(WADDEN, -81, dec(640), "Ontwerp menukaarten {seizoen}");
    d.pay_all(WADDEN, -47, &[h_a, h_b], dec(500), "Fact {inv} + voorschot fotoshoot");
    d.event(WADDEN, None, -47, EventKind::Note, "Betaling bevat € 500 voorschot voor de zomershoot; nog niet gefactureerd.");
    d.invoice(WADDEN, -16, dec(1150), "Social media campagne {seizoen}");

    // Joost Bakker: a small consumer invoice, the Dutch 14-day letter sent.
    let j1 = d.invoice(BAKKER, -58, dec(95), "Pasfoto's en portretsessie");
    d.dunning(BAKKER, j1, -37, "Herinnering", Email, "Herinnering voor factuur {inv} verstuurd.");
    d.dunning(BAKKER, j1, -30, "Veertiendagenbrief", Letter, "Aanmaning met 14 dagen betaaltermijn (art. 6:96 BW) en de incassokosten bij niet-betalen.");
    d.contact(BAKKER, Some(j1), -12, Phone, NoAnswer, "");

    // Van Dam: a credit check before the first order (seed 000, acceptance).
    d.event(
        VAN_DAM,
        None,
        -4,
        EventKind::LimitSet { limit: Some(dec(4000)), by: "Studio Noorderlicht".into() },
        "Kredietcheck: score 66 (Graydon), verwachte jaaromzet € 20.000; limiet € 4.000.",
    );
    d.event(VAN_DAM, None, -3, EventKind::Order { amount: dec(2400) }, "Eerste order: huisstijl en drukwerkontwerp.");
}

fn customer(spec: &CustomerSpec, number: usize, rng: &mut Rng, today: NaiveDate) -> Customer {
    let mut c = Customer::new(format!("D{:04}", number + 1), spec.name);
    c.kind = if spec.consumer { CustomerKind::Consumer } else { CustomerKind::Business };
    c.country = if spec.belgian { Country::Be } else { Country::Nl };
    c.sector = spec.sector.to_string();
    c.size_class = spec.size;
    c.contact_person = spec.contact.to_string();
    c.email = spec.email.to_string();
    c.phone = spec.phone.to_string();
    c.address = Address { street: spec.address.0.into(), postcode: spec.address.1.into(), city: spec.address.2.into() };
    c.iban = if spec.belgian { be_iban(rng, spec.bank) } else { nl_iban(rng, spec.bank) };
    if !spec.consumer {
        c.vat_number = if spec.belgian { be_vat(rng) } else { nl_vat(rng) };
    }
    c.payment_term_days = spec.term;
    c.credit_limit = spec.credit_limit.map(dec);
    c.profile = spec.profile.to_string();
    let day = |o: i64| today + Duration::days(o);
    let score = |o: i64, s: u8, src: &str| ScoreEntry { date: day(o), score: s, source: src.to_string() };
    match number {
        KORENSCHOOF => {
            c.scores = vec![score(-390, 68, "Graydon"), score(-120, 74, "Graydon")];
            c.notes = "Betaalt doorgaans binnen een week. Maandelijkse social-media-opdracht.".into();
        }
        HOFSTEDE => {
            c.collector = CollectorLevel::Senior;
            c.scores = vec![score(-400, 64, "Creditsafe"), score(-200, 58, "Creditsafe"), score(-60, 41, "Creditsafe")];
            c.notes = "Afspraken altijd per e-mail bevestigen.".into();
        }
        EEMSLAND => {
            c.scores = vec![score(-360, 88, "Graydon")];
            c.notes = "Facturen alleen met inkoopordernummer (PO) naar facturen@zorggroepeemsland.nl.".into();
        }
        GULDEN_VAT => {
            c.flags.insured_limit = Some(dec(15000));
            c.scores = vec![
                score(-380, 72, "Graydon Belgium"),
                score(-200, 70, "Graydon Belgium"),
                score(-30, 75, "Graydon Belgium"),
            ];
            c.notes = "Kredietverzekerd; limiet € 15.000. Facturen in het Nederlands, btw verlegd.".into();
        }
        FIETSFABRIEK => {
            c.collector = CollectorLevel::Senior;
            c.flags.on_hold = true;
            c.flags.prepayment_required = true;
            c.scores = vec![score(-380, 61, "Creditsafe"), score(-150, 38, "Creditsafe")];
            c.notes = "On hold: geen nieuwe opdrachten tot de achterstand is ingelopen.".into();
            // Their signed terms: 1% interest a month and 15% collection costs.
            c.terms = ContractTerms {
                interest: Some(ContractInterest { rate: dec(1), per_month: true, compound: false }),
                costs: Some(ContractCosts::Percent(dec(15))),
            };
        }
        KNIP_KRUL => {
            c.flags.handed_over = true;
            c.collector = CollectorLevel::Owner;
            c.notes = "Failliet verklaard; vordering ingediend bij de curator.".into();
        }
        VAN_DER_WAL => {
            c.scores = vec![score(-300, 70, "Graydon"), score(-45, 59, "Graydon")];
        }
        VAN_DAM => {
            c.scores = vec![score(-5, 66, "Graydon")];
        }
        LELIEVELD => {
            c.notes = "Ontmoet op de ondernemersbeurs; wil een offerte voor een nieuwe website.".into();
        }
        _ => {}
    }
    c
}

/// The demo's own rate rows: each statutory table continued from its last shipped rate, per half
/// year, up to the end of the half year of `today`, so that the claims of the demo can be
/// computed at any demo date. The source says plainly that these are assumptions, not official
/// figures; a real ledger never gets them.
fn demo_rates(today: NaiveDate) -> Vec<RateRow> {
    let mut rows = Vec::new();
    for kind in RateTableKind::ALL {
        let Some((last, _)) = law::rates::table(kind, &[]).into_iter().last() else { continue };
        let mut from = last.to + Duration::days(1);
        while from <= today {
            let end_month = if from.month() <= 6 { 6 } else { 12 };
            let to = NaiveDate::from_ymd_opt(from.year(), end_month, if end_month == 6 { 30 } else { 31 }).unwrap_or(from);
            rows.push(RateRow {
                table: kind,
                from,
                to,
                rate: last.rate,
                source: "Demo: aangenomen gelijk aan de laatst bekende rente, geen officieel cijfer".into(),
            });
            from = to + Duration::days(1);
        }
    }
    rows
}

fn into_ledger(d: Demo) -> Result<Ledger, DomainError> {
    let Demo { today, mut rng, invoices, payments, events, .. } = d;
    let mut l = Ledger::new();
    l.company.name = "Studio Noorderlicht".into();
    l.company.address =
        Address { street: "Oude Ebbingestraat 41".into(), postcode: "9712 HC".into(), city: "Groningen".into() };
    l.company.iban = nl_iban(&mut rng, "RABO");
    l.company.kvk_number = "71839204".into();
    l.company.vat_number = nl_vat(&mut rng);
    l.company.email = "administratie@studionoorderlicht.nl".into();
    l.company.phone = "050 737 12 34".into();

    l.settings.law.rates = demo_rates(today);

    l.settings.market = demo_market();

    let mut customer_ids: Vec<CustomerId> = Vec::with_capacity(CUSTOMERS.len());
    for (n, spec) in CUSTOMERS.iter().enumerate() {
        customer_ids.push(l.add_customer(customer(spec, n, &mut rng, today))?);
    }

    // Invoices in date order, numbered per year: 2025-0001, 2025-0002, ...; credit notes C2025-001.
    let mut order: Vec<usize> = (0..invoices.len()).collect();
    crate::sort::by_key(&mut order, |i| (invoices[*i].date, invoices[*i].credits.is_some(), *i));
    let mut ids: Vec<InvoiceId> = vec![InvoiceId(0); invoices.len()];
    let mut numbers: Vec<String> = vec![String::new(); invoices.len()];
    let mut seq: std::collections::BTreeMap<(bool, i32), u32> = std::collections::BTreeMap::new();
    for i in order {
        let p = &invoices[i];
        let year = p.date.year();
        let n = seq.entry((p.credits.is_some(), year)).or_insert(0);
        *n += 1;
        numbers[i] = if p.credits.is_some() { format!("C{year}-{n:03}") } else { format!("{year}-{n:04}") };
        let margin_pct = CUSTOMERS[p.customer].margin + rng.range(-5, 5);
        let inv = Invoice {
            id: InvoiceId(0),
            number: numbers[i].clone(),
            customer: customer_ids[p.customer],
            date: p.date,
            due: p.due,
            amount: Money::eur(p.amount),
            description: p.description.clone(),
            margin: p.credits.is_none().then(|| Margin::Percent(Decimal::from(margin_pct))),
            credits: p.credits.map(|t| ids[t]),
            reference: p.reference.clone(),
        };
        ids[i] = l.add_invoice(inv)?;
    }

    let mut payments: Vec<&PlannedPayment> = payments.iter().collect();
    crate::sort::by_key(&mut payments, |p| p.date);
    for p in payments {
        let spec = &CUSTOMERS[p.customer];
        let customer_id = customer_ids[p.customer];
        let allocations: Vec<Allocation> =
            p.allocations.iter().map(|(i, a)| Allocation { invoice: ids[*i], amount: *a }).collect();
        let mut payment = Payment::new(customer_id, p.date, Money::eur(p.amount), allocations)?;
        let paid: Vec<&str> = p.allocations.iter().map(|(i, _)| numbers[*i].as_str()).collect();
        payment.reference = p.reference.replace("{inv}", &paid.join(", "));
        payment.payer_name = if spec.consumer {
            let mut parts = spec.name.split_whitespace();
            let initial = parts.next().and_then(|f| f.chars().next()).unwrap_or('X');
            format!("{initial}. {}", parts.collect::<Vec<_>>().join(" ")).to_uppercase()
        } else {
            spec.name.to_uppercase()
        };
        payment.payer_iban = l.customer(customer_id).map(|c| c.iban.clone()).unwrap_or_default();
        l.add_payment(payment)?;
    }

    let mut events: Vec<&PlannedEvent> = events.iter().collect();
    crate::sort::by_key(&mut events, |e| e.date);
    for e in events {
        let mut event = Event::new(customer_ids[e.customer], e.invoice.map(|i| ids[i]), e.date, e.kind.clone());
        event.note = match e.invoice {
            Some(i) => e.note.replace("{inv}", &numbers[i]),
            None => e.note.clone(),
        };
        l.add_event(event)?;
    }
    Ok(l)
}

/// The market of the demo: how many companies there are in the sectors, size classes and regions
/// of the studio's business customers (the customer's own segment, a neighbouring region, and
/// the other size class), and a prospect list of northern Dutch and Flemish companies. Made-up
/// numbers, fixed: the demo stays the same for the same `today`.
fn demo_market() -> MarketData {
    use SizeClass::{Large, Medium, Small};
    // (sector, size, region of the customer, a neighbouring region, companies in the customer's
    // segment)
    const SEGMENTS: [(&str, SizeClass, &str, &str, u32); 11] = [
        ("10.71 Brood en vers banket", Small, "NL-97", "NL-94", 64),
        ("43.22 Installatie van loodgieterswerk en verwarming", Medium, "NL-94", "NL-97", 38),
        ("87.10 Verpleeghuizen", Large, "NL-99", "NL-97", 9),
        ("11.05 Vervaardiging van bier", Medium, "BE-VOV", "BE-VAN", 14),
        ("47.91 Webwinkels", Small, "NL-80", "NL-79", 412),
        ("71.11 Architecten", Small, "NL-89", "NL-88", 57),
        ("49.41 Goederenvervoer over de weg", Medium, "NL-78", "NL-79", 46),
        ("96.02 Kappers en schoonheidsverzorging", Small, "NL-99", "NL-97", 83),
        ("86.23 Tandartsen", Small, "BE-VLI", "BE-VAN", 71),
        ("55.10 Hotels", Medium, "NL-88", "NL-89", 22),
        ("47.76 Bloemen en planten", Small, "NL-97", "NL-94", 36),
    ];
    let region = |code: &str| Region::parse(code);
    let mut counts = Vec::new();
    for (n, (sector, size, own, near, companies)) in SEGMENTS.iter().enumerate() {
        let other = match size {
            Small => Medium,
            Medium | Large => Small,
        };
        let source = if own.starts_with("BE") { "Statbel 2025" } else { "KvK 2025" };
        for (size, region_code, companies) in [
            (*size, *own, *companies),
            (*size, *near, companies * 3 / 2 + 5 + n as u32),
            (other, *own, (companies / 3).max(2) + (n as u32 % 4)),
        ] {
            counts.push(MarketCount {
                sector: (*sector).into(),
                size_class: Some(size),
                region: region(region_code),
                companies,
                source: source.into(),
            });
        }
    }
    let prospect = |name: &str, sector: &str, size: SizeClass, region_code: &str, score: Option<u8>, city: &str, note: &str| {
        Prospect {
            name: name.into(),
            sector: sector.into(),
            size_class: Some(size),
            region: region(region_code),
            score,
            city: city.into(),
            note: note.into(),
        }
    };
    let s = |i: usize| SEGMENTS[i].0;
    let prospects = vec![
        prospect("Bakkerij Van der Meulen", s(0), Small, "NL-97", Some(78), "Groningen", "Beurs Noord 2026"),
        prospect("Warme Bakker Vandenbroucke", s(0), Small, "BE-VOV", Some(71), "Gent", ""),
        prospect("Installatietechniek Bosma B.V.", s(1), Medium, "NL-94", Some(66), "Assen", "Via Hofstede"),
        prospect("Loodgietersbedrijf Kuipers", s(1), Small, "NL-97", Some(52), "Groningen", ""),
        prospect("Zorgcentrum De Hunze", s(2), Large, "NL-94", Some(84), "Assen", "Aanbesteding in mei"),
        prospect("Brouwerij De Gentse Gruut", s(3), Medium, "BE-VOV", Some(63), "Gent", ""),
        prospect("Fietsonderdelen.nl", s(4), Small, "NL-80", Some(38), "Zwolle", ""),
        prospect("Architectenbureau De Boer & Wiersma", s(5), Small, "NL-89", Some(81), "Leeuwarden", "Kent Lindeboom"),
        prospect("Transportbedrijf Post Hoogeveen", s(6), Medium, "NL-79", Some(45), "Hoogeveen", ""),
        prospect("Kapsalon Haarmonie", s(7), Small, "NL-99", None, "Delfzijl", ""),
        prospect("Tandartsenpraktijk Peeters", s(8), Small, "BE-VLI", Some(76), "Hasselt", ""),
        prospect("Hotel Het Zoute Wad", s(9), Medium, "NL-88", Some(74), "Harlingen", "Nieuwe huisstijl gepland"),
        prospect("Stadshotel Zwolle", s(9), Medium, "NL-80", Some(58), "Zwolle", ""),
        prospect("Bloemisterij Het Veenhuis", s(10), Small, "NL-97", Some(55), "Groningen", ""),
        prospect("Vleeshouwerij Janssens BV", "10.13 Vleeswaren", Small, "BE-VAN", Some(70), "Antwerpen", ""),
        prospect("Drukkerij Hoekstra B.V.", "18.12 Drukkerijen", Medium, "NL-78", Some(69), "Emmen", "Concurrent van Van Dam"),
    ];
    MarketData { counts, prospects }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::domain::{normalize_iban, InvoiceStatus};
    use crate::engine::aging::{age, Bucket};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 3, 10)
    }

    #[test]
    fn market_data_is_valid_and_gives_look_alikes() {
        use crate::engine::analysis::kpi::Period;
        use crate::engine::analysis::market::{analyse_market, look_alikes, MarketOptions};
        use crate::engine::analysis::segments::{Dimension, SegmentKey, SegmentOptions};
        let l = demo_ledger(today());
        let m = &l.settings.market;
        assert!(m.validate().is_empty(), "{:?}", m.validate());
        assert_eq!((m.counts.len(), m.prospects.len()), (33, 16));
        // Every business customer's own segment has a count.
        let key = SegmentKey::new([Dimension::Sector, Dimension::SizeClass, Dimension::Region]);
        let analysis = analyse_market(&l, Period::months_ending(today(), 12), &key, m, &SegmentOptions::default(), &MarketOptions::default());
        let counted = analysis.rows.iter().filter(|r| r.companies.is_ok()).count();
        assert!(counted >= 10, "{counted} segments with a count");
        assert!(analysis.rows.iter().all(|r| !r.counts_too_low));
        let alike = look_alikes(&analysis, &m.prospects, &MarketOptions::default());
        assert_eq!(alike.len(), 16);
        assert!(alike[0].fit > rust_decimal::Decimal::from(80), "{:?}", alike[0]);
        assert!(alike[15].fit < alike[0].fit, "the list tells good and poor fits apart");
    }

    #[test]
    fn same_day_same_ledger() {
        assert_eq!(demo_ledger(today()), demo_ledger(today()));
        assert_eq!(demo_ledger(day(2024, 2, 29)), demo_ledger(day(2024, 2, 29)));
    }

    #[test]
    fn builds_for_many_days() {
        let mut days: Vec<NaiveDate> = (0..30).map(|n| day(2024, 1, 1) + Duration::days(n * 37)).collect();
        days.extend([day(2024, 2, 29), day(2028, 2, 29), day(2025, 12, 31), day(2026, 1, 1), day(2027, 3, 1)]);
        for t in days {
            let l = build(t).unwrap_or_else(|e| panic!("demo for {t}: {e}"));
            // The same shape whatever the day.
            assert_eq!(age(&l, None, t).counts, age(&demo_ledger(today()), None, today()).counts, "day {t}");
            assert!(l.invoices().all(|i| i.date <= t), "day {t}: invoice in the future");
            assert!(l.payments().all(|p| p.date <= t), "day {t}: payment in the future");
            assert!(l.events().all(|e| e.date <= t), "day {t}: diary entry in the future");
        }
    }

    #[test]
    fn every_claim_can_be_computed_on_any_demo_day() {
        // The demo's own rate rows continue the tables up to the demo date, so no claim of the
        // demo meets a gap; they are marked as assumptions.
        let mut days: Vec<NaiveDate> = (0..12).map(|n| day(2024, 1, 1) + Duration::days(n * 173)).collect();
        days.extend([day(2026, 11, 23), day(2031, 2, 3)]);
        for t in days {
            let l = demo_ledger(t);
            assert!(law::rates::check(&l.settings.law.rates).is_ok(), "day {t}");
            assert!(l.settings.law.rates.iter().all(|r| r.source.starts_with("Demo:")));
            let mut with_claims = 0;
            for c in l.customers() {
                let lc = law::ledger::customer_case(&l, c.id, t, None).unwrap();
                let s = law::compute(&lc.case, &l.settings.law).unwrap_or_else(|e| panic!("{} on {t}: {e}", c.name));
                with_claims += usize::from(!s.claims.is_empty());
            }
            assert!(with_claims >= 4, "day {t}: {with_claims}");
        }
        // One customer has contractual terms.
        assert!(demo_ledger(today()).customers().any(|c| c.terms.interest.is_some() && c.terms.costs.is_some()));
    }

    #[test]
    fn every_aging_bucket_has_open_items() {
        let l = demo_ledger(today());
        let aging = age(&l, None, today());
        for b in Bucket::ALL {
            assert!(aging.counts[b as usize] > 0, "bucket {b:?} is empty");
            assert!(aging.bucket(crate::domain::Currency::EUR, b) > Decimal::ZERO, "bucket {b:?}");
        }
    }

    #[test]
    fn counts_are_in_range() {
        let l = demo_ledger(today());
        let invoices = l.invoices().filter(|i| !i.is_credit_note()).count();
        let credit_notes = l.invoices().filter(|i| i.is_credit_note()).count();
        assert!((10..=15).contains(&l.customers().len()), "{} customers", l.customers().len());
        assert!((85..=130).contains(&invoices), "{invoices} invoices");
        assert!((1..=3).contains(&credit_notes), "{credit_notes} credit notes");
        assert!((60..=130).contains(&l.payments().len()), "{} payments", l.payments().len());
        assert!(l.events().len() >= 60, "{} diary entries", l.events().len());
        // About fourteen months of history.
        let oldest = l.invoices().map(|i| i.date).min().unwrap();
        assert!((today() - oldest).num_days() >= 395 && (today() - oldest).num_days() <= 440);
    }

    #[test]
    fn customers_are_varied_and_valid() {
        let l = demo_ledger(today());
        let cs: Vec<&Customer> = l.customers().collect();
        assert!(cs.iter().any(|c| c.kind == CustomerKind::Consumer));
        assert!(cs.iter().any(|c| c.country == Country::Be && c.kind == CustomerKind::Business));
        assert!(cs.iter().any(|c| c.country == Country::Be && c.kind == CustomerKind::Consumer));
        assert!(cs.iter().any(|c| c.flags.on_hold));
        assert!(cs.iter().any(|c| c.flags.insured_limit.is_some()));
        assert!(cs.iter().any(|c| c.flags.handed_over));
        assert!(cs.iter().filter(|c| c.credit_limit.is_some()).count() >= 3);
        assert!(cs.iter().any(|c| c.scores.len() >= 2));
        let terms: HashSet<u16> = cs.iter().map(|c| c.payment_term_days).collect();
        assert!(terms.contains(&14) && terms.contains(&30) && terms.contains(&60));
        for c in &cs {
            assert_eq!(normalize_iban(&c.iban).as_deref(), Ok(c.iban.as_str()), "{}", c.name);
            assert!(c.scores.windows(2).all(|w| w[0].date <= w[1].date), "{} scores in order", c.name);
        }
        assert!(normalize_iban(&l.company.iban).is_ok());
    }

    #[test]
    fn statuses_cover_the_collection_story() {
        let l = demo_ledger(today());
        let statuses: HashSet<InvoiceStatus> = l.balances().values().map(|b| b.status()).collect();
        for s in [
            InvoiceStatus::Open,
            InvoiceStatus::PartlyPaid,
            InvoiceStatus::Paid,
            InvoiceStatus::Credited,
            InvoiceStatus::Disputed,
            InvoiceStatus::WrittenOff,
        ] {
            assert!(statuses.contains(&s), "no invoice is {s:?}");
        }
        let paid = l.balances().values().filter(|b| b.status() == InvoiceStatus::Paid).count();
        assert!(paid * 10 >= l.balances().len() * 6, "most invoices are paid ({paid})");
    }

    #[test]
    fn payments_cover_several_invoices_and_leave_rests() {
        let l = demo_ledger(today());
        assert!(l.payments().any(|p| p.allocations().len() >= 2), "a payment for several invoices");
        assert!(l.payments().any(|p| p.unallocated() > Decimal::ZERO), "a payment with an unallocated rest");
        assert!(l.payments().all(|p| !p.reference.contains("{inv}") && !p.payer_name.is_empty()));
        // Some paid early, some late.
        let mut early = 0;
        let mut late = 0;
        for p in l.payments() {
            for a in p.allocations() {
                let due = l.invoice(a.invoice).unwrap().due;
                if p.date < due {
                    early += 1;
                } else if p.date > due + Duration::days(14) {
                    late += 1;
                }
            }
        }
        assert!(early >= 10 && late >= 10, "early {early}, late {late}");
    }

    #[test]
    fn diary_tells_the_stories() {
        let l = demo_ledger(today());
        let events: Vec<&Event> = l.events().collect();
        let count = |f: &dyn Fn(&EventKind) -> bool| events.iter().filter(|e| f(&e.kind)).count();
        assert!(count(&|k| matches!(k, EventKind::Promise { .. })) >= 3);
        assert!(count(&|k| matches!(k, EventKind::DisputeOpened { .. })) >= 3);
        assert!(count(&|k| matches!(k, EventKind::DisputeResolved)) >= 1);
        assert!(count(&|k| matches!(k, EventKind::ExtensionRequest { .. })) >= 3);
        assert!(count(&|k| matches!(k, EventKind::Order { .. })) >= 20);
        assert!(count(&|k| matches!(k, EventKind::DunningDone { .. })) >= 15);
        assert!(count(&|k| matches!(k, EventKind::WrittenOff)) == 1);
        assert!(events.iter().all(|e| !e.note.contains("{inv}")));

        // A customer whose last four contact attempts went unanswered.
        let mut contacts: HashMap<CustomerId, Vec<ContactOutcome>> = HashMap::new();
        for e in &events {
            if let EventKind::Contact { outcome, .. } = e.kind {
                contacts.entry(e.customer).or_default().push(outcome);
            }
        }
        assert!(contacts
            .values()
            .any(|o| o.len() >= 4 && o[o.len() - 4..].iter().all(|x| *x != ContactOutcome::Reached)));

        // The same excuse twice for one customer.
        let mut excuses: HashMap<(CustomerId, ExcuseCategory), usize> = HashMap::new();
        for e in &events {
            if let EventKind::Excuse { category } = e.kind {
                *excuses.entry((e.customer, category)).or_default() += 1;
            }
        }
        assert!(excuses.values().filter(|n| **n >= 2).count() >= 2);

        // One promise kept (paid by its date), one broken (nothing paid since).
        let mut kept = 0;
        let mut broken = 0;
        for e in &events {
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
        assert!(kept >= 1 && broken >= 1, "kept {kept}, broken {broken}");
    }

    #[test]
    fn one_customer_is_buying_less() {
        let l = demo_ledger(today());
        let orders = |c: CustomerId, from: i64, to: i64| -> Decimal {
            l.events()
                .filter(|e| {
                    e.customer == c && e.date > today() + Duration::days(from) && e.date <= today() + Duration::days(to)
                })
                .filter_map(|e| match e.kind {
                    EventKind::Order { amount } => Some(amount),
                    _ => None,
                })
                .sum()
        };
        let shrinking = l.customers().any(|c| {
            let recent = orders(c.id, -91, 0);
            let year_before = orders(c.id, -456, -365);
            recent > Decimal::ZERO && recent * dec(2) < year_before
        });
        assert!(shrinking);
    }

    #[test]
    fn invoice_numbers_follow_the_year() {
        let l = demo_ledger(today());
        for inv in l.invoices() {
            let year = inv.date.year().to_string();
            if inv.is_credit_note() {
                assert!(inv.number.starts_with(&format!("C{year}-")), "{}", inv.number);
            } else {
                assert!(inv.number.starts_with(&format!("{year}-")) && inv.number.len() == 9, "{}", inv.number);
            }
        }
        assert_eq!(
            l.suggest_invoice_number(2026),
            format!("2026-{:04}", l.invoices().filter(|i| !i.is_credit_note() && i.date.year() == 2026).count() + 1)
        );
    }
}
