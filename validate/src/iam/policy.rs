//! IAM policy documents, read leniently: `Statement`, `Action`, `Resource` and principal lists
//! may each be one value or an array, exactly as IAM accepts them.

use crate::finding::{Finding, Findings};
use serde_json::{Map, Value};

/// A policy document with its statements and where each one sits (`Statement[0]` or, for a
/// single statement object, `Statement`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PolicyDocument {
    pub version: Option<String>,
    pub statements: Vec<(String, Statement)>,
    /// Size of the document without whitespace (IAM counts it this way for quotas).
    pub compact_len: usize,
}

/// One statement; list-valued fields are flattened to vectors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Option<String>,
    /// `Principal` as `(kind, value)`: `("Service", "ecs-tasks.amazonaws.com")`, `("*", "*")`.
    pub principals: Vec<(String, String)>,
    pub actions: Vec<String>,
    /// `NotAction`: everything except these (a grant far wider than it reads).
    pub not_actions: Vec<String>,
    pub resources: Vec<String>,
    /// `NotResource`: every resource except these.
    pub not_resources: Vec<String>,
    /// The statement has a `NotPrincipal` element.
    pub not_principal: bool,
    /// `Condition` operator → key → values.
    pub conditions: Vec<(String, String, Vec<String>)>,
}

impl Statement {
    pub fn allows(&self) -> bool {
        self.effect.as_deref() == Some("Allow")
    }

    /// Whether the statement names `action` (case-insensitive, `*` wildcards honoured).
    pub fn has_action(&self, action: &str) -> bool {
        self.actions.iter().any(|a| wildcard_match(a, action))
    }

    pub fn condition_keys(&self) -> impl Iterator<Item = &str> {
        self.conditions.iter().map(|(_, k, _)| k.as_str())
    }
}

/// IAM-style wildcard match (`*` any run, `?` one character), case-insensitive.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn schema(f: &mut Findings, path: &str, what: &str) {
    f.error(
        "SCHEMA",
        path,
        format!("`{path}` has the wrong type (expected {what})."),
    );
}

/// Reads a policy document (an object, or a JSON string holding one, as IAM APIs take it).
/// Wrong-typed parts become `SCHEMA` findings and are skipped.
pub fn parse_policy(doc: &Value) -> (Option<PolicyDocument>, Vec<Finding>) {
    let mut f = Findings::new();
    let parsed;
    let doc = match doc {
        Value::String(text) => match serde_json::from_slice::<Value>(text.as_bytes()) {
            Ok(v) => {
                parsed = v;
                &parsed
            }
            Err(_) => {
                f.error("SCHEMA", "", "The policy text is not valid JSON.");
                return (None, f.into_vec());
            }
        },
        other => other,
    };
    let Some(map) = doc.as_object() else {
        f.error("SCHEMA", "", "The policy document must be a JSON object.");
        return (None, f.into_vec());
    };
    let mut policy = PolicyDocument {
        compact_len: serde_json::to_string(doc)
            .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count()),
        ..PolicyDocument::default()
    };
    match map.get("Version") {
        None | Some(Value::Null) => {}
        Some(Value::String(v)) => policy.version = Some(v.clone()),
        Some(_) => schema(&mut f, "Version", "a string"),
    }
    match map.get("Statement") {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("Statement[{i}]");
                if let Some(s) = statement(item, &path, &mut f) {
                    policy.statements.push((path, s));
                }
            }
        }
        Some(item @ Value::Object(_)) => {
            if let Some(s) = statement(item, "Statement", &mut f) {
                policy.statements.push(("Statement".into(), s));
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => schema(&mut f, "Statement", "an object or an array of objects"),
    }
    (Some(policy), f.into_vec())
}

