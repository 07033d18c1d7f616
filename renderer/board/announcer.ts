/**
 * The board's call announcements: a chime, then the spoken call from the hub in each of the board's
 * languages in turn (`/audio/chime.wav`, `/audio/call.wav?number=&desk=&lang=[&priority=1]`). Calls are
 * queued so announcements never overlap; a missing clip (404: speech off or not installed) is
 * skipped, so the chime still plays without speech. Where the browser refuses to play before a user
 * gesture, `onBlocked` lets the page offer a one-time "enable sound" button: found at start (an
 * AudioContext made without a gesture stays suspended) or at the first refused play. Electron allows
 * autoplay. Every announcement counts on <body data-announcements> and fires `talon:announce`, for tests.
 */
export interface Announcement {
  number: number;
  desk: number;
  /** Spoken in this order after one chime, Ukrainian first. */
  langs: readonly string[];
  priority: boolean;
}

/** Past this many waiting announcements the oldest are dropped: the board shows them anyway. */
const MAX_PENDING = 6;
/** A clip that neither ends nor fails within this long is abandoned, so the queue never stalls. */
const CLIP_TIMEOUT_MS = 15_000;

export class Announcer {
  private readonly pending: Announcement[] = [];
  private playing = false;
  private blocked = false;
  private count = 0;

  constructor(
    private readonly onBlocked: () => void,
    private readonly base = '',
  ) {}

  /** Asks the browser at start whether it will play sound without a click; reports a refusal at once. */
  detectBlocked(): void {
    if (autoplayRefused()) {
      this.blocked = true;
      this.onBlocked();
    }
  }

  announce(a: Announcement): void {
    this.count++;
    document.body.dataset.announcements = String(this.count);
    window.dispatchEvent(new CustomEvent('talon:announce', { detail: a }));
    this.pending.push(a);
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    void this.drain();
  }

  /** After the user allowed sound (a click), play what is waiting. */
  unblock(): void {
    this.blocked = false;
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.playing || this.blocked) return;
    this.playing = true;
    try {
      for (let a = this.pending.shift(); a; a = this.pending.shift()) {
        const chime = await this.play(`${this.base}/audio/chime.wav`);
        if (chime === 'blocked') {
          this.pending.unshift(a);
          this.blocked = true;
          this.onBlocked();
          return;
        }
        for (const lang of a.langs) {
          const q = new URLSearchParams({ number: String(a.number), desk: String(a.desk), lang, ...(a.priority ? { priority: '1' } : {}) });
          await this.play(`${this.base}/audio/call.wav?${q}`);
        }
      }
    } finally {
      this.playing = false;
    }
  }

  private play(src: string): Promise<'ended' | 'failed' | 'blocked'> {
    return new Promise((resolve) => {
      const audio = new Audio(src);
      let settled = false;
      const done = (r: 'ended' | 'failed' | 'blocked') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        audio.removeAttribute('src');
        resolve(r);
      };
      const timer = setTimeout(() => done('failed'), CLIP_TIMEOUT_MS);
      audio.addEventListener('ended', () => done('ended'));
      audio.addEventListener('error', () => done('failed'));
      audio.play().catch((err: unknown) => done((err as DOMException)?.name === 'NotAllowedError' ? 'blocked' : 'failed'));
    });
  }
}

/**
 * Chromium has no autoplay query; an AudioContext made before any gesture starts `suspended` exactly
 * when media may not play unmuted, so its state is the answer (Firefox has getAutoplayPolicy).
 */
function autoplayRefused(): boolean {
  const nav = navigator as Navigator & { getAutoplayPolicy?: (type: 'mediaelement') => string };
  if (typeof nav.getAutoplayPolicy === 'function') return nav.getAutoplayPolicy('mediaelement') !== 'allowed';
  const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return false;
  const ctx = new Ctx();
  const refused = ctx.state === 'suspended';
  void ctx.close();
  return refused;
}
