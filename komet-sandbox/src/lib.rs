//! A local Komet Sales server generated from the same spec as `komet-api`.
//!
//! Komet offers no public test server. `komet-sandbox` answers every method of the spec on
//! 127.0.0.1, checks each request with the same generated metadata, validators and typed
//! requests that the client uses, and keeps state in memory for the core flows (customers,
//! carriers, vendors, products, inventory, prebooks, purchase orders, invoices, web orders),
//! so a create is visible to the matching list. Other methods answer with a response built
//! from the spec's response shape.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use komet_api::TokenKind;
//! use komet_sandbox::Sandbox;
//!
//! let sandbox = Sandbox::start().await?;
//! let client = sandbox.client(TokenKind::Company).build()?;
//! let request = komet_api::products::BoxtypeListRequest::default();
//! let boxes = client.boxtype_list(&request).await?;
//! println!("{} box types", boxes.boxtypes.map_or(0, |b| b.len()));
//! # Ok(())
//! # }
//! ```
//!
//! Also: a daily quota per token answered with 429 and `Retry-After`, injected faults
//! ([`FaultRule`]), a request log without tokens ([`Sandbox::log`]), fixtures of your own
//! ([`SandboxBuilder::fixture_file`]) and a command-line server
//! (`cargo run -p komet-sandbox -- --port 8080`).
#![deny(missing_docs)]

mod accounts;
mod backoff;
mod body;
pub mod cli;
mod connection;
mod dispatch;
mod extras;
mod faults;
mod flows;
mod idle;
mod index;
mod json_depth;
mod limits;
mod log;
mod params;
mod quota;
mod references;
mod seed;
mod server;
pub mod shape;
pub mod store;

pub use accounts::{Account, DEMO_COMPANY_ID};
pub use faults::{Fault, FaultRule};
pub use log::{LogEntry, Outcome};
pub use server::{Sandbox, SandboxBuilder, StartError};

// The README's Rust examples compile as doctests of this crate, which sees both crates.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
