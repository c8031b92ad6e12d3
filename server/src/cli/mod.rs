//! Subcommands other than `serve`.

pub mod users;
pub mod validate;
