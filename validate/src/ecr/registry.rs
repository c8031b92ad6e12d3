//! Registry-level ECR documents (catalogue §2.18 scanning and policies, §2.20): registry
//! scanning configuration, repository and registry policies, pull-through cache rules,
//! replication configuration and repository creation templates.

use crate::ecs::names::{arn_parts, is_account};
use crate::finding::{Finding, Findings};
use crate::iam::policy::parse_policy;
use crate::{json, patterns, Context};
use serde_json::Value;
use std::collections::BTreeSet;

json_struct! {
    /// `PutRegistryScanningConfiguration`.
    pub struct RegistryScanningConfiguration {
        pub scan_type: Option<String> = "scanType",
        pub rules: Option<Vec<ScanningRule>> = "rules",
    }
}

json_struct! {
    pub struct ScanningRule {
        pub scan_frequency: Option<String> = "scanFrequency",
        pub repository_filters: Option<Vec<RepositoryFilter>> = "repositoryFilters",
    }
}

json_struct! {
    /// A `{filter, filterType}` pair (scanning and replication filters).
    pub struct RepositoryFilter {
        pub filter: Option<String> = "filter",
        pub filter_type: Option<String> = "filterType",
    }
}

pub fn check_scanning_value(doc: &Value) -> Vec<Finding> {
    let (cfg, mut findings) = json::read::<RegistryScanningConfiguration>(doc);
    if let Some(cfg) = cfg {
        findings.extend(check_scanning(&cfg));
    }
    findings
}

pub fn check_scanning(cfg: &RegistryScanningConfiguration) -> Vec<Finding> {
    let mut f = Findings::new();
    let rules = cfg.rules.as_deref().unwrap_or_default();
    if rules.len() > 2 {
        f.error(
            "ECR-SCAN-002",
            "rules",
            "Registry scanning allows at most 2 rules.",
        );
    }
    let scan_type = cfg.scan_type.as_deref().unwrap_or("BASIC");
    for (i, r) in rules.iter().enumerate() {
        let freq = r.scan_frequency.as_deref().unwrap_or("");
        let ok = match scan_type {
            "BASIC" => matches!(freq, "SCAN_ON_PUSH" | "MANUAL"),
            "ENHANCED" => matches!(freq, "SCAN_ON_PUSH" | "CONTINUOUS_SCAN"),
            _ => false,
        };
        if !ok {
            f.error(
                "ECR-SCAN-003",
                &format!("rules[{i}].scanFrequency"),
                "BASIC scanning supports SCAN_ON_PUSH (or MANUAL); ENHANCED supports SCAN_ON_PUSH or CONTINUOUS_SCAN.",
            );
        }
        let filters = r.repository_filters.as_deref().unwrap_or_default();
        if filters.len() > 100 {
            f.error(
                "ECR-SCAN-002",
                &format!("rules[{i}].repositoryFilters"),
                "A scanning rule may have at most 100 filters.",
            );
        }
        for (j, flt) in filters.iter().enumerate() {
            let value = flt.filter.as_deref().unwrap_or("");
            let ok = flt.filter_type.as_deref() == Some("WILDCARD")
                && (1..=255).contains(&value.len())
                && patterns::is_scanning_filter(value);
            if !ok {
                f.error(
                    "ECR-SCAN-004",
                    &format!("rules[{i}].repositoryFilters[{j}]"),
                    "Scanning filters are WILDCARD patterns of 1–255 lowercase letters, digits, `._-/` and `*`.",
                );
            }
        }
    }
    f.into_vec()
}

