//! The CSV schema of the `mssm_gmsb` and `ddr` models (docs/models.md lists it): one row per
//! solution, the model's inputs first, then its solved quantities, then the spectrum columns the
//! two models share. Masses in GeV, masses squared in GeV^2, running quantities at Q, SLHA sign
//! conventions (mu, trilinears, neutralino masses signed). A rejected point has one row in
//! `rejected.csv` with its inputs, the rejection key and the detail.

use super::ddr::{DdrInputs, DdrSolution};
use super::mssm::{MssmInputs, MssmSolution};
pub use crate::output::columns::{header as names, markdown_table as markdown};
use crate::output::columns::{signed_sqrt, Column};

/// A column of a model's schema (the program's [`Column`], with a number per row).
pub type ModelColumn<R> = Column<fn(&R) -> f64>;

macro_rules! col {
    ($name:expr, $unit:expr, $doc:expr, $get:expr) => {
        Column {
            name: $name,
            unit: $unit,
            description: $doc,
            value: $get,
        }
    };
}

/// The columns of a solution shared by both models.
pub const SOLUTION_COLUMNS: &[ModelColumn<MssmSolution>] = &[
    col!(
        "q_scale",
        "GeV",
        "EWSB scale Q = sqrt(m_stop1 m_stop2)",
        |s| s.ewsb.q
    ),
    col!("mu", "GeV", "mu(Q), SLHA sign", |s| s.ewsb.mu),
    col!(
        "b_mu",
        "GeV^2",
        "B_mu(Q) = SLHA m_3^2 (> 0 for positive VEVs)",
        |s| s.ewsb.b_mu
    ),
    col!("b_param", "GeV", "B = B_mu/mu", |s| s.ewsb.b_mu / s.ewsb.mu),
    col!("residual_vd", "1", "dV/dv_d over the sum of |terms|", |s| s
        .ewsb
        .scaled_residuals()[0]),
    col!("residual_vu", "1", "dV/dv_u over the sum of |terms|", |s| s
        .ewsb
        .scaled_residuals()[1]),
    col!(
        "fine_tuning_percent",
        "%",
        "M_Z^2/(2 mu^2) in percent",
        |s| s.fine_tuning_percent
    ),
    col!("m1", "GeV", "M_1(Q)", |s| s.soft_q().m1),
    col!("m2", "GeV", "M_2(Q)", |s| s.soft_q().m2),
    col!("m3", "GeV", "M_3(Q)", |s| s.soft_q().m3),
    col!("a_t", "GeV", "a_t(Q) (SLHA A_t)", |s| s.soft_q().a_t),
    col!("m_hu2", "GeV^2", "m_Hu^2(Q)", |s| s.soft_q().mhu),
    col!("m_hd2", "GeV^2", "m_Hd^2(Q)", |s| s.soft_q().mhd),
    col!("h_t", "1", "top Yukawa h_t(Q)", |s| s.couplings_q().ht),
    col!("g3", "1", "g_3(Q)", |s| s.couplings_q().g3),
    col!(
        "m_h",
        "GeV",
        "lighter CP-even Higgs (top/stop Coleman-Weinberg included)",
        |s| signed_sqrt(s.spectrum.higgs.h_mass2)
    ),
    col!("m_hh", "GeV", "heavier CP-even Higgs H", |s| signed_sqrt(
        s.spectrum.higgs.heavy_mass2
    )),
    col!("alpha", "rad", "CP-even mixing angle (SLHA ALPHA)", |s| s
        .spectrum
        .higgs
        .alpha),
    col!("m_a", "GeV", "CP-odd Higgs A", |s| signed_sqrt(
        s.spectrum.higgs.a_mass2
    )),
    col!("m_hplus", "GeV", "charged Higgs", |s| signed_sqrt(
        s.spectrum.higgs.charged_mass2
    )),
    col!("m_chi1", "GeV", "neutralino 1 (signed, SLHA)", |s| s
        .spectrum
        .neutralinos
        .masses[0]),
    col!("m_chi2", "GeV", "neutralino 2", |s| s
        .spectrum
        .neutralinos
        .masses[1]),
    col!("m_chi3", "GeV", "neutralino 3", |s| s
        .spectrum
        .neutralinos
        .masses[2]),
    col!("m_chi4", "GeV", "neutralino 4", |s| s
        .spectrum
        .neutralinos
        .masses[3]),
    col!("m_cha1", "GeV", "chargino 1", |s| s
        .spectrum
        .charginos
        .masses[0]),
    col!("m_cha2", "GeV", "chargino 2", |s| s
        .spectrum
        .charginos
        .masses[1]),
    col!("m_gluino", "GeV", "|M_3(Q)| (running)", |s| s
        .spectrum
        .gluino),
    col!("m_gluino_pole", "GeV", "gluino one-loop pole mass", |s| s
        .spectrum
        .pole
        .gluino),
    col!("m_sup_l_pole", "GeV", "u~_L SUSY-QCD pole mass", |s| s
        .spectrum
        .pole
        .sup_l),
    col!("m_sup_r_pole", "GeV", "u~_R SUSY-QCD pole mass", |s| s
        .spectrum
        .pole
        .sup_r),
    col!("m_stop1", "GeV", "lighter stop", |s| signed_sqrt(
        s.spectrum.sfermions.stop.mass2[0]
    )),
    col!("m_stop2", "GeV", "heavier stop", |s| signed_sqrt(
        s.spectrum.sfermions.stop.mass2[1]
    )),
    col!("m_sbottom1", "GeV", "lighter sbottom", |s| signed_sqrt(
        s.spectrum.sfermions.sbottom.mass2[0]
    )),
    col!("m_stau1", "GeV", "lighter stau", |s| signed_sqrt(
        s.spectrum.sfermions.stau.mass2[0]
    )),
    col!("m_stau2", "GeV", "heavier stau", |s| signed_sqrt(
        s.spectrum.sfermions.stau.mass2[1]
    )),
    col!("m_selectron_r", "GeV", "e~_R", |s| signed_sqrt(
        s.spectrum.sfermions.selectron_r2
    )),
    col!("m_selectron_l", "GeV", "e~_L", |s| signed_sqrt(
        s.spectrum.sfermions.selectron_l2
    )),
    col!("m_sup_l", "GeV", "u~_L", |s| signed_sqrt(
        s.spectrum.sfermions.sup_l2
    )),
    col!(
        "nlsp_is_stau",
        "1",
        "1 if the lighter stau is lighter than |chi_1| (else 0)",
        |s| f64::from(u8::from(s.chi1_over_stau1 > 1.0))
    ),
    col!("chi1_over_stau1", "1", "|m_chi1| / m_stau1", |s| s
        .chi1_over_stau1),
];

