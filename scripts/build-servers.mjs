// Builds the two Node servers to plain JavaScript that runs with `node`, no tsx:
// apps/idp/src/main.ts → apps/idp/dist/main.js, apps/edu-portal/src/main.ts → apps/edu-portal/dist/main.js,
// and the operator commands apps/idp/src/cli/*.ts → apps/idp/dist/cli/*.js (docs/deployment.md runs them
// on nodes installed without dev dependencies).
//
// The workspace packages (@uia/*) export TypeScript sources, so they are bundled in; every other
// package stays an import of node_modules, and must be a `dependencies` entry of the app (or of the
// @uia package that imports it): production installs with `npm ci --omit=dev` (scripts/check-server-build.sh).
//
// Files read at run time are found through `import.meta.url` (the portal, app and console builds, the idp's
// static styles, the common-password list, the edu-portal's stylesheet). In the bundle every module's
// `import.meta.url` is rewritten to its source file's URL, relative to the bundle: the bundle runs
// from the repository checkout, so those files are where the sources expect them, wherever the
// checkout lives.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Each bundle: its app (whose package.json declares the dependencies), source entry and output file. */
const BUNDLES = [
  { app: 'apps/idp', entry: 'src/main.ts', out: 'dist/main.js' },
  { app: 'apps/idp', entry: 'src/cli/rotate-pii-key.ts', out: 'dist/cli/rotate-pii-key.js' },
  { app: 'apps/idp', entry: 'src/cli/admin.ts', out: 'dist/cli/admin.js' },
  { app: 'apps/idp', entry: 'src/cli/rotate-signing-key.ts', out: 'dist/cli/rotate-signing-key.js' },
  { app: 'apps/edu-portal', entry: 'src/main.ts', out: 'dist/main.js' },
];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
/** The package a bare import names: `pg`, `@fastify/cookie`, `oidc-provider/lib/x` → `oidc-provider`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
/** The nearest package.json above a source file. */
function owningPackage(file) {
  for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
    try {
      return { dir, json: readJson(join(dir, 'package.json')) };
    } catch {
      // no package.json here: keep climbing
    }
  }
  throw new Error(`no package.json above ${file}`);
}

function serverPlugin(outdir, undeclared) {
  return {
    name: 'uia-server',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
        if (path.startsWith('node:') || builtinModules.includes(path)) return { path, external: true };
        // The workspace's own TypeScript packages: bundled (esbuild resolves them through node_modules/@uia).
        if (path.startsWith('@uia/')) return undefined;
        const name = packageOf(path);
        const owner = owningPackage(importer);
        if (!owner.json.dependencies?.[name]) undeclared.add(`${name} (imported by ${relative(root, importer)}; not in ${relative(root, owner.dir)}/package.json dependencies)`);
        return { path, external: true };
      });
      pluginBuild.onLoad({ filter: /\.ts$/ }, ({ path }) => {
        const source = readFileSync(path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = relative(outdir, path).split('\\').join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

for (const { app, entry, out } of BUNDLES) {
  const outfile = join(root, app, out);
  const outdir = dirname(outfile);
  const undeclared = new Set();
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, app, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [serverPlugin(outdir, undeclared)],
  });
  if (undeclared.size > 0) {
    console.error(`${app}: packages used at run time must be "dependencies" (production installs with npm ci --omit=dev):\n  ${[...undeclared].join('\n  ')}`);
    process.exit(1);
  }
  console.log(`built ${app}/${out}`);
}
