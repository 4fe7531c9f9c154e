//! Noaber's search against PostgreSQL full-text search, in one run on the same
//! generated corpus (100,000 posts from `common::generate`) and the same query set
//! (`common::queries`): index build time, query latency p50/p95 and the ratio, and
//! nDCG@10 / recall@10 of both on the judged fixture queries.
//!
//! PostgreSQL side: a table with a stored generated column
//! `setweight(to_tsvector('dutch', title), 'A') || … description 'B' || category and
//! talent names 'C' || place name and schedule 'D'` with a GIN index (and a btree
//! on `created_at` for queries without text), ranked by `ts_rank(tsv, q) DESC`,
//! filters on plain columns (distance as a lat/lon bounding box). Two query forms:
//! `websearch_to_tsquery('dutch', text)` (ANDs the words) and the words of
//! `plainto_tsquery('dutch', text)` OR-ed, as Noaber ORs them.
//!
//! Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth); creates and drops
//! the database `noaber_fts_bench`. Without a server it says so and exits 0.
//!
//! `cargo bench -p search --bench vs_postgres` (`SEARCH_BENCH_POSTS` overrides the
//! corpus size, `VS_PG_RUNS` the timed runs per query, `VS_PG_VERBOSE=1` prints the
//! imperfect relevance queries of every engine).

mod common;

use std::error::Error;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::time::{Duration, Instant};

use common::{corpus_size, fixtures, generate, percentile, queries};
use postgres::types::ToSql;
use postgres::{Client, Config, NoTls};
use search::{PostDoc, SearchIndex, SearchQuery};
use uuid::Uuid;

type Res<T> = Result<T, Box<dyn Error>>;

const DATABASE: &str = "noaber_fts_bench";
const WARM_UP: usize = 3;
/// km per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;

fn pg_config(dbname: &str) -> Config {
    let mut c = Config::new();
    c.host("127.0.0.1")
        .port(5432)
        .user("postgres")
        .dbname(dbname)
        .application_name("noaber-vs-postgres")
        .connect_timeout(Duration::from_secs(3));
    c
}

/// How a query text becomes a tsquery.
#[derive(Clone, Copy)]
enum Form {
    /// `websearch_to_tsquery`: every word required.
    WebsearchAnd,
    /// The lexemes of `plainto_tsquery`, OR-ed (cast, so not stemmed twice).
    PlainOr,
}

impl Form {
    const ALL: [Form; 2] = [Form::WebsearchAnd, Form::PlainOr];

    fn name(self) -> &'static str {
        match self {
            Form::WebsearchAnd => "PG websearch (AND)",
            Form::PlainOr => "PG plainto OR",
        }
    }

    fn tsquery(self) -> &'static str {
        match self {
            Form::WebsearchAnd => "websearch_to_tsquery('dutch', $1)",
            Form::PlainOr => "replace(plainto_tsquery('dutch', $1)::text, ' & ', ' | ')::tsquery",
        }
    }
}

fn create_table(client: &mut Client, table: &str) -> Res<()> {
    client.batch_execute(&format!(
        "CREATE TABLE {table} (
            id uuid PRIMARY KEY,
            kind text NOT NULL,
            title text NOT NULL,
            description text NOT NULL,
            category text NOT NULL,
            talents text NOT NULL,
            place text NOT NULL,
            place_name text NOT NULL,
            lat double precision,
            lon double precision,
            schedule text NOT NULL,
            created_at timestamptz NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('dutch', title), 'A')
                || setweight(to_tsvector('dutch', description), 'B')
                || setweight(to_tsvector('dutch', category || ' ' || talents), 'C')
                || setweight(to_tsvector('dutch', place_name || ' ' || schedule), 'D')
            ) STORED
        )"
    ))?;
    Ok(())
}

