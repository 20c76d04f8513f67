//! Table 1 of Falco et al. 2019 ("Electrochemical performance and
//! preparation process of all-solid lab scale cells from the reviewed
//! literature"), transcribed row by row from the review's text, with
//! everything the extraction garbled listed in each row's `flags`.
//!
//! [`Table1Row::design`] turns a row into design inputs: the wt% (or ratio)
//! composition becomes dense vol% with library densities; whatever the row
//! does not state is filled with a default and named in `assumed`.

use serde::Serialize;

use super::density_g_per_cm3;
use crate::error::Result;
use crate::physics::composition::{
    dense_volume_fractions, normalize_ratios, Composition, Constituent, Role,
};
use crate::units::um_to_cm;

/// One constituent of a row's composite electrode.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Table1Component {
    /// As printed in the table.
    pub name: &'static str,
    /// Mass ratio as printed (normalised before use).
    pub ratio: f64,
    pub role: Role,
    /// Library entry that supplies the density, if any.
    pub library_id: Option<&'static str>,
    /// Density used when there is no library entry (g/cm³); marked assumed.
    pub assumed_density_g_per_cm3: f64,
}

/// One row of Table 1. Ranges are (min, max); a single value has min = max.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Table1Row {
    pub cell: &'static str,
    pub composition_text: &'static str,
    pub components: &'static [Table1Component],
    pub capacity_text: &'static str,
    /// First-cycle (or stated) discharge capacity, mAh per g of active material.
    pub discharge_capacity_mah_per_g: Option<f64>,
    pub retention_percent: Option<f64>,
    pub retention_cycle: Option<u32>,
    /// None where the table says "RT".
    pub temperature_c: Option<f64>,
    pub loading_mg_per_cm2: Option<(f64, f64)>,
    pub thickness_um: Option<(f64, f64)>,
    pub process: &'static str,
    /// Reference number in the review and the citation from its list.
    pub reference: u32,
    pub citation: &'static str,
    /// Problems in the extracted text and how they were resolved.
    pub flags: &'static [&'static str],
}

/// A constituent as loaded into the design workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignComponent {
    pub name: &'static str,
    pub role: Role,
    pub mass_fraction: f64,
    pub dense_volume_fraction: f64,
    pub density_g_per_cm3: f64,
    pub density_assumed: bool,
}

/// What a row loads into the workspace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table1Design {
    pub components: Vec<DesignComponent>,
    /// ε on the dense basis (0 when no SE is in the composite).
    pub epsilon_dense: f64,
    pub thickness_um: f64,
    pub temperature_c: f64,
    /// Active loading the composition gives at the row's thickness with no
    /// voids, mg/cm² (None without a stated thickness).
    pub loading_dense_mg_per_cm2: Option<f64>,
    /// 1 − (stated loading)/(dense loading), midpoints of the row's ranges:
    /// the porosity the row's numbers imply with the densities used. Negative
    /// means the stated loading exceeds what a void-free electrode holds, i.e.
    /// the row's figures and the densities used disagree.
    pub implied_porosity: Option<f64>,
    /// Names of the inputs that are defaults, not from the row.
    pub assumed: Vec<&'static str>,
}

/// Thickness used when a row gives none, µm.
pub const DEFAULT_THICKNESS_UM: f64 = 100.0;
/// Temperature used when a row says "RT", °C.
pub const ROOM_TEMPERATURE_C: f64 = 25.0;

