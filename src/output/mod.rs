//! Output formats of the scanner.
//!
//! - [`table`]: the readable table of `gmsbscan point`, with optional reference values.
//! - [`summary`]: a finished scan beside the ranges HMZ quote (`gmsbscan summarize`).
//! - [`slha`]: SUSY Les Houches Accord (SLHA2) text for one solution, with the model's private
//!   quantities in a `GMSBSCAN` block. Pure functions returning strings: file handling belongs to
//!   the callers.

pub mod columns;
pub mod slha;
pub mod summary;
pub mod table;
