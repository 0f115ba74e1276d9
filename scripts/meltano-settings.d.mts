export const REPO_ROOT: string;
export const MELTANO_YML: string;

export interface NodePlugin {
  readonly type: 'extractors' | 'loaders';
  readonly name: string;
  readonly bin: string;
}
export const NODE_PLUGINS: readonly NodePlugin[];

export interface AboutProperty {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly secret?: boolean;
  readonly description?: string;
}
export interface About {
  readonly name: string;
  readonly capabilities: readonly string[];
  readonly settings: { readonly properties: Readonly<Record<string, AboutProperty>>; readonly required?: readonly string[] };
}
export interface MeltanoSetting {
  readonly name: string;
  readonly kind: string;
  readonly sensitive?: true;
  readonly description?: string;
  readonly options?: readonly { readonly label: string; readonly value: unknown }[];
}

export function readAbout(bin: string): Promise<About>;
export function aboutText(bin: string, format: 'json' | 'markdown'): Promise<string>;
export function meltanoKind(property: AboutProperty): string;
export function meltanoSettings(about: About): MeltanoSetting[];
