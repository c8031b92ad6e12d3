//! `/api/v1/task-definitions` against moto and SQLite: register (validated first), read back
//! from moto through the SDK, export, idempotent re-register, revisions, deregister, team
//! ownership — and the 422s the validator must raise before any AWS call.

mod common;

use common::{ecs, unique, Berth, TempDir};
use serde_json::{json, Value};

const EXEC: &str = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

fn web(family: &str) -> Value {
    json!({
        "family": family,
        "requiresCompatibilities": ["FARGATE"],
        "networkMode": "awsvpc",
        "cpu": "1024",
        "memory": "2048",
        "executionRoleArn": EXEC,
        "taskRoleArn": "arn:aws:iam::123456789012:role/demo-web-task",
        "runtimePlatform": {"operatingSystemFamily": "LINUX", "cpuArchitecture": "X86_64"},
        "containerDefinitions": [
            {
                "name": "app",
                "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1.4.2",
                "essential": true,
                "portMappings": [{"containerPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
                "environment": [{"name": "MODE", "value": "prod"}],
                "secrets": [
                    {"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf"},
                    {"name": "API_KEY", "valueFrom": "/demo/web/api-key"}
                ],
                "environmentFiles": [{"value": "arn:aws:s3:::demo-config/web/prod.env", "type": "s3"}],
                "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}],
                "dependsOn": [{"containerName": "init", "condition": "SUCCESS"}],
                "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/demo-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}}
            },
            {
                "name": "init",
                "image": "public.ecr.aws/docker/library/busybox:1.36",
                "essential": false,
                "command": ["sh", "-c", "mkdir -p /data/cache"],
                "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}],
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/demo-web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "init"}}
            }
        ],
        "volumes": [{"name": "data", "efsVolumeConfiguration": {
            "fileSystemId": "fs-0123456789abcdef0", "transitEncryption": "ENABLED",
            "authorizationConfig": {"accessPointId": "fsap-0123456789abcdef0", "iam": "ENABLED"}}}],
        "tags": [{"key": "team", "value": "demo"}]
    })
}

