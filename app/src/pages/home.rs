//! The start page: where the console is connected, and what to do next.

use crate::SessionResource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    view! {
        <Title text=""/>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(info) => Either::Left(view! {
                        <section class="home">
                            <h1>"Welcome, " {info.user.name.clone()}</h1>
                            <dl class="facts">
                                <dt>"AWS account"</dt>
                                <dd>{info.account.clone().unwrap_or_else(|| "not reached yet".into())}</dd>
                                <dt>"Region"</dt><dd>{info.region.clone()}</dd>
                                <dt>"Mode"</dt>
                                <dd>{if info.sandbox { "Sandbox (local AWS emulator)" } else { "AWS" }}</dd>
                                <dt>"Teams"</dt>
                                <dd>{if info.user.teams.is_empty() { "none".to_string() } else { info.user.teams.join(", ") }}</dd>
                            </dl>
                            <div class="cards">
                                <a href="/repositories" class="card">
                                    <h2>"Container repositories"</h2>
                                    <p>"Browse ECR repositories, see push commands, create one with the wizard."</p>
                                </a>
                                <a href="/audit" class="card">
                                    <h2>"Audit log"</h2>
                                    <p>"Who did what, when, with the AWS request ids."</p>
                                </a>
                            </div>
                        </section>
                    }),
                    Err(e) => Either::Right(view! { <crate::components::error_box::ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}
