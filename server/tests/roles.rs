//! `/api/v1/roles` against moto: an execution role and a task role created from a task
//! definition, read back from IAM through the SDK; a wrong (EC2) trust policy flagged with
//! its fix; 422 and 409 answers.

mod common;

use common::{iam, unique, Berth, TempDir};
use serde_json::{json, Value};

fn td(family: &str) -> Value {
    json!({
        "family": family,
        "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        "executionRoleArn": "arn:aws:iam::123456789012:role/demo-exec",
        "containerDefinitions": [{
            "name": "app", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1",
            "secrets": [{"name": "DB", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf"}],
            "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/demo-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}}
        }],
        "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED", "authorizationConfig": {"iam": "ENABLED"}}}]
    })
}

#[tokio::test]
async fn execution_and_task_roles_are_created_with_ecs_tasks_trust_and_generated_policies() {
    let dir = TempDir::new("roles");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let exec_name = unique("demo-exec");
    // The wizard's case: the task definition has no execution role yet (awslogs and secrets
    // on Fargate need one), and is checked as it will be with the role being created.
    let mut without_role = td("demo-web");
    without_role
        .as_object_mut()
        .unwrap()
        .remove("executionRoleArn");
    let (status, created) = c
        .post(
            "/api/v1/roles",
            json!({"kind": "execution", "roleName": exec_name, "taskDefinition": without_role}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        created["roleArn"],
        format!("arn:aws:iam::123456789012:role/{exec_name}")
    );
    assert_eq!(
        created["trustPolicy"]["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );
    let summary: Vec<&str> = created["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        summary,
        [
            "may pull images from repository demo/web",
            "may write logs to log group /ecs/demo-web",
            "may read secret demo/db-AbCdEf"
        ]
    );

    // What IAM stored (through the SDK, straight from moto).
    let client = iam().await;
    let role = client
        .get_role()
        .role_name(&exec_name)
        .send()
        .await
        .unwrap();
    let trust = backend::aws::iam::parse_document(
        role.role().unwrap().assume_role_policy_document().unwrap(),
    )
    .unwrap();
    assert_eq!(
        trust["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );
    assert_eq!(trust["Statement"][0]["Action"], "sts:AssumeRole");
    let policy = client
        .get_role_policy()
        .role_name(&exec_name)
        .policy_name("berth")
        .send()
        .await
        .unwrap();
    let stored = backend::aws::iam::parse_document(policy.policy_document()).unwrap();
    assert_eq!(stored, created["policy"]);

    // The task role gets only what the task definition implies (EFS IAM mount, read-only),
    // ECS Exec when asked, and the picked statements.
    let task_name = unique("demo-task");
    let (status, task) = c
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": task_name, "taskDefinition": td("demo-web"), "enableExecuteCommand": true, "skipSourceConditions": true,
                "statements": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:demo-jobs"}]}),
        )
        .await;
    assert_eq!(status, 201, "{task}");
    // Asked without the account guard; the execution role above has it.
    assert_eq!(task["trustPolicy"]["Statement"][0].get("Condition"), None);
    assert_eq!(
        created["trustPolicy"]["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"],
        "123456789012"
    );
    let actions: Vec<Value> = task["policy"]["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Action"].clone())
        .collect();
    assert_eq!(actions[0], "elasticfilesystem:ClientMount");
    assert!(
        actions.iter().all(|a| a != "elasticfilesystem:ClientWrite"),
        "read-only mount: {actions:?}"
    );
    assert_eq!(actions[2], "sqs:SendMessage");

    // Listed and read back: usable by tasks, no findings beyond warnings.
    let (status, detail) = c.get(&format!("/api/v1/roles/{exec_name}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["usableByTasks"], true);
    assert_eq!(detail["policy"], created["policy"]);
    let (status, page) = c.get("/api/v1/roles").await;
    assert_eq!(status, 200);
    assert!(page["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["roleName"] == exec_name));

    // The same name again: 409.
    let (status, again) = c
        .post(
            "/api/v1/roles",
            json!({"kind": "execution", "roleName": exec_name, "taskDefinition": td("demo-web")}),
        )
        .await;
    assert_eq!(
        (status, again["error"]["code"].as_str()),
        (409, Some("already_exists"))
    );
}

#[tokio::test]
async fn an_ec2_trust_policy_is_flagged_with_the_fix_and_bad_requests_are_422() {
    let dir = TempDir::new("roles-bad");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    // A role made elsewhere with the seed's mistake: EC2 as the principal.
    let name = unique("demo-ec2-trust");
    let seed: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../validate/tests/corpus/seed004_task-role-trust-ec2.json"),
        )
        .unwrap(),
    )
    .unwrap();
    iam()
        .await
        .create_role()
        .role_name(&name)
        .assume_role_policy_document(seed.to_string())
        .send()
        .await
        .unwrap();
    let (status, detail) = c.get(&format!("/api/v1/roles/{name}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["usableByTasks"], false);
    assert!(
        detail["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "IAM-006" && f["path"] == "Statement[0].Principal.Service"),
        "{detail}"
    );
    assert_eq!(
        detail["suggestedTrustPolicy"]["Statement"][0]["Principal"]["Service"],
        "ecs-tasks.amazonaws.com"
    );

    // A trust policy that still names EC2 is refused, with the finding at its path.
    let (status, out) = c
        .put(&format!("/api/v1/roles/{name}/trust-policy"), seed.clone())
        .await;
    assert_eq!(status, 422, "{out}");
    assert!(out["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "IAM-006"));

    // Applying the suggested fix: IAM now holds it, the role is usable, the change is audited.
    let fix = detail["suggestedTrustPolicy"].clone();
    let (status, fixed) = c
        .put(&format!("/api/v1/roles/{name}/trust-policy"), fix.clone())
        .await;
    assert_eq!(status, 200, "{fixed}");
    assert_eq!(fixed["usableByTasks"], true);
    assert_eq!(fixed["suggestedTrustPolicy"], Value::Null);
    let stored = iam()
        .await
        .get_role()
        .role_name(&name)
        .send()
        .await
        .unwrap();
    assert_eq!(
        backend::aws::iam::parse_document(
            stored
                .role()
                .unwrap()
                .assume_role_policy_document()
                .unwrap()
        )
        .unwrap(),
        fix
    );
    // Idempotent: the same document again changes nothing and is not re-audited.
    let (status, _) = c
        .put(&format!("/api/v1/roles/{name}/trust-policy"), fix)
        .await;
    assert_eq!(status, 200);
    let (_, audit) = c.get("/api/v1/audit").await;
    let updates = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["action"] == "role.trust.update" && e["target"].as_str().unwrap().ends_with(&name)
        })
        .count();
    assert_eq!(updates, 1, "{audit}");
    let (status, _) = c
        .put(
            "/api/v1/roles/no-such-role/trust-policy",
            detail["suggestedTrustPolicy"].clone(),
        )
        .await;
    assert_eq!(status, 404);

    // An execution role without its task definition, a bad name, an unknown kind: 422.
    for (body, rule, path) in [
        (
            json!({"kind": "execution", "roleName": unique("demo-x")}),
            "SCHEMA",
            "taskDefinition",
        ),
        (
            json!({"kind": "task", "roleName": "demo bad name"}),
            "IAM-001",
            "RoleName",
        ),
        (
            json!({"kind": "ec2", "roleName": unique("demo-y")}),
            "SCHEMA",
            "kind",
        ),
    ] {
        let (status, out) = c.post("/api/v1/roles", body).await;
        assert_eq!(status, 422, "{out}");
        assert!(
            out["error"]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == rule && f["path"] == path),
            "{rule}: {out}"
        );
    }
    let (status, _) = c.get("/api/v1/roles/no-such-role").await;
    assert_eq!(status, 404);
}