/// Reads a list of statements given on their own (a Berth request's `statements`), each at
/// `{base}[i]`.
pub fn parse_statements(items: &[Value], base: &str) -> (Vec<(String, Statement)>, Vec<Finding>) {
    let mut f = Findings::new();
    let parsed = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let path = format!("{base}[{i}]");
            statement(item, &path, &mut f).map(|s| (path, s))
        })
        .collect();
    (parsed, f.into_vec())
}

fn statement(item: &Value, path: &str, f: &mut Findings) -> Option<Statement> {
    let Some(map) = item.as_object() else {
        schema(f, path, "an object");
        return None;
    };
    let mut s = Statement::default();
    let text = |key: &str, f: &mut Findings| -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(v)) => Some(v.clone()),
            Some(_) => {
                schema(f, &format!("{path}.{key}"), "a string");
                None
            }
        }
    };
    s.sid = text("Sid", f);
    s.effect = text("Effect", f);
    let list = |key: &str, f: &mut Findings| -> Vec<String> {
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => strings(v).unwrap_or_else(|| {
                schema(
                    f,
                    &format!("{path}.{key}"),
                    "a string or an array of strings",
                );
                Vec::new()
            }),
        }
    };
    s.actions = list("Action", f);
    s.not_actions = list("NotAction", f);
    s.resources = list("Resource", f);
    s.not_resources = list("NotResource", f);
    s.not_principal = map.get("NotPrincipal").is_some_and(|v| !v.is_null());
    match map.get("Principal") {
        None | Some(Value::Null) => {}
        Some(Value::String(p)) => s.principals.push(("*".into(), p.clone())),
        Some(Value::Object(kinds)) => {
            for (kind, v) in kinds {
                match strings(v) {
                    Some(values) => s
                        .principals
                        .extend(values.into_iter().map(|v| (kind.clone(), v))),
                    None => schema(
                        f,
                        &format!("{path}.Principal.{kind}"),
                        "a string or an array of strings",
                    ),
                }
            }
        }
        Some(_) => schema(f, &format!("{path}.Principal"), "an object or \"*\""),
    }
    match map.get("Condition") {
        None | Some(Value::Null) => {}
        Some(Value::Object(ops)) => conditions(ops, path, &mut s, f),
        Some(_) => schema(f, &format!("{path}.Condition"), "an object"),
    }
    Some(s)
}

fn conditions(ops: &Map<String, Value>, path: &str, s: &mut Statement, f: &mut Findings) {
    for (op, keys) in ops {
        let Some(keys) = keys.as_object() else {
            schema(f, &format!("{path}.Condition.{op}"), "an object");
            continue;
        };
        for (key, v) in keys {
            let values = match v {
                Value::Bool(b) => Some(vec![b.to_string()]),
                Value::Number(n) => Some(vec![n.to_string()]),
                other => strings(other),
            };
            match values {
                Some(values) => s.conditions.push((op.clone(), key.clone(), values)),
                None => schema(
                    f,
                    &format!("{path}.Condition.{op}.{key}"),
                    "a string or an array of strings",
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("ecr:*", "ecr:BatchGetImage"));
        assert!(wildcard_match("ECR:batch*", "ecr:BatchGetImage"));
        assert!(wildcard_match("*", "anything"));
        assert!(wildcard_match("a?c", "abc") && !wildcard_match("a?c", "abbc"));
        assert!(!wildcard_match("logs:*", "ecr:GetAuthorizationToken"));
    }

    #[test]
    fn single_values_and_lists_both_parse() {
        let (p, f) = parse_policy(&json!({
            "Statement": {"Effect": "Allow", "Principal": {"Service": ["a", "b"]}, "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}
        }));
        assert!(f.is_empty());
        let p = p.unwrap();
        let (path, s) = &p.statements[0];
        assert_eq!(path, "Statement");
        assert_eq!(s.principals.len(), 2);
        assert!(s.has_action("sts:assumerole"));
        assert_eq!(
            s.condition_keys().collect::<Vec<_>>(),
            ["aws:SourceAccount"]
        );
    }
}