/// A text value in COPY text format.
fn copy_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// Loads `posts` into `table` with COPY.
fn copy_posts(client: &mut Client, table: &str, posts: &[PostDoc]) -> Res<()> {
    let mut w = client.copy_in(&format!(
        "COPY {table} (id, kind, title, description, category, talents, place, place_name, \
         lat, lon, schedule, created_at) FROM STDIN"
    ))?;
    let mut buf = String::with_capacity(1 << 20);
    for p in posts {
        let talents: Vec<&str> = p.talents.iter().map(|t| t.name.as_str()).collect();
        let (lat, lon) = p
            .location
            .map_or(("\\N".to_string(), "\\N".to_string()), |g| {
                (g.lat.to_string(), g.lon.to_string())
            });
        write!(buf, "{}\t{}\t", p.id, p.kind.as_str())?;
        for s in [&p.title, &p.description, &p.category, &talents.join(", ")] {
            copy_text(&mut buf, s);
            buf.push('\t');
        }
        for s in [&p.place, &p.place_name] {
            copy_text(&mut buf, s);
            buf.push('\t');
        }
        write!(buf, "{lat}\t{lon}\t")?;
        copy_text(&mut buf, &p.schedule);
        writeln!(buf, "\t{}", p.created_at.to_rfc3339())?;
        if buf.len() > 1 << 20 {
            w.write_all(buf.as_bytes())?;
            buf.clear();
        }
    }
    w.write_all(buf.as_bytes())?;
    w.finish()?;
    Ok(())
}

/// Build times of the PostgreSQL side.
struct PgBuild {
    load: Duration,
    index: Duration,
    analyze: Duration,
}

impl PgBuild {
    fn total(&self) -> Duration {
        self.load + self.index + self.analyze
    }
}

/// Creates `table`, loads `posts` (tsvector computed on COPY), builds the GIN and
/// `created_at` indexes, vacuums and analyzes, timing each step (then checkpoints
/// so that background writes do not disturb the timed queries).
fn build_pg(client: &mut Client, table: &str, posts: &[PostDoc]) -> Res<PgBuild> {
    let t = Instant::now();
    create_table(client, table)?;
    copy_posts(client, table, posts)?;
    let load = t.elapsed();
    let t = Instant::now();
    client.batch_execute(&format!(
        "CREATE INDEX {table}_tsv ON {table} USING gin (tsv);
         CREATE INDEX {table}_created ON {table} (created_at DESC);"
    ))?;
    let index = t.elapsed();
    let t = Instant::now();
    client.batch_execute(&format!("VACUUM (ANALYZE) {table}"))?;
    let analyze = t.elapsed();
    // Flush the load's dirty pages now rather than during the timed queries.
    client.batch_execute("CHECKPOINT")?;
    Ok(PgBuild {
        load,
        index,
        analyze,
    })
}

/// A prepared PostgreSQL query equivalent to a [`SearchQuery`] and its parameters.
struct PgQuery {
    stmt: postgres::Statement,
    params: Vec<Box<dyn ToSql + Sync>>,
}

impl PgQuery {
    fn prepare(client: &mut Client, table: &str, form: Form, q: &SearchQuery) -> Res<PgQuery> {
        let mut params: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut conds: Vec<String> = Vec::new();
        let text = !q.text.trim().is_empty();
        if text {
            params.push(Box::new(q.text.clone()));
            conds.push(format!("tsv @@ {}", form.tsquery()));
        }
        let mut param = |v: Box<dyn ToSql + Sync>| {
            params.push(v);
            format!("${}", params.len())
        };
        if let Some(kind) = q.kind {
            conds.push(format!("kind = {}", param(Box::new(kind.as_str()))));
        }
        if let Some(c) = &q.category {
            conds.push(format!("category = {}", param(Box::new(c.clone()))));
        }
        if let Some(p) = &q.place {
            conds.push(format!("place = {}", param(Box::new(p.clone()))));
        }
        if let Some(n) = q.near {
            let dlat = n.within_km / KM_PER_DEGREE;
            let dlon = n.within_km / (KM_PER_DEGREE * n.lat.to_radians().cos());
            conds.push(format!(
                "lat BETWEEN {} AND {} AND lon BETWEEN {} AND {}",
                param(Box::new(n.lat - dlat)),
                param(Box::new(n.lat + dlat)),
                param(Box::new(n.lon - dlon)),
                param(Box::new(n.lon + dlon)),
            ));
        }
        let order = if text {
            format!("ts_rank(tsv, {}) DESC, created_at DESC", form.tsquery())
        } else {
            "created_at DESC".into()
        };
        let filter = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        let sql = format!(
            "SELECT id::text FROM {table} {filter} ORDER BY {order} LIMIT {} OFFSET {}",
            q.limit, q.offset
        );
        Ok(PgQuery {
            stmt: client.prepare(&sql)?,
            params,
        })
    }

    fn run(&self, client: &mut Client) -> Res<Vec<Uuid>> {
        let params: Vec<&(dyn ToSql + Sync)> = self.params.iter().map(|p| p.as_ref()).collect();
        client
            .query(&self.stmt, &params)?
            .iter()
            .map(|row| Ok(Uuid::parse_str(row.get::<_, &str>(0))?))
            .collect()
    }
}

