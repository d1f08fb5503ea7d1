/**
 * Numbers and text as written into the SVG: coordinates, XML escaping, estimated text
 * widths, and text shortened to fit.
 * @internal
 * @module
 */
import { TEXT_SIZE } from './chartStyle.js';

/** Out-of-domain values are clipped anyway; bounding their coordinates keeps numbers short and finite. */
const PIXEL_LIMIT = 100_000;

/**
 * A pixel coordinate kept within ±PIXEL_LIMIT.
 * @internal
 */
export function pixel(value: number): number {
  return Math.min(Math.max(value, -PIXEL_LIMIT), PIXEL_LIMIT);
}

/**
 * A coordinate with at most 2 decimals and no "-0".
 * @internal
 */
export function num(value: number): string {
  const rounded = Math.round(pixel(value) * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

/**
 * Estimated width in pixels, from the advance widths of DejaVu Sans, the widest of the
 * usual sans-serif fallbacks (Segoe UI, San Francisco and Arial are narrower): narrow
 * letters and punctuation 0.3 em, capitals 0.75 em, wide characters (CJK, emoji) 1 em,
 * the rest 0.63 em. Erring wide keeps shortened labels and legend entries apart.
 * @internal
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x1100) ems += 1;
    else if (NARROW.includes(char)) ems += 0.3;
    else if (SEMI_NARROW.includes(char)) ems += 0.4;
    else if (char === 'm' || char === 'w' || (char >= 'A' && char <= 'Z')) ems += char === 'M' || char === 'W' || char === 'm' ? 1 : 0.78;
    else ems += 0.63;
  }
  return ems * fontSize;
}

const NARROW = " .,:;'!|il";
const SEMI_NARROW = 'fjrt()[]-"';

/**
 * `text`, or its longest prefix (whole code points) followed by "…" that fits `maxWidth`.
 * @internal
 */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  let length = chars.length;
  while (length > 0 && textWidth(`${chars.slice(0, length).join('')}…`, fontSize) > maxWidth) length--;
  return `${chars.slice(0, length).join('')}…`;
}

/**
 * Text safe in XML content and attribute values: the five special characters as
 * entities, tabs and line breaks as character references (so attributes keep them), and
 * characters XML 1.0 cannot hold at all (other control characters, lone surrogates,
 * U+FFFE, U+FFFF) as U+FFFD.
 * @internal
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    switch (char) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\t': out += '&#9;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      default:
        out += code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff ? '\uFFFD' : char;
    }
  }
  return out;
}

/**
 * A `<text>` shortened to `maxWidth` (estimated), with the full text as a tooltip when shortened.
 * @internal
 */
export function textElement(x: number, y: number, text: string, maxWidth: number, fontSize: number, className: string, attributes: string): string {
  const shown = fitText(text, maxWidth, fontSize);
  const tooltip = shown === text ? '' : `<title>${escapeXml(text)}</title>`;
  const size = fontSize === TEXT_SIZE ? '' : ` font-size="${fontSize}"`;
  return `<text class="${className}" x="${num(x)}" y="${num(y)}"${size}${attributes}>${escapeXml(shown)}${tooltip}</text>`;
}
