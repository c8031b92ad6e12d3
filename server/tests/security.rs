//! Attack tests: each tries, from outside, what a hostile user of Berth would — against the
//! real binary, a real moto and a real SQLite — and checks the answer. Later features extend
//! this file (and the role × endpoint matrix in `matrix.rs`).

mod common;

use common::{iam, unique, Berth, Client, TempDir};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn trust(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn ecs_tasks() -> Value {
    json!({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}})
}

fn rules(body: &Value) -> Vec<(String, String)> {
    body["error"]["findings"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or_default().to_string(),
                        f["path"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Creates a role straight in IAM (as someone outside Berth would), with these tags.
async fn outside_role(name: &str, tags: &[(&str, &str)]) {
    let mut req = iam()
        .await
        .create_role()
        .role_name(name)
        .assume_role_policy_document(trust(json!([ecs_tasks()])).to_string());
    for (k, v) in tags {
        req = req.tags(
            aws_sdk_iam::types::Tag::builder()
                .key(*k)
                .value(*v)
                .build()
                .unwrap(),
        );
    }
    req.send().await.unwrap();
}

#[tokio::test]
async fn trust_policies_trust_only_ecs_tasks_whoever_asks() {
    let dir = TempDir::new("sec-trust");
    let berth = Berth::start(&dir.0);
    let admin = berth.admin().await;
    let name = unique("demo-trust");
    outside_role(&name, &[("berth:team", "demo")]).await;
    let url = format!("/api/v1/roles/{name}/trust-policy");
    let shapes = [
        (
            json!([ecs_tasks(), {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]),
            ("IAM-GUARD-001", "Statement[1].Principal"),
        ),
        (
            json!([{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com", "AWS": "arn:aws:iam::999999999999:root"}, "Action": "sts:AssumeRole"}]),
            ("IAM-GUARD-001", "Statement[0].Principal.AWS"),
        ),
        (
            json!([ecs_tasks(), {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]),
            ("IAM-GUARD-001", "Statement[1].Principal.AWS"),
        ),
        (
            json!([ecs_tasks(), {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]),
            ("IAM-GUARD-001", "Statement[1].Principal.Service"),
        ),
        (
            json!([ecs_tasks(), {"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]),
            ("IAM-GUARD-001", "Statement[1].Principal.Federated"),
        ),
        (
            json!([ecs_tasks(), {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]),
            ("IAM-GUARD-002", "Statement[1].NotPrincipal"),
        ),
    ];
    for (statements, (rule, path)) in shapes {
        let (status, body) = admin.put(&url, trust(statements.clone())).await;
        assert_eq!(status, 422, "{statements}: {body}");
        assert!(
            rules(&body).contains(&(rule.to_string(), path.to_string())),
            "{statements}: {body}"
        );
    }
    // Nothing reached IAM: the role still trusts only ECS tasks.
    let role = iam()
        .await
        .get_role()
        .role_name(&name)
        .send()
        .await
        .unwrap();
    let doc = role.role().unwrap().assume_role_policy_document().unwrap();
    assert!(
        !doc.contains("999999999999") && !doc.contains("lambda"),
        "{doc}"
    );
    // The clean document goes through.
    let (status, body) = admin.put(&url, trust(json!([ecs_tasks()]))).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn task_role_statements_cannot_grant_identity_or_account_power() {
    let dir = TempDir::new("sec-statements");
    let berth = Berth::start(&dir.0);
    let dev = berth.user("dev", "deployer", "demo").await;
    let attacks = [
        (
            json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            "IAM-GUARD-003",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "*:*", "Resource": "arn:aws:s3:::b/*"}),
            "IAM-GUARD-003",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "*"}),
            "IAM-GUARD-004",
            "statements[0].NotAction",
        ),
        (
            json!({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "iam:Pass*", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "IAM:createuser", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": ["s3:GetObject", "i*:*"], "Resource": "arn:aws:s3:::b/*"}),
            "IAM-GUARD-005",
            "statements[0].Action[1]",
        ),
        (
            json!({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::123456789012:role/admin"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "organizations:*", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "account:*", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "sso:*", "Resource": "*"}),
            "IAM-GUARD-005",
            "statements[0].Action",
        ),
        (
            json!({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
            "IAM-GUARD-006",
            "statements[0].Action",
        ),
    ];
    for (statement, rule, path) in attacks {
        let name = unique("demo-task");
        let (status, body) = dev
            .post(
                "/api/v1/roles",
                json!({"kind": "task", "roleName": name, "statements": [statement]}),
            )
            .await;
        assert_eq!(status, 422, "{statement}: {body}");
        assert!(
            rules(&body).contains(&(rule.to_string(), path.to_string())),
            "{statement}: {body}"
        );
        assert!(iam()
            .await
            .get_role()
            .role_name(&name)
            .send()
            .await
            .is_err());
    }
    // A scoped statement on "*" is allowed with a warning.
    let name = unique("demo-task");
    let (status, body) = dev
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": name, "statements": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert!(body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "IAM-GUARD-007"));
    // The account guard may be dropped only by an admin.
    let (status, body) = dev
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": unique("demo-task"), "skipSourceConditions": true}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    // Admins may grant it, warned.
    let admin = berth.admin().await;
    let (status, body) = admin
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": unique("demo-task"), "statements": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert!(body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "IAM-GUARD-005" && f["severity"] == "warning"));
}

#[tokio::test]
async fn roles_are_owned_by_tag_and_admins_adopt_them() {
    let dir = TempDir::new("sec-owner");
    let boundary = "arn:aws:iam::123456789012:policy/berth-boundary";
    let berth = Berth::start_with(&dir.0, &[("BERTH_ROLE_PERMISSIONS_BOUNDARY", boundary)]);
    let dev = berth.user("dev", "deployer", "demo").await;

    // What Berth creates is tagged with the team and gets the boundary.
    let created = unique("demo-exec");
    let (status, body) = dev
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": created}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let role = iam()
        .await
        .get_role()
        .role_name(&created)
        .send()
        .await
        .unwrap();
    let role = role.role().unwrap();
    let tags: Vec<(&str, &str)> = role.tags().iter().map(|t| (t.key(), t.value())).collect();
    assert!(
        tags.contains(&("berth:team", "demo")) && tags.contains(&("berth:managed", "true")),
        "{tags:?}"
    );
    assert_eq!(
        role.permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn()),
        Some(boundary)
    );
    let (_, page) = dev.get(&format!("/api/v1/roles/{created}")).await;
    assert_eq!(
        (page["team"].as_str(), page["permissionsBoundary"].as_str()),
        (Some("demo"), Some(boundary))
    );

    // A role named like the team's but not tagged is read-only for the deployer.
    let untagged = unique("demo-handmade");
    outside_role(&untagged, &[]).await;
    let other = unique("demo-ops");
    outside_role(&other, &[("berth:team", "ops")]).await;
    for name in [&untagged, &other] {
        let (status, body) = dev
            .put(
                &format!("/api/v1/roles/{name}/trust-policy"),
                trust(json!([ecs_tasks()])),
            )
            .await;
        assert_eq!(status, 403, "{body}");
        let (status, _) = dev.delete(&format!("/api/v1/roles/{name}")).await;
        assert_eq!(status, 403);
        let (status, _) = dev
            .put(
                &format!("/api/v1/roles/{name}/policy"),
                json!({"kind": "task", "enableExecuteCommand": true}),
            )
            .await;
        assert_eq!(status, 403);
        assert!(iam().await.get_role().role_name(name).send().await.is_ok());
    }
    let (_, body) = dev.delete(&format!("/api/v1/roles/{untagged}")).await;
    assert!(
        body["error"]["message"].as_str().unwrap().contains("adopt"),
        "{body}"
    );
    // Only admins adopt; after that the team may change it.
    let (status, _) = dev
        .post(
            &format!("/api/v1/roles/{untagged}/adopt"),
            json!({"team": "demo"}),
        )
        .await;
    assert_eq!(status, 403);
    let admin = berth.admin().await;
    let (status, body) = admin
        .post(
            &format!("/api/v1/roles/{untagged}/adopt"),
            json!({"team": "nosuchteam"}),
        )
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = admin
        .post(
            &format!("/api/v1/roles/{untagged}/adopt"),
            json!({"team": "demo"}),
        )
        .await;
    assert_eq!(
        (status, body["team"].as_str()),
        (200, Some("demo")),
        "{body}"
    );
    let (status, body) = dev
        .put(
            &format!("/api/v1/roles/{untagged}/trust-policy"),
            trust(json!([ecs_tasks()])),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, audit) = admin.get("/api/v1/audit").await;
    assert!(audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "role.adopt"));
}

fn fargate(family: &str, execution_role: &str, task_role: Option<&str>) -> Value {
    let mut doc = json!({
        "family": family, "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "cpu": "256", "memory": "512", "executionRoleArn": execution_role,
        "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": true}]
    });
    if let Some(role) = task_role {
        doc["taskRoleArn"] = json!(role);
    }
    doc
}

#[tokio::test]
async fn a_task_definition_cannot_pass_another_teams_role() {
    let dir = TempDir::new("sec-passrole");
    let berth = Berth::start(&dir.0);
    let dev = berth.user("dev", "deployer", "demo").await;
    let ops_role = unique("ops-admin");
    outside_role(&ops_role, &[("berth:team", "ops")]).await;
    let untagged = unique("demo-untagged");
    outside_role(&untagged, &[]).await;
    let exec = "arn:aws:iam::123456789012:role/demo-web-exec";
    for (task_role, why) in [
        (
            format!("arn:aws:iam::123456789012:role/{ops_role}"),
            "another team's role",
        ),
        (
            format!("arn:aws:iam::123456789012:role/{untagged}"),
            "an untagged role",
        ),
        (
            "arn:aws:iam::999999999999:role/demo-web-exec".to_string(),
            "another account",
        ),
        (ops_role.clone(), "another team's role by bare name"),
        (
            "arn:aws:iam::123456789012:role/ops-not-yet".to_string(),
            "a missing role of another team",
        ),
    ] {
        let (status, body) = dev
            .post(
                "/api/v1/task-definitions",
                fargate(&unique("demo-pass"), exec, Some(&task_role)),
            )
            .await;
        assert_eq!(status, 403, "{why}: {body}");
        assert_eq!(
            body["error"]["findings"][0]["path"], "taskRoleArn",
            "{why}: {body}"
        );
        assert_eq!(
            body["error"]["findings"][0]["rule"], "IAM-GUARD-009",
            "{why}: {body}"
        );
    }
    let (status, body) = dev
        .post(
            "/api/v1/task-definitions",
            fargate(
                &unique("demo-pass"),
                exec,
                Some("arn:aws:iam::123456789012:role/demo-not-yet"),
            ),
        )
        .await;
    assert_eq!(
        status, 201,
        "a missing role named for the team is allowed: {body}"
    );
    // Admins may name any role.
    let admin = berth.admin().await;
    let (status, body) = admin
        .post(
            "/api/v1/task-definitions",
            fargate(
                &unique("demo-pass"),
                exec,
                Some(&format!("arn:aws:iam::123456789012:role/{ops_role}")),
            ),
        )
        .await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn names_cannot_spoof_ownership_or_reach_aws_malformed() {
    let dir = TempDir::new("sec-names");
    let berth = Berth::start(&dir.0);
    let dev = berth.user("dev", "deployer", "demo").await;
    // A team sharing a prefix owns nothing of the other's.
    let (status, _) = dev
        .post(
            "/api/v1/repositories",
            json!({"repositoryName": format!("demo2/{}", unique("x"))}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = dev
        .post(
            "/api/v1/task-definitions",
            fargate(
                &unique("demo2-web"),
                "arn:aws:iam::123456789012:role/demo-web-exec",
                None,
            ),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = dev
        .post(
            "/api/v1/roles",
            json!({"kind": "task", "roleName": unique("demo2-task")}),
        )
        .await;
    assert_eq!(status, 403);
    // Team names with separators are refused where teams are made.
    let out = berth.add_user("sep", "deployer", "demo-x", "sep-password-123");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("team"));
    // Names from URLs are checked before authorization or AWS: 400 naming the parameter.
    for (method, path, parameter) in [
        ("GET", "/api/v1/task-definitions/demo%2Fweb", "family"),
        ("GET", "/api/v1/task-definitions/demo-web/abc", "revision"),
        ("GET", "/api/v1/task-definitions/demo-web/0", "revision"),
        ("DELETE", "/api/v1/task-definitions/..%2F..%2Fx/1", "family"),
        ("GET", "/api/v1/roles/..%2Fadmin", "name"),
        ("GET", "/api/v1/roles/demo%0Aexec", "name"),
        ("DELETE", "/api/v1/roles/demo%2Fexec", "name"),
        ("GET", "/api/v1/repositories/demo%2F..%2Fweb", "name"),
        ("GET", "/api/v1/repositories/demo%2F%2Fweb", "name"),
        ("DELETE", "/api/v1/repositories/Demo%2Fweb", "name"),
        (
            "GET",
            "/api/v1/images?repository=demo%2F.%2Fweb",
            "repository",
        ),
        ("GET", "/api/v1/roles?nextToken=%00", "nextToken"),
        ("DELETE", "/api/v1/tokens/abc", "id"),
    ] {
        let req = dev
            .http
            .request(method.parse().unwrap(), format!("{}{path}", berth.url));
        let (status, body) = dev.send(req).await;
        assert_eq!(status, 400, "{method} {path}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{method} {path}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!("`{parameter}`")),
            "{method} {path}: {body}"
        );
    }
    // Query rejections answer in the standard body too.
    let (status, body) = dev.get("/api/v1/repositories?maxResults=abc").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );
    // None of it reached the audit log as a target.
    let (_, audit) = berth.admin().await.get("/api/v1/audit?limit=200").await;
    let targets: Vec<&str> = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["target"].as_str())
        .collect();
    assert!(
        targets
            .iter()
            .all(|t| !t.contains('\n') && !t.contains("../")),
        "{targets:?}"
    );
}

#[tokio::test]
async fn hostile_documents_do_not_stall_or_crash_the_server() {
    let dir = TempDir::new("sec-huge");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let containers: Vec<Value> = (0..20_000)
        .map(|i| json!({"name": format!("c{i}"), "image": "x"}))
        .collect();
    let started = Instant::now();
    let (status, body) = c
        .post(
            "/api/v1/validate/task-definition",
            json!({"family": "demo-x", "containerDefinitions": containers}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "TD-GEN-003"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    // Deeper than the parser admits: a 400, and the server is still there.
    let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
    let req = c
        .http
        .post(format!("{}/api/v1/validate/task-definition", berth.url))
        .header("content-type", "application/json")
        .body(deep);
    let (status, body) = c.send(req).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_request")),
        "{body}"
    );
    assert_eq!(c.get("/api/v1/me").await.0, 200);
}

#[tokio::test]
async fn the_login_limit_holds_under_concurrency_and_floods_do_not_stall_others() {
    let dir = TempDir::new("sec-login");
    let berth = Berth::start(&dir.0);
    berth.user("victim", "viewer", "demo").await;
    // 20 wrong passwords at once: at most 5 are checked.
    let attempts = (0..20).map(|_| {
        let c = berth.client();
        async move { c.login("victim", "wrong-password").await.0 }
    });
    let statuses = futures_join_all(attempts).await;
    let unauthorized = statuses.iter().filter(|s| **s == 401).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert!(unauthorized <= 5, "{statuses:?}");
    assert_eq!(unauthorized + limited, 20, "{statuses:?}");
    // Over-long credentials are refused before hashing.
    let c = berth.client();
    let (status, _) = c.login(&"u".repeat(129), "x").await;
    assert_eq!(status, 400);
    let (status, _) = c.login("victim", &"p".repeat(129)).await;
    assert_eq!(status, 400);

    // 50 concurrent logins (distinct names, so the per-user limit does not cut them short)
    // while /healthz is polled: it keeps answering quickly.
    let url = berth.url.clone();
    let flood = tokio::spawn(async move {
        let logins = (0..50).map(|i| {
            let http = reqwest::Client::new();
            let url = url.clone();
            async move {
                http.post(format!("{url}/api/v1/session"))
                    .json(&json!({"username": format!("nobody{i}"), "password": "whatever-pw"}))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            }
        });
        futures_join_all(logins).await
    });
    let http = reqwest::Client::new();
    let mut worst = Duration::ZERO;
    while !flood.is_finished() {
        let t = Instant::now();
        http.get(format!("{}/healthz", berth.url))
            .send()
            .await
            .unwrap();
        worst = worst.max(t.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let results = flood.await.unwrap();
    assert!(
        results.iter().all(|r| matches!(r, Ok(401) | Ok(429))),
        "{results:?}"
    );
    assert!(
        worst < Duration::from_millis(500),
        "/healthz took {worst:?} during the flood"
    );
}

/// `join_all` without another dependency: spawn each future and await them in order.
async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

async fn raw(c: &Client, req: reqwest::RequestBuilder) -> u16 {
    c.send(req).await.0
}

#[tokio::test]
async fn csrf_stray_authorization_headers_never_fall_back_to_the_cookie() {
    let dir = TempDir::new("sec-csrf");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let (_, token) = c.post("/api/v1/tokens", json!({"name": "ci"})).await;
    let token = token["token"].as_str().unwrap().to_string();
    let repo = || json!({"repositoryName": format!("demo/{}", unique("csrf"))});
    let url = format!("{}/api/v1/repositories", berth.url);
    // Cookie + another origin: refused, whatever Host says.
    let req = c
        .http
        .post(&url)
        .json(&repo())
        .header("origin", "http://evil.example");
    assert_eq!(raw(&c, req).await, 403);
    let req = c
        .http
        .post(&url)
        .json(&repo())
        .header("origin", "http://evil.example")
        .header("host", "evil.example");
    assert_eq!(raw(&c, req).await, 403);
    // Cookie + a stray Authorization header: 401, never the cookie's user.
    for value in [
        "Basic YWRtaW46eA==",
        "Bearer not-a-token",
        "Bearer",
        "bearer x",
        "Token berth_x",
    ] {
        let req = c
            .http
            .post(&url)
            .json(&repo())
            .header("authorization", value)
            .header("origin", "http://evil.example");
        assert_eq!(raw(&c, req).await, 401, "{value}");
        let req = c
            .http
            .get(format!("{}/api/v1/me", berth.url))
            .header("authorization", value);
        assert_eq!(raw(&c, req).await, 401, "{value}");
        let req = c
            .http
            .post(format!("{}/rpc/session/info", berth.url))
            .header("authorization", value);
        assert_eq!(raw(&c, req).await, 401, "server function, {value}");
    }
    // A valid token is what skips the origin check.
    let req = c
        .http
        .post(&url)
        .json(&repo())
        .header("authorization", format!("Bearer {token}"))
        .header("origin", "http://evil.example");
    assert_eq!(raw(&c, req).await, 201);
    // Server functions get the same protection.
    let req = c
        .http
        .post(format!("{}/rpc/repositories/delete", berth.url))
        .header("origin", "http://evil.example")
        .form(&[("name", "demo/web")]);
    assert_eq!(raw(&c, req).await, 403);
    // Same origin with the cookie works.
    let req = c
        .http
        .post(&url)
        .json(&repo())
        .header("origin", berth.url.as_str());
    assert_eq!(raw(&c, req).await, 201);
}

#[tokio::test]
async fn login_next_follows_only_local_paths() {
    let dir = TempDir::new("sec-next");
    let berth = Berth::start(&dir.0);
    for (next, expected) in [
        ("/roles", "/roles"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/%0d%0aSet-Cookie:x=1", "/%0d%0aSet-Cookie:x=1"),
    ] {
        let c = berth.client();
        let res = c
            .http
            .post(format!("{}/login", berth.url))
            .form(&[
                ("username", "admin"),
                ("password", common::ADMIN_PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{next}");
        assert_eq!(res.headers()["location"], expected, "{next:?}");
    }
}

#[tokio::test]
async fn tokens_are_listed_without_secrets_and_stop_working_when_deleted() {
    let dir = TempDir::new("sec-tokens");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    for days in [0, 366, -1] {
        let (status, body) = c
            .post(
                "/api/v1/tokens",
                json!({"name": "x", "expiresInDays": days}),
            )
            .await;
        assert_eq!(status, 400, "{days}: {body}");
    }
    let (status, body) = c
        .post("/api/v1/tokens", json!({"name": "ci", "expiresInDays": 1}))
        .await;
    assert_eq!(status, 201);
    let token = body["token"].as_str().unwrap().to_string();
    let bearer = berth.client();
    let me = |b: &Client| {
        b.http
            .get(format!("{}/api/v1/me", berth.url))
            .bearer_auth(&token)
    };
    assert_eq!(raw(&bearer, me(&bearer)).await, 200);
    // A token cannot make tokens.
    let req = bearer
        .http
        .post(format!("{}/api/v1/tokens", berth.url))
        .bearer_auth(&token)
        .json(&json!({"name": "child"}));
    assert_eq!(raw(&bearer, req).await, 403);
    let (status, list) = c.get("/api/v1/tokens").await;
    assert_eq!(status, 200);
    let text = list.to_string();
    assert!(!text.contains(&token), "the secret never comes back");
    let entry = &list["tokens"][0];
    assert_eq!(entry["name"], "ci");
    assert!(
        entry["lastUsedAt"].is_string() && entry["expiresAt"].is_string(),
        "{entry}"
    );
    let id = entry["id"].as_i64().unwrap();
    // Someone else cannot delete it.
    let other = berth.user("other", "deployer", "demo").await;
    assert_eq!(other.delete(&format!("/api/v1/tokens/{id}")).await.0, 404);
    assert_eq!(c.delete(&format!("/api/v1/tokens/{id}")).await.0, 204);
    assert_eq!(raw(&bearer, me(&bearer)).await, 401);
    assert_eq!(c.delete(&format!("/api/v1/tokens/{id}")).await.0, 404);
}

#[tokio::test]
async fn audit_reads_are_scoped_and_failed_logins_keep_no_typed_name() {
    let dir = TempDir::new("sec-audit");
    let berth = Berth::start(&dir.0);
    let admin = berth.admin().await;
    let repo = format!("demo/{}", unique("audited"));
    assert_eq!(
        admin
            .post("/api/v1/repositories", json!({"repositoryName": repo}))
            .await
            .0,
        201
    );
    let demo = berth.user("demodev", "deployer", "demo").await;
    let ops = berth.user("opsdev", "deployer", "ops").await;
    // A refusal is audited with its actor.
    let (status, _) = ops
        .delete(&format!("/api/v1/repositories/{}", urlencoding(&repo)))
        .await;
    assert_eq!(status, 403);
    let typed = "s3cret-typed-into-the-username-box";
    assert_eq!(berth.client().login(typed, "whatever-pw").await.0, 401);

    let targets = |body: &Value| -> Vec<(String, String, String)> {
        body["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["actor"].as_str().unwrap().to_string(),
                    e["action"].as_str().unwrap().to_string(),
                    e["target"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (_, all) = admin.get("/api/v1/audit?limit=200").await;
    let all = targets(&all);
    assert!(all
        .iter()
        .any(|(_, a, t)| a == "repository.create" && *t == repo));
    assert!(
        all.iter()
            .any(|(actor, a, _)| actor == "opsdev" && a == "http.forbidden"),
        "{all:?}"
    );
    assert!(
        all.iter()
            .all(|(actor, _, t)| !actor.contains(typed) && !t.contains(typed)),
        "{all:?}"
    );
    assert!(all.iter().any(|(actor, a, t)| actor == "anonymous"
        && a == "session.login"
        && t.starts_with("sha256:")));

    let (_, mine) = demo.get("/api/v1/audit?limit=200").await;
    let mine = targets(&mine);
    assert!(
        mine.iter()
            .any(|(_, a, t)| a == "repository.create" && *t == repo),
        "team demo sees its repository: {mine:?}"
    );
    assert!(
        mine.iter().all(|(actor, _, _)| actor != "opsdev"),
        "{mine:?}"
    );
    let (_, theirs) = ops.get("/api/v1/audit?limit=200").await;
    let theirs = targets(&theirs);
    assert!(
        theirs.iter().all(|(_, _, t)| *t != repo),
        "team ops does not see demo's events: {theirs:?}"
    );
    assert!(
        theirs
            .iter()
            .any(|(actor, a, _)| actor == "opsdev" && a == "http.forbidden"),
        "its own: {theirs:?}"
    );
    assert!(
        theirs.iter().all(|(actor, _, _)| actor == "opsdev"),
        "{theirs:?}"
    );
}

fn urlencoding(s: &str) -> String {
    s.replace('/', "%2F")
}

#[tokio::test]
async fn responses_carry_the_security_headers_and_real_statuses() {
    let dir = TempDir::new("sec-headers");
    let berth = Berth::start_with(
        &dir.0,
        &[("BERTH_PUBLIC_URL", "https://berth.example.test")],
    );
    let c = berth.client();
    let res = c
        .http
        .get(format!("{}/login", berth.url))
        .send()
        .await
        .unwrap();
    let h = res.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert!(h["permissions-policy"]
        .to_str()
        .unwrap()
        .contains("camera=()"));
    assert!(h["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
    let res = c
        .http
        .get(format!("{}/api/v1/me", berth.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["cache-control"], "no-store");
    // Server functions answer with the REST status, in the JSON error shape.
    let res = c
        .http
        .post(format!("{}/rpc/session/info", berth.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "unauthenticated", "{body}");
}
