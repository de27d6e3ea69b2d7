//! The texts of the training mode, in Dutch and English: each scenario's title and briefing,
//! what each milestone shows and why, and the guided tour through the five phases.

use super::{Expectation, Milestone, Scenario};
use crate::domain::StepKind;
use crate::engine::risk::phase::Phase;
use crate::engine::risk::signals::SignalKind;
use crate::i18n::Lang;

/// The scenario's title.
pub fn title(lang: Lang, s: Scenario) -> &'static str {
    match s {
        Scenario::NewCustomerNeverPays => lang.tr("De nieuwe klant die de eerste factuur nooit betaalt", "The new customer who never pays the first invoice"),
        Scenario::GoodCustomerBuysLess => lang.tr("De goede klant die minder koopt en om uitstel vraagt", "The good customer who buys less and asks for longer terms"),
        Scenario::Excuses => lang.tr("De excuses", "The excuses"),
        Scenario::BrokenPromises => lang.tr("De gebroken beloftes", "The broken promises"),
        Scenario::LingeringDispute => lang.tr("Het slepende geschil", "The dispute that drags on"),
        Scenario::ConsumerFourteenDayLetter => lang.tr("De consument en de veertiendagenbrief", "The consumer and the 14-day letter"),
        Scenario::BelgianCustomer => lang.tr("De Belgische klant", "The Belgian customer"),
    }
}

