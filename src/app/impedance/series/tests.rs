use num_complex::Complex64;

use super::*;
use crate::app::impedance::model::{fit_one, line_spectrum};
use crate::fit::synth::SplitMix64;
use crate::numerics::grid::log_space;

const QUERY: &str = "zmodel=line&layout=ion-ion&iface=c&rbulk=fixed&zrb=10&zl=100&za=1";
/// k_B in eV/K (CODATA), written out here rather than taken from the crate.
const K_B_EV: f64 = 8.617_333_262e-5;

fn state() -> State {
    crate::app::url::decode(QUERY).0
}

/// R_ion at `t_k` for σ_eff = (σ_0/T)·exp(−E_A/k_BT) with E_A = 0.35 eV and
/// σ_0 such that R_ion(298.15 K) = 100 Ω over L = 100 µm, A = 1 cm².
fn r_ion_ohm(t_k: f64) -> f64 {
    let sigma = |t: f64| (-0.35 / (K_B_EV * t)).exp() / t;
    100.0 * sigma(298.15) / sigma(t_k)
}

/// A fitted spectrum of the line at `t_k` with 0.3 % noise, from file `file`.
fn fitted(file: &str, t_k: f64, seed: u64) -> Loaded {
    let s = state();
    let freq = log_space(1e-2, 1e6, 61);
    let mut data =
        line_spectrum(&s, &[10.0, r_ion_ohm(t_k), 0.5, 1e-4], &freq, "synthetic").unwrap();
    let mut rng = SplitMix64::new(seed);
    for z in data.z_ohm.iter_mut() {
        let sd = 0.003 * z.norm();
        *z += Complex64::new(sd * rng.normal(), sd * rng.normal());
    }
    data.label = file.into();
    let outcome = fit_one(&s, &data).unwrap();
    Loaded {
        file: file.into(),
        index: 1,
        spectrum: data,
        outcome: Some(Ok(outcome)),
        masked: Vec::new(),
    }
}

/// The series of `loaded` as the page and the worker compute it, through
/// the messages between them.
fn through_worker(loaded: &[Loaded], t: &Temperatures, unit: TUnit) -> (TemperatureSeries, Answer) {
    let mut page = state();
    page.select(unit);
    let (text, numbers) = encode(&inputs(&page, loaded, t), &page);
    let (inputs, unit) = decode(&text, &numbers).unwrap();
    let series = compute(&state(), inputs, unit);
    let (summary, html, csv, numbers) = series.encode();
    let answer = Answer::decode(summary, html, csv, &numbers).unwrap();
    (series, answer)
}

#[test]
fn temperatures_come_from_file_names_and_typed_ones_win() {
    let mut a = fitted("LPSC_25C.txt", 298.15, 1);
    let mut b = a.clone();
    b.file = "cell-350K.csv".into();
    let mut c = a.clone();
    c.file = "pellet.csv".into();
    let mut t = Temperatures::default();
    // Each spectrum's temperature, in the order of the list given.
    let temps = |t: &Temperatures, l: &[Loaded], u: TUnit| -> Vec<Option<f64>> {
        let s = through_worker(l, t, u).0;
        (0..l.len())
            .map(|k| s.rows.iter().find(|r| r.index == k).unwrap().temperature_k)
            .collect()
    };
    let all = [a.clone(), b.clone(), c.clone()];
    let celsius = TUnit::Celsius;
    assert_eq!(temps(&t, &all, celsius), [Some(298.15), Some(350.0), None]);
    let (s, answer) = through_worker(&all, &t, celsius);
    assert!(s.rows[2].left_out.as_ref().unwrap().contains("type one"));
    assert!(answer.html.contains("no: no temperature: type one"));
    t.set(&c, "60");
    assert!((temps(&t, &all, celsius)[2].unwrap() - 333.15).abs() < 1e-9);
    t.set(&c, "400");
    assert_eq!(temps(&t, &all, TUnit::Kelvin)[2], Some(400.0));
    for (typed, why) in [("-300", "absolute zero"), ("warm", "“warm”")] {
        t.set(&c, typed);
        let (s, _) = through_worker(&all, &t, celsius);
        let row = s.rows.iter().find(|r| r.index == 2).unwrap();
        assert!(row.left_out.as_ref().unwrap().contains(why));
    }
    t.set(&c, "");
    assert_eq!(temps(&t, &all, celsius)[2], None);
    // A typed temperature overrides the name's, for that spectrum only.
    t.set(&a, "30");
    assert!((temps(&t, &all, celsius)[0].unwrap() - 303.15).abs() < 1e-9);
    a.index = 2;
    b.index = 2;
    assert_eq!(temps(&t, &[a, b], celsius), [Some(298.15), Some(350.0)]);
}

