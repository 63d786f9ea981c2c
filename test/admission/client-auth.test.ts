/**
 * Client certificates (`serve --client-ca`): over real HTTPS, /validate and /metrics answer only clients whose
 * certificate verifies against the client CA (and, with --client-name, carries an allowed name), while /healthz and
 * /readyz stay open for the kubelet; a swapped CA file applies to new connections. `certs --client` writes the
 * API server's client certificate with its AdmissionConfiguration and kubeconfig.
 */
import { X509Certificate } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { issueClientCertificate } from '../../src/server/admission/certs.js';
import { defaultAdmissionSettings } from '../../src/server/admission/settings.js';
import { builtinRegistry } from '../../src/rules/index.js';
import { pod } from '../../src/testing/fixtures.js';
import { runKubectl } from '../../src/testing/kubectl.js';
import { eventually, REPO_ROOT, removeDir, reviewOf, startServer, tempDir, type TestCerts, type TestServer } from './helpers.js';

interface ClientCerts extends TestCerts {
  clientCert: string;
  clientKey: string;
  err: string;
}

/** `kubeward admission certs --client NAME` for loopback. */
async function certsWithClient(name: string): Promise<ClientCerts> {
  const dir = tempDir();
  const io = memoryIo({ now: () => new Date() });
  const code = await runCli(['admission', 'certs', '--out', dir, '--ip', '127.0.0.1', '--dns', 'localhost', '--days', '2', '--client', name], io);
  if (code !== 0) throw new Error(`admission certs failed: ${io.err()}`);
  const caFile = path.join(dir, 'ca.crt');
  return {
    dir,
    caFile,
    certFile: path.join(dir, 'tls.crt'),
    keyFile: path.join(dir, 'tls.key'),
    ca: readFileSync(caFile, 'utf8'),
    caBundle: io.out().trim(),
    clientCert: readFileSync(path.join(dir, 'client.crt'), 'utf8'),
    clientKey: readFileSync(path.join(dir, 'client.key'), 'utf8'),
    err: io.err(),
  };
}

interface Answer {
  status: number;
  body: string;
}

/** One request on a new connection, trusting `ca`, presenting `client` when given. */
function call(port: number, ca: string, method: string, urlPath: string, client?: { cert: string; key: string }, body?: string): Promise<Answer> {
  const agent = new Agent({ ca, keepAlive: false, ...(client ?? {}) });
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: urlPath, method, agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        agent.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', (error) => {
      agent.destroy();
      reject(error);
    });
    req.end(body);
  });
}

const review = () => JSON.stringify(reviewOf(pod(), { namespace: 'shop' }));

let ours: ClientCerts;
/** Same name, another CA. */
let foreign: ClientCerts;
/** Another name, signed by our CA. */
let other: { cert: string; key: string };

beforeAll(async () => {
  [ours, foreign] = await Promise.all([certsWithClient('kube-apiserver'), certsWithClient('kube-apiserver')]);
  other = await issueClientCertificate({ caCert: ours.ca, caKey: readFileSync(path.join(ours.dir, 'ca.key'), 'utf8'), name: 'someone-else', days: 1 });
});

afterAll(() => {
  for (const certs of [ours, foreign]) if (certs) removeDir(certs.dir);
});

describe('certs --client', () => {
  it('issues a clientAuth certificate for the name, signed by ca.crt, with the key private', () => {
    expect(new X509Certificate(other.cert).checkIssued(new X509Certificate(ours.ca))).toBe(true);
    const certificate = new X509Certificate(ours.clientCert);
    expect(certificate.subject).toBe('CN=kube-apiserver');
    expect(certificate.checkIssued(new X509Certificate(ours.ca))).toBe(true);
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(statSync(path.join(ours.dir, 'client.key')).mode & 0o777).toBe(0o600);
    expect(ours.err).toContain('--client-name kube-apiserver');
  });

  it("writes the API server's AdmissionConfiguration and a kubeconfig whose user is the Service's DNS name", () => {
    const config = jsYaml.load(readFileSync(path.join(ours.dir, 'apiserver-admission-config.yaml'), 'utf8')) as any;
    expect(config).toMatchObject({ apiVersion: 'apiserver.config.k8s.io/v1', kind: 'AdmissionConfiguration' });
    expect(config.plugins).toEqual([
      { name: 'ValidatingAdmissionWebhook', configuration: { apiVersion: 'apiserver.config.k8s.io/v1', kind: 'WebhookAdmissionConfiguration', kubeConfigFile: '/etc/kubernetes/kubeward-webhook-kubeconfig.yaml' } },
    ]);
    const kubeconfigFile = path.join(ours.dir, 'apiserver-webhook-kubeconfig.yaml');
    expect(statSync(kubeconfigFile).mode & 0o777).toBe(0o600);
    const kubeconfig = jsYaml.load(readFileSync(kubeconfigFile, 'utf8')) as any;
    expect(kubeconfig.users).toHaveLength(1);
    expect(kubeconfig.users[0].name).toBe('kubeward-webhook.kubeward.svc');
    expect(Buffer.from(kubeconfig.users[0].user['client-certificate-data'], 'base64').toString('utf8')).toBe(ours.clientCert);
    expect(Buffer.from(kubeconfig.users[0].user['client-key-data'], 'base64').toString('utf8')).toBe(ours.clientKey);
  });
});

