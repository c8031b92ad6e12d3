//! The `team_members` table: which teams a user belongs to.

use sqlx::AnyConnection;

/// Adds the user to the team called `team` (which must exist).
pub async fn insert(conn: &mut AnyConnection, user_id: i64, team: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO team_members (user_id, team_id) SELECT $1, id FROM teams WHERE name = $2",
    )
    .bind(user_id)
    .bind(team)
    .execute(conn)
    .await?;
    Ok(())
}
