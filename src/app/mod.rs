//! The page's logic in pure Rust (no DOM): the inputs and their ranges
//! ([`inputs`], [`choices`]), the always-valid page [`state`], the
//! permalink codec ([`url`]), number formatting ([`format`]) and the view
//! model that turns a state into the numbers and plots to show.
//!
//! Everything here builds and is tested natively; `crate::web` only moves
//! values between the DOM and these types.

pub mod batch;
pub mod choices;
pub mod comparison;
pub mod design;
pub mod dock;
pub mod embed;
pub mod figures;
pub mod format;
pub mod html;
pub mod impedance;
pub mod inputs;
pub mod micro;
pub mod presets;
pub mod query;
pub mod state;
pub mod table1_view;
pub mod url;
pub mod view;
pub mod visible;
pub mod wire;

pub use choices::Ch;
pub use inputs::In;
pub use state::State;
