//! Reading amounts and dates out of cells, and deciding per column which convention a file uses.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::Currency;

/// The decimal separator of an amount column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DecimalSep {
    /// `1,234.56`
    Dot,
    /// `1.234,56`
    Comma,
}

/// The order of day and month in numeric dates like `03/04/2021`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateOrder {
    /// `dd-mm-yyyy`, `dd/mm/yyyy`, `dd.mm.yyyy` (Dutch, German, British)
    DayMonth,
    /// `m/d/yyyy` (American)
    MonthDay,
}

/// An amount cell taken apart: sign, the digits with their separators, and a currency mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountText {
    pub negative: bool,
    /// Digits, `.` and `,` only.
    pub body: String,
    /// The currency named by a symbol (`€`, `$`, `£`) or a code (`EUR 12,00`).
    pub currency: Option<Currency>,
}

/// Takes an amount apart: `€ 1.020,00`, `$13.50`, `(400.00)`, `-400`, `400-` (SAP),
/// `1 234,56`, `1'234.56`, `12,00 EUR`. `None` when it is not an amount.
pub fn amount_text(s: &str) -> Option<AmountText> {
    let mut t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    let mut negative = false;
    let mut currency = None;
    if t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        negative = true;
        t = t[1..t.len() - 1].to_string();
    }
    // Signs and currency marks on either side, in any order: "-$400", "$-400", "400- EUR".
    loop {
        let before = t.len();
        for (mark, code) in [("€", "EUR"), ("$", "USD"), ("£", "GBP")] {
            if let Some(r) = t.strip_prefix(mark).or_else(|| t.strip_suffix(mark)) {
                t = r.to_string();
                currency = Currency::parse(code).ok();
            }
        }
        let lead: String = t.chars().take_while(char::is_ascii_alphabetic).collect();
        if lead.len() == 3 {
            currency = Currency::parse(&lead).ok();
            t = t[3..].to_string();
        }
        let trail = t.len() - t.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
        if trail == 3 {
            currency = Currency::parse(&t[t.len() - 3..]).ok();
            t.truncate(t.len() - 3);
        }
        if let Some(r) = t.strip_prefix('-').or_else(|| t.strip_suffix('-')) {
            negative = !negative;
            t = r.to_string();
        } else if let Some(r) = t.strip_prefix('+') {
            t = r.to_string();
        }
        if t.len() == before {
            break;
        }
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !t.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(AmountText { negative, body: t, currency })
}

/// Reads the digits of an amount with the given decimal separator; the other separator may only
/// group thousands (`1.234.567,89`, groups of exactly three digits). `None` when it does not fit
/// or has more than 15 digits before the decimal separator.
pub fn read_with(a: &AmountText, sep: DecimalSep) -> Option<Decimal> {
    let (dec, group) = match sep {
        DecimalSep::Dot => ('.', ','),
        DecimalSep::Comma => (',', '.'),
    };
    let mut parts = a.body.split(dec);
    let int = parts.next()?;
    let frac = parts.next();
    if parts.next().is_some() || int.is_empty() {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    // At most 15 digits before the separator: no invoice is that large, and sums stay far from
    // the limits of `Decimal`.
    if int.chars().filter(char::is_ascii_digit).count() > 15 {
        return None;
    }
    let groups: Vec<&str> = int.split(group).collect();
    let first_ok = !groups[0].is_empty() && groups[0].chars().all(|c| c.is_ascii_digit());
    let len_ok = groups.len() == 1 || groups[0].len() <= 3;
    if !first_ok || !len_ok || groups[1..].iter().any(|g| g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let mut n = String::with_capacity(a.body.len() + 1);
    if a.negative {
        n.push('-');
    }
    n.push_str(&groups.concat());
    if let Some(f) = frac {
        n.push('.');
        n.push_str(f);
    }
    Decimal::from_str(&n).ok()
}

/// What the values of an amount column say about its decimal separator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SepDecision {
    /// Decided by a value that fits only one separator.
    Known(DecimalSep),
    /// Every value reads the same either way (`12`, `400`, or no values).
    Indifferent,
    /// Every value fits both separators and at least one reads differently (`1.234`): the user
    /// must say which. `example` is the first such value.
    Ambiguous { example: String, as_dot: Decimal, as_comma: Decimal },
}

/// Decides the decimal separator of a column from all its values: the separator every value
/// fits; if both fit all values and one value reads differently, it is ambiguous; if neither
/// fits all, the one that fits more (the others become cell errors; a tie goes to the dot).
pub fn decide_sep<'a>(values: impl Iterator<Item = &'a str>) -> SepDecision {
    let (mut dot_fail, mut comma_fail) = (0usize, 0usize);
    let mut example = None;
    for v in values {
        let Some(a) = amount_text(v) else { continue };
        let (d, c) = (read_with(&a, DecimalSep::Dot), read_with(&a, DecimalSep::Comma));
        dot_fail += usize::from(d.is_none());
        comma_fail += usize::from(c.is_none());
        if let (Some(d), Some(c), None) = (d, c, &example) {
            if d != c {
                example = Some((v.to_string(), d, c));
            }
        }
    }
    match (dot_fail, comma_fail, example) {
        (0, 0, Some((example, as_dot, as_comma))) => SepDecision::Ambiguous { example, as_dot, as_comma },
        (0, 0, None) => SepDecision::Indifferent,
        (d, c, _) if c < d => SepDecision::Known(DecimalSep::Comma),
        _ => SepDecision::Known(DecimalSep::Dot),
    }
}

