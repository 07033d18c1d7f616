/**
 * The part of Electron's main-process API the shell uses, typed here because `electron` is an
 * optional dependency: where its binary could not download, its typings are missing too. Names,
 * event names and argument orders follow Electron's documentation, so the real module satisfies
 * these types and tests/fakes/electron.ts implements them.
 */

export interface ElectronEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Display {
  id: number;
  label?: string;
  bounds: Rectangle;
  workArea: Rectangle;
}

export interface Screen {
  getAllDisplays(): Display[];
  getPrimaryDisplay(): Display;
  on(event: 'display-added' | 'display-removed', listener: (event: ElectronEvent, display: Display) => void): this;
}

/** A frame in a page, as seen from the main process (WebFrameMain). */
export interface WebFrameMain {
  readonly url: string;
  readonly origin: string;
  /** null for the top frame. */
  readonly parent: WebFrameMain | null;
}

export type RenderProcessGoneReason =
  | 'clean-exit'
  | 'abnormal-exit'
  | 'killed'
  | 'crashed'
  | 'oom'
  | 'launch-failed'
  | 'integrity-failure'
  | 'memory-eviction';

export interface RenderProcessGoneDetails {
  reason: RenderProcessGoneReason;
  exitCode: number;
}

/** `will-navigate` and `will-redirect` pass the details as the event; `url` is also the 2nd argument. */
export interface NavigationEvent extends ElectronEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
}

export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}

export type WindowOpenHandlerResponse = { action: 'deny' } | { action: 'allow' };

export interface WebContents {
  readonly id: number;
  readonly mainFrame: WebFrameMain;
  loadURL(url: string): Promise<void>;
  reload(): void;
  getURL(): string;
  isDestroyed(): boolean;
  /** Kills the renderer; Electron then emits `render-process-gone`. The cure for a hung page. */
  forcefullyCrashRenderer(): void;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): this;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): this;
  on(event: 'render-process-gone', listener: (event: ElectronEvent, details: RenderProcessGoneDetails) => void): this;
  on(
    event: 'did-fail-load',
    listener: (
      event: ElectronEvent,
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

export interface WebPreferences {
  preload: string;
  contextIsolation: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  sandbox: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  navigateOnDragDrop: boolean;
  spellcheck: boolean;
  devTools: boolean;
  autoplayPolicy: 'no-user-gesture-required' | 'user-gesture-required' | 'document-user-activation-required';
  additionalArguments: string[];
}

export interface BrowserWindowOptions {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  show: boolean;
  fullscreen: boolean;
  kiosk: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  webPreferences: WebPreferences;
}

export interface BrowserWindow {
  readonly id: number;
  readonly webContents: WebContents;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  close(): void;
  on(event: 'closed', listener: () => void): this;
}

export interface BrowserWindowConstructor {
  new (options: BrowserWindowOptions): BrowserWindow;
}

export interface PermissionRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
}

export interface OnBeforeRequestDetails {
  url: string;
  resourceType?: string;
  webContentsId?: number;
}

export interface Session {
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: WebContents,
          permission: string,
          callback: (permissionGranted: boolean) => void,
          details: PermissionRequestDetails,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: WebContents | null, permission: string, requestingOrigin: string, details: object) => boolean) | null,
  ): void;
  readonly webRequest: {
    onBeforeRequest(listener: ((details: OnBeforeRequestDetails, callback: (response: { cancel?: boolean }) => void) => void) | null): void;
  };
}

export interface IpcMainEvent {
  readonly sender: WebContents;
  /** null when the frame navigated away or was destroyed before the message arrived. */
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain {
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): this;
  removeAllListeners(channel?: string): this;
}

export interface App {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(exitCode?: number): void;
  getVersion(): string;
  getPath(name: 'userData'): string;
  on(event: 'second-instance', listener: (event: ElectronEvent, argv: string[], workingDirectory: string) => void): this;
  on(event: 'web-contents-created', listener: (event: ElectronEvent, contents: WebContents) => void): this;
  on(event: 'before-quit', listener: (event: ElectronEvent) => void): this;
  on(event: 'window-all-closed', listener: () => void): this;
}

export interface Dialog {
  showErrorBox(title: string, content: string): void;
}

/** What the main process takes from `electron`. */
export interface ElectronMain {
  app: App;
  BrowserWindow: BrowserWindowConstructor;
  screen: Screen;
  session: { readonly defaultSession: Session };
  ipcMain: IpcMain;
  dialog: Dialog;
}

/** What a sandboxed preload takes from `electron`. */
export interface ElectronRenderer {
  contextBridge: { exposeInMainWorld(apiKey: string, api: unknown): void };
  ipcRenderer: { send(channel: string, ...args: unknown[]): void };
}
