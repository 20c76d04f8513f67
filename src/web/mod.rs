//! The browser layer (wasm32 only): the only code that touches the DOM.
//!
//! One direction: an input event updates the [`State`], then one animation
//! frame computes the view model (`crate::app::view`) and writes the DOM;
//! the URL and autosave follow after a short pause.

mod api;
mod controls;
mod dom;
mod embed;
mod export;
mod impedance;
mod worker;

mod persist;
mod render;

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement};

use crate::app::choices::Tab;
use crate::app::{Ch, In, State};

/// Milliseconds between the last change and writing the URL.
const SAVE_DELAY_MS: i32 = 250;

/// Everything the page holds between events.
#[derive(Default)]
pub(crate) struct App {
    pub(crate) state: State,
    frame_pending: bool,
    save_timer: Option<i32>,
    /// The number field being typed in, which `sync` must not overwrite.
    typing: Option<&'static str>,
    /// The last change came from a slider still being moved: the URL is
    /// written when it is released (its `change` event), not during the drag.
    sliding: bool,
    /// The state last written into the controls (None: rewrite them all).
    synced: Option<State>,
    render: render::Cache,
}

thread_local! {
    static APP: RefCell<App> = RefCell::new(App::default());
}

/// Entry point: prepares an embed view, then boots after the first paint.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    // Debug builds report a panic in the console; release builds have none to
    // report (every fallible path returns an error shown inline) and leave the
    // hook out of the page weight.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    if web_sys::window().is_none() {
        return Ok(()); // the page worker (worker.js): it only calls worker_read/worker_fit
    }
    if !embed::prepare()? {
        return Ok(()); // not ionpath's page: a host page using api.js
    }
    // The page's static text paints first (its largest contentful paint);
    // the controls and results are built after that paint.
    after_paint(|| {
        if let Err(e) = boot() {
            dom::log_error(&format!("start-up: {e:?}"));
        }
    })
}

/// Runs `job` in a task of its own after the browser's next paint.
fn after_paint(job: impl FnOnce() + 'static) -> Result<(), JsValue> {
    let next_frame = Closure::once_into_js(move || {
        let run = Closure::once_into_js(job);
        if let Ok(window) = dom::window() {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
        }
    });
    dom::window()?.request_animation_frame(next_frame.unchecked_ref())?;
    Ok(())
}

/// Builds the shown workspace's controls, restores the state, wires the
/// events and renders; the rest follows in later tasks.
fn boot() -> Result<(), JsValue> {
    let (state, notices) = persist::initial_state();
    controls::build(&state, &|c| {
        controls::in_shown_workspace(&state, c) && controls::in_first_group(c)
    })?;
    render::show_notices(&notices);
    APP.with(|app| app.borrow_mut().state = state);
    let document = dom::document()?;
    listen(&document, "input", on_input)?;
    listen(&document, "change", on_change)?;
    listen(&document, "click", on_click)?;
    // The autosave: when the page is hidden (tab switched, app left, closed)
    // or left; `pagehide` also covers a reload or a link followed.
    listen(&document, "visibilitychange", |_| {
        if dom::document().is_ok_and(|d| d.hidden()) {
            save_now();
        }
    })?;
    listen(dom::window()?.as_ref(), "pagehide", |_| save_now())?;
    render::install(&document)?;
    impedance::install()?;

    schedule_render();
    // The rest after the first render, one task each, so that no task holds
    // the main thread long (the page's Total Blocking Time).
    after_paint(|| {
        later(&[
            build_rest_of_workspace,
            build_other_workspace,
            controls::build_presets,
        ])
    })
}

/// Start-up work that can wait for the first render: runs `jobs` in
/// separate tasks, then marks the page ready (`body[data-ready]`).
fn later(jobs: &'static [fn() -> Result<(), JsValue>]) {
    let run = Closure::once_into_js(move || match jobs.split_first() {
        Some((job, rest)) => {
            if let Err(e) = job() {
                dom::log_error(&format!("start-up: {e:?}"));
            }
            later(rest);
        }
        None => {
            if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
                let _ = body.set_attribute("data-ready", "true");
            }
        }
    });
    if let Ok(window) = dom::window() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
    }
}

