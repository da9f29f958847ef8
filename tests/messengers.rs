//! Issue 11: general messenger sectors (Wagner 1998, seed 002; docs/physics.md section 11).
//!
//! The threshold-by-threshold RG evolution is checked against the seed's closed forms, each
//! evaluated independently here (exact one-loop gauge couplings between thresholds, the top-Yukawa
//! functions E, F, H by Simpson quadrature): the gaugino masses `M_j(mu) = sum_I B_I^j
//! alpha_j(mu)/4pi F_I/X_I`, the gauge-only scalar masses of eq. (mq2) and its N-threshold
//! recursion, the A_t recursion of eq. (atev) with the top Yukawa; then the limits (equal
//! thresholds = one sector of the summed multiplicity, a 10 + 10bar = three 5 + 5bar) and the `n5`
//! shorthand bit for bit. Each test prints its largest deviation.

use std::f64::consts::PI;

use gmsbscan::config::{PhysicsConfig, Preset};
use gmsbscan::model::boundary::{threshold_f, threshold_g, MessengerInputs};
use gmsbscan::model::messengers::{Content, MessengerPair, MessengerSector};
use gmsbscan::model::params::{Couplings, SoftTerms};
use gmsbscan::model::rge::{
    evolve_sector_using, evolve_using, gauge_couplings_at, Evolution, Integrator,
};

const Q: f64 = 1000.0;

/// GUT-normalised MSSM coefficients (33/5, 1, -3).
const B_MSSM: [f64; 3] = [33.0 / 5.0, 1.0, -3.0];

/// Seed's c_Q^i (GUT normalisation): (3/5) Y^2, 3/4 for doublets, 4/3 for triplets.
fn casimirs_gut(y2: f64, doublet: bool, triplet: bool) -> [f64; 3] {
    [
        0.6 * y2,
        if doublet { 0.75 } else { 0.0 },
        if triplet { 4.0 / 3.0 } else { 0.0 },
    ]
}

