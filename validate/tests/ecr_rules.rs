//! Table tests: every ECR rule the validator implements, with a failing and a passing case.

use serde_json::{json, Value};
use validate::{check, Context, Kind, Severity};

struct Case {
    rule: &'static str,
    kind: Kind,
    severity: Severity,
    path: &'static str,
    bad: Value,
    good: Value,
}

fn ctx() -> Context {
    Context {
        region: Some("us-east-1".into()),
        repository_exists: None,
        pull_through_cache_prefixes: vec!["docker-hub".into()],
        ..Context::default()
    }
}

fn repo(extra: Value) -> Value {
    let mut base = json!({"repositoryName": "team/web"});
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

/// A valid rule; `patch` overrides fields of its selection/action.
fn lcp_rule(priority: u64, selection: Value, action: Value) -> Value {
    json!({"rulePriority": priority, "description": "a rule used by the table tests", "selection": selection, "action": action})
}

fn lcp(rules: Vec<Value>) -> Value {
    json!({ "rules": rules })
}

fn untagged(days: u64) -> Value {
    json!({"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": days})
}

fn expire() -> Value {
    json!({"type": "expire"})
}

fn cases() -> Vec<Case> {
    use Kind::{LifecyclePolicy as L, Repository as R};
    use Severity::{Error as E, Warning as W};
    vec![
        Case {
            rule: "ECR-REPO-001",
            kind: R,
            severity: E,
            path: "repositoryName",
            bad: json!({"repositoryName": "Team/Web"}),
            good: json!({"repositoryName": "team/web"}),
        },
        Case {
            rule: "ECR-REPO-001",
            kind: R,
            severity: E,
            path: "repositoryName",
            bad: json!({"repositoryName": "a"}),
            good: json!({"repositoryName": "ab"}),
        },
        Case {
            rule: "ECR-REPO-001",
            kind: R,
            severity: E,
            path: "repositoryName",
            bad: json!({"repositoryName": "team//web"}),
            good: json!({"repositoryName": "team/web__api-v2.1"}),
        },
        Case {
            rule: "ECR-REPO-001",
            kind: R,
            severity: E,
            path: "repositoryName",
            bad: json!({}),
            good: json!({"repositoryName": "web"}),
        },
        Case {
            rule: "ECR-REPO-002",
            kind: R,
            severity: W,
            path: "repositoryName",
            bad: json!({"repositoryName": "9web"}),
            good: json!({"repositoryName": "web9"}),
        },
        Case {
            rule: "ECR-REPO-004",
            kind: R,
            severity: W,
            path: "repositoryName",
            bad: json!({"repositoryName": "docker-hub/nginx"}),
            good: json!({"repositoryName": "docker-hubs/nginx"}),
        },
        Case {
            rule: "ECR-REPO-005",
            kind: R,
            severity: E,
            path: "registryId",
            bad: repo(json!({"registryId": "12345"})),
            good: repo(json!({"registryId": "123456789012"})),
        },
        Case {
            rule: "ECR-REPO-006",
            kind: R,
            severity: E,
            path: "tags[0].Key",
            bad: repo(json!({"tags": [{"Key": "k".repeat(129), "Value": "v"}]})),
            good: repo(json!({"tags": [{"Key": "k".repeat(128), "Value": "v"}]})),
        },
        Case {
            rule: "ECR-REPO-006",
            kind: R,
            severity: E,
            path: "tags[1].Value",
            bad: repo(json!({"tags": [{"Key": "a"}, {"Key": "b", "Value": "v".repeat(257)}]})),
            good: repo(json!({"tags": [{"Key": "a"}, {"Key": "b", "Value": "v".repeat(256)}]})),
        },
        Case {
            rule: "ECR-REPO-006",
            kind: R,
            severity: E,
            path: "tags",
            bad: repo(
                json!({"tags": (0..51).map(|i| json!({"Key": format!("k{i}")})).collect::<Vec<_>>()}),
            ),
            good: repo(
                json!({"tags": (0..50).map(|i| json!({"Key": format!("k{i}")})).collect::<Vec<_>>()}),
            ),
        },
        Case {
            rule: "ECR-ENC-001",
            kind: R,
            severity: E,
            path: "encryptionConfiguration.encryptionType",
            bad: repo(json!({"encryptionConfiguration": {"encryptionType": "AES128"}})),
            good: repo(json!({"encryptionConfiguration": {"encryptionType": "AES256"}})),
        },
        Case {
            rule: "ECR-ENC-002",
            kind: R,
            severity: E,
            path: "encryptionConfiguration.kmsKey",
            bad: repo(
                json!({"encryptionConfiguration": {"encryptionType": "AES256", "kmsKey": "alias/x"}}),
            ),
            good: repo(
                json!({"encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "alias/x"}}),
            ),
        },
        Case {
            rule: "ECR-ENC-003",
            kind: R,
            severity: E,
            path: "encryptionConfiguration.kmsKey",
            bad: repo(
                json!({"encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "arn:aws:kms:eu-west-1:123456789012:key/abc"}}),
            ),
            good: repo(
                json!({"encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:123456789012:key/abc"}}),
            ),
        },
        Case {
            rule: "ECR-ENC-003",
            kind: R,
            severity: E,
            path: "encryptionConfiguration.kmsKey",
            bad: repo(json!({"encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": ""}})),
            good: repo(json!({"encryptionConfiguration": {"encryptionType": "KMS"}})),
        },
        Case {
            rule: "ECR-ENC-005",
            kind: R,
            severity: W,
            path: "encryptionConfiguration",
            bad: repo(json!({"encryptionConfiguration": {"encryptionType": "KMS_DSSE"}})),
            good: repo(json!({"encryptionConfiguration": {"encryptionType": "AES256"}})),
        },
        Case {
            rule: "ECR-MUT-001",
            kind: R,
            severity: E,
            path: "imageTagMutability",
            bad: repo(json!({"imageTagMutability": "FROZEN"})),
            good: repo(json!({"imageTagMutability": "MUTABLE"})),
        },
        Case {
            rule: "ECR-MUT-002",
            kind: R,
            severity: E,
            path: "imageTagMutabilityExclusionFilters",
            bad: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters":
                (0..6).map(|i| json!({"filterType": "WILDCARD", "filter": format!("t{i}*")})).collect::<Vec<_>>()}),
            ),
            good: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters":
                (0..5).map(|i| json!({"filterType": "WILDCARD", "filter": format!("t{i}*")})).collect::<Vec<_>>()}),
            ),
        },
        Case {
            rule: "ECR-MUT-003",
            kind: R,
            severity: E,
            path: "imageTagMutabilityExclusionFilters",
            bad: repo(json!({"imageTagMutability": "MUTABLE_WITH_EXCLUSION"})),
            good: repo(
                json!({"imageTagMutability": "MUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "release-*"}]}),
            ),
        },
        Case {
            rule: "ECR-MUT-003",
            kind: R,
            severity: E,
            path: "imageTagMutabilityExclusionFilters",
            bad: repo(
                json!({"imageTagMutability": "MUTABLE", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "latest"}]}),
            ),
            good: repo(json!({"imageTagMutability": "MUTABLE"})),
        },
        Case {
            rule: "ECR-MUT-004",
            kind: R,
            severity: E,
            path: "imageTagMutabilityExclusionFilters[0].filter",
            bad: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "dev/*"}]}),
            ),
            good: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "dev-*"}]}),
            ),
        },
        Case {
            rule: "ECR-MUT-004",
            kind: R,
            severity: E,
            path: "imageTagMutabilityExclusionFilters[0].filterType",
            bad: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "PREFIX", "filter": "dev"}]}),
            ),
            good: repo(
                json!({"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION", "imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "dev"}]}),
            ),
        },
        Case {
            rule: "ECR-MUT-005",
            kind: R,
            severity: W,
            path: "imageTagMutability",
            bad: repo(json!({"imageTagMutability": "IMMUTABLE"})),
            good: repo(json!({"imageTagMutability": "MUTABLE"})),
        },
        Case {
            rule: "ECR-SCAN-001",
            kind: R,
            severity: W,
            path: "imageScanningConfiguration.scanOnPush",
            bad: repo(json!({"imageScanningConfiguration": {"scanOnPush": true}})),
            good: repo(json!({"imageScanningConfiguration": {"scanOnPush": false}})),
        },
        // Nested lifecycle policy: paths carry the `lifecyclePolicy.` prefix.
        Case {
            rule: "ECR-LCP-014",
            kind: R,
            severity: E,
            path: "lifecyclePolicy.rules[0].selection.countNumber",
            bad: repo(json!({"lifecyclePolicy": lcp(vec![lcp_rule(1, untagged(0), expire())])})),
            good: repo(json!({"lifecyclePolicy": lcp(vec![lcp_rule(1, untagged(14), expire())])})),
        },
        Case {
            rule: "SCHEMA",
            kind: R,
            severity: E,
            path: "imageScanningConfiguration.scanOnPush",
            bad: repo(json!({"imageScanningConfiguration": {"scanOnPush": "yes"}})),
            good: repo(json!({"imageScanningConfiguration": {"scanOnPush": true}})),
        },
        Case {
            rule: "ECR-LCP-001",
            kind: L,
            severity: E,
            path: "",
            bad: json!("{not json"),
            good: json!(lcp(vec![lcp_rule(1, untagged(14), expire())]).to_string()),
        },
        Case {
            rule: "ECR-LCP-001",
            kind: L,
            severity: E,
            path: "",
            bad: json!({"rules": []}),
            good: lcp(vec![lcp_rule(1, untagged(14), expire())]),
        },
        Case {
            rule: "ECR-LCP-001",
            kind: L,
            severity: E,
            path: "",
            bad: json!({"lifecyclePolicyText": "[]"}),
            good: json!({"lifecyclePolicyText": lcp(vec![lcp_rule(1, untagged(14), expire())]).to_string()}),
        },
        Case {
            rule: "ECR-LCP-002",
            kind: L,
            severity: E,
            path: "rules",
            bad: json!({"rules": [], "description": "x".repeat(120)}),
            good: lcp(vec![lcp_rule(1, untagged(14), expire())]),
        },
        Case {
            rule: "ECR-LCP-003",
            kind: L,
            severity: E,
            path: "rules[0].rulePriority",
            bad: lcp(vec![
                json!({"description": "no priority given for this rule at all", "selection": untagged(3), "action": expire()}),
            ]),
            good: lcp(vec![lcp_rule(3, untagged(3), expire())]),
        },
        Case {
            rule: "ECR-LCP-003",
            kind: L,
            severity: E,
            path: "rules[1].rulePriority",
            bad: lcp(vec![
                lcp_rule(1, untagged(3), expire()),
                lcp_rule(
                    1,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                    expire(),
                ),
            ]),
            good: lcp(vec![
                lcp_rule(1, untagged(3), expire()),
                lcp_rule(
                    5,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                    expire(),
                ),
            ]),
        },
        Case {
            rule: "ECR-LCP-004",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagStatus",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "all", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-005",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagPrefixList",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-006",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagPrefixList",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-007",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagPatternList",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-008",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagPatternList[1]",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPatternList": ["v*", "*a*b*c*d*"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPatternList": ["v*", "*a*b*c*d"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-009",
            kind: L,
            severity: E,
            path: "rules[0].rulePriority",
            bad: lcp(vec![
                lcp_rule(
                    9,
                    json!({"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}),
                    expire(),
                ),
                lcp_rule(10, untagged(1), expire()),
            ]),
            good: lcp(vec![
                lcp_rule(
                    11,
                    json!({"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}),
                    expire(),
                ),
                lcp_rule(10, untagged(1), expire()),
            ]),
        },
        Case {
            rule: "ECR-LCP-010",
            kind: L,
            severity: E,
            path: "rules[1].selection.tagStatus",
            bad: lcp(vec![
                lcp_rule(1, untagged(1), expire()),
                lcp_rule(2, untagged(5), expire()),
            ]),
            good: lcp(vec![
                lcp_rule(1, untagged(1), expire()),
                lcp_rule(
                    2,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                    expire(),
                ),
            ]),
        },
        Case {
            rule: "ECR-LCP-011",
            kind: L,
            severity: E,
            path: "rules[1].selection.tagPrefixList",
            bad: lcp(vec![
                lcp_rule(
                    1,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["a", "b"], "countType": "imageCountMoreThan", "countNumber": 3}),
                    expire(),
                ),
                lcp_rule(
                    2,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["b", "a"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 3}),
                    expire(),
                ),
            ]),
            good: lcp(vec![
                lcp_rule(
                    1,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["a", "b"], "countType": "imageCountMoreThan", "countNumber": 3}),
                    expire(),
                ),
                lcp_rule(
                    2,
                    json!({"tagStatus": "tagged", "tagPrefixList": ["a"], "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 3}),
                    expire(),
                ),
            ]),
        },
        Case {
            rule: "ECR-LCP-012",
            kind: L,
            severity: E,
            path: "rules[0].selection.countType",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountLessThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-013",
            kind: L,
            severity: E,
            path: "rules[0].selection.countUnit",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "sinceImagePushed", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(1, untagged(3), expire())]),
        },
        Case {
            rule: "ECR-LCP-013",
            kind: L,
            severity: E,
            path: "rules[0].selection.countUnit",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countUnit": "days", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-013",
            kind: L,
            severity: E,
            path: "rules[0].selection.countUnit",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "weeks", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(1, untagged(21), expire())]),
        },
        Case {
            rule: "ECR-LCP-014",
            kind: L,
            severity: E,
            path: "rules[0].selection.countNumber",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1.5}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(1, untagged(2), expire())]),
        },
        Case {
            rule: "ECR-LCP-015",
            kind: L,
            severity: E,
            path: "rules[0].action.type",
            bad: lcp(vec![lcp_rule(1, untagged(2), json!({"type": "delete"}))]),
            good: lcp(vec![lcp_rule(1, untagged(2), expire())]),
        },
        Case {
            rule: "ECR-LCP-015",
            kind: L,
            severity: E,
            path: "rules[0].action",
            bad: lcp(vec![
                json!({"rulePriority": 1, "description": "a rule with no action at all here", "selection": untagged(2)}),
            ]),
            good: lcp(vec![lcp_rule(1, untagged(2), expire())]),
        },
        Case {
            rule: "ECR-LCP-016",
            kind: L,
            severity: E,
            path: "rules[0].action.targetStorageClass",
            bad: lcp(vec![lcp_rule(
                1,
                untagged(2),
                json!({"type": "transition"}),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                untagged(2),
                json!({"type": "transition", "targetStorageClass": "archive"}),
            )]),
        },
        Case {
            rule: "ECR-LCP-016",
            kind: L,
            severity: E,
            path: "rules[0].action.targetStorageClass",
            bad: lcp(vec![lcp_rule(
                1,
                untagged(2),
                json!({"type": "expire", "targetStorageClass": "archive"}),
            )]),
            good: lcp(vec![lcp_rule(1, untagged(2), expire())]),
        },
        Case {
            rule: "ECR-LCP-017",
            kind: L,
            severity: E,
            path: "rules[0].selection.storageClass",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 120}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 120}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-017",
            kind: L,
            severity: E,
            path: "rules[0].selection.storageClass",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "storageClass": "archive", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 120}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "storageClass": "standard", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 120}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-018",
            kind: L,
            severity: E,
            path: "rules[0].selection.countNumber",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 30}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "any", "storageClass": "archive", "countType": "sinceImageTransitioned", "countUnit": "days", "countNumber": 90}),
                expire(),
            )]),
        },
        Case {
            rule: "ECR-LCP-019",
            kind: L,
            severity: E,
            path: "rules[0].description",
            bad: lcp(vec![
                json!({"rulePriority": 1, "description": 42, "selection": untagged(2), "action": expire(), "x": "y".repeat(60)}),
            ]),
            good: lcp(vec![lcp_rule(1, untagged(2), expire())]),
        },
        Case {
            rule: "ECR-LCP-020",
            kind: L,
            severity: E,
            path: "rules[0].selection.countUnits",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countUnits": "days", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
        Case {
            rule: "SCHEMA",
            kind: L,
            severity: E,
            path: "rules[0].selection.tagPrefixList",
            bad: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPrefixList": "v", "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
            good: lcp(vec![lcp_rule(
                1,
                json!({"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 3}),
                expire(),
            )]),
        },
    ]
}

#[test]
fn every_rule_fails_its_bad_case_and_passes_its_good_case() {
    let mut failures = Vec::new();
    for (i, case) in cases().iter().enumerate() {
        let bad = check(case.kind, &case.bad, &ctx());
        let hit = bad
            .findings
            .iter()
            .any(|f| f.rule == case.rule && f.path == case.path && f.severity == case.severity);
        if !hit {
            failures.push(format!(
                "case {i} {}: expected {:?} at `{}`, got {:#?}",
                case.rule, case.severity, case.path, bad.findings
            ));
        }
        let good = check(case.kind, &case.good, &ctx());
        if good.findings.iter().any(|f| f.rule == case.rule) {
            failures.push(format!(
                "case {i} {}: good case still reports it: {:#?}",
                case.rule, good.findings
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn repository_already_existing_is_reported_only_when_the_server_knows() {
    let doc = json!({"repositoryName": "demo/web"});
    let unknown = check(Kind::Repository, &doc, &Context::default());
    assert!(unknown.findings.iter().all(|f| f.rule != "ECR-REPO-003"));
    let known = check(
        Kind::Repository,
        &doc,
        &Context {
            repository_exists: Some(true),
            ..Context::default()
        },
    );
    let f = known
        .findings
        .iter()
        .find(|f| f.rule == "ECR-REPO-003")
        .unwrap();
    assert_eq!(f.path, "repositoryName");
    assert!(f.is_error());
}

#[test]
fn builder_policies_are_valid() {
    use validate::ecr::LifecyclePolicy;
    for policy in [
        LifecyclePolicy::simple(Some((10, "release-")), Some(14)),
        LifecyclePolicy::simple(Some((3, "")), None),
        LifecyclePolicy::simple(None, Some(1)),
    ] {
        let text = policy.to_text();
        let report = check(Kind::LifecyclePolicy, &json!(text), &Context::default());
        assert!(report.is_ok(), "{text}: {:#?}", report.findings);
        assert_eq!(report.warnings, 0);
    }
}

#[test]
fn a_clean_request_has_no_findings_and_json_nulls_are_accepted() {
    let doc = json!({
        "repositoryName": "demo/web",
        "registryId": null,
        "imageTagMutability": "MUTABLE",
        "imageScanningConfiguration": null,
        "encryptionConfiguration": {"encryptionType": "AES256", "kmsKey": null},
        "lifecyclePolicy": null
    });
    let report = check(Kind::Repository, &doc, &ctx());
    assert_eq!(report.findings, vec![]);
}
