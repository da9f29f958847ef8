//! The one-loop threshold of the heavy singlet multiplet at its decoupling scale (switch
//! `singlet_decoupling = "at_mass_threshold"`, docs/physics.md section 5b).
//!
//! Below `Q_dec = |eta_N y + 2 k x|` (clamped to [Q, M]) the running is the MSSM one with N a
//! background (`rge::evolve`). What the heavy states leave behind is their one-loop (DR-bar)
//! Coleman-Weinberg potential at `mu = Q_dec`,
//!
//! ```text
//! Delta V = (1/64 pi^2) [ sum_{heavy scalars} m_i^4 (ln(m_i^2/Q_dec^2) - 3/2)
//!                         - 2 m_F^4 (ln(m_F^2/Q_dec^2) - 3/2) ],
//! ```
//!
//! with `m_i^2` the two heavy eigenvalues (Re N- and Im N-like) of the FULL field-dependent scalar
//! mass matrix (ten real components: the N-Higgs mixing `~ lambda_N m_S v` shifts them at the same
//! order in v as the diagonal `lambda_N^2 |H|^2`) and `m_F^2` the heavy eigenvalue of `M M^T` of
//! the (H~_d, H~_u, S~) fermion mass matrix (the gauginos reach the singlino only at O(v^4)).
//! It is expanded about the vacuum's singlet value `N = x` and `H = 0`:
//!
//! ```text
//! Delta V = const + T Re(N - x) + dm_Hu^2 |H_u|^2 + dm_Hd^2 |H_d|^2 + 2 db Re(H_u H_d) + ...
//! ```
//!
//! (the omitted terms, `(N - x)^2`, `(N - x) |H|^2` and `|H|^4`, do not enter the stationarity
//! conditions at the vacuum beyond O(v^2/m_S^2) of the kept ones). The coefficients are exact
//! derivatives: the scalar mass matrix is quadratic in the fields (the tree potential is a quartic
//! polynomial), so its first and second derivatives along v_u, v_d (and the first along Re N) are
//! exact central differences of eight tree-level neutral mass matrices (the Hessian written out in
//! `potential::tree_neutral_mass_matrix`)
//! (`MassDerivatives::from_differences`; a unit test checks them against nested automatic
//! differentiation to 1e-9), and the heavy eigenvalues' derivatives come from perturbation theory:
//! `lambda_a = <h|M_a|h>`, `lambda_ab = <h|M_ab|h> + 2 sum_{j != h} <j|M_a|h><j|M_b|h>/(lambda_h -
//! lambda_j)` (the N-Higgs mixing is the sum over the light Higgs states j).
//!
//! The coefficients are EFT parameters at Q: dm_Hu^2, dm_Hd^2 add to the soft masses, db to the
//! `b_s H_u H_d` term (B_mu = ... - b_s - db) and `T/2` to the linear soft term `t_s N + h.c.`
//! (`apply`). tests/singlet_threshold.rs checks them against finite differences of Delta V with
//! numerically diagonalised matrices (gauginos included).

use std::f64::consts::PI;

use nalgebra::{SMatrix, SVector, SymmetricEigen};

use crate::model::potential::{
    fixed_remainder, tree_neutral_mass_matrix, PotentialParams, SingletCouplings,
};

/// The threshold's coefficients at the vacuum (see the module header) [GeV^3, GeV^2].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SingletThreshold {
    /// `T = dDelta V/dRe N` at H = 0, N = x.
    pub tadpole: f64,
    pub m_hu2: f64,
    pub m_hd2: f64,
    /// The coefficient `db` of `2 Re(H_u H_d)` (B_mu changes by `-db`).
    pub b: f64,
    /// The heavy masses squared at H = 0 (two scalars, the singlino) [GeV^2].
    pub heavy_masses2: [f64; 3],
}

/// Field indices of the potential (model::potential::FieldIndex).
const RE_N: usize = 2;
const IM_N: usize = 5;

/// A heavy eigenvalue and its derivatives along (v_u, v_d, Re N): first along all three, second
/// in (uu, dd, ud).
struct Heavy {
    m2: f64,
    d1: [f64; 3],
    d2: [f64; 3],
}

/// The derivative pairs of the second derivatives: (uu, dd, ud) as indices into (u, d, n).
const PAIRS: [(usize, usize); 3] = [(0, 0), (1, 1), (0, 1)];

