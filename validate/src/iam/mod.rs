//! IAM for ECS (catalogue §2.21): trust policies of task and execution roles, `CreateRole`
//! requests, and permission policies.
//!
//! Implemented here: IAM-001, IAM-003, IAM-004 (CreateRole), IAM-005, IAM-006, IAM-007,
//! IAM-008, IAM-021 (trust policies), IAM-011, IAM-013, IAM-014, IAM-016 (permission
//! policies). IAM-002 takes the existing role names from the context. The IAM-GUARD-* series
//! ([`guard`]) holds what Berth refuses to write into IAM for a user.

pub mod generate;
pub mod guard;
pub mod permissions;
pub mod policy;
pub mod role;
pub mod trust;

pub use policy::{PolicyDocument, Statement};
pub use role::{check_create_role, check_create_role_value, CreateRole};
pub use trust::{check_trust_policy, check_trust_policy_value};
