use super::*;
use crate::numerics::roots::bisect;
use crate::physics::tortuosity::Microstructure;
use crate::units::{coulomb_to_mah, ma_to_a, ms_to_s, um_to_cm};
use proptest::prelude::*;

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs())
}

/// Kato et al.'s full cell (MODELS.md), thicknesses optional; the other
/// modules' tests use it too.
pub(crate) fn kato(l_c_um: Option<f64>, l_a_um: Option<f64>) -> Cell {
    Cell {
        cathode: Electrode {
            capacity_c_per_cm3: 953.0,
            sigma_eff_s_per_cm: ms_to_s(0.73),
            thickness_cm: l_c_um.map(um_to_cm),
        },
        anode: Some(Electrode {
            capacity_c_per_cm3: 1298.0,
            sigma_eff_s_per_cm: ms_to_s(0.21),
            thickness_cm: l_a_um.map(um_to_cm),
        }),
        u_c_v: 4.1,
        u_a_v: 0.1,
        v_cutoff_v: 2.5,
        r0_ohm_cm2: 8.0,
    }
}

fn half(cell: Cell) -> Cell {
    Cell {
        anode: None,
        ..cell
    }
}

#[test]
fn kato_13_2_mah_at_6_ma() {
    let c = reaction_zone_capacity_c_per_cm2(&kato(None, None), ma_to_a(6.0)).unwrap();
    // Published: 13.2 mAh/cm².
    assert!(
        (coulomb_to_mah(c) - 13.2).abs() < 0.05,
        "{}",
        coulomb_to_mah(c)
    );
    // By hand: q_c·σ_c = 0.69569, q_a·σ_a = 0.27258; K = 1/(1.437422 + 3.668648)
    // = 0.1958454; window 1.5 − 0.048 = 1.452 V; C = K·1.452/0.006 = 47.3946 C/cm².
    assert!(close(c, 47.3946, 1e-5), "{c}");
    let d = delivered_capacity(&kato(None, None), ma_to_a(6.0)).unwrap();
    assert_eq!(
        (d.limit, d.full_c_per_cm2, d.utilisation),
        (Limit::Ohmic, None, None)
    );
}

#[test]
fn half_cell_drops_the_anode_term() {
    // K = q_c·σ_c = 0.69569; C = 0.69569·1.452/0.006 = 168.35698 C/cm².
    let c = reaction_zone_capacity_c_per_cm2(&half(kato(None, None)), 6e-3).unwrap();
    assert!(close(c, 168.35698, 1e-7), "{c}");
}

#[test]
fn clamps_and_names_the_limit() {
    // 600 µm cathode holds 953·0.06 = 57.18 C/cm² (15.88 mAh/cm²; Kato: 15.7).
    let cell = kato(Some(600.0), None);
    let d = delivered_capacity(&cell, 6e-3).unwrap();
    assert_eq!(d.limit, Limit::Ohmic);
    assert!(close(d.full_c_per_cm2.unwrap(), 57.18, 1e-12));
    assert!(close(d.utilisation.unwrap(), 47.3946 / 57.18, 1e-5));
    // At 1 mA/cm² Eq. 19 gives 0.1958454·1.492/0.001 = 292.2 > 57.18.
    let d = delivered_capacity(&cell, 1e-3).unwrap();
    assert_eq!((d.limit, d.utilisation), (Limit::CathodeFull, Some(1.0)));
    assert!(close(d.capacity_c_per_cm2, 57.18, 1e-12));
    // A 20 µm anode holds 1298·0.002 = 2.596 C/cm² and runs out first.
    let d = delivered_capacity(&kato(Some(600.0), Some(20.0)), 1e-3).unwrap();
    assert_eq!(d.limit, Limit::AnodeFull);
    assert!(close(d.capacity_c_per_cm2, 2.596, 1e-12));
    // R_0·i ≥ 1.5 V from i = 0.1875 A/cm² on.
    let d = delivered_capacity(&cell, 0.2).unwrap();
    assert_eq!(
        (d.limit, d.capacity_c_per_cm2, d.utilisation),
        (Limit::NoneDelivered, 0.0, Some(0.0))
    );
    let names: Vec<_> = [
        Limit::Ohmic,
        Limit::CathodeFull,
        Limit::AnodeFull,
        Limit::NoneDelivered,
    ]
    .iter()
    .map(|l| l.to_string())
    .collect();
    assert_eq!(
        names,
        ["ohmic", "cathode-full", "anode-full", "none-delivered"]
    );
    assert_eq!(
        serde_json::to_string(&Limit::CathodeFull).unwrap(),
        "\"cathode-full\""
    );
}

