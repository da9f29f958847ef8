//! The figure-coverage configurations of configs/ (issue 8): each validates, differs from the
//! paper's procedure only where its header says, and runs a few real points end to end.

use std::path::Path;

use gmsbscan::config::Coupling;
use gmsbscan::scan::{Param, Prior, ScanPlan};

mod common;

const COVERAGE: [&str; 6] = [
    "hmz1999_xin_sampled",
    "hmz1999_low_tan_beta",
    "hmz1999_small_lambda_s",
    "consistent_xin_sampled",
    "consistent_low_tan_beta",
    "consistent_small_lambda_s",
];

fn config_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("configs")
        .join(format!("{name}.toml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn prior(plan: &ScanPlan, param: Param) -> Option<Prior> {
    plan.dims.iter().find(|(p, _)| *p == param).map(|(_, q)| *q)
}

/// What each kind of coverage config changes against the paper's procedure: the priors it sets
/// differently (None = the parameter is not sampled) and the unknowns.
fn sampling_changes(name: &str) -> (Vec<(Param, Option<Prior>)>, [Coupling; 3]) {
    use Coupling::*;
    let xi_sampled = vec![
        (
            Param::Coupling(XiN),
            Some(Prior::Flat {
                min: -1.0,
                max: 1.0,
            }),
        ),
        (Param::Coupling(LambdaS), None),
    ];
    if name.ends_with("xin_sampled") {
        (xi_sampled, [LambdaS, EtaS, EtaN])
    } else if name.ends_with("low_tan_beta") {
        let mut c = xi_sampled;
        c.push((
            Param::TanBeta,
            Some(Prior::Log {
                min: 1.5,
                max: 50.0,
            }),
        ));
        c.push((
            Param::Coupling(LambdaN),
            Some(Prior::Log {
                min: 0.01,
                max: 1.0,
            }),
        ));
        (c, [LambdaS, EtaS, EtaN])
    } else {
        assert!(name.ends_with("small_lambda_s"));
        let c = vec![(
            Param::Coupling(LambdaS),
            Some(Prior::Log {
                min: 1e-5,
                max: 1e-2,
            }),
        )];
        (c, [XiN, EtaS, EtaN])
    }
}

#[test]
fn coverage_configs_change_only_what_their_headers_say() {
    for name in COVERAGE {
        let text = config_text(name);
        let plan = ScanPlan::from_toml_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let preset = name.split('_').next().unwrap();
        let reference = ScanPlan::from_toml_str(&config_text(preset)).unwrap();
        assert_eq!(plan.settings.name, name.replace('_', "-"), "{name}");
        assert!(text.starts_with("# Figure coverage"), "{name}: header");
        assert!(
            text.contains("How the measure differs from the paper's"),
            "{name}"
        );
        assert_eq!(
            (
                plan.settings.seed,
                plan.settings.points,
                plan.settings.sampler,
                plan.bounds
            ),
            (
                reference.settings.seed,
                reference.settings.points,
                reference.settings.sampler,
                reference.bounds
            ),
            "{name}"
        );

        let (changed, unknowns) = sampling_changes(name);
        let mut physics = reference.physics.clone();
        physics.unknowns = plan.physics.unknowns;
        assert_eq!(
            plan.physics, physics,
            "{name}: only the unknowns may differ"
        );
        let mut got = plan.physics.unknowns;
        let mut want = unknowns;
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}: unknowns");
        for (param, expected) in &changed {
            assert_eq!(prior(&plan, *param), *expected, "{name}: {param:?}");
        }
        for (param, p) in &reference.dims {
            if !changed.iter().any(|(c, _)| c == param) {
                assert_eq!(
                    prior(&plan, *param),
                    Some(*p),
                    "{name}: {param:?} is the paper's"
                );
            }
        }
    }
}

#[test]
fn coverage_configs_run_a_few_points() {
    let tmp = tempfile::tempdir().unwrap();
    for name in COVERAGE {
        let text = config_text(name).replace("points = 20000", "points = 6");
        let m = common::scan_text(tmp.path(), name, &text);
        assert_eq!(m.sampled, 6, "{name}");
    }
}
