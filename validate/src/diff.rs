//! A field-level, readable diff between two JSON documents (two task definition revisions, a
//! change against live state).
//!
//! Objects are compared key by key; arrays of objects that carry a `name` (containers,
//! volumes, environment variables, secrets, port mappings with names) are matched by that name,
//! so inserting a container does not show every later one as changed. Paths use the same
//! notation as findings, with the name in place of the index where it is known:
//! `containerDefinitions[app].image`.

use serde_json::Value;

/// One difference.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub path: String,
    /// `None` when the field was added.
    pub before: Option<Value>,
    /// `None` when the field was removed.
    pub after: Option<Value>,
}

impl Change {
    /// `added`, `removed` or `changed`.
    pub fn kind(&self) -> &'static str {
        match (&self.before, &self.after) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// Every difference between `before` and `after`, in document order.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk("", before, after, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn name_of(v: &Value) -> Option<&str> {
    v.get("name")
        .or_else(|| v.get("containerName"))
        .or_else(|| v.get("key"))
        .and_then(Value::as_str)
}

fn walk(path: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => walk(&join(path, k), va, vb, out),
                    None => out.push(Change {
                        path: join(path, k),
                        before: Some(va.clone()),
                        after: None,
                    }),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    out.push(Change {
                        path: join(path, k),
                        before: None,
                        after: Some(vb.clone()),
                    });
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let named = |items: &[Value]| {
                let names: Vec<&str> = items.iter().filter_map(name_of).collect();
                names.len() == items.len()
                    && names
                        .iter()
                        .enumerate()
                        .all(|(i, n)| !names[..i].contains(n))
            };
            if !a.is_empty() && !b.is_empty() && named(a) && named(b) {
                for va in a {
                    let n = name_of(va).unwrap_or_default();
                    let p = format!("{path}[{n}]");
                    match b.iter().find(|vb| name_of(vb) == Some(n)) {
                        Some(vb) => walk(&p, va, vb, out),
                        None => out.push(Change {
                            path: p,
                            before: Some(va.clone()),
                            after: None,
                        }),
                    }
                }
                for vb in b {
                    let n = name_of(vb).unwrap_or_default();
                    if !a.iter().any(|va| name_of(va) == Some(n)) {
                        out.push(Change {
                            path: format!("{path}[{n}]"),
                            before: None,
                            after: Some(vb.clone()),
                        });
                    }
                }
            } else if a.iter().all(|v| !v.is_object()) && b.iter().all(|v| !v.is_object()) {
                // Lists of plain values (commands, compatibilities): one change for the list.
                out.push(Change {
                    path: path.to_string(),
                    before: Some(before.clone()),
                    after: Some(after.clone()),
                });
            } else {
                for i in 0..a.len().max(b.len()) {
                    let p = format!("{path}[{i}]");
                    match (a.get(i), b.get(i)) {
                        (Some(va), Some(vb)) => walk(&p, va, vb, out),
                        (Some(va), None) => out.push(Change {
                            path: p,
                            before: Some(va.clone()),
                            after: None,
                        }),
                        (None, Some(vb)) => out.push(Change {
                            path: p,
                            before: None,
                            after: Some(vb.clone()),
                        }),
                        (None, None) => {}
                    }
                }
            }
        }
        _ => out.push(Change {
            path: path.to_string(),
            before: Some(before.clone()),
            after: Some(after.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn containers_are_matched_by_name() {
        let a = json!({"cpu": "256", "containerDefinitions": [
            {"name": "app", "image": "web:1", "environment": [{"name": "A", "value": "1"}]},
            {"name": "proxy", "image": "envoy:1"}]});
        let b = json!({"cpu": "512", "containerDefinitions": [
            {"name": "init", "image": "busybox:1"},
            {"name": "app", "image": "web:2", "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
            {"name": "proxy", "image": "envoy:1"}]});
        let d = diff(&a, &b);
        let paths: Vec<(&str, &str)> = d.iter().map(|c| (c.path.as_str(), c.kind())).collect();
        assert_eq!(
            paths,
            [
                ("cpu", "changed"),
                ("containerDefinitions[app].image", "changed"),
                ("containerDefinitions[app].environment[B]", "added"),
                ("containerDefinitions[init]", "added"),
            ]
        );
        assert_eq!(d[1].before, Some(json!("web:1")));
        assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn plain_lists_change_as_a_whole_and_keys_can_disappear() {
        let d = diff(
            &json!({"command": ["a", "b"], "x": 1}),
            &json!({"command": ["a"]}),
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].path, "command");
        assert_eq!((d[1].path.as_str(), d[1].kind()), ("x", "removed"));
    }
}
