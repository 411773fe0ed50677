//! The checked, resolved model that the emitters read. Everything here is already valid:
//! names resolve, types parse, rules point at fields that exist.

use std::collections::BTreeMap;

/// Name of the token parameter (body member, query parameter or header) of every method.
pub const TOKEN_PARAM: &str = "authenticationToken";

pub use crate::model::{DocStatusDef as DocStatus, EffectDef as Effect, EnumRepr};
pub use crate::model::{HeaderDef as Header, Placement, TokenKindDef as TokenKind, Verb};

/// The whole API.
#[derive(Debug, Default)]
pub struct Api {
    /// Areas sorted by name.
    pub areas: Vec<Area>,
    /// Enumerations sorted by name.
    pub enums: Vec<Enum>,
    /// Company settings in spec order.
    pub settings: Vec<Setting>,
    /// Text types (document numbers) sorted by name.
    pub texts: Vec<TextType>,
    /// Entity id types sorted by name.
    pub ids: Vec<IdType>,
    /// Alternative enums shared by methods, by Rust name.
    pub alternatives: BTreeMap<String, AltType>,
}

impl Api {
    /// Every method of every area, sorted by wire name.
    pub fn methods(&self) -> Vec<&Method> {
        let mut all: Vec<&Method> = self.areas.iter().flat_map(|a| &a.methods).collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    }
}

/// One API area: one generated module.
#[derive(Debug)]
pub struct Area {
    pub name: String,
    pub summary: String,
    /// Spec files it was read from, for the generated preamble.
    pub files: Vec<String>,
    /// Methods sorted by wire name.
    pub methods: Vec<Method>,
}

#[derive(Debug)]
pub struct Enum {
    pub name: String,
    pub repr: EnumRepr,
    pub doc: String,
    pub values: Vec<EnumValue>,
}

#[derive(Debug)]
pub struct EnumValue {
    pub wire: Wire,
    pub name: String,
    pub doc: String,
}

/// A newtype over text for one kind of document number or code (`texts` in `common.yaml`).
#[derive(Debug)]
pub struct TextType {
    pub name: String,
    pub doc: String,
}

/// A newtype over `i64` for the id of one kind of record (`ids` in `common.yaml`).
#[derive(Debug)]
pub struct IdType {
    pub name: String,
    pub doc: String,
}

#[derive(Debug)]
pub struct Setting {
    pub name: String,
    pub doc: String,
}

/// A scalar wire value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    Int(i64),
    Str(String),
}

impl std::fmt::Display for Wire {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Wire::Int(i) => write!(f, "{i}"),
            Wire::Str(s) => f.write_str(s),
        }
    }
}

#[derive(Debug)]
pub struct Method {
    /// Wire name.
    pub name: String,
    /// Name in Komet's API index, when it differs from the wire name.
    pub index_name: Option<String>,
    /// snake_case name of the client method.
    pub fn_name: String,
    /// UpperCamelCase prefix of its types.
    pub type_prefix: String,
    pub area: String,
    pub summary: String,
    pub doc: Option<String>,
    pub verb: Verb,
    pub params: Placement,
    pub token: Placement,
    /// Headers that must be sent.
    pub headers: Vec<Header>,
    /// Headers sent when the client has them, left out otherwise.
    pub optional_headers: Vec<Header>,
    /// The largest request Komet takes, in bytes (body, or URL query for query methods).
    pub max_request_bytes: u32,
    pub tokens: Vec<TokenKind>,
    pub effect: Effect,
    pub fee: Option<String>,
    pub limits: Vec<String>,
    pub doc_status: DocStatus,
    /// Facts of the method that were assumed, not documented, sorted.
    pub assumed: Vec<Fact>,
    pub notes: Vec<String>,
    /// The address of Komet's page for the method (`docs.page`).
    pub page: Option<String>,
    /// The request of the documentation sample (`tests/vectors/<name>/request-1.json`), when
    /// there is one that does not contradict the spec; the rustdoc example builds it.
    pub sample: Option<serde_json::Value>,
    /// The documented method that returns this method's data with rows (`docs.rows_from`).
    pub rows_from: Option<RowsFrom>,
    pub request: Object,
    pub response: Object,
}

