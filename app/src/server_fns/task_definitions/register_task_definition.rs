//! Registers a task definition from the import page (and later the wizard); the server
//! validates it again before ECS sees it.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use validate::model::TaskDefinitionRevision;

#[server(name = RegisterTaskDefinition, prefix = "/rpc", endpoint = "task-definitions/register", input = Json)]
pub async fn register_task_definition(
    document: serde_json::Value,
) -> Result<TaskDefinitionRevision, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::task_definitions::register(&state, &user, &document).await?)
}
