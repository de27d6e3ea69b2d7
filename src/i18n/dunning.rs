//! Texts of dunning: the built-in message of every step in Dutch and English, the user's own
//! texts preferred over them, the placeholders and how a text is filled in.
//!
//! Tone (seed 002: "modern, niet te vormelijk"): short sentences, plain words, "u" in Dutch —
//! readers include Belgian customers and consumers, and a final notice has legal weight, so the
//! polite form stays while the stiff phrases go ("Hierbij delen wij u mede", "vriendelijk doch
//! dringend", "Geachte heer/mevrouw"). Every written step opens and closes alike; the reminder
//! assumes an oversight, the first dunning letter asks for payment now, the final notice gives
//! the deadline and the consequences. Phone steps and the visit are not letters but scripts for
//! the person who calls: the goal, what to say, what to ask, what to agree, what to record.
//!
//! Placeholders are the same English names in both languages (`{customer}`, `{open_total}`, …;
//! see [`placeholders`]). [`render`] fills them in; a line that holds a placeholder whose value
//! is empty is left out, so "Rente: {interest}" disappears when no interest is announced, and a
//! paragraph is one line.

use chrono::NaiveDate;

use super::Lang;
use crate::domain::{round_cents, Channel, Company, DunningSettings, Money, StepKind};
use crate::engine::dunning::{Action, ActionKind};
use crate::engine::letter::{LetterFacts, LetterInvoice};

/// Every placeholder a template may use, in the order the editor's help lists them.
const PLACEHOLDERS: [&str; 15] = [
    "customer",
    "contact",
    "invoices",
    "open_total",
    "interest",
    "costs",
    "fee",
    "total_due",
    "deadline",
    "reference",
    "today",
    "own_name",
    "own_iban",
    "own_phone",
    "own_email",
];

/// The names of the placeholders (without braces), for the template editor's help.
pub fn placeholders() -> &'static [&'static str] {
    &PLACEHOLDERS
}

/// The values of the placeholders, already formatted in the letter's language. An empty value
/// leaves out every line that uses it (see [`render`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    /// The customer's name.
    pub customer: String,
    /// Whom the message is addressed to: the contact person, or else the customer's name.
    pub contact: String,
    /// The invoices, one line each (number, date, amount, open, days overdue).
    pub invoices: String,
    pub open_total: String,
    /// Interest up to today; empty when not announced or zero.
    pub interest: String,
    /// Collection costs or compensation; empty when not announced or zero.
    pub costs: String,
    /// The step's own fee; empty when zero.
    pub fee: String,
    pub total_due: String,
    /// The payment deadline; empty when the step gives none.
    pub deadline: String,
    /// What to quote with the payment.
    pub reference: String,
    pub today: String,
    pub own_name: String,
    pub own_iban: String,
    pub own_phone: String,
    pub own_email: String,
}

impl Values {
    /// The value of a placeholder by its name; `None` for a name that is not a placeholder.
    pub fn get(&self, name: &str) -> Option<&str> {
        let v = match name {
            "customer" => &self.customer,
            "contact" => &self.contact,
            "invoices" => &self.invoices,
            "open_total" => &self.open_total,
            "interest" => &self.interest,
            "costs" => &self.costs,
            "fee" => &self.fee,
            "total_due" => &self.total_due,
            "deadline" => &self.deadline,
            "reference" => &self.reference,
            "today" => &self.today,
            "own_name" => &self.own_name,
            "own_iban" => &self.own_iban,
            "own_phone" => &self.own_phone,
            "own_email" => &self.own_email,
            _ => return None,
        };
        Some(v.as_str())
    }
}

/// A template that cannot be filled in. Lines and columns count from 1; a column counts
/// characters, not bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{name}` is not one of [`placeholders`].
    #[error("unknown placeholder {{{name}}} on line {line}, column {column}")]
    Unknown { name: String, line: usize, column: usize },
    /// A `{` without its `}` on the same line.
    #[error("the {{ on line {line}, column {column} is not closed (write {{{{ for a brace)")]
    Unclosed { line: usize, column: usize },
}

