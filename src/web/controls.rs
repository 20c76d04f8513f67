//! Builds the page's controls from the input and choice tables (so each is
//! described once, in `crate::app`) and writes state values back into them.

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{create, create_text, find, input, set_attrs, set_hidden};
use crate::app::choices::{Ch, Choice, Tab, ZMode, CHOICES};
use crate::app::format::exact;
use crate::app::inputs::{round_sig, InputSpec, INPUTS};
use crate::app::visible::{group_visible, input_visible};
use crate::app::State;
use crate::impedance::Layout;

/// Small cell diagrams for the layout picker (constant markup).
fn layout_diagram(name: &str) -> &'static str {
    // Boxes: SS (grey), Li (blue), SE (yellow), CE (hatched green).
    match name {
        "ion-electron" => concat!(
            r##"<svg viewBox="0 0 100 28" class="cell" aria-hidden="true">"##,
            r##"<rect x="2" y="4" width="10" height="20" class="ss"/><rect x="12" y="4" width="24" height="20" class="ce"/>"##,
            r##"<rect x="36" y="4" width="28" height="20" class="se"/><rect x="64" y="4" width="24" height="20" class="ce"/>"##,
            r##"<rect x="88" y="4" width="10" height="20" class="ss"/></svg>"##
        ),
        "ion-ion" => concat!(
            r##"<svg viewBox="0 0 100 28" class="cell" aria-hidden="true">"##,
            r##"<rect x="2" y="4" width="10" height="20" class="li"/><rect x="12" y="4" width="18" height="20" class="se"/>"##,
            r##"<rect x="30" y="4" width="40" height="20" class="ce"/><rect x="70" y="4" width="18" height="20" class="se"/>"##,
            r##"<rect x="88" y="4" width="10" height="20" class="li"/></svg>"##
        ),
        _ => concat!(
            r##"<svg viewBox="0 0 100 28" class="cell" aria-hidden="true">"##,
            r##"<rect x="2" y="4" width="14" height="20" class="ss"/><rect x="16" y="4" width="68" height="20" class="ce"/>"##,
            r##"<rect x="84" y="4" width="14" height="20" class="ss"/></svg>"##
        ),
    }
}

/// Text shown in a number field for `value`.
pub fn field_text(value: f64) -> String {
    exact(round_sig(value, 6))
}

/// True when `container` is in the workspace `state` shows (or in none).
pub fn in_shown_workspace(state: &State, container: &Element) -> bool {
    match container.closest("main > section").ok().flatten() {
        Some(section) => section.id() == format!("ws-{}", state.choice_name(Ch::Tab)),
        None => true,
    }
}

/// True when `container` is in the first input group of its workspace (or
/// in none): what start-up builds before the first render.
pub fn in_first_group(container: &Element) -> bool {
    let Ok(Some(group)) = container.closest("main > section fieldset") else {
        return true;
    };
    let first = group
        .closest("main > section")
        .ok()
        .flatten()
        .and_then(|s| s.query_selector("fieldset").ok().flatten());
    first.is_some_and(|f| f.is_same_node(Some(&group)))
}

