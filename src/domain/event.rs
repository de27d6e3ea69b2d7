//! The collection diary: every contact attempt, promise, excuse, dispute, request and order,
//! on a customer and optionally one invoice.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::DomainError;
use super::ids::{CustomerId, EventId, InvoiceId};

/// How a contact was made or a dunning action was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Email,
    Phone,
    Letter,
    RegisteredLetter,
    Visit,
    HandOver,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Email,
        Channel::Phone,
        Channel::Letter,
        Channel::RegisteredLetter,
        Channel::Visit,
        Channel::HandOver,
    ];
}

/// The result of a contact attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContactOutcome {
    Reached,
    NoAnswer,
    NoResponse,
}

impl ContactOutcome {
    pub const ALL: [ContactOutcome; 3] = [ContactOutcome::Reached, ContactOutcome::NoAnswer, ContactOutcome::NoResponse];
}

/// Why a customer says they have not paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExcuseCategory {
    InvoiceNotReceived,
    CashFlow,
    WaitingForOwnCustomer,
    ApprovalPending,
    WrongDetails,
    QualityComplaint,
    Other,
}

impl ExcuseCategory {
    pub const ALL: [ExcuseCategory; 7] = [
        ExcuseCategory::InvoiceNotReceived,
        ExcuseCategory::CashFlow,
        ExcuseCategory::WaitingForOwnCustomer,
        ExcuseCategory::ApprovalPending,
        ExcuseCategory::WrongDetails,
        ExcuseCategory::QualityComplaint,
        ExcuseCategory::Other,
    ];
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    Contact { channel: Channel, outcome: ContactOutcome },
    Note,
    Promise {
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
        date: NaiveDate,
    },
    Excuse { category: ExcuseCategory },
    DisputeOpened { reason: String },
    DisputeResolved,
    ExtensionRequest { days: u16 },
    Order {
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
    },
    DunningDone { step: String, channel: Channel },
    WrittenOff,
    /// The credit limit set by hand (`None` = no limit); who did it, and why in the note.
    LimitSet {
        #[serde(with = "super::customer::opt_decimal")]
        limit: Option<Decimal>,
        by: String,
    },
    /// A dunning step not done, on purpose; the reason is the note (required). `step` is the
    /// step's key (`StepKind::key`).
    DunningSkipped { step: String },
    /// Dunning paused by hand until `until` (inclusive), for the customer or one invoice; the
    /// reason is the note.
    Paused { until: NaiveDate },
    /// The claim handed over to a collection agency or lawyer, with the amount handed over
    /// (principal, interest and costs on that date).
    HandOver {
        agency: String,
        #[serde(with = "rust_decimal::serde::str")]
        amount: Decimal,
    },
}

/// Discriminant of [`EventKind`], for forms and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    Contact,
    Note,
    Promise,
    Excuse,
    DisputeOpened,
    DisputeResolved,
    ExtensionRequest,
    Order,
    DunningDone,
    WrittenOff,
    LimitSet,
    HandOver,
    DunningSkipped,
    Paused,
}

impl EventType {
    pub const ALL: [EventType; 14] = [
        EventType::Contact,
        EventType::Note,
        EventType::Promise,
        EventType::Excuse,
        EventType::DisputeOpened,
        EventType::DisputeResolved,
        EventType::ExtensionRequest,
        EventType::Order,
        EventType::DunningDone,
        EventType::WrittenOff,
        EventType::LimitSet,
        EventType::HandOver,
        EventType::DunningSkipped,
        EventType::Paused,
    ];
}

impl EventKind {
    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::Contact { .. } => EventType::Contact,
            EventKind::Note => EventType::Note,
            EventKind::Promise { .. } => EventType::Promise,
            EventKind::Excuse { .. } => EventType::Excuse,
            EventKind::DisputeOpened { .. } => EventType::DisputeOpened,
            EventKind::DisputeResolved => EventType::DisputeResolved,
            EventKind::ExtensionRequest { .. } => EventType::ExtensionRequest,
            EventKind::Order { .. } => EventType::Order,
            EventKind::DunningDone { .. } => EventType::DunningDone,
            EventKind::WrittenOff => EventType::WrittenOff,
            EventKind::LimitSet { .. } => EventType::LimitSet,
            EventKind::HandOver { .. } => EventType::HandOver,
            EventKind::DunningSkipped { .. } => EventType::DunningSkipped,
            EventKind::Paused { .. } => EventType::Paused,
        }
    }
}

/// One entry in the collection diary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub customer: CustomerId,
    pub invoice: Option<InvoiceId>,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub note: String,
}

impl Event {
    pub fn new(customer: CustomerId, invoice: Option<InvoiceId>, date: NaiveDate, kind: EventKind) -> Event {
        Event { id: EventId(0), customer, invoice, date, kind, note: String::new() }
    }

    /// # Errors
    /// Disputes and write-offs need an invoice; promised and ordered amounts must be positive.
    pub fn validate(&self) -> Result<(), DomainError> {
        match &self.kind {
            EventKind::DisputeOpened { .. } | EventKind::DisputeResolved | EventKind::WrittenOff
                if self.invoice.is_none() =>
            {
                Err(DomainError::InvoiceRequired)
            }
            EventKind::Promise { amount, .. } | EventKind::Order { amount } | EventKind::HandOver { amount, .. }
                if *amount <= Decimal::ZERO =>
            {
                Err(DomainError::AmountNotPositive)
            }
            EventKind::LimitSet { limit: Some(l), .. } if *l < Decimal::ZERO => Err(DomainError::AmountNotPositive),
            EventKind::LimitSet { .. } | EventKind::DunningSkipped { .. } if self.note.trim().is_empty() => {
                Err(DomainError::ReasonRequired)
            }
            EventKind::HandOver { agency, .. } if agency.trim().is_empty() => Err(DomainError::NameRequired),
            _ => Ok(()),
        }
    }
}
