//! Plain `extern "C"` exports (no wasm-bindgen) for bench/micro_wasm.mjs.
//! With the `micro` feature: generate an electrode, solve τ, compute the
//! metrics, write and read a TIFF, simulate the impedance — everything the
//! page's microstructure workspace will call, so that all of it is linked.

#[cfg(feature = "micro")]
mod micro {
    use ionpath::micro::generate::{generate, Recipe};
    use ionpath::micro::impedance::{simulate, Electrode};
    use ionpath::micro::io::{read_volume, write_tiff};
    use ionpath::micro::metrics::{metrics, Roles};
    use ionpath::micro::transport::{tortuosity, Options};
    use ionpath::micro::{Axis, PhaseTable, Volume};
    use std::cell::RefCell;

    thread_local! {
        static VOLUME: RefCell<Option<Volume>> = const { RefCell::new(None) };
    }

    /// Generates the benchmark electrode of n³ voxels (0.25 µm; AM 0.50
    /// 5 ± 1 µm, SE 0.35 1.5 µm, carbon 0.05 0.5 µm, voids 0.10); 1 on success.
    #[no_mangle]
    pub extern "C" fn micro_generate(n: u32, seed: u32) -> u32 {
        let recipe = Recipe::benchmark(n as usize, u64::from(seed));
        match generate(&recipe) {
            Ok(v) => {
                VOLUME.with(|s| *s.borrow_mut() = Some(v));
                1
            }
            Err(_) => 0,
        }
    }

    /// τ of the SE (label 2) along x of the generated volume (NaN on failure).
    #[no_mangle]
    pub extern "C" fn micro_tau_se_x() -> f64 {
        VOLUME.with(|s| {
            let s = s.borrow();
            let Some(v) = s.as_ref() else { return f64::NAN };
            let Ok(p) = PhaseTable::new(v, &[(2, 1.0)]) else { return f64::NAN };
            match tortuosity(v, &p, &[Axis::X], &Options::default(), &mut |_| true) {
                Ok(r) => r[0].tau.unwrap_or(f64::NAN),
                Err(_) => f64::NAN,
            }
        })
    }

    /// The utilisation of the generated volume, after a TIFF round trip.
    #[no_mangle]
    pub extern "C" fn micro_metrics() -> f64 {
        VOLUME.with(|s| {
            let s = s.borrow();
            let Some(v) = s.as_ref() else { return f64::NAN };
            let Ok(bytes) = write_tiff(v) else { return f64::NAN };
            let Ok(back) = read_volume("v.tif", &bytes, &Default::default()) else { return f64::NAN };
            let m = metrics(&back, Some(Roles::GENERATED));
            m.utilisation.map_or(f64::NAN, |u| u.fraction)
        })
    }

    /// |Z| at 1 Hz of the generated volume's blocking electrode.
    #[no_mangle]
    pub extern "C" fn micro_impedance() -> f64 {
        VOLUME.with(|s| {
            let s = s.borrow();
            let Some(v) = s.as_ref() else { return f64::NAN };
            let Ok(ionic) = PhaseTable::new(v, &[(2, 1e-3)]) else { return f64::NAN };
            let e = Electrode { ionic, electronic: vec![1, 3], c_dl_f_per_cm2: 1e-5 };
            match simulate(v, &e, Some(&[1.0]), &mut |_, _| true) {
                Ok(s) => s.spectrum.z_ohm[0].norm(),
                Err(_) => f64::NAN,
            }
        })
    }
}

/// Always exported: links the library (and with it the page's own
/// exports) in both builds, so that their size difference is the
/// microstructure code alone.
#[no_mangle]
pub extern "C" fn harness_version() -> f64 {
    ionpath::units::um_to_cm(1.0)
}
