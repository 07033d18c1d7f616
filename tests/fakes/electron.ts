/**
 * A hand-written fake of the parts of `electron` Talon uses, typed against Electron's own
 * declarations (through main/electron/electronApi.ts: `mainModule satisfies ElectronMain` below, so
 * `npm run typecheck` fails when it drifts from Electron) and behaving as Electron's documentation
 * says: event names and argument orders; `new BrowserWindow` keeps its web preferences
 * (`getLastWebPreferences`) and emits `web-contents-created`; `loadURL` starts a navigation that
 * commits (the URL changes) and finishes later, its promise settling with did-finish-load or
 * did-fail-load, ERR_ABORTED for a load cut short by the next; `ipcMain.handle` answers `invoke`
 * with the sender's frame; `window-all-closed` only when not quitting; `before-quit` that can be
 * prevented; `app.exit()` that ends the run (every window destroyed, no quit events, and the code
 * after it never runs: it throws FakeAppExit); `utilityProcess.fork` of a child that ends with an
 * exit code. Tests drive it with the `simulate…` helpers and read what the shell did from recorded fields.
 *
 * Use: vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'))
 */
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type {
  App,
  BrowserWindow as BrowserWindowApi,
  BrowserWindowOptions,
  Display,
  ElectronEvent,
  ElectronMain,
  ElectronRenderer,
  ForkOptions,
  IpcMain,
  RenderProcessGoneDetails,
  Screen,
  Session,
  UtilityProcess,
  WebContents,
  WebFrameMain,
  WebPreferences,
  WindowOpenDetails,
  WindowOpenHandlerResponse,
} from '../../main/electron/electronApi.js';

export class FakeEvent implements ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** will-navigate's and will-frame-navigate's details, which Electron passes as the event. */
class FakeNavigationEvent extends FakeEvent {
  readonly isSameDocument = false;
  constructor(
    readonly url: string,
    readonly isMainFrame: boolean,
    readonly frame: FakeWebFrameMain | null,
  ) {
    super();
  }
}

/** What `app.exit()` throws in the fake: in Electron nothing after it runs, the process is gone. */
export class FakeAppExit extends Error {
  constructor(readonly exitCode: number) {
    super(`app.exit(${exitCode})`);
    this.name = 'FakeAppExit';
  }
}

export class FakeWebFrameMain implements WebFrameMain {
  constructor(
    public url: string,
    readonly parent: FakeWebFrameMain | null = null,
  ) {}

  get origin(): string {
    try {
      return new URL(this.url).origin;
    } catch {
      return 'null';
    }
  }

  /** An iframe inside this frame. */
  child(url: string): FakeWebFrameMain {
    return new FakeWebFrameMain(url, this);
  }
}

/** Chromium's net error codes the fake produces. */
export const NET_ERROR = { ABORTED: -3, CONNECTION_REFUSED: -102 } as const;

interface PendingLoad {
  url: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

let nextContentsId = 1;
let nextWindowId = 1;

export class FakeWebContents extends EventEmitter implements WebContents {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeWebFrameMain('');
  /** Every URL given to loadURL, in order. */
  readonly loads: string[] = [];
  reloads = 0;
  crashRequests = 0;
  windowOpenHandler: ((details: WindowOpenDetails) => WindowOpenHandlerResponse) | undefined;
  private pending: PendingLoad | undefined;
  private destroyed = false;

  constructor(private readonly webPreferences: WebPreferences | null = null) {
    super();
  }

  /**
   * The preferences the contents was created with, as Electron's (undocumented, untyped, but
   * relied on by Electron's own specs) `webContents.getLastWebPreferences()` returns them.
   */
  getLastWebPreferences(): WebPreferences | null {
    return this.webPreferences;
  }

  /** Starts a navigation: the frame keeps its URL until the load commits (simulateLoadFinished). */
  loadURL(url: string): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'));
    this.abortPending();
    this.loads.push(url);
    const promise = new Promise<void>((resolve, reject) => {
      this.pending = { url, resolve, reject };
    });
    // As in Electron: a no-op rejection handler is attached, so an unobserved failure is not unhandled.
    promise.catch(() => undefined);
    return promise;
  }

