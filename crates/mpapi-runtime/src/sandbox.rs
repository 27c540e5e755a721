//! Server-side behaviour of an endpoint, declared in its spec's `sandbox:` block and
//! interpreted by the loopback sandbox: a keyed store of records (per app), the checks a
//! call must pass against it, what the call changes, and how the answer is built from the
//! stored record. Data only: nothing here runs a server.
//!
//! Paths are wire names joined with `.`; `list[]` walks every element of a list. A record
//! is the last accepted request body that carried its key, plus the members that
//! [`SandboxSpec::set`] and [`SandboxSpec::append`] add to it.

/// What a call does to its store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreOp {
    /// Stores the request body as the record of each key it carries (creating or
    /// replacing it, subject to the checks).
    Write,
    /// Changes an existing record ([`SandboxSpec::set`], [`SandboxSpec::append`]); the
    /// request body itself is not stored.
    Update,
    /// Reads the record; the answer is built from it.
    Read,
    /// Lists every record of the store, paged with the endpoint's `pagination`.
    List,
}

/// One way a request names its record: every field present (and the condition holding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyForm {
    /// Request paths whose values make the key, in order; a path through `list[]` gives
    /// one key per element (then it is the only field).
    pub fields: &'static [&'static str],
    /// The name each field goes by in a labelled key (by default its last wire name), so
    /// that endpoints carrying the same value under other names (`mchid`, `merchant_id`)
    /// name the same record; one per field.
    pub labels: &'static [&'static str],
    /// Only when the request field at `.0` has one of the wire texts `.1` (an enum's
    /// name and code are both listed).
    pub when: Option<(&'static str, &'static [&'static str])>,
}

/// A condition a call must meet, with the platform code answered when it does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreCheck {
    /// No record with the key exists yet.
    Unique {
        /// Code answered for a duplicate.
        code: i64,
    },
    /// A record with the key exists.
    Exists {
        /// Code answered when it does not.
        code: i64,
    },
    /// When the sandbox was started with seed records for the store (see
    /// [`SandboxSpec::seed`]), a record with the key exists: a seeded one or one written
    /// since. Without seed records the first write creates the record, so quick tries
    /// work.
    Known {
        /// Code answered for a key that names no record.
        code: i64,
    },
    /// When the record exists and holds a value at `field`, the request holds the same
    /// value there (e.g. the payment belongs to the user the request names).
    Matches {
        /// The path, in the request and in the record.
        field: &'static str,
        /// Code answered when the values differ.
        code: i64,
    },
    /// The request's date-time at `field` is later than the stored record's at `than`
    /// (and is a date-time at all). A date-time is RFC 3339 text or a Unix timestamp in
    /// seconds, so that a request's timestamp can be compared with a stored upload time.
    Later {
        /// The request path of the date-time.
        field: &'static str,
        /// The record path it must be later than (usually the same).
        than: &'static str,
        /// Code answered otherwise.
        code: i64,
    },
    /// At most `max` accepted writes per key.
    MaxWrites {
        /// The bound.
        max: u32,
        /// Code answered for one more.
        code: i64,
    },
    /// At most `max` rewrites per key. A write to an existing record is a rewrite when
    /// the record's `done` field holds one of its JSON values (the record is complete,
    /// e.g. a payment whose shipping is finished), or when the request's value at one of
    /// the `changed` paths differs from the record's (e.g. a new delivery mode). Other
    /// writes (completing a partial record) are not counted.
    MaxRewrites {
        /// The bound.
        max: u32,
        /// The record path and the JSON texts that mark a record complete.
        done: Option<(&'static str, &'static [&'static str])>,
        /// Request paths whose change makes any write a rewrite.
        changed: &'static [&'static str],
        /// Code answered for one more.
        code: i64,
    },
    /// The stored record's `field` does not hold one of the JSON values `values`.
    NotIn {
        /// The record path.
        field: &'static str,
        /// JSON texts of the refused values.
        values: &'static [&'static str],
        /// Code answered when it does.
        code: i64,
    },
}

