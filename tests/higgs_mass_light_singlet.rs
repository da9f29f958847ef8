//! The light-singlet regime of the Higgs mass (model::higgs_mass::fixed_order; docs/physics.md 7b)
//! against SOFTSUSY 4.1.22's Z3 NMSSM at four points with a CP-even singlet below the SM-like state
//! (tests/data/softsusy_nmssm_light_singlet.csv, provenance in its header), and the agreement of
//! the two regimes where both apply.
//!
//! Each point is put into this program's potential as the Z3 NMSSM it contains (lambda = lambda_N,
//! kappa = k, A_lambda = a_lambda, A_kappa = a_k, mu_eff = lambda_N x; every other singlet-sector
//! coupling, F_S and the messenger pieces zero; docs/physics.md section 2), with SOFTSUSY's DR-bar
//! parameters at its Q and the Higgs soft masses fixed by the one-loop minimum, as SOFTSUSY does.

use gmsbscan::config::MessengerMatching;

use gmsbscan::model::higgs_mass::fixed_order::{
    at_drbar_vev, light_singlet_mass, reported_mass, singlet_near, LightSingletInputs, StopSector,
};
use gmsbscan::model::higgs_mass::ino_loops::InoSector;
use gmsbscan::model::higgs_mass::matching::yt_mssm_like;
use gmsbscan::model::higgs_mass::scalar_loops::ScalarSector;
use gmsbscan::model::higgs_mass::z_self_energy::{
    drbar_vev, drbar_vev_from_mz, RunningAtQ, VevFromMzInputs, ZSelfEnergyInputs,
};
use gmsbscan::model::higgs_mass::{higgs_mass, sm_couplings_at, HiggsMassSettings, SusyParameters};
use gmsbscan::model::params::Couplings;
use gmsbscan::model::params::SoftTerms;
use gmsbscan::model::potential::{
    mass_matrix, stationarity, PotentialParams, SbottomStau, SingletCouplings,
};
use gmsbscan::model::rge::{RgeOptions, RgeState};
use gmsbscan::model::spectrum::chargino::charginos;
use gmsbscan::model::spectrum::higgs::higgs_spectrum;
use gmsbscan::model::spectrum::neutralino::{neutralinos, NeutralinoInputs};
use gmsbscan::model::spectrum::sfermion::{sfermions, SfermionInputs};

struct Point {
    name: String,
    f: std::collections::HashMap<String, f64>,
}

/// The points of a fixture in the columns of tests/data/softsusy_nmssm_light_singlet.csv (the
/// reference code's DR-bar parameters at its Q and its CP-even pole masses).
fn points_of(text: &str) -> Vec<Point> {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            let w: Vec<&str> = l.split(',').collect();
            Point {
                name: w[0].to_string(),
                f: header[1..]
                    .iter()
                    .zip(&w[1..])
                    .map(|(h, v)| (h.to_string(), v.parse().unwrap()))
                    .collect(),
            }
        })
        .collect()
}

fn points() -> Vec<Point> {
    points_of(include_str!("data/softsusy_nmssm_light_singlet.csv"))
}

/// The reference code's SM-like and singlet-like CP-even pole masses [GeV] (by NMHMIX(i,3)^2).
fn reference_masses(p: &Point) -> (f64, f64) {
    if p.f["singlet2_h1"] > 0.5 {
        (p.f["m_h2"], p.f["m_h1"])
    } else {
        (p.f["m_h1"], p.f["m_h2"])
    }
}

/// What this program computes at one point.
struct Ours {
    /// One-loop CP-even masses of the singlet-like and the SM-like state [GeV].
    m_singlet_1l: f64,
    m_h_1l: f64,
    /// Fixed order: SM-like mass [GeV] at this program's DR-bar v(Q) (the reported mass) and at
    /// SOFTSUSY's v(Q).
    m_fo: f64,
    m_fo_softsusy_v: f64,
    /// This program's v(Q) from the one-loop Pi_ZZ at M_Z run up (the reported mass's), from
    /// Pi_ZZ at Q, and SOFTSUSY's [GeV] (246 normalisation).
    v_q: f64,
    v_q_at_q: f64,
    v_softsusy: f64,
    /// EFT mass and uncertainty [GeV].
    m_eft: f64,
    unc_eft: f64,
}

fn ours(p: &Point) -> Ours {
    ours_with(p, &[])
}

