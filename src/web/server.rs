//! `deltagraph serve`: the worksheet page and its JSON API over HTTP (axum on tokio).
//!
//! | route | answer |
//! |---|---|
//! | `GET /` | the worksheet page for the spec given on the command line (or the tutorial) |
//! | `GET /assets/app.js`, `/assets/style.css` | the embedded script and stylesheet |
//! | `POST /api/check` `{"values": {"z1": "5", …}, "spec"?: "…"}` | `check --format json`'s list |
//! | `POST /api/diagram` `{"values", "spec"?}` | `{"svg", "renderer"}`: the diagram coloured by verdict |
//! | `POST /api/step` `{"name", "values", "spec"?}` | `{"name", "formula", "hint", "exact"}` |
//! | `POST /api/spec` `{"spec": "…"}` | `{"name", "rows", "svg"}` for a pasted spec, or its error |
//! | `POST /api/csv` `{"csv": "…", "spec"?}` | `{"values": {…}}`: a hand file read as `check` reads it |
//!
//! The server keeps no state between requests: a page working on a pasted spec sends it with
//! each request. It reads no file after start-up and writes none. Bodies are capped at
//! [`MAX_BODY_BYTES`], specs at [`MAX_SPEC_BYTES`](super::workspace::MAX_SPEC_BYTES); every
//! answer carries a Content-Security-Policy that allows nothing from another origin; requests
//! whose `Host` is not the loopback address it listens on are refused (DNS rebinding), and
//! cross-site pages cannot post JSON to it without a CORS preflight, which it never grants.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Json, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use super::page;
use super::workspace::{ValueError, Workspace};
use crate::console;
use crate::error::{Error, ErrorKind, Result};
use crate::i18n::Lang;
use crate::tr;

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How long one request may take before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How the server chooses the language of an answer: a request's `?lang=` first, then the
/// language the command line chose (`--lang`), then the browser's `Accept-Language`, then the
/// server's locale.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Languages {
    /// `--lang`, if it was given.
    pub chosen: Option<Lang>,
    /// The language when nothing else decides (the locale's).
    pub fallback: Lang,
}

impl Languages {
    /// The language of the answer to a request with this URI and these headers.
    pub fn of_request(self, uri: &Uri, headers: &HeaderMap) -> Lang {
        let asked = uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|pair| pair.strip_prefix("lang="))
                .find_map(|v| v.parse::<Lang>().ok())
        });
        asked
            .or(self.chosen)
            .or_else(|| {
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(accepted_language)
            })
            .unwrap_or(self.fallback)
    }
}

/// The first of deltagraph's languages an `Accept-Language` header lists (`zh-CN,zh;q=0.9,en`
/// gives Chinese); browsers list them in the order of preference.
fn accepted_language(header: &str) -> Option<Lang> {
    header.split(',').find_map(|item| {
        let tag = item.split(';').next()?.trim();
        let primary = tag.split(['-', '_']).next()?;
        match primary.to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    })
}

/// What the handlers share: the command line's workspace and its page in each language,
/// rendered once.
#[derive(Clone)]
pub struct AppState {
    default: Arc<Workspace>,
    pages: Arc<Vec<(Lang, String)>>,
    allowed_hosts: Option<Arc<Vec<String>>>,
    languages: Languages,
}

