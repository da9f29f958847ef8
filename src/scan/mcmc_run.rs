//! The run loop of `sampler = "mcmc"`: exploration, chains, checkpoints, statistics.
//!
//! 1. Exploration: the ids 0..points are drawn by the `[mcmc] exploration` sampler (random, latin,
//!    sobol) and evaluated in parallel, exactly like a scan with that sampler; they are counted in
//!    the manifest but not written (their viable points are draws of the target: they seed the
//!    chains). The covariance of the viable exploration points, on the non-fixed dimensions,
//!    becomes the proposal's shape; chain c starts at a viable exploration point picked uniformly
//!    (without replacement while there are enough) with the RNG stream [`START_STREAM`]. An
//!    interrupted exploration is redone from scratch on resume (it is deterministic).
//! 2. Chains: every batch advances each chain of the run by `batch_size` steps (chains in
//!    parallel, each with its own RNG stream), then writes the emitted states chain by chain and
//!    checkpoints (each chain's state, RNG position and scale go to the manifest). The output is
//!    therefore byte-identical for any thread count, and a resume (even after `kill -9`) continues
//!    from the last checkpoint exactly as the uninterrupted run would have.
//! 3. At the end, the effective sample size and R-hat of every sampled variable are computed from
//!    the rows written (their chain, step and weight) and stored with the acceptance rates.
//!
//! The state of a chain is the sampled inputs; it is viable iff at least one EWSB solution is.
//! An emitted state writes one row per viable solution, each with the state's `chain`, `step`
//! (the first sampling step of this run of the state) and `weight` (the steps it was counted).
//! A shard (`--shard K/N`) runs the K-th contiguous block of the chains (after the same
//! exploration); `gmsbscan merge` interleaves the shards' rows back into the unsharded order.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime};

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::output::columns::{Cell, Column};

use super::driver::{
    evaluate_inputs, headers, lock_output, prepare_new, prepare_resume, RunOptions, RunSummary,
    ScanError, StartMode,
};
use super::manifest::{rfc3339, Manifest, Status, VIABLE_FILE};
use super::mcmc::{
    BatchOut, Chain, ChainCheckpoint, ChainCounts, ChainTarget, McmcSettings, Proposal,
    START_STREAM,
};
use super::model::{ColumnDoc, ScanModel, ScanSettings};
use super::sampler::DIMS;
use super::stats::ess;
use super::writer::{Evaluated, OutputWriter};
use super::Shard;

/// The columns an MCMC scan appends to `viable.csv`.
pub static CHAIN_COLUMNS: [ColumnDoc; 3] = [
    Column {
        name: "chain",
        unit: "",
        description: "MCMC chain of the row",
        value: (),
    },
    Column {
        name: "step",
        unit: "",
        description: "first sampling step of this run of the chain's state",
        value: (),
    },
    Column {
        name: "weight",
        unit: "",
        description: "steps the state was counted (weighted rows follow the prior restricted to the viable points)",
        value: (),
    },
];

/// Where an MCMC scan stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Exploration,
    Chains,
    Done,
}

/// The proposal as stored (f64 as bit patterns).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalRecord {
    pub active: Vec<usize>,
    pub chol_bits: Vec<u64>,
    /// The independence proposal's kernel centres (active coordinates) and width.
    pub centres_bits: Vec<Vec<u64>>,
    pub bandwidth_bits: u64,
    pub independence_bits: u64,
}

/// Convergence statistics of one sampled variable.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariableStats {
    pub ess: f64,
    pub rhat: f64,
}

/// The exploration's counts (also included in the manifest's totals).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplorationRecord {
    pub points: u64,
    pub viable_points: u64,
    pub rejections: BTreeMap<String, u64>,
}

