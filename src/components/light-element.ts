// The elements' events, typed for whichever element a host imports.
export type { LiveEventMap } from './events.js';

/** An object that helps an element, hooked into its life as Lit's reactive controllers are (the same shape: Lit's work here). */
export interface ReactiveController {
  hostConnected?(): void;
  hostDisconnected?(): void;
  hostUpdate?(): void;
  hostUpdated?(): void;
}

/** What a controller may ask of its element. */
export interface ReactiveControllerHost {
  addController(controller: ReactiveController): void;
  removeController(controller: ReactiveController): void;
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

/** How a property meets its attribute, in Lit's words (so the manifest reads it as it reads Lit's). */
export interface LightProperty {
  /** The attribute's name (default: the property's in lower case); `false`: a property only. */
  attribute?: string | false;
  /** `Boolean`: present or not; `Number`: its text as a number. Default: the text itself. */
  type?: BooleanConstructor | NumberConstructor;
  /** The property's value is written back to its attribute. */
  reflect?: boolean;
  converter?: { fromAttribute(value: string | null): unknown };
}

export type LightProperties = Record<string, LightProperty>;
/** What changed in one update: each property's value before it. */
export type Changes = Map<string, unknown>;

/** A class's properties, its own and its ancestors', and its attribute names → property names. */
interface Made {
  props: LightProperties;
  attributes: Map<string, string>;
}

/** In a server render (Node) there is no HTMLElement: the class is defined there, never connected. */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

const made = new WeakMap<object, Made>();

/**
 * The base every element stands on, in place of Lit's `ReactiveElement`: declared properties with
 * their attributes (Lit's `static properties` shape, inherited as Lit's are), properties set
 * before the definition came, one update per microtask in Lit's order, `updateComplete`, and
 * reactive controllers. It renders nothing itself: `TemplateElement` renders lit-html templates,
 * `LiveText` one text; `<live-source>` renders nothing, so a page of it and `<live-value>` loads
 * no Lit at all (README: "What an element stands on").
 */
export class LightElement extends Base implements ReactiveControllerHost {
  static properties: LightProperties = {};

