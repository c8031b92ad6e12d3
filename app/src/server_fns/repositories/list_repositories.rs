//! The list page's data: one page of repositories, following ECR's nextToken (`refresh`
//! skips the few-seconds read cache).

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::RepositoryPage;

/// Page size of the repositories list.
pub const PAGE_SIZE: i32 = 20;

#[server(prefix = "/rpc", endpoint = "repositories/list")]
pub async fn list_repositories(
    next_token: Option<String>,
    #[server(default)] refresh: bool,
) -> Result<RepositoryPage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(
        backend::services::repositories::list(&state, &user, Some(PAGE_SIZE), next_token, refresh)
            .await?,
    )
}
