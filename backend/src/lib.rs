//! Everything behind Berth's two doors (the Leptos server functions and the REST API).
//!
//! Why it exists: both doors must apply the same authorization, validation, AWS calls and
//! audit trail, so that logic lives here once — in `services`, built on the AWS adapters
//! (`aws`), the database (`db`), authentication (`auth`) and the audit log (`audit`). Nothing
//! here knows about HTTP routing or Leptos.

pub mod audit;
pub mod auth;
pub mod aws;
pub mod cache;
pub mod db;
pub mod error;
pub mod jobs;
pub mod names;
pub mod services;
pub mod state;
#[cfg(any(test, feature = "test-util"))]
pub mod testing;

pub use error::ServiceError;
pub use state::{AppState, Settings};
