//! Errors of the domain: each variant carries the context a user needs to fix the input.
//! The `Display` text is English for logs; the UI shows `i18n::domain_error` in the user's language.

use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("'{0}' is not a currency code (three letters, like EUR)")]
    BadCurrency(String),
    #[error("'{0}' is not an amount")]
    BadAmount(String),
    #[error("amounts in {left} and {right} cannot be combined")]
    CurrencyMismatch { left: String, right: String },
    #[error("a name is required")]
    NameRequired,
    #[error("a number is required")]
    NumberRequired,
    #[error("customer number {0} is already used")]
    DuplicateCustomerNumber(String),
    #[error("invoice number {0} is already used")]
    DuplicateInvoiceNumber(String),
    #[error("the customer does not exist")]
    UnknownCustomer,
    #[error("the invoice does not exist")]
    UnknownInvoice,
    #[error("the payment does not exist")]
    UnknownPayment,
    #[error("the diary entry does not exist")]
    UnknownEvent,
    #[error("the due date {due} is before the invoice date {date}")]
    DueBeforeDate { date: String, due: String },
    #[error("the amount must be more than zero")]
    AmountNotPositive,
    #[error("a credit note must refer to an invoice of the same customer")]
    CreditNoteCustomer,
    #[error("a credit note cannot refer to another credit note")]
    CreditNoteOfCreditNote,
    #[error("the credit note ({credit}) is more than what is still open on invoice {invoice} ({open})")]
    CreditExceedsOpen { invoice: String, credit: String, open: String },
    #[error("the allocations ({allocated}) are more than the payment ({payment})")]
    AllocationsExceedPayment { allocated: String, payment: String },
    #[error("{amount} is more than what is open on invoice {invoice} ({open})")]
    AllocationExceedsOpen { invoice: String, amount: String, open: String },
    #[error("invoice {invoice} belongs to another customer")]
    AllocationOtherCustomer { invoice: String },
    #[error("an allocation cannot be applied to a credit note")]
    AllocationToCreditNote,
    #[error("the new amount ({amount}) is less than what has been paid and credited ({settled})")]
    AmountBelowSettled { amount: String, settled: String },
    #[error("a score must be between 0 and 100")]
    ScoreOutOfRange,
    #[error("this kind of diary entry needs an invoice")]
    InvoiceRequired,
    #[error("the payment term must be between 0 and 365 days")]
    TermOutOfRange,
    #[error("'{0}' is not a valid IBAN")]
    BadIban(String),
    #[error("two records have the same id {0}")]
    DuplicateId(String),
    #[error("a period cannot end before it starts")]
    RatePeriodReversed,
    #[error("a rate must be between 0 and 100 percent")]
    RateOutOfRange,
    #[error("the period {from} to {to} overlaps another row of the same table ({other})")]
    RateOverlap { from: String, to: String, other: String },
    #[error("the grade thresholds must go up from A to C")]
    ThresholdsOutOfOrder,
    #[error("a reason is required")]
    ReasonRequired,
    #[error("this diary entry does not set a credit limit")]
    NotALimit,
    #[error("a dunning policy needs an id")]
    PolicyIdRequired,
    #[error("two dunning policies have the id '{0}'")]
    DuplicatePolicy(String),
    #[error("there is no dunning policy '{0}'")]
    UnknownPolicy(String),
    #[error("a dunning policy needs a name")]
    PolicyNameRequired,
    #[error("there is already a dunning policy called '{0}'")]
    DuplicatePolicyName(String),
    #[error("the dunning policy '{0}' is the default policy or a rule assigns it: change that first")]
    PolicyInUse(String),
    #[error("an amount cannot be negative")]
    AmountNegative,
    #[error("the amount up to which a letter is sent cannot be below the amount below which an e-mail is sent")]
    ChannelThresholdsOutOfOrder,
    #[error("the amount from which the owner takes over cannot be below the amount from which a senior does")]
    LevelThresholdsOutOfOrder,
    #[error("'{0}' is not a template language (nl or en)")]
    BadTemplateLang(String),
    #[error("'{0}' is not a payment grade (A, B, C, D)")]
    UnknownGrade(String),
    #[error("changed in another tab while you were editing: {}", fields.join(", "))]
    EditConflict { fields: Vec<String> },
}
