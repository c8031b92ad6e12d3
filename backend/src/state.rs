//! Application state handed to every request: database, AWS adapters, settings, health.
//!
//! Built once at start-up (server/) and shared by the REST routes and, through Leptos
//! context, by the server functions. Adapters are trait objects so tests can swap in fakes.

use crate::aws::{EcrApi, EcsApi, IamApi, StsApi};
use crate::cache::ReadCache;
use crate::db::Db;
use crate::services::health::Health;
use std::sync::Arc;

/// Settings services need (not secrets: nothing here may be shown to a browser unless noted).
#[derive(Clone, Debug)]
pub struct Settings {
    /// The AWS Region the clients talk to.
    pub region: String,
    /// True when AWS is the local emulator (the UI says so).
    pub sandbox: bool,
    /// A managed policy ARN every role Berth creates gets as its permissions boundary
    /// (`BERTH_ROLE_PERMISSIONS_BOUNDARY`).
    pub role_permissions_boundary: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub ecr: Arc<dyn EcrApi>,
    pub ecs: Arc<dyn EcsApi>,
    pub iam: Arc<dyn IamApi>,
    pub sts: Arc<dyn StsApi>,
    pub settings: Arc<Settings>,
    pub health: Arc<Health>,
    /// AWS list reads of the last few seconds, shared by every request.
    pub cache: ReadCache,
}