/// The shown workspace's input groups after its first; then rewrites every
/// control from the state (it may have changed meanwhile).
fn build_rest_of_workspace() -> Result<(), JsValue> {
    let state = current_state();
    controls::build(&state, &|c| {
        controls::in_shown_workspace(&state, c) && !controls::in_first_group(c)
    })?;
    sync_all();
    Ok(())
}

/// The controls of the workspace not shown at start-up, then as above.
fn build_other_workspace() -> Result<(), JsValue> {
    let state = current_state();
    controls::build(&state, &|c| !controls::in_shown_workspace(&state, c))?;
    sync_all();
    Ok(())
}

/// Rewrites every control (values and visibility) from the state.
fn sync_all() {
    APP.with(|app| {
        let app = &mut *app.borrow_mut();
        app.synced = None;
        controls::sync(&app.state, app.typing, &mut app.synced);
    });
}

/// Adds a listener that lives as long as the page.
fn listen(target: &web_sys::EventTarget, kind: &str, handler: fn(Event)) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(handler);
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

/// Changes the state with `change`, then schedules a render (which writes
/// the URL unless `change` says a slider is still being moved).
pub(crate) fn update(change: impl FnOnce(&mut App)) {
    APP.with(|app| {
        let mut app = app.borrow_mut();
        app.sliding = false;
        change(&mut app);
    });
    schedule_render();
}

/// A copy of the current state.
pub(crate) fn current_state() -> State {
    APP.with(|app| app.borrow().state.clone())
}

fn target_input(event: &Event) -> Option<HtmlInputElement> {
    event.target()?.dyn_into::<HtmlInputElement>().ok()
}

fn on_input(event: Event) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let id = element.id();
    if let Some(key) = id.strip_prefix("sl-") {
        let (Some(input), Some(field)) = (In::from_key(key), target_input(&event)) else {
            return;
        };
        let Some(pos) = field.value().parse::<f64>().ok() else {
            return;
        };
        let value = input.spec().from_slider(pos);
        update(|app| {
            app.typing = None;
            app.sliding = true;
            if let Err(message) = app.state.set(input, value) {
                controls::show_message(key, &message);
            } else {
                controls::show_message(key, "");
            }
        });
    } else if let Some(key) = id.strip_prefix("in-") {
        let (Some(input), Some(field)) = (In::from_key(key), target_input(&event)) else {
            return;
        };
        let text = field.value();
        update(|app| {
            app.typing = Some(input.spec().key);
            match app.state.set_text(input, &text) {
                Ok(()) => controls::show_message(key, ""),
                Err(message) => controls::show_message(
                    key,
                    &format!(
                        "{message} — still using {}",
                        controls::field_text(app.state.get(input))
                    ),
                ),
            }
        });
    }
}

fn on_change(event: Event) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if element.id().starts_with("sl-") {
        // A slider released (or stepped with a key): its value goes into the URL.
        APP.with(|app| app.borrow_mut().sliding = false);
        schedule_save();
        return;
    }
    if element.id().starts_with("in-") {
        // Leaving a number field: show the value in use again.
        update(|app| {
            app.typing = None;
            app.synced = None; // write the value in use back into the field
        });
        return;
    }
    if element.id() == "preset-pick" || element.id() == "material-pick" {
        let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() else {
            return;
        };
        let id = select.value();
        select.set_value("");
        if !id.is_empty() {
            load_design(&id);
        }
        return;
    }
    if let Some(key) = element.get_attribute("data-choice") {
        let value = if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.value()
        } else if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            input.value()
        } else {
            return;
        };
        set_choice(&key, &value);
    }
}

/// Loads a published design or library material (see `app::presets`).
fn load_design(id: &str) {
    update(|app| match crate::app::presets::apply(&mut app.state, id) {
        Ok(notices) => render::show_notices(&notices),
        Err(why) => render::show_notices(&[why]),
    });
}

