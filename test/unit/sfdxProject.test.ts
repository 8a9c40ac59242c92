import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { licensesCarryingEverything } from '../../src/domain/licenseCapabilities';
import { apiNameOfLabel, defaultPackageDirectory, deployCommandLine, SfdxProjectUnreadable } from '../../src/domain/sfdxProject';

const project = (packageDirectories: unknown) => JSON.stringify({ packageDirectories, sourceApiVersion: '66.0' });

describe('the default package directory of sfdx-project.json', () => {
  it('is the entry marked default, not the first', () => {
    assert.equal(defaultPackageDirectory(project([{ path: 'common' }, { path: 'force-app', default: true }])), 'force-app');
  });

  it('is the first entry when none is marked default', () => {
    assert.equal(defaultPackageDirectory(project([{ path: 'app-one' }, { path: 'app-two' }])), 'app-one');
  });

  it('loses a leading "./", a trailing "/" and Windows separators', () => {
    assert.equal(defaultPackageDirectory(project([{ path: './packages\\okta/', default: true }])), 'packages/okta');
  });

  it('refuses a project without package directories, invalid JSON, and paths outside the project', () => {
    for (const text of [project([]), project(undefined), '{ "packageDirectories": [', 'null', project([{ path: '../elsewhere', default: true }]),
      project([{ path: '/etc' }]), project([{ path: 'C:/Users' }]), project([{ path: '.' }]), project([{ path: 'a/../../b' }])]) {
      assert.throws(() => defaultPackageDirectory(text), (error: unknown) => error instanceof SfdxProjectUnreadable && /Fix:/.test(error.message), text);
    }
  });
});

describe('an API name from an app label', () => {
  it('joins words with single underscores and drops accents and symbols', () => {
    assert.equal(apiNameOfLabel('Okta Provisioning'), 'Okta_Provisioning');
    assert.equal(apiNameOfLabel('  Okta -- Prod (EU) '), 'Okta_Prod_EU');
    assert.equal(apiNameOfLabel('Okta Réseau'), 'Okta_Reseau');
  });

  it('starts with a letter, and is empty when nothing is left', () => {
    assert.equal(apiNameOfLabel('2026 Okta'), 'App_2026_Okta');
    assert.equal(apiNameOfLabel('!!!'), '');
  });
});

describe('the Salesforce CLI deploy command', () => {
  const files = ['force-app/main/default/connectedApps/Okta.connectedApp-meta.xml', "force-app/it's here.xml"];

  it('quotes each file for a POSIX shell and names the org', () => {
    assert.equal(deployCommandLine(files, 'okta-sandbox', 'posix'),
      "sf project deploy start --source-dir 'force-app/main/default/connectedApps/Okta.connectedApp-meta.xml' "
      + "--source-dir 'force-app/it'\\''s here.xml' --target-org 'okta-sandbox'");
  });

  it('leaves the org to the project\'s default when none is named', () => {
    assert.equal(deployCommandLine(files.slice(0, 1), undefined, 'posix'),
      "sf project deploy start --source-dir 'force-app/main/default/connectedApps/Okta.connectedApp-meta.xml'");
  });

  it('uses double quotes on Windows, and offers nothing a Windows shell would expand', () => {
    assert.equal(deployCommandLine(['force-app/a b.xml'], 'admin@acme.example', 'windows'), 'sf project deploy start --source-dir "force-app/a b.xml" --target-org "admin@acme.example"');
    assert.equal(deployCommandLine(['profiles/Okta%3A Integration.profile-meta.xml'], undefined, 'windows'), undefined);
    assert.equal(deployCommandLine(['a.xml'], '$env:USER', 'windows'), undefined);
  });

  it('offers nothing without files or with a line break in a path', () => {
    assert.equal(deployCommandLine([], 'okta', 'posix'), undefined);
    assert.equal(deployCommandLine(['a\nrm -rf ~'], undefined, 'posix'), undefined);
  });
});

describe('the licenses offered for the integration profile', () => {
  it('are the ones known to carry Manage Users, Salesforce first', () => {
    assert.deepEqual(licensesCarryingEverything, ['Salesforce', 'Salesforce Platform']);
  });
});
