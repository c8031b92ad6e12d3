//! ECR repositories: the list, the creation wizard and the detail page.

pub mod detail;
pub mod lifecycle;
pub mod list;
pub mod new;

use validate::model::Repository;

/// The repository's page in the AWS console.
pub fn console_url(repo: &Repository) -> String {
    let region = repo.region();
    format!(
        "https://{region}.console.aws.amazon.com/ecr/repositories/private/{}/{}?region={region}",
        repo.registry_id, repo.repository_name
    )
}

/// The console's own link to a repository's detail page.
pub fn detail_href(name: &str) -> String {
    format!("/repositories/{name}")
}
