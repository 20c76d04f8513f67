//! Zoom and pan of the impedance workspace's Nyquist and Bode plots in the
//! page: Ctrl+wheel (a trackpad pinch is one) zooms about the pointer, a
//! drag pans (on a phone a sideways drag, vertical ones scroll the page;
//! two fingers pan and pinch), and for the keyboard the focused plot takes
//! `+`, `−`, `0` and Ctrl+arrows, beside the caption's buttons (zoom in,
//! out, Reset view). The views are the session's
//! (`app::impedance::viewport`); each step redraws that one plot only, from
//! its automatic figure as last rendered, and the figure kept for read-outs
//! and click-to-mask is the zoomed one, so a click hits what is drawn.

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Element, MouseEvent};

use super::Cache;
use crate::app::impedance::viewport::{slot, zoomable, Viewports, ZOOMABLE};
use crate::plot::{key_step, wheel_factor, Figure, Step, View, ZOOM_STEP};
use crate::web::dom::{create_text, find, log_error, set_attrs, set_hidden};

/// Pixels a pointer travels before a press becomes a drag.
const DRAG_PX: f64 = 4.0;

/// The views and the gesture under way.
#[derive(Default)]
pub struct Zoom {
    views: Viewports,
    /// The automatic figure of each zoomable plot, laid out for its box.
    base: [Option<Box<Figure>>; 2],
    /// Pointers down on plot `plot`: (pointer id, last position in the
    /// figure's pixels).
    pointers: Vec<(i32, f64, f64)>,
    plot: String,
    /// Pixels travelled since the first pointer went down.
    travel: f64,
    /// The press moved the view: its click masks nothing.
    dragged: bool,
    listener: Option<js_sys::Function>,
}

impl Cache {
    /// The listener `super` gives the zoomable plots' boxes (it turns their
    /// wheel and pointer events into messages for [`Cache::plot_pointer`]).
    pub fn zoom_with(&mut self, listener: js_sys::Function) {
        self.zoom.listener = Some(listener);
    }

    /// Makes plot `plot`'s box (`host`) zoom and pan, and puts its buttons
    /// in `caption`.
    pub(super) fn equip(
        &self,
        host: &Element,
        caption: &Element,
        plot: &str,
    ) -> Result<(), JsValue> {
        if let Some(listener) = &self.zoom.listener {
            for kind in [
                "wheel",
                "pointerdown",
                "pointermove",
                "pointerup",
                "pointercancel",
            ] {
                host.add_event_listener_with_callback(kind, listener)?;
            }
        }
        equip_caption(host, caption, plot)
    }
}

fn equip_caption(host: &Element, caption: &Element, plot: &str) -> Result<(), JsValue> {
    host.class_list().add_1("zoomable")?;
    for (what, label, title) in [
        ("in", "+", "Zoom in (+ on the plot; Ctrl+wheel or pinch)"),
        ("out", "−", "Zoom out (−)"),
        ("reset", "Reset view", "Back to the automatic view (0)"),
    ] {
        let button = create_text("button", "zoom", label)?;
        set_attrs(
            &button,
            &[
                ("type", "button"),
                ("data-zoom", what),
                ("data-plot", plot),
                ("title", title),
            ],
        )?;
        caption.append_child(&button)?;
    }
    Ok(())
}

impl Cache {
    /// The figure to draw for plot `id`, `figure` being its automatic view:
    /// kept as the plot's base and shown in the user's view.
    pub(super) fn zoomed(&mut self, id: &str, figure: Figure) -> Figure {
        let Some(k) = slot(id) else {
            return figure;
        };
        let mut shown = figure.clone();
        self.zoom.views.apply(id, &mut shown);
        self.zoom.base[k] = Some(Box::new(figure));
        shown
    }

    /// Plot `id` shows `view` (None: its automatic view), redrawn alone.
    fn set_view(&mut self, id: &str, view: Option<View>) {
        self.zoom.views.set(id, view);
        let Some(mut figure) = slot(id).and_then(|k| self.zoom.base[k].as_deref().cloned()) else {
            return;
        };
        self.zoom.views.apply(id, &mut figure);
        if let Some(host) = find(&format!("svg-{id}")) {
            if let Err(e) = self.draw(&host, id, Some(&figure)) {
                log_error(&format!("zoom failed: {e:?}"));
            }
        }
        // The keyboard cursor shows again, in place, on the next arrow key.
        if let Some(cursor) = find(&format!("cursor-{id}")) {
            set_hidden(&cursor, true);
        }
        self.figures.insert(id.to_string(), figure);
    }

    /// Plot `id` (None: every plot) back to its automatic view.
    pub fn unzoom(&mut self, id: Option<&str>) {
        for plot in ZOOMABLE.into_iter().filter(|p| id.is_none_or(|i| i == *p)) {
            if self.zoom.views.zoomed(plot) {
                self.set_view(plot, None);
            }
        }
    }

