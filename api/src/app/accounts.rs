//! Accounts: register (with a mail to confirm the address, or to the owner of an
//! address that has an account already), log in (an access token for API clients, a
//! session for the browser), log out (here or everywhere), confirm the address, reset
//! a forgotten password or change it, change someone's role, see one's own data,
//! download it, delete it.
//!
//! Every change that should end someone's logins (password reset or change, role
//! change, "log out everywhere", deletion) calls `db::sessions::end_all` in its own
//! transaction: the account's sessions go and its access tokens stop counting.

use super::limits;
use super::posts::close_post;
use super::{change, matches, notify, read, Audit, Tx};
use crate::auth::session::{self, SESSION_TTL};
use crate::auth::{self, Caller};
use crate::db::account_data::{self, Export, DELETED_REASON};
use crate::db::account_tokens::{self, Purpose};
use crate::db::accounts::{self, Account, NewAccount};
use crate::db::matches::{stop_matches, Stop, Whose};
use crate::db::volunteers::{self, VolunteerProfileView};
use crate::db::{login_failures, sessions};
use crate::domain::account::{
    DetailsInput, Email, LoginInput, Owner, Password, RegisterInput, Registration,
};
use crate::domain::volunteer::VolunteerProfileInput;
use crate::domain::{CloseReason, PostMove, PostStatus, Role};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views::accounts::{AccountView, MeView, RegistrationView, SessionView, TokenView};

/// Runs CPU-heavy work (argon2) off the async workers.
async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// Registers a resident, volunteer or organisation. The answer is the same whether the
/// address is new or already has an account, so the form cannot be used to find out
/// who has one:
/// - a new address gets an account and a mail with a link to confirm it;
/// - an address that has an account gets no second one; its owner is mailed that
///   someone tried, with a link to choose a new password (at most one such link per
///   [`account_tokens::MAIL_INTERVAL`], as on the reset form).
///
/// The password is hashed either way, so the time taken does not tell either.
pub async fn register(
    state: &AppState,
    input: RegisterInput,
) -> Result<RegistrationView, ApiError> {
    let registration = input.parse()?;
    let (hash, registration) = blocking(move || {
        auth::hash_password(registration.password.expose()).map(|h| (h, registration))
    })
    .await??;
    let answer = RegistrationView::of(&registration);
    let outcome = change(state, move |tx| register_in(tx, &registration, &hash)).await;
    match outcome {
        Ok(Registered::Created(id)) => tracing::info!(account_id = %id, "account registered"),
        Ok(Registered::Existing(id)) => {
            tracing::info!(account_id = %id, "registration for an address with an account; its owner was told")
        }
        // Two registrations raced for one address and the other one won: its account
        // gets the welcome mail, this one the same answer as everybody.
        Err(ApiError::Conflict(_)) => tracing::info!("registration lost a race for its address"),
        Err(e) => return Err(e),
    }
    Ok(answer)
}

/// What a registration did (only the log hears of it).
enum Registered {
    /// A new account, by id.
    Created(String),
    /// The address had this account already.
    Existing(String),
}

fn register_in(
    tx: &mut Tx<'_>,
    registration: &Registration,
    hash: &str,
) -> Result<Registered, ApiError> {
    if let Some(existing) = accounts::find_by_email(tx.conn, registration.email.as_str())? {
        let token =
            account_tokens::issue_unless_recent(tx.conn, &existing.id, Purpose::ResetPassword)?;
        if let Some(token) = token {
            notify::registration_attempt(tx, &existing, &token)?;
        }
        return Ok(Registered::Existing(existing.id));
    }
    let new = NewAccount {
        email: registration.email.as_str(),
        password_hash: hash,
        name: &registration.name,
        role: registration.role.as_str(),
        phone: registration.phone.as_deref(),
        organisation: registration.organisation.as_deref(),
    };
    let account = accounts::create(tx.conn, new).map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => ApiError::Conflict("address taken meanwhile".into()),
        other => other.into(),
    })?;
    let token = account_tokens::issue(tx.conn, &account.id, Purpose::VerifyEmail)?;
    notify::verify_email(tx, &account, &token)?;
    Ok(Registered::Created(account.id))
}