/// First-generation fields: (name, c_Q^i, accessor).
type Field = (&'static str, [f64; 3], fn(&SoftTerms) -> f64);
fn first_generation() -> [Field; 5] {
    [
        ("Q", casimirs_gut(1.0 / 36.0, true, true), |s| s.mq1),
        ("U", casimirs_gut(4.0 / 9.0, false, true), |s| s.mu1),
        ("D", casimirs_gut(1.0 / 9.0, false, true), |s| s.md1),
        ("L", casimirs_gut(0.25, true, false), |s| s.ml1),
        ("E", casimirs_gut(1.0, false, false), |s| s.me1),
    ]
}

fn pair(content: Content, n: f64, mass: f64, f_over_x: f64) -> MessengerPair {
    MessengerPair {
        content,
        multiplicity: n,
        mass,
        f_over_x,
        singlets: false,
    }
}

/// Couplings at Q: one-loop MSSM gauge couplings from M_Z, the top Yukawa `ht`, every other
/// coupling zero (the seed's setting: gauge and top Yukawa only).
fn couplings_q(ht: f64) -> Couplings {
    let cfg = PhysicsConfig::preset(Preset::Consistent);
    let [g1, g2, g3] = gauge_couplings_at(&cfg.sm, Q);
    Couplings {
        g1,
        g2,
        g3,
        ht,
        xi_s: 1.0,
        ..Couplings::default()
    }
}

/// The consistent preset with one-loop gauge running: the seed's closed forms are one-loop exact
/// (the preset's two-loop gauge terms move M_3(Q) by about 1 %).
fn consistent() -> PhysicsConfig {
    let mut cfg = PhysicsConfig::preset(Preset::Consistent);
    cfg.switches.gauge_two_loop = false;
    cfg
}

fn evolve(sector: &MessengerSector, c: &Couplings) -> Evolution {
    evolve_sector_using(Integrator::Dopri5, c, Q, sector, &consistent()).unwrap()
}

/// GUT-normalised alpha_i from SM-normalised couplings.
fn alpha_gut(c: &Couplings) -> [f64; 3] {
    [
        5.0 / 3.0 * c.g1 * c.g1 / (4.0 * PI),
        c.g2 * c.g2 / (4.0 * PI),
        c.g3 * c.g3 / (4.0 * PI),
    ]
}

/// The regimes of a sector, from the top down: threshold masses X_1 > X_2 > ... > X_n, the
/// GUT-normalised b of each interval below X_k (MSSM plus the pairs lighter than X_k), and the
/// exact one-loop alpha_i at every threshold from alpha_i(Q): `1/alpha(mu) = 1/alpha(Q) -
/// b/(4 pi) ln(mu^2/Q^2)` interval by interval (seed's eqs. for 1/alpha_j(X_I)).
struct Regimes {
    x: Vec<f64>,
    /// b[k]: the coefficients between x[k] and x[k+1] (or Q).
    b: Vec<[f64; 3]>,
    /// alpha[k]: alpha_i at x[k]; alpha_q at Q.
    alpha: Vec<[f64; 3]>,
    alpha_q: [f64; 3],
}

fn pair_b(p: &MessengerPair) -> [f64; 3] {
    p.content.b_gut().map(|b| b * p.multiplicity)
}

impl Regimes {
    fn new(sector: &MessengerSector, c_q: &Couplings) -> Self {
        let x = sector.thresholds();
        let b: Vec<[f64; 3]> = x
            .iter()
            .map(|&xk| {
                let mut b = B_MSSM;
                for p in sector.pairs().iter().filter(|p| p.mass < xk) {
                    let pb = pair_b(p);
                    for i in 0..3 {
                        b[i] += pb[i];
                    }
                }
                b
            })
            .collect();
        let alpha_q = alpha_gut(c_q);
        // Upwards from Q: below x[n-1] the MSSM b = b[n-1]; between x[k+1] and x[k] b[k].
        let n = x.len();
        let mut alpha = vec![[0.0; 3]; n];
        let mut inv = alpha_q.map(|a| 1.0 / a);
        let mut lower = Q;
        for k in (0..n).rev() {
            let bk = b[k];
            let l = (x[k] * x[k] / (lower * lower)).ln();
            for i in 0..3 {
                inv[i] -= bk[i] / (4.0 * PI) * l;
            }
            alpha[k] = inv.map(|v| 1.0 / v);
            lower = x[k];
        }
        Self {
            x,
            b,
            alpha,
            alpha_q,
        }
    }

    /// alpha_i at scale mu in [x[k+1] (or Q), x[k]].
    fn alpha_at(&self, k: usize, mu: f64) -> [f64; 3] {
        let l = (mu * mu / (self.x[k] * self.x[k])).ln();
        std::array::from_fn(|i| 1.0 / (1.0 / self.alpha[k][i] - self.b[k][i] / (4.0 * PI) * l))
    }

    fn lower(&self, k: usize) -> f64 {
        self.x.get(k + 1).copied().unwrap_or(Q)
    }

    fn alpha_lower(&self, k: usize) -> [f64; 3] {
        self.alpha.get(k + 1).copied().unwrap_or(self.alpha_q)
    }
}

/// The gaugino-mass threshold of a pair at its own scale (GUT units): B^j alpha_j/4pi (F/X) g(x).
fn gaugino_threshold(p: &MessengerPair, alpha: &[f64; 3]) -> [f64; 3] {
    let b = pair_b(p);
    std::array::from_fn(|j| b[j] * alpha[j] / (4.0 * PI) * p.f_over_x * threshold_g(p.x()))
}

/// Gaugino masses at every threshold (after its contribution) from the seed's recursion
/// `M_j(X_{N+1}) = M_j(X_N) alpha_j(X_{N+1})/alpha_j(X_N) + B_{N+1}^j alpha_j(X_{N+1})/4pi F/X`.
fn gaugino_recursion(sector: &MessengerSector, r: &Regimes) -> Vec<[f64; 3]> {
    let mut out: Vec<[f64; 3]> = Vec::new();
    for (k, &xk) in r.x.iter().enumerate() {
        let mut m = match out.last() {
            Some(prev) => std::array::from_fn(|j| prev[j] * r.alpha[k][j] / r.alpha[k - 1][j]),
            None => [0.0; 3],
        };
        for p in sector.pairs().iter().filter(|p| p.mass == xk) {
            let t = gaugino_threshold(p, &r.alpha[k]);
            for j in 0..3 {
                m[j] += t[j];
            }
        }
        out.push(m);
    }
    out
}

/// Largest relative deviation among (label, value, reference).
fn worst(rows: &[(String, f64, f64)]) -> (f64, String) {
    rows.iter()
        .map(|(l, v, r)| ((v - r).abs() / r.abs(), l.clone()))
        .fold((0.0, String::new()), |a, b| if b.0 > a.0 { b } else { a })
}

/// A split 5 (doublets above triplets, the seed's example), the reverse, and a mixed sector with
/// a 10 and a 5 at a third scale.
fn sectors() -> Vec<(&'static str, MessengerSector)> {
    vec![
        (
            "L at 1e6, D at 1e5 (seed section 3)",
            MessengerSector::new(vec![
                pair(Content::L, 1.0, 1.0e6, 3.0e5),
                pair(Content::D, 1.0, 1.0e5, 6.0e4),
            ])
            .unwrap(),
        ),
        (
            "D at 3e6, L at 8e4",
            MessengerSector::new(vec![
                pair(Content::D, 2.0, 3.0e6, 5.0e4),
                pair(Content::L, 1.0, 8.0e4, 4.0e4),
            ])
            .unwrap(),
        ),
        (
            "10 at 2e7, 5 at 4e5, D at 9e4",
            MessengerSector::new(vec![
                pair(Content::Ten, 1.0, 2.0e7, 7.0e4),
                pair(Content::Five, 1.0, 4.0e5, 5.0e4),
                pair(Content::D, 1.0, 9.0e4, 2.0e4),
            ])
            .unwrap(),
        ),
    ]
}

/// M_j(mu) = sum_I B_I^j alpha_j(mu)/4pi F_I/X_I g(x_I) (the seed's closed form, with the exact
/// one-loop g(x_I) of each pair), at Q and at every threshold.
#[test]
fn gaugino_masses_match_the_closed_form() {
    let mut all = Vec::new();
    for (name, sector) in sectors() {
        let c = couplings_q(0.9);
        let evo = evolve(&sector, &c);
        let r = Regimes::new(&sector, &c);
        let alpha = r.alpha_q;
        let mut closed = [0.0; 3];
        for p in sector.pairs() {
            let b = pair_b(p);
            for j in 0..3 {
                closed[j] += b[j] * alpha[j] / (4.0 * PI) * p.f_over_x * threshold_g(p.x());
            }
        }
        let got = [evo.soft_q.m1, evo.soft_q.m2, evo.soft_q.m3];
        for j in 0..3 {
            all.push((format!("{name}: M_{}(Q)", j + 1), got[j], closed[j]));
        }
        // The recursion through the thresholds lands on the same values.
        let rec = gaugino_recursion(&sector, &r);
        let last = r.x.len() - 1;
        for j in 0..3 {
            let at_q = rec[last][j] * r.alpha_q[j] / r.alpha[last][j];
            assert!((at_q - closed[j]).abs() < 1e-12 * closed[j].abs());
        }
    }
    let (dev, at) = worst(&all);
    println!("gaugino masses: largest relative deviation from the closed form {dev:.2e} ({at})");
    assert!(dev < 1e-8, "{dev:e} at {at}");
}

/// Eq. (mq2) for two thresholds and its N-threshold recursion (seed section 4, gauge part):
/// `m^2(X_{N+1}) = m^2(X_N) - 2 c^i M_i^2(X_N)/alpha_i^2(X_N) (alpha_i^2(X_{N+1}) -
/// alpha_i^2(X_N))/b_i + 2 c^i/16pi^2 B_{N+1}^i alpha_i^2(X_{N+1}) (F/X)^2 f(x)`, for the five
/// first-generation sfermions (no Yukawa couplings).
#[test]
fn gauge_only_scalar_masses_match_eq_mq2() {
    let mut all = Vec::new();
    for (name, sector) in sectors() {
        let c = couplings_q(0.9);
        let evo = evolve(&sector, &c);
        let r = Regimes::new(&sector, &c);
        let gaugino = gaugino_recursion(&sector, &r);
        for (field, cq, get) in first_generation() {
            let mut m2 = 0.0;
            for (k, &xk) in r.x.iter().enumerate() {
                // Threshold contributions at X_k.
                for p in sector.pairs().iter().filter(|p| p.mass == xk) {
                    let b = pair_b(p);
                    let x = p.x();
                    m2 += (0..3)
                        .map(|i| {
                            2.0 * cq[i] / (16.0 * PI * PI)
                                * b[i]
                                * r.alpha[k][i].powi(2)
                                * (p.f_over_x).powi(2)
                                * threshold_f(x)
                        })
                        .sum::<f64>();
                }
                // Running from X_k to the next threshold or Q.
                let lower = r.alpha_lower(k);
                m2 -= (0..3)
                    .map(|i| {
                        2.0 * cq[i]
                            * (gaugino[k][i] / r.alpha[k][i]).powi(2)
                            * (lower[i].powi(2) - r.alpha[k][i].powi(2))
                            / r.b[k][i]
                    })
                    .sum::<f64>();
            }
            all.push((format!("{name}: m^2_{field}(Q)"), get(&evo.soft_q), m2));
        }
    }
    // Eq. (mq2) as printed for the seed's two-threshold example (X_2 > X_3), term by term.
    let (_, sector) = &sectors()[0];
    let c = couplings_q(0.9);
    let evo = evolve(sector, &c);
    let r = Regimes::new(sector, &c);
    let (p2, p3) = (&sector.pairs()[0], &sector.pairs()[1]);
    let (b2, b3) = (pair_b(p2), pair_b(p3));
    let (a2, a3, amu) = (r.alpha[0], r.alpha[1], r.alpha_q);
    let b33 = r.b[0];
    let bmssm = r.b[1];
    let m_x2: [f64; 3] =
        std::array::from_fn(|j| b2[j] * a2[j] / (4.0 * PI) * p2.f_over_x * threshold_g(p2.x()));
    let m_x3: [f64; 3] = std::array::from_fn(|j| {
        b2[j] * a3[j] / (4.0 * PI) * p2.f_over_x * threshold_g(p2.x())
            + b3[j] * a3[j] / (4.0 * PI) * p3.f_over_x * threshold_g(p3.x())
    });
    for (field, cq, get) in first_generation() {
        let mq2: f64 = (0..3)
            .map(|i| {
                2.0 * cq[i] / (16.0 * PI * PI)
                    * b2[i]
                    * a2[i].powi(2)
                    * p2.f_over_x.powi(2)
                    * threshold_f(p2.x())
                    - 2.0 * cq[i] * m_x2[i].powi(2) / a2[i].powi(2)
                        * (a3[i].powi(2) - a2[i].powi(2))
                        / b33[i]
                    + 2.0 * cq[i] / (16.0 * PI * PI)
                        * b3[i]
                        * a3[i].powi(2)
                        * p3.f_over_x.powi(2)
                        * threshold_f(p3.x())
                    - 2.0 * cq[i] * m_x3[i].powi(2) / a3[i].powi(2)
                        * (amu[i].powi(2) - a3[i].powi(2))
                        / bmssm[i]
            })
            .sum();
        all.push((
            format!("eq. (mq2) as printed: m^2_{field}(Q)"),
            get(&evo.soft_q),
            mq2,
        ));
    }
    let (dev, at) = worst(&all);
    println!(
        "gauge-only scalar masses: largest relative deviation from eq. (mq2) {dev:.2e} ({at})"
    );
    assert!(dev < 1e-8, "{dev:e} at {at}");
}

/// Composite Simpson on a uniform grid of 2n intervals of `t = ln mu^2` from `t0` to `t1`
/// (either direction): the cumulative integral F(t) = int_{t0}^t E at the even nodes, and the
/// nodes themselves.
struct Grid {
    t: Vec<f64>,
    h: f64,
}

impl Grid {
    fn new(t0: f64, t1: f64, n: usize) -> Self {
        let h = (t1 - t0) / (2 * n) as f64;
        Self {
            t: (0..=2 * n).map(|i| t0 + h * i as f64).collect(),
            h,
        }
    }

    /// Simpson integral of the node values `f` over the whole grid.
    fn integral(&self, f: &[f64]) -> f64 {
        let n = f.len() - 1;
        let mut s = f[0] + f[n];
        for (i, v) in f.iter().enumerate().take(n).skip(1) {
            s += if i % 2 == 1 { 4.0 * v } else { 2.0 * v };
        }
        s * self.h / 3.0
    }

    /// Cumulative integral from t0 at every node (Simpson on even nodes, Simpson's 3/8-free
    /// midpoint refinement for odd nodes: quadratic interpolation through the three nodes of the
    /// panel).
    fn cumulative(&self, f: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; f.len()];
        let h = self.h;
        let mut i = 0;
        while i + 2 < f.len() {
            let (a, b, c) = (f[i], f[i + 1], f[i + 2]);
            // int over the first half of the panel of the quadratic through a, b, c.
            out[i + 1] = out[i] + h * (5.0 * a + 8.0 * b - c) / 12.0;
            out[i + 2] = out[i] + h * (a + 4.0 * b + c) / 3.0;
            i += 2;
        }
        out
    }
}

