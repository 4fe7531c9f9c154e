//! The mail worker: claims due outbox rows, sends them, and records the outcome —
//! sent, retry later with exponential back-off, or failed for good.

use std::sync::{Arc, Weak};
use std::time::Duration;

use chrono::TimeDelta;
use prometheus::IntCounterVec;
use tokio::sync::Notify;

use super::transport::{build_message, SendError, Sender, Transport};
use crate::db::account_tokens::Purpose;
use crate::db::outbox::{self, Attempt, OutboxRow};
use crate::db::{Db, DbError};

/// How long a claimed mail is held before another attempt may take it (a worker
/// that died mid-send). Far longer than a round can take: each SMTP command times out
/// after 20 s, and a round holds at most `BATCH` mails.
const LEASE: TimeDelta = TimeDelta::minutes(15);
/// Mails per round.
const BATCH: i64 = 10;
/// How long the text of a sent or failed mail is kept (for support questions); after
/// that only who, what subject and when remain.
const KEEP_BODIES: TimeDelta = TimeDelta::days(30);
/// How often old bodies are cleared.
const HOUSEKEEPING: Duration = Duration::from_secs(3600);

/// When to try again, and when to give up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt; doubles each time.
    pub base: Duration,
    /// Longest wait between attempts.
    pub cap: Duration,
    /// Attempts before a mail is marked failed.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(2 * 3600),
            max_attempts: 10,
        }
    }
}

/// What to do with a mail after an attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Done.
    Sent,
    /// Try again after this long.
    Retry(Duration),
    /// Give up.
    Fail,
}

impl RetryPolicy {
    /// The wait after `attempts` failed attempts (1 → `base`, 2 → 2×`base`, ...).
    pub fn delay(&self, attempts: u32) -> Duration {
        let doublings = attempts.saturating_sub(1).min(30);
        self.base.saturating_mul(1 << doublings).min(self.cap)
    }

    /// Decides after attempt number `attempts` ended with `result`.
    pub fn decide(&self, attempts: u32, result: &Result<(), SendError>) -> Decision {
        match result {
            Ok(()) => Decision::Sent,
            Err(SendError::Permanent(_)) => Decision::Fail,
            Err(SendError::Transient(_)) if attempts >= self.max_attempts => Decision::Fail,
            Err(SendError::Transient(_)) => Decision::Retry(self.delay(attempts)),
        }
    }
}

async fn forget_old_bodies(db: &Db) {
    let cutoff = crate::db::now() - KEEP_BODIES;
    let result = db
        .run(move |conn| outbox::forget_old_bodies(conn, cutoff).map_err(DbError::from))
        .await;
    match result {
        Ok(0) => {}
        Ok(cleared) => tracing::info!(cleared, "bodies of old sent mail cleared"),
        Err(e) => tracing::warn!(error = %e, "clearing old mail bodies failed"),
    }
}

/// Sends what the outbox holds.
pub struct Mailer {
    transport: Transport,
    sender: Sender,
    policy: RetryPolicy,
    wake: Notify,
    counter: IntCounterVec,
}

impl Mailer {
    /// A mailer over `transport`; `counter` counts outcomes by `result`.
    pub fn new(
        transport: Transport,
        sender: Sender,
        policy: RetryPolicy,
        counter: IntCounterVec,
    ) -> Mailer {
        Mailer {
            transport,
            sender,
            policy,
            wake: Notify::new(),
            counter,
        }
    }

    /// To call after a transaction that queued mail committed.
    pub fn queued(&self) {
        self.wake.notify_one();
    }

