//! The Markov-chain engine of `sampler = "mcmc"`, generic over its target (no physics here, so it
//! is tested on synthetic targets with known distributions).
//!
//! The state of a chain is a point `u` of the open unit hypercube (0, 1)^DIMS. The scan maps `u`
//! to the inputs through the priors' inverse CDFs, so the uniform density on the cube IS the prior
//! in the sampled coordinates; the target density is therefore uniform on the cube times the
//! indicator of the target set (for the physics: "the point has at least one viable EWSB
//! solution"). Metropolis with a symmetric proposal then accepts a proposal `u'` iff it lies in
//! the cube and in the set: the prior ratio is 1 in these coordinates. The stationary density is
//! the prior restricted to the set, and a weighted histogram of the emitted states (weight =
//! multiplicity, the steps the chain stayed) estimates it.
//!
//! Proposal: a Gaussian random walk on the active (non-fixed) dimensions, `u' = u + s L z`,
//! `z ~ N(0, 1)`, with `L L^T` the covariance of the viable exploration points (the shape of the
//! viable region, frozen before any chain moves) and a per-chain scale `s` adapted during burn-in
//! by Robbins-Monro towards `target_acceptance` (log s += (accepted - target) / (n + 1)^0.6).
//! After burn-in the proposal is frozen, so the sampling steps are those of a fixed-kernel
//! Metropolis chain. Burn-in states are never emitted.
//!
//! Each chain has its own RNG stream (ChaCha8, stream [`CHAIN_STREAM_BASE`] + chain), so a chain's
//! path is a pure function of (seed, chain, start, proposal) and independent of the thread that
//! runs it. The RNG position and the scale are part of the checkpoint ([`ChainCheckpoint`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use nalgebra::{DMatrix, DVector};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};

use super::sampler::{SamplerKind, DIMS};

/// RNG stream of chain `c`: `CHAIN_STREAM_BASE + c` (the random sampler uses streams 0..points).
pub const CHAIN_STREAM_BASE: u64 = 1 << 62;
/// RNG stream that picks the chains' starting points among the viable exploration points.
pub const START_STREAM: u64 = (1 << 62) - 1;

/// `[mcmc]`: the chains of an MCMC scan. `points` of the scan is the number of exploration draws.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct McmcSettings {
    /// Sampler of the exploration draws (ids 0..points) that seed the chains: random, latin, sobol.
    #[serde(default = "default_exploration")]
    pub exploration: SamplerKind,
    /// Number of chains (a shard of the scan runs a contiguous block of them).
    pub chains: u64,
    /// Steps per chain during which the proposal scale adapts; never written.
    pub burn_in: u64,
    /// Steps per chain after burn-in; each counts once in the weights.
    pub steps: u64,
    /// Acceptance rate the burn-in adaptation of the random-walk steps aims at (0.234: Roberts,
    /// Gelman & Gilks 1997).
    #[serde(default = "default_target_acceptance")]
    pub target_acceptance: f64,
    /// Probability that a step is an independence proposal drawn from kernels on the viable
    /// exploration points (global moves between distant parts of the viable set) instead of a
    /// random-walk step; 0 for a pure random walk.
    #[serde(default = "default_independence")]
    pub independence: f64,
}

fn default_independence() -> f64 {
    0.5
}

fn default_exploration() -> SamplerKind {
    SamplerKind::Sobol
}

fn default_target_acceptance() -> f64 {
    0.234
}

impl McmcSettings {
    /// Checks what the numeric domains (`config::validate::mcmc_settings`) do not: the message
    /// concerns `mcmc.exploration`.
    pub fn check_exploration(&self) -> Result<(), String> {
        if self.exploration == SamplerKind::Mcmc {
            return Err("the exploration draws need random, latin or sobol".into());
        }
        Ok(())
    }

    /// Steps of every chain: burn-in plus sampling.
    pub fn total_steps(&self) -> u64 {
        self.burn_in + self.steps
    }
}

/// What a chain needs from the problem.
pub trait ChainTarget: Sync {
    /// What is kept of a point in the set (written when the chain's state is emitted).
    type Outcome: Send + Sync;
    /// Evaluates the point `u` (inside the open cube) with evaluation id `id`: `Ok` when it is in
    /// the target set, else `Err(reason key)` (counted per reason).
    fn evaluate(&self, id: u64, u: &[f64; DIMS]) -> Result<Self::Outcome, String>;
}

