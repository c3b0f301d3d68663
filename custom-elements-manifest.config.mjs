// The manifest of every element, from their JSDoc and Lit declarations.
export default {
  globs: ['src/components/live-*.ts'],
  outdir: '.',
  litelement: true,
};
