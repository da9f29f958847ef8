//! `gmsbscan merge OUT SHARD_DIR...`: verify the shards of a sharded scan and merge them into
//! one directory equal to the unsharded scan (the library's `scan::merge_shards`).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use gmsbscan::scan::merge_shards;

/// Arguments of `gmsbscan merge`.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Output directory (created; must be new or empty).
    pub out: PathBuf,
    /// The shard directories (`gmsbscan scan --shard K/N --out DIR`), in any order.
    #[arg(required = true, value_name = "SHARD_DIR")]
    pub shards: Vec<PathBuf>,
}

pub fn run(args: &MergeArgs) -> anyhow::Result<()> {
    let summary = merge_shards(&args.out, &args.shards)
        .with_context(|| format!("cannot merge into {}", args.out.display()))?;
    let m = &summary.manifest;
    eprintln!(
        "merged {} shards of scan '{}' ({} points, {} viable points, {} viable solutions) into {}",
        summary.shards,
        m.name,
        m.sampled,
        m.viable_points,
        m.viable_solutions,
        summary.out_dir.display()
    );
    if summary.rejected_dropped {
        eprintln!(
            "note: rejected.csv was not written because not every shard was run with --keep-rejected"
        );
    }
    Ok(())
}
