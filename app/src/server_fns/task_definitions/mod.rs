//! ECS task definitions.

mod check_task_definition_roles;
mod deregister_task_definition;
mod get_task_definition;
mod list_task_definition_families;
mod list_task_definition_revisions;
mod register_task_definition;

pub use check_task_definition_roles::*;
pub use deregister_task_definition::*;
pub use get_task_definition::*;
pub use list_task_definition_families::*;
pub use list_task_definition_revisions::*;
pub use register_task_definition::*;
