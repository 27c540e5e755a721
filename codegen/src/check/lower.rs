//! Lowering a checked spec set into the [`Ir`]: names become ids, paths become typed
//! [`FieldPath`]s, values become enum variants, and query parameters become an object type.
//!
//! Lowering runs only after every check passed. Anything that still does not resolve here
//! is reported as a diagnostic (a check is missing), so nothing unresolved reaches the
//! emitters and no rule is dropped silently.

use std::collections::BTreeMap;

use serde_json::Value;

use super::namespace::{Decl, Namespace};
use crate::constraints::ConstraintIr;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{self, Condition, EnumId, ErrorRow, FieldPath, Ir, Lit, Owner, Step, Ty, TypeId};
use crate::model::{self, At, Loc, QueryParam, SpecFile, SpecSet, TypeDef, TypeRef};
use crate::rules::{Conditional, RuleIr, RuleIrKind};

/// Name resolution and diagnostics while lowering one group.
pub(crate) struct LowerCx<'a> {
    ns: &'a Namespace<'a>,
    ids: &'a BTreeMap<String, DeclId>,
    d: &'a mut Diagnostics,
}

/// A declaration's id in the IR.
#[derive(Clone, Copy)]
pub(crate) enum DeclId {
    Type(TypeId),
    Enum(EnumId),
}

impl<'a> LowerCx<'a> {
    /// Records a problem found while lowering.
    pub(crate) fn error(&mut self, loc: &Loc, message: impl Into<String>, help: impl Into<String>) {
        self.d
            .push(Diagnostic::new(loc.clone(), message).with_help(help));
    }

    /// The IR type of a spec type.
    pub(crate) fn ty(&mut self, t: &At<TypeRef>) -> Option<Ty> {
        self.ty_of(&t.value, &t.loc)
    }

    fn ty_of(&mut self, t: &TypeRef, loc: &Loc) -> Option<Ty> {
        Some(match t {
            TypeRef::String => Ty::String,
            TypeRef::Bool => Ty::Bool,
            TypeRef::Int { signed, bits } => Ty::Int {
                signed: *signed,
                bits: *bits,
            },
            TypeRef::Number => Ty::Number,
            TypeRef::Json => Ty::Json,
            TypeRef::IntOrString => Ty::IntOrString,
            TypeRef::Array(inner) => Ty::Array(Box::new(self.ty_of(inner, loc)?)),
            TypeRef::Named(name) => match self.ids.get(name) {
                Some(DeclId::Type(id)) => Ty::Object(*id),
                Some(DeclId::Enum(id)) => Ty::Enum(*id),
                None => {
                    self.error(
                        loc,
                        format!("unknown type `{name}`"),
                        "declare it, or use a built-in type",
                    );
                    return None;
                }
            },
        })
    }

    /// Resolves `path` from `start`, every step typed.
    pub(crate) fn path(
        &mut self,
        start: &TypeDef,
        path: &At<model::FieldPath>,
    ) -> Option<FieldPath> {
        let mut cur: &TypeDef = start;
        let mut steps = Vec::new();
        let count = path.value.steps.len();
        for (i, s) in path.value.steps.iter().enumerate() {
            let Some(field) = cur.fields.iter().find(|f| f.name.value == s.field) else {
                self.error(
                    &path.loc,
                    format!(
                        "`{}` does not resolve: `{}` has no field `{}`",
                        crate::load::path_text(&path.value),
                        cur.name.value,
                        s.field
                    ),
                    "fix the path",
                );
                return None;
            };
            let ty = self.ty(&field.ty)?;
            steps.push(Step {
                wire: field.name.value.clone(),
                rust: super::names::rust_field_name(field),
                optional: !field.required,
                each: s.each,
                ty: ty.clone(),
            });
            if i + 1 < count {
                let inner = if s.each {
                    strip_array(&field.ty.value)
                } else {
                    &field.ty.value
                };
                match inner {
                    TypeRef::Named(n) => match self.ns.decls.get(n.as_str()) {
                        Some(Decl::Type(t)) => cur = t,
                        _ => {
                            self.error(
                                &path.loc,
                                format!(
                                    "`{}` does not resolve: `{n}` has no fields",
                                    crate::load::path_text(&path.value)
                                ),
                                "fix the path",
                            );
                            return None;
                        }
                    },
                    _ => {
                        self.error(
                            &path.loc,
                            format!(
                                "`{}` does not resolve: `{}` has no fields",
                                crate::load::path_text(&path.value),
                                s.field
                            ),
                            "fix the path",
                        );
                        return None;
                    }
                }
            }
        }
        if steps.is_empty() {
            self.error(&path.loc, "empty field path", "name a field");
            return None;
        }
        Some(FieldPath { steps })
    }

