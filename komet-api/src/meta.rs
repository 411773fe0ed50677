//! Static description of every API method, generated from the spec.
//!
//! The generator emits one [`MethodMeta`] per method; the client, the validator and the
//! registry all read these tables, so there is one copy of every rule.

/// HTTP verb of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `GET`, parameters in the URL query string.
    Get,
    /// `POST`, parameters usually in a JSON body.
    Post,
}

/// Where a method's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsIn {
    /// A JSON object in the request body.
    Body,
    /// The URL query string.
    Query,
}

/// Where the authentication token travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenIn {
    /// A member of the JSON body.
    Body,
    /// A URL query parameter.
    Query,
    /// An HTTP header.
    Header,
}

/// The kinds of token Komet issues; each method accepts some of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// A company token (Setup > Settings > Tokens, type Company).
    Company,
    /// A vendor (grower) token.
    Vendor,
    /// A customer token.
    Customer,
    /// A user's token, obtained with `login`.
    User,
}

impl TokenKind {
    /// The lower-case name used in the spec and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Company => "company",
            TokenKind::Vendor => "vendor",
            TokenKind::Customer => "customer",
            TokenKind::User => "user",
        }
    }
}

impl std::fmt::Display for TokenKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Extra headers a method needs, filled from the client's configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `X-ACCOUNT`: the company id.
    Account,
    /// `X-SALES-CHANNEL`: the sales channel.
    SalesChannel,
}

impl Header {
    /// The HTTP header name.
    pub fn name(self) -> &'static str {
        match self {
            Header::Account => "X-ACCOUNT",
            Header::SalesChannel => "X-SALES-CHANNEL",
        }
    }
}

/// Whether a method only reads (safe to retry) or changes data (never retried blindly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads data; retried after timeouts and server errors.
    Read,
    /// Creates, updates or deletes; retried only when the server cannot have acted on it.
    Write,
}

/// How complete the Komet documentation of a method was when it was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocStatus {
    /// Every field, rule and sample was visible.
    Complete,
    /// Some of the page could not be seen; see the method's notes.
    Partial,
    /// No page was found; the method is known only by name.
    Missing,
}

/// A fact about a method that the spec format requires and that Komet's documentation did not
/// state, so the spec assumed it (see [`MethodMeta::assumed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MethodFact {
    /// The HTTP verb.
    Verb,
    /// Where the parameters travel (body or query).
    Params,
    /// Where the token travels (body, query or header).
    Token,
    /// The extra headers (`X-ACCOUNT`, `X-SALES-CHANNEL`).
    Headers,
    /// The token kinds allowed to call the method.
    Tokens,
    /// Whether the method only reads or changes data.
    Effect,
    /// The response fields.
    Response,
}

impl MethodFact {
    /// The fact's name, as written under `docs.assumed` in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            MethodFact::Verb => "verb",
            MethodFact::Params => "params",
            MethodFact::Token => "token",
            MethodFact::Headers => "headers",
            MethodFact::Tokens => "tokens",
            MethodFact::Effect => "effect",
            MethodFact::Response => "response",
        }
    }
}

