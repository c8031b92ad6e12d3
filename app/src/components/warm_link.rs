//! A link that fetches its target page's code chunk when it is hovered or focused, so the
//! click that follows (often a wizard, the heaviest pages) shows the page without waiting.

use leptos::prelude::*;

/// `<a href>` (the router handles the click) that calls `warm` on hover and on focus.
#[component]
pub fn WarmLink(
    href: &'static str,
    #[prop(optional)] class: &'static str,
    /// One of the `crate::routes::preload_*` functions.
    warm: fn(),
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href class=class on:mouseenter=move |_| warm() on:focus=move |_| warm()>
            {children()}
        </a>
    }
}
