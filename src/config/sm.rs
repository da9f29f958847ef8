//! Standard-Model inputs (docs/physics.md section 3, step 1-2): the gauge couplings at M_Z (either
//! the DR-bar MSSM values of the paper, switch `gauge_matching = "drbar_inputs"`, or the SM MS-bar
//! inputs of the spectrum generators, `"sm_msbar"`), the electroweak VEV and the light fermion
//! masses used for Yukawas and sfermion mixing.

use serde::{Deserialize, Serialize};

/// Standard-Model inputs. Defaults are the values of docs/physics.md section 3.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmInputs {
    /// Scale at which the gauge couplings are given [GeV].
    pub mz: f64,
    /// Hypercharge coupling g' (SM normalisation) at `mz`, DR-bar.
    pub g_prime_mz: f64,
    /// SU(2) coupling g_2 at `mz`, DR-bar.
    pub g2_mz: f64,
    /// SU(3) coupling g_3 at `mz`, DR-bar (alpha_s = 0.118).
    pub g3_mz: f64,
    /// 1/alpha_em(M_Z), SM MS-bar, five flavours (SLHA SMINPUTS 1; `sm_msbar` matching).
    pub alpha_em_inv_mz: f64,
    /// sin^2 theta_W(M_Z), SM MS-bar (PDG; `sm_msbar` matching).
    pub sin2_theta_w_mz: f64,
    /// alpha_s(M_Z), SM MS-bar, five flavours (SLHA SMINPUTS 3; `sm_msbar` matching).
    pub alpha_s_mz: f64,
    /// Electroweak VEV v = sqrt(v_u^2 + v_d^2) [GeV].
    pub vev: f64,
    /// Running bottom mass at the EWSB scale [GeV] (h_b = m_b / v_d; sbottom mixing).
    pub m_bottom: f64,
    /// Tau mass [GeV] (h_tau = m_tau / v_d; stau mixing). With `yukawa_inputs = "measured"` it
    /// is the pole mass (SLHA SMINPUTS 7).
    pub m_tau: f64,
    /// m_b(m_b), SM MS-bar [GeV] (SLHA SMINPUTS 5; `yukawa_inputs = "measured"`).
    pub m_bottom_mb: f64,
    /// Fermi constant [GeV^-2] (SLHA SMINPUTS 2; the SM vev of `yukawa_inputs = "measured"`).
    pub g_fermi: f64,
}

impl Default for SmInputs {
    fn default() -> Self {
        Self {
            mz: 91.1876,
            g_prime_mz: 0.3575,
            g2_mz: 0.652,
            g3_mz: 1.22,
            alpha_em_inv_mz: 127.934,
            sin2_theta_w_mz: 0.23122,
            alpha_s_mz: 0.118,
            vev: 174.0,
            m_bottom: 2.9,
            m_tau: 1.777,
            m_bottom_mb: 4.18,
            g_fermi: 1.16637e-5,
        }
    }
}
