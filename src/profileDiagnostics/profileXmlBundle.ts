import { lazyBundle } from '../common/lazyBundle';
import type * as ProfileXmlApi from '../domain/profileXml/profileXmlApi';

/** The scanner, findings and fixes (dist/profileXml.js), loaded when the first metadata file is checked. */
export const loadProfileXml = lazyBundle<typeof ProfileXmlApi>('profileXml.js');
