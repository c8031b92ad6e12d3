//! Test harness: one real moto server per test binary, and real `berth` processes (each with
//! its own data directory and database) on random loopback ports.
//!
//! The database engine is the run's (`BERTH_TEST_ENGINE`, see `backend::testing`): SQLite in
//! the data directory, or a fresh Postgres database per data directory on the test cluster —
//! its URL kept in the directory, so a restarted `berth` (or `berth users add`) on the same
//! directory finds the same database.

#![allow(dead_code)] // each test binary uses a different part of the harness

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "integration-admin-pw";

/// The `moto_server` the setup script installs (or `BERTH_MOTO`).
pub fn moto_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("BERTH_MOTO") {
        return PathBuf::from(p);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let cache = std::env::var_os("BERTH_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".cache/berth"));
    cache.join("venv/bin/moto_server")
}

/// The shared moto endpoint, started on first use by a thread that lives as long as the test
/// process (so the parent-death signal only fires when the tests end).
pub fn moto() -> &'static str {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let port = free_port();
            let mut cmd = Command::new(moto_binary());
            cmd.args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            die_with_parent(&mut cmd);
            let child = cmd
                .spawn()
                .expect("moto_server starts (run scripts/setup.sh)");
            let endpoint = format!("http://127.0.0.1:{port}");
            wait_for_port(port, Duration::from_secs(60));
            tx.send(endpoint).unwrap();
            let _keep = child;
            loop {
                std::thread::park();
            }
        });
        rx.recv().expect("moto endpoint")
    })
}

fn die_with_parent(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, limit: Duration) {
    let deadline = Instant::now() + limit;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "port {port} never opened");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A temporary directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "berth-test-{tag}-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `BERTH_DATABASE_URL` for `data_dir` on this run's engine (`None`: SQLite in the
/// directory, Berth's default).
/// A test that needs a particular database (two replicas on one Postgres) writes its URL
/// into the directory first ([`use_database`]).
pub fn database_url(data_dir: &Path) -> Option<String> {
    let file = data_dir.join("test-database-url");
    if let Ok(url) = std::fs::read_to_string(&file) {
        return Some(url);
    }
    if backend::testing::engine() == backend::db::Engine::Sqlite {
        return None;
    }
    std::fs::create_dir_all(data_dir).unwrap();
    let url = backend::testing::fresh_postgres_url_blocking("server");
    std::fs::write(&file, &url).unwrap();
    Some(url)
}

/// Makes `berth` processes on `data_dir` use the database at `url`.
pub fn use_database(data_dir: &Path, url: &str) {
    std::fs::write(data_dir.join("test-database-url"), url).unwrap();
}

/// Points `cmd` at `data_dir` and its database.
pub fn with_database(cmd: &mut Command, data_dir: &Path) {
    cmd.env("BERTH_DATA_DIR", data_dir);
    match database_url(data_dir) {
        Some(url) => cmd.env("BERTH_DATABASE_URL", url),
        None => cmd.env_remove("BERTH_DATABASE_URL"),
    };
}

/// A running `berth serve` (killed on drop).
pub struct Berth {
    child: Child,
    pub url: String,
    pub data_dir: PathBuf,
}

impl Drop for Berth {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serialises start-ups: the first one seeds the shared moto account.
static STARTUP: Mutex<()> = Mutex::new(());

impl Berth {
    /// Starts Berth in sandbox mode against the shared moto, with its own data directory.
    pub fn start(data_dir: &Path) -> Berth {
        Berth::start_with(data_dir, &[])
    }

