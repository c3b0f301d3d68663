// The "break it" pages (docs/break-it/): each fault of the reference server's switchboard
// (demo/faults.mjs), the elements it affects, and what they should say. One source for the page
// and for its test (test/docs/break-it.test.ts): `broken` and `healed` name, per element of the
// example, words it must show once the fault is on (and refresh pressed, unless the example
// `restart`s), and once healed (and refresh pressed).
export const FAULTS = [
  {
    slug: 'server-error',
    title: 'The server fails',
    task: 'Your API answers with errors. See what the page says while it does, and that the numbers stay.',
    breaks: 'Every answer is an HTTP 500.',
    label: 'every answer is a 500',
    fault: { status: 500 },
    code: `<live-source name="b-fail" label="Overview" src="/api/overview" poll="5s" ttl="20s"></live-source>
Visitors: <live-value source="b-fail" path="visitors"></live-value>
<live-source-badge source="b-fail"></live-source-badge>
<live-last-updated source="b-fail"></live-last-updated>
<live-refresh-button source="b-fail"></live-refresh-button>
<live-error-alert source="b-fail"></live-error-alert>`,
    says: `The value stays as it was. The badge says "Retrying" while the source tries again (with
backoff), then "Update failed". The alert says "The server answered with an error (HTTP 500)."
and when it tries again, with Retry and Dismiss. "Updated … ago" keeps the time of the last good
answer, and turns stale 20 s after it. Heal the server: the next try succeeds, the alert closes by
itself, and the badge says "Live".`,
    broken: [
      ['live-error-alert', 'The server answered with an error (HTTP 500).'],
      ['live-value', /^[\d,]+$/],
    ],
    healed: [
      ['live-error-alert', ''],
      ['live-source-badge', 'Live'],
    ],
  },
  {
    slug: 'server-busy',
    title: 'The server is busy',
    task: 'Your API sheds load with 503 and Retry-After. See that the page waits as long as it was asked to.',
    breaks: 'Every answer is a 503 with `Retry-After: 5`.',
    label: '503, try again in 5 s',
    fault: { status: 503, retryAfter: 5 },
    code: `<live-source name="b-busy" label="Overview" src="/api/overview" poll="5s"></live-source>
<live-source-badge source="b-busy"></live-source-badge>
<live-refresh-button source="b-busy"></live-refresh-button>
<live-error-alert source="b-busy"></live-error-alert>`,
    says: `The badge says "Server busy"; the alert says "The server is busy." and tries again no
sooner than the server asked (5 s), however often the refresh button is pressed.`,
    broken: [
      ['live-source-badge', 'Server busy'],
      ['live-error-alert', 'The server is busy'],
    ],
    healed: [['live-source-badge', 'Live']],
  },
  {
    slug: 'server-slow',
    title: 'The server is slow',
    task: 'Your API sometimes takes longer than a page should wait. See the page give up in time, and say so.',
    breaks: 'Every answer takes 5 s; the source allows 2 s (`timeout`).',
    label: 'answers take 5 s',
    fault: { latency: 5000 },
    code: `<live-source name="b-slow" label="Overview" src="/api/overview" timeout="2s"></live-source>
Visitors: <live-value source="b-slow" path="visitors"></live-value>
<live-source-badge source="b-slow"></live-source-badge>
<live-refresh-button source="b-slow"></live-refresh-button>
<live-error-alert source="b-slow"></live-error-alert>`,
    says: `Press refresh: the button is busy, then the alert says "The server took too long to
answer." The data on screen stays.`,
    broken: [
      ['live-error-alert', 'The server took too long to answer.'],
      ['live-value', /^[\d,]+$/],
    ],
    healed: [['live-error-alert', '']],
  },
  {
    slug: 'broken-data',
    title: 'The server sends broken data',
    task: 'A proxy cuts an answer short, or a bug breaks the JSON. See that the page keeps what it had.',
    breaks: 'Every JSON answer is cut off.',
    label: 'malformed JSON',
    fault: { malformed: true },
    code: `<live-source name="b-broken" label="Overview" src="/api/overview"></live-source>
Visitors: <live-value source="b-broken" path="visitors"></live-value>
<live-refresh-button source="b-broken"></live-refresh-button>
<live-error-alert source="b-broken"></live-error-alert>`,
    says: `Press refresh: the alert says "The server sent data that could not be read." It is not
tried again (it would not help); the value stays.`,
    broken: [
      ['live-error-alert', 'The server sent data that could not be read.'],
      ['live-value', /^[\d,]+$/],
    ],
    healed: [['live-error-alert', '']],
  },
  {
    slug: 'cache-answers',
    title: 'A cache answers',
    task: 'A CDN or a proxy cache sits in front of your API. See that the page says the data came from a cache, and how old it is.',
    breaks: 'Every answer carries `Age: 600`, as a cache that kept it ten minutes would send it.',
    label: 'answers are 10 minutes old',
    fault: { age: 600 },
    // The example starts again once the fault is on: a source that knew the data first-hand
    // keeps that newer word (see \`says\`), so it must meet the cache's copy first.
    restart: true,
    code: `<live-source name="b-aged" label="Overview" src="/api/overview" ttl="5m"></live-source>
<live-source-badge source="b-aged"></live-source-badge>
<live-last-updated source="b-aged"></live-last-updated>
<live-refresh-button source="b-aged"></live-refresh-button>`,
    says: `The example starts again, and its first answer comes from the cache: the badge says
"Cached", its hint names the cache and how old its copy was, and "Updated 10 minutes ago" counts
from when the server produced it, stale (older than the source's 5 minutes). Press refresh: a
forced refresh asks the caches on the way for a first-hand answer, and this one says it went to
the server for it (\`Cache-Status: …; fwd=request\`), so the badge says "Live" and "Updated just
now", though the fault is still on. (A source that has had a first-hand answer keeps it: a later
copy from a cache cannot make its data look older than the server said it was.) Heal the server
and press refresh: "Live".`,
    broken: [
      ['live-source-badge', 'Cached'],
      ['live-last-updated', '10 minutes ago'],
    ],
    healed: [['live-source-badge', 'Live']],
  },
  {
    slug: 'stream-refused',
    title: 'The stream is refused',
    task: 'Your push stream goes down: a proxy drops it, or the server refuses new ones. See the page fall back to polling, and say so.',
    breaks: 'Every open stream is cut, and new streams get a 503.',
    label: 'streams cut and refused',
    fault: { refuseStreams: true },
    drop: true,
    code: `<live-source name="b-stream" label="Overview" src="/api/overview" stream="/api/stream" poll="10s"></live-source>
<live-source-badge source="b-stream"></live-source-badge>
<live-last-updated source="b-stream"></live-last-updated>`,
    says: `The stream is cut and cannot come back: the badge says "Reconnecting" while the source
polls instead (every 10 s), and "Updated … ago" keeps counting from the last answer. Heal the
server: the stream opens again, polling stops, and the badge says where the data on screen came
from ("Cached" while the last answer was the server's cache), then "Live" from the next event the
server pushes.`,
    broken: [['live-source-badge', 'Reconnecting']],
    healed: [['live-source-badge', /^(Live|Cached)/]],
  },
];
