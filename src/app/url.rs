//! The URL codec: [`State`] ↔ query string, so that a permalink reproduces
//! the view exactly.
//!
//! Encoding writes every input with the shortest text that parses back to
//! the same f64. Decoding is strict and never fails: it starts from the
//! defaults, applies each valid `key=value`, and reports everything it
//! ignored (unknown keys, malformed or out-of-range values) as notices.

use super::choices::{Ch, CHOICES};
use super::format::exact;
use super::inputs::{In, INPUTS, N_INPUTS};
use super::query::{percent_decode, MAX_QUERY_LEN};
use super::state::{parse_number, shorten, State, DEFAULT_CIRCUIT, FRACTION_GROUPS};

/// Most notices reported individually.
pub const MAX_NOTICES: usize = 8;

/// URL key of the impedance workspace's circuit text
/// ([`State::circuit`]), written only when it is not the default.
pub const CIRCUIT_KEY: &str = "zcirc";

/// The query string (without `?`) for `state`: choices first, then inputs,
/// then the circuit when it is not the default (its characters, letters
/// and `-(),`, need no escape in a query).
pub fn encode(state: &State) -> String {
    let choices = CHOICES
        .iter()
        .map(|c| format!("{}={}", c.key, state.choice_name(c.id)));
    let inputs = INPUTS
        .iter()
        .filter(|s| !s.id.is_derived())
        .map(|s| format!("{}={}", s.key, exact(state.get(s.id))));
    let circuit =
        (state.circuit() != DEFAULT_CIRCUIT).then(|| format!("{CIRCUIT_KEY}={}", state.circuit()));
    choices
        .chain(inputs)
        .chain(circuit)
        .collect::<Vec<_>>()
        .join("&")
}

/// Decodes a query string (with or without the leading `?`) into a state and
/// the notices about what was ignored or adjusted.
pub fn decode(query: &str) -> (State, Vec<String>) {
    let mut state = State::default();
    let mut notices = Vec::new();
    let mut query = query.strip_prefix('?').unwrap_or(query);
    if query.len() > MAX_QUERY_LEN {
        notices.push(format!(
            "the link is longer than {MAX_QUERY_LEN} characters; the rest was ignored"
        ));
        let mut cut = MAX_QUERY_LEN;
        while !query.is_char_boundary(cut) {
            cut -= 1;
        }
        query = &query[..cut];
    }
    let mut seen = [false; N_INPUTS];
    // Derived inputs (ε) are set last, from the composition decoded before them.
    let mut derived = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(raw_key);
        let value = percent_decode(raw_value);
        if let Some(input) = In::from_key(&key) {
            seen[input as usize] = true;
            let spec = input.spec();
            match parse_number(&value) {
                None => notices.push(format!(
                    "ignored {key}=\"{}\": not a number",
                    shorten(&value, 24)
                )),
                Some(v) => match spec.check(v) {
                    Ok(v) if input.is_derived() => derived.push((key, input, v)),
                    // Set without rebalancing; fraction sums are checked below.
                    Ok(v) => set_raw(&mut state, input, v),
                    Err(why) => notices.push(format!("ignored {key}: {why}")),
                },
            }
        } else if let Some(choice) = Ch::from_key(&key) {
            if let Err(why) = state.set_choice(choice, &value) {
                notices.push(format!("ignored {key}: {why}"));
            }
        } else if key == CIRCUIT_KEY {
            if let Err(why) = state.set_circuit(&value) {
                notices.push(format!("ignored {key}=\"{}\": {why}", shorten(&value, 24)));
            }
        } else if key == super::embed::KEY {
            // A page setting, not state (see `super::embed`).
            if super::embed::Embed::from_name(&value).is_none() {
                notices.push(format!(
                    "ignored embed=\"{}\": expected one of {}",
                    shorten(&value, 24),
                    super::embed::names()
                ));
            }
        } else {
            notices.push(format!(
                "ignored unknown parameter \"{}\"",
                shorten(&key, 24)
            ));
        }
    }
    for group in FRACTION_GROUPS {
        if !group.iter().any(|&i| seen[i as usize]) {
            continue;
        }
        let parts: Vec<f64> = group.iter().map(|&i| state.get(i)).collect();
        let total: f64 = parts.iter().sum();
        if (total - 100.0).abs() > 1e-9 {
            let names: Vec<&str> = group.iter().map(|i| i.spec().key).collect();
            if state.set_fractions_normalised(group, &parts) {
                notices.push(format!(
                    "{} added up to {} %; scaled to 100 %",
                    names.join("+"),
                    super::format::number(total)
                ));
            } else {
                for &i in group.iter() {
                    set_raw(&mut state, i, i.spec().default);
                }
                notices.push(format!(
                    "{} added up to 0 %; defaults used",
                    names.join("+")
                ));
            }
        }
    }
    for (key, input, value) in derived {
        if let Err(why) = state.set(input, value) {
            notices.push(format!("ignored {key}: {why}"));
        }
    }
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - MAX_NOTICES;
        notices.truncate(MAX_NOTICES);
        notices.push(format!("… and {more} more"));
    }
    (state, notices)
}

/// Sets a value already checked against its range, without rebalancing.
fn set_raw(state: &mut State, input: In, value: f64) {
    // In range by construction, so this cannot refuse it.
    let _ = state.set_unbalanced(input, value);
}

#[cfg(test)]
mod tests;
