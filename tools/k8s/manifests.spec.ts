import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment, IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { IJob, Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { INetworkPolicy, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

/*
 * Renders every overlay under k8s/overlays with `kubectl kustomize`, validates each object against
 * the Kubernetes schema of its kind, and checks the platform rules (k8s/README.md).
 * KUBECTL=/path/to/kubectl picks the renderer (default: kubectl on PATH, installed when missing).
 */

const WORKSPACE = resolve(__dirname, '../..');
const K8S = join(WORKSPACE, 'k8s');
const KUBECTL = process.env['KUBECTL'] || 'kubectl';

const APPS = [
  'gateway',
  'identity',
  'catalog',
  'workflow',
  'licence',
  'payments',
  'logistics',
  'data-sharing',
];
const APPS_WITH_DATABASE = APPS.filter((app) => app !== 'gateway');
const CONFIG_MAP = 'onewindow-config';
const dbSecret = (app: string) => `onewindow-${app}-db`;

/** Secrets an overlay references but must not contain: they come from the external secret manager. */
const EXTERNAL_SECRETS: Record<string, string[]> = {
  prod: [...APPS_WITH_DATABASE.map(dbSecret), 'onewindow-identity-keys', 'onewindow-tls'],
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

type Validate = (object: K8sObject) => void;
const model =
  <T>(Model: new (data: T) => { validate(): void }): Validate =>
  (object) =>
    new Model(object as T).validate();

/** Every apiVersion/kind the overlays may contain. Anything else fails validation. */
const MODELS: Record<string, Validate> = {
  'v1/Namespace': model(Namespace),
  'v1/ConfigMap': model(ConfigMap),
  'v1/Secret': model(Secret),
  'v1/Service': model(Service),
  'v1/ServiceAccount': model(ServiceAccount),
  'apps/v1/Deployment': model(Deployment),
  'batch/v1/Job': model(Job),
  'policy/v1/PodDisruptionBudget': model(PodDisruptionBudget),
  'autoscaling/v2/HorizontalPodAutoscaler': model(HorizontalPodAutoscaler),
  'networking.k8s.io/v1/NetworkPolicy': model(NetworkPolicy),
  'networking.k8s.io/v1/Ingress': model(Ingress),
};

const OVERLAYS = readdirSync(join(K8S, 'overlays'), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && existsSync(join(K8S, 'overlays', entry.name, 'kustomization.yaml')),
  )
  .map((entry) => entry.name)
  .sort();

function render(dir: string): K8sObject[] {
  let output: string;
  try {
    output = execFileSync(KUBECTL, ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${KUBECTL} kustomize ${dir} failed:\n${stderr || String(error)}`);
  }
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(output)) {
    if (document.errors.length > 0)
      throw new Error(`unparsable output of ${dir}: ${document.errors[0].message}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) objects.push(value as K8sObject);
  }
  return objects;
}

/** kustomize v5 folds long base64 values over several lines; the API server's decoder skips line breaks. */
function unwrapBase64(secret: K8sObject): K8sObject {
  const data = (secret['data'] ?? {}) as Record<string, string>;
  return {
    ...secret,
    data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value.replace(/\s+/g, '')])),
  };
}

const ref = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);
const isSubset = (subset: Record<string, string> = {}, of: Record<string, string> = {}) =>
  Object.entries(subset).every(([key, value]) => of[key] === value);

type LabelSelector = NonNullable<INetworkPolicy['spec']>['podSelector'];

/** Whether a label selector (matchLabels and matchExpressions) picks pods with these labels. */
function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  return (
    isSubset(selector.matchLabels, labels) &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'In':
          return key in labels && values.includes(labels[key]);
        case 'NotIn':
          return !(key in labels) || !values.includes(labels[key]);
        case 'Exists':
          return key in labels;
        case 'DoesNotExist':
          return !(key in labels);
        default:
          throw new Error(`unknown selector operator ${operator}`);
      }
    })
  );
}

type Workload = IDeployment | IJob;
const workloads = (objects: K8sObject[]): Workload[] =>
  [...objects.filter(Deployment.is), ...objects.filter(Job.is)] as Workload[];
