//! Which column holds what: the record kind of a file, the target fields, and the suggestion of
//! both from header names in Dutch, English and German (and from the values where a header
//! says too little).

use serde::{Deserialize, Serialize};

use super::read::ParsedFile;
use super::values::{amount_text, fold, parse_date, read_with, DateOrder, DecimalSep};

/// What the rows of a file are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    Customers,
    Invoices,
    Payments,
}

/// A field a column can be mapped to. Which ones apply depends on the [`RecordKind`]
/// ([`Target::for_kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    CustomerNumber,
    CustomerName,
    ContactPerson,
    Email,
    Phone,
    Iban,
    VatNumber,
    Country,
    /// Business or consumer (`zakelijk`/`particulier`, `B2B`/`B2C`, ...).
    CustomerKind,
    Sector,
    /// Payment term in days.
    PaymentTerm,
    Street,
    Postcode,
    City,
    /// The invoice's own number; in a payments file the invoice the payment is for.
    InvoiceNumber,
    InvoiceDate,
    DueDate,
    /// The invoice total including VAT; in a payments file the amount paid.
    Amount,
    /// The amount of one line of an invoice (lines of one invoice are added up).
    LineAmount,
    /// What is still open on the invoice (balance, saldo).
    OpenAmount,
    /// What has been paid on the invoice already.
    PaidAmount,
    /// The date an invoice was paid in full.
    PaidDate,
    Currency,
    Description,
    /// The payment reference (betalingskenmerk) of an invoice; the reference of a payment.
    Reference,
    /// A flag that marks a credit note (`ja`, `yes`, `1`, `credit`, ...).
    CreditNote,
    /// The invoice a credit note corrects.
    CreditedInvoice,
    /// The clearing document of an SAP line item: set when the item is settled.
    Cleared,
    PaymentDate,
    PayerName,
    PayerIban,
}

impl Target {
    /// The targets of a kind of file, in the order a mapping screen lists them.
    pub fn for_kind(kind: RecordKind) -> &'static [Target] {
        use Target::*;
        match kind {
            RecordKind::Customers => &[
                CustomerNumber, CustomerName, ContactPerson, Email, Phone, Iban, VatNumber, Country, CustomerKind, Sector,
                PaymentTerm, Street, Postcode, City,
            ],
            RecordKind::Invoices => &[
                InvoiceNumber, CustomerNumber, CustomerName, InvoiceDate, DueDate, Amount, LineAmount, OpenAmount,
                PaidAmount, PaidDate, Currency, Description, Reference, CreditNote, CreditedInvoice, Cleared, ContactPerson,
                Email, Phone, Iban, VatNumber, Country, CustomerKind, Sector, PaymentTerm, Street, Postcode, City,
            ],
            RecordKind::Payments => {
                &[PaymentDate, Amount, Currency, InvoiceNumber, CustomerNumber, CustomerName, PayerName, PayerIban, Reference]
            }
        }
    }

    fn is_date(self) -> bool {
        matches!(self, Target::InvoiceDate | Target::DueDate | Target::PaidDate | Target::PaymentDate)
    }

    fn is_amount(self) -> bool {
        matches!(self, Target::Amount | Target::LineAmount | Target::OpenAmount | Target::PaidAmount)
    }
}

/// Which column goes to which field: the plain data the mapping screen edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: RecordKind,
    /// One entry per column of the file: the field it fills, or `None` to ignore the column.
    pub columns: Vec<Option<Target>>,
}

impl Mapping {
    /// The first column mapped to `target`.
    pub fn column_of(&self, target: Target) -> Option<usize> {
        self.columns.iter().position(|t| *t == Some(target))
    }

    /// Maps `column` to `target`, taking the target away from any other column.
    pub fn set(&mut self, column: usize, target: Option<Target>) {
        if self.columns.len() <= column {
            self.columns.resize(column + 1, None);
        }
        if target.is_some() {
            for t in &mut self.columns {
                if *t == target {
                    *t = None;
                }
            }
        }
        self.columns[column] = target;
    }
}

