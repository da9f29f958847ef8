//! The CSV schema of the `mssm_gmsb` and `ddr` models (docs/models.md lists it): one row per
//! solution, the model's inputs first, then its solved quantities, then the spectrum columns the
//! two models share. Masses in GeV, masses squared in GeV^2, running quantities at Q, SLHA sign
//! conventions (mu, trilinears, neutralino masses signed). A rejected point has one row in
//! `rejected.csv` with its inputs, the rejection key and the detail.

use super::ddr::{DdrInputs, DdrSolution};
use super::mssm::{MssmInputs, MssmSolution};
use crate::output::columns::{gravitino_column, signed_sqrt, Cell, Column};
pub use crate::output::columns::{header as names, markdown_table as markdown};
use crate::scan::model::ColumnDoc;

/// A column of a model's schema (the program's [`Column`], with a cell per row).
pub type ModelColumn<R> = Column<fn(&R) -> Cell>;

macro_rules! col {
    ($name:expr, $unit:expr, $doc:expr, |$r:ident| $get:expr) => {
        Column {
            name: $name,
            unit: $unit,
            description: $doc,
            value: |$r| Cell::from($get),
        }
    };
}

/// The first column of every row: the point id (the same as the HMZ model's).
pub const ID_COLUMN: ColumnDoc = Column {
    name: "id",
    unit: "",
    description: "point id (0..points); the point's inputs depend only on (seed, id)",
    value: (),
};

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
    col!("residual_vd", "", "dV/dv_d over the sum of |terms|", |s| s
        .ewsb
        .scaled_residuals()[0]),
    col!("residual_vu", "", "dV/dv_u over the sum of |terms|", |s| s
        .ewsb
        .scaled_residuals()[1]),
    col!(
        "ewsb_residual",
        "",
        "largest |scaled residual| of the two stationarity conditions",
        |s| {
            let r = s.ewsb.scaled_residuals();
            r[0].abs().max(r[1].abs())
        }
    ),
    col!(
        "fine_tuning",
        "%",
        "fine-tuning M_Z^2/(2 mu^2) in percent",
        |s| s.fine_tuning_percent
    ),
    col!("m1", "GeV", "M_1(Q)", |s| s.soft_q().m1),
    col!("m2", "GeV", "M_2(Q)", |s| s.soft_q().m2),
    col!("m3", "GeV", "M_3(Q)", |s| s.soft_q().m3),
    col!("a_t", "GeV", "a_t(Q) (SLHA A_t)", |s| s.soft_q().a_t),
    col!("m2_hu", "GeV^2", "m_Hu^2 at Q", |s| s.soft_q().mhu),
    col!("m2_hd", "GeV^2", "m_Hd^2 at Q", |s| s.soft_q().mhd),
    col!("h_t", "", "top Yukawa h_t(Q)", |s| s.couplings_q().ht),
    col!("g3", "", "g_3(Q)", |s| s.couplings_q().g3),
    col!(
        "m_h",
        "GeV",
        "SM-like Higgs h (switch higgs_mass: EFT, or the one-loop top/stop Coleman-Weinberg mass)",
        |s| s.m_h
    ),
    col!(
        "m_h_uncertainty",
        "GeV",
        "theory uncertainty of m_h (EFT; NaN with the one-loop method)",
        |s| s.m_h_uncertainty
    ),
    col!("m_hh", "GeV", "heavier CP-even Higgs H", |s| signed_sqrt(
        s.spectrum.higgs.heavy_mass2
    )),
    col!("alpha", "rad", "CP-even mixing angle (SLHA ALPHA)", |s| s
        .spectrum
        .higgs
        .alpha),
    col!(
        "m_a",
        "GeV",
        "CP-odd Higgs A (running: 2 B_mu/sin(2 beta) with the CW curvature)",
        |s| signed_sqrt(s.spectrum.higgs.a_mass2)
    ),
    col!(
        "m_a_pole",
        "GeV",
        "CP-odd Higgs A one-loop pole mass (A self-energy)",
        |s| s.spectrum.a_pole
    ),
    col!("m_hplus", "GeV", "charged Higgs", |s| signed_sqrt(
        s.spectrum.higgs.charged_mass2
    )),
    col!(
        "m_chi1",
        "GeV",
        "neutralino 1 (running, signed, SLHA)",
        |s| s.spectrum.neutralinos.masses[0]
    ),
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
    col!(
        "m_chi1_pole",
        "GeV",
        "neutralino 1 one-loop pole mass (signed)",
        |s| s.spectrum.ino_pole.neutralinos[0]
    ),
    col!(
        "m_chi2_pole",
        "GeV",
        "neutralino 2 one-loop pole mass",
        |s| s.spectrum.ino_pole.neutralinos[1]
    ),
    col!(
        "m_chi3_pole",
        "GeV",
        "neutralino 3 one-loop pole mass",
        |s| s.spectrum.ino_pole.neutralinos[2]
    ),
    col!(
        "m_chi4_pole",
        "GeV",
        "neutralino 4 one-loop pole mass",
        |s| s.spectrum.ino_pole.neutralinos[3]
    ),
    col!("m_cha1_pole", "GeV", "chargino 1 one-loop pole mass", |s| s
        .spectrum
        .ino_pole
        .charginos[0]),
    col!("m_cha2_pole", "GeV", "chargino 2 one-loop pole mass", |s| s
        .spectrum
        .ino_pole
        .charginos[1]),
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
    col!(
        "m_stop1_pole",
        "GeV",
        "lighter stop one-loop pole mass",
        |s| s.spectrum.sfermion_pole.stop[0]
    ),
    col!(
        "m_stop2_pole",
        "GeV",
        "heavier stop one-loop pole mass",
        |s| s.spectrum.sfermion_pole.stop[1]
    ),
    col!(
        "m_stau1_pole",
        "GeV",
        "lighter stau one-loop pole mass",
        |s| s.spectrum.sfermion_pole.stau[0]
    ),
    col!(
        "m_stau2_pole",
        "GeV",
        "heavier stau one-loop pole mass",
        |s| s.spectrum.sfermion_pole.stau[1]
    ),
    col!(
        "m_sel_r_pole",
        "GeV",
        "right selectron e_R one-loop pole mass",
        |s| s.spectrum.sfermion_pole.selectron_r
    ),
    col!(
        "m_sel_l_pole",
        "GeV",
        "left selectron e_L one-loop pole mass",
        |s| s.spectrum.sfermion_pole.selectron_l
    ),
    col!(
        "m_snu_e_pole",
        "GeV",
        "electron sneutrino one-loop pole mass",
        |s| s.spectrum.sfermion_pole.sneutrino_e
    ),
    col!("m_stop1", "GeV", "lighter stop", |s| signed_sqrt(
        s.spectrum.sfermions.stop.mass2[0]
    )),
    col!("m_stop2", "GeV", "heavier stop", |s| signed_sqrt(
        s.spectrum.sfermions.stop.mass2[1]
    )),
    col!("m_sbot1", "GeV", "lighter sbottom", |s| signed_sqrt(
        s.spectrum.sfermions.sbottom.mass2[0]
    )),
    col!("m_stau1", "GeV", "lighter stau", |s| signed_sqrt(
        s.spectrum.sfermions.stau.mass2[0]
    )),
    col!("m_stau2", "GeV", "heavier stau", |s| signed_sqrt(
        s.spectrum.sfermions.stau.mass2[1]
    )),
    col!("m_sel_r", "GeV", "right selectron e_R", |s| signed_sqrt(
        s.spectrum.sfermions.selectron_r2
    )),
    col!("m_sel_l", "GeV", "left selectron e_L", |s| signed_sqrt(
        s.spectrum.sfermions.selectron_l2
    )),
    col!("m_sup_l", "GeV", "u~_L", |s| signed_sqrt(
        s.spectrum.sfermions.sup_l2
    )),
    col!(
        "nlsp",
        "",
        "NLSP: neutralino or stau (the gravitino is the LSP)",
        |s| if s.chi1_over_stau1 > 1.0 {
            "stau"
        } else {
            "neutralino"
        }
    ),
    col!("chi1_over_stau1", "", "|m_chi1| / m_stau1", |s| s
        .chi1_over_stau1),
    gravitino_column!(0, |s| s.gravitino),
    gravitino_column!(1, |s| s.gravitino),
    gravitino_column!(2, |s| s.gravitino),
    gravitino_column!(3, |s| s.gravitino),
];