impl AppState {
    /// State for `workspace`, answering in English unless a request asks otherwise
    /// ([`with_languages`](Self::with_languages)). `allowed_hosts`: the `Host` headers to
    /// accept (`None`: any).
    pub fn new(workspace: Workspace, allowed_hosts: Option<Vec<String>>) -> Result<AppState> {
        let pages = Lang::ALL
            .iter()
            .map(|&lang| Ok((lang, worksheet_page(&workspace, lang)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(AppState {
            default: Arc::new(workspace),
            pages: Arc::new(pages),
            allowed_hosts: allowed_hosts.map(Arc::new),
            languages: Languages::default(),
        })
    }

    /// This state, choosing each answer's language by `languages`.
    pub fn with_languages(mut self, languages: Languages) -> AppState {
        self.languages = languages;
        self
    }

    /// The language of the answer to a request.
    fn lang(&self, uri: &Uri, headers: &HeaderMap) -> Lang {
        self.languages.of_request(uri, headers)
    }
}

/// The worksheet page of a workspace in `lang`, with its uncoloured diagram.
fn worksheet_page(w: &Workspace, lang: Lang) -> Result<String> {
    let svg = page::inline_svg(&String::from_utf8_lossy(&w.diagram(None, lang)?.bytes));
    let sections = page::sections(&w.sheet);
    Ok(page::worksheet(&page::PageParts {
        lang,
        mode: "worksheet",
        title: w.sheet.name.as_deref().unwrap_or("network"),
        checked: false,
        spec_text: &w.spec_text,
        svg: &svg,
        sections: &sections,
        derivation: "",
    }))
}

/// The application: every route, the body cap, the time limit and the security headers.
pub fn app(state: AppState) -> Router {
    let header = |name, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    Router::new()
        .route("/", get(index))
        .route("/assets/app.js", get(script))
        .route("/assets/style.css", get(stylesheet))
        .route("/api/check", post(check))
        .route("/api/diagram", post(diagram))
        .route("/api/step", post(step))
        .route("/api/spec", post(spec))
        .route("/api/csv", post(csv))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(header(header::CONTENT_SECURITY_POLICY, page::SERVED_CSP))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::CACHE_CONTROL, "no-store"))
        .with_state(state)
}

/// Where and how to serve.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Address to listen on (default 127.0.0.1).
    pub host: IpAddr,
    /// Port (0: any free port).
    pub port: u16,
    /// Open the page in the default browser.
    pub open: bool,
    /// How each answer's language is chosen; the server's own notes are in its fallback
    /// or chosen language.
    pub languages: Languages,
}

/// Listen, print the URL as the first line of standard output, and serve until Ctrl-C.
pub fn serve(workspace: Workspace, opts: &ServeOptions) -> Result<()> {
    let lang = opts.languages.chosen.unwrap_or(opts.languages.fallback);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(Path::new("serve"), "error-io-runtime", e))?;
    runtime.block_on(async {
        let wanted = SocketAddr::new(opts.host, opts.port);
        let listener = tokio::net::TcpListener::bind(wanted).await.map_err(|e| {
            Error::bad_option(
                "--port",
                crate::msg!(
                    "web-port-busy",
                    address = wanted.to_string(),
                    error = e.to_string()
                ),
            )
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io(Path::new("serve"), "error-io-address", e))?;
        let url = format!("http://{addr}/");
        let allowed = if addr.ip().is_loopback() {
            Some(loopback_hosts(addr.port()))
        } else {
            console::note(&tr!(
                lang,
                "web-open-to-all",
                address = addr.ip().to_string()
            ));
            None
        };
        // The URL is the first line of stdout, for scripts that start the server; a script
        // that closes the pipe after reading it does not stop the server.
        let _ = console::print(&format!("{url}\n"));
        let name = match workspace.sheet.name.as_deref() {
            Some(name) => name.to_string(),
            None => lang.text("worksheet-the-network"),
        };
        console::note(&tr!(lang, "web-serving", name = name, url = url.as_str()));
        let app = app(AppState::new(workspace, allowed)?.with_languages(opts.languages));
        if opts.open {
            if let Err(e) = opener::open_browser(&url) {
                console::note(&tr!(
                    lang,
                    "web-no-browser",
                    error = e.to_string(),
                    url = url.as_str()
                ));
            }
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io(Path::new(&url), "error-io-server-stopped", e))
    })
}

/// The `Host` headers a browser sends for a loopback server on `port`.
fn loopback_hosts(port: u16) -> Vec<String> {
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .flat_map(|h| [format!("{h}:{port}"), h.to_string()])
        .filter(|h| port == 80 || h.contains(&format!(":{port}")))
        .collect()
}

/// Refuse a request whose `Host` is not ours: a web page that re-points its own domain name at
/// 127.0.0.1 (DNS rebinding) would otherwise talk to the server as if it were the same origin.
async fn check_host(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(allowed) = &state.allowed_hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        if !host.is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h))) {
            let lang = state.lang(req.uri(), req.headers());
            return ApiError::new(
                StatusCode::MISDIRECTED_REQUEST,
                lang.text("web-host-refused"),
            )
            .into_response();
        }
    }
    next.run(req).await
}