fn wrong_login() -> ApiError {
    ApiError::Unauthorized("E-mailadres of wachtwoord klopt niet.".into())
}

/// The live account whose e-mail and password these are. Unknown addresses are
/// checked against a dummy hash, so the time taken reveals nothing; deleted accounts
/// have no address any more.
async fn check_login(state: &AppState, input: LoginInput) -> Result<Account, ApiError> {
    let key = login_failures::key(&input.email);
    let email = Email::parse(&input.email).map_err(|_| wrong_login())?;
    let lookup = key.clone();
    let (account, failures) = read(state, move |tx| {
        let failures = login_failures::state(tx.conn, &lookup, crate::db::now())?;
        Ok((accounts::find_by_email(tx.conn, email.as_str())?, failures))
    })
    .await?;
    if let Some(until) = failures.locked_until {
        // Locked: the password is not even tried, for known and unknown addresses.
        return Err(limits::login_locked(until, crate::db::now()));
    }
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let password = input.password;
    let ok = blocking(move || {
        auth::verify_password(
            &password,
            stored.as_deref().unwrap_or_else(|| auth::dummy_hash()),
        )
    })
    .await?;
    // A success writes only when there are failures to forget.
    if !ok || failures.recorded {
        let policy = state.settings.login;
        change(state, move |tx| {
            if ok {
                Ok(login_failures::clear(tx.conn, &key)?)
            } else {
                let now = crate::db::now();
                login_failures::record_failure(tx.conn, &key, now, |n| policy.lock_for(n))?;
                Ok(())
            }
        })
        .await?;
    }
    account.filter(|_| ok).ok_or_else(wrong_login)
}

/// Exchanges e-mail and password for an access token, which carries the account's
/// session version (see `db::sessions::end_all`).
pub async fn login(state: &AppState, input: LoginInput) -> Result<TokenView, ApiError> {
    let account = check_login(state, input).await?;
    let role = Role::parse(&account.role)
        .ok_or_else(|| ApiError::Internal("unknown role stored".into()))?;
    let token = state
        .tokens
        .issue(&account.id, role, account.session_version)?;
    Ok(TokenView {
        access_token: token.token,
        token_type: "Bearer",
        expires_in: token.expires_in,
    })
}

/// A browser session just started: what the page sees, and the secret for the cookie
/// (which only the cookie carries; the database keeps its hash).
pub struct StartedSession {
    /// `{account, csrf_token}`.
    pub view: SessionView,
    /// The cookie's value.
    pub secret: String,
}

/// Exchanges e-mail and password for a browser session (same checks and answers as
/// [`login`]). Expired sessions of anyone are cleared out on the way.
pub async fn start_session(
    state: &AppState,
    input: LoginInput,
) -> Result<StartedSession, ApiError> {
    let account = check_login(state, input).await?;
    let secret = session::new_secret();
    let csrf_token = session::new_csrf_token();
    let (key, csrf) = (secret.clone(), csrf_token.clone());
    let account = change(state, move |tx| {
        sessions::delete_expired(tx.conn)?;
        // A password reset or role change since the password was checked ends this
        // login too, as it would have ended a session started a moment earlier.
        if accounts::session_version(tx.conn, &account.id)? != Some(account.session_version) {
            return Err(wrong_login());
        }
        sessions::create(tx.conn, &account.id, &key, &csrf, SESSION_TTL)?;
        Ok(account)
    })
    .await?;
    tracing::info!(account_id = %account.id, "session started");
    Ok(StartedSession {
        view: SessionView {
            account: Some(AccountView::from(&account)),
            csrf_token: Some(csrf_token),
        },
        secret,
    })
}

