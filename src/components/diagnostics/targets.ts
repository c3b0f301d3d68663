import { html, type TemplateResult } from 'lit-html';
import { AT_LEAST, MIN_SAMPLES, type HealthStatus, type TargetKey, type TargetResult } from '../../data/health.js';
import type { PageHealth } from '../../stores/health.js';
import { cell, status, table, type View } from './view.js';

export const HEALTH_ICON: Record<HealthStatus, string> = { ok: '✓', degraded: '!', failing: '✕', unknown: '…' };
const VERDICT_ICON = { pass: '✓', miss: '✕', unknown: '…' } as const;

/** A target's figure in its unit: a share as a percentage, a time in ms. */
export function figure(v: View, key: TargetKey, value: number | null): string {
  return key === 'latency' ? v.ms(value) : v.percent(value);
}

/** "at least 90%", "at most 200 ms". */
export function goal(v: View, r: TargetResult): string {
  return v.t(AT_LEAST[r.key] ? 'diag.atLeast' : 'diag.atMost', { value: figure(v, r.key, r.target) });
}

/** The sentence said once when a target is missed. */
export function missedSentence(v: View, source: string, r: TargetResult): string {
  return v.t('diag.missed', { source: v.label(source), target: v.t(`diag.target.${r.key}`), value: figure(v, r.key, r.value), goal: goal(v, r) });
}

/** Each source's figures against its targets, over its window, with a verdict in words and icon. */
export function targetsSection(v: View, health: PageHealth): TemplateResult {
  const entries = Object.entries(health.sources);
  const windows = new Set(entries.map(([, s]) => s.window));
  const caption = windows.size === 1 ? v.t('diag.targetsOver', { window: v.duration([...windows][0]) }) : v.t('diag.targets');
  const head = ['source', 'target', 'goal', 'now', 'verdict'].map((k) => v.t(`diag.${k}` as 'diag.source'));
  return table(
    caption,
    head,
    entries.flatMap(([name, s]) =>
      s.targets.map(
        (r) => html`<tr role="row" data-verdict=${r.verdict}>
          <th scope="row" role="rowheader">${v.label(name)}</th>
          ${cell(head[1], v.t(`diag.target.${r.key}`))} ${cell(head[2], goal(v, r))} ${cell(head[3], figure(v, r.key, r.value))}
          ${cell(
            head[4],
            status(
              r.verdict,
              VERDICT_ICON[r.verdict],
              r.verdict === 'unknown' ? v.t('diag.verdict.unknown', { samples: r.samples, min: MIN_SAMPLES }) : v.t(`diag.verdict.${r.verdict}`),
            ),
          )}
        </tr>`,
      ),
    ),
    'targets',
  );
}