/// The inputs of an `mssm_gmsb` point.
pub const MSSM_INPUT_COLUMNS: &[ModelColumn<MssmInputs>] = &[
    col!("lambda_susy", "GeV", "Lambda = F/M", |p| p
        .messengers
        .lambda_susy),
    col!("m_mess", "GeV", "messenger mass M", |p| p.messengers.m_mess),
    col!("n5", "1", "number of 5 + 5bar messengers", |p| p
        .messengers
        .n5),
    col!("tan_beta", "1", "tan(beta) at Q", |p| p.tan_beta),
    col!("sign_mu", "1", "sign of mu (SLHA)", |p| p.sign_mu.value()),
    col!(
        "m_top",
        "GeV",
        "top mass input: pole (consistent) or DR-bar m_t(Q) (hmz1999)",
        |p| p.m_top
    ),
];

/// The inputs of a `ddr` point (and the derived messenger scales).
pub const DDR_INPUT_COLUMNS: &[ModelColumn<DdrInputs>] = &[
    col!("rho", "1", "rho = alpha sqrt(y)", |p| p.rho),
    col!("lambda", "1", "lambda of -lambda S Tr M", |p| p.lambda),
    col!("lambda_2", "1", "lambda_2 of S lambda_2 N^2/2", |p| p
        .lambda_2),
    col!(
        "lambda_strong",
        "GeV",
        "Lambda_s, strong scale of SU(5)_S",
        |p| p.lambda_strong
    ),
    col!("vev_x", "GeV", "<X>", |p| p.vev_x),
    col!(
        "sign_mu",
        "1",
        "sign of mu relative to the gaugino masses (SLHA)",
        |p| p.sign_mu.value()
    ),
    col!(
        "m_top",
        "GeV",
        "top mass input: pole (consistent) or DR-bar m_t(Q) (hmz1999)",
        |p| p.m_top
    ),
    col!("m_mess", "GeV", "M = rho <X>", |p| p.m_mess()),
    col!(
        "lambda_susy",
        "GeV",
        "Lambda = F/M = rho Lambda_s^2/<X>",
        |p| p.lambda_gm()
    ),
    col!(
        "b_param_seed",
        "GeV",
        "the seed's B = B_mu/mu (its sign convention)",
        |p| p.b_param_seed()
    ),
];

/// The solved quantities of a `ddr` solution.
pub const DDR_SOLVED_COLUMNS: &[ModelColumn<DdrSolution>] = &[
    col!(
        "solution",
        "1",
        "index of the tan(beta) root (increasing tan(beta))",
        |s| s.index as f64
    ),
    col!("tan_beta", "1", "solved tan(beta) at Q", |s| s.tan_beta),
    col!("lambda_1", "1", "solved lambda_1 (carries sign_mu)", |s| s
        .lambda_1),
    col!(
        "b_mu_seed",
        "GeV^2",
        "the seed's B_mu at lambda_1 (its convention; |b_mu_seed| = b_mu)",
        |s| s.b_mu_seed
    ),
];

/// Values of a column list for one row.
pub fn values<'a, R>(cols: &'a [ModelColumn<R>], row: &'a R) -> impl Iterator<Item = f64> + 'a {
    cols.iter().map(move |c| (c.value)(row))
}

/// A readable listing of one solution (name = value unit), for `gmsbscan point`.
pub fn listing<R>(cols: &[ModelColumn<R>], row: &R) -> String {
    let mut s = String::new();
    for c in cols {
        let unit = if c.unit == "1" { "" } else { c.unit };
        s.push_str(&format!(
            "  {:<20} {:>14.6e} {:<6} {}\n",
            c.name,
            (c.value)(row),
            unit,
            c.description
        ));
    }
    s
}
