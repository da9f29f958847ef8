//! The CSV schema of a scan: ONE list of columns {name, unit, description, value} for
//! `viable.csv` (one row per viable solution) and one for `rejected.csv` (one row per rejected
//! point). The writer, the README's schema table (`markdown_table`, checked by a test) and the
//! header test all read these lists, so the documentation cannot drift from the files.
//!
//! Conventions: masses in GeV; a mass computed from a mass-squared is `sign(m^2) sqrt(|m^2|)`
//! (negative = tachyonic, which never happens in a viable row); neutralino masses are signed
//! (SLHA). Trilinears named after the paper's symbols (`a_t`, `a_lambda`, `a_k`) use the paper's
//! sign convention. Floats are written in shortest round-trip form.

use serde::Serialize;

use crate::config::Coupling;
use crate::model::derived::Nlsp;
use crate::model::gravitino::GravitinoDerived;
use crate::model::params::PointInputs;
use crate::point::Solution;
use crate::scan::config::coupling_input;

/// One CSV cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Int(u64),
    Float(f64),
    Text(String),
    /// An empty field (e.g. a solved coupling in `rejected.csv`).
    Empty(()),
}

impl From<f64> for Cell {
    /// Negative zero (e.g. a sign-flipped frozen A-term) is written as `0.0`.
    fn from(v: f64) -> Self {
        Cell::Float(if v == 0.0 { 0.0 } else { v })
    }
}
impl From<u64> for Cell {
    fn from(v: u64) -> Self {
        Cell::Int(v)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(v as u64)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}

/// What a `viable.csv` row is computed from.
pub struct ViableRow<'a> {
    pub id: u64,
    pub inputs: &'a PointInputs,
    pub solution: &'a Solution,
}

/// What the input cells of a `rejected.csv` row are computed from (the driver appends the
/// rejection's reason and detail, `scan::model::REASON_COLUMNS`).
pub struct RejectedRow<'a> {
    pub id: u64,
    pub inputs: &'a PointInputs,
    /// The solved couplings: their input columns stay empty.
    pub unknowns: &'a [Coupling; 3],
}

/// One column of a CSV schema; `F` is the function computing the cell from a row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column<F> {
    pub name: &'static str,
    /// Unit ("" for dimensionless or text).
    pub unit: &'static str,
    pub description: &'static str,
    pub value: F,
}

/// A column of `viable.csv`.
pub type ViableColumn = Column<for<'a, 'b> fn(&'b ViableRow<'a>) -> Cell>;
/// A column of `rejected.csv`.
pub type RejectedColumn = Column<for<'a, 'b> fn(&'b RejectedRow<'a>) -> Cell>;

/// `sign(m2) sqrt(|m2|)`.
pub fn signed_sqrt(m2: f64) -> f64 {
    m2.signum() * m2.abs().sqrt()
}

macro_rules! col {
    ($name:literal, $unit:literal, $desc:literal, |$r:ident| $e:expr) => {
        Column {
            name: $name,
            unit: $unit,
            description: $desc,
            value: |$r| Cell::from($e),
        }
    };
}

/// The gravitino and NLSP-decay columns every model writes (module `model::gravitino`): one
/// definition of their name, unit and meaning, placed in a schema by [`gravitino_column!`].
pub const GRAVITINO_COLUMNS: [Column<fn(&GravitinoDerived) -> Cell>; 4] = [
    col!(
        "nlsp_kind",
        "",
        "neutralino, stau, or slepton_co_nlsp (e_R within m_tau of stau_1)",
        |g| g.nlsp.name()
    ),
    col!(
        "m_gravitino",
        "GeV",
        "gravitino mass F_0/(sqrt(3) M_P)",
        |g| g.mass
    ),
    col!(
        "nlsp_ctau",
        "m",
        "NLSP decay length c tau to the gravitino",
        |g| g.nlsp_ctau_m
    ),
    col!(
        "br_chi1_photon",
        "",
        "neutralino NLSP: branching ratio to photon + gravitino (NaN for a slepton NLSP)",
        |g| g.br_photon
    ),
];

