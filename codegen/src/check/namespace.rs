//! A group's namespace (every type and enum by name) and field-path resolution.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::reader::did_you_mean;
use crate::load::typeref::SCALARS;
use crate::model::{EnumDef, Field, FieldPath, Group, Loc, SpecFile, TypeDef, TypeRef};

/// A declaration in a group.
#[derive(Clone, Copy)]
pub(crate) enum Decl<'a> {
    /// An object type.
    Type(&'a TypeDef),
    /// An enum.
    Enum(&'a EnumDef),
}

impl Decl<'_> {
    pub(crate) fn loc(&self) -> &Loc {
        match self {
            Decl::Type(t) => &t.name.loc,
            Decl::Enum(e) => &e.name.loc,
        }
    }
}

/// What a [`TypeRef`] is, with named types looked up.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    String,
    Bool,
    Int {
        signed: bool,
        bits: u8,
    },
    Number,
    Json,
    Array,
    Object(&'a TypeDef),
    Enum(&'a EnumDef),
    /// A name that does not exist (reported once, where the type is written).
    Missing,
}

impl Kind<'_> {
    /// Strings, numbers, booleans and enums: what `each` constraints and rule values apply to.
    pub(crate) fn is_scalar(&self) -> bool {
        matches!(
            self,
            Kind::String | Kind::Bool | Kind::Int { .. } | Kind::Number | Kind::Enum(_)
        )
    }

    /// Integers and decimals.
    pub(crate) fn is_numeric(&self) -> bool {
        matches!(self, Kind::Int { .. } | Kind::Number)
    }
}

/// The types and enums of one group, by name.
pub(crate) struct Namespace<'a> {
    pub(crate) decls: BTreeMap<&'a str, Decl<'a>>,
}

/// Whether `name` is a PascalCase Rust identifier.
pub(crate) fn is_pascal(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && crate::naming::is_valid_ident(name)
}

