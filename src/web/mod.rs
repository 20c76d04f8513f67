//! The browser layer (wasm32 only): the only code that touches the DOM.
