import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appReferenceOf, formLink } from '../../src/domain/apiIntegration/links';

describe('links to the Configure API Integration form', () => {
  it('reads the org and app of a link, and reads back the link it makes', () => {
    assert.deepEqual(appReferenceOf('/configureApiIntegration', 'org=https%3A%2F%2Facme.okta.com&app=0oa1b2c3d4e5f6g7h8i9'), { org: 'https://acme.okta.com', appId: '0oa1b2c3d4e5f6g7h8i9' });
    const link = new URL(formLink('okta-sf-tools.okta-salesforce-provisioning', { org: 'https://acme.okta.com', appId: '0oaX' }));
    assert.equal(link.host, 'okta-sf-tools.okta-salesforce-provisioning');
    assert.deepEqual(appReferenceOf(link.pathname, link.search.slice(1)), { org: 'https://acme.okta.com', appId: '0oaX' });
  });

  it('refuses a link that names no app, another path, or an app id that is not one', () => {
    assert.equal(appReferenceOf('/configureApiIntegration', 'org=https://acme.okta.com'), undefined);
    assert.equal(appReferenceOf('/configureApiIntegration', 'app=0oa1'), undefined);
    assert.equal(appReferenceOf('/deleteApp', 'org=https://acme.okta.com&app=0oa1'), undefined);
    assert.equal(appReferenceOf('/configureApiIntegration', 'org=https://acme.okta.com&app=..%2F..%2Fusers'), undefined);
    assert.equal(appReferenceOf('/configureApiIntegration', `org=x&app=${'a'.repeat(65)}`), undefined);
  });
});

describe('jsonForHtml', () => {
  it('keeps hostile text from ending the data block, and reads back the same value', async () => {
    const { jsonForHtml } = await import('../../src/domain/plainText');
    const value = { label: '</script><script>alert(1)</script><!-- & \u2028\u2029', nested: ['<b>', { x: '>' }] };
    const text = jsonForHtml(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
