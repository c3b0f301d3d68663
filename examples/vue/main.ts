// Mounts App.vue; the test page and a host call mount(container, { api }).
import { createApp } from 'vue';
import App from './App.vue';

export function mount(container: Element, props: { api: string }): () => void {
  const app = createApp(App, props);
  app.mount(container);
  return () => app.unmount();
}
