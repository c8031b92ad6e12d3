//! The sign-in page: a plain HTML form posted to `/login`, so it works before (and without)
//! hydration. The server answers with a redirect; errors come back as `?error=`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let error = move || {
        query.read().get("error").map(|e| match e.as_str() {
            "rate_limited" => "Too many failed attempts. Wait a few minutes and try again.",
            "session" => "Your session has ended. Please sign in again.",
            _ => "Invalid username or password.",
        })
    };
    let next = move || query.read().get("next").unwrap_or_else(|| "/".to_string());
    view! {
        <Title text="Sign in"/>
        <section class="login">
            <h1>"Sign in to Berth"</h1>
            {move || error().map(|e| view! { <p class="error-box" role="alert">{e}</p> })}
            <form method="post" action="/login" class="stack">
                <input type="hidden" name="next" prop:value=next value=next/>
                <label for="username">"Username"</label>
                <input id="username" name="username" autocomplete="username" required autofocus/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit">"Sign in"</button>
            </form>
        </section>
    }
}
