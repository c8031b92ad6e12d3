//! REST API integration tests: the real `berth` binary on a random loopback port, a real
//! SQLite file, and a real moto server checked through the AWS SDK.

mod common;

use common::{ecr, unique, Berth, TempDir, ADMIN_PASSWORD};
use serde_json::{json, Value};

#[tokio::test]
async fn login_logout_and_identical_401s() {
    let dir = TempDir::new("login");
    let berth = Berth::start(&dir.0);
    let c = berth.client();

    let (status, unknown) = c.login("nobody", "whatever-pw").await;
    assert_eq!(status, 401);
    let (status, wrong) = c.login("admin", "wrong-password").await;
    assert_eq!(status, 401);
    assert_eq!(
        unknown, wrong,
        "unknown user and wrong password must look the same"
    );
    assert_eq!(wrong["error"]["code"], "invalid_credentials");

    let res = c
        .http
        .post(format!("{}/api/v1/session", berth.url))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("berth_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["name"], "admin");
    assert_eq!(body["user"]["roles"], json!(["admin"]));
    assert_eq!(body["user"]["teams"], json!(["demo"]));

    let (status, me) = c.get("/api/v1/me").await;
    assert_eq!((status, me["user"]["name"].as_str()), (200, Some("admin")));

    let (status, _) = c.delete("/api/v1/session").await;
    assert_eq!(status, 204);
    let (status, body) = c.get("/api/v1/me").await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert!(body["error"]["message"].is_string());
}

#[tokio::test]
async fn every_api_route_needs_a_session_or_token() {
    let dir = TempDir::new("unauth");
    let berth = Berth::start(&dir.0);
    let c = berth.client();
    for path in [
        "/api/v1/me",
        "/api/v1/repositories",
        "/api/v1/audit",
        "/api/v1/repositories/demo%2Fweb",
        "/api/v1/images?repository=demo%2Fweb",
        "/api/v1/roles",
        "/api/v1/task-definitions",
    ] {
        let (status, body) = c.get(path).await;
        assert_eq!(status, 401, "{path}");
        assert_eq!(body["error"]["code"], "unauthenticated", "{path}");
    }
    let (status, _) = c.post("/api/v1/validate/repository", json!({})).await;
    assert_eq!(status, 401);
    // Public: health, OpenAPI.
    let (status, doc) = c.get("/api/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["paths"]["/api/v1/repositories"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/session"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/images"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/roles/{name}/trust-policy"]["put"].is_object());
    // Pages redirect to the login page (the redirect is the whole response).
    let res = c
        .http
        .get(format!("{}/repositories", berth.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Frepositories");
    assert_eq!(res.headers()["x-frame-options"], "DENY");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn failed_logins_are_rate_limited_per_username() {
    let dir = TempDir::new("ratelimit");
    let berth = Berth::start(&dir.0);
    let c = berth.client();
    for _ in 0..5 {
        assert_eq!(c.login("admin", "nope-nope").await.0, 401);
    }
    let res = c
        .http
        .post(format!("{}/api/v1/session", berth.url))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        429,
        "even the right password waits once limited"
    );
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // Another username is not affected.
    assert_eq!(c.login("someone-else", "nope-nope").await.0, 401);
}

#[tokio::test]
async fn repository_create_list_get_delete_against_moto() {
    let dir = TempDir::new("repos");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let name = format!("demo/{}", unique("it"));
    let policy = json!({"rules": [{
        "rulePriority": 1, "description": "expire untagged images after a week",
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
        "action": {"type": "expire"}
    }]});
    let (status, body) = c
        .post(
            "/api/v1/repositories",
            json!({
                "repositoryName": name,
                "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
                "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "latest"}],
                "imageScanningConfiguration": {"scanOnPush": false},
                "encryptionConfiguration": {"encryptionType": "AES256"},
                "lifecyclePolicy": policy,
            }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["repository"]["repositoryName"], name.as_str());
    assert!(body["repository"]["repositoryUri"]
        .as_str()
        .unwrap()
        .ends_with(&name));

    // What moto holds, seen through the SDK.
    let ecr = ecr().await;
    let found = ecr
        .describe_repositories()
        .repository_names(&name)
        .send()
        .await
        .expect("the repository exists in moto");
    let repo = &found.repositories()[0];
    assert_eq!(
        repo.image_tag_mutability().unwrap().as_str(),
        "IMMUTABLE_WITH_EXCLUSION"
    );
    let text = ecr
        .get_lifecycle_policy()
        .repository_name(&name)
        .send()
        .await
        .unwrap()
        .lifecycle_policy_text()
        .unwrap()
        .to_string();
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), policy);

    let (status, list) = c.get("/api/v1/repositories?maxResults=1000").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = list["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["repositoryName"].as_str())
        .collect();
    assert!(names.contains(&name.as_str()), "{names:?}");
    assert!(
        names.contains(&"demo/web"),
        "the sandbox seed made demo/web: {names:?}"
    );

    // The seeded images of demo/web, as the wizard's image picker gets them.
    let (status, images) = c.get("/api/v1/images?repository=demo%2Fweb").await;
    assert_eq!(status, 200, "{images}");
    let mut tags: Vec<&str> = images["images"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["imageTags"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    tags.sort();
    assert_eq!(tags, ["1.0.0", "1.1.0", "1.2.0"]);
    assert!(images["images"][0]["imageDigest"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
    assert!(images["images"][0]["imagePushedAt"].is_string());
    let (status, missing) = c.get("/api/v1/images?repository=demo%2Fnope").await;
    assert_eq!(
        (status, missing["error"]["code"].as_str()),
        (404, Some("not_found"))
    );

    // Pagination is ECR's (moto returns everything at once; see the service tests).
    let (status, bad) = c.get("/api/v1/repositories?maxResults=0").await;
    assert_eq!(
        (status, bad["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );

    let encoded = urlencoding::encode(&name).into_owned();
    let (status, detail) = c.get(&format!("/api/v1/repositories/{encoded}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["lifecyclePolicy"], policy);

    let (status, dup) = c
        .post("/api/v1/repositories", json!({"repositoryName": name}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(dup["error"]["code"], "already_exists");

    let (status, _) = c.delete(&format!("/api/v1/repositories/{encoded}")).await;
    assert_eq!(status, 204);
    assert!(ecr
        .describe_repositories()
        .repository_names(&name)
        .send()
        .await
        .is_err());
    let (status, gone) = c.get(&format!("/api/v1/repositories/{encoded}")).await;
    assert_eq!(status, 404);
    assert_eq!(gone["error"]["code"], "not_found");
    let (status, _) = c.delete(&format!("/api/v1/repositories/{encoded}")).await;
    assert_eq!(status, 404);

    // The audit log has each mutation with its AWS request id, newest first.
    let (status, audit) = c.get("/api/v1/audit").await;
    assert_eq!(status, 200);
    let events = audit["events"].as_array().unwrap();
    let find = |action: &str, outcome: &str| {
        events
            .iter()
            .find(|e| {
                e["action"] == action && e["target"] == name.as_str() && e["outcome"] == outcome
            })
            .unwrap_or_else(|| panic!("no {action} {outcome} event in {events:#?}"))
    };
    for action in [
        "repository.create",
        "repository.lifecycle_policy.put",
        "repository.delete",
    ] {
        let e = find(action, "success");
        assert_eq!(e["actor"], "admin");
        assert!(
            !e["awsRequestId"].as_str().unwrap_or_default().is_empty(),
            "{e}"
        );
    }
    // Refused AWS calls are audited too (the duplicate create, the second delete).
    find("repository.create", "failure");
    find("repository.delete", "failure");
    assert!(events
        .iter()
        .any(|e| e["action"] == "session.login" && e["outcome"] == "success"));
    let ids: Vec<i64> = events.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
}

#[tokio::test]
async fn invalid_input_is_422_with_findings_and_never_reaches_aws() {
    let dir = TempDir::new("invalid");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let bad = format!("demo/Bad_{}", unique("x"));
    let (status, body) = c
        .post(
            "/api/v1/repositories",
            json!({"repositoryName": bad, "imageTagMutability": "FROZEN"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    let findings = body["error"]["findings"].as_array().unwrap();
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert!(
        rules.contains(&("ECR-REPO-001", "repositoryName")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("ECR-MUT-001", "imageTagMutability")),
        "{rules:?}"
    );
    let ecr = ecr().await;
    assert!(ecr
        .describe_repositories()
        .repository_names(bad.to_lowercase())
        .send()
        .await
        .is_err());

    // Wrong types are findings too (SCHEMA), not a bare 400.
    let (status, body) = c
        .post("/api/v1/repositories", json!({"repositoryName": "demo/ok-name", "imageScanningConfiguration": {"scanOnPush": "yes"}}))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["findings"][0]["rule"], "SCHEMA");
    assert_eq!(
        body["error"]["findings"][0]["path"],
        "imageScanningConfiguration.scanOnPush"
    );

    // Malformed JSON is a 400.
    let res = c
        .http
        .post(format!("{}/api/v1/repositories", berth.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
}

#[tokio::test]
async fn validate_endpoint_reports_findings_with_200() {
    let dir = TempDir::new("validate");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let (status, report) = c
        .post(
            "/api/v1/validate/lifecycle-policy",
            json!({"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countUnit": "days", "countNumber": 0}, "action": {"type": "expire"}}]}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(report["errors"], 2, "{report}");
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"rules[0].selection.countUnit"), "{paths:?}");
    assert!(
        paths.contains(&"rules[0].selection.countNumber"),
        "{paths:?}"
    );
    let (status, report) = c
        .post(
            "/api/v1/validate/repository",
            json!({"repositoryName": "demo/fine"}),
        )
        .await;
    assert_eq!((status, report["errors"].as_u64()), (200, Some(0)));
    let (status, body) = c.post("/api/v1/validate/bogus-kind", json!({})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
}

#[tokio::test]
async fn validate_endpoint_covers_every_kind_and_takes_context_from_the_query() {
    let dir = TempDir::new("validate-kinds");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let corpus = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("../validate/tests/corpus");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(corpus.join(name)).unwrap()).unwrap()
    };
    let rules_at = |report: &Value| -> Vec<(String, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| {
                (
                    f["rule"].as_str().unwrap().to_string(),
                    f["path"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };

    // A task definition in the describe-task-definition shape, read-only fields included.
    let mut described = read("aws-samples_tomcat_tomcat_ec2.json");
    described["revision"] = json!(7);
    described["status"] = json!("ACTIVE");
    let (status, report) = c
        .post(
            "/api/v1/validate/task-definition",
            json!({"taskDefinition": described}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        rules_at(&report),
        [(
            "TD-PORT-002".to_string(),
            "containerDefinitions[0].portMappings[0].hostPort".to_string()
        )]
    );

    // The same EC2 document judged for Fargate (launch type from the query string).
    let ec2 = read("aws-samples_gunicorn_gunicorn_ec2.json");
    let (_, plain) = c
        .post("/api/v1/validate/task-definition", ec2.clone())
        .await;
    assert_eq!(plain["errors"], 0, "{plain}");
    let (status, fargate) = c
        .post(
            "/api/v1/validate/task-definition?launchType=FARGATE&platformVersion=1.4.0",
            ec2,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        rules_at(&fargate).contains(&("TD-LOG-012".into(), "executionRoleArn".into())),
        "{fargate}"
    );

    let (status, report) = c
        .post(
            "/api/v1/validate/trust-policy",
            read("seed004_task-role-trust-ec2.json"),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        rules_at(&report).contains(&("IAM-006".into(), "Statement[0].Principal.Service".into()))
    );

    let (status, report) = c
        .post(
            "/api/v1/validate/service",
            json!({"cluster": "demo", "serviceName": "web", "taskDefinition": "web:1", "desiredCount": -1, "launchType": "FARGATE"}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        rules_at(&report).contains(&("SVC-004".into(), "desiredCount".into())),
        "{report}"
    );

    // A value of the wrong type is a SCHEMA finding at its path, still with 200.
    let (status, report) = c
        .post(
            "/api/v1/validate/task-definition",
            json!({"family": "x", "cpu": true, "containerDefinitions": "none"}),
        )
        .await;
    assert_eq!(status, 200);
    let rules = rules_at(&report);
    assert!(rules.contains(&("SCHEMA".into(), "cpu".into())), "{report}");
    assert!(
        rules.contains(&("SCHEMA".into(), "containerDefinitions".into())),
        "{report}"
    );
}

#[tokio::test]
async fn roles_and_teams_are_enforced_and_tokens_act_as_their_creator() {
    let dir = TempDir::new("authz");
    let berth = Berth::start(&dir.0);
    assert!(berth
        .add_user("dev", "deployer", "demo", "dev-password-1")
        .status
        .success());
    assert!(berth
        .add_user("watcher", "viewer", "demo", "viewer-password-1")
        .status
        .success());
    let again = berth.add_user("dev", "deployer", "demo", "dev-password-1");
    assert_eq!(
        again.status.code(),
        Some(1),
        "a second add of the same user fails"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let dev = berth.client();
    assert_eq!(dev.login("dev", "dev-password-1").await.0, 200);
    let (status, body) = dev
        .post(
            "/api/v1/repositories",
            json!({"repositoryName": format!("ops/{}", unique("x"))}),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "forbidden");

    let viewer = berth.client();
    assert_eq!(viewer.login("watcher", "viewer-password-1").await.0, 200);
    let (status, _) = viewer
        .post(
            "/api/v1/repositories",
            json!({"repositoryName": format!("demo/{}", unique("v"))}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = viewer.delete("/api/v1/repositories/demo%2Fweb").await;
    assert_eq!(status, 403);
    assert_eq!(
        viewer.get("/api/v1/repositories").await.0,
        200,
        "viewers read"
    );

    // An API token acts as its creator, without any cookie.
    let (status, token) = dev.post("/api/v1/tokens", json!({"name": "ci"})).await;
    assert_eq!(status, 201);
    let token = token["token"].as_str().unwrap().to_string();
    let bare = reqwest::Client::new();
    let res = bare
        .get(format!("{}/api/v1/me", berth.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["user"]["name"], "dev");
    let res = bare
        .get(format!("{}/api/v1/me", berth.url))
        .bearer_auth("berth_not-a-real-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn cross_origin_writes_are_refused() {
    let dir = TempDir::new("csrf");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let res = c
        .http
        .post(format!("{}/api/v1/repositories", berth.url))
        .header("origin", "http://evil.example")
        .json(&json!({"repositoryName": format!("demo/{}", unique("csrf"))}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = c
        .http
        .post(format!("{}/api/v1/repositories", berth.url))
        .header("origin", berth.url.clone())
        .json(&json!({"repositoryName": "demo/Invalid"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        422,
        "same-origin writes go through to validation"
    );
}

#[tokio::test]
async fn sessions_survive_a_restart_and_health_reports_aws() {
    let dir = TempDir::new("restart");
    let berth = Berth::start(&dir.0);
    let c = berth.admin().await;
    let cookie = c.cookie_header();
    assert!(cookie.starts_with("berth_session="));
    let mut healthy = false;
    for _ in 0..50 {
        let (status, body) = c.get("/healthz").await;
        if status == 200 {
            assert_eq!(body["status"], "ok");
            healthy = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(healthy, "healthz turns 200 once STS answered");
    drop(berth);

    let again = Berth::start(&dir.0);
    // Same cookie jar, new process and port: the session lives in SQLite.
    let res = c
        .http
        .get(format!("{}/api/v1/me", again.url))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}
