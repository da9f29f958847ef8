//! One-loop pole masses of the MSSM neutralinos and charginos (docs/physics.md section 7), from
//! the DR-bar running parameters at Q: Pierce, Bagger, Matchev and Zhang, hep-ph/9606211
//! ("PBMZ"), appendix D, eqs. (D.4)-(D.10) (neutralinos) and (D.11)-(D.17) (charginos), with the
//! couplings in the gauge-eigenstate basis of the self-energy and the loop particles in the mass
//! basis, Feynman gauge, Passarino-Veltman functions of [`super::pole`].
//!
//! For a Majorana or Dirac fermion of mass matrix M (tree level, DR-bar, SLHA conventions) the
//! self-energy in the gauge basis is `Sigma(p) = pslash (Sigma_L P_L + Sigma_R P_R) + Sigma_S`,
//! with
//! * `Sigma_L += c_L a_ik a_jk B_1(p, m_k, m_s)`, `Sigma_R += c_L b_ik b_jk B_1(p, m_k, m_s)`,
//! * `Sigma_S += c_S m_k b_ik a_jk B_0(p, m_k, m_s)`
//!
//! for every loop of a fermion k (mass m_k) and a scalar or vector s, where (a, b) are the chiral
//! couplings of the gauge-basis state i to (k, s) and (c_L, c_S) the PBMZ weights: sfermions
//! (c_L, c_S) = (N_c, 2 N_c) for neutralinos and (N_c/2, N_c) for charginos, W (2, -8) and Z
//! (1, -4) for neutralinos, W, Z and photon (1, -4) for charginos, charged Higgs and Goldstone
//! (1, 2) for neutralinos, neutral and charged Higgs bosons and Goldstones (1/2, 1) otherwise.
//! The PBMZ phase convention (complex N with positive masses) is replaced by the equivalent real
//! N with signed masses: every `m_k` of a neutralino in `Sigma_S` carries its sign.
//!
//! The one-loop mass matrices are
//! * neutralinos: `M(p) = M + sym[-(Sigma_R M + M Sigma_L + Sigma_S)]/16pi^2` (symmetric part),
//! * charginos (SLHA `X`, `U X V^T = diag`): `X(p) = X - (Sigma_R X + X Sigma_L + Sigma_S)/16pi^2`,
//!
//! and the pole mass i is the i-th (by |m|) eigenvalue (singular value) of the matrix at
//! `p = |m_i|` (tree-level running mass), as PBMZ prescribe. The first two generations have no
//! Yukawa couplings and share their masses; the light quarks and leptons are massless.
//!
//! Checked against SOFTSUSY 4.1.22 (`addNeutralinoLoop`, `addCharginoLoop`, which implement the
//! same appendix) piece by piece (sfermion, gauge, Higgs parts of Sigma_L, Sigma_R, Sigma_S) at
//! SOFTSUSY's own DR-bar inputs (tests/ino_pole_softsusy.rs), and in the unit tests against the
//! closed pure-bino limit.

use std::f64::consts::{PI, SQRT_2};

use nalgebra::{Matrix2, Matrix4, SMatrix, SymmetricEigen, SVD};
use serde::Serialize;

use super::chargino::chargino_mass_matrix;
use super::neutralino::{neutralino_mass_matrix, NeutralinoInputs, MAX_EIGEN_ITERATIONS};
use super::pole::b0_b1;

/// A left-right mixed sfermion pair: masses and the SLHA mixing (row k = state k in (L, R)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MixedPair {
    pub masses: [f64; 2],
    pub mixing: [[f64; 2]; 2],
}

/// The DR-bar running parameters at `q` that the ino self-energies need (masses in GeV).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InoLoopInputs {
    pub q: f64,
    /// g' and g_2.
    pub g1: f64,
    pub g2: f64,
    /// `<H_d^0>`, `<H_u^0>` (v = 174 GeV normalisation).
    pub v_d: f64,
    pub v_u: f64,
    /// h_t, h_b, h_tau.
    pub yukawas: [f64; 3],
    pub m1: f64,
    pub m2: f64,
    pub mu: f64,
    /// First/second generation (unmixed): [u_L, u_R], [d_L, d_R], [e_L, e_R], nu_e.
    pub sup: [f64; 2],
    pub sdown: [f64; 2],
    pub selectron: [f64; 2],
    pub sneutrino_e: f64,
    pub stop: MixedPair,
    pub sbottom: MixedPair,
    pub stau: MixedPair,
    pub sneutrino_tau: f64,
    /// Higgs masses [h, H, A, H+] and the CP-even angle alpha (SLHA:
    /// `h = -sin(a) Re H_d + cos(a) Re H_u`).
    pub higgs: [f64; 4],
    pub alpha: f64,
}

