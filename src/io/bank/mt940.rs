//! SWIFT MT940 and the Dutch banks' dialects of its `:86:` field. See the rules in [`super`].

use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{compact_iban, squeeze, Balance, BankError, BankErrorKind, Expected, Format, Mt940Bank, Statement, Transaction};
use crate::domain::Currency;

/// Text with SWIFT tags: a statement start or a SWIFT block header.
pub(super) fn looks_like(text: &str) -> bool {
    let has = |t: &str| text.contains(t);
    (has(":20:") && (has(":25:") || has(":60F:") || has(":61:") || has(":28"))) || text.trim_start().starts_with("{1:")
}

/// One physical line: its number, the column (1-based) of its first character kept, its text.
#[derive(Clone, Debug)]
struct Line<'a> {
    number: usize,
    column: usize,
    text: &'a str,
}

/// A tag with the text on its own line and its continuation lines.
#[derive(Clone, Debug)]
struct Field<'a> {
    tag: &'a str,
    first: Line<'a>,
    more: Vec<Line<'a>>,
}

impl Field<'_> {
    fn err_at(&self, byte: usize, kind: BankErrorKind) -> BankError {
        let byte = byte.min(self.first.text.len());
        let chars = self.first.text.get(..byte).map_or(byte, |s| s.chars().count());
        BankError { line: self.first.number, column: self.first.column + chars, kind }
    }

    fn expected(&self, byte: usize, what: Expected, after: Option<&str>) -> BankError {
        let rest = self.first.text.get(byte..).unwrap_or("");
        let found: String = rest.trim_end().chars().take(12).collect();
        self.err_at(byte, BankErrorKind::Expected { what, after: after.map(str::to_string), found })
    }
}

/// `:20:`, `:28C:`, `:60F:`: two digits and an optional letter between colons.
fn tag_of(line: &str) -> Option<(&str, usize)> {
    let b = line.as_bytes();
    if b.len() < 4 || b[0] != b':' || !b[1].is_ascii_digit() || !b[2].is_ascii_digit() {
        return None;
    }
    if b[3] == b':' {
        return Some((&line[1..3], 4));
    }
    if b.len() >= 5 && b[3].is_ascii_alphabetic() && b[4] == b':' {
        return Some((&line[1..4], 5));
    }
    None
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut number = 0;
    let mut rest = text;
    while !rest.is_empty() || number == 0 {
        number += 1;
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = &rest[end..];
        if next.starts_with("\r\n") {
            next = &next[2..];
        } else if !next.is_empty() {
            next = &next[1..];
        }
        out.push(Line { number, column: 1, text: line });
        rest = next;
        if rest.is_empty() {
            break;
        }
    }
    out
}

/// Groups lines into fields, dropping SWIFT block wrappers and headers.
fn fields(text: &str) -> Vec<Field<'_>> {
    let mut out: Vec<Field<'_>> = Vec::new();
    for mut line in split_lines(text) {
        // `{1:…}{2:…}{4:` opens the text block; what follows `{4:` is content.
        if let Some(i) = line.text.find("{4:") {
            line.column += line.text[..i + 3].chars().count();
            line.text = &line.text[i + 3..];
        }
        let trimmed = line.text.trim_end();
        if trimmed.starts_with('-') && trimmed[1..].trim_start().starts_with('}') || trimmed == "-" || trimmed.starts_with('{') {
            if let Some(f) = out.last_mut() {
                // The message ends: the next lines are no continuation.
                f.more.push(Line { number: line.number, column: line.column, text: "\u{0}" });
            }
            continue;
        }
        match tag_of(line.text) {
            Some((tag, len)) => out.push(Field {
                tag,
                first: Line { number: line.number, column: line.column + len, text: &line.text[len..] },
                more: Vec::new(),
            }),
            None => {
                if let Some(f) = out.last_mut() {
                    f.more.push(line);
                }
            }
        }
    }
    for f in &mut out {
        if let Some(stop) = f.more.iter().position(|l| l.text == "\u{0}") {
            f.more.truncate(stop);
        }
    }
    out
}

fn yymmdd(s: &str) -> Option<NaiveDate> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i32 = s[0..2].parse().ok()?;
    let year = if yy < 80 { 2000 + yy } else { 1900 + yy };
    NaiveDate::from_ymd_opt(year, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
}