/// Why a date cell cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFault {
    /// Not written like a date at all.
    NotADate,
    /// Written like a date, but no such day exists (`31-02-2021`, month 13).
    NoSuchDate,
}

/// A date cell taken apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateShape {
    /// Year first or a month name: one reading only.
    Fixed(Result<NaiveDate, DateFault>),
    /// `a/b/yyyy`: day-month or month-day. `dotted` dates (`1.2.2021`) are always day-month.
    Numeric { a: u32, b: u32, year: i32, dotted: bool },
}

const MONTHS: [&[&str]; 12] = [
    &["january", "januari", "januar", "janvier", "janner"],
    &["february", "februari", "februar", "fevrier", "feb"],
    &["march", "maart", "marz", "mars", "mrt", "mar"],
    &["april", "avril"],
    &["may", "mei", "mai"],
    &["june", "juni", "juin"],
    &["july", "juli", "juillet"],
    &["august", "augustus", "aout"],
    &["september", "septembre", "sept"],
    &["october", "oktober", "octobre", "okt"],
    &["november", "novembre"],
    &["december", "dezember", "decembre", "dez"],
];

/// The month of a name or abbreviation in English, Dutch, German or French (`jan`, `mrt`,
/// `mei`, `okt`, `März`, `Dez.`); case and accents ignored.
fn month_of(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    if w.len() < 3 {
        return None;
    }
    (1u32..).zip(MONTHS).find(|(_, names)| names.iter().any(|n| *n == w || n.starts_with(&w))).map(|(m, _)| m)
}

/// Lower case without accents (`ä` -> `a`).
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ß' => 's',
            other => other,
        })
        .collect()
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateFault> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateFault::NoSuchDate)
}

