//! JSON Schema (draft 2020-12) of the checked types and enums of one platform.
//!
//! The schemas accept what the generated validators accept, wherever JSON Schema can say
//! it: the request-body documents ([`Schemas::strict`]) what they accept in their default
//! strict mode, other uses (the OpenAPI documents) what they accept leniently:
//!
//! - an optional member may be absent or `null`; a required one must be present and not
//!   `null` (under its wire name or one of its aliases, never under two of them: the
//!   validators report a duplicate member);
//! - strict: an object accepts no member it does not declare (`additionalProperties:
//!   false`; URL query objects excepted, where other parameters such as the token are
//!   ignored), a string enum accepts exactly its wire names and an integer enum exactly
//!   its codes as JSON integers (`x-mpapi-variants` lists both for each variant);
//! - lenient: a string enum also accepts its codes as JSON integers; an integer enum also
//!   accepts its wire names and strings that Rust's `i64` parser reads as one of its
//!   codes (`"2"`, `"+02"`);
//! - integers carry the range of their Rust type; `int64_or_string` is an `i64` or a
//!   string that parses as one;
//! - `chars` is `minLength`/`maxLength` (both count Unicode scalar values), `items` is
//!   `minItems`/`maxItems`, `range` is `minimum`/`maximum`, `pattern` is translated to
//!   ECMA-262 (see [`super::regex`]), `format: date-time` is `format: date-time` and
//!   `format: url` is the link rule's pattern;
//! - `required_if`, `one_of_required`, `all_or_none`, `allowed_values` and constraints
//!   with `when:` are `if`/`then`, `anyOf` and `not` on the object that carries them.
//!
//! What JSON Schema cannot say (byte lengths, sums, unique keys, equal fields, length
//! equals count, hand-written checks, and any of the above over paths it cannot walk) is
//! listed under `x-mpapi-rules` on the object where it applies, with its kind, its fields,
//! its platform code and the doc's words: nothing is dropped. Byte limits also appear on
//! the string itself as `x-mpapi-min-bytes`/`x-mpapi-max-bytes`, with the sound
//! character bounds they imply (at most N bytes is at most N characters; at least N bytes
//! is at least ⌈N/4⌉ characters).
//!
//! One difference cannot be expressed: JSON Schema's `integer` accepts `1.0`, which the
//! validators reject for an integer field (serde reads it as a float).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::constraints::{Bounds, ConstraintIr, FormatName, Num};
use crate::ir::{Condition, Enum, EnumId, Field, FieldPath, Lit, Platform, Step, Ty, Type, TypeId};
use crate::model::WireKind;
use crate::rules::{RuleIr, RuleIrKind};

/// The JSON Schema dialect of every exported schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Builds the schemas of one platform's types and enums, with references of the form
/// `<prefix><key>`.
pub struct Schemas<'p> {
    platform: &'p Platform,
    type_keys: Vec<String>,
    enum_keys: Vec<String>,
    prefix: &'static str,
    /// Strict reading: no undeclared members, enums in their declared wire form only.
    strict: bool,
}

impl<'p> Schemas<'p> {
    /// References point at `prefix` + the type's key (`#/$defs/` or `#/components/schemas/`).
    pub fn new(platform: &'p Platform, prefix: &'static str) -> Self {
        // A type's key is its name, or `<group>.<name>` when two modules use the name.
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for n in platform
            .types
            .iter()
            .map(|t| t.name.as_str())
            .chain(platform.enums.iter().map(|e| e.name.as_str()))
        {
            *count.entry(n).or_default() += 1;
        }
        let key = |name: &str, owner: crate::ir::Owner| {
            if count.get(name).copied().unwrap_or(0) > 1 {
                let module = match owner {
                    crate::ir::Owner::Platform => "types",
                    crate::ir::Owner::Group(g) => platform
                        .groups
                        .get(g)
                        .map(|g| g.name.as_str())
                        .unwrap_or("types"),
                };
                format!("{module}.{name}")
            } else {
                name.to_owned()
            }
        };
        Schemas {
            platform,
            type_keys: platform
                .types
                .iter()
                .map(|t| key(&t.name, t.owner))
                .collect(),
            enum_keys: platform
                .enums
                .iter()
                .map(|e| key(&e.name, e.owner))
                .collect(),
            prefix,
            strict: false,
        }
    }

    /// The schemas of strict reading, what request bodies are checked with by default:
    /// objects (other than URL query objects) refuse undeclared members, and enums accept
    /// exactly their declared wire form.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// The key of a type.
    pub fn type_key(&self, id: TypeId) -> &str {
        &self.type_keys[id.0]
    }

    /// The key of an enum.
    pub fn enum_key(&self, id: EnumId) -> &str {
        &self.enum_keys[id.0]
    }

    /// A reference to a type.
    pub fn type_ref(&self, id: TypeId) -> Value {
        json!({ "$ref": format!("{}{}", self.prefix, self.type_key(id)) })
    }

    fn enum_ref(&self, id: EnumId) -> Value {
        json!({ "$ref": format!("{}{}", self.prefix, self.enum_key(id)) })
    }

