//! The detail page's data: the repository and its lifecycle policy.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RepositoryDetail;

#[server(prefix = "/rpc", endpoint = "repositories/get")]
pub async fn get_repository(name: String) -> Result<RepositoryDetail, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::repositories::get(&state, &user, &name).await?)
}
