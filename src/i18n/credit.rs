//! Texts of the customer phases and the credit check: phase names and reasons, the checklist of
//! each phase (seed 000), decisions and their reasons, the limit formula line by line, order
//! warnings and the insurer's payout. Every reason is a full sentence with its figures.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{Currency, InvoiceId, Ledger, Money, RiskLevel};
use crate::engine::risk::credit::{
    Decision, InsurerClaim, LimitStep, OrderWarning, Reason, StepKind, LOW_SCORE,
};
use crate::engine::risk::phase::{ChecklistItem, Phase, PhaseReason};

use super::Lang;

impl Lang {
    /// The name of a phase.
    pub fn phase_name(self, p: Phase) -> &'static str {
        match p {
            Phase::Prospect => self.tr("Prospect", "Prospect"),
            Phase::Acceptance => self.tr("Acceptatie", "Acceptance"),
            Phase::Monitoring => self.tr("Monitoring", "Monitoring"),
            Phase::Management => self.tr("Beheer", "Management"),
            Phase::Collection => self.tr("Incasso", "Collection"),
        }
    }

    /// What a phase is about, in one line (seed 000's headings).
    pub fn phase_motto(self, p: Phase) -> &'static str {
        match p {
            Phase::Prospect => self.tr("Denk na wie je als klant wilt", "Think about whom you want as a customer"),
            Phase::Acceptance => self.tr("Check de kredietwaardigheid", "Check the creditworthiness"),
            Phase::Monitoring => self.tr("Volg de (eerste) betaling", "Follow the (first) payment"),
            Phase::Management => self.tr("De factuur is vervallen", "The invoice is overdue"),
            Phase::Collection => self.tr("De betaling blijft uit", "The payment does not come"),
        }
    }

    /// The name of a risk level.
    pub fn risk_level_name(self, level: RiskLevel) -> &'static str {
        match level {
            RiskLevel::Low => self.tr("laag", "low"),
            RiskLevel::Medium => self.tr("gemiddeld", "medium"),
            RiskLevel::High => self.tr("hoog", "high"),
        }
    }

    /// Amounts in several currencies: `€ 1.200,00 + $ 300,00`; `€ 0,00` when empty.
    pub fn amounts_per_currency(self, amounts: &[Money]) -> String {
        if amounts.is_empty() {
            return self.amount(Decimal::ZERO, Currency::EUR);
        }
        amounts.iter().map(|m| self.money(*m)).collect::<Vec<_>>().join(" + ")
    }

    fn credit_invoices_word(self, n: usize) -> String {
        match (self, n == 1) {
            (Lang::Nl, true) => "1 factuur".into(),
            (Lang::Nl, false) => format!("{n} facturen"),
            (Lang::En, true) => "1 invoice".into(),
            (Lang::En, false) => format!("{n} invoices"),
        }
    }

    /// Days with at most one decimal: `12,5` (nl), `12.5` (en).
    fn credit_day_figure(self, d: Decimal) -> String {
        let s = d.round_dp(1).normalize().to_string();
        match self {
            Lang::Nl => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// "on average 12,5 days late" / "on average on time".
    fn credit_delay(self, d: Decimal) -> String {
        let n = self.credit_day_figure(d.abs());
        match (self, d.round_dp(1).cmp(&Decimal::ZERO)) {
            (Lang::Nl, std::cmp::Ordering::Greater) => format!("gemiddeld {n} dagen te laat"),
            (Lang::Nl, std::cmp::Ordering::Less) => format!("gemiddeld {n} dagen vóór de vervaldatum"),
            (Lang::Nl, std::cmp::Ordering::Equal) => "gemiddeld precies op tijd".into(),
            (Lang::En, std::cmp::Ordering::Greater) => format!("on average {n} days late"),
            (Lang::En, std::cmp::Ordering::Less) => format!("on average {n} days before the due date"),
            (Lang::En, std::cmp::Ordering::Equal) => "on average exactly on time".into(),
        }
    }

    fn credit_invoice_label(ledger: &Ledger, id: InvoiceId) -> String {
        ledger.invoice(id).map_or_else(|| format!("#{id}"), |i| i.number.clone())
    }

    /// Why the customer is in their phase, as a sentence. The ledger gives the invoice numbers.
    pub fn phase_reason(self, r: &PhaseReason, ledger: &Ledger) -> String {
        let cur = ledger.settings.currency;
        match (self, r) {
            (Lang::Nl, PhaseReason::NoInvoices) => "Nog geen facturen, orders of kredietbeslissing.".into(),
            (Lang::En, PhaseReason::NoInvoices) => "No invoices, orders or credit decision yet.".into(),
            (Lang::Nl, PhaseReason::Ordered { date, amount }) => format!(
                "Eerste order van {} op {}, nog niet gefactureerd: eerst de kredietcheck.",
                self.amount(*amount, cur),
                self.date(*date)
            ),
            (Lang::En, PhaseReason::Ordered { date, amount }) => format!(
                "First order of {} on {}, not invoiced yet: the credit check comes first.",
                self.amount(*amount, cur),
                self.date(*date)
            ),
            (_, PhaseReason::CreditDecided { date, limit }) => {
                let what = match (self, limit) {
                    (Lang::Nl, Some(l)) => format!("Kredietlimiet van {} vastgesteld", self.amount(*l, cur)),
                    (Lang::Nl, None) if date.is_some() => "Kredietbeslissing genomen (geen limiet)".into(),
                    (Lang::Nl, None) => "Alleen leveren tegen vooruitbetaling".into(),
                    (Lang::En, Some(l)) => format!("Credit limit of {} set", self.amount(*l, cur)),
                    (Lang::En, None) if date.is_some() => "Credit decision made (no limit)".into(),
                    (Lang::En, None) => "Deliver only against prepayment".into(),
                };
                let when = date.map(|d| format!(" {} {}", self.tr("op", "on"), self.date(d))).unwrap_or_default();
                format!("{what}{when}; {}", self.tr("nog niets gefactureerd.", "nothing invoiced yet."))
            }
            (Lang::Nl, PhaseReason::BackAfterCollection { handed_over, paid_on }) => format!(
                "Op {} uit handen gegeven en op {} toch volledig betaald: eerst een nieuwe kredietcheck, niet op dezelfde voet verder.",
                self.date(*handed_over),
                self.date(*paid_on)
            ),
            (Lang::En, PhaseReason::BackAfterCollection { handed_over, paid_on }) => format!(
                "Handed over on {} and paid in full after all on {}: a new credit check first, not on the same footing as before.",
                self.date(*handed_over),
                self.date(*paid_on)
            ),
            (Lang::Nl, PhaseReason::FirstInvoiceUnpaid { invoice, due, open }) => format!(
                "De eerste factuur {} ({}) is nog niet betaald; vervaldatum {}.",
                Self::credit_invoice_label(ledger, *invoice),
                self.money(*open),
                self.date(*due)
            ),
            (Lang::En, PhaseReason::FirstInvoiceUnpaid { invoice, due, open }) => format!(
                "The first invoice {} ({}) is not paid yet; due on {}.",
                Self::credit_invoice_label(ledger, *invoice),
                self.money(*open),
                self.date(*due)
            ),
            (Lang::Nl, PhaseReason::OpenNotDue { invoices, amounts, next_due }) => format!(
                "Eerste factuur betaald. {} open ({}), geen enkele vervallen; de eerstvolgende vervalt op {}.",
                self.credit_invoices_word(*invoices),
                self.amounts_per_currency(amounts),
                self.date(*next_due)
            ),
            (Lang::En, PhaseReason::OpenNotDue { invoices, amounts, next_due }) => format!(
                "First invoice paid. {} open ({}), none overdue; the next falls due on {}.",
                self.credit_invoices_word(*invoices),
                self.amounts_per_currency(amounts),
                self.date(*next_due)
            ),
            (Lang::Nl, PhaseReason::AllPaid { last_paid: Some(d) }) => {
                format!("Alles is betaald, het laatst op {}; er staat niets open.", self.date(*d))
            }
            (Lang::Nl, PhaseReason::AllPaid { last_paid: None }) => "Alles is betaald of gecrediteerd; er staat niets open.".into(),
            (Lang::En, PhaseReason::AllPaid { last_paid: Some(d) }) => {
                format!("Everything is paid, the last on {}; nothing is open.", self.date(*d))
            }
            (Lang::En, PhaseReason::AllPaid { last_paid: None }) => "Everything is paid or credited; nothing is open.".into(),
            (Lang::Nl, PhaseReason::Overdue { invoices, amounts, oldest_days }) => format!(
                "{} vervallen, samen {}; de oudste {} over de vervaldatum.",
                self.credit_invoices_word(invoices.len()),
                self.amounts_per_currency(amounts),
                self.days(*oldest_days)
            ),
            (Lang::En, PhaseReason::Overdue { invoices, amounts, oldest_days }) => format!(
                "{} overdue, {} in all; the oldest {} past its due date.",
                self.credit_invoices_word(invoices.len()),
                self.amounts_per_currency(amounts),
                self.days(*oldest_days)
            ),
            (_, PhaseReason::HandedOver { date, open }) => {
                let who = match (self, date) {
                    (Lang::Nl, Some(d)) => format!("Op {} uit handen gegeven", self.date(*d)),
                    (Lang::Nl, None) => "Gemarkeerd als uit handen gegeven".into(),
                    (Lang::En, Some(d)) => format!("Handed over on {}", self.date(*d)),
                    (Lang::En, None) => "Marked as handed over".into(),
                };
                let rest = match (self, open.is_empty()) {
                    (Lang::Nl, true) => "er staat niets meer open (betaald of afgeboekt).".into(),
                    (Lang::Nl, false) => format!("nog open: {}.", self.amounts_per_currency(open)),
                    (Lang::En, true) => "nothing is open any more (paid or written off).".into(),
                    (Lang::En, false) => format!("still open: {}.", self.amounts_per_currency(open)),
                };
                format!("{who}; {rest}")
            }
            (Lang::Nl, PhaseReason::PaidAfterHandOver { date, paid_on }) => format!(
                "Op {} uit handen gegeven en op {} volledig betaald. Haal de markering 'uit handen gegeven' weg om de klant terug te zetten naar acceptatie.",
                self.date(*date),
                self.date(*paid_on)
            ),
            (Lang::En, PhaseReason::PaidAfterHandOver { date, paid_on }) => format!(
                "Handed over on {} and paid in full on {}. Clear the 'handed over' mark to take the customer back to acceptance.",
                self.date(*date),
                self.date(*paid_on)
            ),
        }
    }

    /// One item of a phase's checklist (seed 000).
    pub fn checklist_item(self, item: ChecklistItem) -> &'static str {
        use ChecklistItem::*;
        match item {
            MarketAnalysis => self.tr(
                "Maak een marktpenetratieanalyse: deel je klanten in op omzet, marge, moraliteit en kredietwaardigheid.",
                "Make a market penetration analysis: group your customers by revenue, margin, morality and creditworthiness.",
            ),
            LookAlikes => self.tr(
                "Zoek bedrijven die lijken op je beste klantgroep(en).",
                "Look for companies like your best customer group(s).",
            ),
            CreditworthyProspectsOnly => self.tr(
                "Stuur verkopers alleen naar kredietwaardige prospects.",
                "Send salespeople only to creditworthy prospects.",
            ),
            CheckCreditworthiness => self.tr(
                "Check altijd eerst de kredietwaardigheid: score en limietadvies.",
                "Always check the creditworthiness first: score and limit advice.",
            ),
            MentionInsurer => self.tr(
                "Vertel in het verkoopgesprek dat de kredietverzekeraar om deze check vraagt.",
                "Say in the sales conversation that the credit insurer asks for this check.",
            ),
            PrepaymentWhenNegative => self.tr(
                "Negatief advies? Neem de order alleen aan tegen vooruitbetaling.",
                "Negative advice? Take the order only against prepayment.",
            ),
            ClearQuote => self.tr(
                "Stel pas daarna een duidelijke offerte op, met heldere verkoopvoorwaarden.",
                "Only then write a clear quote, with clear terms of sale.",
            ),
            InvoiceFastAndRight => self.tr(
                "Verstuur de factuur snel en met de juiste gegevens.",
                "Send the invoice promptly and with the right details.",
            ),
            SalesFollowsPayment => self.tr(
                "Laat de verkoper de (eerste) betaling volgen: vier pas feest als die binnen is.",
                "Have the salesperson follow the (first) payment: celebrate only once it is in.",
            ),
            WaitForFirstPayment => self.tr(
                "Wacht zo nodig de eerste betaling af voordat je nieuwe orders aanneemt.",
                "If need be, wait for the first payment before taking new orders.",
            ),
            ActAtOnce => self.tr(
                "Kom meteen in actie als een factuur vervalt: volg het vaste proces.",
                "Act as soon as an invoice is overdue: follow the set process.",
            ),
            CallOrMail => self.tr("Bel of mail de klant: wat is er aan de hand?", "Call or e-mail the customer: what is going on?"),
            CheckDispute => self.tr("Is er een geschil? Zoek het meteen uit.", "Is there a dispute? Sort it out straight away."),
            ConsiderHold => self.tr(
                "Moet de klant on hold? Dan geen nieuwe leveringen tot de achterstand is ingelopen.",
                "Should the customer go on hold? Then no new deliveries until the arrears are paid.",
            ),
            AgreeWhoAndWhat => self.tr(
                "Spreek af wie de klant benadert en wat je zegt.",
                "Agree who contacts the customer and what to say.",
            ),
            HandOverClaim => self.tr(
                "Geef de vordering uit handen met hoofdsom, rente en kosten op de overdrachtsdatum.",
                "Hand the claim over with principal, interest and costs on the hand-over date.",
            ),
            ClaimInsurer => self.tr(
                "Kredietverzekerd? Dien de claim in: de verzekeraar keert het verzekerde deel uit (standaard 90%) en gaat daarna zelf achter het geld aan.",
                "Credit-insured? File the claim: the insurer pays its share (90% by default) and then goes after the money itself.",
            ),
            FileInOrder => self.tr(
                "Zorg dat het dossier klopt: facturen, aanmaningen, afspraken en contactmomenten.",
                "Make sure the file is in order: invoices, reminders, agreements and contacts.",
            ),
            BackToAcceptance => self.tr(
                "Betaalt de klant toch? Terug naar de acceptatiefase: niet op dezelfde voet verder.",
                "Does the customer pay after all? Back to the acceptance phase: not on the same footing.",
            ),
            LearnFromIt => self.tr(
                "Neem je verlies en leer ervan: let voortaan beter op fase 1 tot en met 4.",
                "Take the loss and learn from it: watch phases 1 to 4 more closely from now on.",
            ),
        }
    }

    /// The decision of the credit check as a label.
    pub fn decision(self, d: &Decision, currency: Currency) -> String {
        match d {
            Decision::Accept => self.tr("Accepteren", "Accept").into(),
            Decision::AcceptUpTo(x) => format!("{} {}", self.tr("Accepteren tot", "Accept up to"), self.amount(*x, currency)),
            Decision::PrepaymentOnly => self.tr("Alleen tegen vooruitbetaling", "Prepayment only").into(),
            Decision::Hold => self.tr("Niet leveren", "Hold: do not deliver").into(),
        }
    }

    /// One reason of the credit check, as a sentence with its figures.
    pub fn credit_reason(self, r: &Reason, currency: Currency) -> String {
        let m = |d: Decimal| self.amount(d, currency);
        let delay = |wd: &Option<Decimal>| wd.map(|d| format!(" ({})", self.credit_delay(d))).unwrap_or_default();
        match (self, r) {
            (Lang::Nl, Reason::HandedOver) => "De klant is uit handen gegeven aan een incassobureau of advocaat.".into(),
            (Lang::En, Reason::HandedOver) => "The customer has been handed over to a collection agency or lawyer.".into(),
            (Lang::Nl, Reason::OnHold) => "De klant staat on hold: geen nieuwe leveringen tot de achterstand is ingelopen.".into(),
            (Lang::En, Reason::OnHold) => "The customer is on hold: no new deliveries until the arrears are paid.".into(),
            (Lang::Nl, Reason::OverdueGradeD { overdue, weighted_delay }) => format!(
                "Er staat {} vervallen en de klant betaalt in klasse D{}.",
                m(*overdue),
                delay(weighted_delay)
            ),
            (Lang::En, Reason::OverdueGradeD { overdue, weighted_delay }) => format!(
                "{} is overdue and the customer pays at grade D{}.",
                m(*overdue),
                delay(weighted_delay)
            ),
            (Lang::Nl, Reason::PrepaymentRequired) => "Voor deze klant geldt: alleen leveren tegen vooruitbetaling.".into(),
            (Lang::En, Reason::PrepaymentRequired) => "This customer is marked: deliver only against prepayment.".into(),
            (Lang::Nl, Reason::GradeD { weighted_delay }) => {
                format!("De klant betaalt in klasse D{}.", delay(weighted_delay))
            }
            (Lang::En, Reason::GradeD { weighted_delay }) => format!("The customer pays at grade D{}.", delay(weighted_delay)),
            (Lang::Nl, Reason::ScoreBelowFloor { score, floor }) => {
                format!("De externe score {score} ligt onder de ondergrens van {floor}.")
            }
            (Lang::En, Reason::ScoreBelowFloor { score, floor }) => {
                format!("The external score {score} is below the floor of {floor}.")
            }
            (Lang::Nl, Reason::HighRiskNoHistory { score: Some(s) }) => format!(
                "Nieuwe klant zonder betaalgeschiedenis, in een sector of land met hoog risico, met een lage externe score ({s}, onder {LOW_SCORE})."
            ),
            (Lang::Nl, Reason::HighRiskNoHistory { score: None }) => {
                "Nieuwe klant zonder betaalgeschiedenis, in een sector of land met hoog risico, zonder externe score.".into()
            }
            (Lang::En, Reason::HighRiskNoHistory { score: Some(s) }) => format!(
                "New customer without payment history, in a high-risk sector or country, with a low external score ({s}, below {LOW_SCORE})."
            ),
            (Lang::En, Reason::HighRiskNoHistory { score: None }) => {
                "New customer without payment history, in a high-risk sector or country, without an external score.".into()
            }
            (Lang::Nl, Reason::OverLimit { open, requested, limit, room }) => {
                let rest = if room.is_zero() {
                    "er kan niets meer op krediet.".to_string()
                } else {
                    format!("op krediet kan nog {}.", m(*room))
                };
                format!(
                    "Open {} plus deze order {} is {}: meer dan de limiet van {}; {rest}",
                    m(*open),
                    m(*requested),
                    m(*open + *requested),
                    m(*limit)
                )
            }
            (Lang::En, Reason::OverLimit { open, requested, limit, room }) => {
                let rest = if room.is_zero() {
                    "nothing more can go on credit.".to_string()
                } else {
                    format!("{} can still go on credit.", m(*room))
                };
                format!(
                    "Open {} plus this order {} is {}: more than the limit of {}; {rest}",
                    m(*open),
                    m(*requested),
                    m(*open + *requested),
                    m(*limit)
                )
            }
            (Lang::Nl, Reason::WithinLimit { open, requested, limit }) => format!(
                "Open {} plus deze order {} is {}: binnen de limiet van {}.",
                m(*open),
                m(*requested),
                m(*open + *requested),
                m(*limit)
            ),
            (Lang::En, Reason::WithinLimit { open, requested, limit }) => format!(
                "Open {} plus this order {} is {}: within the limit of {}.",
                m(*open),
                m(*requested),
                m(*open + *requested),
                m(*limit)
            ),
            (Lang::Nl, Reason::ManualLimit { limit, advised }) => format!(
                "De kredietlimiet van {} is met de hand vastgesteld en gaat voor het advies ({}).",
                m(*limit),
                m(*advised)
            ),
            (Lang::En, Reason::ManualLimit { limit, advised }) => format!(
                "The credit limit of {} was set by hand and takes precedence over the advice ({}).",
                m(*limit),
                m(*advised)
            ),
            (Lang::Nl, Reason::NoRevenueEstimate) => {
                "Er is geen verwachte jaaromzet ingevuld: het limietadvies is daarom nul.".into()
            }
            (Lang::En, Reason::NoRevenueEstimate) => {
                "No expected yearly revenue was entered, so the limit advice is zero.".into()
            }
            (Lang::Nl, Reason::Overdue { amount }) => format!("Er staat {} vervallen; het aanmaanplan loopt.", m(*amount)),
            (Lang::En, Reason::Overdue { amount }) => format!("{} is overdue; the dunning plan runs.", m(*amount)),
            (Lang::Nl, Reason::Grade { grade, weighted_delay }) => {
                format!("Betaalgedrag: klasse {}{}.", grade.letter(), delay(weighted_delay))
            }
            (Lang::En, Reason::Grade { grade, weighted_delay }) => {
                format!("Payment behaviour: grade {}{}.", grade.letter(), delay(weighted_delay))
            }
            (Lang::Nl, Reason::NoHistory) => "Nog geen betaalgeschiedenis: telt in het advies als 0,60.".into(),
            (Lang::En, Reason::NoHistory) => "No payment history yet: counts as 0.60 in the advice.".into(),
            (Lang::Nl, Reason::Score { score, date }) => match date {
                Some(d) => format!("Externe score {score} van 100 (van {}).", self.date(*d)),
                None => format!("Externe score {score} van 100."),
            },
            (Lang::En, Reason::Score { score, date }) => match date {
                Some(d) => format!("External score {score} out of 100 (of {}).", self.date(*d)),
                None => format!("External score {score} out of 100."),
            },
            (Lang::Nl, Reason::ScoreOld { date, days }) => format!(
                "De externe score is van {}, {} oud: vraag een nieuwe op.",
                self.date(*date),
                self.days(*days)
            ),
            (Lang::En, Reason::ScoreOld { date, days }) => format!(
                "The external score is of {}, {} old: ask for a new one.",
                self.date(*date),
                self.days(*days)
            ),
            (Lang::Nl, Reason::NoScore) => "Geen externe score bekend: telt in het advies als 0,60.".into(),
            (Lang::En, Reason::NoScore) => "No external score known: counts as 0.60 in the advice.".into(),
            (Lang::Nl, Reason::Risk { level }) => format!("Risico van sector en land: {}.", self.risk_level_name(*level)),
            (Lang::En, Reason::Risk { level }) => format!("Risk of sector and country: {}.", self.risk_level_name(*level)),
        }
    }

    /// One line of the limit formula, ending in the running amount.
    pub fn limit_step(self, s: &LimitStep, currency: Currency) -> String {
        let m = |d: Decimal| self.amount(d, currency);
        let f = |d: Decimal| format!("× {}", self.number(d));
        let what = match (self, &s.kind) {
            (Lang::Nl, StepKind::Base { revenue, share }) => {
                format!("{} van de verwachte jaaromzet {}", self.percent(*share), m(*revenue))
            }
            (Lang::En, StepKind::Base { revenue, share }) => {
                format!("{} of the expected yearly revenue {}", self.percent(*share), m(*revenue))
            }
            (Lang::Nl, StepKind::Grade { grade: Some(g), factor }) => format!("{} voor betaalklasse {}", f(*factor), g.letter()),
            (Lang::Nl, StepKind::Grade { grade: None, factor }) => format!("{} voor nog geen betaalgeschiedenis", f(*factor)),
            (Lang::En, StepKind::Grade { grade: Some(g), factor }) => format!("{} for payment grade {}", f(*factor), g.letter()),
            (Lang::En, StepKind::Grade { grade: None, factor }) => format!("{} for no payment history yet", f(*factor)),
            (Lang::Nl, StepKind::Score { score: Some(sc), factor }) => format!("{} voor externe score {sc}", f(*factor)),
            (Lang::Nl, StepKind::Score { score: None, factor }) => format!("{} zonder externe score", f(*factor)),
            (Lang::En, StepKind::Score { score: Some(sc), factor }) => format!("{} for external score {sc}", f(*factor)),
            (Lang::En, StepKind::Score { score: None, factor }) => format!("{} without an external score", f(*factor)),
            (Lang::Nl, StepKind::Risk { level, factor }) => format!("{} voor {} risico", f(*factor), self.risk_level_name(*level)),
            (Lang::En, StepKind::Risk { level, factor }) => format!("{} for {} risk", f(*factor), self.risk_level_name(*level)),
            (Lang::Nl, StepKind::RoundDown) => "Naar beneden afgerond op hele honderden".into(),
            (Lang::En, StepKind::RoundDown) => "Rounded down to whole hundreds".into(),
            (Lang::Nl, StepKind::InsuredCap { limit, applied: true }) => format!("Begrensd op de verzekerde limiet van {}", m(*limit)),
            (Lang::Nl, StepKind::InsuredCap { limit, applied: false }) => format!("Binnen de verzekerde limiet van {}", m(*limit)),
            (Lang::En, StepKind::InsuredCap { limit, applied: true }) => format!("Capped at the insured limit of {}", m(*limit)),
            (Lang::En, StepKind::InsuredCap { limit, applied: false }) => format!("Within the insured limit of {}", m(*limit)),
        };
        format!("{what} = {}", m(s.amount))
    }

    /// A warning on a new order, as a sentence. The ledger gives the invoice numbers and currency.
    pub fn order_warning(self, w: &OrderWarning, ledger: &Ledger) -> String {
        let m = |d: Decimal| self.amount(d, ledger.settings.currency);
        match (self, w) {
            (Lang::Nl, OrderWarning::HandedOver) => "Deze klant is uit handen gegeven: neem geen nieuwe orders aan.".into(),
            (Lang::En, OrderWarning::HandedOver) => "This customer has been handed over for collection: take no new orders.".into(),
            (Lang::Nl, OrderWarning::OnHold) => {
                "Deze klant staat on hold: geen nieuwe leveringen tot de achterstand is ingelopen.".into()
            }
            (Lang::En, OrderWarning::OnHold) => "This customer is on hold: no new deliveries until the arrears are paid.".into(),
            (Lang::Nl, OrderWarning::PrepaymentRequired) => "Alleen leveren tegen vooruitbetaling.".into(),
            (Lang::En, OrderWarning::PrepaymentRequired) => "Deliver only against prepayment.".into(),
            (Lang::Nl, OrderWarning::OverLimit { open, order, limit }) => format!(
                "Open {} plus deze order {} is {}: {} boven de kredietlimiet van {}.",
                m(*open),
                m(*order),
                m(*open + *order),
                m(*open + *order - *limit),
                m(*limit)
            ),
            (Lang::En, OrderWarning::OverLimit { open, order, limit }) => format!(
                "Open {} plus this order {} is {}: {} over the credit limit of {}.",
                m(*open),
                m(*order),
                m(*open + *order),
                m(*open + *order - *limit),
                m(*limit)
            ),
            (Lang::Nl, OrderWarning::Overdue { amounts, oldest_days }) => format!(
                "Er staat {} vervallen; de oudste factuur is {} over de vervaldatum.",
                self.amounts_per_currency(amounts),
                self.days(*oldest_days)
            ),
            (Lang::En, OrderWarning::Overdue { amounts, oldest_days }) => format!(
                "{} is overdue; the oldest invoice is {} past its due date.",
                self.amounts_per_currency(amounts),
                self.days(*oldest_days)
            ),
            (Lang::Nl, OrderWarning::FirstInvoiceUnpaid { invoice, due, open }) => format!(
                "De eerste factuur {} ({}, vervaldatum {}) is nog niet betaald: wacht die betaling af voordat je nieuwe orders aanneemt.",
                Self::credit_invoice_label(ledger, *invoice),
                self.money(*open),
                self.date(*due)
            ),
            (Lang::En, OrderWarning::FirstInvoiceUnpaid { invoice, due, open }) => format!(
                "The first invoice {} ({}, due {}) is not paid yet: wait for that payment before taking new orders.",
                Self::credit_invoice_label(ledger, *invoice),
                self.money(*open),
                self.date(*due)
            ),
            (Lang::Nl, OrderWarning::AfterCollection { paid_on }) => format!(
                "Deze klant betaalde pas na incasso (op {}): doe eerst een nieuwe kredietcheck.",
                self.date(*paid_on)
            ),
            (Lang::En, OrderWarning::AfterCollection { paid_on }) => format!(
                "This customer paid only after collection (on {}): do a new credit check first.",
                self.date(*paid_on)
            ),
        }
    }

    /// The insurer's payout in one sentence.
    pub fn insurer_claim(self, c: &InsurerClaim, currency: Currency) -> String {
        let m = |d: Decimal| self.amount(d, currency);
        match self {
            Lang::Nl => format!(
                "Verlies {}, waarvan verzekerd {}; de verzekeraar keert {} daarvan uit: {}. Eigen risico {}.",
                m(c.loss),
                m(c.insured_loss),
                self.percent(c.share),
                m(c.payout),
                m(c.own_risk)
            ),
            Lang::En => format!(
                "Loss {}, of which insured {}; the insurer pays {} of that: {}. Own risk {}.",
                m(c.loss),
                m(c.insured_loss),
                self.percent(c.share),
                m(c.payout),
                m(c.own_risk)
            ),
        }
    }

    /// "since 23-11-2026" for a phase, or nothing when unknown.
    pub fn phase_since(self, since: Option<NaiveDate>) -> String {
        since.map(|d| format!("{} {}", self.tr("sinds", "since"), self.date(d))).unwrap_or_default()
    }
}
