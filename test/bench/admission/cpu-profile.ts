/**
 * Issue 13 §5, where a task step's CPU goes: a V8 CPU profile of the bench process's main thread (the API, the
 * activities, the Temporal client and worker's JavaScript, the bench client) over the timed cases, its samples
 * summed by the component their function belongs to; a sample in Node's runtime counts for the nearest caller that
 * is ours or a library's. BENCH_PROFILE_OUT=file.cpuprofile also writes the whole profile, for DevTools.
 * The workflows run in the SDK's own worker thread, and the
 * Temporal core in native threads: neither is sampled here; the process's CPU time less this thread's busy time is
 * their share.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

type ProfileNode = { id: number; callFrame: { url: string; functionName: string }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const RUNTIME = 'Node runtime and V8 builtins (called from no code of ours: event loop, sockets)';

/** A component by the file its function is in; the first rule that matches names it. */
const COMPONENTS: [RegExp, string][] = [
  [/node_modules\/typeorm\//, 'TypeORM (query building, hydration)'],
  [/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-\w+)\//, 'pg driver (wire protocol, parsing)'],
  [/node_modules\/@temporalio\//, 'Temporal SDK (client, worker, activities)'],
  [/node_modules\/(@nestjs|express|body-parser|router|raw-body|finalhandler|send|qs)\//, 'NestJS and Express'],
  [/node_modules\/(zod|class-\w+)\//, 'validation (zod)'],
  [/node_modules\/(jose|jsonwebtoken|@node-rs|argon2|bcrypt\w*)\//, 'tokens and passwords'],
  [/node_modules\/(protobufjs|@grpc|long)\//, 'gRPC and protobuf'],
  [/node_modules\/(@opentelemetry|pino\w*)\//, 'telemetry and logs'],
  [/node_modules\/(undici)\//, 'HTTP client (bench)'],
  [/\/apps\/api\//, 'API code (apps/api)'],
  [/\/activities\//, 'activities'],
  [/\/libs\/(testing)\//, 'bench client (libs/testing)'],
  [/\/test\/bench\//, 'bench client (test/bench)'],
  [/\/libs\//, 'libs (domain, audit, persistence, …)'],
  [/^node:internal\/deps\/undici/, 'HTTP client (bench)'],
  [/^node:|^internal\/|^$/, RUNTIME],
];

const componentOf = (node: ProfileNode): string => {
  const name = node.callFrame.functionName;
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return '(idle)';
  if (name === '(program)') return RUNTIME;
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const named = COMPONENTS.find(([re]) => re.test(url))?.[1];
  if (named) return named;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return pkg ? `library ${pkg[1]}` : 'other code';
};

export type CpuProfileSummary = { busyMs: number; idleMs: number; byComponent: [string, number][] };

export class MainThreadProfiler {
  private readonly session = new Session();

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) =>
      this.session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  }

  async start(): Promise<void> {
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 1000 });
    await this.post('Profiler.start');
  }

  async stop(): Promise<CpuProfileSummary> {
    const { profile } = await this.post<{ profile: Profile }>('Profiler.stop');
    this.session.disconnect();
    // The whole profile, to open in Chrome's DevTools (Performance) or read further.
    if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // A sample in the runtime (http, streams, JSON, a V8 builtin) counts for the nearest caller of ours or of a
    // library: the time JSON.parse takes for the pg driver is the driver's.
    const attributed = new Map<number, string>();
    const componentFor = (id: number): string => {
      const known = attributed.get(id);
      if (known) return known;
      const node = byId.get(id);
      let c = node ? componentOf(node) : RUNTIME;
      if (c === RUNTIME && parent.has(id)) c = componentFor(parent.get(id) as number);
      attributed.set(id, c);
      return c;
    };
    const ms = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const c = componentFor(id);
      ms.set(c, (ms.get(c) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const idleMs = ms.get('(idle)') ?? 0;
    ms.delete('(idle)');
    const byComponent = [...ms.entries()].sort((a, b) => b[1] - a[1]);
    return { busyMs: byComponent.reduce((a, [, v]) => a + v, 0), idleMs, byComponent };
  }
}