#[test]
fn activation_energy_of_synthetic_spectra_is_recovered_within_its_interval() {
    let names = ["s_25C.txt", "s_50C.txt", "s_75C.txt", "s_100C.txt"];
    let temps = [298.15, 323.15, 348.15, 373.15];
    let loaded: Vec<Loaded> = names
        .iter()
        .zip(temps)
        .enumerate()
        .map(|(k, (n, t))| fitted(n, t, 10 + k as u64))
        .collect();
    let (s, answer) = through_worker(&loaded, &Temperatures::default(), TUnit::Celsius);
    assert!(s.rows.iter().all(|r| r.left_out.is_none()), "{:?}", s.rows);
    let fit = s.fit.as_ref().unwrap();
    let ea = &fit.arrhenius.activation_energy_ev;
    let ci = ea.ci95.unwrap();
    assert!(ci.lo.unwrap() < 0.35 && 0.35 < ci.hi.unwrap(), "{ea:?}");
    // The same slope by hand: least squares of ln(σT) on 1/T, σ = L/(R·A)
    // from each fit's R_ion.
    let pts: Vec<(f64, f64)> = s
        .rows
        .iter()
        .map(|r| {
            let t = r.temperature_k.unwrap();
            let sigma = 0.01 / r.input.r_ion.as_ref().unwrap().0;
            (1.0 / t, (sigma * t).ln())
        })
        .collect();
    let n = pts.len() as f64;
    let (mx, my) = (
        pts.iter().map(|p| p.0).sum::<f64>() / n,
        pts.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let slope = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / pts.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    assert!(
        (ea.value - (-slope * K_B_EV)).abs() < 1e-6,
        "{} vs {}",
        ea.value,
        -slope * K_B_EV
    );
    // The plot: 4 points with error bars and the line.
    let plot = answer.plot().unwrap();
    let fig = plot.figure.unwrap();
    assert_eq!(fig.series[0].len(), 4);
    assert!((fig.series[0].x[0] - 1e3 / 298.15).abs() < 1e-9);
    assert!(
        (fig.series[0].y[0] - (0.01 / s.rows[0].input.r_ion.as_ref().unwrap().0).log10()).abs()
            < 1e-12
    );
    assert!(fig.series[0]
        .y_err
        .as_ref()
        .unwrap()
        .iter()
        .all(|e| *e > 0.0));
    assert!(answer.summary.contains("E_A ="), "{}", answer.summary);
    assert_eq!(answer.ea, Some(ea.value));
    let csv = &answer.csv;
    assert_eq!(csv.lines().count(), 5);
    assert!(csv.lines().nth(1).unwrap().contains("s_25C.txt"));
    let html = &answer.html;
    assert!(
        html.contains("value=\"25\"") && html.contains("value=\"100\""),
        "{html}"
    );
    let kelvin = through_worker(&loaded, &Temperatures::default(), TUnit::Kelvin).1;
    assert!(kelvin.html.contains("value=\"298.15\"") && kelvin.html.contains("T / K"));
}

#[test]
fn fits_that_do_not_count_are_listed_with_why_and_too_few_say_what_is_missing() {
    let mut a = fitted("a_25C.txt", 298.15, 3);
    let b = fitted("b_50C.txt", 323.15, 4);
    let mut no_t = fitted("c.txt", 348.15, 5);
    no_t.file = "c.txt".into();
    let mut unfitted = fitted("d_75C.txt", 348.15, 6);
    unfitted.outcome = None;
    if let Some(Ok(o)) = a.outcome.as_mut() {
        o.report.judgement.verdict = Verdict::DoesNotDescribe;
    }
    a.spectrum.label = "<script>&".into();
    let (s, answer) = through_worker(
        &[a, b, no_t, unfitted],
        &Temperatures::default(),
        TUnit::Kelvin,
    );
    let row = |k: usize| s.rows.iter().find(|r| r.index == k).unwrap();
    let why: Vec<Option<&str>> = (0..4).map(|k| row(k).left_out.as_deref()).collect();
    assert!(why[0].unwrap().contains("does not describe"));
    assert!(why[1].is_none());
    assert!(why[2].unwrap().contains("no temperature"));
    assert!(why[3].unwrap().contains("not fitted"));
    assert!(row(2).input.r_ion.is_ok() && row(2).temperature_k.is_none());
    let missing = s.fit.unwrap_err();
    assert!(
        missing.contains("3 or more temperatures") && missing.contains("1 usable"),
        "{missing}"
    );
    assert_eq!(answer.summary, missing);
    assert!(answer.plot().is_none() && answer.ea.is_none());
    // A file name with markup is escaped in the table, text and attribute.
    assert!(
        answer.html.contains("<td>&lt;script&gt;&amp;</td>")
            && answer
                .html
                .contains("aria-label=\"Temperature of &lt;script&gt;&amp; in")
            && !answer.html.contains("<script>"),
        "{}",
        answer.html
    );
}

#[test]
fn any_file_name_label_or_typed_text_crosses_to_the_worker_unchanged() {
    let awkward = [
        "tab\there",
        "two\nlines",
        "back\\slash",
        "a \\t that is no tab",
        "ends in \\",
        "\t\n\\\\n",
    ];
    let inputs: Vec<Input> = awkward
        .iter()
        .enumerate()
        .map(|(k, text)| Input {
            file: format!("{text}_25C.csv"),
            label: text.to_string(),
            typed: text.to_string(),
            r_ion: if k % 2 == 0 {
                Ok((100.0, Some(1.0), None))
            } else {
                Err(text.to_string())
            },
        })
        .collect();
    let mut page = state();
    page.select(TUnit::Kelvin);
    let (text, numbers) = encode(&inputs, &page);
    // One line per spectrum after the unit's.
    assert_eq!(text.split('\n').count(), 1 + inputs.len(), "{text:?}");
    assert_eq!(decode(&text, &numbers), Ok((inputs, TUnit::Kelvin)));
}

#[test]
fn rows_go_by_temperature_with_those_without_one_last_in_the_page_order() {
    // Picked (and read) out of order: 75, none, 25, none, 50 °C.
    let loaded = [
        fitted("x_75C.txt", 348.15, 21),
        fitted("first.txt", 298.15, 22),
        fitted("x_25C.txt", 298.15, 23),
        fitted("second.txt", 298.15, 24),
        fitted("x_50C.txt", 323.15, 25),
    ];
    let mut t = Temperatures::default();
    let (s, answer) = through_worker(&loaded, &t, TUnit::Celsius);
    let order: Vec<usize> = s.rows.iter().map(|r| r.index).collect();
    assert_eq!(order, [2, 4, 0, 1, 3]);
    for r in &s.rows {
        assert_eq!(r.input.file, loaded[r.index].file);
    }
    // Each temperature field names its spectrum's place in the page's list.
    let fields: Vec<&str> = answer
        .html
        .split("data-series-t=\"")
        .skip(1)
        .map(|rest| &rest[..1])
        .collect();
    assert_eq!(fields, ["2", "4", "0", "1", "3"]);
    // The plot's points pair each 1000/T with its own spectrum's σ.
    let fig = answer.plot().unwrap().figure.unwrap();
    let points = &fig.series[0];
    assert_eq!(points.len(), 3);
    for (k, file) in ["x_25C.txt", "x_50C.txt", "x_75C.txt"].iter().enumerate() {
        let item = loaded.iter().find(|l| l.file == *file).unwrap();
        let r = s.rows.iter().find(|r| r.input.file == *file).unwrap();
        let r_ion = r.input.r_ion.as_ref().unwrap().0;
        assert!((points.x[k] - 1e3 / r.temperature_k.unwrap()).abs() < 1e-12);
        assert!(
            (points.y[k] - (0.01 / r_ion).log10()).abs() < 1e-12,
            "{file}"
        );
        assert_eq!(r.input.label, item.spectrum.label);
    }
    // A typed temperature moves its row to its place.
    t.set(&loaded[3], "40");
    let order: Vec<usize> = through_worker(&loaded, &t, TUnit::Celsius)
        .0
        .rows
        .iter()
        .map(|r| r.index)
        .collect();
    assert_eq!(order, [2, 3, 4, 0, 1]);
}
