//! The heatmap's image in a natively written SVG file: a PNG as a base64
//! `data:` URL, one `<image>` element instead of 4096 `<rect>`s. The pixels
//! are compressed by `miniz_oxide` and checked by `crc32fast`; the chunks
//! around them are written here. Native builds only: the page encodes the
//! same pixels with the browser's own PNG encoder (canvas `toDataURL`, in
//! `web::export`), which keeps these two crates — 26.5 KB of the page's
//! wasm, gzip -9 (docs/BENCHMARKS.md, Weight) — out of the page.

/// [`encode_rgba`] as a `data:image/png;base64,…` URL: the
/// [`super::PngDataUrl`] of native builds for [`super::Figure::to_svg_file`].
pub fn data_url(width: u32, height: u32, rgba: &[u8]) -> Option<String> {
    let png = encode_rgba(width, height, rgba)?;
    let mut url = String::from("data:image/png;base64,");
    push_base64(&mut url, &png);
    Some(url)
}

/// PNG file of a `width`×`height` RGBA image, rows top to bottom.
/// `rgba.len()` must be `4·width·height`; otherwise `None`.
pub fn encode_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<Vec<u8>> {
    let row = 4 * width as usize;
    if width == 0 || height == 0 || rgba.len() != row * height as usize {
        return None;
    }
    let mut raw = Vec::with_capacity((row + 1) * height as usize);
    for line in rgba.chunks(row) {
        raw.push(0); // filter type: none
        raw.extend_from_slice(line);
    }
    let mut ihdr = [0u8; 13];
    ihdr[0..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // colour type: RGBA
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(
        &mut png,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(&mut png, b"IEND", &[]);
    Some(png)
}

/// Appends a chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

/// Appends the standard base64 encoding (RFC 4648, with padding).
pub fn push_base64(out: &mut String, bytes: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.reserve(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            out.push(if i <= group.len() {
                char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize])
            } else {
                '='
            });
        }
    }
}
