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

    // Deleted (its inline policy first, as IAM requires): gone from IAM, audited; again: 404.
    let (status, _) = c.delete(&format!("/api/v1/roles/{task_name}")).await;
    assert_eq!(status, 204);
    assert!(client
        .get_role()
        .role_name(&task_name)
        .send()
        .await
        .is_err());
    let (status, _) = c.delete(&format!("/api/v1/roles/{task_name}")).await;
    assert_eq!(status, 404);
    let (_, audit) = c.get("/api/v1/audit").await;
    let outcomes: Vec<&str> = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "role.delete" && e["target"] == task_name.as_str())
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    // The second delete is answered from IAM's GetRole (404) before any write: one event.
    assert_eq!(outcomes, ["success"]);
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
            std::path::PathBuf::from(
                std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
            )
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

#[tokio::test]
async fn a_revisions_roles_are_checked_live_and_berths_policy_follows_the_task_definition() {
    let dir = TempDir::new("roles-check");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let role = unique("demo-rc-exec");
    let family = unique("demo-rc");
    let arn = format!("arn:aws:iam::123456789012:role/{role}");
    let mut v1 = td(&family);
    v1["executionRoleArn"] = json!(arn);
    let (status, created) = c
        .post(
            "/api/v1/roles",
            json!({"kind": "execution", "roleName": role, "taskDefinition": v1}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let (status, _) = c.post("/api/v1/task-definitions", v1.clone()).await;
    assert_eq!(status, 201);

    // Revision 1: the role allows exactly what it needs.
    let (status, check) = c
        .get(&format!("/api/v1/task-definitions/{family}/1/roles"))
        .await;
    assert_eq!(status, 200, "{check}");
    let exec = &check["roles"][0];
    assert_eq!(
        (
            exec["kind"].as_str(),
            exec["found"].as_bool(),
            exec["usableByTasks"].as_bool()
        ),
        (Some("execution"), Some(true), Some(true))
    );
    assert_eq!(exec["findings"], json!([]), "{check}");
    assert_eq!(exec.get("suggestedPolicy"), None);

    // Revision 2 reads a second secret: the role falls short, at that secret's path.
    let mut v2 = v1.clone();
    let second = "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/api-key-XyZ123";
    v2["containerDefinitions"][0]["secrets"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "API_KEY", "valueFrom": second}));
    let (status, _) = c.post("/api/v1/task-definitions", v2.clone()).await;
    assert_eq!(status, 201);
    let (_, check) = c
        .get(&format!("/api/v1/task-definitions/{family}/2/roles"))
        .await;
    let exec = &check["roles"][0];
    assert!(
        exec["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "IAM-010"
                && f["path"] == "containerDefinitions[0].secrets[1].valueFrom"),
        "{check}"
    );
    assert!(exec["suggestedSummary"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "may read secret demo/api-key-XyZ123"));

    // Berth's policy brought in step with revision 2: the check is clean, IAM holds it.
    let (status, updated) = c
        .put(
            &format!("/api/v1/roles/{role}/policy"),
            json!({"kind": "execution", "taskDefinition": v2}),
        )
        .await;
    assert_eq!(status, 200, "{updated}");
    let (_, check) = c
        .get(&format!("/api/v1/task-definitions/{family}/2/roles"))
        .await;
    assert_eq!(check["roles"][0]["findings"], json!([]), "{check}");
    let stored = iam()
        .await
        .get_role_policy()
        .role_name(&role)
        .policy_name("berth")
        .send()
        .await
        .unwrap();
    assert!(backend::aws::iam::parse_document(stored.policy_document())
        .unwrap()
        .to_string()
        .contains(second));

    // A revision naming a role IAM does not have.
    let mut v3 = v1.clone();
    v3["executionRoleArn"] = json!("arn:aws:iam::123456789012:role/demo-no-such-role");
    let (status, _) = c.post("/api/v1/task-definitions", v3).await;
    assert_eq!(status, 201);
    let (_, check) = c
        .get(&format!("/api/v1/task-definitions/{family}/3/roles"))
        .await;
    assert_eq!(check["roles"][0]["found"], false, "{check}");
    // And a policy for a role that does not exist: 404.
    let (status, _) = c
        .put(
            "/api/v1/roles/demo-no-such-role/policy",
            json!({"kind": "execution", "taskDefinition": v1}),
        )
        .await;
    assert_eq!(status, 404);
}
