/**
 * What the official sources report, by type, on the admin's alert card (docs/alerts.md): an alert
 * type the config does not let freeze (shelling, urban fights…) is shown here and stops nothing. And,
 * during an alert, which desks go on serving in the shelter.
 */
import type { AlertView, ThreatView } from '../../sync/protocol/hub.js';
import { t, type Lang, type MessageKey } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';

export function AlertNotices({ threats, alert, lang, tz }: { threats: ThreatView[]; alert: AlertView | null; lang: Lang; tz: string }) {
  const shelter = alert?.active && alert.freezes ? (alert.shelterDesks ?? []) : [];
  return (
    <>
      {shelter.length > 0 && (
        <p data-testid="shelter-desks">{t(lang, 'admin.shelterDesks', { desks: shelter.join(', ') })}</p>
      )}
      {threats.length > 0 && (
        <ul class="threats" data-testid="threats" aria-label={t(lang, 'admin.threats')}>
          {threats.map((x) => (
            <li key={`${x.source}-${x.type}-${x.location}`} data-type={x.type} data-freezes={x.freezes ? 'yes' : 'no'}>
              <strong>{t(lang, `alertType.${x.type}` as MessageKey)}</strong>
              {' — '}
              {x.location}
              {x.since !== null && `, ${clockTime(x.since, tz, lang)}`}
              {' · '}
              {x.source}
              <div class="detail">{t(lang, x.freezes ? 'admin.threatFreezes' : 'admin.threatShown')}</div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
