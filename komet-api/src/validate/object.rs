//! Walks objects, arrays and lists, checking fields and their restrictions.

use super::scalar::{self, Bounds, push};
use super::{ValidationContext, Violation, ViolationRule, rules};
use crate::json::{Json, Object};
use crate::meta::{FieldMeta, FieldType, ObjectMeta, Restriction, TokenKind};

/// The top-level request, which conditions starting with `/` refer to.
pub(super) struct Root<'a> {
    pub meta: &'a ObjectMeta,
    pub object: &'a Object<'a>,
}

struct Walker<'a> {
    ctx: &'a ValidationContext,
    root: Root<'a>,
    out: Vec<Violation>,
}

/// Checks a whole request and returns every violation.
pub(super) fn check_request(
    meta: &ObjectMeta,
    object: &Object<'_>,
    ctx: &ValidationContext,
) -> Vec<Violation> {
    let mut walker = Walker {
        ctx,
        root: Root { meta, object },
        out: Vec::new(),
    };
    walker.object(meta, object, "");
    walker.out
}

/// Path of a member of the object at `prefix` (top-level names stay plain).
pub(super) fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// A member that counts as present: `null` is the same as absent.
pub(super) fn present<'v, 'a>(object: &'v Object<'a>, name: &str) -> Option<&'v Json<'a>> {
    object.get(name).filter(|v| !v.is_null())
}

impl Walker<'_> {
    fn object(&mut self, meta: &ObjectMeta, object: &Object<'_>, prefix: &str) {
        for (name, value) in object.iter() {
            if !value.is_null() && !meta.fields.iter().any(|f| f.name == name) {
                push(
                    &mut self.out,
                    &join(prefix, name),
                    ViolationRule::UnknownField,
                    "is not a field of this request".to_owned(),
                );
            }
        }
        for field in meta.fields {
            let value = present(object, field.name);
            // An absent optional field has nothing to check; its path is built only for the
            // fields that can report something (most optional fields of a line are absent).
            if value.is_none() && !field.required && !self.required_here(field) {
                continue;
            }
            self.field(field, value, &join(prefix, field.name));
        }
        rules::check(meta, object, &self.root, self.ctx, prefix, &mut self.out);
    }

    fn field(&mut self, field: &FieldMeta, value: Option<&Json<'_>>, path: &str) {
        let Some(value) = value else {
            if field.required {
                push(
                    &mut self.out,
                    path,
                    ViolationRule::Required,
                    "is required".to_owned(),
                );
            } else if self.required_here(field) {
                push(
                    &mut self.out,
                    path,
                    ViolationRule::MultiLocation,
                    "is required for companies in multi-location mode".to_owned(),
                );
            }
            return;
        };
        let bounds = Bounds {
            min: field.min,
            max: field.max,
            values: field.values,
        };
        self.value(&field.ty, value, bounds, path);
        for restriction in field.restrictions {
            self.restriction(restriction, path);
        }
    }

    /// Whether this client's context makes an optional field required (multi-location mode).
    fn required_here(&self, field: &FieldMeta) -> bool {
        self.ctx.multi_location
            && field
                .restrictions
                .iter()
                .any(|r| matches!(r, Restriction::MultiLocation))
    }

    fn value(&mut self, ty: &FieldType, value: &Json<'_>, bounds: Bounds, path: &str) {
        match ty {
            FieldType::Object(meta) => match value.as_object() {
                Some(object) => self.object(meta, object, path),
                None => self.wrong_type(path, "an object", value),
            },
            FieldType::Array(meta) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let item_path = format!("{path}[{i}]");
                        match item.as_object() {
                            Some(object) => self.object(meta, object, &item_path),
                            None => self.wrong_type(&item_path, "an object", item),
                        }
                    }
                }
                None => self.wrong_type(path, "an array of objects", value),
            },
            FieldType::Map(meta) => match value.as_object() {
                Some(entries) => {
                    for (key, entry) in entries.iter() {
                        let entry_path = format!("{path}[{}]", Json::String(key.into()));
                        match entry.as_object() {
                            Some(object) => self.object(meta, object, &entry_path),
                            None => self.wrong_type(&entry_path, "an object", entry),
                        }
                    }
                }
                None => self.wrong_type(path, "an object keyed by text", value),
            },
            FieldType::List(inner) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let item_path = format!("{path}[{i}]");
                        if item.is_null() {
                            self.wrong_type(&item_path, "a value", item);
                        } else {
                            self.value(inner, item, bounds, &item_path);
                        }
                    }
                }
                None => self.wrong_type(path, "an array", value),
            },
            _ => scalar::check(ty, value, bounds, path, &mut self.out),
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &str, value: &Json<'_>) {
        let message = format!("must be {expected} (got {})", scalar::kind(value));
        push(&mut self.out, path, ViolationRule::Type, message);
    }

    /// Restrictions on a field that is present.
    fn restriction(&mut self, restriction: &Restriction, path: &str) {
        let kind = self.ctx.token_kind;
        match restriction {
            Restriction::TransactionalAccess if !self.ctx.transactional_access => push(
                &mut self.out,
                path,
                ViolationRule::TransactionalAccess,
                "may only be sent with a token that has Transactional API Access".to_owned(),
            ),
            Restriction::IgnoredFor(kinds) => {
                if let Some(kind) = kind.filter(|k| kinds.contains(k)) {
                    push(
                        &mut self.out,
                        path,
                        ViolationRule::IgnoredForToken,
                        format!("is ignored by the server for {kind} tokens; leave it out"),
                    );
                }
            }
            Restriction::Setting {
                setting,
                for_tokens,
            } if applies(for_tokens, kind) && !self.ctx.settings.contains(setting) => push(
                &mut self.out,
                path,
                ViolationRule::CompanySetting,
                format!(
                    "is honoured only when the company setting {setting} is on; \
                     leave it out, or declare the setting with ClientBuilder::company_setting"
                ),
            ),
            _ => {}
        }
    }
}

/// Whether a restriction for `for_tokens` (empty: every kind) applies to `kind`.
fn applies(for_tokens: &[TokenKind], kind: Option<TokenKind>) -> bool {
    for_tokens.is_empty() || kind.is_some_and(|k| for_tokens.contains(&k))
}
