//! SUSY Les Houches Accord output for one solution (SLHA1: Skands et al., JHEP 0407 (2004) 036;
//! SLHA2: Allanach et al., Comput. Phys. Commun. 180 (2009) 8).
//!
//! [`write_slha`] is a pure function from a [`Solution`] (plus the point's inputs and the physics
//! configuration) to SLHA2 text; it performs no file IO. Layout: data lines start with a space,
//! real numbers are written in the C `%16.8E` style, every entry carries a `#` comment.
//!
//! Convention map from the paper (HMZ) to SLHA2, also written as comments into the file:
//!
//! * Superpotential (docs/physics.md section 1, corrected 2026-11-29). With the printed `V_F` and
//!   positive gaugino masses the superpotential is `W' = -W_HMZ`. HMZ write `lambda_N N H_u H_d`
//!   with neutral part `+H_u^0 H_d^0`, SLHA2 `lambda S H_u.H_d` with `H_u.H_d = H_u^+ H_d^- -
//!   H_u^0 H_d^0`, so `W' ⊃ +(lambda_N N + lambda_S S) H_u.H_d`: `lambda_SLHA = lambda_N`,
//!   `mu_eff = lambda_N x + lambda_S y`, and `W' ⊃ +(k/3) N^3`: `kappa_SLHA = +k`.
//! * Soft trilinears: the program's uniform convention (params.rs: soft term = monomial of W' x
//!   coupling x a) is SLHA's, so `A_lambda = a_lambda = +A_lambda(paper)`,
//!   `A_kappa = a_k = -A_k(paper)`, `A_t = a_t = -A_t(paper)` (likewise b, tau; the paper's A_t
//!   read from its RGEs).
//! * This model is not the general SLHA2 NMSSM: the spurion F-term `|lambda_S H_u H_d + F_S -
//!   eta_N N^2/2 - eta_S N S|^2` adds N^4 and N^2 H_u H_d terms that no NMSSMRUN entry describes.
//!   NMSSMRUN therefore carries only the entries with a one-to-one meaning (1-5, 10); the
//!   remaining couplings are private EXTPAR entries (>= 100) and the private block GMSBSCAN.
//! * MASS: the gluino and the first/second-generation squarks are one-loop pole masses
//!   (model::spectrum::pole; their running masses at Q are GMSBSCAN 31-35); all other masses are
//!   tree-level running masses at Q (the lightest Higgs includes the top/stop
//!   Coleman-Weinberg term), as in HMZ. `MINPAR 3` is tan(beta)(M_Z) (run down from the input
//!   tan(beta) at Q, which is `EXTPAR 25`). Higgs and sfermion masses are `sqrt(m^2)`; a negative
//!   `m^2` is written as `-sqrt(|m^2|)` and reported as a problem in SPINFO 4.
//! * SMINPUTS entries 5 (m_b(m_b)) and 6 (pole m_t) are not written: the program only knows the
//!   running masses at Q (in GMSBSCAN 19 and YU/YD). Entries 1 and 3 are the inputs the gauge
//!   couplings were computed from: the SM MS-bar alpha_em and alpha_s (`gauge_matching =
//!   "sm_msbar"`, with sin^2 theta_W in GMSBSCAN 36), or the values implied by the DR-bar
//!   g', g3 at M_Z (`"drbar_inputs"`); entry 2 is `1/(2 sqrt2 v^2)` of the v used.
//! * The singlet mixing blocks use the Higgs module's bases: NMHMIX rows in (Re H_d, Re H_u,
//!   Re N), NMAMIX rows in (Im H_d, Im H_u, Im N) from `A^0 = sin(beta) Im H_d + cos(beta) Im H_u`.

use std::fmt::Write as _;

use crate::config::{GaugeMatching, PhysicsConfig};
use crate::model::derived::Nlsp;
use crate::model::params::PointInputs;
use crate::model::vacuum::VacuumCoefficients;
use crate::point::Solution;

/// What one SLHA file is written from.
#[derive(Clone, Copy, Debug)]
pub struct SlhaInput<'a> {
    pub solution: &'a Solution,
    pub inputs: &'a PointInputs,
    pub physics: &'a PhysicsConfig,
    /// Written to SPINFO 2.
    pub program_version: &'a str,
}

