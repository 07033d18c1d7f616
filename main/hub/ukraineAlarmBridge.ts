/**
 * The official "Повітряна тривога" API (api.ukrainealarm.com v3) as an alert source of the hub: the
 * status counter is polled, the centre's regions are read when it moves, and a webhook call (where the
 * API can reach the hub) makes the hub read at once. What it sees goes through alertFeed.ts.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '../core/log.js';
import type { TalonConfig } from '../config/schema.js';
import { SourcePoller } from '../../hardware/alerts/source.js';
import { UkraineAlarmClient } from '../../hardware/alerts/ukraineAlarm.js';
import { AlertFeed, locationIds } from './alertFeed.js';
import type { HubExtension, HubPorts } from './extensions.js';
import { WEBHOOK_PREFIX, webhookRoute } from './ukraineAlarmWebhook.js';

export const UKRAINE_ALARM_SOURCE = 'ukraineAlarm';

type Settings = NonNullable<TalonConfig['alerts']['ukraineAlarm']>;

export interface UkraineAlarmBridgeOptions {
  fetch?: typeof fetch;
  autoStart?: boolean;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  log?: Log;
}

function readSecret(file: string): { ok: true; value: string } | { ok: false; detail: string } {
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value ? { ok: true, value } : { ok: false, detail: `the file ${file} is empty` };
  } catch (err) {
    return { ok: false, detail: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

export class UkraineAlarmBridge implements HubExtension {
  readonly name = 'ukrainealarm';
  poller: SourcePoller | null = null;
  private hook: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | null = null;

  constructor(
    private readonly settings: Settings,
    private readonly freezeTypes: TalonConfig['alerts']['freezeTypes'] = ['air_raid'],
    private readonly options: UkraineAlarmBridgeOptions = {},
  ) {}

  attach(ports: HubPorts): void {
    const feed = new AlertFeed({ source: UKRAINE_ALARM_SOURCE, name: 'Повітряна тривога (ukrainealarm)', freezeTypes: this.freezeTypes, location: this.settings.location }, ports, this.options.log);
    const token = readSecret(this.settings.tokenFile);
    if (!token.ok) {
      feed.down(`no API key: ${token.detail}`);
      ports.log.warn({ component: 'ukraineAlarm', detail: token.detail }, 'no API key; this alert source is off');
      return;
    }
    const settings = this.settings;
    const client = new UkraineAlarmClient({
      token: token.value,
      locations: locationIds(this.settings.location),
      baseUrl: this.settings.baseUrl,
      // Read at each request, so a changed setting applies to the next one.
      get timeoutMs() {
        return settings.timeoutMs;
      },
      ...(this.options.fetch && { fetch: this.options.fetch }),
    });
    const poller = new SourcePoller((force) => client.read(force), {
      everyMs: this.settings.pollEveryMs,
      ...(this.options.setTimer && { setTimer: this.options.setTimer }),
    });
    this.poller = poller;
    poller.on('reading', (r) => feed.apply(r));
    const webhook = this.settings.webhook;
    if (webhook) {
      const secret = readSecret(webhook.secretFile);
      if (!secret.ok) ports.log.warn({ component: 'ukraineAlarm', detail: secret.detail }, 'no webhook secret; the webhook is off, polling goes on');
      else {
        this.hook = webhookRoute(secret.value, () => void poller.poll(true));
        if (webhook.publicUrl) {
          const url = `${webhook.publicUrl.replace(/\/$/, '')}${WEBHOOK_PREFIX}${secret.value}`;
          // In the background: an API out of reach must not hold up the hub's start.
          void client.subscribe(url).then((subscribed) => {
            if (!subscribed.ok) ports.log.warn({ component: 'ukraineAlarm', detail: subscribed.detail }, 'the webhook subscription failed; polling goes on');
          });
        }
      }
    }
    if (this.options.autoStart !== false) poller.start();
  }

  route(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    return this.hook ? this.hook(req, res, path) : false;
  }

  close(): void {
    this.poller?.stop();
  }
}
