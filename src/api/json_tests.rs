//! The API's JSON against serde_json (an independent implementation): what
//! it reads, what it writes, and what it refuses.

use proptest::prelude::*;

use super::*;

/// serde_json's reading of `text` in this module's terms.
fn reference(text: &str) -> Value {
    fn convert(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(convert).collect()),
            serde_json::Value::Object(o) => {
                let mut members: Vec<(String, Value)> =
                    o.into_iter().map(|(k, v)| (k, convert(v))).collect();
                members.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(members)
            }
        }
    }
    convert(serde_json::from_str(text).unwrap())
}

/// Objects with members sorted by name (serde_json's map is sorted).
fn sorted(v: Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.into_iter().map(sorted).collect()),
        Value::Object(mut o) => {
            o.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(o.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        other => other,
    }
}

/// Equal, numbers within 2 ulp: serde_json's default float parser is not
/// always correctly rounded (ours is std's, which is).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x - y).abs() <= 4.5e-16 * x.abs().max(y.abs()),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.0 == b.0 && same(&a.1, &b.1))
        }
        _ => a == b,
    }
}

#[test]
fn reads_what_serde_json_reads() {
    let documents = [
        r#"{"layout":"ion-ion","r_ion_ohm":120,"freq_hz":[0.1,1e3,-2.5E-7,0,-0]}"#,
        " [ true , false , null , \"\" , {} , [] ] ",
        r#""esc: \" \\ \/ \b \f \n \r \t \u00e9 \u03a9 \ud83d\ude00""#,
        r#"{"nested":{"a":[1,[2,[3]]],"b":{"c":"Ω·cm² µm"}}}"#,
        "-0.000123456789012345678e+2",
        "1.7976931348623157e308",
        "5e-324",
        "123456789012345678901234567890",
    ];
    for text in documents {
        assert!(
            same(&sorted(parse(text).unwrap()), &reference(text)),
            "{text}"
        );
    }
}

#[test]
fn refuses_what_is_not_json_and_says_where() {
    let bad = [
        ("", "line 1, column 1"),
        ("{\"a\":1,}", "field name"),
        ("[1 2]", "`,` or `]`"),
        ("01", "malformed number"),
        ("[1]x", "after the JSON value"),
        ("1.", "malformed number"),
        ("-", "malformed number"),
        ("1e999", "range"),
        ("NaN", "expected a JSON value"),
        ("\"a\\x\"", "escape"),
        ("\"\\ud800\"", "surrogate"),
        ("\"\\u12\"", "hex"),
        ("\"open", "unterminated"),
        ("\"tab\there\"", "control character"),
        ("{\"a\":1,\"a\":2}", "given twice"),
        ("{\"a\" 1}", "`:`"),
        ("[1,\n  2,\n  x]", "line 3, column 3"),
        ("nul", "expected a JSON value"),
    ];
    for (text, says) in bad {
        let err = parse(text).unwrap_err();
        assert!(err.contains(says), "{text:?} → {err}");
        // serde_json keeps the last of duplicate names; RFC 8259 leaves them
        // undefined and the API refuses them. Everything else is invalid JSON.
        if !says.contains("twice") {
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "serde_json reads {text:?}"
            );
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(parse(&deep).unwrap_err().contains("nest too deeply"));
    let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    assert!(parse(&ok).is_ok());
}

#[test]
fn writes_compact_json_with_nulls_for_non_finite_numbers() {
    let v = object([
        (
            "a",
            numbers(&[1.0, 0.1, -2.5e-7, 1e300, f64::NAN, f64::INFINITY]),
        ),
        ("s", Value::String("q\"\\\n\u{1}Ω".into())),
        ("o", opt_number(None)),
        ("b", Value::Bool(true)),
    ]);
    let text = to_string(&v);
    assert_eq!(
        text,
        r#"{"a":[1,0.1,-2.5e-7,1e300,null,null],"s":"q\"\\\n\u0001Ω","o":null,"b":true}"#
    );
}

proptest! {
    #[test]
    fn every_finite_number_is_written_so_it_reads_back_exactly(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = to_string(&Value::Number(x));
        // std's parser rounds correctly (serde_json's default one may not).
        let back: f64 = text.parse().unwrap();
        prop_assert_eq!(back.to_bits(), x.to_bits(), "{}", text);
        prop_assert!(serde_json::from_str::<f64>(&text).is_ok(), "{}", text);
        prop_assert!(text.len() <= 24, "{}", text);
        prop_assert_eq!(parse(&text).unwrap(), Value::Number(x));
    }

    #[test]
    fn every_string_is_written_so_it_reads_back_exactly(s in any::<String>()) {
        let text = to_string(&Value::String(s.clone()));
        let back: String = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(parse(&text).unwrap(), Value::String(s));
    }

    #[test]
    fn serde_json_output_reads_the_same(xs in prop::collection::vec(-1e6f64..1e6, 0..8), s in "\\PC{0,12}") {
        let text = serde_json::json!({"xs": xs, "s": s, "n": null, "t": [true, false]}).to_string();
        prop_assert!(same(&sorted(parse(&text).unwrap()), &reference(&text)), "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse(&text);
    }
}

#[test]
fn fields_are_taken_by_name_and_the_rest_refused() {
    let mut f = Fields::parse(
        "test",
        r#"{"x":1.5,"xs":[1,2],"name":"a","inner":{"y":2,"extra":0},"gone":null,"typo":3}"#,
    )
    .unwrap();
    assert_eq!(f.number("x").unwrap(), 1.5);
    assert_eq!(f.numbers("xs").unwrap(), vec![1.0, 2.0]);
    assert_eq!(f.string("name").unwrap(), "a");
    assert_eq!(f.opt_number("gone").unwrap(), None);
    assert_eq!(f.opt_number("absent").unwrap(), None);
    let mut inner = f.object("inner").unwrap();
    assert_eq!(inner.number("y").unwrap(), 2.0);
    let err = inner.finish().unwrap_err().to_string();
    assert!(err.contains("`inner.extra` is not a known field"), "{err}");
    let err = f.finish().unwrap_err().to_string();
    assert!(
        err.starts_with("test input: `typo` is not a known field"),
        "{err}"
    );
}

/// Reads one field of a request.
type Read = fn(&mut Fields) -> Result<()>;

#[test]
fn fields_name_the_field_of_the_wrong_type() {
    let cases: [(&str, Read, &str); 5] = [
        (
            r#"{"x":"1"}"#,
            |f| f.number("x").map(drop),
            "`x` must be a number, found a string",
        ),
        (r#"{}"#, |f| f.number("x").map(drop), "`x` is missing"),
        (
            r#"{"xs":[1,null]}"#,
            |f| f.numbers("xs").map(drop),
            "`xs[1]` must be a number, found null",
        ),
        (
            r#"{"o":[]}"#,
            |f| f.object("o").map(drop),
            "o must be an object, found an array",
        ),
        (
            r#"{"s":2}"#,
            |f| f.string("s").map(drop),
            "`s` must be a string, found a number",
        ),
    ];
    for (text, read, says) in cases {
        let mut f = Fields::parse("test", text).unwrap();
        let err = read(&mut f).unwrap_err().to_string();
        assert!(err.contains(says), "{text} → {err}");
    }
    let err = Fields::parse("test", "[1]").err().unwrap().to_string();
    assert!(err.contains("the input must be an object"), "{err}");
}
