// The Okta org the sandbox serves: app instances (two Salesforce ones among well-known apps)
// and the admin the API token belongs to. Ids follow Okta's shapes (0oa… apps, 00u… users).

export interface OktaApp {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  lastUpdated: string;
  features: string[];
  settings: { app: Record<string, unknown> };
}

export interface OktaUser {
  id: string;
  status: string;
  profile: { login: string; email: string; firstName: string; lastName: string };
}

const wellKnownApps: Array<[name: string, label: string, signOnMode: string]> = [
  ['office365', 'Microsoft Office 365', 'WS_FEDERATION'], ['google', 'Google Workspace', 'SAML_2_0'],
  ['slack', 'Slack', 'SAML_2_0'], ['zoomus', 'Zoom', 'SAML_2_0'], ['boxnet', 'Box', 'SAML_2_0'],
  ['dropbox_for_business', 'Dropbox Business', 'SAML_2_0'], ['atlassian', 'Atlassian Cloud', 'SAML_2_0'],
  ['github_enterprise_cloud', 'GitHub Enterprise Cloud', 'SAML_2_0'], ['servicenow_ud', 'ServiceNow', 'SAML_2_0'],
  ['workday', 'Workday', 'SAML_2_0'], ['aws_account_federation', 'AWS Account Federation', 'SAML_2_0'],
  ['okta_org2org', 'Okta Org2Org', 'SAML_2_0'], ['zscalerbyz', 'Zscaler 2.0', 'SAML_2_0'],
  ['docusign', 'DocuSign', 'SAML_2_0'], ['tableau_online', 'Tableau Cloud', 'SAML_2_0'],
];

function appId(n: number): string {
  return `0oa${n.toString(36).padStart(6, '0')}SbXqJ5h7`;
}

const stamp = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().replace('Z', '.000Z').replace('.000.000Z', '.000Z');

/** A deterministic org with `appCount` apps (at least the two Salesforce instances and the well-known ones). */
export function createOktaSeed(appCount = 64): { apps: OktaApp[]; users: OktaUser[]; admin: OktaUser } {
  const apps: OktaApp[] = [
    {
      id: appId(1), name: 'salesforce', label: 'Salesforce.com', status: 'ACTIVE', signOnMode: 'SAML_2_0',
      created: stamp(1), lastUpdated: stamp(40), features: ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION'],
      settings: { app: { instanceType: 'PRODUCTION', integrationType: 'STANDARD', loginUrl: 'https://acme.my.salesforce.com' } },
    },
    {
      id: appId(2), name: 'salesforce', label: 'Salesforce.com (Sandbox)', status: 'ACTIVE', signOnMode: 'SAML_2_0',
      created: stamp(2), lastUpdated: stamp(41), features: [],
      settings: { app: { instanceType: 'SANDBOX', integrationType: 'STANDARD', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' } },
    },
  ];
  for (let i = 0; apps.length < appCount; i++) {
    const [name, label, signOnMode] = wellKnownApps[i % wellKnownApps.length];
    const copy = Math.floor(i / wellKnownApps.length);
    apps.push({
      id: appId(apps.length + 1), name, label: copy ? `${label} ${copy + 1}` : label, status: i % 9 === 8 ? 'INACTIVE' : 'ACTIVE',
      signOnMode, created: stamp(3 + i % 300), lastUpdated: stamp(50 + i % 300), features: [], settings: { app: {} },
    });
  }
  const admin: OktaUser = {
    id: '00u1adm1nSbXqJ5h7', status: 'ACTIVE',
    profile: { login: 'admin@acme.example', email: 'admin@acme.example', firstName: 'Ada', lastName: 'Admin' },
  };
  return { apps, users: [admin], admin };
}