  reload(): void {
    this.reloads += 1;
    void this.loadURL(this.mainFrame.url);
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  forcefullyCrashRenderer(): void {
    this.crashRequests += 1;
    // Electron reports the kill asynchronously, through the usual event.
    queueMicrotask(() => this.simulateCrash('killed', 9));
  }

  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** The pending load commits (the frame's URL changes: did-navigate), then finishes; loadURL resolves. */
  simulateLoadFinished(): void {
    const load = this.takePending();
    this.mainFrame.url = load.url;
    this.emit('did-navigate', new FakeEvent(), load.url, 200, 'OK');
    this.emit('did-finish-load');
    load.resolve();
  }

  /** The URL the pending load is for, if one is under way. */
  pendingLoad(): string | undefined {
    return this.pending?.url;
  }

  /** The pending load fails (the hub not listening, by default). */
  simulateLoadFailed(errorCode: number = NET_ERROR.CONNECTION_REFUSED, description = 'ERR_CONNECTION_REFUSED'): void {
    const load = this.takePending();
    this.emit('did-fail-load', new FakeEvent(), errorCode, description, load.url, true, 1, 1);
    load.reject(new Error(`${description} (${errorCode}) loading '${load.url}'`));
  }

  simulateCrash(reason: RenderProcessGoneDetails['reason'] = 'crashed', exitCode = 139): void {
    this.abortPending();
    this.emit('render-process-gone', new FakeEvent(), { reason, exitCode } satisfies RenderProcessGoneDetails);
  }

  simulateUnresponsive(): void {
    this.emit('unresponsive');
  }

  simulateResponsive(): void {
    this.emit('responsive');
  }

  /** The page asks to open a window; returns what the shell answered (Electron allows by default). */
  simulateWindowOpen(url: string): WindowOpenHandlerResponse {
    const details: WindowOpenDetails = { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } };
    return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
  }

  /**
   * The page navigates its main frame (a link, `location = …`); returns whether it was allowed.
   * As in Electron, will-frame-navigate comes first, for every frame, then will-navigate for the main frame.
   */
  simulateNavigation(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeNavigationEvent(url, true, this.mainFrame);
    if (kind === 'will-navigate') {
      this.emit('will-frame-navigate', event);
      if (event.defaultPrevented) return false;
    }
    // The deprecated positional arguments follow the details event, as in Electron.
    this.emit(kind, event, url, false, true, 1, 1);
    if (event.defaultPrevented) return false;
    this.mainFrame.url = url;
    return true;
  }

  /** An iframe navigates: only will-frame-navigate is emitted (will-navigate is for the main frame). */
  simulateFrameNavigation(frame: FakeWebFrameMain, url: string): boolean {
    const event = new FakeNavigationEvent(url, false, frame);
    this.emit('will-frame-navigate', event);
    if (event.defaultPrevented) return false;
    frame.url = url;
    return true;
  }

  /** A key event reaches the window; returns whether the page gets it (before-input-event not prevented). */
  simulateKey(key: string, modifiers: { control?: boolean; alt?: boolean; shift?: boolean; meta?: boolean } = {}, type: 'keyDown' | 'keyUp' = 'keyDown'): boolean {
    const input: Electron.Input = {
      type,
      key,
      code: key,
      isAutoRepeat: false,
      isComposing: false,
      shift: modifiers.shift ?? false,
      control: modifiers.control ?? false,
      alt: modifiers.alt ?? false,
      meta: modifiers.meta ?? false,
      location: 0,
      modifiers: Object.entries(modifiers).filter(([, on]) => on).map(([name]) => name),
    };
    const event = new FakeEvent();
    this.emit('before-input-event', event, input);
    return !event.defaultPrevented;
  }

  /** Types each character with keyDown and keyUp; returns the keys that reached the page. */
  simulateTyping(keys: string[]): string[] {
    return keys.filter((key) => {
      const down = this.simulateKey(key);
      this.simulateKey(key, {}, 'keyUp');
      return down;
    });
  }

  /** Whether an <webview> would be attached. */
  simulateAttachWebview(): boolean {
    const event = new FakeEvent();
    this.emit('will-attach-webview', event, {}, {});
    return !event.defaultPrevented;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.abortPending();
    this.destroyed = true;
    this.emit('destroyed');
  }

  private takePending(): PendingLoad {
    const load = this.pending;
    if (!load) throw new Error('fake electron: no load in progress');
    this.pending = undefined;
    return load;
  }

  /** A new load, a crash or closing cuts the current one short: ERR_ABORTED, as in Chromium. */
  private abortPending(): void {
    if (this.pending) this.simulateLoadFailed(NET_ERROR.ABORTED, 'ERR_ABORTED');
  }

  /** Destroyed without a did-fail-load, as when the whole app exits. */
  destroyQuietly(): void {
    this.pending = undefined;
    this.destroyed = true;
  }
}

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowApi {
  /** Every window created since the last reset, closed ones included. */
  static created: FakeBrowserWindow[] = [];

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.isDestroyed());
  }

  readonly id = nextWindowId++;
  readonly webContents: FakeWebContents;
  readonly options: BrowserWindowOptions;
  minimized = false;
  focused = false;
  visible: boolean;
  fullScreen: boolean;
  kiosk: boolean;
  private destroyed = false;

  constructor(options: BrowserWindowOptions) {
    super();
    if (!app.ready) throw new Error('fake electron: cannot create BrowserWindow before app is ready');
    this.options = options;
    this.visible = options.show ?? true;
    this.kiosk = options.kiosk ?? false;
    this.fullScreen = (options.fullscreen ?? false) || this.kiosk;
    // Electron's defaults for what the options leave out, and the sandbox app.enableSandbox() forces.
    this.webContents = new FakeWebContents({
      contextIsolation: true,
      nodeIntegration: false,
      ...options.webPreferences,
      ...(app.sandboxEnabled && { sandbox: true }),
    });
    FakeBrowserWindow.created.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }

  isFullScreen(): boolean {
    return this.fullScreen;
  }

  /** Leaving full screen emits leave-full-screen, as the window manager's own key would. */
  setFullScreen(flag: boolean): void {
    if (flag === this.fullScreen) return;
    this.fullScreen = flag;
    this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
  }

  isKiosk(): boolean {
    return this.kiosk;
  }

  setKiosk(flag: boolean): void {
    this.kiosk = flag;
    this.setFullScreen(flag);
  }

  /** Closes at once: no `close` event, `closed` still comes. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0 && !app.quitting) app.emit('window-all-closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  minimize(): void {
    this.minimized = true;
  }

  restore(): void {
    this.minimized = false;
  }

  show(): void {
    this.visible = true;
  }

  focus(): void {
    for (const w of FakeBrowserWindow.created) w.focused = false;
    this.focused = true;
  }

  /** As if the user closed it (Alt+F4) or the app did; `close` can be prevented, `closed` cannot. */
  close(): void {
    if (this.destroyed) return;
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0 && !app.quitting) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter implements App {
  isPackaged = false;
  version = '0.1.0';
  userData = '/tmp/talon-fake-user-data';
  /** What requestSingleInstanceLock answers: false when another instance holds the lock. */
  singleInstanceLockFree = true;
  quitting = false;
  quitRequests = 0;
  exitCode: number | undefined;
  quitted = false;
  ready = false;
  sandboxEnabled = false;
  /** What getAppMetrics lists besides the browser process: a utility process per live fork. */
  metrics: Electron.ProcessMetric[] = [];

  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }

  /** As in Electron: only before `ready`, after which it throws. */
  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
  }

  getAppMetrics(): Electron.ProcessMetric[] {
    const browser = { pid: process.pid, type: 'Browser', creationTime: 0 } as Electron.ProcessMetric;
    const utilities = utilityProcess.forked
      .filter((child) => child.exitCode === undefined)
      .map((child) => ({ pid: child.pid!, type: 'Utility', serviceName: 'node.mojom.NodeService', name: child.options?.serviceName ?? 'Node Utility Process', creationTime: 0 }) as Electron.ProcessMetric);
    return [browser, ...utilities, ...this.metrics];
  }

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLockFree;
  }

  /** before-quit (preventable), then every window closes, then will-quit and quit. */
  quit(): void {
    this.quitRequests += 1;
    const event = new FakeEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitting = true;
    for (const window of FakeBrowserWindow.getAllWindows()) window.close();
    this.emit('will-quit', new FakeEvent());
    this.quitted = true;
    this.emit('quit', new FakeEvent(), 0);
  }

  /** Ends the run: windows destroyed without close events, no before-quit or will-quit, nothing after it runs. */
  exit(exitCode = 0): never {
    this.exitCode = exitCode;
    for (const window of FakeBrowserWindow.created) {
      window.webContents.destroyQuietly();
    }
    for (const child of utilityProcess.forked) if (child.exitCode === undefined) child.simulateExit(exitCode);
    throw new FakeAppExit(exitCode);
  }

  getVersion(): string {
    return this.version;
  }

  getPath(_name: Parameters<Electron.App['getPath']>[0]): string {
    return this.userData;
  }

  /** Another `talon start` on the same machine. */
  simulateSecondInstance(argv: string[] = [], workingDirectory = '/'): void {
    this.emit('second-instance', new FakeEvent(), argv, workingDirectory, {});
  }
}

