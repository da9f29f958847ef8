//! `gmsbscan summarize`: the viable region of one or several results directories beside the
//! ranges HMZ quote (the computation and the paper's table live in `gmsbscan::output::summary`).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use gmsbscan::output::summary::{render_markdown, render_text, write_csv, Summary};

/// Arguments of `gmsbscan summarize`.
#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// Results directories of scans (viable.csv, manifest.json, config.toml); several give one
    /// column per scan.
    #[arg(required = true, value_name = "RESULTS_DIR")]
    pub results_dirs: Vec<PathBuf>,
    /// Also write the comparison as CSV to FILE (one row per scan and quantity).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Also write the comparison table as Markdown to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
}

/// Prints the text table to stdout and writes the CSV and Markdown files when asked.
pub fn run(args: &SummarizeArgs) -> anyhow::Result<()> {
    let summaries = args
        .results_dirs
        .iter()
        .map(|dir| {
            Summary::from_results_dir(dir)
                .with_context(|| format!("cannot summarize {}", dir.display()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    print!("{}", render_text(&summaries));
    if let Some(path) = &args.csv {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        write_csv(&summaries, std::io::BufWriter::new(file))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.markdown {
        std::fs::write(path, render_markdown(&summaries))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
