//! The impedance core as the page runs it, for timing from node
//! (bench/eis_wasm_bench.mjs): each export does one piece of work on a
//! seeded synthetic 71-point spectrum (1 MHz–0.1 Hz, 0.5 % noise) of
//! R-p(R,CPE)-p(R,CPE) and returns a number from the result, so nothing is
//! optimised away. Native builds compile to nothing. Built with the page's
//! profile (opt-level z, LTO, panic = abort).

#[cfg(target_arch = "wasm32")]
mod exports {
    use ionpath::fit::circuit_start::fit_circuit;
    use ionpath::fit::drt::{drt, DrtOptions};
    use ionpath::fit::kk::{kk_check, KkOptions};
    use ionpath::fit::synth::{log_frequencies, synthetic_spectrum, SplitMix64};
    use ionpath::fit::FitOptions;
    use ionpath::impedance::notation::parse_circuit;
    use ionpath::impedance::Model;
    use ionpath::Spectrum;

    const CIRCUIT: &str = "R-p(R,CPE)-p(R,CPE)";
    const TRUTH: [f64; 7] = [15.0, 120.0, 2e-6, 0.85, 300.0, 3e-3, 0.75];

    fn spectrum(seed: u32) -> Spectrum {
        let mut model = parse_circuit(CIRCUIT).expect("valid notation");
        model.set_params(&TRUTH).expect("valid values");
        synthetic_spectrum(&model, &log_frequencies(1e6, 0.1, 71), 0.005, &mut SplitMix64::new(seed as u64), "bench")
    }

    /// Fits the circuit with no guesses; returns the fitted r1 (Ω) or −1.
    #[no_mangle]
    pub extern "C" fn fit_two_zarcs(seed: u32) -> f64 {
        let s = spectrum(seed);
        let template = parse_circuit(CIRCUIT).expect("valid notation");
        fit_circuit(&template, &s, &FitOptions::default()).map_or(-1.0, |f| f.values()[1])
    }

    /// Lin-KK; returns the largest residual or −1.
    #[no_mangle]
    pub extern "C" fn kk_two_zarcs(seed: u32) -> f64 {
        kk_check(&spectrum(seed), &KkOptions::default()).map_or(-1.0, |k| k.max_residual)
    }

    /// DRT; returns the number of peaks or −1.
    #[no_mangle]
    pub extern "C" fn drt_two_zarcs(seed: u32) -> f64 {
        drt(&spectrum(seed), &DrtOptions::default()).map_or(-1.0, |d| d.peaks.len() as f64)
    }
}

