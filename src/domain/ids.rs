//! Typed ids: a customer id can never be used where an invoice id is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(/// A customer (debtor).
    CustomerId);
id_type!(/// An invoice or credit note.
    InvoiceId);
id_type!(/// A payment received.
    PaymentId);
id_type!(/// An entry in the collection diary.
    EventId);