/// `runs` timings of `f` after [`WARM_UP`] untimed calls.
fn time<T>(runs: usize, mut f: impl FnMut() -> Res<T>) -> Res<Vec<Duration>> {
    for _ in 0..WARM_UP {
        black_box(f()?);
    }
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f()?);
            Ok(t.elapsed())
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// p50 and p95 in ms of unsorted timings.
fn p50_p95(times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    (ms(percentile(times, 0.5)), ms(percentile(times, 0.95)))
}

fn verbose() -> bool {
    std::env::var("VS_PG_VERBOSE").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Figures of one engine.
#[derive(Default)]
struct Figures {
    build: Option<Duration>,
    p50: f64,
    p95: f64,
    ndcg: f64,
    recall: f64,
}

fn run(client: &mut Client) -> Res<()> {
    let n = corpus_size();
    let runs: usize = std::env::var("VS_PG_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let t = Instant::now();
    let posts = generate(n);
    println!("{n} posts generated in {:.2} s", t.elapsed().as_secs_f64());

    // Build: tantivy rebuild in memory vs COPY + GIN.
    let docs = posts.clone();
    // Without the result cache: every run of a query is timed as a search.
    let index = SearchIndex::in_memory()?.with_result_cache(0);
    let t = Instant::now();
    index.rebuild(docs, 1)?;
    let noaber_build = t.elapsed();
    println!(
        "Noaber: rebuild (in memory) {:.2} s",
        noaber_build.as_secs_f64()
    );
    client.batch_execute("SET maintenance_work_mem = '256MB'")?;
    let pg = build_pg(client, "posts", &posts)?;
    println!(
        "PostgreSQL: COPY with tsvector {:.2} s + GIN and created_at indexes {:.2} s + VACUUM ANALYZE {:.2} s = {:.2} s",
        pg.load.as_secs_f64(),
        pg.index.as_secs_f64(),
        pg.analyze.as_secs_f64(),
        pg.total().as_secs_f64()
    );
    drop(posts);

    // Latency: every query of the set on every engine, interleaved per query.
    let ping = {
        let stmt = client.prepare("SELECT 1")?;
        let mut t = time(runs * 5, || Ok(client.query(&stmt, &[])?.len()))?;
        p50_p95(&mut t)
    };
    println!(
        "\nloopback round trip (SELECT 1): p50 {:.3} ms, p95 {:.3} ms",
        ping.0, ping.1
    );
    // Latency: one engine at a time over the whole query set.
    let queries = queries();
    let mut totals = Vec::new();
    let mut noaber_p50 = Vec::new();
    let mut noaber_all = Vec::new();
    for (_, q) in &queries {
        totals.push(index.search(q)?.total);
        let mut t = time(runs, || Ok(index.search(q)?))?;
        noaber_p50.push(p50_p95(&mut t).0);
        noaber_all.extend(t);
    }
    let mut pg_p50: [Vec<(f64, usize)>; 2] = Default::default();
    let mut pg_all: [Vec<Duration>; 2] = Default::default();
    for (i, form) in Form::ALL.into_iter().enumerate() {
        for (_, q) in &queries {
            let pq = PgQuery::prepare(client, "posts", form, q)?;
            let hits = pq.run(client)?.len();
            let mut t = time(runs, || pq.run(client))?;
            pg_p50[i].push((p50_p95(&mut t).0, hits));
            pg_all[i].extend(t);
        }
    }
    println!("{runs} timed runs per query after {WARM_UP} warm-up; p50 ms (PG: rows returned)");
    println!(
        "{:<40} {:>8} {:>8} {:>19} {:>19}",
        "query",
        "total",
        "Noaber",
        Form::WebsearchAnd.name(),
        Form::PlainOr.name()
    );
    for (i, (name, _)) in queries.iter().enumerate() {
        let mut line = format!("{name:<40} {:>8} {:>8.2}", totals[i], noaber_p50[i]);
        for p in &pg_p50 {
            write!(line, " {:>13.2} ({:>3})", p[i].0, p[i].1)?;
        }
        println!("{line}");
    }
    let mut noaber = Figures {
        build: Some(noaber_build),
        ..Default::default()
    };
    (noaber.p50, noaber.p95) = p50_p95(&mut noaber_all);
    let mut pgs: Vec<Figures> = pg_all
        .iter_mut()
        .map(|all| {
            let (p50, p95) = p50_p95(all);
            Figures {
                build: Some(pg.total()),
                p50,
                p95,
                ..Default::default()
            }
        })
        .collect();
    drop(index);

    // Relevance on the fixture corpus: the same judgements and scoring as
    // tests/relevance.rs, ten hits per query.
    let v = verbose();
    let fixture = SearchIndex::in_memory()?;
    fixture.rebuild(fixtures::posts(), 0)?;
    if v {
        println!("\nNoaber, imperfect queries (nDCG recall query -> top 6):");
    }
    (noaber.ndcg, noaber.recall) = fixtures::evaluate(
        |text| {
            let q = SearchQuery {
                limit: 10,
                ..SearchQuery::text(text)
            };
            let res = fixture.search(&q).expect("search");
            res.hits.iter().map(|h| h.id).collect()
        },
        v,
    );
    build_pg(client, "fixture_posts", &fixtures::posts())?;
    for (form, f) in Form::ALL.into_iter().zip(pgs.iter_mut()) {
        if v {
            println!("\n{}, imperfect queries:", form.name());
        }
        (f.ndcg, f.recall) = fixtures::evaluate(
            |text| {
                let q = SearchQuery {
                    limit: 10,
                    ..SearchQuery::text(text)
                };
                PgQuery::prepare(client, "fixture_posts", form, &q)
                    .and_then(|pq| pq.run(client))
                    .expect("PostgreSQL query")
            },
            v,
        );
    }

    // Summary.
    println!(
        "\n{n} posts, {} queries x {runs} runs; relevance: {} judged queries on {} fixture posts",
        queries.len(),
        fixtures::JUDGEMENTS.len(),
        fixtures::RAW.len()
    );
    let engines: Vec<(&str, &Figures)> = std::iter::once(("Noaber (in-process)", &noaber))
        .chain(Form::ALL.iter().map(|f| f.name()).zip(pgs.iter()))
        .collect();
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>11} {:>8} {:>9}",
        "engine", "build s", "p50 ms", "p95 ms", "p95 ratio", "nDCG@10", "recall@10"
    );
    for (name, f) in &engines {
        println!(
            "{:<20} {:>9.2} {:>9.2} {:>9.2} {:>10.1}x {:>8.3} {:>9.3}",
            name,
            f.build.map_or(0.0, |d| d.as_secs_f64()),
            f.p50,
            f.p95,
            f.p95 / noaber.p95,
            f.ndcg,
            f.recall
        );
    }
    let best = pgs
        .iter()
        .zip(Form::ALL)
        .max_by(|a, b| a.0.ndcg.total_cmp(&b.0.ndcg))
        .expect("two forms");
    let fastest = pgs.iter().map(|f| f.p95).fold(f64::INFINITY, f64::min);
    let yes = |b: bool| if b { "met" } else { "MISSED" };
    println!(
        "targets: p95 <= 5 ms: {:.2} ms {}; >= 5x faster than PG (p95, fastest PG form): {:.1}x {}; \
         better nDCG@10 than PG (best form, {}): {:.3} vs {:.3} {}",
        noaber.p95,
        yes(noaber.p95 <= 5.0),
        fastest / noaber.p95,
        yes(fastest / noaber.p95 >= 5.0),
        best.1.name(),
        noaber.ndcg,
        best.0.ndcg,
        yes(noaber.ndcg > best.0.ndcg)
    );
    Ok(())
}

fn main() {
    let mut admin = match pg_config("postgres").connect(NoTls) {
        Ok(c) => c,
        Err(e) => {
            let cause = e.source().map(|s| format!(": {s}")).unwrap_or_default();
            println!(
                "vs_postgres: PostgreSQL is not reachable at 127.0.0.1:5432 as user postgres \
                 ({e}{cause}); skipping the comparison"
            );
            return;
        }
    };
    let drop_db = format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)");
    let setup = admin
        .batch_execute(&drop_db)
        .and_then(|()| admin.batch_execute(&format!("CREATE DATABASE {DATABASE}")));
    if let Err(e) = setup {
        println!("vs_postgres: cannot create database {DATABASE} ({e}); skipping the comparison");
        return;
    }
    let outcome = pg_config(DATABASE)
        .connect(NoTls)
        .map_err(Into::into)
        .and_then(|mut client| run(&mut client));
    if let Err(e) = admin.batch_execute(&drop_db) {
        eprintln!("vs_postgres: could not drop database {DATABASE}: {e}");
    }
    if let Err(e) = outcome {
        eprintln!("vs_postgres: {e:?}");
        std::process::exit(1);
    }
}
