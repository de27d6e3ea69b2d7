//! What a dunning letter or message states, and the formats it leaves the app in.
//!
//! [`facts`] gathers from the ledger what a letter to one customer says: the invoices with what
//! is open on them, and — when the step announces them — interest and collection costs computed
//! by the law engine on the letter's date. The texts and their formatting are in
//! `i18n::dunning`. [`mailto`] builds the link that opens the user's mail program with the
//! message filled in (RFC 6068); [`ics`] writes the coming actions as an agenda file
//! (iCalendar, RFC 5545).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::{Currency, CustomerId, InvoiceId, Ledger, Money};
use crate::engine::law::ledger::customer_case;
use crate::engine::law::{add_working_days, compute, costs_condition, CostsCondition, LawError, NoticeState, Regime};

/// One invoice in a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    /// What is open on the letter's date: the amount less credit notes and the payments made
    /// up to that date.
    pub open: Money,
    /// Days since the due date on the letter's date (0 on the due date, negative before it).
    pub days_overdue: i64,
}

/// What a letter to one customer states. Amounts are unrounded; they are rounded to cents where
/// they are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LetterFacts {
    /// The letter's date.
    pub today: NaiveDate,
    /// The customer's name.
    pub customer: String,
    /// The contact person (may be empty).
    pub contact: String,
    pub email: String,
    /// The postal address, line by line (empty lines left out).
    pub address: Vec<String>,
    /// Whose rules apply (business or consumer, Dutch or Belgian).
    pub regime: Regime,
    /// The invoices with something open, by due date.
    pub invoices: Vec<LetterInvoice>,
    /// The total open in the letter's main currency (euro when any invoice is in euro).
    pub open_total: Money,
    /// Totals open in other currencies, by currency code (never added to the main total).
    pub open_other: Vec<Money>,
    /// Interest on the letter's invoices up to and including `today`, when announced; in euro.
    pub interest: Option<Decimal>,
    /// Collection costs or compensation, when announced (and always for a Belgian consumer's
    /// first reminder, which must state them); in euro.
    pub costs: Option<Decimal>,
    /// Whether `costs` may be claimed now (and so are in `total_due`); `false` when they are
    /// due only after the consumer's 14 days.
    pub costs_due_now: bool,
    /// The step's own fee (0 = none); set it with [`LetterFacts::with_fee`].
    pub fee: Decimal,
    /// `open_total` plus interest, costs due now and the fee.
    pub total_due: Money,
    /// The payment deadline the letter gives.
    pub deadline: Option<NaiveDate>,
    /// What the customer quotes with the payment.
    pub reference: String,
    /// The condition on consumer costs on the letter's date (consumers only).
    pub condition: Option<CostsCondition>,
    /// Why interest and costs could not be computed (they are then `None`): the UI says so and
    /// points to Settings.
    pub law_error: Option<LawError>,
}

impl LetterFacts {
    /// The facts with the step's fee, added to the total due.
    pub fn with_fee(mut self, fee: Decimal) -> LetterFacts {
        self.total_due.amount += fee - self.fee;
        self.fee = fee;
        self
    }

    /// Whether this letter is the first reminder to a Belgian consumer (free of charge, 14
    /// calendar days): no reminder was sent since the first invoice fell due.
    pub fn belgian_consumer_first(&self) -> bool {
        first_reminder_be(self.regime, self.condition)
    }

    /// Whether a letter announcing costs to this customer must be a Dutch 14-day letter: a
    /// Dutch consumer whose costs are not yet due.
    pub fn dutch_consumer_notice(&self) -> bool {
        self.regime == Regime::NlConsumer && !self.costs_due_now
    }
}

/// A Belgian consumer to whom no reminder was sent since the first invoice fell due.
fn first_reminder_be(regime: Regime, condition: Option<CostsCondition>) -> bool {
    regime == Regime::BeConsumer && matches!(condition, Some(c) if matches!(c.state, NoticeState::NotSent { .. }))
}

