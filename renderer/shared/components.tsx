/** Pieces every page uses: the language switch, the link mark, the keypad, the sign-in form, a wait. */
import { useState } from 'preact/hooks';
import type { Namespace } from '../../sync/protocol/hub.js';
import { rememberToken } from './bridge.js';
import type { LinkState } from './hubClient.js';
import { t, type Lang } from './i18n.js';
import { minutesBetween } from './time.js';

export function LangSwitch({ lang, onChange, className = '' }: { lang: Lang; onChange: (l: Lang) => void; className?: string }) {
  const other: Lang = lang === 'uk' ? 'en' : 'uk';
  return (
    <button type="button" class={`lang-switch ${className}`} lang={other} onClick={() => onChange(other)} data-testid="lang-switch">
      {t(lang, 'lang.other')}
    </button>
  );
}

/** A discreet mark while the hub is out of reach; the page keeps showing what it last knew. */
/** How long someone waited, from `since` to `until`, in whole minutes; a dash when nobody did. */
export function Waited({ lang, since, until }: { lang: Lang; since: number | null; until: number }) {
  return <>{since === null ? '—' : t(lang, 'minutes', { n: minutesBetween(since, until) })}</>;
}

export function LinkMark({ link, lang }: { link: LinkState; lang: Lang }) {
  if (link === 'online') return null;
  return (
    <div class="link-mark" role="status" data-testid="link-mark" data-link={link}>
      <span aria-hidden="true">⚠ </span>
      {t(lang, link === 'connecting' ? 'link.connecting' : 'link.offline')}
    </div>
  );
}

export function Keypad({
  keys,
  lang,
  onKey,
  onDelete,
  onClear,
  columns,
}: {
  keys: readonly string[];
  lang: Lang;
  onKey: (k: string) => void;
  onDelete: () => void;
  onClear: () => void;
  columns: number;
}) {
  return (
    <div class="keypad" role="group" aria-label={t(lang, 'keypad.label')} style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
      {keys.map((k) => (
        <button type="button" class="key" key={k} onClick={() => onKey(k)} data-key={k}>
          {k}
        </button>
      ))}
      <button type="button" class="key key-wide" onClick={onDelete} data-key="delete">
        {t(lang, 'keypad.delete')}
      </button>
      <button type="button" class="key key-wide" onClick={onClear} data-key="clear">
        {t(lang, 'keypad.clear')}
      </button>
    </div>
  );
}

export const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
/** Booking codes use Latin capitals without I and O (they read as 1 and 0) and digits. */
export const CODE_KEYS = [...DIGITS, ...'ABCDEFGHJKLMNPQRSTUVWXYZ'.split(''), '-'] as const;

interface PairAnswer {
  ok: boolean;
  token?: string;
  error?: { message: string; messageEn?: string };
}

/**
 * Sign-in with a token, or for a desk a 6-digit pairing code the administrator issued, exchanged at
 * the hub for the desk's token. The token is remembered in this browser for this role.
 */
export function SignIn({ role, lang, refused, onToken }: { role: Namespace; lang: Lang; refused: boolean; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(refused ? t(lang, 'signin.refused') : null);
  const [busy, setBusy] = useState(false);
  const accept = (value: string) => {
    rememberToken(role, value);
    onToken(value);
  };
  const pair = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const res = await fetch('/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      const body = (await res.json()) as PairAnswer;
      if (body.ok && body.token) accept(body.token);
      else setError((lang === 'en' ? body.error?.messageEn : body.error?.message) ?? body.error?.message ?? t(lang, 'refusal.other'));
    } catch {
      setError(t(lang, 'refusal.NO_ANSWER'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin" data-testid="signin">
      <h1>{t(lang, 'signin.title')}</h1>
      {error && (
        <p class="error" role="alert" data-testid="signin-error">
          {error}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) accept(token.trim());
        }}
      >
        <label for="signin-token">{t(lang, 'signin.token')}</label>
        <input id="signin-token" name="token" type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
        <button type="submit">{t(lang, 'signin.submit')}</button>
      </form>
      {role === 'desk' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void pair();
          }}
        >
          <p class="or">{t(lang, 'signin.or')}</p>
          <label for="signin-code">{t(lang, 'signin.pairCode')}</label>
          <input
            id="signin-code"
            name="code"
            inputMode="numeric"
            pattern="[0-9]{6}"
            maxLength={6}
            autocomplete="off"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            required
          />
          <button type="submit" disabled={busy}>
            {t(lang, 'signin.pairSubmit')}
          </button>
        </form>
      )}
    </main>
  );
}
