//! Typed errors every service returns; the doors map them to REST bodies and UI messages.
//!
//! Each variant has a stable `code` (product.md's error table) and an HTTP status. Messages are
//! safe to show to users; internal details are logged, never returned.

use crate::aws::AwsError;
use validate::Finding;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("sign in first")]
    Unauthenticated,
    /// One message for unknown users and wrong passwords alike.
    #[error("invalid username or password")]
    InvalidCredentials,
    #[error("{0}")]
    Forbidden(String),
    /// A refusal tied to fields of the request (a role another team owns named in a task
    /// definition): the findings point at them.
    #[error("{message}")]
    ForbiddenAt {
        message: String,
        findings: Vec<Finding>,
    },
    #[error("you cannot approve your own change")]
    SelfApproval,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    AlreadyExists(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the request has {} error(s); fix the fields named in the findings", count_errors(.0))]
    Validation(Vec<Finding>),
    #[error("too many attempts; try again in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error("internal error")]
    Internal(String),
}

fn count_errors(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.is_error()).count()
}

impl ServiceError {
    /// The error code of product.md's table.
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::BadRequest(_) => "bad_request",
            ServiceError::Unauthenticated => "unauthenticated",
            ServiceError::InvalidCredentials => "invalid_credentials",
            ServiceError::Forbidden(_) | ServiceError::ForbiddenAt { .. } => "forbidden",
            ServiceError::SelfApproval => "self_approval",
            ServiceError::NotFound(_) => "not_found",
            ServiceError::AlreadyExists(_) => "already_exists",
            ServiceError::Conflict(_) => "conflict",
            ServiceError::Validation(_) => "validation_failed",
            ServiceError::RateLimited { .. } => "rate_limited",
            ServiceError::Aws(_) => "aws_error",
            ServiceError::Internal(_) => "internal",
        }
    }

    /// The HTTP status the REST API answers with.
    pub fn status(&self) -> u16 {
        match self {
            ServiceError::BadRequest(_) => 400,
            ServiceError::Unauthenticated | ServiceError::InvalidCredentials => 401,
            ServiceError::Forbidden(_)
            | ServiceError::ForbiddenAt { .. }
            | ServiceError::SelfApproval => 403,
            ServiceError::NotFound(_) => 404,
            ServiceError::AlreadyExists(_) | ServiceError::Conflict(_) => 409,
            ServiceError::Validation(_) => 422,
            ServiceError::RateLimited { .. } => 429,
            ServiceError::Aws(_) => 502,
            ServiceError::Internal(_) => 500,
        }
    }

    /// Findings carried by a validation error.
    pub fn findings(&self) -> Option<&[Finding]> {
        match self {
            ServiceError::Validation(f) | ServiceError::ForbiddenAt { findings: f, .. } => Some(f),
            _ => None,
        }
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        ServiceError::Internal(e.to_string())
    }
}

impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        ServiceError::Internal(e.to_string())
    }
}