/// The `mcmc` block of `manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct McmcRecord {
    pub phase: Phase,
    pub chains_total: u64,
    /// The chains this run covers: first_chain..end_chain.
    pub first_chain: u64,
    pub end_chain: u64,
    pub burn_in: u64,
    pub steps: u64,
    pub exploration: ExplorationRecord,
    /// Summed over the chains of this run.
    pub counts: ChainCounts,
    /// Acceptance after burn-in, and during it (None before any step).
    pub acceptance_rate: Option<f64>,
    pub burn_in_acceptance_rate: Option<f64>,
    /// Per sampled variable (its viable.csv column), at the end.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stats: BTreeMap<String, VariableStats>,
    /// The smallest ESS over the sampled variables: the run's effective samples.
    pub effective_samples: Option<f64>,
    pub proposal: Option<ProposalRecord>,
    /// Each chain's state at the last checkpoint (empty once done).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkpoint: Vec<ChainCheckpoint>,
}

impl McmcRecord {
    /// Lines for the end-of-run summary.
    pub fn report(&self) -> String {
        let pct = |x: Option<f64>| x.map_or("-".into(), |v| format!("{:.1} %", 100.0 * v));
        let mut out = format!(
            "  mcmc: chains {}..{} of {}, burn-in {} + {} steps each ({}); exploration {} points, {} viable\n  \
             acceptance {} (burn-in {}), independence steps {} of which {} accepted, {} proposals outside the prior box",
            self.first_chain,
            self.end_chain,
            self.chains_total,
            self.burn_in,
            self.steps,
            match self.phase {
                Phase::Exploration => "exploring",
                Phase::Chains => "running",
                Phase::Done => "done",
            },
            self.exploration.points,
            self.exploration.viable_points,
            pct(self.acceptance_rate),
            pct(self.burn_in_acceptance_rate),
            self.counts.independence_proposed,
            self.counts.independence_accepted,
            self.counts.outside,
        );
        if let Some(e) = self.effective_samples {
            out.push_str(&format!(
                "\n  effective samples (smallest ESS) {e:.0}; ESS / R-hat:"
            ));
            for (name, s) in &self.stats {
                out.push_str(&format!(" {name} {:.0}/{:.3}", s.ess, s.rhat));
            }
        }
        out
    }

    fn update_rates(&mut self) {
        let c = &self.counts;
        self.acceptance_rate = (c.proposed > 0).then(|| c.acceptance());
        self.burn_in_acceptance_rate =
            (c.burn_in_proposed > 0).then(|| c.burn_in_accepted as f64 / c.burn_in_proposed as f64);
    }
}

/// The physics as a chain target: viable iff at least one solution is viable.
struct PhysicsTarget<'a, M> {
    model: &'a M,
}

impl<M: ScanModel> ChainTarget for PhysicsTarget<'_, M> {
    type Outcome = Evaluated;
    fn evaluate(&self, id: u64, u: &[f64; DIMS]) -> Result<Evaluated, String> {
        let e = evaluate_inputs(self.model, id, self.model.inputs_at(u));
        match &e.rows.rejection {
            None => Ok(e),
            Some((key, _)) => Err(key.clone()),
        }
    }
}

/// Evaluation id of step 0 of chain `c` (the exploration has ids 0..points).
fn id_base(plan: &ScanSettings, m: &McmcSettings, c: u64) -> u64 {
    plan.points + c * m.total_steps()
}

