//! `berth`: the console server (`serve`, the default), user administration and the validator.
#![recursion_limit = "512"]

mod cli;
mod config;
mod routes;
mod sandbox;
mod serve;
mod state;
mod static_files;
mod web;

use clap::{Parser, Subcommand};
use config::GlobalArgs;

/// Server-side rendering allocates and frees many small strings per page; mimalloc keeps
/// that off the glibc allocator's locks (measured with scripts/bench.sh, see README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "berth",
    version,
    about = "Ship containers to Amazon ECS safely."
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the web console and REST API (the default).
    Serve,
    /// Manage users.
    #[command(subcommand)]
    Users(cli::users::UsersCommand),
    /// Validate a JSON document; prints the findings, exits 0 (clean), 1 (errors), 2 (bad input).
    Validate(cli::validate::ValidateArgs),
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Validate(args)) => cli::validate::run(&args),
        Some(Command::Users(command)) => runtime().block_on(async {
            init_tracing(&cli.global.log_format, "warn");
            cli::users::run(command, &cli.global.database_url()).await
        }),
        None | Some(Command::Serve) => runtime().block_on(async {
            init_tracing(&cli.global.log_format, "info");
            match serve::run(cli.global).await {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            }
        }),
    };
    std::process::exit(code);
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Structured logs on stderr (stdout carries the bound URL and the one-time admin password).
fn init_tracing(format: &str, default_level: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(format!(
            "{default_level},aws_config=warn,aws_smithy_runtime=warn"
        ))
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
