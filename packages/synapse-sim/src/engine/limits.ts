// Synapse dedicated-pool limits the engine enforces.
// Source: https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-service-capacity-limits
// and research/synapse.md 1.4.

/** Identifier length, 1-128 characters. */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Local temporary table names, at most 116 characters. */
export const MAX_TEMP_TABLE_NAME_LENGTH = 116;
/** Columns per table. */
export const MAX_COLUMNS_PER_TABLE = 1024;
/** nvarchar(n)/nchar(n): n <= 4000. CREATE TABLE (Azure Synapse Analytics), data types. */
export const MAX_NVARCHAR_LENGTH = 4000;
/** varchar(n)/varbinary(n)/char(n): n <= 8000. */
export const MAX_VARCHAR_LENGTH = 8000;
/** decimal precision <= 38. */
export const MAX_DECIMAL_PRECISION = 38;
/** Fractional-second digits for time/datetime2/datetimeoffset; default 7. */
export const MAX_FRACTIONAL_SECONDS = 7;
/** SERVERPROPERTY('EngineEdition') for a dedicated SQL pool. research/synapse.md 1.10 (SMO DatabaseEngineEdition). */
export const ENGINE_EDITION_SYNAPSE_DEDICATED = 6;
/** A MERGE-capable build: research/synapse.md 1.8 (MERGE GA needs >= 10.0.17829.0). */
export const SYNAPSE_VERSION_STRING =
  'Microsoft Azure SQL Data Warehouse - 10.0.17829.0 Nov 28 2026 00:00:00 Copyright (c) Microsoft Corporation (synapse-sim on DuckDB)';
