import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const CONFIG_FILE = fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url));
const config = parse(readFileSync(CONFIG_FILE, 'utf8')) as Record<string, unknown>;

// electron-builder's own check, against its JSON schema (app-builder-lib/scheme.json).
const { validateConfiguration } = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('pins Electron to the 39.x line the project depends on', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as {
      optionalDependencies: Record<string, string>;
    };

    expect(config.electronVersion).toMatch(/^39\.\d+\.\d+$/);
    expect(pkg.optionalDependencies.electron).toBe(`^${config.electronVersion as string}`);
  });

  it("flips every one of Electron's fuses the way its security checklist asks", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('leaves no fuse that @electron/fuses knows to its default', () => {
    const { FuseV1Options } = createRequire(import.meta.url)('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
    // The enum's names, in electron-builder's camelCase: RunAsNode → runAsNode.
    const known = Object.keys(FuseV1Options)
      .filter((name) => Number.isNaN(Number(name)))
      .map((name) => name[0]!.toLowerCase() + name.slice(1));

    expect(Object.keys(config.electronFuses as object).sort()).toEqual(known.sort());
  });

  it('starts the packaged app from the compiled boot entry, with the preload and the hub entry beside it', () => {
    expect(config.extraMetadata).toEqual({ main: 'dist/main/electron/boot.cjs' });
    expect(config.files).toContainEqual({ from: 'main/electron', to: 'dist/main/electron', filter: ['boot.cjs', 'preload.cjs', 'hubEntry.cjs'] });
  });

  it('rebuilds native modules for Electron and keeps them out of the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });
});