/// The electroweak quantities derived from the inputs.
pub(super) struct Derived {
    pub(super) mt: f64,
    pub(super) mb: f64,
    pub(super) mtau: f64,
    pub(super) mw: f64,
    pub(super) mz: f64,
    pub(super) sw: f64,
    pub(super) cw: f64,
    pub(super) sb: f64,
    pub(super) cb: f64,
}

impl InoLoopInputs {
    pub(super) fn derived(&self) -> Derived {
        let v = self.v_d.hypot(self.v_u);
        let gz = self.g1.hypot(self.g2);
        Derived {
            mt: self.yukawas[0] * self.v_u,
            mb: self.yukawas[1] * self.v_d,
            mtau: self.yukawas[2] * self.v_d,
            mw: self.g2 * v / SQRT_2,
            mz: gz * v / SQRT_2,
            sw: self.g1 / gz,
            cw: self.g2 / gz,
            sb: self.v_u / v,
            cb: self.v_d / v,
        }
    }

    /// The tree-level MSSM neutralino matrix (SLHA basis B~, W~3, H~d, H~u).
    pub fn neutralino_matrix(&self) -> Matrix4<f64> {
        neutralino_mass_matrix(&NeutralinoInputs {
            m1: self.m1,
            m2: self.m2,
            mu: self.mu,
            lambda_n: 0.0,
            v_d: self.v_d,
            v_u: self.v_u,
            singlino_mass: 0.0,
            g1: self.g1,
            g2: self.g2,
        })
        .fixed_view::<4, 4>(0, 0)
        .into_owned()
    }

    /// The tree-level chargino matrix X (SLHA).
    pub fn chargino_matrix(&self) -> Matrix2<f64> {
        chargino_mass_matrix(self.m2, self.mu, self.g2, self.v_d, self.v_u)
    }
}

/// `Sigma_L`, `Sigma_R`, `Sigma_S` in the gauge basis (without the 1/16pi^2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SelfEnergy<const N: usize> {
    pub l: SMatrix<f64, N, N>,
    pub r: SMatrix<f64, N, N>,
    pub s: SMatrix<f64, N, N>,
}

impl<const N: usize> SelfEnergy<N> {
    fn zero() -> Self {
        Self {
            l: SMatrix::zeros(),
            r: SMatrix::zeros(),
            s: SMatrix::zeros(),
        }
    }

    /// Adds the loops of fermions k (signed masses `m[k]`) with one boson of mass `m_boson[k]`:
    /// couplings `a`, `b` (rows: gauge-basis states, columns: k) and weights (c_L, c_S).
    fn add<const K: usize>(&mut self, loops: &Loops<N, K>, p: f64, q: f64, (c_l, c_s): (f64, f64)) {
        for k in 0..K {
            let (mf, ms) = (loops.m_fermion[k], loops.m_boson[k]);
            let (bb0, bb1) = b0_b1(p, mf.abs(), ms, q);
            for i in 0..N {
                for j in 0..N {
                    let (a, b) = (&loops.a, &loops.b);
                    self.l[(i, j)] += c_l * a[(i, k)] * a[(j, k)] * bb1;
                    self.r[(i, j)] += c_l * b[(i, k)] * b[(j, k)] * bb1;
                    self.s[(i, j)] += c_s * mf * b[(i, k)] * a[(j, k)] * bb0;
                }
            }
        }
    }

    fn sum(parts: &[Self]) -> Self {
        let mut t = Self::zero();
        for p in parts {
            t.l += p.l;
            t.r += p.r;
            t.s += p.s;
        }
        t
    }
}

/// One class of loops: couplings a, b (N gauge-basis states x K loop fermions), the loop fermion
/// masses (signed for neutralinos) and the boson mass of each.
struct Loops<const N: usize, const K: usize> {
    a: SMatrix<f64, N, K>,
    b: SMatrix<f64, N, K>,
    m_fermion: [f64; K],
    m_boson: [f64; K],
}

/// The self-energy split by the particles in the loop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SigmaParts<const N: usize> {
    /// Quark-squark and lepton-slepton loops.
    pub sfermion: SelfEnergy<N>,
    /// W, Z (and photon) loops.
    pub gauge: SelfEnergy<N>,
    /// Higgs bosons and Goldstones.
    pub higgs: SelfEnergy<N>,
}

impl<const N: usize> SigmaParts<N> {
    pub fn total(&self) -> SelfEnergy<N> {
        SelfEnergy::sum(&[self.sfermion, self.gauge, self.higgs])
    }
}

