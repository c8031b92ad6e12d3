//! Amazon ECR documents and their rules (catalogue §2.18–2.20): `CreateRepository`
//! ([`repository`]), lifecycle policies ([`lifecycle`]) and the registry-level documents
//! ([`registry`]: scanning configuration, repository and registry policies, pull-through cache
//! rules, replication, creation templates, cross-account pulls). What is left out is listed in
//! the crate documentation.

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
