use super::*;

fn li_metal_stack() -> Stack {
    Stack {
        cathode: Layer {
            thickness_cm: 0.010,
            density_g_per_cm3: 3.0,
        },
        separator: Layer {
            thickness_cm: 0.003,
            density_g_per_cm3: 2.0,
        },
        anode: Anode::LiMetal {
            excess_thickness_cm: 0.002,
        },
        cathode_collector: Layer {
            thickness_cm: 0.001,
            density_g_per_cm3: 2.70,
        },
        anode_collector: Layer {
            thickness_cm: 0.001,
            density_g_per_cm3: 8.96,
        },
    }
}

#[test]
fn hand_computed_li_metal_stack() {
    // Masses (g/cm²): cathode 0.010 × 3.0 = 0.030; separator 0.003 × 2.0 = 0.006;
    // Li excess 0.002 × 0.534 = 0.001068; Al 0.001 × 2.70 = 0.0027;
    // Cu 0.001 × 8.96 = 0.00896. Total 0.048728 g/cm².
    // Delivered 3 mAh/cm² (10.8 C/cm²) from 3.8 V down to 3.0 V: V̄ = 3.4 V,
    // E = 3 mAh × 3.4 V = 10.2 mWh/cm² → 0.0102 / 0.048728e-3 = 209.33 Wh/kg.
    // Plated Li: 3 mAh/cm² / (3861 mAh/g × 0.534 g/cm³ = 2061.77 mAh/cm³)
    // = 0.0014551 cm; thickness 0.010 + 0.003 + 0.002 + 0.0014551 + 0.002
    // = 0.0184551 cm = 1.84551e-5 L per cm² → 0.0102 / 1.84551e-5 = 552.69 Wh/L.
    // Power at 2 mA/cm²: 0.002 × 3.4 = 0.0068 W/cm² → 139.55 W/kg.
    let d = Discharge {
        current_a_per_cm2: 2e-3,
        capacity_c_per_cm2: 10.8,
        start_voltage_v: 3.8,
        end_voltage_v: 3.0,
    };
    let e = stack_energy(&li_metal_stack(), &d).unwrap();
    assert!((e.areal_mass_g_per_cm2 - 0.048728).abs() < 1e-9);
    assert!((e.mean_voltage_v - 3.4).abs() < 1e-12);
    assert!((e.delivered_mah_per_cm2 - 3.0).abs() < 1e-12);
    assert!((e.wh_per_kg - 209.33).abs() < 0.01, "{}", e.wh_per_kg);
    assert!((e.wh_per_l - 552.69).abs() < 0.02, "{}", e.wh_per_l);
    assert!((e.w_per_kg - 139.55).abs() < 0.01, "{}", e.w_per_kg);
    assert_eq!(e.target, TARGET_LI_METAL);
    assert!(!e.meets_wh_per_kg && !e.meets_wh_per_l);
}

#[test]
fn composite_anode_uses_li_ion_target_and_no_plating() {
    let mut s = li_metal_stack();
    s.anode = Anode::Composite(Layer {
        thickness_cm: 0.008,
        density_g_per_cm3: 2.1,
    });
    // Mass 0.048728 − 0.001068 + 0.0168 = 0.06446 g/cm²; thickness 0.023 cm.
    assert!((s.areal_mass_g_per_cm2() - 0.06446).abs() < 1e-9);
    assert!((s.thickness_cm(10.8).unwrap() - 0.023).abs() < 1e-12);
    assert_eq!(s.target(), TARGET_LI_ION);
}

#[test]
fn lithium_thickness_of_one_mah() {
    // 1 mAh/cm² of Li: 1/3861 g = 2.59e-4 g → /0.534 = 4.850e-4 cm = 4.85 µm.
    let t = lithium_thickness_cm(3.6).unwrap();
    assert!((t - 4.850e-4).abs() < 1e-7, "{t}");
}

