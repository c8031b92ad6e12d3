//! IAM: roles for tasks (create with a trust policy, put the inline policy, fix the trust
//! policy, read, list, check their policies, delete).

use super::{sdk_error, AwsError, AwsErrorKind, AwsOutput};
use async_trait::async_trait;
use aws_sdk_iam::operation::RequestId;
use aws_smithy_types::date_time::Format;
use serde_json::Value;

/// A role as Berth shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleInfo {
    pub role_name: String,
    pub arn: String,
    pub path: String,
    pub created_at: Option<String>,
    /// The trust policy (IAM returns it URL-encoded; decoded and parsed here).
    pub trust_policy: Option<Value>,
    /// Tags as `(key, value)`; only `GetRole` returns them (`ListRoles` does not).
    pub tags: Vec<(String, String)>,
    /// The permissions boundary's policy ARN (`GetRole` only).
    pub permissions_boundary: Option<String>,
}

/// What `CreateRole` is asked for.
#[derive(Clone, Debug, Default)]
pub struct NewRole<'a> {
    pub name: &'a str,
    pub path: &'a str,
    pub trust_policy: &'a str,
    pub description: Option<&'a str>,
    pub tags: &'a [(String, String)],
    pub permissions_boundary: Option<&'a str>,
}

/// What Berth asks of IAM.
#[async_trait]
pub trait IamApi: Send + Sync {
    async fn create_role(&self, role: &NewRole<'_>) -> Result<AwsOutput<RoleInfo>, AwsError>;
    /// Adds (or overwrites) tags on a role.
    async fn tag_role(
        &self,
        role: &str,
        tags: &[(String, String)],
    ) -> Result<AwsOutput<()>, AwsError>;
    async fn put_role_policy(
        &self,
        role: &str,
        policy_name: &str,
        document: &str,
    ) -> Result<AwsOutput<()>, AwsError>;
    async fn get_role(&self, name: &str) -> Result<RoleInfo, AwsError>;
    /// Replaces the role's trust policy.
    async fn update_assume_role_policy(
        &self,
        role: &str,
        document: &str,
    ) -> Result<AwsOutput<()>, AwsError>;
    /// The role's inline policy `policy_name`, if it has one.
    async fn get_role_policy(
        &self,
        role: &str,
        policy_name: &str,
    ) -> Result<Option<Value>, AwsError>;
    async fn list_roles(
        &self,
        marker: Option<String>,
    ) -> Result<(Vec<RoleInfo>, Option<String>), AwsError>;
    /// Deletes the role: its inline policies, its managed-policy attachments and its
    /// instance-profile memberships first, as IAM requires.
    async fn delete_role(&self, role: &str) -> Result<AwsOutput<()>, AwsError>;
    /// Every permission policy document of the role: its inline policies and the default
    /// versions of its attached managed policies.
    async fn role_policies(&self, role: &str) -> Result<Vec<Value>, AwsError>;
}

fn classify(code: &str) -> AwsErrorKind {
    match code {
        "NoSuchEntity" => AwsErrorKind::NotFound,
        "EntityAlreadyExists" => AwsErrorKind::AlreadyExists,
        _ => AwsErrorKind::Other,
    }
}

/// `%7B%22Version%22…` → `{"Version"…}` (IAM's policy documents are URL-encoded).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a policy document as IAM returns it: URL-encoded or plain JSON.
pub fn parse_document(text: &str) -> Option<Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&percent_decode(text)).ok())
}

fn to_role(r: &aws_sdk_iam::types::Role) -> RoleInfo {
    RoleInfo {
        role_name: r.role_name().to_string(),
        arn: r.arn().to_string(),
        path: r.path().to_string(),
        created_at: r.create_date().fmt(Format::DateTime).ok(),
        trust_policy: r.assume_role_policy_document().and_then(parse_document),
        tags: r
            .tags()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect(),
        permissions_boundary: r
            .permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn())
            .map(str::to_string),
    }
}

