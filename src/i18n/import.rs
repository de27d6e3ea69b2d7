//! Texts of the CSV import: field and kind names, problems, questions and refusals. The import
//! returns typed values (`crate::io::csv_import`); this module turns them into sentences that
//! name the line, the column and what was found.

use crate::io::csv_import::{ApplyError, Encoding, ParseError, Problem, ProblemKind, Question, RecordKind, Severity, Target};

use super::Lang;

impl Lang {
    /// The name of a field a column can be mapped to. The exports use these as column headers,
    /// and the import recognises them in both languages.
    pub fn target_label(self, t: Target) -> &'static str {
        use Target::*;
        match t {
            CustomerNumber => self.tr("Klantnummer", "Customer number"),
            CustomerName => self.tr("Klantnaam", "Customer name"),
            ContactPerson => self.tr("Contactpersoon", "Contact person"),
            Email => self.tr("E-mailadres", "Email address"),
            Phone => self.tr("Telefoon", "Phone"),
            Iban => self.tr("IBAN", "IBAN"),
            VatNumber => self.tr("Btw-nummer", "VAT number"),
            Country => self.tr("Land", "Country"),
            CustomerKind => self.tr("Klantsoort", "Customer type"),
            Sector => self.tr("Sector", "Sector"),
            PaymentTerm => self.tr("Betaaltermijn", "Payment term"),
            Street => self.tr("Straat", "Street"),
            Postcode => self.tr("Postcode", "Postcode"),
            City => self.tr("Plaats", "City"),
            InvoiceNumber => self.tr("Factuurnummer", "Invoice number"),
            InvoiceDate => self.tr("Factuurdatum", "Invoice date"),
            DueDate => self.tr("Vervaldatum", "Due date"),
            Amount => self.tr("Bedrag", "Amount"),
            LineAmount => self.tr("Regelbedrag", "Line amount"),
            OpenAmount => self.tr("Openstaand", "Outstanding"),
            PaidAmount => self.tr("Betaald bedrag", "Amount paid"),
            PaidDate => self.tr("Betaald op", "Paid on"),
            Currency => self.tr("Valuta", "Currency"),
            Description => self.tr("Omschrijving", "Description"),
            Reference => self.tr("Betalingskenmerk", "Payment reference"),
            CreditNote => self.tr("Creditnota", "Credit note"),
            CreditedInvoice => self.tr("Gecrediteerde factuur", "Credited invoice"),
            Cleared => self.tr("Vereffend", "Cleared"),
            PaymentDate => self.tr("Betaaldatum", "Payment date"),
            PayerName => self.tr("Naam betaler", "Payer name"),
            PayerIban => self.tr("IBAN betaler", "Payer IBAN"),
        }
    }

    pub fn record_kind(self, k: RecordKind) -> &'static str {
        match k {
            RecordKind::Customers => self.tr("Klanten", "Customers"),
            RecordKind::Invoices => self.tr("Facturen", "Invoices"),
            RecordKind::Payments => self.tr("Betalingen", "Payments"),
        }
    }

    pub fn import_encoding(self, e: Encoding) -> &'static str {
        match e {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => self.tr("UTF-8 (met BOM)", "UTF-8 (with BOM)"),
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
            Encoding::Windows1252 => self.tr("Windows-1252 (geen geldige UTF-8)", "Windows-1252 (not valid UTF-8)"),
        }
    }

    pub fn import_severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.tr("Fout", "Error"),
            Severity::Warning => self.tr("Waarschuwing", "Warning"),
            Severity::Note => self.tr("Opmerking", "Note"),
        }
    }

    /// The name of a delimiter: "puntkomma" / "semicolon".
    pub fn import_delimiter(self, d: u8) -> &'static str {
        match d {
            b';' => self.tr("puntkomma", "semicolon"),
            b'\t' => self.tr("tab", "tab"),
            b'|' => self.tr("verticale streep", "vertical bar"),
            _ => self.tr("komma", "comma"),
        }
    }

    /// Why a file is not a table.
    pub fn import_parse_error(self, e: &ParseError) -> String {
        match (self, e) {
            (Lang::Nl, ParseError::Empty) => "Het bestand is leeg.".into(),
            (Lang::En, ParseError::Empty) => "The file is empty.".into(),
            (Lang::Nl, ParseError::NoHeader { looked }) => format!(
                "In de eerste {looked} regels staat geen kopregel: een regel met minstens twee kolomnamen, gevolgd door regels met evenveel velden."
            ),
            (Lang::En, ParseError::NoHeader { looked }) => format!(
                "No header line in the first {looked} lines: a line with at least two column names, followed by lines with as many fields."
            ),
            (Lang::Nl, ParseError::Unreadable { line, detail }) => format!("Regel {line}: het bestand is niet te lezen ({detail})."),
            (Lang::En, ParseError::Unreadable { line, detail }) => format!("Line {line}: the file cannot be read ({detail})."),
        }
    }

    /// Where a problem is: "Regel 7, kolom 3 (Vervaldatum)".
    fn import_place(self, p: &Problem) -> String {
        let line = match self {
            Lang::Nl => format!("Regel {}", p.line),
            Lang::En => format!("Line {}", p.line),
        };
        match (p.column, p.header.is_empty()) {
            (None, _) => line,
            (Some(c), true) => format!("{line}, {} {c}", self.tr("kolom", "column")),
            (Some(c), false) => format!("{line}, {} {c} ({})", self.tr("kolom", "column"), p.header),
        }
    }

    /// A problem as one sentence naming line, column and what was found.
    pub fn import_problem(self, p: &Problem) -> String {
        use ProblemKind as K;
        let nl = self == Lang::Nl;
        let amount = |d| self.number(d);
        let what = match &p.kind {
            K::MissingColumn { target } => {
                let t = self.target_label(*target);
                if nl {
                    format!("geen kolom is gekoppeld aan '{t}'; kies bij de kolommen welke dat is.")
                } else {
                    format!("no column is mapped to '{t}'; choose which column holds it.")
                }
            }
            K::MissingCustomerColumn => self
                .tr(
                    "geen kolom geeft de klant (klantnummer of klantnaam); koppel een kolom aan een van beide.",
                    "no column gives the customer (customer number or name); map a column to one of them.",
                )
                .into(),
            K::NoRows => self.tr("onder de kopregel staan geen gegevens.", "there are no rows below the header.").into(),
            K::CurrencyFromSymbol { currency } => {
                if nl {
                    format!("de bedragen hebben een valutateken en er is geen valutakolom: gelezen als {currency}.")
                } else {
                    format!("the amounts carry a currency sign and there is no currency column: read as {currency}.")
                }
            }
            K::FloatIds => self
                .tr(
                    "nummers als '1200401780.0' zijn gelezen als '1200401780'.",
                    "numbers like '1200401780.0' were read as '1200401780'.",
                )
                .into(),
            K::DueDatesDerived { count } => {
                if nl {
                    format!("{count} facturen hebben geen vervaldatum: factuurdatum plus de betaaltermijn van de klant.")
                } else {
                    format!("{count} invoices have no due date: invoice date plus the customer's payment term.")
                }
            }
            K::Empty { target } => {
                let t = self.target_label(*target);
                if nl {
                    format!("{t} is leeg; de regel wordt niet ingelezen.")
                } else {
                    format!("{t} is empty; the row is not imported.")
                }
            }
            K::NotAnAmount { value } => {
                if nl {
                    format!("'{value}' is geen bedrag.")
                } else {
                    format!("'{value}' is not an amount.")
                }
            }
            K::NotADate { value } => {
                if nl {
                    format!("'{value}' is geen datum.")
                } else {
                    format!("'{value}' is not a date.")
                }
            }
            K::NoSuchDate { value } => {
                if nl {
                    format!("'{value}' is geen bestaande datum.")
                } else {
                    format!("'{value}' is not an existing date.")
                }
            }
            K::BadCurrency { value } => {
                if nl {
                    format!("'{value}' is geen valutacode (drie letters, zoals EUR).")
                } else {
                    format!("'{value}' is not a currency code (three letters, like EUR).")
                }
            }
            K::BadTerm { value } => {
                if nl {
                    format!("'{value}' is geen betaaltermijn (een aantal dagen van 0 tot 365).")
                } else {
                    format!("'{value}' is not a payment term (a number of days from 0 to 365).")
                }
            }
            K::BadKind { value } => {
                if nl {
                    format!("'{value}' is hier geen geldige waarde.")
                } else {
                    format!("'{value}' is not a valid value here.")
                }
            }
            K::BadIban { value } => {
                if nl {
                    format!("'{value}' is geen geldig IBAN.")
                } else {
                    format!("'{value}' is not a valid IBAN.")
                }
            }
            K::BadFlag { value } => {
                if nl {
                    format!("'{value}' is geen ja of nee.")
                } else {
                    format!("'{value}' is not a yes or no.")
                }
            }
            K::NegativePayment { value } => {
                if nl {
                    format!("'{value}' is negatief: een terugbetaling of storno is geen ontvangen betaling en wordt niet ingelezen.")
                } else {
                    format!("'{value}' is negative: a refund or reversal is not a payment received and is not imported.")
                }
            }
            K::CreditNoteNeedsInvoice { value } => {
                if nl {
                    format!("{value} is negatief (een creditnota), maar geen kolom noemt de factuur die wordt gecrediteerd.")
                } else {
                    format!("{value} is negative (a credit note), but no column names the invoice it credits.")
                }
            }
            K::ZeroAmount => self.tr("het bedrag is nul; de regel wordt overgeslagen.", "the amount is zero; the row is skipped.").into(),
            K::DueBeforeDate { date, due } => {
                let (date, due) = (self.date(*date), self.date(*due));
                if nl {
                    format!("de vervaldatum {due} ligt vóór de factuurdatum {date}; de factuurdatum wordt de vervaldatum.")
                } else {
                    format!("the due date {due} is before the invoice date {date}; the invoice date is used as due date.")
                }
            }
            K::OpenOutOfRange { open, total } => {
                if nl {
                    format!("openstaand {} past niet bij het factuurbedrag {}.", amount(*open), amount(*total))
                } else {
                    format!("outstanding {} does not fit the invoice total {}.", amount(*open), amount(*total))
                }
            }
            K::ClearedSkipped { value } => {
                if nl {
                    format!("{value} is een vereffende (afgeletterde) negatieve post en wordt niet ingelezen.")
                } else {
                    format!("{value} is a cleared negative item and is not imported.")
                }
            }
            K::LinesCollapsed { number, lines, summed } => match (nl, summed) {
                (true, true) => format!("factuur {number} staat op {lines} regels; de bedragen zijn opgeteld."),
                (true, false) => format!("factuur {number} staat op {lines} regels met hetzelfde totaal; dat is één keer genomen."),
                (false, true) => format!("invoice {number} is on {lines} lines; their amounts were added up."),
                (false, false) => format!("invoice {number} is on {lines} lines with the same total; it was taken once."),
            },
            K::Conflicting { number, target, kept, found } => {
                let t = self.target_label(*target);
                if nl {
                    format!("{t} '{found}' verschilt van '{kept}' op een eerdere regel van factuur {number}; '{kept}' blijft.")
                } else {
                    format!("{t} '{found}' differs from '{kept}' on an earlier line of invoice {number}; '{kept}' is kept.")
                }
            }
            K::DuplicateRow { first_line } => {
                if nl {
                    format!("precies gelijk aan regel {first_line}; één keer ingelezen.")
                } else {
                    format!("exactly the same as line {first_line}; imported once.")
                }
            }
            K::DuplicateCustomer { key, first_line } => {
                if nl {
                    format!("klant '{key}' staat ook op regel {first_line}; die regel wordt gebruikt.")
                } else {
                    format!("customer '{key}' is also on line {first_line}; that line is used.")
                }
            }
            K::CustomerNameDiffers { number, kept, found } => {
                if nl {
                    format!("klant {number} heet hier '{found}', eerder '{kept}'; '{kept}' blijft.")
                } else {
                    format!("customer {number} is called '{found}' here, '{kept}' before; '{kept}' is kept.")
                }
            }
            K::NameFromNumber { number } => {
                if nl {
                    format!("nieuwe klant {number} heeft geen naam; het nummer wordt de naam.")
                } else {
                    format!("new customer {number} has no name; the number is used as the name.")
                }
            }
            K::UnknownInvoice { number } => {
                if nl {
                    format!("factuur '{number}' staat niet in de administratie of in dit bestand.")
                } else {
                    format!("invoice '{number}' is not in the ledger or in this file.")
                }
            }
            K::UnknownCustomer { value } => {
                if nl {
                    format!("klant '{value}' staat niet in de administratie; een betaling maakt geen klant aan.")
                } else {
                    format!("customer '{value}' is not in the ledger; a payment does not create a customer.")
                }
            }
            K::OtherCustomer { number, customer } => {
                if nl {
                    format!("factuur {number} hoort bij klant '{customer}'.")
                } else {
                    format!("invoice {number} belongs to customer '{customer}'.")
                }
            }
            K::MoreThanOpen { number, amount: a, open } => {
                if nl {
                    format!(
                        "de betaling ({}) is meer dan er openstaat op factuur {number} ({}); de rest blijft onverdeeld.",
                        amount(*a),
                        amount(*open)
                    )
                } else {
                    format!(
                        "the payment ({}) is more than is open on invoice {number} ({}); the rest stays unallocated.",
                        amount(*a),
                        amount(*open)
                    )
                }
            }
            K::LedgerOpenLower { number, file_open, ledger_open } => {
                if nl {
                    format!(
                        "volgens het bestand staat op factuur {number} {} open, in de administratie {}; de administratie blijft.",
                        amount(*file_open),
                        amount(*ledger_open)
                    )
                } else {
                    format!(
                        "the file shows {} open on invoice {number}, the ledger {}; the ledger is kept.",
                        amount(*file_open),
                        amount(*ledger_open)
                    )
                }
            }
            K::Domain { error } => format!("{}.", self.domain_error(error)),
        };
        format!("{}: {what}", self.import_place(p))
    }

    /// A question to the user about how to read the file.
    pub fn import_question(self, q: &Question) -> String {
        match (self, q) {
            (Lang::Nl, Question::DateOrder { column, header, example, as_day_month, as_month_day }) => format!(
                "Kolom {column} ({header}): alle datums passen als dag-maand en als maand-dag. Is '{example}' {} of {}?",
                self.long_date(*as_day_month),
                self.long_date(*as_month_day)
            ),
            (Lang::En, Question::DateOrder { column, header, example, as_day_month, as_month_day }) => format!(
                "Column {column} ({header}): every date fits both day-month and month-day. Is '{example}' {} or {}?",
                self.long_date(*as_day_month),
                self.long_date(*as_month_day)
            ),
            (Lang::Nl, Question::DecimalSep { column, header, example, as_dot, as_comma }) => format!(
                "Kolom {column} ({header}): is '{example}' {} (punt als decimaalteken) of {} (komma als decimaalteken)?",
                as_dot.normalize().to_string().replace('.', ","),
                as_comma.normalize().to_string().replace('.', ",")
            ),
            (Lang::En, Question::DecimalSep { column, header, example, as_dot, as_comma }) => format!(
                "Column {column} ({header}): is '{example}' {} (dot as decimal point) or {} (comma as decimal point)?",
                as_dot.normalize(),
                as_comma.normalize()
            ),
        }
    }

    /// Why an import was not applied.
    pub fn import_apply_error(self, e: &ApplyError) -> String {
        match (self, e) {
            (Lang::Nl, ApplyError::Unanswered(n)) => format!("Er is nog {n} vraag over het bestand open; er is niets ingelezen."),
            (Lang::En, ApplyError::Unanswered(n)) => format!("{n} question(s) about the file are still open; nothing was imported."),
            (Lang::Nl, ApplyError::HasErrors(n)) => format!(
                "Er zijn {n} fouten; er is niets ingelezen. Verbeter het bestand of kies ervoor de regels met fouten over te slaan."
            ),
            (Lang::En, ApplyError::HasErrors(n)) => {
                format!("There are {n} errors; nothing was imported. Correct the file or choose to skip the rows with errors.")
            }
            (Lang::Nl, ApplyError::Domain { line, error }) => {
                format!("Regel {line}: {}. Er is niets ingelezen.", self.domain_error(error))
            }
            (Lang::En, ApplyError::Domain { line, error }) => {
                format!("Line {line}: {}. Nothing was imported.", self.domain_error(error))
            }
        }
    }
}
