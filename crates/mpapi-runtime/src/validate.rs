use crate::{Path, Violations};

/// A value that can check itself against the constraints and rules of its spec.
///
/// Implementations record every violation into `out` and never stop at the first;
/// they allocate nothing while the value is valid. `#[derive(Validate)]` from
/// `mpapi-derive` writes the implementation for generated structs and enums.
///
/// ```
/// use mpapi_runtime::Validate;
/// // Plain values carry no constraints of their own.
/// assert!(String::from("x").validate().is_ok());
/// assert!(vec![1u32, 2].validate().is_ok());
/// ```
pub trait Validate {
    /// Records every violation of `self`, found at `path`, into `out`.
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations);

    /// Validates `self` as a document root.
    fn validate(&self) -> Result<(), Violations> {
        let mut out = Violations::new();
        self.validate_at(&Path::Root, &mut out);
        out.into_result()
    }
}

macro_rules! leaf {
    ($($t:ty),* $(,)?) => {$(
        impl Validate for $t {
            #[inline]
            fn validate_at(&self, _: &Path<'_>, _: &mut Violations) {}
        }
    )*};
}

leaf!(
    String,
    bool,
    u8,
    u16,
    u32,
    u64,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    serde_json::Value
);

impl<T: Validate> Validate for Option<T> {
    #[inline]
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        if let Some(v) = self {
            v.validate_at(path, out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        for (i, v) in self.iter().enumerate() {
            v.validate_at(&path.index(i), out);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    #[inline]
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        (**self).validate_at(path, out);
    }
}
