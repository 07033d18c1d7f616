/**
 * The citizen's live ticket on a phone (docs/live-ticket.md). Light on data: no framework, one
 * small script; on the hub it stays live over the read-only `/ticket` socket, on central it polls
 * `/v1/tickets/{id}` (every 5 s, every second near the front). A lost link never shows a wrong
 * position: the page says how old what it shows is.
 */
import { composeLiveTicket } from '../../sync/protocol/liveCompose.js';
import type { LiveFloor, LiveOwn, LiveTicket } from '../../sync/protocol/liveTicket.js';
import { WORDS, type Lang } from './words.js';
import './ticket.css';

const STALE_AFTER_MS = 75_000;
const id = (/^\/t\/([0-9a-f]{32})$/.exec(location.pathname) ?? [])[1] ?? '';
const mode = document.querySelector('meta[name="talon-live"]')?.getAttribute('content') === 'poll' ? 'poll' : 'socket';

interface PageState {
  lang: Lang;
  view: LiveTicket | null;
  /** On the hub's socket: the ticket's own part and the floor's shared part the view is made of. */
  own: LiveOwn | null;
  floor: LiveFloor | null;
  /** Page-clock time of the last word from the server (a ticket or a heartbeat). */
  heardAt: number;
  /** Server-clock age of the view when it was heard (poll mode: central's serverTime − updatedAt). */
  ageAtHearing: number;
  /** Server time of the last word heard (a ticket, the floor or a heartbeat): "updated at". */
  lastAt: number;
  online: boolean;
  notFound: boolean;
  sound: boolean;
}

const state: PageState = {
  lang: new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'uk',
  view: null,
  own: null,
  floor: null,
  heardAt: 0,
  ageAtHearing: 0,
  lastAt: 0,
  online: false,
  notFound: false,
  sound: false,
};
let audio: AudioContext | null = null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const clock = (t: number) =>
  new Date(t).toLocaleTimeString(state.lang === 'uk' ? 'uk-UA' : 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Kyiv' });
const shown = (v: { number: number; priority: boolean }) => (v.priority ? `П-${v.number}` : String(v.number));

function stale(): boolean {
  if (!state.view) return false;
  if (!state.online) return true;
  return state.ageAtHearing + (Date.now() - state.heardAt) > STALE_AFTER_MS;
}

function render(): void {
  const w = WORDS[state.lang];
  document.documentElement.lang = state.lang;
  document.title = state.view ? `${shown(state.view)} — ${w.title}` : w.title;
  const app = document.getElementById('app')!;
  const parts: HTMLElement[] = [];

  const header = el('header', 'top');
  header.append(el('h1', null, w.title));
  const langButton = el('button', 'secondary lang', w.lang);
  langButton.lang = state.lang === 'uk' ? 'en' : 'uk';
  langButton.addEventListener('click', () => {
    state.lang = state.lang === 'uk' ? 'en' : 'uk';
    render();
  });
  header.append(langButton);
  parts.push(header);

  const v = state.view;
  if (!v) {
    parts.push(el('p', state.notFound ? 'status error' : 'status', state.notFound ? w.notFound : w.connecting));
    app.replaceChildren(...parts);
    return;
  }
  const old = stale();

  const ticket = el('section', 'ticket');
  ticket.append(el('p', 'service', v.service[state.lang]));
  ticket.append(el('p', 'number', shown(v)));
  if (v.priority) ticket.append(el('p', 'priority', w.priority));
  parts.push(ticket);

  if (v.alert.active && v.alert.frozen && (v.state === 'waiting' || v.state === 'paused')) {
    const alert = el('section', 'alert');
    alert.setAttribute('role', 'alert');
    alert.append(el('p', 'alert-title', w.frozen), el('p', null, w.frozenHint));
    parts.push(alert);
  } else if (v.alert.active && !v.alert.frozen) {
    parts.push(el('p', 'alert shelter', w.shelter));
  }

  const status = el('section', `status state-${v.state}${old ? ' old' : ''}`);
  status.setAttribute('role', 'status');
  switch (v.state) {
    case 'waiting':
      status.append(el('p', 'ahead', w.ahead(v.ahead ?? 0)));
      if (v.waitMinutes !== null && !(v.alert.active && v.alert.frozen)) status.append(el('p', 'wait', w.wait(v.waitMinutes)));
      break;
    case 'called':
      status.append(el('p', 'turn', w.called(v.desk ?? 0)), el('p', null, w.calledHint));
      break;
    case 'serving':
      status.append(el('p', 'turn', w.serving(v.desk ?? 0)));
      break;
    case 'paused':
      status.append(el('p', null, w.paused));
      break;
    case 'done':
      status.append(el('p', null, w.done));
      break;
    case 'no_show':
      status.append(el('p', null, w.noShow));
      break;
    case 'gone':
      status.append(el('p', null, w.gone));
      break;
  }
  parts.push(status);

  const calls = el('section', 'calls');
  calls.append(el('h2', null, w.calls));
  if (v.calls.length === 0) calls.append(el('p', null, w.noCalls));
  else {
    const list = el('ol', null);
    v.calls.forEach((c, i) => list.append(el('li', i === 0 ? 'newest' : null, w.callRow(shown(c), c.desk))));
    calls.append(list);
  }
  parts.push(calls);

  const lastAt = Math.max(state.lastAt, v.updatedAt);
  parts.push(el('p', old ? 'updated old' : 'updated', old ? w.stale(clock(lastAt)) : w.updated(clock(lastAt))));

  const sound = el('button', 'secondary sound', state.sound ? w.soundOn : w.sound);
  sound.disabled = state.sound;
  sound.addEventListener('click', () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
      state.sound = true;
    } catch {
      state.sound = false;
    }
    render();
  });
  parts.push(sound);
  app.replaceChildren(...parts);
}

