// Which proxy a request takes: VS Code's rules for http.proxy, http.noProxy and the environment.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopback, proxyFor } from '../../src/http/proxyRules';

const proxy = 'http://proxy.corp:3128';
const to = (address: string, settings: Parameters<typeof proxyFor>[1]) => proxyFor(new URL(address), settings);

describe('proxyFor', () => {
  it('uses http.proxy for other hosts and never for this machine', () => {
    assert.equal(to('https://acme.my.salesforce.com/services/data', { proxy }), proxy);
    for (const local of ['http://127.0.0.1:8080/x', 'http://localhost:1717/', 'http://[::1]:9000/', 'http://127.1.2.3/', 'http://app.localhost/']) {
      assert.equal(to(local, { proxy }), undefined, local);
    }
  });

  it('falls back to HTTPS_PROXY for https and HTTP_PROXY for http, either case', () => {
    assert.equal(to('https://dev-1.okta.com/', { env: { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:1' } }), 'http://s:1');
    assert.equal(to('https://dev-1.okta.com/', { env: { https_proxy: 'http://s:2' } }), 'http://s:2');
    assert.equal(to('https://dev-1.okta.com/', { env: { HTTP_PROXY: 'http://p:1' } }), 'http://p:1');
    assert.equal(to('http://dev-1.okta.com/', { env: { HTTPS_PROXY: 'http://s:1' } }), undefined);
    assert.equal(to('https://dev-1.okta.com/', { proxy: '  ', env: {} }), undefined);
    assert.equal(to('https://dev-1.okta.com/', { proxy, env: { HTTPS_PROXY: 'http://s:1' } }), proxy);
  });

  it('bypasses hosts http.noProxy names, with their subdomains, ports and "*"', () => {
    const noProxy = ['salesforce.com', '.okta.com:443', 'intranet'];
    assert.equal(to('https://salesforce.com/', { proxy, noProxy }), undefined);
    assert.equal(to('https://acme.my.salesforce.com/', { proxy, noProxy }), undefined);
    assert.equal(to('https://notsalesforce.com/', { proxy, noProxy }), proxy);
    assert.equal(to('https://dev-1.okta.com/', { proxy, noProxy }), undefined);
    assert.equal(to('https://dev-1.okta.com:8443/', { proxy, noProxy }), proxy);
    assert.equal(to('https://INTRANET/', { proxy, noProxy }), undefined);
    assert.equal(to('https://anything.example/', { proxy, noProxy: ['*'] }), undefined);
    assert.equal(to('https://a.b.example/', { proxy, noProxy: ['*.b.example'] }), undefined);
    assert.equal(to('https://a.b.example/', { proxy, noProxy: ['', ' '] }), proxy);
  });

  it('reads NO_PROXY only when http.noProxy is empty, as VS Code does', () => {
    const env = { NO_PROXY: 'okta.com,.salesforce.com' };
    assert.equal(to('https://dev-1.okta.com/', { proxy, env }), undefined);
    assert.equal(to('https://dev-1.okta.com/', { proxy, env, noProxy: ['example.com'] }), proxy);
    assert.equal(to('https://dev-1.okta.com/', { proxy, env: { no_proxy: 'okta.com' } }), undefined);
  });

  it('knows loopback addresses', () => {
    assert.ok(isLoopback('127.0.0.1') && isLoopback('[::1]') && isLoopback('LOCALHOST'));
    assert.ok(!isLoopback('128.0.0.1') && !isLoopback('localhost.example.com') && !isLoopback('127.0.0.1.nip.io'));
  });
});
