//! The generated role policies: exact documents for given task definitions (table), and the
//! validator's own checks accept what the generator writes.

use serde_json::{json, Value};
use validate::ecs::task_definition::TaskDefinition;
use validate::iam::generate::{
    execution_policy, task_policy, template, trust_policy, Target, Template,
};
use validate::iam::permissions::{check_permission_policy_value, check_role_permissions, RoleKind};
use validate::iam::policy::parse_policy;
use validate::{check, Context, Kind};

fn target() -> Target {
    Target {
        region: "us-east-1".into(),
        account: "123456789012".into(),
    }
}

fn td(v: Value) -> TaskDefinition {
    validate::json::read(&v).0.unwrap()
}

fn web() -> Value {
    json!({
        "family": "demo-web",
        "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": "1024",
        "executionRoleArn": "arn:aws:iam::123456789012:role/demo-web-exec",
        "containerDefinitions": [
            {"name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1",
             "secrets": [
                {"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf:password::"},
                {"name": "KEY", "valueFrom": "/demo/web/key"}],
             "environmentFiles": [{"value": "arn:aws:s3:::demo-config/web/prod.env", "type": "s3"}],
             "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}],
             "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/demo-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app", "awslogs-create-group": "true"}}},
            {"name": "proxy", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/proxy:2", "essential": false,
             "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/demo-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "proxy"}}}
        ],
        "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}}]
    })
}

#[test]
fn execution_policies_are_exactly_what_the_task_definition_needs() {
    struct Row {
        doc: Value,
        kms: Vec<String>,
        policy: Value,
        summary: Vec<&'static str>,
    }
    let rows = vec![
        Row {
            doc: web(),
            kms: vec![],
            policy: json!({"Version": "2012-10-17", "Statement": [
                {"Sid": "PullImages", "Effect": "Allow", "Action": ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                 "Resource": ["arn:aws:ecr:us-east-1:123456789012:repository/demo/web", "arn:aws:ecr:us-east-1:123456789012:repository/demo/proxy"]},
                {"Sid": "EcrLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
                {"Sid": "WriteLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/demo-web:*"},
                {"Sid": "CreateLogGroups", "Effect": "Allow", "Action": "logs:CreateLogGroup", "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/demo-web"},
                {"Sid": "ReadSecrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf"},
                {"Sid": "ReadParameters", "Effect": "Allow", "Action": "ssm:GetParameters", "Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/demo/web/key"},
                {"Sid": "ReadEnvironmentFiles", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo-config/web/prod.env"},
                {"Sid": "LocateEnvironmentFileBuckets", "Effect": "Allow", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::demo-config"}
            ]}),
            summary: vec![
                "may pull images from repository demo/web",
                "may write logs to log group /ecs/demo-web",
                "may create log group /ecs/demo-web",
                "may read secret demo/db-AbCdEf",
                "may read parameter /demo/web/key",
                "may read environment file s3://demo-config/web/prod.env",
                "may pull images from repository demo/proxy",
            ],
        },
        Row {
            doc: json!({"family": "demo-job", "containerDefinitions": [{"name": "job", "image": "public.ecr.aws/docker/library/busybox:1",
                "secrets": [{"name": "T", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/demo/token"}]}]}),
            kms: vec!["arn:aws:kms:us-east-1:123456789012:key/1111-2222".into()],
            policy: json!({"Version": "2012-10-17", "Statement": [
                {"Sid": "ReadParameters", "Effect": "Allow", "Action": "ssm:GetParameters", "Resource": "arn:aws:ssm:us-east-1:123456789012:parameter/demo/token"},
                {"Sid": "DecryptSecrets", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:us-east-1:123456789012:key/1111-2222"}
            ]}),
            summary: vec![
                "may read parameter /demo/token",
                "may decrypt with KMS key arn:aws:kms:us-east-1:123456789012:key/1111-2222",
            ],
        },
    ];
    for (i, row) in rows.into_iter().enumerate() {
        let g = execution_policy(&td(row.doc.clone()), &target(), &row.kms);
        assert_eq!(g.policy, row.policy, "row {i}");
        assert_eq!(g.summary, row.summary, "row {i}");
        // The permission checks accept it: nothing missing, nothing misplaced.
        let parsed = parse_policy(&g.policy).0.unwrap();
        assert_eq!(
            check_role_permissions(
                &td(row.doc),
                Some(&parsed),
                None,
                "us-east-1",
                "123456789012",
                false
            ),
            vec![],
            "row {i}"
        );
        assert_eq!(
            check_permission_policy_value(&g.policy, RoleKind::Execution),
            vec![],
            "row {i}"
        );
    }
}

#[test]
fn task_policies_carry_efs_exec_and_picked_statements_only() {
    let (bucket, _) = template(&Template::ReadBucket {
        bucket: "demo-assets".into(),
    });
    let g = task_policy(&td(web()), &target(), true, std::slice::from_ref(&bucket)).unwrap();
    assert_eq!(
        g.policy,
        json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "MountEfs", "Effect": "Allow", "Action": "elasticfilesystem:ClientMount", "Resource": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"},
            {"Sid": "WriteEfs", "Effect": "Allow", "Action": "elasticfilesystem:ClientWrite", "Resource": "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0"},
            {"Sid": "EcsExec", "Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"},
            bucket
        ]})
    );
    assert_eq!(
        g.summary[0],
        "may mount and write EFS file system fs-0123456789abcdef0"
    );
    let parsed = parse_policy(&g.policy).0.unwrap();
    assert_eq!(
        check_role_permissions(
            &td(web()),
            None,
            Some(&parsed),
            "us-east-1",
            "123456789012",
            true
        ),
        vec![]
    );
    // Nothing implied and nothing picked: no policy at all.
    assert!(task_policy(
        &td(json!({"family": "x", "containerDefinitions": [{"name": "a", "image": "nginx:1"}]})),
        &target(),
        false,
        &[]
    )
    .is_none());
    // Execution-role permissions on a task role are flagged.
    let misplaced = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:BatchGetImage", "Resource": "*"}]});
    assert!(check_permission_policy_value(&misplaced, RoleKind::Task)
        .iter()
        .any(|f| f.rule == "IAM-020"));
}

#[test]
fn the_trust_policy_is_ecs_tasks_with_confused_deputy_guards() {
    let t = trust_policy(&target());
    assert_eq!(
        t["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );
    let r = check(Kind::TrustPolicy, &t, &Context::default());
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

#[test]
fn the_trust_policy_can_leave_out_the_source_conditions() {
    let t = validate::iam::generate::trust_policy_with(&target(), false);
    assert_eq!(
        t["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );
    assert!(t["Statement"][0].get("Condition").is_none(), "{t}");
    // Still a valid task trust policy: no error, at most the catalogue's advice.
    let r = check(Kind::TrustPolicy, &t, &Context::default());
    assert!(r.is_ok(), "{:#?}", r.findings);
    assert_eq!(
        validate::iam::generate::trust_policy_with(&target(), true),
        trust_policy(&target())
    );
}
