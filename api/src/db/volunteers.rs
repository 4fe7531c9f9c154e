//! Volunteer profiles and their talents.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{volunteer_changes, volunteer_profiles, volunteer_talents};
use super::{now, DbConn};
use crate::domain::volunteer::VolunteerProfileDraft;
use crate::domain::VogStatus;
use matching::Slot;
use serde::Serialize;
use utoipa::ToSchema;

/// A stored volunteer profile.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = volunteer_profiles, treat_none_as_default_value = false)]
pub struct ProfileRow {
    /// Account.
    pub account_id: String,
    /// Home place slug.
    pub place_slug: Option<String>,
    /// Travel distance.
    pub max_distance_km: i32,
    /// Matches at once.
    pub max_active_matches: i32,
    /// Availability bit set.
    pub availability_mask: i32,
    /// JSON array of interests.
    pub interests: String,
    /// JSON array of languages.
    pub languages: String,
    /// About.
    pub bio: String,
    /// VOG status text.
    pub vog_status: String,
    /// VOG issue date.
    pub vog_issued_on: Option<NaiveDate>,
    /// Last change.
    pub updated_at: NaiveDateTime,
}

impl ProfileRow {
    /// The profile of a volunteer who has not filled one in: no place (so matching
    /// passes them over), the profile form's defaults, no VOG.
    pub fn not_filled_in(account_id: &str) -> ProfileRow {
        ProfileRow {
            account_id: account_id.to_owned(),
            place_slug: None,
            max_distance_km: 10,
            max_active_matches: 1,
            availability_mask: 0,
            interests: "[]".into(),
            languages: "[]".into(),
            bio: String::new(),
            vog_status: "none".into(),
            vog_issued_on: None,
            updated_at: now(),
        }
    }

    /// The VOG as the matching crate reads it.
    pub fn vog(&self) -> matching::Vog {
        vog_of(&self.vog_status, self.vog_issued_on)
    }
}

/// A stored VOG status and date as the matching crate reads them (an unknown status
/// is none).
fn vog_of(status: &str, issued_on: Option<NaiveDate>) -> matching::Vog {
    let status = VogStatus::parse(status).map_or(matching::VogStatus::None, Into::into);
    matching::Vog { status, issued_on }
}

/// The VOGs of the volunteers `account_ids` in one query; a volunteer without a
/// profile is left out (no VOG).
pub fn vogs_of(
    conn: &mut DbConn,
    account_ids: &[&str],
) -> QueryResult<std::collections::HashMap<String, matching::Vog>> {
    let rows: Vec<(String, String, Option<NaiveDate>)> = volunteer_profiles::table
        .filter(volunteer_profiles::account_id.eq_any(account_ids))
        .select((
            volunteer_profiles::account_id,
            volunteer_profiles::vog_status,
            volunteer_profiles::vog_issued_on,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, status, issued_on)| (id, vog_of(&status, issued_on)))
        .collect())
}

/// A profile with its talents.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The row.
    pub row: ProfileRow,
    /// Talent slugs.
    pub talents: Vec<String>,
}

impl Profile {
    /// The profile of a volunteer who has not filled one in (see
    /// [`ProfileRow::not_filled_in`]).
    pub fn not_filled_in(account_id: &str) -> Profile {
        Profile {
            row: ProfileRow::not_filled_in(account_id),
            talents: Vec::new(),
        }
    }
}

