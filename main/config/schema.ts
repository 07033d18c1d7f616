/**
 * The centre's configuration file (DESIGN §9). This schema is the truth; docs/configuration.md
 * describes it.
 */
import { z } from 'zod';
import { isValidTimezone } from '../core/clock.js';
import { ALERT_TYPES } from '../core/alertTypes.js';

/** Epson's ESC t numbers; clones differ (many use 23 for WPC1251), so a profile may override. */
const EPSON_ESC_T = { wpc1251: 46, cp1125: 44, cp866: 17 } as const;

const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a service code is upper-case Latin, digits and _');
/** Inline, or read from a file by the loader (`tokenFile`, main/config/load.ts); `talon token new` makes one. */
const token = z.string().min(8, 'a token has at least 8 characters').max(200);
const role = z.enum(['kiosk', 'board', 'desk', 'admin']);
/** The centre's location for an alert source, in that source's ids; alerted when any of them is (docs/alerts.md). */
const locationId = z.union([z.string().regex(/^[0-9A-Za-z_-]{1,32}$/, 'a location id is 1–32 letters, digits, _ or -'), z.number().int().positive()]).transform(String);
const alertLocation = z
  .strictObject({ hromada: locationId.optional(), raion: locationId.optional(), oblast: locationId.optional() })
  .refine((l) => l.hromada !== undefined || l.raion !== undefined || l.oblast !== undefined, 'give at least one of hromada, raion, oblast');
/** A technician's exit PIN as main/electron/exitPin.ts hashes it (`talon hash-pin`); never the PIN itself. */
export const EXIT_PIN_HASH = /^scrypt\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;
const deskBusSchema = z.strictObject({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  driver: z.enum(['talon', 'qsystem']).default('talon'),
});

/** A token bucket: `burst` events at once, refilled at `perSecond`. */
const bucketSchema = z.strictObject({
  perSecond: z.number().positive().max(100_000),
  burst: z.number().int().min(1).max(1_000_000),
});

/** The hub's limits per client (docs/configuration.md, `hub.limits`). */
export const HUB_LIMIT_DEFAULTS = {
  /** Events of one socket: a kiosk or a desk console sends a few a minute, a burst on reconnect. */
  perSocket: { perSecond: 20, burst: 60 },
  /** Events of one client address, all its sockets together (a PC may run a kiosk and a board). */
  perAddress: { perSecond: 100, burst: 300 },
  /** New sockets one address may open (refused before the WebSocket upgrade): a board reconnects seldom. */
  handshakes: { perSecond: 1, burst: 5 },
  /**
   * New sockets of all addresses together: a storm of connecting screens is spread out so the floor's
   * commands go on being answered between them (each connect costs the hub a fraction of a millisecond).
   */
  handshakesTotal: { perSecond: 100, burst: 20 },
  /** Sockets one address may hold open, across the namespaces. */
  connectionsPerAddress: 128,
  /** Sockets a namespace may hold open. */
  connectionsPerNamespace: { kiosk: 64, board: 512, desk: 512, admin: 32, ticket: 4000 },
  /** Refused handshakes one address may make per window before it is refused outright. */
  handshakeFailures: { perWindow: 20, windowSeconds: 60 },
  /** `/audio/call.wav` per address, and how many speech requests may wait for the voice. */
  audio: { perSecond: 4, burst: 20, queue: 8 },
};

