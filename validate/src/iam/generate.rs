//! Least-privilege policies for the roles a task definition needs, generated from the task
//! definition itself — the same code in the role wizard (live, in the browser) and on the
//! server (before `iam:CreateRole`).
//!
//! - [`trust_policy`]: `ecs-tasks.amazonaws.com` may `sts:AssumeRole`, guarded by the account
//!   (`aws:SourceAccount`) and, when the Region is known, ECS resources of that account
//!   (`aws:SourceArn`). Never EC2's principal.
//! - [`execution_policy`]: what the ECS agent needs for exactly this task definition: pull
//!   its ECR images, write its log groups, read its secrets, parameters and environment
//!   files (+ `kms:Decrypt` on the customer-managed keys the caller names).
//! - [`task_policy`]: what the definition implies for the application: EFS IAM mounts and ECS
//!   Exec, plus the statements the caller picks ([`template`]).
//!
//! Each comes with plain-language lines ("may pull images from repository demo/web") for the
//! review step. The permission checks in [`super::permissions`] accept what this generates
//! (tested).

use crate::ecs::names::arn_parts;
use crate::ecs::task_definition::image::{ecr_registry, parse_image};
use crate::ecs::task_definition::secrets::{bare_secret_arn, secret_resource};
use crate::ecs::task_definition::TaskDefinition;
use serde_json::{json, Value};

/// Where the role will be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub region: String,
    pub account: String,
}

/// A generated policy document and what it allows, in words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Generated {
    pub policy: Value,
    pub summary: Vec<String>,
}

/// The trust policy of a task or execution role: `ecs-tasks.amazonaws.com` may assume it,
/// only for tasks of this account (`aws:SourceAccount`, `aws:SourceArn`).
pub fn trust_policy(target: &Target) -> Value {
    trust_policy_with(target, true)
}

/// [`trust_policy`], with or without the confused-deputy conditions.
pub fn trust_policy_with(target: &Target, source_conditions: bool) -> Value {
    let mut statement = json!({
        "Effect": "Allow",
        "Principal": {"Service": "ecs-tasks.amazonaws.com"},
        "Action": "sts:AssumeRole",
    });
    if source_conditions {
        statement["Condition"] = json!({
            "StringEquals": {"aws:SourceAccount": target.account},
            "ArnLike": {"aws:SourceArn": format!("arn:aws:ecs:{}:{}:*", target.region, target.account)}
        });
    }
    json!({"Version": "2012-10-17", "Statement": [statement]})
}

