//! Findings: what a rule says about one field, and the report the API and CLI print.

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// AWS would reject the request, or the task could never start: blocks submission.
    Error,
    /// AWS accepts it, but it will likely hurt.
    Warning,
}

/// One rule's verdict on one field.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The catalogue id (`ECR-REPO-001`) or `SCHEMA` for a value of the wrong type.
    pub rule: String,
    pub severity: Severity,
    /// Field path relative to the validated document: `rules[0].selection.countUnit`.
    pub path: String,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Collects findings while rules run; paths are joined onto an optional prefix.
#[derive(Debug, Default)]
pub struct Findings {
    prefix: String,
    items: Vec<Finding>,
}

impl Findings {
    /// A collector whose paths are relative to the document root.
    pub fn new() -> Self {
        Self::default()
    }

    /// A collector whose paths are prefixed (`lifecyclePolicy` → `lifecyclePolicy.rules[0]`).
    pub fn with_prefix(prefix: &str) -> Self {
        Findings {
            prefix: prefix.to_string(),
            items: Vec::new(),
        }
    }

    fn full_path(&self, path: &str) -> String {
        join_path(&self.prefix, path)
    }

    /// Records an error at `path` (a string, or `(base, field)` to be joined with a dot).
    /// (Never inlined, like `warning` and `push`: hundreds of call sites stay a plain call,
    /// which keeps the WASM bundle small.)
    #[inline(never)]
    pub fn error(&mut self, rule: &str, path: impl IntoPath, message: impl Into<String>) {
        self.push(rule, Severity::Error, path, message.into());
    }

    /// Records a warning at `path` (as for [`Findings::error`]).
    #[inline(never)]
    pub fn warning(&mut self, rule: &str, path: impl IntoPath, message: impl Into<String>) {
        self.push(rule, Severity::Warning, path, message.into());
    }

    #[inline(never)]
    fn push(&mut self, rule: &str, severity: Severity, path: impl IntoPath, message: String) {
        let path = path.join_onto(&self.prefix);
        self.items.push(Finding {
            rule: rule.to_string(),
            severity,
            path,
            message,
        });
    }

    /// Adds findings produced elsewhere (their paths are taken as relative to this collector).
    pub fn extend(&mut self, other: Vec<Finding>) {
        for mut f in other {
            f.path = self.full_path(&f.path);
            self.items.push(f);
        }
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.items
    }
}

/// A finding's path: a whole path, or `(base, field)` joined as `base.field` (cheaper in
/// WASM than formatting each path at its call site).
pub trait IntoPath {
    fn join_onto(self, prefix: &str) -> String;
}

impl IntoPath for &str {
    fn join_onto(self, prefix: &str) -> String {
        join_path(prefix, self)
    }
}

impl IntoPath for &String {
    fn join_onto(self, prefix: &str) -> String {
        join_path(prefix, self)
    }
}

impl IntoPath for (&str, &str) {
    fn join_onto(self, prefix: &str) -> String {
        join_path(prefix, &join_path(self.0, self.1))
    }
}

impl IntoPath for (&String, &str) {
    fn join_onto(self, prefix: &str) -> String {
        (self.0.as_str(), self.1).join_onto(prefix)
    }
}

/// Joins a field path onto a prefix: `("a", "b")` → `a.b`, `("a", "[0].b")` → `a[0].b`.
#[inline(never)]
pub fn join_path(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) if path.starts_with('[') => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

/// The body of `POST /api/v1/validate/{kind}` and of `berth validate`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
}

impl Report {
    pub fn new(findings: Vec<Finding>) -> Self {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        Report {
            warnings: findings.len() - errors,
            errors,
            findings,
        }
    }

    /// True when nothing blocks the request.
    pub fn is_ok(&self) -> bool {
        self.errors == 0
    }

    /// The findings at exactly this path (what the UI shows next to a field).
    pub fn at<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.path == path)
    }

    /// The findings at this path or below it (`lifecyclePolicy` matches `lifecyclePolicy.rules[0]`).
    pub fn under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| {
            f.path == path
                || f.path
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_path_handles_indices_and_empty_parts() {
        assert_eq!(join_path("", "a"), "a");
        assert_eq!(join_path("a", ""), "a");
        assert_eq!(join_path("a", "b"), "a.b");
        assert_eq!(join_path("rules", "[0].x"), "rules[0].x");
    }

    #[test]
    fn report_counts_and_filters() {
        let mut f = Findings::with_prefix("lifecyclePolicy");
        f.error("R1", "rules[0].selection", "e");
        f.warning("R2", "rules", "w");
        let r = Report::new(f.into_vec());
        assert_eq!((r.errors, r.warnings), (1, 1));
        assert_eq!(r.findings[0].path, "lifecyclePolicy.rules[0].selection");
        assert_eq!(r.under("lifecyclePolicy.rules").count(), 2);
        assert_eq!(r.under("lifecyclePolicy.rule").count(), 0);
        assert_eq!(r.at("lifecyclePolicy.rules").count(), 1);
        assert!(!r.is_ok());
    }
}