/// `SetRepositoryPolicy.policyText` (ECR-POL-001/002) or, with `registry`, `PutRegistryPolicy`
/// (ECR-POL-005). Takes the policy object or its JSON text.
pub fn check_repository_policy_value(doc: &Value, registry: bool, ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    let text_len = match doc {
        Value::String(s) => s.chars().count(),
        other => serde_json::to_string(other).map_or(0, |s| s.chars().count()),
    };
    if text_len > 10_240 {
        let (rule, what) = if registry {
            ("ECR-POL-005", "Registry")
        } else {
            ("ECR-POL-001", "Repository")
        };
        f.error(
            rule,
            "",
            format!("{what} policies are limited to 10,240 characters; this one has {text_len}."),
        );
    }
    let (policy, parse) = parse_policy(doc);
    if policy.is_none() && !registry {
        f.error(
            "ECR-POL-001",
            "",
            "The repository policy must be a valid JSON policy document.",
        );
    }
    let mut findings = f.into_vec();
    findings.extend(
        parse
            .into_iter()
            .filter(|p| policy.is_some() || !p.path.is_empty()),
    );
    if let (Some(policy), false) = (policy, registry) {
        let mut f = Findings::new();
        for (path, s) in &policy.statements {
            if s.principals.is_empty() {
                f.error(
                    "ECR-POL-002",
                    (path, "Principal"),
                    "Each repository-policy statement must name a Principal.",
                );
            }
            let denies_edit =
                s.effect.as_deref() == Some("Deny") && s.has_action("ecr:SetRepositoryPolicy");
            let hits_caller = s.principals.iter().any(|(_, p)| {
                p == "*"
                    || ctx
                        .caller_arn
                        .as_deref()
                        .is_some_and(|c| c == p || c.split(':').nth(4) == Some(p.as_str()))
            });
            if denies_edit && hits_caller {
                f.warning(
                    "ECR-POL-003",
                    (path.as_str(), "Effect"),
                    "This statement denies you ecr:SetRepositoryPolicy: once applied you may be locked out of changing the policy (AWS asks for force=true).",
                );
            }
            if s.has_action("ecr:GetAuthorizationToken")
                && !s.resources.is_empty()
                && !s.resources.iter().any(|r| r == "*")
            {
                f.warning(
                    "ECR-AUTH-002",
                    (path, "Resource"),
                    "ecr:GetAuthorizationToken is account-wide; grant it on Resource \"*\".",
                );
            }
        }
        findings.extend(f.into_vec());
    }
    findings
}

json_struct! {
    /// `CreatePullThroughCacheRule`.
    pub struct PullThroughCacheRule {
        pub ecr_repository_prefix: Option<String> = "ecrRepositoryPrefix",
        pub upstream_registry_url: Option<String> = "upstreamRegistryUrl",
        pub registry_id: Option<String> = "registryId",
        pub upstream_registry: Option<String> = "upstreamRegistry",
        pub credential_arn: Option<String> = "credentialArn",
        pub custom_role_arn: Option<String> = "customRoleArn",
        pub upstream_repository_prefix: Option<String> = "upstreamRepositoryPrefix",
    }
}

pub const UPSTREAM_REGISTRIES: [&str; 9] = [
    "ecr",
    "ecr-public",
    "quay",
    "k8s",
    "docker-hub",
    "github-container-registry",
    "azure-container-registry",
    "gitlab-container-registry",
    "chainguard",
];

pub fn check_pull_through_cache_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let (rule, mut findings) = json::read::<PullThroughCacheRule>(doc);
    if let Some(rule) = rule {
        findings.extend(check_pull_through_cache(&rule, ctx));
    }
    findings
}

fn upstream_url_matches(upstream: &str, url: &str) -> bool {
    let url = url.trim_start_matches("https://").trim_end_matches('/');
    match upstream {
        "ecr-public" => url == "public.ecr.aws",
        "docker-hub" => url == "registry-1.docker.io",
        "quay" => url == "quay.io",
        "k8s" => url == "registry.k8s.io",
        "github-container-registry" => url == "ghcr.io",
        "gitlab-container-registry" => url == "registry.gitlab.com",
        "chainguard" => url == "cgr.dev",
        "azure-container-registry" => url
            .strip_suffix(".azurecr.io")
            .is_some_and(|n| !n.is_empty() && !n.contains('.')),
        "ecr" => url.split_once(".dkr.ecr.").is_some_and(|(acct, rest)| {
            is_account(acct)
                && (rest.ends_with(".amazonaws.com") || rest.ends_with(".amazonaws.com.cn"))
        }),
        _ => true,
    }
}

