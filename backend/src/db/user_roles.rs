//! The `user_roles` table: which of Berth's roles (admin, operator, viewer, …) a user holds.

use super::Db;
use sqlx::AnyConnection;

/// Grants `role` to the user.
pub async fn insert(conn: &mut AnyConnection, user_id: i64, role: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
        .bind(user_id)
        .bind(role)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many users hold `role`.
pub async fn count_holders(db: &Db, role: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM user_roles WHERE role = $1")
        .bind(role)
        .fetch_one(&db.pool)
        .await
}
