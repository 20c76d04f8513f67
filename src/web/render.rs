//! Writes a [`View`] into the page: output rows (text only), plots (SVG from
//! `crate::plot`), messages; and handles the plot export buttons.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::dom::{create, create_text, find, set_attrs, set_hidden, set_text};
use crate::app::choices::{Choice, Tab};
use crate::app::format::number;
use crate::app::view::{PlotView, Row, View};
use std::collections::HashMap;

use crate::plot::{Figure, SvgLayers};

/// What was last written, so unchanged parts are not touched again.
#[derive(Default)]
pub struct Cache {
    svg: HashMap<&'static str, SvgLayers>,
    /// Heatmap pixels as last put into each plot's canvas.
    heat: HashMap<&'static str, Vec<u8>>,
    /// Rows as last written, and the ids of the rows shown, per workspace.
    rows: HashMap<&'static str, Row>,
    shown: HashMap<String, Vec<&'static str>>,
    /// Plots of the last view not written yet (tab, plots in view order):
    /// a render that has more than one plot to create (start-up, another
    /// workspace) creates the first and leaves the others to later tasks,
    /// one each, so that no task blocks the page for long. Plots already on
    /// the page are updated in the same frame.
    pending: Option<(String, Vec<PlotView>)>,
    /// The table last written, per workspace.
    tables: HashMap<String, Option<crate::app::view::Table>>,
    /// The figures on screen, for hover read-outs and the export buttons.
    figures: HashMap<String, Figure>,
}

impl Cache {
    /// Writes `view` of workspace `workspace` into the page; true when it
    /// left plots to create in later tasks ([`Cache::write_pending`]).
    pub fn write(&mut self, workspace: Tab, view: &View) -> bool {
        if let Err(e) = self.write_view(workspace, view) {
            super::dom::log_error(&format!("render failed: {e:?}"));
        }
        self.pending.is_some()
    }

