/** The ticket's second QR on the kiosk screen: the link to the visit's live ticket (docs/live-ticket.md). */
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { t, type Lang } from '../shared/i18n.js';

export function LiveQr({ lang, url }: { lang: Lang; url: string | undefined }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((s) => live && setSvg(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}`))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [url]);
  if (!url || !svg) return null;
  return (
    <figure class="live-qr" data-testid="live-qr" data-url={url}>
      <img src={svg} width={180} height={180} alt={t(lang, 'ticket.liveAlt')} />
      <figcaption>{t(lang, 'ticket.live')}</figcaption>
    </figure>
  );
}