/// `000000004433,52`, `9,`, `11,8` → a decimal. At least one digit, at most one comma.
fn amount(s: &str) -> Option<Decimal> {
    if s.is_empty() || s.matches(',').count() > 1 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let normal = s.replace(',', ".");
    let normal = normal.strip_suffix('.').unwrap_or(&normal);
    Decimal::from_str(normal).ok()
}

/// Length of the leading run of bytes that can be an amount.
fn amount_len(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_digit() || *b == b',').count()
}

fn balance(f: &Field<'_>) -> Result<Balance, BankError> {
    let t = f.first.text.trim_end();
    let sign = match t.get(..1) {
        Some("C") => Decimal::ONE,
        Some("D") => Decimal::NEGATIVE_ONE,
        _ => return Err(f.expected(0, Expected::CreditDebit, None)),
    };
    let date = t.get(1..7).and_then(yymmdd).ok_or_else(|| f.expected(1, Expected::Date, Some(&t[..1])))?;
    let ccy = t.get(7..10).unwrap_or("");
    let currency = Currency::parse(ccy).map_err(|_| f.expected(7, Expected::Currency, t.get(1..7)))?;
    let rest = t.get(10..).unwrap_or("");
    let value = amount(rest).filter(|_| amount_len(rest) == rest.len()).ok_or_else(|| f.expected(10, Expected::Amount, Some(ccy)))?;
    Ok(Balance { date, amount: sign * value, currency, line: f.first.number })
}

/// The text of a field's lines joined: a full 65-character line continues without a space.
fn joined(f: &Field<'_>, skip_first: bool) -> String {
    let mut out = String::new();
    let mut prev_full = false;
    let first = std::iter::once(&f.first).filter(|_| !skip_first);
    for (i, l) in first.chain(f.more.iter()).enumerate() {
        let text = l.text;
        if i > 0 && (!prev_full || out.ends_with(' ')) {
            out.push(' ');
        }
        let full = text.chars().count() >= 65 && !text.ends_with(' ');
        out.push_str(if full { text } else { text.trim_end() });
        prev_full = full;
    }
    out.trim().to_string()
}

fn bank_of_account(account: &str) -> Option<Mt940Bank> {
    let code = account.get(4..8)?;
    Some(match code {
        "RABO" => Mt940Bank::Rabobank,
        "INGB" => Mt940Bank::Ing,
        "ABNA" => Mt940Bank::AbnAmro,
        "SNSB" | "ASNB" | "RBRB" => Mt940Bank::Sns,
        "KNAB" => Mt940Bank::Knab,
        _ => return None,
    })
}

