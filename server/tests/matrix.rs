//! The role × endpoint matrix: every REST route of the OpenAPI document and every server
//! function, called as anonymous, viewer, deployer of the resource's team, deployer of another
//! team, approver and admin, each with the status it must answer. A route or server function
//! without an entry here fails the test — a new door cannot ship unchecked.

mod common;

use common::{ecs, iam, unique, Berth, Client, TempDir};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Who calls, in the order of every `expect` row.
const PERSONAS: [&str; 6] = [
    "anonymous",
    "viewer",
    "deployer",
    "other-team",
    "approver",
    "admin",
];

/// 401 for anonymous, then the rest.
const READ: [u16; 6] = [401, 200, 200, 200, 200, 200];
const PUBLIC: [u16; 6] = [200; 6];

fn team_write(ok: u16) -> [u16; 6] {
    [401, 403, ok, 403, ok, ok]
}

fn fargate(family: &str) -> Value {
    json!({"family": family, "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "cpu": "256", "memory": "512", "executionRoleArn": "arn:aws:iam::123456789012:role/demo-web-exec",
        "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": true}]})
}

fn trust() -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]})
}

/// A role made outside Berth, tagged for `team` (or untagged).
async fn role(team: Option<&str>) -> String {
    let name = unique("demo-mx");
    let mut req = iam()
        .await
        .create_role()
        .role_name(&name)
        .assume_role_policy_document(trust().to_string());
    if let Some(team) = team {
        req = req.tags(
            aws_sdk_iam::types::Tag::builder()
                .key("berth:team")
                .value(team)
                .build()
                .unwrap(),
        );
    }
    req.send().await.unwrap();
    name
}

async fn repository() -> String {
    let name = format!("demo/{}", unique("mx"));
    common::ecr()
        .await
        .create_repository()
        .repository_name(&name)
        .send()
        .await
        .unwrap();
    name
}

async fn family() -> String {
    let family = unique("demo-mx");
    let c = aws_sdk_ecs::types::ContainerDefinition::builder()
        .name("app")
        .image("nginx:1.27")
        .memory(256)
        .build();
    ecs()
        .await
        .register_task_definition()
        .family(&family)
        .container_definitions(c)
        .send()
        .await
        .unwrap();
    family
}