class FakeScreen extends EventEmitter implements Screen {
  private displays: Display[] = [];
  private primary = 0;

  getAllDisplays(): Display[] {
    return [...this.displays];
  }

  getPrimaryDisplay(): Display {
    const display = this.displays[this.primary];
    if (!display) throw new Error('fake electron: no displays');
    return display;
  }

  /** Replaces the connected displays, emitting display-removed and display-added as Electron does. */
  setDisplays(displays: Display[], primary = 0): void {
    const before = this.displays;
    this.displays = [...displays];
    this.primary = primary;
    for (const gone of before.filter((d) => !displays.some((n) => n.id === d.id))) this.emit('display-removed', new FakeEvent(), gone);
    for (const added of displays.filter((d) => !before.some((o) => o.id === d.id))) this.emit('display-added', new FakeEvent(), added);
  }
}

/** A display at (x, y) of the given size, with a 40-pixel task bar at the bottom of its work area. */
export function fakeDisplay(id: number, x: number, y: number, width = 1920, height = 1080): Display {
  return {
    id,
    label: `display ${id}`,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height: height - 40 },
    size: { width, height },
    workAreaSize: { width, height: height - 40 },
    accelerometerSupport: 'unknown',
    colorDepth: 24,
    colorSpace: '{primaries:BT709, transfer:SRGB}',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    internal: false,
    maximumCursorSize: { width: 64, height: 64 },
    monochrome: false,
    nativeOrigin: { x, y },
    rotation: 0,
    scaleFactor: 1,
    touchSupport: 'unknown',
  };
}

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type RequestPermission = Parameters<NonNullable<PermissionRequestHandler>>[1];
type CheckPermission = Parameters<NonNullable<PermissionCheckHandler>>[1];
type BeforeRequestListener = (details: Electron.OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void) => void;

