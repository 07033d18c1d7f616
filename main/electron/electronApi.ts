/**
 * The part of Electron's API the shell uses, cut from Electron's own declarations (the `electron`
 * package's electron.d.ts, made present everywhere by .ci/electron-types.sh). Each type is a `Pick`
 * of the real one; where a member hands out another Electron object (a window's web contents, a
 * frame's parent), that object is narrowed the same way, so tests/fakes/electron.ts can stand for it.
 * Two checks hold the three together at `npm run typecheck`:
 *  - `RealElectronFits` below: the real module is assignable to these types, so a name, an argument
 *    or a return type that Electron does not have fails here;
 *  - the fake `satisfies ElectronMain` / `ElectronRenderer`, so a fake that drifts fails there.
 * Only types come from `electron`: at run time the module is reached through electron.ts.
 */
import type * as Electron from 'electron';

type Real = typeof Electron;

export type ElectronEvent = Pick<Electron.Event, 'preventDefault' | 'defaultPrevented'>;
export type Rectangle = Electron.Rectangle;
export type Display = Electron.Display;
export type Input = Electron.Input;
export type WebPreferences = Electron.WebPreferences;
export type BrowserWindowOptions = Electron.BrowserWindowConstructorOptions;
export type RenderProcessGoneDetails = Electron.RenderProcessGoneDetails;
export type WindowOpenDetails = Electron.HandlerDetails;
export type WindowOpenHandlerResponse = Electron.WindowOpenHandlerResponse;
export type ForkOptions = Electron.ForkOptions;
/** Every permission name Electron may ask a permission handler about. */
export type Permission =
  | Parameters<NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>>[1]
  | Parameters<NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>>[1];

/*
 * Event methods are written out, one overload per event the shell listens to, with Electron's
 * listener types: a `Pick` of Electron's `on` would return Electron's whole class as `this`.
 * RealElectronFits checks each overload against Electron's.
 */

export interface Screen extends Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay'> {
  on(event: 'display-added' | 'display-removed', listener: (event: Electron.Event, display: Display) => void): this;
}

/** A frame in a page, as seen from the main process. */
export interface WebFrameMain extends Pick<Electron.WebFrameMain, 'url' | 'origin'> {
  /** null for the top frame. */
  readonly parent: WebFrameMain | null;
}

type NavigationListener<Params extends object> = (details: Electron.Event<Params>) => void;

export interface WebContents
  extends Pick<Electron.WebContents, 'id' | 'loadURL' | 'reload' | 'getURL' | 'isDestroyed' | 'forcefullyCrashRenderer' | 'setWindowOpenHandler'> {
  readonly mainFrame: WebFrameMain;
  on(event: 'will-navigate', listener: NavigationListener<Electron.WebContentsWillNavigateEventParams>): this;
  on(event: 'will-frame-navigate', listener: NavigationListener<Electron.WebContentsWillFrameNavigateEventParams>): this;
  on(event: 'will-redirect', listener: NavigationListener<Electron.WebContentsWillRedirectEventParams>): this;
  on(event: 'will-attach-webview', listener: (event: Electron.Event) => void): this;
  on(event: 'before-input-event', listener: (event: Electron.Event, input: Input) => void): this;
  on(event: 'render-process-gone', listener: (event: Electron.Event, details: RenderProcessGoneDetails) => void): this;
  on(
    event: 'did-fail-load',
    listener: (
      event: Electron.Event,
      errorCode: number,
      errorDescription: string,
      validatedURL: string,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): this;
  on(event: 'did-finish-load' | 'unresponsive' | 'responsive' | 'destroyed', listener: () => void): this;
}

export interface BrowserWindow
  extends Pick<
    Electron.BrowserWindow,
    'id' | 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus' | 'close' | 'destroy' | 'setFullScreen' | 'isFullScreen' | 'setKiosk' | 'isKiosk'
  > {
  readonly webContents: WebContents;
  on(event: 'closed' | 'leave-full-screen', listener: () => void): this;
}

export interface BrowserWindowConstructor {
  new (options: BrowserWindowOptions): BrowserWindow;
}

export interface Session extends Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> {
  readonly webRequest: Pick<Electron.WebRequest, 'onBeforeRequest'>;
}

/** What the IPC gateway reads from a message's event (IpcMainEvent and IpcMainInvokeEvent alike). */
export interface IpcEvent {
  readonly sender: Pick<Electron.WebContents, 'id'>;
  /** null when the frame navigated away or was destroyed before the message arrived. */
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain extends Pick<Electron.IpcMain, 'handle' | 'removeHandler'> {
  on(channel: string, listener: (event: Electron.IpcMainEvent, ...args: unknown[]) => void): this;
  removeAllListeners(channel?: string): this;
}

export interface App
  extends Pick<
    Electron.App,
    'isPackaged' | 'whenReady' | 'requestSingleInstanceLock' | 'quit' | 'exit' | 'getVersion' | 'getPath' | 'enableSandbox' | 'getAppMetrics'
  > {
  on(event: 'second-instance', listener: (event: Electron.Event, argv: string[], workingDirectory: string, additionalData: unknown) => void): this;
  on(event: 'web-contents-created', listener: (event: Electron.Event, webContents: WebContents) => void): this;
  on(event: 'before-quit', listener: (event: Electron.Event) => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
}

export type Dialog = Pick<Electron.Dialog, 'showErrorBox'>;
export type MenuStatic = Pick<Real['Menu'], 'setApplicationMenu'>;

/** A hub's process: Electron's UtilityProcess, narrowed to what the supervisor uses. */
export interface UtilityProcess extends Pick<Electron.UtilityProcess, 'pid' | 'kill' | 'postMessage'> {
  on(event: 'message', listener: (message: unknown) => void): this;
  once(event: 'exit', listener: (code: number) => void): this;
}

export interface UtilityProcessStatic {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess;
}

/** What the main process takes from `electron`. */
export interface ElectronMain {
  app: App;
  BrowserWindow: BrowserWindowConstructor;
  Menu: MenuStatic;
  screen: Screen;
  session: { readonly defaultSession: Session };
  ipcMain: IpcMain;
  dialog: Dialog;
  utilityProcess: UtilityProcessStatic;
}

/** What a sandboxed preload takes from `electron`. */
export interface ElectronRenderer {
  contextBridge: Pick<Electron.ContextBridge, 'exposeInMainWorld'>;
  ipcRenderer: Pick<Electron.IpcRenderer, 'send' | 'invoke'>;
}

/** A type error here means this file asks for something the real Electron does not have. */
type Fits<Actual extends Expected, Expected> = [Actual, Expected];
export type RealElectronFits = [
  Fits<Pick<Real, keyof ElectronMain>, ElectronMain>,
  Fits<Pick<Real, keyof ElectronRenderer>, ElectronRenderer>,
  Fits<Electron.IpcMainEvent, IpcEvent>,
  Fits<Electron.IpcMainInvokeEvent, IpcEvent>,
];
