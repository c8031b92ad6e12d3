//! The role wizard's submit (validated and generated again on the server).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use validate::model::{CreateRoleRequest, CreatedRole};

#[server(name = SubmitRole, prefix = "/rpc", endpoint = "roles/create", input = Json)]
pub async fn create_role(request: CreateRoleRequest) -> Result<CreatedRole, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::roles::create(&state, &user, &request).await?)
}
