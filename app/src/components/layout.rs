//! The page header: navigation, who is signed in, sign-out, and the sandbox notice.

use crate::SessionResource;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AppHeader() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <header class="top">
            <a class="skip" href="#main">"Skip to content"</a>
            <A href="/" attr:class="brand">"Berth"</A>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    session.await.ok().map(|info| view! {
                        <nav aria-label="Main">
                            <A href="/repositories">"Repositories"</A>
                            <A href="/task-definitions">"Task definitions"</A>
                            <A href="/roles">"Roles"</A>
                            <A href="/audit">"Audit log"</A>
                            <A href="/tokens">"API tokens"</A>
                        </nav>
                        <div class="who">
                            <span class="region" title="AWS Region">{info.region.clone()}</span>
                            <span class="user">{info.user.name.clone()}
                                <small>" (" {info.user.roles.join(", ")} ")"</small>
                            </span>
                            <form method="post" action="/logout">
                                <button type="submit" class="link">"Sign out"</button>
                            </form>
                        </div>
                        {info.sandbox.then(|| view! {
                            <p class="sandbox-banner" role="note">
                                "Sandbox: AWS is a local emulator (moto). Its resources start fresh at every restart; Berth's own data persists."
                            </p>
                        })}
                    })
                })}
            </Suspense>
        </header>
    }
}
