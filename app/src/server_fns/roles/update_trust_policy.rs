//! Applies a trust policy to a role (the detail page's "apply the fix"); the server checks
//! it with the trust-policy rules before IAM sees it.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use validate::model::RoleSummary;

#[server(name = UpdateTrustPolicy, prefix = "/rpc", endpoint = "roles/trust-policy", input = Json)]
pub async fn update_trust_policy(
    name: String,
    document: serde_json::Value,
) -> Result<RoleSummary, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::update_trust_policy(&state, &user, &name, &document).await?)
}
