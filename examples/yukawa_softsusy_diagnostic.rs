//! Diagnostic of the h_t(Q) gap against SOFTSUSY 4.1.22 (issue 17; docs/physics.md section 3,
//! "Top Yukawa against SOFTSUSY"). Not a program path: it reads the two SOFTSUSY fixtures and
//! separates the gap between our h_t(Q) (model::yukawa::matched_yukawas: SM running M_t -> Q,
//! thresholds at Q) and SOFTSUSY's (one-loop + two-loop-QCD matching at its matching scale M_t,
//! MSSM two-loop running M_t -> Q) into
//!
//! - D_match: our matching evaluated at SOFTSUSY's matching scale M_t, with SOFTSUSY's running
//!   parameters there (tests/data/softsusy_top_matching.toml), against SOFTSUSY's h_t(M_t): the two
//!   fixed-order matchings side by side, split exactly (the sum is asserted) into QCD (our
//!   O(alpha_s^3) term; our two-loop conversion with the SM against SOFTSUSY's MSSM alpha_s(M_t);
//!   the rest), SUSY-QCD, electroweak inos, electroweak/vev (detailed in a second table) and
//!   `order` (our product of factors against SOFTSUSY's linear sum of self-energies);
//! - like-for-like: D_match without the two QCD choices of SOFTSUSY that ours improves on (ours
//!   with SOFTSUSY's two-loop conversion and MSSM alpha_s switched in);
//! - D_run = D_total - D_match: ours' h_t(Q)/h_t(M_t) against SOFTSUSY's: the difference between
//!   running in the SM to Q and matching there (the sparticle logarithms resummed) and fixed-order
//!   sparticle logarithms at M_t followed by MSSM running (cause (i) of the issue).
//!
//! - check of the MSSM running: SOFTSUSY's own h_t(M_t) run to Q with the library's two-loop MSSM
//!   RGEs (model::yukawa_fixed_order's run) against its h_t(Q): whether D_run is the running or the
//!   matching scale. `ours@M_t+MSSM` is our matching at M_t run the same way: SOFTSUSY's procedure
//!   with our matching, and `D_scale` = ours at Q against it (our own matching-scale dependence).
//!
//! Usage: `cargo run --release --example yukawa_softsusy_diagnostic`. Prints one table; all
//! differences are `100 ln(ours/SOFTSUSY)` [%].

use std::f64::consts::{PI, SQRT_2};

use gmsbscan::config::SmInputs;
use gmsbscan::model::higgs_mass::z_self_energy::{run_with_vevs, VEV_RUN_STEP};
use gmsbscan::model::params::{Couplings, SoftTerms};
use gmsbscan::model::rge::{RgeOptions, RgeState};
use gmsbscan::model::yukawa::{
    alpha_s_five_flavour, drbar_conversion, matched_yukawas, top_pole_to_msbar_qcd, vev_fermi,
    y_top_at_pole, ThresholdSpectrum, YukawaCharges,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    point: Vec<toml::Table>,
}

fn get(t: &toml::Table, key: &str) -> f64 {
    match &t[key] {
        toml::Value::Float(x) => *x,
        toml::Value::Integer(i) => *i as f64,
        v => panic!("{key}: {v:?}"),
    }
}

/// The top pole mass of the SOFTSUSY cards (SMINPUTS 6).
const M_TOP_POLE: f64 = 173.1;

fn spectrum(p: &toml::Table, suffix: &str) -> ThresholdSpectrum {
    let g = |k: &str| get(p, &format!("{k}{suffix}"));
    ThresholdSpectrum {
        m1: g("m1"),
        m2: g("m2"),
        m3: g("m3"),
        mu: g("mu"),
        a_t: g("a_t"),
        mq3: g("m_q3").powi(2),
        mu3: g("m_u3").powi(2),
        md3: g("m_d3").powi(2),
        ml3: g("m_l3").powi(2),
        me3: g("m_e3").powi(2),
    }
}

/// SM `(g'^2, g_2^2)` at `mu`, DR-bar: the MS-bar values at M_Z from `alpha_em`, `sin^2 theta_W`
/// run at one loop, and `1/alpha_2^DR = 1/alpha_2^MS - C(G)/12pi` with C(SU(2)) = 2.
fn sm_gauge_drbar_at(mu: f64, sm: &SmInputs) -> [f64; 2] {
    let e2 = 4.0 * PI / sm.alpha_em_inv_mz;
    let (gp2, g22) = (e2 / (1.0 - sm.sin2_theta_w_mz), e2 / sm.sin2_theta_w_mz);
    let t = (mu / sm.mz).ln() / (16.0 * PI * PI);
    let run = |g2: f64, b: f64| 1.0 / (1.0 / g2 - 2.0 * b * t);
    let (gp2, g22) = (run(gp2, 41.0 / 6.0), run(g22, -19.0 / 6.0));
    let alpha2 = g22 / (4.0 * PI);
    [gp2, 4.0 * PI / (1.0 / alpha2 - 2.0 / (12.0 * PI))]
}