#[test]
fn voltage_reaches_cutoff_at_the_ohmic_capacity() {
    let cell = kato(None, None);
    let i = 6e-3;
    let c = reaction_zone_capacity_c_per_cm2(&cell, i).unwrap();
    assert!((discharge_voltage_v(&cell, i, c / i).unwrap() - 2.5).abs() < 1e-12);
    assert!(close(
        discharge_voltage_v(&cell, i, 0.0).unwrap(),
        4.0 - 0.048,
        1e-14
    ));
    let curve = discharge_curve(&cell, i, 11).unwrap();
    assert_eq!(curve.len(), 11);
    assert!(curve.windows(2).all(|w| w[1].voltage_v < w[0].voltage_v));
    assert!((curve[10].voltage_v - 2.5).abs() < 1e-12);
    assert!(close(curve[10].capacity_c_per_cm2, c, 1e-12));
    assert_eq!(discharge_curve(&cell, 0.2, 11).unwrap().len(), 1);
    assert!(discharge_curve(&cell, i, 1).is_err());
    assert!(discharge_curve(&cell, i, usize::MAX).is_err());
}

#[test]
fn bad_cells_are_refused_by_name() {
    let mut cell = kato(Some(-5.0), None);
    let msg = delivered_capacity(&cell, 1e-3).unwrap_err().to_string();
    assert!(msg.contains("cathode.thickness_cm"), "{msg}");
    cell = kato(None, None);
    cell.anode = cell.anode.map(|a| Electrode {
        sigma_eff_s_per_cm: f64::NAN,
        ..a
    });
    let msg = delivered_capacity(&cell, 1e-3).unwrap_err().to_string();
    assert!(msg.contains("anode.sigma_eff_s_per_cm"), "{msg}");
    assert!(delivered_capacity(&kato(None, None), 0.0).is_err());
    assert!(delivered_capacity(
        &Cell {
            r0_ohm_cm2: -1.0,
            ..kato(None, None)
        },
        1e-3
    )
    .is_err());
}

/// Brackets a root on [lo, hi] of a monotone function by bisection: the
/// independent check of the closed-form solves.
fn solve_numerically(f: impl FnMut(f64) -> f64, lo: f64, hi: f64) -> f64 {
    bisect(f, lo, hi, 1e-13).unwrap()
}

fn cathode_fraction(cell: &Cell, i: f64) -> f64 {
    let d = delivered_capacity(cell, i).unwrap();
    d.capacity_c_per_cm2 / cell.cathode.full_capacity_c_per_cm2().unwrap()
}

#[test]
fn closed_forms_agree_with_bisection() {
    let f = 0.8;
    // (a) thickness.
    let cell = kato(None, None);
    let l = max_cathode_thickness_cm(&cell, 6e-3, f).unwrap();
    let with = |l: f64| Cell {
        cathode: Electrode {
            thickness_cm: Some(l),
            ..cell.cathode
        },
        ..cell
    };
    let l_num = solve_numerically(|l| cathode_fraction(&with(l), 6e-3) - f, 1e-4, 10.0);
    assert!(close(l, l_num, 1e-9), "{l} vs {l_num}");
    // By hand: 47.3946/(0.8·953) = 0.062165 cm = 621.65 µm.
    assert!(close(l, 0.062165, 1e-4), "{l}");
    // (c) current, 600 µm cathode.
    let cell = kato(Some(600.0), None);
    let i = max_current_a_per_cm2(&cell, f).unwrap();
    let i_num = solve_numerically(|i| cathode_fraction(&cell, i) - f, 1e-5, 0.18);
    assert!(close(i, i_num, 1e-9), "{i} vs {i_num}");
    // (b) conductivity, same SE in both electrodes.
    let m_c = Microstructure::Bruggeman {
        epsilon: 0.571,
        alpha: 0.5,
        k: 1.0,
    };
    let m_a = Microstructure::Tortuosity {
        epsilon: 0.571,
        tau: 3.32,
    };
    let s = min_electrolyte_conductivity_s_per_cm(&cell, 6e-3, f, &m_c, Some(&m_a)).unwrap();
    let at = |s: f64| {
        let mut c = cell;
        c.cathode.sigma_eff_s_per_cm = m_c.effective_conductivity_s_per_cm(s).unwrap();
        if let Some(a) = c.anode.as_mut() {
            a.sigma_eff_s_per_cm = m_a.effective_conductivity_s_per_cm(s).unwrap();
        }
        cathode_fraction(&c, 6e-3) - f
    };
    let s_num = solve_numerically(at, 1e-6, 10.0);
    assert!(close(s, s_num, 1e-9), "{s} vs {s_num}");
}

