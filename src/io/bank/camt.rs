//! ISO 20022 camt.052 / camt.053 / camt.054, any version. See the rules in [`super`].

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::xml::{self, Node, XmlErrorKind};
use super::{compact_iban, squeeze, Balance, BankError, BankErrorKind, Expected, Format, Statement, Transaction};
use crate::domain::Currency;

struct Ctx<'a> {
    bytes: &'a [u8],
}

impl Ctx<'_> {
    fn err(&self, pos: usize, kind: BankErrorKind) -> BankError {
        let (line, column) = xml::line_col(self.bytes, pos);
        BankError { line, column, kind }
    }
    fn line(&self, pos: usize) -> usize {
        xml::line_col(self.bytes, pos).0
    }
    fn missing(&self, node: &Node, what: Expected) -> BankError {
        self.err(node.pos, BankErrorKind::Missing { what, within: node.name.clone() })
    }
    fn expected(&self, node: &Node, what: Expected) -> BankError {
        self.err(node.pos, BankErrorKind::Expected { what, after: Some(node.name.clone()), found: node.text.clone() })
    }
}

pub(super) fn parse(bytes: &[u8]) -> Result<Vec<Statement>, BankError> {
    let cx = Ctx { bytes };
    let root = xml::parse(bytes).map_err(|e| {
        let kind = match e.kind {
            XmlErrorKind::Syntax(detail) => BankErrorKind::NotXml { detail },
            XmlErrorKind::Truncated { open } => BankErrorKind::Truncated { open },
            XmlErrorKind::NoRoot => BankErrorKind::Empty,
            XmlErrorKind::TooDeep => BankErrorKind::NotXml { detail: "nested too deeply".into() },
        };
        cx.err(e.pos, kind)
    })?;
    // The message is the root or a child of <Document>.
    let message = if root.name == "Document" { root.children.first() } else { Some(&root) };
    let (format, stmt_name) = match message.map(|m| m.name.as_str()) {
        Some("BkToCstmrStmt") => (Format::Camt053, "Stmt"),
        Some("BkToCstmrDbtCdtNtfctn") => (Format::Camt054, "Ntfctn"),
        Some("BkToCstmrAcctRpt") => (Format::Camt052, "Rpt"),
        other => {
            let found = other.unwrap_or(root.name.as_str()).to_string();
            return Err(cx.err(message.unwrap_or(&root).pos, BankErrorKind::NotAStatement { found }));
        }
    };
    let message = message.unwrap_or(&root);
    message.all(stmt_name).map(|s| statement(&cx, format, s)).collect()
}

fn statement(cx: &Ctx<'_>, format: Format, s: &Node) -> Result<Statement, BankError> {
    let acct = s.child("Acct");
    let account = acct
        .map(|a| {
            let iban = a.text_at(&["Id", "IBAN"]);
            if iban.is_empty() {
                a.text_at(&["Id", "Othr", "Id"]).to_string()
            } else {
                compact_iban(iban).unwrap_or_else(|| iban.to_string())
            }
        })
        .unwrap_or_default();
    let mut opening = None;
    let mut closing = None;
    for bal in s.all("Bal") {
        let code = bal.text_at(&["Tp", "CdOrPrtry", "Cd"]);
        let code = if code.is_empty() { bal.text_at(&["Tp", "CdOrPrtry", "Prtry"]) } else { code };
        let slot = match code {
            "OPBD" | "PRCD" => &mut opening,
            "CLBD" => &mut closing,
            _ => continue,
        };
        if slot.is_some() && code == "PRCD" {
            continue;
        }
        let (amount, currency) = amount_of(cx, bal)?;
        let sign = sign_of(cx, bal)?;
        let date_node = bal.child("Dt").ok_or_else(|| cx.missing(bal, Expected::Date))?;
        let date = date_of(cx, date_node)?;
        *slot = Some(Balance { date, amount: sign * amount, currency, line: cx.line(bal.pos) });
    }
    let mut currency = acct.map(|a| a.text_at(&["Ccy"])).and_then(|c| Currency::parse(c).ok());
    let mut transactions = Vec::new();
    for ntry in s.all("Ntry") {
        let status = ntry.text_at(&["Sts"]);
        let status = if status.is_empty() { ntry.text_at(&["Sts", "Cd"]) } else { status };
        if matches!(status, "PDNG" | "INFO") {
            continue;
        }
        entry(cx, ntry, &mut transactions)?;
    }
    if currency.is_none() {
        currency = opening
            .as_ref()
            .or(closing.as_ref())
            .map(|b| b.currency)
            .or_else(|| transactions.first().map(|t: &Transaction| t.currency));
    }
    Ok(Statement {
        format,
        id: s.text_at(&["Id"]).to_string(),
        account,
        currency: currency.unwrap_or_default(),
        opening,
        closing,
        transactions,
        line: cx.line(s.pos),
    })
}