    /// The object type of the elements of the list at the end of `list`.
    pub(crate) fn element_type(
        &mut self,
        list: &FieldPath,
        at: &At<model::FieldPath>,
    ) -> Option<&'a TypeDef> {
        if let Ty::Array(inner) = &list.last().ty
            && let Ty::Object(_) = inner.as_ref()
        {
            let name = self.type_name_of(inner)?;
            if let Some(Decl::Type(t)) = self.ns.decls.get(name.as_str()) {
                return Some(t);
            }
        }
        self.error(
            &at.loc,
            format!("`{}` is not a list of objects", list.text()),
            "name a list whose elements are an object type",
        );
        None
    }

    fn type_name_of(&self, ty: &Ty) -> Option<String> {
        let Ty::Object(id) = ty else { return None };
        self.ids.iter().find_map(|(name, d)| match d {
            DeclId::Type(t) if t == id => Some(name.clone()),
            _ => None,
        })
    }

    /// Exactly one `[]` step in `path`, or a diagnostic.
    pub(crate) fn expect_one_list(&mut self, path: &FieldPath, rule: &str) -> Option<()> {
        if path.steps.iter().filter(|s| s.each).count() == 1 {
            Some(())
        } else {
            self.d.push(Diagnostic::new(
                Loc::default(),
                format!("`{rule}` on `{}` needs exactly one `[]` step", path.text()),
            ));
            None
        }
    }

    /// A `when:` condition.
    pub(crate) fn condition(&mut self, ty: &TypeDef, when: &model::Condition) -> Option<Condition> {
        let path = self.path(ty, &when.field)?;
        if path.has_each() {
            self.error(
                &when.field.loc,
                "a condition cannot test a field inside a list (`[]`)",
                "test a field of the object that carries the rule",
            );
            return None;
        }
        let vty = path.last().ty.clone();
        let mut values = Vec::new();
        for v in &when.one_of {
            values.push(self.lit(v, &vty)?);
        }
        Some(Condition { path, values })
    }

    /// A literal compared with a value of type `ty`.
    pub(crate) fn lit(&mut self, v: &At<Value>, ty: &Ty) -> Option<Lit> {
        let lit = match (ty.scalar(), &v.value) {
            (Ty::Enum(id), value) => {
                let Some(Decl::Enum(e)) = self.enum_decl(*id) else {
                    return self.bad_value(v, "the enum does not resolve");
                };
                let index = e.variants.iter().position(|var| match value {
                    Value::String(s) => var.name.value == *s,
                    Value::Number(n) => n.as_i64() == Some(var.code.value),
                    _ => false,
                });
                match index {
                    Some(index) => Lit::Variant { en: *id, index },
                    None => {
                        return self
                            .bad_value(v, &format!("`{}` has no such variant", e.name.value));
                    }
                }
            }
            (Ty::String, Value::String(s)) => Lit::Str(s.clone()),
            (Ty::Bool, Value::Bool(b)) => Lit::Bool(*b),
            (Ty::Int { .. }, Value::Number(n)) if n.as_i64().is_some() || n.as_u64().is_some() => {
                Lit::Int(
                    n.as_i64()
                        .map(i128::from)
                        .or(n.as_u64().map(i128::from))
                        .unwrap_or_default(),
                )
            }
            _ => {
                return self.bad_value(
                    v,
                    "values can be compared with strings, integers, booleans and enums",
                );
            }
        };
        Some(lit)
    }

    fn enum_decl(&self, id: EnumId) -> Option<Decl<'a>> {
        let name = self.ids.iter().find_map(|(name, d)| match d {
            DeclId::Enum(e) if *e == id => Some(name.clone()),
            _ => None,
        })?;
        self.ns.decls.get(name.as_str()).copied()
    }

    fn bad_value<T>(&mut self, v: &At<Value>, why: &str) -> Option<T> {
        self.error(
            &v.loc,
            format!("value `{}` does not fit: {why}", v.value),
            "write a value of the field's type",
        );
        None
    }
}

