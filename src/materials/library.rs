//! The materials library: active materials, solid electrolytes, carbons and
//! current collectors, each property with its source.
//!
//! Densities are of the dense material (g/cm³); specific capacities are
//! practical ones (mAh/g); potentials are average discharge potentials vs
//! Li⁺/Li (V); conductivities are total room-temperature (25 °C) ionic
//! conductivities (S/cm); activation energies in eV.

use serde::Serialize;

use super::Property;

/// An electrode active material.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ActiveMaterial {
    /// Short id used by the CLI and URLs (`lco`, `nmc811`, …).
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip)]
    pub aliases: &'static [&'static str],
    pub density_g_per_cm3: Property,
    pub specific_capacity_mah_per_g: Property,
    pub average_potential_v_vs_li: Property,
}

/// Vogel–Tammann–Fulcher parameters, σ(T) = A·T^(−1/2)·exp(−B/(T − T₀)).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Vtf {
    pub prefactor_s_k05_per_cm: Property,
    pub pseudo_activation_k: Property,
    pub t0_k: Property,
}

/// A solid (inorganic or polymer) electrolyte.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SolidElectrolyte {
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip)]
    pub aliases: &'static [&'static str],
    pub density_g_per_cm3: Property,
    pub sigma_s_per_cm_25c: Property,
    pub activation_energy_ev: Option<Property>,
    pub vtf: Option<Vtf>,
}

/// A carbon conductive additive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Carbon {
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip)]
    pub aliases: &'static [&'static str],
    pub density_g_per_cm3: Property,
}

/// A current-collector metal foil.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Collector {
    pub id: &'static str,
    pub name: &'static str,
    #[serde(skip)]
    pub aliases: &'static [&'static str],
    pub density_g_per_cm3: Property,
}

const KATO18: &str = "Kato et al., J. Phys. Chem. Lett. 9 (2018) 607";
const NITTA: &str =
    "Nitta et al., Mater. Today 18 (2015) 252, Table 1 (experimental capacity, average voltage)";
const NOH: &str = "Noh et al., J. Power Sources 233 (2013) 121 (0.1C, 3.0-4.3 V)";
const CRC: &str = "CRC Handbook of Chemistry and Physics (density of the element at 20-25 °C)";
const TYPICAL_OXIDE: &str = "typical crystallographic density of the layered/spinel oxide (several X-ray refinements agree within ~2 %)";

/// Density of Li metal, g/cm³ (CRC Handbook).
pub const LI_DENSITY_G_PER_CM3: f64 = 0.534;
/// Theoretical specific capacity of Li metal, mAh/g (Faraday's law, M = 6.941 g/mol).
pub const LI_CAPACITY_MAH_PER_G: f64 = 3861.0;

const fn c(value: f64, source: &'static str) -> Property {
    Property::cited(value, source)
}
const fn t(value: f64, source: &'static str) -> Property {
    Property::typical(value, source)
}

