//! Command-line flags and their environment variables (product.md's names).

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Flags shared by every subcommand (`serve` is the default).
#[derive(Args, Clone, Debug)]
pub struct GlobalArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(
        long,
        env = "BERTH_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Where the SQLite file and other local state live.
    #[arg(long, env = "BERTH_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// Database URL: sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB (several replicas share
    /// one Postgres) [default: sqlite://<data-dir>/berth.db].
    #[arg(long, env = "BERTH_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Point AWS at a local moto server (default when no AWS credentials are configured).
    #[arg(long, env = "BERTH_SANDBOX", global = true,
        value_parser = clap::builder::BoolishValueParser::new())]
    pub sandbox: bool,
    /// The URL users reach Berth at [default: http://<addr>]; https:// turns on Secure cookies.
    #[arg(long, env = "BERTH_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// The built site (pkg/ and public assets) [default: $LEPTOS_SITE_ROOT, <exe dir>/../site, else target/site].
    #[arg(long, env = "BERTH_SITE_ROOT", global = true)]
    pub site_root: Option<PathBuf>,
    /// A managed policy ARN every role Berth creates gets as its permissions boundary.
    #[arg(long, env = "BERTH_ROLE_PERMISSIONS_BOUNDARY", global = true)]
    pub role_permissions_boundary: Option<String>,
    /// Log format: text or json.
    #[arg(long, env = "BERTH_LOG_FORMAT", default_value = "text", global = true)]
    pub log_format: String,
}

impl GlobalArgs {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("berth.db").display()))
    }

    pub fn site_root(&self) -> PathBuf {
        if let Some(root) = &self.site_root {
            return root.clone();
        }
        // `cargo leptos watch` says where it built the site.
        if let Some(root) = std::env::var_os("LEPTOS_SITE_ROOT").filter(|r| !r.is_empty()) {
            return PathBuf::from(root);
        }
        let beside_exe = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent()?.parent().map(|p| p.join("site")));
        match beside_exe {
            Some(dir) if dir.join("pkg").is_dir() => dir,
            _ => PathBuf::from("target/site"),
        }
    }

    /// The public URL without a trailing slash (the bound address fills in port 0).
    pub fn public_url(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_string()
    }
}

/// True when AWS credentials are configured in the environment or in `~/.aws` files. Never
/// touches the network (in particular never the instance-metadata address).
pub fn aws_credentials_configured() -> bool {
    let env_set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if [
        "AWS_ACCESS_KEY_ID",
        "AWS_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ]
    .iter()
    .any(|k| env_set(k))
    {
        return true;
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let file = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".aws").join(default)))
    };
    [
        file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        file("AWS_CONFIG_FILE", "config"),
    ]
    .into_iter()
    .flatten()
    .any(|p| p.is_file())
}

/// A permissions boundary must be a managed policy ARN (`arn:aws:iam::123456789012:policy/…`
/// or an AWS-managed `arn:aws:iam::aws:policy/…`).
pub fn check_boundary_arn(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[3].is_empty()
        && (parts[4] == "aws"
            || (parts[4].len() == 12 && parts[4].bytes().all(|b| b.is_ascii_digit())))
        && parts[5].strip_prefix("policy/").is_some_and(|name| {
            !name.is_empty()
                && name.len() <= 512
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-/".contains(&b))
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "--role-permissions-boundary / BERTH_ROLE_PERMISSIONS_BOUNDARY `{arn}` is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)"
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn boundaries_are_managed_policy_arns() {
        assert!(
            super::check_boundary_arn("arn:aws:iam::123456789012:policy/berth-boundary").is_ok()
        );
        assert!(super::check_boundary_arn("arn:aws:iam::aws:policy/PowerUserAccess").is_ok());
        assert!(super::check_boundary_arn("arn:aws:iam::123456789012:role/x").is_err());
        assert!(super::check_boundary_arn("berth-boundary").is_err());
    }
}