fn shape(s: &str) -> Result<DateShape, DateFault> {
    let mut s = s.trim();
    // A time after the date ("2023-04-30 00:00:00", "2021-01-28T10:00") is dropped.
    if let Some(colon) = s.find(':') {
        s = s[..colon].trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches([' ', 'T']);
    }
    let dotted = s.contains('.') && !s.chars().any(char::is_alphabetic);
    let tokens: Vec<&str> = s.split(|c: char| "-/., ".contains(c)).filter(|t| !t.is_empty()).collect();
    if tokens.len() != 3 {
        return Err(DateFault::NotADate);
    }
    let num = |t: &str| -> Option<(u32, usize)> {
        (t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())).then(|| (t.parse().unwrap_or(0), t.len()))
    };
    let year = |t: &str| -> Option<i32> {
        match num(t)? {
            (y, 4) => i32::try_from(y).ok(),
            (y, 2) => i32::try_from(2000 + y).ok(),
            _ => None,
        }
    };
    let (t0, t1, t2) = (tokens[0], tokens[1], tokens[2]);
    match (num(t0), num(t1), num(t2)) {
        (Some((y, 4)), Some((m, _)), Some((d, _))) => Ok(DateShape::Fixed(ymd(i32::try_from(y).unwrap_or(0), m, d))),
        (Some((a, 1..=2)), Some((b, 1..=2)), Some(_)) => {
            let year = year(t2).ok_or(DateFault::NotADate)?;
            Ok(DateShape::Numeric { a, b, year, dotted })
        }
        (Some((d, 1..=2)), None, Some(_)) => {
            let m = month_of(t1).ok_or(DateFault::NotADate)?;
            Ok(DateShape::Fixed(ymd(year(t2).ok_or(DateFault::NotADate)?, m, d)))
        }
        (None, Some((d, 1..=2)), Some(_)) => {
            let m = month_of(t0).ok_or(DateFault::NotADate)?;
            Ok(DateShape::Fixed(ymd(year(t2).ok_or(DateFault::NotADate)?, m, d)))
        }
        (Some((y, 4)), None, Some((d, 1..=2))) => {
            let m = month_of(t1).ok_or(DateFault::NotADate)?;
            Ok(DateShape::Fixed(ymd(i32::try_from(y).unwrap_or(0), m, d)))
        }
        _ => Err(DateFault::NotADate),
    }
}

fn numeric_date(a: u32, b: u32, year: i32, dotted: bool, order: DateOrder) -> Result<NaiveDate, DateFault> {
    match order {
        DateOrder::DayMonth => ymd(year, b, a),
        DateOrder::MonthDay if dotted => Err(DateFault::NoSuchDate),
        DateOrder::MonthDay => ymd(year, a, b),
    }
}

/// Reads a date: `dd-mm-yyyy`, `dd/mm/yyyy`, `d-m-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, `m/d/yyyy`
/// (with `order`), `Jan 28 2021`, `28 Jan 2021`, `28 januari 2021`, `28-mrt-2021`; two-digit
/// years are 20xx; a time after the date is ignored.
///
/// # Errors
/// [`DateFault`]: not a date, or a day that does not exist.
pub fn parse_date(s: &str, order: DateOrder) -> Result<NaiveDate, DateFault> {
    match shape(s)? {
        DateShape::Fixed(r) => r,
        DateShape::Numeric { a, b, year, dotted } => numeric_date(a, b, year, dotted, order),
    }
}

/// What the values of a date column say about the order of day and month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderDecision {
    /// Decided by a value that fits only one order.
    Known(DateOrder),
    /// Every numeric value is a valid date both ways and at least one reads differently.
    Ambiguous { example: String, as_day_month: NaiveDate, as_month_day: NaiveDate },
    /// No numeric dates, or each reads the same both ways (`05/05/2021`): nothing to decide.
    Irrelevant,
}

/// Decides day-month or month-day for a column from all its values: the order every value
/// fits (a day above 12 decides); ambiguous when both fit all and some value reads
/// differently; when neither fits all, the one that fits more (ties: day-month).
pub fn decide_order<'a>(values: impl Iterator<Item = &'a str>) -> OrderDecision {
    let (mut dm_fail, mut md_fail, mut numeric) = (0usize, 0usize, 0usize);
    let mut example = None;
    for v in values {
        let Ok(DateShape::Numeric { a, b, year, dotted }) = shape(v) else { continue };
        numeric += 1;
        let dm = numeric_date(a, b, year, dotted, DateOrder::DayMonth);
        let md = numeric_date(a, b, year, dotted, DateOrder::MonthDay);
        dm_fail += usize::from(dm.is_err());
        md_fail += usize::from(md.is_err());
        if let (Ok(x), Ok(y), None) = (dm, md, &example) {
            if x != y {
                example = Some((v.to_string(), x, y));
            }
        }
    }
    match (numeric, dm_fail, md_fail, example) {
        (0, ..) | (_, 0, 0, None) => OrderDecision::Irrelevant,
        (_, 0, 0, Some((example, as_day_month, as_month_day))) => {
            OrderDecision::Ambiguous { example, as_day_month, as_month_day }
        }
        (_, d, m, _) if m < d => OrderDecision::Known(DateOrder::MonthDay),
        _ => OrderDecision::Known(DateOrder::DayMonth),
    }
}

