//! "Read from AWS at …" with a Refresh button, under lists that may be served from Berth's
//! few-seconds read cache: users see how fresh a page is and can ask for a new read.

use crate::components::time::utc;
use leptos::prelude::*;

/// `fetched_at` is the page's `fetchedAt`; each click bumps `refresh`, which the page's
/// resource watches (and then asks the server to skip the cache).
#[component]
pub fn Freshness(fetched_at: Option<String>, refresh: RwSignal<u32>) -> impl IntoView {
    view! {
        <p class="freshness">
            {fetched_at.map(|at| view! {
                "Read from AWS at " <time datetime=at.clone()>{utc(&at)}</time> ". "
            })}
            <button type="button" class="link" on:click=move |_| refresh.update(|n| *n += 1)>
                "Refresh"
            </button>
        </p>
    }
}
