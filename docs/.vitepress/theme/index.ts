// The default theme, with the live example, and the elements defined in the browser (a server
// render of the site leaves their tags as they are written).
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import FaultSwitch from './FaultSwitch.vue';
import LiveExample from './LiveExample.vue';
import './style.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('LiveExample', LiveExample);
    app.component('FaultSwitch', FaultSwitch);
    if (!import.meta.env.SSR) void import('../../../src/index.js');
  },
} satisfies Theme;
