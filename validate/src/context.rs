//! Facts a rule needs that are not in the document itself.
//!
//! The browser fills in what the user chose; the server adds what it learned from AWS. A fact
//! left `None` means "unknown": rules that depend on it do not fire.

use serde::{Deserialize, Serialize};

/// Evaluation context shared by all rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Context {
    /// The AWS Region the request goes to (`us-east-1`).
    pub region: Option<String>,
    /// Whether a repository with the requested name already exists (server only).
    pub repository_exists: Option<bool>,
    /// Repository prefixes of the registry's pull-through cache rules (server only).
    pub pull_through_cache_prefixes: Vec<String>,
}