    /// Every type and enum reachable from `roots`, as `(key, schema)` pairs.
    pub fn definitions(&self, roots: &[TypeId]) -> Map<String, Value> {
        let (types, enums) = reachable(self.platform, roots);
        let mut defs = Map::new();
        for id in types {
            defs.insert(
                self.type_key(id).to_owned(),
                self.type_schema(self.platform.ty(id)),
            );
        }
        for id in enums {
            defs.insert(
                self.enum_key(id).to_owned(),
                self.enum_schema(self.platform.en(id)),
            );
        }
        defs
    }

    /// A self-contained schema document for the type `root`.
    pub fn document(&self, root: TypeId, title: &str, description: Option<&str>) -> Value {
        let mut doc = Map::new();
        doc.insert("$schema".into(), DIALECT.into());
        doc.insert("title".into(), title.into());
        if let Some(d) = description {
            doc.insert("description".into(), d.trim().into());
        }
        doc.insert(
            "$ref".into(),
            format!("{}{}", self.prefix, self.type_key(root)).into(),
        );
        doc.insert("$defs".into(), Value::Object(self.definitions(&[root])));
        Value::Object(doc)
    }

    /// A self-contained schema document for an endpoint that sends no body: the
    /// validators accept only an absent body (`null`) or an empty object.
    pub fn no_body_document(&self, title: &str, description: Option<&str>) -> Value {
        let mut doc = Map::new();
        doc.insert("$schema".into(), DIALECT.into());
        doc.insert("title".into(), title.into());
        if let Some(d) = description {
            doc.insert("description".into(), d.trim().into());
        }
        doc.insert(
            "anyOf".into(),
            serde_json::json!([
                { "type": "null" },
                { "type": "object", "maxProperties": 0 }
            ]),
        );
        doc.insert(
            "x-mpapi-no-body".into(),
            "This endpoint sends no body; its parameters go in the URL query.".into(),
        );
        Value::Object(doc)
    }