/// Column `$i` of [`GRAVITINO_COLUMNS`] in a schema whose row `$r` holds its gravitino at `$g`.
macro_rules! gravitino_column {
    ($i:expr, |$r:ident| $g:expr) => {
        $crate::output::columns::Column {
            name: $crate::output::columns::GRAVITINO_COLUMNS[$i].name,
            unit: $crate::output::columns::GRAVITINO_COLUMNS[$i].unit,
            description: $crate::output::columns::GRAVITINO_COLUMNS[$i].description,
            value: |$r| ($crate::output::columns::GRAVITINO_COLUMNS[$i].value)(&$g),
        }
    };
}
pub(crate) use gravitino_column;

/// The columns of `viable.csv`, in file order.
pub static VIABLE_COLUMNS: &[ViableColumn] = &[
    col!(
        "id",
        "",
        "point id (0..points); the point's inputs depend only on (seed, id)",
        |r| r.id
    ),
    col!(
        "solution",
        "",
        "index of the EWSB solution of this point (0, 1, ...)",
        |r| r.solution.index
    ),
    col!("tan_beta", "", "tan(beta) = v_u/v_d (sampled)", |r| r
        .inputs
        .tan_beta),
    col!("vev_n", "GeV", "x = vev of the singlet N (sampled)", |r| r
        .inputs
        .vev_n),
    col!(
        "vev_s",
        "GeV",
        "y = vev of the spurion S = messenger mass M (sampled)",
        |r| r.inputs.vev_s
    ),
    col!("lambda_susy", "GeV", "Lambda = F_S/y (sampled)", |r| r
        .inputs
        .lambda_susy),
    col!(
        "m_top",
        "GeV",
        "DR-bar running top mass m_t = h_t v_u (sampled)",
        |r| r.inputs.m_top
    ),
    col!(
        "m_phi_over_s",
        "",
        "messenger-sneutrino mass m_phi0 / y (sampled)",
        |r| r.inputs.m_phi_over_s
    ),
    col!(
        "lambda_s",
        "",
        "lambda_S at Q (sampled, or solved if in physics.unknowns)",
        |r| r.solution.couplings_q.lambda_s
    ),
    col!("lambda_n", "", "lambda_N at Q (sampled, or solved)", |r| r
        .solution
        .couplings_q
        .lambda_n),
    col!("k", "", "k at Q (sampled, or solved)", |r| r
        .solution
        .couplings_q
        .k),
    col!("xi_n", "", "xi_N at Q (solved by default)", |r| r
        .solution
        .couplings_q
        .xi_n),
    col!("eta_s", "", "eta_S at Q (solved by default)", |r| r
        .solution
        .couplings_q
        .eta_s),
    col!("eta_n", "", "eta_N at Q (solved by default)", |r| r
        .solution
        .couplings_q
        .eta_n),
    col!(
        "xi_n_m",
        "",
        "xi_N at the messenger scale M (HMZ range: -1..1)",
        |r| r.solution.couplings_m.xi_n
    ),
    col!("xi_s_q", "", "xi_S at Q (xi_S(M) = 1)", |r| r
        .solution
        .couplings_q
        .xi_s),
    col!("h_t", "", "top Yukawa at Q", |r| r.solution.couplings_q.ht),
    col!(
        "q_scale",
        "GeV",
        "EWSB scale Q = sqrt(m_stop1 m_stop2)",
        |r| r.solution.q_scale
    ),
    col!("m_mess", "GeV", "messenger scale M", |r| r.solution.m_mess),
    col!("m1", "GeV", "bino mass M_1 at Q", |r| r.solution.soft_q.m1),
    col!("m2", "GeV", "wino mass M_2 at Q", |r| r.solution.soft_q.m2),
    col!("m3", "GeV", "gluino mass parameter M_3 at Q", |r| r
        .solution
        .soft_q
        .m3),
    col!("a_t", "GeV", "A_t at Q (paper convention)", |r| r
        .solution
        .soft_q
        .a_t_paper()),
    col!("a_lambda", "GeV", "A_lambda at Q (paper convention)", |r| r
        .solution
        .soft_q
        .a_lambda_paper()),
    col!("a_k", "GeV", "A_k at Q (paper convention)", |r| r
        .solution
        .soft_q
        .a_k_paper()),
    col!("m2_hu", "GeV^2", "m_Hu^2 at Q", |r| r.solution.soft_q.mhu),
    col!("m2_hd", "GeV^2", "m_Hd^2 at Q", |r| r.solution.soft_q.mhd),
    col!("m2_n", "GeV^2", "m_N^2 at Q", |r| r.solution.soft_q.mn),
    col!("m2_q3", "GeV^2", "m_Q3^2 (t_L) at Q", |r| r
        .solution
        .soft_q
        .mq3),
    col!("m2_u3", "GeV^2", "m_U3^2 (t_R) at Q", |r| r
        .solution
        .soft_q
        .mu3),
    col!("m2_d3", "GeV^2", "m_D3^2 (b_R) at Q", |r| r
        .solution
        .soft_q
        .md3),
    col!("m2_l3", "GeV^2", "m_L3^2 at Q", |r| r.solution.soft_q.ml3),
    col!("m2_e3", "GeV^2", "m_E3^2 (tau_R) at Q", |r| r
        .solution
        .soft_q
        .me3),
    col!("mu", "GeV", "mu = lambda_N x + lambda_S y", |r| r
        .solution
        .derived
        .mu),
    col!("b_mu", "GeV^2", "B_mu from its definition (eq. Bmu)", |r| r
        .solution
        .derived
        .b_mu),
    col!("b_param", "GeV", "B = B_mu/mu", |r| r
        .solution
        .derived
        .b_param),
    col!(
        "mu_from_relation",
        "GeV",
        "mu from the mu^2 minimisation relation (check; NaN if mu^2 < 0)",
        |r| r.solution.derived.mu_from_relation
    ),
    col!(
        "b_mu_from_sin2beta",
        "GeV^2",
        "B_mu from the sin(2 beta) relation (check)",
        |r| r.solution.derived.b_mu_from_sin2beta
    ),
    col!(
        "fine_tuning",
        "%",
        "fine-tuning M_Z^2/(2 mu^2) in percent",
        |r| r.solution.derived.fine_tuning_percent
    ),
    col!(
        "tadpole_c",
        "GeV^3",
        "one-loop N tadpole coefficient c in V = c x",
        |r| r.solution.derived.tadpole_c
    ),
    col!(
        "m_s1",
        "GeV",
        "lightest CP-even Higgs S_1 (with the top/stop Coleman-Weinberg term)",
        |r| signed_sqrt(r.solution.spectrum.higgs.even_mass2[0])
    ),
    col!(
        "m_h",
        "GeV",
        "SM-like Higgs mass (switch higgs_mass: EFT, or the fixed order at the DR-bar v(Q) where a CP-even singlet lies below 4 m_h; or the one-loop doublet-like CP-even state)",
        |r| r.solution.m_h
    ),
    col!(
        "m_h_uncertainty",
        "GeV",
        "theory uncertainty of m_h (EFT, with the fixed-order minus EFT difference in quadrature where a singlet is near; NaN with the one-loop method)",
        |r| r.solution.m_h_uncertainty
    ),
    col!("m_s2", "GeV", "CP-even Higgs S_2", |r| signed_sqrt(
        r.solution.spectrum.higgs.even_mass2[1]
    )),
    col!("m_s3", "GeV", "CP-even Higgs S_3", |r| signed_sqrt(
        r.solution.spectrum.higgs.even_mass2[2]
    )),
    col!("m_p1", "GeV", "lighter CP-odd Higgs P_1", |r| signed_sqrt(
        r.solution.spectrum.higgs.odd_mass2[0]
    )),
    col!("m_p2", "GeV", "heavier CP-odd Higgs P_2", |r| signed_sqrt(
        r.solution.spectrum.higgs.odd_mass2[1]
    )),
    col!("m_hplus", "GeV", "charged Higgs H+", |r| signed_sqrt(
        r.solution.spectrum.higgs.charged_mass2
    )),
    col!(
        "m_chi1",
        "GeV",
        "neutralino 1 (signed, sorted by |m|)",
        |r| r.solution.spectrum.neutralinos.masses[0]
    ),
    col!("m_chi2", "GeV", "neutralino 2 (signed)", |r| r
        .solution
        .spectrum
        .neutralinos
        .masses[1]),
    col!("m_chi3", "GeV", "neutralino 3 (signed)", |r| r
        .solution
        .spectrum
        .neutralinos
        .masses[2]),
    col!("m_chi4", "GeV", "neutralino 4 (signed)", |r| r
        .solution
        .spectrum
        .neutralinos
        .masses[3]),
    col!("m_chi5", "GeV", "neutralino 5 (signed)", |r| r
        .solution
        .spectrum
        .neutralinos
        .masses[4]),
    col!("m_cha1", "GeV", "lighter chargino", |r| r
        .solution
        .spectrum
        .charginos
        .masses[0]),
    col!("m_cha2", "GeV", "heavier chargino", |r| r
        .solution
        .spectrum
        .charginos
        .masses[1]),
    col!("m_gluino", "GeV", "gluino |M_3(Q)|", |r| r
        .solution
        .spectrum
        .gluino),
    col!("m_stop1", "GeV", "lighter stop", |r| signed_sqrt(
        r.solution.spectrum.sfermions.stop.mass2[0]
    )),
    col!("m_stop2", "GeV", "heavier stop", |r| signed_sqrt(
        r.solution.spectrum.sfermions.stop.mass2[1]
    )),
    col!("m_sbot1", "GeV", "lighter sbottom", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sbottom.mass2[0]
    )),
    col!("m_sbot2", "GeV", "heavier sbottom", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sbottom.mass2[1]
    )),
    col!("m_stau1", "GeV", "lighter stau", |r| signed_sqrt(
        r.solution.spectrum.sfermions.stau.mass2[0]
    )),
    col!("m_stau2", "GeV", "heavier stau", |r| signed_sqrt(
        r.solution.spectrum.sfermions.stau.mass2[1]
    )),
    col!("m_snu_tau", "GeV", "tau sneutrino", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sneutrino_tau2
    )),
    col!("m_sel_l", "GeV", "left selectron", |r| signed_sqrt(
        r.solution.spectrum.sfermions.selectron_l2
    )),
    col!("m_sel_r", "GeV", "right selectron e_R", |r| signed_sqrt(
        r.solution.spectrum.sfermions.selectron_r2
    )),
    col!("m_snu_e", "GeV", "electron sneutrino", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sneutrino_e2
    )),
    col!("m_sup_l", "GeV", "left up squark", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sup_l2
    )),
    col!("m_sup_r", "GeV", "right up squark", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sup_r2
    )),
    col!("m_sdown_l", "GeV", "left down squark", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sdown_l2
    )),
    col!("m_sdown_r", "GeV", "right down squark", |r| signed_sqrt(
        r.solution.spectrum.sfermions.sdown_r2
    )),
    col!(
        "m_gluino_pole",
        "GeV",
        "gluino one-loop pole mass (PBMZ)",
        |r| r.solution.spectrum.pole.gluino
    ),
    col!(
        "m_sup_l_pole",
        "GeV",
        "left up squark, one-loop SUSY-QCD pole mass",
        |r| r.solution.spectrum.pole.sup_l
    ),
    col!(
        "m_sup_r_pole",
        "GeV",
        "right up squark, one-loop SUSY-QCD pole mass",
        |r| r.solution.spectrum.pole.sup_r
    ),
    col!(
        "m_sdown_l_pole",
        "GeV",
        "left down squark, one-loop SUSY-QCD pole mass",
        |r| r.solution.spectrum.pole.sdown_l
    ),
    col!(
        "m_sdown_r_pole",
        "GeV",
        "right down squark, one-loop SUSY-QCD pole mass",
        |r| r.solution.spectrum.pole.sdown_r
    ),
    col!(
        "tan_beta_mz",
        "",
        "tan(beta) run down to M_Z (DR-bar; the input tan_beta is at Q)",
        |r| r.solution.tan_beta_mz
    ),
    col!(
        "nlsp",
        "",
        "NLSP: neutralino or stau (the gravitino is the LSP)",
        |r| match r.solution.derived.nlsp {
            Nlsp::Neutralino => "neutralino",
            Nlsp::Stau => "stau",
        }
    ),
    col!("chi1_over_stau1", "", "|m_chi1| / m_stau1", |r| r
        .solution
        .derived
        .chi1_over_stau1),
    col!("m_phi", "GeV", "messenger-sneutrino mass m_phi0", |r| r
        .solution
        .derived
        .relic
        .m_phi),
    col!(
        "relic_theta",
        "",
        "theta = 2 xi_N (2 xi_S - eta_N)/(eta_N k) of the relic-density formula",
        |r| r.solution.derived.relic.theta
    ),
    col!("relic_kappa", "", "kappa = T_f/m_phi0 at freeze-out", |r| r
        .solution
        .derived
        .relic
        .kappa),
    col!(
        "omega_h2",
        "",
        "messenger-sneutrino relic density Omega h^2",
        |r| r.solution.derived.relic.omega_h2
    ),
    col!(
        "lambda_prime_min",
        "",
        "domain walls: lower bound on lambda'",
        |r| r.solution.derived.domain_wall.lambda_prime_min
    ),
    col!(
        "mu_prime",
        "GeV",
        "domain walls: induced mu' at lambda' = lambda_prime_min",
        |r| r.solution.derived.domain_wall.mu_prime
    ),
    col!(
        "dw_stability_ratio",
        "",
        "domain walls: (mu' y)^(1/3)/v (about 1 or below is safe)",
        |r| r.solution.derived.domain_wall.stability_ratio
    ),
    col!(
        "gamma",
        "rad",
        "A^0-Im N mixing angle of P_1 = cos(gamma) A^0 + sin(gamma) Im N (HMZ Appendix B)",
        |r| r.solution.derived.lhc.gamma
    ),
    col!(
        "sm_like",
        "",
        "which CP-even state is SM-like (1, 2 or 3 for S_1, S_2, S_3: largest ZZ coupling)",
        |r| r.solution.derived.lhc.sm_like_index + 1
    ),
    col!("m_h_sm", "GeV", "mass of the SM-like CP-even state", |r| {
        signed_sqrt(r.solution.spectrum.higgs.even_mass2[r.solution.derived.lhc.sm_like_index])
    }),
    col!(
        "xi2_sm",
        "",
        "SM-like state: ZZ coupling squared relative to the SM, xi^2",
        |r| r.solution.derived.lhc.sm_like_xi2
    ),
    col!(
        "doublet_sm",
        "",
        "SM-like state: doublet share 1 - S_N^2",
        |r| r.solution.derived.lhc.sm_like_doublet
    ),
    gravitino_column!(0, |r| r.solution.derived.lhc.gravitino),
    col!(
        "sqrt_f0",
        "GeV",
        "sqrt(F_0), F_0 = f0_over_fs F_S the total supersymmetry breaking",
        |r| r.solution.derived.lhc.gravitino.f0.sqrt()
    ),
    gravitino_column!(1, |r| r.solution.derived.lhc.gravitino),
    gravitino_column!(2, |r| r.solution.derived.lhc.gravitino),
    gravitino_column!(3, |r| r.solution.derived.lhc.gravitino),
    col!(
        "m_phi_relic",
        "GeV",
        "messenger-sneutrino mass giving Omega h^2 = 0.120 (HMZ Sec. IV formula; NaN: none)",
        |r| r.solution.derived.lhc.dm.m_phi_relic
    ),
    col!(
        "dd_sigma_n",
        "cm^2",
        "Z-exchange cross section per nucleon (xenon) at m_phi_relic",
        |r| r.solution.derived.lhc.dm.sigma_n_cm2
    ),
    col!(
        "dd_limit",
        "cm^2",
        "LZ 2024 spin-independent limit at m_phi_relic",
        |r| r.solution.derived.lhc.dm.limit_cm2
    ),
    col!(
        "dd_excluded",
        "",
        "1 if the Z exchange is excluded without a splitting of the messenger sneutrino, else 0",
        |r| u64::from(r.solution.derived.lhc.dm.excluded)
    ),
    col!(
        "dd_split_kev",
        "keV",
        "messenger-number-violating mass splitting that makes the Z exchange inelastic (evades it)",
        |r| r.solution.derived.lhc.dm.split_needed_kev
    ),
    col!(
        "deeper_minimum",
        "",
        "deeper minimum than the solution along real N: 0 none, 1 singlet direction, 2 messenger direction (tachyonic messengers near N = -xi_S y/xi_N), 3 both (a flag, docs/physics.md section 6c)",
        |r| u64::from(r.solution.deeper_minimum.code())
    ),
    col!(
        "ewsb_residual",
        "",
        "largest scaled residual of the three stationarity conditions",
        |r| r
            .solution
            .ewsb
            .scaled_residuals
            .iter()
            .fold(0.0_f64, |m, x| m.max(x.abs()))
    ),
    col!(
        "ewsb_solver",
        "",
        "solver of the cascade that produced the solution",
        |r| r.solution.ewsb.solver
    ),
    col!(
        "ewsb_start",
        "",
        "index of the starting point (root of the root search, or multistart start)",
        |r| r.solution.ewsb.start
    ),
    col!(
        "q_iterations",
        "",
        "iterations of Q = sqrt(m_stop1 m_stop2)",
        |r| r.solution.ewsb.q_iterations
    ),
];

