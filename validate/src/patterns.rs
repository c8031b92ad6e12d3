//! The catalogue's name formats (§1.2) as small hand-written matchers.
//!
//! Why not regexes: a regex engine was a tenth of the validator's WASM size for six
//! patterns. Each function below names the regex it implements; `tests/patterns.rs` checks
//! them against those regexes on generated strings.

/// `[a-z0-9]`.
fn alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// One path component of an ECR repository name:
/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
pub fn is_name_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &bytes[start..i];
        let ok = sep == b"." || sep == b"_" || sep == b"__" || sep.iter().all(|&b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// ECR `RepositoryName` (without the length rule):
/// `^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$`.
pub fn is_repository_name(name: &str) -> bool {
    name.split('/').all(is_name_component)
}

/// ECR `ImageTagMutabilityExclusionFilterValue`: `^[0-9a-zA-Z._*-]{1,128}$`.
pub fn is_exclusion_filter(f: &str) -> bool {
    (1..=128).contains(&f.len())
        && f.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._*-".contains(&b))
}

/// ECR `RegistryId`: `^[0-9]{12}$`.
pub fn is_registry_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// ECR `PullThroughCacheRuleRepositoryPrefix` (without the length rule):
/// `^([a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*/?|ROOT)$`.
pub fn is_cache_prefix(p: &str) -> bool {
    p == "ROOT" || is_repository_name(p.strip_suffix('/').unwrap_or(p))
}

/// ECR `RepositoryFilterValue` (replication, without the length rule):
/// `^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$`.
pub fn is_replication_filter(f: &str) -> bool {
    let segments: Vec<&str> = f.split('/').collect();
    let last = segments.len() - 1;
    segments.iter().enumerate().all(|(i, s)| {
        s.bytes().all(|b| alnum(b) || b"._-".contains(&b))
            && (i == last || s.bytes().next().is_some_and(alnum))
    })
}

/// ECR `ScanningRepositoryFilterValue` (without the length rule):
/// `^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$`.
pub fn is_scanning_filter(f: &str) -> bool {
    let word = |b: u8| alnum(b) || b == b'*';
    let sep = |b: u8| b"._-/".contains(&b);
    let bytes = f.as_bytes();
    !bytes.is_empty()
        && word(bytes[0])
        && word(bytes[bytes.len() - 1])
        && bytes.iter().all(|&b| word(b) || sep(b))
        && !bytes.windows(2).any(|w| sep(w[0]) && sep(w[1]))
}
