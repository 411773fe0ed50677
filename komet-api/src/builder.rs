//! What the generated request builders share.
//!
//! Every request type has a `builder()`. The builder's type parameter holds one slot per
//! required field, [`Missing`] until that field's setter is called; `build()` exists only when
//! no slot is `Missing`. So a forgotten required field is a compile error, not a request that
//! Komet refuses:
//!
//! ```compile_fail
//! use komet_api::prebooks::PrebookCreateRequest;
//! // No carrier: `build` is not found for a builder whose carrier slot is still `Missing`.
//! let request = PrebookCreateRequest::builder()
//!     .customer(komet_api::CustomerRef::id(9999))
//!     .ship_date(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
//!     .build();
//! ```

/// A required field that is not set yet: a state of a request builder, never a value a
/// request holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing;
