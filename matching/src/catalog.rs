//! The talent catalogue: Dutch display names and the graph of related talents
//! (e.g. *hond uitlaten* ~ *wandelen*), which earns partial talent credit.

use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
struct Entry {
    name_nl: Option<String>,
    related: Vec<String>,
}

/// Talent slugs with Dutch names and a symmetric "related" relation.
#[derive(Debug, Clone, Default)]
pub struct TalentCatalog {
    entries: HashMap<String, Entry>,
}

impl TalentCatalog {
    /// An empty catalogue: names fall back to slugs and nothing is related.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Builds the catalogue from `(slug, Dutch name, related slugs)` entries. The
    /// relation is made symmetric (if A lists B, B is related to A as well); a talent is
    /// never related to itself and duplicates are ignored. A later entry for the same
    /// slug replaces the earlier name and adds its relations.
    pub fn new<I, S, N, R>(entries: I) -> Self
    where
        I: IntoIterator<Item = (S, N, R)>,
        S: Into<String>,
        N: Into<String>,
        R: IntoIterator<Item: Into<String>>,
    {
        let mut catalog = TalentCatalog::default();
        for (slug, name, related) in entries {
            let slug = slug.into();
            catalog.entries.entry(slug.clone()).or_default().name_nl = Some(name.into());
            for other in related {
                let other = other.into();
                catalog.relate(&slug, &other);
            }
        }
        catalog
    }

    fn relate(&mut self, a: &str, b: &str) {
        if a == b {
            return;
        }
        for (x, y) in [(a, b), (b, a)] {
            let entry = self.entries.entry(x.to_owned()).or_default();
            if !entry.related.iter().any(|r| r == y) {
                entry.related.push(y.to_owned());
            }
        }
    }

    /// The Dutch name of a talent, or the slug itself if the catalogue has none.
    pub fn name_nl<'a>(&'a self, slug: &'a str) -> &'a str {
        self.entries
            .get(slug)
            .and_then(|e| e.name_nl.as_deref())
            .unwrap_or(slug)
    }

    /// Slugs related to `slug` (empty if unknown).
    pub fn related(&self, slug: &str) -> &[String] {
        self.entries.get(slug).map_or(&[], |e| e.related.as_slice())
    }

    /// Whether two different talents are related.
    pub fn are_related(&self, a: &str, b: &str) -> bool {
        self.related(a).iter().any(|r| r == b)
    }

    /// Number of talents known (named or appearing in a relation).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the catalogue is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> TalentCatalog {
        TalentCatalog::new([
            (
                "hond-uitlaten",
                "hond uitlaten",
                vec!["wandelen", "dieren-verzorgen"],
            ),
            ("wandelen", "wandelen", vec!["hond-uitlaten"]),
            ("tuinieren", "tuinieren", vec![]),
            ("pc-hulp", "computerhulp", vec!["pc-hulp"]),
        ])
    }

    #[test]
    fn names_fall_back_to_the_slug() {
        let c = catalog();
        assert_eq!(c.name_nl("pc-hulp"), "computerhulp");
        assert_eq!(c.name_nl("dieren-verzorgen"), "dieren-verzorgen");
        assert_eq!(c.name_nl("onbekend"), "onbekend");
    }

    #[test]
    fn relations_are_symmetric_without_duplicates_or_self_loops() {
        let c = catalog();
        assert!(c.are_related("hond-uitlaten", "wandelen"));
        assert!(c.are_related("dieren-verzorgen", "hond-uitlaten"));
        assert_eq!(c.related("wandelen"), ["hond-uitlaten".to_string()]);
        assert!(c.related("pc-hulp").is_empty());
        assert!(!c.are_related("tuinieren", "wandelen"));
        assert_eq!(c.len(), 5);
    }
}
