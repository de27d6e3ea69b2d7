//! Texts of bank statements, payment matching and the UBL import: file errors (always with line
//! and column), balance findings, match verdicts and reasons, UBL problems.

use rust_decimal::Decimal;

use crate::engine::matching::{Reason, Verdict};
use crate::io::bank::{BalanceMismatch, BankError, BankErrorKind, Expected};
use crate::io::ubl::{SkipReason, Skipped, UblApplyError, UblError, UblErrorKind, UblProblem};

use super::Lang;

impl Lang {
    fn at(self, line: usize, column: usize) -> String {
        match self {
            Lang::Nl => format!("Regel {line}, kolom {column}"),
            Lang::En => format!("Line {line}, column {column}"),
        }
    }

    fn expected_what(self, e: &Expected) -> String {
        match e {
            Expected::Amount => self.tr("een bedrag", "an amount").into(),
            Expected::Date => self.tr("een datum", "a date").into(),
            Expected::CreditDebit => {
                self.tr("een credit/debet-teken (C, D, RC, RD, CRDT of DBIT)", "a credit/debit mark (C, D, RC, RD, CRDT or DBIT)").into()
            }
            Expected::Currency => self.tr("een valutacode van drie letters", "a three-letter currency code").into(),
            Expected::TransactionType => {
                self.tr("een transactiesoort (zoals N541 of NTRF)", "a transaction type (like N541 or NTRF)").into()
            }
            Expected::Field(f) => match self {
                Lang::Nl => format!("het veld {f}"),
                Lang::En => format!("the field {f}"),
            },
            Expected::StatementStart => {
                self.tr("eerst het begin van een afschrift (:20:)", "first the start of a statement (:20:)").into()
            }
        }
    }

    /// A bank file that cannot be read: "Regel 12, kolom 5: verwacht een bedrag na 'C', gevonden 'X'".
    pub fn bank_error(self, e: &BankError) -> String {
        let at = self.at(e.line, e.column);
        let body = match &e.kind {
            BankErrorKind::Empty => self.tr("het bestand is leeg", "the file is empty").to_string(),
            BankErrorKind::UnknownFormat => self
                .tr(
                    "dit is geen bankafschrift in camt.053/054 (XML) of MT940",
                    "this is not a bank statement in camt.053/054 (XML) or MT940",
                )
                .to_string(),
            BankErrorKind::NotXml { detail } => match self {
                Lang::Nl => format!("het XML-bestand is beschadigd ({detail})"),
                Lang::En => format!("the XML file is damaged ({detail})"),
            },
            BankErrorKind::Truncated { open } => match self {
                Lang::Nl => format!("het bestand houdt op binnen <{open}>; is het helemaal gedownload?"),
                Lang::En => format!("the file ends inside <{open}>; was it completely downloaded?"),
            },
            BankErrorKind::NotAStatement { found } => match self {
                Lang::Nl => format!("dit XML-bestand is geen bankafschrift maar <{found}>"),
                Lang::En => format!("this XML file is not a bank statement but <{found}>"),
            },
            BankErrorKind::Expected { what, after, found } => {
                let what = self.expected_what(what);
                let found = if found.is_empty() {
                    self.tr("niets", "nothing").to_string()
                } else {
                    format!("'{found}'")
                };
                match (self, after) {
                    (Lang::Nl, Some(a)) => format!("verwacht {what} na '{a}', gevonden {found}"),
                    (Lang::Nl, None) => format!("verwacht {what}, gevonden {found}"),
                    (Lang::En, Some(a)) => format!("expected {what} after '{a}', found {found}"),
                    (Lang::En, None) => format!("expected {what}, found {found}"),
                }
            }
            BankErrorKind::Missing { what, within } => {
                let what = self.expected_what(what);
                match self {
                    Lang::Nl => format!("{what} ontbreekt in <{within}>"),
                    Lang::En => format!("{what} is missing in <{within}>"),
                }
            }
        };
        format!("{at}: {body}")
    }

    /// A statement whose balances do not add up.
    pub fn balance_mismatch(self, m: &BalanceMismatch) -> String {
        let a = |d: Decimal| self.amount(d, m.currency);
        match self {
            Lang::Nl => format!(
                "Het saldo klopt niet: beginsaldo {} plus de boekingen {} is {}, maar de bank geeft als eindsaldo {} (verschil {}). Controleer of het afschrift compleet is.",
                a(m.opening), a(m.entries), a(m.expected_closing), a(m.closing), a(m.difference())
            ),
            Lang::En => format!(
                "The balance does not add up: opening balance {} plus the entries {} is {}, but the bank gives a closing balance of {} (difference {}). Check that the statement is complete.",
                a(m.opening), a(m.entries), a(m.expected_closing), a(m.closing), a(m.difference())
            ),
        }
    }

