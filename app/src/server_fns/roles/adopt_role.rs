//! The role page's "Adopt into a team" (admins): tags the role `berth:team=<team>`.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RoleSummary;

#[server(prefix = "/rpc", endpoint = "roles/adopt")]
pub async fn adopt_role(name: String, team: String) -> Result<RoleSummary, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::adopt(&state, &user, &name, &team).await?)
}