/// The session a cookie secret names, with its account; `None` when it has expired,
/// was ended, or never existed. One query.
pub async fn current_session(
    state: &AppState,
    secret: String,
) -> Result<Option<SessionView>, ApiError> {
    let found = read(state, move |tx| {
        Ok(sessions::live_account(tx.conn, &secret)?)
    })
    .await?;
    Ok(found.map(|(account, csrf_token)| SessionView {
        account: Some(AccountView::from(&account)),
        csrf_token: Some(csrf_token),
    }))
}

/// Ends the session a cookie secret names ("log out" in this browser).
pub async fn end_session(state: &AppState, secret: String) -> Result<(), ApiError> {
    change(state, move |tx| Ok(sessions::end(tx.conn, &secret)?)).await
}

/// "Log out everywhere": ends every session and every access token of the caller.
pub async fn end_all_sessions(state: &AppState, caller: &Caller) -> Result<(), ApiError> {
    let id = caller.id.clone();
    change(state, move |tx| Ok(sessions::end_all(tx.conn, &id)?)).await?;
    tracing::info!(account_id = %caller.id, "logged out everywhere");
    Ok(())
}

/// Changes the caller's password, after they confirm the current one; every session
/// and access token of the account ends (this one too: they log in again).
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    current_password: String,
    new_password: String,
) -> Result<(), ApiError> {
    let weak = |e| ApiError::field("new_password", e);
    let new_password = Password::parse_without_owner(&new_password).map_err(weak)?;
    let id = caller.id.clone();
    let account = read(state, move |tx| Ok(accounts::find(tx.conn, &id)?))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    new_password
        .check_owner(Owner {
            email: &account.email,
            name: &account.name,
        })
        .map_err(weak)?;
    let stored = account.password_hash;
    let hash = blocking(move || {
        if !auth::verify_password(&current_password, &stored) {
            return Ok(None);
        }
        auth::hash_password(new_password.expose()).map(Some)
    })
    .await??
    .ok_or_else(|| {
        ApiError::Forbidden(
            "Uw huidige wachtwoord klopt niet. Uw wachtwoord is niet gewijzigd.".into(),
        )
    })?;
    let id = caller.id.clone();
    change(state, move |tx| {
        accounts::set_password(tx.conn, &id, &hash)?;
        Ok(sessions::end_all(tx.conn, &id)?)
    })
    .await?;
    tracing::info!(account_id = %caller.id, "password changed");
    Ok(())
}

/// Who changes a role: a coordinator through the API, or the operator on the command
/// line (who has no account; the audit entry then names the account itself).
#[derive(Debug, Clone, Copy)]
pub enum RoleChanger<'a> {
    /// A coordinator, by account id.
    Coordinator(&'a str),
    /// `noaber user set-role`.
    Operator,
}

