//! A `prism mock` process on a free loopback port, validating requests against one document.
//!
//! `tests/tests/prism_contract.rs` starts one on the project's spec and `tests/tests/forms.rs` one on
//! the forms fixture; what counts as accepted is left to the caller. Prism is pinned by `tests/prism/package-lock.json` and installed by
//! `cargo xtask test` (or `npm ci --prefix tests/prism`).

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::workspace_root;

/// How often to try connecting while Prism starts, and how long to wait between tries;
/// together they bound the wait (60 s), so a Prism that never listens fails the test.
const STARTUP_ATTEMPTS: u32 = 600;
const STARTUP_POLL_INTERVAL: Duration = Duration::from_millis(100);

/// A running `prism mock --errors`; killed when dropped, so also when a test panics.
pub struct PrismMock {
    child: Child,
    address: SocketAddr,
    log_path: PathBuf,
}

impl PrismMock {
    /// Starts Prism on `spec` (relative to the workspace root), logging to `<log_dir>/prism-<name>.log`,
    /// and returns once it accepts connections.
    ///
    /// Fails the test, rather than skipping it, when Prism is not installed: CI installs it.
    pub async fn start(name: &str, spec: &str, log_dir: &Path) -> PrismMock {
        let root = workspace_root();
        let program = root.join(if cfg!(windows) {
            "tests/prism/node_modules/.bin/prism.cmd"
        } else {
            "tests/prism/node_modules/.bin/prism"
        });
        assert!(
            program.exists(),
            "Prism is not installed ({} is missing): run `cargo xtask test`, which installs it, \
             or `npm ci --prefix tests/prism` before `cargo test`",
            program.display()
        );
        let port = free_loopback_port();
        let log_path = log_dir.join(format!("prism-{name}.log"));
        let log = File::create(&log_path)
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", log_path.display()));
        let log_for_stderr = log
            .try_clone()
            .unwrap_or_else(|error| panic!("cannot reopen {}: {error}", log_path.display()));
        let child = Command::new(&program)
            .arg("mock")
            .arg(root.join(spec))
            .args([
                "--port",
                &port.to_string(),
                "--host",
                "127.0.0.1",
                "--errors",
            ])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_for_stderr)
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {}: {error}", program.display()));
        let mut prism = PrismMock {
            child,
            address: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            log_path,
        };
        prism.wait_until_listening().await;
        prism
    }

    /// The base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Where Prism's output goes.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// Everything Prism has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path)
            .unwrap_or_else(|error| format!("(cannot read {}: {error})", self.log_path.display()))
    }

    /// Polls the port a bounded number of times, failing early if Prism exits.
    async fn wait_until_listening(&mut self) {
        for _ in 0..STARTUP_ATTEMPTS {
            let exit = self
                .child
                .try_wait()
                .unwrap_or_else(|error| panic!("cannot check on Prism: {error}"));
            if let Some(status) = exit {
                panic!(
                    "Prism exited before listening on {} ({status}); its log:\n{}",
                    self.address,
                    self.log()
                );
            }
            if TcpStream::connect(self.address).is_ok() {
                return;
            }
            tokio::time::sleep(STARTUP_POLL_INTERVAL).await;
        }
        panic!(
            "Prism did not accept connections on {} after {STARTUP_ATTEMPTS} attempts; its log:\n{}",
            self.address,
            self.log()
        );
    }
}

impl Drop for PrismMock {
    fn drop(&mut self) {
        // Errors are ignored: the process may already have exited, and a panic here would abort.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_loopback_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a loopback port");
    listener.local_addr().expect("the bound address").port()
}
