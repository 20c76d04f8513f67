//! Embed mode: `?embed=<view>` shows one workspace, or one figure with the
//! workspace's controls, without the site's header and footer, for an
//! `<iframe>` in another site. The view is a page setting, not part of the
//! [`State`]: [`super::url`] accepts the key and reports a bad value.

use super::choices::{Ch, Choice, Tab, ZMode};
use super::query::{percent_decode, MAX_QUERY_LEN};

/// The URL key of embed mode.
pub const KEY: &str = "embed";

/// One embeddable view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embed {
    /// The value of `embed=` (`design`, `capacity-plot`, …).
    pub name: &'static str,
    /// The workspace shown.
    pub tab: Tab,
    /// The one figure shown (a plot id of the view model), or all of them.
    pub plot: Option<&'static str>,
    /// What a screen reader hears as the iframe's title.
    pub title: &'static str,
}

const fn view(
    name: &'static str,
    tab: Tab,
    plot: Option<&'static str>,
    title: &'static str,
) -> Embed {
    Embed {
        name,
        tab,
        plot,
        title,
    }
}

/// Every embeddable view.
pub const EMBEDS: [Embed; 7] = [
    view(
        "design",
        Tab::Design,
        None,
        "ionpath: composite electrode design",
    ),
    view(
        "capacity-plot",
        Tab::Design,
        Some("capacity"),
        "ionpath: delivered capacity against current",
    ),
    view(
        "utilisation-plot",
        Tab::Design,
        Some("utilisation"),
        "ionpath: utilisation map",
    ),
    view(
        "tau-plot",
        Tab::Design,
        Some("tau"),
        "ionpath: tortuosity against SE fraction",
    ),
    view(
        "impedance",
        Tab::Impedance,
        None,
        "ionpath: impedance spectra",
    ),
    view(
        "nyquist-plot",
        Tab::Impedance,
        Some("nyquist"),
        "ionpath: Nyquist plot",
    ),
    view(
        "bode-plot",
        Tab::Impedance,
        Some("bode"),
        "ionpath: Bode plot",
    ),
];

impl Embed {
    /// The view named `name`, if any.
    pub fn from_name(name: &str) -> Option<&'static Embed> {
        EMBEDS.iter().find(|e| e.name == name)
    }

    /// The views of workspace `tab`, the whole workspace first.
    pub fn of_tab(tab: Tab) -> impl Iterator<Item = &'static Embed> {
        EMBEDS.iter().filter(move |e| e.tab == tab)
    }
}

/// The comma-separated list of view names, for notices.
pub fn names() -> String {
    EMBEDS.iter().map(|e| e.name).collect::<Vec<_>>().join(", ")
}

/// The value of the last `embed=` in `query` (with or without `?`), decoded
/// like every other value; `None` if the key is absent.
pub fn value_in(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = &query[..floor_boundary(query, MAX_QUERY_LEN)];
    query
        .split('&')
        .rev()
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .find(|(key, _)| percent_decode(key) == KEY)
        .map(|(_, value)| percent_decode(value))
}

/// The embed view `query` asks for, if it names a known one.
pub fn from_query(query: &str) -> Option<&'static Embed> {
    Embed::from_name(&value_in(query)?)
}

/// `query` with every `tab=` replaced by the embed's workspace, so that the
/// state decoded from it shows what the embed is for. An impedance embed
/// whose link does not choose the mode simulates: a link cannot carry the
/// spectra a fit needs, so it would show no plot (the mode can still be
/// switched to fitting in the embed).
pub fn with_tab(query: &str, embed: &Embed) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let key = |p: &&str| percent_decode(p.split('=').next().unwrap_or(""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && key(p) != "tab")
        .collect();
    let zmode = format!("{}={}", Ch::ZMode.spec().key, ZMode::Simulate.name());
    if embed.tab == Tab::Impedance && !pairs.iter().any(|p| key(p) == Ch::ZMode.spec().key) {
        pairs.push(&zmode);
    }
    let tab = format!("tab={}", embed.tab.name());
    pairs.push(&tab);
    pairs.join("&")
}

/// The query of an embed in view `embed` of the state whose permalink
/// query is `permalink`: `embed=…&` + the permalink.
pub fn query(embed: &Embed, permalink: &str) -> String {
    format!("{KEY}={}&{permalink}", embed.name)
}

/// The `<iframe>` snippet that embeds the state of query `permalink` in
/// view `embed`, for a page at `page_url` (origin + path, no query).
/// Attribute values are escaped.
pub fn snippet(page_url: &str, embed: &Embed, permalink: &str) -> String {
    let height = if embed.plot.is_some() { 560 } else { 820 };
    let mut out = String::from("<iframe src=\"");
    push_escaped(&mut out, &format!("{page_url}?{}", query(embed, permalink)));
    out.push_str("\" title=\"");
    push_escaped(&mut out, embed.title);
    out.push_str(&format!(
        "\" width=\"100%\" height=\"{height}\" loading=\"lazy\" referrerpolicy=\"no-referrer\" style=\"border:0\"></iframe>"
    ));
    out
}

/// Appends `text` escaped for an HTML attribute value in double quotes.
/// (`crate::plot`'s XML escaper is private to it.)
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut cut = at.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

#[cfg(test)]
mod tests;
