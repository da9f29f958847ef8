//! `gmsbscan summarize`: the viable region of a results directory beside the ranges HMZ quote
//! (the computation and the paper's table live in `gmsbscan::output::summary`).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use gmsbscan::output::summary::Summary;

/// Arguments of `gmsbscan summarize`.
#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// Results directory of a scan (viable.csv, manifest.json, config.toml).
    pub results_dir: PathBuf,
    /// Also write the table as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

/// Prints the text table to stdout and writes the CSV when asked.
pub fn run(args: &SummarizeArgs) -> anyhow::Result<()> {
    let summary = Summary::from_results_dir(&args.results_dir)
        .with_context(|| format!("cannot summarize {}", args.results_dir.display()))?;
    print!("{}", summary.to_text());
    if let Some(path) = &args.csv {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        summary
            .write_csv(std::io::BufWriter::new(file))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