impl std::fmt::Display for MethodFact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One API method.
#[derive(Debug)]
pub struct MethodMeta {
    /// Wire name, e.g. `prebook.create`.
    pub name: &'static str,
    /// API area (module) the method belongs to.
    pub area: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// HTTP verb.
    pub verb: Verb,
    /// Where parameters travel.
    pub params: ParamsIn,
    /// Where the token travels.
    pub token: TokenIn,
    /// Name of the token parameter or header (`authenticationToken`).
    pub token_param: &'static str,
    /// Extra headers that must be sent; the client refuses the call without them.
    pub headers: &'static [Header],
    /// Extra headers sent when the client has them configured, left out otherwise.
    pub optional_headers: &'static [Header],
    /// The largest request Komet takes, in bytes: the JSON body, or the URL query of a query
    /// method. The client refuses a larger one before sending.
    pub max_request_bytes: u32,
    /// Token kinds allowed to call the method.
    pub tokens: &'static [TokenKind],
    /// Read or write, for retries.
    pub effect: Effect,
    /// Transaction fee note, if any.
    pub fee: Option<&'static str>,
    /// Documented limits.
    pub limits: &'static [&'static str],
    /// How complete the documentation was.
    pub doc_status: DocStatus,
    /// Facts above that were assumed rather than documented (empty when all are documented):
    /// treat them as guesses until a real server confirms them.
    pub assumed: &'static [MethodFact],
    /// What the documentation left unclear: parts that could not be seen, contradictions,
    /// oddities (`docs.notes` in the spec), for tools that describe the method.
    pub notes: &'static [&'static str],
    /// The address of Komet's page for the method (on kometsales.atlassian.net or
    /// learn.kometsales.com), when one was found.
    pub page: Option<&'static str>,
    /// Request fields and rules (without the token).
    pub request: &'static ObjectMeta,
    /// Response fields.
    pub response: &'static ObjectMeta,
}

/// Fields and cross-field rules of one JSON object.
#[derive(Debug)]
pub struct ObjectMeta {
    /// The object's fields.
    pub fields: &'static [FieldMeta],
    /// Alternative groups among the fields.
    pub alternatives: &'static [AlternativeMeta],
    /// Conditional requirements.
    pub rules: &'static [RuleMeta],
    /// Limits on how far apart two date fields may be.
    pub date_spans: &'static [DateSpanMeta],
}

/// A limit on a date range given by two fields: `to` may be at most `max_days` days after
/// `from`. Checked only when both are present and valid dates.
#[derive(Debug)]
pub struct DateSpanMeta {
    /// Field holding the first day of the range.
    pub from: &'static str,
    /// Field holding the last day of the range.
    pub to: &'static str,
    /// Largest allowed number of days from `from` to `to`.
    pub max_days: u32,
}

impl DateSpanMeta {
    /// Splits `from..=to` into the consecutive windows this rule allows (each `to` at most
    /// `max_days` days after its `from`), in order and without overlap: one call per window
    /// covers a long range. Empty when `to` is before `from`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use komet_api::meta::DateSpanMeta;
    ///
    /// let rule = DateSpanMeta { from: "orderDateFrom", to: "orderDateTo", max_days: 31 };
    /// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let windows: Vec<_> = rule.windows(day(1, 1), day(3, 15)).collect();
    /// assert_eq!(windows, [(day(1, 1), day(2, 1)), (day(2, 2), day(3, 5)), (day(3, 6), day(3, 15))]);
    /// ```
    pub fn windows(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> impl Iterator<Item = (chrono::NaiveDate, chrono::NaiveDate)> {
        let step = chrono::Days::new(u64::from(self.max_days));
        let mut next = (from <= to).then_some(from);
        std::iter::from_fn(move || {
            let start = next?;
            let end = start.checked_add_days(step).map_or(to, |end| end.min(to));
            next = end.succ_opt().filter(|day| *day <= to);
            Some((start, end))
        })
    }
}

/// One field of an object.
#[derive(Debug)]
pub struct FieldMeta {
    /// Wire name.
    pub name: &'static str,
    /// Type and its bounds.
    pub ty: FieldType,
    /// Always required.
    pub required: bool,
    /// The server's default, used when evaluating conditions on an absent field.
    pub default: Option<WireValue>,
    /// Inclusive lower bound for numbers, as decimal text.
    pub min: Option<&'static str>,
    /// Inclusive upper bound for numbers, as decimal text.
    pub max: Option<&'static str>,
    /// Restrictions on when the field may or must be sent.
    pub restrictions: &'static [Restriction],
    /// For an enum field, the enum's values this field accepts; empty when it takes them all.
    pub values: &'static [WireValue],
    /// Learned from real answers (a drift report, `docs: observed` in the spec), not from
    /// Komet's pages.
    pub observed: bool,
    /// For an entity id (`type: id:CustomerId` in the spec): the name of its Rust newtype
    /// (`"CustomerId"`). The id is validated as the integer its `ty` says; for a list or a
    /// comma-separated list, each item is such an id.
    pub id: Option<&'static str>,
}

// Const constructors keep each generated field to a line or two: the generator emits
// `FieldMeta::new("boxes", ty).required().with_min("1")` instead of nine struct lines.
impl FieldMeta {
    /// An optional field of type `ty`, without default, bounds or restrictions.
    pub const fn new(name: &'static str, ty: FieldType) -> Self {
        FieldMeta {
            name,
            ty,
            required: false,
            default: None,
            min: None,
            max: None,
            restrictions: &[],
            values: &[],
            observed: false,
            id: None,
        }
    }