fn strip_array(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Array(inner) => inner,
        other => other,
    }
}

/// Builds the object type of an endpoint's typed query parameters and `query_rules`
/// (`<Name>Query`), so that names, constraints and rules are checked like any type's.
pub(crate) fn query_type(ep: &model::Endpoint) -> Option<TypeDef> {
    let fields: Vec<model::Field> = ep
        .query
        .iter()
        .filter_map(|q| match q {
            QueryParam::Typed(f) => Some(f.as_ref().clone()),
            QueryParam::Fixed { .. } => None,
        })
        .collect();
    if fields.is_empty() {
        return None;
    }
    let last = ep.id.value.rsplit('.').next().unwrap_or(&ep.id.value);
    Some(TypeDef {
        name: At::new(query_type_name(last), ep.loc.clone()),
        description: Some(At::new(
            format!(
                "URL query parameters of `{}` besides the access token.",
                ep.id.value
            ),
            ep.loc.clone(),
        )),
        fields,
        rules: ep.query_rules.clone(),
        loc: ep.loc.clone(),
    })
}

/// `AddMainInfoQuery` for `add_main_info`.
pub(crate) fn query_type_name(endpoint_name: &str) -> String {
    format!("{}Query", crate::naming::pascal_ident(endpoint_name))
}

/// The spec set with each endpoint's query type added to its file's types: the one
/// desugaring the checker does before checking.
pub(crate) fn desugar(set: &SpecSet) -> SpecSet {
    let mut set = set.clone();
    for p in &mut set.platforms {
        for g in &mut p.groups {
            for f in &mut g.files {
                if let Some(ep) = &mut f.endpoint
                    && let Some(t) = query_type(ep)
                {
                    ep.query_type = Some(t.name.value.clone());
                    f.types.push(t);
                }
            }
        }
    }
    set
}

fn conflicts(files: &[&SpecFile], at: &str) -> Vec<ir::Conflict> {
    files
        .iter()
        .flat_map(|f| f.conflicts.iter())
        .filter(|c| c.at.value == at)
        .map(|c| ir::Conflict {
            doc: c.doc.value.trim().to_owned(),
            reading: c.reading.value.trim().to_owned(),
        })
        .collect()
}

fn error_row(e: &model::ErrorCode) -> ErrorRow {
    ErrorRow {
        code: e.code.value,
        message: e.message.value.clone(),
        fix: e.fix.as_ref().map(|f| f.value.clone()).unwrap_or_default(),
    }
}

fn text(v: &Option<At<String>>) -> Option<String> {
    v.as_ref().map(|s| s.value.clone())
}

/// Lowers a checked, desugared spec set. Problems found here mean a check is missing; they
/// are reported like any spec problem.
pub(crate) fn lower(set: &SpecSet, d: &mut Diagnostics) -> Ir {
    let mut out = Ir::default();
    for p in &set.platforms {
        out.platforms.push(lower_platform(p, d));
    }
    out
}

