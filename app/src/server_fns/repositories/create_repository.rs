//! The wizard's submit: the server validates the request again before ECR sees it.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use validate::ecr::CreateRepository;
use validate::model::Repository;

/// Creates the repository the wizard built (validated again on the server).
#[server(name = SubmitRepository, prefix = "/rpc", endpoint = "repositories/create", input = Json)]
pub async fn create_repository(request: CreateRepository) -> Result<Repository, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::repositories::create(&state, &user, &request).await?)
}
