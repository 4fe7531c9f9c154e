//! The web app: serves `frontend/` (embedded in the binary, or a directory when
//! `NOABER_FRONTEND_DIR` is set) and owns the map from page addresses to HTML files.
//!
//! Every page is its own HTML file with its own address, so the back button, a
//! bookmark and a link in a mail all work without a client-side router. Pages share
//! the common `<head>` lines, the header and the footer through three markers,
//! `<!--#head-->`, `<!--#header-->` and `<!--#footer-->`,
//! filled in here from `frontend/partials/`, with the Servicepunt's phone, e-mail
//! and hours from the configuration: no build step, and the contact details show
//! even before (or without) JavaScript.
//!
//! Each page loads one ES module that imports the shared ones. So that the browser
//! does not discover them one level at a time, every page gets a
//! `<link rel="modulepreload">` for each module its script imports, directly or not.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use regex::Regex;
use sha2::{Digest, Sha256};

use crate::config::{Servicepunt, Settings};

#[derive(rust_embed::RustEmbed)]
#[folder = "../frontend/"]
struct Embedded;

/// Where the web app's files come from.
#[derive(Debug, Clone)]
pub enum Frontend {
    /// The copy compiled into the binary (the default: runs from any directory).
    Embedded,
    /// A directory read on every request (development: edit and reload).
    Dir(PathBuf),
}

impl Frontend {
    /// The directory when one is configured, the embedded copy otherwise.
    pub fn new(dir: Option<PathBuf>) -> Frontend {
        dir.map_or(Frontend::Embedded, Frontend::Dir)
    }

    /// A file's bytes by its path inside `frontend/` (no leading slash).
    fn file(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        match self {
            Frontend::Embedded => Embedded::get(path).map(|f| f.data),
            Frontend::Dir(dir) => std::fs::read(safe_join(dir, path)?).ok().map(Cow::Owned),
        }
    }
}

/// `dir/path` when `path` stays inside `dir` (no `..`, no absolute paths).
fn safe_join(dir: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path);
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| dir.join(relative))
}

/// What the web app is served from, and what every page says about the Servicepunt.
#[derive(Debug, Clone)]
pub struct Site {
    /// Where the files come from.
    pub frontend: Frontend,
    /// Contact details filled into every page.
    pub servicepunt: Servicepunt,
}

impl Site {
    /// The site as configured.
    pub fn new(settings: &Settings) -> Site {
        Site {
            frontend: Frontend::new(settings.frontend_dir.clone()),
            servicepunt: settings.servicepunt.clone(),
        }
    }
}

/// Page addresses and the HTML file that renders each. `{id}` stands for one path
/// segment holding an id. The pages' scripts read the rest from the address.
const PAGES: &[(&str, &str)] = &[
    ("/", "index.html"),
    ("/inloggen", "login.html"),
    ("/aanmelden", "register.html"),
    ("/wachtwoord-vergeten", "account.html"),
    ("/bevestigen", "account.html"),
    ("/antwoord", "answer.html"),
    ("/afmelden", "unsubscribe.html"),
    ("/nieuw-wachtwoord", "account.html"),
    // Links in mails sent before the pages had their own addresses.
    ("/account.html", "account.html"),
    ("/hulpvragen/{id}", "post.html"),
    ("/aanbod/{id}", "post.html"),
    ("/vacatures/{id}", "post.html"),
    ("/plaatsen/hulpvraag", "post-form.html"),
    ("/plaatsen/aanbod", "post-form.html"),
    ("/plaatsen/vacature", "post-form.html"),
    ("/mijn/oproepen/{id}/aanpassen", "post-form.html"),
    ("/mijn", "mine.html"),
    ("/mijn/profiel", "profile.html"),
    ("/mijn/voor-u-gevonden", "suggestions.html"),
    ("/mijn/gegevens", "my-data.html"),
    ("/koppelingen/{id}", "match.html"),
    ("/toegankelijkheid", "accessibility.html"),
    // The coordinator's werkbak.
    ("/werkbak", "desk-today.html"),
    ("/werkbak/beoordelen", "desk-review.html"),
    ("/werkbak/hulpvragen", "desk-requests.html"),
    ("/werkbak/hulpvragen/{id}", "desk-request.html"),
    ("/werkbak/koppelingen", "desk-matches.html"),
    ("/werkbak/weekvoorstel", "desk-plan.html"),
    ("/werkbak/telefonisch", "desk-intake.html"),
    ("/werkbak/prikbord", "desk-board.html"),
    ("/werkbak/vrijwilligers", "desk-volunteers.html"),
    ("/werkbak/vrijwilligers/{id}", "desk-volunteer.html"),
    ("/werkbak/post", "desk-mail.html"),
    ("/werkbak/logboek", "desk-audit.html"),
    ("/werkbak/cijfers", "desk-report.html"),
    ("/privacy", "privacy.html"),
];

