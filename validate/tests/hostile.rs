//! Hostile documents: far beyond AWS's limits (50 000 containers, a 50 000-long dependency
//! chain, 50 000-element lists in every kind) or nested as deep as the JSON parser admits.
//! The validator must answer them all, without recursion proportional to the input, within a
//! bounded time — a guard against one request stalling the server, not a speed target
//! (figures are in `scripts/bench-validator.sh`).

use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use validate::{check, Context, Kind};

/// Generous for a debug build on a 2-core machine; a quadratic rule over 50 000 items takes
/// minutes.
const BOUND: Duration = Duration::from_secs(5);

fn timed(kind: Kind, doc: &Value) -> validate::Report {
    let started = Instant::now();
    let report = check(kind, doc, &Context::default());
    let took = started.elapsed();
    assert!(took < BOUND, "{} took {took:?}", kind.as_str());
    report
}

/// `n` containers, each depending on the next (a chain, with a cycle back to the first).
fn containers(n: usize) -> Value {
    let list: Vec<Value> = (0..n)
        .map(|i| {
            json!({"name": format!("c{i}"), "image": "nginx:1", "essential": true,
                "portMappings": [{"containerPort": 80}],
                "dependsOn": [{"containerName": format!("c{}", (i + 1) % n), "condition": "START"}]})
        })
        .collect();
    json!({"family": "demo-big", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
        "cpu": "256", "memory": "512", "containerDefinitions": list})
}

#[test]
fn fifty_thousand_containers_get_the_quota_finding_only() {
    let report = timed(Kind::TaskDefinition, &containers(50_000));
    assert!(report.findings.iter().any(|f| f.rule == "TD-GEN-003"));
    // Beyond 64 KiB the document gets the size finding instead; either way the per-container
    // rules did not run over 50 000 containers.
    assert!(report.findings.len() <= 3, "{:?}", report.findings);
}

#[test]
fn ten_containers_in_a_cycle_are_found_iteratively() {
    let report = timed(Kind::TaskDefinition, &containers(10));
    assert!(
        report.findings.iter().any(|f| f.rule == "TD-DEP-005"),
        "{:?}",
        report.findings
    );
}

#[test]
fn huge_lists_in_every_kind_answer_in_bounded_time() {
    let many = |v: Value| Value::Array(vec![v; 50_000]);
    let docs = [
        (
            Kind::TaskDefinition,
            json!({"family": "demo-x", "containerDefinitions": [{"name": "a", "image": "nginx:1",
            "environment": many(json!({"name": "A", "value": "1"})), "secrets": many(json!({"name": "S", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/p"}))}],
            "volumes": many(json!({"name": "v"}))}),
        ),
        (
            Kind::Service,
            json!({"serviceName": "web", "taskDefinition": "demo-web:1",
            "loadBalancers": many(json!({"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1", "containerName": "a", "containerPort": 80})),
            "capacityProviderStrategy": many(json!({"capacityProvider": "FARGATE", "weight": 1})),
            "placementConstraints": many(json!({"type": "distinctInstance"})),
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": many(json!("subnet-1")), "securityGroups": many(json!("sg-1"))}}}),
        ),
        (
            Kind::Repository,
            json!({"repositoryName": "demo/web", "tags": many(json!({"Key": "k", "Value": "v"})),
            "imageTagMutabilityExclusionFilters": many(json!({"filterType": "WILDCARD", "filter": "x*"}))}),
        ),
        (
            Kind::LifecyclePolicy,
            json!({"rules": many(json!({"rulePriority": 1, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 1}, "action": {"type": "expire"}}))}),
        ),
        (
            Kind::TrustPolicy,
            json!({"Version": "2012-10-17", "Statement": many(json!({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}))}),
        ),
    ];
    for (kind, doc) in &docs {
        timed(*kind, doc);
    }
    let statements =
        vec![json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}); 50_000];
    let started = Instant::now();
    let findings = validate::iam::guard::check_statements(&statements, false);
    assert!(started.elapsed() < BOUND);
    assert_eq!(findings.len(), 50_000);
}

/// Text nested `depth` levels deep under `key` (arrays and objects alternating).
fn nested_text(key: &str, depth: usize) -> String {
    let mut s = String::new();
    for i in 0..depth {
        s.push_str(if i % 2 == 0 { "[" } else { "{\"a\":" });
    }
    s.push('1');
    for i in (0..depth).rev() {
        s.push_str(if i % 2 == 0 { "]" } else { "}" });
    }
    format!("{{\"family\": \"demo-x\", \"{key}\": {s}}}")
}

#[test]
fn the_parser_refuses_documents_nested_deeper_than_it_admits() {
    // Every door parses with serde_json, whose recursion limit (128) refuses deeper text.
    assert!(serde_json::from_str::<Value>(&nested_text("containerDefinitions", 10_000)).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Anything the parser admits, nested anywhere in any kind, is answered in bounded time.
    #[test]
    fn deeply_nested_documents_are_answered(
        depth in 1usize..126,
        key in prop::sample::select(vec!["containerDefinitions", "volumes", "Statement", "rules", "loadBalancers", "tags", "placementConstraints"]),
        kind in prop::sample::select(Kind::ALL.to_vec()),
    ) {
        let doc: Value = serde_json::from_str(&nested_text(key, depth)).unwrap();
        timed(kind, &doc);
    }
}
