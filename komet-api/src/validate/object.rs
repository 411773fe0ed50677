//! Walks objects, arrays and lists, checking fields and their restrictions.

use super::path::Path;
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
    /// For each field of the objects being walked (innermost last), the position of its
    /// member, if present: one buffer for the whole walk instead of a table per object.
    slots: Vec<Option<usize>>,
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
        slots: Vec::new(),
    };
    walker.object(meta, object, &Path::Root);
    walker.out
}

/// A member that counts as present: `null` is the same as absent.
pub(super) fn present<'v, 'a>(object: &'v Object<'a>, name: &str) -> Option<&'v Json<'a>> {
    object.get(name).filter(|v| !v.is_null())
}

/// The position of the first item `is` accepts, searched from `*from` on and then from the
/// start, with `*from` moved just past it. A serialized request writes its members in its
/// fields' order, so walking both lists this way costs one comparison per member instead of
/// a scan; members in any other order are still all found.
fn seek<T>(items: &[T], from: &mut usize, is: impl Fn(&T) -> bool) -> Option<usize> {
    let start = (*from).min(items.len());
    let found = (start..items.len())
        .chain(0..start)
        .find(|&i| is(&items[i]))?;
    *from = found + 1;
    Some(found)
}

impl Walker<'_> {
    fn object(&mut self, meta: &ObjectMeta, object: &Object<'_>, path: &Path<'_>) {
        // One pass over the members finds each one's field (or reports it unknown); the
        // fields are then checked in their own order from that table, so an absent field
        // costs nothing to find absent.
        let members = object.members();
        let slots = self.slots.len();
        self.slots.resize(slots + meta.fields.len(), None);
        let mut next_field = 0;
        for (at, (name, value)) in members.iter().enumerate() {
            if value.is_null() {
                continue;
            }
            match seek(meta.fields, &mut next_field, |f| f.name == name) {
                Some(field) => self.slots[slots + field] = Some(at),
                None => push(
                    &mut self.out,
                    &path.member(name),
                    ViolationRule::UnknownField,
                    "is not a field of this request".to_owned(),
                ),
            }
        }
        for (i, field) in meta.fields.iter().enumerate() {
            let value = self.slots[slots + i].map(|at| &members[at].1);
            // An absent optional field has nothing to check.
            if value.is_none() && !field.required && !self.required_here(field) {
                continue;
            }
            self.field(field, value, &path.member(field.name));
        }
        self.slots.truncate(slots);
        rules::check(meta, object, &self.root, self.ctx, path, &mut self.out);
    }

    fn field(&mut self, field: &FieldMeta, value: Option<&Json<'_>>, path: &Path<'_>) {
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

    fn value(&mut self, ty: &FieldType, value: &Json<'_>, bounds: Bounds, path: &Path<'_>) {
        match ty {
            FieldType::Object(meta) => match value.as_object() {
                Some(object) => self.object(meta, object, path),
                None => self.wrong_type(path, "an object", value),
            },
            FieldType::Array(meta) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let item_path = path.item(i);
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
                        let entry_path = path.key(key);
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
                        let item_path = path.item(i);
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

    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, value: &Json<'_>) {
        let message = format!("must be {expected} (got {})", scalar::kind(value));
        push(&mut self.out, path, ViolationRule::Type, message);
    }

    /// Restrictions on a field that is present.
    fn restriction(&mut self, restriction: &Restriction, path: &Path<'_>) {
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
