/**
 * The hall board (DESIGN §2): the newest calls of all desks in large type, the newest marked and
 * blinking for a few seconds; the date and time; waiting and free slots per service; the full-screen
 * alert and its end; the chime and spoken call for each new call, in each of the board's languages.
 * Read from 10 m: at 1080 lines every ticket number ≥ 80 px, no text under 28 px, contrast ≥ 7:1,
 * and every layout fits the screen whole (board.css).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { CallView } from '../../sync/protocol/hub.js';
import { initialLang, queryNumber, storedToken } from '../shared/bridge.js';
import { LinkMark, SignIn } from '../shared/components.js';
import { useDocumentLang, useHubNow } from '../shared/hooks.js';
import { LANGS, serviceName, t, type Lang } from '../shared/i18n.js';
import { clockTime, longDate } from '../shared/time.js';
import { useHub } from '../shared/useHub.js';
import { Announcer } from './announcer.js';
import { fromSnapshot, withAlert, withCall, withStats, type BoardView } from './boardState.js';
import { servesShelter, ShelterService } from './ShelterService.js';

/** How long the newest call blinks: under 5 s, so WCAG 2.2.2 needs no pause control. */
const FRESH_MS = 4500;
/** How long the all-clear stays on after an alert ends (`?allClear=` in ms shortens it for tests). */
const ALL_CLEAR_MS = 8000;

/** `?lang=` fixes the board to one language; otherwise it takes turns through `board.languages`. */
function fixedLang(): Lang | null {
  const asked = new URLSearchParams(window.location.search).get('lang');
  return asked && (LANGS as readonly string[]).includes(asked) ? (asked as Lang) : null;
}

/** The language on screen now: one, or each of the configured ones for `everyS` seconds in turn. */
function useTurns(langs: readonly Lang[], everyS: number, fixed: Lang | null): Lang {
  const [turn, setTurn] = useState(0);
  const many = fixed === null && langs.length > 1;
  useEffect(() => {
    if (!many) return;
    const timer = setInterval(() => setTurn((n) => n + 1), everyS * 1000);
    return () => clearInterval(timer);
  }, [many, everyS]);
  if (fixed) return fixed;
  return langs[turn % langs.length] ?? 'uk';
}

export function Board() {
  const fixed = useMemo(fixedLang, []);
  // The connection's language is fixed at the handshake; the screen's may take turns over it.
  const [hubLang] = useState<Lang>(() => initialLang('board', false));
  const [token, setToken] = useState<string | null>(() => storedToken('board'));
  const hub = useHub('board', token, hubLang, true);
  const [view, setView] = useState<BoardView | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [allClear, setAllClear] = useState(false);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const announcer = useMemo(() => new Announcer(() => setSoundBlocked(true)), []);
  const langs: readonly Lang[] = fixed ? [fixed] : (hub.snapshot?.board?.languages ?? ['uk']);
  const lang = useTurns(langs, hub.snapshot?.board?.switchEverySeconds ?? 10, fixed);
  const spoken = useRef(langs);
  spoken.current = langs;
  const allClearMs = useMemo(() => queryNumber('allClear', ALL_CLEAR_MS), []);
  const silent = useRef(false);
  useDocumentLang(lang, t(lang, 'board.pageTitle'));

  // Before the first call, not after it fails: a board that cannot play says so from the start.
  useEffect(() => announcer.detectBlocked(), [announcer]);

  useEffect(() => {
    const client = hub.client;
    if (!client) return;
    const offs = [
      client.on('snapshot', (s) => setView(fromSnapshot(s))),
      client.on('called', (call) => {
        setView((v) => (v ? withCall(v, call) : v));
        setFresh(call.at);
        // A hall board showing the alert stays silent: nobody is there to hear the shelter's calls.
        if (silent.current) return;
        announcer.announce({ number: call.number, desk: call.desk, langs: spoken.current, priority: call.priority });
      }),
      client.on('stats', (stats) => setView((v) => (v ? withStats(v, stats) : v))),
      client.on('alert', (alert) => setView((v) => (v ? withAlert(v, alert) : v))),
    ];
    return () => offs.forEach((off) => off());
  }, [hub.client, announcer]);

  // The newest call blinks for a few seconds, then stays marked without blinking.
  useEffect(() => {
    if (fresh === null) return;
    const timer = setTimeout(() => setFresh(null), FRESH_MS);
    return () => clearTimeout(timer);
  }, [fresh]);

  // The all-clear follows the end of an alert and leaves after its time. The effect runs on the
  // alert's changes only: a repaint (new stats, a call) must not cancel the timer that removes it.
  const alertOn = Boolean(view?.alert.active && view.alert.freezes);
  silent.current = alertOn && !servesShelter(view);
  const wasAlert = useRef(false);
  useEffect(() => {
    const ended = wasAlert.current && !alertOn;
    wasAlert.current = alertOn;
    if (!ended) {
      if (alertOn) setAllClear(false);
      return;
    }
    setAllClear(true);
    const timer = setTimeout(() => setAllClear(false), allClearMs);
    return () => clearTimeout(timer);
  }, [alertOn, allClearMs]);

  // A repaint marker for the click-to-paint bench: the frame after the newest call was rendered.
  const newest = view?.calls[0];
  useEffect(() => {
    if (!newest) return;
    requestAnimationFrame(() => {
      document.body.dataset.painted = `${newest.number}@${newest.desk}@${newest.at}`;
    });
  }, [newest]);

  if (hub.link === 'unauthorized') {
    return <SignIn role="board" lang={lang} refused={token !== null} onToken={setToken} />;
  }

  const shelterCentre = Boolean(view?.alert.active && !view.alert.freezes);
  return (
    <div class="board" data-testid="board" data-alert={alertOn ? 'on' : 'off'} data-lang={lang}>
      <Header view={view} lang={lang} offsetMs={hub.offsetMs}>
        {soundBlocked && (
          <button
            type="button"
            class="sound-enable"
            data-testid="sound-enable"
            title={t(lang, 'board.soundHint')}
            onClick={() => {
              setSoundBlocked(false);
              announcer.unblock();
            }}
          >
            <SpeakerIcon />
            {t(lang, 'sound.enable')}
          </button>
        )}
      </Header>
      {alertOn && servesShelter(view) ? (
        <ShelterService view={view!} lang={lang} fresh={fresh} />
      ) : alertOn ? (
        <AlertScreen lang={lang} where={hub.snapshot?.centre.shelter?.[lang] ?? null} />
      ) : (
        <>
          {(shelterCentre || allClear) && (
            <p class={`banner ${shelterCentre ? 'shelter-centre' : 'all-clear'}`} role="status" data-testid={shelterCentre ? 'alert-shelter-centre' : 'all-clear'}>
              <span aria-hidden="true">{shelterCentre ? '⚠ ' : '✓ '}</span>
              {t(lang, shelterCentre ? 'kiosk.alertShelterCentre' : 'allClear')}
            </p>
          )}
          <main class="board-main">
            <Calls calls={view?.calls ?? []} lang={lang} fresh={fresh !== null && newest?.at === fresh} />
            <Services view={view} lang={lang} />
          </main>
        </>
      )}
      {/* In the first language only: a language turn must not repeat the last call to a screen reader. */}
      <div class="visually-hidden" aria-live="assertive" data-testid="announce-text" lang={langs[0]}>
        {newest && !silent.current ? t(langs[0] ?? 'uk', 'board.announce', { number: newest.number, desk: newest.desk }) : ''}
      </div>
      <LinkMark link={hub.link} lang={lang} />
    </div>
  );
}

