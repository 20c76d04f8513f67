// ionpath's JavaScript API: the models of the page, callable from any page.
// Written at build time by scripts/gen-sw.mjs (from www/api-template.js) as
// dist/api.js, bound to the build's hashed wasm files; see docs/EMBEDDING.md.
//
//   import * as ionpath from './api.js';
//   const z = await ionpath.simulateTlm({ layout: 'ion-ion', r_ion_ohm: 100, r_e_ohm: 0,
//                                         c_dl_f: 1e-6, freq_hz: [1, 10, 100] });
//
// Every value is in the core's units (Ω, F, Hz, C/cm³, S/cm, cm, cm², V,
// A/cm², C/cm²); each call returns a promise; bad input rejects with an Error whose
// message names the field at fault. Nothing is sent anywhere.

const GLUE = new URL('__IONPATH_JS__', import.meta.url).href;
const WASM = new URL('__IONPATH_WASM__', import.meta.url);

let loading = null;

/** Loads the WebAssembly module once; every call awaits it. */
export function ready() {
  if (!loading) {
    loading = import(GLUE).then(async (glue) => {
      await glue.default({ module_or_path: WASM });
      return glue;
    });
  }
  return loading;
}

// The wasm takes the input object and returns a plain object (no JSON text
// in between); typed arrays are passed as plain arrays.
async function call(name, input) {
  const glue = await ready();
  try {
    return glue[name](input);
  } catch (e) {
    throw new Error(typeof e === 'string' ? e : String(e?.message ?? e));
  }
}

/**
 * Impedance of the two-rail transmission line (review Eq. 4–16).
 * input: { layout: 'ion-electron' | 'ion-ion' | 'electron-electron',
 *          r_ion_ohm, r_e_ohm, r_bulk_ohm = 0, c_dl_f | (q, n), freq_hz: number[] }
 * → { freq_hz, re_ohm, im_ohm } (Ω; im < 0 for capacitive behaviour)
 */
export function simulateTlm(input) {
  return call('api_simulate_tlm', { ...input, freq_hz: Array.from(input?.freq_hz ?? []) });
}

/**
 * Delivered capacity at each current density (review Eq. 19, clamped to q·L).
 * input: { cathode: { capacity_c_per_cm3, sigma_eff_s_per_cm, thickness_cm? },
 *          anode?: same | null (Li metal), u_c_v, u_a_v = 0, v_cutoff_v,
 *          r0_ohm_cm2 = 0, currents_a_per_cm2: number[] }
 * → [{ current_a_per_cm2, capacity_c_per_cm2, limit, full_c_per_cm2, utilisation }]
 */
export function capacity(input) {
  return call('api_capacity', { ...input, currents_a_per_cm2: Array.from(input?.currents_a_per_cm2 ?? []) });
}

/**
 * Fits the two-rail transmission line (review Eq. 4–16) to one spectrum, with
 * automatic starting values; σ_eff, τ and α (Eq. 3, 17, 18) when geometry is given.
 * input: { freq_hz, z_re_ohm, z_im_ohm: number[] (im < 0 capacitive)
 *            | file_text: string (an instrument export), file_name?, im_column?, spectrum_index?,
 *          layout, interface = 'capacitor' | 'cpe', weight = 'modulus' | 'proportional' | 'unit',
 *          fix?: { name: value }, guess?: { name: value }, bounds?: { name: [lo, hi] },
 *          ionic_rail = 'larger' | 'smaller',
 *          geometry?: { thickness_cm, area_cm2, epsilon, sigma_i_s_per_cm } }
 * → the fit report of docs/FIT-REPORT.md: { points, label, params: [{ name, unit, value,
 *     stderr, ci95, fixed, determined, reason, profile }], correlation: { names, matrix }, chi2,
 *     reduced_chi2, profile_threshold, residuals, evaluations, starts_tried, stop_reason, converged, determined,
 *     relative_condition, rails_interchangeable, notes, ionic_rail?, rails_swapped?, rival?,
 *     derived? }
 */
export function fit(input) {
  const arrays = {};
  for (const name of ['freq_hz', 'z_re_ohm', 'z_im_ohm']) {
    if (input?.[name] != null) arrays[name] = Array.from(input[name]);
  }
  return call('api_fit', { ...input, ...arrays });
}