pub fn check_pull_through_cache(rule: &PullThroughCacheRule, ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    if ctx.pull_through_cache_prefixes.len() >= 50 {
        f.error(
            "ECR-PTC-001",
            "ecrRepositoryPrefix",
            "This registry already has 50 pull-through cache rules, the maximum.",
        );
    }
    match rule.ecr_repository_prefix.as_deref() {
        Some(p) if (2..=30).contains(&p.len()) && patterns::is_cache_prefix(p) => {
            if ctx
                .pull_through_cache_prefixes
                .iter()
                .any(|e| e.trim_end_matches('/') == p.trim_end_matches('/'))
            {
                f.error(
                    "ECR-PTC-003",
                    "ecrRepositoryPrefix",
                    format!("A pull-through cache rule already uses the prefix `{p}`."),
                );
            }
        }
        _ => f.error(
            "ECR-PTC-002",
            "ecrRepositoryPrefix",
            "Cache prefix: 2–30 characters in lowercase repository-name syntax (or ROOT).",
        ),
    }
    if let Some(p) = rule.upstream_repository_prefix.as_deref() {
        if !((2..=30).contains(&p.len()) && patterns::is_cache_prefix(p)) {
            f.error("ECR-PTC-010", "upstreamRepositoryPrefix", "upstreamRepositoryPrefix must follow repository-name syntax (2–30 characters) or be ROOT.");
        }
    }
    let upstream = rule.upstream_registry.as_deref();
    if let Some(u) = upstream {
        if !UPSTREAM_REGISTRIES.contains(&u) {
            f.error(
                "ECR-PTC-005",
                "upstreamRegistry",
                format!(
                    "Unsupported upstream registry; use one of {}.",
                    UPSTREAM_REGISTRIES.join(", ")
                ),
            );
        }
    }
    match rule.upstream_registry_url.as_deref() {
        None | Some("") => f.error(
            "ECR-PTC-004",
            "upstreamRegistryUrl",
            "The upstream registry URL is required (e.g. public.ecr.aws).",
        ),
        Some(url) => {
            if let Some(u) = upstream {
                if !upstream_url_matches(u, url) {
                    f.error(
                        "ECR-PTC-004",
                        "upstreamRegistryUrl",
                        format!("`{url}` doesn't match the upstream registry {u}."),
                    );
                }
            }
        }
    }
    let needs_creds = matches!(
        upstream,
        Some(
            "docker-hub"
                | "github-container-registry"
                | "gitlab-container-registry"
                | "azure-container-registry"
                | "chainguard"
        )
    );
    match rule.credential_arn.as_deref() {
        None if needs_creds => f.error("ECR-PTC-006", "credentialArn", "This upstream registry requires credentials stored in a Secrets Manager secret (ecr-pullthroughcache/…)."),
        None => {}
        Some(arn) => {
            if matches!(upstream, Some("ecr-public" | "quay" | "k8s")) {
                f.warning("ECR-PTC-008", "credentialArn", "This upstream doesn't use credentials; credentialArn is not needed.");
            }
            let parts = arn_parts(arn);
            let ok = (50..=612).contains(&arn.len())
                && parts.is_some_and(|p| p[2] == "secretsmanager" && p[5].starts_with("secret:ecr-pullthroughcache/"));
            let other_region = parts.is_some_and(|p| ctx.region.as_deref().is_some_and(|r| r != p[3]));
            let other_account = parts.is_some_and(|p| rule.registry_id.as_deref().is_some_and(|a| a != p[4]));
            if !ok || other_region || other_account {
                f.error(
                    "ECR-PTC-007",
                    "credentialArn",
                    "Credential secrets must be named ecr-pullthroughcache/… and live in the same account and Region as the rule.",
                );
            }
        }
    }
    if upstream == Some("ecr") {
        let upstream_account = rule
            .upstream_registry_url
            .as_deref()
            .and_then(|u| u.split_once(".dkr.ecr."))
            .map(|(a, _)| a);
        let cross = upstream_account
            .zip(rule.registry_id.as_deref())
            .is_some_and(|(a, b)| a != b);
        let role_account = rule
            .custom_role_arn
            .as_deref()
            .and_then(arn_parts)
            .map(|p| p[4]);
        let role_elsewhere = role_account
            .zip(rule.registry_id.as_deref())
            .is_some_and(|(a, b)| a != b);
        if (cross && rule.custom_role_arn.is_none()) || role_elsewhere {
            f.error("ECR-PTC-009", "customRoleArn", "Caching from another private ECR registry needs an IAM role (customRoleArn) in this registry's account.");
        }
    }
    if let Some(region) = ctx.region.as_deref() {
        if region.starts_with("cn-") || region.starts_with("us-gov-") {
            f.error(
                "ECR-PTC-012",
                "ecrRepositoryPrefix",
                "Pull-through cache isn't available in the China or GovCloud Regions.",
            );
        }
    }
    f.into_vec()
}

