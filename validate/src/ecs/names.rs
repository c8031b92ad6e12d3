//! Name and tag formats shared by several ECS documents (catalogue §1.2), checked with plain
//! character tests rather than regexes (smaller in WASM, and `\p{…}` classes need no tables).

/// Task family, container, service and volume names: `^[A-Za-z0-9_-]{1,255}$`.
pub fn is_ecs_name(name: &str) -> bool {
    (1..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Port-mapping names and Service Connect discovery names: `^[a-z0-9_][a-z0-9_-]{0,63}$`.
pub fn is_port_name(name: &str) -> bool {
    let ok = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    (1..=64).contains(&name.len()) && !name.starts_with('-') && name.bytes().all(ok)
}

/// Service Connect client alias DNS names: `^[a-z0-9_.][a-z0-9_.-]{0,126}$`.
pub fn is_dns_alias(name: &str) -> bool {
    let ok =
        |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-' || b == b'.';
    (1..=127).contains(&name.len()) && !name.starts_with('-') && name.bytes().all(ok)
}

/// ECS/IAM tag characters: `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
pub fn is_tag_text(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_alphanumeric() || (c.is_whitespace() && !c.is_control()) || "_.:/=+-@".contains(c)
    })
}

/// An IAM role ARN: `arn:<partition>:iam::<12 digits>:role/<path/><name>`.
pub fn is_role_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() != 6 || parts[0] != "arn" || !parts[1].starts_with("aws") {
        return false;
    }
    let resource = parts[5];
    parts[2] == "iam"
        && parts[3].is_empty()
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && resource
            .strip_prefix("role/")
            .and_then(|r| r.rsplit('/').next())
            .is_some_and(is_role_name)
}

/// IAM role names: `^[\w+=,.@-]{1,64}$`.
pub fn is_role_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
}

/// Splits an ARN into its six fields (`arn`, partition, service, region, account, resource).
pub fn arn_parts(arn: &str) -> Option<[&str; 6]> {
    let mut it = arn.splitn(6, ':');
    let parts = [
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    ];
    (parts[0] == "arn" && parts[1].starts_with("aws")).then_some(parts)
}

/// A Secrets Manager secret ARN (`arn:aws:secretsmanager:<region>:<account>:secret:<name>…`).
pub fn is_secret_arn(arn: &str) -> bool {
    arn_parts(arn).is_some_and(|p| {
        p[2] == "secretsmanager"
            && !p[3].is_empty()
            && is_account(p[4])
            && p[5].strip_prefix("secret:").is_some_and(|n| !n.is_empty())
    })
}

/// An SSM parameter ARN (`arn:aws:ssm:<region>:<account>:parameter/<name>`).
pub fn is_parameter_arn(arn: &str) -> bool {
    arn_parts(arn).is_some_and(|p| {
        p[2] == "ssm"
            && !p[3].is_empty()
            && is_account(p[4])
            && p[5]
                .strip_prefix("parameter/")
                .is_some_and(|n| !n.is_empty())
    })
}

/// A bare SSM parameter name (`/app/db-password` or `db_password`).
pub fn is_parameter_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 2048
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b))
}

/// A 12-digit account id.
pub fn is_account(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_ecs_name("web_app-1") && !is_ecs_name("web app") && !is_ecs_name(""));
        assert!(is_port_name("http") && !is_port_name("-x") && !is_port_name("Http"));
        assert!(is_tag_text("Team A/b=c+d@e") && !is_tag_text("a;b"));
        assert!(is_role_arn(
            "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        ));
        assert!(is_role_arn("arn:aws:iam::123456789012:role/service/x"));
        assert!(!is_role_arn("ecsTaskExecutionRole"));
        assert!(!is_role_arn("arn:aws:iam::123:role/x"));
        assert!(is_secret_arn(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
        ));
        assert!(!is_secret_arn("arn:arn-1234"));
        assert!(is_parameter_arn(
            "arn:aws:ssm:us-east-1:123456789012:parameter/app/db"
        ));
        assert!(is_parameter_name("/app/db") && !is_parameter_name("a b"));
    }
}