/// [`ours`] with some of the point's parameters replaced.
fn ours_with(p: &Point, overrides: &[(&str, f64)]) -> Ours {
    let g = |k: &str| {
        overrides
            .iter()
            .find(|(name, _)| *name == k)
            .map_or(p.f[k], |&(_, v)| v)
    };
    let (tb, q) = (g("tan_beta"), g("q"));
    let v = g("vev") / 2f64.sqrt();
    let (sb, cb) = (tb.atan().sin(), tb.atan().cos());
    let vevs = [v * cb, v * sb, g("mu_eff") / g("lambda")];
    let c = SingletCouplings {
        xi_n: 0.0,
        eta_s: 0.0,
        eta_n: 0.0,
        lambda_s: 0.0,
        lambda_n: g("lambda"),
        k: g("kappa"),
    };
    let mut params = PotentialParams {
        g1: g("g_prime"),
        g2: g("g2"),
        ht: g("yt"),
        y: 0.0,
        f_s: 0.0,
        xi_s: 0.0,
        tadpole_unit: 0.0,
        fs: None,
        m_hu2: 0.0,
        m_hd2: 0.0,
        m_n2: 0.0,
        a_lambda: g("a_lambda"),
        a_k: g("a_kappa"),
        a_t: g("a_t"),
        m_q3: g("mq3").powi(2),
        m_u3: g("mu3").powi(2),
        q,
        include_dv: true,
        sbottom_stau: Some(SbottomStau {
            hb: g("yb"),
            htau: g("ytau"),
            a_b: g("a_b"),
            a_tau: g("a_tau"),
            m_d3: g("md3").powi(2),
            m_l3: g("ml3").powi(2),
            m_e3: g("me3").powi(2),
        }),
        matching: MessengerMatching::all(false),
    };
    // Soft masses from the one-loop minimum (V contains m_i^2 v_i^2: dV/dv_i shifts by 2 m_i^2 v_i).
    let grad = stationarity(vevs, &c, &params).gradient;
    params.m_hd2 = -grad[0] / (2.0 * vevs[0]);
    params.m_hu2 = -grad[1] / (2.0 * vevs[1]);
    params.m_n2 = -grad[2] / (2.0 * vevs[2]);
    let residual = stationarity(vevs, &c, &params).scaled();
    assert!(residual.iter().all(|r| r.abs() < 1e-10), "{residual:?}");
    let m = mass_matrix(vevs, &c, &params);
    let even: [[f64; 3]; 3] = std::array::from_fn(|i| std::array::from_fn(|j| m[(i, j)]));
    let eig = nalgebra::SymmetricEigen::new(nalgebra::Matrix3::from_fn(|i, j| even[i][j]));
    let pick = |share: &dyn Fn(usize) -> f64| {
        let k = (0..3)
            .max_by(|&a, &b| share(a).total_cmp(&share(b)))
            .unwrap();
        eig.eigenvalues[k].sqrt()
    };
    let col = |k: usize| eig.eigenvectors.column(k).into_owned();
    let m_singlet_1l = pick(&|k| col(k)[2].powi(2));
    let m_h_1l = pick(&|k| (col(k)[0] * cb + col(k)[1] * sb).powi(2));

    // The EFT: the tree-level quartic beyond the MSSM D-term from the tree-level matrix with
    // tree-level-consistent soft masses, as the point builder does.
    let tree_params = PotentialParams {
        include_dv: false,
        ..params.clone()
    };
    let st = stationarity(vevs, &c, &tree_params);
    let mt = mass_matrix(vevs, &c, &tree_params);
    let tree = nalgebra::Matrix3::from_fn(|i, j| {
        mt[(i, j)]
            - if i == j {
                st.gradient[i] / (2.0 * vevs[i])
            } else {
                0.0
            }
    });
    let te = nalgebra::SymmetricEigen::new(tree);
    let k = (0..3)
        .max_by(|&a, &b| {
            let s = |k: usize| {
                let c = te.eigenvectors.column(k);
                (c[0] * cb + c[1] * sb).powi(2)
            };
            s(a).total_cmp(&s(b))
        })
        .unwrap();
    let v2 = 2.0 * v * v;
    let c2b = (1.0 - tb * tb) / (1.0 + tb * tb);
    let d_term = 0.25 * (g("g2").powi(2) + g("g_prime").powi(2)) * c2b * c2b;
    let ms2 = 1500f64.powi(2);
    let susy = SusyParameters {
        tan_beta: tb,
        mu: g("mu_eff"),
        // The heavy doublet: the largest one-loop CP-even mass.
        m_a: eig.eigenvalues.max().sqrt(),
        // M_1, M_2 of the SOFTSUSY inputs (fixture header).
        m1: 500.0,
        m2: 800.0,
        m3: g("m3"),
        mq3_2: g("mq3").powi(2),
        mu3_2: g("mu3").powi(2),
        md3_2: g("md3").powi(2),
        ml3_2: g("ml3").powi(2),
        me3_2: g("me3").powi(2),
        mq12_2: ms2,
        mu12_2: ms2,
        md12_2: ms2,
        ml12_2: ms2,
        me12_2: ms2,
        a_t: g("a_t"),
        a_b: g("a_b"),
        a_tau: g("a_tau"),
        lambda_tree_extra: te.eigenvalues[k] / v2 - d_term,
    };
    let settings = HiggsMassSettings::default();
    let eft = higgs_mass(&susy, q, &settings).unwrap();
    let up = sm_couplings_at(q, &settings, eft.m_h).unwrap();
    let fo_at = |vevs: [f64; 3], params: &PotentialParams, even: [[f64; 3]; 3]| {
        light_singlet_mass(&LightSingletInputs {
            even_one_loop: even,
            vevs,
            stops_model: StopSector {
                ht: g("yt"),
                g3: g("g3"),
                mq2: g("mq3").powi(2),
                mu2: g("mu3").powi(2),
                a_t: g("a_t"),
                m3: g("m3"),
                mu: g("mu_eff"),
                dmu_dx: g("lambda"),
                q,
            },
            ht_eft: yt_mssm_like(up.yt, up.g3, &susy, q) / sb,
            g3_eft: up.g3,
            scalars: ScalarSector::from_potential(vevs, &c, params),
            inos: InoSector {
                m1: 500.0,
                m2: 800.0,
                g1: g("g_prime"),
                g2: g("g2"),
                lambda_n: g("lambda"),
                mu: g("mu_eff"),
                dmu_dx: g("lambda"),
                // Z3 NMSSM: the singlino mass 2 kappa s (SLHA2), s = mu_eff/lambda.
                singlino_mass: 2.0 * g("kappa") * vevs[2],
                dsinglino_dx: 2.0 * g("kappa"),
            },
        })
        .m_h
    };
    // v(Q) from the one-loop Pi_ZZ at Q (until session 29; reported for comparison), with the
    // spectrum at the reference code's parameters (the tree-level sfermion, neutralino and chargino
    // matrices, the one-loop Higgs masses).
    let [v_d, v_u, x] = vevs;
    let ms2 = 1500f64.powi(2);
    let soft = SoftTerms {
        m1: 500.0,
        m2: 800.0,
        m3: g("m3"),
        a_t: g("a_t"),
        a_b: g("a_b"),
        a_tau: g("a_tau"),
        mq3: g("mq3").powi(2),
        mu3: g("mu3").powi(2),
        md3: g("md3").powi(2),
        ml3: g("ml3").powi(2),
        me3: g("me3").powi(2),
        mq1: ms2,
        mu1: ms2,
        md1: ms2,
        ml1: ms2,
        me1: ms2,
        ..SoftTerms::default()
    };
    let (m_top, m_bottom, m_tau) = (g("yt") * v_u, g("yb") * v_d, g("ytau") * v_d);
    let higgs = higgs_spectrum(&m, tb);
    let v_q_at_q = drbar_vev(&ZSelfEnergyInputs {
        q,
        g1: g("g_prime"),
        g2: g("g2"),
        v_d,
        v_u,
        m_top,
        m_bottom,
        m_tau,
        higgs: &higgs,
        neutralinos: &neutralinos(&NeutralinoInputs {
            m1: 500.0,
            m2: 800.0,
            mu: g("mu_eff"),
            lambda_n: g("lambda"),
            v_d,
            v_u,
            singlino_mass: 2.0 * g("kappa") * x,
            g1: g("g_prime"),
            g2: g("g2"),
        }),
        charginos: &charginos(800.0, g("mu_eff"), g("g2"), v_d, v_u),
        sfermions: &sfermions(&SfermionInputs {
            soft,
            g1: g("g_prime"),
            g2: g("g2"),
            v_d,
            v_u,
            mu: g("mu_eff"),
            m_top,
            m_bottom,
            m_tau,
        }),
    });
    // The reference codes' procedure: the parameters at Q run down to M_Z (the two-loop MSSM
    // RGEs of the switch rge_two_loop, as both codes run at two loops), Pi_ZZ there, v run up.
    let v_q = drbar_vev_from_mz(&VevFromMzInputs {
        running: RunningAtQ {
            q,
            state: RgeState {
                couplings: Couplings {
                    g1: g("g_prime"),
                    g2: g("g2"),
                    g3: g("g3"),
                    ht: g("yt"),
                    hb: g("yb"),
                    htau: g("ytau"),
                    lambda_n: g("lambda"),
                    k: g("kappa"),
                    ..Couplings::default()
                },
                soft: SoftTerms {
                    a_lambda: g("a_lambda"),
                    a_k: g("a_kappa"),
                    mhu: params.m_hu2,
                    mhd: params.m_hd2,
                    mn: params.m_n2,
                    ..soft
                },
            },
            opts: RgeOptions::two_loop_consistent(),
            v_d,
            v_u,
            mu: g("mu_eff"),
        },
        singlino_mass: 2.0 * g("kappa") * x,
        higgs: &higgs,
    });
    let (vevs_q, params_q, even_q) = at_drbar_vev(vevs, v_q, &c, &params);
    Ours {
        m_singlet_1l,
        m_h_1l,
        m_fo: fo_at(vevs_q, &params_q, even_q),
        m_fo_softsusy_v: fo_at(vevs, &params, even),
        v_q,
        v_q_at_q,
        v_softsusy: g("vev"),
        m_eft: eft.m_h,
        unc_eft: eft.uncertainty,
    }
}

