/// Views a field as "maybe present", so a constraint is written once for `T` and
/// `Option<T>` alike: an absent optional value satisfies every constraint.
///
/// ```
/// use mpapi_runtime::AsOpt;
/// let present = String::from("a");
/// let absent: Option<String> = None;
/// assert_eq!(present.as_opt(), Some(&present));
/// assert_eq!(absent.as_opt(), None);
/// ```
pub trait AsOpt {
    /// The value type behind the option, if any.
    type Inner: ?Sized;
    /// `Some` when the value is present.
    fn as_opt(&self) -> Option<&Self::Inner>;
}

impl<T> AsOpt for Option<T> {
    type Inner = T;
    fn as_opt(&self) -> Option<&T> {
        self.as_ref()
    }
}

macro_rules! present {
    ($($t:ty),* $(,)?) => {$(
        impl AsOpt for $t {
            type Inner = $t;
            fn as_opt(&self) -> Option<&$t> {
                Some(self)
            }
        }
    )*};
}

present!(
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

impl<T> AsOpt for Vec<T> {
    type Inner = Vec<T>;
    fn as_opt(&self) -> Option<&Vec<T>> {
        Some(self)
    }
}
