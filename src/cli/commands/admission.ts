/**
 * `kubeward admission serve|manifests|certs`: run the validating webhook (PSS, the built-in checks and CEL
 * policies at admission), print its install manifests, or create its CA and serving certificate. Wires flags
 * and files to src/server/admission; the server modules load only when a subcommand runs.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, EMPTY_CONFIG, type ResolvedConfig } from '../../core/config.js';
import { ErrorCodes, UsageError } from '../../core/errors.js';
import { isSeverity, type Severity } from '../../core/finding.js';
import { formatFieldError, parsePodSecurityConfigurationText, defaultPodSecurityConfiguration, type PodSecurityConfiguration } from '../../analysers/pss/index.js';
import type { PolicySet } from '../../policy/index.js';
import { loadConfigFile } from '../../io/config-file.js';
import { builtinRegistry } from '../../rules/index.js';
import { createLogger, isLogLevel, type Logger, type LogLevel } from '../../server/admission/log.js';
import type { NamespaceCache } from '../../server/admission/namespaces.js';
import { DEFAULT_TIME_BUDGET_MS, FAILURE_MODES, parseActions, type AdmissionSettings, type FailureMode } from '../../server/admission/settings.js';
import type { CliIo } from '../io.js';
import { VERSION, type CliState } from '../program.js';
import { filesFingerprint } from '../../io/fingerprint.js';
import { readNamespaceLabels } from '../../io/namespace-labels.js';

const collect = (value: string, previous: string[]) => [...previous, value];

const DEFAULT_RELOAD_INTERVAL = '2s';
const DEFAULT_WARM_UP_REVIEWS = '5000';

/** RFC 1918: where control planes usually reach webhooks from. */
const PRIVATE_CIDRS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export interface ServeFlags {
  tlsCert: string;
  tlsKey: string;
  /** CA bundle that signs the API server's client certificate: /validate and /metrics then require one. */
  clientCa?: string;
  /** Allowed client certificate names (CN or DNS SAN); empty: any certificate the client CA signed. */
  clientName?: string[];
  host: string;
  port: string;
  workers: string;
  metricsPort?: string;
  config?: string;
  policy: string[];
  pssConfig?: string;
  namespaceLabels?: string;
  kubeconfig?: string;
  context?: string;
  action: string[];
  denyAt: string;
  warnAt: string;
  failureMode: string;
  exemptNamespace: string[];
  exemptUser: string[];
  exemptGroup: string[];
  exemptRuntimeClass: string[];
  selfNamespace?: string;
  selfServiceAccount: string;
  allowAnnotationExemptions?: boolean;
  kubernetesVersion?: string;
  timeBudget: string;
  maxBodyBytes: string;
  shutdownDelay: string;
  drainTimeout: string;
  /** How often to look for changed configuration files (`0s`: never reload). */
  reloadInterval?: string;
  /** Sample reviews answered before serving (`0`: none). */
  warmUpReviews?: string;
  /** False with --no-batching. */
  batching?: boolean;
  logLevel: string;
}

/** `500ms`, `5s`, `1m` or a plain number of milliseconds. */
export function parseDuration(value: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new UsageError(ErrorCodes.USAGE, `${flag} ${value}: expected a duration such as 500ms, 5s or 1m`);
  const amount = Number(match[1]);
  return Math.round(match[2] === 's' ? amount * 1000 : match[2] === 'm' ? amount * 60_000 : amount);
}

function parseInteger(value: string, flag: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(ErrorCodes.USAGE, `${flag} ${value}: expected a whole number from ${min} to ${max}`);
  return number;
}

function parseSeverityFlag(value: string, flag: string): Severity {
  if (!isSeverity(value)) throw new UsageError(ErrorCodes.USAGE, `${flag} ${value}: expected critical | high | medium | low | info`);
  return value;
}

function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(ErrorCodes.USAGE, `${flag} ${file}: ${(error as Error).message}`);
  }
}

