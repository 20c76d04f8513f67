use super::*;

#[test]
fn escapes_markup_and_quotes() {
    let mut s = String::new();
    push_escaped(&mut s, "<script>alert(\"x&y\")</script> 'q'\u{1}");
    assert_eq!(
        s,
        "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt; &apos;q&apos;"
    );
}

#[test]
fn pixel_numbers_are_finite_and_rounded() {
    let cases = [
        (12.34, "12.3"),
        (-4.0, "-4"),
        (0.05, "0.1"),
        (-0.04, "0"),
        (f64::NAN, "0"),
        (f64::INFINITY, "0"),
        (1e300, "10000000"),
        (-1e300, "-10000000"),
    ];
    for (v, want) in cases {
        let mut s = String::new();
        push_px(&mut s, v);
        assert_eq!(s, want, "for {v}");
    }
}

#[test]
fn ids_are_sanitized() {
    assert_eq!(sanitize_id("a\"><x"), "ax");
    assert_eq!(sanitize_id(""), "ip");
    assert_eq!(sanitize_id("9lives"), "ip9lives");
}
