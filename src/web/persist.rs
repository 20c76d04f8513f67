//! Where the state lives between visits: the URL (permalink) and
//! `localStorage` (autosave). The URL is written after a short pause so a
//! dragged slider does not flood the history API; the autosave when the page
//! is hidden or left.

use wasm_bindgen::JsValue;

use super::dom::{find, window};
use crate::app::{url, State};

/// The `localStorage` key of the autosaved query string.
pub const STORAGE_KEY: &str = "ionpath.state.v1";

/// The state to start with: the URL's if it has a query, else the autosaved
/// one, else the defaults; with notices about what was ignored.
pub fn initial_state() -> (State, Vec<String>) {
    let search = window()
        .ok()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    if search.len() > 1 {
        return url::decode(&search);
    }
    match storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        Some(saved) if !saved.is_empty() => {
            let (state, mut notices) = url::decode(&saved);
            if !notices.is_empty() {
                notices.insert(0, "the saved inputs had problems:".into());
            }
            (state, notices)
        }
        _ => (State::default(), Vec::new()),
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().ok()?.local_storage().ok().flatten()
}

/// Writes the state to the URL (replacing the history entry) and to the
/// permalink's `href`, unless they hold it already (`written`, the query
/// last written); `prefix` goes before the state (an embed's view).
pub fn save_url(state: &State, prefix: &str, written: &mut String) -> Result<(), JsValue> {
    let href = format!("?{prefix}{}", url::encode(state));
    if *written == href {
        return Ok(());
    }
    written.clone_from(&href);
    window()?
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&href))?;
    if let Some(link) = find("permalink") {
        link.set_attribute("href", &href)?;
    }
    Ok(())
}

/// Writes the state to storage (the autosave), which the page does when it
/// is hidden or left (`visibilitychange`, `pagehide`): the URL holds the
/// state meanwhile, and one write per visit costs less than one per change.
pub fn save_storage(state: &State, embedded: bool) {
    // An embed keeps its inputs in its URL only, never over the visitor's autosave.
    if let Some(storage) = storage().filter(|_| !embedded) {
        // Storage may be full or disabled; the URL still holds the state.
        let _ = storage.set_item(STORAGE_KEY, &url::encode(state));
    }
}

/// Forgets the autosaved state and clears the URL's query.
pub fn clear(written: &mut String) -> Result<(), JsValue> {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
    written.clear();
    let path = window()?.location().pathname()?;
    window()?
        .history()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&path))?;
    Ok(())
}
