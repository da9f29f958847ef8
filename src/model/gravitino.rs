//! The gravitino and the NLSP decay to it (docs/physics.md section 8b).
//!
//! The gravitino is the LSP. Its couplings are those of the goldstino, fixed by the total
//! supersymmetry-breaking F-term `F_0`; HMZ's spurion gives `F_S = Lambda <S>`, and a hidden sector
//! may break supersymmetry further, so `F_0 = r F_S` with the setting `r = physics.f0_over_fs >= 1`.
//!
//! * Gravitino mass `m_3/2 = F_0 / (sqrt(3) M_P)` with the reduced Planck mass
//!   `M_P = 2.435e18 GeV` (Giudice, Rattazzi, Phys. Rept. 322 (1999) 419, hep-ph/9801271, eq. (2.4)
//!   with `M_P` reduced; PDG 2024 table of constants).
//! * Neutralino NLSP (Ambrosanio, Kane, Kribs, Martin, Mrenna, Phys. Rev. D54 (1996) 5395,
//!   hep-ph/9605398, eqs. (2.1)-(2.3); Martin, "A Supersymmetry Primer", hep-ph/9709356, section 9.7):
//!   `Gamma(chi -> gamma G) = |N11 c_W + N12 s_W|^2 m^5/(16 pi F_0^2)`,
//!   `Gamma(chi -> Z G) = (|N11 s_W - N12 c_W|^2 + |N13 c_b - N14 s_b|^2/2) m^5/(16 pi F_0^2) (1 - m_Z^2/m^2)^4`,
//!   `Gamma(chi -> h G) = xi^2 |N13 c_b + N14 s_b|^2/2 m^5/(16 pi F_0^2) (1 - m_h^2/m^2)^4`, with the
//!   SLHA basis (B~, W~3, H~d, H~u, N~) and, for h, the decoupling-limit higgsino coupling scaled by
//!   the doublet share `xi^2` of the SM-like state (the singlino component has no goldstino
//!   coupling at this order).
//! * Slepton NLSP: `Gamma(l~ -> l G) = m^5/(16 pi F_0^2) (1 - m_l^2/m^2)^4` (same references).
//! * `c tau = hbar c / Gamma`, `hbar c = 1.973269804e-16 GeV m`.
//!
//! Known values (tests): `m_3/2 = 2.37 eV (sqrt(F_0)/100 TeV)^2` and, for a photino-like NLSP of
//! 100 GeV at `sqrt(F_0) = 100 TeV`, `c tau = 99 um` (Giudice-Rattazzi eq. (2.29): "~ 0.1 mm").

use serde::Serialize;

/// Reduced Planck mass [GeV].
pub const M_PLANCK_REDUCED: f64 = 2.435e18;
/// hbar c [GeV m].
pub const HBAR_C_GEV_M: f64 = 1.973_269_804e-16;

/// What kind of NLSP a solution has, with the slepton co-NLSP case of gauge mediation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NlspKind {
    /// The lightest neutralino.
    Neutralino,
    /// The lighter stau, with e_R (and mu_R) heavier by more than m_tau.
    Stau,
    /// Stau NLSP with e_R (and mu_R) within m_tau above it: the three-body decay
    /// e_R -> e tau stau_1 is closed and e_R, mu_R decay directly to the gravitino (slepton co-NLSP).
    SleptonCoNlsp,
}

impl NlspKind {
    pub fn name(self) -> &'static str {
        match self {
            NlspKind::Neutralino => "neutralino",
            NlspKind::Stau => "stau",
            NlspKind::SleptonCoNlsp => "slepton_co_nlsp",
        }
    }

    /// The kind from |m_chi1|, m_stau1, m_eR [GeV] and m_tau.
    pub fn classify(chi1_abs: f64, stau1: f64, selectron_r: f64, m_tau: f64) -> Self {
        if stau1 < chi1_abs {
            if selectron_r - stau1 < m_tau {
                NlspKind::SleptonCoNlsp
            } else {
                NlspKind::Stau
            }
        } else {
            NlspKind::Neutralino
        }
    }
}

