//! The soft spectrum at fixed inputs against the splitting of a messenger 5 + 5bar (issue 11; used by
//! scripts/split_messengers.py).
//!
//! Usage: `split_messengers CONFIG R1 R2 ...`. CONFIG is a scan config whose messenger list has HMZ's
//! 5 + 5bar (singlets = true), one `D` and one `L` pair given by `mass_over_y` (for example
//! configs/split_messengers.toml); its preset and switches are used. For each ratio R = X_D/X_L the D
//! and L masses become `G sqrt(R) <S>` and `G/sqrt(R) <S>` with the config's geometric mean G kept,
//! and the point of HMZ Table I (docs/physics.md section 10: <S> = 97 TeV, Lambda = 77 TeV,
//! tan(beta) = 24.3, m_t = 165 GeV, the printed couplings, xi_S = 1) is evolved to Q = 1 TeV. One CSV
//! line per ratio on stdout, plus a first line for the minimal sector (HMZ's 5 alone, ratio empty):
//! gaugino masses and the square roots of the soft masses squared at Q [GeV], A_t (paper convention).

use gmsbscan::config::PhysicsConfig;
use gmsbscan::model::messengers::{resolve_sector, Content, MessengerSpec};
use gmsbscan::model::params::{Couplings, PointInputs};
use gmsbscan::model::rge::{evolve_sector_using, gauge_couplings_at, Integrator};
use gmsbscan::model::yukawa::running_q_yukawas;
use gmsbscan::scan::ScanPlan;

const Q: f64 = 1000.0;

fn couplings(p: &PointInputs, physics: &PhysicsConfig) -> Couplings {
    let sm = &physics.sm;
    // Table I's m_t = 165 GeV is the DR-bar m_t(Q) of the paper (whatever the config's
    // `yukawa_inputs`): the Yukawas of `running_q`.
    let [ht, hb, htau] = running_q_yukawas(p.m_top, p.tan_beta, sm);
    let keep = if physics.switches.bottom_tau_yukawas {
        1.0
    } else {
        0.0
    };
    let base =
        Couplings::gauge_and_yukawas(gauge_couplings_at(sm, Q), [ht, keep * hb, keep * htau]);
    Couplings {
        lambda_n: p.lambda_n,
        lambda_s: p.lambda_s,
        k: p.k,
        xi_n: p.xi_n,
        xi_s: 1.0,
        eta_n: p.eta_n,
        eta_s: p.eta_s,
        ..base
    }
}

fn line(label: &str, specs: &[MessengerSpec], physics: &PhysicsConfig) -> Result<String, String> {
    let p = PointInputs::table1();
    let sector =
        resolve_sector(specs, physics.n5, p.vev_s, p.lambda_susy).map_err(|e| e.to_string())?;
    let evo = evolve_sector_using(
        Integrator::Dopri5,
        &couplings(&p, physics),
        Q,
        &sector,
        physics,
    )
    .map_err(|e| e.to_string())?;
    let s = &evo.soft_q;
    let root = |m2: f64| m2.signum() * m2.abs().sqrt();
    Ok(format!(
        "{label},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e},{:.6e}",
        s.m1,
        s.m2,
        s.m3,
        root(s.me1),
        root(s.ml1),
        root(s.mq1),
        root(s.mu1),
        root(s.md1),
        root(s.mhu),
        root(s.mhd),
        s.a_t_paper()
    ))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let [_, config, ratios @ ..] = args.as_slice() else {
        return Err("usage: split_messengers CONFIG R1 R2 ...".into());
    };
    let text = std::fs::read_to_string(config).map_err(|e| format!("{config}: {e}"))?;
    let plan = ScanPlan::from_toml_str(&text).map_err(|e| e.to_string())?;
    let physics = plan.physics;
    let ratio_of = |c: Content| {
        physics
            .messengers
            .iter()
            .find(|s| s.content == c && !s.singlets)
            .and_then(|s| s.mass_over_y)
            .ok_or(format!(
                "{config}: needs a D and an L pair with mass_over_y"
            ))
    };
    let mean = (ratio_of(Content::D)? * ratio_of(Content::L)?).sqrt();
    println!("ratio_xd_over_xl,m1,m2,m3,m_e_r,m_e_l,m_q_l,m_u_r,m_d_r,m_hu,m_hd,a_t");
    let minimal: Vec<MessengerSpec> = physics
        .messengers
        .iter()
        .filter(|s| s.singlets)
        .cloned()
        .collect();
    println!("{}", line("", &minimal, &physics)?);
    for r in ratios {
        let ratio: f64 = r.parse().map_err(|e| format!("{r}: {e}"))?;
        let specs: Vec<MessengerSpec> = physics
            .messengers
            .iter()
            .map(|s| match s.content {
                Content::D if !s.singlets => MessengerSpec {
                    mass_over_y: Some(mean * ratio.sqrt()),
                    ..s.clone()
                },
                Content::L if !s.singlets => MessengerSpec {
                    mass_over_y: Some(mean / ratio.sqrt()),
                    ..s.clone()
                },
                _ => s.clone(),
            })
            .collect();
        println!("{}", line(r, &specs, &physics)?);
    }
    Ok(())
}
