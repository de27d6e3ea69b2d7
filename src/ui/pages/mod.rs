//! One module per page; `render` picks the page for a route.

mod calculator;
mod claim;
mod credit_check;
mod customer_form;
mod customers;
mod dashboard;
mod diary;
mod dunning_settings;
mod figures;
mod import;
mod invoices;
mod law_settings;
mod list;
mod market;
mod payments;
mod risk;
mod risk_settings;
mod settings;
mod training;
pub(crate) mod training_shell;
mod worklist;

use leptos::prelude::*;

use super::route::Route;
use super::components::tx;

pub fn render(route: Route) -> AnyView {
    match route {
        Route::Dashboard => view! { <dashboard::Dashboard/> }.into_any(),
        Route::Customers => view! { <customers::CustomerList/> }.into_any(),
        Route::Customer(id) => view! { <customers::CustomerDetail id=id/> }.into_any(),
        Route::CustomerNew => view! { <customer_form::CustomerForm id=None/> }.into_any(),
        Route::CustomerEdit(id) => view! { <customer_form::CustomerForm id=Some(id)/> }.into_any(),
        Route::Invoices => view! { <invoices::InvoiceList/> }.into_any(),
        Route::InvoiceNew(customer) => view! { <invoices::InvoiceForm id=None customer=customer/> }.into_any(),
        Route::InvoiceEdit(id) => view! { <invoices::InvoiceForm id=Some(id) customer=None/> }.into_any(),
        Route::CreditNoteNew(invoice) => view! { <invoices::CreditNoteForm invoice=invoice/> }.into_any(),
        Route::Payments => view! { <payments::PaymentList/> }.into_any(),
        Route::PaymentNew(customer) => view! { <payments::PaymentForm id=None customer=customer/> }.into_any(),
        Route::PaymentEdit(id) => view! { <payments::PaymentForm id=Some(id) customer=None/> }.into_any(),
        Route::EventNew(customer) => view! { <diary::EventForm id=None customer=Some(customer)/> }.into_any(),
        Route::EventEdit(id) => view! { <diary::EventForm id=Some(id) customer=None/> }.into_any(),
        Route::Settings => view! { <settings::Settings/> }.into_any(),
        Route::Calculator => view! { <calculator::Calculator/> }.into_any(),
        Route::Risk => view! { <risk::RiskOverview/> }.into_any(),
        Route::CreditCheck => view! { <credit_check::CreditCheck/> }.into_any(),
        Route::Today => view! { <worklist::Worklist/> }.into_any(),
        Route::Letter(customer, step) => view! { <worklist::LetterPage customer=customer step=step/> }.into_any(),
        Route::Import => view! { <import::ImportPage/> }.into_any(),
        Route::Figures => view! { <figures::FiguresPage/> }.into_any(),
        Route::Market => view! { <market::MarketPage/> }.into_any(),
        Route::Training => view! { <training::TrainingPage/> }.into_any(),
        Route::TrainingSummary => view! { <training::SummaryPage/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <div class="empty" data-testid="not-found">
            <h1>{tx("Pagina niet gevonden", "Page not found")}</h1>
            <a class="btn" href="#/">{tx("Naar het overzicht", "Go to the overview")}</a>
        </div>
    }
}
