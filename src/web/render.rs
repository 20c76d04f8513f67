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

use crate::app::impedance::viewport::zoomable;
use crate::plot::{Figure, Step, SvgLayers, ZOOM_STEP};

mod zoom;

/// A keyboard cursor on a plot: a point (series, index) or a heatmap cell (ix, iy).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cursor {
    Point(usize, usize),
    Cell(usize, usize),
}

/// What was last written, so unchanged parts are not touched again.
#[derive(Default)]
pub struct Cache {
    /// SVG layers as last written, per plot id (and `dock-plot-<tab>` for the dock's plot).
    svg: HashMap<String, SvgLayers>,
    /// Heatmap pixels as last put into each plot's canvas (same keys).
    heat: HashMap<String, Vec<u8>>,
    /// The size (px) of each plot's box as last measured (same keys): a
    /// plot is laid out for its box, so its text keeps its size.
    boxes: HashMap<String, (f64, f64)>,
    /// Watches the plots' boxes for a new size.
    observer: Option<web_sys::ResizeObserver>,
    /// The plot each workspace's dock shows (the last input moved's), by
    /// the workspace's index.
    dock: [Option<&'static str>; 3],
    /// The dock's rows as last written, by the workspace's index.
    dock_rows: [Vec<String>; 3],
    /// The keyboard cursor of each plot that had one.
    cursor: HashMap<String, Cursor>,
    /// The ids of the plots of the last view, per workspace.
    plots_shown: HashMap<String, Vec<&'static str>>,
    /// Rows as last written, and the ids of the rows shown, per workspace.
    rows: HashMap<&'static str, Row>,
    shown: HashMap<String, Vec<&'static str>>,
    /// Plots of the last view not written yet (tab, plots in view order):
    /// a plot drawn for the first time (its first SVG parsed and laid out:
    /// the costly part of a render) gets an animation frame of its own
    /// ([`Cache::write_pending`]), so that no frame blocks the page for
    /// long; the render creates the new plots' boxes and writes the rows,
    /// tables and the plots already drawn, which it updates layer by layer.
    pending: Option<(String, Vec<PlotView>)>,
    /// The table last written, per workspace.
    tables: HashMap<String, Option<crate::app::view::Table>>,
    /// The figures on screen, for hover read-outs and the export buttons.
    figures: HashMap<String, Figure>,
    /// Zoomed and panned plots ([`zoom`]).
    zoom: zoom::Zoom,
}

impl Cache {
    /// Writes `view` of workspace `workspace` into the page; true when it
    /// left plots to draw in later frames ([`Cache::write_pending`]).
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
            let host = match workspace {
                Tab::Impedance => "ptable",
                Tab::Design => "table-design",
                Tab::Micro => "table-micro",
            };
            write_table(host, view.table.as_ref())?;
            self.tables.insert(tab.to_string(), view.table.clone());
        }
        if workspace == Tab::Impedance {
            write_verdict(view.verdict.as_ref())?;
            self.write_profile(view.profile.as_ref())?;
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
        // Plots the view no longer has (a mode without them) are hidden,
        // never left stale.
        let ids: Vec<&'static str> = view.plots.iter().map(|p| p.id).collect();
        if self.plots_shown.get(tab) != Some(&ids) {
            let children = plots.children();
            for k in 0..children.length() {
                if let Some(figure) = children.item(k) {
                    let id = figure.id();
                    if !ids.iter().any(|p| id.strip_prefix("p-") == Some(p)) {
                        set_hidden(&figure, true);
                    }
                }
            }
            self.plots_shown.insert(tab.to_string(), ids);
        }
        // Every new plot's box first, all in one go: the grid takes its
        // final shape at once (a box added later would resize the others,
        // each then drawn again).
        for plot in view.plots.iter() {
            if find(&format!("p-{}", plot.id)).is_none() {
                self.create_box(&plots, plot)?;
            }
        }
        for (k, plot) in view.plots.iter().enumerate() {
            if self.first_drawing(plot) {
                // This and every later plot (so plots are drawn in order).
                self.pending = Some((tab.to_string(), view.plots[k..].to_vec()));
                break;
            }
            self.write_plot(&plots, plot)?;
        }
        self.write_dock(workspace, view)
    }

