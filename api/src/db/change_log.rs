//! Where a reader stands in the two change logs (`search_changes` for the search
//! index, `volunteer_changes` for the volunteer pool). Writers add a row in the same
//! transaction as their change; readers follow with a *mark* and must never skip a
//! change that commits late.
//!
//! - SQLite has one writer at a time, so `seq` order is commit order: the mark is
//!   the last `seq` read.
//! - PostgreSQL runs writers in parallel, so a lower `seq` can commit after a higher
//!   one. Each row records its transaction (`xid`). A reader first finds the
//!   *horizon*: the oldest transaction still running in this database (or, with none,
//!   the next transaction id). Every transaction below it has ended and can gain no
//!   more rows, and every transaction that starts later gets a higher id. Then it
//!   takes the rows below the horizon in (xid, seq) order, whole transactions at a
//!   time: the mark is the last xid read. A change of a transaction still running
//!   waits until it ends; so do the changes after it (a long transaction in this
//!   database, such as loading the demo data, holds readers back until it ends).

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use super::DbConn;

/// One of the change logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeLog {
    /// Post changes, for the search index (ids are post ids).
    Search,
    /// Volunteer changes, for the volunteer pool (ids are account ids).
    Volunteers,
}

impl ChangeLog {
    fn table(self) -> &'static str {
        match self {
            ChangeLog::Search => "search_changes",
            ChangeLog::Volunteers => "volunteer_changes",
        }
    }

    fn id_column(self) -> &'static str {
        match self {
            ChangeLog::Search => "post_id",
            ChangeLog::Volunteers => "account_id",
        }
    }
}

#[derive(QueryableByName)]
struct Mark {
    #[diesel(sql_type = BigInt)]
    mark: i64,
}

#[derive(QueryableByName)]
struct Change {
    #[diesel(sql_type = BigInt)]
    mark: i64,
    #[diesel(sql_type = Text)]
    id: String,
}

#[derive(QueryableByName)]
struct Running {
    #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
    xids: Option<String>,
}

/// PostgreSQL: the horizon (see the module). Three steps, in this order: the next
/// transaction id first (every transaction below it has started), then a fresh look
/// at the transactions still running here (`pg_stat_activity` is otherwise kept
/// for the rest of a transaction). A transaction below `next` is either in that
/// list or has ended; one that starts later gets an id of `next` or more. The list
/// shows 32-bit ids; they are widened with the epoch of `next`.
fn horizon(c: &mut diesel::PgConnection) -> QueryResult<i64> {
    let next =
        diesel::sql_query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS mark")
            .get_result::<Mark>(c)?
            .mark;
    diesel::sql_query("SELECT pg_stat_clear_snapshot()").execute(c)?;
    let running: Running = diesel::sql_query(
        "SELECT string_agg(backend_xid::text, ',') AS xids FROM pg_stat_activity \
         WHERE datname = current_database() AND backend_xid IS NOT NULL",
    )
    .get_result(c)?;
    let epoch = next & !0xFFFF_FFFF;
    let oldest = running
        .xids
        .iter()
        .flat_map(|list| list.split(','))
        .filter_map(|x| x.parse::<i64>().ok())
        .map(|x| {
            let wide = epoch | x;
            if wide >= next {
                wide - (1 << 32)
            } else {
                wide
            }
        })
        .min();
    Ok(oldest.map_or(next, |o| o.min(next)))
}

/// The mark of the newest change a reader may take now (0 when there is none).
pub fn latest(conn: &mut DbConn, log: ChangeLog) -> QueryResult<i64> {
    let table = log.table();
    let marks = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(format!(
            "SELECT MAX(seq) AS mark FROM {table} HAVING MAX(seq) IS NOT NULL"
        ))
        .load::<Mark>(c)?,
        DbConn::Postgres(c) => {
            let below = horizon(c)?;
            diesel::sql_query(format!(
                "SELECT xid::text::bigint AS mark FROM {table} \
                 WHERE xid < $1::text::xid8 ORDER BY xid DESC LIMIT 1"
            ))
            .bind::<Text, _>(below.to_string())
            .load::<Mark>(c)?
        }
    };
    Ok(marks.first().map_or(0, |m| m.mark))
}

/// The changes after `mark`, oldest first, about `limit` of them (whole
/// transactions on PostgreSQL, so possibly more): the new mark and the ids in order
/// (with repeats). Nothing new: `(mark, [])`.
pub fn after(
    conn: &mut DbConn,
    log: ChangeLog,
    mark: i64,
    limit: i64,
) -> QueryResult<(i64, Vec<String>)> {
    let rows = match conn {
        DbConn::Sqlite(c) => {
            let (table, id) = (log.table(), log.id_column());
            pairs(
                diesel::sql_query(format!(
                    "SELECT seq AS mark, {id} AS id FROM {table} WHERE seq > ? ORDER BY seq LIMIT ?"
                ))
                .bind::<BigInt, _>(mark)
                .bind::<BigInt, _>(limit)
                .load::<Change>(c)?,
            )
        }
        DbConn::Postgres(c) => whole_transactions_after(c, log, mark, limit)?,
    };
    let next = rows.last().map_or(mark, |(m, _)| *m);
    Ok((next, rows.into_iter().map(|(_, id)| id).collect()))
}

fn pairs(changes: Vec<Change>) -> Vec<(i64, String)> {
    changes.into_iter().map(|c| (c.mark, c.id)).collect()
}

/// PostgreSQL: the final rows after transaction `mark`, `limit` at most but never
/// half a transaction (one transaction larger than `limit` comes whole).
fn whole_transactions_after(
    c: &mut diesel::PgConnection,
    log: ChangeLog,
    mark: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, String)>> {
    let (table, id) = (log.table(), log.id_column());
    let below = horizon(c)?;
    let page = format!(
        "SELECT xid::text::bigint AS mark, {id} AS id FROM {table} \
         WHERE xid > $1::text::xid8 AND xid < $2::text::xid8 ORDER BY xid, seq LIMIT $3"
    );
    let mut rows = pairs(
        diesel::sql_query(page)
            .bind::<Text, _>(mark.to_string())
            .bind::<Text, _>(below.to_string())
            .bind::<BigInt, _>(limit)
            .load::<Change>(c)?,
    );
    if rows.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
        return Ok(rows);
    }
    let Some(&(last, _)) = rows.last() else {
        return Ok(rows);
    };
    if rows.first().is_some_and(|(first, _)| *first == last) {
        // One transaction fills the page: take all of it.
        let whole = format!(
            "SELECT xid::text::bigint AS mark, {id} AS id FROM {table} \
             WHERE xid = $1::text::xid8 ORDER BY seq"
        );
        return Ok(pairs(
            diesel::sql_query(whole)
                .bind::<Text, _>(last.to_string())
                .load::<Change>(c)?,
        ));
    }
    // The last transaction may go on past the page: it comes next time, whole.
    rows.retain(|(m, _)| *m != last);
    Ok(rows)
}
