use super::*;

#[test]
fn text_and_attribute_values_are_escaped() {
    let evil = "<script>alert('x')</script> & \"q\"";
    let mut t = Table::new(&["name", evil]);
    t.row()
        .text(evil)
        .input(&[("id", "cp-start-0"), ("aria-label", evil)]);
    let html = t.finish();
    let escaped = "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;q&quot;";
    assert_eq!(
        html,
        format!(
            "<table><tr><th>name</th><th>{escaped}</th></tr><tr><td>{escaped}</td>\
             <td><input id=\"cp-start-0\" aria-label=\"{escaped}\"></td></tr></table>"
        )
    );
}

#[test]
fn rows_are_closed_and_an_empty_table_is_only_its_header() {
    assert_eq!(
        Table::new(&["a"]).finish(),
        "<table><tr><th>a</th></tr></table>"
    );
    let mut t = Table::new(&[]);
    t.row().text("1");
    t.row().text("2");
    assert_eq!(
        t.finish(),
        "<table><tr></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>"
    );
}