/// Eq. (atev): `A_t(X_{N+1}) = c_t^i M_i(X_N)/(4 pi alpha_i(X_N)) [int alpha_i^2 dt - y
/// H(alpha_i^2)] + A_t(X_N)(1 - y)`, `A_t(X_1) = 0`, with y, E, F, H of seed section 4 (t = ln mu^2, integrals
/// from X_N down to X_{N+1}), the top Yukawa at each threshold from the seed's closed form
/// `alpha_t(X_{N+1}) = alpha_t(X_N) E/(1 - 6 alpha_t(X_N) F/4pi)` inverted upwards from h_t(Q).
/// The seed's A_t is minus the paper's (its A_t RGE has the opposite sign of the gaugino term), so
/// it is compared with the uniform-convention a_t = -A_t(paper).
#[test]
fn a_t_matches_the_recursion_eq_atev() {
    let c_t = [13.0 / 15.0, 3.0, 16.0 / 3.0];
    let mut all = Vec::new();
    for ht in [0.6, 0.95] {
        for (name, sector) in sectors() {
            let c = couplings_q(ht);
            let evo = evolve(&sector, &c);
            let r = Regimes::new(&sector, &c);
            let gaugino = gaugino_recursion(&sector, &r);
            let n = r.x.len();
            // Per regime k (from x[k] down to the next scale): grid, E, F, and the integrals.
            struct Seg {
                grid: Grid,
                e: Vec<f64>,
                f: Vec<f64>,
                alpha: Vec<[f64; 3]>,
            }
            let segs: Vec<Seg> = (0..n)
                .map(|k| {
                    let grid = Grid::new(2.0 * r.x[k].ln(), 2.0 * r.lower(k).ln(), 2000);
                    let alpha: Vec<[f64; 3]> = grid
                        .t
                        .iter()
                        .map(|&t| r.alpha_at(k, (0.5 * t).exp()))
                        .collect();
                    let e: Vec<f64> = alpha
                        .iter()
                        .map(|a| {
                            (0..3)
                                .map(|i| (a[i] / r.alpha[k][i]).powf(-c_t[i] / r.b[k][i]))
                                .product()
                        })
                        .collect();
                    let f = grid.cumulative(&e);
                    Seg { grid, e, f, alpha }
                })
                .collect();
            // alpha_t at the thresholds, upwards from Q: alpha_t0 = alpha_t_end/(E_end + 6
            // alpha_t_end F_end/4pi).
            let mut alpha_t = vec![0.0; n];
            let mut a_end = ht * ht / (4.0 * PI);
            for k in (0..n).rev() {
                let s = &segs[k];
                let (e_end, f_end) = (*s.e.last().unwrap(), *s.f.last().unwrap());
                alpha_t[k] = a_end / (e_end + 6.0 * a_end * f_end / (4.0 * PI));
                a_end = alpha_t[k];
            }
            // The recursion, from A_t(X_1) = 0.
            let mut a_t = 0.0;
            for k in 0..n {
                let s = &segs[k];
                let f_end = *s.f.last().unwrap();
                let kf = 6.0 * alpha_t[k] * f_end / (4.0 * PI);
                let y = -kf / (1.0 - kf);
                let mut gauge = 0.0;
                for i in 0..3 {
                    let a2: Vec<f64> = s.alpha.iter().map(|a| a[i] * a[i]).collect();
                    let fa2: Vec<f64> = a2.iter().zip(&s.f).map(|(a, f)| a * f).collect();
                    let int_a2 = s.grid.integral(&a2);
                    let h = int_a2 - s.grid.integral(&fa2) / f_end;
                    gauge += c_t[i] * gaugino[k][i] / (4.0 * PI * r.alpha[k][i]) * (int_a2 - y * h);
                }
                a_t = gauge + a_t * (1.0 - y);
            }
            all.push((
                format!("{name}, h_t(Q) = {ht}: A_t(Q)"),
                evo.soft_q.a_t,
                a_t,
            ));
        }
    }
    let (dev, at) = worst(&all);
    println!("A_t: largest relative deviation from eq. (atev) {dev:.2e} ({at})");
    for (l, v, r) in &all {
        println!("  {l}: evolved {v:.9e}, recursion {r:.9e}");
    }
    assert!(dev < 1e-7, "{dev:e} at {at}");
}

