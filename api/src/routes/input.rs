//! The extractors for what a caller sends: `Json<T>` and `JsonOrEmpty<T>` for a
//! body, `Query<T>` for the query string.
//!
//! Unlike actix's own extractors they:
//! - say in Dutch what is wrong and where (`schedule.days[0]`), as a 422 with one
//!   message per field, instead of passing on serde's English;
//! - refuse body fields they do not know: a misspelt field would otherwise be dropped
//!   without a word, and the caller would think it was saved;
//! - answer 415 for a body that is not JSON and 413 for one over [`BODY_LIMIT`].
//!
//! Query parameters they do not know are left alone: links get `utm_` and the like.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::web::BytesMut;
use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldErrors};

/// The largest body read (1 MiB: a post's text is at most a few thousand characters).
pub const BODY_LIMIT: usize = 1 << 20;

/// A wrapper around what an extractor read: `.0`, `Deref` and `into_inner`, as
/// actix's own extractors have them.
macro_rules! extracted {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name<T>(pub T);

        impl<T> std::ops::Deref for $name<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> $name<T> {
            /// The value read.
            pub fn into_inner(self) -> T {
                self.0
            }
        }
    };
}

extracted!(
    /// A JSON body, read and checked (see the module docs).
    Json
);
extracted!(
    /// A JSON body that may also be left out (no body, or an empty one): then the
    /// default. A body that is there is read as strictly as by [`Json`].
    JsonOrEmpty
);
extracted!(
    /// The query string, read into a `T`; a value it cannot read is a 422 naming the
    /// parameter.
    Query
);

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// Reads a query string as a `T`.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(pairs).map_err(|e| {
        let field = e.path().to_string();
        let message = e.inner().to_string();
        let dutch = if message.contains("true` or `false") {
            "Hier hoort true of false."
        } else if message.starts_with("missing field") {
            "Deze zoekparameter ontbreekt."
        } else if message.contains("digit")
            || message.contains("float")
            || message.contains("number")
            || message.contains("empty string")
        {
            "Hier hoort een getal."
        } else {
            "Deze waarde kunnen wij niet lezen."
        };
        let field = match (field.as_str(), between(&message, "missing field `", "`")) {
            (_, Some(missing)) => missing.to_owned(),
            (".", None) => "query".to_owned(),
            (f, None) => f.to_owned(),
        };
        ApiError::field(&field, dutch)
    })
}

type Reading<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Reading<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = is_json(req);
        let body = read(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(not_json());
            }
            parse(&body.await?).map(Json)
        })
    }
}

impl<T: DeserializeOwned + Default + 'static> FromRequest for JsonOrEmpty<T> {
    type Error = ApiError;
    type Future = Reading<Self>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = is_json(req);
        let body = read(req, payload);
        Box::pin(async move {
            let body = body.await?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Ok(JsonOrEmpty(T::default()));
            }
            if !is_json {
                return Err(not_json());
            }
            parse(&body).map(JsonOrEmpty)
        })
    }
}

/// `application/json`, or a type ending in `+json`.
fn is_json(req: &HttpRequest) -> bool {
    req.mime_type().ok().flatten().is_some_and(|mime| {
        mime.type_() == actix_web::mime::APPLICATION
            && (mime.subtype() == actix_web::mime::JSON
                || mime.suffix() == Some(actix_web::mime::JSON))
    })
}

fn not_json() -> ApiError {
    ApiError::UnsupportedMediaType("Stuur JSON met 'Content-Type: application/json'.".into())
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge("Het verzoek is te groot (meer dan 1 MB).".into())
}

/// Reads the whole body, refusing it as soon as it passes the limit.
fn read(req: &HttpRequest, payload: &mut Payload) -> Reading<BytesMut> {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    Box::pin(async move {
        if announced.is_some_and(|n| n > BODY_LIMIT) {
            return Err(too_large());
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| {
                ApiError::BadRequest(
                    "Het verzoek kwam niet helemaal aan. Probeer het opnieuw.".into(),
                )
            })?;
            if body.len() + chunk.len() > BODY_LIMIT {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    })
}

/// Reads `body` as a `T`: 400 when it is not JSON at all, 422 naming the field when
/// a value is missing, of the wrong kind, or not one we know.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut unknown = Vec::new();
    let mut json = serde_json::Deserializer::from_slice(body);
    // serde_ignored writes an `Option` as `?` ("schedule.?.dag"): leave it out.
    let mut note_unknown = |path: serde_ignored::Path<'_>| {
        let path = path.to_string().replace(".?", "");
        unknown.push(path.trim_start_matches("?.").to_owned())
    };
    let read = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
        &mut json,
        &mut note_unknown,
    ));
    let value: T = match read {
        Ok(value) => value,
        Err(e) => return Err(explain(e.path().to_string(), e.into_inner())),
    };
    json.end().map_err(|e| explain(String::new(), e))?;
    if unknown.is_empty() {
        return Ok(value);
    }
    let errors: FieldErrors = unknown
        .into_iter()
        .map(|field| {
            (
                field,
                "Dit veld kennen wij niet. Kijk de naam na.".to_owned(),
            )
        })
        .collect();
    Err(ApiError::validation(errors))
}

