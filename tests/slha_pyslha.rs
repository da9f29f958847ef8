//! SLHA output read back by an independent reader: `scripts/check_slha.py` (pyslha) parses the
//! file written by `write_slha` for a synthetic Table-I-like solution and compares masses and
//! block entries with the numbers the Rust side put in.
//!
//! pyslha comes from the tests' own Python environment (`tests/common/python.rs`, pinned in
//! `scripts/requirements.txt`); if it cannot be provided the test fails.

use std::path::PathBuf;

#[path = "common/python.rs"]
mod pyenv;

use gmsbscan::config::{PhysicsConfig, Preset};
use gmsbscan::constraints::{Rejection, RejectionReason};
use gmsbscan::model::derived::{
    b_mu, domain_wall, fine_tuning_percent, mu_eff, nlsp, relic_density, BmuInputs, Derived,
    RelicInputs,
};
use gmsbscan::model::params::{Couplings, PointInputs, SoftTerms};
use gmsbscan::model::potential::{stationarity, PotentialParams, SingletCouplings};
use gmsbscan::model::spectrum::chargino::charginos;
use gmsbscan::model::spectrum::neutralino::{neutralinos, NeutralinoInputs};
use gmsbscan::model::spectrum::pole::{gluino_inputs, pole_masses};
use gmsbscan::model::spectrum::sfermion::{sfermions, SfermionInputs};
use gmsbscan::model::spectrum::{HiggsSpectrum, Spectrum};
use gmsbscan::model::vacuum::VacuumCoefficients;
use gmsbscan::output::slha::{write_slha, SlhaInput};
use gmsbscan::point::{EwsbDiagnostics, Solution, Vevs};

