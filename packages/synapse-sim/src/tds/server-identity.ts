// What the server says it is, in PRELOGIN (MS-TDS 2.2.6.5 VERSION) and LOGINACK (2.2.7.14).
// Synapse dedicated pools report 10.0.x builds (@@VERSION "Microsoft Azure SQL Data Warehouse -
// 10.0.17829.0", research/synapse.md 3.4); we announce the same build so the two never disagree.
import type { ServerVersion } from './tokens/loginack.js';

/** TDS 7.4, the newest version tedious 19 negotiates without TLS first (MS-TDS 2.2.6.4, 2.2.7.14). */
export const TDS_VERSION_7_4 = 0x74000004;
/**
 * TDS 7.3A (SQL Server 2008) and 7.3B (2008 R2), MS-TDS 2.2.6.4. 7.3 is the oldest version Azure SQL accepts
 * ("Azure SQL Database supports TDS protocol client version 7.3 or later",
 * https://learn.microsoft.com/azure/azure-sql/database/transact-sql-tsql-differences-sql-server; Synapse's own
 * floor is not documented), and the first with the date, time, datetime2 and datetimeoffset types served here.
 */
export const TDS_VERSION_7_3A = 0x730a0003;
export const TDS_VERSION_7_3B = 0x730b0003;
/** TDS 7.2: from here on DONE row counts are 8 bytes, before it 4 (MS-TDS 2.2.7.6). */
export const TDS_VERSION_7_2 = 0x72090002;
export const PROGRAM_NAME = 'Microsoft SQL Server';
export const SERVER_VERSION: ServerVersion & { readonly subBuild: number } = { major: 10, minor: 0, build: 17829, subBuild: 0 };
/** The server name in ERROR and INFO tokens. */
export const SERVER_NAME = 'synapse-sim';
