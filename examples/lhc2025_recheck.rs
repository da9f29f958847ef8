//! Re-checks the viable rows of a finished random-sampler HMZ scan with today's code: each viable
//! id is re-drawn from the echoed configuration (DIR/config.toml; a random draw is a function of
//! (seed, id)), re-evaluated, and the verdict of each of its viable rows (id, solution) printed,
//! with a count of the rejection reasons. Used for issue 21 to see which rows a new `lhc2025`
//! bound removes without re-running the scan (docs/physics.md 9b).
//!
//!     cargo run --release --example lhc2025_recheck -- results/lhc2025-wide-consistent
//!
//! Output: one CSV line per viable row of DIR/viable.csv (id, solution, verdict, mu, fine-tuning
//! [%], |m_chi1|,
//! |m_chi2|, m_chargino1, chi1 higgsino share, NLSP c tau [m]) on stdout; the counts on stderr.
use std::collections::BTreeMap;
use std::path::Path;

use gmsbscan::scan::{SamplerKind, ScanPlan};
use rayon::prelude::*;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: lhc2025_recheck DIR");
    let dir = Path::new(&dir);
    let text = std::fs::read_to_string(dir.join("config.toml")).expect("DIR/config.toml");
    let plan = ScanPlan::from_toml_str(&text).expect("a valid scan configuration");
    assert_eq!(
        plan.settings.sampler,
        SamplerKind::Random,
        "the ids of a random scan are re-drawn from the configuration"
    );
    let mut reader = csv::Reader::from_path(dir.join("viable.csv")).expect("DIR/viable.csv");
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (c_id, c_sol) = (col("id"), col("solution"));
    let mut rows: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        rows.entry(r[c_id].parse().unwrap())
            .or_default()
            .push(r[c_sol].parse().unwrap());
    }
    let ev = plan.evaluator();
    let t0 = std::time::Instant::now();
    let lines: Vec<(String, String)> = rows
        .par_iter()
        .flat_map_iter(|(&id, solutions)| {
            let out = ev.evaluate(&plan.inputs(id));
            solutions
                .iter()
                .map(
                    |&index| match out.solutions.iter().find(|s| s.index == index) {
                        None => ("missing".to_string(), format!("{id},{index},missing")),
                        Some(s) => {
                            let verdict = match &s.verdict {
                                Ok(()) => "viable".to_string(),
                                Err(r) => r.reason.key(),
                            };
                            let n = &s.spectrum.neutralinos;
                            let share = n.mixing[0][2].powi(2) + n.mixing[0][3].powi(2);
                            let line = format!(
                                "{id},{index},{verdict},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.6e}",
                                s.derived.mu,
                                s.derived.fine_tuning_percent,
                                n.masses[0].abs(),
                                n.masses[1].abs(),
                                s.spectrum.charginos.masses[0],
                                share,
                                s.derived.lhc.gravitino.nlsp_ctau_m
                            );
                            (verdict, line)
                        }
                    },
                )
                .collect::<Vec<_>>()
        })
        .collect();
    eprintln!(
        "{} ids, {} rows re-evaluated in {:.1} s",
        rows.len(),
        lines.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    println!("id,solution,verdict,mu,fine_tuning_percent,m_chi1,m_chi2,m_cha1,chi1_higgsino_share,nlsp_ctau_m");
    for (verdict, line) in &lines {
        *counts.entry(verdict).or_default() += 1;
        println!("{line}");
    }
    for (verdict, n) in counts {
        eprintln!("{verdict}: {n}");
    }
}