    /// The field holds an entity id (or a list of them) of the newtype `name`.
    pub const fn with_id(self, name: &'static str) -> Self {
        FieldMeta {
            id: Some(name),
            ..self
        }
    }

    /// The field was learned from real answers, not from Komet's pages.
    pub const fn observed(self) -> Self {
        FieldMeta {
            observed: true,
            ..self
        }
    }

    /// For an enum field: only these of the enum's values are accepted here.
    pub const fn with_values(self, values: &'static [WireValue]) -> Self {
        FieldMeta { values, ..self }
    }

    /// The field is always required.
    pub const fn required(self) -> Self {
        FieldMeta {
            required: true,
            ..self
        }
    }

    /// The value the server assumes when the field is absent.
    pub const fn with_default(self, value: WireValue) -> Self {
        FieldMeta {
            default: Some(value),
            ..self
        }
    }

    /// Inclusive lower bound, as decimal text.
    pub const fn with_min(self, min: &'static str) -> Self {
        FieldMeta {
            min: Some(min),
            ..self
        }
    }

    /// Inclusive upper bound, as decimal text.
    pub const fn with_max(self, max: &'static str) -> Self {
        FieldMeta {
            max: Some(max),
            ..self
        }
    }

    /// Restrictions on when the field may or must be sent.
    pub const fn with_restrictions(self, restrictions: &'static [Restriction]) -> Self {
        FieldMeta {
            restrictions,
            ..self
        }
    }
}

/// The type of a field and its bounds.
#[derive(Debug)]
pub enum FieldType {
    /// Text, with an optional maximum length in characters.
    String {
        /// Maximum length in characters.
        max_len: Option<u32>,
    },
    /// Whole number, with an optional maximum number of digits.
    Integer {
        /// Maximum number of digits (sign not counted); `None` when the docs give none.
        max_digits: Option<u32>,
    },
    /// Decimal number, with optional bounds on its digits.
    Decimal {
        /// Maximum number of digits; `None` when the docs give none.
        precision: Option<u32>,
        /// Maximum digits after the point; `None` when the docs give none.
        scale: Option<u32>,
    },
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// Boolean sent as `1` / `0`.
    Flag,
    /// JSON `true` / `false`.
    Bool,
    /// One of an enumeration's values.
    Enum(&'static EnumMeta),
    /// A nested object.
    Object(&'static ObjectMeta),
    /// An array of objects.
    Array(&'static ObjectMeta),
    /// An object keyed by text (a date, a code) whose values are objects of one shape.
    Map(&'static ObjectMeta),
    /// An array of scalars.
    List(&'static FieldType),
    /// A document number or code (invoice, prebook, purchase order, AWB): text that may look
    /// numeric, sent as a string, or as a number written without sign; never read as an
    /// integer, so leading zeros and letter prefixes survive.
    Text {
        /// The Rust newtype of the concept (`InvoiceNumber`).
        name: &'static str,
        /// Maximum length in characters.
        max_len: Option<u32>,
    },
    /// Several values in one comma-separated string (`"428545, 428544"`); `Vec` in Rust.
    Csv {
        /// Maximum length of the whole string in characters.
        max_len: Option<u32>,
        /// The type of each item.
        item: &'static FieldType,
    },
}

// Const constructors for the common shapes, so a generated field fits on one line.
impl FieldType {
    /// Text of at most `max_len` characters.
    pub const fn string(max_len: u32) -> Self {
        FieldType::String {
            max_len: Some(max_len),
        }
    }

    /// A whole number of at most `max_digits` digits.
    pub const fn integer(max_digits: u32) -> Self {
        FieldType::Integer {
            max_digits: Some(max_digits),
        }
    }

    /// A decimal of at most `precision` digits, `scale` of them after the point.
    pub const fn decimal(precision: u32, scale: u32) -> Self {
        FieldType::Decimal {
            precision: Some(precision),
            scale: Some(scale),
        }
    }

    /// Text of any length.
    pub const ANY_STRING: Self = FieldType::String { max_len: None };

    /// A whole number of any length.
    pub const ANY_INTEGER: Self = FieldType::Integer { max_digits: None };

    /// A decimal of any precision.
    pub const ANY_DECIMAL: Self = FieldType::Decimal {
        precision: None,
        scale: None,
    };
}

/// An enumeration and its wire values.
#[derive(Debug)]
pub struct EnumMeta {
    /// Rust name.
    pub name: &'static str,
    /// The accepted wire values.
    pub values: &'static [WireValue],
}

/// A scalar as it travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireValue {
    /// A number.
    Int(i64),
    /// A string.
    Str(&'static str),
}

/// A restriction on a field.
#[derive(Debug)]
pub enum Restriction {
    /// Only usable when the token has Transactional API Access.
    TransactionalAccess,
    /// Ignored by the server for these token kinds.
    IgnoredFor(&'static [TokenKind]),
    /// Required when the company is in multi-location mode.
    MultiLocation,
    /// Honoured only when a company setting is on; `for_tokens` empty means every kind.
    Setting {
        /// Setting key, as in the spec.
        setting: &'static str,
        /// Token kinds the restriction applies to (empty: all).
        for_tokens: &'static [TokenKind],
    },
}

/// A group of alternatives: options, each a set of fields that go together.
#[derive(Debug)]
pub struct AlternativeMeta {
    /// Group name (the Rust field name).
    pub name: &'static str,
    /// The options, each listing its fields.
    pub options: &'static [&'static [&'static str]],
    /// One option must be given.
    pub required: bool,
    /// At most one option may be given.
    pub exclusive: bool,
}

/// A conditional requirement.
#[derive(Debug)]
pub struct RuleMeta {
    /// Fields or alternative groups that become required.
    pub require: &'static [&'static str],
    /// When they are required.
    pub condition: Condition,
    /// Whether all of `require` are needed or at least one of them.
    pub need: Need,
}

/// How many of a [`RuleMeta`]'s fields must be present when its condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Every one of them (`require` in the spec).
    All,
    /// At least one of them (`require_one_of` in the spec).
    AtLeastOne,
}

/// The condition of a [`RuleMeta`].
#[derive(Debug)]
pub enum Condition {
    /// Always.
    Always,
    /// When `field` equals `value` (the field's default counts when it is absent).
    Equals {
        /// Field name; a leading `/` means a field of the top-level request.
        field: &'static str,
        /// The value.
        value: WireValue,
    },
    /// When `field` is present (`true`) or absent (`false`).
    Present {
        /// Field name; a leading `/` means a field of the top-level request.
        field: &'static str,
        /// Presence wanted.
        present: bool,
    },
    /// Unless one of these fields is present.
    UnlessPresent(&'static [&'static str]),
    /// When the caller's token is of one of these kinds; never when the kind is unknown.
    Token(&'static [TokenKind]),
    /// When every one of these holds (`when: { field: .., equals: .., token: company }`).
    All(&'static [Condition]),
}