/// The inputs of an `mssm_gmsb` point.
pub const MSSM_INPUT_COLUMNS: &[ModelColumn<MssmInputs>] = &[
    col!("lambda_susy", "GeV", "Lambda = F/M", |p| p
        .messengers
        .lambda_susy),
    col!("m_mess", "GeV", "messenger mass M", |p| p.messengers.m_mess),
    col!("n5", "", "number of 5 + 5bar messengers", |p| p
        .messengers
        .n5),
    col!("tan_beta", "", "tan(beta) at Q", |p| p.tan_beta),
    col!("sign_mu", "", "sign of mu (SLHA)", |p| p.sign_mu.value()),
    col!(
        "m_top",
        "GeV",
        "top mass input: pole (consistent) or DR-bar m_t(Q) (hmz1999)",
        |p| p.m_top
    ),
];

/// The inputs of a `ddr` point (and the derived messenger scales).
pub const DDR_INPUT_COLUMNS: &[ModelColumn<DdrInputs>] = &[
    col!("rho", "", "rho = alpha sqrt(y)", |p| p.rho),
    col!("lambda", "", "lambda of -lambda S Tr M", |p| p.lambda),
    col!("lambda_2", "", "lambda_2 of S lambda_2 N^2/2", |p| p
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
        "",
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
        "",
        "index of the EWSB solution of this point (0, 1, ...: the tan(beta) roots in increasing order)",
        |s| s.index
    ),
    col!("tan_beta", "", "solved tan(beta) at Q", |s| s.tan_beta),
    col!("lambda_1", "", "solved lambda_1 (carries sign_mu)", |s| s
        .lambda_1),
    col!(
        "b_mu_seed",
        "GeV^2",
        "the seed's B_mu at lambda_1 (its convention; |b_mu_seed| = b_mu)",
        |s| s.b_mu_seed
    ),
];