async fn index(State(state): State<AppState>, AnswerLang(lang): AnswerLang) -> Html<String> {
    let page = state.pages.iter().find(|(l, _)| *l == lang);
    Html(page.map_or_else(String::new, |(_, p)| p.clone()))
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        page::APP_JS,
    )
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        page::STYLE_CSS,
    )
}

async fn not_found(AnswerLang(lang): AnswerLang) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, lang.text("web-not-found"))
}

/// An error answer: a status and `{"error": "…", …}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: serde_json::Value,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({ "error": message.into() }),
        }
    }

    /// A bad spec or hand file: 422 with the message (in `lang`) and where.
    fn bad_input(e: Error, lang: Lang) -> ApiError {
        let mut body = json!({ "error": e.text(lang) });
        if let ErrorKind::BadInput {
            file,
            location,
            message,
        } = e.kind()
        {
            body["file"] = json!(file);
            body["location"] = json!(location);
            body["message"] = json!(lang.render(message));
        }
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body,
        }
    }

    fn values(errors: Vec<ValueError>, lang: Lang) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({
                "error": tr!(lang, "web-values-unreadable", count = errors.len()),
                "errors": errors,
            }),
        }
    }

    /// A body axum could not take as the route's JSON.
    fn rejected(r: JsonRejection, lang: Lang) -> ApiError {
        let status = r.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            tr!(lang, "web-body-too-large", max = MAX_BODY_BYTES / 1024)
        } else {
            tr!(lang, "web-body-not-json", error = r.body_text())
        };
        ApiError::new(status, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// The language of the answer to a request ([`Languages::of_request`]), as an extractor.
struct AnswerLang(Lang);

impl FromRequestParts<AppState> for AnswerLang {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> std::result::Result<Self, Infallible> {
        Ok(AnswerLang(state.lang(&parts.uri, &parts.headers)))
    }
}

/// An API request: its JSON body and the language of its answer. A body that is not the
/// route's JSON (or is too large) is refused with a message in that language.
struct ApiRequest<T> {
    lang: Lang,
    body: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for ApiRequest<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> std::result::Result<Self, ApiError> {
        let lang = state.lang(req.uri(), req.headers());
        let Json(body) = Json::<T>::from_request(req, state)
            .await
            .map_err(|r| ApiError::rejected(r, lang))?;
        Ok(ApiRequest { lang, body })
    }
}

/// Run blocking work (the checker, Graphviz) off the async threads.
async fn blocking<T: Send + 'static>(
    lang: Lang,
    f: impl FnOnce() -> std::result::Result<T, ApiError> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            lang.text("web-failed"),
        ))
    })
}

