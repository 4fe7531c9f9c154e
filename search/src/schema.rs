//! The indexed document: what a published post contributes to the index
//! ([`PostDoc`]), the tantivy schema that holds it, and the conversion between the two.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::TantivyDocument;
use uuid::Uuid;

use crate::analyzer;
use crate::error::SearchError;
use crate::when;

/// Version of the schema; part of the version stored in the index.
pub const SCHEMA_VERSION: u32 = 5;

/// What a post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostKind {
    /// A help request (*hulpvraag*).
    Request,
    /// A help offer (*hulpaanbod*).
    Offer,
    /// A volunteer vacancy (*vacature*).
    Vacancy,
}

impl PostKind {
    /// The stored and filtered value: `request`, `offer` or `vacancy`.
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Request => "request",
            PostKind::Offer => "offer",
            PostKind::Vacancy => "vacancy",
        }
    }

    /// Parses [`PostKind::as_str`] back.
    pub fn parse(s: &str) -> Option<PostKind> {
        match s {
            "request" => Some(PostKind::Request),
            "offer" => Some(PostKind::Offer),
            "vacancy" => Some(PostKind::Vacancy),
            _ => None,
        }
    }
}

/// How often help is wanted or offered: the filter *Hoe vaak?* (every week, once, or
/// by arrangement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// On fixed parts of the week (*elke week*).
    Weekly,
    /// On one date (*eenmalig*).
    Once,
    /// By arrangement (*in overleg*).
    Flexible,
}

impl Frequency {
    /// The filtered value: `weekly`, `once` or `flexible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Once => "once",
            Frequency::Flexible => "flexible",
        }
    }

    /// Parses [`Frequency::as_str`] back.
    pub fn parse(s: &str) -> Option<Frequency> {
        [Frequency::Weekly, Frequency::Once, Frequency::Flexible]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// As stored in the index's column (0 is a post without one).
    pub(crate) fn code(self) -> u64 {
        match self {
            Frequency::Weekly => 1,
            Frequency::Once => 2,
            Frequency::Flexible => 3,
        }
    }
}

/// A talent a post asks for or offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Talent {
    /// Slug, e.g. `hond-uitlaten`.
    pub slug: String,
    /// Dutch name, e.g. `Hond uitlaten`.
    pub name: String,
}

/// A point on the map (WGS84 degrees).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// A published (`open`) post as the index sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostDoc {
    /// Post id; the key for idempotent upserts and removals.
    pub id: Uuid,
    /// Request, offer or vacancy.
    pub kind: PostKind,
    /// Title as written by the author.
    pub title: String,
    /// Body text as written by the author.
    pub description: String,
    /// Category slug, e.g. `boodschappen`.
    pub category: String,
    /// Talents asked for or offered.
    pub talents: Vec<Talent>,
    /// Place slug, e.g. `beilen`.
    pub place: String,
    /// Place name, e.g. `Beilen`.
    pub place_name: String,
    /// Centroid of the place (never an address); `None` excludes the post from distance filters.
    pub location: Option<GeoPoint>,
    /// Human summary of when help is wanted, e.g. `1x per week, dinsdagmiddag`.
    pub schedule: String,
    /// How often; `None` passes no frequency filter.
    #[serde(default)]
    pub frequency: Option<Frequency>,
    /// Who posted it (an account id). Identical posts by the same author in the
    /// same place are shown once; `None` is never collapsed with another post.
    #[serde(default)]
    pub author: Option<String>,
    /// When the post was created.
    pub created_at: DateTime<Utc>,
}

impl PostDoc {
    /// The key that identical posts by the same author share (0: no author). A
    /// fixed FNV-1a hash, so keys written by one build match those of the next.
    pub fn duplicate_key(&self) -> u64 {
        let Some(author) = &self.author else {
            return 0;
        };
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            author.as_str(),
            self.kind.as_str(),
            &self.place,
            self.title.trim(),
            self.description.trim(),
        ] {
            for b in part.bytes().chain([0xff]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash.max(1)
    }
}

/// Handles of all schema fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub kind: Field,
    pub title: Field,
    pub description: Field,
    pub category: Field,
    pub talents: Field,
    pub talent_names: Field,
    pub keywords: Field,
    pub place: Field,
    pub place_name: Field,
    pub lat: Field,
    pub lon: Field,
    pub schedule: Field,
    pub created: Field,
    pub grams: Field,
    pub duplicate: Field,
    pub when: Field,
    pub frequency: Field,
}