/// Formats a real number like C's `%16.8E` (e.g. ` 1.23456789E+02`, two-digit exponent at
/// least). Non-finite values are written as `NaN`, `Inf`, `-Inf`, right-aligned to 16.
pub fn format_e(x: f64) -> String {
    if !x.is_finite() {
        let t = if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Inf"
        } else {
            "-Inf"
        };
        return format!("{t:>16}");
    }
    let s = format!("{x:.8E}");
    let (mantissa, exp) = s.split_once('E').unwrap_or((s.as_str(), "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    format!("{:>16}", format!("{mantissa}E{sign}{:02}", e.abs()))
}

/// `sqrt(m^2)` for m^2 >= 0, `-sqrt(|m^2|)` for a tachyon (SLHA has no convention for it).
pub fn signed_sqrt(m2: f64) -> f64 {
    if m2 < 0.0 {
        -(-m2).sqrt()
    } else {
        m2.sqrt()
    }
}

/// Minimal SLHA text builder: blocks, indexed real entries, integer and text entries (also used
/// by the `mssm_gmsb` and `ddr` files, `models::slha`).
#[derive(Default)]
pub(crate) struct Doc {
    pub(crate) out: String,
}

impl Doc {
    pub(crate) fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }
    pub(crate) fn comment(&mut self, s: &str) {
        self.line(&format!("# {s}"));
    }
    pub(crate) fn block(&mut self, name: &str, comment: &str) {
        self.line(&format!("BLOCK {name}   # {comment}"));
    }
    pub(crate) fn block_q(&mut self, name: &str, q: f64, comment: &str) {
        self.line(&format!(
            "BLOCK {name} Q= {}   # {comment}",
            format_e(q).trim()
        ));
    }
    pub(crate) fn real(&mut self, i: i64, v: f64, comment: &str) {
        self.line(&format!(" {i:>5}   {}   # {comment}", format_e(v)));
    }
    pub(crate) fn mass(&mut self, pdg: i64, v: f64, comment: &str) {
        self.line(&format!(" {pdg:>9}   {}   # {comment}", format_e(v)));
    }
    pub(crate) fn matrix(&mut self, i: usize, j: usize, v: f64, comment: &str) {
        self.line(&format!(" {i:>2} {j:>2}   {}   # {comment}", format_e(v)));
    }
    pub(crate) fn int(&mut self, i: i64, v: i64, comment: &str) {
        self.line(&format!(" {i:>5}   {v:>5}   # {comment}"));
    }
    pub(crate) fn text(&mut self, i: i64, v: &str, comment: &str) {
        self.line(&format!(" {i:>5}   {v}   # {comment}"));
    }
    /// A block at scale `q` holding the N x N matrix `m`, entries named `NAME(i,j)`.
    pub(crate) fn square<const N: usize>(
        &mut self,
        name: &str,
        q: f64,
        comment: &str,
        m: &[[f64; N]; N],
    ) {
        self.block_q(name, q, comment);
        for (i, row) in m.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                self.matrix(i + 1, j + 1, *v, &format!("{name}({},{})", i + 1, j + 1));
            }
        }
    }
}

