//! `berth users add NAME --role ROLE... [--team T]... --password-stdin`

use backend::auth::users::NewUser;
use backend::auth::Role;
use backend::db::Db;
use clap::{Args, Subcommand};
use std::io::BufRead;

#[derive(Subcommand, Debug)]
pub enum UsersCommand {
    /// Create a user (and any missing teams); the password is read from stdin.
    Add(AddArgs),
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The user name.
    pub name: String,
    /// One or more of viewer, deployer, approver, admin (repeat or comma-separate).
    #[arg(long = "role", required = true, num_args = 1.., value_delimiter = ',')]
    pub roles: Vec<String>,
    /// Teams the user belongs to (repeat or comma-separate).
    #[arg(long = "team", num_args = 1.., value_delimiter = ',')]
    pub teams: Vec<String>,
    /// Read the password from the first line of standard input.
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

/// Exit code 0 on success, 1 on any problem (message on stderr).
pub async fn run(command: UsersCommand, database_url: &str) -> i32 {
    let UsersCommand::Add(args) = command;
    let mut roles = Vec::new();
    for r in &args.roles {
        match Role::parse(r.trim()) {
            Some(role) => roles.push(role),
            None => {
                eprintln!("error: unknown role `{r}` (use viewer, deployer, approver or admin)");
                return 1;
            }
        }
    }
    let mut password = String::new();
    if std::io::stdin().lock().read_line(&mut password).is_err() {
        eprintln!("error: could not read the password from stdin");
        return 1;
    }
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    let db = match Db::connect(database_url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let new = NewUser {
        name: args.name,
        roles,
        teams: args.teams,
        password,
    };
    match backend::services::auth::add_user(&db, &new).await {
        Ok(user) => {
            println!(
                "created user {} (roles: {}; teams: {})",
                user.name,
                user.info().roles.join(", "),
                if user.teams.is_empty() {
                    "none".into()
                } else {
                    user.teams.join(", ")
                }
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
