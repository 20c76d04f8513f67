//! The circuit builder's browser side: the circuit's text field, read in
//! the page worker (`crate::worker::send_circuit`) into the preview —
//! formula and parameter table with the automatic starts, editable starts,
//! bounds and held values — kept in `crate::app::impedance::circuit::Builder`.
//! A text the worker refuses leaves the last good circuit in place and its
//! one-line error under the field.

use wasm_bindgen::JsValue;
use web_sys::Worker;

use super::dom::{find, set_hidden, set_text};
use crate::app::choices::ZModel;
use crate::app::impedance::circuit::{Builder, Field, Preview};
use crate::app::impedance::model::Loaded;
use crate::app::state::check_circuit_text;
use crate::app::State;

/// The builder and its requests to the worker.
#[derive(Default)]
pub struct CircuitUi {
    pub builder: Builder,
    /// The circuit text and spectrum last asked about.
    asked: Option<(String, (usize, usize, u64))>,
    /// The request whose answer counts, and its text.
    pending: Option<(u32, String)>,
    /// The [`Builder::take`] count the parameter table was last written
    /// for (None: write it again; cells the user typed in show their values).
    written: Option<u32>,
    /// Previews taken.
    taken: u32,
    /// The last refused cell edit.
    refusal: Option<String>,
}

/// Tells the spectrum the automatic starts come from: its points, masked
/// points and first impedance.
fn spectrum_key(shown: Option<&Loaded>) -> (usize, usize, u64) {
    shown.map_or((0, 0, 0), |l| {
        let first = l.spectrum.z_ohm.first().map_or(0, |z| z.re.to_bits());
        (l.spectrum.len(), l.masked.len(), first)
    })
}

impl CircuitUi {
    /// The text typed into the circuit field: refused at once when it
    /// cannot be a circuit, else to be read by the worker (returned).
    pub fn typed(&mut self, text: &str) -> Option<String> {
        match check_circuit_text(text) {
            Ok(text) => Some(text),
            Err(why) => {
                self.builder.error = Some(why);
                None
            }
        }
    }

    /// Sends `text` to be read, with the shown spectrum for the starts.
    pub fn ask(&mut self, worker: Option<&Worker>, id: u32, text: String, shown: Option<&Loaded>) {
        let Some(worker) = worker else {
            self.builder.error = Some("no page worker to read the circuit".into());
            return;
        };
        self.asked = Some((text.clone(), spectrum_key(shown)));
        let spectrum = shown.map(Loaded::fitted_part);
        if crate::worker::send_circuit(worker, id, &text, spectrum.as_ref()).is_ok() {
            self.pending = Some((id, text));
        }
    }

    /// The state's circuit, if it has not been read for the spectrum shown.
    pub fn wanted(&self, state: &State, shown: Option<&Loaded>) -> Option<String> {
        if state.choice::<ZModel>() != ZModel::Circuit || self.pending.is_some() {
            return None;
        }
        let key = (state.circuit().to_string(), spectrum_key(shown));
        (self.asked.as_ref() != Some(&key)).then_some(key.0)
    }

    /// The worker's answer to request `id`: a preview makes its text the
    /// state's circuit; an error is shown and the last good one kept.
    /// True if the answer counted.
    pub fn answered(
        &mut self,
        id: u32,
        result: Result<Preview, String>,
        state: &mut State,
    ) -> bool {
        if self.pending.as_ref().is_none_or(|p| p.0 != id) {
            return false;
        }
        let (_, text) = self.pending.take().unwrap_or_default();
        match result {
            Ok(preview) => {
                if let Err(why) = state.set_circuit(&text) {
                    self.builder.error = Some(why);
                    return true;
                }
                self.builder.take(preview);
                self.taken = self.taken.wrapping_add(1);
            }
            Err(why) => {
                self.builder.error = Some(why);
                // The state's circuit stays the one previewed for this
                // spectrum: not to be read again (which would clear the error).
                if let Some(asked) = self.asked.as_mut() {
                    asked.0 = state.circuit().to_string();
                }
            }
        }
        true
    }

    /// A parameter cell changed (`cp-FIELD-K` with its value, or
    /// `cp-fixed-K` with its checked state).
    pub fn cell(&mut self, id: &str, value: &str, checked: bool) {
        let Some((field, k)) = id
            .strip_prefix("cp-")
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(f, k)| Some((f, k.parse::<usize>().ok()?)))
        else {
            return;
        };
        let result = match Field::from_name(field) {
            Some(field) => self.builder.set(k, field, value),
            None if field == "fixed" => self.builder.set_fixed(k, checked),
            None => return,
        };
        self.refusal = result.err();
        if self.refusal.is_some() {
            // Rewrite the cells: a refused value goes back to the one in use.
            self.written = None;
        }
    }

    /// Writes the builder for `state`: shown only with the circuit model.
    pub fn write(&mut self, state: &State) -> Result<(), JsValue> {
        let on = state.choice::<ZModel>() == ZModel::Circuit;
        if let Some(b) = find("circuit-box") {
            set_hidden(&b, !on);
        }
        if !on {
            return Ok(());
        }
        if let Some(field) = super::dom::input("circuit") {
            let focused = super::dom::document()?
                .active_element()
                .is_some_and(|a| a.id() == "circuit");
            if !focused && field.value() != state.circuit() {
                field.set_value(state.circuit());
            }
        }
        let message = [self.builder.error.as_deref(), self.refusal.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(m) = find("circuit-msg") {
            set_text(&m, &message);
        }
        let preview = self.builder.preview.as_ref();
        if let Some(f) = find("circuit-formula") {
            set_text(&f, preview.map_or("", |p| p.formula.as_str()));
        }
        if self.written == Some(self.taken) {
            return Ok(());
        }
        self.written = Some(self.taken);
        let Some(host) = find("circuit-params") else {
            return Ok(());
        };
        // Markup built by the worker with its text escaped (`table_html`);
        // the user's values go into its fields.
        host.set_inner_html(preview.map_or("", |p| p.table_html.as_str()));
        for (k, s) in self.builder.settings.iter().enumerate() {
            for (field, value) in [("start", s.start), ("lower", s.lower), ("upper", s.upper)] {
                if let (Some(input), Some(v)) =
                    (super::dom::input(&format!("cp-{field}-{k}")), value)
                {
                    input.set_value(&crate::app::format::exact(v));
                }
            }
            if let Some(check) = super::dom::input(&format!("cp-fixed-{k}")) {
                check.set_checked(s.fixed);
            }
        }
        Ok(())
    }
}
