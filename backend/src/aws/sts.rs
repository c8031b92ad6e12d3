//! STS: who are we talking to (the health check's proof that the AWS endpoint answers).

use super::{sdk_error, AwsError, AwsErrorKind};
use async_trait::async_trait;

#[async_trait]
pub trait StsApi: Send + Sync {
    /// The account id of the configured credentials.
    async fn caller_account(&self) -> Result<String, AwsError>;
}

pub struct SdkSts {
    client: aws_sdk_sts::Client,
}

impl SdkSts {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        SdkSts {
            client: aws_sdk_sts::Client::new(config),
        }
    }
}

#[async_trait]
impl StsApi for SdkSts {
    async fn caller_account(&self) -> Result<String, AwsError> {
        let out = self
            .client
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| sdk_error("sts:GetCallerIdentity", e, |_| AwsErrorKind::Other))?;
        Ok(out.account().unwrap_or_default().to_string())
    }
}