json_struct! {
    /// `PutReplicationConfiguration.replicationConfiguration`.
    pub struct ReplicationConfiguration {
        pub rules: Option<Vec<ReplicationRule>> = "rules",
    }
}

json_struct! {
    pub struct ReplicationRule {
        pub destinations: Option<Vec<ReplicationDestination>> = "destinations",
        pub repository_filters: Option<Vec<RepositoryFilter>> = "repositoryFilters",
    }
}

json_struct! {
    pub struct ReplicationDestination {
        pub region: Option<String> = "region",
        pub registry_id: Option<String> = "registryId",
    }
}

/// The partition a Region belongs to.
fn partition(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

/// `source`: the registry's own `(region, account)` when known.
pub fn check_replication_value(
    doc: &Value,
    ctx: &Context,
    source_account: Option<&str>,
) -> Vec<Finding> {
    let doc = doc.get("replicationConfiguration").unwrap_or(doc);
    let (cfg, mut findings) = json::read::<ReplicationConfiguration>(doc);
    if let Some(cfg) = cfg {
        findings.extend(check_replication(&cfg, ctx, source_account));
    }
    findings
}

pub fn check_replication(
    cfg: &ReplicationConfiguration,
    ctx: &Context,
    source_account: Option<&str>,
) -> Vec<Finding> {
    let mut f = Findings::new();
    let rules = cfg.rules.as_deref().unwrap_or_default();
    if rules.len() > 10 {
        f.error("ECR-REPL-001", "rules", "At most 10 replication rules.");
    }
    let mut unique = BTreeSet::new();
    for (i, r) in rules.iter().enumerate() {
        for (j, d) in r
            .destinations
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let p = format!("rules[{i}].destinations[{j}]");
            let region = d.region.as_deref().unwrap_or("");
            let account = d.registry_id.as_deref().unwrap_or("");
            unique.insert((region, account));
            let region_ok = (2..=25).contains(&region.len())
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let same = ctx.region.as_deref() == Some(region)
                && source_account.is_some_and(|a| a == account);
            if !region_ok || !is_account(account) || same {
                f.error(
                    "ECR-REPL-004",
                    &p,
                    "Each destination needs a valid Region and a 12-digit registry ID, different from the source registry.",
                );
            } else if let Some(src) = ctx.region.as_deref() {
                if partition(src) != partition(region) {
                    f.error(
                        "ECR-REPL-005",
                        (&*p, "region"),
                        "Replication can't cross AWS partitions (aws, aws-cn, aws-us-gov).",
                    );
                }
            }
        }
        if let Some(filters) = r.repository_filters.as_deref() {
            if filters.is_empty() || filters.len() > 100 {
                f.error(
                    "ECR-REPL-003",
                    &format!("rules[{i}].repositoryFilters"),
                    "Replication rules take 1–100 PREFIX_MATCH filters.",
                );
            }
            for (j, flt) in filters.iter().enumerate() {
                let v = flt.filter.as_deref().unwrap_or("");
                let ok = flt.filter_type.as_deref() == Some("PREFIX_MATCH")
                    && (2..=256).contains(&v.len())
                    && patterns::is_replication_filter(v);
                if !ok {
                    f.error(
                        "ECR-REPL-003",
                        &format!("rules[{i}].repositoryFilters[{j}]"),
                        "Replication filters are PREFIX_MATCH repository-name prefixes of 2–256 characters.",
                    );
                }
            }
        }
    }
    if !rules.is_empty() {
        f.warning(
            "ECR-REPL-007",
            "rules",
            "Only images pushed after this is set up are replicated; existing images, lifecycle and repository policies, tag immutability and encryption settings are not copied (use repository creation templates for settings).",
        );
    }
    if unique.len() > 25 {
        f.error(
            "ECR-REPL-002",
            "rules",
            "A replication configuration can target at most 25 unique destinations in total.",
        );
    }
    f.into_vec()
}

