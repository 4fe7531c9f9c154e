//! Embedded migrations, one set per backend, and reference-data seeding.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{DbConn, DbError};

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Applies pending migrations for the connection's backend; returns how many ran.
pub fn run_pending(conn: &mut DbConn) -> Result<usize, DbError> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
        DbConn::Postgres(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
    };
    applied.map_err(|e| DbError::Migration(e.to_string()))
}
