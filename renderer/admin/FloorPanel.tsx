/**
 * The live floor: each desk's state (free, calling, serving, paused with its reason), its ticket and
 * since when; who waits per service and the longest wait; suspending and resuming a service.
 */
import type { FloorView } from '../../sync/protocol/hub.js';
import { Waited } from '../shared/components.js';
import { serviceName, t, type Lang } from '../shared/i18n.js';
import { clockTime, minutesBetween } from '../shared/time.js';

export function FloorPanel({
  lang,
  floor,
  services,
  tz,
  now,
  busy,
  onSuspend,
}: {
  lang: Lang;
  floor: FloorView | null;
  services: readonly { code: string; uk: string; en: string }[];
  tz: string;
  now: number;
  busy: boolean;
  onSuspend: (service: string, suspended: boolean) => void;
}) {
  const since = (at: number | null) => (at === null ? '—' : t(lang, 'floor.sinceValue', { time: clockTime(at, tz, lang), minutes: minutesBetween(at, now) }));
  return (
    <section class="card floor-card" aria-labelledby="floor-title" data-testid="floor">
      <h2 id="floor-title">{t(lang, 'floor.title')}</h2>
      <table class="states floor-desks" data-testid="floor-desks">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'floor.desk')}</th>
            <th scope="col">{t(lang, 'floor.state')}</th>
            <th scope="col">{t(lang, 'floor.number')}</th>
            <th scope="col">{t(lang, 'floor.since')}</th>
          </tr>
        </thead>
        <tbody>
          {(floor?.desks ?? []).map((d) => (
            <tr key={d.desk} data-desk={d.desk} data-state={d.state} data-reason={d.pauseReason ?? ''}>
              <th scope="row">{d.desk}</th>
              <td class={`desk-state desk-state-${d.state}`}>
                {d.state === 'paused' ? t(lang, 'floor.paused', { reason: d.pauseReason ?? 'other' }) : t(lang, `floor.${d.state}`)}
                {d.service && <div class="detail">{serviceName(lang, services, d.service)}</div>}
              </td>
              <td>{d.number ?? '—'}</td>
              <td>{since(d.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t(lang, 'floor.services')}</h3>
      <p data-testid="longest-wait">
        {floor?.longestWaitSince != null ? t(lang, 'floor.longestAll', { minutes: minutesBetween(floor.longestWaitSince, now) }) : t(lang, 'floor.nobodyWaits')}
      </p>
      <table class="states floor-services" data-testid="floor-services">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'floor.service')}</th>
            <th scope="col">{t(lang, 'floor.waiting')}</th>
            <th scope="col">{t(lang, 'floor.longest')}</th>
            <th scope="col">{t(lang, 'floor.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(floor?.services ?? []).map((s) => {
            const name = serviceName(lang, services, s.service);
            return (
              <tr key={s.service} data-service={s.service} data-suspended={s.suspended ? 'yes' : 'no'}>
                <th scope="row">
                  {name}
                  {s.suspended && <div class="suspended-tag">{t(lang, 'floor.suspended')}</div>}
                </th>
                <td>{s.waiting}</td>
                <td>
                  <Waited lang={lang} since={s.longestWaitSince} until={now} />
                </td>
                <td>
                  <button
                    type="button"
                    class="secondary"
                    data-testid="suspend"
                    data-service={s.service}
                    disabled={busy}
                    aria-label={t(lang, s.suspended ? 'floor.resumeLabel' : 'floor.suspendLabel', { service: name })}
                    onClick={() => onSuspend(s.service, !s.suspended)}
                  >
                    {t(lang, s.suspended ? 'floor.resume' : 'floor.suspend')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
