//! Stipt: credit management (debiteurenbeheer) that runs entirely in the browser.
//!
//! A functional core and a thin shell. `domain`, `engine`, `io` and `i18n` are pure Rust (no
//! browser, no clock: "today" is a parameter) and are tested natively. `storage` keeps the
//! ledger in browser storage; `ui` is the Leptos app. See ARCHITECTURE.md.

pub mod demo;
pub mod domain;
pub mod engine;
pub mod i18n;
pub mod io;
pub mod scale;
pub mod seeded;
pub mod sort;
pub mod storage;
pub mod training;
pub mod ui;
