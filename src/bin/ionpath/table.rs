//! The scalar fits' tables read from files: `ionpath::io::quantities` on
//! the file's text, its errors written `file:line, column …`.

use std::path::Path;

use ionpath::Error;

pub use ionpath::io::quantities::Quantity;

/// Reads `path` and returns, for each of `wanted`, its column in core units.
pub fn read_columns(path: &Path, wanted: &[Quantity]) -> Result<Vec<Vec<f64>>, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    ionpath::io::quantities::read_columns(&text, &name, wanted).map_err(|e| match e {
        Error::Read {
            source,
            line: Some(line),
            message,
        } => format!("{source}:{line}, {message}"),
        other => other.to_string(),
    })
}
