/** The ledger pages, loaded together on first use. */
export { LedgerLayout } from './ledger-layout';
export { StockPage } from './stock-page';
export { ReceivePage } from './receive-page';
export { CountPage } from './count-page';
export { DiscrepanciesPage } from './discrepancies-page';
export { DestructionPage } from './destruction-page';
export { InventoryPage } from './inventory-page';
export { ReportsPage } from './reports-page';
export { LocationsPage } from './locations-page';