/// The consistency checks of an MCMC manifest before a resume.
pub fn check_consistency(m: &Manifest, plan: &ScanSettings) -> Result<(), ScanError> {
    let fail = |what: String| Err(ScanError::Resume(format!("inconsistent manifest: {what}")));
    let (Some(r), Some(settings)) = (&m.mcmc, &plan.mcmc) else {
        return fail("an mcmc block without sampler = \"mcmc\" in the configuration".into());
    };
    let expected = m
        .shard
        .map_or((0, settings.chains), |s| s.id_range(settings.chains));
    if (r.first_chain, r.end_chain) != expected || r.chains_total != settings.chains {
        return fail(format!(
            "chains {}..{} of {} are not those of shard {}",
            r.first_chain,
            r.end_chain,
            r.chains_total,
            Shard::describe(m.shard)
        ));
    }
    let by_reason: u64 = m.rejections.values().sum();
    if m.rejected_points != by_reason
        || m.viable_points.checked_add(m.rejected_points) != Some(m.sampled)
        || m.files.viable_csv.rows != m.viable_solutions
    {
        return fail(format!(
            "{} viable + {} rejected ({} by reason) for {} evaluated; {} rows recorded for {} written",
            m.viable_points,
            m.rejected_points,
            by_reason,
            m.sampled,
            m.files.viable_csv.rows,
            m.viable_solutions
        ));
    }
    let chains = (r.end_chain - r.first_chain) as usize;
    if r.phase == Phase::Chains && (r.checkpoint.len() != chains || r.proposal.is_none()) {
        return fail(format!(
            "{} chain checkpoints for {chains} chains",
            r.checkpoint.len()
        ));
    }
    Ok(())
}

/// The first record of a new MCMC scan.
fn new_record(settings: &McmcSettings, shard: Option<Shard>) -> McmcRecord {
    let (first_chain, end_chain) =
        shard.map_or((0, settings.chains), |s| s.id_range(settings.chains));
    McmcRecord {
        phase: Phase::Exploration,
        chains_total: settings.chains,
        first_chain,
        end_chain,
        burn_in: settings.burn_in,
        steps: settings.steps,
        exploration: ExplorationRecord::default(),
        counts: ChainCounts::default(),
        acceptance_rate: None,
        burn_in_acceptance_rate: None,
        stats: BTreeMap::new(),
        effective_samples: None,
        proposal: None,
        checkpoint: Vec::new(),
    }
}

/// Runs (or resumes) an MCMC scan; called by `run_scan` for `sampler = "mcmc"`.
pub fn run_mcmc<M: ScanModel>(
    model: &M,
    opts: &RunOptions,
    pool: &rayon::ThreadPool,
    threads: usize,
    session_start: Instant,
) -> Result<RunSummary, ScanError> {
    let plan = model.settings();
    let settings = plan.mcmc.expect("run_mcmc needs an [mcmc] plan");
    if opts.keep_rejected {
        return Err(ScanError::Mcmc(
            "--keep-rejected is not available with sampler = \"mcmc\" (the chains' rejected proposals are counted per reason in the manifest)".into(),
        ));
    }
    let _lock = lock_output(opts)?;
    let mut writer = match opts.mode {
        StartMode::New { force } => {
            let mut m = prepare_new(plan, opts, force, threads)?;
            m.first_id = 0;
            m.end_id = plan.points;
            m.next_id = 0;
            m.mcmc = Some(new_record(&settings, opts.shard));
            let (viable, rejected) = headers(model, &opts.out_dir)?;
            OutputWriter::create(&opts.out_dir, m, &viable, &rejected)?
        }
        StartMode::Resume => {
            let m = prepare_resume(plan, opts, threads)?;
            headers(model, &opts.out_dir)?;
            OutputWriter::reopen(&opts.out_dir, m)?
        }
    };
    let start_sampled = writer.manifest().sampled;
    let target = PhysicsTarget { model };
    let mut log = Logger::new(opts);
    let status = (|| -> Result<Status, ScanError> {
        if record(&writer).phase == Phase::Exploration
            && !explore(plan, &target, opts, pool, &mut writer, &mut log)?
        {
            return Ok(Status::Interrupted);
        }
        if record(&writer).phase == Phase::Chains {
            if !run_chains(plan, &target, opts, pool, &mut writer, &mut log)? {
                return Ok(Status::Interrupted);
            }
            finish(plan, &opts.out_dir, &mut writer)?;
        }
        Ok(Status::Complete)
    })()?;
    writer.checkpoint(status)?;
    let manifest = writer.manifest().clone();
    Ok(RunSummary {
        out_dir: opts.out_dir.clone(),
        session_points: manifest.sampled - start_sampled,
        session_wall_s: session_start.elapsed().as_secs_f64(),
        manifest,
    })
}

