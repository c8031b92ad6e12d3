//! The validator with a two-function JavaScript surface, built only by
//! `scripts/bench-validator.sh` to time validations in Node and to weigh the validator on its
//! own (the browser bundle links the same crate through the app).

use wasm_bindgen::prelude::wasm_bindgen;

/// Validates `json` as `kind`; returns the report JSON (or `{"error": …}`).
#[cfg(not(feature = "baseline"))]
#[wasm_bindgen]
pub fn validate(kind: &str, json: &str) -> String {
    let Some(kind) = validate::Kind::parse(kind) else {
        return r#"{"error":"unknown kind"}"#.into();
    };
    match serde_json::from_str(json) {
        Ok(doc) => {
            serde_json::to_string(&validate::check(kind, &doc, &validate::Context::default()))
                .unwrap_or_default()
        }
        Err(_) => r#"{"error":"not JSON"}"#.into(),
    }
}

/// The Fargate memory sizes (MiB) allowed for `cpu` units.
#[cfg(not(feature = "baseline"))]
#[wasm_bindgen]
pub fn memory_choices(cpu: u32) -> Vec<u32> {
    validate::ecs::fargate::memory_choices(cpu)
}

/// Baseline: the same work minus the validator (parse, then serialise a report-shaped value).
#[cfg(feature = "baseline")]
#[wasm_bindgen]
pub fn validate(kind: &str, json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(doc) => serde_json::to_string(
            &serde_json::json!({"kind": kind, "findings": [doc], "errors": 0, "warnings": 0}),
        )
        .unwrap_or_default(),
        Err(_) => r#"{"error":"not JSON"}"#.into(),
    }
}

/// Baseline twin of `memory_choices`.
#[cfg(feature = "baseline")]
#[wasm_bindgen]
pub fn memory_choices(cpu: u32) -> Vec<u32> {
    vec![cpu]
}