/// Creates the input rows and choice controls whose container `wanted`
/// accepts (start-up builds the shown workspace's first, the rest later).
pub fn build(state: &State, wanted: &dyn Fn(&Element) -> bool) -> Result<(), JsValue> {
    for spec in INPUTS.iter() {
        let Some(container) = find(spec.group.element_id()).filter(|c| wanted(c)) else {
            continue;
        };
        container.append_child(&*input_row(spec, state.get(spec.id))?)?;
    }
    for choice in CHOICES.iter() {
        let Some(container) = find(&format!("c-{}", choice.key)).filter(|c| wanted(c)) else {
            continue;
        };
        let selected = state.choice_name(choice.id);
        match choice.id {
            Ch::Tab => {
                for (name, label) in choice.options {
                    let button = create_text("button", "tab", label)?;
                    set_attrs(
                        &button,
                        &[
                            ("type", "button"),
                            ("role", "tab"),
                            ("id", &format!("ch-tab-{name}")),
                            ("data-choice", choice.key),
                            ("data-value", name),
                            (
                                "aria-selected",
                                if *name == selected { "true" } else { "false" },
                            ),
                        ],
                    )?;
                    container.append_child(&button)?;
                }
            }
            Ch::Layout => {
                let legend = create_text("legend", "", choice.label)?;
                container.append_child(&legend)?;
                for (name, label) in choice.options {
                    let card = create("label", "layout-card")?;
                    let radio = create("input", "")?;
                    set_attrs(
                        &radio,
                        &[
                            ("type", "radio"),
                            ("name", "ch-layout"),
                            ("id", &format!("ch-layout-{name}")),
                            ("value", name),
                            ("data-choice", choice.key),
                        ],
                    )?;
                    if *name == selected {
                        radio.set_attribute("checked", "")?;
                    }
                    card.append_child(&radio)?;
                    let picture = create("span", "diagram")?;
                    picture.set_inner_html(layout_diagram(name)); // constant markup
                    card.append_child(&picture)?;
                    card.append_child(&*create_text("span", "", label)?)?;
                    container.append_child(&card)?;
                }
            }
            _ => {
                let id = format!("ch-{}", choice.key);
                let label = create_text("label", "", choice.label)?;
                label.set_attribute("for", &id)?;
                let select = create("select", "")?;
                // autocomplete="off" (here and on the sliders): the page keeps its state
                // in the URL, so the browser need not save and restore form values,
                // which it would otherwise do on every URL write.
                set_attrs(
                    &select,
                    &[
                        ("id", &id),
                        ("data-choice", choice.key),
                        ("autocomplete", "off"),
                    ],
                )?;
                for (name, text) in choice.options {
                    let option = create_text("option", "", text)?;
                    option.set_attribute("value", name)?;
                    if *name == selected {
                        option.set_attribute("selected", "")?;
                    }
                    select.append_child(&option)?;
                }
                container.append_child(&label)?;
                container.append_child(&select)?;
            }
        }
    }
    Ok(())
}

/// Lists the published designs in the preset picker (text only).
pub fn build_presets() -> Result<(), JsValue> {
    for (picker, choices) in [
        ("preset-pick", crate::app::presets::choices()),
        ("material-pick", crate::app::presets::material_choices()),
    ] {
        let Some(select) = find(picker) else { continue };
        for (id, label) in choices {
            let option = create_text("option", "", &label)?;
            option.set_attribute("value", &id)?;
            select.append_child(&option)?;
        }
    }
    build_sweep()?;
    build_table1()
}

/// Lists the design inputs in the sweep's picker.
fn build_sweep() -> Result<(), JsValue> {
    let Some(select) = find("sweep-input") else {
        return Ok(());
    };
    for spec in INPUTS.iter().filter(|s| s.group.workspace() == Tab::Design) {
        let unit = if spec.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", spec.unit)
        };
        let option = create_text("option", "", &format!("{}{unit}", spec.label))?;
        option.set_attribute("value", spec.key)?;
        if spec.id == crate::app::In::ThicknessUm {
            option.set_attribute("selected", "")?;
        }
        select.append_child(&option)?;
    }
    Ok(())
}

/// The sweep the sweep box asks for, from `state`: the file name and its
/// CSV, or why there is none. Empty ends mean the input's whole range.
pub fn sweep(state: &State) -> Result<(String, String), String> {
    use crate::app::design::sweep;
    let value = |id: &str| input(id).map(|i| i.value()).unwrap_or_default();
    let key = find("sweep-input")
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(e).ok())
        .map(|s| s.value())
        .unwrap_or_default();
    let input = crate::app::In::from_key(&key).ok_or("pick an input to sweep")?;
    let spec = input.spec();
    let end = |id: &str, default: f64| -> Result<f64, String> {
        let text = value(id);
        if text.trim().is_empty() {
            return Ok(default);
        }
        crate::app::state::parse_number(&text).ok_or_else(|| format!("\"{text}\" is not a number"))
    };
    let from = end("sweep-from", spec.min)?;
    let to = end("sweep-to", spec.max)?;
    let steps = end("sweep-n", 50.0)?;
    let values = sweep::steps(input, from, to, steps.round().max(0.0) as usize)?;
    if let Some(p) = find("sweep-msg") {
        super::dom::set_text(&p, "");
    }
    Ok((
        format!("ionpath-sweep-{}.csv", spec.key),
        sweep::csv(state, input, &values),
    ))
}