/// The facts of a letter to `customer` about `invoices` on `today`.
///
/// Invoices of another customer, credit notes, written-off invoices and invoices with nothing
/// open on `today` are left out; payments after `today` do not count (the demo clock can be set
/// back). Interest and costs come from the law engine
/// ([`customer_case`](crate::engine::law::ledger::customer_case) and
/// [`compute`](crate::engine::law::compute) as of `today`) over the letter's invoices that are
/// past due; invoices in other currencies or disputed ones are not part of that claim.
///
/// `interest` is all interest accrued on those invoices, so that with `open` (where every
/// payment reduces the invoice, as the ledger shows it) the total due equals the law's total
/// (where payments go to costs and interest first).
///
/// The deadline is never shorter than the law's minimum: for a Dutch consumer whose costs are
/// announced and not yet due (the 14-day letter), the 14 days after the day of receipt, receipt
/// taken as the second day after `today`; for a Belgian consumer's first reminder, 14 calendar
/// days from the third working day after `today` (the posted letter, the later of the two).
///
/// A customer that does not exist gives facts without invoices.
pub fn facts(
    ledger: &Ledger,
    customer: CustomerId,
    invoices: &[InvoiceId],
    today: NaiveDate,
    deadline: Option<NaiveDate>,
    announce_interest: bool,
    announce_costs: bool,
) -> LetterFacts {
    let c = ledger.customer(customer);
    let regime = c.map_or(Regime::NlBusiness, |c| Regime::of(c.kind, &c.country));

    // What is open on each invoice on `today`.
    let balances = ledger.customer_balances(customer);
    let mut paid: HashMap<InvoiceId, Decimal> = HashMap::new();
    for p in ledger.payments().filter(|p| p.customer == customer && p.date <= today) {
        for a in p.allocations() {
            *paid.entry(a.invoice).or_default() += a.amount;
        }
    }
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for id in invoices {
        if !seen.insert(*id) {
            continue;
        }
        let Some(inv) = ledger.invoice(*id) else { continue };
        if inv.customer != customer || inv.is_credit_note() {
            continue;
        }
        let Some(b) = balances.get(id) else { continue };
        if b.written_off {
            continue;
        }
        let open = inv.amount.amount - b.credited - paid.get(id).copied().unwrap_or_default();
        if open <= Decimal::ZERO {
            continue;
        }
        lines.push(LetterInvoice {
            id: inv.id,
            number: inv.number.clone(),
            date: inv.date,
            due: inv.due,
            amount: inv.amount,
            open: Money::new(open, inv.amount.currency),
            days_overdue: (today - inv.due).num_days(),
        });
    }
    lines.sort_by(|a, b| (a.due, &a.number).cmp(&(b.due, &b.number)));

    let main = if lines.is_empty() || lines.iter().any(|l| l.amount.currency == Currency::EUR) {
        Currency::EUR
    } else {
        lines[0].amount.currency
    };
    let open_total = Money::new(lines.iter().filter(|l| l.open.currency == main).map(|l| l.open.amount).sum(), main);
    let mut others: BTreeMap<String, Money> = BTreeMap::new();
    for l in lines.iter().filter(|l| l.open.currency != main) {
        let total = others.entry(l.open.currency.code().to_string()).or_insert_with(|| Money::zero(l.open.currency));
        total.amount += l.open.amount;
    }

    // The law, over the letter's invoices that are part of the customer's claim today.
    let mut interest = None;
    let mut costs = None;
    let mut costs_due_now = false;
    let mut condition = None;
    let mut law_error = None;
    if let Some(lc) = customer_case(ledger, customer, today, None) {
        let wanted: HashSet<InvoiceId> = lines.iter().map(|l| l.id).collect();
        let mut case = lc.case;
        case.claims =
            case.claims.into_iter().zip(&lc.invoices).filter(|(_, id)| wanted.contains(id)).map(|(c, _)| c).collect();
        condition = costs_condition(case.regime, &case.claims, &case.reminders, today);
        // The first reminder to a Belgian consumer must state the damages, announced or not.
        let want_costs = announce_costs || first_reminder_be(regime, condition);
        if case.claims.is_empty() {
            interest = announce_interest.then_some(Decimal::ZERO);
            costs = want_costs.then_some(Decimal::ZERO);
        } else if announce_interest || want_costs {
            match compute(&case, &ledger.settings.law) {
                Ok(s) => {
                    if announce_interest {
                        interest = Some(s.claims.iter().map(|c| c.interest_accrued).sum());
                    }
                    if want_costs {
                        costs_due_now = s.costs_date.is_some();
                        costs = Some(if costs_due_now { s.costs } else { s.costs_prospective });
                    }
                }
                Err(e) => law_error = Some(e),
            }
        }
    }

    let mut deadline = deadline;
    let at_least = |d: Option<NaiveDate>, min: NaiveDate| Some(d.map_or(min, |d| d.max(min)));
    if regime == Regime::NlConsumer && announce_costs && costs.is_some() && !costs_due_now {
        deadline = at_least(deadline, today + Duration::days(16));
    }
    if first_reminder_be(regime, condition) {
        deadline = at_least(deadline, add_working_days(today, 3) + Duration::days(13));
    }

    let reference = match lines.as_slice() {
        [one] => {
            let r = ledger.invoice(one.id).map(|i| i.reference.trim().to_string()).unwrap_or_default();
            if r.is_empty() {
                one.number.clone()
            } else {
                r
            }
        }
        many => many.iter().map(|l| l.number.as_str()).collect::<Vec<_>>().join(", "),
    };

    let mut total = open_total.amount;
    if main == Currency::EUR {
        total += interest.unwrap_or_default();
        if costs_due_now {
            total += costs.unwrap_or_default();
        }
    }

    LetterFacts {
        today,
        customer: c.map(|c| c.name.clone()).unwrap_or_default(),
        contact: c.map(|c| c.contact_person.clone()).unwrap_or_default(),
        email: c.map(|c| c.email.clone()).unwrap_or_default(),
        address: c
            .map(|c| {
                let place = format!("{} {}", c.address.postcode.trim(), c.address.city.trim());
                [c.address.street.trim(), place.trim()].into_iter().filter(|s| !s.is_empty()).map(str::to_string).collect()
            })
            .unwrap_or_default(),
        regime,
        invoices: lines,
        open_total,
        open_other: others.into_values().collect(),
        interest,
        costs,
        costs_due_now,
        fee: Decimal::ZERO,
        total_due: Money::new(total, main),
        deadline,
        reference,
        condition,
        law_error,
    }
}

