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
