//! The screen of `sampler = "importance"`: which prior draws are worth evaluating, and the weight
//! that keeps the output an honest sample of the prior restricted to the viable points.
//!
//! **Estimator (thinning).** Draw `u` from the prior (the random sampler's point `id`), keep it
//! with probability `a(u)` (a uniform from the id's own stream, [`SCREEN_STREAM_BASE`] + id),
//! evaluate only the kept draws, and give each viable point the weight `1/a(u)`. For any function
//! f, E[sum over kept viable draws of f/a] = sum over all draws of E_prior[f 1_viable]: the
//! weighted rows estimate the prior restricted to the viable set without bias, for ANY screen
//! with a > 0 everywhere (the floor guarantees it), even when the screen is wrong. A screen
//! that was trained on earlier draws is still exact: conditioned on the past, the draws of a
//! stage are independent of it. Rows are independent draws: no burn-in, no autocorrelation;
//! the effective sample size is Kish's (sum w)^2 / sum w^2 over the viable points.
//!
//! **The screen.** a(u) = max(floor, sqrt(n/k)), n the viable points among the k nearest
//! evaluated draws. sqrt: with cost proportional to sum a and variance to sum pi/a (pi the
//! probability of being viable), the optimum is a proportional to sqrt(pi) (the classical
//! result for importance sampling with a cost per draw). Distances are Mahalanobis distances
//! with the covariance of the viable training points on the active dimensions (so the thin
//! directions of the viable set count more than the long ones), and plain Euclidean distances
//! in the unit cube while fewer viable points than active dimensions are known.
//!
//! Draws the physics rejects before any solving (HMZ's cut Lambda <= 0.9 <S>, 61 % of the draws
//! of configs/hmz1999.toml) cost nothing to evaluate: they pass unscreened (a = 1) and the screen
//! neither queries nor learns from them.
//!
//! **Second screen** (`fast_solve_floor`, optional). A draw the first screen keeps is first
//! solved the fast way (the physics' `fast_verdict`: in hmz1999 the root search without its
//! outer starting points, about 3x cheaper, which finds about 97 % of the viable points); if that
//! finds no viable solution, the draw is fully evaluated only with probability
//! `fast_solve_floor` (a uniform from stream [`FAST_STREAM_BASE`] + id). The weight of a viable
//! row is 1/(a x a2), a2 = 1 or `fast_solve_floor`: the same thinning argument, applied twice.
//! Every written row comes from the full evaluation, so the rows are those of a random scan.
//!
//! **Stages.** Ids 0..exploration are evaluated unscreened (a = 1). Then `stages` stages of
//! `stage` draws each use a screen trained on every evaluated draw before the stage; after the
//! last stage (the pilot, ids below [`ScreenSettings::pilot_end`]) the screen is frozen. The
//! training set is a pure function of (seed, the viable ids below the stage): a resume rebuilds
//! it by replaying the thinning ([`replay`]), and a shard recomputes the pilot it does not write.

use rand::distr::Open01;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::sampler::DIMS;

/// RNG stream of the thinning uniform of draw `id`: `SCREEN_STREAM_BASE + id` (the random
/// sampler uses streams 0..points, the MCMC chains 2^62 + c).
pub const SCREEN_STREAM_BASE: u64 = 1 << 61;

/// `[importance]`: the screen of an importance scan. `points` of the scan counts all draws.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenSettings {
    /// Draws evaluated unscreened (weight 1): the first training set.
    pub exploration: u64,
    /// Draws per adaptation stage; the screen is retrained after each.
    pub stage: u64,
    /// Adaptation stages; after them the screen is frozen for the rest of the scan.
    pub stages: u64,
    /// k of the k-nearest-neighbour estimate of the probability of being viable.
    #[serde(default = "default_neighbours")]
    pub neighbours: u64,
    /// Smallest acceptance: every draw is evaluated with at least this probability, so no weight
    /// exceeds 1/floor and no region of the prior is left out.
    #[serde(default = "default_floor")]
    pub floor: f64,
    /// Second screen (off when absent): a kept draw whose fast solve (the physics'
    /// `fast_verdict`, about 3x cheaper in hmz1999) finds no viable solution is fully evaluated
    /// only with this probability; the weight becomes 1/(a x this).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_solve_floor: Option<f64>,
}

