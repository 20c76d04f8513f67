//! The view model's vocabulary: what the page shows for a state, already
//! formatted (numbers with units, SVG strings, CSV), so the DOM layer only
//! copies it into place.

/// One computed quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// DOM id suffix (`o-<id>`), stable across renders.
    pub id: &'static str,
    /// What it is, in words with its symbol.
    pub label: String,
    /// Number and unit, or "—" with `why` set.
    pub value: String,
    /// The review's equation it comes from (anchor in the models panel).
    pub eq: Option<&'static str>,
    /// Why there is no number, if there is none.
    pub why: Option<String>,
}

impl Row {
    /// A row with a value.
    pub fn new(
        id: &'static str,
        label: impl Into<String>,
        value: String,
        eq: Option<&'static str>,
    ) -> Self {
        Row {
            id,
            label: label.into(),
            value,
            eq,
            why: None,
        }
    }

    /// A row from a computation that may have failed: the error becomes the
    /// reason shown instead of a number.
    pub fn from_result(
        id: &'static str,
        label: impl Into<String>,
        result: crate::Result<String>,
        eq: Option<&'static str>,
    ) -> Self {
        match result {
            Ok(value) => Row::new(id, label, value, eq),
            Err(e) => Row {
                id,
                label: label.into(),
                value: "—".into(),
                eq,
                why: Some(e.to_string()),
            },
        }
    }
}

/// One plot: the figure from `crate::plot`, which the page draws at the
/// size of its box (exports draw it again with inline colours, and its CSV).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlotView {
    /// DOM id suffix (`p-<id>`).
    pub id: &'static str,
    pub figure: Option<crate::plot::Figure>,
    /// Why the plot is empty, if it is (no figure and no reason: not shown).
    pub why: Option<String>,
}

/// A [`PlotView`] of `figure` under DOM id `id`, or the reason it is empty.
pub fn plot_view(id: &'static str, figure: crate::Result<crate::plot::Figure>) -> PlotView {
    match figure {
        Ok(mut figure) => {
            figure.id = id.to_string();
            PlotView {
                id,
                figure: Some(figure),
                why: None,
            }
        }
        Err(e) => PlotView {
            id,
            figure: None,
            why: Some(e.to_string()),
        },
    }
}

impl View {
    /// The figure of plot `id`, if the view draws it.
    pub fn figure_mut(&mut self, id: &str) -> Option<&mut crate::plot::Figure> {
        self.plots
            .iter_mut()
            .find(|p| p.id == id)
            .and_then(|p| p.figure.as_mut())
    }
}

/// A table of text cells (the fitted parameters).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Everything a workspace shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub rows: Vec<Row>,
    pub plots: Vec<PlotView>,
    /// Sentences about the whole view (warnings, notes).
    pub messages: Vec<String>,
    pub table: Option<Table>,
    /// A τ the impedance workspace can hand to the design workspace.
    pub send_tau: Option<f64>,
    /// Why no τ can be handed over (the button is shown disabled).
    pub send_tau_why: Option<String>,
    /// The offer to mask points (the button's text), when there are some to mask.
    pub mask_offer: Option<String>,
    /// The verdict on the shown fit, shown before everything else.
    pub verdict: Option<VerdictView>,
    /// The profile of the ionic rail, drawn under the parameter table
    /// (impedance workspace, after a fit).
    pub profile: Option<PlotView>,
    /// The results table of every loaded spectrum (impedance workspace).
    pub batch: Option<crate::app::batch::BatchTable>,
}

/// The verdict on a fit as the page shows it: its key (`good`,
/// `questionable`, `does_not_describe`, also the CSS class), its text and
/// its reasons, the deciding one first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VerdictView {
    pub key: &'static str,
    pub text: String,
    pub reasons: Vec<String>,
}
