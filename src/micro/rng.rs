//! The generator's random numbers: SplitMix64 (Steele, Lea and Flood,
//! OOPSLA 2014) and the deviates built on it. Everything here uses only
//! IEEE-754 +, −, ×, ÷ and √ (correctly rounded on every platform), with
//! its own ln and exp, so that a seed gives the same volume natively and in
//! the browser (std's ln/exp come from different libm's there).

/// SplitMix64: a 64-bit state advanced by a constant, mixed on output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal deviate (Marsaglia's polar method).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * (-2.0 * ln(s) / s).sqrt();
            }
        }
    }

    /// A log-normal deviate with the given mean and standard deviation
    /// (mean > 0, sd ≥ 0): exp(μ + σZ) with σ² = ln(1 + sd²/mean²) and
    /// μ = ln(mean) − σ²/2.
    pub fn log_normal(&mut self, mean: f64, sd: f64) -> f64 {
        if sd <= 0.0 {
            return mean;
        }
        let var = ln(1.0 + (sd / mean) * (sd / mean));
        let mu = ln(mean) - 0.5 * var;
        exp(mu + var.sqrt() * self.normal())
    }
}

/// Natural logarithm of x > 0 (finite, normal): x = m·2^e with
/// m ∈ [√½, √2), ln x = e·ln 2 + 2·atanh((m − 1)/(m + 1)) by its series
/// (|u| < 0.172, 12 terms: error below 1e-18).
pub fn ln(x: f64) -> f64 {
    debug_assert!(x > 0.0 && x.is_finite());
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let u = (m - 1.0) / (m + 1.0);
    let u2 = u * u;
    let mut term = u;
    let mut sum = 0.0;
    for k in 0..12 {
        sum += term / (2 * k + 1) as f64;
        term *= u2;
    }
    e as f64 * std::f64::consts::LN_2 + 2.0 * sum
}

/// e^x for |x| < 700: x = k·ln 2 + r with |r| ≤ ½ln 2 (Cody–Waite), e^r by its Taylor
/// series (20 terms: error below 1e-18), times 2^k.
pub fn exp(x: f64) -> f64 {
    debug_assert!(x.abs() < 700.0);
    // ln 2 in two parts (fdlibm's): k·LN2_HI is exact for |k| < 2^11.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    let k = (x / std::f64::consts::LN_2).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..20 {
        term *= r / n as f64;
        sum += term;
    }
    sum * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests;
