/**
 * Container image references as the container runtime reads them (the Docker reference grammar):
 * `[registry/]repository[:tag][@digest]`, with Docker Hub and the `library/` prefix implied when absent.
 */

export interface ImageReference {
  /** The image string as written. */
  raw: string;
  /** Registry host (with port): `registry.example.com:5000`; `docker.io` when the image names none. */
  registry: string;
  /** True when the image string itself names the registry. */
  explicitRegistry: boolean;
  /** Repository path without registry: `team/web`, `library/nginx`. */
  repository: string;
  tag?: string;
  /** `sha256:…` when pinned by digest. */
  digest?: string;
}

import { memoizeByString } from '../string-memo.js';

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Parses an image reference; never throws (an odd string yields an odd but usable reference). Shared and frozen. */
export const parseImage: (raw: string) => Readonly<ImageReference> = memoizeByString(parseImageText);

function parseImageText(raw: string): ImageReference {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  // Only a first component with a dot, a port or `localhost` is a registry (`team/web` is a Docker Hub path).
  const explicitRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = !explicitRegistry || DOCKER_HUB_ALIASES.has(first) ? DOCKER_HUB : first;
  let repository = explicitRegistry ? rest.slice(slash + 1) : rest;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return {
    raw,
    registry,
    explicitRegistry,
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** A well-formed digest: `algorithm:hex` with at least 32 hex digits. Several rules ask about every image. */
const isWellFormedDigest = memoizeByString((digest) => /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Fa-f0-9]{32,}$/.test(digest));

/** Pinned to immutable content: `…@sha256:<64 hex>` (other algorithms count when they are well formed). */
export function isDigestPinned(image: ImageReference): boolean {
  return image.digest !== undefined && isWellFormedDigest(image.digest);
}
