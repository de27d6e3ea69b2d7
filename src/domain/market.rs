//! The user's market data for the market penetration analysis (DOMAIN.md section 9): how many
//! companies there are per segment of the market, and a list of prospects.
//!
//! # Regions
//!
//! A [`Region`] is derived from a country and a postcode:
//!
//! - **Netherlands**: the first two digits of the postcode (`1012 AB` → `NL-10`, the
//!   "postcode area"). A postcode that does not start with four digits (the first not 0) gives
//!   the country alone (`NL`).
//! - **Belgium**: the province, from the bpost postcode ranges: 1000–1299 Brussels; 1300–1499
//!   Walloon Brabant; 1500–1999 and 3000–3499 Flemish Brabant; 2000–2999 Antwerp; 3500–3999
//!   Limburg; 4000–4999 Liège; 5000–5999 Namur; 6000–6599 and 7000–7999 Hainaut; 6600–6999
//!   Luxembourg; 8000–8999 West Flanders; 9000–9999 East Flanders. Codes are ISO 3166-2
//!   (`BE-VAN`, `BE-BRU`, ...). An unreadable postcode gives `BE`.
//! - **Other countries**: the country code alone (`DE`).
//!
//! Written as text ([`Region::code`], [`Region::parse`]): `NL-10`, `NL`, `BE-VAN`, `BE`, `DE`;
//! `parse` also reads `NL10`, a bare two-digit area (`10`, taken as Dutch), and Belgian province
//! names in Dutch, French and English (`Antwerpen`, `Liège`, `Luik`, ...).
//!
//! # Market counts
//!
//! A [`MarketCount`] row gives the number of companies in one segment of the market. An empty
//! sector, no size class or no region means "all" on that dimension, so a row can describe
//! "construction, all sizes, NL-10" or "all sectors, small, Belgium-wide" (`BE` is a region of
//! its own: the whole country). No two rows may describe the same segment.
//!
//! # From spreadsheet rows
//!
//! [`MarketData::from_rows`] reads records (already split into fields by a CSV reader) by their
//! header names, in Dutch or English, and returns what it could read together with every problem,
//! each with its row (the header is row 1, the first record row 2, as in a spreadsheet) and its
//! column (1-based, with the header text).

use serde::{Deserialize, Serialize};

use super::customer::{Country, SizeClass};

/// A Belgian province (or the Brussels-Capital Region), by postcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BeProvince {
    Brussels,
    Antwerp,
    EastFlanders,
    FlemishBrabant,
    Limburg,
    WestFlanders,
    Hainaut,
    Liege,
    Luxembourg,
    Namur,
    WalloonBrabant,
}

impl BeProvince {
    pub const ALL: [BeProvince; 11] = [
        BeProvince::Brussels,
        BeProvince::Antwerp,
        BeProvince::EastFlanders,
        BeProvince::FlemishBrabant,
        BeProvince::Limburg,
        BeProvince::WestFlanders,
        BeProvince::Hainaut,
        BeProvince::Liege,
        BeProvince::Luxembourg,
        BeProvince::Namur,
        BeProvince::WalloonBrabant,
    ];

