/**
 * The kiosk (DESIGN §2): check-in by code on the keypad or by the scanner, the ticket while it prints,
 * every refusal in plain words, same-day booking and licence status where the centre has them, the
 * shelter screen during an alert. After a short idle time it returns to the start screen in
 * Ukrainian, so nothing personal stays on screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Ack, PrinterView, ServiceOffer, StatsView } from '../../sync/protocol/hub.js';
import { initialLang, queryNumber, storedToken } from '../shared/bridge.js';
import { LinkMark, SignIn } from '../shared/components.js';
import type { AckBodies } from '../shared/acks.js';
import { useAction, useDocumentLang, useIdle } from '../shared/hooks.js';
import { t, type Lang } from '../shared/i18n.js';
import { bookingCodeFrom, WedgeDecoder } from '../shared/scanner.js';
import { useHub } from '../shared/useHub.js';
import { personValue, type Screen } from './screens.js';
import { KioskView } from './views.js';

/** Long enough to read a ticket or a refusal, short enough that the next citizen never sees it. */
const IDLE_MS = 45_000;
const NO_ANSWER = { ok: false as const, error: { code: 'NO_ANSWER', message: '' } };

type Ticketed = Ack<AckBodies['kiosk']['checkIn']>;

/**
 * Enter on a focused key or button presses that key (the browser's own click); only the confirm
 * button, a scanner's Enter, or Enter with nothing focused submits the code.
 */
function pressesAControl(e: KeyboardEvent): boolean {
  return e.target instanceof Element && e.target.closest('button, a[href], input, select, textarea, [role=button]') !== null;
}

