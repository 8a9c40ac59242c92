// User describe as Salesforce's object reference gives it (the subset the pre-flight and org-fix rows use),
// shared by the unit tests that check values against describe.
import type { UserDescribeField } from '../../src/domain/preflight/attributeChecks';

export const sfField = (name: string, type: string, options: Partial<UserDescribeField> = {}): UserDescribeField => ({
  name, type, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, ...options,
});
export const required = { nillable: false };
export const values = (...v: string[]) => v.map((value) => ({ value, active: true }));

export const userFields: UserDescribeField[] = [
  sfField('Id', 'id', { createable: false, updateable: false, nillable: false, defaultedOnCreate: true, length: 18 }),
  sfField('Username', 'string', { ...required, length: 80, unique: true, idLookup: true }),
  sfField('LastName', 'string', { ...required, length: 80 }),
  sfField('FirstName', 'string', { length: 40 }),
  sfField('Email', 'email', { ...required, length: 128 }),
  sfField('Alias', 'string', { ...required, length: 8 }),
  sfField('CommunityNickname', 'string', { ...required, length: 40, unique: true, idLookup: true }),
  sfField('ProfileId', 'reference', { ...required, length: 18, referenceTo: ['Profile'] }),
  sfField('TimeZoneSidKey', 'picklist', { ...required, length: 40, picklistValues: values('America/Los_Angeles', 'Europe/Paris') }),
  sfField('LocaleSidKey', 'picklist', { ...required, length: 40, picklistValues: values('en_US', 'fr_FR') }),
  sfField('EmailEncodingKey', 'picklist', { ...required, length: 40, picklistValues: values('UTF-8') }),
  sfField('LanguageLocaleKey', 'picklist', { ...required, length: 40, picklistValues: [...values('en_US'), { value: 'fr', active: false }] }),
  sfField('EmployeeNumber', 'string', { length: 20 }),
  sfField('FederationIdentifier', 'string', { length: 512, idLookup: true }),
  sfField('IsActive', 'boolean', { nillable: false, defaultedOnCreate: true }),
  sfField('Name', 'string', { length: 121, createable: false, updateable: false }),
  sfField('UserType', 'picklist', { createable: false, updateable: false, defaultedOnCreate: true, picklistValues: values('Standard') }),
  sfField('StartDate__c', 'date'),
  sfField('Seats__c', 'int'),
  sfField('Badge__c', 'string', { length: 10, createable: true, updateable: false }),
];