/// Makes free text safe for one SLHA data line (no comment marker, no line breaks).
fn one_line(s: &str) -> String {
    s.replace('#', "No.")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the SLHA2 document of one solution (see the module documentation for conventions).
pub fn write_slha(inp: &SlhaInput) -> String {
    let sol = inp.solution;
    let sp = &sol.spectrum;
    let c = &sol.couplings_q;
    let soft = &sol.soft_q;
    let d = &sol.derived;
    let vv = &sol.vevs;
    let q = sol.q_scale;
    let tan_beta_q = vv.v_u / vv.v_d;
    let mut doc = Doc { out: String::new() };

    doc.comment(&format!(
        "SUSY Les Houches Accord 2 spectrum from gmsbscan {} (Han-Marfatia-Zhang GMSB + singlet N)",
        inp.program_version
    ));
    doc.comment(&format!(
        "physics preset {}; solution index {}; EWSB scale Q = sqrt(m_stop1 m_stop2)",
        inp.physics.preset, sol.index
    ));
    doc.comment("Conventions: W' = -W_HMZ (positive gaugino masses), lambda(SLHA) = lambda_N,");
    doc.comment("  kappa(SLHA) = +k, A_lambda = +A_lambda(paper), A_kappa = -A_k(paper), A_t = -A_t(paper);");
    if inp.physics.switches.singlino_sign == crate::config::Form::Printed {
        doc.comment(
            "  singlino_sign = printed: the neutralinos use the singlino entry -(2kx + eta_N y),",
        );
        doc.comment("  not the +(2kx + eta_N y) of this W' (docs/physics.md section 7);");
    }
    doc.comment(
        "  MASS: gluino and first/second-generation squarks are one-loop pole masses (running in",
    );
    doc.comment("  GMSBSCAN 31-35); all others tree-level running masses at Q (h1 with the top/stop CW term).");

    // SPINFO: problems = the verdict plus any tachyon; warnings = undefined derived numbers.
    let mut problems: Vec<String> = Vec::new();
    if let Err(rej) = &sol.verdict {
        problems.push(format!("rejected: {rej}"));
    }
    let higgs = [
        ("h1", sp.higgs.even_mass2[0]),
        ("h2", sp.higgs.even_mass2[1]),
        ("h3", sp.higgs.even_mass2[2]),
        ("a1", sp.higgs.odd_mass2[0]),
        ("a2", sp.higgs.odd_mass2[1]),
        ("H+", sp.higgs.charged_mass2),
    ];
    let sf = &sp.sfermions;
    let tachyon_checks: Vec<(&str, f64)> = higgs
        .into_iter()
        .chain(sp.sfermions.named_mass2())
        .collect();
    let tachyons: Vec<&str> = tachyon_checks
        .iter()
        .filter(|(_, m2)| *m2 < 0.0)
        .map(|(n, _)| *n)
        .collect();
    if !tachyons.is_empty() {
        problems.push(format!(
            "tachyonic (mass^2 < 0, written as -sqrt|m^2|): {}",
            tachyons.join(", ")
        ));
    }
    let mut undefined: Vec<&str> = tachyon_checks
        .iter()
        .filter(|(_, m2)| m2.is_nan())
        .map(|(n, _)| *n)
        .collect();
    if sp.neutralinos.masses.iter().any(|m| !m.is_finite()) {
        undefined.push("neutralinos");
    }
    if sp.charginos.masses.iter().any(|m| !m.is_finite()) {
        undefined.push("charginos");
    }
    if !undefined.is_empty() {
        problems.push(format!("undefined (NaN) masses: {}", undefined.join(", ")));
    }
    let mut warnings: Vec<String> = Vec::new();
    if !d.relic.omega_h2.is_finite() {
        warnings
            .push("messenger-sneutrino relic density undefined (no freeze-out solution)".into());
    }
    if !d.mu_from_relation.is_finite() {
        warnings.push("mu^2 from the minimisation relation is negative".into());
    }
    doc.block("SPINFO", "Program information");
    doc.text(1, "gmsbscan", "spectrum calculator");
    doc.text(2, &one_line(inp.program_version), "version number");
    // One line each (pyslha keeps only the last of repeated indices).
    if !warnings.is_empty() {
        doc.text(3, &one_line(&warnings.join("; ")), "warnings");
    }
    if !problems.is_empty() {
        doc.text(4, &one_line(&problems.join("; ")), "problems");
    }

    doc.block("MODSEL", "Model selection");
    doc.int(1, 2, "gauge-mediated SUSY breaking");
    doc.int(3, 1, "NMSSM-like particle content (extra singlet N)");

    // SMINPUTS: the inputs the gauge couplings were computed from (switch `gauge_matching`).
    let sm = &inp.physics.sm;
    let four_pi = 4.0 * std::f64::consts::PI;
    doc.block("SMINPUTS", "Standard Model inputs");
    match inp.physics.switches.gauge_matching {
        GaugeMatching::DrbarInputs => {
            let (gp2, g22) = (sm.g_prime_mz.powi(2), sm.g2_mz.powi(2));
            doc.real(
                1,
                four_pi * (gp2 + g22) / (gp2 * g22),
                "alpha_em^-1(M_Z) from the DR-bar g', g2 at M_Z used (tree level)",
            );
        }
        GaugeMatching::SmMsbar => {
            doc.real(
                1,
                sm.alpha_em_inv_mz,
                "alpha_em^-1(M_Z) SM MS-bar (input used)",
            );
        }
    }
    doc.real(
        2,
        1.0 / (2.0 * std::f64::consts::SQRT_2 * sm.vev * sm.vev),
        "G_F = 1/(2 sqrt2 v^2) [GeV^-2], v = 174 GeV normalisation",
    );
    match inp.physics.switches.gauge_matching {
        GaugeMatching::DrbarInputs => doc.real(
            3,
            sm.g3_mz.powi(2) / four_pi,
            "alpha_s(M_Z) DR-bar (input used)",
        ),
        GaugeMatching::SmMsbar => doc.real(3, sm.alpha_s_mz, "alpha_s(M_Z) SM MS-bar (input used)"),
    }
    doc.real(4, sm.mz, "M_Z");
    doc.real(7, sm.m_tau, "m_tau");

    doc.block("MINPAR", "Input parameters (minimal GMSB)");
    doc.real(1, inp.inputs.lambda_susy, "Lambda = F_S/<S>");
    doc.real(2, sol.m_mess, "M_mess = xi_S(M) <S>");
    doc.real(
        3,
        sol.tan_beta_mz,
        "tan(beta)(M_Z) DR-bar (run down from Q)",
    );
    doc.real(4, if d.mu < 0.0 { -1.0 } else { 1.0 }, "sign(mu)");
    // A general messenger sector (docs/physics.md section 11) has no SLHA code: N_5 is then that of
    // the pair coupled to S and N, and the other pairs are in the scan's configuration.
    match inp.physics.messengers.iter().find(|m| m.singlets) {
        None => doc.real(5, inp.physics.n5, "N_5 (messenger 5+5bar copies)"),
        Some(m) => doc.real(
            5,
            m.multiplicity as f64,
            "N_5 of the 5+5bar coupled to S, N (more messengers: see the config)",
        ),
    }

    doc.block(
        "EXTPAR",
        "Input parameters at Q (couplings after the EWSB solve)",
    );
    doc.real(0, q, "Q: scale of the EXTPAR inputs");
    doc.real(
        25,
        inp.inputs.tan_beta,
        "tan(beta) at Q (the scanned input)",
    );
    let vac = &sol.vacuum;
    doc.real(61, c.lambda_n, "lambda = lambda_N");
    doc.real(62, c.k, "kappa = +k (W' = -W_HMZ)");
    doc.real(
        63,
        vac.a_lambda,
        "A_lambda minimised (running + messenger remainder)",
    );
    doc.real(
        64,
        vac.a_kappa,
        "A_kappa minimised (running + messenger remainder)",
    );
    doc.real(65, d.mu, "mu_eff = lambda_N <N> + lambda_S <S>");
    write_z3_violating(&mut doc, vac, 60);
    doc.comment("private gmsbscan entries (>= 100), model-specific couplings at Q");
    doc.real(101, c.lambda_s, "lambda_S (S H_u H_d)");
    doc.real(102, c.eta_n, "eta_N (-(eta_N/2) N^2 S)");
    doc.real(103, c.eta_s, "eta_S (-(eta_S/2) S^2 N)");
    doc.real(104, c.xi_n, "xi_N (N Phi Phibar)");
    doc.real(105, c.xi_s, "xi_S (S Phi Phibar)");
    doc.real(106, vv.x, "<N> = x");
    doc.real(107, vv.y, "<S> = y");
    doc.real(108, vv.f_s, "F_S = Lambda y [GeV^2]");

    let h = &sp.higgs;
    let n = &sp.neutralinos;
    let ch = &sp.charginos;
    doc.block(
        "MASS",
        "Mass spectrum: gluino, ~u ~d ~s ~c one-loop pole; others tree-level running at Q",
    );
    doc.mass(25, signed_sqrt(h.even_mass2[0]), "h1 (S_1)");
    doc.mass(35, signed_sqrt(h.even_mass2[1]), "h2 (S_2)");
    doc.mass(45, signed_sqrt(h.even_mass2[2]), "h3 (S_3)");
    doc.mass(36, signed_sqrt(h.odd_mass2[0]), "a1 (P_1)");
    doc.mass(46, signed_sqrt(h.odd_mass2[1]), "a2 (P_2)");
    doc.mass(37, signed_sqrt(h.charged_mass2), "H+");
    doc.mass(1000021, sp.pole.gluino, "~g (one-loop pole)");
    let chi_codes = [1000022, 1000023, 1000025, 1000035, 1000045];
    for (i, (&code, &m)) in chi_codes.iter().zip(n.masses.iter()).enumerate() {
        doc.mass(code, m, &format!("~chi_{}0 (signed)", i + 1));
    }
    doc.mass(1000024, ch.masses[0], "~chi_1+");
    doc.mass(1000037, ch.masses[1], "~chi_2+");
    let sq = signed_sqrt;
    let pm = &sp.pole;
    let sfermion_masses: [(i64, f64, &str); 21] = [
        (1000001, pm.sdown_l, "~d_L (one-loop pole)"),
        (2000001, pm.sdown_r, "~d_R (one-loop pole)"),
        (1000002, pm.sup_l, "~u_L (one-loop pole)"),
        (2000002, pm.sup_r, "~u_R (one-loop pole)"),
        (1000003, pm.sdown_l, "~s_L (one-loop pole)"),
        (2000003, pm.sdown_r, "~s_R (one-loop pole)"),
        (1000004, pm.sup_l, "~c_L (one-loop pole)"),
        (2000004, pm.sup_r, "~c_R (one-loop pole)"),
        (1000005, sq(sf.sbottom.mass2[0]), "~b_1"),
        (2000005, sq(sf.sbottom.mass2[1]), "~b_2"),
        (1000006, sq(sf.stop.mass2[0]), "~t_1"),
        (2000006, sq(sf.stop.mass2[1]), "~t_2"),
        (1000011, sq(sf.selectron_l2), "~e_L"),
        (2000011, sq(sf.selectron_r2), "~e_R"),
        (1000012, sq(sf.sneutrino_e2), "~nu_eL"),
        (1000013, sq(sf.selectron_l2), "~mu_L"),
        (2000013, sq(sf.selectron_r2), "~mu_R"),
        (1000014, sq(sf.sneutrino_e2), "~nu_muL"),
        (1000015, sq(sf.stau.mass2[0]), "~tau_1"),
        (2000015, sq(sf.stau.mass2[1]), "~tau_2"),
        (1000016, sq(sf.sneutrino_tau2), "~nu_tauL"),
    ];
    for &(code, m, name) in &sfermion_masses {
        doc.mass(code, m, name);
    }

    doc.block("NMIX", "Neutralino mixing, basis (B~, W~3, H~d, H~u, N~)");
    for (i, row) in n.mixing.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            doc.matrix(i + 1, j + 1, x, &format!("N_{}{}", i + 1, j + 1));
        }
    }
    doc.block("UMIX", "Chargino mixing U");
    for (i, row) in ch.u.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            doc.matrix(i + 1, j + 1, x, &format!("U_{}{}", i + 1, j + 1));
        }
    }
    doc.block("VMIX", "Chargino mixing V");
    for (i, row) in ch.v.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            doc.matrix(i + 1, j + 1, x, &format!("V_{}{}", i + 1, j + 1));
        }
    }
    for (name, pair, what) in [
        ("STOPMIX", &sf.stop, "stop"),
        ("SBOTMIX", &sf.sbottom, "sbottom"),
        ("STAUMIX", &sf.stau, "stau"),
    ] {
        doc.block(
            name,
            &format!("{what} mixing, rows = mass states, columns (L, R)"),
        );
        for (i, row) in pair.mixing.iter().enumerate() {
            for (j, &x) in row.iter().enumerate() {
                doc.matrix(i + 1, j + 1, x, &format!("R_{}{}", i + 1, j + 1));
            }
        }
    }
    doc.block(
        "NMHMIX",
        "CP-even Higgs mixing, basis (Re H_d, Re H_u, Re N)",
    );
    for (i, row) in h.even_mixing.iter().enumerate() {
        for (j, &x) in row.iter().enumerate() {
            doc.matrix(i + 1, j + 1, x, &format!("S_{}{}", i + 1, j + 1));
        }
    }
    // A^0 = sin(beta) Im H_d + cos(beta) Im H_u (higgs.rs), so P_i = (O_i1 s_b, O_i1 c_b, O_i2).
    let (sb, cb) = (
        tan_beta_q / (1.0 + tan_beta_q * tan_beta_q).sqrt(),
        1.0 / (1.0 + tan_beta_q * tan_beta_q).sqrt(),
    );
    doc.block(
        "NMAMIX",
        "CP-odd Higgs mixing, basis (Im H_d, Im H_u, Im N), Goldstone removed",
    );
    for (i, row) in h.odd_mixing.iter().enumerate() {
        let p = [row[0] * sb, row[0] * cb, row[1]];
        for (j, &x) in p.iter().enumerate() {
            doc.matrix(i + 1, j + 1, x, &format!("P_{}{}", i + 1, j + 1));
        }
    }

    doc.block_q("HMIX", q, "Higgs parameters at Q");
    doc.real(1, d.mu, "mu_eff");
    doc.real(2, tan_beta_q, "tan(beta) = v_u/v_d at Q");
    doc.real(
        3,
        std::f64::consts::SQRT_2 * vv.v_u.hypot(vv.v_d),
        "v = sqrt(2 (v_u^2 + v_d^2)) (SLHA normalisation, ~246 GeV)",
    );
    doc.real(4, h.odd_mass2[0], "m_A^2 = m^2(P_1)");
    doc.real(
        101,
        vac.m3_sq,
        "m_3^2: V > m_3^2 H_u.H_d + h.c. (minimised; B_mu eq. Bmu: GMSBSCAN 1)",
    );
    doc.real(
        102,
        std::f64::consts::SQRT_2 * vv.v_d,
        "v_d (SLHA normalisation)",
    );
    doc.real(
        103,
        std::f64::consts::SQRT_2 * vv.v_u,
        "v_u (SLHA normalisation)",
    );

    doc.block_q("GAUGE", q, "Gauge couplings at Q (DR-bar)");
    doc.real(1, c.g1, "g' (SM normalisation)");
    doc.real(2, c.g2, "g2");
    doc.real(3, c.g3, "g3");
    for (name, val, what) in [
        ("YU", c.ht, "h_t"),
        ("YD", c.hb, "h_b"),
        ("YE", c.htau, "h_tau"),
    ] {
        doc.block_q(name, q, &format!("Yukawa couplings at Q ({what})"));
        doc.matrix(3, 3, val, what);
    }

    doc.block_q("MSOFT", q, "Soft SUSY-breaking masses at Q");
    doc.real(1, soft.m1, "M_1");
    doc.real(2, soft.m2, "M_2");
    doc.real(3, soft.m3, "M_3");
    // The soft Higgs masses of the minimised potential: the running values plus, with the heavy
    // singlet's threshold (docs/physics.md 5b), its dm_Hd^2, dm_Hu^2 (the EFT parameters at Q).
    doc.real(21, vac.m_hd_sq, "m_Hd^2");
    doc.real(22, vac.m_hu_sq, "m_Hu^2");
    let msoft: [(i64, f64, &str); 15] = [
        (31, soft.ml1, "m_eL"),
        (32, soft.ml1, "m_muL"),
        (33, soft.ml3, "m_tauL"),
        (34, soft.me1, "m_eR"),
        (35, soft.me1, "m_muR"),
        (36, soft.me3, "m_tauR"),
        (41, soft.mq1, "m_qL1"),
        (42, soft.mq1, "m_qL2"),
        (43, soft.mq3, "m_qL3"),
        (44, soft.mu1, "m_uR"),
        (45, soft.mu1, "m_cR"),
        (46, soft.mu3, "m_tR"),
        (47, soft.md1, "m_dR"),
        (48, soft.md1, "m_sR"),
        (49, soft.md3, "m_bR"),
    ];
    for &(i, m2, name) in &msoft {
        doc.real(i, signed_sqrt(m2), name);
    }
    for (name, val, what) in [
        ("AU", soft.a_t, "A_t"),
        ("AD", soft.a_b, "A_b"),
        ("AE", soft.a_tau, "A_tau"),
    ] {
        doc.block_q(
            name,
            q,
            &format!("Trilinear couplings at Q ({what}, SLHA sign)"),
        );
        doc.matrix(3, 3, val, what);
    }

    doc.block_q("NMSSMRUN", q, "NMSSM-like running parameters at Q");
    doc.real(1, c.lambda_n, "lambda = lambda_N");
    doc.real(2, c.k, "kappa = +k");
    doc.real(
        3,
        vac.a_lambda,
        "A_lambda minimised (running + messenger remainder)",
    );
    doc.real(
        4,
        vac.a_kappa,
        "A_kappa minimised (running + messenger remainder)",
    );
    doc.real(5, d.mu, "mu_eff = lambda_N x + lambda_S y");
    write_z3_violating(&mut doc, vac, 0);

    let ew = &sol.ewsb;
    doc.block(
        "GMSBSCAN",
        "private: derived quantities of this model (HMZ)",
    );
    doc.real(1, d.b_mu, "B_mu from its definition (HMZ eq. Bmu) [GeV^2]");
    doc.real(
        2,
        d.b_mu_from_sin2beta,
        "B_mu from the sin(2 beta) relation",
    );
    doc.real(3, d.mu_from_relation, "mu from the mu^2 relation");
    doc.real(4, d.b_param, "B = B_mu/mu");
    doc.real(5, d.fine_tuning_percent, "fine-tuning M_Z^2/(2 mu^2) [%]");
    doc.real(6, d.relic.omega_h2, "messenger-sneutrino Omega h^2");
    doc.real(7, d.relic.m_phi, "m_phi0");
    doc.real(8, d.relic.kappa, "kappa = T_f/m_phi0");
    doc.real(
        9,
        match d.nlsp {
            Nlsp::Neutralino => 1.0,
            Nlsp::Stau => 2.0,
        },
        "NLSP: 1 = neutralino, 2 = stau",
    );
    doc.real(10, d.chi1_over_stau1, "|m_chi1|/m_stau1");
    doc.real(11, sol.index as f64, "solution index");
    doc.real(12, ew.scaled_residuals[0], "scaled residual dV/dv_d");
    doc.real(13, ew.scaled_residuals[1], "scaled residual dV/dv_u");
    doc.real(14, ew.scaled_residuals[2], "scaled residual dV/dx");
    doc.real(15, d.tadpole_c, "tadpole c in V > c x [GeV^3]");
    doc.real(
        16,
        d.domain_wall.lambda_prime_min,
        "lambda'_min (domain walls)",
    );
    doc.real(17, d.domain_wall.mu_prime, "mu' [GeV^2]");
    doc.real(18, d.domain_wall.stability_ratio, "(mu' y)^(1/3)/v");
    doc.real(19, inp.inputs.m_top, "m_t DR-bar running (input)");
    doc.real(20, ew.start as f64, "EWSB starting point");
    doc.real(21, ew.q_iterations as f64, "Q iterations");
    doc.real(22, sol.couplings_m.xi_n, "xi_N(M)");
    doc.real(23, d.relic.theta, "relic theta");
    doc.real(31, sp.gluino, "gluino running |M_3(Q)|");
    doc.real(32, sq(sf.sup_l2), "~u_L running mass at Q");
    doc.real(33, sq(sf.sup_r2), "~u_R running mass at Q");
    doc.real(34, sq(sf.sdown_l2), "~d_L running mass at Q");
    doc.real(35, sq(sf.sdown_r2), "~d_R running mass at Q");
    doc.real(
        36,
        inp.physics.sm.sin2_theta_w_mz,
        "sin^2 theta_W(M_Z) SM MS-bar (input)",
    );
    doc.real(
        41,
        sol.couplings_m.g1,
        "g'(M) DR-bar at the messenger scale",
    );
    doc.real(
        42,
        sol.couplings_m.g2,
        "g2(M) DR-bar at the messenger scale",
    );
    doc.real(
        43,
        sol.couplings_m.g3,
        "g3(M) DR-bar at the messenger scale",
    );

    write_vacuum_block(&mut doc, vac, q);

    let mut out = doc.out;
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# end of gmsbscan SLHA output");
    out
}

