/**
 * What a Talon window may do: run the hub's pages and nothing else. No Node in the page, a sandboxed
 * renderer, no new windows, no navigation (of any frame) or requests off the hub's origin, and only
 * the permissions its role needs. The Content-Security-Policy comes from the hub with the pages.
 */
import type { WindowRole } from './channels.js';
import type { Permission, Session, WebContents, WebPreferences } from './electronApi.js';

/**
 * The permissions each role's page may be granted, in one place. The chime and the voice play
 * without one (autoplayPolicy below); the board may pick the audio output (`speaker-selection`:
 * the hall speakers on the TV's HDMI rather than the PC's jack). Everything else is refused,
 * including for anything that is not one of our windows. Add a name only with the page and the reason.
 */
export const ROLE_PERMISSIONS: Readonly<Record<WindowRole, ReadonlySet<Permission>>> = {
  kiosk: new Set<Permission>(),
  board: new Set<Permission>(['speaker-selection']),
  desk: new Set<Permission>(),
  admin: new Set<Permission>(),
};

/** Which of our windows a web contents belongs to; undefined for anything else. */
export type RoleOf = (webContentsId: number) => WindowRole | undefined;

/** The hub's origin now; a getter because an in-process hub on an ephemeral port may move. */
export type HubOrigin = () => string;

/** No `additionalArguments`: a window's configuration goes over the IPC gateway, never the command line. */
export function lockedWebPreferences(options: { preload?: string; devTools: boolean }): WebPreferences {
  return {
    ...(options.preload !== undefined && { preload: options.preload }),
    devTools: options.devTools,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // The board announces calls with nobody touching it; a kiosk speaks before the first touch.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export function isHubUrl(url: string, hubOrigin: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.origin === hubOrigin;
}

/** A page may load from the hub (HTTP and socket.io's WebSocket) and what it made itself (data:, blob:). */
export function isAllowedRequest(url: string, hubOrigin: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  switch (parsed.protocol) {
    case 'data:':
    case 'devtools:':
      return true;
    case 'blob:':
      // A blob URL carries the origin that created it.
      return parsed.origin === hubOrigin;
    case 'ws:':
      return `http://${parsed.host}` === hubOrigin;
    case 'wss:':
      return `https://${parsed.host}` === hubOrigin;
    default:
      return parsed.origin === hubOrigin;
  }
}

/** Applied to every web contents the app creates (app `web-contents-created`), ours or not. */
export function guardContents(contents: WebContents, hubOrigin: HubOrigin, log: (line: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`lockdown: refused to open a window for ${shortUrl(url)}`);
    return { action: 'deny' };
  });
  // The URL comes from the details event: Electron's positional `url` argument is deprecated.
  const keepOnHub = (event: { readonly url: string; preventDefault(): void }) => {
    const { url } = event;
    if (isHubUrl(url, hubOrigin())) return;
    event.preventDefault();
    log(`lockdown: refused to navigate to ${shortUrl(url)}`);
  };
  contents.on('will-navigate', keepOnHub);
  // will-navigate sees only the main frame; an iframe's navigation (a link with target, a form) is here.
  contents.on('will-frame-navigate', keepOnHub);
  contents.on('will-redirect', keepOnHub);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function allowed(roleOf: RoleOf, contents: { id: number } | null, permission: Permission, url: string, hubOrigin: string): boolean {
  const role = contents ? roleOf(contents.id) : undefined;
  return role !== undefined && ROLE_PERMISSIONS[role].has(permission) && isHubUrl(url, hubOrigin);
}

export function guardSession(session: Session, hubOrigin: HubOrigin, roleOf: RoleOf, log: (line: string) => void): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = allowed(roleOf, contents, permission, details.requestingUrl || contents.getURL(), hubOrigin());
    if (!granted) log(`lockdown: denied permission "${permission}"`);
    callback(granted);
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin) =>
    allowed(roleOf, contents, permission, requestingOrigin, hubOrigin()),
  );
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, hubOrigin());
    if (!allowed) log(`lockdown: blocked a request to ${shortUrl(details.url)}`);
    callback({ cancel: !allowed });
  });
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Logs stay readable when a page tries a multi-kilobyte data: URL. */
function shortUrl(url: string): string {
  return url.length > 120 ? `${url.slice(0, 117)}...` : url;
}