#[test]
fn impossible_designs_say_why() {
    // R_0·i = 8·0.2 = 1.6 V > 1.5 V window.
    let msg = max_cathode_thickness_cm(&kato(None, None), 0.2, 0.8)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("whole window"), "{msg}");
    let m = Microstructure::Bruggeman {
        epsilon: 0.5,
        alpha: 0.5,
        k: 1.0,
    };
    assert!(
        min_electrolyte_conductivity_s_per_cm(&kato(Some(100.0), None), 0.2, 0.8, &m, None)
            .is_err()
    );
    // No voltage window at all.
    let dead = Cell {
        v_cutoff_v: 4.0,
        ..kato(Some(100.0), None)
    };
    assert!(max_current_a_per_cm2(&dead, 0.5).is_err());
    // A 20 µm anode (2.596 C/cm²) can't take 0.8 of a 600 µm cathode (45.7 C/cm²).
    let small_anode = kato(Some(600.0), Some(20.0));
    let msg = max_current_a_per_cm2(&small_anode, 0.8)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("anode holds"), "{msg}");
    // With the anode's 0.21 mS/cm fixed, K < q_a·σ_a = 0.27258 whatever the cathode.
    // At 6 mA/cm² the 600 µm cell needs K* = 0.8·57.18·0.006/1.452 = 0.18902: reachable;
    // at 10 mA/cm² K* = 0.8·57.18·0.01/1.42 = 0.32214: not.
    assert!(
        min_electrolyte_conductivity_s_per_cm(&kato(Some(600.0), None), 6e-3, 0.8, &m, None)
            .is_ok()
    );
    let msg = min_electrolyte_conductivity_s_per_cm(&kato(Some(600.0), None), 1e-2, 0.8, &m, None)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("anode's conductivity"), "{msg}");
    // An anode microstructure makes no sense against Li metal.
    let cell = half(kato(Some(600.0), None));
    assert!(min_electrolyte_conductivity_s_per_cm(&cell, 6e-3, 0.8, &m, Some(&m)).is_err());
    // The solves that need L_c say so.
    assert!(max_current_a_per_cm2(&kato(None, None), 0.8).is_err());
    assert!(max_current_a_per_cm2(&kato(Some(600.0), None), 0.0).is_err());
}

fn arb_cell() -> impl Strategy<Value = Cell> {
    (
        (100.0f64..2000.0, 1e-5f64..1e-2, 10.0f64..1000.0),
        prop::option::of((100.0f64..2000.0, 1e-5f64..1e-2)),
        (2.0f64..4.5, 0.0f64..1.5, 0.0f64..20.0),
    )
        .prop_map(|((q_c, s_c, l_um), anode, (u_c, cut_gap, r0))| Cell {
            cathode: Electrode {
                capacity_c_per_cm3: q_c,
                sigma_eff_s_per_cm: s_c,
                thickness_cm: Some(um_to_cm(l_um)),
            },
            anode: anode.map(|(q_a, s_a)| Electrode {
                capacity_c_per_cm3: q_a,
                sigma_eff_s_per_cm: s_a,
                thickness_cm: None,
            }),
            u_c_v: u_c,
            u_a_v: 0.1,
            v_cutoff_v: u_c - 0.1 - 0.2 - cut_gap,
            r0_ohm_cm2: r0,
        })
}