/// Notes that what matching knows of a volunteer changed (same transaction as the change).
pub fn note_change(conn: &mut DbConn, account_id: &str) -> QueryResult<()> {
    diesel::insert_into(volunteer_changes::table)
        .values((
            volunteer_changes::account_id.eq(account_id),
            volunteer_changes::at.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

fn json_list(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// Parses a stored JSON list (empty on anything unexpected).
pub fn parse_list(stored: &str) -> Vec<String> {
    serde_json::from_str(stored).unwrap_or_default()
}

/// Creates or replaces a volunteer's profile (VOG fields are kept: the coordinator owns them).
pub fn save(conn: &mut DbConn, account_id: &str, draft: &VolunteerProfileDraft) -> QueryResult<()> {
    super::write_transaction(conn, |conn| {
        let values = (
            volunteer_profiles::place_slug.eq(Some(&draft.place)),
            volunteer_profiles::max_distance_km.eq(draft.max_distance_km),
            volunteer_profiles::max_active_matches.eq(draft.max_active_matches),
            volunteer_profiles::availability_mask.eq(draft.availability.0 as i32),
            volunteer_profiles::interests.eq(json_list(&draft.interests)),
            volunteer_profiles::languages.eq(json_list(&draft.languages)),
            volunteer_profiles::bio.eq(&draft.bio),
            volunteer_profiles::updated_at.eq(now()),
        );
        let updated = diesel::update(volunteer_profiles::table.find(account_id))
            .set(values.clone())
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(volunteer_profiles::table)
                .values((
                    volunteer_profiles::account_id.eq(account_id),
                    values,
                    volunteer_profiles::vog_status.eq("none"),
                ))
                .execute(conn)?;
        }
        diesel::delete(
            volunteer_talents::table.filter(volunteer_talents::account_id.eq(account_id)),
        )
        .execute(conn)?;
        for slug in &draft.talents {
            diesel::insert_into(volunteer_talents::table)
                .values((
                    volunteer_talents::account_id.eq(account_id),
                    volunteer_talents::talent_slug.eq(slug),
                ))
                .execute(conn)?;
        }
        note_change(conn, account_id)
    })
}

/// A volunteer's profile, if they made one.
pub fn find(conn: &mut DbConn, account_id: &str) -> QueryResult<Option<Profile>> {
    let Some(row) = volunteer_profiles::table
        .find(account_id)
        .select(ProfileRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let talents = volunteer_talents::table
        .filter(volunteer_talents::account_id.eq(account_id))
        .select(volunteer_talents::talent_slug)
        .order(volunteer_talents::talent_slug)
        .load(conn)?;
    Ok(Some(Profile { row, talents }))
}

/// Records a volunteer's VOG (the coordinator's call; the caller checked that
/// `account_id` is a volunteer).
pub fn set_vog(
    conn: &mut DbConn,
    account_id: &str,
    status: &str,
    issued_on: Option<NaiveDate>,
) -> QueryResult<()> {
    super::write_transaction(conn, |conn| {
        let vog = (
            volunteer_profiles::vog_status.eq(status),
            volunteer_profiles::vog_issued_on.eq(issued_on),
            volunteer_profiles::updated_at.eq(now()),
        );
        let updated = diesel::update(volunteer_profiles::table.find(account_id))
            .set(vog)
            .execute(conn)?;
        if updated == 0 {
            // A volunteer who responded before making a profile: the VOG is kept in
            // one not filled in yet.
            let row = ProfileRow {
                vog_status: status.to_owned(),
                vog_issued_on: issued_on,
                ..ProfileRow::not_filled_in(account_id)
            };
            diesel::insert_into(volunteer_profiles::table)
                .values(row)
                .execute(conn)?;
        }
        note_change(conn, account_id)
    })
}

/// Volunteers with a profile, optionally with a talent or in a place, by name.
pub fn list(
    conn: &mut DbConn,
    talent: Option<&str>,
    place: Option<&str>,
    limit: i64,
    offset: i64,
) -> QueryResult<(i64, Vec<(crate::db::accounts::Account, Profile)>)> {
    use crate::db::accounts::Account;
    use crate::db::schema::accounts;
    type Backend = <DbConn as diesel::Connection>::Backend;
    // Every volunteer, also one who responded before making a profile (the
    // coordinator may need to record their VOG).
    let filtered = || {
        let mut q = accounts::table
            .left_join(volunteer_profiles::table)
            .filter(accounts::role.eq(crate::domain::Role::Volunteer.as_str()))
            .filter(accounts::deleted_at.is_null())
            .into_boxed::<Backend>();
        if let Some(p) = place {
            q = q.filter(volunteer_profiles::place_slug.eq(p.to_owned()));
        }
        if let Some(t) = talent {
            let with_talent = volunteer_talents::table
                .filter(volunteer_talents::talent_slug.eq(t.to_owned()))
                .select(volunteer_talents::account_id);
            q = q.filter(accounts::id.eq_any(with_talent));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let found: Vec<Account> = filtered()
        .select(Account::as_select())
        .order((accounts::name, accounts::id))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    let ids: Vec<String> = found.iter().map(|a| a.id.clone()).collect();
    let mut profiles: std::collections::HashMap<String, ProfileRow> = volunteer_profiles::table
        .filter(volunteer_profiles::account_id.eq_any(&ids))
        .select(ProfileRow::as_select())
        .load::<ProfileRow>(conn)?
        .into_iter()
        .map(|row| (row.account_id.clone(), row))
        .collect();
    let rows = found.into_iter().map(|account| {
        let row = profiles
            .remove(&account.id)
            .unwrap_or_else(|| ProfileRow::not_filled_in(&account.id));
        (account, row)
    });
    let mut talents: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for (id, slug) in volunteer_talents::table
        .filter(volunteer_talents::account_id.eq_any(&ids))
        .select((
            volunteer_talents::account_id,
            volunteer_talents::talent_slug,
        ))
        .order(volunteer_talents::talent_slug)
        .load::<(String, String)>(conn)?
    {
        talents.entry(id).or_default().push(slug);
    }
    let items = rows
        .map(|(account, row)| {
            let talents = talents.remove(&account.id).unwrap_or_default();
            (account, Profile { row, talents })
        })
        .collect();
    Ok((total, items))
}

/// A volunteer profile as its owner (or a coordinator) sees it: in `/me`, in the
/// coordinator's volunteer view and in the data export.
#[derive(Debug, Serialize, ToSchema)]
pub struct VolunteerProfileView {
    /// Talent slugs.
    pub talents: Vec<String>,
    /// Interests.
    pub interests: Vec<String>,
    /// Weekly slots.
    #[schema(value_type = Vec<Object>)]
    pub availability: Vec<Slot>,
    /// Home place slug.
    pub place: Option<String>,
    /// Travel distance.
    pub max_distance_km: i32,
    /// Matches at once.
    pub max_active_matches: i32,
    /// Languages.
    pub languages: Vec<String>,
    /// About.
    pub bio: String,
    /// VOG status (`none`, `requested`, `valid`), set by the coordinator.
    pub vog_status: String,
    /// VOG issue date.
    #[schema(value_type = Option<String>, format = Date)]
    pub vog_issued_on: Option<NaiveDate>,
}

impl From<Profile> for VolunteerProfileView {
    fn from(p: Profile) -> Self {
        VolunteerProfileView {
            talents: p.talents,
            interests: parse_list(&p.row.interests),
            availability: matching::AvailabilityGrid(p.row.availability_mask as u32).slots(),
            place: p.row.place_slug,
            max_distance_km: p.row.max_distance_km,
            max_active_matches: p.row.max_active_matches,
            languages: parse_list(&p.row.languages),
            bio: p.row.bio,
            vog_status: p.row.vog_status,
            vog_issued_on: p.row.vog_issued_on,
        }
    }
}
