import { execFileSync, execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dockerfileStages, dockerIgnored, read, ROOT, stageChain, type Instruction } from './deploy-files';

/**
 * Rehearses infra/docker/Dockerfile without Docker (issue 12 §3: the machine has none): builds a target's file tree
 * in a folder, instruction by instruction, from the build context that .dockerignore leaves. ARG and ENV set the
 * environment, COPY copies from the context or from the build stage's folder, RUN runs in the stage's folder. What
 * needs the npm registry is stood in for: `npm install -g npm@…` is skipped (the machine's npm is that version) and
 * `npm ci` links the work tree's node_modules. The base image, USER and EXPOSE are not rehearsed.
 *   node -r ./infra/scripts/register.js test/deploy/rehearse-image.ts [api|worker] [folder]
 * prints the folder of the runtime tree; start the target's CMD there (`node -r ./infra/scripts/register.js …`).
 */
function rehearse(target: string, into: string): string {
  const stages = dockerfileStages(read('infra/docker/Dockerfile'));
  const ignored = dockerIgnored(read('.dockerignore'));
  const folders = new Map<string, string>();
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  const stageOf = (name: string) => stages.find((s) => s.name === name);
  const rootOf = (name: string): string => {
    let stage = stageOf(name);
    while (stage && stageOf(stage.from)) stage = stageOf(stage.from);
    return stage?.name ?? name;
  };
  const folder = (stage: string) => {
    const base = rootOf(stage);
    if (!folders.has(base)) {
      const dir = path.join(into, base);
      mkdirSync(dir, { recursive: true });
      folders.set(base, dir);
    }
    return folders.get(base) as string;
  };
  const contextFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && !ignored(f));
  const fromContext = (source: string, dest: string) => {
    const prefix = source === '.' ? '' : source.replace(/\/$/, '');
    for (const f of contextFiles.filter((c) => !prefix || c === prefix || c.startsWith(`${prefix}/`))) {
      // A file lands in the destination folder by its name, a folder's files by their paths below it.
      const target = path.join(dest, !prefix ? f : f === prefix ? path.basename(f) : path.relative(prefix, f));
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(path.join(ROOT, f), target);
    }
  };
  const run = (i: Instruction, dir: string) => {
    const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    if (i.op === 'ARG' || i.op === 'ENV') {
      for (const [, name, value] of i.args.matchAll(/(\w+)=(\S+)/g)) {
        env[name] = value.replace(/\$\{(\w+)\}/g, (_, n: string) => env[n] ?? '');
      }
    } else if (i.op === 'COPY') {
      const dest = path.resolve(dir, words.at(-1) as string);
      const from = /--from=(\S+)/.exec(i.args)?.[1];
      for (const source of words.slice(0, -1)) {
        if (!from) {
          fromContext(source, dest);
          continue;
        }
        const src = path.join(folder(from), path.posix.relative('/app', source));
        const to = words.length > 2 ? path.join(dest, path.basename(source)) : dest;
        mkdirSync(path.dirname(to), { recursive: true });
        // node_modules is the work tree's (linked by the rehearsed `npm ci`): link it again rather than copy it.
        if (statSync(src).isDirectory() && path.basename(src) === 'node_modules')
          symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), to);
        else cpSync(src, to, { recursive: true });
      }
    } else if (i.op === 'RUN') {
      if (/^npm install -g npm@/.test(i.args)) return;
      if (i.args === 'npm ci')
        return symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
      console.error(`[rehearse] ${i.stage}: RUN ${i.args}`);
      execSync(i.args, { cwd: dir, env, stdio: 'inherit', shell: '/bin/bash' });
    }
  };
  for (const i of stageChain(stages, target)) {
    if (i.op === 'COPY' && /--from=(\S+)/.test(i.args)) {
      const from = /--from=(\S+)/.exec(i.args)?.[1] as string;
      if (!folders.has(rootOf(from)) || !readdirSync(folder(from)).includes('dist')) {
        for (const j of stageChain(stages, from)) run(j, folder(from));
      }
    }
    run(i, folder(target));
  }
  return folder(target);
}

const [target = 'worker', dir] = process.argv.slice(2);
const into = dir ?? mkdtempSync(path.join(os.tmpdir(), 'partyflow-image-'));
if (dir) rmSync(into, { recursive: true, force: true });
console.log(rehearse(target, into));
