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

use crate::app::impedance::viewport::{slot, Viewports, ZOOMABLE};
use crate::plot::{wheel_factor, Figure, View};
use crate::web::dom::{create_text, set_attrs};

/// Pixels a pointer travels before a press becomes a drag.
const DRAG_PX: f64 = 4.0;

/// The views, the automatic figures they apply to and the gesture under way.
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
    /// Turns the boxes' wheel and pointer events into messages (`super::super`).
    pub listener: Option<js_sys::Function>,
}

impl Zoom {
    /// Makes plot `plot`'s box (`host`) zoom and pan, and puts its buttons
    /// in `caption`.
    pub fn equip(&self, host: &Element, caption: &Element, plot: &str) -> Result<(), JsValue> {
        if let Some(listener) = &self.listener {
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

    /// The figure to draw for plot `id`, `figure` being its automatic view:
    /// kept as the plot's base and shown in the user's view.
    pub fn zoomed(&mut self, id: &str, figure: Figure) -> Figure {
        let Some(k) = slot(id) else {
            return figure;
        };
        let mut shown = figure.clone();
        self.views.apply(id, &mut shown);
        self.base[k] = Some(Box::new(figure));
        shown
    }

    /// Plot `id` shows `view` from now on (None: its automatic view); its
    /// figure to draw, if it has been drawn.
    pub fn set(&mut self, id: &str, view: Option<View>) -> Option<Figure> {
        self.views.set(id, view);
        let mut figure = slot(id).and_then(|k| self.base[k].as_deref().cloned())?;
        self.views.apply(id, &mut figure);
        Some(figure)
    }

    /// The plots shown in a view the user set (`id`: that one only).
    pub fn zoomed_plots(&self, id: Option<&str>) -> Vec<&'static str> {
        ZOOMABLE
            .into_iter()
            .filter(|p| id.is_none_or(|i| i == *p) && self.views.zoomed(p))
            .collect()
    }

    /// The view a wheel or pointer event at (`px`, `py`) on plot `plot`
    /// (drawn as `figure`) asks for, if any.
    pub fn gesture(
        &mut self,
        event: &MouseEvent,
        plot: String,
        (px, py): (f64, f64),
        figure: Option<&Figure>,
    ) -> Option<View> {
        let number = |name: &str| {
            js_sys::Reflect::get(event, &name.into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        let id = number("pointerId") as i32;
        match event.type_().as_str() {
            "wheel" => {
                // A plain wheel scrolls the page; with Ctrl (a pinch) it zooms.
                if !(event.ctrl_key() || event.meta_key()) {
                    return None;
                }
                event.prevent_default();
                let lines = if number("deltaMode") > 0.0 { 40.0 } else { 1.0 };
                figure?.moved_view((0.0, 0.0), (px, py), wheel_factor(lines * number("deltaY")))
            }
            "pointerdown" => {
                if event.button() == 0 {
                    if self.plot != plot || self.pointers.is_empty() {
                        self.pointers.clear();
                        self.travel = 0.0;
                        self.dragged = false;
                    }
                    self.plot = plot;
                    self.pointers.push((id, px, py));
                }
                None
            }
            "pointermove" => {
                let k = self.pointers.iter().position(|p| p.0 == id)?;
                let (_, ox, oy) = self.pointers[k];
                self.pointers[k] = (id, px, py);
                self.travel += (px - ox).hypot(py - oy);
                if self.travel < DRAG_PX {
                    return None;
                }
                if !self.dragged {
                    self.dragged = true;
                    if let Some(host) = event
                        .current_target()
                        .and_then(|t| t.dyn_into::<Element>().ok())
                    {
                        let _ = host.set_pointer_capture(id);
                    }
                }
                match self.pointers.as_slice() {
                    [_] => figure?.moved_view((px - ox, py - oy), (0.0, 0.0), 1.0),
                    [a, b] => {
                        // The other finger's position, and this one's before.
                        let other = if k == 0 { b } else { a };
                        let mid = ((px + other.1) / 2.0, (py + other.2) / 2.0);
                        let old_mid = ((ox + other.1) / 2.0, (oy + other.2) / 2.0);
                        let span = (px - other.1).hypot(py - other.2);
                        let old_span = (ox - other.1).hypot(oy - other.2);
                        let factor = if span > 1.0 { old_span / span } else { 1.0 };
                        figure?.moved_view((mid.0 - old_mid.0, mid.1 - old_mid.1), mid, factor)
                    }
                    _ => None,
                }
            }
            _ => {
                // pointerup, pointercancel
                self.pointers.retain(|p| p.0 != id);
                None
            }
        }
    }

    /// True once after a drag moved a plot: the click that ends it masks nothing.
    pub fn take_dragged(&mut self) -> bool {
        std::mem::take(&mut self.dragged)
    }
}
