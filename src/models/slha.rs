//! SUSY Les Houches Accord output (SLHA1 blocks; Skands et al., JHEP 0407 (2004) 036) for one
//! `mssm_gmsb` or `ddr` solution: a pure function to text, no file IO. Data lines start with a
//! space, reals in the C `%16.8E` style, every entry commented.
//!
//! Conventions: the program's are SLHA's (mu, trilinears, signed neutralino masses with a real
//! NMIX). Masses are tree-level running masses at Q (the lightest Higgs with the top/stop
//! Coleman-Weinberg term), said so in the file; `MINPAR 3` is tan(beta) at Q, not at M_Z (the
//! model's input is defined at Q). SMINPUTS is not written: the program's Standard-Model inputs
//! are DR-bar gauge couplings at M_Z and running masses at Q, not SLHA's.

use crate::output::slha::{format_e, signed_sqrt, Doc};

use super::ddr::{DdrInputs, DdrSolution};
use super::mssm::{MssmInputs, MssmSolution};

/// Which model a file is written for (MINPAR/EXTPAR differ).
pub enum SlhaModel<'a> {
    Mssm(&'a MssmInputs),
    Ddr(&'a DdrInputs, &'a DdrSolution),
}

/// SLHA text of a solution; a rejected solution's first failed check goes to SPINFO 4.
pub fn write_model_slha(model: &SlhaModel, sol: &MssmSolution, version: &str) -> String {
    let mut d = Doc::default();
    let q = sol.ewsb.q;
    d.line("# SLHA spectrum of gmsbscan (docs/models.md). Masses: tree-level running masses at Q");
    d.line("# (h0 with the top/stop Coleman-Weinberg term); MINPAR 3 is tan(beta) at Q.");
    d.block("SPINFO", "program information");
    d.line(" 1   gmsbscan   # spectrum calculator");
    d.line(&format!(" 2   {version}   # version"));
    if let Err(r) = &sol.verdict {
        d.line(&format!(" 4   {r}   # problem: the point is rejected"));
    }
    d.block("MODSEL", "model selection");
    d.line("     1     2   # gauge mediation");
    inputs(&mut d, model);
    masses(&mut d, sol);
    mixing(&mut d, sol, q);
    running(&mut d, sol, q);
    d.out
}

fn inputs(d: &mut Doc, model: &SlhaModel) {
    d.block("MINPAR", "input parameters");
    match model {
        SlhaModel::Mssm(p) => {
            d.real(1, p.messengers.lambda_susy, "Lambda = F/M");
            d.real(2, p.messengers.m_mess, "M_mess");
            d.real(3, p.tan_beta, "tan(beta) at Q");
            d.real(4, p.sign_mu.value(), "sign(mu)");
            d.real(5, p.messengers.n5, "N_5");
        }
        SlhaModel::Ddr(p, s) => {
            d.real(1, p.lambda_gm(), "Lambda = F/M = rho Lambda_s^2/<X>");
            d.real(2, p.m_mess(), "M_mess = rho <X>");
            d.real(3, s.tan_beta, "tan(beta) at Q (solved)");
            d.real(
                4,
                p.sign_mu.value(),
                "sign(mu) relative to the gaugino masses",
            );
            d.real(5, super::ddr::DDR_N5, "N_5");
            // Private EXTPAR entries: the DDR inputs and the solved lambda_1.
            d.block("EXTPAR", "DDR inputs (private entries)");
            d.real(101, p.rho, "rho");
            d.real(102, p.lambda, "lambda");
            d.real(103, p.lambda_2, "lambda_2");
            d.real(104, p.lambda_strong, "Lambda_s");
            d.real(105, p.vev_x, "<X>");
            d.real(106, s.lambda_1, "lambda_1 (solved)");
        }
    }
}

fn masses(d: &mut Doc, sol: &MssmSolution) {
    let sp = &sol.spectrum;
    let h = &sp.higgs;
    let sf = &sp.sfermions;
    let n = sp.ino_pole.neutralinos;
    let c = sp.ino_pole.charginos;
    let sp_pole = &sp.sfermion_pole;
    let m = |x: f64| signed_sqrt(x);
    d.block(
        "MASS",
        "one-loop pole masses of the gluino, light squarks, neutralinos, charginos, stops, staus, selectrons, e-sneutrino and A0; tree-level running masses at Q otherwise (sbottoms, tau-sneutrino; h0, H0, H+: with the CW terms)",
    );
    let entries: [(i64, f64, &str); 26] = [
        (25, m(h.h_mass2), "h0"),
        (35, m(h.heavy_mass2), "H0"),
        (36, sp.a_pole, "A0 (one-loop pole)"),
        (37, m(h.charged_mass2), "H+"),
        (1000021, sp.pole.gluino, "~g (one-loop pole)"),
        (1000022, n[0], "~chi_10 (one-loop pole)"),
        (1000023, n[1], "~chi_20 (one-loop pole)"),
        (1000025, n[2], "~chi_30 (one-loop pole)"),
        (1000035, n[3], "~chi_40 (one-loop pole)"),
        (1000024, c[0], "~chi_1+ (one-loop pole)"),
        (1000037, c[1], "~chi_2+ (one-loop pole)"),
        (1000001, sp.pole.sdown_l, "~d_L (SUSY-QCD pole)"),
        (1000002, sp.pole.sup_l, "~u_L (SUSY-QCD pole)"),
        (2000001, sp.pole.sdown_r, "~d_R (SUSY-QCD pole)"),
        (2000002, sp.pole.sup_r, "~u_R (SUSY-QCD pole)"),
        (1000005, m(sf.sbottom.mass2[0]), "~b_1"),
        (2000005, m(sf.sbottom.mass2[1]), "~b_2"),
        (1000006, sp_pole.stop[0], "~t_1 (one-loop pole)"),
        (2000006, sp_pole.stop[1], "~t_2 (one-loop pole)"),
        (1000011, sp_pole.selectron_l, "~e_L (one-loop pole)"),
        (2000011, sp_pole.selectron_r, "~e_R (one-loop pole)"),
        (1000012, sp_pole.sneutrino_e, "~nu_eL (one-loop pole)"),
        (1000015, sp_pole.stau[0], "~tau_1 (one-loop pole)"),
        (2000015, sp_pole.stau[1], "~tau_2 (one-loop pole)"),
        (1000016, m(sf.sneutrino_tau2), "~nu_tauL"),
        (
            1000013,
            sp_pole.selectron_l,
            "~mu_L (= ~e_L, one-loop pole)",
        ),
    ];
    for (pdg, v, name) in entries {
        d.mass(pdg, v, name);
    }
}

