//! The corpus: real task definitions and policies (public AWS samples and the seed primers'
//! own examples, in `validate/tests/corpus/`), run through `berth validate` exactly as a CI
//! pipeline would, and compared with the findings `expected.json` says each must produce.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn corpus_dir() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("../validate/tests/corpus")
}

#[test]
fn every_corpus_file_produces_exactly_its_expected_errors() {
    let dir = corpus_dir();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let files = expected["files"].as_object().unwrap();
    // Every document in the directory is listed, so none is silently skipped.
    let on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect();
    assert_eq!(on_disk.len(), files.len(), "files on disk: {on_disk:?}");
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for (name, spec) in files {
        let kind = spec["kind"].as_str().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_berth"))
            .args(["validate", kind])
            .arg(dir.join(name))
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{name}: no JSON on stdout ({e}); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let errors: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .collect();
        let wanted = spec["errors"].as_array().unwrap();
        let code = out.status.code();
        if wanted.is_empty() {
            if !errors.is_empty() {
                failures.push(format!("{name}: expected no errors, got {errors:#?}"));
            }
            if code != Some(0) {
                failures.push(format!("{name}: expected exit 0, got {code:?}"));
            }
        } else if code != Some(1) {
            failures.push(format!("{name}: expected exit 1, got {code:?}"));
        }
        for want in wanted {
            let rule = want["rule"].as_str().unwrap();
            let paths: Vec<&str> = want["paths"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            let hit = errors
                .iter()
                .any(|f| f["rule"] == rule && paths.contains(&f["path"].as_str().unwrap_or("")));
            if !hit {
                failures.push(format!(
                    "{name}: expected {rule} at one of {paths:?}, got {errors:#?}"
                ));
            }
        }
        summary.push(format!(
            "{name}: {} error(s), {} warning(s)",
            report["errors"], report["warnings"]
        ));
    }
    println!("{}", summary.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
