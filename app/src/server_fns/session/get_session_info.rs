//! Who is signed in and what the console is connected to (header, home page, wizards).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use validate::model::UserInfo;

/// What every page header shows. Never includes credentials.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: UserInfo,
    pub region: String,
    pub sandbox: bool,
    /// The AWS account id, once the health probe has seen it.
    pub account: Option<String>,
}

impl SessionInfo {
    /// Deployers, approvers (roles are cumulative) and admins create and change resources.
    pub fn can_deploy(&self) -> bool {
        self.user
            .roles
            .iter()
            .any(|r| r == "deployer" || r == "approver" || r == "admin")
    }

    /// Admins may do what the IAM guard rails refuse others (with a warning).
    pub fn is_admin(&self) -> bool {
        self.user.roles.iter().any(|r| r == "admin")
    }
}

#[server(prefix = "/rpc", endpoint = "session/info")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    let (state, user) = crate::server_fns::ctx::caller().await?;
    Ok(SessionInfo {
        user: user.info(),
        region: state.settings.region.clone(),
        sandbox: state.settings.sandbox,
        account: state.health.account(),
    })
}
