//! API tokens against a real database (either engine): a use marks the token used, but a token used
//! again within a minute does not write again (a polling pipeline must not turn every read
//! into a database write).

use backend::auth::users::{self, NewUser};
use backend::auth::{tokens, Role};
use backend::db::Db;

async fn last_used(db: &Db, id: i64) -> Option<i64> {
    use sqlx::Row;
    sqlx::query("SELECT last_used_at FROM api_tokens WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .try_get("last_used_at")
        .unwrap()
}

async fn set_last_used(db: &Db, id: i64, at: i64) {
    sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&db.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn last_used_is_written_at_most_once_a_minute() {
    let db = backend::testing::fresh_db("tokens").await;
    let user = users::create(
        &db,
        &NewUser {
            name: "ci".into(),
            roles: vec![Role::Deployer],
            teams: vec!["demo".into()],
            password: "a-long-enough-password".into(),
        },
    )
    .await
    .unwrap();
    let token = tokens::create(&db, user.id, "pipeline", 1).await.unwrap();

    let (user_id, id) = tokens::resolve(&db, &token).await.unwrap().unwrap();
    assert_eq!(user_id, user.id);
    let first = last_used(&db, id).await.expect("the first use is recorded");

    // Pretend the first use was 30 s ago: a use now is within the resolution, no write.
    let thirty_s_ago = first - 30_000;
    set_last_used(&db, id, thirty_s_ago).await;
    tokens::resolve(&db, &token).await.unwrap().unwrap();
    assert_eq!(last_used(&db, id).await, Some(thirty_s_ago));

    // Older than the resolution: the use is written.
    let stale = first - tokens::LAST_USED_RESOLUTION_MS - 1;
    set_last_used(&db, id, stale).await;
    tokens::resolve(&db, &token).await.unwrap().unwrap();
    assert!(last_used(&db, id).await.unwrap() >= first);

    assert!(tokens::resolve(&db, "berth_not-a-token")
        .await
        .unwrap()
        .is_none());
}