/// Fills the review's Table 1 (text only) with a "Load" button per row.
fn build_table1() -> Result<(), JsValue> {
    let (Some(head), Some(body)) = (find("table1-head"), find("table1-body")) else {
        return Ok(());
    };
    let columns = crate::app::table1_view::COLUMNS.iter();
    for heading in columns.chain(&["Transcription flags", ""]) {
        let th = create_text("th", "", heading)?;
        head.append_child(&th)?;
    }
    for entry in crate::app::table1_view::entries() {
        let tr = create("tr", "")?;
        for cell in &entry.cells {
            let td = create_text("td", "", cell)?;
            tr.append_child(&td)?;
        }
        let flags = create_text("td", "", &entry.flags.join("; "))?;
        tr.append_child(&flags)?;
        let td = create("td", "")?;
        match &entry.not_loadable {
            None => {
                let button = create_text("button", "", "Load")?;
                set_attrs(&button, &[("type", "button"), ("data-load", &entry.id)])?;
                td.append_child(&button)?;
            }
            Some(why) => {
                td.set_text_content(Some(why));
            }
        }
        tr.append_child(&td)?;
        body.append_child(&tr)?;
    }
    Ok(())
}

/// One row: label with unit, slider, number field, message line (and a
/// hint, for an input that needs one). The number field is the row's one
/// tab stop: the arrow keys step it as they step the slider
/// (`super::App::on_key`); the slider, same label, is for the pointer.
fn input_row(spec: &InputSpec, value: f64) -> Result<Element, JsValue> {
    let row = create("div", "field")?;
    row.set_id(&format!("f-{}", spec.key));
    let text_id = format!("in-{}", spec.key);
    let label = create_text("label", "", spec.label)?;
    label.set_attribute("for", &text_id)?;
    if !spec.unit.is_empty() {
        label.append_child(&*create_text("span", "unit", &format!(" ({})", spec.unit))?)?;
    }
    let (min, max, step) = spec.slider_range();
    let slider = create("input", "")?;
    // The slider's name is the field's label, word for word.
    let unit = if spec.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", spec.unit)
    };
    set_attrs(
        &slider,
        &[
            ("type", "range"),
            ("id", &format!("sl-{}", spec.key)),
            ("min", &exact(min)),
            ("max", &exact(max)),
            ("step", &exact(step)),
            ("value", &exact(spec.to_slider(value))),
            ("aria-label", &format!("{}{unit}", spec.label)),
            ("tabindex", "-1"),
            ("data-key", spec.key),
            ("autocomplete", "off"),
        ],
    )?;
    let field = create("input", "num")?;
    set_attrs(
        &field,
        &[
            ("type", "text"),
            ("inputmode", "decimal"),
            ("id", &text_id),
            ("value", &field_text(value)),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("data-key", spec.key),
            (
                "aria-describedby",
                &if spec.id.hint().is_some() {
                    format!("msg-{0} hint-{0}", spec.key)
                } else {
                    format!("msg-{}", spec.key)
                },
            ),
        ],
    )?;
    let message = create("p", "msg")?;
    set_attrs(
        &message,
        &[
            ("id", &format!("msg-{}", spec.key)),
            ("aria-live", "polite"),
        ],
    )?;
    row.append_child(&label)?;
    let controls = create("div", "controls")?;
    controls.append_child(&slider)?;
    controls.append_child(&field)?;
    row.append_child(&controls)?;
    row.append_child(&message)?;
    if let Some(hint) = spec.id.hint() {
        let p = create_text("p", "hint", hint)?;
        p.set_id(&format!("hint-{}", spec.key));
        row.append_child(&p)?;
    }
    Ok(row)
}

