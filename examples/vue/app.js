// Vue 3: properties (:strings), attributes (source, path) and events (@live-update, @live-refresh)
// on live-widgets' custom elements; Vue is told that live-* tags are custom elements.
import { createApp } from 'vue';
import 'live-widgets';

export function mount(container, { api }) {
  const app = createApp({
    data: () => ({ api, visitors: null, refreshes: 0, strings: { refresh: 'Reload vue' } }),
    template: `<section>
      <live-source name="vue" :src="api" @live-update="visitors = $event.detail.data.visitors"></live-source>
      <live-value source="vue" path="visitors"></live-value>
      <live-refresh-button source="vue" :strings="strings" @live-refresh="refreshes++"></live-refresh-button>
      <p class="seen">Vue saw {{ visitors ?? '…' }} visitors and {{ refreshes }} refreshes</p>
    </section>`,
  });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('live-');
  app.mount(container);
  return () => app.unmount();
}