impl Method {
    /// "verb and token kinds are assumed: Komet publishes no page for this method", or `None`
    /// when every method fact is documented.
    pub fn assumed_sentence(&self) -> Option<String> {
        let labels: Vec<&str> = self.assumed.iter().map(|f| f.label()).collect();
        let (last, rest) = labels.split_last()?;
        let list = if rest.is_empty() {
            last.to_string()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        let verb = if labels.len() == 1 && !last.ends_with('s') {
            "is"
        } else {
            "are"
        };
        let reason = match self.doc_status {
            DocStatus::Missing => "Komet publishes no page for this method",
            _ => "the part of Komet's page that could be read does not state them",
        };
        Some(format!("{list} {verb} assumed: {reason}"))
    }
}

/// A method fact that the format requires and that may have to be assumed when Komet's page
/// is missing or silent (`docs.assumed` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fact {
    Verb,
    Params,
    Token,
    Headers,
    Tokens,
    Effect,
    Response,
}

impl Fact {
    /// Every fact, in spec order.
    pub const ALL: [Fact; 7] = [
        Fact::Verb,
        Fact::Params,
        Fact::Token,
        Fact::Headers,
        Fact::Tokens,
        Fact::Effect,
        Fact::Response,
    ];

    /// The name written under `docs.assumed`, matching the method key it qualifies.
    pub fn name(self) -> &'static str {
        match self {
            Fact::Verb => "verb",
            Fact::Params => "params",
            Fact::Token => "token",
            Fact::Headers => "headers",
            Fact::Tokens => "tokens",
            Fact::Effect => "effect",
            Fact::Response => "response",
        }
    }

    /// The fact in prose, for documentation.
    pub fn label(self) -> &'static str {
        match self {
            Fact::Verb => "verb",
            Fact::Params => "parameter placement",
            Fact::Token => "token placement",
            Fact::Headers => "headers",
            Fact::Tokens => "token kinds",
            Fact::Effect => "read/write effect",
            Fact::Response => "response fields",
        }
    }

    /// The fact with this spec name.
    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// An object: the request, the response, or a nested object/array element.
#[derive(Debug)]
pub struct Object {
    /// Rust struct name.
    pub rust_name: String,
    /// Name of the static holding its `ObjectMeta`.
    pub meta_name: String,
    pub fields: Vec<Field>,
    pub alternatives: Vec<Alternative>,
    pub rules: Vec<Rule>,
    pub date_spans: Vec<DateSpan>,
}

impl Object {
    /// The top-level `status` (a flag) and `message` (text) fields, when the object has both
    /// under their plain Rust names: such a response implements `komet_api::Outcome`.
    pub fn outcome_fields(&self) -> Option<(&Field, &Field)> {
        let plain = |wire: &str| {
            self.fields
                .iter()
                .find(|f| f.wire == wire && f.rust == wire && !f.samples_only)
        };
        let status = plain("status").filter(|f| matches!(f.ty, Ty::Flag))?;
        let message = plain("message").filter(|f| matches!(f.ty, Ty::String(_)))?;
        Some((status, message))
    }

    /// A response of exactly `status` and `message` and nothing else: its Rust type is the
    /// shared `StatusResponse` (the per-method `ObjectMeta` still holds its own bounds).
    pub fn is_status_only(&self) -> bool {
        self.fields.len() == 2 && self.outcome_fields().is_some()
    }
}

#[derive(Debug)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub required: bool,
    pub default: Option<Wire>,
    pub min: Option<String>,
    pub max: Option<String>,
    /// For an enum field, the enum's values it accepts (all of them when empty).
    pub values: Vec<Wire>,
    pub doc: Option<String>,
    pub restrictions: Vec<Restriction>,
    pub samples_only: bool,
    /// Learned from real answers (`docs: observed`), not from Komet's pages.
    pub observed: bool,
    /// Index of the alternative group that owns this field, if any.
    pub group: Option<usize>,
}

