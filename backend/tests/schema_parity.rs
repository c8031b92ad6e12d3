//! The two engines' migrations describe one schema: the same tables, columns (type family,
//! nullability), primary keys, unique and foreign-key constraints (with their ON DELETE),
//! indexes and append-only triggers. Each engine's catalogue is read into lines such as
//! `column users.name text not null` and the two sets must be equal; a migration added to one
//! engine only fails here, naming the lines that differ.
//!
//! Needs the test cluster (`BERTH_TEST_POSTGRES_URL`, started by the README test command).

use backend::db::Engine;
use backend::testing::fresh_db_on;
use sqlx::Row;
use std::collections::BTreeSet;

/// `INTEGER`, `BIGINT`, `int8` … → `int`; `TEXT` → `text`.
fn type_family(t: &str) -> String {
    let t = t.to_ascii_lowercase();
    if t.contains("int") {
        "int".into()
    } else if t.contains("char") || t == "text" {
        "text".into()
    } else {
        t
    }
}

/// Tables Berth's migrations do not own.
fn foreign_table(name: &str) -> bool {
    name.starts_with("_sqlx") || name.starts_with("sqlite_") || name.starts_with("tower_sessions")
}

async fn sqlite_schema() -> BTreeSet<String> {
    let db = fresh_db_on(Engine::Sqlite, "parity").await;
    let pool = &db.pool;
    let mut out = BTreeSet::new();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    for t in tables.iter().filter(|t| !foreign_table(t)) {
        out.insert(format!("table {t}"));
        let mut pk: Vec<(i64, String)> = Vec::new();
        for c in sqlx::query(&format!(
            "SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('{t}')"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let name: String = c.get("name");
            let pk_pos: i64 = c.get("pk");
            // SQLite reports an INTEGER PRIMARY KEY as nullable; it never is.
            let not_null = c.get::<i64, _>("nn") == 1 || pk_pos > 0;
            out.insert(format!(
                "column {t}.{name} {}{}",
                type_family(&c.get::<String, _>("type")),
                if not_null { " not null" } else { "" }
            ));
            if pk_pos > 0 {
                pk.push((pk_pos, name));
            }
        }
        pk.sort();
        let pk: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
        out.insert(format!("primary key {t}({})", pk.join(",")));
        for ix in sqlx::query(&format!(
            "SELECT name, \"unique\" AS u, origin FROM pragma_index_list('{t}')"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let name: String = ix.get("name");
            let origin: String = ix.get("origin");
            if origin == "pk" {
                continue;
            }
            let cols: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"
            ))
            .fetch_all(pool)
            .await
            .unwrap();
            if ix.get::<i64, _>("u") == 1 {
                out.insert(format!("unique {t}({})", cols.join(",")));
            } else {
                out.insert(format!("index {name} on {t}({})", cols.join(",")));
            }
        }
        for fk in sqlx::query(&format!(
            "SELECT \"table\" AS ref, \"from\" AS col, \"to\" AS ref_col, on_delete FROM pragma_foreign_key_list('{t}')"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
        {
            out.insert(format!(
                "foreign key {t}({}) -> {}({}) on delete {}",
                fk.get::<String, _>("col"),
                fk.get::<String, _>("ref"),
                fk.get::<String, _>("ref_col"),
                fk.get::<String, _>("on_delete").to_ascii_lowercase()
            ));
        }
    }
    for trig in sqlx::query("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        .fetch_all(pool)
        .await
        .unwrap()
    {
        let sql: String = trig.get("sql");
        let event = ["UPDATE", "DELETE", "INSERT"]
            .into_iter()
            .find(|e| sql.to_ascii_uppercase().contains(&format!("BEFORE {e}")))
            .expect("a BEFORE trigger");
        out.insert(format!(
            "refuses {} on {}",
            event.to_ascii_lowercase(),
            trig.get::<String, _>("tbl_name")
        ));
    }
    out
}

async fn postgres_schema() -> BTreeSet<String> {
    let db = fresh_db_on(Engine::Postgres, "parity").await;
    let pool = &db.pool;
    let mut out = BTreeSet::new();
    for c in sqlx::query(
        "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty, is_nullable::text AS nullable \
         FROM information_schema.columns WHERE table_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    {
        let t: String = c.get("t");
        if foreign_table(&t) {
            continue;
        }
        out.insert(format!("table {t}"));
        out.insert(format!(
            "column {t}.{} {}{}",
            c.get::<String, _>("c"),
            type_family(&c.get::<String, _>("ty")),
            if c.get::<String, _>("nullable") == "NO" { " not null" } else { "" }
        ));
    }
    for k in sqlx::query(
        "SELECT cl.relname::text AS t, c.contype::text AS kind, \
           (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS cols, \
           COALESCE(rc.relname::text, '') AS ref, \
           COALESCE((SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) \
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), '') AS ref_cols, \
           c.confdeltype::text AS on_delete \
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace LEFT JOIN pg_class rc ON rc.oid = c.confrelid \
         WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    {
        let t: String = k.get("t");
        if foreign_table(&t) {
            continue;
        }
        let cols: String = k.get("cols");
        let line = match k.get::<String, _>("kind").as_str() {
            "p" => format!("primary key {t}({cols})"),
            "u" => format!("unique {t}({cols})"),
            _ => {
                let on_delete = match k.get::<String, _>("on_delete").as_str() {
                    "c" => "cascade",
                    "n" => "set null",
                    "r" => "restrict",
                    "d" => "set default",
                    _ => "no action",
                };
                format!(
                    "foreign key {t}({cols}) -> {}({}) on delete {on_delete}",
                    k.get::<String, _>("ref"),
                    k.get::<String, _>("ref_cols")
                )
            }
        };
        out.insert(line);
    }
    for ix in sqlx::query(
        "SELECT i.relname::text AS name, t.relname::text AS t, \
           (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord) \
              JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) AS cols \
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND NOT x.indisunique",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    {
        let t: String = ix.get("t");
        if !foreign_table(&t) {
            out.insert(format!(
                "index {} on {t}({})",
                ix.get::<String, _>("name"),
                ix.get::<String, _>("cols")
            ));
        }
    }
    // information_schema.triggers lists row triggers (not TRUNCATE, which SQLite lacks).
    for trig in sqlx::query(
        "SELECT event_object_table::text AS t, event_manipulation::text AS e, action_timing::text AS timing \
         FROM information_schema.triggers WHERE trigger_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    {
        assert_eq!(trig.get::<String, _>("timing"), "BEFORE");
        out.insert(format!(
            "refuses {} on {}",
            trig.get::<String, _>("e").to_ascii_lowercase(),
            trig.get::<String, _>("t")
        ));
    }
    out
}

#[tokio::test]
async fn both_engines_migrate_to_the_same_schema() {
    let sqlite = sqlite_schema().await;
    let postgres = postgres_schema().await;
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the engines' schemas differ\nonly in SQLite: {only_sqlite:#?}\nonly in Postgres: {only_postgres:#?}"
    );
    // The comparison saw the whole schema, not two empty sets.
    for expected in [
        "table audit_events",
        "column users.name text not null",
        "unique api_tokens(token_hash)",
        "foreign key team_members(team_id) -> teams(id) on delete cascade",
        "index audit_events_by_team on audit_events(team,id)",
        "refuses update on audit_events",
        "refuses delete on audit_events",
    ] {
        assert!(sqlite.contains(expected), "{expected} in {sqlite:#?}");
    }
}
