// Multi-part T-SQL object names ([db].[schema].[table], schema.table, #temp, tempdb..#temp) and their DuckDB spelling.
import { duckIdent, isPunct, isTrivia, tokenize, type Token } from './lexer.js';
import { identifierTooLong, tempNameTooLong } from '../errors.js';
import { MAX_IDENTIFIER_LENGTH, MAX_TEMP_TABLE_NAME_LENGTH } from './limits.js';

export const DEFAULT_SCHEMA = 'dbo';

export interface ObjectName {
  /** Undefined when the name has no schema part. */
  readonly schema: string | undefined;
  readonly name: string;
  readonly temp: boolean;
}

function isNamePart(t: Token | undefined): boolean {
  return t !== undefined && (t.kind === 'ident' || t.kind === 'word');
}

/** Reads a dotted name at tokens[start] (significant tokens). Database parts are dropped. */
export function parseObjectName(tokens: readonly Token[], start: number): { readonly object: ObjectName; readonly end: number } {
  const parts: string[] = [];
  let i = start;
  if (!isNamePart(tokens[i])) throw new Error(`Incorrect syntax near '${tokens[i]?.text ?? 'end of statement'}'.`);
  parts.push(nameValue(tokens[i] as Token));
  i++;
  while (isPunct(tokens[i], '.')) {
    i++;
    if (isNamePart(tokens[i])) {
      parts.push(nameValue(tokens[i] as Token));
      i++;
    } else {
      parts.push('');
    }
  }
  const name = parts[parts.length - 1] ?? '';
  const schemaPart = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  const temp = name.startsWith('#');
  return { object: { schema: temp || schemaPart === '' ? undefined : schemaPart, name, temp }, end: i };
}

/** Parses a name written inside a string, as OBJECT_ID('[s].[t]') takes it. */
export function parseNameString(text: string): ObjectName {
  const tokens = tokenize(text).filter((t) => !isTrivia(t));
  return parseObjectName(tokens, 0).object;
}

function nameValue(t: Token): string {
  // Words keep their spelling (identifiers are case-insensitive; the catalog keys on lower case).
  return t.kind === 'word' ? t.text : t.value;
}

export function schemaOf(o: ObjectName): string {
  return o.schema ?? DEFAULT_SCHEMA;
}

/** The DuckDB spelling: temp tables live in the connection's temp catalog, so they are per session by construction. */
export function duckName(o: ObjectName): string {
  return o.temp ? `temp.main.${duckIdent(o.name)}` : `${duckIdent(schemaOf(o))}.${duckIdent(o.name)}`;
}

export function displayName(o: ObjectName): string {
  return o.temp ? o.name : `${schemaOf(o)}.${o.name}`;
}

/** Refuses identifiers over the Synapse limits (128; 116 for #temp table names). */
export function checkIdentifier(name: string, isTempTable = false): void {
  if (isTempTable && name.length > MAX_TEMP_TABLE_NAME_LENGTH) throw tempNameTooLong(name, MAX_TEMP_TABLE_NAME_LENGTH);
  if (name.length > MAX_IDENTIFIER_LENGTH) throw identifierTooLong(name, MAX_IDENTIFIER_LENGTH);
}
