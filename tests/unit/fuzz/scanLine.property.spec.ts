/**
 * Garbage on the QR scanner's line (issue 8): whatever bytes come, in whatever chunks, the line
 * reader never throws and yields exactly the clean lines of the stream (printable ASCII, at most
 * MAX_CODE long), each trimmed; everything else is counted as rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CODE, ScanLineReader } from '../../../hardware/scanner/serialScanner.js';
import { chunked, garbageBytes } from '../../helpers/hostile.js';

/** The reference: split the whole stream at CR and LF; the last, unterminated piece is not a scan yet. */
function reference(bytes: Buffer): { codes: string[]; rejected: number } {
  const codes: string[] = [];
  let rejected = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0d && bytes[i] !== 0x0a) continue;
    const line = bytes.subarray(start, i);
    start = i + 1;
    if (line.length === 0) continue;
    const clean = line.length <= MAX_CODE && line.every((b) => b >= 0x20 && b <= 0x7e);
    const text = line.toString('latin1').trim();
    if (clean && text.length > 0) codes.push(text);
    else rejected++;
  }
  return { codes, rejected };
}

const code = fc.stringMatching(/^[A-Z0-9]{4,12}$/);
const streamPart = fc.oneof(
  code.map((c) => Buffer.from(`${c}\r\n`)),
  code.map((c) => Buffer.from(` ${c} \r`)),
  garbageBytes(90),
  fc.integer({ min: MAX_CODE - 1, max: MAX_CODE + 2 }).map((n) => Buffer.from(`${'A'.repeat(n)}\n`)),
  fc.constantFrom(Buffer.from('\r\n\r\n'), Buffer.from([0x0d]), Buffer.from('   \n')),
);

describe('the scanner line under garbage', () => {
  it('yields exactly the clean lines of any stream, in any chunks', () => {
    fc.assert(
      fc.property(fc.array(streamPart, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 8 }), (parts, cuts) => {
        const bytes = Buffer.concat(parts);
        const r = new ScanLineReader();
        const got = chunked(bytes, cuts).flatMap((c) => r.push(Buffer.from(c)));
        const want = reference(bytes);
        expect(got).toEqual(want.codes);
        expect(r.rejected).toBe(want.rejected);
        for (const c of got) expect(c).toMatch(/^[\x20-\x7e]{1,64}$/);
      }),
      { numRuns: 500 },
    );
  });
});