/// Active materials (cathodes first, then anodes).
pub static ACTIVE_MATERIALS: &[ActiveMaterial] = &[
    ActiveMaterial {
        id: "lco",
        name: "LiCoO2 (LCO)",
        aliases: &["LiCoO2"],
        density_g_per_cm3: c(5.05, KATO18),
        specific_capacity_mah_per_g: c(137.0, KATO18).or(148.0, NITTA),
        average_potential_v_vs_li: c(3.8, NITTA),
    },
    ActiveMaterial {
        id: "nmc111",
        name: "LiNi1/3Mn1/3Co1/3O2 (NMC111)",
        aliases: &["NMC", "NCM111", "NMC333"],
        density_g_per_cm3: t(4.7, TYPICAL_OXIDE),
        specific_capacity_mah_per_g: c(160.0, NITTA).or(163.0, NOH),
        average_potential_v_vs_li: c(3.7, NITTA),
    },
    ActiveMaterial {
        id: "nmc622",
        name: "LiNi0.6Mn0.2Co0.2O2 (NMC622)",
        aliases: &["NCM622"],
        density_g_per_cm3: t(4.7, TYPICAL_OXIDE),
        specific_capacity_mah_per_g: c(187.0, NOH),
        average_potential_v_vs_li: t(3.75, "typical; layered Ni-rich oxides discharge at 3.7-3.8 V (Noh et al. 2013)"),
    },
    ActiveMaterial {
        id: "nmc811",
        name: "LiNi0.8Mn0.1Co0.1O2 (NMC811)",
        aliases: &["NCM811"],
        density_g_per_cm3: t(4.75, TYPICAL_OXIDE),
        specific_capacity_mah_per_g: c(203.0, NOH),
        average_potential_v_vs_li: t(3.75, "typical; layered Ni-rich oxides discharge at 3.7-3.8 V (Noh et al. 2013)"),
    },
    ActiveMaterial {
        id: "nca",
        name: "LiNi0.8Co0.15Al0.05O2 (NCA)",
        aliases: &["LiNi0.8Co0.15Al0.05O2"],
        density_g_per_cm3: t(4.75, TYPICAL_OXIDE),
        specific_capacity_mah_per_g: c(199.0, NITTA),
        average_potential_v_vs_li: c(3.7, NITTA),
    },
    ActiveMaterial {
        id: "lfp",
        name: "LiFePO4 (LFP)",
        aliases: &["LiFePO4"],
        density_g_per_cm3: t(3.6, "typical olivine LiFePO4 crystallographic density (Padhi et al., J. Electrochem. Soc. 144 (1997) 1188, structure)"),
        specific_capacity_mah_per_g: c(165.0, NITTA),
        average_potential_v_vs_li: c(3.4, NITTA),
    },
    ActiveMaterial {
        id: "lmo",
        name: "LiMn2O4 (LMO)",
        aliases: &["LiMn2O4"],
        density_g_per_cm3: t(4.28, TYPICAL_OXIDE),
        specific_capacity_mah_per_g: c(120.0, NITTA),
        average_potential_v_vs_li: c(4.1, NITTA),
    },
    ActiveMaterial {
        id: "lto",
        name: "Li4Ti5O12 (LTO)",
        aliases: &["Li4Ti5O12"],
        density_g_per_cm3: t(3.48, "typical spinel Li4Ti5O12 crystallographic density"),
        specific_capacity_mah_per_g: t(165.0, "typical practical value; theoretical 175 mAh/g (Ohzuku et al., J. Electrochem. Soc. 142 (1995) 1431)"),
        average_potential_v_vs_li: c(1.55, "Ohzuku et al., J. Electrochem. Soc. 142 (1995) 1431"),
    },
    ActiveMaterial {
        id: "graphite",
        name: "Graphite",
        aliases: &["C6", "LiC6"],
        density_g_per_cm3: c(2.27, KATO18).or(2.26, "X-ray density of graphite, CRC Handbook of Chemistry and Physics"),
        specific_capacity_mah_per_g: c(370.0, KATO18).or(372.0, "theoretical for LiC6 (Faraday's law)"),
        average_potential_v_vs_li: c(0.1, "Kato et al., J. Phys. Chem. Lett. 9 (2018) 607 (U_a in the Eq. 19 analysis)"),
    },
    ActiveMaterial {
        id: "si",
        name: "Silicon",
        aliases: &["silicon"],
        density_g_per_cm3: c(2.33, CRC),
        specific_capacity_mah_per_g: c(3579.0, "Obrovac & Christensen, Electrochem. Solid-State Lett. 7 (2004) A93 (Li15Si4)"),
        average_potential_v_vs_li: t(0.4, "typical average delithiation potential of Si (Obrovac & Christensen 2004)"),
    },
    ActiveMaterial {
        id: "li",
        name: "Li metal",
        aliases: &["lithium", "li metal", "Li0"],
        density_g_per_cm3: c(LI_DENSITY_G_PER_CM3, CRC),
        specific_capacity_mah_per_g: c(LI_CAPACITY_MAH_PER_G, "theoretical (Faraday's law, M = 6.941 g/mol)"),
        average_potential_v_vs_li: c(0.0, "definition of the Li+/Li reference"),
    },
    ActiveMaterial {
        id: "liin",
        name: "Li-In alloy (LiIn)",
        aliases: &["Li-In", "LiIn", "In"],
        density_g_per_cm3: t(5.2, "estimate from the NaTl-type LiIn cell (a ~ 6.78 Å, Z = 8); uncertain"),
        specific_capacity_mah_per_g: t(233.0, "theoretical for LiIn per g of In (one Li per In); usually used in excess"),
        average_potential_v_vs_li: c(0.62, "Santhosha et al., Batteries & Supercaps 2 (2019) 524"),
    },
];