/// Table I-like couplings at Q for the full-model limits.
fn full_couplings() -> Couplings {
    Couplings {
        lambda_n: 0.31,
        lambda_s: 3e-3,
        k: 0.4,
        xi_n: 0.71,
        eta_n: 0.87,
        eta_s: 8.3e-3,
        hb: 0.3,
        htau: 0.2,
        ..couplings_q(0.9)
    }
}

fn soft_vector(s: &SoftTerms) -> [f64; 21] {
    [
        s.m1, s.m2, s.m3, s.a_t, s.a_b, s.a_tau, s.a_lambda, s.a_k, s.mq3, s.mu3, s.md3, s.ml3,
        s.me3, s.mq1, s.mu1, s.md1, s.ml1, s.me1, s.mhu, s.mhd, s.mn,
    ]
}

fn max_rel(a: &SoftTerms, b: &SoftTerms) -> f64 {
    soft_vector(a)
        .iter()
        .zip(soft_vector(b))
        .map(|(x, y)| (x - y).abs() / x.abs().max(y.abs()).max(1e-300))
        .fold(0.0, f64::max)
}

fn hmz_pair(n5: f64) -> MessengerPair {
    MessengerPair {
        singlets: true,
        ..pair(Content::Five, n5, 97_000.0, 77_000.0)
    }
}