    /// The ISO 3166-2 code.
    pub fn code(self) -> &'static str {
        match self {
            BeProvince::Brussels => "BE-BRU",
            BeProvince::Antwerp => "BE-VAN",
            BeProvince::EastFlanders => "BE-VOV",
            BeProvince::FlemishBrabant => "BE-VBR",
            BeProvince::Limburg => "BE-VLI",
            BeProvince::WestFlanders => "BE-VWV",
            BeProvince::Hainaut => "BE-WHT",
            BeProvince::Liege => "BE-WLG",
            BeProvince::Luxembourg => "BE-WLX",
            BeProvince::Namur => "BE-WNA",
            BeProvince::WalloonBrabant => "BE-WBR",
        }
    }

    /// The province of a Belgian postcode (1000–9999), by the ranges in the module docs.
    pub fn of_postcode(postcode: u16) -> Option<BeProvince> {
        Some(match postcode {
            1000..=1299 => BeProvince::Brussels,
            1300..=1499 => BeProvince::WalloonBrabant,
            1500..=1999 | 3000..=3499 => BeProvince::FlemishBrabant,
            2000..=2999 => BeProvince::Antwerp,
            3500..=3999 => BeProvince::Limburg,
            4000..=4999 => BeProvince::Liege,
            5000..=5999 => BeProvince::Namur,
            6000..=6599 | 7000..=7999 => BeProvince::Hainaut,
            6600..=6999 => BeProvince::Luxembourg,
            8000..=8999 => BeProvince::WestFlanders,
            9000..=9999 => BeProvince::EastFlanders,
            _ => return None,
        })
    }

    /// Names the province is written as (lower case, without accents): Dutch, French, English.
    fn names(self) -> &'static [&'static str] {
        match self {
            BeProvince::Brussels => &["brussel", "bruxelles", "brussels"],
            BeProvince::Antwerp => &["antwerpen", "anvers", "antwerp"],
            BeProvince::EastFlanders => &["oost-vlaanderen", "flandre orientale", "east flanders"],
            BeProvince::FlemishBrabant => &["vlaams-brabant", "brabant flamand", "flemish brabant"],
            BeProvince::Limburg => &["limburg", "limbourg"],
            BeProvince::WestFlanders => &["west-vlaanderen", "flandre occidentale", "west flanders"],
            BeProvince::Hainaut => &["henegouwen", "hainaut"],
            BeProvince::Liege => &["luik", "liege", "liège"],
            BeProvince::Luxembourg => &["luxemburg", "luxembourg"],
            BeProvince::Namur => &["namen", "namur"],
            BeProvince::WalloonBrabant => &["waals-brabant", "brabant wallon", "walloon brabant"],
        }
    }
}

/// A region of the market: see the module documentation for the rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    /// A Dutch postcode area: the first two digits of the postcode (10–99).
    NlArea(u8),
    /// The Netherlands, postcode unknown.
    Nl,
    BeProvince(BeProvince),
    /// Belgium, postcode unknown.
    Be,
    /// Another country, by its ISO code.
    Other(String),
}

impl Region {
    /// The region of an address.
    ///
    /// ```
    /// use stipt::domain::{BeProvince, Country, Region};
    /// assert_eq!(Region::of(&Country::Nl, "1012 AB"), Region::NlArea(10));
    /// assert_eq!(Region::of(&Country::Be, "2000"), Region::BeProvince(BeProvince::Antwerp));
    /// assert_eq!(Region::of(&Country::Nl, ""), Region::Nl);
    /// ```
    pub fn of(country: &Country, postcode: &str) -> Region {
        let digits: String = postcode.chars().filter(|c| !c.is_whitespace()).take_while(char::is_ascii_digit).collect();
        let four = (digits.len() >= 4).then(|| digits[..4].parse::<u16>().ok()).flatten();
        match country {
            Country::Nl => match four {
                Some(n) if n >= 1000 => Region::NlArea(u8::try_from(n / 100).unwrap_or(0)),
                _ => Region::Nl,
            },
            Country::Be => four.and_then(BeProvince::of_postcode).map_or(Region::Be, Region::BeProvince),
            Country::Other(code) => Region::Other(code.trim().to_ascii_uppercase()),
        }
    }

    /// The code the region is written as: `NL-10`, `NL`, `BE-VAN`, `BE`, `DE`.
    pub fn code(&self) -> String {
        match self {
            Region::NlArea(n) => format!("NL-{n:02}"),
            Region::Nl => "NL".into(),
            Region::BeProvince(p) => p.code().into(),
            Region::Be => "BE".into(),
            Region::Other(c) => c.clone(),
        }
    }

    /// The country the region lies in.
    pub fn country(&self) -> Country {
        match self {
            Region::NlArea(_) | Region::Nl => Country::Nl,
            Region::BeProvince(_) | Region::Be => Country::Be,
            Region::Other(c) => Country::from_code(c),
        }
    }

