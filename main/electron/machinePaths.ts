/**
 * Where a packaged Talon keeps its config and data: machine-wide, not in a user's profile, so a kiosk
 * signed in under any account runs the same centre. TALON_CONFIG (a file) and TALON_DATA (a folder)
 * override them, for a test bench or a second centre on one machine.
 */
import { posix, win32 } from 'node:path';

export const CONFIG_FILE = 'talon.yaml';

export interface MachinePaths {
  configFile: string;
  dataDir: string;
}

export function machinePaths(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): MachinePaths {
  const base: MachinePaths =
    platform === 'win32'
      ? (() => {
          const root = win32.join(env.ProgramData?.trim() || 'C:\\ProgramData', 'Talon');
          return { configFile: win32.join(root, CONFIG_FILE), dataDir: win32.join(root, 'data') };
        })()
      : { configFile: posix.join('/etc/talon', CONFIG_FILE), dataDir: '/var/lib/talon' };
  return {
    configFile: env.TALON_CONFIG?.trim() || base.configFile,
    dataDir: env.TALON_DATA?.trim() || base.dataDir,
  };
}
