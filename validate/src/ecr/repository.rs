//! `CreateRepository` (+ Berth's optional `lifecyclePolicy`) and the ECR-REPO, ECR-ENC, ECR-MUT
//! and ECR-SCAN rules.

use super::lifecycle::check_lifecycle_policy_value;
use crate::finding::{Finding, Findings};
use crate::{json, patterns, Context};
use serde_json::Value;

/// Values of `imageTagMutability`.
pub const TAG_MUTABILITIES: [&str; 4] = [
    "MUTABLE",
    "IMMUTABLE",
    "IMMUTABLE_WITH_EXCLUSION",
    "MUTABLE_WITH_EXCLUSION",
];

/// Values of `encryptionConfiguration.encryptionType`.
pub const ENCRYPTION_TYPES: [&str; 3] = ["AES256", "KMS", "KMS_DSSE"];

json_struct! {
    /// The `CreateRepository` request as the AWS CLI writes it, plus Berth's `lifecyclePolicy`
    /// (the policy document as an object, applied right after creation).
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "camelCase"))]
    pub struct CreateRepository {
        pub registry_id: Option<String> = "registryId",
        pub repository_name: Option<String> = "repositoryName",
        pub tags: Option<Vec<Tag>> = "tags",
        pub image_tag_mutability: Option<String> = "imageTagMutability",
        pub image_tag_mutability_exclusion_filters: Option<Vec<ExclusionFilter>> = "imageTagMutabilityExclusionFilters",
        pub image_scanning_configuration: Option<ImageScanningConfiguration> = "imageScanningConfiguration",
        pub encryption_configuration: Option<EncryptionConfiguration> = "encryptionConfiguration",
        /// Berth extension: a lifecycle policy document to put after creating the repository.
        pub lifecycle_policy: Option<Value> = "lifecyclePolicy",
    }
}

json_struct! {
    /// ECR resource tags use capitalised keys.
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub struct Tag {
        pub key: Option<String> = "Key",
        pub value: Option<String> = "Value",
    }
}

json_struct! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "camelCase"))]
    pub struct ExclusionFilter {
        pub filter_type: Option<String> = "filterType",
        pub filter: Option<String> = "filter",
    }
}

json_struct! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "camelCase"))]
    pub struct ImageScanningConfiguration {
        pub scan_on_push: Option<bool> = "scanOnPush",
    }
}

json_struct! {
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(rename_all = "camelCase"))]
    pub struct EncryptionConfiguration {
        pub encryption_type: Option<String> = "encryptionType",
        pub kms_key: Option<String> = "kmsKey",
    }
}

impl CreateRepository {
    /// The request without Berth's extension: exactly what `CreateRepository` receives.
    pub fn aws_request(&self) -> CreateRepository {
        CreateRepository {
            lifecycle_policy: None,
            ..self.clone()
        }
    }

    /// The effective tag mutability (AWS defaults to MUTABLE).
    pub fn mutability(&self) -> &str {
        self.image_tag_mutability.as_deref().unwrap_or("MUTABLE")
    }
}

/// Validates any JSON value as a repository request.
pub fn check_repository_value(doc: &Value, ctx: &Context) -> Vec<Finding> {
    let (repo, mut findings) = json::read::<CreateRepository>(doc);
    if let Some(repo) = repo {
        findings.extend(check_repository(&repo, ctx));
    }
    findings
}

/// Validates a typed repository request (what the wizard runs on every keystroke).
pub fn check_repository(repo: &CreateRepository, ctx: &Context) -> Vec<Finding> {
    let mut f = Findings::new();
    check_name(repo, ctx, &mut f);
    check_registry_and_tags(repo, &mut f);
    check_mutability(repo, ctx, &mut f);
    check_scanning(repo, &mut f);
    check_encryption(repo, ctx, &mut f);
    let mut findings = f.into_vec();
    if let Some(policy) = repo.lifecycle_policy.as_ref().filter(|p| !p.is_null()) {
        let mut nested = Findings::with_prefix("lifecyclePolicy");
        nested.extend(check_lifecycle_policy_value(policy));
        findings.extend(nested.into_vec());
    }
    findings
}