const KAMAYA: &str = "Kamaya et al., Nat. Mater. 10 (2011) 682";
const SULFIDE_DENSITY: &str = "typical density of thiophosphate SEs, ~2.0 g/cm³, as used for the SE by Kato et al., J. Phys. Chem. Lett. 9 (2018) 607";

/// Solid electrolytes (sulfides, oxides, polymer).
pub static SOLID_ELECTROLYTES: &[SolidElectrolyte] = &[
    SolidElectrolyte {
        id: "lgps",
        name: "Li10GeP2S12 (LGPS)",
        aliases: &["Li10GeP2S12"],
        density_g_per_cm3: c(2.0, KATO18),
        sigma_s_per_cm_25c: c(1.2e-2, "Kamaya et al., Nat. Mater. 10 (2011) 682; same value in Falco et al. 2019"),
        activation_energy_ev: Some(c(0.25, KAMAYA)),
        vtf: None,
    },
    SolidElectrolyte {
        id: "lps",
        name: "Li3PS4 glass (75Li2S-25P2S5, LPS)",
        aliases: &["Li3PS4", "75Li2S-25P2S5"],
        density_g_per_cm3: t(1.9, "typical for Li3PS4 glass; uncertain"),
        sigma_s_per_cm_25c: t(2e-4, "typical for 75Li2S-25P2S5 glass (Tatsumisago & Hayashi, Solid State Ionics 225 (2012) 342)"),
        activation_energy_ev: Some(t(0.36, "typical for Li2S-P2S5 glasses (Tatsumisago & Hayashi 2012); uncertain")),
        vtf: None,
    },
    SolidElectrolyte {
        id: "lpsi",
        name: "Li3PS4-LiI glass (LPS:LiI 67:33 wt%, LPSI)",
        aliases: &["LPS-LiI", "LPSI", "Li3PS4-LiI"],
        density_g_per_cm3: t(2.15, "derived from Hlushkou et al., J. Power Sources 396 (2018) 363: LCO/SE 59:41 wt% = 38:62 vol% with LCO 5.05 g/cm³ (±3 % from the rounding)"),
        sigma_s_per_cm_25c: c(7e-4, "Hlushkou et al., J. Power Sources 396 (2018) 363, as quoted by Falco et al. 2019"),
        activation_energy_ev: None,
        vtf: None,
    },
    SolidElectrolyte {
        id: "lpscl",
        name: "Li6PS5Cl (argyrodite, LPSC)",
        aliases: &["Li6PS5Cl", "argyrodite"],
        density_g_per_cm3: t(1.64, "typical crystallographic density of Li6PS5Cl"),
        sigma_s_per_cm_25c: c(1.33e-3, "Boulineau et al., Solid State Ionics 221 (2012) 1")
            .or(1.4e-5, "Falco et al. 2019, section 3.3 (likely a misprint of 1.4e-3)"),
        activation_energy_ev: None,
        vtf: None,
    },
    SolidElectrolyte {
        id: "lspscl",
        name: "Li9.54Si1.74P1.44S11.7Cl0.3 (LSPSC)",
        aliases: &["Li9.54Si1.74P1.44S11.7Cl0.3", "LSPSC"],
        density_g_per_cm3: t(2.0, SULFIDE_DENSITY),
        sigma_s_per_cm_25c: c(2.5e-2, "Kato et al., Nat. Energy 1 (2016) 16030; same value in Falco et al. 2019"),
        activation_energy_ev: None,
        vtf: None,
    },
    SolidElectrolyte {
        id: "llzo",
        name: "Li7La3Zr2O12 (cubic garnet, LLZO)",
        aliases: &["Li7La3Zr2O12", "garnet"],
        density_g_per_cm3: t(5.1, "typical crystallographic density of cubic LLZO"),
        sigma_s_per_cm_25c: c(3e-4, "Murugan et al., Angew. Chem. Int. Ed. 46 (2007) 7778 (total, 25 °C)")
            .or(1e-4, "Falco et al. 2019, section 3.2.1 (order of magnitude)"),
        activation_energy_ev: Some(t(
            0.32,
            "typical for cubic LLZO (0.3-0.35 eV; Murugan et al., Angew. Chem. Int. Ed. 46 (2007) 7778); uncertain",
        )),
        vtf: None,
    },
    SolidElectrolyte {
        id: "latp",
        name: "Li1.3Al0.3Ti1.7(PO4)3 (NASICON, LATP)",
        aliases: &["Li1.3Al0.3Ti1.7(PO4)3"],
        density_g_per_cm3: t(2.9, "typical density of sintered LATP"),
        sigma_s_per_cm_25c: c(7e-4, "Aono et al., J. Electrochem. Soc. 137 (1990) 1023")
            .or(1e-3, "Falco et al. 2019, introduction (order of magnitude)"),
        activation_energy_ev: None,
        vtf: None,
    },
    SolidElectrolyte {
        id: "llto",
        name: "Li3xLa2/3-xTiO3 (perovskite, LLTO)",
        aliases: &["Li0.34La0.51TiO2.94"],
        density_g_per_cm3: t(5.0, "typical density of LLTO; uncertain"),
        sigma_s_per_cm_25c: c(1e-3, "Inaguma et al., Solid State Commun. 86 (1993) 689 (bulk; total is lower); ~1e-3 also in Falco et al. 2019"),
        activation_energy_ev: Some(t(0.4, "typical bulk value (Inaguma et al. 1993); uncertain")),
        vtf: None,
    },
    SolidElectrolyte {
        id: "lipon",
        name: "LiPON (thin film)",
        aliases: &["Li3PO4-N"],
        density_g_per_cm3: t(2.5, "typical for sputtered LiPON films; uncertain"),
        sigma_s_per_cm_25c: c(2e-6, "Bates et al., Solid State Ionics 53-56 (1992) 647"),
        activation_energy_ev: Some(c(0.55, "Bates et al., Solid State Ionics 53-56 (1992) 647")),
        vtf: None,
    },
    SolidElectrolyte {
        id: "peo",
        name: "PEO-LiTFSI (solid polymer electrolyte)",
        aliases: &["PEO-LiTFSI", "PEO"],
        density_g_per_cm3: t(1.2, "typical for PEO (1.13 amorphous to 1.24 crystalline) with dissolved LiTFSI; uncertain"),
        sigma_s_per_cm_25c: t(1e-5, "typical below the PEO melting point; Falco et al. 2019 give < 1e-4 S/cm at RT for PEO-based SPEs"),
        activation_energy_ev: None,
        vtf: None,
    },
];

