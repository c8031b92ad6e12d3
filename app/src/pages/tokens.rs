//! API tokens for CI pipelines: create one (its secret is shown once), see when each was last
//! used and when it expires, delete one (it stops working at once).

use crate::components::confirm::ConfirmAction;
use crate::components::copy_block::CopyBlock;
use crate::components::error_box::ErrorBox;
use crate::page_data::page_resource;
use crate::server_fns::tokens::{list_tokens, CreateToken, DeleteToken};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use validate::model::TokenInfo;

#[component]
pub fn TokensPage() -> impl IntoView {
    let create = ServerAction::<CreateToken>::new();
    let delete = ServerAction::<DeleteToken>::new();
    let tokens = page_resource(
        move || (create.version().get(), delete.version().get()),
        |_| list_tokens(),
    );
    view! {
        <Title text="API tokens"/>
        <h1>"API tokens"</h1>
        <p>"A token acts as you for CI pipelines: send it as " <code>"Authorization: Bearer <token>"</code>
           ". It cannot create other tokens, and it stops working when it expires or you delete it."</p>
        <NewToken action=create/>
        <h2>"Your tokens"</h2>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match tokens.await {
                    Ok(list) if list.is_empty() => EitherOf3::A(view! {
                        <p class="empty">"You have no tokens yet."</p>
                    }),
                    Ok(list) => EitherOf3::B(view! {
                        <table class="list">
                            <thead><tr>
                                <th>"Name"</th><th>"Created"</th><th>"Last used"</th><th>"Expires"</th><th></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|t| view! { <TokenRow token=t action=delete/> }).collect_view()}
                            </tbody>
                        </table>
                    }),
                    Err(e) => EitherOf3::C(view! { <ErrorBox error=e/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewToken(action: ServerAction<CreateToken>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let days = RwSignal::new(90i64);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(CreateToken {
            name: name.get(),
            expires_in_days: Some(days.get()),
        });
    };
    view! {
        <form class="stack" on:submit=on_submit>
            <h2>"New token"</h2>
            <label for="token-name">"Name"</label>
            <input id="token-name" required maxlength="100" placeholder="ci-deploy"
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="token-days">"Expires after (days, 1–365)"</label>
            <input id="token-days" type="number" min="1" max="365" prop:value=move || days.get().to_string()
                on:input=move |ev| days.set(event_target_value(&ev).parse().unwrap_or(90))/>
            <div class="actions">
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create token" }}
                </button>
            </div>
            {move || action.value().get().map(|result| match result {
                Ok(token) => Either::Left(view! {
                    <div class="notice" role="status">
                        <p>"Copy the token now: Berth shows it only once."</p>
                        <CopyBlock text=token label="Token"/>
                    </div>
                }),
                Err(e) => Either::Right(view! { <ErrorBox error=e/> }),
            })}
        </form>
    }
}

#[component]
fn TokenRow(token: TokenInfo, action: ServerAction<DeleteToken>) -> impl IntoView {
    let id = token.id;
    view! {
        <tr>
            <td>{token.name}</td>
            <td><time datetime=token.created_at.clone()>{crate::components::time::utc(&token.created_at)}</time></td>
            <td>{token.last_used_at.as_deref().map_or("never".to_string(), crate::components::time::utc)}</td>
            <td><time datetime=token.expires_at.clone()>{crate::components::time::utc(&token.expires_at)}</time></td>
            <td>
                <ConfirmAction open_label="Delete…" confirm_label="Delete token" busy_label="Deleting…" danger=true
                    warning="Pipelines using this token lose access at once."
                    pending=action.pending() error=Signal::derive(move || action.value().get().and_then(|r| r.err()))
                    on_confirm=Callback::new(move |()| { action.dispatch(DeleteToken { id }); })/>
            </td>
        </tr>
    }
}
