//! The neutralino and chargino self-energies (src/model/spectrum/ino_pole.rs, PBMZ appendix D)
//! against SOFTSUSY 4.1.22's, piece by piece, at SOFTSUSY's own DR-bar inputs: seven minimal-GMSB
//! points (tests/data/softsusy_ino_sigma/, provenance in each file's header; the points are
//! those of tests/data/softsusy_mssm_gmsb.toml). Each of Sigma_L, Sigma_R, Sigma_S of the
//! sfermion, gauge and Higgs loops, the tree-level mass matrices, and the resulting pole masses
//! against the pole masses SOFTSUSY printed in the same run.

use std::collections::HashMap;

use gmsbscan::model::spectrum::ino_pole::{
    chargino_sigma, ino_pole_masses, neutralino_sigma, InoLoopInputs, MixedPair, SelfEnergy,
    SigmaParts, TreeInos,
};
use nalgebra::SMatrix;
use serde::Deserialize;

const POINTS: [(&str, &str); 7] = [
    ("p1", include_str!("data/softsusy_ino_sigma/p1.txt")),
    ("p2", include_str!("data/softsusy_ino_sigma/p2.txt")),
    ("p3", include_str!("data/softsusy_ino_sigma/p3.txt")),
    ("p4", include_str!("data/softsusy_ino_sigma/p4.txt")),
    ("p5", include_str!("data/softsusy_ino_sigma/p5.txt")),
    ("p6", include_str!("data/softsusy_ino_sigma/p6.txt")),
    ("p7", include_str!("data/softsusy_ino_sigma/p7.txt")),
];

/// One printed block: "NEUT"/"CHA", the momentum, and the named rows (e.g. "sfermion L").
struct Block {
    kind: String,
    p: f64,
    rows: HashMap<String, Vec<f64>>,
}

struct Dump {
    inputs: HashMap<String, f64>,
    blocks: Vec<Block>,
}

fn parse(text: &str) -> Dump {
    let mut blocks: Vec<Block> = Vec::new();
    let mut inputs = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        let num = |s: &str| s.parse::<f64>().expect("number");
        match (f[0], f[1]) {
            ("INPUTS", _) => {
                inputs = f[1..]
                    .chunks(2)
                    .map(|c| (c[0].to_string(), num(c[1])))
                    .collect();
            }
            (kind, "p") => blocks.push(Block {
                kind: kind.to_string(),
                p: num(f[2]),
                rows: HashMap::new(),
            }),
            (kind, part) => {
                let block = blocks.last_mut().expect("header first");
                assert_eq!(block.kind, kind);
                let (name, values) = if part == "treemass" {
                    ("treemass".to_string(), &f[2..])
                } else {
                    (format!("{part} {}", f[2]), &f[3..])
                };
                block
                    .rows
                    .insert(name, values.iter().map(|s| num(s)).collect());
            }
        }
    }
    Dump { inputs, blocks }
}

fn rot2d(theta: f64) -> [[f64; 2]; 2] {
    let (s, c) = theta.sin_cos();
    [[c, s], [-s, c]]
}

/// Our inputs from SOFTSUSY's (v = hvev/sqrt2, third-family states as SOFTSUSY orders them).
fn loop_inputs(x: &HashMap<String, f64>) -> InoLoopInputs {
    let g = |k: &str| *x.get(k).unwrap_or_else(|| panic!("input {k}"));
    let beta = g("tanb").atan();
    let v = g("hvev") / std::f64::consts::SQRT_2;
    let pair = |name: &str, f: usize, theta: &str| MixedPair {
        masses: [g(&format!("{name}1{f}")), g(&format!("{name}2{f}"))],
        mixing: rot2d(g(theta)),
    };
    InoLoopInputs {
        q: g("q"),
        g1: g("gp"),
        g2: g("g"),
        v_d: v * beta.cos(),
        v_u: v * beta.sin(),
        yukawas: [g("ht"), g("hb"), g("htau")],
        m1: g("M1"),
        m2: g("M2"),
        mu: g("mu"),
        sup: [g("mu11"), g("mu21")],
        sdown: [g("md11"), g("md21")],
        selectron: [g("me11"), g("me21")],
        sneutrino_e: g("msnu1"),
        stop: pair("mu", 3, "thetat"),
        sbottom: pair("md", 3, "thetab"),
        stau: pair("me", 3, "thetatau"),
        sneutrino_tau: g("msnu3"),
        higgs: [g("mh"), g("mH"), g("mA"), g("mHpm")],
        alpha: g("thetaH"),
    }
}

/// Compares a matrix with SOFTSUSY's row-major print; the tolerance is relative to the largest
/// entry of the three matrices of that loop class (SOFTSUSY adds the charm/strange/muon
/// generation with masses differing from the first by ~1e-5 relative, which we share).
fn compare<const N: usize>(
    label: &str,
    ours: &SMatrix<f64, N, N>,
    theirs: &[f64],
    scale: f64,
    worst: &mut f64,
) -> Vec<String> {
    assert_eq!(theirs.len(), N * N, "{label}");
    let mut failures = Vec::new();
    for i in 0..N {
        for j in 0..N {
            let d = (ours[(i, j)] - theirs[N * i + j]).abs() / scale;
            *worst = worst.max(d);
            if !(d < 2e-6) {
                failures.push(format!(
                    "{label} ({i},{j}): ours {:.9e} softsusy {:.9e} (rel. to scale {:.2e})",
                    ours[(i, j)],
                    theirs[N * i + j],
                    d
                ));
            }
        }
    }
    failures
}