function readAdmissionConfig(flags: ServeFlags, io: CliIo): ResolvedConfig {
  if (!flags.config) return EMPTY_CONFIG;
  try {
    return loadConfigFile(path.resolve(io.cwd, flags.config), builtinRegistry());
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(ErrorCodes.CONFIG_INVALID, error.message);
    throw new UsageError(ErrorCodes.CONFIG_READ, `--config ${flags.config}: ${(error as Error).message}`);
  }
}

function readPodSecurityConfig(flags: ServeFlags, io: CliIo): PodSecurityConfiguration {
  if (!flags.pssConfig) return defaultPodSecurityConfiguration();
  const parsed = parsePodSecurityConfigurationText(readText(path.resolve(io.cwd, flags.pssConfig), '--pss-config'));
  if (!parsed.ok) throw new UsageError(ErrorCodes.PSS_CONFIG_INVALID, `--pss-config ${flags.pssConfig} is not a valid PodSecurityConfiguration:\n${parsed.errors.map((e) => `  ${formatFieldError(e)}`).join('\n')}`);
  return parsed.config;
}

async function readPolicySetStrict(paths: readonly string[], io: CliIo, kubernetesVersion: string | undefined): Promise<PolicySet | undefined> {
  if (paths.length === 0) return undefined;
  for (const policyPath of paths) {
    if (!existsSync(path.resolve(io.cwd, policyPath))) throw new UsageError(ErrorCodes.USAGE, `--policy ${policyPath}: no such file or directory`);
  }
  const { readPolicySet } = await import('../../policy/index.js');
  try {
    return rejectBroken(await readPolicySet(paths.map((p) => path.resolve(io.cwd, p)), { cwd: io.cwd, ...(kubernetesVersion ? { kubernetesVersion } : {}) }));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(ErrorCodes.POLICY_INVALID, `--policy: ${(error as Error).message}`);
  }
}

/** A webhook that silently skips a broken policy would allow what it should deny: refuse to start instead. */
function rejectBroken(set: PolicySet): PolicySet {
  const errors = set.diagnostics.filter((d) => d.level === 'error' || d.level === 'fatal');
  if (errors.length > 0) throw new UsageError(ErrorCodes.POLICY_INVALID, `--policy: ${errors.length} policy problem(s):\n${errors.map((d) => `  ${d.message}`).join('\n')}`);
  return set;
}

/** Reads every file the flags name and checks every value: the webhook's settings, or a UsageError. */
export async function loadAdmissionSettings(flags: ServeFlags, io: CliIo): Promise<AdmissionSettings> {
  const registry = builtinRegistry();
  const config = readAdmissionConfig(flags, io);
  const podSecurity = readPodSecurityConfig(flags, io);
  const policies = await readPolicySetStrict(flags.policy, io, flags.kubernetesVersion);
  const { actions, problems } = parseActions(flags.action, registry, policies);
  if (problems.length > 0) throw new UsageError(ErrorCodes.USAGE, problems.join('\n'));
  if (!(FAILURE_MODES as readonly string[]).includes(flags.failureMode)) throw new UsageError(ErrorCodes.USAGE, `--failure-mode ${flags.failureMode}: expected ${FAILURE_MODES.join(' | ')}`);
  return {
    registry,
    config,
    denyAt: parseSeverityFlag(flags.denyAt, '--deny-at'),
    warnAt: parseSeverityFlag(flags.warnAt, '--warn-at'),
    actions,
    podSecurity,
    ...(flags.kubernetesVersion ? { kubernetesVersion: flags.kubernetesVersion } : {}),
    ...(policies ? { policies } : {}),
    exemptions: { namespaces: flags.exemptNamespace, usernames: flags.exemptUser, groups: flags.exemptGroup, runtimeClasses: flags.exemptRuntimeClass },
    self: { namespace: flags.selfNamespace ?? io.env.POD_NAMESPACE ?? 'kubeward', serviceAccount: flags.selfServiceAccount },
    failureMode: flags.failureMode as FailureMode,
    allowAnnotationExemptions: Boolean(flags.allowAnnotationExemptions),
    timeBudgetMs: parseDuration(flags.timeBudget, '--time-budget'),
  };
}

