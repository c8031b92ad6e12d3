//! Permission policies of task and execution roles, on their own (IAM-011, IAM-013, IAM-014,
//! IAM-016, IAM-019, IAM-020) and against the task definition that will use them (IAM-009,
//! IAM-010, IAM-012, IAM-015, IAM-022, IAM-023, TD-LOG-011).

use super::policy::{parse_policy, wildcard_match, PolicyDocument};
use crate::ecs::task_definition::image::ecr_registry;
use crate::ecs::task_definition::secrets::secret_resource;
use crate::ecs::task_definition::TaskDefinition;
use crate::finding::{Finding, Findings};
use serde_json::Value;

/// Which role a permission policy belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleKind {
    /// Used by the ECS agent: image pulls, logs, secrets, environment files.
    Execution,
    /// Used by the application's code.
    Task,
}

/// Whether any Allow statement grants `action` on `resource`.
pub fn allows(policy: &PolicyDocument, action: &str, resource: &str) -> bool {
    policy.statements.iter().any(|(_, s)| {
        s.allows()
            && s.has_action(action)
            && s.resources.iter().any(|r| wildcard_match(r, resource))
    })
}

/// Actions that belong on the execution role.
const AGENT_PREFIXES: [&str; 2] = ["ecr:", "logs:"];

/// Validates a permission policy (object or JSON text) of the given role kind.
pub fn check_permission_policy_value(doc: &Value, kind: RoleKind) -> Vec<Finding> {
    let (policy, mut findings) = parse_policy(doc);
    if let Some(policy) = policy {
        findings.extend(check_permission_policy(&policy, kind));
    }
    findings
}

pub fn check_permission_policy(policy: &PolicyDocument, kind: RoleKind) -> Vec<Finding> {
    let mut f = Findings::new();
    let mut agent_only = true;
    let mut app_actions = false;
    for (path, s) in &policy.statements {
        if !s.allows() {
            continue;
        }
        for a in &s.actions {
            let lower = a.to_ascii_lowercase();
            let agent = AGENT_PREFIXES.iter().any(|p| lower.starts_with(p))
                || lower == "secretsmanager:getsecretvalue"
                || lower == "ssm:getparameters"
                || lower == "kms:decrypt"
                || lower == "s3:getobject"
                || lower == "s3:getbucketlocation";
            agent_only &= agent;
            app_actions |= !agent
                && !lower.starts_with("ssmmessages:")
                && !lower.starts_with("elasticfilesystem:client");
        }
        for (j, r) in s.resources.iter().enumerate() {
            let rpath = if s.resources.len() == 1 {
                format!("{path}.Resource")
            } else {
                format!("{path}.Resource[{j}]")
            };
            if s.has_action("secretsmanager:GetSecretValue") && is_secret_without_suffix(r) {
                f.warning(
                    "IAM-011",
                    &rpath,
                    "Secrets Manager ARNs end with a random \"-XXXXXX\" suffix; use the full ARN or append \"-??????\".",
                );
            }
            if s.has_action("s3:GetBucketLocation") && r.starts_with("arn:") && r.contains(":s3:::")
            {
                let bucket_part = r.split(":s3:::").nth(1).unwrap_or("");
                if bucket_part.contains('/') && !s.has_action("s3:GetObject") {
                    f.warning(
                        "IAM-013",
                        &rpath,
                        "s3:GetBucketLocation is a bucket-level action; its Resource must be the bare bucket ARN (no trailing \"/\" or \"/*\").",
                    );
                }
            }
            if s.has_action("s3:GetObject") && !s.has_action("s3:GetBucketLocation") {
                let bucket_part = r.split(":s3:::").nth(1);
                if bucket_part.is_some_and(|b| !b.contains('/') && b != "*") {
                    f.warning("IAM-014", &rpath, "s3:GetObject must target object ARNs (arn:aws:s3:::BUCKET/KEY or BUCKET/prefix/*).");
                }
            }
        }
        if s.has_action("ecr:GetAuthorizationToken") {
            let vpc = s.conditions.iter().any(|(_, k, _)| {
                k.eq_ignore_ascii_case("aws:sourceVpc") || k.eq_ignore_ascii_case("aws:sourceVpce")
            });
            if vpc {
                f.warning(
                    "IAM-016",
                    (path, "Condition"),
                    "Don't put aws:sourceVpc/aws:sourceVpce conditions on ecr:GetAuthorizationToken: on Fargate that call doesn't use the task ENI, so the condition never matches.",
                );
            }
        }
        if s.has_action("iam:PassRole") {
            for (op, k, values) in &s.conditions {
                if k.eq_ignore_ascii_case("iam:PassedToService")
                    && !values.iter().any(|v| v == "ecs-tasks.amazonaws.com")
                {
                    f.warning(
                        "IAM-019",
                        &format!("{path}.Condition.{op}.{k}"),
                        "For task and execution roles the iam:PassedToService value is ecs-tasks.amazonaws.com.",
                    );
                }
            }
        }
    }
    let has_statements = !policy.statements.is_empty();
    match kind {
        RoleKind::Execution if app_actions => f.warning(
            "IAM-020",
            "Statement",
            "Permissions your code needs (S3, DynamoDB, SQS…) belong on the task role, not the execution role.",
        ),
        RoleKind::Task if has_statements && agent_only => f.warning(
            "IAM-020",
            "Statement",
            "Image-pull, log and secret permissions belong on the execution role; the task role is for your application's own AWS calls.",
        ),
        _ => {}
    }
    f.into_vec()
}

