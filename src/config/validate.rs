//! Domains of the numeric configuration values: Standard-Model inputs, the EWSB solver settings
//! and the messenger count. Every value is checked against a closed or open interval before any
//! work, and a violation names the field, the value and the domain. The solver settings get upper
//! bounds too: a value far beyond them (e.g. 1e8 starting points) would make a single point run
//! for days and be impossible to interrupt, which is never what a user meant.
//!
//! To validate a new setting, add one line to the table of its group.

use crate::config::SmInputs;
use crate::model::rge::PERTURBATIVE_LIMIT;
use crate::solve::EwsbSettings;

/// An interval of allowed values. `open_min` excludes `min` (e.g. "positive").
#[derive(Clone, Copy, Debug)]
pub struct Domain {
    pub min: f64,
    pub max: f64,
    pub open_min: bool,
}

impl Domain {
    /// min < value <= max.
    pub const fn above(min: f64, max: f64) -> Domain {
        Domain {
            min,
            max,
            open_min: true,
        }
    }

    /// min <= value <= max.
    pub const fn closed(min: f64, max: f64) -> Domain {
        Domain {
            min,
            max,
            open_min: false,
        }
    }

    fn contains(&self, v: f64) -> bool {
        v.is_finite()
            && v <= self.max
            && if self.open_min {
                v > self.min
            } else {
                v >= self.min
            }
    }

    fn describe(&self) -> String {
        let lower = if self.open_min { "(" } else { "[" };
        format!("{lower}{}, {}]", self.min, self.max)
    }
}

/// A value outside its domain.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{field}: {value} is outside the allowed range {domain}: {meaning}")]
pub struct DomainError {
    pub field: String,
    pub value: f64,
    pub domain: String,
    pub meaning: &'static str,
}

/// One checked value: name (without the table prefix), value, domain, what it means.
type Entry = (&'static str, f64, Domain, &'static str);

fn check_all(prefix: &str, entries: &[Entry]) -> Result<(), DomainError> {
    for &(name, value, domain, meaning) in entries {
        if !domain.contains(value) {
            return Err(DomainError {
                field: format!("{prefix}{name}"),
                value,
                domain: domain.describe(),
                meaning,
            });
        }
    }
    Ok(())
}

/// The `[sm]` table.
pub fn sm_inputs(sm: &SmInputs, prefix: &str) -> Result<(), DomainError> {
    let coupling = Domain::above(0.0, 3.5);
    check_all(
        prefix,
        &[
            (
                "mz",
                sm.mz,
                Domain::above(10.0, 1000.0),
                "the scale of the gauge couplings in GeV (M_Z = 91.19)",
            ),
            (
                "g_prime_mz",
                sm.g_prime_mz,
                coupling,
                "a positive, perturbative gauge coupling",
            ),
            (
                "g2_mz",
                sm.g2_mz,
                coupling,
                "a positive, perturbative gauge coupling",
            ),
            (
                "g3_mz",
                sm.g3_mz,
                coupling,
                "a positive, perturbative gauge coupling",
            ),
            (
                "alpha_em_inv_mz",
                sm.alpha_em_inv_mz,
                Domain::above(50.0, 200.0),
                "1/alpha_em(M_Z), SM MS-bar (127.934)",
            ),
            (
                "sin2_theta_w_mz",
                sm.sin2_theta_w_mz,
                Domain::above(0.0, 0.5),
                "sin^2 theta_W(M_Z), SM MS-bar (0.23122)",
            ),
            (
                "alpha_s_mz",
                sm.alpha_s_mz,
                Domain::above(0.0, 0.5),
                "alpha_s(M_Z), SM MS-bar (0.118)",
            ),
            (
                "vev",
                sm.vev,
                Domain::above(0.0, 1000.0),
                "the electroweak VEV in GeV, positive (v = 174 GeV convention)",
            ),
            (
                "m_bottom",
                sm.m_bottom,
                Domain::above(0.0, 10.0),
                "the running bottom mass in GeV",
            ),
            (
                "m_tau",
                sm.m_tau,
                Domain::above(0.0, 10.0),
                "the tau mass in GeV",
            ),
            (
                "m_bottom_mb",
                sm.m_bottom_mb,
                Domain::above(0.0, 10.0),
                "m_b(m_b), SM MS-bar, in GeV (4.18)",
            ),
            (
                "g_fermi",
                sm.g_fermi,
                Domain::above(0.0, 1e-3),
                "the Fermi constant in GeV^-2 (1.16637e-5)",
            ),
        ],
    )
}

