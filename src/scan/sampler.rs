//! Samplers: deterministic maps from a point id to a point of the unit hypercube (0, 1)^DIMS.
//!
//! Every sampler is a pure function of (config seed, id): a point never depends on which thread
//! evaluated it, on the batch it was in, on the shard, or on an interruption and resume. That is
//! what makes the output identical for any thread count and lets a scan resume exactly.
//!
//! - `Random`: ChaCha8 seeded with the config seed, stream = id (ENGINEERING.md).
//! - `Latin`: Latin hypercube over the configured total number of points. Dimension d puts point
//!   id into stratum `permute_d(id)`, a pseudo-random bijection of 0..points (Kensler's hash
//!   permutation with cycle walking, O(1) memory), plus a jitter drawn from the id's stream.
//! - `Sobol`: Owen-scrambled Sobol sequence (`sobol_burley`, Burley 2020). The crate's sequences
//!   hold 2^16 points; ids beyond that continue in independently scrambled blocks of 2^16
//!   (the crate's documented seeding technique), each block seeded from (config seed, block).

use rand::distr::Open01;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Number of sampled dimensions: six non-coupling inputs and the three sampled couplings.
pub const DIMS: usize = 9;

/// Which sampler fills the unit hypercube.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SamplerKind {
    Random,
    Latin,
    Sobol,
    /// Markov chains (module `mcmc`); its ids are drawn by the `[mcmc]` exploration sampler.
    Mcmc,
    /// Random draws thinned by a trained screen, weighted (module `screen`).
    Importance,
}

impl SamplerKind {
    pub fn name(self) -> &'static str {
        match self {
            SamplerKind::Random => "random",
            SamplerKind::Latin => "latin",
            SamplerKind::Sobol => "sobol",
            SamplerKind::Mcmc => "mcmc",
            SamplerKind::Importance => "importance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "random" => Some(SamplerKind::Random),
            "latin" => Some(SamplerKind::Latin),
            "sobol" => Some(SamplerKind::Sobol),
            "mcmc" => Some(SamplerKind::Mcmc),
            "importance" => Some(SamplerKind::Importance),
            _ => None,
        }
    }
}

/// A sampler bound to its seed (and, for Latin hypercubes, the total number of points).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampler {
    kind: SamplerKind,
    seed: u64,
    points: u64,
}

/// The largest number of points a Latin hypercube supports (the permutation works on u32).
pub const LATIN_MAX_POINTS: u64 = u32::MAX as u64;

const SOBOL_BLOCK: u64 = 1 << 16;

impl Sampler {
    /// `points` is the total size of the scan (the Latin strata); ids must be below it for Latin.
    pub fn new(kind: SamplerKind, seed: u64, points: u64) -> Self {
        Self { kind, seed, points }
    }

    pub fn kind(&self) -> SamplerKind {
        self.kind
    }

    /// The RNG stream of a point: ChaCha8 seeded from the config seed, stream = id.
    pub fn point_rng(&self, id: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(id);
        rng
    }

    /// The unit-hypercube coordinates of point `id`, each strictly inside (0, 1).
    pub fn unit_point(&self, id: u64) -> [f64; DIMS] {
        let mut u = [0.5; DIMS];
        match self.kind {
            // An MCMC plan's ids are its exploration draws (`ScanPlan::sampler` passes the
            // exploration kind); a bare `Mcmc` sampler draws them like `Random`. An importance
            // scan's draws are the random sampler's (the screen only thins them).
            SamplerKind::Random | SamplerKind::Mcmc | SamplerKind::Importance => {
                let mut rng = self.point_rng(id);
                for x in &mut u {
                    *x = rng.sample(Open01);
                }
            }
            SamplerKind::Latin => {
                assert!(
                    id < self.points && self.points <= LATIN_MAX_POINTS,
                    "Latin hypercube id {id} outside 0..{}",
                    self.points
                );
                let n = self.points as u32;
                let mut rng = self.point_rng(id);
                for (d, x) in u.iter_mut().enumerate() {
                    let p = splitmix64(self.seed ^ splitmix64(d as u64 + 1)) as u32;
                    let stratum = permute(id as u32, n, p);
                    let jitter: f64 = rng.sample(Open01);
                    // Stay strictly inside (0, 1) despite rounding at the top stratum.
                    *x = ((stratum as f64 + jitter) / n as f64).min(1.0 - f64::EPSILON / 2.0);
                }
            }
            SamplerKind::Sobol => {
                let index = (id % SOBOL_BLOCK) as u32;
                let block = id / SOBOL_BLOCK;
                let seed = splitmix64(self.seed ^ splitmix64(block)) as u32;
                for (d, x) in u.iter_mut().enumerate() {
                    // sobol_burley returns multiples of 2^-24 in [0, 1): take the cell centre.
                    let s = sobol_burley::sample(index, d as u32, seed) as f64;
                    *x = s + 2f64.powi(-25);
                }
            }
        }
        u
    }
}

