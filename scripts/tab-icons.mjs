// Draws the tab bar's icons (WeChat's tabBar takes PNG files in the package, ≤ 40 KB, 81×81 advised):
// four line icons in grey and in the app's red, anti-aliased by supersampling, written as PNG with zlib.
// Run `node scripts/tab-icons.mjs` after changing a shape; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const STROKE = 5.5;
const out = join(new URL('..', import.meta.url).pathname, 'miniprogram', 'images', 'tab');

const seg = (ax, ay, bx, by) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
};
const ring = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r);
const arc = (cx, cy, r, from, to) => (x, y) => {
  const a = Math.atan2(y - cy, x - cx);
  if (a >= from && a <= to) return Math.abs(Math.hypot(x - cx, y - cy) - r);
  const p = (ang) => [cx + r * Math.cos(ang), cy + r * Math.sin(ang)];
  const [x1, y1] = p(from);
  const [x2, y2] = p(to);
  return Math.min(Math.hypot(x - x1, y - y1), Math.hypot(x - x2, y - y2));
};
const box = (x0, y0, x1, y1) => [seg(x0, y0, x1, y0), seg(x1, y0, x1, y1), seg(x1, y1, x0, y1), seg(x0, y1, x0, y0)];

const ICONS = {
  // 待办: a clipboard with a tick.
  home: [...box(18, 16, 63, 70), seg(31, 12, 50, 12), seg(29, 44, 38, 53), seg(38, 53, 53, 35)],
  // 承诺: a flag on its pole.
  commitment: [seg(22, 10, 22, 72), seg(22, 14, 62, 14), seg(62, 14, 52, 27), seg(52, 27, 62, 40), seg(62, 40, 22, 40)],
  // 点评: a speech bubble with two lines of text.
  review: [...box(12, 14, 69, 54), seg(26, 54, 22, 68), seg(22, 68, 40, 54), seg(24, 28, 57, 28), seg(24, 40, 47, 40)],
  // 我的: a person.
  mine: [ring(40.5, 27, 12.5), arc(40.5, 72, 25, -Math.PI, 0)],
};

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(shapes, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  const SS = 4;
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      let cover = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS;
        const py = y + (sy + 0.5) / SS;
        if (shapes.some((d) => d(px, py) <= STROKE / 2)) cover++;
      }
      const i = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
      raw[i + 3] = Math.round((255 * cover) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const [name, shapes] of Object.entries(ICONS)) {
  writeFileSync(join(out, `${name}.png`), png(shapes, [0x66, 0x66, 0x66]));
  writeFileSync(join(out, `${name}-on.png`), png(shapes, [0xc8, 0x16, 0x1d]));
}
console.log(`tab icons: ${Object.keys(ICONS).length * 2} PNGs in miniprogram/images/tab/`);
