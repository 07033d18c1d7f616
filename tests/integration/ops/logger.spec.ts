/** The hub's log files: real pino writing real files under a data dir, rolled by size. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_DIR, logFiles, openLogger, teeToLines } from '../../../main/ops/logger.js';
import { useTempDir } from '../../helpers/tmp.js';

const tempDir = useTempDir('talon-logs-');

function linesOf(dir: string): Record<string, unknown>[] {
  return readdirSync(join(dir, LOG_DIR))
    .sort()
    .flatMap((f) => readFileSync(join(dir, LOG_DIR, f), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('the log files', () => {
  it('writes one JSON object a line with time, level, component, centre and the fields', async () => {
    const dir = tempDir();
    const logger = await openLogger({ dataDir: dir, centre: '8041', console: 'none' });
    logger.log.child({ component: 'deskBus' }).info({ desk: 3, code: 'ALERT_ACTIVE' }, 'a keypad command refused');
    logger.log.debug('not at info level');
    await logger.close();

    const [line, ...rest] = linesOf(dir);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: 'info', component: 'deskBus', centre: '8041', desk: 3, code: 'ALERT_ACTIVE', msg: 'a keypad command refused' });
    expect(new Date(line!.time as string).getTime()).toBeGreaterThan(0);
    expect(readdirSync(join(dir, LOG_DIR))[0]).toMatch(/^talon\.\d{4}-\d{2}-\d{2}\.1\.log$/);
  });

  it('writes the level asked for and below it nothing', async () => {
    const dir = tempDir();
    const logger = await openLogger({ dataDir: dir, level: 'debug', console: 'none' });
    logger.log.trace('too fine');
    logger.log.debug({ step: 'pull' }, 'a round began');
    await logger.close();
    expect(linesOf(dir).map((l) => l.level)).toEqual(['debug']);
  });

  it('never writes a personal field, even one logged by mistake', async () => {
    const dir = tempDir();
    const logger = await openLogger({ dataDir: dir, console: 'none' });
    logger.log.warn({ payload: { phone: '+380501234567', rnokpp: '1234567890', bookingCode: 'ABCD2345' }, token: 'secret-token' }, 'a payload');
    await logger.close();
    const text = readdirSync(join(dir, LOG_DIR)).map((f) => readFileSync(join(dir, LOG_DIR, f), 'utf8')).join('');
    for (const secret of ['+380501234567', '1234567890', 'ABCD2345', 'secret-token']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('rolls a file that reaches its size and keeps a bounded number of them', async () => {
    const dir = tempDir();
    const logger = await openLogger({ dataDir: dir, console: 'none', maxFileSize: '1k', keep: 3 });
    const files = new Set<string>();
    for (let i = 0; i < 400; i++) {
      logger.log.info({ i, padding: 'x'.repeat(80) }, 'a line to fill the file');
      if (i % 5 === 0) {
        await logger.flush();
        files.add(logger.file()!);
      }
    }
    await logger.flush();
    // Removal of the oldest runs after each roll; wait for it rather than for a time.
    await expect.poll(() => readdirSync(join(dir, LOG_DIR)).length, { timeout: 5000 }).toBeLessThanOrEqual(4);
    await logger.close();
    expect(files.size).toBeGreaterThan(10);
    expect(logFiles(dir).length).toBeGreaterThanOrEqual(2);
    // The newest lines are the ones kept.
    expect(linesOf(dir).at(-1)).toMatchObject({ i: 399 });
  });

  it('hands the packaged shell each entry as a readable line too', async () => {
    const dir = tempDir();
    const logger = await openLogger({ dataDir: dir, console: 'none' });
    const lines: string[] = [];
    teeToLines(logger.log, (l) => lines.push(l)).child({ component: 'hub' }).info({ url: 'http://127.0.0.1:7300' }, 'listening');
    await logger.close();
    expect(lines).toEqual(['hub: listening (url=http://127.0.0.1:7300)']);
    expect(linesOf(dir)).toMatchObject([{ component: 'hub', url: 'http://127.0.0.1:7300', msg: 'listening' }]);
  });
});
