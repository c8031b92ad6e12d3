//! Who is signed in, and what the console is connected to.

mod get_session_info;
pub use get_session_info::*;