/// Field names, also used to read fast-field columns.
pub(crate) mod names {
    pub const KIND: &str = "kind";
    pub const CATEGORY: &str = "category";
    pub const TALENTS: &str = "talents";
    pub const PLACE: &str = "place";
    pub const LAT: &str = "lat";
    pub const LON: &str = "lon";
    pub const CREATED: &str = "created";
    pub const DUPLICATE: &str = "duplicate";
    pub const WHEN: &str = "when";
    pub const FREQUENCY: &str = "frequency";
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// Builds the schema and returns it with its field handles.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field(names::KIND, STRING | STORED | FAST),
        title: b.add_text_field("title", text(analyzer::DUTCH, true)),
        description: b.add_text_field("description", text(analyzer::DUTCH, true)),
        category: b.add_text_field(names::CATEGORY, STRING | STORED | FAST),
        talents: b.add_text_field(names::TALENTS, STRING | STORED | FAST),
        talent_names: b.add_text_field("talent_names", STORED),
        keywords: b.add_text_field("keywords", text(analyzer::DUTCH, false)),
        place: b.add_text_field(names::PLACE, STRING | STORED | FAST),
        place_name: b.add_text_field("place_name", text(analyzer::NAME, true)),
        lat: b.add_f64_field(names::LAT, FAST | STORED),
        lon: b.add_f64_field(names::LON, FAST | STORED),
        schedule: b.add_text_field("schedule", text(analyzer::DUTCH, true)),
        created: b.add_i64_field(names::CREATED, FAST | STORED),
        grams: b.add_text_field("grams", text(analyzer::GRAMS, false)),
        duplicate: b.add_u64_field(names::DUPLICATE, FAST),
        when: b.add_u64_field(names::WHEN, FAST),
        frequency: b.add_u64_field(names::FREQUENCY, FAST),
    };
    (b.build(), fields)
}

/// Replaces hyphens of a slug by spaces, so its words are searchable.
fn slug_words(slug: &str) -> String {
    slug.replace(['-', '_'], " ")
}

impl Fields {
    /// Converts a post into a tantivy document; `grams` fills the n-gram field.
    pub(crate) fn document(
        &self,
        post: &PostDoc,
        grams: bool,
    ) -> Result<TantivyDocument, SearchError> {
        if post.category.is_empty() {
            return Err(SearchError::InvalidDocument(format!(
                "post {} has no category",
                post.id
            )));
        }
        if post.place.is_empty() {
            return Err(SearchError::InvalidDocument(format!(
                "post {} has no place",
                post.id
            )));
        }
        let mut doc = TantivyDocument::new();
        doc.add_text(self.id, post.id.to_string());
        doc.add_text(self.kind, post.kind.as_str());
        doc.add_text(self.title, &post.title);
        doc.add_text(self.description, &post.description);
        doc.add_text(self.category, &post.category);
        doc.add_text(self.keywords, slug_words(&post.category));
        for t in &post.talents {
            doc.add_text(self.talents, &t.slug);
            doc.add_text(self.talent_names, &t.name);
            doc.add_text(self.keywords, &t.name);
        }
        doc.add_text(self.place, &post.place);
        doc.add_text(self.place_name, &post.place_name);
        if let Some(p) = post.location {
            if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
                return Err(SearchError::InvalidDocument(format!(
                    "post {} has coordinates out of range",
                    post.id
                )));
            }
            doc.add_f64(self.lat, p.lat);
            doc.add_f64(self.lon, p.lon);
        }
        doc.add_text(self.schedule, &post.schedule);
        doc.add_i64(self.created, post.created_at.timestamp_millis());
        doc.add_u64(self.duplicate, post.duplicate_key());
        doc.add_u64(self.when, when::read(&post.schedule).bits());
        doc.add_u64(self.frequency, post.frequency.map_or(0, Frequency::code));
        if grams {
            for part in [&post.title, &post.description] {
                doc.add_text(self.grams, part);
            }
            for t in &post.talents {
                doc.add_text(self.grams, &t.name);
            }
        }
        Ok(doc)
    }
}