/// The tree-level (running) ino masses and mixings the loops run over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TreeInos {
    /// Signed neutralino masses sorted by |m|, N (rows = states, `N M N^T = diag`).
    pub neutralino_masses: [f64; 4],
    pub n: Matrix4<f64>,
    /// Positive chargino masses (ascending), U and V (`U X V^T = diag`).
    pub chargino_masses: [f64; 2],
    pub u: Matrix2<f64>,
    pub v: Matrix2<f64>,
}

/// Signed eigenvalues of a symmetric 4x4 sorted by |m| and N (rows = eigenvectors, each with its
/// largest component positive); None on non-finite input or no convergence.
pub fn diagonalise_neutralinos(m: &Matrix4<f64>) -> Option<([f64; 4], Matrix4<f64>)> {
    if !m.iter().all(|x| x.is_finite()) {
        return None;
    }
    let eig = SymmetricEigen::try_new(*m, f64::EPSILON, MAX_EIGEN_ITERATIONS)?;
    let mut order = [0usize, 1, 2, 3];
    order.sort_by(|&a, &b| {
        eig.eigenvalues[a]
            .abs()
            .total_cmp(&eig.eigenvalues[b].abs())
    });
    let mut masses = [0.0; 4];
    let mut n = Matrix4::zeros();
    for (row, &col) in order.iter().enumerate() {
        masses[row] = eig.eigenvalues[col];
        let v = eig.eigenvectors.column(col);
        let imax = (0..4)
            .max_by(|&a, &b| v[a].abs().total_cmp(&v[b].abs()))
            .unwrap_or(0);
        let s = if v[imax] < 0.0 { -1.0 } else { 1.0 };
        for j in 0..4 {
            n[(row, j)] = s * v[j];
        }
    }
    Some((masses, n))
}

/// Singular values of a 2x2 in ascending order with U, V (`U X V^T = diag`); None on failure.
fn diagonalise_charginos(x: &Matrix2<f64>) -> Option<([f64; 2], Matrix2<f64>, Matrix2<f64>)> {
    if !x.iter().all(|e| e.is_finite()) {
        return None;
    }
    let svd = SVD::try_new(*x, true, true, f64::EPSILON, 10_000)?;
    let (a, b_t) = (svd.u?, svd.v_t?);
    let sv = svd.singular_values;
    let order: [usize; 2] = if sv[0] <= sv[1] { [0, 1] } else { [1, 0] };
    let (mut u, mut v) = (Matrix2::zeros(), Matrix2::zeros());
    let mut masses = [0.0; 2];
    for (row, &k) in order.iter().enumerate() {
        masses[row] = sv[k];
        for j in 0..2 {
            u[(row, j)] = a[(j, k)];
            v[(row, j)] = b_t[(k, j)];
        }
    }
    Some((masses, u, v))
}

impl TreeInos {
    pub fn new(inp: &InoLoopInputs) -> Option<Self> {
        let (neutralino_masses, n) = diagonalise_neutralinos(&inp.neutralino_matrix())?;
        let (chargino_masses, u, v) = diagonalise_charginos(&inp.chargino_matrix())?;
        Some(Self {
            neutralino_masses,
            n,
            chargino_masses,
            u,
            v,
        })
    }
}

// Hypercharges Y = 2(Q - T_3) of the left-handed fields and of the conjugates of the right-handed
// ones (PBMZ normalisation: the bino coupling is g' Y/sqrt2).
const Y_Q: f64 = 1.0 / 3.0;
const Y_U_R: f64 = -4.0 / 3.0;
const Y_D_R: f64 = 2.0 / 3.0;
const Y_L: f64 = -1.0;
const Y_E_R: f64 = 2.0;

/// A (L, R) coupling pair rotated into the sfermion mass basis: `a_k = sum_l R_kl a_l`.
fn rotate<const N: usize>(c: SMatrix<f64, N, 2>, mixing: &[[f64; 2]; 2]) -> SMatrix<f64, N, 2> {
    let r = Matrix2::new(mixing[0][0], mixing[0][1], mixing[1][0], mixing[1][1]);
    c * r.transpose()
}

// Gauge-basis indices of the neutralinos.
const B: usize = 0;
const W: usize = 1;
const HD: usize = 2;
const HU: usize = 3;