/// What the trainee should notice and learn (2-4 sentences, after the seed articles).
pub fn briefing(lang: Lang, s: Scenario) -> &'static str {
    match s {
        Scenario::NewCustomerNeverPays => lang.tr(
            "Een nieuwe klant is gecheckt en geaccepteerd; de eerste factuur gaat de deur uit. Vier pas feest als die eerste factuur betaald is: volg hem vanaf de verzending, bel drie dagen na het versturen en op de vervaldag. Let op hoe de klant stil valt en hoe de fasen verschuiven van acceptatie via monitoring en beheer naar incasso. Neem je geen nieuwe klus aan zolang de eerste factuur openstaat?",
            "A new customer has been checked and accepted; the first invoice goes out. Only celebrate once that first invoice is paid: follow it from the day it is sent, call three days later and on the due date. Notice how the customer goes quiet and how the phases move from acceptance through monitoring and management to collection. Do you take on new work while the first invoice is unpaid?",
        ),
        Scenario::GoodCustomerBuysLess => lang.tr(
            "Een klant die een jaar lang vroeg betaalde, bestelt ineens een tiende van wat hij gewend was en vraagt twee keer om uitstel. Dat zijn twee van de acht signalen dat een klant in de problemen komt: de aankooppolitiek wijzigt en de betaaltermijn moet langer. Zie je de signalen vóórdat er een factuur vervalt? Een goede betaler krijgt een vriendelijker aanmaanbeleid, maar wel een beleid.",
            "A customer who paid early for a year suddenly orders a tenth of what they used to and asks twice for more time. These are two of the eight signs that a customer is getting into trouble: buying less and asking for longer terms. Do you see the signals before an invoice falls due? A good payer gets a friendlier dunning policy, but a policy all the same.",
        ),
        Scenario::Excuses => lang.tr(
            "Bij elk contact komt deze klant met een excuus: de factuur is niet ontvangen, de directeur moet nog tekenen, en weer niet ontvangen. Het enige echte excuus is geen geld; de rest is vaak een smoesje. Noteer elk excuus, blijf beleefd maar dring aan, en let op het moment waarop hetzelfde excuus terugkomt. Een krachtig telefoontje levert hier het geld op.",
            "At every contact this customer has an excuse: the invoice never arrived, the director still has to sign, and again it never arrived. The only real excuse is a lack of cash; the rest are often pretexts. Record every excuse, stay polite but insist, and watch for the moment the same excuse comes back. A firm phone call gets the money here.",
        ),
        Scenario::BrokenPromises => lang.tr(
            "De klant belooft te betalen en doet het niet. Bel drie dagen na de beloofde datum terug; bij een tweede belofte vraag je om een kopie van de overboeking. Let op de deelbetalingen in ronde bedragen: ook dat is een signaal. Wie beleefd maar krachtdadig optreedt, houdt de relatie intact, maar hier eindigt het met een ingebrekestelling en het incassobureau.",
            "The customer promises to pay and does not. Call back three days after the promised date; at a second promise ask for a copy of the transfer order. Watch the part payments in round amounts: that is a signal too. Acting politely but firmly keeps the relationship intact, but here it ends with a final notice and the collection agency.",
        ),
        Scenario::LingeringDispute => lang.tr(
            "De klant betwist het aantal uren op een factuur. Een betwiste factuur gaat uit de aanmaanrun tot het geschil is opgelost; de andere factuur niet. Een geschil dat langer dan dertig dagen openstaat is een waarschuwingssignaal: los het op, bijvoorbeeld met een creditnota. Daarna gaat het aanmanen gewoon verder.",
            "The customer disputes the hours on an invoice. A disputed invoice leaves the dunning run until the dispute is settled; the other invoice does not. A dispute open for more than thirty days is a warning signal: settle it, for example with a credit note. Then dunning simply resumes.",
        ),
        Scenario::ConsumerFourteenDayLetter => lang.tr(
            "Een particulier betaalt niet. Bij een consument mag je pas incassokosten rekenen na een geldige veertiendagenbrief: die noemt de kosten en geeft veertien dagen vanaf de dag na ontvangst. Kijk hoe de vordering zonder kosten blijft tot die termijn voorbij is, en hoe de overdracht aan het incassobureau daarop wacht. Betaalt de klant daarna toch, dan begint hij opnieuw in de acceptatiefase.",
            "A private customer does not pay. With a consumer you may only charge collection costs after a valid 14-day letter: it names the costs and gives fourteen days from the day after receipt. Watch the claim stay without costs until that period is over, and the hand-over to the collection agency wait for it. If the customer pays after all, they start again in the acceptance phase.",
        ),
        Scenario::BelgianCustomer => lang.tr(
            "Een Belgische zakelijke klant betaalt al een jaar keurig op tijd, maar de betalingen schuiven op naar drie weken te laat en daarna wordt een nieuwere factuur betaald terwijl een oudere openblijft. Bij een Belgisch bedrijf lopen rente en de vaste vergoeding van € 40 per factuur vanaf de dag na de vervaldag, zonder aanmaning. Herken het gewijzigde betaalpatroon en de overgeslagen betaling, en bel.",
            "A Belgian business customer has paid neatly on time for a year, but payments slide to three weeks late and then a newer invoice is paid while an older one stays open. With a Belgian business, interest and the fixed €40 per invoice run from the day after the due date, without notice. Recognise the changed payment pattern and the skipped payment, and call.",
        ),
    }
}

/// What a milestone shows, short: "het signaal 'Koopt minder'", "the step Reminder on the worklist".
pub fn expectation_label(lang: Lang, e: &Expectation) -> String {
    match *e {
        Expectation::Signal(k) => match lang {
            Lang::Nl => format!("het signaal '{}' verschijnt", lang.signal_kind(k)),
            Lang::En => format!("the signal '{}' appears", lang.signal_kind(k)),
        },
        Expectation::Phase(p) => match lang {
            Lang::Nl => format!("de klant staat in de fase {}", lang.phase_name(p)),
            Lang::En => format!("the customer is in the {} phase", lang.phase_name(p)),
        },
        Expectation::Action(k) => match lang {
            Lang::Nl => format!("de stap '{}' staat op de werklijst", lang.step_kind(k)),
            Lang::En => format!("the step '{}' is on the worklist", lang.step_kind(k)),
        },
        Expectation::BrokenPromiseCall => {
            lang.tr("het belverzoek 'belofte niet nagekomen' staat op de werklijst", "the call 'promise broken' is on the worklist").into()
        }
        Expectation::ProofOfPayment => lang
            .tr("de vraag om een kopie van de overboeking staat op de werklijst", "the request for a copy of the transfer order is on the worklist")
            .into(),
        Expectation::Claim { costs_allowed: true } => {
            lang.tr("de vordering mag met incassokosten", "the claim may include collection costs").into()
        }
        Expectation::Claim { costs_allowed: false } => {
            lang.tr("de vordering is er, maar nog zonder incassokosten", "there is a claim, but no collection costs yet").into()
        }
        Expectation::Paid => lang.tr("alles is betaald", "everything is paid").into(),
    }
}

