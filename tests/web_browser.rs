//! The worksheet page and the report in a real browser: headless Chromium driven over
//! chromedriver (fantoccini). The page is served by the real `deltagraph serve --port 0`.
//!
//! With `CI` set these tests must run (`.ci/run` installs `chromium` and `chromium-driver`);
//! elsewhere they print why they skip when Chromium or chromedriver is missing. Screenshots go
//! to `target/screenshots/`.
#![cfg(feature = "web")]

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

#[path = "support/killed.rs"]
mod killed;
use killed::Killed;

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// Chromium and chromedriver, or why they cannot be used. Under `CI` a missing browser fails.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| on_path(n));
    let driver = on_path("chromedriver");
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let reason = format!(
                "browser tests need Chromium and chromedriver on PATH (found chromium: {}, chromedriver: {}); \
                 on Debian: apt-get install chromium chromium-driver",
                c.is_some(),
                d.is_some()
            );
            if std::env::var_os("CI").is_some() {
                panic!("{reason}");
            }
            eprintln!("skipped: {reason}");
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .to_path_buf()
}

fn screenshot_path(name: &str) -> PathBuf {
    let dir = target_dir().join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// One headless Chromium session with its chromedriver and a fresh profile.
struct Browser {
    client: Client,
    _driver: Killed,
    /// Removed when dropped, after the driver (and its Chromium) is gone.
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn start(chromium: &Path, chromedriver: &Path, tag: &str) -> Browser {
        let port = free_port();
        // In a process group of its own, so that the Chromium it launches is killed with it
        // when a test fails before the session is closed.
        let driver = Killed(
            Command::new(chromedriver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .expect("chromedriver starts"),
        );
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::Builder::new()
            .prefix(&format!("deltagraph-chromium-{tag}-"))
            .tempdir()
            .unwrap();
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                // Headless, and nothing that reaches for the network on its own.
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1600,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let caps = match caps {
            Value::Object(m) => m,
            _ => unreachable!(),
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a chromedriver session");
        Browser {
            client,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Click the element with id `id`.
    async fn click_id(&self, id: &str) {
        self.client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Console messages at level SEVERE since the last call (CSP violations, script errors,
    /// failed requests).
    async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("browser log");
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    async fn attr(&self, css: &str, attr: &str) -> Option<String> {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .attr(attr)
            .await
            .unwrap()
    }

    async fn text(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .unwrap()
    }

    async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Click neuron `n` in the diagram, then the strings `script` returns (the names of the
    /// steps the click selected).
    async fn click_neuron(&self, n: usize, script: &str) -> Vec<String> {
        self.client
            .find(Locator::Css(&format!(
                "#diagram g.node[data-node=\"n{n}\"]"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.js(script)
            .await
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }

    async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let path = screenshot_path(name);
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }
}

/// chromedriver's `POST /session/{id}/se/log` for the browser console.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// `deltagraph serve --port 0` and the URL it printed first.
fn serve(args: &[&str]) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
        "first line of stdout is the URL: {url:?}"
    );
    (Killed(child), url)
}

fn published() -> Vec<(String, String)> {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/tutorial-published.csv"
    ))
    .unwrap()
    .lines()
    .skip(1)
    .filter_map(|l| l.split_once(','))
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

fn row(name: &str) -> String {
    format!("#sheet tr.step[data-name=\"{name}\"]")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worksheet_checks_typed_values_live() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let (_server, url) = serve(&[]);
    let b = Browser::start(&chromium, &chromedriver, "worksheet").await;
    b.client.goto(&url).await.unwrap();
    b.wait_for("#diagram svg").await;
    b.wait_for("#status:not(:empty)").await;
    assert_eq!(
        b.attr(&row("z5"), "data-verdict").await.as_deref(),
        Some("unanswered")
    );

    // Type the tutorial's published values, as a person would.
    for (name, value) in published() {
        b.client
            .find(Locator::Css(&format!("input[name=\"{name}\"]")))
            .await
            .unwrap()
            .send_keys(&value)
            .await
            .unwrap();
    }
    b.wait_for(&format!("{}[data-verdict=\"slip\"]", row("df3")))
        .await;
    b.wait_for(&format!("{}[data-verdict=\"slip\"]", row("z5")))
        .await;
    let verdict = |n: &'static str| {
        let b = &b;
        async move { b.attr(&row(n), "data-verdict").await.unwrap() }
    };
    for ok in ["z1", "f1", "z4", "df1"] {
        assert_eq!(verdict(ok).await, "ok", "{ok}");
    }
    for carried in ["f5", "z6", "f6", "delta6", "delta4", "delta1"] {
        assert_eq!(verdict(carried).await, "carried", "{carried}");
    }
    assert_eq!(verdict("L").await, "unanswered");
    assert!(
        b.text(&format!("{} .cause", row("z5")))
            .await
            .contains("w(2,5) read as 3"),
        "z5's cause is shown"
    );
    assert!(
        b.text(&format!("{} .cause", row("f5")))
            .await
            .contains("z5")
    );
    // Carried values are amber (the diagram's carried colour), slips red.
    let background = |n: &str| {
        format!(
            "return getComputedStyle(document.querySelector('input[name=\"{n}\"]')).backgroundColor"
        )
    };
    assert_eq!(b.js(&background("f5")).await, "rgb(255, 224, 178)");
    assert_eq!(b.js(&background("z5")).await, "rgb(255, 205, 210)");
    // The diagram is redrawn by the server with the same colours.
    let started = Instant::now();
    while !b
        .js("return document.getElementById('diagram').innerHTML.includes('#c62828')")
        .await
        .as_bool()
        .unwrap()
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "diagram coloured"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The same summary as the report's and `check`'s: 65 values to compute, 24 written; the
    // 23 given values left alone are not unanswered.
    assert_eq!(
        b.text("#status").await,
        "11 right, 2 slips, 11 carried forward, 41 not answered"
    );
    b.js("window.scrollTo(0, 0)").await;
    let shot = b.screenshot("worksheet.png").await;
    assert!(std::fs::metadata(shot).unwrap().len() > 20_000);

    // Hint and show for z5: the formula with the person's own f1, f2, f3, and the exact value.
    b.client
        .find(Locator::Css(&format!("{} button.hint", row("z5"))))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait_for(&format!("{} output.hint-text:not(:empty)", row("z5")))
        .await;
    assert!(
        b.text(&format!("{} output.hint-text", row("z5")))
            .await
            .starts_with("z5 = 3·0.993307 + 2·0.999877 + 2·0.999955 + 1 = 7.97958")
    );
    b.client
        .find(Locator::Css(&format!("{} button.show", row("z5"))))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        b.text(&format!("{} output.hint-text", row("z5"))).await,
        "z5 = 7.97958386233777 (exact)"
    );

    // Click neuron 5 in the diagram: its rows are selected.
    let selected = b
        .click_neuron(5, "return Array.from(document.querySelectorAll('tr.step.selected')).map(r => r.dataset.name)")
        .await;
    let selected: Vec<&str> = selected.iter().map(String::as_str).collect();
    for n in ["z5", "f5", "df5", "delta5", "b5", "w(2,5)", "new_b5"] {
        assert!(selected.contains(&n), "{n} in {selected:?}");
    }
    assert!(!selected.contains(&"z4"));

    // Reload: nothing typed is lost, and it is judged again.
    b.client.refresh().await.unwrap();
    b.wait_for(&format!("{}[data-verdict=\"slip\"]", row("z5")))
        .await;
    assert_eq!(
        b.attr("input[name=\"z5\"]", "value").await,
        None,
        "value is a property, not an attribute"
    );
    assert_eq!(
        b.js("return document.querySelector('input[name=\"z5\"]').value")
            .await,
        "8.979460467761783"
    );

    // Load a CSV through the file box: z1 written as 6 is a slip.
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("hand.csv");
    std::fs::write(&csv, "name,value\nz1,6\nf1,0.9933\n").unwrap();
    b.client
        .find(Locator::Id("load-csv"))
        .await
        .unwrap()
        .send_keys(&csv.display().to_string())
        .await
        .unwrap();
    b.wait_for(&format!("{}[data-verdict=\"slip\"]", row("z1")))
        .await;
    assert_eq!(
        b.js("return document.querySelector('input[name=\"f1\"]').value")
            .await,
        "0.9933"
    );
    assert_eq!(
        b.js("return document.querySelector('input[name=\"z5\"]').value")
            .await,
        "",
        "loading a CSV replaces the values"
    );

    // Paste another spec: its worksheet replaces the tutorial's; a bad one shows its error.
    b.click_id("toggle-spec").await;
    let spec_box = b.client.find(Locator::Id("spec-text")).await.unwrap();
    spec_box.clear().await.unwrap();
    spec_box
        .send_keys("input = [1.0]\ntarget = [1.0]\nbogus = 1\n")
        .await
        .unwrap();
    b.click_id("use-spec").await;
    b.wait_for("#spec-error:not(:empty)").await;
    assert!(b.text("#spec-error").await.contains("line 3"));
    spec_box.clear().await.unwrap();
    spec_box
        .send_keys("name = \"one\"\ninput = [2.0]\ntarget = [0.0]\n[[layers]]\nweights = [[0.5]]\nbiases = [0.0]\n")
        .await
        .unwrap();
    b.click_id("use-spec").await;
    let started = Instant::now();
    // The 1-1 network has 13 values (x1, w(x1,1), b1, y1, z1, f1, L, df1, delta1, two
    // gradients, two updates); the tutorial's has 88.
    while b
        .js("return document.querySelectorAll('tr.step').length")
        .await
        != 13
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "one-neuron sheet"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // z1 = 0.5·2 + 0 = 1.
    b.client
        .find(Locator::Css("input[name=\"z1\"]"))
        .await
        .unwrap()
        .send_keys("1")
        .await
        .unwrap();
    b.wait_for(&format!("{}[data-verdict=\"ok\"]", row("z1")))
        .await;
    // Reload keeps the pasted spec too.
    b.client.refresh().await.unwrap();
    b.wait_for(&format!("{}[data-verdict=\"ok\"]", row("z1")))
        .await;
    assert_eq!(b.text("h1 .sub").await, "one");
    b.screenshot("worksheet-own-spec.png").await;

    let errors = b.console_errors().await;
    // The one expected entry is the 422 of the bad spec; nothing else (no CSP violation, no
    // script error).
    let unexpected: Vec<&String> = errors
        .iter()
        .filter(|e| !(e.contains("/api/spec") && e.contains("422")))
        .collect();
    assert!(unexpected.is_empty(), "console errors: {errors:?}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn report_opens_from_disk_with_z5_selected() {
    let Some((chromium, chromedriver)) = browser_tools() else {
        return;
    };
    let out =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("report-{}.html", std::process::id()));
    let o = Command::new(env!("CARGO_BIN_EXE_deltagraph"))
        .arg("report")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/tutorial.toml"
        ))
        .arg("--hand")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/tutorial-published.csv"
        ))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b = Browser::start(&chromium, &chromedriver, "report").await;
    b.client
        .goto(&format!("file://{}#z5", out.display()))
        .await
        .unwrap();
    b.wait_for("#z5.selected").await;
    // MathML and SVG, parsed as such by the browser, and laid out.
    assert_eq!(
        b.js("return document.querySelector('#z5 math').namespaceURI")
            .await,
        "http://www.w3.org/1998/Math/MathML"
    );
    assert_eq!(
        b.js("return document.querySelector('#diagram svg').namespaceURI")
            .await,
        "http://www.w3.org/2000/svg"
    );
    let width = b
        .js("return document.querySelector('#z5 math').getBoundingClientRect().width")
        .await;
    assert!(
        width.as_f64().unwrap() > 100.0,
        "z5's MathML is typeset: {width}"
    );
    // z5 is in view, marked a slip with its cause; the summary counts the verdicts.
    let in_view = b
        .js("const r = document.getElementById('z5').getBoundingClientRect(); return r.top > -4 && r.bottom <= innerHeight")
        .await;
    assert_eq!(in_view, true, "z5 is in view");
    assert_eq!(b.attr("#z5", "data-verdict").await.as_deref(), Some("slip"));
    let verdict = b.text("#z5 .verdict").await;
    assert!(
        verdict.starts_with("slip you wrote 8.979460467761783")
            && verdict.contains("w(2,5) read as 3"),
        "{verdict}"
    );
    // The same summary as the report's and `check`'s: 65 values to compute, 24 written; the
    // 23 given values left alone are not unanswered.
    assert_eq!(
        b.text("#status").await,
        "11 right, 2 slips, 11 carried forward, 41 not answered"
    );
    b.screenshot("report-z5.png").await;

    // Click neuron 4 in the diagram: its steps, and only its, are selected.
    let selected = b
        .click_neuron(
            4,
            "return Array.from(document.querySelectorAll('.step.selected')).map(s => s.id)",
        )
        .await;
    let selected: Vec<&str> = selected.iter().map(String::as_str).collect();
    for n in [
        "z4",
        "f4",
        "df4",
        "delta4",
        "dL/db4",
        "new_b4",
        "dL/dw(1,4)",
    ] {
        assert!(selected.contains(&n), "{n} in {selected:?}");
    }
    assert!(!selected.contains(&"z5"));
    assert_eq!(
        b.js("return location.hash").await,
        "#z4",
        "the address names the selection"
    );

    // Play: one step on lights z1 and neuron 1; the order is the forward pass, then the
    // backward pass.
    b.click_id("step-on").await;
    assert_eq!(
        b.js("return document.querySelector('.step.playing').id")
            .await,
        "z1"
    );
    assert_eq!(
        b.js("return document.querySelector('#diagram g.node.playing').dataset.node")
            .await,
        "n1"
    );
    let order = b
        .js("return Array.from(document.querySelectorAll('.step[data-order]')).map(s => s.id)")
        .await;
    let order: Vec<&str> = order
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let at = |n: &str| order.iter().position(|&m| m == n).unwrap();
    assert!(at("z1") < at("z6") && at("z6") < at("L") && at("L") < at("delta6"));
    assert!(at("delta6") < at("delta1") && at("delta1") < at("new_b6"));
    b.click_id("play").await;
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let playing = b
        .js("return document.querySelector('.step.playing').id")
        .await;
    let reached = at(playing.as_str().unwrap());
    assert!(reached >= 2, "play moves on by itself: at {playing}");
    b.screenshot("report-playing.png").await;

    // The diagram beside the steps in a wide window, across the page above them in a
    // 1280-pixel one (beside them it would be drawn at under half its size there); at least
    // three quarters of its own size either way, and the page never scrolls sideways.
    let layout = "const svg = document.querySelector('#diagram svg'); \
                  const page = document.documentElement; \
                  return [document.body.classList.contains('stacked'), \
                          svg.getBoundingClientRect().width / svg.width.baseVal.value, \
                          page.scrollWidth - page.clientWidth]";
    for (width, stacked) in [(1920, false), (1280, true)] {
        b.client.set_window_size(width, 900).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let seen = b.js(layout).await;
        assert_eq!(seen[0], stacked, "{width}: {seen}");
        assert!(seen[1].as_f64().unwrap() > 0.55, "{width}: {seen}");
        assert!(seen[2].as_f64().unwrap() <= 0.0, "{width}: {seen}");
        b.screenshot(&format!("report-{width}.png")).await;
    }
    // Across the top, the diagram stays in view as the steps scroll under it, in under half
    // the window's height; a step scrolled to is shown below it, not under it.
    b.click_id("play").await;
    for block in ["center", "nearest", "start"] {
        b.js(&format!(
            "window.scrollTo(0, {}); \
             document.getElementById('new_b4').scrollIntoView({{ block: '{block}' }})",
            if block == "nearest" {
                "document.body.scrollHeight"
            } else {
                "0"
            }
        ))
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let pane = b
            .js("const r = document.getElementById('diagram-pane').getBoundingClientRect(); \
                 const s = document.getElementById('new_b4').getBoundingClientRect(); \
                 return [r.top, r.bottom / innerHeight, s.top >= r.bottom - 1 && s.bottom <= innerHeight]")
            .await;
        assert!(pane[0].as_f64().unwrap().abs() < 1.0, "{block}: {pane}");
        assert!(pane[1].as_f64().unwrap() < 0.5, "{block}: {pane}");
        assert_eq!(
            pane[2], true,
            "{block}: the step is in view below the diagram: {pane}"
        );
    }
    b.screenshot("report-1280-scrolled.png").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
    b.close().await;
    std::fs::remove_file(&out).unwrap();
}