fn check_name(repo: &CreateRepository, ctx: &Context, f: &mut Findings) {
    const PATH: &str = "repositoryName";
    let Some(name) = repo.repository_name.as_deref() else {
        f.error(
            "ECR-REPO-001",
            PATH,
            "A repository name is required: 2–256 lowercase letters and digits, separated by `.`, `_`, `__`, `-` or `/`.",
        );
        return;
    };
    let len = name.chars().count();
    if !(2..=256).contains(&len) {
        f.error(
            "ECR-REPO-001",
            PATH,
            format!("Repository names are 2–256 characters long; this one has {len}."),
        );
    } else if !patterns::is_repository_name(name) {
        f.error("ECR-REPO-001", PATH, name_problem(name));
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        f.warning(
            "ECR-REPO-002",
            PATH,
            "The API accepts a leading digit, but the ECR docs say names start with a letter; prefer a letter.",
        );
    }
    if ctx.repository_exists == Some(true) {
        f.error(
            "ECR-REPO-003",
            PATH,
            format!(
                "A repository named `{name}` already exists in this registry; pick another name."
            ),
        );
    }
    if let Some(prefix) = ctx
        .pull_through_cache_prefixes
        .iter()
        .find(|p| name.starts_with(&format!("{}/", p.trim_end_matches('/'))))
    {
        f.warning(
            "ECR-REPO-004",
            PATH,
            format!("This name falls under pull-through cache prefix `{prefix}/`; images will be fetched from the upstream registry."),
        );
    }
}

/// Explains the first thing wrong with a name that fails the ECR pattern.
fn name_problem(name: &str) -> String {
    let rule = "Use lowercase letters and digits, separated by `.`, `_`, `__`, `-` or `/`.";
    if let Some(c) = name.chars().find(|c| c.is_ascii_uppercase()) {
        return format!("Repository names are lowercase: `{c}` is not allowed. {rule}");
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "._-/".contains(*c)))
    {
        return format!("`{c}` is not allowed in a repository name. {rule}");
    }
    let first = name.chars().next().unwrap_or(' ');
    let last = name.chars().last().unwrap_or(' ');
    if "._-/".contains(first) || "._-/".contains(last) {
        return format!("A repository name must start and end with a letter or digit. {rule}");
    }
    if name.contains("//") {
        return format!("Namespaces are separated by a single `/`. {rule}");
    }
    format!("Separators cannot be combined like this (`...`, `._`, `-.`, `/-`). {rule}")
}

fn check_registry_and_tags(repo: &CreateRepository, f: &mut Findings) {
    if let Some(id) = repo.registry_id.as_deref() {
        if !patterns::is_registry_id(id) {
            f.error(
                "ECR-REPO-005",
                "registryId",
                "registryId must be a 12-digit AWS account ID (or leave it out for your own account).",
            );
        }
    }
    let Some(tags) = repo.tags.as_deref() else {
        return;
    };
    if tags.len() > 50 {
        f.error(
            "ECR-REPO-006",
            "tags",
            format!(
                "At most 50 tags per repository; this request has {}.",
                tags.len()
            ),
        );
    }
    for (i, tag) in tags.iter().enumerate() {
        let key_len = tag.key.as_deref().map_or(0, |k| k.chars().count());
        if !(1..=128).contains(&key_len) {
            f.error(
                "ECR-REPO-006",
                &format!("tags[{i}].Key"),
                "Tag keys are 1–128 characters.",
            );
        }
        if tag.value.as_deref().map_or(0, |v| v.chars().count()) > 256 {
            f.error(
                "ECR-REPO-006",
                &format!("tags[{i}].Value"),
                "Tag values are at most 256 characters.",
            );
        }
    }
}