/// True when every non-empty value is a whole number written with a `.0` decimal
/// (`1200401780.0`): identifiers that went through a spreadsheet as floating-point numbers.
pub fn float_ids<'a>(mut values: impl Iterator<Item = &'a str>) -> bool {
    let mut any = false;
    let all = values.all(|v| {
        if v.is_empty() {
            return true;
        }
        any = true;
        match v.split_once('.') {
            Some((i, f)) => !i.is_empty() && i.chars().all(|c| c.is_ascii_digit()) && !f.is_empty() && f.chars().all(|c| c == '0'),
            None => false,
        }
    });
    any && all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn amount_table() {
        // input, with dot, with comma, currency
        type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let rows: [Row<'_>; 22] = [
            ("1.234,56", None, Some("1234.56"), None),
            ("1,234.56", Some("1234.56"), None, None),
            ("1234.56", Some("1234.56"), None, None),
            ("1234,56", None, Some("1234.56"), None),
            ("$13.50", Some("13.50"), None, Some("USD")),
            ("$13.50 ", Some("13.50"), None, Some("USD")),
            ("€ 1.020,00", None, Some("1020.00"), Some("EUR")),
            ("(400.00)", Some("-400.00"), None, None),
            ("($400.00)", Some("-400.00"), None, Some("USD")),
            ("-400", Some("-400"), Some("-400"), None),
            ("400-", Some("-400"), Some("-400"), None),
            ("-$5.00", Some("-5.00"), None, Some("USD")),
            ("1200401780.0", Some("1200401780.0"), None, None),
            ("1.234", Some("1.234"), Some("1234"), None),
            ("1,234", Some("1234"), Some("1.234"), None),
            ("1.234.567,8", None, Some("1234567.8"), None),
            ("1 234,56", None, Some("1234.56"), None),
            ("12,00 EUR", None, Some("12.00"), Some("EUR")),
            ("1'234.50", Some("1234.50"), None, None),
            ("12,", None, None, None),
            ("1234,567,89", None, None, None),
            ("£0.5", Some("0.5"), None, Some("GBP")),
        ];
        for (input, dot, comma, cur) in rows {
            let a = amount_text(input).unwrap_or_else(|| panic!("row {input}"));
            assert_eq!(read_with(&a, DecimalSep::Dot), dot.map(d), "dot {input}");
            assert_eq!(read_with(&a, DecimalSep::Comma), comma.map(d), "comma {input}");
            assert_eq!(a.currency.map(|c| c.code().to_string()), cur.map(String::from), "currency {input}");
        }
        for not in ["", "abc", "1e5", "--", "$", "12.3.4x", "1/2/2020", "1234567890123456"] {
            assert!(amount_text(not).and_then(|a| read_with(&a, DecimalSep::Dot)).is_none(), "not an amount: {not}");
        }
    }

    #[test]
    fn column_separator_table() {
        let rows: [(&[&str], Option<DecimalSep>); 7] = [
            (&["1.234", "12,50"], Some(DecimalSep::Comma)),
            (&["1.234", "12.50"], Some(DecimalSep::Dot)),
            (&["1,234", "1,234.00"], Some(DecimalSep::Dot)),
            (&["1.234", "2.000"], None),
            (&["1,500", "17"], None),
            (&["4965.8", "36.54"], Some(DecimalSep::Dot)),
            (&["1.234.567", "1.234"], Some(DecimalSep::Comma)),
        ];
        for (values, expected) in rows {
            let got = match decide_sep(values.iter().copied()) {
                SepDecision::Known(s) => Some(s),
                SepDecision::Ambiguous { .. } | SepDecision::Indifferent => None,
            };
            assert_eq!(got, expected, "row {values:?}");
        }
        assert_eq!(decide_sep(["12", "400", ""].into_iter()), SepDecision::Indifferent);
        assert_eq!(
            decide_sep(["1.234"].into_iter()),
            SepDecision::Ambiguous { example: "1.234".into(), as_dot: d("1.234"), as_comma: d("1234") }
        );
    }

    #[test]
    fn date_table() {
        use DateOrder::*;
        let rows: [(&str, DateOrder, Result<NaiveDate, DateFault>); 22] = [
            ("28-01-2021", DayMonth, Ok(day(2021, 1, 28))),
            ("28/01/2021", DayMonth, Ok(day(2021, 1, 28))),
            ("3-2-2021", DayMonth, Ok(day(2021, 2, 3))),
            ("3-2-2021", MonthDay, Ok(day(2021, 3, 2))),
            ("2021-01-28", MonthDay, Ok(day(2021, 1, 28))),
            ("1/28/2021", MonthDay, Ok(day(2021, 1, 28))),
            ("10/20/2019", MonthDay, Ok(day(2019, 10, 20))),
            ("Jan 28 2021", DayMonth, Ok(day(2021, 1, 28))),
            ("January 28, 2021", DayMonth, Ok(day(2021, 1, 28))),
            ("28 Jan 2021", MonthDay, Ok(day(2021, 1, 28))),
            ("28 jan 2021", DayMonth, Ok(day(2021, 1, 28))),
            ("28 januari 2021", DayMonth, Ok(day(2021, 1, 28))),
            ("1 mrt 2021", DayMonth, Ok(day(2021, 3, 1))),
            ("1 mei 2021", DayMonth, Ok(day(2021, 5, 1))),
            ("3. März 2021", DayMonth, Ok(day(2021, 3, 3))),
            ("28.01.2021", DayMonth, Ok(day(2021, 1, 28))),
            ("01.02.2021", MonthDay, Err(DateFault::NoSuchDate)),
            ("2023-04-30 00:00:00", DayMonth, Ok(day(2023, 4, 30))),
            ("28-01-21", DayMonth, Ok(day(2021, 1, 28))),
            ("31-02-2021", DayMonth, Err(DateFault::NoSuchDate)),
            ("2021-13-01", DayMonth, Err(DateFault::NoSuchDate)),
            ("morgen", DayMonth, Err(DateFault::NotADate)),
        ];
        for (input, order, expected) in rows {
            assert_eq!(parse_date(input, order), expected, "row {input} {order:?}");
        }
        for not in ["", "12", "1200401780.0", "Jxx 28 2021", "1/2/345"] {
            assert_eq!(parse_date(not, DayMonth), Err(DateFault::NotADate), "row {not}");
        }
    }

    #[test]
    fn column_order_table() {
        use DateOrder::*;
        let rows: [(&[&str], Option<OrderDecision>); 7] = [
            (&["13/01/2021", "02/03/2021"], Some(OrderDecision::Known(DayMonth))),
            (&["1/13/2021", "2/3/2021"], Some(OrderDecision::Known(MonthDay))),
            (&["2021-01-13"], Some(OrderDecision::Irrelevant)),
            (&["01/01/2021", "05/05/2021"], Some(OrderDecision::Irrelevant)),
            (&["02/03/2021", "04/05/2021"], None),
            (&["02.03.2021", "04.05.2021"], Some(OrderDecision::Known(DayMonth))),
            (&["10/20/2019", "2/29/2020", "11/5/2019"], Some(OrderDecision::Known(MonthDay))),
        ];
        for (values, expected) in rows {
            let got = decide_order(values.iter().copied());
            match expected {
                Some(e) => assert_eq!(got, e, "row {values:?}"),
                None => assert!(matches!(got, OrderDecision::Ambiguous { .. }), "row {values:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn float_ids_table() {
        let rows: [(&[&str], bool); 5] = [
            (&["1200401780.0", "1600013615.0", ""], true),
            (&["12.00"], true),
            (&["12.50"], false),
            (&["INV-1"], false),
            (&["", ""], false),
        ];
        for (values, expected) in rows {
            assert_eq!(float_ids(values.iter().copied()), expected, "row {values:?}");
        }
    }
}