    /// Like [`Berth::start`], with extra environment variables (`BERTH_PUBLIC_URL`, …).
    pub fn start_with(data_dir: &Path, env: &[(&str, &str)]) -> Berth {
        let _guard = STARTUP.lock().unwrap_or_else(|e| e.into_inner());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_berth"));
        with_database(&mut cmd, data_dir);
        let mut child = cmd
            .arg("serve")
            .env("BERTH_ADDR", "127.0.0.1:0")
            .env("BERTH_SANDBOX", "true")
            .env("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("AWS_ENDPOINT_URL", moto())
            .env("BERTH_MOTO", moto_binary())
            .env("RUST_LOG", "warn")
            .env_remove("BERTH_ROLE_PERMISSIONS_BOUNDARY")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("berth starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("berth printed its address before exiting")
                .unwrap();
            if let Some(url) = line.strip_prefix("listening on ") {
                break url.trim().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Berth {
            child,
            url,
            data_dir: data_dir.to_path_buf(),
        }
    }

    pub fn client(&self) -> Client {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Client {
            base: self.url.clone(),
            http: reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar,
        }
    }

    /// A client signed in as a new user with these roles and teams (created with
    /// `berth users add`).
    pub async fn user(&self, name: &str, roles: &str, teams: &str) -> Client {
        let password = format!("{name}-password-123");
        let out = self.add_user(name, roles, teams, &password);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let c = self.client();
        let (status, body) = c.login(name, &password).await;
        assert_eq!(status, 200, "{body}");
        c
    }

    /// A client already signed in as `admin`.
    pub async fn admin(&self) -> Client {
        let c = self.client();
        let (status, body) = c.login("admin", ADMIN_PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        c
    }

    /// Runs `berth users add` against this instance's database.
    pub fn add_user(
        &self,
        name: &str,
        roles: &str,
        teams: &str,
        password: &str,
    ) -> std::process::Output {
        add_user(&self.data_dir, name, roles, teams, password)
    }
}

pub fn add_user(
    data_dir: &Path,
    name: &str,
    roles: &str,
    teams: &str,
    password: &str,
) -> std::process::Output {
    use std::io::Write;
    let mut args = vec!["users", "add", name, "--role", roles, "--password-stdin"];
    if !teams.is_empty() {
        args.extend(["--team", teams]);
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_berth"));
    with_database(&mut cmd, data_dir);
    let mut child = cmd
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
    child.wait_with_output().unwrap()
}

/// A small JSON client with a cookie jar.
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: std::sync::Arc<reqwest::cookie::Jar>,
}

impl Client {
    /// The `Cookie` header this client would send to its Berth.
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        self.jar
            .cookies(&self.base.parse().unwrap())
            .map(|h| h.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

impl Client {
    pub async fn send(&self, req: reqwest::RequestBuilder) -> (u16, Value) {
        let res = req.send().await.expect("request reaches berth");
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, body)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.http.post(format!("{}{path}", self.base)).json(&body))
            .await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(self.http.put(format!("{}{path}", self.base)).json(&body))
            .await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.send(self.http.delete(format!("{}{path}", self.base)))
            .await
    }

    pub async fn login(&self, user: &str, password: &str) -> (u16, Value) {
        self.post(
            "/api/v1/session",
            json!({"username": user, "password": password}),
        )
        .await
    }
}

/// SDK configuration pointing straight at moto (to check what Berth did).
async fn moto_config() -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(moto())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_ecr::config::Credentials::new(
            "testing", "testing", None, None, "test",
        ))
        .load()
        .await
}

/// An ECR client talking straight to moto.
pub async fn ecr() -> aws_sdk_ecr::Client {
    aws_sdk_ecr::Client::new(&moto_config().await)
}

/// An ECS client talking straight to moto (to check what Berth did).
pub async fn ecs() -> aws_sdk_ecs::Client {
    aws_sdk_ecs::Client::new(&moto_config().await)
}

/// An IAM client talking straight to moto.
pub async fn iam() -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(&moto_config().await)
}

/// A repository name unique to this test run.
/// Unique within this test process (a counter) and across processes (the pid and the start
/// time), so names never collide in the shared moto account — a free port alone can repeat.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    static START: OnceLock<u64> = OnceLock::new();
    let start = *START.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() % 100_000)
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix}-{}-{start}-{n}", std::process::id())
}
