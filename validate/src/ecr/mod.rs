//! Amazon ECR documents and their rules (catalogue §2.18–2.19).

pub mod lifecycle;
pub mod repository;

pub use lifecycle::{
    check_lifecycle_policy, check_lifecycle_policy_value, LifecycleAction, LifecyclePolicy,
    LifecycleRule, LifecycleSelection,
};
pub use repository::{
    check_repository, check_repository_value, CreateRepository, EncryptionConfiguration,
    ExclusionFilter, ImageScanningConfiguration, Tag, ENCRYPTION_TYPES, TAG_MUTABILITIES,
};
