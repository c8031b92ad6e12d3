//! ECS task definitions.

mod deregister_task_definition;
mod get_task_definition;
mod list_task_definition_families;
mod list_task_definition_revisions;
mod register_task_definition;

pub use deregister_task_definition::*;
pub use get_task_definition::*;
pub use list_task_definition_families::*;
pub use list_task_definition_revisions::*;
pub use register_task_definition::*;
