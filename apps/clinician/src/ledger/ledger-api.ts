/** The ledger routes over the app's one API client (same session and CSRF token). */
import { createLedgerClient } from '@ketapath/api-client';
import { api } from '../data/api';

export const ledgerApi = createLedgerClient(api);