    /// Writes the ionic rail's profile under the parameter table, or hides
    /// its host when there is none.
    fn write_profile(&mut self, plot: Option<&PlotView>) -> Result<(), JsValue> {
        let Some(host) = find("plots-profile") else {
            return Ok(());
        };
        set_hidden(&host, plot.is_none());
        match plot {
            Some(plot) => self.write_plot(&host, plot),
            None => Ok(()),
        }
    }

    /// True when writing `plot` draws it for the first time: its first SVG
    /// is parsed and laid out.
    fn first_drawing(&self, plot: &PlotView) -> bool {
        plot.figure.is_some() && !self.svg.contains_key(plot.id)
    }

    /// Writes the plots left by the last render, the first of them and
    /// those after it up to the next one drawn for the first time (called
    /// at the start of an animation frame: the box is measured before
    /// anything else is written); true when more are left.
    pub fn write_pending(&mut self) -> bool {
        let Some((tab, mut plots)) = self.pending.take() else {
            return false;
        };
        let Some(container) = find(&format!("plots-{tab}")) else {
            return false;
        };
        let mut first = true;
        while let Some(plot) = plots.first() {
            if !std::mem::take(&mut first) && self.first_drawing(plot) {
                break;
            }
            let plot = plots.remove(0);
            if let Err(e) = self.write_plot(&container, &plot) {
                super::dom::log_error(&format!("render failed: {e:?}"));
            }
        }
        if plots.is_empty() {
            return false;
        }
        self.pending = Some((tab, plots));
        true
    }

    /// Creates the `<figure>` of `plot` (its SVG's box, cursor, read-out
    /// and caption) at the end of `container`, empty; the observer watches
    /// its box, whose size it reports after the next layout.
    fn create_box(&mut self, container: &Element, plot: &PlotView) -> Result<Element, JsValue> {
        let figure = create("figure", "plot")?;
        figure.set_id(&format!("p-{}", plot.id));
        let host = create("div", "svg-host")?;
        set_attrs(
            &host,
            &[
                ("id", &format!("svg-{}", plot.id)),
                ("tabindex", "0"),
                ("role", "group"),
            ],
        )?;
        figure.append_child(&host)?;
        let cursor = create("span", "cursor")?;
        cursor.set_id(&format!("cursor-{}", plot.id));
        set_hidden(&cursor, true);
        figure.append_child(&cursor)?;
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
        if zoomable(plot.id) {
            self.zoom.equip(&host, &caption, plot.id)?;
        }
        figure.append_child(&caption)?;
        set_hidden(&figure, plot.figure.is_none() && plot.why.is_none());
        container.append_child(&figure)?;
        if let Some(observer) = &self.observer {
            observer.observe(&host);
        }
        Ok(figure)
    }

    fn write_plot(&mut self, container: &Element, plot: &PlotView) -> Result<(), JsValue> {
        let figure = match find(&format!("p-{}", plot.id)) {
            Some(f) => f,
            None => self.create_box(container, plot)?,
        };
        set_hidden(&figure, plot.figure.is_none() && plot.why.is_none());
        if plot.figure.is_some() && !self.boxes.contains_key(plot.id) {
            if let Some(host) = find(&format!("svg-{}", plot.id)) {
                self.measure(&host, plot.id);
            }
        }
        let sized = plot.figure.as_ref().map(|f| self.sized(f, plot.id));
        let sized = sized.map(|f| self.zoom.zoomed(plot.id, f));
        if let Some(host) = find(&format!("svg-{}", plot.id)) {
            let label = sized.as_ref().map_or(String::new(), |f| {
                let zoom = if zoomable(plot.id) {
                    "; + and − zoom, Ctrl+arrows pan, 0 resets the view"
                } else {
                    ""
                };
                format!("{}: arrow keys read its points{zoom}", f.name())
            });
            if host.get_attribute("aria-label").as_deref() != Some(&label) {
                host.set_attribute("aria-label", &label)?;
            }
            self.draw(&host, plot.id, sized.as_ref())?;
        }
        match sized {
            Some(figure) => self.figures.insert(plot.id.to_string(), figure),
            None => self.figures.remove(plot.id),
        };
        if let Some(why) = find(&format!("why-{}", plot.id)) {
            set_text(&why, plot.why.as_deref().unwrap_or(""));
        }
        Ok(())
    }