fn default_neighbours() -> u64 {
    15
}

fn default_floor() -> f64 {
    0.1
}

/// Which screen a draw sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageOf {
    /// Unscreened (a = 1).
    Exploration,
    /// Screened with the screen trained on the draws below `trained_below`.
    Screened { trained_below: u64 },
}

impl ScreenSettings {
    /// The end of the pilot (exploration and adaptation stages): from here on the screen is fixed.
    pub fn pilot_end(&self) -> u64 {
        self.exploration
            .saturating_add(self.stage.saturating_mul(self.stages))
    }

    /// The stage of draw `id`.
    pub fn stage_of(&self, id: u64) -> StageOf {
        if id < self.exploration {
            return StageOf::Exploration;
        }
        let pilot_end = self.pilot_end();
        let trained_below = if id >= pilot_end {
            pilot_end
        } else {
            self.exploration + (id - self.exploration) / self.stage * self.stage
        };
        StageOf::Screened { trained_below }
    }

    /// The next id at which the screen changes, after `id` (None past the pilot).
    pub fn next_boundary(&self, id: u64) -> Option<u64> {
        let pilot_end = self.pilot_end();
        if id >= pilot_end {
            return None;
        }
        if id < self.exploration {
            return Some(self.exploration);
        }
        Some(
            (self.exploration + ((id - self.exploration) / self.stage + 1) * self.stage)
                .min(pilot_end),
        )
    }
}

/// RNG stream of the second screen's uniform of draw `id`: `FAST_STREAM_BASE + id`.
pub const FAST_STREAM_BASE: u64 = 3 << 60;

/// The second screen's uniform of draw `id` in (0, 1).
pub fn fast_uniform(seed: u64, id: u64) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(FAST_STREAM_BASE + id);
    rng.sample(Open01)
}

/// The thinning uniform of draw `id` in (0, 1).
pub fn thinning_uniform(seed: u64, id: u64) -> f64 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(SCREEN_STREAM_BASE + id);
    rng.sample(Open01)
}

/// The evaluated draws the screen learns from.
#[derive(Clone, Debug, Default)]
pub struct Training {
    ids: Vec<u64>,
    points: Vec<[f64; DIMS]>,
    viable: Vec<bool>,
}

impl Training {
    /// Adds draw `id` (ids must increase).
    pub fn push(&mut self, id: u64, u: [f64; DIMS], viable: bool) {
        debug_assert!(self.ids.last().is_none_or(|&last| last < id));
        self.ids.push(id);
        self.points.push(u);
        self.viable.push(viable);
    }