/// The proposals: active dimensions, the Cholesky factor of the viable points' covariance, and
/// the independence proposal's kernel centres (the viable exploration points).
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub active: Vec<usize>,
    /// Lower-triangular, row-major, `active.len()` squared.
    pub chol: Vec<f64>,
    /// Kernel centres of the independence proposal (active coordinates).
    pub centres: Vec<Vec<f64>>,
    /// Kernel width relative to the covariance (Scott's factor n^(-1/(k+4))).
    pub bandwidth: f64,
    /// Probability of an independence step (else a random-walk step).
    pub independence: f64,
}

impl Proposal {
    /// The shape of a set from points inside it: their covariance on the active dimensions
    /// (diagonal when there are fewer than 2k+2 points or it is not positive definite; a
    /// box of side 0.1 with fewer than two points). A small ridge keeps it positive definite.
    pub fn from_points(active: Vec<usize>, points: &[[f64; DIMS]], independence: f64) -> Proposal {
        let k = active.len();
        let n = points.len();
        let mut cov = DMatrix::<f64>::from_diagonal_element(k, k, 0.01);
        if n >= 2 {
            let mean = points.iter().fold(DVector::<f64>::zeros(k), |acc, p| {
                acc + DVector::from_iterator(k, active.iter().map(|&d| p[d]))
            }) / n as f64;
            let mut c = DMatrix::<f64>::zeros(k, k);
            for p in points {
                let x = DVector::from_iterator(k, active.iter().map(|&d| p[d])) - &mean;
                c += &x * x.transpose();
            }
            c /= (n - 1) as f64;
            if n < 2 * k + 2 {
                c = DMatrix::from_diagonal(&c.diagonal());
            }
            for i in 0..k {
                c[(i, i)] = c[(i, i)].max(1e-8) * (1.0 + 1e-6);
            }
            cov = c;
        }
        let chol = match cov.clone().cholesky() {
            Some(ch) => ch.l(),
            None => DMatrix::from_diagonal(&cov.diagonal().map(f64::sqrt)),
        };
        let centres: Vec<Vec<f64>> = points
            .iter()
            .map(|p| active.iter().map(|&d| p[d]).collect())
            .collect();
        Proposal {
            chol: (0..k)
                .flat_map(|i| (0..k).map(move |j| (i, j)))
                .map(|(i, j)| chol[(i, j)])
                .collect(),
            bandwidth: (n.max(1) as f64).powf(-1.0 / (k as f64 + 4.0)),
            independence: if n == 0 { 0.0 } else { independence },
            centres,
            active,
        }
    }

    /// The independence proposal's density at `u` up to a constant: a Gaussian mixture with one
    /// kernel (covariance bandwidth^2 L L^T) per centre. Its normalisation cancels in the ratio.
    pub fn kde(&self, u: &[f64; DIMS]) -> f64 {
        let k = self.active.len();
        let h = self.bandwidth;
        let mut y = vec![0.0; k];
        self.centres
            .iter()
            .map(|c| {
                // Forward substitution: L y = (u - c) / h.
                for i in 0..k {
                    let rhs = (u[self.active[i]] - c[i]) / h;
                    let s: f64 = (0..i).map(|j| self.chol[i * k + j] * y[j]).sum();
                    y[i] = (rhs - s) / self.chol[i * k + i];
                }
                (-0.5 * y.iter().map(|v| v * v).sum::<f64>()).exp()
            })
            .sum()
    }

    /// A draw of the independence proposal (the inactive dimensions keep `u`).
    fn propose_independent(&self, u: &[f64; DIMS], rng: &mut ChaCha8Rng) -> [f64; DIMS] {
        let centre = &self.centres[rng.random_range(0..self.centres.len())];
        let mut out = *u;
        let k = self.active.len();
        let z: Vec<f64> = (0..k).map(|_| rng.sample(StandardNormal)).collect();
        for (i, &d) in self.active.iter().enumerate() {
            let step: f64 = (0..=i).map(|j| self.chol[i * k + j] * z[j]).sum();
            out[d] = centre[i] + self.bandwidth * step;
        }
        out
    }

    /// The initial scale: 2.38 / sqrt(k) (optimal for a Gaussian target, Gelman et al. 1996).
    pub fn initial_log_scale(&self) -> f64 {
        (2.38 / (self.active.len().max(1) as f64).sqrt()).ln()
    }