/// `m_3/2 = F_0/(sqrt(3) M_P)` [GeV].
pub fn gravitino_mass(f0: f64) -> f64 {
    f0 / (3f64.sqrt() * M_PLANCK_REDUCED)
}

/// The common factor `m^5/(16 pi F_0^2)` [GeV].
fn goldstino_width_unit(m: f64, f0: f64) -> f64 {
    m.powi(5) / (16.0 * std::f64::consts::PI * f0 * f0)
}

/// The phase-space factor `(1 - m_x^2/m^2)^4`, zero below threshold.
fn phase_space(m: f64, m_x: f64) -> f64 {
    if m_x >= m {
        0.0
    } else {
        (1.0 - (m_x / m).powi(2)).powi(4)
    }
}

/// What the neutralino-NLSP width depends on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeutralinoDecayInputs {
    /// |m_chi1| [GeV].
    pub mass: f64,
    /// Row of the NLSP in NMIX (basis B~, W~3, H~d, H~u, N~).
    pub n: [f64; 5],
    /// sin^2(theta_W).
    pub sin2_w: f64,
    pub tan_beta: f64,
    /// Mass of the SM-like Higgs and its doublet share xi^2 (the ZZ coupling squared).
    pub m_h: f64,
    pub xi2_h: f64,
    pub m_z: f64,
    /// F_0 [GeV^2].
    pub f0: f64,
}

/// Partial widths of chi_1 -> (gamma, Z, h) + gravitino [GeV].
pub fn neutralino_widths(p: &NeutralinoDecayInputs) -> [f64; 3] {
    let (sw, cw) = (p.sin2_w.sqrt(), (1.0 - p.sin2_w).sqrt());
    let beta = p.tan_beta.atan();
    let (sb, cb) = (beta.sin(), beta.cos());
    let n = &p.n;
    let unit = goldstino_width_unit(p.mass, p.f0);
    let photon = (n[0] * cw + n[1] * sw).powi(2);
    let z = (n[0] * sw - n[1] * cw).powi(2) + 0.5 * (n[2] * cb - n[3] * sb).powi(2);
    let h = 0.5 * p.xi2_h * (n[2] * cb + n[3] * sb).powi(2);
    [
        photon * unit,
        z * unit * phase_space(p.mass, p.m_z),
        h * unit * phase_space(p.mass, p.m_h),
    ]
}

/// Width of a slepton NLSP of mass `m` to its lepton of mass `m_l` and the gravitino [GeV].
pub fn slepton_width(m: f64, m_l: f64, f0: f64) -> f64 {
    goldstino_width_unit(m, f0) * phase_space(m, m_l)
}

/// `c tau = hbar c / Gamma` [m] (infinite for a zero width).
pub fn decay_length_m(width: f64) -> f64 {
    HBAR_C_GEV_M / width
}

/// The gravitino numbers of a solution.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GravitinoDerived {
    /// F_0 = f0_over_fs F_S [GeV^2].
    pub f0: f64,
    /// m_3/2 [GeV].
    pub mass: f64,
    pub nlsp: NlspKind,
    /// c tau of the NLSP [m].
    pub nlsp_ctau_m: f64,
    /// Neutralino NLSP: branching ratios to photon, Z and h + gravitino (NaN for a slepton
    /// NLSP).
    pub br_photon: f64,
    pub br_z: f64,
    pub br_h: f64,
}

/// What fixes the NLSP and its decay: the neutralino's decay inputs (with F_0), the lighter stau,
/// e_R and m_tau [GeV]. Shared by the singlet model and the MSSM limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NlspInputs {
    pub neutralino: NeutralinoDecayInputs,
    pub stau1: f64,
    pub selectron_r: f64,
    pub m_tau: f64,
}

