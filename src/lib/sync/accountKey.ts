/** The `sync` table's row that holds the connection (syncAccount.ts); present only on a connected device. */
export const ACCOUNT_KEY = 'account';
