//! Reading the reference-code fixtures of tests/data (SOFTSUSY, SPheno): one number by key, and
//! the running SUSY masses the Yukawa thresholds take.

use gmsbscan::model::yukawa::ThresholdSpectrum;

/// The number under `key` (a TOML float or integer); panics naming the key otherwise.
pub fn get(t: &toml::Table, key: &str) -> f64 {
    match &t[key] {
        toml::Value::Float(x) => *x,
        toml::Value::Integer(i) => *i as f64,
        v => panic!("{key}: {v:?}"),
    }
}

/// The threshold spectrum of a fixture point (keys with `suffix`: "_q" at the code's Q, "" at M_t).
pub fn threshold_spectrum(p: &toml::Table, suffix: &str) -> ThresholdSpectrum {
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
