/**
 * What a Talon window may do: run the hub's pages and nothing else. No Node in the page, a sandboxed
 * renderer, no new windows, no navigation or requests off the hub's origin, no permission prompts.
 * The Content-Security-Policy comes from the hub with the pages, not from here.
 */
import type { NavigationEvent, Session, WebContents, WebPreferences } from './electronApi.js';

/**
 * Permissions a page may be granted, in one place. None is needed today: the chime and the voice
 * play without one (autoplayPolicy below), and everything else comes from the hub over HTTP.
 * Add a name here, with the page and the reason, only when a page cannot work without it.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>([]);

/** The hub's origin now; a getter because an in-process hub on an ephemeral port may move. */
export type HubOrigin = () => string;

export function lockedWebPreferences(options: { preload: string; additionalArguments: string[]; devTools: boolean }): WebPreferences {
  return {
    preload: options.preload,
    additionalArguments: options.additionalArguments,
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
  const keepOnHub = (event: NavigationEvent) => {
    const { url } = event;
    if (isHubUrl(url, hubOrigin())) return;
    event.preventDefault();
    log(`lockdown: refused to navigate to ${shortUrl(url)}`);
  };
  contents.on('will-navigate', keepOnHub);
  contents.on('will-redirect', keepOnHub);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function guardSession(session: Session, hubOrigin: HubOrigin, log: (line: string) => void): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = ALLOWED_PERMISSIONS.has(permission) && isHubUrl(details.requestingUrl ?? contents.getURL(), hubOrigin());
    if (!granted) log(`lockdown: denied permission "${permission}"`);
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && isHubUrl(requestingOrigin, hubOrigin()),
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
