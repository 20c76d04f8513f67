//! Published analyses as presets: their inputs, their published results, and
//! [`Preset::compare`] putting what the core computes beside each published
//! number.

use serde::Serialize;

use crate::error::Result;
use crate::physics::composition::{
    areal_capacity_mah_per_cm2, capacity_density_c_per_cm3, Composition, Constituent, Role,
};
use crate::units::um_to_cm;

/// A constituent of a preset electrode, with the density the study used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PresetComponent {
    pub name: &'static str,
    pub role: Role,
    pub mass_fraction: f64,
    pub density_g_per_cm3: f64,
}

/// One electrode of a preset.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PresetElectrode {
    pub components: &'static [PresetComponent],
    /// Porosity p; 0 where the study computes on the dense basis.
    pub porosity: f64,
    /// Practical specific capacity of the active material, mAh/g.
    pub specific_capacity_mah_per_g: Option<f64>,
}

/// A published figure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Published {
    /// Machine name of the quantity (matches [`Comparison::quantity`]).
    pub quantity: &'static str,
    pub unit: &'static str,
    pub value: f64,
    pub source: &'static str,
}

/// A published figure next to the core's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    pub quantity: &'static str,
    pub unit: &'static str,
    pub published: f64,
    pub computed: f64,
    /// (computed − published)/published.
    pub relative_difference: f64,
}

/// The cell around the electrodes as an analysis ran Eq. 19, in core units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PresetCell {
    pub u_c_v: f64,
    pub u_a_v: f64,
    pub v_cutoff_v: f64,
    pub r0_ohm_cm2: f64,
    /// The current density of the analysis's headline capacity, A/cm².
    pub current_a_per_cm2: f64,
}

/// A published analysis. Its tortuosity factors are among the published
/// figures: `tau_cathode` (or `tau_eis`, measured by impedance) and
/// `tau_anode`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub source: &'static str,
    pub cathode: Option<PresetElectrode>,
    pub anode: Option<PresetElectrode>,
    /// Thicknesses studied, µm.
    pub thicknesses_um: &'static [f64],
    /// σ_i of the pure SE, S/cm.
    pub sigma_se_s_per_cm: Option<f64>,
    /// The cell's potentials, cut-off, R_0 and current, where given.
    pub cell: Option<PresetCell>,
    pub published: &'static [Published],
    /// What the preset cannot reproduce or assumes.
    pub notes: &'static [&'static str],
}

impl PresetElectrode {
    /// The validated composition.
    pub fn composition(&self) -> Result<Composition> {
        let constituents = self
            .components
            .iter()
            .map(|c| Constituent {
                role: c.role,
                mass_fraction: c.mass_fraction,
                density_g_per_cm3: c.density_g_per_cm3,
            })
            .collect();
        Composition::new(constituents, self.porosity)
    }

    /// Capacity density q in C/cm³, if the capacity is known.
    pub fn capacity_density_c_per_cm3(&self) -> Result<Option<f64>> {
        computed("q_cathode_c_per_cm3", Some(&self.side()?), None)
    }
}

/// One electrode as [`computed`] sees it: its composition, the name of each
/// constituent in the composition's order (None where a name would be
/// ambiguous) and the active material's specific capacity, mAh/g.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    pub composition: Composition,
    pub names: Vec<Option<&'a str>>,
    pub specific_capacity_mah_per_g: Option<f64>,
}

impl PresetElectrode {
    /// This electrode as [`computed`] sees it.
    pub fn side(&self) -> Result<Side<'static>> {
        Ok(Side {
            composition: self.composition()?,
            names: self.components.iter().map(|c| Some(c.name)).collect(),
            specific_capacity_mah_per_g: self.specific_capacity_mah_per_g,
        })
    }
}