/// The neutralino self-energy at momentum `p` (PBMZ (D.4)-(D.10); module documentation).
pub fn neutralino_sigma(inp: &InoLoopInputs, tree: &TreeInos, p: f64) -> SigmaParts<4> {
    let d = inp.derived();
    let (g, gp, q) = (inp.g2, inp.g1, inp.q);
    let [ht, hb, htau] = inp.yukawas;
    let gy = gp / SQRT_2;
    type C = SMatrix<f64, 4, 2>;

    // Sfermions: (a, b) couple the state i to (fermion, sfermion_k); a: R-handed sfermion
    // component, b: L-handed (PBMZ (D.5)).
    let mut sf = SelfEnergy::<4>::zero();
    let mut family = |a: C, b: C, mf: f64, ms: [f64; 2], nc: f64| {
        let loops = Loops {
            a,
            b,
            m_fermion: [mf; 2],
            m_boson: ms,
        };
        sf.add(&loops, p, q, (nc, 2.0 * nc));
    };
    let up = |h: f64| -> (C, C) {
        let (mut a, mut b) = (C::zeros(), C::zeros());
        a[(B, 1)] = gy * Y_U_R;
        b[(B, 0)] = gy * Y_Q;
        b[(W, 0)] = g / SQRT_2;
        a[(HU, 0)] = h;
        b[(HU, 1)] = h;
        (a, b)
    };
    let down = |h: f64, y_l: f64, y_r: f64| -> (C, C) {
        let (mut a, mut b) = (C::zeros(), C::zeros());
        a[(B, 1)] = gy * y_r;
        b[(B, 0)] = gy * y_l;
        b[(W, 0)] = -g / SQRT_2;
        a[(HD, 0)] = h;
        b[(HD, 1)] = h;
        (a, b)
    };
    let sneutrino = || -> (C, C) {
        let (a, mut b) = (C::zeros(), C::zeros());
        b[(B, 0)] = gy * Y_L;
        b[(W, 0)] = g / SQRT_2;
        (a, b)
    };
    // Two light generations (factor 2 in N_c), massless fermions.
    let (a, b) = up(0.0);
    family(a, b, 0.0, inp.sup, 6.0);
    let (a, b) = down(0.0, Y_Q, Y_D_R);
    family(a, b, 0.0, inp.sdown, 6.0);
    let (a, b) = down(0.0, Y_L, Y_E_R);
    family(a, b, 0.0, inp.selectron, 2.0);
    let (a, b) = sneutrino();
    family(a, b, 0.0, [inp.sneutrino_e, inp.sneutrino_e], 2.0);
    // Third generation, mixed.
    let (a, b) = up(ht);
    family(
        rotate(a, &inp.stop.mixing),
        rotate(b, &inp.stop.mixing),
        d.mt,
        inp.stop.masses,
        3.0,
    );
    let (a, b) = down(hb, Y_Q, Y_D_R);
    family(
        rotate(a, &inp.sbottom.mixing),
        rotate(b, &inp.sbottom.mixing),
        d.mb,
        inp.sbottom.masses,
        3.0,
    );
    let (a, b) = down(htau, Y_L, Y_E_R);
    family(
        rotate(a, &inp.stau.mixing),
        rotate(b, &inp.stau.mixing),
        d.mtau,
        inp.stau.masses,
        1.0,
    );
    let (a, b) = sneutrino();
    family(a, b, 0.0, [inp.sneutrino_tau, inp.sneutrino_tau], 1.0);
    // The sneutrino has one state: its second column is zero, the mass is only a placeholder.

    let n = tree.n;
    let (u, v) = (tree.u, tree.v);
    let mch = tree.chargino_masses;
    let mn = tree.neutralino_masses;

    // Gauge bosons (PBMZ (D.6)-(D.7)).
    let mut gauge = SelfEnergy::<4>::zero();
    let (mut aw, mut bw) = (C::zeros(), C::zeros());
    aw[(W, 0)] = -g;
    bw[(W, 0)] = -g;
    aw[(HU, 1)] = g / SQRT_2;
    bw[(HD, 1)] = -g / SQRT_2;
    gauge.add(
        &Loops {
            a: aw * v.transpose(),
            b: bw * u.transpose(),
            m_fermion: mch,
            m_boson: [d.mw; 2],
        },
        p,
        q,
        (2.0, -8.0),
    );
    let mut az = Matrix4::zeros();
    az[(HD, HD)] = g / (2.0 * d.cw);
    az[(HU, HU)] = -g / (2.0 * d.cw);
    gauge.add(
        &Loops {
            a: az * n.transpose(),
            b: -az * n.transpose(),
            m_fermion: mn,
            m_boson: [d.mz; 4],
        },
        p,
        q,
        (1.0, -4.0),
    );

    // Higgs bosons (PBMZ (D.8)-(D.10)).
    let mut higgs = SelfEnergy::<4>::zero();
    let (mut a1, mut b2) = (C::zeros(), C::zeros());
    a1[(B, 1)] = gy;
    a1[(W, 1)] = g / SQRT_2;
    a1[(HD, 0)] = -g;
    b2[(B, 1)] = gy;
    b2[(W, 1)] = g / SQRT_2;
    b2[(HU, 0)] = g;
    let (ac1, bc2) = (a1 * u.transpose(), b2 * v.transpose());
    let [mh, m_heavy, ma, mhp] = inp.higgs;
    // G+ = c_b H_1^+ + s_b H_2^+, H+ = -s_b H_1^+ + c_b H_2^+.
    for (ca, cb2, mboson) in [(d.cb, d.sb, d.mw), (-d.sb, d.cb, mhp)] {
        higgs.add(
            &Loops {
                a: ac1 * ca,
                b: bc2 * cb2,
                m_fermion: mch,
                m_boson: [mboson; 2],
            },
            p,
            q,
            (1.0, 2.0),
        );
    }
    let sym = |entries: &[(usize, usize, f64)]| {
        let mut m = Matrix4::zeros();
        for &(i, j, x) in entries {
            m[(i, j)] = x;
            m[(j, i)] = x;
        }
        m
    };
    let s1 = sym(&[(B, HD, -gp / 2.0), (W, HD, g / 2.0)]);
    let s2 = sym(&[(W, HU, -g / 2.0), (B, HU, gp / 2.0)]);
    let p1 = sym(&[(B, HD, -gp / 2.0), (W, HD, g / 2.0)]);
    let p2 = sym(&[(W, HU, g / 2.0), (B, HU, -gp / 2.0)]);
    let (sa, ca) = inp.alpha.sin_cos();
    // (coefficient of the first, of the second doublet; scalar (b = a) or pseudoscalar (b = -a);
    // boson mass): H, h, G0, A.
    let neutral = [
        (ca, sa, 1.0, m_heavy),
        (-sa, ca, 1.0, mh),
        (d.cb, d.sb, -1.0, d.mz),
        (-d.sb, d.cb, -1.0, ma),
    ];
    for (i, (c1, c2, parity, mboson)) in neutral.into_iter().enumerate() {
        let coupling = if i < 2 {
            s1 * c1 + s2 * c2
        } else {
            p1 * c1 + p2 * c2
        };
        higgs.add(
            &Loops {
                a: coupling * n.transpose(),
                b: coupling * n.transpose() * parity,
                m_fermion: mn,
                m_boson: [mboson; 4],
            },
            p,
            q,
            (0.5, 1.0),
        );
    }
    SigmaParts {
        sfermion: sf,
        gauge,
        higgs,
    }
}

