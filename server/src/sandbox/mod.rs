//! Sandbox mode: a local moto server stands in for AWS, seeded with a demo account.
//!
//! Berth starts moto itself (unless `AWS_ENDPOINT_URL` already points somewhere), on a free
//! loopback port, and stops it when Berth stops — moto also dies with Berth if Berth is
//! killed (Linux parent-death signal).

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

const SEED_SCRIPT: &str = include_str!("seed_demo.py");

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("moto_server not found at {0}: run scripts/setup.sh, or set BERTH_MOTO")]
    MotoMissing(PathBuf),
    #[error("could not start moto: {0}")]
    Spawn(std::io::Error),
    #[error("moto did not start listening on {0} within 60 s")]
    NotReady(SocketAddr),
    #[error("seeding the demo account failed: {0}")]
    Seed(String),
}

/// The `moto_server` to run: `BERTH_MOTO`, else the venv `scripts/setup.sh` creates.
pub fn moto_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("BERTH_MOTO").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("BERTH_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|c| PathBuf::from(c).join("berth")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/berth")))
        .unwrap_or_else(|| PathBuf::from(".cache/berth"));
    cache.join("venv/bin/moto_server")
}

/// A moto server child process; killed when dropped.
pub struct Moto {
    child: Child,
    pub endpoint: String,
}

impl Moto {
    /// Starts moto on a free loopback port and waits until it accepts connections.
    pub async fn start(binary: &Path, log_dir: &Path) -> Result<Moto, SandboxError> {
        if !binary.is_file() {
            return Err(SandboxError::MotoMissing(binary.to_path_buf()));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(SandboxError::Spawn)?
            .port();
        let _ = std::fs::create_dir_all(log_dir);
        let log = std::fs::File::create(log_dir.join("moto.log"))
            .map(Stdio::from)
            .unwrap_or_else(|_| Stdio::null());
        let mut cmd = Command::new(binary);
        cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .kill_on_drop(true);
        #[cfg(target_os = "linux")]
        // SAFETY: prctl is async-signal-safe; it only asks the kernel to signal this child
        // when its parent exits.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(SandboxError::Spawn)?;
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(60);
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            if Instant::now() > deadline {
                return Err(SandboxError::NotReady(addr));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(Moto {
            child,
            endpoint: format!("http://{addr}"),
        })
    }

    /// Stops moto and waits for it to exit.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Seeds the demo account at `endpoint` (no-op when it is already seeded), using the Python
/// next to `moto_binary` (the venv's, which has boto3).
pub async fn seed(moto_binary: &Path, endpoint: &str) -> Result<String, SandboxError> {
    let python = moto_binary
        .parent()
        .map(|d| d.join("python"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("python3"));
    let mut child = Command::new(python)
        .arg("-")
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| SandboxError::Seed(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        use tokio::io::AsyncWriteExt;
        stdin
            .write_all(SEED_SCRIPT.as_bytes())
            .await
            .map_err(|e| SandboxError::Seed(e.to_string()))?;
    }
    let out = child
        .wait_with_output()
        .await
        .map_err(|e| SandboxError::Seed(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("no output").to_string();
        return Err(SandboxError::Seed(last));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}
