//! `cargo bench -p validate`: how long one validation of a 10-container Fargate task
//! definition takes natively (the server's cost per request, the CLI's per file). Prints
//! figures; asserts nothing. The WASM figure comes from `scripts/bench-validator.sh`.

use std::hint::black_box;
use std::time::Instant;
use validate::{check, Context, Kind};

fn main() {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("ten_containers.json")).expect("bench document");
    let text = serde_json::to_string(&doc).unwrap();
    let ctx = Context::default();
    let report = check(Kind::TaskDefinition, &doc, &ctx);
    println!(
        "document: 10 containers, {} bytes, {} findings ({} errors)",
        text.len(),
        report.findings.len(),
        report.errors
    );
    for (label, from_text) in [("parsed value", false), ("from JSON text", true)] {
        // Warm up, then take the median of 15 batches.
        let mut samples = Vec::new();
        for round in 0..16 {
            let n = 200;
            let start = Instant::now();
            for _ in 0..n {
                let r = if from_text {
                    let v: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap();
                    check(Kind::TaskDefinition, &v, &ctx)
                } else {
                    check(Kind::TaskDefinition, black_box(&doc), &ctx)
                };
                black_box(r);
            }
            if round > 0 {
                samples.push(start.elapsed().as_secs_f64() * 1e6 / f64::from(n));
            }
        }
        samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "native, {label}: median {:.1} µs per validation (min {:.1}, max {:.1})",
            samples[samples.len() / 2],
            samples[0],
            samples[samples.len() - 1]
        );
    }
}
