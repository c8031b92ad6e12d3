//! The `teams` table: the teams that own AWS resources (by the `berth:team` tag and names).

use super::{now_ms, Db};
use sqlx::AnyConnection;

/// Creates the team unless it exists.
pub async fn insert_missing(conn: &mut AnyConnection, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO teams (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// Every team's name, sorted.
pub async fn names(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM teams ORDER BY name")
        .fetch_all(&db.pool)
        .await
}

/// True when a team of this name exists.
pub async fn exists(db: &Db, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM teams WHERE name = $1")
        .bind(name)
        .fetch_one(&db.pool)
        .await?;
    Ok(n > 0)
}
