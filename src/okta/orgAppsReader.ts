/**
 * What the Okta Apps view reads of one org, without vscode (the first-paint benchmark reads an org
 * through it too): the first page of its Salesforce.com instances, which is also the org's check,
 * and Other apps page by page.
 */
import { SharedPromise } from '../common/sharedPromise';
import type * as OktaApi from './api/oktaApi';

/** Okta's largest page of apps. */
export const appPageSize = 200;

export class OrgAppsReader {
  private readonly salesforce = new SharedPromise<OktaApi.OktaPage<OktaApi.OktaApp>>();

  constructor(private readonly session: () => Promise<OktaApi.OktaSession>) {}

  /**
   * The first page of the org's Salesforce.com instances (`filter=name eq "salesforce"`, on the
   * server). The org's check reads it when the view opens: it proves the credential and the apps
   * scope as `GET /api/v1/apps?limit=1` did, and is kept for the org's children, so expanding the
   * org reads nothing more. A failed read is not kept: the next call reads again.
   */
  salesforceInstances(signal?: AbortSignal): Promise<OktaApi.OktaPage<OktaApi.OktaApp>> {
    return this.salesforce.get(() => this.session().then((session) => session.listApps({ salesforceOnly: true, limit: appPageSize }, signal)));
  }

  /**
   * One page of every app, without the Salesforce.com instances (listed with the org): Okta's app
   * filter has no "not equal", so they are left out here. One request per page.
   */
  async otherApps(after: string | undefined, signal?: AbortSignal): Promise<OktaApi.OktaPage<OktaApi.OktaApp>> {
    const page = await (await this.session()).listApps({ after, limit: appPageSize }, signal);
    return { items: page.items.filter((app) => app.name !== 'salesforce'), next: page.next };
  }
}
