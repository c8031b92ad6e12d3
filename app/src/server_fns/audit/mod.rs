//! The audit log.

mod list_audit_events;
pub use list_audit_events::*;
