//! `gmsbscan point`: evaluate one parameter point and print a readable table (optionally SLHA).
//! Raw arguments (card + flags) become a validated list of (physics, inputs) before any work.

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::Args;

use gmsbscan::config::{PointCard, Preset};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::models::ModelName;
use gmsbscan::output::slha::{write_slha, SlhaInput};
use gmsbscan::output::table::render_outcome;
use gmsbscan::point::{Evaluator, PointOutcome};
use gmsbscan::scan::config::bound_set_name;

/// Arguments of `gmsbscan point`.
#[derive(Args, Debug)]
pub struct PointArgs {
    /// Point card (TOML) with the inputs; flags below override its values. A card with
    /// `model = "mssm_gmsb"` or `"ddr"` evaluates that model: --preset, --bounds and the flags of
    /// its inputs override the card (mssm_gmsb: --tan-beta, --lambda-susy, --m-top; ddr:
    /// --m-top), any other input flag is refused.
    pub card: Option<PathBuf>,
    /// Physics preset: hmz1999 (as printed) or consistent (errata fixed); overrides the card.
    #[arg(long)]
    pub preset: Option<Preset>,
    /// Experimental bound set: hmz1999, lepfinal or none; overrides the card.
    #[arg(long, value_parser = parse_bounds)]
    pub bounds: Option<BoundSetName>,
    /// Write the first viable solution (else the first) as an SLHA2 file (needs a single preset).
    #[arg(long)]
    pub slha: Option<PathBuf>,
    #[arg(long)]
    pub tan_beta: Option<f64>,
    /// <N> [GeV].
    #[arg(long)]
    pub vev_n: Option<f64>,
    /// <S> [GeV].
    #[arg(long)]
    pub vev_s: Option<f64>,
    /// Lambda = F_S/<S> [GeV].
    #[arg(long)]
    pub lambda_susy: Option<f64>,
    /// DR-bar running top mass [GeV].
    #[arg(long)]
    pub m_top: Option<f64>,
    #[arg(long)]
    pub lambda_s: Option<f64>,
    #[arg(long)]
    pub lambda_n: Option<f64>,
    #[arg(long)]
    pub k: Option<f64>,
    #[arg(long)]
    pub xi_n: Option<f64>,
    #[arg(long)]
    pub eta_s: Option<f64>,
    #[arg(long)]
    pub eta_n: Option<f64>,
    /// m_phi0 / <S> for the relic density.
    #[arg(long)]
    pub m_phi_over_s: Option<f64>,
}

fn parse_bounds(s: &str) -> Result<BoundSetName, String> {
    match s {
        "hmz1999" => Ok(BoundSetName::Hmz1999),
        "lepfinal" => Ok(BoundSetName::LepFinal),
        "lhc2025" => Ok(BoundSetName::Lhc2025),
        "none" => Ok(BoundSetName::None),
        _ => Err(format!(
            "unknown bound set '{s}' (expected hmz1999, lepfinal, lhc2025 or none)"
        )),
    }
}

