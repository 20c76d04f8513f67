use super::*;

fn ctx() -> Ctx<'static> {
    Ctx { source: "f.txt" }
}

#[test]
fn latin1_and_boms_decode() {
    assert_eq!(decode(ctx(), b"\xB5F").unwrap(), "\u{b5}F");
    assert_eq!(decode(ctx(), b"\xEF\xBB\xBFab").unwrap(), "ab");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("a,b".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(decode(ctx(), &utf16).unwrap(), "a,b");
}

#[test]
fn nul_bytes_are_refused_with_their_line() {
    let err = decode(ctx(), b"a\nb\n\0c").unwrap_err().to_string();
    assert!(
        err.starts_with("f.txt, line 3:") && err.contains("binary"),
        "{err}"
    );
    assert!(decode(ctx(), b" \n\t")
        .unwrap_err()
        .to_string()
        .contains("empty"));
}

#[test]
fn line_ends_of_all_kinds() {
    assert_eq!(split_lines("a\r\r\nb\r\nc"), vec!["a", "b", "c"]);
    assert_eq!(split_lines("a\rb"), vec!["a", "b"]);
}
