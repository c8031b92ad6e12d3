//! Building blocks shared by pages: layout, field messages, JSON and command blocks, drafts.

pub mod confirm;
pub mod copy_block;
pub mod error_box;
pub mod findings;
pub mod freshness;
pub mod inputs;
pub mod json_view;
pub mod layout;
pub mod local_draft;
pub mod time;
pub mod warm_link;