/// `m^4 (ln(m^2/Q^2) - 3/2) / 64 pi^2` and its first two derivatives in m^2 (the real part of the
/// logarithm for a tachyonic state).
fn cw(m2: f64, q2: f64) -> (f64, f64, f64) {
    let l = (m2 / q2).abs().ln();
    let n = 64.0 * PI * PI;
    (
        m2 * m2 * (l - 1.5) / n,
        2.0 * m2 * (l - 1.0) / n,
        2.0 * l / n,
    )
}

/// Eigenvalue derivatives by perturbation theory for the eigenvector `h` of a symmetric matrix
/// with eigenpairs `(vals, vecs)`; `ma[a]` the first, `mab[p]` the second derivative matrices.
fn perturbed<const N: usize>(
    h: usize,
    vals: &SVector<f64, N>,
    vecs: &SMatrix<f64, N, N>,
    ma: &[SMatrix<f64, N, N>; 3],
    mab: &[SMatrix<f64, N, N>; 3],
    skip: &dyn Fn(usize) -> bool,
) -> Heavy {
    let eh = vecs.column(h);
    let coupling = |a: usize, j: usize| (vecs.column(j).transpose() * ma[a] * eh)[(0, 0)];
    let d1 = [0, 1, 2].map(|a| (eh.transpose() * ma[a] * eh)[(0, 0)]);
    let d2 = [0, 1, 2].map(|p| {
        let (a, b) = PAIRS[p];
        let mut s = (eh.transpose() * mab[p] * eh)[(0, 0)];
        for j in 0..N {
            if j == h || skip(j) {
                continue;
            }
            let num = coupling(a, j) * coupling(b, j);
            if num != 0.0 {
                s += 2.0 * num / (vals[h] - vals[j]);
            }
        }
        s
    });
    Heavy {
        m2: vals[h],
        d1,
        d2,
    }
}

/// A symmetric mass matrix over the six neutral real components (the first six of
/// `potential::FieldIndex`; the charged Higgs fields do not mix with them at real VEVs, so the
/// heavy states' couplings to the light ones run over these only).
type Matrix6 = SMatrix<f64, 6, 6>;

/// The neutral tree-level scalar mass matrix (half the Hessian of V) at H = 0, N = x, with its
/// first derivatives along (v_u, v_d, Re N) and its second derivatives in the pairs (uu, dd, ud).
pub(crate) struct MassDerivatives {
    pub(crate) m0: Matrix6,
    pub(crate) ma: [Matrix6; 3],
    pub(crate) mab: [Matrix6; 3],
}

impl MassDerivatives {
    /// From eight neutral tree-level mass matrices (`potential::tree_neutral_mass_matrix`, the
    /// Hessian written out, tested against the automatic differentiation of V) at field points
    /// around the vacuum. The tree potential is a polynomial of degree four in the fields
    /// (F- and D-terms, soft terms, the cubic messenger-matching remainder), so the mass matrix is
    /// quadratic in `s = (v_u, v_d, Re N - x)`: `M(s) = M0 + s_a M_a + s_a s_b M_ab / 2`. Central
    /// differences are then exact for any step; the step `h = y` (the largest scale, so that
    /// `h M_a` and `h^2 M_ab` are as large as M0's N block) leaves only the rounding of M, a
    /// relative ~1e-15 of its largest entries.
    fn from_differences(c: &SingletCouplings<f64>, tree: &PotentialParams, x: f64) -> Self {
        let h = tree.y.abs().max(1e3);
        let fixed = fixed_remainder(c, tree);
        let m = |u: f64, d: f64, n: f64| {
            tree_neutral_mass_matrix([d, u, x + n], c, tree, fixed.as_ref())
        };
        let m0 = m(0.0, 0.0, 0.0);
        let (up, um) = (m(h, 0.0, 0.0), m(-h, 0.0, 0.0));
        let (dp, dm) = (m(0.0, h, 0.0), m(0.0, -h, 0.0));
        let (np, nm) = (m(0.0, 0.0, h), m(0.0, 0.0, -h));
        let mud = m(h, h, 0.0);
        let first = |p: &Matrix6, q: &Matrix6| (p - q) / (2.0 * h);
        let second = |p: &Matrix6, q: &Matrix6| (p + q - m0 * 2.0) / (h * h);
        let ma = [first(&up, &um), first(&dp, &dm), first(&np, &nm)];
        let (muu, mdd) = (second(&up, &um), second(&dp, &dm));
        // M(h, h, 0) = M0 + h (M_u + M_d) + h^2 (M_uu + M_dd + 2 M_ud) / 2.
        let mud = (mud - m0 - (ma[0] + ma[1]) * h) / (h * h) - (muu + mdd) * 0.5;
        Self {
            m0,
            ma,
            mab: [muu, mdd, mud],
        }
    }
}

