/**
 * The shell's windows: one per configured window, on its display, showing its role's page from the
 * hub, locked down and supervised. A kiosk-mode window cannot leave full screen and, closed by
 * accident, comes back; a public screen's keyboard goes through the input filter; a window whose
 * display appears or disappears is moved by opening it anew on the right one.
 */
import type { WindowConfig, WindowRole } from './channels.js';
import { pickDisplay } from './displays.js';
import type { BrowserWindow, BrowserWindowOptions, Display, ElectronMain } from './electronApi.js';
import { PUBLIC_ROLES, type InputFilter } from './inputFilter.js';
import { lockedWebPreferences } from './lockdown.js';
import { superviseContents, type RecoveryPolicy, type WindowRecovery } from './recovery.js';

/** One entry of `app.windows` in the config. */
export interface WindowSpec {
  role: WindowRole;
  display: number;
  fullscreen: boolean;
  token?: string | undefined;
}

export interface WindowPlan {
  role: WindowRole;
  display: Display;
  fullscreen: boolean;
  /** Kiosk mode: no way out to the desktop, and reopened when closed. */
  kiosk: boolean;
}

/** The public screens (ticket kiosk, hall board) are locked in kiosk mode when fullscreen. */
export function planWindow(spec: WindowSpec, display: Display): WindowPlan {
  const publicScreen = spec.role === 'kiosk' || spec.role === 'board';
  return { role: spec.role, display, fullscreen: spec.fullscreen, kiosk: publicScreen && spec.fullscreen };
}

export function hubPageUrl(hubUrl: string, role: WindowRole): string {
  return new URL(`/${role}`, hubUrl).href;
}

export interface ShellWindow {
  readonly role: WindowRole;
  readonly plan: WindowPlan;
  readonly window: BrowserWindow;
  readonly recovery: WindowRecovery;
  /** What the preload gets over the IPC gateway. */
  readonly config: WindowConfig;
}

export interface ShellWindowsOptions {
  electron: Pick<ElectronMain, 'BrowserWindow' | 'screen'>;
  specs: readonly WindowSpec[];
  /** The token of each window: its own from the config, else its role's. */
  tokenFor: (spec: WindowSpec) => string | null;
  hubUrl: () => string;
  preload: string;
  version: string;
  devTools: boolean;
  /** The keyboard filter of public screens (kiosk, board), with the technician's exit. */
  inputFilter: InputFilter;
  log: (line: string) => void;
  recovery?: RecoveryPolicy;
  /** Pause before a kiosk-mode window closed by accident is opened again. */
  reopenAfterMs?: number;
}

export interface ShellWindows {
  all(): ShellWindow[];
  byContentsId(id: number): ShellWindow | undefined;
  /** Brings the shell forward: reopens any window that was closed and focuses the first. */
  focus(): void;
  /** Moves windows whose configured display came or went. */
  followDisplays(): void;
  /** True while a closed kiosk-mode window is about to come back, so the app must not quit. */
  reopening(): boolean;
  /** On quit: closed windows stay closed. */
  stopReopening(): void;
}

export function openShellWindows(options: ShellWindowsOptions): ShellWindows {
  const { electron, specs, log } = options;
  const reopenAfterMs = options.reopenAfterMs ?? 1_000;
  // One slot per configured window, in config order; a slot is empty while its window is closed.
  const slots: (ShellWindow | undefined)[] = specs.map(() => undefined);
  const pendingReopen = new Set<number>();
  const replacing = new Set<BrowserWindow>();
  let quitting = false;

  const open = (index: number): ShellWindow => {
    const spec = specs[index]!;
    const plan = planWindow(spec, pickDisplay(electron.screen, spec.display));
    const window = new electron.BrowserWindow(windowOptions(plan, options));
    const contents = window.webContents;
    if (PUBLIC_ROLES.has(spec.role)) {
      contents.on('before-input-event', (event, input) => {
        if (options.inputFilter.decide(spec.role, input) === 'block') event.preventDefault();
      });
    }
    if (plan.kiosk) {
      // Whatever took it out of full screen (a window manager's key, a page), it goes straight back.
      window.on('leave-full-screen', () => {
        if (quitting || window.isDestroyed()) return;
        log(`${spec.role} window: left full screen; back into kiosk mode`);
        window.setKiosk(true);
        window.setFullScreen(true);
      });
    }
    const label = `${spec.role} window`;
    const load = () => {
      // A failed load also emits did-fail-load, which recovery handles; the rejection is only noise.
      contents.loadURL(hubPageUrl(options.hubUrl(), spec.role)).catch(() => undefined);
    };
    const recovery = superviseContents({ contents, load, label, log, ...(options.recovery && { policy: options.recovery }) });
    const config: WindowConfig = { role: spec.role, token: options.tokenFor(spec), version: options.version };
    const shellWindow: ShellWindow = { role: spec.role, plan, window, recovery, config };
    slots[index] = shellWindow;
    window.on('closed', () => onClosed(index, shellWindow));
    log(`${label}: opening on display ${plan.display.id}${plan.kiosk ? ' in kiosk mode' : ''}`);
    load();
    return shellWindow;
  };

  const onClosed = (index: number, closed: ShellWindow) => {
    if (slots[index] === closed) slots[index] = undefined;
    if (replacing.delete(closed.window) || quitting || !closed.plan.kiosk) return;
    log(`${closed.role} window: closed while in kiosk mode; reopening`);
    pendingReopen.add(index);
    setTimeout(() => {
      pendingReopen.delete(index);
      if (!quitting && slots[index] === undefined) open(index);
    }, reopenAfterMs);
  };

  specs.forEach((_, index) => open(index));

  const live = () => slots.filter((s): s is ShellWindow => s !== undefined && !s.window.isDestroyed());

  return {
    all: live,
    byContentsId: (id) => live().find((s) => s.window.webContents.id === id),
    focus() {
      slots.forEach((slot, index) => {
        if (slot === undefined && !pendingReopen.has(index)) open(index);
      });
      const first = live()[0];
      if (!first) return;
      if (first.window.isMinimized()) first.window.restore();
      first.window.show();
      first.window.focus();
    },
    followDisplays() {
      slots.forEach((slot, index) => {
        if (slot === undefined || slot.window.isDestroyed()) return;
        const wanted = pickDisplay(electron.screen, specs[index]!.display);
        if (wanted.id === slot.plan.display.id) return;
        log(`${slot.role} window: moving to display ${wanted.id}`);
        // Open the new one first, so the app never has zero windows and quits.
        replacing.add(slot.window);
        open(index);
        slot.window.close();
      });
    },
    reopening: () => pendingReopen.size > 0,
    stopReopening() {
      quitting = true;
    },
  };
}

function windowOptions(plan: WindowPlan, options: ShellWindowsOptions): BrowserWindowOptions {
  // Fullscreen windows cover the display; others fill its work area, clear of the task bar.
  const area = plan.fullscreen ? plan.display.bounds : plan.display.workArea;
  return {
    ...area,
    title: `Talon — ${plan.role}`,
    show: true,
    fullscreen: plan.fullscreen,
    kiosk: plan.kiosk,
    backgroundColor: '#000000',
    webPreferences: lockedWebPreferences({ preload: options.preload, devTools: options.devTools }),
  };
}