    /// Reads a region as written by the user (see the module documentation); `None` when it is
    /// not one.
    ///
    /// ```
    /// use stipt::domain::{BeProvince, Region};
    /// assert_eq!(Region::parse("nl-10"), Some(Region::NlArea(10)));
    /// assert_eq!(Region::parse("35"), Some(Region::NlArea(35)));
    /// assert_eq!(Region::parse("Luik"), Some(Region::BeProvince(BeProvince::Liege)));
    /// assert_eq!(Region::parse("DE"), Some(Region::Other("DE".into())));
    /// assert_eq!(Region::parse("NL-5"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Region> {
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        let lower = t.to_lowercase();
        let area = |s: &str| -> Option<Region> {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
                .filter(|n| *n >= 10)
                .map(Region::NlArea)
        };
        if let Some(r) = area(&upper) {
            return Some(r);
        }
        if let Some(rest) = upper.strip_prefix("NL") {
            let rest = rest.trim_start_matches(['-', ' ']);
            return if rest.is_empty() { Some(Region::Nl) } else { area(rest) };
        }
        if let Some(p) = BeProvince::ALL.iter().find(|p| p.code() == upper || p.names().contains(&lower.as_str())) {
            return Some(Region::BeProvince(*p));
        }
        if upper == "BE" {
            return Some(Region::Be);
        }
        (upper.len() == 2 && upper.bytes().all(|b| b.is_ascii_alphabetic())).then_some(Region::Other(upper))
    }
}

/// Reads a size class as written by the user: `<20`, `klein`, `small`; `20-200`, `middel`,
/// `medium`; `>200`, `groot`, `large` (case and spaces ignored). `Ok(None)` for an empty text.
///
/// # Errors
/// `()` when the text is none of these.
#[allow(clippy::result_unit_err)]
pub fn parse_size_class(text: &str) -> Result<Option<SizeClass>, ()> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase().replace('–', "-");
    Ok(Some(match t.as_str() {
        "" => return Ok(None),
        "<20" | "klein" | "small" | "s" | "0-19" | "1-19" => SizeClass::Small,
        "20-200" | "middel" | "middelgroot" | "medium" | "m" => SizeClass::Medium,
        ">200" | "groot" | "large" | "l" => SizeClass::Large,
        _ => return Err(()),
    }))
}

/// The number of companies in one segment of the market. Empty sector / `None` size class /
/// `None` region: all of that dimension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketCount {
    pub sector: String,
    pub size_class: Option<SizeClass>,
    pub region: Option<Region>,
    pub companies: u32,
    /// Where the number comes from (KvK, Graydon, Statbel, ...).
    pub source: String,
}

impl MarketCount {
    /// The segment this row describes, with the sector compared case-insensitively.
    pub fn segment(&self) -> (String, Option<SizeClass>, Option<Region>) {
        (sector_key(&self.sector), self.size_class, self.region.clone())
    }
}

/// A company that is not (yet) a customer, from a prospect list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prospect {
    pub name: String,
    pub sector: String,
    pub size_class: Option<SizeClass>,
    pub region: Option<Region>,
    /// External credit score, 0–100.
    pub score: Option<u8>,
    pub city: String,
    pub note: String,
}

impl Prospect {
    pub fn new(name: impl Into<String>) -> Prospect {
        Prospect {
            name: name.into(),
            sector: String::new(),
            size_class: None,
            region: None,
            score: None,
            city: String::new(),
            note: String::new(),
        }
    }
}

/// The user's market data: counts per segment and a prospect list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketData {
    pub counts: Vec<MarketCount>,
    pub prospects: Vec<Prospect>,
}

/// Which list a set of rows holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarketListKind {
    Counts,
    Prospects,
}

/// A column of the market lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarketField {
    Sector,
    SizeClass,
    Region,
    Companies,
    Source,
    Name,
    Score,
    City,
    Note,
    Postcode,
    Country,
}

