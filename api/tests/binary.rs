//! The `noaber` binary answers `--help` with every subcommand. (Being an integration
//! test of this package also makes `cargo test --workspace` build the binary with the
//! test feature set, which the CLI and browser tests then run.)

use std::process::Command;

#[test]
fn help_lists_every_subcommand() {
    let out = Command::new(env!("CARGO_BIN_EXE_noaber"))
        .arg("--help")
        .output()
        .expect("noaber runs");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "user", "demo", "reindex"] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
}

#[test]
fn unknown_subcommands_fail_with_a_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_noaber"))
        .arg("toveren")
        .output()
        .expect("noaber runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("toveren"));
}