fn compare_parts<const N: usize>(
    label: &str,
    parts: &SigmaParts<N>,
    block: &Block,
    worst: &mut f64,
) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, sigma) in [
        ("sfermion", &parts.sfermion),
        ("gauge", &parts.gauge),
        ("higgs", &parts.higgs),
    ] {
        let theirs = |c: &str| &block.rows[&format!("{name} {c}")];
        let scale = ["L", "R", "S"]
            .iter()
            .flat_map(|c| theirs(c).iter())
            .fold(0.0f64, |m, x| m.max(x.abs()))
            .max(1e-30);
        let SelfEnergy { l, r, s } = sigma;
        for (c, m) in [("L", l), ("R", r), ("S", s)] {
            failures.extend(compare(
                &format!("{label} {name} {c}"),
                m,
                theirs(c),
                scale,
                worst,
            ));
        }
    }
    failures
}

#[derive(Deserialize)]
struct PoleFixture {
    point: Vec<PolePoint>,
}

#[derive(Deserialize)]
struct PolePoint {
    name: String,
    #[serde(flatten)]
    rest: HashMap<String, toml::Value>,
}

fn softsusy_pole(name: &str, key: &str) -> f64 {
    let text = include_str!("data/softsusy_mssm_gmsb.toml");
    let fx: PoleFixture = toml::from_str(text).expect("fixture parses");
    let p = fx.point.iter().find(|p| p.name == name).expect("point");
    p.rest[key].as_float().expect("float")
}

#[test]
fn self_energies_match_softsusy_piece_by_piece() {
    let mut failures = Vec::new();
    let mut worst = 0.0f64;
    for (name, text) in POINTS {
        let dump = parse(text);
        let inp = loop_inputs(&dump.inputs);
        let tree = TreeInos::new(&inp).expect("tree diagonalises");
        // SOFTSUSY's tree-level (DR-bar) masses are the momenta of its blocks.
        for (k, m) in tree.neutralino_masses.iter().enumerate() {
            let theirs = dump.inputs[&format!("mneut{}", k + 1)];
            assert!(
                (m - theirs).abs() < 1e-8 * theirs.abs(),
                "{name} tree chi_{}: {m} vs {theirs}",
                k + 1
            );
        }
        for (k, m) in tree.chargino_masses.iter().enumerate() {
            let theirs = dump.inputs[&format!("mch{}", k + 1)].abs();
            assert!(
                (m - theirs).abs() < 1e-8 * theirs,
                "{name} tree cha_{}",
                k + 1
            );
        }
        let (mut n_neut, mut n_cha) = (0, 0);
        for block in &dump.blocks {
            let label = format!("{name} {} p={:.3}", block.kind, block.p);
            if block.kind == "NEUT" {
                n_neut += 1;
                let m = inp.neutralino_matrix();
                failures.extend(compare(
                    &format!("{label} tree"),
                    &m,
                    &block.rows["treemass"],
                    m.abs().max(),
                    &mut worst,
                ));
                let parts = neutralino_sigma(&inp, &tree, block.p);
                failures.extend(compare_parts(&label, &parts, block, &mut worst));
            } else {
                n_cha += 1;
                let x = inp.chargino_matrix();
                failures.extend(compare(
                    &format!("{label} tree"),
                    &x,
                    &block.rows["treemass"],
                    x.abs().max(),
                    &mut worst,
                ));
                let parts = chargino_sigma(&inp, &tree, block.p);
                failures.extend(compare_parts(&label, &parts, block, &mut worst));
            }
        }
        assert_eq!((n_neut, n_cha), (4, 2), "{name}: blocks");
    }
    println!("largest relative difference of any Sigma entry: {worst:.2e}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn pole_masses_at_softsusy_inputs_match_its_pole_masses() {
    for (name, text) in POINTS {
        let inp = loop_inputs(&parse(text).inputs);
        let pole = ino_pole_masses(&inp);
        let keys = [
            "pole_neutralino1",
            "pole_neutralino2",
            "pole_neutralino3",
            "pole_neutralino4",
        ];
        for (k, key) in keys.iter().enumerate() {
            let theirs = softsusy_pole(name, key);
            let ours = pole.neutralinos[k];
            println!("{name} chi_{}: ours {ours:.5} softsusy {theirs:.5}", k + 1);
            assert!(
                (ours - theirs).abs() < 3e-6 * theirs.abs(),
                "{name} {key}: {ours} vs {theirs}"
            );
        }
        for (k, key) in ["pole_chargino1", "pole_chargino2"].iter().enumerate() {
            let theirs = softsusy_pole(name, key).abs();
            let ours = pole.charginos[k];
            println!("{name} cha_{}: ours {ours:.5} softsusy {theirs:.5}", k + 1);
            assert!(
                (ours - theirs).abs() < 3e-6 * theirs,
                "{name} {key}: {ours} vs {theirs}"
            );
        }
    }
}