describe('serve --client-ca (any name the CA signed)', () => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    server = await startServer(ours, defaultAdmissionSettings(builtinRegistry()), { serve: { tls: { certFile: ours.certFile, keyFile: ours.keyFile, clientCaFile: ours.caFile } } });
    port = server.running.port;
  });
  afterAll(() => server?.close());

  it('answers a verified client', async () => {
    const answer = await call(port, ours.ca, 'POST', '/validate?timeout=5s', { cert: ours.clientCert, key: ours.clientKey }, review());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).response.allowed).toBe(true);
    // Without --client-name, any name the CA signed.
    expect((await call(port, ours.ca, 'POST', '/validate?timeout=5s', other, review())).status).toBe(200);
  });

  it('refuses a client without a certificate on /validate and /metrics with a 403 Status, and keeps the probes open', async () => {
    const answer = await call(port, ours.ca, 'POST', '/validate?timeout=5s', undefined, review());
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Forbidden', code: 403 });
    expect(JSON.parse(answer.body).message).toContain('none presented');
    expect((await call(port, ours.ca, 'GET', '/metrics')).status).toBe(403);
    expect((await call(port, ours.ca, 'GET', '/healthz')).status).toBe(200);
    expect((await call(port, ours.ca, 'GET', '/readyz')).status).toBe(200);
  });

  it('refuses a client without a certificate before reading its body', async () => {
    // Headers announce 5 MB that never come: the answer must not wait for (or buffer) them.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: ours.ca, servername: 'localhost' }, () => {
        socket.write('POST /validate?timeout=10s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"kind":');
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer before the body: ${text}`)), 3000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('none presented');
  });

  it('refuses a certificate from another CA, naming the reason, and counts the refusals', async () => {
    const answer = await call(port, ours.ca, 'POST', '/validate?timeout=5s', { cert: foreign.clientCert, key: foreign.clientKey }, review());
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toMatch(/client CA is required \(.+\)/);
    const metrics = await call(port, ours.ca, 'GET', '/metrics', { cert: ours.clientCert, key: ours.clientKey });
    expect(metrics.status).toBe(200);
    const forbidden = /kubeward_admission_bad_requests_total\{reason="forbidden"\} (\d+)/.exec(metrics.body);
    expect(Number(forbidden?.[1])).toBeGreaterThanOrEqual(3);
  });
});

describe("Go's TLS client (kubectl create --raw), as the API server calls the webhook", () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startServer(ours, defaultAdmissionSettings(builtinRegistry()), {
      serve: { tls: { certFile: ours.certFile, keyFile: ours.keyFile, clientCaFile: ours.caFile }, clientNames: ['kube-apiserver'] },
    });
    dir = tempDir();
    writeFileSync(path.join(dir, 'review.json'), review());
  });
  afterAll(async () => {
    await server?.close();
    if (dir) removeDir(dir);
  });

  /** The kubeconfig `certs --client` wrote for the API server (or `user` instead of its user), with a cluster entry for kubectl. */
  function kubeconfigWith(user?: Record<string, unknown>): string {
    const written = jsYaml.load(readFileSync(path.join(ours.dir, 'apiserver-webhook-kubeconfig.yaml'), 'utf8')) as any;
    const userName = written.users[0].name;
    const config = {
      ...written,
      users: [{ name: userName, user: user ?? written.users[0].user }],
      clusters: [{ name: 'webhook', cluster: { server: `https://127.0.0.1:${server.running.port}`, 'certificate-authority-data': Buffer.from(ours.ca).toString('base64') } }],
      contexts: [{ name: 'webhook', context: { cluster: 'webhook', user: userName } }],
      'current-context': 'webhook',
    };
    const file = path.join(dir, user ? 'kubeconfig-replaced-user.yaml' : 'kubeconfig-written.yaml');
    writeFileSync(file, jsYaml.dump(config), { mode: 0o600 });
    return file;
  }

  it('is answered with the client certificate from the kubeconfig that certs --client wrote', async () => {
    const result = await runKubectl(kubeconfigWith(), path.join(dir, 'cache'), ['create', '--raw', '/validate?timeout=10s', '-f', path.join(dir, 'review.json')]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { allowed: true } });
  });

  it('is refused without a client certificate, and kubectl reads the 403 Status', async () => {
    const result = await runKubectl(kubeconfigWith({ token: 'not-a-certificate' }), path.join(dir, 'cache'), ['create', '--raw', '/validate?timeout=10s', '-f', path.join(dir, 'review.json')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('a client certificate signed by the configured client CA is required (none presented)');
  });
});

