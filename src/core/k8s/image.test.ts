import { describe, expect, it } from 'vitest';
import { isDigestPinned, parseImage } from './image.js';

const DIGEST = 'sha256:0d6f4e2b3c5a7f9e1d2c4b6a8f0e2d4c6b8a0f1e3d5c7b9a1f3e5d7c9b1a3f5e';

describe('parseImage', () => {
  it.each([
    ['nginx', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['docker.io/library/busybox:1.36', { registry: 'docker.io', explicitRegistry: true, repository: 'library/busybox', tag: '1.36' }],
    ['index.docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['localhost:5000/web', { registry: 'localhost:5000', repository: 'web' }],
    ['localhost/web:1', { registry: 'localhost', repository: 'web', tag: '1' }],
    ['registry.example.com:5000/team/web:2.1', { registry: 'registry.example.com:5000', repository: 'team/web', tag: '2.1' }],
    [`ghcr.io/org/tool@${DIGEST}`, { registry: 'ghcr.io', repository: 'org/tool', digest: DIGEST }],
    [`nginx:latest@${DIGEST}`, { repository: 'library/nginx', tag: 'latest', digest: DIGEST }],
  ])('%s', (raw, expected) => {
    expect(parseImage(raw)).toMatchObject(expected);
  });

  it('leaves tag and digest out when absent', () => {
    const reference = parseImage('registry.example.com/web');
    expect(reference.tag).toBeUndefined();
    expect(reference.digest).toBeUndefined();
  });
});

describe('isDigestPinned', () => {
  it('accepts a well-formed digest only', () => {
    expect(isDigestPinned(parseImage(`nginx@${DIGEST}`))).toBe(true);
    expect(isDigestPinned(parseImage('nginx@sha256:abc'))).toBe(false);
    expect(isDigestPinned(parseImage('nginx:1.27'))).toBe(false);
  });
});