fn amount_of(cx: &Ctx<'_>, parent: &Node) -> Result<(Decimal, Currency), BankError> {
    let amt = parent.child("Amt").ok_or_else(|| cx.missing(parent, Expected::Field("Amt".into())))?;
    amount_node(cx, amt)
}

fn amount_node(cx: &Ctx<'_>, amt: &Node) -> Result<(Decimal, Currency), BankError> {
    let amount = Decimal::from_str(&amt.text)
        .ok()
        .filter(|a| *a >= Decimal::ZERO)
        .ok_or_else(|| cx.expected(amt, Expected::Amount))?;
    let ccy = amt.attr("Ccy").unwrap_or("EUR");
    let currency = Currency::parse(ccy).map_err(|_| {
        cx.err(amt.pos, BankErrorKind::Expected { what: Expected::Currency, after: Some("Ccy".into()), found: ccy.into() })
    })?;
    Ok((amount, currency))
}

fn sign_of(cx: &Ctx<'_>, parent: &Node) -> Result<Decimal, BankError> {
    let n = parent.child("CdtDbtInd").ok_or_else(|| cx.missing(parent, Expected::CreditDebit))?;
    match n.text.as_str() {
        "CRDT" => Ok(Decimal::ONE),
        "DBIT" => Ok(Decimal::NEGATIVE_ONE),
        _ => Err(cx.expected(n, Expected::CreditDebit)),
    }
}

/// `<X><Dt>2014-01-05</Dt></X>` or `<X><DtTm>2014-01-05T10:00:00</DtTm></X>`, or the date itself.
fn date_of(cx: &Ctx<'_>, n: &Node) -> Result<NaiveDate, BankError> {
    let inner = n.child("Dt").or_else(|| n.child("DtTm")).unwrap_or(n);
    let t = inner.text.get(..10).unwrap_or(&inner.text);
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| cx.expected(inner, Expected::Date))
}

fn bank_code(n: &Node) -> String {
    let Some(b) = n.child("BkTxCd") else { return String::new() };
    let domain = b.text_at(&["Domn", "Cd"]);
    if !domain.is_empty() {
        return [domain, b.text_at(&["Domn", "Fmly", "Cd"]), b.text_at(&["Domn", "Fmly", "SubFmlyCd"])]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/");
    }
    b.text_at(&["Prtry", "Cd"]).to_string()
}

fn entry(cx: &Ctx<'_>, ntry: &Node, out: &mut Vec<Transaction>) -> Result<(), BankError> {
    let (amount, currency) = amount_of(cx, ntry)?;
    let sign = sign_of(cx, ntry)?;
    let reversal = ntry.text_at(&["RvslInd"]).eq_ignore_ascii_case("true") || ntry.text_at(&["RvslInd"]) == "1";
    let booking = ntry.child("BookgDt").map(|n| date_of(cx, n)).transpose()?;
    let value = ntry.child("ValDt").map(|n| date_of(cx, n)).transpose()?;
    let (booking_date, value_date) = match (booking, value) {
        (Some(b), Some(v)) => (b, v),
        (Some(b), None) => (b, b),
        (None, Some(v)) => (v, v),
        (None, None) => return Err(cx.missing(ntry, Expected::Field("BookgDt".into()))),
    };
    let entry_ref = [ntry.text_at(&["AcctSvcrRef"]), ntry.text_at(&["NtryRef"])]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    let entry_info = squeeze(ntry.text_at(&["AddtlNtryInf"]));
    let mut details: Vec<&Node> = Vec::new();
    for nd in ntry.all("NtryDtls") {
        details.extend(nd.all("TxDtls"));
    }
    let base = Transaction {
        line: cx.line(ntry.pos),
        booking_date,
        value_date,
        amount: sign * amount,
        currency,
        reversal,
        return_reason: None,
        counterparty_name: String::new(),
        counterparty_iban: String::new(),
        counterparty_account: String::new(),
        remittance: entry_info.clone(),
        end_to_end: String::new(),
        bank_reference: entry_ref,
        bank_code: bank_code(ntry),
    };
    // Per-detail amounts, when every detail has one and they add up to the entry.
    let mut split: Vec<(Decimal, Currency)> = Vec::new();
    for d in &details {
        let amt = d.at(&["AmtDtls", "TxAmt", "Amt"]).or_else(|| d.child("Amt"));
        if let Some(a) = amt {
            split.push(amount_node(cx, a)?);
        }
    }
    let splits = details.len() > 1
        && split.len() == details.len()
        && split.iter().all(|(_, c)| *c == currency)
        && split.iter().map(|(a, _)| *a).sum::<Decimal>() == amount;
    if details.is_empty() {
        out.push(base);
        return Ok(());
    }
    if splits {
        for (d, (a, _)) in details.iter().zip(split) {
            let mut t = base.clone();
            t.line = cx.line(d.pos);
            t.amount = sign * a;
            fill_details(&mut t, d, sign, &entry_info);
            out.push(t);
        }
    } else {
        let mut t = base;
        t.remittance = String::new();
        for d in &details {
            let mut part = t.clone();
            fill_details(&mut part, d, sign, &entry_info);
            merge(&mut t, part);
        }
        if t.remittance.is_empty() {
            t.remittance = entry_info;
        }
        out.push(t);
    }
    Ok(())
}