/// The two heavy scalars (the N block {Re N, Im N} at H = 0, which does not mix with the Higgs
/// block there) with their derivatives.
fn heavy_scalars(m: &MassDerivatives) -> [Heavy; 2] {
    let eig = SymmetricEigen::new(m.m0);
    // The two eigenvectors living on the N block.
    let weight =
        |k: usize| eig.eigenvectors[(RE_N, k)].powi(2) + eig.eigenvectors[(IM_N, k)].powi(2);
    let mut order: Vec<usize> = (0..6).collect();
    order.sort_by(|&a, &b| weight(b).total_cmp(&weight(a)));
    let heavy = [order[0], order[1]];
    // The heavy-heavy terms vanish (no term of V is linear in H with two N's) and are skipped, so a
    // degeneracy of the two N states cannot divide by zero.
    let skip = |k: usize| heavy.contains(&k);
    heavy.map(|h| perturbed(h, &eig.eigenvalues, &eig.eigenvectors, &m.ma, &m.mab, &skip))
}

/// The singlino: the heavy eigenvalue of `M M^T`, with `M` the (H~_d, H~_u, S~) mass matrix
/// `[[0, mu, lambda_N v_u], [mu, 0, lambda_N v_d], [lambda_N v_u, lambda_N v_d, -(2 k N + eta_N y)]]`
/// (second derivatives of W; M is linear in the fields).
fn heavy_fermion(c: &SingletCouplings<f64>, p: &PotentialParams, x: f64) -> Heavy {
    let mu = c.lambda_n * x + c.lambda_s * p.y;
    let m0 = SMatrix::<f64, 3, 3>::new(
        0.0,
        mu,
        0.0,
        mu,
        0.0,
        0.0,
        0.0,
        0.0,
        -(2.0 * c.k * x + c.eta_n * p.y),
    );
    let ln = c.lambda_n;
    let m_u = SMatrix::<f64, 3, 3>::new(0.0, 0.0, ln, 0.0, 0.0, 0.0, ln, 0.0, 0.0);
    let m_d = SMatrix::<f64, 3, 3>::new(0.0, 0.0, 0.0, 0.0, 0.0, ln, 0.0, ln, 0.0);
    let m_n = SMatrix::<f64, 3, 3>::new(0.0, ln, 0.0, ln, 0.0, 0.0, 0.0, 0.0, -2.0 * c.k);
    let first = |ma: &SMatrix<f64, 3, 3>| ma * m0.transpose() + m0 * ma.transpose();
    let second = |ma: &SMatrix<f64, 3, 3>, mb: &SMatrix<f64, 3, 3>| {
        ma * mb.transpose() + mb * ma.transpose()
    };
    let a0 = m0 * m0.transpose();
    let ma = [first(&m_u), first(&m_d), first(&m_n)];
    let mab = [second(&m_u, &m_u), second(&m_d, &m_d), second(&m_u, &m_d)];
    let eig = SymmetricEigen::new(a0);
    let h = eig.eigenvalues.imax();
    perturbed(h, &eig.eigenvalues, &eig.eigenvectors, &ma, &mab, &|_| {
        false
    })
}

/// The threshold coefficients at the vacuum singlet value `x` with the logarithms at `q_dec`;
/// `p` are the potential's parameters at Q (their Coleman-Weinberg term is not used: the heavy
/// masses are tree level).
pub fn singlet_threshold(
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    x: f64,
    q_dec: f64,
) -> SingletThreshold {
    let tree = PotentialParams {
        include_dv: false,
        ..p.clone()
    };
    threshold_from(
        &MassDerivatives::from_differences(c, &tree, x),
        c,
        p,
        x,
        q_dec,
    )
}

