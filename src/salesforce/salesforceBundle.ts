import { lazyBundle } from '../common/lazyBundle';
import type * as SalesforceApi from './api/salesforceApi';

/**
 * The Salesforce bundle (dist/salesforce.js): jsforce, the audit and its reports, loaded the first
 * time a Salesforce feature is used so that activation pays for none of them.
 */
export const loadSalesforceApi = lazyBundle<typeof SalesforceApi>('salesforce.js');
