//! skeleton
pub mod columns;