/// Percent-encodes every byte outside the unreserved characters of RFC 3986 and `keep`.
fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Every line break (`\n`, `\r\n` or `\r`) as `\r\n`.
fn crlf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n")
}

/// A `mailto:` link (RFC 6068) that opens the user's mail program with the message filled in.
///
/// Everything outside the unreserved characters is percent-encoded as UTF-8 (a space is `%20`,
/// never `+`); the address keeps its `@` (and `,` between addresses, `+` in a local part); line
/// breaks in the body become `%0D%0A`. An empty subject or body is left out.
///
/// ```
/// use stipt::engine::letter::mailto;
/// assert_eq!(mailto("a@b.nl", "Factuur 12", "Hallo\nwereld"), "mailto:a@b.nl?subject=Factuur%2012&body=Hallo%0D%0Awereld");
/// ```
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    let mut out = format!("mailto:{}", percent_encode(to.trim(), b"@,+"));
    let mut sep = '?';
    for (name, value) in [("subject", crlf(subject)), ("body", crlf(body))] {
        if value.is_empty() {
            continue;
        }
        out.push(sep);
        out.push_str(name);
        out.push('=');
        out.push_str(&percent_encode(&value, b""));
        sep = '&';
    }
    out
}

/// A TEXT value of iCalendar: backslash, semicolon, comma and line breaks escaped; other control
/// characters (not allowed in TEXT) left out.
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in crlf(s).replace("\r\n", "\n").chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no line is longer than 75 octets (RFC 5545 3.1):
/// a continuation line starts with a space; a character is never split.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and platforms, for stable UIDs.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The calendar's own properties.
const ICS_HEAD: [&str; 5] = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stipt//Stipt//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];

