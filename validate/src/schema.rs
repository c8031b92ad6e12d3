//! Typed decoding that never gives up on a whole document.
//!
//! A value of the wrong type (`"countNumber": "5"`) becomes a `SCHEMA` finding at its path and
//! is treated as absent, so every other rule still runs. Unknown fields are tolerated by the
//! document types themselves.

use crate::finding::Finding;
use crate::Severity;
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

/// Most wrong-typed values one document may report before decoding stops.
const MAX_SCHEMA_FINDINGS: usize = 64;

/// Decodes `doc` into `T`, nulling out (and reporting) each value of the wrong type.
/// Returns `None` only when the document root itself has the wrong type.
pub fn decode<T: DeserializeOwned>(doc: &Value) -> (Option<T>, Vec<Finding>) {
    // serde would also accept a struct written as an array; AWS documents are objects.
    if !doc.is_object() {
        let finding = Finding {
            rule: "SCHEMA".into(),
            severity: Severity::Error,
            path: String::new(),
            message: format!(
                "The document must be a JSON object, not {}.",
                type_name(doc)
            ),
        };
        return (None, vec![finding]);
    }
    let mut value = doc.clone();
    let mut findings = Vec::new();
    loop {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return (Some(t), findings),
            Err(err) => {
                let segments: Vec<Segment> = err.path().iter().cloned().collect();
                let path = render(&segments);
                findings.push(Finding {
                    rule: "SCHEMA".into(),
                    severity: Severity::Error,
                    message: describe(&path, &err.inner().to_string()),
                    path,
                });
                if segments.is_empty()
                    || findings.len() >= MAX_SCHEMA_FINDINGS
                    || !null_out(&mut value, &segments)
                {
                    return (None, findings);
                }
            }
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn describe(path: &str, serde_message: &str) -> String {
    let what = if path.is_empty() {
        "The document".to_string()
    } else {
        format!("`{path}`")
    };
    // serde says "invalid type: string \"5\", expected u32"; keep the useful part.
    let detail = serde_message
        .split(" at line ")
        .next()
        .unwrap_or(serde_message);
    format!("{what} has the wrong type ({detail}).")
}

/// Renders serde's path in Berth's notation: `rules[0].selection.countNumber`.
fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for seg in segments {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { variant } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(variant);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// Replaces the value at `segments` with `null`; false when the path cannot be followed or
/// the value there is already `null` (nothing left to remove, so stop looping).
fn null_out(value: &mut Value, segments: &[Segment]) -> bool {
    let mut cur = value;
    for seg in segments {
        cur = match (seg, cur) {
            (Segment::Seq { index }, Value::Array(items)) => match items.get_mut(*index) {
                Some(v) => v,
                None => return false,
            },
            (Segment::Map { key }, Value::Object(map)) => match map.get_mut(key) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    if cur.is_null() {
        return false;
    }
    *cur = Value::Null;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        count_number: Option<u32>,
    }
    #[derive(Deserialize, Debug)]
    struct Outer {
        rules: Option<Vec<Inner>>,
        name: Option<String>,
    }

    #[test]
    fn wrong_types_become_findings_at_their_path() {
        let (doc, findings) = decode::<Outer>(&json!({
            "rules": [{"countNumber": 1}, {"countNumber": "5"}],
            "name": 7
        }));
        let doc = doc.expect("decodes after nulling");
        let paths: Vec<_> = findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["rules[1].countNumber", "name"]);
        assert!(findings.iter().all(|f| f.rule == "SCHEMA" && f.is_error()));
        assert_eq!(doc.rules.unwrap()[1].count_number, None);
        assert_eq!(doc.name, None);
    }

    #[test]
    fn wrong_root_type_is_one_finding() {
        let (doc, findings) = decode::<Outer>(&json!([1, 2]));
        assert!(doc.is_none());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path, "");
    }
}
