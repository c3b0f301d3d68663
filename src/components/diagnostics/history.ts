import { html, nothing, svg, type TemplateResult } from 'lit-html';
// The badge's own module (it defines the badge and registers its words): what the timeline says
// the elements said is decided where the badge decides it.
import { badgeLabel, badgeState, type BadgeState } from '../live-source-badge.js';
import type { SourceHealth } from '../../stores/health.js';
import { $timeline, TIMELINE_WINDOW, type TimelineEntry } from '../../stores/timeline.js';
import { parseDuration } from '../../data/duration.js';
import { logOnce } from '../../log-once.js';
import type { LiveAlertDetail } from '../events.js';
import { judge, type TargetKey, type Targets } from '../../data/health.js';
import { BUCKET, type Bucket } from '../../data/window.js';
import type { LiveError } from '../../data/errors.js';
import { figure, goal } from './targets.js';
import { cell, table, type View } from './view.js';
import { diagnosticsReport } from '../../stores/report.js';
import { words } from '../strings.js';
import { historyWords } from '../words/history.js';

words(historyWords);

/** An entry with what its badge said, worked out once. */
type Told = TimelineEntry & { badge: BadgeState };

export { $timeline };
export { historyStyles } from './history-styles.js';

/** What the badge said, in the page's words ("Cached · Update failed"). */
const saidWords = (v: View, e: Told) => badgeLabel((key) => v.t(key), e.badge, e.said.origin, e.said.error?.kind);

/**
 * Which sources have failed for `threshold` ms or longer (with when their failure began, as far as
 * the timeline goes back), and when the next one will have.
 */
function failing(threshold: number, now: number): { overdue: Map<string, number>; next: number | null } {
  const overdue = new Map<string, number>();
  let next: number | null = null;
  for (const [name, entries] of Object.entries($timeline.get())) {
    let i = entries.length;
    while (i > 0 && entries[i - 1].said.error) i--;
    if (i === entries.length) continue;
    const since = entries[i].at;
    if (now - since >= threshold) overdue.set(name, since);
    else next = Math.min(next ?? Infinity, since + threshold);
  }
  return { overdue, next };
}

/**
 * The panel's `failing-for`: tells, once each, when a source has failed for that long and when it
 * works again after it had, with the sentence to say. Follows the timeline, and looks again when
 * the next failure will have lasted that long. Returns its stop.
 */
export function alertOnFailure(failingFor: string, view: () => View, tell: (detail: LiveAlertDetail, sentence: string) => void): () => void {
  let threshold: number;
  try {
    threshold = parseDuration(failingFor, 'failing-for');
  } catch (e) {
    logOnce(`<live-diagnostics>: ${(e as Error).message}`);
    return () => {};
  }
  let told = new Map<string, number>();
  let alarm: ReturnType<typeof setTimeout> | undefined;
  const look = () => {
    clearTimeout(alarm);
    const now = Date.now();
    const { overdue, next } = failing(threshold, now);
    const v = view();
    const say = (source: string, since: number, kind: LiveAlertDetail['kind']) =>
      tell(
        { source, kind, since },
        v.t(kind === 'failing' ? 'diag.failingFor' : 'diag.recoveredAfter', { source: v.label(source), duration: span(v, now - since) }),
      );
    for (const [source, since] of overdue) if (!told.has(source)) say(source, since, 'failing');
    for (const [source, since] of told) if (!overdue.has(source)) say(source, since, 'recovered');
    told = overdue;
    if (next !== null) alarm = setTimeout(look, next - now);
  };
  const off = $timeline.subscribe(look);
  return () => {
    off();
    clearTimeout(alarm);
  };
}

/** What happened, in words: the cause, and for a failure what failed and when it tries again. */
function happened(v: View, e: TimelineEntry): string {
  const what = v.t(`diag.cause.${e.cause}`);
  const { error, retryAt, servedBy } = e.said;
  if (e.cause === 'failed' && error) return `${what}: ${v.error(error)}${retryAt === null ? '' : ` (${v.t('diag.retryAt', { time: v.time(retryAt) })})`}`;
  if (e.cause === 'cached' && servedBy) return `${what} (${servedBy === 'browser' ? v.t('diag.origin.browser') : servedBy})`;
  return what;
}

/** A measured span in words, to the second under two minutes, to the minute under two hours, else to the hour. */
function span(v: View, ms: number): string {
  const unit = ms < 120_000 ? 1000 : ms < 7_200_000 ? 60_000 : 3_600_000;
  return v.duration(Math.ceil(ms / unit) * unit);
}

