//! Building the application: storage, reference data, keys, and the HTTP server bound
//! to a port (port 0 in tests).

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Instant;

use actix_web::dev::{Server, ServerHandle, Service};
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use crate::auth::{load_or_create_secret, LinkKeys, TokenKeys};
use crate::config::Settings;
use crate::db::{self, Db};
use crate::mail::transport::{Sender, Transport};
use crate::mail::worker::Mailer;
use crate::mail::Links;
use crate::metrics::Metrics;
use crate::reference::Reference;
use crate::routes;
use crate::search_sync::SearchSync;
use crate::state::AppState;

/// Opens the search index under the data directory and brings it up to date.
pub fn prepare_search(
    settings: &Settings,
    db: &Db,
    reference: &Reference,
) -> anyhow::Result<SearchSync> {
    let dir = settings.data_dir.join("search");
    let sync = SearchSync::open(&dir, settings.search_cache_size)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    db.run_blocking(|conn| sync.prepare(conn, reference))
        .context("cannot bring the search index up to date")?;
    crate::allocator::trim();
    Ok(sync)
}

/// Connects to the database, applies migrations and seeds reference data.
pub fn prepare_database(settings: &Settings, reference: &Reference) -> anyhow::Result<Db> {
    let db = Db::connect_with(&settings.database_url, settings.db_pool_size)
        .context("cannot open the database")?;
    db.run_blocking(|conn| {
        let applied = db::migrate::run_pending(conn)?;
        if applied > 0 {
            tracing::info!(applied, "migrations applied");
        }
        db::reference::seed(conn, reference).map_err(db::DbError::from)
    })
    .context("cannot prepare the database")?;
    Ok(db)
}

/// The mail worker over SMTP or, without `NOABER_SMTP_URL`, `.eml` files in
/// `$NOABER_DATA_DIR/outbox`.
pub fn build_mailer(settings: &Settings, metrics: &Metrics) -> anyhow::Result<Mailer> {
    let transport = Transport::new(
        settings.smtp_url.as_deref(),
        &settings.data_dir.join("outbox"),
    )?;
    let sender = Sender::parse(&settings.mail_from, settings.mail_reply_to.as_deref())?;
    Ok(Mailer::new(
        transport,
        sender,
        settings.mail_retry,
        metrics.mail_attempts(),
    ))
}

/// A built, bound, not yet running server.
pub struct Application {
    server: Server,
    port: u16,
    state: web::Data<AppState>,
}

impl Application {
    /// Prepares storage and binds `settings.bind`.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create data directory {}",
                settings.data_dir.display()
            )
        })?;
        // First, before the database is touched: a weak or damaged secret stops the
        // start with an error that says what to do.
        let secret = load_or_create_secret(settings.jwt_secret.as_deref(), &settings.data_dir)
            .context("no usable secret to sign access tokens with")?;
        let reference = Arc::new(Reference::load().context("shipped reference data is broken")?);
        let (prepared, search) = {
            let (settings, reference) = (settings.clone(), reference.clone());
            tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
                let db = prepare_database(&settings, &reference)?;
                let search = prepare_search(&settings, &db, &reference)?;
                Ok((db, search))
            })
            .await??
        };
        let search = Arc::new(search);
        search.spawn_worker(prepared.clone(), reference.clone());
        let metrics = Metrics::new().context("metrics registry")?;
        metrics
            .register_db(prepared.stats())
            .context("database metrics")?;
        let mailer = Arc::new(build_mailer(&settings, &metrics)?);
        mailer.spawn_worker(prepared.clone());
        let state = web::Data::new(AppState {
            db: prepared,
            reference,
            tokens: TokenKeys::new(&secret, settings.token_ttl_minutes),
            link_keys: std::sync::Arc::new(LinkKeys::new(&secret)),
            metrics,
            pool: Default::default(),
            search,
            mailer,
            links: Links::new(&settings.public_url)
                .with_contact(settings.servicepunt.contact_lines()),
            settings: settings.clone(),
        });
        if let Some(every) = settings.follow_up_interval {
            crate::app::follow_ups::spawn_worker(state.clone(), every);
        }
        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, state.clone())?;
        Ok(Application {
            server,
            port,
            state,
        })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Shared state (for tests and tools).
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// A handle to stop the server gracefully.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Runs until stopped (SIGINT/SIGTERM trigger a graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(listener: TcpListener, state: web::Data<AppState>) -> anyhow::Result<Server> {
    let site = web::Data::new(crate::web::Site::new(&state.settings));
    let hsts = crate::routes::headers::wants_hsts(&state.settings.public_url);
    let throttle = web::Data::new(crate::routes::throttle::AddressThrottle::new(
        state.settings.address_limit,
    ));
    let server = HttpServer::new(move || {
        let metrics_state = state.clone();
        App::new()
            .app_data(state.clone())
            .app_data(site.clone())
            .app_data(throttle.clone())
            .wrap(actix_web::middleware::Condition::new(
                hsts,
                actix_web::middleware::DefaultHeaders::new().add((
                    actix_web::http::header::STRICT_TRANSPORT_SECURITY,
                    crate::routes::headers::HSTS,
                )),
            ))
            .wrap(actix_web::middleware::Compress::default())
            .wrap(TracingLogger::default())
            .wrap_fn(move |req, srv| {
                let started = Instant::now();
                let method = req.method().to_string();
                let metrics_state = metrics_state.clone();
                let fut = srv.call(req);
                async move {
                    let (res, work) = crate::db::counted(fut).await;
                    let res = res?;
                    let route = res
                        .request()
                        .match_pattern()
                        .unwrap_or_else(|| "unmatched".into());
                    metrics_state.metrics.observe(
                        &method,
                        &route,
                        res.status().as_u16(),
                        started.elapsed().as_secs_f64(),
                        work,
                    );
                    Ok(res)
                }
            })
            .configure(routes::configure)
            .default_service(web::to(crate::web::serve))
    })
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}