fn lower_platform(p: &model::Platform, d: &mut Diagnostics) -> ir::Platform {
    let mut ip = ir::Platform {
        id: p.id.value.clone(),
        title: p.title.value.clone(),
        crate_name: p.crate_name.value.clone(),
        base_url: p.base_url.value.clone(),
        token_param: p.auth.query.value.clone(),
        envelope: p.envelope.value,
        errors: p.errors.iter().map(error_row).collect(),
        types: Vec::new(),
        enums: Vec::new(),
        shared: ir::Module::default(),
        groups: Vec::new(),
    };
    // Ids first, so that types can refer to each other in any order.
    let shared_files: Vec<&SpecFile> = p.shared.iter().collect();
    let mut shared_ids: BTreeMap<String, DeclId> = BTreeMap::new();
    let mut next_type = 0;
    let mut next_enum = 0;
    let mut assign =
        |files: &[&SpecFile], ids: &mut BTreeMap<String, DeclId>, module: &mut ir::Module| {
            for f in files {
                for t in &f.types {
                    ids.insert(t.name.value.clone(), DeclId::Type(TypeId(next_type)));
                    module.types.push(TypeId(next_type));
                    next_type += 1;
                }
                for e in &f.enums {
                    ids.insert(e.name.value.clone(), DeclId::Enum(EnumId(next_enum)));
                    module.enums.push(EnumId(next_enum));
                    next_enum += 1;
                }
            }
        };
    assign(&shared_files, &mut shared_ids, &mut ip.shared);
    let mut group_ids = Vec::new();
    let mut group_modules = Vec::new();
    for g in &p.groups {
        let mut ids = shared_ids.clone();
        let mut module = ir::Module::default();
        let files: Vec<&SpecFile> = g.files.iter().collect();
        assign(&files, &mut ids, &mut module);
        group_ids.push(ids);
        group_modules.push(module);
    }
    // Shared declarations.
    let shared_ns = Namespace::build_files(&shared_files, "types", &mut Diagnostics::default());
    lower_files(
        &shared_files,
        &shared_files,
        Owner::Platform,
        &shared_ns,
        &shared_ids,
        &mut ip,
        d,
    );
    for (gi, g) in p.groups.iter().enumerate() {
        let files: Vec<&SpecFile> = g.files.iter().collect();
        let ns = Namespace::build_with_shared(g, &shared_files, &mut Diagnostics::default());
        let ids = &group_ids[gi];
        let mut conflict_files = files.clone();
        conflict_files.extend(shared_files.iter().copied());
        lower_files(
            &files,
            &conflict_files,
            Owner::Group(gi),
            &ns,
            ids,
            &mut ip,
            d,
        );
        let mut endpoints = Vec::new();
        for f in &g.files {
            if let Some(ep) = &f.endpoint {
                let mut cx = LowerCx { ns: &ns, ids, d };
                if let Some(e) = lower_endpoint(ep, f, p, &mut cx) {
                    endpoints.push(e);
                }
            }
        }
        let module = std::mem::take(&mut group_modules[gi]);
        let uses = shared_uses(&ip, &module);
        ip.groups.push(ir::Group {
            name: g.name.clone(),
            module,
            uses,
            endpoints,
        });
    }
    ip
}

/// The shared types and enums that a group's declarations refer to, directly or through
/// other shared types.
fn shared_uses(p: &ir::Platform, module: &ir::Module) -> ir::Module {
    let mut types = std::collections::BTreeSet::new();
    let mut enums = std::collections::BTreeSet::new();
    let mut stack: Vec<TypeId> = module.types.clone();
    let mut seen = std::collections::BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        for f in &p.ty(id).fields {
            match f.ty.scalar() {
                Ty::Object(t) => {
                    if p.ty(*t).owner == Owner::Platform {
                        types.insert(*t);
                    }
                    stack.push(*t);
                }
                Ty::Enum(e) if p.en(*e).owner == Owner::Platform => {
                    enums.insert(*e);
                }
                _ => {}
            }
        }
    }
    ir::Module {
        types: types.into_iter().collect(),
        enums: enums.into_iter().collect(),
    }
}

