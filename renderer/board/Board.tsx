/**
 * The hall board (DESIGN §2): the newest call large and blinking for a few seconds, the calls before
 * it, the date and time, waiting and free slots per service; the full-screen alert and its end; the
 * chime and spoken call for each new call. Read from 10 m: very large figures, contrast ≥ 7:1.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { initialLang, storedToken } from '../shared/bridge.js';
import { LinkMark, SignIn } from '../shared/components.js';
import { useDocumentLang, useHubNow } from '../shared/hooks.js';
import { serviceName, t, type Lang } from '../shared/i18n.js';
import { Announcer } from '../shared/announcer.js';
import { clockTime, longDate } from '../shared/time.js';
import { useHub } from '../shared/useHub.js';
import { fromSnapshot, withAlert, withCall, withStats, type BoardView } from './boardState.js';

/** How long the newest call blinks: under 5 s, so WCAG 2.2.2 needs no pause control. */
const FRESH_MS = 4500;
/** How long the all-clear stays on after an alert ends. */
const ALL_CLEAR_MS = 8000;

export function Board() {
  const [lang] = useState<Lang>(() => initialLang('board', false));
  const [token, setToken] = useState<string | null>(() => storedToken('board'));
  const hub = useHub('board', token, lang, true);
  const [view, setView] = useState<BoardView | null>(null);
  const [fresh, setFresh] = useState<number | null>(null);
  const [allClear, setAllClear] = useState(false);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const announcer = useMemo(() => new Announcer(() => setSoundBlocked(true)), []);
  const wasAlert = useRef(false);
  useDocumentLang(lang, t(lang, 'board.pageTitle'));

  useEffect(() => {
    const client = hub.client;
    if (!client) return;
    const offs = [
      client.on('snapshot', (s) => setView(fromSnapshot(s))),
      client.on('called', (call) => {
        setView((v) => (v ? withCall(v, call) : v));
        setFresh(call.at);
        announcer.announce({ number: call.number, desk: call.desk, lang, priority: call.priority });
      }),
      client.on('stats', (stats) => setView((v) => (v ? withStats(v, stats) : v))),
      client.on('alert', (alert) => setView((v) => (v ? withAlert(v, alert) : v))),
    ];
    return () => offs.forEach((off) => off());
  }, [hub.client, announcer, lang]);

  // The newest call blinks for a few seconds, then stays highlighted without blinking.
  useEffect(() => {
    if (fresh === null) return;
    const timer = setTimeout(() => setFresh(null), FRESH_MS);
    return () => clearTimeout(timer);
  }, [fresh]);

  const alertOn = Boolean(view?.alert.active && view.alert.freezes);
  useEffect(() => {
    if (!view) return;
    if (wasAlert.current && !alertOn) {
      setAllClear(true);
      const timer = setTimeout(() => setAllClear(false), ALL_CLEAR_MS);
      wasAlert.current = false;
      return () => clearTimeout(timer);
    }
    wasAlert.current = alertOn;
    return undefined;
  }, [alertOn, view]);

  // A repaint marker for the click-to-paint bench: the frame after the newest call was rendered.
  const newest = view?.calls[0];
  useEffect(() => {
    if (!newest) return;
    requestAnimationFrame(() => {
      document.body.dataset.painted = `${newest.number}@${newest.desk}@${newest.at}`;
    });
  }, [newest]);

  if (hub.link === 'unauthorized') {
    return (
      <SignIn
        role="board"
        lang={lang}
        refused={token !== null}
        onToken={setToken}
      />
    );
  }

  return (
    <div class="board" data-testid="board" data-alert={alertOn ? 'on' : 'off'}>
      <Header view={view} lang={lang} offsetMs={hub.offsetMs} />
      {alertOn ? (
        <AlertScreen lang={lang} where={hub.snapshot?.centre.shelter?.[lang] ?? null} />
      ) : (
        <main class="board-main">
          {view?.alert.active && !view.alert.freezes && (
            <p class="all-clear shelter-centre" role="status" data-testid="alert-shelter-centre">
              <span aria-hidden="true">⚠ </span>
              {t(lang, 'kiosk.alertShelterCentre')}
            </p>
          )}
          {allClear && (
            <p class="all-clear" role="status" data-testid="all-clear">
              <span aria-hidden="true">✓ </span>
              {t(lang, 'allClear')}
            </p>
          )}
          <Calls view={view} lang={lang} fresh={fresh !== null && newest?.at === fresh} />
          <Services view={view} lang={lang} />
        </main>
      )}
      {soundBlocked && (
        <button
          type="button"
          class="sound-enable"
          data-testid="sound-enable"
          onClick={() => {
            setSoundBlocked(false);
            announcer.unblock();
          }}
        >
          <span aria-hidden="true">🔊 </span>
          {t(lang, 'sound.enable')}
        </button>
      )}
      <div class="visually-hidden" aria-live="assertive" data-testid="announce-text">
        {newest && !alertOn ? t(lang, 'board.announce', { number: newest.number, desk: newest.desk }) : ''}
      </div>
      <LinkMark link={hub.link} lang={lang} />
    </div>
  );
}

function Header({ view, lang, offsetMs }: { view: BoardView | null; lang: Lang; offsetMs: number }) {
  const now = useHubNow(offsetMs);
  const tz = view?.snapshot.centre.timezone ?? 'Europe/Kyiv';
  return (
    <header class="board-header">
      <h1 class="centre">{view?.snapshot.centre.name ?? ''}</h1>
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

function Calls({ view, lang, fresh }: { view: BoardView | null; lang: Lang; fresh: boolean }) {
  const calls = view?.calls ?? [];
  const [latest, ...earlier] = calls;
  return (
    <section class="calls" aria-labelledby="calls-title">
      <h2 id="calls-title">{t(lang, 'board.latest')}</h2>
      {latest ? (
        <div
          key={`${latest.at}-${latest.number}-${latest.desk}`}
          class={`latest ${fresh ? 'fresh' : ''}`}
          data-testid="latest-call"
          data-number={latest.number}
          data-desk={latest.desk}
          aria-label={t(lang, 'board.announce', { number: latest.number, desk: latest.desk })}
        >
          <span class="number">{latest.number}</span>
          <span class="arrow" aria-hidden="true">
            →
          </span>
          <span class="desk">
            <span class="desk-label">{t(lang, 'board.desk')}</span>
            <span>{latest.desk}</span>
          </span>
          {(latest.recall || latest.priority) && (
            <span class="tags">
              {latest.recall && <span class="tag">{t(lang, 'board.recall')}</span>}
              {latest.priority && <span class="tag">{t(lang, 'board.priority')}</span>}
            </span>
          )}
        </div>
      ) : (
        <p class="no-calls">{t(lang, 'board.noCalls')}</p>
      )}
      {earlier.length > 0 && (
        <>
          <h2 class="earlier-title">{t(lang, 'board.lastCalls')}</h2>
          <table class="earlier" data-testid="earlier-calls">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'board.ticket')}</th>
                <th scope="col">{t(lang, 'board.desk')}</th>
              </tr>
            </thead>
            <tbody>
              {earlier.map((c) => (
                <tr key={`${c.at}-${c.number}-${c.desk}`}>
                  <td>{c.number}</td>
                  <td>
                    <span aria-hidden="true">→ </span>
                    {c.desk}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
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
