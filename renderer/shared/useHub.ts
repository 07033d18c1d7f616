/** A page's connection to the hub as Preact state: link, the latest snapshot, the hub's clock offset. */
import { useEffect, useState } from 'preact/hooks';
import type { Namespace, Snapshot } from '../../sync/protocol/hub.js';
import { shell } from './bridge.js';
import { connectHub, type HubClient, type LinkState } from './hubClient.js';
import type { Lang } from './i18n.js';

export interface HubState<N extends Namespace> {
  client: HubClient<N> | null;
  link: LinkState;
  snapshot: Snapshot | null;
  /** The hub's clock minus this screen's, from the last snapshot. */
  offsetMs: number;
}

let reported = false;

/**
 * Connects while `token` is usable (null only for an open board); a new token or language makes a new
 * connection, because both are fixed at the handshake (the hub words its errors in that language).
 */
export function useHub<N extends Namespace>(role: N, token: string | null, lang: Lang, enabled: boolean): HubState<N> {
  const [state, setState] = useState<HubState<N>>({ client: null, link: 'connecting', snapshot: null, offsetMs: 0 });
  useEffect(() => {
    if (!enabled) return;
    const client = connectHub(role, { token, lang });
    setState((s) => ({ ...s, client, link: client.link }));
    const offLink = client.onLink((link) => setState((s) => ({ ...s, link })));
    const offSnapshot = client.on('snapshot', (snapshot) => {
      setState((s) => ({ ...s, snapshot, offsetMs: snapshot.serverTime - Date.now() }));
      if (!reported) {
        reported = true;
        shell()?.reportReady();
      }
    });
    return () => {
      offLink();
      offSnapshot();
      client.close();
    };
  }, [role, token, lang, enabled]);
  return state;
}
