//! The jobs of the microstructure workspace, run in the page worker (or in
//! a native test): everything heavy — generating, reading, solving, the
//! metrics, the simulated spectrum, writing a TIFF — with the core
//! (`crate::micro`). Each job reports through `emit` as it goes, so the page
//! shows every result as soon as it exists; the bytes beside an event are a
//! volume's codes or a file's contents (empty otherwise).

use crate::micro::generate::generate;
use crate::micro::impedance::{simulate, Electrode};
use crate::micro::io::{read_volume, write_tiff, ReadOptions};
use crate::micro::metrics::{metrics, utilisation, Roles};
use crate::micro::transport::{Conduction, Options, Progress, Stage};
use crate::micro::{Axis, PhaseTable, Volume};

use super::super::inputs::In;
use super::super::state::State;
use super::model::{
    describe, recipe, sweep, Event, Job, MetricsSummary, PhaseRow, SimulatedSpectrum, Step,
    SweepPoint, Task, VolumeMeta, AM, CARBON, SE,
};
use crate::units::ms_to_s;

/// What a job works on besides the state.
pub enum Input<'a> {
    /// Nothing: generate from the state's recipe.
    Recipe,
    /// A file's name and bytes.
    File(&'a str, &'a [u8]),
    /// A volume the page holds: its metadata and codes.
    Volume(&'a VolumeMeta, &'a [u8]),
}

/// Runs `job` with `state` (decoded from the job's query) on `input`,
/// reporting every event through `emit`; the last event is `Done` or `Error`.
pub fn run(job: &Job, state: &State, input: Input, emit: &mut dyn FnMut(&Event, &[u8])) {
    let outcome = match job.task {
        Task::Run => run_volume(state, input, emit),
        Task::Sweep => run_sweep(state, emit),
        Task::Impedance => volume_of(input).and_then(|v| run_impedance(state, &v, emit)),
        Task::Tiff => volume_of(input).and_then(|v| {
            let bytes = write_tiff(&v).map_err(|e| e.to_string())?;
            emit(&Event::Tiff(tiff_name(job.volume.as_ref())), &bytes);
            Ok(())
        }),
    };
    match outcome {
        Ok(()) => emit(&Event::Done, &[]),
        Err(why) => emit(&Event::Error(why), &[]),
    }
}

/// The file name of a volume's TIFF.
fn tiff_name(meta: Option<&VolumeMeta>) -> String {
    let stem = meta.map_or("volume", |m| {
        m.name
            .rsplit_once('.')
            .filter(|_| !m.generated)
            .map_or(m.name.as_str(), |(stem, _)| stem)
    });
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{clean}.tif")
}

/// The volume a page sent with a job.
fn volume_of(input: Input) -> Result<Volume, String> {
    let Input::Volume(meta, codes) = input else {
        return Err("no volume was sent with the job".into());
    };
    let mut volume =
        Volume::from_u8(meta.shape, meta.voxel_um, codes.to_vec()).map_err(|e| e.to_string())?;
    let known = meta.labels.len();
    if known == 0 || known > 256 || codes.iter().any(|&c| usize::from(c) >= known) {
        return Err("the volume sent has codes without a label".into());
    }
    volume.labels = meta.labels.clone();
    Ok(volume)
}

/// The page's picture of `volume`.
fn meta_of(volume: &Volume, name: String, generated: bool) -> VolumeMeta {
    VolumeMeta {
        name,
        shape: volume.shape,
        voxel_um: volume.voxel_um,
        labels: volume.labels.clone(),
        present: volume.present_labels(),
        generated,
    }
}

fn run_volume(
    state: &State,
    input: Input,
    emit: &mut dyn FnMut(&Event, &[u8]),
) -> Result<(), String> {
    let (volume, name, generated) = match input {
        Input::Recipe => {
            let recipe = recipe(state)?;
            emit(&progress("generating the electrode", 0, 1, 0, 1.0), &[]);
            let volume = generate(&recipe).map_err(|e| e.to_string())?;
            (volume, describe(&recipe), true)
        }
        Input::File(name, bytes) => {
            emit(&progress(&format!("reading {name}"), 0, 1, 0, 1.0), &[]);
            let volume =
                read_volume(name, bytes, &ReadOptions::default()).map_err(|e| e.to_string())?;
            (volume, name.to_string(), false)
        }
        Input::Volume(meta, _) => {
            let (name, generated) = (meta.name.clone(), meta.generated);
            (volume_of(input)?, name, generated)
        }
    };
    let meta = meta_of(&volume, name, generated);
    emit(&Event::Volume(meta.clone()), &volume.codes);
    let order = meta.solve_order();
    let total = 3 * order.len();
    for (k, &label) in order.iter().enumerate() {
        let phase = PhaseTable::new(&volume, &[(label, 1.0)]).map_err(|e| e.to_string())?;
        let name = meta.phase_name(label);
        let what = |axis: Option<Axis>| {
            format!("τ of {name} along {}", axis.map_or("x, y, z", |a| a.name()))
        };
        let report = |emit: &mut dyn FnMut(&Event, &[u8]), p: &Progress| {
            let stage = match p.stage {
                Stage::Connectivity => "clusters for ",
                Stage::Setup => "multigrid for ",
                Stage::Solve => "",
            };
            let done = 3 * k + p.axis.map_or(0, |a| a.index());
            let text = format!("{stage}{}", what(p.axis));
            emit(
                &progress(&text, done, total, p.iteration, p.relative_residual),
                &[],
            );
            true
        };
        let conduction = Conduction::new(&volume, &phase, &mut |p| report(emit, p))
            .map_err(|e| e.to_string())?;
        for axis in Axis::ALL {
            let r = conduction
                .solve(axis, &Options::default(), &mut |p| report(emit, p))
                .map_err(|e| format!("{}: {e}", what(Some(axis))))?;
            emit(
                &Event::Row(PhaseRow {
                    label,
                    axis: axis.index(),
                    tau: r.tau,
                    reason: r.reason,
                    volume_fraction: r.volume_fraction,
                    percolating_fraction: r.percolating_fraction,
                    relative_conductivity: r.relative_conductivity,
                    iterations: r.iterations,
                    residual: r.residual,
                }),
                &[],
            );
            if k == 0 && axis == Axis::X {
                // The metrics after the first τ, before the other solves.
                emit(&progress("structure metrics", 1, total, 0, 1.0), &[]);
                emit(&Event::Metrics(summary(&volume, &meta)), &[]);
            }
        }
    }
    Ok(())
}

