//! Texts of the analysis (issue 7): the names and definitions of the receivables figures, why a
//! figure is missing, the segment dimensions and their values, the ranking parts, the reasons a
//! prospect fits, and the problems in the user's market data (with row and column).

use rust_decimal::{Decimal, RoundingStrategy};

use super::Lang;
use crate::domain::{BeProvince, MarketField, MarketListKind, MarketProblem, MarketProblemKind, Region};
use crate::engine::analysis::kpi::{Figure, Kpi, KpiUnit, MonthDays, NotEnoughData};
use crate::engine::analysis::market::{Factor, FitReason, MarketGap};
use crate::engine::analysis::segments::{Abc, Dimension, MarginClass, ScoreBand, SegmentPart, SegmentValue};

impl Lang {
    /// The short name of a figure.
    pub fn kpi_name(self, k: Kpi) -> &'static str {
        match k {
            Kpi::DsoSimple => self.tr("DSO", "DSO"),
            Kpi::DsoCountBack => self.tr("DSO (terugtelmethode)", "DSO (count-back)"),
            Kpi::BestPossibleDso => self.tr("Best mogelijke DSO", "Best possible DSO"),
            Kpi::AverageDaysDelinquent => self.tr("Gemiddeld dagen te laat", "Average days delinquent"),
            Kpi::Cei => self.tr("Incasso-effectiviteit (CEI)", "Collection effectiveness (CEI)"),
            Kpi::OverdueShare => self.tr("Aandeel vervallen", "Overdue share"),
        }
    }

    /// A figure's name as a table column: short, with [`Lang::kpi_name`] as its title.
    pub fn kpi_short_name(self, k: Kpi) -> &'static str {
        match k {
            Kpi::DsoSimple => self.tr("DSO", "DSO"),
            Kpi::DsoCountBack => self.tr("DSO terugtel.", "DSO count-back"),
            Kpi::BestPossibleDso => self.tr("Best mogelijk", "Best possible"),
            Kpi::AverageDaysDelinquent => self.tr("Dagen te laat", "Days late"),
            Kpi::Cei => self.tr("CEI", "CEI"),
            Kpi::OverdueShare => self.tr("Vervallen", "Overdue"),
        }
    }

    /// What a figure means and how it is computed, shown next to it.
    pub fn kpi_definition(self, k: Kpi) -> &'static str {
        match k {
            Kpi::DsoSimple => self.tr(
                "Days Sales Outstanding: openstaande debiteuren aan het eind van de periode gedeeld door de omzet op rekening van de periode, maal het aantal dagen van de periode. Hoeveel dagen omzet er gemiddeld nog openstaat.",
                "Days Sales Outstanding: receivables at the end of the period divided by the credit sales of the period, times the days in the period. How many days of sales are still unpaid.",
            ),
            Kpi::DsoCountBack => self.tr(
                "Het openstaande bedrag wordt maand voor maand teruggeteld tegen de omzet, de laatste maand eerst: elke volledig gedekte maand telt haar dagen, de maand waarin het bedrag op is telt naar rato. Minder gevoelig voor schommelingen in de omzet.",
                "The receivables are counted back against the sales month by month, latest month first: each month fully covered adds its days, the month in which they run out adds its share. Less sensitive to swings in sales.",
            ),
            Kpi::BestPossibleDso => self.tr(
                "DSO als iedereen op tijd zou betalen: alleen het nog niet vervallen deel van de debiteuren gedeeld door de omzet van de periode, maal de dagen van de periode.",
                "DSO if everyone paid on time: only the receivables not yet due divided by the sales of the period, times the days in the period.",
            ),
            Kpi::AverageDaysDelinquent => self.tr(
                "DSO min de best mogelijke DSO: hoeveel dagen klanten gemiddeld na de vervaldatum betalen.",
                "DSO minus the best possible DSO: how many days after the due date customers pay on average.",
            ),
            Kpi::Cei => self.tr(
                "Collection Effectiveness Index: (debiteuren begin + omzet − debiteuren eind) / (debiteuren begin + omzet − niet vervallen debiteuren eind) × 100. Welk deel van wat te innen was, is geïnd; 100% is alles.",
                "Collection Effectiveness Index: (opening receivables + sales − closing receivables) / (opening receivables + sales − closing receivables not yet due) × 100. The share of what could be collected that was collected; 100% is all of it.",
            ),
            Kpi::OverdueShare => self.tr(
                "Het deel van de openstaande debiteuren aan het eind van de periode dat over de vervaldatum is.",
                "The part of the receivables at the end of the period that is past its due date.",
            ),
        }
    }

    /// The month convention of the count-back.
    pub fn month_days(self, m: MonthDays) -> &'static str {
        match m {
            MonthDays::Thirty => self.tr("elke maand 30 dagen", "every month 30 days"),
            MonthDays::Calendar => self.tr("elke maand haar eigen aantal dagen", "each month its own number of days"),
        }
    }

    /// Why a figure is missing.
    pub fn not_enough_data(self, n: NotEnoughData) -> String {
        match n {
            NotEnoughData::NoSales => self
                .tr("Te weinig gegevens: geen omzet in de periode", "Not enough data: no sales in the period")
                .into(),
            NotEnoughData::NoReceivables => self
                .tr(
                    "Te weinig gegevens: niets open aan het eind van de periode",
                    "Not enough data: nothing open at the end of the period",
                )
                .into(),
            NotEnoughData::NothingToCollect => self
                .tr(
                    "Te weinig gegevens: er was in de periode niets te innen",
                    "Not enough data: there was nothing to collect in the period",
                )
                .into(),
            NotEnoughData::SalesDoNotCoverReceivables { months } => match self {
                Lang::Nl => {
                    format!("Meer dan {months} maanden: de omzet van {months} maanden dekt het openstaande bedrag niet")
                }
                Lang::En => {
                    format!("More than {months} months: the sales of {months} months do not cover the receivables")
                }
            },
        }
    }

    /// A decimal with one decimal (half away from zero) and the language's decimal sign.
    pub fn one_decimal(self, d: Decimal) -> String {
        let s = format!("{:.1}", d.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero));
        match self {
            Lang::Nl => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A figure with its unit ("73,7 dagen", "44,0%"), or why it is missing.
    pub fn kpi_figure(self, k: Kpi, f: Figure) -> String {
        match f {
            Ok(v) => match k.unit() {
                KpiUnit::Days => format!("{} {}", self.one_decimal(v), self.tr("dagen", "days")),
                KpiUnit::Percent => format!("{}%", self.one_decimal(v)),
            },
            Err(n) => self.not_enough_data(n),
        }
    }

    pub fn dimension(self, d: Dimension) -> &'static str {
        match d {
            Dimension::Revenue => self.tr("Omzet", "Revenue"),
            Dimension::Margin => self.tr("Marge", "Margin"),
            Dimension::Morality => self.tr("Betaalmoraal", "Payment morality"),
            Dimension::Creditworthiness => self.tr("Kredietwaardigheid", "Creditworthiness"),
            Dimension::Sector => self.tr("Branche", "Sector"),
            Dimension::SizeClass => self.tr("Grootteklasse", "Size class"),
            Dimension::Region => self.tr("Regio", "Region"),
        }
    }

    /// How a dimension is divided, shown as help next to the choice.
    pub fn dimension_rule(self, d: Dimension) -> &'static str {
        match d {
            Dimension::Revenue => self.tr(
                "ABC van de klanten zelf: A samen de eerste 80% van de omzet, B de volgende 15%, C de rest.",
                "The customers' own ABC: A together the first 80% of revenue, B the next 15%, C the rest.",
            ),
            Dimension::Margin => self.tr("Laag onder 10%, hoog vanaf 25%, anders middel.", "Low below 10%, high from 25%, middle in between."),
            Dimension::Morality => self.tr("Betaalcijfer A–D op de einddatum.", "Payment grade A–D on the end date."),
            Dimension::Creditworthiness => {
                self.tr("Laatste kredietscore: zwak onder 40, goed vanaf 70, anders middel.", "Latest credit score: weak below 40, good from 70, medium in between.")
            }
            Dimension::Sector => self.tr("Zoals bij de klant ingevuld (hoofdletters tellen niet).", "As entered for the customer (case ignored)."),
            Dimension::SizeClass => self.tr("Aantal medewerkers.", "Number of employees."),
            Dimension::Region => self.tr(
                "Nederland: de eerste twee cijfers van de postcode; België: de provincie volgens de postcode; andere landen: het land.",
                "Netherlands: the first two digits of the postcode; Belgium: the province by postcode; other countries: the country.",
            ),
        }
    }

    pub fn abc(self, a: Abc) -> &'static str {
        match a {
            Abc::A => "A",
            Abc::B => "B",
            Abc::C => "C",
        }
    }

    pub fn margin_class(self, m: Option<MarginClass>) -> &'static str {
        match m {
            Some(MarginClass::High) => self.tr("Hoge marge", "High margin"),
            Some(MarginClass::Middle) => self.tr("Middelmatige marge", "Middle margin"),
            Some(MarginClass::Low) => self.tr("Lage marge", "Low margin"),
            None => self.tr("Marge onbekend", "Margin unknown"),
        }
    }

    pub fn score_band(self, s: Option<ScoreBand>) -> &'static str {
        match s {
            Some(ScoreBand::Good) => self.tr("Goede score", "Good score"),
            Some(ScoreBand::Medium) => self.tr("Middelmatige score", "Medium score"),
            Some(ScoreBand::Weak) => self.tr("Zwakke score", "Weak score"),
            None => self.tr("Geen score", "No score"),
        }
    }

    pub fn be_province(self, p: BeProvince) -> &'static str {
        match p {
            BeProvince::Brussels => self.tr("Brussel", "Brussels"),
            BeProvince::Antwerp => self.tr("Antwerpen", "Antwerp"),
            BeProvince::EastFlanders => self.tr("Oost-Vlaanderen", "East Flanders"),
            BeProvince::FlemishBrabant => self.tr("Vlaams-Brabant", "Flemish Brabant"),
            BeProvince::Limburg => self.tr("Limburg (BE)", "Limburg (BE)"),
            BeProvince::WestFlanders => self.tr("West-Vlaanderen", "West Flanders"),
            BeProvince::Hainaut => self.tr("Henegouwen", "Hainaut"),
            BeProvince::Liege => self.tr("Luik", "Liège"),
            BeProvince::Luxembourg => self.tr("Luxemburg (BE)", "Luxembourg (BE)"),
            BeProvince::Namur => self.tr("Namen", "Namur"),
            BeProvince::WalloonBrabant => self.tr("Waals-Brabant", "Walloon Brabant"),
        }
    }

    /// "Postcodegebied 10xx", "Antwerpen", "Nederland", "DE".
    pub fn region(self, r: &Region) -> String {
        match r {
            Region::NlArea(n) => match self {
                Lang::Nl => format!("Postcodegebied {n:02}xx"),
                Lang::En => format!("Postcode area {n:02}xx"),
            },
            Region::Nl => self.tr("Nederland", "Netherlands").into(),
            Region::BeProvince(p) => self.be_province(*p).into(),
            Region::Be => self.tr("België", "Belgium").into(),
            Region::Other(code) => code.clone(),
        }
    }

    /// The value of a segment on one dimension.
    pub fn segment_part(self, p: &SegmentPart) -> String {
        match p {
            SegmentPart::Revenue(Some(a)) => format!("{} {}", self.tr("Omzetklasse", "Revenue class"), self.abc(*a)),
            SegmentPart::Revenue(None) => self.tr("Geen omzet", "No revenue").into(),
            SegmentPart::Margin(m) => self.margin_class(*m).into(),
            SegmentPart::Morality(Some(g)) => {
                format!("{} {} ({})", self.tr("Betaalcijfer", "Grade"), g.letter(), self.grade_label(*g))
            }
            SegmentPart::Morality(None) => self.tr("Nog geen betaalcijfer", "No grade yet").into(),
            SegmentPart::Creditworthiness(s) => self.score_band(*s).into(),
            SegmentPart::Sector(s) if s.trim().is_empty() => self.tr("Branche onbekend", "Sector unknown").into(),
            SegmentPart::Sector(s) => s.clone(),
            SegmentPart::Size(s) => self.size_class(*s).into(),
            SegmentPart::Region(r) => self.region(r),
        }
    }

    /// A segment in one line: its parts joined by " · ".
    pub fn segment_value(self, v: &SegmentValue) -> String {
        if v.0.is_empty() {
            return self.tr("Alle klanten", "All customers").into();
        }
        v.0.iter().map(|p| self.segment_part(p)).collect::<Vec<_>>().join(" · ")
    }

    pub fn factor(self, f: Factor) -> &'static str {
        match f {
            Factor::Revenue => self.tr("Omzet", "Revenue"),
            Factor::Margin => self.tr("Marge", "Margin"),
            Factor::Grade => self.tr("Betaalmoraal", "Payment morality"),
            Factor::Score => self.tr("Kredietscore", "Credit score"),
            Factor::Potential => self.tr("Potentieel", "Potential"),
        }
    }

    /// How a ranking part is valued (0–100).
    pub fn factor_rule(self, f: Factor) -> &'static str {
        match f {
            Factor::Revenue => self.tr(
                "Omzet ten opzichte van het segment met de meeste omzet.",
                "Revenue relative to the segment with the most revenue.",
            ),
            Factor::Margin => {
                self.tr("Margepercentage ten opzichte van het hoogste.", "Margin percent relative to the highest.")
            }
            Factor::Grade => self.tr("Gemiddeld betaalcijfer: A = 100, D = 0.", "Average grade: A = 100, D = 0."),
            Factor::Score => {
                self.tr("Gemiddelde kredietscore van de klanten.", "Average credit score of the customers.")
            }
            Factor::Potential => self.tr(
                "Resterend potentieel ten opzichte van het grootste.",
                "Remaining potential relative to the largest.",
            ),
        }
    }

    pub fn market_gap(self, g: MarketGap) -> &'static str {
        match g {
            MarketGap::KeyNotMarketOnly => self.tr(
                "Alleen bij indeling op branche, grootteklasse en regio te vergelijken met de marktaantallen",
                "Only comparable with the market counts when segmenting on sector, size class and region",
            ),
            MarketGap::NoCount => self.tr("Geen marktaantal voor dit segment", "No market count for this segment"),
            MarketGap::NoRevenue => {
                self.tr("Geen omzet om de markt mee te waarderen", "No revenue to value the market with")
            }
        }
    }

    /// "1e" / "1st".
    pub fn ordinal(self, n: usize) -> String {
        match self {
            Lang::Nl => format!("{n}e"),
            Lang::En => {
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                format!("{n}{suffix}")
            }
        }
    }

    /// Why a prospect fits, as a sentence.
    pub fn fit_reason(self, r: &FitReason) -> String {
        let same = |what_nl: &str, what_en: &str, segment: &SegmentValue, rank: usize| match self {
            Lang::Nl => format!(
                "Zelfde {what_nl} als segment {}, dat {} staat",
                self.segment_value(segment),
                self.ordinal(rank)
            ),
            Lang::En => {
                format!("Same {what_en} as segment {}, which ranks {}", self.segment_value(segment), self.ordinal(rank))
            }
        };
        match r {
            FitReason::SameSector { segment, rank } => same("branche", "sector", segment, *rank),
            FitReason::SameSize { segment, rank } => same("grootteklasse", "size class", segment, *rank),
            FitReason::SameRegion { segment, rank } => same("regio", "region", segment, *rank),
            FitReason::ScoreAtLeast { score, threshold } => match self {
                Lang::Nl => format!("Kredietscore {score} ≥ {threshold}"),
                Lang::En => format!("Credit score {score} ≥ {threshold}"),
            },
            FitReason::ScoreBelow { score, threshold } => match self {
                Lang::Nl => format!("Kredietscore {score} < {threshold}"),
                Lang::En => format!("Credit score {score} < {threshold}"),
            },
            FitReason::NoScore => self.tr("Geen kredietscore bekend", "No credit score known").into(),
        }
    }

    pub fn market_field(self, f: MarketField) -> &'static str {
        match f {
            MarketField::Sector => self.tr("Branche", "Sector"),
            MarketField::SizeClass => self.tr("Grootteklasse", "Size class"),
            MarketField::Region => self.tr("Regio", "Region"),
            MarketField::Companies => self.tr("Aantal bedrijven", "Companies"),
            MarketField::Source => self.tr("Bron", "Source"),
            MarketField::Name => self.tr("Naam", "Name"),
            MarketField::Score => self.tr("Score", "Score"),
            MarketField::City => self.tr("Plaats", "City"),
            MarketField::Note => self.tr("Notitie", "Note"),
            MarketField::Postcode => self.tr("Postcode", "Postcode"),
            MarketField::Country => self.tr("Land", "Country"),
        }
    }

    pub fn market_list(self, k: MarketListKind) -> &'static str {
        match k {
            MarketListKind::Counts => self.tr("Marktaantallen", "Market counts"),
            MarketListKind::Prospects => self.tr("Prospects", "Prospects"),
        }
    }

    /// A problem in the market data, with its row and column.
    pub fn market_problem(self, p: &MarketProblem) -> String {
        let place = match (&p.column, self) {
            (Some((n, name)), Lang::Nl) => format!("Rij {}, kolom {n} ({name})", p.row),
            (Some((n, name)), Lang::En) => format!("Row {}, column {n} ({name})", p.row),
            (None, Lang::Nl) => format!("Rij {}", p.row),
            (None, Lang::En) => format!("Row {}", p.row),
        };
        let what = match (&p.kind, self) {
            (MarketProblemKind::MissingColumn(f), Lang::Nl) => {
                format!("de kolom '{}' ontbreekt", self.market_field(*f))
            }
            (MarketProblemKind::MissingColumn(f), Lang::En) => {
                format!("the column '{}' is missing", self.market_field(*f))
            }
            (MarketProblemKind::NoSegmentColumn, _) => self
                .tr(
                    "er is geen kolom branche, grootteklasse of regio",
                    "there is no sector, size class or region column",
                )
                .into(),
            (MarketProblemKind::BadCompanies(t), Lang::Nl) => {
                format!("'{t}' is geen aantal bedrijven (een heel getal boven 0)")
            }
            (MarketProblemKind::BadCompanies(t), Lang::En) => {
                format!("'{t}' is not a number of companies (a whole number above 0)")
            }
            (MarketProblemKind::BadScore(t), Lang::Nl) => {
                format!("'{t}' is geen score (een heel getal van 0 tot en met 100)")
            }
            (MarketProblemKind::BadScore(t), Lang::En) => {
                format!("'{t}' is not a score (a whole number from 0 to 100)")
            }
            (MarketProblemKind::BadSizeClass(t), Lang::Nl) => {
                format!("'{t}' is geen grootteklasse (<20, 20-200, >200, klein, middel, groot)")
            }
            (MarketProblemKind::BadSizeClass(t), Lang::En) => {
                format!("'{t}' is not a size class (<20, 20-200, >200, small, medium, large)")
            }
            (MarketProblemKind::BadRegion(t), Lang::Nl) => {
                format!("'{t}' is geen regio (bijvoorbeeld NL-10, BE-VAN, Antwerpen, DE)")
            }
            (MarketProblemKind::BadRegion(t), Lang::En) => {
                format!("'{t}' is not a region (for example NL-10, BE-VAN, Antwerp, DE)")
            }
            (MarketProblemKind::Empty(f), Lang::Nl) => format!("'{}' is leeg", self.market_field(*f)),
            (MarketProblemKind::Empty(f), Lang::En) => format!("'{}' is empty", self.market_field(*f)),
            (MarketProblemKind::DuplicateSegment { first_row: Some(r) }, Lang::Nl) => {
                format!("hetzelfde segment staat al in rij {r}")
            }
            (MarketProblemKind::DuplicateSegment { first_row: Some(r) }, Lang::En) => {
                format!("the same segment is already in row {r}")
            }
            (MarketProblemKind::DuplicateSegment { first_row: None }, _) => {
                self.tr("dit segment staat er twee keer in", "this segment is listed twice").into()
            }
        };
        format!("{} — {place}: {what}", self.market_list(p.list))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::risk::Grade;
    use std::str::FromStr;

    #[test]
    fn every_kpi_has_a_name_and_definition_in_both_languages() {
        for k in Kpi::ALL {
            for lang in [Lang::Nl, Lang::En] {
                assert!(!lang.kpi_name(k).is_empty(), "{k:?}");
                assert!(lang.kpi_short_name(k).len() <= 14, "{k:?}");
                assert!(lang.kpi_definition(k).len() > 40, "{k:?}");
            }
            assert_ne!(Lang::Nl.kpi_definition(k), Lang::En.kpi_definition(k), "{k:?}");
        }
    }

    #[test]
    fn figures_table() {
        let d = |s| Decimal::from_str(s).unwrap();
        let rows = [
            (Lang::Nl, Kpi::DsoCountBack, Ok(d("73.714")), "73,7 dagen"),
            (Lang::En, Kpi::DsoCountBack, Ok(d("73.714")), "73.7 days"),
            (Lang::Nl, Kpi::Cei, Ok(d("44")), "44,0%"),
            (Lang::En, Kpi::OverdueShare, Ok(d("52.83")), "52.8%"),
            (Lang::Nl, Kpi::DsoSimple, Ok(d("0.05")), "0,1 dagen"),
            (Lang::En, Kpi::DsoSimple, Err(NotEnoughData::NoSales), "Not enough data: no sales in the period"),
            (
                Lang::Nl,
                Kpi::DsoCountBack,
                Err(NotEnoughData::SalesDoNotCoverReceivables { months: 12 }),
                "Meer dan 12 maanden: de omzet van 12 maanden dekt het openstaande bedrag niet",
            ),
        ];
        for (lang, kpi, figure, expected) in rows {
            assert_eq!(lang.kpi_figure(kpi, figure), expected, "row {expected}");
        }
    }

    #[test]
    fn segments_and_reasons() {
        let v = SegmentValue(vec![
            SegmentPart::Sector("Bouw".into()),
            SegmentPart::Region(Region::NlArea(10)),
            SegmentPart::Morality(Some(Grade::B)),
        ]);
        assert_eq!(Lang::Nl.segment_value(&v), "Bouw · Postcodegebied 10xx · Betaalcijfer B (redelijk)");
        let r = FitReason::SameSector { segment: v.clone(), rank: 1 };
        assert_eq!(
            Lang::En.fit_reason(&r),
            "Same sector as segment Bouw · Postcode area 10xx · Grade B (fair), which ranks 1st"
        );
        assert_eq!(Lang::Nl.fit_reason(&FitReason::ScoreAtLeast { score: 72, threshold: 60 }), "Kredietscore 72 ≥ 60");
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 21, 22].iter().map(|n| Lang::En.ordinal(*n)).collect();
        assert_eq!(ordinals, ["1st", "2nd", "3rd", "4th", "11th", "12th", "21st", "22nd"]);
    }

    #[test]
    fn market_problems_name_row_and_column() {
        let p = MarketProblem {
            list: MarketListKind::Counts,
            row: 5,
            column: Some((4, "Aantal bedrijven".into())),
            kind: MarketProblemKind::BadCompanies("12,5".into()),
        };
        assert_eq!(
            Lang::Nl.market_problem(&p),
            "Marktaantallen — Rij 5, kolom 4 (Aantal bedrijven): '12,5' is geen aantal bedrijven (een heel getal boven 0)"
        );
        let p = MarketProblem {
            list: MarketListKind::Prospects,
            row: 1,
            column: None,
            kind: MarketProblemKind::MissingColumn(MarketField::Name),
        };
        assert_eq!(Lang::En.market_problem(&p), "Prospects — Row 1: the column 'Name' is missing");
    }
}