    /// `u + s L z` on the active dimensions.
    fn propose(&self, u: &[f64; DIMS], s: f64, rng: &mut ChaCha8Rng) -> [f64; DIMS] {
        let k = self.active.len();
        let z: Vec<f64> = (0..k).map(|_| rng.sample(StandardNormal)).collect();
        let mut out = *u;
        for (i, &d) in self.active.iter().enumerate() {
            let step: f64 = (0..=i).map(|j| self.chol[i * k + j] * z[j]).sum();
            out[d] = u[d] + s * step;
        }
        out
    }
}

/// Counts of one chain (or of several, summed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainCounts {
    /// Proposals made (= steps) during burn-in and after it.
    pub burn_in_proposed: u64,
    pub burn_in_accepted: u64,
    pub proposed: u64,
    pub accepted: u64,
    /// Proposals outside the unit cube (zero prior density: rejected without an evaluation).
    pub outside: u64,
    /// Proposals evaluated (inside the cube), burn-in included.
    pub evaluated: u64,
    /// Independence proposals (burn-in included), and those accepted.
    #[serde(default)]
    pub independence_proposed: u64,
    #[serde(default)]
    pub independence_accepted: u64,
}

impl ChainCounts {
    pub fn add(&mut self, o: &ChainCounts) {
        self.burn_in_proposed += o.burn_in_proposed;
        self.burn_in_accepted += o.burn_in_accepted;
        self.proposed += o.proposed;
        self.accepted += o.accepted;
        self.outside += o.outside;
        self.evaluated += o.evaluated;
        self.independence_proposed += o.independence_proposed;
        self.independence_accepted += o.independence_accepted;
    }

    /// Acceptance rate after burn-in (NaN before any step).
    pub fn acceptance(&self) -> f64 {
        self.accepted as f64 / self.proposed as f64
    }
}

/// A state of a chain written to the output: counted `weight` times from sampling step `step` on.
#[derive(Debug)]
pub struct Emission<O> {
    pub chain: u64,
    /// Sampling step (0-based, after burn-in) at which this run of the state begins.
    pub step: u64,
    pub weight: u64,
    /// Evaluation id of the state.
    pub id: u64,
    pub u: [f64; DIMS],
    pub outcome: Arc<O>,
}

/// What one chain did in one batch.
#[derive(Debug)]
pub struct BatchOut<O> {
    pub emissions: Vec<Emission<O>>,
    /// Proposals evaluated and not in the set, per reason key.
    pub rejections: BTreeMap<String, u64>,
    /// Proposals evaluated and in the set (accepted).
    pub viable: u64,
    pub evaluated: u64,
}

/// The resumable state of a chain (f64 stored as bit patterns: exact through JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainCheckpoint {
    pub chain: u64,
    pub u_bits: Vec<u64>,
    pub id: u64,
    /// ChaCha8 word position of the chain's stream (decimal: JSON numbers are 64-bit).
    pub rng_word_pos: String,
    pub log_scale_bits: u64,
    pub steps_done: u64,
    pub counts: ChainCounts,
}

/// One chain.
#[derive(Debug)]
pub struct Chain<O> {
    pub index: u64,
    pub u: [f64; DIMS],
    /// Evaluation id of the current state.
    pub id: u64,
    pub current: Arc<O>,
    rng: ChaCha8Rng,
    log_scale: f64,
    /// Steps done, burn-in included.
    pub steps_done: u64,
    pub counts: ChainCounts,
    /// Sampling steps the current state has been counted since its last emission, and the step
    /// at which that run began.
    pending: u64,
    entered: u64,
}

/// The RNG stream of chain `c`.
pub fn chain_rng(seed: u64, c: u64) -> ChaCha8Rng {
    use rand::SeedableRng;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(CHAIN_STREAM_BASE + c);
    rng
}

impl<O> Chain<O> {
    /// A chain at its start (a point of the set, with its outcome).
    pub fn start(seed: u64, index: u64, start: ([f64; DIMS], u64, O), proposal: &Proposal) -> Self {
        Chain {
            index,
            u: start.0,
            id: start.1,
            current: Arc::new(start.2),
            rng: chain_rng(seed, index),
            log_scale: proposal.initial_log_scale(),
            steps_done: 0,
            counts: ChainCounts::default(),
            pending: 0,
            entered: 0,
        }
    }