fn on_click(event: Event) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(button)) = element.closest("button") else {
        return;
    };
    if let (Some(key), Some(value)) = (
        button.get_attribute("data-choice"),
        button.get_attribute("data-value"),
    ) {
        set_choice(&key, &value);
        return;
    }
    if let Some(id) = button.get_attribute("data-load") {
        load_design(&id);
        return;
    }
    match button.id().as_str() {
        "reset" => {
            if let Err(e) = persist::clear() {
                dom::log_error(&format!("{e:?}"));
            }
            update(|app| {
                app.state = State::default();
                app.typing = None;
            });
            for spec in crate::app::inputs::INPUTS.iter() {
                controls::show_message(spec.key, "");
            }
            render::show_notices(&["all inputs reset to their defaults".to_string()]);
        }

        id if impedance::on_click(id) => {}
        _ => render::on_click(&button),
    }
}

fn set_choice(key: &str, value: &str) {
    let Some(choice) = Ch::from_key(key) else {
        return;
    };
    update(|app| {
        if let Err(message) = app.state.set_choice(choice, value) {
            dom::log_error(&message);
        }
    });
}

/// Requests one animation frame for rendering (coalescing many events).
pub(crate) fn schedule_render() {
    let already = APP.with(|app| std::mem::replace(&mut app.borrow_mut().frame_pending, true));
    if already {
        return;
    }
    let closure = Closure::once_into_js(move || {
        APP.with(|app| app.borrow_mut().frame_pending = false);
        render_now();
    });
    if let Ok(window) = dom::window() {
        if window
            .request_animation_frame(closure.unchecked_ref())
            .is_err()
        {
            render_now();
        }
    }
}

/// Writes the next plot a render left for later; true when more are left.
pub(crate) fn write_pending_plots() -> bool {
    APP.with(|app| app.borrow_mut().render.write_pending())
}

/// Renders the current state now and schedules the save.
fn render_now() {
    APP.with(|app| {
        let mut app = app.borrow_mut();
        let app = &mut *app;
        let t0 = render::now_ms();
        controls::sync(&app.state, app.typing, &mut app.synced);
        let t1 = render::now_ms();
        let (model, dom) = app.render.render(&app.state);
        // For the page benchmark: view model, DOM writes, controls (ms).
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            let sync = t1 - t0;
            let _ = body.set_attribute("data-timing", &format!("{model:.2} {dom:.2} {sync:.2}"));
        }
    });
    if !APP.with(|app| app.borrow().sliding) {
        schedule_save();
    }
}

/// Writes the URL and the autosave now (the page is hidden or left), in case
/// a change has not reached the URL yet.
fn save_now() {
    cancel_save();
    write_url();
    persist::save_storage(&current_state());
}

/// Writes the current state to the URL, reporting a failure in the console.
fn write_url() {
    if let Err(e) = persist::save_url(&current_state()) {
        dom::log_error(&format!("could not save the state: {e:?}"));
    }
}

/// Cancels the pending URL write, if any.
fn cancel_save() {
    if let (Some(timer), Ok(window)) = (
        APP.with(|app| app.borrow_mut().save_timer.take()),
        dom::window(),
    ) {
        window.clear_timeout_with_handle(timer);
    }
}

/// Writes the URL `SAVE_DELAY_MS` after the last call.
fn schedule_save() {
    cancel_save();
    let Ok(window) = dom::window() else { return };
    let closure = Closure::once_into_js(move || {
        APP.with(|app| app.borrow_mut().save_timer = None);
        write_url();
    });
    if let Ok(handle) = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        closure.unchecked_ref(),
        SAVE_DELAY_MS,
    ) {
        APP.with(|app| app.borrow_mut().save_timer = Some(handle));
    }
}

/// The view of the workspace the state shows.
pub(crate) fn workspace_view(state: &State) -> crate::app::view::View {
    match state.choice() {
        Tab::Impedance => impedance::view(state),
        Tab::Design => crate::app::design::view::view(state),
    }
}
