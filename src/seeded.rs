//! What the generated ledgers share (the demo ledger, the large test ledgers of `scale`, the
//! training scenarios): a small deterministic random source and identifiers with real check
//! digits, so that generated IBANs and VAT numbers pass the same checks as a user's.
//! Pure Rust, no `rand`: the same seed gives the same ledger on every machine.

/// splitmix64: small, fast, and good enough for made-up amounts and dates.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A whole number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap_or(1).max(1);
        lo + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// True `per_mille` times in a thousand.
    pub fn per_mille(&mut self, per_mille: u64) -> bool {
        self.next_u64() % 1000 < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let n = u64::try_from(items.len()).unwrap_or(1).max(1);
        &items[usize::try_from(self.next_u64() % n).unwrap_or(0)]
    }

    /// `n` decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + u8::try_from(self.next_u64() % 10).unwrap_or(0))).collect()
    }

    /// `n` capital letters.
    pub fn letters(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'A' + u8::try_from(self.next_u64() % 26).unwrap_or(0))).collect()
    }
}

/// An IBAN with its ISO 13616 check digits (mod 97), in groups of four.
pub fn iban(country: &str, bban: &str) -> String {
    let mut rem: u32 = 0;
    for ch in bban.chars().chain(country.chars()).chain("00".chars()) {
        let v = ch.to_digit(36).unwrap_or(0);
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    let compact = format!("{country}{:02}{bban}", 98 - rem);
    compact.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

/// A Dutch IBAN of `bank` whose ten-digit account number passes the old "elfproef".
pub fn nl_iban(rng: &mut Rng, bank: &str) -> String {
    loop {
        let first: Vec<u32> = rng.digits(9).chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = first.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
        let last = (11 - sum % 11) % 11;
        if last < 10 && first[0] != 0 {
            let account: String = first.iter().chain(std::iter::once(&last)).map(u32::to_string).collect();
            return iban("NL", &format!("{bank}{account}"));
        }
    }
}

/// A Belgian IBAN of `bank`: bank code, account, and the national mod-97 check.
pub fn be_iban(rng: &mut Rng, bank: &str) -> String {
    let account = rng.digits(7);
    let first10: u64 = format!("{bank}{account}").parse().unwrap_or(0);
    let check = match first10 % 97 {
        0 => 97,
        r => r,
    };
    iban("BE", &format!("{bank}{account}{check:02}"))
}

/// A Dutch VAT number of a company (`NL` + 9 digits passing the elfproef + `B01`).
pub fn nl_vat(rng: &mut Rng) -> String {
    loop {
        let first: Vec<u32> = rng.digits(8).chars().filter_map(|c| c.to_digit(10)).collect();
        let last = first.iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum::<u32>() % 11;
        if last < 10 && first[0] != 0 {
            let digits: String = first.iter().chain(std::iter::once(&last)).map(u32::to_string).collect();
            return format!("NL{digits}B01");
        }
    }
}

/// A Belgian VAT (enterprise) number: ten digits, the last two 97 minus the first eight mod 97.
pub fn be_vat(rng: &mut Rng) -> String {
    let base: u64 = format!("0{}", rng.digits(7)).parse().unwrap_or(0);
    format!("BE{:010}", base * 100 + (97 - base % 97))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_pass_their_checks_and_the_stream_is_fixed() {
        // Known-good numbers from the banks' own examples.
        assert_eq!(iban("NL", "ABNA0417164300"), "NL91 ABNA 0417 1643 00");
        assert_eq!(iban("BE", "539007547034"), "BE68 5390 0754 7034");
        let mut rng = Rng(42);
        for _ in 0..200 {
            for code in [nl_iban(&mut rng, "RABO"), be_iban(&mut rng, "063")] {
                let compact: String = code.split_whitespace().collect();
                assert!(compact.parse::<iban::Iban>().is_ok(), "{code}");
            }
            let vat = nl_vat(&mut rng);
            let d: Vec<u32> = vat[2..11].chars().filter_map(|c| c.to_digit(10)).collect();
            assert_eq!(d[..8].iter().zip((2..=9).rev()).map(|(x, w)| x * w).sum::<u32>() % 11, d[8], "{vat}");
            let be = be_vat(&mut rng);
            let n: u64 = be[2..].parse().unwrap();
            assert_eq!(97 - (n / 100) % 97, n % 100, "{be}");
        }
        // The same seed, the same numbers (what every generated ledger relies on).
        let (mut a, mut b) = (Rng(7), Rng(7));
        assert_eq!((0..10).map(|_| a.next_u64()).collect::<Vec<_>>(), (0..10).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_eq!(Rng(0).next_u64(), 0xe220_a839_7b1d_cdaf);
    }
}
