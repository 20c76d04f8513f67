//! Tests of the plotting module. `xml` is a small independent
//! well-formedness checker used to inspect the SVG output.

mod builders;
mod encode;
mod hover_csv;
mod render;
mod ticks;
mod zoom;

/// Path of a shared test fixture, `rel` relative to `fixtures/eis/`:
/// `../shared/fixtures/eis/` beside the repository, else the team's copy.
pub fn fixture(rel: &str) -> std::path::PathBuf {
    let beside = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/eis"
    ))
    .join(rel);
    if beside.exists() {
        beside
    } else {
        std::path::Path::new("/work/shared/fixtures/eis").join(rel)
    }
}

/// One start tag of the parsed document.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Decoded text directly inside the element (before any child).
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn decode_entities(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..]
            .find(';')
            .ok_or_else(|| format!("unterminated entity in {s:?}"))?;
        let ent = &rest[i + 1..i + end];
        match ent {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => return Err(format!("unknown entity &{ent};")),
        }
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// Parses `doc` as XML (the subset SVG output uses: elements, attributes
/// in double or single quotes, text, the five named entities) and returns
/// every element in document order, or why it is not well-formed.
pub fn parse_xml(doc: &str) -> Result<Vec<Element>, String> {
    let mut elements: Vec<Element> = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut rest = doc;
    let mut roots = 0;
    loop {
        let lt = rest.find('<').unwrap_or(rest.len());
        if rest[..lt].contains('>') {
            return Err(format!("raw '>' in text {:?}", &rest[..lt]));
        }
        let text = decode_entities(&rest[..lt])?;
        match stack.last() {
            Some((_, idx)) if elements[*idx].text.is_empty() => elements[*idx].text = text,
            Some(_) => {}
            None if !text.trim().is_empty() => return Err(format!("text outside root: {text:?}")),
            None => {}
        }
        if lt == rest.len() {
            break;
        }
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let gt = after.find('>').ok_or("unterminated end tag")?;
            let name = after[..gt].trim_end();
            match stack.pop() {
                Some((open, _)) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            rest = &after[gt + 1..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .ok_or("unterminated tag")?;
        let name = &rest[..name_end];
        if !is_name(name) {
            return Err(format!("bad element name {name:?}"));
        }
        if stack.is_empty() {
            roots += 1;
        }
        let mut el = Element {
            name: name.to_string(),
            attrs: Vec::new(),
            text: String::new(),
        };
        rest = &rest[name_end..];
        let self_closing = loop {
            rest = rest.trim_start();
            if let Some(r) = rest.strip_prefix("/>") {
                rest = r;
                break true;
            }
            if let Some(r) = rest.strip_prefix('>') {
                rest = r;
                break false;
            }
            let eq = rest
                .find('=')
                .ok_or_else(|| format!("attribute without value in <{name}>"))?;
            let attr = rest[..eq].trim();
            if !is_name(attr) {
                return Err(format!("bad attribute name {attr:?} in <{name}>"));
            }
            if el.attr(attr).is_some() {
                return Err(format!("duplicate attribute {attr} in <{name}>"));
            }
            let after = rest[eq + 1..].trim_start();
            let quote = after
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(|| format!("unquoted {attr} in <{name}>"))?;
            let close = after[1..].find(quote).ok_or("unterminated attribute")?;
            let raw = &after[1..1 + close];
            if raw.contains('<') {
                return Err(format!("'<' in attribute {attr}"));
            }
            el.attrs.push((attr.to_string(), decode_entities(raw)?));
            rest = &after[close + 2..];
        };
        elements.push(el);
        if !self_closing {
            stack.push((name.to_string(), elements.len() - 1));
        }
    }
    if let Some((open, _)) = stack.last() {
        return Err(format!("<{open}> never closed"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(elements)
}

/// Parses the SVG and checks that every number in geometric attributes is
/// finite and that no "NaN"/"inf" appears anywhere in attributes.
pub fn check_svg(svg: &str) -> Vec<Element> {
    let els = parse_xml(svg).unwrap_or_else(|e| {
        panic!(
            "not well-formed: {e}\n{}",
            svg.chars().take(800).collect::<String>()
        )
    });
    assert_eq!(els.first().map(|e| e.name.as_str()), Some("svg"));
    for el in &els {
        for (name, value) in &el.attrs {
            assert!(
                !value.contains("NaN") && !value.contains("inf"),
                "{name}={value:?} in <{}>",
                el.name
            );
            if matches!(
                name.as_str(),
                "x" | "y" | "width" | "height" | "cx" | "cy" | "r" | "d" | "viewBox" | "transform"
            ) {
                if (name == "width" || name == "height") && value.ends_with('%') {
                    continue;
                }
                for tok in
                    value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
                {
                    let tok = tok.trim_matches('e');
                    if tok.is_empty() || tok == "-" {
                        continue;
                    }
                    let v: f64 = tok
                        .parse()
                        .unwrap_or_else(|_| panic!("bad number {tok:?} in {name}={value:?}"));
                    assert!(v.is_finite() && v.abs() <= 1e7, "{name}={value:?}");
                }
            }
        }
    }
    els
}

#[test]
fn xml_checker_rejects_broken_markup() {
    assert!(parse_xml("<svg><g></svg>").is_err());
    assert!(parse_xml("<svg a=1/>").is_err());
    assert!(parse_xml("<svg a=\"1\" a=\"2\"/>").is_err());
    assert!(parse_xml("<svg>&nbsp;</svg>").is_err());
    assert!(parse_xml("<svg>a > b</svg>").is_err());
    assert!(parse_xml("<svg/><svg/>").is_err());
    let ok = parse_xml("<svg a='1'><text>x &amp; y</text></svg>").unwrap();
    assert_eq!(ok[1].text, "x & y");
}