    /// Key step `step` on plot `plot` (about its keyboard cursor, if any).
    pub(super) fn step_view(&mut self, plot: &str, step: Step) {
        let Some(figure) = self.figures.get(plot).filter(|_| zoomable(plot)) else {
            return;
        };
        let at = match self.cursor.get(plot) {
            Some(super::Cursor::Point(s, i)) => figure.point_px(*s, *i),
            _ => None,
        };
        match (step, figure.stepped_view(step, at)) {
            (Step::Reset, _) => self.set_view(plot, None),
            (_, Some(view)) => self.set_view(plot, Some(view)),
            (_, None) => {}
        }
    }

    /// A key on zoomable plot `plot` (`+`, `−`, `0`, Ctrl+arrows); true
    /// when it zoomed or panned.
    pub(super) fn zoom_key(&mut self, plot: &str, event: &web_sys::KeyboardEvent) -> bool {
        let step = key_step(&event.key(), event.ctrl_key() || event.meta_key());
        match step.filter(|_| zoomable(plot)) {
            Some(step) => {
                self.step_view(plot, step);
                true
            }
            None => false,
        }
    }

    /// A caption button of plot `plot`: `in`, `out` or `reset`.
    pub fn zoom_button(&mut self, plot: &str, what: &str) {
        let step = match what {
            "in" => Step::Zoom(1.0 / ZOOM_STEP),
            "out" => Step::Zoom(ZOOM_STEP),
            _ => Step::Reset,
        };
        self.step_view(plot, step);
    }

    /// A wheel or pointer event on a zoomable plot's box.
    pub fn plot_pointer(&mut self, event: &MouseEvent) {
        let Some((plot, px, py)) = self.pointer(event) else {
            return;
        };
        let id = js_sys::Reflect::get(event, &"pointerId".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as i32;
        let z = &mut self.zoom;
        let view = match event.type_().as_str() {
            "wheel" => {
                // A plain wheel scrolls the page; with Ctrl (a pinch) it zooms.
                if !(event.ctrl_key() || event.meta_key()) {
                    return;
                }
                event.prevent_default();
                let dy = js_sys::Reflect::get(event, &"deltaY".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0);
                let lines = js_sys::Reflect::get(event, &"deltaMode".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .is_some_and(|m| m > 0.0);
                let dy = if lines { 40.0 * dy } else { dy };
                self.figures
                    .get(&plot)
                    .and_then(|f| f.moved_view((0.0, 0.0), (px, py), wheel_factor(dy)))
            }
            "pointerdown" => {
                if event.button() != 0 {
                    return;
                }
                if z.plot != plot {
                    z.pointers.clear();
                }
                if z.pointers.is_empty() {
                    z.travel = 0.0;
                    z.dragged = false;
                }
                z.plot = plot;
                z.pointers.push((id, px, py));
                return;
            }
            "pointermove" => {
                let Some(k) = z.pointers.iter().position(|p| p.0 == id) else {
                    return;
                };
                let (_, ox, oy) = z.pointers[k];
                z.pointers[k] = (id, px, py);
                z.travel += (px - ox).hypot(py - oy);
                if z.travel < DRAG_PX {
                    return;
                }
                if !z.dragged {
                    z.dragged = true;
                    if let Some(host) = event
                        .current_target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                    {
                        let _ = host.set_pointer_capture(id);
                    }
                }
                let Some(figure) = self.figures.get(&plot) else {
                    return;
                };
                match z.pointers.as_slice() {
                    [_] => figure.moved_view((px - ox, py - oy), (0.0, 0.0), 1.0),
                    [a, b] => {
                        // The other finger's position, and this one's before.
                        let other = if k == 0 { b } else { a };
                        let mid = ((px + other.1) / 2.0, (py + other.2) / 2.0);
                        let old_mid = ((ox + other.1) / 2.0, (oy + other.2) / 2.0);
                        let span = (px - other.1).hypot(py - other.2);
                        let old_span = (ox - other.1).hypot(oy - other.2);
                        let factor = if span > 1.0 { old_span / span } else { 1.0 };
                        figure.moved_view((mid.0 - old_mid.0, mid.1 - old_mid.1), mid, factor)
                    }
                    _ => None,
                }
            }
            _ => {
                // pointerup, pointercancel
                z.pointers.retain(|p| p.0 != id);
                return;
            }
        };
        if let Some(view) = view {
            self.set_view(&plot, Some(view));
        }
    }

    /// True once after a drag moved a plot: the click that ends it masks nothing.
    pub fn take_dragged(&mut self) -> bool {
        std::mem::take(&mut self.zoom.dragged)
    }
}
