/**
 * The Kubernetes format library (1.31+): `format.dns1123Label().validate(name)` returns optional.none() when
 * the value is valid, else optional.of(list of errors); `format.named("uuid")` looks a format up by name.
 * Error texts follow k8s.io/apimachinery/pkg/util/validation.
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import { parseUrl } from './url.js';

type Validator = (value: string) => string[];

export class NamedFormat {
  constructor(
    readonly name: string,
    readonly validate: Validator,
  ) {}
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';

function maxLength(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters`] : [];
}

function regexError(what: string, pattern: string, examples: string[]): string {
  return `${what} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${pattern}')`;
}

const dns1123Label: Validator = (value) => [
  ...maxLength(value, 63),
  ...(new RegExp(`^${DNS1123_LABEL}$`).test(value) ? [] : [regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, ['my-name', '123-abc'])]),
];

const dns1123Subdomain: Validator = (value) => [
  ...maxLength(value, 253),
  ...(new RegExp(`^${DNS1123_SUBDOMAIN}$`).test(value) ? [] : [regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, ['example.com'])]),
];

const dns1035Label: Validator = (value) => [
  ...maxLength(value, 63),
  ...(new RegExp(`^${DNS1035_LABEL}$`).test(value) ? [] : [regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, ['my-name', 'abc-123'])]),
];

const qualifiedName: Validator = (value) => {
  const parts = value.split('/');
  let name = value;
  const errors: string[] = [];
  if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...dns1123Subdomain(prefix).map((e) => `prefix part ${e}`));
  } else if (parts.length > 2) {
    return [regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc']) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  if (name.length > 0 && !new RegExp(`^${QUALIFIED_NAME}$`).test(name)) {
    errors.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyName', 'my.name', '123-abc'])}`);
  }
  return errors;
};

const labelValue: Validator = (value) => [
  ...maxLength(value, 63),
  ...(new RegExp(`^${LABEL_VALUE}$`).test(value) ? [] : [regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME, ['MyValue', 'my_value', '12345'])]),
];

/** generateName prefixes may end in '-': Kubernetes masks a trailing dash before validating. */
function prefixOf(validator: Validator): Validator {
  return (value) => validator(value.endsWith('-') ? `${value.slice(0, -1)}a` : value);
}

const FORMATS: Record<string, Validator> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: prefixOf(dns1123Label),
  dns1123SubdomainPrefix: prefixOf(dns1123Subdomain),
  dns1035LabelPrefix: prefixOf(dns1035Label),
  labelValue,
  uri: (value) => (parseUrl(value) ? [] : ['invalid URI']),
  uuid: (value) => (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value) ? [] : ['invalid UUID']),
  byte: (value) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) ? [] : ['invalid base64']),
  date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? [] : ['invalid date']),
  datetime: (value) => (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)) ? [] : ['invalid datetime']),
};

class FormatNamespace {}

export function registerFormat(env: Environment): void {
  env.registerType('kubernetes.NamedFormat', NamedFormat);
  env.registerType('kubeward.FormatNamespace', FormatNamespace);
  env.registerConstant('format', 'kubeward.FormatNamespace', new FormatNamespace());
  for (const [name, validate] of Object.entries(FORMATS)) {
    const format = new NamedFormat(name, validate);
    env.registerFunction(`kubeward.FormatNamespace.${name}(): kubernetes.NamedFormat`, () => format);
  }
  env.registerFunction('kubeward.FormatNamespace.named(string): optional<kubernetes.NamedFormat>', (_: unknown, name: string) => {
    const validate = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
    return validate ? Optional.of(new NamedFormat(name, validate)) : Optional.none();
  });
  env.registerFunction('kubernetes.NamedFormat.validate(string): optional<list<string>>', (format: NamedFormat, value: string) => {
    const errors = format.validate(value);
    return errors.length === 0 ? Optional.none() : Optional.of(errors);
  });
}