impl Table1Row {
    /// Converts the row's composition to vol% with library densities and
    /// fills the rest with defaults (listed in `assumed`).
    pub fn design(&self) -> Result<Table1Design> {
        let ratios: Vec<f64> = self.components.iter().map(|c| c.ratio).collect();
        let w = normalize_ratios(&ratios)?;
        let mut assumed = Vec::new();
        let mut densities = Vec::with_capacity(w.len());
        for c in self.components {
            match c.library_id.and_then(density_g_per_cm3) {
                Some(rho) => densities.push((rho, false)),
                None => {
                    densities.push((c.assumed_density_g_per_cm3, true));
                    assumed.push(c.name);
                }
            }
        }
        let rho: Vec<f64> = densities.iter().map(|d| d.0).collect();
        let phi = dense_volume_fractions(&w, &rho)?;
        let components: Vec<DesignComponent> = self
            .components
            .iter()
            .zip(&w)
            .zip(&phi)
            .zip(&densities)
            .map(
                |(((c, &mass_fraction), &dense_volume_fraction), &(rho, density_assumed))| {
                    DesignComponent {
                        name: c.name,
                        role: c.role,
                        mass_fraction,
                        dense_volume_fraction,
                        density_g_per_cm3: rho,
                        density_assumed,
                    }
                },
            )
            .collect();
        let epsilon_dense = components
            .iter()
            .filter(|c| c.role == Role::Electrolyte)
            .map(|c| c.dense_volume_fraction)
            .sum();
        let thickness_um = match self.thickness_um {
            Some((lo, hi)) => 0.5 * (lo + hi),
            None => {
                assumed.push("thickness");
                DEFAULT_THICKNESS_UM
            }
        };
        let temperature_c = self.temperature_c.unwrap_or_else(|| {
            assumed.push("temperature");
            ROOM_TEMPERATURE_C
        });
        assumed.push("porosity");
        let loading_dense_mg_per_cm2 = match self.thickness_um {
            Some(_) => {
                let parts = components
                    .iter()
                    .map(|c| Constituent {
                        role: c.role,
                        mass_fraction: c.mass_fraction,
                        density_g_per_cm3: c.density_g_per_cm3,
                    })
                    .collect();
                Some(
                    Composition::new(parts, 0.0)?
                        .active_loading_mg_per_cm2(um_to_cm(thickness_um))?,
                )
            }
            None => None,
        };
        let implied_porosity = match (loading_dense_mg_per_cm2, self.loading_mg_per_cm2) {
            (Some(dense), Some((lo, hi))) if dense > 0.0 => Some(1.0 - 0.5 * (lo + hi) / dense),
            _ => None,
        };
        Ok(Table1Design {
            components,
            epsilon_dense,
            thickness_um,
            temperature_c,
            loading_dense_mg_per_cm2,
            implied_porosity,
            assumed,
        })
    }
}

const fn comp(
    name: &'static str,
    ratio: f64,
    role: Role,
    library_id: Option<&'static str>,
    assumed: f64,
) -> Table1Component {
    Table1Component {
        name,
        ratio,
        role,
        library_id,
        assumed_density_g_per_cm3: assumed,
    }
}

const WETJEN: &str = "Wetjen et al., J. Power Sources 246 (2014) 846 (ref. 44)";
const ZHANG: &str = "Zhang et al., J. Power Sources 391 (2018) 73 (ref. 55)";
const SUM_110: &str = "ratios 43/60/7 sum to 110 as extracted (a misprint or extraction error, perhaps 43/50/7); normalised to 100";