fn record(w: &OutputWriter) -> &McmcRecord {
    w.manifest().mcmc.as_ref().expect("an MCMC manifest")
}

fn record_mut(w: &mut OutputWriter) -> &mut McmcRecord {
    w.manifest_mut().mcmc.as_mut().expect("an MCMC manifest")
}

/// Progress lines every `log_every` (MCMC scans print lines, no bar).
struct Logger {
    every: Option<std::time::Duration>,
    last: Instant,
}

impl Logger {
    fn new(opts: &RunOptions) -> Self {
        Logger {
            every: opts.log_every,
            last: Instant::now(),
        }
    }

    fn line(&mut self, text: impl FnOnce() -> String) {
        if self.every.is_some_and(|e| self.last.elapsed() >= e) {
            eprintln!("[{}] {}", rfc3339(SystemTime::now()), text());
            self.last = Instant::now();
        }
    }
}

fn stopped(opts: &RunOptions, batches: u64) -> bool {
    opts.stop.load(Ordering::SeqCst) || opts.stop_after_batches.is_some_and(|n| batches >= n)
}

/// The exploration phase; false when interrupted (nothing of it is kept).
fn explore<M: ScanModel>(
    plan: &ScanSettings,
    target: &PhysicsTarget<M>,
    opts: &RunOptions,
    pool: &rayon::ThreadPool,
    writer: &mut OutputWriter,
    log: &mut Logger,
) -> Result<bool, ScanError> {
    let sampler = plan.sampler();
    let mut viable: Vec<([f64; DIMS], u64)> = Vec::new();
    let mut rejections: BTreeMap<String, u64> = BTreeMap::new();
    let batch = plan.batch_size as u64;
    let mut next = 0;
    while next < plan.points {
        if opts.stop.load(Ordering::SeqCst) {
            return Ok(false);
        }
        let end = (next + batch).min(plan.points);
        let results: Vec<([f64; DIMS], Result<(), String>)> = pool.install(|| {
            (next..end)
                .into_par_iter()
                .map(|id| {
                    let u = sampler.unit_point(id);
                    (u, target.evaluate(id, &u).map(|_| ()))
                })
                .collect()
        });
        for (id, (u, r)) in (next..end).zip(results) {
            match r {
                Ok(()) => viable.push((u, id)),
                Err(key) => *rejections.entry(key).or_insert(0) += 1,
            }
        }
        next = end;
        log.line(|| {
            format!(
                "mcmc exploration: {next}/{} points, viable {}",
                plan.points,
                viable.len()
            )
        });
    }
    if viable.is_empty() {
        return Err(ScanError::Mcmc(format!(
            "none of the {} exploration points is viable, so no chain can start: raise `points` (the exploration draws) or narrow the priors towards the viable region",
            plan.points
        )));
    }
    let settings = plan.mcmc.expect("mcmc plan");
    let active = plan.active_dims();
    let points: Vec<[f64; DIMS]> = viable.iter().map(|v| v.0).collect();
    let proposal = Proposal::from_points(active, &points, settings.independence);
    // Starting points: a uniform pick among the viable exploration points (without replacement
    // while there are enough), the same for every shard.
    let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
    rng.set_stream(START_STREAM);
    let mut order: Vec<usize> = Vec::new();
    while (order.len() as u64) < settings.chains {
        let mut round: Vec<usize> = (0..viable.len()).collect();
        round.shuffle(&mut rng);
        order.extend(round);
    }
    let r = record_mut(writer);
    let chains: Vec<ChainCheckpoint> = (r.first_chain..r.end_chain)
        .map(|c| {
            let (u, id) = viable[order[c as usize]];
            Chain::start(plan.seed, c, (u, id, ()), &proposal).checkpoint()
        })
        .collect();
    r.exploration = ExplorationRecord {
        points: plan.points,
        viable_points: viable.len() as u64,
        rejections: rejections.clone(),
    };
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
    r.proposal = Some(ProposalRecord {
        active: proposal.active.clone(),
        chol_bits: bits(&proposal.chol),
        centres_bits: proposal.centres.iter().map(|c| bits(c)).collect(),
        bandwidth_bits: proposal.bandwidth.to_bits(),
        independence_bits: proposal.independence.to_bits(),
    });
    r.checkpoint = chains;
    r.phase = Phase::Chains;
    let m = writer.manifest_mut();
    m.next_id = plan.points;
    m.sampled += plan.points;
    m.viable_points += viable.len() as u64;
    m.rejected_points += plan.points - viable.len() as u64;
    for (k, n) in rejections {
        *m.rejections.entry(k).or_insert(0) += n;
    }
    writer.checkpoint(Status::Running)?;
    Ok(true)
}

