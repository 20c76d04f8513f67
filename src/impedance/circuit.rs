//! Equivalent circuits: a tree of elements and two-rail lines joined in
//! series and in parallel, seen by evaluation and fitting as one [`Model`].
//!
//! Parameter names. The leaves (elements and lines) are numbered from 0 in
//! the order they are written, left to right, and each parameter's base
//! name gets its leaf's number: `R-p(R,CPE)-TLMie` has `r0`, `r1`, `q2`,
//! `n2`, `r_ion3`, `r_e3`, `c_dl3`. Base names are those of
//! [`Element::param_names`] and, for a line, `r_ion`, `r_e` and `c_dl` (or
//! `q`, `n` with a CPE interface). A line's `r_bulk` is not a circuit
//! parameter (it stays as built, 0 from the parser): write an `R` in series.
//! The text notation is in [`super::notation`].

use num_complex::Complex64;

use super::elements::Element;
use super::line::{Interface, TwoRailLine};
use super::model::{check_param_count, Domain, Model, ParamSpec};
use crate::error::{Error, Result};

/// A node of an equivalent circuit.
#[derive(Debug, Clone, PartialEq)]
pub enum Circuit {
    /// A lumped or Warburg element.
    Element(Element),
    /// A two-rail transmission line (its `r_bulk_ohm` is not a parameter).
    Line(TwoRailLine),
    /// Parts in series: Z = Σ Z_k.
    Series(Vec<Circuit>),
    /// Branches in parallel: 1/Z = Σ 1/Z_k.
    Parallel(Vec<Circuit>),
}