/// Carbon conductive additives. Skeletal densities of carbon blacks and
/// fibres are all close to 2 g/cm³; only acetylene black's is from the
/// analysis that uses it.
pub static CARBONS: &[Carbon] = &[
    Carbon {
        id: "ab",
        name: "Acetylene black (AB)",
        aliases: &["acetylene black"],
        density_g_per_cm3: c(2.0, KATO18),
    },
    Carbon {
        id: "superp",
        name: "Super P / C65 carbon black",
        aliases: &["Super P", "C65", "Super C65", "SP", "CB"],
        density_g_per_cm3: t(
            1.9,
            "typical skeletal density of furnace carbon blacks (1.8-2.1 g/cm³); uncertain",
        ),
    },
    Carbon {
        id: "ketjen",
        name: "Ketjen black (KB)",
        aliases: &["KB", "KJ", "Ketjenblack"],
        density_g_per_cm3: t(
            1.9,
            "typical skeletal density of carbon blacks (1.8-2.1 g/cm³); uncertain",
        ),
    },
    Carbon {
        id: "vgcf",
        name: "Vapour-grown carbon fibre (VGCF)",
        aliases: &["carbon fibre", "carbon fiber"],
        density_g_per_cm3: t(
            2.0,
            "typical true density of graphitised VGCF (manufacturer data ~2.0 g/cm³)",
        ),
    },
];

/// Current-collector metals.
pub static COLLECTORS: &[Collector] = &[
    Collector {
        id: "al",
        name: "Aluminium",
        aliases: &["aluminum", "Al foil"],
        density_g_per_cm3: c(2.70, CRC),
    },
    Collector {
        id: "cu",
        name: "Copper",
        aliases: &["Cu foil"],
        density_g_per_cm3: c(8.96, CRC),
    },
    Collector {
        id: "ni",
        name: "Nickel",
        aliases: &["Ni foil"],
        density_g_per_cm3: c(8.91, CRC),
    },
    Collector {
        id: "ss",
        name: "Stainless steel (AISI 304)",
        aliases: &["stainless steel", "SUS", "SUS304"],
        density_g_per_cm3: t(7.9, "typical for AISI 304 stainless steel"),
    },
];