/// The SLHA2 general-NMSSM entries 6-10 of NMSSMRUN (`base = 0`) or 66-70 of EXTPAR
/// (`base = 60`): `xi_F`, `xi_S`, `mu'`, `m_S'^2`, `m_S^2` of the minimised potential
/// (model::vacuum).
fn write_z3_violating(doc: &mut Doc, vac: &VacuumCoefficients, base: i64) {
    doc.real(
        base + 6,
        vac.xi_f,
        "xi_F = eta_S y^2/2: W' > xi_F N [GeV^2]",
    );
    doc.real(
        base + 7,
        vac.xi_s,
        "xi_S = t_s + c/2 + d_z: V > xi_S N + h.c. [GeV^3]",
    );
    doc.real(
        base + 8,
        vac.mu_prime,
        "mu' = eta_N y: W' > mu'/2 N^2 [GeV]",
    );
    doc.real(
        base + 9,
        vac.ms_prime_sq,
        "m_S'^2 = b_n: V > m_S'^2/2 N^2 + h.c. [GeV^2]",
    );
    doc.real(base + 10, vac.m_s_sq, "m_S^2 = m_N^2 [GeV^2]");
}

/// The private block GMSBVAC: the pieces of the minimised potential SLHA2 has no slot for, the
/// split of the effective coefficients, and the one-loop tadpoles (model::vacuum; docs/physics.md
/// section 6b). With HMIX, GAUGE, MSOFT 21-22, NMSSMRUN 1-10 it describes V completely.
fn write_vacuum_block(doc: &mut Doc, vac: &VacuumCoefficients, q: f64) {
    doc.comment(
        "The potential minimised at this solution (docs/physics.md section 6b), SLHA2 signs:",
    );
    doc.comment("  W' = lambda N H_u.H_d + kappa/3 N^3 + mu H_u.H_d + mu'/2 N^2 + xi_F N");
    doc.comment("  V = |dW'/dN|^2 + |mu + lambda N|^2 (|H_u|^2 + |H_d|^2) + D-terms + |s1 H_u.H_d + s2 N^2 + s3 N|^2");
    doc.comment("    + m_Hu^2 |H_u|^2 + m_Hd^2 |H_d|^2 + m_S^2 |N|^2 + [lambda A_lambda N H_u.H_d + kappa/3 A_kappa N^3");
    doc.comment("    + m_3^2 H_u.H_d + m_S'^2/2 N^2 + xi_S N + c1 N^* H_u.H_d + c2 N^2 N^* + h.c.] + DeltaV(top/stop)");
    doc.comment("  (m_3^2 = HMIX 101; A_lambda, A_kappa, xi_S, mu', m_S'^2, m_S^2 = NMSSMRUN 3, 4, 6-10; H_u.H_d = -v_u v_d)");
    doc.block_q(
        "GMSBVAC",
        q,
        "private: the rest of the minimised potential at Q",
    );
    doc.real(1, vac.mu, "mu = lambda_S y (W' > mu H_u.H_d)");
    doc.real(2, vac.spurion[0], "s1 = lambda_S (spurion F-term square)");
    doc.real(3, vac.spurion[1], "s2 = eta_N/2");
    doc.real(4, vac.spurion[2], "s3 = eta_S y [GeV]");
    doc.real(
        5,
        vac.c_nbar_hh,
        "c1 = -d_zbh: V > c1 N^* H_u.H_d + h.c. [GeV]",
    );
    doc.real(
        6,
        vac.c_nnnbar,
        "c2 = d_zzzb/2: V > c2 N^2 N^* + h.c. [GeV]",
    );
    doc.real(10, vac.a_lambda_running, "a_lambda running (in A_lambda)");
    doc.real(11, vac.a_kappa_running, "a_kappa running (in A_kappa)");
    doc.real(
        12,
        vac.d_zh,
        "d_zh messenger remainder: A_lambda = a_lambda - d_zh/lambda",
    );
    doc.real(
        13,
        vac.d_zzz,
        "d_zzz messenger remainder (E incl.): A_kappa = a_kappa + d_zzz/(2 kappa)",
    );
    doc.real(14, vac.b_s, "b_s: m_3^2 = -(b_s + d_h) [GeV^2]");
    doc.real(15, vac.d_h, "d_h messenger H_u H_d-linear term [GeV^2]");
    doc.real(16, vac.b_n, "b_n = m_S'^2 [GeV^2]");
    doc.real(17, vac.t_s, "t_s: xi_S = t_s + c/2 + d_z [GeV^3]");
    doc.real(18, vac.tadpole_c, "messenger tadpole c: V > c Re N [GeV^3]");
    doc.real(19, vac.d_z, "d_z messenger tadpole remainder [GeV^3]");
    doc.real(
        21,
        vac.dv_tadpoles[0],
        "dDeltaV/dv_d at the vacuum (v = 174 GeV normalisation) [GeV^3]",
    );
    doc.real(22, vac.dv_tadpoles[1], "dDeltaV/dv_u at the vacuum [GeV^3]");
    doc.real(23, vac.dv_tadpoles[2], "dDeltaV/dx at the vacuum [GeV^3]");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_style_exponent_format() {
        assert_eq!(format_e(123.456789012), "  1.23456789E+02");
        assert_eq!(format_e(-0.000123), " -1.23000000E-04");
        assert_eq!(format_e(0.0), "  0.00000000E+00");
        assert_eq!(format_e(9.999999999e99), " 1.00000000E+100");
        assert_eq!(format_e(1e-300), " 1.00000000E-300");
        assert_eq!(format_e(f64::NAN), "             NaN");
        assert_eq!(format_e(f64::NEG_INFINITY).trim(), "-Inf");
        for x in [1.0, -2.5e7, 3.3e-12, 6.02214076e23] {
            let back: f64 = format_e(x).trim().parse().unwrap();
            assert!((back / x - 1.0).abs() < 1e-8);
        }
    }

    #[test]
    fn tachyons_are_negative_masses() {
        assert_eq!(signed_sqrt(4.0), 2.0);
        assert_eq!(signed_sqrt(-9.0), -3.0);
        assert_eq!(signed_sqrt(0.0), 0.0);
    }

    #[test]
    fn text_lines_are_sanitised() {
        assert_eq!(one_line("a #1\n  b"), "a No.1 b");
    }
}
