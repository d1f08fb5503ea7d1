/**
 * Ticks of a linear axis at "nice numbers" (P. S. Heckbert, "Nice numbers for graph
 * labels", Graphics Gems, Academic Press, 1990, pp. 61–63), with 2.5 added to his 1, 2
 * and 5, and their labels.
 * @internal
 * @module
 */

/** One tick of an axis. @internal */
export interface Tick {
  /** The value at the tick. */
  readonly value: number;
  /** Where the tick sits, as a fraction of the axis (0 at the start, 1 at the end). */
  readonly at: number;
  readonly label: string;
}

/** Where values sit along an axis, and its ticks. @internal */
export interface Axis {
  /** A value's position as a fraction of the axis; outside [0, 1] when outside the domain. */
  readonly position: (value: number) => number;
  readonly ticks: readonly Tick[];
}

/**
 * A linear axis from `low` to `high` with a tick at every multiple of `step` in between,
 * labelled with as many decimals as `step` needs; just its ends when that would be more
 * than 51 ticks.
 * @internal
 */
export function linearAxis(low: number, high: number, step: number): Axis {
  const decimals = stepDecimals(step);
  const ticks: Tick[] = [];
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  // Far from zero (k beyond 2^53), k × step stops being distinct from its neighbours and
  // k + 1 from k; such axes get their ends only.
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(last) && last - first <= 50)) return bareAxis(low, high);
  let previous = '';
  for (let k = first; k <= last; k++) {
    const value = k * step;
    const label = decimalLabel(value, decimals);
    if (label !== previous) ticks.push({ value, at: fraction(value, low, high), label });
    previous = label;
  }
  return { position: (value) => fraction(value, low, high), ticks };
}

/**
 * A linear axis from `low` to `high` with a tick at each end (one in the middle when
 * they are equal), for ranges nice steps cannot cover.
 * @internal
 */
export function bareAxis(low: number, high: number): Axis {
  const ticks =
    low === high
      ? [{ value: low, at: 0.5, label: shortLabel(low) }]
      : [
          { value: low, at: 0, label: shortLabel(low) },
          { value: high, at: 1, label: shortLabel(high) },
        ];
  return { position: (value) => fraction(value, low, high), ticks };
}

/**
 * The position of `value` between `low` and `high`; halves keep the difference finite for any two doubles.
 * @internal
 */
export function fraction(value: number, low: number, high: number): number {
  const span = high / 2 - low / 2;
  return span > 0 ? (value / 2 - low / 2) / span : 0.5;
}

/**
 * The 1, 2, 2.5 or 5 × 10^k nearest above `rough`. Heckbert's 1–2–5 plus 2.5, which
 * lets a range such as −0.2 to 1.1 end at −0.25 and 1.25 instead of −0.5 and 1.5.
 * @internal
 */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const mantissa = rough / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 2.5 ? 2.5 : mantissa <= 5 ? 5 : 10) * power;
}

/** The fewest decimals that write every multiple of `step` exactly (0.25 → 2, 50 → 0). */
function stepDecimals(step: number): number {
  for (let decimals = 0; decimals < 20; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * scaled) return decimals;
  }
  return 20;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * 2^e written out (1, 2, 4, 0.5, 0.25) while that is short, else as 2 with a superscript exponent.
 * @internal
 */
export function powerOfTwoLabel(exponent: number): string {
  if (exponent >= -4 && exponent <= 20) return String(2 ** exponent);
  const digits = [...String(Math.abs(exponent))].map((digit) => SUPERSCRIPTS[Number(digit)]!).join('');
  return `2${exponent < 0 ? '⁻' : ''}${digits}`;
}

function decimalLabel(value: number, decimals: number): string {
  const text = Math.abs(value) < 1e15 ? value.toFixed(decimals) : shortLabel(value);
  return withMinusSign(Number(text) === 0 ? text.replace('-', '') : text);
}

/** 4 significant digits without trailing zeros; kept a string, since near ±1.8e308 rounding it could overflow. */
function shortLabel(value: number): string {
  const [mantissa = '', exponent] = value.toPrecision(4).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return withMinusSign(exponent === undefined ? trimmed : `${trimmed}e${exponent}`);
}

/** A typographic minus (U+2212): the hyphen is narrower and reads as a dash in tick labels. */
function withMinusSign(text: string): string {
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}