/// One piece of a template line.
enum Piece {
    Text(String),
    /// A placeholder (one of `PLACEHOLDERS`).
    Slot(&'static str),
}

/// Splits a template into lines of pieces, with every problem found.
fn parse(text: &str) -> (Vec<Vec<Piece>>, Vec<TemplateError>) {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let chars: Vec<char> = line.chars().collect();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut k = 0;
        while k < chars.len() {
            match chars[k] {
                '{' if chars.get(k + 1) == Some(&'{') => {
                    text.push('{');
                    k += 2;
                }
                '}' if chars.get(k + 1) == Some(&'}') => {
                    text.push('}');
                    k += 2;
                }
                '{' => {
                    let close = chars[k + 1..].iter().position(|c| *c == '}' || *c == '{').map(|p| k + 1 + p);
                    match close {
                        Some(end) if chars[end] == '}' => {
                            let name: String = chars[k + 1..end].iter().collect();
                            let name = name.trim();
                            match PLACEHOLDERS.iter().find(|p| **p == name) {
                                Some(p) => {
                                    if !text.is_empty() {
                                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                                    }
                                    pieces.push(Piece::Slot(p));
                                }
                                None => errors.push(TemplateError::Unknown {
                                    name: name.to_string(),
                                    line: line_no,
                                    column: k + 1,
                                }),
                            }
                            k = end + 1;
                        }
                        _ => {
                            errors.push(TemplateError::Unclosed { line: line_no, column: k + 1 });
                            // Read the rest as text, so later problems on the line are found too.
                            text.push('{');
                            k += 1;
                        }
                    }
                }
                c => {
                    text.push(c);
                    k += 1;
                }
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        lines.push(pieces);
    }
    (lines, errors)
}

/// Every problem of a template, for the editor (empty when it can be filled in).
pub fn check(text: &str) -> Vec<TemplateError> {
    parse(text).1
}

/// Fills in the placeholders of `text`.
///
/// - `{name}` is replaced by its value (spaces inside the braces are ignored);
/// - `{{` and `}}` are a literal `{` and `}`;
/// - a line holding a placeholder whose value is empty is left out, and so is a blank line that
///   would then double the blank line before it;
/// - line breaks come out as `\n`.
///
/// # Errors
/// The first problem found: an unknown placeholder or an unclosed `{`, with line and column.
pub fn render(text: &str, values: &Values) -> Result<String, TemplateError> {
    let (lines, mut errors) = parse(text);
    if !errors.is_empty() {
        return Err(errors.remove(0));
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut dropped = false;
    for pieces in lines {
        let empty = |name: &str| values.get(name).unwrap_or("").is_empty();
        let empty_slot = pieces.iter().any(|p| matches!(p, Piece::Slot(name) if empty(name)));
        if empty_slot {
            dropped = true;
            continue;
        }
        let line: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Slot(name) => values.get(name).unwrap_or(""),
            })
            .collect();
        let blank = line.trim().is_empty();
        if blank && dropped && out.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        if !blank {
            dropped = false;
        }
        out.push(line);
    }
    Ok(out.join("\n"))
}

/// Whether the built-in text of a step is a script for a call or visit rather than a message.
/// A written step that the channel rules turn into a call can use the script of
/// [`StepKind::Call`].
pub fn is_script(kind: StepKind) -> bool {
    matches!(kind, StepKind::ProactiveCheck | StepKind::DueDateCall | StepKind::Call | StepKind::Visit)
}

/// The written payment requests: the only kinds the legal consumer variants apply to.
fn is_payment_request(kind: StepKind) -> bool {
    matches!(kind, StepKind::Reminder | StepKind::FirstDunning | StepKind::FinalNotice)
}

/// Which legal variant applies, if any: the Belgian consumer's first reminder wins over the
/// Dutch 14-day letter (they never both hold: one customer has one country).
fn legal_variant(kind: StepKind, consumer_nl_final: bool, belgian_consumer_first: bool) -> Option<Variant> {
    if !is_payment_request(kind) {
        None
    } else if belgian_consumer_first {
        Some(Variant::BelgianConsumerFirst)
    } else if consumer_nl_final {
        Some(Variant::DutchConsumerFinal)
    } else {
        None
    }
}

#[derive(Clone, Copy)]
enum Variant {
    /// The Dutch "veertiendagenbrief" (art. 6:96 lid 6 BW).
    DutchConsumerFinal,
    /// The free first reminder to a Belgian consumer (Book XIX WER).
    BelgianConsumerFirst,
}

/// The built-in (subject, body) of a step.
///
/// `consumer_nl_final`: the customer is a Dutch consumer and this letter is the 14-day letter
/// (it names the collection costs and gives 14 days from the day after receipt).
/// `belgian_consumer_first`: the customer is a Belgian consumer and this is the first reminder
/// (free of charge, 14 calendar days). Both apply only to the written payment requests
/// (reminder, first dunning, final notice); for other steps they are ignored.
pub fn builtin(kind: StepKind, lang: Lang, consumer_nl_final: bool, belgian_consumer_first: bool) -> (&'static str, &'static str) {
    let nl = lang == Lang::Nl;
    match (legal_variant(kind, consumer_nl_final, belgian_consumer_first), nl) {
        (Some(Variant::DutchConsumerFinal), true) => (NL_CONSUMER_FINAL_SUBJECT, NL_CONSUMER_FINAL),
        (Some(Variant::DutchConsumerFinal), false) => (EN_CONSUMER_FINAL_SUBJECT, EN_CONSUMER_FINAL),
        (Some(Variant::BelgianConsumerFirst), true) => (NL_BE_FIRST_SUBJECT, NL_BE_FIRST),
        (Some(Variant::BelgianConsumerFirst), false) => (EN_BE_FIRST_SUBJECT, EN_BE_FIRST),
        (None, true) => match kind {
            StepKind::ProactiveCheck => (NL_PROACTIVE_SUBJECT, NL_PROACTIVE),
            StepKind::InvoiceFollowUp => (NL_FOLLOW_UP_SUBJECT, NL_FOLLOW_UP),
            StepKind::DueDateCall => (NL_DUE_DATE_SUBJECT, NL_DUE_DATE),
            StepKind::Reminder => (NL_REMINDER_SUBJECT, NL_REMINDER),
            StepKind::FirstDunning => (NL_FIRST_DUNNING_SUBJECT, NL_FIRST_DUNNING),
            StepKind::Call => (NL_CALL_SUBJECT, NL_CALL),
            StepKind::Visit => (NL_VISIT_SUBJECT, NL_VISIT),
            StepKind::FinalNotice => (NL_FINAL_SUBJECT, NL_FINAL),
            StepKind::HandOver => (NL_HAND_OVER_SUBJECT, NL_HAND_OVER),
        },
        (None, false) => match kind {
            StepKind::ProactiveCheck => (EN_PROACTIVE_SUBJECT, EN_PROACTIVE),
            StepKind::InvoiceFollowUp => (EN_FOLLOW_UP_SUBJECT, EN_FOLLOW_UP),
            StepKind::DueDateCall => (EN_DUE_DATE_SUBJECT, EN_DUE_DATE),
            StepKind::Reminder => (EN_REMINDER_SUBJECT, EN_REMINDER),
            StepKind::FirstDunning => (EN_FIRST_DUNNING_SUBJECT, EN_FIRST_DUNNING),
            StepKind::Call => (EN_CALL_SUBJECT, EN_CALL),
            StepKind::Visit => (EN_VISIT_SUBJECT, EN_VISIT),
            StepKind::FinalNotice => (EN_FINAL_SUBJECT, EN_FINAL),
            StepKind::HandOver => (EN_HAND_OVER_SUBJECT, EN_HAND_OVER),
        },
    }
}

/// The (subject, body) to use for a step: the user's own text for that step and language when
/// there is one (and its body is not blank), else the built-in text.
///
/// The legal consumer variants (see [`builtin`]) always use the built-in text: a text written
/// for business customers lacks what makes a 14-day letter or a Belgian first reminder valid.
pub fn template(
    settings: &DunningSettings,
    kind: StepKind,
    lang: Lang,
    consumer_nl_final: bool,
    belgian_consumer_first: bool,
) -> (String, String) {
    if legal_variant(kind, consumer_nl_final, belgian_consumer_first).is_none() {
        let own = settings
            .templates
            .iter()
            .find(|t| t.kind == kind && t.lang.trim().eq_ignore_ascii_case(lang.code()) && !t.body.trim().is_empty());
        if let Some(t) = own {
            return (t.subject.clone(), t.body.clone());
        }
    }
    let (subject, body) = builtin(kind, lang, consumer_nl_final, belgian_consumer_first);
    (subject.to_string(), body.to_string())
}

/// The texts (subject and body templates) for an action of the plan, chosen by what the action
/// is and how it is carried out:
/// - a broken promise is followed up by its own call script, a second promise by an e-mail
///   asking for a copy of the transfer order (neither is a policy step, so neither has a user
///   template);
/// - a written step that the amount rules turn into a phone call (or a visit) uses the script of
///   [`StepKind::Call`] (or [`StepKind::Visit`]): nobody reads a letter out on the phone;
/// - a written payment request to a Belgian consumer to whom no reminder was sent yet is the
///   free first reminder, decided by the letter's facts (not by the step's name: a policy may
///   start with a first dunning letter);
/// - a Dutch consumer's final notice is the 14-day letter.
pub fn action_template(settings: &DunningSettings, lang: Lang, action: &Action, facts: &LetterFacts) -> (String, String) {
    let nl = lang == Lang::Nl;
    let fixed = |s: (&str, &str)| (s.0.to_string(), s.1.to_string());
    match action.kind {
        ActionKind::PromiseBroken { .. } => fixed(if nl { (NL_BROKEN_SUBJECT, NL_BROKEN) } else { (EN_BROKEN_SUBJECT, EN_BROKEN) }),
        ActionKind::ProofOfPayment { .. } => fixed(if nl { (NL_PROOF_SUBJECT, NL_PROOF) } else { (EN_PROOF_SUBJECT, EN_PROOF) }),
        ActionKind::Step(kind) => {
            let spoken = matches!(action.channel, Channel::Phone | Channel::Visit);
            let kind = if spoken && !is_script(kind) {
                if action.channel == Channel::Visit {
                    StepKind::Visit
                } else {
                    StepKind::Call
                }
            } else {
                kind
            };
            let be_first = !spoken && facts.belgian_consumer_first();
            template(settings, kind, lang, action.fourteen_day_letter && !spoken, be_first)
        }
    }
}

const NL_BROKEN_SUBJECT: &str = "Belscript belofte niet nagekomen: {customer}";
const NL_BROKEN: &str = "\
Doel: weten waarom de toegezegde betaling niet kwam, en een nieuwe, harde afspraak maken. Een gebroken belofte is een waarschuwing: blijf vriendelijk, maar laat merken dat u het hebt gezien.

Klant: {customer}
Contactpersoon: {contact}

Het gaat om:
{invoices}
Openstaand: {open_total}
Rente tot en met {today}: {interest}

Zeggen:
- \"Goedemorgen, met (uw naam) van {own_name}. U had ons een betaling toegezegd, maar die hebben we niet ontvangen. Wat is er gebeurd?\"

Vragen:
- Is de betaling wel opgedragen? Zo ja: wanneer, van welke rekening, en welk bedrag?
- Wat houdt de betaling tegen?
- Op welke datum betaalt u nu, en welk bedrag?

Afspreken:
- Een nieuwe datum en een bedrag, zo kort mogelijk. Vraag om een kopie van de betaalopdracht zodra die is gedaan.
- Bevestig de afspraak dezelfde dag per e-mail, en zeg wat er gebeurt als ook deze afspraak niet wordt nagekomen: de laatste aanmaning, met rente en incassokosten.

Vastleggen in het dagboek:
- Bereikt of geen gehoor, de reden, en de nieuwe belofte (bedrag en datum).";

const EN_BROKEN_SUBJECT: &str = "Call script, promise broken: {customer}";
const EN_BROKEN: &str = "\
Goal: find out why the promised payment did not come, and agree a new, firm date. A broken promise is a warning sign: stay friendly, but show that you noticed.

Customer: {customer}
Contact: {contact}

About:
{invoices}
Outstanding: {open_total}
Interest up to and including {today}: {interest}

Say:
- \"Good morning, this is (your name) from {own_name}. You promised us a payment, but we have not received it. What happened?\"

Ask:
- Was the payment actually ordered? If so: when, from which account, and how much?
- What is holding the payment up?
- On what date will you pay now, and how much?

Agree:
- A new date and amount, as soon as possible. Ask for a copy of the transfer order as soon as it is made.
- Confirm the agreement by e-mail the same day, and say what happens if this agreement is not kept either: the final notice, with interest and collection costs.

Record in the diary:
- Reached or no answer, the reason, and the new promise (amount and date).";

const NL_PROOF_SUBJECT: &str = "Uw betaling aan {own_name}: graag een kopie van de betaalopdracht";
const NL_PROOF: &str = "\
Beste {contact},

Dank voor uw toezegging om te betalen. Omdat dit de tweede afspraak over deze facturen is, vragen wij u om ons een kopie (of schermafbeelding) van de betaalopdracht te sturen zodra u die hebt gedaan. Dan kunnen wij de betaling meteen herkennen en verwerken.

Het gaat om:
{invoices}
Openstaand: {open_total}

U kunt betalen op {own_iban} onder vermelding van {reference}.

Hebt u vragen, bel of mail ons gerust: {own_phone}, {own_email}.

Met vriendelijke groet,
{own_name}";

const EN_PROOF_SUBJECT: &str = "Your payment to {own_name}: please send a copy of the transfer order";
const EN_PROOF: &str = "\
Dear {contact},

Thank you for your promise to pay. As this is the second arrangement about these invoices, we ask you to send us a copy (or screenshot) of the transfer order as soon as you have made it. That way we can recognise and process the payment straight away.

About:
{invoices}
Outstanding: {open_total}

Please pay to {own_iban}, quoting {reference}.

If you have any questions, call or e-mail us: {own_phone}, {own_email}.

Kind regards,
{own_name}";

impl Lang {
    /// The values of a letter's placeholders, formatted in this language: amounts with their
    /// currency, dates in words, the invoices one per line. Interest, costs and the fee are empty
    /// when absent or zero, so their lines are left out.
    pub fn letter_values(self, f: &LetterFacts, company: &Company) -> Values {
        let with_others = |main: Money| {
            let mut parts = vec![self.money(main)];
            parts.extend(f.open_other.iter().map(|m| self.money(*m)));
            parts.join(" + ")
        };
        let eur_or_empty = |d: Option<rust_decimal::Decimal>| match d {
            Some(d) if !round_cents(d).is_zero() => self.amount(d, f.total_due.currency),
            _ => String::new(),
        };
        let contact = if f.contact.trim().is_empty() { f.customer.clone() } else { f.contact.clone() };
        Values {
            customer: f.customer.clone(),
            contact,
            invoices: f.invoices.iter().map(|i| self.letter_invoice_line(i)).collect::<Vec<_>>().join("\n"),
            open_total: with_others(f.open_total),
            interest: eur_or_empty(f.interest),
            costs: eur_or_empty(f.costs),
            fee: eur_or_empty(Some(f.fee)),
            total_due: with_others(f.total_due),
            deadline: f.deadline.map(|d| self.long_date(d)).unwrap_or_default(),
            reference: f.reference.clone(),
            today: self.letter_date(f.today),
            own_name: company.name.trim().to_string(),
            own_iban: iban_groups(&company.iban),
            own_phone: company.phone.trim().to_string(),
            own_email: company.email.trim().to_string(),
        }
    }

