/**
 * What a packaged Talon shows when it has no usable config: where talon.yaml goes, what is wrong with
 * the one it found, and how to try the demo instead. Never the demo by itself: a kiosk that quietly
 * ran a fake centre would hand citizens tickets for a queue that does not exist.
 * The page is built here as a data: URL (no hub is running), escaped, with no script.
 */
import type { BrowserWindowConstructor, BrowserWindow } from './electronApi.js';
import { lockedWebPreferences } from './lockdown.js';

export interface SetupProblem {
  configFile: string;
  dataDir: string;
  /** 'missing': no file there; 'invalid': the file's problems (one a line); 'hub': the hub could not use it. */
  found: 'missing' | 'invalid' | 'hub';
  details: string[];
}

const TEXT = {
  title: { uk: 'Talon ще не налаштовано на цьому комп’ютері', en: 'Talon is not set up on this machine' },
  missing: { uk: 'Файл конфігурації не знайдено:', en: 'No configuration file at:' },
  invalid: { uk: 'У файлі конфігурації є помилки:', en: 'The configuration file has problems:' },
  hub: { uk: 'Хаб не може працювати з цією конфігурацією:', en: 'The hub cannot run with this configuration:' },
  where: { uk: 'Покладіть talon.yaml сюди (або вкажіть TALON_CONFIG):', en: 'Put talon.yaml here (or set TALON_CONFIG):' },
  data: { uk: 'Дані зберігатимуться тут (або вкажіть TALON_DATA):', en: 'Data will be kept here (or set TALON_DATA):' },
  demo: { uk: 'Щоб спробувати демо-центр, запустіть Talon з --demo.', en: 'To try the demo centre, start Talon with --demo.' },
} as const;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const both = (key: keyof typeof TEXT) => `${escape(TEXT[key].uk)}<br><span lang="en">${escape(TEXT[key].en)}</span>`;

export function setupPage(problem: SetupProblem): string {
  const details = problem.details.map((line) => `<li><code>${escape(line)}</code></li>`).join('');
  const html = `<!doctype html><html lang="uk"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Talon — set-up</title>
<style>body{font:20px/1.5 sans-serif;margin:3em;background:#111;color:#eee}code{color:#ffd479}span{color:#aaa}li{margin:.3em 0}</style>
</head><body>
<h1>${both('title')}</h1>
<p>${both(problem.found)}</p>
${problem.found === 'missing' ? `<p><code>${escape(problem.configFile)}</code></p>` : `<ul>${details}</ul>`}
<p>${both('where')}<br><code>${escape(problem.configFile)}</code></p>
<p>${both('data')}<br><code>${escape(problem.dataDir)}</code></p>
<p>${both('demo')}</p>
</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function openSetupWindow(options: {
  BrowserWindow: BrowserWindowConstructor;
  problem: SetupProblem;
  log: (line: string) => void;
}): BrowserWindow {
  const { problem, log } = options;
  log(`set-up: ${problem.found === 'missing' ? `no config at ${problem.configFile}` : `${problem.configFile}: ${problem.details.join('; ')}`}`);
  const window = new options.BrowserWindow({
    title: 'Talon — set-up',
    width: 1024,
    height: 768,
    show: true,
    backgroundColor: '#111111',
    // No preload: the set-up page has nothing to ask the shell.
    webPreferences: lockedWebPreferences({ devTools: false }),
  });
  window.webContents.loadURL(setupPage(problem)).catch(() => undefined);
  return window;
}
