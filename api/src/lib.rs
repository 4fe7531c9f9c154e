//! Noaber: the web service and command line of the volunteer–request matching
//! platform of the Servicepunt Vrijwilligerswerk Midden-Drenthe.

pub mod allocator;
pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod mail;
pub mod metrics;
pub mod pool;
pub mod reference;
pub mod routes;
pub mod search_sync;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod views;
pub mod web;
