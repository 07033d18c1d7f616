import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { watchPresence } from '../../../hardware/serial/line.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir();

describe('device presence', () => {
  it('tells once when the device node disappears, and not after it was stopped', () => {
    vi.useFakeTimers();
    try {
      const gone = join(tempDir(), 'ttyUSB0');
      const kept = join(tempDir(), 'ttyUSB1');
      writeFileSync(gone, '');
      writeFileSync(kept, '');
      const seen: string[] = [];
      watchPresence(gone, () => seen.push('gone'), 100);
      const stop = watchPresence(kept, () => seen.push('kept'), 100);
      vi.advanceTimersByTime(300);
      expect(seen).toEqual([]);
      rmSync(gone);
      stop();
      rmSync(kept);
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual(['gone']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not watch a path that does not exist to begin with', () => {
    vi.useFakeTimers();
    try {
      const seen: string[] = [];
      watchPresence(join(tempDir(), 'never'), () => seen.push('gone'), 100);
      vi.advanceTimersByTime(1000);
      expect(seen).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
