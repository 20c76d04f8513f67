//! Fuzzes what a visitor controls through a link or a number field: the
//! permalink decoder (`ionpath::app::url::decode`), the embed view
//! (`ionpath::app::embed`) and typed numbers (`State::set_text`). Never a
//! panic; the decoded state is always valid and round-trips exactly.
#![no_main]

use ionpath::app::inputs::INPUTS;
use ionpath::app::state::FRACTION_GROUPS;
use ionpath::app::choices::Tab;
use ionpath::app::{embed, url, State};
use libfuzzer_sys::fuzz_target;

fn assert_valid(state: &State) {
    for spec in INPUTS.iter() {
        let v = state.get(spec.id);
        assert!(spec.check(v).is_ok(), "{} = {v} out of its range", spec.key);
    }
    for group in FRACTION_GROUPS {
        let total: f64 = group.iter().map(|&i| state.get(i)).sum();
        assert!((total - 100.0).abs() < 1e-6, "fractions add up to {total}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    // A link: strict decoding, a bounded list of notices, a valid state that
    // survives encode → decode unchanged.
    let (state, notices) = url::decode(&text);
    assert!(notices.len() <= url::MAX_NOTICES + 1);
    assert_valid(&state);
    let (again, quiet) = url::decode(&url::encode(&state));
    assert!(quiet.is_empty(), "{quiet:?}");
    assert_eq!(again, state);

    // Embed mode: a known view forces its workspace; the snippet is one element.
    if let Some(view) = embed::from_query(&text) {
        let (shown, _) = url::decode(&embed::with_tab(&text, view));
        assert_eq!(shown.choice::<Tab>(), view.tab);
        let snippet = embed::snippet("https://example.org/ionpath/", view, &url::encode(&shown));
        assert_eq!(snippet.matches('<').count(), 2, "{snippet}");
    }

    // A number typed into a field: accepted in range or refused with a reason.
    if let Some((&pick, typed)) = data.split_first() {
        let spec = &INPUTS[pick as usize % INPUTS.len()];
        let mut typed_state = state.clone();
        let typed = String::from_utf8_lossy(typed);
        match typed_state.set_text(spec.id, &typed) {
            Ok(()) => assert_valid(&typed_state),
            Err(why) => {
                assert!(!why.is_empty());
                assert_eq!(typed_state.get(spec.id), state.get(spec.id));
            }
        }
    }
});