/// Issue 18's target for the light-singlet regime [GeV].
const FIXED_ORDER_TARGET: f64 = 2.0;

/// |v(Q) - the reference code's v(Q)| allowed [GeV]. Both codes and this program take Pi_ZZ at M_Z
/// with the parameters run down and run v up (model::higgs_mass::z_self_energy::drbar_vev_from_mz);
/// what remains is this program's one-loop vev RGE against their two-loop ones, its Higgs-sector
/// and singlino masses taken at Q, and the codes' own parameters at M_Z. Measured: SOFTSUSY L1
/// +0.09, L2 +0.10, L5 +0.15, L6 +0.14; FlexibleSUSY -0.07, -0.06, +0.07, -0.18 GeV (with Pi_ZZ
/// at Q, as until session 29: SOFTSUSY -0.18, -0.47, +0.15, -0.34; FlexibleSUSY -0.35, -0.64,
/// +0.06, -0.68, the stop-mixing pattern). About 0.4 GeV of m_h per GeV of v.
const VEV_TOLERANCE: f64 = 0.3;

/// At the four light-singlet points the reported mass (the fixed order at this program's DR-bar
/// v(Q), model::higgs_mass::fixed_order::reported_mass) is within issue 18's 2 GeV of SOFTSUSY
/// and SOFTSUSY lies within the quoted uncertainty (the EFT's own and the difference of the two
/// methods in quadrature, as the point builder computes it); v(Q) from the one-loop Pi_ZZ at M_Z run up
/// (model::higgs_mass::z_self_energy) is within VEV_TOLERANCE of SOFTSUSY's; the fixed order at
/// SOFTSUSY's v(Q) stays within the target too; each point counts as "singlet near"; the
/// singlet-like one-loop state is within 10 GeV of SOFTSUSY's pole mass (a check of the map of
/// the conventions).
#[test]
fn softsusy_light_singlet_points_lie_within_the_quoted_uncertainty() {
    let pts = points();
    assert_eq!(pts.len(), 4);
    let mut report = String::new();
    let mut failures = Vec::new();
    for p in &pts {
        let o = ours(p);
        let (ref_h, ref_s) = reference_masses(p);
        let (m_h, quoted) = reported_mass((o.m_eft, o.unc_eft), o.m_fo);
        report += &format!(
            "{}: m_h {:.2} +- {:.2} (fixed order at v(Q) {:.2} = SOFTSUSY {:+.2}, Pi_ZZ at Q {:+.2}; at SOFTSUSY's v {:.2}; \
             EFT {:.2}; one-loop {:.2}) SOFTSUSY {:.2} diff {:+.2} (fixed order at SOFTSUSY's v {:+.2}, \
             EFT {:+.2}); singlet one-loop {:.2} SOFTSUSY {:.2}\n",
            p.name,
            m_h,
            quoted,
            o.v_q,
            o.v_q - o.v_softsusy,
            o.v_q_at_q - o.v_softsusy,
            o.m_fo_softsusy_v,
            o.m_eft,
            o.m_h_1l,
            ref_h,
            m_h - ref_h,
            o.m_fo_softsusy_v - ref_h,
            o.m_eft - ref_h,
            o.m_singlet_1l,
            ref_s
        );
        assert!(singlet_near(o.m_singlet_1l, o.m_h_1l), "{}", p.name);
        assert_eq!(m_h, o.m_fo, "{}", p.name);
        if (m_h - ref_h).abs() > quoted {
            failures.push(format!("{} outside the quoted uncertainty", p.name));
        }
        if (m_h - ref_h).abs() > FIXED_ORDER_TARGET {
            failures.push(format!("{} reported (fixed order)", p.name));
        }
        if (o.m_fo_softsusy_v - ref_h).abs() > FIXED_ORDER_TARGET {
            failures.push(format!("{} fixed order at SOFTSUSY's v", p.name));
        }
        if (o.v_q - o.v_softsusy).abs() > VEV_TOLERANCE {
            failures.push(format!("{} v(Q)", p.name));
        }
        if (o.m_singlet_1l - ref_s).abs() > 10.0 {
            failures.push(format!("{} singlet", p.name));
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{failures:?}\n{report}");
}

/// Where both regimes apply they agree within the quoted uncertainty: the four points with their
/// singlet made heavy (kappa 0.6, mu_eff 400 GeV: the singlet-like state near 700 GeV, more than
/// four times the SM-like one, so the EFT is the regime of the point builder) give a fixed-order
/// SM-like mass (at this program's v(Q)) within the EFT's own m_h_uncertainty of the EFT value
/// (L1 +1.03, L2 +0.87, L5 +0.33, L6 +0.52 GeV against 2.21, 2.65, 0.76, 2.89; with v(Q) from
/// Pi_ZZ at Q +0.95, +0.64, +0.38, +0.34; at SOFTSUSY's v(Q) +0.70, +0.55, -0.07, +0.15). Before the Higgs-sector scalar loops
/// (model::higgs_mass::scalar_loops) the fixed order sat 1.9-2.0 GeV above, outside the 1.0 GeV
/// quoted at L5.
#[test]
fn the_two_regimes_agree_where_both_apply() {
    let mut report = String::new();
    let mut failures = Vec::new();
    for p in &points() {
        let o = ours_with(p, &[("kappa", 0.6), ("mu_eff", 400.0)]);
        assert!(!singlet_near(o.m_singlet_1l, o.m_h_1l), "{}", p.name);
        report += &format!(
            "{}: EFT {:.2} +- {:.2}, fixed order {:.2} ({:+.2}), singlet {:.1}\n",
            p.name,
            o.m_eft,
            o.unc_eft,
            o.m_fo,
            o.m_fo - o.m_eft,
            o.m_singlet_1l
        );
        if (o.m_fo - o.m_eft).abs() > o.unc_eft {
            failures.push(p.name.clone());
        }
    }
    eprintln!("{report}");
    assert!(failures.is_empty(), "{failures:?}\n{report}");
}

/// Points where the reported mass misses issue 18's 2 GeV against FlexibleSUSY, with the recorded
/// difference (ours minus FlexibleSUSY, GeV), kept visible rather than hidden by a looser tolerance.
const FLEXIBLESUSY_KNOWN_MISSES: &[(&str, f64)] = &[];

/// Points where this program's v(Q) misses VEV_TOLERANCE against FlexibleSUSY's, with the recorded
/// difference (ours minus FlexibleSUSY, GeV). None since v(Q) follows the codes' procedure (Pi_ZZ
/// at M_Z, v run up; session 29). Before, with Pi_ZZ at Q: L2 -0.64 and L6 -0.68 (0.6 allowed then),
/// the points with the largest stop mixing (X_t/M_S about 1.7 and 1.4); L2 with X_t = 0 gave +0.07.
const FLEXIBLESUSY_VEV_KNOWN_MISSES: &[(&str, f64)] = &[];

/// Issue 18's light-singlet target against a second NMSSM code: FlexibleSUSY 2.8.0's lowNMSSM at
/// the same four points (tests/data/flexiblesusy_nmssm_light_singlet.csv, provenance in its
/// header: the same DR-bar inputs at SOFTSUSY's Q, FlexibleSUSY's own matching of g, y_t, v(Q) and
/// its two-loop Higgs masses). This program works from FlexibleSUSY's DR-bar parameters at Q as it
/// does from SOFTSUSY's above. Asserted: the reported mass (the fixed order at this program's v(Q))
/// within 2 GeV of FlexibleSUSY's at every point not in FLEXIBLESUSY_KNOWN_MISSES, and at least
/// four such points; a known miss keeps its recorded difference (0.05 GeV); v(Q) within
/// VEV_TOLERANCE of FlexibleSUSY's except the recorded FLEXIBLESUSY_VEV_KNOWN_MISSES; each point "singlet near"; the singlet-like one-loop state
/// within 10 GeV of FlexibleSUSY's pole mass.
#[test]
fn flexiblesusy_light_singlet_points_within_the_target() {
    let pts = points_of(include_str!("data/flexiblesusy_nmssm_light_singlet.csv"));
    let softsusy = points();
    assert_eq!(pts.len(), 4);
    let mut report = String::from(
        "| point | ours (FO at v(Q)) | quoted unc. | FlexibleSUSY | diff | SOFTSUSY | FS - SOFTSUSY | v(Q) - FS's | Pi_ZZ at Q: v(Q) - FS's |\n",
    );
    let mut failures = Vec::new();
    let mut within = 0;
    for p in &pts {
        let o = ours(p);
        let (ref_h, ref_s) = reference_masses(p);
        let ss = softsusy
            .iter()
            .find(|s| s.name == p.name)
            .expect("same points");
        let (ss_h, _) = reference_masses(ss);
        let (m_h, quoted) = reported_mass((o.m_eft, o.unc_eft), o.m_fo);
        let diff = m_h - ref_h;
        report += &format!(
            "| {} | {:.2} | {:.2} | {:.2} | {:+.2} | {:.2} | {:+.2} | {:+.2} | {:+.2} |\n",
            p.name,
            m_h,
            quoted,
            ref_h,
            diff,
            ss_h,
            ref_h - ss_h,
            o.v_q - o.v_softsusy,
            o.v_q_at_q - o.v_softsusy
        );
        assert!(singlet_near(o.m_singlet_1l, o.m_h_1l), "{}", p.name);
        assert_eq!(m_h, o.m_fo, "{}", p.name);
        match FLEXIBLESUSY_KNOWN_MISSES.iter().find(|k| k.0 == p.name) {
            Some(k) => {
                if diff.abs() <= FIXED_ORDER_TARGET {
                    failures.push(format!("{} known miss now meets the target", p.name));
                }
                if (diff - k.1).abs() > 0.05 {
                    failures.push(format!(
                        "{} known miss moved: {diff:+.2} vs {:+.2}",
                        p.name, k.1
                    ));
                }
            }
            None if diff.abs() > FIXED_ORDER_TARGET => {
                failures.push(format!("{}: {diff:+.2} GeV", p.name))
            }
            None => within += 1,
        }
        // `v_softsusy` holds the fixture's v(Q), here FlexibleSUSY's.
        let dv = o.v_q - o.v_softsusy;
        match FLEXIBLESUSY_VEV_KNOWN_MISSES.iter().find(|k| k.0 == p.name) {
            Some(k) if dv.abs() <= VEV_TOLERANCE || (dv - k.1).abs() > 0.05 => {
                failures.push(format!(
                    "{} v(Q) known miss moved or met: {dv:+.2} vs {:+.2}",
                    p.name, k.1
                ))
            }
            Some(_) => {}
            None if dv.abs() > VEV_TOLERANCE => failures.push(format!("{} v(Q) {dv:+.2}", p.name)),
            None => {}
        }
        if (o.m_singlet_1l - ref_s).abs() > 10.0 {
            failures.push(format!(
                "{} singlet {:.1} vs {ref_s:.1}",
                p.name, o.m_singlet_1l
            ));
        }
    }
    eprintln!("{report}");
    assert!(within >= 4, "{within} points within the target\n{report}");
    assert!(failures.is_empty(), "{failures:?}\n{report}");
}
