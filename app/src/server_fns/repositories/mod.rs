//! ECR repositories.

mod create_repository;
mod delete_repository;
mod get_repository;
mod list_images;
mod list_repositories;

pub use create_repository::*;
pub use delete_repository::*;
pub use get_repository::*;
pub use list_images::*;
pub use list_repositories::*;