/// The Dutch for what serde found wrong at `path` (`.` is the body itself).
fn explain(path: String, error: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let at = |line: usize, column: usize| format!("regel {line}, teken {column}");
    match error.classify() {
        Category::Syntax | Category::Io => ApiError::BadRequest(format!(
            "Dit is geen geldige JSON ({}).",
            at(error.line(), error.column())
        )),
        Category::Eof => {
            ApiError::BadRequest("Dit is geen geldige JSON: hij houdt te vroeg op.".into())
        }
        Category::Data => {
            let message = error.to_string();
            // serde_json adds " at line L column C"; the field name says more.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            let (field, dutch) = data_error(message);
            let path = match (path.as_str(), field) {
                (".", Some(f)) => f,
                (".", None) => "body".to_owned(),
                (p, Some(f)) => format!("{p}.{f}"),
                (p, None) => p.to_owned(),
            };
            ApiError::field(&path, dutch)
        }
    }
}

/// A field serde named in its message (a missing one), and the Dutch for the message.
fn data_error(message: &str) -> (Option<String>, String) {
    if let Some(field) = between(message, "missing field `", "`") {
        return (Some(field.to_owned()), "Dit veld ontbreekt.".into());
    }
    if let Some(value) = between(message, "unknown variant `", "`") {
        let choices = message
            .split_once("expected ")
            .map(|(_, c)| {
                c.replace(['`'], "")
                    .replace("one of ", "")
                    .replace(" or ", ", ")
            })
            .unwrap_or_default();
        return (
            None,
            format!("'{value}' kennen wij niet. Kies uit: {choices}."),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, wanted) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            None,
            format!("Hier hoort {}, niet {}.", kind_of(wanted), kind_of(got)),
        );
    }
    if message.starts_with("invalid value: integer") {
        return (None, "Dit getal is te groot of te klein.".into());
    }
    if message.starts_with("invalid length") {
        return (None, "Er staan te veel of te weinig waarden in.".into());
    }
    if message.starts_with("input ") || message.contains("premature end") {
        // chrono's words for a date or time it cannot read.
        return (
            None,
            "Dit is geen geldige datum of tijd. Schrijf de datum als jjjj-mm-dd.".into(),
        );
    }
    if message == "not an id" {
        return (None, "Dit is geen geldig id.".into());
    }
    (None, "Deze waarde kunnen wij niet lezen.".into())
}

/// What serde calls a kind of value, in Dutch ("a string" → "tekst").
fn kind_of(serde: &str) -> &'static str {
    let serde = serde.trim();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| serde.starts_with(p));
    let integers = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    if starts(&["string", "a string", "a borrowed string", "char", "a char"]) {
        "tekst"
    } else if starts(&["integer", "an integer"]) || integers.contains(&serde) {
        "een geheel getal"
    } else if starts(&["floating point", "f32", "f64"]) {
        "een getal"
    } else if starts(&["boolean", "a boolean"]) {
        "true of false"
    } else if starts(&["null", "unit"]) {
        "null"
    } else if starts(&["sequence", "a sequence", "tuple"]) {
        "een lijst"
    } else if starts(&["map", "a map", "struct"]) {
        "een object"
    } else if starts(&["enum", "variant"]) {
        "een van de vaste keuzes"
    } else if serde.contains("date") || serde.contains("time") {
        "een datum (jjjj-mm-dd)"
    } else {
        "een andere soort waarde"
    }
}

