//! Volunteer profiles and their talents.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{volunteer_profiles, volunteer_talents};
use super::{now, DbConn};
use crate::domain::volunteer::VolunteerProfileDraft;

/// A stored volunteer profile.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = volunteer_profiles)]
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

/// A profile with its talents.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The row.
    pub row: ProfileRow,
    /// Talent slugs.
    pub talents: Vec<String>,
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
    conn.transaction(|conn| {
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
        diesel::delete(volunteer_talents::table.filter(volunteer_talents::account_id.eq(account_id))).execute(conn)?;
        for slug in &draft.talents {
            diesel::insert_into(volunteer_talents::table)
                .values((volunteer_talents::account_id.eq(account_id), volunteer_talents::talent_slug.eq(slug)))
                .execute(conn)?;
        }
        Ok(())
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