    /// One invoice of a letter: "- Factuur F1 van 1 maart 2024: € 1.000,00, open € 900,00, 35
    /// dagen over de vervaldatum".
    pub fn letter_invoice_line(self, i: &LetterInvoice) -> String {
        let when = match (self, i.days_overdue) {
            (Lang::Nl, 0) => "vervalt vandaag".to_string(),
            (Lang::En, 0) => "due today".to_string(),
            (Lang::Nl, n) if n < 0 => format!("vervalt op {}", self.letter_date(i.due)),
            (Lang::En, n) if n < 0 => format!("due {}", self.letter_date(i.due)),
            (Lang::Nl, n) => format!("{} over de vervaldatum", self.days(n)),
            (Lang::En, n) => format!("{} overdue", self.days(n)),
        };
        match self {
            Lang::Nl => format!(
                "- Factuur {} van {}: {}, open {}, {when}",
                i.number,
                self.letter_date(i.date),
                self.money(i.amount),
                self.money(i.open)
            ),
            Lang::En => format!(
                "- Invoice {} of {}: {}, open {}, {when}",
                i.number,
                self.letter_date(i.date),
                self.money(i.amount),
                self.money(i.open)
            ),
        }
    }

    /// A date as written in a letter: "1 maart 2024", "1 March 2024".
    pub fn letter_date(self, d: NaiveDate) -> String {
        // The long date without its weekday.
        let long = self.long_date(d);
        long.split_once(' ').map_or(long.clone(), |(_, rest)| rest.to_string())
    }

    /// A template problem, for the editor.
    pub fn template_error(self, e: &TemplateError) -> String {
        match (self, e) {
            (Lang::Nl, TemplateError::Unknown { name, line, column }) => format!(
                "Onbekende invulplek {{{name}}} op regel {line}, kolom {column}. Gebruik een van: {}.",
                braced_list()
            ),
            (Lang::En, TemplateError::Unknown { name, line, column }) => format!(
                "Unknown placeholder {{{name}}} on line {line}, column {column}. Use one of: {}.",
                braced_list()
            ),
            (Lang::Nl, TemplateError::Unclosed { line, column }) => format!(
                "De {{ op regel {line}, kolom {column} wordt niet gesloten met }}. Bedoelt u een accolade in de tekst, schrijf dan {{{{."
            ),
            (Lang::En, TemplateError::Unclosed { line, column }) => format!(
                "The {{ on line {line}, column {column} is not closed with }}. For a brace in the text, write {{{{."
            ),
        }
    }

    /// What a placeholder stands for, for the editor's help.
    pub fn placeholder_help(self, name: &str) -> &'static str {
        match name {
            "customer" => self.tr("naam van de klant", "the customer's name"),
            "contact" => self.tr("contactpersoon (anders de naam van de klant)", "contact person (else the customer's name)"),
            "invoices" => self.tr(
                "de facturen, één per regel: nummer, datum, bedrag, open, dagen over de vervaldatum",
                "the invoices, one per line: number, date, amount, open, days overdue",
            ),
            "open_total" => self.tr("totaal openstaand", "total outstanding"),
            "interest" => self.tr("rente tot vandaag (als de stap rente aankondigt)", "interest up to today (when the step announces interest)"),
            "costs" => self.tr(
                "incassokosten of vergoeding (als de stap kosten aankondigt)",
                "collection costs or compensation (when the step announces costs)",
            ),
            "fee" => self.tr("kosten van deze stap (als die er zijn)", "this step's fee (if any)"),
            "total_due" => self.tr("totaal te betalen", "total to pay"),
            "deadline" => self.tr("uiterste betaaldatum", "payment deadline"),
            "reference" => self.tr("betalingskenmerk", "payment reference"),
            "today" => self.tr("datum van vandaag", "today's date"),
            "own_name" => self.tr("uw bedrijfsnaam", "your company name"),
            "own_iban" => self.tr("uw IBAN", "your IBAN"),
            "own_phone" => self.tr("uw telefoonnummer", "your phone number"),
            "own_email" => self.tr("uw e-mailadres", "your e-mail address"),
            _ => "",
        }
    }
}

/// "{customer}, {contact}, …" for error messages.
fn braced_list() -> String {
    PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")
}