/// A header reduced to what matters: lower case, no accents, `#` as `nr`, letters and digits only
/// (`Factuurnr.` -> `factuurnr`, `Invoice #` -> `invoicenr`, `Fälligkeit` -> `falligkeit`).
pub fn normalize_header(h: &str) -> String {
    fold(&h.replace('#', "nr")).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Header aliases (normalized) with their target and strength: 2 is a name that says exactly
/// this, 1 a generic name (`date`, `nummer`, `factuur`) that loses to a precise one.
const ALIASES: &[(&str, Target, u8)] = {
    use Target::*;
    &[
        // customer number
        ("klantnr", CustomerNumber, 2), ("klantnummer", CustomerNumber, 2), ("klantcode", CustomerNumber, 2),
        ("debnr", CustomerNumber, 2), ("debiteurnr", CustomerNumber, 2), ("debiteurnummer", CustomerNumber, 2),
        ("debiteurcode", CustomerNumber, 2), ("relatienr", CustomerNumber, 2), ("relatienummer", CustomerNumber, 2),
        ("relatiecode", CustomerNumber, 2), ("customernr", CustomerNumber, 2), ("customerno", CustomerNumber, 2),
        ("customernumber", CustomerNumber, 2), ("customerid", CustomerNumber, 2), ("customercode", CustomerNumber, 2),
        ("clientnr", CustomerNumber, 2), ("clientno", CustomerNumber, 2), ("clientnumber", CustomerNumber, 2),
        ("clientid", CustomerNumber, 2), ("accountnumber", CustomerNumber, 2), ("accountno", CustomerNumber, 2),
        ("kundennr", CustomerNumber, 2), ("kundennummer", CustomerNumber, 2), ("debitor", CustomerNumber, 2),
        ("debitornr", CustomerNumber, 2), ("debitorennr", CustomerNumber, 2), ("debitorennummer", CustomerNumber, 2),
        ("kontonr", CustomerNumber, 1), ("konto", CustomerNumber, 1),
        // customer name
        ("klant", CustomerName, 2), ("klantnaam", CustomerName, 2), ("naam", CustomerName, 2),
        ("debiteur", CustomerName, 2), ("debiteurnaam", CustomerName, 2), ("naamdebiteur", CustomerName, 2),
        ("relatie", CustomerName, 2), ("relatienaam", CustomerName, 2), ("bedrijfsnaam", CustomerName, 2),
        ("bedrijf", CustomerName, 2), ("customer", CustomerName, 2), ("customername", CustomerName, 2),
        ("client", CustomerName, 2), ("clientname", CustomerName, 2), ("name", CustomerName, 2),
        ("company", CustomerName, 2), ("companyname", CustomerName, 2), ("kunde", CustomerName, 2),
        ("kundenname", CustomerName, 2), ("name1", CustomerName, 2), ("firma", CustomerName, 2),
        ("firmenname", CustomerName, 2),
        // contact
        ("contactpersoon", ContactPerson, 2), ("contactperson", ContactPerson, 2), ("contact", ContactPerson, 1),
        ("ansprechpartner", ContactPerson, 2), ("tav", ContactPerson, 2), ("attention", ContactPerson, 2),
        ("email", Email, 2), ("emailadres", Email, 2), ("emailaddress", Email, 2), ("mail", Email, 2),
        ("emailadresse", Email, 2), ("telefoon", Phone, 2), ("telefoonnummer", Phone, 2), ("telnr", Phone, 2),
        ("tel", Phone, 2), ("phone", Phone, 2), ("phonenumber", Phone, 2), ("telephone", Phone, 2),
        ("telefon", Phone, 2), ("telefonnummer", Phone, 2), ("mobiel", Phone, 1), ("mobile", Phone, 1),
        ("iban", Iban, 2), ("ibannr", Iban, 2), ("rekeningnummer", Iban, 2), ("bankrekening", Iban, 2),
        ("bankrekeningnummer", Iban, 2), ("bankaccount", Iban, 2), ("btwnummer", VatNumber, 2),
        ("btwnr", VatNumber, 2), ("btwid", VatNumber, 2), ("btwidentificatienummer", VatNumber, 2),
        ("vatnumber", VatNumber, 2), ("vatno", VatNumber, 2), ("vatnr", VatNumber, 2), ("vatid", VatNumber, 2),
        ("vat", VatNumber, 1), ("taxid", VatNumber, 2), ("ustid", VatNumber, 2), ("ustidnr", VatNumber, 2),
        ("umsatzsteuerid", VatNumber, 2), ("land", Country, 2), ("landcode", Country, 2), ("country", Country, 2),
        ("countrycode", Country, 2), ("soortklant", CustomerKind, 2), ("klantsoort", CustomerKind, 2),
        ("klanttype", CustomerKind, 2), ("customertype", CustomerKind, 2), ("customerkind", CustomerKind, 2),
        ("zakelijkparticulier", CustomerKind, 2), ("particulierzakelijk", CustomerKind, 2), ("b2bb2c", CustomerKind, 2),
        ("kundenart", CustomerKind, 2), ("kundentyp", CustomerKind, 2), ("sector", Sector, 2), ("branche", Sector, 2),
        ("industry", Sector, 2), ("sbi", Sector, 2), ("sbicode", Sector, 2), ("betaaltermijn", PaymentTerm, 2),
        ("betalingstermijn", PaymentTerm, 2), ("betaaltermijndagen", PaymentTerm, 2), ("termijn", PaymentTerm, 1),
        ("paymentterm", PaymentTerm, 2), ("paymenttermdays", PaymentTerm, 2), ("paymentterms", PaymentTerm, 2),
        ("termsdays", PaymentTerm, 2), ("zahlungsziel", PaymentTerm, 2), ("zahlungszieltage", PaymentTerm, 2),
        ("adres", Street, 2), ("straat", Street, 2), ("straatenhuisnummer", Street, 2), ("address", Street, 2),
        ("street", Street, 2), ("streetandnumber", Street, 2), ("address1", Street, 2), ("strasse", Street, 2),
        ("anschrift", Street, 2), ("postcode", Postcode, 2), ("zip", Postcode, 2), ("zipcode", Postcode, 2),
        ("postalcode", Postcode, 2), ("plz", Postcode, 2), ("postleitzahl", Postcode, 2), ("plaats", City, 2),
        ("woonplaats", City, 2), ("vestigingsplaats", City, 2), ("stad", City, 2), ("city", City, 2),
        ("town", City, 2), ("ort", City, 2), ("stadt", City, 2),
        // invoice
        ("factuurnr", InvoiceNumber, 2), ("factuurnummer", InvoiceNumber, 2), ("factuurno", InvoiceNumber, 2),
        ("fact", InvoiceNumber, 1), ("factuur", InvoiceNumber, 1), ("invoicenr", InvoiceNumber, 2),
        ("invoicenumber", InvoiceNumber, 2), ("invoiceno", InvoiceNumber, 2), ("invoiceid", InvoiceNumber, 2),
        ("invoice", InvoiceNumber, 1), ("belegnummer", InvoiceNumber, 2), ("belegnr", InvoiceNumber, 2),
        ("beleg", InvoiceNumber, 1), ("rechnungsnummer", InvoiceNumber, 2), ("rechnungsnr", InvoiceNumber, 2),
        ("rechnung", InvoiceNumber, 1), ("documentnumber", InvoiceNumber, 2), ("documentnr", InvoiceNumber, 2),
        ("docnr", InvoiceNumber, 2), ("boekstuknummer", InvoiceNumber, 2), ("nummer", InvoiceNumber, 1),
        ("number", InvoiceNumber, 1), ("nr", InvoiceNumber, 1), ("no", InvoiceNumber, 1),
        ("factuurdatum", InvoiceDate, 2), ("datumfactuur", InvoiceDate, 2), ("invoicedate", InvoiceDate, 2),
        ("dateissued", InvoiceDate, 2), ("issuedate", InvoiceDate, 2), ("issued", InvoiceDate, 2),
        ("issuedon", InvoiceDate, 2), ("belegdatum", InvoiceDate, 2), ("rechnungsdatum", InvoiceDate, 2),
        ("buchungsdatum", InvoiceDate, 1), ("documentdate", InvoiceDate, 2), ("boekdatum", InvoiceDate, 1),
        ("boekstukdatum", InvoiceDate, 2), ("datum", InvoiceDate, 1), ("date", InvoiceDate, 1),
        ("vervaldatum", DueDate, 2), ("vervalt", DueDate, 2), ("vervaldag", DueDate, 2),
        ("uiterstebetaaldatum", DueDate, 2), ("due", DueDate, 2), ("duedate", DueDate, 2), ("dueon", DueDate, 2),
        ("paymentdue", DueDate, 2), ("falligkeit", DueDate, 2), ("falligkeitsdatum", DueDate, 2),
        ("falligam", DueDate, 2), ("nettofalligkeit", DueDate, 2), ("faellig", DueDate, 2),
        ("bedrag", Amount, 2), ("factuurbedrag", Amount, 2), ("totaal", Amount, 2), ("totaalbedrag", Amount, 2),
        ("bedraginclbtw", Amount, 2), ("totaalinclbtw", Amount, 2), ("factuur", Amount, 1), ("amount", Amount, 2),
        ("total", Amount, 2), ("totalamount", Amount, 2), ("invoiceamount", Amount, 2), ("invoicetotal", Amount, 2),
        ("grandtotal", Amount, 2), ("amountinclvat", Amount, 2), ("totalinclvat", Amount, 2), ("betrag", Amount, 2),
        ("betraginhauswahrung", Amount, 2), ("betraginbelegwahrung", Amount, 2), ("rechnungsbetrag", Amount, 2),
        ("gesamtbetrag", Amount, 2), ("bruttobetrag", Amount, 2), ("regelbedrag", LineAmount, 2),
        ("regeltotaal", LineAmount, 2), ("linetotal", LineAmount, 2), ("lineamount", LineAmount, 2),
        ("itemtotal", LineAmount, 2), ("itemamount", LineAmount, 2), ("positionsbetrag", LineAmount, 2),
        ("saldo", OpenAmount, 2), ("openstaand", OpenAmount, 2), ("openstaandbedrag", OpenAmount, 2),
        ("open", OpenAmount, 2), ("openbedrag", OpenAmount, 2), ("restant", OpenAmount, 2),
        ("restantbedrag", OpenAmount, 2), ("restbedrag", OpenAmount, 2), ("balance", OpenAmount, 2),
        ("balancedue", OpenAmount, 2), ("amountdue", OpenAmount, 2), ("outstanding", OpenAmount, 2),
        ("openamount", OpenAmount, 2), ("offen", OpenAmount, 2), ("offenerbetrag", OpenAmount, 2),
        ("restbetrag", OpenAmount, 2), ("paid", PaidAmount, 2), ("amountpaid", PaidAmount, 2),
        ("paidamount", PaidAmount, 2), ("betaald", PaidAmount, 2), ("betaaldbedrag", PaidAmount, 2),
        ("reedsbetaald", PaidAmount, 2), ("bezahlt", PaidAmount, 2), ("gezahlt", PaidAmount, 2),
        ("datepaid", PaidDate, 2), ("paiddate", PaidDate, 2), ("paidon", PaidDate, 2), ("betaaldop", PaidDate, 2),
        ("betaaldatum", PaidDate, 2), ("bezahltam", PaidDate, 2), ("valuta", Currency, 2),
        ("munteenheid", Currency, 2), ("currency", Currency, 2), ("cur", Currency, 2), ("ccy", Currency, 2),
        ("wahrung", Currency, 2), ("hauswahrung", Currency, 2), ("belegwahrung", Currency, 2),
        ("omschrijving", Description, 2), ("omschrijvingfactuur", Description, 2), ("beschrijving", Description, 2),
        ("description", Description, 2), ("details", Description, 1), ("memo", Description, 2),
        ("publicnotes", Description, 2), ("notes", Description, 1), ("bezeichnung", Description, 2),
        ("buchungstext", Description, 2), ("text", Description, 1), ("betalingskenmerk", Reference, 2),
        ("betaalkenmerk", Reference, 2), ("kenmerk", Reference, 2), ("factuurreferentie", Reference, 2),
        ("referentie", Reference, 2), ("reference", Reference, 2), ("paymentreference", Reference, 2),
        ("ref", Reference, 2), ("zuordnung", Reference, 2), ("verwendungszweck", Reference, 2),
        ("mededeling", Reference, 2), ("omschrijvingbetaling", Reference, 2), ("ogm", Reference, 2),
        ("creditnota", CreditNote, 2), ("credit", CreditNote, 2), ("creditnote", CreditNote, 2),
        ("iscreditnote", CreditNote, 2), ("gutschrift", CreditNote, 2), ("gecrediteerdefactuur", CreditedInvoice, 2),
        ("originelefactuur", CreditedInvoice, 2), ("oorspronkelijkefactuur", CreditedInvoice, 2),
        ("creditsinvoice", CreditedInvoice, 2), ("originalinvoice", CreditedInvoice, 2),
        ("relatedinvoice", CreditedInvoice, 2), ("correctsinvoice", CreditedInvoice, 2),
        ("creditedinvoice", CreditedInvoice, 2), ("bezugsrechnung", CreditedInvoice, 2),
        ("ursprungsrechnung", CreditedInvoice, 2), ("ausgleichsbeleg", Cleared, 2), ("clearingdocument", Cleared, 2),
        ("cleared", Cleared, 2), ("afgeletterd", Cleared, 2), ("vereffend", Cleared, 2),
        // payment
        ("betaaldatum", PaymentDate, 2), ("datumbetaling", PaymentDate, 2), ("betalingsdatum", PaymentDate, 2),
        ("ontvangstdatum", PaymentDate, 2), ("valutadatum", PaymentDate, 2), ("paymentdate", PaymentDate, 2),
        ("datepaid", PaymentDate, 2), ("paidon", PaymentDate, 2), ("receiveddate", PaymentDate, 2),
        ("transactiondate", PaymentDate, 2), ("zahlungsdatum", PaymentDate, 2), ("zahldatum", PaymentDate, 2),
        ("boekdatum", PaymentDate, 1), ("datum", PaymentDate, 1), ("date", PaymentDate, 1),
        ("betaler", PayerName, 2), ("naambetaler", PayerName, 2), ("payer", PayerName, 2),
        ("payername", PayerName, 2), ("tegenpartij", PayerName, 2), ("naamtegenpartij", PayerName, 2),
        ("counterparty", PayerName, 2), ("zahler", PayerName, 2), ("auftraggeber", PayerName, 2),
        ("tegenrekening", PayerIban, 2), ("ibanbetaler", PayerIban, 2), ("payeriban", PayerIban, 2),
        ("counterpartyiban", PayerIban, 2), ("iban", PayerIban, 2), ("zahleriban", PayerIban, 2),
        ("betrag", Amount, 2), ("bedragbetaald", Amount, 2), ("paymentamount", Amount, 2),
        ("zahlbetrag", Amount, 2),
    ]
};

/// Parts of a header that say enough on their own (`Vervaldatum factuur`, `E-mailadres klant`).
const CONTAINS: &[(&str, Target)] = {
    use Target::*;
    &[
        ("vervaldatum", DueDate), ("duedate", DueDate), ("falligkeit", DueDate), ("factuurdatum", InvoiceDate),
        ("invoicedate", InvoiceDate), ("rechnungsdatum", InvoiceDate), ("factuurnummer", InvoiceNumber),
        ("invoicenumber", InvoiceNumber), ("rechnungsnummer", InvoiceNumber), ("klantnummer", CustomerNumber),
        ("debiteurnummer", CustomerNumber), ("customernumber", CustomerNumber), ("email", Email), ("iban", Iban),
        ("iban", PayerIban), ("btwnummer", VatNumber), ("vatnumber", VatNumber), ("betalingskenmerk", Reference),
        ("postcode", Postcode), ("telefoon", Phone), ("phone", Phone), ("betaaldatum", PaymentDate),
        ("paymentdate", PaymentDate),
    ]
};

/// Share of a column's non-empty values that fit a predicate (1.0 for an empty column).
fn share(file: &ParsedFile, column: usize, fits: impl Fn(&str) -> bool) -> f32 {
    let (mut n, mut ok) = (0u32, 0u32);
    for r in &file.rows {
        let v = r.get(column);
        if !v.is_empty() {
            n += 1;
            ok += u32::from(fits(v));
        }
    }
    if n == 0 {
        1.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let s = ok as f32 / n as f32;
        s
    }
}

fn is_date(v: &str) -> bool {
    parse_date(v, DateOrder::DayMonth).is_ok() || parse_date(v, DateOrder::MonthDay).is_ok()
}

fn is_amount(v: &str) -> bool {
    amount_text(v).is_some_and(|a| read_with(&a, DecimalSep::Dot).is_some() || read_with(&a, DecimalSep::Comma).is_some())
}

fn has_values(file: &ParsedFile, column: usize) -> bool {
    file.rows.iter().any(|r| !r.get(column).is_empty())
}

/// Whether the values of a column can be what `target` needs: dates for date fields, amounts
/// for amount fields: at least half of the non-empty values under a precise name (the rest are
/// then reported cell by cell), 80% under a generic one.
fn values_fit(file: &ParsedFile, column: usize, target: Target, strength: u8) -> bool {
    let need = if strength >= 2 { 0.5 } else { 0.8 };
    if target.is_date() {
        share(file, column, is_date) >= need
    } else if target.is_amount() {
        share(file, column, is_amount) >= need
    } else {
        true
    }
}

/// The suggested mapping with the strength of each match (2 exact name, 1 generic name,
/// 0 part of a name or found from the values).
fn assign(file: &ParsedFile, kind: RecordKind) -> Vec<Option<(Target, u8)>> {
    let allowed = Target::for_kind(kind);
    let mut candidates: Vec<(u8, usize, Target)> = Vec::new();
    for (c, h) in file.headers.iter().enumerate() {
        let n = normalize_header(h);
        if n.is_empty() {
            continue;
        }
        for (alias, target, strength) in ALIASES {
            if *alias == n && allowed.contains(target) {
                candidates.push((*strength, c, *target));
            }
        }
        for (part, target) in CONTAINS {
            if n.contains(part) && allowed.contains(target) {
                candidates.push((0, c, *target));
            }
        }
    }
    crate::sort::by_key(&mut candidates, |(s, c, _)| (std::cmp::Reverse(*s), *c));
    let mut out: Vec<Option<(Target, u8)>> = vec![None; file.columns()];
    for (strength, c, target) in candidates {
        if out[c].is_some() || out.iter().flatten().any(|(t, _)| *t == target) || !values_fit(file, c, target, strength) {
            continue;
        }
        // A "name" column holding only numbers is the customer number.
        let target = if target == Target::CustomerName
            && has_values(file, c)
            && share(file, c, |v| v.chars().all(|ch| ch.is_ascii_digit())) >= 1.0
            && !out.iter().flatten().any(|(t, _)| *t == Target::CustomerNumber)
        {
            Target::CustomerNumber
        } else {
            target
        };
        out[c] = Some((target, strength));
    }
    let mapped = |out: &[Option<(Target, u8)>], t: Target| out.iter().flatten().any(|(x, _)| *x == t);
    let date_target = match kind {
        RecordKind::Invoices => Some(Target::InvoiceDate),
        RecordKind::Payments => Some(Target::PaymentDate),
        RecordKind::Customers => None,
    };
    // The first unmapped, named column of dates is the invoice or payment date.
    if let Some(t) = date_target.filter(|t| !mapped(&out, *t)) {
        let found = (0..out.len()).find(|c| {
            out[*c].is_none() && !file.header(*c).is_empty() && has_values(file, *c) && share(file, *c, is_date) >= 1.0
        });
        if let Some(c) = found {
            out[c] = Some((t, 0));
        }
    }
    // Invoices: a named column of short codes with digits (`INV-1`) is the invoice number when no
    // header says so (Invoicely calls it "Details").
    if kind == RecordKind::Invoices && !mapped(&out, Target::InvoiceNumber) {
        let found = (0..out.len()).find(|c| {
            matches!(out[*c], None | Some((Target::Description, _)))
                && !file.header(*c).is_empty()
                && has_values(file, *c)
                && share(file, *c, |v| {
                    v.len() <= 20 && v.chars().any(|ch| ch.is_ascii_digit()) && !v.contains(' ') && !is_date(v)
                }) >= 1.0
        });
        if let Some(c) = found {
            out[c] = Some((Target::InvoiceNumber, 0));
        }
    }
    out
}

/// Suggests the mapping of a file for a kind of records.
pub fn suggest_mapping(file: &ParsedFile, kind: RecordKind) -> Mapping {
    Mapping { kind, columns: assign(file, kind).into_iter().map(|m| m.map(|(t, _)| t)).collect() }
}

/// Suggests what the rows are. A title above the header decides (`Payments`, `Facturen`,
/// `Kunden`); otherwise precise headers count: due and invoice dates, open and paid amounts,
/// line amounts for invoices; payment dates and payer details for payments; customer details
/// without amounts for customers. Invoices when nothing points elsewhere.
pub fn suggest_kind(file: &ParsedFile) -> RecordKind {
    let (mut c, mut i, mut p) = (0u32, 0u32, 0u32);
    for line in &file.preamble {
        for word in line.split_whitespace().map(normalize_header) {
            match word.as_str() {
                "payments" | "betalingen" | "zahlungen" | "ontvangsten" | "zahlungseingange" => p += 5,
                "invoices" | "facturen" | "rechnungen" | "openposten" | "openstaandeposten" | "offeneposten" => i += 5,
                "customers" | "clients" | "klanten" | "kunden" | "relaties" | "debiteuren" => c += 5,
                _ => {}
            }
        }
    }
    let inv = assign(file, RecordKind::Invoices);
    for (t, s) in inv.iter().flatten() {
        use Target::*;
        match (t, s) {
            (DueDate | OpenAmount | LineAmount | PaidAmount | CreditedInvoice | Cleared, _) | (InvoiceDate, 2) => i += 2,
            (InvoiceNumber, _) => i += 1,
            _ => {}
        }
    }
    let pay = assign(file, RecordKind::Payments);
    for (t, s) in pay.iter().flatten() {
        match (t, s) {
            (Target::PayerName | Target::PayerIban, _) | (Target::PaymentDate, 2) => p += 2,
            _ => {}
        }
    }
    let has = |m: &[Option<(Target, u8)>], t: Target| m.iter().flatten().any(|(x, _)| *x == t);
    if !has(&inv, Target::Amount) && !has(&inv, Target::InvoiceNumber) && !has(&inv, Target::LineAmount) {
        let cust = assign(file, RecordKind::Customers);
        c += 3 + u32::try_from(cust.iter().flatten().count()).unwrap_or(0);
    }
    if c > i && c > p {
        RecordKind::Customers
    } else if p > i {
        RecordKind::Payments
    } else {
        RecordKind::Invoices
    }
}

/// The suggested kind and its mapping.
pub fn suggest(file: &ParsedFile) -> Mapping {
    suggest_mapping(file, suggest_kind(file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv_import::read::parse_text;
    use crate::io::csv_import::Encoding;

    fn file(text: &str) -> ParsedFile {
        parse_text(text, Encoding::Utf8).unwrap()
    }

    #[test]
    fn normalize_table() {
        let rows = [
            ("Factuurnr.", "factuurnr"),
            ("Invoice #", "invoicenr"),
            ("Fälligkeit", "falligkeit"),
            (" Due Date ", "duedate"),
            ("E-mail", "email"),
            ("Betrag in Hauswährung", "betraginhauswahrung"),
        ];
        for (h, n) in rows {
            assert_eq!(normalize_header(h), n, "row {h}");
        }
    }

    #[test]
    fn header_suggestions_table() {
        use Target::*;
        let rows: [(&str, &str, Option<Target>); 24] = [
            ("Factuurnr.", "2024-1", Some(InvoiceNumber)),
            ("Factuurnummer", "2024-1", Some(InvoiceNumber)),
            ("Invoice Number", "2024-1", Some(InvoiceNumber)),
            ("Belegnummer", "2024-1", Some(InvoiceNumber)),
            ("Invoice #", "2024-1", Some(InvoiceNumber)),
            ("Vervalt", "01-02-2024", Some(DueDate)),
            ("Vervaldatum", "01-02-2024", Some(DueDate)),
            ("Due Date", "01-02-2024", Some(DueDate)),
            ("Fälligkeit", "01.02.2024", Some(DueDate)),
            ("Saldo", "12,00", Some(OpenAmount)),
            ("Balance", "12.00", Some(OpenAmount)),
            ("Betrag in Hauswährung", "12.00", Some(Amount)),
            ("Klant", "Jansen BV", Some(CustomerName)),
            ("Client Name", "Jansen BV", Some(CustomerName)),
            ("Kunde", "Jansen GmbH", Some(CustomerName)),
            ("Klant", "1001", Some(CustomerNumber)),
            ("Belegdatum", "2024-01-02", Some(InvoiceDate)),
            ("Line Total", "12.00", Some(LineAmount)),
            ("Deb.nr.", "3332", Some(CustomerNumber)),
            ("IBAN-nr.", "", Some(Iban)),
            ("Vervaldatum", "soon", None),
            ("Bedrag", "twelve", None),
            ("Betalingskenmerk", "1234", Some(Reference)),
            ("Whatever", "x", None),
        ];
        for (header, value, target) in rows {
            let f = file(&format!("{header},Other\n\"{value}\",x\n"));
            let m = suggest_mapping(&f, RecordKind::Invoices);
            assert_eq!(m.columns[0], target, "row {header} = {value}");
        }
    }

    #[test]
    fn kind_table() {
        let rows = [
            ("Factuurnr,Klant,Bedrag,Vervaldatum\n1,A,1,01-01-2024\n", RecordKind::Invoices),
            ("Title\n\nPayments\nClient,Invoice Number,Amount,Date\nA,1,$1.00,1/2/2020\n", RecordKind::Payments),
            ("Datum,Bedrag,Naam tegenpartij,Tegenrekening\n01-01-2024,5,A,NL91\n", RecordKind::Payments),
            ("Klantnummer,Naam,E-mail,Plaats\n1,A,a@b.nl,Utrecht\n", RecordKind::Customers),
            ("Date,Due,Details,Client,Status,Total\nJan 28 2021,Jan 28 2021,INV-1,B,Due,\"1,020.00\"\n", RecordKind::Invoices),
        ];
        for (text, kind) in rows {
            assert_eq!(suggest_kind(&file(text)), kind, "row {text:?}");
        }
    }

    #[test]
    fn value_fallbacks() {
        let f = file("Date,Due,Details,Client,Status,Total\nJan 28 2021,Jan 28 2021,INV-1,B,Due,\"1,020.00\"\n");
        let m = suggest_mapping(&f, RecordKind::Invoices);
        use Target::*;
        assert_eq!(m.columns, [Some(InvoiceDate), Some(DueDate), Some(InvoiceNumber), Some(CustomerName), None, Some(Amount)]);
        let f = file(",Factuurnr.,Boekstuk,Vervalt,Factuur,Saldo\n0,1,2024-01-23,2024-02-06,1.5,1.5\n");
        let m = suggest_mapping(&f, RecordKind::Invoices);
        assert_eq!(m.columns, [None, Some(InvoiceNumber), Some(InvoiceDate), Some(DueDate), Some(Amount), Some(OpenAmount)]);
    }

    #[test]
    fn set_moves_a_target() {
        let mut m = Mapping { kind: RecordKind::Invoices, columns: vec![Some(Target::Amount), None] };
        m.set(1, Some(Target::Amount));
        assert_eq!(m.columns, [None, Some(Target::Amount)]);
        m.set(3, Some(Target::DueDate));
        assert_eq!(m.column_of(Target::DueDate), Some(3));
    }
}