/** `--namespace-labels FILE`, else the cluster (`--kubeconfig`, or in-cluster), else none. */
export async function openNamespaceCache(flags: ServeFlags, io: CliIo, logger: Logger): Promise<() => NamespaceCache> {
  const namespaces = await import('../../server/admission/namespaces.js');
  if (flags.namespaceLabels) {
    const file = path.resolve(io.cwd, flags.namespaceLabels);
    readNamespaceLabels(file);
    return () => namespaces.watchNamespaceFile(file, { read: readNamespaceLabels, logger });
  }
  if (flags.kubeconfig || flags.context || io.env.KUBERNETES_SERVICE_HOST) {
    const { loadKubeConfig } = await import('../../io/cluster.js');
    const connection = loadKubeConfig({ kubeconfig: flags.kubeconfig, context: flags.context, env: io.env, cwd: io.cwd });
    return () => namespaces.watchClusterNamespaces(connection.kubeConfig, { logger });
  }
  logger.warn('no namespace labels: pass --namespace-labels FILE or run in a cluster; every namespace gets the Pod Security defaults');
  return () => namespaces.noNamespaces();
}

function parseWorkers(value: string): number {
  if (value === 'auto') return availableParallelism();
  return parseInteger(value, '--workers', 1, 256);
}

async function serve(flags: ServeFlags, io: CliIo): Promise<void> {
  if (!isLogLevel(flags.logLevel)) throw new UsageError(ErrorCodes.USAGE, `--log-level ${flags.logLevel}: expected debug | info | warn | error`);
  const cluster = (await import('node:cluster')).default;
  const logger = createLogger({ level: flags.logLevel as LogLevel, write: io.stdout, base: cluster.isWorker ? { worker: cluster.worker?.id } : { pid: process.pid } });
  const workers = parseWorkers(flags.workers);
  const port = parseInteger(flags.port, '--port', 0, 65535);
  const metricsPort = flags.metricsPort === undefined ? undefined : parseInteger(flags.metricsPort, '--metrics-port', 0, 65535);
  const maxBodyBytes = parseInteger(flags.maxBodyBytes, '--max-body-bytes', 1024, 64 * 1024 * 1024);
  const shutdownDelayMs = parseDuration(flags.shutdownDelay, '--shutdown-delay');
  const drainTimeoutMs = parseDuration(flags.drainTimeout, '--drain-timeout');
  const reloadIntervalMs = parseDuration(flags.reloadInterval ?? DEFAULT_RELOAD_INTERVAL, '--reload-interval');
  const warmUpReviews = parseInteger(flags.warmUpReviews ?? DEFAULT_WARM_UP_REVIEWS, '--warm-up-reviews', 0, 1_000_000);
  const configPaths = [flags.config, flags.pssConfig, ...flags.policy].filter((p): p is string => p !== undefined).map((p) => path.resolve(io.cwd, p));
  const clientNames = flags.clientName ?? [];
  if (clientNames.length > 0 && flags.clientCa === undefined) throw new UsageError(ErrorCodes.USAGE, '--client-name needs --client-ca (the CA that signs those client certificates)');
  const tls = {
    certFile: path.resolve(io.cwd, flags.tlsCert),
    keyFile: path.resolve(io.cwd, flags.tlsKey),
    ...(flags.clientCa !== undefined ? { clientCaFile: path.resolve(io.cwd, flags.clientCa) } : {}),
  };
  const { readKeyPair } = await import('../../server/admission/tls.js');
  try {
    readKeyPair(tls);
  } catch (error) {
    throw new UsageError(ErrorCodes.USAGE, `--tls-cert/--tls-key${flags.clientCa !== undefined ? '/--client-ca' : ''}: ${(error as Error).message}`);
  }
  // Validate everything before serving: a bad flag or file fails the start, not a request.
  let validated: AdmissionSettings | undefined = await loadAdmissionSettings(flags, io);
  const openNamespaces = await openNamespaceCache(flags, io, logger);
  const { runAdmissionServer } = await import('../../server/admission/main.js');
  await runAdmissionServer({
    tls,
    clientNames,
    host: flags.host,
    port,
    workers,
    ...(metricsPort ? { metricsPort } : {}),
    shutdownDelayMs,
    drainTimeoutMs,
    maxBodyBytes,
    version: VERSION,
    logger,
    loadSettings: async () => {
      const settings = validated ?? (await loadAdmissionSettings(flags, io));
      validated = undefined;
      return settings;
    },
    openNamespaces,
    reloadIntervalMs,
    warmUpReviews,
    batching: flags.batching !== false,
    ...(configPaths.length > 0 ? { configFingerprint: () => filesFingerprint(configPaths) } : {}),
  });
}

