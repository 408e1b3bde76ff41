//! A small WebDriver client for the browser tests: starts `chromedriver` on a free loopback
//! port, opens one headless Chromium session, and speaks the W3C protocol's JSON over plain
//! HTTP/1.1 — enough to load a page, run scripts, press keys, move the pointer and click.
//! Nothing leaves the machine: the driver listens on 127.0.0.1 and Chromium runs with the
//! flags that keep it off the network. The WebDriver crates (`fantoccini`, `thirtyfour`)
//! would bring an async runtime and an HTTP stack into the dev-dependencies for the dozen
//! blocking calls these tests make.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key WebDriver gives an element reference under.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where Debian puts Chromium and its driver (`apt-get install chromium chromium-driver`).
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One browser at a time: tests run in parallel, and two Chromiums on a two-core machine
/// would make the timings of the large report meaningless.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A headless Chromium session; the driver is stopped when it is dropped.
pub struct Browser {
    _turn: MutexGuard<'static, ()>,
    driver: Child,
    port: u16,
    session: String,
    /// Where downloads go.
    pub downloads: PathBuf,
    profile: tempfile::TempDir,
}

/// An element of the page, as WebDriver refers to it.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Element {
    fn from_value(value: &Value) -> Self {
        match value[ELEMENT].as_str() {
            Some(id) => Self(id.to_string()),
            None => panic!("not an element: {value}"),
        }
    }

    /// The element as a script argument: the script gets the DOM element.
    pub fn as_argument(&self) -> Value {
        json!({ ELEMENT: self.0 })
    }
}

impl Browser {
    /// Starts chromedriver and a headless Chromium whose downloads go to `downloads`.
    pub fn start(downloads: &Path) -> Self {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(program).exists(),
                "{program} is missing: apt-get install -y chromium chromium-driver"
            );
        }
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut browser = Self {
            _turn: turn,
            driver,
            port,
            session: String::new(),
            downloads: downloads.to_path_buf(),
            profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser.try_request("GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,900",
            &format!("--user-data-dir={}", browser.profile.path().display()),
        ];
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": args,
                    "prefs": {
                        "download.default_directory": downloads.display().to_string(),
                        "download.prompt_for_download": false,
                    },
                },
            }},
        });
        let session = browser.request("POST", "/session", Some(capabilities));
        browser.session = session["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser
    }

    fn try_request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).map_err(|err| err.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .map_err(|err| err.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .map_err(|err| err.to_string())?;
        // chromedriver keeps the connection open whatever the request asks, so the body
        // is read by its length.
        let mut response = Vec::new();
        let mut buffer = [0; 8192];
        let split = loop {
            if let Some(split) = response.windows(4).position(|w| w == b"\r\n\r\n") {
                break split;
            }
            let n = stream.read(&mut buffer).map_err(|err| err.to_string())?;
            if n == 0 {
                return Err("the connection closed before the header ended".into());
            }
            response.extend_from_slice(&buffer[..n]);
        };
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(name, _)| name.trim() == "content-length")
            .and_then(|(_, value)| value.trim().parse().ok())
            .ok_or("no Content-Length")?;
        let mut body = response[split + 4..].to_vec();
        while body.len() < length {
            let n = stream.read(&mut buffer).map_err(|err| err.to_string())?;
            if n == 0 {
                return Err("the connection closed before the body ended".into());
            }
            body.extend_from_slice(&buffer[..n]);
        }
        let status: u16 = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or("no HTTP status")?;
        let value: Value = serde_json::from_slice(&body).map_err(|err| err.to_string())?;
        if status >= 400 {
            return Err(format!("{method} {path}: HTTP {status}: {value}"));
        }
        Ok(value["value"].clone())
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_request(method, path, body)
            .unwrap_or_else(|err| panic!("WebDriver: {err}"))
    }

    fn session_request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.request(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Loads a file into the window and waits until the page's script is done.
    pub fn open(&self, file: &Path, fragment: &str) {
        let url = format!("file://{}{fragment}", file.display());
        self.session_request("POST", "/url", Some(json!({ "url": url })));
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.run("return document.documentElement.dataset.ready || ''") != "true" {
            assert!(Instant::now() < deadline, "the page never became ready");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs a script in the page (a function body; `arguments` holds `args`) and returns
    /// what it returns.
    pub fn run_with(&self, script: &str, args: Value) -> Value {
        self.session_request(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs a script without arguments.
    pub fn run(&self, script: &str) -> Value {
        self.run_with(script, json!([]))
    }

    /// Presses and releases a key, as a person would, on whatever has focus.
    pub fn press(&self, key: &str) {
        self.session_request(
            "POST",
            "/actions",
            Some(json!({ "actions": [{
                "type": "key",
                "id": "keyboard",
                "actions": [{ "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }],
            }]})),
        );
    }

    /// The first element a CSS selector matches.
    pub fn find(&self, selector: &str) -> Element {
        let found = self.session_request(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": selector })),
        );
        Element::from_value(&found)
    }

    /// The first element an XPath expression matches.
    pub fn find_xpath(&self, xpath: &str) -> Element {
        let found = self.session_request(
            "POST",
            "/element",
            Some(json!({ "using": "xpath", "value": xpath })),
        );
        Element::from_value(&found)
    }

    /// Clicks an element (scrolled into view first, as WebDriver does).
    pub fn click(&self, element: &Element) {
        self.session_request(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        );
    }

    /// Moves the pointer over the middle of an element.
    pub fn hover(&self, element: &Element) {
        self.session_request(
            "POST",
            "/actions",
            Some(json!({ "actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": { "pointerType": "mouse" },
                "actions": [{
                    "type": "pointerMove",
                    "duration": 0,
                    "origin": { ELEMENT: element.0 },
                    "x": 0,
                    "y": 0,
                }],
            }]})),
        );
    }

    /// Waits until a script returns `true`.
    pub fn wait_for(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.run(script) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