impl MarketField {
    /// The header names this field is recognised by, normalised (lower case, letters and digits
    /// only): Dutch and English.
    fn headers(self) -> &'static [&'static str] {
        match self {
            MarketField::Sector => &["sector", "branche", "branch", "industry", "sbi", "sbicode"],
            MarketField::SizeClass => &["grootteklasse", "grootte", "omvang", "size", "sizeclass", "klasse"],
            MarketField::Region => &["regio", "region", "gebied", "provincie", "province"],
            MarketField::Companies => {
                &["aantalbedrijven", "aantal", "bedrijven", "companies", "numberofcompanies", "count", "number"]
            }
            MarketField::Source => &["bron", "source"],
            MarketField::Name => &["naam", "name", "bedrijfsnaam", "bedrijf", "company", "companyname"],
            MarketField::Score => &["score", "kredietscore", "creditscore"],
            MarketField::City => &["plaats", "stad", "woonplaats", "vestigingsplaats", "city", "town"],
            MarketField::Note => &["notitie", "opmerking", "toelichting", "note", "notes", "remark"],
            MarketField::Postcode => &["postcode", "zip", "zipcode", "postalcode"],
            MarketField::Country => &["land", "country", "landcode", "countrycode"],
        }
    }

    fn of_kind(kind: MarketListKind) -> &'static [MarketField] {
        match kind {
            MarketListKind::Counts => &[
                MarketField::Sector,
                MarketField::SizeClass,
                MarketField::Region,
                MarketField::Companies,
                MarketField::Source,
            ],
            MarketListKind::Prospects => &[
                MarketField::Name,
                MarketField::Sector,
                MarketField::SizeClass,
                MarketField::Region,
                MarketField::Score,
                MarketField::City,
                MarketField::Note,
                MarketField::Postcode,
                MarketField::Country,
            ],
        }
    }
}

/// What is wrong with one value or row of the market data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarketProblemKind {
    /// A column the list needs is not in the header.
    MissingColumn(MarketField),
    /// A counts list needs at least one of sector, size class and region.
    NoSegmentColumn,
    /// Companies is not a whole number above zero.
    BadCompanies(String),
    /// The score is not a whole number from 0 to 100.
    BadScore(String),
    BadSizeClass(String),
    BadRegion(String),
    /// A required value is empty.
    Empty(MarketField),
    /// A counts row describes the same segment as an earlier row (its row number, when known).
    DuplicateSegment {
        first_row: Option<usize>,
    },
}

/// A problem with its place: `row` counts the header as row 1 (data rows from 2); for
/// [`MarketData::validate`] it is the position in the list, from 1. `column` is 1-based with the
/// header text, when the problem is in one column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketProblem {
    pub list: MarketListKind,
    pub row: usize,
    pub column: Option<(usize, String)>,
    pub kind: MarketProblemKind,
}

/// What [`MarketData::from_rows`] read: the rows without problems, and every problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarketImport {
    pub data: MarketData,
    pub problems: Vec<MarketProblem>,
}

/// The sector as compared: trimmed, lower case.
pub fn sector_key(sector: &str) -> String {
    sector.trim().to_lowercase()
}

fn normalize_header(h: &str) -> String {
    h.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase()
}

fn parse_companies(text: &str) -> Option<u32> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}' | '_')).collect();
    // Thousands separators are dropped; a decimal part ("12,5") is not a count.
    if text.trim().contains([',', '.']) && text.trim().rsplit([',', '.']).next().is_some_and(|tail| tail.len() != 3) {
        return None;
    }
    t.parse::<u32>().ok().filter(|n| *n > 0)
}

fn parse_score(text: &str) -> Result<Option<u8>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u8>().ok().filter(|s| *s <= 100).map(Some).ok_or(())
}

impl MarketData {
    /// Checks the rules: companies above zero, scores at most 100, no two counts rows for the same
    /// segment. Returns every problem (empty: valid); `row` is the position in its list, from 1.
    pub fn validate(&self) -> Vec<MarketProblem> {
        let mut out = Vec::new();
        let mut seen: std::collections::HashMap<(String, Option<SizeClass>, Option<Region>), usize> =
            std::collections::HashMap::new();
        for (i, c) in self.counts.iter().enumerate() {
            let row = i + 1;
            let problem = |kind| MarketProblem { list: MarketListKind::Counts, row, column: None, kind };
            if c.companies == 0 {
                out.push(problem(MarketProblemKind::BadCompanies("0".into())));
            }
            if let Some(first) = seen.get(&c.segment()) {
                out.push(problem(MarketProblemKind::DuplicateSegment { first_row: Some(*first) }));
            } else {
                seen.insert(c.segment(), row);
            }
        }
        for (i, p) in self.prospects.iter().enumerate() {
            let problem = |kind| MarketProblem { list: MarketListKind::Prospects, row: i + 1, column: None, kind };
            if p.name.trim().is_empty() {
                out.push(problem(MarketProblemKind::Empty(MarketField::Name)));
            }
            if let Some(s) = p.score.filter(|s| *s > 100) {
                out.push(problem(MarketProblemKind::BadScore(s.to_string())));
            }
        }
        out
    }

