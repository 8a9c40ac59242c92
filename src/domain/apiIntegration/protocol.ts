/**
 * The messages between the Configure API Integration webview and the extension, both ways, and their
 * runtime guards. Each side imports this file: the types keep the two in step at build time, the guards
 * refuse at run time what a stale or tampered-with peer might post (a webview is a web page).
 *
 * Every message from the webview carries a request `id`; every reply carries the id it answers as
 * `inReplyTo`. A side issues ids with `Requests`, which also says whether a reply is still wanted:
 * only the reply to the latest request of its kind is (typing on after "Test API Credentials" and
 * clicking it again must not show the first run's results).
 *
 * A secret crosses only from the webview to the extension, inside the draft the admin is typing.
 * The extension never sends one back: a draft it sends has a secret that is stored or none, never typed.
 */

import type { Draft, FieldError, SectionId, SecretState } from './form';
import { fieldOrder, sectionIds } from './form';

/** A value the extension copies to the clipboard for the admin (the secret only on this explicit click). */
export const copyTargets = ['oktaCallbackUrl', 'localCallbackUrl', 'consumerKey', 'consumerSecret', 'loginHost'] as const;
export type CopyTarget = (typeof copyTargets)[number];

/** From the webview. */
export type WebviewMessage =
  /** The page has loaded and listens: answered with `state`. */
  | { type: 'ready'; id: number }
  /** The admin typed: the extension keeps the draft (its secret only in memory until saved). */
  | { type: 'draftChanged'; id: number; draft: Draft }
  /**
   * Sign in as the integration user: `browser` with the draft's key, secret and login host (the
   * browser sign-in), `signedInOrg` by picking a Salesforce org already signed in whose user it is.
   */
  | { type: 'authenticate'; id: number; draft: Draft; using: 'browser' | 'signedInOrg' }
  | { type: 'testCredentials'; id: number; draft: Draft }
  /** Validates the whole draft, then writes one section. */
  | { type: 'save'; id: number; section: SectionId; draft: Draft }
  | { type: 'discardChanges'; id: number; sections: SectionId[] }
  | { type: 'copyValue'; id: number; which: CopyTarget }
  /** Opens the app's Provisioning page in the Admin Console. */
  | { type: 'openAdminConsole'; id: number }
  /** Assign Users and Groups… */
  | { type: 'assign'; id: number }
  /** Stops waiting for the guided completion of a section (the admin gave up or will finish later). */
  | { type: 'stopWaiting'; id: number; section: SectionId };

export type CheckOutcome = 'pass' | 'fail' | 'warn' | 'skipped';

/** One line of Test API Credentials: what was checked, how it went, and what to change where. */
export interface CheckResult {
  check: string;
  title: string;
  outcome: CheckOutcome;
  detail: string;
  fix?: string;
}

/** What the panel shows of the Okta app. Text from Okta: the webview renders it as text. */
export interface AppView {
  id: string;
  label: string;
  instanceType?: string;
}

/** The integration user Authenticate signed in as, and its profile's audit verdict. */
export interface ConnectionView {
  username: string;
  orgId: string;
  /** The host the session is on (its instance URL's). */
  host: string;
  profile: string;
  verdict: CheckOutcome;
  /** What the verdict rests on, one line each (missing permissions, a permission set that grants one…). */
  findings: string[];
}

/**
 * The Assignments summary. Okta's API has no count of an app's assignments: a count is given when the
 * first page holds them all, else `more` says there are more than `users`/`groups`.
 */
export interface AssignmentsView {
  users: number;
  groups: number;
  more: boolean;
  /** Why they could not be read; the counts are then 0. */
  error?: string;
}

/** One step of a guided completion (Okta's API refused the write; the admin does it in the Admin Console). */
export interface GuidedStep {
  text: string;
  /** A value the step needs, copied on click (the secret only then). */
  copy?: CopyTarget;
  /** The step happens on the app's Provisioning page: the panel offers to open it. */
  openAdminConsole?: boolean;
}

export type GuidedStatus = 'waiting' | 'confirmed' | 'timedOut' | 'stopped' | 'failed';

