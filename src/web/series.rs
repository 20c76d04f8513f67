//! The temperature series panel (`#series`): the table of spectra with an
//! editable temperature each, the Arrhenius fit's sentence and the offer
//! to use E_A in the design workspace. The series is computed in the page
//! worker (`crate::app::impedance::series`); this only writes its answer
//! into the DOM.

use wasm_bindgen::prelude::*;

use super::dom::{find, set_hidden, set_text};
use crate::app::impedance::series::Answer;

/// What the panel shows: the table's HTML, the sentence and E_A.
pub type Shown = (String, String, Option<f64>);

/// Writes the series `answer` (None: hides the panel) if it changed since `shown`.
pub fn write(
    answer: Option<&Result<Answer, String>>,
    shown: &mut Option<Shown>,
) -> Result<(), JsValue> {
    let (Some(panel), Some(host)) = (find("series"), find("series-table")) else {
        return Ok(());
    };
    set_hidden(&panel, answer.is_none());
    let now: Shown = match answer {
        None => {
            *shown = None;
            return Ok(());
        }
        Some(Ok(a)) => (a.html.clone(), a.summary.clone(), a.ea),
        Some(Err(why)) => (String::new(), why.clone(), None),
    };
    if shown.as_ref() == Some(&now) {
        return Ok(());
    }
    host.set_inner_html(&now.0);
    if let Some(p) = find("series-summary") {
        set_text(&p, &now.1);
    }
    if let Some(button) = find("series-use-ea") {
        if let Some(ea) = now.2 {
            button.set_attribute("data-ea", &crate::app::format::exact(ea))?;
            set_text(
                &button,
                &format!(
                    "Use E_A = {} eV in the design workspace",
                    crate::app::format::number(ea)
                ),
            );
        }
        set_hidden(&button, now.2.is_none());
    }
    *shown = Some(now);
    Ok(())
}