    /// A chain continued from its checkpoint (`outcome` re-evaluated at its state).
    pub fn resume(seed: u64, cp: &ChainCheckpoint, outcome: O) -> Result<Self, String> {
        let u: [f64; DIMS] = cp
            .u_bits
            .iter()
            .map(|&b| f64::from_bits(b))
            .collect::<Vec<_>>()
            .try_into()
            .map_err(|_| format!("chain {}: the state has the wrong dimension", cp.chain))?;
        let pos: u128 = cp
            .rng_word_pos
            .parse()
            .map_err(|_| format!("chain {}: bad RNG position", cp.chain))?;
        let mut rng = chain_rng(seed, cp.chain);
        rng.set_word_pos(pos);
        Ok(Chain {
            index: cp.chain,
            u,
            id: cp.id,
            current: Arc::new(outcome),
            rng,
            log_scale: f64::from_bits(cp.log_scale_bits),
            steps_done: cp.steps_done,
            counts: cp.counts,
            pending: 0,
            entered: 0,
        })
    }

    pub fn checkpoint(&self) -> ChainCheckpoint {
        debug_assert_eq!(self.pending, 0, "checkpoints follow a flush");
        ChainCheckpoint {
            chain: self.index,
            u_bits: self.u.iter().map(|x| x.to_bits()).collect(),
            id: self.id,
            rng_word_pos: self.rng.get_word_pos().to_string(),
            log_scale_bits: self.log_scale.to_bits(),
            steps_done: self.steps_done,
            counts: self.counts,
        }
    }

    /// The current proposal scale.
    pub fn scale(&self) -> f64 {
        self.log_scale.exp()
    }

    fn emit(&mut self, out: &mut Vec<Emission<O>>) {
        if self.pending > 0 {
            out.push(Emission {
                chain: self.index,
                step: self.entered,
                weight: self.pending,
                id: self.id,
                u: self.u,
                outcome: Arc::clone(&self.current),
            });
            self.pending = 0;
        }
    }

