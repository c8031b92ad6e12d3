//! ECR: repositories, their lifecycle policies and their images.

use super::{sdk_error, AwsError, AwsErrorKind, AwsOutput};
use async_trait::async_trait;
use aws_sdk_ecr::operation::RequestId;
use aws_sdk_ecr::types as ecr;
use aws_smithy_types::date_time::Format;
use validate::ecr::ImageScanningConfiguration;
use validate::ecr::{CreateRepository, EncryptionConfiguration, ExclusionFilter};
use validate::model::{ImageSummary, Repository};

/// What Berth asks of ECR.
#[async_trait]
pub trait EcrApi: Send + Sync {
    /// One page of repositories (or the named ones).
    async fn describe_repositories(
        &self,
        names: Option<Vec<String>>,
        max_results: Option<i32>,
        next_token: Option<String>,
    ) -> Result<(Vec<Repository>, Option<String>), AwsError>;
    async fn create_repository(
        &self,
        request: &CreateRepository,
    ) -> Result<AwsOutput<Repository>, AwsError>;
    async fn put_lifecycle_policy(&self, name: &str, text: &str)
        -> Result<AwsOutput<()>, AwsError>;
    /// The policy text, or `None` when the repository has none.
    async fn get_lifecycle_policy(&self, name: &str) -> Result<Option<String>, AwsError>;
    async fn delete_repository(&self, name: &str, force: bool) -> Result<AwsOutput<()>, AwsError>;
    /// One page of a repository's images (in ECR's order).
    async fn describe_images(
        &self,
        name: &str,
        next_token: Option<String>,
    ) -> Result<(Vec<ImageSummary>, Option<String>), AwsError>;
}

fn classify(code: &str) -> AwsErrorKind {
    match code {
        "RepositoryNotFoundException" | "LifecyclePolicyNotFoundException" => {
            AwsErrorKind::NotFound
        }
        "RepositoryAlreadyExistsException" => AwsErrorKind::AlreadyExists,
        "RepositoryNotEmptyException" => AwsErrorKind::NotEmpty,
        _ => AwsErrorKind::Other,
    }
}

/// The SDK-backed ECR adapter.
pub struct SdkEcr {
    client: aws_sdk_ecr::Client,
}

impl SdkEcr {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        SdkEcr {
            client: aws_sdk_ecr::Client::new(config),
        }
    }
}

fn invalid(operation: &'static str, e: impl std::fmt::Display) -> AwsError {
    AwsError {
        operation,
        code: "InvalidRequest".into(),
        message: e.to_string(),
        request_id: None,
        kind: AwsErrorKind::Other,
    }
}

fn to_repository(r: &ecr::Repository) -> Repository {
    Repository {
        repository_name: r.repository_name().unwrap_or_default().to_string(),
        repository_arn: r.repository_arn().unwrap_or_default().to_string(),
        registry_id: r.registry_id().unwrap_or_default().to_string(),
        repository_uri: r.repository_uri().unwrap_or_default().to_string(),
        created_at: r.created_at().and_then(|d| d.fmt(Format::DateTime).ok()),
        image_tag_mutability: r
            .image_tag_mutability()
            .map_or("MUTABLE", |m| m.as_str())
            .to_string(),
        image_tag_mutability_exclusion_filters: r
            .image_tag_mutability_exclusion_filters()
            .iter()
            .map(|f| ExclusionFilter {
                filter_type: Some(f.filter_type().as_str().to_string()),
                filter: Some(f.filter().to_string()),
            })
            .collect(),
        image_scanning_configuration: ImageScanningConfiguration {
            scan_on_push: Some(
                r.image_scanning_configuration()
                    .is_some_and(|c| c.scan_on_push()),
            ),
        },
        encryption_configuration: EncryptionConfiguration {
            encryption_type: Some(
                r.encryption_configuration()
                    .map_or("AES256", |e| e.encryption_type().as_str())
                    .to_string(),
            ),
            kms_key: r
                .encryption_configuration()
                .and_then(|e| e.kms_key())
                .map(str::to_string),
        },
    }
}

