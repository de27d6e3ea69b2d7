//! Placeholder shell; replaced by the app.
use leptos::prelude::*;

pub fn mount() {
    leptos::mount::mount_to_body(|| view! { <main data-testid="app">"Stipt"</main> });
}
