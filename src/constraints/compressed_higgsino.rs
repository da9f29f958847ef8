//! The compressed-higgsino soft-lepton exclusion of the `lhc2025` set (docs/physics.md 9b,
//! `higgsino_compressed_soft_lepton`), for a detector-stable neutralino NLSP: when chi_1 leaves
//! the detector before decaying to the gravitino, a light higgsino multiplet looks like the
//! R-parity-conserving one with a stable chi_1 LSP, and the soft-lepton searches for that apply.
//!
//! The limit is the published observed exclusion contour of CMS arXiv:2111.06296
//! (CMS-SUS-18-004, 137/fb) in its higgsino model, over (m(chi2), m(chi2) - m(chi1)):
//! `data/cms_2111_06296_higgsino_contour.txt`, with its provenance. That model is a pure higgsino
//! multiplet (m(chi1+-) halfway between chi1 and chi2, the pure-higgsino cross sections, chi2 ->
//! Z* chi1, chi1+- -> W* chi1), so the bound applies only where the solution is one: chi_1 and
//! chi_2 both higgsino-like ([`HIGGSINO_SHARE_MIN`]) and chargino_1 between them. The contour is
//! applied as published (no cross-section rescaling: there is nothing to rescale for a pure
//! higgsino multiplet).

/// Least higgsino share |N_i3|^2 + |N_i4|^2 of chi_1 and chi_2 for the bound to apply: the
/// search's model is a pure higgsino multiplet. A choice of this program, not a number of the
/// paper (a gaugino or singlino admixture changes the production and the decays).
pub const HIGGSINO_SHARE_MIN: f64 = 0.9;

/// The observed contour [GeV], in the order of the committed file: the upper edge, ascending in
/// m(chi2) up to the tip, then the lower edge, descending from the tip.
const CONTOUR_TEXT: &str = include_str!("data/cms_2111_06296_higgsino_contour.txt");

/// An exclusion contour over (parent mass m, mass splitting dm) that is a band: for each m
/// between its ends the excluded splittings lie between a lower and an upper edge.
#[derive(Clone, Debug, PartialEq)]
pub struct ExclusionBand {
    /// Upper edge (m, dm), ascending in m, from the first mass to the tip.
    pub upper: Vec<(f64, f64)>,
    /// Lower edge (m, dm), ascending in m, from where the curve leaves the figure to the tip.
    pub lower: Vec<(f64, f64)>,
}

impl ExclusionBand {
    /// Splits a curve traced from the upper edge's first point through the tip (its largest m)
    /// back along the lower edge.
    pub fn from_curve(curve: &[(f64, f64)]) -> Self {
        let tip = curve
            .iter()
            .enumerate()
            .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
            .map(|(i, _)| i)
            .expect("a non-empty contour");
        let upper = curve[..=tip].to_vec();
        let mut lower = curve[tip..].to_vec();
        lower.reverse();
        for edge in [&upper, &lower] {
            assert!(
                edge.windows(2).all(|w| w[0].0 < w[1].0),
                "each edge of the contour is monotonic in the mass"
            );
        }
        ExclusionBand { upper, lower }
    }

    /// The excluded splittings at mass `m`: (lower, upper) edge, None outside the band's masses.
    /// Below the lower edge's first mass (where the published curve leaves the figure through the
    /// scan's smallest splitting) the band is closed along that point's splitting: the region
    /// between it and the upper edge is inside the curve, the splittings below it were not scanned.
    pub fn edges(&self, m: f64) -> Option<(f64, f64)> {
        let hi = linear(&self.upper, m)?;
        let (m_low, dm_low) = self.lower[0];
        let lo = if m < m_low {
            dm_low
        } else {
            linear(&self.lower, m)?
        };
        Some((lo, hi))
    }

    /// Whether (m, dm) lies strictly inside the band (a NaN is not inside).
    pub fn excludes(&self, m: f64, dm: f64) -> bool {
        self.edges(m).is_some_and(|(lo, hi)| dm > lo && dm < hi)
    }
}

/// Linear interpolation in a table ascending in x; None outside it (or for a NaN).
fn linear(table: &[(f64, f64)], x: f64) -> Option<f64> {
    table.windows(2).find_map(|w| {
        let ((xa, ya), (xb, yb)) = (w[0], w[1]);
        (x >= xa && x <= xb).then(|| ya + (yb - ya) * (x - xa) / (xb - xa))
    })
}

/// The CMS higgsino contour (arXiv:2111.06296), parsed once.
pub fn cms_soft_lepton_higgsino() -> &'static ExclusionBand {
    static BAND: std::sync::OnceLock<ExclusionBand> = std::sync::OnceLock::new();
    BAND.get_or_init(|| {
        let file = "data/cms_2111_06296_higgsino_contour.txt";
        let curve: Vec<(f64, f64)> = CONTOUR_TEXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let v: Vec<f64> = l
                    .split_whitespace()
                    .map(|x| {
                        x.parse()
                            .unwrap_or_else(|_| panic!("{file}: not a number: {x}"))
                    })
                    .collect();
                assert_eq!(v.len(), 2, "{file}: two columns a line: {l}");
                (v[0], v[1])
            })
            .collect();
        ExclusionBand::from_curve(&curve)
    })
}