interface ManifestFlags {
  namespace: string;
  image: string;
  replicas: string;
  failurePolicy: string;
  timeoutSeconds: string;
  certManager?: boolean;
  caBundle?: string;
  policy: string[];
  config?: string;
  apiserverCidr: string[];
  metricsNamespace: string;
  /** Require the API server's client certificate with one of these names (the TLS Secret then holds ca.crt). */
  clientName?: string[];
}

/** Every *.yaml / *.yml under the paths, as ConfigMap entries named after their folder and file. */
function policyFilesOf(paths: readonly string[], io: CliIo): Array<{ name: string; text: string }> {
  const files: Array<{ name: string; text: string }> = [];
  const visit = (full: string, name: string) => {
    const info = statSync(full);
    if (info.isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(full, entry), name ? `${name}-${entry}` : entry);
    } else if (/\.ya?ml$/i.test(full)) {
      const text = readFileSync(full, 'utf8');
      // Tests of the policy library are not policies.
      if (/^kind:\s*(PolicyTest|Suite)\s*$/m.test(text)) return;
      files.push({ name: name || path.basename(full), text });
    }
  };
  for (const input of paths) {
    const full = path.resolve(io.cwd, input);
    try {
      visit(full, statSync(full).isDirectory() ? '' : path.basename(full));
    } catch (error) {
      throw new UsageError(ErrorCodes.USAGE, `--policy ${input}: ${(error as Error).message}`);
    }
  }
  return files;
}

async function printManifests(flags: ManifestFlags, io: CliIo): Promise<void> {
  if (flags.failurePolicy !== 'Ignore' && flags.failurePolicy !== 'Fail') throw new UsageError(ErrorCodes.USAGE, `--failure-policy ${flags.failurePolicy}: expected Ignore or Fail`);
  if (!flags.certManager && !flags.caBundle) {
    throw new UsageError(ErrorCodes.USAGE, 'TLS: pass --cert-manager, or --ca-bundle FILE with the CA certificate from `kubeward admission certs` (its ca.crt)');
  }
  let caBundle: string | undefined;
  if (flags.caBundle) {
    const text = readText(path.resolve(io.cwd, flags.caBundle), '--ca-bundle').trim();
    caBundle = text.startsWith('-----BEGIN') ? Buffer.from(`${text}\n`).toString('base64') : text;
  }
  const registry = builtinRegistry();
  const rules = flags.config ? readAdmissionConfig({ config: flags.config } as ServeFlags, io).rules : undefined;
  const { buildManifests, renderManifests } = await import('../../server/admission/manifests.js');
  const objects = buildManifests({
    namespace: flags.namespace,
    image: flags.image,
    replicas: parseInteger(flags.replicas, '--replicas', 2, 100),
    failurePolicy: flags.failurePolicy,
    timeoutSeconds: parseInteger(flags.timeoutSeconds, '--timeout-seconds', 1, 30),
    certManager: Boolean(flags.certManager),
    ...(caBundle ? { caBundle } : {}),
    policyFiles: policyFilesOf(flags.policy, io),
    apiServerCidrs: flags.apiserverCidr.length > 0 ? flags.apiserverCidr : PRIVATE_CIDRS,
    metricsNamespace: flags.metricsNamespace,
    clientNames: flags.clientName ?? [],
    registry,
    ...(rules ? { rules } : {}),
    version: VERSION,
  });
  if (!flags.image.includes('@sha256:')) io.stderr(`note: --image ${flags.image} is not pinned by digest (kubeward scan reports image-digest); pass --image NAME:TAG@sha256:DIGEST\n`);
  io.stdout(renderManifests(objects));
}