/// Combines the details of several `TxDtls` into one transaction (an entry that is not split).
fn merge(into: &mut Transaction, part: Transaction) {
    let join = |a: &mut String, b: String| {
        if a.is_empty() {
            *a = b;
        } else if !b.is_empty() && !a.contains(&b) {
            a.push(' ');
            a.push_str(&b);
        }
    };
    join(&mut into.remittance, part.remittance);
    join(&mut into.end_to_end, part.end_to_end);
    if into.counterparty_name.is_empty() {
        into.counterparty_name = part.counterparty_name;
        into.counterparty_iban = part.counterparty_iban;
        into.counterparty_account = part.counterparty_account;
    }
    if into.return_reason.is_none() {
        into.return_reason = part.return_reason;
    }
    into.bank_code = part.bank_code;
}

fn party_name(p: &Node) -> String {
    let n = p.text_at(&["Nm"]);
    squeeze(if n.is_empty() { p.text_at(&["Pty", "Nm"]) } else { n })
}

fn account_of(a: &Node) -> String {
    let iban = a.text_at(&["Id", "IBAN"]);
    if iban.is_empty() {
        a.text_at(&["Id", "Othr", "Id"]).to_string()
    } else {
        iban.to_string()
    }
}

fn fill_details(t: &mut Transaction, d: &Node, entry_sign: Decimal, entry_info: &str) {
    let sign = match d.text_at(&["CdtDbtInd"]) {
        "CRDT" => Decimal::ONE,
        "DBIT" => Decimal::NEGATIVE_ONE,
        _ => entry_sign,
    };
    let e2e = d.text_at(&["Refs", "EndToEndId"]);
    t.end_to_end = if e2e.eq_ignore_ascii_case("NOTPROVIDED") { String::new() } else { e2e.to_string() };
    let r = d.text_at(&["Refs", "AcctSvcrRef"]);
    if !r.is_empty() {
        t.bank_reference = r.to_string();
    }
    let code = bank_code(d);
    if !code.is_empty() {
        t.bank_code = code;
    }
    // The counterparty: the debtor of money received, the creditor of money paid.
    let (first, second) = if sign > Decimal::ZERO { (("Dbtr", "DbtrAcct"), ("Cdtr", "CdtrAcct")) } else { (("Cdtr", "CdtrAcct"), ("Dbtr", "DbtrAcct")) };
    if let Some(parties) = d.child("RltdPties") {
        let pick = |(p, a): (&str, &str)| {
            let name = parties.child(p).map(party_name).unwrap_or_default();
            let acct = parties.child(a).map(account_of).unwrap_or_default();
            (name, acct)
        };
        let (mut name, mut acct) = pick(first);
        if name.is_empty() && acct.is_empty() {
            (name, acct) = pick(second);
        }
        t.counterparty_name = name;
        t.counterparty_iban = compact_iban(&acct).unwrap_or_default();
        t.counterparty_account = acct;
    }
    let mut remittance: Vec<String> = Vec::new();
    if let Some(rmt) = d.child("RmtInf") {
        remittance.extend(rmt.all("Ustrd").map(|u| squeeze(&u.text)).filter(|s| !s.is_empty()));
        for strd in rmt.all("Strd") {
            let r = strd.text_at(&["CdtrRefInf", "Ref"]);
            if !r.is_empty() {
                remittance.push(squeeze(r));
            }
            let add = strd.all("AddtlRmtInf").map(|n| squeeze(&n.text)).filter(|s| !s.is_empty());
            remittance.extend(add.collect::<Vec<_>>());
        }
    }
    t.remittance = if remittance.is_empty() {
        let tx_info = squeeze(d.text_at(&["AddtlTxInf"]));
        if tx_info.is_empty() { entry_info.to_string() } else { tx_info }
    } else {
        remittance.join(" ")
    };
    if let Some(rtr) = d.child("RtrInf") {
        let code = rtr.text_at(&["Rsn", "Cd"]);
        let code = if code.is_empty() { rtr.text_at(&["Rsn", "Prtry"]) } else { code };
        t.return_reason = Some(code.to_string());
    }
}
