import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

/**
 * The part of `kustomize build` that deploy/k8s uses, for tests on a machine without the kustomize
 * binary (the npm registry has none): resources (files and directories), namespace, images,
 * secretGenerator/configMapGenerator from env files without a name hash, and JSON 6902 patches
 * (add, replace, remove) selected by kind and name. A kustomization using anything else is refused,
 * so a manifest change cannot pass the tests through a feature this renderer would ignore.
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

interface Generator {
  name: string;
  envs?: string[];
  literals?: string[];
  options?: { disableNameSuffixHash?: boolean };
  behavior?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  secretGenerator?: Generator[];
  configMapGenerator?: Generator[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'secretGenerator',
  'configMapGenerator',
  'patches',
]);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'IngressClass',
  'PriorityClass',
  'StorageClass',
]);

/** Reads a file of the kustomization; tests pass another reader to supply files kept out of git. */
export type FileReader = (path: string) => string;
const readFromDisk: FileReader = (path) => readFileSync(path, 'utf8');

export function kustomize(dir: string, read: FileReader = readFromDisk): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parse(read(file)) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: unsupported by the test renderer: ${unsupported.join(', ')}`);

  let objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(dir, resource);
    if (existsSync(path) && statSync(path).isDirectory()) objects.push(...kustomize(path, read));
    else objects.push(...parseObjects(read(path), path));
  }
  for (const [kind, generators] of [
    ['Secret', kustomization.secretGenerator],
    ['ConfigMap', kustomization.configMapGenerator],
  ] as const) {
    for (const generator of generators ?? []) objects.push(generate(kind, generator, dir, read));
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = objects.filter((o) => o.kind === target.kind && o.metadata.name === target.name);
    if (matches.length !== 1)
      throw new Error(`${file}: patch target ${target.kind}/${target.name} matches ${matches.length} objects`);
    for (const operation of parse(patch) as { op: string; path: string; value?: unknown }[])
      applyOperation(matches[0]!, operation);
  }
  for (const image of kustomization.images ?? []) {
    for (const container of objects.flatMap(containersOf)) {
      if (imageName(container.image) !== image.name) continue;
      container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
    }
  }
  if (kustomization.namespace) {
    objects = objects.map((o) =>
      CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: kustomization.namespace } },
    );
  }
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (seen.has(id)) throw new Error(`${file}: ${id} is defined twice`);
    seen.add(id);
  }
  return objects;
}

function parseObjects(text: string, path: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
    const value = document.toJS() as K8sObject | null;
    return value ? [value] : [];
  });
}

function generate(kind: 'Secret' | 'ConfigMap', generator: Generator, dir: string, read: FileReader): K8sObject {
  if (!generator.options?.disableNameSuffixHash)
    throw new Error(`${kind} generator ${generator.name}: the test renderer supports only disableNameSuffixHash: true`);
  if (generator.behavior && generator.behavior !== 'create')
    throw new Error(`${kind} generator ${generator.name}: behavior ${generator.behavior} is not supported`);
  const data: Record<string, string> = {};
  const entries = [
    ...(generator.envs ?? []).flatMap((env) => envFileEntries(read(resolve(dir, env)))),
    ...(generator.literals ?? []),
  ];
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1) throw new Error(`${kind} generator ${generator.name}: "${entry}" is not KEY=VALUE`);
    // kustomize takes the value as written, quotes included.
    data[entry.slice(0, at)] = entry.slice(at + 1);
  }
  const metadata = { name: generator.name };
  return kind === 'Secret'
    ? {
        apiVersion: 'v1',
        kind,
        metadata,
        type: 'Opaque',
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      }
    : { apiVersion: 'v1', kind, metadata, data };
}

function envFileEntries(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** JSON pointer segments (RFC 6901). */
function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function applyOperation(target: K8sObject, operation: { op: string; path: string; value?: unknown }): void {
  const segments = pointer(operation.path);
  const last = segments.pop()!;
  let parent: unknown = target;
  for (const segment of segments) {
    parent = (parent as Record<string, unknown>)[segment];
    if (parent === undefined) throw new Error(`patch ${operation.op} ${operation.path}: ${segment} does not exist`);
  }
  const list = Array.isArray(parent) ? (parent as unknown[]) : undefined;
  const map = parent as Record<string, unknown>;
  const exists = list ? Number(last) < list.length : last in map;
  switch (operation.op) {
    case 'add':
      if (list) list.splice(last === '-' ? list.length : Number(last), 0, operation.value);
      else map[last] = operation.value;
      return;
    case 'replace':
      if (!exists) throw new Error(`patch replace ${operation.path}: nothing to replace`);
      if (list) list[Number(last)] = operation.value;
      else map[last] = operation.value;
      return;
    case 'remove':
      if (!exists) throw new Error(`patch remove ${operation.path}: nothing to remove`);
      if (list) list.splice(Number(last), 1);
      else delete map[last];
      return;
    default:
      throw new Error(`patch op ${operation.op} is not supported by the test renderer`);
  }
}

export interface Container {
  name: string;
  image: string;
  [field: string]: unknown;
}

/** The containers and init containers of a workload's pod template. */
export function containersOf(object: K8sObject): Container[] {
  const spec = (
    object.spec as { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } } | undefined
  )?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

function imageName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}
