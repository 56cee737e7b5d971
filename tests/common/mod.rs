//! What the command-line tests share: the built `memport` binary, run as a person would.

use std::process::Command;

/// Runs `memport args…`: its exit code, stdout and stderr.
pub fn memport(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_memport"))
        .args(args)
        .output()
        .expect("the memport binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
