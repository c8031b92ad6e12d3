//! Import → export → import → export on every task definition of the corpus: the export is
//! byte-for-byte stable, and nothing of the original document is lost (JSON nulls, which
//! mean "absent", are dropped).

use serde_json::Value;
use validate::ecs::task_definition::{request_document, TaskDefinition};
use validate::json::{read, FromJson};

fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_corpus_task_definition_round_trips() {
    let dir = std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("tests/corpus");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut checked = 0;
    for (name, spec) in expected["files"].as_object().unwrap() {
        if spec["kind"] != "task-definition" {
            continue;
        }
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
        let (td, findings) = read::<TaskDefinition>(&request_document(&original));
        assert!(findings.is_empty(), "{name}: {findings:?}");
        let export = serde_json::to_string_pretty(&td.unwrap().to_json()).unwrap();
        let (again, _) = read::<TaskDefinition>(&serde_json::from_str(&export).unwrap());
        let export2 = serde_json::to_string_pretty(&again.unwrap().to_json()).unwrap();
        assert_eq!(export, export2, "{name}: export is not stable");
        // Numbers written as strings stay strings; cpu/memory written as numbers become the
        // strings RegisterTaskDefinition takes. Otherwise the export is the original.
        let mut orig = without_nulls(&original);
        for key in ["cpu", "memory"] {
            if let Some(n) = orig
                .get(key)
                .filter(|v| v.is_number())
                .map(|v| v.to_string())
            {
                orig[key] = Value::String(n);
            }
        }
        assert_eq!(
            serde_json::from_str::<Value>(&export).unwrap(),
            orig,
            "{name}: export lost or changed fields"
        );
        checked += 1;
    }
    assert_eq!(checked, 16, "every task definition of the corpus");
}
