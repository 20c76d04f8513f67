//! The fuzz seed corpus (`fuzz/corpus/<target>/seed-*`) holds valid files:
//! each reads without error with its target's reader, and with detection.
//! (`url_state` fuzzes the page's URL parser, not a reader, and is skipped.)

use ionpath::io::{read_bytes, read_bytes_with, Format, ReadOptions};

#[test]
fn every_seed_is_a_valid_file_of_its_family() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus"));
    let mut seen = 0;
    for dir in std::fs::read_dir(root).unwrap() {
        let dir = dir.unwrap().path();
        let target = dir.file_name().unwrap().to_str().unwrap().to_string();
        let format = match target.as_str() {
            "detect" => None,
            // Not a reader: the page's URL-state parser (its own seeds are query strings).
            "url_state" => continue,
            // 3D label volumes, not spectra: checked below.
            "micro_volume" => continue,
            "versastudio" => Some(Format::Princeton),
            name => Some(name.parse::<Format>().unwrap()),
        };
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            if !name.starts_with("seed-") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let opts = ReadOptions {
                format,
                ..ReadOptions::default()
            };
            let reading = read_bytes_with(&name, &bytes, &opts)
                .unwrap_or_else(|e| panic!("{target}/{name}: {e}"));
            assert!(reading.spectra.iter().all(|s| s.len() >= 3));
            read_bytes(&name, &bytes).unwrap_or_else(|e| panic!("{target}/{name} detected: {e}"));
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} seeds");
}

#[test]
fn every_micro_volume_seed_is_a_readable_volume() {
    let dir = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/corpus/micro_volume"
    ));
    let mut seen = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        ionpath::micro::io::read_volume(&name, &bytes, &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        seen += 1;
    }
    assert!(seen >= 3, "only {seen} seeds");
}