/// The cells of a column list for one row.
pub fn cells<'a, R>(cols: &'a [ModelColumn<R>], row: &'a R) -> impl Iterator<Item = Cell> + 'a {
    cols.iter().map(move |c| (c.value)(row))
}

/// A readable listing of one solution (name = value unit), for `gmsbscan point`.
pub fn listing<R>(cols: &[ModelColumn<R>], row: &R) -> String {
    let mut s = String::new();
    for c in cols {
        let value = match (c.value)(row) {
            Cell::Float(x) => format!("{x:>14.6e}"),
            Cell::Int(n) => format!("{n:>14}"),
            Cell::Text(t) => format!("{t:>14}"),
            Cell::Empty(()) => format!("{:>14}", ""),
        };
        s.push_str(&format!(
            "  {:<20} {value} {:<6} {}\n",
            c.name, c.unit, c.description
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PhysicsConfig, Preset};
    use crate::constraints::BoundSetName;
    use crate::model::boundary::MessengerInputs;
    use crate::models::mssm::{MssmEvaluator, MuSign};
    use crate::output::columns::VIABLE_COLUMNS;

    /// The gravitino columns of the MSSM-limit models are the HMZ ones (name, unit, meaning) and
    /// carry the solution's numbers: m_3/2 = F_0/(sqrt(3) M_P) with F_0 = Lambda M.
    #[test]
    fn gravitino_columns_speak_the_hmz_dialect() {
        let ev = MssmEvaluator::new(
            PhysicsConfig::preset(Preset::Consistent),
            BoundSetName::Lhc2025,
        );
        let (lambda_susy, m_mess) = (1.2e5, 3.0e5);
        let sol = ev
            .evaluate(&MssmInputs {
                messengers: MessengerInputs {
                    lambda_susy,
                    m_mess,
                    n5: 1.0,
                },
                tan_beta: 10.0,
                sign_mu: MuSign::Plus,
                m_top: 172.5,
            })
            .unwrap();
        let row: Vec<Cell> = cells(SOLUTION_COLUMNS, &sol).collect();
        let at = |name: &str| {
            let i = SOLUTION_COLUMNS.iter().position(|c| c.name == name);
            i.unwrap_or_else(|| panic!("no column {name}"))
        };
        for name in ["nlsp_kind", "m_gravitino", "nlsp_ctau", "br_chi1_photon"] {
            let ours = &SOLUTION_COLUMNS[at(name)];
            let hmz = VIABLE_COLUMNS.iter().find(|c| c.name == name).unwrap();
            assert_eq!(
                (ours.unit, ours.description),
                (hmz.unit, hmz.description),
                "{name}"
            );
        }
        let Cell::Float(m32) = row[at("m_gravitino")] else {
            panic!("m_gravitino is a number")
        };
        let expected = lambda_susy * m_mess / (3f64.sqrt() * 2.435e18);
        assert!((m32 / expected - 1.0).abs() < 1e-14, "{m32} vs {expected}");
        assert_eq!(row[at("nlsp_ctau")], Cell::from(sol.gravitino.nlsp_ctau_m));
        assert_eq!(
            row[at("br_chi1_photon")],
            Cell::from(sol.gravitino.br_photon)
        );
        // The kind agrees with the two-way `nlsp` column (no e_R co-NLSP here).
        assert_eq!(row[at("nlsp_kind")], row[at("nlsp")]);
    }

    /// One dialect (issue 19): a quantity both the HMZ schema and a model's schema have is one
    /// column name with one unit, and the models' old names of the HMZ quantities are gone.
    #[test]
    fn shared_quantities_have_the_hmz_name_and_unit() {
        let model: Vec<(&str, &str)> = [ID_COLUMN]
            .into_iter()
            .chain(crate::scan::model::docs(SOLUTION_COLUMNS))
            .chain(crate::scan::model::docs(MSSM_INPUT_COLUMNS))
            .chain(crate::scan::model::docs(DDR_INPUT_COLUMNS))
            .chain(crate::scan::model::docs(DDR_SOLVED_COLUMNS))
            .map(|c| (c.name, c.unit))
            .collect();
        let mut shared = 0;
        for (name, unit) in &model {
            if let Some(hmz) = VIABLE_COLUMNS.iter().find(|c| c.name == *name) {
                assert_eq!(hmz.unit, *unit, "{name}");
                shared += 1;
            }
        }
        assert!(shared >= 40, "only {shared} shared columns");
        for (old, new) in [
            ("fine_tuning_percent", "fine_tuning"),
            ("m_selectron_r", "m_sel_r"),
            ("m_sbottom1", "m_sbot1"),
            ("nlsp_is_stau", "nlsp"),
        ] {
            assert!(model.iter().all(|(n, _)| *n != old), "{old}");
            assert!(model.iter().any(|(n, _)| *n == new), "{new}");
            assert!(VIABLE_COLUMNS.iter().any(|c| c.name == new), "{new}");
        }
    }
}