const hubLimitsSchema = z.strictObject({
  perSocket: bucketSchema.default(HUB_LIMIT_DEFAULTS.perSocket),
  perAddress: bucketSchema.default(HUB_LIMIT_DEFAULTS.perAddress),
  handshakes: bucketSchema.default(HUB_LIMIT_DEFAULTS.handshakes),
  handshakesTotal: bucketSchema.default(HUB_LIMIT_DEFAULTS.handshakesTotal),
  connectionsPerAddress: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerAddress),
  connectionsPerNamespace: z
    .strictObject({
      kiosk: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace.kiosk),
      board: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace.board),
      desk: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace.desk),
      admin: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace.admin),
      ticket: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace.ticket),
    })
    .default(HUB_LIMIT_DEFAULTS.connectionsPerNamespace),
  handshakeFailures: z
    .strictObject({
      perWindow: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.handshakeFailures.perWindow),
      windowSeconds: z.number().int().min(1).max(86_400).default(HUB_LIMIT_DEFAULTS.handshakeFailures.windowSeconds),
    })
    .default(HUB_LIMIT_DEFAULTS.handshakeFailures),
  audio: z
    .strictObject({
      perSecond: z.number().positive().max(10_000).default(HUB_LIMIT_DEFAULTS.audio.perSecond),
      burst: z.number().int().min(1).max(100_000).default(HUB_LIMIT_DEFAULTS.audio.burst),
      queue: z.number().int().min(0).max(1000).default(HUB_LIMIT_DEFAULTS.audio.queue),
    })
    .default(HUB_LIMIT_DEFAULTS.audio),
});
export type HubLimits = z.output<typeof hubLimitsSchema>;

