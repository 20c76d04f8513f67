//! The core's error type. The core returns these; only the edges (CLI, page)
//! turn them into sentences for people, adding where the value came from
//! (a flag, a form field, a file and line).

use std::fmt;

/// What went wrong in the core, with enough detail for a clear message.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A parameter is outside its physical domain.
    /// `name` is the parameter's symbol-like name (e.g. `"thickness_cm"`),
    /// `expected` says what is allowed (e.g. `"> 0"`).
    InvalidParameter {
        name: &'static str,
        value: f64,
        expected: &'static str,
    },
    /// A combination of parameters is inconsistent (e.g. R_ion = R_e = 0).
    Inconsistent(String),
    /// A file or text could not be read: `source` names it, `line` is 1-based.
    Read {
        source: String,
        line: Option<usize>,
        message: String,
    },
    /// A fit or solve could not produce a result.
    Numerical(String),
}

impl Error {
    /// Shorthand for [`Error::InvalidParameter`].
    pub fn invalid(name: &'static str, value: f64, expected: &'static str) -> Self {
        Error::InvalidParameter {
            name,
            value,
            expected,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidParameter {
                name,
                value,
                expected,
            } => write!(f, "{name} = {value} is invalid: expected {expected}"),
            Error::Inconsistent(msg) | Error::Numerical(msg) => f.write_str(msg),
            Error::Read {
                source,
                line: Some(line),
                message,
            } => {
                write!(f, "{source}, line {line}: {message}")
            }
            Error::Read {
                source,
                line: None,
                message,
            } => write!(f, "{source}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Result with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Checks that `value` is finite and strictly positive.
pub fn require_positive(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::invalid(name, value, "a finite number > 0"))
    }
}

/// Checks that `value` is finite and not negative.
pub fn require_non_negative(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::invalid(name, value, "a finite number >= 0"))
    }
}

/// Checks that `value` is a fraction in (0, 1].
pub fn require_fraction(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() && value > 0.0 && value <= 1.0 {
        Ok(value)
    } else {
        Err(Error::invalid(name, value, "a fraction in (0, 1]"))
    }
}

#[cfg(test)]
mod tests;
