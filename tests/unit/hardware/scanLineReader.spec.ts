import { describe, expect, it } from 'vitest';
import { ScanLineReader } from '../../../hardware/scanner/serialScanner.js';

describe('the serial scanner line reader', () => {
  it('reads one code per line, whatever the line ending', () => {
    const r = new ScanLineReader();
    expect(r.push(Buffer.from('ABCD2345\r\nEFGH6789\rJKLM2345\n'))).toEqual(['ABCD2345', 'EFGH6789', 'JKLM2345']);
  });

  it('drops a line with noise in it and keeps the next', () => {
    const r = new ScanLineReader();
    expect(r.push(Buffer.from([0x41, 0x00, 0xff, 0x42, 0x0d, ...Buffer.from('GOOD2345\r')]))).toEqual(['GOOD2345']);
    expect(r.rejected).toBe(1);
  });

  it('drops a line longer than any booking code', () => {
    const r = new ScanLineReader();
    expect(r.push(Buffer.from(`${'A'.repeat(100)}\rOK234567\r`))).toEqual(['OK234567']);
  });
});
