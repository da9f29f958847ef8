//! `gmsbscan point`: evaluate one parameter point and print a readable table (optionally SLHA).

use std::path::PathBuf;

use clap::Args;

/// Arguments of `gmsbscan point`.
#[derive(Args, Debug)]
pub struct PointArgs {
    /// Point card (TOML) with the inputs; flags below override its values.
    pub card: Option<PathBuf>,
    /// Physics preset: hmz1999 (as printed) or consistent (errata fixed).
    #[arg(long)]
    pub preset: Option<String>,
    /// Write the (first) solution as an SLHA2 file.
    #[arg(long)]
    pub slha: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &PointArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("the point subcommand lands with the physics pipeline")
}