    /// The draws below `id`.
    pub fn below(&self, id: u64) -> Training {
        let n = self.ids.partition_point(|&i| i < id);
        Training {
            ids: self.ids[..n].to_vec(),
            points: self.points[..n].to_vec(),
            viable: self.viable[..n].to_vec(),
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn viable_count(&self) -> usize {
        self.viable.iter().filter(|&&v| v).count()
    }
}

/// A trained screen: the training points in whitened coordinates and their labels.
#[derive(Clone, Debug)]
pub struct Screen {
    /// Maps unit-cube coordinates (active dimensions) to the metric's coordinates.
    transform: Vec<Vec<f64>>,
    active: Vec<usize>,
    /// The training points in the metric's coordinates (padded with zeros to DIMS), in a k-d
    /// tree whose items index `viable`; None without training points.
    tree: Option<kiddo::ImmutableKdTree<f64, DIMS>>,
    viable: Vec<bool>,
    neighbours: usize,
    floor: f64,
}

impl Screen {
    /// Trains on `training` (the metric from its viable points, see the module header).
    pub fn train(training: &Training, active: &[usize], neighbours: u64, floor: f64) -> Screen {
        let transform = whitening(training, active);
        let points: Vec<[f64; DIMS]> = training
            .points
            .iter()
            .map(|u| padded(&apply(&transform, active, u)))
            .collect();
        Screen {
            transform,
            active: active.to_vec(),
            tree: (!points.is_empty()).then(|| kiddo::ImmutableKdTree::new_from_slice(&points)),
            viable: training.viable.clone(),
            neighbours: neighbours.max(1) as usize,
            floor,
        }
    }

    /// The acceptance a(u) in [floor, 1]: from the k nearest training points (an exact k-d tree
    /// search; the unit tests compare it with a direct sort of all distances).
    pub fn acceptance(&self, u: &[f64; DIMS]) -> f64 {
        let k = self.neighbours.min(self.viable.len());
        let (Some(tree), Some(k_nonzero)) = (&self.tree, std::num::NonZero::new(k)) else {
            return 1.0;
        };
        if self.active.is_empty() {
            return 1.0; // every dimension fixed: one point, nothing to screen
        }
        let x = padded(&apply(&self.transform, &self.active, u));
        let nearest = tree.nearest_n::<kiddo::SquaredEuclidean>(&x, k_nonzero);
        let n = nearest
            .iter()
            .filter(|nb| self.viable[nb.item as usize])
            .count() as f64;
        (n / k as f64).sqrt().clamp(self.floor, 1.0)
    }
}

/// Metric coordinates (the active dimensions' count of them) padded with zeros to DIMS.
fn padded(x: &[f64]) -> [f64; DIMS] {
    std::array::from_fn(|i| x.get(i).copied().unwrap_or(0.0))
}

fn apply(transform: &[Vec<f64>], active: &[usize], u: &[f64; DIMS]) -> Vec<f64> {
    transform
        .iter()
        .map(|row| row.iter().zip(active).map(|(t, &d)| t * u[d]).sum())
        .collect()
}

/// L^-1 with L L^T the covariance of the viable training points (active dimensions); the
/// identity while there are too few of them or their covariance is singular.
fn whitening(training: &Training, active: &[usize]) -> Vec<Vec<f64>> {
    let n = active.len();
    let identity = || {
        (0..n)
            .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
            .collect()
    };
    let viable: Vec<&[f64; DIMS]> = training
        .points
        .iter()
        .zip(&training.viable)
        .filter_map(|(u, &v)| v.then_some(u))
        .collect();
    if viable.len() <= n {
        return identity();
    }
    let m = viable.len() as f64;
    let mean: Vec<f64> = active
        .iter()
        .map(|&d| viable.iter().map(|u| u[d]).sum::<f64>() / m)
        .collect();
    let cov = nalgebra::DMatrix::from_fn(n, n, |i, j| {
        viable
            .iter()
            .map(|u| (u[active[i]] - mean[i]) * (u[active[j]] - mean[j]))
            .sum::<f64>()
            / (m - 1.0)
    });
    match cov.cholesky().and_then(|c| c.l().try_inverse()) {
        Some(inv) => (0..n)
            .map(|i| (0..n).map(|j| inv[(i, j)]).collect())
            .collect(),
        None => identity(),
    }
}

/// A draw and the screen's decision on it.
pub struct Draw {
    pub id: u64,
    pub u: [f64; DIMS],
    pub acceptance: f64,
    pub kept: bool,
    /// Rejected before any solving: passed unscreened, not learnt from.
    pub trivial: bool,
}

impl Draw {
    pub fn mark(&self) -> ScreenMark {
        ScreenMark {
            acceptance: self.acceptance,
            kept: self.kept,
            trivial: self.trivial,
            fast_solved: false,
            fast_skipped: false,
            u: self.u,
        }
    }
}

/// What the screen decided on an evaluated (or skipped) draw, as the writer needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenMark {
    /// a(u); the weight of the draw, if viable, is 1/a.
    pub acceptance: f64,
    /// Evaluated (else skipped, counted as `screened`).
    pub kept: bool,
    /// Rejected before solving (not learnt from).
    pub trivial: bool,
    /// The fast solve ran (second screen).
    pub fast_solved: bool,
    /// Kept by the first screen, then skipped by the second (counted as `screened_fast_solve`).
    pub fast_skipped: bool,
    /// The draw (what the screen learns from, without drawing it again).
    pub u: [f64; DIMS],
}

impl ScreenMark {
    /// Whether the first screen kept the draw and the physics did not reject it at once: the
    /// screen learns from such draws (labelled viable iff they were written as viable).
    pub fn learnt_from(&self) -> bool {
        (self.kept || self.fast_skipped) && !self.trivial
    }
}

/// The draw `id` under `screen` (None: the exploration, unscreened). A `trivial` draw (one
/// the physics rejects before solving) is always kept and never screened.
pub fn draw(seed: u64, id: u64, u: [f64; DIMS], screen: Option<&Screen>, trivial: bool) -> Draw {
    let acceptance = match screen {
        Some(s) if !trivial => s.acceptance(&u),
        _ => 1.0,
    };
    let kept = acceptance >= 1.0 || thinning_uniform(seed, id) < acceptance;
    Draw {
        id,
        u,
        acceptance,
        kept,
        trivial,
    }
}

/// What a replay of the pilot needs: the draws, the physics' instant rejections, a parallel map,
/// and the viability of the kept draws (a lookup in the viable ids already written, or an
/// evaluation of the physics).
pub trait ReplaySource {
    fn unit_point(&self, id: u64) -> [f64; DIMS];
    /// Rejected before any solving (passed unscreened, not learnt from).
    fn trivial(&self, u: &[f64; DIMS]) -> bool;
    /// `draw(id)` for the ids `from..to`, in id order (in parallel in the scan).
    fn map_ids(&self, from: u64, to: u64, draw: &(dyn Fn(u64) -> Draw + Sync)) -> Vec<Draw>;
    /// Whether each kept draw is viable.
    fn labels(&mut self, kept: &[Draw]) -> Vec<bool>;
}

/// Rebuilds the training set of the draws below `upto` (at most the pilot's end), stage by
/// stage, by replaying the thinning exactly as the run did.
pub fn replay(
    settings: &ScreenSettings,
    seed: u64,
    active: &[usize],
    upto: u64,
    source: &mut (impl ReplaySource + Sync),
) -> Training {
    let upto = upto.min(settings.pilot_end());
    let mut training = Training::default();
    let mut from = 0;
    while from < upto {
        let to = settings.next_boundary(from).map_or(upto, |b| b.min(upto));
        let screen = match settings.stage_of(from) {
            StageOf::Exploration => None,
            StageOf::Screened { .. } => Some(Screen::train(
                &training,
                active,
                settings.neighbours,
                settings.floor,
            )),
        };
        let draws = {
            let src = &*source;
            src.map_ids(from, to, &|id| {
                let u = src.unit_point(id);
                draw(seed, id, u, screen.as_ref(), src.trivial(&u))
            })
        };
        let kept: Vec<Draw> = draws.into_iter().filter(|d| d.kept && !d.trivial).collect();
        for (d, v) in kept.iter().zip(source.labels(&kept)) {
            training.push(d.id, d.u, v);
        }
        from = to;
    }
    training
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ScreenSettings {
        ScreenSettings {
            exploration: 100,
            stage: 50,
            stages: 3,
            neighbours: 5,
            floor: 0.02,
            fast_solve_floor: None,
        }
    }

    #[test]
    fn stages_and_boundaries() {
        let s = settings();
        assert_eq!(s.pilot_end(), 250);
        assert_eq!(s.stage_of(0), StageOf::Exploration);
        assert_eq!(s.stage_of(99), StageOf::Exploration);
        assert_eq!(s.stage_of(100), StageOf::Screened { trained_below: 100 });
        assert_eq!(s.stage_of(149), StageOf::Screened { trained_below: 100 });
        assert_eq!(s.stage_of(150), StageOf::Screened { trained_below: 150 });
        assert_eq!(s.stage_of(249), StageOf::Screened { trained_below: 200 });
        assert_eq!(s.stage_of(250), StageOf::Screened { trained_below: 250 });
        assert_eq!(s.stage_of(10_000), StageOf::Screened { trained_below: 250 });
        assert_eq!(s.next_boundary(0), Some(100));
        assert_eq!(s.next_boundary(120), Some(150));
        assert_eq!(s.next_boundary(249), Some(250));
        assert_eq!(s.next_boundary(250), None);
    }

    /// The acceptance against a direct evaluation: sort all distances, count the viable among
    /// the k nearest (Euclidean metric: too few viable points for a covariance).
    #[test]
    fn acceptance_is_the_knn_fraction_with_floor() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut training = Training::default();
        for _ in 0..200 {
            let u: [f64; DIMS] = std::array::from_fn(|_| rng.sample(Open01));
            training.push(training.len() as u64, u, u[0] < 0.02);
        }
        let active: Vec<usize> = (0..DIMS).collect();
        assert!(
            training.viable_count() <= DIMS,
            "identity metric in this test"
        );
        let screen = Screen::train(&training, &active, 5, 0.02);
        for _ in 0..500 {
            let q: [f64; DIMS] = std::array::from_fn(|_| rng.sample(Open01));
            let mut d: Vec<(f64, bool)> = training
                .points
                .iter()
                .zip(&training.viable)
                .map(|(p, &v)| (p.iter().zip(&q).map(|(a, b)| (a - b) * (a - b)).sum(), v))
                .collect();
            d.sort_by(|a, b| a.0.total_cmp(&b.0));
            let n = d[..5].iter().filter(|e| e.1).count() as f64;
            let expected = (n / 5.0).sqrt().max(0.02);
            assert_eq!(screen.acceptance(&q), expected);
        }
    }

