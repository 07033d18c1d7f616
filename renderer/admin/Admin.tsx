/**
 * The administrator's page. The floor tab: the manual alert switch (two deliberate presses), the live
 * floor (desks, queues, suspending a service), today's numbers, every device's state and the link to
 * central, pairing codes for desk consoles, the in-person unblock. The reports tab: any day or month
 * with charts and CSV. The bookings tab: today's bookings with their codes.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { AlertView, BookingView, DeviceView, FloorView, LinkView, PrinterView, ThreatView } from '../../sync/protocol/hub.js';
import { AlertNotices } from './AlertNotices.js';
import type { DayReport } from '../shared/acks.js';
import { forgetToken, initialLang, rememberLang, storedToken, tokenFromShell } from '../shared/bridge.js';
import { LangSwitch, LinkMark, SignIn } from '../shared/components.js';
import { useAction, useDocumentLang, useHubNow } from '../shared/hooks.js';
import { serviceName, t, type Lang, type MessageKey } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';
import { useHub } from '../shared/useHub.js';
import { AlertSwitch } from './AlertSwitch.js';
import { deviceDetail, deviceName } from './deviceWords.js';
import { FloorPanel } from './FloorPanel.js';
import { PairedDevices, type PairedDevicesPort } from './PairedDevices.js';
import { Reports } from './Reports.js';

type Tab = 'overview' | 'reports' | 'bookings';

const NO_ANSWER = { ok: false as const, error: { code: 'NO_ANSWER', message: '' } };

export function Admin() {
  const [lang, setLang] = useState<Lang>(() => initialLang('admin', true));
  const [token, setToken] = useState<string | null>(() => storedToken('admin'));
  const hub = useHub('admin', token, lang, token !== null);
  const client = hub.client;
  const [alert, setAlert] = useState<AlertView | null>(null);
  const [report, setReport] = useState<DayReport | null>(null);
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [threats, setThreats] = useState<ThreatView[]>([]);
  const [link, setLinkView] = useState<LinkView | null>(null);
  const [printer, setPrinter] = useState<PrinterView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [paired, setPaired] = useState<{ desk: number; code: string } | null>(null);
  const [floor, setFloor] = useState<FloorView | null>(null);
  const [tab, setTab] = useState<Tab>('overview');
  const [bookings, setBookings] = useState<BookingView[] | null>(null);
  const now = useHubNow(hub.offsetMs, 15_000);
  const pairedPort = useMemo<PairedDevicesPort | null>(
    () => client && { list: () => client.ask('pairedDevices', {}), revoke: (commandId, device) => client.ask('revokeDevice', { commandId, device }), onList: (l) => client.on('pairedDevices', l) },
    [client],
  );
  useDocumentLang(lang, t(lang, 'admin.pageTitle'));

  const refresh = useCallback(async () => {
    if (!client) return;
    const [r, d, b] = await Promise.all([client.ask('report', {}), client.ask('devices', {}), client.ask('bookings', {})]);
    if (r.ok) {
      setReport(r.report);
      setFloor(r.floor);
    }
    if (b.ok) setBookings(b.bookings);
    if (d.ok) {
      setDevices(d.devices);
      setLinkView(d.link);
      setPrinter(d.printer);
    }
  }, [client]);

  useEffect(() => {
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void refresh();
      }, 500);
    };
    const offs = [
      client.on('snapshot', (s) => {
        setAlert(s.alert);
        void refresh();
      }),
      client.on('alert', setAlert),
      client.on('stats', soon),
      client.on('devices', setDevices),
      client.on('threats', setThreats),
      client.on('link', setLinkView),
    ];
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [client, refresh]);

  const switchAlert = useAction(
    (commandId, active: boolean) => (client ? client.ask('alert', { commandId, active }) : Promise.resolve(NO_ANSWER)),
    (ack) => {
      if (ack.ok) {
        setAlert(ack.alert);
        setMessage(null);
      } else setMessage(ack.error.code === 'NO_ANSWER' ? t(lang, 'reason.noAnswer') : ack.error.message);
    },
  );
  const pair = useAction(
    (commandId, desk: number) => (client ? client.ask('pairDesk', { commandId, desk }) : Promise.resolve(NO_ANSWER)),
    (ack) => {
      if (ack.ok) setPaired({ desk: ack.desk, code: ack.code });
      else setMessage(ack.error.code === 'NO_ANSWER' ? t(lang, 'reason.noAnswer') : ack.error.message);
    },
  );
  const suspend = useAction(
    (commandId, service: string, suspended: boolean) => (client ? client.ask('suspendService', { commandId, service, suspended }) : Promise.resolve(NO_ANSWER)),
    (ack) => {
      if (ack.ok) {
        setMessage(null);
        void refresh();
      } else setMessage(ack.error.code === 'NO_ANSWER' ? t(lang, 'reason.noAnswer') : ack.error.message);
    },
  );
  const [unblocked, setUnblocked] = useState(false);
  const unblock = useAction(
    (commandId, kind: 'taxId' | 'phone' | 'edrpou', value: string) =>
      client ? client.ask('unblockPerson', { commandId, person: { kind, value } as never }) : Promise.resolve(NO_ANSWER),
    (ack) => {
      setUnblocked(ack.ok);
      if (ack.ok) setMessage(null);
      else setMessage(ack.error.code === 'NO_ANSWER' ? t(lang, 'reason.noAnswer') : ack.error.message);
    },
  );
  const changeLang = (l: Lang) => {
    rememberLang('admin', l);
    setLang(l);
  };

  if (token === null || hub.link === 'unauthorized') {
    return (
      <div class="admin-page">
        <header class="admin-header">
          <h1 class="visually-hidden">{t(lang, 'admin.pageTitle')}</h1>
          <LangSwitch lang={lang} onChange={changeLang} />
        </header>
        <SignIn role="admin" lang={lang} refused={hub.link === 'unauthorized' && token !== null} onToken={setToken} />
      </div>
    );
  }

  const tz = hub.snapshot?.centre.timezone ?? 'Europe/Kyiv';
  const desks = hub.snapshot?.desks ?? [];
  const services = hub.snapshot?.services ?? [];
  return (
    <div class="admin-page" data-testid="admin">
      <header class="admin-header">
        <h1>{t(lang, 'admin.title')}</h1>
        <span class="centre">{hub.snapshot?.centre.name}</span>
        <LangSwitch lang={lang} onChange={changeLang} />
        {!tokenFromShell() && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              forgetToken('admin');
              setToken(null);
            }}
          >
            {t(lang, 'signout')}
          </button>
        )}
      </header>
      <nav class="admin-tabs" aria-label={t(lang, 'admin.tabs')}>
        {(['overview', 'reports', 'bookings'] as const).map((k) => (
          <button key={k} type="button" class={`tab ${tab === k ? 'current' : 'secondary'}`} data-testid={`tab-${k}`} aria-current={tab === k ? 'page' : undefined} onClick={() => setTab(k)}>
            {t(lang, k === 'overview' ? 'admin.tabOverview' : k === 'reports' ? 'admin.tabReports' : 'admin.tabBookings')}
          </button>
        ))}
      </nav>
      {tab === 'reports' && (
        <main class="admin-main single">
          <Reports
            lang={lang}
            today={hub.snapshot?.day ?? new Date().toISOString().slice(0, 10)}
            services={services}
            online={hub.link === 'online' && client !== null}
            ask={{
              report: (p) => (client ? client.ask('reportFor', p) : Promise.resolve(NO_ANSWER)),
              csv: (p) => (client ? client.ask('reportCsv', p) : Promise.resolve(NO_ANSWER)),
            }}
          />
        </main>
      )}
      {tab === 'bookings' && (
        <main class="admin-main single">
          <section class="card" aria-labelledby="bookings-title" data-testid="bookings">
            <h2 id="bookings-title">{t(lang, 'bookings.title')}</h2>
            <p>{t(lang, 'bookings.hint')}</p>
            {bookings && bookings.length === 0 && <p>{t(lang, 'bookings.none')}</p>}
            {bookings && bookings.length > 0 && (
              <table class="states bookings-list">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'bookings.time')}</th>
                    <th scope="col">{t(lang, 'bookings.code')}</th>
                    <th scope="col">{t(lang, 'bookings.number')}</th>
                    <th scope="col">{t(lang, 'bookings.service')}</th>
                    <th scope="col">{t(lang, 'bookings.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {bookings.map((b) => (
                    <tr key={b.code} data-code={b.code}>
                      <td>{b.time}</td>
                      <th scope="row" class="code">
                        {b.code}
                      </th>
                      <td>{b.number}</td>
                      <td>{serviceName(lang, services, b.service)}</td>
                      <td>{b.status === 'cancelled' ? t(lang, 'bookings.cancelled') : b.state ? t(lang, `state.${b.state}` as MessageKey) : t(lang, 'bookings.expected')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </main>
      )}
      <main class="admin-main" hidden={tab !== 'overview'}>
        <section class={`card alert-card ${alert?.active ? 'on' : ''}`} aria-labelledby="alert-title" data-testid="alert-card" data-active={alert?.active ? 'yes' : 'no'}>
          <h2 id="alert-title">{t(lang, 'admin.alert')}</h2>
          <p role="status" class="alert-state">
            {alert?.active ? (
              <>
                <span aria-hidden="true">⚠ </span>
                {t(lang, 'admin.alertActive', { time: alert.since ? clockTime(alert.since, tz, lang) : '—' })}
              </>
            ) : (
              t(lang, 'admin.alertNone')
            )}
          </p>
          {alert?.active && !alert.freezes && <p>{t(lang, 'admin.alertNoFreeze')}</p>}
          <AlertNotices threats={threats} alert={alert} lang={lang} tz={tz} />
          <AlertSwitch lang={lang} alert={alert} disabled={!alert || switchAlert.busy || hub.link !== 'online'} onSwitch={(active) => void switchAlert.trigger(active)} />
          {message && (
            <p class="error" role="alert">
              {message}
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="today-title">
          <h2 id="today-title">{t(lang, 'admin.today')}</h2>
          <dl class="numbers" data-testid="today">
            {(['checkedIn', 'served', 'waiting', 'noShows'] as const).map((k) => (
              <div key={k} data-key={k}>
                <dt>{t(lang, `admin.${k}` as MessageKey)}</dt>
                <dd>{report ? report[k] : '—'}</dd>
              </div>
            ))}
          </dl>
        </section>
        <FloorPanel lang={lang} floor={floor} services={services} tz={tz} now={now} busy={suspend.busy || hub.link !== 'online'} onSuspend={(service, suspended) => void suspend.trigger(service, suspended)} />
        <section class="card" aria-labelledby="devices-title">
          <h2 id="devices-title">{t(lang, 'admin.devices')}</h2>
          <table class="states" data-testid="devices">
            <tbody>
              <tr>
                <th scope="row">{t(lang, 'admin.link')}</th>
                <td data-state={link?.state}>
                  {link ? t(lang, link.state === 'offline' ? 'link.offlineState' : (`link.${link.state}` as MessageKey)) : '—'}
                  {link && link.pendingEvents > 0 && <div class="detail">{t(lang, 'admin.pending', { n: link.pendingEvents })}</div>}
                </td>
              </tr>
              <tr>
                <th scope="row">{t(lang, 'admin.printer')}</th>
                <td data-state={printer?.state}>{printer ? t(lang, `printerState.${printer.state}` as MessageKey) : '—'}</td>
              </tr>
              {devices.map((d) => (
                <tr key={d.id} data-device={d.id}>
                  <th scope="row">{deviceName(lang, d, tz)}</th>
                  <td data-state={d.state}>
                    <span aria-hidden="true">{d.state === 'ok' ? '✓ ' : '⚠ '}</span>
                    {t(lang, `device.${d.state}` as MessageKey)}
                    {d.detail && <div class="detail">{deviceDetail(lang, d, tz)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {devices.length === 0 && <p>{t(lang, 'admin.noDevices')}</p>}
        </section>
        <section class="card" aria-labelledby="pair-title">
          <h2 id="pair-title">{t(lang, 'admin.pair')}</h2>
          <form
            class="pair"
            onSubmit={(e) => {
              e.preventDefault();
              const desk = Number(new FormData(e.currentTarget).get('desk'));
              if (desk) void pair.trigger(desk);
            }}
          >
            <label for="pair-desk">{t(lang, 'admin.pairDesk')}</label>
            <select id="pair-desk" name="desk">
              {desks.map((d) => (
                <option key={d.number} value={d.number}>
                  {d.number}
                </option>
              ))}
            </select>
            <button type="submit" disabled={pair.busy || hub.link !== 'online'}>
              {t(lang, 'admin.pairIssue')}
            </button>
          </form>
          {paired && (
            <p role="status" class="pair-code" data-testid="pair-code" data-code={paired.code}>
              {t(lang, 'admin.pairCode', paired)}
            </p>
          )}
        </section>
        <PairedDevices lang={lang} tz={tz} online={hub.link === 'online'} port={pairedPort} />
        <section class="card" aria-labelledby="unblock-title">
          <h2 id="unblock-title">{t(lang, 'admin.unblock')}</h2>
          <p id="unblock-hint">{t(lang, 'admin.unblockHint')}</p>
          <form
            class="pair"
            data-testid="unblock-form"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const kind = String(form.get('kind')) as 'taxId' | 'phone' | 'edrpou';
              const value = String(form.get('value') ?? '').replace(/[\s-]/g, '');
              setUnblocked(false);
              if (value) void unblock.trigger(kind, value);
            }}
          >
            <label for="unblock-kind">{t(lang, 'admin.unblockKind')}</label>
            <select id="unblock-kind" name="kind">
              {(['taxId', 'phone', 'edrpou'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(lang, `person.${k}` as MessageKey)}
                </option>
              ))}
            </select>
            <label for="unblock-value">{t(lang, 'admin.unblockValue')}</label>
            <input id="unblock-value" name="value" autocomplete="off" inputMode="tel" aria-describedby="unblock-hint" />
            <button type="submit" disabled={unblock.busy || hub.link !== 'online'}>
              {t(lang, 'admin.unblockDo')}
            </button>
          </form>
          {unblocked && (
            <p role="status" data-testid="unblocked">
              {t(lang, 'admin.unblocked')}
            </p>
          )}
        </section>
      </main>
      <LinkMark link={hub.link} lang={lang} />
    </div>
  );
}