interface CertFlags {
  out: string;
  namespace: string;
  service: string;
  dns: string[];
  ip: string[];
  days: string;
  /** Also issue the API server's client certificate with this common name. */
  client?: string;
  /** Where the API server will read its webhook kubeconfig (named in the AdmissionConfiguration). */
  apiserverKubeconfig: string;
}

async function writeCertificates(flags: CertFlags, io: CliIo): Promise<void> {
  const { createWebhookCertificates } = await import('../../server/admission/certs.js');
  const certificates = await createWebhookCertificates({
    service: flags.service,
    namespace: flags.namespace,
    dnsNames: flags.dns,
    ipAddresses: flags.ip,
    days: parseInteger(flags.days, '--days', 1, 3650),
    now: io.now(),
    ...(flags.client !== undefined ? { clientName: flags.client } : {}),
  });
  const dir = path.resolve(io.cwd, flags.out);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ca.crt'), certificates.caCert);
  writeFileSync(path.join(dir, 'ca.key'), certificates.caKey, { mode: 0o600 });
  writeFileSync(path.join(dir, 'tls.crt'), certificates.cert);
  writeFileSync(path.join(dir, 'tls.key'), certificates.key, { mode: 0o600 });
  let clientNote = '';
  if (certificates.client) {
    const { apiServerAuthFiles } = await import('../../server/admission/apiserver-auth.js');
    const files = apiServerAuthFiles({ service: flags.service, namespace: flags.namespace, clientCert: certificates.client.cert, clientKey: certificates.client.key, kubeconfigPath: flags.apiserverKubeconfig });
    writeFileSync(path.join(dir, 'client.crt'), certificates.client.cert);
    writeFileSync(path.join(dir, 'client.key'), certificates.client.key, { mode: 0o600 });
    writeFileSync(path.join(dir, 'apiserver-admission-config.yaml'), files.admissionConfiguration);
    // It holds the client key.
    writeFileSync(path.join(dir, 'apiserver-webhook-kubeconfig.yaml'), files.kubeconfig, { mode: 0o600 });
    clientNote =
      `wrote ${flags.out}/{client.crt,client.key} for CN=${flags.client}, and for the API server:\n` +
      `      ${flags.out}/apiserver-webhook-kubeconfig.yaml -> copy to ${flags.apiserverKubeconfig} on each control-plane host\n` +
      `      ${flags.out}/apiserver-admission-config.yaml -> kube-apiserver --admission-control-config-file (merge into an existing one)\n`;
  }
  io.stderr(
    `wrote ${flags.out}/{ca.crt,ca.key,tls.crt,tls.key} for ${certificates.dnsNames.join(', ')}${flags.ip.length > 0 ? `, ${flags.ip.join(', ')}` : ''}\n` +
    clientNote +
    (certificates.client
      // serve --client-ca reads the Secret's ca.crt.
      ? `next: kubectl -n ${flags.namespace} create secret generic kubeward-webhook-tls --from-file=${flags.out}/tls.crt --from-file=${flags.out}/tls.key --from-file=${flags.out}/ca.crt\n`
      : `next: kubectl -n ${flags.namespace} create secret tls kubeward-webhook-tls --cert=${flags.out}/tls.crt --key=${flags.out}/tls.key\n`) +
    `      kubeward admission manifests --namespace ${flags.namespace} --ca-bundle ${flags.out}/ca.crt${flags.client !== undefined ? ` --client-name ${flags.client}` : ''} | kubectl apply -f -\n` +
    'caBundle (stdout):\n',
  );
  io.stdout(`${certificates.caBundle}\n`);
}