/// A synthetic solution with plausible Table-I numbers (HMZ Table I, docs/physics.md section 10);
/// the spectrum and derived quantities come from the library functions.
fn synthetic_solution(inputs: &PointInputs) -> Solution {
    let tb = inputs.tan_beta;
    let cb = 1.0 / (1.0 + tb * tb).sqrt();
    let (v_d, v_u) = (174.0 * cb, 174.0 * tb * cb);
    let (x, y) = (inputs.vev_n, inputs.vev_s);
    let f_s = inputs.f_s();
    let couplings_q = Couplings {
        g1: 0.36,
        g2: 0.656,
        g3: 1.05,
        ht: inputs.m_top / v_u,
        hb: 2.9 / v_d,
        htau: 1.777 / v_d,
        lambda_n: 0.31,
        lambda_s: 3.0e-3,
        k: 0.40,
        xi_n: 0.71,
        xi_s: 0.94,
        eta_n: 0.87,
        eta_s: 8.3e-3,
    };
    let couplings_m = Couplings {
        g1: 0.40,
        g2: 0.67,
        g3: 0.93,
        xi_s: 1.0,
        ..couplings_q
    };
    let alpha_xi = 0.71f64.powi(2) / (4.0 * std::f64::consts::PI);
    let a_n = 5.0 * alpha_xi * inputs.lambda_susy / (4.0 * std::f64::consts::PI);
    let soft_q = SoftTerms {
        m1: 107.0,
        m2: 208.0,
        m3: 649.0,
        a_t: 0.0,
        a_b: 0.0,
        a_tau: 0.0,
        // Printed boundary values A_lambda(paper) = -a_n, A_k(paper) = -3 a_n in the uniform
        // convention (a_lambda = +A_lambda, a_k = -A_k; docs/physics.md section 1).
        a_lambda: -a_n,
        a_k: 3.0 * a_n,
        mq3: 930.0f64.powi(2),
        mu3: 880.0f64.powi(2),
        md3: 935.0f64.powi(2),
        ml3: 275.0f64.powi(2),
        me3: 125.0f64.powi(2),
        mq1: 960.0f64.powi(2),
        mu1: 925.0f64.powi(2),
        md1: 920.0f64.powi(2),
        ml1: 280.0f64.powi(2),
        me1: 135.0f64.powi(2),
        mhu: -410.0f64.powi(2),
        mhd: 260.0f64.powi(2),
        mn: -300.0f64.powi(2),
    };
    let soft_m = SoftTerms {
        mhu: 270.0f64.powi(2),
        a_lambda: -a_n,
        ..soft_q
    };
    let mu = mu_eff(couplings_q.lambda_n, x, couplings_q.lambda_s, y);
    let neut = neutralinos(&NeutralinoInputs {
        m1: soft_q.m1,
        m2: soft_q.m2,
        mu,
        lambda_n: couplings_q.lambda_n,
        v_d,
        v_u,
        // d^2 W'/dN^2 with W' = -W_HMZ (docs/physics.md sections 1 and 7).
        singlino_mass: 2.0 * couplings_q.k * x + couplings_q.eta_n * y,
        g1: couplings_q.g1,
        g2: couplings_q.g2,
    });
    let charg = charginos(soft_q.m2, mu, couplings_q.g2, v_d, v_u);
    let sf = sfermions(&SfermionInputs {
        soft: soft_q,
        g1: couplings_q.g1,
        g2: couplings_q.g2,
        v_d,
        v_u,
        mu,
        m_top: inputs.m_top,
        m_bottom: 2.9,
        m_tau: 1.777,
    });
    let (ce, se) = (0.999_f64, (1.0 - 0.999_f64 * 0.999).sqrt());
    let higgs = HiggsSpectrum {
        even_mass2: [122.0f64.powi(2), 480.0f64.powi(2), 84_000.0f64.powi(2)],
        even_mixing: [
            [cb, tb * cb, 0.0],
            [ce * tb * cb, -ce * cb, se],
            [-se * tb * cb, se * cb, ce],
        ],
        odd_mass2: [500.0f64.powi(2), 84_500.0f64.powi(2)],
        odd_mixing: [[1.0 - 5e-9, 1e-4], [-1e-4, 1.0 - 5e-9]],
        charged_mass2: 505.0f64.powi(2),
    };
    let bmu = b_mu(&BmuInputs {
        lambda_n: couplings_q.lambda_n,
        lambda_s: couplings_q.lambda_s,
        k: couplings_q.k,
        eta_n: couplings_q.eta_n,
        eta_s: couplings_q.eta_s,
        a_lambda_paper: soft_q.a_lambda_paper(),
        matching_huhd: 0.0,
        x,
        y,
        f_s,
        v_u,
        v_d,
        b_s_running: None,
    });
    let chi1 = neut.masses[0].abs();
    let stau1 = sf.stau.mass2[0].sqrt();
    let mz2 = (0.36f64.powi(2) + 0.656f64.powi(2)) * 174.0f64.powi(2) / 2.0;
    let derived = Derived {
        mu,
        b_mu: bmu,
        mu_from_relation: mu * (1.0 + 1e-9),
        b_mu_from_sin2beta: bmu * (1.0 - 1e-9),
        b_param: bmu / mu,
        fine_tuning_percent: fine_tuning_percent(mz2, mu),
        nlsp: nlsp(chi1, stau1),
        chi1_over_stau1: chi1 / stau1,
        tadpole_c: couplings_q.xi_s * couplings_q.xi_n * f_s * f_s
            / (8.0 * std::f64::consts::PI.powi(2) * y),
        relic: relic_density(&RelicInputs {
            eta_n: couplings_q.eta_n,
            k: couplings_q.k,
            lambda_n: couplings_q.lambda_n,
            xi_n: couplings_q.xi_n,
            xi_s: couplings_q.xi_s,
            vev_s: y,
            m_phi: inputs.m_phi_over_s * y,
        }),
        domain_wall: domain_wall(couplings_q.lambda_s, y, inputs.lambda_susy, 174.0),
        lhc: gmsbscan::model::derived::LhcDerived {
            sm_like_index: 0,
            sm_like_xi2: 1.0,
            sm_like_doublet: 1.0,
            gamma: 0.0,
            gravitino: gmsbscan::model::gravitino::GravitinoDerived {
                f0: f_s,
                mass: gmsbscan::model::gravitino::gravitino_mass(f_s),
                nlsp: gmsbscan::model::gravitino::NlspKind::Neutralino,
                nlsp_ctau_m: f64::NAN,
                br_photon: f64::NAN,
                br_z: f64::NAN,
                br_h: f64::NAN,
            },
            dm: gmsbscan::model::messenger_dm::messenger_dm(&RelicInputs {
                eta_n: couplings_q.eta_n,
                k: couplings_q.k,
                lambda_n: couplings_q.lambda_n,
                xi_n: couplings_q.xi_n,
                xi_s: couplings_q.xi_s,
                vev_s: y,
                m_phi: f64::NAN,
            }),
        },
    };
    Solution {
        index: 0,
        q_scale: (sf.stop.mass2[0] * sf.stop.mass2[1]).sqrt().sqrt(),
        m_mess: y,
        tan_beta_mz: 25.1,
        vevs: Vevs {
            v_d,
            v_u,
            x,
            y,
            f_s,
        },
        couplings_q,
        couplings_m,
        soft_m,
        soft_q,
        vacuum: {
            let c = SingletCouplings {
                xi_n: couplings_q.xi_n,
                eta_s: couplings_q.eta_s,
                eta_n: couplings_q.eta_n,
                lambda_s: couplings_q.lambda_s,
                lambda_n: couplings_q.lambda_n,
                k: couplings_q.k,
            };
            let p = PotentialParams {
                g1: couplings_q.g1,
                g2: couplings_q.g2,
                ht: couplings_q.ht,
                y,
                f_s,
                xi_s: couplings_q.xi_s,
                tadpole_unit: 7e12,
                fs: None,
                m_hu2: soft_q.mhu,
                m_hd2: soft_q.mhd,
                m_n2: soft_q.mn,
                a_lambda: soft_q.a_lambda,
                a_k: soft_q.a_k,
                a_t: soft_q.a_t,
                m_q3: soft_q.mq3,
                m_u3: soft_q.mu3,
                q: (sf.stop.mass2[0] * sf.stop.mass2[1]).sqrt().sqrt(),
                include_dv: true,
                sbottom_stau: None,
                matching: PhysicsConfig::preset(Preset::Hmz1999).switches.matching,
            };
            VacuumCoefficients::new(&c, &p, stationarity([v_d, v_u, x], &c, &p).dv_gradient)
        },
        deeper_minimum: Default::default(),
        ewsb: EwsbDiagnostics {
            scaled_residuals: [1.0e-13, -2.0e-13, 3.0e-14],
            solver: "newton",
            start: 0,
            q_iterations: 4,
        },
        spectrum: Spectrum {
            higgs,
            neutralinos: neut,
            charginos: charg,
            gluino: soft_q.m3.abs(),
            pole: pole_masses(&gluino_inputs(
                soft_q.m3,
                couplings_q.g3,
                (sf.stop.mass2[0] * sf.stop.mass2[1]).sqrt().sqrt(),
                &sf,
                [inputs.m_top, 2.9],
            )),
            sfermions: sf,
        },
        m_h: 110.0,
        m_h_uncertainty: 1.0,
        derived,
        verdict: Ok(()),
    }
}