impl PointArgs {
    /// The input flags by name (the names of the card's `[inputs]` keys).
    fn input_flags(&self) -> [(&'static str, Option<f64>); 12] {
        [
            ("tan_beta", self.tan_beta),
            ("vev_n", self.vev_n),
            ("vev_s", self.vev_s),
            ("lambda_susy", self.lambda_susy),
            ("m_top", self.m_top),
            ("lambda_s", self.lambda_s),
            ("lambda_n", self.lambda_n),
            ("k", self.k),
            ("xi_n", self.xi_n),
            ("eta_s", self.eta_s),
            ("eta_n", self.eta_n),
            ("m_phi_over_s", self.m_phi_over_s),
        ]
    }

    /// A model card's text with the flags applied (flags the model has no input for refused).
    fn model_card(&self, model: ModelName, text: &str) -> anyhow::Result<String> {
        let mut doc: toml::Table = toml::from_str(text)?;
        let inputs: &[&str] = match model {
            ModelName::MssmGmsb => &["tan_beta", "lambda_susy", "m_top"],
            _ => &["m_top"],
        };
        let refused: Vec<String> = self
            .input_flags()
            .iter()
            .filter(|(name, v)| v.is_some() && !inputs.contains(name))
            .map(|(name, _)| format!("--{}", name.replace('_', "-")))
            .collect();
        if !refused.is_empty() {
            bail!(
                "{} do(es) not apply to a {model} card (its input flags: {})",
                refused.join(", "),
                inputs
                    .iter()
                    .map(|n| format!("--{}", n.replace('_', "-")))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for (name, value) in self.input_flags() {
            if let (Some(v), Some(toml::Value::Table(t))) = (value, doc.get_mut("inputs")) {
                t.insert(name.into(), toml::Value::Float(v));
            }
        }
        if let Some(p) = self.preset {
            doc.insert("preset".into(), toml::Value::String(p.to_string()));
        }
        if let Some(b) = self.bounds {
            doc.insert("bounds".into(), bound_set_name(b).into());
        }
        Ok(toml::to_string(&doc)?)
    }

    fn card(&self) -> anyhow::Result<PointCard> {
        let mut card = match &self.card {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read point card {}", path.display()))?;
                PointCard::from_toml_str(&text)
                    .with_context(|| format!("in point card {}", path.display()))?
            }
            None => PointCard::default(),
        };
        let i = &mut card.inputs;
        let slots = [
            &mut i.tan_beta,
            &mut i.vev_n,
            &mut i.vev_s,
            &mut i.lambda_susy,
            &mut i.m_top,
            &mut i.lambda_s,
            &mut i.lambda_n,
            &mut i.k,
            &mut i.xi_n,
            &mut i.eta_s,
            &mut i.eta_n,
            &mut i.m_phi_over_s,
        ];
        for (slot, (_, flag)) in slots.into_iter().zip(self.input_flags()) {
            if flag.is_some() {
                *slot = flag;
            }
        }
        if let Some(p) = self.preset {
            card.presets = vec![p];
        }
        if card.presets.is_empty() {
            card.presets = vec![Preset::Hmz1999];
        }
        if let Some(b) = self.bounds {
            card.bounds = Some(b);
        }
        Ok(card)
    }
}

/// Why a point has no viable solution (None when it has one): the point's failure, or else the
/// first failed check of its first solution.
fn no_viable_solution(outcome: &PointOutcome) -> Option<String> {
    if outcome.solutions.iter().any(|s| s.verdict.is_ok()) {
        return None;
    }
    let rejection = outcome.failure.as_ref().or_else(|| {
        outcome
            .solutions
            .iter()
            .find_map(|s| s.verdict.as_ref().err())
    });
    Some(rejection.map_or_else(|| "no EWSB solution".to_string(), |r| format!("{r}")))
}

/// Runs the subcommand: exit 0 only when every requested preset has a viable solution.
pub fn run(args: &PointArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.card {
        let (model, text) = super::models::model_of(path)?;
        if model != ModelName::Hmz {
            let text = args.model_card(model, &text)?;
            return super::models::run_point(path, &text, args.slha.as_deref());
        }
    }
    let card = args.card()?;
    if args.slha.is_some() && card.presets.len() != 1 {
        bail!("--slha writes one solution: choose a single preset with --preset");
    }
    let mut failures = Vec::new();
    for &preset in &card.presets {
        let physics = card.physics(preset)?;
        let inputs = card.point_inputs(&physics.unknowns, physics.switches.yukawa_inputs)?;
        let bounds = card.bounds.unwrap_or(BoundSetName::Hmz1999);
        let evaluator = Evaluator::new(physics.clone(), bounds);
        let outcome = evaluator.evaluate(&inputs);
        let [u0, u1, u2] = physics.unknowns;
        let title = format!(
            "preset {preset}, bounds {}, unknowns {u0}, {u1}, {u2}",
            bound_set_name(bounds)
        );
        print!("{}", render_outcome(&title, &outcome, &card.reference));
        println!();
        if let Some(path) = &args.slha {
            // The first viable solution, else the first (its SPINFO 4 says why it is rejected).
            let viable = outcome.solutions.iter().find(|s| s.verdict.is_ok());
            let Some(solution) = viable.or(outcome.solutions.first()) else {
                bail!("no EWSB solution: nothing to write to {}", path.display());
            };
            let text = write_slha(&SlhaInput {
                solution,
                inputs: &inputs,
                physics: &physics,
                program_version: env!("CARGO_PKG_VERSION"),
            });
            std::fs::write(path, text)
                .with_context(|| format!("cannot write SLHA file {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        if let Some(why) = no_viable_solution(&outcome) {
            failures.push(format!("{preset}: {why}"));
        }
    }
    if !failures.is_empty() {
        bail!("no viable solution ({})", failures.join("; "));
    }
    Ok(())
}
