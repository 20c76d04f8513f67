//! PNG export: draws a plot's SVG into a canvas at twice its size and
//! downloads the result.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::dom::create;

/// Renders `svg` to a PNG and offers it as `name`.
pub fn png(name: &str, svg: &str) -> Result<(), JsValue> {
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
    super::render::click_link(name, &data_url)
}
