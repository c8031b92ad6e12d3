//! One module per page (or group of pages) of the console.

pub mod audit;
pub mod home;
pub mod login;
pub mod not_found;
pub mod repositories;
pub mod roles;
pub mod task_definitions;
pub mod tokens;