/// The MSSM running of the couplings from `mu0` to `mu1`: the library's run
/// (model::higgs_mass::z_self_energy::run_with_vevs, as model::yukawa_fixed_order runs them) with
/// the two-loop MSSM gauge and Yukawa RGEs (they do not depend on the soft terms, left at zero).
/// `y` = (g', g_2, g_3, h_t, h_b, h_tau); returns h_t at `mu1`.
fn run_mssm_ht(y: [f64; 6], tan_beta: f64, v: f64, mu0: f64, mu1: f64) -> f64 {
    let [gp, g2, g3, ht, hb, htau] = y;
    let state = RgeState {
        couplings: Couplings {
            xi_s: 1.0,
            ..Couplings::gauge_and_yukawas([gp, g2, g3], [ht, hb, htau])
        },
        soft: SoftTerms::default(),
    };
    let opts = RgeOptions::two_loop_consistent();
    let beta = tan_beta.atan();
    let (out, _) = run_with_vevs(
        &state,
        [v * beta.cos(), v * beta.sin(), 1.0],
        (mu0, mu1),
        &opts,
        VEV_RUN_STEP,
    );
    out.couplings.ht
}

fn main() {
    let at_q: Fixture =
        toml::from_str(include_str!("../tests/data/softsusy_mssm_gmsb.toml")).expect("parses");
    let at_mt: Fixture =
        toml::from_str(include_str!("../tests/data/softsusy_top_matching.toml")).expect("parses");
    let sm = SmInputs::default();
    let pct = |x: f64| 100.0 * x;
    let (mut runs, mut rows, mut ew_rows, mut vev_rows) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (pq, pm) in at_q.point.iter().zip(&at_mt.point) {
        let name = pq["name"].as_str().unwrap();
        assert_eq!(name, pm["name"].as_str().unwrap());
        let q = get(pq, "q");
        // Ours at Q (as tests/yukawa_softsusy.rs) and at M_t with SOFTSUSY's parameters there.
        let ours_q = matched_yukawas(
            q,
            get(pq, "tan_beta_q"),
            M_TOP_POLE,
            &sm,
            [get(pq, "g_prime_q"), get(pq, "g2_q"), get(pq, "g3_q")],
            &spectrum(pq, "_q"),
        );
        let tb = get(pm, "tan_beta");
        let ours_mt = matched_yukawas(
            M_TOP_POLE,
            tb,
            M_TOP_POLE,
            &sm,
            [get(pm, "g_prime"), get(pm, "g2"), get(pm, "g3")],
            &spectrum(pm, ""),
        );
        let d_total = (ours_q.ht / get(pq, "yt_q")).ln();
        let d_match = (ours_mt.ht / get(pm, "yt")).ln();
        let d_run = d_total - d_match;
        // SOFTSUSY's h_t(M_t) and ours at M_t, each run to Q in the MSSM with SOFTSUSY's couplings.
        let start = |ht: f64| {
            [
                get(pm, "g_prime"),
                get(pm, "g2"),
                get(pm, "g3"),
                ht,
                get(pm, "yb"),
                get(pm, "ytau"),
            ]
        };
        let (tb_mt, v_mt) = (get(pm, "tan_beta"), get(pm, "vev"));
        let ss_run = run_mssm_ht(start(get(pm, "yt")), tb_mt, v_mt, M_TOP_POLE, q);
        let ours_run = run_mssm_ht(start(ours_mt.ht), tb_mt, v_mt, M_TOP_POLE, q);
        let d_mssm_running = (ss_run / get(pq, "yt_q")).ln();
        let d_scale = (ours_q.ht / ours_run).ln();
        runs.push(format!(
            "{name}  SOFTSUSY h_t(M_t) {:.5} -> Q: {ss_run:.5} vs its h_t(Q) {:.5} ({:+.2} %); \
             ours@M_t+MSSM {ours_run:.5}; D_scale (ours at Q vs ours@M_t+MSSM) {:+.2} %",
            get(pm, "yt"),
            get(pq, "yt_q"),
            pct(d_mssm_running),
            pct(d_scale)
        ));

        // Piece by piece at M_t, in 100 ln(ours/SOFTSUSY) with an exact sum:
        //   ours:     h_t sin(b) = y_t^SM(M_t) c_DR (1 + S),  S = delta_t + delta_t_ew + delta_h,
        //   SOFTSUSY: h_t sin(b) = M_t (1 + Sigma)/v(M_t),   Sigma = the calcRunningMt pieces,
        // so D_match = QCD + SUSY-QCD + EW-inos + EW/vev + order, with
        //   QCD    = ln(1 + Q3) + ln(1 - alpha_s/3pi) - ln(1 + qcd_1l + qcd_2l)   (Q3: three-loop
        //            pole -> MS-bar; alpha_s the SM one),
        //   EW/vev = E + ln(1 + c_EW) + delta_h - higgs + ln(v(M_t)/v_GF)   (E: the electroweak part
        //            of the Buttazzo fit, y_t v_GF/(M_t (1 + Q3)); c_EW the electroweak MS-bar ->
        //            DR-bar conversion),
        //   order  = [ln(1 + S) - S] - [ln(1 + Sigma) - ln(1 + Sigma_QCD) - (Sigma - Sigma_QCD)]:
        //            ours multiplies the QCD conversion by the thresholds, SOFTSUSY adds them (the
        //            QCD x threshold cross term, part of the two-loop SUSY-QCD it leaves out).
        let v_gf = vev_fermi(&sm) / SQRT_2;
        let alpha_sm = alpha_s_five_flavour(M_TOP_POLE, &sm);
        let a_sm = alpha_sm / PI;
        let qcd3 = top_pole_to_msbar_qcd(a_sm);
        let q3: f64 = qcd3.iter().sum();
        let y_sm = y_top_at_pole(M_TOP_POLE, sm.alpha_s_mz);
        let c_qcd = -alpha_sm / (3.0 * PI);
        let gauge_mt = [
            (4.0 * PI * alpha_sm).sqrt(),
            get(pm, "g2"),
            get(pm, "g_prime"),
        ];
        let c_dr = 1.0 + drbar_conversion(&YukawaCharges::TOP, gauge_mt);
        let s_ours = ours_mt.delta_t + ours_mt.delta_t_ew + ours_mt.delta_h;
        let sigma = [
            "qcd_1l",
            "qcd_2l",
            "stop_gluino",
            "higgs",
            "neutralinos",
            "charginos",
        ]
        .iter()
        .map(|k| get(pm, k))
        .sum::<f64>();
        let ss_qcd = get(pm, "qcd_1l") + get(pm, "qcd_2l");
        let qcd = (1.0 + q3).ln() + (1.0 + c_qcd).ln() - (1.0 + ss_qcd).ln();
        let sqcd = ours_mt.delta_t - get(pm, "stop_gluino");
        let inos = ours_mt.delta_t_ew - get(pm, "neutralinos") - get(pm, "charginos");
        let e_fit = (y_sm * v_gf / M_TOP_POLE).ln() - (1.0 + q3).ln();
        let c_ew = (c_dr / (1.0 + c_qcd)).ln();
        let v_ss = (get(pm, "vev") / v_gf).ln();
        let ew = e_fit + c_ew + ours_mt.delta_h - get(pm, "higgs") + v_ss;
        let order = ((1.0 + s_ours).ln() - s_ours)
            - ((1.0 + sigma).ln() - (1.0 + ss_qcd).ln() - (sigma - ss_qcd));
        let closure = d_match - (qcd + sqcd + inos + ew + order);
        // (SOFTSUSY's h_t and its pieces agree to its printed digits and convergence, ~1e-9.)
        assert!(
            closure.abs() < 1e-6,
            "{name}: decomposition misses {closure:e}"
        );
        // The QCD piece split: our O(alpha_s^3) term (SOFTSUSY stops at two loops), then our
        // two-loop conversion with SOFTSUSY's MSSM alpha_s(M_t) instead of the SM one.
        let two_loop = |a: f64| {
            (1.0 + top_pole_to_msbar_qcd(a)[..2].iter().sum::<f64>()).ln() + (1.0 - a / 3.0).ln()
        };
        let a_mssm = get(pm, "g3").powi(2) / (4.0 * PI * PI);
        let qcd_a3 = (1.0 + q3).ln() - (1.0 + q3 - qcd3[2]).ln();
        let qcd_alpha = two_loop(a_sm) - two_loop(a_mssm);
        let qcd_rest = qcd - qcd_a3 - qcd_alpha;
        // Like for like: ours with SOFTSUSY's QCD choices (two loops, MSSM alpha_s at M_t), and
        // also with its sum instead of our product.
        let like = d_match - qcd_a3 - qcd_alpha;
        let like_sum = like - order;
        // ... and with SOFTSUSY's two-loop QCD as written (its running-m_t logarithm): only the
        // threshold rows remain.
        let like_all = sqcd + inos + ew;
        rows.push(format!(
            "{name}  {q:7.1}  {:+6.2}  {:+6.2}  {:+6.2} | {:+6.2} {:+6.2} {:+6.2} | {:+6.2} {:+6.2} \
             {:+6.2} {:+6.2} | {:+6.2} {:+6.2} {:+6.2}",
            pct(d_total),
            pct(d_match),
            pct(d_run),
            pct(qcd_a3),
            pct(qcd_alpha),
            pct(qcd_rest),
            pct(sqcd),
            pct(inos),
            pct(ew),
            pct(order),
            pct(like),
            pct(like_sum),
            pct(like_all),
        ));
        // SOFTSUSY's v(M_t) split: v^2 = 4 (M_Z^2 + Pi_ZZ)/(g^2 + g'^2). Its SM-like part takes
        // the top, W/Z and Higgs Pi_ZZ and the SM DR-bar g, g' at M_t; the SUSY part is the rest
        // (sfermion and ino Pi_ZZ, the sparticle thresholds of its MSSM g, g'), to be set against our
        // delta_h.
        let [gp2_sm, g22_sm] = sm_gauge_drbar_at(M_TOP_POLE, &sm);
        let ln_v = |pizz: f64, gsum: f64| {
            0.5 * (4.0 * (sm.mz * sm.mz + pizz) / (gsum * (2.0 * v_gf * v_gf))).ln()
        };
        let gsum_mssm = get(pm, "g2").powi(2) + get(pm, "g_prime").powi(2);
        let v_ss_check = ln_v(get(pm, "pizz_total"), gsum_mssm);
        assert!(
            (v_ss_check - v_ss).abs() < 2e-4,
            "{name}: v(M_t) from Pi_ZZ {v_ss_check} vs {v_ss}"
        );
        let v_sm_like = ln_v(
            get(pm, "pizz_higgs") + get(pm, "pizz_fermions"),
            gp2_sm + g22_sm,
        );
        let ss_sm_like = get(pm, "higgs") - v_sm_like;
        let ss_susy = -(v_ss - v_sm_like);
        vev_rows.push(format!(
            "{name}  SOFTSUSY SM-like {:+.3} vs ours fit EW + c_EW {:+.3}: {:+.3} | SOFTSUSY SUSY part \
             of v {:+.3} vs our delta_h {:+.3}: {:+.3}",
            pct(ss_sm_like),
            pct(e_fit + c_ew),
            pct(e_fit + c_ew - ss_sm_like),
            pct(ss_susy),
            pct(ours_mt.delta_h),
            pct(ours_mt.delta_h - ss_susy),
        ));
        ew_rows.push(format!(
            "{name}  ours: fit EW {:+.3}, c_EW {:+.3}, delta_h {:+.3} = {:+.3} | SOFTSUSY: higgs \
             {:+.3}, -ln(v(M_t)/v_GF) {:+.3} = {:+.3}",
            pct(e_fit),
            pct(c_ew),
            pct(ours_mt.delta_h),
            pct(e_fit + c_ew + ours_mt.delta_h),
            pct(get(pm, "higgs")),
            -pct(v_ss),
            pct(get(pm, "higgs") - v_ss),
        ));
    }
    println!(
        "point  Q[GeV]  D_total  D_match  D_run | QCD: a^3  alpha_s  rest | SUSY-QCD  EW-inos  \
         EW/vev  order | like-for-like: QCD, +order, +rest"
    );
    for line in rows {
        println!("{line}");
    }
    println!("EW/vev piece at M_t [%]:");
    for line in ew_rows {
        println!("{line}");
    }
    println!(
        "EW/vev split of SOFTSUSY's m_t/v (Pi_ZZ by sector; SM-like: top, W/Z, Higgs loops with the SM \
         DR-bar g, g' at M_t) [%]:"
    );
    for line in vev_rows {
        println!("{line}");
    }
    for line in runs {
        println!("{line}");
    }
}