/// Equal thresholds: the HMZ 5 plus two more 5s at the same mass and F/X is the n5 = 3 shorthand;
/// a 10 + 10bar is three 5 + 5bar in every gauge-mediated term and in the running (both presets).
#[test]
fn limits_equal_thresholds_and_ten_as_three_fives() {
    let mut dev_equal: f64 = 0.0;
    let mut dev_ten: f64 = 0.0;
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        let cfg = PhysicsConfig::preset(preset);
        let c = full_couplings();
        let run =
            |s: &MessengerSector| evolve_sector_using(Integrator::Dopri5, &c, Q, s, &cfg).unwrap();
        let three = run(&MessengerSector::new(vec![hmz_pair(3.0)]).unwrap());
        let split = run(&MessengerSector::new(vec![
            hmz_pair(1.0),
            pair(Content::Five, 2.0, 97_000.0, 77_000.0),
        ])
        .unwrap());
        dev_equal = dev_equal.max(max_rel(&three.soft_q, &split.soft_q));
        // The same 3 x 5 (or one 10) as a second threshold above M.
        let fives =
            run(
                &MessengerSector::new(vec![hmz_pair(1.0), pair(Content::Five, 3.0, 4.0e5, 6.0e4)])
                    .unwrap(),
            );
        let ten =
            run(
                &MessengerSector::new(vec![hmz_pair(1.0), pair(Content::Ten, 1.0, 4.0e5, 6.0e4)])
                    .unwrap(),
            );
        dev_ten = dev_ten.max(max_rel(&fives.soft_q, &ten.soft_q));
        // And below M (the couplings then cross the threshold on the way up to M, where the
        // hmz1999 set shoots xi_S(M) = 1).
        let below = |content, n| {
            run(&MessengerSector::new(vec![hmz_pair(1.0), pair(content, n, 5.0e4, 2.0e4)]).unwrap())
        };
        let (fives_below, ten_below) = (below(Content::Five, 3.0), below(Content::Ten, 1.0));
        dev_ten = dev_ten.max(max_rel(&fives_below.soft_q, &ten_below.soft_q));
        assert!(max_rel(&fives_below.soft_q, &fives.soft_q) > 1e-3);
        // The extra messengers do matter (the test can fail).
        assert!(max_rel(&fives.soft_q, &three.soft_q) > 1e-2);
    }
    println!("equal thresholds vs summed multiplicity: largest relative deviation {dev_equal:.2e}");
    println!("10 + 10bar vs three 5 + 5bar: largest relative deviation {dev_ten:.2e}");
    assert!(dev_equal < 1e-12, "{dev_equal:e}");
    assert!(dev_ten < 1e-12, "{dev_ten:e}");
}

/// The `n5` shorthand through the threshold-by-threshold evolution is today's single-scale
/// evolution bit for bit (both presets, both integrators, n5 = 1 and 2).
#[test]
fn the_shorthand_is_bit_identical_to_the_single_scale_evolution() {
    for preset in [Preset::Hmz1999, Preset::Consistent] {
        for integrator in [Integrator::FixedStep, Integrator::Dopri5] {
            for n5 in [1.0, 2.0] {
                let cfg = PhysicsConfig::preset(preset);
                let c = full_couplings();
                let m = MessengerInputs {
                    lambda_susy: 77_000.0,
                    m_mess: 97_000.0,
                    n5,
                };
                let old = evolve_using(integrator, &c, Q, &m, &cfg).unwrap();
                let sector = MessengerSector::minimal(n5, 97_000.0, 77_000.0).unwrap();
                let new = evolve_sector_using(integrator, &c, Q, &sector, &cfg).unwrap();
                assert_eq!(old, new, "{preset} {integrator} n5 = {n5}");
            }
        }
    }
}

/// A pair beyond the Landau pole is refused with its name: by the sector check before any work,
/// and by the RG run of a point (a named rejection, never a panic).
#[test]
fn a_pair_above_the_landau_pole_is_named() {
    let cfg = consistent();
    let sector = MessengerSector::new(vec![
        hmz_pair(1.0),
        pair(Content::Ten, 6.0, 3.0e5, 6.0e4),
        pair(Content::L, 1.0, 1.0e14, 6.0e4),
    ])
    .unwrap();
    let e = sector.check_perturbative(&cfg.sm).unwrap_err().to_string();
    assert!(
        e.starts_with("messengers[2] (1 x L, X = 1.0000e14 GeV) is above the Landau pole"),
        "{e}"
    );
    let e = evolve_sector_using(Integrator::Dopri5, &full_couplings(), Q, &sector, &cfg)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("messengers[2] (1 x L, X = 1.0000e14 GeV) is above the perturbativity limit"),
        "{e}"
    );
    // Q above the lightest messenger is refused too.
    let low =
        MessengerSector::new(vec![hmz_pair(1.0), pair(Content::D, 1.0, 900.0, 100.0)]).unwrap();
    assert!(evolve_sector_using(Integrator::Dopri5, &full_couplings(), Q, &low, &cfg).is_err());
}

const TINY: &str = include_str!("../configs/tiny.toml");

/// The `n5` shorthand written as an explicit list (one 5 + 5bar coupled to S and N) gives the
/// golden tiny scan byte for byte (the golden files are read, never rewritten, here).
#[test]
fn the_explicit_minimal_list_reproduces_the_golden_tiny_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("tiny_list.toml");
    let text = format!("{TINY}\n[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n");
    std::fs::write(&config, text).unwrap();
    let out = tmp.path().join("tiny");
    assert_cmd::Command::cargo_bin("gmsbscan")
        .unwrap()
        .args(["scan", "--threads", "2", "--keep-rejected", "--out"])
        .arg(&out)
        .arg(&config)
        .assert()
        .success();
    let golden = |name: &str| {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(name);
        std::fs::read_to_string(p).unwrap()
    };
    let viable = std::fs::read_to_string(out.join("viable.csv")).unwrap();
    assert!(viable.lines().count() > 1);
    assert!(
        viable == golden("tiny_viable.csv"),
        "viable.csv differs from the golden file"
    );
    let rejected = std::fs::read_to_string(out.join("rejected.csv")).unwrap();
    assert!(
        rejected == golden("tiny_rejected.csv"),
        "rejected.csv differs from the golden file"
    );
}

fn with_messengers(list: &str) -> String {
    format!("{TINY}\n{list}")
}