pub(super) fn parse(text: &str) -> Result<Vec<Statement>, BankError> {
    let header_bank = if text.contains("SNSBNL2A") || text.contains("ASNBNL21") || text.contains("RBRBNL21") {
        Some(Mt940Bank::Sns)
    } else if text.lines().take(5).any(|l| l.trim() == "ABNANL2A") {
        Some(Mt940Bank::AbnAmroLegacy)
    } else {
        None
    };
    let fields = fields(text);
    let mut out: Vec<Statement> = Vec::new();
    let mut current: Option<Statement> = None;
    // Whether the last field was a :61: whose :86: has not come yet.
    let mut open_entry = false;
    let fresh = |id: String, line: usize| Statement {
        format: Format::Mt940(Mt940Bank::Other),
        id,
        account: String::new(),
        currency: Currency::EUR,
        opening: None,
        closing: None,
        transactions: Vec::new(),
        line,
    };
    for f in &fields {
        match f.tag {
            "20" => {
                out.extend(current.take());
                current = Some(fresh(f.first.text.trim().to_string(), f.first.number));
                open_entry = false;
                continue;
            }
            "25" | "60F" | "60M" if current.is_none() => current = Some(fresh(String::new(), f.first.number)),
            "61" | "86" | "62F" | "62M" if current.is_none() => {
                return Err(f.err_at(0, BankErrorKind::Expected {
                    what: Expected::StatementStart,
                    after: None,
                    found: format!(":{}:", f.tag),
                }))
            }
            _ => {}
        }
        let Some(st) = current.as_mut() else { continue };
        match f.tag {
            "25" => {
                let raw: String = f.first.text.chars().filter(|c| !c.is_whitespace()).collect();
                let raw = raw.rsplit('/').next().unwrap_or("").to_string();
                let cut = raw.len().checked_sub(3).filter(|i| raw.is_char_boundary(*i));
                let (acct, ccy) = match cut.map(|i| raw.split_at(i)) {
                    Some((a, c)) if c.bytes().all(|b| b.is_ascii_alphabetic()) && compact_iban(a).is_some() => (a.to_string(), Some(c)),
                    _ => (raw.clone(), None),
                };
                st.account = compact_iban(&acct).unwrap_or(acct);
                if let Some(c) = ccy.and_then(|c| Currency::parse(c).ok()) {
                    st.currency = c;
                }
                let bank = bank_of_account(&st.account).or(header_bank).unwrap_or(if compact_iban(&st.account).is_none() {
                    Mt940Bank::AbnAmroLegacy
                } else {
                    Mt940Bank::Other
                });
                let bank = if header_bank == Some(Mt940Bank::AbnAmroLegacy) && compact_iban(&st.account).is_none() {
                    Mt940Bank::AbnAmroLegacy
                } else {
                    bank
                };
                st.format = Format::Mt940(bank);
            }
            "60F" | "60M" => {
                let b = balance(f)?;
                st.currency = b.currency;
                st.opening = Some(b);
            }
            "62F" | "62M" => {
                st.closing = Some(balance(f)?);
            }
            "61" => {
                let tx = entry(f, st.currency)?;
                st.transactions.push(tx);
                open_entry = true;
                continue;
            }
            "86" if open_entry => {
                let bank = match st.format {
                    Format::Mt940(b) => b,
                    _ => Mt940Bank::Other,
                };
                if let Some(tx) = st.transactions.last_mut() {
                    information(f, bank, tx);
                }
            }
            _ => {}
        }
        open_entry = false;
    }
    out.extend(current);
    for st in &mut out {
        for t in &mut st.transactions {
            t.currency = st.currency;
        }
    }
    Ok(out)
}

/// `:61:` value date, entry date, mark, amount, type, references; details on the next line.
fn entry(f: &Field<'_>, currency: Currency) -> Result<Transaction, BankError> {
    let t = f.first.text.trim_end();
    let value_date = t.get(..6).and_then(yymmdd).ok_or_else(|| f.expected(0, Expected::Date, None))?;
    let mut i = 6;
    let mut booking_date = value_date;
    if let Some(mmdd) = t.get(6..10).filter(|s| s.bytes().all(|b| b.is_ascii_digit())) {
        let (m, d): (u32, u32) = (mmdd[..2].parse().unwrap_or(0), mmdd[2..].parse().unwrap_or(0));
        let year = match (m as i32) - (value_date.month() as i32) {
            diff if diff > 6 => value_date.year() - 1,
            diff if diff < -6 => value_date.year() + 1,
            _ => value_date.year(),
        };
        booking_date = NaiveDate::from_ymd_opt(year, m, d).ok_or_else(|| f.expected(6, Expected::Date, t.get(..6)))?;
        i = 10;
    }
    let rest = &t[i..];
    let (mark, sign, reversal) = if rest.starts_with("RC") {
        ("RC", Decimal::ONE, true)
    } else if rest.starts_with("RD") {
        ("RD", Decimal::NEGATIVE_ONE, true)
    } else if rest.starts_with("EC") {
        ("EC", Decimal::ONE, false)
    } else if rest.starts_with("ED") {
        ("ED", Decimal::NEGATIVE_ONE, false)
    } else if rest.starts_with('C') {
        ("C", Decimal::ONE, false)
    } else if rest.starts_with('D') {
        ("D", Decimal::NEGATIVE_ONE, false)
    } else {
        return Err(f.expected(i, Expected::CreditDebit, t.get(..i)));
    };
    i += mark.len();
    // An optional funds code: the third letter of the currency.
    let b = t.as_bytes();
    if b.get(i).is_some_and(u8::is_ascii_alphabetic) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let len = amount_len(&t[i..]);
    let value = amount(&t[i..i + len]).ok_or_else(|| f.expected(i, Expected::Amount, Some(mark)))?;
    i += len;
    let kind = t.get(i..i + 4).filter(|k| {
        let b = k.as_bytes();
        matches!(b[0], b'N' | b'F' | b'S') && b[1..].iter().all(u8::is_ascii_alphanumeric)
    });
    let kind = kind.ok_or_else(|| f.expected(i, Expected::TransactionType, Some(&t[i - len..i])))?;
    i += 4;
    let refs = &t[i..];
    let (customer_ref, bank_ref) = match refs.find("//") {
        Some(p) => (&refs[..p], &refs[p + 2..]),
        None => (refs, ""),
    };
    let customer_ref = customer_ref.trim();
    let details = squeeze(&f.more.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" "));
    let mut tx = Transaction {
        line: f.first.number,
        booking_date,
        value_date,
        amount: sign * value,
        currency,
        reversal,
        return_reason: None,
        counterparty_name: String::new(),
        counterparty_iban: String::new(),
        counterparty_account: String::new(),
        remittance: String::new(),
        end_to_end: String::new(),
        bank_reference: bank_ref.trim().to_string(),
        bank_code: kind.to_string(),
    };
    // Rabobank puts the counterparty's IBAN on the second line, SNS in the reference and the
    // name on the second line.
    if let Some(iban) = compact_iban(&details) {
        tx.counterparty_iban = iban;
        tx.counterparty_account = details;
    } else if let Some(iban) = compact_iban(customer_ref) {
        tx.counterparty_iban = iban;
        tx.counterparty_account = customer_ref.to_string();
        tx.counterparty_name = details;
    } else {
        if !customer_ref.eq_ignore_ascii_case("NONREF") && !customer_ref.is_empty() {
            tx.end_to_end = customer_ref.to_string();
        }
        if !details.is_empty() && !details.starts_with('/') {
            tx.counterparty_name = details;
        }
    }
    Ok(tx)
}