/// The core's value of published quantity `quantity` (`epsilon_*_dense`,
/// `q_*_c_per_cm3`, `loading_L<µm>_mg_per_cm2`, `capacity_L<µm>_mah_per_cm2`,
/// `volume_fraction_<name>`) for these electrodes; None if it is not one
/// the core computes or the electrode it needs is missing.
pub fn computed(
    quantity: &str,
    cathode: Option<&Side>,
    anode: Option<&Side>,
) -> Result<Option<f64>> {
    let electrode = |name: &str| if name == "anode" { anode } else { cathode };
    if let Some(rest) = quantity.strip_prefix("epsilon_") {
        let side = rest.trim_end_matches("_dense");
        return Ok(electrode(side).map(|e| e.composition.epsilon_dense()));
    }
    if let Some(side) = quantity
        .strip_prefix("q_")
        .and_then(|r| r.strip_suffix("_c_per_cm3"))
    {
        let Some(e) = electrode(side) else {
            return Ok(None);
        };
        let active = e
            .composition
            .constituents()
            .iter()
            .find(|c| c.role == Role::Active);
        return match (active, e.specific_capacity_mah_per_g) {
            (Some(am), Some(c)) => Ok(Some(capacity_density_c_per_cm3(
                e.composition.active_fraction_with_voids(),
                am.density_g_per_cm3,
                c,
            )?)),
            _ => Ok(None),
        };
    }
    let Some(cathode) = cathode else {
        return Ok(None);
    };
    if let Some(name) = quantity.strip_prefix("volume_fraction_") {
        let phi = cathode.composition.dense_volume_fractions();
        return Ok(cathode
            .names
            .iter()
            .zip(phi)
            .find(|(n, _)| **n == Some(name))
            .map(|(_, p)| p));
    }
    let thickness = |prefix: &str, suffix: &str| {
        quantity
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .and_then(|t| t.parse::<f64>().ok())
    };
    if let Some(l_um) = thickness("loading_L", "_mg_per_cm2") {
        return Ok(Some(
            cathode
                .composition
                .active_loading_mg_per_cm2(um_to_cm(l_um))?,
        ));
    }
    if let (Some(l_um), Some(c)) = (
        thickness("capacity_L", "_mah_per_cm2"),
        cathode.specific_capacity_mah_per_g,
    ) {
        let m = cathode
            .composition
            .active_loading_mg_per_cm2(um_to_cm(l_um))?;
        return Ok(Some(areal_capacity_mah_per_cm2(m, c)?));
    }
    Ok(None)
}

/// Each published figure of `published` that the core computes, beside
/// its [`computed`] value for these electrodes.
pub fn compare_with(
    published: &[Published],
    cathode: Option<&Side>,
    anode: Option<&Side>,
) -> Result<Vec<Comparison>> {
    let mut out = Vec::new();
    for p in published {
        if let Some(computed) = computed(p.quantity, cathode, anode)? {
            out.push(Comparison {
                quantity: p.quantity,
                unit: p.unit,
                published: p.value,
                computed,
                relative_difference: (computed - p.value) / p.value,
            });
        }
    }
    Ok(out)
}

impl Preset {
    /// What the core computes, from the preset's own inputs, for each
    /// published quantity it can compute (see [`computed`]).
    pub fn compare(&self) -> Result<Vec<Comparison>> {
        let cathode = self.cathode.map(|e| e.side()).transpose()?;
        let anode = self.anode.map(|e| e.side()).transpose()?;
        compare_with(self.published, cathode.as_ref(), anode.as_ref())
    }
}

const KATO: &str = "Kato et al., J. Phys. Chem. Lett. 9 (2018) 607; figures as given in Falco et al. 2019 and MODELS.md";
const HLUSHKOU: &str =
    "Hlushkou et al., J. Power Sources 396 (2018) 363; via Falco et al. 2019, section 2.4";
const KAISER: &str =
    "Kaiser et al., J. Power Sources 396 (2018) 175; via Falco et al. 2019, section 2.4";

const fn part(
    name: &'static str,
    role: Role,
    mass_fraction: f64,
    density_g_per_cm3: f64,
) -> PresetComponent {
    PresetComponent {
        name,
        role,
        mass_fraction,
        density_g_per_cm3,
    }
}
const fn publ(
    quantity: &'static str,
    unit: &'static str,
    value: f64,
    source: &'static str,
) -> Published {
    Published {
        quantity,
        unit,
        value,
        source,
    }
}

