//! Downloads: a plot as SVG, CSV or PNG (its SVG drawn into a canvas at
//! twice its size), and any text as a file.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::create;
use crate::plot::{ColorMode, Figure};

/// Downloads figure `figure` (plot id `plot`) as `kind`: `svg`, `csv` or
/// `png`, with its colours inlined (a standalone file).
pub fn figure(kind: &str, plot: &str, figure: &Figure) -> Result<(), JsValue> {
    // Files have one size whatever the screen's: 640×420 px.
    let mut figure = figure.clone().with_size(640.0, 420.0);
    figure.colors = ColorMode::Inline;
    match kind {
        "svg" => download(
            &format!("ionpath-{plot}.svg"),
            &figure.to_svg(),
            "image/svg+xml",
        ),
        "csv" => download(&format!("ionpath-{plot}.csv"), &figure.to_csv(), "text/csv"),
        "png" => png(&format!("ionpath-{plot}.png"), &figure.to_svg()),
        _ => Ok(()),
    }
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let result = click_link(name, &url);
    web_sys::Url::revoke_object_url(&url)?;
    result
}

/// Clicks a temporary `<a download>` pointing at `href`.
fn click_link(name: &str, href: &str) -> Result<(), JsValue> {
    let a: web_sys::HtmlAnchorElement = create("a", "")?.dyn_into()?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Renders `svg` to a PNG and offers it as `name`.
fn png(name: &str, svg: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let name = name.to_string();
    let loaded = image.clone();
    let source = url.clone();
    let onload = Closure::once_into_js(move || {
        let result = draw(&loaded, &name);
        let _ = web_sys::Url::revoke_object_url(&source);
        if let Err(e) = result {
            super::dom::log_error(&format!("PNG export failed: {e:?}"));
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

fn draw(image: &web_sys::HtmlImageElement, name: &str) -> Result<(), JsValue> {
    let scale = 2.0;
    let (w, h) = (
        image.natural_width().max(1) as f64,
        image.natural_height().max(1) as f64,
    );
    let canvas: web_sys::HtmlCanvasElement = create("canvas", "")?.dyn_into()?;
    canvas.set_width((w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, w * scale, h * scale);
    context.scale(scale, scale)?;
    context.draw_image_with_html_image_element(image, 0.0, 0.0)?;
    let data_url = canvas.to_data_url_with_type("image/png")?;
    click_link(name, &data_url)
}