fn sdk_tags(tags: &[(String, String)]) -> Result<Vec<aws_sdk_iam::types::Tag>, AwsError> {
    tags.iter()
        .map(|(k, v)| {
            aws_sdk_iam::types::Tag::builder()
                .key(k)
                .value(v)
                .build()
                .map_err(|e| AwsError {
                    operation: "iam:TagRole",
                    code: "InvalidRequest".into(),
                    message: e.to_string(),
                    request_id: None,
                    kind: AwsErrorKind::Other,
                })
        })
        .collect()
}

/// The SDK-backed IAM adapter.
pub struct SdkIam {
    client: aws_sdk_iam::Client,
}

impl SdkIam {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        SdkIam {
            client: aws_sdk_iam::Client::new(config),
        }
    }
}

#[async_trait]
impl IamApi for SdkIam {
    async fn create_role(&self, role: &NewRole<'_>) -> Result<AwsOutput<RoleInfo>, AwsError> {
        let out = self
            .client
            .create_role()
            .role_name(role.name)
            .path(role.path)
            .assume_role_policy_document(role.trust_policy)
            .set_description(role.description.map(str::to_string))
            .set_tags(Some(sdk_tags(role.tags)?))
            .set_permissions_boundary(role.permissions_boundary.map(str::to_string))
            .send()
            .await
            .map_err(|e| sdk_error("iam:CreateRole", e, classify))?;
        let role = out.role().map(to_role).ok_or_else(|| AwsError {
            operation: "iam:CreateRole",
            code: "EmptyResponse".into(),
            message: "IAM returned no role".into(),
            request_id: out.request_id().map(str::to_string),
            kind: AwsErrorKind::Other,
        })?;
        Ok(AwsOutput {
            value: role,
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn tag_role(
        &self,
        role: &str,
        tags: &[(String, String)],
    ) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .tag_role()
            .role_name(role)
            .set_tags(Some(sdk_tags(tags)?))
            .send()
            .await
            .map_err(|e| sdk_error("iam:TagRole", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn put_role_policy(
        &self,
        role: &str,
        policy_name: &str,
        document: &str,
    ) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .put_role_policy()
            .role_name(role)
            .policy_name(policy_name)
            .policy_document(document)
            .send()
            .await
            .map_err(|e| sdk_error("iam:PutRolePolicy", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn get_role(&self, name: &str) -> Result<RoleInfo, AwsError> {
        let out = self
            .client
            .get_role()
            .role_name(name)
            .send()
            .await
            .map_err(|e| sdk_error("iam:GetRole", e, classify))?;
        out.role().map(to_role).ok_or_else(|| AwsError {
            operation: "iam:GetRole",
            code: "NoSuchEntity".into(),
            message: format!("role {name} not found"),
            request_id: out.request_id().map(str::to_string),
            kind: AwsErrorKind::NotFound,
        })
    }

    async fn update_assume_role_policy(
        &self,
        role: &str,
        document: &str,
    ) -> Result<AwsOutput<()>, AwsError> {
        let out = self
            .client
            .update_assume_role_policy()
            .role_name(role)
            .policy_document(document)
            .send()
            .await
            .map_err(|e| sdk_error("iam:UpdateAssumeRolePolicy", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn get_role_policy(
        &self,
        role: &str,
        policy_name: &str,
    ) -> Result<Option<Value>, AwsError> {
        match self
            .client
            .get_role_policy()
            .role_name(role)
            .policy_name(policy_name)
            .send()
            .await
        {
            Ok(out) => Ok(parse_document(out.policy_document())),
            Err(e) => {
                let e = sdk_error("iam:GetRolePolicy", e, classify);
                if e.kind == AwsErrorKind::NotFound {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    async fn delete_role(&self, role: &str) -> Result<AwsOutput<()>, AwsError> {
        let inline = self
            .client
            .list_role_policies()
            .role_name(role)
            .send()
            .await
            .map_err(|e| sdk_error("iam:ListRolePolicies", e, classify))?;
        for name in inline.policy_names() {
            self.client
                .delete_role_policy()
                .role_name(role)
                .policy_name(name)
                .send()
                .await
                .map_err(|e| sdk_error("iam:DeleteRolePolicy", e, classify))?;
        }
        let attached = self
            .client
            .list_attached_role_policies()
            .role_name(role)
            .send()
            .await
            .map_err(|e| sdk_error("iam:ListAttachedRolePolicies", e, classify))?;
        for arn in attached
            .attached_policies()
            .iter()
            .filter_map(|p| p.policy_arn())
        {
            self.client
                .detach_role_policy()
                .role_name(role)
                .policy_arn(arn)
                .send()
                .await
                .map_err(|e| sdk_error("iam:DetachRolePolicy", e, classify))?;
        }
        let profiles = self
            .client
            .list_instance_profiles_for_role()
            .role_name(role)
            .send()
            .await
            .map_err(|e| sdk_error("iam:ListInstanceProfilesForRole", e, classify))?;
        for profile in profiles.instance_profiles() {
            self.client
                .remove_role_from_instance_profile()
                .instance_profile_name(profile.instance_profile_name())
                .role_name(role)
                .send()
                .await
                .map_err(|e| sdk_error("iam:RemoveRoleFromInstanceProfile", e, classify))?;
        }
        let out = self
            .client
            .delete_role()
            .role_name(role)
            .send()
            .await
            .map_err(|e| sdk_error("iam:DeleteRole", e, classify))?;
        Ok(AwsOutput {
            value: (),
            request_id: out.request_id().map(str::to_string),
        })
    }

    async fn role_policies(&self, role: &str) -> Result<Vec<Value>, AwsError> {
        let mut documents = Vec::new();
        let mut marker = None;
        loop {
            let out = self
                .client
                .list_role_policies()
                .role_name(role)
                .set_marker(marker)
                .send()
                .await
                .map_err(|e| sdk_error("iam:ListRolePolicies", e, classify))?;
            for name in out.policy_names() {
                if let Some(doc) = self.get_role_policy(role, name).await? {
                    documents.push(doc);
                }
            }
            marker = out
                .marker()
                .filter(|_| out.is_truncated())
                .map(str::to_string);
            if marker.is_none() {
                break;
            }
        }
        let mut marker = None;
        loop {
            let out = self
                .client
                .list_attached_role_policies()
                .role_name(role)
                .set_marker(marker)
                .send()
                .await
                .map_err(|e| sdk_error("iam:ListAttachedRolePolicies", e, classify))?;
            for arn in out
                .attached_policies()
                .iter()
                .filter_map(|p| p.policy_arn())
            {
                let policy = self
                    .client
                    .get_policy()
                    .policy_arn(arn)
                    .send()
                    .await
                    .map_err(|e| sdk_error("iam:GetPolicy", e, classify))?;
                let Some(version) = policy.policy().and_then(|p| p.default_version_id()) else {
                    continue;
                };
                let version = self
                    .client
                    .get_policy_version()
                    .policy_arn(arn)
                    .version_id(version)
                    .send()
                    .await
                    .map_err(|e| sdk_error("iam:GetPolicyVersion", e, classify))?;
                if let Some(doc) = version
                    .policy_version()
                    .and_then(|v| v.document())
                    .and_then(parse_document)
                {
                    documents.push(doc);
                }
            }
            marker = out
                .marker()
                .filter(|_| out.is_truncated())
                .map(str::to_string);
            if marker.is_none() {
                break;
            }
        }
        Ok(documents)
    }

    async fn list_roles(
        &self,
        marker: Option<String>,
    ) -> Result<(Vec<RoleInfo>, Option<String>), AwsError> {
        let out = self
            .client
            .list_roles()
            .set_marker(marker)
            .send()
            .await
            .map_err(|e| sdk_error("iam:ListRoles", e, classify))?;
        let next = if out.is_truncated() {
            out.marker().map(str::to_string)
        } else {
            None
        };
        Ok((out.roles().iter().map(to_role).collect(), next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_iam_documents() {
        assert_eq!(percent_decode("%7B%22a%22%3A1%7D"), "{\"a\":1}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            parse_document("%7B%22a%22%3A1%7D"),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            parse_document("{\"a\":2}"),
            Some(serde_json::json!({"a": 2}))
        );
    }
}