/// An iCalendar file (RFC 5545) with one all-day event per action: (date, summary,
/// description).
///
/// Each event has a UID made from its date and summary, so exporting the same plan again gives
/// the same UIDs and a calendar updates the events instead of doubling them (a repeated date and
/// summary gets a counter). DTSTAMP is the event's date at midnight UTC (the core reads no
/// clock). Lines end in CRLF and are folded at 75 octets; text is escaped.
pub fn ics(events: &[(NaiveDate, String, String)]) -> String {
    let mut out = String::new();
    for line in ICS_HEAD {
        push_folded(&mut out, line);
    }
    let mut used: HashMap<String, u32> = HashMap::new();
    for (date, summary, description) in events {
        let day = date.format("%Y%m%d").to_string();
        let hash = fnv1a(format!("{day}\u{1f}{summary}").as_bytes());
        let base = format!("{day}-{hash:016x}");
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        let uid = if *n == 1 { format!("{base}@stipt") } else { format!("{base}-{n}@stipt") };
        let next = (*date + Duration::days(1)).format("%Y%m%d");
        push_folded(&mut out, "BEGIN:VEVENT");
        push_folded(&mut out, &format!("UID:{uid}"));
        push_folded(&mut out, &format!("DTSTAMP:{day}T000000Z"));
        push_folded(&mut out, &format!("DTSTART;VALUE=DATE:{day}"));
        push_folded(&mut out, &format!("DTEND;VALUE=DATE:{next}"));
        push_folded(&mut out, &format!("SUMMARY:{}", ics_text(summary)));
        if !description.is_empty() {
            push_folded(&mut out, &format!("DESCRIPTION:{}", ics_text(description)));
        }
        push_folded(&mut out, "TRANSP:TRANSPARENT");
        push_folded(&mut out, "END:VEVENT");
    }
    push_folded(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{round_cents, Allocation, Channel, Country, Customer, CustomerKind, Event, EventKind, Invoice, Payment};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn eur(s: &str) -> Money {
        Money::eur(dec(s))
    }

    #[test]
    fn mailto_encoding() {
        // (subject, encoded)
        let rows = [
            ("a b", "a%20b"),
            ("ä", "%C3%A4"),
            ("Q&A", "Q%26A"),
            ("why?", "why%3F"),
            ("x=1", "x%3D1"),
            ("50%", "50%25"),
            ("#3 + 4", "%233%20%2B%204"),
            ("€ 1.000,00", "%E2%82%AC%201.000%2C00"),
            ("a-b_c.d~e", "a-b_c.d~e"),
        ];
        for (subject, encoded) in rows {
            assert_eq!(mailto("a@b.nl", subject, ""), format!("mailto:a@b.nl?subject={encoded}"), "{subject:?}");
        }
        // Line breaks become CRLF, whatever the text had.
        for body in ["één\ntwee", "één\r\ntwee", "één\rtwee"] {
            assert_eq!(mailto("a@b.nl", "", body), "mailto:a@b.nl?body=%C3%A9%C3%A9n%0D%0Atwee", "{body:?}");
        }
        assert_eq!(
            mailto(" jan+factuur@bakkerij.nl ", "Factuur F1", "Beste Jan,\n\nZie hieronder."),
            "mailto:jan+factuur@bakkerij.nl?subject=Factuur%20F1&body=Beste%20Jan%2C%0D%0A%0D%0AZie%20hieronder."
        );
        assert_eq!(mailto("a@b.nl,c@d.nl", "", ""), "mailto:a@b.nl,c@d.nl");
        assert_eq!(mailto("a?b@c.nl", "", ""), "mailto:a%3Fb@c.nl");
    }

    /// Unfolds an iCalendar text (RFC 5545 3.1) into its content lines.
    fn unfold(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "").split("\r\n").map(str::to_string).collect()
    }

    #[test]
    fn ics_structure() {
        let events = vec![
            (d(2024, 3, 5), "Herinnering: Bakkerij Jansen".to_string(), "€ 1.250,50 E-mail".to_string()),
            (d(2024, 3, 12), "Bellen: De Vries".to_string(), String::new()),
        ];
        let out = ics(&events);
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
        let lines = unfold(&out);
        assert_eq!(&lines[..5], ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stipt//Stipt//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
        assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 2);
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20240305".to_string()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20240306".to_string()));
        assert!(lines.contains(&"DTSTAMP:20240305T000000Z".to_string()));
        assert!(lines.contains(&"SUMMARY:Herinnering: Bakkerij Jansen".to_string()));
        assert!(lines.contains(&"DESCRIPTION:€ 1.250\\,50 E-mail".to_string()));
        assert_eq!(lines.iter().filter(|l| l.starts_with("DESCRIPTION:")).count(), 1, "no empty description");
        // UIDs: stable across exports, distinct per event, a counter for a repeated event.
        let uids = |s: &str| unfold(s).into_iter().filter(|l| l.starts_with("UID:")).collect::<Vec<_>>();
        assert_eq!(uids(&out), uids(&ics(&events)));
        let twice = ics(&[events[0].clone(), events[0].clone()]);
        let u = uids(&twice);
        assert_eq!(u.len(), 2);
        assert_ne!(u[0], u[1]);
        assert!(u[0].starts_with("UID:20240305-") && u[0].ends_with("@stipt"), "{}", u[0]);
        assert!(u[1].ends_with("-2@stipt"), "{}", u[1]);
        assert_eq!(ics(&[]), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Stipt//Stipt//NL\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n");
    }

    #[test]
    fn ics_escapes_text() {
        let rows = [
            ("a, b", "a\\, b"),
            ("a; b", "a\\; b"),
            ("een\ntwee", "een\\ntwee"),
            ("een\r\ntwee", "een\\ntwee"),
            ("c:\\map", "c:\\\\map"),
            ("bel\u{7}", "bel"),
        ];
        for (text, escaped) in rows {
            let out = ics(&[(d(2024, 1, 2), text.to_string(), text.to_string())]);
            let lines = unfold(&out);
            assert!(lines.contains(&format!("SUMMARY:{escaped}")), "{text:?}: {out}");
            assert!(lines.contains(&format!("DESCRIPTION:{escaped}")), "{text:?}");
        }
    }

    #[test]
    fn ics_folds_long_lines_at_75_octets() {
        let long = "Laatste aanmaning: Bakkerij De Korenschoof, vestiging Ede — € 12.345,67 per aangetekende brief; één twee drie ".repeat(3);
        let out = ics(&[(d(2024, 3, 5), long.clone(), "ä".repeat(100))]);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(out.contains("\r\n "), "folded");
        let lines = unfold(&out);
        assert!(lines.contains(&format!("SUMMARY:{}", ics_text(&long))), "unfolding gives the line back");
        assert!(lines.contains(&format!("DESCRIPTION:{}", "ä".repeat(100))));
        // A line of exactly 75 octets is not folded; one of 76 is.
        let mut exact = String::new();
        push_folded(&mut exact, &"x".repeat(75));
        assert_eq!(exact, format!("{}\r\n", "x".repeat(75)));
        let mut over = String::new();
        push_folded(&mut over, &"x".repeat(76));
        assert_eq!(over, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    /// A business customer with two overdue invoices, one not yet due, one of another customer.
    fn ledger() -> (Ledger, CustomerId, Vec<InvoiceId>, InvoiceId) {
        let mut l = Ledger::new();
        let mut c = Customer::new("K1", "Bakkerij Jansen");
        c.contact_person = "Anna Jansen".into();
        c.email = "anna@jansen.nl".into();
        c.address.street = "Dorpsstraat 1".into();
        c.address.postcode = "1234 AB".into();
        c.address.city = "Ede".into();
        let cid = l.add_customer(c).unwrap();
        let other = l.add_customer(Customer::new("K2", "Ander")).unwrap();
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, eur("1000"))).unwrap();
        let f2 = l.add_invoice(Invoice::new("F2", cid, d(2024, 1, 10), 30, eur("500"))).unwrap();
        let f3 = l.add_invoice(Invoice::new("F3", cid, d(2024, 2, 20), 30, eur("200"))).unwrap();
        let x = l.add_invoice(Invoice::new("X1", other, d(2024, 1, 1), 30, eur("999"))).unwrap();
        // F2: €100 paid on 20 February, €400 on 10 March (after the letter).
        l.add_payment(Payment::new(cid, d(2024, 2, 20), eur("100"), vec![Allocation { invoice: f2, amount: dec("100") }]).unwrap()).unwrap();
        l.add_payment(Payment::new(cid, d(2024, 3, 10), eur("400"), vec![Allocation { invoice: f2, amount: dec("400") }]).unwrap()).unwrap();
        (l, cid, vec![f3, f1, f2, x, f1], x)
    }

    #[test]
    fn letter_facts_without_announcements() {
        let (l, cid, ids, _) = ledger();
        let f = facts(&l, cid, &ids, d(2024, 3, 1), Some(d(2024, 3, 8)), false, false);
        assert_eq!(f.customer, "Bakkerij Jansen");
        assert_eq!(f.contact, "Anna Jansen");
        assert_eq!(f.email, "anna@jansen.nl");
        assert_eq!(f.address, ["Dorpsstraat 1", "1234 AB Ede"]);
        assert_eq!(f.regime, Regime::NlBusiness);
        let rows: Vec<(&str, Decimal, i64)> = f.invoices.iter().map(|i| (i.number.as_str(), i.open.amount, i.days_overdue)).collect();
        // By due date; the other customer's invoice and the duplicate left out; the payment of
        // 10 March not yet made on 1 March.
        assert_eq!(rows, [("F1", dec("1000"), 30), ("F2", dec("400"), 21), ("F3", dec("200"), -20)]);
        assert_eq!(f.open_total, eur("1600"));
        assert_eq!((f.interest, f.costs, f.costs_due_now), (None, None, false));
        assert_eq!(f.total_due, eur("1600"));
        assert_eq!(f.deadline, Some(d(2024, 3, 8)));
        assert_eq!(f.reference, "F1, F2, F3");
        assert_eq!(f.law_error, None);
        let f = f.with_fee(dec("7.50"));
        assert_eq!(f.total_due, eur("1607.50"));
        assert_eq!(f.clone().with_fee(dec("5")).total_due, eur("1605"));
    }

    #[test]
    fn letter_facts_with_interest_and_costs() {
        let (l, cid, ids, _) = ledger();
        let f = facts(&l, cid, &ids, d(2024, 3, 1), Some(d(2024, 3, 8)), true, true);
        // F1: €1,000 from 1 February, 30 days at 12.5% in an interest year of 366 days.
        // F2: €500 from 10 February; the €100 of 20 February pays that interest first
        // (art. 6:44 BW), the rest the principal; then 10 days on what is left.
        let rate = |base: Decimal, days: i64| base * dec("12.5") * Decimal::from(days) / dec("36600");
        let f1 = rate(dec("1000"), 30);
        let before = rate(dec("500"), 11);
        let principal = dec("500") - (dec("100") - before);
        let f2 = before + rate(principal, 10);
        assert_eq!(round_cents(f.interest.unwrap()), round_cents(f1 + f2));
        assert_eq!(round_cents(f.interest.unwrap()), dec("13.50"));
        // Collection costs (staffel) over the principal open of F1 and F2 in the law's order.
        // F3 is not due: no interest, not in the costs.
        assert_eq!(round_cents(f.costs.unwrap()), round_cents((dec("1000") + principal) * dec("0.15")));
        assert!(f.costs_due_now);
        assert_eq!(f.total_due, Money::eur(dec("1600") + f.interest.unwrap() + f.costs.unwrap()));
        // Only interest announced.
        let g = facts(&l, cid, &ids, d(2024, 3, 1), None, true, false);
        assert_eq!((g.interest, g.costs), (f.interest, None));
        assert_eq!(g.total_due, Money::eur(dec("1600") + f.interest.unwrap()));
        // Only the invoice not yet due: nothing to compute, zero announced.
        let h = facts(&l, cid, &[ids[0]], d(2024, 3, 1), None, true, true);
        assert_eq!((h.interest, h.costs, h.reference.as_str()), (Some(Decimal::ZERO), Some(Decimal::ZERO), "F3"));
    }

    #[test]
    fn letter_facts_for_consumers() {
        let mut l = Ledger::new();
        let mut c = Customer::new("P1", "Piet de Vries");
        c.kind = CustomerKind::Consumer;
        let nl = l.add_customer(c).unwrap();
        let f1 = l.add_invoice(Invoice::new("F1", nl, d(2024, 1, 1), 30, eur("1000"))).unwrap();
        // A Dutch consumer: the costs are named but not yet due; 14 days after the day of receipt
        // (3 March) end on 17 March, later than the step's deadline.
        let f = facts(&l, nl, &[f1], d(2024, 3, 1), Some(d(2024, 3, 8)), true, true);
        assert_eq!(f.regime, Regime::NlConsumer);
        assert_eq!(round_cents(f.costs.unwrap()), dec("150.00"));
        assert!(!f.costs_due_now && f.dutch_consumer_notice());
        assert_eq!(f.total_due, Money::eur(dec("1000") + f.interest.unwrap()));
        assert_eq!(f.deadline, Some(d(2024, 3, 17)));
        // A later deadline stays.
        assert_eq!(facts(&l, nl, &[f1], d(2024, 3, 1), Some(d(2024, 3, 30)), true, true).deadline, Some(d(2024, 3, 30)));
        // Without costs announced the deadline is the step's.
        assert_eq!(facts(&l, nl, &[f1], d(2024, 3, 1), Some(d(2024, 3, 8)), false, false).deadline, Some(d(2024, 3, 8)));
        // Once a 14-day letter has run out, the costs are due now.
        l.add_event(Event::new(nl, Some(f1), d(2024, 3, 1), EventKind::DunningDone { step: "Veertiendagenbrief".into(), channel: Channel::Letter }))
            .unwrap();
        let g = facts(&l, nl, &[f1], d(2024, 3, 20), None, true, true);
        assert!(g.costs_due_now && !g.dutch_consumer_notice());
        assert_eq!(g.total_due, Money::eur(dec("1000") + g.interest.unwrap() + g.costs.unwrap()));

        // A Belgian consumer: the first reminder states the damages even when not announced.
        let mut c = Customer::new("P2", "Marie Peeters");
        c.kind = CustomerKind::Consumer;
        c.country = Country::Be;
        let be = l.add_customer(c).unwrap();
        let b1 = l.add_invoice(Invoice::new("B1", be, d(2024, 1, 1), 30, eur("1000"))).unwrap();
        let f = facts(&l, be, &[b1], d(2024, 3, 1), None, false, false);
        assert!(f.belgian_consumer_first());
        assert_eq!(round_cents(f.costs.unwrap()), dec("90.00"));
        assert!(!f.costs_due_now);
        assert_eq!(f.total_due, eur("1000"));
        assert_eq!(f.interest, None);
        // Posted on Friday 1 March: from Wednesday 6 March, 14 days.
        assert_eq!(f.deadline, Some(d(2024, 3, 19)));
        l.add_event(Event::new(be, Some(b1), d(2024, 3, 1), EventKind::DunningDone { step: "reminder".into(), channel: Channel::Email }))
            .unwrap();
        let g = facts(&l, be, &[b1], d(2024, 3, 5), None, false, false);
        assert!(!g.belgian_consumer_first());
        assert_eq!((g.costs, g.deadline), (None, None));
    }

    #[test]
    fn letter_facts_when_the_law_has_no_rate() {
        let mut l = Ledger::new();
        let mut c = Customer::new("P1", "Piet de Vries");
        c.kind = CustomerKind::Consumer;
        let cid = l.add_customer(c).unwrap();
        // The shipped consumer table ends on 30 June 2025.
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2025, 6, 1), 30, eur("100"))).unwrap();
        let f = facts(&l, cid, &[f1], d(2025, 8, 1), None, true, true);
        assert!(matches!(f.law_error, Some(LawError::NoRate { .. })), "{:?}", f.law_error);
        assert_eq!((f.interest, f.costs), (None, None));
        assert_eq!(f.total_due, eur("100"));
        // Nothing announced: nothing computed, no error.
        assert_eq!(facts(&l, cid, &[f1], d(2025, 8, 1), None, false, false).law_error, None);
    }

    #[test]
    fn letter_facts_keep_currencies_apart() {
        let mut l = Ledger::new();
        let cid = l.add_customer(Customer::new("K1", "Abroad Ltd")).unwrap();
        let usd = Currency::parse("USD").unwrap();
        let mut inv = Invoice::new("U1", cid, d(2024, 1, 1), 30, Money::new(dec("50"), usd));
        inv.reference = "RF18 5390 0754 7034".into();
        let u1 = l.add_invoice(inv).unwrap();
        let e1 = l.add_invoice(Invoice::new("E1", cid, d(2024, 1, 1), 30, eur("100"))).unwrap();
        let f = facts(&l, cid, &[u1, e1], d(2024, 3, 1), None, true, false);
        assert_eq!(f.open_total, eur("100"));
        assert_eq!(f.open_other, [Money::new(dec("50"), usd)]);
        assert_eq!(f.total_due.currency, Currency::EUR);
        let only_usd = facts(&l, cid, &[u1], d(2024, 3, 1), None, true, false);
        assert_eq!(only_usd.open_total, Money::new(dec("50"), usd));
        assert_eq!(only_usd.reference, "RF18 5390 0754 7034", "one invoice: its own payment reference");
        assert!(facts(&l, CustomerId(99), &[u1], d(2024, 3, 1), None, true, true).invoices.is_empty());
    }
}
