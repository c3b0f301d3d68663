/**
 * The development build: full validation messages, saying what each option must be. The sources
 * and the npm package's `development` export condition (what bundlers pick in development) have
 * it. Production builds (the npm default, the CDN files) are built with `false` here, and the
 * minifier leaves the messages out (`rollup.config.mjs`).
 */
export const DEV: boolean = true;
