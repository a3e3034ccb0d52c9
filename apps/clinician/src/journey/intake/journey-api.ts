/** The journey routes (intakes, qualifications, plans) over the app's one API client. */
import { journeyClient } from '@ketapath/api-client';
import { api } from '../../data/api';

export const journey = journeyClient(api);

/** The clinic setting that gives a signed qualification its validity (REFERENCE §1.6/§10 give no period). */
export const QUALIFICATION_VALIDITY_SETTING = 'session.qualification-valid-days';
