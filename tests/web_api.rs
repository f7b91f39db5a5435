//! `deltagraph serve`'s HTTP API, in process (tower's `oneshot`, no socket): every route, bad
//! JSON, oversized bodies, bad specs and values, the security headers.
#![cfg(feature = "web")]

use std::collections::BTreeMap;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

use deltagraph::spec::Spec;
use deltagraph::web::server::{AppState, MAX_BODY_BYTES, app};
use deltagraph::web::workspace::Workspace;

fn tutorial_app() -> Router {
    let w = Workspace::tutorial();
    app(AppState::new(w, None).unwrap())
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(app: Router, req: Request<Body>) -> Answer {
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(path: &str) -> Answer {
    send(
        tutorial_app(),
        Request::get(path).body(Body::empty()).unwrap(),
    )
    .await
}

async fn post(path: &str, body: impl Into<Body>) -> Answer {
    send(
        tutorial_app(),
        Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap(),
    )
    .await
}

async fn post_json(path: &str, body: Value) -> Answer {
    post(path, body.to_string()).await
}

/// The tutorial's published values (tests/data), as the page would send them.
fn published() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tutorial-published.csv"
    ))
    .unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn verdicts(list: &Value) -> BTreeMap<String, String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|j| {
            (
                j["name"].as_str().unwrap().to_string(),
                j["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn page_has_every_value_as_a_named_input_and_strict_headers() {
    let a = get("/").await;
    assert_eq!(a.status, StatusCode::OK);
    let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self';") && csp.contains("connect-src 'self'"));
    assert!(!csp.contains("http") && !csp.contains('*'), "{csp}");
    assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let net =
        { deltagraph::net::Network::evaluated(&deltagraph::spec::ValidSpec::tutorial()).unwrap() };
    for e in net.entries() {
        let input = format!("<input name=\"{}\"", e.name);
        assert!(a.body.contains(&input), "no {input}");
    }
    assert_eq!(a.body.matches("<input name=").count(), net.entries().len());
    assert_eq!(
        a.body.matches("data-verdict=\"unanswered\"").count(),
        net.entries().len()
    );
    // Everything the page loads comes from the server itself.
    assert!(a.body.contains("<script src=\"/assets/app.js\">"));
    assert!(!a.body.contains("http://") && !a.body.contains("https://"));
    assert!(a.body.contains("<svg"), "diagram inline");
}

#[tokio::test]
async fn assets_are_served_with_their_types() {
    let js = get("/assets/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(js.body.contains("/api/check"));
    let css = get("/assets/style.css").await;
    assert!(
        css.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    for asset in [&js.body, &css.body] {
        assert!(!asset.contains("http://") && !asset.contains("https://"));
    }
    let missing = get("/etc/passwd").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"].is_string());
    let traversal = get("/assets/../Cargo.toml").await;
    assert_eq!(traversal.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn check_judges_the_published_values_like_the_cli() {
    let a = post_json("/api/check", json!({ "values": published() })).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let list = a.json();
    let v = verdicts(&list);
    assert_eq!(v.len(), 24);
    // The tutorial as published has exactly two slips: z5 (a misread weight) and df3.
    let slips: Vec<&str> = v
        .iter()
        .filter(|(_, x)| *x == "slip")
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(slips, ["df3", "z5"]);
    for carried in ["f5", "z6", "f6", "delta6", "delta4", "delta1"] {
        assert_eq!(v[carried], "carried", "{carried}");
    }
    assert_eq!(v["z1"], "ok");
    let z5 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["name"] == "z5")
        .unwrap();
    assert!(
        z5["cause"].as_str().unwrap().contains("w(2,5) read as 3"),
        "{z5}"
    );
    assert_eq!(z5["written"], "8.979460467761783");
    // The same objects as `check --format json`.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let spec = dir.join("t.toml");
    std::fs::write(&spec, Spec::tutorial().to_toml()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .args(["check", "--format", "json"])
        .arg(&spec)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/tutorial-published.csv"
        ))
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    let strip_line = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|j| {
                let mut j = j.clone();
                j.as_object_mut().unwrap().remove("line");
                j
            })
            .collect()
    };
    assert_eq!(strip_line(&list), strip_line(&cli));
}

#[tokio::test]
async fn check_keeps_written_precision_and_skips_empty_boxes() {
    let a = post_json(
        "/api/check",
        json!({ "values": { "z1": "5", "f1": "0.9933", "z2": "", "f2": "0.98" } }),
    )
    .await;
    let v = verdicts(&a.json());
    // f1 = σ(5) = 0.993307…: 0.9933 is right at 4 decimals; σ(9) = 0.99988 is not 0.98 (0.99 would be: rounding down is accepted).
    assert_eq!(v.len(), 4);
    assert_eq!(v["f1"], "ok");
    assert_eq!(v["f2"], "slip");
    // An empty box is listed as not answered, as an empty row of a hand file is.
    assert_eq!(v["z2"], "unanswered");
}

#[tokio::test]
async fn unreadable_values_are_all_named() {
    let a = post_json(
        "/api/check",
        json!({ "values": { "z1": "five", "zed": "1", "f1": "1e400" } }),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = a.json()["errors"].as_array().unwrap().clone();
    let names: Vec<&str> = errors.iter().map(|e| e["name"].as_str().unwrap()).collect();
    // In worksheet order (z1 before f1), the unknown name last.
    assert_eq!(names, ["z1", "f1", "zed"]);
}

#[tokio::test]
async fn bad_json_is_a_client_error_with_a_message() {
    for (body, status) in [
        ("{\"values\": ", StatusCode::BAD_REQUEST),
        ("not json", StatusCode::BAD_REQUEST),
        ("{\"values\": [1, 2]}", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "{\"values\": {\"z1\": 5}}",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("{\"vals\": {}}", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let a = post("/api/check", body).await;
        assert_eq!(a.status, status, "{body}: {}", a.body);
        assert!(
            a.json()["error"]
                .as_str()
                .unwrap()
                .starts_with("expected a JSON request body"),
            "{}",
            a.body
        );
    }
    // JSON only: a form post from another site cannot reach the checker.
    let a = send(
        tutorial_app(),
        Request::post("/api/check")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("values=1"))
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let a = get("/api/check").await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let big = format!(
        "{{\"values\": {{\"z1\": \"{}\"}}}}",
        "1".repeat(MAX_BODY_BYTES)
    );
    for route in [
        "/api/check",
        "/api/spec",
        "/api/diagram",
        "/api/step",
        "/api/csv",
    ] {
        let a = post(route, big.clone()).await;
        assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE, "{route}");
        assert!(
            a.json()["error"]
                .as_str()
                .unwrap()
                .contains("at most 1024 KiB")
        );
    }
}

#[tokio::test]
async fn a_pasted_spec_gives_its_own_worksheet() {
    let spec = "name = \"tiny <b>&\"\ninput = [1.0]\ntarget = [0.0]\n\n[[layers]]\nweights = [[0.5]]\nbiases = [0.0]\n";
    let a = post_json("/api/spec", json!({ "spec": spec })).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let j = a.json();
    assert_eq!(j["name"], "tiny <b>&");
    let rows = j["rows"].as_str().unwrap();
    assert!(rows.contains("<input name=\"z1\""));
    assert!(!rows.contains("<input name=\"z2\""));
    assert!(j["svg"].as_str().unwrap().starts_with("<svg"));
    assert!(
        !j["svg"].as_str().unwrap().contains("<b>&"),
        "name escaped in the SVG"
    );
    // Checks against it: z1 = 0.5·1 + 0 = 0.5; f1 = σ(0.5) = 0.622459…
    let a = post_json(
        "/api/check",
        json!({ "spec": spec, "values": { "z1": "0.5", "f1": "0.6225", "L": "0.3" } }),
    )
    .await;
    let v = verdicts(&a.json());
    assert_eq!(v["z1"], "ok");
    assert_eq!(v["f1"], "ok");
    // L = ½(0 − 0.622459)² = 0.193728…
    assert_eq!(v["L"], "slip");
}

#[tokio::test]
async fn bad_specs_name_line_and_key() {
    let cases = [
        ("input = [1.0\n", "line 1"),
        ("input = [1.0]\ntarget = [1.0]\nlayers = []\n", "key layers"),
        (
            "input = [1.0, 2.0]\ntarget = [1.0]\n[[layers]]\nweights = [[1.0]]\nbiases = [0.0]\n",
            "key layers[0].weights[0]",
        ),
        ("input = [1.0]\ntarget = [1.0]\nbogus = 3\n", "line 3"),
    ];
    for (spec, location) in cases {
        let a = post_json("/api/spec", json!({ "spec": spec })).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{spec}");
        let j = a.json();
        assert!(
            j["location"].as_str().unwrap().contains(location),
            "{spec}: {j}"
        );
        assert!(j["error"].as_str().unwrap().starts_with("spec: "), "{j}");
    }
    // Too big to be a spec, though the request itself is within the body cap.
    let a = post_json("/api/spec", json!({ "spec": "#".repeat(300 * 1024) })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("at most 256 KiB")
    );
    // Too many values for a worksheet.
    let wide = format!(
        "input = [1.0]\ntarget = [1.0]\n[[layers]]\nweights = [{}]\nbiases = [{}]\n[[layers]]\nweights = [[{}]]\nbiases = [0.0]\n",
        vec!["[0.1]"; 1000].join(","),
        vec!["0.0"; 1000].join(","),
        vec!["0.1"; 1000].join(",")
    );
    let a = post_json("/api/spec", json!({ "spec": wide })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert!(
        a.json()["error"]
            .as_str()
            .unwrap()
            .contains("at most 5000 values")
    );
    // The same errors reach /api/check when a page sends a bad spec along.
    let a = post_json("/api/check", json!({ "spec": "input = 3\n", "values": {} })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn diagram_is_coloured_by_verdict() {
    let plain = post_json("/api/diagram", json!({ "values": {} })).await;
    assert_eq!(plain.status, StatusCode::OK);
    let a = post_json("/api/diagram", json!({ "values": published() })).await;
    let j = a.json();
    let svg = j["svg"].as_str().unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(!svg.contains("http://"), "no namespace URLs inline");
    let plain_svg = plain.json()["svg"].as_str().unwrap().to_string();
    // Slip red, carried amber, ok green (render::Highlight), none of them without values.
    for colour in ["#c62828", "#9a5b00", "#2e7d32"] {
        assert!(svg.contains(colour), "{colour}");
        assert!(!plain_svg.contains(colour), "{colour} without values");
    }
    assert!(j["renderer"].is_string());
}

#[tokio::test]
async fn step_gives_the_hint_with_the_persons_numbers() {
    let a = post_json(
        "/api/step",
        json!({ "name": "z5", "values": { "f1": "0.9933", "f2": "0.9999", "f3": "1" } }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let j = a.json();
    assert_eq!(j["formula"], "z5 = w(1,5)·f1 + w(2,5)·f2 + w(3,5)·f3 + b5");
    // 3·0.9933 + 2·0.9999 + 2·1 + 1 = 7.9797
    assert_eq!(j["hint"], "z5 = 3·0.9933 + 2·0.9999 + 2·1 + 1 = 7.9797");
    assert_eq!(j["exact"], "7.97958386233777");
    let a = post_json("/api/step", json!({ "name": "q9" })).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn csv_is_read_as_check_reads_it() {
    let a = post_json(
        "/api/csv",
        json!({ "csv": "name,value\n\"w(x1,1)\",2\nδ6, -6.1e-6\nf5(z5),0.99966\n" }),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        a.json()["values"],
        json!({ "w(x1,1)": "2", "delta6": "-6.1e-6", "f5": "0.99966" })
    );
    let a = post_json("/api/csv", json!({ "csv": "z1,5\nz9,1\n" })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let j = a.json();
    assert_eq!(j["location"], "line 2");
    assert!(j["message"].as_str().unwrap().contains("z9"));
}

/// A pasted CSV near the body limit that is no hand calculation: the answer lists the first
/// problems, how many more, and where reading stopped, not a message cut in mid-line.
#[tokio::test]
async fn a_pasted_csv_of_nothing_but_problems_gets_a_short_answer() {
    let csv = "foo,5\n".repeat(140_000);
    let a = post_json("/api/csv", json!({ "csv": csv })).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    let message = a.json()["message"].as_str().unwrap().to_string();
    assert_eq!(message.lines().count(), 22, "{message}");
    assert!(message.contains("CSV: … and 980 more lines"), "{message}");
    assert!(
        message.ends_with("the rest of the file was not read"),
        "{message}"
    );
}

#[tokio::test]
async fn requests_for_another_host_are_refused() {
    let w = Workspace::tutorial();
    let app = app(AppState::new(w, Some(vec!["127.0.0.1:8000".into()])).unwrap());
    let a = send(
        app.clone(),
        Request::get("/")
            .header(header::HOST, "evil.example:8000")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::MISDIRECTED_REQUEST);
    let a = send(
        app,
        Request::get("/")
            .header(header::HOST, "127.0.0.1:8000")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
}