#[async_trait]
impl EcrApi for SdkEcr {
    async fn describe_repositories(
        &self,
        names: Option<Vec<String>>,
        max_results: Option<i32>,
        next_token: Option<String>,
    ) -> Result<(Vec<Repository>, Option<String>), AwsError> {
        let out = self
            .client
            .describe_repositories()
            .set_repository_names(names)
            .set_max_results(max_results)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| sdk_error("ecr:DescribeRepositories", e, classify))?;
        Ok((
            out.repositories().iter().map(to_repository).collect(),
            out.next_token().map(str::to_string),
        ))
    }

    async fn create_repository(
        &self,
        req: &CreateRepository,
    ) -> Result<AwsOutput<Repository>, AwsError> {
        const OP: &str = "ecr:CreateRepository";
        let tags = req
            .tags
            .as_ref()
            .map(|tags| {
                tags.iter()
                    .map(|t| {
                        ecr::Tag::builder()
                            .key(t.key.clone().unwrap_or_default())
                            .value(t.value.clone().unwrap_or_default())
                            .build()
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| invalid(OP, e))?;
        let filters = req
            .image_tag_mutability_exclusion_filters
            .as_ref()
            .map(|filters| {
                filters
                    .iter()
                    .map(|f| {
                        ecr::ImageTagMutabilityExclusionFilter::builder()
                            .filter_type(ecr::ImageTagMutabilityExclusionFilterType::from(
                                f.filter_type.as_deref().unwrap_or("WILDCARD"),
                            ))
                            .filter(f.filter.clone().unwrap_or_default())
                            .build()
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| invalid(OP, e))?;
        let encryption = req
            .encryption_configuration
            .as_ref()
            .map(|e| {
                ecr::EncryptionConfiguration::builder()
                    .encryption_type(ecr::EncryptionType::from(
                        e.encryption_type.as_deref().unwrap_or("AES256"),
                    ))
                    .set_kms_key(e.kms_key.clone())
                    .build()
            })
            .transpose()
            .map_err(|e| invalid(OP, e))?;
        let scanning = req.image_scanning_configuration.as_ref().map(|s| {
            ecr::ImageScanningConfiguration::builder()
                .scan_on_push(s.scan_on_push.unwrap_or(false))
                .build()
        });
        let out = self
            .client
            .create_repository()
            .set_registry_id(req.registry_id.clone())
            .repository_name(req.repository_name.clone().unwrap_or_default())
            .set_tags(tags)
            .set_image_tag_mutability(
                req.image_tag_mutability
                    .as_deref()
                    .map(ecr::ImageTagMutability::from),
            )
            .set_image_tag_mutability_exclusion_filters(filters)
            .set_image_scanning_configuration(scanning)
            .set_encryption_configuration(encryption)
            .send()
            .await
            .map_err(|e| sdk_error(OP, e, classify))?;
        let repository = out
            .repository()
            .map(to_repository)
            .ok_or_else(|| invalid(OP, "the response named no repository"))?;
        Ok(AwsOutput {
            value: repository,
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn put_lifecycle_policy(
        &self,
        name: &str,
        text: &str,
    ) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .put_lifecycle_policy()
            .repository_name(name)
            .lifecycle_policy_text(text)
            .send()
            .await
            .map_err(|e| sdk_error("ecr:PutLifecyclePolicy", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn get_lifecycle_policy(&self, name: &str) -> Result<Option<String>, AwsError> {
        match self
            .client
            .get_lifecycle_policy()
            .repository_name(name)
            .send()
            .await
        {
            Ok(out) => Ok(out.lifecycle_policy_text().map(str::to_string)),
            Err(e) => {
                let err = sdk_error("ecr:GetLifecyclePolicy", e, classify);
                if err.code == "LifecyclePolicyNotFoundException" {
                    Ok(None)
                } else {
                    Err(err)
                }
            }
        }
    }

    async fn describe_images(
        &self,
        name: &str,
        next_token: Option<String>,
    ) -> Result<(Vec<ImageSummary>, Option<String>), AwsError> {
        let out = self
            .client
            .describe_images()
            .repository_name(name)
            .set_next_token(next_token)
            .send()
            .await
            .map_err(|e| sdk_error("ecr:DescribeImages", e, classify))?;
        let images = out
            .image_details()
            .iter()
            .map(|d| ImageSummary {
                image_digest: d.image_digest().unwrap_or_default().to_string(),
                image_tags: d.image_tags().to_vec(),
                image_pushed_at: d
                    .image_pushed_at()
                    .and_then(|t| t.fmt(Format::DateTime).ok()),
                image_size_in_bytes: d.image_size_in_bytes(),
            })
            .collect();
        Ok((images, out.next_token().map(str::to_string)))
    }

    async fn delete_repository(&self, name: &str, force: bool) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .delete_repository()
            .repository_name(name)
            .force(force)
            .send()
            .await
            .map_err(|e| sdk_error("ecr:DeleteRepository", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }
}