    /// The figure on screen under plot id `id`.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.get(id)
    }

    fn write_view(&mut self, workspace: Tab, view: &View) -> Result<(), JsValue> {
        let tab = workspace.name();
        let Some(rows) = find(&format!("outputs-{tab}")) else {
            return Ok(());
        };
        for row in &view.rows {
            let last = self.rows.get(row.id);
            if last != Some(row) {
                write_row(&rows, row, last)?;
                self.rows.insert(row.id, row.clone());
            }
        }
        // Rows the view no longer has (an anode that became Li metal, a
        // design the core refused) are hidden, never left stale.
        let ids: Vec<&'static str> = view.rows.iter().map(|r| r.id).collect();
        if self.shown.get(tab) != Some(&ids) {
            let children = rows.children();
            for k in 0..children.length() {
                if let Some(child) = children.item(k) {
                    let shown = ids
                        .iter()
                        .any(|id| child.id().strip_prefix("o-") == Some(id));
                    set_hidden(&child, !shown);
                }
            }
            self.shown.insert(tab.to_string(), ids);
        }
        if let Some(list) = find(&format!("messages-{tab}")) {
            let text: Vec<&str> = view.messages.iter().map(String::as_str).collect();
            replace_list(&list, &text)?;
        }
        if self.tables.get(tab) != Some(&view.table) {
            let host = if workspace == Tab::Impedance {
                "ptable"
            } else {
                "table-design"
            };
            write_table(host, view.table.as_ref())?;
            self.tables.insert(tab.to_string(), view.table.clone());
        }
        if workspace == Tab::Impedance {
            write_verdict(view.verdict.as_ref())?;
            if let Some(button) = find("mask-kk") {
                set_text(&button, view.mask_offer.as_deref().unwrap_or(""));
                set_hidden(&button, view.mask_offer.is_none());
            }
            if let Some(button) = find("send-tau") {
                match (view.send_tau, &view.send_tau_why) {
                    (Some(tau), _) => {
                        button.set_attribute("data-tau", &crate::app::format::exact(tau))?;
                        button.remove_attribute("disabled")?;
                        button.remove_attribute("title")?;
                        set_text(
                            &button,
                            &format!("Use τ = {} in the design workspace", number(tau)),
                        );
                        set_hidden(&button, false);
                    }
                    (None, Some(why)) => {
                        button.remove_attribute("data-tau")?;
                        button.set_attribute("disabled", "")?;
                        button.set_attribute("title", why)?;
                        set_text(&button, "Use τ in the design workspace (no τ: see above)");
                        set_hidden(&button, false);
                    }
                    (None, None) => set_hidden(&button, true),
                }
            }
        }
        let Some(plots) = find(&format!("plots-{tab}")) else {
            return Ok(());
        };
        self.pending = None;
        let mut created = 0;
        for (k, plot) in view.plots.iter().enumerate() {
            if find(&format!("p-{}", plot.id)).is_none() {
                created += 1;
                if created > 1 {
                    // This and every later plot (so figures are created in order).
                    self.pending = Some((tab.to_string(), view.plots[k..].to_vec()));
                    break;
                }
            }
            self.write_plot(&plots, plot)?;
        }
        Ok(())
    }

    /// Writes the plots left by the last render up to and including the next
    /// one to create; true when more are left.
    pub fn write_pending(&mut self) -> bool {
        let Some((tab, mut plots)) = self.pending.take() else {
            return false;
        };
        let Some(container) = find(&format!("plots-{tab}")) else {
            return false;
        };
        while !plots.is_empty() {
            let plot = plots.remove(0);
            let new = find(&format!("p-{}", plot.id)).is_none();
            if let Err(e) = self.write_plot(&container, &plot) {
                super::dom::log_error(&format!("render failed: {e:?}"));
            }
            if new {
                break;
            }
        }
        if plots.is_empty() {
            return false;
        }
        self.pending = Some((tab, plots));
        true
    }

    fn write_plot(&mut self, container: &Element, plot: &PlotView) -> Result<(), JsValue> {
        let figure = match find(&format!("p-{}", plot.id)) {
            Some(f) => f,
            None => {
                let figure = create("figure", "plot")?;
                figure.set_id(&format!("p-{}", plot.id));
                let host = create("div", "svg-host")?;
                host.set_id(&format!("svg-{}", plot.id));
                figure.append_child(&host)?;
                let readout = create("output", "readout")?;
                readout.set_id(&format!("hover-{}", plot.id));
                figure.append_child(&readout)?;
                let caption = create("figcaption", "")?;
                for (kind, label) in [("svg", "SVG"), ("png", "PNG"), ("csv", "CSV")] {
                    let button = create_text("button", "export", label)?;
                    set_attrs(
                        &button,
                        &[
                            ("type", "button"),
                            ("data-export", kind),
                            ("data-plot", plot.id),
                            ("title", &format!("Download this plot as {label}")),
                        ],
                    )?;
                    caption.append_child(&button)?;
                }
                let why = create("p", "why")?;
                why.set_id(&format!("why-{}", plot.id));
                caption.append_child(&why)?;
                figure.append_child(&caption)?;
                container.append_child(&figure)?;
                figure
            }
        };
        set_hidden(&figure, plot.figure.is_none() && plot.why.is_none());
        let host = find(&format!("svg-{}", plot.id));
        let (svg, heatmap) = (
            &plot.svg,
            plot.figure.as_ref().and_then(|f| f.heatmap.as_ref()),
        );
        if let Some(host) = &host {
            if self.svg.get(plot.id) != Some(svg) {
                write_layers(host, self.svg.get(plot.id), svg)?;
                self.svg.insert(plot.id, svg.clone());
            }
            if let Some(heatmap) = heatmap {
                let pixels = heatmap.rgba().unwrap_or_default();
                put_pixels(host, heatmap.grid.nx, &pixels, self.heat.get(plot.id))?;
                self.heat.insert(plot.id, pixels);
            }
        }
        match &plot.figure {
            Some(figure) => self.figures.insert(plot.id.to_string(), figure.clone()),
            None => self.figures.remove(plot.id),
        };
        if let Some(why) = find(&format!("why-{}", plot.id)) {
            set_text(&why, plot.why.as_deref().unwrap_or(""));
        }
        Ok(())
    }
}

/// Writes `svg` into `host`: only the layers that differ from `last` (the
/// layers on the page) when the `<svg>` tag and the layer count are the
/// same, else the whole element. SVG built by `crate::plot`, which escapes
/// every text it holds.
fn write_layers(host: &Element, last: Option<&SvgLayers>, svg: &SvgLayers) -> Result<(), JsValue> {
    let on_page = host.first_element_child().map(|e| e.children());
    match (last, on_page) {
        (Some(last), Some(children))
            if last.head == svg.head
                && last.layers.len() == svg.layers.len()
                && children.length() as usize == svg.layers.len() =>
        {
            for (k, (old, new)) in last.layers.iter().zip(&svg.layers).enumerate() {
                if old != new {
                    if let Some(layer) = children.item(k as u32) {
                        layer.set_outer_html(new);
                    }
                }
            }
        }
        _ => host.set_inner_html(&svg.to_svg()),
    }
    Ok(())
}