/** To the webview. A draft here never holds a typed secret (see secretFreeDraft). */
export type ExtensionMessage =
  | {
    type: 'state'; inReplyTo?: number; app: AppView; saved: Draft; draft: Draft; secretStored: boolean;
    /** Okta's callback URL and the browser sign-in's own, for the Copy buttons and the note beside Authenticate. */
    callbackUrls: { okta: string; local: string };
    connection?: ConnectionView;
    assignments?: AssignmentsView;
  }
  | { type: 'progress'; inReplyTo: number; message: string }
  | { type: 'authenticated'; inReplyTo: number; connection: ConnectionView }
  | { type: 'assignments'; assignments: AssignmentsView }
  /**
   * A guided completion: its checklist, then updates of `status` as the app's features are polled
   * (`expected` lists the flags waited for; `message` says where the wait stands).
   */
  | { type: 'guided'; inReplyTo: number; section: SectionId; steps: GuidedStep[]; expected: string[]; status: GuidedStatus; message: string }
  | { type: 'checkResults'; inReplyTo: number; results: CheckResult[] }
  /** `saved`: done through the API; `guided`: Okta refused, the panel walks the admin through; `invalid`: see `errors`. */
  | { type: 'saveResult'; inReplyTo: number; section: SectionId; outcome: 'saved' | 'guided' | 'invalid' | 'failed'; message: string; errors: FieldError[] }
  | { type: 'error'; inReplyTo?: number; message: string };

export type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

/**
 * The draft to send to the webview: a typed secret is not sent back. It shows as stored when one is
 * stored (the typed one only replaces it on Save), else as none.
 */
export function secretFreeDraft(draft: Draft, secretStored: boolean): Draft {
  if (draft.apiIntegration.consumerSecret.kind !== 'typed') return draft;
  const consumerSecret: SecretState = secretStored ? { kind: 'stored' } : { kind: 'none' };
  return { ...draft, apiIntegration: { ...draft.apiIntegration, consumerSecret } };
}

// ---- A small schema language for the guards: each check returns why a value is refused, or undefined.

type Check = (value: unknown, path: string) => string | undefined;
interface Fields { [key: string]: Check }

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Keys that rewrite a prototype when a careless reader copies or merges the object. */
const pollutingKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** A key as it may be quoted in a reason: short, one line. */
const quoted = (key: string) => JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);

const text: Check = (value, path) => (typeof value === 'string' ? undefined : `${path} must be a string`);
const flag: Check = (value, path) => (typeof value === 'boolean' ? undefined : `${path} must be true or false`);
const requestId: Check = (value, path) => (Number.isSafeInteger(value) && (value as number) > 0 ? undefined : `${path} must be a positive integer`);

function oneOf(values: readonly string[]): Check {
  return (value, path) => (typeof value === 'string' && values.includes(value) ? undefined : `${path} must be one of ${values.join(', ')}`);
}

function listOf(item: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be a list`;
    for (const [index, element] of value.entries()) {
      const problem = item(element, `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** An object with exactly these fields (the optional ones may be absent): any other field is refused. */
function object(required: Fields, optional: Fields = {}): Check {
  return (value, path) => {
    if (!isPlainObject(value)) return `${path} must be an object`;
    for (const key of Object.keys(value)) {
      if (pollutingKeys.has(key)) return `${path} has the field ${quoted(key)}, which is never sent`;
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) return `${path} has an unexpected field ${quoted(key)}`;
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) return `${path}.${key} is missing`;
      const problem = check(value[key], `${path}.${key}`);
      if (problem) return problem;
    }
    for (const [key, check] of Object.entries(optional)) {
      const problem = Object.hasOwn(value, key) && value[key] !== undefined ? check(value[key], `${path}.${key}`) : undefined;
      if (problem) return problem;
    }
    return undefined;
  };
}

/** One of several object shapes, told apart by `kind`. */
function tagged(tag: string, shapes: Record<string, Check>): Check {
  return (value, path) => {
    const kind = isPlainObject(value) && Object.hasOwn(value, tag) ? value[tag] : undefined;
    if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) return `${path}.${tag} must be one of ${Object.keys(shapes).join(', ')}`;
    return shapes[kind](value, path);
  };
}

const section = oneOf(sectionIds);
const schedule = object({ expression: text, timezone: text });

function draftShape(secret: Check): Check {
  return object({
    apiIntegration: object({
      enableApiIntegration: flag, consumerKey: text, consumerSecret: secret,
      loginHost: object({ override: text }, { derived: text }), allowPushingNullValues: flag,
    }),
    toApp: object({ createUsers: flag, updateUserAttributes: flag, deactivateUsers: flag, syncPassword: flag }),
    toOkta: object({
      scheduleEnabled: flag, fullImport: schedule, incrementalImport: schedule,
      usernameFormat: oneOf(['EMAIL', 'CUSTOM']), usernameExpression: text, exactMatchCriteria: oneOf(['EMAIL', 'USERNAME']),
      allowPartialMatch: flag, autoConfirmPartialMatch: flag, autoConfirmExactMatch: flag, autoConfirmNewUsers: flag, autoActivateNewUsers: flag,
    }),
  });
}

const stored = object({ kind: oneOf(['stored']) });
const none = object({ kind: oneOf(['none']) });
/** From the webview: the secret the admin typed may come along. */
const draftFromWebview = draftShape(tagged('kind', { stored, none, typed: object({ kind: oneOf(['typed']), value: text }) }));
/** To the webview: a typed secret is refused, so a bug that would echo it is caught before it shows. */
const draftToWebview = draftShape(tagged('kind', { stored, none }));

