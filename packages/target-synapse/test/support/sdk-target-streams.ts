// The Meltano SDK's target test streams (research/singer.md 2.10), fetched at test time and never committed:
// `pip download singer-sdk==0.53.0 --no-deps` into `.venvs/` (git-ignored, where the repo caches Python things,
// test/support/python-venv.ts), then the wheel's `singer_sdk/testing/target_test_streams/*.singer` are extracted.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { probeIndex, runProgram, VENV_ROOT } from '../../../../test/support/python-venv.js';

export const SINGER_SDK_PIN = 'singer-sdk==0.53.0';
const DIR = join(VENV_ROOT, 'singer-sdk-0.53.0-target-test-streams');
const STREAMS = join(DIR, 'singer_sdk', 'testing', 'target_test_streams');
const PYTHON = process.env['PEERS_PYTHON'] ?? 'python3';

export type StreamsResult = { readonly ok: true; readonly dir: string; readonly files: readonly string[] } | { readonly ok: false; readonly skip: string };

/** The files, or a skip reason when PyPI cannot be reached; any other failure to get them throws (a test must not skip it). */
export async function sdkTargetTestStreams(): Promise<StreamsResult> {
  const cached = await list(STREAMS);
  if (cached.length > 0) return { ok: true, dir: STREAMS, files: cached };
  const unreachable = await probeIndex();
  if (unreachable !== null) return { ok: false, skip: unreachable };
  const scratch = `${DIR}.${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const download = await runProgram(PYTHON, ['-m', 'pip', 'download', SINGER_SDK_PIN, '--no-deps', '-d', scratch], { timeoutMs: 120_000 });
  if (download.code !== 0) throw new Error(`pip download ${SINGER_SDK_PIN} failed: ${download.stderr.trim().split('\n').at(-1) ?? ''}`);
  const wheel = (await readdir(scratch)).find((name) => name.endsWith('.whl'));
  if (wheel === undefined) throw new Error(`pip download ${SINGER_SDK_PIN} left no wheel in ${scratch}`);
  const unzip = await runProgram(PYTHON, ['-m', 'zipfile', '-e', join(scratch, wheel), scratch], { timeoutMs: 60_000 });
  if (unzip.code !== 0) throw new Error(`could not extract ${wheel}: ${unzip.stderr.trim()}`);
  await rename(scratch, DIR).catch(async () => rm(scratch, { recursive: true, force: true }));
  return { ok: true, dir: STREAMS, files: await list(STREAMS) };
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.singer')).sort();
  } catch {
    return [];
  }
}
