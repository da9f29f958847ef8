//! The potential actually minimised at a solution, as numbers (docs/physics.md section 6b):
//! every coefficient of V at Q in the language of the SLHA2 general NMSSM where it has a slot
//! (superpotential `W' = -W_HMZ`, `S_SLHA = N`), plus the pieces it has none for. The SLHA
//! writer (`output::slha`) prints them; `tests/slha_vacuum.rs` rebuilds the tree-level potential
//! from the file alone and checks that the written vacuum is stationary.
//!
//! In SLHA2's conventions (`H_u.H_d = H_u^+ H_d^- - H_u^0 H_d^0`, i.e. `H_u.H_d = -h` with the
//! paper's `h = H_u H_d`), the potential of `model::potential` at Q is
//!
//! ```text
//! W' = lambda N H_u.H_d + (kappa/3) N^3 + mu H_u.H_d + (mu'/2) N^2 + xi_F N
//!      lambda = lambda_N, kappa = k, mu = lambda_S y, mu' = eta_N y, xi_F = eta_S y^2/2
//! V  = |dW'/dN|^2 + |mu + lambda N|^2 (|H_u|^2 + |H_d|^2) + D-terms
//!    + |s_1 H_u.H_d + s_2 N^2 + s_3 N|^2            (the spurion F-term without F_S:
//!                                                     s_1 = lambda_S, s_2 = eta_N/2, s_3 = eta_S y)
//!    + m_Hu^2 |H_u|^2 + m_Hd^2 |H_d|^2 + m_S^2 |N|^2
//!    + [lambda A_lambda N H_u.H_d + (kappa/3) A_kappa N^3 + m_3^2 H_u.H_d
//!       + (m_S'^2/2) N^2 + xi_S N + c_1 N^* H_u.H_d + c_2 N^2 N^* + h.c.]
//!    + Delta V (top/stop Coleman-Weinberg)
//! ```
//!
//! with the effective coefficients (all pieces of the minimised V folded in):
//! * `A_lambda = a_lambda - d_zh/lambda_N`, `A_kappa = a_k + d_zzz/(2k)`: the running trilinears
//!   plus the messenger-loop remainders of the `N H_u H_d` and `N^3` coefficients (section 4b);
//! * `m_3^2 = -(b_s + d_h)`: the F_S-induced `b_s` (or `lambda_S F_S` without its running) and the
//!   messenger-loop `H_u H_d`-linear term;
//! * `m_S'^2 = b_n` (or `-eta_N F_S`);
//! * `xi_S = t_s + c/2 + d_z` (`t_s` or `-eta_S y F_S`, the messenger tadpole `c Re N`, the
//!   remainder of the tadpole);
//! * `c_1 = -d_zbh`, `c_2 = d_zzzb/2`: the non-holomorphic messenger-loop trilinears.
//!
//! The constant `F_S^2` is dropped. Delta V is not a polynomial: the file carries its gradient at
//! the vacuum (the one-loop tadpoles), which is all that stationarity needs.

use serde::Serialize;

use crate::model::messenger_matching::{remainder_coefficients, Spurion};
use crate::model::potential::{PotentialParams, SingletCouplings};

/// The coefficients of the minimised potential at one solution (module header) [GeV powers].
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct VacuumCoefficients {
    /// SLHA2 general-NMSSM superpotential: lambda, kappa, mu, mu', xi_F.
    pub lambda: f64,
    pub kappa: f64,
    pub mu: f64,
    pub mu_prime: f64,
    pub xi_f: f64,
    /// Effective soft terms of the SLHA2 general NMSSM (module header).
    pub a_lambda: f64,
    pub a_kappa: f64,
    pub m3_sq: f64,
    pub ms_prime_sq: f64,
    pub xi_s: f64,
    pub m_s_sq: f64,
    pub m_hu_sq: f64,
    pub m_hd_sq: f64,
    /// Gauge couplings of the D-terms (g' SM normalisation, g_2).
    pub g1: f64,
    pub g2: f64,
    /// The spurion F-term square `|s_1 H_u.H_d + s_2 N^2 + s_3 N|^2`.
    pub spurion: [f64; 3],
    /// Non-holomorphic trilinears `c_1 N^* H_u.H_d + c_2 N^2 N^* + h.c.`.
    pub c_nbar_hh: f64,
    pub c_nnnbar: f64,
    /// The pieces folded into the effective coefficients (for information): the running
    /// trilinears, the F_S-induced bilinears and linear term, the messenger tadpole c, the
    /// messenger-loop remainders d_z, d_h, d_zh, d_zzz.
    pub a_lambda_running: f64,
    pub a_kappa_running: f64,
    pub b_s: f64,
    pub b_n: f64,
    pub t_s: f64,
    pub tadpole_c: f64,
    pub d_z: f64,
    pub d_h: f64,
    pub d_zh: f64,
    pub d_zzz: f64,
    /// d(Delta V)/d(v_d, v_u, x) at the vacuum (program normalisation, H^0 = v + ...) [GeV^3].
    pub dv_tadpoles: [f64; 3],
}

