/**
 * The Kubernetes URL library: `url(string)`, `isURL(string)` and the URL accessors. Parsing follows Go's
 * url.ParseRequestURI: an absolute URI or an absolute path, nothing normalised.
 */
import { EvaluationError, type Environment } from '@marcbachmann/cel-js';

export class KubeURL {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly rawQuery: string,
  ) {}
}

const URI = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(#.*)?$/;

export function parseUrl(text: string): KubeURL | undefined {
  if (text === '' || /\s/.test(text) || [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return undefined;
  if (text.startsWith('/')) {
    const query = text.indexOf('?');
    return new KubeURL('', '', query === -1 ? text : text.slice(0, query), query === -1 ? '' : text.slice(query + 1));
  }
  const match = URI.exec(text);
  if (!match) return undefined;
  const [, scheme, authority = '', path, query = ''] = match;
  if (authority === '' && path !== '' && !path.startsWith('/') && match[2] === undefined) {
    // `mailto:x` is an opaque URI; Go accepts it with an empty host.
    return new KubeURL(scheme, '', path, query);
  }
  const host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  if (/%(?![0-9a-fA-F]{2})/.test(host)) return undefined;
  if (host.startsWith('[') && !/^\[[0-9a-fA-F:.]+(%25[^\]]*)?\](:\d*)?$/.test(host)) return undefined;
  if (!host.startsWith('[')) {
    const parts = host.split(':');
    if (parts.length > 2 || (parts.length === 2 && !/^\d*$/.test(parts[1]))) return undefined;
  }
  return new KubeURL(scheme, host, path, query);
}

function hostname(url: KubeURL): string {
  const { host } = url;
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function port(url: KubeURL): string {
  const { host } = url;
  const afterBracket = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host;
  const colon = afterBracket.lastIndexOf(':');
  return colon === -1 ? '' : afterBracket.slice(colon + 1);
}

function escapedPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (ch) => encodeURIComponent(ch));
}

function query(url: KubeURL): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (url.rawQuery === '') return out;
  for (const part of url.rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    (out[key] ??= []).push(decode(eq === -1 ? '' : part.slice(eq + 1)));
  }
  return out;
}

export function registerUrl(env: Environment): void {
  env.registerType('kubernetes.URL', KubeURL);
  env.registerFunction('url(string): kubernetes.URL', (text: string) => {
    const url = parseUrl(text);
    if (!url) throw new EvaluationError(`URL parse error during conversion from string: parse "${text}": invalid URI for request`);
    return url;
  });
  env.registerFunction('isURL(string): bool', (text: string) => parseUrl(text) !== undefined);
  env.registerFunction('kubernetes.URL.getScheme(): string', (url: KubeURL) => url.scheme);
  env.registerFunction('kubernetes.URL.getHost(): string', (url: KubeURL) => url.host);
  env.registerFunction('kubernetes.URL.getHostname(): string', hostname);
  env.registerFunction('kubernetes.URL.getPort(): string', port);
  env.registerFunction('kubernetes.URL.getEscapedPath(): string', (url: KubeURL) => escapedPath(url.path));
  env.registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', query);
}
