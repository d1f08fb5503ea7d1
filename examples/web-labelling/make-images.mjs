// Writes the 12 cartoon rabbits of the web labelling example to images/rabbit-01.svg …
// rabbit-12.svg. The real job ranks 12 photos on assets.rapidata.ai; this example runs
// offline, so it shows these stand-ins (src/rabbits.ts maps each real id to one).
// Run once after changing a rabbit: node examples/web-labelling/make-images.mjs
import { mkdirSync, writeFileSync } from 'node:fs';

const directory = new URL('./images/', import.meta.url);

// One line per rabbit: fur, inner ear and background colours, ear style, accessory.
const RABBITS = [
  { fur: '#f4f1ea', inner: '#f2a7b6', bg: '#cfe8ff', ears: 'up', extra: 'sunglasses' },
  { fur: '#8a6a4f', inner: '#e3a58f', bg: '#ffe3b3', ears: 'floppy', extra: 'none' },
  { fur: '#9aa3ad', inner: '#f0b3c0', bg: '#d7f5d0', ears: 'oneDown', extra: 'bowtie' },
  { fur: '#2f2f35', inner: '#c97b8e', bg: '#ffd1dc', ears: 'up', extra: 'shades' },
  { fur: '#e8c39e', inner: '#f5b2a0', bg: '#e6dcff', ears: 'long', extra: 'hat' },
  { fur: '#ffffff', inner: '#ffb3c7', bg: '#ffefc2', ears: 'floppy', extra: 'bow' },
  { fur: '#c4733f', inner: '#f2b08a', bg: '#d0f0ef', ears: 'up', extra: 'scarf' },
  { fur: '#6f7f8f', inner: '#e7a4b4', bg: '#f7d6c1', ears: 'long', extra: 'headphones' },
  { fur: '#d9d2c5', inner: '#eaa0a8', bg: '#c9d8ff', ears: 'oneDown', extra: 'monocle' },
  { fur: '#b38b6d', inner: '#f0b9a6', bg: '#fff3a8', ears: 'up', extra: 'crown' },
  { fur: '#4b3b32', inner: '#c98d86', bg: '#c8f1dc', ears: 'floppy', extra: 'starGlasses' },
  { fur: '#f7e7c6', inner: '#f4a3b5', bg: '#ffd0a8', ears: 'long', extra: 'sunglassesHat' },
];

const ink = '#2b2b33';

function ear(x, y, angle, length, fur, inner) {
  return (
    `<g transform="rotate(${angle} ${x} ${y + length})">` +
    `<ellipse cx="${x}" cy="${y + length / 2}" rx="15" ry="${length / 2}" fill="${fur}" stroke="${ink}" stroke-width="3"/>` +
    `<ellipse cx="${x}" cy="${y + length / 2 + 4}" rx="7" ry="${length / 2 - 9}" fill="${inner}"/></g>`
  );
}

function ears({ ears: style, fur, inner }) {
  switch (style) {
    case 'up':
      return ear(78, 18, -8, 70, fur, inner) + ear(122, 18, 8, 70, fur, inner);
    case 'long':
      return ear(80, 2, -4, 88, fur, inner) + ear(120, 2, 4, 88, fur, inner);
    case 'oneDown':
      return ear(80, 18, -10, 70, fur, inner) + ear(128, 40, 70, 62, fur, inner);
    case 'floppy':
      return ear(74, 44, -70, 62, fur, inner) + ear(126, 44, 70, 62, fur, inner);
    default:
      throw new Error(`unknown ears ${style}`);
  }
}

const eyes = `<circle cx="86" cy="112" r="6" fill="${ink}"/><circle cx="114" cy="112" r="6" fill="${ink}"/>`;
const glassesFrame = (fill) =>
  `<rect x="68" y="101" width="28" height="20" rx="7" fill="${fill}" stroke="${ink}" stroke-width="3"/>` +
  `<rect x="104" y="101" width="28" height="20" rx="7" fill="${fill}" stroke="${ink}" stroke-width="3"/>` +
  `<path d="M96 109h8" stroke="${ink}" stroke-width="3"/>`;
const hat = `<rect x="70" y="60" width="60" height="8" rx="3" fill="${ink}"/><rect x="80" y="32" width="40" height="30" rx="4" fill="${ink}"/><rect x="80" y="54" width="40" height="6" fill="#d94f4f"/>`;