proptest! {
    #[test]
    fn capacity_falls_with_current(cell in arb_cell(), i in 1e-5f64..0.1, factor in 1.0f64..10.0) {
        let low = delivered_capacity(&cell, i).unwrap().capacity_c_per_cm2;
        let high = delivered_capacity(&cell, i * factor).unwrap().capacity_c_per_cm2;
        prop_assert!(high <= low);
    }

    #[test]
    fn capacity_rises_with_conductivity(cell in arb_cell(), i in 1e-5f64..0.1, factor in 1.0f64..10.0) {
        let base = delivered_capacity(&cell, i).unwrap().capacity_c_per_cm2;
        let mut better = cell;
        better.cathode.sigma_eff_s_per_cm *= factor;
        prop_assert!(delivered_capacity(&better, i).unwrap().capacity_c_per_cm2 >= base);
        if let Some(a) = better.anode.as_mut() {
            a.sigma_eff_s_per_cm *= factor;
        }
        prop_assert!(delivered_capacity(&better, i).unwrap().capacity_c_per_cm2 >= base);
    }

    #[test]
    fn inverse_solves_feed_back(cell in arb_cell(), f in 0.05f64..1.0, i_ma in 0.01f64..10.0, alpha in 0.0f64..2.0) {
        let i = ma_to_a(i_ma);
        // (c) highest current.
        let i_max = max_current_a_per_cm2(&cell, f).unwrap();
        prop_assert!(close(cathode_fraction(&cell, i_max), f, 1e-9));
        // (a) largest thickness, where the current leaves any window.
        if let Ok(l) = max_cathode_thickness_cm(&cell, i, f) {
            let mut c = cell;
            c.cathode.thickness_cm = Some(l);
            prop_assert!(close(cathode_fraction(&c, i), f, 1e-9));
        }
        // (b) smallest σ_i, the same SE in both electrodes.
        let m = Microstructure::Bruggeman { epsilon: 0.5, alpha, k: 1.5 };
        let anode_m = cell.anode.map(|_| m);
        if let Ok(s) = min_electrolyte_conductivity_s_per_cm(&cell, i, f, &m, anode_m.as_ref()) {
            let mut c = cell;
            c.cathode.sigma_eff_s_per_cm = m.effective_conductivity_s_per_cm(s).unwrap();
            if let Some(a) = c.anode.as_mut() {
                a.sigma_eff_s_per_cm = m.effective_conductivity_s_per_cm(s).unwrap();
            }
            prop_assert!(close(cathode_fraction(&c, i), f, 1e-9));
        }
    }
}

#[test]
fn kato_ten_ms_claim_checked() {
    // Kato et al. claim σ_i ≥ 10 mS/cm lets 600 µm electrodes deliver full
    // capacity at 30 mA/cm². With their τ (cathode 2.47, anode 3.32) at
    // ε = 0.571 in both (the anode's 46/54 wt% graphite/SE also gives 0.571),
    // by hand: T = 953·0.06 = 57.18 C/cm², W = 1.5 − 8·0.03 = 1.26 V,
    // K* = 57.18·0.03/1.26 = 1.36143; g_c = 0.571/2.47 = 0.231174,
    // g_a = 0.571/3.32 = 0.171988; σ_i = K*·(1/(953·g_c) + 1/(1298·g_a))
    // = 1.36143·(4.53908e-3 + 4.47948e-3) = 12.278 mS/cm.
    let cathode = Microstructure::Tortuosity {
        epsilon: 0.571,
        tau: 2.47,
    };
    let anode = Microstructure::Tortuosity {
        epsilon: 0.571,
        tau: 3.32,
    };
    let cell = kato(Some(600.0), Some(600.0));
    let s =
        min_electrolyte_conductivity_s_per_cm(&cell, 0.03, 1.0, &cathode, Some(&anode)).unwrap();
    assert!(close(s, 12.278e-3, 1e-4), "{s}");
    // At 10 mS/cm the cell delivers K·W/i = 1.10888·1.26/0.03 = 46.57 C/cm², 81.4 %.
    let mut at_ten = cell;
    at_ten.cathode.sigma_eff_s_per_cm = cathode.effective_conductivity_s_per_cm(1e-2).unwrap();
    if let Some(a) = at_ten.anode.as_mut() {
        a.sigma_eff_s_per_cm = anode.effective_conductivity_s_per_cm(1e-2).unwrap();
    }
    let d = delivered_capacity(&at_ten, 0.03).unwrap();
    assert_eq!(d.limit, Limit::Ohmic);
    assert!(
        close(d.utilisation.unwrap(), 0.81446, 1e-4),
        "{:?}",
        d.utilisation
    );
}