fn write(sol: &Solution, inputs: &PointInputs, physics: &PhysicsConfig) -> String {
    write_slha(&SlhaInput {
        solution: sol,
        inputs,
        physics,
        program_version: env!("CARGO_PKG_VERSION"),
    })
}

/// Writes `text` to a temporary file and runs check_slha.py on it with the given arguments.
fn run_checker(text: &str, args: &[String]) -> std::process::Output {
    let mut file = tempfile::Builder::new()
        .suffix(".slha")
        .tempfile()
        .expect("temporary file");
    std::io::Write::write_all(&mut file, text.as_bytes()).expect("write SLHA");
    let script: PathBuf = [env!("CARGO_MANIFEST_DIR"), "scripts", "check_slha.py"]
        .iter()
        .collect();
    let out = pyenv::python()
        .arg(&script)
        .arg(file.path())
        .args(args)
        .output()
        .expect("run check_slha.py");
    eprintln!(
        "check_slha.py stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn expect(block: &str, key: &str, value: f64) -> String {
    format!("{block}:{key}={value:.17e}")
}

/// Rust-side structure checks that need no Python.
fn check_structure(text: &str) {
    let mut blocks = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("BLOCK ") {
            let name = rest.split_whitespace().next().unwrap().to_string();
            assert!(!blocks.contains(&name), "block {name} written twice");
            blocks.push(name);
        } else {
            assert!(
                line.starts_with(' '),
                "data line without leading space: {line:?}"
            );
            assert!(line.contains('#'), "data line without comment: {line:?}");
        }
    }
    for required in [
        "SPINFO", "MODSEL", "SMINPUTS", "MINPAR", "EXTPAR", "MASS", "NMIX", "UMIX", "VMIX",
        "STOPMIX", "SBOTMIX", "STAUMIX", "NMHMIX", "NMAMIX", "HMIX", "GAUGE", "YU", "YD", "YE",
        "MSOFT", "AU", "AD", "AE", "NMSSMRUN", "GMSBSCAN", "GMSBVAC",
    ] {
        assert!(
            blocks.iter().any(|b| b == required),
            "block {required} missing"
        );
    }
}

