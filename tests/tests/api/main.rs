//! The integration tests of Noaber in one test binary, one module per area: one link
//! instead of thirteen, and one test run whose threads stay busy until the last test.
//! Promises about time are measured apart, in `tests/latency.rs`.
//! Each test starts its own server and database, so they share nothing but
//! `noaber_tests`. Run one area with `cargo test -p noaber-tests --test api email::`.

mod account_data;
mod accounts;
mod alerts;
mod audit;
mod change_log;
mod cli;
mod desk;
mod email;
mod follow_ups;
mod hardening;
mod lifecycle;
mod matches;
mod matching;
mod operations;
mod passwords;
mod plan;
mod posts;
mod privacy;
mod reports;
mod search;
mod search_relevance;
mod sessions;
mod volunteers;
mod web;
