// The names of T-SQL's built-in functions, so a call of anything else is refused with 195 as SQL Server refuses it,
// instead of reaching a DuckDB function of that name. Source: Functions (Transact-SQL) and its category pages
// (aggregate, analytic, ranking, string, mathematical, date and time, conversion, logical, metadata, security,
// system, JSON): https://learn.microsoft.com/sql/t-sql/functions/functions
import { unknownFunction } from '../errors.js';
import { isPunct, isWord, matchingParen, type Token } from './lexer.js';

const BUILTINS = new Set([
  // aggregate, analytic, ranking
  'AVG', 'CHECKSUM_AGG', 'COUNT', 'COUNT_BIG', 'GROUPING', 'GROUPING_ID', 'MAX', 'MIN', 'STDEV', 'STDEVP', 'STRING_AGG',
  'SUM', 'VAR', 'VARP', 'APPROX_COUNT_DISTINCT', 'CUME_DIST', 'FIRST_VALUE', 'LAG', 'LAST_VALUE', 'LEAD',
  'PERCENTILE_CONT', 'PERCENTILE_DISC', 'PERCENT_RANK', 'DENSE_RANK', 'NTILE', 'RANK', 'ROW_NUMBER',
  // string
  'ASCII', 'CHAR', 'CHARINDEX', 'CONCAT', 'CONCAT_WS', 'DIFFERENCE', 'FORMAT', 'LEFT', 'LEN', 'LOWER', 'LTRIM', 'NCHAR',
  'PATINDEX', 'QUOTENAME', 'REPLACE', 'REPLICATE', 'REVERSE', 'RIGHT', 'RTRIM', 'SOUNDEX', 'SPACE', 'STR',
  'STRING_ESCAPE', 'STRING_SPLIT', 'STUFF', 'SUBSTRING', 'TRANSLATE', 'TRIM', 'UNICODE', 'UPPER',
  // mathematical
  'ABS', 'ACOS', 'ASIN', 'ATAN', 'ATN2', 'CEILING', 'COS', 'COT', 'DEGREES', 'EXP', 'FLOOR', 'LOG', 'LOG10', 'PI',
  'POWER', 'RADIANS', 'RAND', 'ROUND', 'SIGN', 'SIN', 'SQRT', 'SQUARE', 'TAN',
  // date and time
  'CURRENT_TIMEZONE', 'DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATEFROMPARTS', 'DATENAME', 'DATEPART',
  'DATETIME2FROMPARTS', 'DATETIMEFROMPARTS', 'DATETIMEOFFSETFROMPARTS', 'DAY', 'EOMONTH', 'GETDATE', 'GETUTCDATE',
  'ISDATE', 'MONTH', 'SMALLDATETIMEFROMPARTS', 'SWITCHOFFSET', 'SYSDATETIME', 'SYSDATETIMEOFFSET', 'SYSUTCDATETIME',
  'TIMEFROMPARTS', 'TODATETIMEOFFSET', 'YEAR',
  // conversion, logical
  'CAST', 'CONVERT', 'PARSE', 'TRY_CAST', 'TRY_CONVERT', 'TRY_PARSE', 'CHOOSE', 'IIF', 'COALESCE', 'NULLIF', 'ISNULL',
  'ISNUMERIC',
  // metadata, security, system
  'COL_LENGTH', 'COL_NAME', 'COLUMNPROPERTY', 'DATABASEPROPERTYEX', 'DB_ID', 'DB_NAME', 'OBJECT_ID', 'OBJECT_NAME',
  'OBJECT_SCHEMA_NAME', 'OBJECTPROPERTY', 'OBJECTPROPERTYEX', 'SCHEMA_ID', 'SCHEMA_NAME', 'SERVERPROPERTY', 'TYPE_ID',
  'TYPE_NAME', 'TYPEPROPERTY', 'CURRENT_USER', 'SESSION_USER', 'SUSER_NAME', 'SUSER_SNAME', 'SYSTEM_USER', 'USER_NAME',
  'HAS_PERMS_BY_NAME', 'IS_MEMBER', 'IS_ROLEMEMBER', 'BINARY_CHECKSUM', 'CHECKSUM', 'COMPRESS', 'DECOMPRESS',
  'CONNECTIONPROPERTY', 'ERROR_LINE', 'ERROR_MESSAGE', 'ERROR_NUMBER', 'ERROR_PROCEDURE', 'ERROR_SEVERITY',
  'ERROR_STATE', 'HASHBYTES', 'HOST_NAME', 'NEWID', 'XACT_STATE', 'DATALENGTH', 'FORMATMESSAGE', 'GETANSINULL',
  'SESSION_CONTEXT',
  // JSON
  'ISJSON', 'JSON_VALUE', 'JSON_QUERY', 'JSON_MODIFY', 'OPENJSON', 'JSON_OBJECT', 'JSON_ARRAY',
]);

/** Words that take a parenthesis without being a function call. */
const NOT_CALLS = new Set([
  'IN', 'EXISTS', 'VALUES', 'OVER', 'AS', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'ON', 'WHERE', 'SELECT', 'FROM',
  'JOIN', 'HAVING', 'BY', 'INTO', 'USING', 'TOP', 'LIMIT', 'CASE', 'IS', 'BETWEEN', 'LIKE', 'ALL', 'ANY', 'SOME', 'UNION',
  'EXCEPT', 'INTERSECT', 'WITH', 'DISTINCT', 'SET', 'INSERT', 'MATCHED', 'TABLE', 'RETURN', 'END', 'OPTION', 'PARTITION',
  'ORDER', 'GROUP', 'IF', 'EXEC', 'EXECUTE', 'DEFAULT', 'HASH', 'UPDATE', 'DELETE', 'MERGE', 'TARGET', 'SOURCE',
]);

/**
 * Refuses `tokens[i](` when it is a call of a function T-SQL does not have. A word after AS or WITH and before `(`
 * names columns of an alias or a CTE (`AS t (a, b)`, `x (a) AS (...)`), not a call.
 */
export function checkBuiltin(tokens: readonly Token[], i: number): void {
  const t = tokens[i];
  if (t === undefined || t.kind !== 'word' || !isPunct(tokens[i + 1], '(') || NOT_CALLS.has(t.value) || BUILTINS.has(t.value)) return;
  if (isWord(tokens[i - 1], 'AS', 'WITH') || isPunct(tokens[i - 1], '.')) return;
  const close = matchingParen(tokens, i + 1);
  if (isWord(tokens[close + 1], 'AS') && isPunct(tokens[close + 2], '(')) return;
  if (t.value.startsWith('__TSQL_')) return;
  throw unknownFunction(t.text);
}