export const configSchema = z
  .strictObject({
    centre: z.strictObject({
      id: z.string().min(1).max(16),
      name: z.string().min(1).max(120),
      timezone: z.string().refine(isValidTimezone, 'not a known IANA timezone').default('Europe/Kyiv'),
      worksDuringAlert: z.boolean().default(false),
      /** Where the shelter is, shown on the kiosk and the board during an alert. */
      shelter: z.strictObject({ uk: z.string().min(1).max(200), en: z.string().min(1).max(200) }).optional(),
    }),
    services: z
      .array(z.strictObject({ code: serviceCode, uk: z.string().min(1), en: z.string().min(1) }))
      .min(1, 'at least one service'),
    desks: z
      .array(
        z.strictObject({
          number: z.number().int().min(1).max(999),
          services: z.array(serviceCode).min(1, 'a desk serves at least one service'),
          token,
          bus: z.strictObject({ address: z.number().int().min(1).max(99), line: z.number().int().min(0).optional() }).optional(),
          /** The desk stands in the shelter and keeps calling its services during an alert (docs/alerts.md). */
          shelter: z.boolean().optional(),
        }),
      )
      .min(1, 'at least one desk'),
    checkIn: z
      .strictObject({
        earliestMinutes: z.number().int().min(0).max(24 * 60).default(60),
        latestMinutes: z.number().int().min(0).max(24 * 60).default(15),
        reprints: z.number().int().min(0).max(10).default(1),
      })
      .default({ earliestMinutes: 60, latestMinutes: 15, reprints: 1 }),
    calls: z
      .strictObject({
        recallsBeforeNoShow: z.number().int().min(0).max(10).default(2),
        maxRecalls: z.number().int().min(0).max(10).default(3),
      })
      .default({ recallsBeforeNoShow: 2, maxRecalls: 3 }),
    hub: z
      .strictObject({
        host: z.string().min(1).default('0.0.0.0'),
        port: z.number().int().min(0).max(65535).default(7300),
        kioskTokens: z.array(token).default([]),
        adminTokens: z.array(token).default([]),
        /** Board screens may also need a token when the hall TV sits on an untrusted network. */
        boardTokens: z.array(token).default([]),
        /** Boards and kiosks in the shelter, known by their token (docs/alerts.md); an anonymous board is the hall's. */
        shelterBoardTokens: z.array(token).optional(),
        shelterKioskTokens: z.array(token).optional(),
        /** Where phones on the centre's LAN or guest Wi-Fi reach this hub (the live ticket's QR). */
        publicUrl: z.url().optional(),
        /** Tokens a Prometheus scraper may read /metrics with (the admin tokens may too). */
        metricsTokens: z.array(token).default([]),
        /** HTTPS and WSS on the same port (docs/security.md): PEM files, relative to the config file. */
        tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
        /** Page origins besides the hub's own that may open a socket (docs/security.md); none by default. */
        allowedOrigins: z.array(z.url()).default([]),
        /** What one client may ask of the hub (main/hub/limits.ts); the defaults suit a centre's floor. */
        limits: hubLimitsSchema.default(HUB_LIMIT_DEFAULTS),
      })
      .default({ host: '0.0.0.0', port: 7300, kioskTokens: [], adminTokens: [], boardTokens: [], metricsTokens: [], allowedOrigins: [], limits: HUB_LIMIT_DEFAULTS }),
    /** Windows this machine opens; a machine without `hub: true` connects to `remoteHub`. */
    app: z
      .strictObject({
        runHub: z.boolean().default(true),
        remoteHub: z.url().optional(),
        /** The hash of the PIN that, after the technician's key chord, lets a kiosk or board be left. */
        exitPin: z.string().regex(EXIT_PIN_HASH, 'exitPin is a hash from `talon hash-pin`, not the PIN itself').optional(),
        windows: z
          .array(
            z.strictObject({
              role,
              display: z.number().int().min(0).max(7).default(0),
              fullscreen: z.boolean().default(true),
              token: token.optional(),
            }),
          )
          .default([
            { role: 'kiosk', display: 0, fullscreen: true },
            { role: 'board', display: 1, fullscreen: true },
          ]),
      })
      .default({
        runHub: true,
        windows: [
          { role: 'kiosk', display: 0, fullscreen: true },
          { role: 'board', display: 1, fullscreen: true },
        ],
      }),
    printer: z
      .strictObject({
        transport: z.enum(['tcp', 'serial', 'usb', 'spooler', 'virtual']),
        address: z.string().optional(),
        codepage: z.enum(['wpc1251', 'cp1125', 'cp866']).default('wpc1251'),
        /** The vendor's ESC t number for the code page; without it, Epson's (46, 44, 17). */
        escT: z.number().int().min(0).max(255).optional(),
        width: z.number().int().min(24).max(64).default(48),
        /** Line speed for `serial`. */
        baudRate: z.number().int().positive().optional(),
        /** For `virtual`: where the ticket PNGs go (default <data.dir>/tickets). */
        pngDir: z.string().min(1).optional(),
      })
      .transform((p) => ({ ...p, escT: p.escT ?? EPSON_ESC_T[p.codepage] }))
      .optional(),
    /** One bus, or a list of them (a desk picks one with `bus.line`, its index); each has its driver. */
    deskBus: z
      .union([deskBusSchema, z.array(deskBusSchema).min(1)])
      .optional(),
    /** A serial (USB CDC) QR scanner beside the kiosk: its scans check in as that kiosk. */
    scanner: z
      .strictObject({
        path: z.string().min(1),
        baudRate: z.number().int().positive().default(9600),
        /** Which kiosk (1 = the first of hub.kioskTokens) the scanner belongs to. */
        kiosk: z.number().int().min(1).default(1),
      })
      .optional(),
    /** The spoken call served at /audio/call.wav; the chime plays even with speech off. */
    speech: z
      .strictObject({
        enabled: z.boolean().default(true),
        engine: z.enum(['auto', 'espeak', 'clips']).default('auto'),
        /** Recorded clips (hardware/audio/buildClips.ts) for machines without espeak-ng. */
        clipsDir: z.string().min(1).optional(),
        deskWord: z.enum(['workplace', 'window']).default('workplace'),
      })
      .optional(),
    /** The link to the central booking server (docs/sync.md). */
    central: z
      .strictObject({
        url: z.url(),
        /** A file holding this terminal's bearer token (one line). */
        tokenFile: z.string().min(1),
        /** This hub's terminal id at central; events carry it. */
        terminal: z.string().min(1).max(64).default('hub-1'),
        /** A local clock further off central's than this is flagged and corrected. */
        clockSkewBoundMs: z.number().int().min(1000).default(120_000),
        /**
         * The most the hub corrects its clock by (docs/sync.md, "Clock"): past it the hub keeps its own
         * clock and shows a `clock` device problem on the admin page.
         */
        clockCorrectionMaxMs: z.number().int().min(1000).max(7 * 24 * 3600_000).default(3_600_000),
        /** Wait between sync rounds while central answers; after a floor change the outbox goes at once. */
        pollEveryMs: z.number().int().min(200).default(10_000),
        /** Backoff while central does not answer: from min, doubling, to max, with jitter. */
        retryMinMs: z.number().int().min(50).default(1000),
        retryMaxMs: z.number().int().min(100).default(60_000),
        pageSize: z.number().int().min(1).max(5000).default(1000),
        /** The service under which a licence pickup ticket queues. */
        pickupService: serviceCode.default('DL_PICKUP'),
        /** Where phones on mobile data reach central's live ticket page; the paper QR points here when set. */
        publicUrl: z.url().optional(),
        /** The floor's progress goes to central at most this often on change, and at least this often as a heartbeat. */
        progressEveryMs: z.number().int().min(500).default(3000),
        progressHeartbeatMs: z.number().int().min(1000).default(30_000),
      })
      .optional(),
    /** Same-day bookings at the kiosk: the terminal's limit per person (phone, РНОКПП or ЄДРПОУ), enforced offline too. */
    sameDay: z
      .strictObject({
        perPersonPerService: z.number().int().min(1).max(20).default(1),
        /** All services together; absent: no limit beyond the one per service. */
        perPersonPerDay: z.number().int().min(1).max(50).optional(),
      })
      .default({ perPersonPerService: 1 }),
    alerts: z
      .strictObject({
        sources: z.array(z.enum(['manual', 'central', 'alertsInUa', 'ukraineAlarm', 'busContact'])).default(['manual']),
        /** Alert types that freeze the floor; the others (shelling, urban fights…) are only shown to the admin. */
        freezeTypes: z.array(z.enum(ALERT_TYPES)).default(['air_raid']),
        alertsInUa: z
          .strictObject({
            tokenFile: z.string().min(1),
            /** alerts.in.ua location uids of the centre's hromada, raion and oblast. */
            location: alertLocation,
            /** The service allows one request per 15 s at most. */
            pollEveryMs: z.number().int().min(15_000, 'alerts.in.ua allows one request per 15 s').default(20_000),
            baseUrl: z.url().default('https://api.alerts.in.ua'),
            timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
          })
          .optional(),
        /** The official "Повітряна тривога" API (api.ukrainealarm.com v3). */
        ukraineAlarm: z
          .strictObject({
            tokenFile: z.string().min(1),
            /** ukrainealarm region ids of the centre's hromada, raion and oblast. */
            location: alertLocation,
            /** How often to read the status counter (cheap); the regions are read only when it moves. */
            pollEveryMs: z.number().int().min(2000).default(10_000),
            baseUrl: z.url().default('https://api.ukrainealarm.com'),
            timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
            /** A receiver for the API's webhook at /hooks/ukrainealarm/<secret>; a call makes the hub read at once. */
            webhook: z
              .strictObject({
                secretFile: z.string().min(1),
                /** The hub's address as the API reaches it; given, the hub subscribes at start-up. */
                publicUrl: z.url().optional(),
              })
              .optional(),
          })
          .optional(),
        /** A contact module on a Talon desk bus (docs/desk-bus.md): its input is the alarm relay. */
        busContact: z
          .strictObject({
            address: z.number().int().min(1).max(99),
            /** Which deskBus (its index in the list), as a desk's bus.line. */
            line: z.number().int().min(0).default(0),
            /** What a closed contact means; `clear` for a relay that opens on alert (a cut wire alerts). */
            closedMeans: z.enum(['alert', 'clear']).default('alert'),
            /** How often the hub asks the module; a module that stops answering shows as down. */
            pollEveryMs: z.number().int().min(100).default(2000),
          })
          .optional(),
      })
      .default({ sources: ['manual'], freezeTypes: ['air_raid'] }),
    data: z.strictObject({ dir: z.string().min(1) }).default({ dir: './.talon-data' }),
    /** How long personal data is kept once central has it (docs/operations.md, "Personal data"). */
    retention: z
      .strictObject({
        /** Days a delivered event keeps the person (phone, РНОКПП, ЄДРПОУ) before the daily job prunes it. */
        personalDataDays: z.number().int().min(1).max(90).default(7),
      })
      .default({ personalDataDays: 7 }),
    /** The hall board (issue 11): the languages it shows in turn and announces in, Ukrainian first. */
    board: z
      .strictObject({
        languages: z
          .array(z.enum(['uk', 'en']))
          .min(1)
          .max(2)
          .refine((l) => new Set(l).size === l.length, 'a language is listed once')
          .default(['uk']),
        /** How long each language stays on screen before the next. */
        switchEverySeconds: z.number().int().min(3).max(120).default(10),
      })
      .default({ languages: ['uk'], switchEverySeconds: 10 }),
  })
  .superRefine((config, ctx) => {
    const codes = new Set<string>();
    config.services.forEach((s, i) => {
      if (codes.has(s.code)) ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: `service ${s.code} is listed twice` });
      codes.add(s.code);
    });
    const numbers = new Set<number>();
    const tokens = new Map<string, string>();
    const claim = (t: string, owner: string, path: (string | number)[]) => {
      const other = tokens.get(t);
      if (other) ctx.addIssue({ code: 'custom', path, message: `token already used by ${other}` });
      tokens.set(t, owner);
    };
    config.desks.forEach((d, i) => {
      if (numbers.has(d.number)) ctx.addIssue({ code: 'custom', path: ['desks', i, 'number'], message: `desk ${d.number} is listed twice` });
      numbers.add(d.number);
      d.services.forEach((s, j) => {
        if (!codes.has(s)) ctx.addIssue({ code: 'custom', path: ['desks', i, 'services', j], message: `unknown service ${s}` });
      });
      claim(d.token, `desk ${d.number}`, ['desks', i, 'token']);
    });
    config.hub.kioskTokens.forEach((t, i) => claim(t, 'a kiosk', ['hub', 'kioskTokens', i]));
    config.hub.adminTokens.forEach((t, i) => claim(t, 'the admin', ['hub', 'adminTokens', i]));
    config.hub.boardTokens.forEach((t, i) => claim(t, 'a board', ['hub', 'boardTokens', i]));
    config.hub.shelterBoardTokens?.forEach((t, i) => claim(t, 'a shelter board', ['hub', 'shelterBoardTokens', i]));
    config.hub.shelterKioskTokens?.forEach((t, i) => claim(t, 'a shelter kiosk', ['hub', 'shelterKioskTokens', i]));
    config.hub.metricsTokens.forEach((t, i) => claim(t, 'a metrics scraper', ['hub', 'metricsTokens', i]));
    const sources = config.alerts.sources;
    if (sources.includes('alertsInUa') && !config.alerts.alertsInUa) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'sources'], message: 'the alertsInUa source needs alerts.alertsInUa (tokenFile, location)' });
    }
    if (sources.includes('ukraineAlarm') && !config.alerts.ukraineAlarm) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'sources'], message: 'the ukraineAlarm source needs alerts.ukraineAlarm (tokenFile, location)' });
    }
    if (sources.includes('central') && !config.central) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'sources'], message: 'the central source needs the central section' });
    }
    if (sources.includes('busContact') && !config.deskBus) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'sources'], message: 'the busContact source needs a deskBus' });
    }
    if (sources.includes('busContact') && !config.alerts.busContact) {
      ctx.addIssue({ code: 'custom', path: ['alerts', 'sources'], message: 'the busContact source needs alerts.busContact (address)' });
    }
    const contact = config.alerts.busContact;
    const buses = config.deskBus === undefined ? [] : Array.isArray(config.deskBus) ? config.deskBus : [config.deskBus];
    if (contact && buses.length) {
      const bus = buses[contact.line];
      if (!bus) ctx.addIssue({ code: 'custom', path: ['alerts', 'busContact', 'line'], message: `there is no deskBus ${contact.line}` });
      else if (bus.driver !== 'talon') ctx.addIssue({ code: 'custom', path: ['alerts', 'busContact', 'line'], message: 'a contact module needs a bus with the talon driver' });
      if (config.desks.some((d) => d.bus && d.bus.address === contact.address && (d.bus.line ?? 0) === contact.line)) {
        ctx.addIssue({ code: 'custom', path: ['alerts', 'busContact', 'address'], message: `address ${contact.address} is a desk's on that bus` });
      }
    }
    if (!config.app.runHub && !config.app.remoteHub) {
      ctx.addIssue({ code: 'custom', path: ['app', 'remoteHub'], message: 'a machine that does not run the hub needs remoteHub' });
    }
  });

export type TalonConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
