//! ECS task definitions: families, a family's revisions, one revision (export, deregister)
//! and the field-level diff between two revisions; import into the wizard.

pub mod compare;
pub mod family;
pub mod import;
pub mod list;
pub mod new;
pub mod revision;

use leptos::prelude::{RwSignal, Set};

/// A document handed from the import page to the wizard ("Edit in the wizard"), kept in the
/// browser only: client-side navigation keeps it, a reload forgets it.
#[derive(Clone, Copy, Debug)]
pub struct Draft(pub RwSignal<Option<serde_json::Value>>);

impl Draft {
    pub fn new() -> Self {
        Draft(RwSignal::new(None))
    }

    pub fn put(&self, doc: serde_json::Value) {
        self.0.set(Some(doc));
    }
}

impl Default for Draft {
    fn default() -> Self {
        Draft::new()
    }
}

/// The family's page in the AWS console.
pub fn family_console_url(region: &str, family: &str) -> String {
    format!(
        "https://{region}.console.aws.amazon.com/ecs/v2/task-definitions/{family}?region={region}"
    )
}

/// One revision's page in the AWS console.
pub fn revision_console_url(region: &str, family: &str, revision: i64) -> String {
    format!("https://{region}.console.aws.amazon.com/ecs/v2/task-definitions/{family}/{revision}/containers?region={region}")
}

/// The Region of an ARN (`arn:aws:ecs:us-east-1:…`).
pub fn region_of(arn: &str) -> String {
    arn.split(':').nth(3).unwrap_or("us-east-1").to_string()
}