    /// The schema of an object type.
    pub fn type_schema(&self, t: &Type) -> Value {
        let mut s = Map::new();
        s.insert("type".into(), "object".into());
        s.insert("title".into(), t.name.clone().into());
        if let Some(d) = &t.description {
            s.insert("description".into(), d.trim().into());
        }
        let mut props = Map::new();
        let mut required = Vec::new();
        let mut all_of = Vec::new();
        let mut rules = Vec::new();
        for f in &t.fields {
            let schema = self.field_schema(f, &mut rules);
            let names = names(f);
            for (i, n) in names.iter().enumerate() {
                let mut p = schema.clone();
                if i > 0
                    && let Value::Object(m) = &mut p
                {
                    m.insert(
                        "description".into(),
                        format!("Accepted on input for `{}`.", f.wire).into(),
                    );
                }
                props.insert(n.clone(), p);
            }
            if f.required {
                if names.len() == 1 {
                    required.push(Value::from(f.wire.clone()));
                } else {
                    all_of.push(present(&names));
                }
            }
            // serde refuses a member given under two of its names.
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    all_of.push(json!({ "not": { "required": [a, b] } }));
                }
            }
        }
        for r in &t.rules {
            match self.rule(t, r) {
                Some(frag) => all_of.push(frag),
                None => rules.push(self.rule_entry(r)),
            }
        }
        s.insert("properties".into(), Value::Object(props));
        if self.strict && !t.is_query {
            s.insert("additionalProperties".into(), false.into());
        }
        if !required.is_empty() {
            s.insert("required".into(), Value::Array(required));
        }
        if !all_of.is_empty() {
            s.insert("allOf".into(), Value::Array(all_of));
        }
        if !rules.is_empty() {
            s.insert("x-mpapi-rules".into(), Value::Array(rules));
        }
        conflicts(&mut s, &t.conflicts);
        Value::Object(s)
    }

    /// The schema of an enum: exactly the wire values that validation accepts.
    pub fn enum_schema(&self, e: &Enum) -> Value {
        let names = e.variants.iter().map(|v| Value::from(v.wire.clone()));
        let codes_json = e.variants.iter().map(|v| Value::from(v.code));
        let mut values: Vec<Value> = names.clone().collect();
        values.extend(codes_json.clone());
        let codes: Vec<i64> = e.variants.iter().map(|v| v.code).collect();
        let mut s = match (e.wire, self.strict) {
            (WireKind::String, true) => json!({ "enum": names.collect::<Vec<_>>() }),
            (WireKind::Integer, true) => json!({ "enum": codes_json.collect::<Vec<_>>() }),
            (WireKind::String, false) => json!({ "enum": values }),
            (WireKind::Integer, false) => json!({
                "anyOf": [
                    { "enum": values },
                    { "type": "string", "pattern": code_strings(&codes) }
                ]
            }),
        };
        let Value::Object(m) = &mut s else {
            unreachable!("built as an object")
        };
        m.insert("title".into(), e.name.clone().into());
        if let Some(d) = &e.description {
            m.insert("description".into(), d.trim().into());
        }
        m.insert(
            "x-mpapi-wire".into(),
            match e.wire {
                WireKind::String => "string",
                WireKind::Integer => "integer",
            }
            .into(),
        );
        let variants: Vec<Value> = e
            .variants
            .iter()
            .map(|v| {
                let mut o = Map::new();
                o.insert("name".into(), v.wire.clone().into());
                o.insert("code".into(), v.code.into());
                if let Some(d) = &v.description {
                    o.insert("description".into(), d.trim().into());
                }
                Value::Object(o)
            })
            .collect();
        m.insert("x-mpapi-variants".into(), Value::Array(variants));
        if let Some(c) = e.invalid_code {
            m.insert("x-mpapi-codes".into(), json!({ "enum": c }));
        }
        conflicts(m, &e.conflicts);
        s
    }

    /// The schema of a field's member (without its name), recording what JSON Schema
    /// cannot say into `rules`.
    fn field_schema(&self, f: &Field, rules: &mut Vec<Value>) -> Value {
        let mut codes = Map::new();
        let value = match &f.ty {
            Ty::Array(inner) => {
                let mut items = self.value_schema(inner);
                let subject = format!("{}[]", f.wire);
                self.constrain(
                    &mut items, inner, &f.each, &subject, rules, &mut codes, "each.",
                );
                let mut arr = json!({ "type": "array", "items": items });
                self.constrain(
                    &mut arr,
                    &f.ty,
                    &f.constraints,
                    &f.wire,
                    rules,
                    &mut codes,
                    "",
                );
                arr
            }
            other => {
                let mut v = self.value_schema(other);
                self.constrain(
                    &mut v,
                    other,
                    &f.constraints,
                    &f.wire,
                    rules,
                    &mut codes,
                    "",
                );
                v
            }
        };
        let mut s = if f.required {
            if matches!(f.ty, Ty::Json) {
                json!({ "not": { "type": "null" } })
            } else {
                value
            }
        } else {
            nullable(value)
        };
        let Value::Object(m) = &mut s else {
            unreachable!("schemas are built as objects")
        };
        if let Some(d) = &f.description {
            m.insert("description".into(), d.trim().into());
        }
        if let Some(e) = &f.example {
            m.insert("examples".into(), json!([e]));
        }
        if let Some(d) = &f.default {
            // The doc's stated default is documentation; one that is not a value of the
            // field's type (e.g. a sentence) is kept as an extension.
            let key = if fits(d, &f.ty) {
                "default"
            } else {
                "x-mpapi-default"
            };
            m.insert(key.into(), d.clone());
        }
        if f.secret {
            // A credential (an app secret, an access token): never to be logged or shown.
            m.insert("x-mpapi-secret".into(), true.into());
        }
        if let Some(c) = f.missing_code {
            codes.insert("required".into(), c.into());
        }
        if !codes.is_empty() {
            m.insert("x-mpapi-codes".into(), Value::Object(codes));
        }
        conflicts(m, &f.conflicts);
        s
    }

    /// The schema of a value of type `ty`, without constraints; never accepts `null`
    /// (except `json`, which accepts anything).
    pub fn value_schema(&self, ty: &Ty) -> Value {
        match ty {
            Ty::String => json!({ "type": "string" }),
            Ty::Bool => json!({ "type": "boolean" }),
            Ty::Int { signed, bits } => {
                let (lo, hi) = int_bounds(*signed, *bits);
                json!({ "type": "integer", "minimum": lo, "maximum": hi })
            }
            Ty::Number => json!({ "type": "number" }),
            Ty::Json => json!({}),
            Ty::IntOrString => json!({
                "anyOf": [
                    { "type": "integer", "minimum": i64::MIN, "maximum": i64::MAX },
                    { "type": "string", "pattern": i64_string_pattern() }
                ]
            }),
            Ty::Array(inner) => json!({ "type": "array", "items": self.value_schema(inner) }),
            Ty::Object(id) => self.type_ref(*id),
            Ty::Enum(id) => self.enum_ref(*id),
        }
    }

    /// Adds the keywords of `constraints` (on a value of type `ty`) to `schema`; what has
    /// no keyword goes into `rules`, and each platform code into `codes`.
    #[allow(clippy::too_many_arguments)]
    fn constrain(
        &self,
        schema: &mut Value,
        ty: &Ty,
        constraints: &[ConstraintIr],
        subject: &str,
        rules: &mut Vec<Value>,
        codes: &mut Map<String, Value>,
        code_prefix: &str,
    ) {
        for c in constraints {
            let (keywords, rule) = constraint_keywords(c, ty);
            merge(schema, keywords);
            if let Some(mut rule) = rule {
                rule.insert("fields".into(), json!([subject]));
                rules.push(Value::Object(rule));
            }
            for (end, code) in constraint_codes(c) {
                let key = format!("{code_prefix}{}{end}", constraint_name(c));
                codes.insert(key, code.into());
            }
        }
    }

    /// The JSON Schema form of a rule of `t`, or `None` when it has none.
    fn rule(&self, t: &Type, r: &RuleIr) -> Option<Value> {
        match &r.kind {
            RuleIrKind::RequiredIf(x) => {
                let then = self.presence(t, &x.field)?;
                Some(json!({ "if": self.condition(t, &x.when)?, "then": then }))
            }
            RuleIrKind::OneOfRequired(x) => {
                let any: Option<Vec<Value>> =
                    x.fields.iter().map(|f| self.presence(t, f)).collect();
                let body = json!({ "anyOf": any? });
                match &x.when {
                    Some(w) => Some(json!({ "if": self.condition(t, w)?, "then": body })),
                    None => Some(body),
                }
            }
            RuleIrKind::AllOrNone(x) => {
                let [list, field] = x.field.steps.as_slice() else {
                    return None;
                };
                if !list.each || field.each {
                    return None;
                }
                let Ty::Array(inner) = &list.ty else {
                    return None;
                };
                let Ty::Object(elem) = inner.as_ref() else {
                    return None;
                };
                let set = present(&names(field_of(self.platform.ty(*elem), &field.wire)?));
                let each = json!({ "anyOf": [ { "items": set }, { "items": { "not": set } } ] });
                let mut props = Map::new();
                for n in names(field_of(t, &list.wire)?) {
                    props.insert(n, each.clone());
                }
                Some(json!({ "properties": props }))
            }
            RuleIrKind::AllowedValues(x) => {
                let [field] = x.field.steps.as_slice() else {
                    return None;
                };
                if field.each || matches!(field.ty, Ty::Array(_)) {
                    return None;
                }
                let f = field_of(t, &field.wire)?;
                let mut rows = Vec::new();
                for (whens, allowed) in &x.rows {
                    let cond = Condition {
                        path: x.depends_on.clone(),
                        values: whens.clone(),
                    };
                    let mut ok: Vec<Value> = allowed
                        .iter()
                        .map(|l| self.lit_schema(l, &field.ty))
                        .collect();
                    if field.optional {
                        ok.push(json!({ "type": "null" }));
                    }
                    let mut props = Map::new();
                    for n in names(f) {
                        props.insert(n, json!({ "anyOf": ok }));
                    }
                    rows.push(json!({
                        "if": self.condition(t, &cond)?,
                        "then": { "properties": props }
                    }));
                }
                Some(json!({ "allOf": rows }))
            }
            RuleIrKind::Conditional(x) => {
                let (mut keywords, rule) = constraint_keywords(&x.constraint, x.field.ty.scalar());
                if rule.is_some() {
                    return None;
                }
                if x.each {
                    keywords = json!({ "items": keywords });
                }
                let mut props = Map::new();
                for n in names(field_of(t, &x.field.wire)?) {
                    props.insert(n, keywords.clone());
                }
                Some(json!({
                    "if": self.condition(t, &x.when)?,
                    "then": { "properties": props }
                }))
            }
            RuleIrKind::Count(x) => {
                // A list of this type (not through another list): `minItems`/`maxItems`,
                // or `contains` with `minContains`/`maxContains` for the elements that
                // meet `where` (`minContains: 0` so that a list without one passes).
                let [list] = x.list.steps.as_slice() else {
                    return None;
                };
                if list.each {
                    return None;
                }
                let mut keywords = Map::new();
                match &x.filter {
                    None => {
                        if let Some((n, _)) = x.min {
                            keywords.insert("minItems".into(), n.into());
                        }
                        if let Some((n, _)) = x.max {
                            keywords.insert("maxItems".into(), n.into());
                        }
                    }
                    Some(filter) => {
                        let Ty::Array(inner) = &list.ty else {
                            return None;
                        };
                        let Ty::Object(elem) = inner.as_ref() else {
                            return None;
                        };
                        let holds = self.condition(self.platform.ty(*elem), filter)?;
                        keywords.insert("contains".into(), holds);
                        let min = x.min.map_or(0, |(n, _)| n);
                        keywords.insert("minContains".into(), min.into());
                        if let Some((n, _)) = x.max {
                            keywords.insert("maxContains".into(), n.into());
                        }
                    }
                }
                let mut props = Map::new();
                for n in names(field_of(t, &list.wire)?) {
                    props.insert(n, Value::Object(keywords.clone()));
                }
                let body = json!({ "properties": props });
                match &x.when {
                    Some(w) => Some(json!({ "if": self.condition(t, w)?, "then": body })),
                    None => Some(body),
                }
            }
            RuleIrKind::UniqueBy(_)
            | RuleIrKind::Equal(_)
            | RuleIrKind::LengthEquals(_)
            | RuleIrKind::Sum(_)
            | RuleIrKind::Custom(_) => None,
        }
    }

    /// The `x-mpapi-rules` entry of a rule that has no JSON Schema form.
    fn rule_entry(&self, r: &RuleIr) -> Value {
        let mut o = Map::new();
        let (kind, fields): (&str, Vec<String>) = match &r.kind {
            RuleIrKind::RequiredIf(x) => ("required_if", vec![x.field.text()]),
            RuleIrKind::OneOfRequired(x) => (
                "one_of_required",
                x.fields.iter().map(FieldPath::text).collect(),
            ),
            RuleIrKind::AllOrNone(x) => ("all_or_none", vec![x.field.text()]),
            RuleIrKind::UniqueBy(x) => ("unique_by", vec![x.list.text(), x.key.text()]),
            RuleIrKind::Equal(x) => ("equal", vec![x.field.text(), x.to.text()]),
            RuleIrKind::LengthEquals(x) => ("length_equals", vec![x.field.text(), x.list.text()]),
            RuleIrKind::AllowedValues(x) => {
                ("allowed_values", vec![x.field.text(), x.depends_on.text()])
            }
            RuleIrKind::Sum(x) => {
                let mut f = vec![x.total.text()];
                for t in &x.terms {
                    let base = t.each.as_ref().map(|e| format!("{}.", e.text()));
                    for p in &t.product {
                        f.push(format!("{}{}", base.as_deref().unwrap_or(""), p.text()));
                    }
                }
                ("sum", f)
            }
            RuleIrKind::Count(x) => ("count", vec![x.list.text()]),
            RuleIrKind::Custom(_) => ("custom", Vec::new()),
            RuleIrKind::Conditional(x) => {
                let field = if x.each {
                    format!("{}[]", x.field.wire)
                } else {
                    x.field.wire.clone()
                };
                let (keywords, rule) = constraint_keywords(&x.constraint, x.field.ty.scalar());
                if let Some(rule) = rule {
                    o.extend(rule);
                } else {
                    o.insert("kind".into(), constraint_name(&x.constraint).into());
                    o.insert("schema".into(), keywords);
                }
                o.insert("when".into(), self.condition_entry(&x.when));
                (constraint_name(&x.constraint), vec![field])
            }
        };
        o.insert("kind".into(), kind.into());
        o.insert("fields".into(), json!(fields));
        match &r.kind {
            RuleIrKind::RequiredIf(x) => {
                o.insert("when".into(), self.condition_entry(&x.when));
            }
            RuleIrKind::OneOfRequired(x) => {
                if let Some(w) = &x.when {
                    o.insert("when".into(), self.condition_entry(w));
                }
            }
            RuleIrKind::Equal(x) => {
                if let Some(w) = &x.when {
                    o.insert("when".into(), self.condition_entry(w));
                }
            }
            _ => {}
        }
        if let Some(c) = r.code {
            o.insert("code".into(), c.into());
        }
        o.insert("rule".into(), r.describe(self.platform).into());
        if let Some(d) = &r.description {
            o.insert("description".into(), d.trim().into());
        }
        Value::Object(o)
    }

    /// `{field, in}` of a condition, values as on the wire.
    fn condition_entry(&self, c: &Condition) -> Value {
        let values: Vec<Value> = c
            .values
            .iter()
            .map(|l| match l {
                Lit::Variant { en, index } => self
                    .platform
                    .en(*en)
                    .variants
                    .get(*index)
                    .map(|v| Value::from(v.wire.clone()))
                    .unwrap_or(Value::Null),
                Lit::Str(s) => s.clone().into(),
                Lit::Int(i) => serde_json::Number::from_i128(*i)
                    .map(Value::Number)
                    .unwrap_or_else(|| i.to_string().into()),
                Lit::Bool(b) => (*b).into(),
            })
            .collect();
        json!({ "field": c.path.text(), "in": values })
    }

    /// A schema that holds when the member at `path` is present and not `null`
    /// (single-step paths only).
    fn presence(&self, t: &Type, path: &FieldPath) -> Option<Value> {
        let [step] = path.steps.as_slice() else {
            return None;
        };
        if step.each {
            return None;
        }
        Some(present(&names(field_of(t, &step.wire)?)))
    }

    /// A schema that holds when the condition does, on an object of type `t`.
    fn condition(&self, t: &Type, c: &Condition) -> Option<Value> {
        let last = c.path.last();
        if matches!(last.ty, Ty::Array(_)) {
            return None;
        }
        let values: Vec<Value> = c
            .values
            .iter()
            .map(|l| self.lit_schema(l, &last.ty))
            .collect();
        let leaf = if values.len() == 1 {
            values.into_iter().next()?
        } else {
            json!({ "anyOf": values })
        };
        self.at_path(t, &c.path.steps, leaf)
    }

    /// A schema that holds when the member at `steps` (no `[]`) is present and matches `leaf`.
    fn at_path(&self, t: &Type, steps: &[Step], leaf: Value) -> Option<Value> {
        let (first, rest) = steps.split_first()?;
        if first.each {
            return None;
        }
        let f = field_of(t, &first.wire)?;
        let inner = if rest.is_empty() {
            leaf
        } else {
            let Ty::Object(id) = &first.ty else {
                return None;
            };
            let mut sub = self.at_path(self.platform.ty(*id), rest, leaf)?;
            if let Value::Object(m) = &mut sub {
                m.insert("type".into(), "object".into());
            }
            sub
        };
        let alts: Vec<Value> = names(f)
            .into_iter()
            .map(|n| json!({ "required": [n], "properties": { n: inner } }))
            .collect();
        Some(one_or_any(alts))
    }

    /// The values of type `ty` that equal `lit` to the generated code.
    fn lit_schema(&self, lit: &Lit, ty: &Ty) -> Value {
        match lit {
            Lit::Variant { en, index } => {
                let e = self.platform.en(*en);
                let Some(v) = e.variants.get(*index) else {
                    crate::internal_error("a variant index past its enum reached the exporter")
                };
                match e.wire {
                    WireKind::String => json!({ "enum": [v.wire, v.code] }),
                    WireKind::Integer => json!({
                        "anyOf": [
                            { "enum": [v.wire, v.code] },
                            { "type": "string", "pattern": code_strings(&[v.code]) }
                        ]
                    }),
                }
            }
            Lit::Str(s) => json!({ "const": s }),
            Lit::Bool(b) => json!({ "const": b }),
            Lit::Int(i) => {
                let n = serde_json::Number::from_i128(*i)
                    .map(Value::Number)
                    .unwrap_or(Value::Null);
                if matches!(ty.scalar(), Ty::IntOrString) {
                    let code = i64::try_from(*i).unwrap_or_default();
                    json!({
                        "anyOf": [
                            { "const": n },
                            { "type": "string", "pattern": code_strings(&[code]) }
                        ]
                    })
                } else {
                    json!({ "const": n })
                }
            }
        }
    }
}

