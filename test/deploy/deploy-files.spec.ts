import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, generateJwtSecret, loadConfig } from '@partyflow/config';
import { DEFAULT_TIME_ZONE } from '@partyflow/domain';
import { PREBUILT_BUNDLE_PATH } from '../../apps/worker/src/workflow-bundle';
import {
  argDefault,
  cmdOf,
  compose,
  dockerfileStages,
  dockerIgnored,
  manifests,
  parseYaml,
  read,
  readJson,
  ROOT,
  stageChain,
  type ComposeService,
  type Container,
  type K8sObject,
  type PodSpec,
} from './deploy-files';

/**
 * Issue 12 §3: the deployment files (infra/docker/Dockerfile, infra/compose/compose.yaml, infra/k8s) cannot be built
 * or run on the development machine (no Docker, no cluster), so they are checked against what is tested here: the
 * configuration module's variables, the README's production settings, the health endpoints, the package's start
 * commands and build targets, and the paths the image build copies.
 */

/**
 * Settings that parallel parts of issue 12 add to libs/config (the worker's HTTP server with its health endpoints
 * and /metrics, issue 12 §4). Allowed here until they are in the schema; delete each once it is.
 */
type Project = { targets: Record<string, { options: { command: string } }> };
const serveCommand = (project: string) =>
  readJson<Project>(`apps/${project}/project.json`).targets.serve.options.command;
const MIGRATE_COMMAND = 'node -r ./infra/scripts/register.js infra/deploy/migrate.ts';

const stages = dockerfileStages(read('infra/docker/Dockerfile'));
const ignored = dockerIgnored(read('.dockerignore'));
const services = compose().services;
/** The compose services that run the application's image: built from the Dockerfile. */
const appServices = Object.entries(services).filter(([, s]) => s.build);
const k8s = manifests('infra/k8s/base');
const k8sOf = (kind: string) => k8s.map((m) => m.doc).filter((d) => d.kind === kind);
const podSpecs = () => [...k8sOf('Deployment'), ...k8sOf('Job')].map((d) => ({ name: d.metadata.name, pod: podOf(d) }));
const podOf = (d: K8sObject): PodSpec => (d.spec?.template as { spec: PodSpec }).spec;
const configMap = k8sOf('ConfigMap')[0];
const secret = k8sOf('Secret')[0];
/** A container's environment: the ConfigMap, the Secret's keys it names (filled in as an operator would), env. */
const containerEnv = (c: Container, secrets: Record<string, string> = {}): Record<string, string> => {
  const env: Record<string, string> = {};
  const secretValue = (name: string, key: string) =>
    secrets[key] ?? k8sOf('Secret').find((m) => m.metadata.name === name)?.stringData?.[key] ?? '';
  for (const from of c.envFrom ?? []) {
    const map = k8sOf('ConfigMap').find((m) => m.metadata.name === from.configMapRef?.name);
    if (from.configMapRef) Object.assign(env, map?.data);
    if (from.secretRef) throw new Error(`${c.name}: a whole Secret as environment (envFrom) hands out every key`);
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    env[e.name] = ref ? secretValue(ref.name, ref.key) : String(e.value);
  }
  return env;
};
/** compose's ${VAR:?message} and ${VAR:-default}, with the operator's values. */
const interpolate = (value: string | number, vars: Record<string, string>) =>
  String(value).replace(
    /\$\{(\w+)(?::([?-])([^}]*))?\}/g,
    (_, name: string, kind?: string, rest?: string) => vars[name] ?? (kind === '-' ? (rest ?? '') : ''),
  );
const composeEnv = (s: ComposeService, vars: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(v, vars)]));
const OPERATOR = {
  POSTGRES_PASSWORD: 'pw',
  JWT_SECRET: generateJwtSecret(),
  DATABASE_URL: 'postgres://partyflow:pw@db:5432/partyflow',
};

