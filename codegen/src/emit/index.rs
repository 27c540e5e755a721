//! Name lookup inside one group: type and enum definitions by name, fields by wire name.

use std::collections::BTreeMap;

use crate::model::{EnumDef, Field, Group, TypeDef, TypeRef};

/// The definitions of one group, by name.
pub struct GroupIndex<'a> {
    types: BTreeMap<&'a str, &'a TypeDef>,
    enums: BTreeMap<&'a str, &'a EnumDef>,
}

/// What a named type refers to.
pub enum Named<'a> {
    /// An object type.
    Type(&'a TypeDef),
    /// An enum.
    Enum(&'a EnumDef),
}

impl<'a> GroupIndex<'a> {
    /// Indexes every type and enum of `group`.
    pub fn new(group: &'a Group) -> Self {
        let mut types = BTreeMap::new();
        let mut enums = BTreeMap::new();
        for file in &group.files {
            for t in &file.types {
                types.insert(t.name.value.as_str(), t);
            }
            for e in &file.enums {
                enums.insert(e.name.value.as_str(), e);
            }
        }
        GroupIndex { types, enums }
    }

    /// The definition `name` refers to.
    pub fn named(&self, name: &str) -> Option<Named<'a>> {
        if let Some(t) = self.types.get(name) {
            return Some(Named::Type(t));
        }
        self.enums.get(name).map(|e| Named::Enum(e))
    }

    /// The object type `ty` refers to (looking through arrays), if any.
    pub fn object(&self, ty: &TypeRef) -> Option<&'a TypeDef> {
        match ty {
            TypeRef::Named(n) => self.types.get(n.as_str()).copied(),
            TypeRef::Array(inner) => self.object(inner),
            _ => None,
        }
    }

    /// The enum `ty` refers to (looking through arrays), if any.
    pub fn enum_def(&self, ty: &TypeRef) -> Option<&'a EnumDef> {
        match ty {
            TypeRef::Named(n) => self.enums.get(n.as_str()).copied(),
            TypeRef::Array(inner) => self.enum_def(inner),
            _ => None,
        }
    }
}

/// The field of `ty` with wire name `wire`.
pub fn field<'a>(ty: &'a TypeDef, wire: &str) -> Option<&'a Field> {
    ty.fields.iter().find(|f| f.name.value == wire)
}

/// The Rust identifier of a field.
pub fn rust_name(f: &Field) -> String {
    match &f.rust {
        Some(r) => r.value.clone(),
        None => crate::naming::field_ident(&f.name),
    }
}
