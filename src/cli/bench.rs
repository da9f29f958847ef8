//! `gmsbscan bench`: speed figures of the physics, printed (speed goals live here, not in timed
//! unit tests). Per-stage costs at the Table I point, the per-point cost distribution over points
//! of a scan configuration, and the throughput on 1 and N threads. A configuration of another
//! model (mssm_gmsb, ddr) gets its per-point costs and throughput as the scan driver evaluates its
//! points (through the model interface, `scan::model`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;

use gmsbscan::config::{PhysicsConfig, PhysicsSwitches, Preset};
use gmsbscan::constraints::BoundSetName;
use gmsbscan::model::boundary::MessengerInputs;
use gmsbscan::model::params::{Couplings, PointInputs};
use gmsbscan::model::potential::{mass_matrix_blocks, stationarity_jacobian, table1_like_point};
use gmsbscan::model::rge::{
    evolutions_on_this_thread, evolve_using, gauge_couplings_at, Integrator,
};
use gmsbscan::models::plan::ModelScan;
use gmsbscan::models::Plan;
use gmsbscan::phases::{thread_cpu_seconds, Phase, PhaseClock, PhaseTimes};
use gmsbscan::point::Evaluator;
use gmsbscan::scan::model::ScanModel;
use gmsbscan::scan::ScanPlan;
use gmsbscan::solve::Strategy;

/// Arguments of `gmsbscan bench`. The per-point costs are timed for both presets of an HMZ
/// configuration: its own preset with its `[physics]` switches, the other with that preset's
/// defaults.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Scan configuration whose points are timed (default: the embedded default scan). Of an HMZ
    /// configuration, its own preset is timed with its `[physics]` switches, the other preset
    /// with that preset's defaults.
    pub config: Option<PathBuf>,
    /// Number of points of the configuration to time (at least 1, at most the configuration's).
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u64).range(1..))]
    pub points: u64,
    /// Threads for the parallel throughput figure (default: all cores).
    #[arg(long, value_parser = super::scan::parse_threads)]
    pub threads: Option<usize>,
    /// Time only the root search (skip the multistart reference, which costs ~10x more; HMZ
    /// configurations only).
    #[arg(long)]
    pub roots_only: bool,
}

/// Median and mean of repeated timings of `f`, in microseconds of this thread's CPU time.
fn time_us(repeats: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..repeats)
        .map(|_| {
            let start = thread_cpu_seconds();
            f();
            (thread_cpu_seconds() - start) * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t.iter().sum::<f64>() / t.len() as f64)
}

fn table1_stage_costs() {
    let p = PointInputs::table1();
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        let cfg = PhysicsConfig::preset(preset);
        let b = p.tan_beta.atan();
        let vu = cfg.sm.vev * b.sin();
        let q = 900.0;
        let [g1, g2, g3] = gauge_couplings_at(&cfg.sm, q);
        let c = Couplings {
            g1,
            g2,
            g3,
            ht: p.m_top / vu,
            hb: 0.0,
            htau: 0.0,
            lambda_n: p.lambda_n,
            lambda_s: p.lambda_s,
            k: p.k,
            xi_n: p.xi_n,
            xi_s: 0.94,
            eta_n: p.eta_n,
            eta_s: p.eta_s,
        };
        let m = MessengerInputs {
            lambda_susy: p.lambda_susy,
            m_mess: p.vev_s,
            n5: 1.0,
        };
        for integrator in [Integrator::Dopri5, Integrator::FixedStep] {
            let (med, _) = time_us(200, || {
                let _ = std::hint::black_box(evolve_using(integrator, &c, q, &m, &cfg));
            });
            println!(
                "  {:<10} RG evolution Q -> M -> Q ({integrator:<10}):  {med:9.1} us (median of 200)",
                preset.to_string()
            );
        }
        let ev = Evaluator::new(cfg, BoundSetName::Hmz1999);
        let (med, mean) = time_us(30, || {
            let _ = std::hint::black_box(ev.evaluate(&p));
        });
        println!(
            "  {:<10} full point evaluation at Table I:  {:9.2} ms median, {:.2} ms mean (30 runs)",
            preset.to_string(),
            med / 1e3,
            mean / 1e3
        );
    }
    // The consistent preset's exact messenger matching on (the costlier case).
    let (s, params, vevs) = table1_like_point();
    let unknowns = PhysicsConfig::DEFAULT_UNKNOWNS;
    let (med, _) = time_us(2000, || {
        let _ = std::hint::black_box(stationarity_jacobian(vevs, &s, unknowns, &params));
    });
    println!("  stationarity conditions + coupling Jacobian (AD, hyper-dual):   {med:7.2} us");
    let (med, _) = time_us(2000, || {
        let _ = std::hint::black_box(mass_matrix_blocks(vevs, &s, &params));
    });
    println!("  Higgs mass matrix (AD Hessians of the 3 + 3 + 4 field blocks): {med:7.2} us");
}