export function Kiosk() {
  const [lang, setLang] = useState<Lang>(() => initialLang('kiosk', false));
  const [token, setToken] = useState<string | null>(() => storedToken('kiosk'));
  const hub = useHub('kiosk', token, lang, token !== null);
  const [screen, setScreen] = useState<Screen>({ kind: 'start' });
  const [services, setServices] = useState<ServiceOffer[] | null>(null);
  const [printer, setPrinter] = useState<PrinterView>({ state: 'none', queued: 0 });
  const client = hub.client;
  const idleMs = queryNumber('idle', IDLE_MS);
  useDocumentLang(lang, t(lang, 'kiosk.pageTitle'));

  const home = useCallback(() => setScreen({ kind: 'start' }), []);
  useIdle(
    idleMs,
    () => {
      setScreen({ kind: 'start' });
      setLang('uk');
    },
    screen.kind !== 'start' || lang !== 'uk',
  );

  const refreshServices = useCallback(async () => {
    if (!client) return;
    const ack = await client.ask('services', {});
    if (ack.ok) setServices(ack.services);
  }, [client]);

  useEffect(() => {
    if (!client) return;
    let statsTimer: ReturnType<typeof setTimeout> | null = null;
    const offs = [
      client.on('snapshot', () => void refreshServices()),
      // Waiting counts change with every call; the offers are asked again at most every 2 s.
      client.on('stats', (_s: StatsView) => {
        statsTimer ??= setTimeout(() => {
          statsTimer = null;
          void refreshServices();
        }, 2000);
      }),
      client.on('printer', setPrinter),
      client.on('print', (print) =>
        setScreen((s) => (s.kind === 'ticket' && s.ticket.bookingId === print.bookingId ? { ...s, print } : s)),
      ),
      client.on('alert', () => void refreshServices()),
      // A serial QR scanner beside this kiosk checked in through the hub: show its ticket or refusal.
      client.on('scanned', ({ ack }) =>
        setScreen(ack.ok && ack.ticket ? { kind: 'ticket', ticket: ack.ticket, print: ack.print ?? { bookingId: ack.ticket.bookingId, status: 'none', problem: null } } : ack.ok ? { kind: 'start' } : { kind: 'refusal', error: ack.error, retry: null }),
      ),
    ];
    return () => {
      offs.forEach((off) => off());
      if (statsTimer) clearTimeout(statsTimer);
    };
  }, [client, refreshServices]);

  useEffect(() => {
    if (screen.kind === 'start') void refreshServices();
  }, [screen.kind, refreshServices]);

  const shelter = Boolean(hub.snapshot?.alert.active && hub.snapshot.alert.freezes && hub.snapshot.place !== 'shelter');
  // Without the hub nothing can be checked in: say so before anyone types, and take no keys.
  const unavailable = hub.link !== 'online';
  // The all-clear brings everyone back to a clean start screen.
  const wasShelter = useRef(false);
  useEffect(() => {
    if (wasShelter.current && !shelter) setScreen({ kind: 'start' });
    wasShelter.current = shelter;
  }, [shelter]);

  const showTicket = (ack: Ticketed, retry: (() => void) | null) => {
    if (ack.ok) setScreen({ kind: 'ticket', ticket: ack.ticket, print: ack.print });
    else setScreen({ kind: 'refusal', error: ack.error, retry: ack.error.code === 'NO_ANSWER' ? retry : null });
  };

  const checkIn = useAction((commandId, code: string) => (client ? client.ask('checkIn', { commandId, code }) : Promise.resolve(NO_ANSWER)), (ack, code) =>
    showTicket(ack, () => submitCode(code)),
  );
  const submitCode = (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!code) return;
    setScreen({ kind: 'busy' });
    void checkIn.trigger(code);
  };

  const book = useAction(
    (commandId, service: string, time: string, kind: 'phone' | 'taxId' | 'edrpou', value: string) =>
      client ? client.ask('book', { commandId, service, time, person: { kind, value } as never }) : Promise.resolve(NO_ANSWER),
    (ack, service, time, kind, value) => showTicket(ack, () => submitBooking(service, time, kind, value)),
  );
  const submitBooking = (service: string, time: string, kind: 'phone' | 'taxId' | 'edrpou', value: string) => {
    setScreen({ kind: 'busy' });
    void book.trigger(service, time, kind, value);
  };

  const pickup = useAction(
    (commandId, applicationNumber: string, phoneLast4: string) =>
      client ? client.ask('licencePickup', { commandId, applicationNumber, phoneLast4 }) : Promise.resolve(NO_ANSWER),
    (ack, applicationNumber, phoneLast4) => showTicket(ack, () => submitPickup(applicationNumber, phoneLast4)),
  );
  const submitPickup = (applicationNumber: string, phoneLast4: string) => {
    setScreen({ kind: 'busy' });
    void pickup.trigger(applicationNumber, phoneLast4);
  };

  // The status needs the application's second factor; a wrong one reads as an unknown number.
  const checkLicence = async (applicationNumber: string, phoneLast4: string) => {
    setScreen({ kind: 'busy' });
    const ack = client ? await client.ask('licence', { applicationNumber, phoneLast4 }) : NO_ANSWER;
    if (ack.ok) setScreen({ kind: 'licence', licence: ack.licence, phoneLast4 });
    else setScreen({ kind: 'refusal', error: ack.error, retry: ack.error.code === 'NO_ANSWER' ? () => void checkLicence(applicationNumber, phoneLast4) : null });
  };

  // The scanner types into the page: decoded by physical keys and timing, whatever the layout.
  const decoder = useMemo(() => new WedgeDecoder(), []);
  const latest = useRef({ screen, shelter, unavailable });
  latest.current = { screen, shelter, unavailable };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { screen: s, shelter: sh, unavailable: down } = latest.current;
      const result = decoder.feed({ code: e.code, timeStamp: e.timeStamp });
      if (down) {
        e.preventDefault();
        return;
      }
      if (sh || s.kind === 'busy') return;
      if (result.kind === 'scan') {
        e.preventDefault();
        if (s.kind === 'licenceEntry') setScreen({ kind: 'licenceEntry', entry: result.text });
        else if (s.kind === 'licenceFactor') setScreen({ ...s, entry: result.text.replace(/\D/g, '').slice(0, 4) });
        else if (s.kind !== 'bookPerson') submitCode(bookingCodeFrom(result.text));
        return;
      }
      // A person at a keyboard: the entry screens take keys by their physical code too.
      if (result.kind === 'char') {
        if (s.kind === 'code' || s.kind === 'licenceEntry') {
          e.preventDefault();
          setScreen({ ...s, entry: (s.entry + result.char).slice(0, 32) });
        } else if (s.kind === 'licenceFactor' && /\d/.test(result.char)) {
          e.preventDefault();
          setScreen({ ...s, entry: (s.entry + result.char).slice(0, 4) });
        }
      } else if (result.kind === 'enter' && s.kind === 'code' && s.entry && !pressesAControl(e)) {
        e.preventDefault();
        submitCode(s.entry);
      } else if (e.code === 'Backspace' && (s.kind === 'code' || s.kind === 'licenceEntry' || s.kind === 'licenceFactor')) {
        e.preventDefault();
        setScreen({ ...s, entry: s.entry.slice(0, -1) });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // submitCode reads only state setters and the action's stable trigger, so the first one serves.
  }, [decoder]);

  if (token === null || hub.link === 'unauthorized') {
    return (
      <SignIn
        role="kiosk"
        lang={lang}
        refused={hub.link === 'unauthorized' && token !== null}
        onToken={setToken}
      />
    );
  }

  return (
    <div class="kiosk" data-testid="kiosk">
      <KioskView
        lang={lang}
        setLang={setLang}
        screen={shelter ? null : screen}
        unavailable={unavailable && screen.kind !== 'ticket'}
        shelterSince={shelter ? (hub.snapshot?.alert.since ?? null) : null}
        snapshot={hub.snapshot}
        services={services}
        printer={printer}
        go={setScreen}
        home={home}
        submitCode={submitCode}
        submitBooking={(service, time, kind, digits) => submitBooking(service, time, kind, personValue(kind, digits))}
        checkLicence={(n, f) => void checkLicence(n, f)}
        submitPickup={submitPickup}
      />
      <LinkMark link={hub.link} lang={lang} />
    </div>
  );
}