enum Body {
    None,
    Json(Value),
    Form(Vec<(&'static str, String)>),
}

/// The concrete request for one route and one caller, with fresh resources where the call
/// consumes them, and the statuses each persona must get.
async fn rest_case(method: &str, path: &str, caller: &Client) -> Option<(String, Body, [u16; 6])> {
    let enc = |s: &str| s.replace('/', "%2F");
    Some(match (method, path) {
        ("post", "/api/v1/session") => (
            path.into(),
            Body::Json(json!({"username": unique("nobody"), "password": "not-the-password"})),
            [401; 6],
        ),
        ("delete", "/api/v1/session") => (path.into(), Body::None, [401, 204, 204, 204, 204, 204]),
        ("get", "/api/v1/me") => (path.into(), Body::None, READ),
        ("get", "/api/v1/tokens") => (path.into(), Body::None, READ),
        ("post", "/api/v1/tokens") => (
            path.into(),
            Body::Json(json!({"name": "matrix"})),
            [401, 201, 201, 201, 201, 201],
        ),
        ("delete", "/api/v1/tokens/{id}") => {
            let (_, made) = caller
                .post("/api/v1/tokens", json!({"name": "to-delete"}))
                .await;
            let id = match caller.get("/api/v1/tokens").await.1["tokens"][0]["id"].as_i64() {
                Some(id) if made["token"].is_string() => id,
                _ => 1,
            };
            (
                format!("/api/v1/tokens/{id}"),
                Body::None,
                [401, 204, 204, 204, 204, 204],
            )
        }
        ("get", "/api/v1/repositories") => (path.into(), Body::None, READ),
        ("post", "/api/v1/repositories") => (
            path.into(),
            Body::Json(json!({"repositoryName": format!("demo/{}", unique("mx"))})),
            team_write(201),
        ),
        ("get", "/api/v1/repositories/{name}") => {
            ("/api/v1/repositories/demo%2Fweb".into(), Body::None, READ)
        }
        ("delete", "/api/v1/repositories/{name}") => (
            format!("/api/v1/repositories/{}", enc(&repository().await)),
            Body::None,
            team_write(204),
        ),
        ("get", "/api/v1/images") => (
            "/api/v1/images?repository=demo%2Fweb".into(),
            Body::None,
            READ,
        ),
        ("get", "/api/v1/roles") => (path.into(), Body::None, READ),
        ("post", "/api/v1/roles") => (
            path.into(),
            Body::Json(json!({"kind": "task", "roleName": unique("demo-mx")})),
            team_write(201),
        ),
        ("get", "/api/v1/roles/{name}") => ("/api/v1/roles/demo-web-exec".into(), Body::None, READ),
        ("delete", "/api/v1/roles/{name}") => (
            format!("/api/v1/roles/{}", role(Some("demo")).await),
            Body::None,
            team_write(204),
        ),
        ("put", "/api/v1/roles/{name}/trust-policy") => (
            format!("/api/v1/roles/{}/trust-policy", role(Some("demo")).await),
            Body::Json(trust()),
            team_write(200),
        ),
        ("put", "/api/v1/roles/{name}/policy") => (
            format!("/api/v1/roles/{}/policy", role(Some("demo")).await),
            Body::Json(json!({"kind": "task", "enableExecuteCommand": true})),
            team_write(200),
        ),
        ("post", "/api/v1/roles/{name}/adopt") => (
            format!("/api/v1/roles/{}/adopt", role(None).await),
            Body::Json(json!({"team": "demo"})),
            [401, 403, 403, 403, 403, 200],
        ),
        ("get", "/api/v1/task-definitions") => (path.into(), Body::None, READ),
        ("post", "/api/v1/task-definitions") => (
            path.into(),
            Body::Json(fargate(&unique("demo-mx"))),
            team_write(201),
        ),
        ("get", "/api/v1/task-definitions/{family}") => {
            ("/api/v1/task-definitions/demo-web".into(), Body::None, READ)
        }
        ("get", "/api/v1/task-definitions/{family}/{revision}") => (
            "/api/v1/task-definitions/demo-web/1".into(),
            Body::None,
            READ,
        ),
        ("delete", "/api/v1/task-definitions/{family}/{revision}") => (
            format!("/api/v1/task-definitions/{}/1", family().await),
            Body::None,
            team_write(204),
        ),
        ("get", "/api/v1/task-definitions/{family}/{revision}/roles") => (
            "/api/v1/task-definitions/demo-web/1/roles".into(),
            Body::None,
            READ,
        ),
        ("post", "/api/v1/validate/{kind}") => (
            "/api/v1/validate/task-definition".into(),
            Body::Json(fargate("demo-x")),
            READ,
        ),
        ("get", "/api/v1/audit") => (path.into(), Body::None, READ),
        ("get", "/api/v1/openapi.json") => (path.into(), Body::None, PUBLIC),
        ("get", "/healthz") => (path.into(), Body::None, PUBLIC),
        _ => return None,
    })
}

/// The same for each server function (`/rpc/<endpoint>`, always POST): 200 on success.
async fn server_fn_case(endpoint: &str, caller: &Client) -> Option<(Body, [u16; 6])> {
    let form = |pairs: &[(&'static str, &str)]| {
        Body::Form(pairs.iter().map(|(k, v)| (*k, v.to_string())).collect())
    };
    Some(match endpoint {
        "session/info" | "audit/list" | "repositories/list" | "roles/list" | "tokens/list" => {
            (form(&[]), READ)
        }
        "task-definitions/families" => (form(&[]), READ),
        "repositories/get" => (form(&[("name", "demo/web")]), READ),
        "repositories/images" => (form(&[("repository", "demo/web")]), READ),
        "roles/get" => (form(&[("name", "demo-web-exec")]), READ),
        "task-definitions/get" => (form(&[("family", "demo-web"), ("revision", "1")]), READ),
        "task-definitions/revisions" => (form(&[("family", "demo-web")]), READ),
        "task-definitions/roles" => (form(&[("family", "demo-web"), ("revision", "1")]), READ),
        "repositories/create" => (
            Body::Json(json!({"request": {"repositoryName": format!("demo/{}", unique("mx"))}})),
            team_write(200),
        ),
        "repositories/delete" => (
            form(&[("name", &repository().await), ("force", "false")]),
            team_write(200),
        ),
        "roles/create" => (
            Body::Json(json!({"request": {"kind": "task", "roleName": unique("demo-mx")}})),
            team_write(200),
        ),
        "roles/delete" => (
            form(&[("name", &role(Some("demo")).await)]),
            team_write(200),
        ),
        "roles/adopt" => (
            form(&[("name", &role(None).await), ("team", "demo")]),
            [401, 403, 403, 403, 403, 200],
        ),
        "roles/policy" => (
            Body::Json(
                json!({"name": role(Some("demo")).await, "request": {"kind": "task", "enableExecuteCommand": true}}),
            ),
            team_write(200),
        ),
        "roles/trust-policy" => (
            Body::Json(json!({"name": role(Some("demo")).await, "document": trust()})),
            team_write(200),
        ),
        "task-definitions/register" => (
            Body::Json(json!({"document": fargate(&unique("demo-mx"))})),
            team_write(200),
        ),
        "task-definitions/deregister" => (
            form(&[("family", &family().await), ("revision", "1")]),
            team_write(200),
        ),
        "tokens/create" => (form(&[("name", "matrix")]), READ),
        "tokens/delete" => {
            caller
                .post("/api/v1/tokens", json!({"name": "to-delete"}))
                .await;
            let id = caller.get("/api/v1/tokens").await.1["tokens"][0]["id"]
                .as_i64()
                .unwrap_or(1);
            (form(&[("id", &id.to_string())]), READ)
        }
        _ => return None,
    })
}

/// `/rpc/<endpoint>` of every `#[server(…)]` under `app/src/server_fns` (each must name its
/// endpoint, so none can hide behind a generated path).
fn server_functions() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("../app/src/server_fns");
    let mut sources = Vec::new();
    walk(&root, &mut sources);
    let mut found = BTreeSet::new();
    for source in &sources {
        for attr in source.split("#[server(").skip(1) {
            let attr = attr.split(")]").next().unwrap();
            // Argument attributes (`#[server(default)]`) are not declarations.
            if matches!(attr.trim(), "default") || attr.trim().starts_with("rename") {
                continue;
            }
            let endpoint = attr
                .split("endpoint = \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| {
                    panic!("a server function without an explicit endpoint: #[server({attr})]")
                });
            assert!(attr.contains("prefix = \"/rpc\""), "{attr}");
            found.insert(format!("/rpc/{endpoint}"));
        }
    }
    found
}

async fn send(berth: &Berth, c: &Client, method: &str, url: &str, body: Body) -> (u16, Value) {
    let mut req = c.http.request(
        method.to_uppercase().parse().unwrap(),
        format!("{}{url}", berth.url),
    );
    req = match body {
        Body::None => req,
        Body::Json(v) => req.json(&v),
        Body::Form(pairs) => req.form(&pairs),
    };
    c.send(req).await
}

/// A fresh client for `persona` (each call gets its own session, so logging out or deleting
/// a token in one case cannot change another).
async fn client(berth: &Berth, persona: &str) -> Client {
    let c = berth.client();
    if persona != "anonymous" {
        let (password, name) = if persona == "admin" {
            (common::ADMIN_PASSWORD.to_string(), "admin".to_string())
        } else {
            (format!("{persona}-password-123"), persona.to_string())
        };
        assert_eq!(c.login(&name, &password).await.0, 200, "{persona}");
    }
    c
}

#[tokio::test]
async fn every_route_and_server_function_answers_each_role_as_it_must() {
    let dir = TempDir::new("matrix");
    let berth = Berth::start(&dir.0);
    for (persona, roles, team) in [
        ("viewer", "viewer", "demo"),
        ("deployer", "deployer", "demo"),
        ("other-team", "deployer", "ops"),
        ("approver", "approver", "demo"),
    ] {
        let out = berth.add_user(persona, roles, team, &format!("{persona}-password-123"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (_, doc) = berth.client().get("/api/v1/openapi.json").await;
    let mut table = vec![
        format!("| route | {} |", PERSONAS.join(" | ")),
        format!("|---|{}", "---|".repeat(6)),
    ];
    let mut missing = Vec::new();
    let mut failures = Vec::new();
    let mut routes = 0;
    // The document itself is served but not described in it.
    let mut listed: Vec<(String, String)> = vec![("get".into(), "/api/v1/openapi.json".into())];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            listed.push((method.clone(), path.clone()));
        }
    }
    for (method, path) in &listed {
        let (method, path) = (method.as_str(), path.as_str());
        {
            routes += 1;
            let mut row = Vec::new();
            for (i, persona) in PERSONAS.iter().enumerate() {
                let c = client(&berth, persona).await;
                let Some((url, body, expect)) = rest_case(method, path, &c).await else {
                    missing.push(format!("{method} {path}"));
                    break;
                };
                let (status, answer) = send(&berth, &c, method, &url, body).await;
                if status != expect[i] {
                    failures.push(format!(
                        "{persona} {method} {url}: {status} (want {}) {answer}",
                        expect[i]
                    ));
                }
                row.push(status.to_string());
            }
            table.push(format!(
                "| {} {path} | {} |",
                method.to_uppercase(),
                row.join(" | ")
            ));
        }
    }
    assert!(routes >= 28, "{routes} routes");

    // Every server function the app declares.
    let registered = server_functions();
    assert!(registered.len() >= 23, "{registered:?}");
    for path in &registered {
        let endpoint = path.trim_start_matches("/rpc/");
        let mut row = Vec::new();
        for (i, persona) in PERSONAS.iter().enumerate() {
            let c = client(&berth, persona).await;
            let Some((body, expect)) = server_fn_case(endpoint, &c).await else {
                missing.push(format!("server function {path}"));
                break;
            };
            let (status, answer) = send(&berth, &c, "post", path, body).await;
            if status != expect[i] {
                failures.push(format!(
                    "{persona} server fn {path}: {status} (want {}) {answer}",
                    expect[i]
                ));
            }
            row.push(status.to_string());
        }
        table.push(format!("| fn {endpoint} | {} |", row.join(" | ")));
    }
    println!("{}", table.join("\n"));
    assert!(
        missing.is_empty(),
        "doors without a matrix entry: {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "{} wrong answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
