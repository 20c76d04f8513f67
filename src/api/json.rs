//! The API's JSON (RFC 8259): a small reader into [`Value`], a writer, and
//! [`Fields`], which reads one object's fields by name and refuses the ones
//! nobody asked for.
//!
//! Written here rather than taken from serde_json so that the page's wasm
//! carries only what the API needs (page weight budget); the native tests
//! check it against serde_json.

use crate::error::{Error, Result};
use crate::float_format::Float;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 64;

/// A JSON value. Numbers are f64; object members keep their order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Parses one JSON text. The error says what was expected and where
/// (line and column, 1-based; columns count characters).
pub fn parse(text: &str) -> std::result::Result<Value, String> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < text.len() {
        return Err(reader.fail("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, what: &str) -> String {
        let before = &self.text[..self.at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("line {line}, column {column}: {what}")
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> std::result::Result<(), String> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fail(what))
        }
    }

    fn value(&mut self, depth: usize) -> std::result::Result<Value, String> {
        self.skip_space();
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                Err(self.fail("arrays and objects nest too deeply"))
            }
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for (word, value) in [
                    ("null", Value::Null),
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                ] {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.fail("expected a JSON value"))
            }
        }
    }

    fn object(&mut self, depth: usize) -> std::result::Result<Value, String> {
        self.at += 1;
        let mut members: Vec<(String, Value)> = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a field name in double quotes"));
            }
            let start = self.at;
            let name = self.string()?;
            if members.iter().any(|(n, _)| *n == name) {
                self.at = start;
                return Err(self.fail(&format!("field `{}` given twice", clip(&name))));
            }
            self.expect(b':', "expected `:` after the field name")?;
            let value = self.value(depth)?;
            members.push((name, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.fail("expected `,` or `}` in the object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> std::result::Result<Value, String> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.fail("expected `,` or `]` in the array")),
            }
        }
    }

    /// A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, finite as f64.
    fn number(&mut self) -> std::result::Result<Value, String> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        let mut at = self.at;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        let int_start = at;
        let ok_int = digits(&mut at) && (bytes[int_start] != b'0' || at == int_start + 1);
        let mut ok = ok_int;
        if ok && bytes.get(at) == Some(&b'.') {
            at += 1;
            ok = digits(&mut at);
        }
        if ok && matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            ok = digits(&mut at);
        }
        if !ok {
            self.at = at;
            return Err(self.fail("malformed number"));
        }
        self.at = at;
        match crate::float_parse::parse_f64(&self.text[start..at]) {
            Some(x) if x.is_finite() => Ok(Value::Number(x)),
            _ => {
                self.at = start;
                Err(self.fail("number out of the range of a double"))
            }
        }
    }

    fn string(&mut self) -> std::result::Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        let text = self.text;
        loop {
            let rest = &text[self.at..];
            let Some(run) = rest
                .bytes()
                .position(|b| b == b'"' || b == b'\\' || b < 0x20)
            else {
                self.at = text.len();
                return Err(self.fail("unterminated string"));
            };
            out.push_str(&rest[..run]);
            self.at += run;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.fail("unknown escape in string")),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                _ => return Err(self.fail("control character in string")),
            }
        }
    }

    /// The character of `XXXX` (after `\u`), joining a surrogate pair.
    fn unicode_escape(&mut self) -> std::result::Result<char, String> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if !self.text[self.at..].starts_with("\\u") {
                return Err(self.fail("unpaired surrogate in \\u escape"));
            }
            self.at += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.fail("unpaired surrogate in \\u escape"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.fail("unpaired surrogate in \\u escape"))
    }

    fn hex4(&mut self) -> std::result::Result<u32, String> {
        let hex = self.text.get(self.at..self.at + 4).unwrap_or("");
        match u32::from_str_radix(hex, 16) {
            Ok(v) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.at += 4;
                Ok(v)
            }
            _ => Err(self.fail("expected 4 hex digits after \\u")),
        }
    }
}

/// At most 40 characters of a user's name, for messages.
fn clip(name: &str) -> String {
    name.chars().take(40).collect()
}

