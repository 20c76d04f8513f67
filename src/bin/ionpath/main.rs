//! `ionpath`: the command-line face of the core. Parse flags → validate →
//! call the core → print CSV/JSON. Every failure is one line on stderr that
//! names the flag or file at fault, and a non-zero exit; never a panic.

// One module per subcommand; `cli` parses flags and dispatches to them.
#[cfg(not(target_arch = "wasm32"))]
mod capacity;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod convert;
#[cfg(not(target_arch = "wasm32"))]
mod discharge;
#[cfg(not(target_arch = "wasm32"))]
mod drt;
#[cfg(not(target_arch = "wasm32"))]
mod energy;
#[cfg(not(target_arch = "wasm32"))]
mod energy_design;
#[cfg(not(target_arch = "wasm32"))]
mod fit;
#[cfg(not(target_arch = "wasm32"))]
mod fit_conductivity;
#[cfg(not(target_arch = "wasm32"))]
mod fit_discharge;
#[cfg(not(target_arch = "wasm32"))]
mod fit_rate;
#[cfg(not(target_arch = "wasm32"))]
mod fit_report;
#[cfg(not(target_arch = "wasm32"))]
mod fit_tortuosity;
#[cfg(not(target_arch = "wasm32"))]
mod kk;
#[cfg(not(target_arch = "wasm32"))]
mod materials;
#[cfg(not(target_arch = "wasm32"))]
mod micro;
#[cfg(not(target_arch = "wasm32"))]
mod simulate;
#[cfg(not(target_arch = "wasm32"))]
mod spectra;
#[cfg(not(target_arch = "wasm32"))]
mod table;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}

/// The CLI is native only; on wasm32 the page is the interface.
#[cfg(target_arch = "wasm32")]
fn main() {}
