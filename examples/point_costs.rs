//! Per-point thread CPU cost of a scan configuration, one line per point (issue 20: before/after
//! comparisons of two builds on the same points, interleaved):
//! `cargo run --release --example point_costs -- CONFIG A:B [PRESET]` prints
//! `id,cpu_us,solutions,viable,evolutions` (CPU time of the calling thread; PRESET replaces
//! `preset = "hmz1999"` in the configuration text).
use gmsbscan::scan::ScanPlan;

fn thread_cpu_us() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e6 + ts.tv_nsec as f64 * 1e-3
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("CONFIG");
    let (a, b): (u64, u64) = match args[2].split_once(':') {
        Some((a, b)) => (a.parse().expect("A"), b.parse().expect("B")),
        None => (0, args[2].parse().expect("N")),
    };
    let text = match args.get(3) {
        Some(p) => text.replace("preset = \"hmz1999\"", &format!("preset = \"{p}\"")),
        None => text,
    };
    let plan = ScanPlan::from_toml_str(&text).expect("configuration");
    let ev = plan.evaluator();
    println!("id,cpu_us,solutions,viable,evolutions,upruns");
    for id in a..b {
        let inputs = plan.inputs(id);
        let n0 = gmsbscan::model::rge::evolutions_on_this_thread();
        let u0 = gmsbscan::model::rge::xi_s_upruns_on_this_thread();
        let t0 = thread_cpu_us();
        let out = std::hint::black_box(ev.evaluate(&inputs));
        let dt = thread_cpu_us() - t0;
        let viable = out.solutions.iter().filter(|s| s.verdict.is_ok()).count();
        let evolutions = gmsbscan::model::rge::evolutions_on_this_thread() - n0;
        let upruns = gmsbscan::model::rge::xi_s_upruns_on_this_thread() - u0;
        println!(
            "{id},{dt:.1},{},{viable},{evolutions},{upruns}",
            out.solutions.len()
        );
    }
}
