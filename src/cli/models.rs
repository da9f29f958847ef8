//! `gmsbscan point` for the models on the MSSM limit of the engine
//! (`mssm_gmsb`, `ddr`): a card or configuration with a top-level `model` key other than `hmz`
//! comes here (the HMZ point command never sees it; scans of every model go through
//! `gmsbscan scan` and the one driver).

use std::path::Path;

use anyhow::{bail, Context};

use gmsbscan::models::card::ModelCard;
use gmsbscan::models::columns::{
    listing, DDR_INPUT_COLUMNS, DDR_SOLVED_COLUMNS, MSSM_INPUT_COLUMNS, SOLUTION_COLUMNS,
};
use gmsbscan::models::mssm::MssmSolution;
use gmsbscan::models::slha::{write_model_slha, SlhaModel};
use gmsbscan::models::ModelName;

/// The model named by a card or configuration file (hmz when it has no `model` key).
pub fn model_of(path: &Path) -> anyhow::Result<(ModelName, String)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let model = ModelName::of_toml(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("in {}", path.display()))?;
    Ok((model, text))
}

fn verdict_line(v: &Result<(), gmsbscan::constraints::Rejection>) -> String {
    match v {
        Ok(()) => "viable".into(),
        Err(r) => format!("rejected: {r}"),
    }
}

/// Writes the SLHA file of a solution.
fn write_slha(path: &Path, model: &SlhaModel, sol: &MssmSolution) -> anyhow::Result<()> {
    let text = write_model_slha(model, sol, env!("CARGO_PKG_VERSION"));
    std::fs::write(path, text)
        .with_context(|| format!("cannot write SLHA file {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// `gmsbscan point CARD` for a model card: prints inputs, solution(s) and verdicts, optionally
/// writes the SLHA file of the first viable solution (else the first); exit status non-zero when
/// no solution is viable.
pub fn run_point(path: &Path, text: &str, slha: Option<&Path>) -> anyhow::Result<()> {
    let card = ModelCard::from_toml_str(text)
        .with_context(|| format!("in point card {}", path.display()))?;
    match card {
        ModelCard::Mssm { evaluator, inputs } => {
            println!("model mssm_gmsb, preset {}", evaluator.physics.preset);
            print!("{}", listing(MSSM_INPUT_COLUMNS, &inputs));
            let sol = evaluator
                .evaluate(&inputs)
                .map_err(|r| anyhow::anyhow!("no solution: {r}"))?;
            print!("{}", listing(SOLUTION_COLUMNS, &sol));
            println!("verdict: {}", verdict_line(&sol.verdict));
            if let Some(out) = slha {
                write_slha(out, &SlhaModel::Mssm(&inputs), &sol)?;
            }
            if sol.verdict.is_err() {
                bail!("no viable solution");
            }
        }
        ModelCard::Ddr { evaluator, inputs } => {
            println!("model ddr, preset {}", evaluator.mssm.physics.preset);
            print!("{}", listing(DDR_INPUT_COLUMNS, &inputs));
            let out = evaluator.evaluate(&inputs);
            if let Some(r) = &out.failure {
                bail!("no solution: {r}");
            }
            for s in &out.solutions {
                println!("solution {}", s.index);
                print!("{}", listing(DDR_SOLVED_COLUMNS, s));
                print!("{}", listing(SOLUTION_COLUMNS, &s.mssm));
                println!("verdict: {}", verdict_line(&s.mssm.verdict));
            }
            if let Some(file) = slha {
                let viable = out.solutions.iter().find(|s| s.mssm.verdict.is_ok());
                if let Some(s) = viable.or(out.solutions.first()) {
                    write_slha(file, &SlhaModel::Ddr(&inputs, s), &s.mssm)?;
                }
            }
            if !out.solutions.iter().any(|s| s.mssm.verdict.is_ok()) {
                bail!("no viable solution");
            }
        }
    }
    Ok(())
}