/// `arn:aws:secretsmanager:…:secret:name` with no `-XXXXXX` suffix and no wildcard.
fn is_secret_without_suffix(arn: &str) -> bool {
    let Some(name) = arn.split(":secret:").nth(1) else {
        return false;
    };
    if name.contains('*') || name.contains('?') {
        return false;
    }
    let name = name.split(':').next().unwrap_or(name);
    match name.rsplit_once('-') {
        Some((_, suffix)) => {
            !(suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()))
        }
        None => true,
    }
}

/// Checks the roles' policies against what the task definition needs. `region`/`account`
/// resolve bare parameter names; `exec` enables the ECS Exec check.
pub fn check_role_permissions(
    td: &TaskDefinition,
    execution: Option<&PolicyDocument>,
    task: Option<&PolicyDocument>,
    region: &str,
    account: &str,
    exec: bool,
) -> Vec<Finding> {
    let mut f = Findings::new();
    let containers = td.container_definitions.as_deref().unwrap_or_default();
    if let Some(policy) = execution {
        let ecr_images: Vec<String> = containers
            .iter()
            .filter_map(|c| c.image.as_deref())
            .filter_map(|img| {
                let (acct, reg) = ecr_registry(img)?;
                let path = crate::ecs::task_definition::image::parse_image(img).path;
                Some(format!("arn:aws:ecr:{reg}:{acct}:repository/{path}"))
            })
            .collect();
        let pulls = ecr_images.iter().all(|arn| {
            ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
                .iter()
                .all(|a| allows(policy, a, arn))
        }) && (ecr_images.is_empty()
            || allows(policy, "ecr:GetAuthorizationToken", "*"));
        let mut log_groups = Vec::new();
        for c in containers {
            if let Some(lc) = c
                .log_configuration
                .as_ref()
                .filter(|l| l.log_driver.as_deref() == Some("awslogs"))
            {
                let group = lc.option("awslogs-group").unwrap_or("");
                let r = lc.option("awslogs-region").unwrap_or(region);
                log_groups.push(format!(
                    "arn:aws:logs:{r}:{account}:log-group:{group}:log-stream:x"
                ));
                if lc.option("awslogs-create-group") == Some("true")
                    && !allows(
                        policy,
                        "logs:CreateLogGroup",
                        &format!("arn:aws:logs:{r}:{account}:log-group:{group}"),
                    )
                {
                    f.warning("TD-LOG-011", "executionRoleArn", format!("awslogs-create-group needs logs:CreateLogGroup on the execution role for {group}."));
                }
            }
        }
        let logs = log_groups.iter().all(|g| {
            ["logs:CreateLogStream", "logs:PutLogEvents"]
                .iter()
                .all(|a| allows(policy, a, g))
        });
        if !pulls || !logs {
            f.warning(
                "IAM-009",
                "executionRoleArn",
                "The execution role lacks ECR pull and/or CloudWatch Logs permissions this task definition needs (attach AmazonECSTaskExecutionRolePolicy or Berth's generated policy).",
            );
        }
        for (i, c) in containers.iter().enumerate() {
            for (j, s) in c.secrets.as_deref().unwrap_or_default().iter().enumerate() {
                let Some((action, arn)) = s
                    .value_from
                    .as_deref()
                    .and_then(|v| secret_resource(v, region, account))
                else {
                    continue;
                };
                if !allows(policy, action, &arn) {
                    f.warning(
                        "IAM-010",
                        &format!("containerDefinitions[{i}].secrets[{j}].valueFrom"),
                        format!("The execution role needs {action} on {arn} (plus kms:Decrypt for a customer-managed key)."),
                    );
                }
            }
            for (j, e) in c
                .environment_files
                .as_deref()
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let Some(obj) = e.value.as_deref() else {
                    continue;
                };
                let bucket = obj.split('/').next().unwrap_or(obj);
                if !allows(policy, "s3:GetObject", obj)
                    || !allows(policy, "s3:GetBucketLocation", bucket)
                {
                    f.warning(
                        "IAM-012",
                        &format!("containerDefinitions[{i}].environmentFiles[{j}].value"),
                        format!("Environment files need s3:GetObject on {obj} and s3:GetBucketLocation on {bucket}."),
                    );
                }
            }
            let firelens_file = c
                .firelens_configuration
                .as_ref()
                .and_then(|fc| fc.options.as_ref())
                .filter(|o| o.get("config-file-type").map(String::as_str) == Some("s3"))
                .and_then(|o| o.get("config-file-value"));
            if let Some(obj) = firelens_file {
                let bucket = obj.split('/').next().unwrap_or(obj);
                if !allows(policy, "s3:GetObject", obj)
                    || !allows(policy, "s3:GetBucketLocation", bucket)
                {
                    f.warning(
                        "IAM-017",
                        &format!("containerDefinitions[{i}].firelensConfiguration.options.config-file-value"),
                        format!("A FireLens config from S3 needs s3:GetObject on {obj} and s3:GetBucketLocation on {bucket} on the execution role."),
                    );
                }
            }
            if let Some(p) = c
                .repository_credentials
                .as_ref()
                .and_then(|r| r.credentials_parameter.as_deref())
            {
                if !allows(policy, "secretsmanager:GetSecretValue", p) {
                    f.warning(
                        "IAM-015",
                        &format!("containerDefinitions[{i}].repositoryCredentials.credentialsParameter"),
                        "Private-registry pulls need secretsmanager:GetSecretValue on the credentials secret.",
                    );
                }
            }
        }
    }
    if let Some(policy) = task {
        if exec {
            let actions = [
                "ssmmessages:CreateControlChannel",
                "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel",
                "ssmmessages:OpenDataChannel",
            ];
            if !actions.iter().all(|a| allows(policy, a, "*")) {
                f.warning("IAM-022", "taskRoleArn", "ECS Exec needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel on the task role.");
            }
        }
        for (i, v) in td.volumes.as_deref().unwrap_or_default().iter().enumerate() {
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
            let fs = efs.file_system_id.as_deref().unwrap_or("");
            let arn = format!("arn:aws:elasticfilesystem:{region}:{account}:file-system/{fs}");
            let name = v.name.as_deref();
            let writable = td.volume_written(name);
            let ok = allows(policy, "elasticfilesystem:ClientMount", &arn)
                && (!writable || allows(policy, "elasticfilesystem:ClientWrite", &arn));
            if !ok {
                f.warning(
                    "IAM-023",
                    &format!("volumes[{i}].efsVolumeConfiguration.authorizationConfig.iam"),
                    format!(
                        "The task role must be allowed elasticfilesystem:ClientMount{} on {fs}.",
                        if writable { " and ClientWrite" } else { "" }
                    ),
                );
            }
        }
    }
    f.into_vec()
}
