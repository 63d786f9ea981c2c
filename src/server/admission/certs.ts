/**
 * Certificates for the self-managed TLS mode (conventions §2.4): an ECDSA P-256 certificate authority and a
 * serving certificate signed by it for the webhook Service's DNS names (`svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.cluster.local`, plus any extra names and IPs), with serverAuth usage. The caBundle of the
 * ValidatingWebhookConfiguration is the CA certificate, base64-encoded. On request, also a client certificate
 * (clientAuth usage) signed by the same CA, with which the API server authenticates itself to the webhook
 * (`serve --client-ca`).
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertificateRequest {
  service: string;
  namespace: string;
  /** Extra DNS names, e.g. `localhost` for tests. */
  dnsNames?: readonly string[];
  /** IP addresses, e.g. `127.0.0.1` for tests on loopback. */
  ipAddresses?: readonly string[];
  /** Validity of the certificates; default 365 days. */
  days?: number;
  /** Also issue a client certificate with this common name (for the API server, e.g. `kube-apiserver`). */
  clientName?: string;
  now?: Date;
}

export interface WebhookCertificates {
  caCert: string;
  caKey: string;
  cert: string;
  key: string;
  /** base64 of the CA certificate PEM: the VWC's `clientConfig.caBundle`. */
  caBundle: string;
  dnsNames: string[];
  /** With `clientName`: the API server's client certificate and key. */
  client?: { cert: string; key: string };
}

/** The names the API server may use to reach the Service. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`];
}

function serialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** PEM files end with a newline; the caBundle is the base64 of exactly what ca.crt holds. */
function withNewline(pem: string): string {
  return pem.endsWith('\n') ? pem : `${pem}\n`;
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  return withNewline(x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY'));
}

export async function createWebhookCertificates(request: CertificateRequest): Promise<WebhookCertificates> {
  const notBefore = new Date((request.now ?? new Date()).getTime() - 5 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + (request.days ?? 365) * DAY_MS);
  const caKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${request.service}-ca`,
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const dnsNames = [...serviceDnsNames(request.service, request.namespace), ...(request.dnsNames ?? [])];
  const leafKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${request.service}.${request.namespace}.svc`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingKey: caKeys.privateKey,
    publicKey: leafKeys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
    ],
  });
  const client = request.clientName !== undefined ? await clientCertificate(ca, caKeys.privateKey, request.clientName, notBefore, notAfter) : undefined;
  const caCert = withNewline(ca.toString('pem'));
  return {
    caCert,
    caKey: await privateKeyPem(caKeys.privateKey),
    cert: withNewline(leaf.toString('pem')),
    key: await privateKeyPem(leafKeys.privateKey),
    caBundle: Buffer.from(caCert).toString('base64'),
    dnsNames,
    ...(client ? { client } : {}),
  };
}

/** A clientAuth certificate with common name `name`, signed by the CA. */
async function clientCertificate(ca: x509.X509Certificate, caKey: webcrypto.CryptoKey, name: string, notBefore: Date, notAfter: Date): Promise<{ cert: string; key: string }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: `CN=${escapeDnValue(name)}`,
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: withNewline(certificate.toString('pem')), key: await privateKeyPem(keys.privateKey) };
}

/**
 * Another client certificate from an existing CA (its ca.crt and ca.key): a new name, or a new certificate for the
 * API server before the old one expires, without replacing the CA the webhook trusts.
 */
export async function issueClientCertificate(request: { caCert: string; caKey: string; name: string; days?: number; now?: Date }): Promise<{ cert: string; key: string }> {
  const ca = new x509.X509Certificate(request.caCert);
  const der = x509.PemConverter.decodeFirst(request.caKey);
  const caKey = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
  const notBefore = new Date((request.now ?? new Date()).getTime() - 5 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + (request.days ?? 365) * DAY_MS);
  return clientCertificate(ca, caKey, request.name, notBefore, notAfter);
}

/** An RDN value as RFC 4514 writes it: the special characters escaped, so a name cannot add attributes. */
function escapeDnValue(value: string): string {
  return value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, '\\ ');
}