/// The text between `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.split_once(start)?.1;
    Some(rest.split_once(end)?.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Schedule {
        days: Vec<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Request,
        Offer,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Input {
        title: String,
        count: Option<u8>,
        kind: Option<Kind>,
        schedule: Option<Schedule>,
        day: Option<chrono::NaiveDate>,
    }

    fn field_errors(body: &str) -> FieldErrors {
        match parse::<Input>(body.as_bytes()) {
            Err(ApiError::Validation { errors, .. }) => errors,
            other => panic!("expected a 422 for {body}, got {other:?}"),
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Listing {
        limit: Option<i64>,
        waiting: Option<bool>,
        within_km: Option<f64>,
    }

    #[test]
    fn a_query_value_it_cannot_read_is_named() {
        let ok: Listing = parse_query("limit=5&waiting=true&utm_source=x").unwrap();
        assert_eq!(ok.limit, Some(5));
        for (query, field, message) in [
            ("limit=vijf", "limit", "Hier hoort een getal."),
            ("limit=", "limit", "Hier hoort een getal."),
            ("within_km=3,5", "within_km", "Hier hoort een getal."),
            ("waiting=ja", "waiting", "Hier hoort true of false."),
        ] {
            match parse_query::<Listing>(query) {
                Err(ApiError::Validation { errors, .. }) => {
                    assert_eq!(
                        errors.get(field).map(String::as_str),
                        Some(message),
                        "{query}"
                    )
                }
                other => panic!("expected a 422 for {query}, got {other:?}"),
            }
        }
    }

    #[test]
    fn a_good_body_is_read() {
        let input: Input = parse(br#"{"title":"Tuin","count":2,"kind":"offer"}"#).unwrap();
        assert_eq!(input.title, "Tuin");
        assert_eq!(input.kind, Some(Kind::Offer));
    }

    #[test]
    fn a_missing_field_is_named() {
        let errors = field_errors(r#"{"count":2}"#);
        assert_eq!(errors["title"], "Dit veld ontbreekt.");
        let errors = field_errors(r#"{"title":"x","schedule":{}}"#);
        assert_eq!(errors["schedule.days"], "Dit veld ontbreekt.");
    }

    #[test]
    fn a_value_of_the_wrong_kind_says_what_belongs_there() {
        let errors = field_errors(r#"{"title":5}"#);
        assert_eq!(errors["title"], "Hier hoort tekst, niet een geheel getal.");
        let errors = field_errors(r#"{"title":"x","schedule":{"days":[3]}}"#);
        assert_eq!(
            errors["schedule.days[0]"],
            "Hier hoort tekst, niet een geheel getal."
        );
        let errors = field_errors(r#"{"title":"x","schedule":"maandag"}"#);
        assert_eq!(errors["schedule"], "Hier hoort een object, niet tekst.");
    }

    #[test]
    fn an_unknown_choice_lists_the_known_ones() {
        let errors = field_errors(r#"{"title":"x","kind":"vacature"}"#);
        assert_eq!(
            errors["kind"],
            "'vacature' kennen wij niet. Kies uit: request, offer."
        );
    }

    #[test]
    fn numbers_and_dates_out_of_range_are_explained() {
        let errors = field_errors(r#"{"title":"x","count":300}"#);
        assert_eq!(errors["count"], "Dit getal is te groot of te klein.");
        let errors = field_errors(r#"{"title":"x","day":"2026-02-30"}"#);
        assert!(
            errors["day"].starts_with("Dit is geen geldige datum"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused_not_dropped() {
        let errors = field_errors(r#"{"title":"x","titel":"y","schedule":{"days":[],"dag":1}}"#);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors["titel"].contains("kennen wij niet"));
        assert!(errors["schedule.dag"].contains("kennen wij niet"));
    }

    #[test]
    fn broken_json_is_a_400_with_the_place() {
        for body in [
            r#"{"title":"x",}"#,
            r#"{"title":"\ud800"}"#,
            r#"{"title":"x"} extra"#,
        ] {
            match parse::<Input>(body.as_bytes()) {
                Err(ApiError::BadRequest(m)) => {
                    assert!(
                        m.starts_with("Dit is geen geldige JSON (regel 1, teken"),
                        "{m}"
                    )
                }
                other => panic!("expected a 400 for {body}, got {other:?}"),
            }
        }
        match parse::<Input>(br#"{"title":"#) {
            Err(ApiError::BadRequest(m)) => assert!(m.contains("te vroeg"), "{m}"),
            other => panic!("expected a 400, got {other:?}"),
        }
    }
}
