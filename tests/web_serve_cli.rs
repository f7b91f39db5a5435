//! `deltagraph serve` on the command line: the URL first on stdout, loopback by default, a
//! warning for any other address, a clear error for a busy port or a bad spec.
#![cfg(feature = "web")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};

#[path = "support/killed.rs"]
mod killed;
use killed::Killed;

fn serve(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_deltagraph"));
    c.arg("serve").args(args);
    c
}

/// Start the server; its first stdout line and a reader of its stderr.
fn start(args: &[&str]) -> (Killed, String, BufReader<std::process::ChildStderr>) {
    let mut child = serve(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let err = BufReader::new(child.stderr.take().unwrap());
    (Killed(child), line.trim_end().to_string(), err)
}

fn get(addr: &str, host: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn url_first_loopback_only_and_the_page_answers() {
    let (_server, url, _) = start(&["--port", "0"]);
    let addr = url
        .strip_prefix("http://")
        .and_then(|u| u.strip_suffix('/'))
        .unwrap_or_else(|| panic!("the URL first: {url:?}"));
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    let page = get(addr, addr);
    assert!(page.starts_with("HTTP/1.1 200"), "{}", &page[..80]);
    assert!(
        page.to_ascii_lowercase()
            .contains("content-security-policy: default-src 'none'")
    );
    assert!(page.contains("<input name=\"z5\""));
    // Another Host (a rebinding attack's domain name) is refused.
    let refused = get(addr, "attacker.example");
    assert!(refused.starts_with("HTTP/1.1 421"), "{}", &refused[..60]);
}

#[test]
fn another_address_warns() {
    let (_server, url, mut err) = start(&["--port", "0", "--host", "0.0.0.0"]);
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.starts_with("warning: listening on 0.0.0.0"), "{line}");
}

#[test]
fn busy_port_and_bad_spec_are_errors() {
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let o = serve(&["--port", &port]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--port") && err.contains("--port 0"), "{err}");
    assert!(o.stdout.is_empty());

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let spec = dir.join("bad.toml");
    std::fs::write(&spec, "input = [1.0]\ntarget = [1.0]\nlayers = []\n").unwrap();
    let o = serve(&[spec.to_str().unwrap(), "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.toml") && err.contains("layers"), "{err}");
    assert!(
        o.stdout.is_empty(),
        "no URL for a server that did not start"
    );
}