impl VacuumCoefficients {
    /// The coefficients of the potential `p` at couplings `c` (module header), with the
    /// one-loop tadpoles `dv_tadpoles` = d(Delta V)/d(v_d, v_u, x) at the real VEVs (the
    /// `dv_gradient` of [`crate::model::potential::stationarity`], which the caller has already evaluated at the solution).
    pub fn new(c: &SingletCouplings<f64>, p: &PotentialParams, dv_tadpoles: [f64; 3]) -> Self {
        let y = p.y;
        let (b_s, b_n, t_s, tadpole_factor) = match &p.fs {
            Some(fs) => {
                let v = fs.values(c.eta_n, c.eta_s);
                (v.b_s, v.b_n, v.t_s, fs.tadpole_factor)
            }
            // The cross terms of F_S in |F_S^*|^2 (model::potential).
            None => (
                c.lambda_s * p.f_s,
                -c.eta_n * p.f_s,
                -c.eta_s * y * p.f_s,
                1.0,
            ),
        };
        let tadpole_c = p.tadpole_unit * p.xi_s * c.xi_n * tadpole_factor;
        let spurion = Spurion {
            y,
            f_s: p.f_s,
            xi_s: p.xi_s,
        };
        let r = remainder_coefficients(c, &spurion, &p.matching);
        let ratio = |num: f64, den: f64| if num == 0.0 { 0.0 } else { num / den };
        Self {
            lambda: c.lambda_n,
            kappa: c.k,
            mu: c.lambda_s * y,
            mu_prime: c.eta_n * y,
            xi_f: c.eta_s * y * y / 2.0,
            a_lambda: p.a_lambda - ratio(r.d_zh, c.lambda_n),
            a_kappa: p.a_k + ratio(r.d_zzz, 2.0 * c.k),
            m3_sq: -(b_s + r.d_h),
            ms_prime_sq: b_n,
            xi_s: t_s + tadpole_c / 2.0 + r.d_z,
            m_s_sq: p.m_n2,
            m_hu_sq: p.m_hu2,
            m_hd_sq: p.m_hd2,
            g1: p.g1,
            g2: p.g2,
            spurion: [c.lambda_s, c.eta_n / 2.0, c.eta_s * y],
            c_nbar_hh: if r.d_zbh == 0.0 { 0.0 } else { -r.d_zbh },
            c_nnnbar: r.d_zzzb / 2.0,
            a_lambda_running: p.a_lambda,
            a_kappa_running: p.a_k,
            b_s,
            b_n,
            t_s,
            tadpole_c,
            d_z: r.d_z,
            d_h: r.d_h,
            d_zh: r.d_zh,
            d_zzz: r.d_zzz,
            dv_tadpoles,
        }
    }

    /// The tree-level part of V (everything but Delta V) at real neutral fields
    /// `(v_d, v_u, x)` from these coefficients alone (module header; `H_u.H_d = -v_u v_d`),
    /// as its pieces (their sum is V; the magnitudes set the scale of a residual).
    pub fn tree_terms(&self, v_d: f64, v_u: f64, x: f64) -> [f64; 14] {
        let hh = -v_u * v_d;
        let f_n = self.lambda * hh + self.kappa * x * x + self.mu_prime * x + self.xi_f;
        let m = self.mu + self.lambda * x;
        let f_sp = self.spurion[0] * hh + self.spurion[1] * x * x + self.spurion[2] * x;
        let dd = v_u * v_u - v_d * v_d;
        [
            f_n * f_n,
            m * m * (v_u * v_u + v_d * v_d),
            (self.g1 * self.g1 + self.g2 * self.g2) / 8.0 * dd * dd,
            f_sp * f_sp,
            self.m_hu_sq * v_u * v_u,
            self.m_hd_sq * v_d * v_d,
            self.m_s_sq * x * x,
            2.0 * self.lambda * self.a_lambda * x * hh,
            2.0 / 3.0 * self.kappa * self.a_kappa * x * x * x,
            2.0 * self.m3_sq * hh,
            self.ms_prime_sq * x * x,
            2.0 * self.xi_s * x,
            2.0 * self.c_nbar_hh * x * hh,
            2.0 * self.c_nnnbar * x * x * x,
        ]
    }
}