/// Why a milestone shows what it shows, in this scenario.
pub fn explanation(lang: Lang, s: Scenario, e: &Expectation) -> &'static str {
    use Expectation as E;
    match (s, *e) {
        (Scenario::NewCustomerNeverPays, E::Phase(Phase::Acceptance)) => lang.tr(
            "er is een kredietcheck gedaan en een opdracht bevestigd, maar nog niets gefactureerd.",
            "a credit check was made and an order confirmed, but nothing is invoiced yet.",
        ),
        (Scenario::NewCustomerNeverPays, E::Phase(Phase::Monitoring)) => lang.tr(
            "de eerste factuur is verstuurd; volg hem tot hij betaald is.",
            "the first invoice has been sent; follow it until it is paid.",
        ),
        (Scenario::NewCustomerNeverPays, E::Action(StepKind::InvoiceFollowUp)) => lang.tr(
            "drie dagen na verzending: is de factuur aangekomen en is de klant tevreden?",
            "three days after sending: did the invoice arrive, is the customer satisfied?",
        ),
        (Scenario::NewCustomerNeverPays, E::Phase(Phase::Management)) => lang.tr(
            "de eerste factuur is vervallen: kom meteen in actie, niet pas na een week.",
            "the first invoice is overdue: act at once, not after a week.",
        ),
        (Scenario::NewCustomerNeverPays, E::Signal(SignalKind::NoCommunication)) => lang.tr(
            "drie contactpogingen op rij zonder reactie: er moet een belletje gaan rinkelen.",
            "three contact attempts in a row without a response: alarm bells should ring.",
        ),
        (Scenario::GoodCustomerBuysLess, E::Phase(Phase::Monitoring)) => lang.tr(
            "een goede betaler: alles op tijd, niets vervallen.",
            "a good payer: everything on time, nothing overdue.",
        ),
        (Scenario::GoodCustomerBuysLess, E::Phase(Phase::Management)) => lang.tr(
            "een factuur is vervallen, ondanks het verzoek om uitstel: uitstel vragen is nog geen uitstel krijgen.",
            "an invoice is overdue despite the request for more time: asking for it is not getting it.",
        ),
        (Scenario::GoodCustomerBuysLess, E::Action(StepKind::Reminder)) => lang.tr(
            "goede betalers krijgen hun herinnering tien dagen na de vervaldag, niet na zeven.",
            "good payers get their reminder ten days after the due date, not seven.",
        ),
        (Scenario::LingeringDispute, E::Action(StepKind::Reminder)) => lang.tr(
            "het geschil is opgelost: de betwiste factuur komt terug in de run, bij de eerste stap die nog niet gedaan is.",
            "the dispute is settled: the disputed invoice returns to the run, at the first step not yet done.",
        ),
        (Scenario::ConsumerFourteenDayLetter, E::Action(StepKind::FinalNotice)) => lang.tr(
            "bij een consument is de laatste aanmaning de veertiendagenbrief: met de kosten erin genoemd.",
            "for a consumer the final notice is the 14-day letter, naming the costs.",
        ),
        (Scenario::ConsumerFourteenDayLetter, E::Claim { costs_allowed: false }) => lang.tr(
            "wettelijke rente loopt, maar incassokosten pas na een geldige veertiendagenbrief en zijn termijn.",
            "statutory interest runs, but collection costs only after a valid 14-day letter and its period.",
        ),
        (Scenario::ConsumerFourteenDayLetter, E::Claim { costs_allowed: true }) => lang.tr(
            "de veertien dagen na de dag van ontvangst zijn voorbij: nu mogen de kosten erbij.",
            "the fourteen days after the day of receipt are over: now the costs may be added.",
        ),
        (Scenario::ConsumerFourteenDayLetter, E::Action(StepKind::HandOver)) => lang.tr(
            "de overdracht wacht tot de termijn van de veertiendagenbrief voorbij is.",
            "the hand-over waits until the 14-day letter's period is over.",
        ),
        (Scenario::ConsumerFourteenDayLetter, E::Phase(Phase::Acceptance)) => lang.tr(
            "na incasso toch betaald: terug naar de acceptatiefase, niet op dezelfde voet verder.",
            "paid after all after collection: back to the acceptance phase, not on the same footing.",
        ),
        (Scenario::BelgianCustomer, E::Phase(Phase::Monitoring)) => lang.tr(
            "een klant die al een jaar op tijd betaalt; niets vervallen.",
            "a customer who has paid on time for a year; nothing overdue.",
        ),
        (Scenario::BelgianCustomer, E::Claim { costs_allowed: true }) => lang.tr(
            "Belgisch bedrijf: rente en € 40 per factuur vanaf de dag na de vervaldag, zonder aanmaning.",
            "Belgian business: interest and €40 per invoice from the day after the due date, without notice.",
        ),
        (_, E::Action(StepKind::DueDateCall)) => lang.tr(
            "bel op de vervaldag, vraag beleefd of er een probleem is en kondig de rente aan.",
            "call on the due date, ask politely whether there is a problem and announce interest.",
        ),
        (_, E::Action(StepKind::FinalNotice)) => lang.tr(
            "de laatste aanmaning: een vriendelijke brief met de feiten, een termijn en de aangekondigde stappen.",
            "the final notice: a friendly letter with the facts, a deadline and the steps announced.",
        ),
        (_, E::Action(StepKind::HandOver)) => lang.tr(
            "de termijn van de laatste aanmaning is voorbij: draag de vordering over.",
            "the final notice's deadline has passed: hand the claim over.",
        ),
        (_, E::Phase(Phase::Collection)) => lang.tr(
            "de vordering ligt bij het incassobureau; de klant krijgt geen gewone aanmaningen meer.",
            "the claim is with the collection agency; the customer gets no ordinary reminders any more.",
        ),
        (_, E::Signal(SignalKind::BuyingLess)) => lang.tr(
            "de bestellingen van de laatste drie maanden zijn minder dan 60% van de drie maanden ervoor.",
            "the orders of the last three months are below 60% of the three months before.",
        ),
        (_, E::Signal(SignalKind::LongerTerms)) => lang.tr(
            "het tweede verzoek om uitstel binnen een half jaar: de frequentie neemt toe.",
            "the second request for more time within six months: they are getting more frequent.",
        ),
        (_, E::Phase(Phase::Management)) => lang.tr(
            "een factuur is vervallen: het aanmaanbeleid loopt.",
            "an invoice is overdue: the dunning policy runs.",
        ),
        (_, E::Action(StepKind::Reminder)) => lang.tr(
            "een week na de vervaldag: de vriendelijke herinnering.",
            "a week after the due date: the friendly reminder.",
        ),
        (_, E::Signal(SignalKind::RecurringExcuses)) => lang.tr(
            "hetzelfde excuus voor de tweede keer binnen 90 dagen: graaf dieper.",
            "the same excuse for the second time within 90 days: dig deeper.",
        ),
        (_, E::Action(StepKind::Call)) => lang.tr(
            "na de eerste aanmaning: bellen, beleefd maar krachtdadig.",
            "after the first dunning letter: call, politely but firmly.",
        ),
        (_, E::Action(StepKind::FirstDunning)) => lang.tr(
            "de herinnering hielp niet: de eerste aanmaning, strenger van toon.",
            "the reminder did not help: the first dunning letter, in a stricter tone.",
        ),
        (_, E::Signal(SignalKind::BrokenPromises)) => lang.tr(
            "de beloofde datum is voorbij en het bedrag is niet binnen.",
            "the promised date has passed and the amount has not come in.",
        ),
        (_, E::BrokenPromiseCall) => lang.tr(
            "drie dagen na de beloofde datum nog niets: bel terug.",
            "three days after the promised date still nothing: call back.",
        ),
        (_, E::ProofOfPayment) => lang.tr(
            "een tweede belofte: vraag meteen om een kopie van de overboeking.",
            "a second promise: ask straight away for a copy of the transfer order.",
        ),
        (_, E::Signal(SignalKind::RoundAmounts)) => lang.tr(
            "twee deelbetalingen in ronde bedragen: de klant betaalt wat hij kan missen.",
            "two part payments in round amounts: the customer pays what they can spare.",
        ),
        (_, E::Signal(SignalKind::LingeringDispute)) => lang.tr(
            "het geschil staat langer dan dertig dagen open: los het op.",
            "the dispute has been open for more than thirty days: settle it.",
        ),
        (_, E::Claim { costs_allowed: true }) => lang.tr(
            "zakelijke klant: rente en incassokosten mogen vanaf de dag na de vervaldag.",
            "business customer: interest and collection costs may be claimed from the day after the due date.",
        ),
        (_, E::Claim { costs_allowed: false }) => lang.tr(
            "er is een vordering, maar de kosten mogen er nog niet bij.",
            "there is a claim, but the costs may not be added yet.",
        ),
        (_, E::Signal(SignalKind::PatternChange)) => lang.tr(
            "de laatste drie betalingen komen veel later dan de klant gewend was.",
            "the last three payments come much later than the customer used to pay.",
        ),
        (_, E::Signal(SignalKind::SkippedPayments)) => lang.tr(
            "een nieuwere factuur is betaald terwijl een oudere openblijft: een overgeslagen betaling.",
            "a newer invoice was paid while an older one stays open: a skipped payment.",
        ),
        (_, E::Paid) => lang.tr("alles wat openstond is binnen.", "everything that was open has come in."),
        (_, E::Signal(_)) => lang.tr("een waarschuwingssignaal.", "a warning signal."),
        (_, E::Phase(_)) => lang.tr("de fase van de klant verandert.", "the customer's phase changes."),
        (_, E::Action(_)) => lang.tr("de volgende stap van het aanmaanbeleid.", "the next step of the dunning policy."),
    }
}

