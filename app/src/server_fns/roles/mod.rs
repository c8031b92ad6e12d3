//! IAM roles for tasks.

mod adopt_role;
mod create_role;
mod delete_role;
mod get_role;
mod list_roles;
mod put_role_policy;
mod update_trust_policy;

pub use adopt_role::*;
pub use create_role::*;
pub use delete_role::*;
pub use get_role::*;
pub use list_roles::*;
pub use put_role_policy::*;
pub use update_trust_policy::*;
