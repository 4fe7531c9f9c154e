//! The `noaber` binary: parses the command line and runs it.

use clap::Parser;

fn main() -> std::process::ExitCode {
    // Before the runtime starts its threads.
    noaber::allocator::configure();
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> std::process::ExitCode {
    noaber::telemetry::init();
    match noaber::cli::run(noaber::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("noaber: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
