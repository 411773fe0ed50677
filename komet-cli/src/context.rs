//! What the validator should assume about the caller: the flags shared by `example`,
//! `validate` and `call`.

use clap::{Args, ValueEnum};
use komet_api::meta::Restriction;
use komet_api::{TokenKind, ValidationContext};

use crate::exit::Failure;

/// A token kind as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Company,
    Vendor,
    Customer,
    User,
}

impl From<Kind> for TokenKind {
    fn from(kind: Kind) -> TokenKind {
        match kind {
            Kind::Company => TokenKind::Company,
            Kind::Vendor => TokenKind::Vendor,
            Kind::Customer => TokenKind::Customer,
            Kind::User => TokenKind::User,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ContextArgs {
    /// Kind of the token that will send the request (unset: checks that depend on it are
    /// skipped)
    #[arg(long, value_enum)]
    pub token_kind: Option<Kind>,
    /// The company works in multi-location mode
    #[arg(long)]
    pub multi_location: bool,
    /// The token has Transactional API Access
    #[arg(long)]
    pub transactional: bool,
    /// A company setting that is on (repeatable), e.g. allow_changing_cost
    #[arg(long = "setting", value_name = "KEY")]
    pub settings: Vec<String>,
}

impl ContextArgs {
    pub fn context(&self) -> Result<ValidationContext, Failure> {
        let settings = self
            .settings
            .iter()
            .map(|key| {
                setting_key(key).ok_or_else(|| {
                    Failure::usage(format!(
                        "unknown company setting {key:?}; the spec knows: {}",
                        known_settings().join(", ")
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(ValidationContext {
            token_kind: self.token_kind.map(TokenKind::from),
            multi_location: self.multi_location,
            transactional_access: self.transactional,
            settings,
        })
    }
}

/// Every company setting some field depends on, sorted. The metadata is the only list of
/// them, so it is gathered from the fields' restrictions.
pub fn known_settings() -> Vec<&'static str> {
    fn walk(object: &'static komet_api::meta::ObjectMeta, out: &mut Vec<&'static str>) {
        for field in object.fields {
            for restriction in field.restrictions {
                if let Restriction::Setting { setting, .. } = restriction {
                    out.push(setting);
                }
            }
            if let Some(inner) = crate::example::nested(&field.ty) {
                walk(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for entry in komet_api::registry::methods() {
        walk(entry.meta.request, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn setting_key(key: &str) -> Option<&'static str> {
    known_settings().into_iter().find(|known| *known == key)
}
