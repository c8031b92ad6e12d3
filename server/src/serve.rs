//! `berth serve`: wires configuration, database, AWS clients, the sandbox, sessions and the
//! router together, then serves until SIGINT/SIGTERM.

use crate::config::{aws_credentials_configured, GlobalArgs};
use crate::sandbox::{self, Moto};
use crate::state::{ServerState, WebSettings};
use axum::serve::ListenerExt;
use backend::aws::{self, AwsTarget, SdkEcr, SdkEcs, SdkIam, SdkSts};
use backend::db::Db;
use backend::services::health::Health;
use backend::{AppState, Settings};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub async fn run(args: GlobalArgs) -> Result<(), BoxError> {
    let boundary = args
        .role_permissions_boundary
        .clone()
        .filter(|b| !b.trim().is_empty());
    if let Some(arn) = &boundary {
        crate::config::check_boundary_arn(arn)?;
    }
    let db = Db::connect(&args.database_url()).await?;
    for team in backend::auth::users::invalid_teams(&db).await? {
        tracing::warn!(team = %team.escape_debug(), "a stored team name does not fit the team grammar (^[a-z][a-z0-9]{{1,31}}$): membership in it grants nothing; move its users to a valid team");
    }

    // Sandbox: explicit, or the default when no AWS credentials are configured anywhere.
    let sandbox_mode = args.sandbox || !aws_credentials_configured();
    let mut moto: Option<Moto> = None;
    let mut target = AwsTarget::default();
    if sandbox_mode {
        // SAFETY: single-threaded start-up code; nothing else reads the environment yet.
        unsafe { std::env::set_var("AWS_EC2_METADATA_DISABLED", "true") };
        let moto_binary = sandbox::moto_binary();
        let endpoint = match std::env::var("AWS_ENDPOINT_URL")
            .ok()
            .filter(|u| !u.is_empty())
        {
            Some(url) => url,
            None => {
                let started = Moto::start(&moto_binary, &args.data_dir).await?;
                let url = started.endpoint.clone();
                moto = Some(started);
                url
            }
        };
        tracing::info!(%endpoint, "sandbox mode: AWS is a local moto server");
        match sandbox::seed(&moto_binary, &endpoint).await {
            Ok(summary) => tracing::info!(%summary, "sandbox seed"),
            Err(e) => {
                tracing::warn!(error = %e, "sandbox seed failed; continuing with an empty account")
            }
        }
        target = AwsTarget {
            endpoint_url: Some(endpoint),
            sandbox: true,
        };
    }
    let sdk = aws::load_config(&target).await;
    let region = sdk
        .region()
        .map_or(aws::DEFAULT_REGION.to_string(), |r| r.to_string());
    let sts: Arc<dyn aws::StsApi> = Arc::new(SdkSts::new(&sdk));
    let health = Arc::new(Health::default());
    let prober = health.spawn_prober(Arc::clone(&sts));
    let app_state = AppState {
        db: db.clone(),
        ecr: Arc::new(SdkEcr::new(&sdk)),
        ecs: Arc::new(SdkEcs::new(&sdk)),
        iam: Arc::new(SdkIam::new(&sdk)),
        sts,
        settings: Arc::new(Settings {
            region,
            sandbox: sandbox_mode,
            role_permissions_boundary: boundary,
        }),
        health,
        cache: backend::cache::ReadCache::default(),
    };

    // Admin bootstrap: the password goes to stdout once, never to the log.
    let admin_password = std::env::var("BERTH_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let teams = if sandbox_mode {
        vec!["demo".to_string()]
    } else {
        Vec::new()
    };
    if let Some(password) =
        backend::services::auth::bootstrap_admin(&db, admin_password, teams).await?
    {
        println!("admin user created: username admin, password {password}");
    }

    // Sessions live in the database, so they survive restarts.
    let store = db.session_store().await?;
    // Background work that must survive restarts and run once across replicas is a durable
    // job (backend::jobs); expired-session deletion is the first.
    backend::jobs::ensure_recurring(&db, backend::jobs::session_cleanup::job()).await?;
    let worker = backend::jobs::Worker::new(db.clone()).register(
        backend::jobs::session_cleanup::SessionCleanup(store.clone()),
    );
    tracing::info!(owner = worker.owner(), "job worker started");
    let jobs = worker.spawn();

    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let bound = listener.local_addr()?;
    // Responses larger than one segment would otherwise wait ~40 ms on a kept-alive
    // connection (Nagle's algorithm meeting the client's delayed ACK).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    let public_url = args.public_url(bound);
    let sessions = SessionManagerLayer::new(store)
        .with_name("berth_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(public_url.starts_with("https://"))
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(12)));

    let site_root = args.site_root();
    if !site_root.join("pkg").is_dir() {
        tracing::warn!(site_root = %site_root.display(), "no built site here: pages will load without their script and styles (run scripts/build-site.sh)");
    }
    let leptos_options = LeptosOptions::builder()
        .output_name("berth")
        .site_root(site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(bound)
        .env(leptos::config::Env::PROD)
        .build();
    let state = ServerState {
        leptos_options,
        app: app_state,
        web: WebSettings {
            public_origin: origin_of(&public_url),
            https: public_url.starts_with("https://"),
        },
    };
    let web = state.web.clone();
    let router = crate::web::with_security_headers(crate::web::router(state).layer(sessions), &web)
        .layer(TraceLayer::new_for_http());

    println!("listening on http://{bound}");
    tracing::info!(%public_url, sandbox = sandbox_mode, "Berth is up");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;

    tracing::info!("shutting down");
    prober.abort();
    jobs.abort();
    if let Some(moto) = moto {
        moto.stop().await;
    }
    Ok(())
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}")
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
