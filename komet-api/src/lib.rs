//! Typed, validated client for the Komet Sales API.
//!
//! Request and response types, validators and client methods are generated from the YAML spec
//! in `spec/` (see `generated`); the rest of this crate is a small hand-written runtime:
//!
//! - [`client`]: the [`Client`], its builder, retries and the daily quota counter;
//! - [`validate`]: the engine that checks a request against its method's [`meta`] tables and
//!   reports every [`Violation`] with its JSON path;
//! - [`wire`]: serde helpers for Komet's wire forms (`1`/`0` booleans, numbers as text, exact
//!   decimals, dates) and enumerations that keep unknown values;
//! - [`error`]: the one [`Error`] type; [`token`]: the redacted [`Token`];
//! - [`outcome`]: the [`Outcome`] trait shared by responses with a `status` and a `message`;
//! - [`drift`]: the opt-in record of what real answers hold that the spec does not say.
//!
//! Each API area (`prebooks`, `invoices`, `web_orders`, ...) is a cargo feature, all on by
//! default; `default-features = false, features = ["prebooks", "products"]` compiles only the
//! areas you call (the registry then lists only their methods).
//!
//! Nothing is sent for a call whose token kind, headers or fields are wrong, writes are never
//! retried after a timeout or a server error, and the token never appears in `Debug`, error
//! messages or traces.
#![deny(missing_docs)]

pub mod builder;
pub mod client;
mod decode;
pub mod drift;
mod encode;
pub mod error;
/// Generated from `spec/` by `cargo xtask gen`: one module per API area.
#[rustfmt::skip] // formatted by prettyplease in `cargo xtask gen`
pub mod generated;
mod json;
pub mod meta;
pub mod outcome;
pub mod registry;
pub mod token;
pub mod validate;
pub mod wire;

pub use client::{
    Client, ClientBuilder, ClientSet, QuotaCounter, QuotaSnapshot, QuotaStatus, RetryPolicy,
};
pub use decode::{Decode, Serde};
pub use drift::{DriftOptions, DriftReport};
pub use encode::Encode;
pub use error::{Error, HttpStatusKind};
pub use generated::*;
pub use meta::TokenKind;
pub use outcome::Outcome;
pub use token::Token;
pub use validate::{PathSegment, ValidationContext, Violation, ViolationRule, Violations};

/// Names the hidden methods of [`Decode`] and [`Encode`] take; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::encode::Writer;
    pub use crate::json::{Json, Message, Object};
}
