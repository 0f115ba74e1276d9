export function fillTemplate(
  template: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
  name: string,
): Record<string, unknown>;
export function readTemplate(root: string, name: string): Promise<Record<string, unknown>>;
export function writeConfigs(
  root: string,
  dir: string,
  values: { readonly tap: Record<string, unknown>; readonly target: Record<string, unknown> },
): Promise<{ readonly tap: string; readonly target: string }>;