#[test]
fn energy_falls_and_power_rises_along_a_ragone_series() {
    // A toy discharge: capacity falls linearly with current, V̄ constant.
    let currents = log_spaced_currents(1e-4, 1e-2, 9).unwrap();
    assert!((currents[0] - 1e-4).abs() < 1e-18 && (currents[8] - 1e-2).abs() < 1e-15);
    let series = ragone(&li_metal_stack(), &currents, |i| {
        Ok(Discharge {
            current_a_per_cm2: i,
            capacity_c_per_cm2: 10.8 * (1.0 - 50.0 * i),
            start_voltage_v: 3.8,
            end_voltage_v: 3.0,
        })
    })
    .unwrap();
    for w in series.windows(2) {
        assert!(w[1].wh_per_kg < w[0].wh_per_kg && w[1].w_per_kg > w[0].w_per_kg);
    }
}

#[test]
fn bad_input_is_named() {
    let mut s = li_metal_stack();
    s.separator.density_g_per_cm3 = 0.0;
    let d = Discharge {
        current_a_per_cm2: 1e-3,
        capacity_c_per_cm2: 1.0,
        start_voltage_v: 3.8,
        end_voltage_v: 3.0,
    };
    let msg = stack_energy(&s, &d).unwrap_err().to_string();
    assert!(msg.contains("separator.density_g_per_cm3"), "{msg}");
    let bad = Discharge {
        current_a_per_cm2: 0.0,
        ..d
    };
    assert!(stack_energy(&li_metal_stack(), &bad).is_err());
    assert!(ragone(&li_metal_stack(), &[], |_| Ok(d)).is_err());
    assert!(log_spaced_currents(1e-3, 1e-4, 5).is_err());
    assert!(mean_discharge_voltage_v(f64::NAN, 3.0).is_err());
    let huge = Discharge {
        capacity_c_per_cm2: 1e308,
        start_voltage_v: 1e308,
        end_voltage_v: 1e308,
        ..d
    };
    assert!(stack_energy(&li_metal_stack(), &huge).is_err());
}

fn kato_cell() -> crate::physics::capacity::Cell {
    // The 600 µm cathode; the anode's thickness is left open.
    crate::physics::capacity::tests::kato(Some(600.0), None)
}

#[test]
fn eq19_discharge_at_the_ohmic_limit_ends_at_the_cutoff() {
    // Kato's cell at 6 mA/cm² (MODELS.md: 13.2 mAh/cm², ohmic limit):
    // V(0) = 4.1 − 0.1 − 8 × 0.006 = 3.952 V, V(t_d) = V_cutoff = 2.5 V.
    let d = discharge_from_cell(&kato_cell(), 6e-3).unwrap();
    assert!(
        (d.capacity_c_per_cm2 / 3.6 - 13.2).abs() < 0.05,
        "{}",
        d.capacity_c_per_cm2 / 3.6
    );
    assert!((d.start_voltage_v - 3.952).abs() < 1e-9);
    assert!((d.end_voltage_v - 2.5).abs() < 1e-9);
}

#[test]
fn eq19_discharge_clamped_by_the_full_cathode_ends_above_the_cutoff() {
    // At 0.5 mA/cm² the 600 µm cathode empties first: C = 953 × 0.06 = 57.18 C/cm².
    // K = (1/(953 × 0.73e-3) + 1/(1298 × 0.21e-3))^-1 = (1.43742 + 3.66865)^-1 = 0.195845;
    // V(0) = 4.0 − 8 × 5e-4 = 3.996 V; V(t_d) = 3.996 − 57.18 × 5e-4 / 0.195845 = 3.8500 V.
    let d = discharge_from_cell(&kato_cell(), 5e-4).unwrap();
    assert!((d.capacity_c_per_cm2 - 57.18).abs() < 1e-9);
    assert!(
        (d.end_voltage_v - 3.8500).abs() < 2e-4,
        "{}",
        d.end_voltage_v
    );
    let e = stack_energy_eq19(&li_metal_stack(), &kato_cell(), 5e-4).unwrap();
    assert!((e.mean_voltage_v - 0.5 * (3.996 + 3.8500)).abs() < 2e-4);
    let series = ragone_eq19(&li_metal_stack(), &kato_cell(), &[5e-4, 6e-3, 0.3]).unwrap();
    // At 300 mA/cm², R_0·i = 2.4 V exceeds the 1.5 V window: nothing delivered.
    assert_eq!(series[2].delivered_mah_per_cm2, 0.0);
    assert!(series[0].wh_per_kg > series[1].wh_per_kg && series[1].wh_per_kg > series[2].wh_per_kg);
}