/// Scan configuration: the list is read, spelled out in the effective configuration (which parses
/// back to the same plan), and refused with a message naming the field and the pair when wrong.
#[test]
fn scan_configs_read_and_check_the_messenger_list() {
    use gmsbscan::scan::ScanPlan;
    let split = with_messengers(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n\
         [[physics.messengers]]\ncontent = \"D\"\nmass_over_y = 3.0\n\
         [[physics.messengers]]\ncontent = \"L\"\nmass = 5e5\nf_over_x = 3e4\nmultiplicity = 2\n",
    );
    let plan = ScanPlan::from_toml_str(&split).unwrap();
    assert_eq!(plan.physics.messengers.len(), 3);
    let again = ScanPlan::from_toml_str(plan.effective_toml()).unwrap();
    assert_eq!(again.physics, plan.physics);
    assert!(plan.effective_toml().contains("[[physics.messengers]]"));
    // The shorthand's effective configuration is unchanged (no list, n5 spelled out).
    let tiny = ScanPlan::from_toml_str(TINY).unwrap();
    assert!(
        tiny.effective_toml().contains("n5 = 1.0") && !tiny.effective_toml().contains("messengers")
    );

    let refused = |list: &str, needle: &str| {
        let e = ScanPlan::from_toml_str(&with_messengers(list))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("physics.messengers") && e.contains(needle),
            "{e}"
        );
    };
    refused(
        "[[physics.messengers]]\ncontent = \"D\"\n",
        "exactly one pair must couple to S and N",
    );
    refused(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n[[physics.messengers]]\ncontent = \"L\"\nmass = -3.0\n",
        "messengers[1].mass: -3",
    );
    refused(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n[[physics.messengers]]\ncontent = \"10\"\nmultiplicity = 8\nmass_over_y = 2.0\n[[physics.messengers]]\ncontent = \"E\"\nmass = 1e16\n",
        "messengers[2] (1 x E, X = 1.0000e16 GeV) is above the Landau pole",
    );
    let both = TINY.replace("[physics]\n", "[physics]\nn5 = 2\n")
        + "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n";
    let e = ScanPlan::from_toml_str(&both).unwrap_err().to_string();
    assert!(e.contains("not both"), "{e}");
    assert!(ScanPlan::from_toml_str(&with_messengers(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\nwrong = 1\n"
    ))
    .is_err());
}

/// Point cards: `[[messengers]]`, validated like the scan's list, with the point's own <S>.
#[test]
fn point_cards_read_the_messenger_list() {
    use gmsbscan::config::PointCard;
    let card = |extra: &str| {
        // Top-level keys (n5) before the card's tables, arrays of tables after them.
        let (top, list) = extra
            .split_once("[[")
            .map_or((extra, String::new()), |(t, l)| (t, format!("[[{l}")));
        PointCard::from_toml_str(&format!(
            "{top}\n{}\n{list}",
            include_str!("../configs/table1.toml")
        ))
    };
    let ok = card("[[messengers]]\ncontent = \"5\"\nsinglets = true\n[[messengers]]\ncontent = \"D\"\nmass_over_y = 2.0\n").unwrap();
    let physics = ok.physics(Preset::Hmz1999).unwrap();
    assert_eq!(physics.messengers.len(), 2);
    let err = |extra: &str| {
        let e = card(extra).unwrap().physics(Preset::Hmz1999).unwrap_err();
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text += &format!(": {s}");
            source = s.source();
        }
        text
    };
    let e = err("[[messengers]]\ncontent = \"5\"\nsinglets = true\n[[messengers]]\ncontent = \"Q\"\nmass_over_y = 0.5\nf_over_x_over_lambda = 1.0\n");
    // x = Lambda/(0.5 <S>) = 1.59 at Table I: the Q pair's scalars would be tachyonic.
    assert!(e.contains("F/X^2 = 1.5876 must be below 1"), "{e}");
    let e2 = err("[[messengers]]\ncontent = \"5\"\nsinglets = true\n[[messengers]]\ncontent = \"10\"\nmultiplicity = 8\nmass_over_y = 2.0\n[[messengers]]\ncontent = \"E\"\nmass = 1e16\n");
    assert!(e2.contains("is above the Landau pole"), "{e2}");
    let e3 = err("n5 = 2\n[[messengers]]\ncontent = \"5\"\nsinglets = true\n");
    assert!(e3.contains("not both"), "{e3}");
}

#[path = "common/python.rs"]
mod pyenv;

