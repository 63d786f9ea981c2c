/**
 * Certificates for the self-managed TLS mode (conventions §2.4): an ECDSA P-256 certificate authority and a
 * serving certificate signed by it for the webhook Service's DNS names (`svc`, `svc.ns`, `svc.ns.svc`,
 * `svc.ns.svc.cluster.local`, plus any extra names and IPs), with serverAuth usage. The caBundle of the
 * ValidatingWebhookConfiguration is the CA certificate, base64-encoded.
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
  /** Validity of both certificates; default 365 days. */
  days?: number;
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
  const caCert = withNewline(ca.toString('pem'));
  return {
    caCert,
    caKey: await privateKeyPem(caKeys.privateKey),
    cert: withNewline(leaf.toString('pem')),
    key: await privateKeyPem(leafKeys.privateKey),
    caBundle: Buffer.from(caCert).toString('base64'),
    dnsNames,
  };
}