export default function register(program: Command, io: CliIo, state: CliState): void {
  const admission = program.command('admission').description('The validating admission webhook: Pod Security, the built-in checks and CEL policies at admission');

  admission
    .command('serve')
    .description('Run the webhook (HTTPS POST /validate, /healthz, /readyz, /metrics) until SIGTERM')
    .requiredOption('--tls-cert <file>', 'serving certificate (PEM); reloaded when the file changes')
    .requiredOption('--tls-key <file>', 'its private key (PEM)')
    .option('--client-ca <file>', 'CA (PEM) that signs the API server\'s client certificate: /validate and /metrics then answer only verified clients; reloaded when the file changes')
    .option('--client-name <name>', 'with --client-ca: accept only client certificates with this common name or DNS name (repeatable), e.g. kube-apiserver', collect, [])
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--port <port>', 'HTTPS port', '8443')
    .option('--workers <n>', 'serving processes (node:cluster); auto = one per CPU', '1')
    .option('--metrics-port <port>', 'also serve /metrics over plain HTTP on this port')
    .option('-c, --config <file>', '.kubeward.yaml: which checks run, severities, options, config exemptions')
    .option('--policy <path>', 'ValidatingAdmissionPolicies (+ bindings, params) and Gatekeeper CEL constraints to enforce (repeatable)', collect, [])
    .option('--pss-config <file>', "PSA's PodSecurityConfiguration: defaults for unlabelled namespaces and PSS exemptions")
    .option('--namespace-labels <file>', 'namespace labels offline (map or Namespace objects; reloaded on change) instead of watching the cluster')
    .option('--kubeconfig <file>', 'watch namespaces through this kubeconfig (in a pod: the in-cluster ServiceAccount)')
    .option('--context <name>', 'kubeconfig context')
    .option('--action <id=action>', 'deny | warn | audit for a check id or policy name, overriding severity and bindings (repeatable)', collect, [])
    .option('--deny-at <severity>', 'findings at or above this severity deny', 'high')
    .option('--warn-at <severity>', 'findings at or above this severity (and below --deny-at) warn; the rest are audited', 'medium')
    .option('--failure-mode <mode>', `when evaluation fails: ${FAILURE_MODES.join(' | ')} (auto: deny if what failed could deny)`, 'auto')
    .option('--exempt-namespace <name>', 'never evaluate requests in this namespace (repeatable)', collect, [])
    .option('--exempt-user <name>', 'never evaluate requests by this user (repeatable)', collect, [])
    .option('--exempt-group <name>', 'never evaluate requests by members of this group (repeatable)', collect, [])
    .option('--exempt-runtime-class <name>', 'never evaluate workloads with this runtimeClassName (repeatable)', collect, [])
    .option('--self-namespace <name>', "kubeward's own namespace, always exempt (default: $POD_NAMESPACE or kubeward)")
    .option('--self-service-account <name>', "kubeward's own service account, always exempt", 'kubeward')
    .option('--allow-annotation-exemptions', 'honour kubeward.io/ignore annotations on reviewed objects (off: an object cannot exempt itself)')
    .option('--kubernetes-version <v1.N>', 'newest Kubernetes minor of the cluster: PSS latest and the CEL libraries follow it')
    .option('--time-budget <duration>', 'evaluation time per request before the failure mode decides', `${DEFAULT_TIME_BUDGET_MS}ms`)
    .option('--max-body-bytes <n>', 'larger requests get a 413', String(6 * 1024 * 1024))
    .option('--shutdown-delay <duration>', 'after SIGTERM: keep answering, not ready, for this long before closing', '5s')
    .option('--drain-timeout <duration>', 'after closing: wait this long for requests in flight', '15s')
    .option('--warm-up-reviews <n>', 'sample reviews each serving process answers before it is ready, so that its first real ones run optimised code (0: none)', DEFAULT_WARM_UP_REVIEWS)
    .option('--reload-interval <duration>', 'look this often for changes to --config, --policy and --pss-config and reload them without a restart (0s: never)', DEFAULT_RELOAD_INTERVAL)
    .option('--no-batching', 'evaluate each review as soon as its body arrives, not together with the others that arrived with it (slower at load; for comparison)')
    .option('--log-level <level>', 'debug | info | warn | error', 'info')
    .action(async (flags: ServeFlags) => {
      await serve(flags, io);
      state.exitCode = 0;
    });

  admission
    .command('manifests')
    .description('Print the install manifests: Namespace, RBAC, Deployment, PDB, Service, NetworkPolicies, ValidatingWebhookConfiguration')
    .option('--namespace <name>', 'namespace to install into', 'kubeward')
    .option('--image <image>', 'kubeward container image', `ghcr.io/kubeward/kubeward:${VERSION}`)
    .option('--replicas <n>', 'webhook replicas (2 or more)', '2')
    .option('--failure-policy <policy>', 'Ignore (safe first install) or Fail (once trusted)', 'Ignore')
    .option('--timeout-seconds <n>', 'webhook timeout, 1-30', '5')
    .option('--cert-manager', 'TLS from cert-manager: Issuer, Certificate and CA injection')
    .option('--ca-bundle <file>', 'the CA certificate (ca.crt from `kubeward admission certs`) for self-managed TLS')
    .option('--policy <path>', 'policy files to ship in a ConfigMap and enforce (repeatable)', collect, [])
    .option('-c, --config <file>', '.kubeward.yaml: subscribe to what the enabled checks look at')
    .option('--apiserver-cidr <cidr>', `where the API server connects from, for the NetworkPolicy (repeatable; default ${PRIVATE_CIDRS.join(', ')})`, collect, [])
    .option('--metrics-namespace <name>', 'namespace allowed to scrape the metrics port', 'monitoring')
    .option('--client-name <name>', 'require the API server to present a client certificate with this name, signed by the ca.crt of the TLS Secret (repeatable; see `certs --client`)', collect, [])
    .action(async (flags: ManifestFlags) => {
      await printManifests(flags, io);
      state.exitCode = 0;
    });

  admission
    .command('certs')
    .description('Create a CA and a serving certificate for the webhook Service; prints the caBundle')
    .requiredOption('--out <dir>', 'folder for ca.crt, ca.key, tls.crt, tls.key')
    .option('--namespace <name>', 'namespace of the Service', 'kubeward')
    .option('--service <name>', 'name of the Service', 'kubeward-webhook')
    .option('--dns <name>', 'extra DNS name (repeatable)', collect, [])
    .option('--ip <address>', 'IP address (repeatable), e.g. 127.0.0.1 for tests', collect, [])
    .option('--days <n>', 'validity in days', '365')
    .option('--client <name>', 'also issue a client certificate with this common name for the API server (e.g. kube-apiserver), and its AdmissionConfiguration and kubeconfig')
    .option('--apiserver-kubeconfig <path>', 'where the API server will read the webhook kubeconfig (with --client)', '/etc/kubernetes/kubeward-webhook-kubeconfig.yaml')
    .action(async (flags: CertFlags) => {
      await writeCertificates(flags, io);
      state.exitCode = 0;
    });
}
