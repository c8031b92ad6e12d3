//! Puts Berth's generated policy on an existing role, from a task definition (the revision
//! page's "bring the role in step"); generated and checked again on the server.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use validate::model::{CreateRoleRequest, RoleSummary};

#[server(name = PutRolePolicy, prefix = "/rpc", endpoint = "roles/policy", input = Json)]
pub async fn put_role_policy(
    name: String,
    request: CreateRoleRequest,
) -> Result<RoleSummary, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::put_policy(&state, &user, &name, &request).await?)
}