/** The x of a time on a 1000-wide axis from `start` to `now`. */
const at = (t: number, start: number, now: number) => Math.min(1000, (Math.max(0, t - start) / Math.max(1, now - start)) * 1000);

/**
 * A strip per state the source was in (only those it was in), the state's word beside it: when it
 * was live, cached, stale, retrying, failing or offline, by where the bars are (the colour only
 * repeats it). Said in a sentence: how long in each.
 */
function strip(v: View, entries: readonly Told[], start: number, now: number): TemplateResult {
  const spans = new Map<BadgeState, [number, number][]>();
  entries.forEach((e, i) => {
    const from = Math.max(e.at, start);
    const to = entries[i + 1]?.at ?? now;
    if (to > from) spans.set(e.badge, [...(spans.get(e.badge) ?? []), [from, to]]);
  });
  const lanes = [...spans];
  const total = (list: [number, number][]) => list.reduce((sum, [a, b]) => sum + b - a, 0);
  const summary = lanes.map(([state, list]) => `${v.t(`badge.${state}`)} ${span(v, total(list))}`).join(', ');
  return html`<p>${v.t('diag.statesOver', { window: span(v, now - start), states: summary })}</p>
    <div class="lanes" aria-hidden="true">
      ${lanes.map(
        ([state, list]) => html`<span>${v.t(`badge.${state}`)}</span>
          <svg viewBox="0 0 1000 10" preserveAspectRatio="none" data-state=${state}>
            ${list.map(([a, b]) => svg`<rect x=${at(a, start, now)} width=${Math.max(2, at(b, start, now) - at(a, start, now))} height="10"></rect>`)}
          </svg>`,
      )}
    </div>`;
}

/** A small chart: a sentence that says what it shows (its text alternative), then the picture. */
function chart(sentence: string, picture: TemplateResult): TemplateResult {
  return html`<figure><figcaption>${sentence}</figcaption>${picture}</figure>`;
}

/** The age of the data against its ttl: it climbs until the server confirms the data, then drops; above the dashed line it is stale. */
function freshness(v: View, entries: readonly TimelineEntry[], start: number, now: number): TemplateResult {
  const points: [number, number][] = [];
  entries.forEach((e, i) => {
    const u = e.said.updatedAt;
    if (u === null) return;
    const to = entries[i + 1]?.at ?? now;
    const from = Math.max(e.at, start);
    if (to < start) return;
    points.push([from, from - u], [to, to - u]);
  });
  const ttl = entries.at(-1)!.said.ttl;
  const highest = Math.max(0, ...points.map(([, age]) => age));
  const top = Math.max(highest, ttl) * 1.1 || 1;
  const y = (age: number) => 100 - (Math.max(0, age) / top) * 100;
  const line = points.map(([t, age], i) => `${i ? 'L' : 'M'}${at(t, start, now).toFixed(1)} ${y(age).toFixed(1)}`).join('');
  const last = points.at(-1);
  const sentence = points.length
    ? v.t('diag.freshnessOver', { highest: span(v, highest), now: span(v, last ? last[1] : 0), ttl: v.duration(ttl) })
    : v.t('diag.freshnessNone');
  return chart(
    sentence,
    html`<svg class="chart" viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">
      ${svg`<path class="goal" d="M0 ${y(ttl).toFixed(1)}H1000"></path><path class="line" d=${line || 'M0 100'}></path>`}
    </svg>`,
  );
}

/** Each 10 s interval's figures, judged once for every chart of a source. */
type Judged = { at: number; results: ReturnType<typeof judge>['targets'] }[];

/** One health target over the window, per 10 s: a bar per interval, the target as a dashed line, the misses marked. */
function targetChart(v: View, key: TargetKey, judged: Judged, targets: Targets, start: number, now: number): TemplateResult {
  const goalOf = targets[key];
  const bars = judged
    .map(({ at, results }) => {
      const r = results.find((t) => t.key === key)!;
      // One request decides a bucket's verdict here: the chart shows what happened, the table judges.
      const miss = r.value !== null && (key === 'hitRate' || key === 'syncSuccess' ? r.value < goalOf : r.value > goalOf);
      return { at, value: r.value, miss };
    })
    .filter((b): b is { at: number; value: number; miss: boolean } => b.value !== null);
  const values = bars.map((b) => b.value);
  const top = key === 'latency' ? Math.max(goalOf, ...values) * 1.1 || 1 : 1;
  // A bar at least 2 high: a zero that misses is seen.
  const y = (value: number) => Math.min(98, 100 - (value / top) * 100);
  const sentence = values.length
    ? v.t('diag.targetOver', {
        target: v.t(`diag.target.${key}`),
        goal: goal(v, { key, target: goalOf, value: null, verdict: 'unknown', samples: 0 }),
        lowest: figure(v, key, Math.min(...values)),
        highest: figure(v, key, Math.max(...values)),
        missed: bars.filter((b) => b.miss).length,
        count: bars.length,
        interval: v.duration(BUCKET),
      })
    : `${v.t(`diag.target.${key}`)}: ${v.t('diag.none')}`;
  return chart(
    sentence,
    html`<svg class="chart" viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">
      ${bars.map((b) => {
        // An interval that began before the window shows its part within it.
        const x = at(b.at, start, now);
        const width = Math.max(2, at(b.at + BUCKET, start, now) - x - 2);
        return svg`<rect class=${b.miss ? 'miss' : 'bar'} x=${x} y=${y(b.value)} width=${width} height=${100 - y(b.value)}></rect>`;
      })}
      ${svg`<path class="goal" d="M0 ${y(goalOf).toFixed(1)}H1000"></path>`}
    </svg>`,
  );
}

