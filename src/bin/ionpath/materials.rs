//! `ionpath materials`: the materials library (and the review's Table 1,
//! the published presets, the literature τ–ε series) as JSON or CSV.

use clap::{Args, ValueEnum};
use ionpath::io::csv::push_row;
use ionpath::materials::library::{ACTIVE_MATERIALS, CARBONS, COLLECTORS, SOLID_ELECTROLYTES};
use ionpath::materials::ocp_data::OCP_CURVES;
use ionpath::materials::presets::PRESETS;
use ionpath::materials::table1::TABLE1;
use ionpath::materials::tortuosity_data::TAU_SERIES;
use ionpath::materials::{library, Property};

use crate::cli::CliResult;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Set {
    /// Active materials, solid electrolytes, carbons, current collectors.
    Library,
    /// The review's Table 1 (JSON only).
    Table1,
    /// Published analyses with their figures (JSON only).
    Presets,
    /// Literature τ vs ε series.
    Tortuosity,
    /// Open-circuit potential curves (the fits `ionpath discharge --ocp` takes by id).
    Ocp,
}

/// List the materials library and reference data, every number with its source.
#[derive(Args)]
pub struct MaterialsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Which data set to list.
    #[arg(long, value_enum, default_value = "library")]
    set: Set,
}

pub fn run(args: MaterialsArgs) -> CliResult {
    let text = match (args.set, args.format) {
        (Set::Library, Format::Json) => json(&library())?,
        (Set::Table1, Format::Json) => json(&TABLE1)?,
        (Set::Presets, Format::Json) => json(&PRESETS)?,
        (Set::Tortuosity, Format::Json) => json(&TAU_SERIES)?,
        (Set::Ocp, Format::Json) => json(&OCP_CURVES)?,
        (Set::Ocp, Format::Csv) => {
            let mut out = String::from("id,name,c_max_mol_per_l,source\n");
            for c in OCP_CURVES {
                let fields = [
                    c.id.to_string(),
                    c.name.into(),
                    c.c_max_mol_per_l.to_string(),
                    c.source.into(),
                ];
                push_row(&mut out, fields);
            }
            out
        }
        (Set::Library, Format::Csv) => library_csv(),
        (Set::Tortuosity, Format::Csv) => tortuosity_csv(),
        (Set::Table1 | Set::Presets, Format::Csv) => {
            return Err("--format csv: table1 and presets are nested; use --format json".into())
        }
    };
    print!("{text}");
    Ok(())
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| format!("--format json: {e}"))
}

fn row(out: &mut String, group: &str, id: &str, name: &str, property: &str, p: &Property) {
    let (other_value, other_source) = match p.other {
        Some(o) => (o.value.to_string(), o.source),
        None => (String::new(), ""),
    };
    let fields = [
        group.to_string(),
        id.to_string(),
        name.to_string(),
        property.to_string(),
        p.value.to_string(),
        p.typical.to_string(),
        p.source.to_string(),
        other_value,
        other_source.to_string(),
    ];
    push_row(out, fields);
}

/// Long format: one line per (entry, property); the property name carries the unit.
fn library_csv() -> String {
    let mut out =
        String::from("group,id,name,property,value,typical,source,other_value,other_source\n");
    for m in ACTIVE_MATERIALS {
        row(
            &mut out,
            "active_material",
            m.id,
            m.name,
            "density_g_per_cm3",
            &m.density_g_per_cm3,
        );
        row(
            &mut out,
            "active_material",
            m.id,
            m.name,
            "specific_capacity_mah_per_g",
            &m.specific_capacity_mah_per_g,
        );
        row(
            &mut out,
            "active_material",
            m.id,
            m.name,
            "average_potential_v_vs_li",
            &m.average_potential_v_vs_li,
        );
    }
    for m in SOLID_ELECTROLYTES {
        row(
            &mut out,
            "solid_electrolyte",
            m.id,
            m.name,
            "density_g_per_cm3",
            &m.density_g_per_cm3,
        );
        row(
            &mut out,
            "solid_electrolyte",
            m.id,
            m.name,
            "sigma_s_per_cm_25c",
            &m.sigma_s_per_cm_25c,
        );
        if let Some(ea) = &m.activation_energy_ev {
            row(
                &mut out,
                "solid_electrolyte",
                m.id,
                m.name,
                "activation_energy_ev",
                ea,
            );
        }
    }
    for m in CARBONS {
        row(
            &mut out,
            "carbon",
            m.id,
            m.name,
            "density_g_per_cm3",
            &m.density_g_per_cm3,
        );
    }
    for m in COLLECTORS {
        row(
            &mut out,
            "current_collector",
            m.id,
            m.name,
            "density_g_per_cm3",
            &m.density_g_per_cm3,
        );
    }
    out
}

fn tortuosity_csv() -> String {
    let mut out = String::from("series,epsilon_basis,epsilon,tau,tau_uncertainty,method,source\n");
    for s in TAU_SERIES {
        let basis = match s.epsilon_basis {
            ionpath::materials::tortuosity_data::EpsilonBasis::Dense => "dense",
            ionpath::materials::tortuosity_data::EpsilonBasis::WithVoids => "with_voids",
        };
        for p in s.points {
            let u = p.tau_uncertainty.map(|u| u.to_string()).unwrap_or_default();
            let fields = [
                s.id.to_string(),
                basis.into(),
                p.epsilon.to_string(),
                p.tau.to_string(),
                u,
                p.method.into(),
                s.source.into(),
            ];
            push_row(&mut out, fields);
        }
    }
    out
}