/// Writes the state into the controls except the number field being typed
/// in (`typing`), and shows or hides rows and groups. `last` is the state
/// written last time (None: write everything); only what changed since is
/// touched, so a slider drag costs a handful of DOM calls.
pub fn sync(state: &State, typing: Option<&str>, last: &mut Option<State>) {
    let previous = last.take();
    for spec in INPUTS.iter() {
        let value = state.get(spec.id);
        if previous.as_ref().is_some_and(|p| p.get(spec.id) == value) {
            continue;
        }
        if let Some(slider) = input(&format!("sl-{}", spec.key)) {
            let pos = exact(spec.to_slider(value));
            if slider.value() != pos {
                slider.set_value(&pos);
            }
        }
        if typing != Some(spec.key) {
            if let Some(field) = input(&format!("in-{}", spec.key)) {
                let text = field_text(value);
                if field.value() != text {
                    field.set_value(&text);
                }
            }
        }
    }
    *last = Some(state.clone());
    let same_choices = previous.as_ref().is_some_and(|p| {
        CHOICES
            .iter()
            .all(|c| p.choice_index(c.id) == state.choice_index(c.id))
    });
    if same_choices {
        return;
    }
    for spec in INPUTS.iter() {
        if let Some(row) = find(&format!("f-{}", spec.key)) {
            set_hidden(&row, !input_visible(state, spec.id));
        }
    }
    for spec in INPUTS.iter() {
        if let Some(group) = find(&format!("{}-box", spec.group.element_id())) {
            set_hidden(&group, !group_visible(state, spec.group));
        }
    }
    for choice in CHOICES.iter() {
        let selected = state.choice_name(choice.id);
        for (name, _) in choice.options {
            if let Some(el) = find(&format!("ch-tab-{name}")).filter(|_| choice.id == Ch::Tab) {
                let _ = el.set_attribute(
                    "aria-selected",
                    if *name == selected { "true" } else { "false" },
                );
            }
            if let Some(radio) =
                input(&format!("ch-layout-{name}")).filter(|_| choice.id == Ch::Layout)
            {
                radio.set_checked(*name == selected);
            }
        }
        if let Some(select) = find(&format!("ch-{}", choice.key)) {
            if let Ok(select) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(select)
            {
                if select.value() != selected {
                    select.set_value(selected);
                }
            }
        }
    }
    for &tab in Tab::ALL {
        if let Some(section) = find(&format!("ws-{}", tab.name())) {
            set_hidden(&section, state.choice::<Tab>() != tab);
        }
    }
    if let Some(skip) = find("skip") {
        let _ = skip.set_attribute("href", &format!("#results-{}", state.choice_name(Ch::Tab)));
    }
    if let Some(rails) = find("c-rails") {
        set_hidden(
            &rails,
            state.choice::<Layout>() != Layout::IonElectron
                || state.choice::<ZMode>() != ZMode::Fit,
        );
    }
    if let Some(rbulk) = find("c-rbulk") {
        set_hidden(&rbulk, state.choice::<ZMode>() != ZMode::Fit);
    }
    for &mode in ZMode::ALL {
        if let Some(section) = find(&format!("zm-{}", mode.name())) {
            set_hidden(&section, state.choice::<ZMode>() != mode);
        }
    }
}

/// Shows `message` under input `key` (empty: clears it) and marks the field.
pub fn show_message(key: &str, message: &str) {
    if let Some(p) = find(&format!("msg-{key}")) {
        super::dom::set_text(&p, message);
    }
    if let Some(field) = find(&format!("in-{key}")) {
        // Only on a change: each attribute write makes the browser restyle.
        let invalid = if message.is_empty() { "false" } else { "true" };
        if field.get_attribute("aria-invalid").as_deref() != Some(invalid) {
            let _ = field.set_attribute("aria-invalid", invalid);
        }
    }
}
