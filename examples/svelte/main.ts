// Mounts App.svelte; the test page and a host call mount(container, { api }).
import { mount as svelteMount, unmount } from 'svelte';
import App from './App.svelte';

export function mount(container: Element, props: { api: string }): () => void {
  const app = svelteMount(App, { target: container, props });
  return () => void unmount(app);
}
