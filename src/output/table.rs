//! The readable table `gmsbscan point` prints: inputs, solved couplings, soft terms at Q, the
//! spectrum, mu, B_mu, NLSP and the verdict, optionally beside reference values (the paper's
//! Table I) with the relative deviation.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::spectrum::higgs::HiggsSpectrum;
use crate::point::{PointOutcome, Solution};

/// One printed quantity.
struct Row {
    /// Key matched against reference values (e.g. "mu", "stop1").
    key: &'static str,
    label: &'static str,
    value: f64,
    unit: &'static str,
}

fn row(key: &'static str, label: &'static str, value: f64, unit: &'static str) -> Row {
    Row {
        key,
        label,
        value,
        unit,
    }
}

/// Renders an outcome; `reference` holds optional comparison values by row key.
pub fn render_outcome(
    title: &str,
    outcome: &PointOutcome,
    reference: &BTreeMap<String, f64>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== {title}");
    let p = &outcome.inputs;
    let _ = writeln!(
        out,
        "inputs: tan(beta) = {}, <N> = {} GeV, <S> = {} GeV, Lambda = {} GeV, m_t = {} GeV, \
         lambda_S = {}, lambda_N = {}, k = {}, m_phi/<S> = {}",
        p.tan_beta,
        p.vev_n,
        p.vev_s,
        p.lambda_susy,
        p.m_top,
        p.lambda_s,
        p.lambda_n,
        p.k,
        p.m_phi_over_s
    );
    if let Some(f) = &outcome.failure {
        let _ = writeln!(out, "NO SOLUTION: {f}");
    }
    for sol in &outcome.solutions {
        render_solution(&mut out, sol, reference);
    }
    out
}

fn render_solution(out: &mut String, sol: &Solution, reference: &BTreeMap<String, f64>) {
    let e = &sol.ewsb;
    let _ = writeln!(
        out,
        "\n-- solution {} (solver {}, start {}, {} Q iterations, Q = {:.2} GeV, M = {:.0} GeV)",
        sol.index, e.solver, e.start, e.q_iterations, sol.q_scale, sol.m_mess
    );
    let _ = writeln!(
        out,
        "   scaled residuals dV/d(v_d, v_u, x): [{:.2e}, {:.2e}, {:.2e}]",
        e.scaled_residuals[0], e.scaled_residuals[1], e.scaled_residuals[2]
    );
    section(
        out,
        "couplings at Q (at M in brackets)",
        &coupling_rows(sol),
        reference,
    );
    section(
        out,
        "soft terms at Q (A-terms in the paper's convention)",
        &soft_rows(sol),
        reference,
    );
    section(out, "spectrum", &spectrum_rows(sol), reference);
    section(out, "derived", &derived_rows(sol), reference);
    let _ = writeln!(
        out,
        "   NLSP: {} ({})",
        sol.derived.nlsp,
        sol.derived.lhc.gravitino.nlsp.name()
    );
    match &sol.verdict {
        Ok(()) => {
            let _ = writeln!(out, "   verdict: VIABLE");
        }
        Err(r) => {
            let _ = writeln!(out, "   verdict: REJECTED ({r})");
        }
    }
}

fn section(out: &mut String, title: &str, rows: &[Row], reference: &BTreeMap<String, f64>) {
    let _ = writeln!(out, "   [{title}]");
    for r in rows {
        let value = format_value(r.value);
        match reference.get(r.key) {
            Some(&want) => {
                let dev = 100.0 * (r.value - want) / want.abs();
                let _ = writeln!(
                    out,
                    "   {:<28} {:>14} {:<6} paper {:>12}  ({:+.1} %)",
                    r.label,
                    value,
                    r.unit,
                    format_value(want),
                    dev
                );
            }
            None => {
                let _ = writeln!(out, "   {:<28} {:>14} {}", r.label, value, r.unit);
            }
        }
    }
}