/// Whether a deeper minimum than the solution exists along the singlet and the messenger
/// directions (docs/physics.md section 6c). A flag, not a rejection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DeeperMinimum {
    /// Along real N (H_u, H_d at the solution or zero) where the messengers are heavy, V of the
    /// program (tree level, messenger matching, top/stop term) goes below its value at the
    /// solution.
    pub singlet: bool,
    /// At some real N the messenger scalars are tachyonic (`|B(N)| > |X(N)|^2`, near
    /// `N = -xi_S y/xi_N` where `X = xi_S y + xi_N N` vanishes) and the tree-level potential
    /// there, lowered by the messenger VEV `-(|B| - |X|^2)^2/(xi_S^2 + xi_N^2)` (D-flat
    /// direction `Phi = Phibar^*`), lies below the tree-level potential at the solution.
    pub messenger: bool,
}

impl DeeperMinimum {
    /// The CSV flag: 0 none, 1 singlet direction, 2 messenger direction, 3 both.
    pub fn code(&self) -> u8 {
        u8::from(self.singlet) + 2 * u8::from(self.messenger)
    }
}

/// Number of grid points per sign of N in [`deeper_minimum`].
const DIRECTION_GRID: usize = 400;

/// The messenger mass `X = xi_S y + xi_N N` and B-term `B = xi_S F^_S + xi_N F^_N` at real
/// `N = z`, `H = 0` (the printed F-terms; model::messenger_matching).
fn messenger_x_b(c: &SingletCouplings<f64>, p: &PotentialParams, z: f64) -> (f64, f64) {
    let y = p.y;
    let f_s_hat = p.f_s - c.eta_n * z * z / 2.0 - c.eta_s * y * z;
    let f_n_hat = -c.k * z * z - c.eta_s * y * y / 2.0 - c.eta_n * y * z;
    (p.xi_s * y + c.xi_n * z, p.xi_s * f_s_hat + c.xi_n * f_n_hat)
}

