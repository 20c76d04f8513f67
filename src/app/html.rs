//! Tables for the page's `innerHTML`, written in the page worker (the
//! page's wasm then carries no code to build them, only the one call that
//! inserts the markup) with every text and attribute value escaped by
//! [`crate::plot::push_escaped`]. This is the only way markup holding text
//! the page did not write itself (file names, parameter names, numbers)
//! reaches `innerHTML` (the rule in `crate::web::dom`).

use crate::plot::push_escaped;

/// A `<table>` built row by row; [`Table::finish`] gives its markup.
pub struct Table {
    out: String,
    row_open: bool,
}

impl Table {
    /// A table with one header row of `header` cells.
    pub fn new(header: &[&str]) -> Table {
        let mut out = String::from("<table><tr>");
        for h in header {
            out.push_str("<th>");
            push_escaped(&mut out, h);
            out.push_str("</th>");
        }
        out.push_str("</tr>");
        Table {
            out,
            row_open: false,
        }
    }

    /// Starts a new row (closing the last).
    pub fn row(&mut self) -> &mut Table {
        self.close_row();
        self.out.push_str("<tr>");
        self.row_open = true;
        self
    }

    /// A cell holding `text`.
    pub fn text(&mut self, text: &str) -> &mut Table {
        self.out.push_str("<td>");
        push_escaped(&mut self.out, text);
        self.out.push_str("</td>");
        self
    }

    /// A cell holding an `<input>` with `attributes` (name, value); the
    /// names are the code's own constants, the values are escaped.
    pub fn input(&mut self, attributes: &[(&str, &str)]) -> &mut Table {
        self.out.push_str("<td><input");
        for (name, value) in attributes {
            debug_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            push_escaped(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push_str("></td>");
        self
    }

    /// The table's markup.
    pub fn finish(mut self) -> String {
        self.close_row();
        self.out.push_str("</table>");
        self.out
    }

    fn close_row(&mut self) {
        if self.row_open {
            self.out.push_str("</tr>");
            self.row_open = false;
        }
    }
}

#[cfg(test)]
mod tests;