/// The audit detail of a role change.
fn role_change_detail(role: Role, by: RoleChanger<'_>) -> &'static str {
    match (by, role) {
        (RoleChanger::Coordinator(_), Role::Resident) => "rol gewijzigd in inwoner",
        (RoleChanger::Coordinator(_), Role::Volunteer) => "rol gewijzigd in vrijwilliger",
        (RoleChanger::Coordinator(_), Role::Organisation) => "rol gewijzigd in organisatie",
        (RoleChanger::Coordinator(_), Role::Coordinator) => "rol gewijzigd in coördinator",
        (RoleChanger::Operator, Role::Resident) => "rol gewijzigd in inwoner door de beheerder",
        (RoleChanger::Operator, Role::Volunteer) => {
            "rol gewijzigd in vrijwilliger door de beheerder"
        }
        (RoleChanger::Operator, Role::Organisation) => {
            "rol gewijzigd in organisatie door de beheerder"
        }
        (RoleChanger::Operator, Role::Coordinator) => {
            "rol gewijzigd in coördinator door de beheerder"
        }
    }
}

/// Gives a live account another role, in `tx`: the change is audited, matching
/// hears of it when a volunteer is involved, and every session and access token of
/// the account ends, so the new role (and nothing of the old one) applies from the
/// next login on. Setting the role it already has changes nothing and logs nobody
/// out. `None` when there is no such account. Shared by the API and the CLI.
pub fn change_role(
    tx: &mut Tx<'_>,
    account_id: &str,
    role: Role,
    by: RoleChanger<'_>,
) -> Result<Option<Account>, ApiError> {
    let Some(before) = accounts::find(tx.conn, account_id)? else {
        return Ok(None);
    };
    if before.role == role.as_str() {
        return Ok(Some(before));
    }
    accounts::set_role(tx.conn, account_id, role)?;
    sessions::end_all(tx.conn, account_id)?;
    if before.role == Role::Volunteer.as_str() || role == Role::Volunteer {
        volunteers::note_change(tx.conn, account_id)?;
    }
    let actor = match by {
        RoleChanger::Coordinator(id) => id,
        RoleChanger::Operator => account_id,
    };
    let entry = Audit::change("account", account_id, role_change_detail(role, by));
    tx.record_audit(actor, entry)?;
    Ok(accounts::find(tx.conn, account_id)?)
}

/// A coordinator gives an account another role (see [`change_role`]). Others get 403
/// before their input is read; an unknown role is a 422, an unknown account a 404.
pub async fn set_role(
    state: &AppState,
    caller: &Caller,
    account_id: String,
    role: &str,
) -> Result<AccountView, ApiError> {
    caller.require(&[Role::Coordinator])?;
    let role = Role::parse(role.trim()).ok_or_else(|| {
        ApiError::field(
            "role",
            "Kies resident, volunteer, organisation of coordinator.",
        )
    })?;
    // A coordinator who demotes themself could leave the Servicepunt without anyone
    // to review posts; another coordinator (or the `noaber user set-role` command) does it.
    if account_id == caller.id && role != Role::Coordinator {
        return Err(ApiError::Conflict(
            "U kunt uw eigen rol niet wijzigen. Vraag een andere coördinator.".into(),
        ));
    }
    let actor = caller.id.clone();
    let account = change(state, move |tx| {
        change_role(tx, &account_id, role, RoleChanger::Coordinator(&actor))
    })
    .await?
    .ok_or_else(ApiError::not_found)?;
    tracing::info!(account_id = %account.id, role = %role, "role changed");
    Ok(AccountView::from(&account))
}

fn invalid_link() -> ApiError {
    ApiError::field(
        "token",
        "Deze link is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.",
    )
}

/// Confirms an address with the token from the welcome mail.
pub async fn verify_email(state: &AppState, token: String) -> Result<AccountView, ApiError> {
    let account = change(state, move |tx| {
        let Some(id) = account_tokens::redeem(tx.conn, token.trim(), Purpose::VerifyEmail)? else {
            return Ok(None);
        };
        accounts::set_email_verified(tx.conn, &id)?;
        Ok(accounts::find(tx.conn, &id)?)
    })
    .await?
    .ok_or_else(invalid_link)?;
    Ok(AccountView::from(&account))
}

/// Sends the confirmation mail again (the first one got lost or expired); at most one
/// mail with a link per two minutes.
pub async fn resend_verification(state: &AppState, caller: &Caller) -> Result<(), ApiError> {
    let id = caller.id.clone();
    change(state, move |tx| {
        let account = accounts::find(tx.conn, &id)?.ok_or_else(ApiError::unauthorized)?;
        if account.email_verified {
            return Err(ApiError::Conflict("Uw e-mailadres is al bevestigd.".into()));
        }
        let Some(token) = account_tokens::issue_unless_recent(tx.conn, &id, Purpose::VerifyEmail)?
        else {
            return Err(ApiError::TooManyRequests(
                "U hebt net een e-mail met een link gekregen. Kijk ook bij de ongewenste e-mail, of probeer het over een paar minuten opnieuw.".into(),
            ));
        };
        Ok(notify::verify_email(tx, &account, &token)?)
    })
    .await
}

/// Mails a link to choose a new password, if the address has an account; the caller
/// learns nothing either way. Asked again too soon: no second mail.
pub async fn request_reset(state: &AppState, email: Email) -> Result<(), ApiError> {
    change(state, move |tx| {
        let Some(account) = accounts::find_by_email(tx.conn, email.as_str())? else {
            return Ok(());
        };
        match account_tokens::issue_unless_recent(tx.conn, &account.id, Purpose::ResetPassword)? {
            Some(token) => Ok(notify::reset_password(tx, &account, &token)?),
            None => Ok(()),
        }
    })
    .await
}

/// Sets a new password with the token from the reset mail. The link also proves the
/// address, so it counts as confirmed. Every session and access token of the account
/// ends.
pub async fn confirm_reset(
    state: &AppState,
    token: String,
    password: &str,
) -> Result<AccountView, ApiError> {
    let password =
        Password::parse_without_owner(password).map_err(|e| ApiError::field("password", e))?;
    let (hash, password) =
        blocking(move || auth::hash_password(password.expose()).map(|h| (h, password))).await??;
    let account = change(state, move |tx| {
        let Some(id) = account_tokens::redeem(tx.conn, token.trim(), Purpose::ResetPassword)?
        else {
            return Ok(None);
        };
        // Only now is it known whose password this is. Refusing it rolls the whole
        // transaction back, so the link still works for a better password.
        if let Some(account) = accounts::find(tx.conn, &id)? {
            let owner = Owner {
                email: &account.email,
                name: &account.name,
            };
            password
                .check_owner(owner)
                .map_err(|e| ApiError::field("password", e))?;
        }
        accounts::set_password_from_reset(tx.conn, &id, &hash)?;
        // Whoever knew the old password (or holds a session) is out.
        sessions::end_all(tx.conn, &id)?;
        Ok(accounts::find(tx.conn, &id)?)
    })
    .await?
    .ok_or_else(invalid_link)?;
    tracing::info!(account_id = %account.id, "password reset");
    Ok(AccountView::from(&account))
}

fn me_view(tx: &mut Tx<'_>, caller: &Caller) -> Result<MeView, ApiError> {
    let account = accounts::find(tx.conn, &caller.id)?.ok_or_else(ApiError::unauthorized)?;
    let profile = match caller.role {
        Role::Volunteer => volunteers::find(tx.conn, &caller.id)?,
        _ => None,
    };
    let vog_valid_until = profile
        .as_ref()
        .and_then(|p| p.row.vog().valid_until(tx.vog_valid_years));
    let volunteer_profile = profile.map(VolunteerProfileView::from);
    let organisation = match caller.role {
        Role::Organisation => accounts::organisation_of(tx.conn, &caller.id)?
            .map(|(id, name)| serde_json::json!({"id": id, "name": name})),
        _ => None,
    };
    Ok(MeView {
        account: AccountView::from(&account),
        volunteer_profile,
        vog_valid_until,
        organisation,
    })
}

/// The caller's account and, for volunteers, their profile.
pub async fn me(state: &AppState, caller: &Caller) -> Result<MeView, ApiError> {
    let caller = caller.clone();
    read(state, move |tx| me_view(tx, &caller)).await
}

/// Changes the caller's own name, phone number and (for an organisation) its name.
pub async fn change_details(
    state: &AppState,
    caller: &Caller,
    input: DetailsInput,
) -> Result<MeView, ApiError> {
    let details = input.parse(caller.role)?;
    let caller = caller.clone();
    change(state, move |tx| {
        accounts::update_details(tx.conn, &caller.id, &details)?;
        me_view(tx, &caller)
    })
    .await
}

/// Creates or replaces the caller's volunteer profile (matching picks it up). Only
/// volunteers have one: others get 403 before their input is read.
pub async fn set_volunteer_profile(
    state: &AppState,
    caller: &Caller,
    input: VolunteerProfileInput,
) -> Result<MeView, ApiError> {
    caller.require(&[Role::Volunteer])?;
    let draft = input.parse(&state.reference)?;
    let caller = caller.clone();
    change(state, move |tx| {
        volunteers::save(tx.conn, &caller.id, &draft)?;
        me_view(tx, &caller)
    })
    .await
}

/// Everything Noaber keeps about the caller, as one document.
pub async fn export(state: &AppState, caller: &Caller) -> Result<Export, ApiError> {
    let id = caller.id.clone();
    read(state, move |tx| {
        account_data::export(tx.conn, &id)?.ok_or_else(ApiError::unauthorized)
    })
    .await
}

/// How a deleted account's posts close: from any status that is still going (a
/// `matched` request too: its volunteer hears that it ended).
const DELETED_POST: PostMove = PostMove {
    from: PostStatus::GOING,
    to: PostStatus::Closed,
    close_reason: Some(CloseReason::Withdrawn),
};

/// Deletes the caller's account after they confirm with their password, in one
/// transaction. The same rules as withdrawing apply, with nothing left running:
/// - their posts close as withdrawn; matches on them still being arranged are
///   declined and confirmed ones end as failed, reason "account verwijderd";
/// - their own matches as a volunteer stop the same way, and the requests they were
///   on are open again;
/// - everyone who knew of a stopped match is mailed, as on a withdrawal; the deleted
///   person gets nothing;
/// - then everything that identifies them is removed (see `account_data::anonymise`),
///   and every session and access token of the account ends.
///
/// Servicepunt accounts are removed by the operator, not here.
pub async fn delete(state: &AppState, caller: &Caller, password: String) -> Result<(), ApiError> {
    if password.is_empty() {
        return Err(ApiError::field(
            "password",
            "Vul uw wachtwoord in om het verwijderen te bevestigen.",
        ));
    }
    let id = caller.id.clone();
    let account: Account = read(state, move |tx| Ok(accounts::find(tx.conn, &id)?))
        .await?
        .ok_or_else(ApiError::unauthorized)?;
    if caller.is_coordinator() || account.is_coordinator() {
        return Err(ApiError::Forbidden(
            "Een account van het Servicepunt kan niet zelf worden verwijderd. Vraag de beheerder."
                .into(),
        ));
    }
    let stored = account.password_hash;
    if !blocking(move || auth::verify_password(&password, &stored)).await? {
        return Err(ApiError::Forbidden(
            "Het wachtwoord klopt niet. Uw account is niet verwijderd.".into(),
        ));
    }
    let id = caller.id.clone();
    change(state, move |tx| {
        if !account_data::mark_deleted(tx.conn, &id)? {
            return Err(ApiError::unauthorized());
        }
        for post_id in account_data::going_posts(tx.conn, &id)? {
            close_post(
                tx,
                &post_id,
                DELETED_POST,
                Stop::All,
                &id,
                DELETED_REASON,
                DELETED_REASON,
            )?;
        }
        let stopped = stop_matches(
            tx.conn,
            Whose::Volunteer(&id),
            Stop::All,
            &id,
            DELETED_REASON,
        )?;
        matches::tell_stopped(tx, stopped, &id)?;
        account_data::anonymise(tx.conn, &id)?;
        sessions::end_all(tx.conn, &id)?;
        tx.search_changed();
        // Recorded for everyone (not only coordinators): the log shows who asked.
        let entry = Audit::change("account", &id, "account verwijderd op eigen verzoek");
        tx.record_audit(&id, entry)?;
        Ok(())
    })
    .await?;
    tracing::info!("account deleted");
    Ok(())
}
