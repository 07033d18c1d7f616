/**
 * A board in the shelter during an alert (docs/alerts.md): the hall has stopped, the shelter's desks
 * go on, so it says «Обслуговування триває в укритті» and shows the calls of the shelter's desks only.
 * A board knows it stands in the shelter from the snapshot (`place`), which the hub derives from its token.
 */
import { t, type Lang } from '../shared/i18n.js';
import type { BoardView } from './boardState.js';

/** This board shows shelter service now: it stands in the shelter, an alert stops the hall, and some desk is in the shelter. */
export function servesShelter(view: BoardView | null): boolean {
  return Boolean(view && view.snapshot.place === 'shelter' && view.alert.active && (view.alert.shelterDesks?.length ?? 0) > 0);
}

/** The calls the shelter board shows: only those at its desks, newest first. */
export function shelterCalls(view: BoardView): BoardView['calls'] {
  const desks = new Set(view.alert.shelterDesks ?? []);
  return view.calls.filter((c) => desks.has(c.desk));
}

export function ShelterService({ view, lang, fresh }: { view: BoardView; lang: Lang; fresh: number | null }) {
  const [latest, ...earlier] = shelterCalls(view);
  return (
    <main class="board-main shelter-service" data-testid="shelter-service">
      <p class="all-clear shelter-banner" role="status" data-testid="shelter-banner">
        <span aria-hidden="true">⚠ </span>
        {t(lang, 'board.shelterServing')}
        <span class="shelter-sub">{t(lang, 'board.shelterSub', { desks: (view.alert.shelterDesks ?? []).join(', ') })}</span>
      </p>
      <section class="calls" aria-labelledby="shelter-calls-title">
        <h2 id="shelter-calls-title">{t(lang, 'board.latest')}</h2>
        {latest ? (
          <div
            key={`${latest.at}-${latest.number}-${latest.desk}`}
            class={`latest ${fresh === latest.at ? 'fresh' : ''}`}
            data-testid="latest-call"
            data-number={latest.number}
            data-desk={latest.desk}
            aria-label={t(lang, 'board.announce', { number: latest.number, desk: latest.desk })}
          >
            <span class="number">{latest.number}</span>
            <span class="arrow" aria-hidden="true">
              →
            </span>
            <span class="desk">
              <span class="desk-label">{t(lang, 'board.desk')}</span>
              <span>{latest.desk}</span>
            </span>
          </div>
        ) : (
          <p class="no-calls">{t(lang, 'board.noCalls')}</p>
        )}
      </section>
      {earlier.length > 0 && (
        <section class="shelter-earlier" aria-labelledby="shelter-earlier-title">
          <h2 id="shelter-earlier-title">{t(lang, 'board.lastCalls')}</h2>
          <table class="earlier" data-testid="earlier-calls">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'board.ticket')}</th>
                <th scope="col">{t(lang, 'board.desk')}</th>
              </tr>
            </thead>
            <tbody>
              {earlier.map((c) => (
                <tr key={`${c.at}-${c.number}-${c.desk}`}>
                  <td>{c.number}</td>
                  <td>
                    <span aria-hidden="true">→ </span>
                    {c.desk}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
