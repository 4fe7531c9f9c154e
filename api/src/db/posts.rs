//! Posts (requests, offers, vacancies): storage, listing with filters, status
//! transitions with their history.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use diesel::dsl::{exists, not};

use super::schema::{
    accounts, matches, organisations, post_events, post_talents, posts, search_changes,
};
use super::{new_id, now, DbConn};
use crate::domain::post::{OnBehalfOf, PostDraft, Schedule};
use crate::domain::{CloseReason, IntakeChannel, PostKind, PostMove, PostStatus};

type Backend = <DbConn as diesel::Connection>::Backend;

/// A post row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = posts)]
pub struct PostRow {
    /// Id.
    pub id: String,
    /// Request, offer or vacancy.
    #[diesel(deserialize_as = String)]
    pub kind: PostKind,
    /// Author account.
    pub author_id: String,
    /// For vacancies: the organisation.
    pub organisation_id: Option<String>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Category slug.
    pub category_slug: String,
    /// Place slug.
    pub place_slug: String,
    /// `once`, `weekly`, `flexible`.
    pub schedule_kind: String,
    /// One-off date.
    pub schedule_date: Option<NaiveDate>,
    /// Slot bit set.
    pub schedule_mask: i32,
    /// Hours a week.
    pub hours_per_week: Option<f64>,
    /// Radius km.
    pub radius_km: Option<i32>,
    /// Lifecycle status.
    #[diesel(deserialize_as = String)]
    pub status: PostStatus,
    /// Why closed.
    pub close_reason: Option<String>,
    /// Why rejected.
    pub review_reason: Option<String>,
    /// How the request came in.
    #[diesel(deserialize_as = String)]
    pub intake_channel: IntakeChannel,
    /// On-behalf-of name.
    pub on_behalf_name: Option<String>,
    /// On-behalf-of phone.
    pub on_behalf_phone: Option<String>,
    /// On-behalf-of e-mail.
    pub on_behalf_email: Option<String>,
    /// Referrer type.
    pub referrer: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// Published.
    pub published_at: Option<NaiveDateTime>,
    /// The volunteer calls whoever posted, not the resident (see
    /// [`OnBehalfOf::via_poster`]).
    pub on_behalf_via_poster: bool,
}

impl PostRow {
    /// When the help is wanted, as the columns store it.
    pub fn schedule(&self) -> Schedule {
        Schedule::from_stored(
            &self.schedule_kind,
            self.schedule_date,
            self.schedule_mask,
            self.hours_per_week,
        )
    }

    /// The resident it is for, when someone posted on their behalf (private: author
    /// and coordinator only).
    pub fn on_behalf_of(&self) -> Option<OnBehalfOf> {
        self.on_behalf_name.as_ref().map(|name| OnBehalfOf {
            name: name.clone(),
            phone: self.on_behalf_phone.clone(),
            email: self.on_behalf_email.clone(),
            channel: self.intake_channel.as_str().to_owned(),
            referrer: self.referrer.clone(),
            via_poster: self.on_behalf_via_poster,
        })
    }

    /// Why it was closed (unknown stored texts read as none).
    pub fn close_reason(&self) -> Option<CloseReason> {
        self.close_reason.as_deref().and_then(CloseReason::parse)
    }
}

/// A post with what responses need besides the row.
#[derive(Debug, Clone)]
pub struct PostRecord {
    /// The row.
    pub row: PostRow,
    /// Talent slugs.
    pub talents: Vec<String>,
    /// The author's full name.
    pub author_name: String,
    /// Whether the author confirmed their e-mail address, and since when they have an
    /// account (what the coordinator weighs when reviewing a stranger's post).
    pub author_account: AuthorAccount,
    /// The organisation's name, for vacancies.
    pub organisation_name: Option<String>,
}

/// Who may see which posts in a list.
#[derive(Debug, Clone)]
pub enum Visibility {
    /// Coordinators: everything.
    All,
    /// Everyone else: open posts, plus their own (if logged in).
    OpenOrOwn(Option<String>),
}

