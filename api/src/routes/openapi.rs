//! The OpenAPI document, generated from the handlers' annotations.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use actix_web::{get, web, HttpResponse};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

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

/// An error answer (`application/problem+json`, RFC 9457), as `routes::problem` writes it.
#[derive(ToSchema)]
#[allow(dead_code)] // only its schema is used
struct Problem {
    /// `https://noaber.nl/problems/<slug>`.
    #[schema(rename = "type")]
    kind: String,
    /// Short Dutch title.
    title: String,
    /// The HTTP status.
    status: u16,
    /// What went wrong and what to do, in Dutch.
    detail: String,
    /// Per field: what is wrong with it (422 only).
    errors: Option<BTreeMap<String, String>>,
}

/// The errors that shared layers give, documented on every operation they can come
/// from, so no handler's annotation can forget one: unreadable JSON or query (400), a
/// body over the limit (413) or not sent as JSON (415), the input guard, field rules
/// and unknown body fields (422), a missing or ended login (401), the role rules
/// (403), an unknown id or kind (404) and the address throttle on the account routes
/// and the one-click mail links (429). Every error answer gets the [`Problem`] body, and every route that takes a
/// login lists both ways to give one.
struct SharedProblems;

impl Modify for SharedProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.schemas.insert(
            "Problem".into(),
            <Problem as utoipa::PartialSchema>::schema(),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                (false, &mut item.get),
                (false, &mut item.put),
                (true, &mut item.post),
                (false, &mut item.delete),
                (false, &mut item.patch),
            ];
            for (is_post, operation) in operations {
                if let Some(operation) = operation.as_mut() {
                    document_shared_problems(path, is_post, operation);
                }
            }
        }
    }
}

fn document_shared_problems(path: &str, is_post: bool, operation: &mut Operation) {
    // Health and metrics answer in their own formats and are described by hand.
    if !path.starts_with("/api/v1/") {
        return;
    }
    describe_path_segments(operation);
    let has = |place: ParameterIn| {
        operation
            .parameters
            .iter()
            .flatten()
            .any(|p| p.parameter_in == place)
    };
    let mut shared = Vec::new();
    if operation.request_body.is_some() {
        shared.extend([("413", "Te groot"), ("415", "Geen JSON")]);
    }
    if operation.request_body.is_some() || has(ParameterIn::Query) {
        shared.extend([
            ("400", "Verzoek niet leesbaar"),
            ("422", "Ongeldige invoer"),
        ]);
    }
    if has(ParameterIn::Path) {
        shared.push(("404", "Niet gevonden"));
    }
    if let Some(security) = operation.security.as_mut() {
        *security = vec![
            SecurityRequirement::new("bearer", Vec::<String>::new()),
            SecurityRequirement::new("session", Vec::<String>::new()),
        ];
        shared.extend([("401", "Niet ingelogd"), ("403", "Geen toegang")]);
    }
    if super::throttle::is_throttled_door(is_post, path) {
        shared.push(("429", "Even geduld"));
    }
    for (status, title) in shared {
        operation
            .responses
            .responses
            .entry(status.into())
            .or_insert_with(|| RefOr::T(Response::new(title)));
    }
    document_problem_bodies(operation);
}

/// The path segments every route shares: `{id}` is a UUID (`routes::Id`; anything
/// else is a 404) and `{kind}` one of the three post kinds (the route patterns).
fn describe_path_segments(operation: &mut Operation) {
    for parameter in operation.parameters.iter_mut().flatten() {
        let schema = match (&parameter.parameter_in, parameter.name.as_str()) {
            (ParameterIn::Path, "id") => ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))),
            (ParameterIn::Path, "kind") => ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["requests", "offers", "vacancies"])),
            _ => continue,
        };
        parameter.schema = Some(RefOr::T(schema.build().into()));
    }
}

/// Gives every 4xx and 5xx answer of `operation` the problem body.
fn document_problem_bodies(operation: &mut Operation) {
    for (status, response) in operation.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if status.starts_with('4') || status.starts_with('5') {
            let described = ResponseBuilder::new()
                .description(response.description.clone())
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build();
            *response = described;
        }
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
        super::me::change_details,
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
        super::posts::filled,
        super::posts::review,
        super::search::search_posts,
        super::screening::screen,
        super::matches::respond,
        super::matches::create,
        super::matches::act,
        super::matches::list,
        super::matches::get_one,
        super::audit::list,
        super::mail::list,
        super::mail::retry,
        super::desk::today,
        super::reports::annual,
        super::follow_ups::answer,
        super::follow_ups::list,
        super::follow_ups::get_digest,
        super::follow_ups::set_digest,
        super::saved_searches::create,
        super::saved_searches::list,
        super::saved_searches::remove,
        super::saved_searches::unsubscribe,
        super::matches::list_messages,
        super::matches::send_message,
        super::suggestions::for_request,
        super::suggestions::for_me,
        super::plan::weekly,
        super::volunteers::list,
        super::volunteers::get_one,
        super::volunteers::put_vog,
    ),
    // Types only named in path parameters are not collected by themselves.
    components(schemas(crate::domain::match_flow::MatchAction)),
    modifiers(&BearerAuth, &SharedProblems),
    tags((name = "accounts"), (name = "reference"), (name = "posts"), (name = "volunteers"), (name = "matching"), (name = "search"), (name = "matches"), (name = "audit"), (name = "reports"), (name = "follow-ups"), (name = "alerts"), (name = "werkbak"), (name = "mail"), (name = "operations"))
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
#[get("/openapi.json")]
async fn openapi_json() -> HttpResponse {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    HttpResponse::Ok().json(DOCUMENT.get_or_init(ApiDoc::openapi))
}

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json);
}
