// Row counts in the target schema, and which tables belong to a stream: its table (the stream's name, which is
// already a conformed Synapse name for every Kustomer stream) and the child tables `<table>__<field>...`.

/** @param {import('../stand-ins.d.mts').StandIns} standIns @returns {Promise<Map<string, number>>} */
export async function rowCounts(standIns) {
  const counts = new Map();
  for (const table of await standIns.tables()) counts.set(table, await standIns.rowCount(table));
  return counts;
}

/** @param {ReadonlyMap<string, number>} counts @param {string} stream */
export function streamTables(counts, stream) {
  const table = counts.has(stream) ? stream : undefined;
  const children = [...counts.keys()].filter((name) => name.startsWith(`${stream}__`));
  return { table, children, rows: table === undefined ? 0 : counts.get(table), childRows: children.reduce((sum, c) => sum + counts.get(c), 0) };
}
