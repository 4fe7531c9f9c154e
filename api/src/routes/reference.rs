//! Reference data: places, categories, talents.

use actix_web::{get, web, HttpResponse};

use crate::reference::{Category, Place, Talent};
use crate::state::AppState;

/// Every village and hamlet of Midden-Drenthe.
#[utoipa::path(get, path = "/api/v1/places", tag = "reference", responses((status = 200, body = Vec<Place>)))]
#[get("/places")]
async fn places(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(&state.reference.places)
}

/// Kinds of help.
#[utoipa::path(get, path = "/api/v1/categories", tag = "reference", responses((status = 200, body = Vec<Category>)))]
#[get("/categories")]
async fn categories(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(&state.reference.categories)
}

/// Talents with their related talents.
#[utoipa::path(get, path = "/api/v1/talents", tag = "reference", responses((status = 200, body = Vec<Talent>)))]
#[get("/talents")]
async fn talents(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(&state.reference.talents)
}

/// Registers the routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(places).service(categories).service(talents);
}