/// Filters for listing posts.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// Kind.
    pub kind: PostKind,
    /// Category slug.
    pub category: Option<String>,
    /// Place slug.
    pub place: Option<String>,
    /// Status.
    pub status: Option<PostStatus>,
    /// Only posts by this author.
    pub author: Option<String>,
    /// Visibility rule.
    pub visibility: Visibility,
    /// Only open posts published before this moment that nobody has responded to
    /// (a coordinator's suggestion alone is no response).
    pub waiting_since: Option<NaiveDateTime>,
    /// Oldest first instead of newest first.
    pub oldest_first: bool,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

impl ListFilter {
    /// Every post of `kind` (as a coordinator sees them), first page of 20.
    pub fn all(kind: PostKind) -> ListFilter {
        ListFilter {
            kind,
            category: None,
            place: None,
            status: None,
            author: None,
            visibility: Visibility::All,
            waiting_since: None,
            oldest_first: false,
            limit: 20,
            offset: 0,
        }
    }
}

/// Who is doing a change, for the history.
pub struct Change<'a> {
    /// The acting account.
    pub actor_id: &'a str,
    /// Why, if said.
    pub reason: Option<&'a str>,
}

fn record_event(
    conn: &mut DbConn,
    post_id: &str,
    from: Option<PostStatus>,
    to: PostStatus,
    change: &Change<'_>,
) -> QueryResult<()> {
    diesel::insert_into(post_events::table)
        .values((
            post_events::id.eq(new_id()),
            post_events::post_id.eq(post_id),
            post_events::actor_id.eq(Some(change.actor_id)),
            post_events::from_status.eq(from.map(PostStatus::as_str)),
            post_events::to_status.eq(to.as_str()),
            post_events::reason.eq(change.reason),
            post_events::at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Notes that a post changed, for the search index (same transaction as the change).
fn note_search_change(conn: &mut DbConn, post_id: &str) -> QueryResult<()> {
    diesel::insert_into(search_changes::table)
        .values((
            search_changes::post_id.eq(post_id),
            search_changes::at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every open post (for rebuilding the search index), with talents.
pub fn all_open(conn: &mut DbConn) -> QueryResult<Vec<PostRecord>> {
    let rows = with_author()
        .filter(posts::status.eq(PostStatus::Open.as_str()))
        .select(named())
        .order(posts::id)
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // Chunked: engines limit bind parameters.
        let chunk: Vec<Named> = rows.by_ref().take(500).collect();
        out.extend(attach(conn, chunk)?);
    }
    Ok(out)
}

/// Posts by id (any kind or status).
pub fn by_ids(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<PostRecord>> {
    let rows = with_author()
        .filter(posts::id.eq_any(ids))
        .select(named())
        .load(conn)?;
    attach(conn, rows)
}

fn replace_talents(conn: &mut DbConn, post_id: &str, talents: &[String]) -> QueryResult<()> {
    diesel::delete(post_talents::table.filter(post_talents::post_id.eq(post_id))).execute(conn)?;
    add_talents(conn, post_id, talents)
}

/// Adds talents to a post that has none of them yet, in one statement.
fn add_talents(conn: &mut DbConn, post_id: &str, talents: &[String]) -> QueryResult<()> {
    if talents.is_empty() {
        return Ok(());
    }
    let rows: Vec<_> = talents
        .iter()
        .map(|slug| {
            (
                post_talents::post_id.eq(post_id),
                post_talents::talent_slug.eq(slug),
            )
        })
        .collect();
    // Per engine: diesel's multi-backend connection has no multi-row INSERT.
    let insert = diesel::insert_into(post_talents::table).values(rows);
    match conn {
        DbConn::Sqlite(c) => insert.execute(c)?,
        DbConn::Postgres(c) => insert.execute(c)?,
    };
    Ok(())
}

/// Everything to store a new post.
pub struct NewPost<'a> {
    /// Kind.
    pub kind: PostKind,
    /// Author account.
    pub author_id: &'a str,
    /// Organisation, for vacancies.
    pub organisation_id: Option<&'a str>,
    /// The checked content.
    pub draft: &'a PostDraft,
    /// Initial status.
    pub status: PostStatus,
    /// How it came in.
    pub intake_channel: IntakeChannel,
}

/// Stores a new post with its talents, its search change and first history entry;
/// returns its id. Call it inside the caller's write transaction (they belong
/// together; a savepoint of its own would cost two statements per post).
pub fn insert(conn: &mut DbConn, new: NewPost<'_>) -> QueryResult<String> {
    insert_at(conn, new_id(), now(), new)
}

/// As [`insert`], with the id and creation time given (demo data is deterministic).
pub fn insert_at(
    conn: &mut DbConn,
    id: String,
    at: NaiveDateTime,
    new: NewPost<'_>,
) -> QueryResult<String> {
    let schedule = new.draft.schedule.to_stored();
    let on_behalf = new.draft.on_behalf_of.as_ref();
    let published = (new.status == PostStatus::Open).then_some(at);
    diesel::insert_into(posts::table)
        .values((
            (
                posts::id.eq(&id),
                posts::kind.eq(new.kind.as_str()),
                posts::author_id.eq(new.author_id),
                posts::organisation_id.eq(new.organisation_id),
                posts::title.eq(&new.draft.title),
                posts::description.eq(&new.draft.description),
                posts::category_slug.eq(&new.draft.category),
                posts::place_slug.eq(&new.draft.place),
                posts::schedule_kind.eq(schedule.kind),
                posts::schedule_date.eq(schedule.date),
                posts::schedule_mask.eq(schedule.mask),
                posts::hours_per_week.eq(schedule.hours_per_week),
            ),
            (
                posts::radius_km.eq(new.draft.radius_km),
                posts::status.eq(new.status.as_str()),
                posts::intake_channel.eq(new.intake_channel.as_str()),
                posts::on_behalf_name.eq(on_behalf.map(|o| &o.name)),
                posts::on_behalf_phone.eq(on_behalf.and_then(|o| o.phone.as_ref())),
                posts::on_behalf_email.eq(on_behalf.and_then(|o| o.email.as_ref())),
                posts::referrer.eq(on_behalf.and_then(|o| o.referrer.as_ref())),
                posts::on_behalf_via_poster.eq(on_behalf.is_some_and(|o| o.via_poster)),
                posts::created_at.eq(at),
                posts::updated_at.eq(at),
                posts::published_at.eq(published),
            ),
        ))
        .execute(conn)?;
    add_talents(conn, &id, &new.draft.talents)?;
    note_search_change(conn, &id)?;
    let change = Change {
        actor_id: new.author_id,
        reason: None,
    };
    record_event(conn, &id, None, new.status, &change)?;
    Ok(id)
}

/// Posts with their author's name: every loader selects from this join, so the name
/// costs no query of its own.
type WithAuthor = diesel::dsl::InnerJoin<posts::table, accounts::table>;

fn with_author() -> WithAuthor {
    posts::table.inner_join(accounts::table)
}

/// What a reviewer weighs of a post's author besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
pub struct AuthorAccount {
    /// The e-mail address is confirmed.
    pub email_verified: bool,
    /// The account was made then.
    pub since: NaiveDateTime,
}

/// A post row and its author's name and account, as loaded from [`with_author`].
type Named = (PostRow, String, AuthorAccount);

#[allow(clippy::type_complexity)]
fn named() -> (
    diesel::dsl::AsSelect<PostRow, Backend>,
    accounts::name,
    (accounts::email_verified, accounts::created_at),
) {
    (
        PostRow::as_select(),
        accounts::name,
        (accounts::email_verified, accounts::created_at),
    )
}

/// The talent slugs of each of the posts `ids`, sorted.
pub(super) fn talents_of(
    conn: &mut DbConn,
    ids: &[&str],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let mut talents: HashMap<String, Vec<String>> = HashMap::new();
    // Chunked: engines limit bind parameters.
    for chunk in ids.chunks(1000) {
        for (post, slug) in post_talents::table
            .filter(post_talents::post_id.eq_any(chunk))
            .select((post_talents::post_id, post_talents::talent_slug))
            .order((post_talents::post_id, post_talents::talent_slug))
            .load::<(String, String)>(conn)?
        {
            talents.entry(post).or_default().push(slug);
        }
    }
    Ok(talents)
}

/// Adds talents and the organisation's name: one query for the talents and, only for
/// vacancies, one for the organisations.
fn attach(conn: &mut DbConn, rows: Vec<Named>) -> QueryResult<Vec<PostRecord>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|(r, ..)| r.id.as_str()).collect();
    let orgs: Vec<&str> = rows
        .iter()
        .filter_map(|(r, ..)| r.organisation_id.as_deref())
        .collect();
    let mut talents = talents_of(conn, &ids)?;
    let org_names: HashMap<String, String> = if orgs.is_empty() {
        HashMap::new()
    } else {
        organisations::table
            .filter(organisations::id.eq_any(&orgs))
            .select((organisations::id, organisations::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|(row, author_name, author_account)| PostRecord {
            talents: talents.remove(&row.id).unwrap_or_default(),
            author_name,
            author_account,
            organisation_name: row
                .organisation_id
                .as_ref()
                .and_then(|o| org_names.get(o).cloned()),
            row,
        })
        .collect())
}

/// The organisation's name of each vacancy among `post_ids` (other posts are left
/// out), in one query: search results show who offers the work.
pub fn organisation_names(
    conn: &mut DbConn,
    post_ids: &[&str],
) -> QueryResult<HashMap<String, String>> {
    if post_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(posts::table
        .inner_join(
            organisations::table.on(posts::organisation_id.eq(organisations::id.nullable())),
        )
        .filter(posts::id.eq_any(post_ids))
        .select((posts::id, organisations::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The post with this id and kind.
pub fn get(conn: &mut DbConn, kind: PostKind, id: &str) -> QueryResult<Option<PostRecord>> {
    Ok(find(conn, id)?.filter(|p| p.row.kind == kind))
}

/// The post row with this id and its author's name.
fn named_by_id(conn: &mut DbConn, id: &str) -> QueryResult<Option<Named>> {
    with_author()
        .filter(posts::id.eq(id))
        .select(named())
        .first(conn)
        .optional()
}

/// The post with this id, of any kind.
pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<PostRecord>> {
    let row = named_by_id(conn, id)?;
    Ok(match row {
        Some(row) => attach(conn, vec![row])?.pop(),
        None => None,
    })
}

/// A post [`insert`]ed in this transaction, read back in one query: its talents
/// and organisation are the ones it was stored with, so they need no query of their
/// own (creating a post is the busiest write).
pub fn inserted(
    conn: &mut DbConn,
    id: &str,
    talents: &[String],
    organisation_name: Option<String>,
) -> QueryResult<PostRecord> {
    let (row, author_name, author_account) =
        named_by_id(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    let mut talents = talents.to_vec();
    talents.sort(); // as every loader returns them
    Ok(PostRecord {
        row,
        talents,
        author_name,
        author_account,
        organisation_name,
    })
}

/// The list filter applied to a boxed query over `posts` (alone or joined): one set of
/// rules for the page and for the count.
macro_rules! list_filter {
    ($query:expr, $filter:expr) => {{
        let filter: &ListFilter = $filter;
        let mut query = $query.filter(posts::kind.eq(filter.kind.as_str()));
        if let Some(c) = &filter.category {
            query = query.filter(posts::category_slug.eq(c.clone()));
        }
        if let Some(p) = &filter.place {
            query = query.filter(posts::place_slug.eq(p.clone()));
        }
        if let Some(s) = filter.status {
            query = query.filter(posts::status.eq(s.as_str()));
        }
        if let Some(a) = &filter.author {
            query = query.filter(posts::author_id.eq(a.clone()));
        }
        if let Some(before) = filter.waiting_since {
            let responded = matches::table
                .filter(matches::post_id.eq(posts::id))
                .filter(matches::shown_to_parties.eq(true));
            query = query
                .filter(posts::status.eq(PostStatus::Open.as_str()))
                .filter(posts::published_at.lt(before))
                .filter(not(exists(responded)));
        }
        match &filter.visibility {
            Visibility::All => query,
            Visibility::OpenOrOwn(None) => {
                query.filter(posts::status.eq(PostStatus::Open.as_str()))
            }
            Visibility::OpenOrOwn(Some(me)) => query.filter(
                posts::status
                    .eq(PostStatus::Open.as_str())
                    .or(posts::author_id.eq(me.clone())),
            ),
        }
    }};
}

/// The page's rows, with their authors.
fn filtered(filter: &ListFilter) -> diesel::dsl::IntoBoxed<'static, WithAuthor, Backend> {
    list_filter!(with_author().into_boxed::<Backend>(), filter)
}

/// How many posts match the filter (all pages).
pub fn count(conn: &mut DbConn, filter: &ListFilter) -> QueryResult<i64> {
    // Without the author join: counting through it made PostgreSQL scan every account.
    list_filter!(posts::table.into_boxed::<Backend>(), filter)
        .count()
        .get_result(conn)
}

/// One page of posts matching the filter, newest first, and the total count. A first
/// page that is not full is the whole list, so it needs no count of its own.
pub fn list(conn: &mut DbConn, filter: &ListFilter) -> QueryResult<(i64, Vec<PostRecord>)> {
    let query = filtered(filter).select(named());
    let query = if filter.oldest_first {
        query.order((posts::created_at.asc(), posts::id))
    } else {
        query.order((posts::created_at.desc(), posts::id))
    };
    let rows: Vec<Named> = query.limit(filter.limit).offset(filter.offset).load(conn)?;
    let shown = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let total = if filter.offset == 0 && shown < filter.limit {
        shown
    } else {
        count(conn, filter)?
    };
    Ok((total, attach(conn, rows)?))
}

/// Replaces a post's content; with `new_status`, also moves it (e.g. back to review).
/// Only succeeds while the post is still in `expected_status` (no lost updates).
pub fn update_content(
    conn: &mut DbConn,
    id: &str,
    expected_status: PostStatus,
    expected_updated_at: NaiveDateTime,
    draft: &PostDraft,
    new_status: PostStatus,
    change: &Change<'_>,
) -> QueryResult<bool> {
    super::write_transaction(conn, |conn| {
        let schedule = draft.schedule.to_stored();
        let on_behalf = draft.on_behalf_of.as_ref();
        let updated = diesel::update(
            posts::table
                .filter(posts::id.eq(id))
                .filter(posts::status.eq(expected_status.as_str()))
                .filter(posts::updated_at.eq(expected_updated_at)),
        )
        .set((
            posts::title.eq(&draft.title),
            posts::description.eq(&draft.description),
            posts::category_slug.eq(&draft.category),
            posts::place_slug.eq(&draft.place),
            posts::schedule_kind.eq(schedule.kind),
            posts::schedule_date.eq(schedule.date),
            posts::schedule_mask.eq(schedule.mask),
            posts::hours_per_week.eq(schedule.hours_per_week),
            posts::radius_km.eq(draft.radius_km),
            posts::on_behalf_name.eq(on_behalf.map(|o| &o.name)),
            posts::on_behalf_phone.eq(on_behalf.and_then(|o| o.phone.as_ref())),
            posts::on_behalf_email.eq(on_behalf.and_then(|o| o.email.as_ref())),
            posts::referrer.eq(on_behalf.and_then(|o| o.referrer.as_ref())),
            posts::on_behalf_via_poster.eq(on_behalf.is_some_and(|o| o.via_poster)),
            posts::status.eq(new_status.as_str()),
            posts::updated_at.eq(now()),
        ))
        .execute(conn)?;
        if updated == 0 {
            return Ok(false);
        }
        if draft.on_behalf_of.is_some() {
            // Adding or changing the contact changes how the request came in.
            diesel::update(posts::table.filter(posts::id.eq(id)))
                .set(posts::intake_channel.eq(draft.intake_channel().as_str()))
                .execute(conn)?;
        }
        replace_talents(conn, id, &draft.talents)?;
        note_search_change(conn, id)?;
        if new_status != expected_status {
            record_event(conn, id, Some(expected_status), new_status, change)?;
        }
        Ok(true)
    })
}

/// A status change: the rule's move, and the coordinator's reason when rejecting.
pub struct Transition<'a> {
    /// From which statuses to which.
    pub rule: PostMove,
    /// Review reason, when rejecting.
    pub review_reason: Option<&'a str>,
}

impl From<PostMove> for Transition<'static> {
    fn from(rule: PostMove) -> Self {
        Transition {
            rule,
            review_reason: None,
        }
    }
}

/// Takes the post's row lock for the rest of the transaction (a write that changes
/// nothing), so that changes to a post and its matches happen one after the other,
/// always post first: two coordinators confirming two volunteers at once then
/// neither deadlock nor both win. (SQLite writes one transaction at a time anyway.)
pub fn lock(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(posts::table.filter(posts::id.eq(id)))
        .set(posts::updated_at.eq(posts::updated_at))
        .execute(conn)
        .map(drop)
}

/// Moves a post from one of `from` to `to`, recording who and why. Returns false
/// when the post was not in one of the `from` statuses (checked in the UPDATE itself,
/// so two coordinators cannot both move it).
pub fn transition(
    conn: &mut DbConn,
    id: &str,
    t: &Transition<'_>,
    change: &Change<'_>,
) -> QueryResult<bool> {
    super::write_transaction(conn, |conn| {
        let current: Option<String> = posts::table
            .filter(posts::id.eq(id))
            .select(posts::status)
            .first(conn)
            .optional()?;
        let Some(current) = current
            .and_then(|s| PostStatus::parse(&s))
            .filter(|s| t.rule.from.contains(s))
        else {
            return Ok(false);
        };
        let at = now();
        let published = (t.rule.to == PostStatus::Open).then_some(at);
        let updated = diesel::update(
            posts::table
                .filter(posts::id.eq(id))
                .filter(posts::status.eq(current.as_str())),
        )
        .set((
            posts::status.eq(t.rule.to.as_str()),
            posts::close_reason.eq(t.rule.close_reason.map(CloseReason::as_str)),
            posts::review_reason.eq(t.review_reason),
            posts::updated_at.eq(at),
        ))
        .execute(conn)?;
        if updated == 0 {
            return Ok(false);
        }
        if let Some(published) = published {
            diesel::update(posts::table.filter(posts::id.eq(id)))
                .set(posts::published_at.eq(Some(published)))
                .execute(conn)?;
        }
        record_event(conn, id, Some(current), t.rule.to, change)?;
        note_search_change(conn, id)?;
        Ok(true)
    })
}

/// The resident a post was made for: name, e-mail address, phone number.
#[derive(Debug, Clone, Queryable)]
pub struct Resident {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// The volunteer calls whoever posted, not the resident.
    pub via_poster: bool,
}

/// Who a post was made for, when someone posted on a resident's behalf.
pub fn resident_of(conn: &mut DbConn, post_id: &str) -> QueryResult<Option<Resident>> {
    type Columns = (Option<String>, Option<String>, Option<String>, bool);
    let row: Option<Columns> = posts::table
        .filter(posts::id.eq(post_id))
        .select((
            posts::on_behalf_name,
            posts::on_behalf_email,
            posts::on_behalf_phone,
            posts::on_behalf_via_poster,
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(name, email, phone, via_poster)| {
        Some(Resident {
            name: name?,
            email,
            phone,
            via_poster,
        })
    }))
}
