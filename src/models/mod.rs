//! Models on the MSSM limit of the engine (no light singlet; docs/physics.md section 12).
//!
//! - [`mssm`]: the MSSM limit itself (model `mssm_gmsb`): minimal gauge mediation with the two MSSM
//!   EWSB conditions solved for (mu, B_mu) at Q = sqrt(m_stop1 m_stop2), on the engine's RGEs,
//!   potential, spectrum and bounds with every singlet coupling switched off;
//! - [`ddr`]: the Dimopoulos-Dvali-Rattazzi mu-mechanism (model `ddr`, seed 000): five messenger
//!   flavours, mu and B_mu from the seed's formulas, the EWSB conditions solved for
//!   (lambda_1, tan(beta));
//! - [`columns`]: the CSV schema of both models;
//! - [`card`]: point cards of both models (TOML, unknown keys rejected);
//! - [`plan`]: scan configuration of both models, the model as the scan driver runs it
//!   ([`plan::ModelScan`]), and [`Plan`], a scan configuration of any model;
//! - [`slha`]: SLHA output of one solution.
//!
//! The HMZ model ([`crate::point`]) is untouched: these models call the engine's public pieces.

pub mod card;
pub mod columns;
pub mod ddr;
pub mod mssm;
pub mod plan;
pub mod slha;

pub use plan::Plan;

use serde::{Deserialize, Serialize};

/// The models of the program. `hmz` is the HMZ singlet model of [`crate::point`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelName {
    #[default]
    Hmz,
    MssmGmsb,
    Ddr,
}

impl ModelName {
    pub fn is_hmz(&self) -> bool {
        *self == ModelName::Hmz
    }

    pub fn name(self) -> &'static str {
        match self {
            ModelName::Hmz => "hmz",
            ModelName::MssmGmsb => "mssm_gmsb",
            ModelName::Ddr => "ddr",
        }
    }

    /// Reads the optional top-level `model` key of a TOML document (point card or scan
    /// configuration); absent means `hmz`. Only the key is looked at: the rest is validated by
    /// the model's own parser.
    pub fn of_toml(text: &str) -> Result<ModelName, String> {
        let doc: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        match doc.get("model") {
            None => Ok(ModelName::Hmz),
            Some(toml::Value::String(s)) => s.parse(),
            Some(other) => Err(format!("model: expected a string, found {other}")),
        }
    }
}

impl std::str::FromStr for ModelName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "hmz" => Ok(ModelName::Hmz),
            "mssm_gmsb" => Ok(ModelName::MssmGmsb),
            "ddr" => Ok(ModelName::Ddr),
            other => Err(format!(
                "unknown model '{other}' (expected hmz, mssm_gmsb or ddr)"
            )),
        }
    }
}

impl std::fmt::Display for ModelName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