impl Circuit {
    /// Checks every leaf's parameters and that no series or parallel group
    /// is empty.
    pub fn validate(&self) -> Result<()> {
        match self {
            Circuit::Element(element) => element.validate(),
            Circuit::Line(line) => line.validate(),
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                if parts.is_empty() {
                    return Err(Error::Inconsistent(
                        "a series or parallel group is empty".into(),
                    ));
                }
                parts.iter().try_for_each(Circuit::validate)
            }
        }
    }

    /// Z(ω) in Ω at angular frequency `omega_rad_s` > 0.
    pub fn impedance(&self, omega_rad_s: f64) -> Complex64 {
        match self {
            Circuit::Element(element) => element.impedance(omega_rad_s),
            Circuit::Line(line) => line.impedance(omega_rad_s),
            Circuit::Series(parts) => parts.iter().map(|p| p.impedance(omega_rad_s)).sum(),
            Circuit::Parallel(parts) => {
                parallel_impedance(parts.iter().map(|p| p.impedance(omega_rad_s)))
            }
        }
    }

    /// The leaves (elements and lines), numbered as in the parameter names.
    pub fn leaves(&self) -> Vec<&Circuit> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<&'a Circuit>) {
        match self {
            Circuit::Element(_) | Circuit::Line(_) => out.push(self),
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                parts.iter().for_each(|p| p.collect_leaves(out))
            }
        }
    }

    fn collect_leaves_mut<'a>(&'a mut self, out: &mut Vec<&'a mut Circuit>) {
        match self {
            Circuit::Element(_) | Circuit::Line(_) => out.push(self),
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                parts.iter_mut().for_each(|p| p.collect_leaves_mut(out))
            }
        }
    }

    /// A copy with every parameter given by name, each exactly once, as in
    /// `[("r0", 10.0), ("q1", 1e-5), ("n1", 0.9)]`.
    pub fn with_named_params(&self, values: &[(&str, f64)]) -> Result<Circuit> {
        let specs = self.param_specs();
        let list = || {
            specs
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut ordered: Vec<Option<f64>> = vec![None; specs.len()];
        for &(name, value) in values {
            let k = specs.iter().position(|s| s.name == name).ok_or_else(|| {
                Error::Inconsistent(format!(
                    "unknown parameter '{name}'; this circuit's are {}",
                    list()
                ))
            })?;
            if ordered[k].replace(value).is_some() {
                return Err(Error::Inconsistent(format!(
                    "parameter '{name}' is given twice"
                )));
            }
        }
        let missing: Vec<&str> = specs
            .iter()
            .zip(&ordered)
            .filter(|(_, v)| v.is_none())
            .map(|(s, _)| s.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Inconsistent(format!(
                "missing parameter(s) {}; this circuit's are {}",
                missing.join(", "),
                list()
            )));
        }
        let mut circuit = self.clone();
        circuit.set_params(&ordered.into_iter().flatten().collect::<Vec<_>>())?;
        Ok(circuit)
    }

    /// Number of parameters (without building their names).
    fn param_count(&self) -> usize {
        match self {
            Circuit::Element(element) => element.param_names().len(),
            Circuit::Line(line) => line_param_count(line),
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                parts.iter().map(Circuit::param_count).sum()
            }
        }
    }

    /// Z(ω) and ∂Z/∂p for this subtree's parameters, which are contiguous
    /// in `gradient` (leaves are numbered in writing order). Series: the
    /// parts' gradients as they are; parallel: each branch's scaled by
    /// ∂Z/∂Z_k = (Z/Z_k)². None for a branch of Z = 0 or not finite, or more
    /// than [`MAX_ANALYTIC_BRANCHES`] branches (the fit then differentiates
    /// numerically).
    fn value_and_gradient(&self, omega: f64, gradient: &mut [Complex64]) -> Option<Complex64> {
        match self {
            Circuit::Element(element) => element_gradient(element, omega, gradient),
            Circuit::Line(line) => {
                let k = line_param_count(line);
                let mut full = [Complex64::new(0.0, 0.0); 5];
                let z = line.impedance_and_gradient(omega, &mut full[..=k])?;
                gradient.copy_from_slice(&full[1..=k]);
                Some(z)
            }
            Circuit::Series(parts) => {
                let mut z = Complex64::new(0.0, 0.0);
                let mut rest = gradient;
                for p in parts {
                    let (mine, others) = rest.split_at_mut(p.param_count());
                    z += p.value_and_gradient(omega, mine)?;
                    rest = others;
                }
                Some(z)
            }
            Circuit::Parallel(branches) => {
                if branches.len() > MAX_ANALYTIC_BRANCHES {
                    return None;
                }
                let mut admittances = [Complex64::new(0.0, 0.0); MAX_ANALYTIC_BRANCHES];
                let mut total = Complex64::new(0.0, 0.0);
                let mut rest = &mut *gradient;
                for (b, y) in branches.iter().zip(admittances.iter_mut()) {
                    let (mine, others) = rest.split_at_mut(b.param_count());
                    let zb = b.value_and_gradient(omega, mine)?;
                    if zb == Complex64::new(0.0, 0.0) || !zb.is_finite() {
                        return None;
                    }
                    *y = scaled_inv(zb);
                    total += *y;
                    rest = others;
                }
                let z = scaled_inv(total);
                let mut rest = gradient;
                for (b, y) in branches.iter().zip(admittances) {
                    let (mine, others) = rest.split_at_mut(b.param_count());
                    let factor = (z * y) * (z * y);
                    mine.iter_mut().for_each(|g| *g *= factor);
                    rest = others;
                }
                z.is_finite().then_some(z)
            }
        }
    }

    /// True when every leaf accepts its share of `values` (consumed from
    /// the front), as [`Model::set_params`] would.
    fn leaves_accept(&self, values: &mut &[f64]) -> bool {
        match self {
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                parts.iter().all(|p| p.leaves_accept(values))
            }
            Circuit::Element(element) => {
                let k = element.param_names().len();
                if values.len() < k {
                    return false;
                }
                let (mine, others) = values.split_at(k);
                *values = others;
                element
                    .with_params(mine)
                    .is_ok_and(|e| e.validate().is_ok())
            }
            Circuit::Line(line) => {
                let k = line_param_count(line);
                if values.len() < k {
                    return false;
                }
                let (mine, others) = values.split_at(k);
                *values = others;
                let mut full = [0.0; 6];
                full[0] = line.r_bulk_ohm;
                full[1..=k].copy_from_slice(mine);
                let mut copy = *line;
                copy.set_params(&full[..=k]).is_ok()
            }
        }
    }

    /// Sets every leaf from `values` (consumed from the front); only after
    /// [`Circuit::leaves_accept`] said yes.
    fn write_leaves(&mut self, values: &mut &[f64]) {
        match self {
            Circuit::Series(parts) | Circuit::Parallel(parts) => {
                parts.iter_mut().for_each(|p| p.write_leaves(values))
            }
            Circuit::Element(element) => {
                let (mine, others) = values.split_at(element.param_names().len());
                *values = others;
                if let Ok(e) = element.with_params(mine) {
                    *element = e;
                }
            }
            Circuit::Line(line) => {
                let k = line_param_count(line);
                let (mine, others) = values.split_at(k);
                *values = others;
                let mut full = [0.0; 6];
                full[0] = line.r_bulk_ohm;
                full[1..=k].copy_from_slice(mine);
                let _ = line.set_params(&full[..=k]);
            }
        }
    }

    /// [`Model::set_params`] with every value checked by its circuit-wide
    /// name first, so an error names the parameter (`n3`, `r_ion2`).
    fn set_params_checked(&mut self, values: &[f64]) -> Result<()> {
        let specs = self.param_specs();
        check_param_count(specs.len(), values)?;
        for (spec, &value) in specs.iter().zip(values) {
            check_domain(spec, value)?;
        }
        let mut updated = self.clone();
        let mut leaves = Vec::new();
        updated.collect_leaves_mut(&mut leaves);
        let mut rest = values;
        for (k, leaf) in leaves.into_iter().enumerate() {
            let (mine, others) = rest.split_at(leaf_specs(leaf).len().min(rest.len()));
            rest = others;
            let in_context = |e: Error| Error::Inconsistent(format!("element {k}: {e}"));
            match leaf {
                Circuit::Element(element) => {
                    let new = element.with_params(mine)?;
                    new.validate().map_err(in_context)?;
                    *element = new;
                }
                Circuit::Line(line) => {
                    let mut full = vec![line.r_bulk_ohm];
                    full.extend_from_slice(mine);
                    line.set_params(&full).map_err(in_context)?;
                }
                Circuit::Series(_) | Circuit::Parallel(_) => {}
            }
        }
        *self = updated;
        Ok(())
    }
}

