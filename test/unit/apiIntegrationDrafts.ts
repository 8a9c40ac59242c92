// A Configure API Integration draft for the unit tests: API integration enabled with a key, the
// secret as given, To App pushing new users and profile updates, To Okta as a new app has it.
import type { Draft, SecretState } from '../../src/domain/apiIntegration/form';
import { defaultToOkta } from '../../src/domain/apiIntegration/oktaProvisioning';

export function sampleDraft(consumerSecret: SecretState = { kind: 'stored' }, consumerKey = '3MVG9key'): Draft {
  return {
    apiIntegration: {
      enableApiIntegration: true, consumerKey, consumerSecret,
      loginHost: { derived: 'https://login.salesforce.com', override: '' }, allowPushingNullValues: false,
    },
    toApp: { createUsers: true, updateUserAttributes: true, deactivateUsers: false, syncPassword: false },
    toOkta: structuredClone(defaultToOkta),
  };
}
