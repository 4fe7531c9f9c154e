//! Reference data shipped with Noaber: the places gazetteer of Midden-Drenthe
//! (`data/places.csv`) and the categories and talents (`data/reference.json`).
//! Held in memory for validation and responses; seeded into the database so that
//! foreign keys and reports can use it too.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::fold;

const PLACES_CSV: &str = include_str!("../data/places.csv");
const REFERENCE_JSON: &str = include_str!("../data/reference.json");

/// A village or hamlet.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Place {
    /// Stable identifier, e.g. `nieuw-balinge`.
    pub slug: String,
    /// Name as written locally.
    pub name: String,
    /// `village` or `hamlet`.
    pub kind: String,
    /// 4-digit postcodes in use.
    pub postcodes: Vec<String>,
    /// Latitude of the centre (WGS84).
    pub lat: f64,
    /// Longitude of the centre (WGS84).
    pub lon: f64,
}

/// A kind of help.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Category {
    /// Identifier, e.g. `respijtzorg`.
    pub slug: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
    /// Whether volunteers need a valid VOG for this kind of help.
    pub requires_vog: bool,
    /// Who this help is for, when the Servicepunt has rules (the shopping service: you
    /// cannot shop yourself, nobody around you can, you cannot order online); the
    /// request form shows them when the category is chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions_nl: Vec<String>,
}

/// Something a volunteer can do.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Talent {
    /// Identifier, e.g. `hond-uitlaten`.
    pub slug: String,
    /// Dutch name.
    pub name_nl: String,
    /// The category it mostly serves.
    pub category: String,
    /// Talents close enough to count partly in matching.
    pub related: Vec<String>,
}

impl Place {
    /// How a search is limited to this place: `(place filter, distance filter)`. Without
    /// a distance, to posts in the village itself; with one, to posts within that
    /// distance of its centre (the place is then the centre, not a filter). The search
    /// page and saved-search alerts both use this, so they find the same posts.
    pub fn search_area(&self, within_km: Option<f64>) -> (Option<String>, Option<search::Near>) {
        match within_km {
            None => (Some(self.slug.clone()), None),
            Some(km) => (
                None,
                Some(search::Near {
                    lat: self.lat,
                    lon: self.lon,
                    within_km: km,
                }),
            ),
        }
    }

    /// The centre as a matching point.
    pub fn point(&self) -> matching::GeoPoint {
        matching::GeoPoint {
            lat: self.lat,
            lon: self.lon,
        }
    }
}

#[derive(Deserialize)]
struct ReferenceFile {
    categories: Vec<Category>,
    talents: Vec<Talent>,
}

#[derive(Deserialize)]
struct PlaceRow {
    slug: String,
    name: String,
    kind: String,
    lat: f64,
    lon: f64,
    postcodes: String,
}

