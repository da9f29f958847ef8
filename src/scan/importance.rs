//! `sampler = "importance"` inside the scan driver: the screen's state during a run, its record
//! in the manifest, and how a resumed run or a shard rebuilds it (the estimator and the screen
//! itself: module `screen`).
//!
//! The draws are the random sampler's (`id` -> `u`), processed in id order by the ordinary
//! driver (batches, checkpoints, resume, shards, `--keep-rejected`). A draw the screen skips is
//! counted under the rejection key [`SCREENED`] (and written to rejected.csv with that reason when
//! rejected points are kept); a kept draw is evaluated and, if viable, written with the weight
//! 1/a. Batches never straddle a stage boundary, and the screen is retrained at each boundary of
//! the pilot from the draws evaluated so far, so the output is the same for any thread count.
//!
//! Shards: the pilot (ids below `pilot_end`) belongs to shard 0; the ids after it are split into
//! the shards' contiguous blocks ([`id_range`]). Every other shard first computes the pilot
//! (evaluations not written, not counted) to train the same screen, and keeps the pilot's viable
//! ids in its manifest so that a resume does not compute it again.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::driver::{evaluate_inputs, not_evaluated_or};
use super::manifest::Shard;
use super::model::{PointRows, ScanModel, ScanSettings};
use super::sampler::DIMS;
use super::screen::{
    draw, fast_uniform, replay, Draw, ReplaySource, Screen, ScreenSettings, StageOf, Training,
};
use super::writer::Evaluated;

/// Rejection key of the draws the screen skipped (not evaluated).
pub const SCREENED: &str = "screened";
/// Rejection key of the draws the second screen skipped (fast solve without a viable solution).
pub const SCREENED_FAST_SOLVE: &str = "screened_fast_solve";

/// The `importance` block of `manifest.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportanceRecord {
    /// End of the pilot: the screen is fixed for the draws from here on.
    pub pilot_end: u64,
    /// The labels of the pilot's kept draws are known (from `pilot_viable_ids`) below this id.
    pub labels_known_below: u64,
    /// The viable draws below `labels_known_below` (all kept draws not listed are not viable).
    pub pilot_viable_ids: Vec<u64>,
    /// Draws evaluated by this run (the others were screened out).
    pub evaluated: u64,
    /// Of these, draws the physics rejected before any solving (unscreened, at no cost).
    #[serde(default)]
    pub rejected_before_solving: u64,
    /// Fast solves of the second screen (`fast_solve_floor`).
    #[serde(default)]
    pub fast_solves: u64,
    /// Sum of the weights and of their squares over the viable points written.
    pub weight_sum: f64,
    pub weight_square_sum: f64,
    /// Kish's effective sample size (sum w)^2 / sum w^2 of the viable points written.
    pub effective_samples: f64,
}

impl ImportanceRecord {
    pub fn new(settings: &ScreenSettings) -> Self {
        ImportanceRecord {
            pilot_end: settings.pilot_end(),
            labels_known_below: 0,
            pilot_viable_ids: Vec::new(),
            evaluated: 0,
            rejected_before_solving: 0,
            fast_solves: 0,
            weight_sum: 0.0,
            weight_square_sum: 0.0,
            effective_samples: 0.0,
        }
    }

    /// Counts a viable point of weight `w` (and its id, if it is a pilot draw).
    pub fn add_viable(&mut self, id: u64, w: f64) {
        self.weight_sum += w;
        self.weight_square_sum += w * w;
        self.effective_samples = kish(self.weight_sum, self.weight_square_sum);
        if id < self.pilot_end {
            self.pilot_viable_ids.push(id);
        }
    }

    /// A line for the end-of-run summary.
    pub fn report(&self, sampled: u64) -> String {
        format!(
            "  importance: {} of {} draws evaluated ({:.1} %; {} of them rejected before solving), {} fast solves, pilot ids 0..{}; effective samples (Kish) {:.1} from weights summing to {:.1}",
            self.evaluated,
            sampled,
            100.0 * self.evaluated as f64 / sampled.max(1) as f64,
            self.rejected_before_solving,
            self.fast_solves,
            self.pilot_end,
            self.effective_samples,
            self.weight_sum
        )
    }
}

/// Kish's effective sample size of weights with these sums (0 without weights).
pub fn kish(sum: f64, square_sum: f64) -> f64 {
    if square_sum > 0.0 {
        sum * sum / square_sum
    } else {
        0.0
    }
}

/// The ids a run covers: the whole scan, or for shard K of N the K-th block of the ids after
/// the pilot (shard 0 also takes the pilot).
pub fn id_range(points: u64, pilot_end: u64, shard: Option<Shard>) -> (u64, u64) {
    match shard {
        None => (0, points),
        Some(s) => {
            let (a, b) = s.id_range(points - pilot_end);
            let first = if s.index == 0 { 0 } else { pilot_end + a };
            (first, pilot_end + b)
        }
    }
}

/// The screen during a run: the training set of the pilot and the screen of the current stage.
pub struct ScreenState {
    settings: ScreenSettings,
    seed: u64,
    active: Vec<usize>,
    training: Training,
    /// The screen trained on the draws below `trained_below` (None before the first stage).
    screen: Option<Screen>,
    trained_below: u64,
}

impl ScreenState {
    /// A state whose training set holds the pilot's kept draws below `trained_upto`.
    fn new(plan: &ScanSettings, settings: ScreenSettings, training: Training, upto: u64) -> Self {
        let mut s = ScreenState {
            settings,
            seed: plan.seed,
            active: plan.active_dims(),
            training,
            screen: None,
            trained_below: 0,
        };
        s.advance_to(upto);
        s
    }

