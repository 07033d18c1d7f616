/** What each kiosk screen shows. Big type, targets ≥ 48 px, results announced through aria-live. */
import type { JSX } from 'preact';
import type { HubError, LicenceView, PrinterView, PrintView, ServiceOffer, Snapshot, TicketView } from '../../sync/protocol/hub.js';
import { CODE_KEYS, DIGITS, Keypad, LangSwitch } from '../shared/components.js';
import { hasKey, serviceName, t, type Lang, type MessageKey } from '../shared/i18n.js';
import { clockTime } from '../shared/time.js';
import { PERSON_DIGITS, printTrouble, type PersonKind, type Screen } from './screens.js';
import { LiveQr } from './LiveQr.js';

interface Props {
  lang: Lang;
  setLang: (l: Lang) => void;
  /** null while the shelter screen is up. */
  screen: Screen | null;
  /** The hub is out of reach: nothing can be checked in, the keypad is gone until it is back. */
  unavailable: boolean;
  shelterSince: number | null;
  snapshot: Snapshot | null;
  services: ServiceOffer[] | null;
  printer: PrinterView;
  go: (s: Screen) => void;
  home: () => void;
  submitCode: (code: string) => void;
  submitBooking: (service: string, time: string, kind: PersonKind, digits: string) => void;
  checkLicence: (applicationNumber: string, phoneLast4: string) => void;
  submitPickup: (applicationNumber: string, phoneLast4: string) => void;
}

export function KioskView(p: Props) {
  const { lang, screen } = p;
  const centre = p.snapshot?.centre;
  return (
    <>
      <header class="kiosk-header">
        <p class="centre">{centre?.name ?? ''}</p>
        {screen && screen.kind !== 'busy' && <LangSwitch lang={lang} onChange={p.setLang} />}
      </header>
      {p.unavailable ? <Unavailable lang={lang} /> : screen === null ? <Shelter lang={lang} since={p.shelterSince} timezone={centre?.timezone ?? 'Europe/Kyiv'} where={centre?.shelter?.[lang] ?? null} /> : <Body {...p} screen={screen} />}
    </>
  );
}

function Body(p: Props & { screen: Screen }): JSX.Element {
  const { lang, screen } = p;
  switch (screen.kind) {
    case 'start':
      return <Start {...p} />;
    case 'code':
      return <Entry lang={lang} screen={ENTRY_SCREENS.code} entry={screen.entry} set={(entry) => p.go({ kind: 'code', entry })} submit={() => p.submitCode(screen.entry)} back={p.home} />;
    case 'busy':
      return (
        <main class="screen busy" data-testid="screen-busy" aria-busy="true">
          <p class="big-text" role="status">
            {t(lang, 'busy')}
          </p>
        </main>
      );
    case 'ticket':
      return printTrouble(screen.print, p.printer.state) ? (
        <PrinterTrouble lang={lang} ticket={screen.ticket} print={screen.print} printer={p.printer} home={p.home} />
      ) : (
        <Ticket lang={lang} ticket={screen.ticket} print={screen.print} services={p.snapshot?.services ?? []} home={p.home} />
      );
    case 'refusal':
      return <Refusal lang={lang} error={screen.error} retry={screen.retry} home={p.home} />;
    case 'bookService':
      return <BookService {...p} />;
    case 'bookTime':
      return <BookTime {...p} service={screen.service} />;
    case 'bookPerson':
      return <BookPerson {...p} screen={screen} />;
    case 'licenceEntry':
      return (
        <Entry
          lang={lang}
          screen={ENTRY_SCREENS.licenceEntry}
          entry={screen.entry}
          set={(entry) => p.go({ kind: 'licenceEntry', entry })}
          submit={() => screen.entry.length >= 4 && p.go({ kind: 'licenceFactor', applicationNumber: screen.entry, entry: '' })}
          back={p.home}
        />
      );
    case 'licenceFactor':
      return (
        <Entry
          lang={lang}
          screen={ENTRY_SCREENS.licenceFactor}
          entry={screen.entry}
          set={(entry) => p.go({ ...screen, entry: entry.replace(/\D/g, '').slice(0, 4) })}
          submit={() => screen.entry.length === 4 && p.checkLicence(screen.applicationNumber, screen.entry)}
          back={() => p.go({ kind: 'licenceEntry', entry: screen.applicationNumber })}
        />
      );
    case 'licence':
      return <Licence lang={lang} licence={screen.licence} home={p.home} pickup={(n) => p.submitPickup(n, screen.phoneLast4)} />;
  }
}

