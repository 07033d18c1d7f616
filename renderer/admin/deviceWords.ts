/**
 * Devices report a technical name and detail (English, from the hardware adapters, also what the
 * logs say). The admin page words them from the catalogue by kind and by the known shapes of those
 * strings; a part it does not know (an operating system's error, a path) is shown as it came.
 */
import type { DeviceView } from '../../sync/protocol/hub.js';
import { t, type Lang } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';

type Rule = [RegExp, (lang: Lang, m: RegExpMatchArray, tz: string) => string];

const NAMES: Rule[] = [
  [/^desk (\d+) display and keypad \(address (\d+)\)$/, (l, m) => t(l, 'deviceName.display', { desk: m[1]!, address: m[2]! })],
  [/^address (\d+)$/, (l, m) => t(l, 'deviceName.address', { address: m[1]! })],
  [/^alert contact \(bus (.+), address (\d+)\)$/, (l, m) => t(l, 'deviceName.alertContact', { line: m[1]!, address: m[2]! })],
  [/^alerts\.in\.ua, location (.+)$/, (l, m) => t(l, 'deviceName.alertsInUa', { location: m[1]! })],
  [/^QR scanner (.+)$/, (l, m) => t(l, 'deviceName.scanner', { path: m[1]! })],
  [/^spoken call$/, (l) => t(l, 'deviceName.speech')],
  [/^hub clock$/, (l) => t(l, 'deviceName.clock')],
];

const SPAN_UNITS = { min: 'deviceDetail.spanMin', h: 'deviceDetail.spanH', d: 'deviceDetail.spanD' } as const;
/** `+20 min`, `-3 h`, `+3 d` as main/hub/centralLink.ts writes a skew. */
function span(l: Lang, text: string): string {
  const m = text.match(/^([+-]?)(\d+) (min|h|d)$/);
  return m ? `${m[1]}${t(l, SPAN_UNITS[m[3] as keyof typeof SPAN_UNITS], { n: Number(m[2]) })}` : text;
}

const DETAILS: Rule[] = [
  [/^(answers|open|online)$/, (l) => t(l, 'deviceDetail.answers')],
  [/^opening$/, (l) => t(l, 'deviceDetail.opening')],
  [/^(?:NO_ACK: )?no ack after (\d+) attempts$/, (l, m) => t(l, 'deviceDetail.noAck', { n: Number(m[1]) })],
  [/^offline since (.+)$/, (l, m, tz) => t(l, 'deviceDetail.offlineSince', { time: clockTime(Date.parse(m[1]!), tz, l) })],
  [/^(offline|degraded)$/, (l, m) => t(l, m[1] === 'offline' ? 'link.offlineState' : 'link.degraded')],
  [/^(\d+) to send$/, (l, m) => t(l, 'deviceDetail.toSend', { n: Number(m[1]) })],
  [/^(\d+) refused by central$/, (l, m) => t(l, 'deviceDetail.refused', { n: Number(m[1]) })],
  [/^(\d+) cancelled after check-in today$/, (l, m) => t(l, 'deviceDetail.cancelledAfter', { n: Number(m[1]) })],
  [/^clock off by (-?\d+) s$/, (l, m) => t(l, 'deviceDetail.clockOff', { n: Number(m[1]) })],
  [/^in step with central$/, (l) => t(l, 'deviceDetail.clockInStep')],
  [/^corrected to central's time \((.+)\)$/, (l, m) => t(l, 'deviceDetail.clockCorrected', { off: span(l, m[1]!) })],
  [/^off by (.+), past the bound of (.+): the hub keeps its own clock$/, (l, m) => t(l, 'deviceDetail.clockRefused', { off: span(l, m[1]!), bound: span(l, m[2]!.replace(/^\+/, '')) })],
  [/^(\d+) queued$/, (l, m) => t(l, 'deviceDetail.queued', { n: Number(m[1]) })],
  [/^(ok|paper_out|paper_near_end|cover_open|offline|cutter_error)$/, (l, m) => t(l, `printerState.${m[1] as 'ok'}`)],
  [/^voice: (.+)$/, (l, m) => t(l, 'deviceDetail.voice', { voice: m[1]! })],
  [/^speech off: chime only$/, (l) => t(l, 'deviceDetail.speechOff')],
  [/^no voice installed: chime only$/, (l) => t(l, 'deviceDetail.noVoice')],
];

function word(rules: Rule[], lang: Lang, text: string, tz: string): string | null {
  for (const [re, make] of rules) {
    const m = text.match(re);
    if (m) return make(lang, m, tz);
  }
  return null;
}

export function deviceName(lang: Lang, d: DeviceView, tz: string): string {
  const named = word(NAMES, lang, d.name, tz);
  if (named) return named;
  // A printer or a bus is named by its link (a path, an address): the kind says what it is.
  return `${t(lang, `deviceKind.${d.kind}`)} (${d.name})`;
}

export function deviceDetail(lang: Lang, d: DeviceView, tz: string): string {
  if (!d.detail) return '';
  return d.detail
    .split('; ')
    .map((part) => word(DETAILS, lang, part, tz) ?? part)
    .join('; ');
}