function accessory(extra) {
  switch (extra) {
    case 'none':
      return eyes;
    case 'sunglasses':
      return glassesFrame('#1d1d24');
    case 'shades':
      return `<path d="M64 104h72l-4 14q-12 8-24-2h-16q-12 10-24 2z" fill="#111" stroke="#555" stroke-width="2"/>`;
    case 'bowtie':
      return eyes + `<path d="M100 168l-22-11v22zM100 168l22-11v22z" fill="#d94f4f" stroke="${ink}" stroke-width="2"/><circle cx="100" cy="168" r="5" fill="#a33"/>`;
    case 'hat':
      return eyes + hat;
    case 'bow':
      return eyes + `<path d="M100 76l-20-10v20zM100 76l20-10v20z" fill="#ff6fa5" stroke="${ink}" stroke-width="2"/><circle cx="100" cy="76" r="5" fill="#e0407f"/>`;
    case 'scarf':
      return eyes + `<path d="M64 160q36 14 72 0v12q-36 14-72 0z" fill="#3a7bd5" stroke="${ink}" stroke-width="2"/><rect x="112" y="166" width="14" height="26" rx="3" fill="#3a7bd5" stroke="${ink}" stroke-width="2"/>`;
    case 'headphones':
      return eyes + `<path d="M58 118q0-60 42-60t42 60" fill="none" stroke="${ink}" stroke-width="6"/><rect x="50" y="108" width="16" height="28" rx="6" fill="#e34b4b"/><rect x="134" y="108" width="16" height="28" rx="6" fill="#e34b4b"/>`;
    case 'monocle':
      return `<circle cx="86" cy="112" r="6" fill="${ink}"/><circle cx="114" cy="112" r="6" fill="${ink}"/><circle cx="114" cy="112" r="13" fill="none" stroke="#c9a227" stroke-width="3"/><path d="M126 118q8 20 2 40" fill="none" stroke="#c9a227" stroke-width="2"/>`;
    case 'crown':
      return eyes + `<path d="M74 74l8-22 12 14 6-18 6 18 12-14 8 22z" fill="#f2c230" stroke="${ink}" stroke-width="2"/>`;
    case 'starGlasses':
      return (
        `<path d="M82 96l4 9 10 1-7 7 2 10-9-5-9 5 2-10-7-7 10-1z" fill="#ff5fa2" stroke="${ink}" stroke-width="2"/>` +
        `<path d="M118 96l4 9 10 1-7 7 2 10-9-5-9 5 2-10-7-7 10-1z" fill="#ff5fa2" stroke="${ink}" stroke-width="2"/>`
      );
    case 'sunglassesHat':
      return glassesFrame('#1d1d24') + hat;
    default:
      throw new Error(`unknown accessory ${extra}`);
  }
}

function rabbitSvg(rabbit, number) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" role="img" aria-label="Cartoon rabbit ${number}">`,
    `<rect width="200" height="200" rx="16" fill="${rabbit.bg}"/>`,
    `<ellipse cx="100" cy="196" rx="62" ry="34" fill="${rabbit.fur}" stroke="${ink}" stroke-width="3"/>`,
    ears(rabbit),
    `<ellipse cx="100" cy="122" rx="46" ry="42" fill="${rabbit.fur}" stroke="${ink}" stroke-width="3"/>`,
    `<ellipse cx="78" cy="134" rx="8" ry="5" fill="${rabbit.inner}" opacity=".7"/><ellipse cx="122" cy="134" rx="8" ry="5" fill="${rabbit.inner}" opacity=".7"/>`,
    accessory(rabbit.extra),
    `<path d="M95 128h10l-5 6z" fill="${rabbit.inner}" stroke="${ink}" stroke-width="2" stroke-linejoin="round"/>`,
    `<path d="M100 134v6M100 140q-6 6-11 1M100 140q6 6 11 1" fill="none" stroke="${ink}" stroke-width="2" stroke-linecap="round"/>`,
    '</svg>',
    '',
  ].join('\n');
}

mkdirSync(directory, { recursive: true });
RABBITS.forEach((rabbit, index) => {
  const name = `rabbit-${String(index + 1).padStart(2, '0')}.svg`;
  writeFileSync(new URL(name, directory), rabbitSvg(rabbit, index + 1));
});
console.log(`wrote ${RABBITS.length} rabbits to ${directory.pathname}`);
