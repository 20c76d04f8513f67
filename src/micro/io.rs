//! Segmented volumes from and to files: multi-page TIFF stacks (8- or
//! 16-bit grey or palette labels; uncompressed, PackBits, LZW or Deflate;
//! through the `tiff` crate) and raw volumes of a given shape (8-bit, or
//! 16-bit little-endian when the file is twice as long).
//!
//! A stack's page index is x, a page's rows y and its columns z (see
//! [`super::volume`]). The voxel size is read from an ImageJ description
//! (`spacing=` with `unit=micron`), which [`write_tiff`] also writes, so
//! Fiji opens a written stack with the right voxel size.
//!
//! Every failure is an [`Error::Read`] naming the file; never a panic
//! (fuzzed: `fuzz/fuzz_targets/micro_volume.rs`).

use std::io::Cursor;

use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::encoder::{colortype, Compression, TiffEncoder};
use tiff::tags::Tag;
use tiff::ColorType;

use super::volume::{check_shape, Volume, MAX_VOXELS};
use crate::error::{Error, Result};

/// How to read a file that is not a TIFF.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ReadOptions {
    /// Shape [n_x, n_y, n_z] of a raw volume; without it the shape is taken
    /// from the file name (`name_200x200x100.raw`).
    pub raw_shape: Option<[usize; 3]>,
    /// Voxel edge in µm; overrides the file's own; 1 µm when neither says.
    pub voxel_um: Option<f64>,
}

fn read_error(source: &str, message: impl Into<String>) -> Error {
    Error::Read {
        source: source.into(),
        line: None,
        message: message.into(),
    }
}

/// True when `bytes` start like a TIFF (classic or BigTIFF, either byte order).
pub fn is_tiff(bytes: &[u8]) -> bool {
    matches!(
        bytes.get(..4),
        Some([b'I', b'I', 42 | 43, 0]) | Some([b'M', b'M', 0, 42 | 43])
    )
}

/// Reads a volume from the bytes of the file called `source`: a TIFF
/// stack when it starts like one, else a raw volume.
pub fn read_volume(source: &str, bytes: &[u8], options: &ReadOptions) -> Result<Volume> {
    if let Some(v) = options.voxel_um {
        crate::error::require_positive("voxel_um", v)?;
    }
    if is_tiff(bytes) {
        read_tiff(source, bytes, options.voxel_um)
    } else {
        read_raw(source, bytes, options)
    }
}

/// Reads a raw volume: shape from the options or the file name; 8-bit
/// labels, or 16-bit little-endian ones when the file has two bytes per voxel.
pub fn read_raw(source: &str, bytes: &[u8], options: &ReadOptions) -> Result<Volume> {
    let voxel_um = options.voxel_um.unwrap_or(1.0);
    let shape = match options.raw_shape {
        Some(shape) => shape,
        None => shape_from_name(source, bytes.len()).ok_or_else(|| {
            read_error(
                source,
                "not a TIFF; a raw volume needs its shape (a name like part_200x200x100.raw, or the shape given)",
            )
        })?,
    };
    let voxels = shape
        .iter()
        .try_fold(1usize, |a, &n| a.checked_mul(n))
        .filter(|&v| v > 0 && v <= MAX_VOXELS);
    match voxels {
        Some(v) if bytes.len() == v => Volume::from_u8(shape, voxel_um, bytes.to_vec()),
        Some(v) if Some(bytes.len()) == v.checked_mul(2) => {
            let values: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect();
            Volume::from_u16(source, shape, voxel_um, &values)
        }
        Some(v) => Err(read_error(
            source,
            format!(
                "{} bytes, but a {}×{}×{} raw volume has {v} (8-bit) or {} (16-bit)",
                bytes.len(),
                shape[0],
                shape[1],
                shape[2],
                2 * v
            ),
        )),
        None => check_shape(source, shape, 0).map(|()| unreachable!("refused above")),
    }
}

/// The first `AxBxC` in the file name whose voxel count matches `len` bytes
/// at 8 or 16 bits.
fn shape_from_name(source: &str, len: usize) -> Option<[usize; 3]> {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let parts: Vec<&str> = name
        .split(|c: char| !(c.is_ascii_digit() || c == 'x' || c == 'X'))
        .collect();
    parts.iter().find_map(|part| {
        // Every run of three numbers joined by 'x' inside the part.
        let numbers: Vec<&str> = part.split(['x', 'X']).collect();
        numbers.windows(3).find_map(|w| {
            let shape = [w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?];
            let v = shape
                .iter()
                .try_fold(1usize, |a: usize, &n: &usize| a.checked_mul(n))?;
            (v > 0 && (len == v || Some(len) == v.checked_mul(2))).then_some(shape)
        })
    })
}

/// Labels of one page.
enum Page {
    U8(Vec<u8>),
    U16(Vec<u16>),
}

