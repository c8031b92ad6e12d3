//! The only code that touches the AWS SDK.
//!
//! Why it exists: services work with Berth types and typed errors, and must be testable with
//! fakes. Each AWS service gets a narrow trait (what Berth calls) and one SDK-backed
//! implementation; all clients come from one `SdkConfig` built here (standard credential chain,
//! `AWS_ENDPOINT_URL`, pinned behaviour version, timeouts and standard retries).

pub mod ecr;
pub mod ecs;
mod ecs_map;
pub mod iam;
pub mod sts;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use std::time::Duration;

pub use ecr::{EcrApi, SdkEcr};
pub use ecs::{EcsApi, SdkEcs};
pub use iam::{IamApi, NewRole, RoleInfo, SdkIam};
pub use sts::{SdkSts, StsApi};

/// How to reach AWS.
#[derive(Clone, Debug, Default)]
pub struct AwsTarget {
    /// Overrides every service endpoint (moto in the sandbox); `None` uses the SDK's own rules,
    /// which already honour `AWS_ENDPOINT_URL`.
    pub endpoint_url: Option<String>,
    /// Sandbox: fixed dummy credentials and region, so the SDK never looks further (in
    /// particular never probes the instance-metadata service).
    pub sandbox: bool,
}

/// Region used when none is configured anywhere (and always in the sandbox).
pub const DEFAULT_REGION: &str = "us-east-1";

/// Builds the one `SdkConfig` every client is made from.
pub async fn load_config(target: &AwsTarget) -> SdkConfig {
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(5))
        .operation_attempt_timeout(Duration::from_secs(20))
        .operation_timeout(Duration::from_secs(60))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::v2026_01_12())
        .timeout_config(timeouts)
        .retry_config(RetryConfig::standard().with_max_attempts(3));
    if let Some(url) = &target.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if target.sandbox {
        loader = loader
            .region(Region::new(DEFAULT_REGION))
            .credentials_provider(aws_sdk_sts::config::Credentials::new(
                "testing",
                "testing",
                None,
                None,
                "berth-sandbox",
            ));
    } else {
        let region = aws_config::meta::region::RegionProviderChain::default_provider()
            .or_else(Region::new(DEFAULT_REGION));
        loader = loader.region(region);
    }
    loader.load().await
}

/// What kind of failure an AWS call had, as far as services care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwsErrorKind {
    NotFound,
    AlreadyExists,
    NotEmpty,
    /// The emulator (or a Region) does not implement the operation.
    Unsupported,
    Other,
}

/// An AWS (or emulator) failure: which operation, AWS's error code and message, request id.
#[derive(Clone, Debug, thiserror::Error)]
#[error("AWS {operation} failed: {code}: {message}")]
pub struct AwsError {
    pub operation: &'static str,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub kind: AwsErrorKind,
}

/// A successful AWS call's result with its request id (for the audit log).
#[derive(Clone, Debug)]
pub struct AwsOutput<T> {
    pub value: T,
    pub request_id: Option<String>,
}

/// The HTTP response type of SDK errors.
pub(crate) type RawResponse = aws_smithy_runtime_api::client::orchestrator::HttpResponse;
pub(crate) type SdkError<E> = aws_smithy_runtime_api::client::result::SdkError<E, RawResponse>;

/// Converts any SDK error into an [`AwsError`], classifying it with `classify(code)`.
pub(crate) fn sdk_error<E>(
    operation: &'static str,
    err: SdkError<E>,
    classify: fn(&str) -> AwsErrorKind,
) -> AwsError
where
    E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    use aws_smithy_runtime_api::client::result::SdkError as E2;
    let mut request_id = None;
    let mut status = 0;
    if let E2::ServiceError(e) = &err {
        let headers = e.raw().headers();
        request_id = ["x-amzn-requestid", "x-amz-request-id"]
            .iter()
            .find_map(|h| headers.get(*h))
            .map(str::to_string);
        status = e.raw().status().as_u16();
    }
    let (code, message) = match &err {
        E2::ServiceError(e) => (
            e.err().code().unwrap_or("Unknown").to_string(),
            e.err().message().unwrap_or_default().to_string(),
        ),
        E2::TimeoutError(_) => ("Timeout".into(), "the request timed out".into()),
        E2::DispatchFailure(_) => (
            "DispatchFailure".into(),
            "could not reach the AWS endpoint".into(),
        ),
        other => (
            "SdkError".into(),
            aws_sdk_sts::error::DisplayErrorContext(other).to_string(),
        ),
    };
    let kind = if status == 501 || code.contains("NotImplemented") {
        AwsErrorKind::Unsupported
    } else {
        classify(&code)
    };
    AwsError {
        operation,
        code,
        message,
        request_id,
        kind,
    }
}
