//! The `noaber` binary: parses the command line and runs it.

use clap::Parser;

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    noaber::telemetry::init();
    match noaber::cli::run(noaber::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("noaber: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