/// An IBAN in groups of four, as printed: "NL91 ABNA 0417 1643 00".
fn iban_groups(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
    compact.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// The built-in texts. One paragraph is one line: a line whose placeholder is empty is left out.
// ---------------------------------------------------------------------------------------------

const NL_PROACTIVE_SUBJECT: &str = "Belscript vóór de vervaldatum: {customer}";
const NL_PROACTIVE: &str = "\
Doel: nagaan of de betaling op tijd kan gebeuren. Er is niets aan de hand: dit is service, geen aanmaning.

Klant: {customer}
Contactpersoon: {contact}

Het gaat om:
{invoices}
Totaal: {open_total}

Zeggen:
- \"Goedemorgen, met (uw naam) van {own_name}. Binnenkort vervalt onze factuur van {open_total}. Ik bel even om te horen of alles in orde is, zodat de betaling op tijd kan gebeuren.\"

Vragen:
- Is de factuur goed ontvangen, en ligt hij bij de juiste persoon?
- Klopt alles: bedrag, ordernummer, referentie, levering?
- Is de factuur al goedgekeurd voor betaling?
- Staat er iets de betaling in de weg?
- Op welke datum staat de betaling gepland?

Afspreken:
- De betaaldatum. Of: wat er nog nodig is (een kopie, een ordernummer, een creditnota), wie dat regelt en wanneer.

Vastleggen in het dagboek:
- Met wie u sprak, of dat u niemand bereikte.
- De geplande betaaldatum, of het bezwaar en wat u hebt afgesproken.";

const EN_PROACTIVE_SUBJECT: &str = "Call script before the due date: {customer}";
const EN_PROACTIVE: &str = "\
Goal: check that payment can be made on time. Nothing is wrong: this is a service call, not a reminder.

Customer: {customer}
Contact: {contact}

About:
{invoices}
Total: {open_total}

Say:
- \"Good morning, this is (your name) from {own_name}. Our invoice for {open_total} falls due soon. I'm calling to check that everything is in order, so payment can go through on time.\"

Ask:
- Did the invoice arrive, and is it with the right person?
- Is everything correct: amount, order number, reference, delivery?
- Has the invoice been approved for payment?
- Is anything standing in the way of payment?
- On what date is payment scheduled?

Agree:
- The payment date. Or: what is still needed (a copy, an order number, a credit note), who arranges it and when.

Record in the diary:
- Whom you spoke to, or that you could not reach anyone.
- The scheduled payment date, or the objection and what you agreed.";

const NL_FOLLOW_UP_SUBJECT: &str = "Is onze factuur goed aangekomen?";
const NL_FOLLOW_UP: &str = "\
Beste {contact},

Onlangs hebben wij u het volgende gefactureerd:
{invoices}

Wij willen graag weten of alles goed is aangekomen. Is de factuur akkoord en ingepland voor betaling?

Ontbreekt er iets, zoals een ordernummer of referentie, of klopt er iets niet? Laat het ons gerust weten. Dan lossen we het meteen op.
U bereikt ons op {own_phone} of via {own_email}.

Met vriendelijke groet,

{own_name}";

const EN_FOLLOW_UP_SUBJECT: &str = "Did our invoice reach you?";
const EN_FOLLOW_UP: &str = "\
Dear {contact},

We recently invoiced you for the following:
{invoices}

We would like to make sure it arrived safely. Has it been approved and scheduled for payment?

Is anything missing, such as an order number or reference, or is something not right? Just let us know and we will sort it out straight away.
You can reach us on {own_phone} or at {own_email}.

Kind regards,

{own_name}";

const NL_DUE_DATE_SUBJECT: &str = "Belscript vervaldag: {customer}";
const NL_DUE_DATE: &str = "\
Doel: {customer} vriendelijk laten weten dat de betaling vandaag vervalt, en horen wanneer er betaald wordt.

Klant: {customer}
Contactpersoon: {contact}

Het gaat om:
{invoices}
Totaal: {open_total}

Zeggen:
- \"Goedemorgen, met (uw naam) van {own_name}. Vandaag vervalt onze factuur van {open_total}. Ik bel even om te horen of de betaling klaarstaat.\"
- Geldt er rente? Vermeld dan rustig dat die na vandaag gaat lopen. Als feit, niet als dreigement.

Vragen:
- Is de betaling al verstuurd of ingepland? Op welke datum?
- Is er iets dat de betaling tegenhoudt?

Afspreken:
- Een datum en een bedrag. Herhaal de afspraak hardop.
- Bied aan de betaalgegevens te mailen: {own_iban}, kenmerk {reference}.

Vastleggen in het dagboek:
- Bereikt, geen gehoor of geen reactie.
- De toezegging als betaalbelofte (bedrag en datum), of het excuus of bezwaar.";

const EN_DUE_DATE_SUBJECT: &str = "Call script, due date: {customer}";
const EN_DUE_DATE: &str = "\
Goal: let {customer} know, in a friendly way, that payment is due today, and hear when it will be paid.

Customer: {customer}
Contact: {contact}

About:
{invoices}
Total: {open_total}

Say:
- \"Good morning, this is (your name) from {own_name}. Our invoice for {open_total} is due today. I'm just calling to check that payment is on its way.\"
- Does interest apply? Then mention calmly that it starts to run after today. As a fact, not a threat.

Ask:
- Has payment been sent or scheduled? On what date?
- Is anything holding payment up?

Agree:
- A date and an amount. Repeat the agreement out loud.
- Offer to e-mail the payment details: {own_iban}, reference {reference}.

Record in the diary:
- Reached, no answer or no response.
- The commitment as a promise to pay (amount and date), or the excuse or objection.";

const NL_REMINDER_SUBJECT: &str = "Herinnering: openstaande betaling ({reference})";
const NL_REMINDER: &str = "\
Beste {contact},

Volgens onze administratie hebben wij de betaling van het volgende nog niet ontvangen:
{invoices}

Het openstaande bedrag is {open_total}. Waarschijnlijk is het aan uw aandacht ontsnapt. Dat kan gebeuren.

Wilt u het bedrag betalen op rekening {own_iban} ten name van {own_name}, met vermelding van {reference}?
Graag ontvangen wij uw betaling uiterlijk {deadline}.

Heeft u intussen al betaald? Dan kruisen onze berichten elkaar en hoeft u niets te doen.

Klopt er iets niet aan de factuur, of heeft u een vraag? Neem dan gerust contact met ons op.
U bereikt ons op {own_phone} of via {own_email}.

Met vriendelijke groet,

{own_name}";

const EN_REMINDER_SUBJECT: &str = "Reminder: payment outstanding ({reference})";
const EN_REMINDER: &str = "\
Dear {contact},

According to our records, we have not yet received payment for the following:
{invoices}

The amount outstanding is {open_total}. It has probably slipped through the net. That happens.

Could you please pay the amount to account {own_iban} in the name of {own_name}, quoting {reference}?
We look forward to receiving your payment by {deadline}.

If you have already paid, our messages have crossed and there is nothing more you need to do.

Is something wrong with the invoice, or do you have a question? Please get in touch.
You can reach us on {own_phone} or at {own_email}.

Kind regards,

{own_name}";

const NL_FIRST_DUNNING_SUBJECT: &str = "Aanmaning: betaling nog niet ontvangen ({reference})";
const NL_FIRST_DUNNING: &str = "\
Beste {contact},

Onlangs stuurden wij u een herinnering. Toch hebben wij de betaling van het volgende nog niet ontvangen:
{invoices}

Wij vragen u het openstaande bedrag nu te betalen, en gaan ervan uit dat u dit direct regelt.

Openstaand: {open_total}
Rente tot en met {today}: {interest}
Aanmaningskosten: {fee}
Totaal te betalen: {total_due}

Wilt u {total_due} betalen op rekening {own_iban} ten name van {own_name}, met vermelding van {reference}?
Wij verwachten uw betaling uiterlijk {deadline}.

Kunt u niet op tijd betalen, of is er iets met de factuur? Neem dan zo snel mogelijk contact met ons op. Dan zoeken we samen naar een oplossing.
U bereikt ons op {own_phone} of via {own_email}.

Heeft u intussen al betaald? Dan kruisen onze berichten elkaar en hoeft u niets te doen.

Met vriendelijke groet,

{own_name}";

const EN_FIRST_DUNNING_SUBJECT: &str = "Overdue payment: please pay now ({reference})";
const EN_FIRST_DUNNING: &str = "\
Dear {contact},

We recently sent you a reminder, but we have still not received payment for the following:
{invoices}

We ask you to pay the outstanding amount now, and trust that you will settle it straight away.

Outstanding: {open_total}
Interest up to and including {today}: {interest}
Reminder fee: {fee}
Total to pay: {total_due}

Please pay {total_due} to account {own_iban} in the name of {own_name}, quoting {reference}.
We expect your payment by {deadline} at the latest.

If you cannot pay on time, or if something is wrong with the invoice, please contact us as soon as possible, so we can find a solution together.
You can reach us on {own_phone} or at {own_email}.

If you have already paid, our messages have crossed and there is nothing more you need to do.

Kind regards,

{own_name}";

const NL_CALL_SUBJECT: &str = "Belscript betalingsachterstand: {customer}";
const NL_CALL: &str = "\
Doel: een vaste betaalafspraak maken. {customer} heeft een herinnering en een aanmaning gehad en nog niet betaald. Blijf vriendelijk, maar wees duidelijk: u belt om iets af te spreken, niet alleen om te herinneren.

Klant: {customer}
Contactpersoon: {contact}

Het gaat om:
{invoices}
Openstaand: {open_total}
Rente tot en met {today}: {interest}
Totaal: {total_due}

Zeggen:
- \"Goedemorgen, met (uw naam) van {own_name}. Ik bel over de facturen die nog openstaan, samen {open_total}. U heeft onze herinnering en aanmaning ontvangen. Ik wil graag met u afspreken wanneer de betaling komt.\"

Vragen:
- Heeft u de herinnering en de aanmaning ontvangen?
- Waarom is er nog niet betaald?
- Klopt de factuur? Zo niet: wat precies, en wie lost het op? (Leg een bezwaar vast als geschil.)
- Op welke datum betaalt u, en welk bedrag?
- Lukt het niet in één keer? Welk bedrag kunt u nu betalen, en wanneer de rest?

Afspreken:
- Een concrete datum en een bedrag. Herhaal de afspraak en bevestig die dezelfde dag per e-mail.
- Is dit de tweede belofte? Vraag dan om een kopie van de betaalopdracht.
- Lukt een afspraak niet? Zeg dan dat u de laatste aanmaning stuurt, met rente en incassokosten.

Vastleggen in het dagboek:
- Bereikt of geen gehoor.
- De betaalbelofte (bedrag en datum), het excuus en de soort, een geschil, en wat u zelf hebt toegezegd.";

const EN_CALL_SUBJECT: &str = "Call script, overdue payment: {customer}";
const EN_CALL: &str = "\
Goal: agree a firm payment date. {customer} has had a reminder and a dunning letter and has not paid. Stay friendly, but be clear: you are calling to agree something, not just to remind.

Customer: {customer}
Contact: {contact}

About:
{invoices}
Outstanding: {open_total}
Interest up to and including {today}: {interest}
Total: {total_due}

Say:
- \"Good morning, this is (your name) from {own_name}. I'm calling about the invoices that are still open, {open_total} in total. You have received our reminder and our letter. I'd like to agree with you when payment will be made.\"

Ask:
- Did you receive the reminder and the letter?
- Why has it not been paid yet?
- Is the invoice correct? If not: what exactly, and who will sort it out? (Record an objection as a dispute.)
- On what date will you pay, and how much?
- If you cannot pay it all at once: how much can you pay now, and when will the rest follow?

Agree:
- A specific date and amount. Repeat the agreement and confirm it by e-mail the same day.
- If this is a second promise, ask for a copy of the transfer order.
- If no agreement is possible, say that you will send the final notice, with interest and collection costs.

Record in the diary:
- Reached or no answer.
- The promise to pay (amount and date), the excuse and its kind, a dispute, and what you promised yourself.";

const NL_VISIT_SUBJECT: &str = "Bezoek: {customer}";
const NL_VISIT: &str = "\
Doel: persoonlijk een betaalafspraak maken. Een bezoek laat zien dat u het serieus neemt, en geeft ruimte voor een goed gesprek.

Klant: {customer}
Contactpersoon: {contact}

Meenemen: kopieën van de facturen en van de verstuurde herinneringen en aanmaningen.

Het gaat om:
{invoices}
Openstaand: {open_total}
Rente tot en met {today}: {interest}
Totaal: {total_due}

Zeggen:
- \"We werken graag met u samen. Er staat nog {open_total} open, en ik wil graag samen met u kijken hoe we dat oplossen.\"

Vragen:
- Hoe gaat het met het bedrijf? Speelt er iets?
- Is er iets mis met de levering of de factuur?
- Wanneer en hoeveel kunt u betalen?

Afspreken:
- Een betaaldatum of een betalingsregeling (bedragen en data), op papier en door beiden getekend.
- Wat er gebeurt als de afspraak niet wordt nagekomen: de laatste aanmaning, daarna incasso.

Vastleggen in het dagboek:
- Wie u sprak en wat u zag (bedrijvigheid, voorraad, personeel).
- De afspraak als betaalbelofte, of het excuus of bezwaar.";

const EN_VISIT_SUBJECT: &str = "Visit: {customer}";
const EN_VISIT: &str = "\
Goal: agree a payment in person. A visit shows that you take it seriously, and leaves room for a real conversation.

Customer: {customer}
Contact: {contact}

Bring: copies of the invoices and of the reminders and letters sent.

About:
{invoices}
Outstanding: {open_total}
Interest up to and including {today}: {interest}
Total: {total_due}

Say:
- \"We like working with you. There is still {open_total} outstanding, and I'd like to find a way to resolve that together.\"

Ask:
- How is the business doing? Is something going on?
- Is anything wrong with the delivery or the invoice?
- When can you pay, and how much?

Agree:
- A payment date or a payment plan (amounts and dates), on paper and signed by both.
- What happens if the agreement is not kept: the final notice, then collection.

Record in the diary:
- Whom you spoke to and what you saw (activity, stock, staff).
- The agreement as a promise to pay, or the excuse or objection.";

const NL_FINAL_SUBJECT: &str = "Laatste aanmaning en ingebrekestelling ({reference})";
const NL_FINAL: &str = "\
Beste {contact},

Ondanks onze eerdere herinnering en aanmaning hebben wij de betaling van het volgende nog steeds niet ontvangen:
{invoices}

Dit is onze laatste aanmaning. Met deze brief stellen wij u in gebreke.

Openstaand: {open_total}
Rente tot en met {today}: {interest}
Incassokosten: {costs}
Aanmaningskosten: {fee}
Totaal te betalen: {total_due}

Wij vragen u {total_due} te betalen op rekening {own_iban} ten name van {own_name}, met vermelding van {reference}.
Uw betaling moet uiterlijk {deadline} bij ons binnen zijn.

Betaalt u niet op tijd, dan dragen wij de vordering zonder verdere aankondiging over aan een incassobureau of advocaat. De rente loopt door tot de dag van betaling. Ook de kosten van een gerechtelijke procedure kunnen dan voor uw rekening komen.

Wilt u dit voorkomen, of is er een reden waarom u niet kunt betalen? Neem dan vandaag nog contact met ons op.
U bereikt ons op {own_phone} of via {own_email}.

Met vriendelijke groet,

{own_name}";

const EN_FINAL_SUBJECT: &str = "Final notice and notice of default ({reference})";
const EN_FINAL: &str = "\
Dear {contact},

Despite our earlier reminder and letter, we have still not received payment for the following:
{invoices}

This is our final notice. With this letter we formally give you notice of default.

Outstanding: {open_total}
Interest up to and including {today}: {interest}
Collection costs: {costs}
Reminder fee: {fee}
Total to pay: {total_due}

Please pay {total_due} to account {own_iban} in the name of {own_name}, quoting {reference}.
Your payment must reach us by {deadline} at the latest.

If you do not pay on time, we will hand the claim over to a collection agency or lawyer without further notice. Interest continues to run until the day of payment, and the costs of court proceedings may also be charged to you.

Would you like to prevent this, or is there a reason you cannot pay? Then please contact us today.
You can reach us on {own_phone} or at {own_email}.

Kind regards,

{own_name}";

const NL_CONSUMER_FINAL_SUBJECT: &str = "Laatste aanmaning: betaal binnen 14 dagen zonder extra kosten ({reference})";
const NL_CONSUMER_FINAL: &str = "\
Beste {contact},

Wij hebben de betaling van het volgende nog niet ontvangen, ook niet na onze eerdere herinnering:
{invoices}

Openstaand: {open_total}
Rente tot en met {today}: {interest}
Totaal te betalen: {total_due}

U krijgt nog 14 dagen de tijd om dit bedrag te betalen, zonder extra kosten. Deze termijn van 14 dagen begint op de dag nadat u deze brief heeft ontvangen.
Ontvangt u deze brief uiterlijk twee dagen na {today}, dan kunt u betalen tot en met {deadline}.

Wilt u {total_due} betalen op rekening {own_iban} ten name van {own_name}, met vermelding van {reference}?

Betaalt u niet binnen deze 14 dagen, dan brengen wij {costs} aan incassokosten in rekening. Dat bedrag is berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten.
De rente loopt door tot de dag van betaling. Betaalt u ook daarna niet, dan dragen wij de vordering over aan een incassobureau of gerechtsdeurwaarder en kunnen wij de zaak aan de rechter voorleggen. Ook die kosten kunnen dan voor uw rekening komen.

Kunt u het bedrag niet in één keer betalen? Neem dan binnen deze 14 dagen contact met ons op. Dan kijken we samen naar een betalingsregeling.
U bereikt ons op {own_phone} of via {own_email}.

Heeft u intussen al betaald? Dan kruisen onze berichten elkaar en hoeft u niets te doen.

Met vriendelijke groet,

{own_name}";

const EN_CONSUMER_FINAL_SUBJECT: &str = "Final notice: pay within 14 days without extra costs ({reference})";
const EN_CONSUMER_FINAL: &str = "\
Dear {contact},

We have not received payment for the following, not even after our earlier reminder:
{invoices}

Outstanding: {open_total}
Interest up to and including {today}: {interest}
Total to pay: {total_due}

You have 14 more days to pay this amount, without extra costs. This period of 14 days starts on the day after you receive this letter.
If you receive this letter no later than two days after {today}, you can pay up to and including {deadline}.

Please pay {total_due} to account {own_iban} in the name of {own_name}, quoting {reference}.

If you do not pay within these 14 days, we will charge you {costs} in collection costs. That amount is calculated under the Dutch Decree on extrajudicial collection costs (Besluit vergoeding voor buitengerechtelijke incassokosten).
Interest continues to run until the day of payment. If you still do not pay after that, we will hand the claim over to a collection agency or bailiff and may take the matter to court. Those costs may then also be charged to you.

If you cannot pay the full amount at once, please contact us within these 14 days, and we will look at a payment plan together.
You can reach us on {own_phone} or at {own_email}.

If you have already paid, our messages have crossed and there is nothing more you need to do.

Kind regards,

{own_name}";

const NL_BE_FIRST_SUBJECT: &str = "Herinnering (kosteloos): openstaande betaling ({reference})";
const NL_BE_FIRST: &str = "\
Beste {contact},

Volgens onze boekhouding hebben wij de betaling van het volgende nog niet ontvangen:
{invoices}

Het openstaande bedrag is {open_total}. Waarschijnlijk is het aan uw aandacht ontsnapt. Dat kan gebeuren.

Deze eerste herinnering is kosteloos.

U heeft 14 kalenderdagen om te betalen. Die termijn begint op de derde werkdag na de verzending van deze brief, of op de dag na de verzending als u hem per e-mail ontvangt.
Betaal daarom uiterlijk {deadline}.
Wilt u {open_total} overschrijven op rekening {own_iban} ten name van {own_name}, met vermelding van {reference}?

Betaalt u niet binnen deze termijn, dan kunnen wij u een schadevergoeding van {costs} aanrekenen, en intresten als die in onze voorwaarden zijn afgesproken.

Heeft u intussen al betaald? Dan kruisen onze berichten elkaar en hoeft u niets te doen.

Heeft u een vraag, of klopt er iets niet? Neem dan gerust contact met ons op.
U bereikt ons op {own_phone} of via {own_email}.

Met vriendelijke groet,

{own_name}";

const EN_BE_FIRST_SUBJECT: &str = "Reminder (free of charge): payment outstanding ({reference})";
const EN_BE_FIRST: &str = "\
Dear {contact},

According to our records, we have not yet received payment for the following:
{invoices}

The amount outstanding is {open_total}. It has probably slipped through the net. That happens.

This first reminder is free of charge.

You have 14 calendar days to pay. That period starts on the third working day after this letter was sent, or on the day after it was sent if you receive it by e-mail.
Please pay by {deadline} at the latest.
Please transfer {open_total} to account {own_iban} in the name of {own_name}, quoting {reference}.

If you do not pay within this period, we may charge you damages of {costs}, plus interest if our terms provide for it.

If you have already paid, our messages have crossed and there is nothing more you need to do.

Do you have a question, or is something not right? Please get in touch.
You can reach us on {own_phone} or at {own_email}.

Kind regards,

{own_name}";

const NL_HAND_OVER_SUBJECT: &str = "Overdracht vordering: {customer} ({reference})";
const NL_HAND_OVER: &str = "\
Goedendag,

Wij dragen onze vordering op {customer} aan u over. Ondanks herinneringen, aanmaningen en een laatste aanmaning met ingebrekestelling is er niet betaald.

Schuldenaar: {customer}
Contactpersoon: {contact}

Facturen:
{invoices}

Openstaand: {open_total}
Rente tot en met {today}: {interest}
Incassokosten: {costs}
Totaal: {total_due}

Wij sturen kopieën mee van de facturen, de verstuurde aanmaningen en ons dossier met alle contactmomenten. Wilt u de ontvangst bevestigen en ons laten weten welke stappen u zet?

Voor vragen bereikt u ons op {own_phone} of via {own_email}.

Met vriendelijke groet,

{own_name}";

const EN_HAND_OVER_SUBJECT: &str = "Claim handed over: {customer} ({reference})";
const EN_HAND_OVER: &str = "\
Hello,

We are handing our claim on {customer} over to you. Despite reminders, letters and a final notice of default, it has not been paid.

Debtor: {customer}
Contact: {contact}

Invoices:
{invoices}

Outstanding: {open_total}
Interest up to and including {today}: {interest}
Collection costs: {costs}
Total: {total_due}

Enclosed are copies of the invoices, the reminders we sent and our record of every contact. Could you confirm receipt and let us know which steps you will take?

For questions you can reach us on {own_phone} or at {own_email}.

Kind regards,

{own_name}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Address, Customer, CustomerKind, Country, Invoice, InvoiceId, Ledger, Money, TemplateText};
    use crate::engine::letter::facts;
    use crate::engine::law::Regime;
    use rust_decimal::Decimal;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A value for every placeholder, each recognisable.
    fn full() -> Values {
        Values {
            customer: "Bakkerij Jansen".into(),
            contact: "Anna Jansen".into(),
            invoices: "- Factuur F1\n- Factuur F2".into(),
            open_total: "€ 1.000,00".into(),
            interest: "€ 10,25".into(),
            costs: "€ 150,00".into(),
            fee: "€ 7,50".into(),
            total_due: "€ 1.167,75".into(),
            deadline: "vrijdag 8 maart 2024".into(),
            reference: "F1, F2".into(),
            today: "1 maart 2024".into(),
            own_name: "Stipt BV".into(),
            own_iban: "NL91 ABNA 0417 1643 00".into(),
            own_phone: "020 123 4567".into(),
            own_email: "info@stipt.example".into(),
        }
    }

    /// Every text, with what it is: every step in both languages, and the legal variants.
    fn all_builtins() -> Vec<(String, &'static str, &'static str)> {
        let mut out = Vec::new();
        for lang in [Lang::Nl, Lang::En] {
            for kind in StepKind::ALL {
                for (nl_final, be_first) in [(false, false), (true, false), (false, true)] {
                    let (s, b) = builtin(kind, lang, nl_final, be_first);
                    out.push((format!("{kind:?} {lang:?} nl_final={nl_final} be_first={be_first}"), s, b));
                }
            }
        }
        out
    }

    #[test]
    fn every_builtin_renders_with_all_values_and_leaves_no_braces() {
        let v = full();
        for (what, subject, body) in all_builtins() {
            for text in [subject, body] {
                assert_eq!(check(text), Vec::new(), "{what}");
                let out = render(text, &v).unwrap_or_else(|e| panic!("{what}: {e}"));
                assert!(!out.contains('{') && !out.contains('}'), "{what}: leftover brace in\n{out}");
                assert!(!out.trim().is_empty(), "{what}");
            }
            // Every line of a full rendering is kept: nothing is empty.
            assert_eq!(render(body, &v).unwrap().lines().count(), body.lines().count() + 1, "{what}: the invoice list is two lines");
        }
    }

    #[test]
    fn every_builtin_renders_with_only_the_required_values() {
        // A step without interest, costs, fee or deadline: the lines that need them go, the
        // rest reads on.
        let v = Values { interest: String::new(), costs: String::new(), fee: String::new(), deadline: String::new(), ..full() };
        for (what, subject, body) in all_builtins() {
            let out = render(body, &v).unwrap();
            assert!(!out.contains("€ 10,25") && !out.contains("€ 150,00") && !out.contains("€ 7,50"), "{what}");
            assert!(!out.contains("\n\n\n"), "{what}: a doubled blank line\n{out}");
            assert!(out.contains("Bakkerij Jansen") || out.contains("Anna Jansen"), "{what}");
            assert!(render(subject, &v).is_ok());
        }
    }

    #[test]
    fn scripts_and_letters() {
        for lang in [Lang::Nl, Lang::En] {
            for kind in StepKind::ALL {
                let (_, body) = builtin(kind, lang, false, false);
                let sections = match lang {
                    Lang::Nl => ["Doel:", "Zeggen:", "Vragen:", "Afspreken:", "Vastleggen in het dagboek:"],
                    Lang::En => ["Goal:", "Say:", "Ask:", "Agree:", "Record in the diary:"],
                };
                let has_all = sections.iter().all(|s| body.contains(s));
                assert_eq!(has_all, is_script(kind), "{kind:?} {lang:?}");
                if !is_script(kind) {
                    assert!(body.trim_end().ends_with("{own_name}"), "{kind:?} {lang:?} is signed");
                }
            }
        }
        // The steps say what they are for.
        assert!(builtin(StepKind::InvoiceFollowUp, Lang::Nl, false, false).1.contains("goed is aangekomen"));
        assert!(builtin(StepKind::InvoiceFollowUp, Lang::Nl, false, false).1.contains("akkoord"));
        assert!(builtin(StepKind::InvoiceFollowUp, Lang::En, false, false).1.contains("approved"));
        assert!(builtin(StepKind::ProactiveCheck, Lang::Nl, false, false).1.contains("Staat er iets de betaling in de weg?"));
        assert!(builtin(StepKind::ProactiveCheck, Lang::En, false, false).1.contains("standing in the way of payment"));
        assert!(builtin(StepKind::Reminder, Lang::Nl, false, false).1.contains("aan uw aandacht ontsnapt"));
        assert!(builtin(StepKind::FinalNotice, Lang::Nl, false, false).1.contains("in gebreke"));
        assert!(builtin(StepKind::FinalNotice, Lang::Nl, false, false).1.contains("{costs}"));
        assert!(builtin(StepKind::FinalNotice, Lang::En, false, false).1.contains("{deadline}"));
        // The legal variants apply to written payment requests only.
        assert_eq!(builtin(StepKind::Call, Lang::Nl, true, true), builtin(StepKind::Call, Lang::Nl, false, false));
        assert_eq!(builtin(StepKind::FinalNotice, Lang::Nl, true, false).0, NL_CONSUMER_FINAL_SUBJECT);
        assert_eq!(builtin(StepKind::Reminder, Lang::En, false, true).0, EN_BE_FIRST_SUBJECT);
    }

    /// A Dutch consumer owing €1,000 since 31 January 2024, and the 14-day letter of 1 March.
    fn dutch_consumer_letter(lang: Lang) -> String {
        let mut l = Ledger::new();
        l.company.name = "Stipt BV".into();
        l.company.iban = "NL91ABNA0417164300".into();
        let mut c = Customer::new("D1", "Piet de Vries");
        c.kind = CustomerKind::Consumer;
        c.country = Country::Nl;
        let cid = l.add_customer(c).unwrap();
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, Money::eur(dec("1000")))).unwrap();
        let f = facts(&l, cid, &[f1], d(2024, 3, 1), Some(d(2024, 3, 8)), true, true);
        assert_eq!(f.regime, Regime::NlConsumer);
        let (subject, body) = template(&l.settings.dunning, StepKind::FinalNotice, lang, f.dutch_consumer_notice(), false);
        let v = lang.letter_values(&f, &l.company);
        format!("{}\n{}", render(&subject, &v).unwrap(), render(&body, &v).unwrap())
    }

    #[test]
    fn the_dutch_consumer_final_notice_is_a_fourteen_day_letter() {
        let nl = dutch_consumer_letter(Lang::Nl);
        assert!(nl.contains("14 dagen de tijd"), "{nl}");
        assert!(nl.contains("begint op de dag nadat u deze brief heeft ontvangen"), "{nl}");
        // The costs as computed (15% of €1,000), named as an amount; not in the total due now.
        assert!(nl.contains("dan brengen wij € 150,00 aan incassokosten in rekening"), "{nl}");
        assert!(nl.contains("Besluit vergoeding voor buitengerechtelijke incassokosten"), "{nl}");
        assert!(!nl.contains("Totaal te betalen: € 1.150"), "{nl}");
        // 14 days from the day after receipt on 3 March: up to and including 17 March, even
        // though the step asked for 8 March.
        assert!(nl.contains("tot en met zondag 17 maart 2024"), "{nl}");
        assert!(nl.contains("NL91 ABNA 0417 1643 00"), "{nl}");
        let en = dutch_consumer_letter(Lang::En);
        assert!(en.contains("14 more days"), "{en}");
        assert!(en.contains("starts on the day after you receive this letter"), "{en}");
        assert!(en.contains("we will charge you €150.00 in collection costs"), "{en}");
        assert!(en.contains("up to and including Sunday 17 March 2024"), "{en}");
    }

    #[test]
    fn the_belgian_consumer_first_reminder_is_free_and_gives_fourteen_days() {
        let mut l = Ledger::new();
        let mut c = Customer::new("B1", "Marie Peeters");
        c.kind = CustomerKind::Consumer;
        c.country = Country::Be;
        let cid = l.add_customer(c).unwrap();
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, Money::eur(dec("1000")))).unwrap();
        // A reminder step that announces nothing: the first reminder still states the damages.
        let f = facts(&l, cid, &[f1], d(2024, 3, 1), Some(d(2024, 3, 8)), false, false);
        assert!(f.belgian_consumer_first());
        let (s, b) = template(&l.settings.dunning, StepKind::Reminder, Lang::Nl, false, f.belgian_consumer_first());
        let v = Lang::Nl.letter_values(&f, &l.company);
        let out = format!("{}\n{}", render(&s, &v).unwrap(), render(&b, &v).unwrap());
        assert!(out.contains("kosteloos"), "{out}");
        assert!(out.contains("14 kalenderdagen"), "{out}");
        // €1,000: €65 + 5% of €500 = €90.
        assert!(out.contains("schadevergoeding van € 90,00"), "{out}");
        // Posted Friday 1 March: the third working day is Wednesday 6 March, 14 days to 19 March.
        assert!(out.contains("uiterlijk dinsdag 19 maart 2024"), "{out}");
        let (_, b) = template(&l.settings.dunning, StepKind::Reminder, Lang::En, false, true);
        let out = render(&b, &Lang::En.letter_values(&f, &l.company)).unwrap();
        assert!(out.contains("free of charge") && out.contains("14 calendar days") && out.contains("damages of €90.00"), "{out}");
    }

    #[test]
    fn render_errors_name_the_placeholder_line_and_column() {
        let v = full();
        let rows: [(&str, TemplateError); 4] = [
            ("Beste {klant},", TemplateError::Unknown { name: "klant".into(), line: 1, column: 7 }),
            ("Hallo,\n\nOpen: {open_total} of {Open_Total}", TemplateError::Unknown { name: "Open_Total".into(), line: 3, column: 23 }),
            ("Ä {}", TemplateError::Unknown { name: String::new(), line: 1, column: 3 }),
            ("Rente {interest\nloopt door", TemplateError::Unclosed { line: 1, column: 7 }),
        ];
        for (text, expected) in rows {
            assert_eq!(render(text, &v), Err(expected.clone()), "{text:?}");
        }
        assert_eq!(
            check("{a} en {b\n{customer} {{ok}} {c}"),
            vec![
                TemplateError::Unknown { name: "a".into(), line: 1, column: 1 },
                TemplateError::Unclosed { line: 1, column: 8 },
                TemplateError::Unknown { name: "c".into(), line: 2, column: 19 },
            ]
        );
        let e = TemplateError::Unknown { name: "klant".into(), line: 1, column: 7 };
        assert_eq!(e.to_string(), "unknown placeholder {klant} on line 1, column 7");
        assert!(Lang::Nl.template_error(&e).starts_with("Onbekende invulplek {klant} op regel 1, kolom 7. Gebruik een van: {customer}, {contact},"));
        assert!(Lang::En.template_error(&e).starts_with("Unknown placeholder {klant} on line 1, column 7."));
        let u = TemplateError::Unclosed { line: 2, column: 4 };
        assert!(Lang::Nl.template_error(&u).contains("regel 2, kolom 4"));
        assert!(Lang::En.template_error(&u).contains("write {{"));
    }

    #[test]
    fn render_fills_in_escapes_braces_and_leaves_out_empty_lines() {
        let v = Values { interest: String::new(), ..full() };
        let rows = [
            ("Beste {contact},", "Beste Anna Jansen,"),
            ("{ customer }", "Bakkerij Jansen"),
            ("{{customer}} kost {{ 1 }}", "{customer} kost { 1 }"),
            ("a } b", "a } b"),
            ("Open: {open_total}\nRente: {interest}\nTotaal: {total_due}", "Open: € 1.000,00\nTotaal: € 1.167,75"),
            // The paragraph of an empty value goes with one of its blank lines.
            ("Eén.\n\nRente: {interest}\n\nTwee.", "Eén.\n\nTwee."),
            ("Rente: {interest}\n\nTwee.", "Twee."),
            ("Eén.\r\nTwee {customer}.\r\n", "Eén.\nTwee Bakkerij Jansen.\n"),
            ("Lijst:\n{invoices}\nEinde", "Lijst:\n- Factuur F1\n- Factuur F2\nEinde"),
        ];
        for (text, expected) in rows {
            assert_eq!(render(text, &v).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn placeholders_are_the_values() {
        let v = full();
        for p in placeholders() {
            assert!(v.get(p).is_some_and(|s| !s.is_empty()), "{p}");
            assert!(!Lang::Nl.placeholder_help(p).is_empty() && !Lang::En.placeholder_help(p).is_empty(), "{p}");
            assert_eq!(render(&format!("{{{p}}}"), &v).unwrap(), v.get(p).unwrap());
        }
        assert_eq!(v.get("klant"), None);
        assert_eq!(placeholders().len(), 15);
    }

    #[test]
    fn the_users_own_text_is_preferred() {
        let mut settings = DunningSettings::default();
        let own = |lang: &str, body: &str| TemplateText {
            kind: StepKind::Reminder,
            lang: lang.into(),
            subject: "Even een seintje".into(),
            body: body.into(),
        };
        settings.templates.push(own("nl", "Hoi {contact}, nog {open_total} open."));
        settings.templates.push(own("en", "   "));
        assert_eq!(
            template(&settings, StepKind::Reminder, Lang::Nl, false, false),
            ("Even een seintje".to_string(), "Hoi {contact}, nog {open_total} open.".to_string())
        );
        // A blank text falls back to the built-in one; so do other steps.
        let (s, _) = template(&settings, StepKind::Reminder, Lang::En, false, false);
        assert_eq!(s, EN_REMINDER_SUBJECT);
        let (s, _) = template(&settings, StepKind::FirstDunning, Lang::Nl, false, false);
        assert_eq!(s, NL_FIRST_DUNNING_SUBJECT);
        // The legal consumer variants keep their required wording.
        let (s, _) = template(&settings, StepKind::Reminder, Lang::Nl, false, true);
        assert_eq!(s, NL_BE_FIRST_SUBJECT);
        settings.templates.push(TemplateText { kind: StepKind::FinalNotice, ..own("NL", "Betaal nu.") });
        assert_eq!(template(&settings, StepKind::FinalNotice, Lang::Nl, false, false).1, "Betaal nu.");
        assert_eq!(template(&settings, StepKind::FinalNotice, Lang::Nl, true, false).0, NL_CONSUMER_FINAL_SUBJECT);
    }

    #[test]
    fn letter_values_in_both_languages() {
        let mut l = Ledger::new();
        l.company.name = "Stipt BV".into();
        l.company.iban = "nl91 abna 0417 1643 00".into();
        l.company.phone = "020 123 4567".into();
        l.company.email = "info@stipt.example".into();
        let mut c = Customer::new("K1", "Bakkerij Jansen");
        c.address = Address { street: "Dorpsstraat 1".into(), postcode: "1234 AB".into(), city: "Ede".into() };
        let cid = l.add_customer(c).unwrap();
        let f1 = l.add_invoice(Invoice::new("F1", cid, d(2024, 1, 1), 30, Money::eur(dec("1000")))).unwrap();
        let f2 = l.add_invoice(Invoice::new("F2", cid, d(2024, 2, 20), 14, Money::eur(dec("250.5")))).unwrap();
        let f3 = l.add_invoice(Invoice::new("F3", cid, d(2024, 2, 25), 30, Money::eur(dec("99")))).unwrap();
        let ids: Vec<InvoiceId> = vec![f1, f2, f3];
        let f = facts(&l, cid, &ids, d(2024, 3, 5), Some(d(2024, 3, 12)), true, false).with_fee(dec("7.5"));
        let nl = Lang::Nl.letter_values(&f, &l.company);
        assert_eq!(nl.contact, "Bakkerij Jansen", "no contact person: the customer's name");
        assert_eq!(
            nl.invoices,
            "- Factuur F1 van 1 januari 2024: € 1.000,00, open € 1.000,00, 34 dagen over de vervaldatum\n\
             - Factuur F2 van 20 februari 2024: € 250,50, open € 250,50, vervalt vandaag\n\
             - Factuur F3 van 25 februari 2024: € 99,00, open € 99,00, vervalt op 26 maart 2024"
        );
        assert_eq!(nl.open_total, "€ 1.349,50");
        assert_eq!(nl.costs, "", "not announced");
        assert_eq!(nl.fee, "€ 7,50");
        assert_eq!(nl.deadline, "dinsdag 12 maart 2024");
        assert_eq!(nl.today, "5 maart 2024");
        assert_eq!(nl.reference, "F1, F2, F3");
        assert_eq!(nl.own_iban, "NL91 ABNA 0417 1643 00");
        assert!(!nl.interest.is_empty());
        let en = Lang::En.letter_values(&f, &l.company);
        assert!(en.invoices.starts_with("- Invoice F1 of 1 January 2024: €1,000.00, open €1,000.00, 34 days overdue\n"), "{}", en.invoices);
        assert!(en.invoices.contains("due today") && en.invoices.ends_with("due 26 March 2024"));
        assert_eq!(en.deadline, "Tuesday 12 March 2024");
        assert_eq!(en.fee, "€7.50");
        // Zero interest is left out like absent interest.
        let g = facts(&l, cid, &[f2], d(2024, 3, 5), None, true, true);
        assert_eq!(g.interest, Some(Decimal::ZERO));
        let v = Lang::Nl.letter_values(&g, &l.company);
        assert_eq!((v.interest.as_str(), v.costs.as_str(), v.deadline.as_str(), v.reference.as_str()), ("", "", "", "F2"));
    }

    #[test]
    fn action_template_by_what_the_action_is_and_how_it_is_done() {
        use crate::domain::{CollectorLevel, Event, EventKind};
        use crate::engine::dunning::{Action, ActionItem, ActionKind, ActionReason};
        let mut l = Ledger::new();
        let mut be = Customer::new("K1", "Familie Peeters");
        (be.kind, be.country) = (CustomerKind::Consumer, Country::Be);
        let be = l.add_customer(be).unwrap();
        let mut nl = Customer::new("K2", "J. de Vries");
        nl.kind = CustomerKind::Consumer;
        let nl = l.add_customer(nl).unwrap();
        let biz = l.add_customer(Customer::new("K3", "Bouw BV")).unwrap();
        let inv = |l: &mut Ledger, n: &str, c| l.add_invoice(Invoice::new(n, c, d(2024, 1, 1), 14, Money::eur(dec("400")))).unwrap();
        let (fb, fn_, fz) = (inv(&mut l, "F1", be), inv(&mut l, "F2", nl), inv(&mut l, "F3", biz));
        let today = d(2024, 2, 20);
        let action = |customer, invoice, kind, channel, fourteen| Action {
            customer,
            kind,
            policy: "standaard".into(),
            channel,
            level: CollectorLevel::Junior,
            items: vec![ActionItem { invoice, number: "F".into(), due: d(2024, 1, 15), open: Money::eur(dec("400")), days_overdue: 36 }],
            due_on: today,
            at_risk: dec("400"),
            deadline: None,
            announce_interest: false,
            announce_costs: false,
            fee: Decimal::ZERO,
            fourteen_day_letter: fourteen,
            reason: ActionReason::StepDue { step: StepKind::Reminder, invoice, days_over: 36 },
        };
        let settings = DunningSettings::default();
        let step = ActionKind::Step;
        let promise = crate::domain::EventId(1);
        let rows = [
            ("business reminder by e-mail", action(biz, fz, step(StepKind::Reminder), Channel::Email, false), NL_REMINDER_SUBJECT),
            ("business reminder turned into a call", action(biz, fz, step(StepKind::Reminder), Channel::Phone, false), NL_CALL_SUBJECT),
            ("first dunning turned into a visit", action(biz, fz, step(StepKind::FirstDunning), Channel::Visit, false), NL_VISIT_SUBJECT),
            ("due-date call keeps its own script", action(biz, fz, step(StepKind::DueDateCall), Channel::Phone, false), NL_DUE_DATE_SUBJECT),
            ("Belgian consumer, no reminder yet: the free first one", action(be, fb, step(StepKind::Reminder), Channel::Email, false), NL_BE_FIRST_SUBJECT),
            ("Belgian consumer, first letter a first dunning: still the free first one", action(be, fb, step(StepKind::FirstDunning), Channel::Letter, false), NL_BE_FIRST_SUBJECT),
            ("Belgian consumer reminder by phone: a script", action(be, fb, step(StepKind::Reminder), Channel::Phone, false), NL_CALL_SUBJECT),
            ("Dutch consumer final notice: the 14-day letter", action(nl, fn_, step(StepKind::FinalNotice), Channel::Letter, true), NL_CONSUMER_FINAL_SUBJECT),
            ("Dutch consumer reminder", action(nl, fn_, step(StepKind::Reminder), Channel::Email, false), NL_REMINDER_SUBJECT),
            ("broken promise", action(biz, fz, ActionKind::PromiseBroken { promise, promised: today, amount: dec("400") }, Channel::Phone, false), NL_BROKEN_SUBJECT),
            ("second promise", action(biz, fz, ActionKind::ProofOfPayment { promise }, Channel::Email, false), NL_PROOF_SUBJECT),
        ];
        for (what, a, subject) in &rows {
            let invoices: Vec<InvoiceId> = a.items.iter().map(|i| i.invoice).collect();
            let f = facts(&l, a.customer, &invoices, today, None, false, false);
            assert_eq!(action_template(&settings, Lang::Nl, a, &f).0, *subject, "{what}");
        }
        // Once a reminder was sent, the Belgian consumer's next letter is an ordinary one.
        l.add_event(Event::new(be, Some(fb), d(2024, 2, 1), EventKind::DunningDone { step: StepKind::Reminder.key().into(), channel: Channel::Email })).unwrap();
        let a = action(be, fb, step(StepKind::FirstDunning), Channel::Letter, false);
        let f = facts(&l, be, &[fb], today, None, false, false);
        assert_eq!(action_template(&settings, Lang::Nl, &a, &f).0, NL_FIRST_DUNNING_SUBJECT);
        // The follow-up texts exist in English and render with every value.
        for (kind, subject) in [(ActionKind::PromiseBroken { promise, promised: today, amount: dec("1") }, EN_BROKEN_SUBJECT), (ActionKind::ProofOfPayment { promise }, EN_PROOF_SUBJECT)] {
            let a = action(biz, fz, kind, Channel::Email, false);
            let f = facts(&l, biz, &[fz], today, None, false, false);
            let (s, b) = action_template(&settings, Lang::En, &a, &f);
            assert_eq!(s, subject);
            for t in [&s, &b] {
                assert_eq!(check(t), Vec::new());
                assert!(!render(t, &full()).unwrap().contains('{'));
            }
        }
    }
}