/// Searches the singlet and messenger directions for a deeper minimum than the solution at
/// `vevs` (docs/physics.md section 6c): real N on a grid of [`DIRECTION_GRID`] logarithmically
/// spaced points per sign from 1e-4 y to 3 max(y, y/|xi_N|) (past the point where the messengers
/// become massless), with H_u, H_d at the solution and at zero. A grid can miss a narrow
/// minimum, so a `false` is not a proof of stability.
pub fn deeper_minimum(
    vevs: [f64; 3],
    c: &SingletCouplings<f64>,
    p: &PotentialParams,
) -> DeeperMinimum {
    use crate::config::MessengerMatching;
    use crate::model::potential::{potential_at, potential_terms_at};
    let y = p.y;
    let z_max = 3.0 * y.max(y / c.xi_n.abs().max(1e-12));
    let z_min = 1e-4 * y;
    let ratio = (z_max / z_min).powf(1.0 / (DIRECTION_GRID - 1) as f64);
    let grid: Vec<f64> = (0..DIRECTION_GRID)
        .map(|i| z_min * ratio.powi(i as i32))
        .flat_map(|z| [z, -z])
        .chain(std::iter::once(-p.xi_s * y / c.xi_n).filter(|z| z.is_finite()))
        .collect();
    let scale = |f: [f64; 3], p: &PotentialParams| -> f64 {
        potential_terms_at(f, c, p).iter().map(|t| t.abs()).sum()
    };
    // The singlet direction: V of the program where the messengers are heavy.
    let v_vac = potential_at(vevs, c, p);
    let tol = 1e-9 * scale(vevs, p);
    let heavy = |z: f64| {
        let (x, b) = messenger_x_b(c, p, z);
        x * x > b.abs()
    };
    let singlet = grid.iter().filter(|&&z| heavy(z)).any(|&z| {
        [[vevs[0], vevs[1], z], [0.0, 0.0, z]]
            .iter()
            .map(|&f| potential_at(f, c, p))
            .any(|v| v < v_vac - tol)
    });
    // The messenger direction at tree level (no loops: they are expansions in 1/X).
    let tree = PotentialParams {
        include_dv: false,
        tadpole_unit: 0.0,
        matching: MessengerMatching::all(false),
        ..p.clone()
    };
    let v_vac_tree = potential_at(vevs, c, &tree);
    let tol_tree = 1e-9 * scale(vevs, &tree);
    let quartic = p.xi_s * p.xi_s + c.xi_n * c.xi_n;
    let messenger = grid.iter().any(|&z| {
        let (x, b) = messenger_x_b(c, p, z);
        let gap = b.abs() - x * x;
        gap > 0.0
            && potential_at([0.0, 0.0, z], c, &tree) - gap * gap / quartic < v_vac_tree - tol_tree
    });
    DeeperMinimum { singlet, messenger }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::MessengerMatching;
    use crate::model::potential::{coleman_weinberg_at, potential_at, stationarity};
    use crate::model::rge::fs_terms::FsTerms;

    fn params(fs: Option<FsTerms>, matching: bool) -> PotentialParams {
        PotentialParams {
            g1: 0.36,
            g2: 0.65,
            ht: 0.95,
            y: 97e3,
            f_s: 77e3 * 97e3,
            xi_s: 1.0,
            tadpole_unit: 7e12,
            fs,
            m_hu2: -1.6e5,
            m_hd2: -1.2e4,
            m_n2: -3.4e7,
            a_lambda: -1375.0,
            a_k: -4120.0,
            a_t: 190.0,
            m_q3: 7.0e5,
            m_u3: 5.9e5,
            q: 816.0,
            include_dv: true,
            sbottom_stau: None,
            matching: MessengerMatching::all(matching),
        }
    }

    fn couplings() -> SingletCouplings<f64> {
        SingletCouplings {
            xi_n: -0.643,
            eta_s: -3.17e-3,
            eta_n: 2.72,
            lambda_s: 3.0e-3,
            lambda_n: 0.31,
            k: 0.4,
        }
    }

    /// The rebuilt tree-level V differs from the program's V without Delta V by a constant
    /// (F_S^2 without the F_S-term running, nothing with it), at fields far from any vacuum.
    #[test]
    fn the_coefficients_rebuild_the_programs_potential() {
        let fs = FsTerms {
            b_s: [2.2e7, 1.0e5],
            b_n: [3.0e8, -7.4e9],
            t_s: [1.0e12, -2.0e12, 3.0e13, 5.0e11],
            tadpole_factor: 1.02,
            e_n: 1.01,
            e_s: 0.99,
        };
        let c = couplings();
        for (p, constant) in [
            (params(None, false), (77e3f64 * 97e3).powi(2)),
            (params(None, true), (77e3f64 * 97e3).powi(2)),
            (params(Some(fs), true), 0.0),
        ] {
            let vac = VacuumCoefficients::new(
                &c,
                &p,
                stationarity([7.2, 173.8, 413.0], &c, &p).dv_gradient,
            );
            for f in [
                [7.2, 173.8, 413.0],
                [50.0, -120.0, 2000.0],
                [-30.0, 150.0, -800.0],
            ] {
                let program = potential_at(f, &c, &p) - coleman_weinberg_at(f, &c, &p);
                let terms = vac.tree_terms(f[0], f[1], f[2]);
                let scale: f64 = terms.iter().map(|t| t.abs()).sum::<f64>() + constant;
                let rebuilt: f64 = terms.iter().sum::<f64>() + constant;
                assert!(
                    (program - rebuilt).abs() <= 1e-12 * scale,
                    "fields {f:?}: program {program:e}, rebuilt {rebuilt:e}"
                );
            }
        }
    }

    /// A large negative m_N^2 opens the singlet direction (V ~ m_N^2 z^2 far below the value at
    /// small x before the quartic terms take over); the messengers become massless at
    /// N = -xi_S y/xi_N, where their B-term is the printed F-terms.
    #[test]
    fn deeper_minimum_sees_an_open_singlet_direction_and_the_messenger_point() {
        let c = couplings();
        let mut p = params(None, false);
        p.m_n2 = -1.0e12;
        let vevs = [7.2, 173.8, 413.0];
        assert!(deeper_minimum(vevs, &c, &p).singlet);
        let z0 = -p.xi_s * p.y / c.xi_n;
        let (x, b) = messenger_x_b(&c, &p, z0);
        assert!(x.abs() < 1e-9 * p.y);
        let by_hand = p.xi_s * (p.f_s - c.eta_n * z0 * z0 / 2.0 - c.eta_s * p.y * z0)
            + c.xi_n * (-c.k * z0 * z0 - c.eta_s * p.y * p.y / 2.0 - c.eta_n * p.y * z0);
        assert!((b - by_hand).abs() <= 1e-12 * by_hand.abs());
        assert_eq!(
            DeeperMinimum {
                singlet: true,
                messenger: true
            }
            .code(),
            3
        );
    }
}