/**
 * What happened to one source, in words and in pictures: the states it was in at a glance, and
 * under a disclosure (a panel with many sources stays short) the age of its data against its ttl,
 * its health targets per 10 s, and the timeline, newest first, with what it said before and after
 * each change.
 */
export function history(
  v: View,
  name: string,
  recorded: readonly TimelineEntry[] | undefined,
  recent: readonly Bucket[] | undefined,
  health: SourceHealth | undefined,
  now: number,
  opened: Set<string>,
  update: () => void,
): TemplateResult | typeof nothing {
  if (!recorded?.length) return nothing;
  const entries: Told[] = recorded.map((e) => ({
    ...e,
    badge: badgeState({ ...e.said, data: e.said.hasData || undefined, error: e.said.error as LiveError | null }),
  }));
  // From when the recording began (the figures may go back further: their bars start at the edge).
  const start = Math.max(entries[0].at, now - TIMELINE_WINDOW);
  const label = v.label(name);
  // The charts and the timeline, drawn only while their disclosure is open.
  const more = () => {
    const targets = health && (Object.fromEntries(health.targets.map((r) => [r.key, r.target])) as unknown as Targets);
    const judged: Judged = (recent ?? [])
      .filter((b) => b.at + BUCKET > start)
      .map((b) => ({ at: b.at, results: judge(b, { ...targets!, window: BUCKET }, false).targets }));
    const caption = v.t('diag.timelineOf', { source: label });
    const head = ['time', 'happened', 'said'].map((k) => v.t(`diag.${k}` as 'diag.time'));
    const rows = entries
      .map((e, i) => {
        const before = i ? saidWords(v, entries[i - 1]) : '';
        const after = saidWords(v, e);
        return html`<tr role="row">
          <th scope="row" role="rowheader"><time datetime=${new Date(e.at).toISOString()} title=${v.dateTime(e.at)}>${v.time(e.at)}</time></th>
          ${cell(head[1], happened(v, e))} ${cell(head[2], before && before !== after ? `${before} → ${after}` : after)}
        </tr>`;
      })
      .reverse();
    return html`<div class="charts">
        ${freshness(v, entries, start, now)}
        ${targets && recent ? (Object.keys(targets) as TargetKey[]).map((key) => targetChart(v, key, judged, targets, start, now)) : nothing}
      </div>
      <p class="axis" aria-hidden="true"><span>${v.time(start)}</span><span>${v.time(now)}</span></p>
      <div class="scroll" role="region" aria-label=${caption} tabindex="0">${table(caption, head, rows)}</div>`;
  };
  const open = opened.has(name);
  const toggle = (e: Event) => {
    if ((e.target as HTMLDetailsElement).open === open) return;
    if (open) opened.delete(name);
    else opened.add(name);
    update();
  };
  return html`<section part="history" class="history" aria-label=${v.t('diag.history', { source: label })}>
    <h3>${v.t('diag.history', { source: label })}</h3>
    ${strip(v, entries, start, now)}
    <details part="history-details" ?open=${open} @toggle=${toggle}>
      <summary>${v.t('diag.more', { source: label })}</summary>
      ${open ? more() : nothing}
    </details>
  </section>`;
}

/** The report (with the timelines) as a JSON file the browser downloads. */
export function saveReport(text = JSON.stringify(diagnosticsReport(), null, 2)): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = `live-widgets-diagnostics-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The report on the clipboard, or as a file where the clipboard is refused (it needs permission and focus): true when copied. */
export async function copyReport(): Promise<boolean> {
  const text = JSON.stringify(diagnosticsReport(), null, 2);
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    saveReport(text);
    return false;
  }
}
