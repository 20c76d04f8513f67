//! The microstructure workspace's model: the generator's recipe and the
//! composition sweep from the page state (display units → the core's), and
//! the messages between the page and the worker that runs the heavy work
//! ([`super::run`]). The page thread only builds and reads these; it never
//! calls the microstructure core itself.

use serde::{Deserialize, Serialize};

use crate::micro::generate::Recipe;
use crate::micro::Axis;

use super::super::choices::Sweep;
use super::super::format::number;
use super::super::inputs::In;
use super::super::state::State;

/// Most voxels the page generates (300³): the worker's memory and a wait of
/// a minute or so; larger volumes are for the CLI.
pub const MAX_PAGE_VOXELS: usize = 27_000_000;

/// The generator's recipe of the state (sizes in µm, fractions of 1).
pub fn recipe(state: &State) -> Result<Recipe, String> {
    let fraction = |input| state.get(input) / 100.0;
    let recipe = Recipe {
        size_um: [
            state.get(In::MicroThicknessUm),
            state.get(In::MicroWidthUm),
            state.get(In::MicroWidthUm),
        ],
        voxel_um: state.get(In::MicroVoxelUm),
        am: fraction(In::MicroAmPct),
        se: fraction(In::MicroSePct),
        carbon: fraction(In::MicroCarbonPct),
        void: fraction(In::MicroVoidPct),
        d_am_um: state.get(In::MicroDAmUm),
        d_am_sd_um: state.get(In::MicroDAmSdUm),
        d_se_um: state.get(In::MicroDSeUm),
        d_carbon_um: state.get(In::MicroDCarbonUm),
        seed: state.get(In::MicroSeed) as u64,
    };
    let shape = recipe.shape().map_err(|e| e.to_string())?;
    let voxels: usize = shape.iter().product();
    if voxels > MAX_PAGE_VOXELS {
        return Err(format!(
            "{}×{}×{} voxels: the page generates at most 300³ = 27 million; \
             make the voxels larger or the box smaller (or use `ionpath micro generate`)",
            shape[0], shape[1], shape[2]
        ));
    }
    Ok(recipe)
}

/// The recipes of the sweep: the swept fraction (SE or AM) at `n` evenly
/// spaced values, the other three fractions scaled in proportion so that
/// the four still add up to 1; the rest of the recipe (and the seed) as
/// in [`recipe`]. Each with its swept fraction.
pub fn sweep(state: &State) -> Result<Vec<(f64, Recipe)>, String> {
    let base = recipe(state)?;
    let (from, to) = (
        state.get(In::SweepFromPct) / 100.0,
        state.get(In::SweepToPct) / 100.0,
    );
    let n = state.get(In::SweepPoints) as usize;
    let swept = state.choice::<Sweep>();
    let (rest, name) = match swept {
        Sweep::Se => (1.0 - base.se, "SE"),
        Sweep::Am => (1.0 - base.am, "active material"),
    };
    if rest <= 0.0 {
        return Err(format!(
            "the recipe is all {name}: the other fractions have nothing to scale"
        ));
    }
    Ok((0..n)
        .map(|k| {
            let f = from + (to - from) * k as f64 / (n - 1).max(1) as f64;
            let scale = (1.0 - f) / rest;
            let mut r = base.clone();
            match swept {
                Sweep::Se => {
                    (r.am, r.carbon, r.void) =
                        (base.am * scale, base.carbon * scale, base.void * scale);
                    r.se = f;
                }
                Sweep::Am => {
                    (r.se, r.carbon, r.void) =
                        (base.se * scale, base.carbon * scale, base.void * scale);
                    r.am = f;
                }
            }
            (f, r)
        })
        .collect())
}

/// A short description of a recipe for labels and file names.
pub fn describe(recipe: &Recipe) -> String {
    format!(
        "generated electrode (AM {} %, SE {} %, seed {})",
        number(100.0 * recipe.am),
        number(100.0 * recipe.se),
        recipe.seed
    )
}

/// The labels of generated electrodes (`crate::micro::generate`).
pub const VOID: u16 = 0;
pub const AM: u16 = 1;
pub const SE: u16 = 2;
pub const CARBON: u16 = 3;

/// A volume as the page holds it (its labels travel beside it as bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeMeta {
    /// The file it was read from, or what it was generated from.
    pub name: String,
    /// [n_x, n_y, n_z].
    pub shape: [usize; 3],
    pub voxel_um: f64,
    /// The label of each code (see `crate::micro::Volume`).
    pub labels: Vec<u16>,
    /// The labels present with their voxel counts, ascending.
    pub present: Vec<(u16, u64)>,
    /// True for a generated electrode.
    pub generated: bool,
}

impl VolumeMeta {
    /// Number of voxels.
    pub fn voxels(&self) -> usize {
        self.shape.iter().product()
    }

