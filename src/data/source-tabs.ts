import { liveError } from './errors.js';
import type { SourceHost } from './host.js';
import { redactUrl } from './redact.js';
import type { SourceWork } from './source-work.js';
import { PROBE, type Member } from './tabs.js';
import { setTabs } from './tab-store.js';

/**
 * A source as its tab group sees it (`tabs.ts`): how the group's decisions reach the kernel.
 * `lead` makes this tab serve the source (its stream resuming from the id given), `follow` stops
 * that; `work` is what the serving tab does.
 */
export function memberOf<T>(host: SourceHost<T>, work: SourceWork<T>, lead: Member<T>['lead'], follow: () => void): Member<T> {
  const o = host.options;
  return {
    name: host.name,
    // Tokens in a query never cross to other tabs, nor name a lock.
    key: JSON.stringify([host.name, redactUrl(o.src) ?? '', o.stream?.map(redactUrl).join(' ') ?? '', o.transport, o.event ?? '']),
    get state() {
      return host.state;
    },
    requestLimit: o.timeout * (o.retry.attempts + 1) + o.retry.max * o.retry.attempts + 2 * PROBE,
    unanswered: () => {
      const message = 'The tab that fetches for this page did not answer in time.';
      return { ...host.state, status: 'error', error: liveError('timeout', { source: host.name, url: o.src ?? '', message }) };
    },
    lead,
    follow,
    apply: (state) => host.send({ type: 'leaderState', state }),
    request: host.request,
    push: host.push,
    visibilityChanged: () => work.visibility(),
    roleChanged: (role, tabs) => setTabs(host.name, { role, tabs }),
    lastEventId: () => work.stream?.lastEventId(),
  };
}
