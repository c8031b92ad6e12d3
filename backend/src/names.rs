//! Names taken from URLs (path and query parameters), checked against AWS's grammar for their
//! kind before authorization or any AWS call.
//!
//! Why it exists: a name from a URL reaches IAM, ECS, ECR and the audit log. Checked here,
//! an encoded `/`, a `..` segment, a control character or an over-long name is a 400 naming
//! the parameter — never an AWS error, never a spoofed audit entry.

use crate::ServiceError;
use validate::ecs::names::{is_ecs_name, is_role_name};
use validate::patterns::is_repository_name;

fn bad(parameter: &str, value: &str, rule: &str) -> ServiceError {
    let shown: String = value.chars().take(80).collect();
    ServiceError::BadRequest(format!(
        "`{parameter}` `{}` is not valid: {rule}",
        shown.escape_debug()
    ))
}

/// A task definition family: `[A-Za-z0-9_-]{1,255}`.
pub fn family<'a>(parameter: &str, value: &'a str) -> Result<&'a str, ServiceError> {
    if is_ecs_name(value) {
        Ok(value)
    } else {
        Err(bad(
            parameter,
            value,
            "use 1–255 letters, digits, `-` and `_`",
        ))
    }
}

/// A family prefix filter: like a family, or empty.
pub fn family_prefix<'a>(parameter: &str, value: &'a str) -> Result<&'a str, ServiceError> {
    if value.is_empty() {
        Ok(value)
    } else {
        family(parameter, value)
    }
}

/// A revision number (or another numeric id): a positive whole number up to 2³¹−1, as ECS
/// numbers revisions.
pub fn revision(parameter: &str, value: &str) -> Result<i64, ServiceError> {
    let digits =
        !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit());
    value
        .parse::<i64>()
        .ok()
        .filter(|r| digits && (1..=i64::from(i32::MAX)).contains(r))
        .ok_or_else(|| bad(parameter, value, "use a whole number from 1 to 2147483647"))
}

/// An IAM role name: `[\w+=,.@-]{1,64}`.
pub fn role<'a>(parameter: &str, value: &'a str) -> Result<&'a str, ServiceError> {
    if is_role_name(value) {
        Ok(value)
    } else {
        Err(bad(
            parameter,
            value,
            "use 1–64 letters, digits and `+=,.@_-`",
        ))
    }
}

/// An ECR repository name: 2–256 characters, lowercase components joined by `/`, no empty
/// or dot segments.
pub fn repository<'a>(parameter: &str, value: &'a str) -> Result<&'a str, ServiceError> {
    if (2..=256).contains(&value.len()) && is_repository_name(value) {
        Ok(value)
    } else {
        Err(bad(
            parameter,
            value,
            "use 2–256 lowercase letters and digits in `/`-separated parts, each part joined by `.`, `_` or `-`",
        ))
    }
}

/// A page token handed back by a list call: printable ASCII, at most `max` characters (AWS's
/// tokens are opaque but never contain anything else).
pub fn page_token(
    parameter: &str,
    value: Option<String>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    match value {
        None => Ok(None),
        Some(t) if t.is_empty() => Ok(None),
        Some(t) if t.len() <= max && t.bytes().all(|b| (0x21..0x7f).contains(&b)) => Ok(Some(t)),
        Some(t) => Err(bad(
            parameter,
            &t,
            "pass back the token a previous page returned",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_refused_naming_the_parameter() {
        for bad_family in [
            "",
            "demo/web",
            "demo web",
            "..",
            "demo%2Fweb",
            "dé",
            &"a".repeat(256),
            "a\u{0}",
        ] {
            let err = family("family", bad_family).unwrap_err();
            assert_eq!(err.status(), 400);
            assert!(err.to_string().contains("`family`"), "{err}");
        }
        assert_eq!(family("family", "demo-web_2").unwrap(), "demo-web_2");
        for bad_rev in [
            "0",
            "-1",
            "1.5",
            "+1",
            "01x",
            "99999999999",
            "2147483648",
            "",
        ] {
            assert!(revision("revision", bad_rev).is_err(), "{bad_rev}");
        }
        assert_eq!(revision("revision", "12").unwrap(), 12);
        for bad_role in ["", "a/b", "a b", "../x", &"r".repeat(65), "r\n"] {
            assert!(role("name", bad_role).is_err(), "{bad_role:?}");
        }
        assert!(role("name", "demo-web+exec=,.@_").is_ok());
        for bad_repo in [
            "",
            "a",
            "demo//web",
            "demo/../web",
            "demo/./web",
            "/demo",
            "demo/",
            "Demo/web",
            "demo/web\u{7f}",
        ] {
            assert!(repository("name", bad_repo).is_err(), "{bad_repo:?}");
        }
        assert!(repository("name", "demo/web.app_x").is_ok());
        assert!(page_token("nextToken", Some("a b".into()), 100).is_err());
        assert_eq!(page_token("nextToken", Some("".into()), 100).unwrap(), None);
    }
}
