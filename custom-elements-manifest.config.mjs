// The manifest of every element, from their JSDoc and Lit declarations.
export default {
  // The bases elements inherit attributes from are read too.
  globs: ['src/components/live-*.ts', 'src/components/reader-element.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // What tools and hosts may use, not what an element keeps to itself (`#fields`, `private`):
      // 92 members, 13 KB of the manifest every install carries.
      name: 'public-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules)
          for (const d of mod.declarations ?? []) if (d.members) d.members = d.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
      },
    },
  ],
};