/// The published analyses.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "kato2018",
        name: "Kato et al. 2018: thick LCO/LGPS/graphite cells (L75-L600)",
        source: KATO,
        cathode: Some(PresetElectrode {
            components: &[
                part("LCO", Role::Active, 0.61, 5.05),
                part("AB", Role::Conductor, 0.03, 2.00),
                part("SE", Role::Electrolyte, 0.36, 2.00),
            ],
            porosity: 0.0,
            specific_capacity_mah_per_g: Some(137.0),
        }),
        anode: Some(PresetElectrode {
            components: &[part("graphite", Role::Active, 0.46, 2.27), part("SE", Role::Electrolyte, 0.54, 2.00)],
            porosity: 0.0,
            specific_capacity_mah_per_g: Some(370.0),
        }),
        thicknesses_um: &[75.0, 150.0, 300.0, 600.0],
        sigma_se_s_per_cm: None,
        cell: Some(PresetCell {
            u_c_v: 4.1,
            u_a_v: 0.1,
            v_cutoff_v: 2.5,
            r0_ohm_cm2: 8.0,
            current_a_per_cm2: 6e-3,
        }),
        published: &[
            publ("volume_fraction_LCO", "-", 0.381, KATO),
            publ("volume_fraction_AB", "-", 0.048, KATO),
            publ("volume_fraction_SE", "-", 0.571, KATO),
            publ("epsilon_cathode_dense", "-", 0.571, KATO),
            publ("q_cathode_c_per_cm3", "C/cm3", 953.0, KATO),
            publ("q_anode_c_per_cm3", "C/cm3", 1298.0, KATO),
            publ("loading_L75_mg_per_cm2", "mg/cm2", 14.5, KATO),
            publ("capacity_L75_mah_per_cm2", "mAh/cm2", 2.0, KATO),
            publ("loading_L600_mg_per_cm2", "mg/cm2", 115.4, KATO),
            publ("capacity_L600_mah_per_cm2", "mAh/cm2", 15.7, KATO),
            publ("tau_cathode", "-", 2.47, KATO),
            publ("tau_anode", "-", 3.32, KATO),
            publ("sigma_eff_cathode_s_per_cm", "S/cm", 0.73e-3, KATO),
            publ("sigma_eff_anode_s_per_cm", "S/cm", 0.21e-3, KATO),
            publ("capacity_6ma_mah_per_cm2", "mAh/cm2", 13.2, "MODELS.md: Eq. 19 with U_c 4.1 V, U_a 0.1 V, V_cutoff 2.5 V, R_0 8 Ω·cm²"),
        ],
        notes: &[
            "Eq. 19 inputs: U_c = 4.1 V, U_a = 0.1 V, V_cutoff = 2.5 V, R_0 = 8 Ω·cm²",
            "L150 and L300 loadings are not given in the review; only the end points are compared",
            "the published 15.7 mAh/cm² at L600 is 136 mAh/g × 115.4 mg/cm²; 137 mAh/g gives ~1 % more",
            "the review does not give the SE conductivity of these cells; Eq. 17 with τ = 2.47, σ_eff = 0.73 mS/cm and ε = 0.571 implies σ_i ≈ 3.2 mS/cm (our arithmetic), well below LGPS's 12 mS/cm",
        ],
    },
    Preset {
        id: "hlushkou2018",
        name: "Hlushkou et al. 2018: LCO/LPS-LiI cathode, τ from EIS and tomography",
        source: HLUSHKOU,
        cathode: Some(PresetElectrode {
            components: &[part("LCO", Role::Active, 0.59, 5.05), part("LPSI", Role::Electrolyte, 0.41, 2.15)],
            porosity: 0.13,
            specific_capacity_mah_per_g: None,
        }),
        anode: None,
        thicknesses_um: &[],
        sigma_se_s_per_cm: Some(7e-4),
        cell: None,
        published: &[
            publ("epsilon_cathode_dense", "-", 0.62, HLUSHKOU),
            publ("tau_eis", "-", 1.6, HLUSHKOU),
            publ("tau_reconstructed", "-", 1.74, HLUSHKOU),
            publ("tau_void_free", "-", 1.27, HLUSHKOU),
            publ("porosity", "-", 0.13, HLUSHKOU),
        ],
        notes: &[
            "the LPSI density (2.15 g/cm³) is derived from this study's own 59:41 wt% = 38:62 vol%, so the ε comparison is a consistency check, not an independent one",
        ],
    },
    Preset {
        id: "kaiser2018",
        name: "Kaiser et al. 2018: LTO/C65/LPS-LiI composite anodes",
        source: KAISER,
        cathode: None,
        anode: Some(PresetElectrode {
            components: &[part("LTO", Role::Active, 0.68, 3.48), part("LPSI", Role::Electrolyte, 0.32, 2.15)],
            porosity: 0.0,
            specific_capacity_mah_per_g: None,
        }),
        thicknesses_um: &[],
        sigma_se_s_per_cm: Some(7e-4),
        cell: None,
        published: &[
            publ("epsilon_anode_dense", "-", 0.40, KAISER),
            publ("sigma_liquid_li_s_per_cm", "S/cm", 6e-4, KAISER),
            publ("sigma_se_needed_at_eps_0.4_s_per_cm", "S/cm", 5e-3, KAISER),
        ],
        notes: &[
            "32 wt% SE ↔ 40 vol% is the review's pairing; the C65 fraction is not given, so the anode here is LTO/LPSI only (C65 assumed absent), densities from the library",
            "the full ε series (Fig. 2E of the review) is not tabulated in the text",
        ],
    },
];

/// The preset with this id.
pub fn find_preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id.eq_ignore_ascii_case(id))
}