fn lower_files(
    files: &[&SpecFile],
    conflict_files: &[&SpecFile],
    owner: Owner,
    ns: &Namespace<'_>,
    ids: &BTreeMap<String, DeclId>,
    ip: &mut ir::Platform,
    d: &mut Diagnostics,
) {
    for f in files {
        for t in &f.types {
            let mut cx = LowerCx { ns, ids, d };
            let ty = lower_type(t, owner, conflict_files, f, &mut cx);
            ip.types.push(ty);
        }
        for e in &f.enums {
            ip.enums.push(ir::Enum {
                name: e.name.value.clone(),
                owner,
                description: text(&e.description),
                wire: e.wire.value,
                invalid_code: e.invalid_code.as_ref().map(|c| c.value),
                variants: e
                    .variants
                    .iter()
                    .map(|v| ir::Variant {
                        wire: v.name.value.clone(),
                        rust: match &v.rust {
                            Some(r) => r.value.clone(),
                            None => crate::naming::pascal_ident(&v.name.value),
                        },
                        code: v.code.value,
                        description: text(&v.description),
                    })
                    .collect(),
                conflicts: conflicts(conflict_files, &e.name.value),
            });
        }
    }
}

fn lower_type(
    t: &TypeDef,
    owner: Owner,
    conflict_files: &[&SpecFile],
    file: &SpecFile,
    cx: &mut LowerCx<'_>,
) -> ir::Type {
    // The namespace's own copy of the type, so that paths borrow from it.
    let own: &TypeDef = t;
    let mut fields = Vec::new();
    let mut rules = Vec::new();
    for f in &own.fields {
        let Some(ty) = cx.ty(&f.ty) else { continue };
        let (plain, conditional) = constraints(&f.constraints, cx, own);
        let (each, each_conditional) = match &f.each {
            Some(c) => constraints(c, cx, own),
            None => (Vec::new(), Vec::new()),
        };
        let step = Step {
            wire: f.name.value.clone(),
            rust: super::names::rust_field_name(f),
            optional: !f.required,
            each: false,
            ty: ty.clone(),
        };
        for (c, when, code, is_each) in conditional
            .into_iter()
            .map(|(c, w, code)| (c, w, code, false))
            .chain(
                each_conditional
                    .into_iter()
                    .map(|(c, w, code)| (c, w, code, true)),
            )
        {
            rules.push(RuleIr {
                kind: RuleIrKind::Conditional(Conditional {
                    field: step.clone(),
                    constraint: c,
                    each: is_each,
                    when,
                }),
                code,
                description: None,
            });
        }
        fields.push(ir::Field {
            wire: f.name.value.clone(),
            rust: step.rust.clone(),
            aliases: f.aliases.iter().map(|a| a.value.clone()).collect(),
            ty,
            required: f.required,
            missing_code: f.missing_code.as_ref().map(|c| c.value),
            description: text(&f.description),
            example: f.example.as_ref().map(|e| e.value.clone()),
            default: f.default.as_ref().map(|e| e.value.clone()),
            secret: f.secret,
            constraints: plain,
            each,
            conflicts: conflicts(
                conflict_files,
                &format!("{}.{}", t.name.value, f.name.value),
            ),
        });
    }
    for r in &own.rules {
        if let Some(rule) = crate::rules::lower(r, own, cx) {
            rules.push(rule);
        }
    }
    let is_query = file
        .endpoint
        .as_ref()
        .is_some_and(|e| e.query_type.as_deref() == Some(t.name.value.as_str()));
    ir::Type {
        name: t.name.value.clone(),
        owner,
        description: text(&t.description),
        conflicts: conflicts(conflict_files, &t.name.value),
        fields,
        rules,
        is_query,
    }
}

type Conditionals = Vec<(ConstraintIr, Condition, Option<i64>)>;

/// The unconditional constraints of a value, and those with a `when:` condition (with the
/// first code the constraint reports, for its rustdoc line).
fn constraints(
    c: &model::Constraints,
    cx: &mut LowerCx<'_>,
    owner: &TypeDef,
) -> (Vec<ConstraintIr>, Conditionals) {
    let mut plain = Vec::new();
    let mut conditional = Vec::new();
    for constraint in &c.list {
        let ir = constraint.lower();
        match constraint.when() {
            None => plain.push(ir),
            Some(w) => {
                if let Some(w) = cx.condition(owner, w) {
                    let code = constraint.codes().first().map(|c| c.value);
                    conditional.push((ir, w, code));
                }
            }
        }
    }
    (plain, conditional)
}