/// The page shown, with status 404, for every unknown address.
const NOT_FOUND_PAGE: &str = "404.html";

/// The HTML file for a page address, if it is one.
pub fn page_for(path: &str) -> Option<&'static str> {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    PAGES
        .iter()
        .find(|(pattern, _)| matches_pattern(pattern, path))
        .map(|(_, file)| *file)
}

fn matches_pattern(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some("{id}"), Some(segment)) if is_id(segment) => {}
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

fn is_id(segment: &str) -> bool {
    (1..=64).contains(&segment.len())
        && segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Content types of the files the web app consists of; anything else is not served.
fn content_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.')?.1;
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => return None,
    })
}

/// A page with the shared header and footer filled in and the Servicepunt's
/// details put in their places (HTML-escaped: they come from the configuration).
pub fn assemble(frontend: &Frontend, page: &[u8], servicepunt: &Servicepunt) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let partial = |name: &str| {
        frontend
            .file(&format!("partials/{name}.html"))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    let escape = |s: &str| v_htmlescape::escape(s).to_string();
    let tel: String = servicepunt
        .phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let preloads = module_preloads(frontend, &text);
    text.replace("<!--#head-->", &(partial("head") + &preloads))
        .replace("<!--#desk-nav-->", &partial("desk-nav"))
        .replace("<!--#header-->", &partial("header"))
        .replace("<!--#footer-->", &partial("footer"))
        .replace("{{servicepunt.phone}}", &escape(&servicepunt.phone))
        .replace("{{servicepunt.tel}}", &escape(&tel))
        .replace("{{servicepunt.email}}", &escape(&servicepunt.email))
        .replace("{{servicepunt.hours}}", &escape(&servicepunt.hours))
        .into_bytes()
}

/// The modules a page's script imports, directly or not, as `<link rel="modulepreload">`
/// lines (in the order found), so the browser fetches them all at once.
fn module_preloads(frontend: &Frontend, page: &str) -> String {
    static ENTRY: LazyLock<Regex> =
        LazyLock::new(|| pattern(r#"<script type="module" src="(/[^"]+\.js)""#));
    let mut seen: Vec<String> = ENTRY.captures_iter(page).map(|c| c[1].to_owned()).collect();
    let entries = seen.len();
    let mut next = 0;
    while next < seen.len() {
        let module = seen[next].clone();
        next += 1;
        for import in imports_of(frontend, &module) {
            if !seen.contains(&import) {
                seen.push(import);
            }
        }
    }
    seen[entries..]
        .iter()
        .map(|m| format!("<link rel=\"modulepreload\" href=\"{m}\">\n"))
        .collect()
}

/// The site paths of the modules `module` (a site path) imports statically.
fn imports_of(frontend: &Frontend, module: &str) -> Vec<String> {
    static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
        pattern(r#"(?m)^\s*(?:import|export)\b[^'";]*?['"](\.{1,2}/[^'"]+\.js)['"]"#)
    });
    let Some(source) = frontend.file(module.trim_start_matches('/')) else {
        return Vec::new();
    };
    let source = String::from_utf8_lossy(&source);
    let dir = module.rsplit_once('/').map_or("", |(dir, _)| dir);
    IMPORT
        .captures_iter(&source)
        .filter_map(|c| resolve(dir, &c[1]))
        .collect()
}

/// `relative` (`./x.js`, `../x.js`) seen from the site directory `dir`.
fn resolve(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

fn pattern(text: &str) -> Regex {
    // Constant patterns; a typo is caught by the unit tests.
    Regex::new(text).unwrap_or_else(|e| panic!("web pattern {text}: {e}"))
}

/// What pages may load: only this site's own scripts, styles and images.
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; \
    script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// Answers `body` with an ETag and `no-cache` (the files have no version in their
/// names, so browsers ask again each time and mostly get a 304).
fn respond(
    req: &HttpRequest,
    status: StatusCode,
    mime: &'static str,
    body: Cow<'static, [u8]>,
) -> HttpResponse {
    let etag = format!("\"{}\"", hex(&Sha256::digest(&body)[..12]));
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh && status == StatusCode::OK {
        HttpResponse::NotModified()
    } else {
        HttpResponse::build(status)
    };
    response
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::ETAG, etag))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    if mime.starts_with("text/html") {
        response
            .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
            .insert_header((header::REFERRER_POLICY, "same-origin"))
            .insert_header((header::X_FRAME_OPTIONS, "DENY"));
    }
    if fresh && status == StatusCode::OK {
        return response.finish();
    }
    response
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(mime)))
        .body(if req.method() == Method::HEAD {
            Vec::new()
        } else {
            body.into_owned()
        })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn page(req: &HttpRequest, site: &Site, file: &str, status: StatusCode) -> HttpResponse {
    let frontend = &site.frontend;
    match frontend.file(file) {
        Some(html) => {
            let body = assemble(frontend, &html, &site.servicepunt);
            respond(req, status, "text/html; charset=utf-8", Cow::Owned(body))
        }
        None if file != NOT_FOUND_PAGE => page(req, site, NOT_FOUND_PAGE, StatusCode::NOT_FOUND),
        None => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("Deze pagina bestaat niet."),
    }
}