#[tokio::test]
async fn a_multi_container_fargate_task_definition_is_registered_read_back_and_exported() {
    let dir = TempDir::new("td-register");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let family = unique("demo-web");
    let doc = web(&family);

    let (status, body) = c.post("/api/v1/task-definitions", doc.clone()).await;
    assert_eq!(status, 201, "{body}");
    let arn = body["taskDefinitionArn"].as_str().unwrap().to_string();
    let revision = body["revision"].as_i64().unwrap();
    assert!(
        arn.ends_with(&format!("task-definition/{family}:{revision}")),
        "{arn}"
    );

    // What moto stored, read through the SDK.
    let out = ecs()
        .await
        .describe_task_definition()
        .task_definition(&arn)
        .send()
        .await
        .unwrap();
    let td = out.task_definition().unwrap();
    assert_eq!(td.family(), Some(family.as_str()));
    assert_eq!((td.cpu(), td.memory()), (Some("1024"), Some("2048")));
    assert_eq!(td.execution_role_arn(), Some(EXEC));
    assert_eq!(td.network_mode().map(|m| m.as_str()), Some("awsvpc"));
    let containers = td.container_definitions();
    assert_eq!(containers.len(), 2);
    let app = &containers[0];
    assert_eq!(app.name(), Some("app"));
    let secrets: Vec<_> = app
        .secrets()
        .iter()
        .map(|s| (s.name(), s.value_from()))
        .collect();
    assert_eq!(
        secrets,
        [
            (
                "DB_PASSWORD",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo/db-AbCdEf"
            ),
            ("API_KEY", "/demo/web/api-key")
        ]
    );
    assert_eq!(
        app.environment_files()[0].value(),
        "arn:aws:s3:::demo-config/web/prod.env"
    );
    let logs = app.log_configuration().unwrap();
    assert_eq!(logs.log_driver().as_str(), "awslogs");
    assert_eq!(
        logs.options()
            .unwrap()
            .get("awslogs-group")
            .map(String::as_str),
        Some("/ecs/demo-web")
    );
    assert_eq!(app.depends_on()[0].container_name(), "init");
    assert_eq!(app.health_check().unwrap().command()[0], "CMD-SHELL");
    let efs = td.volumes()[0].efs_volume_configuration().unwrap();
    assert_eq!(efs.file_system_id(), "fs-0123456789abcdef0");
    assert_eq!(
        efs.authorization_config().unwrap().access_point_id(),
        Some("fsap-0123456789abcdef0")
    );

    // Export: the RegisterTaskDefinition document, no read-only fields, equal to what was sent.
    let (status, exported) = c
        .get(&format!("/api/v1/task-definitions/{family}/{revision}"))
        .await;
    assert_eq!(status, 200);
    for read_only in [
        "taskDefinitionArn",
        "revision",
        "status",
        "registeredAt",
        "compatibilities",
        "requiresAttributes",
    ] {
        assert!(exported.get(read_only).is_none(), "{read_only} in export");
    }
    assert_eq!(exported, doc, "export differs from the registered document");

    // Registering the export again is idempotent: the same revision comes back.
    let (status, again) = c.post("/api/v1/task-definitions", exported.clone()).await;
    assert_eq!((status, again["revision"].as_i64()), (201, Some(revision)));

    // A changed document is a new revision; the family lists newest first.
    let mut changed = doc.clone();
    changed["containerDefinitions"][0]["image"] =
        json!("123456789012.dkr.ecr.us-east-1.amazonaws.com/demo/web:1.4.3");
    let (status, next) = c.post("/api/v1/task-definitions", changed).await;
    assert_eq!(status, 201);
    let next_revision = next["revision"].as_i64().unwrap();
    assert_eq!(next_revision, revision + 1);
    let (status, page) = c.get(&format!("/api/v1/task-definitions/{family}")).await;
    assert_eq!(status, 200);
    let revisions: Vec<i64> = page["taskDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(revisions, [next_revision, revision]);
    let (status, families) = c
        .get(&format!("/api/v1/task-definitions?familyPrefix={family}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(families["families"], json!([family]));

    // Deregister the old revision: 204, audited; it stays readable.
    let (status, _) = c
        .delete(&format!("/api/v1/task-definitions/{family}/{revision}"))
        .await;
    assert_eq!(status, 204);
    let (_, audit) = c.get("/api/v1/audit").await;
    let actions: Vec<&str> = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"task_definition.register")
            && actions.contains(&"task_definition.deregister"),
        "{actions:?}"
    );
    let (status, missing) = c
        .get(&format!("/api/v1/task-definitions/{family}/999"))
        .await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
}

#[tokio::test]
async fn broken_task_definitions_are_refused_with_the_finding_naming_the_field() {
    let dir = TempDir::new("td-422");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let family = unique("demo-bad");
    let base = web(&family);
    let with = |patch: &dyn Fn(&mut Value)| {
        let mut d = base.clone();
        patch(&mut d);
        d
    };
    let cases: Vec<(&str, &str, Value)> = vec![
        (
            "TD-CPU-003",
            "memory",
            with(&|d| d["memory"] = json!("512")),
        ),
        (
            "TD-PORT-002",
            "containerDefinitions[0].portMappings[0].hostPort",
            with(&|d| d["containerDefinitions"][0]["portMappings"][0]["hostPort"] = json!(80)),
        ),
        (
            "TD-LOG-012",
            "executionRoleArn",
            with(&|d| {
                d.as_object_mut().unwrap().remove("executionRoleArn");
                for c in d["containerDefinitions"].as_array_mut().unwrap() {
                    c.as_object_mut().unwrap().remove("secrets");
                    c.as_object_mut().unwrap().remove("environmentFiles");
                }
            }),
        ),
        (
            "TD-SEC-006",
            "executionRoleArn",
            with(&|d| {
                d.as_object_mut().unwrap().remove("executionRoleArn");
            }),
        ),
        (
            "TD-GEN-003",
            "containerDefinitions",
            with(&|d| {
                let c = d["containerDefinitions"][1].clone();
                let list = d["containerDefinitions"].as_array_mut().unwrap();
                for i in 0..9 {
                    let mut x = c.clone();
                    x["name"] = json!(format!("extra{i}"));
                    list.push(x);
                }
            }),
        ),
        (
            "VOL-003",
            "containerDefinitions[1].mountPoints[0].sourceVolume",
            with(&|d| {
                d["containerDefinitions"][1]["mountPoints"][0]["sourceVolume"] = json!("cache")
            }),
        ),
    ];
    for (rule, path, doc) in cases {
        let (status, body) = c.post("/api/v1/task-definitions", doc).await;
        assert_eq!(status, 422, "{rule}: {body}");
        assert_eq!(body["error"]["code"], "validation_failed");
        let hit = body["error"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == rule && f["path"] == path && f["severity"] == "error");
        assert!(hit, "{rule} at {path}: {body}");
    }
    // Nothing reached AWS: the family does not exist in moto.
    let families = ecs()
        .await
        .list_task_definition_families()
        .family_prefix(&family)
        .send()
        .await
        .unwrap();
    assert!(families.families().is_empty());
}

#[tokio::test]
async fn deployers_register_only_their_teams_families() {
    let dir = TempDir::new("td-team");
    let berth = Berth::start(&dir.0);
    let out = berth.add_user("dev", "deployer", "demo", "dev-password-123");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = berth.client();
    assert_eq!(c.login("dev", "dev-password-123").await.0, 200);
    let (status, body) = c
        .post("/api/v1/task-definitions", web(&unique("other-web")))
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    // Its own family, but roles that are not its team's: refused at the field.
    let (status, body) = c
        .post("/api/v1/task-definitions", web(&unique("demo-web")))
        .await;
    assert_eq!(
        (status, body["error"]["findings"][0]["path"].as_str()),
        (403, Some("executionRoleArn")),
        "{body}"
    );
    // The seeded demo-web-exec is tagged berth:team=demo; the task role does not exist yet
    // and is named for the team, so it is allowed with a warning.
    let mut doc = web(&unique("demo-web"));
    doc["executionRoleArn"] = json!("arn:aws:iam::123456789012:role/demo-web-exec");
    let (status, body) = c.post("/api/v1/task-definitions", doc).await;
    assert_eq!(status, 201, "{body}");
}
