// What an app user's profile holds, per app: the attributes of the app user schema
// (/api/v1/meta/schemas/apps/{appId}/default), the profile of a user who gets the app, and the
// expressions of the app's profile mappings all come from one list per app.
import { type OktaApp, type OktaUser } from './model';

interface AppAttribute {
  name: string;
  title: string;
  /** Where the Okta-to-app profile mapping takes it from; absent when it is set per assignment. */
  expression?: `user.${keyof OktaUser['profile']}`;
  required?: true;
}

const commonAttributes: AppAttribute[] = [
  { name: 'userName', title: 'Username', expression: 'user.login', required: true },
  { name: 'email', title: 'Email', expression: 'user.email' },
  { name: 'firstName', title: 'First name', expression: 'user.firstName' },
  { name: 'lastName', title: 'Last name', expression: 'user.lastName' },
];

// A guess: Okta's Salesforce integration documents Profile, Role and Federation ID as app user
// attributes; the spec does not list app-specific attributes.
const salesforceAttributes: AppAttribute[] = [
  ...commonAttributes,
  { name: 'federationId', title: 'Federation ID', expression: 'user.login' },
  { name: 'profile', title: 'Profile' },
  { name: 'role', title: 'Role' },
];

export function appAttributes(app: OktaApp): readonly AppAttribute[] {
  return app.name === 'salesforce' ? salesforceAttributes : commonAttributes;
}

/** The app profile a user gets from the app's mapping when assigned without one. */
export function mappedProfile(app: OktaApp, user: OktaUser): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const { name, expression } of appAttributes(app)) {
    if (expression) profile[name] = user.profile[expression.slice('user.'.length) as keyof OktaUser['profile']];
  }
  return profile;
}

/** The app user schema as GET /api/v1/meta/schemas/apps/{appId}/default returns it. */
export function appUserSchemaJson(app: OktaApp, origin: string) {
  const attributes = appAttributes(app);
  return {
    id: `${origin}/meta/schemas/apps/${app.id}/default`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: app.name,
    title: `${app.label} User`,
    created: app.created,
    lastUpdated: app.lastUpdated,
    definitions: {
      custom: { id: '#custom', type: 'object', properties: {}, required: [] },
      base: {
        id: '#base',
        type: 'object',
        properties: Object.fromEntries(attributes.map(({ name, title, required }) => [
          name, { title, type: 'string', ...(required ? { required: true } : {}), scope: 'NONE', master: { type: 'PROFILE_MASTER' } },
        ])),
        required: attributes.filter((a) => a.required).map((a) => a.name),
      },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    _links: { self: { href: `${origin}/api/v1/meta/schemas/apps/${app.id}/default` } },
  };
}