/// "Dag 12: het signaal 'Beloftes niet nagekomen' verschijnt: …".
pub fn milestone_text(lang: Lang, s: Scenario, m: &Milestone) -> String {
    let day = lang.tr("Dag", "Day");
    format!("{day} {}: {}: {}", m.day, expectation_label(lang, &m.expect), explanation(lang, s, &m.expect))
}

/// One stop of the guided tour: a page of the app, what to look at, and the rule of the app that
/// implements it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourStep {
    pub phase: Phase,
    /// The scenario to play at this stop, if any.
    pub scenario: Option<Scenario>,
    /// A hash route (`#/today`).
    pub route: &'static str,
    title: (&'static str, &'static str),
    text: (&'static str, &'static str),
    rule: (&'static str, &'static str),
}

impl TourStep {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.tr(self.title.0, self.title.1)
    }
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.tr(self.text.0, self.text.1)
    }
    /// Where the rule lives: "Instellingen → Risico en signalen → Gebroken betaalbeloftes".
    pub fn rule(&self, lang: Lang) -> &'static str {
        lang.tr(self.rule.0, self.rule.1)
    }
}

const TOUR: [TourStep; 10] = [
    TourStep {
        phase: Phase::Prospect,
        scenario: None,
        route: "#/risk",
        title: ("1. Prospect: wie wil je als klant?", "1. Prospect: whom do you want as a customer?"),
        text: (
            "Deel je klanten in op omzet, marge, moraliteit en kredietwaardigheid, en zoek bedrijven die op je beste klanten lijken. Wie aan de voorkant kiest, voorkomt betalingsproblemen achteraf.",
            "Segment your customers on revenue, margin, morality and creditworthiness, and look for companies like your best customers. Choosing at the front end prevents payment problems later.",
        ),
        rule: ("Risico → fasen: een klant zonder facturen, orders of kredietbesluit is prospect", "Risk → phases: a customer without invoices, orders or credit decision is a prospect"),
    },
    TourStep {
        phase: Phase::Acceptance,
        scenario: Some(Scenario::NewCustomerNeverPays),
        route: "#/credit-check",
        title: ("2. Acceptatie: check de kredietwaardigheid", "2. Acceptance: check creditworthiness"),
        text: (
            "Voor de eerste opdracht: een kredietcheck met score, limietadvies en bij een negatief oordeel vooruitbetaling. In het scenario 'nieuwe klant' is de check gedaan en de opdracht bevestigd: de klant staat in de acceptatiefase.",
            "Before the first order: a credit check with score, limit advice and, when negative, prepayment. In the 'new customer' scenario the check is done and the order confirmed: the customer is in the acceptance phase.",
        ),
        rule: ("Instellingen → Risico en signalen → Kredietcontrole", "Settings → Risk and signals → Credit check"),
    },
    TourStep {
        phase: Phase::Monitoring,
        scenario: Some(Scenario::NewCustomerNeverPays),
        route: "#/today",
        title: ("3. Monitoring: volg de eerste betaling", "3. Monitoring: follow the first payment"),
        text: (
            "Vier pas feest als de eerste factuur betaald is. Drie dagen na verzending staat de opvolging op de werklijst, op de vervaldag het telefoontje. Een nieuwe order terwijl de eerste factuur openstaat krijgt een waarschuwing.",
            "Only celebrate once the first invoice is paid. Three days after sending the follow-up is on the worklist, on the due date the call. A new order while the first invoice is open gets a warning.",
        ),
        rule: ("Instellingen → Risico en signalen → Kredietcontrole (waarschuw zolang de eerste factuur openstaat)", "Settings → Risk and signals → Credit check (warn while the first invoice is unpaid)"),
    },
    TourStep {
        phase: Phase::Management,
        scenario: Some(Scenario::Excuses),
        route: "#/today",
        title: ("4. Beheer: de factuur is vervallen", "4. Management: the invoice is overdue"),
        text: (
            "Kom meteen in actie: herinnering, eerste aanmaning, bellen, laatste aanmaning. Eén bericht per klant, kanaal naar bedrag. In het scenario 'excuses' zie je hoe hetzelfde excuus een signaal wordt en hoe het telefoontje het geld oplevert.",
            "Act at once: reminder, first dunning letter, call, final notice. One message per customer, channel by amount. In the 'excuses' scenario you see the same excuse become a signal and the call get the money.",
        ),
        rule: ("Instellingen → Incassobeleid → Standaard", "Settings → Dunning policy → Standard"),
    },
    TourStep {
        phase: Phase::Management,
        scenario: Some(Scenario::GoodCustomerBuysLess),
        route: "#/risk",
        title: ("4. Beheer: signalen vóór de problemen", "4. Management: signals before the trouble"),
        text: (
            "Minder kopen en vaker uitstel vragen gaan vooraf aan betalingsproblemen. Het risico-overzicht toont elk signaal met het bewijs: welke orders, welke verzoeken.",
            "Buying less and asking for more time more often come before payment problems. The risk overview shows every signal with its evidence: which orders, which requests.",
        ),
        rule: ("Instellingen → Risico en signalen → Waarschuwingssignalen", "Settings → Risk and signals → Warning signals"),
    },
    TourStep {
        phase: Phase::Management,
        scenario: Some(Scenario::BrokenPromises),
        route: "#/today",
        title: ("4. Beheer: beloftes", "4. Management: promises"),
        text: (
            "Een belofte pauzeert het aanmanen tot de beloofde datum. Drie dagen later nog niets: bel terug. Bij de tweede belofte vraag je om een kopie van de overboeking.",
            "A promise pauses dunning until the promised date. Three days later still nothing: call back. At the second promise ask for a copy of the transfer order.",
        ),
        rule: ("Instellingen → Risico en signalen → Gebroken betaalbeloftes", "Settings → Risk and signals → Broken promises to pay"),
    },
    TourStep {
        phase: Phase::Management,
        scenario: Some(Scenario::LingeringDispute),
        route: "#/risk",
        title: ("4. Beheer: geschillen", "4. Management: disputes"),
        text: (
            "Een betwiste factuur gaat uit de aanmaanrun; een geschil dat langer dan dertig dagen openstaat wordt een signaal. Los het op, met een creditnota waar nodig.",
            "A disputed invoice leaves the dunning run; a dispute open longer than thirty days becomes a signal. Settle it, with a credit note where needed.",
        ),
        rule: ("Instellingen → Risico en signalen → Geschil langer open dan (dagen)", "Settings → Risk and signals → Dispute open longer than (days)"),
    },
    TourStep {
        phase: Phase::Management,
        scenario: Some(Scenario::BelgianCustomer),
        route: "#/calculator",
        title: ("4. Beheer: de wet in België", "4. Management: the law in Belgium"),
        text: (
            "Bij een Belgisch bedrijf lopen rente en € 40 per factuur vanaf de dag na de vervaldag, zonder aanmaning. Het scenario toont ook een betaalpatroon dat verandert en een overgeslagen betaling.",
            "With a Belgian business, interest and €40 per invoice run from the day after the due date, without notice. The scenario also shows a changing payment pattern and a skipped payment.",
        ),
        rule: ("Instellingen → Wettelijke rente en kosten", "Settings → Statutory interest and costs"),
    },
    TourStep {
        phase: Phase::Collection,
        scenario: Some(Scenario::ConsumerFourteenDayLetter),
        route: "#/today",
        title: ("5. Incasso: de veertiendagenbrief en de overdracht", "5. Collection: the 14-day letter and the hand-over"),
        text: (
            "Bij een consument mogen incassokosten pas na een geldige veertiendagenbrief en zijn termijn; de overdracht wacht daarop. Na de overdracht staat de klant in de incassofase.",
            "With a consumer, collection costs only after a valid 14-day letter and its period; the hand-over waits for it. After the hand-over the customer is in the collection phase.",
        ),
        rule: ("Instellingen → Incassobeleid → Standaard → Laatste aanmaning en Overdracht incasso", "Settings → Dunning policy → Standard → Final notice and Hand-over"),
    },
    TourStep {
        phase: Phase::Collection,
        scenario: Some(Scenario::ConsumerFourteenDayLetter),
        route: "#/risk",
        title: ("5. Incasso: en daarna?", "5. Collection: and after that?"),
        text: (
            "Een kredietverzekeraar keert 90% uit. Betaalt de klant na incasso toch, ga dan terug naar acceptatie en niet op dezelfde voet verder. Leer ervan: de fasen 1 tot en met 4 voorkomen de meeste problemen.",
            "A credit insurer pays out 90%. If the customer pays after collection after all, go back to acceptance and do not continue on the same footing. Learn from it: phases 1 to 4 prevent most problems.",
        ),
        rule: ("Instellingen → Risico en signalen → Kredietverzekeraar vergoedt", "Settings → Risk and signals → Credit insurer pays"),
    },
];

/// The guided tour: the five phases in order (prospect → acceptance → monitoring → management →
/// collection), each stop on the page that shows it and, where one fits, with a scenario.
pub fn tour() -> &'static [TourStep] {
    &TOUR
}
