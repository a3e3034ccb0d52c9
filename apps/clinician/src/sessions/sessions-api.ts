/** The session, schedule and floor routes, over the app's one API client (same session and CSRF token). */
import { createSessionsClient } from '@ketapath/api-client';
import { api } from '../data/api';

export const sessionsApi = createSessionsClient(api);
