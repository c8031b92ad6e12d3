//! The command line: `berth validate` exit codes and output, `berth users add`.

mod common;

use common::TempDir;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn validate(kind: &str, input: &str) -> Output {
    berth(&["validate", kind, "-"], input)
}

/// Runs `berth ARGS` with `input` on stdin.
fn berth(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // berth may exit before reading (unknown kind, missing file): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("findings JSON on stdout")
}

#[test]
fn validate_exits_0_for_a_clean_document() {
    let out = validate(
        "repository",
        r#"{"repositoryName": "team/web", "imageTagMutability": "MUTABLE"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let r = report(&out);
    assert_eq!(
        (r["errors"].as_u64(), r["warnings"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(r["findings"], serde_json::json!([]));
}

#[test]
fn validate_exits_1_with_findings_when_there_are_errors() {
    let out = validate(
        "repository",
        r#"{"repository": {"repositoryName": "Team/Web", "repositoryUri": "x"}}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(r["errors"], 1);
    assert_eq!(r["findings"][0]["rule"], "ECR-REPO-001");
    assert_eq!(r["findings"][0]["path"], "repositoryName");
    assert_eq!(r["findings"][0]["severity"], "error");
}

#[test]
fn validate_reads_files_and_the_get_lifecycle_policy_output_shape() {
    let dir = TempDir::new("cli-file");
    let file = dir.0.join("policy.json");
    let text = serde_json::json!({"rules": [{"rulePriority": 1, "description": "keep the newest ten tagged images",
        "selection": {"tagStatus": "tagged", "tagPrefixList": ["v"], "countType": "imageCountMoreThan", "countNumber": 10},
        "action": {"type": "expire"}}]}).to_string();
    let wrapped = serde_json::json!({"registryId": "123456789012", "repositoryName": "demo/web", "lifecyclePolicyText": text});
    std::fs::write(&file, wrapped.to_string()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["validate", "lifecycle-policy"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn validate_exits_2_on_unreadable_input_with_nothing_on_stdout() {
    for (args, input) in [
        (vec!["validate", "repository", "-"], "{not json"),
        (vec!["validate", "repository", "/nonexistent/file.json"], ""),
        (vec!["validate", "no-such-kind", "-"], "{}"),
    ] {
        let out = berth(&args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.trim().lines().count(),
            1,
            "one line on stderr: {stderr}"
        );
    }
}

#[test]
fn users_add_creates_the_database_and_rejects_duplicates_and_bad_roles() {
    let dir = TempDir::new("cli-users");
    let ok = common::add_user(
        &dir.0,
        "alice",
        "deployer,approver",
        "demo,ops",
        "alice-password",
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    if common::database_url(&dir.0).is_none() {
        assert!(dir.0.join("berth.db").is_file());
    }
    let dup = common::add_user(&dir.0, "alice", "deployer", "demo", "alice-password");
    assert_eq!(dup.status.code(), Some(1));
    let bad = common::add_user(&dir.0, "bob", "superuser", "demo", "bob-password");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown role"));
    let short = common::add_user(&dir.0, "carol", "viewer", "", "short");
    assert_eq!(short.status.code(), Some(1), "passwords need 8 characters");
}

#[test]
fn berth_sandbox_accepts_the_usual_boolean_spellings() {
    // clap reads BERTH_SANDBOX for every subcommand; a value it refused would fail the run.
    for value in ["1", "0", "true", "false", "yes", "no"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
            .args(["validate", "repository", "-"])
            .env("BERTH_SANDBOX", value)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child
            .stdin
            .take()
            .unwrap()
            .write_all(br#"{"repositoryName": "demo/web"}"#);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "BERTH_SANDBOX={value}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

mod exit_codes {
    //! Whatever arrives on stdin, `berth validate` answers 0, 1 or 2 — never a crash — and
    //! prints JSON exactly when the input was JSON.
    use super::validate;
    use proptest::prelude::*;

    fn json_text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            "[a-zA-Z0-9 :/.-]{0,10}".prop_map(|s| format!("{s:?}")),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec(
                    (
                        prop::sample::select(vec![
                            "family",
                            "containerDefinitions",
                            "name",
                            "image",
                            "cpu",
                            "memory",
                            "serviceName",
                            "Statement",
                            "rules",
                            "repositoryName"
                        ]),
                        inner
                    ),
                    0..5
                )
                .prop_map(|kv| format!(
                    "{{{}}}",
                    kv.iter()
                        .map(|(k, v)| format!("{k:?}:{v}"))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

        #[test]
        fn json_input_exits_0_or_1_with_a_report(text in json_text(), kind in prop::sample::select(vec!["task-definition", "service", "repository", "lifecycle-policy", "trust-policy"])) {
            let out = validate(kind, &text);
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0) | Some(1)), "{code:?} for {text}: {}", String::from_utf8_lossy(&out.stderr));
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report JSON");
            prop_assert_eq!(report["errors"].as_u64() == Some(0), code == Some(0));
        }

        #[test]
        fn non_json_input_exits_2_with_one_stderr_line(junk in "[^\\[{\"0-9tfn \\t\\r\\n-][^\\x00]{0,40}") {
            let out = validate("task-definition", &junk);
            prop_assert_eq!(out.status.code(), Some(2));
            prop_assert!(out.stdout.is_empty());
            prop_assert_eq!(String::from_utf8_lossy(&out.stderr).trim_end().lines().count(), 1);
        }
    }
}