    /// With enough viable points the metric is the whitened one: the k-d tree search against a
    /// sort of all distances in the whitened coordinates, on a subset of the dimensions.
    #[test]
    fn acceptance_in_the_whitened_metric_is_the_knn_fraction() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let mut training = Training::default();
        for i in 0..3000u64 {
            let u: [f64; DIMS] = std::array::from_fn(|_| rng.sample(Open01));
            training.push(i, u, (u[0] - 0.3 * u[2]).abs() < 0.1);
        }
        let active = vec![0, 2, 3, 5];
        let screen = Screen::train(&training, &active, 15, 0.05);
        assert!(training.viable_count() > active.len());
        for _ in 0..300 {
            let q: [f64; DIMS] = std::array::from_fn(|_| rng.sample(Open01));
            let xq = apply(&screen.transform, &active, &q);
            let mut d: Vec<(f64, bool)> = training
                .points
                .iter()
                .zip(&training.viable)
                .map(|(p, &v)| {
                    let xp = apply(&screen.transform, &active, p);
                    (xp.iter().zip(&xq).map(|(a, b)| (a - b) * (a - b)).sum(), v)
                })
                .collect();
            d.sort_by(|a, b| a.0.total_cmp(&b.0));
            let n = d[..15].iter().filter(|e| e.1).count() as f64;
            assert_eq!(screen.acceptance(&q), (n / 15.0).sqrt().max(0.05));
        }
    }

    #[test]
    fn whitening_makes_the_viable_covariance_the_identity() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut training = Training::default();
        for _ in 0..4000 {
            let mut u: [f64; DIMS] = std::array::from_fn(|_| rng.sample(Open01));
            u[1] = 0.5 + 0.1 * (u[0] - 0.5) + 0.01 * (u[1] - 0.5); // a thin, tilted sheet
            training.push(training.len() as u64, u, true);
        }
        let active = vec![0, 1, 2];
        let t = whitening(&training, &active);
        let xs: Vec<Vec<f64>> = training
            .points
            .iter()
            .map(|u| apply(&t, &active, u))
            .collect();
        let m = xs.len() as f64;
        for i in 0..3 {
            for j in 0..3 {
                let mi = xs.iter().map(|x| x[i]).sum::<f64>() / m;
                let mj = xs.iter().map(|x| x[j]).sum::<f64>() / m;
                let c = xs.iter().map(|x| (x[i] - mi) * (x[j] - mj)).sum::<f64>() / (m - 1.0);
                let expected = if i == j { 1.0 } else { 0.0 };
                assert!((c - expected).abs() < 1e-9, "cov[{i}][{j}] = {c}");
            }
        }
    }
}
