//! Amazon ECS documents and their rules (catalogue §2.1–2.17).

pub mod fargate;
pub mod names;
pub mod scaling;
pub mod service;
pub mod task_definition;