const podSpec = (workload: Workload): IPodSpec => workload.spec?.template.spec ?? { containers: [] };
const nameOf = (workload: Workload) => `${workload.kind}/${workload.metadata?.name}`;
const podLabels = (workload: Workload) => workload.spec?.template.metadata?.labels ?? {};
const appDeployment = (objects: K8sObject[], app: string) =>
  (objects.filter(Deployment.is) as IDeployment[]).find((deployment) => deployment.metadata?.name === app);
const appJobs = (objects: K8sObject[], app: string) =>
  (objects.filter(Job.is) as IJob[]).filter(
    (job) =>
      podLabels(job)['app.kubernetes.io/name'] === app &&
      podLabels(job)['app.kubernetes.io/component'] === 'migration',
  );

beforeAll(() => {
  execFileSync('bash', [join(__dirname, 'ensure-kubectl.sh')], { stdio: 'inherit', env: process.env });
}, 300_000);

it('finds the dev and prod overlays to check', () => {
  expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const dir = join(K8S, 'overlays', overlay);
  const namespace: string | undefined = parse(
    readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
  )?.namespace;
  let objects: K8sObject[] = [];

  beforeAll(() => {
    objects = render(dir);
  });

  it('renders with kubectl kustomize', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  it('validates every object against the Kubernetes schema of its apiVersion and kind', () => {
    const problems = objects.flatMap((object) => {
      const validate = MODELS[`${object.apiVersion}/${object.kind}`];
      if (!validate)
        return [`${ref(object)}: no schema model for ${object.apiVersion} ${object.kind}; add one to MODELS`];
      try {
        validate(object.kind === 'Secret' ? unwrapBase64(object) : object);
        return [];
      } catch (error) {
        return [`${ref(object)}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it('puts every namespaced object in the overlay namespace', () => {
    expect(namespace).toBeTruthy();
    const stray = objects
      .filter((object) => object.kind !== 'Namespace' && object.metadata.namespace !== namespace)
      .map(ref);
    expect(stray).toEqual([]);
  });

  it('gives every service a Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler and ServiceAccount', () => {
    const missing = APPS.flatMap((app) =>
      ['Deployment', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ServiceAccount']
        .filter((kind) => !objects.some((object) => object.kind === kind && object.metadata.name === app))
        .map((kind) => `${kind}/${app}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every service with a database exactly one migration Job that runs its migrate.js with its database Secret', () => {
    const problems = APPS_WITH_DATABASE.flatMap((app) => {
      const jobs = appJobs(objects, app);
      if (jobs.length !== 1) return [`${app}: ${jobs.length} migration Jobs`];
      const [container] = podSpec(jobs[0]).containers;
      const secretRef = container.env?.find((env) => env.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      return [
        ...(JSON.stringify(container.command) === JSON.stringify(['node', `dist/apps/${app}/migrate.js`])
          ? []
          : [`${app}: command ${JSON.stringify(container.command)}`]),
        ...(secretRef?.name?.startsWith(dbSecret(app)) && secretRef.key === 'url'
          ? []
          : [`${app}: DATABASE_URL not from ${dbSecret(app)}`]),
        ...(jobs[0].spec?.backoffLimit === 3 ? [] : [`${app}: backoffLimit is not 3`]),
        ...(jobs[0].spec?.ttlSecondsAfterFinished ? [] : [`${app}: no ttlSecondsAfterFinished`]),
      ];
    });
    expect(problems).toEqual([]);
    expect(appJobs(objects, 'gateway')).toEqual([]);
  });

  it("applies each migration Job's ServiceAccount and ConfigMap in the pre-rollout phase (-l 'app.kubernetes.io/component!=api')", () => {
    const preRollout = (kind: string, name: string | undefined) =>
      objects.some(
        (object) =>
          object.kind === kind &&
          object.metadata.name === name &&
          object.metadata.labels?.['app.kubernetes.io/component'] !== 'api',
      );
    const problems = (objects.filter(Job.is) as IJob[]).flatMap((job) => {
      const pod = podSpec(job);
      const configMaps = pod.containers
        .flatMap((container) => container.envFrom ?? [])
        .map((source) => source.configMapRef?.name);
      return [
        ...(preRollout('Job', job.metadata?.name) ? [] : ['the Job itself']),
        ...(preRollout('ServiceAccount', pod.serviceAccountName)
          ? []
          : [`ServiceAccount/${pod.serviceAccountName}`]),
        ...configMaps
          .filter((name) => name && !preRollout('ConfigMap', name))
          .map((name) => `ConfigMap/${name}`),
      ].map((problem) => `${nameOf(job)}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });

  it('reads DATABASE_URL from the service database Secret in every Deployment with a database, and never in the gateway', () => {
    const urlSecret = (app: string) =>
      podSpec(appDeployment(objects, app) ?? ({} as IDeployment)).containers[0]?.env?.find(
        (env) => env.name === 'DATABASE_URL',
      )?.valueFrom?.secretKeyRef;
    for (const app of APPS_WITH_DATABASE) {
      expect({
        app,
        name: urlSecret(app)?.name?.startsWith(dbSecret(app)),
        key: urlSecret(app)?.key,
      }).toEqual({ app, name: true, key: 'url' });
    }
    expect(urlSecret('gateway')).toBeUndefined();
  });

  it('probes every Deployment: startup and liveness on /health/live, readiness on /health/ready, all on the http port', () => {
    const problems = (objects.filter(Deployment.is) as IDeployment[]).flatMap((deployment) =>
      podSpec(deployment).containers.flatMap((container) => {
        const probe = (name: 'startupProbe' | 'livenessProbe' | 'readinessProbe', path: string) =>
          container[name]?.httpGet?.path === path && container[name]?.httpGet?.port === 'http'
            ? []
            : [`${nameOf(deployment)} ${container.name}: ${name} is not GET ${path} on http`];
        return [
          ...probe('startupProbe', '/health/live'),
          ...probe('livenessProbe', '/health/live'),
          ...probe('readinessProbe', '/health/ready'),
          ...(container.ports?.some((port) => port.name === 'http' && port.containerPort === 3000)
            ? []
            : [`${nameOf(deployment)}: no http port 3000`]),
        ];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('runs every pod as uid 1000, non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
    const problems = workloads(objects).flatMap((workload) => {
      const pod = podSpec(workload);
      const podProblems = [
        ...(pod.securityContext?.runAsNonRoot === true ? [] : ['pod runAsNonRoot']),
        ...(pod.securityContext?.runAsUser === 1000 ? [] : ['pod runAsUser 1000']),
        ...(pod.securityContext?.seccompProfile?.type === 'RuntimeDefault'
          ? []
          : ['seccompProfile RuntimeDefault']),
      ];
      const containerProblems = [...(pod.initContainers ?? []), ...pod.containers].flatMap((container) => {
        const context = container.securityContext;
        return [
          ...(context?.readOnlyRootFilesystem === true ? [] : [`${container.name} readOnlyRootFilesystem`]),
          ...(context?.allowPrivilegeEscalation === false
            ? []
            : [`${container.name} allowPrivilegeEscalation false`]),
          ...(context?.capabilities?.drop?.includes('ALL')
            ? []
            : [`${container.name} drop ALL capabilities`]),
          ...(context?.runAsNonRoot === false || context?.runAsUser === 0
            ? [`${container.name} runs as root`]
            : []),
          ...(container.volumeMounts?.some((mount) => mount.mountPath === '/tmp')
            ? []
            : [`${container.name} writable /tmp`]),
        ];
      });
      return [...podProblems, ...containerProblems].map((problem) => `${nameOf(workload)}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });

  it('keeps the Kubernetes API token out of every pod', () => {
    const mounted = workloads(objects)
      .filter((workload) => podSpec(workload).automountServiceAccountToken !== false)
      .map(nameOf);
    const accounts = ofKind(objects, 'ServiceAccount').filter(
      (account) => account['automountServiceAccountToken'] !== false,
    );
    expect([...mounted, ...accounts.map(ref)]).toEqual([]);
  });

  it('sets CPU and memory requests and limits on every container', () => {
    const problems = workloads(objects).flatMap((workload) =>
      podSpec(workload).containers.flatMap((container) =>
        ['requests', 'limits'].flatMap((bound) =>
          ['cpu', 'memory']
            .filter((resource) => !container.resources?.[bound as 'requests' | 'limits']?.[resource])
            .map((resource) => `${nameOf(workload)} ${container.name}: no ${resource} ${bound}`),
        ),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('pins every image to an explicit tag or digest, never latest', () => {
    const images = workloads(objects).flatMap((workload) =>
      [...(podSpec(workload).initContainers ?? []), ...podSpec(workload).containers].map(
        (container) => container.image ?? '',
      ),
    );
    expect(images.length).toBeGreaterThan(0);
    const unpinned = images.filter((image) => {
      if (image.includes('@sha256:')) return false;
      const tag = /:([^/:]+)$/.exec(image)?.[1];
      return !tag || tag === 'latest';
    });
    expect(unpinned).toEqual([]);
  });

  it('drains before stopping: preStop sleep, and a grace period that covers it plus SHUTDOWN_TIMEOUT_MS', () => {
    const configMaps = ofKind(objects, 'ConfigMap') as unknown as ConfigMap[];
    const problems = (objects.filter(Deployment.is) as IDeployment[]).flatMap((deployment) => {
      const pod = podSpec(deployment);
      const container = pod.containers[0];
      const configName = container.envFrom?.find((source) => source.configMapRef)?.configMapRef?.name;
      const shutdownMs = Number(
        configMaps.find((configMap) => configMap.metadata?.name === configName)?.data?.[
          'SHUTDOWN_TIMEOUT_MS'
        ],
      );
      const sleep = container.lifecycle?.preStop?.exec?.command;
      const sleepSeconds = sleep?.[0] === 'sleep' ? Number(sleep[1]) : NaN;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (!(sleepSeconds > 0)) return [`${nameOf(deployment)}: no preStop sleep`];
      if (!(shutdownMs > 0)) return [`${nameOf(deployment)}: no SHUTDOWN_TIMEOUT_MS in ${configName}`];
      return sleepSeconds + shutdownMs / 1000 < grace
        ? []
        : [`${nameOf(deployment)}: ${sleepSeconds}s + ${shutdownMs}ms >= ${grace}s`];
    });
    expect(problems).toEqual([]);
  });

  it('rolls Deployments out with no unavailable pod and spreads their pods across nodes', () => {
    const problems = (objects.filter(Deployment.is) as IDeployment[]).flatMap((deployment) => {
      const spec = deployment.spec;
      const spread =
        (podSpec(deployment).topologySpreadConstraints ?? []).some(
          (constraint) => constraint.topologyKey === 'kubernetes.io/hostname',
        ) || !!podSpec(deployment).affinity?.podAntiAffinity;
      return [
        ...(spec?.strategy?.type === 'RollingUpdate' && spec.strategy.rollingUpdate?.maxUnavailable === 0
          ? []
          : ['maxUnavailable 0']),
        ...(spread ? [] : ['spread across nodes']),
      ].map((problem) => `${nameOf(deployment)}: ${problem}`);
    });
    expect(problems).toEqual([]);
  });

  it("points every Service, PodDisruptionBudget and HorizontalPodAutoscaler at its own Deployment's pods, never at migration pods", () => {
    const problems = APPS.flatMap((app) => {
      const deployment = appDeployment(objects, app);
      const labels = podLabels(deployment ?? ({} as IDeployment));
      const jobs = appJobs(objects, app);
      const find = <T>(kind: string) =>
        objects.find((object) => object.kind === kind && object.metadata.name === app) as T | undefined;
      const service = find<Service>('Service');
      const pdb = find<PodDisruptionBudget>('PodDisruptionBudget');
      const hpa = find<HorizontalPodAutoscaler>('HorizontalPodAutoscaler');
      const selects = (selector: Record<string, string> | undefined) =>
        !!selector &&
        Object.keys(selector).length > 0 &&
        isSubset(selector, labels) &&
        !jobs.some((job) => isSubset(selector, podLabels(job)));
      return [
        ...(selects(service?.spec?.selector) ? [] : [`Service/${app} selector`]),
        ...(service?.spec?.ports?.some((port) => port.port === 80 && port.targetPort === 'http')
          ? []
          : [`Service/${app} port 80 -> http`]),
        ...(selects(pdb?.spec?.selector?.matchLabels) ? [] : [`PodDisruptionBudget/${app} selector`]),
        ...(hpa?.spec?.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === app
          ? []
          : [`HorizontalPodAutoscaler/${app} target`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('scales every service on 70% CPU with at least as many replicas as the Deployment asks for', () => {
    const problems = APPS.flatMap((app) => {
      const hpa = objects.find(
        (object) => object.kind === 'HorizontalPodAutoscaler' && object.metadata.name === app,
      ) as HorizontalPodAutoscaler | undefined;
      const cpu = hpa?.spec?.metrics?.find((metric) => metric.resource?.name === 'cpu')?.resource?.target;
      const replicas = appDeployment(objects, app)?.spec?.replicas ?? 1;
      return [
        ...(cpu?.type === 'Utilization' && cpu.averageUtilization === 70 ? [] : [`${app}: not 70% CPU`]),
        ...((hpa?.spec?.minReplicas ?? 1) === replicas
          ? []
          : [`${app}: minReplicas ${hpa?.spec?.minReplicas} != replicas ${replicas}`]),
        ...((hpa?.spec?.maxReplicas ?? 0) > replicas ? [] : [`${app}: maxReplicas leaves no room`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('keeps a disruption budget that still lets a node drain', () => {
    const problems = APPS.flatMap((app) => {
      const pdb = objects.find(
        (object) => object.kind === 'PodDisruptionBudget' && object.metadata.name === app,
      ) as PodDisruptionBudget | undefined;
      const replicas = appDeployment(objects, app)?.spec?.replicas ?? 1;
      const { minAvailable, maxUnavailable } = pdb?.spec ?? {};
      if (typeof maxUnavailable === 'number') return maxUnavailable >= 1 ? [] : [`${app}: maxUnavailable 0`];
      if (typeof minAvailable === 'number')
        return minAvailable >= 1 && minAvailable < replicas
          ? []
          : [`${app}: minAvailable ${minAvailable} of ${replicas}`];
      return [`${app}: no numeric minAvailable or maxUnavailable`];
    });
    expect(problems).toEqual([]);
  });

  describe('network policies', () => {
    const policies = () => objects.filter(NetworkPolicy.is) as INetworkPolicy[];
    const selectsAll = (policy: INetworkPolicy) =>
      Object.keys(policy.spec?.podSelector.matchLabels ?? {}).length === 0 &&
      !(policy.spec?.podSelector.matchExpressions ?? []).length;
    /** Ingress policies with rules that apply to the app's pods (the default deny has none). */
    const ingressFor = (app: string) =>
      policies().filter(
        (policy) =>
          policy.spec?.policyTypes?.includes('Ingress') &&
          (policy.spec.ingress ?? []).length > 0 &&
          selects(policy.spec.podSelector, podLabels(appDeployment(objects, app) ?? ({} as IDeployment))),
      );

    it('denies all ingress in the namespace by default', () => {
      const denyAll = policies().filter(
        (policy) =>
          selectsAll(policy) &&
          policy.spec?.policyTypes?.includes('Ingress') &&
          !(policy.spec?.ingress ?? []).length,
      );
      expect(denyAll).toHaveLength(1);
    });

    it('lets anyone reach the gateway, on its http port only', () => {
      const rules = ingressFor('gateway').flatMap((policy) => policy.spec?.ingress ?? []);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) expect(rule.ports?.map((port) => port.port)).toEqual(['http']);
      expect(rules.some((rule) => !rule.from?.length)).toBe(true);
    });

    it('lets only OneWindow pods and the monitoring namespace reach each internal service, on its http port only', () => {
      const problems = APPS_WITH_DATABASE.flatMap((app) => {
        const rules = ingressFor(app).flatMap((policy) => policy.spec?.ingress ?? []);
        if (!rules.length) return [`${app}: no ingress policy`];
        return rules.flatMap((rule) => {
          const peersOk =
            !!rule.from?.length &&
            rule.from.every(
              (peer) =>
                (peer.podSelector?.matchLabels?.['app.kubernetes.io/part-of'] === 'onewindow' &&
                  !peer.namespaceSelector &&
                  !peer.ipBlock) ||
                (peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring' &&
                  !peer.podSelector &&
                  !peer.ipBlock),
            );
          const portsOk = JSON.stringify(rule.ports?.map((port) => port.port)) === JSON.stringify(['http']);
          return [
            ...(peersOk ? [] : [`${app}: ingress from ${JSON.stringify(rule.from)}`]),
            ...(portsOk ? [] : [`${app}: ingress ports`]),
          ];
        });
      });
      expect(problems).toEqual([]);
    });

    it('allows egress from every pod to DNS, Kafka, PostgreSQL, Redis and the namespace', () => {
      const egress = policies().filter(
        (policy) => selectsAll(policy) && policy.spec?.policyTypes?.includes('Egress'),
      );
      expect(egress).toHaveLength(1);
      const rules = egress[0].spec?.egress ?? [];
      const ports = rules.flatMap((rule) =>
        rule.to?.length ? [] : (rule.ports ?? []).map((port) => `${port.protocol ?? 'TCP'}/${port.port}`),
      );
      expect(ports).toEqual(expect.arrayContaining(['UDP/53', 'TCP/53', 'TCP/9092', 'TCP/5432', 'TCP/6379']));
      expect(
        rules.some(
          (rule) =>
            rule.to?.some(
              (peer) => peer.podSelector && !Object.keys(peer.podSelector).length && !peer.namespaceSelector,
            ) && !rule.ports,
        ),
      ).toBe(true);
    });
  });

  it('exposes only the gateway through an Ingress', () => {
    const backends = (ofKind(objects, 'Ingress') as unknown as Ingress[]).flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).map((path) => path.backend.service?.name),
      ),
    );
    expect(backends.length).toBeGreaterThan(0);
    expect(new Set(backends)).toEqual(new Set(['gateway']));
  });

  it('renders every ConfigMap and Secret a pod or Ingress uses, apart from the documented external Secrets', () => {
    const present = new Set(objects.map(ref));
    const external = new Set(EXTERNAL_SECRETS[overlay] ?? []);
    const used = workloads(objects).flatMap((workload) => {
      const containers = podSpec(workload).containers;
      return [
        ...containers
          .flatMap((container) => container.envFrom ?? [])
          .flatMap((source) => [
            ...(source.configMapRef?.name ? [`ConfigMap/${source.configMapRef.name}`] : []),
            ...(source.secretRef?.name ? [`Secret/${source.secretRef.name}`] : []),
          ]),
        ...containers
          .flatMap((container) => container.env ?? [])
          .flatMap((env) => [
            ...(env.valueFrom?.configMapKeyRef?.name
              ? [`ConfigMap/${env.valueFrom.configMapKeyRef.name}`]
              : []),
            ...(env.valueFrom?.secretKeyRef?.name ? [`Secret/${env.valueFrom.secretKeyRef.name}`] : []),
          ]),
        ...(podSpec(workload).serviceAccountName
          ? [`ServiceAccount/${podSpec(workload).serviceAccountName}`]
          : []),
      ];
    });
    const tls = (ofKind(objects, 'Ingress') as unknown as Ingress[]).flatMap((ingress) =>
      (ingress.spec?.tls ?? []).map((entry) => `Secret/${entry.secretName}`),
    );
    const dangling = [...new Set([...used, ...tls])].filter(
      (name) =>
        !present.has(name) && !(name.startsWith('Secret/') && external.has(name.slice('Secret/'.length))),
    );
    expect(dangling).toEqual([]);
  });
});

describe('prod overlay', () => {
  let objects: K8sObject[] = [];
  beforeAll(() => {
    objects = render(join(K8S, 'overlays', 'prod'));
  });

  it('contains no Secret: database and TLS Secrets come from the external secret manager', () => {
    expect(ofKind(objects, 'Secret').map(ref)).toEqual([]);
  });

  it('names each migration Job after the release its image carries, so a release never edits a finished Job', () => {
    const names = (objects.filter(Job.is) as IJob[]).map((job) => {
      const tag = podSpec(job).containers[0].image?.split(':').pop() ?? '';
      return {
        job: job.metadata?.name,
        expected: `${podLabels(job)['app.kubernetes.io/name']}-migrate-${tag.replace(/[._]/g, '-')}`,
      };
    });
    expect(names.length).toBe(APPS_WITH_DATABASE.length);
    for (const { job, expected } of names) expect(job).toBe(expected);
  });

  it('runs more gateway and workflow replicas than the base, with more HPA headroom everywhere', () => {
    for (const app of ['gateway', 'workflow'])
      expect(appDeployment(objects, app)?.spec?.replicas).toBeGreaterThan(2);
    for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler') as unknown as HorizontalPodAutoscaler[]) {
      expect({ hpa: hpa.metadata?.name, raised: (hpa.spec?.maxReplicas ?? 0) > 6 }).toEqual({
        hpa: hpa.metadata?.name,
        raised: true,
      });
    }
  });
});

describe('dev overlay', () => {
  let objects: K8sObject[] = [];
  beforeAll(() => {
    objects = render(join(K8S, 'overlays', 'dev'));
  });

  it('generates a dev-only database Secret per service that points at the dev PostgreSQL', () => {
    const secrets = ofKind(objects, 'Secret') as unknown as Secret[];
    for (const app of APPS_WITH_DATABASE) {
      const secret = secrets.find((candidate) => candidate.metadata?.name?.startsWith(`${dbSecret(app)}-`));
      const url = Buffer.from(secret?.data?.['url'] ?? '', 'base64').toString('utf8');
      expect({ app, url }).toEqual({
        app,
        url: `postgres://postgres:postgres@postgres.onewindow-dev:5432/onewindow_${app.replace(/-/g, '_')}`,
      });
    }
  });

  it('logs at debug level and runs one replica per service', () => {
    const config = (ofKind(objects, 'ConfigMap') as unknown as ConfigMap[]).find((configMap) =>
      configMap.metadata?.name?.startsWith(`${CONFIG_MAP}-`),
    );
    expect(config?.data?.['LOG_LEVEL']).toBe('debug');
    for (const app of APPS)
      expect({ app, replicas: appDeployment(objects, app)?.spec?.replicas }).toEqual({ app, replicas: 1 });
  });
});

describe('set-release.sh', () => {
  let copy = '';
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'onewindow-k8s-'));
    cpSync(K8S, join(copy, 'k8s'), { recursive: true });
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  const setRelease = (tag: string) =>
    execFileSync('bash', [join(__dirname, 'set-release.sh'), join(copy, 'k8s', 'overlays', 'prod'), tag], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('moves every image tag and migration Job name of an overlay to the new release', () => {
    setRelease('1.4.0-rc.2');
    const objects = render(join(copy, 'k8s', 'overlays', 'prod'));
    const images = workloads(objects).flatMap((workload) =>
      podSpec(workload).containers.map((container) => container.image),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^onewindow\/[a-z-]+:1\.4\.0-rc\.2$/);
    expect((objects.filter(Job.is) as IJob[]).map((job) => job.metadata?.name).sort()).toEqual(
      APPS_WITH_DATABASE.map((app) => `${app}-migrate-1-4-0-rc-2`).sort(),
    );
  });

  it('keeps a numeric-looking tag such as 2.0 a string', () => {
    setRelease('2.0');
    const objects = render(join(copy, 'k8s', 'overlays', 'prod'));
    const images = workloads(objects).flatMap((workload) =>
      podSpec(workload).containers.map((container) => container.image),
    );
    for (const image of images) expect(image).toMatch(/:2\.0$/);
  });

  it('refuses latest and anything that is not an image tag', () => {
    expect(() => setRelease('latest')).toThrow();
    expect(() => setRelease('1.0 beta')).toThrow();
  });
});