/// Codes of the structured `:86:` (Rabobank, ING, ABN AMRO, Knab, Triodos, …).
const KEYS: &[&str] = &[
    "TRTP", "EREF", "MARF", "CSID", "ORDP", "BENM", "NAME", "ADDR", "REMI", "ISDT", "IBAN", "BIC", "CNTP", "RTRN",
    "PURP", "ULTC", "ULTD", "ULTB", "PREF", "IREF", "ID", "BUSP", "TRCD", "NRTX", "SVCL", "ACCW", "CHGS", "EXCH",
    "OCMT", "COAM", "FX", "CDTRREF", "CDTRREFTP", "ISSR", "CD", "SUM",
];

/// Splits `/KEY/value/KEY/value` at known keys.
fn slash_codes(s: &str) -> Vec<(&str, String)> {
    let b = s.as_bytes();
    let mut marks: Vec<(usize, usize, &str)> = Vec::new(); // (start, value start, key)
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' {
            let hit = KEYS.iter().find(|k| s[i + 1..].starts_with(*k) && b.get(i + 1 + k.len()) == Some(&b'/'));
            if let Some(k) = hit {
                marks.push((i, i + k.len() + 2, k));
                i += k.len() + 1;
                continue;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (n, (_, vstart, key)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(s.len(), |m| m.0);
        let v = s.get(*vstart..end.max(*vstart)).unwrap_or("");
        out.push((*key, v.trim().trim_end_matches('/').trim().to_string()));
    }
    out
}

fn information(f: &Field<'_>, bank: Mt940Bank, tx: &mut Transaction) {
    let text = joined(f, false);
    let codes = if text.starts_with('/') { slash_codes(&text) } else { Vec::new() };
    if !codes.is_empty() {
        structured(&codes, tx);
        return;
    }
    let first = f.first.text.trim();
    let legacy = matches!(bank, Mt940Bank::AbnAmroLegacy | Mt940Bank::AbnAmro)
        && (first.starts_with("GIRO") || first.starts_with("BEA") || first.starts_with("GEA") || legacy_account(first).is_some());
    if legacy {
        abn_legacy(f, tx);
        return;
    }
    // SNS, ASN, RegioBank: "IBAN name" on the first line, then the description.
    let mut words = first.split_whitespace();
    if let Some(iban) = words.next().and_then(compact_iban) {
        tx.counterparty_iban = iban.clone();
        tx.counterparty_account = iban;
        let name = squeeze(&words.collect::<Vec<_>>().join(" "));
        if !name.is_empty() {
            tx.counterparty_name = name;
        }
        tx.remittance = squeeze(&joined(f, true));
        return;
    }
    if keyed(&text, tx) {
        return;
    }
    tx.remittance = squeeze(&text);
    if bank == Mt940Bank::Sns && first.is_empty() && tx.counterparty_name.is_empty() {
        // A card payment: "Jumbo Wijchen B.V.    >WIJCHEN  27.12.2017 …"
        if let Some(l) = f.more.iter().find(|l| !l.text.trim().is_empty()) {
            if let Some((name, _)) = l.text.split_once('>') {
                tx.counterparty_name = squeeze(name);
            }
        }
    }
    if tx.counterparty_iban.is_empty() {
        if let Some(iban) = text.split_whitespace().find_map(compact_iban) {
            tx.counterparty_iban = iban.clone();
            tx.counterparty_account = iban;
        }
    }
}

fn structured(codes: &[(&str, String)], tx: &mut Transaction) {
    for (key, value) in codes {
        match *key {
            "NAME" if !value.is_empty() => tx.counterparty_name = squeeze(value),
            "IBAN" => {
                if let Some(iban) = compact_iban(value) {
                    tx.counterparty_iban = iban;
                    tx.counterparty_account = value.clone();
                }
            }
            "CNTP" => {
                // ING: account/BIC/name/city
                let parts: Vec<&str> = value.split('/').collect();
                if let Some(iban) = parts.first().and_then(|a| compact_iban(a)) {
                    tx.counterparty_iban = iban;
                }
                if let Some(a) = parts.first().filter(|a| !a.is_empty()) {
                    tx.counterparty_account = a.to_string();
                }
                if let Some(n) = parts.get(2).filter(|n| !n.trim().is_empty()) {
                    tx.counterparty_name = squeeze(n);
                }
            }
            "REMI" => {
                let v = value.strip_prefix("USTD//").or_else(|| value.strip_prefix("USTD/")).unwrap_or(value);
                let v = v.strip_prefix("STRD/CUR/").or_else(|| v.strip_prefix("STRD/ISO/")).unwrap_or(v);
                let v = v.strip_prefix("STRD/").unwrap_or(v);
                tx.remittance = squeeze(v.trim_end_matches('/'));
            }
            "EREF" if !value.eq_ignore_ascii_case("NOTPROVIDED") => tx.end_to_end = value.clone(),
            "RTRN" if !value.is_empty() => tx.return_reason = Some(value.split('/').next().unwrap_or("").to_string()),
            _ => {}
        }
    }
}

/// `52.89.39.882` or a 9/10-digit account at the start of legacy ABN AMRO text.
fn legacy_account(first: &str) -> Option<String> {
    let token = first.split_whitespace().next()?;
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let shape = token.chars().all(|c| c.is_ascii_digit() || c == '.');
    (shape && (9..=10).contains(&digits.len())).then_some(digits)
}

/// ABN AMRO before SEPA: the lines are two 32-character fields; the first names the party.
fn abn_legacy(f: &Field<'_>, tx: &mut Transaction) {
    let first = f.first.text;
    let head: String = first.chars().take(32).collect();
    let text = joined(f, false);
    tx.remittance = squeeze(&text);
    if let Some(rest) = head.strip_prefix("GIRO") {
        let rest = rest.trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        tx.counterparty_account = digits.clone();
        tx.counterparty_name = squeeze(&rest[digits.len()..]);
        let tail: String = first.chars().skip(32).collect();
        tx.remittance = squeeze(&format!("{} {}", tail, joined(f, true)));
    } else if head.starts_with("BEA") || head.starts_with("GEA") {
        // "BEA   NR:XXX1234   21.05.11/12.54 DIRCKIII FIL2500 KATWIJK,PAS999"
        let words: Vec<&str> = text.split_whitespace().collect();
        let is_stamp = |w: &str| w.len() >= 14 && w.as_bytes()[2] == b'.' && w.as_bytes()[8] == b'/';
        let name = match words.iter().position(|w| is_stamp(w)) {
            Some(i) => {
                let mut rest: Vec<&str> = vec![words[i].get(14..).unwrap_or("")];
                rest.extend(&words[i + 1..]);
                rest.join(" ")
            }
            None => String::new(),
        };
        tx.counterparty_name = squeeze(name.split(",PAS").next().unwrap_or(&name));
    } else if let Some(acct) = legacy_account(first) {
        // "52.89.39.882                    MYCOM DEN HAAG": the rest of the first line names the party.
        tx.counterparty_account = acct;
        let token = first.split_whitespace().next().unwrap_or("");
        let after = first.trim_start().get(token.len()..).unwrap_or("");
        tx.counterparty_name = squeeze(after);
        let rest = squeeze(&joined(f, true));
        if !rest.is_empty() {
            tx.remittance = rest;
        }
    }
}

/// Keyed free text: `NAAM: … IBAN: … OMSCHRIJVING: …` (ABN AMRO SEPA text, Knab, Triodos).
fn keyed(text: &str, tx: &mut Transaction) -> bool {
    const KEYED: &[&str] = &["IBAN:", "BIC:", "NAAM:", "NAME:", "OMSCHRIJVING:", "KENMERK:", "MACHTIGING:", "INCASSANT:", "REK:", "REKENING:", "TEGENREKENING:", "BETALINGSKENM.:"];
    let upper = text.to_ascii_uppercase();
    let mut marks: Vec<(usize, &str)> = KEYED
        .iter()
        .flat_map(|k| upper.match_indices(k).filter(|(i, _)| *i == 0 || !upper.as_bytes()[i - 1].is_ascii_alphanumeric()).map(|(i, _)| (i, *k)).collect::<Vec<_>>())
        .collect();
    if marks.is_empty() {
        return false;
    }
    crate::sort::ascending(&mut marks);
    let mut remittance = Vec::new();
    for (n, (start, key)) in marks.iter().enumerate() {
        let end = marks.get(n + 1).map_or(text.len(), |m| m.0);
        let value = squeeze(text.get(start + key.len()..end).unwrap_or("").trim_end_matches('/'));
        match *key {
            "IBAN:" | "REK:" | "REKENING:" | "TEGENREKENING:" => {
                if let Some(iban) = compact_iban(&value).or_else(|| value.split_whitespace().next().and_then(compact_iban)) {
                    tx.counterparty_iban = iban;
                }
                tx.counterparty_account = value;
            }
            "NAAM:" | "NAME:" => tx.counterparty_name = value,
            "OMSCHRIJVING:" | "BETALINGSKENM.:" => remittance.push(value),
            "KENMERK:" if tx.end_to_end.is_empty() && !value.eq_ignore_ascii_case("NOTPROVIDED") => {
                tx.end_to_end = value;
            }
            _ => {}
        }
    }
    let before = squeeze(text.get(..marks[0].0).unwrap_or(""));
    tx.remittance = if !remittance.is_empty() {
        remittance.join(" ")
    } else if !before.is_empty() {
        before
    } else {
        squeeze(text)
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_codes_table() {
        let rows: [(&str, Vec<(&str, &str)>); 3] = [
            ("/ORDP//NAME/R. SMITH/REMI/Test money/ISDT/2014-01-02", vec![("ORDP", ""), ("NAME", "R. SMITH"), ("REMI", "Test money"), ("ISDT", "2014-01-02")]),
            ("/EREF/E2E-1//CNTP/NL08INGB0000000555/INGBNL2A/J. Jansen/Amsterdam//REMI/USTD//Factuur 7/", vec![("EREF", "E2E-1"), ("CNTP", "NL08INGB0000000555/INGBNL2A/J. Jansen/Amsterdam"), ("REMI", "USTD//Factuur 7")]),
            ("no codes here", vec![]),
        ];
        for (input, want) in rows {
            let got = slash_codes(input);
            let got: Vec<(&str, &str)> = got.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(got, want, "row {input}");
        }
    }

    #[test]
    fn account_with_a_multibyte_character_is_kept_as_given() {
        let st = parse(":20:X\n:25:417164\u{f4}00\n:60F:C210101EUR1,00\n").unwrap();
        assert_eq!(st[0].account, "417164\u{f4}00");
    }

    #[test]
    fn amount_table() {
        let rows = [("000000004433,52", Some("4433.52")), ("9,", Some("9")), ("11,8", Some("11.8")), ("0,00", Some("0.00")), (",", None), ("1,2,3", None), ("", None)];
        for (input, want) in rows {
            assert_eq!(amount(input), want.map(|w| Decimal::from_str(w).unwrap()), "row {input}");
        }
    }
}