/// The metrics the page shows (the utilisation with the generator's labels).
fn summary(volume: &Volume, meta: &VolumeMeta) -> MetricsSummary {
    let roles = meta.generator_labels().then_some(Roles::GENERATED);
    let m = metrics(volume, roles);
    MetricsSummary {
        utilisation: m.utilisation.map(|u| [u.fraction, u.electronic, u.ionic]),
        am_se_per_cm: m
            .interfaces
            .iter()
            .find(|i| i.labels == (AM, SE))
            .filter(|_| roles.is_some())
            .map(|i| i.per_volume_per_cm),
        surfaces: m
            .phases
            .iter()
            .map(|p| (p.label, p.specific_surface_per_cm))
            .collect(),
    }
}

fn progress(what: &str, done: usize, total: usize, iteration: usize, residual: f64) -> Event {
    Event::Progress(Step {
        what: what.to_string(),
        done,
        total,
        iteration,
        residual,
    })
}

fn run_sweep(state: &State, emit: &mut dyn FnMut(&Event, &[u8])) -> Result<(), String> {
    let recipes = sweep(state)?;
    let total = recipes.len();
    for (k, (swept, recipe)) in recipes.iter().enumerate() {
        let mut point = SweepPoint {
            swept: *swept,
            se: recipe.se,
            am: recipe.am,
            tau: None,
            utilisation: None,
            error: None,
        };
        let what = format!("sweep: {}", describe(recipe));
        emit(&progress(&what, k, total, 0, 1.0), &[]);
        match generate(recipe) {
            Err(e) => point.error = Some(e.to_string()),
            Ok(volume) => {
                let counts = volume.counts();
                let n = volume.len() as f64;
                point.se = counts[SE as usize] as f64 / n;
                point.am = counts[AM as usize] as f64 / n;
                let mut report = |p: &Progress| {
                    emit(
                        &progress(&what, k, total, p.iteration, p.relative_residual),
                        &[],
                    );
                    true
                };
                let tau = PhaseTable::new(&volume, &[(SE, 1.0)]).and_then(|phase| {
                    Conduction::new(&volume, &phase, &mut report)?.solve(
                        Axis::X,
                        &Options::default(),
                        &mut report,
                    )
                });
                match tau {
                    Ok(r) => point.tau = r.tau,
                    Err(e) => point.error = Some(e.to_string()),
                }
                point.utilisation = utilisation(&volume, Roles::GENERATED).map(|u| u.fraction);
            }
        }
        emit(&Event::Point(point), &[]);
    }
    Ok(())
}

fn run_impedance(
    state: &State,
    volume: &Volume,
    emit: &mut dyn FnMut(&Event, &[u8]),
) -> Result<(), String> {
    let present = volume.present_labels();
    let has = |l: u16| present.iter().any(|&(p, _)| p == l);
    if !has(SE) || !has(AM) {
        return Err(
            "the simulated impedance needs the generator's labels: 2 for the SE and 1 for the \
             active material (3 carbon)"
                .into(),
        );
    }
    let sigma = ms_to_s(state.get(In::MicroSigmaMs));
    let c_dl = state.get(In::MicroCdlUf) * 1e-6;
    let electrode = Electrode {
        ionic: PhaseTable::new(volume, &[(SE, sigma)]).map_err(|e| e.to_string())?,
        electronic: [AM, CARBON].into_iter().filter(|&l| has(l)).collect(),
        c_dl_f_per_cm2: c_dl,
    };
    let mut total = 1;
    let simulated = simulate(volume, &electrode, None, &mut |k, iteration| {
        total = total.max(k + 1);
        emit(
            &progress(
                "impedance, frequency by frequency",
                k,
                total,
                iteration,
                1.0,
            ),
            &[],
        );
        true
    })
    .map_err(|e| e.to_string())?;
    let counts = volume.counts();
    emit(
        &Event::Spectrum(SimulatedSpectrum {
            freq_hz: simulated.spectrum.freq_hz.clone(),
            z_re_ohm: simulated.spectrum.z_ohm.iter().map(|z| z.re).collect(),
            z_im_ohm: simulated.spectrum.z_ohm.iter().map(|z| z.im).collect(),
            thickness_cm: simulated.thickness_cm,
            area_cm2: simulated.area_cm2,
            epsilon: counts[SE as usize] as f64 / volume.len() as f64,
        }),
        &[],
    );
    Ok(())
}

#[cfg(test)]
mod tests;
