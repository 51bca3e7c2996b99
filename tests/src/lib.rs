//! A harness for driving the real Phatsadu app through WebDriver.
//!
//! [`App::start`] starts `WebKitWebDriver` on a free port in its own process group,
//! asks it to launch the app binary (with `TAURI_WEBVIEW_AUTOMATION=true` and a
//! temporary data directory), and connects a WebDriver client. [`App::stop`] ends the
//! session and kills the whole process group, then checks that nothing is left running;
//! `Drop` does the killing too if a test fails half-way. Screenshots of every step go to
//! a folder printed at the start.
//!
//! Run under a display, e.g. `xvfb-run -a -s "-screen 0 1366x768x24" cargo test -p
//! phatsadu-e2e -- --ignored --nocapture` (scripts/test.sh does this).
#![allow(clippy::print_stdout)]

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long to wait for an element to appear.
const WAIT: Duration = Duration::from_secs(20);

/// Errors from the harness, as text with context.
pub type Result<T> = std::result::Result<T, String>;

/// A running app under WebDriver.
pub struct App {
    client: Option<Client>,
    driver: Child,
    /// The temporary folder holding the data directory, config and logs.
    pub home: tempfile::TempDir,
    screenshots: PathBuf,
    shot: usize,
}

/// The app binary built by `cargo test`/`cargo build` (UI embedded by default).
pub fn app_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("PHATSADU_APP_BIN") {
        return Ok(PathBuf::from(path));
    }
    // This test runs from target/<profile>/deps/; the app sits in target/<profile>/.
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot locate the target folder")?;
    let app = profile_dir.join("phatsadu");
    if app.is_file() {
        Ok(app)
    } else {
        Err(format!(
            "{} not found: build the app first (cargo build -p phatsadu-app)",
            app.display()
        ))
    }
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    Ok(port)
}

fn wait_for_port(port: u16, within: Duration) -> Result<()> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("WebKitWebDriver did not listen on port {port}"))
}

