//! Reading spec files into the [`model`](crate::model) (in progress).
