//! Amazon ECR documents and their rules (catalogue §2.18–2.19).
//!
//! Implemented: ECR-REPO-001…006, ECR-ENC-001/002/003/005, ECR-MUT-001…005, ECR-SCAN-001,
//! ECR-LCP-001…020, plus `SCHEMA` for wrong-typed values.
//!
//! Not (yet) here, and why:
//! - ECR-REPO-003 fires only when the server puts `repository_exists` in the context; the
//!   create service instead lets ECR answer (409 `already_exists`), saving a call.
//! - ECR-ENC-004 concerns editing a repository; Berth offers no edit of encryption (the wizard
//!   says it is fixed at creation).
//! - ECR-MUT-006 and ECR-LCP-021 need live facts (pull-through-cache repositories, images in
//!   use by task definitions) that the server does not gather yet.
//! - ECR-SCAN-002…004, ECR-POL-*, ECR-AUTH-*, ECR-PTC-*, ECR-REPL-*, ECR-TPL-* validate other
//!   documents (registry scanning, repository policies, pull-through cache, replication).

pub mod lifecycle;
pub mod registry;
pub mod repository;

pub use lifecycle::{
    check_lifecycle_policy, check_lifecycle_policy_value, LifecycleAction, LifecyclePolicy,
    LifecycleRule, LifecycleSelection,
};
pub use repository::{
    check_repository, check_repository_value, CreateRepository, EncryptionConfiguration,
    ExclusionFilter, ImageScanningConfiguration, Tag, ENCRYPTION_TYPES, TAG_MUTABILITIES,
};