    /// `figure` laid out for the box of `key` (its default size until the
    /// box has been measured).
    fn sized(&self, figure: &Figure, key: &str) -> Figure {
        let mut figure = figure.clone();
        if let Some(&(w, h)) = self.boxes.get(key).filter(|b| b.0 > 0.0 && b.1 > 0.0) {
            figure.width_px = w;
            figure.height_px = h;
        }
        figure
    }

    /// Writes `figure`'s SVG (and heatmap pixels) into `host` under cache
    /// key `key`; without a figure, leaves the host as it is.
    fn draw(&mut self, host: &Element, key: &str, figure: Option<&Figure>) -> Result<(), JsValue> {
        let Some(figure) = figure else {
            return Ok(());
        };
        let svg = figure.to_svg_layers();
        if self.svg.get(key) != Some(&svg) {
            write_layers(host, self.svg.get(key), &svg)?;
            self.svg.insert(key.to_string(), svg);
        }
        if let Some(heatmap) = &figure.heatmap {
            let pixels = heatmap.rgba().unwrap_or_default();
            put_pixels(host, heatmap.grid.nx, &pixels, self.heat.get(key))?;
            self.heat.insert(key.to_string(), pixels);
        }
        Ok(())
    }

    /// Measures `host` (the box of plot `key`) now (a layout, unless the
    /// page is laid out already).
    fn measure(&mut self, host: &Element, key: &str) {
        let rect = host.get_bounding_client_rect();
        self.boxes.insert(
            key.to_string(),
            (rect.width().round(), rect.height().round()),
        );
    }

    /// Measures `host` (the box of plot `key`) now and has the observer
    /// given to [`Cache::observe_with`] watch it for a new size.
    fn watch(&mut self, host: &Element, key: &str) {
        self.measure(host, key);
        if let Some(observer) = &self.observer {
            observer.observe(host);
        }
    }

    /// The observer that reports a plot box's new size (`super` turns its
    /// reports into messages).
    pub fn observe_with(&mut self, observer: web_sys::ResizeObserver) {
        self.observer = Some(observer);
    }

    /// Records the new size of plot box `key`; true when the plots must be
    /// laid out again (a box's first size counts only for a plot already
    /// drawn: a new one is drawn for it when its turn comes).
    pub fn resized(&mut self, key: String, width: f64, height: f64) -> bool {
        let size = (width, height);
        let drawn = self.svg.contains_key(&key);
        match self.boxes.insert(key, size) {
            Some(old) => old != size,
            None => drawn,
        }
    }

    /// The dock of workspace `tab` shows the plot of `input` from now on.
    pub fn focus(&mut self, tab: Tab, input: crate::app::In) {
        self.dock[tab.index()] = Some(crate::app::dock::plot_for(input));
    }

