import { describe, expect, it } from 'vitest';
import { CelCompileError, compileCel } from './compile.js';
import { fromCel } from './values.js';

const site = { policy: 'test', field: 'expression' };
const run = (expression: string, version?: string) => fromCel(compileCel(expression, site, { kubernetesVersion: version }).evaluate({}));

describe('Kubernetes CEL libraries', () => {
  it.each([
    ['"AB12".matches("(?i)^ab\\\\d+$")', true],
    ['"a.b".matches("\\\\Qa.b\\\\E")', true],
    ['"x9".matches("[[:alpha:]][[:digit:]]")', true],
    ['"abc 123 def 45".findAll("[0-9]+")', ['123', '45']],
    ['"abc 123".find("[0-9]+")', '123'],
    ['[1, 2, 3].isSorted() && [3, 1].max() == 3 && [2.5, 1.5].sum() == 4.0', true],
    ['[1, 2, 1].lastIndexOf(1)', 2],
    ['quantity("1Gi").isGreaterThan(quantity("1000Mi")) && quantity("500m").add(quantity("0.5")).asInteger() == 1', true],
    ['quantity("1.5Gi").compareTo(quantity("1536Mi"))', 0],
    ['url("https://example.com:8443/a/b?x=1&x=2").getQuery()', { x: ['1', '2'] }],
    ['url("https://example.com:8443/a").getPort() + url("https://[::1]/").getHostname()', '8443::1'],
    ['cidr("10.0.0.0/8").containsIP(ip("10.20.30.40")) && !cidr("10.0.0.0/8").containsCIDR("11.0.0.0/16")', true],
    ['string(ip("2001:0db8:0000:0000:0000:0000:0000:0001")) + " " + string(cidr("192.168.1.7/24").masked())', '2001:db8::1 192.168.1.0/24'],
    ['ip("fe80::1").isLinkLocalUnicast() && ip("127.0.0.1").isLoopback() && !ip("10.0.0.1").isLoopback()', true],
    ['isIP("::ffff:1.2.3.4") || isIP("01.2.3.4")', false],
    ['semver("1.2.3-rc.1").isLessThan(semver("1.2.3")) && semver("v1.30", true).minor() == 30', true],
    ['format.dns1123Label().validate("ok-name").hasValue() || format.named("uuid").value().validate("x").value().size() != 1', false],
    ['sets.contains([1, 2, 3], [3, 1]) && sets.intersects(["a"], ["b", "a"]) && !sets.equivalent([1], [1, 2])', true],
    ['"a-b-c".replace("-", "+", 1) + " " + "%s=%d".format(["x", 42]) + " " + strings.quote("q\\"")', 'a+b-c x=42 "q\\""'],
    ['[3, 1, 2].sort() == [1, 2, 3] && [[1], [2, [3]]].flatten() == [1, 2, [3]] && lists.range(3) == [0, 1, 2]', true],
    ['optional.of(1).orValue(2) + optional.none().orValue(5)', 6],
    ['authorizer.group("apps").resource("deployments").check("create").allowed()', false],
  ])('%s', (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it('gates libraries by Kubernetes release', () => {
    expect(() => run('semver("1.0.0").major()', '1.32')).toThrow(CelCompileError);
    expect(run('semver("1.0.0").major()', '1.33')).toBe(1);
    expect(() => run('[1].includes(1)', '1.34')).toThrow(CelCompileError);
    expect(run('[1].includes(1)', '1.37')).toBe(true);
    expect(() => run('optional.of(1).hasValue()', '1.27')).toThrow();
    expect(() => run('{}.?a', '1.27')).toThrow(CelCompileError);
  });

  it('rejects what RE2 rejects, at compile time for literal patterns', () => {
    expect(() => compileCel('"aa".matches("(a)\\\\1")', site)).toThrow(/invalid escape sequence/);
    expect(() => compileCel('"ab".matches("a(?=b)")', site)).toThrow(/Perl syntax/);
  });

  it('reports compile errors with the expression position', () => {
    try {
      compileCel('object.spec.replicas >\n  ', { policy: 'ValidatingAdmissionPolicy p', field: 'spec.validations[0].expression' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CelCompileError);
      expect((error as CelCompileError).position).toEqual({ line: 2, column: 3 });
      expect((error as Error).message).toMatch(/^ValidatingAdmissionPolicy p: spec\.validations\[0\]\.expression: 2:3: /);
    }
  });

  it('caches compiled programs by release and text', () => {
    const a = compileCel('1 + 1 == 2', site);
    const b = compileCel('1 + 1 == 2', { policy: 'other', field: 'f' });
    expect(a.evaluate({})).toBe(true);
    expect(b.site.policy).toBe('other');
  });

  it('bounds evaluation cost even when || would absorb the error', () => {
    expect(() => run('lists.range(1500).exists(i, lists.range(1500).all(j, j >= 0) && false) || true')).toThrow(/cost limit exceeded/);
    expect(() => compileCel('[1].all(x, true)', site).evaluate({}, { cost: 0 })).toThrow(/cost limit exceeded/);
  });

  it('meters library calls in expressions without comprehensions, whatever the function is called', () => {
    const tight = { cost: 2 };
    expect(() => compileCel('sets.contains([1, 2, 3], [1]) || true', site).evaluate({}, tight)).toThrow(/cost limit exceeded/);
    expect(() => compileCel('"abcdef".matches("a") || true', site).evaluate({}, tight)).toThrow(/cost limit exceeded/);
    expect(() => compileCel('cel.bind(x, 1, x == 1) || true', site).evaluate({}, { cost: 0 })).toThrow(/cost limit exceeded/);
    expect(compileCel('"abcdef".contains("a") && size([1, 2, 3]) == 3', site).evaluate({}, { cost: 0 })).toBe(true);
  });
});
