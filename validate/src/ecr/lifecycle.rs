//! ECR lifecycle policies and the ECR-LCP rules.
//!
//! Accepts the policy document itself, a JSON string holding it (`lifecyclePolicyText` as
//! AWS stores it), or the `PutLifecyclePolicy` request (`{"lifecyclePolicyText": "…"}`).
//! Paths are relative to the policy document: `rules[0].selection.countUnit`.

use crate::finding::{Finding, Findings};
use crate::json;
use serde_json::{Number, Value};
use std::collections::BTreeMap;

/// Length limits of `lifecyclePolicyText` (botocore `LifecyclePolicyText`).
pub const TEXT_MIN: usize = 100;
pub const TEXT_MAX: usize = 30_720;

const TAG_STATUSES: [&str; 3] = ["tagged", "untagged", "any"];
const COUNT_TYPES: [&str; 4] = [
    "imageCountMoreThan",
    "sinceImagePushed",
    "sinceImagePulled",
    "sinceImageTransitioned",
];

json_struct! {
    /// A lifecycle policy document. Unknown keys are kept (and reported: ECR-LCP-020).
    pub struct LifecyclePolicy {
        pub rules: Option<Vec<LifecycleRule>> = "rules",
        ..pub extra
    }
}

json_struct! {
    pub struct LifecycleRule {
        pub rule_priority: Option<Number> = "rulePriority",
        pub description: Option<Value> = "description",
        pub selection: Option<LifecycleSelection> = "selection",
        pub action: Option<LifecycleAction> = "action",
        ..pub extra
    }
}

json_struct! {
    pub struct LifecycleSelection {
        pub tag_status: Option<String> = "tagStatus",
        pub tag_prefix_list: Option<Vec<String>> = "tagPrefixList",
        pub tag_pattern_list: Option<Vec<String>> = "tagPatternList",
        pub storage_class: Option<String> = "storageClass",
        pub count_type: Option<String> = "countType",
        pub count_unit: Option<String> = "countUnit",
        pub count_number: Option<Number> = "countNumber",
        ..pub extra
    }
}

json_struct! {
    pub struct LifecycleAction {
        pub kind: Option<String> = "type",
        pub target_storage_class: Option<String> = "targetStorageClass",
        ..pub extra
    }
}

impl LifecyclePolicy {
    /// The policy the wizard's builder makes: keep the last `keep` images whose tag starts with
    /// `prefix`, and/or expire untagged images `untagged_days` days after push.
    pub fn simple(keep: Option<(u64, &str)>, untagged_days: Option<u64>) -> LifecyclePolicy {
        let mut rules = Vec::new();
        if let Some(days) = untagged_days {
            rules.push(LifecycleRule {
                rule_priority: Some(1.into()),
                description: Some(Value::String(format!(
                    "Expire untagged images {days} days after push"
                ))),
                selection: Some(LifecycleSelection {
                    tag_status: Some("untagged".into()),
                    count_type: Some("sinceImagePushed".into()),
                    count_unit: Some("days".into()),
                    count_number: Some(days.into()),
                    ..Default::default()
                }),
                action: Some(LifecycleAction::expire()),
                ..Default::default()
            });
        }
        if let Some((count, prefix)) = keep {
            let described = if prefix.is_empty() {
                format!("Keep the last {count} tagged images")
            } else {
                format!("Keep the last {count} images tagged {prefix}*")
            };
            rules.push(LifecycleRule {
                rule_priority: Some((rules.len() as u64 + 1).into()),
                description: Some(Value::String(described)),
                selection: Some(LifecycleSelection {
                    // An empty prefix means "every tagged image": ECR needs a pattern then.
                    tag_status: Some("tagged".into()),
                    tag_prefix_list: (!prefix.is_empty()).then(|| vec![prefix.to_string()]),
                    tag_pattern_list: prefix.is_empty().then(|| vec!["*".to_string()]),
                    count_type: Some("imageCountMoreThan".into()),
                    count_number: Some(count.into()),
                    ..Default::default()
                }),
                action: Some(LifecycleAction::expire()),
                ..Default::default()
            });
        }
        LifecyclePolicy {
            rules: Some(rules),
            extra: BTreeMap::new(),
        }
    }