/// Where an answer member comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerSource {
    /// The value at this path of the stored record (the item, inside `each`).
    Record(&'static str),
    /// The value at this path of the request.
    Request(&'static str),
    /// The number of elements of the list at this path of the record.
    Count(&'static str),
    /// This JSON text.
    Value(&'static str),
    /// How many writes the record has had.
    Writes,
}

/// One member of the answer: the answer path and where its value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerMember {
    /// Answer path (`a.b` creates objects on the way).
    pub at: &'static str,
    /// The value.
    pub from: AnswerSource,
}

/// A list member of the answer built from every element of a request list (a write's
/// echo, e.g. Baidu's imported orders): paths in `item` are relative to the element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerEach {
    /// Answer path of the list.
    pub at: &'static str,
    /// The request list walked.
    pub each: &'static str,
    /// The members of every element; [`AnswerSource::Record`] reads the element.
    pub item: &'static [AnswerMember],
    /// Scalars are written as JSON strings (the docs' examples that quote numbers).
    pub as_text: bool,
}

/// An element appended to a list of the record by an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Append {
    /// The record list appended to (created when absent).
    pub list: &'static str,
    /// The element's members; [`AnswerSource::Request`] reads the request.
    pub item: &'static [AnswerMember],
}

/// The JSON type of a seed member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeedKind {
    /// A string.
    Text,
    /// An integer.
    Integer,
}

/// One member of a seed entry and where it goes in the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedMember {
    /// The member's name in the seed file.
    pub name: &'static str,
    /// The record path its value is stored at.
    pub at: &'static str,
    /// Its JSON type.
    pub kind: SeedKind,
    /// Whether an entry may leave it out (then the record has what `set` gives, if any).
    pub optional: bool,
}

/// Records a store starts with, read from the sandbox's seed file: every entry of the
/// file's list `list` becomes a record of every app, reachable by every key form of the
/// declaring endpoint whose fields it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeedSpec {
    /// The seed file's member holding the entries (e.g. `payments`).
    pub list: &'static str,
    /// The members of an entry (required unless marked optional); no others are allowed.
    pub members: &'static [SeedMember],
    /// Record members every seeded record starts with, unless its entry gives them: path
    /// and JSON text.
    pub set: &'static [(&'static str, &'static str)],
}

/// A list filter on a number of the record: when the request gives either bound, a
/// record is listed only when it holds a number at `at` within the bounds the request
/// gives (both inclusive); a record without one is then left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeFilter {
    /// The record path of the number.
    pub at: &'static str,
    /// The request path of the lower bound.
    pub from: Option<&'static str>,
    /// The request path of the upper bound.
    pub to: Option<&'static str>,
}

/// The sandbox behaviour of one endpoint (the spec's `sandbox:` block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SandboxSpec {
    /// The store's name; endpoints naming the same store share its records.
    pub store: &'static str,
    /// The ways a request names its record, tried in order (the first that applies). A
    /// key is the bare value when the spec gives one form of one field, else
    /// `name=value&…` with each field's last wire name.
    pub key: &'static [KeyForm],
    /// What the call does.
    pub op: StoreOp,
    /// Checks, in order; the first that fails answers with its code and changes nothing.
    pub checks: &'static [StoreCheck],
    /// Record members set by the call: path and JSON text.
    pub set: &'static [(&'static str, &'static str)],
    /// Record members set from the request, after `set`: record path and request path.
    /// A request without a value there leaves what `set` gave.
    pub set_request: &'static [(&'static str, &'static str)],
    /// An element appended to a list of the record.
    pub append: Option<Append>,
    /// Members of the success answer (for a list, of every item, read from its record).
    pub answer: &'static [AnswerMember],
    /// A list member built from a request list.
    pub answer_each: Option<AnswerEach>,
    /// For a list: the request field giving the page size, and the default size.
    pub page_size: Option<(&'static str, u32)>,
    /// For a list: the code answered for a cursor the sandbox did not hand out.
    pub bad_cursor: Option<i64>,
    /// For a list: record path and request path; a record is listed only when it holds
    /// the request's value (a filter the request leaves out lists everything).
    pub filter: &'static [(&'static str, &'static str)],
    /// For a list: ranges of a record's number (e.g. a payment time); see [`RangeFilter`].
    pub filter_range: &'static [RangeFilter],
    /// For a write: the records the store starts with, from the seed file.
    pub seed: Option<SeedSpec>,
}