    /// Advances the chain by up to `n` steps (not beyond its total), then emits the current state
    /// for the steps it was counted since its last emission. `id_base` is the evaluation id of
    /// step 0 of this chain.
    pub fn advance<T: ChainTarget<Outcome = O>>(
        &mut self,
        target: &T,
        proposal: &Proposal,
        settings: &McmcSettings,
        id_base: u64,
        n: u64,
    ) -> BatchOut<O> {
        let mut out = BatchOut {
            emissions: Vec::new(),
            rejections: BTreeMap::new(),
            viable: 0,
            evaluated: 0,
        };
        let end = (self.steps_done + n).min(settings.total_steps());
        while self.steps_done < end {
            let burning = self.steps_done < settings.burn_in;
            let independent =
                proposal.independence > 0.0 && self.rng.random::<f64>() < proposal.independence;
            let candidate = if independent {
                self.counts.independence_proposed += 1;
                proposal.propose_independent(&self.u, &mut self.rng)
            } else {
                proposal.propose(&self.u, self.log_scale.exp(), &mut self.rng)
            };
            let inside = candidate.iter().all(|&x| x > 0.0 && x < 1.0);
            // Independence Metropolis-Hastings: accept with min(1, q(u) / q(u')) times the
            // indicator; the uniform is drawn first, so a proposal that would fail the density
            // ratio is not evaluated.
            let passes_ratio = !independent || !inside || {
                let r: f64 = self.rng.random();
                r * proposal.kde(&candidate) < proposal.kde(&self.u)
            };
            let id = id_base + self.steps_done;
            let accepted = if inside && passes_ratio {
                out.evaluated += 1;
                self.counts.evaluated += 1;
                match target.evaluate(id, &candidate) {
                    Ok(o) => {
                        out.viable += 1;
                        Some(o)
                    }
                    Err(key) => {
                        *out.rejections.entry(key).or_insert(0) += 1;
                        None
                    }
                }
            } else {
                self.counts.outside += u64::from(!inside);
                None
            };
            let moved = accepted.is_some();
            self.counts.independence_accepted += u64::from(independent && moved);
            if burning {
                self.counts.burn_in_proposed += 1;
                self.counts.burn_in_accepted += u64::from(moved);
                if !independent {
                    let gain = ((self.steps_done + 1) as f64).powf(-0.6);
                    self.log_scale +=
                        gain * (f64::from(u8::from(moved)) - settings.target_acceptance);
                }
            } else {
                self.counts.proposed += 1;
                self.counts.accepted += u64::from(moved);
                if moved {
                    self.emit(&mut out.emissions);
                }
            }
            if let Some(o) = accepted {
                self.u = candidate;
                self.id = id;
                self.current = Arc::new(o);
            }
            if !burning {
                if self.pending == 0 {
                    self.entered = self.steps_done - settings.burn_in;
                }
                self.pending += 1;
            }
            self.steps_done += 1;
        }
        self.emit(&mut out.emissions);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set u0 + u1 < 1 (any outcome).
    struct Triangle;
    impl ChainTarget for Triangle {
        type Outcome = ();
        fn evaluate(&self, _id: u64, u: &[f64; DIMS]) -> Result<(), String> {
            if u[0] + u[1] < 1.0 {
                Ok(())
            } else {
                Err("outside".into())
            }
        }
    }

    fn settings(burn_in: u64, steps: u64) -> McmcSettings {
        McmcSettings {
            exploration: SamplerKind::Random,
            chains: 1,
            burn_in,
            steps,
            target_acceptance: 0.3,
            independence: 0.3,
        }
    }

    #[test]
    fn weights_add_up_to_the_steps_in_any_batching() {
        let p = Proposal::from_points(vec![0, 1], &[[0.2; DIMS], [0.3; DIMS]], 0.3);
        let s = settings(50, 1000);
        let start = ([0.2; DIMS], 0, ());
        let mut whole = Chain::start(3, 0, start, &p);
        let a = whole.advance(&Triangle, &p, &s, 10, 5000);
        let total: u64 = a.emissions.iter().map(|e| e.weight).sum();
        assert_eq!(total, 1000);
        assert_eq!(whole.counts.proposed, 1000);
        assert_eq!(whole.counts.burn_in_proposed, 50);
        // In batches of 7, with a checkpoint and resume after each: the same path.
        let mut c = Chain::start(3, 0, ([0.2; DIMS], 0, ()), &p);
        let mut rows = Vec::new();
        while c.steps_done < s.total_steps() {
            let b = c.advance(&Triangle, &p, &s, 10, 7);
            rows.extend(b.emissions.into_iter().map(|e| (e.step, e.weight, e.u)));
            c = Chain::resume(3, &c.checkpoint(), ()).unwrap();
        }
        assert_eq!(c.u, whole.u);
        assert_eq!(c.counts, whole.counts);
        // Same states in the same order once runs split at batch edges are merged.
        let merge = |v: Vec<(u64, u64, [f64; DIMS])>| {
            let mut out: Vec<(u64, u64, [f64; DIMS])> = Vec::new();
            for (step, w, u) in v {
                match out.last_mut() {
                    Some(last) if last.2 == u && last.0 + last.1 == step => last.1 += w,
                    _ => out.push((step, w, u)),
                }
            }
            out
        };
        let whole_rows = a
            .emissions
            .iter()
            .map(|e| (e.step, e.weight, e.u))
            .collect();
        assert_eq!(merge(rows), merge(whole_rows));
        for e in &a.emissions {
            assert!(e.u[0] + e.u[1] < 1.0);
        }
    }

    #[test]
    fn the_proposal_covariance_is_that_of_the_points() {
        // Points on a thin diagonal band: the factor must carry the correlation.
        let pts: Vec<[f64; DIMS]> = (0..200)
            .map(|i| {
                let t = (i as f64 + 0.5) / 200.0;
                let mut u = [0.5; DIMS];
                u[0] = t;
                u[1] = t + 0.01 * ((i % 7) as f64 - 3.0) / 3.0;
                u
            })
            .collect();
        let p = Proposal::from_points(vec![0, 1], &pts, 0.0);
        let (l00, l10, l11) = (p.chol[0], p.chol[2], p.chol[3]);
        let var0 = 1.0 / 12.0 * (1.0 - 1.0 / 200f64.powi(2));
        assert!((l00 * l00 / var0 - 1.0).abs() < 0.02, "{}", l00 * l00);
        let corr = l10 / (l10 * l10 + l11 * l11).sqrt();
        assert!(corr > 0.99, "correlation {corr}");
    }
}