/// The chargino self-energy at momentum `p` (PBMZ (D.11)-(D.17); module documentation). In
/// `X(p) = X - (Sigma_R X + X Sigma_L + Sigma_S)/16pi^2` Sigma_R acts on the row (psi- =
/// (W~-, H~d-)) index of the SLHA X and Sigma_L on the column (psi+ = (W~+, H~u+)) index.
pub fn chargino_sigma(inp: &InoLoopInputs, tree: &TreeInos, p: f64) -> SigmaParts<2> {
    let d = inp.derived();
    let (g, gp, q) = (inp.g2, inp.g1, inp.q);
    let [ht, hb, htau] = inp.yukawas;
    type C2 = Matrix2<f64>;
    type C4 = SMatrix<f64, 2, 4>;

    // Sfermions (PBMZ (D.12)): each entry (a, b, fermion mass, sfermion masses, N_c).
    let mut sf = SelfEnergy::<2>::zero();
    let mut family = |a: C2, b: C2, mf: f64, ms: [f64; 2], nc: f64| {
        let loops = Loops {
            a,
            b,
            m_fermion: [mf; 2],
            m_boson: ms,
        };
        sf.add(&loops, p, q, (0.5 * nc, nc));
    };
    let single = |a00: f64, b00: f64| {
        let (mut a, mut b) = (C2::zeros(), C2::zeros());
        a[(0, 0)] = a00;
        b[(0, 0)] = b00;
        (a, b)
    };
    // Two light generations: d quark with u squarks, u quark with d squarks, e with sneutrino,
    // neutrino with selectrons.
    let (a, b) = single(g, 0.0);
    family(a, b, 0.0, inp.sup, 6.0);
    let (a, b) = single(0.0, g);
    family(a, b, 0.0, inp.sdown, 6.0);
    let (a, b) = single(g, 0.0);
    // The sneutrino has one state: only column 0 couples (the second mass is a placeholder).
    family(a, b, 0.0, [inp.sneutrino_e, inp.sneutrino_e], 2.0);
    let (a, b) = single(0.0, g);
    family(a, b, 0.0, inp.selectron, 2.0);
    // Third generation.
    let (mut a, mut b) = single(g, 0.0);
    a[(1, 1)] = -ht;
    b[(1, 0)] = -hb;
    family(
        rotate(a, &inp.stop.mixing),
        rotate(b, &inp.stop.mixing),
        d.mb,
        inp.stop.masses,
        3.0,
    );
    let (mut a, mut b) = single(0.0, g);
    a[(1, 0)] = -ht;
    b[(1, 1)] = -hb;
    family(
        rotate(a, &inp.sbottom.mixing),
        rotate(b, &inp.sbottom.mixing),
        d.mt,
        inp.sbottom.masses,
        3.0,
    );
    let (a, mut b) = single(0.0, g);
    b[(1, 1)] = -htau;
    family(
        rotate(a, &inp.stau.mixing),
        rotate(b, &inp.stau.mixing),
        0.0,
        inp.stau.masses,
        1.0,
    );
    let (a, mut b) = single(g, 0.0);
    b[(1, 0)] = -htau;
    family(a, b, d.mtau, [inp.sneutrino_tau, inp.sneutrino_tau], 1.0);

    let n = tree.n;
    let (u, v) = (tree.u, tree.v);
    let mch = tree.chargino_masses;
    let mn = tree.neutralino_masses;

    // Gauge bosons (PBMZ (D.13)-(D.14)).
    let mut gauge = SelfEnergy::<2>::zero();
    let (mut aw, mut bw) = (SMatrix::<f64, 4, 2>::zeros(), SMatrix::<f64, 4, 2>::zeros());
    aw[(W, 0)] = -g;
    bw[(W, 0)] = -g;
    aw[(HU, 1)] = g / SQRT_2;
    bw[(HD, 1)] = -g / SQRT_2;
    let a_w: C4 = (n * aw).transpose();
    let b_w: C4 = (n * bw).transpose();
    gauge.add(
        &Loops {
            a: a_w,
            b: b_w,
            m_fermion: mn,
            m_boson: [d.mw; 4],
        },
        p,
        q,
        (1.0, -4.0),
    );
    let c2w = d.cw * d.cw - d.sw * d.sw;
    let az = Matrix2::new(g * d.cw, 0.0, 0.0, g * c2w / (2.0 * d.cw));
    gauge.add(
        &Loops {
            a: az * v.transpose(),
            b: az * u.transpose(),
            m_fermion: mch,
            m_boson: [d.mz; 2],
        },
        p,
        q,
        (1.0, -4.0),
    );
    let e = g * d.sw;
    gauge.add(
        &Loops {
            a: v.transpose() * e,
            b: u.transpose() * e,
            m_fermion: mch,
            m_boson: [0.0; 2],
        },
        p,
        q,
        (1.0, -4.0),
    );

    // Higgs bosons (PBMZ (D.15)-(D.17)): neutralino with G+ and H+.
    let mut higgs = SelfEnergy::<2>::zero();
    let (mut a1, mut b2) = (SMatrix::<f64, 4, 2>::zeros(), SMatrix::<f64, 4, 2>::zeros());
    a1[(B, 1)] = gp / SQRT_2;
    a1[(W, 1)] = g / SQRT_2;
    a1[(HD, 0)] = -g;
    b2[(B, 1)] = gp / SQRT_2;
    b2[(W, 1)] = g / SQRT_2;
    b2[(HU, 0)] = g;
    // In the chargino's loop the roles of a and b swap: a = N b2, b = N a1.
    let (a_c2, b_c1): (C4, C4) = ((n * b2).transpose(), (n * a1).transpose());
    for (ca, cb2, mboson) in [(d.sb, d.cb, d.mw), (d.cb, -d.sb, inp.higgs[3])] {
        higgs.add(
            &Loops {
                a: a_c2 * ca,
                b: b_c1 * cb2,
                m_fermion: mn,
                m_boson: [mboson; 4],
            },
            p,
            q,
            (0.5, 1.0),
        );
    }
    // Chargino with H, h, G0, A.
    let r = g / SQRT_2;
    let s1 = Matrix2::new(0.0, r, 0.0, 0.0);
    let s2 = Matrix2::new(0.0, 0.0, r, 0.0);
    let p1 = Matrix2::new(0.0, r, 0.0, 0.0);
    let p2 = Matrix2::new(0.0, 0.0, -r, 0.0);
    let (sa, ca) = inp.alpha.sin_cos();
    let [mh, m_heavy, ma, _] = inp.higgs;
    let neutral = [
        (s1 * ca + s2 * sa, 1.0, m_heavy),
        (s1 * (-sa) + s2 * ca, 1.0, mh),
        (p1 * d.cb + p2 * d.sb, -1.0, d.mz),
        (p1 * (-d.sb) + p2 * d.cb, -1.0, ma),
    ];
    for (coupling, parity, mboson) in neutral {
        higgs.add(
            &Loops {
                a: coupling * u.transpose(),
                b: coupling.transpose() * v.transpose() * parity,
                m_fermion: mch,
                m_boson: [mboson; 2],
            },
            p,
            q,
            (0.5, 1.0),
        );
    }
    SigmaParts {
        sfermion: sf,
        gauge,
        higgs,
    }
}