/// Most starting points per point: 16 times the default's cost; beyond it a point cannot be
/// interrupted in reasonable time.
pub const MAX_STARTS: f64 = 64.0;

/// The `[solver]` table.
pub fn ewsb_settings(s: &EwsbSettings, prefix: &str) -> Result<(), DomainError> {
    check_all(
        prefix,
        &[
            (
                "tolerance",
                s.tolerance,
                Domain::above(0.0, 1e-2),
                "the relative stationarity tolerance",
            ),
            (
                "max_iters",
                s.max_iters as f64,
                Domain::closed(1.0, 10_000.0),
                "iterations per solver of the cascade",
            ),
            (
                "max_starts",
                s.max_starts as f64,
                Domain::closed(1.0, MAX_STARTS),
                "deterministic starting points per point (each costs a full solve)",
            ),
            (
                "max_q_iters",
                s.max_q_iters as f64,
                Domain::closed(1.0, 100.0),
                "iterations of Q = sqrt(m_stop1 m_stop2)",
            ),
            (
                "q_tolerance",
                s.q_tolerance,
                Domain::above(0.0, 0.1),
                "the relative change of Q that ends its iteration",
            ),
            (
                "fd_step",
                s.fd_step,
                Domain::above(0.0, 0.1),
                "the relative finite-difference step of the implicit Jacobian",
            ),
            (
                "xi_n_max",
                s.xi_n_max,
                Domain::above(0.0, PERTURBATIVE_LIMIT),
                "the largest |xi_N(Q)| of the root search (at most the perturbative limit sqrt(4 pi))",
            ),
            (
                "grid_intervals",
                s.grid_intervals as f64,
                Domain::closed(8.0, 10_000.0),
                "grid intervals of the root search's bracketing",
            ),
        ],
    )
}

/// Most steps per chain and chains of an MCMC scan: beyond them a run would take years.
pub const MAX_CHAIN_STEPS: f64 = 1e9;
pub const MAX_CHAINS: f64 = 65_536.0;

/// The `[importance]` table.
pub fn screen_settings(s: &crate::scan::screen::ScreenSettings) -> Result<(), DomainError> {
    check_all(
        "importance.",
        &[
            (
                "exploration",
                s.exploration as f64,
                Domain::closed(1.0, MAX_CHAIN_STEPS),
                "unscreened draws, the first training set",
            ),
            (
                "stage",
                s.stage as f64,
                Domain::closed(1.0, MAX_CHAIN_STEPS),
                "draws per adaptation stage",
            ),
            (
                "stages",
                s.stages as f64,
                Domain::closed(0.0, 1000.0),
                "adaptation stages",
            ),
            (
                "neighbours",
                s.neighbours as f64,
                Domain::closed(1.0, 1000.0),
                "k of the nearest-neighbour screen",
            ),
            (
                "floor",
                s.floor,
                Domain::above(0.0, 1.0),
                "smallest acceptance (largest weight 1/floor)",
            ),
            (
                "fast_solve_floor",
                s.fast_solve_floor.unwrap_or(1.0),
                Domain::above(0.0, 1.0),
                "probability of a full evaluation after a fast solve found nothing viable",
            ),
        ],
    )
}

