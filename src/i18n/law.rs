//! Texts of the law computations: table names, explanation lines, conditions, and the plain-text
//! statement a user pastes into a letter.

use crate::domain::RateTableKind;

use super::Lang;

impl Lang {
    /// The name of a statutory rate table.
    pub fn rate_table(self, kind: RateTableKind) -> &'static str {
        match kind {
            RateTableKind::NlCommercial => {
                self.tr("Wettelijke handelsrente NL (art. 6:119a BW)", "Dutch commercial statutory interest (art. 6:119a BW)")
            }
            RateTableKind::NlConsumer => {
                self.tr("Wettelijke rente NL, consumenten (art. 6:119 BW)", "Dutch statutory interest, consumers (art. 6:119 BW)")
            }
            RateTableKind::BeCommercial => self.tr(
                "Interest handelstransacties BE (wet 2 augustus 2002)",
                "Belgian commercial interest (law of 2 August 2002)",
            ),
        }
    }
}

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::Currency;
use crate::engine::law::{
    yearly_rate, CostsCondition, InterestRule, LawError, Line, LineKind, Notice, NoticeState, Regime, Statement,
};

/// One explanation line as the columns of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineText {
    pub what: String,
    pub period: String,
    pub days: String,
    pub rate: String,
    pub base: String,
    pub amount: String,
    pub source: String,
}

impl Lang {
    pub fn eur(self, d: Decimal) -> String {
        self.amount(d, Currency::EUR)
    }