/** The fake's objects where Electron hands its own: the shell reads only what electronApi.ts picks. */
function asReal<T>(value: unknown): T {
  return value as T;
}

class FakeSession implements Session {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  beforeRequest: BeforeRequestListener | null = null;

  readonly webRequest = {
    // Both of Electron's forms: (listener) and (filter, listener).
    onBeforeRequest: (filterOrListener: Electron.WebRequestFilter | BeforeRequestListener | null, maybeListener?: BeforeRequestListener | null) => {
      this.beforeRequest = typeof filterOrListener === 'function' || filterOrListener === null ? filterOrListener : (maybeListener ?? null);
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** A page asks for a permission; Electron grants everything when no handler is set. */
  simulatePermissionRequest(contents: FakeWebContents, permission: RequestPermission, details: Partial<Electron.PermissionRequest> = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(asReal<Electron.WebContents>(contents), permission, resolve, { requestingUrl: contents.getURL(), isMainFrame: true, ...details }),
    );
  }

  simulatePermissionCheck(contents: FakeWebContents | null, permission: CheckPermission, requestingOrigin: string): boolean {
    return this.permissionCheckHandler
      ? this.permissionCheckHandler(asReal<Electron.WebContents | null>(contents), permission, requestingOrigin, asReal<Electron.PermissionCheckHandlerHandlerDetails>({}))
      : true;
  }

  /** A request leaves a page; resolves to whether it may go out. */
  simulateRequest(url: string, webContentsId?: number): Promise<boolean> {
    const listener = this.beforeRequest;
    if (!listener) return Promise.resolve(true);
    const details = asReal<Electron.OnBeforeRequestListenerDetails>({ url, resourceType: 'xhr', ...(webContentsId !== undefined && { webContentsId }) });
    return new Promise((resolve) => listener(details, (response) => resolve(!response.cancel)));
  }
}

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter implements IpcMain {
  private readonly handlers = new Map<string, InvokeHandler>();

  /** As in Electron: one handler per channel; a second is an error. */
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A page's preload calls ipcRenderer.send(channel, ...args) from `frame` of `contents`. */
  simulateSend(contents: FakeWebContents, frame: FakeWebFrameMain | null, channel: string, ...args: unknown[]): void {
    this.emit(channel, asReal<Electron.IpcMainEvent>(ipcEvent(contents, frame)), ...args);
  }

  /**
   * A page's preload calls ipcRenderer.invoke(channel, ...args): resolves with the handler's answer;
   * rejects as Electron does when no handler is registered or the handler throws.
   */
  async simulateInvoke(contents: FakeWebContents, frame: FakeWebFrameMain | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return await handler(asReal<Electron.IpcMainInvokeEvent>(ipcEvent(contents, frame)), ...args);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }

  handled(): string[] {
    return [...this.handlers.keys()];
  }

  clearHandlers(): void {
    this.handlers.clear();
  }
}

function ipcEvent(contents: FakeWebContents, frame: FakeWebFrameMain | null) {
  return Object.assign(new FakeEvent(), { sender: contents, senderFrame: frame, processId: 1, frameId: 1, type: 'frame' as const });
}

/** A hub's utility process; the test plays the child's side with simulateMessage and simulateExit. */
export class FakeUtilityProcess extends EventEmitter implements UtilityProcess {
  private static nextPid = 40_000;
  readonly pid: number | undefined = FakeUtilityProcess.nextPid++;
  /** Every message the parent posted, in order. */
  readonly posted: unknown[] = [];
  exitCode: number | undefined;
  kills = 0;

  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: ForkOptions | undefined,
  ) {
    super();
  }

