// The types of faults.mjs, for the test that plays its pages (test/docs/break-it.test.ts).
export interface Fault {
  slug: string;
  title: string;
  task: string;
  breaks: string;
  label: string;
  fault: Record<string, unknown>;
  drop?: boolean;
  restart?: boolean;
  code: string;
  says: string;
  broken: [tag: string, want: string | RegExp][];
  healed: [tag: string, want: string | RegExp][];
}

export const FAULTS: Fault[];
