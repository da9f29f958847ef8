//! The physics of one parameter point.
//!
//! - [`params`]: the running parameters (couplings, soft terms) and the point's inputs.
//! - [`boundary`]: gauge-mediated boundary conditions at the messenger scale (docs/physics.md section 4).
//! - [`messengers`]: general messenger sectors (pairs, thresholds, their gauge-mediated terms; section 11).
//! - [`messenger_matching`]: the exact one-loop messenger matching of the N sector (section 4b).
//! - [`gauge`]: gauge couplings from M_Z to M: SM-to-MSSM matching, two-loop running (section 3).
//! - [`higgs_mass`]: the SM-like Higgs mass by effective field theory for heavy superpartners, with its uncertainty.
//! - [`rge`]: the two one-loop RGE sets and their integration (section 5).
//! - [`potential`]: the effective potential, written once and differentiated automatically (section 6).
//! - [`spectrum`]: Higgs, neutralino, chargino and sfermion masses (section 7).
//! - [`yukawa`]: h_t, h_b, h_tau at Q from measured masses with the SUSY thresholds (section 3).
//! - [`derived`]: mu, B_mu, fine-tuning, NLSP, relic density, domain walls (section 8).
//! - [`gravitino`]: gravitino mass, NLSP kind and decay length (section 8b).
//! - [`messenger_dm`]: the messenger sneutrino at the measured relic density, direct detection (8c).
//! - [`vacuum`]: the coefficients of the minimised potential at a solution (SLHA output, section 6b).

pub mod boundary;
pub mod derived;
pub mod gauge;
pub mod gravitino;
pub mod higgs_mass;
pub mod messenger_dm;
pub mod messenger_matching;
pub mod messengers;
pub mod params;
pub mod potential;
pub mod rge;
pub mod singlet_threshold;
pub mod spectrum;
pub mod vacuum;
pub mod yukawa;
pub mod yukawa_fixed_order;