  postMessage(message: unknown): void {
    if (this.exitCode !== undefined) return;
    // Structured clone, as across a real process boundary.
    const copy = structuredClone(message);
    this.posted.push(copy);
    this.emit('posted', copy);
  }

  /** As Electron's: the child is terminated (SIGTERM) and exit follows. */
  kill(): boolean {
    if (this.exitCode !== undefined) return false;
    this.kills += 1;
    queueMicrotask(() => this.simulateExit(15));
    return true;
  }

  /** The child sends `process.parentPort.postMessage(message)`. */
  simulateMessage(message: unknown): void {
    if (this.exitCode === undefined) this.emit('message', structuredClone(message));
  }

  simulateExit(code: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code;
    this.emit('exit', code);
  }
}

export const utilityProcess = {
  forked: [] as FakeUtilityProcess[],
  /** Plays each new child's side; set by a test. */
  onFork: undefined as ((child: FakeUtilityProcess) => void) | undefined,
  fork(modulePath: string, args: string[] = [], options?: ForkOptions): FakeUtilityProcess {
    if (!app.ready) throw new Error('utilityProcess.fork can only be called after app is ready');
    const child = new FakeUtilityProcess(modulePath, args, options);
    utilityProcess.forked.push(child);
    const play = utilityProcess.onFork;
    // The child starts after fork returns, as a real process does.
    if (play) queueMicrotask(() => play(child));
    return child;
  },
};

export const Menu = {
  /** undefined until set: Electron's default menu. */
  applicationMenu: undefined as Electron.Menu | null | undefined,
  setApplicationMenu(menu: Electron.Menu | null): void {
    Menu.applicationMenu = menu;
  },
};

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;
export const screen = new FakeScreen();
export const session = { defaultSession: new FakeSession() };
export const ipcMain = new FakeIpcMain();
export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
};

/** Renderer side, for running preload.cjs. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (contextBridge.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    contextBridge.exposed.set(apiKey, api);
  },
};

/** A preload's side of IPC, wired to ipcMain as from the top frame of `ipcRenderer.contents`. */
export const ipcRenderer = {
  sent: [] as { channel: string; args: unknown[] }[],
  /** The web contents whose preload runs; invoke goes to ipcMain from its main frame. */
  contents: undefined as FakeWebContents | undefined,
  send(channel: string, ...args: unknown[]): void {
    ipcRenderer.sent.push({ channel, args });
  },
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const contents = ipcRenderer.contents;
    if (!contents) return Promise.reject(new Error(`Error invoking remote method '${channel}': no main process in this test`));
    return ipcMain.simulateInvoke(contents, contents.mainFrame, channel, ...args);
  },
};

export const mainModule = { app, BrowserWindow, Menu, screen, session, ipcMain, dialog, utilityProcess } satisfies ElectronMain;
export const rendererModule = { contextBridge, ipcRenderer } satisfies ElectronRenderer;

/** A fresh Electron for the next test: one 1920×1080 display, no windows, no handlers. */
export function resetElectronFake(): void {
  app.removeAllListeners();
  Object.assign(app, {
    isPackaged: false,
    version: '0.1.0',
    singleInstanceLockFree: true,
    quitting: false,
    quitRequests: 0,
    exitCode: undefined,
    quitted: false,
    ready: false,
    sandboxEnabled: false,
    metrics: [],
  });
  app.userData = '/tmp/talon-fake-user-data';
  FakeBrowserWindow.created = [];
  screen.removeAllListeners();
  screen.setDisplays([fakeDisplay(1, 0, 0)]);
  session.defaultSession = new FakeSession();
  ipcMain.removeAllListeners();
  ipcMain.clearHandlers();
  dialog.errors.length = 0;
  contextBridge.exposed.clear();
  ipcRenderer.sent.length = 0;
  ipcRenderer.contents = undefined;
  utilityProcess.forked = [];
  utilityProcess.onFork = undefined;
  Menu.applicationMenu = undefined;
}

resetElectronFake();
