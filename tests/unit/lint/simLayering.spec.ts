import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'talon/layering').map((m) => m.message);
}

describe('the simulator layer (main/sim)', () => {
  it('may drive the hub and central from outside, as their clients do', async () => {
    expect(await layeringErrors('main/sim/x.ts', "import { startCentre } from '../hub/centre.js';\nexport const s = startCentre;\n")).toEqual([]);
    expect(await layeringErrors('main/sim/x.ts', "import { startCentral } from '../../sync/central/server.js';\nexport const s = startCentral;\n")).toEqual([]);
    expect(await layeringErrors('main/commands/x.ts', "import { simulateDay } from '../sim/simulateDay.js';\nexport const s = simulateDay;\n")).toEqual([]);
  });

  it('is out of reach of the hub, the store and core, so the virtual clock never enters a real centre', async () => {
    for (const file of ['main/hub/x.ts', 'main/store/x.ts', 'main/electron/x.ts']) {
      expect(await layeringErrors(file, "import { readClockMessage } from '../sim/virtualHub.js';\nexport const r = readClockMessage;\n")).toHaveLength(1);
    }
    expect(await layeringErrors('main/core/x.ts', "import { drawPlan } from '../sim/plan.js';\nexport const d = drawPlan;\n")).toHaveLength(1);
  });

  it('may not reach into the Electron shell', async () => {
    expect(await layeringErrors('main/sim/x.ts', "import { launchElectron } from '../electron/launch.js';\nexport const l = launchElectron;\n")).toHaveLength(1);
  });
});
