// The manifest of every element, from their JSDoc and Lit declarations.
export default {
  // The bases elements inherit attributes from are read too.
  globs: ['src/components/live-*.ts', 'src/components/reader-element.ts'],
  outdir: '.',
  litelement: true,
};