/// scripts/split_messengers.py (the figure of results/split-messengers): a small sweep runs end
/// to end and writes its table, the fixed-point spectrum and the PNG.
#[test]
fn the_split_messenger_script_writes_its_figure_and_data() {
    let bin = std::path::PathBuf::from(env!("CARGO_BIN_EXE_gmsbscan"));
    let example = bin.parent().unwrap().join("examples/split_messengers");
    assert!(
        example.exists(),
        "{} is missing: `cargo test --release` builds the examples (or cargo build --release --examples)",
        example.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = pyenv::python()
        .arg(root.join("scripts/split_messengers.py"))
        .args([
            "--points",
            "60",
            "--splittings",
            "3",
            "--threads",
            "1",
            "--config",
        ])
        .arg(root.join("configs/split_messengers.toml"))
        .arg("--gmsbscan")
        .arg(&bin)
        .arg("--fixed-point")
        .arg(&example)
        .arg("--out")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(tmp.path().join("split_messengers.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000);
    let sweep = std::fs::read_to_string(tmp.path().join("sweep.csv")).unwrap();
    assert_eq!(sweep.lines().count(), 4, "{sweep}");
    assert!(sweep
        .starts_with("ratio_xd_over_xl,xd_over_y,xl_over_y,sampled,viable_points,viable_fraction"));
    // The fixed-point table: HMZ's 5 alone, then the three splittings; the extra 5 + 5bar roughly
    // doubles the gaugino masses (one-loop: M_j proportional to the summed B^j), whatever r.
    let fixed = std::fs::read_to_string(tmp.path().join("fixed_point.csv")).unwrap();
    let rows: Vec<Vec<f64>> = fixed
        .lines()
        .skip(1)
        .map(|l| l.split(',').skip(1).map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 4);
    for row in &rows[1..] {
        for j in 0..3 {
            let ratio = row[j] / rows[0][j];
            assert!(ratio > 1.8 && ratio < 2.2, "M_{} ratio {ratio}", j + 1);
        }
    }
}

/// `gmsbscan point` with a general sector (Table I, consistent preset, D at 30 <S>, L at 3 <S>):
/// solved end to end, and the SLHA file's MINPAR 5 is the N_5 of the pair coupled to S and N, saying
/// so.
#[test]
fn a_point_card_with_a_split_sector_runs_and_writes_slha() {
    let tmp = tempfile::tempdir().unwrap();
    let card = tmp.path().join("card.toml");
    let text = format!(
        "{}\n[[messengers]]\ncontent = \"5\"\nsinglets = true\n\
         [[messengers]]\ncontent = \"D\"\nmass_over_y = 30.0\n[[messengers]]\ncontent = \"L\"\nmass_over_y = 3.0\n",
        include_str!("../configs/table1.toml")
    );
    std::fs::write(&card, text).unwrap();
    let slha = tmp.path().join("point.slha");
    assert_cmd::Command::cargo_bin("gmsbscan")
        .unwrap()
        .arg("point")
        .arg(&card)
        .args(["--preset", "consistent", "--bounds", "none", "--slha"])
        .arg(&slha)
        .output()
        .unwrap();
    // Exit 1 = solved but not viable (xi_N(M) beyond the HMZ range here); the SLHA file is written.
    let text = std::fs::read_to_string(&slha).unwrap();
    assert!(text.contains("BLOCK MASS"));
    let minpar5 = text
        .lines()
        .skip_while(|l| !l.starts_with("BLOCK MINPAR"))
        .find(|l| l.trim_start().starts_with("5 "))
        .unwrap();
    assert!(
        minpar5.contains("1.00000000E+00") && minpar5.contains("coupled to S, N"),
        "{minpar5}"
    );
}

/// A pair whose F/X^2 reaches 1 at a sampled point is a named `invalid_input` rejection of that
/// point (never a panic), while the same pair is fine at a larger <S>.
#[test]
fn a_tachyonic_pair_at_a_point_is_a_named_rejection() {
    use gmsbscan::constraints::RejectionReason;
    use gmsbscan::scan::ScanPlan;
    // <S> in [8.0e4, 9.5e4] GeV: at the lower end x_U = 8.5e4/<S> > 1 (a config where every
    // point had it would be refused, `messenger_sectors_invalid_at_every_point_are_refused`).
    let plan = ScanPlan::from_toml_str(
        &with_messengers(
            "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n\
             [[physics.messengers]]\ncontent = \"U\"\nf_over_x = 8.5e4\n",
        )
        .replace(
            "vev_s        = { prior = \"flat\", min = 7.5e4,  max = 1.0e5 }",
            "vev_s = { prior = \"flat\", min = 8.0e4, max = 9.5e4 }",
        ),
    )
    .unwrap();
    let at = |vev_s: f64| {
        let inputs = gmsbscan::model::params::PointInputs {
            vev_s,
            ..plan.inputs(0)
        };
        plan.evaluator().evaluate(&inputs)
    };
    let failure = at(8.0e4).failure.expect("rejected");
    assert_eq!(failure.reason, RejectionReason::InvalidInput);
    assert!(
        failure
            .detail
            .contains("messengers[1] (1 x U, X = 8.0000e4 GeV): F/X^2 = 1.0625 must be below 1"),
        "{}",
        failure.detail
    );
    assert!(at(9.5e4)
        .failure
        .is_none_or(|f| f.reason != RejectionReason::InvalidInput));
}

/// The mssm_gmsb point card of configs/mssm_gmsb_point.toml with `n5` or a messenger list.
fn mssm_card(n5_or_list: &str) -> String {
    format!(
        "model = \"mssm_gmsb\"\npreset = \"consistent\"\nbounds = \"none\"\n{n5_or_list}\n\
         [inputs]\nlambda_susy = 77000.0\nm_mess = 97000.0\ntan_beta = 24.3\nsign_mu = 1\nm_top = 172.5\n"
    )
}

fn mssm_solution(card: &str) -> gmsbscan::models::mssm::MssmSolution {
    use gmsbscan::models::card::ModelCard;
    match ModelCard::from_toml_str(card).unwrap() {
        ModelCard::Mssm { evaluator, inputs } => evaluator.evaluate(&inputs).unwrap(),
        ModelCard::Ddr { .. } => unreachable!(),
    }
}

/// mssm_gmsb takes the general messenger sectors like the HMZ model: the list with one 5 + 5bar of
/// multiplicity 2 at M is the `n5 = 2` shorthand bit for bit; a split sector (an extra colour
/// triplet D at 10 M, F/X = Lambda) adds to the gluino mass only: at one loop M_j/alpha_j is
/// RG-invariant through the thresholds (seed 002), so at Q `(M_3/alpha_3)` grows by the factor
/// `(g(x_5) + g(x_D))/g(x_5)` and `M_2/alpha_2` stays. The two-loop running moves these ratios by
/// O(alpha/4pi ln(M/Q)): M_3/alpha_3 by 0.02 % (0.5 % tolerance); M_2/alpha_2 by the two-loop term
/// `2 g_2^2 b_23 g_3^2 (M_2 + M_3)/(16 pi^2)^2` (b_23 = 24, Martin-Vaughn; switch `rge_two_loop`,
/// on in mssm_gmsb since 2026-12-06), which feeds the extra M_3 ~ 2.6 M_2 of the split sector into
/// M_2: about 2 * 0.42 * 24 * 1.1 * 2.6/(16 pi^2)^2 * ln(M/Q) ~ 1.1 % at ln(M/Q) ~ 5 (measured
/// -1.02 %; 0.04 % with one-loop soft running), hence 1.5 % there.
#[test]
fn mssm_gmsb_takes_general_messenger_sectors() {
    let shorthand = mssm_solution(&mssm_card("").replace("[inputs]\n", "[inputs]\nn5 = 2\n"));
    let list = mssm_solution(&mssm_card(
        "[[messengers]]\ncontent = \"5\"\nsinglets = true\nmultiplicity = 2\n",
    ));
    // Bit for bit, NaN fields included (the photon branching ratio of a stau NLSP is NaN, and
    // NaN != NaN under PartialEq): Debug prints every f64 in its exact shortest form.
    assert_eq!(format!("{shorthand:?}"), format!("{list:?}"));
    assert!(shorthand.ewsb.mu > 0.0);

    let minimal = mssm_solution(&mssm_card(""));
    let split = mssm_solution(&mssm_card(
        "[[messengers]]\ncontent = \"5\"\nsinglets = true\n\
         [[messengers]]\ncontent = \"D\"\nmass_over_y = 10.0\n",
    ));
    let ratio = |s: &gmsbscan::models::mssm::MssmSolution, j: usize| {
        let (m, g) = match j {
            2 => (s.soft_q().m2, s.couplings_q().g2),
            _ => (s.soft_q().m3, s.couplings_q().g3),
        };
        m / (g * g)
    };
    let (x5, x_d) = (77_000.0 / 97_000.0, 77_000.0 / 970_000.0);
    let expected = (threshold_g(x5) + threshold_g(x_d)) / threshold_g(x5);
    let r3 = ratio(&split, 3) / ratio(&minimal, 3);
    let r2 = ratio(&split, 2) / ratio(&minimal, 2);
    println!("M3/g3^2 ratio {r3:.5} (one loop {expected:.5}), M2/g2^2 ratio {r2:.5} (one loop 1)");
    assert!((r3 / expected - 1.0).abs() < 0.005, "{r3} vs {expected}");
    assert!((r2 - 1.0).abs() < 0.015, "{r2}");
}

/// A messenger list that no point of the priors (or the card's point) can make valid is refused
/// before any work, naming the field and the pair; n5 and a list together are refused; ddr has no
/// list.
#[test]
fn messenger_sectors_invalid_at_every_point_are_refused() {
    use gmsbscan::models::card::ModelCard;
    use gmsbscan::models::Plan;
    use gmsbscan::scan::ScanPlan;
    // HMZ scan: an L pair at an absolute mass below the smallest Lambda (x = Lambda/X >= 1).
    let e = ScanPlan::from_toml_str(&with_messengers(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n\
         [[physics.messengers]]\ncontent = \"L\"\nmass = 3e4\n",
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("physics.messengers: every point of the priors is invalid: messengers[1]")
            && e.contains("F/X^2"),
        "{e}"
    );
    // The same list with the pair above the largest Lambda of the priors is accepted.
    assert!(ScanPlan::from_toml_str(&with_messengers(
        "[[physics.messengers]]\ncontent = \"5\"\nsinglets = true\n\
         [[physics.messengers]]\ncontent = \"L\"\nmass = 3e5\n",
    ))
    .is_ok());
    // mssm_gmsb scan: a D pair at 0.4 M (relative mass) with F/X = Lambda: x = 2.5 Lambda/M >= 1 on
    // the whole box (Lambda_min/M_max = 1/2).
    let scan = |list: &str| {
        format!(
            "model = \"mssm_gmsb\"\nname = \"m\"\nseed = 1\npoints = 10\nsign_mu = 1\n{list}\n\
             [priors]\nlambda_susy = {{ prior = \"flat\", min = 6e4, max = 8e4 }}\n\
             m_mess = {{ prior = \"flat\", min = 1e5, max = 1.2e5 }}\n\
             tan_beta = {{ prior = \"flat\", min = 5, max = 30 }}\n"
        )
    };
    let all_bad = "[[messengers]]\ncontent = \"5\"\nsinglets = true\n\
                   [[messengers]]\ncontent = \"D\"\nmass_over_y = 0.4\n";
    let e = Plan::from_toml_str(&scan(all_bad)).unwrap_err().to_string();
    assert!(
        e.starts_with("messengers: every point of the priors is invalid: messengers[1] (1 x D"),
        "{e}"
    );
    // At 0.7 M only part of the box is invalid: accepted; those points are rejected by name.
    let plan = Plan::from_toml_str(&scan(&all_bad.replace("0.4", "0.7"))).unwrap();
    assert!(plan.settings().effective_toml.contains("[[messengers]]"));
    let again = Plan::from_toml_str(&plan.settings().effective_toml).unwrap();
    assert_eq!(again.settings(), plan.settings());
    let e = Plan::from_toml_str(&scan(&format!("n5 = 2\n{all_bad}")))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("give either n5 (the shorthand) or [[messengers]]"),
        "{e}"
    );
    // The card: its one point.
    let e = ModelCard::from_toml_str(&mssm_card(
        "[[messengers]]\ncontent = \"5\"\nsinglets = true\n[[messengers]]\ncontent = \"E\"\nmass = 5e4\n",
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("messengers[1] (1 x E, X = 5.0000e4 GeV)"), "{e}");
    // No pair marked singlets = true: mssm_gmsb has no S or N, so the message names its own use of
    // that pair (its M and Lambda), in the scan and in the card.
    let no_reference = "[[messengers]]\ncontent = \"5\"\n";
    for e in [
        Plan::from_toml_str(&scan(no_reference))
            .unwrap_err()
            .to_string(),
        ModelCard::from_toml_str(&mssm_card(no_reference))
            .unwrap_err()
            .to_string(),
    ] {
        assert!(
            e.contains("exactly one pair must have singlets = true (found 0)")
                && e.contains("X = M with F/X = Lambda")
                && !e.contains("HMZ")
                && !e.contains("xi_S"),
            "{e}"
        );
    }
    let ddr = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/configs/ddr.toml"))
        .unwrap()
        + "\n[[messengers]]\ncontent = \"5\"\nsinglets = true\n";
    let e = Plan::from_toml_str(&ddr).unwrap_err().to_string();
    assert!(
        e.starts_with("messengers: the ddr model has N_5 = 5"),
        "{e}"
    );
}
