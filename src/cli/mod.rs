//! Command-line layer: one module per subcommand, each turning raw arguments into a validated
//! plan for the library. The library never sees clap.

pub mod bench;
pub mod merge;
pub mod models;
pub mod point;
pub mod scan;
pub mod slha;
pub mod summarize;
