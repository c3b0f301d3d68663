// One "break it" page per fault of the reference server (docs/.vitepress/faults.mjs): what breaks,
// its switch, the elements it affects running live beside it, and what they should say.
import { FAULTS } from '../.vitepress/faults.mjs';

export default {
  paths() {
    return FAULTS.map((f, i) => {
      const next = FAULTS[i + 1];
      return {
        params: { fault: f.slug, label: f.label, switch: f.fault, drop: !!f.drop, restart: !!f.restart, code: f.code },
        content: [
          `# Break it: ${f.title.toLowerCase()}`,
          '',
          f.task,
          '',
          '## The fault',
          '',
          f.breaks,
          '',
          '<FaultSwitch :label="$params.label" :fault="$params.switch" :drop="$params.drop" :restart="$params.restart" />',
          '',
          '<LiveExample :code="$params.code" />',
          '',
          '## What they should say',
          '',
          f.says,
          '',
          next ? `Next: [${next.title.toLowerCase()}](/break-it/${next.slug}), or [every fault](/break-it/).` : 'Back to [every fault](/break-it/).',
        ].join('\n'),
      };
    });
  },
};