describe('serve --client-ca --client-name', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(ours, defaultAdmissionSettings(builtinRegistry()), {
      serve: { tls: { certFile: ours.certFile, keyFile: ours.keyFile, clientCaFile: ours.caFile }, clientNames: ['kube-apiserver'] },
    });
  });
  afterAll(() => server?.close());

  it('answers the allowed name and refuses another name the same CA signed', async () => {
    const port = server.running.port;
    expect((await call(port, ours.ca, 'POST', '/validate?timeout=5s', { cert: ours.clientCert, key: ours.clientKey }, review())).status).toBe(200);
    const refused = await call(port, ours.ca, 'POST', '/validate?timeout=5s', other, review());
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).message).toBe('the client certificate ("someone-else") is not one of the allowed names');
  });
});

it('applies a swapped client CA file to new connections without a restart', async () => {
  const dir = tempDir();
  const caFile = path.join(dir, 'client-ca.crt');
  copyFileSync(ours.caFile, caFile);
  const server = await startServer(ours, defaultAdmissionSettings(builtinRegistry()), { serve: { tls: { certFile: ours.certFile, keyFile: ours.keyFile, clientCaFile: caFile } } });
  try {
    const port = server.running.port;
    const asForeign = () => call(port, ours.ca, 'POST', '/validate?timeout=5s', { cert: foreign.clientCert, key: foreign.clientKey }, review());
    expect((await asForeign()).status).toBe(403);
    copyFileSync(foreign.caFile, `${caFile}.tmp`);
    renameSync(`${caFile}.tmp`, caFile);
    expect((await eventually(asForeign, (answer) => answer.status === 200)).status).toBe(200);
    expect((await call(port, ours.ca, 'POST', '/validate?timeout=5s', { cert: ours.clientCert, key: ours.clientKey }, review())).status).toBe(403);
  } finally {
    await server.close();
    removeDir(dir);
  }
});

describe('flags', () => {
  async function serve(args: string[]): Promise<{ code: number; err: string }> {
    const io = memoryIo({ cwd: REPO_ROOT, env: {} });
    const code = await runCli(['admission', 'serve', '--tls-cert', ours.certFile, '--tls-key', ours.keyFile, '--port', '0', ...args], io);
    return { code, err: io.err() };
  }

  it('--client-name without --client-ca stops the start', async () => {
    const { code, err } = await serve(['--client-name', 'kube-apiserver']);
    expect(code).toBe(2);
    expect(err).toContain('--client-name needs --client-ca');
  });

  it('a --client-ca file without a certificate stops the start, naming the file', async () => {
    const { code, err } = await serve(['--client-ca', ours.keyFile]);
    expect(code).toBe(2);
    expect(err).toContain(`--client-ca: ${ours.keyFile}: not a PEM certificate`);
  });

  it('manifests --client-name passes the Secret\'s ca.crt and the names to serve', async () => {
    const io = memoryIo({ cwd: REPO_ROOT, env: {} });
    const code = await runCli(['admission', 'manifests', '--cert-manager', '--client-name', 'kube-apiserver'], io);
    expect(code).toBe(0);
    const deployment = jsYaml.loadAll(io.out()).find((object: any) => object?.kind === 'Deployment') as any;
    const args: string[] = deployment.spec.template.spec.containers[0].args;
    expect(args).toContain('--client-ca=/etc/kubeward/tls/ca.crt');
    expect(args).toContain('--client-name=kube-apiserver');
    // cert-manager issues the API server's client certificate from the CA the webhook trusts.
    const client = jsYaml.loadAll(io.out()).find((object: any) => object?.kind === 'Certificate' && object.metadata.name === 'kubeward-apiserver-client') as any;
    expect(client.spec).toMatchObject({ commonName: 'kube-apiserver', usages: ['client auth', 'digital signature'], issuerRef: { name: 'kubeward-ca', kind: 'Issuer' } });
  });
});