json_struct! {
    /// `CreateRepositoryCreationTemplate` (the fields ECR-TPL-001 checks).
    pub struct RepositoryCreationTemplate {
        pub prefix: Option<String> = "prefix",
        pub description: Option<String> = "description",
        pub applied_for: Option<Vec<String>> = "appliedFor",
    }
}

pub fn check_creation_template_value(doc: &Value) -> Vec<Finding> {
    let (t, mut findings) = json::read::<RepositoryCreationTemplate>(doc);
    let Some(t) = t else { return findings };
    let mut f = Findings::new();
    let prefix = t.prefix.as_deref().unwrap_or("");
    if !(prefix == "ROOT"
        || ((1..=256).contains(&prefix.len()) && patterns::is_cache_prefix(prefix)))
    {
        f.error(
            "ECR-TPL-001",
            "prefix",
            "The template prefix must be a repository-name prefix (1–256 characters) or ROOT.",
        );
    }
    if t.description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 256)
    {
        f.error(
            "ECR-TPL-001",
            "description",
            "The template description is at most 256 characters.",
        );
    }
    let applied = t.applied_for.as_deref().unwrap_or_default();
    if applied.is_empty() {
        f.error(
            "ECR-TPL-001",
            "appliedFor",
            "appliedFor needs at least one of REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH.",
        );
    }
    for (i, a) in applied.iter().enumerate() {
        if !matches!(
            a.as_str(),
            "REPLICATION" | "PULL_THROUGH_CACHE" | "CREATE_ON_PUSH"
        ) {
            f.error(
                "ECR-TPL-001",
                &format!("appliedFor[{i}]"),
                "appliedFor values are REPLICATION, PULL_THROUGH_CACHE or CREATE_ON_PUSH.",
            );
        }
    }
    findings.extend(f.into_vec());
    findings
}

/// ECR-POL-004: images pulled from another account's registry need that repository's policy
/// to let this task's execution role (or account) pull. `policies` holds the repository
/// policies the server could read, by repository ARN; repositories without an entry are
/// treated as having no policy.
pub fn check_cross_account_pull(
    td: &crate::ecs::task_definition::TaskDefinition,
    task_account: &str,
    policies: &[(String, crate::iam::PolicyDocument)],
) -> Vec<Finding> {
    use crate::ecs::task_definition::image::{ecr_registry, parse_image};
    let mut f = Findings::new();
    let role = td.execution_role_arn.as_deref().unwrap_or("");
    for (i, c) in td.container_definitions.iter().flatten().enumerate() {
        let Some(image) = c.image.as_deref() else {
            continue;
        };
        let Some((account, region)) = ecr_registry(image) else {
            continue;
        };
        if account == task_account {
            continue;
        }
        let repo = format!(
            "arn:aws:ecr:{region}:{account}:repository/{}",
            parse_image(image).path
        );
        let allowed = policies
            .iter()
            .find(|(arn, _)| *arn == repo)
            .is_some_and(|(_, policy)| {
                ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
                    .iter()
                    .all(|action| {
                        policy.statements.iter().any(|(_, s)| {
                            s.allows()
                                && s.has_action(action)
                                && s.principals.iter().any(|(_, p)| {
                                    p == "*"
                                        || p == role
                                        || p == task_account
                                        || *p == format!("arn:aws:iam::{task_account}:root")
                                })
                        })
                    })
            });
        if !allowed {
            f.warning(
                "ECR-POL-004",
                format!("containerDefinitions[{i}].image").as_str(),
                format!("This image is in account {account}; its repository policy must let this task's execution role pull it (ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchCheckLayerAvailability)."),
            );
        }
    }
    f.into_vec()
}
