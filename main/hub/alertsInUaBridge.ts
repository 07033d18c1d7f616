/**
 * alerts.in.ua as an alert source of the hub: polls `/v1/alerts/active.json` (304 while unchanged,
 * never faster than every 15 s) and feeds what it sees for the centre's hromada, raion and oblast to
 * the hub's alert sources and device list (alertFeed.ts).
 */
import { readFileSync } from 'node:fs';
import type { Log } from '../core/log.js';
import type { TalonConfig } from '../config/schema.js';
import { ALERTS_IN_UA_MIN_MS, AlertsInUaClient } from '../../hardware/alerts/alertsInUa.js';
import { SourcePoller } from '../../hardware/alerts/source.js';
import { AlertFeed, locationIds } from './alertFeed.js';
import type { HubExtension, HubPorts } from './extensions.js';

export const ALERTS_IN_UA_SOURCE = 'alertsInUa';

type Settings = NonNullable<TalonConfig['alerts']['alertsInUa']>;

export interface BridgeOptions {
  fetch?: typeof fetch;
  /** false: the test drives `poller.poll()`. */
  autoStart?: boolean;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  log?: Log;
}

export class AlertsInUaBridge implements HubExtension {
  readonly name = 'alerts.in.ua';
  poller: SourcePoller | null = null;

  constructor(
    private readonly settings: Settings,
    private readonly freezeTypes: TalonConfig['alerts']['freezeTypes'] = ['air_raid'],
    private readonly options: BridgeOptions = {},
  ) {}

  attach(ports: HubPorts): void {
    const feed = new AlertFeed({ source: ALERTS_IN_UA_SOURCE, name: 'alerts.in.ua', freezeTypes: this.freezeTypes, location: this.settings.location }, ports, this.options.log);
    let token: string;
    try {
      token = readFileSync(this.settings.tokenFile, 'utf8').trim();
    } catch (err) {
      feed.down(`cannot read the token file ${this.settings.tokenFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      ports.log.warn({ component: 'alertsInUa', tokenFile: this.settings.tokenFile }, 'no token; this alert source is off');
      return;
    }
    const settings = this.settings;
    const client = new AlertsInUaClient({
      token,
      locations: locationIds(this.settings.location),
      baseUrl: this.settings.baseUrl,
      // Read at each request, so a changed setting applies to the next one.
      get timeoutMs() {
        return settings.timeoutMs;
      },
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
    this.poller = new SourcePoller(() => client.read(), {
      everyMs: this.settings.pollEveryMs,
      minMs: ALERTS_IN_UA_MIN_MS,
      ...(this.options.setTimer && { setTimer: this.options.setTimer }),
    });
    this.poller.on('reading', (r) => feed.apply(r));
    if (this.options.autoStart !== false) this.poller.start();
  }

  close(): void {
    this.poller?.stop();
  }
}
