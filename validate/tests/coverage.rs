//! Every rule id the validator can emit has a table case (a failing and a passing document)
//! in one of the table tests, and every id is in the catalogue's format.

use std::collections::BTreeSet;
use std::path::Path;

fn rule_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for piece in text.split('"').skip(1).step_by(2) {
        let parts: Vec<&str> = piece.split('-').collect();
        let is_id = parts.len() >= 2
            && piece.starts_with(|c: char| c.is_ascii_uppercase())
            && parts
                .last()
                .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
            && parts[..parts.len() - 1].iter().all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            });
        if is_id {
            ids.insert(piece.to_string());
        }
    }
    ids
}

fn read_tree(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_emitted_rule_has_a_table_case() {
    let root = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let mut src = String::new();
    read_tree(&root.join("src"), &mut src);
    let implemented = rule_ids(&src);
    let mut tests = String::new();
    for name in [
        "td_rules.rs",
        "service_rules.rs",
        "other_rules.rs",
        "ecr_rules.rs",
    ] {
        tests.push_str(&std::fs::read_to_string(root.join("tests").join(name)).unwrap());
    }
    // Only ids that open a table row count: `case!("ID"` or `rule: "ID"` (any whitespace).
    let mut covered = BTreeSet::new();
    for marker in ["case!(", "rule:"] {
        for piece in tests.split(marker).skip(1) {
            if let Some(rest) = piece.trim_start().strip_prefix('"') {
                if let Some(id) = rest.split('"').next() {
                    covered.insert(id.to_string());
                }
            }
        }
    }
    // Every table (`fn name() -> Vec<Case…>`) is also called somewhere, so its cases run.
    for piece in tests.split("\nfn ").skip(1) {
        let Some((name, rest)) = piece.split_once("()") else {
            continue;
        };
        if rest.trim_start().starts_with("-> Vec<") {
            let calls = tests.matches(&format!("{name}()")).count();
            assert!(calls >= 2, "table `{name}` is defined but never run");
        }
    }
    let missing: Vec<_> = implemented.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "rules without a table case: {missing:?}"
    );
    println!(
        "{} rule ids implemented, all with table cases",
        implemented.len()
    );
    assert!(implemented.len() > 400);
}