/// Most branches of a parallel group differentiated analytically.
const MAX_ANALYTIC_BRANCHES: usize = 8;

/// Relative step of the central difference for a Warburg's τ_w.
const WARBURG_TAU_STEP: f64 = 1e-6;

/// Z(ω) of `element` and ∂Z/∂p for its parameters (in
/// [`Element::param_names`] order): R: 1; C: −Z/C; L: iω; CPE: −Z/Q and
/// −Z·ln(iω) for n; Warburg: Z/R_w and, for τ_w, a central difference
/// (relative step 1e-6, error ~1e-12 of Z).
fn element_gradient(
    element: &Element,
    omega: f64,
    gradient: &mut [Complex64],
) -> Option<Complex64> {
    let z = element.impedance(omega);
    match (*element, gradient) {
        (Element::Resistor { .. }, [d_r]) => *d_r = Complex64::new(1.0, 0.0),
        (Element::Capacitor { c_f }, [d_c]) => *d_c = -z / c_f,
        (Element::Inductor { .. }, [d_l]) => *d_l = Complex64::new(0.0, omega),
        (Element::Cpe { q, .. }, [d_q, d_n]) => {
            *d_q = -z / q;
            *d_n = -z * Complex64::new(omega.ln(), std::f64::consts::FRAC_PI_2);
        }
        (
            Element::WarburgShort { r_w_ohm, tau_w_s } | Element::WarburgOpen { r_w_ohm, tau_w_s },
            [d_r, d_tau],
        ) => {
            *d_r = z / r_w_ohm;
            let h = WARBURG_TAU_STEP * tau_w_s;
            let at = |tau: f64| {
                element
                    .with_params(&[r_w_ohm, tau])
                    .map(|e| e.impedance(omega))
            };
            *d_tau = (at(tau_w_s + h).ok()? - at(tau_w_s - h).ok()?) / (2.0 * h);
        }
        _ => return None,
    }
    z.is_finite().then_some(z)
}

/// A line's circuit parameters (its own less r_bulk): r_ion, r_e and c_dl,
/// or q and n.
fn line_param_count(line: &TwoRailLine) -> usize {
    match line.interface {
        Interface::Capacitor { .. } => 3,
        Interface::Cpe { .. } => 4,
    }
}

