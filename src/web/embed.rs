//! Embed mode in the browser (`?embed=<view>`, see `crate::app::embed`):
//! marks the body so the stylesheet hides the site's chrome (and the other
//! figures), forces the embed's workspace, and adds the "copy embed code"
//! controls. Also tells `start` whether this document is ionpath's page at
//! all: a host page that loads `api.js` gets the models and nothing else.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

use super::dom::{create, create_text, document, find, set_attrs, set_hidden, set_text, window};
use crate::app::choices::Choice;
use crate::app::embed::{self, Embed, EMBEDS};
use crate::app::State;

/// Sets up embed mode if the URL asks for it and adds the embed-code
/// controls; the embed view shown, if any. `Ok(None)`: this document is not
/// ionpath's page (no `#ws-design`), so `start` must not build anything.
#[allow(clippy::option_option)]
pub fn prepare() -> Result<Option<Option<&'static Embed>>, JsValue> {
    let document = document()?;
    if document.get_element_by_id("ws-design").is_none() {
        return Ok(None);
    }
    let location = window()?.location();
    let search = location.search()?;
    let active = embed::from_query(&search);
    if let (Some(e), Some(body)) = (active, document.body()) {
        body.set_attribute("data-embed", e.name)?;
        if let Some(plot) = e.plot {
            body.set_attribute("data-embed-plot", plot)?;
        }
        let href = format!("{}?{}", location.pathname()?, embed::with_tab(&search, e));
        window()?
            .history()?
            .replace_state_with_url(&JsValue::NULL, "", Some(&href))?;
    }
    build_controls(active)?;
    Ok(Some(active))
}

/// What the permalink starts with: `embed=<view>&` when embedded, else nothing.
pub fn query_prefix(active: Option<&Embed>) -> String {
    active
        .map(|e| format!("{}={}&", embed::KEY, e.name))
        .unwrap_or_default()
}

/// A row with a view picker, the copy button, the snippet and a status line:
/// in the header normally, in a slim bar of its own when embedded.
fn build_controls(active: Option<&'static Embed>) -> Result<(), JsValue> {
    let document = document()?;
    // Folded under "Embed": in the header it would widen a phone's page,
    // in a small frame it would take the figure's room.
    let folded = create("details", "embed-code")?;
    folded.set_id("embed-code");
    folded.append_child(&*create_text("summary", "", "Embed")?)?;
    let row = create("div", "embed-row")?;
    folded.append_child(&row)?;
    let pick = create("select", "")?;
    set_attrs(
        &pick,
        &[
            ("id", "embed-view"),
            ("aria-label", "What to embed"),
            ("autocomplete", "off"),
        ],
    )?;
    for e in EMBEDS.iter() {
        let option = create_text("option", "", &option_label(e))?;
        option.set_attribute("value", e.name)?;
        pick.append_child(&option)?;
    }
    let button = create_text("button", "", "Copy embed code")?;
    set_attrs(
        &button,
        &[
            ("type", "button"),
            ("id", "copy-embed"),
            (
                "title",
                "Copy an <iframe> that shows this view, with these inputs, in another site",
            ),
        ],
    )?;
    let code = create("textarea", "")?;
    set_attrs(
        &code,
        &[
            ("id", "embed-snippet"),
            ("readonly", ""),
            ("rows", "3"),
            ("aria-label", "Embed code"),
        ],
    )?;
    set_hidden(&code, true);
    let status = create("span", "status")?;
    set_attrs(&status, &[("id", "embed-status"), ("aria-live", "polite")])?;
    for child in [&pick, &button, &code, &status] {
        row.append_child(child)?;
    }
    match active {
        Some(e) => {
            if let Some(select) = pick.dyn_ref::<HtmlSelectElement>() {
                select.set_value(e.name);
            }
            let bar = create("div", "embed-bar")?;
            let open = create_text("a", "", "ionpath ↗")?;
            set_attrs(
                &open,
                &[
                    ("id", "embed-open"),
                    ("href", "./"),
                    ("target", "_blank"),
                    ("rel", "noopener"),
                    ("title", "Open these inputs in the full ionpath page"),
                ],
            )?;
            bar.append_child(&open)?;
            bar.append_child(&folded)?;
            if let Some(body) = document.body() {
                body.prepend_with_node_1(&bar)?;
            }
        }
        None => {
            if let Some(actions) = document.query_selector(".top .actions")? {
                actions.append_child(&folded)?;
            }
        }
    }
    Ok(())
}

fn option_label(e: &Embed) -> String {
    let what = e.plot.map_or_else(
        || format!("{} workspace", e.tab.name()),
        |p| format!("{p} plot"),
    );
    format!("Embed: {what}")
}

/// Points the "ionpath ↗" link of an embed at the full page with `state`
/// (its current inputs), before the click follows it.
pub fn open_full(state: &State) {
    if let Some(open) = find("embed-open") {
        let href = format!("./?{}", crate::app::url::encode(state));
        let _ = open.set_attribute("href", &href);
    }
}

/// Writes the snippet for the chosen view and `state`, shows it selected
/// and tries the clipboard.
pub fn copy_code(state: &State) -> Result<(), JsValue> {
    let state = state.clone();
    let chosen = find("embed-view")
        .and_then(|el| el.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .and_then(|name| Embed::from_name(&name))
        .or_else(|| Embed::of_tab(state.choice()).next())
        .unwrap_or(&EMBEDS[0]);
    let mut state = state;
    // The snippet shows the chosen view's workspace, whatever tab is open.
    state.select(chosen.tab);
    let location = window()?.location();
    let page = format!("{}{}", location.origin()?, location.pathname()?);
    let text = embed::snippet(&page, chosen, &crate::app::url::encode(&state));
    if let Some(code) = find("embed-snippet") {
        // HTMLTextAreaElement's value and select(), without another web-sys feature.
        Reflect::set(
            &code,
            &JsValue::from_str("value"),
            &JsValue::from_str(&text),
        )?;
        set_hidden(&code, false);
        call_method(&code, "select", None);
    }
    set_status(
        find("embed-status").as_ref(),
        "selected below; press Ctrl+C if it was not copied",
    );
    // navigator.clipboard is absent over plain http and may be refused in a
    // cross-origin frame; the selected text is the fallback.
    let window: JsValue = window()?.into();
    let navigator = Reflect::get(&window, &JsValue::from_str("navigator"))?;
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))?;
    if let Some(promise) = call_method(&clipboard, "writeText", Some(&JsValue::from_str(&text))) {
        if let Ok(promise) = promise.dyn_into::<Promise>() {
            let copied = Closure::<dyn FnMut(JsValue)>::new(|_| {
                set_status(find("embed-status").as_ref(), "copied")
            });
            let refused = Closure::<dyn FnMut(JsValue)>::new(|_| {});
            let _ = promise.then2(&copied, &refused);
            copied.forget();
            refused.forget();
        }
    }
    Ok(())
}

/// Calls `target[name](arg)` if it is a function; its result, if it returned.
fn call_method(target: &JsValue, name: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let method = Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    match arg {
        Some(arg) => method.call1(target, arg).ok(),
        None => method.call0(target).ok(),
    }
}

fn set_status(status: Option<&Element>, text: &str) {
    if let Some(status) = status {
        set_text(status, text);
    }
}
