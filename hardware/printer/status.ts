/**
 * Printer status over a two-way link: the four DLE EOT real-time requests and what their answers
 * mean (Epson ESC/POS; the clones answer the same). Every answer byte has bits 1 and 4 set and bits 0
 * and 7 clear; anything else is not a status byte and is refused.
 */
export const PRINTER_PROBLEMS = ['paper_out', 'paper_near_end', 'cover_open', 'offline', 'cutter_error'] as const;
export type PrinterProblem = (typeof PRINTER_PROBLEMS)[number];

export interface PrinterStatus {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
}

export const CLEAN: PrinterStatus = { offline: false, coverOpen: false, paperOut: false, paperNearEnd: false, cutterError: false };

/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor. */
export const STATUS_REQUESTS = [1, 2, 3, 4] as const;
export function statusRequest(n: 1 | 2 | 3 | 4): Buffer {
  return Buffer.from([0x10, 0x04, n]);
}

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export type StatusResult = { ok: true; status: PrinterStatus } | { ok: false; code: 'BAD_STATUS'; byte: number };

/** The four answers, in the order of STATUS_REQUESTS, read as one status. */
export function readStatus(answers: readonly [number, number, number, number]): StatusResult {
  for (const b of answers) if (!isStatusByte(b)) return { ok: false, code: 'BAD_STATUS', byte: b };
  const [printer, offline, error, paper] = answers;
  return {
    ok: true,
    status: {
      offline: (printer & 0x08) !== 0,
      coverOpen: (offline & 0x04) !== 0,
      paperOut: (offline & 0x20) !== 0 || (paper & 0x60) !== 0,
      paperNearEnd: (paper & 0x0c) !== 0,
      cutterError: (error & 0x08) !== 0,
    },
  };
}

/** The answers a printer in `s` gives, for the virtual printer. */
export function statusAnswer(n: number, s: PrinterStatus): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (s.offline || s.coverOpen || s.paperOut || s.cutterError ? 0x08 : 0);
    case 2:
      return base | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0) | (s.cutterError ? 0x40 : 0);
    case 3:
      return base | (s.cutterError ? 0x08 : 0);
    case 4:
      return base | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    default:
      return base;
  }
}

/**
 * The one problem to show, most urgent first. Paper near its end is a warning: the ticket still
 * prints, so it does not stop a ticket from counting as printed.
 */
export function problemOf(s: PrinterStatus): PrinterProblem | null {
  if (s.coverOpen) return 'cover_open';
  if (s.paperOut) return 'paper_out';
  if (s.cutterError) return 'cutter_error';
  if (s.offline) return 'offline';
  if (s.paperNearEnd) return 'paper_near_end';
  return null;
}

export function blocks(problem: PrinterProblem | null): boolean {
  return problem !== null && problem !== 'paper_near_end';
}