impl<'a> Namespace<'a> {
    /// The group's declarations and the platform's shared ones (`spec/<platform>/types.yaml`),
    /// reporting bad names, duplicates, and group declarations that reuse a shared name.
    pub(crate) fn build_with_shared(
        group: &'a Group,
        shared: &[&'a SpecFile],
        d: &mut Diagnostics,
    ) -> Self {
        let files: Vec<&'a SpecFile> = group.files.iter().collect();
        let mut ns = Self::build_files(&files, &group.name, d);
        let shared_ns = Self::build_files(shared, "types", &mut Diagnostics::default());
        for (name, decl) in shared_ns.decls {
            if let Some(own) = ns.decls.get(name) {
                d.error_help(
                    own.loc(),
                    format!(
                        "`{name}` in group `{}` reuses the name of a shared platform type",
                        group.name
                    ),
                    format!(
                        "rename it, or use the shared one declared at {}",
                        decl.loc()
                    ),
                );
                continue;
            }
            ns.decls.insert(name, decl);
        }
        ns
    }

    /// The declarations of `files`, reporting bad names and duplicates.
    pub(crate) fn build_files(
        files: &[&'a SpecFile],
        group_name: &str,
        d: &mut Diagnostics,
    ) -> Self {
        let mut decls: BTreeMap<&'a str, Decl<'a>> = BTreeMap::new();
        let all = files.iter().flat_map(|f| {
            f.types
                .iter()
                .map(Decl::Type)
                .chain(f.enums.iter().map(Decl::Enum))
        });
        for decl in all {
            let (name, what) = match decl {
                Decl::Type(t) => (&t.name, "type"),
                Decl::Enum(e) => (&e.name, "enum"),
            };
            if !is_pascal(&name.value) {
                d.error_help(
                    &name.loc,
                    format!(
                        "{what} name `{}` is not a PascalCase Rust identifier",
                        name.value
                    ),
                    format!("write it as `{}`", crate::naming::pascal_ident(&name.value)),
                );
            }
            if let Some(first) = decls.get(name.value.as_str()) {
                d.error_help(
                    &name.loc,
                    format!(
                        "`{}` is declared twice in group `{}`",
                        name.value, group_name
                    ),
                    format!(
                        "the group's types and enums share one namespace; the first is at {}",
                        first.loc()
                    ),
                );
                continue;
            }
            decls.insert(&name.value, decl);
        }
        Namespace { decls }
    }

    /// What `ty` is.
    pub(crate) fn kind(&self, ty: &'a TypeRef) -> Kind<'a> {
        match ty {
            TypeRef::String => Kind::String,
            TypeRef::Bool => Kind::Bool,
            TypeRef::Int { signed, bits } => Kind::Int {
                signed: *signed,
                bits: *bits,
            },
            TypeRef::Number => Kind::Number,
            // Carries no constraints or rule values, like `json`.
            TypeRef::Json | TypeRef::IntOrString => Kind::Json,
            TypeRef::Array(_) => Kind::Array,
            TypeRef::Named(name) => match self.decls.get(name.as_str()) {
                Some(Decl::Type(t)) => Kind::Object(t),
                Some(Decl::Enum(e)) => Kind::Enum(e),
                None => Kind::Missing,
            },
        }
    }

    /// Reports a named type that does not exist, with a near name if any.
    pub(crate) fn unknown_name(&self, name: &str, loc: &Loc) -> Diagnostic {
        let near = did_you_mean(
            name,
            self.decls.keys().copied().chain(SCALARS.iter().copied()),
        );
        let mut diagnostic =
            Diagnostic::new(loc.clone(), format!("unknown type `{name}` in this group"));
        diagnostic.help = Some(match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => "declare it under `types:` or `enums:` in this group, or use a built-in type"
                .to_owned(),
        });
        diagnostic
    }

    /// Follows `path` from `start`.
    ///
    /// `Ok(None)` means the path runs through a type that does not exist (reported
    /// elsewhere).
    pub(crate) fn resolve(
        &self,
        start: &'a TypeDef,
        path: &FieldPath,
    ) -> Result<Option<Target<'a>>, PathError> {
        let mut cur = start;
        let count = path.steps.len();
        for (i, step) in path.steps.iter().enumerate() {
            let Some(field) = cur.fields.iter().find(|f| f.name.value == step.field) else {
                let near = did_you_mean(
                    &step.field,
                    cur.fields.iter().map(|f| f.name.value.as_str()),
                );
                return Err(PathError {
                    message: format!("type `{}` has no field `{}`", cur.name.value, step.field),
                    help: near.map(|n| format!("did you mean `{n}`?")),
                });
            };
            let mut ty = &field.ty.value;
            if step.each {
                match ty {
                    TypeRef::Array(inner) => ty = inner,
                    other => {
                        return Err(PathError {
                            message: format!(
                                "`{}[]`: field `{}` has type `{}`, not an array",
                                step.field,
                                step.field,
                                type_text(other)
                            ),
                            help: Some(format!("write `{}` without `[]`", step.field)),
                        });
                    }
                }
            }
            if i + 1 == count {
                return Ok(Some(Target {
                    field,
                    ty,
                    last_each: step.each,
                    each_steps: path.steps.iter().filter(|s| s.each).count(),
                }));
            }
            match self.kind(ty) {
                Kind::Object(t) => cur = t,
                Kind::Missing => return Ok(None),
                Kind::Array => {
                    return Err(PathError {
                        message: format!("field `{}` is an array", step.field),
                        help: Some(format!(
                            "write `{}[]` to reach into its elements",
                            step.field
                        )),
                    });
                }
                _ => {
                    return Err(PathError {
                        message: format!(
                            "field `{}` has type `{}`, which has no fields",
                            step.field,
                            type_text(ty)
                        ),
                        help: None,
                    });
                }
            }
        }
        Err(PathError {
            message: "empty path".to_owned(),
            help: None,
        })
    }
}

/// Where a field path ends.
pub(crate) struct Target<'a> {
    /// The last field.
    pub(crate) field: &'a Field,
    /// Its type, or its element type when the last step is `[]`.
    pub(crate) ty: &'a TypeRef,
    /// Whether the last step is `[]`.
    pub(crate) last_each: bool,
    /// How many steps are `[]`.
    pub(crate) each_steps: usize,
}

/// Why a path does not resolve.
pub(crate) struct PathError {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl PathError {
    /// The diagnostic for `path` written at `loc`.
    pub(crate) fn diagnostic(self, what: &str, path: &FieldPath, loc: &Loc) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(
            loc.clone(),
            format!(
                "{what} `{}` does not resolve: {}",
                crate::load::path_text(path),
                self.message
            ),
        );
        diagnostic.help = self.help;
        diagnostic
    }
}

/// A type as written in specs: `string`, `array<OrderItem>`, `uint32`.
pub(crate) fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Int { signed, bits } => {
            format!("{}int{bits}", if *signed { "" } else { "u" })
        }
        TypeRef::Number => "number".to_owned(),
        TypeRef::Json => "json".to_owned(),
        TypeRef::IntOrString => "int64_or_string".to_owned(),
        TypeRef::Array(inner) => format!("array<{}>", type_text(inner)),
        TypeRef::Named(name) => name.clone(),
    }
}