/// Whether `v` has the JSON kind of a value of type `ty`.
fn fits(v: &Value, ty: &Ty) -> bool {
    match ty {
        Ty::String => v.is_string(),
        Ty::Bool => v.is_boolean(),
        Ty::Int { .. } => v.is_i64() || v.is_u64(),
        Ty::Number => v.is_number(),
        Ty::Json => true,
        Ty::IntOrString | Ty::Enum(_) => v.is_string() || v.is_i64() || v.is_u64(),
        Ty::Array(inner) => v
            .as_array()
            .is_some_and(|a| a.iter().all(|x| fits(x, inner))),
        Ty::Object(_) => v.is_object(),
    }
}

/// The names a field is read under: its wire name, then its aliases.
fn names(f: &Field) -> Vec<String> {
    std::iter::once(f.wire.clone())
        .chain(f.aliases.iter().cloned())
        .collect()
}

fn field_of<'t>(t: &'t Type, wire: &str) -> Option<&'t Field> {
    t.fields.iter().find(|f| f.wire == wire)
}

/// Present and not `null` under one of `names`.
fn present(names: &[String]) -> Value {
    let alts: Vec<Value> = names
        .iter()
        .map(|n| json!({ "required": [n], "properties": { n: { "not": { "type": "null" } } } }))
        .collect();
    one_or_any(alts)
}

