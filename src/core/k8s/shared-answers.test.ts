import { describe, expect, it } from 'vitest';
import { pod } from '../../testing/index.js';
import { addedCapabilitiesWhere, dropsCapability } from './capabilities.js';
import { containersOf } from './containers.js';
import { isAbove, isSameOrBelow, normaliseHostPath } from './host-path.js';
import { podSpecOf } from './pod-spec.js';
import { effectiveValuesByPath } from './pod-traits.js';

// Helpers that many rules call for the same object (some keep answers between calls) must follow edits to it.
describe('helpers shared by rules', () => {
  it('effectiveValuesByPath answers again after a pod or container value changes', () => {
    const object = pod();
    const view = podSpecOf(object)!;
    const views = containersOf(view.spec, view.specPath);
    expect(effectiveValuesByPath(view.spec, view.specPath, views, 'runAsUser')).toEqual(effectiveValuesByPath(view.spec, view.specPath, views, 'runAsUser'));
    views[1].container.securityContext = { ...views[1].container.securityContext, runAsUser: 0 };
    const changed = effectiveValuesByPath<number>(view.spec, view.specPath, views, 'runAsUser');
    expect(changed.find((entry) => entry.path === 'spec.containers[0].securityContext.runAsUser')?.value).toBe(0);
    view.spec.securityContext = { ...view.spec.securityContext, runAsUser: 7 };
    const podLevel = effectiveValuesByPath<number>(view.spec, view.specPath, views, 'runAsUser');
    expect(podLevel.find((entry) => entry.from === 'pod')?.value).toBe(7);
  });

  it('capability entries follow edits to the add and drop lists', () => {
    const object = pod((p) => { p.spec.containers[0].securityContext.capabilities = { add: ['net_admin'], drop: ['ALL'] }; });
    const view = podSpecOf(object)!;
    const app = containersOf(view.spec, view.specPath).find((v) => v.name === 'app')!;
    const added = () => addedCapabilitiesWhere(view.spec, view.specPath, () => true).map(({ name, written, path }) => ({ name, written, path }));
    expect(added().map((entry) => entry.name)).toEqual(['NET_ADMIN']);
    app.container.securityContext.capabilities.add[0] = 'SYS_ADMIN';
    app.container.securityContext.capabilities.add.push('CAP_NET_RAW');
    expect(added()).toEqual([
      { name: 'SYS_ADMIN', written: 'SYS_ADMIN', path: 'spec.containers[0].securityContext.capabilities.add[0]' },
      { name: 'NET_RAW', written: 'CAP_NET_RAW', path: 'spec.containers[0].securityContext.capabilities.add[1]' },
    ]);
    expect(dropsCapability(app, new Set(['ALL']))).toBe(true);
    app.container.securityContext.capabilities.drop = ['all'];
    expect(dropsCapability(app, new Set(['ALL']))).toBe(true);
    app.container.securityContext.capabilities.drop = [];
    expect(dropsCapability(app, new Set(['ALL']))).toBe(false);
    expect(addedCapabilitiesWhere(view.spec, view.specPath, (name) => name === 'NET_RAW').map((entry) => [entry.view.name, entry.path]))
      .toEqual([['app', 'spec.containers[0].securityContext.capabilities.add[1]']]);
  });

  it('normalises host paths and matches patterns the same way on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(normaliseHostPath('/var/../run//docker.sock/')).toBe('/run/docker.sock');
      expect(isSameOrBelow('/home/alice/.aws/credentials', '/home/*/.aws')).toBe(true);
      expect(isSameOrBelow('/home/alice', '/home/*/.aws')).toBe(false);
      expect(isAbove('/home', '/home/*/.aws')).toBe(true);
      expect(isAbove('/home/alice/.aws', '/home/*/.aws')).toBe(false);
    }
  });
});
