//! Hash-based routes (`#/customers/12`): deep links work on any static host, with no server
//! fallback needed.

use crate::domain::{CustomerId, EventId, InvoiceId, PaymentId, StepKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Customers,
    Customer(CustomerId),
    CustomerNew,
    CustomerEdit(CustomerId),
    Invoices,
    InvoiceNew(Option<CustomerId>),
    InvoiceEdit(InvoiceId),
    CreditNoteNew(InvoiceId),
    Payments,
    PaymentNew(Option<CustomerId>),
    PaymentEdit(PaymentId),
    EventNew(CustomerId),
    EventEdit(EventId),
    Settings,
    Calculator,
    Risk,
    CreditCheck,
    Today,
    Letter(CustomerId, StepKind),
    Import,
    Figures,
    Market,
    Training,
    TrainingSummary,
    NotFound,
}

impl Route {
    /// Parses the part after `#`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let num = |s: &str| s.parse::<u32>().ok();
        let customer_q = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("customer="))
            .and_then(num)
            .map(CustomerId);
        match parts.as_slice() {
            [] => Route::Dashboard,
            ["customers"] => Route::Customers,
            ["customers", "new"] => Route::CustomerNew,
            ["customers", id] => num(id).map_or(Route::NotFound, |i| Route::Customer(CustomerId(i))),
            ["customers", id, "edit"] => num(id).map_or(Route::NotFound, |i| Route::CustomerEdit(CustomerId(i))),
            ["customers", id, "diary", "new"] => num(id).map_or(Route::NotFound, |i| Route::EventNew(CustomerId(i))),
            ["diary", id, "edit"] => num(id).map_or(Route::NotFound, |i| Route::EventEdit(EventId(i))),
            ["invoices"] => Route::Invoices,
            ["invoices", "new"] => Route::InvoiceNew(customer_q),
            ["invoices", id, "edit"] => num(id).map_or(Route::NotFound, |i| Route::InvoiceEdit(InvoiceId(i))),
            ["invoices", id, "credit"] => num(id).map_or(Route::NotFound, |i| Route::CreditNoteNew(InvoiceId(i))),
            ["payments"] => Route::Payments,
            ["payments", "new"] => Route::PaymentNew(customer_q),
            ["payments", id, "edit"] => num(id).map_or(Route::NotFound, |i| Route::PaymentEdit(PaymentId(i))),
            ["settings"] => Route::Settings,
            ["calculator"] => Route::Calculator,
            ["risk"] => Route::Risk,
            ["credit-check"] => Route::CreditCheck,
            ["today"] => Route::Today,
            ["import"] => Route::Import,
            ["figures"] => Route::Figures,
            ["market"] => Route::Market,
            ["training"] => Route::Training,
            ["training", "summary"] => Route::TrainingSummary,
            ["letter", c, step] => match (num(c), StepKind::from_key(step)) {
                (Some(c), Some(k)) => Route::Letter(CustomerId(c), k),
                _ => Route::NotFound,
            },
            _ => Route::NotFound,
        }
    }

    /// The link to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Dashboard | Route::NotFound => "#/".into(),
            Route::Customers => "#/customers".into(),
            Route::Customer(c) => format!("#/customers/{c}"),
            Route::CustomerNew => "#/customers/new".into(),
            Route::CustomerEdit(c) => format!("#/customers/{c}/edit"),
            Route::EventNew(c) => format!("#/customers/{c}/diary/new"),
            Route::EventEdit(e) => format!("#/diary/{e}/edit"),
            Route::Invoices => "#/invoices".into(),
            Route::InvoiceNew(None) => "#/invoices/new".into(),
            Route::InvoiceNew(Some(c)) => format!("#/invoices/new?customer={c}"),
            Route::InvoiceEdit(i) => format!("#/invoices/{i}/edit"),
            Route::CreditNoteNew(i) => format!("#/invoices/{i}/credit"),
            Route::Payments => "#/payments".into(),
            Route::PaymentNew(None) => "#/payments/new".into(),
            Route::PaymentNew(Some(c)) => format!("#/payments/new?customer={c}"),
            Route::PaymentEdit(p) => format!("#/payments/{p}/edit"),
            Route::Settings => "#/settings".into(),
            Route::Calculator => "#/calculator".into(),
            Route::Import => "#/import".into(),
            Route::Figures => "#/figures".into(),
            Route::Market => "#/market".into(),
            Route::Training => "#/training".into(),
            Route::TrainingSummary => "#/training/summary".into(),
            Route::Risk => "#/risk".into(),
            Route::CreditCheck => "#/credit-check".into(),
            Route::Today => "#/today".into(),
            Route::Letter(c, k) => format!("#/letter/{c}/{}", k.key()),
        }
    }

    /// The navigation section this route belongs to.
    pub fn section(&self) -> Route {
        match self {
            Route::Customers | Route::Customer(_) | Route::CustomerNew | Route::CustomerEdit(_) => Route::Customers,
            Route::EventNew(_) | Route::EventEdit(_) => Route::Customers,
            Route::Invoices | Route::InvoiceNew(_) | Route::InvoiceEdit(_) | Route::CreditNoteNew(_) => Route::Invoices,
            Route::Payments | Route::PaymentNew(_) | Route::PaymentEdit(_) => Route::Payments,
            Route::Settings | Route::Training | Route::TrainingSummary => Route::Settings,
            Route::Calculator => Route::Calculator,
            Route::Import => Route::Import,
            Route::Figures => Route::Figures,
            Route::Market => Route::Market,
            Route::Risk | Route::CreditCheck => Route::Risk,
            Route::Today | Route::Letter(..) => Route::Today,
            Route::Dashboard | Route::NotFound => Route::Dashboard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips() {
        let routes = [
            Route::Dashboard,
            Route::Customers,
            Route::Customer(CustomerId(12)),
            Route::CustomerNew,
            Route::CustomerEdit(CustomerId(3)),
            Route::EventNew(CustomerId(3)),
            Route::EventEdit(EventId(9)),
            Route::Invoices,
            Route::InvoiceNew(None),
            Route::InvoiceNew(Some(CustomerId(4))),
            Route::InvoiceEdit(InvoiceId(7)),
            Route::CreditNoteNew(InvoiceId(7)),
            Route::Payments,
            Route::PaymentNew(Some(CustomerId(1))),
            Route::PaymentEdit(PaymentId(2)),
            Route::Settings,
            Route::Calculator,
            Route::Risk,
            Route::CreditCheck,
            Route::Today,
            Route::Letter(CustomerId(3), StepKind::FinalNotice),
            Route::Import,
            Route::Figures,
            Route::Market,
            Route::Training,
            Route::TrainingSummary,
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.href()), r, "route {r:?}");
        }
        assert_eq!(Route::parse("#/customers/abc"), Route::NotFound);
        assert_eq!(Route::parse(""), Route::Dashboard);
    }
}