const webviewMessages: Record<WebviewMessage['type'], Check> = {
  ready: object({ type: text, id: requestId }),
  draftChanged: object({ type: text, id: requestId, draft: draftFromWebview }),
  authenticate: object({ type: text, id: requestId, draft: draftFromWebview, using: oneOf(['browser', 'signedInOrg']) }),
  testCredentials: object({ type: text, id: requestId, draft: draftFromWebview }),
  save: object({ type: text, id: requestId, section, draft: draftFromWebview }),
  discardChanges: object({ type: text, id: requestId, sections: listOf(section) }),
  copyValue: object({ type: text, id: requestId, which: oneOf(copyTargets) }),
  openAdminConsole: object({ type: text, id: requestId }),
  assign: object({ type: text, id: requestId }),
  stopWaiting: object({ type: text, id: requestId, section }),
};

const outcome = oneOf(['pass', 'fail', 'warn', 'skipped']);
const fieldError = object({ field: oneOf(fieldOrder), section, message: text });

const connection = object({ username: text, orgId: text, host: text, profile: text, verdict: outcome, findings: listOf(text) });
const count: Check = (value, path) => (Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : `${path} must be a count`);
const assignments = object({ users: count, groups: count, more: flag }, { error: text });
const guidedStep = object({ text }, { copy: oneOf(copyTargets), openAdminConsole: flag });

const extensionMessages: Record<ExtensionMessage['type'], Check> = {
  state: object(
    {
      type: text, app: object({ id: text, label: text }, { instanceType: text }), saved: draftToWebview, draft: draftToWebview, secretStored: flag,
      callbackUrls: object({ okta: text, local: text }),
    },
    { inReplyTo: requestId, connection, assignments },
  ),
  progress: object({ type: text, inReplyTo: requestId, message: text }),
  authenticated: object({ type: text, inReplyTo: requestId, connection }),
  assignments: object({ type: text, assignments }),
  guided: object({
    type: text, inReplyTo: requestId, section, steps: listOf(guidedStep), expected: listOf(text),
    status: oneOf(['waiting', 'confirmed', 'timedOut', 'stopped', 'failed']), message: text,
  }),
  checkResults: object({ type: text, inReplyTo: requestId, results: listOf(object({ check: text, title: text, outcome, detail: text }, { fix: text })) }),
  saveResult: object({
    type: text, inReplyTo: requestId, section, outcome: oneOf(['saved', 'guided', 'invalid', 'failed']), message: text, errors: listOf(fieldError),
  }),
  error: object({ type: text, message: text }, { inReplyTo: requestId }),
};

function parse<T>(value: unknown, shapes: Record<string, Check>): Parsed<T> {
  if (!isPlainObject(value)) return { ok: false, reason: 'the message is not an object' };
  const type = Object.hasOwn(value, 'type') ? value.type : undefined;
  if (typeof type !== 'string') return { ok: false, reason: 'the message has no type' };
  if (!Object.hasOwn(shapes, type)) return { ok: false, reason: `unknown message type ${quoted(type)}` };
  const problem = shapes[type](value, type);
  return problem ? { ok: false, reason: problem } : { ok: true, message: value as T };
}

/** A message the extension received from the webview, or why it is refused. */
export function parseWebviewMessage(value: unknown): Parsed<WebviewMessage> {
  return parse<WebviewMessage>(value, webviewMessages);
}

/** A message the webview received from the extension, or why it is refused. */
export function parseExtensionMessage(value: unknown): Parsed<ExtensionMessage> {
  return parse<ExtensionMessage>(value, extensionMessages);
}

/**
 * Request ids for one side, and which replies are still wanted. A reply is wanted while it answers the
 * latest request of its kind (kinds are the caller's: `testCredentials`, `save:toApp`…, so saving one
 * section does not make another's reply stale). Several replies to one request (progress, then the
 * result) are all wanted until a newer request of that kind is issued.
 */
export class Requests {
  private nextId: number;
  /** The latest id issued for each kind: the only replies still wanted. */
  private readonly latest = new Map<string, number>();

  /**
   * `firstId` lets a webview start from a number its previous life never reached (Date.now()), so a
   * reply to a request sent before a reload cannot pass for one sent after it.
   */
  constructor(firstId = 1) {
    this.nextId = firstId;
  }

  issue(kind: string): number {
    const id = this.nextId++;
    this.latest.set(kind, id);
    return id;
  }

  /** Whether a reply to `inReplyTo` is still wanted; false for an id never issued here. */
  isCurrent(inReplyTo: number): boolean {
    return [...this.latest.values()].includes(inReplyTo);
  }
}
