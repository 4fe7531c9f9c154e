//! The JSON shapes of the API, in one place: what a viewer sees of a post, a match,
//! an account. Views are built from storage records and know neither HTTP nor the
//! database; who may see which parts is decided in `app` and passed in.

pub mod accounts;
pub mod audit;
pub mod mail;
pub mod matches;
pub mod posts;
pub mod reports;

use serde::Serialize;
use utoipa::ToSchema;

/// A page of a list: `{total, items}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    /// How many items match in all.
    pub total: i64,
    /// This page.
    pub items: Vec<T>,
}

/// A stored (naive UTC) time as UTC.
pub fn utc(t: chrono::NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    t.and_utc()
}
