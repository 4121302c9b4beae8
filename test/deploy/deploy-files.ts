import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Reading the deployment files (infra/docker, infra/compose, infra/k8s) for test/deploy. */
export const ROOT = path.resolve(__dirname, '../..');
export const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
export const readJson = <T>(file: string): T => JSON.parse(read(file)) as T;

/** A Dockerfile instruction, continuation lines joined, comments dropped. */
export type Instruction = { op: string; args: string; stage: string };
export type Stage = { name: string; from: string; instructions: Instruction[] };

export function dockerfileStages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) as RegExpExecArray;
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) as RegExpExecArray;
      stages.push({ name: name ?? String(stages.length), from, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    const instruction = { op: op.toUpperCase(), args, stage: stage?.name ?? '' };
    (stage ? stage.instructions : globalArgs).push(instruction);
  }
  if (globalArgs.some((i) => i.op !== 'ARG')) throw new Error('only ARG may come before the first FROM');
  return [{ name: '', from: '', instructions: globalArgs }, ...stages];
}

/** The instructions a target stage runs with: its own after those of the stages it is built FROM. */
export function stageChain(stages: Stage[], target: string): Instruction[] {
  const stage = stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no stage ${target}`);
  const parent = stages.some((s) => s.name === stage.from) ? stageChain(stages, stage.from) : [];
  return [...parent, ...stage.instructions];
}

/** `ARG NAME=value` defaults, before the first FROM and in stages. */
export function argDefault(stages: Stage[], name: string): string[] {
  return stages
    .flatMap((s) => s.instructions)
    .filter((i) => i.op === 'ARG' && i.args.startsWith(`${name}=`))
    .map((i) => i.args.slice(name.length + 1));
}

/** The exec-form CMD of a target, as the command line a shell would run. */
export function cmdOf(stages: Stage[], target: string): string {
  const cmd = stageChain(stages, target)
    .filter((i) => i.op === 'CMD')
    .at(-1);
  if (!cmd) throw new Error(`target ${target} has no CMD`);
  return (JSON.parse(cmd.args) as string[]).join(' ');
}

/**
 * `.dockerignore` as a predicate over repository paths. Its patterns are paths from the context's root with `*`
 * matching within one path segment (Docker's rules without `**` and `!`, which it does not use).
 */
export function dockerIgnored(text: string): (file: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (patterns.some((p) => p.startsWith('!')))
    throw new Error('negated .dockerignore patterns are not understood here');
  const regexes = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/.*)?$`),
  );
  return (file) => {
    const normal = path.posix.normalize(file).replace(/^\.\//, '').replace(/\/$/, '');
    return regexes.some((r) => r.test(normal));
  };
}

export type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  user?: string;
  ports?: string[];
};
export type Compose = { services: Record<string, ComposeService> };

export const parseYaml = <T = unknown>(text: string): T => parse(text, { merge: true }) as T;
export const compose = (): Compose => parseYaml(read('infra/compose/compose.yaml')) as Compose;

/** Every document of every YAML file in a folder, with the file it came from. */
export function manifests(dir: string): Array<{ file: string; doc: K8sObject }> {
  return readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()
    .flatMap((f) => parseAllDocuments(read(path.join(dir, f))).map((d) => ({ file: f, doc: d.toJSON() as K8sObject })));
}

export type Container = {
  name: string;
  image: string;
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; runAsUser?: number; runAsNonRoot?: boolean };
};
export type PodSpec = {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
};
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    ports?: Array<{ name: string; port: number; targetPort: string | number }>;
  };
};
