use std::fmt;

/// A JSON path in wire names, built on the stack while validating.
///
/// Each step borrows its parent, so descending into a field or an array element costs
/// two words and no allocation; the path is only rendered to a string when a
/// [`Violation`](crate::Violation) is reported.
///
/// ```
/// use mpapi_runtime::Path;
/// let root = Path::Root;
/// let list = root.field("order_list");
/// let first = list.index(0);
/// let name = first.field("name");
/// assert_eq!(name.to_string(), "order_list[0].name");
/// assert_eq!(root.to_string(), "");
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The document root; renders as the empty string.
    Root,
    /// A named member of the object at the parent path.
    Field(&'a Path<'a>, &'static str),
    /// An element of the array at the parent path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of member `name` of the object at `self`.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of element `index` of the array at `self`.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        matches!(self, Path::Root)
    }

    /// Calls `f` with the path of `fields` below `self` (`self.field(a).field(b)...`),
    /// built on the stack: nothing is allocated.
    ///
    /// ```
    /// use mpapi_runtime::Path;
    /// let root = Path::Root;
    /// let list = root.field("order_list");
    /// let first = list.index(0);
    /// let text = first.with_fields(&["payment", "amount"], |p| p.to_string());
    /// assert_eq!(text, "order_list[0].payment.amount");
    /// assert_eq!(root.with_fields(&[], |p| p.is_root()), true);
    /// ```
    pub fn with_fields<R>(&self, fields: &[&'static str], f: impl FnOnce(&Path<'_>) -> R) -> R {
        descend(self, fields, f)
    }

    /// The name of the last field step, if the path ends in one (`order_list` for
    /// `order_list`, `item_list` for `order_list[0].item_list`).
    ///
    /// ```
    /// use mpapi_runtime::Path;
    /// let root = Path::Root;
    /// let list = root.field("order_list");
    /// assert_eq!(list.last_field(), Some("order_list"));
    /// assert_eq!(list.index(3).last_field(), None);
    /// assert_eq!(root.last_field(), None);
    /// ```
    pub fn last_field(&self) -> Option<&'static str> {
        match self {
            Path::Field(_, name) => Some(name),
            _ => None,
        }
    }
}

/// The recursion behind [`Path::with_fields`]: one stack frame per field.
fn descend<R>(base: &Path<'_>, fields: &[&'static str], f: impl FnOnce(&Path<'_>) -> R) -> R {
    match fields.split_first() {
        None => f(base),
        Some((first, rest)) => descend(&base.field(first), rest, f),
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(parent, name) => {
                parent.fmt(f)?;
                if !parent.is_root() {
                    f.write_str(".")?;
                }
                f.write_str(name)
            }
            Path::Index(parent, index) => {
                parent.fmt(f)?;
                write!(f, "[{index}]")
            }
        }
    }
}