    /// Writes the dock of workspace `tab` (narrow screens): its key rows and
    /// the plot of the input last moved, laid out for the dock's box. A dock
    /// the stylesheet hides (wide screens) has no box and is left alone.
    fn write_dock(&mut self, tab: Tab, view: &View) -> Result<(), JsValue> {
        let name = tab.name();
        let key = format!("dock-plot-{name}");
        let Some(host) = find(&key) else {
            return Ok(());
        };
        if !self.boxes.contains_key(&key) {
            self.watch(&host, &key);
        }
        if self.boxes.get(&key).is_none_or(|b| b.0 <= 0.0) {
            return Ok(());
        }
        let rows: Vec<String> = crate::app::dock::rows(tab)
            .iter()
            .filter_map(|id| view.rows.iter().find(|r| r.id == *id))
            .map(|r| format!("{}: {}", r.label, r.value))
            .collect();
        if self.dock_rows[tab.index()] != rows {
            if let Some(list) = find(&format!("dock-rows-{name}")) {
                let items: Vec<&str> = rows.iter().map(String::as_str).collect();
                replace_list(&list, &items)?;
            }
            self.dock_rows[tab.index()] = rows;
        }
        let wanted = self.dock[tab.index()].unwrap_or(crate::app::dock::first_plot(tab));
        let plot = view
            .plots
            .iter()
            .filter(|p| p.figure.is_some())
            .find(|p| p.id == wanted)
            .or_else(|| view.plots.iter().find(|p| p.figure.is_some()));
        // A glance, not a figure to read: no title or legend, the room goes
        // to the plot (the figure itself is below, whole).
        let sized = plot.and_then(|p| p.figure.as_ref()).map(|f| {
            let mut f = self.sized(f, &key);
            f.title.clear();
            f.legend = crate::plot::Legend::None;
            f
        });
        self.draw(&host, &key, sized.as_ref())
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
    for list in ["outputs-design", "outputs-impedance", "outputs-micro"]
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

impl Cache {
    /// Moves the keyboard cursor of the plot whose box has the focus (the
    /// target of `event`) — arrow keys along a curve (up and down to the
    /// next curve), Home and End; across the cells of a map — and writes
    /// its read-out; true when the key moved it.
    pub fn key(&mut self, event: &web_sys::KeyboardEvent) -> bool {
        let Some(host) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .filter(|e| e.class_list().contains("svg-host"))
        else {
            return false;
        };
        let Some(plot) = host.id().strip_prefix("svg-").map(str::to_string) else {
            return false;
        };
        let ctrl = event.ctrl_key() || event.meta_key();
        if let Some(step) = crate::plot::key_step(&event.key(), ctrl).filter(|_| zoomable(&plot)) {
            self.step_view(&plot, step);
            return true;
        }
        let Some(figure) = self.figures.get(&plot) else {
            return false;
        };
        let big = if event.shift_key() { 10 } else { 1 };
        let Some(next) = step(figure, self.cursor.get(&plot).copied(), &event.key(), big) else {
            return false;
        };
        let (text, px) = describe(figure, next);
        if let Some(out) = find(&format!("hover-{plot}")) {
            set_text(&out, &text);
        }
        if let (Some(cursor), Some((x, y))) = (find(&format!("cursor-{plot}")), px) {
            let (w, h) = figure.size_px();
            let area = host.get_bounding_client_rect();
            let frame = cursor
                .parent_element()
                .map(|f| f.get_bounding_client_rect());
            if let Some(frame) = frame {
                let left = area.left() - frame.left() + x * area.width() / w;
                let top = area.top() - frame.top() + y * area.height() / h;
                let _ = cursor.set_attribute("style", &format!("left:{left:.1}px;top:{top:.1}px"));
                set_hidden(&cursor, false);
            }
        }
        self.cursor.insert(plot, next);
        true
    }
}

impl Cache {
    /// The listener `super` gives the zoomable plots' boxes (their wheel
    /// and pointer events come back as [`Cache::plot_pointer`]).
    pub fn zoom_with(&mut self, listener: js_sys::Function) {
        self.zoom.listener = Some(listener);
    }

    /// Plot `id` shows `view` (None: its automatic view), redrawn alone.
    fn set_view(&mut self, id: &str, view: Option<crate::plot::View>) {
        let Some(figure) = self.zoom.set(id, view) else {
            return;
        };
        if let Some(host) = find(&format!("svg-{id}")) {
            if let Err(e) = self.draw(&host, id, Some(&figure)) {
                super::dom::log_error(&format!("zoom failed: {e:?}"));
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
        for plot in self.zoom.zoomed_plots(id) {
            self.set_view(plot, None);
        }
    }

    /// Zoom step `step` on plot `plot` (about its keyboard cursor, if any).
    fn step_view(&mut self, plot: &str, step: Step) {
        let Some(figure) = self.figures.get(plot).filter(|_| zoomable(plot)) else {
            return;
        };
        let at = match self.cursor.get(plot) {
            Some(Cursor::Point(s, i)) => figure.point_px(*s, *i),
            _ => None,
        };
        match (step, figure.stepped_view(step, at)) {
            (Step::Reset, _) => self.set_view(plot, None),
            (_, Some(view)) => self.set_view(plot, Some(view)),
            (_, None) => {}
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

    /// A wheel or pointer event on a zoomable plot's box ([`zoom`]).
    pub fn plot_pointer(&mut self, event: &web_sys::MouseEvent) {
        let Some((plot, px, py)) = self.pointer(event) else {
            return;
        };
        let figure = self.figures.get(&plot);
        if let Some(view) = self.zoom.gesture(event, plot.clone(), (px, py), figure) {
            self.set_view(&plot, Some(view));
        }
    }

    /// True once after a drag moved a plot: the click that ends it masks nothing.
    pub fn take_dragged(&mut self) -> bool {
        self.zoom.take_dragged()
    }
}

/// The cursor after key `key` (`big` points at a time): the first point
/// (or the middle cell of a map) on the first key.
fn step(figure: &Figure, now: Option<Cursor>, key: &str, big: usize) -> Option<Cursor> {
    let moves = matches!(
        key,
        "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End"
    );
    if !moves {
        return None;
    }
    let drawn: Vec<usize> = (0..figure.series.len())
        .filter(|&k| !figure.series[k].is_empty())
        .collect();
    if drawn.is_empty() {
        let grid = &figure.heatmap.as_ref()?.grid;
        if grid.nx == 0 || grid.ny == 0 {
            return None;
        }
        let (ix, iy) = match now {
            Some(Cursor::Cell(x, y)) => (x, y),
            _ => return Some(Cursor::Cell(grid.nx / 2, grid.ny / 2)),
        };
        return Some(Cursor::Cell(
            match key {
                "ArrowRight" => (ix + big).min(grid.nx - 1),
                "ArrowLeft" => ix.saturating_sub(big),
                "Home" => 0,
                "End" => grid.nx - 1,
                _ => ix,
            },
            match key {
                "ArrowUp" => (iy + big).min(grid.ny - 1),
                "ArrowDown" => iy.saturating_sub(big),
                _ => iy,
            },
        ));
    }
    let Some(Cursor::Point(s, i)) =
        now.filter(|c| matches!(c, Cursor::Point(s, _) if drawn.contains(s)))
    else {
        return Some(Cursor::Point(drawn[0], 0));
    };
    let series = &figure.series[s];
    let last = series.len() - 1;
    let i = i.min(last);
    Some(match key {
        "ArrowRight" => Cursor::Point(s, (i + big).min(last)),
        "ArrowLeft" => Cursor::Point(s, i.saturating_sub(big)),
        "Home" => Cursor::Point(s, 0),
        "End" => Cursor::Point(s, last),
        _ => {
            let at = drawn.iter().position(|&k| k == s).unwrap_or(0);
            let n = drawn.len();
            let to = drawn[if key == "ArrowUp" {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }];
            // The point of the other curve nearest in x.
            let x = series.x[i];
            let other = &figure.series[to];
            let nearest = (0..other.len())
                .min_by(|&a, &b| {
                    let d = |k: usize| (other.x[k] - x).abs();
                    d(a).total_cmp(&d(b))
                })
                .unwrap_or(0);
            Cursor::Point(to, nearest)
        }
    })
}

/// The read-out of `cursor` and its position in the figure's pixels.
fn describe(figure: &Figure, cursor: Cursor) -> (String, Option<(f64, f64)>) {
    match cursor {
        Cursor::Point(s, i) => {
            let series = &figure.series[s];
            let text = format!(
                "{}: {} = {}, {} = {} (point {} of {})",
                series.name,
                figure.x.label,
                number(series.x[i]),
                if figure.uses_right(series) {
                    figure.y2.as_ref().map_or("", |a| a.label.as_str())
                } else {
                    figure.y.label.as_str()
                },
                number(series.y[i]),
                i + 1,
                series.len()
            );
            (text, figure.point_px(s, i))
        }
        Cursor::Cell(ix, iy) => {
            let Some(h) = &figure.heatmap else {
                return (String::new(), None);
            };
            let (x, y) = h.grid.cell_centre(ix, iy);
            let value = h
                .grid
                .values
                .get(iy * h.grid.nx + ix)
                .copied()
                .unwrap_or(f64::NAN);
            let text = format!(
                "{} = {}, {} = {}: {} = {}",
                figure.x.label,
                number(x),
                figure.y.label,
                number(y),
                h.label,
                number(value)
            );
            let l = crate::plot::layout(figure);
            (text, l.x.to_px(x).zip(l.y.to_px(y)))
        }
    }
}
