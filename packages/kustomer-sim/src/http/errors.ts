/**
 * Kustomer's two error body shapes (research 2.8), made in one place:
 * - shape A (most endpoints): `{"errors":[{"code","message","meta"}]}`;
 * - shape B (JSON:API error objects): `{"errors":[{"status","code","title","detail","source","meta"}]}`.
 * Where the research does not say which endpoint uses which, the simulator uses shape B for request validation
 * (a bad search body or query parameter: it has a `source.pointer` / `source.parameter` to name) and shape A
 * for everything else (auth, permissions, not found, rate limit, server faults).
 */
export interface ErrorSource {
  readonly pointer?: string;
  readonly parameter?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string | undefined;
  readonly source: ErrorSource | undefined;

  constructor(status: number, code: string, message: string, title?: string, source?: ErrorSource) {
    super(message);
    this.status = status;
    this.code = code;
    this.title = title;
    this.source = source;
  }

  body(): object {
    if (this.source === undefined) return shapeA(this.code, this.message);
    return shapeB(this.status, this.code, this.title ?? this.code, this.message, this.source);
  }
}

export const shapeA = (code: string, message: string): object => ({ errors: [{ code, message, meta: {} }] });

export const shapeB = (status: number, code: string, title: string, detail: string, source: ErrorSource): object => ({
  errors: [{ status: String(status), code, title, detail, source, meta: {} }],
});

/** A 400 naming the body member at fault (JSON pointer). */
export const badBody = (pointer: string, detail: string): ApiError =>
  new ApiError(400, 'bad_request', detail, 'Invalid request body', { pointer });

/** A 400 naming the query parameter at fault. */
export const badParameter = (parameter: string, detail: string): ApiError =>
  new ApiError(400, 'bad_request', detail, 'Invalid query parameter', { parameter });

export const notFound = (path: string): ApiError => new ApiError(404, 'not_found', `No resource at ${path}.`);
