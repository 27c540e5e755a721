//! Reading spec files into the [`model`](crate::model).

pub mod yaml;
