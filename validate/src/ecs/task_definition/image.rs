//! Catalogue §2.8 — container image references (TD-IMG).

use super::{cname, cpath, Facts, TaskDefinition};
use crate::finding::Findings;
use crate::{patterns, Context};

/// An image reference split into its parts (`registry/path:tag@digest`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Registry host (with port), when the first component names one.
    pub domain: Option<&'a str>,
    pub path: &'a str,
    pub tag: Option<&'a str>,
    pub digest: Option<&'a str>,
}

/// Splits an image reference without judging it.
pub fn parse_image(image: &str) -> ImageRef<'_> {
    let (name_tag, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    // A tag follows the last ':' that comes after the last '/'.
    let slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[slash..].rfind(':') {
        Some(i) => (&name_tag[..slash + i], Some(&name_tag[slash + i + 1..])),
        None => (name_tag, None),
    };
    let (domain, path) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.')
                || first.contains(':')
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    ImageRef {
        domain,
        path,
        tag,
        digest,
    }
}

/// `(account, region)` when the image lives in a private ECR registry.
pub fn ecr_registry(image: &str) -> Option<(&str, &str)> {
    let domain = parse_image(image).domain?;
    let (account, rest) = domain.split_once(".dkr.ecr.")?;
    let region = rest
        .strip_suffix(".amazonaws.com")
        .or_else(|| rest.strip_suffix(".amazonaws.com.cn"))?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) && !region.is_empty())
        .then_some((account, region))
}

/// Whether the image is in a private ECR registry.
pub fn is_ecr_image(image: &str) -> bool {
    ecr_registry(image).is_some()
}

fn is_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (1..=128).contains(&tag.len())
        && tag.bytes().next().is_some_and(word)
        && tag.bytes().all(|b| word(b) || b == b'.' || b == b'-')
}

fn is_sha256_digest(d: &str) -> bool {
    d.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub(super) fn check(td: &TaskDefinition, facts: &Facts, _ctx: &Context, f: &mut Findings) {
    let mut role_reported = false;
    for (i, c) in facts.containers.iter().enumerate() {
        let p = format!("{}.image", cpath(i));
        let image = match c.image.as_deref() {
            Some(img) if !img.trim().is_empty() => img,
            _ => {
                f.error(
                    "TD-IMG-001",
                    &p,
                    format!("Container `{}` needs an image.", cname(c, i)),
                );
                continue;
            }
        };
        let r = parse_image(image);
        let before_digest = image.split('@').next().unwrap_or(image);
        if before_digest.len() > 255 {
            f.error(
                "TD-IMG-002",
                &p,
                "The image reference is too long: at most 255 characters (for digests, not counting the @sha256:… part).",
            );
        }
        if let Some(bad) = image
            .chars()
            .find(|ch| !(ch.is_ascii_alphanumeric() || "-_:./#@".contains(*ch)))
        {
            f.error(
                "TD-IMG-003",
                &p,
                format!("`{bad}` is not allowed in an image reference."),
            );
        }
        if let Some(d) = r.digest {
            if !is_sha256_digest(d) {
                f.error(
                    "TD-IMG-004",
                    &p,
                    "Only sha256 digests are supported, written as @sha256: followed by 64 hex characters.",
                );
            }
        }
        let grammar_ok = patterns::is_repository_name(r.path) && r.tag.is_none_or(is_tag);
        let ecr_name_bad = is_ecr_image(image) && !patterns::is_repository_name(r.path);
        if ecr_name_bad {
            f.error(
                "TD-IMG-006",
                &p,
                format!("The ECR repository part `{}` must follow ECR naming rules: lowercase letters and digits separated by `.`, `_`, `-` or `/`.", r.path),
            );
        } else if !grammar_ok {
            f.warning("TD-IMG-005", &p, "This does not look like a valid image reference (repository paths are lowercase; tags are at most 128 characters); pulls will fail.");
        }
        if r.tag.is_none() && r.digest.is_none() {
            f.warning(
                "TD-IMG-007",
                &p,
                "No tag is given, so `latest` is pulled; pin a tag or digest for repeatable deployments.",
            );
        }
        if (facts.fargate || facts.external)
            && is_ecr_image(image)
            && td.execution_role_arn.is_none()
            && !role_reported
        {
            role_reported = true;
            f.error(
                "TD-IMG-008",
                "executionRoleArn",
                format!("Pulling the private ECR image of container `{}` needs a task execution role; set executionRoleArn.", cname(c, i)),
            );
        }
        if let Some(v) = c.version_consistency.as_deref() {
            if !matches!(v, "enabled" | "disabled") {
                f.error(
                    "TD-IMG-011",
                    &format!("{}.versionConsistency", cpath(i)),
                    "versionConsistency must be enabled or disabled.",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_references() {
        let r = parse_image("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2@sha256:abc");
        assert_eq!(
            r.domain,
            Some("123456789012.dkr.ecr.us-east-1.amazonaws.com")
        );
        assert_eq!(
            (r.path, r.tag, r.digest),
            ("team/web", Some("1.2"), Some("sha256:abc"))
        );
        let r = parse_image("localhost:5000/app");
        assert_eq!(
            (r.domain, r.path, r.tag),
            (Some("localhost:5000"), "app", None)
        );
        let r = parse_image("httpd:2.4");
        assert_eq!((r.domain, r.path, r.tag), (None, "httpd", Some("2.4")));
        assert!(is_ecr_image(
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x"
        ));
        assert!(!is_ecr_image("public.ecr.aws/nginx/nginx"));
        assert!(
            patterns::is_name_component("a__b-c.d")
                && !patterns::is_name_component("a..b")
                && !patterns::is_name_component("A")
        );
    }
}
