//! The results strip of narrow screens (the page's "dock"): a few key rows
//! and the plot of the input last moved stay at the top of the screen while
//! the inputs scroll beneath them.

use super::choices::Tab;
use super::inputs::In;

/// The rows the strip shows for workspace `tab`, those present in its view.
pub fn rows(tab: Tab) -> &'static [&'static str] {
    match tab {
        Tab::Design => &["cap", "capint", "util", "limit"],
        Tab::Impedance => &["zhf", "zlf", "zsigeff", "ztau", "zchi"],
    }
}

/// The plot the strip shows for workspace `tab` before any input is moved.
pub fn first_plot(tab: Tab) -> &'static str {
    match tab {
        Tab::Design => "capacity",
        Tab::Impedance => "nyquist",
    }
}

/// The plot that shows what moving `input` changes: the τ plot for the
/// tortuosity model's inputs, the Ragone plot for the stack's, the
/// capacity plot for every other design input (inputs added later
/// included), the Nyquist plot for the impedance workspace's.
pub fn plot_for(input: In) -> &'static str {
    match input {
        In::Alpha | In::BruggemanK | In::TauMeasured | In::Epsilon => "tau",
        In::SeparatorUm | In::CollectorUm | In::LiExcessUm => "ragone",
        _ => first_plot(input.spec().group.workspace()),
    }
}

#[cfg(test)]
mod tests;
