//! `gmsbscan summarize`: the viable region of one or several results directories beside the
//! ranges HMZ quote (the computation and the paper's table live in `gmsbscan::output::summary`),
//! or with `--ladder` the erratum ladder of scans in ladder order (`gmsbscan::output::ladder`).

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use gmsbscan::output::ladder;
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
    /// The erratum ladder instead of the ranges: one row per scan, in the order given (e.g. the
    /// scans of configs/ladder/cumulative_*.toml), with the erratum switches each scan has on and
    /// those changed from the row above, read from each scan's config.toml.
    #[arg(long)]
    pub ladder: bool,
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
    if args.ladder {
        return write_ladder(args, &summaries);
    }
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

/// `--ladder`: the erratum ladder of the scans, as text on stdout and the optional files.
fn write_ladder(args: &SummarizeArgs, summaries: &[Summary]) -> anyhow::Result<()> {
    let rows = ladder::ladder_rows(summaries)?;
    print!("{}", ladder::render_text(&rows));
    if let Some(path) = &args.csv {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        ladder::write_csv(&rows, std::io::BufWriter::new(file))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.markdown {
        std::fs::write(path, ladder::render_markdown(&rows))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}