  static get observedAttributes(): string[] {
    return [...LightElement.#prepare(this).attributes.keys()];
  }

  /** Gathers a class's properties and defines their accessors, once. */
  static #prepare(ctor: typeof LightElement): Made {
    let m = made.get(ctor);
    if (m) return m;
    const props: LightProperties = {};
    for (let c = ctor; c !== LightElement; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'properties')) for (const [name, p] of Object.entries(c.properties)) props[name] ??= p;
    }
    m = { props, attributes: new Map() };
    for (const [name, p] of Object.entries(props)) {
      const attribute = p.attribute === undefined ? name.toLowerCase() : p.attribute;
      if (attribute) m.attributes.set(attribute, name);
      Object.defineProperty(ctor.prototype, name, {
        get(this: LightElement) {
          return this.#values.get(name);
        },
        set(this: LightElement, value: unknown) {
          const old = this.#values.get(name);
          if (Object.is(old, value)) return;
          this.#values.set(name, value);
          this.requestUpdate(name, old);
        },
        configurable: true,
      });
    }
    made.set(ctor, m);
    return m;
  }

  #made: Made;
  #values = new Map<string, unknown>();
  #controllers = new Set<ReactiveController>();
  #changes: Changes = new Map();
  #pending: Promise<void> | undefined;
  /** In `willUpdate`: a change joins this update. */
  #updating = false;
  /** An attribute being written from its property: not read back. */
  #reflecting = false;
  /** The first update is done. */
  hasUpdated = false;

  constructor() {
    super();
    this.#made = LightElement.#prepare(this.constructor as typeof LightElement);
    // Set on the element before its definition came (a script ran first): kept aside, and set
    // through the accessor once connected, after every constructor has set its defaults (as Lit does).
    const own = this as unknown as Record<string, unknown>;
    for (const name of Object.keys(this.#made.props)) {
      if (!Object.hasOwn(this, name)) continue;
      this.#early[name] = own[name];
      delete own[name];
    }
  }

  #early: Record<string, unknown> = {};

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    // Through the accessors (assigning sets), once.
    Object.assign(this, this.#early);
    this.#early = {};
    this.#controllers.forEach((c) => c.hostConnected?.());
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.#controllers.forEach((c) => c.hostDisconnected?.());
  }

  /** Resolves once every change made so far is applied, those an update made too. */
  get updateComplete(): Promise<boolean> {
    return (async () => {
      while (this.#pending) await this.#pending;
      return true;
    })();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    if (this.#reflecting) return;
    const name = this.#made.attributes.get(attribute)!;
    const p = this.#made.props[name]!;
    (this as unknown as Record<string, unknown>)[name] = p.converter
      ? p.converter.fromAttribute(value)
      : p.type === Boolean
        ? value !== null
        : value === null
          ? undefined
          : p.type === Number
            ? Number(value)
            : value;
  }

  /** Asks for an update, as Lit's does: with a name, that property changed from `old`. */
  requestUpdate(name?: string, old?: unknown): void {
    if (name !== undefined && !this.#changes.has(name)) this.#changes.set(name, old);
    if (!this.#updating) this.#pending ??= Promise.resolve().then(() => this.#update());
  }

  /**
   * One update, in Lit's order: `willUpdate` (where a change joins this update) and the
   * controllers' `hostUpdate`, then `update` (reflects, renders), the controllers' `hostUpdated`,
   * and `updated`. As Lit's, an element updates once connected; what changed before waits for it.
   */
  #update(): void {
    this.#pending = undefined;
    if (!this.isConnected) return;
    const changes = this.#changes;
    this.#updating = true;
    try {
      this.willUpdate(changes);
      this.#controllers.forEach((c) => c.hostUpdate?.());
    } finally {
      this.#updating = false;
      this.#changes = new Map();
    }
    this.update(changes);
    this.hasUpdated = true;
    this.#controllers.forEach((c) => c.hostUpdated?.());
    this.updated(changes);
  }

  /** Before the update: derive properties from others (their changes join this update). */
  protected willUpdate(_changes: Changes): void {}

  /** The update: reflects properties to their attributes; an element that shows something renders after it. */
  protected update(changes: Changes): void {
    this.#reflecting = true;
    for (const [attribute, text] of this.reflected(changes)) {
      if (text === null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, text);
    }
    this.#reflecting = false;
  }

  /** After the update. */
  protected updated(_changes: Changes): void {}

  /**
   * Fires one of the elements' events: it bubbles and leaves shadow roots. False: a listener cancelled it.
   * @internal
   */
  protected emit_(type: string, detail: unknown, cancelable?: boolean): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  /**
   * The reflected attributes' text as it would be now (null: absent), of the properties `changes`
   * names (all without): for an update, and for a server render.
   * @internal
   */
  reflected(changes?: Changes): [string, string | null][] {
    const out: [string, string | null][] = [];
    for (const [attribute, name] of this.#made.attributes) {
      const value = this.#values.get(name);
      if (this.#made.props[name]!.reflect && (!changes || changes.has(name)))
        out.push([attribute, value === undefined || value === null || value === false ? null : value === true ? '' : String(value)]);
    }
    return out;
  }
}

/** Each class's style sheet, made once and adopted by every instance. */
const sheets = new WeakMap<object, CSSStyleSheet>();

/**
 * An element's shadow root, with `css` adopted. A root a server render declared is kept as it is
 * with `keep` (its own `<style>` serves), else emptied and given the sheet.
 */
export function shadowOf(el: HTMLElement, css: string, keep = false): ShadowRoot {
  let root = el.shadowRoot;
  if (root && (keep || root.adoptedStyleSheets.length)) return root;
  root ??= el.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const ctor = el.constructor;
  let sheet = sheets.get(ctor);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(ctor, sheet);
  }
  root.adoptedStyleSheets = [sheet];
  return root;
}