/// [`singlet_threshold`] from the scalar mass matrix and its derivatives.
pub(crate) fn threshold_from(
    m: &MassDerivatives,
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
    x: f64,
    q_dec: f64,
) -> SingletThreshold {
    let q2 = q_dec * q_dec;
    let scalars = heavy_scalars(m);
    let fermion = heavy_fermion(c, p, x);
    let mut d1 = [0.0; 3];
    let mut d2 = [0.0; 3];
    for (weight, s) in [(1.0, &scalars[0]), (1.0, &scalars[1]), (-2.0, &fermion)] {
        let (_, f1, f2) = cw(s.m2, q2);
        for a in 0..3 {
            d1[a] += weight * f1 * s.d1[a];
        }
        for (k, &(a, b)) in PAIRS.iter().enumerate() {
            d2[k] += weight * (f1 * s.d2[k] + f2 * s.d1[a] * s.d1[b]);
        }
    }
    SingletThreshold {
        tadpole: d1[2],
        m_hu2: d2[0] / 2.0,
        m_hd2: d2[1] / 2.0,
        b: d2[2] / 2.0,
        heavy_masses2: [scalars[0].m2, scalars[1].m2, fermion.m2],
    }
}

impl SingletThreshold {
    /// Adds the threshold to the EFT parameters at Q: the soft masses, and through the constant
    /// parts of the F_S-induced `b_s` and `t_s` (`V ⊃ 2 Re(b_s H_u H_d) + 2 Re(t_s N)`) the
    /// `H_u H_d` and `N` terms. Without running F_S terms (`p.fs = None`) there is no slot for
    /// them: the caller rejects that combination at configuration time.
    pub fn apply(&self, p: &mut PotentialParams) {
        p.m_hu2 += self.m_hu2;
        p.m_hd2 += self.m_hd2;
        if let Some(fs) = p.fs.as_mut() {
            fs.b_s[0] += self.b;
            fs.t_s[0] += self.tadpole / 2.0;
        }
    }
}

#[cfg(test)]
mod tests {
    //! The difference-based mass-matrix derivatives against nested automatic differentiation (a
    //! Hessian of HyperDual numbers: exact derivatives that share no step with the differences),
    //! and the threshold built from each.
    use super::*;
    use crate::config::MessengerMatching;
    use crate::model::potential::{potential_terms, table1_like_point, vev_fields};
    use num_dual::{hessian, Dual2Vec, HyperDual64};

    /// Half the Hessian of V at (v_d, v_u, Re N) = (0, 0, x) with its derivatives along the field
    /// components `i` (eps1) and `j` (eps2): (M, dM/di, dM/dj, d2M/didj).
    fn ad_derivatives(
        c: &SingletCouplings<f64>,
        p: &PotentialParams,
        x: f64,
        (i, j): (usize, usize),
    ) -> [SMatrix<f64, 10, 10>; 4] {
        let mut z = SVector::<HyperDual64, 10>::from(vev_fields(
            HyperDual64::from(0.0),
            HyperDual64::from(0.0),
            HyperDual64::from(x),
        ));
        z[i].eps1 = 1.0;
        z[j].eps2 = 1.0;
        let lifted: SingletCouplings<Dual2Vec<HyperDual64, f64, nalgebra::Const<10>>> = c.lift();
        let (_, _, h) = hessian(
            |w: SVector<Dual2Vec<HyperDual64, f64, nalgebra::Const<10>>, 10>| {
                let f = std::array::from_fn(|k| w[k].clone());
                potential_terms(&f, &lifted, p)
                    .into_iter()
                    .fold(Dual2Vec::from(0.0), |s, t| s + t)
            },
            &z,
        );
        [
            h.map(|e| e.re * 0.5),
            h.map(|e| e.eps1 * 0.5),
            h.map(|e| e.eps2 * 0.5),
            h.map(|e| e.eps1eps2 * 0.5),
        ]
    }

    const RE_HD: usize = 0;
    const RE_HU: usize = 1;

    /// The neutral block of each AD matrix, after checking that it does not mix with the
    /// charged fields (so that leaving them out is exact).
    fn from_ad(c: &SingletCouplings<f64>, tree: &PotentialParams, x: f64) -> MassDerivatives {
        let [m0, mu, md, mud] = ad_derivatives(c, tree, x, (RE_HU, RE_HD));
        let [_, _, _, muu] = ad_derivatives(c, tree, x, (RE_HU, RE_HU));
        let [_, _, _, mdd] = ad_derivatives(c, tree, x, (RE_HD, RE_HD));
        let [_, mn, _, _] = ad_derivatives(c, tree, x, (RE_N, RE_N));
        let neutral = |m: SMatrix<f64, 10, 10>| {
            let mixing = max_abs_of(m.view((0, 6), (6, 4)).iter());
            assert!(mixing == 0.0, "neutral-charged mixing {mixing:e}");
            m.fixed_view::<6, 6>(0, 0).into_owned()
        };
        MassDerivatives {
            m0: neutral(m0),
            ma: [mu, md, mn].map(neutral),
            mab: [muu, mdd, mud].map(neutral),
        }
    }