    /// True when the labels are the generator's (0 void, 1 AM, 2 SE, 3
    /// carbon): a generated volume, or a loaded one whose labels are among
    /// those four with both AM and SE present.
    pub fn generator_labels(&self) -> bool {
        let has = |l| self.present.iter().any(|&(p, _)| p == l);
        self.generated || (self.present.iter().all(|&(l, _)| l <= CARBON) && has(AM) && has(SE))
    }

    /// What label `label` is called.
    pub fn phase_name(&self, label: u16) -> String {
        if !self.generator_labels() {
            return format!("label {label}");
        }
        match label {
            VOID => "voids".into(),
            AM => "active material".into(),
            SE => "SE".into(),
            CARBON => "carbon/binder".into(),
            other => format!("label {other}"),
        }
    }

    /// The volume fraction of `label`.
    pub fn fraction(&self, label: u16) -> f64 {
        let n = self.voxels().max(1) as f64;
        self.present
            .iter()
            .find(|&&(l, _)| l == label)
            .map_or(0.0, |&(_, c)| c as f64 / n)
    }

    /// The order in which the phases are solved: the SE first (its τ is the
    /// one the design needs), then AM, carbon, voids; for other labels the
    /// nonzero ones ascending, then 0 (a two-valued image's pore or solid
    /// label first).
    pub fn solve_order(&self) -> Vec<u16> {
        let mut labels: Vec<u16> = self.present.iter().map(|&(l, _)| l).collect();
        if self.generator_labels() {
            let rank = |l: &u16| [SE, AM, CARBON, VOID].iter().position(|x| x == l);
            labels.sort_by_key(|l| rank(l).unwrap_or(usize::MAX));
        } else {
            labels.sort_by_key(|&l| (l == 0, l));
        }
        labels
    }
}

/// What the page asks the worker to do. The state travels as its URL
/// query; a volume the page holds travels as its metadata and its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// Generate (or read the file sent, or take the volume sent), then τ of
    /// every phase along every axis and the metrics.
    Run,
    /// The composition sweep.
    Sweep,
    /// The blocking-electrode spectrum of the volume sent.
    Impedance,
    /// The volume sent as a TIFF stack.
    Tiff,
}

/// A job for the worker: `{kind: "micro", id, task, query, volume?}`, with
/// a `file` (a `File`) or `codes` (a `Uint8Array`) beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub task: Task,
    pub query: String,
    #[serde(default)]
    pub volume: Option<VolumeMeta>,
}

/// The transport result of one phase along one axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseRow {
    pub label: u16,
    /// 0, 1, 2 for x, y, z.
    pub axis: usize,
    /// None when the phase does not connect the two faces (see `reason`).
    pub tau: Option<f64>,
    pub reason: Option<String>,
    pub volume_fraction: f64,
    /// Share of the phase in clusters touching both faces.
    pub percolating_fraction: f64,
    /// σ_eff/σ.
    pub relative_conductivity: f64,
    pub iterations: usize,
    pub residual: f64,
}

impl PhaseRow {
    pub fn axis_name(&self) -> &'static str {
        Axis::ALL.get(self.axis).map_or("?", |a| a.name())
    }
}

/// The structure metrics the page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricsSummary {
    /// Bielefeld's utilisation: (both, electronic only, ionic only).
    pub utilisation: Option<[f64; 3]>,
    /// AM|SE interface per box volume, 1/cm.
    pub am_se_per_cm: Option<f64>,
    /// Per label: (label, specific surface 1/cm).
    pub surfaces: Vec<(u16, f64)>,
}

/// One point of the composition sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// The swept fraction asked for.
    pub swept: f64,
    /// The SE and AM volume fractions generated.
    pub se: f64,
    pub am: f64,
    /// τ of the SE along x (None: it does not percolate).
    pub tau: Option<f64>,
    pub utilisation: Option<f64>,
    /// Why the point has no structure (a recipe the generator refused).
    pub error: Option<String>,
}

/// The simulated blocking-electrode spectrum of a volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulatedSpectrum {
    pub freq_hz: Vec<f64>,
    /// Re Z and Im Z of the box, Ω.
    pub z_re_ohm: Vec<f64>,
    pub z_im_ohm: Vec<f64>,
    /// Box thickness (x) and cross-section.
    pub thickness_cm: f64,
    pub area_cm2: f64,
    /// SE volume fraction.
    pub epsilon: f64,
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// What is being done ("τ of SE along x").
    pub what: String,
    /// Steps done and in all (solves, sweep points, frequencies).
    pub done: usize,
    pub total: usize,
    /// Iteration and relative residual of the solve under way.
    pub iteration: usize,
    pub residual: f64,
}

/// What the worker tells the page about a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The volume (its codes as the bytes beside the event).
    Volume(VolumeMeta),
    Progress(Step),
    Row(PhaseRow),
    Metrics(MetricsSummary),
    Point(SweepPoint),
    Spectrum(SimulatedSpectrum),
    /// A TIFF file (its bytes beside the event).
    Tiff(String),
    Done,
    /// Why the job failed: one line naming the file or input.
    Error(String),
}

#[cfg(test)]
mod tests;