/// Serves a page, a static file, or the Dutch 404 page.
pub async fn serve(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        // Forms are sent by the pages' scripts; this is a form sent before (or
        // without) them. `method="post"` keeps passwords out of the address bar.
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .content_type("text/plain; charset=utf-8")
            .body("Dit formulier werkt alleen als de pagina helemaal geladen is. Ga terug en probeer het opnieuw, of bel het Servicepunt.");
    }
    let path = req.path();
    if let Some(file) = page_for(path) {
        return page(&req, &site, file, StatusCode::OK);
    }
    let relative = path.trim_start_matches('/');
    // Partials are only served inside pages; HTML files only at their addresses.
    let servable = content_type(relative)
        .filter(|mime| !mime.starts_with("text/html") && !relative.starts_with("partials/"));
    if let Some(mime) = servable {
        if let Some(body) = site.frontend.file(relative) {
            return respond(&req, StatusCode::OK, mime, body);
        }
    }
    page(&req, &site, NOT_FOUND_PAGE, StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_their_pages() {
        assert_eq!(page_for("/"), Some("index.html"));
        assert_eq!(page_for("/inloggen/"), Some("login.html"));
        assert_eq!(page_for("/hulpvragen/0b6f-12ab"), Some("post.html"));
        assert_eq!(
            page_for("/mijn/oproepen/abc/aanpassen"),
            Some("post-form.html")
        );
        assert_eq!(page_for("/hulpvragen"), None);
        assert_eq!(page_for("/hulpvragen/a/b"), None);
        assert_eq!(page_for("/hulpvragen/a%20b"), None);
        assert_eq!(page_for("/onbekend"), None);
    }

    #[test]
    fn a_page_preloads_every_module_its_script_imports() {
        assert_eq!(
            resolve("/js/pages", "../api.js").as_deref(),
            Some("/js/api.js")
        );
        assert_eq!(resolve("/js", "./dom.js").as_deref(), Some("/js/dom.js"));
        assert_eq!(resolve("", "../x.js"), None);

        let page = r#"<script type="module" src="/js/pages/desk-request.js"></script>"#;
        let links = module_preloads(&Frontend::Embedded, page);
        // Imported by the page itself, and only through other modules.
        for module in [
            "/js/api.js",
            "/js/match-steps.js",
            "/js/session.js",
            "/js/words.js",
        ] {
            let link = format!("<link rel=\"modulepreload\" href=\"{module}\">");
            assert!(links.contains(&link), "{module} in {links}");
        }
        assert!(
            !links.contains("desk-request.js"),
            "the page's own script loads anyway"
        );
        assert_eq!(links.lines().count(), {
            let mut unique: Vec<&str> = links.lines().collect();
            unique.sort();
            unique.dedup();
            unique.len()
        });
    }

    #[test]
    fn files_outside_the_frontend_are_never_read() {
        let dir = Path::new("/srv/frontend");
        assert!(safe_join(dir, "../secret").is_none());
        assert!(safe_join(dir, "/etc/passwd").is_none());
        assert!(safe_join(dir, "js/./app.js").is_some());
        assert_eq!(safe_join(dir, "js/app.js"), Some(dir.join("js/app.js")));
    }

    #[test]
    fn servicepunt_details_are_escaped_into_the_page() {
        let servicepunt = Servicepunt {
            phone: "0593 <b>12</b> 34".into(),
            email: "a@b.nl".into(),
            hours: "dag & nacht".into(),
        };
        let page =
            b"<a href=\"tel:{{servicepunt.tel}}\">{{servicepunt.phone}}</a> {{servicepunt.hours}}";
        let html = assemble(&Frontend::Embedded, page, &servicepunt);
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("tel:05931234"), "{html}");
        assert!(html.contains("0593 &lt;b&gt;12&lt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("dag &amp; nacht"), "{html}");
    }
}
