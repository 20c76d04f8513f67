//! Query-string primitives shared by the permalink codec ([`super::url`])
//! and embed mode ([`super::embed`]).

/// Longest query decoded; the rest is ignored with a notice.
pub const MAX_QUERY_LEN: usize = 8192;

/// Decodes `%XX` escapes and `+` (space); malformed escapes are kept as text.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(k + 1).and_then(|&b| hex(b)),
                bytes.get(k + 2).and_then(|&b| hex(b)),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    k += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        k += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}