fn one_or_any(mut alts: Vec<Value>) -> Value {
    if alts.len() == 1 {
        alts.remove(0)
    } else {
        json!({ "anyOf": alts })
    }
}

/// `schema`, also accepting `null`.
fn nullable(schema: Value) -> Value {
    if let Value::Object(m) = &schema
        && let Some(Value::String(t)) = m.get("type")
        && !m.contains_key("enum")
        && !m.contains_key("const")
    {
        let mut m = m.clone();
        let t = t.clone();
        m.insert("type".into(), json!([t, "null"]));
        return Value::Object(m);
    }
    if schema.as_object().is_some_and(Map::is_empty) {
        return schema;
    }
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// Adds `keywords` to `schema`; a keyword already there goes into an `allOf`.
fn merge(schema: &mut Value, keywords: Value) {
    let (Value::Object(s), Value::Object(k)) = (schema, keywords) else {
        return;
    };
    for (key, value) in k {
        let clash = match (s.get(&key), &value) {
            (None, _) => false,
            // Bounds combine by keeping the tighter one.
            (Some(old), new) if is_bound(&key) => {
                let keep_new = match (old.as_f64(), new.as_f64()) {
                    (Some(a), Some(b)) => {
                        if key.starts_with("min") {
                            b > a
                        } else {
                            b < a
                        }
                    }
                    _ => false,
                };
                if keep_new {
                    s.insert(key, value);
                }
                continue;
            }
            (Some(_), _) => true,
        };
        if clash {
            let extra = json!({ key: value });
            match s.get_mut("allOf") {
                Some(Value::Array(list)) => list.push(extra),
                _ => {
                    s.insert("allOf".into(), json!([extra]));
                }
            }
        } else {
            s.insert(key, value);
        }
    }
}

fn is_bound(key: &str) -> bool {
    matches!(
        key,
        "minimum" | "maximum" | "minLength" | "maxLength" | "minItems" | "maxItems"
    )
}

/// The keywords of a constraint on a value of type `ty`, and its `x-mpapi-rules` entry
/// (without `fields`) when the keywords do not say all of it.
fn constraint_keywords(c: &ConstraintIr, ty: &Ty) -> (Value, Option<Map<String, Value>>) {
    let mut k = Map::new();
    let mut rule = None;
    match c {
        ConstraintIr::Bytes(b) => {
            if let Some(min) = b.min {
                k.insert("x-mpapi-min-bytes".into(), min.into());
                k.insert("minLength".into(), min.div_ceil(4).into());
            }
            if let Some(max) = b.max {
                k.insert("x-mpapi-max-bytes".into(), max.into());
                k.insert("maxLength".into(), max.into());
            }
            let mut r = Map::new();
            r.insert("kind".into(), "bytes".into());
            bound_entry(&mut r, b);
            rule = Some(r);
        }
        ConstraintIr::Chars(b) => {
            if let Some(min) = b.min {
                k.insert("minLength".into(), min.into());
            }
            if let Some(max) = b.max {
                k.insert("maxLength".into(), max.into());
            }
        }
        ConstraintIr::Items(b) => {
            if let Some(min) = b.min {
                k.insert("minItems".into(), min.into());
            }
            if let Some(max) = b.max {
                k.insert("maxItems".into(), max.into());
            }
        }
        ConstraintIr::Range(b) => {
            if matches!(ty, Ty::IntOrString) {
                let mut r = Map::new();
                r.insert("kind".into(), "range".into());
                if let Some(m) = b.min {
                    r.insert("min".into(), num(m));
                }
                if let Some(m) = b.max {
                    r.insert("max".into(), num(m));
                }
                code_entry(&mut r, b.min_code, b.max_code);
                rule = Some(r);
            } else {
                if let Some(m) = b.min {
                    k.insert("minimum".into(), num(m));
                }
                if let Some(m) = b.max {
                    k.insert("maximum".into(), num(m));
                }
            }
        }
        ConstraintIr::Pattern(p) => match super::regex::to_ecma(&p.regex) {
            Some(ecma) => {
                k.insert("pattern".into(), ecma.into());
            }
            None => {
                let mut r = Map::new();
                r.insert("kind".into(), "pattern".into());
                r.insert("regex".into(), p.regex.clone().into());
                r.insert("dialect".into(), "rust-regex".into());
                if let Some(c) = p.code {
                    r.insert("code".into(), c.into());
                }
                rule = Some(r);
            }
        },
        ConstraintIr::Format(f) => match f.name {
            FormatName::DateTime => {
                k.insert("format".into(), "date-time".into());
            }
            FormatName::Url => {
                k.insert("x-mpapi-format".into(), "url".into());
                match super::regex::to_ecma(mpapi_runtime::constraint::url_like::SOURCE) {
                    Some(ecma) => {
                        k.insert("pattern".into(), ecma.into());
                    }
                    None => crate::internal_error("the URL rule has no ECMA-262 form"),
                }
            }
        },
    }
    (Value::Object(k), rule)
}

fn bound_entry(r: &mut Map<String, Value>, b: &Bounds<u64>) {
    if let Some(m) = b.min {
        r.insert("min".into(), m.into());
    }
    if let Some(m) = b.max {
        r.insert("max".into(), m.into());
    }
    code_entry(r, b.min_code, b.max_code);
}

fn code_entry(r: &mut Map<String, Value>, min: Option<i64>, max: Option<i64>) {
    match (min, max) {
        (Some(a), Some(b)) if a == b => {
            r.insert("code".into(), a.into());
        }
        (a, b) => {
            if let Some(a) = a {
                r.insert("min_code".into(), a.into());
            }
            if let Some(b) = b {
                r.insert("max_code".into(), b.into());
            }
        }
    }
}

/// The constraint kind's spec name.
fn constraint_name(c: &ConstraintIr) -> &'static str {
    match c {
        ConstraintIr::Bytes(_) => "bytes",
        ConstraintIr::Chars(_) => "chars",
        ConstraintIr::Items(_) => "items",
        ConstraintIr::Range(_) => "range",
        ConstraintIr::Pattern(_) => "pattern",
        ConstraintIr::Format(_) => "format",
    }
}

