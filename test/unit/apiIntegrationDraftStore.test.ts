import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DraftStore } from '../../src/apiIntegration/draftStore';
import type { Draft, SecretState } from '../../src/domain/apiIntegration/form';
import { sampleDraft } from './apiIntegrationDrafts';

/** VS Code's global state and secret storage as they behave: values kept as given, per key. */
function machine() {
  const values = new Map<string, unknown>();
  const secrets = new Map<string, string>();
  const state = {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? structuredClone(values.get(key)) as T : fallback),
    update: (key: string, value: unknown) => {
      values.set(key, structuredClone(value));
      return Promise.resolve();
    },
  } as unknown as ConstructorParameters<typeof DraftStore>[0];
  const secretStorage = {
    get: (key: string) => Promise.resolve(secrets.get(key)),
    store: (key: string, value: string) => {
      secrets.set(key, value);
      return Promise.resolve();
    },
  } as unknown as ConstructorParameters<typeof DraftStore>[1];
  return { state, secretStorage, values, secrets };
}

const draft = (secret: SecretState): Draft => sampleDraft(secret);

describe('DraftStore', () => {
  const key = DraftStore.keyOf('org1', '0oaApp1');

  it('keeps a typed secret in memory only: the draft on disk has none, a new window gets the draft without it', async () => {
    const { state, secretStorage, values } = machine();
    const store = new DraftStore(state, secretStorage);
    await store.keepDraft(key, draft({ kind: 'typed', value: 's3cr3t-typed' }));
    assert.doesNotMatch(JSON.stringify([...values.values()]), /s3cr3t-typed/, 'the typed secret reached the global state');
    assert.deepEqual(store.draft(key)?.apiIntegration.consumerSecret, { kind: 'typed', value: 's3cr3t-typed' });
    assert.equal(await store.secret(key, store.draft(key) as Draft), 's3cr3t-typed');
    const afterReload = new DraftStore(state, secretStorage);
    assert.deepEqual(afterReload.draft(key)?.apiIntegration.consumerSecret, { kind: 'none' });
    assert.equal(afterReload.draft(key)?.apiIntegration.consumerKey, '3MVG9key', 'the rest of the draft is kept');
  });

  it('stores a saved secret in secret storage, forgets the typed one, and gives the stored one for a stored draft', async () => {
    const { state, secretStorage, secrets } = machine();
    const store = new DraftStore(state, secretStorage);
    await store.keepDraft(key, draft({ kind: 'typed', value: 'typed-1' }));
    await store.storeSecret(key, 'typed-1');
    assert.deepEqual([...secrets.values()], ['typed-1']);
    assert.deepEqual(store.draft(key)?.apiIntegration.consumerSecret, { kind: 'none' }, 'the typed copy is gone once stored');
    assert.equal(await store.secret(key, draft({ kind: 'stored' })), 'typed-1');
    assert.equal(await store.secret(key, draft({ kind: 'none' })), undefined);
  });

  it('forgets the draft (Discard changes), keeps what else it remembers, and finds an opened app by its id', async () => {
    const { state, secretStorage } = machine();
    const store = new DraftStore(state, secretStorage);
    await store.remember(key, { integrationOrgId: '00D/005' });
    await store.keepDraft(key, draft({ kind: 'none' }));
    await store.keepDraft(key, undefined);
    assert.equal(store.draft(key), undefined);
    assert.equal(store.memory(key).integrationOrgId, '00D/005');
    assert.equal(store.keyOfOpenApp('0oaApp1'), key);
    assert.equal(store.keyOfOpenApp('0oaApp'), undefined, 'an id that is only the end of another');
  });
});
