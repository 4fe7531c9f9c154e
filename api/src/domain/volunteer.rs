//! Volunteer profile input: talents, interests, weekly availability, home place,
//! travel distance, capacity, languages.

use matching::{AvailabilityGrid, Slot};
use serde::Deserialize;
use utoipa::ToSchema;

use super::text;
use crate::error::{ApiError, FieldErrors};
use crate::reference::Reference;

/// Body of `PUT /api/v1/me/volunteer-profile`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct VolunteerProfileInput {
    /// Talent slugs.
    #[serde(default)]
    pub talents: Vec<String>,
    /// Free-form interests ("natuur", "muziek").
    #[serde(default)]
    pub interests: Vec<String>,
    /// Weekly slots `{day, part}`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub availability: Vec<Slot>,
    /// Home place: slug, name or 4-digit postcode.
    #[serde(default)]
    pub place: String,
    /// How far they will travel.
    #[serde(default)]
    pub max_distance_km: f64,
    /// How many matches at once.
    #[serde(default)]
    pub max_active_matches: i64,
    /// Languages spoken besides Dutch.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A few words about themselves.
    #[serde(default)]
    pub bio: String,
}

/// A checked volunteer profile.
#[derive(Debug, Clone)]
pub struct VolunteerProfileDraft {
    /// Talent slugs.
    pub talents: Vec<String>,
    /// Interests, lower-case.
    pub interests: Vec<String>,
    /// Weekly availability.
    pub availability: AvailabilityGrid,
    /// Place slug.
    pub place: String,
    /// Kilometres.
    pub max_distance_km: i32,
    /// Matches at once.
    pub max_active_matches: i32,
    /// Languages, lower-case.
    pub languages: Vec<String>,
    /// About.
    pub bio: String,
}

fn words(list: &[String], label: &str, max: usize) -> Result<Vec<String>, String> {
    if list.len() > max {
        return Err(format!("Geef hooguit {max} {label} op."));
    }
    let mut out: Vec<String> = Vec::new();
    for item in list {
        let item = text::required(item, label, 40)?.to_lowercase();
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Ok(out)
}

impl VolunteerProfileInput {
    /// Checks every field; collects all messages.
    pub fn parse(self, reference: &Reference) -> Result<VolunteerProfileDraft, ApiError> {
        let mut errors = FieldErrors::new();
        let mut talents = Vec::new();
        for slug in &self.talents {
            match reference.talent(slug.trim()) {
                Some(t) if !talents.contains(&t.slug) => talents.push(t.slug.clone()),
                Some(_) => {}
                None => {
                    errors.insert("talents".into(), format!("Onbekend talent: '{slug}'."));
                }
            }
        }
        let interests = words(&self.interests, "interesses", 20)
            .map_err(|e| errors.insert("interests".into(), e));
        let languages =
            words(&self.languages, "talen", 10).map_err(|e| errors.insert("languages".into(), e));
        let place = reference
            .place_or_message(&self.place)
            .map(|p| p.slug.clone())
            .map_err(|e| errors.insert("place".into(), e));
        if !(self.max_distance_km.is_finite() && (1.0..=50.0).contains(&self.max_distance_km)) {
            errors.insert("max_distance_km".into(), "Kies tussen 1 en 50 km.".into());
        }
        if !(1..=10).contains(&self.max_active_matches) {
            errors.insert(
                "max_active_matches".into(),
                "Kies tussen 1 en 10 tegelijk.".into(),
            );
        }
        let bio = text::optional_long(&self.bio, "Over mij", 2_000)
            .map_err(|e| errors.insert("bio".into(), e));
        match (interests, languages, place, bio) {
            (Ok(interests), Ok(languages), Ok(place), Ok(bio)) if errors.is_empty() => {
                Ok(VolunteerProfileDraft {
                    talents,
                    interests,
                    availability: AvailabilityGrid::from_slots(self.availability),
                    place,
                    max_distance_km: self.max_distance_km.round() as i32,
                    max_active_matches: self.max_active_matches as i32,
                    languages,
                    bio,
                })
            }
            _ => Err(ApiError::validation(errors)),
        }
    }
}
