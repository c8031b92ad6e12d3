//! Validation on demand (`POST /api/v1/validate/{kind}`, `berth validate`): the same rules
//! the wizards run in the browser, with the server's context (the Region) filled in.

use crate::auth::{authorize, Action, User};
use crate::{AppState, ServiceError};
use serde_json::Value;
use validate::{Context, Kind, Report};

/// Context the caller may state for rules that depend on how the document will be used.
#[derive(Clone, Debug, Default)]
pub struct CallerContext {
    pub launch_type: Option<String>,
    pub os: Option<String>,
    pub platform_version: Option<String>,
}

/// Validates `doc` as `kind` (a name from the URL); `NotFound` for unknown kinds.
pub fn validate(
    state: &AppState,
    user: &User,
    kind: &str,
    doc: &Value,
    given: CallerContext,
) -> Result<Report, ServiceError> {
    authorize(user, Action::Read)?;
    let kind = Kind::parse(kind)
        .ok_or_else(|| ServiceError::NotFound(format!("no validator for `{kind}`")))?;
    let ctx = Context {
        launch_type: given.launch_type,
        os: given.os,
        platform_version: given.platform_version,
        ..context(state)
    };
    Ok(validate::check(kind, doc, &ctx))
}

/// The context the server knows without calling AWS.
pub fn context(state: &AppState) -> Context {
    Context {
        region: Some(state.settings.region.clone()),
        ..Context::default()
    }
}