fn format_value(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-2..1e6).contains(&a) {
        format!("{v:.4e}")
    } else {
        format!("{v:.4}")
    }
}

fn coupling_rows(sol: &Solution) -> Vec<Row> {
    let (q, m) = (&sol.couplings_q, &sol.couplings_m);
    vec![
        row("xi_n", "xi_N", q.xi_n, ""),
        row("xi_n_m", "  [xi_N(M)]", m.xi_n, ""),
        row("xi_s", "xi_S", q.xi_s, ""),
        row("eta_s", "eta_S", q.eta_s, ""),
        row("eta_n", "eta_N", q.eta_n, ""),
        row("lambda_s", "lambda_S", q.lambda_s, ""),
        row("lambda_n", "lambda_N", q.lambda_n, ""),
        row("lambda_n_m", "  [lambda_N(M)]", m.lambda_n, ""),
        row("k", "k", q.k, ""),
        row("k_m", "  [k(M)]", m.k, ""),
        row("ht", "h_t", q.ht, ""),
        row("g1", "g'", q.g1, ""),
        row("g2", "g_2", q.g2, ""),
        row("g3", "g_3", q.g3, ""),
        row("g3_m", "  [g_3(M)]", m.g3, ""),
        row("tan_beta_mz", "tan(beta)(M_Z)", sol.tan_beta_mz, ""),
    ]
}

fn soft_rows(sol: &Solution) -> Vec<Row> {
    let s = &sol.soft_q;
    vec![
        row("m1", "M_1", s.m1, "GeV"),
        row("m2", "M_2", s.m2, "GeV"),
        row("m3", "M_3", s.m3, "GeV"),
        row("m_hu2", "m_Hu^2", s.mhu, "GeV^2"),
        row("m_hd2", "m_Hd^2", s.mhd, "GeV^2"),
        row("m_n2", "m_N^2", s.mn, "GeV^2"),
        row("m_n2_m", "  [m_N^2(M)]", sol.soft_m.mn, "GeV^2"),
        row("a_lambda", "A_lambda", s.a_lambda_paper(), "GeV"),
        row("a_k", "A_k", s.a_k_paper(), "GeV"),
        row("a_t", "A_t", s.a_t_paper(), "GeV"),
        row("m_q3", "m_Q3^2", s.mq3, "GeV^2"),
        row("m_u3", "m_U3^2", s.mu3, "GeV^2"),
    ]
}

fn spectrum_rows(sol: &Solution) -> Vec<Row> {
    let sp = &sol.spectrum;
    let h = &sp.higgs;
    let sf = &sp.sfermions;
    let m = HiggsSpectrum::mass;
    vec![
        row("s1", "S_1 (h)", m(h.even_mass2[0]), "GeV"),
        row("s2", "S_2", m(h.even_mass2[1]), "GeV"),
        row("s3", "S_3", m(h.even_mass2[2]), "GeV"),
        row("m_h", "m_h (SM-like, switch higgs_mass)", sol.m_h, "GeV"),
        row("m_h_unc", "  m_h uncertainty", sol.m_h_uncertainty, "GeV"),
        row("p1", "P_1 (A)", m(h.odd_mass2[0]), "GeV"),
        row("p2", "P_2", m(h.odd_mass2[1]), "GeV"),
        row("h_charged", "H+", m(h.charged_mass2), "GeV"),
        row("chi1", "chi0_1", sp.neutralinos.masses[0], "GeV"),
        row("chi2", "chi0_2", sp.neutralinos.masses[1], "GeV"),
        row("chi3", "chi0_3", sp.neutralinos.masses[2], "GeV"),
        row("chi4", "chi0_4", sp.neutralinos.masses[3], "GeV"),
        row("chi5", "chi0_5", sp.neutralinos.masses[4], "GeV"),
        row("chargino1", "chi+_1", sp.charginos.masses[0], "GeV"),
        row("chargino2", "chi+_2", sp.charginos.masses[1], "GeV"),
        row("gluino", "gluino", sp.gluino, "GeV"),
        row("gluino_pole", "  [gluino pole]", sp.pole.gluino, "GeV"),
        row("stop1", "stop_1", m(sf.stop.mass2[0]), "GeV"),
        row("stop2", "stop_2", m(sf.stop.mass2[1]), "GeV"),
        row("sbottom1", "sbottom_1", m(sf.sbottom.mass2[0]), "GeV"),
        row("sbottom2", "sbottom_2", m(sf.sbottom.mass2[1]), "GeV"),
        row("stau1", "stau_1", m(sf.stau.mass2[0]), "GeV"),
        row("stau2", "stau_2", m(sf.stau.mass2[1]), "GeV"),
        row("selectron_r", "e_R", m(sf.selectron_r2), "GeV"),
        row("selectron_l", "e_L", m(sf.selectron_l2), "GeV"),
        row("sneutrino_e", "nu_e", m(sf.sneutrino_e2), "GeV"),
        row("sup_l", "u_L", m(sf.sup_l2), "GeV"),
        row("sup_r", "u_R", m(sf.sup_r2), "GeV"),
        row("sup_l_pole", "  [u_L pole]", sp.pole.sup_l, "GeV"),
        row("sup_r_pole", "  [u_R pole]", sp.pole.sup_r, "GeV"),
    ]
}

