//! The catalogue's regular expressions (§1.2), compiled once.

use regex_lite::Regex;
use std::sync::OnceLock;

fn cached(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("catalogue regex compiles"))
}

/// ECR `RepositoryName` (botocore model).
pub fn repository_name() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(
        &CELL,
        r"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$",
    )
}

/// ECR `ImageTagMutabilityExclusionFilterValue`.
pub fn mutability_exclusion_filter() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(&CELL, r"^[0-9a-zA-Z._*-]{1,128}$")
}

/// ECR `RegistryId`: a 12-digit account id.
pub fn registry_id() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(&CELL, r"^[0-9]{12}$")
}

/// ECR `PullThroughCacheRuleRepositoryPrefix`.
pub fn cache_prefix() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(
        &CELL,
        r"^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*/?|ROOT)$",
    )
}

/// ECR `RepositoryFilterValue` (replication).
pub fn replication_filter() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(
        &CELL,
        r"^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$",
    )
}

/// ECR `ScanningRepositoryFilterValue`.
pub fn scanning_filter() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    cached(&CELL, r"^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$")
}
