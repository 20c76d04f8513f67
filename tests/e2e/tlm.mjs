// The ion–ion two-rail line in closed form (MODELS.md), computed in the
// tests independently of the Rust core: complex arithmetic on {re, im}.
const c = (re, im = 0) => ({ re, im });
const add = (a, b) => c(a.re + b.re, a.im + b.im);
const mul = (a, b) => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
const div = (a, b) => { const d = b.re * b.re + b.im * b.im; return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d); };
const sqrt = (a) => { const r = Math.hypot(a.re, a.im); const re = Math.sqrt((r + a.re) / 2); const im = Math.sign(a.im || 1) * Math.sqrt((r - a.re) / 2); return c(re, im); };
const exp = (a) => c(Math.exp(a.re) * Math.cos(a.im), Math.exp(a.re) * Math.sin(a.im));
const tanh = (a) => { const e = exp(mul(c(-2), a)); return div(add(c(1), mul(c(-1), e)), add(c(1), e)); };

/** Z = R_b + R_ion·R_e/S + (2·R_ion²/S)·tanh(x/2)/x, x = √(S·iωC), S = R_ion + R_e (Ω, F, Hz). */
export function ionIon(f, rb, rIon, rE, cdl) {
  const s = rIon + rE;
  const x = sqrt(c(0, 2 * Math.PI * f * cdl * s));
  const t = div(tanh(mul(c(0.5), x)), x);
  return add(c(rb + rIon * rE / s), mul(c(2 * rIon * rIon / s), t));
}