function beep(): void {
  if (!audio || !state.sound) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.2, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.8);
}

function take(view: LiveTicket, age: number): void {
  const before = state.view;
  state.view = view;
  state.heardAt = Date.now();
  state.ageAtHearing = Math.max(0, age);
  state.online = true;
  state.notFound = false;
  if (view.state === 'called' && (before?.state !== 'called' || before.desk !== view.desk)) {
    navigator.vibrate?.([300, 150, 300, 150, 600]);
    beep();
  }
  render();
}

async function viaSocket(): Promise<void> {
  // Loaded only on the hub's LAN: a phone on mobile data polls central and never downloads it.
  const { io } = await import('socket.io-client');
  const socket = io('/ticket', { auth: { ticket: id, lang: state.lang }, transports: ['websocket'], reconnectionDelay: 1000, reconnectionDelayMax: 10_000 });
  const compose = () => state.own && take(composeLiveTicket(state.own, state.floor), 0);
  socket.on('ticket', (own: LiveOwn) => {
    state.own = own;
    compose();
  });
  socket.on('floor', (floor: LiveFloor) => {
    state.floor = floor;
    compose();
  });
  socket.on('alive', (beat: { at?: unknown }) => {
    state.heardAt = Date.now();
    state.ageAtHearing = 0;
    if (typeof beat?.at === 'number') state.lastAt = beat.at;
    render();
  });
  socket.on('connect', () => {
    state.online = true;
    render();
  });
  socket.on('disconnect', () => {
    state.online = false;
    render();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    state.online = false;
    if (err.data?.code === 'NOT_FOUND') state.notFound = true;
    render();
  });
}

function viaPolling(): void {
  const started = Date.now();
  const next = (ms: number) => setTimeout(poll, ms);
  async function poll(): Promise<void> {
    try {
      const res = await fetch(`/v1/tickets/${id}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
      if (res.status === 404) {
        // Right after check-in central may not have the hub's progress yet: keep asking.
        state.notFound = Date.now() - started > 60_000;
        state.online = true;
        render();
        return void next(state.notFound ? 15_000 : 3000);
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { ticket: LiveTicket; serverTime: number };
      take(body.ticket, body.serverTime - body.ticket.updatedAt);
    } catch {
      state.online = false;
      render();
    }
    const near = state.view && (state.view.state === 'called' || (state.view.state === 'waiting' && (state.view.ahead ?? 99) <= 3));
    next(near ? 1000 : 5000);
  }
  void poll();
}

render();
if (!id) {
  state.notFound = true;
  render();
} else if (mode === 'poll') viaPolling();
else void viaSocket();
// "Updated at" and the stale mark follow the clock even when nothing arrives.
setInterval(render, 5000);