#[derive(Debug)]
pub enum Ty {
    String(Option<u32>),
    Integer(Option<u32>),
    Decimal(Option<u32>, Option<u32>),
    Date,
    DateTime,
    Flag,
    Bool,
    Enum(String),
    /// A text type declared under `texts` (a document number): kept as text, never as a number.
    Text {
        name: String,
        max_len: Option<u32>,
    },
    /// An entity id declared under `ids`: a whole number of at most `max_digits` digits, its
    /// own newtype in Rust.
    Id {
        name: String,
        max_digits: Option<u32>,
    },
    /// Scalars joined by commas in one string; `max_len` bounds the whole string.
    Csv {
        max_len: Option<u32>,
        item: Box<Ty>,
    },
    Object(Box<Object>),
    Array(Box<Object>),
    /// A JSON object keyed by text (a date, a code) whose values share one shape.
    Map(Box<Object>),
    List(Box<Ty>),
}

impl Ty {
    /// The id type of the field's value, or of each item of a list or comma-separated list.
    pub fn id_name(&self) -> Option<&str> {
        match self {
            Ty::Id { name, .. } => Some(name),
            Ty::List(item) | Ty::Csv { item, .. } => item.id_name(),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub enum Restriction {
    TransactionalAccess,
    MultiLocation,
    IgnoredFor(Vec<TokenKind>),
    Setting {
        name: String,
        for_tokens: Vec<TokenKind>,
    },
}

/// A group of alternatives inside one object.
#[derive(Debug)]
pub struct Alternative {
    /// Wire-ish group name used in messages and rules.
    pub name: String,
    /// Rust field name.
    pub rust: String,
    /// Rust enum type (shared across methods).
    pub ty: String,
    pub required: bool,
    pub exclusive: bool,
    /// Options: name and field indices into the owning object's `fields`.
    pub options: Vec<(String, Vec<usize>)>,
}

/// The shape of a shared alternative enum: variant name and (wire, rust, type) of its fields.
#[derive(Debug, PartialEq, Eq)]
pub struct AltType {
    pub name: String,
    pub variants: Vec<(String, Vec<AltField>)>,
    /// Only one option at a time (an enum); otherwise several may be sent together (a struct
    /// of optional fields, so every combination the validator accepts can be written).
    pub exclusive: bool,
}

#[derive(Debug, PartialEq, Eq, Clone)]
pub struct AltField {
    pub wire: String,
    pub rust: String,
    /// The scalar kind, rendered as in the spec without bounds (`integer`, `string`, `enum:X`).
    pub kind: String,
}

#[derive(Debug)]
pub struct Rule {
    pub require: Vec<String>,
    pub need: Need,
    pub condition: Condition,
}

/// How many of a rule's fields must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// `require`: every one.
    All,
    /// `require_one_of`: at least one.
    AtLeastOne,
}

#[derive(Debug)]
pub enum Condition {
    Always,
    Equals {
        field: String,
        value: Wire,
    },
    Present {
        field: String,
        present: bool,
    },
    UnlessPresent(Vec<String>),
    /// The caller's token is of one of these kinds.
    Token(Vec<TokenKind>),
    /// Every one of these holds (a field condition for some token kinds only).
    All(Vec<Condition>),
}

/// `to` at most `max_days` days after `from`; both are date fields of the same object.
#[derive(Debug)]
pub struct DateSpan {
    pub from: String,
    pub to: String,
    pub max_days: u32,
}

/// `docs.rows_from`: the method that lists, with rows, what this method's answer does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsFrom {
    /// Wire name (`invoice.accounting.details.list`).
    pub name: String,
    /// Client function (`invoice_accounting_details_list`).
    pub fn_name: String,
}
