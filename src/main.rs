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
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Point(args) => cli::point::run(args),
        Command::Scan(args) => {
            let code = cli::scan::run(args)?;
            std::process::exit(code)
        }
    }
}
