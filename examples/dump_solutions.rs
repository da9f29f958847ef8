// Dumps every EWSB solution of the first N points of a scan config (one CSV line per solution).
use gmsbscan::scan::ScanPlan;
use rayon::prelude::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let (a, n): (u64, u64) = match args[2].split_once(':') {
        Some((a, b)) => (a.parse().unwrap(), b.parse().unwrap()),
        None => (0, args[2].parse().unwrap()),
    };
    let preset = args.get(3).cloned();
    let text = match preset {
        Some(p) => text.replace("preset = \"hmz1999\"", &format!("preset = \"{p}\"")),
        None => text,
    };
    let plan = ScanPlan::from_toml_str(&text).unwrap();
    let ev = plan.evaluator();
    let t0 = std::time::Instant::now();
    let rows: Vec<String> = (a..n)
        .into_par_iter()
        .map(|id| {
            let out = ev.evaluate(&plan.inputs(id));
            let mut s = String::new();
            if out.solutions.is_empty() {
                let r = out.failure.map(|f| f.reason.key()).unwrap_or_default();
                s += &format!("{id},-1,,,,{r},,,,,,,,,,\n");
            }
            for sol in &out.solutions {
                let c = &sol.couplings_q;
                let v = match &sol.verdict {
                    Ok(()) => "viable".to_string(),
                    Err(r) => r.reason.key(),
                };
                let h = &sol.spectrum.higgs;
                // Full precision (`{:e}` prints the shortest representation that reads back exactly).
                s += &format!(
                    "{id},{},{:e},{:e},{:e},{v},{:e},{:e},{:e},{:e},{:e},{:e},{:e},{},{},{}\n",
                    sol.index,
                    c.xi_n,
                    c.eta_s,
                    c.eta_n,
                    sol.derived.mu,
                    h.even_mass2[0],
                    h.odd_mass2[0],
                    h.charged_mass2,
                    sol.spectrum.neutralinos.masses[0],
                    sol.spectrum.sfermions.stop.mass2[0],
                    sol.q_scale,
                    sol.ewsb.solver,
                    sol.ewsb.start,
                    sol.ewsb.q_iterations
                );
            }
            s
        })
        .collect();
    eprintln!("{} points in {:.2} s", n, t0.elapsed().as_secs_f64());
    println!("id,index,xi_n,eta_s,eta_n,verdict,mu,m2_s1,m2_p1,m2_hp,chi1,m2_stop1,q,solver,start,q_iterations");
    for r in rows {
        print!("{r}");
    }
}
