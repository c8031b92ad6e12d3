//! Table tests for IAM (§2.21), registry-level ECR documents (§2.18, §2.20), service auto
//! scaling (§2.17), VPC endpoint plans (§2.22) and target groups (§2.23).

mod common;

use common::*;
use serde_json::{json, Value};
use validate::ecs::scaling::{check_scaling_value, ScaledService};
use validate::ecs::service::Service;
use validate::iam::permissions::{check_permission_policy_value, check_role_permissions, RoleKind};
use validate::iam::policy::parse_policy;
use validate::{check, ecr, Context, Kind};

fn trust(extra: Value) -> Value {
    let stmt = merge(
        &json!({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}),
        &extra,
    );
    json!({"Version": "2012-10-17", "Statement": [stmt]})
}

fn trust_cases() -> Vec<Case> {
    vec![
        case!(
            "IAM-005",
            Error,
            "Statement",
            trust(json!({"Action": "sts:TagSession"})),
            trust(json!({}))
        ),
        case!(
            "IAM-006",
            Error,
            "Statement[0].Principal.Service",
            trust(json!({"Principal": {"Service": ["ec2.amazonaws.com"]}})),
            trust(json!({}))
        ),
        case!(
            "IAM-007",
            Warning,
            "Statement[0].Condition.ArnLike.aws:SourceArn",
            trust(
                json!({"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:cluster/demo"}}})
            ),
            trust(
                json!({"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*"}}})
            )
        ),
        case!(
            "IAM-008",
            Warning,
            "Statement[0].Condition",
            trust(json!({"Condition": null})),
            trust(json!({}))
        ),
        case!(
            "IAM-021",
            Error,
            "",
            trust(json!({"Sid": "x".repeat(2100)})),
            trust(json!({"Sid": "Ecs"}))
        ),
    ]
}