/// The base parameter names, units and domains of one leaf.
fn leaf_specs(leaf: &Circuit) -> Vec<ParamSpec> {
    match leaf {
        Circuit::Element(element) => element
            .param_names()
            .iter()
            .map(|&(name, unit)| {
                let domain = if name == "n" {
                    Domain::Exponent
                } else {
                    Domain::Positive
                };
                ParamSpec::new(name, unit, domain)
            })
            .collect(),
        // The line's own specs without the leading r_bulk.
        Circuit::Line(line) => line.param_specs().into_iter().skip(1).collect(),
        Circuit::Series(_) | Circuit::Parallel(_) => Vec::new(),
    }
}

fn leaf_params(leaf: &Circuit) -> Vec<f64> {
    match leaf {
        Circuit::Element(element) => element.params(),
        Circuit::Line(line) => line.params().into_iter().skip(1).collect(),
        Circuit::Series(_) | Circuit::Parallel(_) => Vec::new(),
    }
}

/// `value` checked against `spec` (named with its circuit-wide name).
fn check_domain(spec: &ParamSpec, value: f64) -> Result<()> {
    let (ok, expected) = match spec.domain {
        Domain::Positive => (value.is_finite() && value > 0.0, "a finite number > 0"),
        Domain::NonNegative => (value.is_finite() && value >= 0.0, "a finite number >= 0"),
        Domain::Exponent => (
            value.is_finite() && value > 0.0 && value <= 1.0,
            "an exponent in (0, 1]",
        ),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::Inconsistent(format!(
            "{} = {value} is invalid: expected {expected}",
            spec.name
        )))
    }
}

impl Model for Circuit {
    fn param_specs(&self) -> Vec<ParamSpec> {
        let mut specs = Vec::new();
        for (k, leaf) in self.leaves().into_iter().enumerate() {
            for spec in leaf_specs(leaf) {
                specs.push(ParamSpec::new(
                    format!("{}{k}", spec.name),
                    spec.unit,
                    spec.domain,
                ));
            }
        }
        specs
    }

    fn params(&self) -> Vec<f64> {
        self.leaves().into_iter().flat_map(leaf_params).collect()
    }

    /// All values are checked (domains, then each leaf) before any is set.
    /// Valid values are checked and set leaf by leaf in place (the fitting
    /// loop's path: no names, no copy of the tree); the named error of an
    /// invalid one comes from [`Circuit::set_params_checked`].
    fn set_params(&mut self, values: &[f64]) -> Result<()> {
        let mut rest = values;
        if self.leaves_accept(&mut rest) && rest.is_empty() {
            let mut rest = values;
            self.write_leaves(&mut rest);
            return Ok(());
        }
        self.set_params_checked(values)
    }

    fn impedance(&self, omega_rad_s: f64) -> Complex64 {
        Circuit::impedance(self, omega_rad_s)
    }

    fn impedance_and_gradient(
        &self,
        omega_rad_s: f64,
        gradient: &mut [Complex64],
    ) -> Option<Complex64> {
        if gradient.len() != self.param_count() {
            return None;
        }
        self.value_and_gradient(omega_rad_s, gradient)
    }
}

/// Branches in parallel: Z = 1/Σ(1/Z_k), in Ω. A branch of Z = 0 shorts
/// the group (returns 0); infinite branches carry no current; if the
/// admittances cancel exactly (an ideal LC at resonance) the group is open
/// and Z = +∞, its true value.
pub fn parallel_impedance(branches: impl IntoIterator<Item = Complex64>) -> Complex64 {
    let zero = Complex64::new(0.0, 0.0);
    let mut admittance = zero;
    for z in branches {
        if z == zero {
            return zero;
        }
        if z.is_finite() {
            admittance += scaled_inv(z);
        }
    }
    if admittance == zero {
        Complex64::new(f64::INFINITY, 0.0)
    } else {
        scaled_inv(admittance)
    }
}

/// 1/z for z ≠ 0 without overflow or underflow in |z|².
fn scaled_inv(z: Complex64) -> Complex64 {
    let scale = z.re.abs().max(z.im.abs());
    let w = z / scale;
    w.conj() / (w.norm_sqr() * scale)
}

#[cfg(test)]
mod tests;
