// Draws the add-in's icon (a blue-teal rounded square, a small table with a header row, a green check badge)
// and renders it to assets/icon-{16,32,64,80,128}.png with headless Chromium (transparent background).
// The large design is kept as assets/icon.svg; 16 and 32 px use simplified, pixel-aligned variants.
// Usage: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');

const C = {
  bgTop: '#1B5E9E', // government blue
  bgBottom: '#0E7A83', // teal
  sheet: '#FFFFFF',
  header: '#CFE6EE',
  rule: '#8DB6C9',
  check: '#1F9D63',
  checkDark: '#157A4B',
};

const gradient = (id) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1">` +
  `<stop offset="0" stop-color="${C.bgTop}"/><stop offset="1" stop-color="${C.bgBottom}"/></linearGradient>`;

/** 128-unit design, used for 64, 80 and 128 px and saved as icon.svg. */
function large() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  <defs>${gradient('bg')}</defs>
  <title>绩效自评助手</title>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <!-- the self-evaluation table -->
  <rect x="22" y="24" width="70" height="80" rx="7" fill="${C.sheet}"/>
  <path d="M22 31a7 7 0 0 1 7-7h56a7 7 0 0 1 7 7v11H22z" fill="${C.header}"/>
  <g fill="${C.rule}">
    <rect x="22" y="42" width="70" height="3"/>
    <rect x="22" y="62" width="70" height="3"/>
    <rect x="22" y="82" width="70" height="3"/>
    <rect x="44" y="24" width="3" height="80"/>
  </g>
  <!-- the check badge, ringed in the background colour so it separates from the table -->
  <circle cx="92" cy="92" r="26" fill="${C.bgBottom}"/>
  <circle cx="92" cy="92" r="21" fill="${C.check}"/>
  <path d="M81 92.5l7.5 7.5 14.5-15" fill="none" stroke="#FFFFFF" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

/** 32 px: whole-pixel geometry, one rule fewer. */
function medium() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">
  <defs>${gradient('bg')}</defs>
  <rect x="0.5" y="0.5" width="31" height="31" rx="6.5" fill="url(#bg)"/>
  <rect x="5" y="5" width="18" height="21" rx="2" fill="${C.sheet}"/>
  <path d="M5 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3H5z" fill="${C.header}"/>
  <g fill="${C.rule}">
    <rect x="5" y="10" width="18" height="1"/>
    <rect x="5" y="15" width="18" height="1"/>
    <rect x="5" y="20" width="18" height="1"/>
    <rect x="10" y="5" width="1" height="21"/>
  </g>
  <circle cx="23" cy="23" r="7.5" fill="${C.bgBottom}"/>
  <circle cx="23" cy="23" r="6" fill="${C.check}"/>
  <path d="M20 23.2l2.1 2.1 4-4" fill="none" stroke="#FFFFFF" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

/** 16 px: a sheet with a header band and one rule, and a bold check. */
function small() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <defs>${gradient('bg')}</defs>
  <rect x="0" y="0" width="16" height="16" rx="3.5" fill="url(#bg)"/>
  <rect x="2" y="2" width="9" height="11" rx="1" fill="${C.sheet}"/>
  <rect x="2" y="2" width="9" height="3" rx="1" fill="${C.header}"/>
  <rect x="2" y="4" width="9" height="1" fill="${C.header}"/>
  <rect x="2" y="8" width="9" height="1" fill="${C.rule}"/>
  <rect x="5" y="2" width="1" height="11" fill="${C.rule}"/>
  <circle cx="11.5" cy="11.5" r="4.5" fill="${C.bgBottom}"/>
  <circle cx="11.5" cy="11.5" r="4" fill="${C.check}"/>
  <!-- a pixel-drawn check: a stroked one blurs to a smudge at this size -->
  <g fill="#FFFFFF" shape-rendering="crispEdges">
    <rect x="13" y="9" width="1" height="1"/>
    <rect x="12" y="10" width="2" height="1"/>
    <rect x="9" y="11" width="1" height="1"/><rect x="11" y="11" width="2" height="1"/>
    <rect x="9" y="12" width="3" height="1"/>
    <rect x="10" y="13" width="1" height="1"/>
  </g>
</svg>
`;
}

const SIZES = [
  [16, small],
  [32, medium],
  [64, large],
  [80, large],
  [128, large],
];

mkdirSync(assets, { recursive: true });
writeFileSync(join(assets, 'icon.svg'), large());

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [size, draw] of SIZES) {
    const svg = draw().replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const file = join(assets, `icon-${size}.png`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
