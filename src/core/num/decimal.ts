// Decimal arithmetic with Excel's semantics: values are doubles shown to 15 significant
// digits, and ROUND(x, n) rounds that decimal form half away from zero (ROUND(1.005, 2) = 1.01).

/** Removes binary drift: 250000 - 173470.7 → 76529.3. */
export function clean(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  // Fast path (hot): an integer of at most 15 digits is already its own 15-digit form.
  if (Number.isInteger(x) && x < 1e15 && x > -1e15) return x;
  const a = x < 0 ? -x : x;
  if (a >= 1e-7 && a < 1e15) {
    // Fast path (hot): scale to a 15-digit whole number m, round it, scale back. m is within half a
    // unit in the last place (≤ 1/16) of the exact product, so away from ….5 it rounds as
    // toPrecision(15) does, and whole / 10ᵏ is the double nearest to "whole e-k" (10ᵏ is exact, k ≤ 21).
    // k = 14 − ⌊log10 a⌋ from the binary exponent: ⌊e₂·log10 2⌋ is ⌊log10 a⌋ or one less, and one
    // step down fixes the latter (cheaper than Math.log10; any k that misses the range takes the
    // string path, which the fast path agrees with).
    BITS[0] = a;
    const e2 = ((WORDS[HIGH] >>> 20) & 0x7ff) - 1023;
    let k = 14 - Math.floor(e2 * LOG10_2);
    let m = a * POW10[k];
    if (m >= 1e15) m = a * POW10[--k];
    if (m >= 1e14 && m < 1e15) {
      const f = Math.floor(m);
      const frac = m - f;
      if (frac < 0.4 || frac > 0.6) {
        const r = (frac > 0.5 ? f + 1 : f) / POW10[k];
        return x < 0 ? -r : r;
      }
    }
  }
  return Number(x.toPrecision(15));
}

// A double's bits, for its binary exponent.
const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
BITS[0] = 1;
const HIGH = WORDS[1] === 0x3ff00000 ? 1 : 0;
const LOG10_2 = 0.30102999566398120;

/** Exact powers of ten (10²² is the last one a double holds exactly). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function shift(x: number, n: number, mode: 'round' | 'trunc'): number {
  if (!Number.isFinite(x)) return x;
  // Fast path (hot): an integer rounded to n ≥ 0 decimals is itself (bounded so that x·10ⁿ stays exact).
  if (n >= 0 && n <= 6 && Number.isInteger(x) && x < 1e14 && x > -1e14) return x === 0 ? 0 : x;
  if (x === 0) return 0;
  const neg = x < 0;
  if (n >= 0 && n <= 10) {
    // Fast path (hot): |x|·10ⁿ in binary is within 6·10⁻¹⁵ relative of the decimal value of clean(x)
    // scaled, which the string path below rounds; away from the rounding edge (x.5 for round, an
    // integer for trunc) both give the same whole number, and whole / 10ⁿ is the double nearest to
    // it, as parsing "whole e-n" is.
    const y = (neg ? -x : x) * POW10[n];
    if (y < 1e14) {
      const f = Math.floor(y);
      const frac = y - f;
      const edge = mode === 'round' ? Math.abs(frac - 0.5) : Math.min(frac, 1 - frac);
      if (edge > y * 1e-13) {
        const out = (mode === 'round' && frac > 0.5 ? f + 1 : f) / POW10[n];
        return neg ? -out : out === 0 ? 0 : out;
      }
      if (mode === 'trunc') {
        // Fast path (hot: agrees() truncates stated-precision values): y next to a whole number k, and
        // clean(|x|) the double nearest to k·10⁻ⁿ, so its decimal value is exactly k·10⁻ⁿ (two decimals
        // of at most 15 digits never share a double) and truncating it gives k, as the string path does.
        const k = Math.round(y);
        const out = k / POW10[n];
        if (out === clean(neg ? -x : x)) return neg ? -out : out === 0 ? 0 : out;
      }
    }
  }
  const c = clean(x);
  const [mant, exp] = Math.abs(c).toExponential().split('e');
  const scaled = Number(`${mant}e${Number(exp) + n}`);
  // Past 15 significant digits there is nothing left to round.
  if (scaled >= 1e15) return c;
  const whole = mode === 'round' ? Math.floor(scaled + 0.5) : Math.floor(scaled);
  const out = Number(`${whole}e${-n}`);
  return neg ? -out : out === 0 ? 0 : out;
}

/** Excel's ROUND(x, n): half away from zero on the decimal value. */
export function round(x: number, n: number): number {
  return shift(x, n, 'round');
}

/** Excel's TRUNC(x, n). */
export function trunc(x: number, n: number): number {
  return shift(x, n, 'trunc');
}

export function add(a: number, b: number): number {
  return clean(a + b);
}
export function sub(a: number, b: number): number {
  return clean(a - b);
}
export function mul(a: number, b: number): number {
  return clean(a * b);
}
export function div(a: number, b: number): number {
  return clean(a / b);
}

export function sum(xs: Iterable<number>): number {
  let s = 0;
  if (Array.isArray(xs)) {
    // Indexed loop for arrays (hot): no iterator objects.
    for (let i = 0; i < xs.length; i++) s = clean(s + (xs[i] as number));
    return s;
  }
  for (const x of xs) s = clean(s + x);
  return s;
}

/** Digits after the decimal point in a number's shortest decimal form (19.38 → 2, 1e-7 → 7). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const s = String(clean(x));
  const e = s.indexOf('e');
  if (e >= 0) {
    const exp = Number(s.slice(e + 1));
    const frac = s.slice(0, e).split('.')[1]?.length ?? 0;
    return Math.max(0, frac - exp);
  }
  return s.split('.')[1]?.length ?? 0;
}

/** Decimals a number format shows: "0.00%" → 2, "#,##0.0" → 1, "0" → 0; null for General or unknown. */
export function formatDecimals(fmt: string | undefined): number | null {
  if (!fmt || fmt === 'General' || fmt === '@') return null;
  // A workbook has a handful of formats and every numeric cell asks: remember the answers.
  let d = FORMAT_DECIMALS.get(fmt);
  if (d === undefined) {
    d = formatDecimalsOnce(fmt);
    if (FORMAT_DECIMALS.size >= 1000) FORMAT_DECIMALS.clear();
    FORMAT_DECIMALS.set(fmt, d);
  }
  return d;
}

const FORMAT_DECIMALS = new Map<string, number | null>();
const PERCENT_FORMAT = new Map<string, boolean>();

function formatDecimalsOnce(fmt: string): number | null {
  const section = fmt.split(';')[0].replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  if (!/[0#?]/.test(section)) return null;
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : 0;
}

export function isPercentFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  let p = PERCENT_FORMAT.get(fmt);
  if (p === undefined) {
    p = /%/.test(fmt.split(';')[0].replace(/"[^"]*"|\\./g, ''));
    if (PERCENT_FORMAT.size >= 1000) PERCENT_FORMAT.clear();
    PERCENT_FORMAT.set(fmt, p);
  }
  return p;
}

/**
 * A stated value agrees with a computed one when the unrounded computed value, rounded half away
 * from zero or truncated to the stated value's decimals, equals the stated value shown to those decimals.
 */
export function agrees(computed: number, stated: number, decimals: number): boolean {
  const d = Math.max(0, Math.min(10, decimals));
  const s = round(stated, d);
  return round(computed, d) === s || trunc(computed, d) === s;
}