const LOOP: f64 = 1.0 / (16.0 * PI * PI);

/// The one-loop neutralino mass matrix at momentum p (module documentation).
pub fn neutralino_matrix_one_loop(inp: &InoLoopInputs, tree: &TreeInos, p: f64) -> Matrix4<f64> {
    let m = inp.neutralino_matrix();
    let s = neutralino_sigma(inp, tree, p).total();
    let delta = -(s.r * m + m * s.l + s.s);
    m + (delta + delta.transpose()) * (0.5 * LOOP)
}

/// The one-loop chargino matrix X at momentum p (module documentation).
pub fn chargino_matrix_one_loop(inp: &InoLoopInputs, tree: &TreeInos, p: f64) -> Matrix2<f64> {
    let x = inp.chargino_matrix();
    let s = chargino_sigma(inp, tree, p).total();
    x - (s.r * x + x * s.l + s.s) * LOOP
}

/// One-loop pole masses of the neutralinos (signed, ordered as the tree-level states by |m|) and
/// charginos (positive, ascending) [GeV].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct InoPoleMasses {
    pub neutralinos: [f64; 4],
    pub charginos: [f64; 2],
}

impl InoPoleMasses {
    fn nan() -> Self {
        Self {
            neutralinos: [f64::NAN; 4],
            charginos: [f64::NAN; 2],
        }
    }
}

