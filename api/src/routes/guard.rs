//! The input guard in front of every API route: text with control characters (a NUL
//! byte, an escape, a bell…) never reaches a handler or the database. PostgreSQL
//! cannot store a NUL in a text column while SQLite can, so without this guard the
//! two backends would answer the same request differently (a 500 against a 201).
//!
//! A JSON body is read once here and handed on unchanged; a string in it with a
//! control character other than newline, carriage return or tab is a 422 naming the
//! field. A query parameter with any control character is a 422 naming the parameter.
//! (Path ids are read as UUIDs by [`super::Id`], so they need nothing here.) Short
//! fields refuse newlines and tabs too, in their own parsing (`domain::text`).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::BytesMut;
use actix_web::{HttpMessage, ResponseError};
use futures_util::StreamExt;
use serde_json::Value;

use crate::domain::text::has_control;
use crate::error::ApiError;

/// Largest body the guard reads (the JSON extractor's limit is the same).
const MAX_BODY: usize = 1 << 20;

/// What a person reads when a field holds a control character.
pub const CONTROL_MESSAGE: &str =
    "Hier staat een onzichtbaar stuurteken in (bijvoorbeeld een NUL-teken). \
     Haal het weg en probeer het opnieuw.";

/// The middleware: checks the query string and a JSON body, then calls the route.
pub async fn reject_control_characters(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    if let Some(field) = query_field_with_control(req.query_string()) {
        return Ok(refuse(req, &field));
    }
    if is_json(&req) {
        let mut payload = req.take_payload();
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > MAX_BODY {
                // Too big to check: the JSON extractor refuses it with its own message.
                body.extend_from_slice(&chunk);
                break;
            }
            body.extend_from_slice(&chunk);
        }
        let body = body.freeze();
        if let Some(field) = json_field_with_control(&body) {
            return Ok(refuse(req, &field));
        }
        req.set_payload(actix_web::dev::Payload::from(body));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn is_json(req: &ServiceRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

fn refuse(req: ServiceRequest, field: &str) -> ServiceResponse<actix_web::body::BoxBody> {
    let response = ApiError::field(field, CONTROL_MESSAGE).error_response();
    req.into_response(response)
}

/// The first query parameter whose name or value holds a control character.
fn query_field_with_control(query: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, value)| has_control(name, false) || has_control(value, false))
        .map(|(name, _)| name.chars().filter(|c| !c.is_control()).collect())
}

/// The name of the first field (the innermost object key on the way) holding a
/// string with a control character other than newline, carriage return and tab.
/// Bodies that are not JSON are left to the JSON extractor.
fn json_field_with_control(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    find_control(&value, "body")
}

fn find_control(value: &Value, field: &str) -> Option<String> {
    match value {
        Value::String(s) => has_control(s, true).then(|| field.to_owned()),
        Value::Array(items) => items.iter().find_map(|v| find_control(v, field)),
        Value::Object(map) => map.iter().find_map(|(key, v)| {
            if has_control(key, false) {
                return Some(field.to_owned());
            }
            find_control(v, key)
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_anywhere_in_a_json_body_names_its_field() {
        let body = br#"{"title": "Hulp", "on_behalf_of": {"name": "In\u0000ge"}}"#;
        assert_eq!(json_field_with_control(body).as_deref(), Some("name"));
        let list = br#"{"talents": ["tuin", "\u001b[31m"]}"#;
        assert_eq!(json_field_with_control(list).as_deref(), Some("talents"));
        assert_eq!(
            json_field_with_control(br#"["\u0007"]"#).as_deref(),
            Some("body")
        );
    }

    #[test]
    fn newlines_and_tabs_in_long_text_pass_the_guard() {
        let body = br#"{"description": "Regel een\nRegel twee\r\n\tmet tab"}"#;
        assert_eq!(json_field_with_control(body), None);
        assert_eq!(json_field_with_control(b"not json \x00"), None);
    }

    #[test]
    fn query_parameters_with_control_characters_are_found() {
        assert_eq!(
            query_field_with_control("q=tuin%00&place=beilen").as_deref(),
            Some("q")
        );
        assert_eq!(query_field_with_control("q=tuin%0A"), Some("q".into()));
        assert_eq!(query_field_with_control("q=tuin+hulp&limit=5"), None);
    }
}
