//! Checks the parsed spec and lowers it into the `ir` model. Every problem is collected with
//! its location, so one run reports them all.
//!
//! One module per concern: `shared` (enums and settings of common.yaml), `methods` (areas and
//! method-level facts), `fields` (objects, fields, types and restrictions), `alternatives`,
//! `rules`, `values` (defaults and bounds), and `names` (small naming helpers shared by the others).

mod alternatives;
mod fields;
mod methods;
pub use methods::DEFAULT_MAX_REQUEST_BYTES;
mod names;
mod rules;
mod shared;
mod values;

use std::collections::BTreeMap;

use crate::ir::*;
use crate::model::FieldDef;
use crate::source::{Source, SpecError};

/// Checks every source and builds the API model, or returns every problem found.
pub fn lower(sources: &[Source]) -> Result<Api, Vec<SpecError>> {
    let mut lowerer = Lowerer::default();
    lowerer.type_names.insert(
        STATUS_RESPONSE.to_string(),
        "the shared status/message response of common.rs".to_string(),
    );
    for source in sources {
        lowerer.collect_shared(source);
    }
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    let mut method_names: BTreeMap<String, String> = BTreeMap::new();
    for source in sources {
        lowerer.lower_area(source, &mut areas, &mut method_names);
    }
    lowerer.resolve_rows_from(sources, &mut areas);
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
    let mut api = lowerer.api;
    api.areas = areas.into_values().collect();
    for area in &mut api.areas {
        area.methods.sort_by(|a, b| a.name.cmp(&b.name));
    }
    api.enums.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(api)
}

/// The shared response type of methods that answer only with `status` and `message`.
pub const STATUS_RESPONSE: &str = "StatusResponse";

#[derive(Default)]
struct Lowerer {
    api: Api,
    errors: Vec<SpecError>,
    /// Enum name to its repr and wire values, for checking references and values.
    enum_values: BTreeMap<String, (EnumRepr, Vec<Wire>)>,
    /// Every generated type name, with the method that introduced it.
    type_names: BTreeMap<String, String>,
    /// Every client function name, with the wire name of its method.
    fn_names: BTreeMap<String, String>,
}

/// Where an object sits, for naming and messages.
struct ObjectCtx<'a> {
    source: &'a Source,
    node: String,
    rust_name: String,
    response: bool,
    query: bool,
    /// Names of the top-level request fields, for `/field` conditions.
    root: &'a [FieldDef],
    prefix: &'a str,
    /// Token kinds the method accepts, for `when: { token: .. }`.
    tokens: &'a [TokenKind],
}

impl Lowerer {
    fn error(&mut self, source: &Source, node: &str, message: impl Into<String>) {
        self.errors.push(source.error_at(node, message));
    }
}