/// The pole masses: state i from the one-loop matrix at `p = |m_i|` (tree level). NaN when a
/// diagonalisation fails (non-finite input).
pub fn ino_pole_masses(inp: &InoLoopInputs) -> InoPoleMasses {
    let Some(tree) = TreeInos::new(inp) else {
        return InoPoleMasses::nan();
    };
    let mut out = InoPoleMasses::nan();
    for i in 0..4 {
        let p = tree.neutralino_masses[i].abs();
        if let Some((m, _)) = diagonalise_neutralinos(&neutralino_matrix_one_loop(inp, &tree, p)) {
            out.neutralinos[i] = m[i];
        }
    }
    for i in 0..2 {
        let p = tree.chargino_masses[i];
        if let Some((m, _, _)) = diagonalise_charginos(&chargino_matrix_one_loop(inp, &tree, p)) {
            out.charginos[i] = m[i];
        }
    }
    out
}

/// Unbroken SU(2) x U(1) for tests (here and in `sfermion_pole`): v -> 0, no Yukawas, degenerate
/// sfermion doublets (sleptons `ml`, `me_r`), the Higgs doublets in the decoupling limit
/// (alpha = beta - pi/2, h and the Goldstones massless with M_Z, M_W; H, A, H+ degenerate). Masses
/// chosen so that no two inos are degenerate.
#[cfg(test)]
pub(super) fn symmetric_loop_inputs(v: f64, ml: f64, me_r: f64) -> InoLoopInputs {
    let beta = 10.0f64.atan();
    let pair = |l: f64, r: f64| MixedPair {
        masses: [l, r],
        mixing: [[1.0, 0.0], [0.0, 1.0]],
    };
    let (mq, mu_r, md_r) = (900.0, 850.0, 840.0);
    InoLoopInputs {
        q: 800.0,
        g1: 0.36,
        g2: 0.65,
        v_d: v * beta.cos(),
        v_u: v * beta.sin(),
        yukawas: [0.0; 3],
        m1: 150.0,
        m2: 280.0,
        mu: 450.0,
        sup: [mq, mu_r],
        sdown: [mq, md_r],
        selectron: [ml, me_r],
        sneutrino_e: ml,
        stop: pair(mq, mu_r),
        sbottom: pair(mq, md_r),
        stau: pair(ml, me_r),
        sneutrino_tau: ml,
        higgs: [0.0, 600.0, 600.0, 600.0],
        alpha: beta - std::f64::consts::FRAC_PI_2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::spectrum::pole::b1;

    /// With unbroken SU(2) the neutral and the charged wino are one triplet: their one-loop
    /// pole masses must agree exactly. The neutralino and chargino self-energies are written
    /// separately (different couplings, weights 1/2 vs 1, Z/photon vs W, neutral vs charged
    /// Higgs bosons), so this tests their relative normalisation independently of SOFTSUSY.
    #[test]
    fn neutral_and_charged_wino_agree_with_unbroken_su2() {
        let inp = symmetric_loop_inputs(1e-4, 300.0, 150.0);
        let tree = TreeInos::new(&inp).unwrap();
        let pole = ino_pole_masses(&inp);
        let iw = (0..4)
            .find(|&i| (tree.neutralino_masses[i].abs() - inp.m2).abs() < 1e-3)
            .unwrap();
        let ic = (0..2)
            .find(|&i| (tree.chargino_masses[i] - inp.m2).abs() < 1e-3)
            .unwrap();
        let (neutral, charged) = (pole.neutralinos[iw].abs(), pole.charginos[ic]);
        // The correction itself is sizeable (a few GeV), the difference is rounding.
        assert!((neutral - inp.m2).abs() > 1.0, "{neutral}");
        assert!(
            (neutral - charged).abs() < 1e-6,
            "neutral wino {neutral}, charged wino {charged}"
        );
        // The same for the higgsinos (neutral pair at |mu|, charged at mu).
        let ih = (0..4)
            .filter(|&i| (tree.neutralino_masses[i].abs() - inp.mu).abs() < 1e-3)
            .collect::<Vec<_>>();
        let ich = (0..2)
            .find(|&i| (tree.chargino_masses[i] - inp.mu).abs() < 1e-3)
            .unwrap();
        assert_eq!(ih.len(), 2);
        for i in ih {
            let n = pole.neutralinos[i].abs();
            assert!(
                (n - pole.charginos[ich]).abs() < 1e-6,
                "neutral higgsino {n}, charged {}",
                pole.charginos[ich]
            );
        }
    }

    /// Pure bino, sfermion loops (PBMZ (D.5)) from the hypercharges Y = Q - T_3 of the
    /// left-handed fields: `Sigma_L(B,B) = 2 g'^2 sum N_c Y_R^2 B_1(m_R)` over the conjugate
    /// right-handed fields, `Sigma_R(B,B) = 2 g'^2 sum N_c Y_L^2 B_1(m_L)`, three generations;
    /// the wino `Sigma_R(W,W) = (g^2/2) sum_doublet-members N_c B_1(m_L)`; no bino-wino mixing
    /// with degenerate doublets (Tr Y T_3 = 0); the gauge loops do not touch the bino.
    #[test]
    fn bino_and_wino_sfermion_loops_from_the_charges() {
        let inp = symmetric_loop_inputs(1e-4, 300.0, 150.0);
        let tree = TreeInos::new(&inp).unwrap();
        let p = 150.0;
        let parts = neutralino_sigma(&inp, &tree, p);
        let b1m = |m: f64| b1(p, 0.0, m, inp.q);
        // (N_c, Y of the left-handed field or of the conjugate of the right-handed one, mass)
        let (mq, mu_r, md_r, ml, me_r) = (900.0, 850.0, 840.0, 300.0, 150.0);
        let left = [
            (3.0, 1.0 / 6.0, mq),
            (3.0, 1.0 / 6.0, mq),
            (1.0, -0.5, ml),
            (1.0, -0.5, ml),
        ];
        let right = [
            (3.0, -2.0 / 3.0, mu_r),
            (3.0, 1.0 / 3.0, md_r),
            (1.0, 1.0, me_r),
        ];
        let gp2 = inp.g1 * inp.g1;
        let sum = |fields: &[(f64, f64, f64)]| -> f64 {
            fields
                .iter()
                .map(|&(nc, y, m)| 3.0 * nc * 2.0 * gp2 * y * y * b1m(m))
                .sum()
        };
        let sf = parts.sfermion;
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12 * (1.0 + b.abs());
        assert!(
            close(sf.l[(0, 0)], sum(&right)),
            "{} {}",
            sf.l[(0, 0)],
            sum(&right)
        );
        assert!(
            close(sf.r[(0, 0)], sum(&left)),
            "{} {}",
            sf.r[(0, 0)],
            sum(&left)
        );
        let wino: f64 = left
            .iter()
            .map(|&(nc, _, m)| 3.0 * nc * inp.g2 * inp.g2 / 2.0 * b1m(m))
            .sum();
        assert!(close(sf.r[(1, 1)], wino));
        assert!(close(sf.l[(1, 1)], 0.0));
        for m in [sf.l, sf.r, sf.s] {
            assert!(m[(0, 1)].abs() < 1e-12 && m[(1, 0)].abs() < 1e-12);
        }
        let g = parts.gauge;
        for m in [g.l, g.r, g.s] {
            assert!(m[(0, 0)].abs() < 1e-12);
        }
    }
}
