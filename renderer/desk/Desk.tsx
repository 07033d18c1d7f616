/**
 * The desk console (DESIGN §2): sign-in, the current visitor, the commands with keyboard shortcuts,
 * who waits for this desk (with "call this one"), the queue by service. While an alert freezes the
 * floor every button is disabled with the reason. Presses go through one queue (commandQueue.ts): a
 * key pressed while a command is in flight waits its turn, and one that no longer fits is refused
 * with a reason, never dropped in silence.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { PAUSE_REASONS, type Ack, type DeskView, type HubError, type Snapshot } from '../../sync/protocol/hub.js';
import { forgetToken, initialLang, rememberLang, storedToken, tokenFromShell } from '../shared/bridge.js';
import { LangSwitch, LinkMark, SignIn, Waited } from '../shared/components.js';
import type { HubClient } from '../shared/hubClient.js';
import { useDocumentLang, useHubNow } from '../shared/hooks.js';
import { serviceName, t, type Lang, type MessageKey } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';
import { useHub } from '../shared/useHub.js';
import { CommandQueue, type QueuedCommand } from './commandQueue.js';
import { allowed, blocker, PAUSE_KEY, SHORTCUTS, whyNotFor, type Blocker, type DeskCommand } from './deskRules.js';

type Note = { kind: 'ok' | 'error'; text: string } | null;
type PauseReason = (typeof PAUSE_REASONS)[number];

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
  const [desk, setDeskState] = useState<DeskView | null>(snapshot?.desk ?? null);
  const [alert, setAlert] = useState(snapshot?.alert);
  const [waiting, setWaiting] = useState<Record<string, number>>(snapshot?.stats.waiting ?? {});
  const [note, setNote] = useState<Note>(null);
  const [pending, setPending] = useState(0);
  const [pauseReason, setPauseReason] = useState<PauseReason>('break');
  const now = useHubNow(offsetMs, 15_000);
  // The desk as the last answer left it, read by the queue before each command (a render may lag).
  const deskRef = useRef<DeskView | null>(desk);
  const setDesk = (d: DeskView | null) => {
    deskRef.current = d;
    setDeskState(d);
  };

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

  const services = snapshot?.services ?? [];
  const block: Blocker = blocker(alert, link === 'online', desk?.number);
  const can = (c: DeskCommand) => block === null && desk !== null && allowed(desk, c);
  const commandName = (c: DeskCommand) => t(lang, `cmd.${c}` as MessageKey);
  const targetName = (target: string) => {
    const [kind, value] = target.split(':') as ['service' | 'desk', string];
    return kind === 'desk' ? t(lang, 'desk.title', { n: Number(value) }) : serviceName(lang, services, value);
  };

  const latest = useRef({ client, lang, block, targetName });
  latest.current = { client, lang, block, targetName };

  const queue = useMemo(
    () =>
      new CommandQueue<DeskCommand>({
        check: (job) => {
          const { block: b, lang: l } = latest.current;
          if (b) return t(l, b === 'alert' ? 'reason.alert' : 'reason.offline');
          const d = deskRef.current;
          if (d && allowed(d, job.command)) return null;
          return t(l, 'desk.notNow', { command: t(l, `cmd.${job.command}` as MessageKey), why: whyNotFor(d, job.command) });
        },
        send: (job, commandId) => send(latest.current.client, job, commandId),
        answered: (job, ack) => {
          const l = latest.current.lang;
          if (!ack.ok) {
            setNote({ kind: 'error', text: errorText(l, ack.error) });
            return;
          }
          const body = ack as Ack<{ desk?: DeskView; call?: { number: number }; print?: unknown }> & { ok: true };
          if (body.desk) setDesk(body.desk);
          if (body.call) setNote({ kind: 'ok', text: t(l, 'desk.called', { number: body.call.number }) });
          else if (job.command === 'transfer')
            setNote({ kind: 'ok', text: t(l, 'desk.transferred', { number: Number(job.args[1]), target: latest.current.targetName(String(job.args[0])) }) });
          else if (body.print && body.desk?.current) setNote({ kind: 'ok', text: t(l, 'desk.reprinted', { number: body.desk.current.number }) });
          else setNote(null);
        },
        refused: (_job, reason) => setNote({ kind: 'error', text: reason }),
        changed: setPending,
      }),
    [],
  );

  /** A press: queued behind a command in flight; refused with the reason when it cannot be. */
  const press = (command: DeskCommand, ...args: unknown[]) => {
    if (queue.pending === 0) {
      const reason = latest.current.block;
      if (reason) return setNote({ kind: 'error', text: t(lang, reason === 'alert' ? 'reason.alert' : 'reason.offline') });
    }
    if (queue.push({ command, args }) === 'full') setNote({ kind: 'error', text: t(lang, 'desk.queueFull') });
  };
  const pressRef = useRef(press);
  pressRef.current = press;
  const pauseReasonRef = useRef(pauseReason);
  pauseReasonRef.current = pauseReason;

  // Shortcuts by physical key, so they work under the Ukrainian layout too; not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.code === PAUSE_KEY) {
        e.preventDefault();
        // Paused now, or about to be by a pause still in the queue: P toggles from the last known state.
        pressRef.current(deskRef.current?.status === 'paused' ? 'resume' : 'pause', pauseReasonRef.current);
        return;
      }
      for (const [command, code] of Object.entries(SHORTCUTS) as [DeskCommand, string][]) {
        if (e.code === code) {
          e.preventDefault();
          pressRef.current(command);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const reasonId = block ? 'block-reason' : undefined;
  const button = (command: DeskCommand, extra = '', ...args: unknown[]) => {
    const key = SHORTCUTS[command] ?? (command === 'pause' || command === 'resume' ? PAUSE_KEY : undefined);
    return (
      <button
        type="button"
        class={`cmd cmd-${command} ${extra}`}
        data-testid={`cmd-${command}`}
        disabled={!can(command)}
        aria-describedby={reasonId}
        aria-keyshortcuts={key ? key.slice(3) : undefined}
        onClick={() => press(command, ...args)}
      >
        {commandName(command)}
        {key && <kbd aria-hidden="true">{key.slice(3)}</kbd>}
      </button>
    );
  };

  const current = desk?.current ?? null;
  const paused = desk?.status === 'paused';
  const list = desk?.waiting ?? [];
  const tz = snapshot?.centre.timezone ?? 'Europe/Kyiv';
  return (
    <div class="desk-page" data-testid="desk" data-blocked={block ?? 'none'} data-pending={pending}>
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
                <dd>{current.time || '—'}</dd>
              </div>
              <div>
                <dt>{t(lang, 'desk.waited')}</dt>
                <dd>
                  <Waited lang={lang} since={current.checkedInAt} until={current.calledAt ?? now} />
                </dd>
              </div>
            </dl>
          ) : paused ? (
            <p class="none paused-note" data-testid="no-visitor" data-paused={desk.pauseReason ?? 'other'}>
              {t(lang, 'desk.pausedFor', { reason: desk.pauseReason ?? 'other', time: desk.since ? clockTime(desk.since, tz, lang) : '—' })}
            </p>
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
            {button('reprint')}
          </div>
          <div class="row pause-row">
            {paused ? (
              button('resume')
            ) : (
              <>
                <label for="pause-reason">{t(lang, 'pause.reason')}</label>
                <select
                  id="pause-reason"
                  data-testid="pause-reason"
                  value={pauseReason}
                  disabled={!can('pause')}
                  aria-describedby={reasonId}
                  onChange={(e) => setPauseReason(e.currentTarget.value as PauseReason)}
                >
                  {PAUSE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(lang, `pause.${r}` as MessageKey)}
                    </option>
                  ))}
                </select>
                {button('pause', '', pauseReason)}
              </>
            )}
          </div>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              const value = new FormData(e.currentTarget).get('target');
              // The number goes with the command: the desk is free again by the time the answer comes.
              if (typeof value === 'string' && value && current) press('transfer', value, current.number);
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
            <button type="submit" data-testid="cmd-transfer" disabled={!can('transfer')} aria-describedby={reasonId}>
              {t(lang, 'cmd.transfer')}
            </button>
          </form>
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              const value = Number(new FormData(e.currentTarget).get('number'));
              if (Number.isInteger(value) && value > 0) press('callNumber', value);
            }}
          >
            <label for="call-number">{t(lang, 'callNumber.label')}</label>
            <input id="call-number" name="number" type="number" min={1} max={99999} inputMode="numeric" data-testid="call-number" disabled={!can('callNumber')} aria-describedby={reasonId} />
            <button type="submit" data-testid="cmd-callNumber" disabled={!can('callNumber')} aria-describedby={reasonId}>
              {t(lang, 'cmd.callNumber')}
            </button>
          </form>
          <p class={`note ${note?.kind ?? ''}`} role="status" aria-live="polite" data-testid="note" data-kind={note?.kind ?? ''}>
            {note?.text ?? ''}
          </p>
          <p class="shortcuts" data-testid="shortcuts">
            {t(lang, paused ? 'shortcutsPaused' : 'shortcuts')}
          </p>
        </section>
        <section class="queue" aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t(lang, 'waiting.title')}</h2>
          {list.length === 0 ? (
            <p data-testid="waiting-none">{t(lang, 'waiting.none')}</p>
          ) : (
            <table data-testid="waiting-list" class="waiting-list">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'waiting.number')}</th>
                  <th scope="col">{t(lang, 'waiting.time')}</th>
                  <th scope="col">{t(lang, 'waiting.waited')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t(lang, 'waiting.call')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr key={v.bookingId} data-number={v.number}>
                    <th scope="row">
                      {v.number}
                      {v.priority && <span class="tag"> {t(lang, 'board.priority')}</span>}
                      <div class="detail">{serviceName(lang, services, v.service)}</div>
                    </th>
                    <td>{v.time || '—'}</td>
                    <td>
                      <Waited lang={lang} since={v.checkedInAt} until={now} />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="cmd call-this"
                        data-testid="call-this"
                        data-number={v.number}
                        disabled={!can('callNumber')}
                        aria-describedby={reasonId}
                        aria-label={t(lang, 'waiting.callLabel', { number: v.number })}
                        onClick={() => press('callNumber', v.number)}
                      >
                        {t(lang, 'waiting.call')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {list.length >= 20 && <p class="detail">{t(lang, 'waiting.more', { n: list.length })}</p>}
          <h2 id="queue-title">{t(lang, 'queue.title')}</h2>
          <table data-testid="queue" aria-labelledby="queue-title">
            <tbody>
              {services.map((s) => {
                const mine = desk?.services.includes(s.code);
                return (
                  <tr key={s.code} class={`${mine ? 'mine' : ''} ${s.suspended ? 'suspended' : ''}`} data-service={s.code} data-suspended={s.suspended ? 'yes' : 'no'}>
                    <th scope="row">
                      {s[lang]}
                      {mine && <span class="mine-tag"> ({t(lang, 'queue.mine')})</span>}
                      {s.suspended && <div class="suspended-tag">{t(lang, 'queue.suspended')}</div>}
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

/** One queued command to the hub, or "no answer" when there is no link. */
function send(client: HubClient<'desk'> | null, job: QueuedCommand<DeskCommand>, commandId: string): Promise<Ack> {
  if (!client) return Promise.resolve(offline());
  const [arg] = job.args;
  switch (job.command) {
    case 'transfer': {
      const [kind, value] = String(arg).split(':') as ['service' | 'desk', string];
      return client.ask('transfer', kind === 'desk' ? { commandId, desk: Number(value) } : { commandId, service: value });
    }
    case 'callNumber':
      return client.ask('callNumber', { commandId, number: Number(arg) });
    case 'pause':
      return client.ask('pause', { commandId, reason: (arg as PauseReason | undefined) ?? 'other' });
    default:
      return client.ask(job.command, { commandId } as never);
  }
}

function offline(): Ack<never> {
  return { ok: false, error: { code: 'NO_ANSWER', message: '' } };
}

function errorText(lang: Lang, error: HubError): string {
  if (error.code === 'NO_ANSWER') return t(lang, 'reason.noAnswer');
  return error.message;
}