/// Reads a multi-page TIFF stack of 8- or 16-bit labels.
pub fn read_tiff(source: &str, bytes: &[u8], voxel_um: Option<f64>) -> Result<Volume> {
    let tiff_error = |page: usize, e: tiff::TiffError| {
        read_error(
            source,
            format!("not a readable TIFF stack (page {}): {e}", page + 1),
        )
    };
    let mut limits = Limits::default();
    limits.decoding_buffer_size = 512 << 20;
    let mut decoder = Decoder::new(Cursor::new(bytes))
        .map_err(|e| tiff_error(0, e))?
        .with_limits(limits);
    let (width, height) = decoder.dimensions().map_err(|e| tiff_error(0, e))?;
    let (w, h) = (width as usize, height as usize);
    let file_voxel_um = imagej_spacing_um(&mut decoder);
    let mut pages: Vec<Page> = Vec::new();
    loop {
        let k = pages.len();
        let dims = decoder.dimensions().map_err(|e| tiff_error(k, e))?;
        if dims != (width, height) {
            return Err(read_error(
                source,
                format!(
                    "page {} is {}×{} pixels, page 1 is {width}×{height}: a stack needs pages of one size",
                    k + 1,
                    dims.0,
                    dims.1
                ),
            ));
        }
        if (k + 1).saturating_mul(w).saturating_mul(h) > MAX_VOXELS {
            return Err(read_error(source, "more than 2^31 voxels"));
        }
        match decoder.colortype().map_err(|e| tiff_error(k, e))? {
            ColorType::Gray(8 | 16) | ColorType::Palette(8 | 16) => {}
            other => {
                return Err(read_error(
                    source,
                    format!(
                        "page {}: {other:?} pixels; labels must be one 8- or 16-bit grey or palette sample",
                        k + 1
                    ),
                ))
            }
        }
        let page = match decoder.read_image().map_err(|e| tiff_error(k, e))? {
            DecodingResult::U8(v) => Page::U8(v),
            DecodingResult::U16(v) => Page::U16(v),
            _ => {
                return Err(read_error(
                    source,
                    format!(
                        "page {}: labels must be unsigned 8- or 16-bit integers",
                        k + 1
                    ),
                ))
            }
        };
        let len = match &page {
            Page::U8(v) => v.len(),
            Page::U16(v) => v.len(),
        };
        if len != w * h {
            return Err(read_error(
                source,
                format!("page {}: {len} pixels decoded, {} expected", k + 1, w * h),
            ));
        }
        pages.push(page);
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(|e| tiff_error(k + 1, e))?;
    }
    let shape = [pages.len(), h, w];
    let voxel_um = voxel_um.or(file_voxel_um).unwrap_or(1.0);
    if pages.iter().all(|p| matches!(p, Page::U8(_))) {
        let mut codes = Vec::with_capacity(shape.iter().product());
        for p in &pages {
            if let Page::U8(v) = p {
                codes.extend_from_slice(v);
            }
        }
        Volume::from_u8(shape, voxel_um, codes)
    } else {
        let mut values = Vec::with_capacity(shape.iter().product());
        for p in &pages {
            match p {
                Page::U8(v) => values.extend(v.iter().map(|&b| u16::from(b))),
                Page::U16(v) => values.extend_from_slice(v),
            }
        }
        Volume::from_u16(source, shape, voxel_um, &values)
    }
}

/// The voxel size from an ImageJ description (`spacing=` with
/// `unit=micron`, `um` or `µm`), if the first page has one.
fn imagej_spacing_um<R: std::io::Read + std::io::Seek>(decoder: &mut Decoder<R>) -> Option<f64> {
    let text = decoder.get_tag_ascii_string(Tag::ImageDescription).ok()?;
    if !text.starts_with("ImageJ=") {
        return None;
    }
    let value = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::trim)
    };
    let unit = value("unit")?;
    if !matches!(unit, "micron" | "um" | "µm" | "\\u00B5m") {
        return None;
    }
    let spacing: f64 = value("spacing")?.parse().ok()?;
    (spacing.is_finite() && spacing > 0.0).then_some(spacing)
}

/// The volume as a multi-page TIFF (one page per x, PackBits-compressed,
/// 8-bit labels, or 16-bit when its labels go above 255), with an ImageJ
/// description giving the voxel size in µm.
pub fn write_tiff(volume: &Volume) -> Result<Vec<u8>> {
    let [nx, ny, nz] = volume.shape;
    let fail = |e: tiff::TiffError| Error::Inconsistent(format!("cannot write the TIFF: {e}"));
    let description = format!(
        "ImageJ=1.11a\nimages={nx}\nslices={nx}\nunit=micron\nspacing={}\nloop=false\n",
        volume.voxel_um
    );
    let wide = volume.labels.iter().any(|&l| l > 255);
    let mut out = Cursor::new(Vec::new());
    {
        let mut encoder = TiffEncoder::new(&mut out)
            .map_err(fail)?
            .with_compression(Compression::Packbits);
        let page_len = ny * nz;
        for x in 0..nx {
            let page = &volume.codes[x * page_len..(x + 1) * page_len];
            if wide {
                let values: Vec<u16> = page.iter().map(|&c| volume.labels[c as usize]).collect();
                let mut image = encoder
                    .new_image::<colortype::Gray16>(nz as u32, ny as u32)
                    .map_err(fail)?;
                if x == 0 {
                    image
                        .encoder()
                        .write_tag(Tag::ImageDescription, description.as_str())
                        .map_err(fail)?;
                }
                image.write_data(&values).map_err(fail)?;
            } else {
                let values: Vec<u8> = page
                    .iter()
                    .map(|&c| volume.labels[c as usize] as u8)
                    .collect();
                let mut image = encoder
                    .new_image::<colortype::Gray8>(nz as u32, ny as u32)
                    .map_err(fail)?;
                if x == 0 {
                    image
                        .encoder()
                        .write_tag(Tag::ImageDescription, description.as_str())
                        .map_err(fail)?;
                }
                image.write_data(&values).map_err(fail)?;
            }
        }
    }
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests;
