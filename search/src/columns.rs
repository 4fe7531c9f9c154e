//! Each post's kind, category and place (as ordinals of its segment's
//! dictionaries) and its coordinates, read once per segment by the index's writer
//! after each commit ([`ColumnCache`]) and kept while the segment is in use; and
//! the query for the posts within a box ([`WithinBox`]) that uses them.
//!
//! The collector counts the three facets for every post a query finds (often half
//! the index for a question with an everyday word), ranks by the kind and place,
//! and checks the distance of every post when a radius is asked. Read through
//! tantivy's columns that cost a third of a search on 100,000 posts; a segment
//! never changes once written, so these are read once into plain arrays and
//! dropped when the segment is merged away.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, TERMINATED};

use crate::query::GeoBox;
use crate::schema::names;

/// The ordinal stored for a post without a value.
const NONE: u32 = u32::MAX;

/// The ordinals of a document the segment does not hold.
const NO_ORDS: PostOrds = PostOrds {
    kind: NONE,
    category: NONE,
    place: NONE,
};

/// One post's ordinals in its segment's kind, category and place dictionaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PostOrds {
    kind: u32,
    category: u32,
    place: u32,
}

impl PostOrds {
    /// The ordinal of the post's kind, if it has one.
    pub(crate) fn kind(self) -> Option<usize> {
        ordinal(self.kind)
    }

    /// The ordinal of the post's category, if it has one.
    pub(crate) fn category(self) -> Option<usize> {
        ordinal(self.category)
    }

    /// The ordinal of the post's place, if it has one.
    pub(crate) fn place(self) -> Option<usize> {
        ordinal(self.place)
    }
}

fn ordinal(ord: u32) -> Option<usize> {
    (ord != NONE).then_some(ord as usize)
}

/// The ordinals and coordinates of every post in one segment, by document id.
#[derive(Debug, Default)]
pub(crate) struct SegmentColumns {
    ords: Vec<PostOrds>,
    /// Latitude and longitude; NaN for a post without a location.
    locations: Vec<[f64; 2]>,
}

impl SegmentColumns {
    /// Reads the columns of every document of `reader` (deleted ones too: the
    /// collector never sees those).
    fn read(reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let ff = reader.fast_fields();
        let (kind, category, place) = (
            ff.str(names::KIND)?,
            ff.str(names::CATEGORY)?,
            ff.str(names::PLACE)?,
        );
        let first = |column: &Option<StrColumn>, doc: DocId| {
            column
                .as_ref()
                .and_then(|c| c.term_ords(doc).next())
                .and_then(|ord| u32::try_from(ord).ok())
                .unwrap_or(NONE)
        };
        let (lat, lon) = (
            ff.column_opt::<f64>(names::LAT)?,
            ff.column_opt::<f64>(names::LON)?,
        );
        let coordinate = |column: &Option<Column<f64>>, doc: DocId| {
            column
                .as_ref()
                .and_then(|c| c.first(doc))
                .unwrap_or(f64::NAN)
        };
        let docs = 0..reader.max_doc();
        Ok(SegmentColumns {
            ords: docs
                .clone()
                .map(|doc| PostOrds {
                    kind: first(&kind, doc),
                    category: first(&category, doc),
                    place: first(&place, doc),
                })
                .collect(),
            locations: docs
                .map(|doc| [coordinate(&lat, doc), coordinate(&lon, doc)])
                .collect(),
        })
    }

    /// The ordinals of `doc` (none for a document the segment does not hold).
    pub(crate) fn ords(&self, doc: DocId) -> PostOrds {
        self.ords.get(doc as usize).copied().unwrap_or(NO_ORDS)
    }

    /// How many documents the segment holds (deleted ones too).
    pub(crate) fn len(&self) -> usize {
        self.ords.len()
    }

    /// The latitude and longitude of `doc`, if it has a location.
    pub(crate) fn location(&self, doc: DocId) -> Option<(f64, f64)> {
        let [lat, lon] = *self.locations.get(doc as usize)?;
        (!lat.is_nan() && !lon.is_nan()).then_some((lat, lon))
    }
}

/// The columns of the segments in use, shared by all searches of an index and
/// by its writer, which reads a new segment's after each commit
/// ([`ColumnCache::warm`]) so that no search has to.
#[derive(Debug, Default)]
pub(crate) struct ColumnCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