/// Puts RGBA `pixels`, rows of `nx`, into the heatmap canvas in `host`
/// unless they are the `last` ones put and the canvas still holds them (a
/// rewritten layer brings a blank canvas).
fn put_pixels(
    host: &Element,
    nx: usize,
    pixels: &[u8],
    last: Option<&Vec<u8>>,
) -> Result<(), JsValue> {
    let Some(canvas) = host.query_selector("canvas.ip-heatmap")? else {
        return Ok(());
    };
    if last.is_some_and(|l| l.as_slice() == pixels) && canvas.has_attribute("data-painted") {
        return Ok(());
    }
    let canvas: web_sys::HtmlCanvasElement = canvas.dyn_into()?;
    let Some(context) = canvas.get_context("2d")? else {
        return Ok(());
    };
    let context: web_sys::CanvasRenderingContext2d = context.dyn_into()?;
    let rows = pixels.len() / (4 * nx.max(1));
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(pixels),
        nx as u32,
        rows as u32,
    )?;
    context.put_image_data(&image, 0.0, 0.0)?;
    canvas.set_attribute("data-painted", "")
}

/// `performance.now()` in ms (0 without a window).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Creates or updates the `<div id="o-…">` of one output row; `last` is
/// the row as last written, whose unchanged parts are left alone.
fn write_row(container: &Element, row: &Row, last: Option<&Row>) -> Result<(), JsValue> {
    let id = format!("o-{}", row.id);
    let (element, last) = match find(&id) {
        Some(e) => (e, last),
        None => {
            let e = create("div", "out")?;
            e.set_id(&id);
            let dt = create("dt", "")?;
            dt.append_child(&*create("span", "label")?)?;
            e.append_child(&dt)?;
            let dd = create("dd", "")?;
            dd.append_child(&*create("span", "value")?)?;
            dd.append_child(&*create("span", "why")?)?;
            e.append_child(&dd)?;
            container.append_child(&e)?;
            (e, None)
        }
    };
    let changed = |part: fn(&Row) -> &str| last.is_none_or(|l| part(l) != part(row));
    if let Some(dt) = element.first_element_child() {
        if changed(|r| &r.label) {
            if let Some(label) = dt.first_element_child() {
                label.set_text_content(Some(&row.label));
            }
        }
        if changed(|r| r.eq.unwrap_or("")) {
            write_eq_link(&dt, row.eq)?;
        }
    }
    if let Some(dd) = element.last_element_child() {
        if changed(|r| &r.value) {
            if let Some(value) = dd.first_element_child() {
                value.set_text_content(Some(&row.value));
            }
        }
        if changed(|r| r.why.as_deref().unwrap_or("")) {
            if let Some(why) = dd.last_element_child() {
                why.set_text_content(Some(row.why.as_deref().unwrap_or("")));
            }
        }
    }
    Ok(())
}

/// Puts the link to the row's equation (`Eq. 17` → `#model-eq17`) at the end
/// of its label, replacing one to another equation; an unchanged link is left
/// alone, so a label's text is all that changes as inputs move.
fn write_eq_link(dt: &Element, eq: Option<&str>) -> Result<(), JsValue> {
    let link = dt.last_element_child().filter(|e| e.class_name() == "eq");
    if link.as_ref().and_then(|a| a.text_content()).as_deref() == eq {
        return Ok(());
    }
    if let Some(link) = link {
        if let Some(space) = link.previous_element_sibling() {
            space.remove();
        }
        link.remove();
    }
    if let Some(eq) = eq {
        let a = create_text("a", "eq", eq)?;
        a.set_attribute(
            "href",
            &format!("#model-{}", eq.replace([' ', '.'], "").to_lowercase()),
        )?;
        dt.append_child(&*create_text("span", "", " ")?)?;
        dt.append_child(&a)?;
    }
    Ok(())
}

/// Writes the parameter table (text cells only), or clears it.
fn write_table(host: &str, table: Option<&crate::app::view::Table>) -> Result<(), JsValue> {
    let Some(host) = find(host) else {
        return Ok(());
    };
    host.set_text_content(None);
    let Some(table) = table else { return Ok(()) };
    let element = super::dom::table_with_header(&table.header)?;
    for row in &table.rows {
        let tr = create("tr", "")?;
        for cell in row {
            tr.append_child(&*create_text("td", "", cell)?)?;
        }
        element.append_child(&tr)?;
    }
    host.append_child(&element)?;
    Ok(())
}

