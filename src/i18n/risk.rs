//! Texts of risk: grades, severities, the titles of the warning signals, the evidence of a signal
//! as sentences that name invoice numbers, dates and amounts, and the payment behaviour in one
//! sentence.

use rust_decimal::Decimal;

use super::Lang;
use crate::domain::{InvoiceId, Ledger};
use crate::engine::risk::behaviour::{Behaviour, Trend};
use crate::engine::risk::signals::{Against, Basis, Evidence, Severity, Signal, SignalKind};
use crate::engine::risk::Grade;

impl Lang {
    /// A word for a grade, shown after its letter ("B — redelijk").
    pub fn grade_label(self, g: Grade) -> &'static str {
        match g {
            Grade::A => self.tr("goed", "good"),
            Grade::B => self.tr("redelijk", "fair"),
            Grade::C => self.tr("matig", "poor"),
            Grade::D => self.tr("slecht", "bad"),
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Low => self.tr("Laag", "Low"),
            Severity::Medium => self.tr("Middel", "Medium"),
            Severity::High => self.tr("Hoog", "High"),
        }
    }

    /// The title of a warning signal.
    pub fn signal_kind(self, k: SignalKind) -> &'static str {
        match k {
            SignalKind::NoCommunication => self.tr("Geen reactie meer", "No response"),
            SignalKind::RecurringExcuses => self.tr("Steeds hetzelfde excuus", "Recurring excuses"),
            SignalKind::BuyingLess => self.tr("Koopt minder", "Buying less"),
            SignalKind::BrokenPromises => self.tr("Beloftes niet nagekomen", "Broken promises"),
            SignalKind::LingeringDispute => self.tr("Slepend geschil", "Lingering dispute"),
            SignalKind::LongerTerms => self.tr("Vraagt langere betaaltermijn", "Asks for longer terms"),
            SignalKind::PatternChange => self.tr("Betaalt later dan gewoonlijk", "Payment pattern change"),
            SignalKind::ScoreChange => self.tr("Kredietscore gedaald", "Credit score dropped"),
            SignalKind::SkippedPayments => self.tr("Slaat oudere facturen over", "Skips older invoices"),
            SignalKind::RoundAmounts => self.tr("Deelbetalingen in ronde bedragen", "Round-amount part payments"),
        }
    }

    /// A number without trailing zeros, with the decimal sign of the language (`12,5` / `12.5`).
    fn risk_figure(self, d: Decimal) -> String {
        let s = d.normalize().to_string();
        match self {
            Lang::Nl => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// "12 dagen", "12,5 dagen", "1 dag".
    fn risk_days(self, d: Decimal) -> String {
        let d = d.normalize();
        if d.scale() == 0 {
            if let Ok(n) = i64::try_from(d.mantissa()) {
                return self.days(n);
            }
        }
        format!("{} {}", self.risk_figure(d), self.tr("dagen", "days"))
    }

    fn risk_invoice_number(self, ledger: &Ledger, id: InvoiceId) -> String {
        ledger.invoice(id).map_or_else(|| format!("#{id}"), |i| i.number.clone())
    }

    fn risk_invoice_ref(self, ledger: &Ledger, id: Option<InvoiceId>) -> Option<String> {
        id.map(|i| format!("{} {}", self.tr("factuur", "invoice"), self.risk_invoice_number(ledger, i)))
    }

    /// The evidence of a signal as sentences, naming invoice numbers, dates and amounts.
    pub fn signal_evidence(self, signal: &Signal, ledger: &Ledger) -> Vec<String> {
        let list = |items: Vec<String>| items.join(", ");
        match &signal.evidence {
            Evidence::NoCommunication { attempts, .. } => {
                let n = attempts.len();
                let what = match (self, n == 1) {
                    (Lang::Nl, true) => "contactpoging zonder reactie",
                    (Lang::Nl, false) => "contactpogingen op rij zonder reactie",
                    (Lang::En, true) => "contact attempt without a response",
                    (Lang::En, false) => "contact attempts in a row without a response",
                };
                let items =
                    attempts.iter().map(|a| format!("{} ({})", self.date(a.date), self.channel(a.channel).to_lowercase()));
                vec![format!("{n} {what}: {}.", list(items.collect()))]
            }
            Evidence::RecurringExcuses { category, excuses, window_days } => {
                let items = excuses.iter().map(|e| match self.risk_invoice_ref(ledger, e.invoice) {
                    Some(r) => format!("{} ({r})", self.date(e.date)),
                    None => self.date(e.date),
                });
                let category = lower_first(self.excuse(*category));
                let n = excuses.len();
                vec![match self {
                    Lang::Nl => format!(
                        "{n} keer hetzelfde excuus in de afgelopen {window_days} dagen ({category}): {}.",
                        list(items.collect())
                    ),
                    Lang::En => format!(
                        "The same excuse {n} times in the last {window_days} days ({category}): {}.",
                        list(items.collect())
                    ),
                }]
            }
            Evidence::BuyingLess { basis, recent, comparisons, threshold_percent } => {
                let (from, to, total) = (self.date(recent.from), self.date(recent.to), self.money(recent.total));
                let mut out = vec![match (self, basis) {
                    (Lang::Nl, Basis::Orders) => format!("Orders in de laatste 3 maanden ({from} t/m {to}): {total}."),
                    (Lang::En, Basis::Orders) => format!("Orders in the last 3 months ({from} to {to}): {total}."),
                    (Lang::Nl, Basis::Invoices) => format!(
                        "Gefactureerd in de laatste 3 maanden ({from} t/m {to}): {total} (er zijn geen orders vastgelegd)."
                    ),
                    (Lang::En, Basis::Invoices) => format!(
                        "Invoiced in the last 3 months ({from} to {to}): {total} (no orders are recorded)."
                    ),
                }];
                let limit = self.percent(Decimal::from(*threshold_percent));
                for c in comparisons {
                    let share = self.percent(c.share);
                    let (from, to, total) = (self.date(c.period.from), self.date(c.period.to), self.money(c.period.total));
                    out.push(match (self, c.against) {
                        (Lang::Nl, Against::YearBefore) => format!(
                            "Dat is {share} van dezelfde maanden een jaar eerder ({from} t/m {to}: {total}); de grens is {limit}."
                        ),
                        (Lang::Nl, Against::PreviousMonths) => format!(
                            "Dat is {share} van de 3 maanden daarvoor ({from} t/m {to}: {total}); de grens is {limit}."
                        ),
                        (Lang::En, Against::YearBefore) => format!(
                            "That is {share} of the same months a year earlier ({from} to {to}: {total}); the threshold is {limit}."
                        ),
                        (Lang::En, Against::PreviousMonths) => format!(
                            "That is {share} of the 3 months before ({from} to {to}: {total}); the threshold is {limit}."
                        ),
                    });
                }
                out
            }
            Evidence::BrokenPromises { promises, .. } => promises
                .iter()
                .map(|p| {
                    let on = self.risk_invoice_ref(ledger, p.invoice).map(|r| format!(" ({r})")).unwrap_or_default();
                    let (made, amount, date, paid) =
                        (self.date(p.made), self.money(p.amount), self.date(p.date), self.money(p.paid));
                    match self {
                        Lang::Nl => format!(
                            "Belofte van {made}: {amount} uiterlijk {date}{on}; betaald in die periode: {paid}."
                        ),
                        Lang::En => format!("Promise of {made}: {amount} by {date}{on}; paid in that period: {paid}."),
                    }
                })
                .collect(),
            Evidence::LingeringDispute { disputes, threshold_days } => disputes
                .iter()
                .map(|d| {
                    let n = self.risk_invoice_number(ledger, d.invoice);
                    let (opened, days, limit, open) = (
                        self.date(d.opened),
                        self.days(d.days_open),
                        self.days(i64::from(*threshold_days)),
                        self.money(d.open),
                    );
                    match self {
                        Lang::Nl => format!(
                            "Factuur {n}: geschil geopend op {opened}, nu {days} open (grens {limit}); nog open {open}."
                        ),
                        Lang::En => format!(
                            "Invoice {n}: dispute opened on {opened}, open for {days} now (limit {limit}); {open} still open."
                        ),
                    }
                })
                .collect(),
            Evidence::LongerTerms { requests, window_days } => {
                let items = requests.iter().map(|r| {
                    let mut detail: Vec<String> = Vec::new();
                    if r.days > 0 {
                        detail.push(self.days(i64::from(r.days)));
                    }
                    detail.extend(self.risk_invoice_ref(ledger, r.invoice));
                    if detail.is_empty() {
                        self.date(r.date)
                    } else {
                        format!("{} ({})", self.date(r.date), detail.join(", "))
                    }
                });
                let n = requests.len();
                vec![match (self, n == 1) {
                    (Lang::Nl, true) => format!(
                        "1 verzoek om een langere betaaltermijn in de afgelopen {window_days} dagen: {}.",
                        list(items.collect())
                    ),
                    (Lang::Nl, false) => format!(
                        "{n} verzoeken om een langere betaaltermijn in de afgelopen {window_days} dagen: {}.",
                        list(items.collect())
                    ),
                    (Lang::En, true) => format!(
                        "1 request for longer payment terms in the last {window_days} days: {}.",
                        list(items.collect())
                    ),
                    (Lang::En, false) => format!(
                        "{n} requests for longer payment terms in the last {window_days} days: {}.",
                        list(items.collect())
                    ),
                }]
            }
            Evidence::PatternChange { recent, recent_average, earlier_median, earlier_count, threshold_days } => {
                let items: Vec<String> = recent
                    .iter()
                    .map(|p| format!("{}: {}", self.risk_invoice_number(ledger, p.invoice), p.days_late))
                    .collect();
                let (avg, median) = (self.risk_days(*recent_average), self.risk_days(*earlier_median));
                let excess = self.risk_days(*recent_average - *earlier_median);
                let limit = self.days(i64::from(*threshold_days));
                vec![match self {
                    Lang::Nl => format!(
                        "De laatste 3 betaalde facturen: gemiddeld {avg} na de vervaldatum ({}); daarvoor was de mediaan {median} ({earlier_count} facturen). Dat is {excess} later dan gewoonlijk (grens {limit}).",
                        list(items)
                    ),
                    Lang::En => format!(
                        "The last 3 paid invoices: on average {avg} after the due date ({}); before them the median was {median} ({earlier_count} invoices). That is {excess} later than usual (limit {limit}).",
                        list(items)
                    ),
                }]
            }
            Evidence::ScoreChange { latest, previous, drop, dropped, below_floor, floor, .. } => {
                let source = if latest.source.trim().is_empty() { String::new() } else { format!(" ({})", latest.source.trim()) };
                let mut s = match self {
                    Lang::Nl => format!("Kredietscore {} op {}{source}", latest.score, self.date(latest.date)),
                    Lang::En => format!("Credit score {} on {}{source}", latest.score, self.date(latest.date)),
                };
                if let Some(p) = previous {
                    let was = self.date(p.date);
                    s.push_str(&match (self, drop.filter(|_| *dropped)) {
                        (Lang::Nl, Some(d)) => format!(", was {} op {was}: {d} punten gedaald.", p.score),
                        (Lang::En, Some(d)) => format!(", was {} on {was}: down {d} points.", p.score),
                        (Lang::Nl, None) => format!(", was {} op {was}.", p.score),
                        (Lang::En, None) => format!(", was {} on {was}.", p.score),
                    });
                } else {
                    s.push('.');
                }
                let mut out = vec![s];
                if *below_floor {
                    out.push(match self {
                        Lang::Nl => format!("Dat is onder de grens van {floor}."),
                        Lang::En => format!("That is below the floor of {floor}."),
                    });
                }
                out
            }
            Evidence::SkippedPayments { skips } => skips
                .iter()
                .map(|s| {
                    let (date, paid, paid_due) =
                        (self.date(s.date), self.risk_invoice_number(ledger, s.paid), self.date(s.paid_due));
                    let (skipped, skipped_due, open) =
                        (self.risk_invoice_number(ledger, s.skipped), self.date(s.skipped_due), self.money(s.skipped_open));
                    match self {
                        Lang::Nl => format!(
                            "De betaling van {date} voldeed factuur {paid} (vervaldatum {paid_due}) terwijl de oudere factuur {skipped} (vervallen op {skipped_due}) nog openstond: {open}."
                        ),
                        Lang::En => format!(
                            "The payment of {date} settled invoice {paid} (due {paid_due}) while the older invoice {skipped} (due {skipped_due}) was still open: {open}."
                        ),
                    }
                })
                .collect(),
            Evidence::RoundAmounts { payments, .. } => {
                let items = payments.iter().map(|p| {
                    let invoices: Vec<String> = p.invoices.iter().map(|i| self.risk_invoice_number(ledger, *i)).collect();
                    let what = if invoices.len() == 1 { self.tr("factuur", "invoice") } else { self.tr("facturen", "invoices") };
                    match self {
                        Lang::Nl => format!("{} op {} ({what} {})", self.money(p.amount), self.date(p.date), invoices.join(", ")),
                        Lang::En => format!("{} on {} ({what} {})", self.money(p.amount), self.date(p.date), invoices.join(", ")),
                    }
                });
                let n = payments.len();
                vec![match (self, n == 1) {
                    (Lang::Nl, true) => format!("1 deelbetaling in een rond bedrag: {}.", list(items.collect())),
                    (Lang::Nl, false) => format!("{n} deelbetalingen in ronde bedragen: {}.", list(items.collect())),
                    (Lang::En, true) => format!("1 part payment in a round amount: {}.", list(items.collect())),
                    (Lang::En, false) => format!("{n} part payments in round amounts: {}.", list(items.collect())),
                }]
            }
        }
    }

    /// How late a weighted delay is, as a phrase: "12 dagen te laat", "3 dagen te vroeg",
    /// "precies op de vervaldatum".
    pub fn behaviour_delay(self, delay: Decimal) -> String {
        if delay.is_zero() {
            self.tr("precies op de vervaldatum", "exactly on the due date").to_string()
        } else if delay > Decimal::ZERO {
            format!("{} {}", self.risk_days(delay), self.tr("te laat", "late"))
        } else {
            format!("{} {}", self.risk_days(-delay), self.tr("vóór de vervaldatum", "early"))
        }
    }

    /// The payment behaviour in one sentence: "Betaalt gemiddeld 12 dagen te laat (gewogen naar
    /// bedrag), cijfer B".
    pub fn behaviour_summary(self, b: &Behaviour) -> String {
        match (b.delay, b.grade) {
            (Some(d), Some(g)) => match self {
                Lang::Nl => format!("Betaalt gemiddeld {} (gewogen naar bedrag), cijfer {}", self.behaviour_delay(d), g.letter()),
                Lang::En => format!("Pays on average {} (weighted by amount), grade {}", self.behaviour_delay(d), g.letter()),
            },
            _ => self
                .tr(
                    "Nog geen betaalgedrag: er is nog geen factuur betaald of vervallen",
                    "No payment behaviour yet: no invoice has been paid or fallen due",
                )
                .to_string(),
        }
    }

    /// The trend in one line: "Laatste 3 maanden: 20 dagen te laat; 6 maanden: …; 12 maanden: …".
    pub fn behaviour_trend(self, t: &Trend) -> String {
        let part = |d: Option<Decimal>| d.map_or_else(|| "—".to_string(), |d| self.behaviour_delay(d));
        match self {
            Lang::Nl => format!(
                "Laatste 3 maanden: {}; 6 maanden: {}; 12 maanden: {}",
                part(t.months3),
                part(t.months6),
                part(t.months12)
            ),
            Lang::En => format!(
                "Last 3 months: {}; 6 months: {}; 12 months: {}",
                part(t.months3),
                part(t.months6),
                part(t.months12)
            ),
        }
    }
}

/// "Liquiditeitsproblemen" -> "liquiditeitsproblemen".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{Channel, ContactOutcome, EventKind, ExcuseCategory, RiskSettings, ScoreEntry};
    use crate::engine::risk::behaviour::behaviour;
    use crate::engine::risk::behaviour::book::{day, dec, Book};
    use crate::engine::risk::signals::{all_signals, signals};

    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    fn signal(b: &Book, kind: SignalKind) -> Signal {
        signals(&b.l, b.c, today(), &RiskSettings::default()).into_iter().find(|s| s.kind == kind).unwrap()
    }

    fn both(b: &Book, kind: SignalKind) -> (Vec<String>, Vec<String>) {
        let s = signal(b, kind);
        (Lang::Nl.signal_evidence(&s, &b.l), Lang::En.signal_evidence(&s, &b.l))
    }

    #[test]
    fn no_communication_in_both_languages() {
        let mut b = Book::new();
        let tries = [
            (day(2026, 11, 2), Channel::Phone, ContactOutcome::NoAnswer),
            (day(2026, 11, 9), Channel::Email, ContactOutcome::NoResponse),
            (day(2026, 11, 16), Channel::Phone, ContactOutcome::NoAnswer),
        ];
        for (on, channel, outcome) in tries {
            b.event(None, on, EventKind::Contact { channel, outcome });
        }
        let (nl, en) = both(&b, SignalKind::NoCommunication);
        assert_eq!(
            nl,
            ["3 contactpogingen op rij zonder reactie: 02-11-2026 (telefoon), 09-11-2026 (e-mail), 16-11-2026 (telefoon)."]
        );
        assert_eq!(
            en,
            ["3 contact attempts in a row without a response: 2 Nov 2026 (phone), 9 Nov 2026 (e-mail), 16 Nov 2026 (phone)."]
        );
    }

    #[test]
    fn broken_promise_in_both_languages() {
        let mut b = Book::new();
        let inv = b.invoice("2026-0012", day(2026, 8, 31), "2420");
        b.event(Some(inv), day(2026, 9, 3), EventKind::Promise { amount: dec("2000"), date: day(2026, 9, 15) });
        b.pay(day(2026, 9, 14), &[(inv, "500")]);
        let (nl, en) = both(&b, SignalKind::BrokenPromises);
        assert_eq!(
            nl,
            ["Belofte van 03-09-2026: € 2.000,00 uiterlijk 15-09-2026 (factuur 2026-0012); betaald in die periode: € 500,00."]
        );
        assert_eq!(
            en,
            ["Promise of 3 Sep 2026: €2,000.00 by 15 Sep 2026 (invoice 2026-0012); paid in that period: €500.00."]
        );
    }

    #[test]
    fn skipped_payment_in_both_languages() {
        let mut b = Book::new();
        b.invoice("2026-0044", day(2026, 10, 6), "1290.80");
        let later = b.invoice("2026-0051", day(2026, 11, 1), "760");
        b.pay(day(2026, 11, 8), &[(later, "760")]);
        let (nl, en) = both(&b, SignalKind::SkippedPayments);
        assert_eq!(
            nl,
            ["De betaling van 08-11-2026 voldeed factuur 2026-0051 (vervaldatum 01-11-2026) terwijl de oudere factuur 2026-0044 (vervallen op 06-10-2026) nog openstond: € 1.290,80."]
        );
        assert_eq!(
            en,
            ["The payment of 8 Nov 2026 settled invoice 2026-0051 (due 1 Nov 2026) while the older invoice 2026-0044 (due 6 Oct 2026) was still open: €1,290.80."]
        );
    }

    #[test]
    fn score_and_excuses_in_both_languages() {
        let mut b = Book::new();
        b.l.add_score(b.c, ScoreEntry { date: day(2026, 5, 7), score: 58, source: "Creditsafe".into() }).unwrap();
        b.l.add_score(b.c, ScoreEntry { date: day(2026, 9, 24), score: 38, source: "Creditsafe".into() }).unwrap();
        let (nl, en) = both(&b, SignalKind::ScoreChange);
        assert_eq!(
            nl,
            ["Kredietscore 38 op 24-09-2026 (Creditsafe), was 58 op 07-05-2026: 20 punten gedaald.", "Dat is onder de grens van 40."]
        );
        assert_eq!(en, ["Credit score 38 on 24 Sep 2026 (Creditsafe), was 58 on 7 May 2026: down 20 points.", "That is below the floor of 40."]);

        let inv = b.invoice("2026-0041", day(2026, 10, 1), "100");
        b.event(Some(inv), day(2026, 10, 15), EventKind::Excuse { category: ExcuseCategory::CashFlow });
        b.event(None, day(2026, 11, 20), EventKind::Excuse { category: ExcuseCategory::CashFlow });
        let (nl, en) = both(&b, SignalKind::RecurringExcuses);
        assert_eq!(
            nl,
            ["2 keer hetzelfde excuus in de afgelopen 90 dagen (liquiditeitsproblemen): 15-10-2026 (factuur 2026-0041), 20-11-2026."]
        );
        assert_eq!(
            en,
            ["The same excuse 2 times in the last 90 days (cash-flow problems): 15 Oct 2026 (invoice 2026-0041), 20 Nov 2026."]
        );
    }

    #[test]
    fn behaviour_summary_in_both_languages() {
        // Due 1 November, paid 13 November: 12 days late, grade B.
        let mut b = Book::new();
        let inv = b.invoice("A", day(2026, 11, 1), "100");
        b.pay(day(2026, 11, 13), &[(inv, "100")]);
        let beh = behaviour(&b.l, b.c, today(), &RiskSettings::default());
        assert_eq!(Lang::Nl.behaviour_summary(&beh), "Betaalt gemiddeld 12 dagen te laat (gewogen naar bedrag), cijfer B");
        assert_eq!(Lang::En.behaviour_summary(&beh), "Pays on average 12 days late (weighted by amount), grade B");
        assert_eq!(
            Lang::Nl.behaviour_trend(&beh.trend),
            "Laatste 3 maanden: 12 dagen te laat; 6 maanden: 12 dagen te laat; 12 maanden: 12 dagen te laat"
        );
        let rows = [
            ("12.5", "12,5 dagen te laat", "12.5 days late"),
            ("1", "1 dag te laat", "1 day late"),
            ("0", "precies op de vervaldatum", "exactly on the due date"),
            ("-3", "3 dagen vóór de vervaldatum", "3 days early"),
        ];
        for (d, nl, en) in rows {
            assert_eq!(Lang::Nl.behaviour_delay(dec(d)), nl, "row {d}");
            assert_eq!(Lang::En.behaviour_delay(dec(d)), en, "row {d}");
        }
        let none = behaviour(&Book::new().l, b.c, today(), &RiskSettings::default());
        assert!(Lang::Nl.behaviour_summary(&none).starts_with("Nog geen betaalgedrag"));
        assert!(Lang::En.behaviour_summary(&none).starts_with("No payment behaviour yet"));
    }

    #[test]
    fn labels_are_distinct_in_both_languages() {
        for lang in [Lang::Nl, Lang::En] {
            let titles: std::collections::HashSet<&str> = SignalKind::ALL.iter().map(|k| lang.signal_kind(*k)).collect();
            assert_eq!(titles.len(), SignalKind::ALL.len());
            let grades: std::collections::HashSet<&str> = Grade::ALL.iter().map(|g| lang.grade_label(*g)).collect();
            assert_eq!(grades.len(), 4);
            let severities: std::collections::HashSet<&str> = Severity::ALL.iter().map(|s| lang.severity(*s)).collect();
            assert_eq!(severities.len(), 3);
        }
        assert_eq!(Lang::Nl.signal_kind(SignalKind::NoCommunication), "Geen reactie meer");
        assert_eq!(Lang::En.signal_kind(SignalKind::NoCommunication), "No response");
    }

    #[test]
    fn every_demo_signal_reads_in_both_languages() {
        let l = crate::demo::demo_ledger(today());
        let all = all_signals(&l, today(), &l.settings.risk);
        assert!(all.len() >= 10);
        for s in &all {
            for lang in [Lang::Nl, Lang::En] {
                let lines = lang.signal_evidence(s, &l);
                assert!(!lines.is_empty(), "{:?}", s.kind);
                for line in lines {
                    assert!(line.ends_with('.') && !line.contains('#') && !line.contains('{'), "{line}");
                }
            }
        }
    }
}