impl ColumnCache {
    /// The columns of each of `searcher`'s segments, in its order, read for any
    /// segment not kept yet (a searcher opened before the last commit may still
    /// hold a segment the cache has dropped).
    pub(crate) fn for_searcher(
        &self,
        searcher: &Searcher,
    ) -> tantivy::Result<Vec<Arc<SegmentColumns>>> {
        searcher
            .segment_readers()
            .iter()
            .map(|reader| self.for_segment(reader))
            .collect()
    }

    /// The columns of one segment, read if not kept yet.
    pub(crate) fn for_segment(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<Arc<SegmentColumns>> {
        let kept = self.lock().get(&reader.segment_id()).cloned();
        if let Some(columns) = kept {
            return Ok(columns);
        }
        // Read outside the lock: 100,000 posts take a few milliseconds.
        let columns = Arc::new(SegmentColumns::read(reader)?);
        self.lock()
            .insert(reader.segment_id(), Arc::clone(&columns));
        Ok(columns)
    }

    /// Reads the columns of `searcher`'s new segments and drops those of segments it
    /// no longer has (merged away or removed by a rebuild): called after a commit
    /// with the reloaded searcher.
    pub(crate) fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.for_searcher(searcher)?;
        let readers = searcher.segment_readers();
        self.lock()
            .retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentColumns>>> {
        // The map only holds finished reads: after a panic elsewhere it is whole.
        self.segments
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The segments whose columns are kept, in order.
    #[cfg(test)]
    fn segment_ids(&self) -> Vec<SegmentId> {
        let mut ids: Vec<SegmentId> = self.lock().keys().copied().collect();
        ids.sort();
        ids
    }
}

/// The posts whose coordinates lie within a box (bounds included), found in the
/// columns read per segment: tantivy's range queries on the coordinate columns
/// scan the whole column for each, a third of a search with *dichtbij* on
/// 100,000 posts. Every post it finds scores 1 (times its boost).
#[derive(Debug, Clone)]
pub(crate) struct WithinBox {
    bounds: GeoBox,
    columns: Arc<ColumnCache>,
}

impl WithinBox {
    /// The query for the posts within `bounds`, over `columns`.
    pub(crate) fn new(bounds: GeoBox, columns: Arc<ColumnCache>) -> Self {
        WithinBox { bounds, columns }
    }

    fn holds(&self, columns: &SegmentColumns, doc: DocId) -> bool {
        columns
            .location(doc)
            .is_some_and(|at| self.bounds.holds(at))
    }
}

impl Query for WithinBox {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for WithinBox {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let columns = self.columns.for_segment(reader)?;
        let docs: Vec<DocId> = (0..reader.max_doc())
            .filter(|&doc| self.holds(&columns, doc))
            .collect();
        Ok(Box::new(DocList {
            docs,
            at: 0,
            score: boost,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let columns = self.columns.for_segment(reader)?;
        if self.holds(&columns, doc) {
            Ok(Explanation::new("within the box", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not lie within the box"
            )))
        }
    }
}

/// Documents in order, each with the same score.
struct DocList {
    docs: Vec<DocId>,
    at: usize,
    score: Score,
}

impl DocSet for DocList {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.docs.len()).unwrap_or(u32::MAX)
    }
}

impl Scorer for DocList {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GeoPoint, PostDoc, PostKind, SearchIndex};
    use uuid::Uuid;

    fn post(i: u128, kind: PostKind, category: &str, place: &str) -> PostDoc {
        PostDoc {
            id: Uuid::from_u128(i),
            kind,
            title: format!("post {i}"),
            description: "tuin".into(),
            category: category.into(),
            talents: Vec::new(),
            place: place.into(),
            place_name: place.into(),
            // Beilen's posts lie in Beilen; the others have no location.
            location: (place == "beilen").then_some(GeoPoint {
                lat: 52.86,
                lon: 6.51,
            }),
            schedule: String::new(),
            frequency: None,
            author: None,
            created_at: chrono::Utc::now(),
        }
    }

    fn name(column: &Option<StrColumn>, ord: Option<usize>) -> Option<String> {
        let mut s = String::new();
        let ok = column.as_ref()?.ord_to_str(ord? as u64, &mut s).ok()?;
        ok.then_some(s)
    }

    #[test]
    fn the_columns_hold_each_posts_kind_category_place_and_location() {
        let index = SearchIndex::in_memory().unwrap();
        index
            .rebuild(
                vec![
                    post(1, PostKind::Offer, "tuin", "beilen"),
                    post(2, PostKind::Request, "vervoer", "smilde"),
                    post(3, PostKind::Vacancy, "tuin", "beilen"),
                ],
                0,
            )
            .unwrap();
        let searcher = index.reader.searcher();
        let cache = ColumnCache::default();
        let segments = cache.for_searcher(&searcher).unwrap();
        assert_eq!(segments.len(), searcher.segment_readers().len());
        let mut seen = Vec::new();
        for (reader, columns) in searcher.segment_readers().iter().zip(&segments) {
            let ff = reader.fast_fields();
            let (kind, category, place) = (
                ff.str(names::KIND).unwrap(),
                ff.str(names::CATEGORY).unwrap(),
                ff.str(names::PLACE).unwrap(),
            );
            for doc in 0..reader.max_doc() {
                let o = columns.ords(doc);
                seen.push((
                    name(&kind, o.kind()).unwrap(),
                    name(&category, o.category()).unwrap(),
                    name(&place, o.place()).unwrap(),
                    columns.location(doc),
                ));
            }
            assert_eq!(columns.ords(reader.max_doc()).kind(), None);
        }
        seen.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
        let beilen = Some((52.86, 6.51));
        assert_eq!(
            seen,
            [
                ("offer".into(), "tuin".into(), "beilen".into(), beilen),
                ("request".into(), "vervoer".into(), "smilde".into(), None),
                ("vacancy".into(), "tuin".into(), "beilen".into(), beilen),
            ]
        );
    }

    #[test]
    fn each_commit_reads_the_new_segments_and_drops_the_replaced_ones() {
        let index = SearchIndex::in_memory().unwrap();
        let segment_ids = |index: &SearchIndex| -> Vec<SegmentId> {
            let mut ids: Vec<SegmentId> = index
                .reader
                .searcher()
                .segment_readers()
                .iter()
                .map(|r| r.segment_id())
                .collect();
            ids.sort();
            ids
        };
        index
            .rebuild(vec![post(1, PostKind::Offer, "tuin", "beilen")], 0)
            .unwrap();
        let first_ids = segment_ids(&index);
        assert!(!first_ids.is_empty());
        assert_eq!(index.columns.segment_ids(), first_ids, "read by the commit");
        let searcher = index.reader.searcher();
        let first = index.columns.for_searcher(&searcher).unwrap();
        let again = index.columns.for_searcher(&searcher).unwrap();
        assert!(Arc::ptr_eq(&first[0], &again[0]), "read a second time");
        index
            .rebuild(vec![post(2, PostKind::Request, "vervoer", "smilde")], 0)
            .unwrap();
        let ids = segment_ids(&index);
        assert!(ids.iter().all(|id| !first_ids.contains(id)));
        assert_eq!(index.columns.segment_ids(), ids, "the replaced one dropped");
        // A searcher from before the commit still gets its segment's columns.
        let old = index.columns.for_searcher(&searcher).unwrap();
        assert_eq!(old[0].ords(0), first[0].ords(0));
    }

    #[test]
    fn within_box_finds_the_posts_inside_it_bounds_included() {
        let at = |i: u128, lat: f64, lon: f64| PostDoc {
            location: Some(GeoPoint { lat, lon }),
            ..post(i, PostKind::Offer, "tuin", "ergens")
        };
        let index = SearchIndex::in_memory().unwrap();
        index
            .rebuild(
                vec![
                    at(1, 52.86, 6.51),
                    at(2, 52.90, 6.52),                          // on the corner
                    at(3, 52.95, 6.45),                          // outside
                    at(4, 52.86, 6.53),                          // east of it
                    post(5, PostKind::Offer, "tuin", "nergens"), // no location
                ],
                0,
            )
            .unwrap();
        let searcher = index.reader.searcher();
        let bounds = GeoBox {
            lat: (52.85, 52.90),
            lon: Some((6.50, 6.52)),
        };
        let within = WithinBox::new(bounds, Arc::clone(&index.columns));
        let found = searcher
            .search(&within, &tantivy::collector::DocSetCollector)
            .unwrap();
        let mut ids: Vec<String> = found
            .into_iter()
            .map(|addr| {
                let doc: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
                let id = doc.get_first(index.fields.id).unwrap();
                tantivy::schema::Value::as_str(&id).unwrap().to_owned()
            })
            .collect();
        ids.sort();
        assert_eq!(
            ids,
            [
                Uuid::from_u128(1).to_string(),
                Uuid::from_u128(2).to_string()
            ]
        );
    }
}
