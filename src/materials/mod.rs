//! Reference data with a source for every number: the materials library,
//! the review's Table 1, published analyses as presets, and literature
//! tortuosity series.
//!
//! Everything here is `static` data (slices of `Serialize` structs) so the
//! page and the CLI can iterate over it without allocation. Values flagged
//! `typical` are representative figures rather than a single measurement;
//! where the review and another source disagree the entry keeps both
//! (`value`/`source` is what the library fills in, `other` the alternative).

use serde::Serialize;

pub mod library;
pub mod ocp_data;
pub mod presets;
pub mod table1;
pub mod tortuosity_data;

pub use library::{ActiveMaterial, Carbon, Collector, SolidElectrolyte, Vtf};

/// A number with its citation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sourced {
    pub value: f64,
    pub source: &'static str,
}

/// A material property: the value the library fills in, its source, whether
/// it is a representative ("typical") figure, and an alternative value from
/// another source (often the review) when the two disagree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Property {
    pub value: f64,
    pub source: &'static str,
    pub typical: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<Sourced>,
}

impl Property {
    /// A value measured or stated in `source`.
    pub const fn cited(value: f64, source: &'static str) -> Self {
        Property {
            value,
            source,
            typical: false,
            other: None,
        }
    }
    /// A representative value; `source` is the best citation available.
    pub const fn typical(value: f64, source: &'static str) -> Self {
        Property {
            value,
            source,
            typical: true,
            other: None,
        }
    }
    /// Adds a disagreeing value from another source.
    pub const fn or(self, value: f64, source: &'static str) -> Self {
        Property {
            other: Some(Sourced { value, source }),
            ..self
        }
    }
}

/// Normalises a name for lookup: lower case, without spaces, dashes,
/// underscores, dots, slashes or parentheses.
fn key(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '/' | '(' | ')' | '–'))
        .collect()
}

/// True when `query` names an entry with this id or one of these aliases.
fn matches(query: &str, id: &str, aliases: &[&str]) -> bool {
    let q = key(query);
    !q.is_empty() && (key(id) == q || aliases.iter().any(|a| key(a) == q))
}

/// The active material named `name` (id or alias, case-insensitive).
pub fn find_active(name: &str) -> Option<&'static ActiveMaterial> {
    library::ACTIVE_MATERIALS
        .iter()
        .find(|m| matches(name, m.id, m.aliases))
}

/// The solid electrolyte named `name` (id or alias, case-insensitive).
pub fn find_electrolyte(name: &str) -> Option<&'static SolidElectrolyte> {
    library::SOLID_ELECTROLYTES
        .iter()
        .find(|m| matches(name, m.id, m.aliases))
}

/// The carbon additive named `name` (id or alias, case-insensitive).
pub fn find_carbon(name: &str) -> Option<&'static Carbon> {
    library::CARBONS
        .iter()
        .find(|m| matches(name, m.id, m.aliases))
}

/// The current-collector metal named `name` (id or alias, case-insensitive).
pub fn find_collector(name: &str) -> Option<&'static Collector> {
    library::COLLECTORS
        .iter()
        .find(|m| matches(name, m.id, m.aliases))
}

/// Density of any library entry named `name`, g/cm³ (for wt% → vol% of
/// compositions given by names).
pub fn density_g_per_cm3(name: &str) -> Option<f64> {
    find_active(name)
        .map(|m| m.density_g_per_cm3.value)
        .or_else(|| find_electrolyte(name).map(|m| m.density_g_per_cm3.value))
        .or_else(|| find_carbon(name).map(|m| m.density_g_per_cm3.value))
        .or_else(|| find_collector(name).map(|m| m.density_g_per_cm3.value))
}

/// The whole library, for `ionpath materials --format json`.
#[derive(Debug, Serialize)]
pub struct Library {
    pub active_materials: &'static [ActiveMaterial],
    pub solid_electrolytes: &'static [SolidElectrolyte],
    pub carbons: &'static [Carbon],
    pub current_collectors: &'static [Collector],
}

/// All library entries.
pub fn library() -> Library {
    Library {
        active_materials: library::ACTIVE_MATERIALS,
        solid_electrolytes: library::SOLID_ELECTROLYTES,
        carbons: library::CARBONS,
        current_collectors: library::COLLECTORS,
    }
}

#[cfg(test)]
mod tests;
