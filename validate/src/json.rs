//! Reading AWS documents into typed Rust without serde's derive.
//!
//! Why not serde: the validator runs in the browser, and serde's derived deserializers (plus a
//! path-tracking wrapper to name the field of a wrong-typed value) made up most of its WASM
//! size. [`FromJson`] walks a parsed `serde_json::Value` instead: one small reader per type,
//! the path kept in a string, and a value of the wrong type becomes a `SCHEMA` finding at its
//! path while the field is treated as absent — so every other rule still runs.
//!
//! [`json_struct!`](crate::json_struct) declares a document type: the struct, its `FromJson` (reading) and
//! `to_json` (writing, absent fields left out, declaration order kept), and serde's traits
//! through those two, so the types still travel through server functions.

use crate::finding::Finding;
use crate::Severity;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// Walks a document, remembering where it is and what was of the wrong type.
pub struct Reader {
    path: String,
    findings: Vec<Finding>,
}

impl Reader {
    fn new() -> Self {
        Reader {
            path: String::new(),
            findings: Vec::new(),
        }
    }

    /// Reports the value at the current path as having the wrong type.
    pub fn wrong(&mut self, v: &Value, expected: &str) {
        let what = if self.path.is_empty() {
            "The document".to_string()
        } else {
            format!("`{}`", self.path)
        };
        self.findings.push(Finding {
            rule: "SCHEMA".into(),
            severity: Severity::Error,
            path: self.path.clone(),
            message: format!(
                "{what} has the wrong type: expected {expected}, found {}.",
                type_name(v)
            ),
        });
    }

    /// Reads `key` of an object; absent keys and wrong types give `T::default()`.
    /// (Never inlined: one copy per field type instead of one per field keeps WASM small.)
    #[inline(never)]
    pub fn field<T: FromJson + Default>(&mut self, map: &Map<String, Value>, key: &str) -> T {
        let Some(v) = map.get(key) else {
            return T::default();
        };
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
        let out = T::from_json(v, self).unwrap_or_default();
        self.path.truncate(len);
        out
    }

    #[inline(never)]
    fn element<T: FromJson + Default>(&mut self, i: usize, v: &Value) -> T {
        let len = self.path.len();
        self.path.push_str(&format!("[{i}]"));
        let out = T::from_json(v, self).unwrap_or_default();
        self.path.truncate(len);
        out
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A type read from (and written back to) AWS JSON.
pub trait FromJson: Sized {
    /// Reads `v`; on a wrong type reports it through `r` and returns `None`.
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self>;
    /// Writes the value as AWS JSON.
    fn to_json(&self) -> Value;
    /// Left out when writing an object (absent optional fields).
    fn is_absent(&self) -> bool {
        false
    }
}

/// Reads a whole document: `None` only when the root itself has the wrong type.
pub fn read<T: FromJson>(doc: &Value) -> (Option<T>, Vec<Finding>) {
    let mut r = Reader::new();
    let out = T::from_json(doc, &mut r);
    (out, r.findings)
}

/// Reads a document, ignoring wrong-typed values (for serde's `Deserialize`).
pub fn read_lenient<T: FromJson + Default>(doc: &Value) -> T {
    read(doc).0.unwrap_or_default()
}

/// The object at the reader's position, or a `SCHEMA` finding.
pub fn object<'v>(v: &'v Value, r: &mut Reader) -> Option<&'v Map<String, Value>> {
    match v {
        Value::Object(map) => Some(map),
        other => {
            r.wrong(other, "an object");
            None
        }
    }
}