    /// Table I-like points with the singlet above M, with larger couplings, with the running
    /// F_S terms' slots absent, and with the two heavy scalars nearly degenerate (k = 0 and the
    /// soft N^2 terms cancelling the splitting).
    fn points() -> Vec<(&'static str, SingletCouplings<f64>, PotentialParams, f64)> {
        let (c, p, [_, _, x]) = table1_like_point();
        let tree = PotentialParams {
            include_dv: false,
            ..p
        };
        let heavy = SingletCouplings {
            eta_n: 1.3,
            lambda_n: 0.6,
            k: 0.55,
            ..c.clone()
        };
        let no_matching = PotentialParams {
            matching: MessengerMatching::all(false),
            ..tree.clone()
        };
        // The Re N / Im N splitting at H = 0 comes from the holomorphic N^2 terms: k eta_N y N
        // (k), the F_S cross term eta_N F_S Re(N^2) (f_s with `fs = None`), the remainder's
        // N^3 pieces and eta_S eta_N y Re(N^2 N^*)-like terms (eta_S): all made small here.
        let degenerate_c = SingletCouplings {
            k: 0.0,
            eta_s: 1e-9,
            ..c.clone()
        };
        let degenerate_p = PotentialParams {
            f_s: 1.0,
            ..no_matching.clone()
        };
        vec![
            ("table1-like", c.clone(), tree.clone(), x),
            ("heavy", heavy, tree.clone(), 250.0),
            ("no matching", c.clone(), no_matching.clone(), 900.0),
            ("near-degenerate", degenerate_c, degenerate_p, 150.0),
        ]
    }

    fn max_abs_of<'a>(m: impl Iterator<Item = &'a f64>) -> f64 {
        m.fold(0.0_f64, |a, e| a.max(e.abs()))
    }

    fn max_abs(m: &Matrix6) -> f64 {
        max_abs_of(m.iter())
    }

    #[test]
    fn difference_derivatives_equal_nested_automatic_differentiation() {
        for (name, c, tree, x) in points() {
            let fd = MassDerivatives::from_differences(&c, &tree, x);
            let ad = from_ad(&c, &tree, x);
            let pairs = std::iter::once((&fd.m0, &ad.m0))
                .chain(fd.ma.iter().zip(&ad.ma))
                .chain(fd.mab.iter().zip(&ad.mab));
            for (k, (a, b)) in pairs.enumerate() {
                let scale = max_abs(b);
                assert!(scale > 0.0, "{name}: matrix {k} is zero");
                let err = max_abs(&(a - b)) / scale;
                println!("{name}: matrix {k}: largest entry {scale:.3e}, difference {err:.1e}");
                assert!(err < 1e-9, "{name}: matrix {k} differs by {err:.2e}");
            }
        }
    }

    #[test]
    fn the_threshold_from_differences_equals_the_one_from_automatic_differentiation() {
        for (name, c, tree, x) in points() {
            let q_dec = 0.9 * tree.y;
            let fd = singlet_threshold(&c, &tree, x, q_dec);
            let ad = threshold_from(&from_ad(&c, &tree, x), &c, &tree, x, q_dec);
            let [m1, m2, _] = fd.heavy_masses2;
            println!(
                "{name}: heavy scalars {m1:.6e}, {m2:.6e} (relative splitting {:.1e})\n  \
                 differences {fd:?}\n  AD {ad:?}",
                (m1 - m2).abs() / m1
            );
            for (a, b, what) in [
                (fd.tadpole, ad.tadpole, "T"),
                (fd.m_hu2, ad.m_hu2, "dm_Hu^2"),
                (fd.m_hd2, ad.m_hd2, "dm_Hd^2"),
                (fd.b, ad.b, "db"),
            ] {
                let rel = (a - b).abs() / b.abs();
                assert!(
                    b != 0.0 && rel < 1e-9,
                    "{name}: {what} {a:e} vs {b:e} ({rel:.1e})"
                );
            }
        }
    }
}