    pub fn verdict(self, v: &Verdict) -> &'static str {
        match v {
            Verdict::Certain => self.tr("Zeker", "Certain"),
            Verdict::Unsure => self.tr("Onzeker", "Unsure"),
            Verdict::Unmatched => self.tr("Niet gevonden", "No match"),
            Verdict::AlreadyBooked { .. } => self.tr("Al geboekt", "Already booked"),
            Verdict::DuplicateInImport { .. } => self.tr("Dubbel in deze import", "Twice in this import"),
        }
    }

    /// One reason behind a match proposal, as a sentence. Amounts are in the transaction's
    /// currency, shown as numbers (the proposal shows its amount with the currency).
    pub fn match_reason(self, r: &Reason) -> String {
        let num = |d: Decimal| self.number(d);
        match (self, r) {
            (Lang::Nl, Reason::InvoiceNamed { number, .. }) => format!("Factuurnummer {number} staat in de omschrijving"),
            (Lang::En, Reason::InvoiceNamed { number, .. }) => format!("Invoice number {number} is in the description"),
            (Lang::Nl, Reason::ReferenceNamed { number, reference, .. }) => {
                format!("Betalingskenmerk {reference} van factuur {number} staat in de omschrijving")
            }
            (Lang::En, Reason::ReferenceNamed { number, reference, .. }) => {
                format!("Payment reference {reference} of invoice {number} is in the description")
            }
            (Lang::Nl, Reason::AmountEqualsNamed { open }) => format!("Het bedrag is precies wat openstaat ({})", num(*open)),
            (Lang::En, Reason::AmountEqualsNamed { open }) => format!("The amount is exactly what is open ({})", num(*open)),
            (Lang::Nl, Reason::PartialPayment { open, paid }) => {
                format!("Deelbetaling: {} betaald van {} open", num(*paid), num(*open))
            }
            (Lang::En, Reason::PartialPayment { open, paid }) => {
                format!("Partial payment: {} paid of {} open", num(*paid), num(*open))
            }
            (Lang::Nl, Reason::Overpayment { open, paid }) => {
                format!("Te veel betaald: {} op {} open ({} meer)", num(*paid), num(*open), num(*paid - *open))
            }
            (Lang::En, Reason::Overpayment { open, paid }) => {
                format!("Overpaid: {} against {} open ({} more)", num(*paid), num(*open), num(*paid - *open))
            }
            (Lang::Nl, Reason::NamedNotOpen { number, .. }) => {
                format!("Factuur {number} staat niet meer open (al betaald of gecrediteerd): dubbele betaling?")
            }
            (Lang::En, Reason::NamedNotOpen { number, .. }) => {
                format!("Invoice {number} is no longer open (already paid or credited): a double payment?")
            }
            (Lang::Nl, Reason::NamedSeveralCustomers { count }) => {
                format!("De genoemde facturen horen bij {count} verschillende klanten")
            }
            (Lang::En, Reason::NamedSeveralCustomers { count }) => {
                format!("The invoices named belong to {count} different customers")
            }
            (_, Reason::IbanMatches { .. }) => {
                self.tr("Het IBAN van de betaler is dat van de klant", "The payer's IBAN is the customer's").into()
            }
            (_, Reason::IbanOtherCustomer { .. }) => self
                .tr(
                    "Het IBAN van de betaler hoort bij een andere klant dan de genoemde facturen",
                    "The payer's IBAN belongs to another customer than the invoices named",
                )
                .into(),
            (Lang::Nl, Reason::IbanSeveralCustomers { count }) => format!("{count} klanten hebben het IBAN van de betaler"),
            (Lang::En, Reason::IbanSeveralCustomers { count }) => format!("{count} customers have the payer's IBAN"),
            (Lang::Nl, Reason::AmountMatchesInvoice { number, .. }) => {
                format!("Alleen het bedrag wijst op factuur {number} (geen factuurnummer in de omschrijving)")
            }
            (Lang::En, Reason::AmountMatchesInvoice { number, .. }) => {
                format!("Only the amount points to invoice {number} (no invoice number in the description)")
            }
            (Lang::Nl, Reason::AmountMatchesCustomerTotal { invoices }) => {
                format!("Het bedrag is alles wat de klant openstaan heeft ({invoices} facturen)")
            }
            (Lang::En, Reason::AmountMatchesCustomerTotal { invoices }) => {
                format!("The amount is everything the customer has open ({invoices} invoices)")
            }
            (Lang::Nl, Reason::AmountMatchesSeveral { count }) => {
                format!("{count} openstaande facturen hebben dit bedrag: welke is een gok")
            }
            (Lang::En, Reason::AmountMatchesSeveral { count }) => {
                format!("{count} open invoices have this amount: which one is a guess")
            }
            (Lang::Nl, Reason::AmountMatchesOnlyInvoice { number, .. }) => {
                format!("Geen naam, nummer of IBAN bekend; alleen factuur {number} staat open voor precies dit bedrag")
            }
            (Lang::En, Reason::AmountMatchesOnlyInvoice { number, .. }) => {
                format!("No known name, number or IBAN; only invoice {number} is open for exactly this amount")
            }
            (_, Reason::NoAmountMatch) => self
                .tr(
                    "Geen openstaande factuur van de klant heeft dit bedrag; verdeeld over de oudste",
                    "No open invoice of the customer has this amount; spread over the oldest",
                )
                .into(),
            (_, Reason::NothingFound) => self
                .tr(
                    "Geen factuurnummer, betalingskenmerk, bekend IBAN of passend bedrag gevonden",
                    "No invoice number, payment reference, known IBAN or fitting amount found",
                )
                .into(),
            (_, Reason::AlreadyBooked { .. }) => self
                .tr(
                    "Deze betaling is al geboekt (zelfde datum, bedrag en kenmerk of IBAN)",
                    "This payment is already booked (same date, amount and reference or IBAN)",
                )
                .into(),
            (Lang::Nl, Reason::DuplicateInImport { of }) => format!(
                "Dezelfde boeking staat al in afschrift {} (regel {})",
                of.statement + 1,
                of.transaction + 1
            ),
            (Lang::En, Reason::DuplicateInImport { of }) => format!(
                "The same entry is already in statement {} (entry {})",
                of.statement + 1,
                of.transaction + 1
            ),
        }
    }

    /// A SEPA return reason code explained (the code itself when unknown).
    pub fn return_reason(self, code: &str) -> String {
        let text = match code {
            "AC01" => self.tr("rekeningnummer onjuist", "incorrect account number"),
            "AC04" => self.tr("rekening opgeheven", "account closed"),
            "AC06" => self.tr("rekening geblokkeerd", "account blocked"),
            "AG01" => self.tr("transactie niet toegestaan op deze rekening", "transaction forbidden on this account"),
            "AM04" => self.tr("onvoldoende saldo", "insufficient funds"),
            "MD01" => self.tr("geen machtiging", "no mandate"),
            "MD06" => self.tr("terugboeking op verzoek van de betaler", "refund requested by the payer"),
            "MS02" => self.tr("geweigerd door de betaler", "refused by the payer"),
            "MS03" => self.tr("reden niet opgegeven", "reason not specified"),
            "SL01" => self.tr("geblokkeerd door de bank van de betaler", "blocked by the payer's bank"),
            _ => return code.to_string(),
        };
        format!("{code}: {text}")
    }

    /// A UBL file that cannot be read.
    pub fn ubl_error(self, e: &UblError) -> String {
        let at = self.at(e.line, e.column);
        let body = match &e.kind {
            UblErrorKind::Empty => self.tr("het bestand is leeg", "the file is empty").to_string(),
            UblErrorKind::NotXml { detail } => match self {
                Lang::Nl => format!("het XML-bestand is beschadigd ({detail})"),
                Lang::En => format!("the XML file is damaged ({detail})"),
            },
            UblErrorKind::Truncated { open } => match self {
                Lang::Nl => format!("het bestand houdt op binnen <{open}>"),
                Lang::En => format!("the file ends inside <{open}>"),
            },
            UblErrorKind::NotUbl { root } => match self {
                Lang::Nl => format!("verwacht een UBL-factuur (<Invoice> of <CreditNote>), gevonden <{root}>"),
                Lang::En => format!("expected a UBL invoice (<Invoice> or <CreditNote>), found <{root}>"),
            },
            UblErrorKind::Missing { element } => match self {
                Lang::Nl => format!("<{element}> ontbreekt"),
                Lang::En => format!("<{element}> is missing"),
            },
            UblErrorKind::BadDate { element, found } => match self {
                Lang::Nl => format!("verwacht een datum (JJJJ-MM-DD) in <{element}>, gevonden '{found}'"),
                Lang::En => format!("expected a date (YYYY-MM-DD) in <{element}>, found '{found}'"),
            },
            UblErrorKind::BadAmount { element, found } => match self {
                Lang::Nl => format!("verwacht een bedrag in <{element}>, gevonden '{found}'"),
                Lang::En => format!("expected an amount in <{element}>, found '{found}'"),
            },
            UblErrorKind::BadCurrency { found } => match self {
                Lang::Nl => format!("verwacht een valutacode van drie letters, gevonden '{found}'"),
                Lang::En => format!("expected a three-letter currency code, found '{found}'"),
            },
            UblErrorKind::NoInvoiceReference => self
                .tr(
                    "de creditnota noemt niet welke factuur ze corrigeert (BillingReference/InvoiceDocumentReference/ID)",
                    "the credit note does not say which invoice it corrects (BillingReference/InvoiceDocumentReference/ID)",
                )
                .to_string(),
        };
        format!("{at}: {body}")
    }

    /// What stops a UBL import. `file` names are the UI's; here the document number is used.
    pub fn ubl_problem(self, p: &UblProblem) -> String {
        match (self, p) {
            (Lang::Nl, UblProblem::UnknownInvoice { number, credits, .. }) => format!(
                "Creditnota {number} corrigeert factuur {credits}, maar die factuur staat niet in de administratie en niet in deze import"
            ),
            (Lang::En, UblProblem::UnknownInvoice { number, credits, .. }) => format!(
                "Credit note {number} corrects invoice {credits}, but that invoice is neither in the ledger nor in this import"
            ),
            (Lang::Nl, UblProblem::CreditOtherCustomer { number, credits, .. }) => {
                format!("Creditnota {number} verwijst naar {credits}, een document van een andere klant of een creditnota")
            }
            (Lang::En, UblProblem::CreditOtherCustomer { number, credits, .. }) => {
                format!("Credit note {number} refers to {credits}, a document of another customer or a credit note")
            }
            (Lang::Nl, UblProblem::NegativeAmount { number, .. }) => {
                format!("Factuur {number} heeft een negatief te betalen bedrag; importeer dit als creditnota")
            }
            (Lang::En, UblProblem::NegativeAmount { number, .. }) => {
                format!("Invoice {number} has a negative amount to pay; import it as a credit note")
            }
            (_, UblProblem::Refused { number, error, .. }) => format!("{number}: {}", self.domain_error(error)),
        }
    }

    pub fn ubl_skipped(self, s: &Skipped) -> String {
        let n = &s.number;
        match (self, &s.reason) {
            (Lang::Nl, SkipReason::AlreadyPresent) => format!("{n} staat al in de administratie en wordt overgeslagen"),
            (Lang::En, SkipReason::AlreadyPresent) => format!("{n} is already in the ledger and is skipped"),
            (Lang::Nl, SkipReason::DuplicateInImport { .. }) => format!("{n} komt twee keer voor in deze import; de eerste telt"),
            (Lang::En, SkipReason::DuplicateInImport { .. }) => format!("{n} appears twice in this import; the first counts"),
            (Lang::Nl, SkipReason::NothingPayable) => format!("{n} is al helemaal vooruitbetaald: niets te innen"),
            (Lang::En, SkipReason::NothingPayable) => format!("{n} is fully prepaid: nothing to collect"),
        }
    }

    pub fn ubl_apply_error(self, e: &UblApplyError) -> String {
        match (self, e) {
            (Lang::Nl, UblApplyError::HasProblems(n)) => format!("Er zijn nog {n} problemen; los die eerst op"),
            (Lang::En, UblApplyError::HasProblems(n)) => format!("There are still {n} problems; solve them first"),
            (_, UblApplyError::Refused { number, error }) => format!("{number}: {}", self.domain_error(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_line_and_column_in_both_languages() {
        let e = BankError {
            line: 12,
            column: 5,
            kind: BankErrorKind::Expected { what: Expected::Amount, after: Some("C".into()), found: "X".into() },
        };
        assert_eq!(Lang::Nl.bank_error(&e), "Regel 12, kolom 5: verwacht een bedrag na 'C', gevonden 'X'");
        assert_eq!(Lang::En.bank_error(&e), "Line 12, column 5: expected an amount after 'C', found 'X'");
        let u = UblError { line: 3, column: 9, kind: UblErrorKind::Missing { element: "IssueDate" } };
        assert_eq!(Lang::Nl.ubl_error(&u), "Regel 3, kolom 9: <IssueDate> ontbreekt");
    }
}
