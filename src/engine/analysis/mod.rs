//! The analysis of issue 7 (DOMAIN.md sections 8 and 9): receivables figures (`kpi`), customer
//! segments (`segments`) and the market penetration analysis with look-alike prospects
//! (`market`). Pure functions of the ledger, the user's market data, the options and the dates
//! asked for: no clock, no browser. They return typed values; the sentences are in
//! `i18n::analysis`.
//!
//! Every module states its definitions in its own documentation.

pub mod kpi;
pub mod market;
pub mod segments;

#[cfg(test)]
mod tests;
