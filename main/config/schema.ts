/**
 * The centre's configuration file (DESIGN §9). This schema is the truth; docs/configuration.md
 * describes it.
 */
import { z } from 'zod';
import { isValidTimezone } from '../core/clock.js';

const serviceCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'a service code is upper-case Latin, digits and _');
const token = z.string().min(8, 'a token has at least 8 characters').max(200);
const role = z.enum(['kiosk', 'board', 'desk', 'admin']);

export const configSchema = z
  .strictObject({
    centre: z.strictObject({
      id: z.string().min(1).max(16),
      name: z.string().min(1).max(120),
      timezone: z.string().refine(isValidTimezone, 'not a known IANA timezone').default('Europe/Kyiv'),
      worksDuringAlert: z.boolean().default(false),
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
          bus: z.strictObject({ address: z.number().int().min(1).max(99) }).optional(),
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
      })
      .default({ host: '0.0.0.0', port: 7300, kioskTokens: [], adminTokens: [], boardTokens: [] }),
    /** Windows this machine opens; a machine without `hub: true` connects to `remoteHub`. */
    app: z
      .strictObject({
        runHub: z.boolean().default(true),
        remoteHub: z.url().optional(),
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
        escT: z.number().int().min(0).max(255).default(46),
        width: z.number().int().min(24).max(64).default(48),
      })
      .optional(),
    deskBus: z
      .strictObject({
        path: z.string().min(1),
        baudRate: z.number().int().positive().default(9600),
        driver: z.enum(['talon', 'qsystem']).default('talon'),
      })
      .optional(),
    central: z.strictObject({ url: z.url(), tokenFile: z.string().min(1) }).optional(),
    alerts: z
      .strictObject({
        sources: z.array(z.enum(['manual', 'central', 'alertsInUa', 'busContact'])).default(['manual']),
        alertsInUa: z.strictObject({ tokenFile: z.string().min(1), locationUid: z.number().int().positive() }).optional(),
      })
      .default({ sources: ['manual'] }),
    data: z.strictObject({ dir: z.string().min(1) }).default({ dir: './.talon-data' }),
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
    if (!config.app.runHub && !config.app.remoteHub) {
      ctx.addIssue({ code: 'custom', path: ['app', 'remoteHub'], message: 'a machine that does not run the hub needs remoteHub' });
    }
  });

export type TalonConfig = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