fn guard_trust_cases() -> Vec<Case> {
    vec![
        case!(
            "IAM-GUARD-001",
            Error,
            "Statement[1].Principal",
            json!({"Version": "2012-10-17", "Statement": [
                trust(json!({}))["Statement"][0].clone(),
                {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}
            ]}),
            trust(json!({}))
        ),
        case!(
            "IAM-GUARD-001",
            Error,
            "Statement[0].Principal.AWS",
            trust(
                json!({"Principal": {"Service": "ecs-tasks.amazonaws.com", "AWS": "arn:aws:iam::999999999999:root"}})
            ),
            trust(json!({"Principal": {"Service": ["ecs-tasks.amazonaws.com"]}}))
        ),
        case!(
            "IAM-GUARD-001",
            Error,
            "Statement[0].Principal.Service",
            trust(
                json!({"Principal": {"Service": ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]}})
            ),
            trust(json!({}))
        ),
        case!(
            "IAM-GUARD-002",
            Error,
            "Statement[1].NotPrincipal",
            json!({"Version": "2012-10-17", "Statement": [
                trust(json!({}))["Statement"][0].clone(),
                {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}
            ]}),
            json!({"Version": "2012-10-17", "Statement": [
                trust(json!({}))["Statement"][0].clone(),
                {"Effect": "Deny", "NotPrincipal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ]})
        ),
    ]
}

/// Task-role statements as a user sends them (`statements` of a role request).
fn guard_statement_cases() -> Vec<Case> {
    let s = |v: Value| json!([v]);
    vec![
        case!(
            "IAM-GUARD-003",
            Error,
            "statements[0].Action",
            s(json!({"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"})),
            s(json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}))
        ),
        case!(
            "IAM-GUARD-003",
            Error,
            "statements[0].Action[1]",
            s(
                json!({"Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": "arn:aws:s3:::b/*"})
            ),
            s(json!({"Effect": "Deny", "Action": "*:*", "Resource": "*"}))
        ),
        case!(
            "IAM-GUARD-004",
            Error,
            "statements[0].NotAction",
            s(
                json!({"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::b"})
            ),
            s(json!({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}))
        ),
        case!(
            "IAM-GUARD-005",
            Error,
            "statements[0].Action",
            s(
                json!({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/demo-x"})
            ),
            s(
                json!({"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:q"})
            )
        ),
        case!(
            "IAM-GUARD-005",
            Error,
            "statements[0].Action",
            s(json!({"Effect": "Allow", "Action": "IAM:pass*", "Resource": "*"})),
            s(json!({"Effect": "Allow", "Action": "s3:Put*", "Resource": "arn:aws:s3:::b/*"}))
        ),
        case!(
            "IAM-GUARD-005",
            Error,
            "statements[0].Action[0]",
            s(
                json!({"Effect": "Allow", "Action": ["i*:*", "s3:GetObject"], "Resource": "arn:aws:s3:::b/*"})
            ),
            s(
                json!({"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"})
            )
        ),
        case!(
            "IAM-GUARD-005",
            Error,
            "statements[0].Action",
            s(
                json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::123456789012:role/admin"})
            ),
            s(
                json!({"Effect": "Allow", "Action": "ssm:GetParameter", "Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/x"})
            )
        ),
        case!(
            "IAM-GUARD-005",
            Error,
            "statements[0].Action",
            s(
                json!({"Effect": "Allow", "Action": "organizations:*", "Resource": "arn:aws:organizations::123456789012:account/*"})
            ),
            s(
                json!({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/t"})
            )
        ),
        case!(
            "IAM-GUARD-006",
            Error,
            "statements[0].Action",
            s(json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})),
            s(json!({"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}))
        ),
        case!(
            "IAM-GUARD-006",
            Error,
            "statements[0].Action",
            s(
                json!({"Effect": "Allow", "Action": "dynamodb:*", "NotResource": "arn:aws:dynamodb:us-east-1:123456789012:table/keep"})
            ),
            s(
                json!({"Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/t"})
            )
        ),
        case!(
            "IAM-GUARD-007",
            Warning,
            "statements[0].Resource",
            s(json!({"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"})),
            s(json!({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}))
        ),
    ]
}

fn guard_statements(doc: &Value, _ctx: &Context) -> Vec<validate::Finding> {
    validate::iam::guard::check_statements(doc.as_array().map_or(&[], Vec::as_slice), false)
}

fn role(extra: Value) -> Value {
    merge(
        &json!({"RoleName": "web-exec", "Path": "/", "AssumeRolePolicyDocument": trust(json!({}))}),
        &extra,
    )
}

fn role_cases() -> Vec<Case> {
    vec![
        case!(
            "IAM-001",
            Error,
            "RoleName",
            role(json!({"RoleName": "web exec"})),
            role(json!({}))
        ),
        case!(
            "IAM-002",
            Error,
            "RoleName",
            role(json!({"RoleName": "WEB-EXEC"})),
            role(json!({"RoleName": "web-exec-2"}))
        )
        .ctx(Context {
            existing_role_names: vec!["web-exec".into()],
            ..Context::default()
        }),
        case!(
            "IAM-003",
            Error,
            "Path",
            role(json!({"Path": "team"})),
            role(json!({"Path": "/team/"}))
        ),
        case!(
            "IAM-004",
            Error,
            "MaxSessionDuration",
            role(json!({"MaxSessionDuration": 60})),
            role(json!({"MaxSessionDuration": 3600}))
        ),
    ]
}

fn policy(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn permission_cases() -> Vec<(Case, RoleKind)> {
    use RoleKind::{Execution as X, Task as T};
    vec![
        (
            case!(
                "IAM-011",
                Warning,
                "Statement[0].Resource",
                policy(
                    json!([{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-??????"}])
                )
            ),
            X,
        ),
        (
            case!(
                "IAM-013",
                Warning,
                "Statement[0].Resource",
                policy(
                    json!([{"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::cfg/"}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::cfg"}])
                )
            ),
            X,
        ),
        (
            case!(
                "IAM-014",
                Warning,
                "Statement[0].Resource",
                policy(
                    json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::cfg"}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::cfg/prod.env"}])
                )
            ),
            X,
        ),
        (
            case!(
                "IAM-016",
                Warning,
                "Statement[0].Condition",
                policy(
                    json!([{"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*", "Condition": {"StringEquals": {"aws:sourceVpce": "vpce-1"}}}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}])
                )
            ),
            X,
        ),
        (
            case!(
                "IAM-019",
                Warning,
                "Statement[0].Condition.StringEquals.iam:PassedToService",
                policy(
                    json!([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}])
                )
            ),
            T,
        ),
        (
            case!(
                "IAM-020",
                Warning,
                "Statement",
                policy(
                    json!([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/*"}])
                ),
                policy(
                    json!([{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}])
                )
            ),
            X,
        ),
    ]
}

/// `{taskDefinition, execution, task, exec}` → `check_role_permissions`.
fn role_permissions(doc: &Value, _ctx: &Context) -> Vec<validate::Finding> {
    let td = serde_json::from_value(doc["taskDefinition"].clone()).unwrap();
    let exec = doc.get("execution").and_then(|p| parse_policy(p).0);
    let task = doc.get("task").and_then(|p| parse_policy(p).0);
    check_role_permissions(
        &td,
        exec.as_ref(),
        task.as_ref(),
        "us-east-1",
        "123456789012",
        doc["exec"] == true,
    )
}

fn exec_policy() -> Value {
    policy(json!([
        {"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
        {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/team/web"},
        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*"},
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::cfg/prod.env"},
        {"Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::cfg"}
    ]))
}

fn perm_td(container: Value) -> Value {
    c0(
        c0(
            fargate(),
            json!({"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1"}),
        ),
        container,
    )
}

fn role_permission_cases() -> Vec<Case> {
    let with = |td: Value, exec: Value| json!({"taskDefinition": td, "execution": exec});
    let efs_td = c0(
        td(
            fargate(),
            json!({"taskRoleArn": "arn:aws:iam::123456789012:role/app", "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}}]}),
        ),
        json!({"mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}),
    );
    let ssm = [
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
    ];
    vec![
        case!(
            "IAM-009",
            Warning,
            "executionRoleArn",
            with(
                perm_td(json!({})),
                policy(json!([{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}]))
            ),
            with(perm_td(json!({})), exec_policy())
        ),
        case!(
            "IAM-010",
            Warning,
            "containerDefinitions[0].secrets[0].valueFrom",
            with(
                perm_td(
                    json!({"secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ123"}]})
                ),
                exec_policy()
            ),
            with(
                perm_td(
                    json!({"secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::"}]})
                ),
                exec_policy()
            )
        ),
        case!(
            "IAM-012",
            Warning,
            "containerDefinitions[0].environmentFiles[0].value",
            with(
                perm_td(
                    json!({"environmentFiles": [{"value": "arn:aws:s3:::cfg/other.env", "type": "s3"}]})
                ),
                exec_policy()
            ),
            with(
                perm_td(
                    json!({"environmentFiles": [{"value": "arn:aws:s3:::cfg/prod.env", "type": "s3"}]})
                ),
                exec_policy()
            )
        ),
        case!(
            "IAM-015",
            Warning,
            "containerDefinitions[0].repositoryCredentials.credentialsParameter",
            with(
                perm_td(
                    json!({"image": "ghcr.io/a/b:1", "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:gh-AbCdEf"}})
                ),
                exec_policy()
            ),
            with(
                perm_td(
                    json!({"image": "ghcr.io/a/b:1", "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}})
                ),
                exec_policy()
            )
        ),
        case!(
            "IAM-017",
            Warning,
            "containerDefinitions[0].firelensConfiguration.options.config-file-value",
            with(
                perm_td(
                    json!({"firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::logs-cfg/extra.conf"}}})
                ),
                exec_policy()
            ),
            with(
                perm_td(
                    json!({"firelensConfiguration": {"type": "fluentbit", "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::cfg/prod.env"}}})
                ),
                exec_policy()
            )
        ),
        case!(
            "IAM-022",
            Warning,
            "taskRoleArn",
            json!({"taskDefinition": fargate(), "task": policy(json!([{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}])), "exec": true}),
            json!({"taskDefinition": fargate(), "task": policy(json!([{"Effect": "Allow", "Action": ssm, "Resource": "*"}])), "exec": true})
        ),
        case!(
            "IAM-023",
            Warning,
            "volumes[0].efsVolumeConfiguration.authorizationConfig.iam",
            json!({"taskDefinition": efs_td, "task": policy(json!([{"Effect": "Allow", "Action": "elasticfilesystem:ClientMount", "Resource": "*"}]))}),
            json!({"taskDefinition": efs_td, "task": policy(json!([{"Effect": "Allow", "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"}]))})
        ),
        case!(
            "TD-LOG-011",
            Warning,
            "executionRoleArn",
            with(
                perm_td(
                    json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}}})
                ),
                exec_policy()
            ),
            with(
                perm_td(
                    json!({"logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}}})
                ),
                merge(
                    &exec_policy(),
                    &json!({"Statement": exec_policy()["Statement"].as_array().unwrap().iter().cloned().chain([json!({"Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web"})]).collect::<Vec<_>>()})
                )
            )
        ),
    ]
}

fn registry_cases() -> Vec<(Case, &'static str)> {
    let scan = |rules: Value| json!({"scanType": "ENHANCED", "rules": rules});
    let ptc = |extra: Value| {
        merge(
            &json!({"ecrRepositoryPrefix": "docker-hub", "upstreamRegistry": "docker-hub", "upstreamRegistryUrl": "registry-1.docker.io",
        "credentialArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf", "registryId": "123456789012"}),
            &extra,
        )
    };
    let repl = |rules: Value| json!({"rules": rules});
    let dest =
        |region: &str| json!({"destinations": [{"region": region, "registryId": "123456789012"}]});
    vec![
        (case!("ECR-SCAN-002", Error, "rules", scan(json!(vec![json!({"scanFrequency": "SCAN_ON_PUSH"}); 3])), scan(json!(vec![json!({"scanFrequency": "SCAN_ON_PUSH"}); 2]))), "scan"),
        (case!("ECR-SCAN-003", Error, "rules[0].scanFrequency", scan(json!([{"scanFrequency": "MANUAL"}])), scan(json!([{"scanFrequency": "CONTINUOUS_SCAN"}]))), "scan"),
        (case!("ECR-SCAN-004", Error, "rules[0].repositoryFilters[0]", scan(json!([{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "Team/*", "filterType": "WILDCARD"}]}])), scan(json!([{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "team/*", "filterType": "WILDCARD"}]}]))), "scan"),
        (case!("ECR-POL-001", Error, "", json!("{not json"), policy(json!([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "ecr:BatchGetImage"}]))), "repo-policy"),
        (case!("ECR-POL-002", Error, "Statement[0].Principal", policy(json!([{"Effect": "Allow", "Action": "ecr:BatchGetImage"}])), policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}]))), "repo-policy"),
        (case!("ECR-AUTH-002", Warning, "Statement[0].Resource", policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "ecr:GetAuthorizationToken", "Resource": "arn:aws:ecr:us-east-1:123456789012:repository/web"}])), policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}]))), "repo-policy"),
        (case!("ECR-POL-005", Error, "", policy(json!([{"Sid": "x".repeat(10300), "Effect": "Allow", "Principal": "*", "Action": "ecr:ReplicateImage"}])), policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "ecr:ReplicateImage"}]))), "registry-policy"),
        (case!("ECR-PTC-001", Error, "ecrRepositoryPrefix", ptc(json!({"_existingRules": 50})), ptc(json!({"_existingRules": 49}))), "ptc-50"),
        (case!("ECR-PTC-002", Error, "ecrRepositoryPrefix", ptc(json!({"ecrRepositoryPrefix": "Docker_Hub!"})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-003", Error, "ecrRepositoryPrefix", ptc(json!({"ecrRepositoryPrefix": "quay"})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-004", Error, "upstreamRegistryUrl", ptc(json!({"upstreamRegistryUrl": "docker.io"})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-005", Error, "upstreamRegistry", ptc(json!({"upstreamRegistry": "harbor"})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-006", Error, "credentialArn", ptc(json!({"credentialArn": null})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-007", Error, "credentialArn", ptc(json!({"credentialArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dockerhub-creds-AbCdEf"})), ptc(json!({}))), "ptc"),
        (case!("ECR-PTC-008", Warning, "credentialArn", ptc(json!({"ecrRepositoryPrefix": "ecr-public", "upstreamRegistry": "ecr-public", "upstreamRegistryUrl": "public.ecr.aws"})), ptc(json!({"ecrRepositoryPrefix": "ecr-public", "upstreamRegistry": "ecr-public", "upstreamRegistryUrl": "public.ecr.aws", "credentialArn": null}))), "ptc"),
        (case!("ECR-PTC-009", Error, "customRoleArn", ptc(json!({"ecrRepositoryPrefix": "shared", "upstreamRegistry": "ecr", "upstreamRegistryUrl": "210987654321.dkr.ecr.us-east-1.amazonaws.com", "credentialArn": null})),
            ptc(json!({"ecrRepositoryPrefix": "shared", "upstreamRegistry": "ecr", "upstreamRegistryUrl": "210987654321.dkr.ecr.us-east-1.amazonaws.com", "credentialArn": null, "customRoleArn": "arn:aws:iam::123456789012:role/ptc"}))), "ptc"),
        (case!("ECR-PTC-010", Error, "upstreamRepositoryPrefix", ptc(json!({"upstreamRepositoryPrefix": "Library"})), ptc(json!({"upstreamRepositoryPrefix": "library"}))), "ptc"),
        (case!("ECR-PTC-012", Error, "ecrRepositoryPrefix", ptc(json!({"_region": "cn-north-1", "credentialArn": null, "upstreamRegistry": "quay", "upstreamRegistryUrl": "quay.io"})), ptc(json!({"_region": "us-west-2"}))), "ptc-cn"),
        (case!("ECR-REPL-007", Warning, "rules", repl(json!([dest("eu-west-1")])), repl(json!([]))), "repl"),
        (case!("ECR-POL-003", Warning, "Statement[0].Effect",
            policy(json!([{"Effect": "Deny", "Principal": "*", "Action": "ecr:*"}])),
            policy(json!([{"Effect": "Deny", "Principal": "*", "Action": "ecr:DeleteRepository"}]))), "repo-policy"),
        (case!("ECR-REPL-001", Error, "rules", repl(json!(vec![dest("us-west-2"); 11])), repl(json!(vec![dest("us-west-2"); 10]))), "repl"),
        (case!("ECR-REPL-002", Error, "rules", repl(json!((0..26).map(|i| json!({"destinations": [{"region": "us-west-2", "registryId": format!("1234567890{i:02}")}]})).collect::<Vec<_>>())), repl(json!([dest("us-west-2")]))), "repl"),
        (case!("ECR-REPL-003", Error, "rules[0].repositoryFilters[0]", repl(json!([merge(&dest("us-west-2"), &json!({"repositoryFilters": [{"filter": "team", "filterType": "WILDCARD"}]}))])), repl(json!([merge(&dest("us-west-2"), &json!({"repositoryFilters": [{"filter": "team", "filterType": "PREFIX_MATCH"}]}))]))), "repl"),
        (case!("ECR-REPL-004", Error, "rules[0].destinations[0]", repl(json!([dest("us-east-1")])), repl(json!([dest("eu-west-1")]))), "repl"),
        (case!("ECR-REPL-005", Error, "rules[0].destinations[0].region", repl(json!([dest("cn-north-1")])), repl(json!([dest("eu-west-1")]))), "repl"),
        (case!("ECR-TPL-001", Error, "appliedFor[0]", json!({"prefix": "team", "appliedFor": ["PUSH"]}), json!({"prefix": "team", "appliedFor": ["CREATE_ON_PUSH"]})), "template"),
        (case!("ECR-MUT-006", Warning, "imageTagMutability", json!({"repositoryName": "docker-hub/library/nginx", "imageTagMutability": "IMMUTABLE"}), json!({"repositoryName": "team/web", "imageTagMutability": "IMMUTABLE"})), "repository"),
    ]
}

fn check_registry(kind: &str, doc: &Value, ctx: &Context) -> Vec<validate::Finding> {
    use ecr::registry::*;
    let ctx_with = |prefixes: Vec<String>, region: &str| Context {
        pull_through_cache_prefixes: prefixes,
        region: Some(region.into()),
        ..ctx.clone()
    };
    match kind {
        "scan" => check_scanning_value(doc),
        "repo-policy" => check_repository_policy_value(doc, false, ctx),
        "registry-policy" => check_repository_policy_value(doc, true, ctx),
        "ptc" => check_pull_through_cache_value(doc, &ctx_with(vec!["quay".into()], "us-east-1")),
        "ptc-50" => {
            // Test-only field: how many rules the registry already has.
            let n = doc["_existingRules"].as_u64().unwrap_or(0);
            check_pull_through_cache_value(
                doc,
                &ctx_with((0..n).map(|i| format!("p{i}")).collect(), "us-east-1"),
            )
        }
        // Test-only field: the Region the rule is created in.
        "ptc-cn" => check_pull_through_cache_value(
            doc,
            &ctx_with(vec![], doc["_region"].as_str().unwrap_or("us-east-1")),
        ),
        "repl" => {
            check_replication_value(doc, &ctx_with(vec![], "us-east-1"), Some("123456789012"))
        }
        "template" => check_creation_template_value(doc),
        "repository" => {
            check(
                Kind::Repository,
                doc,
                &ctx_with(vec!["docker-hub".into()], "us-east-1"),
            )
            .findings
        }
        other => panic!("unknown registry document {other}"),
    }
}

fn scaling_doc(target: Value, policies: Value) -> Value {
    json!({"plan": {
        "scalableTarget": merge(&json!({"ServiceNamespace": "ecs", "ResourceId": "service/demo/web", "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 4}), &target),
        "policies": policies
    }})
}

fn tt(metric: &str, value: f64, extra: Value) -> Value {
    json!([{"PolicyName": "cpu", "PolicyType": "TargetTrackingScaling",
        "TargetTrackingScalingPolicyConfiguration": merge(&json!({"TargetValue": value, "PredefinedMetricSpecification": {"PredefinedMetricType": metric}}), &extra)}])
}

fn scaling_cases() -> Vec<Case> {
    let none = json!([]);
    let svc = |doc: Value, s: Value| merge(&doc, &json!({"service": s}));
    let label = "app/web/0123456789abcdef/targetgroup/web/0123456789abcdef";
    vec![
        case!("AAS-001", Error, "scalableTarget.ResourceId", scaling_doc(json!({"ResourceId": "demo/web"}), none.clone()), scaling_doc(json!({}), none.clone())),
        case!("AAS-002", Error, "scalableTarget.MaxCapacity", merge(&scaling_doc(json!({"MaxCapacity": null}), none.clone()), &json!({"first": true})), merge(&scaling_doc(json!({}), none.clone()), &json!({"first": true}))),
        case!("AAS-003", Error, "scalableTarget.MinCapacity", scaling_doc(json!({"MinCapacity": -1}), none.clone()), scaling_doc(json!({}), none.clone())),
        case!("AAS-004", Error, "scalableTarget.MinCapacity", scaling_doc(json!({"MinCapacity": 5}), none.clone()), scaling_doc(json!({"MinCapacity": 4}), none.clone())),
        case!("AAS-005", Warning, "scalableTarget.MinCapacity", scaling_doc(json!({"MinCapacity": 0}), none.clone()), scaling_doc(json!({}), none.clone())),
        case!("AAS-006", Warning, "scalableTarget.MaxCapacity", scaling_doc(json!({"MaxCapacity": 6000}), none.clone()), scaling_doc(json!({"MaxCapacity": 5000}), none.clone())),
        case!("AAS-007", Warning, "scalableTarget.MinCapacity", svc(scaling_doc(json!({}), none.clone()), json!({"desiredCount": 10})), svc(scaling_doc(json!({}), none.clone()), json!({"desiredCount": 2}))),
        case!("AAS-008", Warning, "scalableTarget", svc(scaling_doc(json!({}), none.clone()), json!({"schedulingStrategy": "DAEMON"})), svc(scaling_doc(json!({}), none.clone()), json!({"schedulingStrategy": "REPLICA"}))),
        case!("AAS-009", Error, "policies[0].TargetTrackingScalingPolicyConfiguration.TargetValue", scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 50.0, json!({"TargetValue": null}))), scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 50.0, json!({})))),
        case!("AAS-010", Error, "policies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType", scaling_doc(json!({}), tt("EC2SpotFleetRequestAverageCPUUtilization", 50.0, json!({}))), scaling_doc(json!({}), tt("ECSServiceAverageMemoryUtilization", 50.0, json!({})))),
        case!("AAS-011", Error, "policies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel", scaling_doc(json!({}), tt("ALBRequestCountPerTarget", 1000.0, json!({}))), scaling_doc(json!({}), tt("ALBRequestCountPerTarget", 1000.0, json!({"PredefinedMetricSpecification": {"ResourceLabel": label}})))),
        case!("AAS-012", Error, "policies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
            svc(scaling_doc(json!({}), tt("ALBRequestCountPerTarget", 1000.0, json!({"PredefinedMetricSpecification": {"ResourceLabel": label}}))), json!({"desiredCount": 2})),
            svc(scaling_doc(json!({}), tt("ALBRequestCountPerTarget", 1000.0, json!({"PredefinedMetricSpecification": {"ResourceLabel": label}}))), json!({"desiredCount": 2, "loadBalancers": [{"targetGroupArn": "arn:tg", "containerName": "app", "containerPort": 80}]}))),
        case!("AAS-013", Error, "policies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
            scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilizationHighResolution", 50.0, json!({}))),
            merge(&scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilizationHighResolution", 50.0, json!({}))), &json!({"highRes": true}))),
        case!("AAS-014", Error, "policies[0].PolicyName", scaling_doc(json!({}), json!([{"PolicyName": "", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}])), scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 50.0, json!({})))),
        case!("AAS-015", Error, "policies[0].TargetTrackingScalingPolicyConfiguration", scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 50.0, json!({"CustomizedMetricSpecification": {"MetricName": "x"}}))), scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 50.0, json!({})))),
        case!("AAS-016", Error, "policies", scaling_doc(json!({}), json!(vec![tt("ECSServiceAverageCPUUtilization", 50.0, json!({}))[0].clone(); 51])), scaling_doc(json!({}), json!(vec![tt("ECSServiceAverageCPUUtilization", 50.0, json!({}))[0].clone(); 50]))),
        case!("AAS-018", Warning, "policies[0].TargetTrackingScalingPolicyConfiguration.TargetValue", scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 150.0, json!({}))), scaling_doc(json!({}), tt("ECSServiceAverageCPUUtilization", 75.0, json!({})))),
    ]
}

fn check_scaling_doc(doc: &Value, _ctx: &Context) -> Vec<validate::Finding> {
    let service: Option<Service> = doc
        .get("service")
        .map(|s| serde_json::from_value(s.clone()).unwrap());
    let scaled = ScaledService {
        service: service.as_ref(),
        first_registration: doc["first"] == true,
        high_resolution_metrics: doc["highRes"] == true,
    };
    check_scaling_value(&doc["plan"], &scaled)
}

fn endpoint(service: &str, kind: &str) -> Value {
    json!({"ServiceName": format!("com.amazonaws.us-east-1.{service}"), "VpcEndpointType": kind, "PrivateDnsEnabled": kind == "Interface", "RouteTableIds": if kind == "Gateway" { json!(["rtb-1"]) } else { json!(null) }})
}

fn all_endpoints() -> Vec<Value> {
    let mut v: Vec<Value> = [
        "ecr.dkr",
        "ecr.api",
        "logs",
        "secretsmanager",
        "ssm",
        "kms",
        "ecs-agent",
        "ecs-telemetry",
        "ecs",
        "ssmmessages",
    ]
    .iter()
    .map(|s| endpoint(s, "Interface"))
    .collect();
    v.push(endpoint("s3", "Gateway"));
    v
}

fn plan(extra: Value) -> Value {
    let td = c0(
        fargate(),
        json!({"image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1",
        "secrets": [{"name": "A", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AbCdEf"}, {"name": "B", "valueFrom": "/app/b"}]}),
    );
    merge(
        &json!({"region": "us-east-1", "subnetRoute": "none", "routeTableIds": ["rtb-1"], "endpoints": all_endpoints(), "customerManagedKms": true,
        "taskDefinition": td, "service": {"serviceName": "web", "launchType": "FARGATE", "enableExecuteCommand": true,
            "serviceConnectConfiguration": {"enabled": true}}}),
        &extra,
    )
}

fn without(service: &str) -> Value {
    let eps: Vec<Value> = all_endpoints()
        .into_iter()
        .filter(|e| {
            !e["ServiceName"]
                .as_str()
                .unwrap()
                .ends_with(&format!(".{service}"))
        })
        .collect();
    plan(json!({"endpoints": eps}))
}

fn endpoint_cases() -> Vec<Case> {
    let ec2_plan = |eps: Value| plan(json!({"endpoints": eps, "service": {"launchType": "EC2"}}));
    let eps_without = |name: &str| {
        json!(all_endpoints()
            .into_iter()
            .filter(|e| !e["ServiceName"]
                .as_str()
                .unwrap()
                .ends_with(&format!(".{name}")))
            .collect::<Vec<_>>())
    };
    vec![
        case!(
            "VPCE-001",
            Warning,
            "endpoints",
            without("ecr.dkr"),
            plan(json!({}))
        ),
        case!(
            "VPCE-002",
            Warning,
            "endpoints",
            without("ecr.api"),
            plan(json!({}))
        ),
        case!(
            "VPCE-003",
            Warning,
            "endpoints",
            without("s3"),
            plan(json!({}))
        ),
        case!(
            "VPCE-004",
            Warning,
            "endpoints",
            plan(
                json!({"endpoints": eps_without("s3").as_array().unwrap().iter().cloned().chain([endpoint("s3", "Interface")]).collect::<Vec<_>>()})
            ),
            plan(json!({}))
        ),
        case!(
            "VPCE-005",
            Warning,
            "endpoints[10].PolicyDocument",
            plan(
                json!({"endpoints": all_endpoints().into_iter().map(|mut e| { if e["VpcEndpointType"] == "Gateway" { e["PolicyDocument"] = policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::my-bucket/*"}])); } e }).collect::<Vec<_>>()})
            ),
            plan(
                json!({"endpoints": all_endpoints().into_iter().map(|mut e| { if e["VpcEndpointType"] == "Gateway" { e["PolicyDocument"] = policy(json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"}])); } e }).collect::<Vec<_>>()})
            )
        ),
        case!(
            "VPCE-006",
            Warning,
            "endpoints",
            without("logs"),
            plan(json!({}))
        ),
        case!(
            "VPCE-007",
            Warning,
            "endpoints",
            without("secretsmanager"),
            plan(json!({}))
        ),
        case!(
            "VPCE-008",
            Warning,
            "endpoints",
            without("ssm"),
            plan(json!({}))
        ),
        case!(
            "VPCE-009",
            Warning,
            "endpoints",
            without("kms"),
            plan(json!({}))
        ),
        case!(
            "VPCE-010",
            Warning,
            "endpoints",
            ec2_plan(eps_without("ecs-telemetry")),
            ec2_plan(json!(all_endpoints()))
        ),
        case!(
            "VPCE-011",
            Warning,
            "endpoints",
            without("ecs-agent"),
            plan(json!({}))
        ),
        case!(
            "VPCE-012",
            Warning,
            "endpoints",
            without("ssmmessages"),
            plan(json!({}))
        ),
        case!(
            "VPCE-013",
            Warning,
            "endpoints[0].PrivateDnsEnabled",
            plan(
                json!({"endpoints": all_endpoints().into_iter().enumerate().map(|(i, mut e)| { if i == 0 { e["PrivateDnsEnabled"] = json!(false); } e }).collect::<Vec<_>>()})
            ),
            plan(json!({}))
        ),
        case!(
            "VPCE-014",
            Warning,
            "endpoints[0].AllowsHttpsFromTasks",
            plan(
                json!({"endpoints": all_endpoints().into_iter().enumerate().map(|(i, mut e)| { if i == 0 { e["AllowsHttpsFromTasks"] = json!(false); } e }).collect::<Vec<_>>()})
            ),
            plan(json!({}))
        ),
        case!(
            "VPCE-015",
            Warning,
            "taskEgressHttps",
            plan(json!({"taskEgressHttps": false})),
            plan(json!({"taskEgressHttps": true}))
        ),
        case!(
            "VPCE-016",
            Warning,
            "enableDnsSupport",
            plan(json!({"enableDnsHostnames": false})),
            plan(json!({"enableDnsSupport": true, "enableDnsHostnames": true}))
        ),
        case!(
            "VPCE-017",
            Warning,
            "endpoints[0].ServiceName",
            plan(
                json!({"endpoints": all_endpoints().into_iter().enumerate().map(|(i, mut e)| { if i == 0 { e["ServiceName"] = json!("com.amazonaws.eu-west-1.ecr.dkr"); } e }).collect::<Vec<_>>()})
            ),
            plan(json!({}))
        ),
        case!(
            "VPCE-018",
            Warning,
            "endpoints",
            plan(
                json!({"taskDefinition": {"runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}}})
            ),
            plan(json!({}))
        ),
        case!(
            "TD-IMG-009",
            Warning,
            "taskDefinition.containerDefinitions[0].image",
            plan(
                json!({"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:1"}]}})
            ),
            plan(json!({}))
        ),
        case!(
            "TD-IMG-010",
            Warning,
            "taskDefinition.containerDefinitions[0].image",
            plan(
                json!({"taskDefinition": {"containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1"}]}})
            ),
            plan(json!({}))
        ),
        case!(
            "SVC-NET-009",
            Warning,
            "service.networkConfiguration.awsvpcConfiguration.assignPublicIp",
            plan(json!({"subnetRoute": "igw", "endpoints": []})),
            plan(
                json!({"subnetRoute": "igw", "endpoints": [], "service": {"networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": "ENABLED"}}}})
            )
        ),
    ]
}

fn tg(extra: Value) -> Value {
    merge(
        &json!({"Name": "web", "Protocol": "HTTP", "Port": 80, "VpcId": "vpc-1", "TargetType": "ip", "HealthCheckPath": "/health",
        "HealthCheckIntervalSeconds": 30, "HealthCheckTimeoutSeconds": 5, "HealthyThresholdCount": 3, "UnhealthyThresholdCount": 3}),
        &extra,
    )
}

fn ecs_side(extra: Value) -> Value {
    tg(
        json!({"ecs": merge(&json!({"networkMode": "awsvpc", "containerPort": 80, "deregistrationDelaySeconds": 30, "stopTimeout": 60}), &extra)}),
    )
}

fn target_group_cases() -> Vec<Case> {
    vec![
        case!("ELB-001", Error, "HealthCheckIntervalSeconds", tg(json!({"HealthCheckIntervalSeconds": 400})), tg(json!({}))),
        case!("ELB-002", Error, "HealthCheckTimeoutSeconds", tg(json!({"Protocol": "TCP", "HealthCheckTimeoutSeconds": 130, "HealthCheckPath": null})), tg(json!({}))),
        case!("ELB-003", Error, "HealthCheckTimeoutSeconds", tg(json!({"HealthCheckTimeoutSeconds": 30})), tg(json!({}))),
        case!("ELB-004", Error, "HealthyThresholdCount", tg(json!({"HealthyThresholdCount": 1})), tg(json!({}))),
        case!("ELB-005", Error, "HealthCheckPath", tg(json!({"HealthCheckPath": "health"})), tg(json!({}))),
        case!("ELB-006", Warning, "HealthCheckPath", tg(json!({"HealthCheckPath": "/health/"})), tg(json!({}))),
        case!("ELB-007", Error, "Matcher.HttpCode", tg(json!({"Matcher": {"HttpCode": "200-599"}})), tg(json!({"Matcher": {"HttpCode": "200-399"}}))),
        case!("ELB-008", Error, "Matcher", tg(json!({"Protocol": "TCP", "HealthCheckPath": null, "HealthCheckTimeoutSeconds": 10, "Matcher": {"HttpCode": "200"}})), tg(json!({"Matcher": {"HttpCode": "200"}}))),
        case!("ELB-009", Error, "HealthCheckProtocol", tg(json!({"HealthCheckProtocol": "TCP"})), tg(json!({"HealthCheckProtocol": "HTTP"}))),
        case!("ELB-011", Error, "Name", tg(json!({"Name": "-web-"})), tg(json!({}))),
        case!("ELB-012", Warning, "ecs.healthCheckGracePeriodSeconds", ecs_side(json!({"healthCheckGracePeriodSeconds": 10, "startupSeconds": 60})), ecs_side(json!({"healthCheckGracePeriodSeconds": 120, "startupSeconds": 60}))),
        case!("ELB-013", Warning, "UnhealthyThresholdCount", tg(json!({"UnhealthyThresholdCount": 2, "HealthCheckIntervalSeconds": 5, "HealthCheckTimeoutSeconds": 2})), tg(json!({}))),
        case!("ELB-014", Warning, "HealthCheckPort", ecs_side(json!({})).as_object().unwrap().clone().into_iter().chain([("HealthCheckPort".to_string(), json!("8081"))]).collect(), ecs_side(json!({}))),
        case!("ELB-016", Warning, "ecs.deregistrationDelaySeconds", ecs_side(json!({"deregistrationDelaySeconds": null, "stopTimeout": null})), ecs_side(json!({}))),
        case!("SVC-LB-009", Error, "TargetType", ecs_side(json!({})).as_object().unwrap().clone().into_iter().chain([("TargetType".to_string(), json!("instance"))]).collect(), ecs_side(json!({}))),
        case!("SVC-LB-010", Error, "TargetType", ecs_side(json!({"networkMode": "bridge"})), merge(&ecs_side(json!({"networkMode": "bridge"})), &json!({"TargetType": "instance"}))),
        case!("SVC-LB-011", Error, "HealthCheckPort",
            merge(&ecs_side(json!({"networkMode": "bridge", "dynamicHostPort": true})), &json!({"TargetType": "instance", "HealthCheckPort": "8080"})),
            merge(&ecs_side(json!({"networkMode": "bridge", "dynamicHostPort": true})), &json!({"TargetType": "instance", "HealthCheckPort": "traffic-port"}))),
        case!("SVC-LB-014", Error, "Protocol",
            merge(&ecs_side(json!({"fargate": true})), &json!({"Protocol": "UDP", "HealthCheckProtocol": "TCP", "HealthCheckPath": null, "HealthCheckTimeoutSeconds": 10})),
            merge(&ecs_side(json!({"fargate": true})), &json!({"Protocol": "TCP", "HealthCheckPath": null, "HealthCheckTimeoutSeconds": 10}))).ctx(ctx_platform("1.3.0")),
        case!("SVC-LB-015", Warning, "ecs.stopTimeout", ecs_side(json!({"stopTimeout": 30, "deregistrationDelaySeconds": 60})), ecs_side(json!({}))),
    ]
}

#[test]
fn trust_policy_rules() {
    assert!(
        run(trust_cases(), |doc, ctx| check(Kind::TrustPolicy, doc, ctx)
            .findings)
            >= 5
    );
}

#[test]
fn guard_rules() {
    run(guard_trust_cases(), |doc, ctx| {
        check(Kind::TrustPolicy, doc, ctx).findings
    });
    run(guard_statement_cases(), guard_statements);
}

#[test]
fn guard_refusals_are_warnings_for_admins() {
    let statements = [
        json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
        json!({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}),
        json!({"Effect": "Allow", "Action": "iam:CreateUser", "Resource": "*"}),
        json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
    ];
    let user = validate::iam::guard::check_statements(&statements, false);
    let admin = validate::iam::guard::check_statements(&statements, true);
    let rules = |f: &[validate::Finding]| f.iter().map(|f| f.rule.clone()).collect::<Vec<_>>();
    assert_eq!(rules(&user), rules(&admin));
    for rule in [
        "IAM-GUARD-003",
        "IAM-GUARD-004",
        "IAM-GUARD-005",
        "IAM-GUARD-006",
    ] {
        assert!(
            user.iter().any(|f| f.rule == rule && f.is_error()),
            "{rule}: {user:?}"
        );
        assert!(
            admin.iter().any(|f| f.rule == rule && !f.is_error()),
            "{rule}: {admin:?}"
        );
    }
    assert!(admin.iter().all(|f| !f.is_error()), "{admin:?}");
}

#[test]
fn create_role_rules() {
    run(role_cases(), validate::iam::check_create_role_value);
}

#[test]
fn permission_policy_rules() {
    for (case, kind) in permission_cases() {
        run(vec![case], |doc, _| {
            check_permission_policy_value(doc, kind)
        });
    }
}

#[test]
fn role_permission_rules() {
    run(role_permission_cases(), role_permissions);
}

#[test]
fn registry_document_rules() {
    for (case, kind) in registry_cases() {
        run(vec![case], |doc, ctx| check_registry(kind, doc, ctx));
    }
}

#[test]
fn scaling_rules() {
    run(scaling_cases(), check_scaling_doc);
}

#[test]
fn endpoint_plan_rules() {
    run(endpoint_cases(), |doc, _| {
        validate::ec2::endpoints::check_endpoint_plan_value(doc)
    });
}

#[test]
fn target_group_rules() {
    run(
        target_group_cases(),
        validate::ec2::target_group::check_target_group_value,
    );
}

#[test]
fn a_generated_execution_policy_passes_every_permission_check() {
    let doc = json!({"taskDefinition": perm_td(json!({"secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"}],
        "environmentFiles": [{"value": "arn:aws:s3:::cfg/prod.env", "type": "s3"}]})), "execution": exec_policy()});
    assert_eq!(role_permissions(&doc, &Context::default()), vec![]);
    assert_eq!(
        check_permission_policy_value(&exec_policy(), RoleKind::Execution),
        vec![]
    );
}

#[test]
fn repository_exists_rule() {
    let case = case!(
        "ECR-REPO-003",
        Error,
        "repositoryName",
        json!({"repositoryName": "demo/web"}),
        json!({"repositoryName": "demo/web"})
    )
    .ctx(Context {
        repository_exists: Some(true),
        ..Context::default()
    });
    // The good case is the same document when the server knows the name is free.
    let bad = check(Kind::Repository, &case.bad, &case.ctx);
    assert!(bad
        .findings
        .iter()
        .any(|f| f.rule == "ECR-REPO-003" && f.path == "repositoryName" && f.is_error()));
    let free = Context {
        repository_exists: Some(false),
        ..Context::default()
    };
    assert!(check(Kind::Repository, &case.good, &free)
        .findings
        .iter()
        .all(|f| f.rule != "ECR-REPO-003"));
}

#[test]
fn infrastructure_role_trust_rule() {
    let cases = vec![case!(
        "VOL-EBS-005",
        Error,
        "Statement",
        trust(json!({})),
        trust(json!({"Principal": {"Service": "ecs.amazonaws.com"}}))
    )];
    run(cases, |doc, _| {
        validate::iam::trust::check_infrastructure_trust_policy_value(doc)
    });
}

#[test]
fn cross_account_pull_rule() {
    let foreign = "210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/base:1";
    let repo = "arn:aws:ecr:us-east-1:210987654321:repository/shared/base";
    let grant = policy(
        json!([{"Effect": "Allow", "Principal": {"AWS": EXEC_ROLE}, "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]}]),
    );
    let cases = vec![case!(
        "ECR-POL-004",
        Warning,
        "containerDefinitions[0].image",
        json!({"taskDefinition": c0(fargate(), json!({"image": foreign})), "policies": []}),
        json!({"taskDefinition": c0(fargate(), json!({"image": foreign})), "policies": [[repo, grant]]})
    )];
    run(cases, |doc, _| {
        let td = serde_json::from_value(doc["taskDefinition"].clone()).unwrap();
        let policies: Vec<(String, validate::iam::PolicyDocument)> = doc["policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    parse_policy(&p[1]).0.unwrap(),
                )
            })
            .collect();
        ecr::registry::check_cross_account_pull(&td, "123456789012", &policies)
    });
}

#[test]
fn pull_through_cache_first_pull_rule() {
    let cached = plan(json!({"pullThroughCachePrefixes": ["docker-hub"],
        "taskDefinition": {"containerDefinitions": [{"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1"}]}}));
    let cases = vec![case!(
        "ECR-PTC-011",
        Warning,
        "taskDefinition.containerDefinitions[0].image",
        cached,
        plan(json!({"pullThroughCachePrefixes": ["docker-hub"]}))
    )];
    run(cases, |doc, _| {
        validate::ec2::endpoints::check_endpoint_plan_value(doc)
    });
}

#[test]
fn trust_policy_accepts_get_role_output() {
    let out = json!({"Role": {"RoleName": "x", "Arn": "arn:aws:iam::123456789012:role/x",
        "AssumeRolePolicyDocument": trust(json!({"Principal": {"Service": "ec2.amazonaws.com"}}))}});
    let r = check(Kind::TrustPolicy, &out, &Context::default());
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "IAM-006" && f.path == "Statement[0].Principal.Service"),
        "{:#?}",
        r.findings
    );
    let fine = json!({"Role": {"AssumeRolePolicyDocument": trust(json!({}))}});
    assert_eq!(
        check(Kind::TrustPolicy, &fine, &Context::default()).errors,
        0
    );
}