/// Writes `value` as compact JSON. Non-finite numbers become `null` (as
/// JavaScript's `JSON.stringify` writes them).
pub fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(x) => write_number(*x, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (k, (name, item)) in members.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

/// The JSON text of `value`.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// Shortest digits that read back as the same f64; exponent form outside
/// 1e-5 ≤ |x| < 1e16 so that no number is written with dozens of zeros.
fn write_number(x: f64, out: &mut String) {
    use std::fmt::Write;
    if !x.is_finite() {
        out.push_str("null");
    } else if x == 0.0 || (1e-5..1e16).contains(&x.abs()) {
        let _ = write!(out, "{}", Float(x));
    } else {
        let _ = write!(out, "{:e}", Float(x));
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Shorthand for a number value, `null` when absent.
pub fn opt_number(x: Option<f64>) -> Value {
    x.map_or(Value::Null, Value::Number)
}

/// Shorthand for an array of numbers.
pub fn numbers(xs: &[f64]) -> Value {
    Value::Array(xs.iter().map(|&x| Value::Number(x)).collect())
}

/// Shorthand for an object from `(name, value)` pairs.
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect(),
    )
}

/// The fields of one object of a request, taken by name. `null` counts as
/// absent. [`Fields::finish`] refuses any field that was not taken.
pub struct Fields {
    /// What is being read, e.g. `fit input`, for every message.
    source: String,
    /// Dotted path of this object inside the request ("" at the top).
    path: String,
    members: Vec<(String, Value)>,
}

impl Fields {
    /// The top-level object of `text`, the input of API call `call`.
    pub fn parse(call: &str, text: &str) -> Result<Fields> {
        let source = format!("{call} input");
        let value = parse(text).map_err(|message| Error::Read {
            source: source.clone(),
            line: None,
            message,
        })?;
        Fields::of(source, String::new(), value)
    }

    fn of(source: String, path: String, value: Value) -> Result<Fields> {
        match value {
            Value::Object(members) => Ok(Fields {
                source,
                path,
                members,
            }),
            other => Err(Error::Read {
                message: format!(
                    "{} must be an object, found {}",
                    if path.is_empty() { "the input" } else { &path },
                    other.kind()
                ),
                source,
                line: None,
            }),
        }
    }

    /// The dotted name of field `name` of this object.
    pub fn name(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// An error about field `name`, as [`Error::Read`] of this request.
    pub fn error(&self, name: &str, what: &str) -> Error {
        Error::Read {
            source: self.source.clone(),
            line: None,
            message: format!("`{}` {what}", self.name(name)),
        }
    }

    /// Field `name`, removed from the object; None when absent or null.
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let k = self.members.iter().position(|(n, _)| n == name)?;
        match self.members.remove(k).1 {
            Value::Null => None,
            v => Some(v),
        }
    }

    fn required(&mut self, name: &str) -> Result<Value> {
        self.take(name)
            .ok_or_else(|| self.error(name, "is missing (or null)"))
    }

    fn as_number(&self, name: &str, value: Value) -> Result<f64> {
        match value {
            Value::Number(x) => Ok(x),
            other => Err(self.error(name, &format!("must be a number, found {}", other.kind()))),
        }
    }

    /// A required number.
    pub fn number(&mut self, name: &str) -> Result<f64> {
        let v = self.required(name)?;
        self.as_number(name, v)
    }

    /// An optional number.
    pub fn opt_number(&mut self, name: &str) -> Result<Option<f64>> {
        self.take(name).map(|v| self.as_number(name, v)).transpose()
    }

    /// An optional string.
    pub fn opt_string(&mut self, name: &str) -> Result<Option<String>> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => {
                Err(self.error(name, &format!("must be a string, found {}", other.kind())))
            }
        }
    }

    /// A required string.
    pub fn string(&mut self, name: &str) -> Result<String> {
        self.opt_string(name)?
            .ok_or_else(|| self.error(name, "is missing (or null)"))
    }

    /// An optional array of numbers.
    pub fn opt_numbers(&mut self, name: &str) -> Result<Option<Vec<f64>>> {
        let items = match self.take(name) {
            None => return Ok(None),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(self.error(
                    name,
                    &format!("must be an array of numbers, found {}", other.kind()),
                ))
            }
        };
        items
            .into_iter()
            .enumerate()
            .map(|(k, item)| match item {
                Value::Number(x) => Ok(x),
                other => Err(self.error(
                    &format!("{name}[{k}]"),
                    &format!("must be a number, found {}", other.kind()),
                )),
            })
            .collect::<Result<Vec<f64>>>()
            .map(Some)
    }

    /// A required array of numbers.
    pub fn numbers(&mut self, name: &str) -> Result<Vec<f64>> {
        self.opt_numbers(name)?
            .ok_or_else(|| self.error(name, "is missing (or null)"))
    }

    /// An optional object, read the same way.
    pub fn opt_object(&mut self, name: &str) -> Result<Option<Fields>> {
        let path = self.name(name);
        self.take(name)
            .map(|v| Fields::of(self.source.clone(), path, v))
            .transpose()
    }

    /// A required object.
    pub fn object(&mut self, name: &str) -> Result<Fields> {
        self.opt_object(name)?
            .ok_or_else(|| self.error(name, "is missing (or null)"))
    }

    /// Every remaining member as (name, value), in order: for objects whose
    /// field names are data (e.g. parameter names).
    pub fn take_all(&mut self) -> Vec<(String, Value)> {
        std::mem::take(&mut self.members)
    }

    /// An error naming the first field not in `known`: checked before
    /// reading when a misspelt field would otherwise be reported as
    /// something else missing.
    pub fn allow(&self, known: &[&str]) -> Result<()> {
        match self
            .members
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            None => Ok(()),
            Some((name, _)) => Err(self.error(&clip(name), "is not a known field")),
        }
    }

    /// Ends reading: an error naming the first field not taken.
    pub fn finish(self) -> Result<()> {
        match self.members.first() {
            None => Ok(()),
            Some((name, _)) => Err(self.error(&clip(name), "is not a known field")),
        }
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
mod tests;