/// SplitMix64 finaliser: a bijective 64-bit mixing function, used to derive independent seeds.
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Kensler's hash permutation ("Correlated Multi-Jittered Sampling", Pixar 2013): a pseudo-random
/// bijection of 0..len selected by `p`, computed in O(1) memory. Each step is invertible on the
/// low bits below the mask, so the hash permutes 0..=mask; cycle walking restricts it to 0..len.
pub fn permute(i: u32, len: u32, p: u32) -> u32 {
    assert!(i < len, "permute: {i} outside 0..{len}");
    let mut w = len - 1;
    w |= w >> 1;
    w |= w >> 2;
    w |= w >> 4;
    w |= w >> 8;
    w |= w >> 16;
    let mut i = i;
    loop {
        i ^= p;
        i = i.wrapping_mul(0xe170_893d);
        i ^= p >> 16;
        i ^= (i & w) >> 4;
        i ^= p >> 8;
        i = i.wrapping_mul(0x0929_eb3f);
        i ^= p >> 23;
        i ^= (i & w) >> 1;
        i = i.wrapping_mul(1 | (p >> 27));
        i = i.wrapping_mul(0x6935_fa69);
        i ^= (i & w) >> 11;
        i = i.wrapping_mul(0x74dc_b303);
        i ^= (i & w) >> 2;
        i = i.wrapping_mul(0x9e50_1cc3);
        i ^= (i & w) >> 2;
        i = i.wrapping_mul(0xc860_a3df);
        i &= w;
        i ^= i >> 5;
        if i < len {
            break;
        }
    }
    ((i as u64 + p as u64) % len as u64) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permute_is_a_bijection() {
        for len in [1u32, 2, 3, 7, 64, 100, 1000, 4097] {
            for p in [0u32, 1, 0xdead_beef, 12345] {
                let mut seen = vec![false; len as usize];
                for i in 0..len {
                    let j = permute(i, len, p);
                    assert!(j < len);
                    assert!(!seen[j as usize], "len {len}, p {p}: {j} hit twice");
                    seen[j as usize] = true;
                }
            }
        }
    }

    #[test]
    fn latin_hypercube_has_one_point_per_stratum_in_every_dimension() {
        let n = 257u64;
        let s = Sampler::new(SamplerKind::Latin, 42, n);
        let pts: Vec<_> = (0..n).map(|id| s.unit_point(id)).collect();
        for d in 0..DIMS {
            let mut strata: Vec<u64> = pts.iter().map(|u| (u[d] * n as f64) as u64).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..n).collect::<Vec<_>>(), "dimension {d}");
        }
    }

    #[test]
    fn samplers_are_deterministic_per_id_and_inside_the_open_cube() {
        for kind in [SamplerKind::Random, SamplerKind::Latin, SamplerKind::Sobol] {
            let s = Sampler::new(kind, 7, 1000);
            let t = Sampler::new(kind, 8, 1000);
            for id in [0u64, 1, 17, 999] {
                let a = s.unit_point(id);
                assert_eq!(a, s.unit_point(id));
                assert_ne!(a, t.unit_point(id), "{kind:?}: the seed must matter");
                assert!(a.iter().all(|&x| x > 0.0 && x < 1.0), "{kind:?}: {a:?}");
            }
            assert_ne!(s.unit_point(3), s.unit_point(4));
        }
    }

    #[test]
    fn sobol_continues_past_one_block() {
        let s = Sampler::new(SamplerKind::Sobol, 1, u64::MAX);
        assert_ne!(s.unit_point(5), s.unit_point(5 + SOBOL_BLOCK));
    }

    #[test]
    fn random_sampler_is_roughly_uniform() {
        let s = Sampler::new(SamplerKind::Random, 3, 0);
        let n = 4000;
        let mean: f64 = (0..n).map(|id| s.unit_point(id)[4]).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.02, "mean {mean}");
    }
}
