//! Property tests: arbitrary JSON — random documents and real documents with random subtrees
//! swapped in — never makes the validator panic, and the report stays consistent.

use proptest::prelude::*;
use serde_json::{Map, Value};
use validate::{check, Context, Kind};

/// Field names the documents really use, so random objects reach deep into the rules.
const KEYS: &[&str] = &[
    "family",
    "containerDefinitions",
    "name",
    "image",
    "portMappings",
    "containerPort",
    "hostPort",
    "protocol",
    "cpu",
    "memory",
    "memoryReservation",
    "essential",
    "networkMode",
    "requiresCompatibilities",
    "executionRoleArn",
    "taskRoleArn",
    "logConfiguration",
    "logDriver",
    "options",
    "secrets",
    "valueFrom",
    "environment",
    "environmentFiles",
    "value",
    "type",
    "volumes",
    "mountPoints",
    "sourceVolume",
    "containerPath",
    "efsVolumeConfiguration",
    "fileSystemId",
    "transitEncryption",
    "authorizationConfig",
    "dependsOn",
    "containerName",
    "condition",
    "healthCheck",
    "command",
    "interval",
    "linuxParameters",
    "capabilities",
    "add",
    "ulimits",
    "runtimePlatform",
    "operatingSystemFamily",
    "cpuArchitecture",
    "tags",
    "key",
    "serviceName",
    "desiredCount",
    "launchType",
    "taskDefinition",
    "loadBalancers",
    "deploymentConfiguration",
    "maximumPercent",
    "minimumHealthyPercent",
    "networkConfiguration",
    "awsvpcConfiguration",
    "subnets",
    "capacityProviderStrategy",
    "serviceConnectConfiguration",
    "services",
    "portName",
    "repositoryName",
    "imageTagMutability",
    "encryptionConfiguration",
    "rules",
    "rulePriority",
    "selection",
    "tagStatus",
    "countType",
    "countNumber",
    "action",
    "Statement",
    "Effect",
    "Principal",
    "Service",
    "Action",
    "Condition",
    "Version",
];

const STRINGS: &[&str] = &[
    "",
    "FARGATE",
    "EC2",
    "awsvpc",
    "bridge",
    "host",
    "awslogs",
    "256",
    "512",
    "1 vCPU",
    "2 GB",
    "nginx:1",
    "arn:aws:iam::123456789012:role/x",
    "ecs-tasks.amazonaws.com",
    "Allow",
    "sts:AssumeRole",
    "WINDOWS_SERVER_2022_CORE",
    "ARM64",
    "tagged",
    "expire",
    "-",
    "0-1",
    "é\u{0}☃",
    "arn:",
    "a:b:c:d:e:f:g",
    "1.3.0",
    "ENABLED",
    "START",
    "HEALTHY",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e12f64..1.0e12).prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn seed_documents() -> Vec<Value> {
    let dir = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("tests/corpus");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("expected.json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// Replaces the subtree at a pseudo-random position (chosen by `pick`) with `with`.
fn graft(doc: &mut Value, pick: &mut u64, with: Value) {
    let step = |p: &mut u64| {
        *p = p
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *p >> 33
    };
    let mut cur = doc;
    loop {
        let children = match cur {
            Value::Array(a) => a.len(),
            Value::Object(m) => m.len(),
            _ => 0,
        };
        if children == 0 || step(pick) % 3 == 0 {
            *cur = with;
            return;
        }
        let i = (step(pick) as usize) % children;
        cur = match cur {
            Value::Array(a) => &mut a[i],
            Value::Object(m) => m.values_mut().nth(i).unwrap(),
            _ => unreachable!(),
        };
    }
}

fn assert_consistent(kind: Kind, doc: &Value, ctx: &Context) {
    let report = check(kind, doc, ctx);
    assert_eq!(report.errors + report.warnings, report.findings.len());
    for f in &report.findings {
        assert!(!f.rule.is_empty() && !f.message.is_empty(), "{f:?}");
    }
    // The report is what the API and CLI print: it must serialise.
    serde_json::to_string(&report).unwrap();
}

fn contexts() -> Vec<Context> {
    vec![
        Context::default(),
        Context {
            launch_type: Some("FARGATE".into()),
            os: Some("WINDOWS_SERVER_2022_CORE".into()),
            platform_version: Some("1.3.0".into()),
            region: Some("us-east-1".into()),
            ..Context::default()
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(doc in json_value()) {
        for kind in Kind::ALL {
            for ctx in contexts() {
                assert_consistent(kind, &doc, &ctx);
            }
        }
    }

    #[test]
    fn real_documents_with_random_subtrees_never_panic(seed in any::<u64>(), which in any::<prop::sample::Index>(), with in json_value()) {
        let docs = seed_documents();
        let mut doc = docs[which.index(docs.len())].clone();
        let mut pick = seed;
        graft(&mut doc, &mut pick, with);
        for kind in Kind::ALL {
            for ctx in contexts() {
                assert_consistent(kind, &doc, &ctx);
            }
        }
    }
}