/// Replaces the `<li>` items of `list` with `items` (text only).
/// The verdict box (`#verdict`): its text, class and reasons; hidden without a fit.
fn write_verdict(verdict: Option<&crate::app::view::VerdictView>) -> Result<(), JsValue> {
    let Some(host) = find("verdict") else {
        return Ok(());
    };
    set_hidden(&host, verdict.is_none());
    let Some(v) = verdict else { return Ok(()) };
    host.set_attribute("class", &format!("verdict {}", v.key))?;
    host.set_attribute("data-verdict", v.key)?;
    if let Some(text) = find("verdict-text") {
        set_text(&text, &v.text);
    }
    if let Some(list) = find("verdict-reasons") {
        let items: Vec<&str> = v.reasons.iter().map(String::as_str).collect();
        replace_list(&list, &items)?;
    }
    Ok(())
}

fn replace_list(list: &Element, items: &[&str]) -> Result<(), JsValue> {
    let current: Vec<String> = (0..list.child_element_count())
        .filter_map(|k| list.children().item(k))
        .map(|li| li.text_content().unwrap_or_default())
        .collect();
    if current.iter().map(String::as_str).eq(items.iter().copied()) {
        return Ok(());
    }
    list.set_text_content(None);
    for item in items {
        list.append_child(&*create_text("li", "", item)?)?;
    }
    set_hidden(list, items.is_empty());
    Ok(())
}

/// Shows page-level notices (ignored URL keys, resets …).
pub fn show_notices(notices: &[String]) {
    if let Some(list) = find("notices") {
        let items: Vec<&str> = notices.iter().map(String::as_str).collect();
        let _ = replace_list(&list, &items);
    }
}

/// Keeps each `.outputs-box` as high as the list of output rows it holds.
/// The box is a layout boundary (`contain: strict`, style.css), so a row
/// whose text changes is laid out without the rest of the page; it needs a
/// fixed height for that, which this sets whenever the list's height changes
/// (a value that wraps, rows shown or hidden, another window width). The
/// observer runs after layout and before paint, so the box never shows
/// clipped rows.
pub fn fit_outputs_boxes() -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
        for entry in entries.iter() {
            let list = entry
                .unchecked_into::<web_sys::ResizeObserverEntry>()
                .target();
            if let Some(the_box) = list.parent_element() {
                // The box's 4 px padding above and below (style.css).
                let height = (list.get_bounding_client_rect().height() + 8.0).ceil();
                let style = format!("height: {}px", height);
                if the_box.get_attribute("style").as_deref() != Some(&style) {
                    let _ = the_box.set_attribute("style", &style);
                }
            }
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref())?;
    closure.forget();
    for list in ["outputs-design", "outputs-impedance"]
        .into_iter()
        .filter_map(find)
    {
        observer.observe(&list);
    }
    Ok(())
}

impl Cache {
    /// The hover read-out: the nearest data point (or heatmap cell) under the
    /// pointer, written as text below the plot.
    pub fn hover(&self, event: &web_sys::MouseEvent) {
        let Some((plot, px, py)) = self.pointer(event) else {
            return;
        };
        let text = self
            .figures
            .get(&plot)
            .and_then(|figure| figure.read_out(px, py));
        if let Some(out) = find(&format!("hover-{plot}")) {
            set_text(&out, text.as_deref().unwrap_or(""));
        }
    }

    /// The plot under the pointer of `event` and the pointer's position in
    /// that figure's pixels.
    fn pointer(&self, event: &web_sys::MouseEvent) -> Option<(String, f64, f64)> {
        let target = event.target()?.dyn_into::<Element>().ok()?;
        let host = target.closest(".svg-host").ok()??;
        let plot = host.id().strip_prefix("svg-")?.to_string();
        let svg = host.first_element_child()?;
        let rect = svg.get_bounding_client_rect();
        let (w, h) = self.figures.get(&plot)?.size_px();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let px = (event.client_x() as f64 - rect.left()) * w / rect.width();
        let py = (event.client_y() as f64 - rect.top()) * h / rect.height();
        Some((plot, px, py))
    }

    /// Plot `plot`'s figure and the pointer of `event` in its pixels, when
    /// the event happened on that plot.
    pub fn on_plot(&self, event: &web_sys::MouseEvent, plot: &str) -> Option<(&Figure, f64, f64)> {
        let (on, px, py) = self.pointer(event)?;
        (on == plot).then_some(())?;
        Some((self.figures.get(plot)?, px, py))
    }
}