/// The `[mcmc]` table.
pub fn mcmc_settings(m: &crate::scan::mcmc::McmcSettings) -> Result<(), DomainError> {
    check_all(
        "mcmc.",
        &[
            (
                "chains",
                m.chains as f64,
                Domain::closed(1.0, MAX_CHAINS),
                "independent chains (a shard runs a block of them)",
            ),
            (
                "burn_in",
                m.burn_in as f64,
                Domain::closed(0.0, MAX_CHAIN_STEPS),
                "adaptation steps per chain, not written",
            ),
            (
                "steps",
                m.steps as f64,
                Domain::closed(1.0, MAX_CHAIN_STEPS),
                "sampling steps per chain",
            ),
            (
                "target_acceptance",
                m.target_acceptance,
                Domain::closed(0.05, 0.9),
                "the acceptance rate the burn-in adaptation aims at",
            ),
            (
                "independence",
                m.independence,
                Domain::closed(0.0, 1.0),
                "the probability of an independence step",
            ),
        ],
    )
}

/// The number of 5 + 5bar messenger copies.
/// The largest tan(beta) a prior reaches: above 1000 no model here has a point (the bottom and
/// tau Yukawas are far beyond perturbativity), so such a value is a typo, not a scan.
pub fn tan_beta_prior_max(max: f64, field: &str) -> Result<(), DomainError> {
    let domain = Domain::above(0.0, 1000.0);
    if domain.contains(max) {
        return Ok(());
    }
    Err(DomainError {
        field: field.to_string(),
        value: max,
        domain: domain.describe(),
        meaning: "the largest tan(beta) of the prior",
    })
}

pub fn n5(n5: f64, field: &str) -> Result<(), DomainError> {
    let domain = Domain::above(0.0, 10.0);
    // A number of copies: an integer (a general sector is given by [[messengers]]).
    if domain.contains(n5) && n5.fract() == 0.0 {
        return Ok(());
    }
    Err(DomainError {
        field: field.to_string(),
        value: n5,
        domain: domain.describe(),
        meaning: "the number of 5 + 5bar messenger copies, an integer",
    })
}

/// One value against its domain, with the field's name and meaning.
fn single(
    value: f64,
    domain: Domain,
    field: &str,
    meaning: &'static str,
) -> Result<(), DomainError> {
    if domain.contains(value) {
        return Ok(());
    }
    Err(DomainError {
        field: field.to_string(),
        value,
        domain: domain.describe(),
        meaning,
    })
}

/// The upper limit on k(Q): positive, at most the perturbative limit of the RG flow.
pub fn k_max(k_max: f64, field: &str) -> Result<(), DomainError> {
    single(
        k_max,
        Domain::above(0.0, PERTURBATIVE_LIMIT),
        field,
        "the upper limit on k(Q) of the coupling ranges",
    )
}

/// The upper limit on lambda_N(Q): positive, at most the perturbative limit of the RG flow.
pub fn lambda_n_max(lambda_n_max: f64, field: &str) -> Result<(), DomainError> {
    single(
        lambda_n_max,
        Domain::above(0.0, PERTURBATIVE_LIMIT),
        field,
        "the upper limit on lambda_N(Q) of the coupling ranges",
    )
}

