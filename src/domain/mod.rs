//! The ledger's vocabulary: money, customers, invoices, payments, the collection diary.
//! Pure Rust: no browser, no clock.

mod customer;
mod dunning;
mod error;
mod event;
mod ids;
mod invoice;
mod law;
mod ledger;
pub mod market;
mod merge;
mod money;
mod payment;
mod risk;

pub use customer::{
    normalize_iban, Address, CollectorLevel, Country, Customer, CustomerFlags, CustomerKind, ScoreEntry, SizeClass,
};
pub use dunning::{Agency, AssignRule, DunningSettings, Policy, Step, StepBase, StepKind, TemplateText};
pub use error::DomainError;
pub use event::{Channel, ContactOutcome, Event, EventKind, EventType, ExcuseCategory};
pub use ids::{CustomerId, EventId, InvoiceId, PaymentId};
pub use invoice::{default_due, Invoice, InvoiceBalance, InvoiceStatus, Margin};
pub use law::{
    ContractCosts, ContractInterest, ContractTerms, LawSettings, NlBusinessCosts, PaymentOrder, RateRow, RateTableKind,
};
pub use ledger::{Company, Ledger, LedgerParts, LedgerSettings, PartsError, TimelineItem};
pub use market::{parse_size_class, sector_key, BeProvince, MarketCount, MarketData, MarketField, MarketImport, MarketListKind, MarketProblem, MarketProblemKind, Prospect, Region};
pub use merge::merge3;
pub use money::{parse_amount, round_cents, Currency, Money};
pub use payment::{allocate_oldest_first, Allocation, Payment};
pub use risk::{RiskLevel, RiskRow, RiskSettings};
