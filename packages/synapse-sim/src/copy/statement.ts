// The parsed shape of a COPY INTO statement (learn.microsoft.com/sql/t-sql/statements/copy-into-transact-sql).

export interface CopyColumn {
  /** The column name as written, without brackets or quotes. */
  readonly name: string;
  /** The `default <value>` literal's value, if any: replaces a NULL from the file. */
  readonly defaultValue?: string;
  /** The 1-based input field mapped to this column; absent means "position in the column list". */
  readonly fieldNumber?: number;
}

export type CopyCredential =
  | { readonly kind: 'sas'; readonly secret: string }
  | { readonly kind: 'accountKey'; readonly secret: string }
  | { readonly kind: 'managedIdentity' };

export type DateFormat = 'mdy' | 'dmy' | 'ymd' | 'ydm' | 'myd' | 'dym';

export interface CopyOptions {
  readonly fileType: 'CSV';
  readonly credential?: CopyCredential;
  /** Default 0 (copy-into-transact-sql, MAXERRORS). */
  readonly maxErrors: number;
  /** 'GZIP', or undefined = detect by the `.gz` extension (copy-into-transact-sql, COMPRESSION). */
  readonly compression?: 'GZIP' | 'NONE';
  readonly fieldQuote: string;
  /** Bytes, already decoded from escapes/hex. */
  readonly fieldTerminator: Buffer;
  readonly rowTerminator: Buffer;
  readonly firstRow: number;
  readonly dateFormat?: DateFormat;
  readonly encoding: 'UTF8' | 'UTF16';
  readonly errorFile?: string;
}

export interface CopyIntoStatement {
  /** The target table exactly as written, e.g. `[dbo].[t]` or `#stg`. */
  readonly table: string;
  readonly columns?: readonly CopyColumn[];
  readonly locations: readonly string[];
  readonly options: CopyOptions;
}
