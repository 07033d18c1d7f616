/**
 * The desk console (DESIGN §2): sign-in, the current visitor, the commands with keyboard shortcuts,
 * the queue by service. While an alert freezes the floor every button is disabled with the reason.
 * Each press is one command with its own commandId; a press while one is in flight does nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ack, DeskView, HubError, Snapshot } from '../../sync/protocol/hub.js';
import { forgetToken, initialLang, rememberLang, storedToken, tokenFromShell } from '../shared/bridge.js';
import { LangSwitch, LinkMark, SignIn } from '../shared/components.js';
import type { HubClient } from '../shared/hubClient.js';
import { useAction, useDocumentLang, useHubNow } from '../shared/hooks.js';
import { serviceName, t, type Lang, type MessageKey } from '../shared/i18n.js';
import { minutesBetween } from '../shared/time.js';
import { useHub } from '../shared/useHub.js';
import { allowed, blocker, PAUSE_KEY, SHORTCUTS, type Blocker, type DeskCommand } from './deskRules.js';

type Note = { kind: 'ok' | 'error'; text: string } | null;

export function Desk() {
  const [lang, setLang] = useState<Lang>(() => initialLang('desk', true));
  const [token, setToken] = useState<string | null>(() => storedToken('desk'));
  const hub = useHub('desk', token, lang, token !== null);
  useDocumentLang(lang, t(lang, 'desk.pageTitle'));
  const changeLang = (l: Lang) => {
    rememberLang('desk', l);
    setLang(l);
  };
  const signOut = () => {
    forgetToken('desk');
    setToken(null);
  };

  if (token === null || hub.link === 'unauthorized') {
    return (
      <div class="desk-page">
        <header class="desk-header">
          <h1 class="visually-hidden">{t(lang, 'desk.pageTitle')}</h1>
          <LangSwitch lang={lang} onChange={changeLang} />
        </header>
        <SignIn
          role="desk"
          lang={lang}
          refused={hub.link === 'unauthorized' && token !== null}
          onToken={(tk) => setToken(tk)}
        />
      </div>
    );
  }
  return <Console lang={lang} changeLang={changeLang} signOut={signOut} client={hub.client} link={hub.link} snapshot={hub.snapshot} offsetMs={hub.offsetMs} />;
}

function Console({
  lang,
  changeLang,
  signOut,
  client,
  link,
  snapshot,
  offsetMs,
}: {
  lang: Lang;
  changeLang: (l: Lang) => void;
  signOut: () => void;
  client: HubClient<'desk'> | null;
  link: ReturnType<typeof useHub>['link'];
  snapshot: Snapshot | null;
  offsetMs: number;
}) {
  const [desk, setDesk] = useState<DeskView | null>(snapshot?.desk ?? null);
  const [alert, setAlert] = useState(snapshot?.alert);
  const [waiting, setWaiting] = useState<Record<string, number>>(snapshot?.stats.waiting ?? {});
  const [note, setNote] = useState<Note>(null);
  const now = useHubNow(offsetMs, 15_000);

  useEffect(() => {
    if (!snapshot) return;
    setDesk(snapshot.desk ?? null);
    setAlert(snapshot.alert);
    setWaiting(snapshot.stats.waiting);
  }, [snapshot]);
  useEffect(() => {
    if (!client) return;
    const offs = [client.on('desk', setDesk), client.on('alert', setAlert), client.on('queue', setWaiting)];
    return () => offs.forEach((off) => off());
  }, [client]);

  const report = (ack: Ack<{ desk?: DeskView; call?: { number: number }; print?: unknown }>) => {
    if (ack.ok) {
      if (ack.desk) setDesk(ack.desk);
      if (ack.call) setNote({ kind: 'ok', text: t(lang, 'desk.called', { number: ack.call.number }) });
      else if (ack.print && ack.desk?.current) setNote({ kind: 'ok', text: t(lang, 'desk.reprinted', { number: ack.desk.current.number }) });
      else setNote(null);
    } else setNote({ kind: 'error', text: errorText(lang, ack.error) });
  };
  const ask = <E extends 'callNext' | 'recall' | 'start' | 'finish' | 'noShow' | 'pause' | 'resume' | 'reprint'>(event: E) =>
    useAction((commandId) => (client ? client.ask(event, { commandId } as never) : Promise.resolve(offline())), report);
  const actions = {
    callNext: ask('callNext'),
    recall: ask('recall'),
    start: ask('start'),
    finish: ask('finish'),
    noShow: ask('noShow'),
    pause: ask('pause'),
    resume: ask('resume'),
    reprint: ask('reprint'),
  };
  const transfer = useAction<{ desk: DeskView }, [string]>(
    (commandId, target) => {
      if (!client) return Promise.resolve(offline());
      const [kind, value] = target.split(':') as ['service' | 'desk', string];
      return client.ask('transfer', kind === 'desk' ? { commandId, desk: Number(value) } : { commandId, service: value });
    },
    report,
  );
  const callNumber = useAction<{ desk: DeskView }, [number]>(
    (commandId, number) => (client ? client.ask('callNumber', { commandId, number }) : Promise.resolve(offline())),
    report,
  );

  const block: Blocker = blocker(alert, link === 'online', desk?.number);
  const can = (c: DeskCommand) => block === null && desk !== null && allowed(desk, c);
  const latest = useRef({ actions, can, desk });
  latest.current = { actions, can, desk };

  // Shortcuts by physical key, so they work under the Ukrainian layout too; not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      const { actions: a, can: c, desk: d } = latest.current;
      if (e.code === PAUSE_KEY) {
        const which = d?.status === 'paused' ? 'resume' : 'pause';
        if (c(which)) {
          e.preventDefault();
          void a[which].trigger();
        }
        return;
      }
      for (const [command, code] of Object.entries(SHORTCUTS) as [keyof typeof a, string][]) {
        if (e.code === code && c(command)) {
          e.preventDefault();
          void a[command].trigger();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const services = snapshot?.services ?? [];
  const reasonId = block ? 'block-reason' : undefined;
  const button = (command: keyof typeof actions, extra = '') => {
    const action = actions[command];
    const key = SHORTCUTS[command as DeskCommand] ?? (command === 'pause' || command === 'resume' ? PAUSE_KEY : undefined);
    return (
      <button
        type="button"
        class={`cmd cmd-${command} ${extra}`}
        data-testid={`cmd-${command}`}
        disabled={!can(command) || action.busy}
        aria-describedby={reasonId}
        aria-keyshortcuts={key ? key.slice(3) : undefined}
        onClick={() => void action.trigger()}
      >
        {t(lang, `cmd.${command}` as MessageKey)}
        {key && <kbd aria-hidden="true">{key.slice(3)}</kbd>}
      </button>
    );
  };

  const current = desk?.current ?? null;
  return (
    <div class="desk-page" data-testid="desk" data-blocked={block ?? 'none'}>
      <header class="desk-header">
        <h1>{desk ? t(lang, 'desk.title', { n: desk.number }) : t(lang, 'desk.pageTitle')}</h1>
        <span class="centre">{snapshot?.centre.name}</span>
        <LangSwitch lang={lang} onChange={changeLang} />
        {!tokenFromShell() && (
          <button type="button" class="secondary" onClick={signOut} data-testid="signout">
            {t(lang, 'signout')}
          </button>
        )}
      </header>
      {block && (
        <p id="block-reason" class={`block-reason block-${block}`} role="alert" data-testid="block-reason">
          <span aria-hidden="true">⚠ </span>
          {t(lang, block === 'alert' ? 'reason.alert' : 'reason.offline')}
        </p>
      )}
      <main class="desk-main">
        <section class="current" aria-labelledby="current-title" data-testid="current">
          <h2 id="current-title">{t(lang, 'desk.current')}</h2>
          {desk?.status === 'paused' && <p class="paused-note">{t(lang, 'desk.paused')}</p>}
          {current ? (
            <dl data-number={current.number} data-state={current.state}>
              <div class="big">
                <dt class="visually-hidden">{t(lang, 'board.ticket')}</dt>
                <dd data-testid="current-number">{current.number}</dd>
              </div>
              <div>
                <dt>{t(lang, 'desk.stateLabel')}</dt>
                <dd data-testid="current-state">{t(lang, `state.${current.state}` as MessageKey)}</dd>
              </div>
              <div>
                <dt>{t(lang, 'desk.service')}</dt>
                <dd>{serviceName(lang, services, current.service)}</dd>
              </div>
              <div>
                <dt>{t(lang, 'desk.bookedAt')}</dt>
                <dd>{current.time}</dd>
              </div>
              <div>
                <dt>{t(lang, 'desk.waited')}</dt>
                <dd>{current.checkedInAt === null ? '—' : t(lang, 'minutes', { n: minutesBetween(current.checkedInAt, current.calledAt ?? now) })}</dd>
              </div>
            </dl>
          ) : (
            <p class="none" data-testid="no-visitor">
              {t(lang, 'desk.none')}
            </p>
          )}
        </section>
        <section class="commands" aria-label={t(lang, 'desk.pageTitle')}>
          <div class="row primary">
            {button('callNext', 'main')}
            {button('recall')}
            {button('start')}
            {button('finish')}
            {button('noShow')}
            {desk?.status === 'paused' ? button('resume') : button('pause')}
            {button('reprint')}
          </div>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              const value = new FormData(e.currentTarget).get('target');
              if (typeof value === 'string' && value) void transfer.trigger(value);
            }}
          >
            <label for="transfer-target">{t(lang, 'cmd.transfer')}</label>
            <select id="transfer-target" name="target" data-testid="transfer-target" disabled={!can('transfer')} aria-describedby={reasonId}>
              <optgroup label={t(lang, 'transfer.toService')}>
                {services
                  .filter((s) => s.code !== current?.service)
                  .map((s) => (
                    <option key={s.code} value={`service:${s.code}`}>
                      {s[lang]}
                    </option>
                  ))}
              </optgroup>
              <optgroup label={t(lang, 'transfer.toDesk')}>
                {(snapshot?.desks ?? [])
                  .filter((d) => d.number !== desk?.number)
                  .map((d) => (
                    <option key={d.number} value={`desk:${d.number}`}>
                      {t(lang, 'desk.title', { n: d.number })}
                    </option>
                  ))}
              </optgroup>
            </select>
            <button type="submit" data-testid="cmd-transfer" disabled={!can('transfer') || transfer.busy} aria-describedby={reasonId}>
              {t(lang, 'cmd.transfer')}
            </button>
          </form>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              const value = Number(new FormData(e.currentTarget).get('number'));
              if (Number.isInteger(value) && value > 0) void callNumber.trigger(value);
            }}
          >
            <label for="call-number">{t(lang, 'callNumber.label')}</label>
            <input id="call-number" name="number" type="number" min={1} max={99999} inputMode="numeric" data-testid="call-number" disabled={!can('callNumber')} aria-describedby={reasonId} />
            <button type="submit" data-testid="cmd-callNumber" disabled={!can('callNumber') || callNumber.busy} aria-describedby={reasonId}>
              {t(lang, 'cmd.callNumber')}
            </button>
          </form>
          <p class={`note ${note?.kind ?? ''}`} role="status" aria-live="polite" data-testid="note">
            {note?.text ?? ''}
          </p>
          <p class="shortcuts">{t(lang, 'shortcuts')}</p>
        </section>
        <section class="queue" aria-labelledby="queue-title">
          <h2 id="queue-title">{t(lang, 'queue.title')}</h2>
          <table data-testid="queue">
            <tbody>
              {services.map((s) => {
                const mine = desk?.services.includes(s.code);
                return (
                  <tr key={s.code} class={mine ? 'mine' : ''} data-service={s.code}>
                    <th scope="row">
                      {s[lang]}
                      {mine && <span class="mine-tag"> ({t(lang, 'queue.mine')})</span>}
                    </th>
                    <td>{waiting[s.code] ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </main>
      <LinkMark link={link} lang={lang} />
    </div>
  );
}

function offline(): Ack<never> {
  return { ok: false, error: { code: 'NO_ANSWER', message: '' } };
}

function errorText(lang: Lang, error: HubError): string {
  if (error.code === 'NO_ANSWER') return t(lang, 'reason.noAnswer');
  return error.message;
}