/// The NLSP kind, its decay length and (neutralino) branching ratios, and the gravitino mass.
/// A slepton co-NLSP decays last through the stau, the lightest of them.
pub fn gravitino_derived(p: &NlspInputs) -> GravitinoDerived {
    let f0 = p.neutralino.f0;
    let nlsp = NlspKind::classify(p.neutralino.mass, p.stau1, p.selectron_r, p.m_tau);
    let (nlsp_ctau_m, [br_photon, br_z, br_h]) = match nlsp {
        NlspKind::Neutralino => {
            let w = neutralino_widths(&p.neutralino);
            let total: f64 = w.iter().sum();
            (decay_length_m(total), w.map(|wi| wi / total))
        }
        NlspKind::Stau | NlspKind::SleptonCoNlsp => (
            decay_length_m(slepton_width(p.stau1, p.m_tau, f0)),
            [f64::NAN; 3],
        ),
    };
    GravitinoDerived {
        f0,
        mass: gravitino_mass(f0),
        nlsp,
        nlsp_ctau_m,
        br_photon,
        br_z,
        br_h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gravitino_mass_known_value() {
        // Giudice-Rattazzi: m_3/2 = (sqrt(F)/100 TeV)^2 2.4 eV.
        let m = gravitino_mass(1e10);
        assert!((m / 2.371e-9 - 1.0).abs() < 1e-3, "{m}");
        // Scales like F.
        assert!((gravitino_mass(4e10) / m - 4.0).abs() < 1e-12);
    }

    #[test]
    fn photino_nlsp_decay_length_known_value() {
        // A pure photino (N11 = c_W, N12 = s_W) of 100 GeV at sqrt(F) = 100 TeV, below the Z
        // threshold: c tau = 16 pi F^2 hbar c / m^5 = 99.19 um, the textbook ~0.1 mm.
        let s2 = 0.23;
        let inp = NeutralinoDecayInputs {
            mass: 100.0,
            n: [(1.0f64 - s2).sqrt(), s2.sqrt(), 0.0, 0.0, 0.0],
            sin2_w: s2,
            tan_beta: 10.0,
            m_h: 125.0,
            xi2_h: 1.0,
            m_z: 91.19,
            f0: 1e10,
        };
        let w = neutralino_widths(&inp);
        assert_eq!(w[1], 0.0);
        assert_eq!(w[2], 0.0);
        let ctau = decay_length_m(w[0]);
        assert!((ctau / 9.9188e-5 - 1.0).abs() < 1e-3, "{ctau}");
        // c tau ~ F^2 / m^5.
        let mut heavy = inp;
        heavy.mass = 50.0;
        heavy.f0 = 2e10;
        let r = decay_length_m(neutralino_widths(&heavy)[0]) / ctau;
        assert!((r - 128.0).abs() < 1e-9, "{r}");
    }

    #[test]
    fn bino_widths_sum_rule() {
        // A pure bino: photon share c_W^2, Z share s_W^2 (times phase space), no h.
        let s2: f64 = 0.23;
        let inp = NeutralinoDecayInputs {
            mass: 1000.0,
            n: [1.0, 0.0, 0.0, 0.0, 0.0],
            sin2_w: s2,
            tan_beta: 10.0,
            m_h: 125.0,
            xi2_h: 1.0,
            m_z: 91.19,
            f0: 1e12,
        };
        let w = neutralino_widths(&inp);
        let unit = 1000f64.powi(5) / (16.0 * std::f64::consts::PI * 1e24);
        assert!((w[0] / (unit * (1.0 - s2)) - 1.0).abs() < 1e-12);
        let ps = (1.0 - (91.19f64 / 1000.0).powi(2)).powi(4);
        assert!((w[1] / (unit * s2 * ps) - 1.0).abs() < 1e-12);
        assert_eq!(w[2], 0.0);
    }

    #[test]
    fn higgsino_widths_follow_the_mixing_angle() {
        // A pure higgsino N = (0, 0, 1, s) / sqrt(2), s = +-1 (Meade, Reece, Shih, arXiv:0911.4130,
        // section 2): no photon; Z share (1 - s sin 2beta)/4, h share xi^2 (1 + s sin 2beta)/4 (times
        // phase space), so Z + h = 1/2 of the unit for xi^2 = 1 at every tan(beta); at tan(beta) = 1
        // the s = +1 state decays to h only and the s = -1 state to Z only.
        let r = std::f64::consts::FRAC_1_SQRT_2;
        let base = NeutralinoDecayInputs {
            mass: 500.0,
            n: [0.0, 0.0, r, r, 0.0],
            sin2_w: 0.23,
            tan_beta: 10.0,
            m_h: 125.0,
            xi2_h: 1.0,
            m_z: 91.19,
            f0: 1e12,
        };
        let unit = 500f64.powi(5) / (16.0 * std::f64::consts::PI * 1e24);
        let (ps_z, ps_h) = (
            (1.0 - (91.19f64 / 500.0).powi(2)).powi(4),
            (1.0 - (125.0f64 / 500.0).powi(2)).powi(4),
        );
        for tan_beta in [1.0, 2.0, 10.0, 50.0] {
            for s in [1.0, -1.0] {
                let mut inp = base;
                inp.tan_beta = tan_beta;
                inp.n = [0.0, 0.0, r, s * r, 0.0];
                let w = neutralino_widths(&inp);
                let sin2b = 2.0 * tan_beta / (1.0 + tan_beta * tan_beta);
                assert_eq!(w[0], 0.0);
                let z = w[1] / (unit * ps_z);
                let h = w[2] / (unit * ps_h);
                assert!(
                    (z - (1.0 - s * sin2b) / 4.0).abs() < 1e-12,
                    "{tan_beta} {s}"
                );
                assert!(
                    (h - (1.0 + s * sin2b) / 4.0).abs() < 1e-12,
                    "{tan_beta} {s}"
                );
                assert!((z + h - 0.5).abs() < 1e-12);
            }
        }
        // The branching ratios of gravitino_derived: they sum to 1, the h share scales with xi^2.
        let derived = |xi2_h: f64| {
            let mut n = base;
            n.xi2_h = xi2_h;
            gravitino_derived(&NlspInputs {
                neutralino: n,
                stau1: 2000.0,
                selectron_r: 2100.0,
                m_tau: 1.777,
            })
        };
        let g = derived(1.0);
        assert_eq!(g.nlsp, NlspKind::Neutralino);
        assert!((g.br_photon + g.br_z + g.br_h - 1.0).abs() < 1e-15);
        let ratio = |g: GravitinoDerived| g.br_h / g.br_z;
        assert!((ratio(derived(0.5)) / ratio(g) - 0.5).abs() < 1e-12);
        // A stau NLSP has no neutralino branching ratios.
        let s = gravitino_derived(&NlspInputs {
            neutralino: base,
            stau1: 300.0,
            selectron_r: 400.0,
            m_tau: 1.777,
        });
        assert!(s.br_photon.is_nan() && s.br_z.is_nan() && s.br_h.is_nan());
    }

    #[test]
    fn nlsp_classification() {
        assert_eq!(
            NlspKind::classify(100.0, 120.0, 130.0, 1.777),
            NlspKind::Neutralino
        );
        assert_eq!(
            NlspKind::classify(130.0, 100.0, 110.0, 1.777),
            NlspKind::Stau
        );
        assert_eq!(
            NlspKind::classify(130.0, 100.0, 101.0, 1.777),
            NlspKind::SleptonCoNlsp
        );
        // A NaN stau mass (tachyon) gives the neutralino, as derived::nlsp.
        assert_eq!(
            NlspKind::classify(100.0, f64::NAN, 1.0, 1.777),
            NlspKind::Neutralino
        );
    }

    #[test]
    fn stau_width_threshold() {
        assert_eq!(slepton_width(1.0, 1.777, 1e10), 0.0);
        let w = slepton_width(200.0, 0.0, 1e10);
        assert!((w - 200f64.powi(5) / (16.0 * std::f64::consts::PI * 1e20)).abs() < 1e-25);
    }
}
