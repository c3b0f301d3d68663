import { mount as svelteMount, unmount } from 'svelte';
import App from './App.svelte';

export function mount(container, { api }) {
  const app = svelteMount(App, { target: container, props: { api } });
  return () => unmount(app);
}