fn coupling_cell(r: &RejectedRow, c: Coupling) -> Cell {
    if r.unknowns.contains(&c) {
        Cell::Empty(())
    } else {
        Cell::Float(coupling_input(r.inputs, c))
    }
}

/// The input columns of `rejected.csv`, in file order (then `reason`, `detail`).
pub static REJECTED_COLUMNS: &[RejectedColumn] = &[
    col!("id", "", "point id", |r| r.id),
    col!("tan_beta", "", "tan(beta) (sampled)", |r| r.inputs.tan_beta),
    col!("vev_n", "GeV", "x = vev of the singlet N (sampled)", |r| r
        .inputs
        .vev_n),
    col!("vev_s", "GeV", "y = vev of S (sampled)", |r| r.inputs.vev_s),
    col!("lambda_susy", "GeV", "Lambda = F_S/y (sampled)", |r| r
        .inputs
        .lambda_susy),
    col!("m_top", "GeV", "running top mass (sampled)", |r| r
        .inputs
        .m_top),
    col!("m_phi_over_s", "", "m_phi0 / y (sampled)", |r| r
        .inputs
        .m_phi_over_s),
    col!("lambda_s", "", "lambda_S input (empty if solved)", |r| {
        coupling_cell(r, Coupling::LambdaS)
    }),
    col!("lambda_n", "", "lambda_N input (empty if solved)", |r| {
        coupling_cell(r, Coupling::LambdaN)
    }),
    col!("k", "", "k input (empty if solved)", |r| coupling_cell(
        r,
        Coupling::K
    )),
    col!("xi_n", "", "xi_N input (empty if solved)", |r| {
        coupling_cell(r, Coupling::XiN)
    }),
    col!("eta_s", "", "eta_S input (empty if solved)", |r| {
        coupling_cell(r, Coupling::EtaS)
    }),
    col!("eta_n", "", "eta_N input (empty if solved)", |r| {
        coupling_cell(r, Coupling::EtaN)
    }),
];

/// The header of a schema.
pub fn header<F>(columns: &[Column<F>]) -> Vec<&'static str> {
    columns.iter().map(|c| c.name).collect()
}

/// The row of one viable solution.
pub fn viable_row(id: u64, inputs: &PointInputs, solution: &Solution) -> Vec<Cell> {
    let row = ViableRow {
        id,
        inputs,
        solution,
    };
    VIABLE_COLUMNS.iter().map(|c| (c.value)(&row)).collect()
}

/// The input cells of one rejected point's row.
pub fn rejected_inputs_row(id: u64, inputs: &PointInputs, unknowns: &[Coupling; 3]) -> Vec<Cell> {
    let row = RejectedRow {
        id,
        inputs,
        unknowns,
    };
    REJECTED_COLUMNS.iter().map(|c| (c.value)(&row)).collect()
}

/// A Markdown table (name | unit | description) of a schema, as in the README.
pub fn markdown_table<F>(columns: &[Column<F>]) -> String {
    let mut out = String::from("| column | unit | description |\n| --- | --- | --- |\n");
    for c in columns {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.name,
            if c.unit.is_empty() { "-" } else { c.unit },
            c.description
        ));
    }
    out
}
