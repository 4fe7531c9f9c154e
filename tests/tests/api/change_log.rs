//! The change logs on PostgreSQL, where writers run in parallel: a change that
//! commits late is never skipped by a reader that follows the log, and a reader
//! waits for a transaction still running instead of moving past it. Each test has
//! a database of its own, and only transactions of that database hold readers back.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use noaber::config::Settings;
use noaber::db::change_log::{self, ChangeLog};
use noaber::db::DbConn;
use noaber::reference::Reference;
use noaber_tests::{on_postgres, TestDatabase};

/// A fresh database of this run's backend, migrated.
fn migrated_database(dir: &std::path::Path) -> TestDatabase {
    let db = TestDatabase::create(dir);
    let settings = Settings::for_data_dir(dir.to_path_buf(), Some(db.url.clone()));
    noaber::startup::prepare_database(&settings, &Reference::load().unwrap()).unwrap();
    db
}

fn connect(url: &str) -> PgConnection {
    PgConnection::establish(url).expect("connect")
}

fn note(conn: &mut PgConnection, log: ChangeLog, id: &str) {
    let sql = match log {
        ChangeLog::Search => {
            format!("INSERT INTO search_changes (post_id, at) VALUES ('{id}', now())")
        }
        ChangeLog::Volunteers => {
            format!("INSERT INTO volunteer_changes (account_id, at) VALUES ('{id}', now())")
        }
    };
    conn.batch_execute(&sql).expect("note a change");
}

#[test]
fn changes_committed_out_of_order_are_all_read_and_none_is_skipped() {
    if !on_postgres() {
        // SQLite has one writer at a time: `seq` order is commit order there.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = migrated_database(dir.path());
    let mut reader = DbConn::Postgres(connect(&db.url));
    for log in [ChangeLog::Search, ChangeLog::Volunteers] {
        let start = change_log::latest(&mut reader, log).unwrap();
        let (mut first, mut second) = (connect(&db.url), connect(&db.url));
        // The first writer notes its change first but commits last.
        first.batch_execute("BEGIN").unwrap();
        note(&mut first, log, "early");
        second.batch_execute("BEGIN").unwrap();
        note(&mut second, log, "late");
        second.batch_execute("COMMIT").unwrap();

        let (mark, ids) = change_log::after(&mut reader, log, start, 100).unwrap();
        assert!(
            ids.is_empty(),
            "{log:?}: read {ids:?} past a transaction still running"
        );
        assert_eq!(mark, start);
        assert_eq!(change_log::latest(&mut reader, log).unwrap(), start);

        first.batch_execute("COMMIT").unwrap();
        let (mark, ids) = change_log::after(&mut reader, log, start, 100).unwrap();
        assert_eq!(ids, ["early", "late"], "{log:?}");
        assert_eq!(change_log::latest(&mut reader, log).unwrap(), mark);
        let (again, none) = change_log::after(&mut reader, log, mark, 100).unwrap();
        assert!(none.is_empty() && again == mark, "{log:?}: {none:?}");
    }
}

#[test]
fn a_page_never_ends_halfway_through_a_transaction() {
    if !on_postgres() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = migrated_database(dir.path());
    let mut writer = connect(&db.url);
    let mut reader = DbConn::Postgres(connect(&db.url));
    let start = change_log::latest(&mut reader, ChangeLog::Search).unwrap();
    writer.batch_execute("BEGIN").unwrap();
    note(&mut writer, ChangeLog::Search, "one");
    writer.batch_execute("COMMIT; BEGIN").unwrap();
    for id in ["two", "three", "four"] {
        note(&mut writer, ChangeLog::Search, id);
    }
    writer.batch_execute("COMMIT").unwrap();

    // A page of 2 would cut the second transaction: it holds the first one only.
    let (mark, ids) = change_log::after(&mut reader, ChangeLog::Search, start, 2).unwrap();
    assert_eq!(ids, ["one"]);
    // A transaction larger than the page comes whole.
    let (_, ids) = change_log::after(&mut reader, ChangeLog::Search, mark, 2).unwrap();
    assert_eq!(ids, ["two", "three", "four"]);
}
