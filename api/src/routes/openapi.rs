//! The OpenAPI document, generated from the handlers' annotations.

use actix_web::{get, web, HttpResponse};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The two ways to authenticate: a bearer token (API clients) or the session cookie
/// (the browser; requests that change something also send `X-CSRF-Token`). Every
/// route that takes one takes the other too.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "noaber_session",
                "Browser session from POST /api/v1/auth/session; other methods than GET, HEAD \
                 and OPTIONS also need the session's token in X-CSRF-Token.",
            ))),
        );
    }
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Noaber API", description = "Vrijwilligers en hulpvragen in Midden-Drenthe."),
    paths(
        super::health::healthz,
        super::health::readyz,
        super::health::metrics,
        super::auth::register,
        super::auth::login,
        super::auth::start_session,
        super::auth::get_session,
        super::auth::end_session,
        super::auth::end_all_sessions,
        super::auth::verify_email,
        super::auth::resend_verification,
        super::auth::request_reset,
        super::auth::confirm_reset,
        super::me::me,
        super::me::put_volunteer_profile,
        super::me::export,
        super::me::change_password,
        super::accounts::set_role,
        super::me::delete_account,
        super::reference::places,
        super::reference::categories,
        super::reference::talents,
        super::posts::create,
        super::posts::get_one,
        super::posts::list,
        super::posts::update,
        super::posts::withdraw,
        super::posts::review,
        super::search::search_posts,
        super::matches::respond,
        super::matches::create,
        super::matches::act,
        super::matches::list,
        super::matches::get_one,
        super::audit::list,
        super::mail::list,
        super::mail::retry,
        super::desk::today,
        super::matches::list_messages,
        super::matches::send_message,
        super::suggestions::for_request,
        super::suggestions::for_me,
        super::volunteers::list,
        super::volunteers::get_one,
        super::volunteers::put_vog,
    ),
    modifiers(&BearerAuth),
    tags((name = "accounts"), (name = "reference"), (name = "posts"), (name = "volunteers"), (name = "matching"), (name = "search"), (name = "matches"), (name = "audit"), (name = "mail"), (name = "operations"))
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
#[get("/openapi.json")]
async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json);
}
