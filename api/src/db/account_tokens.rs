//! One-time tokens sent by e-mail: verifying an address and resetting a password.
//! Only a SHA-256 hash of a token is stored here; the mail that carries the link has
//! its text cleared from the outbox once it is sent (see `db::outbox::mark_sent`).

use chrono::TimeDelta;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::schema::account_tokens;
use super::{now, DbConn};

/// What a token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the e-mail address.
    VerifyEmail,
    /// Sets a new password.
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// How long a link works (the mails say so).
    pub fn ttl(self) -> TimeDelta {
        match self {
            Purpose::VerifyEmail => TimeDelta::hours(48),
            Purpose::ResetPassword => TimeDelta::hours(1),
        }
    }

    /// The purpose of the link in a mail of this kind (see `mail::templates`).
    pub fn of_mail(kind: &str) -> Option<Purpose> {
        match kind {
            "verify_email" => Some(Purpose::VerifyEmail),
            "reset_password" | "registration_attempt" => Some(Purpose::ResetPassword),
            _ => None,
        }
    }
}

/// At most one mail with a link per account and purpose in this time, so nobody can
/// flood someone's mailbox through the reset form.
pub const MAIL_INTERVAL: TimeDelta = TimeDelta::minutes(2);

/// The SHA-256 of a secret in lower-case hex: what is stored instead of a one-time
/// token or a session secret (both random enough that no salt or slow hash is needed).
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// As [`issue`], unless a token of this purpose was issued less than
/// [`MAIL_INTERVAL`] ago: then `None`. Checked inside the transaction, so two requests
/// at once cannot both issue one.
pub fn issue_unless_recent(
    conn: &mut DbConn,
    account_id: &str,
    purpose: Purpose,
) -> QueryResult<Option<String>> {
    super::write_transaction(conn, |conn| {
        if issued_within(conn, account_id, purpose, MAIL_INTERVAL)? {
            return Ok(None);
        }
        issue(conn, account_id, purpose).map(Some)
    })
}

/// Creates a token for `account_id`, valid for the purpose's TTL; returns the token
/// itself (to put in the e-mail). Earlier unused tokens of the same purpose stop working.
pub fn issue(conn: &mut DbConn, account_id: &str, purpose: Purpose) -> QueryResult<String> {
    let ttl = purpose.ttl();
    // Two v4 UUIDs: 244 random bits from the OS generator.
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let at = now();
    super::write_transaction(conn, |conn| {
        revoke(conn, account_id, purpose)?;
        diesel::insert_into(account_tokens::table)
            .values((
                account_tokens::token_hash.eq(hash(&token)),
                account_tokens::account_id.eq(account_id),
                account_tokens::purpose.eq(purpose.as_str()),
                account_tokens::created_at.eq(at),
                account_tokens::expires_at.eq(at + ttl),
            ))
            .execute(conn)?;
        Ok(token)
    })
}

/// Uses a token: returns its account when the token exists, has this purpose, is not
/// expired and was not used before; marks it used in the same statement, so it works
/// once even when two requests race.
pub fn redeem(conn: &mut DbConn, token: &str, purpose: Purpose) -> QueryResult<Option<String>> {
    super::write_transaction(conn, |conn| {
        let at = now();
        let hashed = hash(token);
        let valid = || {
            account_tokens::table
                .filter(account_tokens::token_hash.eq(hashed.clone()))
                .filter(account_tokens::purpose.eq(purpose.as_str()))
                .filter(account_tokens::used_at.is_null())
                .filter(account_tokens::expires_at.gt(at))
        };
        let account: Option<String> = valid()
            .select(account_tokens::account_id)
            .first(conn)
            .optional()?;
        let Some(account) = account else {
            return Ok(None);
        };
        let used = diesel::update(valid())
            .set(account_tokens::used_at.eq(Some(at)))
            .execute(conn)?;
        Ok((used == 1).then_some(account))
    })
}

/// Whether a token of this purpose was issued to the account less than `within` ago.
fn issued_within(
    conn: &mut DbConn,
    account_id: &str,
    purpose: Purpose,
    within: TimeDelta,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        account_tokens::table
            .filter(account_tokens::account_id.eq(account_id))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::created_at.gt(now() - within)),
    ))
    .get_result(conn)
}

/// Makes every unused token of this purpose unusable.
pub fn revoke(conn: &mut DbConn, account_id: &str, purpose: Purpose) -> QueryResult<()> {
    diesel::update(
        account_tokens::table
            .filter(account_tokens::account_id.eq(account_id))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::hash;

    #[test]
    fn hashes_are_hex_sha256_and_differ_per_token() {
        let h = hash("abc");
        assert_eq!(
            h,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(hash("abd"), h);
    }
}
