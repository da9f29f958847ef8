//! The `gmsbscan` binary: a thin clap layer over the library.

mod cli;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "gmsbscan",
    version,
    about = "Scans of the GMSB model with an extra singlet Higgs (Han-Marfatia-Zhang 1999)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate one parameter point and print the spectrum and verdict.
    Point(cli::point::PointArgs),
    /// Run a parallel Monte Carlo scan of the parameter space.
    Scan(cli::scan::ScanArgs),
    /// Verify the shard directories of a sharded scan and merge them into one.
    Merge(cli::merge::MergeArgs),
    /// Print speed figures: per-stage costs, per-point cost, throughput on 1 and N threads.
    Bench(cli::bench::BenchArgs),
    /// Compare a finished scan with the ranges Han, Marfatia & Zhang quote (text table, CSV).
    Summarize(cli::summarize::SummarizeArgs),
    /// Write SLHA files of chosen viable rows of an HMZ scan (re-evaluated), for SModelS or HiggsTools.
    Slha(cli::slha::SlhaArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Point(args) => cli::point::run(args).map(|()| 0),
        Command::Scan(args) => cli::scan::run(args),
        Command::Merge(args) => cli::merge::run(args).map(|()| 0),
        Command::Bench(args) => cli::bench::run(args).map(|()| 0),
        Command::Summarize(args) => cli::summarize::run(args).map(|()| 0),
        Command::Slha(args) => cli::slha::run(args).map(|()| 0),
    };
    // Errors print as one chain ("context: cause"), without anyhow's backtrace.
    let code = result.unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        1
    });
    std::process::exit(code)
}
