//! `komet describe METHOD`: everything the spec knows about a method, for people (text) or
//! tools (`--json`).

mod json;
mod text;

pub use json::method as json;
pub use text::method as text;
