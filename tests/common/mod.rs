//! Shared support for the integration tests.

pub mod fake;

/// configs/tiny.toml (priors around viable points) with `points`, another sampler and that
/// sampler's own table (`[mcmc]`, `[importance]`: `table` is its body). Used by some of the test
/// crates that include this module only.
#[allow(dead_code)]
pub fn tiny_with_sampler(points: u64, sampler: &str, table: &str) -> String {
    include_str!("../../configs/tiny.toml")
        .replace("points = 20", &format!("points = {points}"))
        .replace("sampler = \"random\"", &format!("sampler = \"{sampler}\""))
        + &format!("\n[{sampler}]\n{table}\n")
}
