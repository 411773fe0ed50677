//! The public surface of komet-api, snapshotted: every `pub` item (types with their public
//! fields and derives, functions and methods with their signatures, trait impls, re-exports)
//! of every module, hand-written and generated, read from the source with `syn`. A change to
//! what users can name or call, such as a renamed setter, a field that became required or a
//! lost `Default`, shows in the snapshot diff of the change that makes it.
//!
//! After a deliberate change: `INSTA_UPDATE=always cargo test -p komet-tests --test surface`,
//! then review `tests/snapshots/surface__komet_api.snap`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::{Attribute, Fields, ImplItem, Item, Visibility};

#[test]
fn the_public_surface_of_komet_api() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../komet-api/src");
    let mut out = String::new();
    module(&src.join("lib.rs"), "komet_api", true, &mut out);
    insta::assert_snapshot!("komet_api", out);
}

/// Appends the surface of the module in `file` (and of its submodules) to `out`.
/// `reachable`: every module on the way is `pub`; a private module's `pub` items reach users
/// only through re-exports, and its header says so.
fn module(file: &Path, path: &str, reachable: bool, out: &mut String) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    let parsed = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file:?}: {e}"));
    items(&parsed.items, file, path, reachable, out);
}

fn items(list: &[Item], file: &Path, path: &str, reachable: bool, out: &mut String) {
    let mut shown = Vec::new();
    let mut submodules = Vec::new();
    for item in list {
        if is_test_only(attrs_of(item)) {
            continue;
        }
        match item {
            Item::Mod(m) => submodules.push(m),
            _ => {
                if let Some(stripped) = surface_of(item) {
                    shown.push(stripped);
                }
            }
        }
    }
    if !shown.is_empty() {
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: shown,
        };
        let note = if reachable {
            ""
        } else {
            " (private: only what is re-exported)"
        };
        let _ = writeln!(out, "// ---- {path}{note}");
        out.push_str(&prettyplease::unparse(&file));
    }
    for m in submodules {
        let child = format!("{path}::{}", m.ident);
        let reachable = reachable && public(&m.vis);
        match &m.content {
            Some((_, inline)) => items(inline, file, &child, reachable, out),
            None => module(
                &module_file(file, &m.ident.to_string()),
                &child,
                reachable,
                out,
            ),
        }
    }
}

/// Where `mod name;` declared in `parent` lives.
fn module_file(parent: &Path, name: &str) -> PathBuf {
    let dir = parent.parent().expect("a source file has a folder");
    let stem = parent.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if stem == "lib" || stem == "mod" {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    let flat = base.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        base.join(name).join("mod.rs")
    }
}

/// The item as users see it, or `None` when it is not public: docs and serde attributes go,
/// private fields and private methods go, function bodies become `{}`.
fn surface_of(item: &Item) -> Option<Item> {
    let mut item = item.clone();
    match &mut item {
        Item::Struct(s) if public(&s.vis) => {
            s.attrs = kept(&s.attrs);
            match &mut s.fields {
                Fields::Named(named) => {
                    named.named = named
                        .named
                        .iter()
                        .filter(|f| public(&f.vis))
                        .cloned()
                        .map(|mut f| {
                            f.attrs = kept(&f.attrs);
                            f
                        })
                        .collect();
                }
                Fields::Unnamed(unnamed) => {
                    for f in unnamed.unnamed.iter_mut() {
                        f.attrs = kept(&f.attrs);
                    }
                }
                Fields::Unit => {}
            }
        }
        Item::Enum(e) if public(&e.vis) => {
            e.attrs = kept(&e.attrs);
            for v in e.variants.iter_mut() {
                v.attrs = kept(&v.attrs);
                for f in v.fields.iter_mut() {
                    f.attrs = kept(&f.attrs);
                }
            }
        }
        Item::Fn(f) if public(&f.vis) => {
            f.attrs = kept(&f.attrs);
            *f.block = syn::parse_quote!({});
        }
        Item::Impl(imp) => {
            imp.attrs = kept(&imp.attrs);
            let is_trait_impl = imp.trait_.is_some();
            imp.items = imp
                .items
                .iter()
                .filter_map(|i| match i {
                    ImplItem::Fn(f) if is_trait_impl || public(&f.vis) => {
                        let mut f = f.clone();
                        f.attrs = kept(&f.attrs);
                        f.block = syn::parse_quote!({});
                        Some(ImplItem::Fn(f))
                    }
                    ImplItem::Const(c) if is_trait_impl || public(&c.vis) => {
                        let mut c = c.clone();
                        c.attrs = kept(&c.attrs);
                        Some(ImplItem::Const(c))
                    }
                    ImplItem::Type(t) if is_trait_impl || public(&t.vis) => {
                        let mut t = t.clone();
                        t.attrs = kept(&t.attrs);
                        Some(ImplItem::Type(t))
                    }
                    _ => None,
                })
                .collect();
            if imp.items.is_empty() && !is_trait_impl {
                return None;
            }
        }
        Item::Trait(t) if public(&t.vis) => {
            t.attrs = kept(&t.attrs);
            for i in t.items.iter_mut() {
                if let syn::TraitItem::Fn(f) = i {
                    f.attrs = kept(&f.attrs);
                    f.default = None;
                    f.semi_token = Some(Default::default());
                }
            }
        }
        Item::Static(s) if public(&s.vis) => {
            s.attrs = kept(&s.attrs);
            *s.expr = syn::parse_quote!(..);
        }
        Item::Const(c) if public(&c.vis) => {
            c.attrs = kept(&c.attrs);
        }
        Item::Type(t) if public(&t.vis) => t.attrs = kept(&t.attrs),
        Item::Use(u) if public(&u.vis) => u.attrs = kept(&u.attrs),
        // `text_type!(InvoiceNumber)`: the newtypes a runtime macro declares.
        Item::Macro(m) if m.ident.is_none() => m.attrs = kept(&m.attrs),
        Item::Macro(m) if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
            m.attrs = kept(&m.attrs);
        }
        _ => return None,
    }
    Some(item)
}

fn public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// Attributes that are part of the contract: derives, `non_exhaustive`, features, `must_use`.
fn kept(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs
        .iter()
        .filter(|a| {
            let path = a.path();
            path.is_ident("derive")
                || path.is_ident("non_exhaustive")
                || path.is_ident("cfg")
                || path.is_ident("must_use")
        })
        .cloned()
        .collect()
}

fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

fn attrs_of(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => &[],
    }
}
