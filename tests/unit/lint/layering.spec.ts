import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'talon/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('refuses core importing the hub or the store', async () => {
    expect(await layeringErrors('main/core/x.ts', "import { startHub } from '../hub/server.js';\nexport const a = startHub;\n")).toEqual([
      'core may not import hub (../hub/server.js): see DESIGN §3',
    ]);
    expect(await layeringErrors('main/core/x.ts', "export { openStore } from '../store/index.js';\n")).toHaveLength(1);
  });

  it('refuses Node built-ins in core and in the renderer', async () => {
    expect(await layeringErrors('main/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await layeringErrors('renderer/board/x.ts', "import fs from 'fs';\nexport const f = fs;\n")).toHaveLength(1);
  });

  it('refuses the renderer importing the hub, and the store importing the hub', async () => {
    expect(await layeringErrors('renderer/board/x.ts', "import { HANDLERS } from '../../main/hub/commands.js';\nexport const h = HANDLERS;\n")).toHaveLength(1);
    expect(await layeringErrors('main/store/x.ts', "import { HANDLERS } from '../hub/commands.js';\nexport const h = HANDLERS;\n")).toHaveLength(1);
  });

  it('allows what DESIGN §3 allows', async () => {
    expect(await layeringErrors('main/store/x.ts', "import type { Visit } from '../core/types.js';\nexport type V = Visit;\n")).toEqual([]);
    expect(await layeringErrors('main/hub/x.ts', "import { openStore } from '../store/index.js';\nexport const o = openStore;\n")).toEqual([]);
    expect(await layeringErrors('renderer/board/x.ts', "import type { Snapshot } from '../../sync/protocol/hub.js';\nexport type S = Snapshot;\n")).toEqual([]);
    expect(await layeringErrors('tests/unit/x.ts', "import { startHub } from '../../main/hub/server.js';\nexport const s = startHub;\n")).toEqual([]);
  });

  it('lets the hub use ops (logs, metrics, backups) and refuses ops reaching into the hub', async () => {
    expect(await layeringErrors('main/hub/x.ts', "import { hubMetrics } from '../ops/metrics.js';\nexport const m = hubMetrics;\n")).toEqual([]);
    expect(await layeringErrors('main/ops/x.ts', "import { FloorService } from '../hub/floorService.js';\nexport const f = FloorService;\n")).toEqual([
      'ops may not import hub (../hub/floorService.js): see DESIGN §3',
    ]);
    expect(await layeringErrors('main/ops/x.ts', "import { openStore } from '../store/index.js';\nexport const o = openStore;\n")).toEqual([]);
  });
});
