import { closestAttribute } from './locale.js';

/**
 * `theme="light|dark"` on any ancestor picks the element's colours; else the page's color-scheme
 * does. (A server render has no style to set: the page's color-scheme holds until the browser's update.)
 */
export function applyTheme(el: HTMLElement): void {
  const style = el.style as CSSStyleDeclaration | undefined;
  if (!style) return;
  const theme = closestAttribute(el, 'theme');
  if (theme === 'light' || theme === 'dark') style.colorScheme = theme;
  else if (style.colorScheme) style.removeProperty('color-scheme');
}