/// Wall time and viable count of `viable(id)` over `ids` on `threads` threads.
fn throughput(
    ids: &[u64],
    threads: usize,
    viable: impl Fn(u64) -> bool + Sync,
) -> anyhow::Result<(Duration, usize)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let start = Instant::now();
    let n = pool.install(|| ids.par_iter().filter(|&&id| viable(id)).count());
    Ok((start.elapsed(), n))
}

/// CPU cost (this thread), its split by phase and the RG evolutions of one point evaluation,
/// with its outcome.
struct PointCost {
    ms: f64,
    phases: PhaseTimes,
    evolutions: u64,
    outcome: String,
}

/// Times one point evaluation on this thread (thread CPU time, phases, RG evolutions);
/// `evaluate` returns the outcome ("viable" or the rejection key). The point's CPU time is
/// divided among the phases in proportion to their monotonic times (src/phases.rs: reading the
/// thread CPU clock at every phase switch would cost more than some phases).
fn cost_of(evaluate: impl FnOnce() -> String) -> PointCost {
    let n0 = evolutions_on_this_thread();
    let start = thread_cpu_seconds();
    PhaseClock::start();
    let outcome = std::hint::black_box(evaluate());
    let phases = PhaseClock::stop();
    let seconds = thread_cpu_seconds() - start;
    let timed: f64 = phases.iter().sum();
    let to_cpu = if timed > 0.0 { seconds / timed } else { 0.0 };
    PointCost {
        ms: seconds * 1e3,
        phases: phases.map(|t| t * to_cpu),
        evolutions: evolutions_on_this_thread() - n0,
        outcome,
    }
}

/// The outcome of an HMZ point.
fn hmz_outcome(out: gmsbscan::point::PointOutcome) -> String {
    if out.solutions.iter().any(|s| s.verdict.is_ok()) {
        "viable".to_string()
    } else if let Some(s) = out.solutions.first() {
        s.verdict
            .as_ref()
            .err()
            .map_or("viable".into(), |r| r.reason.key())
    } else {
        out.failure.map_or("none".into(), |r| r.reason.key())
    }
}

/// The outcome of a point of any model, as the scan driver evaluates it.
fn model_outcome<M: ScanModel>(model: &M, id: u64) -> String {
    let u = model.settings().sampler().unit_point(id);
    let rows = model.evaluate(id, &model.inputs_at(&u));
    match rows.rejection {
        None => "viable".to_string(),
        Some((key, _)) => key,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Per-point figures of one evaluator: all points, points that reach the solver, evolutions per
/// point by outcome, solutions found.
fn report_costs(label: &str, costs: Vec<PointCost>) {
    let n = costs.len() as f64;
    let total_s = costs.iter().map(|c| c.ms).sum::<f64>() / 1e3;
    let solved: Vec<&PointCost> = costs.iter().filter(|c| c.evolutions > 0).collect();
    println!(
        "  {label}: {} points in {total_s:.2} s CPU ({:.1} points/s on 1 thread)",
        costs.len(),
        n / total_s
    );
    if !solved.is_empty() {
        println!(
            "    {} points reach the RG/EWSB stage (solver points): median {:.3} ms CPU, mean {:.3} ms, median {} RG evolutions",
            solved.len(),
            median(solved.iter().map(|c| c.ms).collect()),
            solved.iter().map(|c| c.ms).sum::<f64>() / solved.len() as f64,
            median(solved.iter().map(|c| c.evolutions as f64).collect())
        );
        // Exclusive phases (an RG evolution inside the root search counts as RG): medians and
        // means per solver point, and the share of the solver points' total CPU.
        let total_ms: f64 = solved.iter().map(|c| c.ms).sum();
        println!("    per phase (ms CPU per solver point: median, mean; share of the total):");
        for phase in Phase::ALL {
            let of: Vec<f64> = solved
                .iter()
                .map(|c| c.phases[phase as usize] * 1e3)
                .collect();
            let sum: f64 = of.iter().sum();
            println!(
                "      {:<12} median {:7.3}  mean {:7.3}  {:5.1} %",
                phase.label(),
                median(of.clone()),
                sum / of.len() as f64,
                100.0 * sum / total_ms
            );
        }
    }
    let mut outcomes: Vec<String> = solved.iter().map(|c| c.outcome.clone()).collect();
    outcomes.sort();
    outcomes.dedup();
    for o in outcomes {
        let of: Vec<&&PointCost> = solved.iter().filter(|c| c.outcome == o).collect();
        println!(
            "    {o:<22} {:5} points: mean {:7.1} RG evolutions, median {:.3} ms",
            of.len(),
            of.iter().map(|c| c.evolutions as f64).sum::<f64>() / of.len() as f64,
            median(of.iter().map(|c| c.ms).collect())
        );
    }
}

/// Runs the benchmark and prints the figures.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let plan = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Plan::from_toml_str(&text).with_context(|| format!("in {}", path.display()))?
        }
        None => Plan::Hmz(ScanPlan::default_plan()),
    };
    let settings = plan.settings();
    let model_name = settings.model;
    if args.points > settings.points {
        anyhow::bail!(
            "--points {} exceeds the {} points of scan '{}'",
            args.points,
            settings.points,
            settings.name
        );
    }
    let ids: Vec<u64> = (0..args.points).collect();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("gmsbscan bench (release build recommended: cargo run --release -- bench)");
    match plan {
        Plan::Hmz(plan) => run_hmz(args, &plan, &ids, threads),
        Plan::Model(_) if args.roots_only => {
            anyhow::bail!(
                "--roots-only times the HMZ root search: a {model_name} configuration has none"
            )
        }
        Plan::Model(plan) => {
            let model = ModelScan::new(plan);
            println!(
                "\n[per-point cost over {} points of the {model_name} configuration as given, 1 thread]",
                ids.len(),
            );
            let costs = ids.iter().map(|&id| cost_of(|| model_outcome(&model, id)));
            report_costs(&model_name.to_string(), costs.collect());
            print_throughput(&ids, threads, |id| model_outcome(&model, id) == "viable")
        }
    }
}

