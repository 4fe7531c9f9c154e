//! Seeding the reference tables (places, categories, talents) from the shipped data.
//! Idempotent: rows are inserted when missing and updated when changed.

use diesel::prelude::*;

use super::schema::{categories, places, talent_relations, talents};
use super::DbConn;
use crate::reference::Reference;

/// Brings the reference tables in line with the shipped data.
pub fn seed(conn: &mut DbConn, reference: &Reference) -> QueryResult<()> {
    super::write_transaction(conn, |conn| {
        seed_places(conn, reference)?;
        seed_categories(conn, reference)?;
        seed_talents(conn, reference)
    })
}

fn seed_places(conn: &mut DbConn, reference: &Reference) -> QueryResult<()> {
    let existing: Vec<String> = places::table.select(places::slug).load(conn)?;
    for p in &reference.places {
        let values = (
            places::name.eq(&p.name),
            places::kind.eq(&p.kind),
            places::lat.eq(p.lat),
            places::lon.eq(p.lon),
            places::postcodes.eq(p.postcodes.join(" ")),
        );
        if existing.contains(&p.slug) {
            diesel::update(places::table.find(&p.slug))
                .set(values)
                .execute(conn)?;
        } else {
            diesel::insert_into(places::table)
                .values((places::slug.eq(&p.slug), values))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn seed_categories(conn: &mut DbConn, reference: &Reference) -> QueryResult<()> {
    let existing: Vec<String> = categories::table.select(categories::slug).load(conn)?;
    for (i, c) in reference.categories.iter().enumerate() {
        let values = (
            categories::name_nl.eq(&c.name_nl),
            categories::name_en.eq(&c.name_en),
            categories::requires_vog.eq(c.requires_vog),
            categories::sort_order.eq(i as i32),
        );
        if existing.contains(&c.slug) {
            diesel::update(categories::table.find(&c.slug))
                .set(values)
                .execute(conn)?;
        } else {
            diesel::insert_into(categories::table)
                .values((categories::slug.eq(&c.slug), values))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn seed_talents(conn: &mut DbConn, reference: &Reference) -> QueryResult<()> {
    let existing: Vec<String> = talents::table.select(talents::slug).load(conn)?;
    for t in &reference.talents {
        let values = (
            talents::name_nl.eq(&t.name_nl),
            talents::category_slug.eq(Some(&t.category)),
        );
        if existing.contains(&t.slug) {
            diesel::update(talents::table.find(&t.slug))
                .set(values)
                .execute(conn)?;
        } else {
            diesel::insert_into(talents::table)
                .values((talents::slug.eq(&t.slug), values))
                .execute(conn)?;
        }
    }
    diesel::delete(talent_relations::table).execute(conn)?;
    for t in &reference.talents {
        for related in &t.related {
            diesel::insert_into(talent_relations::table)
                .values((
                    talent_relations::talent_slug.eq(&t.slug),
                    talent_relations::related_slug.eq(related),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}