function Start(p: Props) {
  const { lang } = p;
  const services = p.services ?? [];
  const pool = services.some((s) => s.freeSlots !== null);
  const alert = p.snapshot?.alert;
  return (
    <main class="screen start" data-testid="screen-start">
      <h1 class="visually-hidden">{t(lang, 'kiosk.pageTitle')}</h1>
      {alert?.active && !alert.freezes && (
        <p class="banner" role="status">
          <span aria-hidden="true">⚠ </span>
          {t(lang, 'kiosk.alertShelterCentre')}
        </p>
      )}
      <button type="button" class="huge" data-testid="have-booking" onClick={() => p.go({ kind: 'code', entry: '' })}>
        {t(lang, 'kiosk.haveBooking')}
        <span class="sub">{t(lang, 'kiosk.haveBookingHint')}</span>
      </button>
      {pool && (
        <div class="start-actions">
          <button type="button" class="large secondary" data-testid="book-today" onClick={() => p.go({ kind: 'bookService' })}>
            {t(lang, 'kiosk.bookToday')}
          </button>
          <button type="button" class="large secondary" data-testid="licence" onClick={() => p.go({ kind: 'licenceEntry', entry: '' })}>
            {t(lang, 'kiosk.licence')}
          </button>
        </div>
      )}
      <section class="offers" aria-labelledby="offers-title">
        <h2 id="offers-title">{t(lang, 'kiosk.services')}</h2>
        <ul data-testid="offers">
          {services.map((s) => (
            <li key={s.code} data-service={s.code}>
              <span class="name">{s[lang]}</span>
              <span class="facts">
                {s.suspended ? (
                  <span>{t(lang, 'kiosk.suspended')}</span>
                ) : (
                  <>
                    <span>{t(lang, 'kiosk.waiting', { n: s.waiting })}</span>
                    {s.freeSlots !== null && (
                      <span data-testid="free-slots">{s.freeSlots > 0 ? t(lang, 'kiosk.freeSlots', { n: s.freeSlots }) : t(lang, 'kiosk.noFreeSlots')}</span>
                    )}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

/** A keypad entry screen: what it asks and which keys it offers. */
interface EntryScreen {
  testid: string;
  title: MessageKey;
  hint: MessageKey;
  label: MessageKey;
  keys: readonly string[];
  columns: number;
  maxLength: number;
  confirm?: MessageKey;
}

const ENTRY_SCREENS = {
  code: { testid: 'screen-code', title: 'code.title', hint: 'code.hint', label: 'code.label', keys: CODE_KEYS, columns: 7, maxLength: 32 },
  licenceEntry: {
    testid: 'screen-licence-entry', title: 'licence.enter', hint: 'licence.hint', label: 'licence.label', keys: CODE_KEYS, columns: 7, maxLength: 32, confirm: 'licence.continue',
  },
  licenceFactor: {
    testid: 'screen-licence-factor', title: 'licence.factor', hint: 'licence.factorHint', label: 'licence.factorLabel', keys: DIGITS, columns: 3, maxLength: 4, confirm: 'licence.check',
  },
} satisfies Record<string, EntryScreen>;

function Entry(p: { lang: Lang; screen: EntryScreen; entry: string; set: (entry: string) => void; submit: () => void; back: () => void }) {
  const { lang, screen } = p;
  return (
    <main class="screen entry" data-testid={screen.testid}>
      <h1>{t(lang, screen.title)}</h1>
      <p class="hint">{t(lang, screen.hint)}</p>
      <p class="entry-label" id={`${screen.testid}-label`}>
        {t(lang, screen.label)}
      </p>
      <output class="entry-value" aria-labelledby={`${screen.testid}-label`} aria-live="polite" data-testid="entry">
        {p.entry || <span class="placeholder">{t(lang, 'code.empty')}</span>}
      </output>
      <Keypad
        keys={screen.keys}
        lang={lang}
        columns={screen.columns}
        onKey={(k) => p.entry.length < screen.maxLength && p.set(p.entry + k)}
        onDelete={() => p.set(p.entry.slice(0, -1))}
        onClear={() => p.set('')}
      />
      <div class="nav">
        <button type="button" class="large secondary" onClick={p.back} data-testid="back">
          {t(lang, 'action.back')}
        </button>
        <button type="button" class="large" onClick={p.submit} disabled={!p.entry} data-testid="confirm">
          {t(lang, screen.confirm ?? 'action.confirm')}
        </button>
      </div>
    </main>
  );
}

function Ticket({ lang, ticket, print, services, home }: { lang: Lang; ticket: TicketView; print: PrintView; services: Snapshot['services']; home: () => void }) {
  const printText: MessageKey = print.status === 'printed' ? 'print.printed' : print.status === 'none' ? 'print.none' : 'print.printing';
  return (
    <main class="screen ticket" data-testid="screen-ticket" data-number={ticket.number}>
      <h1>{t(lang, 'ticket.title')}</h1>
      <div role="status" aria-live="polite">
        <p class="ticket-number-label">{t(lang, 'ticket.number')}</p>
        <p class="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <p class="ticket-service">{serviceName(lang, services, ticket.service)}</p>
        {ticket.time && <p>{t(lang, 'ticket.time', { time: ticket.time })}</p>}
        {ticket.priority && <p class="tag">{t(lang, 'ticket.priority')}</p>}
        {ticket.reprint && <p>{t(lang, 'ticket.reprint')}</p>}
        <p class="where">{t(lang, 'ticket.where')}</p>
        {ticket.desks.length > 0 && <p data-testid="ticket-desks">{t(lang, 'ticket.desks', { count: ticket.desks.length, desks: ticket.desks.join(', ') })}</p>}
        <WaitLines lang={lang} ticket={ticket} />
        <LiveQr lang={lang} url={ticket.liveUrl} />
        <p class="print-state" data-testid="print-state" data-status={print.status}>
          {t(lang, printText)}
        </p>
      </div>
      <button type="button" class="large" onClick={home} data-testid="done">
        {t(lang, 'action.done')}
      </button>
    </main>
  );
}

/** How many are ahead and the expected wait, when the hub knows them (a waiting visitor). */
function WaitLines({ lang, ticket }: { lang: Lang; ticket: TicketView }) {
  if (ticket.peopleAhead == null) return null;
  return (
    <p class="ticket-wait" data-testid="ticket-wait">
      <span data-testid="ticket-ahead">{t(lang, 'ticket.ahead', { n: ticket.peopleAhead })}</span>
      {ticket.estimatedWaitMinutes != null && <span data-testid="ticket-minutes">{t(lang, 'ticket.wait', { n: ticket.estimatedWaitMinutes })}</span>}
    </p>
  );
}

function PrinterTrouble({ lang, ticket, print, printer, home }: { lang: Lang; ticket: TicketView; print: PrintView; printer: PrinterView; home: () => void }) {
  const problem = print.problem ?? (printer.state !== 'ok' && printer.state !== 'none' ? printer.state : null);
  return (
    <main class="screen trouble" data-testid="screen-printer-trouble" data-number={ticket.number}>
      <h1>
        <span aria-hidden="true">⚠ </span>
        {t(lang, 'printer.title')}
      </h1>
      <div role="alert">
        <p class="big-text">{t(lang, 'printer.kept', { number: ticket.number })}</p>
        <p class="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <WaitLines lang={lang} ticket={ticket} />
        {problem && <p>{t(lang, `printer.${problem}` as MessageKey)}</p>}
        <p>{t(lang, 'printer.what')}</p>
      </div>
      <LiveQr lang={lang} url={ticket.liveUrl} />
      <button type="button" class="large" onClick={home} data-testid="done">
        {t(lang, 'action.done')}
      </button>
    </main>
  );
}

function Refusal({ lang, error, retry, home }: { lang: Lang; error: HubError; retry: (() => void) | null; home: () => void }) {
  const title = hasKey(`refusal.${error.code}`) ? (`refusal.${error.code}` as MessageKey) : 'refusal.other';
  const next = hasKey(`next.${error.code}`) ? (`next.${error.code}` as MessageKey) : 'next.other';
  return (
    <main class="screen refusal" data-testid="screen-refusal" data-code={error.code}>
      <div role="alert">
        <h1>
          <span aria-hidden="true">✕ </span>
          {t(lang, title)}
        </h1>
        {/* The hub's message says what happened and what to do; the generic next step only stands in for it. */}
        {error.message ? (
          <p class="big-text" data-testid="refusal-message">
            {error.message}
          </p>
        ) : (
          <p class="next" data-testid="refusal-next">
            {t(lang, next)}
          </p>
        )}
      </div>
      <div class="nav">
        {retry && (
          <button type="button" class="large" onClick={retry} data-testid="retry">
            {t(lang, 'action.retry')}
          </button>
        )}
        <button type="button" class={`large ${retry ? 'secondary' : ''}`} onClick={home} data-testid="home">
          {t(lang, 'action.home')}
        </button>
      </div>
    </main>
  );
}

function BookService(p: Props) {
  const { lang } = p;
  const offers = (p.services ?? []).filter((s) => !s.suspended && s.freeSlots !== null);
  return (
    <main class="screen book" data-testid="screen-book-service">
      <h1>{t(lang, 'book.title')}</h1>
      <h2>{t(lang, 'book.chooseService')}</h2>
      <ul class="choices">
        {offers.map((s) => (
          <li key={s.code}>
            <button
              type="button"
              class="large choice"
              data-service={s.code}
              disabled={!s.freeSlots || s.nextTimes.length === 0}
              onClick={() => p.go({ kind: 'bookTime', service: s })}
            >
              <span>{s[lang]}</span>
              <span class="sub">{s.freeSlots ? t(lang, 'kiosk.freeSlots', { n: s.freeSlots }) : t(lang, 'kiosk.noFreeSlots')}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="nav">
        <button type="button" class="large secondary" onClick={p.home} data-testid="back">
          {t(lang, 'action.back')}
        </button>
      </div>
    </main>
  );
}

function BookTime(p: Props & { service: ServiceOffer }) {
  const { lang, service } = p;
  return (
    <main class="screen book" data-testid="screen-book-time">
      <h1>{t(lang, 'book.chooseTime')}</h1>
      <p class="big-text">{service[lang]}</p>
      <h2>{t(lang, 'book.nextTimes')}</h2>
      <ul class="times">
        {service.nextTimes.map((time) => (
          <li key={time}>
            <button type="button" class="large time" data-time={time} onClick={() => p.go({ kind: 'bookPerson', service, time, person: 'phone', entry: '' })}>
              {time}
            </button>
          </li>
        ))}
      </ul>
      <div class="nav">
        <button type="button" class="large secondary" onClick={() => p.go({ kind: 'bookService' })} data-testid="back">
          {t(lang, 'action.back')}
        </button>
      </div>
    </main>
  );
}

const PERSON_LABEL: Record<PersonKind, MessageKey> = { phone: 'book.phone', taxId: 'book.taxId', edrpou: 'book.edrpou' };
const PERSON_HINT: Record<PersonKind, MessageKey> = { phone: 'book.phoneHint', taxId: 'book.taxIdHint', edrpou: 'book.edrpouHint' };

function BookPerson(p: Props & { screen: Extract<Screen, { kind: 'bookPerson' }> }) {
  const { lang, screen } = p;
  const need = PERSON_DIGITS[screen.person];
  const set = (entry: string) => p.go({ ...screen, entry: entry.slice(0, need) });
  return (
    <main class="screen book person" data-testid="screen-book-person">
      <h1>{t(lang, 'book.identify')}</h1>
      <p class="big-text">{t(lang, 'book.summary', { service: screen.service[lang], time: screen.time })}</p>
      <div class="kinds" role="radiogroup" aria-label={t(lang, 'book.identify')}>
        {(Object.keys(PERSON_DIGITS) as PersonKind[]).map((kind) => (
          <button
            type="button"
            role="radio"
            aria-checked={screen.person === kind}
            class={`kind ${screen.person === kind ? 'chosen' : 'secondary'}`}
            key={kind}
            data-kind={kind}
            onClick={() => p.go({ ...screen, person: kind, entry: '' })}
          >
            {screen.person === kind && <span aria-hidden="true">✓ </span>}
            {t(lang, PERSON_LABEL[kind])}
          </button>
        ))}
      </div>
      <p class="entry-label" id="person-label">
        {t(lang, PERSON_LABEL[screen.person])} — {t(lang, PERSON_HINT[screen.person])}
      </p>
      <output class="entry-value" aria-labelledby="person-label" aria-live="polite" data-testid="entry">
        {screen.person === 'phone' && <span class="prefix">+380 </span>}
        {screen.entry || <span class="placeholder">{t(lang, 'code.empty')}</span>}
      </output>
      <Keypad keys={DIGITS} lang={lang} columns={5} onKey={(k) => set(screen.entry + k)} onDelete={() => set(screen.entry.slice(0, -1))} onClear={() => set('')} />
      <p class="hint">{t(lang, 'book.limits')}</p>
      <div class="nav">
        <button type="button" class="large secondary" onClick={() => p.go({ kind: 'bookTime', service: screen.service })} data-testid="back">
          {t(lang, 'action.back')}
        </button>
        <button
          type="button"
          class="large"
          data-testid="confirm"
          disabled={screen.entry.length !== need}
          onClick={() => p.submitBooking(screen.service.code, screen.time, screen.person, screen.entry)}
        >
          {t(lang, 'book.confirm', { time: screen.time })}
        </button>
      </div>
    </main>
  );
}

function Licence({ lang, licence, home, pickup }: { lang: Lang; licence: LicenceView; home: () => void; pickup: (n: string) => void }) {
  return (
    <main class="screen licence" data-testid="screen-licence" data-status={licence.status}>
      <h1>{t(lang, 'licence.title')}</h1>
      <div role="status" aria-live="polite">
        <p class="entry-value">{licence.applicationNumber}</p>
        <p class="big-text" data-testid="licence-status">
          {t(lang, `licence.status.${licence.status}` as MessageKey)}
        </p>
        {licence.status === 'refused' && licence.reason && <p class="big-text">{t(lang, 'licence.reason', { reason: licence.reason[lang] })}</p>}
        {licence.status === 'refused' && <p class="next">{t(lang, 'licence.refusedNext')}</p>}
        {licence.status === 'produced' && <LicenceWhere lang={lang} licence={licence} />}
        {(licence.status === 'sent' || licence.status === 'received' || licence.status === 'in_work') && <p class="next">{t(lang, 'licence.waitNext')}</p>}
      </div>
      <div class="nav">
        {licence.status === 'produced' && licence.pickupHere && !licence.pickupTicket && (
          <button type="button" class="large" data-testid="pickup" onClick={() => pickup(licence.applicationNumber)}>
            {t(lang, 'licence.pickupButton')}
          </button>
        )}
        <button type="button" class={`large ${licence.pickupHere && !licence.pickupTicket ? 'secondary' : ''}`} onClick={home} data-testid="home">
          {t(lang, 'action.home')}
        </button>
      </div>
    </main>
  );
}

/** Where a produced licence is: its pickup ticket already taken here, waiting here, at centre N, or sent by post. */
function LicenceWhere({ lang, licence }: { lang: Lang; licence: LicenceView }) {
  if (licence.pickupTicket) {
    return (
      <p class="big-text" data-testid="licence-where" data-where="ticket">
        {t(lang, 'licence.ticketTaken', { number: licence.pickupTicket.number })}
      </p>
    );
  }
  if (licence.pickupHere) return <p class="next" data-testid="licence-where" data-where="here">{t(lang, 'licence.pickupHere')}</p>;
  if (licence.delivery === 'post') return <p class="big-text" data-testid="licence-where" data-where="post">{t(lang, 'licence.byPost')}</p>;
  return (
    <p class="big-text" data-testid="licence-where" data-where="elsewhere">
      {licence.pickupCentre ? t(lang, 'licence.atCentre', { centre: licence.pickupCentre }) : t(lang, 'licence.elsewhere')}
    </p>
  );
}

function Shelter({ lang, since, timezone, where }: { lang: Lang; since: number | null; timezone: string; where: string | null }) {
  return (
    <main class="screen shelter" data-testid="screen-shelter" role="alert">
      <p class="alert-icon" aria-hidden="true">
        ⚠
      </p>
      <h1>{t(lang, 'shelter.title')}</h1>
      <p class="shelter-go">{t(lang, 'shelter.go')}</p>
      <p class="big-text" data-testid="shelter-where">{where ?? t(lang, 'shelter.where')}</p>
      <p>{t(lang, 'shelter.kept')}</p>
      {since !== null && <p>{t(lang, 'shelter.since', { time: clockTime(since, timezone, lang) })}</p>}
    </main>
  );
}

/** The hub is out of reach: no check-in is possible, so none is offered until the link is back. */
function Unavailable({ lang }: { lang: Lang }) {
  return (
    <main class="screen unavailable" data-testid="screen-unavailable" role="alert">
      <svg class="unavailable-icon" viewBox="0 0 24 24" width="120" height="120" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M12 6v7l4 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <h1>{t(lang, 'kiosk.unavailableTitle')}</h1>
      <p class="big-text">{t(lang, 'kiosk.unavailableWait')}</p>
      <p class="next">{t(lang, 'kiosk.unavailableAsk')}</p>
    </main>
  );
}