fn mixing(d: &mut Doc, sol: &MssmSolution, q: f64) {
    let sp = &sol.spectrum;
    d.square(
        "NMIX",
        q,
        "neutralino mixing, basis (B~, W~3, H~d, H~u)",
        &sp.neutralinos.mixing,
    );
    d.square("UMIX", q, "chargino U", &sp.charginos.u);
    d.square("VMIX", q, "chargino V", &sp.charginos.v);
    d.square(
        "STOPMIX",
        q,
        "stop mixing (t_L, t_R)",
        &sp.sfermions.stop.mixing,
    );
    d.square(
        "SBOTMIX",
        q,
        "sbottom mixing (b_L, b_R)",
        &sp.sfermions.sbottom.mixing,
    );
    d.square(
        "STAUMIX",
        q,
        "stau mixing (tau_L, tau_R)",
        &sp.sfermions.stau.mixing,
    );
    d.block("ALPHA", "CP-even Higgs mixing angle");
    d.line(&format!("     {}   # alpha", format_e(sp.higgs.alpha)));
}

fn running(d: &mut Doc, sol: &MssmSolution, q: f64) {
    let e = &sol.ewsb;
    let c = sol.couplings_q();
    let s = sol.soft_q();
    // v from M_Z^2 = (g'^2 + g^2) v^2/2 (v = 174 GeV normalisation); SLHA's v is sqrt(2) larger.
    let v = (e.mz2 * 2.0 / (c.g1 * c.g1 + c.g2 * c.g2)).sqrt();
    let tb = e.tan_beta;
    d.block_q("HMIX", q, "Higgs parameters at Q");
    d.real(1, e.mu, "mu");
    d.real(2, tb, "tan(beta)");
    d.real(
        3,
        v * std::f64::consts::SQRT_2,
        "v (SLHA normalisation, sqrt(2) x 174 GeV)",
    );
    d.real(
        4,
        e.b_mu * (1.0 + tb * tb) / tb,
        "m_A^2 = 2 B_mu/sin(2 beta) (tree level)",
    );
    d.block_q("GAUGE", q, "running gauge couplings");
    d.real(1, c.g1, "g'");
    d.real(2, c.g2, "g");
    d.real(3, c.g3, "g_3");
    d.block_q("MSOFT", q, "soft SUSY-breaking parameters");
    let soft: [(i64, f64, &str); 15] = [
        (1, s.m1, "M_1"),
        (2, s.m2, "M_2"),
        (3, s.m3, "M_3"),
        (21, s.mhd, "m_Hd^2"),
        (22, s.mhu, "m_Hu^2"),
        (31, s.ml1.sqrt(), "m_eL"),
        (33, s.ml3.sqrt(), "m_tauL"),
        (34, s.me1.sqrt(), "m_eR"),
        (36, s.me3.sqrt(), "m_tauR"),
        (41, s.mq1.sqrt(), "m_qL1"),
        (43, s.mq3.sqrt(), "m_qL3"),
        (44, s.mu1.sqrt(), "m_uR"),
        (46, s.mu3.sqrt(), "m_tR"),
        (47, s.md1.sqrt(), "m_dR"),
        (49, s.md3.sqrt(), "m_bR"),
    ];
    for (i, x, name) in soft {
        d.real(i, x, name);
    }
    for (name, a, what) in [
        ("AU", s.a_t, "A_t"),
        ("AD", s.a_b, "A_b"),
        ("AE", s.a_tau, "A_tau"),
    ] {
        d.block_q(name, q, "trilinear (SLHA sign)");
        d.matrix(3, 3, a, what);
    }
    for (name, y, what) in [
        ("YU", c.ht, "y_t"),
        ("YD", c.hb, "y_b"),
        ("YE", c.htau, "y_tau"),
    ] {
        d.block_q(name, q, "Yukawa coupling");
        d.matrix(3, 3, y, what);
    }
}
