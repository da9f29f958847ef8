//! Output formats of the scanner.
//!
//! - [`table`]: the readable table of `gmsbscan point`, with optional reference values.
//! - [`summary`]: a finished scan beside the ranges HMZ quote (`gmsbscan summarize`).
//! - [`ladder`]: the erratum ladder from hmz1999 to consistent (`gmsbscan summarize --ladder`).
//! - [`slha`]: SUSY Les Houches Accord (SLHA2) text for one solution, with the model's private
//!   quantities in a `GMSBSCAN` block. Pure functions returning strings: file handling belongs to
//!   the callers.

pub mod columns;
pub mod ladder;
pub mod slha;
pub mod summary;
pub mod table;