fn check_mutability(repo: &CreateRepository, ctx: &Context, f: &mut Findings) {
    const PATH: &str = "imageTagMutability";
    const FILTERS: &str = "imageTagMutabilityExclusionFilters";
    let mutability = repo.mutability();
    if !TAG_MUTABILITIES.contains(&mutability) {
        f.error(
            "ECR-MUT-001",
            PATH,
            format!("`{mutability}` is not a tag mutability: use MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION."),
        );
        return;
    }
    let with_exclusion = mutability.ends_with("_WITH_EXCLUSION");
    match (&repo.image_tag_mutability_exclusion_filters, with_exclusion) {
        (Some(filters), false) if !filters.is_empty() => f.error(
            "ECR-MUT-003",
            FILTERS,
            format!("Exclusion filters go with the *_WITH_EXCLUSION settings only; remove them or choose {mutability}_WITH_EXCLUSION."),
        ),
        (None, true) => f.error(
            "ECR-MUT-003",
            FILTERS,
            format!("{mutability} needs at least one exclusion filter (a tag pattern such as `latest` or `dev-*`)."),
        ),
        _ => {}
    }
    if let Some(filters) = repo.image_tag_mutability_exclusion_filters.as_deref() {
        if with_exclusion && !(1..=5).contains(&filters.len()) {
            f.error(
                "ECR-MUT-002",
                FILTERS,
                format!(
                    "Provide between 1 and 5 exclusion filters; there are {}.",
                    filters.len()
                ),
            );
        }
        for (i, filter) in filters.iter().enumerate() {
            if filter.filter_type.as_deref().unwrap_or("") != "WILDCARD" {
                f.error(
                    "ECR-MUT-004",
                    &format!("{FILTERS}[{i}].filterType"),
                    "Exclusion filters must have filterType WILDCARD.",
                );
            }
            let value = filter.filter.as_deref().unwrap_or("");
            if !patterns::is_exclusion_filter(value) {
                f.error(
                    "ECR-MUT-004",
                    &format!("{FILTERS}[{i}].filter"),
                    "Exclusion filters are wildcard patterns of 1–128 characters from `0-9 a-z A-Z . _ * -` (for example `latest` or `release-*`).",
                );
            }
        }
    }
    if mutability == "IMMUTABLE" {
        f.warning(
            "ECR-MUT-005",
            PATH,
            "With immutable tags, pushing the same tag twice (such as `latest`) fails with ImageTagAlreadyExistsException: tag each build uniquely, or exclude such tags with IMMUTABLE_WITH_EXCLUSION.",
        );
    }
    let cached = repo.repository_name.as_deref().is_some_and(|name| {
        ctx.pull_through_cache_prefixes
            .iter()
            .any(|p| name.starts_with(&format!("{}/", p.trim_end_matches('/'))))
    });
    if cached && mutability.starts_with("IMMUTABLE") {
        f.warning(
            "ECR-MUT-006",
            PATH,
            "This repository is filled by a pull-through cache rule; with immutable tags ECR may be unable to refresh cached images.",
        );
    }
}

fn check_scanning(repo: &CreateRepository, f: &mut Findings) {
    let scan_on_push = repo
        .image_scanning_configuration
        .as_ref()
        .and_then(|c| c.scan_on_push);
    if scan_on_push == Some(true) {
        f.warning(
            "ECR-SCAN-001",
            "imageScanningConfiguration.scanOnPush",
            "Repository-level scan on push is deprecated, and registry-level scanning settings supersede it; prefer configuring scanning for the whole registry.",
        );
    }
}

fn check_encryption(repo: &CreateRepository, ctx: &Context, f: &mut Findings) {
    let Some(enc) = repo.encryption_configuration.as_ref() else {
        return;
    };
    let kind = enc.encryption_type.as_deref();
    match kind {
        Some(t) if ENCRYPTION_TYPES.contains(&t) => {}
        other => f.error(
            "ECR-ENC-001",
            "encryptionConfiguration.encryptionType",
            match other {
                Some(t) => format!("`{t}` is not an encryption type: use AES256, KMS or KMS_DSSE."),
                None => "Choose an encryption type: AES256, KMS or KMS_DSSE.".to_string(),
            },
        ),
    }
    const KEY: &str = "encryptionConfiguration.kmsKey";
    let uses_kms = matches!(kind, Some("KMS") | Some("KMS_DSSE"));
    if let Some(key) = enc.kms_key.as_deref() {
        if !uses_kms {
            f.error(
                "ECR-ENC-002",
                KEY,
                "A KMS key can only be used with KMS or KMS_DSSE encryption; remove it or switch the encryption type.",
            );
        }
        let len = key.chars().count();
        if !(1..=2048).contains(&len) {
            f.error(
                "ECR-ENC-003",
                KEY,
                "A KMS key id or ARN is 1–2048 characters.",
            );
        } else if let (Some(key_region), Some(region)) = (arn_region(key), ctx.region.as_deref()) {
            if key_region != region {
                f.error(
                    "ECR-ENC-003",
                    KEY,
                    format!("The KMS key is in {key_region}, but the repository is in {region}: use a key from the same Region."),
                );
            }
        }
    }
    if uses_kms {
        f.warning(
            "ECR-ENC-005",
            "encryptionConfiguration",
            "Deleting a KMS-encrypted repository needs kms:RetireGrant, and revoking the grants ECR creates makes its images unreadable.",
        );
    }
}

/// The Region of an ARN (`arn:aws:kms:eu-west-1:…` → `eu-west-1`).
fn arn_region(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    (parts.next()? == "arn").then_some(())?;
    let _partition = parts.next()?;
    let _service = parts.next()?;
    parts.next().filter(|r| !r.is_empty())
}