/// F_0/F_S: the total supersymmetry breaking is at least the spurion's.
pub fn f0_over_fs(ratio: f64, field: &str) -> Result<(), DomainError> {
    single(
        ratio,
        Domain::closed(1.0, 1e12),
        field,
        "the total F-term over F_S (the gravitino couplings), at least 1",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_max_and_f0_over_fs_domains() {
        k_max(0.65, "physics.k_max").unwrap();
        k_max(PERTURBATIVE_LIMIT, "physics.k_max").unwrap();
        let e = k_max(0.0, "physics.k_max").unwrap_err();
        assert_eq!(e.field, "physics.k_max");
        assert!(k_max(f64::NAN, "k_max").is_err() && k_max(4.0, "k_max").is_err());
        lambda_n_max(1.0, "physics.lambda_n_max").unwrap();
        let e = lambda_n_max(0.0, "physics.lambda_n_max").unwrap_err();
        assert_eq!(e.field, "physics.lambda_n_max");
        assert!(lambda_n_max(f64::NAN, "x").is_err() && lambda_n_max(4.0, "x").is_err());
        f0_over_fs(1.0, "physics.f0_over_fs").unwrap();
        let e = f0_over_fs(0.5, "physics.f0_over_fs").unwrap_err();
        assert!(e.to_string().contains("physics.f0_over_fs: 0.5"), "{e}");
    }

    #[test]
    fn defaults_are_inside_their_domains() {
        sm_inputs(&SmInputs::default(), "sm.").unwrap();
        ewsb_settings(&EwsbSettings::default(), "solver.").unwrap();
        n5(1.0, "physics.n5").unwrap();
    }

    #[test]
    fn the_issue_values_are_refused_with_field_and_range() {
        let sm = SmInputs {
            vev: -174.0,
            ..SmInputs::default()
        };
        let e = sm_inputs(&sm, "sm.").unwrap_err().to_string();
        assert!(
            e.starts_with("sm.vev: -174 is outside the allowed range (0, 1000]"),
            "{e}"
        );
        let mut sm = SmInputs {
            mz: 0.0,
            ..SmInputs::default()
        };
        assert_eq!(sm_inputs(&sm, "sm.").unwrap_err().field, "sm.mz");
        sm.mz = f64::NAN;
        assert_eq!(sm_inputs(&sm, "sm.").unwrap_err().field, "sm.mz");
        for (field, bad) in [
            (
                "sm.alpha_em_inv_mz",
                SmInputs {
                    alpha_em_inv_mz: 1.0 / 127.9,
                    ..SmInputs::default()
                },
            ),
            (
                "sm.sin2_theta_w_mz",
                SmInputs {
                    sin2_theta_w_mz: 1.0,
                    ..SmInputs::default()
                },
            ),
            (
                "sm.alpha_s_mz",
                SmInputs {
                    alpha_s_mz: -0.118,
                    ..SmInputs::default()
                },
            ),
        ] {
            assert_eq!(sm_inputs(&bad, "sm.").unwrap_err().field, field);
        }
        let mut s = EwsbSettings {
            max_starts: 100_000_000,
            ..EwsbSettings::default()
        };
        let e = ewsb_settings(&s, "solver.").unwrap_err().to_string();
        assert!(
            e.contains("solver.max_starts: 100000000 is outside the allowed range [1, 64]"),
            "{e}"
        );
        s.max_starts = 0;
        assert!(ewsb_settings(&s, "solver.").is_err());
        // The root search: |xi_N| beyond the perturbative limit, a grid too coarse to bracket.
        let s = EwsbSettings {
            xi_n_max: 5.0,
            ..EwsbSettings::default()
        };
        assert_eq!(
            ewsb_settings(&s, "solver.").unwrap_err().field,
            "solver.xi_n_max"
        );
        let s = EwsbSettings {
            grid_intervals: 2,
            ..EwsbSettings::default()
        };
        assert_eq!(
            ewsb_settings(&s, "solver.").unwrap_err().field,
            "solver.grid_intervals"
        );
        let s = EwsbSettings {
            tolerance: f64::INFINITY,
            ..EwsbSettings::default()
        };
        assert_eq!(
            ewsb_settings(&s, "solver.").unwrap_err().field,
            "solver.tolerance"
        );
        assert!(n5(0.0, "n5").is_err() && n5(f64::NAN, "n5").is_err());
        assert!(n5(1.5, "n5").is_err() && n5(2.0, "n5").is_ok());
        assert!(tan_beta_prior_max(1e308, "priors.tan_beta").is_err());
        assert!(tan_beta_prior_max(50.0, "priors.tan_beta").is_ok());
    }
}
