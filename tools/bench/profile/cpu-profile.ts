import { readFile } from 'node:fs/promises';
import { REPO_ROOT } from '../../compose/subgraph-list.js';
import { AREAS, areaOfScript, areaOfUnscripted, packageOf, type Area } from './profile-areas.js';

/** The parts of V8's .cpuprofile (the DevTools format node writes) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  /** Monotonic clock, microseconds. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's time; `where` is a package path or a repository path. */
export interface FunctionTime {
  name: string;
  where: string;
  area: Area;
  ms: number;
}

export interface ProfileSummary {
  /** Milliseconds sampled within the window, idle included. */
  sampledMs: number;
  /** Milliseconds on the CPU (everything but idle). */
  busyMs: number;
  /** Self time per area, in AREAS order. */
  byArea: { area: Area; ms: number }[];
  /** Self time per function, most first. */
  byFunction: FunctionTime[];
  /** Time with the function on the stack (callees included), for shopgraph's own functions, most first. */
  ownInclusive: FunctionTime[];
}

export async function readCpuProfile(path: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
}

interface Frame {
  key: string;
  name: string;
  where: string;
  area: Area;
  own: boolean;
  parent: number | undefined;
}

/**
 * Self time by function and by area, and shopgraph's functions' inclusive time, of the samples
 * taken within `window` (the measured requests; start-up and warm-up left out). A sample lasts
 * until the next one. A frame without a script (a V8 builtin, a native binding) is counted in
 * its caller's area, except GC, idle, unattributed native time and JSON's builtins.
 */
export function summariseProfile(profile: CpuProfile, window: { startMicros: number; endMicros: number }): ProfileSummary {
  const frames = framesOf(profile);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areaMs = new Map<Area, number>();
  let sampledMicros = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const lasts = profile.timeDeltas[i + 1] ?? 0;
    if (at < window.startMicros || at >= window.endMicros) continue;
    const frame = frames.get(profile.samples[i] as number) as Frame;
    sampledMicros += lasts;
    self.set(frame.key, (self.get(frame.key) ?? 0) + lasts);
    areaMs.set(frame.area, (areaMs.get(frame.area) ?? 0) + lasts);
    const onStack = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = frames.get(id)?.parent) {
      const caller = frames.get(id) as Frame;
      if (caller.own) onStack.add(caller.key);
    }
    for (const key of onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + lasts);
  }
  const byKey = new Map([...frames.values()].map((frame) => [frame.key, frame]));
  const timed = (times: Map<string, number>) =>
    [...times]
      .map(([key, micros]) => {
        const { name, where, area } = byKey.get(key) as Frame;
        return { name, where, area, ms: micros / 1000 };
      })
      .sort((a, b) => b.ms - a.ms);
  const idleMs = (areaMs.get('idle') ?? 0) / 1000;
  return {
    sampledMs: sampledMicros / 1000,
    busyMs: sampledMicros / 1000 - idleMs,
    byArea: AREAS.map((area) => ({ area, ms: (areaMs.get(area) ?? 0) / 1000 })),
    byFunction: timed(self),
    ownInclusive: timed(inclusive),
  };
}

/** Each node's function, place and area; a node without a script takes its caller's area. */
function framesOf(profile: CpuProfile): Map<number, Frame> {
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map<number, Frame>();
  const frameOf = (id: number): Frame => {
    const known = frames.get(id);
    if (known) return known;
    const { functionName, url, lineNumber } = (nodes.get(id) as CpuProfile['nodes'][number]).callFrame;
    const parent = parents.get(id);
    const own = isOwn(url);
    const name = functionName || (own && parent !== undefined ? `(anonymous, called by ${namedCaller(parent)})` : '(anonymous)');
    const where = url ? whereOf(url, lineNumber) : '(native)';
    const area = url ? areaOfScript(url, functionName) : (areaOfUnscripted(functionName) ?? (parent === undefined ? 'V8 and native, unattributed' : frameOf(parent).area));
    const frame: Frame = { key: `${name}\u0000${where}${url ? '' : `\u0000${area}`}`, name, where, area, own, parent };
    frames.set(id, frame);
    return frame;
  };
  // tsx wraps each closure in esbuild's __name(), which hides its name from V8: the nearest named
  // caller names it instead, shopgraph's own first, else a package's (never node's task queue,
  // the caller of every continuation after an await).
  const namedCaller = (id: number): string => {
    let fromPackage: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const { functionName, url } = (nodes.get(at) as CpuProfile['nodes'][number]).callFrame;
      if (!functionName || functionName === '__name' || !url.startsWith('file://')) continue;
      if (isOwn(url)) return functionName;
      fromPackage ??= functionName;
    }
    return fromPackage ?? 'a continuation';
  };
  for (const node of profile.nodes) frameOf(node.id);
  return frames;
}

function isOwn(url: string): boolean {
  return url.startsWith(`file://${REPO_ROOT}`) && packageOf(url) === undefined && !url.includes('/tools/');
}

/**
 * `package/path:line`, or the repository path for shopgraph's code: without a line, since tsx
 * compiles TypeScript and the profile's lines are those of its output, not of the source.
 */
function whereOf(url: string, lineNumber: number): string {
  const at = url.lastIndexOf('node_modules/');
  if (at !== -1) return `${url.slice(at + 'node_modules/'.length)}:${lineNumber + 1}`;
  if (url.startsWith(`file://${REPO_ROOT}`)) return url.slice(`file://${REPO_ROOT}`.length);
  return `${url}:${lineNumber + 1}`;
}