/// The chains from their checkpoints; false when interrupted.
fn run_chains<M: ScanModel>(
    plan: &ScanSettings,
    target: &PhysicsTarget<M>,
    opts: &RunOptions,
    pool: &rayon::ThreadPool,
    writer: &mut OutputWriter,
    log: &mut Logger,
) -> Result<bool, ScanError> {
    let settings = plan.mcmc.expect("mcmc plan");
    let r = record(writer);
    let p = r
        .proposal
        .as_ref()
        .expect("checked: a proposal in phase chains");
    let floats = |v: &[u64]| v.iter().map(|&b| f64::from_bits(b)).collect::<Vec<f64>>();
    let proposal = Proposal {
        active: p.active.clone(),
        chol: floats(&p.chol_bits),
        centres: p.centres_bits.iter().map(|c| floats(c)).collect(),
        bandwidth: f64::from_bits(p.bandwidth_bits),
        independence: f64::from_bits(p.independence_bits),
    };
    // Each chain's current state is re-evaluated (deterministically) to write it again later.
    let checkpoints = r.checkpoint.clone();
    let mut chains: Vec<Chain<Evaluated>> = pool.install(|| {
        checkpoints
            .par_iter()
            .map(|cp| {
                let u: [f64; DIMS] = std::array::from_fn(|d| f64::from_bits(cp.u_bits[d]));
                let outcome = target.evaluate(cp.id, &u).map_err(|key| {
                    format!("chain {}: its state (id {}) is no longer viable ({key}): was the program changed?", cp.chain, cp.id)
                })?;
                Chain::resume(plan.seed, cp, outcome)
            })
            .collect::<Result<_, String>>()
    })
    .map_err(ScanError::Resume)?;
    let mut batches = 0u64;
    while chains.iter().any(|c| c.steps_done < settings.total_steps()) {
        if stopped(opts, batches) {
            return Ok(false);
        }
        let outs: Vec<BatchOut<Evaluated>> = pool.install(|| {
            chains
                .par_iter_mut()
                .map(|c| {
                    let base = id_base(plan, &settings, c.index);
                    c.advance(target, &proposal, &settings, base, plan.batch_size as u64)
                })
                .collect()
        });
        write_batch(writer, &chains, outs)?;
        writer.checkpoint(Status::Running)?;
        batches += 1;
        log.line(|| {
            let c = &record(writer).counts;
            format!(
                "mcmc chains: step {}/{} of {} chains, acceptance {:.1} %, rows {}",
                chains[0].steps_done,
                settings.total_steps(),
                chains.len(),
                100.0 * c.accepted as f64 / c.proposed.max(1) as f64,
                writer.manifest().viable_solutions
            )
        });
    }
    Ok(true)
}

