//! The business rules, one module per area. Each public function takes the caller, checks
//! authorization, validates with the `validate` crate, calls AWS through an adapter and writes
//! the audit log — in that order.

pub mod audit_log;
pub mod auth;
pub mod health;
pub mod repositories;
pub mod roles;
pub mod task_definitions;
pub mod validation;
