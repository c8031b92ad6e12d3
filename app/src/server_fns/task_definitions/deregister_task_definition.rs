//! The revision page's deregister (after confirmation).

use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/rpc", endpoint = "task-definitions/deregister")]
pub async fn deregister_task_definition(family: String, revision: i64) -> Result<(), AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::deregister(&state, &user, &family, revision).await?)
}
