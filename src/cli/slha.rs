//! `gmsbscan slha DIR --ids ...`: SLHA files for chosen viable rows of a finished HMZ scan, for
//! recasting tools (SModelS, HiggsTools; README "Recasting"). Each row's sampled inputs are read
//! from DIR/viable.csv (exact: floats are written in shortest round-trip form), the point is
//! re-evaluated with the scan's echoed configuration (DIR/config.toml), and the solution with the
//! row's index is written, after checking that it is viable and reproduces the row's masses.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;

use gmsbscan::model::params::PointInputs;
use gmsbscan::output::slha::{write_slha, SlhaInput};
use gmsbscan::scan::manifest::CONFIG_FILE;
use gmsbscan::scan::{Param, SamplerKind, ScanPlan};

#[derive(Args, Debug)]
pub struct SlhaArgs {
    /// Results directory of an HMZ scan (viable.csv, config.toml).
    pub dir: PathBuf,
    /// Point ids of viable rows (comma-separated); every viable solution of each id is written.
    #[arg(long, value_delimiter = ',', required = true)]
    pub ids: Vec<u64>,
    /// Only this solution index of each id (default: every viable solution of the id).
    #[arg(long)]
    pub solution: Option<usize>,
    /// Output directory [default: DIR/slha].
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// One row of viable.csv, by column name.
struct Row(HashMap<String, String>);

impl Row {
    fn float(&self, name: &str) -> anyhow::Result<f64> {
        let text = self
            .0
            .get(name)
            .with_context(|| format!("viable.csv has no column '{name}'"))?;
        text.parse()
            .with_context(|| format!("viable.csv column '{name}': '{text}' is not a number"))
    }
}

fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("in {}", path.display()))?;
        rows.push(Row(header
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect()));
    }
    Ok(rows)
}

/// The point's inputs from a row: the sampled parameters; the unknowns NaN, as in the scan.
fn row_inputs(plan: &ScanPlan, row: &Row) -> anyhow::Result<PointInputs> {
    let mut inputs = PointInputs {
        tan_beta: row.float("tan_beta")?,
        vev_n: row.float("vev_n")?,
        vev_s: row.float("vev_s")?,
        lambda_susy: row.float("lambda_susy")?,
        m_top: row.float("m_top")?,
        m_phi_over_s: row.float("m_phi_over_s")?,
        lambda_s: f64::NAN,
        lambda_n: f64::NAN,
        k: f64::NAN,
        xi_n: f64::NAN,
        eta_s: f64::NAN,
        eta_n: f64::NAN,
    };
    for c in plan.sampled_couplings() {
        Param::Coupling(c).set(&mut inputs, row.float(c.name())?);
    }
    Ok(inputs)
}

/// Whether two inputs agree bit for bit (NaN equal to NaN).
fn same_inputs(a: &PointInputs, b: &PointInputs) -> bool {
    let f = |p: &PointInputs| {
        [
            p.tan_beta,
            p.vev_n,
            p.vev_s,
            p.lambda_susy,
            p.m_top,
            p.m_phi_over_s,
            p.lambda_s,
            p.lambda_n,
            p.k,
            p.xi_n,
            p.eta_s,
            p.eta_n,
        ]
        .map(f64::to_bits)
    };
    f(a) == f(b)
}

pub fn run(args: &SlhaArgs) -> anyhow::Result<()> {
    let cfg_path = args.dir.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&cfg_path)
        .with_context(|| format!("cannot read {}", cfg_path.display()))?;
    let (model, _) = super::models::model_of(&cfg_path)?;
    if model != gmsbscan::models::ModelName::Hmz {
        bail!(
            "`gmsbscan slha` writes HMZ scans; {} is a {model} scan",
            args.dir.display()
        );
    }
    let plan = ScanPlan::from_toml_str(&text)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .with_context(|| format!("in {}", cfg_path.display()))?;
    let rows = read_rows(&args.dir.join("viable.csv"))?;
    let out_dir = args.out.clone().unwrap_or_else(|| args.dir.join("slha"));
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let evaluator = plan.evaluator();
    for &id in &args.ids {
        let chosen: Vec<&Row> = rows
            .iter()
            .filter(|r| r.0.get("id").and_then(|v| v.parse::<u64>().ok()) == Some(id))
            .filter(|r| {
                args.solution.is_none_or(|s| {
                    r.0.get("solution").and_then(|v| v.parse::<usize>().ok()) == Some(s)
                })
            })
            .collect();
        if chosen.is_empty() {
            bail!("id {id}: no such viable row in {}", args.dir.display());
        }
        let inputs = row_inputs(&plan, chosen[0])?;
        // Random, Latin and Sobol draws are a function of (seed, id): the row must be that draw.
        if matches!(
            plan.settings.sampler,
            SamplerKind::Random | SamplerKind::Latin | SamplerKind::Sobol
        ) && !same_inputs(&inputs, &plan.inputs(id))
        {
            bail!("id {id}: the row's inputs are not the draw of config.toml (a different scan?)");
        }
        let outcome = evaluator.evaluate(&inputs);
        for row in chosen {
            let index = row.float("solution")? as usize;
            let Some(solution) = outcome.solutions.iter().find(|s| s.index == index) else {
                bail!("id {id}: the re-evaluation has no solution {index}");
            };
            if let Err(r) = &solution.verdict {
                bail!("id {id} solution {index}: re-evaluated as rejected ({r})");
            }
            // The re-evaluation must reproduce the row (same code, same inputs).
            for (name, value) in [
                ("mu", solution.derived.mu),
                ("m_gluino", solution.spectrum.gluino),
                ("m_chi1", solution.spectrum.neutralinos.masses[0]),
            ] {
                let stored = row.float(name)?;
                if (value - stored).abs() > 1e-9 * stored.abs().max(1.0) {
                    bail!("id {id} solution {index}: {name} = {value} re-evaluated, {stored} in viable.csv (built by a different version?)");
                }
            }
            let slha = write_slha(&SlhaInput {
                solution,
                inputs: &inputs,
                physics: &plan.physics,
                program_version: env!("CARGO_PKG_VERSION"),
            });
            let path = out_dir.join(format!("{}_id{id}_sol{index}.slha", plan.settings.name));
            std::fs::write(&path, slha)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}