/// Problems with the shipped data files (a build defect, caught by tests).
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// places.csv could not be read.
    #[error("places.csv: {0}")]
    Places(#[from] csv::Error),
    /// reference.json could not be read.
    #[error("reference.json: {0}")]
    Json(#[from] serde_json::Error),
}

/// All reference data, indexed for lookups.
#[derive(Debug)]
pub struct Reference {
    /// Places, sorted by name.
    pub places: Vec<Place>,
    /// Categories in display order.
    pub categories: Vec<Category>,
    /// Talents in display order.
    pub talents: Vec<Talent>,
    /// Talents as matching sees them (Dutch names, related talents).
    pub catalog: matching::TalentCatalog,
    place_keys: HashMap<String, usize>,
}

impl Reference {
    /// Loads the data files compiled into the binary.
    pub fn load() -> Result<Reference, ReferenceError> {
        let mut places = Vec::new();
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(PLACES_CSV.as_bytes());
        for row in reader.deserialize::<PlaceRow>() {
            let row = row?;
            places.push(Place {
                postcodes: row
                    .postcodes
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                slug: row.slug,
                name: row.name,
                kind: row.kind,
                lat: row.lat,
                lon: row.lon,
            });
        }
        places.sort_by(|a, b| a.name.cmp(&b.name));
        let file: ReferenceFile = serde_json::from_str(REFERENCE_JSON)?;
        let mut place_keys = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            place_keys.insert(fold(&p.slug), i);
            place_keys.insert(fold(&p.name), i);
            place_keys.insert(fold(&p.name).replace('-', " "), i);
        }
        // Postcodes last: a village's own postcode wins over a hamlet sharing it.
        for (i, p) in places.iter().enumerate() {
            for pc in &p.postcodes {
                let entry = place_keys.entry(pc.clone()).or_insert(i);
                if places[*entry].kind != "village" && p.kind == "village" {
                    *entry = i;
                }
            }
        }
        let catalog = matching::TalentCatalog::new(
            file.talents
                .iter()
                .map(|t| (t.slug.clone(), t.name_nl.clone(), t.related.clone())),
        );
        Ok(Reference {
            catalog,
            places,
            categories: file.categories,
            talents: file.talents,
            place_keys,
        })
    }

    /// Finds a place by slug, name (case/accents-insensitive) or 4-digit postcode
    /// (a full "9411 AB" postcode is accepted too). `Err` lists close names.
    pub fn resolve_place(&self, reference: &str) -> Result<&Place, Vec<String>> {
        let key = fold(reference);
        let postcode: String = key.chars().take(4).collect();
        let looks_like_postcode =
            postcode.len() == 4 && postcode.chars().all(|c| c.is_ascii_digit());
        let found = self.place_keys.get(&key).or_else(|| {
            looks_like_postcode
                .then(|| self.place_keys.get(&postcode))
                .flatten()
        });
        match found {
            Some(&i) => Ok(&self.places[i]),
            None => Err(self.close_place_names(&key)),
        }
    }

    fn close_place_names(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(f64, &str)> = self
            .places
            .iter()
            .map(|p| (strsim::jaro_winkler(key, &fold(&p.name)), p.name.as_str()))
            .filter(|(score, _)| *score > 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(3)
            .map(|(_, n)| n.to_owned())
            .collect()
    }

    /// Places whose centre lies within `km` of `from`'s, with their distance.
    pub fn places_within(&self, from: &Place, km: f64) -> Vec<(&Place, f64)> {
        self.places
            .iter()
            .map(|p| (p, matching::distance_km(from.point(), p.point())))
            .filter(|(_, d)| *d <= km)
            .collect()
    }

    /// Resolves a place, or gives the Dutch message for an unknown one (with close names).
    pub fn place_or_message(&self, reference: &str) -> Result<&Place, String> {
        self.resolve_place(reference).map_err(|close| {
            if close.is_empty() {
                "Deze plaats kennen we niet in Midden-Drenthe.".to_owned()
            } else {
                format!(
                    "Deze plaats kennen we niet. Bedoelt u: {}?",
                    close.join(", ")
                )
            }
        })
    }

    /// The place with this slug.
    pub fn place(&self, slug: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.slug == slug)
    }

    /// The category with this slug.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// The talent with this slug.
    pub fn talent(&self, slug: &str) -> Option<&Talent> {
        self.talents.iter().find(|t| t.slug == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::load().expect("shipped data loads")
    }

    #[test]
    fn the_gazetteer_covers_the_municipality() {
        let r = reference();
        assert!(r.places.len() > 20, "only {} places", r.places.len());
        for name in [
            "Beilen",
            "Westerbork",
            "Smilde",
            "Bovensmilde",
            "Hoogersmilde",
            "Hooghalen",
            "Wijster",
            "Witteveen",
            "Zwiggelte",
            "Elp",
            "Orvelte",
            "Nieuw-Balinge",
            "Mantinge",
        ] {
            assert!(r.places.iter().any(|p| p.name == name), "{name} missing");
        }
        for p in &r.places {
            assert!(
                (52.7..53.1).contains(&p.lat) && (6.2..6.8).contains(&p.lon),
                "{} lies outside Midden-Drenthe",
                p.name
            );
            assert!(
                p.postcodes
                    .iter()
                    .all(|pc| pc.len() == 4 && pc.chars().all(|c| c.is_ascii_digit())),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn places_resolve_by_slug_name_and_postcode() {
        let r = reference();
        assert_eq!(
            r.resolve_place("nieuw-balinge").unwrap().name,
            "Nieuw-Balinge"
        );
        assert_eq!(
            r.resolve_place("NIEUW BALINGE").unwrap().slug,
            "nieuw-balinge"
        );
        assert_eq!(r.resolve_place("Béilen").unwrap().slug, "beilen");
        let beilen = r.resolve_place("beilen").unwrap();
        let pc = beilen.postcodes[0].clone();
        assert_eq!(r.resolve_place(&pc).unwrap().slug, "beilen");
        assert_eq!(r.resolve_place(&format!("{pc} AB")).unwrap().slug, "beilen");
    }

    #[test]
    fn unknown_places_suggest_close_names() {
        let r = reference();
        let close = r.resolve_place("Westerbrok").unwrap_err();
        assert_eq!(close.first().map(String::as_str), Some("Westerbork"));
        assert!(r.resolve_place("Amsterdam").is_err());
    }

    #[test]
    fn related_talents_exist() {
        let r = reference();
        for t in &r.talents {
            assert!(r.category(&t.category).is_some(), "{}", t.slug);
            for rel in &t.related {
                assert!(r.talent(rel).is_some(), "{} -> {rel}", t.slug);
            }
        }
    }
}
