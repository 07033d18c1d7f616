/**
 * alerts.in.ua as an alert source of the hub: its readings go to the hub's alert sources, its link
 * to the device list. "P" (alert in part of the location) counts as an alert unless the config says
 * otherwise: a centre configured with its oblast's uid cannot tell which part.
 */
import { readFileSync } from 'node:fs';
import type { TalonConfig } from '../config/schema.js';
import { AlertsInUaPoller, type Reading } from '../../hardware/alerts/alertsInUa.js';
import type { HubExtension, HubPorts } from './extensions.js';

export const ALERTS_IN_UA_SOURCE = 'alertsInUa';

type Settings = NonNullable<TalonConfig['alerts']['alertsInUa']>;

export class AlertsInUaBridge implements HubExtension {
  readonly name = 'alerts.in.ua';
  poller: AlertsInUaPoller | null = null;

  constructor(
    private readonly settings: Settings,
    private readonly options: { fetch?: typeof fetch; autoStart?: boolean } = {},
  ) {}

  attach(ports: HubPorts): void {
    const report = (state: 'ok' | 'degraded' | 'down', detail: string) =>
      ports.devices.report({ id: 'alerts:alertsInUa', kind: 'alertSource', name: `alerts.in.ua, location ${this.settings.locationUid}`, state, detail });
    let token: string;
    try {
      token = readFileSync(this.settings.tokenFile, 'utf8').trim();
    } catch (err) {
      report('down', `cannot read the token file ${this.settings.tokenFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      ports.log.child({ component: 'alertsInUa' }).warn({ tokenFile: this.settings.tokenFile }, 'no token; this alert source is off');
      return;
    }
    const poller = new AlertsInUaPoller({
      token,
      locationUid: this.settings.locationUid,
      baseUrl: this.settings.baseUrl,
      everyMs: this.settings.pollEveryMs,
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
    this.poller = poller;
    poller.on('reading', (r: Reading) => {
      if (!r.ok) {
        // No answer is no news: the floor keeps the state it has rather than guessing.
        report(r.error.code === 'RATE_LIMITED' ? 'degraded' : 'down', `${r.error.code}: ${r.error.detail}`);
        ports.log.child({ component: 'alertsInUa' }).warn({ code: r.error.code, detail: r.error.detail }, 'alerts.in.ua did not answer well');
        return;
      }
      const active = r.status === 'A' || (r.status === 'P' && this.settings.partial === 'alert');
      report('ok', { A: 'alert', P: 'alert in part of the location', N: 'no alert' }[r.status]);
      ports.alerts.report(ALERTS_IN_UA_SOURCE, active);
    });
    if (this.options.autoStart !== false) poller.start();
  }

  close(): void {
    this.poller?.stop();
  }
}