/** README "Configuration": `NAME` or `NAME=value` in the "Production must set" sentence. */
function productionSettings(): Array<{ name: string; value?: string }> {
  const readme = read('README.md');
  const start = readme.indexOf('**Production must set**');
  const sentence = readme.slice(start, readme.indexOf('\n\n', start));
  return [...sentence.matchAll(/`([A-Z][A-Z0-9_]+)(?:=([^`]+))?`/g)].map(([, name, value]) => ({ name, value }));
}

describe('deployment files use the configuration module [issue 12 §3: same environment variables]', () => {
  it('every variable compose and Kubernetes set is one of libs/config (or pending from a parallel part)', () => {
    const set = new Set<string>();
    for (const [, s] of appServices) Object.keys(s.environment ?? {}).forEach((k) => set.add(k));
    Object.keys(configMap.data ?? {}).forEach((k) => set.add(k));
    Object.keys(secret.stringData ?? {}).forEach((k) => set.add(k));
    for (const { pod } of podSpecs()) for (const c of pod.containers) (c.env ?? []).forEach((e) => set.add(e.name));
    for (const i of stages.flatMap((s) => s.instructions).filter((i) => i.op === 'ENV')) {
      for (const [, name] of i.args.matchAll(/(?:^|\s)(\w+)=/g)) if (!/^(NPM_CONFIG|NX)_/.test(name)) set.add(name);
    }
    const unknown = [...set].filter((v) => !CONFIG_VARIABLES.includes(v));
    expect(unknown).toEqual([]);
    // The core of what a deployment sets, so that this test cannot pass on empty files.
    expect([...set]).toEqual(expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'API_HOST', 'NODE_ENV']));
  });

  it('the README names every variable of libs/config in its configuration table', () => {
    const readme = read('README.md');
    expect(CONFIG_VARIABLES.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });

  /** Whether a part must hold a setting: the token signing key is the API's alone (least privilege). */
  const needs = (part: string, setting: string) => setting !== 'JWT_SECRET' || part === 'api';

  it('every setting production must set (README) is set by compose; the signing key for the API only', () => {
    const required = productionSettings();
    expect(required.map((r) => r.name)).toEqual([
      'JWT_SECRET',
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'NODE_ENV',
      'PARTYFLOW_TRUST_PROXY',
    ]);
    expect(appServices.map(([name]) => name).sort()).toEqual(['api', 'migrate', 'worker']);
    for (const [name, s] of appServices) {
      const env = composeEnv(s, OPERATOR);
      for (const r of required) {
        expect({ service: name, [r.name]: env[r.name] || null }).toEqual({
          service: name,
          [r.name]: needs(name, r.name) ? (r.value ?? expect.any(String)) : null,
        });
      }
    }
  });

  it('every setting production must set is in the Kubernetes ConfigMap or Secret; the signing key for the API only', () => {
    const required = productionSettings();
    for (const { name, pod } of podSpecs()) {
      const env = containerEnv(pod.containers[0]);
      const part = name.replace('partyflow-', '');
      for (const r of required) {
        expect({ workload: name, [r.name]: r.name in env }).toEqual({ workload: name, [r.name]: needs(part, r.name) });
        if (r.value) expect(env[r.name]).toBe(r.value);
      }
    }
    expect(
      podSpecs()
        .map((p) => p.name)
        .sort(),
    ).toEqual(['partyflow-api', 'partyflow-migrate', 'partyflow-worker']);
  });

  it('the Secret commits no value: left as it is, the API refuses to start (JWT_SECRET) and every part (DATABASE_URL)', () => {
    expect(secret.stringData).toEqual({ DATABASE_URL: '', JWT_SECRET: '' });
    expect(() => loadConfig(containerEnv(podSpecs()[0].pod.containers[0]))).toThrow(
      'Invalid configuration DATABASE_URL: Invalid url',
    );
  });

  it('the configuration loads: the API binds 0.0.0.0 with its key, the worker loads the prebuilt bundle, the image’s zone', () => {
    const zone = argDefault(stages, 'PARTYFLOW_TIME_ZONE');
    expect(new Set(zone)).toEqual(new Set([DEFAULT_TIME_ZONE]));
    const check = (where: string, env: Record<string, string>, role: string) => {
      const config = loadConfig(env);
      expect({
        where,
        zone: config.timeZone,
        bundle: config.worker.workflowBundle,
        jwt: !!config.auth.jwtSecret,
      }).toEqual({
        where,
        zone: zone[0],
        bundle: 'prebuilt',
        jwt: needs(role, 'JWT_SECRET'),
      });
      if (role === 'api')
        expect({ where, host: config.api.host, port: config.api.port }).toEqual({ where, host: '0.0.0.0', port: 3000 });
    };
    for (const [name, s] of appServices) check(`compose ${name}`, composeEnv(s, OPERATOR), name);
    for (const { name, pod } of podSpecs())
      check(name, containerEnv(pod.containers[0], OPERATOR), name.replace('partyflow-', ''));
    for (const [name, s] of appServices)
      expect({ name, zone: s.build?.args?.PARTYFLOW_TIME_ZONE }).toEqual({ name, zone: zone[0] });
  });
});

describe('health probes [issue 12 §3: readiness and liveness wired to the health endpoints]', () => {
  it('Kubernetes: readiness on /health/ready and liveness on /health/live, on the port the process listens on', () => {
    const portVar = { 'partyflow-api': 'API_PORT', 'partyflow-worker': 'WORKER_HTTP_PORT' } as const;
    for (const d of k8sOf('Deployment')) {
      const c = podOf(d).containers[0];
      const env = containerEnv(c);
      const port = c.ports?.find((p) => p.name === c.readinessProbe?.httpGet?.port);
      expect({
        name: d.metadata.name,
        ready: c.readinessProbe?.httpGet?.path,
        live: c.livenessProbe?.httpGet?.path,
        livePort: c.livenessProbe?.httpGet?.port,
        port: port?.containerPort,
      }).toEqual({
        name: d.metadata.name,
        ready: '/health/ready',
        live: '/health/live',
        livePort: c.readinessProbe?.httpGet?.port,
        port: Number(env[portVar[d.metadata.name as keyof typeof portVar]]),
      });
    }
  });

  it('compose: the API and the worker are healthy when /health/ready answers on their configured port', () => {
    const portVar = { api: 'API_PORT', worker: 'WORKER_HTTP_PORT' } as const;
    for (const [name, variable] of Object.entries(portVar)) {
      const s = services[name];
      const test = (s.healthcheck?.test ?? []).join(' ');
      expect({
        name,
        url: /'http:\/\/127\.0\.0\.1:' \+ process\.env\.(\w+) \+ '(\/health\/\w+)'/.exec(test)?.slice(1),
      }).toEqual({
        name,
        url: [variable, '/health/ready'],
      });
      expect(s.environment?.[variable]).toEqual(expect.any(Number));
    }
    expect(services.api.ports).toEqual([`${services.api.environment?.API_PORT}:${services.api.environment?.API_PORT}`]);
  });

  it('the Service sends to the API pods’ http port', () => {
    const [svc] = k8sOf('Service');
    const api = k8sOf('Deployment').find((d) => d.metadata.name === 'partyflow-api') as K8sObject;
    expect(svc.spec?.selector).toEqual((api.spec?.template as { metadata: { labels: object } }).metadata.labels);
    expect(svc.spec?.ports?.map((p) => p.targetPort)).toEqual(['http']);
    expect((api.spec?.selector as { matchLabels: object }).matchLabels).toEqual(svc.spec?.selector);
  });
});

describe('non-root and bounded [issue 12 §3: non-root images, resource requests]', () => {
  it('the runtime image runs as the unprivileged uid 1000, and nothing after switches back', () => {
    for (const target of ['api', 'worker']) {
      const users = stageChain(stages, target).filter((i) => i.op === 'USER');
      expect({ target, users: users.map((u) => u.args) }).toEqual({ target, users: ['1000:1000'] });
    }
  });

  it('every Kubernetes pod runs as non-root uid 1000 without privilege escalation, with requests and limits', () => {
    for (const { name, pod } of podSpecs()) {
      for (const c of pod.containers) {
        expect({
          name,
          runAsNonRoot: pod.securityContext?.runAsNonRoot,
          runAsUser: pod.securityContext?.runAsUser,
          escalation: c.securityContext?.allowPrivilegeEscalation,
          requests: Object.keys(c.resources?.requests ?? {}).sort(),
          limits: Object.keys(c.resources?.limits ?? {}).sort(),
        }).toEqual({
          name,
          runAsNonRoot: true,
          runAsUser: 1000,
          escalation: false,
          requests: ['cpu', 'memory'],
          limits: ['cpu', 'memory'],
        });
      }
    }
  });

  it('no compose service of the application overrides the image’s user', () => {
    expect(appServices.filter(([, s]) => s.user !== undefined).map(([n]) => n)).toEqual([]);
  });
});

describe('start commands [issue 12 §3: the same start commands as the tested topology]', () => {
  it('the api and worker targets run `nx serve api` and `nx serve worker`', () => {
    expect(cmdOf(stages, 'api')).toBe(serveCommand('api'));
    expect(cmdOf(stages, 'worker')).toBe(serveCommand('worker'));
    expect(serveCommand('api')).toBe('node -r ./infra/scripts/register.js apps/api/src/main.ts');
  });

  it('Kubernetes runs the same commands, each in the image of its target', () => {
    const byImage = { 'partyflow-api': 'api', 'partyflow-worker': 'worker' } as const;
    for (const d of k8sOf('Deployment')) {
      const c = podOf(d).containers[0];
      expect({ name: d.metadata.name, command: c.command?.join(' ') }).toEqual({
        name: d.metadata.name,
        command: cmdOf(stages, byImage[c.image as keyof typeof byImage]),
      });
    }
    const job = podOf(k8sOf('Job')[0]).containers[0];
    expect({ image: job.image, command: job.command?.join(' ') }).toEqual({
      image: 'partyflow-api',
      command: MIGRATE_COMMAND,
    });
  });

  it('compose builds each service from the target its image is named for, and migrates with the migrate step', () => {
    for (const [name, s] of appServices) {
      expect({
        name,
        image: s.image,
        dockerfile: s.build?.dockerfile,
        context: path.resolve(ROOT, 'infra/compose', s.build?.context ?? ''),
      }).toEqual({
        name,
        image: `partyflow-${s.build?.target}`,
        dockerfile: 'infra/docker/Dockerfile',
        context: ROOT,
      });
    }
    expect(services.api.command).toBeUndefined();
    expect(services.worker.command).toBeUndefined();
    expect(services.migrate.command?.join(' ')).toBe(MIGRATE_COMMAND);
    expect(existsSync(path.join(ROOT, 'infra/deploy/migrate.ts'))).toBe(true);
  });
});

describe('the image build [issue 12 §3: multi-stage, Node 20, npm ci, nx build, the bundle built at image build]', () => {
  it('deps → build → runtime on Node 20 slim at or above package.json engines, npm ci from the lock file', () => {
    expect(stages.slice(1).map((s) => `${s.name}<${s.from}`)).toEqual([
      'deps<${NODE_IMAGE}',
      'build<deps',
      'runtime<${NODE_IMAGE}',
      'api<runtime',
      'worker<runtime',
    ]);
    const [image] = argDefault(stages, 'NODE_IMAGE');
    const [, major, minor] = /^node:(\d+)\.(\d+)\.\d+-bookworm-slim$/.exec(image) as RegExpExecArray;
    expect(readJson<{ engines: { node: string } }>('package.json').engines.node).toBe('>=20.19');
    expect([Number(major), Number(minor) >= 19]).toEqual([20, true]);
    expect(
      stageChain(stages, 'deps')
        .filter((i) => i.op === 'RUN')
        .map((i) => i.args),
    ).toEqual(['npm install -g npm@11.19.1', 'npm ci']);
  });

  it('the build runs nx build api, worker and web: targets that exist, writing what the runtime copies', () => {
    const runs = stages
      .find((s) => s.name === 'build')
      ?.instructions.filter((i) => i.op === 'RUN')
      .map((i) => i.args);
    expect(runs).toEqual([
      'bash infra/scripts/web-api-types.sh',
      'npx nx build api && npx nx build worker',
      'npx nx build web',
    ]);
    expect(existsSync(path.join(ROOT, 'infra/scripts/web-api-types.sh'))).toBe(true);
    for (const project of ['api', 'worker'])
      expect(readJson<Project>(`apps/${project}/project.json`).targets.build).toBeDefined();
    expect(readJson<Project>('apps/web/project.json').targets.build.options.command).toBe(
      'vite build --config apps/web/vite.config.mts',
    );
    // nx build worker writes the prebuilt bundle the production worker loads; vite writes the page the API serves.
    expect(readJson<Project>('apps/worker/project.json').targets.build.options.command).toContain(
      'apps/worker/src/build-bundle.ts',
    );
    expect(path.relative(ROOT, PREBUILT_BUNDLE_PATH)).toBe('dist/apps/worker/workflow-bundle.js');
    expect(read('apps/web/vite.config.mts')).toContain('outDir: `${workspace}/dist/apps/web`');
    expect(loadConfig({}).api.webDist).toBe('dist/apps/web');
  });

  it('every path the image copies exists in the build context (not excluded by .dockerignore) or is built', () => {
    const built = ['node_modules', 'dist/apps/web', 'dist/apps/worker'];
    const copies = stages.flatMap((s) => s.instructions).filter((i) => i.op === 'COPY');
    const problems: string[] = [];
    for (const copy of copies) {
      const words = copy.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const fromBuild = copy.args.includes('--from=build');
      for (const source of words.slice(0, -1)) {
        const file = fromBuild ? path.posix.relative('/app', source) : source;
        if (fromBuild && built.includes(file)) continue;
        if (file === '.') continue;
        if (!existsSync(path.join(ROOT, file))) problems.push(`${copy.stage}: ${source} does not exist`);
        else if (ignored(file)) problems.push(`${copy.stage}: ${source} is excluded by .dockerignore`);
      }
    }
    expect(problems).toEqual([]);
    expect(copies.length).toBe(13);
  });

  it('.dockerignore keeps local state, dependencies and built files out of the context, and no source', () => {
    expect(['node_modules', '.data', 'dist/apps/web/index.html', '.git', 'build.log'].filter(ignored)).toEqual([
      'node_modules',
      '.data',
      'dist/apps/web/index.html',
      '.git',
      'build.log',
    ]);
    expect(
      ['apps/api/src/main.ts', 'package-lock.json', 'libs/config/src/app-config.ts', 'infra/deploy/migrate.ts'].filter(
        ignored,
      ),
    ).toEqual([]);
  });
});

describe('Temporal on PostgreSQL [issue 12 §3: the official server image and Helm chart]', () => {
  const helm = (): {
    server: {
      image: { tag: string };
      config: {
        persistence: Record<'default' | 'visibility', { driver: string; sql: { driver: string; database: string } }>;
        namespaces: { create: boolean; namespace: Array<{ name: string }> };
      };
    };
  } & Record<string, { enabled?: boolean }> => parseYaml(read('infra/k8s/temporal/values.postgresql.yaml'));

  it('the Helm values put persistence and visibility on PostgreSQL and create the namespace the app uses', () => {
    const values = helm();
    const { persistence, namespaces } = values.server.config;
    expect([persistence.default.driver, persistence.default.sql.driver, persistence.default.sql.database]).toEqual([
      'sql',
      'postgres12',
      'temporal',
    ]);
    expect([
      persistence.visibility.driver,
      persistence.visibility.sql.driver,
      persistence.visibility.sql.database,
    ]).toEqual(['sql', 'postgres12', 'temporal_visibility']);
    expect(namespaces.create).toBe(true);
    expect(namespaces.namespace.map((n) => n.name)).toEqual([configMap.data?.TEMPORAL_NAMESPACE]);
    expect(['cassandra', 'elasticsearch', 'mysql', 'postgresql'].map((c) => values[c].enabled)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('compose and Helm run the one server version, the one the cluster topology builds', () => {
    const env = read('infra/scripts/env.sh');
    const pinned = /TEMPORAL_SERVER_VERSION="v?([\d.]+)"/.exec(env)?.[1] ?? '1.29.1';
    expect(services.temporal.image).toBe(`temporalio/auto-setup:${pinned}`);
    expect(helm().server.image.tag).toBe(pinned);
    expect(composeEnv(services.temporal)).toMatchObject({
      DB: 'postgres12',
      DBNAME: 'temporal',
      VISIBILITY_DBNAME: 'temporal_visibility',
    });
    expect(composeEnv(services.temporal).DEFAULT_NAMESPACE).toBe(services.api.environment?.TEMPORAL_NAMESPACE);
  });

  it('the kustomization lists every manifest of the base', () => {
    const kustomization = parseYaml(read('infra/k8s/base/kustomization.yaml')) as { resources: string[] };
    expect(kustomization.resources.slice().sort()).toEqual([...new Set(k8s.map((m) => m.file))].sort());
  });
});
