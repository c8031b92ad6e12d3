//! API tokens of the signed-in user (the Tokens page).

mod create_token;
mod delete_token;
mod list_tokens;

pub use create_token::*;
pub use delete_token::*;
pub use list_tokens::*;
