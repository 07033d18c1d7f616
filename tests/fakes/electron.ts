/**
 * A hand-written fake of the parts of `electron` Talon uses, behaving as Electron's documentation
 * says: event names and argument orders, a `loadURL` promise that settles with did-finish-load or
 * did-fail-load, ERR_ABORTED for a load cut short by the next, `window-all-closed` only when not
 * quitting, `before-quit` that can be prevented, `web-contents-created` during `new BrowserWindow`.
 * Tests drive it with the `simulate…` helpers and read what the shell did from recorded fields.
 *
 * Use: vi.mock('../../../main/electron/electron.js', () => import('../../fakes/electron.js'))
 */
import { EventEmitter } from 'node:events';
import type {
  App,
  BrowserWindow as BrowserWindowApi,
  BrowserWindowOptions,
  Display,
  ElectronEvent,
  ElectronMain,
  ElectronRenderer,
  IpcMain,
  IpcMainEvent,
  NavigationEvent,
  OnBeforeRequestDetails,
  PermissionRequestDetails,
  RenderProcessGoneDetails,
  Screen,
  Session,
  WebContents,
  WebFrameMain,
  WindowOpenDetails,
  WindowOpenHandlerResponse,
} from '../../main/electron/electronApi.js';

export class FakeEvent implements ElectronEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class FakeNavigationEvent extends FakeEvent implements NavigationEvent {
  constructor(
    readonly url: string,
    readonly isMainFrame: boolean,
  ) {
    super();
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

  loadURL(url: string): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'));
    this.abortPending();
    this.loads.push(url);
    this.mainFrame.url = url;
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

  /** The pending load completes: did-finish-load, and loadURL's promise resolves. */
  simulateLoadFinished(): void {
    const load = this.takePending();
    this.emit('did-finish-load');
    load.resolve();
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
    const details: WindowOpenDetails = { url, frameName: '', features: '', disposition: 'new-window' };
    return this.windowOpenHandler ? this.windowOpenHandler(details) : { action: 'allow' };
  }

  /** The page navigates its main frame (a link, `location = …`); returns whether it was allowed. */
  simulateNavigation(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeNavigationEvent(url, true);
    // The deprecated positional arguments follow the details event, as in Electron.
    this.emit(kind, event, url, false, true, 1, 1);
    if (event.defaultPrevented) return false;
    this.mainFrame.url = url;
    return true;
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
}

export class FakeBrowserWindow extends EventEmitter implements BrowserWindowApi {
  /** Every window created since the last reset, closed ones included. */
  static created: FakeBrowserWindow[] = [];

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created.filter((w) => !w.isDestroyed());
  }

  readonly id = nextWindowId++;
  readonly webContents = new FakeWebContents();
  readonly options: BrowserWindowOptions;
  minimized = false;
  focused = false;
  visible: boolean;
  private destroyed = false;

  constructor(options: BrowserWindowOptions) {
    super();
    this.options = options;
    this.visible = options.show;
    FakeBrowserWindow.created.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
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

  whenReady(): Promise<void> {
    return Promise.resolve();
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

  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }

  getVersion(): string {
    return this.version;
  }

  getPath(_name: 'userData'): string {
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
  return { id, label: `display ${id}`, bounds: { x, y, width, height }, workArea: { x, y, width, height: height - 40 } };
}

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type BeforeRequestListener = Parameters<Session['webRequest']['onBeforeRequest']>[0];

class FakeSession implements Session {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  beforeRequest: BeforeRequestListener = null;

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener) => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }

  /** A page asks for a permission; Electron grants everything when no handler is set. */
  simulatePermissionRequest(contents: WebContents, permission: string, details: PermissionRequestDetails = {}): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: contents.getURL(), isMainFrame: true, ...details }));
  }

  simulatePermissionCheck(contents: WebContents | null, permission: string, requestingOrigin: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(contents, permission, requestingOrigin, {}) : true;
  }

  /** A request leaves a page; resolves to whether it may go out. */
  simulateRequest(url: string, webContentsId?: number): Promise<boolean> {
    const listener = this.beforeRequest;
    if (!listener) return Promise.resolve(true);
    const details: OnBeforeRequestDetails = { url, resourceType: 'xhr', ...(webContentsId !== undefined && { webContentsId }) };
    return new Promise((resolve) => listener(details, (response) => resolve(!response.cancel)));
  }
}

class FakeIpcMain extends EventEmitter implements IpcMain {
  /** A page's preload calls ipcRenderer.send(channel, ...args) from `frame` of `contents`. */
  simulateSend(contents: WebContents, frame: WebFrameMain | null, channel: string, ...args: unknown[]): void {
    const event: IpcMainEvent = { sender: contents, senderFrame: frame };
    this.emit(channel, event, ...args);
  }
}

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

export const ipcRenderer = {
  sent: [] as { channel: string; args: unknown[] }[],
  send(channel: string, ...args: unknown[]): void {
    ipcRenderer.sent.push({ channel, args });
  },
};

export const mainModule = { app, BrowserWindow, screen, session, ipcMain, dialog } satisfies ElectronMain;
export const rendererModule = { contextBridge, ipcRenderer } satisfies ElectronRenderer;

/** A fresh Electron for the next test: one 1920×1080 display, no windows, no handlers. */
export function resetElectronFake(): void {
  app.removeAllListeners();
  Object.assign(app, { isPackaged: false, version: '0.1.0', singleInstanceLockFree: true, quitting: false, quitRequests: 0, exitCode: undefined, quitted: false });
  app.userData = '/tmp/talon-fake-user-data';
  FakeBrowserWindow.created = [];
  screen.removeAllListeners();
  screen.setDisplays([fakeDisplay(1, 0, 0)]);
  session.defaultSession = new FakeSession();
  ipcMain.removeAllListeners();
  dialog.errors.length = 0;
  contextBridge.exposed.clear();
  ipcRenderer.sent.length = 0;
}

resetElectronFake();