/// Throughput on 1 and `threads` threads.
fn print_throughput(
    ids: &[u64],
    threads: usize,
    viable: impl Fn(u64) -> bool + Sync,
) -> anyhow::Result<()> {
    println!("\n[throughput of the configuration as given]");
    for t in [1, threads] {
        let (elapsed, n) = throughput(ids, t, &viable)?;
        println!(
            "  {t} thread(s): {:.1} points/s ({} points in {:.2} s, {n} viable)",
            ids.len() as f64 / elapsed.as_secs_f64(),
            ids.len(),
            elapsed.as_secs_f64()
        );
        if threads == 1 {
            break;
        }
    }
    Ok(())
}

/// Sets `physics` up for timing `preset`: the configuration's own preset keeps the
/// configuration's physics switches (e.g. `singlet_decoupling = "running"`), the other preset
/// runs with its defaults. Returns the label of the choice.
fn physics_for(physics: &mut PhysicsConfig, preset: Preset) -> &'static str {
    if physics.preset == preset {
        return "the configuration's physics";
    }
    physics.preset = preset;
    physics.switches = PhysicsSwitches::preset(preset);
    "preset defaults"
}

/// The HMZ figures: the stage costs at Table I, the per-point costs of both presets and solvers.
fn run_hmz(args: &BenchArgs, plan: &ScanPlan, ids: &[u64], threads: usize) -> anyhow::Result<()> {
    println!("\n[per-stage costs]");
    table1_stage_costs();
    println!(
        "\n[per-point cost over {} points of the scan configuration, 1 thread, per preset and solver]",
        ids.len()
    );
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        let mut evaluator = plan.evaluator();
        let physics = physics_for(&mut evaluator.physics, preset);
        let strategies: &[(Strategy, Integrator)] = if args.roots_only {
            &[(Strategy::Roots, Integrator::FixedStep)]
        } else {
            &[
                (Strategy::Roots, Integrator::FixedStep),
                (Strategy::Multistart, Integrator::Dopri5),
            ]
        };
        for &(strategy, integrator) in strategies {
            evaluator.ewsb.strategy = strategy;
            evaluator.ewsb.integrator = integrator;
            let label = format!("{preset} {strategy} ({integrator}; {physics})");
            let costs = ids.iter().map(|&id| {
                let inputs = plan.inputs(id);
                cost_of(|| hmz_outcome(evaluator.evaluate(&inputs)))
            });
            report_costs(&label, costs.collect());
        }
    }

    let evaluator = plan.evaluator();
    print_throughput(ids, threads, |id| {
        let out = evaluator.evaluate(&plan.inputs(id));
        out.solutions.iter().any(|s| s.verdict.is_ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gmsbscan::config::SingletDecoupling;

    /// The configuration's own preset keeps its switches; the other preset gets its defaults.
    #[test]
    fn the_configurations_preset_keeps_its_physics() {
        let mut configured = PhysicsConfig::preset(Preset::Consistent);
        configured.switches.singlet_decoupling = SingletDecoupling::Running;

        let mut own = configured.clone();
        assert_eq!(
            physics_for(&mut own, Preset::Consistent),
            "the configuration's physics"
        );
        assert_eq!(own.preset, Preset::Consistent);
        assert_eq!(own.switches.singlet_decoupling, SingletDecoupling::Running);

        let mut other = configured.clone();
        assert_eq!(physics_for(&mut other, Preset::Hmz1999), "preset defaults");
        assert_eq!(other.preset, Preset::Hmz1999);
        assert_eq!(other.switches, PhysicsSwitches::preset(Preset::Hmz1999));
    }
}
