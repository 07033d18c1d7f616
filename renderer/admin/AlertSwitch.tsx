/**
 * The manual alert switch. Declaring and ending each take a second, deliberate press, and no button
 * ever appears where the finger that pressed another one is: the four buttons have four fixed places
 * in a 2 × 2 grid (declare top-left, its confirmation top-right; end bottom-right, its confirmation
 * bottom-left), and a cancel takes the place of the button that asked. Two quick taps on one spot
 * therefore ask and cancel; they never declare and end.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AlertView } from '../../sync/protocol/hub.js';
import { t, type Lang } from '../shared/i18n.js';

type Step = 'idle' | 'confirm';

export function AlertSwitch({
  lang,
  alert,
  disabled,
  onSwitch,
}: {
  lang: Lang;
  alert: AlertView | null;
  disabled: boolean;
  onSwitch: (active: boolean) => void;
}) {
  const [step, setStep] = useState<Step>('idle');
  const active = alert?.active ?? false;
  // A change from elsewhere (an automatic source, another admin) drops a pending confirmation.
  useEffect(() => setStep('idle'), [active]);

  const slot = (place: 'tl' | 'tr' | 'bl' | 'br', content: preact.ComponentChildren) => (
    <div class={`alert-slot alert-slot-${place}`}>{content}</div>
  );
  const ask = active ? 'admin.alertAskOff' : 'admin.alertAskOn';
  const asking = step === 'confirm';
  const cancel = (
    <button type="button" class="large secondary" data-testid="alert-cancel" onClick={() => setStep('idle')}>
      {t(lang, 'admin.alertCancel')}
    </button>
  );
  const confirm = (
    <button
      type="button"
      class={`large ${active ? 'danger-off' : 'danger'}`}
      data-testid="alert-confirm"
      disabled={disabled}
      aria-describedby="alert-ask"
      onClick={() => {
        setStep('idle');
        onSwitch(!active);
      }}
    >
      {t(lang, active ? 'admin.alertConfirmOff' : 'admin.alertConfirmOn')}
    </button>
  );
  const first = (
    <button
      type="button"
      class={`large ${active ? 'danger-off' : 'danger'}`}
      data-testid="alert-switch"
      aria-pressed={active ? 'true' : 'false'}
      disabled={disabled}
      onClick={() => setStep('confirm')}
    >
      {t(lang, active ? 'admin.alertEnd' : 'admin.alertDeclare')}
    </button>
  );
  return (
    <div class="alert-switch" data-step={step}>
      <p id="alert-ask" class="alert-ask" role={asking ? 'alert' : undefined}>
        {asking ? t(lang, ask) : ' '}
      </p>
      <div class="alert-grid">
        {slot('tl', !active ? (asking ? cancel : first) : null)}
        {slot('tr', !active && asking ? confirm : null)}
        {slot('bl', active && asking ? confirm : null)}
        {slot('br', active ? (asking ? cancel : first) : null)}
      </div>
    </div>
  );
}
