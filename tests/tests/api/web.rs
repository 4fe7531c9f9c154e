//! The web app as the server delivers it: every page at its own address with the
//! Servicepunt's details filled in, a Dutch 404 page for unknown addresses, static
//! files compressed and revalidated with ETags, and nothing served that is not part
//! of the app.

use noaber::config::Servicepunt;
use noaber_tests::{spawn_app, spawn_app_with, TestApp};
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG,
    IF_NONE_MATCH,
};
use reqwest::StatusCode;

async fn fetch(app: &TestApp, path: &str) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let res = app.client.get(app.url(path)).send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.text().await.unwrap())
}

#[tokio::test]
async fn every_page_names_the_servicepunt_and_unknown_addresses_get_the_dutch_404() {
    let app = spawn_app_with(|s| {
        s.servicepunt = Servicepunt {
            phone: "0593 123 456".into(),
            email: "hulp@servicepunt.test".into(),
            hours: "Dinsdag & donderdag 9.00-12.00 uur".into(),
        }
    })
    .await;
    for path in [
        "/",
        "/inloggen",
        "/aanmelden",
        "/bevestigen",
        "/wachtwoord-vergeten",
    ] {
        let (status, headers, html) = fetch(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8", "{path}");
        assert!(html.contains("<html lang=\"nl\">"), "{path}");
        assert!(
            html.contains("href=\"tel:0593123456\">0593 123 456</a>"),
            "{path}: {html}"
        );
        assert!(html.contains("mailto:hulp@servicepunt.test"), "{path}");
        assert!(
            html.contains("Dinsdag &amp; donderdag 9.00-12.00 uur"),
            "{path}"
        );
        assert!(!html.contains("<!--#") && !html.contains("{{"), "{path}");
        assert!(html.contains("<meta charset=\"utf-8\">"), "{path}");
        assert!(html.contains("href=\"/style.css\""), "{path}");
        let policy = headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("script-src 'self'"), "{policy}");
    }
    for path in [
        "/bestaat-niet",
        "/hulpvragen",
        "/hulpvragen/a/b",
        "/login.html",
        "/partials/header.html",
    ] {
        let (status, headers, html) = fetch(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(headers[CONTENT_TYPE], "text/html; charset=utf-8", "{path}");
        assert!(html.contains("Deze pagina bestaat niet"), "{path}");
        assert!(html.contains("0593 123 456"), "{path}");
    }
    // The API keeps answering problem+json, not the page.
    let (status, headers, _) = fetch(&app, "/api/v1/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[CONTENT_TYPE], "application/problem+json");
}

#[tokio::test]
async fn static_files_are_compressed_and_revalidated_with_etags() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/style.css"))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(res.headers()[CACHE_CONTROL], "no-cache");
    assert_eq!(res.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
    let etag = res.headers()[ETAG].clone();
    let compressed = res.bytes().await.unwrap().len();
    let (_, _, plain) = fetch(&app, "/style.css").await;
    assert!(
        compressed * 2 < plain.len(),
        "gzip: {compressed} of {} bytes",
        plain.len()
    );

    let again = app
        .client
        .get(app.url("/style.css"))
        .header(IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());

    let (status, headers, _) = fetch(&app, "/js/api.js").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[CONTENT_TYPE], "text/javascript; charset=utf-8");
}

#[tokio::test]
async fn nothing_outside_the_web_app_is_served() {
    let app = spawn_app().await;
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/js/..%2f..%2fCargo.toml",
        "/..%2f..%2fapi/src/web.rs",
        "/etc/passwd",
        "/README.md",
    ] {
        let (status, _, body) = fetch(&app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            !body.contains("[workspace]") && !body.contains("rust_embed"),
            "{path}"
        );
    }
    let res = app.client.post(app.url("/inloggen")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}
