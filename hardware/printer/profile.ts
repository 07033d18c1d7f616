/**
 * A printer's profile: which code page it prints Ukrainian in, the vendor's ESC t number for that
 * page (it differs by vendor: Epson 46 for WPC1251, 44 for CP1125, 17 for CP866; many clones 23 for
 * WPC1251), and the paper width in characters of font A.
 */
import type { Codepage } from './codepages.js';

export interface PrinterProfile {
  codepage: Codepage;
  escT: number;
  /** Characters per line in font A: 48 on 80 mm paper, 32 on 58 mm. */
  columns: number;
}

/** Epson's numbers, the default when a config names a code page but no ESC t. */
export const EPSON_ESC_T: Record<Codepage, number> = { wpc1251: 46, cp1125: 44, cp866: 17 };