/// The workspace a request is about: the pasted spec it carries, or the server's.
fn workspace(
    state: &AppState,
    spec: Option<&str>,
    lang: Lang,
) -> std::result::Result<Arc<Workspace>, ApiError> {
    match spec {
        None => Ok(state.default.clone()),
        Some(text) => Workspace::parse(text)
            .map(Arc::new)
            .map_err(|e| ApiError::bad_input(e, lang)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValuesRequest {
    values: BTreeMap<String, String>,
    #[serde(default)]
    spec: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRequest {
    name: String,
    #[serde(default)]
    values: BTreeMap<String, String>,
    #[serde(default)]
    spec: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecRequest {
    spec: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvRequest {
    csv: String,
    #[serde(default)]
    spec: Option<String>,
}

/// The check of `values` against the request's workspace.
fn judged(
    state: &AppState,
    spec: Option<&str>,
    values: &BTreeMap<String, String>,
    lang: Lang,
) -> std::result::Result<(Arc<Workspace>, crate::check::Report), ApiError> {
    let w = workspace(state, spec, lang)?;
    let hand = w
        .hand_values(values, lang)
        .map_err(|e| ApiError::values(e, lang))?;
    let report = w.check(&hand);
    Ok((w, report))
}

async fn check(
    State(state): State<AppState>,
    ApiRequest { lang, body: req }: ApiRequest<ValuesRequest>,
) -> std::result::Result<Response, ApiError> {
    blocking(lang, move || {
        let (_, report) = judged(&state, req.spec.as_deref(), &req.values, lang)?;
        Ok((
            [(header::CONTENT_TYPE, "application/json")],
            // Keys, verdicts and cause kinds are the same in every language; causes and notes
            // are in the request's.
            crate::check::report::json(&report, lang),
        )
            .into_response())
    })
    .await
}

async fn diagram(
    State(state): State<AppState>,
    ApiRequest { lang, body: req }: ApiRequest<ValuesRequest>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    blocking(lang, move || {
        let (w, report) = judged(&state, req.spec.as_deref(), &req.values, lang)?;
        let rendered = w
            .diagram(Some(&report), lang)
            .map_err(|e| ApiError::bad_input(e, lang))?;
        Ok(Json(json!({
            "svg": page::inline_svg(&String::from_utf8_lossy(&rendered.bytes)),
            "renderer": rendered.drawn_by.to_string(),
        })))
    })
    .await
}

async fn step(
    State(state): State<AppState>,
    ApiRequest { lang, body: req }: ApiRequest<StepRequest>,
) -> std::result::Result<Json<super::workspace::StepHint>, ApiError> {
    blocking(lang, move || {
        let (w, report) = judged(&state, req.spec.as_deref(), &req.values, lang)?;
        w.step(&req.name, &report, lang).map(Json).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                tr!(
                    lang,
                    "web-unknown-name",
                    name = req.name.chars().take(64).collect::<String>()
                ),
            )
        })
    })
    .await
}

async fn spec(
    State(state): State<AppState>,
    ApiRequest { lang, body: req }: ApiRequest<SpecRequest>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    blocking(lang, move || {
        let w = workspace(&state, Some(&req.spec), lang)?;
        let rendered = w
            .diagram(None, lang)
            .map_err(|e| ApiError::bad_input(e, lang))?;
        let sections = page::sections(&w.sheet);
        Ok(Json(json!({
            "name": w.sheet.name,
            "rows": page::rows(&sections, lang),
            "svg": page::inline_svg(&String::from_utf8_lossy(&rendered.bytes)),
        })))
    })
    .await
}

async fn csv(
    State(state): State<AppState>,
    ApiRequest { lang, body: req }: ApiRequest<CsvRequest>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    blocking(lang, move || {
        let w = workspace(&state, req.spec.as_deref(), lang)?;
        let net = w.network();
        let names: Vec<&str> = net.entries().iter().map(|e| e.name).collect();
        let hand = crate::hand::parse(&req.csv, "CSV", &names)
            .map_err(|e| ApiError::bad_input(e, lang))?;
        let values: BTreeMap<String, String> =
            hand.into_iter().map(|h| (h.name, h.written)).collect();
        Ok(Json(json!({ "values": values })))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_carry_the_port() {
        assert_eq!(
            loopback_hosts(8000),
            ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"]
        );
        assert!(loopback_hosts(80).contains(&"localhost".to_string()));
    }

    #[test]
    fn the_answer_language_follows_the_request_then_the_command_line_then_the_browser() {
        let headers = |accept: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::ACCEPT_LANGUAGE,
                HeaderValue::from_str(accept).unwrap(),
            );
            h
        };
        let uri = |s: &str| s.parse::<Uri>().unwrap();
        let locale_en = Languages {
            chosen: None,
            fallback: Lang::En,
        };
        let chosen_en = Languages {
            chosen: Some(Lang::En),
            fallback: Lang::Zh,
        };
        let browser = headers("zh-CN,zh;q=0.9,en;q=0.8");
        assert_eq!(locale_en.of_request(&uri("/"), &HeaderMap::new()), Lang::En);
        assert_eq!(locale_en.of_request(&uri("/"), &browser), Lang::Zh);
        assert_eq!(chosen_en.of_request(&uri("/"), &browser), Lang::En);
        assert_eq!(chosen_en.of_request(&uri("/?lang=zh"), &browser), Lang::Zh);
        assert_eq!(
            locale_en.of_request(&uri("/?x=1&lang=zh"), &headers("fr")),
            Lang::Zh
        );
        assert_eq!(
            locale_en.of_request(&uri("/"), &headers("fr, en-GB;q=0.5")),
            Lang::En
        );
        assert_eq!(accepted_language("de-DE, fr"), None);
    }
}