/// Collects resources per statement, keeping first-seen order and no duplicates.
#[derive(Default)]
struct Statements {
    items: Vec<(String, Vec<&'static str>, Vec<String>)>,
}

impl Statements {
    fn add(&mut self, sid: &str, actions: &[&'static str], resource: String) {
        match self.items.iter_mut().find(|(s, _, _)| s == sid) {
            Some((_, _, resources)) => {
                if !resources.contains(&resource) {
                    resources.push(resource);
                }
            }
            None => self
                .items
                .push((sid.to_string(), actions.to_vec(), vec![resource])),
        }
    }

    fn into_policy(self) -> Value {
        let statements: Vec<Value> = self
            .items
            .into_iter()
            .map(|(sid, actions, resources)| {
                json!({
                    "Sid": sid,
                    "Effect": "Allow",
                    "Action": if actions.len() == 1 { json!(actions[0]) } else { json!(actions) },
                    "Resource": if resources.len() == 1 { json!(resources[0]) } else { json!(resources) },
                })
            })
            .collect();
        json!({"Version": "2012-10-17", "Statement": statements})
    }
}

fn push_unique(lines: &mut Vec<String>, line: String) {
    if !lines.contains(&line) {
        lines.push(line);
    }
}

/// The execution role's inline policy for exactly this task definition. `kms_keys`: the
/// customer-managed keys that encrypt its secrets or parameters (none for AWS-managed keys).
pub fn execution_policy(td: &TaskDefinition, target: &Target, kms_keys: &[String]) -> Generated {
    let (region, account) = (&target.region, &target.account);
    let mut st = Statements::default();
    let mut summary = Vec::new();
    let containers = td.container_definitions.as_deref().unwrap_or_default();
    for c in containers {
        if let Some(image) = c.image.as_deref() {
            if let Some((acct, reg)) = ecr_registry(image) {
                let path = parse_image(image).path;
                st.add(
                    "PullImages",
                    &[
                        "ecr:BatchCheckLayerAvailability",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                    ],
                    format!("arn:aws:ecr:{reg}:{acct}:repository/{path}"),
                );
                st.add("EcrLogin", &["ecr:GetAuthorizationToken"], "*".into());
                push_unique(
                    &mut summary,
                    format!("may pull images from repository {path}"),
                );
            }
        }
        if let Some(lc) = c
            .log_configuration
            .as_ref()
            .filter(|l| l.log_driver.as_deref() == Some("awslogs"))
        {
            let group = lc.option("awslogs-group").unwrap_or_default();
            let r = lc.option("awslogs-region").unwrap_or(region);
            st.add(
                "WriteLogs",
                &["logs:CreateLogStream", "logs:PutLogEvents"],
                format!("arn:aws:logs:{r}:{account}:log-group:{group}:*"),
            );
            push_unique(&mut summary, format!("may write logs to log group {group}"));
            if lc.option("awslogs-create-group") == Some("true") {
                st.add(
                    "CreateLogGroups",
                    &["logs:CreateLogGroup"],
                    format!("arn:aws:logs:{r}:{account}:log-group:{group}"),
                );
                push_unique(&mut summary, format!("may create log group {group}"));
            }
        }
        let secrets = c.secrets.iter().flatten().chain(
            c.log_configuration
                .iter()
                .flat_map(|l| l.secret_options.iter().flatten()),
        );
        for s in secrets {
            let Some(from) = s.value_from.as_deref() else {
                continue;
            };
            let Some((action, arn)) = secret_resource(from, region, account) else {
                continue;
            };
            if action.starts_with("secretsmanager:") {
                let name = arn.split(":secret:").nth(1).unwrap_or(&arn).to_string();
                st.add("ReadSecrets", &["secretsmanager:GetSecretValue"], arn);
                push_unique(&mut summary, format!("may read secret {name}"));
            } else {
                let name = arn.split(":parameter").nth(1).unwrap_or(&arn).to_string();
                st.add("ReadParameters", &["ssm:GetParameters"], arn);
                push_unique(&mut summary, format!("may read parameter {name}"));
            }
        }
        if let Some(p) = c
            .repository_credentials
            .as_ref()
            .and_then(|r| r.credentials_parameter.as_deref())
        {
            st.add(
                "ReadSecrets",
                &["secretsmanager:GetSecretValue"],
                bare_secret_arn(p),
            );
            push_unique(
                &mut summary,
                "may read the private registry credentials".into(),
            );
        }
        for f in c.environment_files.iter().flatten() {
            let Some(obj) = f.value.as_deref() else {
                continue;
            };
            let Some(parts) = arn_parts(obj) else {
                continue;
            };
            let Some((bucket, key)) = parts[5].split_once('/') else {
                continue;
            };
            st.add("ReadEnvironmentFiles", &["s3:GetObject"], obj.to_string());
            st.add(
                "LocateEnvironmentFileBuckets",
                &["s3:GetBucketLocation"],
                format!("arn:aws:s3:::{bucket}"),
            );
            push_unique(
                &mut summary,
                format!("may read environment file s3://{bucket}/{key}"),
            );
        }
    }
    for key in kms_keys {
        st.add("DecryptSecrets", &["kms:Decrypt"], key.clone());
        push_unique(&mut summary, format!("may decrypt with KMS key {key}"));
    }
    Generated {
        policy: st.into_policy(),
        summary,
    }
}

/// Statements the task role wizard offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Template {
    ReadBucket { bucket: String },
    ReadWriteBucket { bucket: String },
    ReadWriteTable { table_arn: String },
    SendToQueue { queue_arn: String },
    PublishToTopic { topic_arn: String },
}

/// One template as a policy statement plus its summary line.
pub fn template(t: &Template) -> (Value, String) {
    match t {
        Template::ReadBucket { bucket } => (
            json!({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [format!("arn:aws:s3:::{bucket}"), format!("arn:aws:s3:::{bucket}/*")]}),
            format!("may read objects in bucket {bucket}"),
        ),
        Template::ReadWriteBucket { bucket } => (
            json!({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], "Resource": [format!("arn:aws:s3:::{bucket}"), format!("arn:aws:s3:::{bucket}/*")]}),
            format!("may read and write objects in bucket {bucket}"),
        ),
        Template::ReadWriteTable { table_arn } => (
            json!({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"], "Resource": [table_arn, format!("{table_arn}/index/*")]}),
            format!(
                "may read and write DynamoDB table {}",
                table_arn.rsplit('/').next().unwrap_or(table_arn)
            ),
        ),
        Template::SendToQueue { queue_arn } => (
            json!({"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], "Resource": queue_arn}),
            format!(
                "may send messages to queue {}",
                queue_arn.rsplit(':').next().unwrap_or(queue_arn)
            ),
        ),
        Template::PublishToTopic { topic_arn } => (
            json!({"Effect": "Allow", "Action": "sns:Publish", "Resource": topic_arn}),
            format!(
                "may publish to topic {}",
                topic_arn.rsplit(':').next().unwrap_or(topic_arn)
            ),
        ),
    }
}

/// The task role's inline policy: what the definition implies (EFS IAM mounts; ECS Exec when
/// `exec`) plus `statements` the caller picked or wrote. `None` when there is nothing to allow.
pub fn task_policy(
    td: &TaskDefinition,
    target: &Target,
    exec: bool,
    statements: &[Value],
) -> Option<Generated> {
    let (region, account) = (&target.region, &target.account);
    let mut st = Statements::default();
    let mut summary = Vec::new();
    for v in td.volumes.iter().flatten() {
        let Some(efs) = v.efs_volume_configuration.as_ref() else {
            continue;
        };
        if efs
            .authorization_config
            .as_ref()
            .and_then(|a| a.iam.as_deref())
            != Some("ENABLED")
        {
            continue;
        }
        let fs = efs.file_system_id.as_deref().unwrap_or_default();
        let arn = format!("arn:aws:elasticfilesystem:{region}:{account}:file-system/{fs}");
        let name = v.name.as_deref();
        let writable = td.volume_written(name);
        st.add("MountEfs", &["elasticfilesystem:ClientMount"], arn.clone());
        if writable {
            st.add("WriteEfs", &["elasticfilesystem:ClientWrite"], arn);
            push_unique(
                &mut summary,
                format!("may mount and write EFS file system {fs}"),
            );
        } else {
            push_unique(
                &mut summary,
                format!("may mount EFS file system {fs} read-only"),
            );
        }
    }
    if exec {
        st.add(
            "EcsExec",
            &[
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ],
            "*".into(),
        );
        push_unique(
            &mut summary,
            "may open ECS Exec sessions (ssmmessages)".into(),
        );
    }
    let mut policy = st.into_policy();
    let list = policy["Statement"].as_array_mut().expect("statement list");
    for s in statements {
        list.push(s.clone());
        push_unique(&mut summary, describe_statement(s));
    }
    if list.is_empty() {
        return None;
    }
    Some(Generated { policy, summary })
}

/// A statement in words: "may s3:GetObject on arn:aws:s3:::b/*".
fn describe_statement(s: &Value) -> String {
    let list = |v: &Value| match v {
        Value::String(x) => x.clone(),
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let verb = if s["Effect"] == "Deny" {
        "may not"
    } else {
        "may"
    };
    format!("{verb} {} on {}", list(&s["Action"]), list(&s["Resource"]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_describe_themselves() {
        let (stmt, line) = template(&Template::ReadBucket {
            bucket: "assets".into(),
        });
        assert_eq!(stmt["Resource"][1], "arn:aws:s3:::assets/*");
        assert_eq!(line, "may read objects in bucket assets");
        assert_eq!(
            describe_statement(
                &json!({"Effect": "Allow", "Action": ["a:B", "a:C"], "Resource": "*"})
            ),
            "may a:B, a:C on *"
        );
    }
}
