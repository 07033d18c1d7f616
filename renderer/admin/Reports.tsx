/**
 * Reports for today, any past day or a month: served per hour (or day), waits per service (mean and
 * p90), no-shows with the excused apart, alert and pause minutes, desk utilisation; each chart with
 * its numbers in a table, and the whole report as CSV.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Ack, PeriodReport, ReportPeriod } from '../../sync/protocol/hub.js';
import { PAUSE_REASONS } from '../../sync/protocol/hub.js';
import { serviceName, t, type Lang, type MessageKey } from '../shared/i18n.js';
import { BarChart, type Bars } from './BarChart.js';

type Ask = {
  report: (p: ReportPeriod) => Promise<Ack<{ report: PeriodReport }>>;
  csv: (p: ReportPeriod) => Promise<Ack<{ filename: string; csv: string }>>;
};

const COLORS = { served: '#0b3d91', mean: '#0b3d91', p90: '#8a4500', util: '#0d4d12' };

export function Reports({ lang, today, services, ask, online }: { lang: Lang; today: string; services: readonly { code: string; uk: string; en: string }[]; ask: Ask; online: boolean }) {
  const [kind, setKind] = useState<'day' | 'month'>('day');
  const [day, setDay] = useState(today);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [period, setPeriod] = useState<ReportPeriod>({ day: today });
  const [report, setReport] = useState<PeriodReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    let live = true;
    setReport(null);
    void ask.report(period).then((ack) => {
      if (!live) return;
      if (ack.ok) {
        setReport(ack.report);
        setError(null);
      } else setError(ack.error.message || t(lang, 'reason.noAnswer'));
    });
    return () => {
      live = false;
    };
    // ask is rebuilt each render; the period and the link decide when to ask again.
  }, [period, online]);

  const download = async () => {
    const ack = await ask.csv(period);
    if (!ack.ok) return setError(ack.error.message || t(lang, 'reason.noAnswer'));
    const url = URL.createObjectURL(new Blob([ack.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = ack.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const charts = useMemo(() => (report ? chartsOf(lang, report, services) : null), [report, lang, services]);
  const perHour = report?.kind === 'day';
  return (
    <section class="card reports" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">{t(lang, 'reports.title')}</h2>
      <form
        class="pair report-period"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod(kind === 'day' ? { day } : { month });
        }}
      >
        <label for="report-kind">{t(lang, 'reports.period')}</label>
        <select id="report-kind" data-testid="report-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as 'day' | 'month')}>
          <option value="day">{t(lang, 'reports.day')}</option>
          <option value="month">{t(lang, 'reports.month')}</option>
        </select>
        {kind === 'day' ? (
          <input type="date" aria-label={t(lang, 'reports.day')} data-testid="report-day" value={day} max={today} onInput={(e) => setDay(e.currentTarget.value)} />
        ) : (
          <input type="month" aria-label={t(lang, 'reports.month')} data-testid="report-month" value={month} max={today.slice(0, 7)} onInput={(e) => setMonth(e.currentTarget.value)} />
        )}
        <button type="submit" data-testid="report-show" disabled={!online}>
          {t(lang, 'reports.show')}
        </button>
        <button type="button" class="secondary" onClick={() => setPeriod({ day: today })} disabled={!online}>
          {t(lang, 'reports.today')}
        </button>
        <button type="button" class="secondary" data-testid="report-csv" disabled={!online || !report} onClick={() => void download()}>
          {t(lang, 'reports.csv')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report ? (
        <p role="status">{t(lang, 'reports.loading')}</p>
      ) : (
        <div class="report-body" data-testid="report" data-period={report.period}>
          <h3>{t(lang, 'reports.totals')}</h3>
          <dl class="numbers" data-testid="report-totals">
            <div data-key="checkedIn">
              <dt>{t(lang, 'reports.checkedIn')}</dt>
              <dd>{report.checkedIn}</dd>
            </div>
            <div data-key="served">
              <dt>{t(lang, 'reports.served')}</dt>
              <dd>{report.served}</dd>
            </div>
            <div data-key="noShows">
              <dt>{t(lang, 'reports.noShows')}</dt>
              <dd>
                {report.noShows - report.excusedNoShows}
                <span class="detail"> + {report.excusedNoShows} {t(lang, 'reports.excused')}</span>
              </dd>
            </div>
            <div data-key="alertMinutes">
              <dt>{t(lang, 'reports.alertMinutes')}</dt>
              <dd>{report.alertMinutes}</dd>
            </div>
          </dl>
          <p data-testid="report-pauses">
            {t(lang, 'reports.pauses')}:{' '}
            {PAUSE_REASONS.map((r) => `${t(lang, `pause.${r}` as MessageKey)} ${report.pauseMinutes[r] ?? 0}`).join(', ')}
          </p>

          <h3 id="served-title">{t(lang, perHour ? 'reports.servedPerHour' : 'reports.servedPerDay')}</h3>
          <BarChart bars={charts!.served} testId="chart-served" />
          <details>
            <summary>{t(lang, perHour ? 'reports.servedPerHour' : 'reports.servedPerDay')}</summary>
            <table class="states" aria-labelledby="served-title">
              <thead>
                <tr>
                  <th scope="col">{t(lang, perHour ? 'reports.hour' : 'reports.dayCol')}</th>
                  <th scope="col">{t(lang, 'reports.served')}</th>
                </tr>
              </thead>
              <tbody>
                {report.servedBy.map((s) => (
                  <tr key={s.label}>
                    <th scope="row">{s.label}</th>
                    <td>{s.served}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>

          <h3 id="waits-title">{t(lang, 'reports.waits')}</h3>
          <BarChart bars={charts!.waits} testId="chart-waits" />
          <table class="states" aria-labelledby="waits-title" data-testid="report-waits">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'floor.service')}</th>
                <th scope="col">{t(lang, 'reports.visits')}</th>
                <th scope="col">{t(lang, 'reports.mean')}</th>
                <th scope="col">{t(lang, 'reports.p90')}</th>
              </tr>
            </thead>
            <tbody>
              {report.waits.map((w) => (
                <tr key={w.service} data-service={w.service}>
                  <th scope="row">{serviceName(lang, services, w.service)}</th>
                  <td>{w.visits}</td>
                  <td>{w.meanMinutes ?? '—'}</td>
                  <td>{w.p90Minutes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3 id="desks-title">{t(lang, 'reports.desks')}</h3>
          <BarChart bars={charts!.desks} testId="chart-desks" />
          <table class="states" aria-labelledby="desks-title" data-testid="report-desks">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'floor.desk')}</th>
                <th scope="col">{t(lang, 'reports.served')}</th>
                <th scope="col">{t(lang, 'reports.busy')}</th>
                <th scope="col">{t(lang, 'reports.available')}</th>
                <th scope="col">{t(lang, 'reports.paused')}</th>
                <th scope="col">{t(lang, 'reports.utilisation')}</th>
              </tr>
            </thead>
            <tbody>
              {report.desks.map((d) => (
                <tr key={d.desk} data-desk={d.desk}>
                  <th scope="row">{d.desk}</th>
                  <td>{d.served}</td>
                  <td>{d.busyMinutes}</td>
                  <td>{d.availableMinutes}</td>
                  <td>{d.pauseMinutes}</td>
                  <td>{d.utilisation === null ? '—' : `${Math.round(d.utilisation * 100)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.served === 0 && report.checkedIn === 0 && <p>{t(lang, 'reports.noData')}</p>}
        </div>
      )}
    </section>
  );
}

function chartsOf(lang: Lang, r: PeriodReport, services: readonly { code: string; uk: string; en: string }[]): { served: Bars; waits: Bars; desks: Bars } {
  return {
    served: {
      labels: r.servedBy.map((s) => (r.kind === 'day' ? s.label.slice(0, 2) : s.label.slice(8))),
      series: [{ name: t(lang, 'reports.served'), values: r.servedBy.map((s) => s.served), color: COLORS.served }],
    },
    waits: {
      labels: r.waits.map((w) => serviceName(lang, services, w.service)),
      series: [
        { name: t(lang, 'reports.mean'), values: r.waits.map((w) => w.meanMinutes), color: COLORS.mean },
        { name: t(lang, 'reports.p90'), values: r.waits.map((w) => w.p90Minutes), color: COLORS.p90 },
      ],
    },
    desks: {
      labels: r.desks.map((d) => String(d.desk)),
      series: [{ name: t(lang, 'reports.utilisation'), values: r.desks.map((d) => (d.utilisation === null ? null : Math.round(d.utilisation * 100))), color: COLORS.util }],
    },
  };
}