/// The folder for this run's screenshots: `target/e2e-screenshots/<name>-<time>`.
fn screenshot_dir(name: &str) -> Result<PathBuf> {
    let base = std::env::var_os("PHATSADU_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots"));
    let dir = base.join(format!(
        "{name}-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(dir)
}

impl App {
    /// Starts the driver and the app on a fresh, empty data directory.
    pub async fn start(test_name: &str) -> Result<Self> {
        Self::start_with(test_name, &[]).await
    }

    /// Like [`App::start`], after running `phatsadu-cli --data-dir <data> ARGS` to prepare
    /// the register (e.g. `["sample-data", "--no-assets"]`).
    pub async fn start_with(test_name: &str, cli_args: &[&str]) -> Result<Self> {
        let commands: &[&[&str]] = if cli_args.is_empty() {
            &[]
        } else {
            &[cli_args]
        };
        Self::start_prepared(test_name, commands).await
    }

    /// Like [`App::start`], after running each `phatsadu-cli` command in turn.
    pub async fn start_prepared(test_name: &str, commands: &[&[&str]]) -> Result<Self> {
        let binary = app_binary()?;
        let home = tempfile::tempdir().map_err(|e| e.to_string())?;
        for args in commands {
            let cli = binary.with_file_name("phatsadu-cli");
            let out = Command::new(&cli)
                .arg("--data-dir")
                .arg(home.path().join("data"))
                .args(*args)
                .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
                .output()
                .map_err(|e| format!("cannot run {}: {e}", cli.display()))?;
            if !out.status.success() {
                return Err(format!(
                    "phatsadu-cli {args:?} failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
        let screenshots = screenshot_dir(test_name)?;
        println!("screenshots of {test_name}: {}", screenshots.display());
        Self::launch(home, screenshots, 0, &[]).await
    }

    /// Closes the app and starts it again on the same data, with extra environment
    /// variables (e.g. `PHATSADU_TEST_TODAY`, which debug builds honour).
    pub async fn restart(mut self, env: &[(&str, &str)]) -> Result<Self> {
        if let Some(client) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        }
        kill_group(self.group());
        let _ = self.driver.wait();
        let home = tempfile::tempdir().map_err(|e| e.to_string())?;
        // Keep the data: move this app's home into the new one's place.
        let old_home = std::mem::replace(&mut self.home, home);
        let screenshots = self.screenshots.clone();
        let shot = self.shot;
        drop(self);
        Self::launch(old_home, screenshots, shot, env).await
    }

    /// A headless Chromium (Debian's, driven by its chromedriver) opened at `url`: a
    /// browser on another PC of the office, for the host's own UI. The host's certificate
    /// is self-signed; a person accepts it once after comparing its fingerprint, which a
    /// test cannot do, so this browser is told to accept it.
    pub async fn open_in_chromium(test_name: &str, url: &str) -> Result<Self> {
        let home = tempfile::tempdir().map_err(|e| e.to_string())?;
        let screenshots = screenshot_dir(test_name)?;
        println!("screenshots of {test_name}: {}", screenshots.display());
        let port = free_port()?;
        let log =
            fs::File::create(screenshots.join("chromedriver.log")).map_err(|e| e.to_string())?;
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .env("HOME", home.path())
            .stdout(Stdio::from(log.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(log))
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start chromedriver (apt install chromium-driver): {e}"))?;
        let mut app = Self {
            client: None,
            driver,
            home,
            screenshots,
            shot: 0,
        };
        wait_for_port(port, Duration::from_secs(15))?;
        let profile = app.home.path().join("chromium-profile");
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--ignore-certificate-errors", "--window-size=1366,768", "--lang=th-TH",
                    format!("--user-data-dir={}", profile.display()),
                ],
            }),
        );
        caps.insert("acceptInsecureCerts".into(), json!(true));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("cannot start Chromium through chromedriver: {e}"))?;
        client
            .goto(url)
            .await
            .map_err(|e| format!("opening {url}: {e}"))?;
        app.client = Some(client);
        Ok(app)
    }

    async fn launch(
        home: tempfile::TempDir,
        screenshots: PathBuf,
        shot: usize,
        env: &[(&str, &str)],
    ) -> Result<Self> {
        let binary = app_binary()?;
        let port = free_port()?;
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(screenshots.join("driver-and-app.log"))
            .map_err(|e| e.to_string())?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        let driver = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            // The app inherits these from the driver that launches it.
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("PHATSADU_DATA_DIR", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("xdg-data"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            // Saved files (exports) go under this test's folder, never the real home.
            .env("HOME", home.path().join("home"))
            .envs(env.iter().copied())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err))
            // Its own process group, so stopping kills the app it launched too.
            .process_group(0)
            .spawn()
            .map_err(|e| {
                format!("cannot start WebKitWebDriver (apt install webkit2gtk-driver): {e}")
            })?;
        let mut app = Self {
            client: None,
            driver,
            home,
            screenshots,
            shot,
        };
        wait_for_port(port, Duration::from_secs(15))?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "webkitgtk:browserOptions".into(),
            json!({ "binary": binary, "args": [] }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("cannot start the app through WebDriver: {e}"))?;
        app.client = Some(client);
        Ok(app)
    }

    /// Chooses the option whose visible text is `label` in the `<select>` with this test id.
    pub async fn select(&self, id: &str, label: &str) -> Result<()> {
        self.find(id)
            .await?
            .select_by_label(label)
            .await
            .map_err(|e| format!("[data-testid={id}] has no option {label:?}: {e}"))
    }

    /// Logs out if someone is logged in, then logs in as `username`.
    pub async fn log_in_as(&self, username: &str, password: &str) -> Result<()> {
        // A demo account chose its own password at its first login (below).
        let remembered = self.remembered_password(username);
        let password = remembered.as_deref().unwrap_or(password);
        if let Ok(logout) = self
            .client()?
            .find(Locator::Css("[data-testid='logout']"))
            .await
        {
            logout.click().await.map_err(|e| e.to_string())?;
        }
        // Right after a start the login form can still take focus for its autofocus
        // while the password is being typed, sending keys into the user name: check both
        // fields before submitting.
        for _ in 0..3 {
            self.fill("login-username", username).await?;
            self.fill("login-password", password).await?;
            let typed = self
                .find("login-username")
                .await?
                .prop("value")
                .await
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            if typed == username {
                break;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        self.click("login-submit").await?;
        self.find("current-user").await?;
        // Demo (and reset) passwords must be changed at first login, before anything else:
        // choose one and remember it for this account's next login.
        if self
            .client()?
            .find(Locator::Css("[data-testid='forced-password']"))
            .await
            .is_ok()
        {
            let chosen = format!("{password}-e2e");
            self.fill("password-current", password).await?;
            self.fill("password-new", &chosen).await?;
            self.fill("password-confirm", &chosen).await?;
            self.click("password-save").await?;
            self.find("nav-home").await?;
            self.remember_password(username, &chosen)?;
        }
        Ok(())
    }

    /// Where the passwords chosen at first login are kept (in the test's home, so they
    /// outlive a restart on the same data).
    fn passwords_file(&self) -> PathBuf {
        self.home.path().join("e2e-passwords.json")
    }

    /// The password `username` chose at first login, if they did.
    pub fn remembered_password(&self, username: &str) -> Option<String> {
        let text = fs::read_to_string(self.passwords_file()).ok()?;
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).ok()?;
        map.get(username)?.as_str().map(str::to_owned)
    }

    fn remember_password(&self, username: &str, password: &str) -> Result<()> {
        let mut map: serde_json::Map<String, serde_json::Value> =
            fs::read_to_string(self.passwords_file())
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or_default();
        map.insert(username.to_owned(), json!(password));
        fs::write(
            self.passwords_file(),
            serde_json::Value::Object(map).to_string(),
        )
        .map_err(|e| e.to_string())
    }

    fn client(&self) -> Result<&Client> {
        self.client
            .as_ref()
            .ok_or_else(|| "the session has ended".to_owned())
    }

    /// Sizes the window's outer frame (e.g. 1366×768, the commonest office laptop screen).
    pub async fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.client()?
            .set_window_size(width, height)
            .await
            .map_err(|e| format!("resizing the window: {e}"))
    }

    /// Reloads the page, as a person pressing F5 would.
    pub async fn reload(&self) -> Result<()> {
        self.client()?
            .refresh()
            .await
            .map_err(|e| format!("reloading the page: {e}"))
    }

    /// Runs `script` in the page and returns what it returns.
    pub async fn eval(&self, script: &str) -> Result<serde_json::Value> {
        self.client()?
            .execute(script, vec![])
            .await
            .map_err(|e| format!("running a script: {e}"))
    }

    /// The element with `data-testid="{id}"`, waiting for it to appear.
    pub async fn find(&self, id: &str) -> Result<Element> {
        self.client()?
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{id}']")))
            .await
            .map_err(|e| format!("no element [data-testid={id}] within {WAIT:?}: {e}"))
    }

    /// All elements with `data-testid="{id}"` now (possibly none).
    pub async fn find_all(&self, id: &str) -> Result<Vec<Element>> {
        self.client()?
            .find_all(Locator::Css(&format!("[data-testid='{id}']")))
            .await
            .map_err(|e| e.to_string())
    }

    /// Types `text` into the field, replacing what it held, and checks that the field
    /// ends up holding it: a page still settling (moving focus to its first field) can
    /// take keystrokes away, and then it types again. Emptying a field also tells the page
    /// (an `input` event), as a person's Backspace would.
    pub async fn fill(&self, id: &str, text: &str) -> Result<()> {
        let mut last = String::new();
        for _ in 0..4 {
            let field = self.find(id).await?;
            field
                .clear()
                .await
                .map_err(|e| format!("clear {id}: {e}"))?;
            if text.is_empty() {
                let element = serde_json::to_value(&field).map_err(|e| e.to_string())?;
                self.client()?
                    .execute(
                        "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                        vec![element],
                    )
                    .await
                    .map_err(|e| format!("empty {id}: {e}"))?;
            } else {
                field
                    .send_keys(text)
                    .await
                    .map_err(|e| format!("type into {id}: {e}"))?;
            }
            last = field
                .prop("value")
                .await
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            if last == text {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Err(format!(
            "[data-testid={id}] holds {last:?} instead of {text:?}"
        ))
    }

    /// Sends keys to the element as a person types them, without clearing it first:
    /// WebDriver's codes for special keys may be used (`"\u{E007}"` is Enter).
    pub async fn press(&self, id: &str, keys: &str) -> Result<()> {
        self.find(id)
            .await?
            .send_keys(keys)
            .await
            .map_err(|e| format!("keys to {id}: {e}"))
    }

    /// Clicks the element with this test id whose text holds `needle` (a row of a list).
    pub async fn click_where(&self, id: &str, needle: &str) -> Result<()> {
        self.wait_for_any_text(id, needle).await?;
        for element in self.find_all(id).await? {
            if element.text().await.unwrap_or_default().contains(needle) {
                return self
                    .click_settled(&element)
                    .await
                    .map_err(|e| format!("click {id} {needle:?}: {e}"));
            }
        }
        Err(format!("no [data-testid={id}] holds {needle:?}"))
    }

    /// Clicks the element.
    pub async fn click(&self, id: &str) -> Result<()> {
        let element = self.find(id).await?;
        self.click_settled(&element)
            .await
            .map_err(|e| format!("click {id}: {e}"))
    }

    /// Clicks `element` once it has stopped moving. The driver clicks at a point it works out
    /// beforehand, so a page still moving lets the click land on whatever moved under that
    /// point: a round's page that puts the caret in its scan field scrolls down a frame
    /// later, and a tab clicked at that moment was missed (seen in 2 of 8 runs). A person
    /// would wait for the page to stop too. Waits for three frames alike, at most a second.
    async fn click_settled(&self, element: &Element) -> Result<()> {
        let arg = serde_json::to_value(element).map_err(|e| e.to_string())?;
        self.client()?
            .execute_async(
                "const [el, done] = arguments;
                 let last = '', same = 0, frames = 0;
                 const step = () => {
                   const r = el.getBoundingClientRect();
                   const now = [r.x, r.y, r.width, r.height, scrollX, scrollY].join();
                   same = now === last ? same + 1 : 0;
                   last = now;
                   if (same >= 3 || ++frames > 60) done(); else requestAnimationFrame(step);
                 };
                 requestAnimationFrame(step);",
                vec![arg],
            )
            .await
            .map_err(|e| format!("waiting for it to stop moving: {e}"))?;
        element.click().await.map_err(|e| e.to_string())
    }

    /// Scrolls the element with this test id into the middle of the window (for a
    /// screenshot of something below the fold).
    pub async fn scroll_to(&self, id: &str) -> Result<()> {
        let element = self.find(id).await?;
        let arg = serde_json::to_value(&element).map_err(|e| e.to_string())?;
        self.client()?
            .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
            .await
            .map_err(|e| format!("cannot scroll to [data-testid={id}]: {e}"))?;
        Ok(())
    }

    /// The folder a test's app uses as its home (exports land below it).
    pub fn home_dir(&self) -> PathBuf {
        self.home.path().join("home")
    }

    /// The element's visible text.
    pub async fn text(&self, id: &str) -> Result<String> {
        self.find(id).await?.text().await.map_err(|e| e.to_string())
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_for_text(&self, id: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + WAIT;
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.find(id).await {
                last = element.text().await.unwrap_or_default();
                if last.contains(needle) {
                    return Ok(last);
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!(
            "[data-testid={id}] never showed {needle:?}; last text: {last:?}"
        ))
    }

    /// Waits until any element with this test id shows `needle` (lists whose order may
    /// put the wanted row anywhere); on failure names every row it saw.
    pub async fn wait_for_any_text(&self, id: &str, needle: &str) -> Result<String> {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            seen.clear();
            for element in self.find_all(id).await.unwrap_or_default() {
                let text = element.text().await.unwrap_or_default();
                if text.contains(needle) {
                    return Ok(text);
                }
                seen.push(text);
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!(
            "no [data-testid={id}] showed {needle:?}; rows: {seen:?}"
        ))
    }

    /// Saves a screenshot of the window as `NN-name.png` and returns its path. Waits for
    /// the web fonts first (a test machine has no Thai system font to fall back on) and
    /// for the page to be painted.
    pub async fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        self.client()?
            .execute_async(
                // Fonts, then two animation frames: the screenshot is of the last painted
                // frame, which can lag the DOM the test just checked.
                "const done = arguments[arguments.length - 1];
                 document.fonts.ready.then(() =>
                   requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
                vec![],
            )
            .await
            .map_err(|e| format!("waiting for fonts: {e}"))?;
        self.shot += 1;
        let png = self
            .client()?
            .screenshot()
            .await
            .map_err(|e| e.to_string())?;
        let path = self
            .screenshots
            .join(format!("{:02}-{name}.png", self.shot));
        fs::write(&path, png).map_err(|e| e.to_string())?;
        println!("  saved {}", path.display());
        Ok(path)
    }

    /// Starts the app binary a second time on the same data directory, as a person
    /// double-clicking the icon again would, and waits up to `within` for it to exit.
    /// Returns its exit status, or an error if it is still running (then it is killed).
    pub fn start_second_instance(&self, within: Duration) -> Result<std::process::ExitStatus> {
        let mut second = Command::new(app_binary()?)
            .env("PHATSADU_DATA_DIR", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .env("XDG_DATA_HOME", self.home.path().join("xdg-data"))
            .env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start a second instance: {e}"))?;
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = second.try_wait().map_err(|e| e.to_string())? {
                return Ok(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = second.kill();
        let _ = second.wait();
        Err(format!(
            "a second instance was still running after {within:?}"
        ))
    }

    /// The process group holding the driver and the app.
    fn group(&self) -> u32 {
        self.driver.id()
    }

    /// Ends a test with what its walk came to: a screenshot named "failure" when it
    /// failed, then [`App::stop`]; panics with the walk's error first, else when a process
    /// was left running.
    #[allow(
        clippy::panic,
        reason = "a test ends here, and a test reports by panicking"
    )]
    pub async fn finish(mut self, outcome: Result<()>) {
        if outcome.is_err() {
            let _ = self.screenshot("failure").await;
        }
        let stopped = self.stop().await;
        if let Err(e) = outcome {
            panic!("{e}");
        }
        if let Err(e) = stopped {
            panic!("the app and the driver stop without leaving processes: {e}");
        }
    }

    /// Ends the session, stops the driver and the app, and checks that no process of
    /// the group is left.
    pub async fn stop(mut self) -> Result<()> {
        if let Some(client) = self.client.take() {
            // Closing the session asks the driver to close the app; killing follows anyway.
            let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        }
        kill_group(self.group());
        let _ = self.driver.wait();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if group_members(self.group()).is_empty() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "processes left running after stop: {:?}",
            group_members(self.group())
        ))
    }
}

impl Drop for App {
    fn drop(&mut self) {
        kill_group(self.group());
        let _ = self.driver.wait();
    }
}

/// Sends SIGTERM, then SIGKILL, to every process in the group.
fn kill_group(group: u32) {
    for signal in ["-TERM", "-KILL"] {
        if group_members(group).is_empty() {
            return;
        }
        let _ = Command::new("kill")
            .args([signal, "--", &format!("-{group}")])
            .stderr(Stdio::null())
            .status();
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Process ids still in the group (empty when all have exited).
pub fn group_members(group: u32) -> Vec<String> {
    Command::new("pgrep")
        .args(["-g", &group.to_string()])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}