fn lower_endpoint(
    ep: &model::Endpoint,
    file: &SpecFile,
    p: &model::Platform,
    cx: &mut LowerCx<'_>,
) -> Option<ir::Endpoint> {
    let type_id = |cx: &mut LowerCx<'_>, name: &At<String>| match cx.ids.get(&name.value) {
        Some(DeclId::Type(id)) => Some(*id),
        _ => {
            cx.error(
                &name.loc,
                format!("`{}` is not an object type", name.value),
                "name an object type",
            );
            None
        }
    };
    let request = type_id(cx, &ep.request)?;
    let response = match &ep.response {
        Some(r) => Some(type_id(cx, r)?),
        None => None,
    };
    let query = match &ep.query_type {
        Some(q) => Some(type_id(cx, &At::new(q.clone(), ep.loc.clone()))?),
        None => None,
    };
    let request_level =
        |e: &&model::ErrorCode| e.scope.as_ref().is_none_or(|s| s.value == "request");
    let mut scoped: Vec<(String, Vec<ErrorRow>)> = Vec::new();
    for e in file.errors.iter().filter(|e| !request_level(e)) {
        let scope = e
            .scope
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_default();
        match scoped.iter_mut().find(|(s, _)| *s == scope) {
            Some((_, rows)) => rows.push(error_row(e)),
            None => scoped.push((scope, vec![error_row(e)])),
        }
    }
    let name = ep
        .id
        .value
        .rsplit('.')
        .next()
        .unwrap_or(&ep.id.value)
        .to_owned();
    Some(ir::Endpoint {
        id: ep.id.value.clone(),
        name,
        interface: ep.interface.value.clone(),
        doc: ep.doc.value.clone(),
        sources: ep
            .sources
            .iter()
            .map(|s| ir::DocSource {
                file: s.file.value.clone(),
                section: s.section.as_ref().map(|x| x.value.clone()),
                url: s.url.as_ref().map(|x| x.value.clone()),
                sha256: s.sha256.as_ref().map(|x| x.value.clone()),
            })
            .collect(),
        title: ep.title.value.clone(),
        description: text(&ep.description),
        notes: ep.notes.iter().map(|n| n.value.clone()).collect(),
        method: ep.method.value,
        base_url: ep
            .base_url
            .as_ref()
            .map(|b| b.value.clone())
            .unwrap_or_else(|| p.base_url.value.clone()),
        path: ep.path.value.clone(),
        fixed_query: ep
            .query
            .iter()
            .filter_map(|q| match q {
                QueryParam::Fixed { name, value } => {
                    Some((name.value.clone(), value.value.clone()))
                }
                QueryParam::Typed(_) => None,
            })
            .collect(),
        needs_token: ep.no_token.is_none(),
        query,
        request,
        response,
        errors: file
            .errors
            .iter()
            .filter(request_level)
            .map(error_row)
            .collect(),
        scoped_errors: scoped,
        examples: file
            .examples
            .iter()
            .map(|x| ir::Example {
                name: x.name.value.clone(),
                request: x.request.as_ref().map(|v| v.value.clone()),
                response: x.response.as_ref().map(|v| v.value.clone()),
            })
            .collect(),
        idempotence: ep.idempotent.as_ref().map(|i| ir::Idempotence {
            idempotent: i.value.idempotent,
            reason: i.value.reason.clone(),
        }),
        pagination: ep.pagination.as_ref().map(|pg| ir::Pagination {
            cursor: pg.cursor.value.clone(),
            next_cursor: pg
                .next_cursor
                .as_ref()
                .map(|c| c.value.clone())
                .unwrap_or_else(|| pg.cursor.value.clone()),
            has_more: pg.has_more.value.clone(),
            items: pg.items.value.clone(),
        }),
    })
}