/// Writes one batch's emissions (chain order) and updates counts and checkpoints.
fn write_batch(
    writer: &mut OutputWriter,
    chains: &[Chain<Evaluated>],
    outs: Vec<BatchOut<Evaluated>>,
) -> Result<(), ScanError> {
    for out in &outs {
        for e in &out.emissions {
            debug_assert!(e.outcome.is_viable(), "chain states are viable");
            for row in &e.outcome.rows.viable {
                let mut row = row.clone();
                row.extend([
                    Cell::from(e.chain),
                    Cell::from(e.step),
                    Cell::from(e.weight),
                ]);
                writer.write_viable(&row)?;
            }
        }
        let m = writer.manifest_mut();
        m.sampled += out.evaluated;
        m.viable_points += out.viable;
        m.rejected_points += out.evaluated - out.viable;
        for (k, n) in &out.rejections {
            *m.rejections.entry(k.clone()).or_insert(0) += n;
        }
    }
    let r = record_mut(writer);
    r.counts = ChainCounts::default();
    for c in chains {
        r.counts.add(&c.counts);
    }
    r.checkpoint = chains.iter().map(Chain::checkpoint).collect();
    r.update_rates();
    Ok(())
}

/// The end of the chains: statistics from the rows written, phase done.
fn finish(plan: &ScanSettings, dir: &Path, writer: &mut OutputWriter) -> Result<(), ScanError> {
    writer.flush_viable()?;
    let stats = chain_stats(plan, &dir.join(VIABLE_FILE))?;
    let r = record_mut(writer);
    r.effective_samples = stats.values().map(|s| s.ess).reduce(f64::min);
    r.stats = stats;
    r.checkpoint.clear();
    r.phase = Phase::Done;
    r.update_rates();
    Ok(())
}

/// ESS and R-hat of every sampled (non-fixed) variable from the rows of an MCMC `viable.csv`:
/// each chain's trace is rebuilt from its emitted states (one per (chain, step, id), repeated
/// `weight` times), and the chains are compared over their common length.
pub fn chain_stats(
    plan: &ScanSettings,
    path: &Path,
) -> Result<BTreeMap<String, VariableStats>, ScanError> {
    let bad = |e: String| ScanError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| bad(e.to_string()))?;
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| bad(format!("no column {name}")))
    };
    let vars: Vec<(&str, usize)> = plan
        .active
        .iter()
        .map(|&(_, name)| col(name).map(|i| (name, i)))
        .collect::<Result<_, _>>()?;
    let (ci, si, wi, ii) = (col("chain")?, col("step")?, col("weight")?, col("id")?);
    let mut traces: BTreeMap<u64, Vec<Vec<f64>>> = BTreeMap::new();
    let mut last: BTreeMap<u64, (u64, u64)> = BTreeMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| bad(e.to_string()))?;
        let num = |i: usize| -> Result<f64, ScanError> {
            rec.get(i)
                .and_then(|t| t.parse::<f64>().ok())
                .ok_or_else(|| bad(format!("bad number in column {i}")))
        };
        let (chain, step, weight, id) = (
            num(ci)? as u64,
            num(si)? as u64,
            num(wi)? as u64,
            num(ii)? as u64,
        );
        if last.insert(chain, (step, id)) == Some((step, id)) {
            continue; // another viable solution of the same emitted state
        }
        let trace = traces
            .entry(chain)
            .or_insert_with(|| vec![Vec::new(); vars.len()]);
        for (t, &(_, i)) in trace.iter_mut().zip(&vars) {
            let v = num(i)?;
            t.extend(std::iter::repeat_n(v, weight as usize));
        }
    }
    let mut out = BTreeMap::new();
    for (k, &(name, _)) in vars.iter().enumerate() {
        let per_chain: Vec<Vec<f64>> = traces.values().map(|t| t[k].clone()).collect();
        if let Some(e) = ess(&per_chain) {
            out.insert(
                name.to_string(),
                VariableStats {
                    ess: e.ess,
                    rhat: e.rhat,
                },
            );
        }
    }
    Ok(out)
}
