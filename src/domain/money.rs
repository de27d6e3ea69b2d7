//! Money: a `Decimal` amount with its ISO 4217 currency.
//!
//! Amounts are never `f64`. Mixing currencies is an error value, never a silent conversion.
//! Rounding to cents (half away from zero) happens only where a result is shown or booked.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::error::DomainError;

/// A three-letter ISO 4217 currency code, upper case (`EUR`, `USD`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    /// Parses a currency code; accepts lower case and surrounding spaces.
    ///
    /// # Errors
    /// `DomainError::BadCurrency` unless the input is exactly three ASCII letters.
    pub fn parse(code: &str) -> Result<Currency, DomainError> {
        let code = code.trim();
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(DomainError::BadCurrency(code.to_string()));
        }
        let mut out = [0u8; 3];
        for (o, b) in out.iter_mut().zip(bytes) {
            *o = b.to_ascii_uppercase();
        }
        Ok(Currency(out))
    }

    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The symbol shown before an amount, or the code itself.
    pub fn symbol(&self) -> &str {
        match self.code() {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            other => other,
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency::EUR
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_string()
    }
}

/// An amount of money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    pub fn eur(amount: Decimal) -> Money {
        Money::new(amount, Currency::EUR)
    }

    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// # Errors
    /// `DomainError::CurrencyMismatch` when the currencies differ.
    pub fn checked_add(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(other)?;
        Ok(Money::new(self.amount + other.amount, self.currency))
    }

    /// # Errors
    /// `DomainError::CurrencyMismatch` when the currencies differ.
    pub fn checked_sub(self, other: Money) -> Result<Money, DomainError> {
        self.same_currency(other)?;
        Ok(Money::new(self.amount - other.amount, self.currency))
    }

    fn same_currency(self, other: Money) -> Result<(), DomainError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(DomainError::CurrencyMismatch {
                left: self.currency.code().to_string(),
                right: other.currency.code().to_string(),
            })
        }
    }

    /// Rounded to cents, half away from zero: for showing and booking only.
    pub fn rounded(self) -> Money {
        Money::new(round_cents(self.amount), self.currency)
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }
}

/// Rounds to two decimals, half away from zero (the rounding of Dutch and Belgian invoices).
///
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Parses a user-typed amount: `1234.56`, `1.234,56`, `1,234.56`, `1234,5`, `-12`.
///
/// A single separator followed by exactly three digits is ambiguous (`1.234`); it is read as a
/// thousands separator only when it is a dot in a Dutch-style number with a comma elsewhere.
/// Otherwise the last separator is the decimal one.
///
/// # Errors
/// `DomainError::BadAmount` with the input when it is not a number.
pub fn parse_amount(input: &str) -> Result<Decimal, DomainError> {
    let bad = || DomainError::BadAmount(input.trim().to_string());
    let s: String = input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€' && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return Err(bad());
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(bad());
    }
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    let decimal_sep = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(_), None) => {
            if body.matches('.').count() > 1 {
                None // 1.234.567: thousands only
            } else {
                Some('.')
            }
        }
        (None, Some(_)) => {
            if body.matches(',').count() > 1 {
                None
            } else {
                Some(',')
            }
        }
        (None, None) => None,
    };
    let mut normal = String::with_capacity(body.len() + 1);
    if neg {
        normal.push('-');
    }
    for c in body.chars() {
        match c {
            d if d.is_ascii_digit() => normal.push(d),
            sep if Some(sep) == decimal_sep => normal.push('.'),
            _ => {}
        }
    }
    if normal.ends_with('.') || normal.starts_with('.') || normal == "-" {
        return Err(bad());
    }
    normal.parse::<Decimal>().map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let rows = [
            ("0.005", "0.01"),
            ("0.004", "0.00"),
            ("-0.005", "-0.01"),
            ("2.675", "2.68"),
            ("1.125", "1.13"),
            ("-1.125", "-1.13"),
            ("10", "10"),
        ];
        for (input, expected) in rows {
            assert_eq!(round_cents(d(input)), d(expected), "row {input}");
        }
    }

    #[test]
    fn parse_amount_table() {
        let rows = [
            ("1234.56", Some("1234.56")),
            ("1.234,56", Some("1234.56")),
            ("1,234.56", Some("1234.56")),
            ("1234,5", Some("1234.5")),
            ("€ 12,00", Some("12.00")),
            ("-12", Some("-12")),
            ("1.234.567", Some("1234567")),
            ("1,234,567", Some("1234567")),
            ("  42 ", Some("42")),
            ("", None),
            ("abc", None),
            ("12,", None),
            ("-", None),
            ("1e5", None),
        ];
        for (input, expected) in rows {
            let got = parse_amount(input).ok();
            assert_eq!(got, expected.map(d), "row {input:?}");
        }
    }

    #[test]
    fn currency_parse_and_mismatch() {
        assert_eq!(Currency::parse(" usd ").unwrap().code(), "USD");
        assert!(Currency::parse("EURO").is_err());
        assert!(Currency::parse("E1R").is_err());
        let a = Money::eur(d("1"));
        let b = Money::new(d("1"), Currency::parse("USD").unwrap());
        assert!(matches!(a.checked_add(b), Err(DomainError::CurrencyMismatch { .. })));
        assert_eq!(a.checked_add(a).unwrap().amount, d("2"));
    }
}
