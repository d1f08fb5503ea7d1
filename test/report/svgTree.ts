// Reading a chart's SVG in tests: the document as a tree of elements in document order,
// lookups by tag and class, and well-formedness checks stricter than the XML validator.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

export interface Element {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly Element[];
  /** The element's own text, its children's excluded. */
  readonly text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

/** The document's root element, as a tree that keeps document order. */
export function parse(svg: string): Element {
  const nodes = parser.parse(svg) as unknown[];
  const root = toElements(nodes).find((element) => element.tag === 'svg');
  if (root === undefined) throw new Error('no <svg> root');
  return root;
}

function toElements(nodes: unknown[]): Element[] {
  const elements: Element[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const tag = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (tag === undefined) continue;
    const childNodes = node[tag] as Record<string, unknown>[];
    elements.push({
      tag,
      attributes: (node[':@'] ?? {}) as Record<string, string>,
      children: toElements(childNodes),
      text: childNodes.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join(''),
    });
  }
  return elements;
}

/** Every element under (and including) `root` that `match` accepts, in document order. */
export function findAll(root: Element, match: (element: Element) => boolean): Element[] {
  const found = match(root) ? [root] : [];
  for (const child of root.children) found.push(...findAll(child, match));
  return found;
}

/** Matches `<tag class="… className …">`. */
export const byClass = (tag: string, className: string) => (element: Element) =>
  element.tag === tag && (element.attributes['class'] ?? '').split(' ').includes(className);

/** Checks well-formedness beyond XMLValidator, which lets a raw `<` in an attribute or a control character through. */
export function expectWellFormed(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/<(?![a-zA-Z/?])/);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  expect(svg).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
}

export function expectFiniteNumbers(svg: string): void {
  expect(svg).not.toContain('NaN');
  expect(svg).not.toContain('Infinity');
}

/** The `data-series` labels of the series drawn under `root`, in order. */
export function seriesLabels(root: Element): string[] {
  return findAll(root, byClass('g', 'series')).map((element) => element.attributes['data-series']!);
}

/** The labels of the legend's entries, in order. */
export function legendLabels(root: Element): string[] {
  return findAll(root, byClass('g', 'legend-entry')).map((entry) => entry.attributes['data-series']!);
}

/** The y tick labels of a panel. */
export function yTickLabels(panel: Element): string[] {
  return findAll(panel, byClass('g', 'axis-y'))[0]!.children.map((tick) => tick.text);
}
