//! The label → phase table: which labels of a volume conduct, and with
//! which conductivity (only ratios matter for τ and σ_eff/σ).

use super::volume::Volume;
use crate::error::{Error, Result};

/// Conductivity per code of one volume; 0 where a label does not conduct.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseTable {
    sigma: Vec<f64>,
    labels: Vec<(u16, f64)>,
}

impl PhaseTable {
    /// The labels in `conducting` conduct with the given conductivities
    /// (> 0, finite); every other label does not. A label the volume's
    /// label table cannot hold is an error naming it.
    pub fn new(volume: &Volume, conducting: &[(u16, f64)]) -> Result<PhaseTable> {
        if conducting.is_empty() {
            return Err(Error::Inconsistent("no conducting label given".into()));
        }
        let mut sigma = vec![0.0; volume.labels.len()];
        for &(label, s) in conducting {
            crate::error::require_positive("conductivity", s)?;
            let code = volume.code_of(label).ok_or_else(|| {
                Error::Inconsistent(format!("label {label} does not occur in the volume"))
            })?;
            sigma[code as usize] = s;
        }
        let mut labels = conducting.to_vec();
        labels.sort_by_key(|&(l, _)| l);
        labels.dedup_by_key(|&mut (l, _)| l);
        Ok(PhaseTable { sigma, labels })
    }

    /// The default of a two-valued image: its nonzero (larger) label
    /// conducts, with conductivity 1. Any other image must say which labels
    /// conduct: the error lists its labels.
    pub fn default_for(volume: &Volume) -> Result<PhaseTable> {
        let present = volume.present_labels();
        match present.as_slice() {
            [_, (label, _)] => PhaseTable::new(volume, &[(*label, 1.0)]),
            [(label, _)] if *label != 0 => PhaseTable::new(volume, &[(*label, 1.0)]),
            _ => {
                let list: Vec<String> = present.iter().map(|(l, _)| l.to_string()).collect();
                Err(Error::Inconsistent(format!(
                    "the volume has labels {}: say which conduct",
                    list.join(", ")
                )))
            }
        }
    }

    /// Conductivity of a code (0 when it does not conduct).
    pub fn sigma(&self, code: u8) -> f64 {
        self.sigma.get(code as usize).copied().unwrap_or(0.0)
    }

    /// The conducting labels and their conductivities, ascending by label.
    pub fn labels(&self) -> &[(u16, f64)] {
        &self.labels
    }

    /// The largest conductivity.
    pub fn max_sigma(&self) -> f64 {
        self.labels.iter().map(|&(_, s)| s).fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests;
