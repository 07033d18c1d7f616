/**
 * Renders a decoded ticket as a PNG, so a person can look at what the printer would have printed:
 * text in a GNU Unifont subset (8×16 glyphs, scaled by the ESC/POS size), QR codes from the qrcode
 * package's matrix. One dot per pixel, 8 dots per character column.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { DecodedTicket } from './decoder.js';

const FONT_FILE = new URL('./unifont-subset.hex', import.meta.url);
let glyphs: Map<number, { width: number; rows: number[] }> | null = null;

function font(): Map<number, { width: number; rows: number[] }> {
  if (glyphs) return glyphs;
  glyphs = new Map();
  for (const line of readFileSync(FONT_FILE, 'utf8').split('\n')) {
    const m = /^([0-9A-F]{4}):([0-9A-F]+)$/i.exec(line.trim());
    if (!m) continue;
    const hex = m[2]!;
    const width = hex.length === 64 ? 16 : 8;
    const step = width / 4;
    const rows: number[] = [];
    for (let r = 0; r < 16; r++) rows.push(parseInt(hex.slice(r * step, r * step + step), 16));
    glyphs.set(parseInt(m[1]!, 16), { width, rows });
  }
  return glyphs;
}

const CHAR = 8;
const ROW = 16;
const MARGIN = 8;

export function renderTicketPng(ticket: DecodedTicket, columns: number): Buffer {
  const f = font();
  const width = columns * CHAR + 2 * MARGIN;
  type Block = { height: number; draw: (png: PNG, top: number) => void };
  const blocks: Block[] = [];
  const set = (png: PNG, x: number, y: number) => {
    if (x < 0 || y < 0 || x >= png.width || y >= png.height) return;
    const o = (y * png.width + x) * 4;
    png.data[o] = png.data[o + 1] = png.data[o + 2] = 0;
  };
  for (const item of ticket.items) {
    if (item.kind === 'feed') {
      blocks.push({ height: ROW, draw: () => {} });
    } else if (item.kind === 'text') {
      const { text, align, width: sx, height: sy, bold } = item.line;
      const chars = [...text];
      const lineWidth = chars.length * CHAR * sx;
      const left = MARGIN + (align === 'center' ? Math.max(0, (columns * CHAR - lineWidth) / 2) : align === 'right' ? Math.max(0, columns * CHAR - lineWidth) : 0);
      blocks.push({
        height: ROW * sy,
        draw: (png, top) => {
          chars.forEach((ch, k) => {
            const g = f.get(ch.codePointAt(0)!) ?? f.get(0x3f)!;
            for (let r = 0; r < 16; r++)
              for (let c = 0; c < g.width; c++) {
                if (!((g.rows[r]! >> (g.width - 1 - c)) & 1)) continue;
                const cw = (CHAR / g.width) * sx;
                for (let dy = 0; dy < sy; dy++)
                  for (let dx = 0; dx < Math.max(1, cw); dx++) {
                    const x = Math.floor(left + k * CHAR * sx + c * cw + dx);
                    set(png, x, top + r * sy + dy);
                    if (bold) set(png, x + 1, top + r * sy + dy);
                  }
              }
          });
        },
      });
    } else {
      const qr = QRCode.create(item.data, { errorCorrectionLevel: 'M' });
      const size = qr.modules.size;
      const cell = Math.max(1, item.cellSize);
      const left = MARGIN + Math.max(0, Math.floor((columns * CHAR - size * cell) / 2));
      blocks.push({
        height: size * cell + 8,
        draw: (png, top) => {
          for (let y = 0; y < size; y++)
            for (let x = 0; x < size; x++) {
              if (!qr.modules.get(x, y)) continue;
              for (let dy = 0; dy < cell; dy++) for (let dx = 0; dx < cell; dx++) set(png, left + x * cell + dx, top + 4 + y * cell + dy);
            }
        },
      });
    }
  }
  const height = blocks.reduce((h, b) => h + b.height, 0) + 2 * MARGIN;
  const png = new PNG({ width, height });
  png.data.fill(255);
  let top = MARGIN;
  for (const b of blocks) {
    b.draw(png, top);
    top += b.height;
  }
  return PNG.sync.write(png);
}
