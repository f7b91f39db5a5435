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
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Json, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use super::page;
use super::workspace::{ValueError, Workspace};
use crate::console;
use crate::error::{Error, ErrorKind, Result};

/// The largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How long one request may take before the server answers 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What the handlers share: the command line's workspace and its page, rendered once.
#[derive(Clone)]
pub struct AppState {
    default: Arc<Workspace>,
    page: Arc<String>,
    allowed_hosts: Option<Arc<Vec<String>>>,
}

impl AppState {
    /// State for `workspace`. `allowed_hosts`: the `Host` headers to accept (`None`: any).
    pub fn new(workspace: Workspace, allowed_hosts: Option<Vec<String>>) -> Result<AppState> {
        let page = worksheet_page(&workspace)?;
        Ok(AppState {
            default: Arc::new(workspace),
            page: Arc::new(page),
            allowed_hosts: allowed_hosts.map(Arc::new),
        })
    }
}

/// The worksheet page of a workspace, with its uncoloured diagram.
fn worksheet_page(w: &Workspace) -> Result<String> {
    let svg = page::inline_svg(&String::from_utf8_lossy(&w.diagram(None)?.bytes));
    let sections = page::sections(&w.sheet);
    Ok(page::worksheet(&page::PageParts {
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
}

/// Listen, print the URL as the first line of standard output, and serve until Ctrl-C.
pub fn serve(workspace: Workspace, opts: &ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(Path::new("serve"), "error-io-runtime", e))?;
    runtime.block_on(async {
        let wanted = SocketAddr::new(opts.host, opts.port);
        let listener = tokio::net::TcpListener::bind(wanted)
            .await
            .map_err(|e| {
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
            console::note(&format!(
                "warning: listening on {} — anyone who can reach this machine can use the worksheet \
                 (it reads and writes no files, but runs the checker and Graphviz for every request)",
                addr.ip()
            ));
            None
        };
        // The URL is the first line of stdout, for scripts that start the server; a script
        // that closes the pipe after reading it does not stop the server.
        let _ = console::print(&format!("{url}\n"));
        console::note(&format!(
            "serving the worksheet for {} at {url}; Ctrl-C stops",
            workspace.sheet.name.as_deref().unwrap_or("the network")
        ));
        let app = app(AppState::new(workspace, allowed)?);
        if opts.open {
            if let Err(e) = opener::open_browser(&url) {
                console::note(&format!(
                    "warning: could not open a browser ({e}); open {url} yourself"
                ));
            }
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io(Path::new(&url), "the server stopped", e))
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
            return ApiError::new(
                StatusCode::MISDIRECTED_REQUEST,
                "expected a request for this server's own address (Host header)",
            )
            .into_response();
        }
    }
    next.run(req).await
}

async fn index(State(state): State<AppState>) -> Html<String> {
    Html(state.page.as_str().to_owned())
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

async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "expected a route of the worksheet, found none",
    )
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

    /// A bad spec or hand file: 422 with the message and where.
    fn bad_input(e: Error) -> ApiError {
        let mut body = json!({ "error": e.to_string() });
        if let ErrorKind::BadInput {
            file,
            location,
            message,
        } = e.kind()
        {
            body["file"] = json!(file);
            body["location"] = json!(location);
            body["message"] = json!(crate::i18n::Lang::En.render(message));
        }
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body,
        }
    }

    fn values(errors: Vec<ValueError>) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({
                "error": format!("{} value(s) cannot be read", errors.len()),
                "errors": errors,
            }),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        let status = r.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "expected a request of at most {} KiB",
                MAX_BODY_BYTES / 1024
            )
        } else {
            format!("expected a JSON request body: {}", r.body_text())
        };
        ApiError::new(status, message)
    }
}

/// Run blocking work (the checker, Graphviz) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> std::result::Result<T, ApiError> + Send + 'static,
) -> std::result::Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the worksheet failed on this request",
        ))
    })
}

/// The workspace a request is about: the pasted spec it carries, or the server's.
fn workspace(
    state: &AppState,
    spec: Option<&str>,
) -> std::result::Result<Arc<Workspace>, ApiError> {
    match spec {
        None => Ok(state.default.clone()),
        Some(text) => Workspace::parse(text)
            .map(Arc::new)
            .map_err(ApiError::bad_input),
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
) -> std::result::Result<(Arc<Workspace>, crate::check::Report), ApiError> {
    let w = workspace(state, spec)?;
    let hand = w.hand_values(values).map_err(ApiError::values)?;
    let report = w.check(&hand);
    Ok((w, report))
}

async fn check(
    State(state): State<AppState>,
    body: std::result::Result<Json<ValuesRequest>, JsonRejection>,
) -> std::result::Result<Response, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let (_, report) = judged(&state, req.spec.as_deref(), &req.values)?;
        Ok((
            [(header::CONTENT_TYPE, "application/json")],
            // The page is in English for now; keys, verdicts and cause kinds are the same in every
            // language.
            crate::check::report::json(&report, crate::i18n::Lang::En),
        )
            .into_response())
    })
    .await
}

async fn diagram(
    State(state): State<AppState>,
    body: std::result::Result<Json<ValuesRequest>, JsonRejection>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let (w, report) = judged(&state, req.spec.as_deref(), &req.values)?;
        let rendered = w.diagram(Some(&report)).map_err(ApiError::bad_input)?;
        Ok(Json(json!({
            "svg": page::inline_svg(&String::from_utf8_lossy(&rendered.bytes)),
            "renderer": rendered.drawn_by.to_string(),
        })))
    })
    .await
}

async fn step(
    State(state): State<AppState>,
    body: std::result::Result<Json<StepRequest>, JsonRejection>,
) -> std::result::Result<Json<super::workspace::StepHint>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let (w, report) = judged(&state, req.spec.as_deref(), &req.values)?;
        w.step(&req.name, &report).map(Json).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "expected a canonical name of this network, found `{}`",
                    req.name.chars().take(64).collect::<String>()
                ),
            )
        })
    })
    .await
}

async fn spec(
    State(state): State<AppState>,
    body: std::result::Result<Json<SpecRequest>, JsonRejection>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let w = workspace(&state, Some(&req.spec))?;
        let rendered = w.diagram(None).map_err(ApiError::bad_input)?;
        let sections = page::sections(&w.sheet);
        Ok(Json(json!({
            "name": w.sheet.name,
            "rows": page::rows(&sections),
            "svg": page::inline_svg(&String::from_utf8_lossy(&rendered.bytes)),
        })))
    })
    .await
}

async fn csv(
    State(state): State<AppState>,
    body: std::result::Result<Json<CsvRequest>, JsonRejection>,
) -> std::result::Result<Json<serde_json::Value>, ApiError> {
    let Json(req) = body?;
    blocking(move || {
        let w = workspace(&state, req.spec.as_deref())?;
        let net = w.network();
        let names: Vec<&str> = net.entries().iter().map(|e| e.name.as_str()).collect();
        let hand = crate::hand::parse(&req.csv, "CSV", &names).map_err(ApiError::bad_input)?;
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
}
