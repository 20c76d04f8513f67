//! Small DOM helpers. Text goes in with `textContent` only; `innerHTML` is
//! used solely for SVG built by `crate::plot` (which escapes its text), for
//! the page's own constant markup, and for the two tables the page worker
//! writes with `crate::app::html::Table` (every text and attribute value
//! escaped): the circuit builder's parameters (`circuit::table_html`, put
//! in by `web::circuit`) and the temperature series (`series::table_html`,
//! put in by `web::series`).

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, Window};

use std::collections::HashMap;

pub fn window() -> Result<Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

pub fn document() -> Result<Document, JsValue> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

thread_local! {
    /// Elements found by id, reused while they are in the document: a render
    /// looks up some thirty elements, and each lookup from wasm would pass
    /// the id's text to JS. The page never gives an id to another element.
    static FOUND: RefCell<HashMap<String, Element>> = RefCell::default();
}

/// The element with `id`, if present.
pub fn find(id: &str) -> Option<Element> {
    let known = FOUND.with(|found| found.borrow().get(id).cloned());
    if let Some(element) = known.filter(|e| e.is_connected()) {
        return Some(element);
    }
    let element = document().ok()?.get_element_by_id(id)?;
    FOUND.with(|found| found.borrow_mut().insert(id.to_string(), element.clone()));
    Some(element)
}

/// The `<input>` with `id`, if present.
pub fn input(id: &str) -> Option<HtmlInputElement> {
    find(id)?.dyn_into::<HtmlInputElement>().ok()
}

/// A new element `tag` with `class` (empty: none).
pub fn create(tag: &str, class: &str) -> Result<Element, JsValue> {
    let element = document()?.create_element(tag)?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Ok(element)
}

/// A new element with text content.
pub fn create_text(tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let element = create(tag, class)?;
    element.set_text_content(Some(text));
    Ok(element)
}

/// A `<table>` holding one header row of `header` cells.
pub fn table_with_header(header: &[String]) -> Result<Element, JsValue> {
    let table = create("table", "")?;
    let head = create("tr", "")?;
    for cell in header {
        head.append_child(&*create_text("th", "", cell)?)?;
    }
    table.append_child(&head)?;
    Ok(table)
}

/// Sets text content if it differs (avoids needless layout work).
pub fn set_text(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

/// Shows or hides an element via the `hidden` attribute, if it changes.
pub fn set_hidden(element: &Element, hidden: bool) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        if html.hidden() != hidden {
            html.set_hidden(hidden);
        }
    }
}

/// Sets several attributes.
pub fn set_attrs(element: &Element, attrs: &[(&str, &str)]) -> Result<(), JsValue> {
    for (name, value) in attrs {
        element.set_attribute(name, value)?;
    }
    Ok(())
}

/// Logs to the console (for failures that have no place on the page).
pub fn log_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
}

/// The largest text file read, bytes.
const MAX_FILE_BYTES: f64 = 20e6;

/// Reads `file` as text; the text arrives through `done` (name, text or why not).
pub fn read_text_file(
    file: web_sys::File,
    done: impl FnOnce(String, Result<String, String>) + 'static,
) -> Result<(), JsValue> {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        done(
            name,
            Err(format!(
                "the file is {} MB; at most {} MB are read",
                crate::app::format::number(file.size() / 1e6),
                crate::app::format::number(MAX_FILE_BYTES / 1e6)
            )),
        );
        return Ok(());
    }
    let reader = web_sys::FileReader::new()?;
    let source = reader.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let text = source
            .result()
            .ok()
            .and_then(|r| r.as_string())
            .ok_or_else(|| "the file could not be read as text".to_string());
        done(name, text);
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.read_as_text(&file)?;
    Ok(())
}
