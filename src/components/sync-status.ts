/** The sync status contract (see the README), read defensively: a bad field never breaks the list. */
export type SyncJobStatus = 'ok' | 'running' | 'failed' | 'pending';

export interface SyncEntity {
  name: string;
  status: SyncJobStatus;
  /** ms epoch of the last finished sync, or null. */
  lastSyncAt: number | null;
  records: number | null;
  error: string | null;
  /** 0 to 1 while running, else null. */
  progress: number | null;
}

export interface SyncStatus {
  entities: SyncEntity[];
  updatedAt: number | null;
}

const STATUSES: readonly string[] = ['ok', 'running', 'failed', 'pending'];

const time = (v: unknown): number | null => {
  const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
};
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Normalises `{ entities: [...], updatedAt }`; anything unreadable becomes null, an unknown status `pending`. */
export function readSyncStatus(data: unknown): SyncStatus | undefined {
  const raw = data as { entities?: unknown; updatedAt?: unknown } | null | undefined;
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.entities)) return undefined;
  const entities = raw.entities
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => {
      const status = STATUSES.includes(e.status as string) ? (e.status as SyncJobStatus) : 'pending';
      const progress = finite(e.progress);
      return {
        name: typeof e.name === 'string' ? e.name : String(e.name ?? '?'),
        status,
        lastSyncAt: time(e.lastSyncAt),
        records: finite(e.records),
        error: typeof e.error === 'string' && e.error ? e.error : null,
        progress: status === 'running' && progress !== null ? Math.min(1, Math.max(0, progress)) : null,
      };
    });
  return { entities, updatedAt: time(raw.updatedAt) };
}