    /// Reads the rows of one list by their header names (Dutch or English, see
    /// [`MarketField`]). Counts need a companies column and at least one of sector, size class
    /// and region; prospects need a name column. A prospect without a region but with a postcode
    /// (and optionally a country, default NL) gets the region of that postcode. Rows with a
    /// problem are left out of `data`; empty rows are skipped.
    pub fn from_rows(kind: MarketListKind, rows: Vec<Vec<String>>, header: &[String]) -> MarketImport {
        let mut out = MarketImport::default();
        let columns: Vec<(MarketField, usize)> = MarketField::of_kind(kind)
            .iter()
            .filter_map(|f| {
                header.iter().position(|h| f.headers().contains(&normalize_header(h).as_str())).map(|i| (*f, i))
            })
            .collect();
        let col = |f: MarketField| columns.iter().find(|(g, _)| *g == f).map(|(_, i)| *i);
        let missing = |field: MarketField| MarketProblem {
            list: kind,
            row: 1,
            column: None,
            kind: MarketProblemKind::MissingColumn(field),
        };
        match kind {
            MarketListKind::Counts => {
                if col(MarketField::Companies).is_none() {
                    out.problems.push(missing(MarketField::Companies));
                }
                if [MarketField::Sector, MarketField::SizeClass, MarketField::Region].iter().all(|f| col(*f).is_none())
                {
                    out.problems.push(MarketProblem {
                        list: kind,
                        row: 1,
                        column: None,
                        kind: MarketProblemKind::NoSegmentColumn,
                    });
                }
            }
            MarketListKind::Prospects => {
                if col(MarketField::Name).is_none() {
                    out.problems.push(missing(MarketField::Name));
                }
            }
        }
        if !out.problems.is_empty() {
            return out;
        }
        let mut seen: std::collections::HashMap<(String, Option<SizeClass>, Option<Region>), usize> =
            std::collections::HashMap::new();
        for (i, record) in rows.iter().enumerate() {
            let row = i + 2;
            if record.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let value = |f: MarketField| col(f).and_then(|c| record.get(c)).map_or("", |v| v.trim());
            let problems = std::cell::RefCell::new(Vec::<MarketProblem>::new());
            let problem = |f: MarketField, k: MarketProblemKind| {
                let column = col(f).map(|c| (c + 1, header.get(c).cloned().unwrap_or_default()));
                problems.borrow_mut().push(MarketProblem { list: kind, row, column, kind: k });
            };
            let size = parse_size_class(value(MarketField::SizeClass))
                .map_err(|()| {
                    problem(
                        MarketField::SizeClass,
                        MarketProblemKind::BadSizeClass(value(MarketField::SizeClass).into()),
                    )
                })
                .ok()
                .flatten();
            let region_text = value(MarketField::Region);
            let mut region = None;
            if !region_text.is_empty() {
                region = Region::parse(region_text);
                if region.is_none() {
                    problem(MarketField::Region, MarketProblemKind::BadRegion(region_text.into()));
                }
            }
            match kind {
                MarketListKind::Counts => {
                    let companies = parse_companies(value(MarketField::Companies));
                    if companies.is_none() {
                        problem(
                            MarketField::Companies,
                            MarketProblemKind::BadCompanies(value(MarketField::Companies).into()),
                        );
                    }
                    let count = MarketCount {
                        sector: value(MarketField::Sector).to_string(),
                        size_class: size,
                        region,
                        companies: companies.unwrap_or(0),
                        source: value(MarketField::Source).to_string(),
                    };
                    if problems.borrow().is_empty() {
                        if let Some(first) = seen.get(&count.segment()) {
                            problem(
                                MarketField::Sector,
                                MarketProblemKind::DuplicateSegment { first_row: Some(*first) },
                            );
                        } else {
                            seen.insert(count.segment(), row);
                        }
                    }
                    if problems.borrow().is_empty() {
                        out.data.counts.push(count);
                    }
                }
                MarketListKind::Prospects => {
                    let name = value(MarketField::Name);
                    if name.is_empty() {
                        problem(MarketField::Name, MarketProblemKind::Empty(MarketField::Name));
                    }
                    let score = parse_score(value(MarketField::Score))
                        .map_err(|()| {
                            problem(MarketField::Score, MarketProblemKind::BadScore(value(MarketField::Score).into()))
                        })
                        .ok()
                        .flatten();
                    let postcode = value(MarketField::Postcode);
                    if region.is_none() && region_text.is_empty() && !postcode.is_empty() {
                        region = Some(Region::of(&Country::from_code(value(MarketField::Country)), postcode));
                    }
                    if problems.borrow().is_empty() {
                        out.data.prospects.push(Prospect {
                            name: name.to_string(),
                            sector: value(MarketField::Sector).to_string(),
                            size_class: size,
                            region,
                            score,
                            city: value(MarketField::City).to_string(),
                            note: value(MarketField::Note).to_string(),
                        });
                    }
                }
            }
            out.problems.extend(problems.into_inner());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn regions_of_postcodes() {
        let rows = [
            (Country::Nl, "1012 AB", Region::NlArea(10)),
            (Country::Nl, "9999ZZ", Region::NlArea(99)),
            (Country::Nl, "0123", Region::Nl),
            (Country::Nl, "12", Region::Nl),
            (Country::Nl, "", Region::Nl),
            (Country::Be, "1000", Region::BeProvince(BeProvince::Brussels)),
            (Country::Be, "1299", Region::BeProvince(BeProvince::Brussels)),
            (Country::Be, "1300", Region::BeProvince(BeProvince::WalloonBrabant)),
            (Country::Be, "1500", Region::BeProvince(BeProvince::FlemishBrabant)),
            (Country::Be, "3000", Region::BeProvince(BeProvince::FlemishBrabant)),
            (Country::Be, "3500", Region::BeProvince(BeProvince::Limburg)),
            (Country::Be, "6600", Region::BeProvince(BeProvince::Luxembourg)),
            (Country::Be, "7000", Region::BeProvince(BeProvince::Hainaut)),
            (Country::Be, "9000", Region::BeProvince(BeProvince::EastFlanders)),
            (Country::Be, "0999", Region::Be),
            (Country::Be, "abc", Region::Be),
            (Country::Other("de".into()), "10115", Region::Other("DE".into())),
        ];
        for (country, postcode, region) in rows {
            assert_eq!(Region::of(&country, postcode), region, "row {country:?} {postcode}");
        }
    }

    #[test]
    fn region_codes_read_back() {
        let mut all = vec![Region::NlArea(10), Region::NlArea(99), Region::Nl, Region::Be, Region::Other("DE".into())];
        all.extend(BeProvince::ALL.iter().map(|p| Region::BeProvince(*p)));
        for r in all {
            assert_eq!(Region::parse(&r.code()), Some(r.clone()), "row {}", r.code());
        }
        assert_eq!(Region::parse("Antwerpen"), Some(Region::BeProvince(BeProvince::Antwerp)));
        assert_eq!(Region::parse("nl 35"), Some(Region::NlArea(35)));
        assert_eq!(Region::parse("09"), None);
        assert_eq!(Region::parse("Atlantis"), None);
    }

    #[test]
    fn size_class_table() {
        let rows = [
            ("<20", Ok(Some(SizeClass::Small))),
            ("Klein", Ok(Some(SizeClass::Small))),
            ("20 – 200", Ok(Some(SizeClass::Medium))),
            ("> 200", Ok(Some(SizeClass::Large))),
            ("", Ok(None)),
            ("huge", Err(())),
        ];
        for (text, expected) in rows {
            assert_eq!(parse_size_class(text), expected, "row {text}");
        }
    }

    #[test]
    fn counts_from_dutch_rows_with_problems() {
        let header = strings(&["Branche", "Grootteklasse", "Regio", "Aantal bedrijven", "Bron"]);
        let rows = vec![
            strings(&["Bouw", "<20", "NL-10", "1.250", "KvK 2025"]),
            strings(&["Bouw", "middel", "NL-10", "0", "KvK"]),
            strings(&["bouw ", "klein", "nl-10", "40", ""]),
            strings(&["Zorg", "huge", "Mars", "12,5", ""]),
            strings(&["", "", "", "", ""]),
            strings(&["Zorg", "", "BE", "300"]),
        ];
        let got = MarketData::from_rows(MarketListKind::Counts, rows, &header);
        assert_eq!(got.data.counts.len(), 2);
        assert_eq!(got.data.counts[0].companies, 1250);
        assert_eq!(got.data.counts[1].region, Some(Region::Be));
        let places: Vec<(usize, Option<usize>, MarketProblemKind)> =
            got.problems.iter().map(|p| (p.row, p.column.as_ref().map(|c| c.0), p.kind.clone())).collect();
        assert_eq!(
            places,
            vec![
                (3, Some(4), MarketProblemKind::BadCompanies("0".into())),
                (4, Some(1), MarketProblemKind::DuplicateSegment { first_row: Some(2) }),
                (5, Some(2), MarketProblemKind::BadSizeClass("huge".into())),
                (5, Some(3), MarketProblemKind::BadRegion("Mars".into())),
                (5, Some(4), MarketProblemKind::BadCompanies("12,5".into())),
            ]
        );
        assert_eq!(got.problems[0].column.as_ref().map(|c| c.1.as_str()), Some("Aantal bedrijven"));
    }

    #[test]
    fn prospects_from_english_rows() {
        let header = strings(&["Name", "Industry", "Size", "Postcode", "Country", "Credit score", "City"]);
        let rows = vec![
            strings(&["Acme BV", "Bouw", "small", "1012AB", "NL", "72", "Amsterdam"]),
            strings(&["Brol NV", "Zorg", "", "2000", "BE", "101", "Antwerpen"]),
            strings(&["", "Zorg", "", "", "", "", ""]),
        ];
        let got = MarketData::from_rows(MarketListKind::Prospects, rows, &header);
        assert_eq!(got.data.prospects.len(), 1);
        let p = &got.data.prospects[0];
        assert_eq!(
            (p.region.clone(), p.score, p.size_class),
            (Some(Region::NlArea(10)), Some(72), Some(SizeClass::Small))
        );
        let kinds: Vec<(usize, MarketProblemKind)> = got.problems.iter().map(|p| (p.row, p.kind.clone())).collect();
        assert_eq!(
            kinds,
            vec![(3, MarketProblemKind::BadScore("101".into())), (4, MarketProblemKind::Empty(MarketField::Name))]
        );
    }

    #[test]
    fn missing_columns_are_reported_on_the_header_row() {
        let got = MarketData::from_rows(MarketListKind::Counts, vec![], &strings(&["Bron"]));
        let kinds: Vec<MarketProblemKind> = got.problems.iter().map(|p| p.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![MarketProblemKind::MissingColumn(MarketField::Companies), MarketProblemKind::NoSegmentColumn]
        );
        assert!(got.problems.iter().all(|p| p.row == 1));
    }

    #[test]
    fn validate_rules() {
        let count = |sector: &str, companies| MarketCount {
            sector: sector.into(),
            size_class: None,
            region: Some(Region::NlArea(10)),
            companies,
            source: String::new(),
        };
        let mut bad_prospect = Prospect::new("X");
        bad_prospect.score = Some(150);
        let data = MarketData {
            counts: vec![count("Bouw", 10), count("BOUW", 5), count("Zorg", 0)],
            prospects: vec![bad_prospect],
        };
        let kinds: Vec<(MarketListKind, usize, MarketProblemKind)> =
            data.validate().into_iter().map(|p| (p.list, p.row, p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (MarketListKind::Counts, 2, MarketProblemKind::DuplicateSegment { first_row: Some(1) }),
                (MarketListKind::Counts, 3, MarketProblemKind::BadCompanies("0".into())),
                (MarketListKind::Prospects, 1, MarketProblemKind::BadScore("150".into())),
            ]
        );
        assert!(MarketData::default().validate().is_empty());
    }
}