    /// Runs the worker until the mailer is dropped (the server stopped). It also looks
    /// for due mail on its own, so retries and mail queued by other nodes go out.
    pub fn spawn_worker(self: &Arc<Self>, db: Db) {
        let weak: Weak<Mailer> = Arc::downgrade(self);
        let idle = self.policy.base.min(Duration::from_secs(1));
        tokio::spawn(async move {
            let mut next_housekeeping = tokio::time::Instant::now();
            loop {
                let Some(mailer) = weak.upgrade() else { break };
                if tokio::time::Instant::now() >= next_housekeeping {
                    next_housekeeping += HOUSEKEEPING;
                    forget_old_bodies(&db).await;
                }
                let busy = match mailer.deliver_due(&db).await {
                    Ok(sent) => sent as i64 == BATCH,
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox round failed; retrying");
                        false
                    }
                };
                if !busy {
                    tokio::select! {
                        _ = mailer.wake.notified() => {}
                        _ = tokio::time::sleep(idle) => {}
                    }
                }
            }
        });
    }

    /// One round: claims due mails and attempts each once. Returns how many it claimed.
    pub async fn deliver_due(&self, db: &Db) -> Result<usize, DbError> {
        let rows = db
            .run(|conn| outbox::claim_due(conn, BATCH, LEASE).map_err(DbError::from))
            .await?;
        let claimed = rows.len();
        for row in rows {
            let result = self.attempt(&row).await;
            let attempts = u32::try_from(row.attempts).unwrap_or(u32::MAX);
            let decision = self.policy.decide(attempts, &result);
            let error = result.err().map(|e| e.to_string()).unwrap_or_default();
            self.record(db, row, decision, error).await?;
        }
        Ok(claimed)
    }

    /// Sends one mail, unless the one-time link in it has expired meanwhile (a reset
    /// link an hour old helps nobody).
    async fn attempt(&self, row: &OutboxRow) -> Result<(), SendError> {
        if let Some(purpose) = Purpose::of_mail(&row.kind) {
            if row.created_at + purpose.ttl() < crate::db::now() {
                return Err(SendError::Permanent(
                    "de link in deze e-mail is verlopen".into(),
                ));
            }
        }
        let message = build_message(row, &self.sender)?;
        self.transport.send(message).await
    }

    async fn record(
        &self,
        db: &Db,
        row: OutboxRow,
        decision: Decision,
        error: String,
    ) -> Result<(), DbError> {
        let id = row.id.clone();
        match &decision {
            Decision::Sent => tracing::info!(mail_id = %id, "mail sent"),
            Decision::Retry(after) => {
                tracing::warn!(mail_id = %id, %error, retry_in_s = after.as_secs_f64(), "mail not sent; will retry")
            }
            Decision::Fail => tracing::error!(mail_id = %id, %error, "mail failed for good"),
        }
        let label = match &decision {
            Decision::Sent => "sent",
            Decision::Retry(_) => "retry",
            Decision::Fail => "failed",
        };
        let (claimed, forget_body) = (row.attempts, Purpose::of_mail(&row.kind).is_some());
        let recorded = db
            .run(move |conn| {
                let attempt = match decision {
                    Decision::Sent => Attempt::Sent,
                    Decision::Retry(after) => Attempt::Retry {
                        next: crate::db::now()
                            + TimeDelta::from_std(after).unwrap_or(TimeDelta::hours(1)),
                        error: &error,
                    },
                    Decision::Fail => Attempt::Failed { error: &error },
                };
                outbox::record_attempt(conn, &id, claimed, attempt, forget_body)
                    .map_err(DbError::from)
            })
            .await?;
        if !recorded {
            tracing::warn!(mail_id = %row.id, "attempt outlived its claim; another worker took the mail over");
            return Ok(());
        }
        // Counted once stored, so the figure never runs ahead of the outbox.
        self.counter.with_label_values(&[label]).inc();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(600),
            max_attempts: 5,
        }
    }

    #[test]
    fn back_off_doubles_up_to_the_cap() {
        let p = policy();
        let waits: Vec<u64> = (1..=7).map(|n| p.delay(n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(p.delay(u32::MAX), p.cap);
    }

    #[test]
    fn transient_errors_retry_until_the_limit_permanent_ones_fail_at_once() {
        let p = policy();
        let down = Err(SendError::Transient("connection refused".into()));
        assert_eq!(p.decide(1, &down), Decision::Retry(Duration::from_secs(30)));
        assert_eq!(
            p.decide(4, &down),
            Decision::Retry(Duration::from_secs(240))
        );
        assert_eq!(p.decide(5, &down), Decision::Fail);
        let refused = Err(SendError::Permanent("550 no such mailbox".into()));
        assert_eq!(p.decide(1, &refused), Decision::Fail);
        assert_eq!(p.decide(1, &Ok(())), Decision::Sent);
    }
}
