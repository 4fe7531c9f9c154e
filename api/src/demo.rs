//! Demo dataset (being written).

use crate::db::{DbConn, DbError};
use crate::reference::Reference;

/// Loads the demo dataset.
pub fn load(_conn: &mut DbConn, _reference: &Reference, _seed: u64, _only_if_empty: bool) -> Result<String, DbError> {
    Ok(String::new())
}