/// Table 1 of the review, in the order printed.
pub static TABLE1: &[Table1Row] = &[
    Table1Row {
        cell: "Li/speXL/NMC",
        composition_text: "NMC/PEO-LiTFSI-PYR14TFSI/KJ_c (43/60/7)",
        components: &[
            comp("NMC", 43.0, Role::Active, Some("nmc111"), 4.7),
            comp("PEO-LiTFSI-PYR14TFSI", 60.0, Role::Electrolyte, Some("peo"), 1.2),
            comp("KJ_c", 7.0, Role::Conductor, Some("ketjen"), 1.9),
        ],
        capacity_text: "157 mAh/g (1st cycle, C/20); ≈66 % (100th cycle, C/10)",
        discharge_capacity_mah_per_g: Some(157.0),
        retention_percent: Some(66.0),
        retention_cycle: Some(100),
        temperature_c: Some(40.0),
        loading_mg_per_cm2: Some((3.0, 4.0)),
        thickness_um: Some((40.0, 50.0)),
        process: "dry blending of premixed AMPs/KJ_c with the polymer mixture; annealing 100 °C; hot pressing 100 °C; cold calendering",
        reference: 44,
        citation: WETJEN,
        flags: &[SUM_110, "NMC stoichiometry not stated; NMC111 densities used"],
    },
    Table1Row {
        cell: "Li/speXL/LFP",
        composition_text: "LFP/P(EO)10LiTFSI-(PYR14TFSI)2/KJ_c (43/60/7)",
        components: &[
            comp("LFP", 43.0, Role::Active, Some("lfp"), 3.6),
            comp("P(EO)10LiTFSI-(PYR14TFSI)2", 60.0, Role::Electrolyte, Some("peo"), 1.2),
            comp("KJ_c", 7.0, Role::Conductor, Some("ketjen"), 1.9),
        ],
        capacity_text: "161 mAh/g (1st cycle, C/20); ≈100 % (100th cycle, C/10)",
        discharge_capacity_mah_per_g: Some(161.0),
        retention_percent: Some(100.0),
        retention_cycle: Some(100),
        temperature_c: Some(40.0),
        loading_mg_per_cm2: Some((4.0, 5.0)),
        thickness_um: Some((40.0, 50.0)),
        process: "as the row above; speXL = photo-crosslinked PEO-LiTFSI-PYR14TFSI",
        reference: 44,
        citation: WETJEN,
        flags: &[SUM_110, "reference cell empty in the extraction (merged with the row above, ref. 44)"],
    },
    Table1Row {
        cell: "Li/PTEC-LiTFSI/LFMP",
        composition_text: "LFMP/Super P/PTEC/PVdF-HFP (80/10/6.7/3.3)",
        components: &[
            comp("LFMP", 80.0, Role::Active, None, 3.5),
            comp("Super P", 10.0, Role::Conductor, Some("superp"), 1.9),
            comp("PTEC", 6.7, Role::Electrolyte, None, 1.3),
            comp("PVdF-HFP", 3.3, Role::Binder, None, 1.78),
        ],
        capacity_text: "105 mAh/g (1st cycle, C/5); 100 % (100th cycle, C/5)",
        discharge_capacity_mah_per_g: Some(105.0),
        retention_percent: Some(100.0),
        retention_cycle: Some(100),
        temperature_c: Some(55.0),
        loading_mg_per_cm2: Some((1.3, 1.8)),
        thickness_um: None,
        process: "cathode cast on Al; SPE solvent-cast (ACN) on a cellulose nonwoven",
        reference: 79,
        citation: "He et al., Electrochim. Acta 225 (2017) 151 (ref. 79)",
        flags: &["LFMP (LiFe1-xMnxPO4), PTEC and PVdF-HFP are not in the library: densities assumed"],
    },
    Table1Row {
        cell: "Li/LPSC/c-NMC",
        composition_text: "NMC/LPSC/CB/EtC (15/3/2/0.2)",
        components: &[
            comp("NMC", 15.0, Role::Active, Some("nmc111"), 4.7),
            comp("LPSC", 3.0, Role::Electrolyte, Some("lpscl"), 1.64),
            comp("CB", 2.0, Role::Conductor, Some("superp"), 1.9),
            comp("EtC", 0.2, Role::Binder, None, 1.1),
        ],
        capacity_text: "112 mAh/g (1st cycle, C/20); 90 % (100th cycle, C/20)",
        discharge_capacity_mah_per_g: Some(112.0),
        retention_percent: Some(90.0),
        retention_cycle: Some(100),
        temperature_c: Some(30.0),
        loading_mg_per_cm2: Some((4.0, 4.0)),
        thickness_um: None,
        process: "cathode by dissolution (EtOH)-precipitation on Al, heat 80 °C; SE cold-pressed on the cathode",
        reference: 55,
        citation: ZHANG,
        flags: &[
            "15/3/2/0.2 is a mass ratio (sum 20.2), normalised",
            "EtC (ethyl cellulose) not in the library: density assumed; NMC stoichiometry not stated",
        ],
    },
    Table1Row {
        cell: "Li/LPSC/c-NMC",
        composition_text: "NMC/LPSC/CB (75/15/10)",
        components: &[
            comp("NMC", 75.0, Role::Active, Some("nmc111"), 4.7),
            comp("LPSC", 15.0, Role::Electrolyte, Some("lpscl"), 1.64),
            comp("CB", 10.0, Role::Conductor, Some("superp"), 1.9),
        ],
        capacity_text: "45 mAh/g (1st cycle, C/20); 82 % (100th cycle, C/20)",
        discharge_capacity_mah_per_g: Some(45.0),
        retention_percent: Some(82.0),
        retention_cycle: Some(100),
        temperature_c: Some(30.0),
        loading_mg_per_cm2: None,
        thickness_um: None,
        process: "SE powder after one dissolution (EtOH)-reprecipitation step",
        reference: 55,
        citation: ZHANG,
        flags: &["reference cell empty in the extraction (merged with the row above, ref. 55)"],
    },
    Table1Row {
        cell: "Graphite/LSPC/LCO",
        composition_text: "LCO/PVdF/Super P (97/1/2); Graphite/PVdF (95/5)",
        components: &[
            comp("LCO", 97.0, Role::Active, Some("lco"), 5.05),
            comp("PVdF", 1.0, Role::Binder, None, 1.78),
            comp("Super P", 2.0, Role::Conductor, Some("superp"), 1.9),
        ],
        capacity_text: "117 (C/10), 75 (C/2) mAh/(g LCO); 96 % (80th cycle, C/2)",
        discharge_capacity_mah_per_g: Some(117.0),
        retention_percent: Some(96.0),
        retention_cycle: Some(80),
        temperature_c: Some(30.0),
        loading_mg_per_cm2: Some((10.0, 10.0)),
        thickness_um: None,
        process: "electrodes cast from NMP on the collector; SE dip-coated into the porous electrode by dissolution (EtOH)-reprecipitation, 180 °C under vacuum, cold pressed at 770 MPa; SE pellet heat-treated at 500 °C",
        reference: 97,
        citation: "Kim et al., Nano Lett. 17 (2017) 3013 (ref. 97)",
        flags: &[
            "'LSPC' as extracted; the cited work infiltrates argyrodite Li6PS5Cl, so probably LPSC",
            "the ratios exclude the infiltrated SE, so ε = 0 here: set ε by hand",
            "graphite anode (95/5 graphite/PVdF, 6 mg/cm²) not loaded: cathode only",
        ],
    },
    Table1Row {
        cell: "Li/LIM-LLZO/LCO",
        composition_text: "LCO/LIM/AB_c (50/40/10)",
        components: &[
            comp("LCO", 50.0, Role::Active, Some("lco"), 5.05),
            comp("LIM", 40.0, Role::Electrolyte, None, 1.5),
            comp("AB_c", 10.0, Role::Conductor, Some("ab"), 2.0),
        ],
        capacity_text: "130 mAh/g (1st, C/10); 97 % (150th cycle, C/10)",
        discharge_capacity_mah_per_g: Some(130.0),
        retention_percent: Some(97.0),
        retention_cycle: Some(150),
        temperature_c: None,
        loading_mg_per_cm2: Some((15.9, 15.9)),
        thickness_um: Some((139.0, 139.0)),
        process: "cathode cold pressed; LIM-LLZO cold pressed (LIM 20 % + LLZO 80 %); LIM = 1 g UiO-67 in 1.5 mL of LiTFSI in EMImTFSI",
        reference: 105,
        citation: "Wang et al., Nano Energy 49 (2018) 58 (ref. 105)",
        flags: &["LIM (ionic-liquid-laden MOF) is not in the library: density assumed (1.5 g/cm³)", "temperature given as RT"],
    },
];