/// The platform codes of a constraint, by end (`.min`, `.max`, or `""`).
fn constraint_codes(c: &ConstraintIr) -> Vec<(&'static str, i64)> {
    fn ends<T>(b: &Bounds<T>) -> Vec<(&'static str, i64)> {
        match (b.min_code, b.max_code) {
            (Some(a), Some(z)) if a == z => vec![("", a)],
            (a, z) => a
                .map(|a| (".min", a))
                .into_iter()
                .chain(z.map(|z| (".max", z)))
                .collect(),
        }
    }
    match c {
        ConstraintIr::Bytes(b) | ConstraintIr::Chars(b) | ConstraintIr::Items(b) => ends(b),
        ConstraintIr::Range(b) => ends(b),
        ConstraintIr::Pattern(p) => p.code.map(|c| ("", c)).into_iter().collect(),
        ConstraintIr::Format(f) => f.code.map(|c| ("", c)).into_iter().collect(),
    }
}

fn num(n: Num) -> Value {
    match n {
        Num::Int(i) => serde_json::Number::from_i128(i)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Num::Float(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
    }
}

fn int_bounds(signed: bool, bits: u8) -> (Value, Value) {
    if signed {
        let hi = (1i128 << (bits - 1)) - 1;
        let lo = -(1i128 << (bits - 1));
        (json!(lo as i64), json!(hi as i64))
    } else {
        let hi: u64 = if bits >= 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        (json!(0), json!(hi))
    }
}

fn conflicts(m: &mut Map<String, Value>, list: &[crate::ir::Conflict]) {
    if list.is_empty() {
        return;
    }
    let v: Vec<Value> = list
        .iter()
        .map(|c| json!({ "doc": c.doc.trim(), "reading": c.reading.trim() }))
        .collect();
    m.insert("x-mpapi-conflicts".into(), Value::Array(v));
}

/// An anchored ECMA-262 pattern matching the strings Rust's `i64` parser reads as one of
/// `codes`: an optional sign (`+` only before a positive value) and leading zeros.
pub fn code_strings(codes: &[i64]) -> String {
    let mut alts: Vec<String> = Vec::new();
    for &c in codes {
        let alt = match c.cmp(&0) {
            std::cmp::Ordering::Greater => format!("\\+?0*{c}"),
            std::cmp::Ordering::Equal => "[+-]?0+".to_owned(),
            std::cmp::Ordering::Less => format!("-0*{}", c.unsigned_abs()),
        };
        if !alts.contains(&alt) {
            alts.push(alt);
        }
    }
    format!("^(?:{})$", alts.join("|"))
}

/// An anchored ECMA-262 pattern matching exactly the strings Rust's `i64` parser accepts.
pub fn i64_string_pattern() -> String {
    format!(
        "^(?:\\+?0*(?:{})|-0*(?:{}))$",
        at_most(&i64::MAX.to_string()),
        at_most(&i64::MIN.unsigned_abs().to_string())
    )
}

/// Alternatives matching the decimal numbers from 0 to `n` (digits, no sign), written
/// without leading zeros except `0` itself.
fn at_most(n: &str) -> String {
    let d: Vec<u32> = n.chars().filter_map(|c| c.to_digit(10)).collect();
    let k = d.len();
    let mut alts = vec!["[0-9]".to_owned()];
    if k > 2 {
        alts.push(format!("[1-9][0-9]{{1,{}}}", k - 2));
    } else if k == 2 {
        // only 1-digit shorter numbers, covered above
    }
    for i in 0..k {
        let lo = if i == 0 { 1 } else { 0 };
        if d[i] == 0 || d[i] - 1 < lo {
            continue;
        }
        let prefix: String = d[..i].iter().map(|x| x.to_string()).collect();
        let rest = k - i - 1;
        let range = if d[i] - 1 == lo {
            lo.to_string()
        } else {
            format!("[{lo}-{}]", d[i] - 1)
        };
        let tail = if rest > 0 {
            format!("[0-9]{{{rest}}}")
        } else {
            String::new()
        };
        alts.push(format!("{prefix}{range}{tail}"));
    }
    if k > 1 {
        alts.push(n.to_owned());
    }
    alts.join("|")
}

/// Every type and enum reachable from `roots`.
pub fn reachable(platform: &Platform, roots: &[TypeId]) -> (BTreeSet<TypeId>, BTreeSet<EnumId>) {
    let mut types = BTreeSet::new();
    let mut enums = BTreeSet::new();
    let mut stack: Vec<TypeId> = roots.to_vec();
    while let Some(id) = stack.pop() {
        if !types.insert(id) {
            continue;
        }
        for f in &platform.ty(id).fields {
            let mut ty = &f.ty;
            while let Ty::Array(inner) = ty {
                ty = inner;
            }
            match ty {
                Ty::Object(t) => stack.push(*t),
                Ty::Enum(e) => {
                    enums.insert(*e);
                }
                _ => {}
            }
        }
    }
    (types, enums)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, s: &str) -> bool {
        regex::Regex::new(pattern).expect("compiles").is_match(s)
    }

    #[test]
    fn i64_strings_are_exactly_what_rust_parses() {
        let p = i64_string_pattern();
        for s in [
            "0",
            "-0",
            "+0",
            "007",
            "9223372036854775807",
            "-9223372036854775808",
            "+9223372036854775807",
            "0009223372036854775807",
            "8999999999999999999",
            "9223372036854775799",
            "9223372036854775800",
            "-9223372036854775807",
            "12",
            "99",
            "100",
            "1000000000000000000",
        ] {
            assert_eq!(s.parse::<i64>().is_ok(), matches(&p, s), "{s}");
            assert!(matches(&p, s), "{s}");
        }
        for s in [
            "",
            "+",
            "-",
            "+-1",
            " 1",
            "1 ",
            "1.0",
            "9223372036854775808",
            "-9223372036854775809",
            "9223372036854775810",
            "10000000000000000000",
            "9323372036854775807",
            "١",
            "0x1",
            "1e3",
        ] {
            assert_eq!(s.parse::<i64>().is_ok(), matches(&p, s), "{s}");
        }
    }

    #[test]
    fn code_strings_are_what_an_integer_enum_reads_as_a_code() {
        let p = code_strings(&[0, 2, 10, -3]);
        for s in [
            "0", "-0", "+000", "2", "+2", "002", "10", "010", "-3", "-03",
        ] {
            assert_eq!(
                s.parse::<i64>().ok().map(|c| [0, 2, 10, -3].contains(&c)),
                Some(true),
                "{s}"
            );
            assert!(matches(&p, s), "{s}");
        }
        for s in ["1", "20", "+-2", "3", "+-3", "-2", "", "2 "] {
            assert!(!matches(&p, s), "{s}");
            assert_ne!(
                s.parse::<i64>().ok().map(|c| [0, 2, 10, -3].contains(&c)),
                Some(true),
                "{s}"
            );
        }
    }
}
