//! The clean base documents the table tests patch really are clean: no findings at all.

mod common;

use common::*;
use validate::{check, Context, Kind};

#[test]
fn base_task_definitions_have_no_findings() {
    for (name, doc) in [
        ("fargate", fargate()),
        ("ec2", ec2()),
        ("windows", windows()),
    ] {
        let r = check(Kind::TaskDefinition, &doc, &Context::default());
        assert!(r.findings.is_empty(), "{name}: {:#?}", r.findings);
    }
}