/// The data lines of block SPINFO.
fn spinfo_lines(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|l| !l.starts_with("BLOCK SPINFO"))
        .skip(1)
        .take_while(|l| !l.starts_with("BLOCK"))
        .filter(|l| l.starts_with(' '))
        .collect()
}

#[test]
fn slha_read_back_by_pyslha() {
    let inputs = PointInputs::table1();
    let physics = PhysicsConfig::preset(Preset::Hmz1999);
    let sol = synthetic_solution(&inputs);
    // The synthetic spectrum is Table-I-like (HMZ: chi1 106, chargino1 196, stop1 949).
    let sp = &sol.spectrum;
    assert!((sp.neutralinos.masses[0].abs() - 106.0).abs() < 4.0);
    assert!((sp.charginos.masses[0] - 196.0).abs() < 5.0);
    let text = write(&sol, &inputs, &physics);
    check_structure(&text);
    let spinfo = spinfo_lines(&text);
    assert!(
        spinfo[0].contains("gmsbscan") && spinfo.len() == 2,
        "{spinfo:?}"
    );
    let sf = &sp.sfermions;
    let d = &sol.derived;
    let args = vec![
        expect("MASS", "1000022", sp.neutralinos.masses[0]),
        expect("MASS", "1000045", sp.neutralinos.masses[4]),
        expect("MASS", "1000024", sp.charginos.masses[0]),
        expect("MASS", "25", 122.0),
        expect("MASS", "37", 505.0),
        expect("MASS", "1000015", sf.stau.mass2[0].sqrt()),
        expect("MASS", "1000006", sf.stop.mass2[0].sqrt()),
        expect("MASS", "2000011", sf.selectron_r2.sqrt()),
        expect("MASS", "1000021", sp.pole.gluino),
        expect("MASS", "1000002", sp.pole.sup_l),
        expect("MASS", "2000003", sp.pole.sdown_r),
        expect("GMSBSCAN", "31", 649.0),
        expect("MODSEL", "1", 2.0),
        expect("MINPAR", "1", 77_000.0),
        expect("MINPAR", "3", 25.1),
        expect("EXTPAR", "25", 24.3),
        expect("MINPAR", "5", 1.0),
        expect("EXTPAR", "61", 0.31),
        expect("EXTPAR", "62", 0.40),
        expect("EXTPAR", "101", 3.0e-3),
        expect("HMIX", "1", d.mu),
        expect("HMIX", "2", 24.3),
        expect("HMIX", "3", 174.0 * std::f64::consts::SQRT_2),
        expect("HMIX", "4", 500.0f64.powi(2)),
        expect("NMIX", "1,1", sp.neutralinos.mixing[0][0]),
        expect("NMIX", "5,5", sp.neutralinos.mixing[4][4]),
        expect("UMIX", "1,2", sp.charginos.u[0][1]),
        expect("STAUMIX", "1,2", sf.stau.mixing[0][1]),
        expect("MSOFT", "22", sol.soft_q.mhu),
        expect("MSOFT", "46", 880.0),
        expect("NMSSMRUN", "2", 0.40),
        expect("NMSSMRUN", "3", sol.vacuum.a_lambda),
        expect("NMSSMRUN", "4", sol.vacuum.a_kappa),
        expect("NMSSMRUN", "8", 0.87 * inputs.vev_s),
        expect("NMSSMRUN", "9", sol.vacuum.ms_prime_sq),
        expect("EXTPAR", "67", sol.vacuum.xi_s),
        expect("HMIX", "101", sol.vacuum.m3_sq),
        expect("GMSBVAC", "1", 3.0e-3 * inputs.vev_s),
        expect("GMSBVAC", "22", sol.vacuum.dv_tadpoles[1]),
        expect("YU", "3,3", sol.couplings_q.ht),
        expect("GMSBSCAN", "1", d.b_mu),
        expect("GMSBSCAN", "6", d.relic.omega_h2),
        expect("GMSBSCAN", "9", 1.0),
        "--no-problem".to_string(),
    ];
    let out = run_checker(&text, &args);
    assert!(
        out.status.success(),
        "check_slha.py failed: {:?}",
        out.status
    );

    // The checker must be able to fail: a wrong expectation is a mismatch.
    let wrong = vec![expect("MASS", "1000022", sp.neutralinos.masses[0] + 1.0)];
    let out = run_checker(&text, &wrong);
    assert_eq!(out.status.code(), Some(1), "checker accepted a wrong mass");
}

