//! Computations over the ledger. Pure functions of (ledger, settings, today): no browser,
//! no clock. They return values; the UI decides how to show them.

pub mod aging;
pub mod analysis;
pub mod dunning;
pub mod law;
pub mod letter;
pub mod matching;
pub mod pass;
pub mod risk;

pub use pass::Pass;