/// What the bound looks at [GeV]: |m_chi1|, |m_chi2|, m_chargino1 and the higgsino shares of
/// chi_1 and chi_2.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HiggsinoMultiplet {
    pub neutralino1: f64,
    pub neutralino2: f64,
    pub chargino1: f64,
    pub higgsino_share: [f64; 2],
}

impl HiggsinoMultiplet {
    /// (m(chi2), m(chi2) - m(chi1)) when the solution is the search's model (chi_1 and chi_2
    /// higgsino-like, chargino_1 between them), None otherwise.
    pub fn plane_point(&self) -> Option<(f64, f64)> {
        let higgsino_like = self.higgsino_share.iter().all(|&s| s >= HIGGSINO_SHARE_MIN);
        let ordered = self.neutralino1 <= self.chargino1 && self.chargino1 <= self.neutralino2;
        (higgsino_like && ordered)
            .then_some((self.neutralino2, self.neutralino2 - self.neutralino1))
    }

    /// Whether the CMS contour excludes it (false where the bound does not apply).
    pub fn excluded(&self) -> bool {
        self.plane_point()
            .is_some_and(|(m, dm)| cms_soft_lepton_higgsino().excludes(m, dm))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contour_is_the_committed_curve_split_at_its_tip() {
        let band = cms_soft_lepton_higgsino();
        // 42 points on the upper edge (100.03 GeV to the tip), 22 on the lower (tip shared).
        assert_eq!(band.upper.len(), 42);
        assert_eq!(band.lower.len(), 22);
        assert_eq!(band.upper[0], (100.0258758, 20.65972222));
        assert_eq!(band.upper[41], (204.3772116, 7.604166667));
        assert_eq!(band.lower[21], band.upper[41]);
        assert_eq!(band.lower[0], (150.4171433, 3.179771505));
        // A committed point is read back exactly on its edge.
        assert!((band.edges(176.7048229).unwrap().1 - 10.35981183).abs() < 1e-12);
        assert!((band.edges(175.5836887).unwrap().0 - 4.569388441).abs() < 1e-12);
    }

    #[test]
    fn contour_reproduces_the_abstract() {
        // CMS arXiv:2111.06296, abstract: higgsinos excluded "up to 205(150) GeV for a mass
        // difference of 7.5(3) GeV". At 7.5 GeV the band reaches the tip at 204.4 GeV; just
        // below it (7.6 GeV) masses up to it are excluded, beyond it none.
        let band = cms_soft_lepton_higgsino();
        assert!(band.excludes(200.0, 7.5));
        assert!(band.excludes(204.0, 7.6));
        assert!(!band.excludes(205.0, 7.6));
        // The lower edge ends at (150.4 GeV, 3.18 GeV): the 3 GeV statement; at 3.3 GeV masses
        // from 100 GeV to 154.6 GeV are excluded, at 3.1 GeV none (below the scanned splittings).
        assert!(band.excludes(110.0, 3.3));
        assert!(band.excludes(150.0, 3.3));
        assert!(!band.excludes(156.0, 3.3));
        assert!(!band.excludes(120.0, 3.1));
        // Above the upper edge (large splittings) and outside the masses: no exclusion.
        assert!(!band.excludes(150.0, 15.0));
        assert!(band.excludes(150.0, 14.0));
        assert!(!band.excludes(99.0, 10.0));
        assert!(!band.excludes(f64::NAN, 10.0));
        assert!(!band.excludes(150.0, f64::NAN));
    }

    #[test]
    fn applies_only_to_a_higgsino_like_multiplet() {
        let inside = HiggsinoMultiplet {
            neutralino1: 150.0,
            neutralino2: 155.0,
            chargino1: 152.5,
            higgsino_share: [0.99, 0.99],
        };
        assert_eq!(inside.plane_point(), Some((155.0, 5.0)));
        assert!(inside.excluded());
        // A bino- or singlino-like chi_2 (share below 0.9): not the search's model.
        let mut o = inside;
        o.higgsino_share[1] = 0.5;
        assert_eq!(o.plane_point(), None);
        assert!(!o.excluded());
        // The chargino outside [chi1, chi2]: not the model's ordering.
        let mut o = inside;
        o.chargino1 = 156.0;
        assert!(!o.excluded());
        // A splitting below the scanned ones, or too large: allowed.
        let mut o = inside;
        o.neutralino2 = 152.0;
        o.chargino1 = 151.0;
        assert!(!o.excluded());
        let mut o = inside;
        o.neutralino2 = 170.0;
        o.chargino1 = 160.0;
        assert!(!o.excluded());
    }
}
