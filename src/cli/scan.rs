//! `gmsbscan scan`: turn the arguments into a validated plan and run options, run the scan
//! library, print the summary. Errors carry the file or field they concern.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use clap::Args;

use gmsbscan::models::plan::ModelScan;
use gmsbscan::models::Plan;
use gmsbscan::scan::manifest::CONFIG_FILE;
use gmsbscan::scan::{
    install_signal_handler, load_resume, quiet_worker_panics, run_model, run_scan, RunOptions,
    ScanPlan, Shard, StartMode, Status,
};

/// Arguments of `gmsbscan scan`.
#[derive(Args, Debug)]
pub struct ScanArgs {
    /// Scan configuration (TOML). Without it, the embedded default (HMZ procedure, hmz1999 physics).
    /// A configuration with `model = "mssm_gmsb"` or `"ddr"` scans that model (with the same
    /// driver: every sampler, checkpoints, resume, shards, merge).
    pub config: Option<PathBuf>,
    /// Output directory [default: results/<name>].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Also write rejected points (id, inputs, reason, detail) to rejected.csv.
    #[arg(long)]
    pub keep_rejected: bool,
    /// Continue the interrupted scan in DIR (its echoed config.toml is used; a CONFIG given too
    /// must be the same configuration).
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub resume: Option<PathBuf>,
    /// Replace an earlier scan in the output directory (removes only that scan's files).
    #[arg(long, conflicts_with = "resume")]
    pub force: bool,
    /// Evaluate only shard K of N: the K-th of N contiguous blocks of the ids (0 <= K < N).
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
    /// Progress log interval when stderr is not a terminal, in seconds (0: no log lines).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub log_every: f64,
}

/// `--threads`: a positive integer (0 would silently mean something else), at most
/// [`gmsbscan::scan::driver::max_threads`].
pub fn parse_threads(s: &str) -> Result<usize, String> {
    let max = gmsbscan::scan::driver::max_threads();
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) if n > max => Err(format!(
            "{n} is more than {max} (16 per core, at least 8 cores counted): more threads only cost memory and start-up time"
        )),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{s}' is not a positive integer")),
    }
}

/// Refuses an output directory whose config.toml is the user's input configuration: the scan
/// would overwrite it with the effective configuration.
fn check_input_not_overwritten(config: &Path, out: &Path) -> anyhow::Result<()> {
    let target = out.join(CONFIG_FILE);
    if let (Ok(a), Ok(b)) = (config.canonicalize(), target.canonicalize()) {
        if a == b {
            bail!(
                "the configuration {} is the file the scan writes into {}: copy it elsewhere or choose another --out",
                config.display(),
                out.display()
            );
        }
    }
    Ok(())
}

fn read_plan(path: &PathBuf) -> anyhow::Result<Plan> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the scan configuration {}", path.display()))?;
    Plan::from_toml_str(&text).with_context(|| format!("invalid configuration {}", path.display()))
}

/// Runs the subcommand; the returned code is the process exit code (130 when interrupted).
pub fn run(args: &ScanArgs) -> anyhow::Result<i32> {
    if !(args.log_every >= 0.0 && args.log_every.is_finite()) {
        bail!("--log-every must be a non-negative number of seconds");
    }
    let (plan, out_dir, mode) = match &args.resume {
        Some(dir) => {
            let (plan, _) = load_resume(dir)?;
            if let Some(path) = &args.config {
                let given = read_plan(path)?;
                if given.settings().config_hash != plan.settings().config_hash {
                    bail!(
                        "{} is not the configuration of the scan in {} (compare with {})",
                        path.display(),
                        dir.display(),
                        dir.join("config.toml").display()
                    );
                }
            }
            (plan, dir.clone(), StartMode::Resume)
        }
        None => {
            let plan = match &args.config {
                Some(path) => read_plan(path)?,
                None => Plan::Hmz(ScanPlan::default_plan()),
            };
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("results").join(&plan.settings().name));
            if let Some(config) = &args.config {
                check_input_not_overwritten(config, &out)?;
            }
            (plan, out, StartMode::New { force: args.force })
        }
    };
    let stop = install_signal_handler();
    quiet_worker_panics();
    let mut opts = RunOptions::new(out_dir, stop);
    opts.threads = args.threads;
    opts.keep_rejected = args.keep_rejected;
    opts.shard = args.shard;
    opts.mode = mode;
    opts.log_every = (args.log_every > 0.0).then(|| Duration::from_secs_f64(args.log_every));
    let summary = match &plan {
        Plan::Hmz(p) => run_scan(p, &p.evaluator(), &opts),
        Plan::Model(p) => run_model(&ModelScan::new(p.clone()), &opts),
    }
    .with_context(|| format!("scan '{}' failed", plan.settings().name))?;
    eprintln!("{}", summary.report());
    Ok(if summary.status() == Status::Complete {
        0
    } else {
        130
    })
}
