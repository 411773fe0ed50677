//! The spec as written in YAML: one struct per kind of mapping, unknown keys rejected.
//!
//! Nothing here is checked beyond shape; `check` does the cross-references and `lower` builds
//! the model the emitters read.

use serde::Deserialize;

/// One spec file: `common.yaml` or an area file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Area name (module); absent in `common.yaml`.
    pub area: Option<String>,
    /// One line about the area.
    pub summary: Option<String>,
    #[serde(default)]
    pub enums: Vec<EnumDef>,
    #[serde(default)]
    pub settings: Vec<SettingDef>,
    /// Text types for document numbers and codes (`common.yaml` only).
    #[serde(default)]
    pub texts: Vec<TextDef>,
    /// Entity id types (`common.yaml` only).
    #[serde(default)]
    pub ids: Vec<IdDef>,
    #[serde(default)]
    pub methods: Vec<MethodDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    pub name: String,
    pub repr: EnumRepr,
    pub doc: String,
    pub values: Vec<EnumValueDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumRepr {
    String,
    Integer,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValueDef {
    pub wire: Scalar,
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDef {
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdDef {
    pub name: String,
    pub doc: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingDef {
    pub name: String,
    pub doc: String,
}

/// A YAML scalar used as a wire value: `BOX`, `1`, `"1"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Int(i64),
    Bool(bool),
    Str(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodDef {
    pub name: String,
    /// The name Komet's API index uses, when it differs from the wire name.
    pub index_name: Option<String>,
    pub summary: String,
    pub doc: Option<String>,
    pub verb: Verb,
    pub params: Option<Placement>,
    pub token: Option<Placement>,
    #[serde(default)]
    pub headers: Vec<HeaderDef>,
    /// Headers the client sends when it has them configured and leaves out otherwise.
    #[serde(default)]
    pub optional_headers: Vec<HeaderDef>,
    /// The largest request Komet takes for this method, in bytes; default 64 KiB.
    pub max_request_bytes: Option<u32>,
    pub tokens: Vec<TokenKindDef>,
    pub effect: Option<EffectDef>,
    pub fee: Option<String>,
    #[serde(default)]
    pub limits: Vec<String>,
    pub docs: DocsDef,
    #[serde(default)]
    pub request: Vec<FieldDef>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    #[serde(default)]
    pub response: Vec<FieldDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Verb {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    Body,
    Query,
    Header,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderDef {
    Account,
    SalesChannel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKindDef {
    Company,
    Vendor,
    Customer,
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectDef {
    Read,
    Write,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsDef {
    pub status: DocStatusDef,
    /// The address of Komet's page for the method (checked in `lower`).
    pub page: Option<String>,
    /// Method facts that the format requires but the documentation does not state (`verb`,
    /// `tokens`, ...); names are checked in `lower`.
    #[serde(default)]
    pub assumed: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// For a method whose answer lists no rows: the documented method that returns the same
    /// data with rows (`invoice.accounting.details.list`); checked in `lower`.
    pub rows_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatusDef {
    Complete,
    Partial,
    Missing,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    pub rust: Option<String>,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    pub default: Option<Scalar>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    /// For an `enum` field: the values this field accepts, when only some of the enum's.
    pub values: Option<Vec<Scalar>>,
    pub doc: Option<String>,
    #[serde(default)]
    pub restrict: Vec<RestrictionDef>,
    #[serde(default)]
    pub samples_only: bool,
    /// Where the field is known from: Komet's page (the default) or real answers.
    #[serde(default)]
    pub docs: FieldSource,
    /// Fields of an `object` or `array`.
    pub fields: Option<Vec<FieldDef>>,
    #[serde(default)]
    pub alternatives: Vec<AlternativeDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// Where a field is known from (`docs:` of a field).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldSource {
    /// Komet's documentation describes it.
    #[default]
    Documented,
    /// Learned from real answers (a drift report), not from Komet's pages.
    Observed,
}

/// A numeric bound: an integer or a decimal written as YAML number or string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Number {
    Int(i64),
    Float(f64),
    Text(String),
}

impl Number {
    /// Decimal text of the bound, as the validator compares it.
    pub fn text(&self) -> String {
        match self {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => f.to_string(),
            Number::Text(t) => t.clone(),
        }
    }
}

/// A restriction: a bare word (`transactional_access`, `multi_location`) or a one-key
/// mapping (`ignored_for: [vendor]`, `setting: name`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RestrictionDef {
    Word(RestrictionWord),
    Keyed(KeyedRestriction),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RestrictionWord {
    TransactionalAccess,
    MultiLocation,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyedRestriction {
    pub ignored_for: Option<Vec<TokenKindDef>>,
    pub setting: Option<SettingRef>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SettingRef {
    Name(String),
    Scoped {
        name: String,
        #[serde(rename = "for")]
        for_tokens: Vec<TokenKindDef>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternativeDef {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default = "yes")]
    pub exclusive: bool,
    pub options: Vec<OptionDef>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub name: String,
    pub fields: Vec<String>,
}

/// A rule: exactly one of `require` (all of these), `require_one_of` (at least one of these)
/// or `date_span`; the first two may carry `when` or `unless_present`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub require: Option<Vec<String>>,
    pub require_one_of: Option<Vec<String>>,
    pub date_span: Option<DateSpanDef>,
    pub when: Option<WhenDef>,
    pub unless_present: Option<Vec<String>>,
}

/// `date_span: { from: dateFrom, to: dateTo, max_days: 31 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateSpanDef {
    pub from: String,
    pub to: String,
    pub max_days: u32,
}

/// A condition: `field` with `equals` or `present`, or `token` alone.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenDef {
    pub field: Option<String>,
    pub equals: Option<Scalar>,
    pub present: Option<bool>,
    pub token: Option<TokenKinds>,
}

/// One token kind or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TokenKinds {
    One(TokenKindDef),
    Many(Vec<TokenKindDef>),
}

impl TokenKinds {
    /// The kinds as a list.
    pub fn to_vec(&self) -> Vec<TokenKindDef> {
        match self {
            TokenKinds::One(kind) => vec![*kind],
            TokenKinds::Many(kinds) => kinds.clone(),
        }
    }
}
