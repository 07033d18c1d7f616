/**
 * Desk consoles paired with a code (main/hub/pairedDevices.ts): desk, when paired, when and from
 * where last seen, and a Revoke that takes a second, deliberate press, as the alert switch does. A
 * revoked console is signed out at once; its row stays, marked, so the administrator sees what was done.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Ack, PairedDeviceView, ServerEvents } from '../../sync/protocol/hub.js';
import { useAction } from '../shared/hooks.js';
import { t, type Lang } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';

export interface PairedDevicesPort {
  list(): Promise<Ack<{ devices: PairedDeviceView[] }>>;
  revoke(commandId: string, device: string): Promise<Ack<{ devices: PairedDeviceView[] }>>;
  /** The hub's pushes of the list after each pairing and revocation; returns the unsubscribe. */
  onList(listener: (devices: ServerEvents['pairedDevices']) => void): () => void;
}

const LOCALES: Record<Lang, string> = { uk: 'uk-UA', en: 'en-GB' };

/** `02.12 09:41`: the day too, since a console may have been paired weeks ago. */
export function seenAt(ms: number, tz: string, lang: Lang): string {
  const day = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: tz, day: '2-digit', month: '2-digit' }).format(ms);
  return `${day} ${clockTime(ms, tz, lang)}`;
}

export function PairedDevices({ lang, tz, online, port }: { lang: Lang; tz: string; online: boolean; port: PairedDevicesPort | null }) {
  const [devices, setDevices] = useState<PairedDeviceView[] | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!port || !online) return;
    let live = true;
    void port.list().then((ack) => {
      if (live && ack.ok) setDevices(ack.devices);
    });
    const off = port.onList((list) => setDevices(list));
    return () => {
      live = false;
      off();
    };
  }, [port, online]);

  const revoke = useAction(
    (commandId, device: string) => (port ? port.revoke(commandId, device) : Promise.resolve({ ok: false as const, error: { code: 'NO_ANSWER', message: '' } })),
    (ack) => {
      if (ack.ok) {
        setDevices(ack.devices);
        setError(null);
      } else setError(ack.error.code === 'NO_ANSWER' ? t(lang, 'reason.noAnswer') : ack.error.message);
    },
  );

  return (
    <section class="card" aria-labelledby="paired-title" data-testid="paired-devices">
      <h2 id="paired-title">{t(lang, 'admin.pairedTitle')}</h2>
      {devices && devices.length === 0 && <p>{t(lang, 'admin.pairedNone')}</p>}
      {devices && devices.length > 0 && (
        <table class="states paired-list">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'admin.pairedDesk')}</th>
              <th scope="col">{t(lang, 'admin.pairedAt')}</th>
              <th scope="col">{t(lang, 'admin.pairedSeen')}</th>
              <th scope="col">{t(lang, 'admin.pairedAddress')}</th>
              <th scope="col">{t(lang, 'admin.pairedState')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id} data-revoked={d.revokedAt === null ? 'no' : 'yes'}>
                <th scope="row">{d.desk}</th>
                <td>{seenAt(d.pairedAt, tz, lang)}</td>
                <td>{d.lastSeen === null ? '—' : seenAt(d.lastSeen, tz, lang)}</td>
                <td class="address">{d.address ?? '—'}</td>
                <td>
                  {d.revokedAt !== null ? (
                    t(lang, 'admin.pairedRevoked', { time: seenAt(d.revokedAt, tz, lang) })
                  ) : asking === d.id ? (
                    <div class="revoke-ask" role="group" aria-labelledby={`revoke-ask-${d.id}`}>
                      <p id={`revoke-ask-${d.id}`}>{t(lang, 'admin.revokeAsk', { desk: d.desk })}</p>
                      <button type="button" class="secondary" data-testid="revoke-cancel" onClick={() => setAsking(null)}>
                        {t(lang, 'admin.alertCancel')}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        data-testid="revoke-confirm"
                        disabled={!online || revoke.busy}
                        onClick={() => {
                          setAsking(null);
                          void revoke.trigger(d.id);
                        }}
                      >
                        {t(lang, 'admin.revokeConfirm')}
                      </button>
                    </div>
                  ) : (
                    <>
                      {t(lang, 'admin.pairedActive')}{' '}
                      <button type="button" class="secondary" data-testid="revoke" disabled={!online || revoke.busy} onClick={() => setAsking(d.id)}>
                        {t(lang, 'admin.revoke')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
