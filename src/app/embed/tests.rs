use crate::app::choices::Tab;
use proptest::prelude::*;

use super::*;
use crate::app::state::State;
use crate::app::url;
use crate::app::In;

#[test]
fn every_view_is_found_by_name_and_unknown_ones_are_not() {
    for e in EMBEDS.iter() {
        assert_eq!(from_query(&format!("?th=100&embed={}", e.name)), Some(e));
    }
    assert_eq!(
        from_query("embed=capacity%2Dplot").map(|e| e.name),
        Some("capacity-plot")
    );
    assert_eq!(from_query("?th=100"), None);
    assert_eq!(from_query("?embed=everything"), None);
    assert_eq!(from_query("?embed"), None);
    assert_eq!(value_in("?embed"), Some(String::new()));
}

#[test]
fn design_figures_named_by_embeds_exist_in_the_view() {
    let view = crate::app::design::view::view(&State::default(), &Default::default());
    let ids: Vec<&str> = view.plots.iter().map(|p| p.id).collect();
    for e in Embed::of_tab(Tab::Design) {
        if let Some(plot) = e.plot {
            assert!(ids.contains(&plot), "{plot} not in {ids:?}");
        }
    }
}

#[test]
fn the_url_decoder_accepts_a_known_embed_silently_and_reports_a_bad_one() {
    let (state, notices) = url::decode("?embed=tau-plot&th=120");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.get(In::ThicknessUm), 120.0);
    let (_, notices) = url::decode("?embed=%3Cscript%3E");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("<script>") && notices[0].contains("capacity-plot"));
}

#[test]
fn with_tab_forces_the_embeds_workspace() {
    let e = Embed::from_name("capacity-plot").unwrap();
    let q = with_tab(
        "?tab=impedance&th=120&t%61b=impedance&embed=capacity-plot",
        e,
    );
    assert_eq!(q, "th=120&embed=capacity-plot&tab=design");
    let (state, notices) = url::decode(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(state.choice::<Tab>(), Tab::Design);
    assert_eq!(with_tab("", e), "tab=design");
}

#[test]
fn an_impedance_embed_simulates_unless_its_link_chooses_the_mode() {
    use crate::app::choices::ZMode;
    let nyquist = Embed::from_name("nyquist-plot").unwrap();
    let (state, _) = url::decode(&with_tab("embed=nyquist-plot&sri=500", nyquist));
    assert_eq!(state.choice::<ZMode>(), ZMode::Simulate);
    // …and the view then draws the line of the sliders.
    let view = crate::app::impedance::view::view(&state, &[], 0);
    let figure = view.plots.iter().find(|p| p.id == "nyquist").unwrap();
    assert!(figure
        .figure
        .as_ref()
        .unwrap()
        .series
        .iter()
        .any(|s| s.len() > 10));
    let (state, _) = url::decode(&with_tab("embed=nyquist-plot&zmode=fit", nyquist));
    assert_eq!(state.choice::<ZMode>(), ZMode::Fit);
    // The whole workspace too; a design embed has no mode.
    let whole = Embed::from_name("impedance").unwrap();
    assert!(with_tab("embed=impedance", whole).contains("zmode=sim"));
    let design = Embed::from_name("design").unwrap();
    assert!(!with_tab("embed=design", design).contains("zmode"));
}

#[test]
fn snippet_escapes_the_page_url() {
    let e = Embed::from_name("design").unwrap();
    let s = snippet(
        "https://x.test/a\"b<c>&d/",
        e,
        &url::encode(&State::default()),
    );
    assert!(
        s.starts_with("<iframe src=\"https://x.test/a&quot;b&lt;c&gt;&amp;d/?embed=design&amp;"),
        "{s}"
    );
    assert!(s.ends_with("></iframe>"));
    // Only the attribute delimiters are quotes.
    assert_eq!(s.matches('"').count(), 2 * 7, "{s}"); // src, title, width, height, loading, referrerpolicy, style
}

/// The `src` of a snippet, unescaped the way a browser reads the attribute.
fn src_of(snippet: &str) -> String {
    let start = snippet.find("src=\"").unwrap() + 5;
    let end = start + snippet[start..].find('"').unwrap();
    snippet[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

proptest! {
    #[test]
    fn a_snippet_reproduces_the_state_and_view(th in 0.0f64..=1.0, sig in 0.0f64..=1.0, k in 0usize..7) {
        let mut state = State::default();
        for (input, t) in [(In::ThicknessUm, th), (In::SigmaIMs, sig)] {
            let spec = input.spec();
            let _ = state.set(input, spec.min + t * (spec.max - spec.min));
        }
        let e = &EMBEDS[k];
        state.select(e.tab);
        let src = src_of(&snippet("http://127.0.0.1:8080/suppl/ionpath/", e, &url::encode(&state)));
        let query = src.split_once('?').unwrap().1;
        prop_assert_eq!(from_query(query), Some(e));
        let (decoded, notices) = url::decode(query);
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(decoded, state);
    }
}
