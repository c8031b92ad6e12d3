//! A repository's images, newest first: the tags the task definition wizard's image picker
//! offers.

use crate::error::AppError;
use leptos::prelude::*;
use validate::model::ImagePage;

#[server(prefix = "/rpc", endpoint = "repositories/images")]
pub async fn list_images(
    repository: String,
    next_token: Option<String>,
) -> Result<ImagePage, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(backend::services::repositories::images(&state, &user, &repository, next_token).await?)
}
