//! What the command-line tests share: the built `memport` binary, run as a person would.

use std::process::Command;

/// Runs `memport args…`: its exit code, stdout and stderr. What it says on stderr follows
/// the shell's language: these read English.
pub fn memport(args: &[&str]) -> (i32, String, String) {
    memport_in("C", args)
}

/// [`memport`] in the shell language `lang` (`LANG`, as "fr_FR.UTF-8").
pub fn memport_in(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_memport"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .expect("the memport binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