    /// The policy as `lifecyclePolicyText` (compact JSON, as Berth sends it to ECR).
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl LifecycleAction {
    pub fn expire() -> Self {
        LifecycleAction {
            kind: Some("expire".into()),
            ..Default::default()
        }
    }
}

/// Validates a lifecycle policy given as any JSON value (see the module docs for the shapes).
pub fn check_lifecycle_policy_value(doc: &Value) -> Vec<Finding> {
    // `PutLifecyclePolicy` shape: validate the text inside.
    if let Some(text) = doc.get("lifecyclePolicyText") {
        return match text {
            Value::String(s) => check_text(s),
            _ => vec![schema_error("lifecyclePolicyText", "a JSON string")],
        };
    }
    if let Value::String(s) = doc {
        return check_text(s);
    }
    let mut findings = Vec::new();
    let text = serde_json::to_string(doc).unwrap_or_default();
    check_length(text.chars().count(), &mut findings);
    let (policy, schema_findings) = json::read::<LifecyclePolicy>(doc);
    findings.extend(schema_findings);
    if let Some(policy) = policy {
        findings.extend(check_lifecycle_policy(&policy));
    }
    findings
}

fn schema_error(path: &str, expected: &str) -> Finding {
    Finding {
        rule: "SCHEMA".into(),
        severity: crate::Severity::Error,
        path: path.into(),
        message: format!("`{path}` has the wrong type (expected {expected})."),
    }
}

fn check_text(text: &str) -> Vec<Finding> {
    match serde_json::from_slice::<Value>(text.as_bytes()) {
        Ok(value @ Value::Object(_)) => {
            let mut findings = Vec::new();
            check_length(text.chars().count(), &mut findings);
            let (policy, schema_findings) = json::read::<LifecyclePolicy>(&value);
            findings.extend(schema_findings);
            if let Some(policy) = policy {
                findings.extend(check_lifecycle_policy(&policy));
            }
            findings
        }
        Ok(_) => {
            let mut f = Findings::new();
            f.error(
                "ECR-LCP-001",
                "",
                "A lifecycle policy is a JSON object with a `rules` array.",
            );
            f.into_vec()
        }
        Err(e) => {
            let mut f = Findings::new();
            f.error(
                "ECR-LCP-001",
                "",
                format!("The lifecycle policy is not valid JSON: {e}."),
            );
            f.into_vec()
        }
    }
}

fn check_length(len: usize, findings: &mut Vec<Finding>) {
    if !(TEXT_MIN..=TEXT_MAX).contains(&len) {
        let mut f = Findings::new();
        f.error(
            "ECR-LCP-001",
            "",
            format!("A lifecycle policy must be {TEXT_MIN}–{TEXT_MAX} characters of JSON; this one is {len}."),
        );
        findings.extend(f.into_vec());
    }
}

/// Validates a typed lifecycle policy (what the builder runs on every keystroke).
pub fn check_lifecycle_policy(policy: &LifecyclePolicy) -> Vec<Finding> {
    let mut f = Findings::new();
    for key in policy.extra.keys() {
        unknown_key(&mut f, "", key);
    }
    let rules = policy.rules.as_deref().unwrap_or_default();
    if rules.is_empty() {
        f.error(
            "ECR-LCP-002",
            "rules",
            "A lifecycle policy needs at least one rule.",
        );
    }
    for (i, rule) in rules.iter().enumerate() {
        check_rule(&mut f, i, rule);
    }
    check_across_rules(&mut f, rules);
    f.into_vec()
}

fn unknown_key(f: &mut Findings, at: &str, key: &str) {
    let path = crate::finding::join_path(at, key);
    f.error(
        "ECR-LCP-020",
        &path,
        format!("Unknown lifecycle policy field `{key}`: remove it (check its spelling)."),
    );
}

fn positive_integer(n: &Option<Number>) -> Option<u64> {
    n.as_ref().and_then(Number::as_u64).filter(|v| *v >= 1)
}

fn check_rule(f: &mut Findings, i: usize, rule: &LifecycleRule) {
    let at = format!("rules[{i}]");
    for key in rule.extra.keys() {
        unknown_key(f, &at, key);
    }
    if positive_integer(&rule.rule_priority).is_none() {
        f.error(
            "ECR-LCP-003",
            (&*at, "rulePriority"),
            "Every rule needs a rulePriority that is a positive integer (lower runs first; gaps are fine).",
        );
    }
    if let Some(d) = &rule.description {
        if !d.is_string() && !d.is_null() {
            f.error(
                "ECR-LCP-019",
                (&*at, "description"),
                "description must be a string.",
            );
        }
    }
    match &rule.selection {
        Some(sel) => check_selection(f, &at, sel, rule.action.as_ref()),
        None => f.error(
            "ECR-LCP-004",
            (&*at, "selection"),
            "Every rule needs a selection with tagStatus, countType and countNumber.",
        ),
    }
    check_action(f, &at, rule);
}

fn check_selection(
    f: &mut Findings,
    at: &str,
    sel: &LifecycleSelection,
    action: Option<&LifecycleAction>,
) {
    let at = format!("{at}.selection");
    for key in sel.extra.keys() {
        unknown_key(f, &at, key);
    }
    let status = sel.tag_status.as_deref();
    match status {
        Some(s) if TAG_STATUSES.contains(&s) => {}
        Some(s) => f.error(
            "ECR-LCP-004",
            (&*at, "tagStatus"),
            format!("`{s}` is not a tagStatus: use tagged, untagged or any."),
        ),
        None => f.error(
            "ECR-LCP-004",
            (&*at, "tagStatus"),
            "tagStatus is required: tagged, untagged or any.",
        ),
    }
    let has_prefixes = sel.tag_prefix_list.is_some();
    let has_patterns = sel.tag_pattern_list.is_some();
    if status == Some("tagged") && !has_prefixes && !has_patterns {
        f.error(
            "ECR-LCP-005",
            (&*at, "tagPrefixList"),
            "Rules for tagged images need tagPrefixList (such as [\"prod\"]) or tagPatternList (such as [\"v*\"]).",
        );
    }
    if matches!(status, Some("untagged") | Some("any")) {
        for (present, field) in [
            (has_prefixes, "tagPrefixList"),
            (has_patterns, "tagPatternList"),
        ] {
            if present {
                f.error(
                    "ECR-LCP-006",
                    (&*at, field),
                    format!("Leave out {field} unless tagStatus is tagged."),
                );
            }
        }
    }
    if has_prefixes && has_patterns {
        f.error(
            "ECR-LCP-007",
            (&*at, "tagPatternList"),
            "Use either tagPrefixList or tagPatternList in a rule, not both.",
        );
    }
    for (j, pattern) in sel.tag_pattern_list.iter().flatten().enumerate() {
        let stars = pattern.matches('*').count();
        if stars > 4 {
            f.error(
                "ECR-LCP-008",
                &format!("{at}.tagPatternList[{j}]"),
                format!(
                    "A tag pattern may contain at most four `*` wildcards; this one has {stars}."
                ),
            );
        }
    }

    let count_type = sel.count_type.as_deref();
    match count_type {
        Some(t) if COUNT_TYPES.contains(&t) => {}
        other => f.error(
            "ECR-LCP-012",
            (&*at, "countType"),
            match other {
                Some(t) => format!("`{t}` is not a countType: use imageCountMoreThan, sinceImagePushed, sinceImagePulled or sinceImageTransitioned."),
                None => "countType is required: imageCountMoreThan, sinceImagePushed, sinceImagePulled or sinceImageTransitioned.".to_string(),
            },
        ),
    }
    let unit_path = format!("{at}.countUnit");
    match (count_type, sel.count_unit.as_deref()) {
        (Some("imageCountMoreThan"), Some(_)) => f.error(
            "ECR-LCP-013",
            &unit_path,
            "Leave out countUnit when countType is imageCountMoreThan.",
        ),
        (Some(t), None) if t.starts_with("since") => f.error(
            "ECR-LCP-013",
            &unit_path,
            format!("countUnit \"days\" is required when countType is {t}."),
        ),
        (_, Some(u)) if u != "days" => f.error(
            "ECR-LCP-013",
            &unit_path,
            format!("countUnit must be \"days\", not `{u}`."),
        ),
        _ => {}
    }
    let count = positive_integer(&sel.count_number);
    if count.is_none() {
        f.error(
            "ECR-LCP-014",
            (&*at, "countNumber"),
            "countNumber must be a positive whole number (0 is not allowed).",
        );
    }
    let storage = sel.storage_class.as_deref();
    let storage_path = format!("{at}.storageClass");
    match (count_type, storage) {
        (Some("sinceImageTransitioned"), s) if s != Some("archive") => f.error(
            "ECR-LCP-017",
            &storage_path,
            "sinceImageTransitioned selects archived images: set storageClass to \"archive\".",
        ),
        (Some(t), Some(s)) if t != "sinceImageTransitioned" && s != "standard" => f.error(
            "ECR-LCP-017",
            &storage_path,
            format!("{t} only selects standard images: set storageClass to \"standard\" or leave it out."),
        ),
        _ => {}
    }
    let expires = action.and_then(|a| a.kind.as_deref()) == Some("expire");
    if expires && storage == Some("archive") && count.is_some_and(|n| n < 90) {
        f.error(
            "ECR-LCP-018",
            (&*at, "countNumber"),
            "Archived images have a 90-day minimum: expire them after 90 days or more.",
        );
    }
}

fn check_action(f: &mut Findings, at: &str, rule: &LifecycleRule) {
    let Some(action) = &rule.action else {
        f.error(
            "ECR-LCP-015",
            (at, "action"),
            "Every rule needs an action: {\"type\": \"expire\"} or a transition to archive.",
        );
        return;
    };
    let at = format!("{at}.action");
    for key in action.extra.keys() {
        unknown_key(f, &at, key);
    }
    let target = action.target_storage_class.as_deref();
    match action.kind.as_deref() {
        Some("expire") => {
            if target.is_some() {
                f.error(
                    "ECR-LCP-016",
                    (&*at, "targetStorageClass"),
                    "expire actions take no targetStorageClass; remove it.",
                );
            }
        }
        Some("transition") => {
            if target != Some("archive") {
                f.error(
                    "ECR-LCP-016",
                    (&*at, "targetStorageClass"),
                    "transition actions need targetStorageClass \"archive\".",
                );
            }
        }
        other => f.error(
            "ECR-LCP-015",
            (&*at, "type"),
            match other {
                Some(t) => format!("`{t}` is not an action type: use expire or transition."),
                None => "The action type is required: expire or transition.".to_string(),
            },
        ),
    }
}

fn check_across_rules(f: &mut Findings, rules: &[LifecycleRule]) {
    // ECR-LCP-003: unique priorities.
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if let Some(p) = positive_integer(&rule.rule_priority) {
            if let Some(first) = seen.insert(p, i) {
                f.error(
                    "ECR-LCP-003",
                    &format!("rules[{i}].rulePriority"),
                    format!("rulePriority {p} is already used by rules[{first}]; priorities must be unique."),
                );
            }
        }
    }
    let status = |r: &LifecycleRule| r.selection.as_ref().and_then(|s| s.tag_status.clone());
    // ECR-LCP-009: `any` must come last.
    let highest = rules
        .iter()
        .filter_map(|r| positive_integer(&r.rule_priority))
        .max();
    for (i, rule) in rules.iter().enumerate() {
        if status(rule).as_deref() == Some("any") {
            let p = positive_integer(&rule.rule_priority);
            if p.is_some() && p != highest {
                f.error(
                    "ECR-LCP-009",
                    &format!("rules[{i}].rulePriority"),
                    "A rule with tagStatus \"any\" must have the highest rulePriority (it is evaluated last).",
                );
            }
        }
    }
    // ECR-LCP-010: one untagged rule.
    let untagged: Vec<usize> = (0..rules.len())
        .filter(|&i| status(&rules[i]).as_deref() == Some("untagged"))
        .collect();
    for &i in untagged.iter().skip(1) {
        f.error(
            "ECR-LCP-010",
            &format!("rules[{i}].selection.tagStatus"),
            format!(
                "Only one rule may select untagged images; rules[{}] already does.",
                untagged[0]
            ),
        );
    }
    // ECR-LCP-011: distinct prefix sets.
    let mut prefix_sets: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let Some(list) = rule
            .selection
            .as_ref()
            .and_then(|s| s.tag_prefix_list.clone())
        else {
            continue;
        };
        let mut set = list;
        set.sort_unstable();
        set.dedup();
        if let Some((first, _)) = prefix_sets.iter().find(|(_, s)| *s == set) {
            f.error(
                "ECR-LCP-011",
                &format!("rules[{i}].selection.tagPrefixList"),
                format!("rules[{first}] already uses this set of tag prefixes; each rule needs a distinct set."),
            );
        } else {
            prefix_sets.push((i, set));
        }
    }
}
