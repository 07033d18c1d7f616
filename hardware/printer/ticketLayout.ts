/**
 * The one ticket layout (DESIGN §7): what a ticket says, line by line, before any printer language.
 * The ESC/POS encoder and the virtual printer's renderer both work from these lines.
 */

/** What a ticket shows; the hub maps its own ticket view to this. */
export interface TicketContent {
  centre: string;
  service: { uk: string; en: string };
  number: number;
  priority: boolean;
  /** The booked slot, HH:MM. */
  time: string;
  /** Desks that serve the service ("where to wait"); empty when none is known. */
  desks: number[];
  /** The booking code, printed as a QR and as text. */
  code: string;
  /** When the ticket was printed, centre-local. */
  printedAt: { date: string; time: string };
  reprint: boolean;
  /** The queue ahead when the ticket was issued; absent or null when unknown (a reprint at a desk). */
  wait?: { peopleAhead: number; minutes: number } | null;
  /** The visit's live ticket link (docs/live-ticket.md), printed as a second QR; absent without one. */
  liveUrl?: string;
}

export type Align = 'left' | 'center' | 'right';

export type TicketLine =
  | { kind: 'text'; text: string; align: Align; width: number; height: number; bold: boolean }
  | { kind: 'qr'; data: string; cellSize: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** A QR payload is printable ASCII only, so its length in the GS ( k header is its byte count. */
export const QR_PAYLOAD = /^[\x20-\x7e]{1,128}$/;

function text(t: string, align: Align = 'center', size = 1, bold = false): TicketLine {
  return { kind: 'text', text: t, align, width: size, height: size, bold };
}

/** Splits at spaces so no line is longer than `width` characters (a long word is cut). */
export function wrap(t: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of t.split(/\s+/).filter(Boolean)) {
    let w = word;
    while ([...w].length > width) {
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push([...w].slice(0, width).join(''));
      w = [...w].slice(width).join('');
    }
    if (!w) continue;
    if (!line) line = w;
    else if ([...line].length + 1 + [...w].length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function wrapped(t: string, columns: number, align: Align = 'center', size = 1, bold = false): TicketLine[] {
  return wrap(t, Math.floor(columns / size)).map((l) => text(l, align, size, bold));
}

function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** «Перед вами: 4 · очікування ≈ 12 хв»; with nobody ahead, the wait is said plainly. */
export function waitLine(w: { peopleAhead: number; minutes: number }): string {
  if (w.peopleAhead === 0 && w.minutes === 0) return 'Перед вами нікого: вас скоро викличуть';
  return `Перед вами: ${w.peopleAhead} · очікування ≈ ${Math.max(1, w.minutes)} хв`;
}

function englishWait(w: { peopleAhead: number; minutes: number }): string {
  if (w.peopleAhead === 0 && w.minutes === 0) return 'nobody ahead of you';
  return `${w.peopleAhead} ahead of you, about ${Math.max(1, w.minutes)} min`;
}

/** The ticket for a paper `columns` characters wide (font A). */
export function layoutTicket(t: TicketContent, columns: number): TicketLine[] {
  if (!QR_PAYLOAD.test(t.code)) throw new Error(`a booking code must be printable ASCII: ${JSON.stringify(t.code)}`);
  const number = t.priority ? `П-${t.number}` : String(t.number);
  const where = t.desks.length === 0
    ? 'Очікуйте виклику на табло'
    : t.desks.length === 1
      ? `Очікуйте виклику: робоче місце ${t.desks[0]}`
      : `Очікуйте виклику: робочі місця ${t.desks.join(', ')}`;
  return [
    ...wrapped(t.centre, columns, 'center', 1, true),
    ...wrapped(t.service.uk, columns),
    { kind: 'feed', lines: 1 },
    text('ТАЛОН', 'center'),
    text(number, 'center', number.length * 4 <= columns ? 4 : 2, true),
    ...(t.priority ? [text('Пріоритетна черга', 'center', 1, true)] : []),
    { kind: 'feed', lines: 1 },
    ...(t.time ? [text(`Запис на ${t.time}`, 'center', 2)] : []),
    ...wrapped(where, columns),
    ...(t.wait ? wrapped(waitLine(t.wait), columns, 'center', 1, true) : []),
    { kind: 'feed', lines: 1 },
    { kind: 'qr', data: t.code, cellSize: 6 },
    text(`Код запису: ${t.code}`, 'center'),
    text(`${t.reprint ? 'Повторно надруковано' : 'Надруковано'} ${formatDate(t.printedAt.date)} ${t.printedAt.time}`, 'center'),
    ...wrapped(`Ticket ${number}, ${t.service.en}, ${t.time}: ${t.wait ? `${englishWait(t.wait)}; ` : ''}wait for your number on the board.`, columns),
    ...(t.liveUrl && QR_PAYLOAD.test(t.liveUrl)
      ? [
          { kind: 'feed', lines: 1 } as const,
          ...wrapped('Черга на вашому телефоні: скануйте код', columns),
          { kind: 'qr', data: t.liveUrl, cellSize: 4 } as const,
          ...wrapped('Follow the queue on your phone', columns),
        ]
      : []),
    { kind: 'cut' },
  ];
}