    pub fn regime(self, r: Regime) -> &'static str {
        match r {
            Regime::NlBusiness => self.tr("Nederland, zakelijk", "Netherlands, business"),
            Regime::NlConsumer => self.tr("Nederland, consument", "Netherlands, consumer"),
            Regime::BeBusiness => self.tr("België, zakelijk", "Belgium, business"),
            Regime::BeConsumer => self.tr("België, consument", "Belgium, consumer"),
        }
    }

    /// Which interest applies, in one phrase.
    pub fn interest_rule(self, r: InterestRule) -> String {
        match r {
            InterestRule::Statutory(kind) => {
                let compounding = if r.compounds() {
                    self.tr("jaarlijks samengesteld", "compounded yearly")
                } else {
                    self.tr("enkelvoudig", "simple")
                };
                format!("{} — {compounding}", self.rate_table(kind))
            }
            InterestRule::Contract(ci) | InterestRule::ContractCapped(ci) => {
                let per = if ci.per_month {
                    match self {
                        Lang::Nl => format!("{} per maand ({} per jaar)", self.percent(ci.rate), self.percent(yearly_rate(&ci))),
                        Lang::En => format!("{} a month ({} a year)", self.percent(ci.rate), self.percent(yearly_rate(&ci))),
                    }
                } else {
                    match self {
                        Lang::Nl => format!("{} per jaar", self.percent(ci.rate)),
                        Lang::En => format!("{} a year", self.percent(ci.rate)),
                    }
                };
                let compounding = if ci.compound {
                    self.tr("jaarlijks samengesteld", "compounded yearly")
                } else {
                    self.tr("enkelvoudig", "simple")
                };
                let cap = if matches!(r, InterestRule::ContractCapped(_)) {
                    self.tr(
                        ", nooit hoger dan de Belgische handelsrente (boek XIX WER)",
                        ", never above the Belgian commercial rate (Book XIX CEL)",
                    )
                } else {
                    ""
                };
                format!("{}: {per}, {compounding}{cap}", self.tr("Contractuele rente", "Contractual interest"))
            }
            InterestRule::NoneAgreed => self
                .tr(
                    "Geen rente: bij een Belgische consument alleen als die in de voorwaarden is afgesproken",
                    "No interest: a Belgian consumer owes interest only when the terms say so",
                )
                .to_string(),
        }
    }

    pub fn law_error(self, e: &LawError) -> String {
        match e {
            LawError::NoRate { table, from, to } => match self {
                Lang::Nl => format!(
                    "Geen rente bekend voor {} – {} in de tabel “{}”. Voeg het tarief voor die periode toe bij Instellingen → Wettelijke rente en kosten.",
                    self.date(*from),
                    self.date(*to),
                    self.rate_table(*table)
                ),
                Lang::En => format!(
                    "No rate known for {} – {} in the table “{}”. Add the rate for that period in Settings → Statutory interest and costs.",
                    self.date(*from),
                    self.date(*to),
                    self.rate_table(*table)
                ),
            },
        }
    }

    /// The condition on consumer costs, in one sentence.
    pub fn costs_condition(self, c: &CostsCondition) -> String {
        let d = |x: NaiveDate| self.date(x);
        match (c.notice, c.state, self) {
            (Notice::FourteenDayLetter, NoticeState::NotSent { earliest }, Lang::Nl) => format!(
                "Incassokosten mogen pas worden gevraagd na een veertiendagenbrief die de kosten noemt. Nog niet verstuurd; verstuurd vandaag, dan op zijn vroegst vanaf {}.",
                d(earliest)
            ),
            (Notice::FourteenDayLetter, NoticeState::NotSent { earliest }, Lang::En) => format!(
                "Collection costs may only be charged after a 14-day letter that names them. Not sent yet; sent today, they can be charged from {} at the earliest.",
                d(earliest)
            ),
            (Notice::FourteenDayLetter, NoticeState::Running { sent, last_day }, Lang::Nl) => format!(
                "Veertiendagenbrief verstuurd op {}; ontvangen op de tweede dag daarna; de 14 dagen lopen tot en met {}. Kosten pas vanaf {} als er dan niet is betaald.",
                d(sent),
                d(last_day),
                d(last_day.succ_opt().unwrap_or(last_day))
            ),
            (Notice::FourteenDayLetter, NoticeState::Running { sent, last_day }, Lang::En) => format!(
                "14-day letter sent on {}; received on the second day after; the 14 days run to {} inclusive. Costs only from {} if still unpaid.",
                d(sent),
                d(last_day),
                d(last_day.succ_opt().unwrap_or(last_day))
            ),
            (Notice::FourteenDayLetter, NoticeState::Met { sent, from }, Lang::Nl) => format!(
                "Veertiendagenbrief verstuurd op {}; de termijn is verstreken: kosten verschuldigd vanaf {}.",
                d(sent),
                d(from)
            ),
            (Notice::FourteenDayLetter, NoticeState::Met { sent, from }, Lang::En) => format!(
                "14-day letter sent on {}; the period has passed: costs due from {}.",
                d(sent),
                d(from)
            ),
            (Notice::FirstReminder, NoticeState::NotSent { earliest }, Lang::Nl) => format!(
                "De eerste herinnering is gratis; schadevergoeding en rente pas 14 dagen daarna. Nog geen herinnering verstuurd; per post vandaag, dan vanaf {}.",
                d(earliest)
            ),
            (Notice::FirstReminder, NoticeState::NotSent { earliest }, Lang::En) => format!(
                "The first reminder is free; damages and interest only 14 days after it. No reminder sent yet; posted today, from {}.",
                d(earliest)
            ),
            (Notice::FirstReminder, NoticeState::Running { sent, last_day }, Lang::Nl) => format!(
                "Eerste (gratis) herinnering verstuurd op {}; de wachttijd van 14 dagen loopt tot en met {}.",
                d(sent),
                d(last_day)
            ),
            (Notice::FirstReminder, NoticeState::Running { sent, last_day }, Lang::En) => format!(
                "First (free) reminder sent on {}; the 14-day wait runs to {} inclusive.",
                d(sent),
                d(last_day)
            ),
            (Notice::FirstReminder, NoticeState::Met { sent, from }, Lang::Nl) => format!(
                "Eerste (gratis) herinnering verstuurd op {}; wachttijd verstreken: schadevergoeding en rente vanaf {}.",
                d(sent),
                d(from)
            ),
            (Notice::FirstReminder, NoticeState::Met { sent, from }, Lang::En) => format!(
                "First (free) reminder sent on {}; the wait has passed: damages and interest from {}.",
                d(sent),
                d(from)
            ),
        }
    }

    /// One explanation line as table columns.
    pub fn law_line(self, l: &Line) -> LineText {
        let money = |x: Decimal| self.eur(x);
        let opt_money = |x: Option<Decimal>| x.map(money).unwrap_or_default();
        let period = match (l.from, l.to) {
            (Some(f), Some(t)) => format!("{} – {}", self.date(f), self.date(t)),
            (Some(f), None) => self.date(f),
            _ => String::new(),
        };
        let days = match (l.days, l.year_days) {
            (Some(n), Some(y)) => format!("{n}/{y}"),
            (Some(n), None) => n.to_string(),
            _ => String::new(),
        };
        let what = match &l.kind {
            LineKind::Interest(InterestRule::Statutory(_)) => self.tr("Wettelijke rente", "Statutory interest").to_string(),
            LineKind::Interest(InterestRule::ContractCapped(ci)) => match self {
                Lang::Nl => format!("Contractuele rente ({} per jaar, begrensd)", self.percent(yearly_rate(ci))),
                Lang::En => format!("Contractual interest ({} a year, capped)", self.percent(yearly_rate(ci))),
            },
            LineKind::Interest(_) => self.tr("Contractuele rente", "Contractual interest").to_string(),
            LineKind::Capitalised => {
                self.tr("Rente van het jaar bij de hoofdsom geteld", "The year's interest added to the principal").to_string()
            }
            LineKind::Payment { to_costs, to_interest, to_principal, unapplied } => {
                let mut parts = Vec::new();
                if !to_costs.is_zero() {
                    parts.push(format!("{} {}", self.tr("kosten", "costs"), money(*to_costs)));
                }
                if !to_interest.is_zero() {
                    parts.push(format!("{} {}", self.tr("rente", "interest"), money(*to_interest)));
                }
                if !to_principal.is_zero() {
                    parts.push(format!("{} {}", self.tr("hoofdsom", "principal"), money(*to_principal)));
                }
                if !unapplied.is_zero() {
                    parts.push(format!("{} {}", self.tr("te veel betaald", "overpaid"), money(*unapplied)));
                }
                format!("{} → {}", self.tr("Betaling", "Payment"), parts.join(", "))
            }
            LineKind::CostsBand { percent, from, upto } => match (upto, self) {
                (Some(u), Lang::Nl) => format!("{} over {} – {}", self.percent(*percent), money(*from), money(*u)),
                (Some(u), Lang::En) => format!("{} of {} – {}", self.percent(*percent), money(*from), money(*u)),
                (None, Lang::Nl) => format!("{} over het deel boven {}", self.percent(*percent), money(*from)),
                (None, Lang::En) => format!("{} of the part above {}", self.percent(*percent), money(*from)),
            },
            LineKind::CostsMinimum => self.tr("Minimum incassokosten", "Minimum collection costs").to_string(),
            LineKind::CostsMaximum => self.tr("Maximum incassokosten", "Maximum collection costs").to_string(),
            LineKind::CostsVat { percent } => format!("{} {}", self.tr("Btw", "VAT"), self.percent(*percent)),
            LineKind::CostsContractFixed => {
                self.tr("Incassokosten volgens de voorwaarden (vast bedrag)", "Collection costs under the terms (fixed)").to_string()
            }
            LineKind::CostsContractPercent { percent } => match self {
                Lang::Nl => format!("Incassokosten volgens de voorwaarden ({} van de hoofdsom)", self.percent(*percent)),
                Lang::En => format!("Collection costs under the terms ({} of the principal)", self.percent(*percent)),
            },
            LineKind::CostsRaisedToMinimum => self
                .tr("Verhoogd tot de wettelijke vergoeding van € 40", "Raised to the statutory compensation of €40")
                .to_string(),
            LineKind::CostsContractIgnored => self
                .tr(
                    "Kostenbeding in de voorwaarden geldt niet voor consumenten: de staffel is dwingend",
                    "Cost clause in the terms does not apply to consumers: the staffel is mandatory",
                )
                .to_string(),
            LineKind::CostsFixed40 => {
                self.tr("Vaste vergoeding (instelling: alleen € 40)", "Fixed compensation (setting: €40 only)").to_string()
            }
            LineKind::CostsNone => self.tr("Geen incassokosten (instelling)", "No collection costs (setting)").to_string(),
            LineKind::Fixed40PerInvoice { invoices } => match self {
                Lang::Nl => format!("Forfaitaire vergoeding € 40 × {invoices} te late factu{}", if *invoices == 1 { "ur" } else { "ren" }),
                Lang::En => format!("Fixed compensation €40 × {invoices} late invoice{}", if *invoices == 1 { "" } else { "s" }),
            },
            LineKind::BeDamagesBand { band } => match band {
                1 => self.tr("Schadebeding, schuld tot € 150: € 20", "Damages, debt up to €150: €20").to_string(),
                2 => self
                    .tr("Schadebeding: € 30 + 10% boven € 150", "Damages: €30 + 10% above €150")
                    .to_string(),
                3 => self.tr("Schadebeding: € 65 + 5% boven € 500", "Damages: €65 + 5% above €500").to_string(),
                _ => self.tr("Schadebeding: maximum € 2.000", "Damages: maximum €2,000").to_string(),
            },
            LineKind::BeDamagesContract => self
                .tr("Schadebeding volgens de voorwaarden (binnen het wettelijk maximum)", "Damages under the terms (within the legal maximum)")
                .to_string(),
            LineKind::BeReminderFees { count, by_letter } => match self {
                Lang::Nl => format!("{count} latere herinnering(en) × € 7,50 + porto voor {by_letter} per post"),
                Lang::En => format!("{count} later reminder(s) × €7.50 + postage for {by_letter} by post"),
            },
        };
        let rate = l.rate.map(|r| self.percent(r)).unwrap_or_default();
        let base = match l.kind {
            LineKind::Fixed40PerInvoice { .. } | LineKind::BeReminderFees { .. } => String::new(),
            _ => opt_money(l.base),
        };
        LineText { what, period, days, rate, base, amount: money(l.amount), source: l.source.clone() }
    }

    /// The whole statement as plain text, for a letter or an e-mail.
    pub fn statement_text(self, s: &Statement, debtor: &str) -> String {
        let mut out = String::new();
        let heading = match self {
            Lang::Nl => format!("Vordering op {} per {}", debtor, self.date(s.as_of)),
            Lang::En => format!("Claim on {} as of {}", debtor, self.date(s.as_of)),
        };
        out.push_str(&heading);
        out.push('\n');
        out.push_str(&format!("{}: {}\n", self.tr("Regels", "Rules"), self.regime(s.regime)));
        out.push_str(&format!("{}\n\n", self.interest_rule(s.rule)));
        for c in &s.claims {
            out.push_str(&match self {
                Lang::Nl => format!(
                    "Factuur {}: hoofdsom {}, vervallen {}, open {}\n",
                    c.label,
                    self.eur(c.principal),
                    self.date(c.due),
                    self.eur(c.principal_open)
                ),
                Lang::En => format!(
                    "Invoice {}: principal {}, due {}, open {}\n",
                    c.label,
                    self.eur(c.principal),
                    self.date(c.due),
                    self.eur(c.principal_open)
                ),
            });
            for l in &c.lines {
                out.push_str(&format!("  {}\n", self.line_sentence(l)));
            }
            if !c.interest_open.is_zero() {
                out.push_str(&format!("  {}: {}\n", self.tr("Rente open", "Interest open"), self.eur(c.interest_open)));
            }
        }
        out.push('\n');
        if let Some(cond) = &s.condition {
            out.push_str(&self.costs_condition(cond));
            out.push('\n');
        }
        for l in &s.costs_lines {
            out.push_str(&format!("  {}\n", self.line_sentence(l)));
        }
        let rows: [(&str, Decimal); 4] = [
            (self.tr("Hoofdsom", "Principal"), s.principal_open()),
            (self.tr("Rente", "Interest"), s.interest_open()),
            (self.tr("Incassokosten / vergoeding", "Collection costs / compensation"), s.costs_open),
            (self.tr("Totaal verschuldigd", "Total due"), s.total()),
        ];
        for (label, amount) in rows {
            out.push_str(&format!("{label}: {}\n", self.eur(amount)));
        }
        if !s.costs_prospective.is_zero() {
            out.push_str(&match self {
                Lang::Nl => format!("Incassokosten zodra de voorwaarde is vervuld: {}\n", self.eur(s.costs_prospective)),
                Lang::En => format!("Collection costs once the condition is met: {}\n", self.eur(s.costs_prospective)),
            });
        }
        out.push_str(self.tr(
            "Bedragen afgerond op centen; de berekening rekent onafgerond.\n",
            "Amounts rounded to cents; the computation itself is unrounded.\n",
        ));
        out
    }

    /// One explanation line as a sentence.
    pub fn line_sentence(self, l: &Line) -> String {
        let t = self.law_line(l);
        let mut parts = vec![t.what];
        if !t.period.is_empty() {
            parts.push(t.period);
        }
        if !t.days.is_empty() {
            parts.push(format!("{} {}", t.days, self.tr("dagen", "days")));
        }
        if !t.rate.is_empty() {
            parts.push(t.rate);
        }
        if !t.base.is_empty() {
            parts.push(format!("{} {}", self.tr("over", "on"), t.base));
        }
        let mut s = format!("{}: {}", parts.join(", "), t.amount);
        if !t.source.is_empty() {
            s.push_str(&format!(" ({})", t.source));
        }
        s
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ContractTerms, LawSettings};
    use crate::engine::law::{compute, Case, Claim, Reminder};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn statement() -> Statement {
        let case = Case {
            regime: Regime::NlBusiness,
            terms: ContractTerms::default(),
            claims: vec![Claim { label: "2024-0007".into(), principal: "1000".parse().unwrap(), invoice_date: d(2024, 1, 1), due: Some(d(2024, 1, 31)), payments: vec![] }],
            reminders: Vec::<Reminder>::new(),
            as_of: d(2024, 3, 1),
        };
        compute(&case, &LawSettings::default()).unwrap()
    }

    #[test]
    fn statement_text_in_both_languages() {
        let s = statement();
        let nl = Lang::Nl.statement_text(&s, "Bakkerij Jansen");
        assert!(nl.contains("Vordering op Bakkerij Jansen per 01-03-2024"), "{nl}");
        assert!(nl.contains("Wettelijke rente, 01-02-2024 – 01-03-2024, 30/366 dagen, 12,5%, over € 1.000,00: € 10,25"), "{nl}");
        assert!(nl.contains("15% over € 0,00 – € 2.500,00"), "{nl}");
        assert!(nl.contains("Totaal verschuldigd: € 1.160,25"), "{nl}");
        let en = Lang::En.statement_text(&s, "Bakkerij Jansen");
        assert!(en.contains("Claim on Bakkerij Jansen as of 1 Mar 2024"), "{en}");
        assert!(en.contains("Statutory interest, 1 Feb 2024 – 1 Mar 2024, 30/366 days, 12.5%, on €1,000.00: €10.25"), "{en}");
        assert!(en.contains("Total due: €1,160.25"), "{en}");
    }

    #[test]
    fn percent_and_errors() {
        assert_eq!(Lang::Nl.percent("10.150".parse().unwrap()), "10,15%");
        assert_eq!(Lang::En.percent("8".parse().unwrap()), "8%");
        let e = LawError::NoRate { table: crate::domain::RateTableKind::NlCommercial, from: d(2026, 7, 1), to: d(2026, 11, 23) };
        assert!(Lang::Nl.law_error(&e).starts_with("Geen rente bekend voor 01-07-2026 – 23-11-2026"));
        assert!(Lang::En.law_error(&e).starts_with("No rate known for 1 Jul 2026 – 23 Nov 2026"));
    }
}
