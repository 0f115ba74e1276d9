/** Walks a JSON Schema as the tap's schemas use it: `a.b` for a property, `a[]` for array items, `a.*` for a map's values. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
}

export interface PathNode {
  readonly path: string;
  readonly node: SchemaNode;
}

const join = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

/** Every node below the root, parents before children. `stopAt` paths are listed but not entered. */
export function schemaPaths(schema: SchemaNode, stopAt: ReadonlySet<string> = new Set(), path = ''): PathNode[] {
  const out: PathNode[] = [];
  const visit = (node: SchemaNode, at: string): void => {
    out.push({ path: at, node });
    if (!stopAt.has(at)) out.push(...schemaPaths(node, stopAt, at));
  };
  for (const branch of schema.anyOf ?? []) out.push(...schemaPaths(branch, stopAt, path));
  for (const [name, node] of Object.entries(schema.properties ?? {})) visit(node, join(path, name));
  if (schema.items !== undefined) visit(schema.items, `${path}[]`);
  if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, join(path, '*'));
  return out;
}

/** The JSON types a node allows besides null, merged over `anyOf` branches, sorted. */
export function nonNullTypes(node: SchemaNode): string[] {
  const types = new Set<string>();
  const add = (n: SchemaNode): void => {
    const t = n.type;
    for (const one of t === undefined ? [] : typeof t === 'string' ? [t] : t) if (one !== 'null') types.add(one);
    for (const branch of n.anyOf ?? []) add(branch);
  };
  add(node);
  return [...types].sort();
}

/** Where a walk does not descend (`stopAt`) and which objects are maps whose keys are data (`maps`: named `*`). */
export interface WalkOptions {
  readonly stopAt?: ReadonlySet<string>;
  readonly maps?: ReadonlySet<string>;
}

/** The paths (as schemaPaths names them) that a JSON value fills, null values included. */
export function valuePaths(value: unknown, options: WalkOptions = {}, path = '', out = new Set<string>()): Set<string> {
  if (path !== '' && options.stopAt?.has(path)) return out;
  if (Array.isArray(value)) {
    for (const item of value) {
      out.add(`${path}[]`);
      valuePaths(item, options, `${path}[]`, out);
    }
  } else if (typeof value === 'object' && value !== null) {
    const isMap = options.maps?.has(path) ?? false;
    for (const [name, inner] of Object.entries(value)) {
      const at = join(path, isMap ? '*' : name);
      out.add(at);
      valuePaths(inner, options, at, out);
    }
  }
  return out;
}
