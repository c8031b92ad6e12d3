//! `berth validate KIND FILE|-`: the validator for CI pipelines and pre-commit hooks. Needs no
//! database and no AWS. Exit 0: no errors; 1: errors found; 2: unreadable input.

use clap::Args;
use serde_json::Value;
use std::io::Read;
use validate::{Context, Kind};

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// What the file holds: task-definition, service, repository, lifecycle-policy or
    /// trust-policy.
    pub kind: String,
    /// The JSON file, or `-` for standard input.
    pub file: String,
    /// Launch type context (EC2, FARGATE, EXTERNAL) for rules that need it.
    #[arg(long)]
    pub launch_type: Option<String>,
    /// Operating system family context (LINUX, WINDOWS_SERVER_2022_CORE, …).
    #[arg(long)]
    pub os: Option<String>,
    /// Fargate platform version context.
    #[arg(long)]
    pub platform_version: Option<String>,
    /// The AWS Region the document is meant for.
    #[arg(long)]
    pub region: Option<String>,
}

pub fn run(args: &ValidateArgs) -> i32 {
    let Some(kind) = Kind::parse(&args.kind) else {
        let known: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        eprintln!(
            "error: unknown kind `{}` (known: {})",
            args.kind,
            known.join(", ")
        );
        return 2;
    };
    let mut text = String::new();
    let read = if args.file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&args.file).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("error: cannot read {}: {e}", args.file);
        return 2;
    }
    let doc: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {} is not JSON: {e}", args.file);
            return 2;
        }
    };
    let ctx = Context {
        region: args.region.clone(),
        launch_type: args.launch_type.clone(),
        os: args.os.clone(),
        platform_version: args.platform_version.clone(),
        ..Context::default()
    };
    let report = validate::check(kind, &doc, &ctx);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    }
    if report.is_ok() {
        0
    } else {
        1
    }
}