/** A loudspeaker drawn inline: an emoji needs a colour-emoji font the hall PC may not have. */
function SpeakerIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
      <path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

function Header({ view, lang, offsetMs, children }: { view: BoardView | null; lang: Lang; offsetMs: number; children?: ComponentChildren }) {
  const now = useHubNow(offsetMs);
  const tz = view?.snapshot.centre.timezone ?? 'Europe/Kyiv';
  return (
    <header class="board-header">
      <h1 class="centre">{view?.snapshot.centre.name ?? ''}</h1>
      {children}
      <p class="date">{longDate(now, tz, lang)}</p>
      <p class="time" data-testid="clock">
        {clockTime(now, tz, lang)}
      </p>
    </header>
  );
}

function AlertScreen({ lang, where }: { lang: Lang; where: string | null }) {
  return (
    <main class="board-alert" role="alert" data-testid="board-alert">
      <p class="alert-icon" aria-hidden="true">
        ⚠
      </p>
      <h2>{t(lang, 'board.alertTitle')}</h2>
      <p>{t(lang, 'board.alertSub')}</p>
      <p data-testid="shelter-where">{where ?? t(lang, 'shelter.where')}</p>
    </main>
  );
}

function Calls({ calls, lang, fresh }: { calls: CallView[]; lang: Lang; fresh: boolean }) {
  return (
    <section class="calls" aria-labelledby="calls-title">
      <h2 id="calls-title">{t(lang, 'board.latest')}</h2>
      {calls.length === 0 ? (
        <p class="no-calls">{t(lang, 'board.noCalls')}</p>
      ) : (
        <ol class="call-grid" data-testid="calls">
          {calls.map((c, i) => (
            <li
              key={`${c.number}-${c.priority}`}
              class={`call ${i === 0 ? 'newest' : ''} ${i === 0 && fresh ? 'fresh' : ''}`}
              data-testid={i === 0 ? 'latest-call' : 'call'}
              data-number={c.number}
              data-desk={c.desk}
              aria-label={t(lang, 'board.announce', { number: c.number, desk: c.desk })}
            >
              <span class="call-number">{c.number}</span>
              <span class="arrow" aria-hidden="true">
                →
              </span>
              <span class="call-desk">{c.desk}</span>
              <span class="call-tags">
                {i === 0 && <span class="tag tag-newest">{t(lang, 'board.newest')}</span>}
                {c.recall && <span class="tag">{t(lang, 'board.recall')}</span>}
                {c.priority && <span class="tag">{t(lang, 'board.priority')}</span>}
              </span>
              <span class="desk-label">{t(lang, 'board.desk')}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Services({ view, lang }: { view: BoardView | null; lang: Lang }) {
  if (!view) return null;
  const { services } = view.snapshot;
  const free = view.stats.freeSlots;
  return (
    <section class="services" aria-labelledby="services-title">
      <h2 id="services-title">{t(lang, 'board.services')}</h2>
      <table data-testid="board-services">
        <thead>
          <tr>
            <th scope="col" class="visually-hidden">
              {t(lang, 'desk.service')}
            </th>
            <th scope="col">{t(lang, 'board.waiting')}</th>
            {free && <th scope="col">{t(lang, 'board.free')}</th>}
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.code} data-service={s.code} data-suspended={s.suspended ? 'yes' : 'no'}>
              <th scope="row">
                {serviceName(lang, services, s.code)}
                {s.suspended && <span class="suspended-tag"> — {t(lang, 'queue.suspended')}</span>}
              </th>
              <td class="waiting">{view.stats.waiting[s.code] ?? 0}</td>
              {free && <td class="free">{free[s.code] ?? 0}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