#[test]
fn rejected_solution_reports_problem_and_tachyon() {
    let inputs = PointInputs::table1();
    let physics = PhysicsConfig::preset(Preset::Consistent);
    let mut sol = synthetic_solution(&inputs);
    sol.spectrum.sfermions.stau.mass2[0] = -(50.0f64.powi(2));
    sol.verdict = Err(Rejection::new(
        RejectionReason::TachyonicSfermion,
        "stau1 mass^2 = -2500 GeV^2 # not viable",
    ));
    let text = write(&sol, &inputs, &physics);
    check_structure(&text);
    let problem = spinfo_lines(&text)
        .into_iter()
        .find(|l| l.starts_with("     4   "))
        .expect("SPINFO 4 line");
    assert!(problem.contains("tachyonic_sfermion") && problem.contains("stau1"));
    assert!(!problem.contains("NaN"), "{problem}");
    // A NaN mass (failed diagonalisation upstream) is a reported problem too.
    let mut broken = sol.clone();
    broken.spectrum.charginos.masses = [f64::NAN; 2];
    let broken_text = write(&broken, &inputs, &physics);
    let line = spinfo_lines(&broken_text)
        .into_iter()
        .find(|l| l.starts_with("     4   "))
        .expect("SPINFO 4 line")
        .to_string();
    assert!(line.contains("undefined (NaN) masses: charginos"), "{line}");
    let args = vec![
        expect("MASS", "1000015", -50.0),
        "--problem".to_string(),
        "tachyonic_sfermion".to_string(),
    ];
    let out = run_checker(&text, &args);
    assert!(
        out.status.success(),
        "check_slha.py failed: {:?}",
        out.status
    );
}