    /// The draw `id` at `u` under the screen of its stage (which must be the current one); a
    /// `trivial` draw (rejected before solving) passes unscreened.
    pub fn draw(&self, id: u64, u: [f64; DIMS], trivial: bool) -> Draw {
        if trivial {
            return draw(self.seed, id, u, None, true);
        }
        match self.settings.stage_of(id) {
            StageOf::Exploration => draw(self.seed, id, u, None, false),
            StageOf::Screened { trained_below } => {
                debug_assert_eq!(trained_below, self.trained_below, "screen of id {id}");
                draw(self.seed, id, u, self.screen.as_ref(), false)
            }
        }
    }

    /// The end of the batch that starts at `next`: it stops at the next stage boundary.
    pub fn batch_end(&self, next: u64, end: u64) -> u64 {
        self.settings
            .next_boundary(next)
            .map_or(end, |b| b.min(end))
    }

    /// Learns from a written batch (its kept pilot draws) and retrains at a stage boundary.
    pub fn observe(&mut self, batch: &[Evaluated]) {
        for e in batch {
            let Some(mark) = e.screen.filter(|m| m.learnt_from()) else {
                continue;
            };
            if e.id < self.settings.pilot_end() {
                self.training.push(e.id, mark.u, e.is_viable());
            }
        }
        if let Some(last) = batch.last() {
            self.advance_to(last.id + 1);
        }
    }

    /// Retrains when `next` starts a stage the current screen was not trained for.
    fn advance_to(&mut self, next: u64) {
        if let StageOf::Screened { trained_below } = self.settings.stage_of(next) {
            if trained_below != self.trained_below || self.screen.is_none() {
                // Only the draws before the stage: a resumed run has replayed part of it.
                self.screen = Some(Screen::train(
                    &self.training.below(trained_below),
                    &self.active,
                    self.settings.neighbours,
                    self.settings.floor,
                ));
                self.trained_below = trained_below;
            }
        }
    }
}

/// Draw `d` (decided by the first screen) through the second screen and the physics: skipped,
/// fast-solved and skipped, or fully evaluated, with its mark (acceptance = a x a2).
/// `inputs` are `model.inputs_at(&d.u)`, computed once by the caller.
pub fn evaluate_draw<M: ScanModel>(model: &M, d: &Draw, inputs: M::Inputs) -> Evaluated {
    let plan = model.settings();
    let mut mark = d.mark();
    let fast_floor = plan.importance.and_then(|s| s.fast_solve_floor);
    if mark.kept && !mark.trivial {
        if let Some(floor) = fast_floor {
            if let Some(viable) = model.fast_verdict(&inputs) {
                mark.fast_solved = true;
                if !viable {
                    mark.acceptance *= floor;
                    if fast_uniform(plan.seed, d.id) >= floor {
                        mark.kept = false;
                        mark.fast_skipped = true;
                    }
                }
            }
        }
    }
    let mut e = if mark.kept {
        evaluate_inputs(model, d.id, inputs)
    } else {
        not_evaluated_or(
            model,
            d.id,
            &inputs,
            PointRows::rejected("not_evaluated", "not evaluated"),
        )
    };
    e.screen = Some(mark);
    e
}

/// The pilot's draws for a replay: labels from the viable ids of the record (`known`), or else
/// from an evaluation of the physics (whose viable ids are collected).
struct Pilot<'a, M> {
    model: &'a M,
    pool: &'a rayon::ThreadPool,
    known: Option<BTreeSet<u64>>,
    viable_ids: Vec<u64>,
}

impl<M: ScanModel> ReplaySource for Pilot<'_, M> {
    fn unit_point(&self, id: u64) -> [f64; DIMS] {
        self.model.settings().sampler().unit_point(id)
    }

    fn trivial(&self, u: &[f64; DIMS]) -> bool {
        self.model.rejects_before_solving(&self.model.inputs_at(u))
    }

    fn map_ids(&self, from: u64, to: u64, draw: &(dyn Fn(u64) -> Draw + Sync)) -> Vec<Draw> {
        self.pool
            .install(|| (from..to).into_par_iter().map(draw).collect())
    }

    fn labels(&mut self, kept: &[Draw]) -> Vec<bool> {
        if let Some(known) = &self.known {
            return kept.iter().map(|d| known.contains(&d.id)).collect();
        }
        let model = self.model;
        let labels: Vec<bool> = self.pool.install(|| {
            kept.par_iter()
                .map(|d| evaluate_draw(model, d, model.inputs_at(&d.u)).is_viable())
                .collect()
        });
        self.viable_ids
            .extend(kept.iter().zip(&labels).filter(|p| *p.1).map(|p| p.0.id));
        labels
    }
}

/// The screen state for a run starting at `next_id`: replayed from the record's labels, or (a
/// shard after the pilot, whose record does not know them yet) from an evaluation of the pilot,
/// whose viable ids are then stored in the record.
pub fn prepare<M: ScanModel>(
    model: &M,
    pool: &rayon::ThreadPool,
    record: &mut ImportanceRecord,
    next_id: u64,
) -> ScreenState {
    let plan = model.settings();
    let settings = plan.importance.expect("an importance plan");
    let needed = next_id.min(settings.pilot_end());
    let known = record.labels_known_below >= needed;
    if !known {
        eprintln!(
            "importance: computing the pilot (draws 0..{needed}) to train the screen; this shard does not write it"
        );
    }
    let mut pilot = Pilot {
        model,
        pool,
        known: known.then(|| record.pilot_viable_ids.iter().copied().collect()),
        viable_ids: Vec::new(),
    };
    let training = replay(
        &settings,
        plan.seed,
        &plan.active_dims(),
        needed,
        &mut pilot,
    );
    if !known {
        record.pilot_viable_ids = pilot.viable_ids;
        record.labels_known_below = needed;
    }
    ScreenState::new(plan, settings, training, next_id)
}
