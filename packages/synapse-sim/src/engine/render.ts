// Joins rewritten tokens back into SQL text with conventional spacing, so snapshot tests read naturally.

export function joinSql(parts: readonly string[]): string {
  let out = '';
  let prev = '';
  for (const p of parts) {
    if (p === '') continue;
    const tight = out === '' || prev === '(' || prev === '.' || p === ',' || p === ')' || p === '.' || p === '::' || prev === '::'
      || (p === '(' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(prev) && !/^(AS|IN|AND|OR|NOT|EXISTS|VALUES|FROM|JOIN|ON|WHERE|USING|INTO|SELECT|OVER|TABLE|INSERT|KEY|LIMIT)$/i.test(prev));
    out += tight ? p : ` ${p}`;
    prev = p;
  }
  return out;
}