/// The entries of `map` whose keys are not in `known` (for `..pub extra` fields).
pub fn unknown_keys(map: &Map<String, Value>, known: &[&str]) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        if !known.contains(&k.as_str()) {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Adds `key: value` to an object being written, unless the value is absent.
pub fn put<T: FromJson>(map: &mut Map<String, Value>, key: &str, value: &T) {
    if !value.is_absent() {
        map.insert(key.to_string(), value.to_json());
    }
}

impl FromJson for String {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                r.wrong(other, "a string");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl FromJson for bool {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                r.wrong(other, "true or false");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl FromJson for i64 {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v.as_i64() {
            Some(n) => Some(n),
            None => {
                r.wrong(v, "a whole number");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl FromJson for f64 {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v.as_f64() {
            Some(n) => Some(n),
            None => {
                r.wrong(v, "a number");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl FromJson for Number {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Number(n) => Some(n.clone()),
            other => {
                r.wrong(other, "a number");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::Number(self.clone())
    }
}

/// Any JSON (fields Berth passes through or reads by hand).
impl FromJson for Value {
    fn from_json(v: &Value, _r: &mut Reader) -> Option<Self> {
        Some(v.clone())
    }
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            other => T::from_json(other, r).map(Some),
        }
    }
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, T::to_json)
    }
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        T::from_json(v, r).map(Box::new)
    }
    fn to_json(&self) -> Value {
        T::to_json(self)
    }
}

/// Arrays keep their length: a wrong-typed element is reported and read as the default, so
/// the indices of the others (and of their findings) stay right.
impl<T: FromJson + Default> FromJson for Vec<T> {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| r.element(i, item))
                    .collect(),
            ),
            other => {
                r.wrong(other, "an array");
                None
            }
        }
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(T::to_json).collect())
    }
}

impl<T: FromJson + Default> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Value, r: &mut Reader) -> Option<Self> {
        let map = object(v, r)?;
        let mut out = BTreeMap::new();
        for k in map.keys() {
            let value = r.field(map, k);
            out.insert(k.clone(), value);
        }
        Some(out)
    }
    fn to_json(&self) -> Value {
        Value::Object(self.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
    }
}

/// Declares a document type read with [`FromJson`]:
///
/// ```text
/// json_struct! {
///     /// A port mapping.
///     pub struct PortMapping {
///         pub container_port: Option<i64> = "containerPort",
///     }
/// }
/// ```
///
/// An optional trailing `..pub extra` field collects the keys no field names (for rules that
/// reject unknown keys).
#[macro_export]
macro_rules! json_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty = $key:literal ),* $(,)?
            $( ..pub $extra:ident )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
            $( pub $extra: std::collections::BTreeMap<String, serde_json::Value>, )?
        }

        impl $name {
            /// The JSON keys this type reads, in declaration order.
            #[allow(dead_code)]
            pub const JSON_KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl $crate::json::FromJson for $name {
            fn from_json(v: &serde_json::Value, r: &mut $crate::json::Reader) -> Option<Self> {
                let map = $crate::json::object(v, r)?;
                Some($name {
                    $( $field: r.field(map, $key), )*
                    $( $extra: $crate::json::unknown_keys(map, Self::JSON_KEYS), )?
                })
            }

            fn to_json(&self) -> serde_json::Value {
                let mut map = serde_json::Map::new();
                $( $crate::json::put(&mut map, $key, &self.$field); )*
                $( for (k, v) in &self.$extra {
                    map.insert(k.clone(), v.clone());
                } )?
                serde_json::Value::Object(map)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&$crate::json::FromJson::to_json(self), s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                Ok($crate::json::read_lenient(&v))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    json_struct! {
        /// Test type.
        pub struct Inner {
            pub count_number: Option<i64> = "countNumber",
        }
    }

    json_struct! {
        /// Test type.
        pub struct Outer {
            pub rules: Option<Vec<Inner>> = "rules",
            pub name: Option<String> = "name",
            ..pub extra
        }
    }

    #[test]
    fn wrong_types_become_findings_at_their_path_and_indices_stay() {
        let (doc, findings) = read::<Outer>(&json!({
            "rules": [{"countNumber": 1}, "oops", {"countNumber": "5"}],
            "name": 7,
            "other": true
        }));
        let doc = doc.expect("root is an object");
        let paths: Vec<_> = findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["rules[1]", "rules[2].countNumber", "name"]);
        assert!(findings.iter().all(|f| f.rule == "SCHEMA" && f.is_error()));
        let rules = doc.rules.unwrap();
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].count_number, Some(1));
        assert_eq!(rules[2].count_number, None);
        assert_eq!(doc.name, None);
        assert_eq!(doc.extra.keys().collect::<Vec<_>>(), ["other"]);
    }

    #[test]
    fn writing_leaves_out_absent_fields_and_round_trips() {
        let v = json!({"rules": [{"countNumber": 3}], "name": "x", "zz": 1});
        let (doc, findings) = read::<Outer>(&v);
        assert!(findings.is_empty());
        assert_eq!(doc.unwrap().to_json(), v);
        assert_eq!(Inner::default().to_json(), json!({}));
        let root = read::<Outer>(&json!([1]));
        assert!(root.0.is_none() && root.1[0].path.is_empty());
    }
}
