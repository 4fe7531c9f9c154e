//! Accounts and organisations.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{accounts, organisations};
use super::{new_id, now, DbConn};
use crate::domain::Role;

/// An account row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct Account {
    /// Id.
    pub id: String,
    /// Lower-cased e-mail.
    pub email: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Full name.
    pub name: String,
    /// Role text.
    pub role: String,
    /// Phone.
    pub phone: Option<String>,
    /// Whether the address was confirmed.
    pub email_verified: bool,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Deleted (anonymised).
    pub deleted_at: Option<NaiveDateTime>,
    /// Copied into every access token; see `db::sessions::end_all`.
    pub session_version: i32,
}

impl Account {
    /// Whether this is a Servicepunt account.
    pub fn is_coordinator(&self) -> bool {
        self.role == Role::Coordinator.as_str()
    }
}

/// What is needed to create an account.
pub struct NewAccount<'a> {
    /// Lower-cased e-mail.
    pub email: &'a str,
    /// argon2id hash.
    pub password_hash: &'a str,
    /// Name.
    pub name: &'a str,
    /// Role text.
    pub role: &'a str,
    /// Phone.
    pub phone: Option<&'a str>,
    /// For an organisation: its public name (else the account's name is used).
    pub organisation: Option<&'a str>,
}

/// Whether a (lower-cased) e-mail address is taken.
pub fn email_taken(conn: &mut DbConn, email: &str) -> QueryResult<bool> {
    let n: i64 = accounts::table
        .filter(accounts::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Creates an account (and, for organisations, its organisation row); returns it.
pub fn create(conn: &mut DbConn, new: NewAccount<'_>) -> QueryResult<Account> {
    create_at(conn, &new_id(), now(), new)
}

/// As [`create`], with the id and creation time given (demo data is deterministic).
pub fn create_at(
    conn: &mut DbConn,
    id: &str,
    created: NaiveDateTime,
    new: NewAccount<'_>,
) -> QueryResult<Account> {
    super::write_transaction(conn, |conn| {
        diesel::insert_into(accounts::table)
            .values((
                accounts::id.eq(id),
                accounts::email.eq(new.email),
                accounts::password_hash.eq(new.password_hash),
                accounts::name.eq(new.name),
                accounts::role.eq(new.role),
                accounts::phone.eq(new.phone),
                accounts::email_verified.eq(false),
                accounts::created_at.eq(created),
            ))
            .execute(conn)?;
        if new.role == "organisation" {
            diesel::insert_into(organisations::table)
                .values((
                    organisations::id.eq(organisation_id(id)),
                    organisations::account_id.eq(id),
                    organisations::name.eq(new.organisation.unwrap_or(new.name)),
                    organisations::description.eq(""),
                    organisations::created_at.eq(created),
                ))
                .execute(conn)?;
        }
        find(conn, id)?.ok_or(diesel::result::Error::NotFound)
    })
}

/// Changes an account's own details (and its organisation's name) as `details` says.
pub fn update_details(
    conn: &mut DbConn,
    id: &str,
    details: &crate::domain::account::Details,
) -> QueryResult<()> {
    let account = accounts::table.find(id);
    if let Some(name) = &details.name {
        diesel::update(account)
            .set(accounts::name.eq(name))
            .execute(conn)?;
    }
    if let Some(phone) = &details.phone {
        diesel::update(account)
            .set(accounts::phone.eq(phone))
            .execute(conn)?;
    }
    if let Some(name) = &details.organisation {
        diesel::update(organisations::table.filter(organisations::account_id.eq(id)))
            .set(organisations::name.eq(name))
            .execute(conn)?;
    }
    Ok(())
}

/// An organisation's id, derived from its account's (one organisation per account).
fn organisation_id(account_id: &str) -> String {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, account_id.as_bytes()).to_string()
}

/// The account with this id (not deleted).
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Account>> {
    accounts::table
        .filter(accounts::id.eq(id))
        .filter(accounts::deleted_at.is_null())
        .select(Account::as_select())
        .first(conn)
        .optional()
}

/// The account with this (lower-cased) e-mail address (not deleted).
pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<Account>> {
    accounts::table
        .filter(accounts::email.eq(email))
        .filter(accounts::deleted_at.is_null())
        .select(Account::as_select())
        .first(conn)
        .optional()
}

/// The organisation owned by an account, as (id, name).
pub fn organisation_of(
    conn: &mut DbConn,
    account_id: &str,
) -> QueryResult<Option<(String, String)>> {
    organisations::table
        .filter(organisations::account_id.eq(account_id))
        .select((organisations::id, organisations::name))
        .first(conn)
        .optional()
}

/// Marks the address as confirmed.
pub fn set_email_verified(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::email_verified.eq(true))
        .execute(conn)
        .map(drop)
}

/// Sets a new password hash; the reset link proved the address, so it counts as confirmed.
pub fn set_password_from_reset(
    conn: &mut DbConn,
    id: &str,
    password_hash: &str,
) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set((
            accounts::password_hash.eq(password_hash),
            accounts::email_verified.eq(true),
        ))
        .execute(conn)
        .map(drop)
}

/// The role and session version of a live (not deleted) account; `None` when there
/// is none. The one query behind every request with a bearer token.
pub fn live_access(conn: &mut DbConn, account_id: &str) -> QueryResult<Option<(Role, i32)>> {
    let found: Option<(String, i32)> = accounts::table
        .filter(accounts::id.eq(account_id))
        .filter(accounts::deleted_at.is_null())
        .select((accounts::role, accounts::session_version))
        .first(conn)
        .optional()?;
    Ok(found.and_then(|(role, version)| Some((Role::parse(&role)?, version))))
}

/// The session version of a live account (`None` when deleted or unknown).
pub fn session_version(conn: &mut DbConn, account_id: &str) -> QueryResult<Option<i32>> {
    accounts::table
        .filter(accounts::id.eq(account_id))
        .filter(accounts::deleted_at.is_null())
        .select(accounts::session_version)
        .first(conn)
        .optional()
}

/// Sets a new password hash (the owner changed it, knowing the old one).
pub fn set_password(conn: &mut DbConn, id: &str, password_hash: &str) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::password_hash.eq(password_hash))
        .execute(conn)
        .map(drop)
}

/// Gives a live account another role; false when there is no such account. An
/// organisation gets its organisation row, as at registration (kept if it had one).
pub fn set_role(conn: &mut DbConn, id: &str, role: Role) -> QueryResult<bool> {
    let changed = diesel::update(
        accounts::table
            .filter(accounts::id.eq(id))
            .filter(accounts::deleted_at.is_null()),
    )
    .set(accounts::role.eq(role.as_str()))
    .execute(conn)?;
    if changed == 0 {
        return Ok(false);
    }
    if role == Role::Organisation && organisation_of(conn, id)?.is_none() {
        let name: String = accounts::table
            .find(id)
            .select(accounts::name)
            .first(conn)?;
        diesel::insert_into(organisations::table)
            .values((
                organisations::id.eq(organisation_id(id)),
                organisations::account_id.eq(id),
                organisations::name.eq(name),
                organisations::description.eq(""),
                organisations::created_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(true)
}