fn derived_rows(sol: &Solution) -> Vec<Row> {
    let d = &sol.derived;
    vec![
        row("mu", "mu", d.mu, "GeV"),
        row(
            "mu_relation",
            "mu (mu^2 relation)",
            d.mu_from_relation,
            "GeV",
        ),
        row("b_mu", "B_mu (eq. Bmu)", d.b_mu, "GeV^2"),
        row(
            "b_mu_sin2beta",
            "B_mu (sin 2beta relation)",
            d.b_mu_from_sin2beta,
            "GeV^2",
        ),
        row("b_param", "B = B_mu/mu", d.b_param, "GeV"),
        row(
            "fine_tuning",
            "fine-tuning M_Z^2/2mu^2",
            d.fine_tuning_percent,
            "%",
        ),
        row("chi1_over_stau1", "m_chi1/m_stau1", d.chi1_over_stau1, ""),
        row("tadpole_c", "tadpole c", d.tadpole_c, "GeV^3"),
        row("m_phi", "m_phi0", d.relic.m_phi, "GeV"),
        row("omega_h2", "Omega_phi h^2", d.relic.omega_h2, ""),
        row(
            "lambda_prime_min",
            "domain walls: lambda'_min",
            d.domain_wall.lambda_prime_min,
            "",
        ),
        row(
            "dw_ratio",
            "  (mu' y)^(1/3)/v",
            d.domain_wall.stability_ratio,
            "",
        ),
        row("gamma", "gamma (A^0-Im N)", d.lhc.gamma, "rad"),
        row(
            "sm_like",
            "SM-like state S_i",
            (d.lhc.sm_like_index + 1) as f64,
            "",
        ),
        row("xi2_sm", "  xi^2 (ZZ share)", d.lhc.sm_like_xi2, ""),
        row("m_gravitino", "gravitino mass", d.lhc.gravitino.mass, "GeV"),
        row("nlsp_ctau", "NLSP c tau", d.lhc.gravitino.nlsp_ctau_m, "m"),
        row(
            "m_phi_relic",
            "m_phi0 at Omega h^2 = 0.120",
            d.lhc.dm.m_phi_relic,
            "GeV",
        ),
        row(
            "dd_sigma_n",
            "  Z-exchange sigma_n",
            d.lhc.dm.sigma_n_cm2,
            "cm^2",
        ),
        row(
            "dd_split_kev",
            "  splitting to evade it",
            d.lhc.dm.split_needed_kev,
            "keV",
        ),
    ]
}
