//! Collection costs and fixed compensation: the Dutch BIK staffel, the Belgian consumer damage
//! bands, and the €40 of the late-payment directive. Bands are data, each with its source.

use rust_decimal::Decimal;

use super::{Line, LineKind};

fn d(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

/// The source of the Dutch staffel.
pub const BIK_SOURCE: &str = "Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2";
/// The source of the Belgian consumer bands.
pub const BOOK_XIX_SOURCE: &str = "Wetboek van economisch recht, boek XIX, art. XIX.4";
/// The source of the fixed €40.
pub const FIXED_40_SOURCE: &str = "Richtlijn 2011/7/EU art. 6; art. 6:96 lid 4 BW; Wet 2 augustus 2002 art. 6";

/// One band of the staffel: `percent` of the part of the principal between `from` and `upto`
/// (`None` = no upper end).
struct Band {
    from: Decimal,
    upto: Option<Decimal>,
    percent: Decimal,
}

fn bik_bands() -> [Band; 5] {
    [
        Band { from: d(0, 0), upto: Some(d(2_500, 0)), percent: d(15, 0) },
        Band { from: d(2_500, 0), upto: Some(d(5_000, 0)), percent: d(10, 0) },
        Band { from: d(5_000, 0), upto: Some(d(10_000, 0)), percent: d(5, 0) },
        Band { from: d(10_000, 0), upto: Some(d(200_000, 0)), percent: d(1, 0) },
        Band { from: d(200_000, 0), upto: None, percent: d(5, 1) },
    ]
}

/// Minimum and maximum of the staffel.
pub fn bik_min() -> Decimal {
    d(40, 0)
}
pub fn bik_max() -> Decimal {
    d(6_775, 0)
}

/// The fixed compensation of the late-payment directive, per invoice.
pub fn fixed_40() -> Decimal {
    d(40, 0)
}

/// Dutch collection costs on `principal` by the staffel, with one line per band used and a line
/// when the minimum or maximum applies. Zero principal gives no costs.
pub fn bik(principal: Decimal) -> (Decimal, Vec<Line>) {
    let mut lines = Vec::new();
    if principal <= Decimal::ZERO {
        return (Decimal::ZERO, lines);
    }
    let mut total = Decimal::ZERO;
    for band in bik_bands() {
        if principal <= band.from {
            break;
        }
        let top = band.upto.map_or(principal, |u| u.min(principal));
        let part = top - band.from;
        let amount = part * band.percent / d(100, 0);
        total += amount;
        lines.push(Line::costs(LineKind::CostsBand { percent: band.percent, from: band.from, upto: band.upto }, part, amount, BIK_SOURCE));
    }
    if total < bik_min() {
        lines.push(Line::costs(LineKind::CostsMinimum, principal, bik_min(), BIK_SOURCE));
        total = bik_min();
    } else if total > bik_max() {
        lines.push(Line::costs(LineKind::CostsMaximum, principal, bik_max(), BIK_SOURCE));
        total = bik_max();
    }
    (total, lines)
}

/// The most a Belgian consumer may be charged as damages on an unpaid `debt` (Book XIX):
/// up to €150: €20; €150.01-€500: €30 + 10% above €150; above €500: €65 + 5% above €500,
/// at most €2,000.
pub fn be_consumer_damages_cap(debt: Decimal) -> (Decimal, LineKind) {
    let d150 = d(150, 0);
    let d500 = d(500, 0);
    if debt <= Decimal::ZERO {
        return (Decimal::ZERO, LineKind::BeDamagesBand { band: 0 });
    }
    if debt <= d150 {
        (d(20, 0), LineKind::BeDamagesBand { band: 1 })
    } else if debt <= d500 {
        (d(30, 0) + (debt - d150) * d(10, 2), LineKind::BeDamagesBand { band: 2 })
    } else {
        let amount = d(65, 0) + (debt - d500) * d(5, 2);
        if amount > d(2_000, 0) {
            (d(2_000, 0), LineKind::BeDamagesBand { band: 4 })
        } else {
            (amount, LineKind::BeDamagesBand { band: 3 })
        }
    }
}

/// The most a later Belgian consumer reminder may cost, before postage.
pub fn be_reminder_fee() -> Decimal {
    d(750, 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round_cents;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn bik_staffel_band_edges() {
        // (principal, costs) — every band edge, the minimum and the maximum; DOMAIN.md §7
        // examples: €1,000 -> €150 and €10,000 -> €875.
        let cases = [
            ("0", "0"),
            ("100", "40"),
            ("266.66", "40"),
            ("266.67", "40.0005"),
            ("1000", "150"),
            ("2500", "375"),
            ("2500.01", "375.001"),
            ("5000", "625"),
            ("5000.01", "625.0005"),
            ("10000", "875"),
            ("10000.01", "875.0001"),
            ("200000", "2775"),
            ("200000.01", "2775.00005"),
            ("1000000", "6775"),
            ("1000000.01", "6775"),
            ("5000000", "6775"),
        ];
        for (principal, costs) in cases {
            let (amount, lines) = bik(dec(principal));
            assert_eq!(amount, dec(costs), "principal {principal}");
            if dec(principal) > Decimal::ZERO {
                assert!(!lines.is_empty());
            }
        }
        assert_eq!(round_cents(bik(dec("266.67")).0), dec("40.00"));
    }

    #[test]
    fn bik_lines_explain_the_amount() {
        let (amount, lines) = bik(dec("10000"));
        assert_eq!(lines.len(), 3);
        let sum: Decimal = lines.iter().map(|l| l.amount).sum();
        assert_eq!(sum, amount);
        assert_eq!(lines[0].base, Some(dec("2500")));
        assert_eq!(lines[2].base, Some(dec("5000")));
        let (_, lines) = bik(dec("100"));
        assert_eq!(lines.last().map(|l| l.kind.clone()), Some(LineKind::CostsMinimum));
        let (_, lines) = bik(dec("2000000"));
        assert_eq!(lines.last().map(|l| l.kind.clone()), Some(LineKind::CostsMaximum));
    }

    #[test]
    fn belgian_consumer_bands() {
        // DOMAIN.md §7 example: €1,000 -> €90.
        let cases = [
            ("0", "0"),
            ("0.01", "20"),
            ("150", "20"),
            ("150.01", "30.001"),
            ("300", "45"),
            ("500", "65"),
            ("500.01", "65.0005"),
            ("1000", "90"),
            ("39200", "2000"),
            ("39200.02", "2000"),
            ("100000", "2000"),
        ];
        for (debt, cap) in cases {
            assert_eq!(be_consumer_damages_cap(dec(debt)).0, dec(cap), "debt {debt}");
        }
    }
}
